//! `[[target]]`: a stated goal with a deadline, such as sales by 2030 or capacity by FY2033.

use crate::ledger::Quantity;
use crate::ledger::record::record_kind;

record_kind! {
    /// The fields particular to a `[[target]]`.
    Target, Target, RawTarget {
        /// The figure aimed at; `None` for a goal without a number.
        #[serde(default)]
        value: Option<Quantity>,
        /// The calendar year it is due; `None` when a fiscal year is given.
        #[serde(default)]
        by_year: Option<i32>,
        /// The fiscal year it is due; `None` when a calendar year is given.
        #[serde(default)]
        by_fiscal_year: Option<i32>,
    }
}
