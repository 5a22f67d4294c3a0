//! The class and subject pages of RFC 3463 (`content/groups/<id>.yaml`, translated in
//! `locales/<lang>/groups/<id>.yaml`) into validated [`Group`]s. A site may have none.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Deserializer};

use super::codes::{RawSource, sources_problems, text_value_problem, to_source, yaml_files};
use super::translation_files::{RawTranslation, Translated, add_translations, given};
use super::yaml::{self, read_checked};
use super::{Partial, keep_problems};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::model::{GROUP_FIELDS, Group, GroupId, GroupProse, unless_english};
use crate::text;

/// The directory below `content/` (and below each `locales/<lang>/`) that holds them.
pub const GROUPS_DIR: &str = "groups";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: GroupField,
    name: String,
    sources: Vec<RawSource>,
    summary: String,
    description: String,
}

/// A translation: every field optional; what is missing falls back to the source locale.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroupProse {
    #[serde(default)]
    translated_from: BTreeMap<String, String>,
    name: Option<String>,
    summary: Option<String>,
    description: Option<String>,
}

/// A group's id as written in YAML, validated while parsing so the error carries
/// serde_yaml's position.
#[derive(Debug, Clone, Copy)]
struct GroupField(GroupId);

impl<'de> Deserialize<'de> for GroupField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // A visitor, as for codes: serde_yaml then reports the position of the scalar.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = GroupField;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a class or subject of RFC 3463 such as \"5.X.XXX\" or \"X.7.XXX\"")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                text: &str,
            ) -> std::result::Result<GroupField, E> {
                GroupId::parse(text).map(GroupField).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// Loads every class and subject page and its translations, sorted by id (classes first).
pub fn load_groups(
    content_dir: &Path,
    locales_dir: &Path,
    source_locale: &str,
    locales: &[String],
) -> Result<Partial<Vec<Group>>> {
    let dir = content_dir.join(GROUPS_DIR);
    if !dir.is_dir() {
        return Ok(Partial::default());
    }
    let mut problems = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    for path in yaml_files(&dir)? {
        if let Some(group) = keep_problems(load_one(&path, source_locale), &mut problems)? {
            if let Some(first) = groups.iter().find(|g| g.id == group.id) {
                problems.push(Diagnostic::new(
                    Location::new(&path, 1, 1),
                    format!(
                        "{} is already defined in {}",
                        group.id,
                        first.source.display()
                    ),
                ));
            } else {
                groups.push(group);
            }
        }
    }
    groups.sort_by_key(|g| g.id);
    for locale in locales.iter().filter(|l| l.as_str() != source_locale) {
        let added = add_translations(
            locales_dir,
            locale,
            source_locale,
            &mut groups,
            |groups, stem| groups.iter().position(|g| g.id.name() == stem),
            |_| false,
        );
        keep_problems(added, &mut problems)?;
    }
    Ok(Partial {
        value: groups,
        problems,
    })
}

/// One group file, with every problem it has located in it.
fn load_one(path: &Path, source_locale: &str) -> Result<Group> {
    let text = read_checked(path)?;
    let raw: RawGroup = yaml::parse(path, &text)?;
    let at = |key: &str| {
        let (line, col) = text::locate_yaml_key(&text, key);
        Location::new(path, line, col)
    };
    let mut problems = Vec::new();
    let id = raw.id.0;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != id.name() {
        problems.push(
            Diagnostic::new(
                at("id"),
                format!(
                    "{id} is defined in a file named `{}`: name the file `{id}.yaml`",
                    stem.escape_debug()
                ),
            )
            .with_source(&text),
        );
    }
    for (field, value) in [
        ("name", &raw.name),
        ("summary", &raw.summary),
        ("description", &raw.description),
    ] {
        let message = if value.trim().is_empty() {
            Some(format!("`{field}` is empty"))
        } else {
            text_value_problem(field, value)
        };
        if let Some(message) = message {
            problems.push(Diagnostic::new(at(field), message).with_source(&text));
        }
    }
    problems.extend(sources_problems(path, &text, &raw.sources));
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let prose = GroupProse {
        name: Some(raw.name.trim().to_owned()),
        summary: Some(raw.summary),
        description: Some(raw.description),
        translated_from: BTreeMap::new(),
    };
    Ok(Group {
        id,
        sources: raw.sources.iter().filter_map(to_source).collect(),
        prose: BTreeMap::from([(source_locale.to_owned(), prose)]),
        source: path.to_owned(),
    })
}

impl RawTranslation for RawGroupProse {
    type Prose = GroupProse;
    const FIELDS: &'static [&'static str] = &GROUP_FIELDS;
    const FIELD_NOUN: &'static str = "a field of a group";

    fn values(&self) -> Vec<(&'static str, &str)> {
        given(
            &GROUP_FIELDS,
            [&self.name, &self.summary, &self.description],
        )
    }

    fn stamps(&self) -> &BTreeMap<String, String> {
        &self.translated_from
    }

    fn translation(self, english: &GroupProse) -> GroupProse {
        GroupProse {
            name: unless_english(
                self.name.map(|n| n.trim().to_owned()),
                english.name.as_deref(),
            ),
            summary: unless_english(self.summary, english.summary.as_deref()),
            description: unless_english(self.description, english.description.as_deref()),
            translated_from: self.translated_from,
        }
    }
}

/// A group's translations: `locales/<lang>/groups/<id>.yaml`; a file for a group that has
/// no English file is an error (almost always a typo in the file name).
impl Translated for Group {
    type Raw = RawGroupProse;
    const DIR: &'static str = GROUPS_DIR;

    fn no_such(stem: &str) -> String {
        format!("translation of `{stem}`, but content/{GROUPS_DIR}/ has no such file")
    }

    fn prose_mut(&mut self) -> &mut BTreeMap<String, GroupProse> {
        &mut self.prose
    }
}
