//! JSON Schema (draft-07, which TOML editors understand) of ledger, claim and project files,
//! generated from the types the loader deserializes into, so the schema cannot drift from the
//! loader.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::claim::load::{RawAxis as RawClaimAxis, RawClaim, RawCriterion, RawReading};
use crate::ledger::raw::{
    RawAxis, RawBenchmark, RawBudget, RawDeployment, RawEntity, RawEvent, RawInvestment, RawMetric,
    RawRelease, RawSource, RawTarget,
};

/// A TOML local date (`2026-04-30`), which TOML editors validate as a string in `date`
/// format.
pub(crate) struct Date;

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date" })
    }
}

/// One ledger file: any of the top-level arrays, each optional.
#[derive(JsonSchema)]
#[schemars(title = "kensho ledger file", deny_unknown_fields)]
#[allow(dead_code)] // only its schema is used
pub(crate) struct LedgerFile {
    /// Documents records rest on.
    source: Option<Vec<RawSource>>,
    /// Countries, governments, companies and institutions.
    entity: Option<Vec<RawEntity>>,
    /// Axes claims are graded on.
    axis: Option<Vec<RawAxis>>,
    /// Laws, plans, papers, launches, awards...
    event: Option<Vec<RawEvent>>,
    /// Government budget lines.
    budget: Option<Vec<RawBudget>>,
    /// Money invested in an entity.
    investment: Option<Vec<RawInvestment>>,
    /// Indicators: amounts, shares, ranks, counts.
    metric: Option<Vec<RawMetric>>,
    /// Models' scores on tests.
    benchmark: Option<Vec<RawBenchmark>>,
    /// Published models, code and data sets.
    release: Option<Vec<RawRelease>>,
    /// Systems put to work in the field.
    deployment: Option<Vec<RawDeployment>>,
    /// Goals with deadlines.
    target: Option<Vec<RawTarget>>,
}

fn draft07<T: JsonSchema>() -> String {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    crate::render::json::document(&schema)
}

/// The schema of a ledger file.
pub(crate) fn ledger() -> String {
    draft07::<LedgerFile>()
}

/// One claim file: the claim's own keys, its readings and its axes.
#[derive(JsonSchema)]
#[schemars(title = "kensho claim file", deny_unknown_fields)]
#[allow(dead_code)] // only its schema is used
pub(crate) struct ClaimFile {
    #[serde(flatten)]
    claim: RawClaim,
    /// Readings of the claim's vague words; at least one.
    reading: Vec<RawReading>,
    /// Axes with their criteria; at least one.
    axis: Vec<ClaimAxis>,
}

/// One axis of a claim with its criteria.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)] // only its schema is used
pub(crate) struct ClaimAxis {
    #[serde(flatten)]
    axis: RawClaimAxis,
    /// The axis's criteria; at least one.
    criterion: Vec<RawCriterion>,
}

/// The schema of a claim file.
pub(crate) fn claim() -> String {
    draft07::<ClaimFile>()
}

/// The schema of a project file (`kensho.toml`).
pub(crate) fn project() -> String {
    draft07::<crate::project::file::RawProject>()
}

/// The files kensho has a schema for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SchemaKind {
    /// A ledger file (`evidence/*.toml`).
    Ledger,
    /// A claim file (`claims/*.toml`).
    Claim,
    /// The project file (`kensho.toml`).
    Project,
}

impl SchemaKind {
    /// Every kind, in the order `kensho init` writes them.
    pub const ALL: [SchemaKind; 3] = [SchemaKind::Ledger, SchemaKind::Claim, SchemaKind::Project];

    /// The schema's text.
    pub fn text(self) -> String {
        match self {
            SchemaKind::Ledger => ledger(),
            SchemaKind::Claim => claim(),
            SchemaKind::Project => project(),
        }
    }

    /// The schema's file name in a project's `schemas/` folder.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaKind::Ledger => "ledger.schema.json",
            SchemaKind::Claim => "claim.schema.json",
            SchemaKind::Project => "project.schema.json",
        }
    }
}
