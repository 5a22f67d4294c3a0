//! Stage 3: pages → HTML. Per-locale and per-code values are computed once in
//! [`Renderer::new`]; [`Renderer::prepare`] then only assembles one page's context (and
//! its key, see [`page`]), and [`Renderer::finish`] renders it.

pub mod localizer;
mod lookup;
pub mod markdown;
mod page;
mod seo;
mod sitemap;
pub mod views;

pub use page::{Prepared, TemplatePage};
pub use sitemap::sitemap_parts;

use std::sync::Mutex;

use tera::Context;

use crate::error::Result;
use crate::fingerprint::Fnv;
use crate::load::{Site, StaticSource};
use crate::lock;
use crate::minify;
use crate::model::{Code, CodeId, Family, ProseField, Stage};
use crate::plan::{self, Page, PageKind};
use localizer::{Arg, Localized};
use page::KeyedContext;
use views::{
    Alternate, CodeGroup, CodeListItem, CodeView, Crumb, Html, Link, PageMeta, UiStrings, WhichItem,
};

/// Longest meta description; search engines cut around here.
const DESCRIPTION_CHARS: usize = 160;
/// How many neighbouring pairs a pair page links to.
const LEARN_MORE_PAIRS: usize = 8;
/// How many companion codes a "key differences" sentence names; the code page lists all.
const MAX_COMPANIONS_IN_SENTENCE: usize = 4;

/// A page's bytes before writing: HTML is minified by the write stage, the rest is not.
pub enum Rendered<'a> {
    Html(String),
    /// HTML whose template output holds [`minify::placeholder`]s for fragments that are
    /// minified already: the write stage minifies the rest and splices them in.
    Spliced {
        shell: String,
        fragments: Vec<&'a str>,
    },
    Text(String),
    Copy(&'a StaticSource),
}

pub struct Renderer<'s> {
    site: &'s Site,
    locales: Vec<LocaleData>,
    coverage: &'s [crate::check::Coverage],
    /// Splice pre-minified code sections into pages (the default), or put their template
    /// output in place and leave the whole page to the minifier (to check the two agree).
    splice: bool,
    /// The part of every page's key that is not the page's: see [`TemplatePage::key`].
    key: u64,
}

/// Everything about one locale that does not depend on the page.
struct LocaleData {
    lang: String,
    ui: UiStrings,
    codes: Vec<CodeView>,
    /// Each code's sections (description, when, samples, fix), as on its code page and
    /// all its pair pages: rendered by `code_sections.html` once per locale.
    sections: Vec<Fragment>,
    /// Each code's labels on pair pages, formatted once per locale instead of on each of
    /// its pairs.
    labels: Vec<PairLabels>,
    /// The locale's part of every page's context, serialized once.
    context: KeyedContext,
    /// Copies of `context` that pages borrow: a page adds its values to one, renders, and
    /// takes them out again. Cloning the locale's context (mostly its ~100 interface
    /// strings) for each page, and dropping the clone, cost about 10% of a pair page's
    /// Tera step (`examples/page_costs`: 66.6 µs before, 58 – 61 µs after).
    spare_contexts: Mutex<Vec<Context>>,
}

/// What a pair page says about one of its two codes, apart from the code's own view.
struct PairLabels {
    /// "Everything about 251 User Not Local", to the code's page.
    page: Link,
    /// "If you see 251 (User Not Local):", before the code's action.
    which: String,
    /// Each RFC the code cites, with its "Read RFC 5321" link.
    rfcs: Vec<(u32, Link)>,
    /// The pairs of this code with each code it lists as related: the other code, and the
    /// "250 vs 251" link to the pair.
    neighbours: Vec<(CodeId, Link)>,
}

/// A piece of page rendered once and shown on many pages.
struct Fragment {
    html: String,
    minified: String,
    /// A hash of `minified`, for the keys of the pages that show it.
    key: u64,
}

impl<'s> Renderer<'s> {
    pub fn new(site: &'s Site, coverage: &'s [crate::check::Coverage]) -> Result<Self> {
        let mut locales = Vec::new();
        for locale in &site.config.locales {
            let lang = locale.code.clone();
            let ui = site.localizer.static_messages(&lang)?;
            let codes: Vec<CodeView> = site
                .codes
                .iter()
                .map(|code| code_view(site, &lang, code))
                .collect::<Result<_>>()?;
            locales.push(LocaleData {
                lang,
                ui,
                codes,
                sections: Vec::new(),
                labels: Vec::new(),
                context: KeyedContext::new(),
                spare_contexts: Mutex::new(Vec::new()),
            });
        }
        let mut renderer = Renderer {
            site,
            locales,
            coverage,
            splice: true,
            key: renderer_key(site),
        };
        for locale in 0..renderer.locales.len() {
            renderer.locales[locale].context = renderer.locale_context(locale);
            let data = &renderer.locales[locale];
            let sections = data
                .codes
                .iter()
                .map(|view| code_sections(site, data.context.context(), view))
                .collect::<Result<_>>()?;
            renderer.locales[locale].sections = sections;
            let labels = (0..site.codes.len())
                .map(|code| renderer.pair_labels(locale, code))
                .collect::<Result<_>>()?;
            renderer.locales[locale].labels = labels;
        }
        Ok(renderer)
    }

    /// Renders every page as one piece, minified whole by the write stage: slower, and
    /// byte-for-byte the same as the default (tests/splice.rs).
    pub fn whole_pages(mut self) -> Self {
        self.splice = false;
        self
    }

    /// Renders one page of the plan.
    pub fn render(&self, page: &Page) -> Result<Rendered<'_>> {
        match self.prepare(page)? {
            Prepared::Template(page) => self.finish(page),
            Prepared::Ready(rendered) => Ok(rendered),
        }
    }

    /// Everything up to rendering a template: a text or a copy is produced at once, a
    /// template page gets its context and key (rendering it is [`Renderer::finish`]).
    pub fn prepare(&self, page: &Page) -> Result<Prepared<'_>> {
        let template = match page.kind {
            PageKind::Root => self.root(),
            PageKind::NotFound => self.not_found(),
            PageKind::Home { locale } => self.home(locale),
            PageKind::Translations { locale } => self.translations(locale),
            PageKind::Code { locale, code } => self.code(locale, code),
            PageKind::Pair { locale, a, b } => self.pair(locale, a, b),
            PageKind::Decoder { locale } => self.decoder(locale),
            PageKind::Sitemap => return Ok(Prepared::Ready(Rendered::Text(self.sitemap()))),
            PageKind::SitemapPart { part } => {
                return Ok(Prepared::Ready(Rendered::Text(self.sitemap_part(part))));
            }
            PageKind::Robots => {
                return Ok(Prepared::Ready(Rendered::Text(format!(
                    "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
                    self.site.config.base_url
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
                let source = &self.site.static_files[index].source;
                return Ok(Prepared::Ready(Rendered::Copy(source)));
            }
            PageKind::CodeIndex { locale } => {
                return self
                    .code_index_json(locale)
                    .map(|json| Prepared::Ready(Rendered::Text(json)));
            }
        };
        template.map(Prepared::Template)
    }

    /// Renders a prepared template page. Its code sections are rendered and minified
    /// already: the template gets placeholders that the write stage replaces with them.
    pub fn finish(&self, page: TemplatePage) -> Result<Rendered<'_>> {
        let fragments: Vec<&Fragment> = page
            .sections
            .iter()
            .map(|&i| &self.locales[page.locale].sections[i])
            .collect();
        let splice = !fragments.is_empty() && self.splice;
        let mut extra = Context::new();
        if splice {
            let placeholders: Vec<String> = (0..fragments.len()).map(minify::placeholder).collect();
            extra.insert("sections", &placeholders);
        } else {
            let html: Vec<&str> = fragments.iter().map(|f| f.html.as_str()).collect();
            extra.insert("sections", &html);
        }
        let (values, mut names) = page.context.into_parts();
        names.push("sections");
        let html = self.render_in_locale(page.locale, page.template, values, extra, &names)?;
        Ok(if splice {
            Rendered::Spliced {
                shell: html,
                fragments: fragments.iter().map(|f| f.minified.as_str()).collect(),
            }
        } else {
            Rendered::Html(html)
        })
    }

    /// Renders `template` with the locale's context plus a page's `values` and `extra`,
    /// whose names are `names`. The locale's context is borrowed from its spares and given
    /// back as it was: each page value is taken out again, and a locale value that a page
    /// value hid is put back. After a failed render the borrowed context is dropped.
    fn render_in_locale(
        &self,
        locale: usize,
        template: &str,
        values: Context,
        extra: Context,
        names: &[&'static str],
    ) -> Result<String> {
        let data = &self.locales[locale];
        let spare = lock(&data.spare_contexts).pop();
        let mut context = spare.unwrap_or_else(|| data.context.context().clone());
        let hidden: Vec<(&str, tera::Value)> = names
            .iter()
            .filter_map(|&name| context.remove(name).map(|value| (name, value)))
            .collect();
        context.extend(values);
        context.extend(extra);
        let html = self.site.templates.render(template, &context)?;
        for name in names {
            context.remove(name);
        }
        for (name, value) in hidden {
            context.insert(name, &value);
        }
        lock(&data.spare_contexts).push(context);
        Ok(html)
    }

    /// A template page of `locale` with its key: the renderer's part, the page's template
    /// and context, and the contents of the sections it shows.
    fn template_page(
        &self,
        locale: usize,
        template: &'static str,
        context: KeyedContext,
        sections: Vec<usize>,
    ) -> TemplatePage {
        let mut key = context.hash();
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
            key: key.finish(),
        }
    }

    fn text(&self, lang: &str, id: &str, args: &localizer::Args) -> Result<String> {
        self.site.localizer.text(lang, id, args)
    }

    fn href(&self, url: &str) -> String {
        format!("{}{url}", self.site.config.base_path)
    }

    /// Context every page template gets: language, strings, metadata, breadcrumb. The
    /// per-locale part is serialized once (`LocaleData::context`) and added when the page
    /// is rendered ([`Renderer::finish`]).
    fn base_context(&self, locale: usize, meta: PageMeta, crumbs: Vec<Crumb>) -> KeyedContext {
        let mut context = KeyedContext::continuing(&self.locales[locale].context);
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
        context.insert("home_href", &self.href(&plan::home_url(&data.lang)));
        self.lookup_context(&mut context, locale);
        self.og_context(&mut context);
        context
    }

    /// Title, description and the same page in every locale; `rest` is the URL after
    /// `/{lang}` (e.g. `/251/`).
    fn meta(&self, locale: usize, rest: &str, title: String, description: &str) -> PageMeta {
        let config = &self.site.config;
        let alternates: Vec<Alternate> = config
            .locales
            .iter()
            .enumerate()
            // A draft locale is reachable only from its own pages, for preview.
            .filter(|(i, l)| !l.draft || *i == locale)
            .map(|(i, l)| {
                let url = format!("/{}{rest}", l.code);
                Alternate {
                    lang: l.code.clone(),
                    name: l.name.clone(),
                    href: self.href(&url),
                    absolute: format!("{}{url}", config.base_url),
                    current: i == locale,
                }
            })
            .collect();
        let own = format!("{}/{}{rest}", config.base_url, config.locales[locale].code);
        PageMeta {
            title,
            description: truncate(description, DESCRIPTION_CHARS),
            canonical: own,
            x_default: format!("{}/{}{rest}", config.base_url, config.default_locale),
            noindex: config.locales[locale].draft,
            alternates,
        }
    }

    fn crumbs(&self, locale: usize, family: Option<Family>, current: &str) -> Vec<Crumb> {
        let data = &self.locales[locale];
        let home = plan::home_url(&data.lang);
        let mut crumbs = vec![Crumb {
            label: ui_text(&data.ui, "site_name"),
            href: Some(self.href(&home)),
        }];
        if let Some(family) = family {
            let key = format!("family_{}_short", family.as_str());
            crumbs.push(Crumb {
                label: ui_text(&data.ui, &key),
                href: Some(self.href(&format!("{home}#{}", family.as_str()))),
            });
        }
        crumbs.push(Crumb {
            label: current.to_owned(),
            href: None,
        });
        crumbs
    }

    fn pair(&self, locale: usize, ai: usize, bi: usize) -> Result<TemplatePage> {
        let data = &self.locales[locale];
        let lang = data.lang.as_str();
        let (a, b) = (&data.codes[ai], &data.codes[bi]);
        let title = self.text(
            lang,
            "pair-title",
            &[
                ("a", Arg::Text(&a.code)),
                ("a-name", Arg::Text(&a.name.text)),
                ("b", Arg::Text(&b.code)),
                ("b-name", Arg::Text(&b.name.text)),
            ],
        )?;
        let description = self.text(
            lang,
            "pair-description",
            &[
                ("a", Arg::Text(&a.code)),
                ("a-name", Arg::Text(&a.name.text)),
                ("b", Arg::Text(&b.code)),
                ("b-name", Arg::Text(&b.name.text)),
            ],
        )?;
        let rest = format!("/{}-vs-{}/", a.code, b.code);
        let meta = self.meta(locale, &rest, title.clone(), &description);
        let family = self.site.codes[ai].id.family();
        let mut context =
            self.base_context(locale, meta, self.crumbs(locale, Some(family), &title));
        let same_class = if a.class == b.class { "yes" } else { "no" };
        let lead = self.text(
            lang,
            "pair-lead",
            &[
                ("same", Arg::Text(same_class)),
                ("a", Arg::Text(&a.code)),
                ("a-class", Arg::Text(&a.class_label)),
                ("b", Arg::Text(&b.code)),
                ("b-class", Arg::Text(&b.class_label)),
            ],
        )?;
        context.insert("lead", &lead);
        // Only what the summary list shows: the sections come pre-rendered.
        let gist = [a, b].map(|c| views::CodeGist {
            code: &c.code,
            summary: &c.summary,
        });
        context.insert("codes", &gist);
        context.insert("differences", &self.differences(lang, a, b)?);
        let which: Vec<WhichItem> = [(ai, a), (bi, b)]
            .into_iter()
            .map(|(i, c)| WhichItem {
                label: data.labels[i].which.clone(),
                action: c.action.clone(),
            })
            .collect();
        context.insert("which", &which);
        context.insert("learn_more", &self.learn_more(locale, ai, bi));
        Ok(self.template_page(locale, "pair.html", context, vec![ai, bi]))
    }

    /// The numbered "key differences": only facts the lead and sections do not already
    /// state (the seed pages repeated the lead here).
    fn differences(&self, lang: &str, a: &CodeView, b: &CodeView) -> Result<Vec<String>> {
        let mut out = Vec::new();
        if a.class != b.class {
            out.push(self.text(
                lang,
                "diff-outcome",
                &[
                    ("a", Arg::Text(&a.code)),
                    ("a-outcome", Arg::Text(&a.outcome)),
                    ("b", Arg::Text(&b.code)),
                    ("b-outcome", Arg::Text(&b.outcome)),
                ],
            )?);
        }
        if let (Some(sa), Some(sb)) = (&a.stages, &b.stages) {
            out.push(self.text(
                lang,
                "diff-stage",
                &[
                    ("same", Arg::Text(yes_no(sa == sb))),
                    ("a", Arg::Text(&a.code)),
                    ("a-stages", Arg::Text(sa)),
                    ("b", Arg::Text(&b.code)),
                    ("b-stages", Arg::Text(sb)),
                ],
            )?);
        }
        if let (Some(sa), Some(sb)) = (&a.subject_label, &b.subject_label) {
            let (na, nb) = (subject_number(&a.code), subject_number(&b.code));
            out.push(self.text(
                lang,
                "diff-subject",
                &[
                    ("same", Arg::Text(yes_no(na == nb))),
                    ("a", Arg::Text(&a.code)),
                    ("a-subject", Arg::Text(sa)),
                    ("a-number", Arg::Text(na)),
                    ("b", Arg::Text(&b.code)),
                    ("b-subject", Arg::Text(sb)),
                    ("b-number", Arg::Text(nb)),
                ],
            )?);
        }
        if !a.companions.is_empty() && !b.companions.is_empty() {
            // Basic codes list the enhanced codes seen with them (possibly many: show a
            // few, "such as"); enhanced codes list the basic replies that carry them.
            let (id, joiner) = if a.family == "basic" {
                ("diff-basic-companions", "list-and")
            } else {
                ("diff-enhanced-companions", "list-or")
            };
            let list = |this: &Self, lang: &str, items: &[String]| {
                join_list(&this.site.localizer, lang, joiner, items)
            };
            let codes = |c: &CodeView| -> Vec<String> {
                c.companions
                    .iter()
                    .take(MAX_COMPANIONS_IN_SENTENCE)
                    .map(|l| l.code.clone())
                    .collect()
            };
            out.push(self.text(
                lang,
                id,
                &[
                    ("a", Arg::Text(&a.code)),
                    ("a-codes", Arg::Text(&list(self, lang, &codes(a))?)),
                    ("b", Arg::Text(&b.code)),
                    ("b-codes", Arg::Text(&list(self, lang, &codes(b))?)),
                ],
            )?);
        }
        out.push(self.text(
            lang,
            "diff-rfcs",
            &[
                ("same", Arg::Text(yes_no(a.rfcs_text == b.rfcs_text))),
                ("a", Arg::Text(&a.code)),
                ("a-rfcs", Arg::Text(&a.rfcs_text)),
                ("b", Arg::Text(&b.code)),
                ("b-rfcs", Arg::Text(&b.rfcs_text)),
            ],
        )?);
        Ok(out)
    }

    /// Both codes' pages, up to [`LEARN_MORE_PAIRS`] of their related pairs, their RFCs.
    fn learn_more(&self, locale: usize, ai: usize, bi: usize) -> Vec<Link> {
        let data = &self.locales[locale];
        let codes = &self.site.codes;
        let mut links = vec![data.labels[ai].page.clone(), data.labels[bi].page.clone()];
        let (a, b) = (&codes[ai].id, &codes[bi].id);
        // Each code's related pairs, except the page's own pair.
        let neighbours = data.labels[ai]
            .neighbours
            .iter()
            .filter(|(other, _)| other != b)
            .chain(
                data.labels[bi]
                    .neighbours
                    .iter()
                    .filter(|(other, _)| other != a),
            );
        for (_, link) in neighbours {
            if links.len() >= 2 + LEARN_MORE_PAIRS {
                break;
            }
            if !links.iter().any(|l| l.href == link.href) {
                links.push(link.clone());
            }
        }
        let mut rfc_numbers: Vec<u32> = Vec::new();
        for (number, link) in data.labels[ai].rfcs.iter().chain(&data.labels[bi].rfcs) {
            if !rfc_numbers.contains(number) {
                rfc_numbers.push(*number);
                links.push(link.clone());
            }
        }
        links
    }

    /// A code's labels on its pair pages (see [`PairLabels`]).
    fn pair_labels(&self, locale: usize, index: usize) -> Result<PairLabels> {
        let lang = self.locales[locale].lang.as_str();
        let view = &self.locales[locale].codes[index];
        let code_and_name = [
            ("code", Arg::Text(&view.code)),
            ("name", Arg::Text(&view.name.text)),
        ];
        let mut rfcs = Vec::new();
        for rfc in &self.site.codes[index].rfcs {
            let name = self.text(
                lang,
                "rfc",
                &[("number", Arg::Text(&rfc.number.to_string()))],
            )?;
            rfcs.push((
                rfc.number,
                Link {
                    href: format!("https://www.rfc-editor.org/rfc/rfc{}", rfc.number),
                    label: self.text(lang, "learn-rfc", &[("rfc", Arg::Text(&name))])?,
                },
            ));
        }
        let code = &self.site.codes[index];
        let mut neighbours = Vec::new();
        for related in &code.related {
            let (x, y) = if &code.id < related {
                (&code.id, related)
            } else {
                (related, &code.id)
            };
            neighbours.push((
                related.clone(),
                Link {
                    href: self.href(&plan::pair_url(lang, &code.id, related)),
                    label: self.text(
                        lang,
                        "learn-pair",
                        &[("a", Arg::Text(x.as_str())), ("b", Arg::Text(y.as_str()))],
                    )?,
                },
            ));
        }
        Ok(PairLabels {
            neighbours,
            page: Link {
                href: view.href.clone(),
                label: self.text(lang, "learn-code", &code_and_name)?,
            },
            which: self.text(lang, "which-item", &code_and_name)?,
            rfcs,
        })
    }

    fn code(&self, locale: usize, index: usize) -> Result<TemplatePage> {
        let data = &self.locales[locale];
        let lang = data.lang.as_str();
        let view = &data.codes[index];
        let code = &self.site.codes[index];
        let title = self.text(
            lang,
            "code-title",
            &[
                ("code", Arg::Text(&view.code)),
                ("name", Arg::Text(&view.name.text)),
            ],
        )?;
        let meta = self.meta(
            locale,
            &format!("/{}/", view.code),
            title.clone(),
            &view.summary_text,
        );
        let crumbs = self.crumbs(locale, Some(code.id.family()), &title);
        let mut context = self.base_context(locale, meta, crumbs);
        let outcome = self.text(
            lang,
            "code-outcome",
            &[
                ("class", Arg::Text(&view.class_label)),
                ("outcome", Arg::Text(&view.outcome)),
            ],
        )?;
        context.insert("code", view);
        context.insert("outcome", &outcome);
        context.insert(
            "compare_heading",
            &self.text(lang, "code-compare", &[("code", Arg::Text(&view.code))])?,
        );
        context.insert("compare", &self.compare_groups(locale, index)?);
        Ok(self.template_page(locale, "code.html", context, vec![index]))
    }

    /// A code page's links to all its pairs, grouped by the other code's class.
    fn compare_groups(&self, locale: usize, index: usize) -> Result<Vec<CodeGroup>> {
        let data = &self.locales[locale];
        let me = &self.site.codes[index].id;
        let mut groups: Vec<CodeGroup> = Vec::new();
        let mut last_class = None;
        for (i, other) in self.site.codes.iter().enumerate() {
            if i == index || other.id.family() != me.family() {
                continue;
            }
            let view = &data.codes[i];
            if last_class != Some(view.class) {
                groups.push(CodeGroup {
                    label: view.class_label.clone(),
                    codes: Vec::new(),
                });
                last_class = Some(view.class);
            }
            if let Some(group) = groups.last_mut() {
                group.codes.push(CodeListItem {
                    code: view.code.clone(),
                    href: self.href(&plan::pair_url(&data.lang, me, &other.id)),
                    name: view.name.clone(),
                });
            }
        }
        Ok(groups)
    }

    /// The locale's codes grouped by family, then class, for the home page.
    fn code_index(&self, locale: usize) -> Vec<(Family, Vec<CodeGroup>)> {
        let data = &self.locales[locale];
        let mut families: Vec<(Family, Vec<CodeGroup>)> = Vec::new();
        for (code, view) in self.site.codes.iter().zip(&data.codes) {
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

    fn home(&self, locale: usize) -> Result<TemplatePage> {
        let data = &self.locales[locale];
        let title = ui_text(&data.ui, "home_title");
        let description = ui_text(&data.ui, "home_description");
        let meta = self.meta(locale, "/", title, &description);
        let crumbs = Vec::new();
        let mut context = self.base_context(locale, meta, crumbs);
        #[derive(serde::Serialize)]
        struct FamilySection {
            id: &'static str,
            label: String,
            groups: Vec<CodeGroup>,
        }
        let families: Vec<FamilySection> = self
            .code_index(locale)
            .into_iter()
            .map(|(family, groups)| FamilySection {
                id: family.as_str(),
                label: ui_text(&data.ui, &format!("family_{}", family.as_str())),
                groups,
            })
            .collect();
        context.insert("families", &families);
        Ok(self.template_page(locale, "home.html", context, Vec::new()))
    }

    /// The translation-status page: every locale's coverage, drafts included (this is
    /// where a translator previews progress), each row linking to that locale's home.
    fn translations(&self, locale: usize) -> Result<TemplatePage> {
        let data = &self.locales[locale];
        let title = ui_text(&data.ui, "translations_title");
        let description = ui_text(&data.ui, "translations_intro");
        let meta = self.meta(locale, "/translations/", title.clone(), &description);
        let crumbs = self.crumbs(locale, None, &title);
        let mut context = self.base_context(locale, meta, crumbs);
        #[derive(serde::Serialize)]
        struct Row<'a> {
            coverage: &'a crate::check::Coverage,
            percent: usize,
            href: String,
        }
        let rows: Vec<Row> = self
            .coverage
            .iter()
            .map(|c| Row {
                coverage: c,
                percent: c.percent(),
                href: self.href(&plan::home_url(&c.locale)),
            })
            .collect();
        context.insert("rows", &rows);
        Ok(self.template_page(locale, "translations.html", context, Vec::new()))
    }

    fn root(&self) -> Result<TemplatePage> {
        let data = &self.locales[0];
        let config = &self.site.config;
        let title = ui_text(&data.ui, "root_title");
        let mut meta = self.meta(0, "/", title, &ui_text(&data.ui, "site_tagline"));
        meta.canonical = format!("{}/", config.base_url);
        let mut context = self.base_context(0, meta, Vec::new());
        let published: Vec<&crate::model::Locale> =
            config.locales.iter().filter(|l| !l.draft).collect();
        let choices: Vec<Link> = published
            .iter()
            .map(|l| Link {
                href: self.href(&plan::home_url(&l.code)),
                label: l.name.clone(),
            })
            .collect();
        let langs: Vec<&str> = published.iter().map(|l| l.code.as_str()).collect();
        context.insert("choices", &choices);
        context.insert("choice_langs", &langs);
        Ok(self.template_page(0, "root.html", context, Vec::new()))
    }

    fn not_found(&self) -> Result<TemplatePage> {
        let data = &self.locales[0];
        let title = ui_text(&data.ui, "notfound_title");
        let mut meta = self.meta(0, "/", title, &ui_text(&data.ui, "notfound_text"));
        meta.alternates.clear();
        let mut context = self.base_context(0, meta, Vec::new());
        let homes: Vec<Link> = self
            .site
            .config
            .locales
            .iter()
            .filter(|l| !l.draft)
            .map(|l| Link {
                href: self.href(&plan::home_url(&l.code)),
                label: l.name.clone(),
            })
            .collect();
        context.insert("homes", &homes);
        context.insert("families", &self.code_families(0));
        Ok(self.template_page(0, "404.html", context, Vec::new()))
    }
}

fn yes_no(same: bool) -> &'static str {
    if same { "yes" } else { "no" }
}

fn subject_number(code: &str) -> &str {
    code.split('.').nth(1).unwrap_or("")
}

fn ui_text(ui: &UiStrings, key: &str) -> String {
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

/// A code's localized prose field, falling back to the default locale.
fn prose(site: &Site, lang: &str, code: &Code, field: ProseField) -> Localized {
    let default = &site.config.default_locale;
    if let Some(text) = code.prose.get(lang).and_then(|p| p.get(field)) {
        return Localized::native(text.to_owned());
    }
    let text = code
        .prose
        .get(default)
        .and_then(|p| p.get(field))
        .unwrap_or_default();
    Localized {
        text: text.to_owned(),
        lang: (lang != default).then(|| default.clone()),
    }
}

fn prose_html(site: &Site, lang: &str, code: &Code, field: ProseField, inline: bool) -> Html {
    let source = prose(site, lang, code, field);
    let html = if inline {
        markdown::to_inline_html(&source.text)
    } else {
        markdown::to_html(&source.text)
    };
    Html {
        html,
        lang: source.lang,
    }
}

/// One code's sections in one locale, from `code_sections.html` with the locale's context,
/// as rendered and minified.
fn code_sections(site: &Site, locale_context: &Context, view: &CodeView) -> Result<Fragment> {
    let mut context = locale_context.clone();
    context.insert("code", view);
    let html = site.templates.render("code_sections.html", &context)?;
    let minified = String::from_utf8_lossy(&minify::minify(&html)).into_owned();
    let mut key = Fnv::new();
    key.write_str(&minified);
    Ok(Fragment {
        html,
        minified,
        key: key.finish(),
    })
}

/// The part of every page's key that is the same for all pages: this generator and the
/// templates. A template that reads the clock, a random number or the environment renders
/// differently with the same context, so then the key changes with every build.
fn renderer_key(site: &Site) -> u64 {
    let mut key = Fnv::new();
    key.write_str(&crate::fingerprint::generator_id());
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

fn code_view(site: &Site, lang: &str, code: &Code) -> Result<CodeView> {
    let l = &site.localizer;
    let base = &site.config.base_path;
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
    let stages = match family {
        Family::Basic => Some(stages_phrase(l, lang, &code.stages)?),
        Family::Enhanced => None,
    };
    let separator = l.text(lang, "list-separator", &[])?;
    let rfcs = code
        .rfcs
        .iter()
        .map(|r| rfc_link(l, lang, r, &separator))
        .collect::<Result<Vec<_>>>()?;
    let rfc_labels: Vec<String> = rfcs.iter().map(|r| r.label.clone()).collect();
    let link_to = |id: &CodeId| -> CodeListItem {
        let other = site.codes.iter().find(|c| &c.id == id);
        CodeListItem {
            code: id.to_string(),
            href: format!("{base}{}", plan::code_url(lang, id)),
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
        href: format!("{base}{}", plan::code_url(lang, &code.id)),
        name: prose(site, lang, code, ProseField::Name),
        class,
        outcome: l.text(lang, "outcome", &[("class", Arg::Number(class.into()))])?,
        class_label,
        subject_label,
        stages,
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
        rfcs_text: rfc_labels.join(&separator),
        rfcs,
        related: code.related.iter().map(&link_to).collect(),
        companions: code.companions.iter().map(&link_to).collect(),
    })
}

/// "as the greeting, in reply to MAIL FROM and RCPT TO or after the message data": the
/// commands are protocol tokens and stay untranslated; the frame is the locale's.
fn stages_phrase(l: &localizer::Localizer, lang: &str, stages: &[Stage]) -> Result<String> {
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

fn rfc_link(
    l: &localizer::Localizer,
    lang: &str,
    rfc: &crate::model::RfcRef,
    separator: &str,
) -> Result<Link> {
    let number = rfc.number.to_string();
    let (label, anchor) = match rfc.sections.first() {
        Some(first) => (
            l.text(
                lang,
                "rfc-section",
                &[
                    ("number", Arg::Text(&number)),
                    ("sections", Arg::Text(&rfc.sections.join(separator))),
                ],
            )?,
            format!("#section-{first}"),
        ),
        None => (
            l.text(lang, "rfc", &[("number", Arg::Text(&number))])?,
            String::new(),
        ),
    };
    Ok(Link {
        href: format!("https://www.rfc-editor.org/rfc/rfc{number}{anchor}"),
        label,
    })
}

/// "A", "A or B", "A, B or C" (or with "and": `id` is `list-or` or `list-and`) in the
/// locale's words.
fn join_list(l: &localizer::Localizer, lang: &str, id: &str, items: &[String]) -> Result<String> {
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
