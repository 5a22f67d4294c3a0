//! The benchmark's synthetic site generator (examples/synth/) must keep writing valid sites
//! of the size it promises; otherwise BENCHMARKS.md cannot be reproduced.

mod common;

#[allow(dead_code)]
#[path = "../examples/synth/site.rs"]
mod site;

use std::collections::HashSet;

use common::{select, snapshot};
use scraper::Html;
use smtpcodes::model::{Family, ProseField};

/// 12 codes (4 basic, 8 enhanced) in 3 locales (en, ja, fr).
fn tiny() -> site::Spec {
    site::Spec::new(12, 3).expect("valid spec")
}

#[test]
fn promises_the_page_count_of_its_shape() {
    let spec = tiny();
    assert_eq!((spec.basic(), spec.enhanced()), (4, 8));
    // home, status, decoder + 12 codes + C(4,2) + C(8,2) pairs.
    assert_eq!(spec.pages_per_locale(), 3 + 12 + 6 + 28);
    assert_eq!(spec.pages(), 3 * 49);
    assert_eq!(spec.locale_tags(), ["en", "ja", "fr"]);
}

#[test]
fn a_tiny_synthetic_site_builds_with_the_promised_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    let spec = tiny();
    site::write_site(&spec, &root).expect("write synthetic site");

    let report = smtpcodes::build(&root, None).unwrap_or_else(|e| panic!("{e}"));
    let expected: Vec<(String, usize)> = spec
        .locale_tags()
        .iter()
        .map(|tag| (tag.to_string(), spec.pages_per_locale()))
        .collect();
    assert_eq!(report.pages_per_locale, expected);

    // Every promised page is a file on disk, one directory per page below each locale.
    let files = snapshot(&root.join("dist"));
    for tag in spec.locale_tags() {
        let pages = files
            .keys()
            .filter(|p| p.starts_with(tag) && p.ends_with("index.html"))
            .count();
        assert_eq!(pages, spec.pages_per_locale(), "{tag}");
    }
}

#[test]
fn the_catalogue_has_the_shipped_shape_and_every_locale_is_translated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    site::write_site(&tiny(), &root).expect("write synthetic site");
    let loaded = smtpcodes::load::load_site(&root).unwrap_or_else(|e| panic!("{e}"));

    let basic = loaded
        .codes
        .iter()
        .filter(|c| c.id.family() == Family::Basic)
        .count();
    assert_eq!((basic, loaded.codes.len()), (4, 12));
    for code in &loaded.codes {
        let id = code.id.as_str();
        assert!((1..=3).contains(&code.samples.len()), "{id} samples");
        assert!((2..=5).contains(&code.related.len()), "{id} related");
        if code.id.family() == Family::Enhanced {
            assert!((1..=3).contains(&code.companions.len()), "{id} basic");
        }
        for locale in &loaded.config.locales {
            let prose = &code.prose[&locale.code];
            for field in ProseField::ALL {
                assert!(prose.get(field).is_some(), "{id} {} {field:?}", locale.code);
            }
        }
        // Realistic length: the shipped descriptions run from about 65 to 250 words.
        let words = code.prose["en"]
            .description
            .as_deref()
            .map_or(0, |d| d.split_whitespace().count());
        assert!((60..=300).contains(&words), "{id}: {words} words");
    }
    let distinct: HashSet<&str> = loaded
        .codes
        .iter()
        .filter_map(|c| c.prose["ja"].description.as_deref())
        .collect();
    assert_eq!(distinct.len(), loaded.codes.len(), "prose differs per code");
}

#[test]
fn non_latin_locales_render_their_own_text_without_falling_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    site::write_site(&tiny(), &root).expect("write synthetic site");
    smtpcodes::build(&root, None).unwrap_or_else(|e| panic!("{e}"));

    let text = std::fs::read_to_string(root.join("dist/ja/5.0.0/index.html")).expect("page");
    let page = Html::parse_document(&text);
    let html = select(&page, "html");
    assert_eq!(html[0].value().attr("lang"), Some("ja"));
    assert!(
        select(&page, "main [lang=en]").is_empty(),
        "ja page falls back"
    );
    let body: String = select(&page, "main")[0].text().collect();
    assert!(body.contains("です"), "Japanese prose on the ja page");
}

#[test]
fn refuses_to_write_into_a_non_empty_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("keep.txt"), "mine").expect("write");
    assert!(site::write_site(&tiny(), dir.path()).is_err());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).expect("read"),
        "mine"
    );
}
