//! A code's page, and the localized view of a code that every page showing it shares.

use tera::Context;

use super::engine::{Fragment, Renderer, join_list};
use super::localizer::{Arg, Localized, Localizer};
use super::page::TemplatePage;
use super::views::{CodeGroup, CodeListItem, CodeView, FactsView, Html, Link, SourceView};
use crate::error::Result;
use crate::load::Site;
use crate::markdown;
use crate::model::{
    Actor, Cited, Code, CodeId, FactValue, Facts, Family, GroupId, ProseField, RfcRef, Source,
    Stage,
};
use crate::plan::{self, LocalPage, Urls};
use crate::text;

pub(super) fn page(r: &Renderer, locale: usize, index: usize) -> Result<TemplatePage> {
    let data = &r.locales[locale];
    let lang = data.lang.as_str();
    let view = &data.codes[index];
    let code = &r.site.codes[index];
    let title = r.text(
        lang,
        "code-title",
        &[
            ("code", Arg::Text(&view.code)),
            ("name", Arg::Text(&view.name.text)),
        ],
    )?;
    let meta = r.meta(
        locale,
        LocalPage::Code(&code.id),
        title.clone(),
        &view.summary_text,
    );
    let crumbs = r.crumbs(locale, Some(code.id.family()), &title);
    let mut context = r.base_context(locale, meta, crumbs);
    context.insert("code", view);
    context.insert(
        "compare_heading",
        &r.text(lang, "code-compare", &[("code", Arg::Text(&view.code))])?,
    );
    context.insert("compare", &compare_groups(r, locale, index)?);
    Ok(r.template_page(locale, "code.html", context, vec![index])
        .with_fragment(data.tools.own("tools")))
}

/// A code page's links to all its pairs: first the codes it is most often confused with
/// (hand-written comparisons, then its related codes), unfolded; then every other code
/// of its family, grouped by class, with its own class unfolded when there is no first
/// group.
fn compare_groups(r: &Renderer, locale: usize, index: usize) -> Result<Vec<CodeGroup>> {
    let data = &r.locales[locale];
    let me = &r.site.codes[index];
    let item = |i: usize| CodeListItem {
        code: data.codes[i].code.clone(),
        href: r.href(locale, LocalPage::Pair(&me.id, &r.site.codes[i].id)),
        name: data.codes[i].name.clone(),
    };
    let mut first: Vec<usize> = Vec::new();
    let compared = r
        .site
        .comparisons
        .iter()
        .filter_map(|c| match (c.a == index, c.b == index) {
            (true, _) => Some(c.b),
            (_, true) => Some(c.a),
            _ => None,
        });
    let related = me
        .related
        .iter()
        .filter_map(|id| r.site.codes.iter().position(|c| &c.id == id));
    for other in compared.chain(related) {
        if other != index && !first.contains(&other) {
            first.push(other);
        }
    }
    let mut groups: Vec<CodeGroup> = Vec::new();
    if !first.is_empty() {
        groups.push(CodeGroup {
            label: r.text(
                data.lang.as_str(),
                "code-compare-first",
                &[("code", Arg::Text(&data.codes[index].code))],
            )?,
            codes: first.iter().map(|&i| item(i)).collect(),
            open: true,
        });
    }
    let mut last_class = None;
    for (i, other) in r.site.codes.iter().enumerate() {
        if i == index || other.id.family() != me.id.family() {
            continue;
        }
        let view = &data.codes[i];
        if last_class != Some(view.class) {
            groups.push(CodeGroup {
                label: view.class_label.clone(),
                codes: Vec::new(),
                open: first.is_empty() && view.class == me.id.class(),
            });
            last_class = Some(view.class);
        }
        if let Some(group) = groups.last_mut() {
            group.codes.push(item(i));
        }
    }
    Ok(groups)
}

/// A code's localized prose field, falling back to the default locale.
pub(super) fn prose(site: &Site, lang: &str, code: &Code, field: ProseField) -> Localized {
    localized(&site.config.default_locale, lang, |l| {
        code.prose.get(l).and_then(|p| p.get(field))
    })
}

/// The text `get` finds in `lang`, else in the default locale (marked as being in it).
pub(super) fn localized<'a>(
    default: &str,
    lang: &str,
    get: impl Fn(&str) -> Option<&'a str>,
) -> Localized {
    if let Some(text) = get(lang) {
        return Localized::native(text.to_owned());
    }
    Localized {
        text: get(default).unwrap_or_default().to_owned(),
        lang: (lang != default).then(|| default.to_owned()),
    }
}

fn prose_html(site: &Site, lang: &str, code: &Code, field: ProseField, inline: bool) -> Html {
    markdown_html(prose(site, lang, code, field), inline)
}

/// Localized Markdown as HTML (`inline`: one paragraph's content, without the `<p>`),
/// keeping the language it is in.
pub(super) fn markdown_html(text: Localized, inline: bool) -> Html {
    let html = if inline {
        markdown::to_inline_html(&text.text)
    } else {
        markdown::to_html(&text.text)
    };
    Html {
        html,
        lang: text.lang,
    }
}

/// One code's sections in one locale, from `code_sections.html` with the locale's context,
/// as rendered and minified.
pub(super) fn sections(site: &Site, locale_context: &Context, view: &CodeView) -> Result<Fragment> {
    let mut context = locale_context.clone();
    context.insert("code", view);
    Fragment::of_template(site, "code_sections.html", &context)
}

/// `code` as every page of locale `lang` shows it.
pub(super) fn view(
    site: &Site,
    l: &Localizer,
    urls: &Urls,
    lang: &str,
    code: &Code,
) -> Result<CodeView> {
    let family = code.id.family();
    let class = code.id.class();
    let class_id = match family {
        Family::Basic => "class-basic",
        Family::Enhanced => "class-enhanced",
    };
    let class_label = l.text(lang, class_id, &[("class", Arg::Number(class.into()))])?;
    let subject_label = match family {
        Family::Enhanced => Some(l.text(
            lang,
            "subject",
            &[("subject", Arg::Number(code.id.subject().into()))],
        )?),
        Family::Basic => None,
    };
    let stages = stages_phrase(l, lang, &code.stages)?;
    let separator = l.text(lang, "list-separator", &[])?;
    let sources = code
        .sources
        .iter()
        .map(|s| source_view(l, lang, s, &separator))
        .collect::<Result<Vec<_>>>()?;
    let link_to = |id: &CodeId| -> CodeListItem {
        let other = site.codes.iter().find(|c| &c.id == id);
        CodeListItem {
            code: id.to_string(),
            href: urls.href(lang, LocalPage::Code(id)),
            name: other.map_or_else(
                || Localized::native(String::new()),
                |c| prose(site, lang, c, ProseField::Name),
            ),
        }
    };
    let summary = prose(site, lang, code, ProseField::Summary);
    Ok(CodeView {
        code: code.id.to_string(),
        family: family.as_str(),
        href: urls.href(lang, LocalPage::Code(&code.id)),
        name: prose(site, lang, code, ProseField::Name),
        class,
        class_label,
        class_href: group_href(site, urls, lang, GroupId::class_of(&code.id)),
        subject_label,
        subject_href: group_href(site, urls, lang, GroupId::subject_of(&code.id)),
        stages,
        facts: facts_view(l, lang, &code.facts)?,
        summary_text: markdown::to_plain_text(&summary.text),
        summary: prose_html(site, lang, code, ProseField::Summary, true),
        action: prose_html(site, lang, code, ProseField::Action, true),
        description: prose_html(site, lang, code, ProseField::Description, false),
        when: prose_html(site, lang, code, ProseField::When, false),
        fix: prose_html(site, lang, code, ProseField::Fix, false),
        samples: code
            .samples
            .iter()
            .map(|s| s.trim_end().to_owned())
            .collect(),
        sources,
        related: code.related.iter().map(&link_to).collect(),
        companions: code.companions.iter().map(&link_to).collect(),
        providers: site
            .provider_entries
            .iter()
            .filter(|e| e.standard.contains(&code.id))
            .map(|e| super::provider::entry_link(site, l, urls, lang, e))
            .collect::<Result<_>>()?,
    })
}

/// The link to the class or subject page `id` in `lang`, if the site has that page (the
/// plan has a page for each of the site's groups).
fn group_href(site: &Site, urls: &Urls, lang: &str, id: Option<GroupId>) -> Option<String> {
    let id = id.filter(|id| site.group(*id).is_some())?;
    Some(urls.href(lang, LocalPage::Group(id)))
}

/// The cells of a code's (or a provider entry's) facts in a comparison table.
pub(super) fn facts_view(l: &Localizer, lang: &str, facts: &Facts) -> Result<FactsView> {
    let retry = facts.retry_helps.map_or("none", |r| r.as_str());
    let actors = facts
        .acts
        .iter()
        .map(|a| l.text(lang, "fact-actor", &[("actor", Arg::Text(a.as_str()))]))
        .collect::<Result<Vec<_>>>()?;
    let acts = match facts.acts.split_first() {
        Some((Actor::Nobody, rest)) if !rest.is_empty() => {
            let others = join_list(l, lang, "list-or", &actors[1..])?;
            l.text(
                lang,
                "fact-acts-usually-nobody",
                &[("others", Arg::Text(&others))],
            )?
        }
        _ => join_list(l, lang, "list-or", &actors)?,
    };
    let causes = facts
        .cause
        .iter()
        .map(|c| l.text(lang, "fact-cause", &[("cause", Arg::Text(c.as_str()))]))
        .collect::<Result<Vec<_>>>()?;
    let cause = if causes.is_empty() {
        l.text(lang, "fact-no-cause", &[])?
    } else {
        join_list(l, lang, "list-and", &causes)?
    };
    Ok(FactsView {
        next: l.text(
            lang,
            "fact-next",
            &[("next", Arg::Text(facts.next.as_str()))],
        )?,
        retry: l.text(lang, "fact-retry", &[("retry", Arg::Text(retry))])?,
        acts: text::capitalize_first(&acts),
        cause: text::capitalize_first(&cause),
    })
}

/// "as the greeting, in reply to MAIL FROM and RCPT TO or after the message data": the
/// commands are protocol tokens and stay untranslated; the frame is the locale's.
fn stages_phrase(l: &Localizer, lang: &str, stages: &[Stage]) -> Result<String> {
    let commands: Vec<String> = stages
        .iter()
        .filter_map(|s| s.command())
        .map(str::to_owned)
        .collect();
    let mut parts = Vec::new();
    if stages.contains(&Stage::Connect) {
        parts.push(l.text(lang, "stage-connect", &[])?);
    }
    if !commands.is_empty() {
        let list = join_list(l, lang, "list-and", &commands)?;
        parts.push(l.text(lang, "stage-commands", &[("commands", Arg::Text(&list))])?);
    }
    if stages.contains(&Stage::Message) {
        parts.push(l.text(lang, "stage-message", &[])?);
    }
    if stages.contains(&Stage::Any) {
        parts.push(l.text(lang, "stage-any", &[])?);
    }
    join_list(l, lang, "list-or", &parts)
}

pub(super) fn source_view(
    l: &Localizer,
    lang: &str,
    source: &Source,
    separator: &str,
) -> Result<SourceView> {
    let status = format!("source-{}", source.status.as_str());
    let status = l.text(lang, &status, &[])?;
    source_view_with(l, lang, source, separator, status)
}

/// A source's link, with `status` (what it is worth, in words) beside it.
pub(super) fn source_view_with(
    l: &Localizer,
    lang: &str,
    source: &Source,
    separator: &str,
    status: String,
) -> Result<SourceView> {
    let link = match &source.cited {
        Cited::Rfc(rfc) => rfc_link(l, lang, rfc, separator)?,
        Cited::Page { title, url } => Link {
            href: url.clone(),
            label: title.clone(),
        },
    };
    Ok(SourceView {
        link,
        status,
        kind: source.status,
    })
}

fn rfc_link(l: &Localizer, lang: &str, rfc: &RfcRef, separator: &str) -> Result<Link> {
    let number = rfc.number.to_string();
    let first = rfc.sections.first().map(String::as_str);
    let label = match first {
        Some(_) => l.text(
            lang,
            "rfc-section",
            &[
                ("number", Arg::Text(&number)),
                ("sections", Arg::Text(&rfc.sections.join(separator))),
            ],
        )?,
        None => l.text(lang, "rfc", &[("number", Arg::Text(&number))])?,
    };
    Ok(Link {
        href: plan::rfc_url(rfc.number, first),
        label,
    })
}
