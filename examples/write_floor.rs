//! The floor under any full build: the time to create N pages the way a build lays them
//! out (`<dir>/l<locale>/<pair>/index.html`, 11 KB each, the size of a minified pair
//! page when issue 21 set its targets, or `--bytes` each), on two threads, with no
//! rendering at all. No generator can write its pages faster than this on the same disk.
//! `--files LIST` creates instead the files a build wrote: LIST has a line `SIZE PATH` for
//! each (`find BUILT -type f -printf '%s %P\n'`), made beforehand so that listing them is
//! not timed. `--stat DIR --files LIST` is the floor under a no-op rebuild instead: it
//! looks at each listed file in DIR (`symlink_metadata`, as the build's up-to-date check
//! does, on two threads) and writes nothing. See BENCHMARKS.md.
//!
//! ```sh
//! cargo run --release --example write_floor -- --out DIR [--pages N] [--bytes B]
//! cargo run --release --example write_floor -- --out DIR --files LIST
//! cargo run --release --example write_floor -- --stat DIR --files LIST
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The size of a minified pair page of the shipped site when issue 21 set its targets (it
/// is 13.6 KB now, and the synthetic site's pages 14.8 KB on average: `--bytes`).
const PAGE_BYTES: usize = 11_000;
const THREADS: usize = 2;

fn main() -> Result<(), Failure> {
    let Arguments {
        out,
        pages,
        page_bytes,
        files,
        stat,
    } = arguments()?;
    if stat {
        return stat_listed(&out, &files.ok_or("--stat needs --files LIST")?);
    }
    if out.exists() {
        return Err(format!("{} exists; give a directory that does not", out.display()).into());
    }
    if let Some(list) = files {
        return write_listed(&out, &list);
    }
    let page = vec![b'x'; page_bytes];
    let started = Instant::now();
    on_threads(|worker| write_share(&out, &page, pages, worker))?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{pages} pages of {page_bytes} bytes written into {} in {seconds:.2} s: {:.0} pages/s",
        out.display(),
        pages as f64 / seconds
    );
    Ok(())
}

/// Runs `work(worker)` for each of the `THREADS` workers at once, and gives the first
/// error any of them met.
fn on_threads(work: impl Fn(usize) -> Result<(), Failure> + Sync) -> Result<(), Failure> {
    std::thread::scope(|scope| {
        let work = &work;
        let workers: Vec<_> = (0..THREADS)
            .map(|worker| scope.spawn(move || work(worker)))
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().map_err(|_| "a writer panicked")?)
    })
}

/// Writes every `THREADS`-th page, starting at `worker`.
fn write_share(out: &Path, page: &[u8], pages: usize, worker: usize) -> Result<(), Failure> {
    for i in (worker..pages).step_by(THREADS) {
        let dir = out
            .join(format!("l{}", i % 2))
            .join(format!("{i:06}-vs-{:06}", i + 1));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("index.html"), page)?;
    }
    Ok(())
}

/// Reads `list`: a `SIZE PATH` line for each file, the path relative.
fn listed(list: &Path) -> Result<Vec<(PathBuf, usize)>, Failure> {
    let text = std::fs::read_to_string(list)?;
    let mut files = Vec::new();
    for line in text.lines() {
        let (size, path) = line
            .split_once(' ')
            .ok_or(format!("{}: not `SIZE PATH`: {line}", list.display()))?;
        files.push((PathBuf::from(path), size.parse()?));
    }
    Ok(files)
}

/// Creates, under `out`, every file of `list`, each of its size and filled with one byte.
fn write_listed(out: &Path, list: &Path) -> Result<(), Failure> {
    let files = listed(list)?;
    let largest = files.iter().map(|(_, size)| *size).max().unwrap_or(0);
    let bytes = vec![b'x'; largest];
    let started = Instant::now();
    on_threads(|worker| {
        for (relative, size) in files.iter().skip(worker).step_by(THREADS) {
            let path = out.join(relative);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, &bytes[..*size])?;
        }
        Ok(())
    })?;
    let seconds = started.elapsed().as_secs_f64();
    let total: usize = files.iter().map(|(_, size)| size).sum();
    println!(
        "{} files of {total} bytes, as listed in {}, written into {} in {seconds:.2} s",
        files.len(),
        list.display(),
        out.display()
    );
    Ok(())
}

/// Looks at every file of `list` in `dir`, as a no-op rebuild must to notice one deleted
/// by hand, and fails on the first that is not a regular file there.
fn stat_listed(dir: &Path, list: &Path) -> Result<(), Failure> {
    let files = listed(list)?;
    let started = Instant::now();
    on_threads(|worker| {
        for (relative, _) in files.iter().skip(worker).step_by(THREADS) {
            let path = dir.join(relative);
            if !std::fs::symlink_metadata(&path)?.is_file() {
                return Err(format!("{} is not a regular file", path.display()).into());
            }
        }
        Ok(())
    })?;
    println!(
        "{} files, as listed in {}, looked at in {} in {:.3} s",
        files.len(),
        list.display(),
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

struct Arguments {
    out: PathBuf,
    pages: usize,
    page_bytes: usize,
    files: Option<PathBuf>,
    /// `--stat DIR`: `out` is DIR, looked at instead of written.
    stat: bool,
}

fn arguments() -> Result<Arguments, Failure> {
    let mut out = None;
    let mut pages = 200_000;
    let mut bytes = PAGE_BYTES;
    let mut files = None;
    let mut stat = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value)),
            "--stat" => {
                out = Some(PathBuf::from(value));
                stat = true;
            }
            "--pages" => pages = value.parse()?,
            "--bytes" => bytes = value.parse()?,
            "--files" => files = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {arg}").into()),
        }
    }
    Ok(Arguments {
        out: out.ok_or("--out DIR (or --stat DIR) is required")?,
        pages,
        page_bytes: bytes,
        files,
        stat,
    })
}
