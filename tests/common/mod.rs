//! A fixture-site harness: writes a small but complete site root in a temp dir (using the
//! project's real locale files, so fixtures never drift from the shipped strings), builds
//! it, and parses the produced HTML.

#![allow(dead_code)]

pub mod bad_inputs;
pub mod equivalence;
pub mod hostile_cases;
pub mod links;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

pub const PROJECT: &str = env!("CARGO_MANIFEST_DIR");

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

/// One code for a fixture: (code, English name, related codes, basic codes for enhanced).
pub struct Def<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub related: &'a [&'a str],
    pub basic: &'a [&'a str],
}

pub const CODES: &[Def] = &[
    Def {
        code: "251",
        name: "User Not Local",
        related: &["521"],
        basic: &[],
    },
    Def {
        code: "501",
        name: "Syntax Error in Parameters",
        related: &[],
        basic: &[],
    },
    Def {
        code: "521",
        name: "Host Does Not Accept Mail",
        related: &["251", "550"],
        basic: &[],
    },
    Def {
        code: "550",
        name: "Mailbox Unavailable",
        related: &["521"],
        basic: &[],
    },
    Def {
        code: "5.1.1",
        name: "Bad Destination Mailbox Address",
        related: &["5.7.1"],
        basic: &["550"],
    },
    Def {
        code: "5.1.10",
        name: "Recipient Address Has Null MX",
        related: &[],
        basic: &["550"],
    },
    Def {
        code: "5.7.1",
        name: "Delivery Not Authorized",
        related: &["5.1.1"],
        basic: &["550"],
    },
];

impl Fixture {
    /// A site with [`CODES`] in English and Japanese.
    pub fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        fixture.write(
            "site.yaml",
            "base_url: https://example.org\ndefault_locale: en\nlocales:\n  - code: en\n    name: English\n  - code: ja\n    name: 日本語\n",
        );
        for lang in ["en", "ja"] {
            let ftl = std::fs::read_to_string(
                Path::new(PROJECT).join(format!("locales/{lang}/site.ftl")),
            )
            .expect("project locale");
            fixture.write(&format!("locales/{lang}/site.ftl"), &ftl);
        }
        for def in CODES {
            fixture.write(&code_path(def.code), &code_yaml(def));
            fixture.write(
                &format!("locales/ja/codes/{}.yaml", def.code),
                &ja_yaml(def),
            );
        }
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("dist")
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write fixture file");
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(relative)).expect("read fixture file")
    }

    pub fn build(&self) -> smtpcodes::Result<smtpcodes::BuildReport> {
        smtpcodes::build(self.root(), None)
    }

    /// The produced page at `relative` (below dist/), parsed.
    pub fn page(&self, relative: &str) -> Html {
        let path = self.out().join(relative);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Html::parse_document(&text)
    }

    /// Every file of the output with its bytes, to prove a failed build changed nothing.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        snapshot(&self.out())
    }
}

pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).expect("read");
            (e.path().strip_prefix(dir).expect("below").to_owned(), bytes)
        })
        .collect()
}

pub fn code_path(code: &str) -> String {
    let family = if code.contains('.') {
        "enhanced"
    } else {
        "basic"
    };
    format!("content/{family}/{code}.yaml")
}

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

/// Facts that differ between the fixture's codes, so pair pages have something to compare.
pub fn fixture_facts(code: &str) -> &'static str {
    match code {
        "251" => "facts:\n  next: none\n  acts: [nobody]\n",
        "501" => "facts:\n  next: client-decides\n  acts: [sender-admin]\n  cause: [protocol]\n",
        "521" => "facts:\n  next: bounce\n  acts: [sender, receiver-admin]\n  cause: [system]\n",
        "550" | "5.1.1" => {
            "facts:\n  next: bounce\n  acts: [sender]\n  cause: [mailbox, addressing]\n"
        }
        "5.1.10" => "facts:\n  next: bounce\n  acts: [sender]\n  cause: [routing]\n",
        _ => "facts:\n  next: bounce\n  acts: [sender-admin]\n  cause: [policy]\n",
    }
}

pub fn code_yaml(def: &Def) -> String {
    let family_line = if def.code.contains('.') {
        format!(
            "family: enhanced\nbasic: {}\nstages: [rcpt]",
            list(def.basic)
        )
    } else {
        "family: basic\nstages: [rcpt]".to_owned()
    };
    format!(
        r#"code: "{code}"
{family_line}
name: {name}
sources:
  - rfc: 5321
    sections: ["4.2.3"]
    status: standard
related: {related}
samples:
  - "{code} <someone@example.com>: reply text for {code}"
summary: >-
  Summary of {code}: what the code means.
action: >-
  Action for {code}: what the reader should do.
description: |
  Description of {code}, with `RCPT TO` as code.
when: |
  - One situation in which {code} is seen.
fix: |
  - **Sender:** a step to take about {code}.
{facts}"#,
        facts = fixture_facts(def.code),
        code = def.code,
        name = def.name,
        related = list(def.related),
    )
}

pub fn ja_yaml(def: &Def) -> String {
    format!(
        "name: コード{code}の名前\nsummary: {code} の要約です。\naction: {code} の対処です。\ndescription: |\n  {code} の説明です。\nwhen: |\n  - {code} が表示される状況です。\nfix: |\n  - {code} の解決方法です。\n",
        code = def.code
    )
}

/// The elements matching `css` that a browser shows: not those inside a `<template>`
/// (the 404 page carries its other languages' message in templates).
pub fn shown<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    select(html, css)
        .into_iter()
        .filter(|e| {
            !e.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|el| el.name() == "template")
            })
        })
        .collect()
}

pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("valid selector");
    html.select(&selector).collect()
}

pub fn text_of(element: &scraper::ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css).iter().map(text_of).collect()
}

/// The `href` of every element matching `css`.
pub fn hrefs(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_owned)
        .collect()
}

/// Every file below `dir`, as `/`-separated paths relative to it.
pub fn snapshot_paths(dir: &Path) -> std::collections::BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("below");
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

/// Elements that have no business on these pages: anything that runs code, loads a
/// third-party resource, or changes how the other links resolve.
const ACTIVE_ELEMENTS: &str = "script, iframe, frame, object, embed, img, svg, math, form, base, \
     style, link:not([rel=stylesheet]):not([rel=canonical]):not([rel=alternate]), \
     meta[http-equiv], input, button, textarea";

/// Why the HTML in `text` is not inert, if it is not. The templates' own enhancements are
/// not counted: see [`is_template_markup`].
pub fn active_markup(text: &str) -> Vec<String> {
    let html = Html::parse_document(text);
    let mut problems = Vec::new();
    for element in select(&html, ACTIVE_ELEMENTS) {
        if !is_template_markup(element) {
            problems.push(format!("<{}> element", element.value().name()));
        }
    }
    for element in select(&html, "*") {
        for (name, value) in element.value().attrs() {
            if name.to_ascii_lowercase().starts_with("on") {
                problems.push(format!("{name}= attribute on <{}>", element.value().name()));
            }
            let url: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let dangerous = ["javascript:", "data:", "vbscript:"]
                .iter()
                .any(|scheme| url.starts_with(scheme));
            let blank_icon = is_template_markup(element) && value == "data:,";
            if dangerous
                && !blank_icon
                && ["href", "src", "action", "formaction", "xlink:href"].contains(&name)
            {
                problems.push(format!("{name}={value:?} on <{}>", element.value().name()));
            }
        }
    }
    problems
}

/// What the templates themselves put on pages, matched exactly so that the same element
/// coming from content would still be caught: JSON-LD data blocks, the decoder script from
/// the site's own origin (no inline code), the blank favicon that stops a /favicon.ico
/// request, and the jump box and decoder forms with their controls.
fn is_template_markup(element: scraper::ElementRef<'_>) -> bool {
    let e = element.value();
    let inside_tool_form = element.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|f| f.name() == "form" && is_tool_form(f))
    });
    match e.name() {
        "script" if e.attr("type") == Some("application/ld+json") => true,
        "script" => {
            e.attr("src")
                .is_some_and(|s| s.ends_with("/lookup.js") && s.starts_with('/'))
                && element.text().all(|t| t.trim().is_empty())
        }
        "link" => e.attr("rel") == Some("icon") && e.attr("href") == Some("data:,"),
        "form" => is_tool_form(e),
        "input" | "button" | "textarea" => inside_tool_form,
        _ => false,
    }
}

fn is_tool_form(form: &scraper::node::Element) -> bool {
    (form.attr("data-jump").is_some() || form.attr("data-decoder").is_some())
        && form.attr("action").is_none()
}

/// A Japanese pair page without a hand-written comparison has, in order: what to do for
/// each code, each code's three sections (description, when you see it, how to fix), and
/// where to read more. (The old site's "key differences" list is gone: the key difference
/// now opens the page, and the table under it compares the facts.)
pub fn assert_pair_headings_ja(page: &Html) {
    let headings = texts(page, "main h2, main h3");
    let known = [
        "それぞれの対処",
        "説明",
        "このコードが表示される場合",
        "解決方法",
        "詳しく見る",
    ];
    let order: Vec<&str> = headings
        .iter()
        .map(String::as_str)
        .filter(|h| known.contains(h))
        .collect();
    assert_eq!(
        order,
        [
            known[0], known[1], known[2], known[3], known[1], known[2], known[3], known[4]
        ],
        "all headings: {headings:?}"
    );
}

/// A valid class or subject page of RFC 3463 for a fixture (`id` such as `5.X.XXX`).
pub fn group_yaml(id: &str, name: &str) -> String {
    format!(
        r#"id: "{id}"
name: {name}
sources:
  - rfc: 3463
    sections: ["2"]
    status: standard
  - rfc: 5321
    sections: ["4.2.1"]
    status: context
summary: >-
  Summary of {id}: what the group means.
description: |
  Description of {id}, in *Markdown*.

  What it means for retries.
"#
    )
}

/// Adds to `site` the class page 5.X.XXX (translated into Japanese) and the subject page
/// X.1.XXX (not translated).
pub fn write_groups(site: &Fixture) {
    site.write(
        "content/groups/5.X.XXX.yaml",
        &group_yaml("5.X.XXX", "Permanent Failure"),
    );
    site.write(
        "content/groups/X.1.XXX.yaml",
        &group_yaml("X.1.XXX", "Addressing Status"),
    );
    site.write(
        "locales/ja/groups/5.X.XXX.yaml",
        "name: 恒久的エラー\nsummary: 5.X.XXX の要約です。\ndescription: |\n  5.X.XXX の説明です。\n",
    );
}

/// `content/providers.yaml` of the provider fixtures: Microsoft, Yahoo and folklore.
pub const PROVIDERS_YAML: &str = "microsoft:\n  domains: [microsoft.com, office.com]\nyahoo:\n  domains: [yahoo.com]\n  marks: [YahooDNS]\nfolklore:\n  folklore: true\n";

/// A provider entry of the fixtures.
pub struct ProviderDef<'a> {
    pub provider: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub reply: &'a str,
    pub standard: &'a [&'a str],
    /// The `url` source: (url, status).
    pub page: (&'a str, &'a str),
    pub facts: &'a str,
}

pub const PROVIDER_ENTRIES: &[ProviderDef] = &[
    ProviderDef {
        provider: "microsoft",
        code: "5.7.606-5.7.649",
        name: "Access denied, banned sending IP",
        reply: "550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/",
        standard: &["550", "5.7.1"],
        page: (
            "https://learn.microsoft.com/en-us/exchange/ndr-5-7-606",
            "provider",
        ),
        facts: "facts:\n  next: bounce\n  acts: [sender-admin]\n  cause: [policy]\n",
    },
    ProviderDef {
        provider: "yahoo",
        code: "TSS04",
        name: "Messages temporarily deferred",
        reply: "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints",
        standard: &[],
        page: ("https://senders.yahooinc.com/x", "context"),
        facts: "facts:\n  next: retry\n  retry_helps: sometimes\n  acts: [nobody, sender-admin]\n  cause: [rate]\n",
    },
    ProviderDef {
        provider: "folklore",
        code: "571",
        name: "Delivery not authorized",
        reply: "571 Delivery not authorized, message refused",
        standard: &["550", "5.7.1"],
        page: ("https://example.org/why-571", "context"),
        facts: "facts:\n  next: bounce\n  acts: [sender-admin]\n  cause: [policy]\n",
    },
];

/// The file of an entry: `content/providers/<provider>-<code in lower case>.yaml`.
pub fn provider_entry_path(def: &ProviderDef) -> String {
    format!(
        "content/providers/{}-{}.yaml",
        def.provider,
        def.code.to_ascii_lowercase()
    )
}

pub fn provider_entry_yaml(def: &ProviderDef) -> String {
    let (url, status) = def.page;
    // Yahoo's own page is on yahoo.com; the fixture's TSS04 also cites a help page there.
    let own = if def.provider == "yahoo" {
        "  - url: https://help.yahoo.com/kb/SLN3434.html\n    title: \"Yahoo Help: SMTP error codes\"\n    status: provider\n"
    } else {
        ""
    };
    format!(
        r#"provider: {provider}
code: "{code}"
name: {name}
replies:
  - "{reply}"
standard: {standard}
sources:
  - url: {url}
    title: "{provider} help: {code}"
    status: {status}
{own}  - rfc: 5321
    sections: ["4.2.5"]
    status: context
{facts}summary: >-
  Summary of {provider} {code}: what the provider means.
action: >-
  Action for {provider} {code}: what to do.
description: |
  Description of {provider} {code}, in *Markdown*.
when: |
  - When {provider} sends {code}.
fix: |
  - Fix for {provider} {code}.
"#,
        provider = def.provider,
        code = def.code,
        name = def.name,
        reply = def.reply,
        standard = list(def.standard),
        facts = def.facts,
    )
}

/// Adds the provider family to `site`: providers.yaml, the three entries of
/// [`PROVIDER_ENTRIES`] (Microsoft's translated into Japanese, the others not), and a
/// source on a Microsoft page (status `provider`) to 5.7.1.
pub fn write_providers(site: &Fixture) {
    site.write("content/providers.yaml", PROVIDERS_YAML);
    for def in PROVIDER_ENTRIES {
        site.write(&provider_entry_path(def), &provider_entry_yaml(def));
    }
    site.write(
        "locales/ja/providers/microsoft-5.7.606-5.7.649.yaml",
        "name: 送信元 IP アドレスの拒否\nsummary: microsoft 5.7.606-5.7.649 の要約です。\naction: 対処です。\ndescription: |\n  説明です。\nwhen: |\n  - 状況です。\nfix: |\n  - 解決方法です。\n",
    );
    let path = code_path("5.7.1");
    let text = site.read(&path).replacen(
        "sources:\n",
        "sources:\n  - url: https://learn.microsoft.com/en-us/exchange/ndr-5-7-1\n    title: \"Microsoft: 5.7.1\"\n    status: provider\n",
        1,
    );
    site.write(&path, &text);
}
