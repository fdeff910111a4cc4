//! `kensho add --from`: any text is planned as an addition to a copy of the shipped ledger
//! (`add --dry-run`: read, validated on its own and with the ledger, shown as a unified
//! diff), without a panic.
//!
//! Bytes that are not UTF-8 are replaced, as `add` reads its input as text. The plan is
//! never applied, so the copy stays as it was for every run. A refusal's diagnostics must
//! point inside the files they name; an accepted plan must only append to the files it
//! changes.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kensho::edit::{self, Error};
use kensho::render::diagnostics;
use libfuzzer_sys::fuzz_target;

/// A copy of the shipped ledger and claims, written once per process.
fn project() -> &'static Path {
    static PROJECT: OnceLock<PathBuf> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kensho-fuzz-add-{}", std::process::id()));
        let tree = kensho::embedded::tree();
        for file in tree.ledger.iter().chain(&tree.claims) {
            let path = dir.join(&file.path);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folder");
            std::fs::write(&path, &file.bytes).expect("write");
        }
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let snippet = String::from_utf8_lossy(data);
    let dir = project();
    let (ledger, claims) = (dir.join("evidence"), dir.join("claims"));
    match edit::plan(&ledger, &claims, &snippet, Path::new("<stdin>"), None) {
        Ok(plan) => {
            for change in plan.files.values() {
                assert!(
                    change
                        .after
                        .starts_with(change.before.trim_end_matches(['\n', '\r'])),
                    "an addition changed what was there"
                );
            }
            edit::unified_diff(&plan);
        }
        Err(Error::Invalid(refused)) => {
            let (d, files) = (&refused.introduced, &refused.workspace.files);
            for d in d {
                for span in d.span.into_iter().chain(d.labels.iter().map(|l| l.span)) {
                    let file = files.get(span.file).expect("the span's file was read");
                    assert!(
                        span.start() <= span.end() && span.end() <= file.text.len(),
                        "{d:?}"
                    );
                }
            }
            diagnostics::human(d, files, false);
        }
        Err(other) => {
            let _ = other.to_string();
        }
    }
});
