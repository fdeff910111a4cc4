//! The renderings of `kensho diff`: one file per format, and the footnote numbering and
//! wording they share.

pub mod footnotes;
pub mod json;
pub mod markdown;
pub mod table;
pub mod wording;
