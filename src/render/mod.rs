//! Stage 3: routes → bytes. One engine ([`Renderer`], in `engine.rs`) holds Tera, the
//! Fluent messages and everything computed once per locale and per code; each kind of page
//! has its own file that assembles that page's context:
//!
//! - `pair.rs`: "A vs B" pages; `code.rs`: a code's page and its localized view;
//!   `group.rs`: the class and subject pages of RFC 3463;
//! - `index.rs`: the locale homes, the root, the 404 and translation-status pages;
//! - `lookup.rs`: the decoder page and `codes.json`; `sitemap.rs`: the sitemap;
//! - `seo.rs`: structured data; `page.rs`: a page's context and key; `stencil.rs`: pages
//!   of a shape seen before (pair pages) rendered without Tera;
//!   `views.rs`: what templates see; `localizer.rs`: Fluent formatting with fallback.
//!
//! Render never formats a URL (the plan's [`crate::plan::Urls`] does) and never touches
//! the output directory (the write stage does).

mod code;
mod engine;
mod group;
mod index;
pub mod localizer;
mod lookup;
mod page;
mod pair;
mod provider;
mod seo;
mod sitemap;
mod stencil;
mod tape;
pub mod views;

pub use engine::{Renderer, shared_locale};
pub use page::{Prepared, TemplatePage};

use crate::load::StaticSource;

/// A page's bytes before writing.
pub enum Rendered<'a> {
    /// A page rendered from a template, with [`crate::minify::placeholder`]s for fragments
    /// minified already, which the write stage splices in. `minify`: whether the rest must
    /// be minified first (it was rendered from templates as written: they could not be
    /// minified at load, or the page is rendered whole to check the others against).
    Page {
        html: String,
        /// Shared fragments (a code's sections) are borrowed; a page's own (its comparison
        /// table) are owned.
        fragments: Vec<std::borrow::Cow<'a, str>>,
        minify: bool,
    },
    Text(String),
    Copy(&'a StaticSource),
}
