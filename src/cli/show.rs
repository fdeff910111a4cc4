//! `kensho show`: one record in full, with the claim criteria that use it.

use anyhow::Context as _;

use super::args::{GlobalArgs, ListFormat, ShowArgs};
use super::load::tree;
use super::terminal::{refuse_errors, write_stdout};
use crate::engine;
use crate::render;
use crate::workspace::Workspace;

/// Runs `show`; the exit code, or an error (exit 2).
pub(super) fn run(args: ShowArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let workspace = Workspace::load(tree(global, None)?);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let ledger = &workspace.ledger;
    let position = ledger
        .record_position(&args.id)
        .with_context(|| format!("no record `{}`", args.id))?;
    let record = &ledger.records[position];
    let uses: Vec<render::list::Use> =
        (engine::uses::criteria_using(&workspace.claims, ledger, position).into_iter())
            .map(Into::into)
            .collect();
    let text = match args.format {
        ListFormat::Table => render::list::show(record, ledger, &workspace.files, &uses),
        ListFormat::Json => render::list::show_json(record, ledger, &workspace.files, &uses),
    };
    write_stdout(&text)?;
    Ok(0)
}
