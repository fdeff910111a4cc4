//! Claims against the ledger: every metric a criterion reads is stated by some record, and a
//! `value` criterion on a ranking has goalposts that treat rank 1 as best. Records known after
//! a claim's as-of date are flagged: that claim leaves them out.
//!
//! What a claim says on its own (goalposts, weights, readings) is checked as it is read, in
//! `claim::load`.

use crate::check::Context;
use crate::claim::Measure;
use crate::claim::load::{Direction, goalposts_diagnostic};
use crate::diagnostic::{Code, Diagnostic, closest};
use crate::ledger::{Body, Ledger, Unit};

/// Every metric a claim's criteria read, with a rank metric's goalposts pointing down.
pub fn metrics(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for claim in cx.claims {
        for (_, c) in claim.criteria() {
            let Some(metric) = c.measure.metric() else {
                continue;
            };
            if !cx.ledger.knows_metric(metric) {
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
            if matches!(c.measure, Measure::Value { .. }) && states_ranks(cx.ledger, metric) {
                let why = format!("metric `{metric}` is a rank, and for a rank");
                let own = std::iter::once((format!("criterion `{}`", c.id), c.goalposts));
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
pub fn after_as_of(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &cx.ledger.records {
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
                r.place.when,
                format!(
                    "{} `{}` is known from {known}, after the as-of date of {claims}",
                    r.kind().key(),
                    r.id
                ),
            )
            .with_help("those claims leave it out; this is expected for facts newer than a claim"),
        );
    }
    out
}
