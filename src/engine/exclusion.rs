//! The records a criterion left out, and why: known only after the as-of date, outside the
//! criterion's days, undatable within them, or running past their last day. `explain` shows them so that a reader can see
//! what did not count as well as what did.

use serde::Serialize;

use crate::claim::Measure;
use crate::engine::measure::{Scope, Timing, selects, timing};
use crate::ledger::Body;

/// A record left out of a criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct LeftOut {
    /// Position of the record in the ledger.
    #[serde(skip)]
    pub record: usize,
    /// The record's id.
    pub id: String,
    /// Why it was left out.
    #[serde(flatten)]
    pub timing: Timing,
}

/// The records `measure` would have looked at but for their dates, in the ledger's canonical
/// order.
pub(crate) fn left_out(measure: &Measure, scope: &Scope<'_>) -> Vec<LeftOut> {
    let ledger = scope.ledger;
    let after_as_of = |i: usize| {
        let known = ledger.records[i].when.known_date();
        (known > scope.as_of).then(|| LeftOut {
            record: i,
            id: ledger.records[i].id().to_string(),
            timing: Timing::AfterAsOf { known },
        })
    };
    match measure {
        Measure::Count(filter) | Measure::Sum(filter) => ledger
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| selects(scope, filter, r))
            .filter_map(|(i, r)| match timing(scope, filter, r) {
                Timing::Inside => None,
                other => Some(LeftOut {
                    record: i,
                    id: r.id().to_string(),
                    timing: other,
                }),
            })
            .collect(),
        Measure::BenchmarkGap { test, .. } | Measure::BenchmarkRatio { test, .. } => ledger
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(&r.body, Body::Benchmark(b) if &b.test == test))
            .filter_map(|(i, _)| after_as_of(i))
            .collect(),
        Measure::RatioToLeader { metric, peers, .. }
        | Measure::Rank { metric, peers, .. }
        | Measure::Share { metric, peers, .. } => {
            let who = match measure {
                Measure::Rank { entity, .. } | Measure::Share { entity, .. } => {
                    entity.as_deref().unwrap_or(scope.subject)
                }
                _ => scope.subject,
            };
            ledger
                .metric_records(metric)
                .iter()
                .copied()
                .filter(|&i| {
                    let e: &str = ledger.records[i].entity();
                    e == who || peers.iter().any(|p| p == e)
                })
                .filter_map(after_as_of)
                .collect()
        }
        Measure::Growth { metric, .. } => ledger
            .metric_records(metric)
            .iter()
            .copied()
            .filter(|&i| *ledger.records[i].entity() == *scope.subject)
            .filter_map(after_as_of)
            .collect(),
        Measure::Value { metric, entity, .. } => {
            let about = |i: usize| {
                let r = &ledger.records[i];
                match entity {
                    Some(e) => *r.entity() == **e,
                    None => ledger.is_about(r, scope.subject),
                }
            };
            match metric {
                Some(metric) => ledger
                    .metric_records(metric)
                    .iter()
                    .copied()
                    .filter(|&i| about(i))
                    .filter_map(after_as_of)
                    .collect(),
                None => (0..ledger.records.len())
                    .filter(|&i| matches!(ledger.records[i].body, Body::Investment(_)) && about(i))
                    .filter_map(after_as_of)
                    .collect(),
            }
        }
    }
}
