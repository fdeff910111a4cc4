//! Grading: every criterion's value from the records, its sub-score through the goalposts,
//! weighted means per axis and per reading, and the headline verdict.

pub(crate) mod exclusion;
pub(crate) mod explain;
mod grade;
mod label;
mod mean;
pub(crate) mod measure;
pub mod rng;
pub mod robustness;
pub mod timeline;
mod total;
pub(crate) mod uses;

use chrono::NaiveDate;
use serde::Serialize;

pub use grade::Grade;
pub use label::{Label, MIN_COVERAGE, MIN_COVERAGE_FRACTION};
pub use mean::{Mean, Term};
pub use measure::{
    APPROXIMATE, Arithmetic, Conversion, Counted, Measured, Missing, Operand, SELF_REPORTED_WEIGHT,
    Scope,
};
pub use robustness::{Aggregate, Pivot, Robustness, Settings};

use crate::claim::{Claim, ClaimAxis, Criterion, Grading};
use crate::ledger::Ledger;
use mean::{axis_terms, criterion_terms, reading_terms};

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
    /// How each reading graded the value, in claim order; empty without evidence.
    pub grades: Vec<Grade>,
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

impl Evaluation {
    /// Every criterion of `claim`, the claim graded, with its axis and its result, in claim
    /// order: the one place that pairs the claim's criteria with their results.
    pub fn by_criterion<'c, 'e>(
        &'e self,
        claim: &'c Claim,
    ) -> impl Iterator<Item = (&'c ClaimAxis, &'c Criterion, &'e CriterionResult)> {
        claim
            .criteria()
            .zip(&self.criteria)
            .map(|((axis, criterion), result)| (axis, criterion, result))
    }
}

/// Computes every criterion's value as of `as_of`, ignoring the records in `removed`; a value
/// that is not a finite number is refused as [`Missing::NotFinite`].
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
    score(claim, as_of, measure_all(claim, ledger, as_of, &[]))
}

/// The weighted mean of the values present, and the weighted share of items that have one.
/// Sums that are not finite numbers (weights beyond the claim checks' bounds, or a `NaN`
/// value) give no mean and no coverage, so that they never reach a label.
fn weighted_mean(items: impl Iterator<Item = (f64, Option<f64>)>) -> (Option<f64>, f64) {
    let (mut total, mut covered, mut sum) = (0.0, 0.0, 0.0);
    for (weight, value) in items {
        total += weight;
        if let Some(v) = value {
            covered += weight;
            sum += weight * v;
        }
    }
    if !(total.is_finite() && covered.is_finite() && sum.is_finite()) {
        return (None, 0.0);
    }
    let mean = (covered > 0.0).then(|| sum / covered);
    let coverage = if total > 0.0 { covered / total } else { 0.0 };
    (mean, coverage)
}

/// Scores under each reading, in claim order, combined by the readings' weights, as an axis's
/// score is; `None` when no reading has one. `diff` shows a criterion's score this way.
pub(crate) fn reading_weighted(claim: &Claim, scores: &[Option<f64>]) -> Option<f64> {
    weighted_mean(reading_terms(claim, scores.iter().copied()).map(Term::pair)).0
}

/// How axis scores combine into a reading's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregator {
    /// The weighted arithmetic mean: strengths make up for weaknesses.
    Arithmetic,
    /// The weighted geometric mean: a weak axis pulls harder. Axis scores are floored at
    /// [`GEOMETRIC_FLOOR`] so that one zero does not erase everything else.
    Geometric,
    /// The weakest axis: the claim is only as good as its weakest part.
    Weakest,
}

/// The floor axis scores get in the geometric mean.
pub const GEOMETRIC_FLOOR: f64 = 0.01;

impl Aggregator {
    /// Every aggregator, the headline one first.
    pub const ALL: [Aggregator; 3] = [
        Aggregator::Arithmetic,
        Aggregator::Geometric,
        Aggregator::Weakest,
    ];

    /// The combined score; `None` when no axis has one, or when it is not a finite number.
    fn apply(self, items: &[(f64, Option<f64>)]) -> Option<f64> {
        let present = items.iter().filter_map(|&(w, s)| s.map(|s| (w, s)));
        let score = match self {
            Aggregator::Arithmetic => weighted_mean(items.iter().copied()).0,
            Aggregator::Geometric => {
                let (mut total, mut sum) = (0.0, 0.0);
                for (w, s) in present {
                    total += w;
                    sum += w * s.max(GEOMETRIC_FLOOR).ln();
                }
                (total > 0.0).then(|| (sum / total).exp())
            }
            Aggregator::Weakest => present
                .filter(|(w, _)| *w > 0.0)
                .map(|(_, s)| s)
                .min_by(f64::total_cmp),
        };
        score.filter(|s| s.is_finite())
    }
}

/// Axis, reading and headline outcomes computed from criterion sub-scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Combined {
    /// Every axis, in claim order.
    pub axes: Vec<AxisResult>,
    /// Every reading, in claim order.
    pub readings: Vec<Outcome>,
    /// The readings combined by their weights.
    pub headline: Outcome,
}

/// Combines criterion sub-scores (`sub_scores[criterion][reading]`, in claim order) into axes,
/// readings and the headline, with the given axis weights and aggregator.
pub fn combine(
    claim: &Claim,
    sub_scores: &[Vec<Option<f64>>],
    axis_weights: &[f64],
    aggregator: Aggregator,
) -> Combined {
    let readings_n = claim.readings.len();
    let mut axes = Vec::with_capacity(claim.axes.len());
    let mut criterion = 0;
    for axis in &claim.axes {
        let mine = &sub_scores[criterion..criterion + axis.criteria.len()];
        criterion += axis.criteria.len();
        let scores: Vec<Option<f64>> = (0..readings_n)
            .map(|r| {
                weighted_mean(criterion_terms(axis, mine.iter().map(move |s| s[r])).map(Term::pair))
                    .0
            })
            .collect();
        let evidenced = mine.iter().map(|s| s.first().copied().flatten());
        let coverage = weighted_mean(criterion_terms(axis, evidenced).map(Term::pair)).1;
        let score = weighted_mean(reading_terms(claim, scores.iter().copied()).map(Term::pair)).0;
        axes.push(AxisResult {
            coverage,
            scores,
            score,
        });
    }
    let coverages = axes.iter().map(|a| Some(a.coverage));
    let coverage =
        weighted_mean(axis_terms(claim, axis_weights.iter().copied(), coverages).map(Term::pair))
            .0
            .unwrap_or(0.0);
    let readings: Vec<Outcome> = (0..readings_n)
        .map(|r| {
            let items: Vec<(f64, Option<f64>)> = axis_terms(
                claim,
                axis_weights.iter().copied(),
                axes.iter().map(|a| a.scores[r]),
            )
            .map(Term::pair)
            .collect();
            let score = aggregator.apply(&items);
            Outcome {
                score,
                coverage,
                label: Label::from_score(score, coverage),
            }
        })
        .collect();
    let score =
        weighted_mean(reading_terms(claim, readings.iter().map(|r| r.score)).map(Term::pair)).0;
    Combined {
        axes,
        readings,
        headline: Outcome {
            score,
            coverage,
            label: Label::from_score(score, coverage),
        },
    }
}

/// What grading needs of a measured value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Graded {
    /// The value.
    pub value: f64,
    /// How far it may be off, from approximate figures.
    pub uncertainty: f64,
    /// The factor on its sub-score.
    pub discount: f64,
}

impl Graded {
    /// What grading needs of `measured`.
    pub(crate) fn of(measured: &Measured) -> Graded {
        Graded {
            value: measured.value,
            uncertainty: measured.uncertainty,
            discount: measured.discount,
        }
    }
}

/// Each criterion's sub-score under each reading, from its graded value, with the claim's
/// goalposts moved by `shift[criterion][reading] = (world, nothing)` fractions; no shift
/// gives the claim's own sub-scores. Thresholds are stated by the claim and do not move.
pub(crate) fn sub_scores(
    claim: &Claim,
    values: &[Option<Graded>],
    shift: Option<&[Vec<(f64, f64)>]>,
) -> Vec<Vec<Option<f64>>> {
    grade_each(claim, values, shift, |g| g.score())
}

/// Each criterion's [`Grade`] under each reading, as [`sub_scores`] describes, each passed
/// through `keep` so that the draws, which need only the sub-score, keep only that.
fn grade_each<T>(
    claim: &Claim,
    values: &[Option<Graded>],
    shift: Option<&[Vec<(f64, f64)>]>,
    keep: impl Fn(Grade) -> T,
) -> Vec<Vec<Option<T>>> {
    claim
        .criteria()
        .zip(values)
        .enumerate()
        .map(|(i, ((_, criterion), value))| {
            claim
                .readings
                .iter()
                .enumerate()
                .map(|(r, reading)| {
                    value.map(|v| {
                        let mut grading = claim.grading(reading, criterion);
                        if let (Some(shift), Grading::Goalposts { scale, goalposts }) =
                            (shift, &mut grading)
                        {
                            let (w, n) = shift[i][r];
                            *goalposts = goalposts.perturbed(*scale, w, n);
                        }
                        keep(Grade::of(grading, v))
                    })
                })
                .collect()
        })
        .collect()
}

/// Scores measured criteria with the claim's weights and goalposts.
pub fn score(
    claim: &Claim,
    as_of: NaiveDate,
    measured: Vec<(usize, Result<Measured, Missing>)>,
) -> Evaluation {
    let values: Vec<Option<Graded>> = (measured.iter())
        .map(|(_, outcome)| outcome.as_ref().ok().map(Graded::of))
        .collect();
    let grades = grade_each(claim, &values, None, |g| g);
    let scores: Vec<Vec<Option<f64>>> = (grades.iter())
        .map(|g| g.iter().map(|g| g.map(|g| g.score())).collect())
        .collect();
    let weights: Vec<f64> = claim.axes.iter().map(|a| a.weight).collect();
    let combined = combine(claim, &scores, &weights, Aggregator::Arithmetic);
    let criteria = measured
        .into_iter()
        .zip(scores)
        .zip(grades)
        .map(|(((axis, outcome), scores), grades)| CriterionResult {
            axis,
            outcome,
            scores,
            grades: grades.into_iter().flatten().collect(),
        })
        .collect();
    Evaluation {
        as_of,
        criteria,
        axes: combined.axes,
        readings: combined.readings,
        headline: combined.headline,
    }
}

#[cfg(test)]
mod tests;
