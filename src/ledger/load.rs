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

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, closest, quoted_list};
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
use crate::ledger::{Axis, Body, Dimension, Entity, Quantity, Record, RecordKind, Source, When};
use crate::source_file::{FileId, Origin, Span};

/// Everything read from the ledger's files, before indexing.
#[derive(Debug, Default)]
pub struct LedgerParts {
    /// `[[source]]` tables.
    pub sources: Vec<Source>,
    /// `[[entity]]` tables.
    pub entities: Vec<Entity>,
    /// `[[axis]]` tables.
    pub axes: Vec<Axis>,
    /// Every record, in file order; boxed, as in [`crate::ledger::Ledger::records`].
    pub records: Vec<Box<Record>>,
}

/// How many of each kind of table [`LedgerParts`] held at some moment.
#[derive(Debug, Clone, Copy)]
struct Lengths {
    sources: usize,
    entities: usize,
    axes: usize,
    records: usize,
}

impl LedgerParts {
    fn lengths(&self) -> Lengths {
        Lengths {
            sources: self.sources.len(),
            entities: self.entities.len(),
            axes: self.axes.len(),
            records: self.records.len(),
        }
    }

    /// Forgets what was read since `before`.
    fn truncate(&mut self, before: Lengths) {
        self.sources.truncate(before.sources);
        self.entities.truncate(before.entities);
        self.axes.truncate(before.axes);
        self.records.truncate(before.records);
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
            r.place.table.start()
        });
    }
}

/// Turns raw file bytes into text, reporting bytes that are not UTF-8 and files with nothing
/// but blank lines and comments. The text is decoded lossily either way so that excerpts can
/// still be shown and the rest of the file still checked; the flag says whether it was UTF-8.
pub fn decode(file: FileId, bytes: Vec<u8>, diagnostics: &mut Vec<Diagnostic>) -> (String, bool) {
    // Valid UTF-8 becomes the text without a copy; a ledger can be large.
    let (text, utf8) = match String::from_utf8(bytes) {
        Ok(text) => (text, true),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let byte = bytes.get(at).copied().unwrap_or_default();
            // The lossy text holds U+FFFD (three bytes) where the bad bytes were.
            let replacement = char::REPLACEMENT_CHARACTER.len_utf8();
            diagnostics.push(
                Diagnostic::new(
                    Code::NotUtf8,
                    Span::new(file, at..at + replacement),
                    format!("file is not valid UTF-8: byte `0x{byte:02x}` cannot be read"),
                )
                .with_help(
                    "save the file as UTF-8; until then it is checked with such bytes replaced by `\u{FFFD}`",
                ),
            );
            (String::from_utf8_lossy(&bytes).into_owned(), false)
        }
    };
    let blank = |line: &str| line.trim_start_matches('\u{FEFF}').trim().is_empty();
    let empty = if text.lines().all(blank) {
        Some("file is empty")
    } else if text
        .lines()
        .all(|line| blank(line) || line.trim_start().starts_with('#'))
    {
        Some("file has only comments")
    } else {
        None
    };
    if let Some(message) = empty {
        diagnostics.push(
            Diagnostic::new(Code::EmptyFile, Span::new(file, 0..0), message)
                .with_help("nothing in it is read; fill it in, or delete it"),
        );
    }
    (text, utf8)
}

/// Parses one TOML document. A syntax error is reported and the top-level table holding it
/// is skipped, so that the rest of the file is still read; `None` when nothing can be read
/// (an error before the first table header).
pub fn parse_document<'a>(
    file: FileId,
    text: &'a str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<DeTable<'a>>> {
    match DeTable::parse(text) {
        Ok(table) => Some(table),
        Err(_) => recover(file, text, diagnostics),
    }
}

/// Reads a document that does not parse as a whole one top-level table at a time (from a
/// `[name]` or `[[name]]` header to the next), so that each broken table costs only itself
/// and the work stays linear in the size of the file. Spans stay those of the whole text.
fn recover<'a>(
    file: FileId,
    text: &'a str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<DeTable<'a>>> {
    let mut bounds = table_starts(text);
    if bounds.first() != Some(&0) {
        bounds.insert(0, 0);
    }
    let root_is_table = table_starts(text).first() == Some(&0);
    let mut document = DeTable::new();
    for (i, &start) in bounds.iter().enumerate() {
        let end = bounds.get(i + 1).copied().unwrap_or(text.len());
        let skipped = if i == 0 && !root_is_table {
            "the file is not read until the syntax is fixed"
        } else {
            "this table is skipped until the syntax is fixed"
        };
        match parse_part(file, text, start..end, skipped, diagnostics) {
            Some(part) => merge(file, &mut document, part, diagnostics),
            // Without the keys before the first table (a claim's own keys), the rest of the
            // file means little.
            None if i == 0 && !root_is_table => return None,
            None => {}
        }
    }
    Some(Spanned::new(0..0, document))
}

/// Parses `text[range]` on its own, reporting an impossible date and reading on with a real
/// one in its place, or reporting the first syntax error and giving up on the part.
fn parse_part<'a>(
    file: FileId,
    text: &'a str,
    range: std::ops::Range<usize>,
    skipped: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DeTable<'a>> {
    let shift = range.start;
    let mut work = text.get(range)?.to_owned();
    // Each round but the last replaces a date; past a few dozen in one table, the next one
    // is reported as a syntax error instead, which bounds the work.
    let mut dates = 0;
    loop {
        let (document, errors) = DeTable::parse_recoverable(&work);
        let Some(first) = errors
            .iter()
            .min_by_key(|e| e.span().map_or(0, |s| s.start))
        else {
            return rebind_table(document.into_inner(), text, shift);
        };
        let at = first.span().map_or(0, |s| s.start);
        if let Some((date, problem, valid)) = impossible_date(&work, at).filter(|_| dates < 50) {
            dates += 1;
            diagnostics.push(
                Diagnostic::new(
                    Code::BadDate,
                    Span::new(file, shift + at..shift + at + date.len()),
                    format!("`{date}` is not a real date: {problem}"),
                )
                .with_help("write a day that exists, as YYYY-MM-DD"),
            );
            // A real date in its place lets the table be read; the error stands.
            work.replace_range(at..at + valid.len(), &valid);
            continue;
        }
        // An error at the very end of the part (an unclosed string) is shown after its
        // last character rather than on the next table's header.
        let content_end = work.trim_end().len();
        let range = match first.span().unwrap_or(0..0) {
            r if r.start >= work.len() => content_end..content_end,
            r => r,
        };
        let (message, hint) = syntax_message(first, &work);
        let help = match hint {
            Some(hint) => format!("{hint}; {skipped}"),
            None => skipped.to_owned(),
        };
        diagnostics.push(
            Diagnostic::new(
                Code::Syntax,
                Span::new(file, shift + range.start..shift + range.end),
                message,
            )
            .with_help(help),
        );
        return None;
    }
}

/// Adds one part's keys to the document: tables of a `[[kind]]` array join the array; a key
/// that is already there is a duplicate, as it would be in one parse.
fn merge<'a>(
    file: FileId,
    document: &mut DeTable<'a>,
    part: DeTable<'a>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (key, value) in part {
        match document.get_mut(key.get_ref().as_ref()) {
            None => {
                document.insert(key, value);
            }
            Some(existing) => match (existing.get_mut(), value.into_inner()) {
                (DeValue::Array(items), DeValue::Array(more)) => {
                    for item in more {
                        items.push(item);
                    }
                }
                _ => diagnostics.push(
                    Diagnostic::new(
                        Code::Syntax,
                        Span::new(file, key.span()),
                        format!("duplicate key `{}`", truncate(key.get_ref(), 60)),
                    )
                    .with_help("a key may appear once in a table; remove or rename one"),
                ),
            },
        }
    }
}

/// The same table, borrowing from `text` instead of the patched copy of `text[shift..]` it
/// was parsed from, with every span moved by `shift`. Strings are copied; numbers are read
/// again from `text`, where they sit at the same place (patching only rewrites dates).
fn rebind_table<'a>(table: DeTable<'_>, text: &'a str, shift: usize) -> Option<DeTable<'a>> {
    let mut out = DeTable::new();
    for (key, value) in table {
        let span = key.span();
        let key = Spanned::new(
            shift + span.start..shift + span.end,
            Cow::Owned(key.into_inner().into_owned()),
        );
        out.insert(key, rebind(value, text, shift)?);
    }
    Some(out)
}

fn rebind<'a>(
    value: Spanned<DeValue<'_>>,
    text: &'a str,
    shift: usize,
) -> Option<Spanned<DeValue<'a>>> {
    let span = value.span();
    let span = shift + span.start..shift + span.end;
    let inner = match value.into_inner() {
        DeValue::String(s) => DeValue::String(Cow::Owned(s.into_owned())),
        DeValue::Integer(_) | DeValue::Float(_) => {
            DeValue::parse(text.get(span.clone())?).ok()?.into_inner()
        }
        DeValue::Boolean(b) => DeValue::Boolean(b),
        DeValue::Datetime(d) => DeValue::Datetime(d),
        DeValue::Array(items) => DeValue::Array(
            items
                .into_iter()
                .map(|v| rebind(v, text, shift))
                .collect::<Option<DeArray<'a>>>()?,
        ),
        DeValue::Table(table) => DeValue::Table(rebind_table(table, text, shift)?),
    };
    Some(Spanned::new(span, inner))
}

/// Byte offsets of the lines that open a top-level table: `[name]` or `[[name]]` with a
/// single key. Sub-tables such as `[reading.goalposts]` stay with the table above them.
fn table_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_table_header(line) {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
}

fn is_table_header(line: &str) -> bool {
    let line = line.trim();
    let line = line
        .split_once(" #")
        .map_or(line, |(head, _)| head)
        .trim_end();
    let inner = if let Some(rest) = line.strip_prefix("[[") {
        rest.strip_suffix("]]")
    } else if let Some(rest) = line.strip_prefix('[') {
        rest.strip_suffix(']')
    } else {
        None
    };
    inner.is_some_and(|key| {
        let key = key.trim();
        !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    })
}

/// A syntax error in plain words, and how to fix it when that is plain. TOML's own message
/// is kept for the rarer errors.
fn syntax_message(e: &toml::de::Error, text: &str) -> (String, Option<String>) {
    let message = toml_message(e);
    let here = e
        .span()
        .and_then(|s| text.get(s))
        .map(str::trim)
        .filter(|t| t.chars().count() <= 60)
        .unwrap_or("");
    let plain = |m: &str, hint: &str| (m.to_owned(), Some(hint.to_owned()));
    if message == "duplicate key" && !here.is_empty() {
        let key = here.trim_matches(['"', '\'']);
        return (
            format!("duplicate key `{key}`"),
            Some("a key may appear once in a table; remove or rename one".to_owned()),
        );
    }
    if message.starts_with("string values must be quoted") {
        return if here.is_empty() {
            plain(
                "missing value after `=`",
                "write a value, e.g. `key = \"text\"`",
            )
        } else {
            (
                format!("`{here}` is not a TOML value"),
                Some(format!("text goes in quotes: `\"{here}\"`")),
            )
        };
    }
    if message.starts_with("invalid basic string") {
        return plain("string is not closed", "end it with `\"` on the same line");
    }
    if message.starts_with("invalid literal string") {
        return plain("string is not closed", "end it with `'` on the same line");
    }
    if message.starts_with("invalid multi-line basic string") {
        return plain("multi-line string is not closed", "end it with `\"\"\"`");
    }
    if message.starts_with("invalid unquoted key") && here == ":" {
        return plain("a key is followed by `=`, not `:`", "write `key = value`");
    }
    if message.starts_with("invalid unquoted key") && !here.is_empty() {
        return (
            format!("`{here}` cannot be part of a bare key"),
            Some("keys are letters, digits, `-` and `_`; put other keys in quotes".to_owned()),
        );
    }
    if message.starts_with("key with no value") {
        return plain("a key must be followed by `=`", "write `key = value`");
    }
    if message.starts_with("unexpected key or value, expected newline") {
        return plain(
            "more text after the value",
            "put each key on its own line; a comment starts with `#`",
        );
    }
    (message, None)
}

/// If a `YYYY-MM-DD` date that does not exist starts at `at`: the date as written, what is
/// wrong with it, and a real date of the same length to read the rest of the file with.
fn impossible_date(text: &str, at: usize) -> Option<(&str, String, String)> {
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
pub fn date_problem(year: i32, month: u32, day: u32) -> Option<String> {
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
    origin: Origin,
    key: &str,
    value: Spanned<DeValue<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Spanned<DeValue<'a>>> {
    let span = origin.span(value.span());
    match value.into_inner() {
        DeValue::Array(items) => items
            .into_iter()
            .filter(|item| {
                let ok = item.get_ref().is_table();
                if !ok {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::BadField,
                            origin.span(item.span()),
                            format!("each `{key}` entry must be a table"),
                        )
                        .with_help(format!("write each entry as a `[[{key}]]` table")),
                    );
                }
                ok
            })
            .collect(),
        DeValue::Table(_) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadField,
                    span,
                    format!("`[{key}]` is a single table, not an entry of `[[{key}]]`"),
                )
                .with_help(format!(
                    "write the header with double brackets: `[[{key}]]`"
                )),
            );
            Vec::new()
        }
        _ => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadField,
                    span,
                    format!("`{key}` must be an array of tables"),
                )
                .with_help(format!("write each entry as a `[[{key}]]` table")),
            );
            Vec::new()
        }
    }
}

/// What a table is, for messages: `metric `budget-ai-fy2026``, or `a [[metric]] table` when
/// it has no readable id.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The kind of table, e.g. `metric` or `criterion`.
    pub noun: &'static str,
    /// How it is written, e.g. `[[metric]]` or `[[axis.criterion]]`; for a table that is a
    /// whole file, what the file is, e.g. `a claim`.
    pub header: &'static str,
    /// Its `id`; `None` when it has none or it is not a string.
    pub id: Option<String>,
    /// The document that lists its keys.
    pub docs: &'static str,
}

impl Subject {
    /// A subject named by the `id` in `table`, if there is one.
    pub fn of(
        noun: &'static str,
        header: &'static str,
        docs: &'static str,
        table: &DeValue<'_>,
    ) -> Subject {
        let id = table
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .map(|s| truncate(s, 60));
        Subject {
            noun,
            header,
            id,
            docs,
        }
    }
}

impl Subject {
    /// How help lines name the kind of table: `` `[[metric]]` ``, or `a claim` for a whole
    /// file.
    pub fn what(&self) -> String {
        if self.header.starts_with('[') {
            format!("`{}`", self.header)
        } else {
            self.header.to_owned()
        }
    }
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{} `{id}`", self.noun),
            None if self.header.starts_with('[') => write!(f, "`{}` table", self.header),
            None => write!(f, "{}", self.noun),
        }
    }
}

fn truncate(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    let head = head.replace(['\n', '\r', '`'], " ");
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// One step into a TOML value: a key or an array position.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// `comparators[0].score`: a path for messages.
fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Where an error span falls in a value: the path to the value (or key) at that span, and
/// whether the span is the key itself.
fn locate(
    value: &Spanned<DeValue<'_>>,
    span: &std::ops::Range<usize>,
) -> Option<(Vec<Step>, bool)> {
    if value.span() == *span {
        return Some((Vec::new(), false));
    }
    match value.get_ref() {
        DeValue::Table(table) => table.iter().find_map(|(k, v)| {
            let key = Step::Key(k.get_ref().to_string());
            if k.span() == *span {
                return Some((vec![key], true));
            }
            let (mut path, is_key) = locate(v, span)?;
            path.insert(0, key);
            Some((path, is_key))
        }),
        DeValue::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            let (mut path, is_key) = locate(v, span)?;
            path.insert(0, Step::Index(i));
            Some((path, is_key))
        }),
        _ => None,
    }
}

fn value_at<'v, 'a>(
    value: &'v Spanned<DeValue<'a>>,
    path: &[Step],
) -> Option<&'v Spanned<DeValue<'a>>> {
    let Some((step, rest)) = path.split_first() else {
        return Some(value);
    };
    let next = match (step, value.get_ref()) {
        (Step::Key(k), DeValue::Table(t)) => t.get(k.as_str())?,
        (Step::Index(i), DeValue::Array(a)) => a.get(*i)?,
        _ => return None,
    };
    value_at(next, rest)
}

/// Removes the key at `path`, or renames it to `rename` when that is given and not taken
/// already; false when there is no such key.
fn remove_at(value: &mut Spanned<DeValue<'_>>, path: &[Step], rename: Option<&str>) -> bool {
    match path {
        [] => false,
        [Step::Key(k)] => match value.get_mut() {
            DeValue::Table(t) => {
                let Some((key, v)) = t.remove_entry(k.as_str()) else {
                    return false;
                };
                if let Some(name) = rename.filter(|name| !t.contains_key(*name)) {
                    t.insert(Spanned::new(key.span(), Cow::Owned(name.to_owned())), v);
                }
                true
            }
            _ => false,
        },
        [step, rest @ ..] => {
            let next = match (step, value.get_mut()) {
                (Step::Key(k), DeValue::Table(t)) => t.get_mut(k.as_str()),
                (Step::Index(i), DeValue::Array(a)) => a.get_mut(*i),
                _ => None,
            };
            next.is_some_and(|v| remove_at(v, rest, rename))
        }
    }
}

/// What serde said was wrong, in a form kensho can explain.
#[derive(Debug, PartialEq)]
enum Problem {
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    MissingField {
        field: String,
    },
    WrongType {
        expected: String,
        found: Option<String>,
    },
    UnknownVariant {
        value: String,
        expected: Vec<String>,
    },
    Other(String),
}

/// The words between backticks in `text`.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn classify(message: &str) -> Problem {
    let first_word = |rest: &str| rest.split('`').next().unwrap_or("").to_owned();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = first_word(rest);
        let after = rest.get(field.len() + 1..).unwrap_or("");
        return Problem::UnknownField {
            field,
            expected: backticked(after),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        return Problem::MissingField {
            field: first_word(rest),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = first_word(rest);
        let after = rest.get(value.len() + 1..).unwrap_or("");
        return Problem::UnknownVariant {
            value,
            expected: backticked(after),
        };
    }
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            let found = (prefix == "invalid value: ")
                .then(|| backticked(found).into_iter().next())
                .flatten();
            return Problem::WrongType {
                expected: plain_expected(expected),
                found,
            };
        }
    }
    if message == "wanted string or table" {
        return Problem::WrongType {
            expected: "a string".to_owned(),
            found: None,
        };
    }
    if message.starts_with("data did not match any variant of untagged enum") {
        return Problem::WrongType {
            expected: "a number or a fraction such as `\"1/30\"`".to_owned(),
            found: None,
        };
    }
    Problem::Other(message.to_owned())
}

/// Serde's name for a type, in the words of a TOML file.
fn plain_expected(expected: &str) -> String {
    match expected {
        "a sequence" => "an array".to_owned(),
        "a map" => "a table".to_owned(),
        "a TOML datetime" => "a date".to_owned(),
        "a borrowed string" | "a string" => "a string".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        other if other.starts_with("struct ") => "a table".to_owned(),
        other => other.to_owned(),
    }
}

/// "a string", "an integer": what a value is, as a TOML author would say it.
fn kind_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number with a fraction",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The value as TOML text, for a help line that rewrites it; `None` for arrays and tables.
fn toml_text(value: &DeValue<'_>) -> Option<String> {
    match value {
        DeValue::String(s) => Some(truncate(s, 40)),
        DeValue::Integer(i) if i.radix() == 10 => Some(i.as_str().to_owned()),
        DeValue::Float(f) => Some(f.as_str().to_owned()),
        DeValue::Boolean(b) => Some(b.to_string()),
        DeValue::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

/// The noun for a key that takes one of a fixed set of words.
fn choice_noun(key: &str, subject: &Subject) -> String {
    match key {
        "unit" => "unit".to_owned(),
        "type" | "types" => "event type".to_owned(),
        "kind" => format!("{} kind", subject.noun),
        "kinds" => "record kind".to_owned(),
        "stage" | "stages" => "stage".to_owned(),
        "artifact_kind" => "artifact kind".to_owned(),
        "domain" => "domain".to_owned(),
        "basis" => "basis".to_owned(),
        "measure" => "measure".to_owned(),
        "scale" => "scale".to_owned(),
        other => format!("`{other}` value"),
    }
}

/// Whether an unknown unit looks like money, so that the help can say which money is known.
fn looks_like_money(unit: &str) -> bool {
    (unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase()))
        || unit.contains(['円', '$', '€', '£', '¥', '元'])
        || unit.contains("ドル")
}

/// Deserializes one table into `T`. Problems become located diagnostics: every unknown key
/// is reported and ignored (or, when it is a near miss of a key the table lacks, read as that
/// key: `titel` as `title`); a wrong type is reported and the table left out (`None`), after
/// the table's other keys have been looked at too; a missing key is reported and ends the
/// search, since what would follow from it is unknown.
pub fn typed<'a, T: Deserialize<'a>>(
    origin: Origin,
    subject: &Subject,
    mut table: Spanned<DeValue<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let whole = table.span();
    let mut usable = true;
    // Each round removes or replaces a value, so a table with n values takes at most n + 1
    // rounds; the bound only guards against a value that keeps failing.
    for _ in 0..64 {
        let error = match T::deserialize(table.clone().into_deserializer()) {
            Ok(value) => return usable.then_some(value),
            Err(e) => e,
        };
        let span = error.span().unwrap_or(whole.start..whole.start);
        let (path, _) = locate(&table, &span).unwrap_or_default();
        let problem = classify(&toml_message(&error));
        let found = value_at(&table, &path).map(|v| v.get_ref());
        diagnostics.push(explain(
            origin,
            subject,
            &problem,
            &path,
            found,
            span.clone(),
        ));
        match &problem {
            // An unknown key can be dropped and the table still used.
            // An unknown key is dropped and the table still used; a near miss of a key the
            // table lacks is read as that key, so that its absence is not reported too.
            Problem::UnknownField { field, expected } => {
                let near = closest(field, expected.iter().map(String::as_str));
                if !remove_at(&mut table, &path, near) {
                    return None;
                }
            }
            // A wrong value is replaced by one of the right type so that the next round
            // finds the next problem; the table itself is left out.
            // A near miss of a known word is read as that word, as a key is.
            Problem::UnknownVariant { value, expected }
                if near_choice(&path, value, expected).is_some() =>
            {
                let word = near_choice(&path, value, expected).unwrap_or_default();
                let word = DeValue::String(Cow::Owned(word.to_owned()));
                if !replace_at(&mut table, &path, Spanned::new(span, word)) {
                    return None;
                }
            }
            Problem::WrongType { .. } | Problem::UnknownVariant { .. } => {
                usable = false;
                let replaced = placeholder(&problem)
                    .is_some_and(|p| replace_at(&mut table, &path, Spanned::new(span, p)));
                if !replaced {
                    return None;
                }
            }
            Problem::MissingField { .. } | Problem::Other(_) => return None,
        }
    }
    None
}

/// The known word `value` most likely stands for: one a typo away, or for a unit, a common
/// way of writing it (`percent` for `%`).
fn near_choice<'e>(path: &[Step], value: &str, expected: &'e [String]) -> Option<&'e str> {
    let words = || expected.iter().map(String::as_str);
    if let Some(near) = closest(value, words()) {
        return Some(near);
    }
    if !matches!(path.last(), Some(Step::Key(k)) if k == "unit") {
        return None;
    }
    let unit = match value.trim().to_lowercase().as_str() {
        "percent" | "per cent" | "percentage" | "pct" | "％" => "%",
        "yen" | "円" | "jp¥" | "¥" => "JPY",
        "dollar" | "dollars" | "us$" | "$" | "us dollars" => "USD",
        "billion usd" | "usd billion" | "bn usd" | "$bn" | "us$ bn" | "usd bln" => "USD bn",
        "億" | "億 円" => "億円",
        "兆" | "兆 円" => "兆円",
        _ => return None,
    };
    words().find(|w| *w == unit)
}

/// A value of the type a problem asked for, to stand in for a wrong one.
fn placeholder(problem: &Problem) -> Option<DeValue<'static>> {
    let parsed = |text: &'static str| DeValue::parse(text).ok().map(Spanned::into_inner);
    match problem {
        Problem::WrongType { expected, .. } => match expected.as_str() {
            "a string" => Some(DeValue::String(Cow::Borrowed(""))),
            "an array" => Some(DeValue::Array(DeArray::new())),
            "`true` or `false`" => Some(DeValue::Boolean(false)),
            "a whole number" | "a whole number, 0 or more" => parsed("0"),
            "a number" => parsed("0.0"),
            "a date" => parsed("2000-01-01"),
            _ => None,
        },
        Problem::UnknownVariant { expected, .. } => expected
            .first()
            .map(|word| DeValue::String(Cow::Owned(word.clone()))),
        _ => None,
    }
}

/// Puts `value` at `path`; false when there is nothing there to replace.
fn replace_at<'a>(
    table: &mut Spanned<DeValue<'a>>,
    path: &[Step],
    value: Spanned<DeValue<'a>>,
) -> bool {
    let Some((step, rest)) = path.split_first() else {
        return false;
    };
    let next = match (step, table.get_mut()) {
        (Step::Key(k), DeValue::Table(t)) => t.get_mut(k.as_str()),
        (Step::Index(i), DeValue::Array(a)) => a.get_mut(*i),
        _ => None,
    };
    match next {
        Some(slot) if rest.is_empty() => {
            *slot = value;
            true
        }
        Some(slot) => replace_at(slot, rest, value),
        None => false,
    }
}

/// The diagnostic for one serde problem at `path` in a table.
fn explain(
    origin: Origin,
    subject: &Subject,
    problem: &Problem,
    path: &[Step],
    found: Option<&DeValue<'_>>,
    span: std::ops::Range<usize>,
) -> Diagnostic {
    let at = origin.span(span);
    let key = path_text(path);
    let leaf = path
        .iter()
        .rev()
        .find_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .unwrap_or_default();
    let keys_of = |expected: &[String]| {
        format!(
            "{} takes {}",
            if path.len() > 1 {
                format!("`{}`", path_text(&path[..path.len() - 1]))
            } else {
                subject.what()
            },
            quoted_list(expected.iter().map(String::as_str))
        )
    };
    match problem {
        Problem::UnknownField { field, expected } => {
            let help = match closest(field, expected.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None if expected.is_empty() => format!("see {} for its keys", subject.docs),
                None => keys_of(expected),
            };
            let place = if path.len() > 1 {
                format!(" in `{}`", path_text(&path[..path.len() - 1]))
            } else {
                String::new()
            };
            Diagnostic::new(
                Code::UnknownField,
                at,
                format!("{subject}: unknown key `{field}`{place}"),
            )
            .with_help(help)
        }
        Problem::MissingField { field } => {
            let place = if key.is_empty() {
                String::new()
            } else {
                format!(" in `{key}`")
            };
            Diagnostic::new(
                Code::MissingField,
                at,
                format!("{subject}: missing key `{field}`{place}"),
            )
            .with_help(format!(
                "add `{field}`; see {} for what {} needs",
                subject.docs,
                subject.what()
            ))
        }
        Problem::WrongType {
            expected,
            found: literal,
        } => {
            let found_text = match (literal, found) {
                (Some(literal), _) => format!("`{literal}`"),
                (None, Some(value)) => kind_of(value).to_owned(),
                (None, None) => "something else".to_owned(),
            };
            let help = found
                .and_then(|value| rewrite(leaf, expected, value))
                .unwrap_or_else(|| {
                    format!("see {} for the keys of {}", subject.docs, subject.what())
                });
            Diagnostic::new(
                Code::WrongType,
                at,
                format!("{subject}: `{key}` must be {expected}, not {found_text}"),
            )
            .with_help(help)
        }
        Problem::UnknownVariant { value, expected } => {
            let noun = choice_noun(leaf, subject);
            let words = quoted_list(expected.iter().map(String::as_str));
            let mut help = match near_choice(path, value, expected) {
                Some(near) => format!("did you mean `{near}`? "),
                None => String::new(),
            };
            if leaf == "unit" {
                help.push_str(&format!("the units are {words}"));
                if looks_like_money(value) {
                    help.push_str("; money is recorded in yen or US dollars");
                }
            } else {
                help.push_str(&format!("use one of {words}"));
            }
            let code = if leaf == "unit" {
                Code::UnknownUnit
            } else {
                Code::UnknownValue
            };
            Diagnostic::new(
                code,
                at,
                format!("{subject}: unknown {noun} `{}`", truncate(value, 60)),
            )
            .with_help(help)
        }
        Problem::Other(message) => {
            let code = if leaf == "value" {
                Code::BadQuantity
            } else {
                Code::BadField
            };
            let prefix = if key.is_empty() {
                String::new()
            } else {
                format!("`{key}`: ")
            };
            Diagnostic::new(code, at, format!("{subject}: {prefix}{message}")).with_help(format!(
                "see {} for the keys of {}",
                subject.docs,
                subject.what()
            ))
        }
    }
}

/// A help line that rewrites a value of the wrong type into the right one, when that is
/// plain: a string into an array, a number into a string, a quoted date into a date.
fn rewrite(key: &str, expected: &str, found: &DeValue<'_>) -> Option<String> {
    let text = toml_text(found)?;
    match (expected, found) {
        ("an array", DeValue::String(_)) => Some(format!("write `{key} = [\"{text}\"]`")),
        ("an array", _) => Some(format!("write `{key} = [{text}]`")),
        ("a string", DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_)) => {
            Some(format!("put it in quotes: `{key} = \"{text}\"`"))
        }
        ("a date", DeValue::String(_)) => {
            Some(format!("write the date without quotes: `{key} = {text}`"))
        }
        ("a number" | "a whole number" | "a whole number, 0 or more", DeValue::String(_))
            if text.trim().parse::<f64>().is_ok() =>
        {
            Some(format!(
                "write the number without quotes: `{key} = {}`",
                text.trim()
            ))
        }
        _ => None,
    }
}

/// A TOML date as a calendar date; times and offsets are refused.
pub fn to_date(value: &toml::value::Datetime) -> Result<NaiveDate, String> {
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
pub fn date_diagnostic(span: Span, message: String) -> Diagnostic {
    Diagnostic::new(Code::BadDate, span, message)
        .with_help("write a day as a TOML date without quotes or time, e.g. `2026-04-30`")
}

fn span_of<T>(origin: Origin, s: &Spanned<T>) -> Span {
    origin.span(s.span())
}

/// How much text is parsed at once when a ledger file is read a piece at a time. TOML's
/// parser holds a list of tokens and a tree many times the size of the text it is given;
/// pieces keep that bounded however large a file grows, and are large enough that the
/// per-piece work does not show.
const PIECE: usize = 256 * 1024;

/// Reads one ledger file into `parts`, in file order. A file made only of `[[kind]]` tables
/// is parsed a piece of whole tables at a time (see [`pieces`]); anything else, and any file
/// where a piece does not parse, is parsed as a whole, with recovery from syntax errors.
pub fn read_ledger_text(
    file: FileId,
    text: &str,
    parts: &mut LedgerParts,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let before = parts.lengths();
    let reported = diagnostics.len();
    if let Some(pieces) = pieces(text).filter(|p| p.len() > 1) {
        let mut read_all = true;
        for range in pieces {
            let origin = Origin {
                file,
                offset: range.start,
            };
            match text.get(range).map(DeTable::parse) {
                Some(Ok(document)) => read_tables(origin, document, parts, diagnostics),
                _ => {
                    read_all = false;
                    break;
                }
            }
        }
        if read_all {
            parts.sort_since(before);
            return;
        }
        // A piece that does not parse on its own: whatever the reason, the whole file is
        // parsed again as one, so that its diagnostics are those of a whole parse.
        parts.truncate(before);
        diagnostics.truncate(reported);
    }
    if let Some(document) = parse_document(file, text, diagnostics) {
        read_tables(Origin::file(file), document, parts, diagnostics);
    }
    parts.sort_since(before);
}

/// Where to cut a ledger file into pieces of about [`PIECE`] bytes, each starting at a
/// `[[kind]]` header line, such that parsing the pieces one by one reads the same tables as
/// parsing the file whole; `None` when that cannot be promised from the lines alone.
///
/// It can be promised when there is nothing but comments before the first table and every
/// header is either `[[kind]]` or a sub-table of the `[[kind]]` above it (`[kind.part]`):
/// then every top-level key of a piece is an array of tables, and the arrays of successive
/// pieces join as they would in one parse. A line that only looks like a header, inside a
/// multi-line string or array, is harmless: a cut there leaves the piece before it with an
/// unclosed string or array, which does not parse, and the file is then parsed whole.
fn pieces(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let mut starts = vec![0];
    let mut kind: Option<&str> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let line = line.trim();
        if !line.starts_with('[') {
            if kind.is_none() && !line.is_empty() && !line.starts_with('#') {
                return None;
            }
            continue;
        }
        let (array, keys) = header_keys(line)?;
        match keys.as_slice() {
            [name] if array => {
                kind = Some(name);
                if at - starts.last().copied().unwrap_or(0) >= PIECE {
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
        match name {
            "source" => {
                for table in tables(origin, name, value, diagnostics) {
                    let span = origin.span(table.span());
                    let subject = Subject::of("source", "[[source]]", DOCS, table.get_ref());
                    if let Some(raw) = typed::<RawSource>(origin, &subject, table, diagnostics) {
                        parts.sources.push(source(origin, span, raw, diagnostics));
                    }
                }
            }
            "entity" => {
                for table in tables(origin, name, value, diagnostics) {
                    let span = origin.span(table.span());
                    let subject = Subject::of("entity", "[[entity]]", DOCS, table.get_ref());
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
            "axis" => {
                for table in tables(origin, name, value, diagnostics) {
                    let span = origin.span(table.span());
                    let subject = Subject::of("axis", "[[axis]]", DOCS, table.get_ref());
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
            _ => match RecordKind::from_key(name) {
                Some(kind) => {
                    for table in tables(origin, name, value, diagnostics) {
                        let span = origin.span(table.span());
                        let subject = Subject::of(kind.key(), header(kind), DOCS, table.get_ref());
                        quantities(origin, &subject, &table, &mut Vec::new(), diagnostics);
                        if let Some((header, body)) =
                            split(origin, kind, &subject, table, diagnostics)
                            && let Some(record) = record(origin, span, header, body, diagnostics)
                        {
                            parts.records.push(Box::new(record));
                        }
                    }
                }
                None => {
                    let kinds: Vec<&str> = ["source", "entity", "axis"]
                        .into_iter()
                        .chain(RecordKind::ALL.iter().map(|k| k.key()))
                        .collect();
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
                        .with_help(
                            "a ledger file holds only `[[kind]]` tables; claims go in `claims/`",
                        )
                    };
                    diagnostics.push(diagnostic);
                }
            },
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

/// Checks every quantity (`{ value = ..., unit = ... }`) in a record on its own:
/// percentages lie within 0–100, ranks start at 1, and nothing is negative. A quantity that
/// does not even parse is left to [`typed`] to report.
fn quantities(
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

fn split(
    origin: Origin,
    kind: RecordKind,
    subject: &Subject,
    table: Spanned<DeValue<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(RawHeader, Body)> {
    match kind {
        RecordKind::Event => {
            typed::<RawEvent>(origin, subject, table, diagnostics).map(RawEvent::split)
        }
        RecordKind::Budget => {
            typed::<RawBudget>(origin, subject, table, diagnostics).map(RawBudget::split)
        }
        RecordKind::Investment => {
            typed::<RawInvestment>(origin, subject, table, diagnostics).map(RawInvestment::split)
        }
        RecordKind::Metric => {
            typed::<RawMetric>(origin, subject, table, diagnostics).map(RawMetric::split)
        }
        RecordKind::Benchmark => {
            typed::<RawBenchmark>(origin, subject, table, diagnostics).map(RawBenchmark::split)
        }
        RecordKind::Release => {
            typed::<RawRelease>(origin, subject, table, diagnostics).map(RawRelease::split)
        }
        RecordKind::Deployment => {
            typed::<RawDeployment>(origin, subject, table, diagnostics).map(RawDeployment::split)
        }
        RecordKind::Target => {
            typed::<RawTarget>(origin, subject, table, diagnostics).map(RawTarget::split)
        }
    }
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

/// Why a `period` cannot be read: an impossible day or month when that is the trouble,
/// otherwise `message` (the period parser's own) without its advice, which the help line
/// gives.
pub fn period_problem(text: &str, message: String) -> String {
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
pub const PERIOD_HELP: &str = "write a year `\"2024\"`, a month `\"2026-01\"`, a day `\"2026-01-31\"`, an interval `\"2019/2023\"` or an open start `\"../2026-04\"`";

/// Checks the shared keys of a record and assembles it; `None` (with diagnostics) when its
/// date cannot be understood, since a record without a date cannot be graded.
fn record(
    origin: Origin,
    table: Span,
    header: RawHeader,
    body: Body,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Record> {
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
            return None;
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
                return None;
            };
            match parsed {
                Ok(when) => (when, *span),
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    return None;
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
            return None;
        }
    };
    let place = RecordPlace::new(
        origin,
        table,
        id_span,
        when_span,
        span_of(origin, &header.entity),
        header.axes.iter().map(|a| span_of(origin, a)),
        header.sources.iter().map(|s| span_of(origin, s)),
    );
    Some(Record {
        id: header.id.into_inner(),
        when,
        entity: header.entity.into_inner(),
        axes: header.axes.into_iter().map(Spanned::into_inner).collect(),
        sources: header
            .sources
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        title: header.title,
        title_ja: header.title_ja,
        note: header.note,
        self_reported: header.self_reported,
        body,
        place,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (LedgerParts, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut parts = LedgerParts::default();
        read_ledger_text(FileId(0), text, &mut parts, &mut diagnostics);
        (parts, diagnostics)
    }

    fn codes(diagnostics: &[Diagnostic]) -> Vec<(Code, usize)> {
        diagnostics
            .iter()
            .map(|d| (d.code, d.span.map_or(usize::MAX, |s| s.start())))
            .collect()
    }

    const METRIC: &str = "[[metric]]\nid = \"m\"\nperiod = \"2024\"\nentity = \"JP\"\nsources = [\"s\"]\ntitle = \"t\"\nmetric = \"x\"\nvalue = { value = 1, unit = \"%\" }\n";

    #[test]
    fn a_syntax_error_skips_only_its_table() {
        let text = format!(
            "{METRIC}\n[[metric]]\nid = \"broken\ntitle = 1\n\n{}",
            METRIC.replace("\"m\"", "\"m2\"")
        );
        let (parts, diagnostics) = load(&text);
        assert_eq!(parts.records.len(), 2, "{diagnostics:?}");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::Syntax);
        let line = text[..diagnostics[0].span.map_or(0, |s| s.start())]
            .matches('\n')
            .count()
            + 1;
        assert_eq!(line, 11);
    }

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
        let cuts = pieces(&text).unwrap_or_default();
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
        // Records compare with their places, so every span is the same in the file.
        assert!(parts.records == whole.records);
        assert!(parts.sources == whole.sources);
        let last = parts
            .records
            .last()
            .map(|r| (r.id.clone(), r.place.id.start()));
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
                .all(|w| w[0].place.table.start() < w[1].place.table.start()),
            "records are in file order"
        );
        // A kind's own values keep TOML's places, which count from the start of a piece.
        for r in parts.records.iter().chain(&whole.records) {
            let Body::Metric(m) = &r.body else { continue };
            let at = r.place.locate(&m.metric);
            assert_eq!(&text[at.start()..at.end()], "\"x\"", "{}", r.id);
        }
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
        assert!(parts.records.iter().any(|r| r.id == "late"));
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
        assert!(parts.records.iter().any(|r| r.id == "after"));
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
            pieces(&text).map(|p| p.len()),
            Some(2),
            "a cut is tried there"
        );
        let (parts, diagnostics) = load(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let ids: Vec<&str> = parts.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["m", "next"]);
        assert!(
            parts.records[0]
                .note
                .as_deref()
                .is_some_and(|n| n.contains("[[metric]]\nthis is still the note"))
        );
    }

    #[test]
    fn only_files_of_kind_tables_are_cut() {
        let big = "# padding\n".repeat(PIECE / 8);
        let cut = |text: &str| pieces(text).map(|p| p.len());
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
    }

    #[test]
    fn an_unclosed_string_costs_only_its_table_even_in_a_long_file() {
        let mut text = METRIC.replace("title = \"t\"", "title = \"\"\"t");
        for i in 0..3000 {
            text.push_str(&METRIC.replace("\"m\"", &format!("\"m{i}\"")));
        }
        let (parts, diagnostics) = load(&text);
        assert_eq!(parts.records.len(), 3000);
        // Just after the last character of the broken table.
        let end = text.find("}\n[[metric]]\nid = \"m0\"").unwrap_or_default() + 1;
        assert_eq!(codes(&diagnostics), vec![(Code::Syntax, end)]);
        assert_eq!(diagnostics[0].message, "multi-line string is not closed");
    }

    #[test]
    fn tables_read_apart_are_still_checked_for_duplicates() {
        let text = format!("{METRIC}[a]\nx = 1\n[a]\ny = 2\n[[metric]]\nid = \"broken\n");
        let (parts, diagnostics) = load(&text);
        assert_eq!(parts.records.len(), 1);
        let found: Vec<(Code, &str)> = diagnostics
            .iter()
            .map(|d| (d.code, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (Code::Syntax, "duplicate key `a`"),
                (Code::Syntax, "string is not closed"),
                (Code::UnknownKind, "unknown record kind `a`"),
            ]
        );
    }

    #[test]
    fn an_error_before_any_table_gives_up_on_the_file() {
        let (parts, diagnostics) = load(&format!("x = \n{METRIC}"));
        assert!(parts.records.is_empty());
        assert_eq!(codes(&diagnostics), vec![(Code::Syntax, 4)]);
    }

    #[test]
    fn impossible_dates_are_date_errors_and_the_record_stays() {
        let text = METRIC.replace("period = \"2024\"", "date = 2026-02-30");
        let (parts, diagnostics) = load(&text);
        assert_eq!(parts.records.len(), 1);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].code, Code::BadDate);
        assert_eq!(
            diagnostics[0].message,
            "`2026-02-30` is not a real date: February 2026 has 28 days"
        );
        let start = text.find("2026-02-30").unwrap_or_default();
        assert_eq!(
            diagnostics[0].span,
            Some(Span::new(FileId(0), start..start + 10))
        );
    }

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

    #[test]
    fn unknown_keys_are_reported_and_the_record_kept() {
        let text = METRIC.replace("title = \"t\"", "titel = \"t\"\ncolour = 1\ntitle = \"t\"");
        let (parts, diagnostics) = load(&text);
        assert_eq!(parts.records.len(), 1);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "metric `m`: unknown key `colour`",
                "metric `m`: unknown key `titel`"
            ]
        );
        assert_eq!(
            diagnostics[1].help.as_deref(),
            Some("did you mean `title`?")
        );
    }

    #[test]
    fn every_bad_key_of_a_record_is_reported() {
        let text = METRIC
            .replace("period = \"2024\"", "period = 2024")
            .replace("sources = [\"s\"]", "sources = \"s\"")
            .replace("title = \"t\"\n", "");
        let (parts, diagnostics) = load(&text);
        assert!(parts.records.is_empty());
        let found: Vec<(Code, &str)> = diagnostics
            .iter()
            .map(|d| (d.code, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    Code::WrongType,
                    "metric `m`: `period` must be a string, not an integer"
                ),
                (
                    Code::WrongType,
                    "metric `m`: `sources` must be an array, not a string"
                ),
                (Code::MissingField, "metric `m`: missing key `title`"),
            ]
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("put it in quotes: `period = \"2024\"`")
        );
        assert_eq!(
            diagnostics[1].help.as_deref(),
            Some("write `sources = [\"s\"]`")
        );
    }

    #[test]
    fn unknown_units_list_the_known_ones() {
        let text = METRIC.replace("unit = \"%\"", "unit = \"EUR\"");
        let (_, diagnostics) = load(&text);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::UnknownUnit);
        assert_eq!(diagnostics[0].message, "metric `m`: unknown unit `EUR`");
        let help = diagnostics[0].help.clone().unwrap_or_default();
        assert!(
            help.starts_with("the units are `億円`, `兆円`, `JPY`"),
            "{help}"
        );
        assert!(
            help.ends_with("money is recorded in yen or US dollars"),
            "{help}"
        );
    }

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

    #[test]
    fn non_utf8_bytes_are_located_in_the_decoded_text() {
        let mut diagnostics = Vec::new();
        let (text, utf8) = decode(FileId(0), b"a = \"\xff\"\n".to_vec(), &mut diagnostics);
        assert!(!utf8);
        let span = diagnostics[0].span.unwrap_or(Span::new(FileId(0), 0..0));
        assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
        assert_eq!(&text[span.start()..span.end()], "\u{FFFD}");
    }

    #[test]
    fn comment_only_files_are_empty() {
        let mut diagnostics = Vec::new();
        decode(FileId(0), b"# nothing yet\n\n".to_vec(), &mut diagnostics);
        assert_eq!(codes(&diagnostics), vec![(Code::EmptyFile, 0)]);
        assert_eq!(diagnostics[0].message, "file has only comments");
    }

    #[test]
    fn keys_outside_tables_are_not_called_record_kinds() {
        let (_, diagnostics) = load("id = \"a-claim\"\n");
        assert_eq!(codes(&diagnostics), vec![(Code::UnknownKind, 0)]);
        assert_eq!(diagnostics[0].message, "`id` is a key outside any table");
    }

    #[test]
    fn headers_are_recognised_without_catching_arrays() {
        assert!(is_table_header("[[metric]]\n"));
        assert!(is_table_header("  [source] # comment\n"));
        assert!(!is_table_header("[reading.goalposts]\n"));
        assert!(!is_table_header("  [1, 2],\n"));
        assert!(!is_table_header("[]\n"));
    }
}
