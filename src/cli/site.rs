//! `kensho site`: every verdict as a static web page, with an index, written into a folder.

use super::args::{GlobalArgs, SiteArgs};
use super::load::{here, resolve};
use super::terminal::{refuse_errors, write_stdout};
use crate::hostile::escape;
use crate::site;
use crate::workspace::Workspace;

/// Runs `site`; the exit code, or an error (exit 2).
pub(super) fn run(args: SiteArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let resolution = resolve(global)?;
    let workspace = Workspace::load(resolution.read(&here(), None)?);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let pages = site::build(
        &workspace.claims,
        &workspace.ledger,
        args.as_of,
        args.draws.settings(),
        (resolution.project.as_ref())
            .and_then(|p| p.file.as_ref())
            .map(|f| &f.publisher),
    );
    let written = site::write(&args.out_dir, &pages)?;
    let list: String = written
        .iter()
        .map(|p| format!("{}\n", escape(&p.display().to_string())))
        .collect();
    write_stdout(&list)?;
    Ok(0)
}
