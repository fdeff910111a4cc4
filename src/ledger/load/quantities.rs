//! Quantities judged on their own, where they are written: finiteness, shares, ranks and
//! signs.

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::DeValue;

use super::fields::{Step, Subject, path_text, toml_text};
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::{Dimension, Quantity};
use crate::source_file::Origin;

/// Checks every quantity (`{ value = ..., unit = ... }`) in a record on its own: its value
/// is a finite number, in its own unit and in its dimension's base unit (so that no figure
/// reaches the engine as `inf`), percentages lie within 0–100, ranks start at 1, and nothing
/// is negative. A quantity that does not even parse is left to [`typed`](super::typed) to
/// report.
pub(super) fn quantities(
    origin: Origin,
    subject: &Subject,
    value: &Spanned<DeValue<'_>>,
    path: &mut Vec<Step>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::Table(table) if table.contains_key("value") && table.contains_key("unit") => {
            let Ok(q) = Quantity::deserialize(value.clone().into_deserializer()) else {
                return;
            };
            let Some(number) = table.get("value") else {
                return;
            };
            let v = q.value.get();
            let normalised = q.normalised();
            let shown = toml_text(number.get_ref()).unwrap_or_else(|| v.to_string());
            let key = path_text(path);
            let problem = match normalised.dimension {
                // A fraction such as `1e300/1e-300` divides to infinity, and `1e308 億円` is
                // infinite in yen: either would reach the engine as `inf` or `NaN`.
                _ if !v.is_finite() => Some((
                    format!("`{key}` is not a finite number (`{shown}`)"),
                    "a fraction must divide to a finite number; record the figure as the source states it",
                )),
                dimension if !normalised.value.is_finite() => Some((
                    format!(
                        "`{key}` is too large: `{shown}` {} is not a finite number of {}",
                        q.unit.symbol(),
                        dimension.base_unit()
                    ),
                    "every figure is converted to its dimension's base unit (yen, US dollars, ...) and must stay below about 1.8e308 there; check the value and its unit",
                )),
                Dimension::Share if !(0.0..=100.0).contains(&v) => Some((
                    format!("`{key}` is a percentage outside 0–100 (`{shown}`)"),
                    "a `%` value is a share from 0 to 100; write a multiple with unit `factor`",
                )),
                Dimension::Rank if v < 1.0 => Some((
                    format!("`{key}` is a rank below 1 (`{shown}`)"),
                    "rank 1 is first; write the position as the ranking states it",
                )),
                _ if v < 0.0 => Some((
                    format!("`{key}` is negative (`{shown}` {})", q.unit.symbol()),
                    "amounts, counts and scores are never below zero; record the figure as the source states it",
                )),
                _ => None,
            };
            if let Some((message, help)) = problem {
                diagnostics.push(
                    Diagnostic::new(
                        Code::BadQuantity,
                        origin.span(number.span()),
                        format!("{subject}: {message}"),
                    )
                    .with_help(help),
                );
            }
        }
        DeValue::Table(table) => {
            for (k, v) in table.iter() {
                path.push(Step::Key(k.get_ref().to_string()));
                quantities(origin, subject, v, path, diagnostics);
                path.pop();
            }
        }
        DeValue::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                quantities(origin, subject, v, path, diagnostics);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{METRIC, load};
    use super::*;
    use crate::source_file::{FileId, Span};

    #[test]
    fn quantities_are_checked_where_they_are_written() {
        let text = METRIC.replace("value = 1,", "value = 120,");
        let (parts, diagnostics) = load(&text);
        assert_eq!(parts.records.len(), 1);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::BadQuantity);
        let start = text.find("120").unwrap_or_default();
        assert_eq!(
            diagnostics[0].span,
            Some(Span::new(FileId(0), start..start + 3))
        );
    }

    /// The messages for a metric whose value is written `value` in `unit`, each checked to be
    /// K0203 at the value as written.
    fn quantity_problems(value: &str, unit: &str) -> Vec<String> {
        let quantity = format!("value = {{ value = {value}, unit = \"{unit}\" }}");
        let text = METRIC.replace("value = { value = 1, unit = \"%\" }", &quantity);
        let (_, diagnostics) = load(&text);
        let start = text.find(value).unwrap_or_default();
        for d in &diagnostics {
            assert_eq!(d.code, Code::BadQuantity);
            assert_eq!(
                d.span,
                Some(Span::new(FileId(0), start..start + value.len()))
            );
        }
        diagnostics.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn quantities_that_overflow_their_base_unit_are_refused_at_the_boundary() {
        // f64::MAX is about 1.798e308: 1.79e300 億円 is 1.79e308 yen, 1.8e300 億円 is not finite.
        assert_eq!(quantity_problems("1.79e300", "億円"), Vec::<String>::new());
        assert_eq!(
            quantity_problems("1.8e300", "億円"),
            ["metric `m`: `value` is too large: `1.8e300` 億円 is not a finite number of yen"]
        );
        assert_eq!(quantity_problems("1.79e296", "兆円"), Vec::<String>::new());
        assert_eq!(quantity_problems("1.8e296", "兆円").len(), 1);
        assert_eq!(
            quantity_problems("1e308", "USD bn"),
            [
                "metric `m`: `value` is too large: `1e308` USD bn is not a finite number of US dollars"
            ]
        );
        // A unit without a factor cannot overflow: the largest finite number is fine.
        assert_eq!(quantity_problems("1.7e308", "JPY"), Vec::<String>::new());
    }

    #[test]
    fn fractions_that_divide_to_infinity_are_refused() {
        assert_eq!(
            quantity_problems("\"1e300/1e-8\"", "factor"),
            Vec::<String>::new()
        );
        assert_eq!(
            quantity_problems("\"1e300/1e-300\"", "factor"),
            ["metric `m`: `value` is not a finite number (`1e300/1e-300`)"]
        );
    }
}
