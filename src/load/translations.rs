//! Translator checks: every locale compared with the default (source) locale, done as part
//! of loading. Used by the `check` command, by `build` (warnings, `--strict`) and for the
//! translation-status page.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error, Location};
use crate::load::Site;
use crate::load::locales::LocaleMessages;
use std::collections::BTreeMap;

use super::comparisons;
use super::glossary::{self, Glossary};
use crate::model::{
    COMPARISON_FIELDS, Code, Comparison, GROUP_FIELDS, Group, PROSE_FIELD_NAMES, ProviderEntry,
    prose_hash,
};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub diagnostic: Diagnostic,
}

/// How much of one locale is translated: Fluent messages and code prose fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub locale: String,
    pub name: String,
    pub draft: bool,
    pub messages: usize,
    pub messages_translated: usize,
    pub messages_missing: usize,
    pub messages_obsolete: usize,
    pub prose: usize,
    pub prose_translated: usize,
    pub prose_stale: usize,
    pub prose_missing: usize,
}

impl Coverage {
    /// Up-to-date share of everything a reader sees, in whole percent (rounded down, so
    /// 100 means complete).
    pub fn percent(&self) -> usize {
        let total = self.messages + self.prose;
        let done = self.messages_translated + self.prose_translated;
        (done * 100).checked_div(total).unwrap_or(100)
    }

    pub fn is_complete(&self) -> bool {
        self.messages_missing == 0
            && self.messages_obsolete == 0
            && self.prose_stale == 0
            && self.prose_missing == 0
    }
}

#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub findings: Vec<Finding>,
    pub coverage: Vec<Coverage>,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Compares every non-default locale of a loaded site with the default locale.
pub fn check_site(site: &Site) -> CheckReport {
    let mut report = CheckReport::default();
    let Some(source) = site.locale_messages(&site.config.default_locale) else {
        return report;
    };
    for locale in &site.config.locales {
        let mut coverage = Coverage {
            locale: locale.code.clone(),
            name: locale.name.clone(),
            draft: locale.draft,
            ..Coverage::default()
        };
        if locale.code != site.config.default_locale {
            if let Some(messages) = site.locale_messages(&locale.code) {
                compare_messages(source, messages, &mut coverage, &mut report.findings);
            }
            compare_prose(site, &locale.code, &mut coverage, &mut report.findings);
            suspicious_text(site, &locale.code, &mut report.findings);
        } else {
            coverage.messages = source.message_ids().len();
            coverage.messages_translated = coverage.messages;
            coverage.prose = Translatable::all(site)
                .iter()
                .map(|u| u.fields().len())
                .sum();
            coverage.prose_translated = coverage.prose;
        }
        report.coverage.push(coverage);
    }
    report
}

fn compare_messages(
    source: &LocaleMessages,
    target: &LocaleMessages,
    coverage: &mut Coverage,
    findings: &mut Vec<Finding>,
) {
    let fallback_file = target
        .defined_at
        .values()
        .map(|l| l.path.clone())
        .min()
        .unwrap_or_else(|| PathBuf::from(format!("locales/{}", target.code)));
    let ids = source.message_ids();
    coverage.messages = ids.len();
    for id in &ids {
        let (Some(wanted), Some(at)) = (source.shapes.get(*id), target.defined_at.get(*id)) else {
            coverage.messages_missing += 1;
            let english = &source.defined_at[*id];
            findings.push(warning(
                Location::new(&fallback_file, 1, 1),
                format!(
                    "missing message `{id}` (defined in English at {english}); English is shown instead"
                ),
            ));
            continue;
        };
        let got = target.shapes.get(*id).cloned().unwrap_or_default();
        let mut ok = true;
        for unknown in got.variables.difference(&wanted.variables) {
            ok = false;
            findings.push(error(
                at.clone(),
                format!(
                    "`{id}` uses {{ ${unknown} }}, which English does not provide (English uses {})",
                    list_variables(&wanted.variables)
                ),
            ));
        }
        for dropped in wanted.variables.difference(&got.variables) {
            ok = false;
            findings.push(warning(
                at.clone(),
                format!("`{id}` does not use {{ ${dropped} }}, which English shows"),
            ));
        }
        for attribute in wanted.attributes.difference(&got.attributes) {
            ok = false;
            findings.push(warning(
                at.clone(),
                format!("`{id}` lacks the attribute `.{attribute}`"),
            ));
        }
        for attribute in got.attributes.difference(&wanted.attributes) {
            ok = false;
            findings.push(warning(
                at.clone(),
                format!("`{id}` has the attribute `.{attribute}`, which English no longer has"),
            ));
        }
        if ok && got.text == wanted.text && !got.same_as_english {
            ok = false;
            findings.push(warning(
                at.clone(),
                format!(
                    "`{id}` is the English text: translate it, or, if it is meant to read the \
                     same (a code literal, a product name), put `# same as English` on the \
                     line above it"
                ),
            ));
        }
        if ok {
            coverage.messages_translated += 1;
        }
    }
    let known: BTreeSet<&str> = ids.iter().copied().collect();
    let mut obsolete: Vec<(&str, &Location)> = target
        .message_ids()
        .into_iter()
        .filter(|id| !known.contains(id))
        .map(|id| (id, &target.defined_at[id]))
        .collect();
    obsolete.sort_by(|a, b| a.1.path.cmp(&b.1.path).then(a.1.line.cmp(&b.1.line)));
    for (id, at) in obsolete {
        coverage.messages_obsolete += 1;
        if target
            .shapes
            .get(id)
            .is_some_and(|shape| shape.same_as_english)
        {
            findings.push(error(
                at.clone(),
                format!(
                    "`{id}` is marked `# same as English`, but English has no message `{id}`: \
                     check the id, or remove the message"
                ),
            ));
        } else {
            findings.push(warning(
                at.clone(),
                format!("obsolete message `{id}`: English no longer has it; remove it"),
            ));
        }
    }
}

fn list_variables(variables: &BTreeSet<String>) -> String {
    if variables.is_empty() {
        return "none".into();
    }
    let shown: Vec<String> = variables.iter().map(|v| format!("{{ ${v} }}")).collect();
    shown.join(", ")
}

/// Something with prose that a locale translates in a file of its own: a code
/// (`locales/{lang}/codes/`), a hand-written comparison of two codes (`pairs/`), or a
/// class or subject page of RFC 3463 (`groups/`), or a provider entry (`providers/`).
pub enum Translatable<'s> {
    Code(&'s Code),
    Comparison(&'s Comparison, &'s Site),
    Group(&'s Group),
    Provider(&'s ProviderEntry),
}

impl<'s> Translatable<'s> {
    /// Every one of the site's, codes first, then comparisons, groups, provider entries.
    pub fn all(site: &'s Site) -> Vec<Translatable<'s>> {
        site.codes
            .iter()
            .map(Translatable::Code)
            .chain(
                site.comparisons
                    .iter()
                    .map(|c| Translatable::Comparison(c, site)),
            )
            .chain(site.groups.iter().map(Translatable::Group))
            .chain(site.provider_entries.iter().map(Translatable::Provider))
            .collect()
    }

    /// `550`, `450-vs-550`, `5.X.XXX` or `microsoft-4.7.650`: the name of its files and
    /// what `stamp` accepts.
    pub fn id(&self) -> String {
        match self {
            Translatable::Code(code) => code.id.to_string(),
            Translatable::Comparison(c, site) => {
                comparisons::file_stem(&site.codes[c.a].id, &site.codes[c.b].id)
            }
            Translatable::Group(group) => group.id.name(),
            Translatable::Provider(entry) => entry.id.clone(),
        }
    }

    /// The file that holds its translation into `lang`.
    pub fn file(&self, root: &Path, lang: &str) -> PathBuf {
        let dir = match self {
            Translatable::Code(_) => super::codes::CODES_DIR,
            Translatable::Comparison(..) => comparisons::PAIRS_DIR,
            Translatable::Group(_) => super::groups::GROUPS_DIR,
            Translatable::Provider(_) => super::providers::PROVIDERS_DIR,
        };
        root.join("locales")
            .join(lang)
            .join(dir)
            .join(format!("{}.yaml", self.id()))
    }

    /// The English file.
    pub fn source(&self) -> &'s Path {
        match self {
            Translatable::Code(code) => &code.source,
            Translatable::Comparison(c, _) => &c.source,
            Translatable::Group(group) => &group.source,
            Translatable::Provider(entry) => &entry.source,
        }
    }

    pub fn fields(&self) -> &'static [&'static str] {
        match self {
            Translatable::Code(_) | Translatable::Provider(_) => &PROSE_FIELD_NAMES,
            Translatable::Comparison(..) => &COMPARISON_FIELDS,
            Translatable::Group(_) => &GROUP_FIELDS,
        }
    }

    /// The text of `field` in `lang`, if that locale has it.
    pub fn text(&self, lang: &str, field: &str) -> Option<&'s str> {
        match self {
            Translatable::Code(code) => code.prose.get(lang)?.get_named(field),
            Translatable::Comparison(c, _) => c.prose.get(lang)?.get(field),
            Translatable::Group(group) => group.prose.get(lang)?.get(field),
            Translatable::Provider(entry) => entry.prose.get(lang)?.get_named(field),
        }
    }

    /// The `translated_from` stamps of its translation into `lang`.
    pub fn stamps(&self, lang: &str) -> Option<&'s BTreeMap<String, String>> {
        match self {
            Translatable::Code(code) => code.prose.get(lang).map(|p| &p.translated_from),
            Translatable::Comparison(c, _) => c.prose.get(lang).map(|p| &p.translated_from),
            Translatable::Group(group) => group.prose.get(lang).map(|p| &p.translated_from),
            Translatable::Provider(entry) => entry.prose.get(lang).map(|p| &p.translated_from),
        }
    }
}

fn compare_prose(site: &Site, lang: &str, coverage: &mut Coverage, findings: &mut Vec<Finding>) {
    let default = &site.config.default_locale;
    for unit in Translatable::all(site) {
        let id = unit.id();
        let file = unit.file(&site.root, lang);
        let file_text = std::fs::read_to_string(&file).unwrap_or_default();
        let locate = |key: &str| {
            let (line, col) = if file_text.is_empty() {
                (1, 1)
            } else {
                text::locate_yaml_key(&file_text, key)
            };
            Location::new(&file, line, col)
        };
        let stamps = unit.stamps(lang);
        let mut missing = Vec::new();
        for &field in unit.fields() {
            coverage.prose += 1;
            let source = unit.text(default, field).unwrap_or_default();
            if unit.text(lang, field).is_none() {
                coverage.prose_missing += 1;
                missing.push(field);
                continue;
            }
            match stamps.and_then(|s| s.get(field)) {
                Some(hash) if *hash == prose_hash(source) => coverage.prose_translated += 1,
                Some(_) => {
                    coverage.prose_stale += 1;
                    findings.push(warning(
                        locate(field),
                        format!(
                            "{id}: `{field}` is stale: the English text changed after it was \
                             translated (see `git log -p {}`); update it, then run `stamp {lang} {id}`",
                            relative(&site.root, unit.source()).display(),
                        ),
                    ));
                }
                None => {
                    coverage.prose_stale += 1;
                    findings.push(warning(
                        locate(field),
                        format!(
                            "{id}: `{field}` has no `translated_from` stamp, so it cannot be known \
                             to match the English; check it, then run `stamp {lang} {id}`"
                        ),
                    ));
                }
            }
        }
        if !missing.is_empty() {
            findings.push(warning(
                Location::new(&file, 1, 1),
                format!(
                    "{id}: not translated yet: {}; English is shown instead",
                    missing.join(", ")
                ),
            ));
        }
    }
}

/// Warns, at file:line:col, about what a translation of `lang` (its Fluent messages, code
/// and comparison prose) holds that the pages neutralize without a word: see
/// [`text::suspicious_in_line`]. Comment lines are left alone.
fn suspicious_text(site: &Site, lang: &str, findings: &mut Vec<Finding>) {
    let dir = site.root.join("locales").join(lang);
    let glossary = match Glossary::load(&dir) {
        Ok(glossary) => glossary,
        Err(Error::Invalid(diagnostics)) => {
            findings.extend(diagnostics.into_iter().map(|diagnostic| Finding {
                severity: Severity::Error,
                diagnostic,
            }));
            None
        }
        Err(other) => {
            findings.push(error(
                Location::new(dir.join(glossary::FILE), 1, 1),
                other.to_string(),
            ));
            None
        }
    };
    // Loading has read (and reported) every one of these files already.
    let files = super::files_below(&dir).unwrap_or_default();
    let translations = files.iter().filter(|p| {
        p.extension()
            .is_some_and(|x| x == "ftl" || x == "yaml" || x == "yml")
            && glossary.as_ref().is_none_or(|g| g.path != **p)
    });
    for path in translations {
        let Ok(source) = crate::error::fs::read_to_string(path) else {
            continue;
        };
        for (i, line) in source.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let mut found = text::suspicious_in_line(line);
            if let Some(glossary) = &glossary {
                found.extend(glossary.variants_in_line(line));
            }
            for (col, what) in found {
                let mut finding = warning(Location::new(path, i + 1, col), what);
                finding.diagnostic = finding.diagnostic.with_source(&source);
                findings.push(finding);
            }
        }
    }
}

fn relative<'a>(root: &Path, path: &'a Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}

fn warning(at: Location, message: String) -> Finding {
    Finding {
        severity: Severity::Warning,
        diagnostic: Diagnostic::new(at, message),
    }
}

fn error(at: Location, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        diagnostic: Diagnostic::new(at, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_down_so_100_means_complete() {
        let c = Coverage {
            messages: 100,
            messages_translated: 100,
            prose: 200,
            prose_translated: 199,
            prose_stale: 1,
            ..Coverage::default()
        };
        assert_eq!(c.percent(), 99);
        assert!(!c.is_complete());
    }
}
