//! Builds fixture sites and checks the produced pages by parsing their HTML.

mod common;

use common::{CODES, Fixture, select, text_of, texts};

fn pairs_of(family_enhanced: bool) -> Vec<(&'static str, &'static str)> {
    let codes: Vec<&str> = CODES
        .iter()
        .map(|d| d.code)
        .filter(|c| c.contains('.') == family_enhanced)
        .collect();
    let mut out = Vec::new();
    for (i, a) in codes.iter().enumerate() {
        for b in &codes[i + 1..] {
            out.push((*a, *b));
        }
    }
    out
}

#[test]
fn every_pair_page_exists_in_every_locale_with_its_title_and_lang() {
    let site = Fixture::new();
    let report = site.build().expect("fixture builds");
    let pairs: Vec<_> = pairs_of(false).into_iter().chain(pairs_of(true)).collect();
    // 4 basic codes → 6 pairs, 3 enhanced → 3 pairs (5.1.1 < 5.1.10 < 5.7.1).
    assert_eq!(pairs.len(), 9);
    assert!(pairs.contains(&("5.1.10", "5.7.1")));
    for lang in ["en", "ja"] {
        for (a, b) in &pairs {
            let page = site.page(&format!("{lang}/{a}-vs-{b}/index.html"));
            assert_eq!(texts(&page, "html").len(), 1);
            let html = select(&page, "html")[0];
            assert_eq!(html.value().attr("lang"), Some(lang));
            let title = texts(&page, "title").join("");
            assert!(title.starts_with(&format!("SMTP {a} ")), "{title}");
            assert!(title.contains(&format!(" vs {b} ")), "{title}");
            assert_eq!(texts(&page, "h1"), std::slice::from_ref(&title));
            let description = select(&page, "meta[name=description]")[0]
                .value()
                .attr("content");
            assert!(description.is_some_and(|d| d.len() > 40), "{description:?}");
        }
        for def in CODES {
            let page = site.page(&format!("{lang}/{}/index.html", def.code));
            assert!(texts(&page, "h1")[0].contains(def.code));
        }
        site.page(&format!("{lang}/index.html"));
    }
    for file in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "style.css",
    ] {
        assert!(site.out().join(file).is_file(), "{file} missing");
    }
    // No cross-family pairs.
    assert!(!site.out().join("en/251-vs-5.1.1").exists());
    // home + translation status + decoder + 7 codes + 9 pairs
    assert_eq!(
        report.pages_per_locale,
        [("en".into(), 19), ("ja".into(), 19)]
    );
}

#[test]
fn the_japanese_pair_page_has_the_seed_headings_in_order() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    let page = site.page("ja/251-vs-521/index.html");
    common::assert_pair_headings_ja(&page);
    let headings = texts(&page, "main h2, main h3");
    // Each code's section is headed by the code and its Japanese name.
    assert!(
        headings.iter().any(|h| h == "251 コード251の名前"),
        "{headings:?}"
    );
}

#[test]
fn sample_replies_are_shown_as_code_intact() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    for lang in ["en", "ja"] {
        let page = site.page(&format!("{lang}/251-vs-521/index.html"));
        let samples = texts(&page, "pre > code");
        assert!(
            samples.contains(&"251 <someone@example.com>: reply text for 251".to_owned()),
            "{samples:?}"
        );
    }
}

#[test]
fn pages_link_to_both_codes_and_to_related_pairs() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    let page = site.page("en/251-vs-521/index.html");
    let hrefs: Vec<String> = select(&page, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    for wanted in ["/en/251/", "/en/521/", "/en/521-vs-550/"] {
        assert!(
            hrefs.iter().any(|h| h == wanted),
            "{wanted} not in {hrefs:?}"
        );
    }
    // The language switcher goes to the same page in the other locale.
    let switch: Vec<String> = select(&page, "nav.languages a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(switch, ["/ja/251-vs-521/"]);
    let alternates = select(&page, "link[rel=alternate]");
    let langs: Vec<&str> = alternates
        .iter()
        .filter_map(|l| l.value().attr("hreflang"))
        .collect();
    assert_eq!(langs, ["en", "ja", "x-default"]);
}

#[test]
fn no_doubled_words_and_no_isolation_marks_anywhere() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    let mut elements_read = 0;
    for (path, bytes) in site.snapshot() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains('\u{2068}') && !text.contains('\u{2069}'),
            "isolation mark in {}",
            path.display()
        );
        if path.extension().is_some_and(|e| e == "html") {
            let page = scraper::Html::parse_document(&text);
            for element in select(&page, "main p, main li, main h1, main h2, title") {
                elements_read += 1;
                let words: Vec<String> = text_of(&element)
                    .split_whitespace()
                    .map(|w| w.to_lowercase())
                    .collect();
                for pair in words.windows(2) {
                    let is_word = pair[0].chars().all(char::is_alphabetic);
                    assert!(
                        !(is_word && pair[0] == pair[1]),
                        "doubled word {:?} in {}: {}",
                        pair[0],
                        path.display(),
                        text_of(&element)
                    );
                }
            }
        }
    }
    // Each of the fixture's ~60 pages has a title, a heading and paragraphs.
    assert!(elements_read > 300, "only {elements_read} elements read");
}

#[test]
fn japanese_pages_have_no_english_only_sentences() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    let page = site.page("ja/251-vs-521/index.html");
    let elements = select(
        &page,
        "main article p, main article li, main article h2, main article h3",
    );
    assert!(elements.len() > 10, "only {} elements", elements.len());
    for element in elements {
        let text = text_of(&element);
        let japanese = text.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c));
        assert!(japanese, "not Japanese on the ja page: {text:?}");
    }
}

#[test]
fn script_in_content_and_translations_comes_out_as_text() {
    let site = Fixture::new();
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let yaml = site
        .read("content/basic/251.yaml")
        .replace("name: User Not Local", &format!("name: \"Evil {hostile}\""))
        .replace(
            "Summary of 251: what the code means.",
            &format!("Summary {hostile} [x](javascript:alert(3))"),
        );
    site.write("content/basic/251.yaml", &yaml);
    let ftl = site.read("locales/ja/site.ftl").replace(
        "heading-description = 説明",
        &format!("heading-description = 説明{hostile}"),
    );
    site.write("locales/ja/site.ftl", &ftl);
    site.build().expect("hostile text is data, not an error");
    for path in [
        "en/251-vs-521/index.html",
        "ja/251-vs-521/index.html",
        "en/251/index.html",
    ] {
        let page = site.page(path);
        // JSON-LD is data, not script (tests/reader.rs checks it cannot be broken out of).
        let scripts = select(
            &page,
            "script:not([type='application/ld+json']):not([src$='/lookup.js'])",
        );
        assert!(scripts.is_empty(), "{path}: script element");
        assert!(select(&page, "img").is_empty(), "{path}: img element");
        assert!(
            select(&page, "[onerror]").is_empty(),
            "{path}: handler attribute"
        );
        let hrefs: Vec<&str> = select(&page, "a")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(
            !hrefs.iter().any(|h| h.contains("javascript")),
            "{path}: {hrefs:?}"
        );
    }
    let en = site.page("en/251-vs-521/index.html");
    assert!(texts(&en, "h1")[0].contains("<script>alert(1)</script>"));
    let ja = site.page("ja/251-vs-521/index.html");
    assert!(texts(&ja, "main h3").iter().any(|h| h.contains("<script>")));
}

#[test]
fn a_missing_translation_falls_back_to_english_marked_as_english() {
    let site = Fixture::new();
    std::fs::remove_file(site.root().join("locales/ja/codes/521.yaml")).expect("remove");
    site.write("locales/ja/codes/251.yaml", "name: コード251の名前\n");
    site.build().expect("builds with fallbacks");
    let page = site.page("ja/251-vs-521/index.html");
    let english: Vec<String> = select(&page, "main [lang=en]")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        english.iter().any(|t| t.contains("Description of 521")),
        "{english:?}"
    );
    assert!(
        english.iter().any(|t| t.contains("Summary of 251")),
        "{english:?}"
    );
    assert!(
        !english.iter().any(|t| t.contains("コード251")),
        "{english:?}"
    );
}
