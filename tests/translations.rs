//! The translator's workflow: `check` finds each class of problem, builds fall back to
//! English with `lang="en"`, drafts stay unpublished, and a locale is added with files only.

mod common;

use common::{Fixture, select, texts};
use smtpcodes::check::{self, Severity};

fn findings(site: &Fixture) -> Vec<(Severity, String)> {
    check::check_root(site.root())
        .expect("check runs")
        .findings
        .into_iter()
        .map(|f| (f.severity, f.diagnostic.to_string()))
        .collect()
}

fn stamped() -> Fixture {
    let site = Fixture::new();
    let loaded = smtpcodes::load::load_site(site.root()).expect("fixture loads");
    check::stamp(&loaded, "ja", &[]).expect("stamp");
    site
}

fn edit(site: &Fixture, relative: &str, from: &str, to: &str) {
    let text = site.read(relative);
    assert!(text.contains(from), "{relative} has no {from:?}");
    site.write(relative, &text.replacen(from, to, 1));
}

fn line_of(site: &Fixture, relative: &str, starts: &str) -> usize {
    site.read(relative)
        .lines()
        .position(|l| l.starts_with(starts))
        .expect("line present")
        + 1
}

#[test]
fn a_stamped_fixture_is_clean() {
    let site = stamped();
    assert_eq!(findings(&site), []);
    let report = check::check_root(site.root()).unwrap();
    let ja = &report.coverage[1];
    assert_eq!((ja.locale.as_str(), ja.percent()), ("ja", 100));
}

#[test]
fn unstamped_translations_are_reported_as_unverified() {
    let site = Fixture::new();
    let found = findings(&site);
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|(s, m)| *s == Severity::Warning && m.contains("no `translated_from` stamp"))
    );
}

#[test]
fn a_syntax_error_is_an_error_with_line_column_and_the_line() {
    let site = stamped();
    edit(
        &site,
        "locales/ja/site.ftl",
        "nav-home = ホーム",
        "nav-home = ホーム }",
    );
    let line = line_of(&site, "locales/ja/site.ftl", "nav-home");
    let found = findings(&site);
    let (severity, text) = &found[0];
    assert_eq!(*severity, Severity::Error);
    assert!(
        text.contains(&format!("locales/ja/site.ftl:{line}:")),
        "{text}"
    );
    assert!(text.contains("nav-home = ホーム }"), "{text}");
}

#[test]
fn a_missing_message_warns_and_falls_back_marked_english() {
    let site = stamped();
    edit(&site, "locales/ja/site.ftl", "heading-fix = 解決方法\n", "");
    let found = findings(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("missing message `heading-fix`"),
        "{found:?}"
    );
    site.build().expect("builds with a fallback");
    let page = site.page("ja/251-vs-521/index.html");
    let english = texts(&page, "main h3[lang=en]");
    assert_eq!(english, ["How to fix", "How to fix"]);
}

#[test]
fn an_obsolete_message_is_reported_where_it_is() {
    let site = stamped();
    let text = site.read("locales/ja/site.ftl") + "old-thing = 古い\n";
    site.write("locales/ja/site.ftl", &text);
    let line = line_of(&site, "locales/ja/site.ftl", "old-thing");
    let found = findings(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .1
            .contains(&format!("site.ftl:{line}:1: obsolete message `old-thing`")),
        "{found:?}"
    );
}

#[test]
fn variables_that_differ_from_english_are_reported() {
    let site = stamped();
    edit(
        &site,
        "locales/ja/site.ftl",
        "learn-pair = { $a } と { $b } の比較",
        "learn-pair = { $a } と { $c } の比較",
    );
    let found = findings(&site);
    let errors: Vec<_> = found
        .iter()
        .filter(|(s, _)| *s == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{found:?}");
    assert!(
        errors[0].1.contains("`learn-pair` uses { $c }"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(s, m)| *s == Severity::Warning && m.contains("does not use { $b }")),
        "{found:?}"
    );
    assert!(
        site.build().is_err(),
        "a renamed variable must not reach the site"
    );
}

#[test]
fn prose_becomes_stale_when_the_english_changes() {
    let site = stamped();
    edit(
        &site,
        "content/basic/521.yaml",
        "Summary of 521: what the code means.",
        "Summary of 521, now more precise.",
    );
    let line = line_of(&site, "locales/ja/codes/521.yaml", "summary:");
    let found = findings(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains(&format!(
            "locales/ja/codes/521.yaml:{line}:1: 521: `summary` is stale"
        )),
        "{found:?}"
    );
    let loaded = smtpcodes::load::load_site(site.root()).unwrap();
    let changed = check::stamp(&loaded, "ja", &["521".into()]).unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(findings(&site), []);
}

#[test]
fn missing_prose_is_counted_and_reported() {
    let site = stamped();
    std::fs::remove_file(site.root().join("locales/ja/codes/501.yaml")).unwrap();
    let report = check::check_root(site.root()).unwrap();
    assert_eq!(report.coverage[1].prose_missing, 6);
    assert!(
        report.findings[0]
            .diagnostic
            .message
            .contains("501: not translated yet")
    );
}

#[test]
fn strict_builds_fail_on_warnings_and_keep_the_previous_output() {
    let site = stamped();
    site.build().expect("clean build");
    let before = site.snapshot();
    edit(&site, "locales/ja/site.ftl", "heading-fix = 解決方法\n", "");
    let strict = smtpcodes::BuildOptions {
        root: site.root().to_owned(),
        out: None,
        strict: true,
        base_url: None,
    };
    let error = smtpcodes::build_with(&strict).expect_err("strict fails");
    assert!(
        error.to_string().contains("missing message `heading-fix`"),
        "{error}"
    );
    assert_eq!(site.snapshot(), before);
}

#[test]
fn check_speaks_github_annotations() {
    let site = stamped();
    edit(&site, "locales/ja/site.ftl", "heading-fix = 解決方法\n", "");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_smtpcodes"))
        .args(["check", "--format", "github", "--root"])
        .arg(site.root())
        .output()
        .expect("run check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "warnings alone pass: {stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::warning file=") && l.contains("heading-fix")),
        "{stdout}"
    );
    let strict = std::process::Command::new(env!("CARGO_BIN_EXE_smtpcodes"))
        .args(["check", "--strict", "--root"])
        .arg(site.root())
        .output()
        .expect("run check");
    assert!(!strict.status.success());
}

fn add_locale(site: &Fixture, code: &str, name: &str, draft: bool) {
    let config = site.read("site.yaml")
        + &format!("  - code: {code}\n    name: {name}\n    draft: {draft}\n");
    site.write("site.yaml", &config);
    let ftl = site.read("locales/en/site.ftl").replace(
        "heading-description = Description",
        "heading-description = Beschreibung",
    );
    site.write(&format!("locales/{code}/site.ftl"), &ftl);
}

#[test]
fn a_locale_is_added_with_files_only_and_is_linked_everywhere() {
    let site = stamped();
    add_locale(&site, "de", "Deutsch", false);
    site.build().expect("builds with a new locale");
    let page = site.page("de/251-vs-521/index.html");
    assert_eq!(select(&page, "html")[0].value().attr("lang"), Some("de"));
    assert!(texts(&page, "main h3").contains(&"Beschreibung".to_owned()));
    let en = site.page("en/251-vs-521/index.html");
    let switcher: Vec<&str> = select(&en, "nav.languages a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(switcher.contains(&"/de/251-vs-521/"), "{switcher:?}");
    let hreflang: Vec<&str> = select(&en, "link[rel=alternate]")
        .iter()
        .filter_map(|l| l.value().attr("hreflang"))
        .collect();
    assert!(hreflang.contains(&"de"), "{hreflang:?}");
    let sitemap = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/de/251-vs-521/</loc>"));
}

#[test]
fn a_draft_locale_is_built_but_not_published() {
    let site = stamped();
    add_locale(&site, "fr", "Français", true);
    site.build().expect("builds with a draft");
    let draft = site.page("fr/251-vs-521/index.html");
    assert_eq!(
        select(&draft, "meta[name=robots]")[0]
            .value()
            .attr("content"),
        Some("noindex, follow")
    );
    let en = site.page("en/251-vs-521/index.html");
    let links: Vec<&str> = select(&en, "a, link")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(!links.iter().any(|h| h.contains("/fr/")), "{links:?}");
    let root = site.page("index.html");
    assert!(!texts(&root, "main a").contains(&"Français".to_owned()));
    let sitemap = std::fs::read_to_string(site.out().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("/fr/"));
    let status = site.page("en/translations/index.html");
    let rows = texts(&status, "tbody th");
    assert!(
        rows.iter()
            .any(|r| r.contains("Français") && r.contains("draft")),
        "{rows:?}"
    );
}

#[test]
fn a_missing_comparison_translation_is_counted_and_reported() {
    let site = stamped();
    site.write(
        "content/pairs/251-vs-521.yaml",
        "a: \"251\"\nb: \"521\"\ndifference: >-\n  What separates them.\ntell_apart: |\n  - How to tell.\nwhat_to_do: |\n  - What to do.\nsources: [\"RFC 5321 §4.2.2\"]\n",
    );
    let report = check::check_root(site.root()).unwrap();
    let ja = &report.coverage[1];
    assert_eq!(ja.prose_missing, 3, "difference, tell_apart, what_to_do");
    assert!(ja.percent() < 100);
    let messages: Vec<String> = report
        .findings
        .iter()
        .map(|f| f.diagnostic.to_string())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("251-vs-521: not translated yet")),
        "{messages:?}"
    );
}

#[test]
fn a_locale_started_by_copying_english_is_not_counted_as_translated() {
    let site = stamped();
    let english = site.read("locales/en/site.ftl");
    site.write("locales/ja/site.ftl", &english);
    let report = check::check_root(site.root()).unwrap();
    let ja = &report.coverage[1];
    assert!(ja.messages > 50, "{}", ja.messages);
    assert_eq!(ja.messages_translated, 0);
    let line = english
        .lines()
        .position(|l| l.starts_with("nav-home ="))
        .expect("nav-home")
        + 1;
    let wanted = format!("locales/ja/site.ftl:{line}:1: `nav-home` is the English text");
    let found = findings(&site);
    assert!(
        found
            .iter()
            .any(|(s, m)| *s == Severity::Warning && m.contains(&wanted)),
        "{found:?}"
    );
    // Marked as meant to read as in English: counted, and not reported.
    site.write(
        "locales/ja/site.ftl",
        &english.replacen("nav-home =", "# Same as English: a name.\nnav-home =", 1),
    );
    let report = check::check_root(site.root()).unwrap();
    assert_eq!(report.coverage[1].messages_translated, 1);
    assert!(
        !findings(&site)
            .iter()
            .any(|(_, m)| m.contains("`nav-home` is the English text"))
    );
}

#[test]
fn the_root_offers_each_language_in_its_own_words() {
    let site = stamped();
    site.build().expect("builds");
    let root = site.page("index.html");
    let choices = select(&root, "ul.choices li");
    let seen: Vec<(Option<&str>, String)> = choices
        .iter()
        .map(|li| (li.value().attr("lang"), common::text_of(li)))
        .collect();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].0, Some("en"));
    assert!(
        seen[0].1.starts_with("SMTP Reply Codes (English)"),
        "{seen:?}"
    );
    assert_eq!(seen[1].0, Some("ja"));
    assert!(
        seen[1].1.starts_with("SMTP 応答コード辞典 (日本語)"),
        "{seen:?}"
    );
    assert!(
        seen[1].1.contains("対処方法"),
        "the tagline in Japanese: {seen:?}"
    );
    let hreflang: Vec<(&str, &str)> = select(&root, "ul.choices a")
        .iter()
        .filter_map(|a| Some((a.value().attr("hreflang")?, a.value().attr("href")?)))
        .collect();
    assert_eq!(hreflang, [("en", "/en/"), ("ja", "/ja/")]);
}
