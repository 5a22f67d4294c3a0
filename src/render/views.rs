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

/// A source of a code's facts: its link, and what kind of source it is, in words.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub link: Link,
    pub status: String,
    #[serde(skip)]
    pub kind: crate::model::SourceStatus,
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
    /// The class page of RFC 3463 (`5.X.XXX`), when the site has it.
    pub class_href: Option<String>,
    /// Enhanced codes: the subject's name (X.1.X Addressing Status …).
    pub subject_label: Option<String>,
    /// The subject page of RFC 3463 (`X.7.XXX`), when the site has it.
    pub subject_href: Option<String>,
    /// When in the session the code is sent, as a phrase.
    pub stages: String,
    /// Its facts in words, as the cells of a pair page's comparison table.
    pub facts: FactsView,
    pub summary: Html,
    /// The summary as plain text, for meta descriptions.
    pub summary_text: String,
    pub action: Html,
    pub description: Html,
    pub when: Html,
    pub fix: Html,
    pub samples: Vec<String>,
    pub sources: Vec<SourceView>,
    pub related: Vec<CodeListItem>,
    /// Enhanced codes: the basic codes they are sent with; basic codes: the reverse.
    pub companions: Vec<CodeListItem>,
    /// The provider entries whose `standard` lists the code.
    pub providers: Vec<ProviderLink>,
}

/// A link to a provider entry: its provider, code and name, and its summary.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderLink {
    pub provider: Localized,
    /// As the provider writes it: `5.7.606-5.7.649`, `TSS04`.
    pub code: String,
    pub href: String,
    pub name: Localized,
    pub summary: Html,
    /// A code nobody defines, rather than a provider's.
    pub folklore: bool,
}

/// A provider entry's page in one locale.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderEntryView {
    pub provider: Localized,
    pub code: String,
    pub folklore: bool,
    pub name: Localized,
    pub summary: Html,
    pub action: Html,
    pub description: Html,
    pub when: Html,
    pub fix: Html,
    /// The provider's own wording, never translated.
    pub replies: Vec<String>,
    pub facts: FactsView,
    /// A temporary failure: whether a retry helps is shown.
    pub transient: bool,
    /// The standard codes it is sent with, linked to their pages.
    pub standard: Vec<CodeListItem>,
    pub sources: Vec<SourceView>,
}

/// One provider on the providers index.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderSection {
    pub id: String,
    pub name: Localized,
    pub folklore: bool,
    /// "Code pages that cite Microsoft".
    pub cited_heading: String,
    pub entries: Vec<ProviderLink>,
    /// The site's code pages that cite the provider's own pages as provider practice.
    pub cited: Vec<CodeListItem>,
}

/// A class or subject page of RFC 3463 in one locale.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// `5.X.XXX`, `X.7.XXX`.
    pub id: String,
    /// `class` or `subject`.
    pub kind: &'static str,
    pub name: Localized,
    pub summary: Html,
    pub description: Html,
    pub sources: Vec<SourceView>,
    /// "Codes in this class" (or subject).
    pub codes_heading: String,
    /// What the list says when the site has no code of the group.
    pub no_codes: String,
    /// The site's codes of the group, in code order.
    pub codes: Vec<CodeListItem>,
}

/// A code's facts (`model::Facts`) in the words of one locale.
#[derive(Debug, Clone, Serialize)]
pub struct FactsView {
    pub next: String,
    /// "Not applicable" for codes that are not transient failures.
    pub retry: String,
    pub acts: String,
    pub cause: String,
}

/// A hand-written comparison in one locale (Markdown rendered), with its sources.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    pub difference: Html,
    pub tell_apart: Html,
    pub what_to_do: Html,
    /// Each source as written, linked when it names an RFC.
    pub sources: Vec<Source>,
    /// The language the sources are written in, when it is not the page's.
    pub sources_lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub label: String,
    pub href: Option<String>,
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

/// "If you see 251 (User Not Local)" and that code's action, on a pair page without a
/// hand-written comparison: borrowed from the code's labels and view.
#[derive(Debug, Clone, Serialize)]
pub struct WhichItem<'v> {
    pub label: &'v str,
    pub action: &'v Html,
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeGroup {
    pub label: String,
    pub codes: Vec<CodeListItem>,
}

/// One of a code page's "Compare with" lists: its items are `code_compare_item.html`, made
/// once per locale and code and filled in for the page (see `code::compare_item_stencils`).
#[derive(Debug, Clone, Serialize)]
pub struct CompareGroup {
    pub label: String,
    pub count: usize,
    pub items: String,
    /// Shown unfolded.
    pub open: bool,
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
