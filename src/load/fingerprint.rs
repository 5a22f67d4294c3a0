//! What the output was built from, so that a rebuild can skip the work whose inputs did
//! not change. Three levels, all recorded in the output as [`FILE`]:
//!
//! - the whole build: a key of the generator, every input file (`site.yaml`, `content/`,
//!   `templates/`, `static/`, each `locales/<lang>/`), the root as given and the options
//!   that change the output or its success (`--base-url`, `--strict`), computed before
//!   anything is loaded ([`InputFiles::build_key`]). With it the build records its
//!   [`Summary`] (pages per locale, base path, translation warnings and coverage). A build
//!   with the recorded key, whose output still has every file the record lists, has
//!   nothing to do: it loads, plans, renders and writes nothing, and reports the recorded
//!   summary ([`crate::write::up_to_date`]);
//! - per locale: a page of locale L depends on the generator itself (this executable),
//!   `site.yaml` and the effective base URL, `content/`, `templates/`, `static/`, the
//!   default locale's files (the fallback for anything L lacks) and L's own files. The
//!   build hashes exactly those, per locale; a locale whose hash is unchanged has its
//!   pages taken from the previous output as they are, without even computing them;
//! - per page: every page rendered from a template has a key, a hash of everything the
//!   template is given ([`crate::render::TemplatePage::key`]). When a locale's files did
//!   change, each of its pages is still reused if its key is the recorded one. This is
//!   what keeps an edit to one code from re-rendering every page: `content/` is an input
//!   of every locale, but only the pages that show that code get a new key.
//!
//! A template that reads the clock, random numbers or the environment can render other
//! pages from the same inputs: then nothing is reused and the whole build's key is not
//! recorded.
//!
//! The record also lists every other file the build wrote (static files, sitemaps,
//! `codes.json`…), so the next build knows what this one wrote without reading the output
//! directory: a file listed here that the next build does not produce is its leftover, to
//! be removed; a file not listed was not written by us and is left alone (see
//! [`crate::write`]).
//!
//! A page missing from the previous output is rendered anyway. The record is written after
//! every page and goes into the output with them (swapped in with the whole tree, or, when
//! files are replaced one by one, removed first and put back last; see [`crate::write`]),
//! and a failed build does not write it, so it never describes files that are not there.
//! Like make, this does not notice hand edits to files inside the output: delete the
//! edited file, or the whole output, to have it rebuilt.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::hash::{Fnv, generator_id};
use crate::load::Site;
use crate::load::translations::{Coverage, Finding};

/// The record of a build's inputs, inside the output directory.
pub const FILE: &str = ".smtpcodes-inputs";

const HEADER: &str =
    "# What each locale's pages were built from (smtpcodes; see src/load/fingerprint.rs).";
const PAGES_HEADER: &str =
    "# Each page rendered from a template: a hash of everything it was rendered from.";
const FILES_HEADER: &str = "# Every other file this build wrote, and the end of the list.";
/// The last line of a record that lists every file its build wrote (records of older
/// versions of the generator list only the pages rendered from templates).
const COMPLETE: &str = "complete";
/// The line of the whole build's key (and how many files a no-op rebuild reuses), and the
/// line of its [`Summary`], as JSON.
const BUILD: &str = "build ";
const SUMMARY: &str = "summary ";

/// A whole build's key: see [`InputFiles::build_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildKey(u64);

/// What a build reports that only loading and planning the site can tell. Recorded with
/// the build's key, so that the next build with that key, which finds the output up to
/// date and loads nothing, reports the same (see [`Record::up_to_date`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// (locale, HTML pages), in config order.
    pub pages_per_locale: Vec<(String, usize)>,
    /// The path the site is served under (`/repo`, or empty).
    pub base_path: String,
    /// Translation warnings (errors stop a build, so a recorded one has none).
    pub warnings: Vec<Finding>,
    pub coverage: Vec<Coverage>,
}

/// What the record says of the whole build that wrote it, for the next build with its key.
pub struct WholeBuild<'a> {
    pub key: BuildKey,
    pub summary: &'a Summary,
    /// How many files a rebuild with nothing changed takes from the output without
    /// rendering them (what its summary line says it reused).
    pub reused: usize,
}

/// A record that describes the output a build with the same key would write: its build's
/// summary, and every file it lists, as slices of the record's text.
pub struct UpToDate<'t> {
    pub summary: Summary,
    pub reused: usize,
    pub files: Vec<&'t str>,
}

/// One hash per locale, in config order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprints {
    locales: Vec<(String, u64)>,
}

/// The site root's files, hashed before the site is loaded: a file edited while the build
/// runs then makes the record older than the pages, never newer, so the next build
/// renders them again instead of trusting pages built from the old text.
pub struct InputFiles {
    /// `site.yaml`, `content/`, `templates/` and `static/`.
    shared: u64,
    /// Each directory below `locales/`, by name.
    locales: Vec<(String, u64)>,
}

impl InputFiles {
    /// Lists the inputs below `root`, then reads and hashes them (see `hash_parts`).
    pub fn hash(root: &Path) -> Result<InputFiles> {
        let mut inputs = Vec::new();
        let config = root.join(crate::load::config::CONFIG_FILE);
        // A linked site.yaml is refused by loading: hashed as a link, not as its target.
        if let Ok(meta) = std::fs::symlink_metadata(&config)
            && !meta.is_dir()
        {
            inputs.push(Input::new(config, meta.is_file(), SHARED));
        }
        for dir in ["content", "templates", "static"] {
            list_dir(&root.join(dir), SHARED, &mut inputs)?;
        }
        let mut names = Vec::new();
        let locales_dir = root.join("locales");
        if locales_dir.is_dir() {
            let entries =
                std::fs::read_dir(&locales_dir).map_err(|e| Error::io(&locales_dir, e))?;
            for entry in entries {
                let entry = entry.map_err(|e| Error::io(&locales_dir, e))?;
                names.push(entry.file_name().to_string_lossy().into_owned());
                // A linked locale directory is refused by loading; it is not read here.
                if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                    inputs.push(Input::new(entry.path(), false, names.len()));
                } else {
                    list_dir(&entry.path(), names.len(), &mut inputs)?;
                }
            }
        }
        let mut parts = hash_parts(root, &inputs, names.len() + 1)?.into_iter();
        let shared = parts.next().unwrap_or_default();
        let mut locales: Vec<(String, u64)> = names.into_iter().zip(parts).collect();
        // In name order: the order of a directory listing can change while its files do not.
        locales.sort_unstable();
        Ok(InputFiles { shared, locales })
    }

    /// The key of a whole build: the generator, every input file, and the options that
    /// change what is written or whether the build succeeds (`--base-url`, `--strict`).
    /// `root` is in it as given, because the recorded translation warnings name files by
    /// it (see [`Summary`]). Two builds with one key write the same output, unless a
    /// template reads the clock or the like (then the key is never recorded).
    pub fn build_key(&self, root: &Path, base_url: Option<&str>, strict: bool) -> BuildKey {
        let mut key = Fnv::new();
        key.write_str(&generator_id());
        let root = root.as_os_str().as_encoded_bytes();
        key.write_u64(root.len() as u64);
        key.write(root);
        match base_url {
            Some(url) => {
                key.write_u64(1);
                key.write_str(url);
            }
            None => key.write_u64(0),
        }
        key.write_u64(u64::from(strict));
        key.write_u64(self.shared);
        key.write_u64(self.locales.len() as u64);
        for (name, hash) in &self.locales {
            key.write_str(name);
            key.write_u64(*hash);
        }
        BuildKey(key.finish())
    }

    fn locale(&self, lang: &str) -> u64 {
        self.locales
            .iter()
            .find(|(name, _)| name == lang)
            .map_or(0, |(_, hash)| *hash)
    }
}

impl Fingerprints {
    /// Each locale's fingerprint: the generator, the effective base URL, the shared files,
    /// the default locale's files and its own.
    pub fn compute(files: &InputFiles, site: &Site) -> Fingerprints {
        let mut common = Fnv::new();
        common.write_str(&generator_id());
        common.write_str(&site.config.base_url);
        common.write_str(&site.config.base_path);
        common.write_u64(files.shared);
        let default = files.locale(&site.config.default_locale);
        let locales = site
            .config
            .locales
            .iter()
            .map(|locale| {
                let mut all = Fnv::new();
                for part in [common.finish(), default, files.locale(&locale.code)] {
                    all.write_u64(part);
                }
                (locale.code.clone(), all.finish())
            })
            .collect();
        Fingerprints { locales }
    }

    /// For each locale of `self`, in order: whether `previous` recorded the same inputs.
    pub fn unchanged_since(&self, previous: Option<&Fingerprints>) -> Vec<bool> {
        self.locales
            .iter()
            .map(|entry| previous.is_some_and(|p| p.locales.contains(entry)))
            .collect()
    }
}

/// What a previous build recorded in its output: the locales' fingerprints, and the key
/// of each page rendered from a template (see [`crate::render::TemplatePage::key`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    pub inputs: Fingerprints,
    pages: HashMap<String, u64>,
    /// Every other file the build wrote (besides the record itself).
    files: Vec<String>,
    /// Whether the record ends with [`COMPLETE`]: then `pages` and `files` are every file
    /// the build wrote.
    complete: bool,
}

impl Record {
    /// The record in a previous output, if it has a readable one.
    pub fn read(out: &Path) -> Option<Record> {
        let text = std::fs::read_to_string(out.join(FILE)).ok()?;
        Record::parse(&text)
    }

    fn parse(text: &str) -> Option<Record> {
        let mut record = Record::default();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            if record.complete {
                // Nothing may follow the end of the list.
                return None;
            }
            if line == COMPLETE {
                record.complete = true;
                continue;
            }
            if let Some(path) = line.strip_prefix("file ") {
                record.files.push(path.to_owned());
                continue;
            }
            if line.starts_with(BUILD) || line.starts_with(SUMMARY) {
                // For the next build with the same key only: see `Record::up_to_date`.
                continue;
            }
            let (kind, rest) = line.split_once(' ')?;
            let (first, second) = rest.split_once(' ')?;
            match kind {
                "locale" => {
                    let hash = u64::from_str_radix(second, 16).ok()?;
                    record.inputs.locales.push((first.to_owned(), hash));
                }
                "page" => {
                    let key = u64::from_str_radix(first, 16).ok()?;
                    record.pages.insert(second.to_owned(), key);
                }
                _ => return None,
            }
        }
        Some(record)
    }

    /// The files a record (`text`) lists, and the summary of the build that wrote it, if
    /// that build had the key `key` and the record lists every file it wrote; `None` for
    /// anything else, a damaged record included (the build is then done in full). Read
    /// without a map or a string per line: a no-op rebuild of a large site reads 200,000
    /// lines here, and does little else.
    pub fn up_to_date(text: &str, key: BuildKey) -> Option<UpToDate<'_>> {
        let mut lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        let (recorded, reused) = lines.next()?.strip_prefix(BUILD)?.split_once(' ')?;
        if u64::from_str_radix(recorded, 16).ok()? != key.0 {
            return None;
        }
        let reused = reused.parse().ok()?;
        let summary = serde_json::from_str(lines.next()?.strip_prefix(SUMMARY)?).ok()?;
        let mut files = Vec::new();
        let mut complete = false;
        for line in lines {
            if complete {
                // Nothing may follow the end of the list.
                return None;
            }
            if line == COMPLETE {
                complete = true;
            } else if let Some(path) = line.strip_prefix("file ") {
                files.push(path);
            } else if let Some(page) = line.strip_prefix("page ") {
                let (page_key, path) = page.split_once(' ')?;
                u64::from_str_radix(page_key, 16).ok()?;
                files.push(path);
            } else if !line.starts_with("locale ") {
                return None;
            }
        }
        complete.then_some(UpToDate {
            summary,
            reused,
            files,
        })
    }

    /// The key `path` was rendered from, if it was rendered from a template.
    pub fn page_key(&self, path: &str) -> Option<u64> {
        self.pages.get(path).copied()
    }

    /// Every file the build that wrote this record wrote (the record itself left out), by
    /// path relative to the output; `None` for a record that does not list them all.
    pub fn written(&self) -> Option<impl Iterator<Item = &str>> {
        self.complete.then(|| {
            self.pages
                .keys()
                .map(String::as_str)
                .chain(self.files.iter().map(String::as_str))
        })
    }

    /// What is written to [`FILE`]: the whole build's key and summary (if it may be
    /// trusted again: see [`WholeBuild`]), `inputs`, the key of each page that has one, and
    /// every other file written (`files`).
    pub fn to_text<'a>(
        whole: Option<&WholeBuild>,
        inputs: &Fingerprints,
        pages: impl IntoIterator<Item = (&'a str, u64), IntoIter: Clone>,
        files: impl IntoIterator<Item = &'a str, IntoIter: Clone>,
    ) -> String {
        let (pages, files) = (pages.into_iter(), files.into_iter());
        // Sized once: at 200k pages the text is 11 MB, and growing it step by step copied
        // it again and again into fresh memory, at the build's serial end (this and the
        // lines pushed instead of formatted: 22 - 198 ms -> 15 - 27 ms, four builds each).
        let lines: usize = pages
            .clone()
            .map(|(path, _)| PAGE_LINE + path.len())
            .sum::<usize>()
            + files
                .clone()
                .map(|path| FILE_LINE + path.len())
                .sum::<usize>();
        // First, so that a build with another key stops reading here. A summary that JSON
        // cannot hold (a path that is not UTF-8) leaves the build unrecorded.
        let summary = whole.and_then(|w| Some((w, serde_json::to_string(w.summary).ok()?)));
        let summary_len = summary.as_ref().map_or(0, |(_, json)| json.len());
        let mut text = String::with_capacity(lines + summary_len + HEAD_ROOM);
        text.push_str(HEADER);
        text.push('\n');
        if let Some((whole, summary)) = summary {
            let _ = writeln!(text, "{BUILD}{:016x} {}", whole.key.0, whole.reused);
            let _ = writeln!(text, "{SUMMARY}{summary}");
        }
        let mut complete = true;
        for (lang, hash) in &inputs.locales {
            let _ = writeln!(text, "locale {lang} {hash:016x}");
        }
        text.push_str(PAGES_HEADER);
        text.push('\n');
        for (path, key) in pages {
            // A path with a line break could not be read back; such a page is simply
            // rendered every time (and the list of files is not complete).
            if path.contains(['\n', '\r']) {
                complete = false;
            } else {
                // One line per page (200k of them): pushed, not formatted.
                text.push_str("page ");
                push_hex16(&mut text, key);
                text.push(' ');
                text.push_str(path);
                text.push('\n');
            }
        }
        text.push_str(FILES_HEADER);
        text.push('\n');
        for path in files {
            if path.contains(['\n', '\r']) {
                // Not listed: the list is then not every file, and says so.
                complete = false;
            } else {
                text.push_str("file ");
                text.push_str(path);
                text.push('\n');
            }
        }
        if complete {
            text.push_str(COMPLETE);
            text.push('\n');
        }
        text
    }
}

/// The bytes of a `page KEY PATH` line besides the path, and of a `file PATH` line.
const PAGE_LINE: usize = "page ".len() + 16 + " ".len() + "\n".len();
const FILE_LINE: usize = "file ".len() + "\n".len();
/// Room for the lines besides the lists and the summary (header, key, locales, ends).
const HEAD_ROOM: usize = 4096;

/// Appends `value` as `{:016x}` would write it.
fn push_hex16(text: &mut String, value: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for shift in (0..16).rev() {
        text.push(char::from(DIGITS[(value >> (shift * 4)) as usize & 0xf]));
    }
}

/// The part of [`InputFiles`] an [`Input`] goes into: the shared files, or (from 1 on) the
/// directories below `locales/`, in the order they were listed.
const SHARED: usize = 0;

/// One entry among the inputs: a regular file, hashed by its contents, or anything else
/// but a directory (a link, which loading skips or refuses), by where it points, so that
/// adding one changes the hash as it can change whether the build succeeds.
struct Input {
    path: PathBuf,
    regular: bool,
    part: usize,
}

impl Input {
    fn new(path: PathBuf, regular: bool, part: usize) -> Input {
        Input {
            path,
            regular,
            part,
        }
    }

    /// A hash of what the entry holds: a file's length and bytes, or a length no file
    /// has and a link's target.
    fn contents(&self) -> Result<u64> {
        let mut hash = Fnv::wide();
        if self.regular {
            let bytes = std::fs::read(&self.path).map_err(|e| Error::io(&self.path, e))?;
            hash.write_u64(bytes.len() as u64);
            hash.write(&bytes);
        } else {
            let target = std::fs::read_link(&self.path).unwrap_or_default();
            hash.write_u64(u64::MAX);
            hash.write_str(&target.to_string_lossy());
        }
        Ok(hash.finish())
    }
}

/// Every entry below `dir` (none if it does not exist) but directories, in path order.
fn list_dir(dir: &Path, part: usize, inputs: &mut Vec<Input>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_owned();
            Error::io(&path, e.into())
        })?;
        let kind = entry.file_type();
        if !kind.is_dir() {
            inputs.push(Input::new(entry.into_path(), kind.is_file(), part));
        }
    }
    Ok(())
}

/// One hash per part (`parts` of them) of each of its inputs' path relative to `root` and
/// contents, in order. The files are read and hashed on every core: a no-op rebuild of the
/// shipped site does little else but this and a look at each output file.
fn hash_parts(root: &Path, inputs: &[Input], parts: usize) -> Result<Vec<u64>> {
    let contents: Vec<u64> = inputs
        .par_iter()
        .map(Input::contents)
        .collect::<Result<_>>()?;
    let mut hashes = vec![Fnv::wide(); parts];
    for (input, contents) in inputs.iter().zip(contents) {
        if let Some(hash) = hashes.get_mut(input.part) {
            let relative = input.path.strip_prefix(root).unwrap_or(&input.path);
            hash.write_str(&relative.to_string_lossy());
            hash.write_u64(contents);
        }
    }
    Ok(hashes.into_iter().map(Fnv::finish).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prints(entries: &[(&str, u64)]) -> Fingerprints {
        Fingerprints {
            locales: entries.iter().map(|(l, h)| ((*l).to_owned(), *h)).collect(),
        }
    }

    proptest::proptest! {
        #[test]
        fn keys_are_written_as_sixteen_hex_digits(value: u64) {
            let mut text = String::from("page ");
            push_hex16(&mut text, value);
            proptest::prop_assert_eq!(text, format!("page {value:016x}"));
        }
    }

    #[test]
    fn the_recorded_text_reads_back() {
        let inputs = prints(&[("en", 1), ("ja", u64::MAX)]);
        let pages = [("en/250/index.html", 7), ("ja/a b/index.html", u64::MAX)];
        let files = ["style.css", "en/codes.json"];
        let record = Record::parse(&Record::to_text(None, &inputs, pages, files)).unwrap();
        assert_eq!(record.inputs, inputs);
        assert_eq!(record.page_key("en/250/index.html"), Some(7));
        assert_eq!(record.page_key("ja/a b/index.html"), Some(u64::MAX));
        assert_eq!(record.page_key("en/251/index.html"), None);
        let mut written: Vec<&str> = record.written().unwrap().collect();
        written.sort_unstable();
        assert_eq!(
            written,
            [
                "en/250/index.html",
                "en/codes.json",
                "ja/a b/index.html",
                "style.css"
            ]
        );
        for broken in [
            "locale en zz\n",
            "garbage",
            "en 0123\n",
            "page 12\n",
            "complete\nfile x\n",
        ] {
            assert_eq!(Record::parse(broken), None, "{broken:?}");
        }
    }

    fn summary() -> Summary {
        let warning = Finding {
            severity: crate::load::translations::Severity::Warning,
            diagnostic: crate::error::Diagnostic::new(
                crate::error::Location::new("site/locales/ja/site.ftl", 3, 1),
                "missing message `a`\nsecond \"line\"",
            ),
        };
        Summary {
            pages_per_locale: vec![("en".into(), 2), ("ja".into(), 2)],
            base_path: "/repo".into(),
            warnings: vec![warning],
            coverage: vec![Coverage {
                locale: "ja".into(),
                prose_stale: 1,
                ..Coverage::default()
            }],
        }
    }

    fn recorded(whole: Option<&WholeBuild>) -> String {
        let pages = [("en/index.html", 2), ("ja/a b/index.html", 3)];
        Record::to_text(whole, &prints(&[("en", 1)]), pages, ["style.css"])
    }

    /// A record by a build with key 7 that reused 3 files.
    fn recorded_with_key(summary: &Summary) -> String {
        let whole = WholeBuild {
            key: BuildKey(7),
            summary,
            reused: 3,
        };
        recorded(Some(&whole))
    }

    #[test]
    fn a_record_tells_a_build_with_its_key_every_file_and_what_it_reported() {
        let summary = summary();
        let text = recorded_with_key(&summary);
        let found = Record::up_to_date(&text, BuildKey(7)).unwrap();
        assert_eq!(found.summary, summary);
        assert_eq!(found.reused, 3);
        assert_eq!(
            found.files,
            ["en/index.html", "ja/a b/index.html", "style.css"]
        );
        assert!(Record::up_to_date(&text, BuildKey(8)).is_none());
        // Reading the record for its pages' keys skips the whole build's lines.
        assert_eq!(
            Record::parse(&text).unwrap().page_key("ja/a b/index.html"),
            Some(3)
        );
        // A record without the whole build's key (from an older version, or of a site
        // whose templates read the clock) never matches.
        assert!(Record::up_to_date(&recorded(None), BuildKey(7)).is_none());
    }

    #[test]
    fn a_damaged_record_is_never_up_to_date() {
        let text = recorded_with_key(&summary());
        assert!(Record::up_to_date(&text, BuildKey(7)).is_some());
        for damaged in [
            text.replace("complete\n", ""),
            text.replace("file style.css", "garbage"),
            text.replace("page 0000000000000002", "page zz"),
            text.replace("summary {", "summary {{"),
            text.replacen(" 3\n", " x\n", 1),
            format!("{text}file after-the-end\n"),
            text.lines()
                .filter(|l| !l.starts_with("summary "))
                .collect::<Vec<_>>()
                .join("\n"),
        ] {
            assert!(
                Record::up_to_date(&damaged, BuildKey(7)).is_none(),
                "{damaged}"
            );
        }
    }

    #[test]
    fn a_path_that_cannot_be_read_back_is_left_out() {
        let text = Record::to_text(None, &prints(&[]), [("a\nlocale en 1", 1), ("b", 2)], ["c"]);
        let record = Record::parse(&text).unwrap();
        assert_eq!(record.inputs, prints(&[]));
        assert_eq!(record.page_key("b"), Some(2));
        // A file that cannot be listed makes the list incomplete, and the record says so.
        let text = Record::to_text(None, &prints(&[]), [("b", 2)], ["c\nfile d", "e"]);
        let record = Record::parse(&text).unwrap();
        assert!(record.written().is_none());
    }

    #[test]
    fn a_record_of_an_older_version_does_not_claim_to_list_every_file() {
        let text = "locale en 0000000000000001\npage 0000000000000002 en/index.html\n";
        let record = Record::parse(text).unwrap();
        assert_eq!(record.page_key("en/index.html"), Some(2));
        assert!(record.written().is_none());
    }

    #[test]
    fn only_locales_with_the_same_hash_are_unchanged() {
        let now = prints(&[("en", 1), ("ja", 2), ("fr", 3)]);
        let before = prints(&[("en", 1), ("ja", 9)]);
        assert_eq!(now.unchanged_since(Some(&before)), [true, false, false]);
        assert_eq!(now.unchanged_since(None), [false, false, false]);
    }
}
