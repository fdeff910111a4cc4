//! `kensho claims`: the claims, their ids and text.

use super::args::{ClaimsArgs, ListFormat};
use super::load::tree;
use super::terminal::Terminal;
use crate::render;
use crate::workspace::Workspace;

/// Runs `claims`; the exit code, or an error (exit 2).
pub(super) fn run(args: ClaimsArgs, terminal: &Terminal) -> anyhow::Result<u8> {
    let workspace = Workspace::load(tree(&args.location, None)?);
    if terminal.refuse_errors(&workspace) {
        return Ok(1);
    }
    let default = workspace.claim(None).ok().map(|c| c.id.as_str());
    let text = match args.format {
        ListFormat::Table => render::claims::table(&workspace.claims, default, terminal.width),
        ListFormat::Json => render::claims::json(&workspace.claims, default, &workspace.files),
    };
    terminal.print(&text)?;
    Ok(0)
}
