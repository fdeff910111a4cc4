//! Reading ledger files: TOML text to typed records, every one keeping its place. Problems
//! become diagnostics and loading goes on, so one run reports them all.
//!
//! Three layers each keep going after a problem:
//! - bytes: text that is not UTF-8 is reported and read with the bad bytes replaced;
//! - syntax: a syntax error skips the top-level table it is in (from its `[[kind]]` header
//!   to the next one) and the rest of the file is read; an impossible date such as
//!   `2026-02-30`, which TOML itself refuses, is reported as a date problem instead;
//! - fields: an unknown key is reported and ignored; a wrong type or a missing key is
//!   reported and the table is left out, after every other key of it has been looked at.
//!
//! Values that can be judged on their own (a real date, a percentage within 0–100) are
//! checked here, where their exact place is known; what needs the whole ledger is left to
//! [`crate::check`].

mod batches;
mod dates;
mod decode;
mod excerpt;
mod fields;
mod quantities;
mod strings;
mod syntax;
mod toml10;

use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, closest, quoted_list};
use crate::ledger::axis::RawAxis;
use crate::ledger::benchmark::RawBenchmark;
use crate::ledger::budget::RawBudget;
use crate::ledger::deployment::RawDeployment;
use crate::ledger::entity::RawEntity;
use crate::ledger::event::RawEvent;
use crate::ledger::investment::RawInvestment;
use crate::ledger::metric::RawMetric;
use crate::ledger::record::{RawHeader, RawRecord, RecordPlace};
use crate::ledger::release::RawRelease;
use crate::ledger::source::RawSource;
use crate::ledger::target::RawTarget;
use crate::ledger::{
    Axis, Body, Entity, Record, RecordKind, Source, TableKind, UnreadRecord, When,
};
use crate::source_file::{FileId, Origin, Span};

pub(crate) use batches::LedgerText;
pub(crate) use dates::{PERIOD_HELP, date_diagnostic, date_problem, period_problem, to_date};
pub(crate) use decode::decode;
pub(crate) use fields::{Subject, tables, typed};
pub(crate) use strings::strings;
pub(crate) use syntax::parse_document;

use excerpt::truncate;
use fields::typed_or_back;
use quantities::quantities;

/// Everything read from the ledger's files, before indexing.
#[derive(Debug, Clone, Default)]
pub struct LedgerParts {
    /// `[[source]]` tables.
    pub sources: Vec<Source>,
    /// `[[entity]]` tables.
    pub entities: Vec<Entity>,
    /// `[[axis]]` tables.
    pub axes: Vec<Axis>,
    /// Every record, in file order; shared, as in [`crate::ledger::Ledger::records`].
    pub records: Vec<Arc<Record>>,
    /// Records left out for problems already reported.
    pub unread: Vec<UnreadRecord>,
}

/// How many of each kind of table [`LedgerParts`] held at some moment.
#[derive(Debug, Clone, Copy)]
struct Lengths {
    sources: usize,
    entities: usize,
    axes: usize,
    records: usize,
    unread: usize,
}

impl LedgerParts {
    fn lengths(&self) -> Lengths {
        Lengths {
            sources: self.sources.len(),
            entities: self.entities.len(),
            axes: self.axes.len(),
            records: self.records.len(),
            unread: self.unread.len(),
        }
    }

    /// Adds what was read from a later file.
    pub fn append(&mut self, later: LedgerParts) {
        // Every list by name, so that a new one cannot be forgotten here.
        let LedgerParts {
            sources,
            entities,
            axes,
            records,
            unread,
        } = later;
        self.sources.extend(sources);
        self.entities.extend(entities);
        self.axes.extend(axes);
        self.records.extend(records);
        self.unread.extend(unread);
    }

    /// Puts what was read from one file since `before` in the order it is written. TOML
    /// hands over a document's arrays by name, so `[[release]]` and `[[benchmark]]` tables
    /// that alternate in a file arrive grouped by kind.
    fn sort_since(&mut self, before: Lengths) {
        fn by_place<T>(items: &mut [T], start: impl Fn(&T) -> usize) {
            if !items.is_sorted_by_key(&start) {
                items.sort_unstable_by_key(start);
            }
        }
        by_place(&mut self.sources[before.sources..], |s| s.span.start());
        by_place(&mut self.entities[before.entities..], |e| e.span.start());
        by_place(&mut self.axes[before.axes..], |a| a.span.start());
        by_place(&mut self.records[before.records..], |r| {
            r.place.table().start()
        });
        by_place(&mut self.unread[before.unread..], |u| u.table.start());
    }
}

fn span_of<T>(origin: Origin, s: &Spanned<T>) -> Span {
    origin.span(s.span())
}

/// How much text is parsed at once when a ledger file is read a piece at a time. TOML's
/// parser holds a list of tokens and a tree many times the size of the text it is given;
/// pieces keep that bounded however large a file grows. Small enough that it stays in a
/// core's own cache, which matters more than the work each piece adds: `check` at 100,000
/// and at a million records took about a fifth less time with pieces of 16 KiB than of
/// 256 KiB (`benches/end_to_end.sh`), and little less again with smaller ones.
const PIECE: usize = 16 * 1024;

/// How much text one batch of pieces holds: the pieces of every file are read a batch at a
/// time on whichever core is free (see `batches`). A mebibyte is some 3,500 records of the
/// generated ledger, about 20 ms of one core's parsing: the last batch drawn keeps the
/// other cores waiting no longer than that, and 100,000 records make some thirty batches,
/// each with lists of its own to put back together afterwards.
const BATCH: usize = 64 * PIECE;

/// Reads ledger files, on every core: what each holds, and what reading it found, in the
/// order given. A file made only of `[[kind]]` tables is parsed a piece of whole tables at
/// a time (see `pieces`), pieces of every file shared out among the cores in batches (see
/// `batches`); anything else, and any file where a piece does not parse, is parsed as a
/// whole, with recovery from syntax errors. A text given to own is let go as soon as it is
/// read.
pub(crate) fn read_ledger_texts(
    texts: Vec<(FileId, LedgerText<'_>)>,
) -> Vec<(LedgerParts, Vec<Diagnostic>)> {
    batches::read_all(texts, PIECE, BATCH)
}

/// Reads the text appended to a ledger file that was read without a problem: `text` is the
/// file's whole new text, of which the first `before` bytes were read already, into
/// `parts`. Only the appended part is parsed. `false`, with nothing read or reported, when
/// that could read differently from parsing the whole text again: when the file before was
/// not made only of `[[kind]]` tables (see `pieces`), or the appended part does not parse
/// on its own as such tables.
pub(crate) fn read_appended(
    file: FileId,
    text: &str,
    before: usize,
    parts: &mut LedgerParts,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let (Some(old), Some(new)) = (text.get(..before), text.get(before..)) else {
        return false;
    };
    if pieces(old, usize::MAX).is_none() || pieces(new, usize::MAX).is_none() {
        return false;
    }
    let origin = Origin {
        file,
        offset: before,
    };
    let start = parts.lengths();
    let read = read_piece(origin, new, parts, diagnostics);
    parts.sort_since(start);
    read
}

/// Reads a piece of a ledger file that starts at `origin` into `parts`, if it parses on its
/// own as arrays of `[[kind]]` tables; `false`, with nothing read or reported, if not.
fn read_piece(
    origin: Origin,
    piece: &str,
    parts: &mut LedgerParts,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    match DeTable::parse(piece) {
        Ok(document) if only_arrays(&document) => {
            // A piece that parses alone starts and ends outside any string, array or table,
            // so it is scanned for TOML 1.1 syntax as the whole file would be.
            toml10::check(origin, piece, diagnostics);
            read_tables(origin, document, parts, diagnostics);
            true
        }
        _ => false,
    }
}

/// Where to cut a ledger file into pieces of about `piece` bytes, each starting at a
/// `[[kind]]` header line, such that parsing the pieces one by one reads the same tables as
/// parsing the file whole; `None` when that cannot be promised from the lines alone.
///
/// It can be promised when there is nothing but comments before the first table and every
/// header is either `[[kind]]` of a known kind or a sub-table of the `[[kind]]` above it
/// (`[kind.part]`): then every top-level key of a piece is an array of tables, and the
/// arrays of successive pieces join as they would in one parse. (An unknown kind is read
/// whole, so that it is reported once, not once a piece.) A line that only looks like a
/// header, inside a multi-line string or array, cannot make the pieces read differently: a
/// cut there leaves the piece before it with an unclosed string or array, which does not
/// parse; a sub-table taken for part of such a header's table reads, in its piece, as a
/// plain table, which [`only_arrays`] refuses. Either way the file is then parsed whole.
fn pieces(text: &str, piece: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let mut starts = vec![0];
    let mut kind: Option<&str> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        // A byte-order mark can only open the file, which stays in the first piece.
        let line = line.trim_start_matches('\u{FEFF}').trim();
        if !line.starts_with('[') {
            if kind.is_none() && !line.is_empty() && !line.starts_with('#') {
                return None;
            }
            continue;
        }
        let (array, keys) = header_keys(line)?;
        match keys.as_slice() {
            [name] if array && TableKind::from_key(name).is_some() => {
                kind = Some(name);
                if at - starts.last().copied().unwrap_or(0) >= piece {
                    starts.push(at);
                }
            }
            [name, _, ..] if kind == Some(*name) => {}
            _ => return None,
        }
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    Some(starts.iter().zip(ends).map(|(&s, e)| s..e).collect())
}

/// Whether every top-level key of a parsed piece holds an array, as `[[kind]]` tables make.
fn only_arrays(document: &Spanned<DeTable<'_>>) -> bool {
    document
        .get_ref()
        .values()
        .all(|value| matches!(value.get_ref(), DeValue::Array(_)))
}

/// A table header line's bare keys, and whether it is an array header (`[[...]]`); `None`
/// for anything else, such as a quoted key.
fn header_keys(line: &str) -> Option<(bool, Vec<&str>)> {
    let line = match line.split_once('#') {
        Some((head, _)) => head.trim_end(),
        None => line,
    };
    let (array, inner) = match line.strip_prefix("[[") {
        Some(rest) => (true, rest.strip_suffix("]]")?),
        None => (false, line.strip_prefix('[')?.strip_suffix(']')?),
    };
    let keys: Vec<&str> = inner.split('.').map(str::trim).collect();
    let bare = |k: &&str| {
        !k.is_empty()
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    keys.iter().all(bare).then_some((array, keys))
}

/// Reads every top-level array of one parsed ledger document (a file, or a piece of one)
/// into `parts`.
fn read_tables(
    origin: Origin,
    document: Spanned<DeTable<'_>>,
    parts: &mut LedgerParts,
    diagnostics: &mut Vec<Diagnostic>,
) {
    const DOCS: &str = "docs/ledger.md";
    for (key, value) in document.into_inner() {
        let name = key.get_ref().as_ref();
        match TableKind::from_key(name) {
            Some(TableKind::Source) => {
                for table in tables(origin, name, value, diagnostics) {
                    let span = origin.span(table.span());
                    let subject = Subject::of("source", "[[source]]", DOCS, table.get_ref());
                    strings(origin, &subject, &table, &[], diagnostics);
                    if let Some(raw) = typed::<RawSource>(origin, &subject, table, diagnostics) {
                        parts.sources.push(source(origin, span, raw, diagnostics));
                    }
                }
            }
            Some(TableKind::Entity) => {
                for table in tables(origin, name, value, diagnostics) {
                    let span = origin.span(table.span());
                    let subject = Subject::of("entity", "[[entity]]", DOCS, table.get_ref());
                    strings(origin, &subject, &table, &[], diagnostics);
                    if let Some(raw) = typed::<RawEntity>(origin, &subject, table, diagnostics) {
                        parts.entities.push(Entity {
                            id_span: span_of(origin, &raw.id),
                            country_span: raw.country.as_ref().map(|c| span_of(origin, c)),
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
            Some(TableKind::Axis) => {
                for table in tables(origin, name, value, diagnostics) {
                    let span = origin.span(table.span());
                    let subject = Subject::of("axis", "[[axis]]", DOCS, table.get_ref());
                    strings(origin, &subject, &table, &[], diagnostics);
                    if let Some(raw) = typed::<RawAxis>(origin, &subject, table, diagnostics) {
                        parts.axes.push(Axis {
                            id_span: span_of(origin, &raw.id),
                            id: raw.id.into_inner(),
                            title: raw.title,
                            description: raw.description,
                            span,
                        });
                    }
                }
            }
            Some(TableKind::Record(kind)) => {
                for table in tables(origin, name, value, diagnostics) {
                    let span = origin.span(table.span());
                    let subject = Subject::of(kind.key(), header(kind), DOCS, table.get_ref());
                    strings(origin, &subject, &table, &[], diagnostics);
                    quantities(origin, &subject, &table, &mut Vec::new(), diagnostics);
                    match split(origin, kind, &subject, table, diagnostics) {
                        Ok((header, body)) => {
                            match record(origin, span, header, body, diagnostics) {
                                Ok(record) => parts.records.push(Arc::new(record)),
                                Err(unread) => parts.unread.push(unread),
                            }
                        }
                        Err(table) => {
                            // Reported with the table's other missing keys, all at once.
                            if let Some(no_date) = undated(origin, &subject, &table) {
                                diagnostics.push(no_date);
                            }
                            parts.unread.push(unread(&table, span));
                        }
                    }
                }
            }
            None => {
                let kinds: Vec<&str> = TableKind::ALL.iter().map(|k| k.key()).collect();
                let help = match closest(name, kinds.iter().copied()) {
                    Some(near) => format!(
                        "did you mean `{near}`? the kinds are {}",
                        quoted_list(kinds.iter().copied())
                    ),
                    None => format!("the kinds are {}", quoted_list(kinds.iter().copied())),
                };
                let shown = truncate(name, 60);
                let diagnostic = if value.get_ref().is_table() || value.get_ref().is_array() {
                    Diagnostic::new(
                        Code::UnknownKind,
                        span_of(origin, &key),
                        format!("unknown record kind `{shown}`"),
                    )
                    .with_help(help)
                } else {
                    // `key = value` before any table: perhaps a claim in the ledger folder.
                    Diagnostic::new(
                        Code::UnknownKind,
                        span_of(origin, &key),
                        format!("`{shown}` is a key outside any table"),
                    )
                    .with_help("a ledger file holds only `[[kind]]` tables; claims go in `claims/`")
                };
                diagnostics.push(diagnostic);
            }
        }
    }
}

/// `[[event]]` for `event`, as a static string for [`Subject`].
fn header(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Event => "[[event]]",
        RecordKind::Budget => "[[budget]]",
        RecordKind::Investment => "[[investment]]",
        RecordKind::Metric => "[[metric]]",
        RecordKind::Benchmark => "[[benchmark]]",
        RecordKind::Release => "[[release]]",
        RecordKind::Deployment => "[[deployment]]",
        RecordKind::Target => "[[target]]",
    }
}

fn split<'a>(
    origin: Origin,
    kind: RecordKind,
    subject: &Subject,
    table: Spanned<DeValue<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(RawHeader, Body), Spanned<DeValue<'a>>> {
    /// Reads a table as the raw record `R`, then splits it.
    fn read<'a, R: RawRecord>(
        origin: Origin,
        subject: &Subject,
        table: Spanned<DeValue<'a>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<(RawHeader, Body), Spanned<DeValue<'a>>> {
        typed_or_back::<R>(origin, subject, table, diagnostics).map(R::split)
    }
    let read = match kind {
        RecordKind::Event => read::<RawEvent>,
        RecordKind::Budget => read::<RawBudget>,
        RecordKind::Investment => read::<RawInvestment>,
        RecordKind::Metric => read::<RawMetric>,
        RecordKind::Benchmark => read::<RawBenchmark>,
        RecordKind::Release => read::<RawRelease>,
        RecordKind::Deployment => read::<RawDeployment>,
        RecordKind::Target => read::<RawTarget>,
    };
    read(origin, subject, table, diagnostics)
}

fn source(origin: Origin, span: Span, raw: RawSource, diagnostics: &mut Vec<Diagnostic>) -> Source {
    let published = raw.published.as_ref().and_then(|p| {
        to_date(p.get_ref())
            .map_err(|message| {
                diagnostics.push(date_diagnostic(
                    span_of(origin, p),
                    format!("source `{}`: `published` {message}", raw.id.get_ref()),
                ));
            })
            .ok()
    });
    Source {
        id_span: span_of(origin, &raw.id),
        url_span: span_of(origin, &raw.url),
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
    origin: Origin,
    table: Span,
    header: RawHeader,
    body: Body,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Record, UnreadRecord> {
    let id_span = span_of(origin, &header.id);
    let id = header.id.get_ref();
    let kind = body.kind().key();
    let given: Vec<(&str, Span)> = [
        header.date.as_ref().map(|d| ("date", span_of(origin, d))),
        header
            .period
            .as_ref()
            .map(|p| ("period", span_of(origin, p))),
        header
            .fiscal_year
            .as_ref()
            .map(|f| ("fiscal_year", span_of(origin, f))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let (when, when_span) = match given.as_slice() {
        [] => {
            diagnostics.push(
                Diagnostic::new(
                    Code::MissingField,
                    id_span,
                    format!("{kind} `{id}` has no date"),
                )
                .with_help("give exactly one of `date`, `period` or `fiscal_year`"),
            );
            return Err(left_out(header, table));
        }
        [(_, span)] => {
            let parsed = if let Some(date) = &header.date {
                to_date(date.get_ref())
                    .map(When::Date)
                    .map_err(|m| date_diagnostic(*span, format!("{kind} `{id}`: {m}")))
            } else if let Some(period) = &header.period {
                When::parse_period(period.get_ref()).map_err(|m| {
                    Diagnostic::new(
                        Code::BadDate,
                        *span,
                        format!("{kind} `{id}`: {}", period_problem(period.get_ref(), m)),
                    )
                    .with_help(PERIOD_HELP)
                })
            } else if let Some(year) = &header.fiscal_year {
                When::fiscal_year(*year.get_ref()).map_err(|m| {
                    Diagnostic::new(Code::BadDate, *span, format!("{kind} `{id}`: {m}"))
                        .with_help("write the year the fiscal year starts in, e.g. `fiscal_year = 2026` for April 2026 to March 2027")
                })
            } else {
                return Err(left_out(header, table));
            };
            match parsed {
                Ok(when) => (when, *span),
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    return Err(left_out(header, table));
                }
            }
        }
        [(first, _), (second, span), ..] => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadDate,
                    *span,
                    format!("{kind} `{id}` has both `{first}` and `{second}`"),
                )
                .with_help("give exactly one of `date`, `period` or `fiscal_year`"),
            );
            return Err(left_out(header, table));
        }
    };
    let place = RecordPlace::new(
        origin,
        table,
        id_span,
        when_span,
        span_of(origin, &header.entity),
    );
    Ok(Record::new(header, when, body, place))
}

/// What is left of a record whose shared keys were read but which is left out.
fn left_out(header: RawHeader, table: Span) -> UnreadRecord {
    UnreadRecord {
        id: Some(header.id.into_inner()),
        sources: header
            .sources
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        table,
    }
}

/// The "has no date" that [`record`] reports, for a record table left out before it got
/// there: `None` when the table has a `date`, `period` or `fiscal_year`.
fn undated(origin: Origin, subject: &Subject, table: &Spanned<DeValue<'_>>) -> Option<Diagnostic> {
    let DeValue::Table(fields) = table.get_ref() else {
        return None;
    };
    if ["date", "period", "fiscal_year"]
        .iter()
        .any(|key| fields.contains_key(*key))
    {
        return None;
    }
    let at = fields.get("id").map_or(table.span(), Spanned::span);
    Some(
        Diagnostic::new(
            Code::MissingField,
            origin.span(at),
            format!("{subject} has no date"),
        )
        .with_help("give exactly one of `date`, `period` or `fiscal_year`"),
    )
}

/// What can still be read of a record table that is left out: its id and the sources it
/// cites, where they are strings.
fn unread(table: &Spanned<DeValue<'_>>, span: Span) -> UnreadRecord {
    let text = |value: &Spanned<DeValue<'_>>| match value.get_ref() {
        DeValue::String(s) if !s.is_empty() => Some(s.to_string()),
        _ => None,
    };
    let DeValue::Table(fields) = table.get_ref() else {
        return UnreadRecord {
            id: None,
            sources: Vec::new(),
            table: span,
        };
    };
    let sources = match fields.get("sources").map(Spanned::get_ref) {
        Some(DeValue::Array(items)) => items.iter().filter_map(text).collect(),
        _ => Vec::new(),
    };
    UnreadRecord {
        id: fields.get("id").and_then(text),
        sources,
        table: span,
    }
}

#[cfg(test)]
/// What the tests of every part of loading share: a one-record ledger and ways to read one.
mod fixtures {
    use super::*;

    pub(super) fn load(text: &str) -> (LedgerParts, Vec<Diagnostic>) {
        let read = read_ledger_texts(vec![(FileId(0), LedgerText::Held(text))]);
        read.into_iter().next().unwrap_or_default()
    }

    pub(super) fn codes(diagnostics: &[Diagnostic]) -> Vec<(Code, usize)> {
        diagnostics
            .iter()
            .map(|d| (d.code, d.span.map_or(usize::MAX, |s| s.start())))
            .collect()
    }

    pub(super) fn messages(diagnostics: &[Diagnostic]) -> Vec<(Code, &str)> {
        diagnostics
            .iter()
            .map(|d| (d.code, d.message.as_str()))
            .collect()
    }

    pub(super) const METRIC: &str = "[[metric]]\nid = \"m\"\nperiod = \"2024\"\nentity = \"JP\"\nsources = [\"s\"]\ntitle = \"t\"\nmetric = \"x\"\nvalue = { value = 1, unit = \"%\" }\n";
}

#[cfg(test)]
mod tests {
    use super::fixtures::{METRIC, codes, load};
    use super::*;

    /// What one parse of the whole text reads, for comparing with reading it in pieces.
    fn load_whole(text: &str) -> (LedgerParts, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut parts = LedgerParts::default();
        if let Some(document) = parse_document(FileId(0), text, &mut diagnostics) {
            read_tables(
                Origin::file(FileId(0)),
                document,
                &mut parts,
                &mut diagnostics,
            );
        }
        parts.sort_since(LedgerParts::default().lengths());
        crate::workspace::sort(&mut diagnostics);
        (parts, diagnostics)
    }

    /// A file of more than three pieces: sources and metrics alternating, some metrics with
    /// their value as a sub-table, comments between tables.
    fn large_file() -> String {
        let mut text = String::from("# a large file\n\n");
        let mut i = 0;
        while text.len() < 3 * PIECE + PIECE / 2 {
            text.push_str(&format!(
                "[[source]]\nid = \"s{i}\"\nurl = \"https://example.org/{i}\"\npublisher = \"P\"\ntitle = \"出典 {i}\"\nkind = \"law\"\n\n"
            ));
            let metric = METRIC
                .replace("\"m\"", &format!("\"m{i}\""))
                .replace("[\"s\"]", &format!("[\"s{i}\"]"));
            if i % 2 == 0 {
                text.push_str(&metric);
            } else {
                let split = metric.replace(
                    "value = { value = 1, unit = \"%\" }\n",
                    "# as a sub-table\n[metric.value]\nvalue = 2\nunit = \"%\"\n",
                );
                text.push_str(&split);
            }
            text.push('\n');
            i += 1;
        }
        text
    }

    #[test]
    fn a_large_file_read_in_pieces_reads_as_one_parse_would() {
        let text = large_file();
        let cuts = pieces(&text, PIECE).unwrap_or_default();
        assert!(cuts.len() > 3, "{} pieces", cuts.len());
        assert!(
            cuts.iter()
                .skip(1)
                .all(|r| text[r.clone()].starts_with("[["))
        );
        assert_eq!(cuts.last().map(|r| r.end), Some(text.len()));

        let (parts, diagnostics) = load(&text);
        let (whole, whole_diagnostics) = load_whole(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(whole_diagnostics.is_empty(), "{whole_diagnostics:?}");
        assert_eq!(parts.records.len(), whole.records.len());
        // Records compare with their places; the places of a kind's own values are left out
        // of TOML's equality, so the loop below checks those.
        assert!(parts.records == whole.records);
        assert!(parts.sources == whole.sources);
        let last = parts
            .records
            .last()
            .map(|r| (r.id().to_string(), r.place.id().start()));
        let id = last.as_ref().map(|(id, _)| id.as_str()).unwrap_or_default();
        assert_eq!(
            last.as_ref().map(|(_, at)| *at),
            text.rfind(&format!("\"{id}\"")),
            "the last record's id is found where the file has it"
        );
        assert!(
            parts
                .records
                .windows(2)
                .all(|w| w[0].place.table().start() < w[1].place.table().start()),
            "records are in file order"
        );
        // A kind's own values keep TOML's places, which count from the start of a piece.
        for r in parts.records.iter().chain(&whole.records) {
            let Body::Metric(m) = &r.body else { continue };
            let at = r.place.locate(&m.metric);
            assert_eq!(&text[at.start()..at.end()], "\"x\"", "{}", r.id());
        }
        // The same behind a byte-order mark.
        let marked = format!("\u{FEFF}{text}");
        let (parts, diagnostics) = load(&marked);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(parts.records == load_whole(&marked).0.records);
    }

    #[test]
    fn problems_in_a_late_piece_are_placed_in_the_file() {
        let mut text = large_file();
        let late = METRIC
            .replace("\"m\"", "\"late\"")
            .replace("title", "titel");
        let typo_at = text.len() + late.find("titel").unwrap_or(0);
        text.push_str(&late);
        let (parts, mut diagnostics) = load(&text);
        crate::workspace::sort(&mut diagnostics);
        assert_eq!(load_whole(&text).1, diagnostics);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let span = diagnostics[0].span.unwrap_or(Span::new(FileId(0), 0..0));
        assert_eq!(&text[span.start()..span.end()], "titel");
        assert_eq!(span.start(), typo_at);
        // The near miss is read as `title`, so the record is kept.
        assert!(parts.records.iter().any(|r| r.id() == "late"));
    }

    #[test]
    fn a_syntax_error_in_a_late_piece_reads_the_file_whole() {
        let mut text = large_file();
        text.push_str("[[metric]]\nid = \"broken\ntitle = \"t\"\n");
        text.push_str(&METRIC.replace("\"m\"", "\"after\""));
        let (parts, diagnostics) = load(&text);
        let (whole, whole_diagnostics) = load_whole(&text);
        assert_eq!(codes(&diagnostics), codes(&whole_diagnostics));
        assert_eq!(codes(&diagnostics).first().map(|c| c.0), Some(Code::Syntax));
        // Nothing read from the pieces before the error is kept twice.
        assert_eq!(parts.records.len(), whole.records.len());
        assert!(parts.records.iter().any(|r| r.id() == "after"));
        assert!(parts.records == whole.records);
    }

    #[test]
    fn a_header_inside_a_multi_line_string_is_not_a_place_to_cut() {
        let mut text = format!("{METRIC}note = \"\"\"\n");
        while text.len() < PIECE + 10 {
            text.push_str("a line of a long note\n");
        }
        text.push_str("[[metric]]\nthis is still the note\n\"\"\"\n");
        text.push_str(&METRIC.replace("\"m\"", "\"next\""));
        assert_eq!(
            pieces(&text, PIECE).map(|p| p.len()),
            Some(2),
            "a cut is tried there"
        );
        let (parts, diagnostics) = load(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let ids: Vec<&str> = parts.records.iter().map(|r| r.id()).collect();
        assert_eq!(ids, ["m", "next"]);
        assert!(
            parts.records[0]
                .note()
                .is_some_and(|n| n.contains("[[metric]]\nthis is still the note"))
        );
    }

    #[test]
    fn only_files_of_kind_tables_are_cut() {
        let big = "# padding\n".repeat(PIECE / 8);
        let cut = |text: &str| pieces(text, PIECE).map(|p| p.len());
        assert_eq!(cut(&format!("{big}{METRIC}{METRIC}")), Some(2));
        assert_eq!(cut(&format!("{METRIC}{big}{METRIC}")), Some(2));
        // A sub-table of the kind above is part of it.
        assert_eq!(
            cut(&format!("{METRIC}[metric.value]\n{big}{METRIC}")),
            Some(2)
        );
        // A plain table, a sub-table of another kind, a quoted key, or a key before the
        // first table: pieces might read differently from the whole.
        assert_eq!(cut(&format!("{METRIC}[vocabulary]\n{big}{METRIC}")), None);
        assert_eq!(cut(&format!("{METRIC}[event.x]\n{big}{METRIC}")), None);
        assert_eq!(cut(&format!("{METRIC}[[\"metric\"]]\n{big}{METRIC}")), None);
        assert_eq!(cut(&format!("x = 1\n{METRIC}{big}{METRIC}")), None);
        // A byte-order mark opens the first piece as it opens the file.
        assert_eq!(cut(&format!("\u{FEFF}{METRIC}{big}{METRIC}")), Some(2));
        // An unknown kind is read whole, to be reported once.
        let typo = METRIC.replace("[[metric]]", "[[metrc]]");
        assert_eq!(cut(&format!("{typo}{big}{typo}")), None);
    }

    /// Reads `text` in pieces of about `piece` bytes, with sorted diagnostics.
    fn read_with(text: &str, piece: usize) -> (LedgerParts, Vec<Diagnostic>) {
        let mut parts = LedgerParts::default();
        let mut diagnostics = Vec::new();
        let read = batches::read_all(
            vec![(FileId(0), LedgerText::Held(text))],
            piece,
            piece.saturating_mul(3),
        );
        for (more, found) in read {
            parts.append(more);
            diagnostics.extend(found);
        }
        crate::workspace::sort(&mut diagnostics);
        (parts, diagnostics)
    }

    #[test]
    fn small_pieces_read_as_one_parse_reads_even_damaged_files() {
        // Every kind in one file, then hundreds of damaged copies: lines deleted, repeated
        // and swapped, header-like lines and string delimiters put in, characters changed.
        // (The generated vocabulary, hundreds of entities, is left for a few tables.)
        let vocabulary = "[[axis]]\nid = \"policy\"\ntitle = \"Policy\"\n\n\
                          [[entity]]\nid = \"JP\"\nname = \"Japan\"\nkind = \"country\"\n\n";
        let text: String = (crate::synthetic::generate(50, 7).iter())
            .filter(|f| f.path.starts_with("evidence/") && !f.path.contains("vocabulary"))
            .map(|f| f.text.as_str())
            .fold(vocabulary.to_owned(), |text, file| text + file);
        const TRICKY: &[&str] = &[
            "[[metric]]",
            "[metric.value]",
            "[[metric.extra]]",
            "[event]",
            "[[ event ]]",
            "[[evnt]]",
            "[[source]] # c",
            "\"\"\"",
            "'''",
            "note = \"\"\"",
            "x = 1",
            "# [[event]]",
            "\u{FEFF}",
            "[[\"event\"]]",
            "]]",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut below = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        let mut cut = 0;
        for round in 0..200 {
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            for _ in 0..=below(3) {
                let at = below(lines.len());
                match below(7) {
                    0 => {
                        lines.remove(at);
                    }
                    1 => {
                        let copy = lines[at].clone();
                        lines.insert(at, copy);
                    }
                    2 => {
                        let other = below(lines.len());
                        lines.swap(at, other);
                    }
                    3 => lines.insert(at, TRICKY[below(TRICKY.len())].to_owned()),
                    // A kind misspelt throughout.
                    4 => {
                        for line in lines.iter_mut().filter(|l| *l == "[[event]]") {
                            *line = "[[evnt]]".to_owned();
                        }
                    }
                    // A string holding a header-like line, then a sub-table of that kind.
                    5 => {
                        let block = ["note = \"\"\"", "[[metric]]", "\"\"\"", "[metric.value]"];
                        for (i, line) in block.into_iter().enumerate() {
                            lines.insert(at + i, line.to_owned());
                        }
                    }
                    _ => {
                        let line = &mut lines[at];
                        if let Some((i, _)) = line.char_indices().nth(below(line.chars().count()))
                            && line.is_char_boundary(i + 1)
                        {
                            let c = char::from(b' ' + below(95) as u8);
                            line.replace_range(i..i + 1, &c.to_string());
                        }
                    }
                }
            }
            let damaged = lines.join("\n") + "\n";
            if pieces(&damaged, 600).is_some_and(|p| p.len() > 1) {
                cut += 1;
            }
            let (parts, diagnostics) = read_with(&damaged, 600);
            let (whole, whole_diagnostics) = read_with(&damaged, usize::MAX);
            assert_eq!(diagnostics, whole_diagnostics, "round {round}:\n{damaged}");
            assert!(parts.records == whole.records, "round {round}:\n{damaged}");
            assert!(parts.unread == whole.unread, "round {round}");
            assert!(parts.sources == whole.sources, "round {round}");
            assert!(parts.entities == whole.entities, "round {round}");
            assert!(parts.axes == whole.axes, "round {round}");
        }
        // Most copies are still cut, so the comparison is of two different readings.
        assert!(cut > 100, "only {cut} of 200 were read in pieces");
    }

    #[test]
    fn what_can_be_read_of_a_record_left_out_is_kept() {
        let wrong_type = METRIC.replace("period = \"2024\"", "period = 2024");
        let bad_date = METRIC
            .replace("\"m\"", "\"n\"")
            .replace("\"2024\"", "\"2024-13\"");
        let no_id = METRIC
            .replace("id = \"m\"\n", "")
            .replace("[\"s\"]", "[\"t\", 3]");
        let (parts, diagnostics) = load(&format!("{wrong_type}{bad_date}{no_id}"));
        assert!(parts.records.is_empty());
        let found: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            found,
            [
                Code::WrongType,
                Code::BadDate,
                Code::WrongType,
                Code::MissingField
            ]
        );
        let kept: Vec<(Option<&str>, Vec<&str>)> = (parts.unread.iter())
            .map(|u| {
                let sources = u.sources.iter().map(String::as_str).collect();
                (u.id.as_deref(), sources)
            })
            .collect();
        assert_eq!(
            kept,
            vec![
                (Some("m"), vec!["s"]),
                (Some("n"), vec!["s"]),
                (None, vec!["t"])
            ]
        );
    }

    #[test]
    fn an_unknown_kind_is_reported_once_however_large_the_file() {
        let text = METRIC.replace("[[metric]]", "[[metrc]]").repeat(5000);
        assert!(text.len() > 2 * PIECE);
        let (parts, diagnostics) = load(&text);
        assert!(parts.records.is_empty());
        assert_eq!(codes(&diagnostics), vec![(Code::UnknownKind, 2)]);
    }

    #[test]
    fn a_sub_table_after_a_header_inside_a_string_belongs_where_one_parse_puts_it() {
        // A metric without its value, a long line, then an event whose multi-line note
        // holds a line like a `[[metric]]` header, then the metric's value as a sub-table:
        // TOML gives the value to the metric, in the piece before the event's.
        let long = "x".repeat(PIECE + 10);
        let text = format!(
            "{}note = \"{long}\"\n\n[[event]]\nid = \"e\"\nnote = \"\"\"\n[[metric]]\n\"\"\"\n\n[metric.value]\nvalue = 5\nunit = \"%\"\n",
            METRIC.replace("value = { value = 1, unit = \"%\" }\n", ""),
        );
        assert_eq!(
            pieces(&text, PIECE).map(|p| p.len()),
            Some(2),
            "a cut is tried"
        );
        let (parts, mut diagnostics) = load(&text);
        crate::workspace::sort(&mut diagnostics);
        let (whole, whole_diagnostics) = load_whole(&text);
        assert_eq!(diagnostics, whole_diagnostics);
        assert!(parts.records == whole.records);
        let metric = parts.records.iter().find(|r| r.id() == "m");
        assert!(
            metric.is_some_and(
                |r| matches!(&r.body, Body::Metric(m) if m.value.get_ref().value.get() == 5.0)
            ),
            "{:?}",
            parts.records
        );
    }

    #[test]
    fn keys_outside_tables_are_not_called_record_kinds() {
        let (_, diagnostics) = load("id = \"a-claim\"\n");
        assert_eq!(codes(&diagnostics), vec![(Code::UnknownKind, 0)]);
        assert_eq!(diagnostics[0].message, "`id` is a key outside any table");
    }

    #[test]
    fn a_record_keeps_its_words_and_references_apart() {
        let text = "[[event]]\nid = \"a\"\ndate = 2024-01-02\nentity = \"JP\"\n\
            axes = [\"policy\", \"research\"]\nsources = [\"s1\"]\ntype = \"launch\"\n\
            title = \"First\"\ntitle_ja = \"\"\n\n\
            [[event]]\nid = \"b\"\ndate = 2024-01-03\nentity = \"JP\"\naxes = []\n\
            sources = [\"s1\", \"s2\"]\ntype = \"launch\"\ntitle = \"Second\"\n\
            title_ja = \"二番目\"\nnote = \"A note\"\n";
        let (parts, diagnostics) = load(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let [a, b] = parts.records.as_slice() else {
            panic!("two records: {:?}", parts.records);
        };
        let at = |span: Span| &text[span.start()..span.end()];
        let names = |r: &Record| {
            let axes: Vec<&str> = r.axes().collect();
            let sources: Vec<&str> = r.sources().collect();
            (
                r.id().to_owned(),
                r.entity().to_owned(),
                axes.join(" "),
                sources.join(" "),
            )
        };
        let placed = |r: &Record| -> Vec<(String, &str)> {
            (r.axes_placed().chain(r.sources_placed()))
                .map(|(name, span)| (name.to_owned(), at(span)))
                .collect()
        };

        assert_eq!(
            (a.title(), a.title_ja(), a.note()),
            ("First", Some(""), None)
        );
        assert_eq!(
            names(a),
            (
                "a".into(),
                "JP".into(),
                "policy research".into(),
                "s1".into()
            )
        );
        assert_eq!((a.axes().len(), a.sources().len()), (2, 1));
        assert!(a.has_axis("research") && !a.has_axis("s1") && !a.has_axis("JP"));
        assert!(a.cites("s1") && !a.cites("policy") && !a.cites("a"));
        assert_eq!(
            placed(a),
            [
                ("policy".into(), "\"policy\""),
                ("research".into(), "\"research\""),
                ("s1".into(), "\"s1\"")
            ]
        );
        assert_eq!(
            [a.place.id(), a.place.when(), a.place.entity()].map(at),
            ["\"a\"", "2024-01-02", "\"JP\""]
        );
        assert_eq!(at(a.place.table()), "[[event]]");
        assert!(a.place.table() < b.place.table());

        assert_eq!(
            (b.title(), b.title_ja(), b.note()),
            ("Second", Some("二番目"), Some("A note"))
        );
        assert_eq!(
            names(b),
            ("b".into(), "JP".into(), "".into(), "s1 s2".into())
        );
        assert_eq!(
            placed(b),
            [("s1".into(), "\"s1\""), ("s2".into(), "\"s2\"")]
        );
        assert_eq!(at(b.place.id()), "\"b\"");
        assert_ne!(a.place, b.place);
    }
}
