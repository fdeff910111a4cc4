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

use crate::claim::{
    Claim, ClaimAxis, Criterion, Goalposts, Grading, Located, MeasureKind, Provenance, Reading,
    Window,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::When;
use crate::ledger::load::{
    Subject, date_diagnostic, period_problem, strings, tables, to_date, typed,
};
use crate::ledger::url::url_problem;
use crate::source_file::{FileId, Origin, Span};

/// The default robustness tolerance on goalposts: 20%.
pub(crate) const DEFAULT_TOLERANCE: f64 = 0.2;

const DOCS: &str = "docs/claims.md";

mod criterion;
mod grading;

pub(crate) use criterion::RawCriterion;
use criterion::read_criterion;
use grading::{RawGoalposts, dimension_problem};
pub(crate) use grading::{goalposts_diagnostic, goalposts_problem};

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

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAxis {
    #[schemars(with = "String")]
    id: Spanned<String>,
    #[schemars(with = "f64")]
    weight: Spanned<f64>,
}

/// Parses a period as written in a claim: `FY2025` for a fiscal year, otherwise the ledger's
/// `period` syntax.
pub(crate) fn parse_period(text: &str) -> Result<When, String> {
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
pub(crate) enum Direction {
    /// More is better: `world` lies above `nothing`.
    Up,
    /// Less is better (a rank, a gap): `world` lies below `nothing`.
    Down,
}

impl Direction {
    /// The direction of a measure, or `None` when it depends on what is measured (`value`
    /// reads a metric as stated; [`crate::check`] settles it for rank metrics).
    pub(crate) fn of(kind: MeasureKind) -> Option<Direction> {
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
    pub(crate) fn problem(self, goalposts: Goalposts, why: &str) -> Option<String> {
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
pub(crate) fn read_claim(
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
pub(crate) const MAX_WEIGHT: f64 = 1e6;

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
    crate::ledger::id::repeated(
        "axis",
        axes.iter().map(|a| (a.axis.id.as_str(), a.id)),
        diagnostics,
    );
    crate::ledger::id::repeated(
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
    crate::ledger::id::repeated(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Scale;
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

    /// Each diagnostic's code and message, without the text its span covers.
    fn messages(found: &[(Code, String, String)]) -> Vec<(Code, &str)> {
        found.iter().map(|(c, m, _)| (*c, m.as_str())).collect()
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

    /// A claim with two axes of two `count` criteria each, with the weights given (axis
    /// weight, then its criteria's) and `extra` keys on the first criterion.
    fn two_by_two(weights: [[&str; 3]; 2], extra: &str) -> String {
        let mut text = "id = \"c\"\ntext = \"t\"\nsubject = \"JP\"\nas_of = 2026-05-01\n\
             window = { from = 2026-04-01, to = 2026-04-30 }\n\n\
             [[reading]]\nid = \"r\"\ntitle = \"r\"\n"
            .to_owned();
        for (a, [axis, first, second]) in weights.iter().enumerate() {
            text += &format!("\n[[axis]]\nid = \"a{a}\"\nweight = {axis}\n");
            for (c, weight) in [first, second].iter().enumerate() {
                let keys = if a == 0 && c == 0 { extra } else { "" };
                text += &format!(
                    "\n[[axis.criterion]]\nid = \"x{a}{c}\"\ntitle = \"x\"\nweight = {weight}\n\
                     measure = \"count\"\ngoalposts = {GOALPOSTS}\n{keys}"
                );
            }
        }
        text
    }

    #[test]
    fn an_axis_needs_one_criterion_and_a_claim_one_axis_with_weight() {
        assert_eq!(
            read(&two_by_two([["1", "0", "0.5"], ["2", "3", "0"]], "")),
            vec![]
        );
        let found = read(&two_by_two([["1", "0", "0"], ["1", "0", "1"]], ""));
        assert_eq!(
            found,
            vec![(
                Code::BadWeight,
                "every criterion of axis `a0` has weight 0".to_owned(),
                "\"a0\"".to_owned()
            )]
        );
        let found = read(&two_by_two([["0", "1", "1"], ["0", "1", "1"]], ""));
        assert_eq!(
            messages(&found),
            vec![(Code::BadWeight, "every axis of claim `c` has weight 0")]
        );
        // One axis without weight is fine when another has some.
        assert_eq!(
            read(&two_by_two([["0", "1", "1"], ["1", "1", "1"]], "")),
            vec![]
        );
    }

    #[test]
    fn all_zero_axis_weights_wait_until_every_axis_could_be_read() {
        // A criterion that cannot be read leaves its axis incomplete: what the claim's
        // weights come to is judged once the claim can be read whole, so only the criterion's
        // own mistake is reported.
        let found = read(&two_by_two(
            [["0", "1", "1"], ["0", "1", "1"]],
            "metric = \"m\"\n",
        ));
        assert_eq!(
            messages(&found),
            vec![(
                Code::BadClaim,
                "criterion `x00`: `metric` does not apply to measure `count`"
            )]
        );
    }

    #[test]
    fn figures_of_another_dimension_are_named_in_words() {
        let count = |goalposts: &str| {
            read(
                &claim_text("1", "1", "1", goalposts, "0.2")
                    .replace("measure = \"value\"\nmetric = \"m\"", "measure = \"count\""),
            )
        };
        assert_eq!(count("{ world = 4, nothing = 0 }"), vec![]);
        let messages = |goalposts: &str| -> Vec<String> {
            count(goalposts).into_iter().map(|(_, m, _)| m).collect()
        };
        assert_eq!(
            messages("{ world = \"5 USD bn\", nothing = \"0 USD bn\" }"),
            vec![
                "criterion `x`: figures in US dollars cannot grade measure `count`, whose values are counts"
            ]
        );
        assert_eq!(
            messages("{ world = \"2兆円\", nothing = \"0兆円\" }"),
            vec![
                "criterion `x`: figures in yen cannot grade measure `count`, whose values are counts"
            ]
        );
    }

    #[test]
    fn since_may_be_until_but_not_after_it() {
        let with = |since: &str, until: &str| {
            read(&two_by_two(
                [["1", "1", "1"], ["1", "1", "1"]],
                &format!("since = {since}\nuntil = {until}\n"),
            ))
        };
        assert_eq!(with("2026-04-10", "2026-04-10"), vec![]);
        assert_eq!(with("2026-04-09", "2026-04-10"), vec![]);
        assert_eq!(
            with("2026-04-11", "2026-04-10"),
            vec![(
                Code::BadClaim,
                "criterion `x00`: `since` (2026-04-11) is after `until` (2026-04-10)".to_owned(),
                "2026-04-11".to_owned()
            )]
        );
    }

    #[test]
    fn a_window_may_be_one_day_but_may_not_end_before_it_starts() {
        let base = two_by_two([["1", "1", "1"], ["1", "1", "1"]], "");
        let with = |window: &str| {
            read(&base.replace("window = { from = 2026-04-01, to = 2026-04-30 }", window))
        };
        assert_eq!(
            with("window = { from = 2026-04-30, to = 2026-04-30 }"),
            vec![]
        );
        assert_eq!(
            with("window = { from = 2026-04-30, to = 2026-04-01 }"),
            vec![(
                Code::BadClaim,
                "claim `c`: the window ends (2026-04-01) before it starts (2026-04-30)".to_owned(),
                "{ from = 2026-04-30, to = 2026-04-01 }".to_owned()
            )]
        );
    }

    /// `claim_text`'s claim, its criterion's goalposts as given, with the reading's own
    /// goalposts: TOML lines of `[reading.goalposts]`.
    fn reading_goalposts(lines: &str, criterion: &str) -> Vec<(Code, String, String)> {
        let text = claim_text("1", "1", "1", criterion, "0.2").replacen(
            "\n\n[[axis]]",
            &format!("\n\n[reading.goalposts]\n{lines}\n\n[[axis]]"),
            1,
        );
        read(&text)
    }

    #[test]
    fn a_reading_s_goalposts_name_a_criterion_of_the_claim_in_its_units() {
        assert_eq!(
            reading_goalposts("x = { world = 2, nothing = 0 }", GOALPOSTS),
            vec![]
        );
        assert_eq!(
            reading_goalposts("y = { world = 2, nothing = 0 }", GOALPOSTS),
            vec![(
                Code::UnknownCriterion,
                "reading `r` sets goalposts for unknown criterion `y`".to_owned(),
                "y".to_owned()
            )]
        );
        let yen = "{ world = \"2兆円\", nothing = \"0兆円\" }";
        assert_eq!(
            reading_goalposts("x = { world = \"3兆円\", nothing = \"1兆円\" }", yen),
            vec![]
        );
        let found = reading_goalposts("x = { world = \"5 USD bn\", nothing = \"0 USD bn\" }", yen);
        assert_eq!(
            messages(&found),
            vec![(
                Code::BadGoalposts,
                "reading `r`, criterion `x`: these goalposts are in US dollars but the criterion's are in yen"
            )]
        );
    }

    #[test]
    fn a_reading_s_goalposts_for_a_criterion_that_could_not_be_read_add_nothing() {
        let found = read(
            &claim_text("1", "1", "\"heavy\"", GOALPOSTS, "0.2").replacen(
                "\n\n[[axis]]",
                "\n\n[reading.goalposts]\nx = { world = 2, nothing = 0 }\n\n[[axis]]",
                1,
            ),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found.iter().all(|(c, _, _)| *c != Code::UnknownCriterion));
    }

    #[test]
    fn readings_may_not_all_weigh_nothing() {
        assert_eq!(
            messages(&read(&claim_text("0", "1", "1", GOALPOSTS, "0.2"))),
            vec![(Code::BadWeight, "every reading of claim `c` has weight 0")]
        );
    }

    #[test]
    fn both_goalposts_are_in_one_dimension() {
        let found = read(&claim_text(
            "1",
            "1",
            "1",
            "{ world = \"5 USD bn\", nothing = \"0兆円\" }",
            "0.2",
        ));
        assert_eq!(
            messages(&found),
            vec![(
                Code::BadGoalposts,
                "criterion `x`: `world` is in USD bn and `nothing` in 兆円"
            )]
        );
    }

    #[test]
    fn a_scale_is_for_goalposts_not_for_a_threshold() {
        let threshold = |extra: &str| {
            read(&claim_text("1", "1", "1", GOALPOSTS, "0.2").replace(
                &format!("goalposts = {GOALPOSTS}"),
                &format!("threshold = \">= 1\"{extra}"),
            ))
        };
        assert_eq!(threshold(""), vec![]);
        assert_eq!(
            threshold("\nscale = \"log\""),
            vec![(
                Code::BadClaim,
                "criterion `x`: `scale` applies to goalposts, and this criterion has a threshold"
                    .to_owned(),
                "\"log\"".to_owned()
            )]
        );
    }

    #[test]
    fn equal_goalposts_point_neither_way() {
        // They are refused as equal (see `goalposts_point_the_way_the_measure_improves`),
        // not also as pointing the wrong way.
        for direction in [Direction::Up, Direction::Down] {
            assert_eq!(direction.problem(g(3.0, 3.0), "for this measure"), None);
        }
        assert!(Direction::Up.problem(g(2.0, 3.0), "").is_some());
        assert!(Direction::Down.problem(g(3.0, 2.0), "").is_some());
    }

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
        // A claim's JSON says where it comes from only when its file does.
        let states_provenance = |claim: &crate::claim::Claim| {
            serde_json::to_value(claim).map(|json| json.get("provenance").is_some())
        };
        assert!(states_provenance(&claim).unwrap_or(false));
        let silent = text("");
        let document = parse_document(FileId(0), &silent, &mut diagnostics).expect("parsed");
        let unsaid = read_claim(FileId(0), document, &mut diagnostics).expect("a claim");
        assert!(!states_provenance(&unsaid).unwrap_or(true));
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
