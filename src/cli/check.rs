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
    // Written as they are rendered: with a problem in every record of a large ledger, the
    // text would weigh hundreds of megabytes more held whole.
    terminal.stream(|mut out| match args.format {
        DiagnosticFormat::Human => {
            render::diagnostics::write_human(&mut out, d, files, terminal.stdout_colour)
        }
        DiagnosticFormat::Short => render::diagnostics::write_short(&mut out, d, files),
        DiagnosticFormat::Json => render::diagnostics::write_json(&mut out, d, files),
        DiagnosticFormat::Github => render::diagnostics::write_github(&mut out, d, files),
    })?;
    Ok(u8::from(workspace.has_errors()))
}
