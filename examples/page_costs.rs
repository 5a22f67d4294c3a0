//! Where one page's time goes, stage by stage, on one thread: preparing its values and key,
//! rendering its template, and minifying it. Reads a site root, takes up to N pair pages
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

    let started = Instant::now();
    let (mut shell_bytes, mut out_bytes) = (0, 0);
    for page in &rendered {
        if let Rendered::Spliced { shell, fragments } = page {
            shell_bytes += shell.len();
            out_bytes += minify::minify_spliced(shell, fragments).len();
        }
    }
    let minify = started.elapsed();

    let n = pages.len();
    let per_page = |d: Duration| format!("{:>6.1} µs", d.as_secs_f64() * 1e6 / n as f64);
    println!(
        "{n} pair pages of {}, one thread, per page:",
        root.display()
    );
    println!("  values, context and key  {}", per_page(prepare));
    println!("  Tera                     {}", per_page(render));
    println!("  minify-html + splice     {}", per_page(minify));
    println!(
        "  template output (shell)  {:>6} bytes; minified page {} bytes",
        shell_bytes / n,
        out_bytes / n
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
