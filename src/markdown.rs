//! Markdown from content files, rendered so that nothing in it can become markup the
//! author did not mean: raw HTML is shown as text, links are limited to safe schemes,
//! images (which would be third-party requests) become their alt text, and headings are
//! moved below the page's own outline.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders a block of Markdown (paragraphs, lists) to HTML.
pub fn to_html(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, sanitize(Parser::new_ext(markdown, options())));
    join_cjk_lines(&html)
}

/// Renders a one-paragraph field (summary, action) without the wrapping `<p>`, so it can
/// sit inside a list item or a sentence.
pub fn to_inline_html(markdown: &str) -> String {
    let html = to_html(markdown.trim());
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => trimmed.to_owned(),
    }
}

/// Whether `markdown` is exactly one paragraph (inline Markdown only), as a summary or an
/// action must be: they are shown inside a `<p>` or a `<span>`, where a list, a heading
/// or a second paragraph would be invalid HTML (`---` under a line makes it a heading).
pub fn is_single_paragraph(markdown: &str) -> bool {
    let mut depth = 0usize;
    let mut blocks = 0usize;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    blocks += 1;
                    if !matches!(tag, Tag::Paragraph) {
                        return false;
                    }
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule | Event::Html(_) if depth == 0 => return false,
            _ => {}
        }
    }
    blocks == 1
}

/// The text of some Markdown without any markup, for `<title>`, meta descriptions and
/// other attributes. Line breaks become spaces.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            // Line breaks until the lines are joined: they say where a Japanese line
            // ended (see `join_cjk_lines`).
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push('\n'),
            Event::End(TagEnd::Item) => out.push('\n'),
            _ => {}
        }
    }
    let joined = join_cjk_lines(&out);
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Mark the start and end of a value inserted into a localized message (private-use
/// characters, never in the output): [`join_cjk_lines`] keeps the white space inside.
pub const VALUE_START: char = '\u{E000}';
pub const VALUE_END: char = '\u{E001}';

/// Removes white space between two Chinese/Japanese characters. A line break inside a
/// Japanese paragraph (in YAML or Markdown) would otherwise show as a stray space, since
/// those scripts do not separate words; spaces next to Latin text are kept ("2015 年の
/// RFC 7504"), and so is all white space between [`VALUE_START`] and [`VALUE_END`] (the
/// marks themselves are dropped). Full-width punctuation carries its own spacing, so
/// white space goes after the marks that end a sentence or clause (`。`, `、`, `：`):
/// "です。RFC", never "です。 RFC", even where YAML folded the line break into a space;
/// and white space with a line break in it goes after a closing bracket (`）`, `」`) and
/// before an opening one (`（`, `「`). A space typed on one line next to a bracket (the
/// title's "（恒久的エラー） vs 5.6.1") is the author's, and kept.
pub fn join_cjk_lines(text: &str) -> String {
    if !may_contain_cjk(text) {
        // Nothing to join (every message of a Latin-script locale): only the marks go.
        return text.replace([VALUE_START, VALUE_END], "");
    }
    let mut joiner = CjkJoiner::with_capacity(text.len());
    let mut in_value = false;
    let mut rest = text;
    while let Some(at) = rest.find([VALUE_START, VALUE_END]) {
        joiner.push(&rest[..at], in_value);
        in_value = rest[at..].starts_with(VALUE_START);
        rest = &rest[at + VALUE_START.len_utf8()..];
    }
    joiner.push(rest, in_value);
    joiner.finish()
}

/// [`join_cjk_lines`] of a text given in pieces, each either the message's own text or a
/// value written into it (whose white space is kept): for messages put together from
/// their pieces without the marks.
pub struct CjkJoiner {
    out: String,
    /// White space seen since the last character, written out unless it stands between
    /// two wide characters (or, with a line break in it, next to full-width punctuation).
    pending: String,
    previous_wide: bool,
    /// Whether the last character is full-width punctuation that closes.
    previous_closes: bool,
    /// Whether it ends a sentence or a clause.
    previous_ends_clause: bool,
}

impl CjkJoiner {
    pub fn with_capacity(capacity: usize) -> CjkJoiner {
        CjkJoiner {
            out: String::with_capacity(capacity),
            pending: String::new(),
            previous_wide: false,
            previous_closes: false,
            previous_ends_clause: false,
        }
    }

    /// Adds `text`: a value (`value`), or the message's own text.
    pub fn push(&mut self, text: &str, value: bool) {
        if value {
            self.push_value(text);
        } else {
            self.push_text(text);
        }
    }

    /// White space (space, line break, tab) waits; each run of other characters is
    /// joined as a value is (only its first and last character matter).
    fn push_text(&mut self, text: &str) {
        let is_space = |b: &u8| matches!(b, b' ' | b'\n' | b'\t');
        let mut rest = text;
        while !rest.is_empty() {
            // ASCII bytes, so both cuts are on character boundaries.
            let spaces = rest.bytes().take_while(is_space).count();
            self.pending.push_str(&rest[..spaces]);
            rest = &rest[spaces..];
            let run = rest
                .bytes()
                .position(|b| is_space(&b))
                .unwrap_or(rest.len());
            self.push_value(&rest[..run]);
            rest = &rest[run..];
        }
    }

    /// Only a value's first character can meet pending white space, and only its last
    /// decides for what follows: the rest is copied as it is.
    fn push_value(&mut self, value: &str) {
        let (Some(first), Some(last)) = (value.chars().next(), value.chars().next_back()) else {
            return;
        };
        self.push_char(first);
        self.out.push_str(&value[first.len_utf8()..]);
        self.previous_wide = is_wide(last);
        self.previous_closes = closes(last);
        self.previous_ends_clause = ends_clause(last);
    }

    fn push_char(&mut self, c: char) {
        let wide = is_wide(c);
        let line_break = self.pending.contains('\n');
        let joined = (self.previous_wide && wide)
            || self.previous_ends_clause
            || (line_break && (self.previous_closes || opens(c)));
        if !joined {
            self.out.push_str(&self.pending);
        }
        self.pending.clear();
        self.out.push(c);
        self.previous_wide = wide;
        self.previous_closes = closes(c);
        self.previous_ends_clause = ends_clause(c);
    }

    pub fn finish(mut self) -> String {
        self.out.push_str(&self.pending);
        self.out
    }
}

fn is_wide(c: char) -> bool {
    !c.is_whitespace() && is_cjk(c)
}

/// Full-width punctuation that ends a sentence or a clause: no space ever follows it.
fn ends_clause(c: char) -> bool {
    matches!(c, '、' | '。' | '，' | '．' | '：' | '；' | '！' | '？')
}

/// Full-width punctuation that ends a sentence, a clause or a bracket, with the space it
/// needs built into its glyph.
fn closes(c: char) -> bool {
    ends_clause(c)
        || matches!(
            c,
            '）' | '］' | '｝' | '」' | '』' | '】' | '〕' | '〉' | '》' | '〗' | '〙'
        )
}

/// Full-width punctuation that opens a bracket, with its space built in before it.
fn opens(c: char) -> bool {
    matches!(
        c,
        '（' | '［' | '｛' | '「' | '『' | '【' | '〔' | '〈' | '《' | '〖' | '〘'
    )
}

/// Whether `text` may hold a character [`is_cjk`] accepts: in UTF-8 each of them starts
/// with one of these bytes (U+3000–U+9FFF: E3–E9; U+F900–U+FFFF: EF).
pub fn may_contain_cjk(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, 0xE3..=0xE9 | 0xEF))
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}'   // CJK punctuation, hiragana, katakana
        | '\u{31F0}'..='\u{31FF}' // katakana extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FF01}'..='\u{FF60}' // fullwidth forms
    )
}

fn sanitize<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut dropped_link_depth = 0usize;
    events.filter_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if is_safe_url(&dest_url) && !matches!(link_type, LinkType::Email) {
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            } else if matches!(link_type, LinkType::Email) {
                let mailto: CowStr = format!("mailto:{dest_url}").into();
                Some(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: mailto,
                    title,
                    id,
                }))
            } else {
                dropped_link_depth += 1;
                None
            }
        }
        Event::End(TagEnd::Link) if dropped_link_depth > 0 => {
            dropped_link_depth -= 1;
            None
        }
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        other => Some(other),
    })
}

/// Page headings use h1–h3; a heading inside prose starts at h4.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H4,
        HeadingLevel::H2 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Relative links, fragments and http(s)/mailto only: `javascript:`, `data:` and every
/// other scheme are dropped (the link text stays).
fn is_safe_url(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let before = &lower[..colon];
            if before.contains('/') || before.contains('?') || before.contains('#') {
                return true; // the colon is in a path, not a scheme
            }
            matches!(before, "http" | "https" | "mailto")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `join_cjk_lines` as it was written before [`CjkJoiner`], character by character.
    fn reference_join(text: &str) -> String {
        let mut out = String::new();
        let mut pending = String::new();
        let mut previous_wide = false;
        let mut previous_closes = false;
        let mut previous_ends_clause = false;
        let mut in_value = false;
        for c in text.chars() {
            match c {
                VALUE_START => in_value = true,
                VALUE_END => in_value = false,
                ' ' | '\n' | '\t' if !in_value => pending.push(c),
                _ => {
                    let wide = !c.is_whitespace() && is_cjk(c);
                    let line_break = pending.contains('\n');
                    let joined = previous_wide && wide
                        || previous_ends_clause
                        || line_break && (previous_closes || opens(c));
                    if !joined {
                        out.push_str(&pending);
                    }
                    pending.clear();
                    out.push(c);
                    previous_wide = wide;
                    previous_closes = closes(c);
                    previous_ends_clause = ends_clause(c);
                }
            }
        }
        out.push_str(&pending);
        out
    }

    #[test]
    fn joining_in_pieces_is_joining_character_by_character() {
        let alphabet = [
            ' ',
            '\n',
            'a',
            '日',
            '。',
            '）',
            '（',
            '\u{3000}',
            VALUE_START,
            VALUE_END,
        ];
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        for text in &texts {
            assert_eq!(join_cjk_lines(text), reference_join(text), "{text:?}");
        }
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hi <script>alert(1)</script> <b onclick=x>b</b>\n\n<div>x</div>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("&lt;div&gt;"), "{html}");
    }

    #[test]
    fn dangerous_links_lose_their_href_but_keep_their_text() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let html = to_html(&format!("[click]({url})"));
            assert!(!html.contains("href"), "{url}: {html}");
            assert!(html.contains("click"), "{url}: {html}");
        }
        assert!(to_html("[rfc](https://www.rfc-editor.org/rfc/rfc5321)").contains("href"));
        assert!(to_html("[x](../251/)").contains("href=\"../251/\""));
    }

    #[test]
    fn autolinked_addresses_become_mailto_links() {
        let html = to_html("<postmaster@example.com>");
        assert!(
            html.contains("href=\"mailto:postmaster@example.com\""),
            "{html}"
        );
    }

    #[test]
    fn images_become_alt_text() {
        let html = to_html("![tracking pixel](https://evil.example/p.gif)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("tracking pixel"), "{html}");
    }

    #[test]
    fn single_paragraphs_are_recognised() {
        assert!(is_single_paragraph(
            "One `RCPT TO` line,\nwrapped. <b>x</b> [a](b)"
        ));
        for not_one in [
            "",
            "a\n\nb",
            "a\n---\nb",
            "- a",
            "# a",
            "> a",
            "```\nx\n```",
            "<div>\nx\n</div>",
            "---",
            "a\n\n---",
        ] {
            assert!(!is_single_paragraph(not_one), "{not_one:?}");
        }
    }

    #[test]
    fn headings_are_demoted() {
        assert!(to_html("# Big").contains("<h4>"));
    }

    #[test]
    fn inline_rendering_drops_the_paragraph() {
        assert_eq!(
            to_inline_html("Use `RCPT TO`.\n"),
            "Use <code>RCPT TO</code>."
        );
    }

    #[test]
    fn line_breaks_inside_japanese_leave_no_space() {
        assert_eq!(
            to_inline_html("受け付け、\n別のアドレスへ `RCPT TO` 転送\nします"),
            "受け付け、別のアドレスへ <code>RCPT TO</code> 転送します"
        );
        assert_eq!(to_plain_text("a\nb 説明\n説明"), "a b 説明説明");
    }

    #[test]
    fn line_breaks_next_to_japanese_punctuation_leave_no_space() {
        assert_eq!(
            to_inline_html("標準化されました。\n2015 年の RFC 7504\n（最初の提案）、\nIP の評判"),
            "標準化されました。2015 年の RFC 7504（最初の提案）、IP の評判"
        );
        assert_eq!(
            to_plain_text("応答です。\nRFC 5321\n「例」\n\n次の段落。\n\n- RFC"),
            "応答です。RFC 5321「例」次の段落。RFC"
        );
        assert_eq!(to_inline_html("（例）\nRFC 5321"), "（例）RFC 5321");
        // Where YAML folded the line break into a space: gone after 。 and 、 all the same.
        assert_eq!(
            join_cjk_lines("ネットワーク、 MTU、ファイアウォール。 failed なら"),
            "ネットワーク、MTU、ファイアウォール。failed なら"
        );
        // Typed on one line next to a bracket, the space is the author's: kept.
        assert_eq!(join_cjk_lines("（251） vs （521）"), "（251） vs （521）");
        // A line break after a word, not punctuation, stays: a space next to Latin text.
        assert_eq!(to_inline_html("受信者\nRFC"), "受信者\nRFC");
        assert_eq!(to_plain_text("受信者\nRFC"), "受信者 RFC");
    }

    #[test]
    fn plain_text_has_no_markup() {
        assert_eq!(
            to_plain_text("The **server** says `250`\nand <b>goes</b> on."),
            "The server says 250 and <b>goes</b> on."
        );
    }

    #[test]
    fn every_cjk_character_is_seen_by_the_quick_check() {
        for c in ('\u{3000}'..='\u{FFFF}').filter(|&c| is_cjk(c)) {
            assert!(may_contain_cjk(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
    }

    #[test]
    fn text_without_cjk_only_loses_the_value_marks() {
        let text = format!("a  b\n{VALUE_START}é \u{2028}{VALUE_END} \u{1F600} \tc");
        assert!(!may_contain_cjk(&text));
        assert_eq!(join_cjk_lines(&text), "a  b\né \u{2028} \u{1F600} \tc");
    }
}
