//! One integration-test binary: each module tests one feature through the real `kensho`
//! binary, with the shared harness in `harness`.

// A failed expectation in a test is a test failure: panicking is the point.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod add;
mod check;
mod claim_ids;
mod claims;
mod diff;
mod explain;
mod expression;
mod finite;
mod formatting;
mod harness;
mod hostile;
mod html;
mod incremental;
mod many_hands;
mod mutation;
mod order;
mod project;
mod scale;
mod timeline;
mod verify;
