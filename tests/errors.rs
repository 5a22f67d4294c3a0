//! Every kind of bad input stops the build with an error naming file, line and column,
//! and leaves the previous output byte for byte as it was.

mod common;

use common::bad_inputs::{breakage, edit};
use common::{Fixture, code_path};

/// Builds the good fixture, applies `breakage`, builds again, and returns the error text
/// after checking that the previous dist/ is untouched.
fn fails_cleanly(breakage: fn(&Fixture)) -> (Fixture, String) {
    let site = Fixture::new();
    site.build().expect("the unbroken fixture builds");
    let before = site.snapshot();
    assert!(!before.is_empty());
    breakage(&site);
    let error = site.build().expect_err("the broken fixture must not build");
    assert_eq!(site.snapshot(), before, "a failed build changed dist/");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .expect("root")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    (site, error.to_string())
}

fn assert_located(error: &str, path: &str, line: usize, col: usize, message: &str) {
    let first = error.lines().next().unwrap_or("");
    let wanted = format!("{path}:{line}:{col}: ");
    assert!(
        first.contains(&wanted) && first.contains(message),
        "wanted `{wanted}…{message}…`, got:\n{error}"
    );
}

#[test]
fn broken_yaml() {
    let (_, error) = fails_cleanly(breakage("broken_yaml"));
    let path = code_path("521");
    assert!(error.contains(&format!("{path}:")), "{error}");
    assert!(error.contains(" | "), "shows the offending line: {error}");
}

#[test]
fn unknown_field() {
    let (_, error) = fails_cleanly(breakage("unknown_field"));
    assert_located(&error, &code_path("521"), 10, 1, "unknown field `sampels`");
    assert_located(&error, &code_path("521"), 10, 1, "did you mean `samples`?");
}

#[test]
fn misspelt_values_get_a_suggestion_too() {
    let (_, error) = fails_cleanly(breakage("misspelt_values"));
    assert!(
        error.contains("unknown variant `basik`: did you mean `basic`?"),
        "{error}"
    );
    assert!(
        error.contains("unknown stage `rpct`: did you mean `rcpt`?"),
        "{error}"
    );
    assert!(
        error.contains(
            "locales/ja/codes/251.yaml:2:1: unknown field `sumary`: did you mean `summary`?"
        ),
        "{error}"
    );
}

#[test]
fn missing_field() {
    let (_, error) = fails_cleanly(breakage("missing_field"));
    assert!(error.contains(&code_path("521")), "{error}");
    assert!(error.contains("missing field `name`"), "{error}");
}

#[test]
fn duplicate_code() {
    let (_, error) = fails_cleanly(breakage("duplicate_code"));
    assert!(error.contains("duplicate code 521"), "{error}");
    assert!(
        error.contains("content/basic/521.yaml:1:1"),
        "names the first place: {error}"
    );
    assert!(
        error.contains("content/more/521.yaml:1:1"),
        "names the second place: {error}"
    );
}

#[test]
fn a_code_that_is_a_path() {
    let (site, error) = fails_cleanly(breakage("code_that_is_a_path"));
    assert_located(
        &error,
        &code_path("521"),
        1,
        7,
        "`../x` is not an SMTP code",
    );
    assert!(!site.root().join("x").exists());
}

#[test]
fn dangling_related_code() {
    let (_, error) = fails_cleanly(breakage("dangling_related_code"));
    assert_located(
        &error,
        &code_path("521"),
        9,
        11,
        "names code 252, which is not defined",
    );
}

#[test]
fn fluent_syntax_error_is_located_in_characters() {
    let (_, error) = fails_cleanly(breakage("fluent_syntax_error"));
    let ftl = std::fs::read_to_string(format!("{}/locales/ja/site.ftl", common::PROJECT)).unwrap();
    let line = ftl.lines().position(|l| l.starts_with("nav-home")).unwrap() + 1;
    assert!(
        error.contains(&format!("locales/ja/site.ftl:{line}:")),
        "{error}"
    );
    assert!(error.contains("Fluent syntax error"), "{error}");
    assert!(
        error.contains("nav-home = ホーム { $"),
        "shows the line: {error}"
    );
}

#[test]
fn fluent_message_that_drops_a_variable_used_by_the_generator() {
    let (_, error) = fails_cleanly(breakage("fluent_unknown_variable"));
    assert!(error.contains("locales/ja/site.ftl:"), "{error}");
    assert!(error.contains("which-item"), "{error}");
}

#[test]
fn template_syntax_error() {
    let (_, error) = fails_cleanly(breakage("template_syntax_error"));
    assert_located(&error, "templates/pair.html", 3, 9, "template error");
}

#[test]
fn template_render_error() {
    let (_, error) = fails_cleanly(breakage("template_render_error"));
    assert_located(&error, "templates/pair.html", 3, 7, "no_such_value");
}

#[test]
fn translation_for_a_code_that_does_not_exist() {
    let (_, error) = fails_cleanly(breakage("translation_of_no_code"));
    assert_located(&error, "locales/ja/codes/999.yaml", 1, 1, "no such code");
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let (_, error) = fails_cleanly(breakage("three_problems"));
    assert!(error.contains(&code_path("521")), "{error}");
    assert!(error.contains(&code_path("501")), "{error}");
    assert!(error.contains("locales/en/site.ftl"), "{error}");
    assert!(error.contains("3 errors"), "{error}");
}

#[test]
fn the_command_line_exits_non_zero_and_prints_the_location() {
    let site = Fixture::new();
    edit(&site, &code_path("521"), "samples:", "sampels:");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_smtpcodes"))
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("run the binary");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("521.yaml:10:1: unknown field `sampels`"),
        "{stderr}"
    );
    assert!(!site.out().exists());
}

#[test]
fn the_command_line_builds_into_out() {
    let site = Fixture::new();
    let out = site.root().join("elsewhere/site");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_smtpcodes"))
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run the binary");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("19 pages per locale"), "{stdout}");
    assert!(out.join("ja/251-vs-521/index.html").is_file());
}

#[test]
fn a_comparison_of_a_code_that_does_not_exist() {
    let (_, error) = fails_cleanly(breakage("pair_of_unknown_code"));
    assert_located(
        &error,
        "content/pairs/251-vs-599.yaml",
        2,
        1,
        "`b` names code 599, which is not defined in content/",
    );
}

#[test]
fn a_code_compared_with_itself() {
    let (_, error) = fails_cleanly(breakage("pair_of_code_with_itself"));
    assert_located(
        &error,
        "content/pairs/251-vs-251.yaml",
        2,
        1,
        "code 251 is compared with itself",
    );
}

#[test]
fn a_comparison_across_families() {
    let (_, error) = fails_cleanly(breakage("pair_across_families"));
    assert_located(
        &error,
        "content/pairs/251-vs-5.1.1.yaml",
        2,
        1,
        "pairs stay within a family",
    );
}

#[test]
fn a_pair_compared_twice_in_either_order() {
    // The same pair in the other order, in a file named for that order.
    let (_, error) = fails_cleanly(breakage("pair_in_reverse_order"));
    assert!(
        error.contains("content/pairs/521-vs-251.yaml:1:1: ")
            && error.contains("give the lower code as `a`: a: \"251\", b: \"521\""),
        "{error}"
    );
    // The same pair twice, in two files the loader both reads.
    let (_, error) = fails_cleanly(breakage("pair_twice"));
    assert!(
        error.contains(":1:1: 251 and 521 are already compared in "),
        "{error}"
    );
}

#[test]
fn a_comparison_without_sources() {
    let (_, error) = fails_cleanly(breakage("pair_without_sources"));
    assert_located(
        &error,
        "content/pairs/251-vs-521.yaml",
        9,
        1,
        "`sources` must name where the facts come from",
    );
}

#[test]
fn a_fact_value_outside_its_list() {
    let (_, error) = fails_cleanly(breakage("fact_value_outside_its_list"));
    assert!(error.contains(&format!("{}:", code_path("521"))), "{error}");
    assert!(error.contains("unknown variant `bounced`"), "{error}");
    assert!(error.contains("did you mean `bounce`?"), "{error}");
}

#[test]
fn a_seen_with_code_that_has_no_page() {
    let (_, error) = fails_cleanly(breakage("seen_with_code_without_page"));
    assert_located(
        &error,
        &code_path("550"),
        4,
        13,
        "`seen_with` names code 5.1.9, which is not defined in content/",
    );
}

#[test]
fn prose_that_names_a_code_without_a_page() {
    let (_, error) = fails_cleanly(breakage("prose_names_code_without_page"));
    let line = common::code_yaml(&common::CODES[2])
        .lines()
        .position(|l| l.contains("Summary of 521"))
        .expect("summary line")
        + 1;
    assert_located(
        &error,
        &code_path("521"),
        line,
        37,
        "names code 5.9.9, which has no page",
    );
}

#[test]
fn a_misspelt_glossary_entry() {
    let (_, error) = fails_cleanly(breakage("glossary_entry_misspelt"));
    assert_located(
        &error,
        "locales/ja/glossary.yaml",
        2,
        3,
        "unknown field `prefered`: did you mean `preferred`?",
    );
}

#[test]
fn a_same_as_english_mark_that_marks_nothing() {
    let (site, error) = fails_cleanly(breakage("same_as_english_marks_nothing"));
    let line = line_of(&site, common::bad_inputs::JA_FTL, "# same as English");
    assert_located(
        &error,
        common::bad_inputs::JA_FTL,
        line,
        1,
        "this `# same as English` mark is not right above a message",
    );
}

#[test]
fn a_same_as_english_mark_on_a_message_english_lacks() {
    let (site, error) = fails_cleanly(breakage("same_as_english_on_unknown_message"));
    let line = line_of(&site, common::bad_inputs::JA_FTL, "nav-hom =");
    assert_located(
        &error,
        common::bad_inputs::JA_FTL,
        line,
        1,
        "`nav-hom` is marked `# same as English`, but English has no message `nav-hom`",
    );
}

/// The line (from 1) of `file` that starts with `start`.
fn line_of(site: &Fixture, file: &str, start: &str) -> usize {
    site.read(file)
        .lines()
        .position(|l| l.starts_with(start))
        .expect("line")
        + 1
}

#[test]
fn a_source_without_its_status() {
    let (_, error) = fails_cleanly(breakage("source_without_status"));
    assert_located(&error, &code_path("521"), 6, 5, "missing field `status`");
}

#[test]
fn a_provider_source_without_a_link() {
    let (_, error) = fails_cleanly(breakage("provider_source_without_link"));
    assert_located(
        &error,
        &code_path("521"),
        6,
        5,
        "a source is an RFC (`rfc: 5321`) or a public page (`url:` and `title:`)",
    );
}

#[test]
fn an_rfc_given_the_status_of_provider_practice() {
    let (_, error) = fails_cleanly(breakage("rfc_source_as_provider_practice"));
    assert_located(
        &error,
        &code_path("521"),
        6,
        5,
        "an RFC is a standard: its status is `standard`",
    );
}

#[test]
fn a_class_page_rfc_3463_does_not_define() {
    let (_, error) = fails_cleanly(breakage("group_unknown_id"));
    assert_located(
        &error,
        "content/groups/6.X.XXX.yaml",
        1,
        5,
        "`6.X.XXX` is not a class or subject of RFC 3463: expected one of 2.X.XXX, 4.X.XXX, 5.X.XXX, X.0.XXX",
    );
}

#[test]
fn a_class_page_in_a_file_of_another_name() {
    let (_, error) = fails_cleanly(breakage("group_id_not_file_name"));
    assert_located(
        &error,
        "content/groups/5.X.XXX.yaml",
        1,
        1,
        "4.X.XXX is defined in a file named `5.X.XXX`: name the file `4.X.XXX.yaml`",
    );
}

#[test]
fn a_class_page_source_without_status() {
    let (_, error) = fails_cleanly(breakage("group_source_without_status"));
    assert_located(
        &error,
        "content/groups/5.X.XXX.yaml",
        4,
        5,
        "missing field `status`",
    );
}

#[test]
fn a_class_page_source_is_checked_as_a_code_source_is() {
    let (_, error) = fails_cleanly(breakage("group_rfc_source_as_provider_practice"));
    assert_located(
        &error,
        "content/groups/5.X.XXX.yaml",
        4,
        5,
        "an RFC is a standard: its status is `standard`",
    );
}

use common::bad_inputs::{FOLKLORE_ENTRY as FOLKLORE, MICROSOFT_ENTRY as MICROSOFT};

#[test]
fn provider_entry_without_its_own_page() {
    let (_, error) = fails_cleanly(breakage("provider_entry_without_its_own_page"));
    assert_located(
        &error,
        MICROSOFT,
        7,
        1,
        "at least one `url` source of status `provider` on one of microsoft's domains (microsoft.com, office.com)",
    );
}

#[test]
fn folklore_entry_without_a_page() {
    let (_, error) = fails_cleanly(breakage("folklore_entry_without_a_page"));
    assert_located(
        &error,
        FOLKLORE,
        7,
        1,
        "cite at least one `url` source of status `context`",
    );
}

#[test]
fn folklore_entry_without_standard() {
    let (_, error) = fails_cleanly(breakage("folklore_entry_without_standard"));
    assert_located(
        &error,
        FOLKLORE,
        7,
        1,
        "a folklore code stands for a standard code",
    );
}

#[test]
fn provider_code_twice() {
    let (_, error) = fails_cleanly(breakage("provider_code_twice"));
    assert_located(
        &error,
        "content/providers/microsoft-5.7.640.yaml",
        2,
        1,
        "microsoft 5.7.640 is already covered by ",
    );
    assert!(
        error.contains("microsoft-5.7.606-5.7.649.yaml (5.7.606-5.7.649)"),
        "{error}"
    );
}

#[test]
fn provider_undeclared() {
    let (_, error) = fails_cleanly(breakage("provider_undeclared"));
    assert_located(
        &error,
        MICROSOFT,
        1,
        1,
        "provider `microsoft-365` is not declared in content/providers.yaml (declared: microsoft, yahoo, folklore)",
    );
}

#[test]
fn provider_mark_too_short() {
    let (_, error) = fails_cleanly(breakage("provider_mark_too_short"));
    assert_located(
        &error,
        "content/providers.yaml",
        1,
        1,
        "mark `ms` is too short to identify a provider's replies",
    );
}

#[test]
fn provider_without_name() {
    let (_, error) = fails_cleanly(breakage("provider_without_name"));
    assert_located(
        &error,
        "content/providers.yaml",
        6,
        1,
        "provider `acme` has no name: add the message `provider-acme` to locales/en/site.ftl",
    );
}

#[test]
fn provider_code_malformed() {
    let (_, error) = fails_cleanly(breakage("provider_code_malformed"));
    assert_located(
        &error,
        MICROSOFT,
        2,
        7,
        "`5.7.649-5.7.606`: a range gives its lower code first",
    );
}

#[test]
fn provider_entry_misnamed() {
    let (_, error) = fails_cleanly(breakage("provider_entry_misnamed"));
    assert_located(
        &error,
        "content/providers/microsoft-banned-ip.yaml",
        2,
        1,
        "must be in a file named `microsoft-5.7.606-5.7.649.yaml`",
    );
    assert!(
        !error.contains("translation of"),
        "its translation, named as the entry should be, is not a second problem: {error}"
    );
}

#[test]
fn provider_standard_without_page() {
    let (_, error) = fails_cleanly(breakage("provider_standard_without_page"));
    assert_located(
        &error,
        MICROSOFT,
        6,
        19,
        "`standard` names code 5.7.9, which has no page",
    );
}

#[test]
fn provider_entry_without_replies() {
    let (_, error) = fails_cleanly(breakage("provider_entry_without_replies"));
    assert_located(
        &error,
        MICROSOFT,
        4,
        1,
        "`replies` must quote at least one reply",
    );
}

#[test]
fn provider_reply_too_long() {
    let (_, error) = fails_cleanly(breakage("provider_reply_too_long"));
    assert_located(
        &error,
        MICROSOFT,
        5,
        6,
        "`replies`: a reply is 301 characters long; at most 300 are allowed",
    );
}

#[test]
fn provider_entry_unknown_field() {
    let (_, error) = fails_cleanly(breakage("provider_entry_unknown_field"));
    assert_located(&error, MICROSOFT, 4, 1, "unknown field `replys`");
    assert!(
        !error.contains("names code 5.7.6"),
        "the codes of an entry that does not parse are not reported again: {error}"
    );
}

#[test]
fn provider_entry_fact_outside_its_list() {
    let (_, error) = fails_cleanly(breakage("provider_entry_fact_outside_its_list"));
    assert!(
        error.contains(&format!("{MICROSOFT}:")) && error.contains("unknown variant `bounced`"),
        "{error}"
    );
}
