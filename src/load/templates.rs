//! Tera templates: the embedded defaults, overridden file by file by the site's own
//! `templates/`. Parse errors are reported with the template file's line and column.
//!
//! Each template is also minified once, here (`minify::minify_template`), and pages are
//! rendered from the minified copies, which need no minification of their own. The
//! templates as written are kept: they are what every error is located in (a parse error
//! is found by parsing them, a render error is looked up in their text), and what the
//! pages minified whole are rendered from. When a template cannot be minified safely,
//! none is, and every page is minified whole as before.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::error::{Diagnostic, Error, LoadError, Location, Result};
use crate::load::{files_below, name_below};

/// The templates, ready to render, and the source of each so render errors can be located.
pub struct Templates {
    /// The templates as written.
    tera: Tera,
    /// The same, minified; or why they could not be.
    minified: std::result::Result<Tera, String>,
    sources: HashMap<String, (PathBuf, String)>,
}

pub fn load_templates(dir: &Path) -> Result<Templates> {
    let mut sources: HashMap<String, (PathBuf, String)> = HashMap::new();
    for (name, bytes) in crate::embedded::TEMPLATES {
        let text = String::from_utf8_lossy(bytes).into_owned();
        sources.insert(
            (*name).to_owned(),
            (PathBuf::from(format!("(built-in templates)/{name}")), text),
        );
    }
    if dir.is_dir() {
        for path in files_below(dir)? {
            let name = name_below(dir, &path);
            let text = crate::error::fs::read_to_string(&path)?;
            sources.insert(name, (path, text));
        }
    }
    let mut raw: Vec<(&str, &str)> = sources
        .iter()
        .map(|(name, (_, text))| (name.as_str(), text.as_str()))
        .collect();
    raw.sort_unstable();
    let tera = new_tera(&raw).map_err(|e| locate_error(&sources, &e))?;
    let minified = minified_tera(&sources, &raw);
    Ok(Templates {
        tera,
        minified,
        sources,
    })
}

/// A Tera with `templates` (name, text) and our settings.
fn new_tera(templates: &[(&str, &str)]) -> tera::Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml", ".txt"]);
    tera.set_escape_fn(escape);
    tera.register_filter("lang_attr", LangAttr);
    tera.add_raw_templates(templates.iter().copied())?;
    Ok(tera)
}

/// Tera's autoescape, without escaping `/` (`&#x2F;`): the five characters that can end
/// text or a quoted attribute value, and nothing else. What minify-html makes of Tera's
/// escapes anyway, now that pages from minified templates are not minified again.
fn escape(input: &str) -> String {
    let mut out = String::new();
    escape_into(input, &mut out);
    out
}

/// Appends `input` to `out` as the templates' autoescape writes it (see `escape`): for
/// pages assembled from a template's output without Tera (`render/stencil.rs`).
///
/// The special characters are found with `memchr` (many bytes a step) rather than byte by
/// byte: most of what is escaped has none or few of them, and looking at each byte was 5%
/// of a 200k-page build. Each search remembers where it found its next character, so a
/// string with many of one kind is still read once.
pub fn escape_into(input: &str, out: &mut String) {
    let bytes = input.as_bytes();
    let find_tags =
        |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|i| from + i);
    let find_quotes = |from: usize| memchr::memchr2(b'"', b'\'', &bytes[from..]).map(|i| from + i);
    let (mut tags, mut quotes) = (find_tags(0), find_quotes(0));
    if tags.is_none() && quotes.is_none() {
        out.push_str(input);
        return;
    }
    out.reserve(input.len() + input.len() / 4);
    let mut copied = 0;
    while let Some(at) = match (tags, quotes) {
        (Some(t), Some(q)) => Some(t.min(q)),
        (one, other) => one.or(other),
    } {
        let entity = match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        // ASCII bytes, so `at` is on a character boundary.
        out.push_str(&input[copied..at]);
        out.push_str(entity);
        copied = at + 1;
        if tags == Some(at) {
            tags = find_tags(copied);
        } else {
            quotes = find_quotes(copied);
        }
    }
    out.push_str(&input[copied..]);
}

/// Every template minified (a template whose name does not end in `.html` as it is), or
/// why one could not be. `templates` parsed already.
fn minified_tera(
    sources: &HashMap<String, (PathBuf, String)>,
    templates: &[(&str, &str)],
) -> std::result::Result<Tera, String> {
    let mut minified = Vec::with_capacity(templates.len());
    for &(name, text) in templates {
        if !name.ends_with(".html") {
            minified.push((name, text.to_owned()));
            continue;
        }
        match crate::minify::minify_template(text) {
            Ok(small) => minified.push((name, small)),
            Err(why) => {
                let path = sources
                    .get(name)
                    .map_or(Path::new(name), |(p, _)| p.as_path());
                return Err(format!("{} is not minified: {why}", path.display()));
            }
        }
    }
    let raw: Vec<(&str, &str)> = minified.iter().map(|(n, t)| (*n, t.as_str())).collect();
    new_tera(&raw).map_err(|e| format!("the minified templates do not parse: {}", error_chain(&e)))
}

/// Tera's functions whose result does not come from the template's context.
const OUTSIDE_CONTEXT: [&str; 3] = ["now(", "get_random(", "get_env("];

impl Templates {
    /// No templates: what a site whose templates did not load holds, for `check` to report
    /// the rest (nothing renders a site with problems).
    pub fn none() -> Templates {
        Templates {
            tera: Tera::default(),
            minified: Err("no templates were loaded".to_owned()),
            sources: HashMap::new(),
        }
    }

    /// A hash of every template's name and source.
    pub fn hash(&self) -> u64 {
        let mut names: Vec<&String> = self.sources.keys().collect();
        names.sort_unstable();
        let mut hash = crate::hash::Fnv::new();
        for name in names {
            hash.write_str(name);
            hash.write_str(&self.sources[name].1);
        }
        hash.finish()
    }

    /// Whether a template may call a function that reads the clock, a random number or
    /// the environment, so that its output can change while its context does not. A
    /// mention in a comment or text counts too: the answer errs on the safe side.
    pub fn reads_outside_context(&self) -> bool {
        self.sources.values().any(|(_, text)| {
            OUTSIDE_CONTEXT
                .iter()
                .any(|f| text.contains(f) || text.contains(&f.replace('(', " (")))
        })
    }

    /// Every `t.<name>` the templates read (the interface strings: messages formatted
    /// once per locale, without variables), with where it is read, sorted by place.
    pub fn interface_strings_read(&self) -> Vec<(String, Location, &str)> {
        let mut found = Vec::new();
        for (path, text) in self.sources.values() {
            for (byte, _) in text.match_indices("t.") {
                let before = text[..byte].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let rest = &text[byte + 2..];
                let len = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                if len > 0 {
                    let (line, col) = crate::text::line_col_of_byte(text, byte);
                    let at = Location::new(path, line, col);
                    found.push((rest[..len].to_owned(), at, text.as_str()));
                }
            }
        }
        found.sort_by(|a, b| (&a.1.path, a.1.line, a.1.col).cmp(&(&b.1.path, b.1.line, b.1.col)));
        found
    }

    /// The text of template `name` as written.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(|(_, text)| text.as_str())
    }

    /// Renders `name` as written, turning Tera's error chain into a located diagnostic.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| locate_error(&self.sources, &e))
    }

    /// Renders `name` from the minified templates if there are (the output needs no
    /// minifying then: `true`), else as written (`false`). Errors are located in the
    /// templates as written: render errors name a template and a variable, not a place.
    pub fn render_minified(&self, name: &str, context: &tera::Context) -> Result<(String, bool)> {
        match &self.minified {
            Ok(tera) => tera
                .render(name, context)
                .map(|html| (html, true))
                .map_err(|e| locate_error(&self.sources, &e)),
            Err(_) => self.render(name, context).map(|html| (html, false)),
        }
    }

    /// Why the templates are not minified (and every page is minified whole instead).
    pub fn not_minified(&self) -> Option<&str> {
        self.minified.as_ref().err().map(String::as_str)
    }
}

/// `{{ value | lang_attr }}` on a `Localized` value gives ` lang="en"` when the text fell
/// back to another language, and nothing otherwise.
struct LangAttr;

impl tera::Filter for LangAttr {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let lang = value
            .get("lang")
            .and_then(tera::Value::as_str)
            .unwrap_or("");
        if lang.is_empty() {
            return Ok(tera::Value::String(String::new()));
        }
        if !crate::load::config::is_locale_code(lang) {
            return Err(tera::Error::msg(format!("`{lang}` is not a language tag")));
        }
        Ok(tera::Value::String(format!(" lang=\"{lang}\"")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Tera's messages name the template in quotes; parse errors carry ` --> line:col`, render
/// errors usually name a variable in backticks, which we look up in the template's text.
fn locate_error(sources: &HashMap<String, (PathBuf, String)>, error: &tera::Error) -> Error {
    let chain = error_chain(error);
    let template = sources
        .keys()
        .filter(|name| {
            chain.contains(&format!("'{name}'")) || chain.contains(&format!("\"{name}\""))
        })
        .max_by_key(|name| name.len());
    let include = missing_include(sources, &chain);
    let Some(mut name) = include.map(|(name, _)| name).or(template) else {
        return LoadError::Template { chain }.into();
    };
    let position = include.map(|(_, at)| at).or_else(|| parse_position(&chain));
    let needle = backticked(&chain);
    if position.is_none()
        && let Some(needle) = needle
    {
        name = reading(sources, name, needle);
    }
    let (path, text) = &sources[name];
    let (line, col) = position
        .or_else(|| needle.and_then(|needle| crate::text::locate_text(text, needle)))
        .unwrap_or((1, 1));
    let message = chain
        .lines()
        .map(str::trim)
        .map(|l| l.strip_prefix("= ").unwrap_or(l))
        .filter(|l| !l.is_empty() && !l.starts_with("-->") && !l.starts_with('|'))
        .filter(|l| !l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(": ");
    Error::single(
        Diagnostic::new(
            Location::new(path, line, col),
            format!("template error: {message}"),
        )
        .with_source(text),
    )
}

/// The template that reads `needle`: Tera names the page's template (`root.html`) also
/// for a variable read in the template it extends (`base.html`) or a macro it imports.
/// `name` itself if it reads it, else the first of the templates it extends, imports or
/// includes (and so on) that does; `name` if none does.
fn reading<'s>(
    sources: &'s HashMap<String, (PathBuf, String)>,
    name: &'s String,
    needle: &str,
) -> &'s String {
    let mut queue: Vec<&String> = vec![name];
    let mut at = 0;
    while let Some(&current) = queue.get(at) {
        let text = &sources[current].1;
        if text.contains(needle) {
            return current;
        }
        for word in ["extends", "import", "include"] {
            for (byte, _) in text.match_indices(word) {
                let after = text[byte + word.len()..].trim_start();
                let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                    continue;
                };
                let used = after[1..].split(quote).next().unwrap_or_default();
                if let Some((used, _)) = sources.get_key_value(used)
                    && !queue.contains(&used)
                {
                    queue.push(used);
                }
            }
        }
        at += 1;
    }
    name
}

/// A template the error names that does not exist, and the template and line:col of the
/// `{% include %}` that asks for it: the line to fix (Tera names only the page rendered).
fn missing_include<'s>(
    sources: &'s HashMap<String, (PathBuf, String)>,
    chain: &str,
) -> Option<(&'s String, (usize, usize))> {
    // Tera names a missing include as '[nope.html]' (the list of names it tried).
    let missing = chain
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(|name| name.trim_start_matches('[').trim_end_matches(']'))
        .find(|name| !name.is_empty() && !name.contains(", ") && !sources.contains_key(*name))?;
    let mut names: Vec<&String> = sources.keys().collect();
    names.sort_unstable();
    names.into_iter().find_map(|name| {
        let text = &sources[name].1;
        let at = ["\"", "'"].iter().find_map(|q| {
            text.match_indices(&format!("{q}{missing}{q}"))
                .find(|(byte, _)| is_include_tag(&text[..*byte]))
                .map(|(byte, _)| byte)
        })?;
        let tag = text[..at].rfind("{%").unwrap_or(at);
        Some((name, crate::text::line_col_of_byte(text, tag)))
    })
}

/// Whether `before` ends in `{% include ` (or `{%- include `), just before a name.
fn is_include_tag(before: &str) -> bool {
    let before = before.trim_end();
    before
        .strip_suffix("include")
        .map(|b| b.trim_end())
        .is_some_and(|b| b.ends_with("{%") || b.ends_with("{%-"))
}

fn error_chain(error: &tera::Error) -> String {
    let mut out = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        out.push('\n');
        out.push_str(&e.to_string());
        source = e.source();
    }
    out
}

fn parse_position(chain: &str) -> Option<(usize, usize)> {
    let rest = &chain[chain.find("--> ")? + 4..];
    let end = rest.find(|c: char| !c.is_ascii_digit() && c != ':')?;
    let (line, col) = rest[..end].split_once(':')?;
    Some((line.parse().ok()?, col.parse().ok()?))
}

fn backticked(chain: &str) -> Option<&str> {
    let start = chain.find('`')? + 1;
    let len = chain[start..].find('`')?;
    Some(&chain[start..start + len]).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `escape_into` must keep: each of the five characters replaced,
    /// every other byte as it is.
    fn escaped_byte_by_byte(input: &str) -> String {
        let mut out = String::new();
        for c in input.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escaping_is_the_five_characters_replaced(input in "[a&<>\"'/é日 ]{0,40}") {
            proptest::prop_assert_eq!(escape(&input), escaped_byte_by_byte(&input));
        }
    }

    #[test]
    fn escaping_reads_long_runs_of_one_special_character() {
        let input = format!("{}\"{}'", "&".repeat(500), "x".repeat(70));
        assert_eq!(escape(&input), escaped_byte_by_byte(&input));
        assert_eq!(escape(""), "");
        assert_eq!(escape("日本語"), "日本語");
    }

    #[test]
    fn autoescape_escapes_what_ends_text_or_an_attribute_value() {
        assert_eq!(escape("a/b"), "a/b");
        assert_eq!(
            escape("<a href=\"x\">'&'</a> 日本"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; 日本"
        );
    }

    #[test]
    fn parse_errors_are_located_in_the_sites_template() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("pair.html"), "<p>\n{{ oops }\n").unwrap();
        let err = load_templates(tmp.path()).err().unwrap();
        let d = &err.diagnostics()[0];
        assert_eq!(d.at.path, tmp.path().join("pair.html"));
        assert_eq!(d.at.line, 2, "{d}");
    }

    #[test]
    fn the_shipped_templates_are_minified() {
        let t = load_templates(Path::new("/nonexistent")).ok().unwrap();
        assert_eq!(t.not_minified(), None);
    }

    #[test]
    fn a_template_that_cannot_be_minified_leaves_all_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("x.html"),
            "<!-- {{ a }} --><p>\n  {{ a }}</p>",
        )
        .unwrap();
        let t = load_templates(tmp.path()).ok().unwrap();
        assert!(
            t.not_minified().unwrap().contains("x.html"),
            "{:?}",
            t.not_minified()
        );
        let mut context = tera::Context::new();
        context.insert("a", "b");
        let (html, minified) = t.render_minified("x.html", &context).unwrap();
        assert_eq!((html.as_str(), minified), ("<!-- b --><p>\n  b</p>", false));
    }

    #[test]
    fn errors_of_the_minified_templates_point_at_the_template_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        let source = "<ul>\n  <li>a</li>\n</ul>\n<p>\n  {{ missing_thing }}\n</p>\n";
        std::fs::write(tmp.path().join("x.html"), source).unwrap();
        let t = load_templates(tmp.path()).ok().unwrap();
        assert_eq!(t.not_minified(), None);
        let err = t
            .render_minified("x.html", &tera::Context::new())
            .unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.at.path, tmp.path().join("x.html"));
        assert_eq!((d.at.line, d.at.col), (5, 6), "{d}");
    }

    #[test]
    fn render_errors_point_at_the_variable() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("x.html"), "<p>\n  {{ missing_thing }}\n").unwrap();
        let t = load_templates(tmp.path()).ok().unwrap();
        let err = t.render("x.html", &tera::Context::new()).unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!((d.at.line, d.at.col), (2, 6), "{d}");
    }
}
