//! `sitemap.xml`: every localized page, each with its alternates in every published
//! locale (hreflang). A site too large for one file gets a sitemap index and parts within
//! the protocol's limits (the plan decides how many, see [`plan::sitemap_rests_per_file`]);
//! each file is written straight into one buffer of about the right size.

use std::fmt::Write;

use super::engine::Renderer;
use crate::model::{CodeId, Locale};
use crate::plan::{self, LocalPage, Urls};

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const URLSET_OPEN: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";

/// `/sitemap.xml`: all pages, or the index of the parts.
pub(super) fn main(r: &Renderer) -> String {
    let per_file = r.plan.sitemap_paths_per_file;
    match plan::sitemap_parts(r.plan.sitemap_page_count(r.site), per_file) {
        0 => urls(r, 0, usize::MAX),
        parts => index(r, parts),
    }
}

/// `/sitemap-{part}.xml`.
pub(super) fn part(r: &Renderer, part: usize) -> String {
    let per_file = r.plan.sitemap_paths_per_file;
    urls(r, part.saturating_sub(1) * per_file, per_file)
}

fn index(r: &Renderer, parts: usize) -> String {
    let mut xml = String::from(XML_DECLARATION);
    xml.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for part in 1..=parts {
        let loc = r.plan.urls.sitemap_part_absolute(part);
        let _ = writeln!(xml, "<sitemap><loc>{loc}</loc></sitemap>");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// A `<urlset>` of the pages `skip..skip + take`, in every published locale.
fn urls(r: &Renderer, skip: usize, take: usize) -> String {
    let config = &r.site.config;
    let site_urls = &r.plan.urls;
    let published: Vec<&Locale> = config.locales.iter().filter(|l| !l.draft).collect();
    let pages = r.plan.sitemap_pages(r.site).skip(skip).take(take);
    let expected = take.min(r.plan.sitemap_page_count(r.site));
    let mut xml = String::with_capacity(expected.saturating_mul(entry_size(&published, site_urls)));
    xml.push_str(XML_DECLARATION);
    xml.push_str(URLSET_OPEN);
    for page in pages {
        for locale in &published {
            write_entry(
                &mut xml,
                site_urls,
                &config.default_locale,
                &published,
                &locale.code,
                page,
            );
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Roughly how long one page's entries are, to size the buffer once.
fn entry_size(published: &[&Locale], urls: &Urls) -> usize {
    let (Ok(a), Ok(b)) = (CodeId::parse("5.7.1"), CodeId::parse("5.7.26")) else {
        return 0;
    };
    let mut sample = String::new();
    for locale in published {
        write_entry(
            &mut sample,
            urls,
            "en",
            published,
            &locale.code,
            LocalPage::Pair(&a, &b),
        );
    }
    sample.len()
}

/// One `<url>`: the page in `lang`, and its alternates in every published locale.
fn write_entry(
    xml: &mut String,
    urls: &Urls,
    default_lang: &str,
    published: &[&Locale],
    lang: &str,
    page: LocalPage,
) {
    xml.push_str("<url><loc>");
    urls.write_absolute(xml, lang, page);
    xml.push_str("</loc>");
    for alt in published {
        let _ = write!(
            xml,
            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"",
            alt.code
        );
        urls.write_absolute(xml, &alt.code, page);
        xml.push_str("\"/>");
    }
    xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"");
    urls.write_absolute(xml, default_lang, page);
    xml.push_str("\"/></url>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locales(n: usize) -> Vec<Locale> {
        (0..n)
            .map(|i| Locale {
                code: format!("l{i}"),
                name: format!("Locale {i}"),
                draft: false,
            })
            .collect()
    }

    /// plan's bound on a file's size must hold for real entries, many locales included.
    #[test]
    fn entries_fit_the_size_plan_allows_for_them() {
        let base = "https://a-rather-long-domain-name.example.org/with/a/base/path";
        let urls = Urls::new(base, "/with/a/base/path");
        for n in [1, 2, 10, 40] {
            let all = locales(n);
            let published: Vec<&Locale> = all.iter().collect();
            let per_file = plan::sitemap_rests_per_file(n, base);
            let per_rest = entry_size(&published, &urls);
            assert!(per_rest > 100 * n, "{n} locales: {per_rest} bytes");
            assert!(
                per_file * per_rest <= 50 * 1000 * 1000,
                "{n} locales: {per_file} paths of {per_rest} bytes"
            );
            assert!(per_file * n <= 50_000);
        }
    }
}
