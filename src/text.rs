//! Turning byte offsets into the line and column a person sees in an editor, and the
//! character rules every content and locale file must follow. A leaf: it knows nothing
//! of the rest of the crate (errors built from these live in `error`).

/// 1-based line and column of `byte` in `text`; the column counts characters, so a
/// Japanese line is not miscounted (Fluent and YAML parsers report byte offsets).
pub fn line_col_of_byte(text: &str, byte: usize) -> (usize, usize) {
    let byte = floor_char_boundary(text, byte.min(text.len()));
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// Where a top-level `key:` of a YAML mapping sits (line, column of the key), for errors
/// found after parsing, when serde no longer knows positions. Falls back to 1:1.
pub fn locate_yaml_key(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or((1, 1), |i| (i + 1, 1))
}

/// Where `needle` first occurs in `text`, as (line, column); used to point at a value
/// inside a list (a dangling related code, say).
pub fn locate_text(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.find(needle).map(|byte| line_col_of_byte(text, byte))
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo
/// of it (at most a third of the characters wrong, or one); for "did you mean" hints.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lowered = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lowered, c), *c))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, _)| *d <= 1 || d.saturating_mul(3) <= word.chars().count())
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours each count 1 (`sampels` is one edit from `samples`).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Long input is not a typo of a field name; keep the quadratic table small.
    if a.len().abs_diff(b.len()) > 3 || a.len() > 64 {
        return usize::MAX;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// `text` with its first character in upper case (for a list that starts a table cell
/// in a language with case; unchanged in one without).
pub fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Why `c` may not appear in a content or locale file, or `None` if it may.
///
/// Control characters (other than tab and line breaks) are invisible, break XML and
/// terminals, and have no place in prose. Bidirectional embedding, override and isolate
/// controls make text display in an order different from the order it is stored in
/// ("Trojan Source"): a reviewer would approve one thing and readers would see another.
/// The left-to-right and right-to-left marks (U+200E, U+200F, U+061C) cannot reorder
/// anything and stay allowed, for right-to-left languages.
pub fn forbidden_char(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some("control character"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some("bidirectional control character")
        }
        _ => None,
    }
}

/// `U+202E (RIGHT-TO-LEFT OVERRIDE)`, for messages; names the usual suspects.
pub fn describe_char(c: char) -> String {
    let name = match c {
        '\u{0}' => "NUL",
        '\u{1b}' => "ESCAPE",
        '\u{7f}' => "DELETE",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => "",
    };
    if name.is_empty() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("U+{:04X} ({name})", u32::from(c))
    }
}

/// `text` with every forbidden character replaced by U+FFFD (one character for one, so
/// columns stay right).
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if forbidden_char(c).is_some() {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// What in one line of a translation the site neutralizes but a reviewer should still
/// see: invisible zero-width characters (which do reach the pages), raw HTML tags,
/// `javascript:` and template syntax (shown as text, or a link dropped). Each with the
/// 1-based character column where it starts.
pub fn suspicious_in_line(line: &str) -> Vec<(usize, String)> {
    let col = |byte: usize| line[..byte].chars().count() + 1;
    // Inside a Markdown code span, `<address>` or `{{` is meant to be shown as it is.
    let spans = code_spans(line);
    let in_code = |byte: usize| spans.iter().any(|r| r.contains(&byte));
    let mut found = Vec::new();
    for (byte, c) in line.char_indices() {
        if matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}') {
            found.push((
                col(byte),
                format!(
                    "invisible {} in a translation: it reaches the pages unseen; remove it",
                    describe_char(c)
                ),
            ));
        }
    }
    for (byte, _) in line.match_indices('<').filter(|(b, _)| !in_code(*b)) {
        if let Some(tag) = html_tag_at(&line[byte + 1..]) {
            found.push((
                col(byte),
                format!(
                    "raw HTML `<{tag}` in a translation: pages show it as text, not markup; \
                     write it in words or remove it"
                ),
            ));
        }
    }
    let lower = line.to_ascii_lowercase();
    for (byte, _) in lower
        .match_indices("javascript:")
        .filter(|(b, _)| !in_code(*b))
    {
        found.push((
            col(byte),
            "`javascript:` in a translation: such links are removed from pages; remove it".into(),
        ));
    }
    for syntax in ["{{", "{%"] {
        for (byte, _) in line.match_indices(syntax).filter(|(b, _)| !in_code(*b)) {
            found.push((
                col(byte),
                format!(
                    "template syntax `{syntax}` in a translation: pages show it as text, it is \
                     never run; remove it"
                ),
            ));
        }
    }
    found.sort_by_key(|(col, _)| *col);
    found
}

/// Byte ranges of the Markdown code spans of one line: a run of backticks up to the next
/// run of the same length.
fn code_spans(line: &str) -> Vec<std::ops::Range<usize>> {
    let runs: Vec<(usize, usize)> = {
        let mut runs = Vec::new();
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'`' {
                let start = i;
                while i < bytes.len() && bytes[i] == b'`' {
                    i += 1;
                }
                runs.push((start, i - start));
            } else {
                i += 1;
            }
        }
        runs
    };
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (start, len) in runs {
        match open {
            Some((from, n)) if n == len => {
                spans.push(from..start + len);
                open = None;
            }
            Some(_) => {}
            None => open = Some((start, len)),
        }
    }
    spans
}

/// The tag name if `after` (the text after a `<`) starts like an HTML tag: `b>`, `/b>`,
/// `script src=…`, `br/>`. An autolink (`<https://…>`) or an address is not one.
fn html_tag_at(after: &str) -> Option<&str> {
    let name_start = usize::from(after.starts_with('/'));
    let rest = &after[name_start..];
    let len = rest
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_alphabetic() || (*i > 0 && c.is_ascii_digit())))
        .map_or(rest.len(), |(i, _)| i);
    let ends_name = rest[len..]
        .chars()
        .next()
        .is_some_and(|c| c.is_whitespace() || c == '>' || c == '/');
    let name = &rest[..len];
    let is_element = HTML_ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(name));
    (is_element && ends_name).then(|| &after[..name_start + len])
}

/// HTML element names, so that placeholders in quoted replies (`<domain>`, `<x>`) are not
/// taken for markup.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "applet",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "center",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "option",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "th",
    "title",
    "tr",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalizes_only_the_first_character() {
        assert_eq!(
            capitalize_first("the sender or the recipient"),
            "The sender or the recipient"
        );
        assert_eq!(capitalize_first("送信者"), "送信者");
        assert_eq!(capitalize_first(""), "");
    }

    #[test]
    fn suspicious_things_in_a_translation_are_found_with_their_columns() {
        let found = |line: &str| -> Vec<usize> {
            suspicious_in_line(line)
                .into_iter()
                .map(|(col, _)| col)
                .collect()
        };
        assert_eq!(found("名前\u{200b}です"), [3]);
        assert_eq!(found("a <b>x</b> <https://x.org> <a@b.c>"), [3, 7]);
        assert_eq!(found("[x](JavaScript:alert(1))"), [5]);
        assert_eq!(found("x {{ 7 }} {% if %}"), [3, 11]);
        assert_eq!(found("1 < 2 and x<y"), Vec::<usize>::new());
        assert_eq!(found("`<address>` and ``{{ x }}`` but <b>"), [33]);
        let (_, message) = &suspicious_in_line("<script>")[0];
        assert!(message.contains("raw HTML `<script`"), "{message}");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a\n説明 = {\n";
        let byte = text.find('{').unwrap();
        assert_eq!(line_col_of_byte(text, byte), (2, 6));
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        assert_eq!(line_col_of_byte("ab", 99), (1, 3));
        assert_eq!(line_col_of_byte("説", 1), (1, 1));
    }

    #[test]
    fn finds_top_level_keys_only() {
        let text = "code: \"251\"\nsamples:\n  - \"code: 1\"\nrelated: [\"551\"]\n";
        assert_eq!(locate_yaml_key(text, "related"), (4, 1));
        assert_eq!(locate_yaml_key(text, "code"), (1, 1));
        assert_eq!(locate_yaml_key(text, "missing"), (1, 1));
        assert_eq!(locate_text(text, "\"551\""), Some((4, 11)));
    }

    #[test]
    fn suggests_the_closest_field_for_a_typo_only() {
        let fields = ["code", "name", "samples", "summary", "stages", "fix"];
        assert_eq!(did_you_mean("sampels", &fields), Some("samples"));
        assert_eq!(did_you_mean("nmae", &fields), Some("name"));
        assert_eq!(did_you_mean("fx", &fields), Some("fix"));
        assert_eq!(did_you_mean("Summary", &fields), Some("summary"));
        assert_eq!(did_you_mean("stage", &fields), Some("stages"));
        assert_eq!(did_you_mean("colour", &fields), None);
        assert_eq!(did_you_mean(&"x".repeat(10_000), &fields), None);
        assert_eq!(edit_distance("samples", "samples"), 0);
    }
}
