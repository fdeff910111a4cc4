//! Grading: every criterion's value from the records, its sub-score through the goalposts,
//! weighted means per axis and per reading, and the headline verdict.

mod label;
pub mod measure;

use chrono::NaiveDate;
use serde::Serialize;

pub use label::{Label, MIN_COVERAGE};
pub use measure::{Arithmetic, Counted, Measured, Missing, Operand, SELF_REPORTED_WEIGHT, Scope};

use crate::claim::Claim;
use crate::ledger::Ledger;

/// One criterion's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    /// Position of its axis in the claim.
    #[serde(skip)]
    pub axis: usize,
    /// The value and its arithmetic, or why there is none.
    pub outcome: Result<Measured, Missing>,
    /// The sub-score under each reading, in claim order; `None` without evidence.
    pub scores: Vec<Option<f64>>,
}

/// One axis's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AxisResult {
    /// The weighted share of its criteria that have evidence, 0 to 1.
    pub coverage: f64,
    /// Its score under each reading; `None` when no criterion has evidence.
    pub scores: Vec<Option<f64>>,
    /// The readings' scores combined by reading weight; what the table shows.
    pub score: Option<f64>,
}

/// A score, its coverage and the label they give.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outcome {
    /// Weighted mean score, 0 to 1; `None` when nothing has evidence.
    pub score: Option<f64>,
    /// The weighted share of criteria that have evidence, 0 to 1.
    pub coverage: f64,
    /// The label.
    pub label: Label,
}

/// A claim graded against a ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The day after which no record counted.
    pub as_of: NaiveDate,
    /// Every criterion, in claim order (axis by axis).
    pub criteria: Vec<CriterionResult>,
    /// Every axis, in claim order.
    pub axes: Vec<AxisResult>,
    /// Every reading, in claim order.
    pub readings: Vec<Outcome>,
    /// The headline: the readings combined by their weights.
    pub headline: Outcome,
}

/// Computes every criterion's value as of `as_of`, ignoring the records in `removed`.
pub fn measure_all(
    claim: &Claim,
    ledger: &Ledger,
    as_of: NaiveDate,
    removed: &[usize],
) -> Vec<(usize, Result<Measured, Missing>)> {
    let scope = Scope {
        ledger,
        as_of,
        window: claim.window,
        subject: &claim.subject,
        removed,
    };
    claim
        .axes
        .iter()
        .enumerate()
        .flat_map(|(a, axis)| axis.criteria.iter().map(move |c| (a, c)))
        .map(|(a, c)| (a, measure::compute(&c.measure, &scope)))
        .collect()
}

/// Grades `claim` against `ledger` as of `as_of`.
pub fn evaluate(claim: &Claim, ledger: &Ledger, as_of: NaiveDate) -> Evaluation {
    let measured = measure_all(claim, ledger, as_of, &[]);
    let weights: Vec<f64> = claim.axes.iter().map(|a| a.weight).collect();
    score(claim, as_of, measured, &weights, &|reading, criterion| {
        claim.goalposts(&claim.readings[reading], criterion)
    })
}

fn weighted_mean(items: impl Iterator<Item = (f64, Option<f64>)>) -> (Option<f64>, f64) {
    let (mut total, mut covered, mut sum) = (0.0, 0.0, 0.0);
    for (weight, value) in items {
        total += weight;
        if let Some(v) = value {
            covered += weight;
            sum += weight * v;
        }
    }
    let mean = (covered > 0.0).then(|| sum / covered);
    let coverage = if total > 0.0 { covered / total } else { 0.0 };
    (mean, coverage)
}

/// Scores measured criteria with the given axis weights and goalposts (per reading and
/// criterion). Robustness calls this with perturbed weights and goalposts.
pub fn score(
    claim: &Claim,
    as_of: NaiveDate,
    measured: Vec<(usize, Result<Measured, Missing>)>,
    axis_weights: &[f64],
    goalposts: &dyn Fn(usize, &crate::claim::Criterion) -> crate::claim::Goalposts,
) -> Evaluation {
    let criteria_list: Vec<&crate::claim::Criterion> = claim.criteria().map(|(_, c)| c).collect();
    let criteria: Vec<CriterionResult> = measured
        .into_iter()
        .zip(&criteria_list)
        .map(|((axis, outcome), criterion)| {
            let scores = (0..claim.readings.len())
                .map(|r| {
                    outcome.as_ref().ok().map(|m| {
                        goalposts(r, criterion).score(m.value, criterion.scale) * m.discount
                    })
                })
                .collect();
            CriterionResult {
                axis,
                outcome,
                scores,
            }
        })
        .collect();

    let reading_weights: Vec<f64> = claim.readings.iter().map(|r| r.weight).collect();
    let axes: Vec<AxisResult> = (0..claim.axes.len())
        .map(|a| {
            let mine: Vec<(f64, &CriterionResult)> = criteria_list
                .iter()
                .zip(&criteria)
                .filter(|(_, r)| r.axis == a)
                .map(|(c, r)| (c.weight, r))
                .collect();
            let mut coverage = 0.0;
            let scores: Vec<Option<f64>> = (0..claim.readings.len())
                .map(|reading| {
                    let (mean, cov) =
                        weighted_mean(mine.iter().map(|(w, r)| (*w, r.scores[reading])));
                    coverage = cov;
                    mean
                })
                .collect();
            let (score, _) =
                weighted_mean(reading_weights.iter().copied().zip(scores.iter().copied()));
            AxisResult {
                coverage,
                scores,
                score,
            }
        })
        .collect();

    let readings: Vec<Outcome> = (0..claim.readings.len())
        .map(|reading| {
            let (score, _) = weighted_mean(
                axis_weights
                    .iter()
                    .zip(&axes)
                    .map(|(w, a)| (*w, a.scores[reading])),
            );
            let (coverage, _) = weighted_mean(
                axis_weights
                    .iter()
                    .zip(&axes)
                    .map(|(w, a)| (*w, Some(a.coverage))),
            );
            let coverage = coverage.unwrap_or(0.0);
            Outcome {
                score,
                coverage,
                label: Label::from_score(score, coverage),
            }
        })
        .collect();

    let (score, _) = weighted_mean(
        reading_weights
            .iter()
            .copied()
            .zip(readings.iter().map(|r| r.score)),
    );
    let coverage = readings.first().map_or(0.0, |r| r.coverage);
    Evaluation {
        as_of,
        criteria,
        axes,
        headline: Outcome {
            score,
            coverage,
            label: Label::from_score(score, coverage),
        },
        readings,
    }
}

#[cfg(test)]
mod tests;
