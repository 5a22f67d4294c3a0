//! Loads code definitions (`content/**/*.yaml`) and their translations
//! (`locales/<lang>/codes/<code>.yaml`) into validated [`Code`]s.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::error::{Diagnostic, Error, Location, Result};
use crate::load::{files_below, yaml};
use crate::markdown;
use crate::model::{Code, CodeId, Family, Prose, ProseField, RfcRef, Stage};
use crate::text;

/// At most this many sample replies per code: more is a wall, not an example.
const MAX_SAMPLES: usize = 3;

/// The longest value, in characters, of each text field (docs/content-format.md). A few
/// times the longest in the shipped catalogue: a name is a title and has to fit in
/// `<title>` and headings, a summary is a meta description and a list entry; a longer
/// value is a mistake (or an attempt to make every page that shows it enormous).
const MAX_CHARS: [(&str, usize); 7] = [
    ("name", 100),
    ("summary", 400),
    ("action", 400),
    ("description", 6000),
    ("when", 6000),
    ("fix", 6000),
    ("samples", 1000),
];

/// An RFC section number as it appears in the RFC's own anchors: `4.2.3`, `A.1`.
const MAX_SECTION_CHARS: usize = 20;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCode {
    code: CodeField,
    family: Family,
    name: String,
    rfcs: Vec<RawRfc>,
    #[serde(default)]
    stages: Option<Vec<StageField>>,
    #[serde(default)]
    basic: Option<Vec<CodeField>>,
    related: Vec<CodeField>,
    samples: Vec<String>,
    summary: String,
    action: String,
    description: String,
    when: String,
    fix: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRfc {
    number: u32,
    #[serde(default)]
    sections: Vec<String>,
}

/// A translation: every field optional; what is missing falls back to the source locale.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProse {
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
struct CodeField(CodeId);

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
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    // Codes whose file failed to parse: references to them are not reported again, so
    // one typo gives one error, not one per file that mentions the code.
    let mut unparsed = HashSet::new();
    for path in yaml_files(content_dir)? {
        match parse_code_file(&path) {
            Ok(p) => parsed.push(p),
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
    let known: HashMap<&CodeId, Family> = parsed
        .iter()
        .map(|p| (&p.raw.code.0, p.raw.family))
        .collect();
    for p in &parsed {
        problems.extend(validate_code(p, &known, &unparsed));
    }
    let mut codes: Vec<Code> = parsed.iter().map(|p| to_code(p, source_locale)).collect();
    codes.dedup_by(|a, b| a.id == b.id);
    for locale in locales.iter().filter(|l| l.as_str() != source_locale) {
        let dir = locales_dir.join(locale).join("codes");
        if let Err(e) = add_translations(&dir, locale, &mut codes, &unparsed) {
            problems.extend(e.diagnostics().iter().cloned());
            if let Error::Io { .. } = e {
                return Err(e);
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    link_companions(&mut codes);
    Ok(codes)
}

/// Every `.yaml`/`.yml` file below `dir`, sorted, so errors come in a stable order.
fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = files_below(dir)?;
    files.retain(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"));
    Ok(files)
}

fn parse_code_file(path: &Path) -> Result<Parsed> {
    let text = crate::error::fs::read_to_string(path)?;
    if let Some(problem) = Diagnostic::first_forbidden_char(path, &text) {
        return Err(Error::single(problem));
    }
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

fn validate_code(
    p: &Parsed,
    known: &HashMap<&CodeId, Family>,
    unparsed: &HashSet<String>,
) -> Vec<Diagnostic> {
    let raw = &p.raw;
    let id = &raw.code.0;
    let mut out = Vec::new();
    let mut problem = |at: Location, message: String| {
        out.push(Diagnostic::new(at, message).with_source(&p.text));
    };
    let stem = p.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != id.as_str() {
        problem(
            at(p, "code"),
            format!("code {id} is defined in a file named `{stem}`: name the file `{id}.yaml`"),
        );
    }
    if raw.family != id.family() {
        problem(
            at(p, "family"),
            format!(
                "family `{}` does not match code {id}, which is a {} code",
                raw.family.as_str(),
                id.family().as_str()
            ),
        );
    }
    match (id.family(), &raw.stages, &raw.basic) {
        (Family::Basic, None, _) => problem(
            at(p, "code"),
            "missing field `stages` (when in the session this reply is sent)".into(),
        ),
        (Family::Basic, Some(stages), _) if stages.is_empty() => {
            problem(at(p, "stages"), "`stages` must list at least one stage".into())
        }
        (Family::Basic, _, Some(_)) => problem(
            at(p, "basic"),
            "`basic` is for enhanced codes; a basic code's enhanced companions are found automatically".into(),
        ),
        (Family::Enhanced, _, None) => problem(
            at(p, "code"),
            "missing field `basic` (the basic reply codes this status code is sent with)".into(),
        ),
        (Family::Enhanced, Some(_), _) => problem(
            at(p, "stages"),
            "`stages` is for basic codes; an enhanced code lists its `basic` codes instead".into(),
        ),
        _ => {}
    }
    let (basic, related): (Vec<_>, Vec<_>) = (
        raw.basic
            .iter()
            .flatten()
            .filter(|c| !unparsed.contains(c.0.as_str()))
            .collect(),
        raw.related
            .iter()
            .filter(|c| !unparsed.contains(c.0.as_str()))
            .collect(),
    );
    for b in basic {
        match known.get(&b.0) {
            None => problem(
                at_value(p, "basic", b.0.as_str()),
                format!(
                    "`basic` names code {}, which is not defined in content/",
                    b.0
                ),
            ),
            Some(Family::Enhanced) => problem(
                at_value(p, "basic", b.0.as_str()),
                format!(
                    "`basic` must list basic reply codes; {} is an enhanced code",
                    b.0
                ),
            ),
            Some(Family::Basic) if !classes_agree(id, &b.0) => problem(
                at_value(p, "basic", b.0.as_str()),
                format!(
                    "{id} is a class {} status code but is paired with basic code {}",
                    id.class(),
                    b.0
                ),
            ),
            _ => {}
        }
    }
    for r in related {
        let location = at_value(p, "related", r.0.as_str());
        if &r.0 == id {
            problem(location, format!("code {id} lists itself as related"));
        } else if !known.contains_key(&r.0) {
            problem(
                location,
                format!(
                    "`related` names code {}, which is not defined in content/",
                    r.0
                ),
            );
        } else if r.0.family() != id.family() {
            problem(
                location,
                format!("related code {} is not of the same family as {id}", r.0),
            );
        }
    }
    if raw.rfcs.is_empty() {
        problem(at(p, "rfcs"), "`rfcs` must name at least one RFC".into());
    }
    if raw.samples.is_empty() || raw.samples.len() > MAX_SAMPLES {
        problem(
            at(p, "samples"),
            format!("give between 1 and {MAX_SAMPLES} sample replies"),
        );
    }
    for (field, value) in [
        ("name", &raw.name),
        ("summary", &raw.summary),
        ("action", &raw.action),
        ("description", &raw.description),
        ("when", &raw.when),
        ("fix", &raw.fix),
    ] {
        if value.trim().is_empty() {
            problem(at(p, field), format!("`{field}` is empty"));
        }
    }
    let samples = raw.samples.iter().map(|s| ("samples", s.as_str()));
    for (field, value) in prose_values(&raw_prose_of(raw)).chain(samples) {
        if let Some(message) = text_value_problem(field, value) {
            problem(at(p, field), message);
        }
    }
    for section in raw.rfcs.iter().flat_map(|r| &r.sections) {
        if !is_section_number(section) {
            problem(
                at_value(p, "rfcs", section),
                format!(
                    "`{}` is not an RFC section number such as `4.2.3` or `A.1`",
                    section.escape_debug()
                ),
            );
        }
    }
    out
}

fn raw_prose_of(raw: &RawCode) -> RawProse {
    RawProse {
        translated_from: BTreeMap::new(),
        name: Some(raw.name.clone()),
        summary: Some(raw.summary.clone()),
        action: Some(raw.action.clone()),
        description: Some(raw.description.clone()),
        when: Some(raw.when.clone()),
        fix: Some(raw.fix.clone()),
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
fn text_value_problem(field: &str, value: &str) -> Option<String> {
    if let Some((c, kind)) = value
        .chars()
        .find_map(|c| text::forbidden_char(c).map(|kind| (c, kind)))
    {
        return Some(format!(
            "`{field}` contains the {kind} {} (written as an escape): remove it",
            text::describe_char(c)
        ));
    }
    let inline_only = matches!(field, "summary" | "action");
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
    let prose = Prose {
        name: Some(raw.name.trim().to_owned()),
        summary: Some(raw.summary.clone()),
        action: Some(raw.action.clone()),
        description: Some(raw.description.clone()),
        when: Some(raw.when.clone()),
        fix: Some(raw.fix.clone()),
        translated_from: BTreeMap::new(),
    };
    Code {
        id: raw.code.0.clone(),
        rfcs: raw
            .rfcs
            .iter()
            .map(|r| RfcRef {
                number: r.number,
                sections: r.sections.clone(),
            })
            .collect(),
        stages: raw.stages.iter().flatten().map(|s| s.0).collect(),
        companions: raw.basic.iter().flatten().map(|c| c.0.clone()).collect(),
        related: raw.related.iter().map(|c| c.0.clone()).collect(),
        samples: raw.samples.clone(),
        prose: BTreeMap::from([(source_locale.to_owned(), prose)]),
        source: p.path.clone(),
    }
}

/// Reads `dir/<code>.yaml` translations into `codes`. A missing directory is fine (the
/// locale has no prose translated yet); a file for a code that does not exist is an error,
/// because it is almost always a typo in the file name.
fn add_translations(
    dir: &Path,
    locale: &str,
    codes: &mut [Code],
    unparsed: &HashSet<String>,
) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let mut problems = Vec::new();
    for path in yaml_files(dir)? {
        let text = crate::error::fs::read_to_string(&path)?;
        if let Some(problem) = Diagnostic::first_forbidden_char(&path, &text) {
            problems.push(problem);
            continue;
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let Some(code) = codes.iter_mut().find(|c| c.id.as_str() == stem) else {
            if unparsed.contains(stem) {
                continue;
            }
            problems.push(Diagnostic::new(
                Location::new(&path, 1, 1),
                format!(
                    "translation for `{}`, but no such code is defined in content/",
                    stem.escape_debug()
                ),
            ));
            continue;
        };
        let raw: RawProse = match yaml::parse(&path, &text) {
            Ok(raw) => raw,
            Err(e) => {
                problems.extend(e.diagnostics().iter().cloned());
                continue;
            }
        };
        for (field, value) in prose_values(&raw) {
            if let Some(message) = text_value_problem(field, value) {
                let (line, col) = text::locate_yaml_key(&text, field);
                problems.push(
                    Diagnostic::new(Location::new(&path, line, col), message).with_source(&text),
                );
            }
        }
        let prose = Prose {
            name: raw.name.map(|n| n.trim().to_owned()),
            summary: raw.summary,
            action: raw.action,
            description: raw.description,
            when: raw.when,
            fix: raw.fix,
            translated_from: raw.translated_from,
        };
        for key in prose.translated_from.keys() {
            if !ProseField::ALL.iter().any(|f| f.as_str() == key) {
                let (line, col) = text::locate_text(&text, &format!("{key}:")).unwrap_or((1, 1));
                problems.push(
                    Diagnostic::new(
                        Location::new(&path, line, col),
                        format!("`translated_from` names `{key}`, which is not a prose field"),
                    )
                    .with_source(&text),
                );
            }
        }
        for field in ProseField::ALL {
            if prose.get(field).is_some_and(|v| v.trim().is_empty()) {
                let (line, col) = text::locate_yaml_key(&text, field.as_str());
                problems.push(
                    Diagnostic::new(
                        Location::new(&path, line, col),
                        format!(
                            "`{}` is empty: translate it or remove the key to fall back",
                            field.as_str()
                        ),
                    )
                    .with_source(&text),
                );
            }
        }
        code.prose.insert(locale.to_owned(), prose);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// An enhanced code's class must agree with the basic reply it travels with: a 5.X.X
/// status in a 250 reply contradicts itself. Success (2.X.X) may also accompany 3xx.
fn classes_agree(enhanced: &CodeId, basic: &CodeId) -> bool {
    match enhanced.class() {
        2 => matches!(basic.class(), 2 | 3),
        class => basic.class() == class,
    }
}

/// Gives each basic code the enhanced codes that name it, so both directions can be shown.
fn link_companions(codes: &mut [Code]) {
    let mut reverse: HashMap<CodeId, Vec<CodeId>> = HashMap::new();
    for code in codes.iter().filter(|c| c.id.family() == Family::Enhanced) {
        for basic in &code.companions {
            reverse
                .entry(basic.clone())
                .or_default()
                .push(code.id.clone());
        }
    }
    for code in codes.iter_mut().filter(|c| c.id.family() == Family::Basic) {
        if let Some(mut enhanced) = reverse.remove(&code.id) {
            enhanced.sort();
            code.companions = enhanced;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "code: \"251\"\nfamily: basic\nstages: [rcpt]\nname: User Not Local\nrfcs:\n  - number: 5321\n    sections: [\"4.2.3\"]\nrelated: []\nsamples:\n  - \"251 ok\"\nsummary: S.\naction: A.\ndescription: D.\nwhen: W.\nfix: F.\n";

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
        assert_eq!((d.at.line, d.at.col), (13, 15), "{d}");
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
        assert_eq!((d.at.line, d.at.col), (11, 1), "{d}");
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
}
