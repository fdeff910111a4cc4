//! `[[budget]]`: a government budget line for a fiscal year or a decision.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::ledger::Quantity;
use crate::ledger::record::record_kind;

/// What a budget amount covers.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BudgetBasis {
    /// One fiscal year's appropriation.
    Annual,
    /// An addition decided on top of earlier support.
    Additional,
    /// The running total to date.
    Cumulative,
}

record_kind! {
    /// The fields particular to a `[[budget]]`.
    Budget, Budget, RawBudget {
        /// The indicator this line is a value of, e.g. `government_ai_budget`.
        #[schemars(with = "String")]
        metric: Spanned<String>,
        /// The amount as stated.
        #[schemars(with = "Quantity")]
        amount: Spanned<Quantity>,
        /// What the amount covers.
        basis: BudgetBasis,
        /// The budget this is a line of; `None` for a top-level budget.
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        part_of: Option<Spanned<String>>,
        /// Who pays; `None` when it is the entity's own government.
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        funder: Option<Spanned<String>>,
    }
}
