//! The terminal rendering of a verdict: a header, the readings, one row per axis with a
//! footnoted reason, and the numbered sources.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use crate::hostile::escape;
use crate::render::Verdict;
use crate::render::footnotes::Footnotes;
use crate::render::wording::{self, percent, reason, score};

/// The width tables wrap to: fixed, so that output does not depend on the terminal.
pub const WIDTH: u16 = 110;

/// A table in kensho's style: condensed borders, wrapped to [`WIDTH`].
pub(crate) fn table(header: impl Into<comfy_table::Row>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH)
        .set_header(header);
    t
}

/// A cell of text from a ledger or a claim, with hostile characters shown visibly.
pub(crate) fn cell(text: &str) -> Cell {
    Cell::new(escape(text))
}

/// A right-aligned cell, for numbers.
pub(crate) fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// Renders a verdict as text tables.
pub fn render(verdict: &Verdict<'_>) -> String {
    let claim = verdict.claim;
    let eval = verdict.evaluation;
    let notes = Footnotes::new(verdict);
    let mut out = String::new();

    out.push_str(&format!("Claim      {}\n", escape(&claim.text)));
    if let Some(ja) = &claim.text_ja {
        out.push_str(&format!("           {}\n", escape(ja)));
    }
    out.push_str(&format!(
        "           `{}` · subject {} · window {} to {} · as of {}\n\n",
        escape(&claim.id),
        escape(&claim.subject),
        claim.window.from,
        claim.window.to,
        eval.as_of
    ));
    let h = eval.headline;
    out.push_str(&format!(
        "Verdict    {}  (score {}, coverage {})\n\n",
        h.label.as_str().to_uppercase(),
        score(h.score),
        percent(h.coverage)
    ));

    if let Some(r) = verdict.robustness {
        for (heading, text) in wording::robustness(verdict, &notes, r) {
            out.push_str(&format!("{heading:<11}{}\n", escape(&text)));
        }
        out.push('\n');
    }

    let mut readings = table(vec!["Reading", "Meaning", "Verdict", "Score", "Weight"]);
    for (reading, outcome) in claim.readings.iter().zip(&eval.readings) {
        readings.add_row(vec![
            cell(&reading.id),
            cell(&reading.title),
            Cell::new(outcome.label.as_str()),
            right(score(outcome.score)),
            right(format!("{}", reading.weight)),
        ]);
    }
    out.push_str(&readings.to_string());
    out.push_str("\n\n");

    let mut header = vec![Cell::new("Axis"), Cell::new("Score")];
    header.extend(claim.readings.iter().map(|r| cell(&r.id)));
    header.extend(["Weight", "Coverage", "Reason"].map(Cell::new));
    let mut axes = table(header);
    for (i, (axis, result)) in claim.axes.iter().zip(&eval.axes).enumerate() {
        let mut row = vec![cell(&axis.id), right(score(result.score))];
        row.extend(result.scores.iter().map(|s| right(score(*s))));
        row.push(right(format!("{}", axis.weight)));
        row.push(right(percent(result.coverage)));
        row.push(cell(&reason(verdict, &notes, i)));
        axes.add_row(row);
    }
    out.push_str(&axes.to_string());
    out.push_str("\n\nSources\n");
    for (n, id) in notes.sources() {
        if let Some(source) = verdict.ledger.source(id) {
            out.push_str(&wording::source_text(n, source));
        }
    }
    out
}
