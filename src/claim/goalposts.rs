//! Goalposts: the value that counts as world level and the value that counts as nothing,
//! and the scale between them. They turn a measured value into a sub-score in [0, 1].

use serde::{Deserialize, Serialize};

/// How a value moves between the goalposts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Equal steps count equally.
    #[default]
    Linear,
    /// Equal ratios count equally: going from 1% to 2% is worth as much as 10% to 20%.
    Log,
}

/// The two ends of a criterion's scale. `world` may lie below `nothing` (a rank of 1 is
/// better than a rank of 50).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goalposts {
    /// The value that counts as world level: sub-score 1.
    pub world: f64,
    /// The value that counts as nothing: sub-score 0.
    pub nothing: f64,
}

impl Goalposts {
    /// Why these goalposts cannot be used on `scale`, if they cannot.
    pub fn problem(&self, scale: Scale) -> Option<String> {
        if !self.world.is_finite() || !self.nothing.is_finite() {
            return Some("goalposts must be finite numbers".to_owned());
        }
        if self.world == self.nothing {
            return Some(format!(
                "goalposts `world = {}` and `nothing = {}` are equal",
                self.world, self.nothing
            ));
        }
        if scale == Scale::Log && (self.world <= 0.0 || self.nothing <= 0.0) {
            return Some("logarithmic goalposts must both be above zero".to_owned());
        }
        None
    }

    /// The position of `value` between the goalposts before clamping: 0 at `nothing`, 1 at
    /// `world`, beyond either end outside [0, 1].
    pub fn position(&self, value: f64, scale: Scale) -> f64 {
        match scale {
            Scale::Linear => (value - self.nothing) / (self.world - self.nothing),
            Scale::Log if value <= 0.0 => {
                // Nothing at all is at or below any positive "nothing" goalpost.
                if self.world > self.nothing { 0.0 } else { 1.0 }
            }
            Scale::Log => (value / self.nothing).ln() / (self.world / self.nothing).ln(),
        }
    }

    /// The position of `value` between the goalposts, clamped to [0, 1].
    pub fn score(&self, value: f64, scale: Scale) -> f64 {
        Goalposts::clamp(self.position(value, scale))
    }

    /// A [`position`](Goalposts::position) clamped to [0, 1]; one that is not a number is 0.
    pub fn clamp(position: f64) -> f64 {
        if position.is_nan() {
            0.0
        } else {
            position.clamp(0.0, 1.0)
        }
    }

    /// The goalposts moved by `factor` in ratio (log scale) or in proportion of their
    /// distance (linear scale); used by the robustness draws.
    pub fn perturbed(&self, scale: Scale, world: f64, nothing: f64) -> Goalposts {
        match scale {
            Scale::Linear => {
                let span = self.world - self.nothing;
                Goalposts {
                    world: self.world + span * world,
                    nothing: self.nothing + span * nothing,
                }
            }
            Scale::Log => Goalposts {
                world: self.world * (1.0 + world),
                nothing: self.nothing * (1.0 + nothing),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_scores_clamp_and_invert() {
        let g = Goalposts {
            world: 6.0,
            nothing: 0.0,
        };
        assert_eq!(g.score(3.0, Scale::Linear), 0.5);
        assert_eq!(g.score(9.0, Scale::Linear), 1.0);
        assert_eq!(g.score(-1.0, Scale::Linear), 0.0);
        let rank = Goalposts {
            world: 1.0,
            nothing: 21.0,
        };
        assert_eq!(rank.score(11.0, Scale::Linear), 0.5);
    }

    #[test]
    fn log_scores_count_ratios() {
        let g = Goalposts {
            world: 1.0,
            nothing: 0.01,
        };
        assert!((g.score(0.1, Scale::Log) - 0.5).abs() < 1e-12);
        assert_eq!(g.score(0.0, Scale::Log), 0.0);
        assert_eq!(g.score(0.001, Scale::Log), 0.0);
        let rank = Goalposts {
            world: 1.0,
            nothing: 100.0,
        };
        assert!((rank.score(10.0, Scale::Log) - 0.5).abs() < 1e-12);
    }

    fn g(world: f64, nothing: f64) -> Goalposts {
        Goalposts { world, nothing }
    }

    #[test]
    fn each_goalpost_must_be_finite_and_above_zero_on_a_log_scale() {
        let finite = Some("goalposts must be finite numbers".to_owned());
        assert_eq!(g(f64::INFINITY, 0.0).problem(Scale::Linear), finite);
        assert_eq!(g(1.0, f64::NAN).problem(Scale::Linear), finite);
        let positive = Some("logarithmic goalposts must both be above zero".to_owned());
        assert_eq!(g(0.0, 1.0).problem(Scale::Log), positive);
        assert_eq!(g(1.0, -1.0).problem(Scale::Log), positive);
        assert_eq!(g(1.0, 0.5).problem(Scale::Log), None);
        assert_eq!(
            g(2.0, 2.0).problem(Scale::Log),
            Some("goalposts `world = 2` and `nothing = 2` are equal".to_owned())
        );
    }

    #[test]
    fn nothing_at_all_on_a_log_scale_is_at_the_worse_end() {
        // Below any positive goalpost: the worse end, whichever way round the goalposts lie.
        assert_eq!(g(1.0, 0.01).position(0.0, Scale::Log), 0.0);
        assert_eq!(g(1.0, 100.0).position(0.0, Scale::Log), 1.0);
        assert_eq!(g(1.0, 100.0).position(-3.0, Scale::Log), 1.0);
        // Beyond the goalposts the position runs on; only the score clamps it.
        assert!((g(1.0, 0.01).position(10.0, Scale::Log) - 1.5).abs() < 1e-12);
        assert_eq!(g(6.0, 0.0).position(9.0, Scale::Linear), 1.5);
        assert_eq!(Goalposts::clamp(f64::NAN), 0.0);
        assert_eq!(Goalposts::clamp(-0.5), 0.0);
        assert_eq!(Goalposts::clamp(0.25), 0.25);
    }

    #[test]
    fn goalposts_move_by_their_distance_or_by_ratio() {
        // Linear: a tenth of the 6-point distance, each way.
        assert_eq!(
            g(6.0, 1.0).perturbed(Scale::Linear, 0.1, -0.2),
            g(6.0 + 0.5, 1.0 - 1.0)
        );
        // Log: in proportion to each goalpost.
        assert_eq!(g(2.0, 0.5).perturbed(Scale::Log, 0.5, -0.5), g(3.0, 0.25));
    }

    #[test]
    fn equal_or_non_positive_log_goalposts_are_problems() {
        assert!(
            Goalposts {
                world: 1.0,
                nothing: 1.0
            }
            .problem(Scale::Linear)
            .is_some()
        );
        assert!(
            Goalposts {
                world: 1.0,
                nothing: 0.0
            }
            .problem(Scale::Log)
            .is_some()
        );
        assert!(
            Goalposts {
                world: 1.0,
                nothing: 0.0
            }
            .problem(Scale::Linear)
            .is_none()
        );
    }
}
