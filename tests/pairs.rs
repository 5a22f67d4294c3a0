//! Pair pages: the key difference first, the comparison table, hand-written comparisons
//! and their fallback, which pairs search engines get, and the code page's "Compare with".

mod common;

use common::{Fixture, select, text_of, texts, write_groups};
use scraper::Html;

/// A hand-written comparison of 251 and 501 (a pair the facts alone would leave out of
/// the index), in English only unless `ja` is given.
fn add_comparison(site: &Fixture, ja: bool) {
    site.write(
        "content/pairs/251-vs-501.yaml",
        r#"a: "251"
b: "501"
difference: >-
  251 accepts a recipient it will forward; 501 refuses a command whose arguments are malformed.
tell_apart: |
  - **Stage.** 251 answers `RCPT TO` with success.
what_to_do: |
  - **501:** fix the command's syntax.
sources: ["RFC 5321 §4.2.2", "IANA SMTP Enhanced Status Codes registry", "Provider help page"]
"#,
    );
    if ja {
        site.write(
            "locales/ja/pairs/251-vs-501.yaml",
            "difference: >-\n  251 は転送する宛先を受け付け、501 は引数の誤ったコマンドを拒否します。\ntell_apart: |\n  - **段階:** 251 は `RCPT TO` への成功応答です。\nwhat_to_do: |\n  - **501:** コマンドの構文を直してください。\n",
        );
    }
}

fn lead(page: &Html) -> String {
    texts(page, "main p.lead").join("")
}

/// The table's rows as (label without the marker, marked as differing).
fn rows(page: &Html) -> Vec<(String, bool)> {
    select(page, "table.compare tbody tr")
        .iter()
        .map(|row| {
            let th = row
                .select(&scraper::Selector::parse("th").expect("selector"))
                .next()
                .expect("row header");
            let marker = select_in(&th, ".tag");
            let label = th
                .text()
                .take_while(|t| !marker.contains(&t.to_string()))
                .collect::<String>();
            (
                label.trim().to_owned(),
                row.value()
                    .has_class("differs", scraper::CaseSensitivity::CaseSensitive),
            )
        })
        .collect()
}

fn select_in(element: &scraper::ElementRef, css: &str) -> Vec<String> {
    element
        .select(&scraper::Selector::parse(css).expect("selector"))
        .map(|e| text_of(&e))
        .collect()
}

fn robots(page: &Html) -> Option<String> {
    select(page, "meta[name=robots]")
        .first()
        .and_then(|m| m.value().attr("content").map(str::to_owned))
}

fn sitemap(site: &Fixture) -> String {
    std::fs::read_to_string(site.out().join("sitemap.xml")).expect("sitemap")
}

#[test]
fn the_key_difference_contrasts_the_facts_that_differ_and_names_both_codes() {
    let site = Fixture::new();
    site.build().expect("builds");
    // 251 succeeds, 521 is permanent: the fate differs, and so does who acts.
    let page = site.page("en/251-vs-521/index.html");
    assert_eq!(
        lead(&page),
        "251 is a success reply: nothing more is needed; 521 is permanent: the sending server \
         gives up and the mail comes back to its sender. 251 needs nobody to act, while 521 \
         is for the sender to fix. 251 and 521 are both sent in reply to RCPT TO."
    );
    // 521 and 550 share their fate, which is said once, after what separates them.
    let page = site.page("en/521-vs-550/index.html");
    let key = lead(&page);
    assert!(
        key.starts_with(
            "521 is about a fault or the state of the receiving system; 550 is about the \
             recipient's mailbox."
        ),
        "{key}"
    );
    assert!(
        key.ends_with("521 and 550 are both permanent: the mail comes back to its sender."),
        "{key}"
    );
    // Japanese: the same facts in Japanese sentences.
    let ja = site.page("ja/251-vs-521/index.html");
    let key = lead(&ja);
    assert!(key.starts_with("251 は成功を示す応答で"), "{key}");
    assert!(key.contains("一方、521 は恒久的エラーで"), "{key}");
}

#[test]
fn the_table_compares_every_fact_and_marks_the_rows_that_differ() {
    let site = Fixture::new();
    site.build().expect("builds");
    let page = site.page("en/521-vs-550/index.html");
    let heads = texts(&page, "table.compare thead th");
    assert_eq!(heads[1], "521 Host Does Not Accept Mail", "{heads:?}");
    assert_eq!(heads[2], "550 Mailbox Unavailable", "{heads:?}");
    assert_eq!(
        rows(&page),
        [
            ("What it means".to_owned(), false),
            ("Class".to_owned(), false),
            ("What happens to the mail".to_owned(), false),
            ("Who has to act".to_owned(), true),
            ("Sent".to_owned(), false),
            ("Cause".to_owned(), true),
            // Neither lists companions in the fixture: "—" for both.
            ("Enhanced status codes".to_owned(), false),
            ("Defined in".to_owned(), false),
        ]
    );
    // Each value cell carries its code, the label shown when the table is stacked.
    let labels: Vec<&str> = select(&page, "table.compare td")
        .iter()
        .filter_map(|td| td.value().attr("data-label"))
        .collect();
    assert_eq!(labels.len(), 16);
    assert!(
        labels.chunks(2).all(|two| two == ["521", "550"]),
        "{labels:?}"
    );
    // A transient code brings the retry row; an enhanced pair the subject row.
    let enhanced = site.page("en/5.1.1-vs-5.7.1/index.html");
    assert!(
        rows(&enhanced)
            .iter()
            .any(|(l, differs)| l == "Subject" && *differs)
    );
    assert!(
        !rows(&page)
            .iter()
            .any(|(l, _)| l.starts_with("Does a retry"))
    );
}

#[test]
fn a_hand_written_comparison_leads_the_page_and_falls_back_to_english_marked() {
    let site = Fixture::new();
    add_comparison(&site, false);
    site.build().expect("builds");
    let en = site.page("en/251-vs-501/index.html");
    assert!(
        lead(&en).starts_with("251 accepts a recipient it will forward"),
        "{}",
        lead(&en)
    );
    assert_eq!(
        texts(&en, "main p.key").len(),
        1,
        "the generated key follows it"
    );
    let headings = texts(&en, "main h2");
    for heading in ["How to tell which one you have", "What to do", "Sources"] {
        assert!(
            headings.iter().any(|h| h == heading),
            "{heading}: {headings:?}"
        );
    }
    assert!(
        !headings.iter().any(|h| h == "What to do for each"),
        "{headings:?}"
    );
    let sources: Vec<(String, Option<String>)> = select(&en, "section.sources li")
        .iter()
        .map(|li| {
            let href = li
                .select(&scraper::Selector::parse("a").expect("selector"))
                .next()
                .and_then(|a| a.value().attr("href").map(str::to_owned));
            (text_of(li), href)
        })
        .collect();
    assert_eq!(
        sources,
        [
            (
                "RFC 5321 §4.2.2".to_owned(),
                Some("https://www.rfc-editor.org/rfc/rfc5321#section-4.2.2".to_owned())
            ),
            (
                "IANA SMTP Enhanced Status Codes registry".to_owned(),
                Some("https://www.iana.org/assignments/smtp-enhanced-status-codes/".to_owned())
            ),
            ("Provider help page".to_owned(), None),
        ]
    );
    // No Japanese translation: the English text, marked as English.
    let ja = site.page("ja/251-vs-501/index.html");
    let lead_element = select(&ja, "main p.lead");
    assert_eq!(lead_element[0].value().attr("lang"), Some("en"));
    assert!(text_of(&lead_element[0]).starts_with("251 accepts"));
    // Translated: Japanese, unmarked.
    add_comparison(&site, true);
    site.build().expect("builds");
    let ja = site.page("ja/251-vs-501/index.html");
    let lead_element = select(&ja, "main p.lead");
    assert_eq!(lead_element[0].value().attr("lang"), None);
    assert!(text_of(&lead_element[0]).starts_with("251 は転送する宛先"));
}

#[test]
fn only_pairs_with_something_specific_to_say_are_offered_to_search_engines() {
    let site = Fixture::new();
    site.build().expect("builds");
    // Related codes: indexed. 251 and 501 share nothing: built, linked, but noindex.
    let related = site.page("en/251-vs-521/index.html");
    assert_eq!(robots(&related), None);
    assert!(sitemap(&site).contains("/en/251-vs-521/"));
    let unrelated = site.page("en/251-vs-501/index.html");
    assert_eq!(robots(&unrelated).as_deref(), Some("noindex, follow"));
    assert!(!sitemap(&site).contains("251-vs-501"));
    // Both permanent at RCPT TO, but for different main causes (mailbox, routing), and
    // not listed as related: noindex.
    assert_eq!(
        robots(&site.page("en/5.1.1-vs-5.1.10/index.html")).as_deref(),
        Some("noindex, follow")
    );
    // A hand-written comparison puts a pair in the index.
    add_comparison(&site, false);
    site.build().expect("builds");
    assert_eq!(robots(&site.page("en/251-vs-501/index.html")), None);
    assert!(sitemap(&site).contains("/en/251-vs-501/"));
}

#[test]
fn a_code_page_offers_its_related_pairs_first_and_unfolded() {
    let site = Fixture::new();
    add_comparison(&site, false);
    site.build().expect("builds");
    let page = site.page("en/251/index.html");
    let groups = select(
        &page,
        "#compare + details, section[aria-labelledby=compare] details",
    );
    let first = &groups[0];
    assert!(first.value().attr("open").is_some());
    let links = first
        .select(&scraper::Selector::parse("a").expect("selector"))
        .map(|a| text_of(&a))
        .collect::<Vec<_>>();
    // The hand-written comparison first, then the related code.
    assert_eq!(links, ["251 vs 501", "251 vs 521"]);
    assert!(groups[1..].iter().all(|d| d.value().attr("open").is_none()));
    // Code and pair pages carry the jump box and a link to the decoder.
    for path in ["en/251/index.html", "en/251-vs-501/index.html"] {
        let page = site.page(path);
        assert_eq!(
            select(&page, "aside.tools form[data-jump]").len(),
            1,
            "{path}"
        );
        let decoder: Vec<_> = select(&page, "aside.tools a")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(decoder, ["/en/decoder/"], "{path}");
    }
}

/// The links in the cells of the row labelled `label`, one list per code.
fn row_links(page: &Html, label: &str) -> Vec<Vec<String>> {
    let row = select(page, "table.compare tbody tr")
        .into_iter()
        .find(|row| {
            row.select(&scraper::Selector::parse("th").expect("selector"))
                .next()
                .is_some_and(|th| text_of(&th).starts_with(label))
        })
        .unwrap_or_else(|| panic!("no row {label}"));
    row.select(&scraper::Selector::parse("td").expect("selector"))
        .map(|td| {
            td.select(&scraper::Selector::parse("a").expect("selector"))
                .filter_map(|a| a.value().attr("href").map(str::to_owned))
                .collect()
        })
        .collect()
}

#[test]
fn the_class_and_subject_cells_link_to_their_group_pages_when_the_site_has_them() {
    let site = Fixture::new();
    write_groups(&site);
    site.build().expect("builds");
    // The site has 5.X.XXX and X.1.XXX, not X.7.XXX.
    let page = site.page("en/5.1.1-vs-5.7.1/index.html");
    assert_eq!(
        row_links(&page, "Class"),
        [
            vec!["/en/5.X.XXX/".to_owned()],
            vec!["/en/5.X.XXX/".to_owned()]
        ]
    );
    assert_eq!(
        row_links(&page, "Subject"),
        [vec!["/en/X.1.XXX/".to_owned()], vec![]]
    );
    let ja = site.page("ja/5.1.1-vs-5.7.1/index.html");
    let classes: Vec<String> = select(&ja, "table.compare td a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .filter(|href| href.contains(".X"))
        .collect();
    assert_eq!(classes, ["/ja/5.X.XXX/", "/ja/5.X.XXX/", "/ja/X.1.XXX/"]);
    // Basic codes have a class row, but no class page to link to.
    let basic = site.page("en/521-vs-550/index.html");
    assert_eq!(row_links(&basic, "Class"), [Vec::<String>::new(), vec![]]);
}
