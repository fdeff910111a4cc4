//! One integration-test binary: each module tests one feature through the real `kensho`
//! binary, with the shared harness in `harness`.

mod check;
mod harness;
mod mutation;
mod verify;
