//! The pages that list or lead to others: the root (choose a language), each locale's
//! home, the translation-status page and the 404 page.

use serde::Serialize;

use super::engine::{Renderer, ui_text};
use super::lookup;
use super::page::TemplatePage;
use super::views::{CodeGroup, CodeListItem, Link};
use crate::error::Result;
use crate::load::translations::Coverage;
use crate::model::Family;
use crate::plan::LocalPage;

pub(super) fn code_index(r: &Renderer, locale: usize) -> Vec<(Family, Vec<CodeGroup>)> {
    let data = &r.locales[locale];
    let mut families: Vec<(Family, Vec<CodeGroup>)> = Vec::new();
    for (code, view) in r.site.codes.iter().zip(&data.codes) {
        let family = code.id.family();
        if families.last().is_none_or(|(f, _)| *f != family) {
            families.push((family, Vec::new()));
        }
        let Some((_, groups)) = families.last_mut() else {
            continue;
        };
        if groups.last().is_none_or(|g| g.label != view.class_label) {
            groups.push(CodeGroup {
                label: view.class_label.clone(),
                codes: Vec::new(),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.codes.push(CodeListItem {
                code: view.code.clone(),
                href: view.href.clone(),
                name: view.name.clone(),
            });
        }
    }
    families
}

pub(super) fn home(r: &Renderer, locale: usize) -> Result<TemplatePage> {
    let data = &r.locales[locale];
    let title = ui_text(&data.ui, "home_title");
    let description = ui_text(&data.ui, "home_description");
    let meta = r.meta(locale, LocalPage::Home, title, &description);
    let crumbs = Vec::new();
    let mut context = r.base_context(locale, meta, crumbs);
    #[derive(serde::Serialize)]
    struct FamilySection {
        id: &'static str,
        label: String,
        groups: Vec<CodeGroup>,
    }
    let families: Vec<FamilySection> = code_index(r, locale)
        .into_iter()
        .map(|(family, groups)| FamilySection {
            id: family.as_str(),
            label: ui_text(&data.ui, &format!("family_{}", family.as_str())),
            groups,
        })
        .collect();
    context.insert("families", &families);
    context.insert("groups", &group_links(r, locale));
    let providers = !r.site.provider_entries.is_empty();
    context.insert(
        "providers_href",
        &providers.then(|| r.href(locale, LocalPage::Providers)),
    );
    Ok(r.template_page(locale, "home.html", context, Vec::new()))
}

/// The class and subject pages of RFC 3463 that the site has, for the home page.
fn group_links(r: &Renderer, locale: usize) -> Vec<CodeListItem> {
    let lang = r.locales[locale].lang.as_str();
    let default = &r.site.config.default_locale;
    r.site
        .groups
        .iter()
        .map(|group| CodeListItem {
            code: group.id.name(),
            href: r.href(locale, LocalPage::Group(group.id)),
            name: super::code::localized(default, lang, |l| {
                group.prose.get(l).and_then(|p| p.name.as_deref())
            }),
        })
        .collect()
}

/// The translation-status page: every locale's coverage, drafts included (this is
/// where a translator previews progress), each row linking to that locale's home.
pub(super) fn translations(r: &Renderer, locale: usize) -> Result<TemplatePage> {
    let data = &r.locales[locale];
    let title = ui_text(&data.ui, "translations_title");
    let description = ui_text(&data.ui, "translations_intro");
    let meta = r.meta(locale, LocalPage::Translations, title.clone(), &description);
    let crumbs = r.crumbs(locale, None, &title);
    let mut context = r.base_context(locale, meta, crumbs);
    #[derive(serde::Serialize)]
    struct Row<'a> {
        coverage: &'a Coverage,
        percent: usize,
        href: String,
    }
    let rows: Vec<Row> = r
        .site
        .translations
        .coverage
        .iter()
        .map(|c| Row {
            coverage: c,
            percent: c.percent(),
            href: r.plan.urls.href(&c.locale, LocalPage::Home),
        })
        .collect();
    context.insert("rows", &rows);
    Ok(r.template_page(locale, "translations.html", context, Vec::new()))
}

/// The 404 page's message and jump box in one language (`404_body.html`). GitHub Pages
/// serves one 404.html for every path, so the page carries each published language's
/// version; static/lookup.js shows the one of the path's first segment, and English
/// stays without a script.
#[derive(Serialize)]
struct NotFoundBody {
    lang: String,
    title: String,
    html: String,
    /// The jump box's words and index in this language: the page has one jump box (ids
    /// are unique), which the script relabels.
    jump_label: String,
    jump_button: String,
    jump_hint: String,
    code_index: String,
}

fn not_found_bodies(r: &Renderer) -> Result<Vec<NotFoundBody>> {
    r.site
        .config
        .locales
        .iter()
        .zip(&r.locales)
        .filter(|(l, _)| !l.draft)
        .map(|(l, data)| {
            Ok(NotFoundBody {
                lang: l.code.clone(),
                title: ui_text(&data.ui, "notfound_title"),
                html: r
                    .render_template("404_body.html", data.context.context())?
                    .0,
                jump_label: ui_text(&data.ui, "jump_label"),
                jump_button: ui_text(&data.ui, "jump_button"),
                jump_hint: ui_text(&data.ui, "jump_hint"),
                code_index: r.plan.urls.code_index_href(&l.code),
            })
        })
        .collect()
}

/// One language on the root page, in that language.
#[derive(Serialize)]
struct RootChoice {
    lang: String,
    name: String,
    href: String,
    site_name: String,
    tagline: String,
}

pub(super) fn root(r: &Renderer) -> Result<TemplatePage> {
    let data = &r.locales[0];
    let config = &r.site.config;
    let title = ui_text(&data.ui, "root_title");
    let mut meta = r.meta(
        0,
        LocalPage::Home,
        title,
        &ui_text(&data.ui, "site_tagline"),
    );
    meta.canonical = r.plan.urls.root_absolute();
    let mut context = r.base_context(0, meta, Vec::new());
    // Each language offers itself in its own words: its name, the site's name and tagline.
    let choices: Vec<RootChoice> = config
        .locales
        .iter()
        .zip(&r.locales)
        .filter(|(l, _)| !l.draft)
        .map(|(l, data)| RootChoice {
            lang: l.code.clone(),
            name: l.name.clone(),
            href: r.plan.urls.href(&l.code, LocalPage::Home),
            site_name: ui_text(&data.ui, "site_name"),
            tagline: ui_text(&data.ui, "site_tagline"),
        })
        .collect();
    context.insert("choices", &choices);
    Ok(r.template_page(0, "root.html", context, Vec::new()))
}

pub(super) fn not_found(r: &Renderer) -> Result<TemplatePage> {
    let data = &r.locales[0];
    let title = ui_text(&data.ui, "notfound_title");
    let mut meta = r.meta(
        0,
        LocalPage::Home,
        title,
        &ui_text(&data.ui, "notfound_text"),
    );
    meta.alternates.clear();
    let mut context = r.base_context(0, meta, Vec::new());
    let homes: Vec<Link> = r
        .site
        .config
        .locales
        .iter()
        .filter(|l| !l.draft)
        .map(|l| Link {
            href: r.plan.urls.href(&l.code, LocalPage::Home),
            label: l.name.clone(),
        })
        .collect();
    context.insert("homes", &homes);
    context.insert("families", &lookup::code_families(r, 0));
    context.insert("bodies", &not_found_bodies(r)?);
    Ok(r.template_page(0, "404.html", context, Vec::new()))
}
