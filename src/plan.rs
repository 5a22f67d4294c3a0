//! Stage 2: which pages exist and where. From the loaded site to a [`Plan`]: one
//! [`Route`] per output file, in a fixed order, and the [`Urls`] every link is made with.
//! URLs are a contract, so every URL shape lives here: later stages ask this module for a
//! page's path, link or absolute URL and never format one themselves.

use std::collections::HashSet;

use crate::error::PlanError;
use crate::hash::BuildWideFnv;
use crate::load::Site;
use crate::load::fingerprint;
use crate::model::{Code, CodeId, Family, GroupId, Locale};

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
    /// `/{lang}/{group}/index.html`: a class (`5.X.XXX`) or subject (`X.7.XXX`) of
    /// RFC 3463; `group` indexes `Site::groups`.
    Group { locale: usize, group: usize },
    /// `/{lang}/providers/{id}/index.html`: a provider entry; `entry` indexes
    /// `Site::provider_entries`.
    Provider { locale: usize, entry: usize },
    /// `/{lang}/providers/index.html`: the providers and their entries (planned only when
    /// the site has provider entries).
    ProviderIndex { locale: usize },
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
            | PageKind::Group { locale, .. }
            | PageKind::Provider { locale, .. }
            | PageKind::ProviderIndex { locale }
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

    /// An HTML page of a locale, as opposed to its codes.json.
    pub fn is_localized_page(self) -> bool {
        self.locale().is_some() && !matches!(self, PageKind::CodeIndex { .. })
    }
}

/// One output file of the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Output path relative to the output directory, `/`-separated.
    pub output: String,
    pub kind: PageKind,
}

/// A page that exists once per locale, named without its locale: its URL in any locale
/// is [`Urls::path`] of it (the sitemap and the language switcher list it in each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalPage<'a> {
    Home,
    Translations,
    Decoder,
    Code(&'a CodeId),
    /// Two codes in either order: the URL puts the lower one first.
    Pair(&'a CodeId, &'a CodeId),
    /// A class or subject page of RFC 3463.
    Group(GroupId),
    /// The providers index.
    Providers,
    /// A provider entry, by its id (`microsoft-5.7.606-5.7.649`).
    Provider(&'a str),
}

impl LocalPage<'_> {
    /// Appends the path after `/{lang}` (`/`, `/251/`, `/251-vs-521/`) to `out`, piece
    /// by piece: a pair page has about ten URLs, and going through `format!` for each was
    /// about 3% of a 200k-page build.
    pub fn push_path(&self, out: &mut String) {
        let mut segments = |parts: &[&str]| {
            out.push('/');
            parts.iter().for_each(|part| out.push_str(part));
            out.push('/');
        };
        match *self {
            LocalPage::Home => out.push('/'),
            LocalPage::Translations => segments(&["translations"]),
            LocalPage::Decoder => segments(&["decoder"]),
            LocalPage::Code(code) => segments(&[code.as_str()]),
            LocalPage::Pair(x, y) => {
                let (a, b) = if x < y { (x, y) } else { (y, x) };
                segments(&[a.as_str(), "-vs-", b.as_str()]);
            }
            LocalPage::Group(group) => segments(&[&group.name()]),
            LocalPage::Providers => segments(&[PROVIDERS_SEGMENT]),
            LocalPage::Provider(id) => segments(&[PROVIDERS_SEGMENT, "/", id]),
        }
    }
}

/// Where the site is published, and every URL shape of it. A path is what follows the
/// base (`/en/251/`); an href is what a page links to (the base path and the path); an
/// absolute URL adds the scheme and host (canonical links, hreflang, the sitemap).
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://example.org/repo`, without a trailing slash.
    base_url: String,
    /// `/repo`, or empty at the root of a host.
    base_path: String,
}

/// `{prefix}/{lang}{path of page}`: a path (no prefix), an href (the base path) or an
/// absolute URL (the base URL).
fn url(prefix: &str, lang: &str, page: LocalPage) -> String {
    let mut out = String::with_capacity(prefix.len() + lang.len() + 48);
    push_url(&mut out, prefix, lang, page);
    out
}

fn push_url(out: &mut String, prefix: &str, lang: &str, page: LocalPage) {
    out.push_str(prefix);
    out.push('/');
    out.push_str(lang);
    page.push_path(out);
}

/// The URL segment of the provider family: `/{lang}/providers/…`.
const PROVIDERS_SEGMENT: &str = "providers";

/// The script every page with a decoder or a jump box loads (a file of `static/`).
const LOOKUP_SCRIPT: &str = "/lookup.js";

impl Urls {
    pub fn new(base_url: &str, base_path: &str) -> Urls {
        Urls {
            base_url: base_url.to_owned(),
            base_path: base_path.to_owned(),
        }
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// `https://example.org/repo`, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The path of `page` in `lang`.
    pub fn path(&self, lang: &str, page: LocalPage) -> String {
        url("", lang, page)
    }

    /// What a page links to for `page` in `lang`.
    pub fn href(&self, lang: &str, page: LocalPage) -> String {
        url(&self.base_path, lang, page)
    }

    /// The absolute URL of `page` in `lang`.
    pub fn absolute(&self, lang: &str, page: LocalPage) -> String {
        url(&self.base_url, lang, page)
    }

    /// Appends the absolute URL of `page` in `lang` (the sitemap writes many).
    pub fn write_absolute(&self, out: &mut String, lang: &str, page: LocalPage) {
        push_url(out, &self.base_url, lang, page);
    }

    /// The absolute URL of the site's root.
    pub fn root_absolute(&self) -> String {
        format!("{}/", self.base_url)
    }

    /// The path of a link made by [`Urls::href`] (or any href below the base): what follows
    /// the base path, so that [`Urls::base_url`] and it are the link's absolute URL.
    pub fn path_of_href<'h>(&self, href: &'h str) -> &'h str {
        href.strip_prefix(&self.base_path).unwrap_or(href)
    }

    /// A family's part of a locale's home: `/{lang}/#basic`.
    pub fn family_href(&self, lang: &str, family: Family) -> String {
        let mut href = self.href(lang, LocalPage::Home);
        href.push('#');
        href.push_str(family.as_str());
        href
    }

    /// The per-locale JSON index of codes, fetched by the decoder and the jump box.
    pub fn code_index_href(&self, lang: &str) -> String {
        format!("{}{}", self.base_path, code_index_path(lang))
    }

    /// [`LocalPage::Pair`]'s href with `{a}` and `{b}` left for a script to fill in
    /// (`a` first in code order).
    pub fn pair_href_template(&self, lang: &str) -> String {
        format!("{}/{lang}/{{a}}-vs-{{b}}/", self.base_path)
    }

    pub fn lookup_script_href(&self) -> String {
        format!("{}{LOOKUP_SCRIPT}", self.base_path)
    }

    /// The absolute URL of the sitemap (or of the index of its parts).
    pub fn sitemap_absolute(&self) -> String {
        format!("{}/sitemap.xml", self.base_url)
    }

    pub fn sitemap_part_absolute(&self, part: usize) -> String {
        format!("{}/{}", self.base_url, sitemap_part_file(part))
    }
}

/// An RFC on the RFC Editor's site, at a section's anchor when one is given.
pub fn rfc_url(number: u32, section: Option<&str>) -> String {
    match section {
        Some(section) => format!("https://www.rfc-editor.org/rfc/rfc{number}#section-{section}"),
        None => format!("https://www.rfc-editor.org/rfc/rfc{number}"),
    }
}

/// Everything the later stages need to know about the site's outputs.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Site-wide files first, then per locale its home, status page, decoder, codes.json,
    /// code pages and pair pages, in code order; then per locale its class and subject
    /// pages; then per locale the providers index and entries; the sitemap's parts last.
    pub routes: Vec<Route>,
    pub urls: Urls,
    /// How many page paths one sitemap file lists.
    pub sitemap_paths_per_file: usize,
    /// The pairs `(a, b)` listed in the sitemap and open to search engines; every other
    /// pair page is built and linked but marked `noindex, follow` (see [`is_indexed_pair`]).
    /// Hashed with [`BuildWideFnv`]: looked up once per pair page and per sitemap entry,
    /// where SipHash was about 1% of a 200k-page build.
    pub indexed_pairs: HashSet<(usize, usize), BuildWideFnv>,
}

impl Plan {
    pub fn is_indexed(&self, a: usize, b: usize) -> bool {
        self.indexed_pairs.contains(&(a.min(b), a.max(b)))
    }

    /// Every localized page listed in the sitemap, in order.
    pub fn sitemap_pages<'c>(&'c self, site: &'c Site) -> impl Iterator<Item = LocalPage<'c>> + 'c {
        let codes = &site.codes;
        let providers = provider_pages(site);
        SITEMAP_FIXED
            .into_iter()
            .chain(site.groups.iter().map(|g| LocalPage::Group(g.id)))
            .chain(providers)
            .chain(codes.iter().map(|c| LocalPage::Code(&c.id)))
            .chain(
                pairs(codes)
                    .filter(|pair| self.indexed_pairs.contains(pair))
                    .map(|(a, b)| LocalPage::Pair(&codes[a].id, &codes[b].id)),
            )
    }

    /// How many pages [`Plan::sitemap_pages`] gives.
    pub fn sitemap_page_count(&self, site: &Site) -> usize {
        sitemap_listed(site, self.indexed_pairs.len())
    }

    /// HTML pages per locale, in config order.
    pub fn pages_per_locale(&self, locales: &[Locale]) -> Vec<(String, usize)> {
        locales
            .iter()
            .enumerate()
            .map(|(i, locale)| {
                let count = self
                    .routes
                    .iter()
                    .filter(|r| r.kind.is_localized_page() && r.kind.locale() == Some(i))
                    .count();
                (locale.code.clone(), count)
            })
            .collect()
    }
}

/// Plans the whole site: every file it will have, checked for collisions between
/// generated pages, static files and the build's record.
pub fn plan(site: &Site) -> Result<Plan, PlanError> {
    let config = &site.config;
    let locales: Vec<String> = config.locales.iter().map(|l| l.code.clone()).collect();
    let static_paths: Vec<String> = site.static_files.iter().map(|f| f.path.clone()).collect();
    let mut routes = pages(&site.codes, &locales, &static_paths);
    routes.extend(group_routes(site, &locales));
    routes.extend(provider_routes(site, &locales));
    if config.cname.is_some() {
        routes.push(route("CNAME", PageKind::Cname));
    }
    let indexed_pairs: HashSet<(usize, usize), BuildWideFnv> = pairs(&site.codes)
        .filter(|&(a, b)| is_indexed_pair(site, a, b))
        .collect();
    let published = config.locales.iter().filter(|l| !l.draft).count();
    let per_file = sitemap_rests_per_file(published, &config.base_url);
    let listed = sitemap_listed(site, indexed_pairs.len());
    routes.extend(sitemap_part_routes(sitemap_parts(listed, per_file)));
    refuse_collisions(&routes)?;
    Ok(Plan {
        routes,
        urls: Urls::new(&config.base_url, &config.base_path),
        sitemap_paths_per_file: per_file,
        indexed_pairs,
    })
}

/// Whether the pair page of codes `a` and `b` has something specific to say, and so is
/// offered to search engines (README, "Pair pages and what search engines see"): a hand-written
/// comparison; one code lists the other as related; they are the temporary and permanent
/// forms of one condition (450 and 550, 4.2.2 and 5.2.2); or they fail for the same main
/// reason at the same step of the session with the same consequence (both permanent
/// policy refusals at RCPT TO, say).
pub fn is_indexed_pair(site: &Site, a: usize, b: usize) -> bool {
    let (x, y) = (&site.codes[a], &site.codes[b]);
    site.comparison(a, b).is_some()
        || x.related.contains(&y.id)
        || y.related.contains(&x.id)
        || are_counterparts(&x.id, &y.id)
        || same_failure(x, y)
}

/// 450 and 550, 4.2.2 and 5.2.2: one temporary, one permanent, otherwise the same code.
fn are_counterparts(x: &CodeId, y: &CodeId) -> bool {
    let classes = [x.class(), y.class()];
    let rest = |id: &CodeId| -> String { id.as_str().chars().skip(1).collect() };
    classes.contains(&4) && classes.contains(&5) && rest(x) == rest(y)
}

/// Two failures with the same main cause and next step, sent at a common specific step.
fn same_failure(x: &Code, y: &Code) -> bool {
    let failure = |c: &Code| matches!(c.id.class(), 4 | 5);
    let shared_stage = x
        .stages
        .iter()
        .any(|s| *s != crate::model::Stage::Any && y.stages.contains(s));
    failure(x)
        && failure(y)
        && x.facts.next == y.facts.next
        && !x.facts.cause.is_empty()
        && x.facts.cause.first() == y.facts.cause.first()
        && shared_stage
}

/// The output file of `page` in `lang`, a directory-style path: `{lang}{path}index.html`,
/// written in one go (200k of them at 200k pages).
fn index_file(lang: &str, page: LocalPage) -> String {
    let mut output = String::with_capacity(lang.len() + 48);
    output.push_str(lang);
    page.push_path(&mut output);
    output.push_str("index.html");
    output
}

fn code_index_path(lang: &str) -> String {
    format!("/{lang}/codes.json")
}

/// Every page of the site but the optional ones: site-wide files first, then per locale
/// its home, its code pages and its pair pages, in code order. `codes` must be sorted.
pub fn pages(codes: &[Code], locales: &[String], static_paths: &[String]) -> Vec<Route> {
    let mut routes = vec![
        route("index.html", PageKind::Root),
        route("404.html", PageKind::NotFound),
        route("sitemap.xml", PageKind::Sitemap),
        route("robots.txt", PageKind::Robots),
        route(".nojekyll", PageKind::NoJekyll),
    ];
    for (index, path) in static_paths.iter().enumerate() {
        routes.push(route(path, PageKind::Static { index }));
    }
    for (locale, lang) in locales.iter().enumerate() {
        let local = |page: LocalPage| index_file(lang, page);
        routes.push(route(local(LocalPage::Home), PageKind::Home { locale }));
        routes.push(route(
            local(LocalPage::Translations),
            PageKind::Translations { locale },
        ));
        routes.push(route(
            local(LocalPage::Decoder),
            PageKind::Decoder { locale },
        ));
        routes.push(route(
            code_index_path(lang).trim_start_matches('/'),
            PageKind::CodeIndex { locale },
        ));
        for (i, code) in codes.iter().enumerate() {
            let kind = PageKind::Code { locale, code: i };
            routes.push(route(local(LocalPage::Code(&code.id)), kind));
        }
        for (a, b) in pairs(codes) {
            let page = LocalPage::Pair(&codes[a].id, &codes[b].id);
            routes.push(route(local(page), PageKind::Pair { locale, a, b }));
        }
    }
    routes
}

/// The class and subject pages of the groups the site has, per locale.
fn group_routes(site: &Site, locales: &[String]) -> Vec<Route> {
    let mut routes = Vec::new();
    for (locale, lang) in locales.iter().enumerate() {
        for (group, g) in site.groups.iter().enumerate() {
            let output = index_file(lang, LocalPage::Group(g.id));
            routes.push(route(output, PageKind::Group { locale, group }));
        }
    }
    routes
}

/// The provider family's pages, per locale: the index and every entry; none when the site
/// has no provider entries.
fn provider_routes(site: &Site, locales: &[String]) -> Vec<Route> {
    let mut routes = Vec::new();
    if site.provider_entries.is_empty() {
        return routes;
    }
    for (locale, lang) in locales.iter().enumerate() {
        let output = index_file(lang, LocalPage::Providers);
        routes.push(route(output, PageKind::ProviderIndex { locale }));
        for (entry, e) in site.provider_entries.iter().enumerate() {
            let output = index_file(lang, LocalPage::Provider(&e.id));
            routes.push(route(output, PageKind::Provider { locale, entry }));
        }
    }
    routes
}

/// The provider family's pages in the sitemap: the index, then each entry (none without
/// entries).
fn provider_pages(site: &Site) -> impl Iterator<Item = LocalPage<'_>> + '_ {
    let index = (!site.provider_entries.is_empty()).then_some(LocalPage::Providers);
    index.into_iter().chain(
        site.provider_entries
            .iter()
            .map(|e| LocalPage::Provider(&e.id)),
    )
}

/// How many page paths the sitemap lists, with `indexed_pairs` pair pages.
fn sitemap_listed(site: &Site, indexed_pairs: usize) -> usize {
    let providers = match site.provider_entries.len() {
        0 => 0,
        entries => entries + 1,
    };
    SITEMAP_FIXED.len() + site.groups.len() + providers + site.codes.len() + indexed_pairs
}

/// A static file must not silently replace a generated page (or the reverse), nor the
/// record of the build's inputs, nor sit where a directory of other files has to go.
fn refuse_collisions(routes: &[Route]) -> Result<(), PlanError> {
    // One set, in the routes' order (sorting 200k paths first, and SipHash, were most of
    // what planning a 200k-page site cost).
    let outputs = routes
        .iter()
        .map(|r| r.output.as_str())
        .chain([fingerprint::FILE]);
    let mut files: HashSet<&str, BuildWideFnv> =
        HashSet::with_capacity_and_hasher(routes.len() + 1, BuildWideFnv::default());
    for output in outputs.clone() {
        if !files.insert(output) {
            return Err(PlanError::Collision {
                path: output.to_owned(),
            });
        }
    }
    for output in outputs {
        let dirs = output.match_indices('/').map(|(at, _)| &output[..at]);
        if let Some(dir) = dirs.into_iter().find(|dir| files.contains(dir)) {
            return Err(PlanError::InTheWay {
                dir: dir.to_owned(),
                output: output.to_owned(),
            });
        }
    }
    Ok(())
}

/// The sitemap protocol's limits for one file: 50,000 URLs and 50 MB. An entry lists its
/// page in every locale, so with many locales the size is the tighter limit; a margin
/// is kept under it.
const SITEMAP_MAX_URLS: usize = 50_000;
const SITEMAP_MAX_BYTES: usize = 40 * 1024 * 1024;

/// The localized pages that are neither code nor pair pages.
const SITEMAP_FIXED: [LocalPage<'static>; 3] =
    [LocalPage::Home, LocalPage::Translations, LocalPage::Decoder];

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
fn sitemap_part_routes(parts: usize) -> Vec<Route> {
    (1..=parts)
        .map(|part| route(sitemap_part_file(part), PageKind::SitemapPart { part }))
        .collect()
}

fn sitemap_part_file(part: usize) -> String {
    format!("sitemap-{part}.xml")
}

/// Every unordered pair of codes of the same family, as indexes `(a, b)` with `a < b`.
pub fn pairs(codes: &[Code]) -> impl Iterator<Item = (usize, usize)> + '_ {
    (0..codes.len()).flat_map(move |a| {
        (a + 1..codes.len())
            .filter(move |&b| codes[a].id.family() == codes[b].id.family())
            .map(move |b| (a, b))
    })
}

fn route(output: impl Into<String>, kind: PageKind) -> Route {
    Route {
        output: output.into(),
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
            sources: vec![],
            stages: vec![],
            companions: vec![],
            facts: crate::model::Facts {
                next: crate::model::NextStep::Bounce,
                retry_helps: None,
                acts: vec![],
                cause: vec![],
            },
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
        let routes = pages(&codes, &["en".into(), "ja".into()], &["style.css".into()]);
        let outputs: Vec<&str> = routes.iter().map(|p| p.output.as_str()).collect();
        assert!(outputs.contains(&"en/251-vs-521/index.html"));
        assert!(outputs.contains(&"ja/5.1.1-vs-5.1.10/index.html"));
        assert!(outputs.contains(&"ja/5.1.10-vs-5.7.1/index.html"));
        assert!(!outputs.iter().any(|o| o.contains("251-vs-5.1.1")));
        assert!(outputs.contains(&"style.css"));
        assert!(outputs.contains(&"en/decoder/index.html"));
        assert!(outputs.contains(&"ja/codes.json"));
        // 5 site files + 1 static + per locale: home, status, decoder, codes.json, 5 codes and
        // (1 + 3) pairs
        assert_eq!(routes.len(), 6 + 2 * 13);
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
        assert_eq!(sitemap_part_routes(2)[1].output, "sitemap-2.xml");
    }

    #[test]
    fn pair_urls_do_not_depend_on_argument_order() {
        let (a, b) = (
            CodeId::parse("5.7.1").unwrap(),
            CodeId::parse("5.1.10").unwrap(),
        );
        let urls = Urls::new("https://example.org/repo", "/repo");
        assert_eq!(
            urls.href("en", LocalPage::Pair(&a, &b)),
            "/repo/en/5.1.10-vs-5.7.1/"
        );
        assert_eq!(
            urls.href("en", LocalPage::Pair(&b, &a)),
            "/repo/en/5.1.10-vs-5.7.1/"
        );
        let filled = urls
            .pair_href_template("en")
            .replace("{a}", "5.1.10")
            .replace("{b}", "5.7.1");
        assert_eq!(filled, urls.href("en", LocalPage::Pair(&a, &b)));
        let href = urls.href("ja", LocalPage::Code(&a));
        assert_eq!(
            [urls.base_url(), urls.path_of_href(&href)].concat(),
            "https://example.org/repo/ja/5.7.1/"
        );
    }

    #[test]
    fn every_page_has_its_path_href_and_absolute_url() {
        let code = CodeId::parse("251").unwrap();
        let other = CodeId::parse("521").unwrap();
        let class = GroupId::class_of(&CodeId::parse("5.7.1").unwrap()).unwrap();
        let urls = Urls::new("https://example.org/repo", "/repo");
        for (page, path) in [
            (LocalPage::Home, "/"),
            (LocalPage::Group(class), "/5.X.XXX/"),
            (LocalPage::Translations, "/translations/"),
            (LocalPage::Decoder, "/decoder/"),
            (LocalPage::Code(&code), "/251/"),
            (LocalPage::Pair(&other, &code), "/251-vs-521/"),
            (LocalPage::Providers, "/providers/"),
            (
                LocalPage::Provider("microsoft-5.7.606"),
                "/providers/microsoft-5.7.606/",
            ),
        ] {
            let mut pushed = String::new();
            page.push_path(&mut pushed);
            assert_eq!(pushed, path);
            assert_eq!(urls.path("ja", page), format!("/ja{path}"));
            assert_eq!(urls.href("ja", page), format!("/repo/ja{path}"));
            let absolute = format!("https://example.org/repo/ja{path}");
            assert_eq!(urls.absolute("ja", page), absolute);
            let mut written = String::from("<loc>");
            urls.write_absolute(&mut written, "ja", page);
            assert_eq!(written, format!("<loc>{absolute}"));
        }
        assert_eq!(
            urls.family_href("en", Family::Enhanced),
            "/repo/en/#enhanced"
        );
    }

    #[test]
    fn a_static_file_cannot_take_a_page_or_a_directory() {
        let codes = vec![code("251")];
        let mut routes = pages(&codes, &["en".into()], &["en/251/index.html".into()]);
        assert!(matches!(
            refuse_collisions(&routes),
            Err(PlanError::Collision { path }) if path == "en/251/index.html"
        ));
        routes = pages(&codes, &["en".into()], &["en".into()]);
        assert!(matches!(
            refuse_collisions(&routes),
            Err(PlanError::InTheWay { dir, .. }) if dir == "en"
        ));
        routes = pages(&codes, &["en".into()], &["style.css".into()]);
        assert!(refuse_collisions(&routes).is_ok());
    }
}
