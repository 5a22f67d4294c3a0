//! Where one page's time goes, stage by stage, on one thread, after a first pass over the
//! same pages: preparing its values and key, rendering its (minified) template or stencil, and splicing in its pre-minified fragments; and, for
//! comparison, what minifying the same page whole would add (as when templates cannot be
//! minified at load). Reads a site root, takes up to N pair pages
//! of its plan, and prints the mean cost of each step per page. See BENCHMARKS.md.
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
    let pages: Vec<&plan::Route> = plan
        .routes
        .iter()
        .filter(|p| matches!(p.kind, plan::PageKind::Pair { .. }))
        .take(wanted)
        .collect();
    if pages.is_empty() {
        return Err("the site has no pair pages".into());
    }
    let renderer = Renderer::new(&site, &plan)?;

    // A first pass, not timed: the allocator gets its memory from the kernel (otherwise
    // the first step pays for zeroing fresh pages), and the renderer makes the stencil of
    // each shape of page it meets (see src/render/stencil.rs), as a build does early on.
    for page in &pages {
        if let Prepared::Template(page) = renderer.prepare(page)? {
            drop(renderer.finish(page)?);
        }
    }

    let started = Instant::now();
    let mut prepared = Vec::new();
    for page in &pages {
        match renderer.prepare(page)? {
            Prepared::Template(page) => prepared.push(page),
            Prepared::Ready(_) => return Err("a pair page without a template".into()),
        }
    }
    let prepare = started.elapsed();

    let started = Instant::now();
    let mut rendered = Vec::new();
    for page in prepared {
        rendered.push(renderer.finish(page)?);
    }
    let render = started.elapsed();

    let shells: Vec<(&str, &[std::borrow::Cow<str>], bool)> = rendered
        .iter()
        .filter_map(|page| match page {
            Rendered::Page {
                html,
                fragments,
                minify,
            } => Some((html.as_str(), fragments.as_slice(), *minify)),
            _ => None,
        })
        .collect();
    let started = Instant::now();
    let (mut shell_bytes, mut out_bytes) = (0, 0);
    for &(html, fragments, minify) in &shells {
        shell_bytes += html.len();
        out_bytes += if minify {
            minify::minify_spliced(html, fragments).len()
        } else {
            minify::splice(html.as_bytes().to_vec(), fragments).len()
        };
    }
    let splice = started.elapsed();

    // What a whole-page minification of the same output would cost on top.
    let started = Instant::now();
    for &(html, _, _) in &shells {
        std::hint::black_box(minify::minify(html));
    }
    let minify_whole = started.elapsed();

    let n = pages.len();
    let per_page = |d: Duration| format!("{:>6.1} µs", d.as_secs_f64() * 1e6 / n as f64);
    println!(
        "{n} pair pages of {}, one thread, per page:",
        root.display()
    );
    let minified = match site.templates.not_minified() {
        None => "templates minified at load".to_owned(),
        Some(why) => format!("templates NOT minified ({why}): pages minified whole"),
    };
    println!("  {minified}");
    println!("  values, context and key  {}", per_page(prepare));
    println!("  Tera                     {}", per_page(render));
    println!("  splice (+ minify-html)   {}", per_page(splice));
    println!(
        "  template output (shell)  {:>6} bytes; page {} bytes",
        shell_bytes / n,
        out_bytes / n
    );
    println!(
        "  (minify-html over the shell would add {})",
        per_page(minify_whole)
    );
    Ok(())
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
