//! What templates see: plain, already-localized, already-sanitized values. Templates never
//! see the model, so a template cannot print unescaped content by accident: the only
//! strings meant for `| safe` are the `html` fields, produced by `render::markdown`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::localizer::Localized;

/// Rendered Markdown and the language it is in when that differs from the page's.
#[derive(Debug, Clone, Serialize)]
pub struct Html {
    pub html: String,
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// One code, localized for one locale: computed once per (code, locale), shared by every
/// page that shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CodeView {
    pub code: String,
    pub family: &'static str,
    pub href: String,
    pub name: Localized,
    pub class: u16,
    pub class_label: String,
    /// Enhanced codes: the subject's name (X.1.X Addressing Status …).
    pub subject_label: Option<String>,
    /// Basic codes: when in the session they are sent, as a phrase.
    pub stages: Option<String>,
    pub outcome: String,
    pub summary: Html,
    /// The summary as plain text, for meta descriptions.
    pub summary_text: String,
    pub action: Html,
    pub description: Html,
    pub when: Html,
    pub fix: Html,
    pub samples: Vec<String>,
    pub rfcs: Vec<Link>,
    /// RFC names as a phrase ("RFC 5321, section 4.2.3").
    pub rfcs_text: String,
    pub related: Vec<CodeListItem>,
    /// Enhanced codes: the basic codes they are sent with; basic codes: the reverse.
    pub companions: Vec<CodeListItem>,
}

/// What a pair page's summary list shows of each code.
#[derive(Debug, Serialize)]
pub struct CodeGist<'a> {
    pub code: &'a str,
    pub summary: &'a Html,
}

/// Fields every page has.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub x_default: String,
    /// Kept out of search engines: pages of a draft locale (built for preview), and pair
    /// pages with nothing specific to say (see `plan::is_indexed_pair`).
    pub noindex: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    pub name: String,
    pub href: String,
    pub absolute: String,
    pub current: bool,
}

/// The interface strings of one locale, keyed by message id with `-` turned into `_` so
/// templates can write `t.heading_description.text`.
pub type UiStrings = BTreeMap<String, Localized>;

#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WhichItem {
    pub label: String,
    pub action: Html,
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeGroup {
    pub label: String,
    pub codes: Vec<CodeListItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeListItem {
    pub code: String,
    pub href: String,
    pub name: Localized,
}

/// One family's codes grouped by class, for the code lists of the home and 404 pages.
#[derive(Debug, Clone, Serialize)]
pub struct CodeFamily {
    pub id: &'static str,
    pub label: String,
    pub groups: Vec<CodeGroup>,
}
