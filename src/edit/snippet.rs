//! The `[[kind]]` table that `add KIND --field ...` describes: each field as stated on the
//! command line, written as TOML for [`add`](super::add) to check and append like any
//! other snippet.

use chrono::{Datelike, NaiveDate};

use crate::ledger::TableKind;

/// A field that cannot be written as stated.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// A quantity without a value and a unit.
    #[error("`{0}` is not a quantity: write a value and a unit, such as `5027 億円`")]
    NotAQuantity(String),
    /// A quantity's value is not a number.
    #[error("`{text}` is not a number")]
    NotANumber {
        /// The value as stated.
        text: String,
        /// Why it is not one.
        source: std::num::ParseFloatError,
    },
    /// A comparator without its `=`.
    #[error("`{0}` is not a comparator: write `MODEL[@ENTITY]=SCORE UNIT`")]
    NotAComparator(String),
    /// A result without its `=`.
    #[error("`{0}` is not a result: write `MEASURE=VALUE UNIT`")]
    NotAResult(String),
    /// A day whose year TOML cannot write: TOML years have four digits.
    #[error("`{0}` cannot be written in a ledger: a year runs from 0000 to 9999")]
    Year(NaiveDate),
}

/// The fields of one table, as stated; which apply depends on the kind (see docs/ledger.md).
/// A field left `None`, `false` or empty is not written. Quantities are written as stated:
/// `5027 億円`, `about 1 %`, `1/30 factor`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Fields {
    /// Id; `None` has one derived from the date and title as the table is added.
    pub id: Option<String>,
    /// The day it happened.
    pub date: Option<NaiveDate>,
    /// Period instead of a day: 2024, 2026-01, 2019/2023, ../2026-04.
    pub period: Option<String>,
    /// Japanese fiscal year instead of a day.
    pub fiscal_year: Option<i64>,
    /// The entity the record is about.
    pub entity: Option<String>,
    /// The axes it bears on.
    pub axes: Vec<String>,
    /// The ids of its sources.
    pub sources: Vec<String>,
    /// Title, in your own words.
    pub title: Option<String>,
    /// Japanese title.
    pub title_ja: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Only the entity's own unverified word backs it.
    pub self_reported: bool,
    /// Event type: law, plan, guideline, paper, partnership, launch, award...
    pub event_type: Option<String>,
    /// Journal, conference or award body.
    pub venue: Option<String>,
    /// Partner entities.
    pub partners: Vec<String>,
    /// Indicator name (budget, metric).
    pub metric: Option<String>,
    /// Amount as stated (budget, investment), e.g. "5027 億円".
    pub amount: Option<String>,
    /// Value as stated (metric, target), e.g. "0.93 USD bn".
    pub value: Option<String>,
    /// The same amount in another unit (investment).
    pub equivalent: Option<String>,
    /// Basis: annual, additional, cumulative (budget); new, cumulative (investment).
    pub basis: Option<String>,
    /// The budget this is a line of.
    pub part_of: Option<String>,
    /// Who pays (budget).
    pub funder: Option<String>,
    /// Who invests (investment).
    pub investor: Option<String>,
    /// Funding round (investment).
    pub round: Option<String>,
    /// The value is relative to this entity's (metric).
    pub relative_to: Option<String>,
    /// The record this one states again (metric).
    pub restates: Option<String>,
    /// Model (benchmark).
    pub model: Option<String>,
    /// Test (benchmark).
    pub test: Option<String>,
    /// Score as stated (benchmark), e.g. "70.7 %".
    pub score: Option<String>,
    /// Comparators, each `MODEL[@ENTITY]=SCORE UNIT` (benchmark).
    pub comparators: Vec<String>,
    /// Artifact name (release).
    pub artifact: Option<String>,
    /// Artifact kind: model, code or dataset (release).
    pub artifact_kind: Option<String>,
    /// Whether weights can be downloaded (release).
    pub open_weights: Option<bool>,
    /// Licence (release).
    pub licence: Option<String>,
    /// System name (deployment).
    pub system: Option<String>,
    /// Domain: healthcare, manufacturing, construction, robotics, mobility... (deployment).
    pub domain: Option<String>,
    /// Stage: announced, pilot, trial, production (deployment).
    pub stage: Option<String>,
    /// Measured results, each `MEASURE=VALUE UNIT` (deployment).
    pub results: Vec<String>,
    /// Calendar year due (target).
    pub by_year: Option<i64>,
    /// Fiscal year due (target).
    pub by_fiscal_year: Option<i64>,
    /// URL (source).
    pub url: Option<String>,
    /// Publisher (source).
    pub publisher: Option<String>,
    /// Source kind: law, government, statistics, company, news, academic, ranking (source).
    pub source_kind: Option<String>,
    /// Publication day (source).
    pub published: Option<NaiveDate>,
    /// Name (entity).
    pub name: Option<String>,
    /// Japanese name (entity).
    pub name_ja: Option<String>,
    /// Entity kind: country, government, company, institution, university, startup (entity).
    pub entity_kind: Option<String>,
    /// The entity's country (entity).
    pub country: Option<String>,
    /// Description (axis).
    pub description: Option<String>,
}

/// A quantity as stated on the command line: `[about] VALUE UNIT`.
fn quantity(text: &str) -> Result<toml_edit::InlineTable, Error> {
    let (approximate, rest) = match text.trim().strip_prefix("about ") {
        Some(rest) => (true, rest.trim()),
        None => (false, text.trim()),
    };
    let (number, unit) = rest
        .split_once(char::is_whitespace)
        .map(|(n, u)| (n, u.trim()))
        .filter(|(_, u)| !u.is_empty())
        .ok_or_else(|| Error::NotAQuantity(text.to_owned()))?;
    let mut table = toml_edit::InlineTable::new();
    if number.contains('/') {
        table.insert("value", number.into());
    } else if let Ok(i) = number.parse::<i64>() {
        table.insert("value", i.into());
    } else {
        let f: f64 = number.parse().map_err(|source| Error::NotANumber {
            text: number.to_owned(),
            source,
        })?;
        table.insert("value", f.into());
    }
    table.insert("unit", unit.into());
    if approximate {
        table.insert("approximate", true.into());
    }
    Ok(table)
}

/// The `[[kind]]` snippet the fields describe, as TOML text.
pub(crate) fn snippet(kind: TableKind, f: &Fields) -> Result<String, Error> {
    use toml_edit::{Array, Item, Table, value};
    let mut comparators = None;
    if !f.comparators.is_empty() {
        let mut array = Array::new();
        for c in &f.comparators {
            let (who, score) = c
                .split_once('=')
                .ok_or_else(|| Error::NotAComparator(c.clone()))?;
            let mut table = toml_edit::InlineTable::new();
            let (model, entity) = match who.split_once('@') {
                Some((m, e)) => (m, Some(e)),
                None => (who, None),
            };
            table.insert("model", model.trim().into());
            if let Some(e) = entity {
                table.insert("entity", e.trim().into());
            }
            table.insert("score", toml_edit::Value::InlineTable(quantity(score)?));
            array.push(table);
        }
        comparators = Some(value(array));
    }
    let mut results = None;
    if !f.results.is_empty() {
        let mut array = Array::new();
        for r in &f.results {
            let (measure, v) = r
                .split_once('=')
                .ok_or_else(|| Error::NotAResult(r.clone()))?;
            let mut table = toml_edit::InlineTable::new();
            table.insert("measure", measure.trim().into());
            table.insert("value", toml_edit::Value::InlineTable(quantity(v)?));
            array.push(table);
        }
        results = Some(value(array));
    }
    let mut t = Table::new();
    let mut put = |key: &str, item: Option<Item>| {
        if let Some(item) = item {
            t.insert(key, item);
        }
    };
    let text = |v: &Option<String>| v.as_ref().map(|s| value(s.as_str()));
    let list = |v: &[String]| {
        (!v.is_empty()).then(|| value(v.iter().map(String::as_str).collect::<Array>()))
    };
    let day = |d: &Option<NaiveDate>| -> Result<Option<Item>, Error> {
        let Some(d) = *d else { return Ok(None) };
        // TOML writes a year in four digits; months and days always fit.
        let year = (u16::try_from(d.year()).ok())
            .filter(|y| *y <= 9999)
            .ok_or(Error::Year(d))?;
        let date = toml_edit::Date {
            year,
            month: u8::try_from(d.month()).unwrap_or(0),
            day: u8::try_from(d.day()).unwrap_or(0),
        };
        Ok(Some(value(toml_edit::Datetime {
            date: Some(date),
            time: None,
            offset: None,
        })))
    };
    let q = |v: &Option<String>| -> Result<Option<Item>, Error> {
        v.as_deref().map(quantity).transpose().map(|t| t.map(value))
    };
    put("id", text(&f.id));
    put("date", day(&f.date)?);
    put("period", text(&f.period));
    put("fiscal_year", f.fiscal_year.map(value));
    put("entity", text(&f.entity));
    put("axes", list(&f.axes));
    put("sources", list(&f.sources));
    put("url", text(&f.url));
    put("publisher", text(&f.publisher));
    put("name", text(&f.name));
    put("name_ja", text(&f.name_ja));
    put(
        "kind",
        match kind {
            TableKind::Source => text(&f.source_kind),
            TableKind::Entity => text(&f.entity_kind),
            _ => None,
        },
    );
    put("country", text(&f.country));
    put("published", day(&f.published)?);
    put("type", text(&f.event_type));
    put("title", text(&f.title));
    put("title_ja", text(&f.title_ja));
    put("description", text(&f.description));
    put("self_reported", f.self_reported.then(|| value(true)));
    put("venue", text(&f.venue));
    put("metric", text(&f.metric));
    put("amount", q(&f.amount)?);
    put("value", q(&f.value)?);
    put("equivalent", q(&f.equivalent)?);
    put("basis", text(&f.basis));
    put("part_of", text(&f.part_of));
    put("funder", text(&f.funder));
    put("investor", text(&f.investor));
    put("round", text(&f.round));
    put("relative_to", text(&f.relative_to));
    put("restates", text(&f.restates));
    put("model", text(&f.model));
    put("test", text(&f.test));
    put("score", q(&f.score)?);
    put("artifact", text(&f.artifact));
    put("artifact_kind", text(&f.artifact_kind));
    put("open_weights", f.open_weights.map(value));
    put("licence", text(&f.licence));
    put("system", text(&f.system));
    put("domain", text(&f.domain));
    put("stage", text(&f.stage));
    put("partners", list(&f.partners));
    put("by_year", f.by_year.map(value));
    put("by_fiscal_year", f.by_fiscal_year.map(value));
    put("comparators", comparators);
    put("results", results);
    put("note", text(&f.note));
    let mut doc = toml_edit::DocumentMut::new();
    let mut array = toml_edit::ArrayOfTables::new();
    array.push(t);
    doc.insert(kind.key(), Item::ArrayOfTables(array));
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::RecordKind;

    #[test]
    fn fields_are_written_in_a_fixed_order_with_quantities_as_stated() {
        let fields = Fields {
            title: Some("ABCI 3.0 starts".to_owned()),
            date: NaiveDate::from_ymd_opt(2026, 4, 30),
            entity: Some("aist".to_owned()),
            sources: vec!["s1".to_owned(), "s2".to_owned()],
            value: Some("about 1.5 %".to_owned()),
            amount: Some("1/30 factor".to_owned()),
            score: Some("70 %".to_owned()),
            comparators: vec!["gpt@openai=71.5 %".to_owned()],
            ..Fields::default()
        };
        let text = snippet(TableKind::Record(RecordKind::Benchmark), &fields).expect("a snippet");
        assert_eq!(
            text,
            "[[benchmark]]\n\
             date = 2026-04-30\n\
             entity = \"aist\"\n\
             sources = [\"s1\", \"s2\"]\n\
             title = \"ABCI 3.0 starts\"\n\
             amount = { value = \"1/30\", unit = \"factor\" }\n\
             value = { value = 1.5, unit = \"%\", approximate = true }\n\
             score = { value = 70, unit = \"%\" }\n\
             comparators = [{ model = \"gpt\", entity = \"openai\", score = { value = 71.5, unit = \"%\" } }]\n"
        );
    }

    #[test]
    fn the_kind_key_names_a_source_or_an_entity_only_for_those_tables() {
        let fields = Fields {
            id: Some("x".to_owned()),
            source_kind: Some("news".to_owned()),
            entity_kind: Some("company".to_owned()),
            ..Fields::default()
        };
        let text = |kind| snippet(kind, &fields).expect("a snippet");
        assert_eq!(
            text(TableKind::Source),
            "[[source]]\nid = \"x\"\nkind = \"news\"\n"
        );
        assert_eq!(
            text(TableKind::Entity),
            "[[entity]]\nid = \"x\"\nkind = \"company\"\n"
        );
        assert_eq!(text(TableKind::Axis), "[[axis]]\nid = \"x\"\n");
    }

    #[test]
    fn what_cannot_be_written_says_how_to_write_it() {
        let error = |fields: Fields| {
            snippet(TableKind::Record(RecordKind::Metric), &fields)
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            error(Fields {
                value: Some("12".to_owned()),
                ..Fields::default()
            }),
            "`12` is not a quantity: write a value and a unit, such as `5027 億円`"
        );
        assert_eq!(
            error(Fields {
                value: Some("twelve %".to_owned()),
                ..Fields::default()
            }),
            "`twelve` is not a number"
        );
        assert_eq!(
            error(Fields {
                comparators: vec!["gpt".to_owned()],
                ..Fields::default()
            }),
            "`gpt` is not a comparator: write `MODEL[@ENTITY]=SCORE UNIT`"
        );
        assert_eq!(
            error(Fields {
                results: vec!["speed".to_owned()],
                ..Fields::default()
            }),
            "`speed` is not a result: write `MEASURE=VALUE UNIT`"
        );
    }

    #[test]
    fn a_year_toml_cannot_write_is_refused_not_written_as_another() {
        let on = |year: i32| -> Result<String, Error> {
            let day = NaiveDate::from_ymd_opt(year, 4, 30).expect("a day");
            let fields = Fields {
                id: Some("x".to_owned()),
                date: Some(day),
                ..Fields::default()
            };
            snippet(TableKind::Record(RecordKind::Event), &fields)?;
            snippet(
                TableKind::Source,
                &Fields {
                    id: Some("x".to_owned()),
                    published: Some(day),
                    ..Fields::default()
                },
            )
        };
        assert!(on(0).is_ok_and(|t| t.contains("published = 0000-04-30")));
        assert!(on(9999).is_ok_and(|t| t.contains("published = 9999-04-30")));
        for year in [-1, 10_000, 65_536, 65_537] {
            match on(year) {
                Err(Error::Year(day)) => assert_eq!(day.year(), year),
                other => panic!("{year}: expected a refusal, got {other:?}"),
            }
        }
        assert_eq!(
            on(-1).expect_err("refused").to_string(),
            "`-0001-04-30` cannot be written in a ledger: a year runs from 0000 to 9999"
        );
    }
}
