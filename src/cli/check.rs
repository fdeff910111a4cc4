//! `kensho check`: validate the ledger and claims, and print every problem.

use super::args::{CheckArgs, DiagnosticFormat};
use super::load::tree;
use super::terminal::Terminal;
use crate::render;
use crate::workspace::Workspace;

/// Runs `check`; the exit code, or an error (exit 2).
pub(super) fn run(args: CheckArgs, terminal: &Terminal) -> anyhow::Result<u8> {
    let workspace = Workspace::load(tree(&args.location, None)?);
    let d = &workspace.diagnostics;
    let files = &workspace.files;
    let text = match args.format {
        DiagnosticFormat::Human => render::diagnostics::human(d, files, terminal.stdout_colour),
        DiagnosticFormat::Short => render::diagnostics::short(d, files),
        DiagnosticFormat::Json => render::diagnostics::json(d, files),
        DiagnosticFormat::Github => render::diagnostics::github(d, files),
    };
    terminal.print(&text)?;
    Ok(u8::from(workspace.has_errors()))
}
