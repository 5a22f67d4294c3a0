//! The engine: Tera and Fluent, the per-locale context every page starts from, and the
//! steps every template page goes through (context → key → render). The files beside it
//! each assemble one kind of page with it.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use tera::Context;

use super::Rendered;
use super::localizer::{self, Arg, Localizer};
use super::page::{KeyedContext, OwnFragment, Prepared, TemplatePage};
use super::pair::{PairLabels, TableLabels};
use super::stencil::{self, Stencil, Stencils};
use super::tape::Tape;
use super::views::{Alternate, CodeView, Crumb, PageMeta, UiStrings};
use super::{code, group, index, lookup, pair, provider, sitemap};
use crate::error::{RenderError, Result};
use crate::hash::Fnv;
use crate::load::{Site, StaticFile, StaticSource};
use crate::lock::lock;
use crate::minify::{self, AssetKind};
use crate::model::Family;
use crate::plan::{LocalPage, PageKind, Plan, Route};

/// Longest meta description; search engines cut around here.
const DESCRIPTION_CHARS: usize = 160;

/// The engine every page is rendered with: the site, its plan, Tera and Fluent, and what
/// each locale and each code look like in it, computed once.
pub struct Renderer<'s> {
    pub(super) site: &'s Site,
    pub(super) plan: &'s Plan,
    pub(super) localizer: Localizer<'s>,
    pub(super) locales: Vec<LocaleData>,
    /// Render pages from the templates as written, code sections and all, and leave each
    /// whole page to the minifier (to check the default against), instead of rendering
    /// them from the minified templates and splicing in the pre-minified fragments.
    pub(super) whole: bool,
    /// The part of every page's key that is not the page's: see [`TemplatePage::key`].
    pub(super) key: u64,
    /// Pages of a shape seen before, rendered without Tera (`stencil.rs`).
    stencils: Stencils,
}

/// Everything about one locale that does not depend on the page.
pub(super) struct LocaleData {
    pub(super) lang: String,
    pub(super) ui: UiStrings,
    pub(super) codes: Vec<CodeView>,
    /// Each code's sections (description, when, samples, fix), as on its code page and
    /// all its pair pages: rendered by `code_sections.html` once per locale.
    pub(super) sections: Vec<Fragment>,
    /// Each code's labels on pair pages, formatted once per locale instead of on each of
    /// its pairs.
    pub(super) labels: Vec<PairLabels>,
    /// The comparison table's words, escaped and minified once.
    pub(super) table_labels: TableLabels,
    /// The jump box and decoder link closing code and pair pages (`tools.html`).
    pub(super) tools: Fragment,
    /// The locale's part of every `TechArticle` (JSON-LD), written once (`seo.rs`).
    pub(super) website_ld: String,
    /// Each code's item in the "Compare with" lists of code pages, as a stencil
    /// (`code::compare_item_stencils`; `None`: rendered by Tera on each page).
    pub(super) compare_items: Vec<Option<Stencil>>,
    /// Whether `sections`, `labels`, `table_labels`, `tools` and `compare_items` are made (see
    /// [`Renderer::for_locales`]).
    shared: bool,
    /// The locale's part of every page's context, serialized once.
    pub(super) context: KeyedContext,
    /// Copies of `context` that pages borrow: a page adds its values to one, renders, and
    /// takes them out again. Cloning the locale's context (mostly its ~100 interface
    /// strings) for each page, and dropping the clone, cost about 10% of a pair page's
    /// Tera step (`examples/page_costs`: 66.6 µs before, 58 – 61 µs after).
    pub(super) spare_contexts: Mutex<Vec<Context>>,
}

/// A piece of page rendered once and shown on many pages.
#[derive(Default)]
pub(super) struct Fragment {
    pub(super) html: String,
    pub(super) minified: String,
    /// A hash of `minified`, for the keys of the pages that show it.
    pub(super) key: u64,
}

impl Fragment {
    /// `template` rendered with `context` and minified.
    pub(super) fn of_template(site: &Site, template: &str, context: &Context) -> Result<Fragment> {
        let html = site.templates.render(template, context)?;
        let minified = String::from_utf8_lossy(&minify::minify(&html)).into_owned();
        let mut key = Fnv::wide();
        key.write_str(&minified);
        Ok(Fragment {
            html,
            minified,
            key: key.finish(),
        })
    }

    /// A copy for one page, shown by its template as `{{ name | safe }}`; its key is
    /// the one computed when it was rendered.
    pub(super) fn own(&self, name: &'static str) -> OwnFragment {
        OwnFragment {
            name,
            html: self.html.clone(),
            minified: self.minified.clone(),
            key: self.key,
        }
    }
}

impl<'s> Renderer<'s> {
    /// The engine for every page of the plan. The per-code work (views, sections,
    /// labels) runs on every core.
    pub fn new(site: &'s Site, plan: &'s Plan) -> Result<Self> {
        Renderer::for_locales(site, plan, &vec![true; site.config.locales.len()])
    }

    /// The engine for the pages a build renders: the pieces that only code, pair, group and
    /// provider entry pages show (each code's sections, pair labels and "Compare with"
    /// item, the table's words, the jump box)
    /// are made for the locales that `shared` marks (see [`shared_locale`]), and a page
    /// of another locale that needs them is an error. A rebuild that reuses every such page
    /// of a locale skips most of its set-up.
    pub fn for_locales(site: &'s Site, plan: &'s Plan, shared: &[bool]) -> Result<Self> {
        let localizer = Localizer::new(&site.locales);
        let mut locales = Vec::new();
        for locale in &site.config.locales {
            let lang = locale.code.clone();
            let ui = localizer.static_messages(&lang)?;
            let codes: Vec<CodeView> = site
                .codes
                .par_iter()
                .map(|code| code::view(site, &localizer, &plan.urls, &lang, code))
                .collect::<Result<_>>()?;
            locales.push(LocaleData {
                lang,
                ui,
                codes,
                sections: Vec::new(),
                labels: Vec::new(),
                table_labels: TableLabels::default(),
                tools: Fragment::default(),
                compare_items: Vec::new(),
                website_ld: String::new(),
                shared: false,
                context: KeyedContext::new(),
                spare_contexts: Mutex::new(Vec::new()),
            });
        }
        let mut renderer = Renderer {
            site,
            plan,
            localizer,
            locales,
            whole: false,
            key: renderer_key(site),
            // Pair pages: ~95% of a site, in ~100 shapes.
            stencils: Stencils::new(&site.templates, &["pair.html"]),
        };
        for locale in 0..renderer.locales.len() {
            renderer.locales[locale].context = renderer.locale_context(locale);
            let data = &renderer.locales[locale];
            let website_ld = renderer.website_ld(&data.lang, &ui_text(&data.ui, "site_name"));
            renderer.locales[locale].website_ld = website_ld;
            if !shared.get(locale).copied().unwrap_or(true) {
                continue;
            }
            let data = &renderer.locales[locale];
            let sections = data
                .codes
                .par_iter()
                .map(|view| code::sections(site, data.context.context(), view))
                .collect::<Result<_>>()?;
            renderer.locales[locale].sections = sections;
            let labels = (0..site.codes.len())
                .into_par_iter()
                .map(|code| pair::labels(&renderer, locale, code))
                .collect::<Result<_>>()?;
            renderer.locales[locale].labels = labels;
            let compare_items = code::compare_item_stencils(&renderer, locale);
            renderer.locales[locale].compare_items = compare_items;
            let data = &renderer.locales[locale];
            let table_labels = TableLabels::new(&data.ui);
            let tools = Fragment::of_template(site, "tools.html", data.context.context())?;
            renderer.locales[locale].table_labels = table_labels;
            renderer.locales[locale].tools = tools;
            renderer.locales[locale].shared = true;
        }
        Ok(renderer)
    }

    /// Renders every page as one piece from the templates as written, minified whole by
    /// the write stage: slower, and the same page as the default (tests/splice.rs).
    pub fn whole_pages(mut self) -> Self {
        self.whole = true;
        self
    }

    /// Renders one page of the plan.
    pub fn render(&self, page: &Route) -> Result<Rendered<'_>> {
        match self.prepare(page)? {
            Prepared::Template(page) => self.finish(page),
            Prepared::Ready(rendered) => Ok(rendered),
        }
    }

    /// Everything up to rendering a template: a text or a copy is produced at once, a
    /// template page gets its context and key (rendering it is [`Renderer::finish`]).
    pub fn prepare(&self, page: &Route) -> Result<Prepared<'_>> {
        if let Some(locale) = shared_locale(&page.kind)
            && !self.locales[locale].shared
        {
            return Err(RenderError::NotSetUp {
                output: page.output.clone(),
            }
            .into());
        }
        let template = match page.kind {
            PageKind::Root => index::root(self),
            PageKind::NotFound => index::not_found(self),
            PageKind::Home { locale } => index::home(self, locale),
            PageKind::Translations { locale } => index::translations(self, locale),
            PageKind::Code { locale, code } => code::page(self, locale, code),
            PageKind::Pair { locale, a, b } => pair::page(self, locale, a, b),
            PageKind::Group { locale, group } => group::page(self, locale, group),
            PageKind::Provider { locale, entry } => provider::page(self, locale, entry),
            PageKind::ProviderIndex { locale } => provider::index(self, locale),
            PageKind::Decoder { locale } => lookup::decoder(self, locale),
            PageKind::Sitemap => return Ok(Prepared::Ready(Rendered::Text(sitemap::main(self)))),
            PageKind::SitemapPart { part } => {
                return Ok(Prepared::Ready(Rendered::Text(sitemap::part(self, part))));
            }
            PageKind::Robots => {
                return Ok(Prepared::Ready(Rendered::Text(format!(
                    "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                    self.plan.urls.sitemap_absolute()
                ))));
            }
            PageKind::NoJekyll => return Ok(Prepared::Ready(Rendered::Text(String::new()))),
            PageKind::Cname => {
                return Ok(Prepared::Ready(Rendered::Text(format!(
                    "{}\n",
                    self.site.config.cname.as_deref().unwrap_or_default()
                ))));
            }
            PageKind::Static { index } => {
                return static_file(&self.site.static_files[index]).map(Prepared::Ready);
            }
            PageKind::CodeIndex { locale } => {
                return lookup::code_index_json(self, locale)
                    .map(|json| Prepared::Ready(Rendered::Text(json)));
            }
        };
        template.map(Prepared::Template)
    }

    /// Renders a prepared template page from the minified templates. Its fragments (code
    /// sections, table, tools) are minified already: the template gets placeholders that
    /// the write stage replaces with them (or the stencil does, as it is filled).
    pub fn finish(&self, page: TemplatePage) -> Result<Rendered<'_>> {
        let shared: Vec<&Fragment> = page
            .sections
            .iter()
            .map(|&i| &self.locales[page.locale].sections[i])
            .collect();
        let mut values = page.context;
        let mut fragments: Vec<Cow<'_, str>> = Vec::new();
        if self.whole {
            let html: Vec<&str> = shared.iter().map(|f| f.html.as_str()).collect();
            values.insert("sections", &html);
            for own in &page.own_fragments {
                values.insert(own.name, &own.html);
            }
        } else {
            let placeholders: Vec<Cow<'_, str>> =
                (0..shared.len()).map(minify::placeholder_str).collect();
            values.insert("sections", &placeholders);
            fragments.extend(shared.iter().map(|f| Cow::Borrowed(f.minified.as_str())));
            for own in page.own_fragments {
                values.insert(own.name, &minify::placeholder_str(fragments.len()));
                fragments.push(Cow::Owned(own.minified));
            }
        }
        let (html, minified) = if self.stencils.serve(page.template) && !self.whole {
            self.render_stencilled(page.locale, page.template, &values, &mut fragments)?
        } else {
            self.render_in_locale(page.locale, page.template, &values, None)?
        };
        Ok(Rendered::Page {
            html,
            fragments,
            minify: !minified,
        })
    }

    /// Renders `template` with `context`: from the minified templates (`true`), or as
    /// written when they are not minified or pages are rendered whole (`false`).
    pub(super) fn render_template(
        &self,
        template: &str,
        context: &Context,
    ) -> Result<(String, bool)> {
        let templates = &self.site.templates;
        if self.whole {
            templates
                .render(template, context)
                .map(|html| (html, false))
        } else {
            templates.render_minified(template, context)
        }
    }

    /// Renders `template` with the locale's context plus a page's `values` (see
    /// [`Renderer::render_template`] for the `bool`), each slot string replaced by
    /// `sentinel` of its number when one is given (to cut a stencil). The locale's context
    /// is borrowed from its spares and given back as it was: each page value is taken out
    /// again, and a locale value that a page value hid is put back. After a failed render
    /// the borrowed context is dropped.
    pub(super) fn render_in_locale(
        &self,
        locale: usize,
        template: &str,
        values: &Tape,
        sentinel: Option<&dyn Fn(usize) -> String>,
    ) -> Result<(String, bool)> {
        let data = &self.locales[locale];
        let spare = lock(&data.spare_contexts).pop();
        let mut context = spare.unwrap_or_else(|| data.context.context().clone());
        let names: Vec<&str> = values.names().collect();
        let hidden: Vec<(&str, tera::Value)> = names
            .iter()
            .filter_map(|&name| context.remove(name).map(|value| (name, value)))
            .collect();
        // `to_value` gives an object, which is what `from_value` takes.
        context.extend(Context::from_value(values.to_value(sentinel)).unwrap_or_default());
        let rendered = self.render_template(template, &context)?;
        for name in &names {
            context.remove(name);
        }
        for (name, value) in hidden {
            context.insert(name, &value);
        }
        lock(&data.spare_contexts).push(context);
        Ok(rendered)
    }

    /// Renders a page as [`Renderer::render_in_locale`] does, from the stencil of its shape
    /// when there is one (`stencil.rs`). The first page of a shape is rendered by Tera, and
    /// gives the shape its stencil if the stencil gives back that page. A page filled from
    /// a stencil of the minified templates has its `fragments` spliced in already, and
    /// they are taken out of the list.
    fn render_stencilled(
        &self,
        locale: usize,
        template: &'static str,
        values: &Tape,
        fragments: &mut Vec<Cow<'_, str>>,
    ) -> Result<(String, bool)> {
        let mut seed = Fnv::new();
        seed.write_u64(locale as u64);
        seed.write_str(template);
        let shape = values.shape(seed.finish());
        let slots = values.slots();
        let known = self.stencils.get(shape);
        if let Some(Some(stencil)) = &known {
            if !stencil.minified {
                // Minified whole by the write stage, which splices the fragments after.
                return Ok((stencil.fill(&slots), false));
            }
            let page = stencil.fill_spliced(&slots, fragments);
            fragments.clear();
            return Ok((page, true));
        }
        let made = match known {
            Some(_) => None,
            None => Some(self.make_stencil(locale, template, values)),
        };
        let rendered = self.render_in_locale(locale, template, values, None)?;
        if let Some(made) = made {
            let checked = made.filter(|s| s.minified == rendered.1 && s.fill(&slots) == rendered.0);
            self.stencils.put(shape, checked.map(Arc::new));
        }
        Ok(rendered)
    }

    /// The stencil of the shape of `values`, if Tera renders it with sentinels in a way
    /// that can be cut and filled in again: filled with a second set of sentinels, it must
    /// give Tera's output for those.
    fn make_stencil(&self, locale: usize, template: &str, values: &Tape) -> Option<Stencil> {
        Stencil::made(values.slot_count(), |variant| {
            let sentinel = move |n: usize| stencil::sentinel(n, variant);
            self.render_in_locale(locale, template, values, Some(&sentinel))
                .ok()
        })
    }

    /// A template page of `locale` with its key: the renderer's part, the page's template
    /// and context, and the contents of the sections it shows.
    pub(super) fn template_page(
        &self,
        locale: usize,
        template: &'static str,
        context: Tape,
        sections: Vec<usize>,
    ) -> TemplatePage {
        let mut key = context.key();
        key.write_u64(self.key);
        key.write_str(template);
        for &code in &sections {
            key.write_u64(self.locales[locale].sections[code].key);
        }
        TemplatePage {
            locale,
            template,
            context,
            sections,
            own_fragments: Vec::new(),
            key: key.finish(),
        }
    }

    pub(super) fn text(&self, lang: &str, id: &str, args: &localizer::Args) -> Result<String> {
        self.localizer.text(lang, id, args)
    }

    /// A link to `page` in the language of `locale`.
    pub(super) fn href(&self, locale: usize, page: LocalPage) -> String {
        self.plan.urls.href(&self.locales[locale].lang, page)
    }

    /// Context every page template gets: language, strings, metadata, breadcrumb. The
    /// per-locale part is serialized once (`LocaleData::context`) and added when the page
    /// is rendered ([`Renderer::finish`]).
    pub(super) fn base_context(&self, locale: usize, meta: PageMeta, crumbs: Vec<Crumb>) -> Tape {
        let mut context = self.locales[locale].context.page_values();
        context.insert("page", &meta);
        context.insert("crumbs", &crumbs);
        self.seo_context(&mut context, locale, &meta, &crumbs);
        context
    }

    /// The part of every page's context that depends only on the locale.
    fn locale_context(&self, locale: usize) -> KeyedContext {
        let data = &self.locales[locale];
        let mut context = KeyedContext::new();
        context.insert("lang", &data.lang);
        context.insert("t", &data.ui);
        context.insert("base_path", &self.site.config.base_path);
        context.insert("home_href", &self.href(locale, LocalPage::Home));
        lookup::insert_urls(self, &mut context, locale);
        self.og_context(&mut context);
        context
    }

    /// Title, description and the same page in every locale.
    pub(super) fn meta(
        &self,
        locale: usize,
        page: LocalPage,
        title: String,
        description: &str,
    ) -> PageMeta {
        let config = &self.site.config;
        let urls = &self.plan.urls;
        let alternates: Vec<Alternate> = config
            .locales
            .iter()
            .enumerate()
            // A draft locale is reachable only from its own pages, for preview.
            .filter(|(i, l)| !l.draft || *i == locale)
            .map(|(i, l)| Alternate {
                lang: l.code.clone(),
                name: l.name.clone(),
                href: urls.href(&l.code, page),
                absolute: urls.absolute(&l.code, page),
                current: i == locale,
            })
            .collect();
        PageMeta {
            title,
            description: truncate(description, DESCRIPTION_CHARS),
            canonical: urls.absolute(&config.locales[locale].code, page),
            x_default: urls.absolute(&config.default_locale, page),
            noindex: config.locales[locale].draft,
            alternates,
        }
    }

    pub(super) fn crumbs(
        &self,
        locale: usize,
        family: Option<Family>,
        current: &str,
    ) -> Vec<Crumb> {
        let data = &self.locales[locale];
        let via = family.map(|family| {
            let key = format!("family_{}_short", family.as_str());
            (
                ui_text(&data.ui, &key),
                self.plan.urls.family_href(&data.lang, family),
            )
        });
        self.crumbs_via(locale, via, current)
    }

    /// Home, then the page `via` (label, href) if given, then `current`.
    pub(super) fn crumbs_via(
        &self,
        locale: usize,
        via: Option<(String, String)>,
        current: &str,
    ) -> Vec<Crumb> {
        let data = &self.locales[locale];
        let mut crumbs = vec![Crumb {
            label: ui_text(&data.ui, "site_name"),
            href: Some(self.href(locale, LocalPage::Home)),
        }];
        if let Some((label, href)) = via {
            crumbs.push(Crumb {
                label,
                href: Some(href),
            });
        }
        crumbs.push(Crumb {
            label: current.to_owned(),
            href: None,
        });
        crumbs
    }
}

/// The locale whose shared pieces (see [`Renderer::for_locales`]) a page of `kind` shows.
pub fn shared_locale(kind: &PageKind) -> Option<usize> {
    match *kind {
        PageKind::Code { locale, .. }
        | PageKind::Pair { locale, .. }
        | PageKind::Group { locale, .. }
        | PageKind::Provider { locale, .. } => Some(locale),
        _ => None,
    }
}

/// A file of static/: stylesheets and scripts minified (they count in every page's
/// weight), anything else copied as it is.
fn static_file(file: &StaticFile) -> Result<Rendered<'_>> {
    let kind = match file.path.rsplit('.').next() {
        Some("css") => AssetKind::Style,
        Some("js") => AssetKind::Script,
        _ => return Ok(Rendered::Copy(&file.source)),
    };
    let text = match &file.source {
        StaticSource::Embedded(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        StaticSource::File(path) => crate::error::fs::read_to_string(path)?,
    };
    Ok(Rendered::Text(minify::asset(&text, kind)))
}

pub(super) fn ui_text(ui: &UiStrings, key: &str) -> String {
    ui.get(key).map(|l| l.text.clone()).unwrap_or_default()
}

/// Cuts `text` to at most `max` characters at a word boundary, marking the cut with `…`.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_space = cut.rfind(' ').filter(|&i| i > max / 2);
    let kept = at_space.map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", kept.trim_end_matches([',', ';', ':', ' ']))
}

/// The part of every page's key that is the same for all pages: this generator and the
/// templates. A template that reads the clock, a random number or the environment renders
/// differently with the same context, so then the key changes with every build.
fn renderer_key(site: &Site) -> u64 {
    let mut key = Fnv::new();
    key.write_str(&crate::hash::generator_id());
    key.write_u64(site.templates.hash());
    if site.templates.reads_outside_context() {
        key.write_str(&format!(
            "{:?} {}",
            std::time::SystemTime::now(),
            std::process::id()
        ));
    }
    key.finish()
}

/// "A", "A or B", "A, B or C" (or with "and": `id` is `list-or` or `list-and`) in the
/// locale's words.
pub(super) fn join_list(l: &Localizer, lang: &str, id: &str, items: &[String]) -> Result<String> {
    match items {
        [] => Ok(String::new()),
        [one] => Ok(one.clone()),
        [head @ .., last] => {
            let separator = l.text(lang, "list-separator", &[])?;
            l.text(
                lang,
                id,
                &[
                    ("head", Arg::Text(&head.join(&separator))),
                    ("last", Arg::Text(last)),
                ],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_keeps_whole_words_and_characters() {
        assert_eq!(truncate("short", 160), "short");
        let long = "word ".repeat(50);
        let cut = truncate(&long, 30);
        assert!(cut.chars().count() <= 30, "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
        let ja = "説明".repeat(100);
        assert_eq!(truncate(&ja, 10).chars().count(), 10);
    }
}
