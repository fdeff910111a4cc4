//! Two records must not state different values for the same entity, metric and period
//! unless they say how they relate: a metric that `restates` another, or budgets of a
//! different `basis` (an addition and the running total are both right).

use std::collections::HashMap;

use crate::check::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::{Amount, Body, BudgetBasis, Quantity, Record, When};

/// A quantity as written: `1.6 兆円`, `1/100 factor`.
fn shown(q: &Quantity) -> String {
    let value = match q.value {
        Amount::Number(v) => v.to_string(),
        Amount::Fraction {
            numerator,
            denominator,
        } => format!("{numerator}/{denominator}"),
    };
    format!("{value} {}", q.unit.symbol())
}

/// Reports each absolute value that disagrees with one earlier in the files for the same
/// entity, metric and period.
pub(super) fn conflicting_values(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut first: HashMap<(&str, &str, When, Option<BudgetBasis>), &Record> = HashMap::new();
    let mut out = Vec::new();
    for r in cx.ledger.records_in_file_order() {
        let (metric, stated, basis) = match &r.body {
            Body::Metric(m) if m.relative_to.is_none() && m.restates.is_none() => {
                (m.metric.get_ref().as_str(), &m.value, None)
            }
            Body::Budget(b) if b.part_of.is_none() => {
                (b.metric.get_ref().as_str(), &b.amount, Some(b.basis))
            }
            _ => continue,
        };
        let quantity = *stated.get_ref();
        let key = (metric, &*r.entity, r.when, basis);
        let Some(&other) = first.get(&key) else {
            first.insert(key, r);
            continue;
        };
        let other_stated = match &other.body {
            Body::Metric(m) => &m.value,
            Body::Budget(b) => &b.amount,
            _ => continue,
        };
        let other_quantity = *other_stated.get_ref();
        let (a, b) = (quantity.normalised(), other_quantity.normalised());
        let same = a.dimension == b.dimension
            && (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(b.value.abs());
        if same {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::ConflictingValues,
                r.place.locate(stated),
                format!(
                    "{} `{}` states `{}` for `{metric}` of `{}` in {}, but `{}` states `{}`",
                    r.kind().key(),
                    r.id,
                    shown(&quantity),
                    r.entity,
                    r.when,
                    other.id,
                    shown(&other_quantity),
                ),
            )
            .with_label(
                other.place.locate(other_stated),
                format!("`{}` states `{}` here", other.id, shown(&other_quantity)),
            )
            .with_help(match basis {
                None => format!(
                    "if both are right, add `restates = \"{}\"` and say why in `note`",
                    other.id
                ),
                Some(_) => "if both are right, give them different `basis` or `part_of`".to_owned(),
            }),
        );
    }
    out
}
