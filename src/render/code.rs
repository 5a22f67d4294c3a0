//! A code's page, and the localized view of a code that every page showing it shares.

use rayon::prelude::*;
use tera::Context;

use super::engine::{Fragment, Renderer, join_list};
use super::localizer::{Arg, Localized, Localizer};
use super::page::TemplatePage;
use super::stencil::{self, Stencil};
use super::views::{CodeListItem, CodeView, CompareGroup, FactsView, Html, Link, SourceView};
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
fn compare_groups(r: &Renderer, locale: usize, index: usize) -> Result<Vec<CompareGroup>> {
    let data = &r.locales[locale];
    let me = &r.site.codes[index];
    let group = |label: String, others: &[usize], open: bool| -> Result<CompareGroup> {
        Ok(CompareGroup {
            label,
            count: others.len(),
            items: compare_items(r, locale, index, others)?,
            open,
        })
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
    let mut groups: Vec<CompareGroup> = Vec::new();
    if !first.is_empty() {
        let label = r.text(
            data.lang.as_str(),
            "code-compare-first",
            &[("code", Arg::Text(&data.codes[index].code))],
        )?;
        groups.push(group(label, &first, true)?);
    }
    // The other codes of the family, by class, in the site's order.
    let mut classes: Vec<(&CodeView, Vec<usize>)> = Vec::new();
    for (i, other) in r.site.codes.iter().enumerate() {
        if i == index || other.id.family() != me.id.family() {
            continue;
        }
        let view = &data.codes[i];
        match classes.last_mut() {
            Some((first_of_class, members)) if first_of_class.class == view.class => {
                members.push(i);
            }
            _ => classes.push((view, vec![i])),
        }
    }
    for (first_of_class, members) in classes {
        let open = first.is_empty() && first_of_class.class == me.id.class();
        groups.push(group(first_of_class.class_label.clone(), &members, open)?);
    }
    Ok(groups)
}

/// The template of one item of a code page's "Compare with" lists.
const COMPARE_ITEM: &str = "code_compare_item.html";
/// The slots of an item's stencil: what changes from one code page to the next.
const PAGE_CODE: usize = 0;
const PAIR_HREF: usize = 1;

/// The items of code `index`'s page for the codes `others`, in `locale`: each code's
/// stencil (made once per locale, [`compare_item_stencils`]) filled with the page's code
/// and the pair's link, or, when it has none or pages are rendered whole, the item
/// template rendered by Tera.
fn compare_items(r: &Renderer, locale: usize, index: usize, others: &[usize]) -> Result<String> {
    let data = &r.locales[locale];
    let page_code = data.codes[index].code.as_str();
    let me = &r.site.codes[index].id;
    let mut items = String::with_capacity(160 * others.len());
    for &other in others {
        let href = r.href(locale, LocalPage::Pair(me, &r.site.codes[other].id));
        match data.compare_items.get(other) {
            Some(Some(stencil)) if !r.whole => {
                let mut slots = [""; 2];
                slots[PAGE_CODE] = page_code;
                slots[PAIR_HREF] = &href;
                stencil.fill_into(&mut items, &slots, &[] as &[&str]);
            }
            _ => items.push_str(&render_compare_item(r, locale, other, page_code, href)?.0),
        }
    }
    Ok(items)
}

/// `code_compare_item.html` for code `other` on the page of the code `page_code` (see
/// [`Renderer::render_template`] for the `bool`), without the whitespace around it (the
/// template file's last line break): items follow one another as they are, as the loop
/// that wrote them in `code.html` did.
fn render_compare_item(
    r: &Renderer,
    locale: usize,
    other: usize,
    page_code: &str,
    href: String,
) -> Result<(String, bool)> {
    let data = &r.locales[locale];
    let view = &data.codes[other];
    let mut values = data.context.page_values();
    values.insert("page_code", page_code);
    values.insert(
        "c",
        &CodeListItem {
            code: view.code.clone(),
            href,
            name: view.name.clone(),
        },
    );
    let (html, minified) = r.render_in_locale(locale, COMPARE_ITEM, &values, None)?;
    // HTML's whitespace between elements, not Unicode's (a no-break space is text).
    let item = html.trim_matches(|c: char| c.is_ascii_whitespace());
    Ok((item.to_owned(), minified))
}

/// Each code's item in the "Compare with" lists of `locale`, as a stencil with the page's
/// code and the pair's link as slots ([`Stencil::made`]). An item is `None` when its
/// stencil cannot be made (a Tera error included: the page that renders the item reports
/// it), and all are when the template looks at what its strings say (see
/// [`stencil::usable`]); then Tera renders the item on every page that lists the code.
pub(super) fn compare_item_stencils(r: &Renderer, locale: usize) -> Vec<Option<Stencil>> {
    let codes = 0..r.site.codes.len();
    if !stencil::usable(&r.site.templates, COMPARE_ITEM) {
        return codes.map(|_| None).collect();
    }
    codes
        .into_par_iter()
        .map(|other| compare_item_stencil(r, locale, other))
        .collect()
}

fn compare_item_stencil(r: &Renderer, locale: usize, other: usize) -> Option<Stencil> {
    Stencil::made(2, |variant| {
        let page_code = stencil::sentinel(PAGE_CODE, variant);
        let href = stencil::sentinel(PAIR_HREF, variant);
        render_compare_item(r, locale, other, &page_code, href).ok()
    })
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
