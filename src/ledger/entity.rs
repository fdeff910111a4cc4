//! `[[entity]]`: a country, government, company or institution records can be about.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::source_file::Span;

/// What sort of entity.
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
pub enum EntityKind {
    /// A country; its own country.
    Country,
    /// A government or one of its bodies.
    Government,
    /// An established company.
    Company,
    /// A research institute or public body.
    Institution,
    /// A university.
    University,
    /// A young company.
    Startup,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntity {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    pub name_ja: Option<String>,
    pub kind: EntityKind,
    #[schemars(with = "Option<String>")]
    pub country: Option<Spanned<String>>,
}

/// A declared entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Unique id; countries use ISO 3166-1 alpha-2 codes.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Japanese name; `None` when not given.
    pub name_ja: Option<String>,
    /// Sort of entity.
    pub kind: EntityKind,
    /// The country it belongs to; `None` for a country itself.
    pub country: Option<String>,
    /// Where the `[[entity]]` table is.
    #[serde(skip)]
    pub span: Span,
    /// Where its `id` is.
    #[serde(skip)]
    pub id_span: Span,
    /// Where its `country` is, if given.
    #[serde(skip)]
    pub country_span: Option<Span>,
}
