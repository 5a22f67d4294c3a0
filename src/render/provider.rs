//! The provider family's pages: an entry's page (`/{lang}/providers/{id}/`), what a
//! provider sends that no standard defines (or words its own way), marked as provider
//! practice; and the index of the providers (`/{lang}/providers/`), each with its entries
//! and the site's code pages that cite its pages.

use super::code::{self, localized, markdown_html};
use super::engine::Renderer;
use super::localizer::{Arg, Localized, Localizer};
use super::page::TemplatePage;
use super::views::{CodeListItem, ProviderEntryView, ProviderLink, ProviderSection};
use crate::error::Result;
use crate::load::Site;
use crate::markdown;
use crate::model::{Cited, ProseField, Provider, ProviderEntry, SourceStatus};
use crate::plan::{LocalPage, Urls};

/// An entry's page.
pub(super) fn page(r: &Renderer, locale: usize, index: usize) -> Result<TemplatePage> {
    let data = &r.locales[locale];
    let lang = data.lang.as_str();
    let entry = &r.site.provider_entries[index];
    let provider = provider_name(&r.localizer, lang, entry)?;
    let name = field(r, lang, entry, ProseField::Name);
    let summary = field(r, lang, entry, ProseField::Summary);
    let code = entry.code.text();
    let folklore = is_folklore(r.site, entry);
    // "Codes nobody defines 571" reads wrong: a folklore code is named on its own.
    let title_message = if folklore {
        "folklore-entry-title"
    } else {
        "practice-entry-title"
    };
    let title = r.text(
        lang,
        title_message,
        &[
            ("provider", Arg::Text(&provider.text)),
            ("code", Arg::Text(&code)),
            ("name", Arg::Text(&name.text)),
        ],
    )?;
    let meta = r.meta(
        locale,
        LocalPage::Provider(&entry.id),
        title,
        &markdown::to_plain_text(&summary.text),
    );
    let heading = if folklore {
        code.clone()
    } else {
        format!("{} {code}", provider.text)
    };
    let crumbs = r.crumbs_via(locale, Some(index_crumb(r, locale)), &heading);
    let mut context = r.base_context(locale, meta, crumbs);
    let separator = r.text(lang, "list-separator", &[])?;
    let sources = entry
        .sources
        .iter()
        .map(|s| code::source_view(&r.localizer, lang, s, &separator))
        .collect::<Result<Vec<_>>>()?;
    let standard = entry
        .standard
        .iter()
        .filter_map(|id| {
            let i = r.site.codes.iter().position(|c| &c.id == id)?;
            let view = &data.codes[i];
            Some(CodeListItem {
                code: view.code.clone(),
                href: view.href.clone(),
                name: view.name.clone(),
            })
        })
        .collect();
    let view = ProviderEntryView {
        provider,
        code,
        folklore,
        name,
        summary: markdown_html(summary, true),
        action: markdown_html(field(r, lang, entry, ProseField::Action), true),
        description: markdown_html(field(r, lang, entry, ProseField::Description), false),
        when: markdown_html(field(r, lang, entry, ProseField::When), false),
        fix: markdown_html(field(r, lang, entry, ProseField::Fix), false),
        replies: entry.replies.clone(),
        facts: code::facts_view(&r.localizer, lang, &entry.facts)?,
        transient: entry.class() == Some(4),
        standard,
        sources,
    };
    context.insert("entry", &view);
    Ok(
        r.template_page(locale, "provider.html", context, Vec::new())
            .with_fragment(data.tools.own("tools")),
    )
}

/// The providers index: each provider with its entries, then the code pages that cite it.
pub(super) fn index(r: &Renderer, locale: usize) -> Result<TemplatePage> {
    let data = &r.locales[locale];
    let lang = data.lang.as_str();
    let title = super::engine::ui_text(&data.ui, "providers_title");
    let description = super::engine::ui_text(&data.ui, "providers_intro");
    let meta = r.meta(locale, LocalPage::Providers, title.clone(), &description);
    let crumbs = r.crumbs(locale, None, &title);
    let mut context = r.base_context(locale, meta, crumbs);
    let mut sections = Vec::new();
    for provider in &r.site.providers {
        let entries: Vec<ProviderLink> = r
            .site
            .provider_entries
            .iter()
            .filter(|e| e.provider == provider.id)
            .map(|e| entry_link(r.site, &r.localizer, &r.plan.urls, lang, e))
            .collect::<Result<_>>()?;
        let cited: Vec<CodeListItem> = r
            .site
            .codes
            .iter()
            .zip(&data.codes)
            .filter(|(c, _)| cites(provider, &c.sources))
            .map(|(_, view)| CodeListItem {
                code: view.code.clone(),
                href: view.href.clone(),
                name: view.name.clone(),
            })
            .collect();
        if entries.is_empty() && cited.is_empty() {
            continue;
        }
        let name = r.localizer.format(lang, &provider.id.message_id(), &[])?;
        sections.push(ProviderSection {
            id: provider.id.to_string(),
            cited_heading: r.text(
                lang,
                "providers-cited",
                &[("provider", Arg::Text(&name.text))],
            )?,
            name,
            folklore: provider.folklore,
            entries,
            cited,
        });
    }
    context.insert("providers", &sections);
    Ok(r.template_page(locale, "providers.html", context, Vec::new()))
}

/// Whether `sources` cite a page of `provider`'s own as provider practice.
fn cites(provider: &Provider, sources: &[crate::model::Source]) -> bool {
    sources.iter().any(|s| match &s.cited {
        Cited::Page { url, .. } => s.status == SourceStatus::Provider && provider.owns_url(url),
        Cited::Rfc(_) => false,
    })
}

/// A link to an entry in `lang`: its provider, code and name, and its summary.
pub(super) fn entry_link(
    site: &Site,
    l: &Localizer,
    urls: &Urls,
    lang: &str,
    entry: &ProviderEntry,
) -> Result<ProviderLink> {
    let default = &site.config.default_locale;
    Ok(ProviderLink {
        provider: provider_name(l, lang, entry)?,
        code: entry.code.text(),
        href: urls.href(lang, LocalPage::Provider(&entry.id)),
        name: prose(default, lang, entry, ProseField::Name),
        summary: markdown_html(prose(default, lang, entry, ProseField::Summary), true),
        folklore: is_folklore(site, entry),
    })
}

/// Whether `entry` is a code nobody defines (its provider is `folklore: true`).
fn is_folklore(site: &Site, entry: &ProviderEntry) -> bool {
    site.provider(&entry.provider).is_some_and(|p| p.folklore)
}

/// The breadcrumb of the providers index.
fn index_crumb(r: &Renderer, locale: usize) -> (String, String) {
    let data = &r.locales[locale];
    (
        super::engine::ui_text(&data.ui, "providers_heading"),
        r.href(locale, LocalPage::Providers),
    )
}

/// The provider's name (`provider-<id>`) in `lang`, or in English, marked so.
pub(super) fn provider_name(l: &Localizer, lang: &str, entry: &ProviderEntry) -> Result<Localized> {
    l.format(lang, &entry.provider.message_id(), &[])
}

/// An entry's prose field in `lang`, falling back to the default locale.
pub(super) fn prose(
    default: &str,
    lang: &str,
    entry: &ProviderEntry,
    name: ProseField,
) -> Localized {
    localized(default, lang, |l| {
        entry.prose.get(l).and_then(|p| p.get(name))
    })
}

fn field(r: &Renderer, lang: &str, entry: &ProviderEntry, name: ProseField) -> Localized {
    prose(&r.site.config.default_locale, lang, entry, name)
}
