//! `check` warns, at file:line:col, about what a translation holds that the pages
//! neutralize without a word: zero-width characters, raw HTML, `javascript:` and template
//! syntax, in Fluent messages and in code prose alike. And it stops on an unreadable file
//! as `build` does.

mod common;

use std::process::Command;

use common::Fixture;
use common::bad_inputs::{JA_251, JA_FTL, edit};

fn check(site: &Fixture, strict: bool) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_smtpcodes"));
    command.args(["check", "--root"]).arg(site.root());
    if strict {
        command.arg("--strict");
    }
    let output = command.output().expect("run check");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

#[test]
fn suspicious_text_in_translations_is_warned_about_where_it_is() {
    let site = Fixture::new();
    let (_, clean) = check(&site, false);
    edit(
        &site,
        JA_FTL,
        "nav-home = ホーム",
        "nav-home = ホ\u{200b}ーム <b>太字</b>",
    );
    edit(
        &site,
        JA_251,
        "summary: 251 の要約です。",
        "summary: \"251 の要約 [x](JavaScript:alert(1)) {{ 7 }} `<b>` です。\"",
    );
    let line_of = |file: &str, start: &str| {
        site.read(file)
            .lines()
            .position(|l| l.starts_with(start))
            .expect("line")
            + 1
    };
    let ftl = format!("{}/{JA_FTL}", site.root().display());
    let yaml = format!("{}/{JA_251}", site.root().display());
    let (nav, summary) = (line_of(JA_FTL, "nav-home"), line_of(JA_251, "summary"));
    let (passed, text) = check(&site, false);
    assert!(passed, "warnings only: {text}");
    for (at, word) in [
        (format!("{ftl}:{nav}:13"), "ZERO WIDTH SPACE"),
        (format!("{ftl}:{nav}:17"), "raw HTML `<b`"),
        (format!("{ftl}:{nav}:22"), "raw HTML `</b`"),
        (format!("{yaml}:{summary}:23"), "`javascript:`"),
        (format!("{yaml}:{summary}:44"), "template syntax `{{`"),
    ] {
        let wanted = format!("warning: {at}: ");
        assert!(
            text.lines()
                .any(|l| l.starts_with(&wanted) && l.contains(word)),
            "no `{wanted}…{word}` in:\n{text}"
        );
    }
    // Inside a code span, `<b>` is meant to be shown.
    let column_of_code = format!("{yaml}:{summary}:53");
    assert!(!text.contains(&column_of_code), "{text}");
    let count = |t: &str| t.lines().filter(|l| l.contains("in a translation")).count();
    assert_eq!(count(&text) - count(&clean), 5, "{text}");
    let (strict_passed, _) = check(&site, true);
    assert!(!strict_passed, "--strict must fail on these warnings");
    site.build().expect("warnings do not stop a build");
}

#[cfg(unix)]
#[test]
fn an_unreadable_content_file_stops_check_as_it_stops_build() {
    use std::os::unix::fs::PermissionsExt;
    let site = Fixture::new();
    let path = site.root().join(common::code_path("550"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        eprintln!("skipped: this user (root?) reads files whatever their mode");
        return;
    }
    assert!(site.build().is_err(), "build read an unreadable file");
    let (passed, text) = check(&site, false);
    assert!(!passed, "check skipped an unreadable file: {text}");
    assert!(text.contains("550.yaml"), "{text}");
}

/// A locale's glossary (locales/<lang>/glossary.yaml) names the forms to avoid; `check`
/// warns at each, naming the form to use, and a broken glossary stops it.
#[test]
fn a_term_the_glossary_avoids_is_warned_about_where_it_is() {
    let site = Fixture::new();
    site.write(
        "locales/ja/glossary.yaml",
        "- english: authentication mechanism (SASL)\n  preferred: 認証方式\n  avoid: [認証メカニズム]\n",
    );
    let (passed, clean) = check(&site, false);
    assert!(passed && !clean.contains("glossary"), "{clean}");
    edit(
        &site,
        JA_251,
        "summary: 251 の要約です。",
        "summary: 251 の要約です。認証メカニズムと認証方式。",
    );
    let line = site
        .read(JA_251)
        .lines()
        .position(|l| l.starts_with("summary"))
        .expect("summary")
        + 1;
    let (passed, text) = check(&site, false);
    assert!(passed, "a warning, not an error: {text}");
    let wanted = format!(
        "warning: {}/{JA_251}:{line}:20: 「認証メカニズム」: the glossary",
        site.root().display()
    );
    assert!(text.contains(&wanted), "wanted {wanted}, got:\n{text}");
    assert!(text.contains("uses 「認証方式」"), "{text}");
    assert_eq!(text.matches("「認証メカニズム」").count(), 1, "{text}");
    site.write("locales/ja/glossary.yaml", "- english: x\n  prefered: y\n");
    let (passed, text) = check(&site, false);
    assert!(!passed, "{text}");
    assert!(text.contains("glossary.yaml:2:3: "), "{text}");
    assert!(
        text.contains("unknown field `prefered`: did you mean `preferred`?"),
        "{text}"
    );
}

/// An error in one file does not hide the rest: `check` lists every error (in content, in
/// a locale), then every warning of what did load, then the coverage, and fails.
#[test]
fn errors_come_first_and_hide_neither_warnings_nor_coverage() {
    let site = Fixture::new();
    edit(&site, &common::code_path("521"), "samples:", "sampels:");
    edit(&site, JA_FTL, "nav-home = ホーム", "nav-home = {");
    edit(
        &site,
        JA_251,
        "summary: 251 の要約です。",
        "summary: \"251 の要約 <b>です</b>。\"",
    );
    let (passed, text) = check(&site, false);
    assert!(!passed, "errors must fail check:\n{text}");
    let lines: Vec<&str> = text.lines().collect();
    let position = |start: &str, needle: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(start) && l.contains(needle))
            .unwrap_or_else(|| panic!("no `{start}…{needle}` in:\n{text}"))
    };
    let unknown_field = position("error: ", "unknown field `sampels`");
    let syntax = position("error: ", "site.ftl");
    let html = position("warning: ", "raw HTML `<b`");
    let coverage = position("locale ", "messages");
    let last_error = lines.iter().rposition(|l| l.starts_with("error: "));
    let first_warning = lines.iter().position(|l| l.starts_with("warning: "));
    assert!(
        unknown_field < html && syntax < html && html < coverage,
        "{text}"
    );
    assert!(last_error < first_warning, "errors first:\n{text}");
    // The broken message is missing; nothing else about the locale is reported twice.
    assert!(text.contains("missing message `nav-home`"), "{text}");
    assert!(
        lines.iter().any(|l| l.starts_with("ja ")),
        "ja in the coverage:\n{text}"
    );
    // No second error for what refers to the code whose file did not parse.
    let errors = lines.iter().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(errors, 2, "{text}");
}
