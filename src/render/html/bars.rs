//! The bar chart of a verdict's axes: each axis's score (its readings combined) as a thick
//! bar and its score under each reading as a thin one, with its weight and coverage in its
//! heading. The axis table beside it holds the same numbers as text.

use crate::render::Verdict;
use crate::render::html::escape::text;
use crate::render::html::svg::{HEADLINE, legend, n, reading, wrap};
use crate::render::wording::{percent, score};

/// The chart's width in its own units; it scales to the page.
const WIDTH: f64 = 400.0;
/// Where the bars start and where a score of 1 ends, leaving room for the value after it.
const LEFT: f64 = 0.0;
const RIGHT: f64 = 352.0;
const THICK: f64 = 14.0;
const THIN: f64 = 7.0;

fn x(v: f64) -> f64 {
    LEFT + v.clamp(0.0, 1.0) * (RIGHT - LEFT)
}

/// A horizontal bar from 0 to `v` at `y`, with its value after it; `no evidence` without.
fn bar(out: &mut String, y: f64, height: f64, colour: &str, v: Option<f64>) {
    match v {
        Some(v) => out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\"/><text class=\"s\" x=\"{}\" y=\"{}\">{}</text>\n",
            n(LEFT),
            n(y),
            n(x(v) - LEFT),
            n(height),
            n(x(v) + 4.0),
            n(y + height - 1.0),
            score(Some(v))
        )),
        None => out.push_str(&format!(
            "<text class=\"s\" x=\"{}\" y=\"{}\">no evidence</text>\n",
            n(LEFT),
            n(y + height - 1.0)
        )),
    }
}

/// The chart as an inline `<svg>`, titled and described for those who cannot see it.
pub(super) fn axes(verdict: &Verdict<'_>) -> String {
    let claim = verdict.claim;
    let eval = verdict.evaluation;
    let mut body = String::new();
    let mut y = legend(&mut body, claim, 12.0, "axis score, readings combined") + 8.0;
    let top = y;
    let mut described = Vec::new();
    for (axis, result) in claim.axes.iter().zip(&eval.axes) {
        let title = verdict
            .ledger
            .axis(&axis.id)
            .map_or(axis.id.as_str(), |a| &a.title);
        for line in wrap(title, 46) {
            body.push_str(&format!(
                "<text class=\"t\" x=\"{}\" y=\"{}\">{}</text>\n",
                n(LEFT),
                n(y + 12.0),
                text(&line)
            ));
            y += 16.0;
        }
        body.push_str(&format!(
            "<text class=\"s\" x=\"{}\" y=\"{}\">weight {} · coverage {}</text>\n",
            n(LEFT),
            n(y + 10.0),
            crate::render::wording::number(axis.weight),
            percent(result.coverage)
        ));
        y += 15.0;
        bar(&mut body, y, THICK, HEADLINE, result.score);
        y += THICK + 3.0;
        let mut per = Vec::new();
        for (i, (r, s)) in claim.readings.iter().zip(&result.scores).enumerate() {
            bar(&mut body, y, THIN, reading(i), *s);
            y += THIN + 5.0;
            per.push(format!("{} {}", r.id, score(*s)));
        }
        y += 8.0;
        described.push(format!(
            "{title}: {} ({}), weight {}, coverage {}.",
            score(result.score),
            per.join(", "),
            crate::render::wording::number(axis.weight),
            percent(result.coverage)
        ));
    }
    let bottom = y;
    let mut grid = String::new();
    for tick in 0..=5 {
        let v = f64::from(tick) / 5.0;
        grid.push_str(&format!(
            "<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/><text class=\"s\" x=\"{0}\" y=\"{3}\" text-anchor=\"{4}\">{5}</text>\n",
            n(x(v)),
            n(top),
            n(bottom),
            n(bottom + 14.0),
            if tick == 0 { "start" } else { "middle" },
            crate::render::wording::number(v)
        ));
    }
    let height = bottom + 36.0;
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"axes-chart-title axes-chart-desc\">\n<title id=\"axes-chart-title\">Score of each axis, from 0 (nothing) to 1 (world level as the claim defines it)</title>\n<desc id=\"axes-chart-desc\">{}</desc>\n{grid}{body}<text class=\"s\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">score (0 to 1)</text>\n</svg>\n",
        n(WIDTH),
        n(height),
        text(&described.join(" ")),
        n(x(0.5)),
        n(bottom + 30.0)
    )
}
