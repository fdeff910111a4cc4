//! `rank`: the stated rank of the subject (or an entity), or its position by value among
//! itself and its peers for the same period.

use super::choice::{Wanted, Whose, field};
use super::{Arithmetic, Measured, Missing, Scope, discount, stated};
use crate::claim::Selection;
use crate::ledger::Dimension;

/// The rank of `entity` (the subject when `None`) in `metric`.
pub(super) fn compute(
    scope: &Scope<'_>,
    metric: &str,
    entity: Option<&str>,
    peers: &[String],
    select: &Selection,
) -> Result<Measured, Missing> {
    let subject = scope.subject;
    let who = entity.unwrap_or(subject);
    let stated_rank = scope.choose(Some(metric), Whose::Exactly(who), select, Wanted::Rank, &[])?;
    if let Some(rank) = stated_rank {
        return Ok(stated(scope.ledger, rank, Dimension::Rank));
    }
    let (own, field) =
        field(scope, metric, who, peers, select)?.ok_or_else(|| Missing::NoRank {
            metric: metric.to_owned(),
            entity: who.to_owned(),
        })?;
    let position = 1 + field
        .iter()
        .filter(|p| p.normalised > own.normalised)
        .count();
    let records = field.iter().map(|p| p.record).collect();
    Ok(Measured {
        value: position as f64,
        // A position among approximate values could move by one or more places; the
        // position itself is reported as exact, and the values are shown.
        uncertainty: 0.0,
        dimension: Some(Dimension::Rank),
        discount: discount(scope.ledger, &[own.record]),
        arithmetic: Arithmetic::Ranked {
            subject: own,
            field,
        },
        records,
    })
}
