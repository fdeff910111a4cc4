//! How firm a verdict is. Weights and goalposts are value judgments, so a seeded Monte Carlo
//! redraws them and counts how often the headline label survives; the records whose removal
//! alone changes the label are reported as pivotal; and the arithmetic mean is set beside a
//! geometric mean and a weakest-axis gate.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::claim::{Claim, Measure};
use crate::engine::measure::{self, Arithmetic, Measured, Scope};
use crate::engine::rng::Rng;
use crate::engine::{Aggregator, Evaluation, Graded, Label, combine, sub_scores};
use crate::ledger::Ledger;

/// Draws made unless `--draws` says otherwise.
pub const DEFAULT_DRAWS: u32 = 1000;
/// The most draws `--draws` takes: a hundred times the default, which settles a stability to
/// a tenth of a percent, in seconds rather than minutes, and a score list of under a megabyte.
pub const MAX_DRAWS: u32 = 100_000;
/// The seed used unless `--seed` says otherwise.
pub const DEFAULT_SEED: u64 = 2026;
/// The Dirichlet concentration around the declared axis weights unless `--concentration`
/// says otherwise. At 100 a weight of 0.15 is redrawn with a standard deviation of about
/// 0.036; 0 keeps the weights fixed.
pub const DEFAULT_CONCENTRATION: f64 = 100.0;

/// How to draw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Settings {
    /// Number of draws.
    pub draws: u32,
    /// The random seed.
    pub seed: u64,
    /// Dirichlet concentration for axis weights; 0 keeps them fixed.
    pub concentration: f64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            draws: DEFAULT_DRAWS,
            seed: DEFAULT_SEED,
            concentration: DEFAULT_CONCENTRATION,
        }
    }
}

/// A record whose removal alone changes the headline label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pivot {
    /// Position of the record in the ledger.
    #[serde(skip)]
    pub record: usize,
    /// The record's id.
    pub id: String,
    /// The label without it.
    pub label: Label,
    /// The score without it.
    pub score: Option<f64>,
}

/// The headline under one way of combining axes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Aggregate {
    /// How axes were combined.
    pub aggregator: Aggregator,
    /// The headline score.
    pub score: Option<f64>,
    /// The headline label.
    pub label: Label,
}

/// How firm a verdict is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Robustness {
    /// How the draws were made.
    pub settings: Settings,
    /// How far goalposts were moved, from the claim.
    pub tolerance: f64,
    /// Share of draws giving the headline label, 0 to 1.
    pub stability: f64,
    /// How many draws gave each label.
    pub labels: BTreeMap<Label, u32>,
    /// The 5th and 95th percentile of the headline score over the draws (nearest rank);
    /// `None` when no draw had a score.
    pub interval: Option<(f64, f64)>,
    /// Records whose removal alone changes the label, in the ledger's canonical order.
    pub pivotal: Vec<Pivot>,
    /// The headline under each aggregator, arithmetic first.
    pub aggregates: Vec<Aggregate>,
    /// Whether every aggregator gives the same label.
    pub aggregates_agree: bool,
}

impl Robustness {
    /// Every label some draw gave, best first, with its share of the draws, 0 to 1.
    pub fn shares(&self) -> impl Iterator<Item = (Label, f64)> + '_ {
        let draws = f64::from(self.settings.draws.max(1));
        (self.labels.iter()).map(move |(&label, &n)| (label, f64::from(n) / draws))
    }
}

fn values(evaluation: &Evaluation) -> Vec<Option<Graded>> {
    evaluation
        .criteria
        .iter()
        .map(|c| c.outcome.as_ref().ok().map(Graded::of))
        .collect()
}

/// Seeds the draws of approximate values apart from those of weights and goalposts, so that
/// a claim without approximate figures draws exactly as before they were sampled.
const VALUE_STREAM: u64 = 0x9e37_79b9_7f4a_7c15;

/// The seed of the approximate values' draws. An exclusive or is one-to-one and moves every
/// seed, so no seed shares its value stream with another seed or with its own weights.
pub(super) fn value_seed(seed: u64) -> u64 {
    seed ^ VALUE_STREAM
}

/// Computes the robustness of `evaluation`, which must be `claim` graded against `ledger`.
pub fn assess(
    claim: &Claim,
    ledger: &Ledger,
    evaluation: &Evaluation,
    settings: Settings,
) -> Robustness {
    let headline = evaluation.headline.label;
    let values = values(evaluation);
    let weights: Vec<f64> = claim.axes.iter().map(|a| a.weight).collect();
    let tolerance = claim.tolerance;
    let mut rng = Rng::new(settings.seed);
    let mut value_rng = Rng::new(value_seed(settings.seed));
    let mut labels: BTreeMap<Label, u32> = BTreeMap::new();
    // The command line bounds the draws; a library caller's larger count grows the list as
    // it goes rather than asking for it all at once.
    let mut scores = Vec::with_capacity(settings.draws.min(MAX_DRAWS) as usize);
    let readings = claim.readings.len();
    for _ in 0..settings.draws {
        let drawn_weights = if settings.concentration > 0.0 {
            rng.dirichlet(&weights, settings.concentration)
        } else {
            weights.clone()
        };
        let shift: Vec<Vec<(f64, f64)>> = values
            .iter()
            .map(|_| {
                (0..readings)
                    .map(|_| (rng.symmetric() * tolerance, rng.symmetric() * tolerance))
                    .collect()
            })
            .collect();
        let drawn_values: Vec<Option<Graded>> = (values.iter())
            .map(|v| v.map(|v| drawn(v, &mut value_rng)))
            .collect();
        let sub = sub_scores(claim, &drawn_values, Some(&shift));
        let outcome = combine(claim, &sub, &drawn_weights, Aggregator::Arithmetic).headline;
        *labels.entry(outcome.label).or_default() += 1;
        scores.extend(outcome.score);
    }
    scores.sort_by(f64::total_cmp);
    let interval = nearest_rank(&scores, 0.05).zip(nearest_rank(&scores, 0.95));
    let same = labels.get(&headline).copied().unwrap_or(0);
    let stability = if settings.draws > 0 {
        f64::from(same) / f64::from(settings.draws)
    } else {
        1.0
    };

    // The claim's own sub-scores are the evaluation's.
    let sub: Vec<Vec<Option<f64>>> = (evaluation.criteria.iter())
        .map(|c| c.scores.clone())
        .collect();
    let aggregates: Vec<Aggregate> = Aggregator::ALL
        .iter()
        .map(|&aggregator| {
            let h = combine(claim, &sub, &weights, aggregator).headline;
            Aggregate {
                aggregator,
                score: h.score,
                label: h.label,
            }
        })
        .collect();
    let aggregates_agree = aggregates.iter().all(|a| a.label == headline);

    Robustness {
        settings,
        tolerance,
        stability,
        labels,
        interval,
        pivotal: pivotal(claim, ledger, evaluation),
        aggregates,
        aggregates_agree,
    }
}

/// An approximate value drawn anywhere within its uncertainty, for each draw to grade as
/// exact; an exact one as it is, without using the stream.
pub(super) fn drawn(value: Graded, rng: &mut Rng) -> Graded {
    if value.uncertainty > 0.0 {
        Graded {
            value: value.value + rng.symmetric() * value.uncertainty,
            uncertainty: 0.0,
            ..value
        }
    } else {
        value
    }
}

/// The `p`th quantile of `sorted` by nearest rank, `p` from 0 to 1; `None` when it is empty.
pub(super) fn nearest_rank(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    sorted.get((last as f64 * p).round() as usize).copied()
}

/// A criterion's value and discount with one record removed. Counts and sums subtract the
/// record's share directly (they may rest on thousands of records), unless another record
/// restates it or is part of it: that one would then count in its place, so the measure is
/// recomputed, as every other measure is.
pub(super) fn without(
    measure: &Measure,
    measured: &Measured,
    record: usize,
    position: usize,
    scope: &Scope<'_>,
    stands_in: &HashSet<&str>,
) -> Option<Graded> {
    let replaced = scope
        .ledger
        .records
        .get(record)
        .is_some_and(|r| stands_in.contains(r.id()));
    match &measured.arithmetic {
        Arithmetic::Count { counted } if !replaced => {
            let value = measured.value - counted.get(position).map_or(0.0, |c| c.weight);
            // With nothing left to count there is no evidence, as in the measure itself.
            (measured.records.len() > 1).then_some(Graded {
                value,
                ..Graded::of(measured)
            })
        }
        Arithmetic::Sum { parts, .. } if position < parts.len() && !replaced => {
            let part = &parts[position];
            (parts.len() > 1).then_some(Graded {
                value: measured.value - part.normalised,
                uncertainty: (measured.uncertainty - part.uncertainty()).max(0.0),
                ..Graded::of(measured)
            })
        }
        _ => {
            let removed = [record];
            let scope = Scope {
                removed: &removed,
                ..*scope
            };
            measure::compute(measure, &scope)
                .ok()
                .map(|m| Graded::of(&m))
        }
    }
}

/// The ids of records another record restates or is part of: removing one of these lets the
/// other count in its place.
pub(super) fn stood_in_for(ledger: &Ledger) -> HashSet<&str> {
    (ledger.records_in_file_order())
        .filter_map(|r| r.body.stands_in_for())
        .map(|(_, target)| target.get_ref().as_str())
        .collect()
}

/// The records whose removal alone changes the headline label.
pub fn pivotal(claim: &Claim, ledger: &Ledger, evaluation: &Evaluation) -> Vec<Pivot> {
    let headline = evaluation.headline.label;
    let values = values(evaluation);
    let weights: Vec<f64> = claim.axes.iter().map(|a| a.weight).collect();
    let scope = Scope {
        ledger,
        as_of: evaluation.as_of,
        window: claim.window,
        subject: &claim.subject,
        removed: &[],
    };
    // Which criteria each record feeds, and where it sits in each one's records.
    let mut feeds: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (i, result) in evaluation.criteria.iter().enumerate() {
        if let Ok(m) = &result.outcome {
            for (position, &r) in m.records.iter().enumerate() {
                let list = feeds.entry(r).or_default();
                if list.last().is_none_or(|(c, _)| *c != i) {
                    list.push((i, position));
                }
            }
        }
    }
    let mut candidates: Vec<(usize, Vec<(usize, usize)>)> = feeds.into_iter().collect();
    candidates.sort_unstable();
    let criteria: Vec<&Measure> = claim.criteria().map(|(_, c)| &c.measure).collect();
    let stands_in = stood_in_for(ledger);
    candidates
        .into_iter()
        .filter_map(|(record, fed)| {
            let mut changed = values.clone();
            for &(i, position) in &fed {
                if let Ok(m) = &evaluation.criteria[i].outcome {
                    changed[i] = without(criteria[i], m, record, position, &scope, &stands_in);
                }
            }
            let sub = sub_scores(claim, &changed, None);
            let h = combine(claim, &sub, &weights, Aggregator::Arithmetic).headline;
            (h.label != headline).then(|| Pivot {
                record,
                id: ledger.records[record].id().to_string(),
                label: h.label,
                score: h.score,
            })
        })
        .collect()
}
