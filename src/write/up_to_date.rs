//! A rebuild with nothing changed, told apart before anything is loaded: the output is up to
//! date when its record was written by a build with this build's key (see
//! [`crate::load::fingerprint::InputFiles::build_key`]), lists every file that build
//! wrote, and each of them is still there. Then nothing is loaded, planned, rendered or
//! written, and no staging directory is made.

use std::path::Path;

use rayon::prelude::*;

use super::{absolute, safe_relative};
use crate::load::fingerprint::{self, BuildKey, Record, Summary};

/// What the build that wrote an up-to-date output reported, as a build with nothing to do
/// reports it.
#[derive(Debug, Clone)]
pub struct Unchanged {
    pub summary: Summary,
    /// Every file of the output the build would write, the record included.
    pub files: usize,
    /// Of `files`, those a full rebuild would have taken without rendering them.
    pub reused: usize,
}

/// The previous build's report, if the output in `out` is what a build with `key` would
/// write there; `None` sends the build down its full path. A file deleted by hand from the
/// output is noticed (and rebuilt by the full path), a file edited by hand is not (see
/// [`crate::load::fingerprint`]).
pub fn up_to_date(out: &Path, root: &Path, key: BuildKey) -> Option<Unchanged> {
    // The full path refuses such an output, and says why.
    if contains_root(out, root) {
        return None;
    }
    let text = std::fs::read_to_string(out.join(fingerprint::FILE)).ok()?;
    let recorded = Record::up_to_date(&text, key)?;
    let all_there = recorded
        .files
        .par_iter()
        .all(|relative| is_file_below(out, relative));
    all_there.then(|| Unchanged {
        files: recorded.files.len() + 1,
        reused: recorded.reused,
        summary: recorded.summary,
    })
}

/// Whether `relative` is a plain relative path to a regular file in `out`, as
/// [`super::Staging::keep`] asks before taking a page as it is.
fn is_file_below(out: &Path, relative: &str) -> bool {
    safe_relative(relative).is_ok_and(|relative| {
        std::fs::symlink_metadata(out.join(relative)).is_ok_and(|meta| meta.is_file())
    })
}

fn contains_root(out: &Path, root: &Path) -> bool {
    match (absolute(out), absolute(root)) {
        (Ok(out), Ok(root)) => root.starts_with(out),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::fingerprint::{Fingerprints, InputFiles, WholeBuild};

    /// Writes `files` into `out` and a record of them, by a build with `key`.
    fn build(out: &Path, key: BuildKey, files: &[&str]) {
        for file in files {
            let path = out.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let summary = Summary::default();
        let whole = WholeBuild {
            key,
            summary: &summary,
            reused: 1,
        };
        let pages = files.iter().take(1).map(|f| (*f, 9));
        let record = Record::to_text(
            Some(&whole),
            &Fingerprints::default(),
            pages,
            files.iter().skip(1).copied(),
        );
        std::fs::write(out.join(fingerprint::FILE), record).unwrap();
    }

    #[test]
    fn an_output_is_up_to_date_only_with_every_listed_file_there() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, out) = (tmp.path().join("site"), tmp.path().join("dist"));
        let inputs = InputFiles::hash(&root).unwrap();
        let key = inputs.build_key(&root, None, false);
        build(&out, key, &["a.txt", "b/c.txt"]);
        let found = up_to_date(&out, &root, key).unwrap();
        assert_eq!((found.files, found.reused), (3, 1));
        assert!(up_to_date(&out, &root, inputs.build_key(&root, None, true)).is_none());

        std::fs::remove_file(out.join("b/c.txt")).unwrap();
        assert!(up_to_date(&out, &root, key).is_none(), "a file is gone");
        std::fs::create_dir(out.join("b/c.txt")).unwrap();
        assert!(
            up_to_date(&out, &root, key).is_none(),
            "a directory is no file"
        );
    }

    #[test]
    fn an_output_that_holds_the_root_is_left_to_the_full_build_to_refuse() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let root = out.join("site");
        let key = InputFiles::hash(&root)
            .unwrap()
            .build_key(&root, None, false);
        build(&out, key, &["a.txt"]);
        assert!(up_to_date(&out, &root, key).is_none());
        let elsewhere = tmp.path().join("site");
        let key = InputFiles::hash(&elsewhere)
            .unwrap()
            .build_key(&elsewhere, None, false);
        build(&out, key, &["a.txt"]);
        assert!(up_to_date(&out, &elsewhere, key).is_some());
    }
}
