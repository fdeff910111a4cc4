//! `[[release]]`: a model, code base or data set made available, open or not.

use serde::{Deserialize, Serialize};

use crate::ledger::record::record_kind;

/// What was released.
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
pub enum ArtifactKind {
    /// A trained model.
    Model,
    /// Source code.
    Code,
    /// A data set.
    Dataset,
}

record_kind! {
    /// The fields particular to a `[[release]]`.
    Release, Release, RawRelease {
        /// The artifact's name.
        artifact: String,
        /// What sort of artifact.
        artifact_kind: ArtifactKind,
        /// Whether the weights (or code, or data) can be downloaded.
        open_weights: bool,
        /// The licence; `None` when the source does not name one.
        #[serde(default)]
        licence: Option<String>,
    }
}
