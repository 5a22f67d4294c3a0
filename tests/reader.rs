//! The reader's site on a fixture: decoder page and code index, jump box, 404, structured
//! data, OpenGraph, unique titles and descriptions, one h1 and no skipped heading level.
//! (The same pages in a real browser: tests/browser/.)

mod common;

use std::collections::HashMap;

use common::{CODES, Fixture, select, text_of, texts};
use serde_json::Value;

fn built() -> Fixture {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    site
}

fn attr(page: &scraper::Html, css: &str, name: &str) -> Option<String> {
    select(page, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_owned)
}

/// Every HTML page of the output, by path relative to dist/.
fn html_pages(site: &Fixture) -> Vec<(String, scraper::Html)> {
    walkdir::WalkDir::new(site.out())
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let relative = e.path().strip_prefix(site.out()).expect("below");
            let relative = relative.to_string_lossy().into_owned();
            let page = site.page(&relative);
            (relative, page)
        })
        .collect()
}

fn json_ld(page: &scraper::Html) -> Vec<Value> {
    select(page, "script[type='application/ld+json']")
        .iter()
        .map(|s| {
            let text: String = s.text().collect();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect()
}

#[test]
fn the_code_index_lists_every_code_with_a_working_url_in_the_locales_language() {
    let site = built();
    for lang in ["en", "ja"] {
        let text = site.read(&format!("dist/{lang}/codes.json"));
        let index: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(index["lang"], lang);
        let codes = index["codes"].as_array().expect("codes");
        let listed: Vec<&str> = codes.iter().filter_map(|c| c["code"].as_str()).collect();
        let wanted: Vec<&str> = CODES.iter().map(|d| d.code).collect();
        assert_eq!(listed, wanted, "every code, in the site's order");
        for code in codes {
            let url = code["url"].as_str().expect("url");
            assert!(
                site.out()
                    .join(url.trim_start_matches('/'))
                    .join("index.html")
                    .is_file()
            );
            assert!(!code["summary"].as_str().unwrap_or("").is_empty());
            assert!(
                code.get("lang").is_none(),
                "the fixture is fully translated"
            );
        }
        let pair = index["pair"].as_str().expect("pair rule");
        let url = pair.replace("{a}", "5.1.1").replace("{b}", "5.7.1");
        assert!(
            site.out().join(&url[1..]).join("index.html").is_file(),
            "{url}"
        );
        assert!(
            index["text"]["unknown"]
                .as_str()
                .unwrap()
                .contains("{code}")
        );
        assert!(index["text"]["pair"].as_str().unwrap().contains("{a}"));
    }
    let ja: Value = serde_json::from_str(&site.read("dist/ja/codes.json")).unwrap();
    assert_eq!(ja["codes"][0]["name"], "コード251の名前");
    // What the decoder shows of each code: the facts as its code page words them (keys
    // for what happens and for the retry, resolved through `facts`) and its action.
    let en: Value = serde_json::from_str(&site.read("dist/en/codes.json")).unwrap();
    let entry = |index: &Value, code: &str| -> Value {
        index["codes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .cloned()
            .unwrap()
    };
    let e521 = entry(&en, "521");
    assert_eq!(e521["next"], "bounce");
    assert_eq!(e521["acts"], "The sender or the receiving system's admin");
    assert_eq!(e521["action"], "Action for 521: what the reader should do.");
    assert!(
        e521.get("retry").is_none(),
        "only class 4 says whether a retry helps"
    );
    assert!(
        e521.get("class").is_none(),
        "the class comes from `classes`"
    );
    assert_eq!(entry(&en, "251")["next"], "none");
    assert_eq!(
        en["facts"]["next"]["bounce"],
        "Returned to the sender (bounce)"
    );
    assert_eq!(en["facts"]["retry"]["no"], "No, not until someone acts");
    assert_eq!(en["text"]["action"], "What to do");
    assert_eq!(en["max"], 50);
    assert!(
        en["text"]["more"]
            .as_str()
            .unwrap()
            .contains("first 50 codes")
    );
    assert_eq!(
        en["pages"],
        serde_json::json!({}),
        "no class or subject page exists, so none is listed"
    );
    let ja550 = entry(&ja, "550");
    assert_eq!(ja550["action"], "550 の対処です。");
    assert_eq!(ja550["acts"], "送信者");
    assert_eq!(
        ja["facts"]["next"]["bounce"],
        "送信者に返送される（バウンスメール）"
    );
    assert!(ja550.get("actionLang").is_none());
    assert_eq!(ja["classes"]["enhanced"]["5"], "5.X.XXX 恒久的エラー");
    assert_eq!(
        ja["subjects"]["7"],
        "セキュリティ・ポリシーに関するステータス"
    );
}

#[test]
fn the_decoder_page_works_without_js_and_home_and_404_carry_the_tools() {
    let site = built();
    for lang in ["en", "ja"] {
        let page = site.page(&format!("{lang}/decoder/index.html"));
        let form = select(&page, "main form[data-decoder]");
        assert_eq!(form.len(), 1);
        assert_eq!(
            form[0].value().attr("data-index"),
            Some(format!("/{lang}/codes.json").as_str())
        );
        // Hidden until the script shows it; the page explains and links to the lists.
        assert!(form[0].value().attr("hidden").is_some());
        // It says that nothing pasted leaves the browser; the textarea has no name, so a
        // form submitted without the script sends nothing of it either.
        let textarea = select(&page, "form[data-decoder] textarea");
        assert_eq!(textarea[0].value().attr("name"), None);
        assert_eq!(
            textarea[0].value().attr("aria-describedby"),
            Some("bounce-private")
        );
        let private = text_of(&select(&page, "#bounce-private")[0]);
        let expected = if lang == "en" {
            "nothing you paste is sent"
        } else {
            "貼り付けた内容が、このサイトを含め外部に送信されることはありません"
        };
        assert!(private.contains(expected), "{private}");
        // A parser with scripting on (a browser's, and scraper's) reads <noscript> as text.
        let noscript: String = select(&page, "noscript")[0].text().collect();
        let noscript = scraper::Html::parse_fragment(&noscript);
        assert_eq!(
            attr(&noscript, "p a", "href"),
            Some(format!("/{lang}/#basic"))
        );
        assert_eq!(
            attr(&page, "script[src]", "src").as_deref(),
            Some("/lookup.js")
        );
        let home = site.page(&format!("{lang}/index.html"));
        assert_eq!(select(&home, "main form[data-decoder]").len(), 1);
        assert_eq!(
            select(&home, "main form[data-jump] input#jump-input").len(),
            1
        );
    }
    let not_found = site.page("404.html");
    assert_eq!(select(&not_found, "main form[data-jump]").len(), 1);
    let listed = texts(&not_found, "main ul.codes .num");
    assert_eq!(listed.len(), CODES.len(), "the 404 lists every code");
    assert!(site.out().join("lookup.js").is_file());
    let sitemap = site.read("dist/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/ja/decoder/</loc>"));
}

#[test]
fn titles_and_descriptions_are_unique_and_headings_do_not_skip_levels() {
    let site = built();
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut descriptions: HashMap<String, String> = HashMap::new();
    for (path, page) in html_pages(&site) {
        let title = texts(&page, "title").join("");
        let description = attr(&page, "meta[name=description]", "content").unwrap_or_default();
        assert!(!title.is_empty() && !description.is_empty(), "{path}");
        if let Some(other) = titles.insert(title.clone(), path.clone()) {
            panic!("{path} and {other} share the title {title:?}");
        }
        if let Some(other) = descriptions.insert(description.clone(), path.clone()) {
            panic!("{path} and {other} share the description {description:?}");
        }
        assert_eq!(common::shown(&page, "h1").len(), 1, "{path}: one h1");
        let mut previous = 1;
        for heading in common::shown(&page, "h1, h2, h3, h4, h5, h6") {
            let level: u32 = heading.value().name()[1..].parse().expect("h level");
            assert!(
                level <= previous + 1,
                "{path}: h{level} after h{previous}: {}",
                text_of(&heading)
            );
            previous = level;
        }
        assert_eq!(select(&page, "main").len(), 1, "{path}: one main");
        assert_eq!(attr(&page, "a.skip", "href").as_deref(), Some("#main"));
    }
    assert!(titles.len() > 30, "{} pages", titles.len());
}

#[test]
fn code_and_pair_pages_carry_opengraph_and_json_ld() {
    let site = built();
    let page = site.page("ja/5.1.1-vs-5.7.1/index.html");
    let title = texts(&page, "title").join("");
    let canonical = attr(&page, "link[rel=canonical]", "href").expect("canonical");
    assert_eq!(canonical, "https://example.org/ja/5.1.1-vs-5.7.1/");
    let og = |p: &str| attr(&page, &format!("meta[property='{p}']"), "content");
    assert_eq!(og("og:title"), Some(title.clone()));
    assert_eq!(og("og:url"), Some(canonical.clone()));
    assert_eq!(og("og:type").as_deref(), Some("article"));
    assert_eq!(og("og:locale").as_deref(), Some("ja_JP"));
    assert_eq!(og("og:locale:alternate").as_deref(), Some("en_US"));
    assert_eq!(
        og("og:description"),
        attr(&page, "meta[name=description]", "content")
    );

    let data = json_ld(&page);
    let of_type = |t: &str| data.iter().find(|d| d["@type"] == t).cloned();
    let article = of_type("TechArticle").expect("TechArticle");
    assert_eq!(article["headline"], title.as_str());
    assert_eq!(article["inLanguage"], "ja");
    assert_eq!(article["url"], canonical.as_str());
    let crumbs = of_type("BreadcrumbList").expect("BreadcrumbList");
    let items = crumbs["itemListElement"].as_array().expect("items");
    let names: Vec<&str> = items.iter().filter_map(|i| i["name"].as_str()).collect();
    assert_eq!(
        names,
        texts(&page, "nav.breadcrumb li")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    assert_eq!(items[0]["item"], "https://example.org/ja/");
    assert_eq!(items.last().unwrap()["item"], canonical.as_str());
    assert_eq!(items.last().unwrap()["position"], items.len());

    let code = site.page("en/550/index.html");
    assert!(json_ld(&code).iter().any(|d| d["@type"] == "TechArticle"));
    let home = site.page("en/index.html");
    assert!(
        json_ld(&home).is_empty(),
        "no article, no breadcrumb on a home"
    );
    assert_eq!(
        attr(&home, "meta[property='og:type']", "content").as_deref(),
        Some("website")
    );
}

#[test]
fn json_ld_cannot_be_closed_by_content() {
    let site = Fixture::new();
    let def = &CODES[0];
    let yaml = common::code_yaml(def).replace(
        &format!("name: {}", def.name),
        "name: \"User </script><script>alert(1)</script> Not Local\"",
    );
    site.write(&common::code_path(def.code), &yaml);
    site.build().expect("builds");
    let page = site.page("en/251/index.html");
    // (The minifier may write `<` unescaped inside <title> and attributes, where it is
    // text; what matters is that no element is made of it.)
    assert!(
        select(
            &page,
            "script:not([type='application/ld+json']):not([src$='/lookup.js'])"
        )
        .is_empty(),
        "a name became a script"
    );
    let article = json_ld(&page)
        .into_iter()
        .find(|d| d["@type"] == "TechArticle")
        .expect("article");
    assert!(
        article["headline"]
            .as_str()
            .unwrap()
            .contains("</script><script>")
    );
}
