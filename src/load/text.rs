//! Turning byte offsets into the line and column a person sees in an editor.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
