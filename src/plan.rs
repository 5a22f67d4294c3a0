//! Stage 2: which pages exist and where. Pure: from the list of codes and locales to a
//! sorted list of output paths. URLs are a contract, so every URL shape lives here.

use crate::model::{Code, CodeId};

/// What a page shows; indexes point into `Site::codes` and `Config::locales`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `/index.html`: choose a language.
    Root,
    /// `/404.html`.
    NotFound,
    /// `/sitemap.xml`: every localized page, or, for a site too large for one sitemap
    /// file, the index of the [`PageKind::SitemapPart`]s.
    Sitemap,
    /// `/sitemap-{part}.xml`, from 1: a share of a large site's pages.
    SitemapPart { part: usize },
    /// `/robots.txt`.
    Robots,
    /// `/.nojekyll`: tells GitHub Pages to publish the files as they are.
    NoJekyll,
    /// `/{lang}/index.html`.
    Home { locale: usize },
    /// `/{lang}/translations/index.html`: how complete each locale is.
    Translations { locale: usize },
    /// `/{lang}/{code}/index.html`.
    Code { locale: usize, code: usize },
    /// `/{lang}/{a}-vs-{b}/index.html`, `a` before `b`, same family.
    Pair { locale: usize, a: usize, b: usize },
    /// `/CNAME`: the custom domain for GitHub Pages, when the config sets one.
    Cname,
    /// A file from static/.
    Static { index: usize },
    /// `/{lang}/decoder/index.html`: paste a bounce, get its codes explained.
    Decoder { locale: usize },
    /// `/{lang}/codes.json`: the index the decoder and the jump box read.
    CodeIndex { locale: usize },
}

impl PageKind {
    /// The locale of a page that belongs to one (its home, code and pair pages, its
    /// decoder, status page and codes.json); `None` for site-wide files.
    pub fn locale(self) -> Option<usize> {
        match self {
            PageKind::Home { locale }
            | PageKind::Translations { locale }
            | PageKind::Decoder { locale }
            | PageKind::CodeIndex { locale }
            | PageKind::Code { locale, .. }
            | PageKind::Pair { locale, .. } => Some(locale),
            PageKind::Root
            | PageKind::NotFound
            | PageKind::Sitemap
            | PageKind::SitemapPart { .. }
            | PageKind::Robots
            | PageKind::NoJekyll
            | PageKind::Cname
            | PageKind::Static { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output path relative to the output directory, `/`-separated.
    pub output: String,
    pub kind: PageKind,
}

/// The URL path (below the base path) of a locale's home.
pub fn home_url(lang: &str) -> String {
    format!("/{lang}/")
}

pub fn translations_url(lang: &str) -> String {
    format!("/{lang}/translations/")
}

pub fn code_url(lang: &str, code: &CodeId) -> String {
    format!("/{lang}/{code}/")
}

/// The bounce decoder's page.
pub fn decoder_url(lang: &str) -> String {
    format!("/{lang}/decoder/")
}

/// The per-locale JSON index of codes, fetched by the decoder and the jump box.
pub fn code_index_url(lang: &str) -> String {
    format!("/{lang}/codes.json")
}

/// The pair page of two codes, whichever order they are given in.
pub fn pair_url(lang: &str, x: &CodeId, y: &CodeId) -> String {
    let (a, b) = if x < y { (x, y) } else { (y, x) };
    format!("/{lang}/{a}-vs-{b}/")
}

/// [`pair_url`] with `{a}` and `{b}` left for a script to fill in (`a` first in code order).
pub fn pair_url_template(lang: &str) -> String {
    format!("/{lang}/{{a}}-vs-{{b}}/")
}

/// Output file of a directory-style URL.
fn index_file(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

/// Every page of the site: site-wide files first, then per locale its home, its code pages
/// and its pair pages, in code order. `codes` must be sorted.
pub fn plan(codes: &[Code], locales: &[String], static_paths: &[String]) -> Vec<Page> {
    let mut pages = vec![
        page("index.html", PageKind::Root),
        page("404.html", PageKind::NotFound),
        page("sitemap.xml", PageKind::Sitemap),
        page("robots.txt", PageKind::Robots),
        page(".nojekyll", PageKind::NoJekyll),
    ];
    for (index, path) in static_paths.iter().enumerate() {
        pages.push(page(path, PageKind::Static { index }));
    }
    for (locale, lang) in locales.iter().enumerate() {
        pages.push(page(
            &index_file(&home_url(lang)),
            PageKind::Home { locale },
        ));
        pages.push(page(
            &index_file(&translations_url(lang)),
            PageKind::Translations { locale },
        ));
        pages.push(page(
            &index_file(&decoder_url(lang)),
            PageKind::Decoder { locale },
        ));
        pages.push(page(
            code_index_url(lang).trim_start_matches('/'),
            PageKind::CodeIndex { locale },
        ));
        for (i, code) in codes.iter().enumerate() {
            let kind = PageKind::Code { locale, code: i };
            pages.push(page(&index_file(&code_url(lang, &code.id)), kind));
        }
        for (a, b) in pairs(codes) {
            let url = pair_url(lang, &codes[a].id, &codes[b].id);
            pages.push(page(&index_file(&url), PageKind::Pair { locale, a, b }));
        }
    }
    pages
}

/// The sitemap protocol's limits for one file: 50,000 URLs and 50 MB. An entry lists its
/// page in every locale, so with many locales the size is the tighter limit; a margin
/// is kept under it.
const SITEMAP_MAX_URLS: usize = 50_000;
const SITEMAP_MAX_BYTES: usize = 40 * 1024 * 1024;

/// The localized pages that are neither code nor pair pages, as paths after `/{lang}`.
const SITEMAP_FIXED_RESTS: [&str; 3] = ["/", "/translations/", "/decoder/"];

/// The paths after `/{lang}` of every localized page, in sitemap order.
pub fn sitemap_rests(codes: &[Code]) -> impl Iterator<Item = String> + '_ {
    SITEMAP_FIXED_RESTS
        .into_iter()
        .map(str::to_owned)
        .chain(codes.iter().map(|c| format!("/{}/", c.id)))
        .chain(pairs(codes).map(|(a, b)| format!("/{}-vs-{}/", codes[a].id, codes[b].id)))
}

/// How many paths [`sitemap_rests`] gives, without formatting them.
pub fn sitemap_rest_count(codes: &[Code]) -> usize {
    SITEMAP_FIXED_RESTS.len() + codes.len() + pairs(codes).count()
}

/// How many page paths one sitemap file lists (each once per published locale), so that
/// it stays within the protocol's limits.
pub fn sitemap_rests_per_file(published: usize, base_url: &str) -> usize {
    let published = published.max(1);
    // Upper bounds: paths are short ("/ja/5.7.30-vs-5.7.29/"); an entry is its <loc>
    // plus an alternate link per locale and one for x-default.
    let loc = 30 + base_url.len() + 40;
    let link = 70 + base_url.len() + 40;
    let per_rest = published * (loc + (published + 1) * link);
    (SITEMAP_MAX_URLS / published)
        .min(SITEMAP_MAX_BYTES / per_rest)
        .max(1)
}

/// The parts a sitemap of `rests` page paths is split into: none when one file holds
/// them all.
pub fn sitemap_parts(rests: usize, rests_per_file: usize) -> usize {
    if rests <= rests_per_file {
        0
    } else {
        rests.div_ceil(rests_per_file)
    }
}

/// The files of a split sitemap.
pub fn sitemap_part_pages(parts: usize) -> Vec<Page> {
    (1..=parts)
        .map(|part| page(&sitemap_part_file(part), PageKind::SitemapPart { part }))
        .collect()
}

pub fn sitemap_part_file(part: usize) -> String {
    format!("sitemap-{part}.xml")
}

/// The `CNAME` file, planned only when the config names a custom domain.
pub fn cname_page() -> Page {
    page("CNAME", PageKind::Cname)
}

/// Every unordered pair of codes of the same family, as indexes `(a, b)` with `a < b`.
pub fn pairs(codes: &[Code]) -> impl Iterator<Item = (usize, usize)> + '_ {
    (0..codes.len()).flat_map(move |a| {
        (a + 1..codes.len())
            .filter(move |&b| codes[a].id.family() == codes[b].id.family())
            .map(move |b| (a, b))
    })
}

fn page(output: &str, kind: PageKind) -> Page {
    Page {
        output: output.to_owned(),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn code(id: &str) -> Code {
        Code {
            id: CodeId::parse(id).unwrap(),
            rfcs: vec![],
            stages: vec![],
            companions: vec![],
            related: vec![],
            samples: vec![],
            prose: BTreeMap::new(),
            source: "x".into(),
        }
    }

    #[test]
    fn pairs_stay_within_a_family_in_numeric_order() {
        let codes: Vec<Code> = ["251", "521", "5.1.1", "5.1.10", "5.7.1"]
            .into_iter()
            .map(code)
            .collect();
        let pages = plan(&codes, &["en".into(), "ja".into()], &["style.css".into()]);
        let outputs: Vec<&str> = pages.iter().map(|p| p.output.as_str()).collect();
        assert!(outputs.contains(&"en/251-vs-521/index.html"));
        assert!(outputs.contains(&"ja/5.1.1-vs-5.1.10/index.html"));
        assert!(outputs.contains(&"ja/5.1.10-vs-5.7.1/index.html"));
        assert!(!outputs.iter().any(|o| o.contains("251-vs-5.1.1")));
        assert!(outputs.contains(&"style.css"));
        assert!(outputs.contains(&"en/decoder/index.html"));
        assert!(outputs.contains(&"ja/codes.json"));
        // 5 site files + 1 static + per locale: home, status, decoder, codes.json, 5 codes and
        // (1 + 3) pairs
        assert_eq!(pages.len(), 6 + 2 * 13);
    }

    #[test]
    fn a_large_sitemap_is_split_within_the_protocol_limits() {
        let per_file = sitemap_rests_per_file(2, "https://example.org");
        assert_eq!(per_file, SITEMAP_MAX_URLS / 2);
        assert_eq!(sitemap_parts(10_000, per_file), 0);
        assert_eq!(sitemap_parts(100_000, per_file), 4);
        // Many locales: the size limit decides.
        let per_file = sitemap_rests_per_file(30, "https://a-rather-long-domain.example.org");
        assert!(per_file * 30 < SITEMAP_MAX_URLS / 2, "{per_file}");
        assert!(per_file > 100);
        assert_eq!(sitemap_part_pages(2)[1].output, "sitemap-2.xml");
    }

    #[test]
    fn pair_urls_do_not_depend_on_argument_order() {
        let (a, b) = (
            CodeId::parse("5.7.1").unwrap(),
            CodeId::parse("5.1.10").unwrap(),
        );
        assert_eq!(pair_url("en", &a, &b), "/en/5.1.10-vs-5.7.1/");
        assert_eq!(pair_url("en", &b, &a), "/en/5.1.10-vs-5.7.1/");
        let filled = pair_url_template("en")
            .replace("{a}", "5.1.10")
            .replace("{b}", "5.7.1");
        assert_eq!(filled, pair_url("en", &a, &b));
    }
}
