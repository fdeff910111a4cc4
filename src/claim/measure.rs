//! The closed set of measures a criterion can compute from records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ledger::{EventType, RecordKind, Stage, When};

/// The name of a measure, as written in a claim's `measure` key.
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
pub enum MeasureKind {
    /// The subject's value divided by the best peer's value.
    RatioToLeader,
    /// The subject's position in a ranking.
    Rank,
    /// The subject's percentage share.
    Share,
    /// The later value divided by the earlier one.
    Growth,
    /// How many matching records there are.
    Count,
    /// The total of matching records' amounts.
    Sum,
    /// How many points the subject's best model trails the best comparator by.
    BenchmarkGap,
    /// The latest stated value itself.
    Value,
}

impl MeasureKind {
    /// Every measure, in documentation order.
    pub const ALL: [MeasureKind; 8] = [
        MeasureKind::RatioToLeader,
        MeasureKind::Rank,
        MeasureKind::Share,
        MeasureKind::Growth,
        MeasureKind::Count,
        MeasureKind::Sum,
        MeasureKind::BenchmarkGap,
        MeasureKind::Value,
    ];

    /// The name as written in a claim.
    pub fn key(self) -> &'static str {
        match self {
            MeasureKind::RatioToLeader => "ratio_to_leader",
            MeasureKind::Rank => "rank",
            MeasureKind::Share => "share",
            MeasureKind::Growth => "growth",
            MeasureKind::Count => "count",
            MeasureKind::Sum => "sum",
            MeasureKind::BenchmarkGap => "benchmark_gap",
            MeasureKind::Value => "value",
        }
    }
}

/// Which records a `count` or `sum` looks at.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Filter {
    /// Record kinds; empty means every kind.
    pub kinds: Vec<RecordKind>,
    /// Event types; empty means every type (only events have one).
    pub types: Vec<EventType>,
    /// Deployment stages; empty means every stage (only deployments have one).
    pub stages: Vec<Stage>,
    /// Only releases with (or without) open weights; `None` means either.
    pub open_weights: Option<bool>,
    /// Only records bearing on this axis; `None` means the criterion's own axis is not
    /// required.
    pub axis: Option<String>,
    /// First day counted; `None` means the claim window's first day.
    pub since: Option<NaiveDate>,
    /// Last day counted; `None` means the claim window's last day (capped at as-of).
    pub until: Option<NaiveDate>,
    /// Count a stock rather than a flow: every matching record known by the last day,
    /// however early it started (`since` is then not allowed).
    pub cumulative: bool,
}

/// A criterion's computation, with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "measure", rename_all = "snake_case")]
pub enum Measure {
    /// `metric` of the subject divided by the highest `metric` among `peers` for the same
    /// period; falls back to a stated `relative_to` figure when absolute values are missing.
    RatioToLeader {
        /// The indicator.
        metric: String,
        /// The entities to compare with.
        peers: Vec<String>,
        /// The period to compare; `None` means the latest the subject has.
        period: Option<When>,
    },
    /// The subject's (or `entity`'s) stated rank in `metric`, or its rank by value among
    /// `peers` when no rank is stated.
    Rank {
        /// The indicator.
        metric: String,
        /// Who is ranked; `None` means the claim's subject.
        entity: Option<String>,
        /// Entities to rank against when no rank is stated.
        peers: Vec<String>,
    },
    /// The subject's stated percentage in `metric`, or its share of the total over itself
    /// and `peers` when no percentage is stated.
    Share {
        /// The indicator.
        metric: String,
        /// Whose share; `None` means the claim's subject.
        entity: Option<String>,
        /// The others making up the whole.
        peers: Vec<String>,
    },
    /// `metric` in period `to` divided by `metric` in period `from`.
    Growth {
        /// The indicator.
        metric: String,
        /// The earlier period.
        from: When,
        /// The later period.
        to: When,
    },
    /// The number of matching records about the subject (self-reported ones count less).
    Count(Filter),
    /// The total amount of matching budgets and investments about the subject.
    Sum(Filter),
    /// The best comparator's score minus the subject's best score on `test`, in points.
    BenchmarkGap {
        /// The test, e.g. `JMLE`.
        test: String,
    },
    /// The latest stated `metric` of the subject (or `entity`).
    Value {
        /// The indicator.
        metric: String,
        /// Whose value; `None` means the claim's subject.
        entity: Option<String>,
    },
}

impl Measure {
    /// The measure's name.
    pub fn kind(&self) -> MeasureKind {
        match self {
            Measure::RatioToLeader { .. } => MeasureKind::RatioToLeader,
            Measure::Rank { .. } => MeasureKind::Rank,
            Measure::Share { .. } => MeasureKind::Share,
            Measure::Growth { .. } => MeasureKind::Growth,
            Measure::Count(_) => MeasureKind::Count,
            Measure::Sum(_) => MeasureKind::Sum,
            Measure::BenchmarkGap { .. } => MeasureKind::BenchmarkGap,
            Measure::Value { .. } => MeasureKind::Value,
        }
    }

    /// The indicator it reads, if it reads one.
    pub fn metric(&self) -> Option<&str> {
        match self {
            Measure::RatioToLeader { metric, .. }
            | Measure::Rank { metric, .. }
            | Measure::Share { metric, .. }
            | Measure::Growth { metric, .. }
            | Measure::Value { metric, .. } => Some(metric),
            Measure::Count(_) | Measure::Sum(_) | Measure::BenchmarkGap { .. } => None,
        }
    }
}
