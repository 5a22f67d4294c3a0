//! The provider family (issue 18): a page per provider entry (`/{lang}/providers/{id}/`),
//! the providers index (`/{lang}/providers/`), links from the code pages its entries are
//! sent with and from the home page, the sitemap, and the entries in codes.json for the
//! decoder; Japanese falls back to English marked `lang="en"`; `translate`, `stamp` and
//! `check` handle entries like codes.

mod common;

use common::{Fixture, hrefs, select, text_of, texts, write_providers};

fn built() -> Fixture {
    let site = Fixture::new();
    write_providers(&site);
    site.build().expect("fixture with providers builds");
    site
}

#[test]
fn an_entry_page_shows_the_provider_practice_marked_as_such() {
    let site = built();
    let page = site.page("en/providers/microsoft-5.7.606-5.7.649/index.html");
    assert_eq!(
        texts(&page, "h1"),
        ["Microsoft 5.7.606-5.7.649 Access denied, banned sending IP"]
    );
    assert_eq!(
        texts(&page, "title"),
        ["Microsoft 5.7.606-5.7.649: Access denied, banned sending IP"]
    );
    let marker = texts(&page, "main p.practice[role=note] strong");
    assert_eq!(marker, ["Provider practice, not a standard."]);
    let replies = select(&page, "main figure.replies pre code");
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].value().attr("lang"), Some("en"));
    assert!(text_of(&replies[0]).starts_with("550 5.7.606 Access denied, banned sending IP"));
    assert_eq!(
        texts(&page, "main dl.facts dd")[..3],
        [
            "Returned to the sender (bounce)".to_owned(),
            "The sending system's admin".to_owned(),
            "Policy".to_owned(),
        ],
        "the same generated sentences as code pages"
    );
    assert_eq!(
        hrefs(&page, "main dd.standard a"),
        ["/en/550/", "/en/5.7.1/"]
    );
    assert_eq!(
        texts(&page, "main ul.sources li")[0],
        "microsoft help: 5.7.606-5.7.649 provider practice, not a standard"
    );
    assert_eq!(
        texts(&page, "main p.lead"),
        ["Summary of microsoft 5.7.606-5.7.649: what the provider means."]
    );
    let crumbs = texts(&page, "nav.breadcrumb li");
    assert_eq!(crumbs[1..], ["Provider codes", "Microsoft 5.7.606-5.7.649"]);
    assert!(hrefs(&page, "nav.breadcrumb a").contains(&"/en/providers/".to_owned()));
    assert_eq!(select(&page, "aside.tools form[data-jump]").len(), 1);
}

#[test]
fn a_folklore_entry_says_nobody_defines_it() {
    let site = built();
    let page = site.page("en/providers/folklore-571/index.html");
    assert_eq!(
        texts(&page, "main p.practice.folklore strong"),
        ["Folklore, not a standard."]
    );
    assert!(select(&page, "main p.practice:not(.folklore)").is_empty());
    assert!(texts(&page, "main p.practice")[0].contains("No standard and no provider defines"));
}

#[test]
fn the_index_lists_each_providers_entries_and_the_code_pages_citing_it() {
    let site = built();
    let page = site.page("en/providers/index.html");
    let ids: Vec<&str> = select(&page, "main section[id]")
        .iter()
        .filter_map(|s| s.value().attr("id"))
        .collect();
    assert_eq!(
        ids,
        ["microsoft", "yahoo", "folklore"],
        "providers.yaml order"
    );
    assert_eq!(
        texts(&page, "main section h2"),
        ["Microsoft", "Yahoo", "Codes nobody defines"]
    );
    assert_eq!(
        hrefs(&page, "#microsoft ul.entries a"),
        ["/en/providers/microsoft-5.7.606-5.7.649/"]
    );
    assert_eq!(
        texts(&page, "#microsoft ul.entries li")[0],
        "5.7.606-5.7.649 Access denied, banned sending IP Summary of microsoft 5.7.606-5.7.649: what the provider means."
    );
    assert_eq!(hrefs(&page, "#microsoft ul.cited a"), ["/en/5.7.1/"]);
    assert_eq!(
        texts(&page, "#microsoft h3"),
        ["Code pages that cite Microsoft's documentation"]
    );
    assert!(select(&page, "#yahoo ul.cited").is_empty());
    assert_eq!(
        texts(&page, "main > article > p.practice strong"),
        ["Provider practice, not a standard."]
    );
}

#[test]
fn code_pages_link_the_entries_sent_with_them() {
    let site = built();
    let page = site.page("en/550/index.html");
    assert_eq!(
        hrefs(&page, "main ul.providers a"),
        [
            "/en/providers/microsoft-5.7.606-5.7.649/",
            "/en/providers/folklore-571/"
        ]
    );
    assert_eq!(
        texts(&page, "main ul.providers li")[0],
        "Microsoft 5.7.606-5.7.649 Access denied, banned sending IP Provider practice, not a standard."
    );
    assert_eq!(
        texts(&page, "main h2#providers"),
        ["What providers send with this code"]
    );
    assert!(select(&site.page("en/5.1.1/index.html"), "main ul.providers").is_empty());
}

#[test]
fn japanese_shows_the_translation_and_falls_back_to_english_marked_as_such() {
    let site = built();
    let page = site.page("ja/providers/microsoft-5.7.606-5.7.649/index.html");
    assert_eq!(
        texts(&page, "h1"),
        ["Microsoft 5.7.606-5.7.649 送信元 IP アドレスの拒否"]
    );
    assert_eq!(
        texts(&page, "main p.practice strong"),
        ["事業者独自の運用であり、標準ではありません。"]
    );
    let in_english: Vec<String> = select(&page, "main [lang=en]")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(in_english.len(), 1, "only the reply: {in_english:?}");
    assert!(in_english[0].starts_with("550 5.7.606"));

    let page = site.page("ja/providers/yahoo-tss04/index.html");
    let html = select(&page, "html")[0];
    assert_eq!(html.value().attr("lang"), Some("ja"));
    let h1_en: Vec<String> = select(&page, "h1 [lang=en]").iter().map(text_of).collect();
    assert_eq!(h1_en, ["Messages temporarily deferred"]);
    assert_eq!(
        select(&page, "main p.lead")[0].value().attr("lang"),
        Some("en")
    );
    assert_eq!(
        select(&page, "main .prose[lang=en]").len(),
        3,
        "description, when, fix"
    );
    assert_eq!(texts(&page, "main h2")[1], "説明");
}

#[test]
fn the_home_the_sitemap_and_codes_json_know_the_entries() {
    let site = built();
    for lang in ["en", "ja"] {
        let home = site.page(&format!("{lang}/index.html"));
        assert_eq!(
            hrefs(&home, "#providers a"),
            [format!("/{lang}/providers/")]
        );
    }
    let sitemap = site.read("dist/sitemap.xml");
    for loc in [
        "https://example.org/en/providers/",
        "https://example.org/ja/providers/yahoo-tss04/",
        "https://example.org/en/providers/folklore-571/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{loc}");
    }
    let index: serde_json::Value = serde_json::from_str(&site.read("dist/en/codes.json")).unwrap();
    let providers = index["providers"].as_array().expect("providers");
    let rules: Vec<(&str, &str)> = providers
        .iter()
        .map(|p| (p["match"].as_str().unwrap(), p["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [
            ("range", "5.7.606-5.7.649"),
            ("token", "TSS04"),
            ("exact", "571")
        ]
    );
    let microsoft = &providers[0];
    assert_eq!(microsoft["low"], "5.7.606");
    assert_eq!(microsoft["high"], "5.7.649");
    assert_eq!(microsoft["provider"], "Microsoft");
    assert_eq!(microsoft["url"], "/en/providers/microsoft-5.7.606-5.7.649/");
    assert_eq!(microsoft["standard"], serde_json::json!(["550", "5.7.1"]));
    assert_eq!(microsoft["next"], "bounce");
    assert_eq!(microsoft["folklore"], false);
    assert_eq!(providers[2]["folklore"], true);
    assert!(microsoft.get("retry").is_none());
    // What tells the decoder a reply is the provider's: its marks, then its domains.
    assert_eq!(
        microsoft["marks"],
        serde_json::json!(["microsoft.com", "office.com"])
    );
    assert_eq!(
        providers[1]["marks"],
        serde_json::json!(["yahoodns", "yahoo.com"])
    );
    assert_eq!(
        index["text"]["practice"],
        "Provider practice, not a standard."
    );
    let ja: serde_json::Value = serde_json::from_str(&site.read("dist/ja/codes.json")).unwrap();
    let yahoo = &ja["providers"][1];
    assert_eq!(yahoo["lang"], "en");
    assert_eq!(yahoo["actionLang"], "en");
    assert!(yahoo.get("providerLang").is_none(), "# same as English");
}

#[test]
fn a_site_without_provider_entries_has_no_provider_pages_and_no_links_to_them() {
    let site = Fixture::new();
    site.build().expect("fixture builds");
    assert!(!site.out().join("en/providers").exists());
    assert!(select(&site.page("en/index.html"), "#providers").is_empty());
    assert!(!site.read("dist/sitemap.xml").contains("/providers/"));
    let index: serde_json::Value = serde_json::from_str(&site.read("dist/en/codes.json")).unwrap();
    assert_eq!(index["providers"], serde_json::json!([]));
}

#[test]
fn entries_are_translations_that_translate_stamp_and_check_handle() {
    let site = Fixture::new();
    write_providers(&site);
    let loaded = smtpcodes::load::load_site(site.root()).expect("fixture loads");
    let started = smtpcodes::check::start_translation(&loaded, "ja", &["yahoo-tss04".into()])
        .expect("translate");
    assert_eq!(started.written.len(), 1);
    let text = site.read("locales/ja/providers/yahoo-tss04.yaml");
    assert!(
        text.contains("name: Messages temporarily deferred"),
        "{text}"
    );
    assert!(
        !text.contains("replies"),
        "replies are never translated: {text}"
    );
    site.write(
        "locales/ja/providers/yahoo-tss04.yaml",
        "name: 一時的な受信の保留\n",
    );
    let loaded = smtpcodes::load::load_site(site.root()).expect("fixture loads");
    let changed = smtpcodes::check::stamp(&loaded, "ja", &["yahoo-tss04".into()]).expect("stamp");
    assert_eq!(changed.len(), 1);
    assert!(
        site.read("locales/ja/providers/yahoo-tss04.yaml")
            .contains("translated_from:\n  name: ")
    );
    let report = smtpcodes::check::check_root(site.root()).expect("check runs");
    let messages: Vec<String> = report
        .findings
        .iter()
        .map(|f| f.diagnostic.to_string())
        .filter(|m| m.contains("/providers/"))
        .collect();
    assert!(
        messages.iter().any(|m| m.contains(
            "locales/ja/providers/yahoo-tss04.yaml:1:1: yahoo-tss04: not translated yet: summary, action, description, when, fix"
        )),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains(
            "locales/ja/providers/folklore-571.yaml:1:1: folklore-571: not translated yet: name, summary"
        )),
        "{messages:?}"
    );
}

#[test]
fn a_translation_of_an_entry_that_does_not_exist_is_a_located_error() {
    let site = Fixture::new();
    write_providers(&site);
    site.write(
        "locales/ja/providers/yahoo-ts01.yaml",
        "name: 一時的な保留\n",
    );
    let error = site.build().expect_err("must fail").to_string();
    assert!(
        error.contains(
            "locales/ja/providers/yahoo-ts01.yaml:1:1: translation of `yahoo-ts01`, but content/providers/ has no such file"
        ),
        "{error}"
    );
}

#[test]
fn prose_may_name_a_code_that_a_provider_entry_explains() {
    let site = Fixture::new();
    write_providers(&site);
    common::bad_inputs::edit(
        &site,
        &common::code_path("550"),
        "Summary of 550: what the code means.",
        "Summary of 550: Microsoft sends 5.7.610 with it.",
    );
    site.build().expect("5.7.610 is in Microsoft's range");
    common::bad_inputs::edit(
        &site,
        &common::code_path("550"),
        "sends 5.7.610",
        "sends 5.7.650",
    );
    let error = site.build().expect_err("5.7.650 is not").to_string();
    assert!(
        error.contains("names code 5.7.650, which has no page"),
        "{error}"
    );
}
