//! Quantities judged on their own, where they are written: shares, ranks and signs.

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::DeValue;

use super::fields::{Step, Subject, path_text, toml_text};
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::{Dimension, Quantity};
use crate::source_file::Origin;

/// Checks every quantity (`{ value = ..., unit = ... }`) in a record on its own:
/// percentages lie within 0–100, ranks start at 1, and nothing is negative. A quantity that
/// does not even parse is left to [`typed`](super::typed) to report.
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
            let shown = toml_text(number.get_ref()).unwrap_or_else(|| v.to_string());
            let key = path_text(path);
            let problem = match q.unit.base().0 {
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
}
