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
                .flat_map(|r| r.axes.iter())
                .min()
                .cloned()
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
