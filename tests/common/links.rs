//! The one link checker of the test suite: every internal href, src, canonical and
//! hreflang link of every produced HTML page, and every sitemap entry, must resolve to a
//! file the build produced (and a `#fragment` to an element id on that page).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use rayon::prelude::*;
use scraper::{Html, Selector};

/// What one produced HTML page links to, and which fragment targets it offers.
struct PageLinks {
    ids: BTreeSet<String>,
    /// (what the link is, e.g. `a href`, the URL as written)
    links: Vec<(&'static str, String)>,
    canonical: Option<String>,
    /// The page asks search engines not to index it (`<meta name="robots" content="noindex…">`).
    noindex: bool,
}

/// The site's base URL split as the generator does: `https://example.org/repo` →
/// origin `https://example.org`, path `/repo`.
pub struct Base {
    url: String,
    origin: String,
    path: String,
}

impl Base {
    pub fn new(base_url: &str) -> Base {
        let url = base_url.trim_end_matches('/').to_owned();
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        let (origin, path) = match url[after_scheme..].find('/') {
            Some(i) => (
                url[..after_scheme + i].to_owned(),
                url[after_scheme + i..].to_owned(),
            ),
            None => (url.clone(), String::new()),
        };
        Base { url, origin, path }
    }
}

/// Where a link points inside the output: a file (relative to the output directory) and
/// an optional fragment; `Err` says why it cannot point into the output.
pub type Target = Result<Option<(String, Option<String>)>, String>;

/// Resolves `link`, found on the page whose URL path (below the domain) is `page_url`.
/// `Ok(None)`: an external link, not ours to check.
pub fn resolve(base: &Base, page_url: &str, link: &str) -> Target {
    let (link, fragment) = match link.split_once('#') {
        Some((l, f)) => (l, Some(f.to_owned())),
        None => (link, None),
    };
    let link = link.split('?').next().unwrap_or("");
    let url_path = if link.is_empty() {
        page_url.to_owned()
    } else if let Some(rest) = link.strip_prefix(&base.origin) {
        if !rest.is_empty() && !rest.starts_with('/') {
            return Ok(None); // another host that merely starts with ours
        }
        rest.to_owned()
    } else if link.starts_with("//") || has_scheme(link) {
        return Ok(None);
    } else if link.starts_with('/') {
        link.to_owned()
    } else {
        let dir = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{link}")
    };
    let url_path = normalize(&url_path)?;
    let below = if base.path.is_empty() {
        url_path.as_str()
    } else {
        match url_path.strip_prefix(&base.path) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
            _ => return Err(format!("{url_path} is outside the base path {}", base.path)),
        }
    };
    let below = below.trim_start_matches('/');
    let file = if below.is_empty() || below.ends_with('/') {
        format!("{below}index.html")
    } else {
        below.to_owned()
    };
    Ok(Some((file, fragment.filter(|f| !f.is_empty()))))
}

fn has_scheme(link: &str) -> bool {
    link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Resolves `.` and `..` segments; a `..` above the domain root is an error.
fn normalize(path: &str) -> Result<String, String> {
    let mut out: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if out.pop().is_none() {
                    return Err(format!("{path} climbs above the domain root"));
                }
            }
            s => out.push(s),
        }
    }
    let trailing = if path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") {
        "/"
    } else {
        ""
    };
    let joined = out.join("/");
    Ok(if joined.is_empty() {
        "/".to_owned()
    } else {
        format!("/{joined}{trailing}")
    })
}

/// The URL path (below the domain) a produced file is served at.
fn page_url(base: &Base, file: &str) -> String {
    let dir_style = file.strip_suffix("index.html");
    format!("{}/{}", base.path, dir_style.unwrap_or(file))
}

fn scan_page(text: &str) -> PageLinks {
    let html = Html::parse_document(text);
    let selector = |css: &str| Selector::parse(css).expect("valid selector");
    let mut links = Vec::new();
    for (what, css, attr) in [
        ("a href", "a[href]", "href"),
        ("link href", "link[href]", "href"),
        ("src", "[src]", "src"),
        ("srcset", "[srcset]", "srcset"),
    ] {
        for element in html.select(&selector(css)) {
            if let Some(value) = element.value().attr(attr) {
                links.push((what, value.trim().to_owned()));
            }
        }
    }
    let ids = html
        .select(&selector("[id]"))
        .filter_map(|e| e.value().attr("id").map(str::to_owned))
        .collect();
    let canonical = html
        .select(&selector("link[rel=canonical]"))
        .next()
        .and_then(|e| e.value().attr("href").map(str::to_owned));
    let noindex = html
        .select(&selector("meta[name=robots]"))
        .filter_map(|e| e.value().attr("content"))
        .any(|c| c.split(',').any(|d| d.trim() == "noindex"));
    PageLinks {
        ids,
        links,
        canonical,
        noindex,
    }
}

/// `<loc>` and `href="…"` values of a sitemap (our own simple, generated XML).
fn sitemap_links(xml: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (what, open, close) in [
        ("sitemap loc", "<loc>", "</loc>"),
        ("sitemap hreflang", "href=\"", "\""),
    ] {
        let mut rest = xml;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len()..];
            let Some(end) = after.find(close) else { break };
            out.push((what, after[..end].replace("&amp;", "&")));
            rest = &after[end..];
        }
    }
    out
}

/// Every broken link in the output directory `out` of a site whose base URL is
/// `base_url`, as `file: what url: why`. Also checks that every page names itself as
/// canonical and that the sitemap lists every localized page open to search engines, and
/// none marked `noindex`.
pub fn broken_links(out: &Path, base_url: &str) -> Vec<String> {
    let base = Base::new(base_url);
    let files: BTreeSet<String> = super::snapshot_paths(out);
    let pages: HashMap<&str, PageLinks> = files
        .par_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let text = std::fs::read_to_string(out.join(f)).expect("read page");
            (f.as_str(), scan_page(&text))
        })
        .collect();
    let mut problems = Vec::new();
    let check = |from: &str, what: &str, link: &str| -> Option<String> {
        let page = page_url(&base, from);
        match resolve(&base, &page, link) {
            Ok(None) => None,
            Ok(Some((file, fragment))) => {
                if !files.contains(&file) {
                    return Some(format!("{from}: {what} {link}: no file {file}"));
                }
                let fragment = fragment?;
                let found = pages.get(file.as_str()).map(|p| p.ids.contains(&fragment));
                (found != Some(true))
                    .then(|| format!("{from}: {what} {link}: no #{fragment} in {file}"))
            }
            Err(why) => Some(format!("{from}: {what} {link}: {why}")),
        }
    };
    let mut sorted: Vec<(&&str, &PageLinks)> = pages.iter().collect();
    sorted.sort_by_key(|(f, _)| **f);
    for (file, page) in &sorted {
        for (what, link) in &page.links {
            problems.extend(check(file, what, link));
        }
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap.xml");
    let in_sitemap: Vec<(&str, String)> = sitemap_links(&sitemap);
    for (what, link) in &in_sitemap {
        if !link.starts_with(&format!("{}/", base.url)) {
            problems.push(format!(
                "sitemap.xml: {what} {link}: not below {}",
                base.url
            ));
        }
        problems.extend(check("sitemap.xml", what, link));
    }
    for (file, page) in &sorted {
        let itself = match &page.canonical {
            Some(c) => resolve(&base, &page_url(&base, file), c),
            None => Err("no canonical link".to_owned()),
        };
        let expected_self = **file != "404.html";
        match itself {
            Ok(Some((target, _))) if !expected_self || target == **file => {}
            other => problems.push(format!(
                "{file}: canonical is not the page itself: {other:?}"
            )),
        }
    }
    let listed: BTreeSet<String> = in_sitemap
        .iter()
        .filter(|(what, _)| *what == "sitemap loc")
        .filter_map(|(_, link)| resolve(&base, "/", link).ok().flatten())
        .map(|(file, _)| file)
        .collect();
    for (file, page) in pages.iter().filter(|(f, _)| f.contains('/')) {
        match (listed.contains(*file), page.noindex) {
            (false, false) => problems.push(format!("sitemap.xml: does not list {file}")),
            (true, true) => problems.push(format!("sitemap.xml: lists {file}, marked noindex")),
            _ => {}
        }
    }
    problems.sort();
    problems
}

pub fn assert_no_broken_links(out: &Path, base_url: &str) {
    let problems = broken_links(out, base_url);
    assert!(
        problems.is_empty(),
        "{} broken links, first ones:\n{}",
        problems.len(),
        problems[..problems.len().min(30)].join("\n")
    );
}
