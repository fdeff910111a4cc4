//! `kensho list`: the records a ledger query finds, as a table or JSON.

use anyhow::Context as _;

use super::args::{GlobalArgs, KindArg, ListArgs, ListFormat};
use super::load::tree;
use super::terminal::{refuse_errors, write_stdout};
use crate::ledger::Query;
use crate::render;
use crate::workspace::Workspace;

/// Runs `list`; the exit code, or an error (exit 2).
pub(super) fn run(args: ListArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let workspace = Workspace::load(tree(global, None)?);
    if refuse_errors(&workspace) {
        return Ok(1);
    }
    let kind = (args.kind.map(KindArg::record_kind))
        .map(|k| {
            k.context("`list` shows records; sources, entities and axes are in the ledger files")
        })
        .transpose()?;
    let records = workspace.ledger.query(&Query {
        kind,
        axis: args.axis,
        entity: args.entity,
        since: args.since,
        until: args.until,
    });
    let text = match args.format {
        ListFormat::Table => render::list::table(&records),
        ListFormat::Json => render::list::json(&records, &workspace.files),
    };
    write_stdout(&text)?;
    Ok(0)
}
