//! The command line: argument types, and the one place that reads the environment and
//! writes to the terminal.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::check::as_of::before_window;
use crate::claim::Window;
use crate::claim::frame::{Choices, window_of};
use crate::diagnostic::Diagnostic;
use crate::edit::snippet::{Fields, TableKind, snippet};
use crate::engine;
use crate::hostile::{escape, escape_lines};
use crate::ledger::{Query, RecordKind};
use crate::location::{self, Folders, Location};
use crate::render::{self, Verdict};
use crate::source_file::SourceFiles;
use crate::workspace::{GENERATED_NAME, Tree, Typed, Workspace};

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
pub struct LocationArgs {
    /// The ledger folder [default: evidence/, or the built-in ledger when there is none]
    #[arg(long, value_name = "DIR", global = true)]
    pub ledger: Option<PathBuf>,
    /// The claims folder [default: claims/]
    #[arg(long, value_name = "DIR", global = true)]
    pub claims: Option<PathBuf>,
}

impl LocationArgs {
    /// The folders named, for the library to resolve.
    pub fn location(&self) -> Location {
        Location {
            ledger: self.ledger.clone(),
            claims: self.claims.clone(),
        }
    }
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
    /// Append a record (or source, entity, axis) to the ledger, validated and atomic
    Add(Box<AddArgs>),
    /// List records by kind, axis, entity and date
    List(ListArgs),
    /// Show one record in full: sources, place, and the criteria that use it
    Show(ShowArgs),
    /// List the claims: their ids and text
    Claims(ClaimsArgs),
    /// Print the JSON Schema of ledger or claim files, for editors
    Schema(SchemaArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print the man page
    Man,
}

/// Arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A claim file, a claim id, a claim typed as an expression such as
    /// 'value(metric = gpu_share) >= 5%', or nothing for the default claim
    pub claim: Option<String>,
    /// Only this axis; for an expression, also the axis it is graded on
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
    /// What an expression does not say.
    #[command(flatten)]
    pub expression: ExpressionArgs,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: LocationArgs,
}

/// The help heading of the options for a claim typed as an expression.
const EXPRESSION: &str = "Claim typed as an expression";

/// What a claim typed as an expression does not say; `docs/claims.md` gives the defaults.
#[derive(Debug, Clone, Default, Args)]
pub struct ExpressionArgs {
    /// The entity the claim is about (needed for an expression)
    #[arg(long, value_name = "ENTITY", help_heading = EXPRESSION)]
    pub subject: Option<String>,
    /// The days the claim speaks of: 2026-04, 2026, 2026-01/2026-04 or FY2026 [default: from
    /// the first day of the earliest record to the as-of date]
    #[arg(long, value_name = "PERIOD", value_parser = window_of, help_heading = EXPRESSION)]
    pub window: Option<Window>,
    /// Write the claim file the expression makes to FILE (never over an existing file); its
    /// id is FILE's name without `.toml`
    #[arg(long, value_name = "FILE", help_heading = EXPRESSION)]
    pub save: Option<PathBuf>,
}

impl ExpressionArgs {
    /// Whether any option was given.
    fn any(&self) -> bool {
        self.subject.is_some() || self.window.is_some() || self.save.is_some()
    }
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
    pub location: LocationArgs,
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
pub enum VerifyFormat {
    /// Text tables for the terminal.
    Table,
    /// One JSON document.
    Json,
    /// Markdown.
    Markdown,
    /// schema.org ClaimReview markup (JSON-LD), for publishing the verdict.
    Claimreview,
}

/// Output formats of `explain`, `timeline` and `diff`.
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
    /// A claim file, a claim id, a claim typed as an expression such as
    /// 'value(metric = gpu_share) >= 5%', or nothing for the default claim
    pub claim: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: VerifyFormat,
    /// Use only records known up to this day (YYYY-MM-DD) [default: the claim's as-of; for
    /// an expression, the last day any record is known from]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// The axis an expression is graded on [default: its `axis`, else the first axis records
    /// of its metric bear on, else the ledger's first]
    #[arg(
        long,
        value_name = "AXIS",
        help_heading = EXPRESSION
    )]
    pub axis: Option<String>,
    /// What an expression does not say.
    #[command(flatten)]
    pub expression: ExpressionArgs,
    /// How to redraw weights and goalposts for robustness.
    #[command(flatten)]
    pub draws: DrawArgs,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: LocationArgs,
}

/// Robustness options.
#[derive(Debug, Clone, Copy, Args)]
pub struct DrawArgs {
    /// Monte Carlo draws over weights, goalposts and approximate figures (1 to 100000)
    #[arg(long, value_name = "N", default_value_t = engine::robustness::DEFAULT_DRAWS,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(engine::robustness::MAX_DRAWS)))]
    pub draws: u32,
    /// Seed of the draws; the same seed gives the same output
    #[arg(long, value_name = "S", default_value_t = engine::robustness::DEFAULT_SEED)]
    pub seed: u64,
    /// Dirichlet concentration around the axis weights, 0 to 1e6 (0 keeps them fixed)
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
        .filter(|k| (0.0..=1e6).contains(k))
        .ok_or_else(|| format!("`{text}` is not a concentration: give a number from 0 to 1e6"))
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagnosticFormat,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: LocationArgs,
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
            // An error may quote a path, an argument or an id: shown, never obeyed.
            let _ = writeln!(
                std::io::stderr(),
                "error: {}",
                escape_lines(&format!("{e:#}"))
            );
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

/// Reads the tree a command works on (see [`location`]); a claim given as a file path
/// replaces the claims folder.
fn tree(location: &LocationArgs, claim: Option<&str>) -> anyhow::Result<Tree> {
    Ok(location.location().read(&here(), claim)?)
}

/// The working folder, which relative paths are taken from; `.` when it cannot be named.
fn here() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// The claim id named by a CLAIM argument that is not a file path.
fn claim_name(claim: Option<&str>) -> Option<&str> {
    claim.filter(|c| !location::claim_file(&here(), c))
}

/// Whether a CLAIM argument is a claim typed as an expression: it has a parenthesis.
fn is_expression(claim: &str) -> bool {
    claim.contains('(')
}

/// Loads the workspace a command grades, and names the claim in it to grade: a claim typed
/// as an expression (framed by `typed`, `axis` and `as_of`), or as before a claim file, a
/// claim id or, with `None`, the default claim.
fn graded(
    location: &LocationArgs,
    claim: Option<&str>,
    typed: &ExpressionArgs,
    axis: Option<&str>,
    as_of: Option<NaiveDate>,
) -> anyhow::Result<(Workspace, Option<String>)> {
    let Some(text) = claim.filter(|c| is_expression(c)) else {
        anyhow::ensure!(
            !typed.any(),
            "`--subject`, `--window` and `--save` are for a claim typed as an expression, \
             such as 'value(metric = gpu_share) >= 5%'"
        );
        let workspace = Workspace::load(tree(location, claim)?);
        return Ok((workspace, claim_name(claim).map(str::to_owned)));
    };
    let subject = typed.subject.clone().context(
        "a claim typed as an expression needs `--subject ENTITY`: the entity it is about",
    )?;
    if let Some(path) = &typed.save {
        anyhow::ensure!(
            !path.exists(),
            "`{}` exists already, and `--save` never replaces a file: give another name",
            path.display()
        );
    }
    let choices = Choices {
        id: (typed.save.as_deref())
            .and_then(Path::file_stem)
            .map(|stem| stem.to_string_lossy().into_owned()),
        subject,
        as_of,
        window: typed.window,
        axis: axis.map(str::to_owned),
    };
    let (workspace, made) = Workspace::load_expression(
        tree(location, None)?,
        Typed {
            text: text.to_owned(),
            choices,
            path: (typed.save.clone()).unwrap_or_else(|| PathBuf::from(GENERATED_NAME)),
        },
    )?;
    if let (Some(path), Some(file)) = (&typed.save, &made) {
        save(path, &file.text)?;
        let _ = writeln!(
            anstream::stderr(),
            "saved claim `{}` to `{}`",
            escape(&file.id),
            escape(&path.display().to_string())
        );
    }
    Ok((workspace, made.map(|file| file.id)))
}

/// Writes a new file, refusing to replace one that exists (even one made since it was
/// looked for), and removing what it wrote when writing fails.
fn save(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create `{}`", path.display()))?;
    if let Err(e) = file.write_all(text.as_bytes()).and_then(|()| file.flush()) {
        let _ = std::fs::remove_file(path);
        return Err(e).with_context(|| format!("cannot write `{}`", path.display()));
    }
    Ok(())
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Verify(args) => verify(args),
        Command::Check(args) => check(args),
        Command::Explain(args) => explain(args),
        Command::Timeline(args) => timeline(args),
        Command::Diff(args) => diff(args),
        Command::Add(args) => add(*args),
        Command::List(args) => list(args),
        Command::Show(args) => show(args),
        Command::Claims(args) => claims(args),
        Command::Schema(args) => {
            write_stdout(&match args.file {
                SchemaFile::Ledger => crate::schema::ledger(),
                SchemaFile::Claim => crate::schema::claim(),
            })?;
            Ok(0)
        }
        Command::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "kensho", &mut out);
            write_stdout(&String::from_utf8_lossy(&out))?;
            Ok(0)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .context("cannot render the man page")?;
            write_stdout(&String::from_utf8_lossy(&out))?;
            Ok(0)
        }
    }
}

fn explain(args: ExplainArgs) -> anyhow::Result<u8> {
    let (workspace, name) = graded(
        &args.location,
        args.claim.as_deref(),
        &args.expression,
        args.axis.as_deref(),
        args.as_of,
    )?;
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let claim = workspace.claim(name.as_deref())?;
    if let Some(axis) = &args.axis {
        anyhow::ensure!(
            claim.axes.iter().any(|a| &a.id == axis),
            "claim `{}` has no axis `{axis}`",
            claim.id
        );
    }
    if let Some(criterion) = &args.criterion {
        anyhow::ensure!(
            claim.criteria().any(|(_, c)| &c.id == criterion),
            "claim `{}` has no criterion `{criterion}`",
            claim.id
        );
    }
    warn(
        args.as_of.and_then(|d| before_window(claim, d)).as_slice(),
        &workspace.files,
    );
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
    let workspace = Workspace::load(tree);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let claim = workspace.claim(claim_name(args.claim.as_deref()))?;
    let (default_from, default_to) = default_range(claim);
    let (from, to) = (
        args.from.unwrap_or(default_from),
        args.to.unwrap_or(default_to),
    );
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

/// A workspace's errors (not its warnings) as rendered for stderr.
fn errors_text(workspace: &Workspace) -> String {
    let errors: Vec<_> = workspace
        .diagnostics
        .iter()
        .filter(|d| d.severity() == crate::diagnostic::Severity::Error)
        .cloned()
        .collect();
    render::diagnostics::human(&errors, &workspace.files, stderr_color())
}

/// Prints warnings to stderr, as `check` renders them; nothing when there are none.
fn warn(warnings: &[Diagnostic], files: &SourceFiles) {
    if !warnings.is_empty() {
        let text = render::diagnostics::human(warnings, files, stderr_color());
        let _ = write!(anstream::stderr(), "{text}");
    }
}

/// Prints a workspace's errors to stderr; true when there were any.
fn refuse_errors(workspace: &Workspace) -> bool {
    if !workspace.has_errors() {
        return false;
    }
    let _ = write!(anstream::stderr(), "{}", errors_text(workspace));
    true
}

fn verify(args: VerifyArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(
        args.axis.is_none() || args.claim.as_deref().is_some_and(is_expression),
        "`--axis` is for a claim typed as an expression, such as 'value(metric = gpu_share) >= 5%'"
    );
    let (workspace, name) = graded(
        &args.location,
        args.claim.as_deref(),
        &args.expression,
        args.axis.as_deref(),
        args.as_of,
    )?;
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let claim = workspace.claim(name.as_deref())?;
    warn(
        args.as_of.and_then(|d| before_window(claim, d)).as_slice(),
        &workspace.files,
    );
    let as_of = args.as_of.unwrap_or(claim.as_of);
    let evaluation = engine::evaluate(claim, &workspace.ledger, as_of);
    let robustness =
        engine::robustness::assess(claim, &workspace.ledger, &evaluation, args.draws.settings());
    let verdict = Verdict {
        claim,
        ledger: &workspace.ledger,
        evaluation: &evaluation,
        robustness: Some(&robustness),
    };
    let text = match args.format {
        VerifyFormat::Table => render::table::render(&verdict),
        VerifyFormat::Json => render::json::render(&verdict),
        VerifyFormat::Markdown => render::markdown::render(&verdict),
        VerifyFormat::Claimreview => render::claimreview::render(&verdict),
    };
    write_stdout(&text)?;
    Ok(0)
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let workspace = Workspace::load(tree(&args.location, None)?);
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
    pub location: LocationArgs,
}

fn diff(args: DiffArgs) -> anyhow::Result<u8> {
    use crate::diff::{Side, compare};
    use crate::git::Revision;
    let here = Path::new(".");
    let Folders { ledger, claims } = args.location.location().folders();
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
    let (base_ws, head_ws) = (Workspace::load(base_tree), Workspace::load(head_tree));
    let mut broken = false;
    for (role, revision, ws) in [("BASE", &base, &base_ws), ("HEAD", &head, &head_ws)] {
        if ws.has_errors() {
            broken = true;
            let text = errors_text(ws);
            let mut err = anstream::stderr();
            let _ = writeln!(
                err,
                "error: {role} `{}` has errors:\n",
                escape(&revision.name())
            );
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
    if let Some(as_of) = args.as_of {
        // Each claim as HEAD has it, else as BASE had it, with the files of its revision.
        let (mut head_warnings, mut base_warnings) = (Vec::new(), Vec::new());
        for c in &diff.claims {
            let (graded, warnings) = match (&c.head, &c.base) {
                (Some(graded), _) => (graded, &mut head_warnings),
                (None, Some(graded)) => (graded, &mut base_warnings),
                (None, None) => continue,
            };
            warnings.extend(before_window(graded.claim, as_of));
        }
        warn(&head_warnings, &head_ws.files);
        warn(&base_warnings, &base_ws.files);
    }
    let text = match args.format {
        VerdictFormat::Table => render::diff_table::render(&diff),
        VerdictFormat::Json => render::diff_json::render(&diff),
        VerdictFormat::Markdown => render::diff_markdown::render(&diff),
    };
    write_stdout(&text)?;
    Ok(u8::from(diff.crosses(args.fail_on)))
}

/// Which schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFile {
    /// A ledger file (`evidence/*.toml`).
    Ledger,
    /// A claim file (`claims/*.toml`).
    Claim,
}

/// Arguments of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file's schema
    #[arg(value_enum, default_value = "ledger")]
    pub file: SchemaFile,
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Output formats of `list` and `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A text table.
    Table,
    /// One JSON document.
    Json,
}

/// Record kinds, as `list` and `add` name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// `[[event]]`
    Event,
    /// `[[budget]]`
    Budget,
    /// `[[investment]]`
    Investment,
    /// `[[metric]]`
    Metric,
    /// `[[benchmark]]`
    Benchmark,
    /// `[[release]]`
    Release,
    /// `[[deployment]]`
    Deployment,
    /// `[[target]]`
    Target,
    /// `[[source]]` (add only)
    Source,
    /// `[[entity]]` (add only)
    Entity,
    /// `[[axis]]` (add only)
    Axis,
}

impl KindArg {
    /// The kind of table.
    fn table_kind(self) -> TableKind {
        match self {
            KindArg::Event => TableKind::Record(RecordKind::Event),
            KindArg::Budget => TableKind::Record(RecordKind::Budget),
            KindArg::Investment => TableKind::Record(RecordKind::Investment),
            KindArg::Metric => TableKind::Record(RecordKind::Metric),
            KindArg::Benchmark => TableKind::Record(RecordKind::Benchmark),
            KindArg::Release => TableKind::Record(RecordKind::Release),
            KindArg::Deployment => TableKind::Record(RecordKind::Deployment),
            KindArg::Target => TableKind::Record(RecordKind::Target),
            KindArg::Source => TableKind::Source,
            KindArg::Entity => TableKind::Entity,
            KindArg::Axis => TableKind::Axis,
        }
    }

    /// The record kind; `None` for a source, an entity or an axis, which are not records.
    fn record_kind(self) -> Option<RecordKind> {
        match self.table_kind() {
            TableKind::Record(kind) => Some(kind),
            TableKind::Source | TableKind::Entity | TableKind::Axis => None,
        }
    }
}

/// Arguments of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only records of this kind
    #[arg(value_enum)]
    pub kind: Option<KindArg>,
    /// Only records bearing on this axis
    #[arg(long, value_name = "AXIS")]
    pub axis: Option<String>,
    /// Only records about this entity, or about entities of this country
    #[arg(long, value_name = "ENTITY")]
    pub entity: Option<String>,
    /// Only records known on or after this day
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Only records known on or before this day
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: LocationArgs,
}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: LocationArgs,
}

/// Arguments of `add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The kind of table to add
    #[arg(value_enum, required_unless_present = "from")]
    pub kind: Option<KindArg>,
    /// Read `[[kind]]` tables from this TOML file, or `-` for standard input
    #[arg(long, value_name = "FILE", conflicts_with = "kind")]
    pub from: Option<PathBuf>,
    /// Write into this file instead of the one that holds tables of the kind
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print the unified diff it would apply, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The table's fields.
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: LocationArgs,
}

/// The fields `add KIND` can set; which apply depends on the kind (see docs/ledger.md).
/// Quantities are written as stated: `--amount "5027 億円"`, `--value "about 1 %"`,
/// `--value "1/30 factor"`.
#[derive(Debug, Default, Args)]
#[command(next_help_heading = "Fields")]
pub struct FieldArgs {
    /// Id [default: derived from the date and title]
    #[arg(long)]
    pub id: Option<String>,
    /// Day (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Period instead of a day: 2024, 2026-01, 2019/2023, ../2026-04
    #[arg(long)]
    pub period: Option<String>,
    /// Japanese fiscal year instead of a day
    #[arg(long)]
    pub fiscal_year: Option<i64>,
    /// The entity the record is about
    #[arg(long)]
    pub entity: Option<String>,
    /// An axis it bears on (repeatable)
    #[arg(long = "axis", value_name = "AXIS")]
    pub axes: Vec<String>,
    /// A source id (repeatable)
    #[arg(long = "source", value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// Title, in your own words
    #[arg(long)]
    pub title: Option<String>,
    /// Japanese title
    #[arg(long)]
    pub title_ja: Option<String>,
    /// Note
    #[arg(long)]
    pub note: Option<String>,
    /// Only the entity's own unverified word backs it
    #[arg(long)]
    pub self_reported: bool,
    /// Event type: law, plan, guideline, paper, partnership, launch, award...
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Journal, conference or award body
    #[arg(long)]
    pub venue: Option<String>,
    /// A partner entity (repeatable)
    #[arg(long = "partner", value_name = "ENTITY")]
    pub partners: Vec<String>,
    /// Indicator name (budget, metric)
    #[arg(long)]
    pub metric: Option<String>,
    /// Amount as stated (budget, investment), e.g. "5027 億円"
    #[arg(long)]
    pub amount: Option<String>,
    /// Value as stated (metric, target), e.g. "0.93 USD bn"
    #[arg(long)]
    pub value: Option<String>,
    /// The same amount in another unit (investment)
    #[arg(long)]
    pub equivalent: Option<String>,
    /// annual, additional, cumulative (budget); new, cumulative (investment)
    #[arg(long)]
    pub basis: Option<String>,
    /// The budget this is a line of
    #[arg(long)]
    pub part_of: Option<String>,
    /// Who pays (budget)
    #[arg(long)]
    pub funder: Option<String>,
    /// Who invests (investment)
    #[arg(long)]
    pub investor: Option<String>,
    /// Funding round (investment)
    #[arg(long)]
    pub round: Option<String>,
    /// The value is relative to this entity's (metric)
    #[arg(long)]
    pub relative_to: Option<String>,
    /// The record this one states again (metric)
    #[arg(long)]
    pub restates: Option<String>,
    /// Model (benchmark)
    #[arg(long)]
    pub model: Option<String>,
    /// Test (benchmark)
    #[arg(long)]
    pub test: Option<String>,
    /// Score as stated (benchmark), e.g. "70.7 %"
    #[arg(long)]
    pub score: Option<String>,
    /// A comparator "MODEL[@ENTITY]=SCORE UNIT" (benchmark, repeatable)
    #[arg(long = "comparator", value_name = "COMPARATOR")]
    pub comparators: Vec<String>,
    /// Artifact name (release)
    #[arg(long)]
    pub artifact: Option<String>,
    /// model, code or dataset (release)
    #[arg(long)]
    pub artifact_kind: Option<String>,
    /// Whether weights can be downloaded (release)
    #[arg(long)]
    pub open_weights: Option<bool>,
    /// Licence (release)
    #[arg(long)]
    pub licence: Option<String>,
    /// System name (deployment)
    #[arg(long)]
    pub system: Option<String>,
    /// healthcare, manufacturing, construction, robotics, mobility... (deployment)
    #[arg(long)]
    pub domain: Option<String>,
    /// announced, pilot, trial, production (deployment)
    #[arg(long)]
    pub stage: Option<String>,
    /// A measured result "MEASURE=VALUE UNIT" (deployment, repeatable)
    #[arg(long = "result", value_name = "RESULT")]
    pub results: Vec<String>,
    /// Calendar year due (target)
    #[arg(long)]
    pub by_year: Option<i64>,
    /// Fiscal year due (target)
    #[arg(long)]
    pub by_fiscal_year: Option<i64>,
    /// URL (source)
    #[arg(long)]
    pub url: Option<String>,
    /// Publisher (source)
    #[arg(long)]
    pub publisher: Option<String>,
    /// law, government, statistics, company, news, academic, ranking (source)
    #[arg(long)]
    pub source_kind: Option<String>,
    /// Publication day (source)
    #[arg(long, value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// Name (entity)
    #[arg(long)]
    pub name: Option<String>,
    /// Japanese name (entity)
    #[arg(long)]
    pub name_ja: Option<String>,
    /// country, government, company, institution, university, startup (entity)
    #[arg(long)]
    pub entity_kind: Option<String>,
    /// The entity's country (entity)
    #[arg(long)]
    pub country: Option<String>,
    /// Description (axis)
    #[arg(long)]
    pub description: Option<String>,
}

impl From<FieldArgs> for Fields {
    fn from(f: FieldArgs) -> Fields {
        Fields {
            id: f.id,
            date: f.date,
            period: f.period,
            fiscal_year: f.fiscal_year,
            entity: f.entity,
            axes: f.axes,
            sources: f.sources,
            title: f.title,
            title_ja: f.title_ja,
            note: f.note,
            self_reported: f.self_reported,
            event_type: f.event_type,
            venue: f.venue,
            partners: f.partners,
            metric: f.metric,
            amount: f.amount,
            value: f.value,
            equivalent: f.equivalent,
            basis: f.basis,
            part_of: f.part_of,
            funder: f.funder,
            investor: f.investor,
            round: f.round,
            relative_to: f.relative_to,
            restates: f.restates,
            model: f.model,
            test: f.test,
            score: f.score,
            comparators: f.comparators,
            artifact: f.artifact,
            artifact_kind: f.artifact_kind,
            open_weights: f.open_weights,
            licence: f.licence,
            system: f.system,
            domain: f.domain,
            stage: f.stage,
            results: f.results,
            by_year: f.by_year,
            by_fiscal_year: f.by_fiscal_year,
            url: f.url,
            publisher: f.publisher,
            source_kind: f.source_kind,
            published: f.published,
            name: f.name,
            name_ja: f.name_ja,
            entity_kind: f.entity_kind,
            country: f.country,
            description: f.description,
        }
    }
}

fn add(args: AddArgs) -> anyhow::Result<u8> {
    use crate::edit;
    use std::io::Read as _;
    let Folders { ledger, claims } = args.location.location().folders();
    let (text, origin) = match (&args.from, args.kind) {
        (Some(path), _) if path.as_os_str() == "-" => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read standard input")?;
            (text, PathBuf::from("<stdin>"))
        }
        (Some(path), _) => (
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?,
            path.clone(),
        ),
        (None, Some(kind)) => (
            snippet(kind.table_kind(), &args.fields.into())?,
            PathBuf::from("<command line>"),
        ),
        (None, None) => anyhow::bail!("name a KIND or give `--from FILE`"),
    };
    let file = args.file.as_deref();
    if args.dry_run {
        return match edit::plan(&ledger, &claims, &text, &origin, file) {
            Ok(plan) => {
                write_stdout(&escape_lines(&edit::unified_diff(&plan)))?;
                Ok(0)
            }
            Err(e) => add_refused(e),
        };
    }
    let applied = match edit::add(&ledger, &claims, &text, &origin, file) {
        Ok(applied) => applied,
        Err(e) => return add_refused(e),
    };
    for path in &applied.removed {
        let _ = writeln!(
            anstream::stderr(),
            "note: removed `{}`, left by an `add` that was stopped",
            escape(&path.display().to_string())
        );
    }
    let mut report = String::new();
    for a in &applied.added {
        report.push_str(&format!(
            "added {} `{}` to `{}`\n",
            a.kind,
            escape(&a.id),
            escape(&a.file.display().to_string())
        ));
        if a.derived {
            report.push_str(&format!(
                "  the id `{}` was derived from the date and title\n",
                escape(&a.id)
            ));
        }
    }
    write_stdout(&report)?;
    Ok(0)
}

/// Reports why `add` wrote nothing: exit 1 with the diagnostics when the ledger would have
/// errors, else an error (exit 2).
fn add_refused(error: crate::edit::Error) -> anyhow::Result<u8> {
    let crate::edit::Error::Invalid(errors, workspace) = error else {
        return Err(error.into());
    };
    let rendered = errors_text(&workspace);
    let _ = writeln!(
        anstream::stderr(),
        "{rendered}error: the addition was refused ({errors} error{}); no file was changed",
        if errors == 1 { "" } else { "s" }
    );
    Ok(1)
}

fn list(args: ListArgs) -> anyhow::Result<u8> {
    let workspace = Workspace::load(tree(&args.location, None)?);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let kind = (args.kind.map(KindArg::record_kind))
        .map(|k| {
            k.context("`list` shows records; sources, entities and axes are in the ledger files")
        })
        .transpose()?;
    let records = workspace.ledger.query(&Query {
        kind,
        axis: args.axis,
        entity: args.entity,
        since: args.since,
        until: args.until,
    });
    let text = match args.format {
        ListFormat::Table => render::list::table(&records),
        ListFormat::Json => render::list::json(&records, &workspace.files),
    };
    write_stdout(&text)?;
    Ok(0)
}

/// Arguments of `claims`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// Where the ledger and claims are.
    #[command(flatten)]
    pub location: LocationArgs,
}

fn claims(args: ClaimsArgs) -> anyhow::Result<u8> {
    let workspace = Workspace::load(tree(&args.location, None)?);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let default = workspace.claim(None).ok().map(|c| c.id.as_str());
    let text = match args.format {
        ListFormat::Table => render::claims::table(&workspace.claims, default),
        ListFormat::Json => render::claims::json(&workspace.claims, default, &workspace.files),
    };
    write_stdout(&text)?;
    Ok(0)
}

fn show(args: ShowArgs) -> anyhow::Result<u8> {
    let workspace = Workspace::load(tree(&args.location, None)?);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let ledger = &workspace.ledger;
    let position = ledger
        .record_position(&args.id)
        .with_context(|| format!("no record `{}`", args.id))?;
    let record = &ledger.records[position];
    let uses: Vec<render::list::Use> =
        (engine::uses::criteria_using(&workspace.claims, ledger, position).into_iter())
            .map(Into::into)
            .collect();
    let text = match args.format {
        ListFormat::Table => render::list::show(record, ledger, &workspace.files, &uses),
        ListFormat::Json => render::list::show_json(record, ledger, &workspace.files, &uses),
    };
    write_stdout(&text)?;
    Ok(0)
}
