//! `share`: the stated percentage of the subject (or an entity), or its value as a percentage
//! of itself plus its peers for the same period.

use super::choice::{Wanted, Whose, field};
use super::{Arithmetic, Measured, Missing, Scope, dimension, discount, stated};
use crate::claim::Selection;
use crate::ledger::Dimension;

/// The share of `entity` (the subject when `None`) in `metric`, in percent.
pub(super) fn compute(
    scope: &Scope<'_>,
    metric: &str,
    entity: Option<&str>,
    peers: &[String],
    select: &Selection,
) -> Result<Measured, Missing> {
    let subject = scope.subject;
    let who = entity.unwrap_or(subject);
    let own = scope.choose(
        Some(metric),
        Whose::Exactly(who),
        select,
        Wanted::Absolute,
        &[],
    )?;
    if let Some(own) = own.filter(|own| dimension(own) == Dimension::Share) {
        return Ok(stated(scope.ledger, own, Dimension::Share));
    }
    let (own, field) =
        field(scope, metric, who, peers, select)?.ok_or_else(|| Missing::NoShare {
            metric: metric.to_owned(),
            entity: who.to_owned(),
        })?;
    let total = crate::engine::total::total(field.iter().map(|p| p.normalised));
    if total <= 0.0 {
        return Err(Missing::DivideByZero {
            metric: metric.to_owned(),
        });
    }
    let records = field.iter().map(|p| p.record).collect();
    let value = own.normalised / total * 100.0;
    Ok(Measured {
        value,
        uncertainty: value * own.relative_uncertainty(),
        dimension: Some(Dimension::Share),
        discount: discount(scope.ledger, &[own.record]),
        arithmetic: Arithmetic::ShareOfTotal {
            subject: own,
            field,
        },
        records,
    })
}
