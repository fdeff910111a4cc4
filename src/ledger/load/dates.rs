//! Calendar dates and periods: what makes one real, in the words a diagnostic uses.

use chrono::{Datelike, NaiveDate};

use super::excerpt::truncate;
use crate::diagnostic::{Code, Diagnostic};
use crate::source_file::Span;

/// If a `YYYY-MM-DD` date that does not exist starts at `at`: the date as written, what is
/// wrong with it, and a real date of the same length to read the rest of the file with.
pub(super) fn impossible_date(text: &str, at: usize) -> Option<(&str, String, String)> {
    let date = text.get(at..at + 10)?;
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())?
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| date.get(r)?.parse::<u32>().ok())?
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let problem = date_problem(i32::try_from(year).ok()?, month, day)?;
    let month = month.clamp(1, 12);
    let day = day.clamp(1, days_in_month(year as i32, month));
    Some((date, problem, format!("{year:04}-{month:02}-{day:02}")))
}

/// Why `year-month-day` is not a real date, or `None` when it is one.
pub(crate) fn date_problem(year: i32, month: u32, day: u32) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}"));
    }
    if day == 0 {
        return Some("there is no day 0".to_owned());
    }
    let last = days_in_month(year, month);
    (day > last).then(|| {
        let name = MONTHS[(month - 1) as usize];
        format!("{name} {year} has {last} days")
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.saturating_add(1), 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).map_or(31, |d| d.day())
}

/// A TOML date as a calendar date; times and offsets are refused.
pub(crate) fn to_date(value: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| {
                    let problem =
                        date_problem(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                            .unwrap_or_else(|| "it is out of range".to_owned());
                    format!("`{value}` is not a real date: {problem}")
                })
        }
        _ => Err(format!("`{value}` is not a plain date")),
    }
}

/// A date diagnostic for `to_date`'s message, with the help line every date problem shares.
pub(crate) fn date_diagnostic(span: Span, message: String) -> Diagnostic {
    Diagnostic::new(Code::BadDate, span, message)
        .with_help("write a day as a TOML date without quotes or time, e.g. `2026-04-30`")
}

/// Why a `period` cannot be read: an impossible day or month when that is the trouble,
/// otherwise `message` (the period parser's own) without its advice, which the help line
/// gives.
pub(crate) fn period_problem(text: &str, message: String) -> String {
    let shown = truncate(text, 40);
    let bad = text.split('/').find_map(|part| {
        if let Some((_, problem, _)) = impossible_date(part, 0) {
            return Some(problem);
        }
        // A month, `YYYY-MM`.
        let (year, month) = part.split_once('-')?;
        let month: u32 = (year.len() == 4 && month.len() == 2)
            .then(|| month.parse().ok())
            .flatten()?;
        (!(1..=12).contains(&month)).then(|| format!("there is no month {month}"))
    });
    match bad {
        Some(problem) => format!("`{shown}` is not a real period: {problem}"),
        None => match message.split_once(';') {
            Some((head, _)) => head.to_owned(),
            None => message,
        },
    }
}

/// The help line for a malformed period.
pub(crate) const PERIOD_HELP: &str = "write a year `\"2024\"`, a month `\"2026-01\"`, a day `\"2026-01-31\"`, an interval `\"2019/2023\"` or an open start `\"../2026-04\"`";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_problems_name_the_calendar_fact() {
        assert_eq!(date_problem(2024, 2, 29), None);
        assert_eq!(
            date_problem(2025, 2, 29).as_deref(),
            Some("February 2025 has 28 days")
        );
        assert_eq!(
            date_problem(2026, 4, 31).as_deref(),
            Some("April 2026 has 30 days")
        );
        assert_eq!(
            date_problem(2026, 13, 1).as_deref(),
            Some("there is no month 13")
        );
        assert_eq!(
            date_problem(2026, 1, 0).as_deref(),
            Some("there is no day 0")
        );
    }
}
