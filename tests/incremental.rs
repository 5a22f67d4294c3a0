//! Incremental builds: a rebuild renders only the pages whose inputs changed, writes only
//! the files whose bytes changed, removes the ones no longer produced, and a no-op rebuild
//! touches nothing. Whatever was reused, the output is the one a fresh build gives.

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

/// Every file and directory of `dir` (itself included) with its inode and modification
/// time: what a build that touches nothing leaves exactly as it was.
#[cfg(unix)]
fn identities(dir: &std::path::Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .map(|e| {
            let meta = e.metadata().expect("metadata");
            let path = e.path().strip_prefix(dir).expect("below").to_owned();
            (path, (inode(e.path()), meta.modified().expect("mtime")))
        })
        .collect()
}

#[test]
fn a_first_build_writes_everything_and_a_no_op_rebuild_writes_nothing() {
    let site = Fixture::new();
    let first = site.build().expect("fixture builds");
    assert_eq!(
        (first.written, first.unchanged, first.removed),
        (first.files, 0, 0)
    );
    assert!(!first.up_to_date);
    let before = site.snapshot();
    assert_eq!(before.len(), first.files);
    #[cfg(unix)]
    let (dir_inode, files_before) = (inode(&site.out()), identities(&site.out()));
    // A staging directory made and removed beside the output would change this.
    #[cfg(unix)]
    let beside_before = identities(site.root())[&PathBuf::new()];

    let again = site.build().expect("rebuilds");
    assert_eq!(
        (again.written, again.unchanged, again.removed),
        (0, first.files, 0)
    );
    // Nothing was even loaded: the record says the output is what this build would write.
    assert!(again.up_to_date);
    #[cfg(unix)]
    {
        assert_eq!(identities(&site.out()), files_before, "a file was touched");
        assert_eq!(identities(site.root())[&PathBuf::new()], beside_before);
    }
    // Nothing changed, so every page was reused without rendering: each locale's pages and
    // codes.json, and the root and 404 pages (by their keys). Only text files were made.
    let locale_pages: usize = again.pages_per_locale.iter().map(|(_, n)| n).sum();
    assert_eq!(first.reused, 0);
    assert_eq!(again.reused, locale_pages + 2 + 2);
    assert_eq!(site.snapshot(), before);
    // Not even swapped: the output directory is the very same one.
    #[cfg(unix)]
    assert_eq!(inode(&site.out()), dir_inode);
    // And no staging directory is left beside it (the lock file stays, by design).
    let beside: Vec<_> = std::fs::read_dir(site.root())
        .expect("root")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().starts_with(".dist") && n != ".dist.lock")
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
            path.starts_with("ja") || path == &PathBuf::from(smtpcodes::load::fingerprint::FILE),
            "{} was rewritten",
            path.display()
        );
    }
    // The English pages were not even rendered: their inputs did not change. Nor were the
    // root and 404 pages, which are English.
    let en_pages = report.pages_per_locale[0].1;
    assert_eq!(
        report.reused,
        en_pages + 1 + 2,
        "en pages, codes.json, / and 404"
    );
    // Every Japanese code and pair page shows the heading, so each of them was rewritten.
    assert!(changed.contains(&PathBuf::from("ja/251-vs-521/index.html")));
    assert!(changed.contains(&PathBuf::from("ja/5.7.1/index.html")));
    // An unchanged file is the previous one, left in place (or linked) rather than rewritten.
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
    delete_code_501(&site);

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
    assert!(!report.up_to_date, "a page is missing");
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
        &format!("dist/{}", smtpcodes::load::fingerprint::FILE),
        "en not-a-hash\n",
    );
    let report = site.build().expect("rebuilds");
    assert_eq!(report.reused, 0);
    assert_eq!(report.written, 1, "only the record itself is rewritten");
    assert_eq!(report.unchanged, first.files - 1);
    assert_eq!(site.snapshot(), before);
}

/// Builds the fixture's root again into a new directory and compares: every reuse of a
/// previous page must give what rendering from scratch gives. (Not the record of inputs:
/// its keys are meant to differ when a template reads the clock.)
fn assert_same_as_a_fresh_build(site: &Fixture) {
    assert_same_as_a_fresh_build_at(site, None);
}

/// [`assert_same_as_a_fresh_build`], published at `base_url`.
fn assert_same_as_a_fresh_build_at(site: &Fixture, base_url: Option<&str>) {
    let fresh = tempfile::tempdir().expect("temp dir");
    let out = fresh.path().join("dist");
    let fresh = smtpcodes::BuildOptions {
        out: Some(out.clone()),
        ..options(site, base_url, false)
    };
    smtpcodes::build_with(&fresh).expect("fresh build");
    let record = PathBuf::from(smtpcodes::load::fingerprint::FILE);
    let mut incremental = site.snapshot();
    let mut scratch = common::snapshot(&out);
    incremental.remove(&record);
    scratch.remove(&record);
    assert_eq!(
        differing(&incremental, &scratch),
        Vec::<PathBuf>::new(),
        "the rebuilt output differs from a fresh build"
    );
}

#[test]
fn editing_one_code_renders_only_the_pages_that_show_it() {
    let site = Fixture::new();
    let first = site.build().expect("fixture builds");
    let before = site.snapshot();
    #[cfg(unix)]
    let (dir_inode, other_inode) = (
        inode(&site.out()),
        inode(&site.out().join("en/251-vs-521/index.html")),
    );
    let path = common::code_path("5.1.10");
    let yaml = site.read(&path);
    site.write(
        &path,
        &yaml.replace("Description of 5.1.10,", "A new description of 5.1.10,"),
    );
    let report = site.build().expect("rebuilds");
    let changed = differing(&before, &site.snapshot());
    assert!(changed.contains(&PathBuf::from("en/5.1.10/index.html")));
    assert!(changed.contains(&PathBuf::from("en/5.1.1-vs-5.1.10/index.html")));
    for path in &changed {
        let path = path.to_string_lossy();
        assert!(
            path.contains("5.1.10") || path == smtpcodes::load::fingerprint::FILE,
            "{path} was rewritten"
        );
    }
    // content/ is shared by every locale, so no locale was reused whole; but every page
    // whose template is given the same values as before was not rendered again: all but
    // 5.1.10's English pages (its Japanese ones have their own description) and the
    // files made without a template (sitemap, robots, static files, codes.json ...).
    let template_pages: usize = first.pages_per_locale.iter().map(|(_, n)| n).sum::<usize>() + 2;
    let english_pages_of_the_code = 1 + 2;
    assert_eq!(report.reused, template_pages - english_pages_of_the_code);
    assert_same_as_a_fresh_build(&site);
    // A few files changed: they were renamed into place; the rest were not touched.
    #[cfg(unix)]
    {
        assert_eq!(inode(&site.out()), dir_inode);
        assert_eq!(
            inode(&site.out().join("en/251-vs-521/index.html")),
            other_inode
        );
    }
}

#[test]
fn renaming_a_code_changes_every_page_that_names_it() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    let path = common::code_path("521");
    let yaml = site.read(&path);
    site.write(
        &path,
        &yaml.replace(
            "name: Host Does Not Accept Mail",
            "name: Domain Takes No Mail",
        ),
    );
    let report = site.build().expect("rebuilds");
    assert!(report.reused > 0);
    // The other basic codes' pages list their pairs with 521 by name, the home pages list
    // every code: none of them may be reused.
    let home = site.page("en/index.html");
    assert!(
        common::texts(&home, "a")
            .iter()
            .any(|t| t.contains("Domain Takes No Mail"))
    );
    let other = site.page("en/251/index.html");
    assert!(
        common::texts(&other, ".pairs li")
            .iter()
            .any(|t| t.contains("Domain Takes No Mail"))
    );
    assert_same_as_a_fresh_build(&site);
}

#[test]
fn a_template_that_reads_the_clock_is_never_skipped() {
    let site = Fixture::new();
    let base =
        std::fs::read_to_string(std::path::Path::new(common::PROJECT).join("templates/base.html"))
            .expect("template");
    // Only mentioned, not called: the check errs on the safe side.
    site.write("templates/base.html", &format!("{{# now() #}}{base}"));
    site.build().expect("fixture builds");
    // Neither the whole build ...
    let again = site.build().expect("rebuilds");
    assert!(!again.up_to_date);
    // ... nor a whole locale with unchanged files ...
    assert_eq!(again.reused, 0);
    // ... nor a page whose context did not change.
    let path = common::code_path("5.1.10");
    let yaml = site.read(&path);
    site.write(&path, &yaml.replace("Description of", "The description of"));
    let report = site.build().expect("rebuilds");
    assert_eq!(report.reused, 0);
    assert!(!report.up_to_date);
    assert_same_as_a_fresh_build(&site);
}

/// Gives the fixture a base template that changes every page's bytes.
fn change_every_page(site: &Fixture) {
    let base = common::bad_inputs::project_template("base.html");
    site.write(
        "templates/base.html",
        &base.replace("<main id=\"main\">", "<main id=\"main\" class=\"changed\">"),
    );
}

/// Deletes code 501 (related to no other code, so it can go alone) and its translation.
fn delete_code_501(site: &Fixture) {
    std::fs::remove_file(site.root().join(common::code_path("501"))).expect("rm");
    std::fs::remove_file(site.root().join("locales/ja/codes/501.yaml")).expect("rm");
}

#[test]
fn a_large_change_replaces_the_whole_tree_at_once() {
    let site = Fixture::new();
    let first = site.build().expect("fixture builds");
    #[cfg(unix)]
    let dir_inode = inode(&site.out());
    change_every_page(&site);
    let report = site.build().expect("rebuilds");
    assert!(report.written * 2 > first.files, "{report:?}");
    assert_same_as_a_fresh_build(&site);
    // Most files changed: the staged tree was swapped in whole, not file by file.
    #[cfg(unix)]
    assert_ne!(inode(&site.out()), dir_inode);
}

/// The files a build wrote are listed in its record, so the next build finds its leftovers
/// there: a static file dropped from the site is removed from the output, as a page is.
#[test]
fn a_file_dropped_from_the_plan_is_removed_from_the_output() {
    let site = Fixture::new();
    site.write("static/extra.txt", "extra");
    site.build().expect("fixture builds");
    assert!(site.out().join("extra.txt").is_file());
    let record = site.read(&format!("dist/{}", smtpcodes::load::fingerprint::FILE));
    assert!(record.contains("\nfile extra.txt\n"), "{record}");
    std::fs::remove_file(site.root().join("static/extra.txt")).expect("rm");
    let report = site.build().expect("rebuilds");
    assert_eq!(report.removed, 1);
    assert!(!site.out().join("extra.txt").exists());
    assert_eq!(site.snapshot().len(), report.files);
}

/// A file no build of ours wrote (added to dist/ by hand) is not ours to remove: it stays
/// through a no-op rebuild, an edit whose files are renamed into place, a change that
/// replaces the whole tree, and the removal of the pages beside it (README, "Builds are
/// incremental").
#[test]
fn files_no_build_wrote_are_left_alone() {
    let site = Fixture::new();
    let first = site.build().expect("fixture builds");
    let hand = [
        "google0123.html",
        "en/notes.txt",
        "en/501/notes.txt",
        "new-dir/x.txt",
    ];
    for path in hand {
        site.write(&format!("dist/{path}"), "by hand");
    }
    let still_there = |when: &str| {
        for path in hand {
            assert_eq!(
                std::fs::read_to_string(site.out().join(path))
                    .ok()
                    .as_deref(),
                Some("by hand"),
                "{path} after {when}"
            );
        }
    };
    let report = site.build().expect("no-op");
    assert_eq!((report.written, report.removed), (0, 0));
    still_there("a no-op rebuild");

    let path = common::code_path("5.1.10");
    let yaml = site.read(&path);
    site.write(&path, &yaml.replace("Description of", "The description of"));
    let report = site.build().expect("small edit");
    assert!(report.written > 0 && report.written * 2 <= first.files);
    still_there("an edit renamed into place");

    #[cfg(unix)]
    let dir_inode = inode(&site.out());
    change_every_page(&site);
    let report = site.build().expect("large change");
    assert!(report.written * 2 > first.files);
    #[cfg(unix)]
    assert_ne!(inode(&site.out()), dir_inode, "not swapped");
    still_there("the whole tree was replaced");

    delete_code_501(&site);
    let report = site.build().expect("code deleted");
    assert_eq!(report.removed, 2 * (1 + 3));
    assert!(!site.out().join("en/501/index.html").exists());
    still_there("the pages beside them were removed");
}

/// A record written by an older version lists only the pages rendered from templates: the
/// build then reads the previous output to find what it does not produce, and removes all
/// of it, as builds did before the record listed every file.
#[test]
fn without_a_list_of_files_the_previous_output_is_read() {
    let site = Fixture::new();
    site.write("static/extra.txt", "extra");
    site.build().expect("fixture builds");
    let record_path = format!("dist/{}", smtpcodes::load::fingerprint::FILE);
    let record = site.read(&record_path);
    let older: String = record
        .lines()
        .filter(|l| !l.starts_with("file ") && *l != "complete")
        .map(|l| format!("{l}\n"))
        .collect();
    site.write(&record_path, &older);
    site.write("dist/by-hand.txt", "by hand");
    std::fs::remove_file(site.root().join("static/extra.txt")).expect("rm");
    let report = site.build().expect("rebuilds");
    assert_eq!(report.removed, 2);
    assert!(!site.out().join("extra.txt").exists());
    assert!(!site.out().join("by-hand.txt").exists());
    assert!(site.read(&record_path).ends_with("complete\n"));
}

#[test]
fn a_provider_page_deleted_by_hand_comes_back_with_its_jump_box() {
    // A provider entry's page shows the jump box, which a rebuild sets up only for the
    // locales that still have pages showing it. When that page is the only one to render
    // (deleted by hand, nothing else changed), it must still get its jump box.
    let site = Fixture::new();
    common::write_providers(&site);
    site.build().expect("fixture builds");
    let page = "ja/providers/microsoft-5.7.606-5.7.649/index.html";
    std::fs::remove_file(site.out().join(page)).expect("delete the page");
    let report = site.build().expect("rebuilds");
    assert_eq!(report.written, 1, "only the deleted page is written again");
    let html = site.page(page);
    assert!(
        !common::select(&html, "aside.tools a[href]").is_empty(),
        "the rebuilt entry page has its jump box"
    );
    assert_same_as_a_fresh_build(&site);
}

/// How the tests below build: into the fixture's dist/, from its root as given.
fn options(site: &Fixture, base_url: Option<&str>, strict: bool) -> smtpcodes::BuildOptions {
    smtpcodes::BuildOptions {
        root: site.root().to_owned(),
        out: None,
        strict,
        base_url: base_url.map(str::to_owned),
    }
}

/// The fixture with its Japanese translations stamped as matching the English: no
/// translation warnings, so `--strict` builds succeed.
fn stamped() -> Fixture {
    let site = Fixture::new();
    let loaded = smtpcodes::load::load_site(site.root()).expect("fixture loads");
    smtpcodes::check::stamp(&loaded, "ja", &[]).expect("stamp");
    site
}

fn edit(site: &Fixture, relative: &str, from: &str, to: &str) {
    let text = site.read(relative);
    assert!(text.contains(from), "{relative} has no {from:?}");
    site.write(relative, &text.replacen(from, to, 1));
}

/// What a test does to the fixture, and what it is called in a failure.
type Change = (&'static str, fn(&Fixture));

/// Whatever input file changes, the build is done in full, and its output is a fresh
/// build's; the build after it has nothing to do again.
#[test]
fn any_input_file_changed_is_built_in_full() {
    let changes: [Change; 6] = [
        ("a content file", |site| {
            edit(
                site,
                &common::code_path("5.1.10"),
                "Description of",
                "The description of",
            );
        }),
        ("a locale file", |site| {
            edit(
                site,
                "locales/ja/site.ftl",
                "heading-fix = 解決方法\n",
                "heading-fix = 直し方\n",
            );
        }),
        ("a translation", |site| {
            edit(
                site,
                "locales/ja/codes/251.yaml",
                "251 の要約です。",
                "251 の要約。",
            );
        }),
        // The same pages from it: only the record of inputs changes.
        ("a template", |site| {
            let base = common::bad_inputs::project_template("base.html");
            site.write("templates/base.html", &format!("{base}\n"));
        }),
        ("a static file", |site| {
            site.write("static/notes.txt", "two")
        }),
        ("site.yaml", |site| {
            let config = site.read("site.yaml");
            site.write("site.yaml", &format!("{config}# edited\n"));
        }),
    ];
    let mut skipped = Vec::new();
    for (what, change) in changes {
        let site = Fixture::new();
        site.write("static/notes.txt", "one");
        site.build().expect("fixture builds");
        assert!(site.build().expect("no-op").up_to_date, "{what}: no-op");
        change(&site);
        let report = site.build().expect("rebuilds");
        if report.up_to_date {
            skipped.push(what);
            continue;
        }
        assert!(report.written > 0, "{what}: the record at least");
        assert_same_as_a_fresh_build(&site);
        assert!(
            site.build().expect("no-op").up_to_date,
            "{what}: no-op after"
        );
    }
    assert_eq!(
        skipped,
        Vec::<&str>::new(),
        "changed, yet the build was skipped"
    );
}

/// `--base-url` changes the output and `--strict` whether the build succeeds: either
/// one changed is a build in full.
#[test]
fn another_base_url_or_strictness_is_built_in_full() {
    let site = stamped();
    let build = |base_url, strict| smtpcodes::build_with(&options(&site, base_url, strict));
    assert!(!build(None, false).expect("fixture builds").up_to_date);
    assert!(build(None, false).expect("no-op").up_to_date);

    let elsewhere = Some("https://example.org/elsewhere/");
    let moved = build(elsewhere, false).expect("builds at another URL");
    assert!(!moved.up_to_date);
    assert_eq!(moved.base_path, "/elsewhere");
    assert_same_as_a_fresh_build_at(&site, elsewhere);
    assert!(build(elsewhere, false).expect("no-op").up_to_date);
    assert!(!build(None, false).expect("back").up_to_date);

    assert!(!build(None, true).expect("strict").up_to_date);
    assert!(build(None, true).expect("strict no-op").up_to_date);
    assert!(!build(None, false).expect("not strict").up_to_date);
    assert_same_as_a_fresh_build(&site);
}

/// What a build that found nothing to do reports is what the full build reported,
/// translation warnings included: the full build recorded it.
#[test]
fn a_build_with_nothing_to_do_reports_what_a_full_one_does() {
    let site = Fixture::new();
    // Stale and missing translations: warnings, and incomplete coverage.
    std::fs::remove_file(site.root().join("locales/ja/codes/501.yaml")).expect("rm");
    site.build().expect("fixture builds");
    // The same root, written otherwise: another key, so the build is done in full, but
    // with the same inputs, so every page is reused and only the record changes.
    let root = site.root().join(".");
    let build = || {
        smtpcodes::build_with(&smtpcodes::BuildOptions {
            root: root.clone(),
            out: Some(site.out()),
            ..smtpcodes::BuildOptions::default()
        })
        .expect("rebuilds")
    };
    let full = build();
    assert!(!full.up_to_date);
    assert_eq!(full.written, 1, "only the record changes");
    let skipped = build();
    assert!(skipped.up_to_date);
    assert!(!skipped.warnings.is_empty());
    assert!(skipped.coverage.iter().any(|c| !c.is_complete()));
    let said = |r: &smtpcodes::BuildReport| {
        (
            r.files,
            r.reused,
            r.pages_per_locale.clone(),
            r.base_path.clone(),
            r.warnings.clone(),
            r.coverage.clone(),
        )
    };
    assert_eq!(said(&skipped), said(&full));
    assert_eq!(
        (skipped.written, skipped.unchanged, skipped.removed),
        (0, full.files, 0)
    );
}

/// A build that would fail on warnings fails whether or not the output is up to date for
/// the same inputs built without `--strict`, with the same error, and changes nothing.
#[test]
fn strict_fails_on_an_up_to_date_output_as_on_a_fresh_one() {
    let site = Fixture::new();
    site.build().expect("warnings do not stop a build");
    assert!(site.build().expect("no-op").up_to_date);
    let before = site.snapshot();
    let strict = options(&site, None, true);
    let error = smtpcodes::build_with(&strict).expect_err("strict fails");
    let fresh = tempfile::tempdir().expect("temp dir");
    let elsewhere = smtpcodes::BuildOptions {
        out: Some(fresh.path().join("dist")),
        ..strict.clone()
    };
    let fresh_error = smtpcodes::build_with(&elsewhere).expect_err("strict fails");
    assert_eq!(error.to_string(), fresh_error.to_string());
    assert_eq!(site.snapshot(), before);
    // A failed build records nothing: the output is still the non-strict build's.
    let again = smtpcodes::build_with(&strict).expect_err("strict fails again");
    assert_eq!(again.to_string(), error.to_string());
    assert!(site.build().expect("no-op").up_to_date);
}

/// Runs the binary's `build` on the fixture: whether it succeeded, stdout and stderr.
fn run_build(site: &Fixture, strict: bool) -> (bool, String, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_smtpcodes"));
    command.args(["build", "--root"]).arg(site.root());
    if strict {
        command.arg("--strict");
    }
    let output = command.output().expect("run build");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (
        output.status.success(),
        text(&output.stdout),
        text(&output.stderr),
    )
}

/// The command line prints the same warnings, summary and errors whether the build had
/// anything to do or not (README, "Translating").
#[test]
fn the_command_line_says_the_same_when_nothing_changed() {
    // Unstamped translations: warnings, which `--strict` makes errors.
    let site = Fixture::new();
    let (passed, first, warned) = run_build(&site, false);
    assert!(passed, "{first}{warned}");
    assert!(warned.contains("warning: ja: "), "{warned}");
    let (passed, again, warned_again) = run_build(&site, false);
    assert!(passed, "{again}{warned_again}");
    assert_eq!(warned_again, warned);
    // "built N files (…) into … in 0.12 s: 0 written, N unchanged (…), 0 removed"
    let files = first.split(" files ").next().expect("summary");
    let counts = again.split(" s: ").nth(1).expect("summary");
    assert!(again.starts_with(&format!("{files} files ")), "{again}");
    assert!(
        counts.starts_with(&format!(
            "0 written, {} unchanged (",
            &files["built ".len()..]
        )),
        "{again}"
    );
    assert!(
        counts.ends_with(" reused without rendering), 0 removed\n"),
        "{again}"
    );

    let before = site.snapshot();
    let (passed, _, error) = run_build(&site, true);
    assert!(!passed, "--strict passed on warnings");
    assert!(error.contains("no `translated_from` stamp"), "{error}");
    let (passed, _, error_again) = run_build(&site, true);
    assert!(!passed);
    assert_eq!(error_again, error);
    assert_eq!(site.snapshot(), before);
}

/// What a test does to the text of a record, and what it is called in a failure.
type Damage = (&'static str, fn(&str) -> String);

/// A record with a line it should not have, or without its end, does not describe the
/// output for sure: the build is done in full, and writes a sound record again.
#[test]
fn a_damaged_record_is_never_trusted_to_skip_a_build() {
    let record_path = format!("dist/{}", smtpcodes::load::fingerprint::FILE);
    let damages: [Damage; 3] = [
        ("a garbage line", |r| {
            r.replacen("\nfile ", "\ngarbage\nfile ", 1)
        }),
        ("no end", |r| r.replace("complete\n", "")),
        // (A file that is there: one that is not is noticed anyway.)
        ("a line after the end", |r| format!("{r}file index.html\n")),
    ];
    for (what, damage) in damages {
        let site = Fixture::new();
        site.build().expect("fixture builds");
        let before = site.snapshot();
        let record = site.read(&record_path);
        site.write(&record_path, &damage(&record));
        let report = site.build().expect("rebuilds");
        assert!(!report.up_to_date, "{what}");
        assert_eq!(site.snapshot(), before, "{what}");
        assert!(site.build().expect("no-op").up_to_date, "{what}");
    }
}

/// Loading refuses a linked translation file; a link added after a build is an input
/// changed, not a build to skip.
#[cfg(unix)]
#[test]
fn a_link_added_among_the_inputs_fails_as_in_a_fresh_build() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    std::os::unix::fs::symlink("site.ftl", site.root().join("locales/ja/more.ftl")).expect("link");
    let error = site.build().expect_err("a linked .ftl is refused");
    assert!(error.to_string().contains("symbolic link"), "{error}");
}
