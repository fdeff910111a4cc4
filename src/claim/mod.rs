//! A claim: what is asserted, about whom, as of when, and how to grade it: axes with
//! weights, criteria with measures and goalposts, and readings of its vague words.

pub(crate) mod expression;
mod figure;
pub mod frame;
mod goalposts;
pub(crate) mod load;
mod measure;
mod threshold;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

pub use figure::Figure;
pub use goalposts::{Goalposts, Scale};
pub use measure::{Basis, Filter, Measure, MeasureKind, Parameters, Selection};
pub use threshold::{Comparison, Passes, Threshold};

use crate::ledger::Dimension;
use crate::source_file::Span;

/// The days a claim is about, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

impl Window {
    /// Whether the window starts after `as_of`: then nothing in it can be known by that day.
    pub fn starts_after(&self, as_of: NaiveDate) -> bool {
        self.from > as_of
    }
}

/// Who made a claim, where and when: what a published review says of the claim it reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// Who made it; `None` when the claim file does not say.
    pub claimant: Option<String>,
    /// Whether who made it is a person or an organisation.
    pub claimant_kind: ClaimantKind,
    /// The claimant's home page; `None` when the claim file does not say.
    pub claimant_url: Option<Located<String>>,
    /// Where it appeared; `None` when the claim file does not say.
    pub appearance: Option<Located<String>>,
    /// The day it was made; `None` when the claim file does not say.
    pub date: Option<NaiveDate>,
}

impl Provenance {
    /// Whether the claim file says nothing of where the claim comes from.
    pub fn is_empty(&self) -> bool {
        self == &Provenance::default()
    }
}

/// Whether a claimant is a person or an organisation.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ClaimantKind {
    /// A person.
    Person,
    /// An organisation: a company, a party, a government, a newspaper.
    #[default]
    Organization,
}

/// A value with the place it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    #[serde(skip)]
    pub span: Span,
}

/// One interpretation of the claim's vague words, with the goalposts it changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    /// Unique within the claim.
    pub id: String,
    /// What this reading takes the claim to mean.
    pub title: String,
    /// Its share in the headline verdict (relative to the other readings).
    pub weight: f64,
    /// Goalposts this reading sets instead of the criteria's own, by criterion id.
    pub goalposts: BTreeMap<String, Goalposts>,
}

/// One measurable test of an axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    /// Unique within the claim.
    pub id: String,
    /// What it tests, in a few words.
    pub title: String,
    /// Its weight within the axis.
    pub weight: f64,
    /// What it computes.
    pub measure: Measure,
    /// How its value becomes a sub-score.
    pub grading: Grading,
    /// The dimension its goalposts or threshold are written in; `None` when they are plain
    /// numbers in the measure's own base unit.
    pub dimension: Option<Dimension>,
    /// Where the criterion is written.
    #[serde(skip)]
    pub span: Span,
}

/// How a criterion's value becomes a sub-score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "grading", rename_all = "snake_case")]
pub enum Grading {
    /// A sliding score between two goalposts, which a reading may move.
    Goalposts {
        /// How the value moves between the goalposts.
        scale: Scale,
        /// The goalposts every reading uses unless it sets its own.
        goalposts: Goalposts,
    },
    /// Met (1) or not (0), or too close to call (0.5) for an approximate value.
    Threshold(Threshold),
}

/// One axis of a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimAxis {
    /// An axis id declared in the ledger.
    pub id: String,
    /// Its weight in the claim.
    pub weight: f64,
    /// Its criteria.
    pub criteria: Vec<Criterion>,
    /// Where the axis is written.
    #[serde(skip)]
    pub span: Span,
}

/// A claim to grade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// Unique id; `kensho verify ID` finds the claim by it.
    pub id: String,
    /// The claim as people state it.
    pub text: String,
    /// The claim in Japanese; `None` when not given.
    pub text_ja: Option<String>,
    /// The entity the claim is about.
    pub subject: String,
    /// No record known after this day counts.
    pub as_of: NaiveDate,
    /// The days the claim speaks of.
    pub window: Window,
    /// Where the window is written.
    #[serde(skip)]
    pub window_span: Span,
    /// Whether `kensho verify` with no argument grades this claim.
    pub default: bool,
    /// How far robustness draws move each goalpost, as a fraction (0.2 = 20%).
    pub tolerance: f64,
    /// Who made the claim, where and when, as far as the claim file says.
    #[serde(skip_serializing_if = "Provenance::is_empty")]
    pub provenance: Provenance,
    /// The readings; at least one.
    pub readings: Vec<Reading>,
    /// The axes; at least one.
    pub axes: Vec<ClaimAxis>,
    /// Where the claim is written (its whole file).
    #[serde(skip)]
    pub span: Span,
}

impl Claim {
    /// How `reading` grades `criterion`: the criterion's own grading, with the reading's
    /// goalposts where it sets them.
    pub fn grading(&self, reading: &Reading, criterion: &Criterion) -> Grading {
        match criterion.grading {
            Grading::Goalposts { scale, goalposts } => Grading::Goalposts {
                scale,
                goalposts: reading
                    .goalposts
                    .get(&criterion.id)
                    .copied()
                    .unwrap_or(goalposts),
            },
            threshold @ Grading::Threshold(_) => threshold,
        }
    }

    /// Every criterion with its axis.
    pub fn criteria(&self) -> impl Iterator<Item = (&ClaimAxis, &Criterion)> {
        self.axes
            .iter()
            .flat_map(|a| a.criteria.iter().map(move |c| (a, c)))
    }
}
