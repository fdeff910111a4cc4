//! `kensho explain`: the arithmetic behind every number of a verdict, written out so that a
//! reader can recompute it by hand from the records shown. Text, Markdown and JSON. Every
//! number comes from the engine: the evaluation's values and [`Grade`]s, and the
//! [`Explanation`]'s left-out records and weighted terms; this file only formats them.

use comfy_table::Cell;
use serde::Serialize;

use crate::claim::{Claim, Criterion, Measure, Passes, Scale};
use crate::engine::exclusion::LeftOut;
use crate::engine::explain::{ExplainedCriterion, Explanation};
use crate::engine::{Arithmetic, CriterionResult, Grade, Label, Mean, Measured, Operand, Term};
use crate::hostile::escape;
use crate::ledger::{Dimension, Quantity};
use crate::render::Verdict;
use crate::render::footnotes::Footnotes;
use crate::render::markdown::{self, cell};
use crate::render::table::cell as text_cell;
use crate::render::wording::{self, amount, number, percent, stated, trim};
use crate::render::wrap::hanging;

/// Which parts to explain.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    /// Only this axis; `None` for all.
    pub axis: Option<String>,
    /// Only this criterion; `None` for all.
    pub criterion: Option<String>,
}

impl Focus {
    fn shows(&self, axis: &str, criterion: &str) -> bool {
        self.axis.as_deref().is_none_or(|a| a == axis)
            && self.criterion.as_deref().is_none_or(|c| c == criterion)
    }
}

/// A number with four significant digits, enough to recompute the next step.
pub fn precise(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    if v.abs() >= 10_000.0 {
        return number(v);
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (3 - magnitude).clamp(0, 12) as usize;
    trim(format!("{v:.decimals$}"))
}

fn operand(op: &Operand) -> String {
    match &op.converted {
        Some(c) => format!(
            "{} × {} JPY/USD (`{}`)",
            stated(&op.stated),
            precise(c.rate),
            c.id
        ),
        None => stated(&op.stated),
    }
}

/// The measure's arithmetic as one line.
pub(crate) fn formula(measured: &Measured) -> String {
    let v = precise(measured.value);
    match &measured.arithmetic {
        Arithmetic::Ratio {
            subject, leader, ..
        } => format!(
            "{} ({}) / {} ({}) = {v}",
            operand(subject),
            subject.entity,
            operand(leader),
            leader.entity
        ),
        Arithmetic::StatedRatio {
            stated: s,
            relative_to,
        } => format!(
            "stated by `{}`: {} of {relative_to} = {v}",
            s.id,
            operand(s)
        ),
        Arithmetic::Stated { stated: s } => format!("stated by `{}`: {} = {v}", s.id, operand(s)),
        Arithmetic::Ranked { subject, field } => format!(
            "{} ({}) is number {v} of {} by value",
            operand(subject),
            subject.entity,
            field.len()
        ),
        Arithmetic::ShareOfTotal { subject, field } => {
            let total: Vec<String> = field.iter().map(|f| precise(f.normalised)).collect();
            format!(
                "{} / ({}) × 100 = {v}%",
                precise(subject.normalised),
                total.join(" + ")
            )
        }
        Arithmetic::Growth { from, to } => format!("{} / {} = {v}", operand(to), operand(from)),
        Arithmetic::Count { counted } => {
            let terms: Vec<String> = counted.iter().map(|c| precise(c.weight)).collect();
            format!("{} = {v}", terms.join(" + "))
        }
        Arithmetic::Sum { parts, skipped } => {
            let dimension = measured
                .dimension
                .unwrap_or(crate::ledger::Dimension::Ratio);
            let terms: Vec<String> = parts.iter().map(operand).collect();
            let mut line = format!(
                "{} = {}",
                terms.join(" + "),
                amount(dimension, measured.value)
            );
            if !skipped.is_empty() {
                line.push_str(&format!(
                    " (skipped, other currency: {})",
                    skipped.join(", ")
                ));
            }
            line
        }
        Arithmetic::Gap {
            subject_model,
            subject,
            frontier_model,
            frontier,
            ratio: true,
        } => format!(
            "{} ({subject_model}) / {} ({frontier_model}) = {v}",
            precise(subject.normalised),
            precise(*frontier)
        ),
        Arithmetic::Gap {
            subject_model,
            subject,
            frontier_model,
            frontier,
            ratio: false,
        } => format!(
            "{} ({frontier_model}) − {} ({subject_model}) = {v} points",
            precise(*frontier),
            precise(subject.normalised)
        ),
    }
}

/// How one reading graded the value, e.g. `log: ln(0.0085 / 0.01) / ln(1 / 0.01) = -0.0348
/// → 0`, or for a threshold `threshold: 2.354e12 > 2e12: met → 1`, or for an approximate
/// value `threshold: about 10 ± 1 <= 10: too close to call: … → 0.5`.
fn step(grade: &Grade) -> String {
    let (mut line, discount, score) = match *grade {
        Grade::Goalposts {
            scale,
            goalposts: g,
            value,
            position,
            clamped,
            discount,
            score,
        } => {
            let (w, n, v) = (precise(g.world), precise(g.nothing), precise(value));
            let mut line = match scale {
                Scale::Linear => {
                    format!("linear: ({v} − {n}) / ({w} − {n}) = {}", precise(position))
                }
                Scale::Log => format!("log: ln({v} / {n}) / ln({w} / {n}) = {}", precise(position)),
            };
            if position != clamped {
                line.push_str(&format!(" → clamped to {}", precise(clamped)));
            }
            (line, discount, score)
        }
        Grade::Threshold {
            threshold: t,
            value,
            uncertainty,
            passes,
            discount,
            score,
        } => {
            let v = if uncertainty > 0.0 {
                format!("about {} ± {}", precise(value), precise(uncertainty))
            } else {
                precise(value)
            };
            let at = format!("{} {}", t.comparison.operator(), precise(t.figure.base()));
            let verdict = match passes {
                Passes::Yes => "met",
                Passes::No => "not met",
                Passes::TooClose => {
                    "too close to call: the threshold lies within the approximation"
                }
            };
            let line = format!(
                "threshold: {v} {at}: {verdict} → {}",
                precise(passes.score())
            );
            (line, discount, score)
        }
    };
    if discount < 1.0 {
        line.push_str(&format!(
            " × {} (self-reported) = {}",
            precise(discount),
            precise(score)
        ));
    }
    line
}

fn maybe(v: Option<f64>) -> String {
    v.map_or_else(|| "no score".to_owned(), precise)
}

/// A weighted mean's terms as a fraction, `(w × s + …) / (w + …)`: only the terms that have a
/// score take part.
fn weighted(mean: &Mean<'_>) -> String {
    let present: Vec<(f64, f64)> = (mean.terms.iter())
        .filter_map(|t| t.score.map(|s| (t.weight, s)))
        .collect();
    let top: Vec<String> = present
        .iter()
        .map(|(w, s)| format!("{} × {}", precise(*w), precise(*s)))
        .collect();
    let bottom: Vec<String> = present.iter().map(|(w, _)| precise(*w)).collect();
    format!("({}) / ({})", top.join(" + "), bottom.join(" + "))
}

/// One row per record a criterion used.
pub(crate) struct Row {
    /// The record's position in the ledger.
    pub record: usize,
    /// The record's id.
    pub id: String,
    /// When it is dated.
    pub when: String,
    /// Its figure as stated, or `—`.
    pub stated: String,
    /// Its figure in the dimension's base unit, or `—`.
    pub normalised: String,
    /// `self-reported`, or nothing.
    pub note: String,
    /// The footnote numbers of its sources.
    pub footnotes: Vec<usize>,
}

/// A quantity in its dimension's base unit, precisely: `930,000,000 USD`.
fn base(q: &Quantity) -> String {
    let n = q.normalised();
    let unit = match n.dimension {
        Dimension::Yen => " JPY",
        Dimension::Dollars => " USD",
        Dimension::Share => "%",
        Dimension::Rank => " (rank)",
        Dimension::Count => "",
        Dimension::Length => " km",
        Dimension::Power => " GW",
        Dimension::Ratio => " (ratio)",
        Dimension::Score => " points",
        Dimension::ExchangeRate => " JPY/USD",
    };
    format!("{}{unit}", precise(n.value))
}

/// The records `m` used, one row each.
pub(crate) fn rows(verdict: &Verdict<'_>, notes: &Footnotes, m: &Measured) -> Vec<Row> {
    m.records
        .iter()
        .map(|&i| {
            let r = &verdict.ledger.records[i];
            let q = r.body.figure();
            Row {
                record: i,
                id: r.id().to_string(),
                when: r.when.to_string(),
                stated: q.as_ref().map_or_else(|| "—".to_owned(), stated),
                normalised: q.map_or_else(|| "—".to_owned(), |q| base(&q)),
                note: if r.self_reported {
                    "self-reported".to_owned()
                } else {
                    String::new()
                },
                footnotes: notes.of_records(verdict, &[i]),
            }
        })
        .collect()
}

/// A verdict with its footnotes and what the engine hands over beyond the evaluation: what
/// every rendering of the arithmetic walks through.
pub(crate) struct Walk<'a> {
    verdict: &'a Verdict<'a>,
    /// The verdict's footnote numbering.
    pub notes: Footnotes,
    /// What the engine hands over beyond the evaluation.
    pub explanation: Explanation<'a>,
}

impl<'a> Walk<'a> {
    /// The walk through `verdict`.
    pub(crate) fn new(verdict: &'a Verdict<'a>) -> Walk<'a> {
        Walk {
            verdict,
            notes: Footnotes::new(verdict),
            explanation: Explanation::new(verdict.claim, verdict.ledger, verdict.evaluation),
        }
    }

    /// The criteria `focus` shows, each with what it left out.
    fn shown<'w>(&'w self, focus: &'w Focus) -> impl Iterator<Item = &'w ExplainedCriterion<'a>> {
        (self.explanation.criteria.iter()).filter(|e| focus.shows(&e.axis.id, &e.criterion.id))
    }

    /// The numbered sources behind the criteria `focus` shows, numbered as in `verify`.
    fn shown_sources(&self, focus: &Focus) -> Vec<(usize, String)> {
        let mut numbers: Vec<usize> = self
            .shown(focus)
            .filter_map(|e| e.result.outcome.as_ref().ok())
            .flat_map(|m| self.notes.of_records(self.verdict, &m.records))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        self.notes
            .sources()
            .filter(|(n, _)| numbers.binary_search(n).is_ok())
            .map(|(n, id)| (n, id.to_owned()))
            .collect()
    }

    /// Each reading's grading of the value, as the engine did it.
    pub(crate) fn steps(&self, result: &CriterionResult) -> Vec<(String, String)> {
        (self.verdict.claim.readings.iter())
            .zip(&result.grades)
            .map(|(reading, grade)| (reading.id.clone(), step(grade)))
            .collect()
    }

    /// Each reading's mean of the axis's criteria, then their combination.
    pub(crate) fn axis_lines(&self, a: usize) -> Vec<(String, String)> {
        let Some(axis) = self.explanation.axes.get(a) else {
            return Vec::new();
        };
        let mut lines: Vec<(String, String)> = (axis.readings.iter())
            .map(|r| {
                let line = format!("{} = {}", weighted(&r.mean), maybe(r.mean.score));
                (r.reading.id.clone(), line)
            })
            .collect();
        lines.push((
            "combined".to_owned(),
            format!(
                "{} = {}; coverage {}",
                weighted(&axis.combined),
                maybe(axis.combined.score),
                percent(axis.result.coverage)
            ),
        ));
        lines
    }

    /// Each reading's mean of the axes and its label, then the headline.
    pub(crate) fn verdict_lines(&self) -> Vec<(String, String)> {
        let x = &self.explanation;
        let mut lines: Vec<(String, String)> = (x.readings.iter())
            .map(|r| {
                let o = r.outcome;
                let line = format!("{} = {} → {}", weighted(&r.mean), maybe(o.score), o.label);
                (r.reading.id.clone(), line)
            })
            .collect();
        let h = x.headline.outcome;
        let coverage = if h.label == Label::NotEnoughEvidence {
            format!(
                "coverage {} is below {} → {}",
                percent(h.coverage),
                wording::min_coverage(),
                h.label
            )
        } else {
            format!("coverage {} → {}", percent(h.coverage), h.label)
        };
        lines.push((
            "headline".to_owned(),
            format!(
                "{} = {}; {coverage}",
                weighted(&x.headline.mean),
                maybe(h.score)
            ),
        ));
        lines
    }
}

fn heading(claim: &Claim, as_of: chrono::NaiveDate, width: u16) -> String {
    let title = format!("{} (`{}`)", escape(&claim.text), escape(&claim.id));
    let place = format!(
        "subject {} · window {} to {} · as of {}",
        escape(&claim.subject),
        claim.window.from,
        claim.window.to,
        as_of
    );
    hanging("", 0, &title, width) + &hanging("", 0, &place, width)
}

/// How the text and Markdown explanations differ; the walk through the verdict is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Plain text with box tables, for the terminal, wrapped to this many columns.
    Text(u16),
    /// Markdown with pipe tables and lists.
    Markdown,
}

impl Style {
    /// One labelled line: `label      text` or `- label: text`.
    fn line(self, label: &str, text: &str) -> String {
        match self {
            Style::Text(width) => {
                hanging(&format!("{:<10} ", escape(label)), 11, &escape(text), width)
            }
            Style::Markdown => format!("- {}: {}\n", markdown::text(label), markdown::text(text)),
        }
    }

    /// Text from the ledger or a claim, shown safely in this style.
    fn text(self, text: &str) -> String {
        match self {
            Style::Text(_) => escape(text).into_owned(),
            Style::Markdown => markdown::text(text),
        }
    }

    fn heading(self, claim: &Claim, as_of: chrono::NaiveDate) -> String {
        match self {
            Style::Text(width) => heading(claim, as_of, width),
            Style::Markdown => format!(
                "## Explain: {}\n\nclaim `{}` · subject {} · window {} to {} · as of {}\n",
                markdown::text(&claim.text),
                markdown::text(&claim.id),
                markdown::text(&claim.subject),
                claim.window.from,
                claim.window.to,
                as_of
            ),
        }
    }

    fn axis(self, id: &str, weight: f64) -> String {
        let id = self.text(id);
        match self {
            Style::Text(_) => format!("\n== axis `{id}` (weight {}) ==\n", precise(weight)),
            Style::Markdown => format!("\n### Axis `{id}` (weight {})\n", precise(weight)),
        }
    }

    fn criterion(self, c: &Criterion) -> String {
        let (id, weight, measure) = (self.text(&c.id), precise(c.weight), c.measure.kind().key());
        match self {
            Style::Text(width) => {
                let line = format!(
                    "criterion `{id}`: {} (weight {weight}, measure {measure}) --",
                    escape(&c.title)
                );
                format!("\n{}", hanging("-- ", 3, &line, width))
            }
            Style::Markdown => format!(
                "\n#### `{id}`: {} (weight {weight}, measure `{measure}`)\n\n",
                cell(&c.title)
            ),
        }
    }

    fn records(self, rows: Vec<Row>) -> String {
        match self {
            Style::Text(width) => {
                let mut t = crate::render::table::table(
                    vec![
                        "Record",
                        "When",
                        "As stated",
                        "Normalised",
                        "Note",
                        "Sources",
                    ],
                    width,
                );
                for row in rows {
                    t.add_row(vec![
                        text_cell(&format!("`{}`", row.id)),
                        Cell::new(row.when),
                        text_cell(&row.stated),
                        Cell::new(row.normalised),
                        Cell::new(row.note),
                        Cell::new(Footnotes::markers(&row.footnotes)),
                    ]);
                }
                format!("{}\n", crate::render::table::text(t))
            }
            Style::Markdown => {
                let mut out = String::from(
                    "| Record | When | As stated | Normalised | Note | Sources |\n|---|---|---|---|---|---|\n",
                );
                for row in rows {
                    out.push_str(&format!(
                        "| `{}` | {} | {} | {} | {} | {} |\n",
                        cell(&row.id),
                        row.when,
                        cell(&row.stated),
                        cell(&row.normalised),
                        row.note,
                        Footnotes::markers(&row.footnotes)
                    ));
                }
                out.push('\n');
                out
            }
        }
    }

    fn section(self, text: &str, markdown: &str) -> String {
        match self {
            Style::Text(_) => format!("\n{text}\n"),
            Style::Markdown => format!("\n{markdown}\n\n"),
        }
    }

    fn source(self, n: usize, source: &crate::ledger::Source) -> String {
        match self {
            Style::Text(width) => wording::source_text(n, source, width),
            Style::Markdown => wording::source_markdown(n, source),
        }
    }
}

/// The explanation as plain text with tables, `width` columns wide where its words allow.
pub fn table(verdict: &Verdict<'_>, focus: &Focus, width: u16) -> String {
    explain(verdict, focus, Style::Text(width))
}

/// The explanation as Markdown.
pub fn markdown(verdict: &Verdict<'_>, focus: &Focus) -> String {
    explain(verdict, focus, Style::Markdown)
}

fn explain(verdict: &Verdict<'_>, focus: &Focus, style: Style) -> String {
    let walk = Walk::new(verdict);
    let claim = verdict.claim;
    let as_of = walk.explanation.as_of;
    let mut out = style.heading(claim, as_of);
    let mut last_axis = usize::MAX;
    for explained in walk.shown(focus) {
        let ExplainedCriterion {
            axis,
            criterion: c,
            result,
            left_out,
        } = explained;
        let a = result.axis;
        if a != last_axis {
            out.push_str(&style.axis(&axis.id, axis.weight));
            last_axis = a;
        }
        out.push_str(&style.criterion(c));
        match &result.outcome {
            Ok(m) => {
                out.push_str(&style.records(rows(verdict, &walk.notes, m)));
                out.push_str(&style.line("value", &formula(m)));
                for (reading, line) in walk.steps(result) {
                    out.push_str(&style.line(&reading, &line));
                }
            }
            Err(missing) => {
                let text = style.text(&format!("no evidence: {}", wording::missing(missing)));
                out.push_str(&match style {
                    Style::Text(width) => hanging("", 4, &text, width),
                    Style::Markdown => format!("- {text}\n"),
                });
            }
        }
        for l in left_out {
            out.push_str(&style.line("left out", &wording::left_out(l, as_of)));
        }
        // Text says so when a count or sum left nothing out; Markdown lists only what it did.
        if matches!(style, Style::Text(_))
            && left_out.is_empty()
            && matches!(c.measure, Measure::Count(_) | Measure::Sum(_))
        {
            out.push_str(&style.line("left out", "none"));
        }
        if axis.criteria.last().is_some_and(|last| last.id == c.id) && focus.criterion.is_none() {
            out.push_str(&match style {
                Style::Text(_) => format!("\naxis `{}`\n", style.text(&axis.id)),
                Style::Markdown => format!("\nAxis `{}`:\n\n", style.text(&axis.id)),
            });
            for (reading, line) in walk.axis_lines(a) {
                out.push_str(&style.line(&reading, &line));
            }
        }
    }
    if focus.axis.is_none() && focus.criterion.is_none() {
        out.push_str(&style.section("== verdict ==", "### Verdict"));
        for (reading, line) in walk.verdict_lines() {
            out.push_str(&style.line(&reading, &line));
        }
    }
    out.push_str(&style.section("Sources", "### Sources"));
    for (n, id) in walk.shown_sources(focus) {
        if let Some(s) = verdict.ledger.source(&id) {
            out.push_str(&style.source(n, s));
        }
    }
    out
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonStep<'a> {
    Goalposts {
        reading: &'a str,
        scale: Scale,
        world: f64,
        nothing: f64,
        position: f64,
        clamped: f64,
        discount: f64,
        score: f64,
    },
    Threshold {
        reading: &'a str,
        threshold: String,
        uncertainty: f64,
        passes: Passes,
        discount: f64,
        score: f64,
    },
}

impl<'a> JsonStep<'a> {
    fn of(reading: &'a str, grade: &Grade) -> JsonStep<'a> {
        match *grade {
            Grade::Goalposts {
                scale,
                goalposts,
                position,
                clamped,
                discount,
                score,
                ..
            } => JsonStep::Goalposts {
                reading,
                scale,
                world: goalposts.world,
                nothing: goalposts.nothing,
                position,
                clamped,
                discount,
                score,
            },
            Grade::Threshold {
                threshold,
                uncertainty,
                passes,
                discount,
                score,
                ..
            } => JsonStep::Threshold {
                reading,
                threshold: threshold.to_string(),
                uncertainty,
                passes,
                discount,
                score,
            },
        }
    }
}

#[derive(Serialize)]
struct JsonRecord {
    id: String,
    when: String,
    stated: Option<Quantity>,
    normalised: Option<f64>,
    self_reported: bool,
    footnotes: Vec<usize>,
}

#[derive(Serialize)]
struct JsonCriterion<'a> {
    /// The claim axis the criterion belongs to; `axis` is the count filter's axis.
    claim_axis: &'a str,
    id: &'a str,
    title: &'a str,
    weight: f64,
    #[serde(flatten)]
    measure: &'a Measure,
    records: Vec<JsonRecord>,
    value: Option<f64>,
    formula: Option<String>,
    arithmetic: Option<&'a Arithmetic>,
    missing: Option<String>,
    steps: Vec<JsonStep<'a>>,
    left_out: &'a [LeftOut],
}

#[derive(Serialize)]
struct JsonCombination<'a> {
    id: &'a str,
    reading: Option<&'a str>,
    terms: &'a [Term<'a>],
    score: Option<f64>,
}

#[derive(Serialize)]
struct JsonExplain<'a> {
    claim: &'a str,
    as_of: chrono::NaiveDate,
    criteria: Vec<JsonCriterion<'a>>,
    axes: Vec<JsonCombination<'a>>,
    readings: Vec<JsonCombination<'a>>,
    headline: JsonCombination<'a>,
    label: Label,
    coverage: f64,
    sources: Vec<JsonSource>,
}

#[derive(Serialize)]
struct JsonSource {
    footnote: usize,
    id: String,
    url: String,
}

/// The explanation as one JSON document.
pub fn json(verdict: &Verdict<'_>, focus: &Focus) -> String {
    let walk = Walk::new(verdict);
    let claim = verdict.claim;
    let e = verdict.evaluation;
    let criteria = walk
        .shown(focus)
        .map(|explained| {
            let (c, result) = (explained.criterion, explained.result);
            let m = result.outcome.as_ref().ok();
            JsonCriterion {
                claim_axis: &explained.axis.id,
                id: &c.id,
                title: &c.title,
                weight: c.weight,
                measure: &c.measure,
                records: m.map_or_else(Vec::new, |m| {
                    m.records
                        .iter()
                        .map(|&i| {
                            let r = &verdict.ledger.records[i];
                            let q = r.body.figure();
                            JsonRecord {
                                id: r.id().to_string(),
                                when: r.when.to_string(),
                                stated: q,
                                normalised: q.map(|q| q.normalised().value),
                                self_reported: r.self_reported,
                                footnotes: walk.notes.of_records(verdict, &[i]),
                            }
                        })
                        .collect()
                }),
                value: m.map(|m| m.value),
                formula: m.map(formula),
                arithmetic: m.map(|m| &m.arithmetic),
                missing: result.outcome.as_ref().err().map(wording::missing),
                steps: (claim.readings.iter())
                    .zip(&result.grades)
                    .map(|(reading, grade)| JsonStep::of(&reading.id, grade))
                    .collect(),
                left_out: &explained.left_out,
            }
        })
        .collect();
    let x = &walk.explanation;
    let axes = (x.axes.iter())
        .flat_map(|axis| {
            axis.readings.iter().map(|r| JsonCombination {
                id: &axis.axis.id,
                reading: Some(&r.reading.id),
                terms: &r.mean.terms,
                score: r.mean.score,
            })
        })
        .collect();
    let readings = (x.readings.iter())
        .map(|r| JsonCombination {
            id: &r.reading.id,
            reading: Some(&r.reading.id),
            terms: &r.mean.terms,
            score: r.mean.score,
        })
        .collect();
    let headline = JsonCombination {
        id: "headline",
        reading: None,
        terms: &x.headline.mean.terms,
        score: x.headline.mean.score,
    };
    let doc = JsonExplain {
        claim: &claim.id,
        as_of: e.as_of,
        criteria,
        axes,
        readings,
        headline,
        label: e.headline.label,
        coverage: e.headline.coverage,
        sources: walk
            .shown_sources(focus)
            .into_iter()
            .map(|(footnote, id)| JsonSource {
                footnote,
                url: verdict
                    .ledger
                    .source(&id)
                    .map(|s| s.url.clone())
                    .unwrap_or_default(),
                id,
            })
            .collect(),
    };
    crate::render::json::document(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precise_keeps_four_significant_digits() {
        assert_eq!(precise(0.008525852), "0.008526");
        assert_eq!(precise(2.5530726), "2.553");
        assert_eq!(precise(23.599999999), "23.6");
        assert_eq!(precise(1.6e12), "1,600,000,000,000");
        assert_eq!(precise(-0.0348), "-0.0348");
    }
}
