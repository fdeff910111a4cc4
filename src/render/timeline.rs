//! `kensho timeline`: the verdict and score at each step's end, as a table, as Markdown with
//! a mermaid `xychart-beta` chart of the score, or as JSON. A point with no score is charted
//! as a gap, never as 0: see [`markdown`](fn@markdown).

use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use crate::claim::Claim;
use crate::engine::timeline::Point;
use crate::hostile::escape;
use crate::render::markdown;
use crate::render::wording::{percent, score};
use crate::render::wrap::hanging;

/// The timeline as a text table, `width` columns wide where its words allow.
pub fn table(claim: &Claim, points: &[Point], width: u16) -> String {
    let mut header = vec!["As of".to_owned(), "Verdict".to_owned(), "Score".to_owned()];
    header.extend(claim.readings.iter().map(|r| escape(&r.id).into_owned()));
    header.push("Coverage".to_owned());
    let mut t = crate::render::table::table(header, width);
    for p in points {
        let mut row = vec![
            Cell::new(p.as_of),
            Cell::new(p.headline.label.as_str()),
            Cell::new(score(p.headline.score)).set_alignment(CellAlignment::Right),
        ];
        row.extend(
            p.readings
                .iter()
                .map(|o| Cell::new(score(o.score)).set_alignment(CellAlignment::Right)),
        );
        row.push(Cell::new(percent(p.headline.coverage)).set_alignment(CellAlignment::Right));
        t.add_row(row);
    }
    let title = format!("{} (`{}`)", escape(&claim.text), escape(&claim.id));
    format!(
        "{}{}\n",
        hanging("", 0, &title, width),
        crate::render::table::text(t)
    )
}

/// The timeline as Markdown: a mermaid chart of the score, then the table.
///
/// The chart plots only the points that have a score. A mermaid line needs a number for
/// every label of its x-axis and cannot leave one out, so a point with no score is left off
/// the chart, label and all, rather than drawn as 0: its month is missing from the x-axis,
/// and the table below shows it with `–`. With no score at any point there is no chart.
pub fn markdown(claim: &Claim, points: &[Point]) -> String {
    let scored: Vec<(&Point, f64)> = (points.iter())
        .filter_map(|p| p.headline.score.map(|s| (p, s)))
        .collect();
    let mut out = format!("## Timeline: {}\n\n", markdown::text(&claim.text));
    if !scored.is_empty() {
        let labels: Vec<String> = (scored.iter())
            .map(|(p, _)| format!("\"{}\"", p.as_of.format("%Y-%m")))
            .collect();
        let values: Vec<String> = scored.iter().map(|(_, s)| format!("{s:.2}")).collect();
        out.push_str(&format!(
            "```mermaid\nxychart-beta\n  title \"Score of {} over time\"\n  x-axis [{}]\n  y-axis \"score\" 0 --> 1\n  line [{}]\n```\n\n",
            // Inside the chart's quoted title; mermaid writes a quote as `#quot;`.
            markdown::text(&claim.id).replace('"', "#quot;"),
            labels.join(", "),
            values.join(", ")
        ));
    }
    let readings: Vec<String> = (claim.readings.iter())
        .map(|r| markdown::cell(&r.id))
        .collect();
    out.push_str(&format!(
        "| As of | Verdict | Score | {} | Coverage |\n|---|---|---:|{}---:|\n",
        readings.join(" | "),
        "---:|".repeat(readings.len())
    ));
    for p in points {
        let per: Vec<String> = p.readings.iter().map(|o| score(o.score)).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            p.as_of,
            p.headline.label,
            score(p.headline.score),
            per.join(" | "),
            percent(p.headline.coverage)
        ));
    }
    out.push_str(
        "\nScores of Not Enough Evidence points are shown but carry no verdict; the chart plots them as they are.\n",
    );
    if scored.len() < points.len() {
        out.push_str("Points with no score (–) are left off the chart, not drawn as 0.\n");
    }
    out
}

#[derive(Serialize)]
struct Document<'a> {
    claim: &'a str,
    readings: Vec<&'a str>,
    points: &'a [Point],
}

/// The timeline as one JSON document.
pub fn json(claim: &Claim, points: &[Point]) -> String {
    let doc = Document {
        claim: &claim.id,
        readings: claim.readings.iter().map(|r| r.id.as_str()).collect(),
        points,
    };
    crate::render::json::document(&doc)
}
