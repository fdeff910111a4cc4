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
    /// Show the arithmetic behind each criterion, with the records it used
    Explain(ExplainArgs),
    /// Show the verdict and score at the end of each month or quarter
    Timeline(TimelineArgs),
    /// Show how each verdict, axis and criterion moved between two revisions, and why
    Diff(DiffArgs),
}

/// Arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A claim file, a claim id, or nothing for the default claim
    pub claim: Option<String>,
    /// Only this axis
    #[arg(long, value_name = "AXIS")]
    pub axis: Option<String>,
    /// Only this criterion
    #[arg(long, value_name = "CRITERION")]
    pub criterion: Option<String>,
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

/// Steps of `timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StepArg {
    /// The end of every month.
    Month,
    /// The end of every quarter.
    Quarter,
}

/// Arguments of `timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// A claim file, a claim id, or nothing for the default claim
    pub claim: Option<String>,
    /// First month, YYYY-MM [default: twelve months before the claim's as-of month]
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub from: Option<(i32, u32)>,
    /// Last month, YYYY-MM [default: the claim's as-of month]
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub to: Option<(i32, u32)>,
    /// Distance between points
    #[arg(long, value_enum, default_value = "month")]
    pub step: StepArg,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: VerdictFormat,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: Location,
}

fn parse_month(text: &str) -> Result<(i32, u32), String> {
    let bad = || format!("`{text}` is not a month such as 2026-04");
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if y.to_string().len() != 4 || !(1..=12).contains(&m) {
        return Err(bad());
    }
    Ok((y, m))
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
    /// How to redraw weights and goalposts for robustness.
    #[command(flatten)]
    pub draws: DrawArgs,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: Location,
}

/// Robustness options.
#[derive(Debug, Clone, Copy, Args)]
pub struct DrawArgs {
    /// Monte Carlo draws over weights and goalposts
    #[arg(long, value_name = "N", default_value_t = engine::robustness::DEFAULT_DRAWS)]
    pub draws: u32,
    /// Seed of the draws; the same seed gives the same output
    #[arg(long, value_name = "S", default_value_t = engine::robustness::DEFAULT_SEED)]
    pub seed: u64,
    /// Dirichlet concentration around the axis weights (0 keeps them fixed)
    #[arg(long, value_name = "K", default_value_t = engine::robustness::DEFAULT_CONCENTRATION,
          value_parser = parse_concentration)]
    pub concentration: f64,
}

impl DrawArgs {
    /// The engine's settings.
    pub fn settings(self) -> engine::Settings {
        engine::Settings {
            draws: self.draws,
            seed: self.seed,
            concentration: self.concentration,
        }
    }
}

fn parse_concentration(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|k| k.is_finite() && *k >= 0.0)
        .ok_or_else(|| format!("`{text}` is not a concentration: give a number 0 or above"))
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
        Command::Explain(args) => explain(args),
        Command::Timeline(args) => timeline(args),
        Command::Diff(args) => diff(args),
    }
}

fn explain(args: ExplainArgs) -> anyhow::Result<u8> {
    let tree = tree(&args.location, args.claim.as_deref())?;
    let workspace = Workspace::load(&tree);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let claim = workspace.claim(claim_name(args.claim.as_deref()))?;
    if let Some(axis) = &args.axis {
        anyhow::ensure!(claim.axes.iter().any(|a| &a.id == axis), "claim `{}` has no axis `{axis}`", claim.id);
    }
    if let Some(criterion) = &args.criterion {
        anyhow::ensure!(
            claim.criteria().any(|(_, c)| &c.id == criterion),
            "claim `{}` has no criterion `{criterion}`",
            claim.id
        );
    }
    let evaluation = engine::evaluate(claim, &workspace.ledger, args.as_of.unwrap_or(claim.as_of));
    let verdict = Verdict {
        claim,
        ledger: &workspace.ledger,
        evaluation: &evaluation,
        robustness: None,
    };
    let focus = render::explain::Focus {
        axis: args.axis,
        criterion: args.criterion,
    };
    let text = match args.format {
        VerdictFormat::Table => render::explain::table(&verdict, &focus),
        VerdictFormat::Json => render::explain::json(&verdict, &focus),
        VerdictFormat::Markdown => render::explain::markdown(&verdict, &focus),
    };
    write_stdout(&text)?;
    Ok(0)
}

fn timeline(args: TimelineArgs) -> anyhow::Result<u8> {
    use engine::timeline::{Step, days, default_range, timeline};
    let tree = tree(&args.location, args.claim.as_deref())?;
    let workspace = Workspace::load(&tree);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let claim = workspace.claim(claim_name(args.claim.as_deref()))?;
    let (default_from, default_to) = default_range(claim);
    let (from, to) = (args.from.unwrap_or(default_from), args.to.unwrap_or(default_to));
    anyhow::ensure!(from <= to, "`--from` must not be after `--to`");
    anyhow::ensure!(
        (to.0 - from.0) * 12 + (to.1 as i32 - from.1 as i32) < 1200,
        "a timeline spans at most 100 years"
    );
    let step = match args.step {
        StepArg::Month => Step::Month,
        StepArg::Quarter => Step::Quarter,
    };
    let points = timeline(claim, &workspace.ledger, &days(from, to, step));
    let text = match args.format {
        VerdictFormat::Table => render::timeline::table(claim, &points),
        VerdictFormat::Json => render::timeline::json(claim, &points),
        VerdictFormat::Markdown => render::timeline::markdown(claim, &points),
    };
    write_stdout(&text)?;
    Ok(0)
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
    let robustness = engine::robustness::assess(
        claim,
        &workspace.ledger,
        &evaluation,
        args.draws.settings(),
    );
    let verdict = Verdict {
        claim,
        ledger: &workspace.ledger,
        evaluation: &evaluation,
        robustness: Some(&robustness),
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

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The revision to compare from: a git revision, or a folder holding the ledger and claims
    pub base: String,
    /// The revision to compare to, like BASE [default: the working tree]
    pub head: Option<String>,
    /// Compare only this claim id; repeat for more [default: every claim in either revision]
    #[arg(long = "claim", value_name = "CLAIM")]
    pub claim: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: VerdictFormat,
    /// Exit 1 when this moved: verdict, axis, score:DELTA (e.g. score:0.05) or never
    #[arg(long, value_name = "WHAT", default_value = "verdict",
          value_parser = crate::diff::FailOn::parse)]
    pub fail_on: crate::diff::FailOn,
    /// Use only records known up to this day (YYYY-MM-DD) [default: each claim's as-of]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Where the ledger and claims are, inside each revision.
    #[command(flatten)]
    pub location: Location,
}

fn diff(args: DiffArgs) -> anyhow::Result<u8> {
    use crate::diff::{Side, compare};
    use crate::git::Revision;
    let here = Path::new(".");
    let location = &args.location;
    let ledger = location.ledger.clone().unwrap_or_else(|| "evidence".into());
    let claims = location.claims.clone().unwrap_or_else(|| "claims".into());
    let base = Revision::resolve(here, &args.base)?;
    let head = match &args.head {
        Some(name) => Revision::resolve(here, name)?,
        None => Revision::WorkingTree,
    };
    let (base_tree, head_tree) = (
        base.read(here, &ledger, &claims)?,
        head.read(here, &ledger, &claims)?,
    );
    let empty = |t: &Tree| t.ledger.is_empty() && t.claims.is_empty();
    anyhow::ensure!(
        !(empty(&base_tree) && empty(&head_tree)),
        "no ledger at `{}` and no claims at `{}` in `{}` or `{}`",
        ledger.display(),
        claims.display(),
        base.name(),
        head.name()
    );
    let (base_ws, head_ws) = (Workspace::load(&base_tree), Workspace::load(&head_tree));
    let mut broken = false;
    for (role, revision, ws) in [("BASE", &base, &base_ws), ("HEAD", &head, &head_ws)] {
        if ws.has_errors() {
            broken = true;
            let errors: Vec<_> = ws
                .diagnostics
                .iter()
                .filter(|d| d.severity() == crate::diagnostic::Severity::Error)
                .cloned()
                .collect();
            let text = render::diagnostics::human(&errors, &ws.files, stderr_color());
            let mut err = anstream::stderr();
            let _ = writeln!(err, "error: {role} `{}` has errors:\n", revision.name());
            let _ = write!(err, "{text}");
        }
    }
    if broken {
        return Ok(2);
    }
    let (base_name, head_name) = (base.name(), head.name());
    let diff = compare(
        Side {
            name: &base_name,
            workspace: &base_ws,
        },
        Side {
            name: &head_name,
            workspace: &head_ws,
        },
        &args.claim,
        args.as_of,
    )?;
    let text = match args.format {
        VerdictFormat::Table => render::diff_table::render(&diff),
        VerdictFormat::Json => render::diff_json::render(&diff),
        VerdictFormat::Markdown => render::diff_markdown::render(&diff),
    };
    write_stdout(&text)?;
    Ok(u8::from(diff.crosses(args.fail_on)))
}
