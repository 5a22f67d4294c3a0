//! The build minifies each code's sections once per locale and splices them into the
//! minified rest of each page. That must give exactly the bytes of minifying each page
//! whole: checked here on the shipped site, for every code page and a spread of pair
//! pages in every locale.

mod common;

use std::path::Path;

use smtpcodes::plan::{self, PageKind};
use smtpcodes::render::Renderer;

/// Every n-th pair page is compared (all of them take minutes in a debug build).
const PAIR_STRIDE: usize = 11;

#[test]
fn spliced_pages_equal_pages_minified_whole() {
    let site = smtpcodes::load::load_site(Path::new(common::PROJECT)).expect("shipped site loads");
    let locales = site.config.locales.len();
    let plan = plan::plan(&site).expect("plan");
    let pages = &plan.routes;
    let spliced = Renderer::new(&site, &plan).expect("renderer");
    let whole = Renderer::new(&site, &plan).expect("renderer").whole_pages();
    let mut compared = (0, 0);
    for (i, page) in pages.iter().enumerate() {
        match page.kind {
            PageKind::Code { .. } => compared.0 += 1,
            PageKind::Pair { .. } if i % PAIR_STRIDE == 0 => compared.1 += 1,
            _ => continue,
        }
        let fast = smtpcodes::write::bytes_of(spliced.render(page).expect("render")).unwrap();
        let slow = smtpcodes::write::bytes_of(whole.render(page).expect("render")).unwrap();
        assert!(
            fast == slow,
            "{} differs:\n spliced: {}\n whole:   {}",
            page.output,
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&slow)
        );
        assert!(
            !String::from_utf8_lossy(&fast).contains("data-fragment"),
            "{} kept a placeholder",
            page.output
        );
    }
    assert_eq!(compared.0, site.codes.len() * locales);
    assert!(compared.1 > 500, "only {} pair pages compared", compared.1);
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
        let bytes = smtpcodes::write::bytes_of(renderer.render(home_of(lang)).expect("home"));
        let html = scraper::Html::parse_document(std::str::from_utf8(&bytes.unwrap()).unwrap());
        assert_eq!(common::texts(&html, "#seen"), [format!("nothing {lang}")]);
    }
}
