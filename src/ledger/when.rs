//! When a fact happened: a day, a period (year, month, interval, open start) or a Japanese
//! fiscal year, and the *known date* from which it counts for `--as-of`.

use chrono::NaiveDate;
use serde::Serialize;

/// One end of a period: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bound {
    /// A whole calendar year.
    Year(i32),
    /// A whole month, 1 to 12: a byte, so that a period fits 16 bytes.
    Month(i32, u8),
    /// One day.
    Day(NaiveDate),
}

impl Bound {
    fn parse(text: &str) -> Option<Bound> {
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
        };
        match parts.as_slice() {
            [y] => Some(Bound::Year(number(y, 4)?)),
            [y, m] => {
                let (y, m) = (number(y, 4)?, number(m, 2)?);
                let m = u8::try_from(m).ok()?;
                NaiveDate::from_ymd_opt(y, m.into(), 1).map(|_| Bound::Month(y, m))
            }
            [y, m, d] => {
                NaiveDate::from_ymd_opt(number(y, 4)?, number(m, 2)? as u32, number(d, 2)? as u32)
                    .map(Bound::Day)
            }
            _ => None,
        }
    }

    /// First day covered.
    pub fn first_day(self) -> NaiveDate {
        match self {
            Bound::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Bound::Month(y, m) => NaiveDate::from_ymd_opt(y, m.into(), 1),
            Bound::Day(d) => Some(d),
        }
        .unwrap_or(NaiveDate::MIN)
    }

    /// Last day covered.
    pub fn last_day(self) -> NaiveDate {
        match self {
            Bound::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
            Bound::Month(y, m) => {
                let (ny, nm) = if m == 12 {
                    (y + 1, 1)
                } else {
                    (y, u32::from(m) + 1)
                };
                NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
            }
            Bound::Day(d) => Some(d),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Year(y) => write!(f, "{y:04}"),
            Bound::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Bound::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

/// When a record's fact holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum When {
    /// One day.
    Date(NaiveDate),
    /// A span of time; `start` is `None` for an open start (`../2026-04`: some time up to then).
    Period {
        /// First bound, `None` when open.
        start: Option<Bound>,
        /// Last bound (equal to `start` for a single year or month).
        end: Bound,
    },
    /// A Japanese fiscal year: April of the year to March of the next.
    FiscalYear(i32),
}

impl When {
    /// Parses the `period` syntax: `2024`, `2026-01`, `2019/2023`, `2026-01/2026-04`,
    /// `../2026-04`.
    pub fn parse_period(text: &str) -> Result<When, String> {
        let bad = || {
            format!(
                "`{text}` is not a period; write `2024`, `2026-01`, `2019/2023` or `../2026-04`"
            )
        };
        match text.split_once('/') {
            None => {
                let bound = Bound::parse(text).ok_or_else(bad)?;
                Ok(When::Period {
                    start: Some(bound),
                    end: bound,
                })
            }
            Some((a, b)) => {
                let end = Bound::parse(b).ok_or_else(bad)?;
                let start = if a == ".." {
                    None
                } else {
                    Some(Bound::parse(a).ok_or_else(bad)?)
                };
                if start.is_some_and(|start| start.first_day() > end.last_day()) {
                    return Err(format!("period `{text}` ends before it starts"));
                }
                Ok(When::Period { start, end })
            }
        }
    }

    /// A fiscal year, checked for a plausible range.
    pub fn fiscal_year(year: i64) -> Result<When, String> {
        i32::try_from(year)
            .ok()
            .filter(|y| (1000..=9998).contains(y))
            .map(When::FiscalYear)
            .ok_or_else(|| format!("fiscal year `{year}` is out of range (1000 to 9998)"))
    }

    /// The day from which the fact counts: the date itself, the last day of a period (it
    /// cannot be known before the period is over), or the first day of a fiscal year (a
    /// fiscal-year budget is in force from its first day).
    pub fn known_date(&self) -> NaiveDate {
        match *self {
            When::Date(d) => d,
            When::Period { end, .. } => end.last_day(),
            When::FiscalYear(y) => NaiveDate::from_ymd_opt(y, 4, 1).unwrap_or(NaiveDate::MAX),
        }
    }

    /// The first day the fact may have happened; `None` for an open start. A record counts
    /// inside a window only when it lies wholly inside it, so `../2026-04` never counts as
    /// "in April": it may have happened long before.
    pub fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            When::Date(d) => Some(d),
            When::Period { start, .. } => start.map(Bound::first_day),
            When::FiscalYear(y) => NaiveDate::from_ymd_opt(y, 4, 1),
        }
    }

    /// The last day the fact may have happened: the date itself, the last day of a period's
    /// end, or March 31 after a fiscal year's April. A record counts inside a window only when
    /// it lies wholly inside it, so FY2026 never counts as "in April 2026": it runs to March
    /// 2027. For a date or a period this is its known date; a fiscal year is known from its
    /// first day, long before its last.
    pub fn last_day(&self) -> NaiveDate {
        match *self {
            When::Date(d) => d,
            When::Period { end, .. } => end.last_day(),
            When::FiscalYear(y) => y
                .checked_add(1)
                .and_then(|next| NaiveDate::from_ymd_opt(next, 3, 31))
                .unwrap_or(NaiveDate::MAX),
        }
    }
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            When::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            When::Period { start: None, end } => write!(f, "by {end}"),
            When::Period {
                start: Some(s),
                end,
            } if s == end => write!(f, "{s}"),
            When::Period {
                start: Some(s),
                end,
            } => write!(f, "{s}/{end}"),
            When::FiscalYear(y) => write!(f, "FY{y}"),
        }
    }
}

impl Serialize for When {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn a_period_may_start_and_end_on_the_same_day_but_not_end_before_it_starts() {
        assert_eq!(
            When::parse_period("2024-03-05/2024-03-05").map(|w| w.known_date()),
            Ok(day(2024, 3, 5))
        );
        assert_eq!(
            When::parse_period("2024-03-06/2024-03-05"),
            Err("period `2024-03-06/2024-03-05` ends before it starts".to_owned())
        );
    }

    #[test]
    fn periods_are_known_at_their_end() {
        let w = |t| When::parse_period(t).map(|w| w.known_date());
        assert_eq!(w("2024"), Ok(day(2024, 12, 31)));
        assert_eq!(w("2026-02"), Ok(day(2026, 2, 28)));
        assert_eq!(w("2019/2023"), Ok(day(2023, 12, 31)));
        assert_eq!(w("../2026-04"), Ok(day(2026, 4, 30)));
        assert_eq!(w("2026-01/2026-04"), Ok(day(2026, 4, 30)));
        // A bound may be a day.
        assert_eq!(w("2026-04-10"), Ok(day(2026, 4, 10)));
        assert_eq!(w("2026-04-10/2026-04-20"), Ok(day(2026, 4, 20)));
        assert!(w("2026-02-30").is_err());
        let last = |t| When::parse_period(t).map(|w| w.last_day());
        assert_eq!(last("2026-02"), Ok(day(2026, 2, 28)));
        assert_eq!(last("2019/2023"), Ok(day(2023, 12, 31)));
    }

    #[test]
    fn a_period_is_shown_as_it_is_written() {
        for text in [
            "2024",
            "2026-02",
            "2026-04-10",
            "2019/2023",
            "2026-01/2026-04-20",
        ] {
            let shown = When::parse_period(text).map(|w| w.to_string());
            assert_eq!(shown.as_deref(), Ok(text));
        }
        let open = When::parse_period("../2026-04").map(|w| w.to_string());
        assert_eq!(open.as_deref(), Ok("by 2026-04"));
    }

    #[test]
    fn malformed_periods_are_rejected() {
        for text in [
            "",
            "24",
            "2026-13",
            "2026-1",
            "2023/2019",
            "2026/",
            "x/2026",
            "2026-02-30",
        ] {
            assert!(
                When::parse_period(text).is_err(),
                "{text} should be rejected"
            );
        }
    }

    #[test]
    fn fiscal_years_start_in_april() {
        assert_eq!(When::FiscalYear(2026).known_date(), day(2026, 4, 1));
        assert_eq!(When::FiscalYear(2026).last_day(), day(2027, 3, 31));
        assert_eq!(When::FiscalYear(2026).to_string(), "FY2026");
        assert!(When::fiscal_year(99_999).is_err());
    }

    #[test]
    fn every_when_runs_from_its_first_to_its_last_day() {
        let days = |w: When| (w.first_day(), w.last_day());
        let period = |t| When::parse_period(t).map(days);
        assert_eq!(
            days(When::Date(day(2026, 4, 10))),
            (Some(day(2026, 4, 10)), day(2026, 4, 10))
        );
        assert_eq!(
            period("2024"),
            Ok((Some(day(2024, 1, 1)), day(2024, 12, 31)))
        );
        assert_eq!(
            period("2024-02"),
            Ok((Some(day(2024, 2, 1)), day(2024, 2, 29)))
        );
        assert_eq!(
            period("2026-01/2026-04"),
            Ok((Some(day(2026, 1, 1)), day(2026, 4, 30)))
        );
        assert_eq!(period("../2026-04"), Ok((None, day(2026, 4, 30))));
        assert_eq!(
            days(When::FiscalYear(2026)),
            (Some(day(2026, 4, 1)), day(2027, 3, 31))
        );
        // The largest fiscal year still ends on a real day.
        assert_eq!(When::FiscalYear(9998).last_day(), day(9999, 3, 31));
    }
}
