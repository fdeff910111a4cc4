//! Thresholds: a criterion that is met or not, such as "more than doubled" (`> 2`), "top
//! five" (`<= 5`) or "exceeded 2兆円" (`> 2兆円`), instead of a sliding scale between goalposts.

use serde::Serialize;

use crate::claim::Figure;

/// How a value is compared with the threshold. "More than" is strict: a value equal to the
/// threshold has not exceeded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// `>=`: the value reaches the threshold.
    AtLeast,
    /// `>`: the value exceeds the threshold.
    MoreThan,
    /// `<=`: the value does not pass the threshold.
    AtMost,
    /// `<`: the value stays below the threshold.
    LessThan,
}

impl Comparison {
    /// Every comparison, longest operator first so that `>=` is read before `>`.
    pub const ALL: [Comparison; 4] = [
        Comparison::AtLeast,
        Comparison::AtMost,
        Comparison::MoreThan,
        Comparison::LessThan,
    ];

    /// The operator as written.
    pub fn operator(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::MoreThan => ">",
            Comparison::AtMost => "<=",
            Comparison::LessThan => "<",
        }
    }

    /// Whether `value` passes a threshold at `at`.
    pub fn holds(self, value: f64, at: f64) -> bool {
        match self {
            Comparison::AtLeast => value >= at,
            Comparison::MoreThan => value > at,
            Comparison::AtMost => value <= at,
            Comparison::LessThan => value < at,
        }
    }
}

/// A threshold: an operator and a figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Threshold {
    /// How the value is compared.
    pub comparison: Comparison,
    /// The figure compared with, as written.
    pub figure: Figure,
}

/// Whether a value passes a threshold, given how uncertain the value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Passes {
    /// It passes, whatever the value within its uncertainty.
    Yes,
    /// It fails, whatever the value within its uncertainty.
    No,
    /// The threshold lies within the value's uncertainty: an approximate figure cannot tell.
    TooClose,
}

impl Passes {
    /// The sub-score: 1 when it passes, 0 when it fails, and halfway when too close to call,
    /// so that an approximate figure never gives a confident True or False.
    pub fn score(self) -> f64 {
        match self {
            Passes::Yes => 1.0,
            Passes::No => 0.0,
            Passes::TooClose => 0.5,
        }
    }
}

impl Threshold {
    /// Reads `">= 2"`, `"> 2兆円"`, `"<= 5"`, `">= 5%"`.
    pub fn parse(text: &str) -> Result<Threshold, String> {
        let trimmed = text.trim_start();
        let comparison = Comparison::ALL
            .into_iter()
            .find(|c| trimmed.starts_with(c.operator()))
            .ok_or_else(|| {
                format!("`{text}` does not start with a comparison: `>=`, `>`, `<=` or `<`")
            })?;
        let figure = Figure::parse(&trimmed[comparison.operator().len()..])?;
        Ok(Threshold { comparison, figure })
    }

    /// Whether `value`, give or take `uncertainty` (in the same unit), passes.
    pub fn passes(&self, value: f64, uncertainty: f64) -> Passes {
        let at = self.figure.base();
        let low = self.comparison.holds(value - uncertainty, at);
        let high = self.comparison.holds(value + uncertainty, at);
        match (low, high) {
            (true, true) => Passes::Yes,
            (false, false) => Passes::No,
            _ => Passes::TooClose,
        }
    }
}

impl std::fmt::Display for Threshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.comparison.operator(), self.figure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Threshold {
        Threshold::parse(text).unwrap_or_else(|m| unreachable!("{m}"))
    }

    #[test]
    fn operators_and_boundaries() {
        assert_eq!(t(">= 2").passes(2.0, 0.0), Passes::Yes);
        assert_eq!(
            t("> 2").passes(2.0, 0.0),
            Passes::No,
            "equal has not exceeded"
        );
        assert_eq!(t("<= 5").passes(5.0, 0.0), Passes::Yes);
        assert_eq!(t("< 5").passes(5.0, 0.0), Passes::No);
        assert_eq!(t("<5").passes(4.0, 0.0), Passes::Yes);
        assert_eq!(t("> 2兆円").passes(2.354e12, 0.0), Passes::Yes);
        assert_eq!(t("> 3兆円").passes(2.354e12, 0.0), Passes::No);
        assert!(Threshold::parse("=> 2").is_err());
        assert!(Threshold::parse("2").is_err());
        assert!(Threshold::parse(">= two").is_err());
    }

    #[test]
    fn an_uncertain_value_near_the_threshold_is_too_close() {
        // About 10th, give or take one place, against "top ten".
        assert_eq!(t("<= 10").passes(10.0, 1.0), Passes::TooClose);
        assert_eq!(t("<= 5").passes(10.0, 1.0), Passes::No);
        assert_eq!(t(">= 1").passes(1.2, 0.1), Passes::Yes);
        assert_eq!(Passes::TooClose.score(), 0.5);
    }

    #[test]
    fn thresholds_print_as_written() {
        assert_eq!(t(">=2").to_string(), ">= 2");
        assert_eq!(t(">  2兆円").to_string(), "> 2兆円");
    }
}
