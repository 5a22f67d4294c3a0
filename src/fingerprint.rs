//! What each locale's pages were built from, so that a rebuild can skip rendering the
//! pages whose inputs did not change.
//!
//! A page of locale L depends on: the generator itself (this executable), `site.yaml` and
//! the effective base URL, `content/`, `templates/`, `static/`, the default locale's files
//! (the fallback for anything L lacks) and L's own files. The build hashes exactly those,
//! per locale, and records the hashes in the output as [`FILE`]. The file is staged and
//! swapped in with the rest of the tree, so it always describes the tree it is in, even
//! after a failed or interrupted build.
//!
//! On the next build, a locale whose hash is unchanged has its pages taken from the
//! previous output as they are (linked, like any unchanged file) instead of rendered and
//! compared; a page missing from the previous output is rendered anyway. Pages that show
//! every locale (the translation status, the root and 404 pages, the sitemap) are always
//! rendered. Like make, this does not notice hand edits to files inside the output:
//! delete the edited file, or the whole output, to have it rebuilt.

use std::path::Path;

use crate::error::{Error, Result};
use crate::load::{Site, files_below};

/// The record of a build's inputs, inside the output directory.
pub const FILE: &str = ".smtpcodes-inputs";

const HEADER: &str =
    "# What each locale's pages were built from (smtpcodes; see src/fingerprint.rs).";

/// One hash per locale, in config order.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        let config = root.join(crate::config::CONFIG_FILE);
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
                let mut own = Fnv::new();
                hash_dir(&mut own, root, &entry.path())?;
                locales.push((entry.file_name().to_string_lossy().into_owned(), own.0));
            }
        }
        Ok(InputFiles {
            shared: shared.0,
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
        common.write(&files.shared.to_le_bytes());
        let default = files.locale(&site.config.default_locale);
        let locales = site
            .config
            .locales
            .iter()
            .map(|locale| {
                let mut all = Fnv::new();
                for part in [common.0, default, files.locale(&locale.code)] {
                    all.write(&part.to_le_bytes());
                }
                (locale.code.clone(), all.0)
            })
            .collect();
        Fingerprints { locales }
    }

    /// The fingerprints recorded in a previous output, if it has readable ones.
    pub fn recorded(out: &Path) -> Option<Fingerprints> {
        let text = std::fs::read_to_string(out.join(FILE)).ok()?;
        Fingerprints::parse(&text)
    }

    fn parse(text: &str) -> Option<Fingerprints> {
        let locales = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|line| {
                let (lang, hash) = line.split_once(' ')?;
                Some((lang.to_owned(), u64::from_str_radix(hash, 16).ok()?))
            })
            .collect::<Option<_>>()?;
        Some(Fingerprints { locales })
    }

    /// What is written to [`FILE`].
    pub fn to_text(&self) -> String {
        let mut text = format!("{HEADER}\n");
        for (lang, hash) in &self.locales {
            text.push_str(&format!("{lang} {hash:016x}\n"));
        }
        text
    }

    /// For each locale of `self`, in order: whether `previous` recorded the same inputs.
    pub fn unchanged_since(&self, previous: Option<&Fingerprints>) -> Vec<bool> {
        self.locales
            .iter()
            .map(|entry| previous.is_some_and(|p| p.locales.contains(entry)))
            .collect()
    }
}

/// This executable: its version, size and modification time. Any rebuild of the generator
/// changes it, so pages are never reused across changes to the code that renders them.
/// Where the executable cannot be inspected, a value that never repeats disables reuse.
fn generator_id() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let modified = exe
        .as_ref()
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    match (exe, modified) {
        (Ok(meta), Some(modified)) => format!(
            "{} {} {}",
            env!("CARGO_PKG_VERSION"),
            meta.len(),
            modified.as_nanos()
        ),
        _ => format!(
            "unknown {:?} {}",
            std::time::SystemTime::now(),
            std::process::id()
        ),
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
    hash.write(&(bytes.len() as u64).to_le_bytes());
    hash.write(&bytes);
    Ok(())
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms (unlike `DefaultHasher`),
/// and fast enough for the ~1 MB of inputs.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// A string and its length, so ("ab", "c") and ("a", "bc") hash differently.
    fn write_str(&mut self, text: &str) {
        self.write(&(text.len() as u64).to_le_bytes());
        self.write(text.as_bytes());
    }
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
        let original = prints(&[("en", 1), ("ja", u64::MAX)]);
        assert_eq!(Fingerprints::parse(&original.to_text()), Some(original));
        assert_eq!(Fingerprints::parse("en zz\n"), None);
        assert_eq!(Fingerprints::parse("garbage"), None);
    }

    #[test]
    fn only_locales_with_the_same_hash_are_unchanged() {
        let now = prints(&[("en", 1), ("ja", 2), ("fr", 3)]);
        let before = prints(&[("en", 1), ("ja", 9)]);
        assert_eq!(now.unchanged_since(Some(&before)), [true, false, false]);
        assert_eq!(now.unchanged_since(None), [false, false, false]);
    }

    #[test]
    fn lengths_separate_strings() {
        let (mut a, mut b) = (Fnv::new(), Fnv::new());
        a.write_str("ab");
        a.write_str("c");
        b.write_str("a");
        b.write_str("bc");
        assert_ne!(a.0, b.0);
    }
}
