//! `[[deployment]]`: a system put to work in the field, with what was measured there.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::ledger::Quantity;
use crate::ledger::record::record_kind;

/// How far a deployment has gone.
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
pub enum Stage {
    /// Announced, not yet running.
    Announced,
    /// A pilot or proof of concept.
    Pilot,
    /// A field trial or demonstration.
    Trial,
    /// In regular service or on sale.
    Production,
}

/// The fields of an application domain.
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
pub enum Domain {
    /// Hospitals and medicine.
    Healthcare,
    /// Factories and inspection.
    Manufacturing,
    /// Building sites and heavy machinery.
    Construction,
    /// Robots in general.
    Robotics,
    /// Vehicles and transport.
    Mobility,
    /// Chips and fabs.
    Semiconductor,
    /// Government services.
    Public,
    /// Networks, utilities and civil infrastructure.
    Infrastructure,
}

/// One measured result of a deployment.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// What was measured, in a few words.
    pub measure: String,
    /// The figure.
    pub value: Quantity,
}

record_kind! {
    /// The fields particular to a `[[deployment]]`.
    Deployment, Deployment, RawDeployment {
        /// The system's name.
        system: String,
        /// Where it works.
        domain: Domain,
        /// How far it has gone.
        stage: Stage,
        /// Other entities involved.
        #[serde(default)]
        #[schemars(with = "Vec<String>")]
        partners: Vec<Spanned<String>>,
        /// What was measured.
        #[serde(default)]
        results: Vec<Outcome>,
    }
}
