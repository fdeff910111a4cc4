//! The verdict as schema.org `ClaimReview` markup (JSON-LD): the form in which fact-checks
//! are published for search engines and fact-check aggregators. kensho knows the claim, the
//! rating, the reasons and the sources; the page the review appears on and who publishes it
//! (`url`, `author`) are the publisher's to add. Documented in `docs/json.md`.

use serde::Serialize;

use crate::ledger::EntityKind;
use crate::render::Verdict;
use crate::render::footnotes::Footnotes;
use crate::render::wording::{percent, reason, score};

#[derive(Serialize)]
struct Review<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    identifier: &'a str,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: &'a str,
    /// The as-of date the verdict speaks for: kensho reads no clock.
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "itemReviewed")]
    item_reviewed: Claim<'a>,
    #[serde(rename = "reviewRating")]
    review_rating: Rating,
    #[serde(rename = "reviewBody")]
    review_body: String,
    citation: Vec<Citation<'a>>,
}

#[derive(Serialize)]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName", skip_serializing_if = "Option::is_none")]
    alternate_name: Option<&'a str>,
    about: About<'a>,
    /// The window the claim speaks of, as an ISO 8601 interval.
    #[serde(rename = "temporalCoverage")]
    temporal_coverage: String,
}

#[derive(Serialize)]
struct About<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    identifier: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// 1 (False) to 5 (True); absent, with the scale, for Not Enough Evidence, which has no
    /// place on it.
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<u8>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u8>,
    #[serde(rename = "alternateName")]
    alternate_name: &'static str,
    #[serde(rename = "ratingExplanation")]
    rating_explanation: String,
}

#[derive(Serialize)]
struct Citation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The footnote number the review body's `[n]` markers refer to.
    position: usize,
    name: &'a str,
    url: &'a str,
    publisher: Publisher<'a>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
}

#[derive(Serialize)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// Renders a verdict as one pretty-printed `ClaimReview` JSON-LD document with a final
/// newline. It is made to be embedded in a page's `<script type="application/ld+json">`, so
/// `<`, `>` and `&` in its strings are written as `\u003c`, `\u003e` and `\u0026`: no title
/// can end the element.
pub fn render(verdict: &Verdict<'_>) -> String {
    let claim = verdict.claim;
    let eval = verdict.evaluation;
    let headline = &eval.headline;
    let notes = Footnotes::new(verdict);
    let subject = verdict.ledger.entity(&claim.subject);
    let rating_value = headline.label.claimreview();
    let scale = |bound: u8| rating_value.map(|_| bound);

    let mut explanation = vec![format!(
        "Score {} on a 0 to 1 scale, with {} of the criteria evidenced, as of {}.",
        score(headline.score),
        percent(headline.coverage),
        eval.as_of
    )];
    for (reading, outcome) in claim.readings.iter().zip(&eval.readings) {
        explanation.push(format!(
            "Read as \"{}\": {} ({}).",
            reading.title,
            outcome.label,
            score(outcome.score)
        ));
    }
    if let Some(r) = verdict.robustness {
        explanation.push(format!(
            "{} of {} redraws of weights and goalposts give {}.",
            percent(r.stability),
            r.settings.draws,
            headline.label
        ));
    }
    let body: Vec<String> = (claim.axes.iter().zip(&eval.axes).enumerate())
        .map(|(i, (axis, result))| {
            let title = verdict
                .ledger
                .axis(&axis.id)
                .map_or(axis.id.as_str(), |a| &a.title);
            format!(
                "{title} ({}): {}",
                score(result.score),
                reason(verdict, &notes, i)
            )
        })
        .collect();

    let review = Review {
        context: "https://schema.org",
        kind: "ClaimReview",
        identifier: &claim.id,
        claim_reviewed: &claim.text,
        date_published: eval.as_of.to_string(),
        item_reviewed: Claim {
            kind: "Claim",
            alternate_name: claim.text_ja.as_deref(),
            about: About {
                kind: match subject.map(|e| e.kind) {
                    Some(EntityKind::Country) => "Country",
                    _ => "Organization",
                },
                identifier: &claim.subject,
                name: subject.map_or(claim.subject.as_str(), |e| &e.name),
            },
            temporal_coverage: format!("{}/{}", claim.window.from, claim.window.to),
        },
        review_rating: Rating {
            kind: "Rating",
            rating_value,
            best_rating: scale(5),
            worst_rating: scale(1),
            alternate_name: headline.label.as_str(),
            rating_explanation: explanation.join(" "),
        },
        review_body: body.join("\n"),
        citation: notes
            .sources()
            .filter_map(|(n, id)| verdict.ledger.source(id).map(|s| (n, s)))
            .map(|(n, s)| Citation {
                kind: "CreativeWork",
                position: n,
                name: &s.title,
                url: &s.url,
                publisher: Publisher {
                    kind: "Organization",
                    name: &s.publisher,
                },
                date_published: s.published.map(|d| d.to_string()),
            })
            .collect(),
    };
    crate::render::json::html_document(&review)
}
