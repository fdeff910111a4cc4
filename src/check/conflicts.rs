//! Two records must not state different values for the same entity, metric and period
//! unless they say how they relate: a metric that `restates` another, or budgets of a
//! different `basis` (an addition and the running total are both right).

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

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

/// The value a record states, when it is absolute: not relative to another entity, not
/// restating another record, not a part of another budget.
struct Stated<'a> {
    metric: &'a str,
    stated: &'a toml::Spanned<Quantity>,
    basis: Option<BudgetBasis>,
}

impl<'a> Stated<'a> {
    fn of(record: &'a Record) -> Option<Stated<'a>> {
        match &record.body {
            Body::Metric(m) if m.relative_to.is_none() && m.restates.is_none() => Some(Stated {
                metric: m.metric.get_ref(),
                stated: &m.value,
                basis: None,
            }),
            Body::Budget(b) if b.part_of.is_none() => Some(Stated {
                metric: b.metric.get_ref(),
                stated: &b.amount,
                basis: Some(b.basis),
            }),
            _ => None,
        }
    }
}

/// A record that states an absolute value, hashed and compared by what it states it of: its
/// metric, entity, period and (for a budget) basis. A set of them holds a pointer a record,
/// where a map keyed by copies of those held nine times that: at a million records, the
/// largest thing any check held (72 MB).
struct Keyed<'a>(&'a Record);

impl<'a> Keyed<'a> {
    fn key(&self) -> Option<(&'a str, &'a str, When, Option<BudgetBasis>)> {
        let r = self.0;
        Stated::of(r).map(|s| (s.metric, r.entity(), r.when, s.basis))
    }
}

impl Hash for Keyed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl PartialEq for Keyed<'_> {
    fn eq(&self, other: &Keyed<'_>) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Keyed<'_> {}

/// Reports each absolute value that disagrees with one earlier in the files for the same
/// entity, metric and period.
pub(super) fn conflicting_values(cx: &Context<'_>) -> Vec<Diagnostic> {
    // Sized for every record that may state a value, so that it never grows: growing hashes
    // every member again, each a pointer to a record somewhere in memory. At a million
    // records that was two thirds of this check's time.
    let stating: usize = (cx.ledger.metrics())
        .map(|m| cx.ledger.metric_records(m).len())
        .sum();
    let mut first: HashSet<Keyed<'_>> = HashSet::with_capacity(stating);
    let mut out = Vec::new();
    for r in cx.ledger.records_in_file_order() {
        let Some(Stated {
            metric,
            stated,
            basis,
        }) = Stated::of(r)
        else {
            continue;
        };
        let Some(&Keyed(other)) = first.get(&Keyed(r)) else {
            first.insert(Keyed(r));
            continue;
        };
        // Same key, so the earlier record states a value too.
        let Some(earlier) = Stated::of(other) else {
            continue;
        };
        let quantity = *stated.get_ref();
        let other_stated = earlier.stated;
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
                    r.id(),
                    shown(&quantity),
                    r.entity(),
                    r.when,
                    other.id(),
                    shown(&other_quantity),
                ),
            )
            .with_label(
                other.place.locate(other_stated),
                format!("`{}` states `{}` here", other.id(), shown(&other_quantity)),
            )
            .with_help(match basis {
                None => format!(
                    "if both are right, add `restates = \"{}\"` and say why in `note`",
                    other.id()
                ),
                Some(_) => "if both are right, give them different `basis` or `part_of`".to_owned(),
            }),
        );
    }
    out
}
