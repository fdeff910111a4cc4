//! How the parts of a diff read in the table and Markdown renderings: verdicts, deltas,
//! criterion values and the records that moved them.

use crate::diff::{AxisGrade, Cause, ClaimDiff, CriterionGrade, CriterionMove, Diff};
use crate::engine::Outcome;
use crate::render::footnotes::Footnotes;
use crate::render::wording::{percent, score, value};

/// Shown where one revision has nothing: a new or removed claim, reading, axis, criterion.
pub const ABSENT: &str = "–";

/// A verdict and its score: `Half True 0.51`.
pub fn outcome(o: Option<Outcome>) -> String {
    o.map_or_else(
        || ABSENT.to_owned(),
        |o| format!("{} {}", o.label, score(o.score)),
    )
}

/// A signed change in score: `+0.04`, `-0.12`; `–` when either side has no score.
pub fn delta(d: Option<f64>) -> String {
    d.map_or_else(|| ABSENT.to_owned(), |d| format!("{d:+.2}"))
}

/// An axis's score: `0.25`.
pub fn axis_score(g: Option<AxisGrade>) -> String {
    g.map_or_else(|| ABSENT.to_owned(), |g| score(g.score))
}

/// An axis's coverage, or how it moved: `100%`, `50% → 100%`.
pub fn coverage(before: Option<AxisGrade>, after: Option<AxisGrade>) -> String {
    let show = |g: Option<AxisGrade>| g.map_or_else(|| ABSENT.to_owned(), |g| percent(g.coverage));
    let (b, a) = (show(before), show(after));
    if b == a { a } else { format!("{b} → {a}") }
}

/// A criterion's value in words: `0.0085 of US`, `no evidence (...)`.
pub fn criterion_value(g: Option<&CriterionGrade<'_>>) -> String {
    match g {
        None => ABSENT.to_owned(),
        Some(g) => match &g.outcome {
            Ok(m) => {
                let self_reported = if m.discount < 1.0 {
                    ", self-reported"
                } else {
                    ""
                };
                format!("{}{self_reported}", value(&g.criterion.measure, m))
            }
            Err(missing) => format!("no evidence ({})", crate::render::wording::missing(missing)),
        },
    }
}

/// A criterion's sub-score before and after: `0.07 → 0.60 (+0.53)`.
pub fn criterion_score(m: &CriterionMove<'_>) -> String {
    let show =
        |g: Option<&CriterionGrade<'_>>| g.map_or_else(|| ABSENT.to_owned(), |g| score(g.score));
    let (b, a) = (show(m.before.as_ref()), show(m.after.as_ref()));
    match m.score_delta() {
        Some(d) => format!("{b} → {a} ({})", delta(Some(d))),
        None => format!("{b} → {a}"),
    }
}

/// One record or entity that moved a criterion: `private-ai-investment-jp-2024 changed [1]`.
pub fn cause(c: &Cause, notes: &Footnotes, code: impl Fn(&str) -> String) -> String {
    let marks = Footnotes::markers(&notes.of(&c.sources));
    let text = format!("{} {}", code(&c.id), c.change.as_str());
    if marks.is_empty() {
        text
    } else {
        format!("{text} {marks}")
    }
}

/// What moved a criterion, one item per line.
pub fn moved_by(
    claim: &ClaimDiff<'_>,
    m: &CriterionMove<'_>,
    notes: &Footnotes,
    code: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut lines: Vec<String> = m
        .moved_by
        .records
        .iter()
        .map(|c| cause(c, notes, &code))
        .collect();
    lines.extend(
        m.moved_by
            .entities
            .iter()
            .map(|c| format!("entity {}", cause(c, notes, &code))),
    );
    lines.extend(
        m.moved_by
            .claim
            .iter()
            .map(|path| format!("claim {}", code(&path.to_string()))),
    );
    if lines.is_empty() {
        lines.push(match (&claim.base, &claim.head) {
            (None, _) => "claim added".to_owned(),
            (_, None) => "claim removed".to_owned(),
            _ => "no record it used changed".to_owned(),
        });
    }
    lines
}

/// A field's value as inline TOML, or `(none)` when the field is absent.
pub fn field(value: Option<&str>) -> String {
    value.unwrap_or("(none)").to_owned()
}

/// The counts line: `6 claims: 1 verdict changed, 1 changed, 4 unchanged`.
pub fn claims_line(diff: &Diff<'_>) -> String {
    let s = diff.summary();
    let parts: Vec<String> = [
        (s.verdicts_changed, "verdict changed", "verdicts changed"),
        (s.added, "added", "added"),
        (s.removed, "removed", "removed"),
        (s.changed, "changed", "changed"),
        (s.unchanged, "unchanged", "unchanged"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    let noun = if s.claims == 1 { "claim" } else { "claims" };
    if parts.is_empty() {
        format!("{} {noun}", s.claims)
    } else {
        format!("{} {noun}: {}", s.claims, parts.join(", "))
    }
}

/// The ledger counts: `1 added, 0 removed, 2 changed`, or `no change`.
pub fn ledger_line(diff: &Diff<'_>) -> String {
    let s = diff.summary();
    if s.ledger_added + s.ledger_removed + s.ledger_changed == 0 {
        return "no change".to_owned();
    }
    format!(
        "{} added, {} removed, {} changed",
        s.ledger_added, s.ledger_removed, s.ledger_changed
    )
}
