//! Errors as values. User-input problems carry a [`Location`] (file, line, column) and the
//! offending source line so a translator can find and fix them without reading Rust.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A position in a user-supplied file. `line` and `col` are 1-based; `col` counts
/// characters, not bytes, so it is right for Japanese text too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// One problem in the site's input files (recorded with a build's output when it is only a
/// translation warning: see [`crate::load::fingerprint::Summary`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

    /// The first forbidden character of a file's text, located, with a message saying what
    /// it is and how many there are. The offending line is shown with those characters
    /// replaced by U+FFFD, so the error message cannot itself be reordered or hidden.
    pub fn first_forbidden_char(path: &Path, text: &str) -> Option<Diagnostic> {
        let mut found = text
            .char_indices()
            .filter_map(|(i, c)| crate::text::forbidden_char(c).map(|kind| (i, c, kind)));
        let (byte, c, kind) = found.next()?;
        let more = found.count();
        let (line, col) = crate::text::line_col_of_byte(text, byte);
        let also = match more {
            0 => String::new(),
            n => format!(" ({n} more in this file)"),
        };
        let mut diagnostic = Diagnostic::new(
            Location::new(path, line, col),
            format!(
                "{kind} {} is not allowed{also}",
                crate::text::describe_char(c)
            ),
        );
        diagnostic.source_line = text.lines().nth(line - 1).map(crate::text::visible);
        Some(diagnostic)
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
                let shown = crate::text::visible(line);
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
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Tool(#[from] ToolError),
}

/// Problems of the load stage that have no position in a file (those are [`Diagnostic`]s).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A Tera error that names no template we know, so it cannot be located.
    #[error("template error: {chain}")]
    Template { chain: String },
    #[error("locale `{code}` is not a valid language tag")]
    LanguageTag { code: String },
    /// `--base-url` given on the command line (site.yaml's own is a located diagnostic).
    #[error("--base-url: {reason}")]
    BaseUrl { reason: String },
}

/// Two outputs the plan cannot both have.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("static/{path} would overwrite a generated page of the same path; rename it")]
    Collision { path: String },
    #[error("static/{dir} is in the way of the directory {dir}/ that holds {output}; rename it")]
    InTheWay { dir: String, output: String },
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(
        "message `{id}` is used by a template or the generator but defined in no locale \
         (add it to locales/{default_locale}/)"
    )]
    MissingMessage { id: String, default_locale: String },
    /// A bug: the write stage asked for a page whose locale it did not have set up.
    #[error("{output}: rendered without its locale's shared pieces (a bug)")]
    NotSetUp { output: String },
    #[error("{url}: {source}")]
    Json {
        url: String,
        #[source]
        source: serde_json::Error,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("refusing to build into {}: it contains the site root {}", out.display(), root.display())]
    OutContainsRoot { out: PathBuf, root: PathBuf },
    #[error(
        "refusing to replace {}: it is not empty and was not written by this generator \
         (no {markers} in it); choose another --out or empty it",
        out.display()
    )]
    NotOurs { out: PathBuf, markers: String },
    #[error("refusing to write `{}`: not a plain relative path", path.escape_debug())]
    NotPlainPath { path: String },
    /// Another build holds the output's lock file (`serve` and `build` into one `--out`).
    #[error(
        "another build is writing {} ({}; lock file {}); wait for it to finish, stop it, or \
         choose another --out",
        out.display(),
        holder.map_or_else(|| "pid unknown".to_owned(), |pid| format!("pid {pid}")),
        lock.display()
    )]
    Locked {
        out: PathBuf,
        lock: PathBuf,
        holder: Option<u32>,
    },
}

/// Problems of the tools on top of the build: `serve` and `stamp`.
#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error("cannot listen on 127.0.0.1:{port}: {reason}")]
    Listen { port: u16, reason: String },
    #[error(
        "port {port} is already in use on 127.0.0.1 ({reason}); stop what is listening there, \
         or pass --port N (--port 0 picks a free one)"
    )]
    PortInUse { port: u16, reason: String },
    #[error("cannot watch {}: {reason}", path.display())]
    Watch { path: PathBuf, reason: String },
    #[error("the file watcher stopped")]
    WatcherStopped,
    #[error("refusing to serve from {}: it is inside {dir}/, which is watched", out.display())]
    OutInsideInputs { out: PathBuf, dir: String },
    #[error("`{lang}` is the source locale; only translations are stamped or started")]
    StampSource { lang: String },
    #[error("`{lang}` is not one of the site's locales: add it to site.yaml first")]
    UnknownLocale { lang: String },
    #[error("`{id}` is neither a code nor a hand-written comparison (such as 550 or 450-vs-550)")]
    UnknownTranslatable { id: String },
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

    /// U+FEFF encoded in UTF-8, as some Windows editors put it at the start of a file.
    const BOM: &[u8] = b"\xef\xbb\xbf";

    /// The file's text, without a leading byte-order mark: editors hide it and count
    /// columns after it, and parsers would take it for part of the first key or id.
    pub fn read_to_string(path: &Path) -> Result<String> {
        let mut bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        if bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
        }
        String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
            let (line, col) = crate::text::line_col_of_byte(prefix, valid);
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

    #[test]
    fn control_and_bidi_characters_are_located() {
        let path = Path::new("x.yaml");
        assert!(
            Diagnostic::first_forbidden_char(path, "name: ok\tfine\r\n説明\u{200f}\n").is_none()
        );
        let d =
            Diagnostic::first_forbidden_char(path, "a: 1\nname: ab\u{202e}cd\u{2066}\n").unwrap();
        assert_eq!((d.at.line, d.at.col), (2, 9));
        assert!(d.message.contains("U+202E (RIGHT-TO-LEFT OVERRIDE)"), "{d}");
        assert!(d.message.contains("(1 more in this file)"), "{d}");
        assert_eq!(d.source_line.as_deref(), Some("name: ab\u{fffd}cd\u{fffd}"));
        let d = Diagnostic::first_forbidden_char(path, "x\u{0}").unwrap();
        assert!(
            d.message.starts_with("control character U+0000 (NUL)"),
            "{d}"
        );
        for c in [
            '\u{1b}', '\u{7f}', '\u{85}', '\u{2068}', '\u{2069}', '\u{202a}',
        ] {
            assert!(crate::text::forbidden_char(c).is_some(), "{c:?}");
        }
    }
}
