//! `count`: how many matching records there are; a self-reported one counts
//! [`SELF_REPORTED_WEIGHT`].

use super::filter::counted;
use super::{Arithmetic, Counted, Measured, Missing, SELF_REPORTED_WEIGHT, Scope};
use crate::claim::Filter;
use crate::ledger::Dimension;

/// The weighted number of records `filter` counts.
pub(super) fn compute(scope: &Scope<'_>, filter: &Filter) -> Result<Measured, Missing> {
    let counted: Vec<(usize, f64)> = counted(scope, filter)
        .into_iter()
        .map(|i| {
            let weight = if scope.ledger.records[i].self_reported {
                SELF_REPORTED_WEIGHT
            } else {
                1.0
            };
            (i, weight)
        })
        .collect();
    if counted.is_empty() {
        // Absence of records is absence of evidence, not evidence of absence.
        return Err(Missing::NoMatchingRecords);
    }
    Ok(Measured {
        value: crate::engine::total::total(counted.iter().map(|(_, w)| *w)),
        uncertainty: 0.0,
        dimension: Some(Dimension::Count),
        discount: 1.0,
        records: counted.iter().map(|(i, _)| *i).collect(),
        arithmetic: Arithmetic::Count {
            counted: counted
                .iter()
                .map(|&(i, weight)| Counted {
                    id: scope.ledger.records[i].id().to_string(),
                    weight,
                })
                .collect(),
        },
    })
}
