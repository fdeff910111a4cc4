//! The verdict over time as a line: the headline score at each point of the timeline, over
//! bands for the labels its score would give, with each reading's score as a thinner line;
//! and the same line small, as an index page's sparkline. A point with no score is a gap in
//! the line, never a 0, and a point whose coverage is too low for a label is an open circle.

use crate::claim::Claim;
use crate::engine::Label;
use crate::engine::timeline::Point;
use crate::render::html::badge::colour;
use crate::render::html::escape::text;
use crate::render::html::svg::{HEADLINE, legend, n, reading};
use crate::render::wording::score;

const WIDTH: f64 = 400.0;
const LEFT: f64 = 34.0;
/// The plot's right edge; the label bands are named beyond it.
const RIGHT: f64 = 312.0;
const PLOT: f64 = 200.0;

/// The label bands, bottom to top: the lowest score of each label.
const BANDS: [(f64, f64, Label); 5] = [
    (0.0, 0.2, Label::False),
    (0.2, 0.4, Label::MostlyFalse),
    (0.4, 0.6, Label::HalfTrue),
    (0.6, 0.8, Label::MostlyTrue),
    (0.8, 1.0, Label::True),
];

/// The `x` of point `i` of `count` between `left` and `right`.
fn across(i: usize, count: usize, left: f64, right: f64) -> f64 {
    if count < 2 {
        return (left + right) / 2.0;
    }
    left + (right - left) * i as f64 / (count - 1) as f64
}

/// The runs of consecutive points that have a score, as `points` attribute values.
fn runs(xy: &[(f64, Option<f64>)]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for &(x, y) in xy {
        match y {
            Some(y) => run.push(format!("{},{}", n(x), n(y))),
            None if run.is_empty() => {}
            None => out.push(std::mem::take(&mut run).join(" ")),
        }
    }
    if !run.is_empty() {
        out.push(run.join(" "));
    }
    out
}

/// Lines through the scored points, one `<polyline>` per run; a lone point draws no line,
/// and the chart marks every point with a circle of its own.
fn lines(out: &mut String, xy: &[(f64, Option<f64>)], colour: &str, width: f64, dashed: bool) {
    let dash = if dashed {
        " stroke-dasharray=\"5 3\""
    } else {
        ""
    };
    for run in runs(xy) {
        out.push_str(&format!(
            "<polyline points=\"{run}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\" stroke-linejoin=\"round\"{dash}/>\n",
            n(width)
        ));
    }
}

/// One point of the timeline in words: `2026-04-30: Half True (0.51)`.
fn described(p: &Point) -> String {
    format!(
        "{}: {} ({})",
        p.as_of,
        p.headline.label,
        score(p.headline.score)
    )
}

/// The timeline chart as an inline `<svg>`, titled and described.
pub(super) fn timeline(claim: &Claim, points: &[Point]) -> String {
    let mut out = String::new();
    let top = legend(&mut out, claim, 12.0, "headline score") + 4.0;
    let bottom = top + PLOT;
    let y = |v: f64| bottom - v.clamp(0.0, 1.0) * PLOT;
    let mut bands = String::new();
    for (low, high, label) in BANDS {
        bands.push_str(&format!(
            "<rect x=\"{left}\" y=\"{top}\" width=\"{width}\" height=\"{height}\" fill=\"{fill}\" fill-opacity=\"0.09\"/><text class=\"s\" x=\"{name_x}\" y=\"{name_y}\">{name}</text>\n<line class=\"grid\" x1=\"{left}\" x2=\"{right}\" y1=\"{bottom}\" y2=\"{bottom}\"/><text class=\"s\" x=\"{tick_x}\" y=\"{tick_y}\" text-anchor=\"end\">{tick}</text>\n",
            left = n(LEFT),
            right = n(RIGHT),
            top = n(y(high)),
            bottom = n(y(low)),
            width = n(RIGHT - LEFT),
            height = n(y(low) - y(high)),
            fill = colour(label),
            name_x = n(RIGHT + 4.0),
            name_y = n((y(high) + y(low)) / 2.0 + 4.0),
            name = label.as_str(),
            tick_x = n(LEFT - 4.0),
            tick_y = n(y(low) + 4.0),
            tick = crate::render::wording::number(low),
        ));
    }
    bands.push_str(&format!(
        "<text class=\"s\" x=\"{}\" y=\"{}\" text-anchor=\"end\">1</text>\n",
        n(LEFT - 4.0),
        n(y(1.0) + 4.0)
    ));
    out.push_str(&bands);
    let count = points.len();
    let x = |i: usize| across(i, count, LEFT + 8.0, RIGHT - 8.0);
    for r in 0..claim.readings.len() {
        let xy: Vec<(f64, Option<f64>)> = (points.iter().enumerate())
            .map(|(i, p)| (x(i), p.readings.get(r).and_then(|o| o.score).map(y)))
            .collect();
        lines(&mut out, &xy, reading(r), 1.5, true);
    }
    let xy: Vec<(f64, Option<f64>)> = (points.iter().enumerate())
        .map(|(i, p)| (x(i), p.headline.score.map(y)))
        .collect();
    lines(&mut out, &xy, HEADLINE, 3.0, false);
    if points.iter().all(|p| p.headline.score.is_none()) {
        out.push_str(&format!(
            "<text class=\"t\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">No score at any point: no criterion had evidence</text>\n",
            n((LEFT + RIGHT) / 2.0),
            n(y(0.5))
        ));
    }
    for (i, p) in points.iter().enumerate() {
        if let Some(s) = p.headline.score {
            let fill = if p.headline.label == Label::NotEnoughEvidence {
                "#fff"
            } else {
                HEADLINE
            };
            out.push_str(&format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{fill}\" stroke=\"{HEADLINE}\" stroke-width=\"2\"><title>{}</title></circle>\n",
                n(x(i)),
                n(y(s)),
                text(&described(p))
            ));
        }
    }
    // Label every point when they fit, else every few, always the last.
    let every = count.div_ceil(6).max(1);
    for (i, p) in points.iter().enumerate() {
        if i % every == 0 || i + 1 == count {
            out.push_str(&format!(
                "<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/><text class=\"s\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                n(x(i)),
                n(bottom),
                n(bottom + 4.0),
                n(bottom + 16.0),
                // A month's end by its month; the last point, the verdict's own day, in full.
                if i + 1 == count {
                    p.as_of.format("%Y-%m-%d")
                } else {
                    p.as_of.format("%Y-%m")
                }
            ));
        }
    }
    out.push_str(&format!(
        "<line class=\"axis\" x1=\"{left}\" x2=\"{right}\" y1=\"{bottom}\" y2=\"{bottom}\"/>\n<text class=\"s\" x=\"{middle}\" y=\"{label_y}\" text-anchor=\"middle\">as of (each month’s end, then the verdict’s day)</text>\n<text class=\"s\" transform=\"translate(10 {centre}) rotate(-90)\" text-anchor=\"middle\">score</text>\n",
        left = n(LEFT),
        right = n(RIGHT),
        bottom = n(bottom),
        middle = n((LEFT + RIGHT) / 2.0),
        label_y = n(bottom + 34.0),
        centre = n((top + bottom) / 2.0)
    ));
    let words: Vec<String> = points.iter().map(described).collect();
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"timeline-chart-title timeline-chart-desc\">\n<title id=\"timeline-chart-title\">The verdict over time: the headline score as of each day</title>\n<desc id=\"timeline-chart-desc\">{}. Open circles: too few criteria had evidence for a label.</desc>\n{out}</svg>\n",
        n(WIDTH),
        n(bottom + 42.0),
        text(&words.join("; "))
    )
}

/// A small line of the headline score over time, for the index page: no axes, the last
/// point in its label's colour, and the first and last scores in its text alternative.
pub(super) fn sparkline(points: &[Point]) -> String {
    let (w, h, pad) = (120.0, 32.0, 3.0);
    let y = |v: f64| h - pad - v.clamp(0.0, 1.0) * (h - 2.0 * pad);
    let count = points.len();
    let x = |i: usize| across(i, count, pad, w - pad);
    let xy: Vec<(f64, Option<f64>)> = (points.iter().enumerate())
        .map(|(i, p)| (x(i), p.headline.score.map(y)))
        .collect();
    let mut out = String::new();
    out.push_str(&format!(
        "<line class=\"grid\" x1=\"0\" x2=\"{}\" y1=\"{1}\" y2=\"{1}\"/>\n",
        n(w),
        n(y(0.5))
    ));
    lines(&mut out, &xy, HEADLINE, 1.5, false);
    let scored: Vec<(usize, &Point, f64)> = (points.iter().enumerate())
        .filter_map(|(i, p)| p.headline.score.map(|s| (i, p, s)))
        .collect();
    if let Some(&(i, p, s)) = scored.last() {
        out.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"/>\n",
            n(x(i)),
            n(y(s)),
            colour(p.headline.label)
        ));
    }
    let said = |p: &Point| format!("{} on {}", score(p.headline.score), p.as_of);
    let alt = match (scored.first(), scored.last()) {
        (Some(&(_, first, _)), Some(&(_, last, _))) => {
            format!("Score over time: {} to {}", said(first), said(last))
        }
        _ => "Score over time: no score at any point".to_owned(),
    };
    let alt = text(&alt);
    format!(
        "<svg class=\"spark\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{alt}\"><title>{alt}</title>\n{out}</svg>",
        n(w),
        n(h)
    )
}
