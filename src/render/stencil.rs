//! Pages of one shape rendered once by Tera, and then without it: a stencil.
//!
//! Pair pages are ~95% of the site and differ from one another mostly in their strings
//! (title, links, the key difference), not in their markup. A page's *shape* is its
//! context with those strings left out: the names, the lengths of lists, the booleans,
//! numbers and nulls, which strings are empty, and every `lang` (templates use those as
//! keys and filter arguments). The first page of a shape is rendered by Tera twice more,
//! with every other string replaced by a sentinel that says where it went and whether it
//! was escaped; the output cut at the sentinels is the stencil. Each later page of that
//! shape is its stencil with its own strings written in, escaped as Tera's autoescape
//! does (`load::templates::escape_into`).
//!
//! So the templates stay what is edited and the source of the markup; Tera still reports
//! their errors (a shape whose sentinel rendering fails, or does not give back Tera's page,
//! is rendered by Tera on every page). Before a stencil is used it is checked: filled with
//! a second set of sentinels it must give Tera's output for those, and filled with the
//! first page's strings it must give that page as Tera renders it. What these checks
//! cannot see is a template that looks at what a string *says* (`{% if key == "…" %}`,
//! `is ending_with`, a filter with arguments) on a page other than the first of its
//! shape; so a template is stencilled only if it, and every template it extends, imports
//! or includes, tests values for presence (and lists for their length) and prints them
//! as they are or through `safe` and `lang_attr`, nothing else ([`usable`]). Otherwise
//! Tera renders each of its pages, as it renders every other kind of page.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::load::templates::{Templates, escape_into};
use crate::minify;

/// Where a sentinel starts and ends; private-use characters, which no content has (a
/// page that has them anyway fails the checks and is rendered by Tera).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Slot `n`'s sentinel: its number, then `&` (which comes out as `&amp;` where the
/// template escapes the value) and, in the second variant, text of another length.
pub(super) fn sentinel(n: usize, variant: usize) -> String {
    let pad = if variant == 0 { "" } else { " x'y\"z" };
    format!("{OPEN}{n}{pad}&{CLOSE}")
}

/// A page of one shape, cut where its strings go.
pub(super) struct Stencil {
    pieces: Vec<Piece>,
    /// Whether it was rendered from the minified templates (see `Rendered::Page`).
    pub(super) minified: bool,
}

enum Piece {
    Text(String),
    Slot { index: usize, escaped: bool },
}

impl Stencil {
    /// The stencil of something rendered with `slots` slots, if it can be cut and filled
    /// in again: `render(variant)` renders it with [`sentinel`]`(n, variant)` in slot `n`
    /// (`None` if it fails); the output of variant 0, cut at its sentinels and filled with
    /// those of variant 1, must be the output of variant 1.
    pub(super) fn made(
        slots: usize,
        render: impl Fn(usize) -> Option<(String, bool)>,
    ) -> Option<Stencil> {
        let (first, minified) = render(0)?;
        let made = Stencil::cut(&first, slots, minified)?;
        let (second, _) = render(1)?;
        let sentinels: Vec<String> = (0..slots).map(|n| sentinel(n, 1)).collect();
        (made.fill(&sentinels) == second).then_some(made)
    }

    /// Cuts `rendered` (the page rendered with the sentinels of variant 0) at its
    /// sentinels; `None` if one of them is not there whole, as written or escaped.
    pub(super) fn cut(rendered: &str, slots: usize, minified: bool) -> Option<Stencil> {
        let mut pieces = Vec::new();
        let mut rest = rendered;
        while let Some(at) = rest.find(OPEN) {
            if at > 0 {
                pieces.push(Piece::Text(rest[..at].to_owned()));
            }
            let after = &rest[at + OPEN.len_utf8()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let index: usize = after[..digits].parse().ok().filter(|&i| i < slots)?;
            let tail = &after[digits..];
            let (escaped, length) =
                [(false, "&"), (true, "&amp;")]
                    .into_iter()
                    .find_map(|(escaped, amp)| {
                        let end = tail.strip_prefix(amp)?.strip_prefix(CLOSE)?;
                        Some((escaped, tail.len() - end.len()))
                    })?;
            pieces.push(Piece::Slot { index, escaped });
            rest = &tail[length..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_owned()));
        }
        Some(Stencil { pieces, minified })
    }

    /// The page with `slots` written in.
    pub(super) fn fill<S: AsRef<str>>(&self, slots: &[S]) -> String {
        self.fill_spliced(slots, &[] as &[&str])
    }

    /// [`Stencil::fill`], with each slot printed as it is that holds a fragment's
    /// placeholder ([`minify::placeholder`]) replaced by the fragment: the page is then
    /// whole in one pass, instead of being copied once more to splice them in.
    pub(super) fn fill_spliced<S: AsRef<str>, F: AsRef<str>>(
        &self,
        slots: &[S],
        fragments: &[F],
    ) -> String {
        let extra: usize = fragments.iter().map(|f| f.as_ref().len()).sum();
        let mut out = String::with_capacity(self.len_hint() + extra);
        self.fill_into(&mut out, slots, fragments);
        out
    }

    /// [`Stencil::fill_spliced`], written at the end of `out`.
    pub(super) fn fill_into<S: AsRef<str>, F: AsRef<str>>(
        &self,
        out: &mut String,
        slots: &[S],
        fragments: &[F],
    ) {
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Slot { index, escaped } => {
                    let text = slots.get(*index).map_or("", |s| s.as_ref());
                    if *escaped {
                        escape_into(text, out);
                        continue;
                    }
                    let fragment = minify::placeholder_index(text).and_then(|i| fragments.get(i));
                    out.push_str(fragment.map_or(text, |f| f.as_ref()));
                }
            }
        }
    }

    fn len_hint(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(text) => text.len(),
                Piece::Slot { .. } => 64,
            })
            .sum()
    }
}

/// Whether the pages of template `name` may be stencilled: it, and every template it
/// extends or includes, only tests values for presence and lists for their
/// length (`{% if a and not b.c %}`, `{% if list | length > 1 %}`), loops over lists as
/// they are, and prints values as they are or through `safe` and `lang_attr`. (Macros
/// imported are not read: a call to one is not a plain expression.)
pub(super) fn usable(templates: &Templates, name: &str) -> bool {
    let mut seen: Vec<String> = Vec::new();
    let mut todo = vec![name.to_owned()];
    while let Some(name) = todo.pop() {
        if seen.contains(&name) {
            continue;
        }
        let Some(text) = templates.source(&name) else {
            return false;
        };
        for (tag, inside) in tags(text) {
            let words: Vec<&str> = inside.split_whitespace().collect();
            let condition = inside
                .split_once(char::is_whitespace)
                .map_or("", |(_, c)| c);
            let fine = match (tag, words.as_slice()) {
                ('{', _) => plain_expression(inside),
                ('%', ["if" | "elif", ..]) => plain_expression(condition),
                ('%', ["for", item, "in", list]) => is_path(item) && is_path(list),
                ('%', ["for", key, value, "in", list]) => {
                    key.strip_suffix(',').is_some_and(is_path) && is_path(value) && is_path(list)
                }
                ('%', ["import", _, "as", _]) => true,
                ('%', ["extends" | "include", target]) => {
                    match target.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                        Some(target) => {
                            todo.push(target.to_owned());
                            true
                        }
                        None => false,
                    }
                }
                ('%', [word, ..]) => matches!(
                    *word,
                    "else"
                        | "endif"
                        | "endfor"
                        | "block"
                        | "endblock"
                        | "macro"
                        | "endmacro"
                        | "break"
                        | "continue"
                ),
                _ => false,
            };
            if !fine {
                return false;
            }
        }
        seen.push(name);
    }
    true
}

/// Each `{{ … }}` and `{% … %}` of `text`: its kind (`{` or `%`) and what is inside,
/// without Tera's whitespace marks. Comments are left out.
fn tags(text: &str) -> Vec<(char, &str)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let after = &rest[at + 1..];
        let (kind, close) = match after.chars().next() {
            Some('{') => ('{', "}}"),
            Some('%') => ('%', "%}"),
            Some('#') => ('#', "#}"),
            _ => {
                rest = after;
                continue;
            }
        };
        let body = &after[1..];
        let Some(end) = body.find(close) else {
            break;
        };
        if kind != '#' {
            found.push((kind, body[..end].trim_matches('-').trim()));
        }
        rest = &body[end + close.len()..];
    }
    found
}

/// A condition or printed value that looks at nothing but presence and length: paths,
/// `not`, `and`, `or`, parentheses, `| length` compared with a number, and the filters
/// `safe` and `lang_attr`.
fn plain_expression(expression: &str) -> bool {
    let spaced = expression
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('|', " | ");
    let mut words = spaced.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let fine = match word {
            "not" | "and" | "or" | "(" | ")" => true,
            "|" => match words.next() {
                Some("safe" | "lang_attr") => true,
                Some("length") => {
                    if let Some(&op) = words.peek()
                        && matches!(op, ">" | "<" | ">=" | "<=" | "==" | "!=")
                    {
                        words.next();
                        words.next().is_some_and(|n| n.parse::<u64>().is_ok())
                    } else {
                        true
                    }
                }
                _ => false,
            },
            path => is_path(path),
        };
        if !fine {
            return false;
        }
    }
    true
}

/// `a`, `a.b_c`, `a[b.c]`, `a[0]`: a value of the context, looked up by names only.
fn is_path(word: &str) -> bool {
    let starts_well = word
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let keywords = [
        "not", "and", "or", "in", "is", "true", "false", "True", "False",
    ];
    starts_well
        && !keywords.contains(&word)
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
}

/// The stencils made so far, by shape; `None` for a shape that Tera renders every time.
pub(super) struct Stencils {
    /// The templates whose pages may be stencilled (see [`usable`]).
    templates: Vec<&'static str>,
    by_shape: RwLock<HashMap<u64, Option<Arc<Stencil>>>>,
}

impl Stencils {
    /// Stencils for those of `candidates` that may have them. None at all when templates
    /// read the clock or the like: their pages differ with the same context.
    pub(super) fn new(templates: &Templates, candidates: &[&'static str]) -> Stencils {
        let templates = candidates
            .iter()
            .copied()
            .filter(|name| !templates.reads_outside_context() && usable(templates, name))
            .collect();
        Stencils {
            templates,
            by_shape: RwLock::default(),
        }
    }

    /// Whether pages of `template` may be stencilled.
    pub(super) fn serve(&self, template: &str) -> bool {
        self.templates.contains(&template)
    }

    /// The stencil of `shape`: `None` if none was tried yet, `Some(None)` if it failed.
    pub(super) fn get(&self, shape: u64) -> Option<Option<Arc<Stencil>>> {
        let map = self.by_shape.read().unwrap_or_else(|e| e.into_inner());
        map.get(&shape).cloned()
    }

    pub(super) fn put(&self, shape: u64, stencil: Option<Arc<Stencil>>) {
        let mut map = self.by_shape.write().unwrap_or_else(|e| e.into_inner());
        map.entry(shape).or_insert(stencil);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tape::Tape;
    use serde_json::{Value, json};

    /// A tape of `values` (name, value), and its strings as the sentinels of variant 0
    /// put them, by name.
    fn taped(values: &[(&'static str, Value)]) -> (Tape, HashMap<&'static str, String>) {
        let mut tape = Tape::continuing(crate::hash::Fnv::wide());
        for (name, value) in values {
            tape.insert(name, value);
        }
        let sentinel = |n: usize| sentinel(n, 0);
        let with = tape.to_value(Some(&sentinel));
        let strings = values
            .iter()
            .map(|(name, _)| (*name, with[*name].as_str().unwrap_or_default().to_owned()))
            .collect();
        (tape, strings)
    }

    #[test]
    fn a_stencil_writes_strings_back_as_written_or_escaped() {
        let (tape, s) = taped(&[
            ("title", json!("a <b>")),
            ("raw", json!("<i>")),
            ("lang", json!("en")),
            ("empty", json!("")),
        ]);
        let mut escaped = String::new();
        escape_into(&s["title"], &mut escaped);
        let rendered = format!("<h1>{escaped}</h1>{} {}", s["raw"], s["lang"]);
        let stencil = Stencil::cut(&rendered, tape.slot_count(), true).expect("cuts");
        assert_eq!(stencil.fill(&tape.slots()), "<h1>a &lt;b&gt;</h1><i> en");
    }

    #[test]
    fn fragments_are_spliced_where_their_placeholders_are_printed_as_they_are() {
        let (tape, s) = taped(&[
            ("a", json!(minify::placeholder(1))),
            ("b", json!(minify::placeholder(0))),
            ("c", json!("x")),
        ]);
        let mut escaped = String::new();
        escape_into(&s["b"], &mut escaped);
        let rendered = format!("<p>{}</p>{escaped}|{}", s["a"], s["c"]);
        let stencil = Stencil::cut(&rendered, tape.slot_count(), true).expect("cuts");
        let filled = stencil.fill_spliced(&tape.slots(), &["<i>zero</i>", "<b>one</b>"]);
        // An escaped placeholder is text, as the write stage's splice would leave it.
        let placeholder = minify::placeholder(0)
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let placeholder = placeholder.replace('"', "&quot;");
        assert_eq!(filled, format!("<p><b>one</b></p>{placeholder}|x"));
    }

    #[test]
    fn only_templates_that_test_presence_and_length_are_stencilled() {
        for plain in [
            "a",
            "not a.b and (c or d[e])",
            "list | length > 1",
            "x.html | safe",
            "t.name | lang_attr",
        ] {
            assert!(plain_expression(plain), "{plain}");
        }
        for looking in [
            "lang == \"ja\"",
            "page.canonical is ending_with(\"/x/\")",
            "a == b",
            "title | upper",
            "title | replace(from=\"a\", to=\"b\")",
            "m::tools(t=t)",
            "\"x\" in title",
        ] {
            assert!(!plain_expression(looking), "{looking}");
        }
        let tags = tags("{% if a -%}x{#- note -#}{{- b | safe }}{%- endif %}");
        assert_eq!(tags, [('%', "if a"), ('{', "b | safe"), ('%', "endif")]);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let shipped = crate::load::templates::load_templates(&dir).expect("templates");
        assert!(Stencils::new(&shipped, &["pair.html"]).serve("pair.html"));
        assert!(!usable(&shipped, "no such template.html"));
    }

    #[test]
    fn a_sentinel_cut_short_or_changed_gives_no_stencil() {
        let cut = sentinel(0, 0);
        assert!(Stencil::cut(cut.trim_end_matches(CLOSE), 1, true).is_none());
        assert!(Stencil::cut(&cut.to_uppercase().replace('&', "&#38;"), 1, true).is_none());
        assert!(Stencil::cut(&sentinel(3, 0), 1, true).is_none());
    }
}
