//! What a measure hands back: the value, the records it used and the arithmetic behind it,
//! operand by operand, so that `explain` can show every step without recomputing one.

use serde::Serialize;

use super::APPROXIMATE;
use crate::ledger::{Dimension, Quantity};

/// An amount converted to another currency through a sourced exchange rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conversion {
    /// Position of the exchange-rate record in the ledger.
    #[serde(skip)]
    pub record: usize,
    /// The exchange-rate record's id.
    pub id: String,
    /// The rate, in yen per US dollar.
    pub rate: f64,
}

/// One operand: a record and the value it contributed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operand {
    /// Position of the record in the ledger.
    #[serde(skip)]
    pub record: usize,
    /// The record's id.
    pub id: String,
    /// The entity the value belongs to.
    pub entity: String,
    /// The value as stated.
    pub stated: Quantity,
    /// The value in its dimension's base unit (after any conversion).
    pub normalised: f64,
    /// The exchange rate it was converted through; `None` when it was not converted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted: Option<Conversion>,
}

impl Operand {
    /// How far the value may lie from `normalised`: [`APPROXIMATE`] of it when the source
    /// says "about", else nothing.
    pub fn uncertainty(&self) -> f64 {
        if self.stated.approximate {
            APPROXIMATE * self.normalised.abs()
        } else {
            0.0
        }
    }

    /// The uncertainty relative to the value.
    pub(super) fn relative_uncertainty(&self) -> f64 {
        if self.stated.approximate {
            APPROXIMATE
        } else {
            0.0
        }
    }
}

/// One record in a count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    /// The record's id.
    pub id: String,
    /// 1, or [`SELF_REPORTED_WEIGHT`] when self-reported.
    pub weight: f64,
}

/// The arithmetic behind a measured value, one shape per measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Arithmetic {
    /// `subject / leader`.
    Ratio {
        /// The subject's value.
        subject: Operand,
        /// The highest peer value.
        leader: Operand,
        /// Every peer value considered, leader included.
        peers: Vec<Operand>,
    },
    /// A ratio stated by a source rather than computed.
    StatedRatio {
        /// The record stating it.
        stated: Operand,
        /// Whom the ratio is relative to.
        relative_to: String,
    },
    /// A value read as stated: a rank, a share, a plain value.
    Stated {
        /// The record stating it.
        stated: Operand,
    },
    /// A position computed from values: `position` of `out_of`.
    Ranked {
        /// The subject's value.
        subject: Operand,
        /// Everyone's values, the subject included.
        field: Vec<Operand>,
    },
    /// `subject / (subject + peers) * 100`.
    ShareOfTotal {
        /// The subject's value.
        subject: Operand,
        /// Everyone's values, the subject included.
        field: Vec<Operand>,
    },
    /// `to / from`.
    Growth {
        /// The earlier value.
        from: Operand,
        /// The later value.
        to: Operand,
    },
    /// A weighted count of records.
    Count {
        /// Each record counted, with its weight.
        counted: Vec<Counted>,
    },
    /// A total of amounts.
    Sum {
        /// Each amount added, in the total's currency.
        parts: Vec<Operand>,
        /// Records left out because their amount is in another currency and no exchange
        /// rate converts it.
        skipped: Vec<String>,
    },
    /// `comparator - subject` in points, or `subject / comparator` as a ratio.
    Gap {
        /// The subject's best model and score.
        subject_model: String,
        /// The subject's score.
        subject: Operand,
        /// The comparator's model: the named one, or the best from outside the subject.
        frontier_model: String,
        /// The comparator's score.
        frontier: f64,
        /// Whether the value is the ratio `subject / comparator` rather than the gap.
        ratio: bool,
    },
}

/// A computed value with its arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measured {
    /// The value the goalposts judge.
    pub value: f64,
    /// How far the true value may lie from `value` because approximate figures went into
    /// it; 0 when every figure is exact.
    pub uncertainty: f64,
    /// What the value is in.
    pub dimension: Option<Dimension>,
    /// How it was computed.
    pub arithmetic: Arithmetic,
    /// Every record used, in order of use.
    #[serde(skip)]
    pub records: Vec<usize>,
    /// The factor applied to the sub-score: 1, or [`SELF_REPORTED_WEIGHT`] when the
    /// subject's side rests on self-reported evidence. For counts the discount is already in
    /// the value.
    pub discount: f64,
}
