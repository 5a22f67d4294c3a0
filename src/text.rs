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
