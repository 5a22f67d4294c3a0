//! Hand-written comparisons of two codes (`content/pairs/<a>-vs-<b>.yaml`, translated in
//! `locales/<lang>/pairs/<a>-vs-<b>.yaml`) into validated [`Comparison`]s.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::codes::{CodeField, LoadedCodes, text_value_problem, yaml_files};
use super::translation_files::{RawTranslation, Translated, add_translations, given};
use super::yaml::{self, read_checked};
use super::{Partial, keep_problems};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::model::{COMPARISON_FIELDS, CodeId, Comparison, ComparisonProse, unless_english};
use crate::text;

/// The directory below `content/` (and below each `locales/<lang>/`) that holds them.
pub const PAIRS_DIR: &str = "pairs";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComparison {
    a: CodeField,
    b: CodeField,
    difference: String,
    tell_apart: String,
    what_to_do: String,
    sources: Vec<String>,
}

/// A translation: every field optional; what is missing falls back to the source locale.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawComparisonProse {
    #[serde(default)]
    translated_from: BTreeMap<String, String>,
    difference: Option<String>,
    tell_apart: Option<String>,
    what_to_do: Option<String>,
}

/// The file name of the comparison of `a` and `b`, lower code first: `450-vs-550`.
pub fn file_stem(a: &CodeId, b: &CodeId) -> String {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    format!("{a}-vs-{b}")
}

/// Loads every comparison and its translations; `codes` are the site's, sorted, and
/// `unparsed` the ids of codes whose file did not parse (a comparison of one of them is
/// left out without a second problem).
pub fn load_comparisons(
    content_dir: &Path,
    locales_dir: &Path,
    source_locale: &str,
    locales: &[String],
    loaded: &LoadedCodes,
) -> Result<Partial<Vec<Comparison>>> {
    let LoadedCodes { codes, unparsed } = loaded;
    let dir = content_dir.join(PAIRS_DIR);
    if !dir.is_dir() {
        return Ok(Partial::default());
    }
    let index: HashMap<&CodeId, usize> =
        codes.iter().enumerate().map(|(i, c)| (&c.id, i)).collect();
    let mut problems = Vec::new();
    let mut comparisons: Vec<Comparison> = Vec::new();
    let mut defined_at: HashMap<(usize, usize), PathBuf> = HashMap::new();
    for path in yaml_files(&dir)? {
        let loaded_one = load_one(&path, &index, unparsed, source_locale);
        if let Some(comparison) = keep_problems(loaded_one, &mut problems)?.flatten() {
            let key = (comparison.a, comparison.b);
            if let Some(first) = defined_at.get(&key) {
                problems.push(Diagnostic::new(
                    Location::new(&path, 1, 1),
                    format!(
                        "{} and {} are already compared in {}",
                        codes[key.0].id,
                        codes[key.1].id,
                        first.display()
                    ),
                ));
            } else {
                defined_at.insert(key, path.clone());
                comparisons.push(comparison);
            }
        }
    }
    comparisons.sort_by_key(|c| (c.a, c.b));
    for locale in locales.iter().filter(|l| l.as_str() != source_locale) {
        let added = add_translations(
            locales_dir,
            locale,
            source_locale,
            &mut comparisons,
            |comparisons, stem| {
                comparisons
                    .iter()
                    .position(|c| file_stem(&codes[c.a].id, &codes[c.b].id) == stem)
            },
            // A comparison of a code whose file did not parse was left out, not missing.
            |stem| stem.split("-vs-").any(|id| unparsed.contains(id)),
        );
        keep_problems(added, &mut problems)?;
    }
    Ok(Partial {
        value: comparisons,
        problems,
    })
}

/// One comparison; `None` if it compares a code whose file did not parse (and it has no
/// problem of its own).
fn load_one(
    path: &Path,
    index: &HashMap<&CodeId, usize>,
    unparsed: &HashSet<String>,
    source_locale: &str,
) -> Result<Option<Comparison>> {
    let text = read_checked(path)?;
    let raw: RawComparison = yaml::parse(path, &text)?;
    let at = |key: &str| {
        let (line, col) = text::locate_yaml_key(&text, key);
        Location::new(path, line, col)
    };
    let mut problems = Vec::new();
    let mut problem = |at: Location, message: String| {
        problems.push(Diagnostic::new(at, message).with_source(&text));
    };
    let (a, b) = (&raw.a.0, &raw.b.0);
    let found: Vec<Option<usize>> = [("a", a), ("b", b)]
        .into_iter()
        .map(|(key, id)| {
            let found = index.get(id).copied();
            if found.is_none() && !unparsed.contains(id.as_str()) {
                problem(
                    at(key),
                    format!("`{key}` names code {id}, which is not defined in content/"),
                );
            }
            found
        })
        .collect();
    if a == b {
        problem(at("b"), format!("code {a} is compared with itself"));
    } else if a.family() != b.family() {
        problem(
            at("b"),
            format!(
                "{a} is a {} code and {b} a {} code: pairs stay within a family",
                a.family().as_str(),
                b.family().as_str()
            ),
        );
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let wanted = file_stem(a, b);
    if stem != wanted {
        problem(
            at("a"),
            format!(
                "the comparison of {a} and {b} must be in a file named `{wanted}.yaml` (lower code first)"
            ),
        );
    }
    if a > b {
        problem(
            at("a"),
            format!("give the lower code as `a`: a: \"{b}\", b: \"{a}\""),
        );
    }
    for (field, value) in [
        ("difference", &raw.difference),
        ("tell_apart", &raw.tell_apart),
        ("what_to_do", &raw.what_to_do),
    ] {
        if value.trim().is_empty() {
            problem(at(field), format!("`{field}` is empty"));
        } else if let Some(message) = text_value_problem(field, value) {
            problem(at(field), message);
        }
    }
    if raw.sources.iter().all(|s| s.trim().is_empty()) {
        problem(
            at("sources"),
            "`sources` must name where the facts come from (e.g. \"RFC 5321 §4.2.3\")".into(),
        );
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let (Some(Some(ai)), Some(Some(bi))) = (found.first(), found.get(1)) else {
        return Ok(None);
    };
    let prose = ComparisonProse {
        difference: Some(raw.difference),
        tell_apart: Some(raw.tell_apart),
        what_to_do: Some(raw.what_to_do),
        translated_from: BTreeMap::new(),
    };
    Ok(Some(Comparison {
        a: (*ai).min(*bi),
        b: (*ai).max(*bi),
        prose: BTreeMap::from([(source_locale.to_owned(), prose)]),
        sources: raw.sources,
        source: path.to_owned(),
    }))
}

impl RawTranslation for RawComparisonProse {
    type Prose = ComparisonProse;
    const FIELDS: &'static [&'static str] = &COMPARISON_FIELDS;
    const FIELD_NOUN: &'static str = "a field of a comparison";

    fn values(&self) -> Vec<(&'static str, &str)> {
        given(
            &COMPARISON_FIELDS,
            [&self.difference, &self.tell_apart, &self.what_to_do],
        )
    }

    fn stamps(&self) -> &BTreeMap<String, String> {
        &self.translated_from
    }

    fn translation(self, english: &ComparisonProse) -> ComparisonProse {
        ComparisonProse {
            difference: unless_english(self.difference, english.difference.as_deref()),
            tell_apart: unless_english(self.tell_apart, english.tell_apart.as_deref()),
            what_to_do: unless_english(self.what_to_do, english.what_to_do.as_deref()),
            translated_from: self.translated_from,
        }
    }
}

/// A comparison's translations: `locales/<lang>/pairs/<a>-vs-<b>.yaml`; a file for a
/// comparison that does not exist is an error (almost always a typo in the file name).
impl Translated for Comparison {
    type Raw = RawComparisonProse;
    const DIR: &'static str = PAIRS_DIR;

    fn no_such(stem: &str) -> String {
        format!("translation of the comparison `{stem}`, but content/{PAIRS_DIR}/ has no such file")
    }

    fn prose_mut(&mut self) -> &mut BTreeMap<String, ComparisonProse> {
        &mut self.prose
    }
}
