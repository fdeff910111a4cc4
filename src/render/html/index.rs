//! The index of a site: every claim with its verdict badge, score and a sparkline of its
//! score over time, each linking to its page.

use crate::claim::Claim;
use crate::engine::Outcome;
use crate::engine::timeline::Point;
use crate::render::html::badge::badge;
use crate::render::html::document::{Frame, document};
use crate::render::html::escape::text;
use crate::render::html::line::sparkline;
use crate::render::wording::score;

/// One claim on the index.
pub struct Entry<'a> {
    /// The claim.
    pub claim: &'a Claim,
    /// Its headline verdict.
    pub headline: Outcome,
    /// The day it was graded as of.
    pub as_of: chrono::NaiveDate,
    /// Its timeline, for the sparkline.
    pub points: &'a [Point],
    /// The link to its page, relative to the index.
    pub href: &'a str,
}

/// The index page, listing `entries` in the order given.
pub fn index(entries: &[Entry<'_>]) -> String {
    let mut main = format!(
        "<h1>Fact-checks</h1>\n<p>{} claims, each graded against the ledger of dated, sourced evidence. Open one for its axes, its arithmetic and its sources.</p>\n<ol class=\"claims\">\n",
        entries.len()
    );
    for e in entries {
        let ja = (e.claim.text_ja.as_deref())
            .map(|t| format!("<p lang=\"ja\">{}</p>", text(t)))
            .unwrap_or_default();
        main.push_str(&format!(
            "<li>\n<div class=\"what\"><a href=\"{href}\">{claim}</a>{ja}<p class=\"muted\">as of <time datetime=\"{as_of}\">{as_of}</time> · <code>{id}</code></p></div>\n<div class=\"how\">{badge} <span class=\"score\">{score}</span>\n{spark}</div>\n</li>\n",
            href = text(e.href),
            claim = text(&e.claim.text),
            as_of = e.as_of,
            id = text(&e.claim.id),
            badge = badge(e.headline.label),
            score = score(e.headline.score),
            spark = sparkline(e.points)
        ));
    }
    main.push_str("</ol>\n");
    document(&Frame {
        title: "Fact-checks",
        description: &format!(
            "{} fact-checks graded against a ledger of dated, sourced evidence.",
            entries.len()
        ),
        json_ld: None,
        index: None,
        main: &main,
    })
}
