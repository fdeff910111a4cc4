//! The terminal rendering of a verdict: a header, the readings, one row per axis with a
//! footnoted reason, and the numbered sources.

use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use unicode_width::UnicodeWidthStr;

use crate::hostile::escape;
use crate::render::Verdict;
use crate::render::footnotes::Footnotes;
use crate::render::wording::{self, percent, reason, score};
use crate::render::wrap::hanging;

/// The width text output wraps to when the caller has none to give; the command line uses
/// it when its output is not a terminal, so that piped output does not depend on one.
pub const DEFAULT_WIDTH: u16 = 110;

/// A table in kensho's style: condensed borders, wrapped to `width` columns. Turn it into
/// text with [`text`], which keeps its words whole.
pub(crate) fn table(header: impl Into<comfy_table::Row>, width: u16) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header);
    t
}

/// The table as text, never splitting an id.
///
/// comfy-table splits a word that is wider than its column, which would cut an id in two
/// where nobody can copy it. So each column is first held at least as wide as the widest id
/// in it (an id as `ledger::id` defines it, bare or in backticks, brackets or followed by a
/// comma); other words, a run of footnote markers or a Japanese sentence without spaces,
/// may still break. A table whose ids cannot all fit is then wider than asked, rather than
/// wrong.
pub(crate) fn text(mut t: Table) -> String {
    let widest: Vec<usize> = (0..t.column_count())
        .map(|i| {
            (t.column_cells_with_header_iter(i).flatten())
                .map(|cell| widest_id(&cell.content()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (column, widest) in t.column_iter_mut().zip(widest) {
        // The boundary counts the cell's padding, one space each side.
        let least = u16::try_from(widest + 2).unwrap_or(u16::MAX);
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(least)));
    }
    t.to_string()
}

/// The width of the widest id among the words of `text`, with the punctuation around it.
pub(crate) fn widest_id(text: &str) -> usize {
    let around = |c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    (text.split_whitespace())
        .filter_map(|word| {
            let id = word.trim_matches(around);
            // ASCII punctuation around an id stays with it (`id`, [id], id,); an id inside
            // other text (`AI` in a Japanese sentence) holds only itself whole.
            crate::ledger::id::is_id(id).then(|| if word.is_ascii() { word } else { id })
        })
        .map(str::width)
        .max()
        .unwrap_or(0)
}

/// Which columns of a table to show so that it fits `width` columns without splitting an
/// id: every column if they all fit, else without the columns `drop` names, in its order,
/// until the rest fit or none of `drop` is left. `cells` yields each row's cells, the
/// header's first; a column needs at least its widest id and header word.
pub(crate) fn fitting<'a, const N: usize>(
    cells: impl Iterator<Item = &'a [String; N]>,
    drop: &[usize],
    width: u16,
) -> [bool; N] {
    let mut least = [0usize; N];
    for row in cells {
        for (l, text) in least.iter_mut().zip(row) {
            *l = (*l).max(widest_id(text));
        }
    }
    fitting_ids(least, drop, width)
}

/// [`fitting`], given each column's widest id (`least`).
pub(crate) fn fitting_ids<const N: usize>(
    least: [usize; N],
    drop: &[usize],
    width: u16,
) -> [bool; N] {
    let mut shown = [true; N];
    // Each column takes its padding and one border; the table one more border.
    let needed = |shown: &[bool; N]| -> usize {
        (least.iter().zip(shown))
            .filter(|(_, s)| **s)
            .map(|(l, _)| l + 3)
            .sum::<usize>()
            + 1
    };
    for &column in drop {
        if needed(&shown) <= usize::from(width) {
            break;
        }
        if let Some(s) = shown.get_mut(column) {
            *s = false;
        }
    }
    shown
}

pub(crate) fn kept<const N: usize>(row: [String; N], shown: &[bool; N]) -> Vec<Cell> {
    (row.into_iter().zip(shown))
        .filter(|(_, s)| **s)
        .map(|(text, _)| Cell::new(text))
        .collect()
}

/// "figure and sources left out to fit 80 columns": what `shown` leaves out of `header`,
/// in lowercase; `None` when it shows every column.
pub(crate) fn left_out<const N: usize>(
    header: [&str; N],
    shown: &[bool; N],
    width: u16,
) -> Option<String> {
    let out: Vec<String> = (header.iter().zip(shown))
        .filter(|(_, s)| !**s)
        .map(|(h, _)| h.to_lowercase())
        .collect();
    (!out.is_empty()).then(|| format!("{} left out to fit {width} columns", out.join(", ")))
}

/// A cell of text from a ledger or a claim, with hostile characters shown visibly.
pub(crate) fn cell(text: &str) -> Cell {
    Cell::new(escape(text))
}

/// A right-aligned cell, for numbers.
pub(crate) fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// Where the text of the headed lines starts: after `Stability  `.
const INDENT: usize = 11;

/// Renders a verdict as text tables and lines `width` columns wide; only a word too long
/// for the width (a URL, an id) makes a line wider.
pub fn render(verdict: &Verdict<'_>, width: u16) -> String {
    let claim = verdict.claim;
    let eval = verdict.evaluation;
    let notes = Footnotes::new(verdict);
    let mut out = String::new();

    out.push_str(&hanging("Claim      ", INDENT, &escape(&claim.text), width));
    if let Some(ja) = &claim.text_ja {
        out.push_str(&hanging("           ", INDENT, &escape(ja), width));
    }
    let place = format!(
        "`{}` · subject {} · window {} to {} · as of {}",
        escape(&claim.id),
        escape(&claim.subject),
        claim.window.from,
        claim.window.to,
        eval.as_of
    );
    out.push_str(&hanging("           ", INDENT, &place, width));
    out.push('\n');
    let h = eval.headline;
    out.push_str(&format!(
        "Verdict    {}  (score {}, coverage {})\n\n",
        h.label.as_str().to_uppercase(),
        score(h.score),
        percent(h.coverage)
    ));

    if let Some(r) = verdict.robustness {
        for (heading, text) in wording::robustness(verdict, &notes, r) {
            let label = format!("{heading:<INDENT$}");
            out.push_str(&hanging(&label, INDENT, &escape(&text), width));
        }
        out.push('\n');
    }

    let mut readings = table(
        vec!["Reading", "Meaning", "Verdict", "Score", "Weight"],
        width,
    );
    for (reading, outcome) in claim.readings.iter().zip(&eval.readings) {
        readings.add_row(vec![
            cell(&reading.id),
            cell(&reading.title),
            Cell::new(outcome.label.as_str()),
            right(score(outcome.score)),
            right(format!("{}", reading.weight)),
        ]);
    }
    out.push_str(&text(readings));
    out.push_str("\n\n");

    let mut header = vec![Cell::new("Axis"), Cell::new("Score")];
    header.extend(claim.readings.iter().map(|r| cell(&r.id)));
    header.extend(["Weight", "Coverage", "Reason"].map(Cell::new));
    let mut axes = table(header, width);
    for (i, (axis, result)) in claim.axes.iter().zip(&eval.axes).enumerate() {
        let mut row = vec![cell(&axis.id), right(score(result.score))];
        row.extend(result.scores.iter().map(|s| right(score(*s))));
        row.push(right(format!("{}", axis.weight)));
        row.push(right(percent(result.coverage)));
        row.push(cell(&reason(verdict, &notes, i)));
        axes.add_row(row);
    }
    out.push_str(&text(axes));
    out.push_str("\n\nSources\n");
    for (n, id) in notes.sources() {
        if let Some(source) = verdict.ledger.source(id) {
            out.push_str(&wording::source_text(n, source, width));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{table, text, widest_id};

    #[test]
    fn the_widest_id_keeps_its_punctuation_but_not_the_sentence_around_it() {
        assert_eq!(widest_id("see `budget-ai-fy2026`, then"), 19);
        assert_eq!(widest_id("[1][2][3]; (FY2025→FY2026)"), 0);
        assert_eq!(widest_id("韓国はAIの社会実装でアジアをリードしている"), 2);
        assert_eq!(widest_id("日本 JP-wide"), 7);
    }

    #[test]
    fn tables_never_split_an_id_but_do_split_a_sentence_without_spaces() {
        let id = "japan-private-ai-investment-rivals-us";
        let mut t = table(vec!["Id", "Text"], 60);
        t.add_row(vec![id, "韓国はAIの社会実装でアジアをリードしている"]);
        let out = text(t);
        assert!(out.contains(id), "{out}");
        assert!(
            out.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60),
            "{out}"
        );

        let mut narrow = table(vec!["Id", "Text"], 30);
        narrow.add_row(vec![id, "a b"]);
        let out = text(narrow);
        assert!(out.contains(id), "wider than asked, but whole:\n{out}");
    }
}
