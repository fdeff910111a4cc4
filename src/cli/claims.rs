//! `kensho claims`: the claims, their ids and text.

use super::args::{ClaimsArgs, GlobalArgs, ListFormat};
use super::load::{here, resolve};
use super::terminal::{refuse_errors, write_stdout};
use crate::render;
use crate::workspace::Workspace;

/// Runs `claims`; the exit code, or an error (exit 2).
pub(super) fn run(args: ClaimsArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let resolution = resolve(global)?;
    let workspace = Workspace::load(resolution.read(&here(), None)?);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let default = (workspace.claim(resolution.default_claim()).ok()).map(|c| c.id.as_str());
    let text = match args.format {
        ListFormat::Table => render::claims::table(&workspace.claims, default),
        ListFormat::Json => render::claims::json(&workspace.claims, default, &workspace.files),
    };
    write_stdout(&text)?;
    Ok(0)
}
