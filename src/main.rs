//! The command line: parse arguments, call the library, print the result or the error.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use smtpcodes::check::{self, Severity};
use smtpcodes::report::{ProgressBar, warning_summary};
use smtpcodes::serve::{Event, ServeOptions};

/// A fifth of the build's CPU went to glibc malloc/free (Tera contexts and minify-html
/// allocate per page, on every thread); mimalloc's thread-local heaps cut that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Check content and every translation without writing anything.
    Check(CheckArgs),
    /// Start translating codes or comparisons into LOCALE: writes each translation file with
    /// the English text of the fields to translate (existing files are left alone).
    Translate(TranslateArgs),
    /// Record that translations of LOCALE now match the current English (after updating them).
    Stamp(StampArgs),
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
    /// Fail on translation warnings (missing, stale or obsolete translations).
    #[arg(long)]
    strict: bool,
    /// Absolute URL the site is published at, overriding site.yaml's base_url
    /// (e.g. https://owner.github.io/repo/ for a GitHub Pages project site).
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// `text` for people, `github` for GitHub Actions annotations on a pull request.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit non-zero on warnings too.
    #[arg(long)]
    strict: bool,
}

#[derive(clap::Args)]
struct StampArgs {
    /// The locale whose translations you updated, e.g. `ja`.
    locale: String,
    /// Only these codes (default: every translated code of the locale).
    codes: Vec<String>,
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(clap::Args)]
struct TranslateArgs {
    /// The locale to translate into, e.g. `fr` (listed in site.yaml).
    locale: String,
    /// Codes (`550`, `5.7.1`) or hand-written comparisons (`450-vs-550`).
    #[arg(required = true)]
    ids: Vec<String>,
    #[arg(long, default_value = ".")]
    root: PathBuf,
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

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Github,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Translate(args) => translate(args),
        Command::Stamp(args) => stamp(args),
        Command::Serve(args) => serve(args),
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let options = smtpcodes::BuildOptions {
        root: args.root,
        out: args.out,
        strict: args.strict,
        base_url: args.base_url,
    };
    let progress = ProgressBar::for_terminal();
    let result = smtpcodes::build_reporting(&options, &progress);
    progress.clear();
    match result {
        Ok(report) => {
            for line in warning_summary(&report.coverage) {
                eprintln!(
                    "warning: {line} (run `check` for details; `--strict` makes this an error)"
                );
            }
            println!("{}", report.summary());
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_error(&error);
            eprintln!("build failed; the previous output was left as it was");
            ExitCode::FAILURE
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let report = match check::check_root(&args.root) {
        Ok(report) => report,
        Err(error) => {
            print_error(&error);
            return ExitCode::FAILURE;
        }
    };
    for finding in &report.findings {
        match args.format {
            Format::Github => println!("{}", check::github_annotation(finding)),
            Format::Text => {
                let kind = match finding.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                println!("{kind}: {}\n", finding.diagnostic);
            }
        }
    }
    if !report.coverage.is_empty() {
        println!("{}", check::coverage_table(&report.coverage));
    }
    let (errors, warnings) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    println!("{errors} errors, {warnings} warnings");
    if errors > 0 || (args.strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn stamp(args: StampArgs) -> ExitCode {
    let result = smtpcodes::load::load_site(&args.root)
        .and_then(|site| check::stamp(&site, &args.locale, &args.codes));
    match result {
        Ok(changed) => {
            for path in &changed {
                println!("stamped {}", path.display());
            }
            println!("{} files stamped", changed.len());
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_error(&error);
            ExitCode::FAILURE
        }
    }
}

fn translate(args: TranslateArgs) -> ExitCode {
    let result = smtpcodes::load::load_site(&args.root)
        .and_then(|site| check::start_translation(&site, &args.locale, &args.ids));
    match result {
        Ok(started) => {
            for path in &started.written {
                println!("wrote {}: translate the English in it", path.display());
            }
            for path in &started.existing {
                println!("kept {}: it is already there", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_error(&error);
            ExitCode::FAILURE
        }
    }
}

fn serve(args: ServeArgs) -> ExitCode {
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
            let _ = writeln!(std::io::stdout(), "{}", report.summary());
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
