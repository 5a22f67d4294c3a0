//! Property tests: random and mutated content and Fluent files never panic the loaders,
//! the planner or the renderer (they give a result, usually an error); random valid code
//! definitions always build, and every page they produce is well-formed, inert HTML that
//! shows the random text exactly. Case counts are kept small: each case builds a site.

mod common;

use std::path::Path;

use common::{Fixture, code_path, select, text_of};
use proptest::prelude::*;
use scraper::Html;

/// Pieces of YAML, Markdown and Fluent syntax, hostile strings and a little of
/// everything else, so that random files reach past the first syntax error.
const TOKENS: &[&str] = &[
    "code: ",
    "\"251\"",
    "\"5.1.1\"",
    "'550'",
    "family: ",
    "basic",
    "enhanced",
    "name: ",
    "samples:",
    "summary: ",
    "related: ",
    "sources:",
    "rfc: 5321",
    "status: standard",
    "sections: ",
    "stages: ",
    "[rcpt]",
    "basic: ",
    "description: |",
    "fix: >-",
    "when: ",
    "action: ",
    "\n",
    "\n  ",
    "\n  - ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ":",
    ": ",
    ",",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "|",
    ">",
    "---\n",
    "...\n",
    "? ",
    "%YAML 1.2\n",
    "~",
    "null",
    "true",
    "1e9",
    "-1",
    "0x1F",
    "99999999999999999999",
    "説明",
    "日本語",
    "<script>",
    "</p>",
    "{{ x }}",
    "{% if %}",
    "javascript:",
    "[a](b)",
    "**",
    "`",
    "\\",
    "\\u202E",
    "\\0",
    "\u{0}",
    "\u{1b}",
    "\u{202e}",
    "\u{2068}",
    "\u{feff}",
    "\t",
    "\r\n",
    " ",
    "é",
    "😀",
    "= ",
    "{ $code }",
    "{ $name ->\n",
    "  *[other] x\n",
    "  [one] y\n",
    "}\n",
    "-term = t\n",
    ".attr = a\n",
    "{ -term }",
    "{ NUMBER($n) }",
    "{ \"\\u2066\" }",
    "msg-",
    "site-name",
    "pair-title",
];

fn token_soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..max).prop_map(|t| t.concat())
}

/// An edit of a valid file: delete a range, or insert a token, at a relative position.
#[derive(Debug, Clone)]
enum Edit {
    Delete(f64, usize),
    Insert(f64, &'static str),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (0.0..1.0f64, 1..40usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        (0.0..1.0f64, prop::sample::select(TOKENS)).prop_map(|(at, t)| Edit::Insert(at, t)),
    ];
    prop::collection::vec(edit, 1..6)
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        match *edit {
            Edit::Delete(at, n) => {
                let start = (at * chars.len() as f64) as usize;
                let end = (start + n).min(chars.len());
                chars.drain(start.min(end)..end);
            }
            Edit::Insert(at, token) => {
                let start = ((at * chars.len() as f64) as usize).min(chars.len());
                chars.splice(start..start, token.chars());
            }
        }
    }
    chars.into_iter().collect()
}

/// What a content file of the fixture becomes: random tokens, random bytes (often
/// invalid UTF-8), or the valid file with a few random edits.
fn content_file() -> impl Strategy<Value = Vec<u8>> {
    let valid = common::code_yaml(&common::CODES[2]);
    prop_oneof![
        token_soup(80).prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..300),
        ".{0,300}".prop_map(String::into_bytes),
        edits().prop_map(move |e| apply(&valid, &e).into_bytes()),
    ]
}

fn fluent_file() -> impl Strategy<Value = Vec<u8>> {
    let valid = std::fs::read_to_string(Path::new(common::PROJECT).join("locales/en/site.ftl"))
        .expect("project locale");
    prop_oneof![
        token_soup(80).prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..300),
        edits().prop_map(move |e| apply(&valid, &e).into_bytes()),
    ]
}

/// Builds `site`; a panic anywhere fails the case, an error is fine. When the build
/// succeeds, the pages must be well-formed and inert.
fn build_without_panic(site: &Fixture) -> Result<(), TestCaseError> {
    if site.build().is_ok() {
        for file in common::snapshot_paths(&site.out()) {
            if file.ends_with(".html") {
                let text = std::fs::read_to_string(site.out().join(&file)).expect("page");
                check_page(&file, &text)?;
            }
        }
    }
    Ok(())
}

/// A page parses without a single HTML parse error, has one `<h1>` and a title, and
/// contains no active markup.
fn check_page(file: &str, text: &str) -> Result<Html, TestCaseError> {
    let html = Html::parse_document(text);
    prop_assert!(html.errors.is_empty(), "{file}: {:?}", html.errors);
    prop_assert_eq!(common::shown(&html, "h1").len(), 1, "{}", file);
    prop_assert!(!select(&html, "title").is_empty(), "{}", file);
    let active = common::active_markup(text);
    prop_assert!(active.is_empty(), "{file}: {active:?}");
    Ok(html)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Random content files and random translations never panic the loader.
    #[test]
    fn random_content_never_panics_the_loader(
        content in content_file(),
        translation in content_file(),
    ) {
        let site = Fixture::new();
        std::fs::write(site.root().join(code_path("521")), &content).expect("write");
        std::fs::write(site.root().join("locales/ja/codes/251.yaml"), &translation)
            .expect("write");
        let _ = smtpcodes::load::load_site(site.root());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random and mutated Fluent files never panic the whole build.
    #[test]
    fn random_fluent_never_panics_the_build(en in fluent_file(), ja in fluent_file()) {
        let site = Fixture::new();
        std::fs::write(site.root().join("locales/en/site.ftl"), &en).expect("write");
        std::fs::write(site.root().join("locales/ja/extra.ftl"), &ja).expect("write");
        build_without_panic(&site)?;
    }

    /// Mutated content files never panic the whole build either (some still load).
    #[test]
    fn mutated_content_never_panics_the_build(content in content_file()) {
        let site = Fixture::new();
        std::fs::write(site.root().join(code_path("5.1.1")), &content).expect("write");
        build_without_panic(&site)?;
    }
}

/// `text` with a space after each `.` between two digits, so it names no `4.3.0`.
fn no_dotted_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c == '.' && between_digits {
            out.push(' ');
        }
    }
    out
}

/// Text for names: printable ASCII (so `<`, `&`, `"`, `{{` and friends), Japanese and a
/// few other scripts and symbols.
const NAME: &str = "[ -~あ-んア-ン一-龥éßΩж→€😀]{1,60}";
/// Markdown prose lines, from the same alphabet plus Markdown and HTML syntax.
fn prose() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[ -~あ-ん一-龥]{1,60}",
        token_soup(6).prop_map(|t| t.replace(
            [
                '\u{0}', '\u{1b}', '\u{202e}', '\u{2068}', '\u{feff}', '\t', '\r'
            ],
            ""
        )),
    ];
    prop::collection::vec(line, 1..6).prop_map(|lines| {
        let lines: Vec<String> = lines
            .iter()
            .flat_map(|l| l.lines().map(|l| l.trim().to_owned()).collect::<Vec<_>>())
            .collect();
        // Within the shortest limit (a summary's 400 characters). A random site names no
        // code in its prose: a code without a page is an error (tests/errors.rs).
        format!("Text {}", no_dotted_numbers(&lines.join("\n")))
            .chars()
            .take(380)
            .collect::<String>()
            .trim_end()
            .to_owned()
    })
}

#[derive(Debug, Clone)]
struct RandomCode {
    id: String,
    name: String,
    summary: String,
    description: String,
}

fn random_code(basic: bool) -> impl Strategy<Value = RandomCode> {
    let id = if basic {
        "[2-5][0-9][0-9]".boxed()
    } else {
        "[245]\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})".boxed()
    };
    let name = NAME.prop_filter("a name is not blank", |n| !n.trim().is_empty());
    // A summary is one paragraph (the loader says so): one line that starts with a word.
    let summary = (prose(), prose()).prop_map(|(a, b)| {
        let line = format!("{a} {b}").replace('\n', " ");
        line.chars()
            .take(380)
            .collect::<String>()
            .trim_end()
            .to_owned()
    });
    (id, name, summary, prose()).prop_map(|(id, name, summary, description)| RandomCode {
        id,
        name,
        summary,
        description,
    })
}

fn indented(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn yaml_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Facts as a site would write them for a code of `class` (2 to 5).
fn facts_yaml(class: char) -> &'static str {
    match class {
        '2' => "facts:\n  next: none\n  acts: [nobody]\n",
        '3' => "facts:\n  next: continue\n  acts: [nobody]\n",
        '4' => {
            "facts:\n  next: retry\n  retry_helps: yes\n  acts: [nobody, sender-admin]\n  cause: [system]\n"
        }
        _ => "facts:\n  next: bounce\n  acts: [sender]\n  cause: [policy]\n",
    }
}

fn random_code_yaml(code: &RandomCode, related: &[String]) -> String {
    let family = if code.id.contains('.') {
        // Every fixture site has 250, 450 and 550: the one of the same class carries it.
        let basic = format!("{}50", &code.id[..1]);
        format!("family: enhanced\nbasic: [\"{basic}\"]\nstages: [rcpt]")
    } else {
        "family: basic\nstages: [rcpt, data]".to_owned()
    };
    let family = format!(
        "{family}\n{}",
        facts_yaml(code.id.chars().next().unwrap_or('5'))
    );
    let related: Vec<String> = related.iter().map(|r| format!("\"{r}\"")).collect();
    format!(
        "code: \"{id}\"\n{family}\nname: {name}\nsources:\n  - rfc: 5321\n    sections: [\"4.2.3\"]\n    status: standard\nrelated: [{related}]\nsamples:\n  - {sample}\nsummary: |\n{summary}\naction: |\n  Act.\ndescription: |\n{description}\nwhen: |\n  - When.\nfix: |\n  - Fix.\n",
        id = code.id,
        name = yaml_quoted(&code.name),
        related = related.join(", "),
        sample = yaml_quoted(&format!("{} {}", code.id, code.name)),
        summary = indented(&code.summary),
        description = indented(&code.description),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Random valid definitions build; every page is well-formed, inert HTML, and each
    /// code page's heading shows the random name exactly, whatever characters it has.
    #[test]
    fn random_valid_codes_build_into_well_formed_pages(
        codes in prop::collection::vec(prop_oneof![random_code(true), random_code(false)], 1..6),
    ) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path();
        let write = |relative: &str, text: &str| {
            let path = root.join(relative);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        };
        write("site.yaml", "base_url: https://example.org/sub\ndefault_locale: en\nlocales:\n  - code: en\n    name: English\n  - code: ja\n    name: 日本語\n");
        for lang in ["en", "ja"] {
            let ftl = std::fs::read_to_string(
                Path::new(common::PROJECT).join(format!("locales/{lang}/site.ftl")),
            ).expect("project locale");
            write(&format!("locales/{lang}/site.ftl"), &ftl);
        }
        let mut all: Vec<RandomCode> = Vec::new();
        for fixed in ["250", "450", "550"] {
            all.push(RandomCode {
                id: fixed.into(),
                name: format!("Fixed {fixed}"),
                summary: "Fixed.".into(),
                description: "Fixed.".into(),
            });
        }
        for code in codes {
            if !all.iter().any(|c| c.id == code.id) {
                all.push(code);
            }
        }
        for (i, code) in all.iter().enumerate() {
            // Each code relates to the previous code of its family, if any.
            let related: Vec<String> = all[..i]
                .iter()
                .rev()
                .find(|c| c.id.contains('.') == code.id.contains('.'))
                .map(|c| c.id.clone())
                .into_iter()
                .collect();
            write(&code_path(&code.id), &random_code_yaml(code, &related));
        }
        let report = smtpcodes::build(root, None);
        prop_assert!(report.is_ok(), "{}", report.err().map(|e| e.to_string()).unwrap_or_default());
        let out = root.join("dist");
        for file in common::snapshot_paths(&out) {
            if !file.ends_with(".html") {
                continue;
            }
            let text = std::fs::read_to_string(out.join(&file)).expect("page");
            let html = check_page(&file, &text)?;
            let code_page = all.iter().find(|c| file == format!("en/{}/index.html", c.id));
            if let Some(code) = code_page {
                let name: Vec<&str> = code.name.split_whitespace().collect();
                let wanted = format!("SMTP {} {}", code.id, name.join(" "));
                prop_assert_eq!(text_of(&select(&html, "h1")[0]), wanted);
            }
        }
    }
}
