//! `kensho claims`: the claims, their ids and text.

use super::args::{ClaimsArgs, ListFormat};
use super::load::tree;
use super::terminal::{refuse_errors, write_stdout};
use crate::render;
use crate::workspace::Workspace;

/// Runs `claims`; the exit code, or an error (exit 2).
pub(super) fn run(args: ClaimsArgs) -> anyhow::Result<u8> {
    let workspace = Workspace::load(tree(&args.location, None)?);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let default = workspace.claim(None).ok().map(|c| c.id.as_str());
    let text = match args.format {
        ListFormat::Table => render::claims::table(&workspace.claims, default),
        ListFormat::Json => render::claims::json(&workspace.claims, default, &workspace.files),
    };
    write_stdout(&text)?;
    Ok(0)
}
