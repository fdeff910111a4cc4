//! Claims against the ledger: every metric a criterion reads is stated by some record, and a
//! `value` criterion on a ranking has goalposts that treat rank 1 as best. Records known after
//! a claim's as-of date are flagged: that claim leaves them out.
//!
//! What a claim says on its own (goalposts, weights, readings) is checked as it is read, in
//! `claim::load`.

use crate::check::Context;
use crate::claim::load::{Direction, goalposts_diagnostic};
use crate::claim::{Criterion, Grading, Measure};
use crate::diagnostic::{Code, Diagnostic, closest};
use crate::engine::Missing;
use crate::ledger::{Body, Dimension, Ledger, Unit};

/// Every metric a claim's criteria read, with a rank metric's goalposts pointing down.
pub(crate) fn metrics(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for claim in cx.claims {
        for (_, c) in claim.criteria() {
            let Some(metric) = c.measure.metric() else {
                continue;
            };
            if !cx.ledger.knows_metric(metric) {
                // A name that is not an id is reported where it is written (K0210).
                if !crate::ledger::id::is_id(metric) {
                    continue;
                }
                // A near miss of a stated metric is a typo; otherwise the evidence may simply
                // not be in the ledger yet, and the criterion grades as having none.
                out.push(match closest(metric, cx.ledger.metrics()) {
                    Some(near) => Diagnostic::new(
                        Code::UnknownMetric,
                        c.span,
                        format!("criterion `{}`: no record states metric `{metric}`", c.id),
                    )
                    .with_help(format!("did you mean `{near}`?")),
                    None => Diagnostic::new(
                        Code::MetricWithoutRecords,
                        c.span,
                        format!(
                            "criterion `{}`: no record states metric `{metric}` yet, so it has no evidence",
                            c.id
                        ),
                    )
                    .with_help("add `[[metric]]` or `[[budget]]` records for it, or check the name"),
                });
                continue;
            }
            if let (Measure::Value { .. }, Some(wanted)) = (&c.measure, c.dimension) {
                let stated = stated_dimensions(cx.ledger, metric);
                if !stated.is_empty() && !stated.contains(&wanted) {
                    out.push(
                        Diagnostic::new(
                            Code::BadGoalposts,
                            c.span,
                            format!(
                                "criterion `{}`: its figures are in {}, but metric `{metric}` is stated in {}",
                                c.id,
                                wanted.noun(),
                                quoted_nouns(&stated)
                            ),
                        )
                        .with_help("write the goalposts or threshold in a unit of the metric's dimension"),
                    );
                }
            }
            let Grading::Goalposts { goalposts, .. } = c.grading else {
                continue;
            };
            if matches!(c.measure, Measure::Value { .. }) && states_ranks(cx.ledger, metric) {
                let why = format!("metric `{metric}` is a rank, and for a rank");
                let own = std::iter::once((format!("criterion `{}`", c.id), goalposts));
                let readings = claim.readings.iter().filter_map(|r| {
                    let g = r.goalposts.get(&c.id)?;
                    Some((format!("reading `{}`, criterion `{}`", r.id, c.id), *g))
                });
                for (what, goalposts) in own.chain(readings) {
                    if let Some(problem) = Direction::Down.problem(goalposts, &why) {
                        out.push(goalposts_diagnostic(c.span, &what, problem));
                    }
                }
            }
        }
    }
    out
}

/// The dimensions the records stating `metric` are in.
fn stated_dimensions(ledger: &Ledger, metric: &str) -> Vec<Dimension> {
    let mut out: Vec<Dimension> = ledger
        .metric_records(metric)
        .iter()
        .filter_map(|&i| ledger.records.get(i)?.body.figure())
        .map(|q| q.normalised().dimension)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn quoted_nouns(dimensions: &[Dimension]) -> String {
    dimensions
        .iter()
        .map(|d| d.noun())
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Every `sum` whose figures are plain numbers: which currency it totals in is then inferred
/// from the amounts, and a dollar amount added to a ledger could change it.
pub(crate) fn sum_currency(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for claim in cx.claims {
        for (_, c) in claim.criteria() {
            if matches!(c.measure, Measure::Sum(_)) && c.dimension.is_none() {
                out.push(
                    Diagnostic::new(
                        Code::SumWithoutCurrency,
                        c.span,
                        format!(
                            "criterion `{}` sums money but its figures name no currency",
                            c.id
                        ),
                    )
                    .with_help("write the goalposts or threshold with a unit, as `\"10兆円\"` or `\"10 USD bn\"`"),
                );
            }
        }
    }
    out
}

/// Every criterion that, as of its claim's date, finds several records competing for its one
/// value: the claim must select among them, or the verdict would rest on a silent choice.
pub(crate) fn ambiguous(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for claim in cx.claims {
        let measured = crate::engine::measure_all(claim, cx.ledger, claim.as_of, &[]);
        for ((_, c), (_, outcome)) in claim.criteria().zip(&measured) {
            if let Err(missing @ Missing::Ambiguous { .. }) = outcome {
                out.push(ambiguity(cx.ledger, &claim.id, c, missing));
            }
        }
    }
    out
}

/// The diagnostic for a criterion whose records compete, naming every one of them.
pub(crate) fn ambiguity(
    ledger: &Ledger,
    claim: &str,
    c: &Criterion,
    missing: &Missing,
) -> Diagnostic {
    let Missing::Ambiguous { candidates } = missing else {
        return Diagnostic::new(
            Code::AmbiguousValue,
            c.span,
            format!("claim `{claim}`, criterion `{}` is ambiguous", c.id),
        );
    };
    let ids = crate::diagnostic::quoted_list(candidates.iter().map(|o| o.id.as_str()));
    let mut d = Diagnostic::new(
        Code::AmbiguousValue,
        c.span,
        format!(
            "claim `{claim}`, criterion `{}`: records {ids} compete for one value and disagree",
            c.id
        ),
    )
    .with_help(
        "select one in the criterion: by `basis`, `period`, `entity`, `funder`, `investor` or `record` (see docs/claims.md)",
    );
    for o in candidates {
        if let Some(r) = ledger.records.get(o.record) {
            d = d.with_label(
                r.place.id(),
                format!(
                    "`{}` states {}",
                    o.id,
                    crate::render::wording::stated(&o.stated)
                ),
            );
        }
    }
    d
}

/// Whether every record stating `metric` gives a rank.
fn states_ranks(ledger: &Ledger, metric: &str) -> bool {
    let positions = ledger.metric_records(metric);
    !positions.is_empty()
        && positions.iter().all(|&i| {
            matches!(
                ledger.records.get(i).map(|r| &r.body),
                Some(Body::Metric(m)) if m.value.get_ref().unit == Unit::Rank
            )
        })
}

/// Warns once about each record known after the as-of date of one or more claims: those
/// claims leave it out.
pub(crate) fn after_as_of(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Records are in order of the day they are known: those no claim leaves out come first.
    let Some(earliest) = cx.claims.iter().map(|c| c.as_of).min() else {
        return out;
    };
    let unseen = cx.ledger.records.get(cx.ledger.known_by(earliest)..);
    for r in unseen.into_iter().flatten() {
        let known = r.when.known_date();
        let later: Vec<String> = cx
            .claims
            .iter()
            .filter(|c| known > c.as_of)
            .map(|c| format!("`{}` ({})", c.id, c.as_of))
            .collect();
        let claims = match later.as_slice() {
            [] => continue,
            [one] => format!("claim {one}"),
            [first, second] => format!("claims {first} and {second}"),
            [first, second, rest @ ..] => {
                format!("claims {first}, {second} and {} more", rest.len())
            }
        };
        out.push(
            Diagnostic::new(
                Code::AfterAsOf,
                r.place.when(),
                format!(
                    "{} `{}` is known from {known}, after the as-of date of {claims}",
                    r.kind().key(),
                    r.id()
                ),
            )
            .with_help("those claims leave it out; this is expected for facts newer than a claim"),
        );
    }
    out
}
