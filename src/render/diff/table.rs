//! The terminal rendering of a diff: a summary table of every claim, then for each claim
//! that moved its verdict, readings, axes and criteria with what moved them, then the ledger
//! changes field by field and the numbered sources.

use comfy_table::{Cell, ColumnConstraint, Table, Width};

use crate::diff::{ClaimDiff, ClaimStatus, Diff};
use crate::hostile::escape;
use crate::render::diff::footnotes as diff_footnotes;
use crate::render::diff::wording::{
    axis_score, claims_line, coverage, criterion_score, criterion_value, delta, field, ledger_line,
    moved_by, outcome,
};
use crate::render::footnotes::Footnotes;
use crate::render::table::{WIDTH, cell, right, table};
use crate::render::wording;

/// Keeps column `index` at least as wide as the longest of `words`, so that ids do not break.
fn keep_whole<'w>(table: &mut Table, index: usize, words: impl Iterator<Item = &'w str>) {
    // The boundary counts the cell's padding, one space each side.
    let widest = words.map(|w| w.chars().count() + 2).max().unwrap_or(0);
    let width = u16::try_from(widest).unwrap_or(u16::MAX).min(WIDTH * 2 / 5);
    if let Some(column) = table.column_mut(index) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(width)));
    }
}

/// Renders a diff as text tables.
pub fn render(diff: &Diff<'_>) -> String {
    let notes = diff_footnotes::number(diff);
    let mut out = format!("Diff     {} → {}\n", escape(&diff.base), escape(&diff.head));
    if let Some(as_of) = diff.as_of {
        out.push_str(&format!("As of    {as_of}, for every claim\n"));
    }
    out.push_str(&format!("Claims   {}\n", claims_line(diff)));
    out.push_str(&format!("Ledger   {}\n\n", ledger_line(diff)));

    if !diff.claims.is_empty() {
        let mut summary = table(vec!["Claim", "Before", "After", "Δ score", "Status"]);
        for claim in &diff.claims {
            summary.add_row(vec![
                cell(&claim.id),
                Cell::new(outcome(claim.before())),
                Cell::new(outcome(claim.after())),
                right(delta(claim.score_delta())),
                Cell::new(claim.status().as_str()),
            ]);
        }
        keep_whole(&mut summary, 0, diff.claims.iter().map(|c| c.id.as_str()));
        out.push_str(&summary.to_string());
        out.push_str("\n\n");
    }

    for claim in diff
        .claims
        .iter()
        .filter(|c| c.status() != ClaimStatus::Unchanged)
    {
        out.push_str(&claim_section(claim, &notes));
    }

    if !diff.ledger.is_empty() {
        out.push_str("Ledger changes\n");
        for item in &diff.ledger {
            let marks = Footnotes::markers(&notes.of(&item.sources));
            let marks = if marks.is_empty() {
                marks
            } else {
                format!(" {marks}")
            };
            out.push_str(&format!(
                "  {} {} `{}`{marks}\n",
                item.change.as_str(),
                item.kind.key(),
                escape(&item.id)
            ));
            for f in &item.fields {
                out.push_str(&format!(
                    "      {}: {} → {}\n",
                    escape(&f.path.to_string()),
                    escape(&field(f.before.as_deref())),
                    escape(&field(f.after.as_deref()))
                ));
            }
        }
        out.push('\n');
    }

    let sources = diff_footnotes::sources(&notes, diff);
    if !sources.is_empty() {
        out.push_str("Sources\n");
        for (n, source) in sources {
            out.push_str(&wording::source_text(n, source));
        }
    }
    out
}

fn claim_section(claim: &ClaimDiff<'_>, notes: &Footnotes) -> String {
    let mut out = format!("Claim    {}\n", escape(claim.text()));
    out.push_str(&format!(
        "         `{}` · {}\n",
        escape(&claim.id),
        claim.status().as_str()
    ));
    out.push_str(&format!(
        "Verdict  {} → {}  (score {})\n\n",
        outcome(claim.before()),
        outcome(claim.after()),
        delta(claim.score_delta())
    ));

    let mut readings = table(vec!["Reading", "Before", "After", "Δ score"]);
    for r in &claim.readings {
        readings.add_row(vec![
            cell(&r.id),
            Cell::new(outcome(r.before)),
            Cell::new(outcome(r.after)),
            right(delta(r.score_delta())),
        ]);
    }
    out.push_str(&readings.to_string());
    out.push_str("\n\n");

    if !claim.axes.is_empty() {
        let mut axes = table(vec!["Axis", "Before", "After", "Δ score", "Coverage"]);
        for a in &claim.axes {
            axes.add_row(vec![
                cell(&a.id),
                right(axis_score(a.before)),
                right(axis_score(a.after)),
                right(delta(a.score_delta())),
                Cell::new(coverage(a.before, a.after)),
            ]);
        }
        out.push_str(&axes.to_string());
        out.push_str("\n\n");
    }

    if !claim.criteria.is_empty() {
        let mut criteria = table(vec!["Criterion", "Before", "After", "Score", "Moved by"]);
        for m in &claim.criteria {
            criteria.add_row(vec![
                Cell::new(format!(
                    "{}\n{} · {}",
                    escape(&m.id),
                    escape(&m.axis),
                    escape(m.title())
                )),
                cell(&criterion_value(m.before.as_ref())),
                cell(&criterion_value(m.after.as_ref())),
                Cell::new(criterion_score(m)),
                Cell::new(
                    moved_by(claim, m, notes, |id| escape(id).into_owned())
                        .iter()
                        .map(|line| escape(line).into_owned())
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
            ]);
        }
        keep_whole(
            &mut criteria,
            0,
            claim.criteria.iter().map(|m| m.id.as_str()),
        );
        let causes = claim.criteria.iter().flat_map(|m| &m.moved_by.records);
        keep_whole(&mut criteria, 4, causes.map(|c| c.id.as_str()));
        out.push_str(&criteria.to_string());
        out.push_str("\n\n");
    }

    if !claim.changes.is_empty() {
        out.push_str("Claim file changes\n");
        for f in &claim.changes {
            out.push_str(&format!(
                "  {}: {} → {}\n",
                escape(&f.path.to_string()),
                escape(&field(f.before.as_deref())),
                escape(&field(f.after.as_deref()))
            ));
        }
        out.push('\n');
    }
    out
}
