//! The Markdown rendering of a verdict, for pull requests and reports.

use crate::render::Verdict;
use crate::render::footnotes::Footnotes;
use crate::render::wording::{self, percent, reason, score};

/// Escapes the characters that would break a Markdown table cell.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Renders a verdict as Markdown.
pub fn render(verdict: &Verdict<'_>) -> String {
    let claim = verdict.claim;
    let eval = verdict.evaluation;
    let notes = Footnotes::new(verdict);
    let h = eval.headline;
    let mut out = format!("## {}\n\n", claim.text);
    if let Some(ja) = &claim.text_ja {
        out.push_str(&format!("{ja}\n\n"));
    }
    out.push_str(&format!(
        "**Verdict: {}** (score {}, coverage {}) · claim `{}` · subject {} · window {} to {} · as of {}\n\n",
        h.label,
        score(h.score),
        percent(h.coverage),
        claim.id,
        claim.subject,
        claim.window.from,
        claim.window.to,
        eval.as_of
    ));
    if let Some(r) = verdict.robustness {
        for (heading, text) in wording::robustness(verdict, &notes, r) {
            out.push_str(&format!("- **{heading}**: {text}\n"));
        }
        out.push('\n');
    }
    out.push_str("| Reading | Meaning | Verdict | Score | Weight |\n|---|---|---|---:|---:|\n");
    for (reading, outcome) in claim.readings.iter().zip(&eval.readings) {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(&reading.id),
            cell(&reading.title),
            outcome.label,
            score(outcome.score),
            reading.weight
        ));
    }
    out.push('\n');
    let readings: Vec<String> = claim.readings.iter().map(|r| cell(&r.id)).collect();
    out.push_str(&format!(
        "| Axis | Score | {} | Weight | Coverage | Reason |\n|---|---:|{}---:|---:|---|\n",
        readings.join(" | "),
        "---:|".repeat(readings.len())
    ));
    for (i, (axis, result)) in claim.axes.iter().zip(&eval.axes).enumerate() {
        let per_reading: Vec<String> = result.scores.iter().map(|s| score(*s)).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            cell(&axis.id),
            score(result.score),
            per_reading.join(" | "),
            axis.weight,
            percent(result.coverage),
            cell(&reason(verdict, &notes, i))
        ));
    }
    out.push_str("\n### Sources\n\n");
    for (n, id) in notes.sources() {
        if let Some(source) = verdict.ledger.source(id) {
            out.push_str(&wording::source_markdown(n, source));
        }
    }
    out
}
