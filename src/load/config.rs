//! The site configuration, `site.yaml` at the site root.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Diagnostic, Error, LoadError, Location, Result};
use crate::load::yaml;
use crate::model::Locale;
use crate::text;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    default_locale: String,
    locales: Vec<RawLocale>,
    /// Custom domain for GitHub Pages, written to `CNAME` in the output when set.
    #[serde(default)]
    cname: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocale {
    code: String,
    name: String,
    #[serde(default)]
    draft: bool,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute URL of the site without a trailing slash, e.g. `https://owner.github.io/repo`.
    pub base_url: String,
    /// The path part of `base_url` without a trailing slash (`/repo`, or empty at a domain
    /// root); every internal link starts with it.
    pub base_path: String,
    /// The locale of the prose in `content/`, the fallback for every other locale, and the
    /// one the site root's links point to.
    pub default_locale: String,
    /// Published locales, default first, then in the order the config lists them.
    pub locales: Vec<Locale>,
    /// A custom domain (`smtp.example.org`): the build writes it to `CNAME` for GitHub Pages.
    pub cname: Option<String>,
}

impl Config {
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        // A linked site.yaml would have the target's lines quoted in the YAML errors.
        super::locales::refuse_symlink(&path)?;
        let source = crate::error::fs::read_to_string(&path)?;
        if let Some(problem) = Diagnostic::first_forbidden_char(&path, &source) {
            return Err(Error::single(problem));
        }
        let raw: RawConfig = yaml::parse(&path, &source)?;
        Self::validate(raw, &path, &source).map_err(Error::single)
    }

    /// Replaces `base_url` (and with it the base path), e.g. from `--base-url`; validated
    /// like the one in site.yaml.
    pub fn override_base_url(&mut self, url: &str) -> Result<()> {
        let (base_url, base_path) =
            split_base_url(url).map_err(|reason| LoadError::BaseUrl { reason })?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    fn validate(
        raw: RawConfig,
        path: &Path,
        source: &str,
    ) -> std::result::Result<Config, Diagnostic> {
        let at = |key: &str| {
            let (line, col) = text::locate_yaml_key(source, key);
            Location::new(path, line, col)
        };
        let (base_url, base_path) = split_base_url(&raw.base_url)
            .map_err(|m| Diagnostic::new(at("base_url"), m).with_source(source))?;
        let mut locales = Vec::new();
        for l in raw.locales {
            if !is_locale_code(&l.code) {
                let (line, col) = text::locate_text(source, &l.code).unwrap_or((1, 1));
                return Err(Diagnostic::new(
                    Location::new(path, line, col),
                    format!(
                        "`{}` is not a usable locale code: use a BCP 47 tag such as `en`, `ja` or `pt-BR`",
                        l.code.escape_debug()
                    ),
                )
                .with_source(source));
            }
            if locales.iter().any(|x: &Locale| x.code == l.code) {
                return Err(Diagnostic::new(
                    at("locales"),
                    format!("locale `{}` is listed twice", l.code),
                )
                .with_source(source));
            }
            locales.push(Locale {
                code: l.code,
                name: l.name,
                draft: l.draft,
            });
        }
        let Some(default_index) = locales.iter().position(|l| l.code == raw.default_locale) else {
            return Err(Diagnostic::new(
                at("default_locale"),
                format!(
                    "default_locale `{}` is not one of the configured locales",
                    raw.default_locale.escape_debug()
                ),
            )
            .with_source(source));
        };
        if locales[default_index].draft {
            return Err(Diagnostic::new(
                at("default_locale"),
                "the default locale cannot be a draft: every other locale falls back to it",
            )
            .with_source(source));
        }
        let default = locales.remove(default_index);
        locales.insert(0, default);
        let cname = match raw.cname {
            Some(name) if !is_domain_name(&name) => {
                return Err(Diagnostic::new(
                    at("cname"),
                    format!(
                        "cname `{}` is not a domain name: write only the host, e.g. `smtp.example.org`",
                        name.escape_debug()
                    ),
                )
                .with_source(source));
            }
            other => other,
        };
        Ok(Config {
            base_url,
            base_path,
            default_locale: raw.default_locale,
            locales,
            cname,
        })
    }
}

/// A locale code doubles as a directory name: allow only BCP 47-shaped tags.
pub fn is_locale_code(code: &str) -> bool {
    let shape_ok = !code.is_empty()
        && code.len() <= 35
        && code.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    shape_ok && code.parse::<unic_langid::LanguageIdentifier>().is_ok()
}

/// A bare host name as GitHub Pages expects in CNAME: labels of letters, digits and `-`.
pub(super) fn is_domain_name(name: &str) -> bool {
    name.len() <= 253
        && name.contains('.')
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// The path part of a base URL (`/repo` of `https://owner.github.io/repo/`), if the URL
/// is valid.
pub fn base_path_of(url: &str) -> Option<String> {
    split_base_url(url).ok().map(|(_, path)| path)
}

fn split_base_url(url: &str) -> std::result::Result<(String, String), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{url}` must start with https:// or http://"))?;
    let trimmed = rest.trim_end_matches('/');
    let (host, path) = match trimmed.find('/') {
        Some(i) => (&trimmed[..i], &trimmed[i..]),
        None => (trimmed, ""),
    };
    let clean = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/:".contains(&b))
    };
    if host.is_empty() || !clean(host) || !clean(path) || path.contains("//") {
        return Err(format!(
            "base_url `{}` is not a plain URL: use letters, digits and - . _ ~ / only",
            url.escape_debug()
        ));
    }
    let scheme_len = url.len() - rest.len();
    Ok((
        format!("{}{}{}", &url[..scheme_len], host, path),
        path.to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_subpath() {
        assert_eq!(
            split_base_url("https://owner.github.io/repo/").unwrap(),
            ("https://owner.github.io/repo".into(), "/repo".into())
        );
        assert_eq!(
            split_base_url("https://smtp.example").unwrap(),
            ("https://smtp.example".into(), String::new())
        );
        assert!(split_base_url("ftp://x").is_err());
        assert!(split_base_url("https://x/\"><script>").is_err());
    }

    #[test]
    fn cname_is_a_bare_host() {
        assert!(is_domain_name("smtp.example.org"));
        assert!(!is_domain_name("https://smtp.example.org"));
        assert!(!is_domain_name("smtp.example.org/x"));
        assert!(!is_domain_name("localhost"));
        let source = "base_url: https://x.example\ndefault_locale: en\nlocales:\n  - {code: en, name: English}\ncname: \"a b\"\n";
        let raw: RawConfig = serde_yaml::from_str(source).unwrap();
        let err = Config::validate(raw, Path::new("site.yaml"), source).unwrap_err();
        assert_eq!(err.at, Location::new("site.yaml", 5, 1));
    }

    #[test]
    fn base_url_can_be_overridden_and_is_validated() {
        let source = "base_url: https://x.example\ndefault_locale: en\nlocales:\n  - {code: en, name: English}\n";
        let raw: RawConfig = serde_yaml::from_str(source).unwrap();
        let mut config = Config::validate(raw, Path::new("site.yaml"), source).unwrap();
        config
            .override_base_url("https://owner.github.io/repo/")
            .unwrap();
        assert_eq!(config.base_url, "https://owner.github.io/repo");
        assert_eq!(config.base_path, "/repo");
        assert!(config.override_base_url("owner.github.io").is_err());
        assert_eq!(config.base_path, "/repo");
    }

    #[test]
    fn locale_codes_are_safe_path_segments() {
        assert!(is_locale_code("en"));
        assert!(is_locale_code("pt-BR"));
        assert!(!is_locale_code("../en"));
        assert!(!is_locale_code("e n"));
        assert!(!is_locale_code(""));
    }

    #[test]
    fn default_locale_must_exist_and_comes_first() {
        let source = "base_url: https://x.example\ndefault_locale: ja\nlocales:\n  - {code: en, name: English}\n  - {code: ja, name: 日本語}\n";
        let raw: RawConfig = serde_yaml::from_str(source).unwrap();
        let config = Config::validate(raw, Path::new("site.yaml"), source).unwrap();
        assert_eq!(config.locales[0].code, "ja");

        let bad = source.replace("default_locale: ja", "default_locale: fr");
        let raw: RawConfig = serde_yaml::from_str(&bad).unwrap();
        let err = Config::validate(raw, Path::new("site.yaml"), &bad).unwrap_err();
        assert_eq!(err.at, Location::new("site.yaml", 2, 1));
    }
}
