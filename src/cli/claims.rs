//! `kensho claims`: the claims, their ids and text.

use super::args::{ClaimsArgs, GlobalArgs, ListFormat};
use super::load::{here, load, resolve};
use super::terminal::Terminal;
use crate::render;

/// Runs `claims`; the exit code, or an error (exit 2).
pub(super) fn run(
    args: ClaimsArgs,
    global: &GlobalArgs,
    terminal: &Terminal,
) -> anyhow::Result<u8> {
    let resolution = resolve(global)?;
    let workspace = load(resolution.read(&here(), None)?);
    if terminal.refuse_errors(&workspace) {
        return Ok(1);
    }
    let default = (workspace.claim(resolution.default_claim()).ok()).map(|c| c.id.as_str());
    let text = match args.format {
        ListFormat::Table => render::claims::table(&workspace.claims, default, terminal.width),
        ListFormat::Json => render::claims::json(&workspace.claims, default, &workspace.files),
    };
    terminal.print(&text)?;
    Ok(0)
}
