//! The terminal rendering of a diff: a summary table of every claim, then for each claim
//! that moved its verdict, readings, axes and criteria with what moved them, then the ledger
//! changes field by field and the numbered sources.

use comfy_table::Cell;

use crate::diff::{ClaimDiff, ClaimStatus, Diff};
use crate::hostile::escape;
use crate::render::diff::footnotes as diff_footnotes;
use crate::render::diff::wording::{
    axis_score, claims_line, coverage, criterion_score, criterion_value, delta, field, ledger_line,
    moved_by, outcome,
};
use crate::render::footnotes::Footnotes;
use crate::render::table::{cell, right, table, text};
use crate::render::wording;
use crate::render::wrap::hanging;

/// Renders a diff as text tables and lines, `width` columns wide where the words allow.
pub fn render(diff: &Diff<'_>, width: u16) -> String {
    let notes = diff_footnotes::number(diff);
    let mut out = format!("Diff     {} → {}\n", escape(&diff.base), escape(&diff.head));
    if let Some(as_of) = diff.as_of {
        out.push_str(&format!("As of    {as_of}, for every claim\n"));
    }
    out.push_str(&format!("Claims   {}\n", claims_line(diff)));
    out.push_str(&format!("Ledger   {}\n\n", ledger_line(diff)));

    if !diff.claims.is_empty() {
        let mut summary = table(vec!["Claim", "Before", "After", "Δ score", "Status"], width);
        for claim in &diff.claims {
            summary.add_row(vec![
                cell(&claim.id),
                Cell::new(outcome(claim.before())),
                Cell::new(outcome(claim.after())),
                right(delta(claim.score_delta())),
                Cell::new(claim.status().as_str()),
            ]);
        }
        out.push_str(&text(summary));
        out.push_str("\n\n");
    }

    for claim in diff
        .claims
        .iter()
        .filter(|c| c.status() != ClaimStatus::Unchanged)
    {
        out.push_str(&claim_section(claim, &notes, width));
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
                let change = format!(
                    "{}: {} → {}",
                    escape(&f.path.to_string()),
                    escape(&field(f.before.as_deref())),
                    escape(&field(f.after.as_deref()))
                );
                out.push_str(&hanging("      ", 8, &change, width));
            }
        }
        out.push('\n');
    }

    let sources = diff_footnotes::sources(&notes, diff);
    if !sources.is_empty() {
        out.push_str("Sources\n");
        for (n, source) in sources {
            out.push_str(&wording::source_text(n, source, width));
        }
    }
    out
}

fn claim_section(claim: &ClaimDiff<'_>, notes: &Footnotes, width: u16) -> String {
    let mut out = hanging("Claim    ", 9, &escape(claim.text()), width);
    let place = format!("`{}` · {}", escape(&claim.id), claim.status().as_str());
    out.push_str(&hanging("         ", 9, &place, width));
    out.push_str(&format!(
        "Verdict  {} → {}  (score {})\n\n",
        outcome(claim.before()),
        outcome(claim.after()),
        delta(claim.score_delta())
    ));

    let mut readings = table(vec!["Reading", "Before", "After", "Δ score"], width);
    for r in &claim.readings {
        readings.add_row(vec![
            cell(&r.id),
            Cell::new(outcome(r.before)),
            Cell::new(outcome(r.after)),
            right(delta(r.score_delta())),
        ]);
    }
    out.push_str(&text(readings));
    out.push_str("\n\n");

    if !claim.axes.is_empty() {
        let mut axes = table(
            vec!["Axis", "Before", "After", "Δ score", "Coverage"],
            width,
        );
        for a in &claim.axes {
            axes.add_row(vec![
                cell(&a.id),
                right(axis_score(a.before)),
                right(axis_score(a.after)),
                right(delta(a.score_delta())),
                Cell::new(coverage(a.before, a.after)),
            ]);
        }
        out.push_str(&text(axes));
        out.push_str("\n\n");
    }

    if !claim.criteria.is_empty() {
        let mut criteria = table(
            vec!["Criterion", "Before", "After", "Score", "Moved by"],
            width,
        );
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
        out.push_str(&text(criteria));
        out.push_str("\n\n");
    }

    if !claim.changes.is_empty() {
        out.push_str("Claim file changes\n");
        for f in &claim.changes {
            let change = format!(
                "{}: {} → {}",
                escape(&f.path.to_string()),
                escape(&field(f.before.as_deref())),
                escape(&field(f.after.as_deref()))
            );
            out.push_str(&hanging("  ", 4, &change, width));
        }
        out.push('\n');
    }
    out
}
