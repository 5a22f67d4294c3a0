//! A locale's glossary, `locales/<lang>/glossary.yaml`: one term per concept across the
//! site, and the variants a translator should not use (認証メカニズム where the site says
//! 認証方式). `check` warns at each variant in the locale's files, so a translation pull
//! request keeps the site's vocabulary without a reviewer knowing every entry.
//!
//! ```yaml
//! - english: authentication mechanism (SASL)
//!   preferred: 認証方式
//!   avoid: [認証メカニズム]
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::yaml;
use crate::error::Result;

/// The file name of a glossary inside `locales/<lang>/`.
pub const FILE: &str = "glossary.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The concept, in English, as docs/glossary.md names it.
    pub english: String,
    /// The one form the site uses.
    pub preferred: String,
    /// Forms to replace by `preferred`.
    #[serde(default)]
    pub avoid: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Glossary {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
}

impl Glossary {
    /// The glossary of the locale whose directory is `dir`, if it has one.
    pub fn load(dir: &Path) -> Result<Option<Glossary>> {
        let path = dir.join(FILE);
        if !path.is_file() {
            return Ok(None);
        }
        let text = crate::error::fs::read_to_string(&path)?;
        let entries: Vec<Entry> = yaml::parse(&path, &text)?;
        Ok(Some(Glossary { path, entries }))
    }

    /// Each variant to avoid in `line`: its column (in characters, from 1) and what to
    /// write instead.
    pub fn variants_in_line(&self, line: &str) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        for entry in &self.entries {
            for variant in entry.avoid.iter().filter(|v| !v.is_empty()) {
                for (at, _) in line.match_indices(variant.as_str()) {
                    if is_inside_preferred(line, at, variant, &entry.preferred) {
                        continue;
                    }
                    let col = line[..at].chars().count() + 1;
                    found.push((
                        col,
                        format!(
                            "「{variant}」: the glossary ({}) uses 「{}」 for {}",
                            self.path.display(),
                            entry.preferred,
                            entry.english
                        ),
                    ));
                }
            }
        }
        found.sort_by_key(|(col, _)| *col);
        found
    }
}

/// Whether the variant found at byte `at` is part of an occurrence of the preferred form
/// (a variant may be contained in the form the site prefers).
fn is_inside_preferred(line: &str, at: usize, variant: &str, preferred: &str) -> bool {
    preferred.contains(variant)
        && line
            .match_indices(preferred)
            .any(|(start, _)| start <= at && at + variant.len() <= start + preferred.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(entries: &[(&str, &str, &[&str])]) -> Glossary {
        Glossary {
            path: PathBuf::from(FILE),
            entries: entries
                .iter()
                .map(|(english, preferred, avoid)| Entry {
                    english: (*english).to_owned(),
                    preferred: (*preferred).to_owned(),
                    avoid: avoid.iter().map(|a| (*a).to_owned()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn finds_each_variant_with_its_column_in_characters() {
        let g = glossary(&[("authentication mechanism", "認証方式", &["認証メカニズム"])]);
        let found = g.variants_in_line("平文の認証メカニズムと認証方式");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 4);
        assert!(found[0].1.contains("「認証方式」"), "{}", found[0].1);
    }

    #[test]
    fn a_variant_inside_the_preferred_form_is_not_reported() {
        let g = glossary(&[("mail server", "メールサーバー", &["メールサーバ"])]);
        assert!(g.variants_in_line("メールサーバーです").is_empty());
        assert_eq!(g.variants_in_line("メールサーバです").len(), 1);
    }
}
