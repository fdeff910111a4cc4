//! `kensho list`: the records a ledger query finds, or the sources, entities or axes they
//! lead to, as a table or JSON.

use super::args::{GlobalArgs, ListArgs, ListFormat};
use super::load::{load, tree};
use super::terminal::Terminal;
use crate::ledger::{Query, TableKind};
use crate::render;

/// Runs `list`; the exit code, or an error (exit 2).
pub(super) fn run(args: ListArgs, global: &GlobalArgs, terminal: &Terminal) -> anyhow::Result<u8> {
    let workspace = load(tree(global, None)?);
    if terminal.refuse_errors(&workspace) {
        return Ok(1);
    }
    let table = args.kind;
    let query = Query {
        kind: match table {
            Some(TableKind::Record(kind)) => Some(kind),
            None | Some(TableKind::Source | TableKind::Entity | TableKind::Axis) => None,
        },
        axis: args.axis,
        entity: args.entity,
        since: args.since,
        until: args.until,
        source: args.source,
    };
    let (ledger, files, width) = (&workspace.ledger, &workspace.files, terminal.width);
    let json = args.format == ListFormat::Json;
    let text = match table {
        None | Some(TableKind::Record(_)) => {
            let records = ledger.query(&query);
            if json {
                // Written as it is made: at a million records the text would weigh hundreds
                // of megabytes more held whole.
                terminal.stream(|mut out| render::list::write_json(&mut out, &records, files))?;
                return Ok(0);
            }
            // Written as it is made where the layout allows (see `write_table`).
            terminal.stream(|mut out| render::list::write_table(&mut out, &records, width))?;
            return Ok(0);
        }
        Some(TableKind::Source) => {
            let sources = ledger.query_sources(&query);
            if json {
                render::listed::sources_json(&sources, files)
            } else {
                render::listed::sources_table(&sources, width)
            }
        }
        Some(TableKind::Entity) => {
            let entities = ledger.query_entities(&query);
            if json {
                render::listed::entities_json(&entities, files)
            } else {
                render::listed::entities_table(&entities, width)
            }
        }
        Some(TableKind::Axis) => {
            let axes = ledger.query_axes(&query);
            if json {
                render::listed::axes_json(&axes, files)
            } else {
                render::listed::axes_table(&axes, width)
            }
        }
    };
    terminal.print(&text)?;
    Ok(0)
}
