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
    let message = with_suggestion(message_without_position(error));
    Diagnostic::new(Location::new(path, line, col), message).with_source(text)
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
    fn syntax_error_is_located() {
        // A key indented under a plain value on line 2 is a syntax error there.
        let err = parse::<Doc>(Path::new("x.yaml"), "name: a\n  b: c\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.at.path, Path::new("x.yaml"));
        assert_eq!((d.at.line, d.at.col), (2, 4), "{d}");
    }
}
