//! The provider family: the providers (`content/providers.yaml`), their entries
//! (`content/providers/<provider>-<code>.yaml`), translated in
//! `locales/<lang>/providers/<id>.yaml`, into validated [`Provider`]s and
//! [`ProviderEntry`]s. Both files are optional: a site without them has no provider pages.
//! An entry's sources, facts and prose follow the rules of code files (the same functions
//! check them).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use super::codes::{
    CodeField, LoadedCodes, RawFacts, RawProse, RawSource, english_prose_problems, facts_problems,
    sources_problems, text_value_problem, to_facts, to_source, yaml_files,
};
use super::translation_files::{Translated, add_translations};
use super::yaml::{self, read_checked};
use super::{Partial, keep_problems};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::model::{
    Cited, Prose, Provider, ProviderCode, ProviderEntry, ProviderId, Source, SourceStatus,
    provider_entry_id,
};
use crate::text;

/// The file below `content/` that declares the providers.
pub const PROVIDERS_FILE: &str = "providers.yaml";
/// The directory below `content/` (and below each `locales/<lang>/`) of the entries.
pub const PROVIDERS_DIR: &str = "providers";

/// What a provider is declared with in `content/providers.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    #[serde(default)]
    domains: Option<Vec<String>>,
    #[serde(default)]
    folklore: bool,
    /// Words besides the domains that show a reply comes from this provider (`gsmtp`).
    #[serde(default)]
    marks: Vec<String>,
}

/// `content/providers.yaml`: the providers in the order the file gives them.
struct RawProviders(Vec<(String, RawProvider)>);

impl<'de> Deserialize<'de> for RawProviders {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawProviders;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of provider ids to their `domains` (or `folklore: true`)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RawProviders, A::Error> {
                let mut providers = Vec::new();
                while let Some((id, provider)) = map.next_entry::<String, RawProvider>()? {
                    providers.push((id, provider));
                }
                Ok(RawProviders(providers))
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// One entry file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    provider: String,
    code: CodeText,
    name: String,
    replies: Vec<String>,
    standard: Vec<CodeField>,
    sources: Vec<RawSource>,
    facts: RawFacts,
    summary: String,
    action: String,
    description: String,
    when: String,
    fix: String,
}

/// An entry's `code`, validated while parsing so the error carries serde_yaml's position.
#[derive(Debug, Clone)]
struct CodeText(ProviderCode);

impl<'de> Deserialize<'de> for CodeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = CodeText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a provider's code such as \"5.7.606-5.7.649\", \"571\" or \"TSS04\"")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                text: &str,
            ) -> std::result::Result<CodeText, E> {
                ProviderCode::parse(text).map(CodeText).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> std::result::Result<CodeText, E> {
                self.visit_str(&n.to_string())
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The providers and their entries that loaded.
#[derive(Debug, Default)]
pub struct LoadedProviders {
    /// In the order of `content/providers.yaml`.
    pub providers: Vec<Provider>,
    /// Sorted by provider (in that order), then by file name.
    pub entries: Vec<ProviderEntry>,
    /// The codes of the entries that parsed but did not load (their problems are
    /// reported): codes named elsewhere that one of them explains are not reported again.
    pub failed: Vec<ProviderCode>,
}

/// Loads the providers and every entry with its translations. `english_messages` are the
/// ids of the source locale's Fluent messages (`None` when they did not load: the
/// `provider-<id>` names are then not checked), `codes` the site's codes.
pub fn load_providers(
    content_dir: &Path,
    locales_dir: &Path,
    source_locale: &str,
    locales: &[String],
    english_messages: Option<&[&str]>,
    codes: &LoadedCodes,
) -> Result<Partial<LoadedProviders>> {
    let mut problems = Vec::new();
    let file = content_dir.join(PROVIDERS_FILE);
    let providers = if file.is_file() {
        let loaded = load_provider_list(&file, source_locale, english_messages);
        keep_problems(loaded, &mut problems)?
    } else {
        Some(Vec::new())
    };
    let dir = content_dir.join(PROVIDERS_DIR);
    let mut entries: Vec<ProviderEntry> = Vec::new();
    let mut defined_at: Vec<(ProviderId, ProviderCode, PathBuf)> = Vec::new();
    let mut failed = Vec::new();
    // The ids of entries that did not load: their translations are not a second problem.
    let mut failed_ids: Vec<String> = Vec::new();
    if dir.is_dir() {
        let context = EntryContext {
            providers: providers.as_deref(),
            codes,
            source_locale,
        };
        for path in yaml_files(&dir)? {
            let parsed = keep_problems(parse_entry(&path), &mut problems)?;
            let Some((text, raw)) = parsed else {
                failed.extend(codes_of_stem(&path));
                continue;
            };
            let code = raw.code.0.clone();
            let id = ProviderId::parse(&raw.provider)
                .ok()
                .map(|provider| provider_entry_id(&provider, &code));
            let checked = keep_problems(check_entry(&path, &text, raw, &context), &mut problems)?;
            let Some(Some(entry)) = checked else {
                failed.push(code);
                failed_ids.extend(id);
                continue;
            };
            let first = defined_at
                .iter()
                .find(|(p, c, _)| *p == entry.provider && c.overlaps(&entry.code));
            if let Some((_, code, first)) = first {
                let (line, col) = text::locate_yaml_key(&text, "code");
                problems.push(
                    Diagnostic::new(
                        Location::new(&path, line, col),
                        format!(
                            "{} {} is already covered by {} ({code}): one entry per code",
                            entry.provider,
                            entry.code,
                            first.display()
                        ),
                    )
                    .with_source(&text),
                );
                continue;
            }
            defined_at.push((entry.provider.clone(), entry.code.clone(), path.clone()));
            entries.push(entry);
        }
    }
    let order: Vec<ProviderId> = providers.iter().flatten().map(|p| p.id.clone()).collect();
    entries.sort_by_key(|e| (order.iter().position(|p| *p == e.provider), e.id.clone()));
    for locale in locales.iter().filter(|l| l.as_str() != source_locale) {
        let added = add_translations(
            locales_dir,
            locale,
            source_locale,
            &mut entries,
            |entries, stem| entries.iter().position(|e| e.id == stem),
            // An entry whose file did not load was reported there.
            |stem| failed_ids.iter().any(|id| id == stem) || left_out(&dir, stem),
        );
        keep_problems(added, &mut problems)?;
    }
    Ok(Partial {
        value: LoadedProviders {
            providers: providers.unwrap_or_default(),
            entries,
            failed,
        },
        problems,
    })
}

/// The codes an entry file's name may stand for (`microsoft-5.7.606-5.7.649` → the range,
/// and 5.7.649): for a file that does not parse, so that the codes it is about are not
/// reported again where other files name them.
fn codes_of_stem(path: &Path) -> Vec<ProviderCode> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.match_indices('-')
        .filter_map(|(at, _)| ProviderCode::parse(&stem[at + 1..].to_ascii_uppercase()).ok())
        .collect()
}

/// Whether the entry `stem` has a file of its own (which then did not load, and was
/// reported): its translation is not a second problem.
fn left_out(dir: &Path, stem: &str) -> bool {
    ["yaml", "yml"]
        .iter()
        .any(|x| dir.join(format!("{stem}.{x}")).is_file())
}

/// `content/providers.yaml`, each problem located in it.
fn load_provider_list(
    path: &Path,
    source_locale: &str,
    english_messages: Option<&[&str]>,
) -> Result<Vec<Provider>> {
    let text = read_checked(path)?;
    let raw: RawProviders = yaml::parse(path, &text)?;
    let mut problems = Vec::new();
    let mut providers = Vec::new();
    let mut seen = HashSet::new();
    for (key, raw) in raw.0 {
        let (line, col) = text::locate_text(&text, &format!("{key}:"))
            .unwrap_or_else(|| text::locate_yaml_key(&text, &key));
        let at = Location::new(path, line, col);
        let mut problem = |message: String| {
            problems.push(Diagnostic::new(at.clone(), message).with_source(&text));
        };
        let id = match ProviderId::parse(&key) {
            Ok(id) => id,
            Err(message) => {
                problem(message);
                continue;
            }
        };
        if !seen.insert(id.clone()) {
            problem(format!("provider `{id}` is declared twice"));
            continue;
        }
        let domains = raw.domains.unwrap_or_default();
        match (raw.folklore, domains.is_empty()) {
            (true, false) => problem(format!(
                "`{id}` is `folklore: true`, which nobody defines: it has no `domains`"
            )),
            (false, true) => problem(format!(
                "`{id}` needs `domains`: the hosts of the provider's public pages \
                 (or `folklore: true` for codes nobody defines)"
            )),
            _ => {}
        }
        for domain in &domains {
            if !is_domain(domain) {
                problem(format!(
                    "`{}` is not a domain such as `microsoft.com`",
                    domain.escape_debug()
                ));
            }
        }
        for mark in &raw.marks {
            if mark.trim().len() < 3 || mark.chars().any(char::is_whitespace) {
                problem(format!(
                    "mark `{}` is too short to identify a provider's replies: \
                     give a word of at least 3 characters, such as `gsmtp`",
                    mark.escape_debug()
                ));
            }
        }
        let message = id.message_id();
        if english_messages.is_some_and(|ids| !ids.contains(&message.as_str())) {
            problem(format!(
                "provider `{id}` has no name: add the message `{message}` to \
                 locales/{source_locale}/site.ftl"
            ));
        }
        providers.push(Provider {
            id,
            domains,
            folklore: raw.folklore,
            marks: raw.marks,
        });
    }
    if problems.is_empty() {
        Ok(providers)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// A host name in lower case (as URLs are compared).
fn is_domain(domain: &str) -> bool {
    domain == domain.to_ascii_lowercase() && super::config::is_domain_name(domain)
}

/// What an entry is checked against.
struct EntryContext<'a> {
    /// `None` when providers.yaml did not load (its problems are reported there).
    providers: Option<&'a [Provider]>,
    codes: &'a LoadedCodes,
    source_locale: &'a str,
}

/// One entry file's text, parsed.
fn parse_entry(path: &Path) -> Result<(String, RawEntry)> {
    let text = read_checked(path)?;
    let raw: RawEntry = yaml::parse(path, &text)?;
    Ok((text, raw))
}

/// One parsed entry, with every problem it has located in its file `path` (whose text is
/// `text`); `None` when it names a provider that could not be checked (providers.yaml did
/// not load, and its problems are reported).
fn check_entry(
    path: &Path,
    text: &str,
    raw: RawEntry,
    context: &EntryContext,
) -> Result<Option<ProviderEntry>> {
    let at = |key: &str| {
        let (line, col) = text::locate_yaml_key(text, key);
        Location::new(path, line, col)
    };
    let mut problems = Vec::new();
    let mut problem = |at: Location, message: String| {
        problems.push(Diagnostic::new(at, message).with_source(text));
    };
    let code = raw.code.0.clone();
    let (provider, id) = match ProviderId::parse(&raw.provider) {
        Ok(provider) => {
            let id = provider_entry_id(&provider, &code);
            (Some(provider), id)
        }
        Err(message) => {
            problem(at("provider"), message);
            (None, String::new())
        }
    };
    let declared = match (&provider, context.providers) {
        (Some(provider), Some(providers)) => {
            let found = providers.iter().find(|p| p.id == *provider);
            if found.is_none() {
                let known: Vec<&str> = providers.iter().map(|p| p.id.as_str()).collect();
                problem(
                    at("provider"),
                    format!(
                        "provider `{provider}` is not declared in content/{PROVIDERS_FILE} \
                         (declared: {})",
                        if known.is_empty() {
                            "none".to_owned()
                        } else {
                            known.join(", ")
                        }
                    ),
                );
            }
            found
        }
        _ => None,
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if declared.is_some() && stem != id {
        problem(
            at("code"),
            format!(
                "the entry of {} {code} must be in a file named `{id}.yaml`, not `{}`",
                raw.provider,
                stem.escape_debug()
            ),
        );
    }
    if raw.replies.is_empty() {
        problem(
            at("replies"),
            "`replies` must quote at least one reply the provider sends".into(),
        );
    }
    for reply in &raw.replies {
        let message = if reply.trim().is_empty() {
            Some("`replies`: a reply is empty".to_owned())
        } else {
            text_value_problem("replies", reply)
        };
        if let Some(message) = message {
            let at = text::locate_text(text, reply.lines().next().unwrap_or_default()).map_or_else(
                || at("replies"),
                |(line, col)| Location::new(path, line, col),
            );
            problem(at, message);
        }
    }
    let known: HashSet<&str> = context.codes.codes.iter().map(|c| c.id.as_str()).collect();
    for standard in &raw.standard {
        let id = standard.0.as_str();
        if !known.contains(id) && !context.codes.unparsed.contains(id) {
            let at = text::locate_text(text, &format!("\"{id}\"")).map_or_else(
                || at("standard"),
                |(line, col)| Location::new(path, line, col),
            );
            problem(
                at,
                format!("`standard` names code {id}, which has no page in content/"),
            );
        }
    }
    if let Some(message) = declared.and_then(|provider| provider_source_problem(provider, &raw)) {
        problem(at("sources"), message);
    }
    problems.extend(sources_problems(path, text, &raw.sources));
    let class = code
        .class()
        .or_else(|| raw.standard.first().map(|c| c.0.class()));
    problems.extend(facts_problems(path, text, &raw.facts, class));
    let prose = RawProse::english([
        &raw.name,
        &raw.summary,
        &raw.action,
        &raw.description,
        &raw.when,
        &raw.fix,
    ]);
    problems.extend(english_prose_problems(path, text, &prose));
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let Some(provider) = provider.filter(|_| declared.is_some()) else {
        return Ok(None);
    };
    Ok(Some(ProviderEntry {
        id,
        provider,
        code,
        replies: raw.replies.iter().map(|r| r.trim().to_owned()).collect(),
        standard: raw.standard.iter().map(|c| c.0.clone()).collect(),
        sources: raw.sources.iter().filter_map(to_source).collect(),
        facts: to_facts(&raw.facts),
        prose: BTreeMap::from([(context.source_locale.to_owned(), prose.into_english())]),
        source: path.to_owned(),
    }))
}

/// What the sources of an entry of `provider` lack: a page of the provider's own with
/// status `provider`; for folklore, a page that shows the code and the standard code it
/// stands for.
fn provider_source_problem(provider: &Provider, raw: &RawEntry) -> Option<String> {
    let sources: Vec<Source> = raw.sources.iter().filter_map(to_source).collect();
    let pages: Vec<(&str, SourceStatus)> = sources
        .iter()
        .filter_map(|s| match &s.cited {
            Cited::Page { url, .. } => Some((url.as_str(), s.status)),
            Cited::Rfc(_) => None,
        })
        .collect();
    if provider.folklore {
        if !pages
            .iter()
            .any(|(_, status)| *status == SourceStatus::Context)
        {
            return Some(
                "nobody defines a folklore code: cite at least one `url` source of status \
                 `context`, a public page that shows or explains it"
                    .into(),
            );
        }
        if raw.standard.is_empty() {
            return Some(
                "a folklore code stands for a standard code: list it in `standard` \
                 (e.g. [\"550\", \"5.7.1\"])"
                    .into(),
            );
        }
        return None;
    }
    let own = pages
        .iter()
        .any(|(url, status)| *status == SourceStatus::Provider && provider.owns_url(url));
    (!own).then(|| {
        format!(
            "cite the provider's own page: at least one `url` source of status `provider` \
             on one of {}'s domains ({})",
            provider.id,
            provider.domains.join(", ")
        )
    })
}

/// A provider entry's translations: `locales/<lang>/providers/<id>.yaml`, the same fields
/// as a code's (its `replies` are never translated).
impl Translated for ProviderEntry {
    type Raw = RawProse;
    const DIR: &'static str = PROVIDERS_DIR;

    fn no_such(stem: &str) -> String {
        format!("translation of `{stem}`, but content/{PROVIDERS_DIR}/ has no such file")
    }

    fn prose_mut(&mut self) -> &mut BTreeMap<String, Prose> {
        &mut self.prose
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_plain_host_names() {
        assert!(is_domain("microsoft.com") && is_domain("mail.yahoo.co.jp"));
        for bad in [
            "com",
            "Microsoft.com",
            "a..b",
            "-a.com",
            "a.com/",
            "",
            "a b.com",
        ] {
            assert!(!is_domain(bad), "{bad} accepted");
        }
    }
}
