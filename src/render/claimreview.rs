//! The verdict as schema.org `ClaimReview` markup (JSON-LD): the form in which fact-checks
//! are published for search engines and fact-check aggregators. kensho knows the claim, the
//! rating, the reasons and the sources; the claim file says who made the claim, where and
//! when; the page the review appears on and who publishes it (`url`, `author`) come from the
//! [`Publication`]. Every property Google's fact-check documentation marks required or
//! recommended is written when it is known, and [`missing`] lists those that are not.
//! Documented in `docs/json.md`.

use serde::Serialize;

use crate::claim::ClaimantKind;
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
    /// The page the review is published on.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    /// Who publishes the review.
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Party<'a>>,
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
    /// Who made the claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Party<'a>>,
    /// When the claim was made.
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    /// Where the claim appeared.
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<Appearance<'a>>,
    about: About<'a>,
    /// The window the claim speaks of, as an ISO 8601 interval.
    #[serde(rename = "temporalCoverage")]
    temporal_coverage: String,
}

/// A person or organisation: who made a claim, or who reviews it.
#[derive(Serialize)]
struct Party<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
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
    /// The label, as Google reads it from `alternateName`; `name` is recommended as well.
    #[serde(rename = "alternateName")]
    alternate_name: &'static str,
    name: &'static str,
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

/// What only the publisher knows of a review: where it is published and who publishes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Publication {
    /// The address of the page the review is published on; `None` when not known.
    pub url: Option<String>,
    /// The name of the person or organisation that publishes it; `None` when not known.
    pub author: Option<String>,
    /// Their home page; `None` when not known.
    pub author_url: Option<String>,
}

/// A property Google's fact-check (ClaimReview) documentation marks required or recommended,
/// that a review lacks because nobody said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Missing {
    /// `url` (required): the page the review is published on.
    Url,
    /// `author` (recommended): who publishes the review.
    Author,
    /// `author.url`: the home page of who publishes the review.
    AuthorUrl,
    /// `itemReviewed.author` (recommended): who made the claim.
    ClaimAuthor,
    /// `itemReviewed.datePublished` (recommended): when the claim was made.
    ClaimDate,
    /// `itemReviewed.appearance` (recommended): where the claim appeared.
    Appearance,
    /// `reviewRating.ratingValue`, `bestRating` and `worstRating` (recommended): Not Enough
    /// Evidence has no place on the 1 to 5 scale.
    RatingValue,
}

impl Missing {
    /// The property as the documentation names it.
    pub fn property(self) -> &'static str {
        match self {
            Missing::Url => "url",
            Missing::Author => "author",
            Missing::AuthorUrl => "author.url",
            Missing::ClaimAuthor => "itemReviewed.author",
            Missing::ClaimDate => "itemReviewed.datePublished",
            Missing::Appearance => "itemReviewed.appearance",
            Missing::RatingValue => "reviewRating.ratingValue",
        }
    }

    /// Whether Google requires it (else it is recommended).
    pub fn required(self) -> bool {
        match self {
            Missing::Url => true,
            Missing::Author
            | Missing::AuthorUrl
            | Missing::ClaimAuthor
            | Missing::ClaimDate
            | Missing::Appearance
            | Missing::RatingValue => false,
        }
    }

    /// How to supply it, or why it cannot be.
    pub fn remedy(self) -> &'static str {
        match self {
            Missing::Url => "give `--url`, or `review_url` in kensho.toml's `[publisher]`",
            Missing::Author => "give `--author`, or `name` in kensho.toml's `[publisher]`",
            Missing::AuthorUrl => "give `url` in kensho.toml's `[publisher]`",
            Missing::ClaimAuthor => "give `claimant` in the claim file",
            Missing::ClaimDate => "give `claim_date` in the claim file",
            Missing::Appearance => "give `appearance` in the claim file",
            Missing::RatingValue => "Not Enough Evidence has no place on the 1 to 5 scale",
        }
    }
}

/// The required and recommended properties a verdict's review lacks, in the order of
/// [`Missing`]; empty when it has them all.
pub fn missing(verdict: &Verdict<'_>, publication: &Publication) -> Vec<Missing> {
    let said = &verdict.claim.provenance;
    [
        (publication.url.is_none(), Missing::Url),
        (publication.author.is_none(), Missing::Author),
        (publication.author_url.is_none(), Missing::AuthorUrl),
        (said.claimant.is_none(), Missing::ClaimAuthor),
        (said.date.is_none(), Missing::ClaimDate),
        (said.appearance.is_none(), Missing::Appearance),
        (
            verdict.evaluation.headline.label.claimreview().is_none(),
            Missing::RatingValue,
        ),
    ]
    .into_iter()
    .filter_map(|(lacking, property)| lacking.then_some(property))
    .collect()
}

/// Renders a verdict as one pretty-printed `ClaimReview` JSON-LD document with a final
/// newline, published as `publication` says. It is made to be embedded in a page's
/// `<script type="application/ld+json">`, so `<`, `>` and `&` in its strings are written as
/// `\u003c`, `\u003e` and `\u0026`: no title can end the element.
pub fn render(verdict: &Verdict<'_>, publication: &Publication) -> String {
    let claim = verdict.claim;
    let said = &claim.provenance;
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
        url: publication.url.as_deref(),
        author: publication.author.as_deref().map(|name| Party {
            kind: "Organization",
            name,
            url: publication.author_url.as_deref(),
        }),
        claim_reviewed: &claim.text,
        date_published: eval.as_of.to_string(),
        item_reviewed: Claim {
            kind: "Claim",
            alternate_name: claim.text_ja.as_deref(),
            author: said.claimant.as_deref().map(|name| Party {
                kind: match said.claimant_kind {
                    ClaimantKind::Person => "Person",
                    ClaimantKind::Organization => "Organization",
                },
                name,
                url: said.claimant_url.as_ref().map(|u| u.value.as_str()),
            }),
            date_published: said.date.map(|d| d.to_string()),
            appearance: said.appearance.as_ref().map(|u| Appearance {
                kind: "CreativeWork",
                url: &u.value,
            }),
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
            name: headline.label.as_str(),
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
