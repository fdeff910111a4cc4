//! `growth`: the value in one period divided by the value in an earlier one.

use super::choice::{Wanted, Whose};
use super::{Arithmetic, Measured, Missing, Scope, dimension, discount};
use crate::claim::Selection;
use crate::ledger::{Dimension, When};

/// `metric` in `to` divided by `metric` in `from`.
pub(super) fn compute(
    scope: &Scope<'_>,
    metric: &str,
    from: &When,
    to: &When,
    select: &Selection,
) -> Result<Measured, Missing> {
    let subject = scope.subject;
    let at = |period: &When| {
        let select = Selection {
            period: Some(*period),
            ..select.clone()
        };
        scope.choose(
            Some(metric),
            Whose::Exactly(subject),
            &select,
            Wanted::Absolute,
            &[],
        )
    };
    let earlier = at(from)?;
    let later = at(to)?;
    match (earlier, later) {
        (Some(a), Some(b)) if dimension(&a) == dimension(&b) && a.normalised > 0.0 => {
            let records = vec![a.record, b.record];
            let value = b.normalised / a.normalised;
            Ok(Measured {
                value,
                uncertainty: value * (a.relative_uncertainty() + b.relative_uncertainty()),
                dimension: Some(Dimension::Ratio),
                discount: discount(scope.ledger, &records),
                arithmetic: Arithmetic::Growth { from: a, to: b },
                records,
            })
        }
        (Some(a), Some(b)) if dimension(&a) != dimension(&b) => Err(Missing::DifferentUnits {
            metric: metric.to_owned(),
            from: *from,
            to: *to,
        }),
        (Some(_), Some(_)) => Err(Missing::DivideByZero {
            metric: metric.to_owned(),
        }),
        (None, _) => Err(Missing::NoValue {
            metric: Some(metric.to_owned()),
            entity: subject.to_owned(),
            period: Some(*from),
        }),
        (_, None) => Err(Missing::NoValue {
            metric: Some(metric.to_owned()),
            entity: subject.to_owned(),
            period: Some(*to),
        }),
    }
}
