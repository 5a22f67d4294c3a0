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
    Diagnostic::new(
        Location::new(path, line, col),
        message_without_position(error),
    )
    .with_source(text)
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
    fn syntax_error_is_located() {
        let err = parse::<Doc>(Path::new("x.yaml"), "name: [a\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.at.path, Path::new("x.yaml"));
        assert!(d.at.line >= 1);
    }
}
