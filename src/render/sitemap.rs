//! `sitemap.xml`: every localized page, each with its alternates in every published
//! locale (hreflang). A site too large for one file gets a sitemap index and parts within
//! the protocol's limits (see [`plan::sitemap_rests_per_file`]); each file is written
//! straight into one buffer of about the right size.

use std::fmt::Write;

use super::Renderer;
use crate::load::Site;
use crate::model::Locale;
use crate::plan;

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const URLSET_OPEN: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";

impl Renderer<'_> {
    /// `/sitemap.xml`: all pages, or the index of the parts.
    pub(super) fn sitemap(&self) -> String {
        match sitemap_parts(self.site) {
            0 => self.sitemap_urls(0, usize::MAX),
            parts => self.sitemap_index(parts),
        }
    }

    /// `/sitemap-{part}.xml`.
    pub(super) fn sitemap_part(&self, part: usize) -> String {
        let per_file = rests_per_file(self.site);
        self.sitemap_urls(part.saturating_sub(1) * per_file, per_file)
    }

    fn sitemap_index(&self, parts: usize) -> String {
        let base = &self.site.config.base_url;
        let mut xml = String::from(XML_DECLARATION);
        xml.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for part in 1..=parts {
            let file = plan::sitemap_part_file(part);
            let _ = writeln!(xml, "<sitemap><loc>{base}/{file}</loc></sitemap>");
        }
        xml.push_str("</sitemapindex>\n");
        xml
    }

    /// A `<urlset>` of the page paths `skip..skip + take`, in every published locale.
    fn sitemap_urls(&self, skip: usize, take: usize) -> String {
        let config = &self.site.config;
        let published: Vec<&Locale> = config.locales.iter().filter(|l| !l.draft).collect();
        let rests = plan::sitemap_rests(&self.site.codes).skip(skip).take(take);
        let expected = take.min(plan::sitemap_rest_count(&self.site.codes));
        let mut xml = String::with_capacity(
            expected.saturating_mul(entry_size(&published, &config.base_url)),
        );
        xml.push_str(XML_DECLARATION);
        xml.push_str(URLSET_OPEN);
        for rest in rests {
            for locale in &published {
                write_entry(
                    &mut xml,
                    &config.base_url,
                    &config.default_locale,
                    &published,
                    &locale.code,
                    &rest,
                );
            }
        }
        xml.push_str("</urlset>\n");
        xml
    }
}

/// How many parts the sitemap is split into (0: one file holds every page).
pub fn sitemap_parts(site: &Site) -> usize {
    plan::sitemap_parts(plan::sitemap_rest_count(&site.codes), rests_per_file(site))
}

fn rests_per_file(site: &Site) -> usize {
    let published = site.config.locales.iter().filter(|l| !l.draft).count();
    plan::sitemap_rests_per_file(published, &site.config.base_url)
}

/// Roughly how long one page path's entries are, to size the buffer once.
fn entry_size(published: &[&Locale], base_url: &str) -> usize {
    let mut sample = String::new();
    for locale in published {
        write_entry(
            &mut sample,
            base_url,
            "en",
            published,
            &locale.code,
            "/5.7.1-vs-5.7.26/",
        );
    }
    sample.len()
}

/// One `<url>`: the page in `lang`, and its alternates in every published locale.
fn write_entry(
    xml: &mut String,
    base_url: &str,
    default_lang: &str,
    published: &[&Locale],
    lang: &str,
    rest: &str,
) {
    let _ = write!(xml, "<url><loc>{base_url}/{lang}{rest}</loc>");
    for alt in published {
        let _ = write!(
            xml,
            "<xhtml:link rel=\"alternate\" hreflang=\"{0}\" href=\"{base_url}/{0}{rest}\"/>",
            alt.code
        );
    }
    let _ = writeln!(
        xml,
        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{base_url}/{default_lang}{rest}\"/></url>"
    );
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
        for n in [1, 2, 10, 40] {
            let all = locales(n);
            let published: Vec<&Locale> = all.iter().collect();
            let per_file = plan::sitemap_rests_per_file(n, base);
            let per_rest = entry_size(&published, base);
            assert!(
                per_file * per_rest <= 50 * 1000 * 1000,
                "{n} locales: {per_file} paths of {per_rest} bytes"
            );
            assert!(per_file * n <= 50_000);
        }
    }
}
