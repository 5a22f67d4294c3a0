//! Writes a synthetic site root for benchmarking the build (see BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example synth -- --codes 409 --locales 4 --out /var/tmp/synth
//! cargo run --release -- build --root /var/tmp/synth
//! ```
//!
//! `--pages P` instead of `--codes N` picks the smallest catalogue with at least P pages.

mod site;

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Parser;

#[derive(Parser)]
#[command(about = "Writes a synthetic SMTP codes site root in the real schema")]
struct Args {
    /// Number of codes (about 28% basic, the rest enhanced).
    #[arg(long, conflicts_with = "pages")]
    codes: Option<usize>,
    /// Instead of --codes: the smallest catalogue with at least this many pages.
    #[arg(long)]
    pages: Option<usize>,
    /// Number of locales: `en` first, then alternately Japanese- and English-text locales.
    #[arg(long, default_value_t = 2)]
    locales: usize,
    /// Directory to write the site root into; must not exist or be empty.
    #[arg(long)]
    out: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let spec = match (args.codes, args.pages) {
        (Some(codes), _) => site::Spec::new(codes, args.locales),
        (None, Some(pages)) => site::Spec::for_pages(pages, args.locales),
        (None, None) => bail!("give --codes N or --pages P"),
    }
    .map_err(anyhow::Error::msg)?;
    let files = site::write_site(&spec, &args.out)
        .with_context(|| format!("writing the site into {}", args.out.display()))?;
    println!(
        "wrote {files} files into {}: {} codes ({} basic, {} enhanced) × {} locales ({})",
        args.out.display(),
        spec.codes(),
        spec.basic(),
        spec.enhanced(),
        spec.locales(),
        spec.locale_tags().join(", ")
    );
    println!(
        "expected pages: {} ({} per locale: home, status, decoder + {} codes + {} pairs), plus the site-wide files",
        spec.pages(),
        spec.pages_per_locale(),
        spec.codes(),
        spec.pairs_per_locale()
    );
    Ok(())
}
