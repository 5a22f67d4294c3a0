//! Tera templates minified once, at load, so that the pages rendered from them need no
//! minification of their own.
//!
//! minify-html cannot read a template as it is: a tag such as `<span{{ x | lang_attr }}>`
//! or `content="{% block og_type %}…{% endblock %}"` is not HTML, and its own option for
//! brace syntax (`preserve_brace_template_syntax`) only covers text, where it treats
//! `{{ … }}` as something that is neither text nor element: whitespace next to it is then
//! trimmed as at the edge of an element (`<summary>{{ a }} ({{ n }})` loses the space
//! before the parenthesis) and a closing tag before it may be left out (`<p>…</p>{{ x }}`
//! would put x inside the paragraph). So here:
//!
//! 1. the template is cut into text and Tera tags (`{{ }}`, `{% %}`, `{# #}`, raw blocks),
//!    and each tag's `-` whitespace control is applied to the text beside it, as Tera
//!    would;
//! 2. each Tera tag is replaced by a placeholder that minify-html takes for a word of
//!    text (private-use characters around its number): whitespace next to it is kept (one
//!    space) and no closing tag before it is left out, whatever the tag renders to;
//! 3. an HTML tag holding a Tera tag (in an attribute, or between them) is kept exactly
//!    as written, and minify-html is shown `<name data-smtpcodes-tag=N>` in its place;
//! 4. a template that is not a whole document (a child template's blocks, macros, a
//!    fragment) is minified inside an unknown element with a word of text at each end, so
//!    that nothing at its edges is trimmed or left out: the context it is rendered in is
//!    not known here;
//! 5. the result is checked: every Tera tag and every kept HTML tag comes back exactly
//!    once, in order, and nothing new that Tera would read appears in the text.
//!
//! What cannot be done safely is refused with a reason ([`NotMinifiable`]), and the caller
//! minifies the rendered pages instead: a Tera tag inside an HTML comment, a doctype or a
//! tag name (`<h{{ n }}>`), an element opened in one branch of an `{% if %}` and closed
//! outside it (or an end tag left out, which needs the same knowledge), `{% filter %}`.
//! The un-minified source stays the one errors are located in (see `load::templates`).

use std::fmt;

/// Why a template was not minified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotMinifiable(pub String);

impl fmt::Display for NotMinifiable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn refuse<T>(why: impl Into<String>) -> Result<T, NotMinifiable> {
    Err(NotMinifiable(why.into()))
}

/// Placeholder delimiters: private-use characters, which minify-html copies as text.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';
/// The word of text at each end of a fragment template (see the module's step 4).
const EDGE: char = '\u{E002}';
const WRAPPER: &str = "smtpcodes-template";
const KEPT_TAG_ATTR: &str = "data-smtpcodes-tag";

/// A Tera tag of the template: where it is, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TeraTag<'t> {
    text: &'t str,
    kind: Kind<'t>,
    /// `{{-`, `{%-`, `{#-`: trims the whitespace before it.
    trim_before: bool,
    /// `-}}`, `-%}`, `-#}`: trims the whitespace after it.
    trim_after: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind<'t> {
    /// `{{ … }}`.
    Output,
    /// `{% keyword … %}`.
    Statement(&'t str),
    /// `{# … #}`.
    Comment,
    /// `{% raw %}…{% endraw %}`, whose content is text.
    Raw,
}

/// Text and Tera tags, in order.
#[derive(Debug)]
enum Piece<'t> {
    Text(&'t str),
    Tera(TeraTag<'t>),
}

/// `source`, minified, or why it cannot be.
pub fn minify_template(source: &str) -> Result<String, NotMinifiable> {
    if source.contains([OPEN, CLOSE, EDGE]) || source.contains(KEPT_TAG_ATTR) {
        return refuse("it contains characters or names the minifier uses for itself");
    }
    let pieces = trimmed(lex(source)?);
    let tags: Vec<&TeraTag> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Tera(tag) => Some(tag),
            Piece::Text(_) => None,
        })
        .collect();
    // What precedes each Tera tag in the source ends with a bare `&` (see `restore`).
    let mut bare_ampersand_before = Vec::with_capacity(tags.len());
    let mut masked = String::with_capacity(source.len());
    let mut index = 0;
    for piece in &pieces {
        match piece {
            Piece::Text(text) => masked.push_str(text),
            Piece::Tera(_) => {
                bare_ampersand_before.push(masked.ends_with('&'));
                push_placeholder(&mut masked, index);
                index += 1;
            }
        }
    }
    let html = Html::scan(&masked, &tags)?;
    let input = if html.is_document {
        html.masked.clone()
    } else {
        format!("<{WRAPPER}>{EDGE}{}{EDGE}</{WRAPPER}>", html.masked)
    };
    let minified = String::from_utf8(super::minify(&input))
        .or_else(|_| refuse("the minifier's output is not UTF-8"))?;
    let inner = if html.is_document {
        minified.as_str()
    } else {
        let open = format!("<{WRAPPER}>{EDGE}");
        let close = format!("{EDGE}</{WRAPPER}>");
        match minified
            .strip_prefix(open.as_str())
            .and_then(|m| m.strip_suffix(close.as_str()))
        {
            Some(inner) => inner,
            None => return refuse("the minifier changed the template's edges"),
        }
    };
    let restored = restore(inner, &html.kept_tags, &tags, &bare_ampersand_before)?;
    // Nothing new for Tera to read: the same Tera tags, in the same order.
    let again: Vec<&str> = lex(&restored)?
        .into_iter()
        .filter_map(|p| match p {
            Piece::Tera(tag) => Some(tag.text),
            Piece::Text(_) => None,
        })
        .collect();
    let before: Vec<&str> = tags.iter().map(|t| t.text).collect();
    if again != before {
        return refuse("minifying changed what Tera reads");
    }
    Ok(restored)
}

fn push_placeholder(out: &mut String, index: usize) {
    out.push(OPEN);
    out.push_str(&index.to_string());
    out.push(CLOSE);
}

/// Cuts `source` into text and Tera tags as Tera's lexer does: a tag starts at the first
/// `{{`, `{%` or `{#` and ends at the matching close outside string literals.
fn lex(source: &str) -> Result<Vec<Piece<'_>>, NotMinifiable> {
    let mut pieces = Vec::new();
    let bytes = source.as_bytes();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'{', &bytes[at..]) {
        let start = at + found;
        let close: &[u8] = match bytes.get(start + 1) {
            Some(b'{') => b"}}",
            Some(b'%') => b"%}",
            Some(b'#') => b"#}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        let strings = close != b"#}";
        let Some(end) = find_close(bytes, start + 2, close, strings) else {
            return refuse("a Tera tag is not closed");
        };
        if start > text_start {
            pieces.push(Piece::Text(&source[text_start..start]));
        }
        let mut tag = tera_tag(&source[start..end]);
        let mut tag_end = end;
        if tag.kind == Kind::Statement("raw") {
            let Some(raw_end) = end_of_raw(source, end) else {
                return refuse("a `{% raw %}` block is not closed");
            };
            tag_end = raw_end;
            let closing = tera_tag(&source[source[..raw_end].rfind("{%").unwrap_or(end)..raw_end]);
            tag = TeraTag {
                text: &source[start..raw_end],
                kind: Kind::Raw,
                trim_before: tag.trim_before,
                trim_after: closing.trim_after,
            };
        }
        pieces.push(Piece::Tera(tag));
        at = tag_end;
        text_start = tag_end;
    }
    if text_start < source.len() {
        pieces.push(Piece::Text(&source[text_start..]));
    }
    Ok(pieces)
}

/// Where the tag opened before `from` ends: after `close`, skipping quoted strings.
fn find_close(bytes: &[u8], from: usize, close: &[u8], strings: bool) -> Option<usize> {
    let mut at = from;
    let mut quote: Option<u8> = None;
    while at < bytes.len() {
        let b = bytes[at];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if strings && matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if bytes[at..].starts_with(close) => return Some(at + close.len()),
            None => {}
        }
        at += 1;
    }
    None
}

/// The end of the `{% endraw %}` tag that closes a raw block whose opening tag ends at `from`.
fn end_of_raw(source: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(found) = source[at..].find("{%") {
        let start = at + found;
        let end = find_close(source.as_bytes(), start + 2, b"%}", false)?;
        if tera_tag(&source[start..end]).kind == Kind::Statement("endraw") {
            return Some(end);
        }
        at = start + 2;
    }
    None
}

fn tera_tag(text: &str) -> TeraTag<'_> {
    let inner = &text[2..text.len() - 2];
    let trim_before = inner.starts_with('-');
    let trim_after = inner.ends_with('-') && inner.len() > 1;
    let kind = match &text[..2] {
        "{{" => Kind::Output,
        "{#" => Kind::Comment,
        _ => {
            let body = inner.strip_prefix('-').unwrap_or(inner).trim_start();
            let len = body
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(body.len());
            Kind::Statement(&body[..len])
        }
    };
    TeraTag {
        text,
        kind,
        trim_before,
        trim_after,
    }
}

/// Applies each Tera tag's `-` to the text beside it, as Tera does (`str::trim_end`,
/// `str::trim_start`), so that the minifier sees the whitespace the page will have. The
/// tags keep their `-`, which then finds nothing left to trim.
fn trimmed(mut pieces: Vec<Piece<'_>>) -> Vec<Piece<'_>> {
    for i in 0..pieces.len() {
        let (trim_before, trim_after) = match &pieces[i] {
            Piece::Tera(tag) => (tag.trim_before, tag.trim_after),
            Piece::Text(_) => continue,
        };
        if trim_before
            && i > 0
            && let Piece::Text(text) = &mut pieces[i - 1]
        {
            *text = text.trim_end();
        }
        if trim_after && let Some(Piece::Text(text)) = pieces.get_mut(i + 1) {
            *text = text.trim_start();
        }
    }
    pieces.retain(|p| !matches!(p, Piece::Text("")));
    pieces
}

/// Elements without content or end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track",
];
/// Elements whose content is text up to their end tag.
const RAW_TEXT: [&str; 4] = ["script", "style", "title", "textarea"];
/// minify-html's whitespace rules (minify-html-common's `spec::tag::whitespace`): the
/// elements in which it removes whitespace-only text and trims the first and last text
/// (tests/common/equivalence.rs compares pages by the same rules)…
pub const LAYOUT: [&str; 32] = [
    "article",
    "aside",
    "blockquote",
    "body",
    "colgroup",
    "datalist",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "head",
    "header",
    "hgroup",
    "html",
    "main",
    "map",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "picture",
    "section",
    "select",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];
/// … those in which it only trims…
pub const CONTENT: [&str; 32] = [
    "address",
    "audio",
    "button",
    "canvas",
    "caption",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "legend",
    "meter",
    "object",
    "option",
    "p",
    "summary",
    "video",
    "dd",
    "details",
    "dt",
    "iframe",
    "label",
    "li",
    "noscript",
    "output",
    "progress",
    "slot",
    "td",
    "template",
    "th",
];
/// … and those whose whitespace it leaves as it is.
pub const WHITESPACE_SENSITIVE: [&str; 3] = ["textarea", "code", "pre"];

/// What minify-html does with whitespace in an element's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Whitespace {
    /// Whitespace-only text is removed.
    destroy: bool,
    /// The first text loses its leading whitespace, the last its trailing.
    trim: bool,
    /// Nothing is touched (`<pre>` and what is in it, `<code>`, `<textarea>`).
    sensitive: bool,
}

impl Whitespace {
    fn of(element: Option<&str>, in_pre: bool, is_document: bool) -> Whitespace {
        let (destroy, trim, sensitive) = match element {
            _ if in_pre => (false, false, true),
            None if is_document => (true, true, false),
            None => (false, false, false),
            Some(name) if WHITESPACE_SENSITIVE.contains(&name) => (false, false, true),
            Some(name) if LAYOUT.contains(&name) => (true, true, false),
            Some(name) if CONTENT.contains(&name) => (false, true, false),
            Some(_) => (false, false, false),
        };
        Whitespace {
            destroy,
            trim,
            sensitive,
        }
    }
}

/// A piece of the masked template, as an HTML tokenizer sees it.
#[derive(Debug)]
enum Token {
    /// Text between tags (no placeholder), with the whitespace rules of its element.
    Text(String, Whitespace),
    /// A placeholder in text: Tera tag `n`.
    Tera(usize),
    /// The start tag of an element with content.
    Start(String),
    End(String),
    /// An element without content (`<br>`, `<meta>`), or a doctype.
    Void(String),
    /// A raw-text element's content (`<script>`), copied as it is.
    RawText(String),
    /// An HTML comment (minify-html removes it).
    Comment(String),
}

/// The masked template (Tera tags as placeholders) as minify-html is to see it.
struct Html {
    masked: String,
    /// HTML tags holding Tera tags, as written, by the number minify-html is shown.
    kept_tags: Vec<String>,
    /// A whole document (doctype, `<html>`, `<head>` or `<body>`), not a fragment.
    is_document: bool,
}

/// Where the scan of the masked template is in its Tera blocks and HTML elements.
struct Nesting<'a, 't> {
    tags: &'a [&'a TeraTag<'t>],
    /// Open elements, innermost last.
    elements: Vec<String>,
    /// Open Tera blocks (`if`, `for`, `block`, `macro`) with the number of elements open
    /// when each began, and the tokens of their tags: an element must close in the block
    /// (and branch) it opened in.
    blocks: Vec<(usize, Vec<usize>)>,
    /// Each finished block's tags, by token: `if`, `elif`…, `else`, `endif`; `for`, `endfor`.
    groups: Vec<Vec<usize>>,
}

impl<'t> Nesting<'_, 't> {
    /// Takes account of Tera tag `index`, token `token` of the template's text.
    fn tera(&mut self, index: usize, token: usize) -> Result<(), NotMinifiable> {
        let Kind::Statement(keyword) = self.tags[index].kind else {
            return Ok(());
        };
        let depth = self.elements.len();
        match keyword {
            "if" | "for" | "block" | "macro" => self.blocks.push((depth, vec![token])),
            "elif" | "else" => {
                self.same_depth(keyword)?;
                if let Some((_, group)) = self.blocks.last_mut() {
                    group.push(token);
                }
            }
            "endif" | "endfor" | "endblock" | "endmacro" => {
                self.same_depth(keyword)?;
                if let Some((_, mut group)) = self.blocks.pop() {
                    group.push(token);
                    self.groups.push(group);
                }
            }
            "set" | "set_global" | "include" | "import" | "extends" | "break" | "continue" => {}
            other => return refuse(format!("`{{% {other} %}}` is not minified")),
        }
        Ok(())
    }

    fn same_depth(&self, keyword: &str) -> Result<(), NotMinifiable> {
        match self.blocks.last() {
            Some((depth, _)) if *depth == self.elements.len() => Ok(()),
            Some(_) => refuse(format!(
                "an element is opened or closed across `{{% {keyword} %}}`"
            )),
            None => refuse(format!("`{{% {keyword} %}}` closes nothing")),
        }
    }

    /// Tera tags inside one HTML tag or one raw-text element must open and close there.
    fn local(&self, indexes: &[usize]) -> Result<(), NotMinifiable> {
        let mut depth = 0usize;
        for &i in indexes {
            match self.tags[i].kind {
                Kind::Statement("if" | "for" | "block") => depth += 1,
                Kind::Statement("elif" | "else") if depth > 0 => {}
                Kind::Statement("endif" | "endfor" | "endblock") if depth > 0 => depth -= 1,
                Kind::Statement("set" | "set_global" | "break" | "continue") => {}
                Kind::Statement(other) => {
                    return refuse(format!("`{{% {other} %}}` inside an HTML tag or script"));
                }
                Kind::Output | Kind::Comment | Kind::Raw => {}
            }
        }
        if depth == 0 {
            Ok(())
        } else {
            refuse("an `{% if %}` or `{% for %}` inside an HTML tag or script is not closed there")
        }
    }

    fn in_pre(&self) -> bool {
        self.elements.iter().any(|e| e == "pre")
    }
}

impl Html {
    /// Scans `masked` (text with placeholders for `tags`) the way an HTML tokenizer does,
    /// to find the tags that hold Tera tags, check the nesting, and settle the whitespace
    /// beside Tera tags (see [`settle_whitespace`]).
    fn scan(masked: &str, tags: &[&TeraTag<'_>]) -> Result<Html, NotMinifiable> {
        let mut tokens: Vec<Token> = Vec::new();
        let mut kept_tags = Vec::new();
        let is_document = is_document(masked);
        let mut nesting = Nesting {
            tags,
            elements: Vec::new(),
            blocks: Vec::new(),
            groups: Vec::new(),
        };
        let mut rest = masked;
        while !rest.is_empty() {
            let next = rest.find(['<', OPEN]).unwrap_or(rest.len());
            let mut text_end = next;
            let after = rest.get(next + 1..).unwrap_or("");
            // A `<` that starts no tag is text.
            if rest[next..].starts_with('<') && !starts_markup(after)? {
                text_end = next + 1;
            }
            if text_end > 0 {
                let whitespace = Whitespace::of(
                    nesting.elements.last().map(String::as_str),
                    nesting.in_pre(),
                    is_document,
                );
                match tokens.last_mut() {
                    Some(Token::Text(text, _)) => text.push_str(&rest[..text_end]),
                    _ => tokens.push(Token::Text(rest[..text_end].to_owned(), whitespace)),
                }
                rest = &rest[text_end..];
                continue;
            }
            if rest.starts_with(OPEN) {
                let (index, len) = placeholder_at(rest)?;
                nesting.tera(index, tokens.len())?;
                tokens.push(Token::Tera(index));
                rest = &rest[len..];
                continue;
            }
            if let Some(comment) = after.strip_prefix("!--") {
                let end = comment.find("-->").map_or(rest.len(), |e| 4 + e + 3);
                refuse_placeholders(&rest[..end], "an HTML comment")?;
                tokens.push(Token::Comment(rest[..end].to_owned()));
                rest = &rest[end..];
            } else if after.starts_with(['!', '?']) {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                refuse_placeholders(&rest[..end], "a doctype")?;
                tokens.push(Token::Void(rest[..end].to_owned()));
                rest = &rest[end..];
            } else if let Some(end_tag) = after.strip_prefix('/') {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                refuse_placeholders(&rest[..end], "an end tag")?;
                let name = tag_name(end_tag).to_ascii_lowercase();
                match nesting.elements.pop() {
                    Some(open) if open == name => {}
                    Some(open) => {
                        return refuse(format!(
                            "`</{name}>` closes `<{open}>` (every element needs its own end tag)"
                        ));
                    }
                    None => return refuse(format!("`</{name}>` closes nothing")),
                }
                tokens.push(Token::End(rest[..end].to_owned()));
                rest = &rest[end..];
            } else {
                let len = start_tag_len(rest);
                let tag = &rest[..len];
                let name = tag_name(after).to_ascii_lowercase();
                let inside = placeholders_in(tag)?;
                let written = if inside.is_empty() {
                    tag.to_owned()
                } else {
                    nesting.local(&inside)?;
                    let close = if tag.ends_with("/>") { "/>" } else { ">" };
                    kept_tags.push(tag.to_owned());
                    format!("<{name} {KEPT_TAG_ATTR}={}{close}", kept_tags.len() - 1)
                };
                rest = &rest[len..];
                if VOID.contains(&name.as_str()) || tag.ends_with("/>") {
                    tokens.push(Token::Void(written));
                    continue;
                }
                tokens.push(Token::Start(written));
                if RAW_TEXT.contains(&name.as_str()) {
                    let end = find_end_tag(rest, &name);
                    nesting.local(&placeholders_in(&rest[..end])?)?;
                    tokens.push(Token::RawText(rest[..end].to_owned()));
                    rest = &rest[end..];
                }
                nesting.elements.push(name);
            }
        }
        if let Some(open) = nesting.elements.last() {
            return refuse(format!("`<{open}>` is not closed"));
        }
        if !nesting.blocks.is_empty() {
            return refuse("a Tera block is not closed");
        }
        let flow = Flow {
            tokens: &tokens,
            tags,
            groups: &nesting.groups,
            is_document,
        };
        let masked = flow.settle_whitespace();
        Ok(Html {
            masked,
            kept_tags,
            is_document,
        })
    }
}

/// Whether the text after a `<` makes it markup (a tag, an end tag, a comment, a
/// doctype); refuses a tag whose name comes from a Tera tag.
fn starts_markup(after: &str) -> Result<bool, NotMinifiable> {
    if after.starts_with(OPEN) || after.strip_prefix('/').is_some_and(|a| a.starts_with(OPEN)) {
        return refuse("a tag name comes from a Tera tag");
    }
    let end_tag = after.strip_prefix('/').unwrap_or(after);
    Ok(after.starts_with(['!', '?']) || end_tag.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// Whether `masked` is a whole document rather than a fragment of one.
fn is_document(masked: &str) -> bool {
    let lower = masked.to_ascii_lowercase();
    ["<!doctype", "<html", "<head", "<body"]
        .iter()
        .any(|start| {
            lower.match_indices(start).any(|(at, _)| {
                lower[at + start.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>')
            })
        })
}

/// What may come next to a piece of text on the page, whatever the template's branches
/// and loops do: bits of [`Flow::beside`]'s answer.
const TEXT: u8 = 1;
const TAG: u8 = 2;
const PARENT_START: u8 = 4;
const PARENT_END: u8 = 8;
const UNKNOWN: u8 = 16;

/// The tokens with the template's control flow, to tell what can stand next to a piece of
/// whitespace in a rendered page.
struct Flow<'a, 't> {
    tokens: &'a [Token],
    tags: &'a [&'a TeraTag<'t>],
    groups: &'a [Vec<usize>],
    is_document: bool,
}

impl Flow<'_, '_> {
    /// The masked text, with the whitespace beside Tera tags that minify-html would remove
    /// from every page this template renders removed. minify-html itself cannot: it sees a
    /// placeholder as a word of text, so it keeps (one space of) the whitespace next to
    /// one. Here the branches and loops are followed to what stands next to it on a page:
    /// whitespace between tags only, in an element whose whitespace-only text minify-html
    /// removes, goes; so does whitespace at the start (end) of an element that trims.
    fn settle_whitespace(&self) -> String {
        let mut out = String::new();
        for (i, token) in self.tokens.iter().enumerate() {
            match token {
                Token::Text(text, whitespace) => out.push_str(self.settled(i, text, *whitespace)),
                Token::Tera(index) => push_placeholder(&mut out, *index),
                Token::Start(text)
                | Token::End(text)
                | Token::Void(text)
                | Token::RawText(text)
                | Token::Comment(text) => out.push_str(text),
            }
        }
        out
    }

    fn settled<'s>(&self, i: usize, text: &'s str, whitespace: Whitespace) -> &'s str {
        let tera_before = i > 0 && matches!(self.tokens[i - 1], Token::Tera(_));
        let tera_after = matches!(self.tokens.get(i + 1), Some(Token::Tera(_)));
        if whitespace.sensitive || !(tera_before || tera_after) {
            return text;
        }
        let before = || self.beside(i, false);
        let after = || self.beside(i, true);
        if text.trim_matches(is_space).is_empty() {
            let between_tags = whitespace.destroy
                && before() & !(TAG | PARENT_START) == 0
                && after() & !(TAG | PARENT_END) == 0;
            let trimmed = whitespace.trim && (before() == PARENT_START || after() == PARENT_END);
            return if between_tags || trimmed { "" } else { text };
        }
        let mut text = text;
        if tera_before && whitespace.trim && before() == PARENT_START {
            text = text.trim_start_matches(is_space);
        }
        if tera_after && whitespace.trim && after() == PARENT_END {
            text = text.trim_end_matches(is_space);
        }
        text
    }

    /// What can stand next to token `i` on a page: after it (`forward`) or before it.
    fn beside(&self, i: usize, forward: bool) -> u8 {
        let mut seen = std::collections::HashSet::new();
        let mut found = 0;
        let start = if forward {
            Some(i + 1)
        } else {
            i.checked_sub(1)
        };
        let mut todo = vec![(start, false)];
        while let Some((at, skipped_to)) = todo.pop() {
            if !seen.insert((at, skipped_to)) {
                continue;
            }
            let Some(at) = at.filter(|&a| a < self.tokens.len()) else {
                found |= if !self.is_document {
                    UNKNOWN
                } else if forward {
                    PARENT_END
                } else {
                    PARENT_START
                };
                continue;
            };
            let step = |a: usize| {
                if forward {
                    Some(a + 1)
                } else {
                    a.checked_sub(1)
                }
            };
            match &self.tokens[at] {
                Token::Text(text, _) if text.trim_matches(is_space).is_empty() => {
                    todo.push((step(at), false));
                }
                Token::Text(..) | Token::RawText(_) => found |= TEXT,
                Token::Comment(_) => found |= UNKNOWN,
                Token::Void(_) => found |= TAG,
                Token::End(_) if forward => found |= PARENT_END,
                Token::End(_) => found |= TAG,
                Token::Start(_) if forward => found |= TAG,
                Token::Start(_) => found |= PARENT_START,
                Token::Tera(index) => match self.tags[*index].kind {
                    Kind::Output | Kind::Raw => found |= UNKNOWN,
                    Kind::Comment => todo.push((step(at), false)),
                    Kind::Statement(keyword) => {
                        match self.jumps(at, keyword, forward, skipped_to) {
                            Some(next) => todo.extend(next),
                            None => found |= UNKNOWN,
                        }
                    }
                },
            }
        }
        found
    }

    /// Where the page can go on from Tera statement token `at` in direction `forward`,
    /// each with whether it is a branch tag reached by skipping the branch before it
    /// (`skipped_to` says so of `at`); `None` when that is not known here (blocks, macros,
    /// includes, `break`: what they render, or where they go, is decided elsewhere).
    fn jumps(
        &self,
        at: usize,
        keyword: &str,
        forward: bool,
        skipped_to: bool,
    ) -> Option<Vec<(Option<usize>, bool)>> {
        let next = (Some(at + 1), false);
        let previous = (at.checked_sub(1), false);
        if matches!(keyword, "set" | "set_global" | "import" | "extends") {
            return Some(vec![if forward { next } else { previous }]);
        }
        if !matches!(keyword, "if" | "elif" | "else" | "endif" | "for" | "endfor") {
            return None;
        }
        let group = self.groups.iter().find(|g| g.contains(&at))?;
        let first = *group.first()?;
        let last = *group.last()?;
        let position = group.iter().position(|&t| t == at)?;
        let to = |token: usize| (Some(token), false);
        let before = |token: usize| (token.checked_sub(1), false);
        Some(match (keyword, forward) {
            // Into the branch, or on to the next branch tag.
            ("if", true) => vec![next, (group.get(1).copied(), true)],
            ("elif", true) if skipped_to => vec![next, (group.get(position + 1).copied(), true)],
            ("else", true) if skipped_to => vec![next],
            // The end of a branch that was taken: after the `endif`.
            ("elif" | "else", true) => vec![to(last + 1)],
            ("endif", true) => vec![next],
            ("if", false) => vec![previous],
            // The start of a branch: what is before the `if`.
            ("elif" | "else", false) => vec![before(first)],
            // After the `if`: the end of any branch, or what is before the `if` when no
            // branch was taken.
            ("endif", false) => {
                let mut ends: Vec<(Option<usize>, bool)> =
                    group[1..].iter().map(|&t| before(t)).collect();
                if !group.iter().any(|&t| self.token_keyword(t) == Some("else")) {
                    ends.push(before(first));
                }
                ends
            }
            // Into the loop, or past it when it is empty; and round again.
            ("for", true) => vec![next, to(last + 1)],
            ("endfor", true) => vec![to(first + 1), next],
            ("for", false) => vec![previous, before(last)],
            ("endfor", false) => vec![previous, before(first)],
            _ => return None,
        })
    }

    fn token_keyword(&self, token: usize) -> Option<&str> {
        match self.tokens.get(token) {
            Some(Token::Tera(index)) => match self.tags[*index].kind {
                Kind::Statement(keyword) => Some(keyword),
                _ => None,
            },
            _ => None,
        }
    }
}

/// minify-html's whitespace: ASCII space, tab, line feed, form feed, carriage return.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r')
}

/// The number of the placeholder `text` starts with, and its length in bytes.
fn placeholder_at(text: &str) -> Result<(usize, usize), NotMinifiable> {
    let digits = &text[OPEN.len_utf8()..];
    let len = digits.find(CLOSE).unwrap_or(0);
    match digits[..len].parse::<usize>() {
        Ok(index) => Ok((index, OPEN.len_utf8() + len + CLOSE.len_utf8())),
        Err(_) => refuse("a placeholder is damaged"),
    }
}

/// The numbers of the placeholders in `text`, in order.
fn placeholders_in(text: &str) -> Result<Vec<usize>, NotMinifiable> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        let (index, len) = placeholder_at(&rest[at..])?;
        found.push(index);
        rest = &rest[at + len..];
    }
    Ok(found)
}

fn refuse_placeholders(text: &str, place: &str) -> Result<(), NotMinifiable> {
    if text.contains(OPEN) {
        refuse(format!("a Tera tag inside {place}"))
    } else {
        Ok(())
    }
}

/// The name at the start of `text`, up to whitespace, `/`, `>` or a placeholder.
fn tag_name(text: &str) -> &str {
    let len = text
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>' || c == OPEN)
        .unwrap_or(text.len());
    &text[..len]
}

/// The length of the start tag at the start of `text` (`<` to `>`), attribute values in
/// quotes skipped.
fn start_tag_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'>' => return i + 1,
                b'"' | b'\'' if after_equals => quote = Some(b),
                b'=' => {
                    after_equals = true;
                    continue;
                }
                _ if b.is_ascii_whitespace() && after_equals => continue,
                _ => {}
            },
        }
        after_equals = false;
    }
    text.len()
}

/// Where the end tag of raw-text element `name` starts in `text` (or its end).
fn find_end_tag(text: &str, name: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    let needle = format!("</{name}");
    let mut from = 0;
    while let Some(at) = lower[from..].find(&needle) {
        let end = from + at + needle.len();
        if lower[end..].starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>') {
            return from + at;
        }
        from = end;
    }
    text.len()
}

/// Puts the kept HTML tags and the Tera tags back into the minified text. An `&` that
/// minify-html wrote just before a Tera tag is written `&amp;` unless the source had a bare
/// `&` there: the page's value after it could otherwise make it a character reference.
fn restore(
    minified: &str,
    kept_tags: &[String],
    tags: &[&TeraTag<'_>],
    bare_ampersand_before: &[bool],
) -> Result<String, NotMinifiable> {
    // The kept tags first: they hold placeholders of their own.
    let mut with_tags = String::with_capacity(minified.len());
    let mut seen = 0;
    let mut rest = minified;
    let marker = format!(" {KEPT_TAG_ATTR}=");
    while let Some(at) = rest.find(&marker) {
        let start = rest[..at].rfind('<').unwrap_or(0);
        let digits = &rest[at + marker.len()..];
        let len = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let index: usize = digits[..len]
            .parse()
            .or_else(|_| refuse("a kept tag is damaged"))?;
        let after = &digits[len..];
        let close = if after.starts_with("/>") {
            2
        } else if after.starts_with('>') {
            1
        } else {
            return refuse("the minifier changed a kept tag");
        };
        if index != seen {
            return refuse("the minifier reordered the kept tags");
        }
        with_tags.push_str(&rest[..start]);
        with_tags.push_str(&kept_tags[index]);
        seen += 1;
        rest = &after[close..];
    }
    with_tags.push_str(rest);
    if seen != kept_tags.len() {
        return refuse("the minifier dropped a kept tag");
    }
    let mut out =
        String::with_capacity(with_tags.len() + tags.iter().map(|t| t.text.len()).sum::<usize>());
    let mut rest = with_tags.as_str();
    let mut seen = 0;
    while let Some(at) = rest.find(OPEN) {
        let (index, len) = placeholder_at(&rest[at..])?;
        if index != seen {
            return refuse("the minifier reordered or dropped a Tera tag");
        }
        let before = &rest[..at];
        match before.strip_suffix('&') {
            Some(kept) if !bare_ampersand_before[index] => {
                out.push_str(kept);
                out.push_str("&amp;");
            }
            _ => out.push_str(before),
        }
        out.push_str(tags[index].text);
        seen += 1;
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    if seen != tags.len() {
        return refuse("the minifier dropped a Tera tag");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min(source: &str) -> String {
        minify_template(source).unwrap_or_else(|e| panic!("{source:?}: {e}"))
    }

    #[test]
    fn text_and_elements_are_minified_and_tera_tags_kept() {
        assert_eq!(
            min("<ul>\n  <li>a</li>\n  <li>{{ b }}</li>\n</ul>\n"),
            "<ul><li>a<li>{{ b }}</ul> "
        );
    }

    #[test]
    fn whitespace_beside_a_tera_tag_stays_one_space() {
        assert_eq!(
            min("<details><summary>{{ a }}  ({{ n }})</summary></details>"),
            "<details><summary>{{ a }} ({{ n }})</summary></details>"
        );
        assert_eq!(
            min("<div><b>x</b>\n{{ y }}\n</div>"),
            "<div><b>x</b> {{ y }}</div>"
        );
    }

    #[test]
    fn no_end_tag_is_left_out_before_a_tera_tag() {
        assert_eq!(
            min("<div><p>x</p>{{ y }}</div>"),
            "<div><p>x</p>{{ y }}</div>"
        );
    }

    #[test]
    fn tags_holding_tera_tags_are_kept_as_written() {
        let source = "<details{% if open %} open{% endif %}>\n<summary class=\"a\"{{ s | lang_attr }}>x</summary>\n</details>";
        assert_eq!(
            min(source),
            "<details{% if open %} open{% endif %}><summary class=\"a\"{{ s | lang_attr }}>x</summary></details>"
        );
        assert_eq!(
            min("<meta property=\"og:type\" content=\"{% block t %}website{% endblock t %}\">"),
            "<meta property=\"og:type\" content=\"{% block t %}website{% endblock t %}\">"
        );
    }

    #[test]
    fn whitespace_control_is_applied_before_minifying() {
        assert_eq!(
            min("<ul>\n{%- for x in xs %}<li>{{ x }}</li>\n{%- endfor %}\n</ul>"),
            "<ul>{%- for x in xs %}<li>{{ x }}</li>{%- endfor %}</ul>"
        );
    }

    #[test]
    fn pre_and_scripts_are_left_alone() {
        let source = "<pre><code>{{ a }}\n  b  </code></pre>\n<script type=\"application/ld+json\">{{ ld | safe }}</script>";
        assert_eq!(
            min(source),
            "<pre><code>{{ a }}\n  b  </code></pre> <script type=application/ld+json>{{ ld | safe }}</script>"
        );
    }

    #[test]
    fn an_escaped_ampersand_before_a_tera_tag_stays_escaped() {
        assert_eq!(min("<p>a&amp;{{ x }}</p>"), "<p>a&amp;{{ x }}</p>");
        assert_eq!(min("<p>a&{{ x }}</p>"), "<p>a&{{ x }}</p>");
    }

    #[test]
    fn strings_and_raw_blocks_are_read_as_tera_reads_them() {
        assert_eq!(min("<p>{{ \"}}\" }} </p>"), "<p>{{ \"}}\" }}</p>");
        assert_eq!(
            min("<p>{% raw %}{{ <b>  x </b> }}{% endraw %}  </p>"),
            "<p>{% raw %}{{ <b>  x </b> }}{% endraw %}</p>"
        );
    }

    #[test]
    fn what_cannot_be_minified_safely_is_refused() {
        for source in [
            "<!-- {{ x }} -->",
            "<h{{ n }}>x</h{{ n }}>",
            "<{{ tag }}>",
            "{% if a %}<div>{% endif %}x</div>",
            "<ul><li>a<li>b</ul>",
            "{% filter upper %}x{% endfilter %}",
            "<p>\u{E000}</p>",
        ] {
            assert!(minify_template(source).is_err(), "{source}");
        }
    }
}
