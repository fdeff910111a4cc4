//! `kensho list source|entity|axis`: the ledger's sources, entities and axes, each with how
//! many of the records found lead to it, as a table or JSON; `kensho show` of one of them.
//! The JSON fields are documented in `docs/json.md`.

use comfy_table::Cell;
use serde::Serialize;

use crate::hostile::escape;
use crate::ledger::{Axis, Entity, Ledger, Listed, Record, Source};
use crate::render::table::{cell, right, table, text};
use crate::render::wrap::hanging;
use crate::source_file::{SourceFiles, Span};

/// Where an item is written: the file and line, for JSON.
fn place(files: &SourceFiles, span: Span) -> (String, usize) {
    let (file, line, _) = files
        .locate(span)
        .unwrap_or_else(|| (Default::default(), 0, 0));
    (file.display().to_string(), line)
}

/// "1 record", "2 records".
fn records_word(n: usize) -> String {
    format!("{n} record{}", if n == 1 { "" } else { "s" })
}

/// The closing line of a list: how many there are.
fn count_line(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}\n", if n == 1 { one } else { many })
}

/// Sources as a table: id, kind, publication day, publisher, title, records citing it. When
/// the ids are too wide for every column to fit, the publisher, day and kind are left out.
pub(crate) fn sources_table(sources: &[Listed<'_, Source>], width: u16) -> String {
    use crate::render::table::{fitting, kept, left_out};
    let cells = |l: &Listed<'_, Source>| {
        let s = l.item;
        [
            escape(&s.id).into_owned(),
            kind_key(&s.kind),
            s.published.map(|d| d.to_string()).unwrap_or_default(),
            escape(&s.publisher).into_owned(),
            escape(&s.title).into_owned(),
            l.records.to_string(),
        ]
    };
    let header = ["Id", "Kind", "Published", "Publisher", "Title", "Records"];
    let rows: Vec<[String; 6]> = sources.iter().map(cells).collect();
    let head = header.map(str::to_owned);
    let shown = fitting(std::iter::once(&head).chain(&rows), &[3, 2, 1], width);
    let mut t = table(kept(head, &shown), width);
    for row in rows {
        let mut row = kept(row, &shown);
        if let Some(last) = row.pop() {
            row.push(last.set_alignment(comfy_table::CellAlignment::Right));
        }
        t.add_row(row);
    }
    let mut last = count_line(sources.len(), "source", "sources");
    if let Some(left) = left_out(header, &shown, width) {
        last.pop();
        last.push_str(&format!(
            "; {left} (`kensho show ID` or `--format json` gives them)"
        ));
    }
    format!("{}\n{}", text(t), hanging("", 0, last.trim_end(), width))
}

/// Entities as a table: id, kind, country, name, records about it.
pub(crate) fn entities_table(entities: &[Listed<'_, Entity>], width: u16) -> String {
    let mut t = table(vec!["Id", "Kind", "Country", "Name", "Records"], width);
    for Listed { item: e, records } in entities {
        t.add_row(vec![
            cell(&e.id),
            Cell::new(kind_key(&e.kind)),
            cell(e.country.as_deref().unwrap_or("")),
            cell(&e.name),
            right(records.to_string()),
        ]);
    }
    format!(
        "{}\n{}",
        text(t),
        count_line(entities.len(), "entity", "entities")
    )
}

/// Axes as a table: id, title, records bearing on it.
pub(crate) fn axes_table(axes: &[Listed<'_, Axis>], width: u16) -> String {
    let mut t = table(vec!["Id", "Title", "Records"], width);
    for Listed { item: a, records } in axes {
        t.add_row(vec![
            cell(&a.id),
            cell(&a.title),
            right(records.to_string()),
        ]);
    }
    format!("{}\n{}", text(t), count_line(axes.len(), "axis", "axes"))
}

/// A kind enum as its TOML word (`news`, `country`), as serde writes it.
fn kind_key(kind: &impl Serialize) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(key)) => key,
        _ => String::new(),
    }
}

/// One source, entity or axis in JSON: its fields as the ledger has them, how many records
/// lead to it, and where it is written.
#[derive(Serialize)]
struct Row<'a, T> {
    #[serde(flatten)]
    item: &'a T,
    records: usize,
    file: String,
    line: usize,
}

fn rows<'a, T>(
    listed: &[Listed<'a, T>],
    files: &SourceFiles,
    span: impl Fn(&T) -> Span,
) -> Vec<Row<'a, T>> {
    (listed.iter())
        .map(|l| {
            let (file, line) = place(files, span(l.item));
            Row {
                item: l.item,
                records: l.records,
                file,
                line,
            }
        })
        .collect()
}

/// Sources as one JSON document, `{ "sources": [...] }`.
pub(crate) fn sources_json(sources: &[Listed<'_, Source>], files: &SourceFiles) -> String {
    let rows = rows(sources, files, |s| s.span);
    crate::render::json::document(&serde_json::json!({ "sources": rows }))
}

/// Entities as one JSON document, `{ "entities": [...] }`.
pub(crate) fn entities_json(entities: &[Listed<'_, Entity>], files: &SourceFiles) -> String {
    let rows = rows(entities, files, |e| e.span);
    crate::render::json::document(&serde_json::json!({ "entities": rows }))
}

/// Axes as one JSON document, `{ "axes": [...] }`.
pub(crate) fn axes_json(axes: &[Listed<'_, Axis>], files: &SourceFiles) -> String {
    let rows = rows(axes, files, |a| a.span);
    crate::render::json::document(&serde_json::json!({ "axes": rows }))
}

/// A labelled line of `show`, `  label     text`, wrapped under its text.
pub(crate) fn line(label: &str, value: &str, width: u16) -> String {
    hanging(&format!("  {label:<9} "), 12, value, width)
}

/// The records that lead to an item, one line each: date, kind, id and title.
fn record_lines(heading: &str, records: &[&Record], width: u16) -> String {
    let mut out = format!("{heading} ({})\n", records_word(records.len()));
    for r in records {
        let line = format!(
            "{} {} `{}` {}",
            r.when,
            r.kind().key(),
            escape(r.id()),
            escape(r.title())
        );
        out.push_str(&hanging("  ", 4, &line, width));
    }
    out
}

/// One source in full, as text, with the records citing it.
pub(crate) fn show_source(
    source: &Source,
    citing: &[&Record],
    files: &SourceFiles,
    width: u16,
) -> String {
    let mut out = format!("source `{}`\n", escape(&source.id));
    out.push_str(&line("title", &escape(&source.title), width));
    if let Some(ja) = &source.title_ja {
        out.push_str(&line("", &escape(ja), width));
    }
    out.push_str(&line("publisher", &escape(&source.publisher), width));
    out.push_str(&line("kind", &kind_key(&source.kind), width));
    if let Some(day) = source.published {
        out.push_str(&line("published", &day.to_string(), width));
    }
    out.push_str(&line("url", &escape(&source.url), width));
    if !source.footnotes.is_empty() {
        let numbers: Vec<String> = source.footnotes.iter().map(u32::to_string).collect();
        out.push_str(&line("footnotes", &numbers.join(", "), width));
    }
    if let Some(note) = &source.note {
        out.push_str(&line("note", &escape(&note.replace('\n', " ")), width));
    }
    let (file, at) = place(files, source.span);
    out.push_str(&line("written", &format!("{}:{at}", escape(&file)), width));
    out.push_str(&record_lines("cited by", citing, width));
    out
}

/// One entity in full, as text, with the records about it.
pub(crate) fn show_entity(
    entity: &Entity,
    ledger: &Ledger,
    about: &[&Record],
    files: &SourceFiles,
    width: u16,
) -> String {
    let mut out = format!("entity `{}`\n", escape(&entity.id));
    out.push_str(&line("name", &escape(&entity.name), width));
    if let Some(ja) = &entity.name_ja {
        out.push_str(&line("", &escape(ja), width));
    }
    out.push_str(&line("kind", &kind_key(&entity.kind), width));
    if let Some(country) = &entity.country {
        out.push_str(&line("country", &escape(country), width));
    }
    let members: Vec<String> = (ledger.entities.iter())
        .filter(|e| e.country.as_deref() == Some(entity.id.as_str()))
        .map(|e| format!("`{}`", escape(&e.id)))
        .collect();
    if !members.is_empty() {
        let mut members = members;
        members.sort();
        out.push_str(&line("entities", &members.join(", "), width));
    }
    let (file, at) = place(files, entity.span);
    out.push_str(&line("written", &format!("{}:{at}", escape(&file)), width));
    out.push_str(&record_lines("records about it", about, width));
    out
}

/// One axis in full, as text, with the records bearing on it.
pub(crate) fn show_axis(
    axis: &Axis,
    bearing: &[&Record],
    files: &SourceFiles,
    width: u16,
) -> String {
    let mut out = format!("axis `{}`\n", escape(&axis.id));
    out.push_str(&line("title", &escape(&axis.title), width));
    if let Some(description) = &axis.description {
        let description = description.replace('\n', " ");
        out.push_str(&line("about", &escape(&description), width));
    }
    let (file, at) = place(files, axis.span);
    out.push_str(&line("written", &format!("{}:{at}", escape(&file)), width));
    out.push_str(&record_lines("records bearing on it", bearing, width));
    out
}

/// One source, entity or axis in full, as JSON: `table` (`source`, `entity` or `axis`), its
/// fields as `list` gives them, where it is written, and `record_ids`: the records citing
/// the source, about the entity (or an entity of that country) or bearing on the axis.
pub(crate) fn show_json<T: Serialize>(
    table: crate::ledger::Namespace,
    item: &T,
    span: Span,
    records: &[&Record],
    files: &SourceFiles,
) -> String {
    let (file, line) = place(files, span);
    #[derive(Serialize)]
    struct Shown<'a, T> {
        table: &'static str,
        #[serde(flatten)]
        item: &'a T,
        file: String,
        line: usize,
        record_ids: Vec<&'a str>,
    }
    crate::render::json::document(&Shown {
        table: table.key(),
        item,
        file,
        line,
        record_ids: records.iter().map(|r| r.id()).collect(),
    })
}
