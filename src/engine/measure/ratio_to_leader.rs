//! `ratio_to_leader`: the subject's value divided by the highest peer value for the same
//! period, or a ratio a source states when there are no comparable absolute values.

use super::choice::{Wanted, Whose, peer_values};
use super::{Arithmetic, Measured, Missing, Scope, discount};
use crate::claim::Selection;
use crate::ledger::{Body, Dimension};

/// The subject's `metric` against the leading peer's for the same period.
pub(super) fn compute(
    scope: &Scope<'_>,
    metric: &str,
    peers: &[String],
    select: &Selection,
) -> Result<Measured, Missing> {
    let subject = scope.subject;
    let own = scope.choose(
        Some(metric),
        Whose::Exactly(subject),
        select,
        Wanted::Absolute,
        &[],
    )?;
    if let Some(own) = own {
        let when = scope.ledger.records[own.record].when;
        let field = peer_values(scope, metric, subject, peers, select, &own, when)?;
        let mut field = field;
        field.sort_by(|a, b| b.normalised.total_cmp(&a.normalised).then(a.id.cmp(&b.id)));
        if let Some(leader) = field.first().cloned() {
            if leader.normalised <= 0.0 {
                return Err(Missing::DivideByZero {
                    metric: metric.to_owned(),
                });
            }
            let mut records = vec![own.record];
            records.extend(field.iter().map(|p| p.record));
            let value = own.normalised / leader.normalised;
            return Ok(Measured {
                value,
                uncertainty: value * (own.relative_uncertainty() + leader.relative_uncertainty()),
                dimension: Some(Dimension::Ratio),
                discount: discount(scope.ledger, &[own.record]),
                arithmetic: Arithmetic::Ratio {
                    subject: own,
                    leader,
                    peers: field,
                },
                records,
            });
        }
    }
    // No comparable absolute figures: a source may still state the ratio itself.
    let stated = scope.choose(
        Some(metric),
        Whose::Exactly(subject),
        select,
        Wanted::RelativeTo,
        peers,
    )?;
    match stated {
        Some(stated) => {
            let i = stated.record;
            let relative_to = match &scope.ledger.records[i].body {
                Body::Metric(m) => m
                    .relative_to
                    .as_ref()
                    .map(|r| r.get_ref().clone())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            Ok(Measured {
                value: stated.normalised,
                uncertainty: stated.uncertainty(),
                dimension: Some(Dimension::Ratio),
                discount: discount(scope.ledger, &[i]),
                arithmetic: Arithmetic::StatedRatio {
                    stated,
                    relative_to,
                },
                records: vec![i],
            })
        }
        None => Err(Missing::NoPeerValue {
            metric: metric.to_owned(),
            entity: subject.to_owned(),
        }),
    }
}
