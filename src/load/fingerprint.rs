//! What the pages were built from, so that a rebuild can skip rendering the pages whose
//! inputs did not change. Two levels, both recorded in the output as [`FILE`]:
//!
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
//! The record also lists every other file the build wrote (static files, sitemaps,
//! `codes.json`…), so the next build knows what this one wrote without reading the output
//! directory: a file listed here that the next build does not produce is its leftover, to
//! be removed; a file not listed was not written by us and is left alone (see
//! [`crate::write`]).
//!
//! A page missing from the previous output is rendered anyway. The record is written after
//! every page and goes into the output with them (swapped in with the whole tree, or, when
//! files are replaced one by one, removed first and put back last; see [`crate::write`]),
//! so it never describes files that are not there. Like make, this does not notice hand
//! edits to files inside the output: delete the edited file, or the whole output, to have
//! it rebuilt.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, Result};
use crate::hash::{Fnv, generator_id};
use crate::load::{Site, files_below};

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
    pub fn hash(root: &Path) -> Result<InputFiles> {
        let mut shared = Fnv::new();
        let config = root.join(crate::load::config::CONFIG_FILE);
        if config.is_file() {
            hash_file(&mut shared, root, &config)?;
        }
        for dir in ["content", "templates", "static"] {
            hash_dir(&mut shared, root, &root.join(dir))?;
        }
        let mut locales = Vec::new();
        let locales_dir = root.join("locales");
        if locales_dir.is_dir() {
            let entries =
                std::fs::read_dir(&locales_dir).map_err(|e| Error::io(&locales_dir, e))?;
            for entry in entries {
                let entry = entry.map_err(|e| Error::io(&locales_dir, e))?;
                // A linked locale directory is refused by loading; it is not read here.
                if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                    continue;
                }
                let mut own = Fnv::new();
                hash_dir(&mut own, root, &entry.path())?;
                locales.push((
                    entry.file_name().to_string_lossy().into_owned(),
                    own.finish(),
                ));
            }
        }
        Ok(InputFiles {
            shared: shared.finish(),
            locales,
        })
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

    /// What is written to [`FILE`]: `inputs`, the key of each page that has one, and every
    /// other file written (`files`).
    pub fn to_text<'a>(
        inputs: &Fingerprints,
        pages: impl IntoIterator<Item = (&'a str, u64)>,
        files: impl IntoIterator<Item = &'a str>,
    ) -> String {
        let mut text = format!("{HEADER}\n");
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
                let _ = writeln!(text, "page {key:016x} {path}");
            }
        }
        text.push_str(FILES_HEADER);
        text.push('\n');
        for path in files {
            if path.contains(['\n', '\r']) {
                // Not listed: the list is then not every file, and says so.
                complete = false;
            } else {
                let _ = writeln!(text, "file {path}");
            }
        }
        if complete {
            text.push_str(COMPLETE);
            text.push('\n');
        }
        text
    }
}

/// Every file below `dir` (none if it does not exist), in path order, by path relative
/// to `root` and contents.
fn hash_dir(hash: &mut Fnv, root: &Path, dir: &Path) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for file in files_below(dir)? {
        hash_file(hash, root, &file)?;
    }
    Ok(())
}

fn hash_file(hash: &mut Fnv, root: &Path, file: &Path) -> Result<()> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let relative = file.strip_prefix(root).unwrap_or(file);
    hash.write_str(&relative.to_string_lossy());
    hash.write_u64(bytes.len() as u64);
    hash.write(&bytes);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prints(entries: &[(&str, u64)]) -> Fingerprints {
        Fingerprints {
            locales: entries.iter().map(|(l, h)| ((*l).to_owned(), *h)).collect(),
        }
    }

    #[test]
    fn the_recorded_text_reads_back() {
        let inputs = prints(&[("en", 1), ("ja", u64::MAX)]);
        let pages = [("en/250/index.html", 7), ("ja/a b/index.html", u64::MAX)];
        let files = ["style.css", "en/codes.json"];
        let record = Record::parse(&Record::to_text(&inputs, pages, files)).unwrap();
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

    #[test]
    fn a_path_that_cannot_be_read_back_is_left_out() {
        let text = Record::to_text(&prints(&[]), [("a\nlocale en 1", 1), ("b", 2)], ["c"]);
        let record = Record::parse(&text).unwrap();
        assert_eq!(record.inputs, prints(&[]));
        assert_eq!(record.page_key("b"), Some(2));
        // A file that cannot be listed makes the list incomplete, and the record says so.
        let text = Record::to_text(&prints(&[]), [("b", 2)], ["c\nfile d", "e"]);
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
