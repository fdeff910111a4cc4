//! `value`: the latest stated value of the subject or any of its organisations (or of an
//! entity), a metric or, without one, an investment amount.

use super::choice::{Wanted, Whose};
use super::{Measured, Missing, Scope, dimension, stated};
use crate::claim::Selection;

/// The latest `metric` (an investment amount when `None`) of `entity`, or of the subject
/// and its organisations when `None`.
pub(super) fn compute(
    scope: &Scope<'_>,
    metric: Option<&str>,
    entity: Option<&str>,
    select: &Selection,
) -> Result<Measured, Missing> {
    let subject = scope.subject;
    let whose = match entity {
        Some(e) => Whose::Exactly(e),
        None => Whose::About(subject),
    };
    let own = scope
        .choose(metric, whose, select, Wanted::Absolute, &[])?
        .ok_or_else(|| Missing::NoValue {
            metric: metric.map(str::to_owned),
            entity: entity.unwrap_or(subject).to_owned(),
            period: select.period,
        })?;
    let dimension = dimension(&own);
    Ok(stated(scope.ledger, own, dimension))
}
