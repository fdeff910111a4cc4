//! `[[source]]`: a document a record rests on, with its URL and what kind of publisher it is.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::source_file::Span;

/// What sort of publisher a source is; it says how independent the evidence is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A statute or regulation.
    Law,
    /// A government document.
    Government,
    /// An official statistic.
    Statistics,
    /// A company's own publication.
    Company,
    /// A news report.
    News,
    /// A journal or academic publisher.
    Academic,
    /// A ranking.
    Ranking,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
    pub publisher: String,
    pub title: String,
    pub title_ja: Option<String>,
    pub kind: SourceKind,
    #[schemars(with = "Option<crate::schema::Date>")]
    pub published: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    pub footnotes: Vec<u32>,
    pub note: Option<String>,
}

/// A cited document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// Unique id.
    pub id: String,
    /// Where to read it.
    pub url: String,
    /// Who published it.
    pub publisher: String,
    /// What it is, in the ledger author's words.
    pub title: String,
    /// Japanese title; `None` when not given.
    pub title_ja: Option<String>,
    /// Sort of publisher.
    pub kind: SourceKind,
    /// Publication date; `None` when unknown.
    pub published: Option<NaiveDate>,
    /// The report's footnote numbers, kept as provenance only.
    pub footnotes: Vec<u32>,
    /// Note; `None` when not given.
    pub note: Option<String>,
    /// Where the `[[source]]` table is.
    #[serde(skip)]
    pub span: Span,
    /// Where its `id` is.
    #[serde(skip)]
    pub id_span: Span,
    /// Where its `url` is.
    #[serde(skip)]
    pub url_span: Span,
}
