//! The translator's tools on top of the build: `check` (every locale compared with the
//! source, in text or as GitHub annotations) and `stamp` (record which English text a
//! translation matches). The comparison itself is part of loading: see
//! [`crate::load::translations`].

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, ToolError};
use crate::load::translations::Translatable;
pub use crate::load::translations::{CheckReport, Coverage, Finding, Severity, check_site};
use crate::load::{Site, StaticSource};
use crate::model::prose_hash;
use crate::render::Rendered;

/// Loads and checks the site at `root`, running every validation `build` runs short of
/// writing: the input files are read as the build reads them, then loaded, planned, and
/// every page rendered in memory. Problems with a place in a file become error findings,
/// so one run lists everything; an error without one (an unreadable file, say) is
/// returned as it is, as `build` would stop with it.
///
/// When some files have problems, the translations of everything that did load are still
/// compared, so the report holds every error, then every warning, then the coverage.
pub fn check_root(root: &Path) -> Result<CheckReport, Error> {
    crate::load::fingerprint::InputFiles::hash(root)?;
    let crate::load::Partial {
        value: site,
        problems,
    } = crate::load::load_site_partial(root, None)?;
    let mut report = errors_only(problems);
    report
        .findings
        .extend(site.translations.findings.iter().cloned());
    report.coverage = site.translations.coverage.clone();
    // `build` stops at these errors; rendering past them repeats them, or renders a site
    // that is not all there.
    if report.count(Severity::Error) == 0 {
        match render_in_memory(&site) {
            Ok(()) => {}
            Err(Error::Invalid(diagnostics)) => {
                report.findings.extend(errors_only(diagnostics).findings)
            }
            Err(other) => return Err(other),
        }
    }
    // Errors first: a stable sort keeps each kind in the order it was found.
    report.findings.sort_by_key(|finding| finding.severity);
    Ok(report)
}

fn errors_only(diagnostics: Vec<Diagnostic>) -> CheckReport {
    CheckReport {
        findings: diagnostics
            .into_iter()
            .map(|diagnostic| Finding {
                severity: Severity::Error,
                diagnostic,
            })
            .collect(),
        coverage: Vec::new(),
    }
}

/// Plans the site and renders every page as `build` does, keeping nothing. The located
/// problems of all pages are gathered (each once: one template error shows on many pages).
fn render_in_memory(site: &Site) -> Result<(), Error> {
    let plan = crate::plan::plan(site)?;
    let renderer = crate::render::Renderer::new(site, &plan)?;
    let results: Vec<Result<(), Error>> = plan
        .routes
        .par_iter()
        .map(|route| match renderer.render(route)? {
            Rendered::Copy(StaticSource::File(path)) => std::fs::read(path)
                .map(drop)
                .map_err(|e| Error::io(path, e)),
            _ => Ok(()),
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(()) => {}
            Err(Error::Invalid(found)) => {
                for d in found {
                    if !diagnostics.contains(&d) {
                        diagnostics.push(d);
                    }
                }
            }
            Err(other) => return Err(other),
        }
    }
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(diagnostics))
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

/// Records, in each translation file of `lang` (only `codes` if given), the fingerprint of
/// the English text its fields now correspond to. Run it after updating a translation; it
/// is what lets `check` report the translation stale when the English changes later.
/// Returns the files changed.
pub fn stamp(site: &Site, lang: &str, ids: &[String]) -> Result<Vec<PathBuf>, Error> {
    let mut changed = Vec::new();
    for unit in translatables(site, lang, ids)? {
        let path = unit.file(&site.root, lang);
        if unit.stamps(lang).is_none() {
            continue;
        }
        let mut block = String::from("translated_from:\n");
        for &field in unit.fields() {
            if unit.text(lang, field).is_some() {
                let english = unit.text(&site.config.default_locale, field);
                let hash = prose_hash(english.unwrap_or_default());
                block.push_str(&format!("  {field}: \"{hash}\"\n"));
            }
        }
        let old = crate::error::fs::read_to_string(&path)?;
        let new = replace_top_level_block(&old, "translated_from", &block);
        if new != old {
            crate::error::fs::write(&path, new.as_bytes())?;
            changed.push(path);
        }
    }
    Ok(changed)
}

/// What `stamp` and `translate` work on: the units `ids` names (every one if none), once
/// `lang` is known to be a translation of the site; an id that names nothing is an error,
/// not a silent no-op.
fn translatables<'s>(
    site: &'s Site,
    lang: &str,
    ids: &[String],
) -> Result<Vec<Translatable<'s>>, Error> {
    if lang == site.config.default_locale {
        return Err(ToolError::StampSource {
            lang: lang.to_owned(),
        }
        .into());
    }
    if !site.config.locales.iter().any(|l| l.code == lang) {
        return Err(ToolError::UnknownLocale {
            lang: lang.to_owned(),
        }
        .into());
    }
    let units = Translatable::all(site);
    if let Some(unknown) = ids.iter().find(|id| !units.iter().any(|u| u.id() == **id)) {
        return Err(ToolError::UnknownTranslatable {
            id: unknown.clone(),
        }
        .into());
    }
    Ok(units
        .into_iter()
        .filter(|unit| ids.is_empty() || ids.contains(&unit.id()))
        .collect())
}

/// What [`start_translation`] did: the files it wrote, and those it left alone because a
/// translation was already there.
#[derive(Debug, Default)]
pub struct Started {
    pub written: Vec<PathBuf>,
    pub existing: Vec<PathBuf>,
}

/// Starts translations into `lang` of the codes or comparisons `ids` (`550`,
/// `450-vs-550`): writes the file each translation lives in, holding the fields a
/// translator translates, in English, as the English file writes them. A field still in
/// English counts as not translated and is shown in English, so the file can be translated
/// one field at a time. A file that exists is never overwritten.
pub fn start_translation(site: &Site, lang: &str, ids: &[String]) -> Result<Started, Error> {
    let mut started = Started::default();
    for unit in translatables(site, lang, ids)? {
        let id = unit.id();
        let path = unit.file(&site.root, lang);
        if path.exists() {
            started.existing.push(path);
            continue;
        }
        let english = crate::error::fs::read_to_string(unit.source())?;
        let source = unit
            .source()
            .strip_prefix(&site.root)
            .unwrap_or(unit.source());
        let mut text = format!(
            "# The {lang} text of {}. Translate each field below; a field still in English\n\
             # is shown in English. Then record it: cargo run -- stamp {lang} {id}\n",
            source.display()
        );
        text.push_str(&top_level_blocks(&english, unit.fields()));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        crate::error::fs::write(&path, text.as_bytes())?;
        started.written.push(path);
    }
    Ok(started)
}

/// The lines of the top-level YAML keys `keys` (each key line and the indented lines of
/// its value), in the order the text has them.
fn top_level_blocks(text: &str, keys: &[&str]) -> String {
    let mut out = String::new();
    let mut keeping = false;
    for line in text.split_inclusive('\n') {
        let indented = line.starts_with([' ', '\t']) || line.trim().is_empty();
        if !indented {
            keeping = keys.iter().any(|key| {
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            });
        }
        if keeping {
            out.push_str(line);
        }
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
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
mod tests {
    use super::*;
    use crate::error::Location;

    #[test]
    fn annotations_escape_newlines_and_separators() {
        let finding = Finding {
            severity: Severity::Error,
            diagnostic: crate::error::Diagnostic::new(
                Location::new("locales/ja/a,b.ftl", 3, 7),
                "bad\nthing 100%",
            ),
        };
        assert_eq!(
            github_annotation(&finding),
            "::error file=locales/ja/a%2Cb.ftl,line=3,col=7::bad%0Athing 100%25"
        );
    }

    #[test]
    fn a_translation_starts_from_the_prose_keys_only() {
        let english = "code: \"550\"\nname: Mailbox unavailable\nsources:\n  - rfc: 5321\n\
                       # facts: a comment\nsummary: >-\n  One\n\n  two.\nfix: |\n  - a\nstages: [rcpt]\n";
        assert_eq!(
            top_level_blocks(english, &["name", "summary", "fix"]),
            "name: Mailbox unavailable\nsummary: >-\n  One\n\n  two.\nfix: |\n  - a\n"
        );
    }

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
