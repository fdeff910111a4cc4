//! Diagnostics as text: `human` (the rustc/cargo layout with excerpts and carets), `short`
//! (one line each), `json` (one document) and `github` (workflow commands). Every format
//! ends with the count of errors and warnings (`json` as two fields).
//!
//! Diagnostics quote what they find wrong, and what they find wrong may be a control
//! character in a title, or a file name or an excerpt holding one. This is the one place
//! their text becomes output, so it is the one place it is made safe: messages, help, labels,
//! paths and excerpts show hostile characters visibly ([`crate::hostile::escape`]), and
//! `json` writes them as `\u` escapes.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use std::borrow::Cow;
use std::io::Write;

use crate::diagnostic::{Diagnostic, Severity};
use crate::hostile::{escape, escape_lines};
use crate::source_file::{SourceFile, SourceFiles, Span};

/// Where a diagnostic points, as people read it.
struct Place {
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn place(files: &SourceFiles, span: Option<Span>) -> Option<Place> {
    let span = span?;
    let file = files.get(span.file)?;
    let (line, column) = file.line_col(span.start());
    let (end_line, end_column) = file.line_col(span.end().max(span.start()));
    Some(Place {
        path: escape(&file.path.display().to_string()).into_owned(),
        line,
        column,
        end_line,
        end_column,
    })
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    (errors, diagnostics.len() - errors)
}

/// The count line: `2 errors, 1 warning`.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let (errors, warnings) = counts(diagnostics);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// A span's byte range made safe to slice `file` with: within the text, on character
/// boundaries, start before end.
fn clamp(file: &SourceFile, span: Span) -> std::ops::Range<usize> {
    let text = file.text();
    let mut start = span.start().min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end().clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Lines further apart than this are shown as separate excerpts of one file.
const EXCERPT_GAP: usize = 50;

/// Snippets of `file` showing `marks` (the first is the primary one when it has no label),
/// each cut to the lines around its marks: handing the renderer the whole file would make
/// every diagnostic cost the file's length, and a large ledger with many problems slow.
fn excerpts<'a>(
    file: &'a SourceFile,
    mut marks: Vec<(std::ops::Range<usize>, Option<&'a str>)>,
) -> Vec<Snippet<'a, annotate_snippets::Annotation<'a>>> {
    let text = file.text();
    let primary = marks.first().map(|(range, _)| range.clone());
    marks.sort_by_key(|(range, _)| (range.start, range.end));
    // Marks whose lines lie close together share an excerpt.
    let mut clusters: Vec<Vec<(std::ops::Range<usize>, Option<&'a str>)>> = Vec::new();
    let mut last_line = 0;
    for mark in marks {
        let (line, _) = file.line_col(mark.0.start);
        let (end_line, _) = file.line_col(mark.0.end);
        match clusters.last_mut() {
            Some(cluster) if line <= last_line + EXCERPT_GAP => {
                cluster.push(mark);
                last_line = last_line.max(end_line);
            }
            _ => {
                clusters.push(vec![mark]);
                last_line = end_line;
            }
        }
    }
    // The excerpt with the primary mark comes first, as its `-->` names the place.
    clusters.sort_by_key(|c| {
        !c.iter()
            .any(|(r, l)| l.is_none() && Some(r) == primary.as_ref())
    });
    clusters
        .into_iter()
        .map(|cluster| {
            let start = cluster.iter().map(|(r, _)| r.start).min().unwrap_or(0);
            let end = cluster.iter().map(|(r, _)| r.end).max().unwrap_or(0);
            // A mark at the very end of a file that ends in a newline belongs to its last
            // line, as the renderer shows it.
            let anchor = if start == text.len() && text.ends_with('\n') {
                start - 1
            } else {
                start
            };
            let from = text[..anchor].rfind('\n').map_or(0, |i| i + 1);
            let to = text[end..].find('\n').map_or(text.len(), |i| end + i);
            let (first_line, _) = file.line_col(from);
            // The line break of a CRLF file's last excerpted line is not part of it.
            let source = text[from..to].strip_suffix('\r').unwrap_or(&text[from..to]);
            let shown = escape_lines(source);
            let mut snippet = Snippet::source(shown.clone())
                .line_start(first_line)
                .path(escape(&file.path.display().to_string()).into_owned());
            for (range, label) in cluster {
                let start = (range.start - from).min(source.len());
                let end = (range.end - from).min(source.len());
                let shifted = match &shown {
                    Cow::Borrowed(_) => start..end,
                    Cow::Owned(_) => shown_at(source, start)..shown_at(source, end),
                };
                snippet = snippet.annotation(match label {
                    None => AnnotationKind::Primary.span(shifted),
                    Some(message) => AnnotationKind::Context.span(shifted).label(escape(message)),
                });
            }
            snippet
        })
        .collect()
}

/// Where byte `at` of an excerpt lands once its hostile characters are shown visibly by
/// [`escape_lines`]: the escaped length of what comes before it. (A carriage return kept
/// because a line feed follows it must be counted as kept, though the part before `at`
/// ends with it.)
fn shown_at(source: &str, at: usize) -> usize {
    let before = &source[..at];
    let shown = escape_lines(before).len();
    if before.ends_with('\r') && source[at..].starts_with('\n') {
        shown - r"\r".len() + 1
    } else {
        shown
    }
}

/// The rustc/cargo layout, coloured when `color` is set.
pub fn human(diagnostics: &[Diagnostic], files: &SourceFiles, color: bool) -> String {
    written(|out| write_human(out, diagnostics, files, color))
}

/// [`human`], written to `out` a diagnostic at a time.
pub fn write_human(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    files: &SourceFiles,
    color: bool,
) -> std::io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in diagnostics {
        let level = match d.severity() {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group =
            Group::with_title(level.primary_title(escape(&d.message)).id(d.code.as_str()));
        if let Some((span, file)) = d.span.and_then(|s| Some((s, files.get(s.file)?))) {
            let mut marks = vec![(clamp(file, span), None)];
            for label in d.labels.iter().filter(|l| l.span.file == span.file) {
                marks.push((clamp(file, label.span), Some(label.message.as_str())));
            }
            for snippet in excerpts(file, marks) {
                group = group.element(snippet);
            }
            for label in d.labels.iter().filter(|l| l.span.file != span.file) {
                if let Some(other) = files.get(label.span.file) {
                    let marks = vec![(clamp(other, label.span), Some(label.message.as_str()))];
                    for snippet in excerpts(other, marks) {
                        group = group.element(snippet);
                    }
                }
            }
        }
        let mut report = vec![group];
        if let Some(help) = &d.help {
            report.push(Group::with_title(Level::HELP.secondary_title(escape(help))));
        }
        write!(out, "{}\n\n", renderer.render(&report))?;
    }
    writeln!(out, "{}", summary(diagnostics))
}

/// One line each: `file:line:col: error[K0301]: message`.
pub fn short(diagnostics: &[Diagnostic], files: &SourceFiles) -> String {
    written(|out| write_short(out, diagnostics, files))
}

/// [`short`], written to `out` a diagnostic at a time.
pub fn write_short(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    files: &SourceFiles,
) -> std::io::Result<()> {
    for d in diagnostics {
        if let Some(p) = place(files, d.span) {
            write!(out, "{}:{}:{}: ", p.path, p.line, p.column)?;
        }
        writeln!(
            out,
            "{}[{}]: {}",
            severity_word(d.severity()),
            d.code.as_str(),
            escape(&d.message)
        )?;
    }
    writeln!(out, "{}", summary(diagnostics))
}

#[derive(Serialize)]
struct JsonLabel {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    code: &'static str,
    severity: Severity,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    labels: Vec<JsonLabel>,
    help: Option<String>,
}

/// The diagnostics of a [`JsonReport`], each made as it is written.
struct JsonDiagnostics<'a> {
    diagnostics: &'a [Diagnostic],
    files: &'a SourceFiles,
}

impl Serialize for JsonDiagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        let mut seq = serializer.serialize_seq(Some(self.diagnostics.len()))?;
        for d in self.diagnostics {
            seq.serialize_element(&json_diagnostic(d, self.files))?;
        }
        seq.end()
    }
}

fn json_diagnostic(d: &Diagnostic, files: &SourceFiles) -> JsonDiagnostic {
    let p = place(files, d.span);
    JsonDiagnostic {
        code: d.code.as_str(),
        severity: d.severity(),
        message: d.message.clone(),
        file: p.as_ref().map(|p| p.path.clone()),
        line: p.as_ref().map(|p| p.line),
        column: p.as_ref().map(|p| p.column),
        end_line: p.as_ref().map(|p| p.end_line),
        end_column: p.as_ref().map(|p| p.end_column),
        labels: d
            .labels
            .iter()
            .map(|l| {
                let p = place(files, Some(l.span));
                JsonLabel {
                    file: p.as_ref().map(|p| p.path.clone()),
                    line: p.as_ref().map(|p| p.line),
                    column: p.as_ref().map(|p| p.column),
                    message: l.message.clone(),
                }
            })
            .collect(),
        help: d.help.clone(),
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: JsonDiagnostics<'a>,
}

/// One JSON document with the diagnostics and the counts (see `docs/diagnostics.md`).
pub fn json(diagnostics: &[Diagnostic], files: &SourceFiles) -> String {
    written(|out| write_json(out, diagnostics, files))
}

/// [`json`], written to `out` a diagnostic at a time.
pub fn write_json(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    files: &SourceFiles,
) -> std::io::Result<()> {
    let (errors, warnings) = counts(diagnostics);
    let report = JsonReport {
        errors,
        warnings,
        diagnostics: JsonDiagnostics { diagnostics, files },
    };
    crate::render::json::write_document(out, &report)
}

/// Escapes a workflow-command message: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property: as data, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub workflow commands, one per diagnostic:
/// `::error file=…,line=…,col=…,title=CODE::message` (the help line joined to the message),
/// then the count line as plain log text.
pub fn github(diagnostics: &[Diagnostic], files: &SourceFiles) -> String {
    written(|out| write_github(out, diagnostics, files))
}

/// [`github`], written to `out` a diagnostic at a time.
pub fn write_github(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    files: &SourceFiles,
) -> std::io::Result<()> {
    for d in diagnostics {
        let mut props = Vec::new();
        if let Some(p) = place(files, d.span) {
            props.push(format!("file={}", escape_property(&p.path)));
            props.push(format!("line={}", p.line));
            props.push(format!("col={}", p.column));
        }
        props.push(format!("title={}", escape_property(d.code.as_str())));
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {}", escape(&d.message), escape(help)),
            None => escape(&d.message).into_owned(),
        };
        writeln!(
            out,
            "::{} {}::{}",
            severity_word(d.severity()),
            props.join(","),
            escape_data(&message)
        )?;
    }
    writeln!(out, "{}", summary(diagnostics))
}

/// What a `write_*` function writes, as a string: each writes whole UTF-8 strings only,
/// and writing to memory does not fail.
fn written(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::source_file::FileId;

    #[test]
    fn github_escapes_what_it_must() {
        assert_eq!(escape_data("50%\nnext\r"), "50%25%0Anext%0D");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    fn one_file(text: &str) -> SourceFiles {
        let mut files = SourceFiles::default();
        files.add(std::path::Path::new("evidence/a.toml"), text.to_owned());
        files
    }

    #[test]
    fn marks_far_apart_are_shown_as_excerpts_of_their_own_lines() {
        let text: String = (1..=300).map(|i| format!("k{i} = {i}\n")).collect();
        let files = one_file(&text);
        let at = |line: usize| {
            let start: usize = text.lines().take(line - 1).map(|l| l.len() + 1).sum();
            Span::new(FileId(0), start..start + 2)
        };
        let d = Diagnostic::new(Code::DuplicateId, at(250), "late")
            .with_label(at(3), "first")
            .with_label(at(251), "next to it");
        let out = human(&[d], &files, false);
        let arrow = out.find("--> evidence/a.toml:250:1").unwrap_or(usize::MAX);
        let far = out.find(":::").unwrap_or(0);
        assert!(arrow < far, "the primary excerpt comes first:\n{out}");
        for line in ["250 | k250", "251 | k251", "3 | k3 = 3"] {
            assert!(out.contains(line), "{line} missing:\n{out}");
        }
        assert!(
            !out.contains("k100 "),
            "lines between are not shown:\n{out}"
        );
    }

    #[test]
    fn spans_off_character_boundaries_or_past_the_end_still_render() {
        let files = one_file("a = \"億円\"\n");
        for (start, end) in [(6, 7), (5, 200), (300, 400), (7, 5)] {
            let span = Span::new(FileId(0), start..end);
            let d = Diagnostic::new(Code::Syntax, span, "x");
            let text = human(&[d], &files, false);
            assert!(text.contains("evidence/a.toml:1:"), "{text}");
        }
    }

    #[test]
    fn every_format_ends_with_the_counts() {
        let files = one_file("a = 1\n");
        let d = [
            Diagnostic::new(Code::UnusedSource, Span::new(FileId(0), 0..1), "w"),
            Diagnostic::new(Code::Syntax, Span::new(FileId(0), 4..5), "e"),
        ];
        for text in [
            human(&d, &files, false),
            short(&d, &files),
            github(&d, &files),
        ] {
            assert!(text.ends_with("1 error, 1 warning\n"), "{text}");
        }
        let value: serde_json::Value = serde_json::from_str(&json(&d, &files)).unwrap_or_default();
        assert_eq!(value["errors"], 1);
        assert_eq!(value["warnings"], 1);
        assert_eq!(value["diagnostics"][1]["column"], 5);
        assert_eq!(value["diagnostics"][1]["end_column"], 6);
    }

    #[test]
    fn hostile_characters_are_shown_visibly_with_the_carets_under_them() {
        let text = "# \u{9b}2J \u{202e}x\r\ntitle = \"a\u{1b}b\" # \u{2066}\r\n";
        let mut files = SourceFiles::default();
        files.add(
            std::path::Path::new("evidence/\u{1b}[2J.toml"),
            text.to_owned(),
        );
        let start = text.find("\"a").unwrap_or(0);
        let d = Diagnostic::new(
            Code::HostileCharacter,
            Span::new(FileId(0), start..start + "\"a\u{1b}b\"".len()),
            "event `x\u{1b}[31m`: `title` holds it",
        )
        .with_label(Span::new(FileId(0), 2..4), "here\u{202e}")
        .with_help("remove \u{7}");
        let human = human(std::slice::from_ref(&d), &files, false);
        assert!(
            human
                .chars()
                .all(|c| c == '\n' || !crate::hostile::is_hostile(c)),
            "{human}"
        );
        assert!(
            human.contains("event `x\\u{1b}[31m`: `title` holds it"),
            "{human}"
        );
        assert!(
            human.contains("--> evidence/\\u{1b}[2J.toml:2:9"),
            "{human}"
        );
        assert!(human.contains("help: remove \\u{7}"), "{human}");
        // Each caret line marks exactly the escaped text of its span.
        let lines: Vec<&str> = human.lines().collect();
        let under = |source: &str, marks: char| {
            let at = lines.iter().position(|l| l.ends_with(source)).unwrap_or(0);
            let code = lines[at].find(source).unwrap_or(0);
            let carets = lines[at + 1];
            let first = carets.find(marks).unwrap_or(0);
            let last = carets.rfind(marks).unwrap_or(0);
            lines[at][code..]
                .chars()
                .skip(first - code)
                .take(last - first + 1)
                .collect::<String>()
        };
        assert_eq!(
            under("title = \"a\\u{1b}b\" # \\u{2066}", '^'),
            "\"a\\u{1b}b\""
        );
        assert_eq!(under("# \\u{9b}2J \\u{202e}x", '-'), "\\u{9b}");
        let short = short(std::slice::from_ref(&d), &files);
        assert!(
            short.starts_with("evidence/\\u{1b}[2J.toml:2:9: error[K0211]: event `x\\u{1b}[31m`"),
            "{short}"
        );
        let github = github(std::slice::from_ref(&d), &files);
        assert!(
            github.contains("::event `x\\u{1b}[31m`: `title` holds it%0Ahelp: remove \\u{7}\n"),
            "{github}"
        );
        let json = json(&[d], &files);
        assert!(
            json.contains(r#""message": "event `x\u001b[31m`: `title` holds it""#),
            "{json}"
        );
    }
}
