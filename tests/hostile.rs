//! Hostile input, table-driven: each case puts one hostile string into a content field, a
//! translation or a Fluent message of the fixture site and builds it. Either the build
//! fails with an error located at file:line:column, or it succeeds and the output shows
//! the text as text: no page of the site then has a script, an event-handler attribute,
//! a `javascript:`/`data:`/`vbscript:` URL or any other active element.

mod common;

use std::path::Path;

use common::Fixture;
use scraper::Html;

/// What a case must lead to.
enum Expect {
    /// The build fails; the first error is in `file`, on the first line containing
    /// `line_with`, at the column where `col_at` starts in it, and says `message`.
    Error {
        file: &'static str,
        line_with: &'static str,
        col_at: &'static str,
        message: &'static str,
    },
    /// The build succeeds and `page` shows `text` literally (and every page is inert).
    Shown {
        page: &'static str,
        text: &'static str,
    },
}

struct Case {
    what: &'static str,
    apply: fn(&Fixture),
    expect: Expect,
}

const CODE: &str = "content/basic/521.yaml";
const JA_CODE: &str = "locales/ja/codes/251.yaml";
const EN_FTL: &str = "locales/en/site.ftl";
const JA_FTL: &str = "locales/ja/site.ftl";

/// Replaces the whole line of `file` that starts with `start` by `line`.
fn set_line(site: &Fixture, file: &str, start: &str, line: &str) {
    let text = site.read(file);
    let mut found = false;
    let edited: Vec<String> = text
        .lines()
        .map(|l| {
            if !found && l.starts_with(start) {
                found = true;
                line.to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect();
    assert!(found, "{file} has no line starting with {start:?}");
    site.write(file, &(edited.join("\n") + "\n"));
}

/// Sets code 521's `name` (a plain scalar field) to `value`, as a YAML double-quoted
/// string (so `<`, `{`, `"` and `:` are data, not YAML).
fn name(site: &Fixture, value: &str) {
    set_line(
        site,
        CODE,
        "name:",
        &format!("name: {}", yaml_quoted(value)),
    );
}

fn summary(site: &Fixture, value: &str) {
    block(site, CODE, "  Summary of 521", value);
}

/// Replaces the block-scalar line starting with `start` (indented two spaces) by the
/// Markdown `value`, indented to stay inside the block.
fn block(site: &Fixture, file: &str, start: &str, value: &str) {
    let indented: Vec<String> = value.lines().map(|l| format!("  {l}")).collect();
    set_line(site, file, start, &indented.join("\n"));
}

fn description(site: &Fixture, markdown: &str) {
    block(site, CODE, "  Description of 521", markdown);
}

fn yaml_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

const CASES: &[Case] = &[
    Case {
        what: "a splice placeholder written out in a summary (shown beside spliced sections)",
        apply: |s| {
            summary(
                s,
                "Text <section data-fragment=0></section> and <section data-fragment=\"1\"></section>",
            )
        },
        expect: Expect::Shown {
            page: "en/251-vs-521/index.html",
            text: "Text <section data-fragment=0></section> and <section data-fragment=\"1\"></section>",
        },
    },
    Case {
        what: "<script> in a name",
        apply: |s| name(s, "<script>alert(1)</script>"),
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "SMTP 521 <script>alert(1)</script>",
        },
    },
    Case {
        what: "closing </title> then <script> in a name",
        apply: |s| name(s, "</title><script>alert(1)</script>"),
        expect: Expect::Shown {
            page: "en/251-vs-521/index.html",
            text: "</title><script>alert(1)</script>",
        },
    },
    Case {
        what: "<img onerror> as inline raw HTML in a summary",
        apply: |s| summary(s, "Fine <img src=x onerror=alert(1)> text."),
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "Fine <img src=x onerror=alert(1)> text.",
        },
    },
    Case {
        what: "attribute breakout in a summary (it is the meta description)",
        apply: |s| summary(s, "x\" onmouseover=\"alert(1)\" y='z' onfocus='alert(2)"),
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "x\" onmouseover=\"alert(1)\" y='z' onfocus='alert(2)",
        },
    },
    Case {
        what: "raw HTML block with an event handler and a script",
        apply: |s| {
            description(
                s,
                "<div onclick=\"alert(1)\">\n<script>alert(1)</script>\n</div>\n\nAfter.",
            )
        },
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "<script>alert(1)</script>",
        },
    },
    Case {
        what: "raw <a href=javascript:> inline in Markdown",
        apply: |s| description(s, "See <a href=\"javascript:alert(1)\">this</a> now."),
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "<a href=\"javascript:alert(1)\">this</a>",
        },
    },
    Case {
        what: "Markdown link to javascript:",
        apply: |s| description(s, "Please [click here](javascript:alert(1)) now."),
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "Please click here now.",
        },
    },
    Case {
        what: "Markdown link to jav&#x61;script: (entity-obfuscated)",
        apply: |s| description(s, "Please [click here](jav&#x61;script:alert(1)) now."),
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "Please click here now.",
        },
    },
    Case {
        what: "Markdown link to JaVaScRiPt&colon; (case and named entity)",
        apply: |s| description(s, "Please [click here](JaVaScRiPt&colon;alert(1)) now."),
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "Please click here now.",
        },
    },
    Case {
        what: "Markdown link to data:text/html",
        apply: |s| {
            description(
                s,
                "Please [click here](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) now.",
            )
        },
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "Please click here now.",
        },
    },
    Case {
        what: "Markdown link to vbscript:",
        apply: |s| description(s, "Please [click here](vbscript:msgbox(1)) now."),
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "Please click here now.",
        },
    },
    Case {
        what: "autolink <javascript:…> and a reference link to javascript:",
        apply: |s| {
            description(
                s,
                "Auto <javascript:alert(1)> and [ref][x] here.\n\n[x]: javascript:alert(2)",
            )
        },
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "and ref here.",
        },
    },
    Case {
        what: "Markdown image with a javascript: source",
        apply: |s| {
            block(
                s,
                CODE,
                "  - **Sender:**",
                "- ![pixel](javascript:alert(1)) done",
            )
        },
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "pixel done",
        },
    },
    Case {
        what: "Tera expression {{ }} in a name",
        apply: |s| name(s, "{{ 7 * 7 }} {{ page.title }}"),
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "SMTP 521 {{ 7 * 7 }} {{ page.title }}",
        },
    },
    Case {
        what: "Tera statements {% %} and comments {# #} in a description",
        apply: |s| {
            description(
                s,
                "A {% for x in [1, 2] %}loop{% endfor %} and {# hidden #} and {% raw %}x.",
            )
        },
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "A {% for x in [1, 2] %}loop{% endfor %} and {# hidden #} and {% raw %}x.",
        },
    },
    Case {
        what: "<script> in a sample reply",
        apply: |s| {
            set_line(
                s,
                CODE,
                "  - \"521 <someone",
                "  - \"521 <script>alert(1)</script>\"",
            )
        },
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "521 <script>alert(1)</script>",
        },
    },
    Case {
        what: "<script> and an event handler in a Japanese translation",
        apply: |s| {
            set_line(
                s,
                JA_CODE,
                "name:",
                "name: \"<b onclick=alert(1)>名前</b><script>x</script>\"",
            )
        },
        expect: Expect::Shown {
            page: "ja/251/index.html",
            text: "<b onclick=alert(1)>名前</b><script>x</script>",
        },
    },
    Case {
        what: "<script> in a Fluent message",
        apply: |s| {
            set_line(
                s,
                EN_FTL,
                "site-name =",
                "site-name = <script>alert(1)</script>",
            )
        },
        expect: Expect::Shown {
            page: "en/index.html",
            text: "<script>alert(1)</script>",
        },
    },
    Case {
        what: "event handler around a placeable in a Fluent message",
        apply: |s| {
            set_line(
                s,
                EN_FTL,
                "code-title =",
                "code-title = SMTP { $code } <img src=x onerror=alert(1)> { $name }",
            )
        },
        expect: Expect::Shown {
            page: "en/521/index.html",
            text: "SMTP 521 <img src=x onerror=alert(1)> Host Does Not Accept Mail",
        },
    },
    Case {
        what: "Tera syntax made by Fluent string literals",
        apply: |s| {
            set_line(
                s,
                EN_FTL,
                "footer-note =",
                "footer-note = { \"{{\" } 7 * 7 { \"}}\" } { \"{%\" } endblock { \"%}\" }",
            )
        },
        expect: Expect::Shown {
            page: "en/index.html",
            text: "{{ 7 * 7 }} {% endblock %}",
        },
    },
    Case {
        what: "site.yaml locale name with markup",
        apply: |s| {
            set_line(
                s,
                "site.yaml",
                "    name: 日本語",
                "    name: \"<b onclick=alert(1)>日本語</b>\"",
            )
        },
        expect: Expect::Shown {
            page: "en/index.html",
            text: "<b onclick=alert(1)>日本語</b>",
        },
    },
    Case {
        what: "U+202E RIGHT-TO-LEFT OVERRIDE in a name",
        apply: |s| set_line(s, CODE, "name:", "name: Host \u{202e}liaM"),
        expect: Expect::Error {
            file: CODE,
            line_with: "name:",
            col_at: "\u{202e}",
            message: "bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE)",
        },
    },
    Case {
        what: "U+202E written as a YAML escape",
        apply: |s| set_line(s, CODE, "name:", "name: \"Host \\u202EliaM\""),
        expect: Expect::Error {
            file: CODE,
            line_with: "name:",
            col_at: "name:",
            message: "`name` contains the bidirectional control character U+202E",
        },
    },
    Case {
        what: "isolation marks U+2068/U+2069 around a Fluent placeable",
        apply: |s| {
            set_line(
                s,
                JA_FTL,
                "code-title =",
                "code-title = SMTP \u{2068}{ $code }\u{2069} { $name }",
            )
        },
        expect: Expect::Error {
            file: JA_FTL,
            line_with: "code-title =",
            col_at: "\u{2068}",
            message: "U+2068 (FIRST STRONG ISOLATE)",
        },
    },
    Case {
        what: "U+2066 LEFT-TO-RIGHT ISOLATE as a Fluent escape in a placeable",
        apply: |s| {
            set_line(
                s,
                EN_FTL,
                "pair-title =",
                "pair-title = SMTP { \"\\u2066\" }{ $a } { $a-name } vs { $b } { $b-name }",
            )
        },
        expect: Expect::Error {
            file: EN_FTL,
            line_with: "pair-title =",
            col_at: "\\u2066",
            message: "U+2066 (LEFT-TO-RIGHT ISOLATE) (written as an escape)",
        },
    },
    Case {
        what: "U+2067 RIGHT-TO-LEFT ISOLATE in a translation",
        apply: |s| set_line(s, JA_CODE, "name:", "name: 名\u{2067}前"),
        expect: Expect::Error {
            file: JA_CODE,
            line_with: "name:",
            col_at: "\u{2067}",
            message: "U+2067 (RIGHT-TO-LEFT ISOLATE)",
        },
    },
    Case {
        what: "NUL in a summary",
        apply: |s| summary(s, "Summary\u{0} with a NUL."),
        expect: Expect::Error {
            file: CODE,
            line_with: "  Summary",
            col_at: "\u{0}",
            message: "control character U+0000 (NUL)",
        },
    },
    Case {
        what: "terminal escape sequence (ESC) in a description",
        apply: |s| description(s, "Text \u{1b}[2J\u{1b}[31mred."),
        expect: Expect::Error {
            file: CODE,
            line_with: "  Text",
            col_at: "\u{1b}",
            message: "control character U+001B (ESCAPE) is not allowed (1 more in this file)",
        },
    },
    Case {
        what: "backspace and C1 control in a Fluent message",
        apply: |s| set_line(s, JA_FTL, "nav-home =", "nav-home = ホ\u{8}ーム\u{85}"),
        expect: Expect::Error {
            file: JA_FTL,
            line_with: "nav-home =",
            col_at: "\u{8}",
            message: "control character U+0008",
        },
    },
    Case {
        what: "a 100 KB name",
        apply: |s| name(s, &"A".repeat(100 * 1024)),
        expect: Expect::Error {
            file: CODE,
            line_with: "name:",
            col_at: "name:",
            message: "`name`: this value is 102400 characters long; at most 100 are allowed",
        },
    },
    Case {
        what: "a 100 KB summary in a translation",
        apply: |s| {
            set_line(
                s,
                JA_CODE,
                "summary:",
                &format!("summary: {}", "長".repeat(100 * 1024)),
            )
        },
        expect: Expect::Error {
            file: JA_CODE,
            line_with: "summary:",
            col_at: "summary:",
            message: "at most 400 are allowed",
        },
    },
    Case {
        what: "invalid UTF-8 bytes in a content file",
        apply: |s| {
            let mut bytes = s.read(CODE).into_bytes();
            let at = s.read(CODE).find("Not Accept").expect("name");
            bytes.splice(at..at, [0xff, 0xfe, b'x']);
            std::fs::write(s.root().join(CODE), bytes).expect("write");
        },
        expect: Expect::Error {
            file: CODE,
            line_with: "name:",
            col_at: "\u{fffd}",
            message: "file is not valid UTF-8",
        },
    },
    Case {
        what: "invalid UTF-8 bytes in a Fluent file",
        apply: |s| {
            let text = s.read(JA_FTL);
            let at = text.find("nav-home = ").expect("nav-home") + "nav-home = ".len();
            let mut bytes = text.into_bytes();
            bytes.splice(at..at, [0xc3, 0x28]);
            std::fs::write(s.root().join(JA_FTL), bytes).expect("write");
        },
        expect: Expect::Error {
            file: JA_FTL,
            line_with: "nav-home =",
            col_at: "\u{fffd}",
            message: "file is not valid UTF-8",
        },
    },
];

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
