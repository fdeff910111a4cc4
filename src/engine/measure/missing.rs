//! Why a criterion has no value: a closed set of reasons, which `render::wording` alone puts
//! into words.

use serde::Serialize;

use super::Operand;
use crate::ledger::When;

/// Why a criterion has no value. `render::wording` puts it into words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "missing", rename_all = "snake_case")]
pub enum Missing {
    /// No record states the metric for the entity (in the period, when one is set).
    NoValue {
        /// The metric; `None` for investment amounts.
        metric: Option<String>,
        /// Whose value was wanted.
        entity: String,
        /// The period wanted; `None` means any.
        period: Option<When>,
    },
    /// The entity has a value but no peer has one for the same period.
    NoPeerValue {
        /// The metric.
        metric: String,
        /// Whose value was wanted.
        entity: String,
    },
    /// Neither a stated rank nor values to rank by.
    NoRank {
        /// The metric.
        metric: String,
        /// Who was to be ranked.
        entity: String,
    },
    /// Neither a stated percentage nor values to take a share of.
    NoShare {
        /// The metric.
        metric: String,
        /// Whose share was wanted.
        entity: String,
    },
    /// A value to divide by is zero: the leading peer's, the total, or the earlier period's.
    DivideByZero {
        /// The metric.
        metric: String,
    },
    /// The two periods of a growth are stated in different dimensions.
    DifferentUnits {
        /// The metric.
        metric: String,
        /// The earlier period.
        from: When,
        /// The later period.
        to: When,
    },
    /// No record matches the filter.
    NoMatchingRecords,
    /// Records match, but none states an amount in the sum's currency or one that converts.
    NoMatchingAmounts {
        /// The records in another currency.
        skipped: Vec<String>,
    },
    /// No model from the subject has a result on the test.
    NoSubjectResult {
        /// The test.
        test: String,
        /// The subject.
        entity: String,
    },
    /// No comparator (the named one, or any from outside the subject) has a result.
    NoComparatorResult {
        /// The test.
        test: String,
        /// The comparator named by the claim; `None` means any from outside the subject.
        comparator: Option<String>,
    },
    /// Several records compete for the one value the measure needs and state different
    /// values: the claim must select one (`basis`, `period`, `entity`, `record`, ...).
    Ambiguous {
        /// Every competing record.
        candidates: Vec<Operand>,
    },
    /// The measure's arithmetic gave a value that is not a finite number: a sum, ratio or
    /// growth of finite figures that overflowed. It is refused rather than graded, since the
    /// goalposts would clamp `inf` to world level and `NaN` to nothing.
    NotFinite {
        /// What the arithmetic gave: `inf`, `-inf` or `NaN`.
        value: f64,
    },
}
