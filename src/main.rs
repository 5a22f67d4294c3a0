//! The command line: parse arguments, call the library, print the result or the error.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use smtpcodes::serve::{Event, ServeOptions};

#[derive(Parser)]
#[command(version, about = "Builds the SMTP reply code reference site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output directory (replaced only if the build succeeds).
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1, rebuild on every change and reload open pages.
    Serve(ServeArgs),
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Site root holding site.yaml, content/, locales/ and optionally templates/ and static/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output directory [default: <root>/dist].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Absolute URL the site is published at, overriding site.yaml's base_url
    /// (e.g. https://owner.github.io/repo/ for a GitHub Pages project site).
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Site root holding site.yaml, content/, locales/ and optionally templates/ and static/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to build [default: a directory of its own under the system temp dir; never dist/].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Overrides site.yaml's base_url; the site is served under its path.
    #[arg(long)]
    base_url: Option<String>,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let options = smtpcodes::BuildOptions {
                out: args.out,
                base_url: args.base_url,
            };
            match smtpcodes::build_with(&args.root, &options) {
                Ok(report) => {
                    println!("{}", summary(&report));
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    print_error(&error);
                    eprintln!("build failed; the previous output was left as it was");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve(args) => {
            let options = ServeOptions {
                root: args.root,
                out: args.out,
                base_url: args.base_url,
                port: args.port,
            };
            match smtpcodes::serve::serve(&options, print_serve_event) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    print_error(&error);
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn print_error(error: &smtpcodes::Error) {
    match error {
        smtpcodes::Error::Invalid(_) => eprintln!("{error}"),
        _ => eprintln!("error: {error}"),
    }
}

fn print_serve_event(event: Event) {
    match event {
        // A closed terminal must not stop the server: the write error is dropped.
        Event::Built(report) => {
            let _ = writeln!(std::io::stdout(), "{}", summary(report));
        }
        Event::Failed(error) => {
            print_error(error);
            eprintln!("build failed; still serving the last good site");
        }
        Event::Listening { url } => {
            let _ = writeln!(std::io::stdout(), "serving at {url} (Ctrl-C to stop)");
        }
        Event::WatchError(message) => eprintln!("watch: {message}"),
    }
}

fn summary(report: &smtpcodes::BuildReport) -> String {
    let per_locale: Vec<String> = report
        .pages_per_locale
        .iter()
        .map(|(lang, n)| format!("{lang} {n}"))
        .collect();
    format!(
        "built {} files ({} pages per locale: {}) into {} in {:.2} s: {} written, {} unchanged, {} removed",
        thousands(report.files),
        thousands(report.pages_per_locale.first().map_or(0, |(_, n)| *n)),
        per_locale.join(", "),
        report.out.display(),
        report.elapsed.as_secs_f64(),
        thousands(report.written),
        thousands(report.unchanged),
        thousands(report.removed),
    )
}

/// 9570 → "9,570".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(9570), "9,570");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
