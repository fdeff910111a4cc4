//! TOML 1.0 strictness: the syntax only TOML 1.1 allows, found in the text and reported as
//! errors (K0105), so that every file kensho accepts also opens in TOML 1.0 tools (taplo,
//! Python's `tomllib` before 3.15, most editors). The parser kensho uses reads TOML 1.1, so
//! these constructs would otherwise pass unnoticed; they are still read, so that the rest
//! of the table is checked too.
//!
//! What TOML 1.1 added to the syntax, and is looked for here:
//! - a line break inside an inline table (`{ ... }`), other than inside an array or a
//!   multi-line string in it, which TOML 1.0 already allowed;
//! - a comma before an inline table's closing `}`;
//! - the escapes `\e` and `\xHH` in basic strings;
//! - a time or date-time without seconds (`10:00`, `2026-04-30T10:00`).
//!
//! It is a scan of the text rather than of the parsed values, since a parsed value no
//! longer says how it was written.

use crate::diagnostic::{Code, Diagnostic};
use crate::source_file::Origin;

/// What the text between two brackets is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bracket {
    /// `[ ... ]` after `=` or inside another value.
    Array,
    /// `{ ... }`, opened at `open`; `comma` is the last comma when nothing but blanks,
    /// line breaks and comments followed it; `reported` once a line break in it was reported.
    Inline {
        open: usize,
        comma: Option<usize>,
        reported: bool,
    },
}

/// Reports every construct only TOML 1.1 allows in `text`, a file or a piece of one that
/// starts at `origin`.
pub(super) fn check(origin: Origin, text: &str, diagnostics: &mut Vec<Diagnostic>) {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut stack: Vec<Bracket> = Vec::new();
    // On a line at the top level: whether an `=` has been seen, so that `[` opens an array
    // rather than a table header.
    let mut after_equals = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'#' => {
                // A comment runs to the end of the line; the line break is looked at next.
                i = line_end(bytes, i);
                continue;
            }
            b'"' | b'\'' => {
                clear_comma(&mut stack);
                i = string_end(bytes, i, &mut found);
                continue;
            }
            b'\n' => {
                if stack.is_empty() {
                    after_equals = false;
                }
                if let Some(Bracket::Inline { open, reported, .. }) = stack.last_mut()
                    && !*reported
                {
                    *reported = true;
                    found.push(Found::InlineBreak(*open));
                }
            }
            b' ' | b'\t' | b'\r' => {}
            b'=' => {
                clear_comma(&mut stack);
                if stack.is_empty() {
                    after_equals = true;
                }
            }
            b'[' if stack.is_empty() && !after_equals => {
                // A table header: its keys hold no values, so nothing in it is looked for;
                // quoted keys are skipped as strings are.
                i = header_end(bytes, i);
                continue;
            }
            b'[' => {
                clear_comma(&mut stack);
                stack.push(Bracket::Array);
            }
            b']' => {
                if stack.last() == Some(&Bracket::Array) {
                    stack.pop();
                }
            }
            b'{' => {
                clear_comma(&mut stack);
                stack.push(Bracket::Inline {
                    open: i,
                    comma: None,
                    reported: false,
                });
            }
            b'}' => {
                if let Some(Bracket::Inline { comma, .. }) = stack.last() {
                    if let Some(at) = *comma {
                        found.push(Found::TrailingComma(at));
                    }
                    stack.pop();
                }
            }
            b',' => {
                clear_comma(&mut stack);
                if let Some(Bracket::Inline { comma, .. }) = stack.last_mut() {
                    *comma = Some(i);
                }
            }
            b'0'..=b'9' => {
                clear_comma(&mut stack);
                if let Some(end) = time_without_seconds(bytes, i) {
                    found.push(Found::NoSeconds(i..end));
                    i = end;
                    continue;
                }
            }
            _ => clear_comma(&mut stack),
        }
        i += 1;
    }
    diagnostics.extend(found.into_iter().map(|f| f.diagnostic(origin, text)));
}

/// One construct found, by its byte offsets in the text scanned.
enum Found {
    InlineBreak(usize),
    TrailingComma(usize),
    Escape(std::ops::Range<usize>),
    NoSeconds(std::ops::Range<usize>),
}

impl Found {
    fn diagnostic(self, origin: Origin, text: &str) -> Diagnostic {
        let at = |range: std::ops::Range<usize>| origin.span(range);
        match self {
            Found::InlineBreak(open) => Diagnostic::new(
                Code::Toml11,
                at(open..open + 1),
                "an inline table spans several lines, which only TOML 1.1 allows",
            )
            .with_help(
                "write the table on one line, `{ key = value, key = value }`; TOML 1.0 tools cannot read the file otherwise",
            ),
            Found::TrailingComma(comma) => Diagnostic::new(
                Code::Toml11,
                at(comma..comma + 1),
                "a comma before `}` ends an inline table, which only TOML 1.1 allows",
            )
            .with_help("remove the comma; TOML 1.0 tools cannot read the file otherwise"),
            Found::Escape(range) => {
                let escape = text.get(range.clone()).unwrap_or_default();
                let help = match escape.strip_prefix("\\x") {
                    Some(hex) => format!("write `\\u00{hex}`, which TOML 1.0 knows"),
                    None => "write `\\u001b`, which TOML 1.0 knows".to_owned(),
                };
                Diagnostic::new(
                    Code::Toml11,
                    at(range),
                    format!("the escape `{escape}` is one only TOML 1.1 knows"),
                )
                .with_help(help)
            }
            Found::NoSeconds(range) => {
                let time = text.get(range.clone()).unwrap_or_default();
                Diagnostic::new(
                    Code::Toml11,
                    at(range),
                    format!("the time `{time}` has no seconds, which only TOML 1.1 allows"),
                )
                .with_help(format!("write `{time}:00`"))
            }
        }
    }
}

/// A value other than a comma follows: the last comma of the innermost inline table was not
/// a trailing one.
fn clear_comma(stack: &mut [Bracket]) {
    if let Some(Bracket::Inline { comma, .. }) = stack.last_mut() {
        *comma = None;
    }
}

/// The offset of the line break ending the line `i` is on, or the end of the text.
fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| i + n)
}

/// The offset just past a table header opened at `i`: its closing bracket, or the end of
/// the line when it has none (the parser reports that).
fn header_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i,
            b'"' | b'\'' => {
                i = string_end(bytes, i, &mut Vec::new());
                continue;
            }
            b']' if bytes.get(i + 1) != Some(&b']') => return i + 1,
            b']' => return i + 2,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The offset just past the string opened at `i` (by `"`, `"""`, `'` or `'''`), noting the
/// TOML 1.1 escapes of a basic string. An unclosed one-line string ends at the line break,
/// as the parser will say.
fn string_end(bytes: &[u8], i: usize, found: &mut Vec<Found>) -> usize {
    let quote = bytes[i];
    let basic = quote == b'"';
    let multi = bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote);
    let mut j = if multi { i + 3 } else { i + 1 };
    while j < bytes.len() {
        let b = bytes[j];
        if basic && b == b'\\' {
            match bytes.get(j + 1) {
                Some(b'e') => found.push(Found::Escape(j..j + 2)),
                Some(b'x') => {
                    let hex = bytes
                        .get(j + 2..j + 4)
                        .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                    let end = if hex { j + 4 } else { j + 2 };
                    found.push(Found::Escape(j..end));
                }
                _ => {}
            }
            j += 2;
            continue;
        }
        if b == b'\n' && !multi {
            return j;
        }
        if b == quote {
            if !multi {
                return j + 1;
            }
            if bytes.get(j + 1) == Some(&quote) && bytes.get(j + 2) == Some(&quote) {
                // Up to two more quotes belong to the string: `""""` is a quote, then the end.
                let mut end = j + 3;
                for _ in 0..2 {
                    if bytes.get(end) == Some(&quote) {
                        end += 1;
                    }
                }
                return end;
            }
        }
        j += 1;
    }
    j
}

/// When a time written without seconds starts at `i` (`HH:MM` not followed by `:`), the
/// offset just past it. Outside strings and comments a colon only appears in times and in
/// the offsets after them (`+09:00`), which always have their minutes.
fn time_without_seconds(bytes: &[u8], i: usize) -> Option<usize> {
    let starts_number = i == 0 || !matches!(bytes[i - 1], b'0'..=b'9' | b':' | b'+' | b'-');
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let shape = digit(i) && digit(i + 1) && bytes.get(i + 2) == Some(&b':');
    let minutes = digit(i + 3) && digit(i + 4);
    (starts_number && shape && minutes && bytes.get(i + 5) != Some(&b':')).then_some(i + 5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source_file::FileId;

    /// The text and message of each construct found.
    fn found(text: &str) -> Vec<(String, String)> {
        let mut diagnostics = Vec::new();
        check(Origin::file(FileId(0)), text, &mut diagnostics);
        diagnostics
            .into_iter()
            .map(|d| {
                assert_eq!(d.code, Code::Toml11);
                let span = d
                    .span
                    .unwrap_or(crate::source_file::Span::new(FileId(0), 0..0));
                let at = text.get(span.start()..span.end()).unwrap_or("?").to_owned();
                (at, d.message)
            })
            .collect()
    }

    #[test]
    fn toml_1_0_passes() {
        let text = r#"#:schema ../schemas/ledger.schema.json
# A comment with { and , } and 10:00 and "\e"
[[metric]]
id = "a" # trailing comment, }
value = { value = 1, unit = "%" }
note = """line
{ not, a table, }
\\x41 is \\e escaped: \\x41, 'quote' "" """
lit = 'C:\x\e'
multi = '''
{ a = 1, }
10:00'''
list = [
  { model = "m", score = { value = 1, unit = "%" } },
  { model = "n", score = { value = 2, unit = "%" } },
]
inline = { list = [
  1,
  2,
], text = """a
b""" }
when = 2026-04-30T10:00:00Z
offset = 2026-04-30T10:00:00+09:00
west = 2026-04-30T10:00:00.5-05:30
local = 07:32:00
frac = 07:32:00.5
date = 2026-04-30
["quoted { key"]
'x,}' = 1
"#;
        assert_eq!(found(text), Vec::<(String, String)>::new());
    }

    #[test]
    fn line_breaks_in_an_inline_table_are_reported_once_at_its_brace() {
        let text = "[[metric]]\nvalue = {\n  value = 1,\n  unit = \"%\"\n}\nnext = { a = 1, # c\n b = 2 }\n";
        assert_eq!(
            found(text),
            vec![
                (
                    "{".to_owned(),
                    "an inline table spans several lines, which only TOML 1.1 allows".to_owned()
                ),
                (
                    "{".to_owned(),
                    "an inline table spans several lines, which only TOML 1.1 allows".to_owned()
                ),
            ]
        );
        let mut diagnostics = Vec::new();
        check(Origin::file(FileId(0)), text, &mut diagnostics);
        let starts: Vec<usize> = diagnostics
            .iter()
            .filter_map(|d| d.span.map(|s| s.start()))
            .collect();
        let second = text.find("next = {").unwrap_or_default() + "next = ".len();
        assert_eq!(starts, vec![text.find('{').unwrap_or_default(), second]);
    }

    #[test]
    fn a_trailing_comma_in_an_inline_table_is_reported_at_the_comma() {
        assert_eq!(
            found("[[m]]\nvalue = { value = 1, unit = \"%\", }\nx = [1, 2,]\n"),
            vec![(
                ",".to_owned(),
                "a comma before `}` ends an inline table, which only TOML 1.1 allows".to_owned()
            )]
        );
        assert_eq!(found("a = { b = { c = 1, }, }\n").len(), 2);
    }

    #[test]
    fn the_new_escapes_are_reported_in_basic_strings_only() {
        let text = "a = \"x\\ey\"\nb = \"\\x41\\xZ\"\nc = '\\e'\nd = \"\"\"\\e\"\"\"\n";
        let messages: Vec<String> = found(text).into_iter().map(|(at, _)| at).collect();
        assert_eq!(messages, vec!["\\e", "\\x41", "\\x", "\\e"]);
        let mut diagnostics = Vec::new();
        check(Origin::file(FileId(0)), "a = \"\\x1b\"", &mut diagnostics);
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("write `\\u001b`, which TOML 1.0 knows")
        );
    }

    #[test]
    fn times_without_seconds_are_reported() {
        assert_eq!(
            found(
                "a = 2026-04-30T10:00\nb = 10:00\nc = [07:32, 2026-04-30 07:32Z]\nd = 10:00:00\n"
            ),
            ["10:00", "10:00", "07:32", "07:32"]
                .map(|t| (
                    t.to_owned(),
                    format!("the time `{t}` has no seconds, which only TOML 1.1 allows")
                ))
                .to_vec()
        );
    }

    #[test]
    fn places_are_moved_by_the_origin_of_a_piece() {
        let mut diagnostics = Vec::new();
        let origin = Origin {
            file: FileId(3),
            offset: 100,
        };
        check(origin, "a = { b = 1, }", &mut diagnostics);
        assert_eq!(
            diagnostics[0].span,
            Some(crate::source_file::Span::new(FileId(3), 111..112))
        );
    }
}
