//! Publishing under a subpath: the same fixture built at a domain root and under
//! `/repo/` (a GitHub Pages project site), with every internal URL of every page and of
//! the sitemap resolved against the output tree.

mod common;

use std::path::{Path, PathBuf};

use common::{Fixture, select};
use smtpcodes::BuildOptions;

const ROOT_URL: &str = "https://example.org/";
const SUBPATH_URL: &str = "https://example.org/repo/";

fn build_at(site: &Fixture, base_url: &str, out: &Path) -> smtpcodes::BuildReport {
    let options = BuildOptions {
        root: site.root().to_owned(),
        out: Some(out.to_owned()),
        base_url: Some(base_url.to_owned()),
        strict: false,
    };
    smtpcodes::build_with(&options).unwrap_or_else(|e| panic!("{e}"))
}

/// Every `href` and `src` of an HTML page: links, assets, canonical and hreflang alternates.
fn html_urls(text: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(text);
    let mut urls = Vec::new();
    for element in select(&html, "[href], [src]") {
        for attr in ["href", "src"] {
            if let Some(url) = element.value().attr(attr) {
                urls.push(url.to_owned());
            }
        }
    }
    urls
}

/// Every `<loc>` and alternate `href` of the sitemap.
fn sitemap_urls(text: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for (open, close) in [("<loc>", "</loc>"), ("href=\"", "\"")] {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len()..];
            let end = after.find(close).expect("closed");
            urls.push(after[..end].to_owned());
            rest = &after[end..];
        }
    }
    urls
}

/// The output file a URL found on the page at `page_url` (a path below the site, e.g.
/// `/en/251/`) points to, or `None` for an external or fragment-only URL. Panics on an
/// internal URL that escapes the base path: that is the bug this test exists for.
fn target(url: &str, page_url: &str, base_url: &str, base_path: &str) -> Option<String> {
    let origin = base_url.strip_suffix(base_path).unwrap_or(base_url);
    let url = url.split(['#', '?']).next().unwrap_or("");
    let path = if let Some(rest) = url.strip_prefix(origin) {
        assert!(
            rest.starts_with(&format!("{base_path}/")),
            "{url} (on {page_url}) is on the site's host but outside {base_path}/"
        );
        rest[base_path.len()..].to_owned()
    } else if url.contains(':') || url.is_empty() {
        return None; // another site, mailto:, or a fragment on the same page
    } else if url.starts_with('/') {
        assert!(
            url.starts_with(&format!("{base_path}/")),
            "{url} (on {page_url}) is outside {base_path}/"
        );
        url[base_path.len()..].to_owned()
    } else {
        let dir = &page_url[..page_url.rfind('/').expect("slash") + 1];
        normalize(&format!("{dir}{url}"))
    };
    Some(if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    })
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The URL path a file of the output is published at.
fn page_url(relative: &Path) -> String {
    let relative = relative.to_string_lossy().replace('\\', "/");
    match relative.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{relative}"),
    }
}

/// Resolves every internal URL of every page, the sitemap and robots.txt; returns how many
/// were checked.
fn check_all_urls(out: &Path, base_url: &str) -> usize {
    let base_url = base_url.trim_end_matches('/');
    let base_path = match base_url.splitn(4, '/').nth(3) {
        Some(path) => format!("/{path}"),
        None => String::new(),
    };
    let mut checked = 0;
    let mut missing = Vec::new();
    for (relative, bytes) in common::snapshot(out) {
        let text = String::from_utf8_lossy(&bytes);
        let urls = match relative.extension().and_then(|e| e.to_str()) {
            Some("html") => html_urls(&text),
            Some("xml") => sitemap_urls(&text),
            Some("txt") => text
                .lines()
                .filter_map(|l| l.strip_prefix("Sitemap: "))
                .map(str::to_owned)
                .collect(),
            _ => continue,
        };
        let from = page_url(&relative);
        for url in urls {
            if let Some(file) = target(&url, &from, base_url, &base_path) {
                checked += 1;
                let path: PathBuf = out.join(file.trim_start_matches('/'));
                if !path.is_file() {
                    missing.push(format!("{url} on {from} → {}", path.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "broken internal URLs:\n{}",
        missing.join("\n")
    );
    checked
}

#[test]
fn every_internal_url_resolves_at_a_domain_root_and_under_a_subpath() {
    let site = Fixture::new();
    let tmp = tempfile::tempdir().expect("temp");
    let (at_root, at_subpath) = (tmp.path().join("root"), tmp.path().join("subpath"));
    let report_root = build_at(&site, ROOT_URL, &at_root);
    let report_subpath = build_at(&site, SUBPATH_URL, &at_subpath);

    // The same files either way: only the URLs inside them move.
    let files = |dir: &Path| common::snapshot(dir).into_keys().collect::<Vec<_>>();
    assert_eq!(files(&at_root), files(&at_subpath));
    assert_eq!(report_root.files, report_subpath.files);

    // Every page links at least to its stylesheet, canonical and alternates.
    let checked_root = check_all_urls(&at_root, ROOT_URL);
    let checked_subpath = check_all_urls(&at_subpath, SUBPATH_URL);
    assert!(checked_root > 4 * report_root.files, "{checked_root}");
    assert_eq!(checked_root, checked_subpath);

    let page = |dir: &Path, relative: &str| {
        let text = std::fs::read_to_string(dir.join(relative)).expect("page");
        scraper::Html::parse_document(&text)
    };
    let attr = |html: &scraper::Html, css: &str, name: &str| -> String {
        select(html, css)[0]
            .value()
            .attr(name)
            .expect(name)
            .to_owned()
    };
    let sub = page(&at_subpath, "ja/251-vs-521/index.html");
    assert_eq!(
        attr(&sub, "link[rel=canonical]", "href"),
        "https://example.org/repo/ja/251-vs-521/"
    );
    assert_eq!(
        attr(&sub, "link[hreflang=en]", "href"),
        "https://example.org/repo/en/251-vs-521/"
    );
    assert_eq!(
        attr(&sub, "link[rel=stylesheet]", "href"),
        "/repo/style.css"
    );
    let root = page(&at_root, "ja/251-vs-521/index.html");
    assert_eq!(
        attr(&root, "link[rel=canonical]", "href"),
        "https://example.org/ja/251-vs-521/"
    );
    assert_eq!(attr(&root, "link[rel=stylesheet]", "href"), "/style.css");
    let robots = std::fs::read_to_string(at_subpath.join("robots.txt")).expect("robots");
    assert!(
        robots.contains("Sitemap: https://example.org/repo/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn a_bad_base_url_is_refused_and_the_output_kept() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    let before = site.snapshot();
    let options = BuildOptions {
        root: site.root().to_owned(),
        out: None,
        base_url: Some("example.org/repo".into()),
        strict: false,
    };
    let error = smtpcodes::build_with(&options).expect_err("refused");
    assert!(error.to_string().contains("--base-url"), "{error}");
    assert_eq!(site.snapshot(), before);
}

#[test]
fn cname_from_the_config_is_written_and_dropped_with_it() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    assert!(!site.out().join("CNAME").exists());

    let config = site.read("site.yaml");
    site.write("site.yaml", &format!("{config}cname: smtp.example.org\n"));
    let report = site.build().expect("builds with a cname");
    assert_eq!(
        std::fs::read_to_string(site.out().join("CNAME")).expect("CNAME"),
        "smtp.example.org\n"
    );
    assert_eq!(report.removed, 0);

    site.write("site.yaml", &config);
    let report = site.build().expect("builds without");
    assert!(!site.out().join("CNAME").exists());
    // Written: only the record of inputs, as site.yaml changed; no page did.
    assert_eq!((report.written, report.removed), (1, 1));
}
