//! A figure as a claim writes it: a number with an optional unit of the ledger, such as
//! `2兆円`, `10 USD bn`, `5%` or plain `0.25`. Goalposts and thresholds are written this way,
//! and are compared with measured values in the unit's base (`2兆円` is `2e12` yen).

use serde::Serialize;

use crate::ledger::{Dimension, Unit};

/// A number and the unit it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figure {
    /// The number as written.
    pub written: f64,
    /// The unit as written; `None` for a plain number, which is read in the measure's own
    /// base unit.
    pub unit: Option<Unit>,
}

impl Figure {
    /// A plain number.
    pub fn plain(value: f64) -> Figure {
        Figure {
            written: value,
            unit: None,
        }
    }

    /// The value in its dimension's base unit (a plain number as it is).
    pub fn base(&self) -> f64 {
        match self.unit {
            Some(unit) => self.written * unit.base().1,
            None => self.written,
        }
    }

    /// The dimension of its unit; `None` for a plain number.
    pub fn dimension(&self) -> Option<Dimension> {
        self.unit.map(|u| u.base().0)
    }

    /// Reads `2兆円`, `10 USD bn`, `5%`, `-3`, `1e12`. Thousands separators are not read:
    /// `5,027` is ambiguous between locales.
    pub fn parse(text: &str) -> Result<Figure, String> {
        let text = text.trim();
        let end = number_end(text);
        if end == 0 {
            return Err(format!(
                "`{text}` is not a figure: write a number, optionally with a unit, as `2兆円` or `5%`"
            ));
        }
        let (number, rest) = text.split_at(end);
        let written: f64 = number
            .parse()
            .map_err(|_| format!("`{number}` is not a number"))?;
        let value = Figure {
            written,
            unit: None,
        };
        let unit = rest.trim();
        let figure = if unit.is_empty() {
            value
        } else {
            let unit = Unit::ALL
                .into_iter()
                .find(|u| u.symbol() == unit)
                .ok_or_else(|| {
                    format!(
                        "`{unit}` is not a unit; the units are {}",
                        crate::diagnostic::quoted_list(Unit::ALL.iter().map(|u| u.symbol()))
                    )
                })?;
            Figure {
                unit: Some(unit),
                ..value
            }
        };
        if !figure.written.is_finite() || !figure.base().is_finite() {
            return Err(format!("`{text}` is not a finite number"));
        }
        Ok(figure)
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.unit {
            None => write!(f, "{}", self.written),
            Some(unit) if unit.symbol().is_ascii() && unit != Unit::Percent => {
                write!(f, "{} {}", self.written, unit.symbol())
            }
            Some(unit) => write!(f, "{}{}", self.written, unit.symbol()),
        }
    }
}

/// The length of the number at the start of `text`: sign, digits, point, exponent.
fn number_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    if matches!(bytes.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let digits_from = i;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
        i += 1;
    }
    if i == digits_from {
        return 0;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'-' | b'+')) {
            j += 1;
        }
        let exponent_from = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j > exponent_from {
            i = j;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_with_and_without_units() {
        let f = |t| Figure::parse(t).map(|f| (f.base(), f.dimension()));
        assert_eq!(f("2兆円"), Ok((2e12, Some(Dimension::Yen))));
        assert_eq!(f(" 6315 億円 "), Ok((6315e8, Some(Dimension::Yen))));
        assert_eq!(f("10 USD bn"), Ok((10e9, Some(Dimension::Dollars))));
        assert_eq!(f("5%"), Ok((5.0, Some(Dimension::Share))));
        assert_eq!(f("1e12"), Ok((1e12, None)));
        assert_eq!(f("-0.5"), Ok((-0.5, None)));
        assert_eq!(f("5 rank"), Ok((5.0, Some(Dimension::Rank))));
        assert!(f("兆円").is_err());
        assert!(f("2 trillion yen").is_err_and(|m| m.contains("`trillion yen` is not a unit")));
        assert!(f("1e308 兆円").is_err_and(|m| m.contains("not a finite number")));
        assert!(f("5,027億円").is_err());
    }

    #[test]
    fn numbers_take_a_sign_a_point_and_an_exponent() {
        let f = |t| Figure::parse(t).map(|f| (f.base(), f.dimension()));
        assert_eq!(f("+5"), Ok((5.0, None)));
        assert_eq!(f("1.5e-3"), Ok((1.5e-3, None)));
        assert_eq!(f("2E+2%"), Ok((200.0, Some(Dimension::Share))));
        assert_eq!(f(".5"), Ok((0.5, None)));
        // An `e` with no digits after it is not an exponent: it is read as the unit.
        assert_eq!(
            f("1e"),
            Err("`e` is not a unit; the units are ".to_owned() + &units())
        );
        assert_eq!(
            f("1e-"),
            Err("`e-` is not a unit; the units are ".to_owned() + &units())
        );
        assert_eq!(
            f("-"),
            Err(
                "`-` is not a figure: write a number, optionally with a unit, as `2兆円` or `5%`"
                    .to_owned()
            )
        );
        assert_eq!(f("1.2.3"), Err("`1.2.3` is not a number".to_owned()));
        assert_eq!(f("1e999"), Err("`1e999` is not a finite number".to_owned()));
    }

    fn units() -> String {
        crate::diagnostic::quoted_list(Unit::ALL.iter().map(|u| u.symbol()))
    }

    #[test]
    fn figures_print_as_written() {
        let show = |t| Figure::parse(t).map(|f| f.to_string());
        assert_eq!(show("2兆円"), Ok("2兆円".to_owned()));
        assert_eq!(show("10 USD bn"), Ok("10 USD bn".to_owned()));
        assert_eq!(show("5 %"), Ok("5%".to_owned()));
        assert_eq!(show("0.25"), Ok("0.25".to_owned()));
    }
}
