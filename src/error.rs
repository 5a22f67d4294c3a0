//! Errors as values. User-input problems carry a [`Location`] (file, line, column) and the
//! offending source line so a translator can find and fix them without reading Rust.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a user-supplied file. `line` and `col` are 1-based; `col` counts
/// characters, not bytes, so it is right for Japanese text too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Location {
            path: path.into(),
            line,
            col,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.col)
    }
}

/// How much of a long offending line an error shows (more if the column is further right).
const SHOWN_LINE_CHARS: usize = 200;

/// One problem in the site's input files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub at: Location,
    pub message: String,
    /// The offending line of the file, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn new(at: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            at,
            message: message.into(),
            source_line: None,
        }
    }

    /// Attaches the offending line, taken from the file's text. Control and bidi
    /// characters are made visible and a very long line is cut after the column, so the
    /// message stays readable and shows what is really there.
    pub fn with_source(mut self, text: &str) -> Self {
        let keep = self.at.col.saturating_add(40).max(SHOWN_LINE_CHARS);
        self.source_line = text
            .lines()
            .nth(self.at.line.saturating_sub(1))
            .map(|line| {
                let shown = crate::load::text::visible(line);
                if shown.chars().count() > keep {
                    let cut: String = shown.chars().take(keep).collect();
                    format!("{cut}…")
                } else {
                    shown
                }
            });
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)?;
        if let Some(line) = &self.source_line {
            let gutter = self.at.line.to_string();
            let pad = " ".repeat(gutter.len());
            let caret_pad: String = line
                .chars()
                .take(self.at.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{pad} |\n{gutter} | {line}\n{pad} | {caret_pad}^")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// One or more problems in the input files; all of them are reported at once.
    #[error("{}", format_diagnostics(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("{0}")]
    Other(String),
}

fn format_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str("error: ");
        out.push_str(&d.to_string());
    }
    if diagnostics.len() > 1 {
        out.push_str(&format!("\n\n{} errors", diagnostics.len()));
    }
    out
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_owned(),
            source,
        }
    }

    pub fn single(diagnostic: Diagnostic) -> Self {
        Error::Invalid(vec![diagnostic])
    }

    /// The diagnostics this error carries (empty for IO and other errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid(d) => d,
            _ => &[],
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Small fs wrappers whose errors name the path (std's do not).
pub mod fs {
    use super::{Error, Result};
    use std::path::Path;

    pub fn read_to_string(path: &Path) -> Result<String> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
            let (line, col) = crate::load::text::line_col_of_byte(prefix, valid);
            Error::single(crate::error::Diagnostic::new(
                crate::error::Location::new(path, line, col),
                "file is not valid UTF-8",
            ))
        })
    }

    pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
        std::fs::write(path, contents).map_err(|e| Error::io(path, e))
    }

    pub fn create_dir_all(path: &Path) -> Result<()> {
        std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_points_at_the_column_in_characters() {
        let d = Diagnostic::new(Location::new("locales/ja/site.ftl", 2, 4), "bad")
            .with_source("a = b\n説明x = {\n");
        let shown = d.to_string();
        assert!(shown.starts_with("locales/ja/site.ftl:2:4: bad"), "{shown}");
        assert!(shown.contains("2 | 説明x = {"), "{shown}");
        assert!(shown.ends_with("|    ^"), "{shown}");
    }

    #[test]
    fn a_long_or_hostile_line_is_shown_short_and_visible() {
        let text = format!("name: {}\u{202e}\n", "x".repeat(100_000));
        let d = Diagnostic::new(Location::new("a.yaml", 1, 1), "too long").with_source(&text);
        let line = d.source_line.unwrap();
        assert_eq!(line.chars().count(), SHOWN_LINE_CHARS + 1);
        assert!(line.ends_with('…'));
        let d = Diagnostic::new(Location::new("a.yaml", 1, 3), "bidi").with_source("a\u{202e}b");
        assert_eq!(d.source_line.as_deref(), Some("a\u{fffd}b"));
    }
}
