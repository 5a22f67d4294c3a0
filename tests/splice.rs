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
    let checked = smtpcodes::check::check_site(&site);
    let locales: Vec<String> = site.config.locales.iter().map(|l| l.code.clone()).collect();
    let pages = plan::plan(&site.codes, &locales, &[]);
    let spliced = Renderer::new(&site, &checked.coverage).expect("renderer");
    let whole = Renderer::new(&site, &checked.coverage)
        .expect("renderer")
        .whole_pages();
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
    assert_eq!(compared.0, site.codes.len() * locales.len());
    assert!(compared.1 > 500, "only {} pair pages compared", compared.1);
}
