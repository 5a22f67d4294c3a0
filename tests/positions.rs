//! Errors point at the line a person must edit and say what is wrong in plain words: an
//! unclosed quote at its line (not where the parser gave up), a duplicate key at the
//! duplicate, a tab as a tab, a byte-order mark accepted with columns unchanged, a Fluent
//! error on its own line, a missing include at the include, a used English message at the
//! .ftl line. Each case asserts the exact line:col and a key word of the message, and that
//! the previous dist/ is untouched.

mod common;

use common::Fixture;
use common::bad_inputs::{EN_FTL, JA_251, JA_FTL, breakage};

/// Where the first error must be: `file` (relative to the site root, or a built-in
/// template's name), the 1-based line of the first line containing `line_with` (its
/// `nth` such line, counting from 0) in the broken file, the column `col`, and a word.
struct Wanted {
    case: &'static str,
    file: &'static str,
    line_with: &'static str,
    nth: usize,
    col: usize,
    word: &'static str,
}

const CODE_521: &str = "content/basic/521.yaml";
const BASE: &str = "(built-in templates)/base.html";

const WANTED: &[Wanted] = &[
    Wanted {
        case: "unclosed_quote",
        file: JA_251,
        line_with: "action:",
        nth: 0,
        col: 9,
        word: "no closing \"",
    },
    Wanted {
        case: "unclosed_single_quote",
        file: CODE_521,
        line_with: "name:",
        nth: 0,
        col: 7,
        word: "no closing '",
    },
    Wanted {
        case: "duplicate_key",
        file: CODE_521,
        line_with: "name:",
        nth: 1,
        col: 1,
        word: "`name` is given twice (first on line 4)",
    },
    Wanted {
        case: "tab_indent",
        file: CODE_521,
        line_with: "- rfc:",
        nth: 0,
        col: 1,
        word: "a tab indents this line",
    },
    Wanted {
        case: "bom_and_bad_code",
        file: CODE_521,
        line_with: "code:",
        nth: 0,
        col: 7,
        word: "`../x` is not an SMTP code",
    },
    Wanted {
        case: "fluent_missing_value",
        file: JA_FTL,
        line_with: "nav-home =",
        nth: 0,
        col: 1,
        word: "`nav-home` has no value",
    },
    Wanted {
        case: "fluent_unclosed_placeable",
        file: JA_FTL,
        line_with: "nav-home =",
        nth: 0,
        col: 24,
        word: "a `{` placeable is not closed",
    },
    Wanted {
        case: "missing_include",
        file: "templates/pair.html",
        line_with: "{% include",
        nth: 0,
        col: 1,
        word: "nope.html",
    },
    Wanted {
        case: "template_syntax_error_deep",
        file: "templates/base.html",
        line_with: "<title>",
        nth: 0,
        col: 22,
        word: "template error",
    },
    Wanted {
        case: "template_render_error_deep",
        file: "templates/base.html",
        line_with: "site_motto",
        nth: 0,
        col: 0,
        word: "site_motto",
    },
    Wanted {
        case: "english_message_deleted",
        file: BASE,
        line_with: "t.site_name",
        nth: 0,
        col: 0,
        word: "`t.site_name` reads the message `site-name`, which locales/en/ does not define",
    },
    Wanted {
        case: "english_message_unknown_variable",
        file: EN_FTL,
        line_with: "site-name =",
        nth: 0,
        col: 1,
        word: "`site-name` uses { $brand }",
    },
    Wanted {
        case: "locale_symlink",
        file: "locales/en/passwd.ftl",
        line_with: "",
        nth: 0,
        col: 1,
        word: "symbolic link",
    },
    Wanted {
        case: "site_yaml_symlink",
        file: "site.yaml",
        line_with: "",
        nth: 0,
        col: 1,
        word: "symbolic link",
    },
];

/// The text of `file` as the broken site has it (a built-in template from the project).
fn broken_text(site: &Fixture, file: &str) -> String {
    match file.strip_prefix("(built-in templates)/") {
        Some(name) => std::fs::read_to_string(format!("{}/templates/{name}", common::PROJECT))
            .expect("built-in template"),
        None if file.ends_with("passwd.ftl") || file == "site.yaml" => String::new(),
        None => String::from_utf8_lossy(&std::fs::read(site.root().join(file)).expect("read"))
            .into_owned(),
    }
}

/// Line and column of `wanted` in the broken file; column 0 means "where `line_with`
/// starts".
fn position(text: &str, wanted: &Wanted) -> (usize, usize) {
    if wanted.line_with.is_empty() {
        return (1, wanted.col);
    }
    let (index, line) = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(wanted.line_with))
        .nth(wanted.nth)
        .unwrap_or_else(|| panic!("{}: no line with {:?}", wanted.case, wanted.line_with));
    let col = match wanted.col {
        0 => {
            line[..line.find(wanted.line_with).expect("found")]
                .chars()
                .count()
                + 1
        }
        col => col,
    };
    (index + 1, col)
}

fn check(wanted: &Wanted) -> Result<(), String> {
    let site = Fixture::new();
    site.build()
        .map_err(|e| format!("the good fixture failed: {e}"))?;
    let before = site.snapshot();
    breakage(wanted.case)(&site);
    let Err(error) = site.build() else {
        return Err("the build succeeded".into());
    };
    if site.snapshot() != before {
        return Err("the failed build changed dist/".into());
    }
    let shown = error.to_string();
    let Some(first) = error.diagnostics().first() else {
        return Err(format!("no location: {shown}"));
    };
    let path = match wanted.file.starts_with('(') {
        true => std::path::PathBuf::from(wanted.file),
        false => site.root().join(wanted.file),
    };
    let (line, col) = position(&broken_text(&site, wanted.file), wanted);
    if first.at.path != path || (first.at.line, first.at.col) != (line, col) {
        return Err(format!(
            "wanted {}:{line}:{col}, got:\n{shown}",
            path.display()
        ));
    }
    if !first.message.contains(wanted.word) {
        return Err(format!(
            "wanted {:?} in the message, got:\n{shown}",
            wanted.word
        ));
    }
    if shown.contains("root:") {
        return Err(format!("a linked file's content is shown:\n{shown}"));
    }
    Ok(())
}

#[test]
fn each_error_points_at_the_line_to_edit_and_says_what_is_wrong() {
    let failures: Vec<String> = WANTED
        .iter()
        .filter_map(|w| check(w).err().map(|why| format!("FAIL {}: {why}", w.case)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let site = Fixture::new();
    for file in [CODE_521, JA_FTL, JA_251, "site.yaml"] {
        let text = site.read(file);
        site.write(file, &format!("\u{feff}{text}"));
    }
    site.build().expect("files with a byte-order mark build");
    let page = site.page("ja/index.html");
    assert!(
        !common::texts(&page, "body").join("").contains('\u{feff}'),
        "the mark reached the page"
    );
}
