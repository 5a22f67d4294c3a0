//! The command line: parse arguments, call the library, print the result or the error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use smtpcodes::check::{self, Severity};

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
    /// Record that translations of LOCALE now match the current English (after updating them).
    Stamp(StampArgs),
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

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Github,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Stamp(args) => stamp(args),
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let options = smtpcodes::BuildOptions {
        root: args.root,
        out: args.out,
        strict: args.strict,
    };
    match smtpcodes::build_with(&options) {
        Ok(report) => {
            for line in warning_summary(&report.coverage) {
                eprintln!(
                    "warning: {line} (run `check` for details; `--strict` makes this an error)"
                );
            }
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

fn print_error(error: &smtpcodes::Error) {
    match error {
        smtpcodes::Error::Invalid(_) => eprintln!("{error}"),
        _ => eprintln!("error: {error}"),
    }
}

/// One line per incomplete locale, so a build names what fell back without drowning the
/// summary; `check` lists every item.
fn warning_summary(coverage: &[check::Coverage]) -> Vec<String> {
    coverage
        .iter()
        .filter(|c| !c.is_complete())
        .map(|c| {
            format!(
                "{}: {} messages missing, {} obsolete; {} code texts missing, {} out of date",
                c.locale, c.messages_missing, c.messages_obsolete, c.prose_missing, c.prose_stale
            )
        })
        .collect()
}

fn summary(report: &smtpcodes::BuildReport) -> String {
    let per_locale: Vec<String> = report
        .pages_per_locale
        .iter()
        .map(|(lang, n)| format!("{lang} {n}"))
        .collect();
    format!(
        "built {} files ({} pages per locale: {}) into {} in {:.2} s",
        report.files,
        report.pages_per_locale.first().map_or(0, |(_, n)| *n),
        per_locale.join(", "),
        report.out.display(),
        report.elapsed.as_secs_f64()
    )
}
