//! Reading one criterion: its measure's parameters (each measure's keys are
//! [`MeasureKind::parameters`]), its dates and periods, its weight and its grading.

use serde::Deserialize;
use toml::Spanned;

use crate::claim::load::grading::{RawGoalposts, RawGrading, read_grading, scale_problem};
use crate::claim::load::{DOCS, parse_period, weight_problem};
use crate::claim::{Basis, Criterion, Filter, Measure, MeasureKind, Scale, Selection};
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::load::{PERIOD_HELP, date_diagnostic, to_date};
use crate::ledger::{EventType, RecordKind, Stage, When};
use crate::source_file::{FileId, Span};

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

/// Where a criterion's parts are, for the claim-wide checks.
pub(super) struct CriterionPlace {
    pub id: Span,
    pub weight: Option<Span>,
}

/// Reads one criterion; `None` (with diagnostics) when any part of it is wrong, so that a
/// criterion is graded only as written.
pub(super) fn read_criterion(
    file: FileId,
    c: RawCriterion,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Criterion, CriterionPlace)> {
    let kind = c.measure;
    let span = Span::new(file, c.id.span());
    let before = diagnostics.len();
    let what = format!("criterion `{}`", c.id.get_ref());
    let grading = RawGrading {
        scale: &c.scale,
        goalposts: &c.goalposts,
        threshold: &c.threshold,
    };

    check_parameters(file, &c, &what, span, diagnostics);
    diagnostics.extend(scale_problem(file, &what, &grading));
    let dates = read_dates(file, &c, &what, diagnostics);
    if let Some(weight) = &c.weight {
        diagnostics.extend(weight_problem(
            Span::new(file, weight.span()),
            &what,
            *weight.get_ref(),
        ));
    }
    let graded = read_grading(file, &what, kind, &grading, span, diagnostics);
    if diagnostics.len() > before {
        return None;
    }
    let (grading, dimension) = graded?;
    let place = CriterionPlace {
        id: span,
        weight: c.weight.as_ref().map(|w| Span::new(file, w.span())),
    };
    let measure = measure(&c, dates, dimension)?;
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

/// Every key given that the measure does not take, and every key it needs that is missing.
fn check_parameters(
    file: FileId,
    c: &RawCriterion,
    what: &str,
    whole: Span,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let kind = c.measure;

    let given: [(&str, Option<std::ops::Range<usize>>); 21] = [
        ("metric", c.metric.as_ref().map(Spanned::span)),
        ("peers", c.peers.as_ref().map(Spanned::span)),
        ("entity", c.entity.as_ref().map(Spanned::span)),
        ("period", c.period.as_ref().map(Spanned::span)),
        ("from", c.from.as_ref().map(Spanned::span)),
        ("to", c.to.as_ref().map(Spanned::span)),
        ("kinds", c.kinds.as_ref().map(Spanned::span)),
        ("types", c.types.as_ref().map(Spanned::span)),
        ("stages", c.stages.as_ref().map(Spanned::span)),
        ("open_weights", c.open_weights.as_ref().map(Spanned::span)),
        ("axis", c.axis.as_ref().map(Spanned::span)),
        ("axes", c.axes.as_ref().map(Spanned::span)),
        ("since", c.since.as_ref().map(Spanned::span)),
        ("until", c.until.as_ref().map(Spanned::span)),
        ("cumulative", c.cumulative.as_ref().map(Spanned::span)),
        ("test", c.test.as_ref().map(Spanned::span)),
        ("comparator", c.comparator.as_ref().map(Spanned::span)),
        ("basis", c.basis.as_ref().map(Spanned::span)),
        ("record", c.record.as_ref().map(Spanned::span)),
        ("investor", c.investor.as_ref().map(Spanned::span)),
        ("funder", c.funder.as_ref().map(Spanned::span)),
    ];
    let parameters = kind.parameters();
    let takes = if parameters.allowed.is_empty() {
        "no parameters".to_owned()
    } else {
        crate::diagnostic::quoted_list(parameters.allowed.iter().copied())
    };
    for (name, range) in &given {
        if let Some(range) = range
            && !parameters.allowed.contains(name)
        {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    Span::new(file, range.clone()),
                    format!(
                        "{what}: `{name}` does not apply to measure `{}`",
                        kind.key()
                    ),
                )
                .with_help(format!(
                    "remove `{name}`; measure `{}` takes {takes}",
                    kind.key()
                )),
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
                whole,
                format!("{what}: measure `value` needs `metric`, or `investor` or `record` to read an investment"),
            )
            .with_help(format!("add `metric`; see {DOCS} for measure `value`")),
        );
    }
    for name in parameters.required {
        if given.iter().any(|(n, r)| n == name && r.is_none()) {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    whole,
                    format!("{what}: measure `{}` needs `{name}`", kind.key()),
                )
                .with_help(format!(
                    "add `{name}`; see {DOCS} for measure `{}`",
                    kind.key()
                )),
            );
        }
    }
}

/// A criterion's periods and days, read; a part that cannot be read is `None`, reported.
struct Dates {
    from: Option<When>,
    to: Option<When>,
    period: Option<When>,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
}

fn read_dates(
    file: FileId,
    c: &RawCriterion,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Dates {
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
    if let (true, Some(since)) = (cumulative(c), &c.since) {
        diagnostics.push(
            Diagnostic::new(
                Code::BadClaim,
                Span::new(file, since.span()),
                format!("{what} is cumulative, so `since` does not apply"),
            )
            .with_help("remove `since`, or remove `cumulative = true`"),
        );
    }
    Dates {
        from,
        to,
        period: when,
        since,
        until,
    }
}

fn cumulative(c: &RawCriterion) -> bool {
    c.cumulative.as_ref().is_some_and(|v| *v.get_ref())
}

/// The measure a criterion computes, from parameters already checked; `None` only when a
/// period `growth` needs could not be read (reported).
fn measure(
    c: &RawCriterion,
    dates: Dates,
    dimension: Option<crate::ledger::Dimension>,
) -> Option<Measure> {
    let text = |v: &Option<Spanned<String>>| v.as_ref().map(|v| v.get_ref().clone());
    let metric = text(&c.metric).unwrap_or_default();
    let peers = c.peers.clone().map(Spanned::into_inner).unwrap_or_default();
    let entity = text(&c.entity);
    let basis = c.basis.as_ref().map(|b| *b.get_ref());
    let select = Selection {
        basis,
        period: dates.period,
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
        since: dates.since,
        until: dates.until,
        cumulative: cumulative(c),
    };
    let test = text(&c.test).unwrap_or_default();
    let comparator = text(&c.comparator);
    Some(match c.measure {
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
            from: dates.from?,
            to: dates.to?,
            select,
        },
        MeasureKind::Count => Measure::Count(filter()),
        MeasureKind::Sum => Measure::Sum(filter()),
        MeasureKind::BenchmarkGap => Measure::BenchmarkGap { test, comparator },
        MeasureKind::BenchmarkRatio => Measure::BenchmarkRatio { test, comparator },
        MeasureKind::Value => Measure::Value {
            metric: text(&c.metric),
            entity,
            select,
        },
    })
}
