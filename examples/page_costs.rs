//! Where one page's time goes, stage by stage, on one thread, after a first pass over the
//! same pages: preparing its values and key, rendering its (minified) template or stencil,
//! and splicing in its pre-minified fragments; and, for comparison, what minifying the same
//! page whole would add (as when templates cannot be minified at load). Reads a site root,
//! takes up to N pair pages and up to N/100 code pages of its plan (at least one), and
//! prints the mean cost of each step per page of each kind. See BENCHMARKS.md.
//!
//! Each page goes through every step before the next page starts, and is dropped, as in a
//! build: holding thousands of prepared pages at once made the first step pay for fresh
//! memory (on 2026-12-03 it read 221 – 299 µs a page, most of it the kernel's page faults).
//!
//! ```sh
//! cargo run --release --example page_costs -- [--root DIR] [--pages N]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use smtpcodes::render::{Prepared, Rendered, Renderer};
use smtpcodes::{load, minify, plan};

type Failure = Box<dyn std::error::Error>;

/// The allocator the `smtpcodes` binary uses (src/main.rs), so the costs are the build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Failure> {
    let (root, wanted) = arguments()?;
    let site = load::load_site(&root)?;
    let plan = plan::plan(&site)?;
    let renderer = Renderer::new(&site, &plan)?;
    let of_kind = |pair: bool, count: usize| -> Vec<&plan::Route> {
        plan.routes
            .iter()
            .filter(|p| match p.kind {
                plan::PageKind::Pair { .. } => pair,
                plan::PageKind::Code { .. } => !pair,
                _ => false,
            })
            .take(count)
            .collect()
    };
    let pairs = of_kind(true, wanted);
    if pairs.is_empty() {
        return Err("the site has no pair pages".into());
    }
    let codes = of_kind(false, (wanted / 100).max(1));

    let minified = match site.templates.not_minified() {
        None => "templates minified at load".to_owned(),
        Some(why) => format!("templates NOT minified ({why}): pages minified whole"),
    };
    println!("{}, one thread; {minified}", root.display());
    for (kind, pages) in [("pair", &pairs), ("code", &codes)] {
        // A first pass, not timed: the allocator gets its memory from the kernel, and the
        // renderer makes the stencil of each shape of page it meets, as a build does early.
        measure(&renderer, pages)?;
        measure(&renderer, pages)?.print(kind, pages.len());
    }
    Ok(())
}

/// The time each step took over all pages, and the pages' sizes.
#[derive(Default)]
struct Costs {
    prepare: Duration,
    finish: Duration,
    splice: Duration,
    minify_whole: Duration,
    shell_bytes: usize,
    page_bytes: usize,
}

/// Takes each page through every step, then drops it.
fn measure(renderer: &Renderer, pages: &[&plan::Route]) -> Result<Costs, Failure> {
    let mut costs = Costs::default();
    for page in pages {
        let started = Instant::now();
        let Prepared::Template(prepared) = renderer.prepare(page)? else {
            return Err(format!("{}: a page without a template", page.output).into());
        };
        let prepared_at = Instant::now();
        let rendered = renderer.finish(prepared)?;
        let finished_at = Instant::now();
        costs.prepare += prepared_at - started;
        costs.finish += finished_at - prepared_at;
        let Rendered::Page {
            html,
            fragments,
            minify,
        } = rendered
        else {
            return Err(format!("{}: not a page", page.output).into());
        };
        let started = Instant::now();
        let out = if minify {
            minify::minify_spliced(&html, &fragments)
        } else {
            minify::splice(html.as_bytes().to_vec(), &fragments)
        };
        costs.splice += started.elapsed();
        // What a whole-page minification of the same output would cost on top.
        let started = Instant::now();
        std::hint::black_box(minify::minify(&html));
        costs.minify_whole += started.elapsed();
        costs.shell_bytes += html.len();
        costs.page_bytes += out.len();
    }
    Ok(costs)
}

impl Costs {
    fn print(&self, kind: &str, n: usize) {
        let per_page = |d: Duration| format!("{:>7.1} µs", d.as_secs_f64() * 1e6 / n as f64);
        println!("{n} {kind} pages, per page:");
        println!("  values and key (prepare)    {}", per_page(self.prepare));
        println!("  stencil or Tera (finish)    {}", per_page(self.finish));
        println!("  splice (+ minify-html)      {}", per_page(self.splice));
        println!(
            "  template output (shell)  {:>7} bytes; page {} bytes",
            self.shell_bytes / n,
            self.page_bytes / n
        );
        println!(
            "  (minify-html over the shell would add {})",
            per_page(self.minify_whole)
        );
    }
}

fn arguments() -> Result<(PathBuf, usize), Failure> {
    let mut root = PathBuf::from(".");
    let mut pages = 2000;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--root" => root = PathBuf::from(value),
            "--pages" => pages = value.parse()?,
            _ => return Err(format!("unknown option {arg}").into()),
        }
    }
    Ok((root, pages))
}
