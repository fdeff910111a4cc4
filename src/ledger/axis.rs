//! `[[axis]]`: a dimension along which claims are graded (policy, compute, ...).

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::source_file::Span;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAxis {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: String,
    pub description: Option<String>,
}

/// A declared axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axis {
    /// Unique id, e.g. `compute`.
    pub id: String,
    /// Display title.
    pub title: String,
    /// What it covers; `None` when the title says it all.
    pub description: Option<String>,
    /// Where the `[[axis]]` table is.
    #[serde(skip)]
    pub span: Span,
    /// Where its `id` is.
    #[serde(skip)]
    pub id_span: Span,
}
