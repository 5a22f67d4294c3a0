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
    // home, translation status, decoder, a page per code, a page per same-family pair,
    // a page per class or subject of RFC 3463 that has a file, a page per provider entry
    // and their index
    let providers = site.provider_entries.len();
    assert!(providers > 0, "the shipped site has provider entries");
    let per_locale = 3
        + site.codes.len()
        + basic * (basic - 1) / 2
        + enhanced * (enhanced - 1) / 2
        + site.groups.len()
        + providers
        + 1;
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

/// Generated sentences read as a person would write them, on every page of the shipped
/// site: no doubled punctuation, no sentence said twice on one page, no Japanese verb
/// joined to a noun with の (「転送するの詳細」), no empty section. Each offending page and
/// sentence is printed.
#[test]
fn every_page_reads_as_written_by_a_person() {
    use rayon::prelude::*;
    let (out, _) = shipped();
    let pages: Vec<String> = common::snapshot_paths(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 9000, "{} pages", pages.len());
    let mut problems: Vec<String> = pages
        .par_iter()
        .flat_map_iter(|file| {
            let text = std::fs::read_to_string(out.join(file)).expect("page");
            prose_problems(&scraper::Html::parse_document(&text))
                .into_iter()
                .map(move |p| format!("{file}: {p}"))
        })
        .collect();
    problems.sort();
    // PROSE_REPORT=<file> writes every problem, for fixing them in one pass.
    if let Ok(path) = std::env::var("PROSE_REPORT") {
        std::fs::write(path, problems.join("\n")).expect("write the report");
    }
    // A few of each kind, so one frequent problem does not hide the others.
    let mut shown: std::collections::HashMap<&str, usize> = Default::default();
    let sample: Vec<&String> = problems
        .iter()
        .filter(|p| {
            let kind = p
                .split(": ")
                .nth(1)
                .and_then(|k| k.split(' ').next())
                .unwrap_or("");
            let n = shown.entry(kind).or_default();
            *n += 1;
            *n <= 8
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} problems, some of each kind:\n{}",
        problems.len(),
        sample
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn prose_problems(page: &scraper::Html) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for block in select(
        page,
        "main p, main li, main dd, main td, main h1, main h2, main h3",
    ) {
        let in_code = block.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "pre" | "code"))
        });
        let text = text_without_code(&block);
        if in_code {
            continue;
        }
        let heading = matches!(block.value().name(), "h1" | "h2" | "h3");
        // Headings join two codes' names, which may each hold a colon (RFC 5321's names).
        if let Some(pair) = doubled_punctuation(&text).filter(|_| !heading) {
            problems.push(format!("doubled punctuation {pair:?} in {text:?}"));
        }
        if let Some(join) = verb_joined_with_no(&text) {
            problems.push(format!("verb joined with の ({join}) in {text:?}"));
        }
        let is_block_text = matches!(block.value().name(), "p" | "li");
        // Link lists (a code page's "Compare with" lists related pairs twice on purpose).
        let navigation = ["nav", "form", "details"].iter().any(|n| inside(&block, n));
        if is_block_text && !navigation {
            for sentence in split_sentences(&text)
                .into_iter()
                .filter(|s| s.chars().count() > 20)
            {
                *seen.entry(sentence).or_default() += 1;
            }
        }
        let empty = text.trim().is_empty() && block.children().next().is_none();
        if empty && !inside(&block, "form") {
            problems.push(format!("empty <{}>", block.value().name()));
        }
    }
    for section in select(page, "main section") {
        let body: String = section
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .filter(|e| !matches!(e.value().name(), "h2" | "h3"))
            .map(|e| text_of(&e))
            .collect();
        if body.trim().is_empty() {
            problems.push(format!(
                "empty section {:?}",
                section.value().attr("aria-labelledby")
            ));
        }
    }
    let mut repeated: Vec<String> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(s, n)| format!("said {n} times: {s:?}"))
        .collect();
    repeated.sort();
    problems.extend(repeated);
    problems
}

fn inside(element: &scraper::ElementRef, name: &str) -> bool {
    element
        .ancestors()
        .any(|a| a.value().as_element().is_some_and(|e| e.name() == name))
}

/// The element's own sentence text: each `<code>` span stands as one word `X` (commands
/// and replies are quoted as the servers write them), and a leading bold label
/// ("**Sending admin:**") is left out: it is a label, not part of the sentence.
fn text_without_code(element: &scraper::ElementRef) -> String {
    let label = element
        .children()
        .find(|n| !n.value().as_text().is_some_and(|t| t.trim().is_empty()))
        .and_then(scraper::ElementRef::wrap)
        .filter(|e| e.value().name() == "strong" && text_of(e).trim_end().ends_with(':'))
        .map(|e| e.id());
    let mut out = String::new();
    let mut last_code = None;
    for node in element.descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let mut around = node.ancestors();
        if around.clone().any(|a| Some(a.id()) == label) {
            continue;
        }
        match around.find(|a| a.value().as_element().is_some_and(|e| e.name() == "code")) {
            Some(code) if last_code != Some(code.id()) => {
                out.push('X');
                last_code = Some(code.id());
            }
            Some(_) => {}
            None => out.push_str(text),
        }
    }
    out
}

/// Two punctuation marks in a row that no writer puts together ("reply:.", "。。", ",,"),
/// or two colons in one sentence ("reply: the failure is permanent: …").
fn doubled_punctuation(text: &str) -> Option<String> {
    const MARKS: &[char] = &['.', ',', ':', ';', '。', '、', '：'];
    let chars: Vec<char> = text.chars().collect();
    for window in chars.windows(2) {
        let [a, b] = [window[0], window[1]];
        let ellipsis = a == '.' && b == '.';
        if MARKS.contains(&a) && MARKS.contains(&b) && !ellipsis {
            return Some(format!("{a}{b}"));
        }
    }
    for sentence in split_sentences(&without_quotes(text)) {
        // Clauses joined by a semicolon may each have their colon.
        for clause in sentence.split("; ") {
            let parts: Vec<&str> = clause.split(": ").collect();
            // "Sender: fix X: …" is a label and a sentence; a label has no spaces.
            if parts.len() > 2 && parts[0].contains(' ') {
                return Some(clause.to_owned());
            }
        }
    }
    None
}

/// `text` with quoted passages ("…", “…”, 「…」) left out: a quoted reply keeps its own
/// punctuation.
fn without_quotes(text: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '"' => closing = Some('"'),
                '“' => closing = Some('”'),
                '「' => closing = Some('」'),
                _ => out.push(c),
            },
        }
    }
    out
}

/// A Japanese verb or adjective in its plain form joined to a noun with の, as a
/// template does when it puts a verb-phrase name before 「の詳細」.
fn verb_joined_with_no(text: &str) -> Option<String> {
    const ENDINGS: [&str; 6] = [
        "するの",
        "されるの",
        "できるの",
        "ているの",
        "ないの",
        "ますの",
    ];
    for ending in ENDINGS {
        let mut rest = text;
        while let Some(at) = rest.find(ending) {
            let after = &rest[at + ending.len()..];
            let next = after.chars().next();
            // の as a nominalizer before a particle (するのは, するのを) is good Japanese.
            if next.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                return Some(format!("{ending}{}", next.unwrap_or(' ')));
            }
            rest = after;
        }
    }
    None
}
