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
    // Nothing changed, so every file of a locale was reused without rendering: its pages
    // but the translation status (which shows every locale), plus its codes.json.
    let locale_pages: usize = again.pages_per_locale.iter().map(|(_, n)| n).sum();
    assert_eq!(first.reused, 0);
    assert_eq!(again.reused, locale_pages - 2 + 2);
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
        assert!(
            path.starts_with("ja") || path == &PathBuf::from(smtpcodes::fingerprint::FILE),
            "{} was rewritten",
            path.display()
        );
    }
    // The English pages were not even rendered: their inputs did not change.
    let en_pages = report.pages_per_locale[0].1;
    assert_eq!(
        report.reused,
        en_pages - 1 + 1,
        "all but translations, plus codes.json"
    );
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

#[test]
fn a_page_missing_from_the_output_is_rendered_again_though_nothing_changed() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    let before = site.snapshot();
    let page = site.out().join("en/251-vs-521/index.html");
    std::fs::remove_file(&page).expect("rm");

    let report = site.build().expect("rebuilds");
    assert_eq!(report.written, 1);
    assert_eq!(site.snapshot(), before);
}

#[test]
fn changing_a_shared_input_renders_every_page_again() {
    let site = Fixture::new();
    let first = site.build().expect("fixture builds");
    // The same template with one more blank line: every page renders to the same bytes,
    // but none may be reused, because the templates are an input of every page.
    let base =
        std::fs::read_to_string(std::path::Path::new(common::PROJECT).join("templates/base.html"))
            .expect("template");
    site.write("templates/base.html", &format!("{base}\n"));
    let report = site.build().expect("rebuilds");
    assert_eq!(report.reused, 0);
    assert_eq!(
        report.written, 1,
        "same bytes: only the record of inputs changes"
    );
    assert_eq!(report.unchanged, first.files - 1);
}

#[test]
fn a_damaged_record_of_inputs_only_costs_a_full_render() {
    let site = Fixture::new();
    let first = site.build().expect("fixture builds");
    let before = site.snapshot();
    site.write(
        &format!("dist/{}", smtpcodes::fingerprint::FILE),
        "en not-a-hash\n",
    );
    let report = site.build().expect("rebuilds");
    assert_eq!(report.reused, 0);
    assert_eq!(report.written, 1, "only the record itself is rewritten");
    assert_eq!(report.unchanged, first.files - 1);
    assert_eq!(site.snapshot(), before);
}
