//! Stage 4: write, all or nothing, and only what changed (splicing fragments into pages,
//! and minifying the pages whose templates were not minified at load). Each page is compared
//! with the file already in the output: a changed page is written into a staging directory
//! beside the output, an unchanged one is only noted. Nothing in the output changes until
//! every page has been rendered and staged, so a failed build removes the staging directory
//! and leaves the previous output exactly as it was. At commit:
//!
//! The previous build's leftovers (files it wrote that this build does not produce) are
//! known from its record of inputs, which lists every file it wrote: the output directory
//! is not read to find them. A file in the output that no build of ours wrote (added by
//! hand) is not ours to remove: it is left where it is, also when the tree is replaced
//! whole (the one case that reads the output directory, to carry such files over). Without
//! a record that lists its files (a damaged one, or one written by an older version), the
//! previous output is read instead and every file this build does not produce is removed,
//! as before the record listed them.
//!
//! - if nothing was written and nothing removed, the output is left alone. (A rebuild with
//!   nothing changed does not even get here: [`up_to_date`] tells it from the record before
//!   the site is loaded, and no staging directory is made.)
//! - if at most half of the files changed, the changed ones are renamed into place one by
//!   one and the leftovers deleted. Each file is replaced atomically, and the record of
//!   what the output was built from (see [`Staging::write_record`]) is removed first and
//!   put back last, so an interrupted commit leaves an output the next build re-checks
//!   file by file. Relinking 10,000 unchanged files to change 40 cost seconds of kernel
//!   time on ext4;
//! - otherwise the unchanged files are hard-linked from the previous output into the
//!   staging directory and the complete tree is swapped in with two renames, so a reader
//!   sees the old tree or the new one, never a mix.

mod guard;
mod pages;
mod up_to_date;

pub use guard::{OutputLock, is_running};
pub use pages::{Progress, Reuse, Written, write_site};
pub use up_to_date::{Unchanged, up_to_date};

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Error, Result, WriteError, fs};
use crate::hash::BuildWideFnv;
use crate::load::StaticSource;
use crate::lock::lock;
use crate::minify;
use crate::render::Rendered;

/// Files whose presence shows that a directory is a previous build of ours, which we may
/// replace; anything else is refused rather than deleted.
const BUILD_MARKERS: [&str; 2] = [".nojekyll", "sitemap.xml"];

/// What a build did to the output directory, file by file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteCounts {
    /// Files new or different from the previous output.
    pub written: usize,
    /// Files byte-for-byte identical to the previous output's.
    pub unchanged: usize,
    /// Files of the previous output that this build no longer produces.
    pub removed: usize,
}

/// A set of paths, hashed faster than with SipHash.
type PathSet<P> = HashSet<P, BuildWideFnv>;

pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// Paths identical in the previous output: linked into the staging directory at commit,
    /// and only if something changed.
    unchanged: Mutex<Vec<PathBuf>>,
    /// Paths staged because they are new or changed. With `unchanged`, every path this
    /// build produces (to find the previous output's leftovers).
    written: Mutex<Vec<PathBuf>>,
    /// The record of the build's inputs, which describes every other file.
    record: Option<PathBuf>,
    /// Every file the previous build wrote, from its record; `None` if it does not say.
    previous: Option<PathSet<PathBuf>>,
    /// Whether there was a previous output to compare with when the build began: a first
    /// build skips looking for each of its files there (a stat per file).
    had_previous: bool,
}

impl Staging {
    /// Prepares a fresh staging directory next to `out`. Refuses an `out` that contains
    /// `root` (replacing it would delete the site's sources) and a non-empty `out` that is
    /// not a previous build.
    pub fn create(out: &Path, root: &Path) -> Result<Staging> {
        let out = absolute(out)?;
        let root = absolute(root)?;
        if root.starts_with(&out) {
            return Err(WriteError::OutContainsRoot { out, root }.into());
        }
        if out.is_dir() && !is_previous_build(&out)? {
            return Err(WriteError::NotOurs {
                out,
                markers: BUILD_MARKERS.join(" or "),
            }
            .into());
        }
        let parent = out.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent)?;
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("dist");
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir)?;
        let had_previous = out.is_dir();
        Ok(Staging {
            dir,
            out,
            committed: false,
            unchanged: Mutex::new(Vec::new()),
            written: Mutex::new(Vec::new()),
            record: None,
            previous: None,
            had_previous,
        })
    }

    /// Stages one output file, unless the previous output already holds exactly these
    /// bytes. `relative` comes from the plan and is checked again here, the last line of
    /// defence against a path that would leave the output directory. Nothing is kept in
    /// memory but the path, so pages can be streamed through here in parallel.
    pub fn write(&self, relative: &str, rendered: Rendered) -> Result<()> {
        let relative = safe_relative(relative)?;
        let bytes = bytes_of(rendered)?;
        if self.had_previous && same_contents(&self.out.join(relative), &bytes) {
            lock(&self.unchanged).push(relative.to_owned());
        } else {
            let path = self.dir.join(relative);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, &bytes)?;
            lock(&self.written).push(relative.to_owned());
        }
        Ok(())
    }

    /// Tells the files the previous build wrote (its record's list; see the module's
    /// documentation). A path that is not plain and relative is left out: a tampered
    /// record cannot make a build delete anything outside the output.
    pub fn previous_files(&mut self, files: &[String]) {
        let plain = files
            .iter()
            .filter_map(|f| safe_relative(f).ok())
            .map(Path::to_owned);
        self.previous = Some(plain.collect());
    }

    /// Stages the record of what the output is built from (written after every page, so
    /// it describes them): replaced last, and removed first, when files are replaced one by
    /// one, so it never vouches for a page that is not the one it describes.
    pub fn write_record(&mut self, relative: &str, text: String) -> Result<()> {
        self.write(relative, Rendered::Text(text))?;
        self.record = Some(safe_relative(relative)?.to_owned());
        Ok(())
    }

    /// Takes `relative` from the previous output as it is, without its new bytes: for pages
    /// whose inputs did not change (see [`crate::load::fingerprint`]). False if the previous
    /// output has no such file, in which case the page must be rendered and written.
    pub fn keep(&self, relative: &str) -> Result<bool> {
        let relative = safe_relative(relative)?;
        let old = std::fs::symlink_metadata(self.out.join(relative));
        if !old.is_ok_and(|m| m.is_file()) {
            return Ok(false);
        }
        lock(&self.unchanged).push(relative.to_owned());
        Ok(true)
    }

    /// Finishes the build: nothing to do, files replaced in place, or the whole tree
    /// swapped (see the module's documentation).
    pub fn commit(mut self) -> Result<WriteCounts> {
        let unchanged = std::mem::take(&mut *lock(&self.unchanged));
        let written = std::mem::take(&mut *lock(&self.written));
        let had_previous = self.out.is_dir();
        if !had_previous {
            // A first build: nothing to compare with or remove, and no set of every path
            // made to find out (14 ms at 200k pages, at the build's serial end).
            self.link_unchanged(&unchanged)?;
            self.swap()?;
            return Ok(WriteCounts {
                written: written.len(),
                unchanged: unchanged.len(),
                removed: 0,
            });
        }
        let produced: PathSet<&Path> = written
            .iter()
            .chain(&unchanged)
            .map(PathBuf::as_path)
            .collect();
        let leftovers = self.leftovers(&produced)?;
        let counts = WriteCounts {
            written: written.len(),
            unchanged: unchanged.len(),
            removed: leftovers.len(),
        };
        if counts.written == 0 && counts.removed == 0 {
            // Drop removes the (empty) staging directory.
            return Ok(counts);
        }
        let few_changes = (counts.written + counts.removed) * 2 <= produced.len();
        if few_changes && self.fits_in_place(&written) {
            self.replace_in_place(&written, &leftovers)?;
            return Ok(counts);
        }
        self.link_unchanged(&unchanged)?;
        self.carry_over_others(&produced)?;
        self.swap()?;
        Ok(counts)
    }

    /// Brings the files taken from the previous output into the staging tree.
    fn link_unchanged(&self, unchanged: &[PathBuf]) -> Result<()> {
        unchanged.par_iter().try_for_each(|relative| {
            link_or_copy(&self.out.join(relative), &self.dir.join(relative))
        })
    }

    /// Files of the previous output (there is one: see [`Staging::commit`]) that this
    /// build does not produce: those its record lists (and that are still there), or,
    /// without such a record, every file found in the previous output.
    fn leftovers(&self, produced: &PathSet<&Path>) -> Result<Vec<PathBuf>> {
        if let Some(previous) = &self.previous {
            let mut leftovers: Vec<PathBuf> = previous
                .iter()
                .filter(|relative| !produced.contains(relative.as_path()))
                .filter(|relative| self.is_file_below_out(relative))
                .cloned()
                .collect();
            leftovers.sort_unstable();
            return Ok(leftovers);
        }
        self.files_not_in(produced)
    }

    /// Whether `relative` is a file (or link) in the output, reached through directories
    /// only: removing it cannot remove anything outside the output.
    fn is_file_below_out(&self, relative: &Path) -> bool {
        let kind = |path: &Path| std::fs::symlink_metadata(self.out.join(path)).ok();
        let through_directories = relative
            .ancestors()
            .skip(1)
            .filter(|dir| !dir.as_os_str().is_empty())
            .all(|dir| kind(dir).is_some_and(|m| m.is_dir()));
        through_directories && kind(relative).is_some_and(|m| !m.is_dir())
    }

    /// Brings the files of the previous output that no build of ours wrote (neither in
    /// the previous record nor produced now) into the staging tree before it replaces the
    /// output: they are not ours to remove. One that would stand where this build puts a
    /// directory (or the reverse) is dropped. Only with a record that lists its files:
    /// without one, every file not produced is a leftover.
    fn carry_over_others(&self, produced: &PathSet<&Path>) -> Result<()> {
        let Some(previous) = &self.previous else {
            return Ok(());
        };
        for relative in self.files_not_in(produced)? {
            if previous.contains(&relative) {
                continue;
            }
            let to = self.dir.join(&relative);
            let blocked = relative
                .ancestors()
                .skip(1)
                .filter(|dir| !dir.as_os_str().is_empty())
                .any(|dir| self.dir.join(dir).is_file())
                || std::fs::symlink_metadata(&to).is_ok();
            if !blocked {
                link_or_copy(&self.out.join(&relative), &to)?;
            }
        }
        Ok(())
    }

    /// Every file in the previous output that is not in `produced` (read from the disk).
    fn files_not_in(&self, produced: &PathSet<&Path>) -> Result<Vec<PathBuf>> {
        let mut leftovers = Vec::new();
        for entry in walkdir::WalkDir::new(&self.out).min_depth(1) {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(&self.out).to_owned();
                Error::io(&path, e.into())
            })?;
            if entry.file_type().is_dir() {
                continue;
            }
            let relative = entry.path().strip_prefix(&self.out).unwrap_or(entry.path());
            if !produced.contains(relative) {
                leftovers.push(relative.to_owned());
            }
        }
        Ok(leftovers)
    }

    /// Renames each staged file over its old version and deletes the leftovers, the record
    /// of inputs out of the way while that happens.
    fn replace_in_place(&mut self, written: &[PathBuf], leftovers: &[PathBuf]) -> Result<()> {
        // An unchanged record describes the new output as well as the old one.
        let record = self.record.clone().filter(|r| written.contains(r));
        if let Some(record) = &record {
            remove_file_if_present(&self.out.join(record))?;
        }
        written
            .par_iter()
            .filter(|relative| Some(*relative) != record.as_ref())
            .try_for_each(|relative| self.move_into_place(relative))?;
        for relative in leftovers {
            remove_file_if_present(&self.out.join(relative))?;
            remove_empty_parents(&self.out, relative);
        }
        if let Some(record) = &record {
            self.move_into_place(record)?;
        }
        // Only the directories of the moved files are left in it.
        std::fs::remove_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        self.committed = true;
        Ok(())
    }

    /// Whether every changed file can be renamed into the previous output: no directory
    /// where the file goes, no file where one of its directories goes. (A static file
    /// replaced by a directory of the same name, say.) Otherwise the tree is swapped whole,
    /// which cannot meet such a conflict half-way.
    fn fits_in_place(&self, written: &[PathBuf]) -> bool {
        let kind = |relative: &Path| std::fs::symlink_metadata(self.out.join(relative)).ok();
        written.iter().all(|relative| {
            let file_fits = kind(relative).is_none_or(|m| m.is_file());
            let dirs_fit = relative
                .ancestors()
                .skip(1)
                .filter(|dir| !dir.as_os_str().is_empty())
                .all(|dir| kind(dir).is_none_or(|m| m.is_dir()));
            file_fits && dirs_fit
        })
    }

    fn move_into_place(&self, relative: &Path) -> Result<()> {
        let to = self.out.join(relative);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        std::fs::rename(self.dir.join(relative), &to).map_err(|e| Error::io(&to, e))
    }

    /// Replaces the output with the staged tree: two renames, so a reader of the output
    /// directory sees the old tree or the new one, never a half-written one.
    fn swap(&mut self) -> Result<()> {
        let parent = self.out.parent().unwrap_or(Path::new("/")).to_owned();
        let name = self
            .out
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("dist");
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_previous = self.out.exists();
        if had_previous {
            std::fs::rename(&self.out, &old).map_err(|e| Error::io(&self.out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if had_previous {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(Error::io(&self.out, e));
        }
        self.committed = true;
        if had_previous {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn remove_file_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// Removes the directories of `relative` below `out` that a deletion left empty, deepest
/// first; stops at the first one that still holds something.
fn remove_empty_parents(out: &Path, relative: &Path) {
    for dir in relative.ancestors().skip(1) {
        if dir.as_os_str().is_empty() || std::fs::remove_dir(out.join(dir)).is_err() {
            break;
        }
    }
}

/// The exact bytes a page will have on disk.
pub fn bytes_of(rendered: Rendered) -> Result<Cow<'static, [u8]>> {
    Ok(match rendered {
        Rendered::Page {
            html,
            fragments,
            minify: true,
        } => Cow::Owned(minify::minify_spliced(&html, &fragments)),
        Rendered::Page {
            html,
            fragments,
            minify: false,
        } => Cow::Owned(minify::splice(html.into_bytes(), &fragments)),
        Rendered::Text(text) => Cow::Owned(text.into_bytes()),
        Rendered::Copy(StaticSource::Embedded(bytes)) => Cow::Borrowed(*bytes),
        Rendered::Copy(StaticSource::File(source)) => {
            Cow::Owned(std::fs::read(source).map_err(|e| Error::io(source, e))?)
        }
    })
}

/// Whether `path` is a regular file holding exactly `bytes`: the size first, so most
/// changed files are told apart without reading them. Any error counts as "different".
fn same_contents(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Brings an unchanged file into the staging tree without rewriting it: a hard link to the
/// previous output's file (which the swap then deletes), or a copy where links fail.
fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| Error::io(from, e))
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path)
        .map(|p| normalize(&p))
        .map_err(|e| Error::io(path, e))
}

/// Resolves `.` and `..` lexically, so `dist/..` is recognised as the root itself.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn is_previous_build(dir: &Path) -> Result<bool> {
    let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let empty = entries.next().is_none();
    Ok(empty || BUILD_MARKERS.iter().any(|m| dir.join(m).is_file()))
}

/// Accepts only plain relative paths: no `..`, no root, no drive, no empty segment.
fn safe_relative(relative: &str) -> Result<&Path> {
    let path = Path::new(relative);
    let plain = !relative.is_empty()
        && !relative.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(path)
    } else {
        Err(WriteError::NotPlainPath {
            path: relative.to_owned(),
        }
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_written() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(safe_relative(bad).is_err(), "{bad}");
        }
        assert!(safe_relative("en/251-vs-521/index.html").is_ok());
        assert!(safe_relative(".nojekyll").is_ok());
    }

    #[test]
    fn refuses_to_replace_a_directory_it_did_not_write() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "keep").unwrap();
        let root = tmp.path().join("site");
        assert!(Staging::create(&out, &root).is_err());
        assert!(Staging::create(&root.join(".."), &root).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("precious.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn only_changed_files_are_written_and_leftovers_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, root) = (tmp.path().join("dist"), tmp.path().join("site"));
        let build = |files: &[(&str, &str)]| {
            let staging = Staging::create(&out, &root).unwrap();
            for (path, text) in files {
                staging.write(path, Rendered::Text((*text).into())).unwrap();
            }
            staging.commit().unwrap()
        };
        let counts = |written, unchanged, removed| WriteCounts {
            written,
            unchanged,
            removed,
        };
        let first = [(".nojekyll", ""), ("a.txt", "a"), ("b/c.txt", "c")];
        assert_eq!(build(&first), counts(3, 0, 0));
        assert_eq!(build(&first), counts(0, 3, 0));
        // Same size, different bytes: still a change.
        assert_eq!(build(&[(".nojekyll", ""), ("a.txt", "A")]), counts(1, 1, 1));
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "A");
        assert!(!out.join("b").exists());
        assert!(
            std::fs::read_dir(tmp.path()).unwrap().count() == 1,
            "staging left"
        );
    }

    #[test]
    fn an_abandoned_staging_directory_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let staging = Staging::create(&out, &tmp.path().join("site")).unwrap();
        staging
            .write(
                "a/index.html",
                Rendered::Page {
                    html: "<p>x</p>".into(),
                    fragments: Vec::new(),
                    minify: true,
                },
            )
            .unwrap();
        drop(staging);
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
        assert!(!out.exists());
    }

    /// Builds `files` into `out`, with a record.
    fn build_with_record(out: &Path, root: &Path, files: &[(&str, &str)], record: &str) {
        let mut staging = Staging::create(out, root).unwrap();
        for (path, text) in files {
            staging.write(path, Rendered::Text((*text).into())).unwrap();
        }
        staging.write_record(".record", record.into()).unwrap();
        staging.commit().unwrap();
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).unwrap().ino()
    }

    /// Files that stay the same from build to build, so that changing one or two others
    /// is a small change.
    fn steady_files() -> Vec<(&'static str, &'static str)> {
        let steady = [
            "p/0.txt", "p/1.txt", "p/2.txt", "p/3.txt", "p/4.txt", "p/5.txt",
        ];
        let mut files: Vec<_> = steady.into_iter().map(|p| (p, "same")).collect();
        files.push((".nojekyll", ""));
        files
    }

    #[test]
    fn a_few_changes_are_renamed_into_place_record_included() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, root) = (tmp.path().join("dist"), tmp.path().join("site"));
        let mut files = steady_files();
        files.push(("gone/old.txt", "old"));
        build_with_record(&out, &root, &files, "one");
        #[cfg(unix)]
        let (dir, kept) = (inode(&out), inode(&out.join("p/0.txt")));

        files.pop();
        files.push(("new/page.txt", "new"));
        files[1].1 = "changed";
        build_with_record(&out, &root, &files, "two");
        assert_eq!(
            std::fs::read_to_string(out.join("p/1.txt")).unwrap(),
            "changed"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("new/page.txt")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_to_string(out.join(".record")).unwrap(), "two");
        assert!(
            !out.join("gone").exists(),
            "an emptied directory is removed"
        );
        #[cfg(unix)]
        {
            assert_eq!(inode(&out), dir, "not swapped");
            assert_eq!(inode(&out.join("p/0.txt")), kept, "not relinked");
        }
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_tampered_list_of_previous_files_removes_nothing_outside_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, root) = (tmp.path().join("dist"), tmp.path().join("site"));
        let files = steady_files();
        build_with_record(&out, &root, &files, "one");
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("x.txt"), "keep").unwrap();
        std::fs::write(tmp.path().join("outside.txt"), "keep").unwrap();
        std::fs::write(tmp.path().join("absolute.txt"), "keep").unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("linked")).unwrap();
        let mut staging = Staging::create(&out, &root).unwrap();
        // Only paths inside the temporary directory, so that a broken check deletes
        // nothing else.
        staging.previous_files(&[
            "../outside.txt".to_owned(),
            "linked/x.txt".to_owned(),
            tmp.path()
                .join("absolute.txt")
                .to_string_lossy()
                .into_owned(),
        ]);
        for (path, text) in &files {
            staging.write(path, Rendered::Text((*text).into())).unwrap();
        }
        let counts = staging.commit().unwrap();
        assert_eq!(counts.removed, 0);
        assert!(elsewhere.join("x.txt").is_file());
        assert!(tmp.path().join("outside.txt").is_file());
        assert!(tmp.path().join("absolute.txt").is_file());
    }

    #[test]
    fn a_file_that_becomes_a_directory_is_swapped_not_renamed() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, root) = (tmp.path().join("dist"), tmp.path().join("site"));
        let mut files = steady_files();
        files.push(("x", "a file"));
        build_with_record(&out, &root, &files, "one");
        #[cfg(unix)]
        let dir = inode(&out);
        files.pop();
        files.push(("x/y.txt", "below a directory now"));
        build_with_record(&out, &root, &files, "two");
        #[cfg(unix)]
        assert_ne!(inode(&out), dir, "swapped");
        assert_eq!(
            std::fs::read_to_string(out.join("x/y.txt")).unwrap(),
            "below a directory now"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("p/3.txt")).unwrap(),
            "same"
        );
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging left"
        );
    }
}
