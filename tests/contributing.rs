//! CONTRIBUTING.md followed to the letter by a new translator: every command of its
//! "Translating" section (the English half) is run, in the order written, on a copy of the
//! shipped site, for a new language `fr`, with the translator's own edits in between. If
//! the guide changes, this test runs the new text; a step it does not know fails it.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::PROJECT;
use scraper::{Html, Selector};

/// The language the guide's examples add.
const LANG: &str = "fr";
/// What `<code>…` stands for: a code and a hand-written comparison.
const IDS: &str = "550 450-vs-550";
const FRENCH_NAME: &str = "Boîte aux lettres indisponible";

/// One step the guide gives: a YAML snippet for site.yaml, or a shell command line.
#[derive(Debug)]
enum Step {
    SiteYaml(String),
    Shell(String),
}

#[test]
fn every_command_of_the_translating_guide_works_for_a_new_language() {
    let site = tempfile::tempdir().expect("temp dir");
    let root = site.path();
    for entry in ["content", "locales", "templates", "static", "site.yaml"] {
        copy(&Path::new(PROJECT).join(entry), &root.join(entry));
    }
    let steps = documented_steps();
    let kinds: Vec<String> = steps.iter().map(kind).collect();
    assert_eq!(
        kinds,
        ["site.yaml", "cp", "translate", "check", "stamp", "build"],
        "CONTRIBUTING.md's steps changed: teach this test the new ones ({steps:#?})"
    );
    for step in &steps {
        match step {
            Step::SiteYaml(snippet) => add_locale(root, snippet),
            Step::Shell(line) => {
                before(root, line);
                let output = run(root, line);
                after(root, line, &output);
            }
        }
    }
}

/// The fenced `yaml` and `sh` blocks of the English "## Translating" section, in order;
/// each shell line without its trailing comment.
fn documented_steps() -> Vec<Step> {
    let guide = std::fs::read_to_string(Path::new(PROJECT).join("CONTRIBUTING.md"))
        .expect("CONTRIBUTING.md");
    let start = guide
        .find("\n## Translating")
        .expect("a Translating section");
    let section = &guide[start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut steps = Vec::new();
    // A block's language and lines, without the indentation of its fence.
    let mut block: Option<(String, Vec<&str>)> = None;
    let mut indent = 0;
    for line in section.lines() {
        let fence = line.trim_start();
        match (&mut block, fence.strip_prefix("```")) {
            (None, Some(language)) => {
                indent = line.len() - fence.len();
                block = Some((language.to_owned(), Vec::new()));
            }
            (Some((language, lines)), Some(_)) => {
                if language == "yaml" {
                    steps.push(Step::SiteYaml(lines.join("\n")));
                } else {
                    assert_eq!(language, "sh", "a {language} block in the guide");
                    for line in lines.iter() {
                        let command = line.split("  #").next().unwrap_or("").trim();
                        if !command.is_empty() {
                            steps.push(Step::Shell(command.to_owned()));
                        }
                    }
                }
                block = None;
            }
            (Some((_, lines)), None) => lines.push(line.get(indent..).unwrap_or("").trim_end()),
            (None, None) => {}
        }
    }
    steps
}

fn kind(step: &Step) -> String {
    match step {
        Step::SiteYaml(_) => "site.yaml".into(),
        Step::Shell(line) => match line.strip_prefix("cargo run -- ") {
            Some(rest) => rest.split_whitespace().next().unwrap_or("").to_owned(),
            None if line.contains(" cp ") => "cp".into(),
            None => line.clone(),
        },
    }
}

/// The guide's snippet, added below the languages site.yaml lists.
fn add_locale(root: &Path, snippet: &str) {
    let path = root.join("site.yaml");
    let text = std::fs::read_to_string(&path).expect("site.yaml");
    let lines: Vec<&str> = text.lines().collect();
    let list = lines
        .iter()
        .position(|l| l.starts_with("locales:"))
        .expect("site.yaml lists locales");
    let end = list
        + 1
        + lines[list + 1..]
            .iter()
            .take_while(|l| l.starts_with(' '))
            .count();
    let mut edited: Vec<String> = lines[..end].iter().map(|l| l.to_string()).collect();
    edited.extend(snippet.lines().map(str::to_owned));
    edited.extend(lines[end..].iter().map(|l| l.to_string()));
    std::fs::write(&path, edited.join("\n") + "\n").expect("write site.yaml");
}

/// The command line as a shell runs it in the site root: placeholders filled in, and
/// `cargo run --` being the binary under test.
fn run(root: &Path, line: &str) -> Output {
    let binary = env!("CARGO_BIN_EXE_smtpcodes");
    let command = line
        .replace("cargo run --", &format!("'{binary}'"))
        .replace("<lang>", LANG)
        .replace("<code>…", IDS);
    let output = Command::new("sh")
        .arg("-c")
        .arg(&command)
        .current_dir(root)
        .output()
        .expect("run sh");
    if kind(&Step::Shell(line.into())) != "check" {
        assert!(
            output.status.success(),
            "`{command}` failed:\n{}",
            text_of(&output)
        );
    }
    output
}

/// What the translator does before running `line`.
fn before(root: &Path, line: &str) {
    if kind(&Step::Shell(line.into())) == "check" {
        let file = root.join(format!("locales/{LANG}/codes/550.yaml"));
        let text = std::fs::read_to_string(&file).expect("the started translation");
        let name = text
            .lines()
            .find(|l| l.starts_with("name:"))
            .expect("a name to translate");
        let translated = text.replacen(name, &format!("name: {FRENCH_NAME}"), 1);
        std::fs::write(&file, translated).expect("translate the name");
        let ftl = root.join(format!("locales/{LANG}/site.ftl"));
        let text = std::fs::read_to_string(&ftl).expect("site.ftl");
        assert!(text.contains("\nnav-home = Home\n"), "the English nav-home");
        let translated = text.replacen("\nnav-home = Home\n", "\nnav-home = Accueil\n", 1);
        std::fs::write(&ftl, translated).expect("translate a message");
    }
}

/// What running `line` must have done.
fn after(root: &Path, line: &str, output: &Output) {
    let text = text_of(output);
    match kind(&Step::Shell(line.into())).as_str() {
        "cp" => assert!(root.join(format!("locales/{LANG}/site.ftl")).is_file()),
        "translate" => {
            let code = read(root, &format!("locales/{LANG}/codes/550.yaml"));
            let keys: Vec<&str> = code
                .lines()
                .filter(|l| !l.starts_with([' ', '#']) && l.contains(':'))
                .map(|l| l.split(':').next().unwrap_or(""))
                .collect();
            assert_eq!(
                keys,
                ["name", "summary", "action", "description", "when", "fix"],
                "{code}"
            );
            let pair = read(root, &format!("locales/{LANG}/pairs/450-vs-550.yaml"));
            assert!(pair.contains("difference:") && !pair.contains("sources:"));
            assert!(text.contains("wrote "), "{text}");
        }
        "check" => {
            assert!(
                output.status.success(),
                "a draft's gaps are warnings:\n{text}"
            );
            assert!(
                text.contains("550: `name` has no `translated_from` stamp"),
                "{text}"
            );
            assert!(
                text.contains("550: not translated yet: summary, action, description, when, fix"),
                "the fields still in English are untranslated:\n{text}"
            );
            assert!(text.contains("is the English text: translate it"), "{text}");
            let (messages, prose) = coverage(&text, LANG);
            assert_eq!(prose, 0, "nothing stamped yet:\n{text}");
            assert!(messages >= 1, "nav-home is translated:\n{text}");
        }
        "stamp" => {
            let code = read(root, &format!("locales/{LANG}/codes/550.yaml"));
            assert!(code.contains("translated_from:\n  name: \""), "{code}");
            assert!(
                !code.contains("  summary: \""),
                "English is not stamped:\n{code}"
            );
            let again = run(root, "cargo run -- check");
            let (_, prose) = coverage(&text_of(&again), LANG);
            assert_eq!(prose, 1, "the stamped name counts:\n{}", text_of(&again));
        }
        "build" => {
            let page = Html::parse_document(&read(root, &format!("dist/{LANG}/550/index.html")));
            let h1 = first_text(&page, "h1");
            assert!(h1.contains(FRENCH_NAME), "{h1}");
            let english = Selector::parse("main [lang=en]").expect("selector");
            assert!(
                page.select(&english).next().is_some(),
                "the fields still in English are marked lang=en"
            );
            let published = read(root, "dist/en/550/index.html");
            assert!(
                !published.contains("hreflang=fr") && !published.contains("hreflang=\"fr\""),
                "a draft is not linked from other languages"
            );
        }
        other => panic!("no check for the step `{other}`"),
    }
}

/// The (messages, prose) translated of `lang` in check's coverage table.
fn coverage(text: &str, lang: &str) -> (usize, usize) {
    let row = text
        .lines()
        .find(|l| l.split_whitespace().next() == Some(lang))
        .unwrap_or_else(|| panic!("no {lang} row in:\n{text}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    let done = |cell: &str| -> usize {
        cell.split('/')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("not a count: {cell} in {row}"))
    };
    (done(cells[1]), done(cells[4]))
}

fn first_text(page: &Html, css: &str) -> String {
    let selector = Selector::parse(css).expect("selector");
    page.select(&selector)
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

fn read(root: &Path, relative: &str) -> String {
    std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn text_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("entry");
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
}
