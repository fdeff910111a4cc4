//! Reading a claim file: TOML to a typed [`Claim`], with each measure's parameters checked
//! against what that measure takes.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::DeTable;

use crate::claim::{
    Claim, ClaimAxis, Criterion, Filter, Goalposts, Measure, MeasureKind, Reading, Scale, Window,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::load::{to_date, toml_message};
use crate::ledger::{EventType, RecordKind, Stage, When};
use crate::source_file::{FileId, Span};

/// The default robustness tolerance on goalposts: 20%.
pub const DEFAULT_TOLERANCE: f64 = 0.2;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: Spanned<String>,
    text: String,
    text_ja: Option<String>,
    subject: Spanned<String>,
    as_of: Spanned<toml::value::Datetime>,
    window: Spanned<RawWindow>,
    #[serde(default)]
    default: bool,
    tolerance: Option<Spanned<f64>>,
    #[serde(default, rename = "reading")]
    readings: Vec<Spanned<RawReading>>,
    #[serde(default, rename = "axis")]
    axes: Vec<Spanned<RawAxis>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWindow {
    from: toml::value::Datetime,
    to: toml::value::Datetime,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReading {
    id: Spanned<String>,
    title: String,
    weight: Option<Spanned<f64>>,
    #[serde(default)]
    goalposts: BTreeMap<Spanned<String>, Spanned<Goalposts>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAxis {
    id: Spanned<String>,
    weight: Spanned<f64>,
    #[serde(default, rename = "criterion")]
    criteria: Vec<Spanned<RawCriterion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    title: String,
    weight: Option<Spanned<f64>>,
    measure: MeasureKind,
    #[serde(default)]
    scale: Scale,
    goalposts: Spanned<Goalposts>,
    metric: Option<Spanned<String>>,
    peers: Option<Spanned<Vec<String>>>,
    entity: Option<Spanned<String>>,
    period: Option<Spanned<String>>,
    from: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
    kinds: Option<Spanned<Vec<RecordKind>>>,
    types: Option<Spanned<Vec<EventType>>>,
    stages: Option<Spanned<Vec<Stage>>>,
    open_weights: Option<Spanned<bool>>,
    axis: Option<Spanned<String>>,
    since: Option<Spanned<toml::value::Datetime>>,
    until: Option<Spanned<toml::value::Datetime>>,
    test: Option<Spanned<String>>,
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
        None => When::parse_period(text),
    }
}

/// Reads one claim file; `None` (with diagnostics) when it cannot be graded at all.
pub fn read_claim(
    file: FileId,
    document: Spanned<DeTable<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Claim> {
    let whole = Span::new(file, document.span());
    let raw = RawClaim::deserialize(document.into_deserializer())
        .map_err(|e| {
            let range = e.span().unwrap_or(whole.start..whole.start);
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    Span::new(file, range),
                    format!("in claim: {}", toml_message(&e)),
                )
                .with_help("see docs/claims.md for the keys of a claim"),
            );
        })
        .ok()?;
    let mut ok = true;
    let at = |s: std::ops::Range<usize>| Span::new(file, s);
    let mut date = |value: &Spanned<toml::value::Datetime>, diagnostics: &mut Vec<Diagnostic>| {
        to_date(value.get_ref())
            .map_err(|m| {
                diagnostics.push(Diagnostic::new(Code::BadDate, at(value.span()), m));
                ok = false;
            })
            .ok()
    };
    let as_of = date(&raw.as_of, diagnostics);
    let window_span = at(raw.window.span());
    let window = raw.window.into_inner();
    let from = date(&Spanned::new(window_span.start..window_span.end, window.from), diagnostics);
    let to = date(&Spanned::new(window_span.start..window_span.end, window.to), diagnostics);
    let window = match (from, to) {
        (Some(from), Some(to)) if from <= to => Some(Window { from, to }),
        (Some(_), Some(_)) => {
            diagnostics.push(Diagnostic::new(
                Code::BadClaim,
                window_span,
                "the window ends before it starts",
            ));
            None
        }
        _ => None,
    };
    let tolerance = match raw.tolerance {
        Some(t) if !(0.0..=1.0).contains(t.get_ref()) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadClaim,
                    at(t.span()),
                    format!("tolerance `{}` is outside 0 to 1", t.get_ref()),
                )
                .with_help("write the tolerance as a fraction: 0.2 for 20%"),
            );
            None
        }
        Some(t) => Some(t.into_inner()),
        None => Some(DEFAULT_TOLERANCE),
    };

    let readings: Vec<Reading> = raw
        .readings
        .into_iter()
        .map(|r| {
            let r = r.into_inner();
            Reading {
                id: r.id.into_inner(),
                title: r.title,
                weight: r.weight.map_or(1.0, Spanned::into_inner),
                goalposts: r
                    .goalposts
                    .into_iter()
                    .map(|(k, v)| (k.into_inner(), v.into_inner()))
                    .collect(),
            }
        })
        .collect();
    if readings.is_empty() {
        diagnostics.push(
            Diagnostic::new(Code::BadClaim, at(raw.id.span()), "claim has no `[[reading]]`")
                .with_help("add at least one reading: what the claim's vague words are taken to mean"),
        );
        ok = false;
    }
    if raw.axes.is_empty() {
        diagnostics.push(
            Diagnostic::new(Code::BadClaim, at(raw.id.span()), "claim has no `[[axis]]`")
                .with_help("add at least one axis with criteria"),
        );
        ok = false;
    }

    let mut axes = Vec::with_capacity(raw.axes.len());
    for axis in raw.axes {
        let span = at(axis.span());
        let axis = axis.into_inner();
        let mut criteria = Vec::with_capacity(axis.criteria.len());
        for criterion in axis.criteria {
            match read_criterion(file, criterion, diagnostics) {
                Some(c) => criteria.push(c),
                None => ok = false,
            }
        }
        axes.push(ClaimAxis {
            id: axis.id.into_inner(),
            weight: axis.weight.into_inner(),
            criteria,
            span,
        });
    }

    if !ok {
        return None;
    }
    Some(Claim {
        id: raw.id.into_inner(),
        text: raw.text,
        text_ja: raw.text_ja,
        subject: raw.subject.into_inner(),
        as_of: as_of?,
        window: window?,
        default: raw.default,
        tolerance: tolerance?,
        readings,
        axes,
        span: whole,
    })
}

fn read_criterion(
    file: FileId,
    criterion: Spanned<RawCriterion>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Criterion> {
    let span = Span::new(file, criterion.span());
    let c = criterion.into_inner();
    let kind = c.measure;
    let id = c.id.get_ref().clone();
    let before = diagnostics.len();

    // Which parameters each measure takes; anything else given is a mistake worth naming.
    let given: [(&str, Option<std::ops::Range<usize>>); 14] = [
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
        ("since", c.since.as_ref().map(|v| v.span())),
        ("until", c.until.as_ref().map(|v| v.span())),
        ("cumulative", c.cumulative.as_ref().map(|v| v.span())),
    ];
    let filter_keys = [
        "kinds",
        "types",
        "stages",
        "open_weights",
        "axis",
        "since",
        "until",
        "cumulative",
    ];
    let (allowed, required): (&[&str], &[&str]) = match kind {
        MeasureKind::RatioToLeader => (&["metric", "peers", "period"], &["metric", "peers"]),
        MeasureKind::Rank | MeasureKind::Share => (&["metric", "entity", "peers"], &["metric"]),
        MeasureKind::Growth => (&["metric", "from", "to"], &["metric", "from", "to"]),
        MeasureKind::Count | MeasureKind::Sum => (&filter_keys, &[]),
        MeasureKind::BenchmarkGap => (&[], &[]),
        MeasureKind::Value => (&["metric", "entity"], &["metric"]),
    };
    for (name, range) in &given {
        if let Some(range) = range {
            if !allowed.contains(name) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::BadClaim,
                        Span::new(file, range.clone()),
                        format!("`{name}` does not apply to measure `{}`", kind.key()),
                    )
                    .with_help(format!("remove `{name}` from criterion `{id}`")),
                );
            }
        }
    }
    for name in required {
        if given.iter().any(|(n, r)| n == name && r.is_none()) {
            diagnostics.push(Diagnostic::new(
                Code::BadClaim,
                span,
                format!("criterion `{id}` uses measure `{}` but has no `{name}`", kind.key()),
            ));
        }
    }
    if kind == MeasureKind::BenchmarkGap && c.test.is_none() {
        diagnostics.push(Diagnostic::new(
            Code::BadClaim,
            span,
            format!("criterion `{id}` uses measure `benchmark_gap` but has no `test`"),
        ));
    }
    if let (Some(test), false) = (&c.test, kind == MeasureKind::BenchmarkGap) {
        diagnostics.push(Diagnostic::new(
            Code::BadClaim,
            Span::new(file, test.span()),
            format!("`test` does not apply to measure `{}`", kind.key()),
        ));
    }

    let period = |value: &Option<Spanned<String>>, diagnostics: &mut Vec<Diagnostic>| {
        value.as_ref().and_then(|v| {
            parse_period(v.get_ref())
                .map_err(|m| {
                    diagnostics.push(Diagnostic::new(Code::BadDate, Span::new(file, v.span()), m));
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
                    diagnostics.push(Diagnostic::new(Code::BadDate, Span::new(file, v.span()), m));
                })
                .ok()
        })
    };
    let since = day(&c.since, diagnostics);
    let until = day(&c.until, diagnostics);
    let cumulative = c.cumulative.as_ref().is_some_and(|v| *v.get_ref());
    if let (true, Some(since)) = (cumulative, &c.since) {
        diagnostics.push(
            Diagnostic::new(
                Code::BadClaim,
                Span::new(file, since.span()),
                format!("criterion `{id}` is cumulative, so `since` does not apply"),
            )
            .with_help("remove `since`, or remove `cumulative = true`"),
        );
    }
    if diagnostics.len() > before {
        return None;
    }

    let metric = c.metric.map(Spanned::into_inner).unwrap_or_default();
    let peers = c.peers.map(Spanned::into_inner).unwrap_or_default();
    let entity = c.entity.map(Spanned::into_inner);
    let filter = || Filter {
        kinds: c.kinds.clone().map(Spanned::into_inner).unwrap_or_default(),
        types: c.types.clone().map(Spanned::into_inner).unwrap_or_default(),
        stages: c.stages.clone().map(Spanned::into_inner).unwrap_or_default(),
        open_weights: c.open_weights.clone().map(Spanned::into_inner),
        axis: c.axis.clone().map(Spanned::into_inner),
        since,
        until,
        cumulative,
    };
    let measure = match kind {
        MeasureKind::RatioToLeader => Measure::RatioToLeader {
            metric,
            peers,
            period: when,
        },
        MeasureKind::Rank => Measure::Rank {
            metric,
            entity,
            peers,
        },
        MeasureKind::Share => Measure::Share {
            metric,
            entity,
            peers,
        },
        MeasureKind::Growth => Measure::Growth {
            metric,
            from: from?,
            to: to?,
        },
        MeasureKind::Count => Measure::Count(filter()),
        MeasureKind::Sum => Measure::Sum(filter()),
        MeasureKind::BenchmarkGap => Measure::BenchmarkGap {
            test: c.test.map(Spanned::into_inner).unwrap_or_default(),
        },
        MeasureKind::Value => Measure::Value { metric, entity },
    };
    Some(Criterion {
        id: c.id.into_inner(),
        title: c.title,
        weight: c.weight.map_or(1.0, Spanned::into_inner),
        measure,
        scale: c.scale,
        goalposts: c.goalposts.into_inner(),
        span,
    })
}
