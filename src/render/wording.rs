//! How values read in human output: numbers, amounts, and the one-line reasons of axes.

use chrono::NaiveDate;

use crate::claim::{Grading, Measure};
use crate::engine::exclusion::LeftOut;
use crate::engine::measure::Timing;
use crate::engine::{Aggregator, Arithmetic, MIN_COVERAGE_FRACTION, Measured, Missing, Robustness};
use crate::hostile::escape;
use crate::ledger::{Amount, Dimension, Quantity, Source};
use crate::render::footnotes::Footnotes;
use crate::render::wrap::hanging;
use crate::render::{Verdict, markdown};

/// A number with as many decimals as its size deserves: 5027, 94.3, 2.55, 0.0085.
pub(crate) fn number(v: f64) -> String {
    let a = v.abs();
    let text = if a == 0.0 {
        "0".to_owned()
    } else if a >= 10_000.0 {
        return grouped(v);
    } else if a >= 1000.0 {
        format!("{v:.0}")
    } else if a >= 100.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        // Two significant digits for small ratios.
        let decimals = (-a.log10().floor()) as usize + 1;
        format!("{v:.decimals$}")
    };
    trim(text)
}

/// A large number rounded to a whole, with thousands separators: 11,400.
fn grouped(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

/// A decimal without trailing zeros, or its point when nothing follows: `2.50` as `2.5`.
pub(crate) fn trim(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A score in [0, 1] as two decimals, or `–` when there is none.
pub(crate) fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"))
}

/// A share of 1 as a whole percentage.
pub(crate) fn percent(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// The coverage a verdict needs, [`MIN_COVERAGE`](crate::engine::MIN_COVERAGE), as the
/// fraction it is: `2/3`.
pub(crate) fn min_coverage() -> String {
    let (numerator, denominator) = MIN_COVERAGE_FRACTION;
    format!("{numerator}/{denominator}")
}

/// A quantity as stated: `5027 億円`, `1/30 factor`, `about 1 %`.
pub(crate) fn stated(q: &Quantity) -> String {
    let value = match q.value {
        Amount::Number(v) => trim(format!("{v}")),
        Amount::Fraction {
            numerator,
            denominator,
        } => format!(
            "{}/{}",
            trim(format!("{numerator}")),
            trim(format!("{denominator}"))
        ),
    };
    let about = if q.approximate { "about " } else { "" };
    format!("{about}{value} {}", q.unit.symbol())
}

/// A normalised amount in readable units: yen in 億円/兆円, dollars in USD bn.
pub(crate) fn amount(dimension: Dimension, v: f64) -> String {
    match dimension {
        Dimension::Yen if v.abs() >= 1e12 => format!("{} 兆円", number(v / 1e12)),
        Dimension::Yen => format!("{} 億円", number(v / 1e8)),
        Dimension::Dollars => format!("USD {} bn", number(v / 1e9)),
        Dimension::Share => format!("{}%", number(v)),
        Dimension::Rank => format!("#{}", number(v)),
        Dimension::Count => number(v),
        Dimension::Length => format!("{} km", number(v)),
        Dimension::Power => format!("{} GW", number(v)),
        Dimension::Ratio => format!("×{}", number(v)),
        Dimension::Score => format!("{} points", number(v)),
        Dimension::ExchangeRate => format!("{} JPY/USD", number(v)),
    }
}

/// Why a criterion has no value, in a phrase: `no \`gpu_share\` for \`JP\``.
pub(crate) fn missing(missing: &Missing) -> String {
    match missing {
        Missing::NoValue {
            metric,
            entity,
            period,
        } => {
            let what = metric
                .as_deref()
                .map_or_else(|| "investment amount".to_owned(), |m| format!("`{m}`"));
            let when = period.map(|p| format!(" in {p}")).unwrap_or_default();
            format!("no {what} for `{entity}`{when}")
        }
        Missing::NoPeerValue { metric, entity } => {
            format!("no `{metric}` for `{entity}` and a peer in the same period")
        }
        Missing::NoRank { metric, entity } => {
            format!("no rank or comparable `{metric}` for `{entity}`")
        }
        Missing::NoShare { metric, entity } => {
            format!("no share or comparable `{metric}` for `{entity}`")
        }
        Missing::DivideByZero { metric } => {
            format!("the `{metric}` value to divide by is zero")
        }
        Missing::DifferentUnits { metric, from, to } => {
            format!("`{metric}` in {from} and {to} are in different units and cannot be compared")
        }
        Missing::NoMatchingRecords => "no matching records".to_owned(),
        Missing::NoMatchingAmounts { skipped } => format!(
            "no matching amounts in the total's currency; left out, in another currency with no exchange rate: {}",
            skipped.join(", ")
        ),
        Missing::NoSubjectResult { test, entity } => {
            format!("no `{test}` result for a model from `{entity}`")
        }
        Missing::NoComparatorResult {
            test,
            comparator: Some(model),
        } => format!("no `{test}` result for `{model}`"),
        Missing::NoComparatorResult {
            test,
            comparator: None,
        } => format!("no `{test}` result from outside the subject to compare with"),
        Missing::Ambiguous { candidates } => {
            let each: Vec<String> = candidates
                .iter()
                .map(|c| format!("`{}` ({})", c.id, stated(&c.stated)))
                .collect();
            format!(
                "ambiguous: {} compete for one value; the claim must select one",
                each.join(", ")
            )
        }
        Missing::NotFinite { value } => {
            format!("the computed value is `{value}`, not a finite number, so it is not graded")
        }
    }
}

/// Why a record was left out of a criterion, in a phrase after its id: `` `fy2025`: outside
/// 2026-04-01 to 2026-04-30``.
pub(crate) fn left_out(left: &LeftOut, as_of: NaiveDate) -> String {
    let id = &left.id;
    match left.timing {
        Timing::AfterAsOf { known } => {
            format!("`{id}`: known {known}, after the as-of date {as_of}")
        }
        Timing::OutsideWindow { since, until } => format!("`{id}`: outside {since} to {until}"),
        Timing::OpenStart => {
            format!("`{id}`: open-start period, cannot be placed in the window")
        }
        Timing::RunsPastWindow { last, since, until } => {
            format!("`{id}`: runs to {last}, not wholly inside {since} to {until}")
        }
        // A record that counts is never left out; should one be, its id says enough.
        Timing::Inside => format!("`{id}`"),
    }
}

/// The measured value in a few words: `0.0085 of US`, `#10`, `×2.55`, `6 records`.
pub(crate) fn value(measure: &Measure, measured: &Measured) -> String {
    let v = measured.value;
    match (&measured.arithmetic, measure) {
        (Arithmetic::Ratio { leader, .. }, _) => format!("{} of {}", number(v), leader.entity),
        (
            Arithmetic::StatedRatio {
                stated,
                relative_to,
            },
            _,
        ) => {
            let q = stated.stated;
            let shown = match q.value {
                Amount::Fraction { .. } => stated_value(&q),
                Amount::Number(_) => number(v),
            };
            format!("{shown} of {relative_to} (stated)")
        }
        (
            Arithmetic::Gap {
                frontier_model,
                ratio: true,
                ..
            },
            _,
        ) => format!("×{} of {frontier_model}", number(v)),
        (Arithmetic::Gap { frontier_model, .. }, _) if v >= 0.0 => {
            format!("{} points behind {frontier_model}", number(v))
        }
        (Arithmetic::Gap { frontier_model, .. }, _) => {
            format!("{} points ahead of {frontier_model}", number(-v))
        }
        (Arithmetic::Count { .. }, _) => {
            let unit = if v == 1.0 { "record" } else { "records" };
            format!("{} {unit}", number(v))
        }
        (Arithmetic::Growth { .. }, Measure::Growth { from, to, .. }) => {
            format!("×{} ({from}→{to})", number(v))
        }
        (Arithmetic::Stated { stated }, _) if stated.stated.approximate => {
            format!(
                "about {}",
                amount(measured.dimension.unwrap_or(Dimension::Ratio), v)
            )
        }
        (_, _) => amount(measured.dimension.unwrap_or(Dimension::Ratio), v),
    }
}

fn stated_value(q: &Quantity) -> String {
    let text = stated(q);
    // Drop the unit: a fraction reads on its own.
    text.trim_end_matches(q.unit.symbol()).trim_end().to_owned()
}

/// A numbered source for text output: `[n] publisher — title (date)` and the URL below.
///
/// The line of publisher and title wraps to `width` under itself; the URL is never split.
pub(crate) fn source_text(n: usize, source: &Source, width: u16) -> String {
    let date = source
        .published
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    let line = format!(
        "{} — {}{date}",
        escape(&source.publisher),
        escape(&source.title)
    );
    let mut out = hanging(&format!("[{n}] "), 4, &line, width);
    out.push_str(&format!("    {}\n", escape(&source.url)));
    out
}

/// A numbered source for Markdown: `n. publisher — [title](url) (date)`.
pub(crate) fn source_markdown(n: usize, source: &Source) -> String {
    let date = source
        .published
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    format!(
        "{n}. {} — [{}]({}){date}\n",
        markdown::text(&source.publisher),
        markdown::text(&source.title.replace(['[', ']'], "")),
        markdown::link(&source.url)
    )
}

/// One criterion's part of an axis's reason: its title and value, or why it has none, and
/// the footnote numbers of the records behind the value (`None` without evidence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reason {
    /// `title: value`, `, self-reported` when discounted, or `title: no evidence (why)`.
    pub text: String,
    /// The sources behind the value, ascending; `None` when there is no value.
    pub footnotes: Option<Vec<usize>>,
}

/// Each criterion of an axis in a few words, with its footnote numbers, in claim order.
pub(crate) fn reasons(verdict: &Verdict<'_>, notes: &Footnotes, axis: usize) -> Vec<Reason> {
    verdict
        .evaluation
        .by_criterion(verdict.claim)
        .filter(|(_, _, r)| r.axis == axis)
        .map(|(_, c, r)| match &r.outcome {
            Ok(m) => {
                let self_reported = if m.discount < 1.0 {
                    ", self-reported"
                } else {
                    ""
                };
                Reason {
                    text: format!("{}: {}{self_reported}", c.title, value(&c.measure, m)),
                    footnotes: Some(notes.of_records(verdict, &m.records)),
                }
            }
            Err(why) => Reason {
                text: format!("{}: no evidence ({})", c.title, missing(why)),
                footnotes: None,
            },
        })
        .collect()
}

/// One line per axis: each criterion's title, value and footnote markers.
pub(crate) fn reason(verdict: &Verdict<'_>, notes: &Footnotes, axis: usize) -> String {
    reasons(verdict, notes, axis)
        .into_iter()
        .map(|r| match r.footnotes {
            Some(numbers) => format!("{} {}", r.text, Footnotes::markers(&numbers)),
            None => r.text,
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// How stable the label is, in a sentence: the share of draws that give it, the other
/// labels drawn, and what the draws moved.
pub(crate) fn stability(verdict: &Verdict<'_>, r: &Robustness) -> String {
    let headline = verdict.evaluation.headline.label;
    let others: Vec<String> = (r.shares())
        .filter(|(label, _)| *label != headline)
        .map(|(label, share)| format!("{label} {}", percent(share)))
        .collect();
    let others = if others.is_empty() {
        String::new()
    } else {
        format!(" (otherwise {})", others.join(", "))
    };
    let weights = if r.settings.concentration > 0.0 {
        format!(
            "weights ~ Dirichlet(concentration {})",
            number(r.settings.concentration)
        )
    } else {
        "weights fixed".to_owned()
    };
    // Say what the draws moved: goalposts only where a criterion has them, and approximate
    // figures only where a value rests on one.
    let criteria = || verdict.claim.criteria().map(|(_, c)| c);
    let mut moved = Vec::new();
    if criteria().any(|c| matches!(c.grading, Grading::Goalposts { .. })) {
        moved.push(format!("goalposts ±{}", percent(r.tolerance)));
    }
    if (verdict.evaluation.criteria.iter())
        .any(|c| c.outcome.as_ref().is_ok_and(|m| m.uncertainty > 0.0))
    {
        moved.push("approximate figures within ±10%".to_owned());
    }
    let moved: String = moved.iter().map(|m| format!(", {m}")).collect();
    format!(
        "{} of {} draws give {headline}{others}; {weights}{moved}, seed {}",
        percent(r.stability),
        r.settings.draws,
        r.settings.seed
    )
}

/// How axes were combined, in two words: `arithmetic mean`, `geometric mean`, `weakest axis`.
pub(crate) fn aggregator(aggregator: Aggregator) -> &'static str {
    match aggregator {
        Aggregator::Arithmetic => "arithmetic mean",
        Aggregator::Geometric => "geometric mean",
        Aggregator::Weakest => "weakest axis",
    }
}

/// The robustness summary as (heading, text) lines: stability, interval, aggregators,
/// pivotal evidence with footnote markers.
pub(crate) fn robustness(
    verdict: &Verdict<'_>,
    notes: &Footnotes,
    r: &Robustness,
) -> Vec<(&'static str, String)> {
    let mut lines = vec![("Stability", stability(verdict, r))];
    if let Some((low, high)) = r.interval {
        lines.push((
            "Interval",
            format!("score 5–95%: {} to {}", score(Some(low)), score(Some(high))),
        ));
    }
    let aggregates: Vec<String> = r
        .aggregates
        .iter()
        .map(|a| {
            format!(
                "{} {} {}",
                aggregator(a.aggregator),
                score(a.score),
                a.label
            )
        })
        .collect();
    let agree = if r.aggregates_agree {
        "they agree"
    } else {
        "they disagree"
    };
    lines.push(("Aggregates", format!("{}; {agree}", aggregates.join(" · "))));
    let pivotal = if r.pivotal.is_empty() {
        "none: no single record changes the label".to_owned()
    } else {
        r.pivotal
            .iter()
            .map(|p| {
                let marks = Footnotes::markers(&notes.of_records(verdict, &[p.record]));
                format!(
                    "`{}` {marks} (without it: {} {})",
                    p.id,
                    p.label,
                    score(p.score)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    lines.push(("Pivotal", pivotal));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_meaningful_digits() {
        assert_eq!(number(5027.0), "5027");
        assert_eq!(number(94.3), "94.3");
        assert_eq!(number(2.553), "2.55");
        assert_eq!(number(0.008526), "0.0085");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(10.0), "10");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(11_400.0), "11,400");
        assert_eq!(number(1_000_000.0), "1,000,000");
        assert_eq!(number(-27_000.0), "-27,000");
    }

    #[test]
    fn the_coverage_a_verdict_needs_reads_as_a_fraction() {
        assert_eq!(min_coverage(), "2/3");
    }

    #[test]
    fn amounts_pick_readable_units() {
        assert_eq!(amount(Dimension::Yen, 1.6e12), "1.6 兆円");
        assert_eq!(amount(Dimension::Yen, 3.2e10), "320 億円");
        assert_eq!(amount(Dimension::Dollars, 1e10), "USD 10 bn");
    }
}
