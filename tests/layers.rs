//! The layer rule of src/lib.rs, enforced: every `crate::` path in src/ points down the
//! stack (or stays inside its own stage). A path that climbs or crosses sideways fails
//! this test with its file and line, so the rule outlives the refactor that set it up.

use std::path::{Path, PathBuf};

const PROJECT: &str = env!("CARGO_MANIFEST_DIR");

/// Bottom to top; modules on one line are at the same level and may not use each other.
/// Keep in step with the list in src/lib.rs and ARCHITECTURE.md.
const LAYERS: &[&[&str]] = &[
    &["text", "hash", "markdown", "minify", "lock", "embedded"],
    &["error", "model"],
    &["load"],
    &["plan"],
    &["render"],
    &["write"],
    &["report", "lib"],
    &["check", "serve"],
];

fn level(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level module a source file belongs to: `src/render/pair.rs` → `render`.
fn module_of(relative: &Path) -> String {
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_owned()
}

/// The modules a line of Rust names through `crate::`, comments left out. An item of
/// the crate root (`crate::Result`, `crate::build_with`) counts as the driver's (`lib`):
/// lower layers name the module that defines it.
fn crate_paths(line: &str) -> Vec<String> {
    let code = match line.find("//") {
        Some(at) => &line[..at],
        None => line,
    };
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                found.push(first_segment(item.trim()));
            }
        } else {
            found.push(first_segment(after));
        }
        rest = after;
    }
    found.retain(|name| !name.is_empty());
    found
}

fn first_segment(path: &str) -> String {
    let name: String = path
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    // `crate::Result`, `crate::build_with`: items of the crate root (the driver).
    if level(&name).is_none() && !name.is_empty() {
        "lib".to_owned()
    } else {
        name
    }
}

/// Every use of a module above (or beside) the one the file belongs to, as
/// `file:line: message`.
fn violations(relative: &Path, text: &str) -> Vec<String> {
    let from = module_of(relative);
    let Some(from_level) = level(&from) else {
        return vec![format!(
            "{}: module `{from}` is in no layer; add it to LAYERS here and in src/lib.rs",
            relative.display()
        )];
    };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for to in crate_paths(line) {
            if to == from {
                continue;
            }
            let allowed = level(&to).is_some_and(|to_level| to_level < from_level);
            if !allowed {
                out.push(format!(
                    "src/{}:{}: `{from}` (layer {from_level}) uses `crate::{to}`, which is {}: {}",
                    relative.display(),
                    i + 1,
                    level(&to).map_or("in no layer".to_owned(), |l| if l == from_level {
                        "beside it".to_owned()
                    } else {
                        format!("above it (layer {l})")
                    }),
                    line.trim()
                ));
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_crate_path_points_down_the_layers() {
    let src = Path::new(PROJECT).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    // The binary uses the library through `smtpcodes::`, as any other user would.
    files.retain(|f| !f.ends_with("main.rs"));
    assert!(files.len() > 20, "only {} source files found", files.len());
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).expect("below src");
        let text = std::fs::read_to_string(file).expect("source is UTF-8");
        checked += text.matches("crate::").count();
        problems.extend(violations(relative, &text));
    }
    assert!(
        checked > 100,
        "only {checked} crate paths seen: is the parser broken?"
    );
    assert!(
        problems.is_empty(),
        "imports against the layer order (src/lib.rs):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_checker_catches_upward_sideways_and_unknown_paths() {
    let load = Path::new("load/codes.rs");
    assert!(violations(load, "use crate::model::Code;\nuse crate::error::Result;").is_empty());
    assert!(violations(load, "// see crate::render::Renderer\n").is_empty());
    let up = violations(load, "use crate::markdown;\nuse crate::render::markdown;\n");
    assert_eq!(up.len(), 1, "{up:?}");
    assert!(up[0].starts_with("src/load/codes.rs:2: `load` (layer 2) uses `crate::render`"));
    let grouped = violations(Path::new("plan.rs"), "use crate::{model, write::Staging};");
    assert_eq!(grouped.len(), 1, "{grouped:?}");
    let sideways = violations(
        Path::new("error.rs"),
        "let x = crate::model::prose_hash(t);",
    );
    assert!(sideways[0].contains("beside it"), "{sideways:?}");
    let root_item = violations(Path::new("render/engine.rs"), "use crate::Result;");
    assert!(root_item[0].contains("above it"), "{root_item:?}");
    let driver = violations(Path::new("write/pages.rs"), "crate::build_with(options)");
    assert!(driver[0].contains("uses `crate::lib`"), "{driver:?}");
    let unknown = violations(Path::new("newstage.rs"), "");
    assert!(unknown[0].contains("in no layer"), "{unknown:?}");
}
