//! Diagnostics as text: `human` (the rustc/cargo layout with excerpts and carets), `short`
//! (one line each), `json` (one document) and `github` (workflow commands).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source_file::{SourceFiles, Span};

/// Where a diagnostic points, as people read it.
struct Place {
    path: String,
    line: usize,
    column: usize,
}

fn place(files: &SourceFiles, span: Option<Span>) -> Option<Place> {
    let (path, line, column) = files.locate(span?)?;
    Some(Place {
        path: path.display().to_string(),
        line,
        column,
    })
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The count line: `2 errors, 1 warning`.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.severity() == Severity::Error).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

/// The rustc/cargo layout, coloured when `color` is set.
pub fn human(diagnostics: &[Diagnostic], files: &SourceFiles, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity() {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_title(level.primary_title(d.message.as_str()).id(d.code.as_str()));
        if let Some(span) = d.span {
            if let Some(file) = files.get(span.file) {
                let len = file.text.len();
                let clamp = |s: Span| s.start.min(len)..s.end.min(len).max(s.start.min(len));
                let mut snippet = Snippet::source(file.text.as_str())
                    .path(file.path.display().to_string())
                    .annotation(AnnotationKind::Primary.span(clamp(span)));
                for label in d.labels.iter().filter(|l| l.span.file == span.file) {
                    snippet = snippet.annotation(
                        AnnotationKind::Context
                            .span(clamp(label.span))
                            .label(label.message.as_str()),
                    );
                }
                group = group.element(snippet);
                for label in d.labels.iter().filter(|l| l.span.file != span.file) {
                    if let Some(other) = files.get(label.span.file) {
                        let len = other.text.len();
                        let range = label.span.start.min(len)..label.span.end.min(len);
                        group = group.element(
                            Snippet::source(other.text.as_str())
                                .path(other.path.display().to_string())
                                .annotation(
                                    AnnotationKind::Context
                                        .span(range)
                                        .label(label.message.as_str()),
                                ),
                        );
                    }
                }
            }
        }
        let mut report = vec![group];
        if let Some(help) = &d.help {
            report.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
        }
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out.push_str(&summary(diagnostics));
    out.push('\n');
    out
}

/// One line each: `file:line:col: error[K0301]: message`.
pub fn short(diagnostics: &[Diagnostic], files: &SourceFiles) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let at = place(files, d.span)
            .map(|p| format!("{}:{}:{}: ", p.path, p.line, p.column))
            .unwrap_or_default();
        out.push_str(&format!(
            "{at}{}[{}]: {}\n",
            severity_word(d.severity()),
            d.code.as_str(),
            d.message
        ));
    }
    out.push_str(&summary(diagnostics));
    out.push('\n');
    out
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
    labels: Vec<JsonLabel>,
    help: Option<String>,
}

#[derive(Serialize)]
struct JsonReport {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic>,
}

/// One JSON document with the diagnostics and the counts.
pub fn json(diagnostics: &[Diagnostic], files: &SourceFiles) -> String {
    let errors = diagnostics.iter().filter(|d| d.severity() == Severity::Error).count();
    let report = JsonReport {
        errors,
        warnings: diagnostics.len() - errors,
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let p = place(files, d.span);
                JsonDiagnostic {
                    code: d.code.as_str(),
                    severity: d.severity(),
                    message: d.message.clone(),
                    file: p.as_ref().map(|p| p.path.clone()),
                    line: p.as_ref().map(|p| p.line),
                    column: p.as_ref().map(|p| p.column),
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
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

/// Escapes a workflow-command message: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow-command property: as data, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub workflow commands: `::error file=…,line=…,col=…,title=CODE::message`.
pub fn github(diagnostics: &[Diagnostic], files: &SourceFiles) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let mut props = Vec::new();
        if let Some(p) = place(files, d.span) {
            props.push(format!("file={}", escape_property(&p.path)));
            props.push(format!("line={}", p.line));
            props.push(format!("col={}", p.column));
        }
        props.push(format!("title={}", escape_property(d.code.as_str())));
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        out.push_str(&format!(
            "::{} {}::{}\n",
            severity_word(d.severity()),
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_what_it_must() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
