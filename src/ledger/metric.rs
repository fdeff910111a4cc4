//! `[[metric]]`: an indicator's value for an entity and period: an amount, share, rank or
//! count.

use toml::Spanned;

use crate::ledger::Quantity;
use crate::ledger::record::record_kind;

record_kind! {
    /// The fields particular to a `[[metric]]`.
    Metric, Metric, RawMetric {
        /// The indicator's name, e.g. `private_ai_investment`.
        #[schemars(with = "String")]
        metric: Spanned<String>,
        /// The value as stated.
        #[schemars(with = "Quantity")]
        value: Spanned<Quantity>,
        /// The value is the entity's figure relative to this entity's; `None` for an
        /// absolute value.
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        relative_to: Option<Spanned<String>>,
        /// The record this one states again (another source or unit); `None` when it is
        /// the first statement.
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        restates: Option<Spanned<String>>,
    }
}
