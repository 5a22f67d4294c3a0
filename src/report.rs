//! What a build tells the person who ran it: the one-line summary, the warnings worth a
//! line each, and a progress bar for builds long enough to wait for.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressDrawTarget, ProgressStyle};

use crate::load::Site;
use crate::load::translations::{Coverage, Finding};
use crate::plan::Plan;
use crate::write::{Progress, Unchanged, Written};

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
    /// nothing they are built from changed (see [`crate::load::fingerprint`]).
    pub reused: usize,
    pub out: PathBuf,
    /// The path the site is served under (`/repo` for a project site, empty at a root).
    pub base_path: String,
    pub elapsed: Duration,
    /// Translation warnings: what fell back to English, what is stale or obsolete.
    pub warnings: Vec<Finding>,
    pub coverage: Vec<Coverage>,
    /// Whether the output was found up to date before anything was loaded, so the build
    /// had nothing to do (see [`crate::write::up_to_date`]); the rest is then what the
    /// build that wrote the output recorded, as a full rebuild would have reported it.
    pub up_to_date: bool,
}

impl BuildReport {
    pub fn new(site: &Site, plan: &Plan, written: Written, out: PathBuf, started: Instant) -> Self {
        BuildReport {
            pages_per_locale: plan.pages_per_locale(&site.config.locales),
            // Every planned file, and the record of inputs.
            files: plan.routes.len() + 1,
            written: written.counts.written,
            unchanged: written.counts.unchanged,
            removed: written.counts.removed,
            reused: written.reused,
            out,
            base_path: site.config.base_path.clone(),
            elapsed: started.elapsed(),
            warnings: site.translations.findings.clone(),
            coverage: site.translations.coverage.clone(),
            up_to_date: false,
        }
    }

    /// The report of a build that found `out` up to date: every file unchanged.
    pub fn up_to_date(unchanged: Unchanged, out: PathBuf, started: Instant) -> Self {
        let summary = unchanged.summary;
        BuildReport {
            pages_per_locale: summary.pages_per_locale,
            files: unchanged.files,
            written: 0,
            unchanged: unchanged.files,
            removed: 0,
            reused: unchanged.reused,
            out,
            base_path: summary.base_path,
            elapsed: started.elapsed(),
            warnings: summary.warnings,
            coverage: summary.coverage,
            up_to_date: true,
        }
    }

    /// "built 10,696 files (5,345 pages per locale: en 5,345, ja 5,345) into dist in …".
    pub fn summary(&self) -> String {
        let per_locale: Vec<String> = self
            .pages_per_locale
            .iter()
            .map(|(lang, n)| format!("{lang} {n}"))
            .collect();
        let reused = if self.reused > 0 {
            format!(" ({} reused without rendering)", thousands(self.reused))
        } else {
            String::new()
        };
        format!(
            "built {} files ({} pages per locale: {}) into {} in {:.2} s: {} written, {} unchanged{reused}, {} removed",
            thousands(self.files),
            thousands(self.pages_per_locale.first().map_or(0, |(_, n)| *n)),
            per_locale.join(", "),
            self.out.display(),
            self.elapsed.as_secs_f64(),
            thousands(self.written),
            thousands(self.unchanged),
            thousands(self.removed),
        )
    }
}

/// One line per incomplete locale, so a build names what fell back without drowning the
/// summary; `check` lists every item.
pub fn warning_summary(coverage: &[Coverage]) -> Vec<String> {
    coverage
        .iter()
        .filter(|c| !c.is_complete())
        .map(|c| {
            format!(
                "{}: {} messages missing, {} obsolete; {} code texts missing, {} out of date",
                c.locale, c.messages_missing, c.messages_obsolete, c.prose_missing, c.prose_stale
            )
        })
        .collect()
}

/// 9570 → "9,570".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// No progress reporting: library callers, tests and `serve`.
pub struct Silent;

impl Progress for Silent {
    fn planned(&self, _: usize) {}
    fn file_done(&self) {}
}

/// A progress bar on stdout, only when stdout is a terminal and only once the build has
/// run long enough for a person to wait ([`PROGRESS_AFTER`]); never in CI logs or pipes.
pub struct ProgressBar {
    bar: indicatif::ProgressBar,
    started: Instant,
    on_terminal: bool,
    shown: AtomicBool,
}

const PROGRESS_AFTER: Duration = Duration::from_millis(1500);

impl ProgressBar {
    pub fn for_terminal() -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {human_pos}/{human_len} files, {eta} left")
        {
            bar.set_style(style);
        }
        ProgressBar {
            bar,
            started: Instant::now(),
            on_terminal: std::io::stdout().is_terminal(),
            shown: AtomicBool::new(false),
        }
    }

    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for ProgressBar {
    fn planned(&self, files: usize) {
        self.bar.set_length(files as u64);
    }

    fn file_done(&self) {
        self.bar.inc(1);
        if self.on_terminal
            && !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= PROGRESS_AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stdout());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(9570), "9,570");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
