//! Incremental writes: a rebuild writes only the files whose bytes changed, removes the
//! ones no longer produced, and a no-op rebuild touches nothing.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::Fixture;

/// Files whose bytes differ between two snapshots, or that are in only one of them.
fn differing(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

#[cfg(unix)]
fn inode(path: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).expect("metadata").ino()
}

#[test]
fn a_first_build_writes_everything_and_a_no_op_rebuild_writes_nothing() {
    let site = Fixture::new();
    let first = site.build().expect("fixture builds");
    assert_eq!(
        (first.written, first.unchanged, first.removed),
        (first.files, 0, 0)
    );
    let before = site.snapshot();
    assert_eq!(before.len(), first.files);
    #[cfg(unix)]
    let dir_inode = inode(&site.out());

    let again = site.build().expect("rebuilds");
    assert_eq!(
        (again.written, again.unchanged, again.removed),
        (0, first.files, 0)
    );
    assert_eq!(site.snapshot(), before);
    // Not even swapped: the output directory is the very same one.
    #[cfg(unix)]
    assert_eq!(inode(&site.out()), dir_inode);
    // And no staging directory is left beside it.
    let beside: Vec<_> = std::fs::read_dir(site.root())
        .expect("root")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().starts_with(".dist"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn editing_one_japanese_heading_rewrites_only_japanese_pages() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    let before = site.snapshot();
    #[cfg(unix)]
    let en_inode = inode(&site.out().join("en/251-vs-521/index.html"));

    let ftl = site.read("locales/ja/site.ftl");
    assert!(ftl.contains("heading-fix = 解決方法\n"));
    site.write(
        "locales/ja/site.ftl",
        &ftl.replace("heading-fix = 解決方法\n", "heading-fix = 直し方\n"),
    );
    let report = site.build().expect("rebuilds");
    let after = site.snapshot();
    let changed = differing(&before, &after);

    assert!(!changed.is_empty());
    assert_eq!(report.written, changed.len());
    assert_eq!(report.unchanged, report.files - changed.len());
    assert_eq!(report.removed, 0);
    for path in &changed {
        assert!(path.starts_with("ja"), "{} was rewritten", path.display());
    }
    // Every Japanese code and pair page shows the heading, so each of them was rewritten.
    assert!(changed.contains(&PathBuf::from("ja/251-vs-521/index.html")));
    assert!(changed.contains(&PathBuf::from("ja/5.7.1/index.html")));
    // An unchanged file is the previous one, linked rather than rewritten.
    #[cfg(unix)]
    assert_eq!(
        inode(&site.out().join("en/251-vs-521/index.html")),
        en_inode
    );
}

#[test]
fn deleting_a_code_removes_its_pages() {
    let site = Fixture::new();
    let first = site.build().expect("fixture builds");
    // 501 is related to no other code, so it can go alone.
    std::fs::remove_file(site.root().join(common::code_path("501"))).expect("rm");
    std::fs::remove_file(site.root().join("locales/ja/codes/501.yaml")).expect("rm");

    let report = site.build().expect("rebuilds");
    // Per locale: its code page and its pairs with the three other basic codes.
    assert_eq!(report.removed, 2 * (1 + 3));
    assert_eq!(report.files, first.files - report.removed);
    assert_eq!(report.written + report.unchanged, report.files);
    assert!(report.written > 0, "homes and sitemap list the code");
    for gone in ["en/501", "ja/501", "en/251-vs-501", "ja/501-vs-550"] {
        assert!(!site.out().join(gone).exists(), "{gone} left behind");
    }
    assert_eq!(site.snapshot().len(), report.files);
}
