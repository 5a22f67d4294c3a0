//! Checks on the real site in this repository: the catalogue's invariants and the pages
//! it produces.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{PROJECT, select, text_of, texts};
use smtpcodes::model::{Family, ProseField};

fn site() -> smtpcodes::load::Site {
    smtpcodes::load::load_site(Path::new(PROJECT)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_catalogue_holds_its_invariants() {
    let site = site();
    let ids: HashSet<&str> = site.codes.iter().map(|c| c.id.as_str()).collect();
    for required in [
        "251", "252", "421", "450", "501", "521", "550", "551", "554", "556", "5.1.1", "5.7.1",
    ] {
        assert!(ids.contains(required), "{required} missing from content/");
    }
    for code in &site.codes {
        let id = code.id.as_str();
        // The class is the first digit, as the family's syntax says.
        assert_eq!(id[..1].parse::<u16>().ok(), Some(code.id.class()), "{id}");
        for locale in &site.config.locales {
            let prose = code
                .prose
                .get(&locale.code)
                .unwrap_or_else(|| panic!("{id} has no {} prose", locale.code));
            for field in ProseField::ALL {
                assert!(
                    prose.get(field).is_some_and(|t| !t.trim().is_empty()),
                    "{id}: `{}` missing in {}",
                    field.as_str(),
                    locale.code
                );
            }
        }
        for related in &code.related {
            assert!(ids.contains(related.as_str()), "{id} → {related}");
        }
        for companion in &code.companions {
            assert!(ids.contains(companion.as_str()), "{id} → {companion}");
            assert_ne!(companion.family(), code.id.family(), "{id} → {companion}");
        }
        // Enhanced codes may name no basic code: the registry gives none for some
        // (2.1.9, which lives in delivery reports, not in replies).
        if code.id.family() == Family::Basic {
            assert!(!code.stages.is_empty(), "{id} has no stages");
        }
        assert!((1..=3).contains(&code.samples.len()), "{id}");
        for sample in &code.samples {
            let first = sample.lines().next().unwrap_or("");
            let basic = first.get(..3).unwrap_or("");
            // A sample is a reply as it appears in a log: it starts with a basic code, or
            // is a DSN fragment naming the status.
            assert!(
                basic.chars().all(|c| c.is_ascii_digit()) || sample.contains(id),
                "{id}: sample does not look like a reply: {sample}"
            );
        }
    }
}

/// The shipped site, built once for every test of this binary (the only one that builds
/// it): its output directory and the build's report.
fn shipped() -> &'static (PathBuf, smtpcodes::BuildReport) {
    static BUILT: OnceLock<(PathBuf, smtpcodes::BuildReport)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shipped-dist");
        // A fresh build every run, not an incremental one over the last run's output.
        if out.exists() {
            std::fs::remove_dir_all(&out).expect("old shipped output removable");
        }
        let report =
            smtpcodes::build(Path::new(PROJECT), Some(&out)).unwrap_or_else(|e| panic!("{e}"));
        (out, report)
    })
}

#[test]
fn the_shipped_site_has_no_broken_links() {
    let (out, _) = shipped();
    let config = smtpcodes::load::config::Config::load(Path::new(PROJECT)).expect("site.yaml");
    let pages = common::snapshot_paths(out)
        .iter()
        .filter(|f| f.ends_with(".html"))
        .count();
    assert!(
        pages > 9000,
        "only {pages} pages: is the catalogue complete?"
    );
    common::links::assert_no_broken_links(out, &config.base_url);
}

#[test]
fn the_shipped_site_builds_with_every_pair_in_every_locale() {
    let (out, report) = shipped();
    assert_eq!(
        report.written, report.files,
        "a fresh build writes every file"
    );
    let site = site();
    let basic = site
        .codes
        .iter()
        .filter(|c| c.id.family() == Family::Basic)
        .count();
    let enhanced = site.codes.len() - basic;
    // home, translation status, decoder, a page per code, a page per same-family pair
    let per_locale = 3 + site.codes.len() + basic * (basic - 1) / 2 + enhanced * (enhanced - 1) / 2;
    for (lang, pages) in &report.pages_per_locale {
        assert_eq!(*pages, per_locale, "{lang}");
    }
    let pair = |lang: &str, a: &str, b: &str| {
        let path = out.join(format!("{lang}/{a}-vs-{b}/index.html"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        scraper::Html::parse_document(&text)
    };
    let ja = pair("ja", "251", "521");
    common::assert_pair_headings_ja(&ja);
    // Every sentence on a Japanese page is Japanese (the seed's worst defect), except
    // what is marked as English: source titles, and a translation's honest fallback.
    for (a, b) in [
        ("251", "521"),
        ("550", "554"),
        ("421", "450"),
        ("5.1.1", "5.7.1"),
    ] {
        let page = pair("ja", a, b);
        let article = "main article";
        let selector = ["p", "li", "h1", "h2", "h3", "dd", "td"].map(|e| format!("{article} {e}"));
        for element in select(&page, &selector.join(", ")) {
            let text = text_of(&element);
            // Code numbers alone ("2.1.5、2.3.6") are in no language.
            let has_words = text.chars().any(|c| c.is_alphabetic());
            if marked_english(&element) || !has_words {
                continue;
            }
            let japanese = text.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c));
            assert!(japanese, "{a} vs {b}: English on a ja page: {text:?}");
        }
    }
    let en = pair("en", "251", "521");
    let title = texts(&en, "title").join("");
    assert!(title.starts_with("SMTP 251 "), "{title}");
    assert!(title.contains(" vs 521 "), "{title}");
    every_title_and_description_is_unique(out);
}

/// Search engines treat pages sharing a title or description as duplicates.
fn every_title_and_description_is_unique(out: &Path) {
    let mut titles = std::collections::HashMap::new();
    let mut descriptions = std::collections::HashMap::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read page");
        let page = scraper::Html::parse_document(&text);
        let path = entry.path().display().to_string();
        let title = texts(&page, "title").join("");
        let description = select(&page, "meta[name=description]")
            .first()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_default()
            .to_owned();
        if let Some(other) = titles.insert(title.clone(), path.clone()) {
            panic!("{path} and {other} share the title {title:?}");
        }
        if let Some(other) = descriptions.insert(description.clone(), path.clone()) {
            panic!("{path} and {other} share the description {description:?}");
        }
    }
    assert!(titles.len() > 1000, "{} pages", titles.len());
}

/// The element, or one around it, says it is in English.
fn marked_english(element: &scraper::ElementRef) -> bool {
    std::iter::once(**element)
        .chain(element.ancestors())
        .filter_map(|node| node.value().as_element().and_then(|e| e.attr("lang")))
        .next()
        .is_some_and(|lang| lang == "en")
}

/// A pair page must say something about its own two codes: no sentence outside the table,
/// the headings and the navigation may appear on more than this share of a locale's pair
/// pages (the old site's pages shared their one lead sentence with every other pair).
const MAX_SHARED_SHARE: f64 = 0.05;

#[test]
fn no_sentence_is_shared_by_more_than_five_percent_of_pair_pages() {
    use rayon::prelude::*;
    let (out, _) = shipped();
    let config = smtpcodes::load::config::Config::load(Path::new(PROJECT)).expect("site.yaml");
    for locale in &config.locales {
        let dir = out.join(&locale.code);
        let pages: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("locale dir")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("-vs-"))
            .map(|e| e.path().join("index.html"))
            .collect();
        assert!(
            pages.len() > 1000,
            "{}: {} pair pages",
            locale.code,
            pages.len()
        );
        let per_page: Vec<HashSet<String>> = pages
            .par_iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).expect("page");
                sentences_of(&scraper::Html::parse_document(&text))
            })
            .collect();
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for sentence in per_page.iter().flatten() {
            *counts.entry(sentence.as_str()).or_default() += 1;
        }
        let sentences_read: usize = per_page.iter().map(HashSet::len).sum();
        assert!(
            sentences_read > pages.len() * 10,
            "only {sentences_read} sentences read"
        );
        let limit = (pages.len() as f64 * MAX_SHARED_SHARE) as usize;
        let mut shared: Vec<(&str, usize)> =
            counts.into_iter().filter(|(_, n)| *n > limit).collect();
        shared.sort_by_key(|(s, n)| (std::cmp::Reverse(*n), *s));
        let report: Vec<String> = shared
            .iter()
            .take(20)
            .map(|(s, n)| {
                format!(
                    "{n:>5} pages ({:.1}%): {s:?}",
                    *n as f64 * 100.0 / pages.len() as f64
                )
            })
            .collect();
        assert!(
            shared.is_empty(),
            "{}: {} sentences are on more than {limit} of {} pair pages, worst first:\n{}",
            locale.code,
            shared.len(),
            pages.len(),
            report.join("\n")
        );
    }
}

/// The sentences of a page's own text: paragraphs, list items and prose in the article,
/// not its table, headings, navigation or the reply samples.
fn sentences_of(page: &scraper::Html) -> HashSet<String> {
    let blocks = select(page, "main article p, main article li");
    let skipped = |e: &scraper::ElementRef| {
        e.ancestors().any(|a| {
            a.value().as_element().is_some_and(|el| {
                matches!(el.name(), "table" | "nav" | "figure" | "form")
                    || el.attr("aria-labelledby") == Some("learn-more")
            })
        })
    };
    let mut out = HashSet::new();
    for block in blocks.iter().filter(|b| !skipped(b)) {
        let text = text_of(block);
        for sentence in split_sentences(&text) {
            out.insert(sentence);
        }
    }
    out
}

/// Splits after `.`, `!`, `?` followed by a space, and after `。`.
fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let ends = c == '。'
            || (matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()));
        if ends {
            let sentence = current.trim().to_owned();
            if sentence.chars().count() > 3 {
                out.push(sentence);
            }
            current.clear();
        }
    }
    let rest = current.trim();
    if rest.chars().count() > 3 {
        out.push(rest.to_owned());
    }
    out
}
