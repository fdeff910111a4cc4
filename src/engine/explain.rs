//! What `explain` shows beyond the evaluation itself: the records each criterion left out
//! and why, and the weighted terms of every mean (axes, readings, headline). Built on demand
//! from the claim, the ledger and the evaluation, since finding what was left out takes
//! another pass over the records that grading alone does not need.

use chrono::NaiveDate;

use crate::claim::{Claim, ClaimAxis, Criterion, Reading};
use crate::engine::exclusion::{LeftOut, left_out};
use crate::engine::mean::{axis_terms, criterion_terms, reading_terms};
use crate::engine::{AxisResult, CriterionResult, Evaluation, Mean, Outcome, Scope};
use crate::ledger::Ledger;

/// An evaluation with what it left out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Explanation<'a> {
    /// The day after which no record counted.
    pub as_of: NaiveDate,
    /// Every criterion, in claim order (axis by axis).
    pub criteria: Vec<ExplainedCriterion<'a>>,
    /// Every axis, in claim order, with its means.
    pub axes: Vec<ExplainedAxis<'a>>,
    /// Every reading, in claim order: its axes' scores by the axes' weights.
    pub readings: Vec<ExplainedReading<'a>>,
    /// The headline: the readings' scores by the readings' weights.
    pub headline: ExplainedHeadline<'a>,
}

/// One criterion: its axis, its result, and the records it left out.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExplainedCriterion<'a> {
    /// The axis it belongs to.
    pub axis: &'a ClaimAxis,
    /// The criterion.
    pub criterion: &'a Criterion,
    /// Its value and sub-scores, or why it has none.
    pub result: &'a CriterionResult,
    /// The records it would have looked at but for their dates, each with the reason, in
    /// the ledger's canonical order.
    pub left_out: Vec<LeftOut>,
}

/// One axis: its result and the means behind it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExplainedAxis<'a> {
    /// The axis.
    pub axis: &'a ClaimAxis,
    /// Its scores and coverage.
    pub result: &'a AxisResult,
    /// Its score under each reading, in claim order: its criteria's sub-scores by their
    /// weights.
    pub readings: Vec<ReadingMean<'a>>,
    /// Its score: its scores under the readings by the readings' weights.
    pub combined: Mean<'a>,
}

/// A mean taken under one reading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReadingMean<'a> {
    /// The reading.
    pub reading: &'a Reading,
    /// The mean.
    pub mean: Mean<'a>,
}

/// One reading's verdict and the mean it rests on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExplainedReading<'a> {
    /// The reading.
    pub reading: &'a Reading,
    /// Its axes' scores under it by the axes' weights.
    pub mean: Mean<'a>,
    /// The score, coverage and label it gives.
    pub outcome: Outcome,
}

/// The headline verdict and the mean it rests on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExplainedHeadline<'a> {
    /// The readings' scores by the readings' weights.
    pub mean: Mean<'a>,
    /// The score, coverage and label it gives.
    pub outcome: Outcome,
}

impl<'a> Explanation<'a> {
    /// Explains `evaluation`, which must be `claim` graded against `ledger`.
    pub(crate) fn new(claim: &'a Claim, ledger: &'a Ledger, evaluation: &'a Evaluation) -> Self {
        let scope = Scope {
            ledger,
            as_of: evaluation.as_of,
            window: claim.window,
            subject: &claim.subject,
            removed: &[],
        };
        let criteria = evaluation
            .by_criterion(claim)
            .map(|(axis, criterion, result)| ExplainedCriterion {
                axis,
                criterion,
                result,
                left_out: left_out(&criterion.measure, &scope),
            })
            .collect();
        Explanation {
            as_of: evaluation.as_of,
            criteria,
            axes: axes(claim, evaluation),
            readings: readings(claim, evaluation),
            headline: ExplainedHeadline {
                mean: Mean {
                    terms: reading_terms(claim, evaluation.readings.iter().map(|o| o.score))
                        .collect(),
                    score: evaluation.headline.score,
                },
                outcome: evaluation.headline,
            },
        }
    }
}

/// Every axis's means, with the terms [`combine`](crate::engine::combine) took.
fn axes<'a>(claim: &'a Claim, evaluation: &'a Evaluation) -> Vec<ExplainedAxis<'a>> {
    (claim.axes.iter().zip(&evaluation.axes).enumerate())
        .map(|(a, (axis, result))| {
            let mine = || evaluation.criteria.iter().filter(move |c| c.axis == a);
            let readings = (claim.readings.iter().zip(&result.scores).enumerate())
                .map(|(r, (reading, &score))| ReadingMean {
                    reading,
                    mean: Mean {
                        terms: criterion_terms(axis, mine().map(move |c| c.scores[r])).collect(),
                        score,
                    },
                })
                .collect();
            ExplainedAxis {
                axis,
                result,
                readings,
                combined: Mean {
                    terms: reading_terms(claim, result.scores.iter().copied()).collect(),
                    score: result.score,
                },
            }
        })
        .collect()
}

/// Every reading's mean across the axes, by the claim's axis weights.
fn readings<'a>(claim: &'a Claim, evaluation: &'a Evaluation) -> Vec<ExplainedReading<'a>> {
    (claim.readings.iter().zip(&evaluation.readings).enumerate())
        .map(|(r, (reading, outcome))| {
            let weights = claim.axes.iter().map(|a| a.weight);
            let scores = evaluation.axes.iter().map(move |a| a.scores[r]);
            ExplainedReading {
                reading,
                mean: Mean {
                    terms: axis_terms(claim, weights, scores).collect(),
                    score: outcome.score,
                },
                outcome: *outcome,
            }
        })
        .collect()
}
