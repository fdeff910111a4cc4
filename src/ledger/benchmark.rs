//! `[[benchmark]]`: a model's score on a test, beside the scores it is compared with.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::ledger::Quantity;
use crate::ledger::record::record_kind;

/// Another model's score on the same test.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comparator {
    /// The model's name.
    pub model: String,
    /// Who built it; `None` when the source does not say.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub entity: Option<Spanned<String>>,
    /// Its score.
    pub score: Quantity,
}

record_kind! {
    /// The fields particular to a `[[benchmark]]`.
    Benchmark, Benchmark, RawBenchmark {
        /// The model measured.
        model: String,
        /// The test, e.g. `JMLE`.
        test: String,
        /// The model's score.
        score: Quantity,
        /// Other models' scores on the same test.
        #[serde(default)]
        comparators: Vec<Comparator>,
    }
}
