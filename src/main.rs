//! The command line: parse arguments, call the library, print the result or the error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Site root holding site.yaml, content/, locales/ and optionally templates/ and static/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output directory [default: <root>/dist].
    #[arg(long)]
    out: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => match smtpcodes::build(&args.root, args.out.as_deref()) {
            Ok(report) => {
                println!("{}", summary(&report));
                ExitCode::SUCCESS
            }
            Err(error) => {
                match &error {
                    smtpcodes::Error::Invalid(_) => eprintln!("{error}"),
                    _ => eprintln!("error: {error}"),
                }
                eprintln!("build failed; the previous output was left as it was");
                ExitCode::FAILURE
            }
        },
    }
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
