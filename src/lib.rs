//! kensho grades a claim against a ledger of dated, sourced evidence.
//!
//! The pipeline reads one way:
//! 1. [`ledger`] loads the TOML files of a ledger into typed records, each keeping its place;
//! 2. [`claim`] loads claims: axes, criteria with their measures and goalposts, readings;
//! 3. [`check`] runs the fixed list of validations and returns diagnostics as values;
//! 4. [`engine`] computes every criterion, axis, reading and the headline verdict;
//! 5. [`render`] turns a verdict or diagnostics into bytes (table, markdown, json, html);
//!    [`site`] publishes every verdict as a static web site.
//!
//! The library never prints; [`cli`] is the only place that writes to a terminal.
//!
//! The public modules are the surface the binary, the tests, the benches and the fuzz
//! targets use: loading a [`workspace`], checking, grading, rendering, diffing, editing and
//! publishing. Everything else (how files are found and read from git, the loaders' and
//! measures' insides, the project scaffold, the schemas) is `pub(crate)`, and the
//! `unreachable_pub` lint keeps anything from being more public than it can be reached.

pub mod check;
pub mod claim;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod embedded;
pub mod engine;
pub(crate) mod git;
pub mod hostile;
pub mod ledger;
pub(crate) mod location;
pub(crate) mod parallel;
pub mod project;
pub mod render;
pub(crate) mod schema;
pub mod site;
pub mod source_file;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;
pub mod workspace;
