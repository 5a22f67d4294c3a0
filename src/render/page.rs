//! A page that is ready to be rendered from a template, and the key that says whether it
//! needs to be.
//!
//! A template page's bytes are a function of the templates, the template's name, its
//! context and the pre-rendered code sections spliced into it (and of this generator).
//! [`TemplatePage::key`] hashes exactly those, so a rebuild can compare keys and skip the
//! Tera rendering and minification of every page whose key did not change, which is most
//! of a build's time. The key is computed from what the template is actually given, not
//! from which files a page is believed to depend on, so no dependency can be forgotten:
//! a code's name changing changes the context of every page that lists that code.

use serde::Serialize;
use tera::Context;

use super::tape::Tape;
use crate::hash::Fnv;

/// A template context and a running hash of everything inserted into it: the locale's
/// part of every page's context. A page's own values go on a [`Tape`].
pub(super) struct KeyedContext {
    context: Context,
    hash: Fnv,
}

impl KeyedContext {
    pub(super) fn new() -> KeyedContext {
        KeyedContext {
            context: Context::new(),
            hash: Fnv::wide(),
        }
    }

    /// An empty tape for a page's values whose key goes on from this context's hash:
    /// what a page adds to the locale's context, which is merged in only if Tera renders
    /// the page (cloning it for every page cost more than the rest of a page's key).
    pub(super) fn page_values(&self) -> Tape {
        Tape::continuing(self.hash)
    }

    /// Inserts `value` as `name`, as [`Context::insert`] does, and adds both to the hash.
    pub(super) fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.context.insert(name, value);
        self.hash.write_str(name);
        match self.context.get(name) {
            Some(json) => self.hash.write_json(json),
            // `get` finds what was just inserted; this arm only keeps the match total.
            None => self.hash.write(b"-"),
        }
    }

    pub(super) fn context(&self) -> &Context {
        &self.context
    }
}

/// Everything one page is rendered from: a template, its context (the page's own values;
/// the locale's are added when it is rendered, and are part of the key from the start),
/// and the indexes of the codes whose pre-rendered sections it shows, in the order the
/// template places them.
pub struct TemplatePage {
    pub(super) locale: usize,
    pub(super) template: &'static str,
    pub(super) context: Tape,
    pub(super) sections: Vec<usize>,
    /// Pieces of this page built and minified outside the template (a pair page's
    /// comparison table): shown by the template as `{{ name | safe }}`, spliced like the
    /// sections.
    pub(super) own_fragments: Vec<OwnFragment>,
    /// The renderer's share of the key: generator, templates, the sections' contents.
    pub(super) key: u64,
}

/// A piece of one page, as HTML and as minify-html would write it in place.
pub(super) struct OwnFragment {
    pub(super) name: &'static str,
    pub(super) html: String,
    pub(super) minified: String,
    /// A hash of what it was made from (or of `minified`), for the page's key.
    pub(super) key: u64,
}

impl OwnFragment {
    /// A fragment made by plain code from pieces made once per locale: `key` hashes
    /// everything it was made from, which is cheaper than hashing what it became (a pair
    /// page's table, ~3 KB, on every page).
    pub(super) fn new(name: &'static str, html: String, minified: String, key: u64) -> OwnFragment {
        OwnFragment {
            name,
            html,
            minified,
            key,
        }
    }
}

impl TemplatePage {
    /// Adds `fragment`, and its contents to the key.
    pub(super) fn with_fragment(mut self, fragment: OwnFragment) -> TemplatePage {
        let mut key = Fnv::wide();
        key.write_u64(self.key);
        key.write_str(fragment.name);
        key.write_u64(fragment.key);
        self.key = key.finish();
        self.own_fragments.push(fragment);
        self
    }

    /// A hash of everything this page is rendered from: two pages with the same key have
    /// the same bytes. Templates that read something other than their context (Tera's
    /// `now()`, `get_random()`, `get_env()`) make the renderer give every page a key that
    /// never repeats (see `renderer_key`), and the build reuse nothing at all.
    pub fn key(&self) -> u64 {
        self.key
    }
}

/// A page from the plan, as far as rendering can go without deciding whether to.
pub enum Prepared<'r> {
    /// Rendered from a template: worth skipping when its key did not change.
    Template(TemplatePage),
    /// Cheap to produce (text, copies): done already.
    Ready(super::Rendered<'r>),
}
