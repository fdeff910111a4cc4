//! Claims must be gradable: known metrics, usable goalposts, sensible weights, readings
//! naming real criteria. Records known after a claim's as-of date are flagged.

use crate::check::Context;
use crate::diagnostic::{Code, Diagnostic};

/// Checks each claim's criteria, weights and readings against the ledger.
pub fn claims(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for claim in cx.claims {
        for (_, c) in claim.criteria() {
            if let Some(metric) = c.measure.metric() {
                if !cx.ledger.knows_metric(metric) {
                    out.push(
                        Diagnostic::new(Code::UnknownMetric, c.span, format!("criterion `{}` uses unknown metric `{metric}`", c.id))
                            .with_help("name a `metric` that some `[[metric]]` or `[[budget]]` record states"),
                    );
                }
            }
            let readings = claim.readings.iter();
            for (reading, goalposts) in std::iter::once(("the criterion", c.goalposts)).chain(
                readings.filter_map(|r| r.goalposts.get(&c.id).map(|g| (r.id.as_str(), *g))),
            ) {
                if let Some(problem) = goalposts.problem(c.scale) {
                    out.push(
                        Diagnostic::new(Code::BadClaim, c.span, format!("criterion `{}` ({reading}): {problem}", c.id))
                            .with_help("set `world` to the value that counts as world level and `nothing` to the value that counts as none"),
                    );
                }
            }
            if !(c.weight >= 0.0 && c.weight.is_finite()) {
                out.push(Diagnostic::new(Code::BadClaim, c.span, format!("criterion `{}` has negative weight `{}`", c.id, c.weight)));
            }
        }
        for axis in &claim.axes {
            if !(axis.weight >= 0.0 && axis.weight.is_finite()) {
                out.push(Diagnostic::new(Code::BadClaim, axis.span, format!("axis `{}` has negative weight `{}`", axis.id, axis.weight)));
            }
            if axis.criteria.is_empty() {
                out.push(
                    Diagnostic::new(Code::BadClaim, axis.span, format!("axis `{}` has no criteria", axis.id))
                        .with_help("add at least one `[[axis.criterion]]`"),
                );
            } else if axis.criteria.iter().all(|c| c.weight == 0.0) {
                out.push(Diagnostic::new(Code::BadClaim, axis.span, format!("every criterion of axis `{}` has weight zero", axis.id)));
            }
        }
        if claim.axes.iter().all(|a| a.weight == 0.0) {
            out.push(
                Diagnostic::new(Code::BadClaim, claim.span, format!("every axis of claim `{}` has weight zero", claim.id))
                    .with_help("give at least one axis a positive weight"),
            );
        }
        if claim.readings.iter().all(|r| r.weight <= 0.0) || claim.readings.iter().any(|r| !(r.weight >= 0.0)) {
            out.push(Diagnostic::new(Code::BadClaim, claim.span, format!("the readings of claim `{}` need non-negative weights, at least one positive", claim.id)));
        }
        for reading in &claim.readings {
            for criterion in reading.goalposts.keys() {
                if !claim.criteria().any(|(_, c)| &c.id == criterion) {
                    out.push(
                        Diagnostic::new(Code::BadClaim, claim.span, format!("reading `{}` sets goalposts for unknown criterion `{criterion}`", reading.id))
                            .with_help("name a criterion id of this claim"),
                    );
                }
            }
        }
        if claim.window.from > claim.as_of {
            out.push(Diagnostic::new(Code::BadClaim, claim.span, format!("claim `{}` window starts after its as-of date", claim.id)));
        }
    }
    out
}

/// Warns about each record known after a claim's as-of date: that claim leaves it out.
pub fn after_as_of(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for claim in cx.claims {
        for r in &cx.ledger.records {
            let known = r.when.known_date();
            if known > claim.as_of {
                out.push(
                    Diagnostic::new(
                        Code::AfterAsOf,
                        r.place.when,
                        format!("record `{}` is known from {known}, after claim `{}` as-of {}", r.id, claim.id, claim.as_of),
                    )
                    .with_help("the claim leaves it out; this is expected for facts newer than the claim"),
                );
            }
        }
    }
    out
}
