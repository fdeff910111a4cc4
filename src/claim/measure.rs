//! The closed set of measures a criterion can compute from records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ledger::{Dimension, EventType, RecordKind, Stage, When};

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
    /// The subject's best score as a fraction of the best comparator's.
    BenchmarkRatio,
    /// The latest stated value itself.
    Value,
}

impl MeasureKind {
    /// Every measure, in documentation order.
    pub const ALL: [MeasureKind; 9] = [
        MeasureKind::RatioToLeader,
        MeasureKind::Rank,
        MeasureKind::Share,
        MeasureKind::Growth,
        MeasureKind::Count,
        MeasureKind::Sum,
        MeasureKind::BenchmarkGap,
        MeasureKind::BenchmarkRatio,
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
            MeasureKind::BenchmarkRatio => "benchmark_ratio",
            MeasureKind::Value => "value",
        }
    }

    /// The keys a criterion of this measure may set beside its grading (`goalposts` or
    /// `threshold`, `scale`), and those it must.
    pub fn parameters(self) -> Parameters {
        // The keys that pick one value among a metric's records (see `Selection`).
        const PICK: [&str; 4] = ["basis", "record", "funder", "investor"];
        // Which records a `count` or `sum` looks at (see `Filter`).
        const FILTER: [&str; 13] = [
            "kinds",
            "types",
            "stages",
            "open_weights",
            "axis",
            "axes",
            "since",
            "until",
            "cumulative",
            "entity",
            "investor",
            "funder",
            "basis",
        ];
        let (own, pick, required): (&[&str], &[&str], &[&str]) = match self {
            MeasureKind::RatioToLeader => {
                (&["metric", "peers", "period"], &PICK, &["metric", "peers"])
            }
            MeasureKind::Rank | MeasureKind::Share => {
                (&["metric", "entity", "peers", "period"], &PICK, &["metric"])
            }
            MeasureKind::Growth => (&["metric", "from", "to"], &PICK, &["metric", "from", "to"]),
            MeasureKind::Value => (&["metric", "entity", "period"], &PICK, &[]),
            MeasureKind::Count | MeasureKind::Sum => (&FILTER, &[], &[]),
            MeasureKind::BenchmarkGap | MeasureKind::BenchmarkRatio => {
                (&["test", "comparator"], &[], &["test"])
            }
        };
        Parameters {
            allowed: [own, pick].concat(),
            required,
        }
    }
}

/// The keys a measure takes in a claim: what [`MeasureKind::parameters`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameters {
    /// Every key the measure reads, in the order its help lists them.
    pub allowed: Vec<&'static str>,
    /// The keys it cannot do without.
    pub required: &'static [&'static str],
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
    /// Only records bearing on at least one of these axes; empty means any axis.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub axes: Vec<String>,
    /// Only records about this entity (or, for a country, its organisations); `None` means
    /// the claim's subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Only investments by this investor; `None` means any (and other kinds still match).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub investor: Option<String>,
    /// Only budgets from this funder; `None` means any (and other kinds still match).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    /// Only budgets and investments stated on this basis; `None` means any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// The currency a `sum` totals in, from its goalposts' or threshold's unit; `None` means
    /// the currency most of its amounts can be read in (yen on a tie).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Dimension>,
    /// First day counted; `None` means the claim window's first day.
    pub since: Option<NaiveDate>,
    /// Last day counted; `None` means the claim window's last day (capped at as-of).
    pub until: Option<NaiveDate>,
    /// Count a stock rather than a flow: every matching record known by the last day,
    /// however early it started (`since` is then not allowed).
    pub cumulative: bool,
}

/// The basis an amount is stated on: a budget's `annual`, `additional` or `cumulative`, an
/// investment's `new` or `cumulative`.
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
pub enum Basis {
    /// A year's budget.
    Annual,
    /// An addition to earlier amounts.
    Additional,
    /// The running total.
    Cumulative,
    /// A new investment.
    New,
}

/// Which of the competing records a measure reads, when several state its metric. Every
/// part is optional; what is left open must not leave a choice between different values, or
/// the criterion reports the ambiguity.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Selection {
    /// Only records stated on this basis (budgets and investments); `None` means any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// Only records for this period; `None` means the latest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<When>,
    /// Only this record; `None` means any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// Only budgets from this funder; `None` means any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    /// Only investments by this investor; `None` means any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub investor: Option<String>,
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
        /// Which of the subject's records to read (its `period` also fixes the peers').
        #[serde(flatten)]
        select: Selection,
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
        /// Which of the records to read.
        #[serde(flatten)]
        select: Selection,
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
        /// Which of the records to read.
        #[serde(flatten)]
        select: Selection,
    },
    /// `metric` in period `to` divided by `metric` in period `from`.
    Growth {
        /// The indicator.
        metric: String,
        /// The earlier period.
        from: When,
        /// The later period.
        to: When,
        /// Which of the records to read in each period (not its `period`).
        #[serde(flatten)]
        select: Selection,
    },
    /// The number of matching records about the subject (self-reported ones count less).
    Count(Filter),
    /// The total amount of matching budgets and investments about the subject.
    Sum(Filter),
    /// The best comparator's score minus the subject's best score on `test`, in points.
    BenchmarkGap {
        /// The test, e.g. `JMLE`.
        test: String,
        /// Compare with this model's best score; `None` means the best from outside the
        /// subject.
        #[serde(skip_serializing_if = "Option::is_none")]
        comparator: Option<String>,
    },
    /// The subject's best score on `test` divided by the best comparator's.
    BenchmarkRatio {
        /// The test, e.g. `JMLE`.
        test: String,
        /// Compare with this model's best score; `None` means the best from outside the
        /// subject.
        #[serde(skip_serializing_if = "Option::is_none")]
        comparator: Option<String>,
    },
    /// The latest stated `metric` (or investment amount) of the subject (or `entity`).
    Value {
        /// The indicator; `None` means investment amounts, which state no metric.
        metric: Option<String>,
        /// Whose value; `None` means the claim's subject or any of its organisations.
        entity: Option<String>,
        /// Which of the records to read.
        #[serde(flatten)]
        select: Selection,
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
            Measure::BenchmarkRatio { .. } => MeasureKind::BenchmarkRatio,
            Measure::Value { .. } => MeasureKind::Value,
        }
    }

    /// The indicator it reads, if it reads one.
    pub fn metric(&self) -> Option<&str> {
        match self {
            Measure::RatioToLeader { metric, .. }
            | Measure::Rank { metric, .. }
            | Measure::Share { metric, .. }
            | Measure::Growth { metric, .. } => Some(metric),
            Measure::Value { metric, .. } => metric.as_deref(),
            Measure::Count(_)
            | Measure::Sum(_)
            | Measure::BenchmarkGap { .. }
            | Measure::BenchmarkRatio { .. } => None,
        }
    }
}
