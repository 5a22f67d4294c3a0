//! Loads code definitions (`content/**/*.yaml`) and their translations
//! (`locales/<lang>/codes/<code>.yaml`) into validated [`Code`]s.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Deserializer};

use super::translation_files::{RawTranslation, Translated, add_translations};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::load::{Partial, files_below, keep_problems, yaml};
use crate::markdown;
use crate::model::{
    Actor, Cause, Cited, Code, CodeId, FactValue, Facts, Family, NextStep, PROSE_FIELD_NAMES,
    Prose, RetryHelps, RfcRef, Source, SourceStatus, Stage, unless_english,
};
use crate::text;

/// At most this many sample replies per code: more is a wall, not an example.
const MAX_SAMPLES: usize = 3;

/// The longest value, in characters, of each text field (docs/content-format.md). A few
/// times the longest in the shipped catalogue: a name is a title and has to fit in
/// `<title>` and headings, a summary is a meta description and a list entry; a longer
/// value is a mistake (or an attempt to make every page that shows it enormous).
const MAX_CHARS: [(&str, usize); 12] = [
    ("name", 100),
    ("replies", 300),
    ("title", 200),
    ("difference", 400),
    ("tell_apart", 2000),
    ("what_to_do", 2000),
    ("summary", 400),
    ("action", 400),
    ("description", 6000),
    ("when", 6000),
    ("fix", 6000),
    ("samples", 1000),
];

/// An RFC section number as it appears in the RFC's own anchors: `4.2.3`, `A.1`.
const MAX_SECTION_CHARS: usize = 20;

/// The directory below each `locales/<lang>/` that holds the codes' translations.
pub const CODES_DIR: &str = "codes";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCode {
    code: CodeField,
    family: Family,
    name: String,
    sources: Vec<RawSource>,
    #[serde(default)]
    stages: Option<Vec<StageField>>,
    #[serde(default)]
    basic: Option<Vec<CodeField>>,
    #[serde(default)]
    seen_with: Option<Vec<CodeField>>,
    facts: RawFacts,
    related: Vec<CodeField>,
    samples: Vec<String>,
    summary: String,
    action: String,
    description: String,
    when: String,
    fix: String,
}

/// `facts:`, validated by serde against each value list (a typo is an error at its line).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFacts {
    next: NextStep,
    #[serde(default)]
    retry_helps: Option<RetryHelps>,
    acts: Vec<Actor>,
    #[serde(default)]
    cause: Vec<Cause>,
}

/// How many people a code's `acts` may name, and causes its `cause`: more is no answer.
const MAX_ACTORS: usize = 3;
const MAX_CAUSES: usize = 3;
/// How many companions a basic code lists: the common ones, not every registry entry.
const MAX_SEEN_WITH: usize = 8;

/// One entry of `sources`: an RFC (`rfc`, `sections`) or a public page (`url`, `title`),
/// and its `status` (always given: a source's worth is never assumed).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    #[serde(default)]
    rfc: Option<u32>,
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    status: SourceStatus,
}

/// A translation: every field optional; what is missing falls back to the source locale.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProse {
    /// Field → hash of the English text it was translated from (see `model::prose_hash`).
    #[serde(default)]
    translated_from: BTreeMap<String, String>,
    name: Option<String>,
    summary: Option<String>,
    action: Option<String>,
    description: Option<String>,
    when: Option<String>,
    fix: Option<String>,
}

/// A code as written in YAML: a quoted string or a bare number, validated while parsing
/// so the error carries serde_yaml's position.
#[derive(Debug, Clone)]
pub(super) struct CodeField(pub(super) CodeId);

impl<'de> Deserialize<'de> for CodeField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // A visitor rather than an untagged enum: serde_yaml then reports the position of
        // the offending scalar itself, not of the enclosing mapping.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = CodeField;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an SMTP code such as \"251\" or \"5.1.1\"")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                text: &str,
            ) -> std::result::Result<CodeField, E> {
                CodeId::parse(text).map(CodeField).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> std::result::Result<CodeField, E> {
                self.visit_str(&n.to_string())
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Debug, Clone, Copy)]
struct StageField(Stage);

impl<'de> Deserialize<'de> for StageField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Stage::parse(&text).map(StageField).ok_or_else(|| {
            let known: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
            let hint = text::did_you_mean(&text, &known)
                .map(|s| format!(": did you mean `{s}`?"))
                .unwrap_or_default();
            serde::de::Error::custom(format!(
                "unknown stage `{}`{hint} (expected one of: {})",
                text.escape_debug(),
                known.join(", ")
            ))
        })
    }
}

/// One parsed file with its text, kept until validation is done so that later errors can
/// still point at lines.
struct Parsed {
    path: PathBuf,
    text: String,
    raw: RawCode,
}

/// Loads and validates every code under `content_dir` and the translations of each
/// `locale` (other than `source_locale`) under `locales_dir/<locale>/codes/`.
/// All problems found are reported together.
pub fn load_codes(
    content_dir: &Path,
    locales_dir: &Path,
    source_locale: &str,
    locales: &[String],
) -> Result<Vec<Code>> {
    load_codes_partial(content_dir, locales_dir, source_locale, locales)?
        .map(|loaded| loaded.codes)
        .into_result()
}

/// The codes that loaded, and the ids of those whose file did not parse: the stages that
/// refer to codes skip those ids rather than report each reference as a second problem.
pub struct LoadedCodes {
    pub codes: Vec<Code>,
    pub unparsed: HashSet<String>,
}

/// [`load_codes`], keeping every code that parsed (also one with problems) beside the
/// problems, so `check` can compare the translations of what did load.
pub fn load_codes_partial(
    content_dir: &Path,
    locales_dir: &Path,
    source_locale: &str,
    locales: &[String],
) -> Result<Partial<LoadedCodes>> {
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    // Codes whose file failed to parse: references to them are not reported again, so
    // one typo gives one error, not one per file that mentions the code.
    let mut unparsed = HashSet::new();
    // Comparisons, the class and subject pages and the provider family have loaders of
    // their own.
    let others = [
        content_dir.join(super::comparisons::PAIRS_DIR),
        content_dir.join(super::groups::GROUPS_DIR),
        content_dir.join(super::providers::PROVIDERS_DIR),
        content_dir.join(super::providers::PROVIDERS_FILE),
    ];
    let paths: Vec<PathBuf> = yaml_files(content_dir)?
        .into_iter()
        .filter(|p| !others.iter().any(|other| p.starts_with(other)))
        .collect();
    // Read and parsed on every core, then taken in order.
    let outcomes: Vec<Result<Parsed>> = paths.par_iter().map(|p| parse_code_file(p)).collect();
    for (path, outcome) in paths.iter().zip(outcomes) {
        match outcome {
            Ok(p) => parsed.push(p),
            // An unreadable file is not a problem in the text: it stops loading, as it
            // stops the build, rather than being left out of the site and of `check`.
            Err(e @ (Error::Io { .. } | Error::Load(_))) => return Err(e),
            Err(e) => {
                problems.extend(e.diagnostics().iter().cloned());
                if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                    unparsed.insert(stem.to_owned());
                }
            }
        }
    }
    parsed.sort_by(|a, b| a.raw.code.0.cmp(&b.raw.code.0));
    problems.extend(duplicate_codes(&parsed));
    let known: HashMap<&CodeId, &RawCode> =
        parsed.iter().map(|p| (&p.raw.code.0, &p.raw)).collect();
    for p in &parsed {
        problems.extend(validate_code(p, &known, &unparsed));
    }
    let mut codes: Vec<Code> = parsed.iter().map(|p| to_code(p, source_locale)).collect();
    codes.dedup_by(|a, b| a.id == b.id);
    for locale in locales.iter().filter(|l| l.as_str() != source_locale) {
        let added = add_translations(
            locales_dir,
            locale,
            source_locale,
            &mut codes,
            |codes, stem| codes.iter().position(|c| c.id.as_str() == stem),
            |stem| unparsed.contains(stem),
        );
        keep_problems(added, &mut problems)?;
    }
    Ok(Partial {
        value: LoadedCodes { codes, unparsed },
        problems,
    })
}

/// Every `.yaml`/`.yml` file below `dir`, sorted, so errors come in a stable order.
pub(super) fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = files_below(dir)?;
    files.retain(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"));
    Ok(files)
}

fn parse_code_file(path: &Path) -> Result<Parsed> {
    let text = yaml::read_checked(path)?;
    let raw: RawCode = yaml::parse(path, &text)?;
    Ok(Parsed {
        path: path.to_owned(),
        text,
        raw,
    })
}

fn at(p: &Parsed, key: &str) -> Location {
    let (line, col) = text::locate_yaml_key(&p.text, key);
    Location::new(&p.path, line, col)
}

fn at_value(p: &Parsed, key: &str, value: &str) -> Location {
    let quoted = format!("\"{value}\"");
    text::locate_text(&p.text, &quoted)
        .map(|(line, col)| Location::new(&p.path, line, col))
        .unwrap_or_else(|| at(p, key))
}

fn duplicate_codes(parsed: &[Parsed]) -> Vec<Diagnostic> {
    parsed
        .windows(2)
        .filter(|w| w[0].raw.code.0 == w[1].raw.code.0)
        .map(|w| {
            let first = at(&w[0], "code");
            Diagnostic::new(
                at(&w[1], "code"),
                format!(
                    "duplicate code {}: already defined at {first}",
                    w[1].raw.code.0
                ),
            )
            .with_source(&w[1].text)
        })
        .collect()
}

/// Problems of one parsed code file, each located in it.
struct Problems<'p> {
    parsed: &'p Parsed,
    found: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn add(&mut self, at: Location, message: String) {
        self.found
            .push(Diagnostic::new(at, message).with_source(&self.parsed.text));
    }
}

/// Every problem of a parsed code: its name and family, what it links to, its facts and
/// its text. `known` holds every parsed code, `unparsed` the codes whose file failed.
fn validate_code(
    p: &Parsed,
    known: &HashMap<&CodeId, &RawCode>,
    unparsed: &HashSet<String>,
) -> Vec<Diagnostic> {
    let mut problems = Problems {
        parsed: p,
        found: Vec::new(),
    };
    validate_identity(&mut problems);
    validate_family_fields(&mut problems);
    validate_links(&mut problems, known, unparsed);
    validate_facts(&mut problems);
    validate_text(&mut problems);
    validate_sources(&mut problems);
    problems.found
}

/// The file's name is the code, and the family is the code's.
fn validate_identity(problems: &mut Problems) {
    let p = problems.parsed;
    let id = &p.raw.code.0;
    let stem = p.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != id.as_str() {
        problems.add(
            at(p, "code"),
            format!("code {id} is defined in a file named `{stem}`: name the file `{id}.yaml`"),
        );
    }
    if p.raw.family != id.family() {
        problems.add(
            at(p, "family"),
            format!(
                "family `{}` does not match code {id}, which is a {} code",
                p.raw.family.as_str(),
                id.family().as_str()
            ),
        );
    }
}

/// `stages` for every code; `basic` only for enhanced codes, `seen_with` only for basic.
fn validate_family_fields(problems: &mut Problems) {
    let p = problems.parsed;
    let raw = &p.raw;
    match &raw.stages {
        None => problems.add(
            at(p, "code"),
            "missing field `stages` (when in the session this code is sent)".into(),
        ),
        Some(stages) if stages.is_empty() => problems.add(
            at(p, "stages"),
            "`stages` must list at least one stage".into(),
        ),
        Some(_) => {}
    }
    match (raw.code.0.family(), &raw.basic, &raw.seen_with) {
        (Family::Basic, Some(_), _) => problems.add(
            at(p, "basic"),
            "`basic` is for enhanced codes; a basic code lists the enhanced codes it is \
             sent with in `seen_with`"
                .into(),
        ),
        (Family::Enhanced, None, _) => problems.add(
            at(p, "code"),
            "missing field `basic` (the basic reply codes this status code is sent with)".into(),
        ),
        (Family::Enhanced, _, Some(_)) => problems.add(
            at(p, "seen_with"),
            "`seen_with` is for basic codes; an enhanced code lists its `basic` codes instead"
                .into(),
        ),
        (Family::Basic, _, Some(seen)) if seen.len() > MAX_SEEN_WITH => problems.add(
            at(p, "seen_with"),
            format!(
                "`seen_with` lists {} codes; keep the {MAX_SEEN_WITH} most common",
                seen.len()
            ),
        ),
        _ => {}
    }
}

/// `basic`, `seen_with` and `related` name codes that exist, of the right family, once;
/// a basic code's `seen_with` codes list it back in their `basic`.
fn validate_links(
    problems: &mut Problems,
    known: &HashMap<&CodeId, &RawCode>,
    unparsed: &HashSet<String>,
) {
    let p = problems.parsed;
    let raw = &p.raw;
    let id = &raw.code.0;
    let parsed_only = |list: &'_ Option<Vec<CodeField>>| -> Vec<CodeId> {
        list.iter()
            .flatten()
            .filter(|c| !unparsed.contains(c.0.as_str()))
            .map(|c| c.0.clone())
            .collect()
    };
    for (key, list) in [("basic", &raw.basic), ("seen_with", &raw.seen_with)] {
        let mut seen = HashSet::new();
        for other in parsed_only(list) {
            let location = at_value(p, key, other.as_str());
            if !seen.insert(other.clone()) {
                problems.add(location, format!("`{key}` lists {other} twice"));
                continue;
            }
            let Some(other_raw) = known.get(&other) else {
                problems.add(
                    location,
                    format!("`{key}` names code {other}, which is not defined in content/"),
                );
                continue;
            };
            if other.family() == id.family() {
                let wanted = if key == "basic" {
                    "basic reply codes"
                } else {
                    "enhanced status codes"
                };
                problems.add(
                    location,
                    format!(
                        "`{key}` must list {wanted}; {other} is a {} code",
                        other.family().as_str()
                    ),
                );
            } else if !classes_agree(enhanced_first(id, &other)) {
                problems.add(
                    location,
                    format!(
                        "{id} is a class {} code but is paired with {other}",
                        id.class()
                    ),
                );
            } else if key == "seen_with" && !other_raw.basic.iter().flatten().any(|b| &b.0 == id) {
                problems.add(
                    location,
                    format!(
                        "`seen_with` names {other}, but {other}'s `basic` does not list {id}: \
                         add it there too"
                    ),
                );
            }
        }
    }
    for related in parsed_only(&Some(raw.related.clone())) {
        let location = at_value(p, "related", related.as_str());
        if &related == id {
            problems.add(location, format!("code {id} lists itself as related"));
        } else if !known.contains_key(&related) {
            problems.add(
                location,
                format!("`related` names code {related}, which is not defined in content/"),
            );
        } else if related.family() != id.family() {
            problems.add(
                location,
                format!("related code {related} is not of the same family as {id}"),
            );
        }
    }
}

/// `retry_helps` exactly for transient codes, one to three people and causes, no
/// repeats, `nobody` only first, and no cause for a reply that is not a failure.
fn validate_facts(problems: &mut Problems) {
    let p = problems.parsed;
    let class = Some(p.raw.code.0.class());
    problems
        .found
        .extend(facts_problems(&p.path, &p.text, &p.raw.facts, class));
}

/// The problems of the `facts` of the file `path` (whose text is `text`), each located in
/// it: the same rules for codes and provider entries. `class` is the class digit of the
/// codes the facts are about; `None` (a provider's token without a standard code) leaves
/// out the rules that depend on it.
pub(super) fn facts_problems(
    path: &Path,
    text: &str,
    facts: &RawFacts,
    class: Option<u16>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut add = |at: Location, message: String| {
        found.push(Diagnostic::new(at, message).with_source(text));
    };
    let at_facts = || {
        let (line, col) = text::locate_yaml_key(text, "facts");
        Location::new(path, line, col)
    };
    // An indented key (`  next:` under `facts:`), or `facts:` if it is not found.
    let at_key = |key: &str| {
        text::locate_text(text, &format!("  {key}:"))
            .map(|(line, col)| Location::new(path, line, col + 2))
            .unwrap_or_else(at_facts)
    };
    let shown = class.map_or_else(|| "?".to_owned(), |c| c.to_string());
    match (class, facts.retry_helps) {
        (Some(4), None) => add(
            at_facts(),
            "missing `retry_helps` (yes, sometimes or no): whether a retry of this \
             temporary failure succeeds without anyone acting"
                .into(),
        ),
        (Some(class), Some(_)) if class != 4 => add(
            at_key("retry_helps"),
            format!("`retry_helps` is for temporary (class 4) codes; this is a class {class} code"),
        ),
        _ => {}
    }
    if facts.acts.is_empty() || facts.acts.len() > MAX_ACTORS {
        add(
            at_key("acts"),
            format!("`acts` names 1 to {MAX_ACTORS} people"),
        );
    } else if facts.acts.iter().skip(1).any(|a| *a == Actor::Nobody) {
        // `[nobody, sender-admin]`: usually nobody (the retry works), else the admin.
        add(
            at_key("acts"),
            "`acts`: `nobody` may only come first (nobody usually has to act, else …)".into(),
        );
    }
    let failure = class.is_none_or(|class| matches!(class, 4 | 5));
    if failure && (facts.cause.is_empty() || facts.cause.len() > MAX_CAUSES) {
        add(
            at_key("cause"),
            format!("`cause` names 1 to {MAX_CAUSES} causes"),
        );
    }
    if !failure && !facts.cause.is_empty() {
        add(
            at_key("cause"),
            format!("`cause` is for failures (classes 4 and 5); this is a class {shown} code"),
        );
    }
    if has_repeats(&facts.acts) || has_repeats(&facts.cause) {
        add(at_facts(), "`facts` lists a value twice".into());
    }
    if matches!(facts.next, NextStep::Retry) && class.is_some_and(|class| class != 4) {
        add(
            at_key("next"),
            format!("`next: retry` is for temporary (class 4) codes; this is a class {shown} code"),
        );
    }
    found
}

/// The model's facts.
pub(super) fn to_facts(raw: &RawFacts) -> Facts {
    Facts {
        next: raw.next,
        retry_helps: raw.retry_helps,
        acts: raw.acts.clone(),
        cause: raw.cause.clone(),
    }
}

fn has_repeats<T: Ord + Clone>(values: &[T]) -> bool {
    let mut sorted = values.to_vec();
    sorted.sort();
    sorted.windows(2).any(|w| w[0] == w[1])
}

/// RFCs, samples and prose: present, within their limits, without hidden characters.
fn validate_text(problems: &mut Problems) {
    let p = problems.parsed;
    let raw = &p.raw;
    if raw.samples.is_empty() || raw.samples.len() > MAX_SAMPLES {
        problems.add(
            at(p, "samples"),
            format!("give between 1 and {MAX_SAMPLES} sample replies"),
        );
    }
    problems
        .found
        .extend(english_prose_problems(&p.path, &p.text, &raw_prose_of(raw)));
    for sample in &raw.samples {
        if let Some(message) = text_value_problem("samples", sample) {
            problems.add(at(p, "samples"), message);
        }
    }
}

/// The problems of the English prose of the file `path` (whose text is `text`): every
/// field given, not empty, within its limits, each located in it (codes and provider
/// entries).
pub(super) fn english_prose_problems(path: &Path, text: &str, prose: &RawProse) -> Vec<Diagnostic> {
    prose_values(prose)
        .filter_map(|(field, value)| {
            let message = if value.trim().is_empty() {
                Some(format!("`{field}` is empty"))
            } else {
                text_value_problem(field, value)
            }?;
            let (line, col) = text::locate_yaml_key(text, field);
            Some(Diagnostic::new(Location::new(path, line, col), message).with_source(text))
        })
        .collect()
}

/// `sources`: at least one; each an RFC or a page, with a status its kind can have.
fn validate_sources(problems: &mut Problems) {
    let p = problems.parsed;
    problems
        .found
        .extend(sources_problems(&p.path, &p.text, &p.raw.sources));
}

/// The problems of the `sources` of the file `path` (whose text is `text`), each located
/// in it: the same rules for every file that cites sources (codes, class and subject pages).
pub(super) fn sources_problems(path: &Path, text: &str, sources: &[RawSource]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut add = |at: Location, message: String| {
        found.push(Diagnostic::new(at, message).with_source(text));
    };
    let at_sources = || {
        let (line, col) = text::locate_yaml_key(text, "sources");
        Location::new(path, line, col)
    };
    if sources.is_empty() {
        add(
            at_sources(),
            "`sources` must name at least one source (`- rfc: 5321` with `sections` and \
             `status`)"
                .into(),
        );
    }
    for source in sources {
        for problem in source_problems(source) {
            add(source_at(path, text, source), problem);
        }
        for section in &source.sections {
            if !is_section_number(section) {
                let at = text::locate_text(text, &format!("\"{section}\""))
                    .map(|(line, col)| Location::new(path, line, col))
                    .unwrap_or_else(at_sources);
                add(
                    at,
                    format!(
                        "`{}` is not an RFC section number such as `4.2.3` or `A.1`",
                        section.escape_debug()
                    ),
                );
            }
        }
    }
    found
}

/// What is wrong with one source, in words.
fn source_problems(source: &RawSource) -> Vec<String> {
    let mut found = Vec::new();
    let status = source.status.as_str();
    match (source.rfc, &source.url) {
        (Some(_), Some(_)) | (None, None) => found.push(
            "a source is an RFC (`rfc: 5321`) or a public page (`url:` and `title:`), \
             one of the two"
                .to_owned(),
        ),
        (Some(_), None) => {
            if !matches!(
                source.status,
                SourceStatus::Standard | SourceStatus::Context
            ) {
                found.push(format!(
                    "an RFC is a standard: its status is `standard` (the sections cited \
                     define this code) or `context` (they do not), not `{status}`"
                ));
            }
            if source.title.is_some() {
                found.push("`title` is for pages; an RFC is named by its number".into());
            }
        }
        (None, Some(url)) => {
            if source.status == SourceStatus::Standard {
                found.push("a standard is cited by its RFC number (`rfc:`), not by a page".into());
            }
            if !url.starts_with("https://") || url.chars().any(char::is_whitespace) {
                found.push(format!(
                    "`{}` is not an https:// address",
                    url.escape_debug()
                ));
            }
            match source.title.as_deref().map(str::trim) {
                None | Some("") => {
                    found.push("a page needs a `title`: what a reader sees as the link".into())
                }
                Some(title) => found.extend(text_value_problem("title", title)),
            }
            if !source.sections.is_empty() {
                found.push("`sections` are for RFCs; a page is cited by its `url`".into());
            }
        }
    }
    found
}

/// Where a source starts in the file: its `rfc:` or `url:` line.
fn source_at(path: &Path, text: &str, source: &RawSource) -> Location {
    let key = match (source.rfc, &source.url) {
        (Some(number), _) => format!("rfc: {number}"),
        (None, Some(url)) => format!("url: {url}"),
        (None, None) => match &source.title {
            Some(title) => format!("title: {title}"),
            None => "sources:".to_owned(),
        },
    };
    let (line, col) =
        text::locate_text(text, &key).unwrap_or_else(|| text::locate_yaml_key(text, "sources"));
    Location::new(path, line, col)
}

fn raw_prose_of(raw: &RawCode) -> RawProse {
    RawProse::english([
        &raw.name,
        &raw.summary,
        &raw.action,
        &raw.description,
        &raw.when,
        &raw.fix,
    ])
}

impl RawProse {
    /// The English prose of a content file: name, summary, action, description, when, fix.
    pub(super) fn english(fields: [&String; 6]) -> RawProse {
        let [name, summary, action, description, when, fix] = fields.map(|f| Some(f.clone()));
        RawProse {
            translated_from: BTreeMap::new(),
            name,
            summary,
            action,
            description,
            when,
            fix,
        }
    }

    /// The model's prose of the source locale, from a content file's (complete) fields.
    pub(super) fn into_english(self) -> Prose {
        Prose {
            name: self.name.map(|n| n.trim().to_owned()),
            summary: self.summary,
            action: self.action,
            description: self.description,
            when: self.when,
            fix: self.fix,
            translated_from: BTreeMap::new(),
        }
    }
}

/// The prose fields that are present, as (key, value).
fn prose_values(prose: &RawProse) -> impl Iterator<Item = (&'static str, &str)> {
    [
        ("name", &prose.name),
        ("summary", &prose.summary),
        ("action", &prose.action),
        ("description", &prose.description),
        ("when", &prose.when),
        ("fix", &prose.fix),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.as_deref().map(|v| (key, v)))
}

/// What is wrong with a text value beyond what the file's characters showed: a forbidden
/// character written as a YAML escape (`"\u202E"`, `"\0"`), or a value over its limit.
pub(super) fn text_value_problem(field: &str, value: &str) -> Option<String> {
    if let Some((c, kind)) = value
        .chars()
        .find_map(|c| text::forbidden_char(c).map(|kind| (c, kind)))
    {
        return Some(format!(
            "`{field}` contains the {kind} {} (written as an escape): remove it",
            text::describe_char(c)
        ));
    }
    let inline_only = matches!(field, "summary" | "action" | "difference");
    if inline_only && !value.trim().is_empty() && !markdown::is_single_paragraph(value) {
        return Some(format!(
            "`{field}` must be a single paragraph of inline Markdown: no blank lines, \
             lists, headings (a line of `---` or `===` under text makes one), quotes or code blocks"
        ));
    }
    let limit = MAX_CHARS
        .iter()
        .find(|(key, _)| *key == field)
        .map_or(usize::MAX, |(_, limit)| *limit);
    let length = value.chars().count();
    (length > limit).then(|| {
        let what = if field == "samples" {
            "a sample"
        } else if field == "replies" {
            "a reply"
        } else {
            "this value"
        };
        format!("`{field}`: {what} is {length} characters long; at most {limit} are allowed")
    })
}

fn is_section_number(section: &str) -> bool {
    !section.is_empty()
        && section.len() <= MAX_SECTION_CHARS
        && section
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.')
        && !section.starts_with('.')
        && !section.ends_with('.')
}

fn to_code(p: &Parsed, source_locale: &str) -> Code {
    let raw = &p.raw;
    let prose = raw_prose_of(raw).into_english();
    Code {
        id: raw.code.0.clone(),
        sources: raw.sources.iter().filter_map(to_source).collect(),
        stages: raw.stages.iter().flatten().map(|s| s.0).collect(),
        companions: raw
            .basic
            .iter()
            .chain(&raw.seen_with)
            .flatten()
            .map(|c| c.0.clone())
            .collect(),
        facts: to_facts(&raw.facts),
        related: raw.related.iter().map(|c| c.0.clone()).collect(),
        samples: raw.samples.clone(),
        prose: BTreeMap::from([(source_locale.to_owned(), prose)]),
        source: p.path.clone(),
    }
}

/// The model's source; `None` for one that is neither an RFC nor a page (reported).
pub(super) fn to_source(raw: &RawSource) -> Option<Source> {
    let cited = match (raw.rfc, &raw.url) {
        (Some(number), None) => Cited::Rfc(RfcRef {
            number,
            sections: raw.sections.clone(),
        }),
        (None, Some(url)) => Cited::Page {
            title: raw.title.clone().unwrap_or_default().trim().to_owned(),
            url: url.clone(),
        },
        _ => return None,
    };
    Some(Source {
        cited,
        status: raw.status,
    })
}

/// The translation of a code or a provider entry: the same fields.
impl RawTranslation for RawProse {
    type Prose = Prose;
    const FIELDS: &'static [&'static str] = &PROSE_FIELD_NAMES;
    const FIELD_NOUN: &'static str = "a prose field";

    fn values(&self) -> Vec<(&'static str, &str)> {
        prose_values(self).collect()
    }

    fn stamps(&self) -> &BTreeMap<String, String> {
        &self.translated_from
    }

    fn translation(self, english: &Prose) -> Prose {
        Prose {
            name: unless_english(
                self.name.map(|n| n.trim().to_owned()),
                english.name.as_deref(),
            ),
            summary: unless_english(self.summary, english.summary.as_deref()),
            action: unless_english(self.action, english.action.as_deref()),
            description: unless_english(self.description, english.description.as_deref()),
            when: unless_english(self.when, english.when.as_deref()),
            fix: unless_english(self.fix, english.fix.as_deref()),
            translated_from: self.translated_from,
        }
    }
}

/// A code's translations: `locales/<lang>/codes/<code>.yaml`. A file for a code that does
/// not exist is an error, because it is almost always a typo in the file name.
impl Translated for Code {
    type Raw = RawProse;
    const DIR: &'static str = CODES_DIR;

    fn no_such(stem: &str) -> String {
        format!("translation for `{stem}`, but no such code is defined in content/")
    }

    fn prose_mut(&mut self) -> &mut BTreeMap<String, Prose> {
        &mut self.prose
    }
}

/// An enhanced code's class must agree with the basic reply it travels with: a 5.X.X
/// status in a 250 reply contradicts itself. Success (2.X.X) may also accompany 3xx.
/// The two codes of a basic–enhanced pairing, the enhanced one first.
fn enhanced_first<'c>(x: &'c CodeId, y: &'c CodeId) -> (&'c CodeId, &'c CodeId) {
    if x.family() == Family::Enhanced {
        (x, y)
    } else {
        (y, x)
    }
}

fn classes_agree((enhanced, basic): (&CodeId, &CodeId)) -> bool {
    match enhanced.class() {
        2 => matches!(basic.class(), 2 | 3),
        class => basic.class() == class,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "code: \"251\"\nfamily: basic\nstages: [rcpt]\nname: User Not Local\nsources:\n  - rfc: 5321\n    sections: [\"4.2.3\"]\n    status: standard\nrelated: []\nsamples:\n  - \"251 ok\"\nsummary: S.\naction: A.\ndescription: D.\nwhen: W.\nfix: F.\nfacts:\n  next: none\n  acts: [nobody]\n";

    /// Loads a one-code site whose content file is `yaml` and whose Japanese translation
    /// (if any) is `ja`.
    fn load(yaml: &str, ja: Option<&str>) -> Result<Vec<Code>> {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content/basic");
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(content.join("251.yaml"), yaml).unwrap();
        if let Some(ja) = ja {
            let dir = tmp.path().join("locales/ja/codes");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("251.yaml"), ja).unwrap();
        }
        load_codes(
            &tmp.path().join("content"),
            &tmp.path().join("locales"),
            "en",
            &["en".into(), "ja".into()],
        )
    }

    fn only_problem(result: Result<Vec<Code>>) -> Diagnostic {
        let err = result.expect_err("must fail");
        assert_eq!(err.diagnostics().len(), 1, "{err}");
        err.diagnostics()[0].clone()
    }

    #[test]
    fn the_good_file_loads() {
        assert_eq!(load(GOOD, Some("name: 名前\n")).unwrap().len(), 1);
    }

    #[test]
    fn control_characters_in_content_are_located() {
        let d = only_problem(load(&GOOD.replace("Not Local", "Not\u{0}Local"), None));
        assert_eq!((d.at.line, d.at.col), (4, 15), "{d}");
        assert!(d.at.path.ends_with("content/basic/251.yaml"));
        assert!(d.message.contains("U+0000 (NUL)"), "{d}");
        let d = only_problem(load(&GOOD.replace("D.", "D\u{1b}[31m."), None));
        assert_eq!((d.at.line, d.at.col), (14, 15), "{d}");
    }

    #[test]
    fn bidi_controls_in_a_translation_are_located() {
        let d = only_problem(load(GOOD, Some("name: 名前\nsummary: 要\u{2067}約\n")));
        assert!(d.at.path.ends_with("locales/ja/codes/251.yaml"));
        assert_eq!((d.at.line, d.at.col), (2, 11), "{d}");
        assert!(d.message.contains("RIGHT-TO-LEFT ISOLATE"), "{d}");
    }

    #[test]
    fn forbidden_characters_written_as_yaml_escapes_are_found_too() {
        let d = only_problem(load(
            &GOOD.replace("name: User Not Local", "name: \"User \\u202E Local\""),
            None,
        ));
        assert_eq!((d.at.line, d.at.col), (4, 1), "{d}");
        assert!(d.message.contains("`name` contains"), "{d}");
        assert!(d.message.contains("written as an escape"), "{d}");
        let d = only_problem(load(GOOD, Some("fix: \"a\\0b\"\n")));
        assert!(
            d.message
                .contains("`fix` contains the control character U+0000"),
            "{d}"
        );
        let d = only_problem(load(&GOOD.replace("\"251 ok\"", "\"251 \\e[2J\""), None));
        assert!(d.message.contains("`samples` contains"), "{d}");
    }

    #[test]
    fn over_long_values_are_located_errors() {
        let long = "x".repeat(100 * 1024);
        let d = only_problem(load(
            &GOOD.replace("name: User Not Local", &format!("name: {long}")),
            None,
        ));
        assert_eq!((d.at.line, d.at.col), (4, 1), "{d}");
        assert!(
            d.message.contains("102400 characters long; at most 100"),
            "{d}"
        );
        let d = only_problem(load(
            GOOD,
            Some(&format!("summary: {}\n", "長".repeat(401))),
        ));
        assert!(
            d.message.contains("401 characters long; at most 400"),
            "{d}"
        );
        assert!(load(GOOD, Some(&format!("summary: {}\n", "長".repeat(400)))).is_ok());
    }

    #[test]
    fn summary_and_action_are_one_paragraph() {
        let d = only_problem(load(
            &GOOD.replace("summary: S.", "summary: |\n  S.\n  ---\n  T."),
            None,
        ));
        assert_eq!((d.at.line, d.at.col), (12, 1), "{d}");
        assert!(
            d.message.contains("`summary` must be a single paragraph"),
            "{d}"
        );
        let d = only_problem(load(GOOD, Some("action: |\n  - 一\n  - 二\n")));
        assert!(
            d.message.contains("`action` must be a single paragraph"),
            "{d}"
        );
    }

    #[test]
    fn rfc_sections_must_look_like_section_numbers() {
        let d = only_problem(load(&GOOD.replace("[\"4.2.3\"]", "[\"4 2\"]"), None));
        assert_eq!((d.at.line, d.at.col), (7, 16), "{d}");
        assert!(d.message.contains("is not an RFC section number"), "{d}");
        let d = only_problem(load(
            &GOOD.replace("[\"4.2.3\"]", "[\"4.2.3\\\" onclick=x\"]"),
            None,
        ));
        assert!(d.message.contains("is not an RFC section number"), "{d}");
        assert!(is_section_number("A.1") && is_section_number("4.1.1.10"));
        assert!(!is_section_number("") && !is_section_number("4.") && !is_section_number("a b"));
    }

    #[test]
    fn a_fact_outside_its_list_is_located_at_its_line() {
        let d = only_problem(load(&GOOD.replace("next: none", "next: retyr"), None));
        assert_eq!(d.at.line, 18, "{d}");
        assert!(d.message.contains("unknown variant `retyr`"), "{d}");
        assert!(d.message.contains("client-decides"), "{d}");
    }

    #[test]
    fn facts_must_fit_the_class() {
        let d = only_problem(load(
            &GOOD.replace("next: none", "next: none\n  retry_helps: yes"),
            None,
        ));
        assert_eq!((d.at.line, d.at.col), (19, 3), "{d}");
        assert!(
            d.message.contains("is for temporary (class 4) codes"),
            "{d}"
        );
        let d = only_problem(load(
            &GOOD.replace("acts: [nobody]", "acts: [nobody]\n  cause: [policy]"),
            None,
        ));
        assert!(d.message.contains("`cause` is for failures"), "{d}");
        let d = only_problem(load(
            &GOOD.replace("acts: [nobody]", "acts: [sender, nobody]"),
            None,
        ));
        assert!(d.message.contains("`nobody` may only come first"), "{d}");
    }
}
