//! Codes named in prose must have pages: a reader told "servers may send 4.3.0 instead"
//! looks for 4.3.0 next, and a site that names codes it does not explain is the kind of
//! gap that makes readers go elsewhere.
//!
//! Scans the prose of `content/` (codes, comparisons, groups, provider entries) and of every
//! locale's translations of them for enhanced status codes (`4.3.0`) and reports each that
//! has no page, at its line and column: a code page, or a provider entry whose code covers
//! it (Microsoft's 5.7.606–5.7.649). Facts that name codes (`basic`, `related`, …) are validated where they
//! are parsed; reply samples quote servers verbatim and may name codes the catalogue lacks.
//! The files are read a second time here, after every code is known, which costs a few
//! milliseconds and keeps the mention rule out of the parsers.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use super::codes::{LoadedCodes, yaml_files};
use super::providers::LoadedProviders;
use crate::error::{Diagnostic, Error, Location, Result};
use crate::model::CodeId;

/// Top-level keys whose values are not prose.
const NOT_PROSE: [&str; 15] = [
    "provider",
    "replies",
    "standard",
    "code",
    "family",
    "basic",
    "seen_with",
    "related",
    "stages",
    "samples",
    "facts",
    "translated_from",
    "a",
    "b",
    "sources",
];

/// Every enhanced code named in prose that has no page, as located errors.
pub fn check_mentions(
    content_dir: &Path,
    locales_dir: &Path,
    locales: &[String],
    codes: &LoadedCodes,
    providers: &LoadedProviders,
) -> Result<()> {
    let known: HashSet<&CodeId> = codes.codes.iter().map(|c| &c.id).collect();
    // A code of a provider's (5.7.606) is explained by its provider entry (an entry whose
    // file has problems has been reported there).
    let explained = |id: &CodeId| {
        known.contains(id)
            || providers.entries.iter().any(|e| e.code.contains(id))
            || providers.failed.iter().any(|code| code.contains(id))
    };
    let mut files = yaml_files(content_dir)?;
    for locale in locales {
        for dir in [
            super::codes::CODES_DIR,
            super::comparisons::PAIRS_DIR,
            super::groups::GROUPS_DIR,
            super::providers::PROVIDERS_DIR,
        ] {
            let dir = locales_dir.join(locale).join(dir);
            if dir.is_dir() {
                files.extend(yaml_files(&dir)?);
            }
        }
    }
    // Each file on every core (they are read again here: a large site has thousands),
    // the problems then in the files' order.
    let per_file: Vec<Result<Vec<Diagnostic>>> = files
        .par_iter()
        .map(|path| {
            let text = crate::error::fs::read_to_string(path)?;
            let mut problems = Vec::new();
            for (line, col, id) in prose_mentions(&text) {
                // A code whose file did not parse has been reported where it is written.
                if !explained(&id) && !codes.unparsed.contains(id.as_str()) {
                    problems.push(
                        Diagnostic::new(
                            Location::new(path, line, col),
                            format!(
                                "names code {id}, which has no page: add content/enhanced/{id}.yaml, \
                                 or name a code the site explains"
                            ),
                        )
                        .with_source(&text),
                    );
                }
            }
            Ok(problems)
        })
        .collect();
    let mut problems = Vec::new();
    for found in per_file {
        problems.extend(found?);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The enhanced codes named in the prose of one YAML file: (line, column in characters,
/// code), both from 1.
fn prose_mentions(text: &str) -> Vec<(usize, usize, CodeId)> {
    let mut out = Vec::new();
    let mut in_prose = false;
    for (index, line) in text.lines().enumerate() {
        if let Some(key) = top_level_key(line) {
            in_prose = !NOT_PROSE.contains(&key);
        }
        if !in_prose || line.trim_start().starts_with('#') {
            continue;
        }
        for (col, id) in codes_in_line(line) {
            out.push((index + 1, col, id));
        }
    }
    out
}

/// `summary` for `summary: >-`; `None` for indented and blank lines.
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    line.split_once(':').map(|(key, _)| key.trim())
}

/// Enhanced codes in one line with their columns (in characters, from 1), leaving out
/// section numbers (`§4.2.2`, `section 3.4.1`, `4.2.2 節`) and parts of longer dotted
/// numbers (`4.5.3.1.10`).
fn codes_in_line(line: &str) -> Vec<(usize, CodeId)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(len) = code_at(&chars, i) else {
            i += 1;
            continue;
        };
        let candidate: String = chars[i..i + len].iter().collect();
        if !is_section_number(&chars, i, len)
            && let Ok(id) = CodeId::parse(&candidate)
        {
            out.push((i + 1, id));
        }
        i += len;
    }
    out
}

/// The length of an `X.Y.Z` code (class 2, 4 or 5) starting at `start`, standing alone.
fn code_at(chars: &[char], start: usize) -> Option<usize> {
    let before = start.checked_sub(1).map(|b| chars[b]);
    if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_') {
        return None;
    }
    if !matches!(chars.get(start), Some('2' | '4' | '5')) || chars.get(start + 1) != Some(&'.') {
        return None;
    }
    let mut end = start + 2;
    for part in 0..2 {
        let digits = chars[end..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=3).contains(&digits) {
            return None;
        }
        end += digits;
        if part == 0 {
            if chars.get(end) != Some(&'.') {
                return None;
            }
            end += 1;
        }
    }
    let after = chars.get(end).copied();
    let continues = match after {
        Some(c) if c.is_alphanumeric() || c == '_' => true,
        Some('.') => chars.get(end + 1).is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    (!continues).then_some(end - start)
}

/// Whether the number at `start` is a section of a document rather than a code.
fn is_section_number(chars: &[char], start: usize, len: usize) -> bool {
    let before: String = chars[..start].iter().collect();
    let before = before.trim_end().to_lowercase();
    let after: String = chars[start + len..].iter().collect();
    before.ends_with('§')
        || before.ends_with("section")
        || before.ends_with("sections")
        || after.trim_start().starts_with('節')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str) -> Vec<(usize, String)> {
        codes_in_line(line)
            .into_iter()
            .map(|(col, id)| (col, id.to_string()))
            .collect()
    }

    #[test]
    fn finds_codes_with_their_columns_in_characters() {
        assert_eq!(
            found("送信側は 4.3.0 を返します。Then 5.7.1."),
            [(6, "4.3.0".to_owned()), (23, "5.7.1".to_owned())]
        );
        assert_eq!(found("(`550 5.1.1`)"), [(7, "5.1.1".to_owned())]);
    }

    #[test]
    fn leaves_out_sections_and_longer_numbers() {
        assert!(found("RFC 5321 §4.5.3.1.10 and §4.2.2, section 3.4.1").is_empty());
        assert!(found("RFC 5321 の 4.2.2 節").is_empty());
        assert!(found("version 2.1.0a, 1.2.3, 4.2.2.1, x5.1.1").is_empty());
    }

    #[test]
    fn reads_only_prose_keys() {
        let text = "code: \"5.1.1\"\nsamples:\n  - \"550 5.9.9 text\"\nsummary: >-\n  Unlike\n  4.4.4, this.\n# 5.8.8 in a comment\nrelated: [\"5.1.2\"]\n";
        let ids: Vec<(usize, usize, String)> = prose_mentions(text)
            .into_iter()
            .map(|(l, c, id)| (l, c, id.to_string()))
            .collect();
        assert_eq!(ids, [(6, 3, "4.4.4".to_owned())]);
    }
}
