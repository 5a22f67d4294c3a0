//! Every route of the plan, rendered or reused, staged, and committed with the record of
//! what it was built from: the part of a build that runs once per page, on every core.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{Staging, WriteCounts};
use crate::error::Result;
use crate::load::Site;
use crate::load::fingerprint::{
    self, BuildKey, Fingerprints, InputFiles, Record, Summary, WholeBuild,
};
use crate::plan::{PageKind, Plan, Route};
use crate::render::{Prepared, Renderer, shared_locale};

/// Told how far a build has got, from the rendering threads (so it must be `Sync`).
pub trait Progress: Sync {
    /// The plan is made: `files` files will be rendered and compared.
    fn planned(&self, files: usize);
    /// One more file is rendered and staged.
    fn file_done(&self);
}

/// What the previous build left that this one may take instead of rendering.
pub struct Reuse {
    inputs: Fingerprints,
    /// The previous build's record, if its pages may be reused.
    previous: Option<Record>,
    /// Every file the previous build wrote, if its record lists them (see
    /// [`Staging::commit`]).
    previous_files: Option<Vec<String>>,
    /// Per locale: whether all its inputs are the ones the previous build recorded.
    unchanged_locales: Vec<bool>,
    /// This build's key and summary, recorded for the next build with the same key, which
    /// then has nothing to do (see [`super::up_to_date`]); `None` when the same inputs
    /// may give other pages.
    whole_build: Option<(BuildKey, Summary)>,
}

impl Reuse {
    /// Compares this build's inputs with the record in `out`. A template that reads the
    /// clock (or the like) can render differently from the same inputs: then no page is
    /// reused, whole locale or single key, and the build's `key` is not recorded.
    pub fn new(out: &Path, files: &InputFiles, site: &Site, plan: &Plan, key: BuildKey) -> Reuse {
        let inputs = Fingerprints::compute(files, site);
        let whole_build = (!site.templates.reads_outside_context()).then(|| {
            let summary = Summary {
                pages_per_locale: plan.pages_per_locale(&site.config.locales),
                base_path: site.config.base_path.clone(),
                warnings: site.translations.findings.clone(),
                coverage: site.translations.coverage.clone(),
            };
            (key, summary)
        });
        let record = Record::read(out);
        let previous_files = record
            .as_ref()
            .and_then(|r| r.written().map(|w| w.map(str::to_owned).collect()));
        let previous = record.filter(|_| !site.templates.reads_outside_context());
        let unchanged_locales = inputs.unchanged_since(previous.as_ref().map(|r| &r.inputs));
        Reuse {
            inputs,
            previous,
            previous_files,
            unchanged_locales,
            whole_build,
        }
    }
}

/// What writing the site did.
pub struct Written {
    pub counts: WriteCounts,
    /// Pages taken from the previous output without rendering them.
    pub reused: usize,
}

/// Renders (or reuses) every route of `plan` into a staging directory beside `out`, then
/// commits it with the record for the next build. Nothing in `out` changes on error.
///
/// The pages of unchanged locales that the previous output still has are taken first;
/// then `renderer` is made for the rest, told which locales' code, pair, group and provider pages
/// are among them (see [`Renderer::for_locales`]), and they are rendered or reused by key.
pub fn write_site<'s>(
    out: &Path,
    root: &Path,
    plan: &'s Plan,
    renderer: impl FnOnce(&[bool]) -> Result<Renderer<'s>>,
    reuse: &Reuse,
    progress: &dyn Progress,
) -> Result<Written> {
    let mut staging = Staging::create(out, root)?;
    if let Some(files) = &reuse.previous_files {
        staging.previous_files(files);
    }
    progress.planned(plan.routes.len());
    let stage = PageStage {
        staging: &staging,
        reuse,
        reused: AtomicUsize::new(0),
    };
    let kept: Vec<Option<Option<u64>>> = plan
        .routes
        .par_iter()
        .map(|route| {
            let kept = stage.keep_unchanged(route)?;
            if kept.is_some() {
                progress.file_done();
            }
            Ok(kept)
        })
        .collect::<Result<_>>()?;
    let mut shared = vec![false; reuse.unchanged_locales.len()];
    for (route, _) in plan.routes.iter().zip(&kept).filter(|(_, k)| k.is_none()) {
        if let Some(flag) = shared_locale(&route.kind).and_then(|l| shared.get_mut(l)) {
            *flag = true;
        }
    }
    let renderer = renderer(&shared)?;
    let keys: Vec<Option<u64>> = plan
        .routes
        .par_iter()
        .zip(&kept)
        .map(|(route, kept)| match kept {
            Some(key) => Ok(*key),
            None => {
                let key = stage.render(&renderer, route)?;
                progress.file_done();
                Ok(key)
            }
        })
        .collect::<Result<_>>()?;
    let reused = stage.reused.into_inner();
    let whole_build = reuse.whole_build.as_ref().map(|(key, summary)| WholeBuild {
        key: *key,
        summary,
        reused: reused_by_a_no_op(plan, &keys),
    });
    let record = Record::to_text(
        whole_build.as_ref(),
        &reuse.inputs,
        plan.routes
            .iter()
            .zip(&keys)
            .filter_map(|(route, key)| key.map(|key| (route.output.as_str(), key))),
        plan.routes
            .iter()
            .zip(&keys)
            .filter(|(_, key)| key.is_none())
            .map(|(route, _)| route.output.as_str()),
    );
    staging.write_record(fingerprint::FILE, record)?;
    let counts = staging.commit()?;
    Ok(Written { counts, reused })
}

/// What staging one page needs, apart from the renderer.
struct PageStage<'a> {
    staging: &'a Staging,
    reuse: &'a Reuse,
    reused: AtomicUsize,
}

impl PageStage<'_> {
    /// Stages `route` as the previous output has it when its locale's inputs did not
    /// change (and the file is still there): `Some` with the key recorded for it, if any.
    fn keep_unchanged(&self, route: &Route) -> Result<Option<Option<u64>>> {
        let locale_unchanged =
            reusable_locale(route).is_some_and(|locale| self.reuse.unchanged_locales[locale]);
        if locale_unchanged && self.staging.keep(&route.output)? {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(Some(self.recorded(route)));
        }
        Ok(None)
    }

    fn recorded(&self, route: &Route) -> Option<u64> {
        self.reuse
            .previous
            .as_ref()
            .and_then(|r| r.page_key(&route.output))
    }

    /// Stages a route [`PageStage::keep_unchanged`] did not: reused when its key is the
    /// one recorded for it, rendered otherwise. Returns the page's key, if it has one, for
    /// the next build's record.
    fn render(&self, renderer: &Renderer, route: &Route) -> Result<Option<u64>> {
        let recorded = self.recorded(route);
        match renderer.prepare(route)? {
            Prepared::Ready(rendered) => {
                self.staging.write(&route.output, rendered)?;
                Ok(None)
            }
            Prepared::Template(template) => {
                let key = template.key();
                if recorded == Some(key) && self.staging.keep(&route.output)? {
                    self.reused.fetch_add(1, Ordering::Relaxed);
                } else {
                    self.staging
                        .write(&route.output, renderer.finish(template)?)?;
                }
                Ok(Some(key))
            }
        }
    }
}

/// How many files a rebuild with nothing changed would take without rendering them (what
/// its summary says it reused), given each route's key (`None` for a file not made from a
/// template): every page of an unchanged locale, and every other page whose key is the
/// recorded one.
fn reused_by_a_no_op(plan: &Plan, keys: &[Option<u64>]) -> usize {
    plan.routes
        .iter()
        .zip(keys)
        .filter(|(route, key)| reusable_locale(route).is_some() || key.is_some())
        .count()
}

/// The locale of a page that depends only on its own locale's inputs (and the shared
/// ones), and so may be reused when those did not change; `None` for pages that must be
/// rendered every time.
fn reusable_locale(route: &Route) -> Option<usize> {
    // The translation status shows every locale's coverage.
    let shows_all_locales = matches!(route.kind, PageKind::Translations { .. });
    route.kind.locale().filter(|_| !shows_all_locales)
}
