//! How a reading turns a criterion's value into its sub-score: through goalposts or against a
//! threshold, with every number on the way kept, so that `explain` shows the arithmetic the
//! engine did rather than doing it again.

use serde::Serialize;

use crate::claim::{Goalposts, Grading, Passes, Scale, Threshold};
use crate::engine::Graded;

/// One reading's grading of one value: each step from the value to the sub-score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "grading", rename_all = "snake_case")]
pub enum Grade {
    /// A sliding score between two goalposts.
    Goalposts {
        /// How the value moves between them.
        scale: Scale,
        /// The goalposts: the reading's own where it sets them, else the criterion's.
        goalposts: Goalposts,
        /// The value graded.
        value: f64,
        /// Where the value lies before clamping: 0 at `nothing`, 1 at `world`, beyond either
        /// end outside [0, 1].
        position: f64,
        /// The position clamped to [0, 1].
        clamped: f64,
        /// The factor on the sub-score: 1, or less for self-reported evidence.
        discount: f64,
        /// The sub-score: `clamped × discount`.
        score: f64,
    },
    /// Met or not, or too close to call.
    Threshold {
        /// The threshold the claim states.
        threshold: Threshold,
        /// The value graded.
        value: f64,
        /// How far the value may be off, from approximate figures; 0 when exact.
        uncertainty: f64,
        /// Whether the value passes.
        passes: Passes,
        /// The factor on the sub-score: 1, or less for self-reported evidence.
        discount: f64,
        /// The sub-score: the pass's score × `discount`.
        score: f64,
    },
}

impl Grade {
    /// How `grading` grades `graded`.
    pub(crate) fn of(grading: Grading, graded: Graded) -> Grade {
        let Graded {
            value,
            uncertainty,
            discount,
        } = graded;
        match grading {
            Grading::Goalposts { scale, goalposts } => {
                let position = goalposts.position(value, scale);
                let clamped = Goalposts::clamp(position);
                Grade::Goalposts {
                    scale,
                    goalposts,
                    value,
                    position,
                    clamped,
                    discount,
                    score: clamped * discount,
                }
            }
            Grading::Threshold(threshold) => {
                let passes = threshold.passes(value, uncertainty);
                Grade::Threshold {
                    threshold,
                    value,
                    uncertainty,
                    passes,
                    discount,
                    score: passes.score() * discount,
                }
            }
        }
    }

    /// The sub-score, 0 to 1.
    pub fn score(&self) -> f64 {
        match *self {
            Grade::Goalposts { score, .. } | Grade::Threshold { score, .. } => score,
        }
    }

    /// Whether the value passes a threshold; `None` for goalposts.
    pub fn passes(&self) -> Option<Passes> {
        match *self {
            Grade::Threshold { passes, .. } => Some(passes),
            Grade::Goalposts { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graded(value: f64, uncertainty: f64, discount: f64) -> Graded {
        Graded {
            value,
            uncertainty,
            discount,
        }
    }

    #[test]
    fn goalposts_keep_the_position_before_and_after_clamping() {
        let grading = Grading::Goalposts {
            scale: Scale::Linear,
            goalposts: Goalposts {
                world: 4.0,
                nothing: 0.0,
            },
        };
        let Grade::Goalposts {
            position,
            clamped,
            score,
            ..
        } = Grade::of(grading, graded(7.0, 0.0, 0.5))
        else {
            panic!("goalposts graded as a threshold")
        };
        assert_eq!((position, clamped, score), (1.75, 1.0, 0.5));
        assert_eq!(Grade::of(grading, graded(7.0, 0.0, 0.5)).score(), 0.5);
    }

    #[test]
    fn thresholds_keep_whether_the_value_passes() {
        let threshold = Threshold::parse("<= 10").unwrap_or_else(|m| unreachable!("{m}"));
        let grade = Grade::of(Grading::Threshold(threshold), graded(10.0, 1.0, 1.0));
        assert_eq!(grade.passes(), Some(Passes::TooClose));
        assert_eq!(grade.score(), 0.5);
    }

    #[test]
    fn a_discount_lowers_a_met_threshold_s_score() {
        let threshold = Threshold::parse(">= 5").unwrap_or_else(|m| unreachable!("{m}"));
        let grade = Grade::of(Grading::Threshold(threshold), graded(8.0, 0.0, 0.5));
        assert_eq!(grade.passes(), Some(Passes::Yes));
        assert_eq!(grade.score(), 0.5);
    }
}
