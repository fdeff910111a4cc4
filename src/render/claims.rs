//! `kensho claims`: the claims' ids and text, by id, as a table or JSON.

use chrono::NaiveDate;
use comfy_table::Cell;
use serde::Serialize;

use crate::claim::{Claim, Window};
use crate::hostile::escape;
use crate::render::table::cell;
use crate::source_file::SourceFiles;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    text: &'a str,
    text_ja: Option<&'a str>,
    subject: &'a str,
    as_of: NaiveDate,
    window: Window,
    default: bool,
    file: String,
    line: usize,
}

/// The claims ordered by id.
fn by_id(claims: &[Claim]) -> Vec<&Claim> {
    let mut sorted: Vec<&Claim> = claims.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    sorted
}

/// The claims as a table of ids and text, then how many there are and which one
/// `kensho verify` grades alone (`default`; `None` when none is); `width` columns wide where
/// the words allow.
pub fn table(claims: &[Claim], default: Option<&str>, width: u16) -> String {
    let mut t = crate::render::table::table(vec!["Id", "Text"], width);
    for claim in by_id(claims) {
        let text = match &claim.text_ja {
            Some(ja) => format!("{}\n{}", escape(&claim.text), escape(ja)),
            None => escape(&claim.text).into_owned(),
        };
        t.add_row(vec![cell(&claim.id), Cell::new(text)]);
    }
    let n = claims.len();
    let t = crate::render::table::text(t);
    let mut last = format!("{n} claim{}", if n == 1 { "" } else { "s" });
    if let Some(id) = default {
        last.push_str(&format!("; `kensho verify` alone grades `{}`", escape(id)));
    }
    format!("{t}\n{}", crate::render::wrap::hanging("", 0, &last, width))
}

/// The claims as one JSON document, `{ "claims": [...] }`, ordered by id.
pub fn json(claims: &[Claim], default: Option<&str>, files: &SourceFiles) -> String {
    let rows: Vec<Row<'_>> = by_id(claims)
        .into_iter()
        .map(|c| {
            let (file, line, _) = files
                .locate(c.span)
                .unwrap_or_else(|| (Default::default(), 0, 0));
            Row {
                id: &c.id,
                text: &c.text,
                text_ja: c.text_ja.as_deref(),
                subject: &c.subject,
                as_of: c.as_of,
                window: c.window,
                default: default == Some(c.id.as_str()),
                file: file.display().to_string(),
                line,
            }
        })
        .collect();
    crate::render::json::document(&serde_json::json!({ "claims": rows }))
}
