//! `kensho list`: the records a ledger query finds, as a table or JSON.

use std::io::Write as _;

use anyhow::Context as _;

use super::args::{GlobalArgs, KindArg, ListArgs, ListFormat};
use super::load::tree;
use super::terminal::refuse_errors;
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
    // Written as it is made: at a million records the text would weigh hundreds of
    // megabytes more held whole.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format {
        ListFormat::Table => render::list::write_table(&mut out, &records),
        ListFormat::Json => render::list::write_json(&mut out, &records, &workspace.files),
    };
    match written.and_then(|()| out.flush()) {
        // A closed pipe (`kensho list | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        other => other.map(|()| 0).context("cannot write to standard output"),
    }
}
