//! The arithmetic behind a verdict, as `kensho explain` writes it out, in collapsible
//! sections: one per criterion (the records it used, its value's formula, each reading's
//! grading, the records it left out), one per axis's means, and one for the verdict. The
//! walk and every line come from [`crate::render::explain`]; this file only lays them out.

use crate::render::Verdict;
use crate::render::explain::{Walk, formula, rows};
use crate::render::html::escape::{lines, text};
use crate::render::html::notes::markers;
use crate::render::wording::{self, number, value};

/// Labelled lines as a list: `<li><b>parity</b>: linear: …</li>`.
fn list(items: &[(String, String)]) -> String {
    let mut out = String::from("<ul class=\"steps\">\n");
    for (label, line) in items {
        out.push_str(&format!(
            "<li><b>{}</b>: {}</li>\n",
            text(label),
            text(line)
        ));
    }
    out.push_str("</ul>\n");
    out
}

/// The records a criterion used, with their titles, notes and sources.
fn records(verdict: &Verdict<'_>, walk: &Walk<'_>, m: &crate::engine::Measured) -> String {
    let mut out = String::from(
        "<div class=\"scroll\" tabindex=\"0\"><table class=\"stack\">\n<thead><tr><th>Record</th><th>When</th><th>As stated</th><th>Normalised</th><th>Sources</th></tr></thead>\n<tbody>\n",
    );
    for row in rows(verdict, &walk.notes, m) {
        let record = &verdict.ledger.records[row.record];
        let ja = record
            .title_ja()
            .map(|t| format!("<br><span lang=\"ja\">{}</span>", text(t)))
            .unwrap_or_default();
        let note = record
            .note()
            .map(|t| format!("<span class=\"note\">{}</span>", lines(t)))
            .unwrap_or_default();
        let self_reported = if row.note.is_empty() {
            String::new()
        } else {
            format!(" <em>({})</em>", text(&row.note))
        };
        out.push_str(&format!(
            "<tr><td><code>{}</code><br>{}{ja}{self_reported}{note}</td><td class=\"nw\" data-label=\"When\">{}</td><td data-label=\"As stated\">{}</td><td data-label=\"Normalised\">{}</td><td data-label=\"Sources\">{}</td></tr>\n",
            text(&row.id),
            text(record.title()),
            text(&row.when),
            text(&row.stated),
            text(&row.normalised),
            markers(&row.footnotes)
        ));
    }
    out.push_str("</tbody>\n</table></div>\n");
    out
}

/// Every criterion, axis by axis, then the verdict, each in a `<details>` element.
pub(super) fn arithmetic(verdict: &Verdict<'_>) -> String {
    let walk = Walk::new(verdict);
    let as_of = walk.explanation.as_of;
    let mut out = String::new();
    let criteria = &walk.explanation.criteria;
    for (a, axis) in verdict.claim.axes.iter().enumerate() {
        let title = (verdict.ledger.axis(&axis.id)).map_or(axis.id.as_str(), |x| &x.title);
        out.push_str(&format!(
            "<h3>{} <span class=\"muted\">(axis <code>{}</code>, weight {})</span></h3>\n",
            text(title),
            text(&axis.id),
            number(axis.weight)
        ));
        for explained in criteria.iter().filter(|e| e.result.axis == a) {
            let c = explained.criterion;
            let result = explained.result;
            let found = match &result.outcome {
                Ok(m) => value(&c.measure, m),
                Err(_) => "no evidence".to_owned(),
            };
            out.push_str(&format!(
                "<details>\n<summary>{}: {}</summary>\n<p class=\"muted\">criterion <code>{}</code> · weight {} · measure <code>{}</code></p>\n",
                text(&c.title),
                text(&found),
                text(&c.id),
                number(c.weight),
                c.measure.kind().key()
            ));
            match &result.outcome {
                Ok(m) => {
                    out.push_str(&records(verdict, &walk, m));
                    let mut steps = vec![("value".to_owned(), formula(m))];
                    steps.extend(walk.steps(result));
                    out.push_str(&list(&steps));
                }
                Err(missing) => out.push_str(&format!(
                    "<p>No evidence: {}.</p>\n",
                    text(&wording::missing(missing))
                )),
            }
            if !explained.left_out.is_empty() {
                let left: Vec<(String, String)> = (explained.left_out.iter())
                    .map(|l| ("left out".to_owned(), wording::left_out(l, as_of)))
                    .collect();
                out.push_str(&list(&left));
            }
            out.push_str("</details>\n");
        }
        out.push_str(&format!(
            "<details>\n<summary>{}: the axis’s means</summary>\n{}</details>\n",
            text(title),
            list(&walk.axis_lines(a))
        ));
    }
    out.push_str(&format!(
        "<h3>The verdict</h3>\n<details>\n<summary>Each reading’s mean of the axes, then the headline</summary>\n{}</details>\n",
        list(&walk.verdict_lines())
    ));
    out
}
