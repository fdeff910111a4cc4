//! The command line: argument types, and the one place that reads the environment and
//! writes to the terminal.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::embedded;
use crate::engine;
use crate::render::{self, Verdict};
use crate::workspace::{Tree, Workspace, read_toml_files};

/// kensho grades a claim against a ledger of dated, sourced evidence.
#[derive(Debug, Parser)]
#[command(name = "kensho", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Where the ledger and claims are.
#[derive(Debug, Clone, Args)]
pub struct Location {
    /// The ledger folder [default: evidence/, or the built-in ledger when there is none]
    #[arg(long, value_name = "DIR", global = true)]
    pub ledger: Option<PathBuf>,
    /// The claims folder [default: claims/]
    #[arg(long, value_name = "DIR", global = true)]
    pub claims: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Grade a claim and print the verdict with footnoted sources
    Verify(VerifyArgs),
    /// Validate the ledger and claims; report every problem with file:line:col
    Check(CheckArgs),
}

/// Output formats of `verify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictFormat {
    /// Text tables for the terminal.
    Table,
    /// One JSON document.
    Json,
    /// Markdown.
    Markdown,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// Excerpts with carets, as rustc and cargo show them.
    Human,
    /// One line per problem.
    Short,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow commands.
    Github,
}

/// Arguments of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A claim file, a claim id, or nothing for the default claim
    pub claim: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: VerdictFormat,
    /// Use only records known up to this day (YYYY-MM-DD) [default: the claim's as-of]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: Location,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagnosticFormat,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: Location,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date such as 2026-04-30"))
}

/// Runs the command line and returns the process exit code: 0 success, 1 findings, 2 usage,
/// I/O or internal error.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether human output on stderr may use colour: a terminal, and `NO_COLOR` unset or empty.
fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`kensho verify | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// Reads the tree a command works on: `--ledger`/`--claims` if given, else `evidence/` and
/// `claims/` in the working folder, else the copy built into the binary. A claim given as a
/// file path replaces the claims folder.
fn tree(location: &Location, claim: Option<&str>) -> anyhow::Result<Tree> {
    let claims_dir = location
        .claims
        .clone()
        .unwrap_or_else(|| PathBuf::from("claims"));
    let mut tree = match &location.ledger {
        Some(dir) => Tree::read(dir, &claims_dir)?,
        None if Path::new("evidence").is_dir() => Tree::read(Path::new("evidence"), &claims_dir)?,
        None => {
            let mut tree = embedded::tree();
            if location.claims.is_some() {
                tree.claims = read_toml_files(&claims_dir)?;
            }
            tree
        }
    };
    if let Some(path) = claim.map(Path::new).filter(|p| p.is_file()) {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
        tree.claims = vec![crate::workspace::TreeFile {
            path: path.to_path_buf(),
            bytes,
        }];
    }
    Ok(tree)
}

/// The claim id named by a CLAIM argument that is not a file path.
fn claim_name(claim: Option<&str>) -> Option<&str> {
    claim.filter(|c| !Path::new(c).is_file())
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Verify(args) => verify(args),
        Command::Check(args) => check(args),
    }
}

/// Prints a workspace's errors to stderr; true when there were any.
fn refuse_errors(workspace: &Workspace) -> bool {
    if !workspace.has_errors() {
        return false;
    }
    let errors: Vec<_> = workspace
        .diagnostics
        .iter()
        .filter(|d| d.severity() == crate::diagnostic::Severity::Error)
        .cloned()
        .collect();
    let text = render::diagnostics::human(&errors, &workspace.files, stderr_color());
    let _ = write!(anstream::stderr(), "{text}");
    true
}

fn verify(args: VerifyArgs) -> anyhow::Result<u8> {
    let tree = tree(&args.location, args.claim.as_deref())?;
    let workspace = Workspace::load(&tree);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let claim = workspace.claim(claim_name(args.claim.as_deref()))?;
    let as_of = args.as_of.unwrap_or(claim.as_of);
    let evaluation = engine::evaluate(claim, &workspace.ledger, as_of);
    let verdict = Verdict {
        claim,
        ledger: &workspace.ledger,
        evaluation: &evaluation,
    };
    let text = match args.format {
        VerdictFormat::Table => render::table::render(&verdict),
        VerdictFormat::Json => render::json::render(&verdict),
        VerdictFormat::Markdown => render::markdown::render(&verdict),
    };
    write_stdout(&text)?;
    Ok(0)
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let workspace = Workspace::load(&tree(&args.location, None)?);
    let d = &workspace.diagnostics;
    let files = &workspace.files;
    let text = match args.format {
        DiagnosticFormat::Human => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            render::diagnostics::human(d, files, color)
        }
        DiagnosticFormat::Short => render::diagnostics::short(d, files),
        DiagnosticFormat::Json => render::diagnostics::json(d, files),
        DiagnosticFormat::Github => render::diagnostics::github(d, files),
    };
    write_stdout(&text)?;
    Ok(u8::from(workspace.has_errors()))
}
