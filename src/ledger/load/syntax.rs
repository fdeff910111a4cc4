//! The syntax layer: a TOML document that does not parse as a whole is read one top-level
//! table at a time, so that a syntax error costs only the table it is in.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::dates::impossible_date;
use super::excerpt::truncate;
use crate::diagnostic::{Code, Diagnostic};
use crate::source_file::{FileId, Span};

/// Parses one TOML document. A syntax error is reported and the top-level table holding it
/// is skipped, so that the rest of the file is still read; `None` when nothing can be read
/// (an error before the first table header). Syntax only TOML 1.1 allows is reported too
/// (see [`super::toml10`]), and read.
pub(crate) fn parse_document<'a>(
    file: FileId,
    text: &'a str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<DeTable<'a>>> {
    super::toml10::check(crate::source_file::Origin::file(file), text, diagnostics);
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

/// The first line of a TOML error message, lowercased at the start, without a final period.
pub(crate) fn toml_message(e: &toml::de::Error) -> String {
    let first = e.message().lines().next().unwrap_or("invalid TOML").trim();
    let first = first.trim_end_matches('.');
    let mut chars = first.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "invalid TOML".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{METRIC, codes, load, messages};
    use super::*;

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
        let found = messages(&diagnostics);
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
    fn headers_are_recognised_without_catching_arrays() {
        assert!(is_table_header("[[metric]]\n"));
        assert!(is_table_header("  [source] # comment\n"));
        assert!(!is_table_header("[reading.goalposts]\n"));
        assert!(!is_table_header("  [1, 2],\n"));
        assert!(!is_table_header("[]\n"));
    }
}
