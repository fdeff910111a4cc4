//! The verdict through time: the claim graded as of the last day of each month or quarter.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::claim::Claim;
use crate::engine::{Outcome, evaluate};
use crate::ledger::Ledger;

/// How far apart the points are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    /// The last day of every month.
    Month,
    /// The last day of every calendar quarter.
    Quarter,
}

/// The verdict as of one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The as-of day.
    pub as_of: NaiveDate,
    /// The headline.
    pub headline: Outcome,
    /// Each reading, in claim order.
    pub readings: Vec<Outcome>,
}

/// The last day of a month.
pub fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// The as-of days from the month `from` to the month `to`, both `(year, month)`.
pub fn days(from: (i32, u32), to: (i32, u32), step: Step) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let (mut y, mut m) = from;
    while (y, m) <= to {
        let keep = match step {
            Step::Month => true,
            Step::Quarter => m % 3 == 0 || (y, m) == to,
        };
        if keep {
            out.extend(month_end(y, m));
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The default range: the twelve months up to the month of the claim's as-of date.
pub fn default_range(claim: &Claim) -> ((i32, u32), (i32, u32)) {
    let to = (claim.as_of.year(), claim.as_of.month());
    ((to.0 - 1, to.1), to)
}

/// Grades `claim` as of each day.
pub fn timeline(claim: &Claim, ledger: &Ledger, days: &[NaiveDate]) -> Vec<Point> {
    days.iter()
        .map(|&day| {
            let e = evaluate(claim, ledger, day);
            Point {
                as_of: day,
                headline: e.headline,
                readings: e.readings,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn months_end_on_their_last_day() {
        assert_eq!(
            days((2025, 12), (2026, 2), Step::Month),
            vec![d(2025, 12, 31), d(2026, 1, 31), d(2026, 2, 28)]
        );
    }

    #[test]
    fn quarters_end_in_march_june_september_december_and_the_last_month() {
        assert_eq!(
            days((2025, 5), (2026, 5), Step::Quarter),
            vec![
                d(2025, 6, 30),
                d(2025, 9, 30),
                d(2025, 12, 31),
                d(2026, 3, 31),
                d(2026, 5, 31)
            ]
        );
    }

    #[test]
    fn the_default_range_is_the_twelve_months_to_the_as_of_date() {
        let workspace = crate::workspace::Workspace::load(crate::embedded::tree());
        let claim = workspace.claim(None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(claim.as_of, d(2026, 5, 1));
        assert_eq!(default_range(claim), ((2025, 5), (2026, 5)));
        assert_eq!(month_end(2024, 2), Some(d(2024, 2, 29)));
        assert_eq!(month_end(2024, 12), Some(d(2024, 12, 31)));
        assert_eq!(days((2026, 5), (2026, 4), Step::Month), []);
    }

    /// Every step graded against a ledger made of only the records known by its day: what
    /// grading from scratch, with nothing after the day to skip, gives.
    #[test]
    fn each_step_equals_grading_only_the_records_known_by_its_day() {
        use crate::ledger::{Ledger, LedgerParts};
        use crate::workspace::Workspace;
        let tree = crate::synthetic::tree(&crate::synthetic::generate(4000, 5));
        let workspace = Workspace::load(tree);
        assert!(!workspace.has_errors());
        let ledger = &workspace.ledger;
        let claim = &workspace.claims[0];
        let steps = days((2014, 1), (2027, 6), Step::Month);
        let points = timeline(claim, ledger, &steps);
        assert_eq!(points.len(), steps.len());
        let mut graded = 0;
        for (point, &day) in points.iter().zip(&steps) {
            let known: Vec<_> = (ledger.records.iter())
                .filter(|r| r.when.known_date() <= day)
                .cloned()
                .collect();
            graded += usize::from(point.headline.score.is_some());
            let alone = Ledger::new(LedgerParts {
                sources: ledger.sources.clone(),
                entities: ledger.entities.clone(),
                axes: ledger.axes.clone(),
                records: known,
                unread: Vec::new(),
            });
            let e = evaluate(claim, &alone, day);
            assert_eq!((point.headline, &point.readings), (e.headline, &e.readings));
            assert_eq!(evaluate(claim, ledger, day), e, "{day}");
        }
        // Early steps have no evidence and later ones do: both were compared.
        assert!(graded > 0 && graded < steps.len(), "{graded}");
    }
}
