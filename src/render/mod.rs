//! Turning an evaluation into bytes: one file per format, and the footnote numbering and
//! value wording they share. Renderers only format; every number comes from the engine.

pub mod claimreview;
pub mod claims;
pub mod diagnostics;
pub mod diff;
pub mod explain;
pub(crate) mod footnotes;
pub mod html;
pub mod json;
pub mod list;
pub(crate) mod listed;
pub mod markdown;
pub mod table;
pub mod timeline;
pub(crate) mod wording;
pub(crate) mod wrap;

// The paths the diff renderings had before they moved under `diff/`, which the CLI and the
// integration tests name.

use crate::claim::Claim;
use crate::engine::{Evaluation, Robustness};
use crate::ledger::Ledger;

/// What a verdict renderer needs.
pub struct Verdict<'a> {
    /// The claim graded.
    pub claim: &'a Claim,
    /// The ledger it was graded against.
    pub ledger: &'a Ledger,
    /// The grades.
    pub evaluation: &'a Evaluation,
    /// How firm they are; `None` when not computed.
    pub robustness: Option<&'a Robustness>,
}
