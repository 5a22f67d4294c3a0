//! The reader's lookup tools: the bounce decoder page, the per-locale JSON index of codes
//! that the decoder and the jump box (`static/lookup.js`) read, and the code lists the 404
//! page offers. Everything the script shows comes from the index, already localized:
//! for each code its meaning, its facts as the code page words them (what happens to the
//! mail, whether a retry helps, who acts) and its action.

use std::collections::BTreeMap;

use serde::Serialize;

use super::code::{self, prose};
use super::engine::{Renderer, ui_text};
use super::index::code_index;
use super::localizer::Arg;
use super::page::{KeyedContext, TemplatePage};
use super::provider;
use super::views::CodeFamily;
use crate::error::{RenderError, Result};
use crate::markdown;
use crate::model::{FactValue, Family, NextStep, ProseField, ProviderCode, RetryHelps};
use crate::plan::LocalPage;

/// `/{lang}/codes.json`. Short keys are not worth it: the file is fetched once, on demand.
#[derive(Serialize)]
struct CodeIndex<'a> {
    lang: &'a str,
    /// The pair page of two codes of the same family: `{a}` is the one listed first in
    /// `codes` (the list is in the site's code order, as pair URLs are).
    pair: String,
    codes: Vec<IndexEntry<'a>>,
    /// The provider entries: codes that providers define (or word their own way), shown
    /// beside the standard codes found, marked as provider practice.
    providers: Vec<ProviderIndexEntry<'a>>,
    /// family → first digit → class label, to describe codes the site has no page for.
    classes: BTreeMap<&'static str, BTreeMap<String, String>>,
    /// Subject (middle number) of an enhanced code → its label; `other` for the rest.
    subjects: BTreeMap<String, String>,
    /// The class and subject pages of RFC 3463 that the site has (`5.X.XXX` →
    /// `/en/5.X.XXX/`, `X.7.XXX` → …), and only those: the decoder links a class or
    /// subject line to its page once the page exists.
    pages: BTreeMap<String, String>,
    /// A code's `next` and `retry` values (model::NextStep, model::RetryHelps) → the
    /// words a code page's facts use for them.
    facts: FactLabels,
    /// How many distinct codes the decoder lists at most; it says so when there are more.
    max: u32,
    /// Sentences the script shows; `{code}`, `{class}`, `{query}`, `{a}`, `{b}` are filled
    /// in by the script.
    text: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct FactLabels {
    next: BTreeMap<&'static str, String>,
    retry: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    code: &'a str,
    family: &'static str,
    name: &'a str,
    summary: &'a str,
    url: &'a str,
    /// Set when the name or summary fell back to another language.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    /// What happens to the mail: a key of the index's `facts.next`.
    next: &'static str,
    /// Transient replies (class 4) only, as on the code page: a key of `facts.retry`.
    #[serde(skip_serializing_if = "Option::is_none")]
    retry: Option<&'static str>,
    /// Who has to act, in the words of the code page.
    acts: &'a str,
    /// What to do: the code's `action`, as plain text.
    action: String,
    /// Set when the action fell back to another language.
    #[serde(rename = "actionLang", skip_serializing_if = "Option::is_none")]
    action_lang: Option<String>,
}

/// Static interface strings the script needs, by message id in the index's `text`.
const SCRIPT_STRINGS: [(&str, &str); 11] = [
    ("practice", "practice_marker"),
    ("folklore", "folklore_marker"),
    ("none", "decoder_none"),
    ("results", "decoder_results"),
    ("compare", "decoder_compare"),
    ("class", "code_class"),
    ("subject", "code_subject"),
    ("next", "row_next"),
    ("retry", "row_retry"),
    ("acts", "row_acts"),
    ("action", "heading_what_to_do"),
];

/// At most this many distinct codes are described: a real bounce has a handful, and a
/// paste of megabytes of numbers must not become thousands of list items.
const MAX_RESULTS: u32 = 50;

/// The class pages (`2.X.XXX` …) and subject pages (`X.0.XXX` … `X.7.XXX`) of RFC 3463
/// that the site has (the plan has a page for each) in `locale`, by name.
fn class_and_subject_pages(r: &Renderer, locale: usize) -> BTreeMap<String, String> {
    r.site
        .groups
        .iter()
        .map(|group| (group.id.name(), r.href(locale, LocalPage::Group(group.id))))
        .collect()
}

/// A provider entry in codes.json: how the decoder recognizes it, and what it shows.
#[derive(Serialize)]
struct ProviderIndexEntry<'a> {
    id: &'a str,
    /// `exact` (the code as found), `range` (an enhanced code from `low` to `high`) or
    /// `token` (the code as a whole word).
    #[serde(rename = "match")]
    rule: &'static str,
    /// As the provider writes it: `4.7.650`, `5.7.606-5.7.649`, `TSS04`.
    code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    low: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    high: Option<&'a str>,
    /// The provider's name.
    provider: String,
    #[serde(rename = "providerLang", skip_serializing_if = "Option::is_none")]
    provider_lang: Option<String>,
    /// A code nobody defines (folklore), rather than a provider's.
    folklore: bool,
    name: String,
    summary: String,
    url: String,
    /// Set when the name or summary fell back to another language.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    next: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry: Option<&'static str>,
    acts: String,
    action: String,
    #[serde(rename = "actionLang", skip_serializing_if = "Option::is_none")]
    action_lang: Option<String>,
    /// The standard codes it is sent with or stands for.
    standard: Vec<&'a str>,
    /// Words (lower case) that show a reply comes from the provider: an entry for a code
    /// the site has its own page for is shown only when the pasted text holds one.
    marks: Vec<String>,
}

/// The provider entries of the site, in `locale`, as codes.json lists them.
fn provider_entries<'a>(r: &'a Renderer, locale: usize) -> Result<Vec<ProviderIndexEntry<'a>>> {
    let lang = r.locales[locale].lang.as_str();
    let default = &r.site.config.default_locale;
    r.site
        .provider_entries
        .iter()
        .map(|entry| {
            let link = provider::entry_link(r.site, &r.localizer, &r.plan.urls, lang, entry)?;
            let (low, high) = match &entry.code {
                ProviderCode::Range(low, high) => (Some(low.as_str()), Some(high.as_str())),
                _ => (None, None),
            };
            let action = provider::prose(default, lang, entry, ProseField::Action);
            let summary = provider::prose(default, lang, entry, ProseField::Summary);
            let facts = code::facts_view(&r.localizer, lang, &entry.facts)?;
            Ok(ProviderIndexEntry {
                id: &entry.id,
                rule: entry.code.kind(),
                code: link.code,
                low,
                high,
                provider: link.provider.text,
                provider_lang: link.provider.lang,
                folklore: link.folklore,
                summary: markdown::to_plain_text(&summary.text),
                lang: link.name.lang.clone().or(summary.lang),
                name: link.name.text,
                url: link.href,
                next: entry.facts.next.as_str(),
                retry: (entry.class() == Some(4))
                    .then(|| entry.facts.retry_helps.map_or("none", |r| r.as_str())),
                acts: facts.acts,
                action: markdown::to_plain_text(&action.text),
                action_lang: action.lang,
                standard: entry.standard.iter().map(|c| c.as_str()).collect(),
                marks: r
                    .site
                    .provider(&entry.provider)
                    .map(|p| p.reply_marks())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// URLs the lookup widgets and the structured data need, on every page.
pub(super) fn insert_urls(r: &Renderer, context: &mut KeyedContext, locale: usize) {
    let urls = &r.plan.urls;
    let lang = r.locales[locale].lang.as_str();
    context.insert("code_index_href", &urls.code_index_href(lang));
    context.insert("decoder_href", &urls.href(lang, LocalPage::Decoder));
    context.insert("code_list_href", &urls.family_href(lang, Family::Basic));
    context.insert("lookup_script_href", &urls.lookup_script_href());
}

/// `/{lang}/decoder/`: the decoder, and how to read a reply for readers without JS.
pub(super) fn decoder(r: &Renderer, locale: usize) -> Result<TemplatePage> {
    let data = &r.locales[locale];
    let title = ui_text(&data.ui, "decoder_title");
    let description = ui_text(&data.ui, "decoder_description");
    let meta = r.meta(locale, LocalPage::Decoder, title, &description);
    let crumbs = r.crumbs(locale, None, &ui_text(&data.ui, "decoder_heading"));
    let context = r.base_context(locale, meta, crumbs);
    Ok(r.template_page(locale, "decoder.html", context, Vec::new()))
}

/// The locale's codes grouped by family, then class, with the families' labels.
pub(super) fn code_families(r: &Renderer, locale: usize) -> Vec<CodeFamily> {
    let ui = &r.locales[locale].ui;
    code_index(r, locale)
        .into_iter()
        .map(|(family, groups)| CodeFamily {
            id: family.as_str(),
            label: ui_text(ui, &format!("family_{}", family.as_str())),
            groups,
        })
        .collect()
}

/// `/{lang}/codes.json`: every code with its name, class, summary and URL, plus the
/// words the script needs to describe what it found.
pub(super) fn code_index_json(r: &Renderer, locale: usize) -> Result<String> {
    let data = &r.locales[locale];
    let lang = data.lang.as_str();
    let codes = data
        .codes
        .iter()
        .zip(&r.site.codes)
        .map(|(view, code)| {
            let action = prose(r.site, lang, code, ProseField::Action);
            IndexEntry {
                code: &view.code,
                family: view.family,
                name: &view.name.text,
                summary: &view.summary_text,
                url: &view.href,
                lang: view.name.lang.as_deref().or(view.summary.lang.as_deref()),
                next: code.facts.next.as_str(),
                retry: (code.id.class() == 4)
                    .then(|| code.facts.retry_helps.map_or("none", |r| r.as_str())),
                acts: &view.facts.acts,
                action: markdown::to_plain_text(&action.text),
                action_lang: action.lang,
            }
        })
        .collect();
    let mut classes = BTreeMap::new();
    for (family, id, digits) in [
        (Family::Basic, "class-basic", &[2u32, 3, 4, 5][..]),
        (Family::Enhanced, "class-enhanced", &[2, 4, 5][..]),
    ] {
        let mut labels = BTreeMap::new();
        for &digit in digits {
            let label = r.text(lang, id, &[("class", Arg::Number(digit))])?;
            labels.insert(digit.to_string(), label);
        }
        classes.insert(family.as_str(), labels);
    }
    let mut subjects = BTreeMap::new();
    for subject in 0..=8u32 {
        let key = if subject == 8 {
            "other".to_owned()
        } else {
            subject.to_string()
        };
        let label = r.text(lang, "subject", &[("subject", Arg::Number(subject))])?;
        subjects.insert(key, label);
    }
    let mut next = BTreeMap::new();
    for value in NextStep::ALL {
        let label = r.text(lang, "fact-next", &[("next", Arg::Text(value.as_str()))])?;
        next.insert(value.as_str(), label);
    }
    let mut retry = BTreeMap::new();
    for value in RetryHelps::ALL.iter().map(|v| v.as_str()).chain(["none"]) {
        let label = r.text(lang, "fact-retry", &[("retry", Arg::Text(value))])?;
        retry.insert(value, label);
    }
    let mut text: BTreeMap<&'static str, String> = SCRIPT_STRINGS
        .iter()
        .map(|(key, id)| (*key, ui_text(&data.ui, id)))
        .collect();
    for (key, id, name) in [
        ("unknown", "decoder-unknown", "code"),
        ("unknownClass", "decoder-unknown-class", "class"),
        ("jumpNone", "jump-none", "query"),
    ] {
        let placeholder = format!("{{{name}}}");
        text.insert(key, r.text(lang, id, &[(name, Arg::Text(&placeholder))])?);
    }
    text.insert(
        "pair",
        r.text(
            lang,
            "learn-pair",
            &[("a", Arg::Text("{a}")), ("b", Arg::Text("{b}"))],
        )?,
    );
    text.insert(
        "more",
        r.text(lang, "decoder-more", &[("shown", Arg::Number(MAX_RESULTS))])?,
    );
    let index = CodeIndex {
        lang,
        pair: r.plan.urls.pair_href_template(lang),
        codes,
        providers: provider_entries(r, locale)?,
        classes,
        subjects,
        pages: class_and_subject_pages(r, locale),
        facts: FactLabels { next, retry },
        max: MAX_RESULTS,
        text,
    };
    serde_json::to_string(&index).map_err(|source| {
        RenderError::Json {
            url: r.plan.urls.code_index_href(lang),
            source,
        }
        .into()
    })
}
