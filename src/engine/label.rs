//! The verdict scale, and how it maps onto ClaimReview, FEVER and AVeriTeC.

use serde::Serialize;

/// The coverage below which a verdict is Not Enough Evidence: [`MIN_COVERAGE_FRACTION`].
pub const MIN_COVERAGE: f64 = MIN_COVERAGE_FRACTION.0 as f64 / MIN_COVERAGE_FRACTION.1 as f64;

/// [`MIN_COVERAGE`] as a numerator and a denominator, so that it can be written exactly:
/// 2/3.
pub const MIN_COVERAGE_FRACTION: (u32, u32) = (2, 3);

/// A verdict label, best to worst, then the one for missing evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Label {
    /// Score 0.8 or more.
    #[serde(rename = "True")]
    True,
    /// Score from 0.6 to below 0.8.
    #[serde(rename = "Mostly True")]
    MostlyTrue,
    /// Score from 0.4 to below 0.6.
    #[serde(rename = "Half True")]
    HalfTrue,
    /// Score from 0.2 to below 0.4.
    #[serde(rename = "Mostly False")]
    MostlyFalse,
    /// Score below 0.2.
    #[serde(rename = "False")]
    False,
    /// Coverage below [`MIN_COVERAGE`], 2/3: too few criteria have evidence to say. Also the refusal to grade a
    /// score or coverage that is not a finite number.
    #[serde(rename = "Not Enough Evidence")]
    NotEnoughEvidence,
}

impl Label {
    /// The label for a score with a given coverage. Only a finite score with a finite
    /// coverage of at least [`MIN_COVERAGE`] is graded; anything else, `NaN` and `±inf`
    /// included, is Not Enough Evidence, never a label from True to False. (The engine's
    /// combination never passes a score that is not finite: it has no score instead.)
    pub fn from_score(score: Option<f64>, coverage: f64) -> Label {
        let covered = coverage.is_finite() && coverage >= MIN_COVERAGE;
        match score {
            Some(s) if !covered || !s.is_finite() => Label::NotEnoughEvidence,
            None => Label::NotEnoughEvidence,
            Some(s) if s >= 0.8 => Label::True,
            Some(s) if s >= 0.6 => Label::MostlyTrue,
            Some(s) if s >= 0.4 => Label::HalfTrue,
            Some(s) if s >= 0.2 => Label::MostlyFalse,
            Some(_) => Label::False,
        }
    }

    /// The label as shown to people.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::True => "True",
            Label::MostlyTrue => "Mostly True",
            Label::HalfTrue => "Half True",
            Label::MostlyFalse => "Mostly False",
            Label::False => "False",
            Label::NotEnoughEvidence => "Not Enough Evidence",
        }
    }

    /// ClaimReview `ratingValue` on a 1 (worst) to 5 (best) scale; `None` when there is no
    /// rating to give.
    pub fn claimreview(self) -> Option<u8> {
        match self {
            Label::True => Some(5),
            Label::MostlyTrue => Some(4),
            Label::HalfTrue => Some(3),
            Label::MostlyFalse => Some(2),
            Label::False => Some(1),
            Label::NotEnoughEvidence => None,
        }
    }

    /// The FEVER label. Half True counts as NOT ENOUGH INFO: the evidence neither supports
    /// nor refutes the claim as stated.
    pub fn fever(self) -> &'static str {
        match self {
            Label::True | Label::MostlyTrue => "SUPPORTS",
            Label::MostlyFalse | Label::False => "REFUTES",
            Label::HalfTrue | Label::NotEnoughEvidence => "NOT ENOUGH INFO",
        }
    }

    /// The AVeriTeC label. Half True is Conflicting Evidence/Cherry-picking: parts of the
    /// evidence support the claim and parts refute it.
    pub fn averitec(self) -> &'static str {
        match self {
            Label::True | Label::MostlyTrue => "Supported",
            Label::MostlyFalse | Label::False => "Refuted",
            Label::HalfTrue => "Conflicting Evidence/Cherry-picking",
            Label::NotEnoughEvidence => "Not Enough Evidence",
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each label as people read it, as ClaimReview rates it, and as FEVER and AVeriTeC name
    /// it: the published mapping, one row a label.
    #[test]
    fn every_label_maps_onto_each_scale() {
        let rows = [
            (Label::True, "True", Some(5), "SUPPORTS", "Supported"),
            (
                Label::MostlyTrue,
                "Mostly True",
                Some(4),
                "SUPPORTS",
                "Supported",
            ),
            (
                Label::HalfTrue,
                "Half True",
                Some(3),
                "NOT ENOUGH INFO",
                "Conflicting Evidence/Cherry-picking",
            ),
            (
                Label::MostlyFalse,
                "Mostly False",
                Some(2),
                "REFUTES",
                "Refuted",
            ),
            (Label::False, "False", Some(1), "REFUTES", "Refuted"),
            (
                Label::NotEnoughEvidence,
                "Not Enough Evidence",
                None,
                "NOT ENOUGH INFO",
                "Not Enough Evidence",
            ),
        ];
        for (label, shown, rating, fever, averitec) in rows {
            assert_eq!(label.as_str(), shown);
            assert_eq!(label.to_string(), shown);
            assert_eq!(label.claimreview(), rating, "{label}");
            assert_eq!(label.fever(), fever, "{label}");
            assert_eq!(label.averitec(), averitec, "{label}");
            assert_eq!(
                serde_json::to_value(label).ok(),
                Some(serde_json::Value::from(shown))
            );
        }
    }

    #[test]
    fn bands_are_closed_below() {
        assert_eq!(Label::from_score(Some(0.8), 1.0), Label::True);
        assert_eq!(Label::from_score(Some(0.79), 1.0), Label::MostlyTrue);
        assert_eq!(Label::from_score(Some(0.4), 1.0), Label::HalfTrue);
        assert_eq!(Label::from_score(Some(0.2), 1.0), Label::MostlyFalse);
        assert_eq!(Label::from_score(Some(0.0), 1.0), Label::False);
    }

    #[test]
    fn low_coverage_is_not_enough_evidence() {
        assert_eq!(Label::from_score(Some(0.9), 0.6), Label::NotEnoughEvidence);
        assert_eq!(Label::from_score(Some(0.9), 2.0 / 3.0), Label::True);
        assert_eq!(MIN_COVERAGE, 2.0 / 3.0);
        assert_eq!(Label::from_score(None, 1.0), Label::NotEnoughEvidence);
    }

    #[test]
    fn scores_and_coverages_that_are_not_finite_are_never_graded() {
        for score in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(
                Label::from_score(Some(score), 1.0),
                Label::NotEnoughEvidence,
                "{score}"
            );
            assert_eq!(
                Label::from_score(Some(0.9), score),
                Label::NotEnoughEvidence,
                "coverage {score}"
            );
        }
    }
}
