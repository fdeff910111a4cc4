//! The command line's arguments, as clap derive types: every subcommand, option and value
//! parser, and nothing that acts on them. Each command's file under `cli/` turns its
//! arguments into library calls.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::claim::Window;
use crate::claim::frame::window_of;
use crate::edit::snippet::Fields;
use crate::engine;
use crate::ledger::TableKind;
use crate::location::Location;

/// kensho grades a claim against a ledger of dated, sourced evidence.
#[derive(Debug, Parser)]
#[command(name = "kensho", version, about, max_term_width = 100)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour output: the value of `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, as the environment allows (see the man page's ENVIRONMENT).
    #[default]
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

/// Options every command takes, before or after its name: `kensho --ledger DIR verify` and
/// `kensho verify --ledger DIR` are the same.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The ledger and claims folders.
    #[command(flatten)]
    pub location: LocationArgs,
    /// Print only errors on stderr: no notes, no warnings
    ///
    /// Left out: the note that the built-in ledger is used, the notes of a claim saved with
    /// `--save` and of a leftover temporary file `add` removed, the ClaimReview properties
    /// missing, and warnings such as K0402 (an `--as-of` before the claim's window). Standard
    /// output is the same.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Colour: auto colours a terminal unless CLICOLOR_FORCE, NO_COLOR, CLICOLOR=0 or TERM=dumb
    /// says otherwise, in that order (see `kensho man`)
    #[arg(
        long,
        value_enum,
        value_name = "WHEN",
        default_value = "auto",
        global = true
    )]
    pub color: ColorChoice,
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
    /// List records by kind, axis, entity, source and date; or sources, entities or axes
    List(ListArgs),
    /// Show one record, source, entity or axis in full, with what uses it
    Show(ShowArgs),
    /// List the claims: their ids and text
    Claims(ClaimsArgs),
    /// Write every verdict as a static web page, with an index, into a folder
    Site(SiteArgs),
    /// Print the JSON Schema of ledger, claim or project files, for editors
    Schema(SchemaArgs),
    /// Start a project for a new topic: project file, ledger, claims, schemas, CI workflow
    Init(InitArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print the manual page of kensho or of a subcommand, or write them all
    Man(ManArgs),
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
    /// Where the review is published, for `--format claimreview` [default: `review_url` in
    /// kensho.toml's `[publisher]`]
    #[arg(long, value_name = "URL", help_heading = PUBLISHING)]
    pub url: Option<String>,
    /// Who publishes the review, for `--format claimreview` [default: `name` in kensho.toml's
    /// `[publisher]`]
    #[arg(long, value_name = "NAME", help_heading = PUBLISHING)]
    pub author: Option<String>,
}

/// The help heading of the options for publishing a verdict.
const PUBLISHING: &str = "Publishing";

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
    /// One self-contained web page with charts, footnotes and ClaimReview markup.
    Html,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagnosticFormat,
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
    pub(super) fn any(&self) -> bool {
        self.subject.is_some() || self.window.is_some() || self.save.is_some()
    }
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
}

/// Steps of `timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StepArg {
    /// The end of every month.
    Month,
    /// The end of every quarter.
    Quarter,
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
}

/// Arguments of `add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The kind of table to add
    #[arg(value_enum, required_unless_present = "from")]
    pub kind: Option<TableKind>,
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

/// Kinds of table are named on the command line by their TOML array names: the eight kinds
/// of record, then `source`, `entity` and `axis`.
impl clap::ValueEnum for TableKind {
    fn value_variants<'a>() -> &'a [Self] {
        &TableKind::RECORDS_FIRST
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.key()).help(format!("`[[{}]]`", self.key())))
    }
}

/// Arguments of `list`.
#[derive(Debug, Args)]
#[command(
    after_help = "With source, entity or axis, the conditions pick records, and kensho \
lists the sources they cite, the entities they are about or the axes they bear on; with no \
condition, every one of them. Each comes with how many of those records lead to it."
)]
pub struct ListArgs {
    /// Only records of this kind; or source, entity or axis to list those instead of records
    #[arg(value_enum)]
    pub kind: Option<TableKind>,
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
    /// Only records citing this source
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The id of a record, source, entity or axis
    pub id: String,
    /// What the id names, when it names more than one thing (ids are unique only within
    /// records, sources, entities and axes)
    #[arg(long, value_enum)]
    pub kind: Option<ShowKind>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

/// What `show --kind` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowKind {
    /// A record of any kind.
    Record,
    /// `[[source]]`
    Source,
    /// `[[entity]]`
    Entity,
    /// `[[axis]]`
    Axis,
}

impl ShowKind {
    /// The ledger's table.
    pub(super) fn namespace(self) -> crate::ledger::Namespace {
        use crate::ledger::Namespace;
        match self {
            ShowKind::Record => Namespace::Record,
            ShowKind::Source => Namespace::Source,
            ShowKind::Entity => Namespace::Entity,
            ShowKind::Axis => Namespace::Axis,
        }
    }
}

/// Output formats of `list` and `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A text table.
    Table,
    /// One JSON document.
    Json,
}

/// Arguments of `claims`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

/// Arguments of `site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder to write the site into (created if missing); nothing is written outside it
    #[arg(value_name = "OUT_DIR")]
    pub out_dir: PathBuf,
    /// Grade every claim as of this day (YYYY-MM-DD) [default: each claim's as-of]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// How to redraw weights and goalposts for robustness.
    #[command(flatten)]
    pub draws: DrawArgs,
}

/// Arguments of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file's schema
    #[arg(value_enum, default_value = "ledger")]
    pub file: SchemaFile,
}

/// Which schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFile {
    /// A ledger file (`evidence/*.toml`).
    Ledger,
    /// A claim file (`claims/*.toml`).
    Claim,
    /// The project file (`kensho.toml`).
    Project,
}

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to start the project in; made when missing [default: the working folder]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Arguments of `man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print [default: the page of kensho itself]
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "out")]
    pub subcommand: Option<String>,
    /// Write every page into this folder as kensho.1, kensho-verify.1, ... instead
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Where the ledger and claims are.
#[derive(Debug, Clone, Args)]
pub struct LocationArgs {
    /// The ledger folder [default: the project's, else the built-in ledger]
    #[arg(long, value_name = "DIR", global = true)]
    pub ledger: Option<PathBuf>,
    /// The claims folder [default: the project's]
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

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date such as 2026-04-30"))
}
