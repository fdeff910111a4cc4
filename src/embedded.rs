//! The shipped ledger and claims, compiled into the binary so that `kensho verify` works
//! from any folder. A test keeps this list in step with the files on disk.

use std::path::PathBuf;

use crate::workspace::{Tree, TreeFile};

/// Ledger files, by path relative to the project root.
pub const LEDGER: &[(&str, &[u8])] = &[
    ("evidence/deployments.toml", include_bytes!("../evidence/deployments.toml")),
    ("evidence/events.toml", include_bytes!("../evidence/events.toml")),
    ("evidence/metrics.toml", include_bytes!("../evidence/metrics.toml")),
    ("evidence/money.toml", include_bytes!("../evidence/money.toml")),
    ("evidence/releases.toml", include_bytes!("../evidence/releases.toml")),
    ("evidence/sources.toml", include_bytes!("../evidence/sources.toml")),
    ("evidence/targets.toml", include_bytes!("../evidence/targets.toml")),
    ("evidence/vocabulary.toml", include_bytes!("../evidence/vocabulary.toml")),
];

/// Claim files, by path relative to the project root.
pub const CLAIMS: &[(&str, &[u8])] = &[(
    "claims/japan-ai-world-level-2026-04.toml",
    include_bytes!("../claims/japan-ai-world-level-2026-04.toml"),
)];

fn files(list: &[(&str, &[u8])]) -> Vec<TreeFile> {
    list.iter()
        .map(|(path, bytes)| TreeFile {
            path: PathBuf::from(path),
            bytes: bytes.to_vec(),
        })
        .collect()
}

/// The built-in tree.
pub fn tree() -> Tree {
    Tree {
        ledger: files(LEDGER),
        claims: files(CLAIMS),
    }
}
