//! Link integrity at a domain root and under a subpath, on fixture sites (the shipped
//! site's links are checked in tests/shipped.rs, which builds it once). The checker is
//! tests/common/links.rs.

mod common;

use common::Fixture;
use common::links::{Base, Target, assert_no_broken_links, broken_links, resolve};

const SUBPATH_SITE_YAML: &str = "base_url: https://example.org/repo\ndefault_locale: en\nlocales:\n  - code: en\n    name: English\n  - code: ja\n    name: 日本語\n";

#[test]
fn a_fixture_site_has_no_broken_links_at_a_domain_root() {
    let site = Fixture::new();
    site.write(
        &common::code_path("521"),
        &site.read(&common::code_path("521")).replace(
            "with `RCPT TO` as code.",
            "with `RCPT TO` as code; compare [550](../550/) and [the pair](../251-vs-550/#which).",
        ),
    );
    site.build().unwrap_or_else(|e| panic!("{e}"));
    assert_no_broken_links(&site.out(), "https://example.org");
}

#[test]
fn a_fixture_site_has_no_broken_links_under_a_subpath() {
    let site = Fixture::new();
    site.write("site.yaml", SUBPATH_SITE_YAML);
    site.build().unwrap_or_else(|e| panic!("{e}"));
    let home = std::fs::read_to_string(site.out().join("en/index.html")).expect("home");
    assert!(home.contains("/repo/en/251/"), "links carry the subpath");
    assert_no_broken_links(&site.out(), "https://example.org/repo");
}

/// The checker itself finds what it is meant to find: a relative link to a page that does
/// not exist, a fragment that does not exist, and a root-relative link that forgets the
/// subpath.
#[test]
fn the_checker_reports_broken_links() {
    let site = Fixture::new();
    site.write("site.yaml", SUBPATH_SITE_YAML);
    site.write(
        &common::code_path("521"),
        &site.read(&common::code_path("521")).replace(
            "with `RCPT TO` as code.",
            "with `RCPT TO` as code; see [gone](../999/), [no such part](../550/#nowhere) \
             and [forgot the subpath](/en/550/).",
        ),
    );
    site.build().unwrap_or_else(|e| panic!("{e}"));
    let problems = broken_links(&site.out(), "https://example.org/repo");
    let on_521: Vec<&String> = problems
        .iter()
        .filter(|p| p.starts_with("en/521/index.html:"))
        .collect();
    assert_eq!(on_521.len(), 3, "{problems:#?}");
    assert!(
        on_521
            .iter()
            .any(|p| p.contains("no file en/999/index.html"))
    );
    assert!(
        on_521
            .iter()
            .any(|p| p.contains("no #nowhere in en/550/index.html"))
    );
    assert!(
        on_521
            .iter()
            .any(|p| p.contains("outside the base path /repo"))
    );
    // The Japanese pages show the Japanese description, which has no links.
    assert!(
        problems.iter().all(|p| p.starts_with("en/")),
        "{problems:#?}"
    );
}

#[test]
fn resolution_follows_url_rules() {
    let root = Base::new("https://example.org");
    let sub = Base::new("https://example.org/repo/");
    let file = |t: Target| t.expect("resolves").map(|(f, _)| f);
    assert_eq!(
        file(resolve(&root, "/en/251/", "../550/")),
        Some("en/550/index.html".into())
    );
    assert_eq!(
        file(resolve(&sub, "/repo/en/251/", "/repo/style.css")),
        Some("style.css".into())
    );
    assert_eq!(
        file(resolve(&sub, "/repo/", "https://example.org/repo/ja/")),
        Some("ja/index.html".into())
    );
    assert_eq!(
        file(resolve(&sub, "/repo/", "https://example.org.evil/")),
        None
    );
    assert_eq!(file(resolve(&root, "/", "mailto:x@example.org")), None);
    assert_eq!(
        file(resolve(
            &root,
            "/",
            "https://www.rfc-editor.org/rfc/rfc5321"
        )),
        None
    );
    assert!(resolve(&sub, "/repo/en/", "/en/").is_err());
    assert!(resolve(&sub, "/repo/en/", "https://example.org/repository/").is_err());
    assert!(resolve(&root, "/en/", "../../../x").is_err());
    assert_eq!(
        resolve(&root, "/en/251/", "#main").expect("resolves"),
        Some(("en/251/index.html".into(), Some("main".into())))
    );
}
