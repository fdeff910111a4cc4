//! `kensho check`: validate the ledger and claims, and print every problem.

use super::args::{CheckArgs, DiagnosticFormat, GlobalArgs};
use super::load::{here, load, tree};
use super::terminal::Terminal;
use crate::location::from_repository_root;
use crate::render;

/// Runs `check`; the exit code, or an error (exit 2).
pub(super) fn run(args: CheckArgs, global: &GlobalArgs, terminal: &Terminal) -> anyhow::Result<u8> {
    let mut tree = tree(global, None)?;
    if args.format == DiagnosticFormat::Github {
        // GitHub places annotations by their path from the repository's root, wherever the
        // workflow step runs.
        let here = here();
        for file in tree.ledger.iter_mut().chain(tree.claims.iter_mut()) {
            file.path = from_repository_root(&here, &file.path);
        }
    }
    let workspace = load(tree);
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
