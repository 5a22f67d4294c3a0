//! Translator checks: every locale compared with the default (source) locale. Used by the
//! `check` command, by `build` (warnings, `--strict`) and for the translation-status page.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Diagnostic, Error, Location};
use crate::load::Site;
use crate::load::locales::LocaleMessages;
use crate::load::text;
use crate::model::{ProseField, prose_hash};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub diagnostic: Diagnostic,
}

/// How much of one locale is translated: Fluent messages and code prose fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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

/// Loads and checks the site at `root`. Loading problems (syntax, schema, references)
/// become error findings, so one run lists everything.
pub fn check_root(root: &Path) -> Result<CheckReport, Error> {
    match crate::load::load_site(root) {
        Ok(site) => Ok(check_site(&site)),
        Err(Error::Invalid(diagnostics)) => Ok(CheckReport {
            findings: diagnostics
                .into_iter()
                .map(|diagnostic| Finding {
                    severity: Severity::Error,
                    diagnostic,
                })
                .collect(),
            coverage: Vec::new(),
        }),
        Err(other) => Err(other),
    }
}

/// Compares every non-default locale of a loaded site with the default locale.
pub fn check_site(site: &Site) -> CheckReport {
    let mut report = CheckReport::default();
    let Some(source) = site.localizer.messages(&site.config.default_locale) else {
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
            if let Some(messages) = site.localizer.messages(&locale.code) {
                compare_messages(source, messages, &mut coverage, &mut report.findings);
            }
            compare_prose(site, &locale.code, &mut coverage, &mut report.findings);
        } else {
            coverage.messages = source.message_ids().len();
            coverage.messages_translated = coverage.messages;
            coverage.prose = site.codes.len() * ProseField::ALL.len();
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
        findings.push(warning(
            at.clone(),
            format!("obsolete message `{id}`: English no longer has it; remove it"),
        ));
    }
}

fn list_variables(variables: &BTreeSet<String>) -> String {
    if variables.is_empty() {
        return "none".into();
    }
    let shown: Vec<String> = variables.iter().map(|v| format!("{{ ${v} }}")).collect();
    shown.join(", ")
}

/// `locales/{lang}/codes/{code}.yaml`: where a locale's prose for one code lives.
fn translated_prose_file(site: &Site, lang: &str, code: &crate::model::Code) -> PathBuf {
    site.root
        .join("locales")
        .join(lang)
        .join("codes")
        .join(format!("{}.yaml", code.id))
}

fn compare_prose(site: &Site, lang: &str, coverage: &mut Coverage, findings: &mut Vec<Finding>) {
    let default = &site.config.default_locale;
    for code in &site.codes {
        let file = translated_prose_file(site, lang, code);
        let file_text = std::fs::read_to_string(&file).unwrap_or_default();
        let locate = |key: &str| {
            let (line, col) = if file_text.is_empty() {
                (1, 1)
            } else {
                text::locate_yaml_key(&file_text, key)
            };
            Location::new(&file, line, col)
        };
        let english = code.prose.get(default);
        let translated = code.prose.get(lang);
        let mut missing = Vec::new();
        for field in ProseField::ALL {
            coverage.prose += 1;
            let source = english.and_then(|p| p.get(field)).unwrap_or_default();
            let Some(prose) = translated.filter(|p| p.get(field).is_some()) else {
                coverage.prose_missing += 1;
                missing.push(field.as_str());
                continue;
            };
            match prose.translated_from.get(field.as_str()) {
                Some(hash) if *hash == prose_hash(source) => coverage.prose_translated += 1,
                Some(_) => {
                    coverage.prose_stale += 1;
                    findings.push(warning(
                        locate(field.as_str()),
                        format!(
                            "{}: `{}` is stale: the English text changed after it was translated \
                             (see `git log -p {}`); update it, then run `stamp {lang} {}`",
                            code.id,
                            field.as_str(),
                            relative(&site.root, &code.source).display(),
                            code.id
                        ),
                    ));
                }
                None => {
                    coverage.prose_stale += 1;
                    findings.push(warning(
                        locate(field.as_str()),
                        format!(
                            "{}: `{}` has no `translated_from` stamp, so it cannot be known to match \
                             the English; check it, then run `stamp {lang} {}`",
                            code.id,
                            field.as_str(),
                            code.id
                        ),
                    ));
                }
            }
        }
        if !missing.is_empty() {
            findings.push(warning(
                Location::new(&file, 1, 1),
                format!(
                    "{}: not translated yet: {}; English is shown instead",
                    code.id,
                    missing.join(", ")
                ),
            ));
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

/// One GitHub Actions workflow command per finding, so a pull request shows each problem
/// on its line. Paths are made relative to `root`'s parent directory as given.
pub fn github_annotation(finding: &Finding) -> String {
    let kind = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let at = &finding.diagnostic.at;
    let path = at.path.to_string_lossy();
    let path = path.strip_prefix("./").unwrap_or(&path);
    format!(
        "::{kind} file={},line={},col={}::{}",
        escape_property(path),
        at.line,
        at.col,
        escape_data(&finding.diagnostic.message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The coverage table `check` prints.
pub fn coverage_table(coverage: &[Coverage]) -> String {
    let mut out =
        String::from("locale      messages  missing  obsolete    prose  stale  missing   done\n");
    for c in coverage {
        out.push_str(&format!(
            "{:<10} {:>4}/{:<4} {:>7} {:>9} {:>5}/{:<4} {:>5} {:>8} {:>5}%{}\n",
            c.locale,
            c.messages_translated,
            c.messages,
            c.messages_missing,
            c.messages_obsolete,
            c.prose_translated,
            c.prose,
            c.prose_stale,
            c.prose_missing,
            c.percent(),
            if c.draft { "  (draft)" } else { "" }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_escape_newlines_and_separators() {
        let finding = error(
            Location::new("locales/ja/a,b.ftl", 3, 7),
            "bad\nthing 100%".into(),
        );
        assert_eq!(
            github_annotation(&finding),
            "::error file=locales/ja/a%2Cb.ftl,line=3,col=7::bad%0Athing 100%25"
        );
    }

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

/// Records, in each translation file of `lang` (only `codes` if given), the fingerprint of
/// the English text its fields now correspond to. Run it after updating a translation; it
/// is what lets `check` report the translation stale when the English changes later.
/// Returns the files changed.
pub fn stamp(site: &Site, lang: &str, codes: &[String]) -> Result<Vec<PathBuf>, Error> {
    if lang == site.config.default_locale {
        return Err(Error::Other(format!(
            "`{lang}` is the source locale; only translations are stamped"
        )));
    }
    let mut changed = Vec::new();
    for code in &site.codes {
        if !codes.is_empty() && !codes.iter().any(|c| c == code.id.as_str()) {
            continue;
        }
        let (Some(english), Some(translated)) = (
            code.prose.get(&site.config.default_locale),
            code.prose.get(lang),
        ) else {
            continue;
        };
        let mut block = String::from("translated_from:\n");
        for field in ProseField::ALL {
            if translated.get(field).is_some() {
                let hash = prose_hash(english.get(field).unwrap_or_default());
                block.push_str(&format!("  {}: \"{hash}\"\n", field.as_str()));
            }
        }
        let path = translated_prose_file(site, lang, code);
        let old = crate::error::fs::read_to_string(&path)?;
        let new = replace_top_level_block(&old, "translated_from", &block);
        if new != old {
            crate::error::fs::write(&path, new.as_bytes())?;
            changed.push(path);
        }
    }
    Ok(changed)
}

/// Replaces the top-level YAML key `key` and its indented lines with `block` (appended at
/// the end if the key is absent), leaving every other line as the translator wrote it.
fn replace_top_level_block(text: &str, key: &str, block: &str) -> String {
    let mut out = String::with_capacity(text.len() + block.len());
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        let top_level = !line.starts_with([' ', '\t', '#', '\n', '\r']);
        if top_level {
            skipping = line
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'));
        }
        if !skipping {
            out.push_str(line);
        }
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(block);
    out
}

#[cfg(test)]
mod stamp_tests {
    use super::replace_top_level_block;

    #[test]
    fn the_stamp_block_is_replaced_in_place_of_the_old_one() {
        let text = "name: x\ntranslated_from:\n  name: \"1\"\n  fix: \"2\"\nfix: |\n  y\n";
        assert_eq!(
            replace_top_level_block(text, "translated_from", "translated_from:\n  name: \"3\"\n"),
            "name: x\nfix: |\n  y\ntranslated_from:\n  name: \"3\"\n"
        );
        assert_eq!(
            replace_top_level_block("name: x", "translated_from", "translated_from: {}\n"),
            "name: x\ntranslated_from: {}\n"
        );
    }
}
