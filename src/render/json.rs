//! The JSON rendering of a verdict: one document, stable field names, documented in
//! `docs/json.md`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::claim::{Comparison, Goalposts, Grading, Measure, Passes, Scale, Window};
use crate::engine::{Aggregate, Arithmetic, Grade, Label, Outcome, Robustness};
use crate::ledger::{Dimension, Source};
use crate::render::Verdict;
use crate::render::footnotes::Footnotes;

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
    /// Absent for a threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<Scale>,
    /// Empty, and absent, for a threshold.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    goalposts: BTreeMap<&'a str, Goalposts>,
    /// Absent for goalposts.
    #[serde(skip_serializing_if = "Option::is_none")]
    threshold: Option<ThresholdView>,
    value: Option<f64>,
    /// Absent when every figure behind the value is exact.
    #[serde(skip_serializing_if = "Option::is_none")]
    uncertainty: Option<f64>,
    dimension: Option<Dimension>,
    discount: Option<f64>,
    arithmetic: Option<&'a Arithmetic>,
    missing: Option<String>,
    scores: BTreeMap<&'a str, Option<f64>>,
    records: Vec<&'a str>,
    footnotes: Vec<usize>,
}

/// A threshold: the comparison as written, and its figure in the base unit.
#[derive(Serialize)]
struct ThresholdView {
    text: String,
    comparison: Comparison,
    value: f64,
    /// Whether the value passes: `yes`, `no`, or `too_close` to call; absent without a
    /// value.
    #[serde(skip_serializing_if = "Option::is_none")]
    passes: Option<Passes>,
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

/// Any JSON document kensho prints: pretty, with a final newline, and every hostile
/// character of its strings written as a `\u` escape (see [`Escaping`]).
pub(crate) fn document(value: &impl Serialize) -> String {
    make_document(value, false)
}

/// [`document`] for a document that may be embedded in HTML (in a `<script>` element):
/// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026` too, so that no string
/// can end the element (`</script>`) or open a comment. A JSON reader reads the same values.
pub(crate) fn html_document(value: &impl Serialize) -> String {
    make_document(value, true)
}

/// [`document`] written to `out` as it is made, for a document too large to hold whole.
pub(crate) fn write_document(
    out: &mut impl std::io::Write,
    value: &impl Serialize,
) -> std::io::Result<()> {
    let formatter = Escaping {
        pretty: serde_json::ser::PrettyFormatter::new(),
        html: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, formatter);
    value.serialize(&mut serializer)?;
    out.write_all(b"\n")
}

fn make_document(value: &impl Serialize, html: bool) -> String {
    let mut text = match serialize(value, html) {
        Ok(text) => text,
        // Serializing plain structs cannot fail; say so in the output rather than panic, in
        // a document written and escaped like any other.
        Err(e) => serialize(&serde_json::json!({ "error": e }), html).unwrap_or_default(),
    };
    text.push('\n');
    text
}

fn serialize(value: &impl Serialize, html: bool) -> Result<String, String> {
    let mut bytes = Vec::new();
    let formatter = Escaping {
        pretty: serde_json::ser::PrettyFormatter::new(),
        html,
    };
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    value
        .serialize(&mut serializer)
        .map_err(|e| e.to_string())?;
    // The formatter writes only whole strings of UTF-8 and ASCII escapes.
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// serde_json's pretty layout, with more written as `\u` escapes than JSON requires: every
/// hostile character ([`crate::hostile`]: serde_json escapes C0 controls itself, but writes
/// DEL, C1 controls, direction characters and line separators as they are), and for HTML
/// `<`, `>` and `&`. Every such character lies in the Basic Multilingual Plane, so one
/// `\uXXXX` holds it.
struct Escaping {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    html: bool,
}

impl serde_json::ser::Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if crate::hostile::is_hostile(c) || (self.html && matches!(c, '<' | '>' | '&')) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The layout is the pretty formatter's.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object_value(w)
    }
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
            criteria: eval
                .by_criterion(claim)
                .filter(|(_, _, r)| r.axis == i)
                .map(|(_, c, r)| {
                    let measured = r.outcome.as_ref().ok();
                    let records = measured.map_or(&[][..], |m| m.records.as_slice());
                    CriterionView {
                        id: &c.id,
                        title: &c.title,
                        weight: c.weight,
                        measure: &c.measure,
                        scale: match c.grading {
                            Grading::Goalposts { scale, .. } => Some(scale),
                            Grading::Threshold(_) => None,
                        },
                        goalposts: claim
                            .readings
                            .iter()
                            .filter_map(|reading| match claim.grading(reading, c) {
                                Grading::Goalposts { goalposts, .. } => {
                                    Some((reading.id.as_str(), goalposts))
                                }
                                Grading::Threshold(_) => None,
                            })
                            .collect(),
                        threshold: match c.grading {
                            Grading::Threshold(t) => Some(ThresholdView {
                                text: t.to_string(),
                                comparison: t.comparison,
                                value: t.figure.base(),
                                // Every reading grades against the same threshold.
                                passes: r.grades.first().and_then(Grade::passes),
                            }),
                            Grading::Goalposts { .. } => None,
                        },
                        value: measured.map(|m| m.value),
                        uncertainty: measured.map(|m| m.uncertainty).filter(|u| *u > 0.0),
                        dimension: measured.and_then(|m| m.dimension),
                        discount: measured.map(|m| m.discount),
                        arithmetic: measured.map(|m| &m.arithmetic),
                        missing: r
                            .outcome
                            .as_ref()
                            .err()
                            .map(crate::render::wording::missing),
                        scores: by_reading(&r.scores),
                        records: records
                            .iter()
                            .map(|&i| verdict.ledger.records[i].id())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_escape_what_could_act_on_a_terminal_or_end_a_script() {
        let value = serde_json::json!({
            "x\u{1b}": "a\u{1b}[31m\u{7f}\u{9b}\u{202e}\u{2028}\n</script><!--&",
            "plain": "日本 <= 5",
        });
        let text = document(&value);
        assert!(
            text.chars()
                .all(|c| c == '\n' || !crate::hostile::is_hostile(c)),
            "{text}"
        );
        assert!(
            text.contains(r#""a\u001b[31m\u007f\u009b\u202e\u2028\n</script><!--&""#),
            "{text}"
        );
        assert!(text.contains(r#""x\u001b": "#), "{text}");
        assert!(text.contains(r#""日本 <= 5""#), "{text}");
        let html = html_document(&value);
        assert!(
            html.contains(r#"\u003c/script\u003e\u003c!--\u0026""#),
            "{html}"
        );
        assert!(!html.contains(['<', '>', '&']), "{html}");
        // Either way a reader reads back the same values.
        for text in [text, html] {
            let back: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            assert_eq!(back, value);
        }
    }

    #[test]
    fn a_value_that_cannot_be_serialized_gives_an_escaped_error_document() {
        struct Refused;
        impl Serialize for Refused {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no \"</script>\" \u{202e}"))
            }
        }
        for text in [document(&Refused), html_document(&Refused)] {
            assert!(!text.contains('\u{202e}'), "{text}");
            let back: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            assert_eq!(
                back,
                serde_json::json!({ "error": "no \"</script>\" \u{202e}" })
            );
        }
        assert!(!html_document(&Refused).contains('<'));
    }
}
