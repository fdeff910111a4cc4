//! What commands write to the terminal: the text on standard output, and warnings and
//! errors, rendered as `check` renders them, on standard error.

use std::io::{IsTerminal, Write};

use anyhow::Context as _;

use crate::diagnostic::Diagnostic;
use crate::render;
use crate::source_file::SourceFiles;
use crate::workspace::Workspace;

/// Whether human output on stderr may use colour: a terminal, and `NO_COLOR` unset or empty.
pub(super) fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes `text` to standard output; a reader that closed the pipe is not an error.
pub(super) fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`kensho verify | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// A workspace's errors (not its warnings) as rendered for stderr.
pub(super) fn errors_text(workspace: &Workspace) -> String {
    let errors: Vec<_> = workspace
        .diagnostics
        .iter()
        .filter(|d| d.severity() == crate::diagnostic::Severity::Error)
        .cloned()
        .collect();
    render::diagnostics::human(&errors, &workspace.files, stderr_color())
}

/// Prints warnings to stderr, as `check` renders them; nothing when there are none.
pub(super) fn warn(warnings: &[Diagnostic], files: &SourceFiles) {
    if !warnings.is_empty() {
        let text = render::diagnostics::human(warnings, files, stderr_color());
        let _ = write!(anstream::stderr(), "{text}");
    }
}

/// Prints a workspace's errors to stderr; true when there were any.
pub(super) fn refuse_errors(workspace: &Workspace) -> bool {
    if !workspace.has_errors() {
        return false;
    }
    let _ = write!(anstream::stderr(), "{}", errors_text(workspace));
    true
}
