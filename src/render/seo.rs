//! Structured data for search engines and link previews: JSON-LD (a BreadcrumbList on
//! every page with a breadcrumb, a TechArticle for the templates that print it) and the
//! OpenGraph locale names.

use std::collections::BTreeMap;

use serde_json::Value;

use super::engine::Renderer;
use super::page::KeyedContext;
use super::views::{Crumb, PageMeta};
use crate::plan::LocalPage;

/// A JSON object from `(key, value)` pairs.
fn json(pairs: Vec<(&str, Value)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

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
        context: &mut KeyedContext,
        locale: usize,
        meta: &PageMeta,
        crumbs: &[Crumb],
    ) {
        let breadcrumb = if crumbs.is_empty() {
            String::new()
        } else {
            script_json(&self.breadcrumb_list(meta, crumbs))
        };
        context.insert("breadcrumb_ld", &breadcrumb);
        context.insert("article_ld", &script_json(&self.tech_article(locale, meta)));
    }

    fn breadcrumb_list(&self, meta: &PageMeta, crumbs: &[Crumb]) -> Value {
        let items = crumbs
            .iter()
            .enumerate()
            .map(|(i, crumb)| {
                let item = crumb.href.as_deref().map_or_else(
                    || meta.canonical.clone(),
                    |h| self.plan.urls.absolute_of_href(h),
                );
                json(vec![
                    ("@type", "ListItem".into()),
                    ("position", (i + 1).into()),
                    ("name", crumb.label.clone().into()),
                    ("item", item.into()),
                ])
            })
            .collect::<Vec<_>>();
        json(vec![
            ("@context", "https://schema.org".into()),
            ("@type", "BreadcrumbList".into()),
            ("itemListElement", Value::Array(items)),
        ])
    }

    fn tech_article(&self, locale: usize, meta: &PageMeta) -> Value {
        let data = &self.locales[locale];
        let home = self.plan.urls.absolute(&data.lang, LocalPage::Home);
        let site_name = data
            .ui
            .get("site_name")
            .map(|l| l.text.clone())
            .unwrap_or_default();
        json(vec![
            ("@context", "https://schema.org".into()),
            ("@type", "TechArticle".into()),
            ("headline", meta.title.clone().into()),
            ("description", meta.description.clone().into()),
            ("inLanguage", data.lang.clone().into()),
            ("url", meta.canonical.clone().into()),
            ("mainEntityOfPage", meta.canonical.clone().into()),
            (
                "isPartOf",
                json(vec![
                    ("@type", "WebSite".into()),
                    ("name", site_name.into()),
                    ("url", home.into()),
                ]),
            ),
        ])
    }
}

/// JSON that is safe inside `<script>`: `<` only occurs in strings, where `\u003c` means
/// the same, so no `</script>` can end the element early.
fn script_json(value: &Value) -> String {
    let json = value.to_string();
    if json.contains('<') {
        json.replace('<', "\\u003c")
    } else {
        json
    }
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
    fn script_json_cannot_close_the_script_element() {
        let value = json(vec![("headline", "a </script><b>".into())]);
        let text = script_json(&value);
        assert!(!text.contains('<'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn og_locales_have_a_territory() {
        assert_eq!(og_locale("ja"), "ja_JP");
        assert_eq!(og_locale("pt-BR"), "pt_BR");
    }
}
