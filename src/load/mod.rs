//! Stage 1: files → validated model. Everything the later stages need is read here, and
//! every problem in the input is reported here, together, with file, line and column.

pub mod codes;
pub mod comparisons;
pub mod config;
pub mod fingerprint;
pub mod glossary;
pub mod groups;
pub mod locales;
pub mod mentions;
pub mod providers;
pub mod templates;
pub mod translation_files;
pub mod translations;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Code, Comparison, Group, GroupId, Provider, ProviderEntry};
use config::Config;
use locales::LocaleMessages;
use templates::Templates;
use translations::CheckReport;

/// Everything a build needs, loaded and validated.
pub struct Site {
    /// The site root the files were read from.
    pub root: PathBuf,
    pub config: Config,
    /// Sorted by code (basic first, then enhanced; numerically).
    pub codes: Vec<Code>,
    /// Hand-written comparisons of two codes, sorted by their codes.
    pub comparisons: Vec<Comparison>,
    /// The class and subject pages of RFC 3463 the site has, sorted by id (classes first).
    pub groups: Vec<Group>,
    /// The providers of the provider family, in the order of content/providers.yaml
    /// (none when the file is absent).
    pub providers: Vec<Provider>,
    /// Provider entries, by provider (in that order), then by id.
    pub provider_entries: Vec<ProviderEntry>,
    /// Every locale's Fluent messages, in config order (the default locale first).
    pub locales: Vec<LocaleMessages>,
    pub templates: Templates,
    pub static_files: Vec<StaticFile>,
    /// Every translation compared with the source locale: findings and coverage.
    pub translations: CheckReport,
}

impl Site {
    /// The hand-written comparison of the codes at `a` and `b` (in either order), if any.
    pub fn comparison(&self, a: usize, b: usize) -> Option<&Comparison> {
        let key = (a.min(b), a.max(b));
        self.comparisons
            .binary_search_by_key(&key, |c| (c.a, c.b))
            .ok()
            .map(|i| &self.comparisons[i])
    }

    /// The class or subject page `id`, if the site has it.
    pub fn group(&self, id: GroupId) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The provider `id`, if the site declares it.
    pub fn provider(&self, id: &crate::model::ProviderId) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == *id)
    }

    /// The messages of locale `code`, if it is one of the site's.
    pub fn locale_messages(&self, code: &str) -> Option<&LocaleMessages> {
        self.locales.iter().find(|l| l.code == code)
    }
}

/// A file copied verbatim to the output.
pub struct StaticFile {
    /// Path below the output directory, with `/` separators.
    pub path: String,
    pub source: StaticSource,
}

pub enum StaticSource {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// Loads the site root. Problems from content, locales and templates are gathered and
/// reported in one error, so a contributor sees all of them in one run.
pub fn load_site(root: &Path) -> Result<Site> {
    load_site_at(root, None)
}

/// [`load_site`], published at `base_url` instead of site.yaml's when one is given (the
/// one place the base URL is decided: every later stage reads it from the config).
pub fn load_site_at(root: &Path, base_url: Option<&str>) -> Result<Site> {
    load_site_partial(root, base_url)?.into_result()
}

/// What loading produced: everything that could be read, and every problem met on the
/// way (none when the input is valid).
#[derive(Debug, Default)]
pub struct Partial<T> {
    pub value: T,
    pub problems: Vec<Diagnostic>,
}

impl<T> Partial<T> {
    /// The value if there was no problem; otherwise every problem, as one error.
    pub fn into_result(self) -> Result<T> {
        if self.problems.is_empty() {
            Ok(self.value)
        } else {
            Err(Error::Invalid(self.problems))
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Partial<U> {
        Partial {
            value: f(self.value),
            problems: self.problems,
        }
    }
}

/// Loads as much of the site as its files allow: every code, comparison and message that
/// parsed, with the problems of the rest. `check` uses it to report the translations (and
/// coverage) of what did load beside the errors; `build` never renders a site with problems
/// (see [`load_site_at`]), so templates that did not load are left empty here.
///
/// A check that needs a complete input is skipped when that input has problems, so one
/// mistake is reported once: which messages templates read (needs the templates and the
/// locales), and references to codes whose file did not parse.
pub fn load_site_partial(root: &Path, base_url: Option<&str>) -> Result<Partial<Site>> {
    let mut config = Config::load(root)?;
    if let Some(base_url) = base_url {
        config.override_base_url(base_url)?;
    }
    let locale_codes: Vec<String> = config.locales.iter().map(|l| l.code.clone()).collect();
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Error::io(
            &content_dir,
            std::io::Error::new(std::io::ErrorKind::NotFound, "content directory not found"),
        ));
    }
    let locales_dir = root.join("locales");
    let mut problems = Vec::new();
    let codes = codes::load_codes_partial(
        &content_dir,
        &locales_dir,
        &config.default_locale,
        &locale_codes,
    )?;
    problems.extend(codes.problems);
    let codes = codes.value;
    let locales = locales::load_locales_partial(&locales_dir, &locale_codes)?;
    let locales_complete = locales.problems.is_empty();
    problems.extend(locales.problems);
    let locales = locales.value;
    let templates = keep_problems(
        templates::load_templates(&root.join("templates")),
        &mut problems,
    )?;
    if let Some(templates) = templates.as_ref().filter(|_| locales_complete) {
        let read = interface_strings_defined(templates, &locales, &config.default_locale);
        keep_problems(read, &mut problems)?;
    }
    let comparisons = comparisons::load_comparisons(
        &content_dir,
        &locales_dir,
        &config.default_locale,
        &locale_codes,
        &codes,
    )?;
    problems.extend(comparisons.problems);
    let groups = groups::load_groups(
        &content_dir,
        &locales_dir,
        &config.default_locale,
        &locale_codes,
    )?;
    problems.extend(groups.problems);
    let english_ids = locales
        .iter()
        .find(|l| l.code == config.default_locale)
        .filter(|_| locales_complete)
        .map(|l| l.message_ids());
    let providers = providers::load_providers(
        &content_dir,
        &locales_dir,
        &config.default_locale,
        &locale_codes,
        english_ids.as_deref(),
        &codes,
    )?;
    problems.extend(providers.problems);
    let providers = providers.value;
    let mentions = mentions::check_mentions(
        &content_dir,
        &locales_dir,
        &locale_codes,
        &codes,
        &providers,
    );
    keep_problems(mentions, &mut problems)?;
    let static_files = static_files(&root.join("static"))?;
    let mut site = Site {
        root: root.to_owned(),
        config,
        codes: codes.codes,
        comparisons: comparisons.value,
        groups: groups.value,
        providers: providers.providers,
        provider_entries: providers.entries,
        locales,
        templates: templates.unwrap_or_else(Templates::none),
        static_files,
        translations: CheckReport::default(),
    };
    site.translations = translations::check_site(&site);
    Ok(Partial {
        value: site,
        problems,
    })
}

/// The value of a step that may find problems in the input: the problems are added to
/// `problems` (and `None` returned); an error that is not about the input stops loading.
pub(super) fn keep_problems<T>(
    result: Result<T>,
    problems: &mut Vec<Diagnostic>,
) -> Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(Error::Invalid(found)) => {
            problems.extend(found);
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

/// Every `t.<name>` a template reads must be a message of the default locale that takes
/// no variables: otherwise Tera only finds the value missing, and would name the template
/// rather than the message a person has to fix. Checked here, for `check` and `build`.
fn interface_strings_defined(
    templates: &Templates,
    locales: &[locales::LocaleMessages],
    default_locale: &str,
) -> Result<()> {
    let Some(english) = locales.iter().find(|l| l.code == default_locale) else {
        return Ok(());
    };
    let ids = english.message_ids();
    let mut problems: Vec<Diagnostic> = Vec::new();
    // A message is one thing to fix, however many templates show it.
    let mut seen: Vec<&str> = Vec::new();
    for (name, read_at, template) in templates.interface_strings_read() {
        let id = ids.iter().copied().find(|id| id.replace('-', "_") == name);
        let problem = match id {
            None => Some(undefined_message(&name, read_at, template, default_locale)),
            Some(id) if !seen.contains(&id) => {
                seen.push(id);
                message_with_variables(english, id, &name, &read_at)
            }
            Some(_) => None,
        };
        if let Some(problem) = problem.filter(|p| !problems.contains(p)) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// `t.<name>` read where no message of the default locale has that name: located at the
/// template, the only place that names it.
fn undefined_message(
    name: &str,
    read_at: crate::error::Location,
    template: &str,
    default_locale: &str,
) -> Diagnostic {
    Diagnostic::new(
        read_at,
        format!(
            "`t.{name}` reads the message `{}`, which locales/{default_locale}/ does not \
             define; add it there or remove it here",
            name.replace('_', "-")
        ),
    )
    .with_source(template)
}

/// A message shown as `t.<name>` that uses variables (it is then left out of `t`, and
/// would be "not found" at render): located at its line in the .ftl file.
fn message_with_variables(
    english: &locales::LocaleMessages,
    id: &str,
    name: &str,
    read_at: &crate::error::Location,
) -> Option<Diagnostic> {
    let variables = &english.shapes.get(id)?.variables;
    let defined = english.defined_at.get(id)?.clone();
    if variables.is_empty() {
        return None;
    }
    let source = crate::error::fs::read_to_string(&defined.path).unwrap_or_default();
    let shown: Vec<String> = variables.iter().map(|v| format!("{{ ${v} }}")).collect();
    let message = format!(
        "`{id}` uses {}, but {read_at} shows it as `t.{name}`, which gives it no \
         variables; remove them from the message",
        shown.join(", ")
    );
    Some(Diagnostic::new(defined, message).with_source(&source))
}

fn static_files(dir: &Path) -> Result<Vec<StaticFile>> {
    let mut files: Vec<StaticFile> = crate::embedded::STATIC_FILES
        .iter()
        .map(|(name, bytes)| StaticFile {
            path: (*name).to_owned(),
            source: StaticSource::Embedded(bytes),
        })
        .collect();
    if dir.is_dir() {
        for path in files_below(dir)? {
            let name = name_below(dir, &path);
            files.retain(|f| f.path != name);
            files.push(StaticFile {
                path: name,
                source: StaticSource::File(path),
            });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `path` relative to `dir`, with `/` separators: a template's or static file's name.
pub fn name_below(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Every regular file below `dir`, sorted by path. Symlinks are not followed, so a link
/// in a pull request cannot pull files from outside the site root into the output.
pub fn files_below(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_owned();
            Error::io(&path, e.into())
        })?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}
