//! The class and subject pages of RFC 3463 (`/{lang}/5.X.XXX/`, `/{lang}/X.1.XXX/`): a
//! page per group file and locale, listing the site's codes of that class or subject,
//! linked from the code pages' class and subject rows, from the home page, the sitemap
//! and the decoder's index; Japanese falls back to English marked `lang="en"`.

mod common;

use common::{Fixture, hrefs, select, text_of, texts, write_groups};

fn built() -> Fixture {
    let site = Fixture::new();
    write_groups(&site);
    site.build().expect("fixture with groups builds");
    site
}

#[test]
fn a_class_page_lists_exactly_the_codes_of_its_class() {
    let site = built();
    let page = site.page("en/5.X.XXX/index.html");
    assert_eq!(texts(&page, "h1"), ["5.X.XXX Permanent Failure"]);
    assert_eq!(
        texts(&page, "main p.lead"),
        ["Summary of 5.X.XXX: what the group means."]
    );
    assert_eq!(
        texts(&page, "main .group-page ul.codes .num"),
        ["5.1.1", "5.1.10", "5.7.1"],
        "the fixture's enhanced codes of class 5, in code order, and no basic code"
    );
    assert_eq!(
        hrefs(&page, "main .group-page ul.codes a"),
        ["/en/5.1.1/", "/en/5.1.10/", "/en/5.7.1/"]
    );
    let names = texts(&page, "main .group-page ul.codes a");
    assert_eq!(names[0], "5.1.1 Bad Destination Mailbox Address");
    assert_eq!(texts(&page, "main h2")[2], "Codes in this class");
    let sources = texts(&page, "main ul.sources li");
    assert_eq!(
        sources,
        [
            "RFC 3463 (§2) the standard that defines this class",
            "RFC 5321 (§4.2.1) background only, not the definition"
        ]
    );
    assert_eq!(
        hrefs(&page, "main ul.sources a")[0],
        "https://www.rfc-editor.org/rfc/rfc3463#section-2"
    );
    assert_eq!(
        select(&page, "aside.tools form[data-jump]").len(),
        1,
        "the jump box closes the page, as on code pages"
    );
    let crumbs = texts(&page, "nav.breadcrumb li");
    assert_eq!(
        crumbs.last().map(String::as_str),
        Some("5.X.XXX Permanent Failure")
    );
}

#[test]
fn a_subject_page_lists_exactly_the_codes_of_its_subject() {
    let site = built();
    let page = site.page("en/X.1.XXX/index.html");
    assert_eq!(texts(&page, "h1"), ["X.1.XXX Addressing Status"]);
    assert_eq!(
        texts(&page, "main .group-page ul.codes .num"),
        ["5.1.1", "5.1.10"]
    );
    assert_eq!(texts(&page, "main h2")[2], "Codes in this subject");
    assert!(
        texts(&page, "main ul.sources li")[0].ends_with("the standard that defines this subject")
    );
}

#[test]
fn code_pages_link_their_class_and_subject_rows_to_the_pages_that_exist() {
    let site = built();
    let facts = |path: &str| {
        let page = site.page(path);
        hrefs(&page, "dl.facts dd a")
    };
    let links = facts("en/5.1.1/index.html");
    assert!(links.contains(&"/en/5.X.XXX/".to_owned()), "{links:?}");
    assert!(links.contains(&"/en/X.1.XXX/".to_owned()), "{links:?}");
    let page = site.page("en/5.1.1/index.html");
    let class_row = select(&page, "dl.facts dd")
        .into_iter()
        .find(|dd| text_of(dd) == "5.X.XXX Permanent Failure")
        .expect("class row");
    assert_eq!(
        hrefs(&scraper::Html::parse_fragment(&class_row.html()), "a"),
        ["/en/5.X.XXX/"]
    );
    // 5.7.1's subject (X.7.XXX) has no page in the fixture: its row is not a link.
    let links = facts("en/5.7.1/index.html");
    assert!(links.contains(&"/en/5.X.XXX/".to_owned()), "{links:?}");
    assert!(!links.iter().any(|l| l.contains("X.7.XXX")), "{links:?}");
    // A basic code has no class page of RFC 3463.
    assert!(!facts("en/550/index.html").iter().any(|l| l.contains("XXX")));
    let links = facts("ja/5.1.10/index.html");
    assert!(links.contains(&"/ja/X.1.XXX/".to_owned()), "{links:?}");
}

#[test]
fn japanese_shows_the_translation_and_falls_back_to_english_marked_as_such() {
    let site = built();
    let page = site.page("ja/5.X.XXX/index.html");
    assert_eq!(texts(&page, "h1"), ["5.X.XXX 恒久的エラー"]);
    assert!(select(&page, "main [lang=en]").is_empty());
    assert_eq!(texts(&page, "main h2")[2], "このクラスのコード");
    assert_eq!(
        texts(&page, "main .group-page ul.codes .num"),
        ["5.1.1", "5.1.10", "5.7.1"]
    );
    assert!(texts(&page, "main ul.sources li")[0].ends_with("このクラスを定義している標準"));

    let page = site.page("ja/X.1.XXX/index.html");
    let html = select(&page, "html")[0];
    assert_eq!(html.value().attr("lang"), Some("ja"));
    assert_eq!(texts(&page, "h1"), ["X.1.XXX Addressing Status"]);
    let in_english: Vec<String> = select(&page, "main [lang=en]")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        in_english,
        [
            "Addressing Status",
            "Summary of X.1.XXX: what the group means.",
            "Description of X.1.XXX, in Markdown. What it means for retries."
        ]
    );
    assert_eq!(texts(&page, "main h2")[2], "この分類のコード");
}

#[test]
fn the_home_the_sitemap_and_the_decoder_index_know_the_pages() {
    let site = built();
    for lang in ["en", "ja"] {
        let home = site.page(&format!("{lang}/index.html"));
        assert_eq!(
            hrefs(&home, "#groups a"),
            [format!("/{lang}/5.X.XXX/"), format!("/{lang}/X.1.XXX/")]
        );
        let index: serde_json::Value =
            serde_json::from_str(&site.read(&format!("dist/{lang}/codes.json"))).unwrap();
        assert_eq!(index["pages"]["5.X.XXX"], format!("/{lang}/5.X.XXX/"));
        assert_eq!(index["pages"]["X.1.XXX"], format!("/{lang}/X.1.XXX/"));
        assert!(index["pages"].get("X.7.XXX").is_none());
    }
    let sitemap = site.read("dist/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/ja/X.1.XXX/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://example.org/en/5.X.XXX/</loc>"));
}

#[test]
fn a_site_without_group_files_has_no_group_pages_and_no_links_to_them() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    assert!(!site.out().join("en/5.X.XXX").exists());
    let page = site.page("en/5.1.1/index.html");
    assert!(
        hrefs(&page, "dl.facts dd a")
            .iter()
            .all(|l| !l.contains("XXX"))
    );
    assert!(select(&site.page("en/index.html"), "#groups").is_empty());
}

#[test]
fn groups_are_translations_that_check_counts_and_stamp_records() {
    let site = Fixture::new();
    write_groups(&site);
    let loaded = smtpcodes::load::load_site(site.root()).expect("fixture loads");
    smtpcodes::check::stamp(&loaded, "ja", &[]).expect("stamp");
    assert!(
        site.read("locales/ja/groups/5.X.XXX.yaml")
            .contains("translated_from:")
    );
    let report = smtpcodes::check::check_root(site.root()).expect("check runs");
    let messages: Vec<String> = report
        .findings
        .iter()
        .map(|f| f.diagnostic.to_string())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].contains(
            "locales/ja/groups/X.1.XXX.yaml:1:1: X.1.XXX: not translated yet: name, summary, description"
        ),
        "{messages:?}"
    );
    assert_eq!(report.coverage[1].prose_missing, 3);
}

#[test]
fn a_translated_field_still_in_english_is_shown_as_english() {
    let site = Fixture::new();
    write_groups(&site);
    site.write(
        "locales/ja/groups/X.1.XXX.yaml",
        "name: アドレスに関するステータス\nsummary: >-\n  Summary of X.1.XXX: what the group means.\n",
    );
    site.build().expect("builds");
    let page = site.page("ja/X.1.XXX/index.html");
    assert_eq!(texts(&page, "h1"), ["X.1.XXX アドレスに関するステータス"]);
    let lead = select(&page, "main p.lead")[0];
    assert_eq!(lead.value().attr("lang"), Some("en"));
    let report = smtpcodes::check::check_root(site.root()).expect("check runs");
    let missing: Vec<String> = report
        .findings
        .iter()
        .map(|f| f.diagnostic.to_string())
        .filter(|m| m.contains("X.1.XXX: not translated yet"))
        .collect();
    assert!(
        missing[0].contains("not translated yet: summary, description"),
        "{missing:?}"
    );
}

#[test]
fn a_translation_of_a_group_without_a_page_is_a_located_error() {
    let site = Fixture::new();
    write_groups(&site);
    site.write("locales/ja/groups/X.7.XXX.yaml", "name: セキュリティ\n");
    let error = site.build().expect_err("must fail").to_string();
    assert!(
        error.contains(
            "locales/ja/groups/X.7.XXX.yaml:1:1: translation of `X.7.XXX`, but content/groups/ has no such file"
        ),
        "{error}"
    );
}
