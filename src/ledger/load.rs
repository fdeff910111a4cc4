//! Reading ledger files: TOML text to typed records, every one keeping its place. Problems
//! become diagnostics and loading goes on, so one run reports them all.

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::axis::RawAxis;
use crate::ledger::benchmark::RawBenchmark;
use crate::ledger::budget::RawBudget;
use crate::ledger::deployment::RawDeployment;
use crate::ledger::entity::RawEntity;
use crate::ledger::event::RawEvent;
use crate::ledger::investment::RawInvestment;
use crate::ledger::metric::RawMetric;
use crate::ledger::record::{RawHeader, RecordPlace};
use crate::ledger::release::RawRelease;
use crate::ledger::source::RawSource;
use crate::ledger::target::RawTarget;
use crate::ledger::{Axis, Body, Entity, Record, RecordKind, Source, When};
use crate::source_file::{FileId, Span};

/// Everything read from the ledger's files, before indexing.
#[derive(Debug, Default)]
pub struct LedgerParts {
    /// `[[source]]` tables.
    pub sources: Vec<Source>,
    /// `[[entity]]` tables.
    pub entities: Vec<Entity>,
    /// `[[axis]]` tables.
    pub axes: Vec<Axis>,
    /// Every record, in file order.
    pub records: Vec<Record>,
}

/// Turns raw file bytes into text, reporting bytes that are not UTF-8 and empty files.
/// The text is decoded lossily either way so that excerpts can still be shown.
pub fn decode(file: FileId, bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if text.trim().is_empty() {
                diagnostics.push(
                    Diagnostic::new(Code::EmptyFile, Span::new(file, 0..0), "file is empty")
                        .with_help("add records to it or delete it"),
                );
            }
            (text.to_owned(), true)
        }
        Err(e) => {
            let at = e.valid_up_to();
            diagnostics.push(
                Diagnostic::new(
                    Code::NotUtf8,
                    Span::new(file, at..at + 1),
                    "file is not valid UTF-8",
                )
                .with_help("save the file as UTF-8"),
            );
            (String::from_utf8_lossy(bytes).into_owned(), false)
        }
    }
}

/// Parses one TOML document, reporting a syntax error as a diagnostic.
pub fn parse_document<'a>(
    file: FileId,
    text: &'a str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<DeTable<'a>>> {
    match DeTable::parse(text) {
        Ok(table) => Some(table),
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            diagnostics.push(
                Diagnostic::new(Code::Syntax, Span::new(file, range), toml_message(&e))
                    .with_help("fix the TOML syntax; the rest of this file is not checked until then"),
            );
            None
        }
    }
}

/// The first line of a TOML error message, lowercased at the start, without a final period.
pub fn toml_message(e: &toml::de::Error) -> String {
    let first = e.message().lines().next().unwrap_or("invalid TOML").trim();
    let first = first.trim_end_matches('.');
    let mut chars = first.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "invalid TOML".to_owned(),
    }
}

/// The elements of a top-level `[[key]]` array, each a table; anything else is reported.
pub fn tables<'a>(
    file: FileId,
    key: &str,
    value: Spanned<DeValue<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Spanned<DeValue<'a>>> {
    let span = Span::new(file, value.span());
    match value.into_inner() {
        DeValue::Array(items) => items
            .into_iter()
            .filter(|item| {
                let ok = item.get_ref().is_table();
                if !ok {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::BadField,
                            Span::new(file, item.span()),
                            format!("each `{key}` entry must be a table"),
                        )
                        .with_help(format!("write each entry as a `[[{key}]]` table")),
                    );
                }
                ok
            })
            .collect(),
        _ => {
            diagnostics.push(
                Diagnostic::new(Code::BadField, span, format!("`{key}` must be an array of tables"))
                    .with_help(format!("write each entry as a `[[{key}]]` table")),
            );
            Vec::new()
        }
    }
}

/// Deserializes one table into `T`, turning a serde error into a located diagnostic.
pub fn typed<'a, T: Deserialize<'a>>(
    file: FileId,
    kind: &str,
    table: Spanned<DeValue<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let whole = table.span();
    T::deserialize(table.into_deserializer())
        .map_err(|e| {
            let range = e.span().unwrap_or_else(|| whole.start..whole.start);
            diagnostics.push(
                Diagnostic::new(
                    Code::BadField,
                    Span::new(file, range),
                    format!("in `[[{kind}]]`: {}", toml_message(&e)),
                )
                .with_help(format!("see docs/ledger.md for the keys of `[[{kind}]]`")),
            );
        })
        .ok()
}

/// A TOML date as a calendar date; times and offsets are refused.
pub fn to_date(value: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| format!("`{value}` is not a real date"))
        }
        _ => Err(format!("`{value}` must be a plain date such as `2026-04-30`")),
    }
}

fn span_of<T>(file: FileId, s: &Spanned<T>) -> Span {
    Span::new(file, s.span())
}

/// Reads every top-level array of one parsed ledger file into `parts`.
pub fn read_ledger_file(
    file: FileId,
    document: Spanned<DeTable<'_>>,
    parts: &mut LedgerParts,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (key, value) in document.into_inner() {
        let name = key.get_ref().as_ref();
        match name {
            "source" => {
                for table in tables(file, name, value, diagnostics) {
                    let span = Span::new(file, table.span());
                    if let Some(raw) = typed::<RawSource>(file, name, table, diagnostics) {
                        parts.sources.push(source(file, span, raw, diagnostics));
                    }
                }
            }
            "entity" => {
                for table in tables(file, name, value, diagnostics) {
                    let span = Span::new(file, table.span());
                    if let Some(raw) = typed::<RawEntity>(file, name, table, diagnostics) {
                        parts.entities.push(Entity {
                            id_span: span_of(file, &raw.id),
                            country_span: raw.country.as_ref().map(|c| span_of(file, c)),
                            id: raw.id.into_inner(),
                            name: raw.name,
                            name_ja: raw.name_ja,
                            kind: raw.kind,
                            country: raw.country.map(Spanned::into_inner),
                            span,
                        });
                    }
                }
            }
            "axis" => {
                for table in tables(file, name, value, diagnostics) {
                    let span = Span::new(file, table.span());
                    if let Some(raw) = typed::<RawAxis>(file, name, table, diagnostics) {
                        parts.axes.push(Axis {
                            id_span: span_of(file, &raw.id),
                            id: raw.id.into_inner(),
                            title: raw.title,
                            description: raw.description,
                            span,
                        });
                    }
                }
            }
            _ => match RecordKind::from_key(name) {
                Some(kind) => {
                    for table in tables(file, name, value, diagnostics) {
                        let span = Span::new(file, table.span());
                        if let Some((header, body)) = split(file, kind, table, diagnostics) {
                            if let Some(record) = record(file, span, header, body, diagnostics) {
                                parts.records.push(record);
                            }
                        }
                    }
                }
                None => diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownKind,
                        span_of(file, &key),
                        format!("unknown record kind `{name}`"),
                    )
                    .with_help(format!(
                        "the kinds are `source`, `entity`, `axis`, {}",
                        RecordKind::ALL
                            .iter()
                            .map(|k| format!("`{}`", k.key()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                ),
            },
        }
    }
}

fn split(
    file: FileId,
    kind: RecordKind,
    table: Spanned<DeValue<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(RawHeader, Body)> {
    let key = kind.key();
    match kind {
        RecordKind::Event => typed::<RawEvent>(file, key, table, diagnostics).map(RawEvent::split),
        RecordKind::Budget => {
            typed::<RawBudget>(file, key, table, diagnostics).map(RawBudget::split)
        }
        RecordKind::Investment => {
            typed::<RawInvestment>(file, key, table, diagnostics).map(RawInvestment::split)
        }
        RecordKind::Metric => {
            typed::<RawMetric>(file, key, table, diagnostics).map(RawMetric::split)
        }
        RecordKind::Benchmark => {
            typed::<RawBenchmark>(file, key, table, diagnostics).map(RawBenchmark::split)
        }
        RecordKind::Release => {
            typed::<RawRelease>(file, key, table, diagnostics).map(RawRelease::split)
        }
        RecordKind::Deployment => {
            typed::<RawDeployment>(file, key, table, diagnostics).map(RawDeployment::split)
        }
        RecordKind::Target => {
            typed::<RawTarget>(file, key, table, diagnostics).map(RawTarget::split)
        }
    }
}

fn source(file: FileId, span: Span, raw: RawSource, diagnostics: &mut Vec<Diagnostic>) -> Source {
    let published = raw.published.as_ref().and_then(|p| {
        to_date(p.get_ref())
            .map_err(|message| {
                diagnostics.push(Diagnostic::new(Code::BadDate, span_of(file, p), message));
            })
            .ok()
    });
    Source {
        id_span: span_of(file, &raw.id),
        url_span: span_of(file, &raw.url),
        id: raw.id.into_inner(),
        url: raw.url.into_inner(),
        publisher: raw.publisher,
        title: raw.title,
        title_ja: raw.title_ja,
        kind: raw.kind,
        published,
        footnotes: raw.footnotes,
        note: raw.note,
        span,
    }
}

/// Checks the shared keys of a record and assembles it; `None` (with diagnostics) when its
/// date cannot be understood, since a record without a date cannot be graded.
fn record(
    file: FileId,
    table: Span,
    header: RawHeader,
    body: Body,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Record> {
    let id_span = span_of(file, &header.id);
    let given: Vec<(&str, Span)> = [
        header.date.as_ref().map(|d| ("date", span_of(file, d))),
        header.period.as_ref().map(|p| ("period", span_of(file, p))),
        header.fiscal_year.as_ref().map(|f| ("fiscal_year", span_of(file, f))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let (when, when_span) = match given.as_slice() {
        [] => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadDate,
                    id_span,
                    format!("record `{}` has no date", header.id.get_ref()),
                )
                .with_help("give exactly one of `date`, `period` or `fiscal_year`"),
            );
            return None;
        }
        [(_, span)] => {
            let parsed = if let Some(date) = &header.date {
                to_date(date.get_ref()).map(When::Date)
            } else if let Some(period) = &header.period {
                When::parse_period(period.get_ref())
            } else if let Some(year) = &header.fiscal_year {
                When::fiscal_year(*year.get_ref())
            } else {
                Err("no date".to_owned())
            };
            match parsed {
                Ok(when) => (when, *span),
                Err(message) => {
                    diagnostics.push(Diagnostic::new(Code::BadDate, *span, message));
                    return None;
                }
            }
        }
        [(first, _), (second, span), ..] => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadDate,
                    *span,
                    format!("record `{}` has both `{first}` and `{second}`", header.id.get_ref()),
                )
                .with_help("give exactly one of `date`, `period` or `fiscal_year`"),
            );
            return None;
        }
    };
    let place = RecordPlace {
        table,
        id: id_span,
        when: when_span,
        entity: span_of(file, &header.entity),
        axes: header.axes.iter().map(|a| span_of(file, a)).collect(),
        sources: header.sources.iter().map(|s| span_of(file, s)).collect(),
    };
    Some(Record {
        id: header.id.into_inner(),
        when,
        entity: header.entity.into_inner(),
        axes: header.axes.into_iter().map(Spanned::into_inner).collect(),
        sources: header.sources.into_iter().map(Spanned::into_inner).collect(),
        title: header.title,
        title_ja: header.title_ja,
        note: header.note,
        self_reported: header.self_reported,
        body,
        place,
    })
}
