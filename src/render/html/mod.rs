//! Verdicts as web pages: one self-contained HTML5 page per verdict (`verify --format
//! html`) and an index of them (`kensho site`).
//!
//! A page loads nothing (no scripts, styles, fonts or images from elsewhere), carries its
//! own Content-Security-Policy, stylesheet and inline SVG charts, and its verdict's
//! ClaimReview markup. The pages are built by plain Rust functions, one per section, rather
//! than a template engine: most of a page is loops over the engine's results and chart
//! geometry computed from them, which a template would either receive precomputed, as a
//! second copy of the structure, or compute in its own expression language. Every string
//! from a ledger or a claim goes through [`escape`], and the same input gives the same bytes.

mod arithmetic;
mod badge;
mod bars;
mod document;
pub mod escape;
mod index;
mod line;
mod notes;
mod page;
mod style;
mod svg;

pub use index::{Entry, index};
pub use page::page;
