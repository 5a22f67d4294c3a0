//! Hostile input, table-driven: each case puts one hostile string into a content field, a
//! translation or a Fluent message of the fixture site and builds it. Either the build
//! fails with an error located at file:line:column, or it succeeds and the output shows
//! the text as text: no page of the site then has a script, an event-handler attribute,
//! a `javascript:`/`data:`/`vbscript:` URL or any other active element.

mod common;

use std::path::Path;

use common::Fixture;
use common::hostile_cases::{CASES, Case, Expect};
use scraper::Html;

/// Every page of the output, checked for active markup.
fn active_markup_in_site(out: &Path) -> Vec<String> {
    common::snapshot_paths(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .flat_map(|f| {
            let text = std::fs::read_to_string(out.join(&f)).expect("read page");
            common::active_markup(&text)
                .into_iter()
                .map(move |p| format!("{f}: {p}"))
        })
        .collect()
}

fn page_text(html: &Html) -> String {
    html.root_element()
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks one case; `Err` says how it went wrong.
fn run(case: &Case) -> Result<String, String> {
    let site = Fixture::new();
    (case.apply)(&site);
    let result = site.build();
    match (&case.expect, result) {
        (Expect::Shown { page, text }, Ok(_)) => {
            let active = active_markup_in_site(&site.out());
            if !active.is_empty() {
                return Err(format!("active markup in the output: {active:#?}"));
            }
            let shown = page_text(&site.page(page));
            if shown.contains(text) {
                Ok(format!("built; {page} shows the text, inert"))
            } else {
                Err(format!("{page} does not show {text:?}:\n{shown}"))
            }
        }
        (
            Expect::Error {
                file,
                line_with,
                col_at,
                message,
            },
            Err(error),
        ) => {
            let shown = error.to_string();
            let Some(first) = error.diagnostics().first() else {
                return Err(format!("an error without a location: {shown}"));
            };
            let bytes = std::fs::read(site.root().join(file)).expect("read");
            let text = String::from_utf8_lossy(&bytes);
            let (line, line_text) = text
                .lines()
                .enumerate()
                .find(|(_, l)| l.contains(line_with))
                .map(|(i, l)| (i + 1, l))
                .expect("marker line");
            let col = line_text
                .find(col_at)
                .map(|byte| line_text[..byte].chars().count() + 1)
                .expect("marker column");
            let wanted = site.root().join(file);
            let located = first.at.path == wanted && (first.at.line, first.at.col) == (line, col);
            if !located {
                return Err(format!(
                    "wanted {}:{line}:{col}, got: {shown}",
                    wanted.display()
                ));
            }
            if !first.message.contains(message) {
                return Err(format!("wanted a message with {message:?}, got: {shown}"));
            }
            if shown.len() > 2000 {
                return Err(format!("the error is {} bytes long", shown.len()));
            }
            if site.out().exists() {
                return Err("a failed build wrote dist/".into());
            }
            Ok(format!("{file}:{line}:{col}: {}", first.message))
        }
        (Expect::Shown { .. }, Err(error)) => Err(format!("the build failed: {error}")),
        (Expect::Error { .. }, Ok(_)) => Err("the build succeeded".into()),
    }
}

#[test]
fn hostile_input_fails_located_or_comes_out_inert() {
    assert!(CASES.len() >= 20);
    let mut failures = Vec::new();
    for case in CASES {
        match run(case) {
            Ok(outcome) => eprintln!("ok   {}: {outcome}", case.what),
            Err(why) => failures.push(format!("FAIL {}: {why}", case.what)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The inertness check itself catches what it is meant to catch.
#[test]
fn the_inertness_check_finds_active_markup() {
    for (html, finding) in [
        ("<p>x<script>alert(1)</script>", "<script> element"),
        ("<p onclick=alert(1)>x", "onclick= attribute"),
        ("<a href=' JaVa\tScript:alert(1)'>x</a>", "href="),
        ("<a href=\"data:text/html,x\">x</a>", "href="),
        ("<img src=x>", "<img> element"),
        (
            "<svg><a xlink:href=javascript:x>y</a></svg>",
            "<svg> element",
        ),
    ] {
        let found = common::active_markup(html);
        assert!(
            found.iter().any(|p| p.contains(finding)),
            "{html}: {found:?}"
        );
    }
    let inert = "<!doctype html><title>x</title><link rel=stylesheet href=/s.css>\
                 <p>&lt;script&gt; <a href=https://example.org/>ok</a>";
    assert_eq!(common::active_markup(inert), Vec::<String>::new());
}
