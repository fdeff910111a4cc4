//! The JSON rendering of a diff: one document, stable field names, documented in
//! `docs/diff.md`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diff::{
    AxisGrade, Cause, Change, ClaimChange, ClaimPath, ClaimStatus, CriterionGrade, Diff,
    FieldChange, Summary,
};
use crate::engine::{Label, Outcome};
use crate::ledger::Dimension;
use crate::render::diff::footnotes as diff_footnotes;
use crate::render::footnotes::Footnotes;
use crate::render::json::{self, SourceView};

#[derive(Serialize)]
struct Document<'a> {
    base: &'a str,
    head: &'a str,
    as_of: Option<NaiveDate>,
    summary: Summary,
    claims: Vec<ClaimView<'a>>,
    ledger: Vec<ItemView<'a>>,
    sources: Vec<SourceView<'a>>,
}

#[derive(Serialize)]
struct OutcomeView {
    label: Label,
    score: Option<f64>,
    coverage: f64,
}

impl OutcomeView {
    fn new(o: Option<Outcome>) -> Option<OutcomeView> {
        o.map(|o| OutcomeView {
            label: o.label,
            score: o.score,
            coverage: o.coverage,
        })
    }
}

#[derive(Serialize)]
struct ClaimView<'a> {
    id: &'a str,
    text: &'a str,
    status: ClaimStatus,
    before: Option<OutcomeView>,
    after: Option<OutcomeView>,
    score_delta: Option<f64>,
    readings: Vec<ReadingView<'a>>,
    axes: Vec<AxisView<'a>>,
    criteria: Vec<CriterionView<'a>>,
    changes: &'a [ClaimChange],
}

#[derive(Serialize)]
struct ReadingView<'a> {
    id: &'a str,
    title: &'a str,
    before: Option<OutcomeView>,
    after: Option<OutcomeView>,
    score_delta: Option<f64>,
}

#[derive(Serialize)]
struct AxisGradeView {
    weight: f64,
    score: Option<f64>,
    coverage: f64,
}

impl AxisGradeView {
    fn new(g: Option<AxisGrade>) -> Option<AxisGradeView> {
        g.map(|g| AxisGradeView {
            weight: g.weight,
            score: g.score,
            coverage: g.coverage,
        })
    }
}

#[derive(Serialize)]
struct AxisView<'a> {
    id: &'a str,
    before: Option<AxisGradeView>,
    after: Option<AxisGradeView>,
    score_delta: Option<f64>,
}

#[derive(Serialize)]
struct GradeView<'a> {
    value: Option<f64>,
    dimension: Option<Dimension>,
    discount: Option<f64>,
    missing: Option<String>,
    score: Option<f64>,
    scores: &'a BTreeMap<String, Option<f64>>,
    records: &'a [String],
}

impl<'a> GradeView<'a> {
    fn new(g: Option<&'a CriterionGrade<'_>>) -> Option<GradeView<'a>> {
        g.map(|g| {
            let measured = g.outcome.as_ref().ok();
            GradeView {
                value: measured.map(|m| m.value),
                dimension: measured.and_then(|m| m.dimension),
                discount: measured.map(|m| m.discount),
                missing: g
                    .outcome
                    .as_ref()
                    .err()
                    .map(crate::render::wording::missing),
                score: g.score,
                scores: &g.scores,
                records: &g.records,
            }
        })
    }
}

#[derive(Serialize)]
struct CauseView<'a> {
    id: &'a str,
    change: Change,
    footnotes: Vec<usize>,
}

#[derive(Serialize)]
struct MovedByView<'a> {
    records: Vec<CauseView<'a>>,
    entities: Vec<CauseView<'a>>,
    claim: &'a [ClaimPath],
}

#[derive(Serialize)]
struct CriterionView<'a> {
    axis: &'a str,
    id: &'a str,
    title: &'a str,
    before: Option<GradeView<'a>>,
    after: Option<GradeView<'a>>,
    score_delta: Option<f64>,
    moved_by: MovedByView<'a>,
}

#[derive(Serialize)]
struct ItemView<'a> {
    kind: &'static str,
    id: &'a str,
    change: Change,
    sources: &'a [String],
    footnotes: Vec<usize>,
    fields: &'a [FieldChange],
}

fn causes<'a>(causes: &'a [Cause], notes: &Footnotes) -> Vec<CauseView<'a>> {
    causes
        .iter()
        .map(|c| CauseView {
            id: &c.id,
            change: c.change,
            footnotes: notes.of(&c.sources),
        })
        .collect()
}

/// Renders a diff as one pretty-printed JSON document with a final newline.
pub fn render(diff: &Diff<'_>) -> String {
    let notes = diff_footnotes::number(diff);
    let claims = diff
        .claims
        .iter()
        .map(|c| ClaimView {
            id: &c.id,
            text: c.text(),
            status: c.status(),
            before: OutcomeView::new(c.before()),
            after: OutcomeView::new(c.after()),
            score_delta: c.score_delta(),
            readings: c
                .readings
                .iter()
                .map(|r| ReadingView {
                    id: &r.id,
                    title: &r.title,
                    before: OutcomeView::new(r.before),
                    after: OutcomeView::new(r.after),
                    score_delta: r.score_delta(),
                })
                .collect(),
            axes: c
                .axes
                .iter()
                .map(|a| AxisView {
                    id: &a.id,
                    before: AxisGradeView::new(a.before),
                    after: AxisGradeView::new(a.after),
                    score_delta: a.score_delta(),
                })
                .collect(),
            criteria: c
                .criteria
                .iter()
                .map(|m| CriterionView {
                    axis: &m.axis,
                    id: &m.id,
                    title: m.title(),
                    before: GradeView::new(m.before.as_ref()),
                    after: GradeView::new(m.after.as_ref()),
                    score_delta: m.score_delta(),
                    moved_by: MovedByView {
                        records: causes(&m.moved_by.records, &notes),
                        entities: causes(&m.moved_by.entities, &notes),
                        claim: &m.moved_by.claim,
                    },
                })
                .collect(),
            changes: &c.changes,
        })
        .collect();
    let document = Document {
        base: &diff.base,
        head: &diff.head,
        as_of: diff.as_of,
        summary: diff.summary(),
        claims,
        ledger: diff
            .ledger
            .iter()
            .map(|item| ItemView {
                kind: item.kind.key(),
                id: &item.id,
                change: item.change,
                sources: &item.sources,
                footnotes: notes.of(&item.sources),
                fields: &item.fields,
            })
            .collect(),
        sources: diff_footnotes::sources(&notes, diff)
            .into_iter()
            .map(|(n, s)| SourceView::new(n, s))
            .collect(),
    };
    json::document(&document)
}
