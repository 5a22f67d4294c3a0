//! YAML parsing with errors that name file, line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error, Location, Result};

/// Parses `text` (the contents of `path`) into `T`, turning serde_yaml's error into a
/// diagnostic that points at the offending line.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    serde_yaml::from_str(text).map_err(|e| Error::single(diagnostic(path, text, &e)))
}

fn diagnostic(path: &Path, text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let (line, col) = error.location().map_or((1, 1), |l| (l.line(), l.column()));
    let message = message_without_position(error);
    let (line, col, message) =
        explain(text, &message, line).unwrap_or_else(|| (line, col, with_suggestion(message)));
    Diagnostic::new(Location::new(path, line, col), shortened(message)).with_source(text)
}

/// serde quotes a wrongly typed value whole ("invalid type: string \"…\""), which for a
/// file that is one long scalar is the whole file: the message keeps its start only.
fn shortened(message: String) -> String {
    const MAX_CHARS: usize = 300;
    if message.chars().count() <= MAX_CHARS {
        return message;
    }
    let cut: String = message.chars().take(MAX_CHARS).collect();
    format!("{cut}…")
}

/// The parser's position and words for three mistakes send a person to the wrong line or
/// say nothing useful ("did not find expected key" lines below an unclosed quote, a
/// duplicate key at 1:1, "found character that cannot start any token" for a tab). Each
/// is recognised here and pointed at the line to edit, in plain words.
fn explain(text: &str, message: &str, line: usize) -> Option<(usize, usize, String)> {
    if let Some(key) = duplicate_key(message) {
        return duplicate_at(text, key);
    }
    // Only the parser's syntax errors are explained; serde's data errors are precise.
    let syntax = ["found ", "did not find", "while scanning", "while parsing"];
    if !syntax.iter().any(|s| message.contains(s)) {
        return None;
    }
    tab_indent_before(text, line).or_else(|| unclosed_quote_before(text, line))
}

/// serde's "duplicate field `name`", or serde_yaml's "duplicate entry with key \"name\""
/// (either with a path in front when nested).
fn duplicate_key(message: &str) -> Option<&str> {
    if let Some(at) = message.find("duplicate field `") {
        return message[at + 17..].split('`').next();
    }
    let rest = &message[message.find("duplicate entry with key ")? + 25..];
    Some(rest.trim_matches('"'))
}

/// The second `key:` at the indentation of an earlier one.
fn duplicate_at(text: &str, key: &str) -> Option<(usize, usize, String)> {
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let content = content.strip_prefix("- ").unwrap_or(content);
        let named = [key.to_owned(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|k| {
                content
                    .strip_prefix(k.as_str())
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            });
        if !named {
            continue;
        }
        if let Some((first, _)) = seen.iter().find(|(_, at)| *at == indent) {
            let message =
                format!("`{key}` is given twice (first on line {first}); keep one of them");
            return Some((i + 1, indent + 1, message));
        }
        seen.push((i + 1, indent));
    }
    None
}

/// The nearest line at or above `line` indented with a tab, at the tab.
fn tab_indent_before(text: &str, line: usize) -> Option<(usize, usize, String)> {
    let lines: Vec<&str> = text.lines().take(line.max(1)).collect();
    lines.iter().enumerate().rev().find_map(|(i, l)| {
        let indent = &l[..l.len() - l.trim_start().len()];
        let tab = indent.find('\t')?;
        let message = "a tab indents this line; YAML indents with spaces only, so replace \
                       the tab with spaces"
            .to_owned();
        Some((i + 1, tab + 1, message))
    })
}

/// The first line at or above `line` whose value opens a quote it does not close: the
/// parser reads on to some later line and complains there.
fn unclosed_quote_before(text: &str, line: usize) -> Option<(usize, usize, String)> {
    text.lines().take(line.max(1)).enumerate().find_map(|(i, l)| {
        let (byte, quote) = opening_quote(l)?;
        let rest = &l[byte + 1..];
        let closed = match quote {
            '"' => closes_double(rest),
            _ => rest.trim_end().ends_with('\''),
        };
        if closed {
            return None;
        }
        let col = l[..byte].chars().count() + 1;
        let message = format!(
            "this quoted value has no closing {quote} on its line; add it at the end of the value"
        );
        Some((i + 1, col, message))
    })
}

/// Where a line's value starts with a quote: after `key: `, `- ` or both.
fn opening_quote(line: &str) -> Option<(usize, char)> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return None;
    }
    let mut value = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    if let Some((key, rest)) = value.split_once(": ")
        && !key.contains(['"', '\''])
    {
        value = rest;
    }
    let value = value.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    Some((line.len() - value.len(), quote))
}

/// Whether a double-quoted value that started before `rest` ends in it (`\"` escapes).
fn closes_double(rest: &str) -> bool {
    let mut escaped = false;
    for c in rest.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return true,
            _ => escaped = false,
        }
    }
    false
}

/// Turns serde's "unknown field `sampels`, expected one of `code`, …" (or "unknown
/// variant") into "unknown field `sampels`: did you mean `samples`? (expected one of …)"
/// when one expected name is a likely typo of the given one.
fn with_suggestion(message: String) -> String {
    let Some((head, expected)) = message.split_once(", expected ") else {
        return message;
    };
    // serde_yaml puts the path in front for nested values: "family: unknown variant …".
    let Some(start) = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|p| head.find(p))
    else {
        return message;
    };
    let given = head[start..].split('`').nth(1).unwrap_or_default();
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match crate::text::did_you_mean(given, &candidates) {
        Some(suggestion) => {
            format!("{head}: did you mean `{suggestion}`? (expected {expected})")
        }
        None => message,
    }
}

/// serde_yaml appends " at line L column C" to its messages; we show the position in
/// front, once, in the same form as every other error.
fn message_without_position(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_owned(),
        _ => message,
    }
}

/// A site file's text, or the first forbidden character in it as a located problem (a
/// file with a bidi override or a NUL is not parsed at all).
pub fn read_checked(path: &Path) -> Result<String> {
    let text = crate::error::fs::read_to_string(path)?;
    match Diagnostic::first_forbidden_char(path, &text) {
        Some(problem) => Err(Error::single(problem)),
        None => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
    }

    #[test]
    fn unknown_field_is_located() {
        let err = parse::<Doc>(Path::new("x.yaml"), "name: a\nnmae: b\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!((d.at.line, d.at.col), (2, 1));
        assert!(
            d.message.starts_with("unknown field `nmae`"),
            "{}",
            d.message
        );
        assert!(!d.message.contains("at line"), "{}", d.message);
    }

    #[test]
    fn unknown_field_suggests_the_known_one() {
        let err = parse::<Doc>(Path::new("x.yaml"), "nmae: a\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!((d.at.line, d.at.col), (1, 1));
        assert!(
            d.message
                .starts_with("unknown field `nmae`: did you mean `name`?"),
            "{}",
            d.message
        );
        let err = parse::<Doc>(Path::new("x.yaml"), "name: a\ncolour: b\n").unwrap_err();
        let message = &err.diagnostics()[0].message;
        assert!(!message.contains("did you mean"), "{message}");
    }

    #[test]
    fn a_long_quoted_value_is_cut_in_the_message() {
        let text = format!("\"{}\"\n", "x".repeat(5000));
        let err = parse::<Doc>(Path::new("x.yaml"), &text).unwrap_err();
        let message = &err.diagnostics()[0].message;
        assert!(message.starts_with("invalid type: string"), "{message}");
        assert!(message.chars().count() <= 301, "{} chars", message.len());
    }

    #[test]
    fn syntax_error_is_located() {
        // A key indented under a plain value on line 2 is a syntax error there.
        let err = parse::<Doc>(Path::new("x.yaml"), "name: a\n  b: c\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.at.path, Path::new("x.yaml"));
        assert_eq!((d.at.line, d.at.col), (2, 4), "{d}");
    }
}
