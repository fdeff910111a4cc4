//! Load, check and render any input without a panic.
//!
//! The input is split at its first NUL byte: the bytes before are one ledger file, the bytes
//! after one claim file (no NUL: a ledger file alone). Every diagnostic must point inside the
//! file it names.

#![no_main]

use std::path::PathBuf;

use kensho::render::diagnostics;
use kensho::workspace::{Tree, TreeFile, Workspace};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (ledger, claim) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let tree = Tree {
        ledger: vec![TreeFile {
            path: PathBuf::from("evidence/fuzz.toml"),
            bytes: ledger.to_vec(),
        }],
        claims: claim
            .map(|bytes| TreeFile {
                path: PathBuf::from("claims/fuzz.toml"),
                bytes: bytes.to_vec(),
            })
            .into_iter()
            .collect(),
    };
    let workspace = Workspace::load(tree);
    let (d, files) = (&workspace.diagnostics, &workspace.files);
    diagnostics::human(d, files, false);
    diagnostics::human(d, files, true);
    diagnostics::short(d, files);
    diagnostics::json(d, files);
    diagnostics::github(d, files);
    for d in d {
        for span in d.span.into_iter().chain(d.labels.iter().map(|l| l.span)) {
            let file = files.get(span.file).expect("the span's file was read");
            assert!(
                span.start() <= span.end() && span.end() <= file.text.len(),
                "{d:?}"
            );
            let (_, line, _) = files.locate(span).expect("locate");
            assert!(line >= 1 && line <= file.line_count(), "{d:?}");
        }
    }
});
