//! HTML minification with minify-html: templates, minified once at load (`template.rs`),
//! fragments that are minified once and spliced into every page that shows them, and
//! whole pages (to check the others against, and when a template cannot be minified).
//!
//! A code's sections are the larger half of each of its ~130 pair pages in a locale.
//! Minifying them once per (code, locale) and splicing the result into the minified rest of
//! the page gives the same bytes as minifying the whole page (tests/splice.rs checks this
//! on the shipped site) at a fraction of the cost: minify-html was half of the build's CPU.
//! The splice points are block elements in the template output, so minify-html's
//! whitespace rules treat a placeholder exactly as they treat the section it stands for.

mod template;

pub use template::{CONTENT, LAYOUT, NotMinifiable, WHITESPACE_SENSITIVE, minify_template};

/// Marks where fragment `index` goes in a page's template output.
pub fn placeholder(index: usize) -> String {
    format!("<section data-fragment=\"{index}\"></section>")
}

/// [`placeholder`], made once for the first indexes (a pair page has four fragments, and
/// formatting their placeholders for each of 200k pages showed in profiles).
pub fn placeholder_str(index: usize) -> std::borrow::Cow<'static, str> {
    static FIRST: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| (0..16).map(placeholder).collect());
    match FIRST.get(index) {
        Some(made) => std::borrow::Cow::Borrowed(made),
        None => std::borrow::Cow::Owned(placeholder(index)),
    }
}

/// The fragment index of `text` if it is exactly a [`placeholder`].
pub fn placeholder_index(text: &str) -> Option<usize> {
    let digits = text
        .strip_prefix("<section data-fragment=\"")?
        .strip_suffix("\"></section>")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The start of a placeholder, as written or as minify-html writes it (without the
/// quotes). Template output escapes `<` in every value, so only a template can produce it.
const PLACEHOLDER_START: &str = "<section data-fragment=";
const PLACEHOLDER_END: &str = "></section>";

/// Minifies a page or a fragment of one.
pub fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        // Nothing inline needs it, and the CSS/JS minifiers are the slow part.
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::new()
    };
    escape_stray_ampersands(&minify_html::minify(html.as_bytes(), &cfg))
}

/// The content of one table cell (`tag` is `td` or `th`) or caption (`caption`) as
/// minify-html writes it inside a page: `html` is minified as the only content of such an
/// element, so whitespace and character references come out as they do in place. Lets a
/// table be assembled from pieces minified once (tests/splice.rs checks the result equals
/// minifying the page whole).
pub fn cell_content(html: &str, tag: &str) -> String {
    // Most captions are plain words (a pair page's caption, on every page): minify-html
    // would give them back as they are, so the call (4% of a large build) is skipped.
    if is_plain_text(html) {
        return html.to_owned();
    }
    minified_cell(html, tag)
}

/// [`cell_content`] by minify-html.
fn minified_cell(html: &str, tag: &str) -> String {
    // The cell in a table shaped as on a page (closed, with `<tbody>`, something after
    // it): written otherwise, minify-html leaves out the `</table>` as well.
    let (open, close, written_close) = match tag {
        "caption" => (
            "<article><table><caption>".to_owned(),
            "</caption></table><section></section></article>".to_owned(),
            "</caption></table><section></section></article>",
        ),
        _ => (
            format!("<article><table><tbody><tr><{tag}>"),
            format!("</{tag}></tr></tbody></table><section></section></article>"),
            "</table><section></section></article>",
        ),
    };
    let minified = String::from_utf8_lossy(&minify(&format!("{open}{html}{close}"))).into_owned();
    match minified
        .strip_prefix(open.as_str())
        .and_then(|m| m.strip_suffix(written_close))
    {
        Some(content) => content.to_owned(),
        // Not the expected shape: the splice test shows the difference.
        None => minified,
    }
}

/// Text that minify-html leaves as it is inside an element: no markup or character
/// reference (`<`, `&`), no quote it could re-encode, single spaces between words only.
fn is_plain_text(text: &str) -> bool {
    let spaced_well = !text.starts_with(' ') && !text.ends_with(' ') && !text.contains("  ");
    spaced_well
        && !text.is_empty()
        && !text
            .chars()
            .any(|c| matches!(c, '<' | '>' | '&' | '"' | '\'') || (c.is_whitespace() && c != ' '))
}

/// Minifies a stylesheet or a script served as its own file (`kind` is `style` or
/// `script`), with minify-html's CSS and JS minifiers, run once per build on static/. The
/// stylesheet and the jump-box script are part of every page's weight.
pub fn asset(text: &str, kind: AssetKind) -> String {
    if kind == AssetKind::Script
        && let Some(script) = script_without_comments(text)
    {
        return script;
    }
    let tag = match kind {
        AssetKind::Style => "style",
        AssetKind::Script => "script",
    };
    let cfg = minify_html::Cfg {
        minify_css: kind == AssetKind::Style,
        minify_js: kind == AssetKind::Script,
        ..minify_html::Cfg::new()
    };
    let wrapped = format!("<{tag}>{text}</{tag}>");
    let minified =
        String::from_utf8_lossy(&minify_html::minify(wrapped.as_bytes(), &cfg)).into_owned();
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    match minified
        .strip_prefix(&open)
        .and_then(|m| m.strip_suffix(&close))
    {
        Some(inner) => inner.to_owned(),
        // Not the shape expected: serve the file as written rather than guess.
        None => text.to_owned(),
    }
}

/// A script minified as minify-html does it (oxc: parse, compress safely, mangle), but
/// printed without comments: minify-html keeps statement-level comments, which were 3.7 KB
/// of the 15.7 KB of lookup.js that every page loads. `None` when the script does not
/// parse (minify-html then serves it trimmed, as before) or would not get smaller.
fn script_without_comments(text: &str) -> Option<String> {
    use oxc_codegen::{Codegen, CodegenOptions};
    use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, oxc_span::SourceType::default()).parse();
    if !parsed.errors.is_empty() {
        return None;
    }
    let mut program = parsed.program;
    Minifier::new(MinifierOptions {
        mangle: Some(MangleOptions::default()),
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    let code = Codegen::new()
        .with_options(CodegenOptions::minify())
        .build(&program)
        .code;
    (code.len() < text.len()).then_some(code)
}

/// What [`asset`] minifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetKind {
    Style,
    Script,
}

/// Minifies `shell` and replaces each placeholder in it with its fragment, which must have
/// been minified by [`minify`]: see [`splice`].
pub fn minify_spliced<S: AsRef<str>>(shell: &str, fragments: &[S]) -> Vec<u8> {
    splice(minify(shell), fragments)
}

/// Replaces each placeholder in `html` (as written by [`placeholder`], or minified) with
/// its fragment. A placeholder whose index has no fragment is left as it is (an empty
/// section), and a fragment the template does not place is simply not shown.
pub fn splice<S: AsRef<str>>(html: Vec<u8>, fragments: &[S]) -> Vec<u8> {
    let finder = memchr::memmem::Finder::new(PLACEHOLDER_START);
    if fragments.is_empty() || finder.find(&html).is_none() {
        return html;
    }
    let extra: usize = fragments.iter().map(|f| f.as_ref().len()).sum();
    let mut out = Vec::with_capacity(html.len() + extra);
    let mut rest = html.as_slice();
    while let Some(at) = finder.find(rest) {
        let after = &rest[at + PLACEHOLDER_START.len()..];
        let quoted = after.first() == Some(&b'"');
        let number = &after[usize::from(quoted)..];
        let digits = number.iter().take_while(|b| b.is_ascii_digit()).count();
        let close = usize::from(quoted) + digits + usize::from(quoted);
        let fragment = std::str::from_utf8(&number[..digits])
            .ok()
            .and_then(|d| d.parse::<usize>().ok())
            .and_then(|i| fragments.get(i))
            .filter(|_| !quoted || number.get(digits) == Some(&b'"'))
            .filter(|_| after[close..].starts_with(PLACEHOLDER_END.as_bytes()));
        match fragment {
            Some(fragment) => {
                out.extend_from_slice(&rest[..at]);
                out.extend_from_slice(fragment.as_ref().as_bytes());
                rest = &after[close + PLACEHOLDER_END.len()..];
            }
            None => {
                let keep = at + PLACEHOLDER_START.len();
                out.extend_from_slice(&rest[..keep]);
                rest = &rest[keep..];
            }
        }
    }
    out.extend_from_slice(rest);
    out
}

/// The references minify-html itself writes (it decodes every entity, then re-encodes
/// only these); any other `&name;` in its output came from text.
const MINIFIER_ENTITIES: [&[u8]; 8] = [b"amp", b"lt", b"gt", b"GT", b"LT", b"quot", b"nGt", b"nLt"];

/// minify-html writes `&` raw when what follows is not the start of a known entity, so
/// text such as `&foo;` or `&#xZZ;` (escaped correctly on the way in) comes out as a
/// character reference that does not exist: an HTML parse error, and a page that fails
/// validation. Re-escape exactly those ampersands.
fn escape_stray_ampersands(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut copied = 0;
    for at in memchr::memchr_iter(b'&', html) {
        if is_stray_reference(&html[at + 1..]) {
            out.extend_from_slice(&html[copied..at]);
            out.extend_from_slice(b"&amp;");
            copied = at + 1;
        }
    }
    out.extend_from_slice(&html[copied..]);
    out
}

/// Whether `&` followed by `rest` would be an invalid character reference.
fn is_stray_reference(rest: &[u8]) -> bool {
    match rest.first() {
        Some(b'#') => match rest.get(1) {
            Some(b'x' | b'X') => !rest.get(2).is_some_and(u8::is_ascii_hexdigit),
            next => !next.is_some_and(u8::is_ascii_digit),
        },
        _ => {
            let name_len = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            name_len > 0
                && rest.get(name_len) == Some(&b';')
                && !MINIFIER_ENTITIES.contains(&&rest[..name_len])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_whole_placeholder_names_a_fragment() {
        assert_eq!(placeholder_index(&placeholder(12)), Some(12));
        for index in [0, 3, 15, 16, 200] {
            assert_eq!(placeholder_str(index), placeholder(index));
        }
        for not in [
            "",
            "<section data-fragment=\"\"></section>",
            "<section data-fragment=\"1\"></section> ",
        ] {
            assert_eq!(placeholder_index(not), None, "{not}");
        }
        assert_eq!(
            placeholder_index("<section data-fragment=\"-1\"></section>"),
            None
        );
    }

    #[test]
    fn plain_text_is_what_minify_html_makes_of_it_in_a_cell() {
        let plain = [
            "Comparison of 250 and 251",
            "250 と 251 の比較",
            "x",
            "5.7.1 — Delivery not authorized, message refused",
            "a.b/c:d;e=f(g)",
        ];
        for text in plain {
            assert!(is_plain_text(text), "{text}");
            for tag in ["caption", "td", "th"] {
                assert_eq!(minified_cell(text, tag), text, "{tag}");
            }
        }
        for not_plain in [
            "", " a", "a ", "a  b", "a\nb", "a&amp;b", "it's", "a\u{a0}b",
        ] {
            assert!(!is_plain_text(not_plain), "{not_plain:?}");
        }
    }

    #[test]
    fn text_that_looks_like_a_reference_stays_text() {
        let source = "<!doctype html><html lang=en><title>&amp;t;</title><p title=\"&amp;x;\">\
                      &amp;IVg; &amp;#xZZ; &amp;#; &amp;lt; &amp;amp; &lt;b&gt; a&amp;b \"q\" &#8811;&#8402;</p>";
        let minified = String::from_utf8(minify(source)).unwrap();
        let html = scraper::Html::parse_document(&minified);
        assert!(html.errors.is_empty(), "{minified}: {:?}", html.errors);
        let text: String = html.root_element().text().collect();
        assert_eq!(
            text, "&t;&IVg; &#xZZ; &#; &lt; &amp; <b> a&b \"q\" \u{226b}\u{20d2}",
            "{minified}"
        );
        let p = scraper::Selector::parse("p").unwrap();
        let title = html.select(&p).next().and_then(|e| e.value().attr("title"));
        assert_eq!(title, Some("&x;"));
    }

    /// Escapes `text` as Tera's autoescape does.
    fn tera_escape(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#x27;"),
                '/' => out.push_str("&#x2F;"),
                c => out.push(c),
            }
        }
        out
    }

    fn collapse_whitespace(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Text put through a template and the minifier reads back the same, in an element
    /// and in attributes, and the page has no parse error (the validator's view).
    fn assert_round_trip(text: &str) {
        let escaped = tera_escape(text);
        let source = format!(
            "<!doctype html>\n<html lang=\"en\">\n<title>t</title>\n<p title=\"{escaped}\">{escaped}</p>\n<ul>\n<li><a href=\"/x?{escaped}\">{escaped}</a></li>\n</ul>\n"
        );
        let minified = String::from_utf8(minify(&source)).unwrap();
        let html = scraper::Html::parse_document(&minified);
        assert!(
            html.errors.is_empty(),
            "{text:?} -> {minified}: {:?}",
            html.errors
        );
        let p = scraper::Selector::parse("p").unwrap();
        let p = html.select(&p).next().unwrap();
        // The minifier drops an empty attribute.
        assert_eq!(p.value().attr("title").unwrap_or(""), text, "{minified}");
        let read: String = p.text().collect();
        assert_eq!(read, collapse_whitespace(text).as_str(), "{minified}");
        let a = scraper::Selector::parse("a").unwrap();
        let a = html.select(&a).next().unwrap();
        assert_eq!(a.value().attr("href"), Some(format!("/x?{text}").as_str()));
    }

    #[test]
    fn text_that_minifiers_tend_to_get_wrong_reads_back_the_same() {
        for text in [
            "<b>",
            "a<b",
            "<domain>",
            "&lt;",
            "&amp;",
            "&ampx",
            "&notin",
            "&not;",
            "&#39",
            "'q' \"q\"",
            "a>b",
            "x>rless;",
            "&gtrless;",
            "&LTb",
            "&#x2F;",
            "1 < 2 > 0",
            "MAIL FROM:<>",
            "a=b&c=d",
            "&",
            "&&",
            "&#",
            "&;",
            "日本語 <x>",
        ] {
            assert_round_trip(text);
        }
    }

    proptest::proptest! {
        /// Built from the pieces of references and markup, where minifiers take shortcuts.
        /// (This is how minify-html's one-pass variant was found to turn `&&notin` into
        /// text a browser reads as `&¬in`; it is not used.)
        #[test]
        fn any_text_reads_back_the_same(
            text in "(amp|lt|gt|LT|GT|not|notin|quot|#39|#x2F|#|x|&|<|>|;|\"|'|=|/|!|\\?|[a-f]|[0-9]| |日){0,16}"
        ) {
            assert_round_trip(&text);
        }
    }

    #[test]
    fn the_shipped_stylesheet_and_script_get_smaller_and_keep_their_rules() {
        let css = include_str!("../../static/style.css");
        let small = asset(css, AssetKind::Style);
        assert!(
            small.len() < css.len() * 85 / 100,
            "{} of {}",
            small.len(),
            css.len()
        );
        assert!(small.contains("@media"), "{small}");
        assert!(small.contains("prefers-color-scheme"), "{small}");
        let js = include_str!("../../static/lookup.js");
        let small = asset(js, AssetKind::Script);
        assert!(small.len() < js.len(), "{} of {}", small.len(), js.len());
        assert!(!small.contains("</script>"));
        // Comments are for whoever reads static/, not for every page's weight.
        assert!(js.contains("progressive enhancement"));
        assert!(
            !small.contains("progressive enhancement"),
            "a comment was served"
        );
        assert!(
            small.contains("form[data-decoder]"),
            "the code itself is kept"
        );
    }

    #[test]
    fn a_placeholder_minifies_to_the_form_splicing_looks_for() {
        for index in [0, 1, 12] {
            let minified = String::from_utf8(minify(&placeholder(index))).unwrap();
            assert_eq!(
                minified,
                format!("{PLACEHOLDER_START}{index}{PLACEHOLDER_END}")
            );
        }
    }

    #[test]
    fn spliced_fragments_give_the_bytes_of_the_whole_page() {
        let fragment = |n: usize| {
            format!(
                "\n<section class=\"code\">\n<h2 id=\"c{n}\">Code {n}</h2>\n<p>Some  <em>text</em> &amp; more</p>\n<pre><code>250  ok</code></pre>\n</section>\n"
            )
        };
        let page = |a: &str, b: &str| {
            format!(
                "<!doctype html>\n<html lang=\"en\">\n<title>t</title>\n<main>\n<article>\n<h1>A vs B</h1>\n<ul>\n<li>x</li>\n</ul>\n{a}\n{b}\n<section><p>after</p></section>\n</article>\n</main>\n"
            )
        };
        let whole = minify(&page(&fragment(0), &fragment(1)));
        let minified: Vec<String> = (0..2)
            .map(|n| String::from_utf8(minify(&fragment(n))).unwrap())
            .collect();
        let refs: Vec<&str> = minified.iter().map(String::as_str).collect();
        let spliced = minify_spliced(&page(&placeholder(0), &placeholder(1)), &refs);
        assert_eq!(
            String::from_utf8(spliced).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }

    #[test]
    fn placeholders_are_found_as_written_and_as_minified() {
        let html = format!("<main>{}<p>{}</main>", placeholder(0), placeholder(1));
        let out = splice(html.into_bytes(), &["<b>zero</b>", "<i>one</i>"]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<main><b>zero</b><p><i>one</i></main>"
        );
        let broken = "<section data-fragment=\"0></section>".to_owned();
        let out = splice(broken.clone().into_bytes(), &["x"]);
        assert_eq!(String::from_utf8(out).unwrap(), broken);
    }

    #[test]
    fn placeholders_without_a_fragment_are_left_alone() {
        let out = minify_spliced(&format!("<main>{}</main>", placeholder(3)), &["<p>x"]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<main><section data-fragment=3></section></main>"
        );
    }
}
