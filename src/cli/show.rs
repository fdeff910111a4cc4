//! `kensho show`: one record, source, entity or axis in full, with what uses it.

use super::args::{GlobalArgs, ListFormat, ShowArgs, ShowKind};
use super::load::{load, tree};
use super::terminal::Terminal;
use crate::engine;
use crate::hostile::escape;
use crate::ledger::{Named, Namespace, Query};
use crate::render;

/// Runs `show`; the exit code, or an error (exit 2).
pub(super) fn run(args: ShowArgs, global: &GlobalArgs, terminal: &Terminal) -> anyhow::Result<u8> {
    let workspace = load(tree(global, None)?);
    if terminal.refuse_errors(&workspace) {
        return Ok(1);
    }
    let (ledger, files, width) = (&workspace.ledger, &workspace.files, terminal.width);
    let id = escape(&args.id);
    let named = ledger.named(&args.id, args.kind.map(ShowKind::namespace));
    let found = match named.as_slice() {
        [one] => *one,
        [] => match args.kind {
            Some(kind) => anyhow::bail!("no {} `{id}`", kind.namespace().key()),
            None => anyhow::bail!("no record, source, entity or axis `{id}`"),
        },
        several => {
            let tables: Vec<Namespace> = several.iter().map(Named::namespace).collect();
            let named: Vec<String> = (tables.iter())
                .map(|t| match t {
                    Namespace::Record | Namespace::Source => format!("a {}", t.key()),
                    Namespace::Entity | Namespace::Axis => format!("an {}", t.key()),
                })
                .collect();
            let kinds: Vec<String> = tables
                .iter()
                .map(|t| format!("`--kind {}`", t.key()))
                .collect();
            anyhow::bail!(
                "`{id}` names {}: say which with {}",
                named.join(" and "),
                kinds.join(" or ")
            )
        }
    };
    let json = args.format == ListFormat::Json;
    let query = |query: Query| ledger.query(&query);
    let text = match found {
        Named::Record(record, position) => {
            let uses: Vec<render::list::Use> =
                (engine::uses::criteria_using(&workspace.claims, ledger, position).into_iter())
                    .map(Into::into)
                    .collect();
            if json {
                render::list::show_json(record, ledger, files, &uses)
            } else {
                render::list::show(record, ledger, files, &uses, width)
            }
        }
        Named::Source(source) => {
            let citing = query(Query {
                source: Some(source.id.clone()),
                ..Query::default()
            });
            if json {
                render::listed::show_json(Namespace::Source, source, source.span, &citing, files)
            } else {
                render::listed::show_source(source, &citing, files, width)
            }
        }
        Named::Entity(entity) => {
            let about = query(Query {
                entity: Some(entity.id.clone()),
                ..Query::default()
            });
            if json {
                render::listed::show_json(Namespace::Entity, entity, entity.span, &about, files)
            } else {
                render::listed::show_entity(entity, ledger, &about, files, width)
            }
        }
        Named::Axis(axis) => {
            let bearing = query(Query {
                axis: Some(axis.id.clone()),
                ..Query::default()
            });
            if json {
                render::listed::show_json(Namespace::Axis, axis, axis.span, &bearing, files)
            } else {
                render::listed::show_axis(axis, &bearing, files, width)
            }
        }
    };
    terminal.print(&text)?;
    Ok(0)
}
