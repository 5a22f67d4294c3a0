//! A class or subject page of RFC 3463 (`/{lang}/5.X.XXX/`, `/{lang}/X.7.XXX/`): what the
//! group means, its sources, and the site's codes in it.

use super::code::{self, localized, markdown_html};
use super::engine::Renderer;
use super::localizer::{Arg, Localized};
use super::page::TemplatePage;
use super::views::{CodeListItem, GroupView, SourceView};
use crate::error::Result;
use crate::markdown;
use crate::model::{FactValue, Family, Group};
use crate::plan::LocalPage;

pub(super) fn page(r: &Renderer, locale: usize, index: usize) -> Result<TemplatePage> {
    let data = &r.locales[locale];
    let lang = data.lang.as_str();
    let group = &r.site.groups[index];
    let id = group.id.name();
    let name = field(r, lang, group, "name");
    let summary = field(r, lang, group, "summary");
    let title = r.text(
        lang,
        "group-title",
        &[("group", Arg::Text(&id)), ("name", Arg::Text(&name.text))],
    )?;
    let meta = r.meta(
        locale,
        LocalPage::Group(group.id),
        title,
        &markdown::to_plain_text(&summary.text),
    );
    let heading = format!("{id} {}", name.text);
    let crumbs = r.crumbs(locale, Some(Family::Enhanced), &heading);
    let mut context = r.base_context(locale, meta, crumbs);
    let kind = Arg::Text(group.id.kind().as_str());
    let separator = r.text(lang, "list-separator", &[])?;
    let sources = group
        .sources
        .iter()
        .map(|source| {
            let status = r.text(
                lang,
                "group-source",
                &[
                    ("status", Arg::Text(source.status.as_str())),
                    ("kind", kind),
                ],
            )?;
            code::source_view_with(&r.localizer, lang, source, &separator, status)
        })
        .collect::<Result<Vec<SourceView>>>()?;
    let codes: Vec<CodeListItem> = r
        .site
        .codes
        .iter()
        .zip(&data.codes)
        .filter(|(c, _)| group.id.contains(&c.id))
        .map(|(_, view)| CodeListItem {
            code: view.code.clone(),
            href: view.href.clone(),
            name: view.name.clone(),
        })
        .collect();
    let view = GroupView {
        id,
        kind: group.id.kind().as_str(),
        name,
        summary: markdown_html(summary, true),
        description: markdown_html(field(r, lang, group, "description"), false),
        sources,
        codes_heading: r.text(lang, "group-codes", &[("kind", kind)])?,
        no_codes: r.text(lang, "group-no-codes", &[("kind", kind)])?,
        codes,
    };
    context.insert("group", &view);
    Ok(r.template_page(locale, "group.html", context, Vec::new())
        .with_fragment(data.tools.own("tools")))
}

/// A group's prose field in `lang`, falling back to the default locale.
fn field(r: &Renderer, lang: &str, group: &Group, name: &str) -> Localized {
    localized(&r.site.config.default_locale, lang, |l| {
        group.prose.get(l).and_then(|p| p.get(name))
    })
}
