//! `[[investment]]`: money put into an entity: a round, a commitment, a cumulative total.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::ledger::Quantity;
use crate::ledger::record::record_kind;

/// Whether an amount is new money or a running total.
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
pub enum InvestmentBasis {
    /// New money announced or raised.
    New,
    /// The total raised so far.
    Cumulative,
}

record_kind! {
    /// The fields particular to an `[[investment]]`.
    Investment, Investment, RawInvestment {
        /// Who invests; `None` when the source does not say.
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        investor: Option<Spanned<String>>,
        /// The amount as stated.
        amount: Quantity,
        /// The same amount as stated in another unit; `None` when not given.
        #[serde(default)]
        equivalent: Option<Quantity>,
        /// New money or running total.
        basis: InvestmentBasis,
        /// The funding round, e.g. `Series B`; `None` when not a round.
        #[serde(default)]
        round: Option<String>,
        /// Entities the investment works with.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        partners: Vec<Spanned<String>>,
    }
}
