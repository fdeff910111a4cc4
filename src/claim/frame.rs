//! What a claim typed in the terminal leaves unsaid (its id, subject, as-of date, window and
//! axis) and the defaults the ledger gives them. `docs/claims.md`, "Claims from the
//! terminal", lists the defaults.

use chrono::{Datelike, NaiveDate};

use crate::claim::Window;
use crate::claim::expression::Expression;
use crate::claim::load::parse_period;
use crate::ledger::Ledger;

/// The id of a claim typed in the terminal when it is not saved to a file.
pub const DEFAULT_ID: &str = "expression";

/// Everything about a claim from an expression that the expression itself does not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The claim's id.
    pub id: String,
    /// The entity the claim is about.
    pub subject: String,
    /// No record known after this day counts.
    pub as_of: NaiveDate,
    /// The days the claim speaks of.
    pub window: Window,
    /// The one axis, declared in the ledger, that the criterion is graded on.
    pub axis: String,
}

/// What the command line says of a frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// The claim's id; `None` gives [`DEFAULT_ID`].
    pub id: Option<String>,
    /// The entity the claim is about.
    pub subject: String,
    /// `--as-of`; `None` gives the latest day any record is known from.
    pub as_of: Option<NaiveDate>,
    /// `--window`; `None` gives the earliest first day of any record to the as-of date.
    pub window: Option<Window>,
    /// `--axis`; `None` gives the expression's own filter axis, else the first axis records
    /// of its metric bear on, else the ledger's first axis (first by id).
    pub axis: Option<String>,
}

/// Why a frame cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// No record to take an as-of date from.
    #[error("the ledger has no records to take the claim's as-of date from: give `--as-of DATE`")]
    NoAsOf,
    /// No axis to grade on.
    #[error("the ledger declares no axis to grade the claim on: declare one with `[[axis]]`")]
    NoAxis,
    /// A day a claim file cannot hold.
    #[error("`{0}` is outside the years 1 to 9999 a claim file can hold")]
    OutOfRange(NaiveDate),
}

impl Frame {
    /// The frame of `expression` within `ledger`: what `choices` say, and defaults for the
    /// rest.
    pub fn resolve(
        ledger: &Ledger,
        expression: &Expression,
        choices: Choices,
    ) -> Result<Frame, Problem> {
        let as_of = match choices.as_of {
            Some(day) => day,
            None => (ledger.records.iter())
                .map(|r| r.when.known_date())
                .max()
                .ok_or(Problem::NoAsOf)?,
        };
        let window = choices.window.unwrap_or_else(|| {
            let first = (ledger.records.iter())
                .filter_map(|r| r.when.first_day())
                .min()
                .map_or(as_of, |first| first.min(as_of));
            Window {
                from: first,
                to: as_of,
            }
        });
        for day in [as_of, window.from, window.to] {
            if !(1..=9999).contains(&day.year()) {
                return Err(Problem::OutOfRange(day));
            }
        }
        let metric_axis = || {
            let metric = expression.metric()?;
            (ledger.metric_records(metric).iter())
                .filter_map(|&i| ledger.records.get(i))
                .flat_map(|r| r.axes())
                .min()
                .map(|axis| axis.to_string())
        };
        let axis = choices
            .axis
            .or_else(|| expression.filter_axis().map(str::to_owned))
            .or_else(metric_axis)
            .or_else(|| ledger.axes.iter().map(|a| &a.id).min().cloned())
            .ok_or(Problem::NoAxis)?;
        Ok(Frame {
            id: choices.id.unwrap_or_else(|| DEFAULT_ID.to_owned()),
            subject: choices.subject,
            as_of,
            window,
            axis,
        })
    }
}

/// The days of a period written as in a claim (`2026-04`, `2026`, `2026-01/2026-04`,
/// `FY2026`), as a window.
pub fn window_of(period: &str) -> Result<Window, String> {
    let when = parse_period(period)?;
    let from = when.first_day().ok_or_else(|| {
        format!("`{period}` has no first day; a window needs one, e.g. `2026-01/2026-04`")
    })?;
    Ok(Window {
        from,
        to: when.last_day(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::expression::parse;
    use crate::source_file::FileId;
    use crate::workspace::Workspace;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn framed(ledger: &Ledger, text: &str, choices: Choices) -> Result<Frame, Problem> {
        let expression = parse(FileId(0), text).unwrap_or_else(|d| panic!("{d:?}"));
        Frame::resolve(ledger, &expression, choices)
    }

    fn jp() -> Choices {
        Choices {
            subject: "JP".to_owned(),
            ..Choices::default()
        }
    }

    #[test]
    fn the_shipped_ledger_gives_every_default() {
        let ledger = Workspace::read(crate::embedded::tree()).ledger;
        let frame = framed(&ledger, "value(metric = rapidus_support) > 2兆円", jp());
        assert_eq!(
            frame,
            Ok(Frame {
                id: DEFAULT_ID.to_owned(),
                subject: "JP".to_owned(),
                // The last day any record is known from, and the first day of the earliest.
                as_of: day(2026, 4, 30),
                window: Window {
                    from: day(2019, 1, 1),
                    to: day(2026, 4, 30),
                },
                // Rapidus records bear on compute, investment and policy.
                axis: "compute".to_owned(),
            })
        );
        let axis = |text: &str, choices: Choices| framed(&ledger, text, choices).map(|f| f.axis);
        let budget = "growth(metric = government_ai_budget, from = FY2025, to = FY2026) >= 2";
        assert_eq!(axis(budget, jp()), Ok("investment".to_owned()));
        assert_eq!(
            axis(
                budget,
                Choices {
                    axis: Some("policy".to_owned()),
                    ..jp()
                }
            ),
            Ok("policy".to_owned()),
            "--axis comes first"
        );
        assert_eq!(
            axis("count(axes = [research, oss]) >= 1", jp()),
            Ok("research".to_owned()),
            "then the criterion's own filter"
        );
        assert_eq!(
            axis("count(axis = oss) >= 1", jp()),
            Ok("oss".to_owned()),
            "its `axis` as well as its `axes`"
        );
        assert_eq!(
            axis("count(types = law) >= 1", jp()),
            Ok("compute".to_owned()),
            "then the ledger's first axis by id"
        );
    }

    #[test]
    fn choices_win_and_an_early_as_of_starts_the_window() {
        let ledger = Workspace::read(crate::embedded::tree()).ledger;
        let frame = framed(
            &ledger,
            "rank(metric = ai_research_rank) <= 5",
            Choices {
                id: Some("top-five".to_owned()),
                as_of: Some(day(2018, 6, 30)),
                ..jp()
            },
        );
        assert_eq!(
            frame.map(|f| (f.id, f.as_of, f.window)),
            Ok((
                "top-five".to_owned(),
                day(2018, 6, 30),
                Window {
                    from: day(2018, 6, 30),
                    to: day(2018, 6, 30)
                }
            ))
        );
        let far = framed(
            &ledger,
            "rank(metric = ai_research_rank) <= 5",
            Choices {
                as_of: NaiveDate::from_ymd_opt(10_000, 1, 1),
                ..jp()
            },
        );
        assert!(matches!(far, Err(Problem::OutOfRange(_))), "{far:?}");
    }

    #[test]
    fn an_empty_ledger_cannot_frame_without_choices() {
        let ledger = Ledger::default();
        let text = "value(metric = m) > 1";
        assert_eq!(framed(&ledger, text, jp()), Err(Problem::NoAsOf));
        let dated = Choices {
            as_of: Some(day(2026, 4, 30)),
            ..jp()
        };
        assert_eq!(framed(&ledger, text, dated.clone()), Err(Problem::NoAxis));
        let frame = framed(
            &ledger,
            text,
            Choices {
                axis: Some("policy".to_owned()),
                ..dated
            },
        );
        assert_eq!(
            frame.map(|f| f.window),
            Ok(Window {
                from: day(2026, 4, 30),
                to: day(2026, 4, 30)
            })
        );
    }

    #[test]
    fn windows_from_periods() {
        let window = |p: &str| window_of(p).map(|w| (w.from, w.to));
        assert_eq!(window("2026-04"), Ok((day(2026, 4, 1), day(2026, 4, 30))));
        assert_eq!(window("2026"), Ok((day(2026, 1, 1), day(2026, 12, 31))));
        assert_eq!(
            window("2026-01/2026-04"),
            Ok((day(2026, 1, 1), day(2026, 4, 30)))
        );
        assert_eq!(window("FY2026"), Ok((day(2026, 4, 1), day(2027, 3, 31))));
        assert!(window("../2026-04").is_err_and(|m| m.contains("has no first day")));
        assert!(window("2026-13").is_err_and(|m| m.contains("there is no month 13")));
        assert!(window("April").is_err());
    }
}
