//! Loads the Fluent files `locales/<lang>/*.ftl` into one thread-safe bundle per locale.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::error::{Diagnostic, Error, LoadError, Location, Result};
use crate::load::Partial;
use crate::text::{self, line_col_of_byte};

/// A thread-safe bundle: built once per locale, shared by every rendering thread.
pub type Bundle = FluentBundle<FluentResource>;

/// One locale's messages, with where each was defined so that errors found while
/// formatting can still name a file and line.
pub struct LocaleMessages {
    pub code: String,
    pub bundle: Bundle,
    pub defined_at: HashMap<String, Location>,
    /// The attributes and variables of each message, for comparing a translation with
    /// the source locale.
    pub shapes: HashMap<String, MessageShape>,
}

/// What a translation of a message must keep: its attributes and the variables it uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageShape {
    pub attributes: BTreeSet<String>,
    pub variables: BTreeSet<String>,
    /// The message's value and attributes, as parsed: equal in two locales when the
    /// translation is the English text itself.
    pub text: String,
    /// The comment right above the message says it is meant to read as in English (a
    /// code literal, a product name): `# same as English`.
    pub same_as_english: bool,
}

/// What a comment above a message says when the translation is meant to be the English.
pub const SAME_AS_ENGLISH: &str = "same as english";

impl LocaleMessages {
    /// Ids of the messages (not terms) this locale defines, sorted.
    pub fn message_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .defined_at
            .keys()
            .filter(|id| !id.starts_with('-'))
            .map(String::as_str)
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// Loads every `.ftl` file directly in `locales_dir/<code>/` for each code. Syntax errors and
/// ids defined twice are collected across all files and reported together.
pub fn load_locales(locales_dir: &Path, codes: &[String]) -> Result<Vec<LocaleMessages>> {
    load_locales_partial(locales_dir, codes)?.into_result()
}

/// [`load_locales`], keeping what did parse: the messages of a file with a syntax error
/// other than the broken ones, so `check` can still compare the rest.
pub fn load_locales_partial(
    locales_dir: &Path,
    codes: &[String],
) -> Result<Partial<Vec<LocaleMessages>>> {
    let mut problems = Vec::new();
    let mut loaded = Vec::new();
    for code in codes {
        let locale = load_locale(&locales_dir.join(code), code)?;
        problems.extend(locale.problems);
        loaded.extend(locale.value);
    }
    Ok(Partial {
        value: loaded,
        problems,
    })
}

/// One locale's messages (`None` if it has no .ftl file at all) and the problems in them.
fn load_locale(dir: &Path, code: &str) -> Result<Partial<Option<LocaleMessages>>> {
    let langid: LanguageIdentifier = code.parse().map_err(|_| LoadError::LanguageTag {
        code: code.to_owned(),
    })?;
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    // Isolation marks (U+2068/U+2069) around placeables would leak into <title>, attributes
    // and copied text. Our placeables are codes, names and numbers in left-to-right scripts;
    // a right-to-left locale should isolate with <bdi> in templates instead.
    bundle.set_use_isolating(false);
    let mut defined_at: HashMap<String, Location> = HashMap::new();
    let mut shapes: HashMap<String, MessageShape> = HashMap::new();
    let mut problems = Vec::new();
    let files = ftl_files(dir)?;
    if files.is_empty() {
        return Ok(Partial {
            value: None,
            problems: vec![Diagnostic::new(
                Location::new(dir, 1, 1),
                format!("locale `{code}` is configured but has no .ftl files in this directory"),
            )],
        });
    }
    for path in files {
        let source = crate::error::fs::read_to_string(&path)?;
        if let Some(problem) = Diagnostic::first_forbidden_char(&path, &source)
            .or_else(|| forbidden_escape(&path, &source))
        {
            problems.push(problem);
            continue;
        }
        // A resource with syntax errors still holds every entry that parsed.
        let resource = match FluentResource::try_new(source.clone()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                problems.extend(errors.iter().map(|e| syntax_diagnostic(&path, &source, e)));
                resource
            }
        };
        shapes.extend(message_shapes(&resource));
        let lines: Vec<&str> = source.lines().collect();
        let entries = entry_locations(&path, &source, &resource);
        problems.extend(stray_marks(&path, &source, &lines, &entries));
        for (id, at) in entries {
            if let Some(shape) = shapes.get_mut(&id) {
                shape.same_as_english = marked_same_as_english(&lines, at.line);
            }
            if let Some(first) = defined_at.get(&id) {
                problems.push(
                    Diagnostic::new(
                        at.clone(),
                        format!("`{id}` is defined twice: first at {first}"),
                    )
                    .with_source(&source),
                );
            } else {
                defined_at.insert(id, at);
            }
        }
        // Overrides were reported above with both places; any other error cannot happen
        // for a resource that parsed.
        let _ = bundle.add_resource(resource);
    }
    Ok(Partial {
        value: Some(LocaleMessages {
            code: code.to_owned(),
            bundle,
            defined_at,
            shapes,
        }),
        problems,
    })
}

/// A forbidden character written as a Fluent escape in a string literal (`{"\u202E"}`,
/// `{"\U00202E"}`), which the character check on the file's text cannot see. Fluent
/// placeables are the one place a translator can produce any character at all.
fn forbidden_escape(path: &Path, source: &str) -> Option<Diagnostic> {
    let escapes = [("\\u", 4), ("\\U", 6)];
    let found = escapes.iter().find_map(|(prefix, digits)| {
        source.match_indices(prefix).find_map(|(byte, _)| {
            let hex = source.get(byte + 2..byte + 2 + digits)?;
            let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)?;
            text::forbidden_char(c).map(|kind| (byte, c, kind))
        })
    });
    let (byte, c, kind) = found?;
    let (line, col) = line_col_of_byte(source, byte);
    Some(
        Diagnostic::new(
            Location::new(path, line, col),
            format!(
                "the {kind} {} (written as an escape) is not allowed",
                text::describe_char(c)
            ),
        )
        .with_source(source),
    )
}

/// The `.ftl` files directly in `dir`. A symbolic link is refused, not followed: a link
/// to a file outside the site (`passwd.ftl -> /etc/passwd`) would otherwise be parsed and
/// its lines quoted in the syntax errors. The error shows no line of the target.
fn ftl_files(dir: &Path) -> Result<Vec<PathBuf>> {
    refuse_symlink(dir)?;
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "ftl") {
            continue;
        }
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_symlink() {
            refuse_symlink(&path)?;
        }
        if kind.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A symbolic link where the site must have a file or directory of its own is refused,
/// without reading what it points to.
pub(super) fn refuse_symlink(path: &Path) -> Result<()> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.file_type().is_symlink() {
        return Ok(());
    }
    Err(Error::single(Diagnostic::new(
        Location::new(path, 1, 1),
        "is a symbolic link; site files must be regular files inside the site, \
         so the link was not followed",
    )))
}

fn syntax_diagnostic(
    path: &Path,
    source: &str,
    error: &fluent_syntax::parser::ParserError,
) -> Diagnostic {
    use fluent_syntax::parser::ErrorKind;
    let mut byte = error.pos.start.min(source.len());
    let message = match &error.kind {
        // The parser looks for the `}` past the end of the line and stops on a later one;
        // the brace is missing where the placeable's own text ends.
        ErrorKind::ExpectedToken('}') => {
            byte = end_of_text_before(source, byte);
            "Fluent syntax error: a `{` placeable is not closed; add `}` here".to_owned()
        }
        ErrorKind::ExpectedMessageField { entry_id }
        | ErrorKind::ExpectedTermField { entry_id } => {
            format!("Fluent syntax error: `{entry_id}` has no value; write its text after `=`")
        }
        ErrorKind::ExpectedCharRange { .. } => {
            "Fluent syntax error: a name is missing here (it starts with a letter a-z or A-Z)"
                .to_owned()
        }
        kind => format!("Fluent syntax error: {kind}"),
    };
    let (line, col) = line_col_of_byte(source, byte);
    Diagnostic::new(Location::new(path, line, col), message).with_source(source)
}

/// `byte` moved back over blank lines and trailing spaces to just after the last text
/// before it, when a line break lies between: the end of the line that needs the edit.
fn end_of_text_before(source: &str, byte: usize) -> usize {
    let before = &source[..byte];
    let text_end = before.trim_end().len();
    if before[text_end..].contains('\n') {
        text_end
    } else {
        byte
    }
}

fn message_shapes(resource: &FluentResource) -> Vec<(String, MessageShape)> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => Some(m),
            _ => None,
        })
        .map(|m| {
            let mut shape = MessageShape {
                text: format!("{:?}{:?}", m.value, m.attributes),
                ..MessageShape::default()
            };
            if let Some(value) = &m.value {
                collect_variables(value, &mut shape.variables);
            }
            for attribute in &m.attributes {
                shape.attributes.insert(attribute.id.name.to_owned());
                collect_variables(&attribute.value, &mut shape.variables);
            }
            (m.id.name.to_owned(), shape)
        })
        .collect()
}

fn collect_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                collect_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for named in &arguments.named {
                inline_variables(&named.value, out);
            }
        }
        _ => {}
    }
}

/// Whether the comment right above the message on `line` (from 1) says
/// `# same as English`. The runtime parser drops comments, so the lines are read here.
fn marked_same_as_english(lines: &[&str], line: usize) -> bool {
    lines[..line.saturating_sub(1).min(lines.len())]
        .iter()
        .rev()
        .take_while(|l| l.starts_with("# ") || **l == "#")
        .any(|l| l.to_lowercase().contains(SAME_AS_ENGLISH))
}

/// Each `# same as English` comment that is not in the comments right above a message:
/// it marks nothing, and the translator meant it to mark something.
fn stray_marks(
    path: &Path,
    source: &str,
    lines: &[&str],
    entries: &[(String, Location)],
) -> Vec<Diagnostic> {
    let is_comment = |l: &str| l.starts_with("# ") || l == "#";
    let mut problems = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !(is_comment(line) && line.to_lowercase().contains(SAME_AS_ENGLISH)) {
            continue;
        }
        let next = i + lines[i..].iter().take_while(|l| is_comment(l)).count();
        if !entries.iter().any(|(_, at)| at.line == next + 1) {
            problems.push(
                Diagnostic::new(
                    Location::new(path, i + 1, 1),
                    "this `# same as English` mark is not right above a message, so it marks \
                     nothing: move it to the line above the message it is about, or remove it",
                )
                .with_source(source),
            );
        }
    }
    problems
}

/// The id of every message and term in `resource` with the line it starts on. Terms keep
/// their leading `-`, as Fluent keeps messages and terms in separate namespaces.
fn entry_locations(
    path: &Path,
    source: &str,
    resource: &FluentResource,
) -> Vec<(String, Location)> {
    let ids: Vec<String> = resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect();
    // The runtime AST has no spans: find each definition as a line `id =` at column 1,
    // in order, which is where Fluent requires it to be.
    let mut out = Vec::with_capacity(ids.len());
    let mut lines = source.lines().enumerate();
    for id in ids {
        let found = lines.by_ref().find(|(_, line)| {
            line.strip_prefix(id.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        let line = found.map_or(1, |(i, _)| i + 1);
        out.push((id, Location::new(path, line, 1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn syntax_errors_name_line_and_character_column() {
        let tmp = tempfile::tempdir().unwrap();
        write(&tmp.path().join("ja"), "a.ftl", "ok = はい\n説明 = x\n");
        let err = load_locales(tmp.path(), &["ja".into()]).err().unwrap();
        let d = &err.diagnostics()[0];
        assert_eq!((d.at.line, d.at.col), (2, 1), "{d}");
        assert!(d.message.starts_with("Fluent syntax error"), "{d}");
    }

    #[test]
    fn an_id_defined_twice_names_both_places() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("en");
        write(&dir, "a.ftl", "one = 1\n");
        write(&dir, "b.ftl", "\ntwo = 2\none = again\n");
        let err = load_locales(tmp.path(), &["en".into()]).err().unwrap();
        let d = &err.diagnostics()[0];
        assert_eq!(d.at, Location::new(dir.join("b.ftl"), 3, 1));
        assert!(d.message.contains("a.ftl:1:1"), "{d}");
    }

    #[test]
    fn shapes_list_attributes_and_variables_in_every_branch() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            &tmp.path().join("en"),
            "a.ftl",
            "m = { $n ->\n    [one] { $who } one\n   *[other] many { $count }\n}\n    .title = T { $t }\n",
        );
        let locales = load_locales(tmp.path(), &["en".into()]).ok().unwrap();
        let shape = &locales[0].shapes["m"];
        let vars: Vec<&str> = shape.variables.iter().map(String::as_str).collect();
        assert_eq!(vars, ["count", "n", "t", "who"]);
        assert!(shape.attributes.contains("title"));
    }

    #[test]
    fn message_ids_exclude_terms() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            &tmp.path().join("en"),
            "a.ftl",
            "-brand = X\nhello = Hi { -brand }\n",
        );
        let locales = load_locales(tmp.path(), &["en".into()]).ok().unwrap();
        assert_eq!(locales[0].message_ids(), ["hello"]);
    }

    #[test]
    fn control_and_bidi_characters_are_located_errors() {
        for (text, at, what) in [
            (
                "a = ok\nb = x\u{202e}y\n",
                (2, 6),
                "U+202E (RIGHT-TO-LEFT OVERRIDE)",
            ),
            (
                "a = { $x }\u{2068}{ $y }\u{2069}\n",
                (1, 11),
                "FIRST STRONG ISOLATE",
            ),
            ("a = bell\u{7}\n", (1, 9), "control character U+0007"),
            ("a = nul\u{0}\n", (1, 8), "U+0000 (NUL)"),
            (
                "a = { \"\\u202E\" }\n",
                (1, 8),
                "U+202E (RIGHT-TO-LEFT OVERRIDE) (written as an escape)",
            ),
            ("a = { \"\\U002066\" }x\n", (1, 8), "LEFT-TO-RIGHT ISOLATE"),
            (
                "a = { \"\\u001B\" }[2J\n",
                (1, 8),
                "control character U+001B (ESCAPE)",
            ),
        ] {
            let tmp = tempfile::tempdir().unwrap();
            write(&tmp.path().join("en"), "a.ftl", text);
            let err = load_locales(tmp.path(), &["en".into()]).err().unwrap();
            let d = &err.diagnostics()[0];
            assert_eq!((d.at.line, d.at.col), at, "{text:?}: {d}");
            assert!(d.message.contains(what), "{text:?}: {d}");
        }
        let tmp = tempfile::tempdir().unwrap();
        write(
            &tmp.path().join("en"),
            "a.ftl",
            "a = { \"\\u00E9\" } \u{200f}ok\n",
        );
        assert!(load_locales(tmp.path(), &["en".into()]).is_ok());
    }
}
