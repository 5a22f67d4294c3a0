//! The one loader of per-file translations (`locales/<lang>/<dir>/<id>.yaml`) for every
//! kind of content that has them: codes, hand-written comparisons, class and subject pages,
//! provider entries. Each file is read, matched to what it translates by its file stem,
//! parsed, checked field by field, and its prose added beside the English; every problem is
//! located in it.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::codes::{text_value_problem, yaml_files};
use super::keep_problems;
use super::yaml::{self, read_checked};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::text;

/// A translation file as parsed: every field optional (a missing one falls back to the
/// English), plus the `translated_from` stamps.
pub(super) trait RawTranslation: DeserializeOwned + Send {
    /// The prose of one language, as the model keeps it.
    type Prose: Clone + Default;
    /// The translatable fields, named as in the files.
    const FIELDS: &'static [&'static str];
    /// "a prose field", "a field of a group": what `translated_from` must name.
    const FIELD_NOUN: &'static str;
    /// The fields that are present, as (key, value), in the order of [`Self::FIELDS`].
    fn values(&self) -> Vec<(&'static str, &str)>;
    fn stamps(&self) -> &BTreeMap<String, String>;
    /// The translation, each field still the English text left out (see
    /// [`crate::model::unless_english`]).
    fn translation(self, english: &Self::Prose) -> Self::Prose;
}

/// Something whose prose a locale translates in a file of its own.
pub(super) trait Translated {
    type Raw: RawTranslation;
    /// The directory below `locales/<lang>/`.
    const DIR: &'static str;
    /// The error for a translation file whose stem names nothing of this kind.
    fn no_such(stem: &str) -> String;
    /// Its prose by locale.
    fn prose_mut(&mut self) -> &mut BTreeMap<String, Prose<Self>>;
}

/// The prose type of `T`'s translations.
type Prose<T> = <<T as Translated>::Raw as RawTranslation>::Prose;

/// A translation file parsed, with the problems of its fields; or why it did not parse.
type Parsed<T> = Result<(<T as Translated>::Raw, Vec<Diagnostic>)>;

/// The fields of `values` that are given, named by `fields` (in the same order).
pub(super) fn given<'a, const N: usize>(
    fields: &[&'static str; N],
    values: [&'a Option<String>; N],
) -> Vec<(&'static str, &'a str)> {
    fields
        .iter()
        .zip(values)
        .filter_map(|(field, value)| value.as_deref().map(|v| (*field, v)))
        .collect()
}

/// Reads every translation into `locale` (below `locales_dir/<locale>/<DIR>/`) into
/// `targets`. `find` gives the target a file stem names; a stem for which it finds none is
/// an error unless `left_out` says the target was left out because its own file did not
/// parse (reported there). A missing directory is fine: nothing is translated yet.
pub(super) fn add_translations<T: Translated>(
    locales_dir: &Path,
    locale: &str,
    source_locale: &str,
    targets: &mut [T],
    find: impl Fn(&[T], &str) -> Option<usize>,
    left_out: impl Fn(&str) -> bool,
) -> Result<()> {
    let dir = locales_dir.join(locale).join(T::DIR);
    if !dir.is_dir() {
        return Ok(());
    }
    let mut problems = Vec::new();
    let paths = yaml_files(&dir)?;
    // Each file is read and parsed on every core (a locale of a large site has thousands),
    // then taken in order, so problems are reported as before.
    let read: Vec<(Result<String>, Option<Parsed<T>>)> = paths
        .par_iter()
        .map(|path| {
            let text = read_checked(path);
            let parsed = text.as_ref().ok().map(|text| {
                yaml::parse::<T::Raw>(path, text).map(|raw| {
                    let found = field_problems::<T>(path, text, &raw);
                    (raw, found)
                })
            });
            (text, parsed)
        })
        .collect();
    for (path, (text, parsed)) in paths.iter().zip(read) {
        if keep_problems(text, &mut problems)?.is_none() {
            continue;
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Some(index) = find(targets, stem) else {
            if !left_out(stem) {
                problems.push(Diagnostic::new(
                    Location::new(path, 1, 1),
                    T::no_such(&stem.escape_debug().to_string()),
                ));
            }
            continue;
        };
        let Some(parsed) = parsed else {
            continue;
        };
        let Some((raw, found)) = keep_problems(parsed, &mut problems)? else {
            continue;
        };
        problems.extend(found);
        let prose = targets[index].prose_mut();
        let english = prose.get(source_locale).cloned().unwrap_or_default();
        prose.insert(locale.to_owned(), raw.translation(&english));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// A translated field that is empty or breaks a rule of its field, and a stamp naming no
/// field, each located in the file.
fn field_problems<T: Translated>(path: &Path, text: &str, raw: &T::Raw) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut add = |(line, col): (usize, usize), message: String| {
        problems.push(Diagnostic::new(Location::new(path, line, col), message).with_source(text));
    };
    for (field, value) in raw.values() {
        let message = if value.trim().is_empty() {
            Some(format!(
                "`{field}` is empty: translate it or remove the key to fall back"
            ))
        } else {
            text_value_problem(field, value)
        };
        if let Some(message) = message {
            add(text::locate_yaml_key(text, field), message);
        }
    }
    for key in raw.stamps().keys() {
        if !T::Raw::FIELDS.contains(&key.as_str()) {
            let at = text::locate_text(text, &format!("{key}:")).unwrap_or((1, 1));
            add(
                at,
                format!(
                    "`translated_from` names `{key}`, which is not {}",
                    T::Raw::FIELD_NOUN
                ),
            );
        }
    }
    problems
}
