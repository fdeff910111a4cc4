//! `kensho site`: every verdict as a static web page, with an index, written into a folder.

use super::args::{GlobalArgs, SiteArgs};
use super::load::{here, load, resolve};
use super::terminal::Terminal;
use crate::hostile::escape;
use crate::site;

/// Runs `site`; the exit code, or an error (exit 2).
pub(super) fn run(args: SiteArgs, global: &GlobalArgs, terminal: &Terminal) -> anyhow::Result<u8> {
    let resolution = resolve(global)?;
    let workspace = load(resolution.read(&here(), None)?);
    if terminal.refuse_errors(&workspace) {
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
    terminal.print(&list)?;
    Ok(0)
}
