//! The JSON rendering of a verdict: one document, stable field names, documented in
//! `docs/json.md`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::claim::{Goalposts, Measure, Scale, Window};
use crate::engine::{Aggregate, Arithmetic, Label, Outcome, Robustness};
use crate::ledger::{Dimension, Source};
use crate::render::Verdict;
use crate::render::footnotes::Footnotes;
use crate::render::wording;

#[derive(Serialize)]
struct Document<'a> {
    claim: ClaimView<'a>,
    verdict: VerdictView,
    readings: Vec<ReadingView<'a>>,
    axes: Vec<AxisView<'a>>,
    robustness: Option<RobustnessView<'a>>,
    sources: Vec<SourceView<'a>>,
}

#[derive(Serialize)]
struct RobustnessView<'a> {
    draws: u32,
    seed: u64,
    concentration: f64,
    tolerance: f64,
    stability: f64,
    labels: &'a BTreeMap<Label, u32>,
    interval: Option<(f64, f64)>,
    aggregates: &'a [Aggregate],
    aggregates_agree: bool,
    pivotal: Vec<PivotView<'a>>,
}

#[derive(Serialize)]
struct PivotView<'a> {
    id: &'a str,
    label: Label,
    score: Option<f64>,
    footnotes: Vec<usize>,
}

#[derive(Serialize)]
struct ClaimView<'a> {
    id: &'a str,
    text: &'a str,
    text_ja: Option<&'a str>,
    subject: &'a str,
    as_of: NaiveDate,
    window: Window,
}

#[derive(Serialize)]
struct VerdictView {
    label: Label,
    score: Option<f64>,
    coverage: f64,
    claimreview_rating: Option<u8>,
    fever: &'static str,
    averitec: &'static str,
}

impl VerdictView {
    fn new(o: &Outcome) -> VerdictView {
        VerdictView {
            label: o.label,
            score: o.score,
            coverage: o.coverage,
            claimreview_rating: o.label.claimreview(),
            fever: o.label.fever(),
            averitec: o.label.averitec(),
        }
    }
}

#[derive(Serialize)]
struct ReadingView<'a> {
    id: &'a str,
    title: &'a str,
    weight: f64,
    label: Label,
    score: Option<f64>,
    coverage: f64,
}

#[derive(Serialize)]
struct AxisView<'a> {
    id: &'a str,
    title: Option<&'a str>,
    weight: f64,
    score: Option<f64>,
    coverage: f64,
    scores: BTreeMap<&'a str, Option<f64>>,
    criteria: Vec<CriterionView<'a>>,
}

#[derive(Serialize)]
struct CriterionView<'a> {
    id: &'a str,
    title: &'a str,
    weight: f64,
    #[serde(flatten)]
    measure: &'a Measure,
    scale: Scale,
    goalposts: BTreeMap<&'a str, Goalposts>,
    value: Option<f64>,
    dimension: Option<Dimension>,
    discount: Option<f64>,
    arithmetic: Option<&'a Arithmetic>,
    missing: Option<Cow<'a, str>>,
    scores: BTreeMap<&'a str, Option<f64>>,
    records: Vec<&'a str>,
    footnotes: Vec<usize>,
}

/// A numbered source as every JSON document shows it.
#[derive(Serialize)]
pub(crate) struct SourceView<'a> {
    footnote: usize,
    id: &'a str,
    publisher: &'a str,
    title: &'a str,
    kind: crate::ledger::SourceKind,
    published: Option<NaiveDate>,
    url: &'a str,
}

impl SourceView<'_> {
    pub(crate) fn new(footnote: usize, source: &Source) -> SourceView<'_> {
        SourceView {
            footnote,
            id: &source.id,
            publisher: &source.publisher,
            title: &source.title,
            kind: source.kind,
            published: source.published,
            url: &source.url,
        }
    }
}

/// Any JSON document kensho prints: pretty, with a final newline.
pub(crate) fn document(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        // Serializing plain structs cannot fail; say so in the output rather than panic.
        format!("{{\"error\": \"{e}\"}}")
    });
    text.push('\n');
    text
}

/// Renders a verdict as one pretty-printed JSON document with a final newline.
pub fn render(verdict: &Verdict<'_>) -> String {
    let claim = verdict.claim;
    let eval = verdict.evaluation;
    let notes = Footnotes::new(verdict);
    let reading_ids: Vec<&str> = claim.readings.iter().map(|r| r.id.as_str()).collect();
    let by_reading = |scores: &[Option<f64>]| -> BTreeMap<&str, Option<f64>> {
        reading_ids
            .iter()
            .copied()
            .zip(scores.iter().copied())
            .collect()
    };
    let results: Vec<_> = claim.criteria().zip(&eval.criteria).collect();
    let axes = claim
        .axes
        .iter()
        .zip(&eval.axes)
        .enumerate()
        .map(|(i, (axis, result))| AxisView {
            id: &axis.id,
            title: verdict.ledger.axis(&axis.id).map(|a| a.title.as_str()),
            weight: axis.weight,
            score: result.score,
            coverage: result.coverage,
            scores: by_reading(&result.scores),
            criteria: results
                .iter()
                .filter(|(_, r)| r.axis == i)
                .map(|((_, c), r)| {
                    let measured = r.outcome.as_ref().ok();
                    let records = measured.map_or(&[][..], |m| m.records.as_slice());
                    CriterionView {
                        id: &c.id,
                        title: &c.title,
                        weight: c.weight,
                        measure: &c.measure,
                        scale: c.scale,
                        goalposts: claim
                            .readings
                            .iter()
                            .map(|reading| (reading.id.as_str(), claim.goalposts(reading, c)))
                            .collect(),
                        value: measured.map(|m| m.value),
                        dimension: measured.and_then(|m| m.dimension),
                        discount: measured.map(|m| m.discount),
                        arithmetic: measured.map(|m| &m.arithmetic),
                        missing: r.outcome.as_ref().err().map(wording::no_evidence),
                        scores: by_reading(&r.scores),
                        records: records
                            .iter()
                            .map(|&i| verdict.ledger.records[i].id.as_str())
                            .collect(),
                        footnotes: notes.of_records(verdict, records),
                    }
                })
                .collect(),
        })
        .collect();
    let doc = Document {
        claim: ClaimView {
            id: &claim.id,
            text: &claim.text,
            text_ja: claim.text_ja.as_deref(),
            subject: &claim.subject,
            as_of: eval.as_of,
            window: claim.window,
        },
        verdict: VerdictView::new(&eval.headline),
        readings: claim
            .readings
            .iter()
            .zip(&eval.readings)
            .map(|(r, o)| ReadingView {
                id: &r.id,
                title: &r.title,
                weight: r.weight,
                label: o.label,
                score: o.score,
                coverage: o.coverage,
            })
            .collect(),
        axes,
        robustness: verdict.robustness.map(|r: &Robustness| RobustnessView {
            draws: r.settings.draws,
            seed: r.settings.seed,
            concentration: r.settings.concentration,
            tolerance: r.tolerance,
            stability: r.stability,
            labels: &r.labels,
            interval: r.interval,
            aggregates: &r.aggregates,
            aggregates_agree: r.aggregates_agree,
            pivotal: r
                .pivotal
                .iter()
                .map(|p| PivotView {
                    id: &p.id,
                    label: p.label,
                    score: p.score,
                    footnotes: notes.of_records(verdict, &[p.record]),
                })
                .collect(),
        }),
        sources: notes
            .sources()
            .filter_map(|(n, id)| verdict.ledger.source(id).map(|s| (n, s)))
            .map(|(n, s)| SourceView::new(n, s))
            .collect(),
    };
    document(&doc)
}
