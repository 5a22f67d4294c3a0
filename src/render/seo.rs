//! Structured data for search engines and link previews: JSON-LD (a BreadcrumbList on
//! every page with a breadcrumb, a TechArticle for the templates that print it) and the
//! OpenGraph locale names.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::engine::Renderer;
use super::page::KeyedContext;
use super::tape::Tape;
use super::views::{Crumb, PageMeta};
use crate::plan::LocalPage;

impl Renderer<'_> {
    /// Inserts `og_locales`: every locale's OpenGraph locale (`ja_JP`), by language code.
    pub(super) fn og_context(&self, context: &mut KeyedContext) {
        let og_locales: BTreeMap<&str, String> = self
            .site
            .config
            .locales
            .iter()
            .map(|l| (l.code.as_str(), og_locale(&l.code)))
            .collect();
        context.insert("og_locales", &og_locales);
    }

    /// Inserts `breadcrumb_ld` and `article_ld` (JSON-LD, ready to print in a `<script>`
    /// with `| safe`).
    pub(super) fn seo_context(
        &self,
        context: &mut Tape,
        locale: usize,
        meta: &PageMeta,
        crumbs: &[Crumb],
    ) {
        let breadcrumb = if crumbs.is_empty() {
            String::new()
        } else {
            self.breadcrumb_list(meta, crumbs)
        };
        context.insert("breadcrumb_ld", &breadcrumb);
        context.insert("article_ld", &self.tech_article(locale, meta));
    }

    // Both are written as text, not built as `serde_json::Value` trees and serialized:
    // that was 7% of a large build, on every page. Keys are in the order serde_json's
    // maps give them (sorted), so the pages did not change.

    fn breadcrumb_list(&self, meta: &PageMeta, crumbs: &[Crumb]) -> String {
        let mut json = String::with_capacity(256 * (crumbs.len() + 1));
        json.push_str(
            r#"{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":["#,
        );
        for (i, crumb) in crumbs.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(r#"{"@type":"ListItem","item":"#);
            match crumb.href.as_deref() {
                Some(href) => {
                    let path = self.plan.urls.path_of_href(href);
                    push_json_string(&mut json, &[self.plan.urls.base_url(), path]);
                }
                None => push_json_string(&mut json, &[&meta.canonical]),
            }
            json.push_str(r#","name":"#);
            push_json_string(&mut json, &[&crumb.label]);
            json.push_str(r#","position":"#);
            json.push_str(&(i + 1).to_string());
            json.push('}');
        }
        json.push_str("]}");
        json
    }

    fn tech_article(&self, locale: usize, meta: &PageMeta) -> String {
        let data = &self.locales[locale];
        let mut json = String::with_capacity(512);
        json.push_str(r#"{"@context":"https://schema.org","@type":"TechArticle","description":"#);
        push_json_string(&mut json, &[&meta.description]);
        json.push_str(r#","headline":"#);
        push_json_string(&mut json, &[&meta.title]);
        json.push_str(&data.website_ld);
        push_json_string(&mut json, &[&meta.canonical]);
        json.push_str(r#","url":"#);
        push_json_string(&mut json, &[&meta.canonical]);
        json.push('}');
        json
    }

    /// The part of every `TechArticle` of `locale` between the headline and the page's own
    /// URLs: its language and the site it is part of, written once per locale.
    pub(super) fn website_ld(&self, lang: &str, site_name: &str) -> String {
        let mut json = String::from(r#","inLanguage":"#);
        push_json_string(&mut json, &[lang]);
        json.push_str(r#","isPartOf":{"@type":"WebSite","name":"#);
        push_json_string(&mut json, &[site_name]);
        json.push_str(r#","url":"#);
        push_json_string(
            &mut json,
            &[&self.plan.urls.absolute(lang, LocalPage::Home)],
        );
        json.push_str(r#"},"mainEntityOfPage":"#);
        json
    }
}

/// `parts`, one after the other, as one JSON string that is safe inside `<script>`:
/// escaped as serde_json escapes it, and `<` as `\u003c` (the same character to a JSON
/// reader), so no `</script>` can end the element early.
fn push_json_string(json: &mut String, parts: &[&str]) {
    json.push('"');
    for text in parts {
        push_json_content(json, text);
    }
    json.push('"');
}

/// Whether JSON-LD writes `byte` escaped: control characters, `"` and `\`, and `<` (so
/// that no `</script>` can end the block early).
fn needs_escape(byte: u8) -> bool {
    (byte < 0x20) | (byte == b'"') | (byte == b'\\') | (byte == b'<')
}

fn push_json_content(json: &mut String, text: &str) {
    // Most text has nothing to escape: looked at in one pass that does not stop early
    // (the compiler does many bytes a step), it is copied whole. Looking at each byte,
    // as below, cost a pair page about 0.8 µs of its 7.6 µs of values.
    if !text.bytes().fold(false, |any, b| any | needs_escape(b)) {
        json.push_str(text);
        return;
    }
    let mut copied = 0;
    // Every character escaped is ASCII, so each byte found is a character boundary.
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        if !needs_escape(byte) {
            continue;
        }
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            b'<' => "\\u003c",
            // The other control characters.
            _ => "",
        };
        json.push_str(&text[copied..at]);
        if escape.is_empty() {
            let _ = write!(json, "\\u{byte:04x}");
        } else {
            json.push_str(escape);
        }
        copied = at + 1;
    }
    json.push_str(&text[copied..]);
}

/// OpenGraph wants `language_TERRITORY`; for a bare language, its most common territory.
fn og_locale(lang: &str) -> String {
    match lang {
        "en" => "en_US".to_owned(),
        "ja" => "ja_JP".to_owned(),
        other => other.replace('-', "_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_read_back_and_cannot_close_the_script_element() {
        for text in [
            "a </script><b>",
            "quote \" backslash \\ slash /",
            "line\nbreak\r\ttab \u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "日本語 — ü",
            "",
            // One kind of character to escape each, and nothing else to escape.
            "only \"quotes\"",
            "only back\\slash",
            "only a\ttab",
            "only <",
        ] {
            let mut json = String::new();
            push_json_string(&mut json, &[text]);
            assert!(!json.contains('<'), "{json}");
            let back: String = serde_json::from_str(&json).unwrap();
            assert_eq!(back, text);
            // As serde_json writes it, apart from `<`.
            let serde = serde_json::to_string(text).unwrap().replace('<', "\\u003c");
            assert_eq!(json, serde);
        }
    }

    #[test]
    fn og_locales_have_a_territory() {
        assert_eq!(og_locale("ja"), "ja_JP");
        assert_eq!(og_locale("pt-BR"), "pt_BR");
    }
}
