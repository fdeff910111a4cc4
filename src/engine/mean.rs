//! The terms of the weighted means that combine scores: an axis's criteria under each
//! reading, the axes under each reading, and scores across readings. The terms are built here
//! once: [`combine`](crate::engine::combine) takes its means of them, and `explain` shows them.

use serde::Serialize;

use crate::claim::{Claim, ClaimAxis};

/// One term of a weighted mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Term<'a> {
    /// What it stands for: a criterion's, an axis's or a reading's id.
    pub id: &'a str,
    /// Its weight.
    pub weight: f64,
    /// Its score; `None` when it has none, and then it takes no part in the mean.
    pub score: Option<f64>,
}

impl Term<'_> {
    /// The weight and the score, as the weighted mean takes them.
    pub(crate) fn pair(self) -> (f64, Option<f64>) {
        (self.weight, self.score)
    }
}

/// A weighted mean as the engine took it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mean<'a> {
    /// Its terms, in claim order.
    pub terms: Vec<Term<'a>>,
    /// The mean as the evaluation has it; `None` when no term has a score.
    pub score: Option<f64>,
}

/// An axis's terms under one reading: each of its criteria's weight with its sub-score under
/// that reading, `scores` in the axis's criterion order.
pub(crate) fn criterion_terms<'a>(
    axis: &'a ClaimAxis,
    scores: impl IntoIterator<Item = Option<f64>> + 'a,
) -> impl Iterator<Item = Term<'a>> + 'a {
    (axis.criteria.iter()).zip(scores).map(|(c, score)| Term {
        id: &c.id,
        weight: c.weight,
        score,
    })
}

/// A reading's terms: each axis's weight (`weights`, in claim order: the claim's own, or a
/// robustness draw's) with its score under that reading.
pub(crate) fn axis_terms<'a>(
    claim: &'a Claim,
    weights: impl IntoIterator<Item = f64> + 'a,
    scores: impl IntoIterator<Item = Option<f64>> + 'a,
) -> impl Iterator<Item = Term<'a>> + 'a {
    (claim.axes.iter().zip(weights))
        .zip(scores)
        .map(|((axis, weight), score)| Term {
            id: &axis.id,
            weight,
            score,
        })
}

/// The terms of a mean across readings: each reading's weight with a score under it.
pub(crate) fn reading_terms<'a>(
    claim: &'a Claim,
    scores: impl IntoIterator<Item = Option<f64>> + 'a,
) -> impl Iterator<Item = Term<'a>> + 'a {
    (claim.readings.iter())
        .zip(scores)
        .map(|(reading, score)| Term {
            id: &reading.id,
            weight: reading.weight,
            score,
        })
}
