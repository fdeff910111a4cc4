//! `kensho list` and `kensho show`: browsing records, as tables or JSON.

use std::io::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::hostile::escape;
use crate::ledger::{Body, Ledger, Quantity, Record};
use crate::render::listed::line;
use crate::render::wording::stated;
use crate::render::wrap::hanging;
use crate::source_file::SourceFiles;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    kind: &'static str,
    when: String,
    known: chrono::NaiveDate,
    entity: &'a str,
    axes: Vec<&'a str>,
    title: &'a str,
    figure: Option<Quantity>,
    sources: Vec<&'a str>,
    file: String,
    line: usize,
}

fn row<'a>(files: &SourceFiles, r: &'a Record) -> Row<'a> {
    let (file, line, _) = files
        .locate(r.place.table())
        .unwrap_or_else(|| (Default::default(), 0, 0));
    Row {
        id: r.id(),
        kind: r.kind().key(),
        when: r.when.to_string(),
        known: r.when.known_date(),
        entity: r.entity(),
        axes: r.axes().collect(),
        title: r.title(),
        figure: r.body.figure(),
        sources: r.sources().collect(),
        file: file.display().to_string(),
        line,
    }
}

/// The column headings of [`table`].
const HEADINGS: [&str; 6] = ["When", "Kind", "Id", "Entity", "Figure", "Sources"];

/// Which columns [`table`] leaves out first when the ids are too wide for all: the sources,
/// then the figure, entity, kind and date.
const DROP: [usize; 5] = [5, 4, 3, 1, 0];

/// The text of each cell of one record's row in [`table`].
fn cells(r: &Record) -> [String; 6] {
    [
        r.when.to_string(),
        r.kind().key().to_owned(),
        escape(r.id()).into_owned(),
        escape(r.entity()).into_owned(),
        r.body.figure().as_ref().map_or_else(String::new, stated),
        escape(&r.sources().collect::<Vec<_>>().join(", ")).into_owned(),
    ]
}

/// The line under a table of records: how many, and which columns were left out.
fn closing(n: usize, shown: &[bool; 6], width: u16) -> String {
    let mut last = format!("{n} record{}", if n == 1 { "" } else { "s" });
    if let Some(left) = crate::render::table::left_out(HEADINGS, shown, width) {
        last.push_str(&format!(
            "; {left} (`kensho show ID` or `--format json` gives them)"
        ));
    }
    hanging("", 0, &last, width)
}

/// Records as a table: date, kind, id, entity, figure, sources; `width` columns wide where
/// the ids allow, and never an id split. When the ids are too wide for every column to fit,
/// the sources, then the figure, entity, kind and date are left out until the rest fit, and
/// the closing line says so.
pub fn table(records: &[&Record], width: u16) -> String {
    use crate::render::table::{fitting, kept};
    let header = HEADINGS.map(str::to_owned);
    // Each row is made once: measured to choose the columns, then added.
    let rows: Vec<[String; 6]> = records.iter().map(|r| cells(r)).collect();
    let shown = fitting(std::iter::once(&header).chain(&rows), &DROP, width);
    let mut t = crate::render::table::table(kept(header.clone(), &shown), width);
    for row in rows {
        t.add_row(kept(row, &shown));
    }
    let t = crate::render::table::text(t);
    format!("{t}\n{}", closing(records.len(), &shown, width))
}

/// Writes [`table`] to `out` a row at a time, holding one row at most, when every row fits
/// on one line: the layout [`table`] gives is then each shown column as wide as its widest
/// cell, which a first pass over the records finds without keeping them. Otherwise (a cell
/// that must wrap, a table wider than `width`) [`table`] itself lays the rows out.
pub fn write_table(out: &mut impl Write, records: &[&Record], width: u16) -> std::io::Result<()> {
    use crate::render::table::{fitting_ids, widest_id};
    let mut least = HEADINGS.map(widest_id);
    let mut widest = HEADINGS.map(UnicodeWidthStr::width);
    let mut one_line = true;
    for r in records {
        for (i, text) in cells(r).iter().enumerate() {
            one_line &= !text.contains(['\n', '\r']);
            least[i] = least[i].max(widest_id(text));
            widest[i] = widest[i].max(text.width());
        }
    }
    let shown = fitting_ids(least, &DROP, width);
    let columns: Vec<usize> = (0..HEADINGS.len()).filter(|&i| shown[i]).collect();
    // A border before each column and after the last, a space either side of each cell.
    let total = columns.iter().map(|&i| widest[i] + 3).sum::<usize>() + 1;
    if !one_line || total > usize::from(width) {
        return out.write_all(table(records, width).as_bytes());
    }
    let rule = |out: &mut dyn Write, [left, fill, between, right]: [char; 4]| {
        let mut line = String::from(left);
        for (n, &i) in columns.iter().enumerate() {
            if n > 0 {
                line.push(between);
            }
            line.extend(std::iter::repeat_n(fill, widest[i] + 2));
        }
        line.push(right);
        writeln!(out, "{line}")
    };
    let row = |out: &mut dyn Write, texts: &[&str]| {
        let mut line = String::from("│");
        for (n, &i) in columns.iter().enumerate() {
            if n > 0 {
                line.push('┆');
            }
            line.push(' ');
            line.push_str(texts[i]);
            line.extend(std::iter::repeat_n(' ', widest[i] - texts[i].width() + 1));
        }
        line.push('│');
        writeln!(out, "{line}")
    };
    rule(out, ['┌', '─', '┬', '┐'])?;
    row(out, &HEADINGS)?;
    rule(out, ['╞', '═', '╪', '╡'])?;
    for r in records {
        let texts = cells(r);
        row(out, &texts.each_ref().map(String::as_str))?;
    }
    rule(out, ['└', '─', '┴', '┘'])?;
    write!(out, "{}", closing(records.len(), &shown, width))
}

/// Records as one JSON document, made whole; [`write_json`] writes the same bytes.
pub fn json(records: &[&Record], files: &SourceFiles) -> String {
    let rows: Vec<Row<'_>> = records.iter().map(|r| row(files, r)).collect();
    crate::render::json::document(&serde_json::json!({ "records": rows }))
}

/// The records of a JSON listing, made one at a time as they are written.
struct Rows<'a> {
    records: &'a [&'a Record],
    files: &'a SourceFiles,
}

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq as _};
        let mut seq = serializer.serialize_seq(Some(self.records.len()))?;
        for r in self.records {
            // Each row goes through a JSON value, whose objects sort their keys, so that its
            // keys come in the order the listing has always written them.
            let value = serde_json::to_value(row(self.files, r)).map_err(S::Error::custom)?;
            seq.serialize_element(&value)?;
        }
        seq.end()
    }
}

/// A JSON listing: `{ "records": [...] }`.
#[derive(Serialize)]
struct Listing<'a> {
    records: Rows<'a>,
}

/// Records as one JSON document, written to `out` as each row is made rather than held.
pub fn write_json(
    out: &mut impl Write,
    records: &[&Record],
    files: &SourceFiles,
) -> std::io::Result<()> {
    crate::render::json::write_document(
        out,
        &Listing {
            records: Rows { records, files },
        },
    )
}

/// A claim criterion that uses a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Use {
    /// The claim's id.
    pub claim: String,
    /// The axis.
    pub axis: String,
    /// The criterion's id.
    pub criterion: String,
    /// The criterion's title.
    pub title: String,
}

impl From<crate::engine::uses::Use<'_>> for Use {
    fn from(used: crate::engine::uses::Use<'_>) -> Use {
        Use {
            claim: used.claim.id.clone(),
            axis: used.axis.id.clone(),
            criterion: used.criterion.id.clone(),
            title: used.criterion.title.clone(),
        }
    }
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    row: Row<'a>,
    title_ja: Option<&'a str>,
    note: Option<&'a str>,
    self_reported: bool,
    fields: &'a Body,
    source_details: Vec<serde_json::Value>,
    used_by: &'a [Use],
}

/// One record in full, as text, its lines wrapped to `width` where the words allow.
pub fn show(
    record: &Record,
    ledger: &Ledger,
    files: &SourceFiles,
    uses: &[Use],
    width: u16,
) -> String {
    let r = row(files, record);
    let mut out = format!("{} `{}`\n", r.kind, escape(record.id()));
    out.push_str(&line("title", &escape(record.title()), width));
    if let Some(ja) = record.title_ja() {
        out.push_str(&line("", &escape(ja), width));
    }
    let when = format!("{} (counts from {})", record.when, record.when.known_date());
    out.push_str(&line("when", &when, width));
    let name = ledger
        .entity(record.entity())
        .map_or("", |e| e.name.as_str());
    let entity = format!("{} ({})", escape(record.entity()), escape(name));
    out.push_str(&line("entity", &entity, width));
    out.push_str(&line(
        "axes",
        &escape(&record.axes().collect::<Vec<_>>().join(", ")),
        width,
    ));
    if record.self_reported {
        out.push_str(&line("note", "self-reported: counts for less", width));
    }
    if let Some(note) = record.note() {
        out.push_str(&line("note", &escape(&note.replace('\n', " ")), width));
    }
    if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(&record.body) {
        for (key, value) in fields {
            if value.is_null() || value.as_array().is_some_and(Vec::is_empty) {
                continue;
            }
            out.push_str(&line(&key, &escape(&field(&value)), width));
        }
    }
    let written = format!("{}:{}", escape(&r.file), r.line);
    out.push_str(&line("written", &written, width));
    out.push_str("sources\n");
    for id in record.sources() {
        match ledger.source(id) {
            Some(s) => {
                let about = format!(
                    "{} — {}{}",
                    escape(&s.publisher),
                    escape(&s.title),
                    s.published.map(|d| format!(" ({d})")).unwrap_or_default(),
                );
                out.push_str(&hanging(&format!("  `{}` ", escape(id)), 4, &about, width));
                out.push_str(&format!("    {}\n", escape(&s.url)));
            }
            None => out.push_str(&format!("  `{}` (not in the ledger)\n", escape(id))),
        }
    }
    out.push_str("used by\n");
    if uses.is_empty() {
        out.push_str("  no claim criterion uses it\n");
    }
    for u in uses {
        let used = format!(
            "claim `{}`, axis `{}`, criterion `{}`: {}",
            escape(&u.claim),
            escape(&u.axis),
            escape(&u.criterion),
            escape(&u.title)
        );
        out.push_str(&hanging("  ", 4, &used, width));
    }
    out
}

/// A field value in a few words: quantities as stated, lists joined, strings bare.
fn field(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items.iter().map(field).collect::<Vec<_>>().join("; "),
        serde_json::Value::Object(map) if map.contains_key("unit") => {
            serde_json::from_value::<Quantity>(value.clone())
                .map_or_else(|_| value.to_string(), |q| stated(&q))
        }
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", field(v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// One record in full, as JSON.
pub fn show_json(record: &Record, ledger: &Ledger, files: &SourceFiles, uses: &[Use]) -> String {
    let shown = Shown {
        row: row(files, record),
        title_ja: record.title_ja(),
        note: record.note(),
        self_reported: record.self_reported,
        fields: &record.body,
        source_details: record
            .sources()
            .filter_map(|id| ledger.source(id))
            .map(|s| {
                serde_json::json!({
                    "id": s.id, "publisher": s.publisher, "title": s.title,
                    "kind": s.kind, "published": s.published, "url": s.url,
                })
            })
            .collect(),
        used_by: uses,
    };
    crate::render::json::document(&shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{Tree, TreeFile, Workspace};

    /// What the command writes, table (at several widths) and JSON, beside the whole-text
    /// renderings.
    fn written(workspace: &Workspace) {
        let records: Vec<&Record> = workspace
            .ledger
            .records
            .iter()
            .map(std::sync::Arc::as_ref)
            .collect();
        for some in [&records[..], &records[..1], &records[..0]] {
            for width in [40, 60, 80, 110, 200] {
                let mut table_bytes = Vec::new();
                write_table(&mut table_bytes, some, width).expect("written to memory");
                let whole = table(some, width);
                assert_eq!(
                    String::from_utf8(table_bytes).as_deref(),
                    Ok(&*whole),
                    "{width}"
                );
            }
            let mut json_bytes = Vec::new();
            write_json(&mut json_bytes, some, &workspace.files).expect("written to memory");
            let whole = json(some, &workspace.files);
            assert_eq!(String::from_utf8(json_bytes).as_deref(), Ok(&*whole));
        }
    }

    #[test]
    fn rows_written_one_at_a_time_are_the_whole_table_and_document() {
        written(&Workspace::load(crate::embedded::tree()));
        let mut tree = crate::synthetic::tree(&crate::synthetic::generate(2000, 3));
        tree.claims.clear();
        written(&Workspace::load(tree));
    }

    #[test]
    fn rows_too_wide_or_of_many_lines_are_laid_out_as_the_table_lays_them() {
        let text = |entity: &str| {
            format!(
                "[[entity]]\nid = \"{entity}\"\nname = \"n\"\nkind = \"country\"\n\n\
                 [[source]]\nid = \"s\"\nurl = \"https://example.org/\"\npublisher = \"p\"\n\
                 title = \"t\"\nkind = \"news\"\n\n[[axis]]\nid = \"a\"\ntitle = \"A\"\n\n\
                 [[event]]\nid = \"e\"\ndate = 2026-01-01\nentity = \"{entity}\"\n\
                 axes = [\"a\"]\nsources = [\"s\"]\ntype = \"law\"\ntitle = \"t\"\n"
            )
        };
        for entity in ["x".repeat(120), "法".repeat(50), r"a\u0007b\nc".to_owned()] {
            let tree = Tree {
                ledger: vec![TreeFile {
                    path: "evidence/e.toml".into(),
                    bytes: text(&entity).into_bytes(),
                    on_disk: None,
                }],
                claims: Vec::new(),
            };
            let workspace = Workspace::load(tree);
            assert_eq!(workspace.ledger.records.len(), 1, "{entity}");
            written(&workspace);
        }
    }
}
