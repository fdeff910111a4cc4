//! Computing each measure from the records visible as of a date, one file per measure. Every
//! result names the records it used and keeps the operands, so `explain` can show the
//! arithmetic; every reason for having no value is a [`Missing`].

mod arithmetic;
mod benchmark;
mod choice;
mod count;
mod filter;
mod growth;
mod missing;
mod rank;
mod ratio_to_leader;
mod share;
mod sum;
mod value;

use std::sync::Arc;

use chrono::NaiveDate;

pub use arithmetic::{Arithmetic, Conversion, Counted, Measured, Operand};
pub(crate) use filter::{Timing, selects, timing};
pub use missing::Missing;

use crate::claim::{Measure, Window};
use crate::ledger::{Dimension, Ledger, Quantity, Record};

/// How much a self-reported record counts, relative to an independent one. A company's own
/// unverified figure can earn at most half the credit of an independent measurement.
pub const SELF_REPORTED_WEIGHT: f64 = 0.5;

/// How uncertain a figure marked approximate (約) is: it stands for any value within 10% of
/// itself. A threshold inside that band is too close to call.
pub const APPROXIMATE: f64 = 0.1;

/// What the engine may look at for one claim.
pub struct Scope<'a> {
    /// The ledger.
    pub ledger: &'a Ledger,
    /// Records known after this day are invisible.
    pub as_of: NaiveDate,
    /// The claim's window.
    pub window: Window,
    /// The claim's subject.
    pub subject: &'a str,
    /// Records to treat as removed (for pivotal-evidence analysis); empty normally.
    pub removed: &'a [usize],
}

impl Scope<'_> {
    /// Whether the record at `index` counts at all: known by the as-of date and not removed.
    fn visible(&self, index: usize, record: &Record) -> bool {
        record.when.known_date() <= self.as_of && !self.removed.contains(&index)
    }

    /// The records known by the as-of date, with their positions: a prefix of the canonical
    /// order (see [`Ledger::known_by`]), so that what comes after it, invisible, is never
    /// looked at. The records removed are still among them.
    fn known(&self) -> impl Iterator<Item = (usize, &Record)> {
        let end = self.ledger.known_by(self.as_of);
        (self.ledger.records.get(..end).unwrap_or_default().iter())
            .map(Arc::as_ref)
            .enumerate()
    }

    /// Of the records at `positions` (ascending, as an index of the ledger holds them),
    /// those known by the as-of date, with their positions: those after are never looked at.
    fn known_among<'p>(
        &'p self,
        positions: &'p [usize],
    ) -> impl Iterator<Item = (usize, &'p Record)> + 'p {
        let end = self.ledger.known_by(self.as_of);
        let known = positions.partition_point(|&i| i < end);
        (positions.get(..known).unwrap_or_default().iter())
            .filter_map(|&i| Some((i, self.ledger.records.get(i)?.as_ref())))
    }
}

/// The operand `record` contributes through `quantity`.
fn operand(index: usize, record: &Record, quantity: &Quantity) -> Operand {
    Operand {
        record: index,
        id: record.id().to_string(),
        entity: record.entity().to_string(),
        stated: *quantity,
        normalised: quantity.normalised().value,
        converted: None,
    }
}

/// The dimension of an operand's stated value.
fn dimension(op: &Operand) -> Dimension {
    op.stated.normalised().dimension
}

/// The discount on a sub-score resting on `records`: [`SELF_REPORTED_WEIGHT`] when any of
/// them is self-reported.
fn discount(ledger: &Ledger, records: &[usize]) -> f64 {
    if records.iter().any(|&i| ledger.records[i].self_reported) {
        SELF_REPORTED_WEIGHT
    } else {
        1.0
    }
}

/// A value one record states, taken as it is: the measured value of `value`, and of `rank`
/// and `share` when a rank or a percentage is stated.
fn stated(ledger: &Ledger, stated: Operand, dimension: Dimension) -> Measured {
    let i = stated.record;
    Measured {
        value: stated.normalised,
        uncertainty: stated.uncertainty(),
        dimension: Some(dimension),
        discount: discount(ledger, &[i]),
        arithmetic: Arithmetic::Stated { stated },
        records: vec![i],
    }
}

/// Computes `measure` within `scope`. A value that is not finite is refused, never graded.
pub(crate) fn compute(measure: &Measure, scope: &Scope<'_>) -> Result<Measured, Missing> {
    let measured = dispatch(measure, scope)?;
    if !measured.value.is_finite() {
        Err(Missing::NotFinite {
            value: measured.value,
        })
    } else if !measured.uncertainty.is_finite() {
        Err(Missing::NotFinite {
            value: measured.uncertainty,
        })
    } else {
        Ok(measured)
    }
}

/// Hands `measure` to its own file.
fn dispatch(measure: &Measure, scope: &Scope<'_>) -> Result<Measured, Missing> {
    match measure {
        Measure::RatioToLeader {
            metric,
            peers,
            select,
        } => ratio_to_leader::compute(scope, metric, peers, select),
        Measure::Rank {
            metric,
            entity,
            peers,
            select,
        } => rank::compute(scope, metric, entity.as_deref(), peers, select),
        Measure::Share {
            metric,
            entity,
            peers,
            select,
        } => share::compute(scope, metric, entity.as_deref(), peers, select),
        Measure::Growth {
            metric,
            from,
            to,
            select,
        } => growth::compute(scope, metric, from, to, select),
        Measure::Count(filter) => count::compute(scope, filter),
        Measure::Sum(filter) => sum::compute(scope, filter),
        Measure::BenchmarkGap { test, comparator } => {
            benchmark::compute(scope, test, comparator.as_deref(), false)
        }
        Measure::BenchmarkRatio { test, comparator } => {
            benchmark::compute(scope, test, comparator.as_deref(), true)
        }
        Measure::Value {
            metric,
            entity,
            select,
        } => value::compute(scope, metric.as_deref(), entity.as_deref(), select),
    }
}
