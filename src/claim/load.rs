//! Reading a claim file: TOML to a typed [`Claim`], with each measure's parameters checked
//! against what that measure takes.
//!
//! The file is read part by part (the claim's own keys, each reading, each axis, each
//! criterion), so that a mistake in one criterion does not hide mistakes in another. What can
//! be judged from the claim alone is judged here, where every value's place is known:
//! goalposts, weights, readings naming criteria, ids repeated within the claim. What needs
//! the ledger (metrics, axes, entities) is left to [`crate::check`].

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::check::values::url_problem;
use crate::claim::{
    Basis, Claim, ClaimAxis, Criterion, Figure, Filter, Goalposts, Grading, Located, Measure,
    MeasureKind, Provenance, Reading, Scale, Selection, Threshold, Window,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::load::{
    PERIOD_HELP, Subject, date_diagnostic, period_problem, strings, tables, to_date, typed,
};
use crate::ledger::{Dimension, EventType, RecordKind, Stage, When};
use crate::source_file::{FileId, Origin, Span};

/// The default robustness tolerance on goalposts: 20%.
pub const DEFAULT_TOLERANCE: f64 = 0.2;

const DOCS: &str = "docs/claims.md";

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawClaim {
    #[schemars(with = "String")]
    id: Spanned<String>,
    text: String,
    text_ja: Option<String>,
    #[schemars(with = "String")]
    subject: Spanned<String>,
    #[schemars(with = "crate::schema::Date")]
    as_of: Spanned<toml::value::Datetime>,
    #[schemars(with = "RawWindow")]
    window: Spanned<RawWindow>,
    #[serde(default)]
    default: bool,
    #[schemars(with = "Option<f64>")]
    tolerance: Option<Spanned<f64>>,
    /// Who made the claim: a person or an organisation.
    claimant: Option<String>,
    /// Whether the claimant is a `person` or an `organization` [default: organization].
    #[serde(default)]
    claimant_kind: crate::claim::ClaimantKind,
    /// The claimant's home page.
    #[schemars(with = "Option<String>")]
    claimant_url: Option<Spanned<String>>,
    /// Where the claim appeared: the address of the page, post or video that makes it.
    #[schemars(with = "Option<String>")]
    appearance: Option<Spanned<String>>,
    /// The day the claim was made.
    #[schemars(with = "Option<crate::schema::Date>")]
    claim_date: Option<Spanned<toml::value::Datetime>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWindow {
    #[schemars(with = "crate::schema::Date")]
    from: Spanned<toml::value::Datetime>,
    #[schemars(with = "crate::schema::Date")]
    to: Spanned<toml::value::Datetime>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReading {
    #[schemars(with = "String")]
    id: Spanned<String>,
    title: String,
    #[schemars(with = "Option<f64>")]
    weight: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RawGoalposts>")]
    goalposts: BTreeMap<Spanned<String>, Spanned<RawGoalposts>>,
}

/// Goalposts as written: numbers in the measure's base unit, or figures with a unit.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGoalposts {
    /// The value that counts as world level.
    world: RawFigure,
    /// The value that counts as nothing.
    nothing: RawFigure,
}

/// A number, or a figure with a unit such as `"2兆円"` or `"5%"`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum RawFigure {
    /// A number in the measure's base unit.
    Number(f64),
    /// A number with a unit.
    Text(String),
}

impl RawFigure {
    fn figure(&self) -> Result<Figure, String> {
        match self {
            RawFigure::Number(v) if v.is_finite() => Ok(Figure::plain(*v)),
            RawFigure::Number(_) => Err("goalposts must be finite numbers".to_owned()),
            RawFigure::Text(t) => Figure::parse(t),
        }
    }
}

impl RawGoalposts {
    /// The goalposts in base units and the dimension they are written in, or why not.
    fn read(&self) -> Result<(Goalposts, Option<Dimension>), String> {
        let world = self.world.figure()?;
        let nothing = self.nothing.figure()?;
        let dimension = match (world.dimension(), nothing.dimension()) {
            (Some(a), Some(b)) if a != b => {
                return Err(format!(
                    "`world` is in {} and `nothing` in {}",
                    world.unit.map_or("", |u| u.symbol()),
                    nothing.unit.map_or("", |u| u.symbol())
                ));
            }
            (a, b) => a.or(b),
        };
        Ok((
            Goalposts {
                world: world.base(),
                nothing: nothing.base(),
            },
            dimension,
        ))
    }
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAxis {
    #[schemars(with = "String")]
    id: Spanned<String>,
    #[schemars(with = "f64")]
    weight: Spanned<f64>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCriterion {
    #[schemars(with = "String")]
    id: Spanned<String>,
    title: String,
    #[schemars(with = "Option<f64>")]
    weight: Option<Spanned<f64>>,
    measure: MeasureKind,
    #[schemars(with = "Option<Scale>")]
    scale: Option<Spanned<Scale>>,
    #[schemars(with = "Option<RawGoalposts>")]
    goalposts: Option<Spanned<RawGoalposts>>,
    #[schemars(with = "Option<String>")]
    threshold: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    metric: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<String>>")]
    peers: Option<Spanned<Vec<String>>>,
    #[schemars(with = "Option<String>")]
    entity: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    period: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    from: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    to: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<RecordKind>>")]
    kinds: Option<Spanned<Vec<RecordKind>>>,
    #[schemars(with = "Option<Vec<EventType>>")]
    types: Option<Spanned<Vec<EventType>>>,
    #[schemars(with = "Option<Vec<Stage>>")]
    stages: Option<Spanned<Vec<Stage>>>,
    #[schemars(with = "Option<bool>")]
    open_weights: Option<Spanned<bool>>,
    #[schemars(with = "Option<String>")]
    axis: Option<Spanned<String>>,
    #[schemars(with = "Option<Vec<String>>")]
    axes: Option<Spanned<Vec<String>>>,
    #[schemars(with = "Option<Basis>")]
    basis: Option<Spanned<Basis>>,
    #[schemars(with = "Option<String>")]
    record: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    investor: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    funder: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    comparator: Option<Spanned<String>>,
    #[schemars(with = "Option<crate::schema::Date>")]
    since: Option<Spanned<toml::value::Datetime>>,
    #[schemars(with = "Option<crate::schema::Date>")]
    until: Option<Spanned<toml::value::Datetime>>,
    #[schemars(with = "Option<String>")]
    test: Option<Spanned<String>>,
    #[schemars(with = "Option<bool>")]
    cumulative: Option<Spanned<bool>>,
}

/// Parses a period as written in a claim: `FY2025` for a fiscal year, otherwise the ledger's
/// `period` syntax.
pub fn parse_period(text: &str) -> Result<When, String> {
    match text.strip_prefix("FY") {
        Some(year) => year
            .parse::<i64>()
            .map_err(|_| format!("`{text}` is not a fiscal year such as `FY2026`"))
            .and_then(When::fiscal_year),
        None => When::parse_period(text).map_err(|m| period_problem(text, m)),
    }
}

/// Which way a measure's values improve, and so which way its goalposts must point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// More is better: `world` lies above `nothing`.
    Up,
    /// Less is better (a rank, a gap): `world` lies below `nothing`.
    Down,
}

impl Direction {
    /// The direction of a measure, or `None` when it depends on what is measured (`value`
    /// reads a metric as stated; [`crate::check`] settles it for rank metrics).
    pub fn of(kind: MeasureKind) -> Option<Direction> {
        match kind {
            MeasureKind::RatioToLeader
            | MeasureKind::Share
            | MeasureKind::Growth
            | MeasureKind::Count
            | MeasureKind::Sum
            | MeasureKind::BenchmarkRatio => Some(Direction::Up),
            MeasureKind::Rank | MeasureKind::BenchmarkGap => Some(Direction::Down),
            MeasureKind::Value => None,
        }
    }

    /// Why goalposts point the wrong way for this direction, if they do.
    pub fn problem(self, goalposts: Goalposts, why: &str) -> Option<String> {
        let (world, nothing) = (goalposts.world, goalposts.nothing);
        match self {
            Direction::Up if world < nothing => Some(format!(
                "goalposts point the wrong way: {why} more is better, so `world` ({world}) must be above `nothing` ({nothing})"
            )),
            Direction::Down if world > nothing => Some(format!(
                "goalposts point the wrong way: {why} less is better, so `world` ({world}) must be below `nothing` ({nothing})"
            )),
            _ => None,
        }
    }
}

/// The criteria ids of a claim as written, and their places: to tell a reading that names an
/// unknown criterion from one that names a criterion that could not be read.
#[derive(Default)]
struct Names {
    criteria: Vec<String>,
}

/// Reads one claim file. `None` (with diagnostics) when the claim's own keys cannot be read,
/// or when the file is empty; otherwise the claim with every part that could be read, so that
/// the checks can look at those too. A claim with any error is never graded.
pub fn read_claim(
    file: FileId,
    document: Spanned<DeTable<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Claim> {
    let span = document.span();
    if document.get_ref().is_empty() {
        // Blank or comments only: reported as an empty file when it was decoded.
        return None;
    }
    let whole = Spanned::new(span.clone(), DeValue::Table(document.into_inner()));
    let subject = Subject::of("claim", "a claim", DOCS, whole.get_ref());
    strings(
        Origin::file(file),
        &subject,
        &whole,
        &[
            ("reading", "reading", "[[reading]]"),
            ("axis", "axis", "[[axis]]"),
            ("criterion", "criterion", "[[axis.criterion]]"),
        ],
        diagnostics,
    );
    let DeValue::Table(mut root) = whole.into_inner() else {
        return None;
    };
    let reading_value = root.remove("reading");
    let axis_value = root.remove("axis");
    let root = Spanned::new(span, DeValue::Table(root));
    let head = typed::<RawClaim>(Origin::file(file), &subject, root, diagnostics);
    let claim_id = subject.id.clone().unwrap_or_default();
    let at = |s: std::ops::Range<usize>| Span::new(file, s);

    // Readings and axes are read even when the claim's own keys are not, to report them all.
    let reading_tables = reading_value
        .map(|v| tables(Origin::file(file), "reading", v, diagnostics))
        .unwrap_or_default();
    let axis_tables = axis_value
        .map(|v| tables(Origin::file(file), "axis", v, diagnostics))
        .unwrap_or_default();
    let mut complete = true;
    let mut names = Names::default();
    let mut axes = Vec::with_capacity(axis_tables.len());
    for table in axis_tables {
        match read_axis(file, table, &mut names, diagnostics) {
            Some(axis) => axes.push(axis),
            None => complete = false,
        }
    }
    let mut readings = Vec::with_capacity(reading_tables.len());
    for table in reading_tables {
        let reading_subject = Subject::of("reading", "[[reading]]", DOCS, table.get_ref());
        match typed::<Spanned<RawReading>>(Origin::file(file), &reading_subject, table, diagnostics)
        {
            Some(raw) => readings.push(raw),
            None => complete = false,
        }
    }

    let raw = head?;
    let claim_span = at(raw.id.span());
    let mut usable = true;
    let mut date = |value: &Spanned<toml::value::Datetime>, diagnostics: &mut Vec<Diagnostic>| {
        to_date(value.get_ref())
            .map_err(|m| {
                diagnostics.push(date_diagnostic(
                    at(value.span()),
                    format!("claim `{claim_id}`: {m}"),
                ));
                usable = false;
            })
            .ok()
    };
    let as_of = date(&raw.as_of, diagnostics);
    let claim_date = raw.claim_date.as_ref().map(|d| date(d, diagnostics));
    let window_span = at(raw.window.span());
    let window = raw.window.into_inner();
    let from = date(&window.from, diagnostics);
    let to = date(&window.to, diagnostics);
    let window = match (from, to) {
        (Some(from), Some(to)) if from <= to => Some(Window { from, to }),
        (Some(from), Some(to)) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    window_span,
                    format!("claim `{claim_id}`: the window ends ({to}) before it starts ({from})"),
                )
                .with_help("swap `from` and `to`"),
            );
            None
        }
        _ => None,
    };
    if let (Some(window), Some(as_of)) = (window, as_of)
        && window.starts_after(as_of)
    {
        diagnostics.push(
            Diagnostic::new(
                Code::BadClaim,
                window_span,
                format!(
                    "claim `{claim_id}`: the window starts ({}) after the as-of date ({as_of})",
                    window.from
                ),
            )
            .with_help("no record could count; move `as_of` to the end of the window or later"),
        );
    }
    let tolerance = match raw.tolerance {
        Some(t) if !(0.0..=1.0).contains(t.get_ref()) => {
            let value = t.get_ref();
            let problem = if value.is_finite() {
                "is outside 0 to 1"
            } else {
                "is not a finite number"
            };
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    at(t.span()),
                    format!("claim `{claim_id}`: tolerance `{value}` {problem}"),
                )
                .with_help("write the tolerance as a fraction: 0.2 for 20%"),
            );
            None
        }
        Some(t) => Some(t.into_inner()),
        None => Some(DEFAULT_TOLERANCE),
    };

    check_readings(
        file,
        &claim_id,
        &readings,
        &axes,
        &names,
        complete,
        diagnostics,
    );
    check_axes(&claim_id, claim_span, &axes, complete, diagnostics);
    if readings.is_empty() && complete {
        diagnostics.push(
            Diagnostic::new(
                Code::BadClaim,
                claim_span,
                format!("claim `{claim_id}` has no `[[reading]]`"),
            )
            .with_help("add at least one reading: what the claim's vague words are taken to mean"),
        );
    }
    if axes.is_empty() && complete {
        diagnostics.push(
            Diagnostic::new(
                Code::BadClaim,
                claim_span,
                format!("claim `{claim_id}` has no `[[axis]]`"),
            )
            .with_help("add at least one `[[axis]]` with `[[axis.criterion]]` tables"),
        );
    }

    let mut url = |value: Option<Spanned<String>>, key: &str| {
        let value = value?;
        let span = at(value.span());
        let problem = url_problem(value.get_ref());
        // A control or direction character is reported where it is read (K0211).
        if let Some(problem) =
            problem.filter(|_| crate::hostile::first(value.get_ref(), false).is_none())
        {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadUrl,
                    span,
                    format!("claim `{claim_id}`: `{key}` is a malformed URL: {problem}"),
                )
                .with_help("write an absolute URL such as `https://example.org/page`"),
            );
            usable = false;
            return None;
        }
        Some(Located {
            value: value.into_inner(),
            span,
        })
    };
    let provenance = Provenance {
        claimant: raw.claimant,
        claimant_kind: raw.claimant_kind,
        claimant_url: url(raw.claimant_url, "claimant_url"),
        appearance: url(raw.appearance, "appearance"),
        date: claim_date.flatten(),
    };
    if !usable {
        return None;
    }
    Some(Claim {
        id: raw.id.into_inner(),
        text: raw.text,
        text_ja: raw.text_ja,
        subject: raw.subject.into_inner(),
        as_of: as_of?,
        window: window?,
        window_span,
        default: raw.default,
        tolerance: tolerance?,
        provenance,
        readings: readings
            .into_iter()
            .map(|r| {
                let r = r.into_inner();
                Reading {
                    id: r.id.into_inner(),
                    title: r.title,
                    weight: r.weight.map_or(1.0, Spanned::into_inner),
                    // Goalposts that cannot be read are reported by `check_readings`.
                    goalposts: r
                        .goalposts
                        .into_iter()
                        .filter_map(|(k, v)| Some((k.into_inner(), v.get_ref().read().ok()?.0)))
                        .collect(),
                }
            })
            .collect(),
        axes: axes.into_iter().map(|a| a.axis).collect(),
        span: claim_span,
    })
}

/// An axis as read, with the places its checks point at.
struct ReadAxis {
    axis: ClaimAxis,
    id: Span,
    weight: Span,
    /// Where each criterion's weight and id are, by position in `axis.criteria`.
    weights: Vec<Option<Span>>,
    ids: Vec<Span>,
    /// Whether every criterion table could be read.
    complete: bool,
    /// Whether it had any criterion table at all.
    had_criteria: bool,
}

fn read_axis(
    file: FileId,
    mut table: Spanned<DeValue<'_>>,
    names: &mut Names,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ReadAxis> {
    let criterion_value = match table.get_mut() {
        DeValue::Table(t) => t.remove("criterion"),
        _ => None,
    };
    let subject = Subject::of("axis", "[[axis]]", DOCS, table.get_ref());
    let head = typed::<RawAxis>(Origin::file(file), &subject, table, diagnostics);
    let criterion_tables = criterion_value
        .map(|v| tables(Origin::file(file), "axis.criterion", v, diagnostics))
        .unwrap_or_default();
    let had_criteria = !criterion_tables.is_empty();
    let mut complete = true;
    let mut read = Vec::new();
    for table in criterion_tables {
        if let Some(id) = table.get_ref().get("id").and_then(|v| v.get_ref().as_str()) {
            names.criteria.push(id.to_owned());
        }
        let subject = Subject::of("criterion", "[[axis.criterion]]", DOCS, table.get_ref());
        match typed::<RawCriterion>(Origin::file(file), &subject, table, diagnostics)
            .and_then(|c| read_criterion(file, c, diagnostics))
        {
            Some(c) => read.push(c),
            None => complete = false,
        }
    }
    let head = head?;
    let id_span = head.id.span();
    diagnostics.extend(weight_problem(
        Span::new(file, head.weight.span()),
        &format!("axis `{}`", head.id.get_ref()),
        *head.weight.get_ref(),
    ));
    Some(ReadAxis {
        id: Span::new(file, head.id.span()),
        weight: Span::new(file, head.weight.span()),
        weights: read.iter().map(|(_, p)| p.weight).collect(),
        ids: read.iter().map(|(_, p)| p.id).collect(),
        axis: ClaimAxis {
            id: head.id.into_inner(),
            weight: head.weight.into_inner(),
            criteria: read.into_iter().map(|(c, _)| c).collect(),
            span: Span::new(file, id_span),
        },
        complete,
        had_criteria,
    })
}

/// The largest weight a reading, an axis or a criterion may have. Weights are relative, so
/// no claim needs a larger one; with it, no weighted sum can overflow: a total weight stays
/// below `1e6` times the number of parts, and a weight times a score (0 to 1) below `1e6`.
pub const MAX_WEIGHT: f64 = 1e6;

/// The diagnostic for a weight that is not a finite number, negative, or above
/// [`MAX_WEIGHT`]; `None` for a weight from 0 to [`MAX_WEIGHT`].
fn weight_problem(span: Span, what: &str, weight: f64) -> Option<Diagnostic> {
    let (message, help) = if !weight.is_finite() {
        (
            format!("{what}: weight `{weight}` is not a finite number"),
            "weights are 0 or more; 0 leaves the part out of the score",
        )
    } else if weight < 0.0 {
        (
            format!("{what}: weight `{weight}` is negative"),
            "weights are 0 or more; 0 leaves the part out of the score",
        )
    } else if weight > MAX_WEIGHT {
        (
            // `1e308` rather than its 309 digits.
            format!("{what}: weight `{weight:e}` is above the largest weight, 1e6"),
            "weights are relative: divide this group's weights by the same number to bring them to 1e6 or less",
        )
    } else {
        return None;
    };
    Some(Diagnostic::new(Code::BadWeight, span, message).with_help(help))
}

/// Axis and criterion ids are unique within the claim, weights are not all zero, and every
/// axis has a criterion.
fn check_axes(
    claim_id: &str,
    claim_span: Span,
    axes: &[ReadAxis],
    complete: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    crate::check::ids::repeated(
        "axis",
        axes.iter().map(|a| (a.axis.id.as_str(), a.id)),
        diagnostics,
    );
    crate::check::ids::repeated(
        "criterion",
        axes.iter().flat_map(|a| {
            a.axis
                .criteria
                .iter()
                .zip(&a.ids)
                .map(|(c, span)| (c.id.as_str(), *span))
        }),
        diagnostics,
    );
    for axis in axes {
        if !axis.had_criteria {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    axis.id,
                    format!("axis `{}` has no criteria", axis.axis.id),
                )
                .with_help("add at least one `[[axis.criterion]]` after it"),
            );
        } else if axis.complete
            && !axis.axis.criteria.is_empty()
            && axis.axis.criteria.iter().all(|c| c.weight == 0.0)
        {
            let mut d = Diagnostic::new(
                Code::BadWeight,
                axis.id,
                format!("every criterion of axis `{}` has weight 0", axis.axis.id),
            )
            .with_help("give at least one criterion a positive weight");
            for span in axis.weights.iter().flatten() {
                d = d.with_label(*span, "weight 0");
            }
            diagnostics.push(d);
        }
    }
    let readable = complete && axes.iter().all(|a| a.complete);
    if readable && !axes.is_empty() && axes.iter().all(|a| a.axis.weight == 0.0) {
        let mut d = Diagnostic::new(
            Code::BadWeight,
            claim_span,
            format!("every axis of claim `{claim_id}` has weight 0"),
        )
        .with_help("give at least one axis a positive weight");
        for axis in axes {
            d = d.with_label(axis.weight, "weight 0");
        }
        diagnostics.push(d);
    }
}

/// Reading ids are unique, weights sensible, and goalposts name criteria of the claim and
/// point the right way.
fn check_readings(
    file: FileId,
    claim_id: &str,
    readings: &[Spanned<RawReading>],
    axes: &[ReadAxis],
    names: &Names,
    complete: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let at = |s: std::ops::Range<usize>| Span::new(file, s);
    crate::check::ids::repeated(
        "reading",
        readings
            .iter()
            .map(|r| (r.get_ref().id.get_ref().as_str(), at(r.get_ref().id.span()))),
        diagnostics,
    );
    let criteria: BTreeMap<&str, &Criterion> = axes
        .iter()
        .flat_map(|a| a.axis.criteria.iter().map(|c| (c.id.as_str(), c)))
        .collect();
    for reading in readings {
        let r = reading.get_ref();
        let id = r.id.get_ref();
        if let Some(weight) = &r.weight {
            diagnostics.extend(weight_problem(
                at(weight.span()),
                &format!("reading `{id}`"),
                *weight.get_ref(),
            ));
        }
        for (name, goalposts) in &r.goalposts {
            let name_text = name.get_ref();
            match criteria.get(name_text.as_str()) {
                Some(criterion) => {
                    let kind = criterion.measure.kind();
                    let problem = match (criterion.grading, goalposts.get_ref().read()) {
                        (_, Err(problem)) => Some(problem),
                        (Grading::Threshold(_), Ok(_)) => Some(format!(
                            "criterion `{name_text}` is graded by a threshold, which has no goalposts"
                        )),
                        (Grading::Goalposts { scale, .. }, Ok((g, dimension))) => {
                            goalposts_problem(kind, scale, g)
                                .or_else(|| dimension_problem(kind, dimension))
                                .or_else(|| match (dimension, criterion.dimension) {
                                    (Some(a), Some(b)) if a != b => Some(format!(
                                        "these goalposts are in {} but the criterion's are in {}",
                                        a.noun(),
                                        b.noun()
                                    )),
                                    _ => None,
                                })
                        }
                    };
                    if let Some(problem) = problem {
                        diagnostics.push(goalposts_diagnostic(
                            at(goalposts.span()),
                            &format!("reading `{id}`, criterion `{name_text}`"),
                            problem,
                        ));
                    }
                }
                None if names.criteria.iter().any(|c| c == name_text) => {
                    // The criterion is there but could not be read; that is reported already.
                }
                None => {
                    let help = match crate::diagnostic::closest(
                        name_text,
                        names.criteria.iter().map(String::as_str),
                    ) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!(
                            "the criteria of claim `{claim_id}` are {}",
                            crate::diagnostic::quoted_list(
                                names.criteria.iter().map(String::as_str)
                            )
                        ),
                    };
                    diagnostics.push(
                        Diagnostic::new(
                            Code::UnknownCriterion,
                            at(name.span()),
                            format!(
                                "reading `{id}` sets goalposts for unknown criterion `{name_text}`"
                            ),
                        )
                        .with_help(help),
                    );
                }
            }
        }
    }
    let weights: Vec<f64> = readings
        .iter()
        .map(|r| r.get_ref().weight.as_ref().map_or(1.0, |w| *w.get_ref()))
        .collect();
    if complete && !weights.is_empty() && weights.iter().all(|w| *w == 0.0) {
        let mut d = Diagnostic::new(
            Code::BadWeight,
            at(readings[0].get_ref().id.span()),
            format!("every reading of claim `{claim_id}` has weight 0"),
        )
        .with_help("give at least one reading a positive weight");
        for r in readings {
            if let Some(w) = &r.get_ref().weight {
                d = d.with_label(at(w.span()), "weight 0");
            }
        }
        diagnostics.push(d);
    }
}

/// The largest magnitude a goalpost may have. Far beyond any real figure (a yen amount is
/// below 1e20), it keeps the goalposts' difference, and the robustness draws' moves of them,
/// finite numbers.
pub const MAX_GOALPOST: f64 = 1e100;

/// The smallest a goalpost may be on a log scale. With [`MAX_GOALPOST`], it keeps the
/// logarithm of the goalposts' ratio a finite number.
pub const MIN_LOG_GOALPOST: f64 = 1e-100;

/// Why goalposts cannot grade a measure on a scale, if they cannot: not finite, equal, not
/// positive on a log scale, beyond the bounds that keep their arithmetic finite, or pointing
/// against the measure's direction.
pub fn goalposts_problem(kind: MeasureKind, scale: Scale, goalposts: Goalposts) -> Option<String> {
    goalposts
        .problem(scale)
        .or_else(|| magnitude_problem(scale, goalposts))
        .or_else(|| {
            Direction::of(kind)?.problem(goalposts, &format!("for measure `{}`", kind.key()))
        })
}

/// Why goalposts lie beyond [`MAX_GOALPOST`] (or, on a log scale, below
/// [`MIN_LOG_GOALPOST`]), if they do. Both are finite and, on a log scale, above zero.
fn magnitude_problem(scale: Scale, goalposts: Goalposts) -> Option<String> {
    let (smallest, bounds) = match scale {
        Scale::Linear => (0.0, "within ±1e100"),
        Scale::Log => (MIN_LOG_GOALPOST, "between 1e-100 and 1e100 on a log scale"),
    };
    [("world", goalposts.world), ("nothing", goalposts.nothing)]
        .into_iter()
        .find(|(_, v)| v.abs() > MAX_GOALPOST || v.abs() < smallest)
        // `1e308` rather than its 309 digits.
        .map(|(name, v)| format!("goalposts must lie {bounds}: `{name}` is `{v:e}`"))
}

/// The dimension each measure's values are in; `None` when it depends on the records
/// (`value`, and `sum`, which is in whichever currency its goalposts name).
pub fn measure_dimension(kind: MeasureKind) -> Option<Dimension> {
    match kind {
        MeasureKind::RatioToLeader | MeasureKind::Growth | MeasureKind::BenchmarkRatio => {
            Some(Dimension::Ratio)
        }
        MeasureKind::Rank => Some(Dimension::Rank),
        MeasureKind::Share => Some(Dimension::Share),
        MeasureKind::Count => Some(Dimension::Count),
        MeasureKind::BenchmarkGap => Some(Dimension::Score),
        MeasureKind::Sum | MeasureKind::Value => None,
    }
}

/// Why figures written in `dimension` cannot grade measure `kind`, if they cannot.
fn dimension_problem(kind: MeasureKind, dimension: Option<Dimension>) -> Option<String> {
    let given = dimension?;
    let fits = match (kind, measure_dimension(kind)) {
        (MeasureKind::Sum, _) => matches!(given, Dimension::Yen | Dimension::Dollars),
        (_, Some(wanted)) => given == wanted,
        (_, None) => true,
    };
    (!fits).then(|| {
        format!(
            "figures in {} cannot grade measure `{}`, whose values are {}",
            given.noun(),
            kind.key(),
            match (kind, measure_dimension(kind)) {
                (MeasureKind::Sum, _) => "an amount of money".to_owned(),
                (_, Some(wanted)) => wanted.noun().to_owned(),
                (_, None) => "as the records state them".to_owned(),
            }
        )
    })
}

/// The diagnostic for a goalposts problem.
pub fn goalposts_diagnostic(span: Span, what: &str, problem: String) -> Diagnostic {
    let help = if problem.starts_with("goalposts point the wrong way") {
        "swap `world` and `nothing`"
    } else if problem.starts_with("goalposts must lie") {
        "goalposts are in the measure's normalised unit (`5027億円` is `5027e8`); check the value"
    } else {
        "set `world` to the value that counts as world level and `nothing` to the value that counts as none"
    };
    Diagnostic::new(Code::BadGoalposts, span, format!("{what}: {problem}")).with_help(help)
}

/// Where a criterion's parts are, for the claim-wide checks.
struct CriterionPlace {
    id: Span,
    weight: Option<Span>,
}

fn read_criterion(
    file: FileId,
    c: RawCriterion,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Criterion, CriterionPlace)> {
    let kind = c.measure;
    let id = c.id.get_ref().clone();
    let span = Span::new(file, c.id.span());
    let before = diagnostics.len();
    let what = format!("criterion `{id}`");

    // Which parameters each measure takes; anything else given is a mistake worth naming.
    let given: [(&str, Option<std::ops::Range<usize>>); 22] = [
        ("metric", c.metric.as_ref().map(|v| v.span())),
        ("peers", c.peers.as_ref().map(|v| v.span())),
        ("entity", c.entity.as_ref().map(|v| v.span())),
        ("period", c.period.as_ref().map(|v| v.span())),
        ("from", c.from.as_ref().map(|v| v.span())),
        ("to", c.to.as_ref().map(|v| v.span())),
        ("kinds", c.kinds.as_ref().map(|v| v.span())),
        ("types", c.types.as_ref().map(|v| v.span())),
        ("stages", c.stages.as_ref().map(|v| v.span())),
        ("open_weights", c.open_weights.as_ref().map(|v| v.span())),
        ("axis", c.axis.as_ref().map(|v| v.span())),
        ("axes", c.axes.as_ref().map(|v| v.span())),
        ("since", c.since.as_ref().map(|v| v.span())),
        ("until", c.until.as_ref().map(|v| v.span())),
        ("cumulative", c.cumulative.as_ref().map(|v| v.span())),
        ("test", c.test.as_ref().map(|v| v.span())),
        ("comparator", c.comparator.as_ref().map(|v| v.span())),
        ("basis", c.basis.as_ref().map(|v| v.span())),
        ("record", c.record.as_ref().map(|v| v.span())),
        ("investor", c.investor.as_ref().map(|v| v.span())),
        ("funder", c.funder.as_ref().map(|v| v.span())),
        ("scale", c.scale.as_ref().map(|v| v.span())),
    ];
    let filter_keys = [
        "kinds",
        "types",
        "stages",
        "open_weights",
        "axis",
        "axes",
        "since",
        "until",
        "cumulative",
        "entity",
        "investor",
        "funder",
        "basis",
        "scale",
    ];
    let selection = ["basis", "record", "funder", "investor", "scale"];
    let (allowed, required): (Vec<&str>, &[&str]) = match kind {
        MeasureKind::RatioToLeader => (
            [&["metric", "peers", "period"][..], &selection].concat(),
            &["metric", "peers"],
        ),
        MeasureKind::Rank | MeasureKind::Share => (
            [&["metric", "entity", "peers", "period"][..], &selection].concat(),
            &["metric"],
        ),
        MeasureKind::Growth => (
            [&["metric", "from", "to"][..], &selection].concat(),
            &["metric", "from", "to"],
        ),
        MeasureKind::Count | MeasureKind::Sum => (filter_keys.to_vec(), &[]),
        MeasureKind::BenchmarkGap | MeasureKind::BenchmarkRatio => {
            (vec!["test", "comparator", "scale"], &["test"])
        }
        MeasureKind::Value => (
            [&["metric", "entity", "period"][..], &selection].concat(),
            &[],
        ),
    };
    // `scale` belongs to goalposts; a threshold has none.
    let allowed: Vec<&str> = allowed
        .into_iter()
        .filter(|k| *k != "scale" || c.threshold.is_none())
        .collect();
    let takes = if allowed.is_empty() {
        "no parameters".to_owned()
    } else {
        // `scale` belongs to the goalposts, not to the measure.
        crate::diagnostic::quoted_list(allowed.iter().copied().filter(|k| *k != "scale"))
    };
    for (name, range) in &given {
        if let Some(range) = range
            && !allowed.contains(name)
        {
            let (message, help) = if *name == "scale" {
                (
                    format!(
                        "{what}: `scale` applies to goalposts, and this criterion has a threshold"
                    ),
                    "remove `scale`; a threshold is met or not".to_owned(),
                )
            } else {
                (
                    format!(
                        "{what}: `{name}` does not apply to measure `{}`",
                        kind.key()
                    ),
                    format!("remove `{name}`; measure `{}` takes {takes}", kind.key()),
                )
            };
            diagnostics.push(
                Diagnostic::new(Code::BadClaim, Span::new(file, range.clone()), message)
                    .with_help(help),
            );
        }
    }
    if kind == MeasureKind::Value
        && c.metric.is_none()
        && c.investor.is_none()
        && c.record.is_none()
    {
        diagnostics.push(
            Diagnostic::new(
                Code::BadClaim,
                span,
                format!("{what}: measure `value` needs `metric`, or `investor` or `record` to read an investment"),
            )
            .with_help(format!("add `metric`; see {DOCS} for measure `value`")),
        );
    }
    for name in required {
        if given.iter().any(|(n, r)| n == name && r.is_none()) {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    span,
                    format!("{what}: measure `{}` needs `{name}`", kind.key()),
                )
                .with_help(format!(
                    "add `{name}`; see {DOCS} for measure `{}`",
                    kind.key()
                )),
            );
        }
    }

    let period = |value: &Option<Spanned<String>>, diagnostics: &mut Vec<Diagnostic>| {
        value.as_ref().and_then(|v| {
            parse_period(v.get_ref())
                .map_err(|m| {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::BadDate,
                            Span::new(file, v.span()),
                            format!("{what}: {m}"),
                        )
                        .with_help(format!("{PERIOD_HELP}, or a fiscal year `\"FY2026\"`")),
                    );
                })
                .ok()
        })
    };
    let from = period(&c.from, diagnostics);
    let to = period(&c.to, diagnostics);
    let when = period(&c.period, diagnostics);
    let day = |value: &Option<Spanned<toml::value::Datetime>>,
               diagnostics: &mut Vec<Diagnostic>| {
        value.as_ref().and_then(|v| {
            to_date(v.get_ref())
                .map_err(|m| {
                    diagnostics.push(date_diagnostic(
                        Span::new(file, v.span()),
                        format!("{what}: {m}"),
                    ));
                })
                .ok()
        })
    };
    let since = day(&c.since, diagnostics);
    let until = day(&c.until, diagnostics);
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        diagnostics.push(
            Diagnostic::new(
                Code::BadClaim,
                Span::new(file, c.since.as_ref().map_or(0..0, |s| s.span())),
                format!("{what}: `since` ({since}) is after `until` ({until})"),
            )
            .with_help("swap `since` and `until`"),
        );
    }
    let cumulative = c.cumulative.as_ref().is_some_and(|v| *v.get_ref());
    if let (true, Some(since)) = (cumulative, &c.since) {
        diagnostics.push(
            Diagnostic::new(
                Code::BadClaim,
                Span::new(file, since.span()),
                format!("{what} is cumulative, so `since` does not apply"),
            )
            .with_help("remove `since`, or remove `cumulative = true`"),
        );
    }
    if let Some(weight) = &c.weight {
        diagnostics.extend(weight_problem(
            Span::new(file, weight.span()),
            &what,
            *weight.get_ref(),
        ));
    }
    let scale = c.scale.map_or(Scale::Linear, Spanned::into_inner);
    let grading = match (&c.goalposts, &c.threshold) {
        (Some(goalposts), None) => {
            let at = Span::new(file, goalposts.span());
            match goalposts.get_ref().read() {
                Ok((g, dimension)) => {
                    if let Some(problem) = goalposts_problem(kind, scale, g)
                        .or_else(|| dimension_problem(kind, dimension))
                    {
                        diagnostics.push(goalposts_diagnostic(at, &what, problem));
                    }
                    Some((
                        Grading::Goalposts {
                            scale,
                            goalposts: g,
                        },
                        dimension,
                    ))
                }
                Err(problem) => {
                    diagnostics.push(goalposts_diagnostic(at, &what, problem));
                    None
                }
            }
        }
        (None, Some(threshold)) => {
            let at = Span::new(file, threshold.span());
            match Threshold::parse(threshold.get_ref()) {
                Ok(t) => {
                    let dimension = t.figure.dimension();
                    if let Some(problem) = dimension_problem(kind, dimension) {
                        diagnostics.push(
                            Diagnostic::new(Code::BadGoalposts, at, format!("{what}: {problem}"))
                                .with_help("write the threshold in the measure's unit"),
                        );
                    }
                    Some((Grading::Threshold(t), dimension))
                }
                Err(problem) => {
                    diagnostics.push(
                        Diagnostic::new(Code::BadGoalposts, at, format!("{what}: {problem}"))
                            .with_help("write a comparison and a figure, as `>= 2` or `> 2兆円`"),
                    );
                    None
                }
            }
        }
        (Some(goalposts), Some(_)) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadGoalposts,
                    Span::new(file, goalposts.span()),
                    format!("{what} has both `goalposts` and `threshold`"),
                )
                .with_help("keep `goalposts` for a sliding score, or `threshold` for met or not"),
            );
            None
        }
        (None, None) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    span,
                    format!("{what} has neither `goalposts` nor `threshold`"),
                )
                .with_help(
                    "add `goalposts = { world = .., nothing = .. }`, or `threshold = \">= 2\"`",
                ),
            );
            None
        }
    };
    if diagnostics.len() > before {
        return None;
    }
    let (grading, dimension) = grading?;

    let place = CriterionPlace {
        id: span,
        weight: c.weight.as_ref().map(|w| Span::new(file, w.span())),
    };
    let text = |v: &Option<Spanned<String>>| v.as_ref().map(|v| v.get_ref().clone());
    let metric = text(&c.metric).unwrap_or_default();
    let peers = c.peers.clone().map(Spanned::into_inner).unwrap_or_default();
    let entity = text(&c.entity);
    let basis = c.basis.as_ref().map(|b| *b.get_ref());
    let select = Selection {
        basis,
        period: when,
        record: text(&c.record),
        funder: text(&c.funder),
        investor: text(&c.investor),
    };
    let filter = || Filter {
        kinds: c.kinds.clone().map(Spanned::into_inner).unwrap_or_default(),
        types: c.types.clone().map(Spanned::into_inner).unwrap_or_default(),
        stages: c
            .stages
            .clone()
            .map(Spanned::into_inner)
            .unwrap_or_default(),
        open_weights: c.open_weights.clone().map(Spanned::into_inner),
        axes: text(&c.axis)
            .into_iter()
            .chain(c.axes.clone().map(Spanned::into_inner).unwrap_or_default())
            .collect(),
        entity: entity.clone(),
        investor: text(&c.investor),
        funder: text(&c.funder),
        basis,
        currency: dimension,
        since,
        until,
        cumulative,
    };
    let test = text(&c.test).unwrap_or_default();
    let comparator = text(&c.comparator);
    let measure = match kind {
        MeasureKind::RatioToLeader => Measure::RatioToLeader {
            metric,
            peers,
            select,
        },
        MeasureKind::Rank => Measure::Rank {
            metric,
            entity,
            peers,
            select,
        },
        MeasureKind::Share => Measure::Share {
            metric,
            entity,
            peers,
            select,
        },
        MeasureKind::Growth => Measure::Growth {
            metric,
            from: from?,
            to: to?,
            select,
        },
        MeasureKind::Count => Measure::Count(filter()),
        MeasureKind::Sum => Measure::Sum(filter()),
        MeasureKind::BenchmarkGap => Measure::BenchmarkGap { test, comparator },
        MeasureKind::BenchmarkRatio => Measure::BenchmarkRatio { test, comparator },
        MeasureKind::Value => Measure::Value {
            metric: c.metric.as_ref().map(|m| m.get_ref().clone()),
            entity,
            select,
        },
    };
    Some((
        Criterion {
            id: c.id.into_inner(),
            title: c.title,
            weight: c.weight.map_or(1.0, Spanned::into_inner),
            measure,
            grading,
            dimension,
            span,
        },
        place,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::load::parse_document;

    fn g(world: f64, nothing: f64) -> Goalposts {
        Goalposts { world, nothing }
    }

    /// A claim with one reading, one axis and one criterion, each weight and the goalposts
    /// and tolerance written as given.
    fn claim_text(
        reading: &str,
        axis: &str,
        criterion: &str,
        goalposts: &str,
        tolerance: &str,
    ) -> String {
        format!(
            "id = \"c\"\ntext = \"t\"\nsubject = \"JP\"\nas_of = 2026-05-01\n\
             window = {{ from = 2026-04-01, to = 2026-04-30 }}\ntolerance = {tolerance}\n\n\
             [[reading]]\nid = \"r\"\ntitle = \"r\"\nweight = {reading}\n\n\
             [[axis]]\nid = \"a\"\nweight = {axis}\n\n\
             [[axis.criterion]]\nid = \"x\"\ntitle = \"x\"\nweight = {criterion}\n\
             measure = \"value\"\nmetric = \"m\"\ngoalposts = {goalposts}\n"
        )
    }

    /// Each diagnostic's code, message and the text its span covers.
    fn read(text: &str) -> Vec<(Code, String, String)> {
        let mut diagnostics = Vec::new();
        if let Some(document) = parse_document(FileId(0), text, &mut diagnostics) {
            read_claim(FileId(0), document, &mut diagnostics);
        }
        diagnostics
            .into_iter()
            .map(|d| {
                let place = d.span.map_or("", |s| &text[s.start()..s.end()]);
                (d.code, d.message, place.to_owned())
            })
            .collect()
    }

    const GOALPOSTS: &str = "{ world = 1, nothing = 0 }";

    #[test]
    fn weights_are_at_most_a_million() {
        let clean = read(&claim_text("1e6", "1e6", "1e6", GOALPOSTS, "0.2"));
        assert_eq!(clean, vec![]);
        let found = read(&claim_text("1.000001e6", "1e308", "inf", GOALPOSTS, "0.2"));
        let at = |code, message: &str, place: &str| (code, message.to_owned(), place.to_owned());
        assert_eq!(
            found,
            vec![
                at(
                    Code::BadWeight,
                    "criterion `x`: weight `inf` is not a finite number",
                    "inf"
                ),
                at(
                    Code::BadWeight,
                    "axis `a`: weight `1e308` is above the largest weight, 1e6",
                    "1e308"
                ),
                at(
                    Code::BadWeight,
                    "reading `r`: weight `1.000001e6` is above the largest weight, 1e6",
                    "1.000001e6"
                ),
            ]
        );
    }

    #[test]
    fn goalposts_keep_their_difference_and_ratio_finite() {
        let problems = |goalposts: &str, scale: &str| {
            let text = claim_text("1", "1", "1", goalposts, "0.2").replace(
                "measure = \"value\"",
                &format!("measure = \"value\"\nscale = \"{scale}\""),
            );
            read(&text)
                .into_iter()
                .map(|(code, message, place)| {
                    assert_eq!(code, Code::BadGoalposts);
                    assert_eq!(place, goalposts);
                    message
                })
                .collect::<Vec<_>>()
        };
        let none: Vec<String> = vec![];
        assert_eq!(
            problems("{ world = 1e100, nothing = -1e100 }", "linear"),
            none
        );
        assert_eq!(
            problems("{ world = 1e308, nothing = -1e308 }", "linear"),
            ["criterion `x`: goalposts must lie within ±1e100: `world` is `1e308`"]
        );
        assert_eq!(
            problems("{ world = 1, nothing = -2e100 }", "linear"),
            ["criterion `x`: goalposts must lie within ±1e100: `nothing` is `-2e100`"]
        );
        assert_eq!(problems("{ world = 1e100, nothing = 1e-100 }", "log"), none);
        assert_eq!(
            problems("{ world = 1, nothing = 1e-101 }", "log"),
            [
                "criterion `x`: goalposts must lie between 1e-100 and 1e100 on a log scale: `nothing` is `1e-101`"
            ]
        );
        assert_eq!(
            problems("{ world = nan, nothing = 0 }", "linear"),
            ["criterion `x`: goalposts must be finite numbers"]
        );
        // The bounds hold for the goalposts a reading sets too.
        let text = claim_text("1", "1", "1", GOALPOSTS, "0.2").replace(
            "weight = 1\n\n[[axis]]",
            "weight = 1\n\n[reading.goalposts]\nx = { world = 1e101, nothing = 0 }\n\n[[axis]]",
        );
        assert_eq!(
            read(&text),
            vec![(
                Code::BadGoalposts,
                "reading `r`, criterion `x`: goalposts must lie within ±1e100: `world` is `1e101`"
                    .to_owned(),
                "{ world = 1e101, nothing = 0 }".to_owned()
            )]
        );
    }

    #[test]
    fn tolerances_are_finite_fractions() {
        assert_eq!(read(&claim_text("1", "1", "1", GOALPOSTS, "1")), vec![]);
        assert_eq!(read(&claim_text("1", "1", "1", GOALPOSTS, "0")), vec![]);
        let tolerance = |t: &str| read(&claim_text("1", "1", "1", GOALPOSTS, t));
        assert_eq!(
            tolerance("inf"),
            vec![(
                Code::BadClaim,
                "claim `c`: tolerance `inf` is not a finite number".to_owned(),
                "inf".to_owned()
            )]
        );
        assert_eq!(
            tolerance("nan")[0].1,
            "claim `c`: tolerance `NaN` is not a finite number"
        );
        assert_eq!(
            tolerance("1.0000001")[0].1,
            "claim `c`: tolerance `1.0000001` is outside 0 to 1"
        );
    }

    #[test]
    fn goalposts_point_the_way_the_measure_improves() {
        let ok = |kind, goalposts| goalposts_problem(kind, Scale::Linear, goalposts).is_none();
        assert!(ok(MeasureKind::Share, g(20.0, 0.5)));
        assert!(!ok(MeasureKind::Share, g(0.5, 20.0)));
        assert!(ok(MeasureKind::Rank, g(1.0, 30.0)));
        assert!(!ok(MeasureKind::Rank, g(30.0, 1.0)));
        assert!(ok(MeasureKind::BenchmarkGap, g(0.0, 30.0)));
        assert!(!ok(MeasureKind::BenchmarkGap, g(30.0, 0.0)));
        // A value may be something of which less is better; the ledger decides (check/).
        assert!(ok(MeasureKind::Value, g(30.0, 1.0)));
        assert!(ok(MeasureKind::Value, g(1.0, 30.0)));
        assert!(!ok(MeasureKind::Count, g(3.0, 3.0)), "equal goalposts");
        assert!(
            goalposts_problem(MeasureKind::Share, Scale::Log, g(20.0, 0.0)).is_some(),
            "a log scale needs goalposts above zero"
        );
    }

    #[test]
    fn fiscal_periods_in_claims() {
        assert_eq!(parse_period("FY2026"), Ok(When::FiscalYear(2026)));
        assert!(parse_period("FY26x").is_err());
        assert_eq!(
            parse_period("2026-13").map_err(|e| e.contains("there is no month 13")),
            Err(true)
        );
    }

    #[test]
    fn who_made_the_claim_where_and_when_is_read_and_checked() {
        let text = |keys: &str| {
            claim_text("1", "1", "1", "{ world = 1, nothing = 0 }", "0.2").replacen(
                "tolerance = 0.2\n",
                &format!("tolerance = 0.2\n{keys}\n"),
                1,
            )
        };
        let good = text(
            "claimant = \"A. Person\"\nclaimant_kind = \"person\"\n\
             claimant_url = \"https://example.org/a\"\n\
             appearance = \"https://example.org/talk\"\nclaim_date = 2026-04-02",
        );
        let mut diagnostics = Vec::new();
        let document = parse_document(FileId(0), &good, &mut diagnostics).expect("parsed");
        let claim = read_claim(FileId(0), document, &mut diagnostics).expect("a claim");
        assert_eq!(diagnostics, []);
        let said = claim.provenance;
        assert_eq!(said.claimant.as_deref(), Some("A. Person"));
        assert_eq!(said.claimant_kind, crate::claim::ClaimantKind::Person);
        assert_eq!(
            said.appearance.map(|a| a.value).as_deref(),
            Some("https://example.org/talk")
        );
        assert_eq!(said.date, chrono::NaiveDate::from_ymd_opt(2026, 4, 2));
        assert_eq!(
            read(&text(
                "appearance = \"example.org/talk\"\nclaim_date = 2026-02-30"
            )),
            [
                (
                    Code::BadDate,
                    "`2026-02-30` is not a real date: February 2026 has 28 days".to_owned(),
                    "2026-02-30".to_owned()
                ),
                (
                    Code::BadUrl,
                    "claim `c`: `appearance` is a malformed URL: `example.org/talk` does not \
                     start with `https://` or `http://`"
                        .to_owned(),
                    "\"example.org/talk\"".to_owned()
                ),
            ]
        );
    }
}
