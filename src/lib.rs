//! A static site generator for SMTP reply codes: YAML code definitions × Fluent locales →
//! a page per code, a page per pair of codes, and index pages, in every locale.
//!
//! [`build`] runs the four stages in order, each in its own module:
//! load (files → validated model) → plan (pages and URLs) → render (Tera + Fluent) →
//! write (minify, all-or-nothing output).

pub mod check;
pub mod config;
pub mod error;
pub mod fingerprint;
pub mod load;
pub mod minify;
pub mod model;
pub mod plan;
pub mod render;
pub mod serve;
pub mod write;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use error::{Error, Result};

/// What a finished build did, for the one-line summary.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// (locale, HTML pages) in config order: home, translation status, decoder, code pages
    /// and pair pages.
    pub pages_per_locale: Vec<(String, usize)>,
    /// Every file the build produces, pages included.
    pub files: usize,
    /// Of `files`: how many were new or changed, and how many were already in the output.
    pub written: usize,
    pub unchanged: usize,
    /// Files of the previous output that are no longer produced, and so were removed.
    pub removed: usize,
    /// Of `unchanged`: pages taken from the previous output without rendering them, because
    /// nothing they are built from changed (see [`fingerprint`]).
    pub reused: usize,
    pub out: PathBuf,
    pub elapsed: Duration,
    /// Translation warnings: what fell back to English, what is stale or obsolete.
    pub warnings: Vec<check::Finding>,
    pub coverage: Vec<check::Coverage>,
}

/// Locks `mutex`, also after a panic on another thread. The data behind the crate's
/// mutexes (lists of written paths, spare template contexts) is whole between calls, and
/// a poisoned lock only means another page failed; its error is the one reported.
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Errors found by the translation checks always stop the build (a translation using a
/// variable the generator does not provide would render wrongly); warnings only when
/// `strict`.
fn refuse_check_findings(report: &check::CheckReport, strict: bool) -> Result<()> {
    let stopping: Vec<error::Diagnostic> = report
        .findings
        .iter()
        .filter(|f| strict || f.severity == check::Severity::Error)
        .map(|f| f.diagnostic.clone())
        .collect();
    if stopping.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(stopping))
    }
}

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output directory; `None` means `<root>/dist`.
    pub out: Option<PathBuf>,
    /// Treat translation warnings (missing, stale, obsolete) as errors.
    pub strict: bool,
    /// Replaces site.yaml's `base_url`, e.g. with the URL GitHub Pages publishes at.
    pub base_url: Option<String>,
}

/// Builds the site at `root` into `out` (default `<root>/dist`). On any error the previous
/// output is left untouched.
pub fn build(root: &Path, out: Option<&Path>) -> Result<BuildReport> {
    build_with(&BuildOptions {
        root: root.to_owned(),
        out: out.map(Path::to_owned),
        ..BuildOptions::default()
    })
}

/// Told how far a build has got, from the rendering threads (so it must be `Sync`).
pub trait Progress: Sync {
    /// The plan is made: `files` files will be rendered and compared.
    fn planned(&self, files: usize);
    /// One more file is rendered and staged.
    fn file_done(&self);
}

/// No progress reporting: library callers, tests and `serve`.
struct Silent;

impl Progress for Silent {
    fn planned(&self, _: usize) {}
    fn file_done(&self) {}
}

/// [`build`] with options. Only files whose bytes changed are written; see [`write`].
pub fn build_with(options: &BuildOptions) -> Result<BuildReport> {
    build_reporting(options, &Silent)
}

/// [`build_with`], reporting progress as files are rendered (the CLI's progress bar).
pub fn build_reporting(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let started = Instant::now();
    let root = options.root.as_path();
    let out = options.out.clone().unwrap_or_else(|| root.join("dist"));

    let input_files = fingerprint::InputFiles::hash(root)?;
    let mut site = load::load_site(root)?;
    if let Some(base_url) = &options.base_url {
        site.config.override_base_url(base_url)?;
    }
    let checked = check::check_site(&site);
    refuse_check_findings(&checked, options.strict)?;

    let locales: Vec<String> = site.config.locales.iter().map(|l| l.code.clone()).collect();
    let static_paths: Vec<String> = site.static_files.iter().map(|f| f.path.clone()).collect();
    let mut pages = plan::plan(&site.codes, &locales, &static_paths);
    if site.config.cname.is_some() {
        pages.push(plan::cname_page());
    }
    pages.extend(plan::sitemap_part_pages(render::sitemap_parts(&site)));
    refuse_collisions(&pages)?;

    let inputs = fingerprint::Fingerprints::compute(&input_files, &site);
    let previous = fingerprint::Record::read(&out);
    // A template that reads the clock (or the like) can render differently from the same
    // inputs: then no page is reused, whole locale or single key.
    let previous = previous.filter(|_| !site.templates.reads_outside_context());
    let reusable = inputs.unchanged_since(previous.as_ref().map(|r| &r.inputs));
    let renderer = render::Renderer::new(&site, &checked.coverage)?;
    let mut staging = write::Staging::create(&out, root)?;
    progress.planned(pages.len());
    let reused = AtomicUsize::new(0);
    let keys: Vec<Option<u64>> = pages
        .par_iter()
        .map(|page| {
            let locale_unchanged = reusable_locale(page).is_some_and(|locale| reusable[locale]);
            let recorded = previous.as_ref().and_then(|r| r.page_key(&page.output));
            let stage = PageStage {
                renderer: &renderer,
                staging: &staging,
                reused: &reused,
            };
            let key = stage.page(page, locale_unchanged, recorded)?;
            progress.file_done();
            Ok(key)
        })
        .collect::<Result<_>>()?;
    let record = fingerprint::Record::to_text(
        &inputs,
        pages
            .iter()
            .zip(&keys)
            .filter_map(|(page, key)| key.map(|key| (page.output.as_str(), key))),
    );
    staging.write_record(fingerprint::FILE, record)?;
    let counts = staging.commit()?;

    Ok(BuildReport {
        warnings: checked.findings,
        coverage: checked.coverage,
        pages_per_locale: pages_per_locale(&pages, &locales),
        // Every planned page, and the record of inputs.
        files: pages.len() + 1,
        written: counts.written,
        unchanged: counts.unchanged,
        removed: counts.removed,
        reused: reused.into_inner(),
        out,
        elapsed: started.elapsed(),
    })
}

/// What staging one page needs.
struct PageStage<'a, 's> {
    renderer: &'a render::Renderer<'s>,
    staging: &'a write::Staging,
    /// Pages taken from the previous output without rendering them.
    reused: &'a AtomicUsize,
}

impl PageStage<'_, '_> {
    /// Stages `page`: taken from the previous output as it is when its locale's inputs did
    /// not change, or when its key is the one `recorded` for it; rendered otherwise.
    /// Returns the page's key, if it has one, for the next build's record.
    fn page(
        &self,
        page: &plan::Page,
        locale_unchanged: bool,
        recorded: Option<u64>,
    ) -> Result<Option<u64>> {
        if locale_unchanged && self.staging.keep(&page.output)? {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(recorded);
        }
        match self.renderer.prepare(page)? {
            render::Prepared::Ready(rendered) => {
                self.staging.write(&page.output, rendered)?;
                Ok(None)
            }
            render::Prepared::Template(template) => {
                let key = template.key();
                if recorded == Some(key) && self.staging.keep(&page.output)? {
                    self.reused.fetch_add(1, Ordering::Relaxed);
                } else {
                    self.staging
                        .write(&page.output, self.renderer.finish(template)?)?;
                }
                Ok(Some(key))
            }
        }
    }
}

/// The locale of a page that depends only on its own locale's inputs (and the shared
/// ones), and so may be reused when those did not change; `None` for pages that must be
/// rendered every time.
fn reusable_locale(page: &plan::Page) -> Option<usize> {
    // The translation status shows every locale's coverage.
    let shows_all_locales = matches!(page.kind, plan::PageKind::Translations { .. });
    page.kind.locale().filter(|_| !shows_all_locales)
}

/// A static file must not silently replace a generated page (or the reverse), nor the
/// record of the build's inputs, nor sit where a directory of other files has to go.
fn refuse_collisions(pages: &[plan::Page]) -> Result<()> {
    let mut outputs: Vec<&str> = pages.iter().map(|p| p.output.as_str()).collect();
    outputs.push(fingerprint::FILE);
    outputs.sort_unstable();
    if let Some(w) = outputs.windows(2).find(|w| w[0] == w[1]) {
        return Err(Error::Other(format!(
            "static/{} would overwrite a generated page of the same path; rename it",
            w[0]
        )));
    }
    let files: std::collections::HashSet<&str> = outputs.iter().copied().collect();
    for output in &outputs {
        let dirs = output.match_indices('/').map(|(at, _)| &output[..at]);
        if let Some(dir) = dirs.into_iter().find(|dir| files.contains(dir)) {
            return Err(Error::Other(format!(
                "static/{dir} is in the way of the directory {dir}/ that holds {output}; \
                 rename it"
            )));
        }
    }
    Ok(())
}

fn pages_per_locale(pages: &[plan::Page], locales: &[String]) -> Vec<(String, usize)> {
    locales
        .iter()
        .enumerate()
        .map(|(i, lang)| {
            // HTML pages only: codes.json is the locale's, but not a page.
            let count = pages
                .iter()
                .filter(|p| !matches!(p.kind, plan::PageKind::CodeIndex { .. }))
                .filter(|p| p.kind.locale() == Some(i))
                .count();
            (lang.clone(), count)
        })
        .collect()
}
