//! The verdict page: the claim, the verdict as a badge with each reading's, the axes as a
//! bar chart and a table, the verdict over time, how firm it is, the arithmetic in
//! collapsible sections, and the footnoted sources, with the verdict's ClaimReview markup in
//! its head.

use crate::engine::timeline::Point;
use crate::render::Verdict;
use crate::render::claimreview::{self, Publication};
use crate::render::footnotes::Footnotes;
use crate::render::html::arithmetic::arithmetic;
use crate::render::html::badge::badge;
use crate::render::html::document::{Frame, document};
use crate::render::html::escape::text;
use crate::render::html::notes::{markers, sources};
use crate::render::html::{bars, line};
use crate::render::wording::{self, number, percent, score};

/// The claim, its subject, window and as-of date.
fn heading(verdict: &Verdict<'_>) -> String {
    let claim = verdict.claim;
    let mut out = format!("<h1>{}</h1>\n", text(&claim.text));
    if let Some(ja) = &claim.text_ja {
        out.push_str(&format!("<p class=\"ja\" lang=\"ja\">{}</p>\n", text(ja)));
    }
    let subject = match verdict.ledger.entity(&claim.subject) {
        Some(e) => {
            let ja = (e.name_ja.as_deref())
                .map(|n| format!(" <span lang=\"ja\">{}</span>", text(n)))
                .unwrap_or_default();
            format!(
                "{}{ja} (<code>{}</code>)",
                text(&e.name),
                text(&claim.subject)
            )
        }
        None => format!("<code>{}</code>", text(&claim.subject)),
    };
    out.push_str(&format!(
        "<dl class=\"meta\">\n<div><dt>Subject</dt><dd>{subject}</dd></div>\n<div><dt>Window</dt><dd>{from} to {to}</dd></div>\n<div><dt>As of</dt><dd><time datetime=\"{as_of}\">{as_of}</time></dd></div>\n<div><dt>Claim</dt><dd><code>{id}</code></dd></div>\n</dl>\n",
        from = claim.window.from,
        to = claim.window.to,
        as_of = verdict.evaluation.as_of,
        id = text(&claim.id)
    ));
    out
}

/// The verdict badge with its score and coverage, then each reading's verdict.
fn verdict_section(verdict: &Verdict<'_>) -> String {
    let claim = verdict.claim;
    let h = verdict.evaluation.headline;
    let rating = h
        .label
        .claimreview()
        .map(|r| format!(" · ClaimReview rating {r} of 5"))
        .unwrap_or_default();
    let mut out = format!(
        "<section aria-labelledby=\"verdict\">\n<h2 id=\"verdict\">Verdict</h2>\n<div class=\"verdict\">\n<p>{}</p>\n<p><span class=\"score\">{}</span> <span class=\"muted\">score, 0 to 1</span></p>\n<p>coverage {}{rating} · FEVER {} · AVeriTeC {}</p>\n</div>\n",
        badge(h.label),
        score(h.score),
        percent(h.coverage),
        h.label.fever(),
        h.label.averitec()
    );
    out.push_str("<h3>Each reading</h3>\n<p>The claim’s vague words, read more than one way; the verdict weighs the readings by their weights.</p>\n<div class=\"scroll\" tabindex=\"0\"><table class=\"stack\">\n<thead><tr><th>Reading</th><th>Meaning</th><th>Verdict</th><th class=\"n\">Score</th><th class=\"n\">Weight</th></tr></thead>\n<tbody>\n");
    for (reading, outcome) in claim.readings.iter().zip(&verdict.evaluation.readings) {
        out.push_str(&format!(
            "<tr><td data-label=\"Reading\"><code>{}</code></td><td data-label=\"Meaning\">{}</td><td data-label=\"Verdict\">{}</td><td class=\"n\" data-label=\"Score\">{}</td><td class=\"n\" data-label=\"Weight\">{}</td></tr>\n",
            text(&reading.id),
            text(&reading.title),
            badge(outcome.label),
            score(outcome.score),
            number(reading.weight)
        ));
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
    out
}

/// The axes: the bar chart, then the table with each axis's reasons and footnotes.
fn axes_section(verdict: &Verdict<'_>, notes: &Footnotes) -> String {
    let claim = verdict.claim;
    let mut out = format!(
        "<section aria-labelledby=\"axes\">\n<h2 id=\"axes\">Axes</h2>\n<figure>\n{}<figcaption>Each axis’s score: the thick bar combines the readings, the thin bars are each reading’s. The table below gives the same numbers and the evidence behind them.</figcaption>\n</figure>\n",
        bars::axes(verdict)
    );
    let readings: String = (claim.readings.iter())
        .map(|r| format!("<th class=\"n\"><code>{}</code></th>", text(&r.id)))
        .collect();
    out.push_str(&format!(
        "<div class=\"scroll\" tabindex=\"0\"><table class=\"stack\">\n<thead><tr><th>Axis</th><th class=\"n\">Score</th>{readings}<th class=\"n\">Weight</th><th class=\"n\">Coverage</th><th>Reason</th></tr></thead>\n<tbody>\n"
    ));
    for (i, (axis, result)) in claim.axes.iter().zip(&verdict.evaluation.axes).enumerate() {
        let title = (verdict.ledger.axis(&axis.id)).map_or(axis.id.as_str(), |a| &a.title);
        let per: String = (claim.readings.iter().zip(&result.scores))
            .map(|(r, s)| {
                format!(
                    "<td class=\"n\" data-label=\"{}\">{}</td>",
                    text(&r.id),
                    score(*s)
                )
            })
            .collect();
        let reasons: Vec<String> = wording::reasons(verdict, notes, i)
            .into_iter()
            .map(|r| {
                let marks = r.footnotes.as_deref().map(markers).unwrap_or_default();
                format!("<li>{}{marks}</li>", text(&r.text))
            })
            .collect();
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td class=\"n\" data-label=\"Score\">{}</td>{per}<td class=\"n\" data-label=\"Weight\">{}</td><td class=\"n\" data-label=\"Coverage\">{}</td><td data-label=\"Reason\"><ul class=\"steps\">{}</ul></td></tr>\n",
            text(title),
            score(result.score),
            number(axis.weight),
            percent(result.coverage),
            reasons.join("")
        ));
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
    out
}

/// The verdict over time: the line chart, and its points as a table.
fn timeline_section(verdict: &Verdict<'_>, points: &[Point]) -> String {
    let claim = verdict.claim;
    let mut out = format!(
        "<section aria-labelledby=\"over-time\">\n<h2 id=\"over-time\">Over time</h2>\n<figure>\n{}<figcaption>The claim graded as of the end of each month, using only the records known by then, up to the verdict’s own as-of date. The bands show the label each score gives when enough criteria have evidence; an open circle is a point where too few had evidence for a label. The dashed lines are the readings.</figcaption>\n</figure>\n",
        line::timeline(claim, points)
    );
    let readings: String = (claim.readings.iter())
        .map(|r| format!("<th class=\"n\"><code>{}</code></th>", text(&r.id)))
        .collect();
    out.push_str(&format!(
        "<details>\n<summary>The points as a table</summary>\n<div class=\"scroll\" tabindex=\"0\"><table>\n<thead><tr><th>As of</th><th>Verdict</th><th class=\"n\">Score</th>{readings}<th class=\"n\">Coverage</th></tr></thead>\n<tbody>\n"
    ));
    for p in points {
        let per: String = (p.readings.iter())
            .map(|o| format!("<td class=\"n\">{}</td>", score(o.score)))
            .collect();
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td>{per}<td class=\"n\">{}</td></tr>\n",
            p.as_of,
            p.headline.label,
            score(p.headline.score),
            percent(p.headline.coverage)
        ));
    }
    out.push_str("</tbody>\n</table></div>\n</details>\n</section>\n");
    out
}

/// How firm the verdict is: stability, the labels drawn, the interval, the three aggregates
/// and the pivotal records.
fn firmness_section(verdict: &Verdict<'_>, notes: &Footnotes) -> String {
    let Some(r) = verdict.robustness else {
        return String::new();
    };
    let mut out = format!(
        "<section aria-labelledby=\"firmness\">\n<h2 id=\"firmness\">How firm it is</h2>\n<p>Weights and goalposts are value judgments, so the verdict is recomputed with them redrawn at random, {} times from a fixed seed.</p>\n<dl class=\"firm\">\n<dt>Stability</dt><dd>{}</dd>\n",
        r.settings.draws,
        text(&wording::stability(verdict, r))
    );
    let shares: String = r
        .shares()
        .map(|(label, share)| {
            let draws = r.labels.get(&label).copied().unwrap_or(0);
            format!(
                "<tr><td>{}</td><td class=\"n\">{draws}</td><td class=\"n\">{}</td></tr>",
                badge(label),
                percent(share)
            )
        })
        .collect();
    out.push_str(&format!(
        "<dt>Labels drawn</dt><dd><table>\n<thead><tr><th>Label</th><th class=\"n\">Draws</th><th class=\"n\">Share</th></tr></thead>\n<tbody>{shares}</tbody>\n</table></dd>\n"
    ));
    let interval = match r.interval {
        Some((low, high)) => format!(
            "the score lies between {} and {} in 90% of the draws (5th to 95th percentile)",
            score(Some(low)),
            score(Some(high))
        ),
        None => "no draw gave a score".to_owned(),
    };
    out.push_str(&format!("<dt>Interval</dt><dd>{interval}</dd>\n"));
    let aggregates: String = (r.aggregates.iter())
        .map(|a| {
            format!(
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                wording::aggregator(a.aggregator),
                score(a.score),
                badge(a.label)
            )
        })
        .collect();
    let agree = if r.aggregates_agree {
        "The three agree."
    } else {
        "They disagree: the label depends on how strengths are allowed to make up for weaknesses."
    };
    out.push_str(&format!(
        "<dt>Aggregates</dt><dd><table>\n<thead><tr><th>Axes combined by</th><th class=\"n\">Score</th><th>Label</th></tr></thead>\n<tbody>{aggregates}</tbody>\n</table>{agree}</dd>\n"
    ));
    let pivotal = if r.pivotal.is_empty() {
        "None: no single record, removed, changes the label.".to_owned()
    } else {
        let items: String = (r.pivotal.iter())
            .map(|p| {
                let record = &verdict.ledger.records[p.record];
                format!(
                    "<li><code>{}</code> {}{}: without it, {} ({})</li>\n",
                    text(&p.id),
                    text(record.title()),
                    markers(&notes.of_records(verdict, &[p.record])),
                    badge(p.label),
                    score(p.score)
                )
            })
            .collect();
        format!("The records whose removal alone changes the label:<ul>\n{items}</ul>")
    };
    out.push_str(&format!(
        "<dt>Pivotal records</dt><dd>{pivotal}</dd>\n</dl>\n</section>\n"
    ));
    out
}

/// The verdict page. `points` is the timeline to chart; `index` is the link to the site's
/// index, or `None` for a page that stands alone; `publication` says where and by whom the
/// review is published, for its ClaimReview markup.
pub fn page(
    verdict: &Verdict<'_>,
    points: &[Point],
    index: Option<&str>,
    publication: &Publication,
) -> String {
    let notes = Footnotes::new(verdict);
    let h = verdict.evaluation.headline;
    let mut main = String::from("<article>\n");
    main.push_str(&heading(verdict));
    main.push_str(&verdict_section(verdict));
    main.push_str(&axes_section(verdict, &notes));
    main.push_str(&timeline_section(verdict, points));
    main.push_str(&firmness_section(verdict, &notes));
    main.push_str(&format!(
        "<section aria-labelledby=\"arithmetic\">\n<h2 id=\"arithmetic\">The arithmetic</h2>\n<p>Every number above, recomputed step by step from the records, as <code>kensho explain</code> writes it.</p>\n{}</section>\n",
        arithmetic(verdict)
    ));
    main.push_str(&format!(
        "<section aria-labelledby=\"sources\">\n<h2 id=\"sources\">Sources</h2>\n{}</section>\n</article>\n",
        sources(verdict, &notes)
    ));
    let title = format!("{}: {}", h.label, verdict.claim.text);
    let description = format!(
        "Fact-check: “{}” is rated {} (score {}, as of {}).",
        verdict.claim.text,
        h.label,
        score(h.score),
        verdict.evaluation.as_of
    );
    document(&Frame {
        title: &title,
        description: &description,
        json_ld: Some(&claimreview::render(verdict, publication)),
        index,
        main: &main,
    })
}
