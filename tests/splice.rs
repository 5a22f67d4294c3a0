//! A page is rendered from templates minified once at load, with each code's sections,
//! the comparison table and the jump box spliced in pre-minified: no minify-html runs on
//! the page itself. These tests prove that this gives the same page as rendering from the
//! templates as written and minifying the whole page (html5ever parses both to the same
//! tree and text: tests/common/equivalence.rs), for pages of every kind; and that when the
//! templates cannot be minified, the pages minified whole with fragments spliced in have
//! exactly the bytes of pages minified whole.
//!
//! `SMTPCODES_CHECK_ALL_PAGES=1` compares every page of the shipped site instead of a
//! sample (minutes in a debug build; `scripts/bench.sh` runs it with `BENCH_CHECK=1`).

mod common;

use std::path::Path;

use common::equivalence::assert_same_page;
use smtpcodes::load::Site;
use smtpcodes::plan::{self, PageKind, Plan, Route};
use smtpcodes::render::Renderer;
use smtpcodes::write::bytes_of;

/// Of the generated pair pages, every n-th is compared unless all pages are asked for.
const PAIR_STRIDE: usize = 23;
/// Of the code pages, every n-th.
const CODE_STRIDE: usize = 5;

fn check_all() -> bool {
    std::env::var_os("SMTPCODES_CHECK_ALL_PAGES").is_some_and(|v| v == "1")
}

/// The pages to compare: every page of the kinds there are few of, hand-written pairs,
/// and a spread of code and generated pair pages (every page with `all`).
fn sample<'p>(site: &Site, plan: &'p Plan, all: bool) -> Vec<&'p Route> {
    let mut codes = 0;
    let mut pairs = 0;
    plan.routes
        .iter()
        .filter(|route| match route.kind {
            _ if all => true,
            PageKind::Code { .. } => {
                codes += 1;
                codes % CODE_STRIDE == 1
            }
            PageKind::Pair { a, b, .. } if site.comparison(a, b).is_some() => true,
            PageKind::Pair { .. } => {
                pairs += 1;
                pairs % PAIR_STRIDE == 1
            }
            _ => true,
        })
        .collect()
}

/// A short name for a page's kind, to count what was compared.
fn kind_name(site: &Site, kind: &PageKind) -> &'static str {
    match kind {
        PageKind::Pair { a, b, .. } if site.comparison(*a, *b).is_some() => "hand-written pair",
        PageKind::Pair { .. } => "generated pair",
        PageKind::Code { .. } => "code",
        PageKind::Home { .. } => "home",
        PageKind::Root => "root",
        PageKind::NotFound => "404",
        PageKind::Translations { .. } => "translations",
        PageKind::Decoder { .. } => "decoder",
        _ => "other",
    }
}

/// Renders `pages` both ways and compares them; returns how many of each kind were
/// compared.
fn compare(site: &Site, plan: &Plan, pages: &[&Route]) -> Vec<(&'static str, usize)> {
    let spliced = Renderer::new(site, plan).expect("renderer");
    let whole = Renderer::new(site, plan).expect("renderer").whole_pages();
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for page in pages {
        let ours = bytes_of(spliced.render(page).expect("render")).expect("bytes");
        let reference = bytes_of(whole.render(page).expect("render")).expect("bytes");
        if page.output.ends_with(".html") {
            assert_same_page(&page.output, &ours, &reference);
            assert!(
                !String::from_utf8_lossy(&ours).contains("data-fragment"),
                "{} kept a placeholder",
                page.output
            );
        } else {
            assert!(ours == reference, "{} differs", page.output);
        }
        let kind = kind_name(site, &page.kind);
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts
}

#[test]
fn pages_from_minified_templates_equal_pages_minified_whole() {
    let site = smtpcodes::load::load_site(Path::new(common::PROJECT)).expect("shipped site loads");
    assert_eq!(
        site.templates.not_minified(),
        None,
        "the shipped templates are minified"
    );
    let plan = plan::plan(&site).expect("plan");
    let all = check_all();
    let counts = compare(&site, &plan, &sample(&site, &plan, all));
    eprintln!("compared: {counts:?}");
    for kind in [
        "home",
        "code",
        "hand-written pair",
        "generated pair",
        "decoder",
        "translations",
        "404",
        "root",
    ] {
        assert!(
            counts.iter().any(|(k, n)| *k == kind && *n > 0),
            "no {kind} page compared: {counts:?}"
        );
    }
    let pairs = counts
        .iter()
        .find(|(k, _)| *k == "generated pair")
        .map_or(0, |(_, n)| *n);
    assert!(pairs > 300, "only {pairs} generated pair pages compared");
}

/// The fixture site with a draft locale (pages with `noindex`, no alternates) and a code
/// without a Japanese translation (text in English, marked `lang="en"`, on Japanese pages):
/// the branches of the templates the shipped site does not take.
#[test]
fn the_fixtures_pages_are_the_same_too_drafts_and_fallbacks_included() {
    let fixture = common::Fixture::new();
    let config = fixture.read("site.yaml");
    fixture.write(
        "site.yaml",
        &(config + "  - code: fr\n    name: Français\n    draft: true\n"),
    );
    let fr = std::fs::read_to_string(Path::new(common::PROJECT).join("locales/en/site.ftl"))
        .expect("English messages");
    fixture.write("locales/fr/site.ftl", &fr);
    std::fs::remove_file(fixture.root().join("locales/ja/codes/521.yaml")).expect("rm");
    let site = smtpcodes::load::load_site(fixture.root()).expect("fixture loads");
    let plan = plan::plan(&site).expect("plan");
    let pages = sample(&site, &plan, true);
    compare(&site, &plan, &pages);
}

/// A "Compare with" item is a stencil whose slots are the page's code and the pair's link
/// (`render::code`). An item template that looks at what the page's code says cannot be
/// one: Tera renders it on every code page, and each page gets its own items.
#[test]
fn a_compare_item_that_looks_at_the_pages_code_is_rendered_on_each_page() {
    let fixture = common::Fixture::new();
    fixture.write(
        "templates/code_compare_item.html",
        "<li{% if page_code == \"550\" %} class=\"on-550\"{% endif %}>\
         <a href=\"{{ c.href }}\">{{ page_code }} vs {{ c.code }}</a></li>\n",
    );
    fixture.build().expect("build");
    let items = |code: &str, css: &str| {
        let page = fixture.page(&format!("en/{code}/index.html"));
        common::select(&page, css).len()
    };
    let all = items("550", "ul.pairs li");
    assert!(all > 0);
    assert_eq!(items("550", "ul.pairs li.on-550"), all, "on 550's page");
    assert!(items("521", "ul.pairs li") > 0);
    assert_eq!(items("521", "ul.pairs li.on-550"), 0, "on 521's page");
    let site = smtpcodes::load::load_site(fixture.root()).expect("fixture loads");
    let plan = plan::plan(&site).expect("plan");
    compare(&site, &plan, &sample(&site, &plan, true));
}

/// When a template cannot be minified (here a Tera tag inside an HTML comment), pages are
/// minified whole, with the pre-minified fragments spliced into the minified rest: that
/// must give exactly the bytes of minifying the page with its fragments in place.
#[test]
fn without_minified_templates_spliced_pages_have_the_bytes_of_pages_minified_whole() {
    let fixture = common::Fixture::new();
    let base = std::fs::read_to_string(Path::new(common::PROJECT).join("templates/base.html"))
        .expect("template");
    fixture.write(
        "templates/base.html",
        &base.replace("<body>", "<body>\n<!-- built for {{ lang }} -->"),
    );
    let site = smtpcodes::load::load_site(fixture.root()).expect("fixture loads");
    let why = site.templates.not_minified().expect("not minified");
    assert!(
        why.contains("base.html") && why.contains("comment"),
        "{why}"
    );
    let plan = plan::plan(&site).expect("plan");
    let spliced = Renderer::new(&site, &plan).expect("renderer");
    let whole = Renderer::new(&site, &plan).expect("renderer").whole_pages();
    let mut compared = 0;
    for page in plan
        .routes
        .iter()
        .filter(|p| matches!(p.kind, PageKind::Code { .. } | PageKind::Pair { .. }))
    {
        let fast = bytes_of(spliced.render(page).expect("render")).expect("bytes");
        let slow = bytes_of(whole.render(page).expect("render")).expect("bytes");
        assert!(
            fast == slow,
            "{} differs:\n spliced: {}\n whole:   {}",
            page.output,
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&slow)
        );
        compared += 1;
    }
    assert!(compared > 20, "{compared}");
}

/// A page borrows a copy of its locale's context and takes its values out again before
/// giving it back (`Renderer::render_in_locale`). Were one left behind, the next page to
/// borrow the copy would see it. The shipped templates would not show it (every page sets
/// the same common names), so a home page template here prints a pair page's `lead` if it
/// can see one, and is rendered after every pair page.
#[test]
fn a_page_sees_nothing_of_the_pages_rendered_before_it() {
    let fixture = common::Fixture::new();
    fixture.write(
        "templates/home.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"seen\">\
         {% if lead is defined %}{{ lead }}{% else %}nothing{% endif %} {{ lang }}</p>\
         {% endblock main %}",
    );
    let site = smtpcodes::load::load_site(fixture.root()).expect("fixture loads");
    let plan = plan::plan(&site).expect("plan");
    let pages = &plan.routes;
    let renderer = Renderer::new(&site, &plan).expect("renderer");
    let home_of = |lang: &str| {
        pages
            .iter()
            .find(|p| matches!(p.kind, PageKind::Home { .. }) && p.output.starts_with(lang))
            .expect("home page")
    };
    for lang in ["en", "ja"] {
        for page in pages
            .iter()
            .filter(|p| matches!(p.kind, PageKind::Pair { .. }))
        {
            renderer.render(page).expect("pair page");
        }
        let bytes = bytes_of(renderer.render(home_of(lang)).expect("home"));
        let html = scraper::Html::parse_document(std::str::from_utf8(&bytes.unwrap()).unwrap());
        assert_eq!(common::texts(&html, "#seen"), [format!("nothing {lang}")]);
    }
}
