//! The hostile inputs of tests/hostile.rs, shared with tests/reliability.rs (which lists
//! every bad input and its outcome in RELIABILITY.md).

use super::Fixture;

/// What a case must lead to.
pub enum Expect {
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

pub struct Case {
    pub what: &'static str,
    pub apply: fn(&Fixture),
    pub expect: Expect,
}

pub const CODE: &str = "content/basic/521.yaml";
pub const JA_CODE: &str = "locales/ja/codes/251.yaml";
pub const EN_FTL: &str = "locales/en/site.ftl";
pub const JA_FTL: &str = "locales/ja/site.ftl";

/// Replaces the whole line of `file` that starts with `start` by `line`.
pub fn set_line(site: &Fixture, file: &str, start: &str, line: &str) {
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
pub fn name(site: &Fixture, value: &str) {
    set_line(
        site,
        CODE,
        "name:",
        &format!("name: {}", yaml_quoted(value)),
    );
}

pub fn summary(site: &Fixture, value: &str) {
    block(site, CODE, "  Summary of 521", value);
}

/// Replaces the block-scalar line starting with `start` (indented two spaces) by the
/// Markdown `value`, indented to stay inside the block.
pub fn block(site: &Fixture, file: &str, start: &str, value: &str) {
    let indented: Vec<String> = value.lines().map(|l| format!("  {l}")).collect();
    set_line(site, file, start, &indented.join("\n"));
}

pub fn description(site: &Fixture, markdown: &str) {
    block(site, CODE, "  Description of 521", markdown);
}

pub fn yaml_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

pub const CASES: &[Case] = &[
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
