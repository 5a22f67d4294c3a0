//! A static site generator for SMTP reply codes: YAML code definitions × Fluent locales →
//! a page per code, a page per pair of codes, and index pages, in every locale.
//!
//! [`build_reporting`] runs the four stages in order, each in its own module:
//! load (files → validated model, templates minified once) → plan (pages and URLs) →
//! render (Tera + Fluent, from the minified templates) → write (splice, all-or-nothing
//! output). Unless nothing changed: the input files are hashed first, and an output whose
//! record has this build's key, and still every file the record lists, is left as it is
//! and reported from the record ([`write::up_to_date`]; see [`load::fingerprint`]).
//!
//! # Layers
//!
//! Modules are stacked; each may use the ones below it and never one above it
//! (`tests/layers.rs` reads every `crate::` path in src/ and fails on one that climbs):
//!
//! 1. leaf helpers, which use nothing of the crate: `text` (positions, characters),
//!    `hash`, `markdown`, `minify`, `lock`, `embedded`;
//! 2. `error` (one error type per stage) and `model` (the validated types);
//! 3. `load`: files → [`load::Site`], translations compared, inputs fingerprinted;
//! 4. `plan`: every output file and every URL;
//! 5. `render`: routes → HTML and text;
//! 6. `write`: staging, reuse, all-or-nothing commit;
//! 7. `report` and this driver;
//! 8. the tools on top: `check`, `serve` (and the binary, `main.rs`).
//!
//! Within a stage, modules use each other freely; across stages only downwards.

pub mod check;
pub mod error;
pub mod hash;
pub mod load;
pub mod lock;
pub mod markdown;
pub mod minify;
pub mod model;
pub mod plan;
pub mod render;
pub mod report;
pub mod serve;
pub mod text;
pub mod write;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

use std::path::{Path, PathBuf};
use std::time::Instant;

pub use error::{Error, Result};
pub use report::BuildReport;
pub use write::Progress;

use load::translations::{CheckReport, Severity};

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

/// [`build`] with options. Only files whose bytes changed are written; see [`write`].
pub fn build_with(options: &BuildOptions) -> Result<BuildReport> {
    build_reporting(options, &report::Silent)
}

/// [`build_with`], reporting progress as files are rendered (the CLI's progress bar).
pub fn build_reporting(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    // Held to the end: a second build into the output stops here, naming this one.
    let lock = write::OutputLock::acquire(&output_of(options))?;
    build_holding(options, progress, &lock)
}

/// Where `options` builds to.
pub fn output_of(options: &BuildOptions) -> PathBuf {
    options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join("dist"))
}

/// [`build_reporting`] for a caller that holds the output's lock already (`serve`, which
/// keeps it while it runs, as its output is its own).
pub fn build_holding(
    options: &BuildOptions,
    progress: &dyn Progress,
    _lock: &write::OutputLock,
) -> Result<BuildReport> {
    let started = Instant::now();
    let root = options.root.as_path();
    let out = output_of(options);

    // The files are hashed before they are read: see `InputFiles`.
    let inputs = load::fingerprint::InputFiles::hash(root)?;
    let key = inputs.build_key(root, options.base_url.as_deref(), options.strict);
    if let Some(unchanged) = write::up_to_date(&out, root, key) {
        return Ok(BuildReport::up_to_date(unchanged, out, started));
    }
    let site = load::load_site_at(root, options.base_url.as_deref())?;
    refuse_check_findings(&site.translations, options.strict)?;

    let plan = plan::plan(&site)?;

    let reuse = write::Reuse::new(&out, &inputs, &site, &plan, key);
    // Set up for what is left to render once the unchanged pages are taken as they are.
    let renderer = |shared: &[bool]| render::Renderer::for_locales(&site, &plan, shared);
    let written = write::write_site(&out, root, &plan, renderer, &reuse, progress)?;

    Ok(BuildReport::new(&site, &plan, written, out, started))
}

/// Errors found by the translation checks always stop the build (a translation using a
/// variable the generator does not provide would render wrongly); warnings only when
/// `strict`.
fn refuse_check_findings(report: &CheckReport, strict: bool) -> Result<()> {
    let stopping: Vec<error::Diagnostic> = report
        .findings
        .iter()
        .filter(|f| strict || f.severity == Severity::Error)
        .map(|f| f.diagnostic.clone())
        .collect();
    if stopping.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(stopping))
    }
}
