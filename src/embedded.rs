//! The shipped ledger and claims, compiled into the binary so that `kensho verify` works
//! from any folder. A test keeps this list in step with the files on disk.

use std::path::PathBuf;

use crate::workspace::{Tree, TreeFile};

/// Ledger files, by path relative to the project root.
pub const LEDGER: &[(&str, &[u8])] = &[
    (
        "evidence/deployments.toml",
        include_bytes!("../evidence/deployments.toml"),
    ),
    (
        "evidence/events.toml",
        include_bytes!("../evidence/events.toml"),
    ),
    (
        "evidence/metrics.toml",
        include_bytes!("../evidence/metrics.toml"),
    ),
    (
        "evidence/money.toml",
        include_bytes!("../evidence/money.toml"),
    ),
    (
        "evidence/releases.toml",
        include_bytes!("../evidence/releases.toml"),
    ),
    (
        "evidence/sources.toml",
        include_bytes!("../evidence/sources.toml"),
    ),
    (
        "evidence/targets.toml",
        include_bytes!("../evidence/targets.toml"),
    ),
    (
        "evidence/vocabulary.toml",
        include_bytes!("../evidence/vocabulary.toml"),
    ),
];

/// Claim files, by path relative to the project root.
pub const CLAIMS: &[(&str, &[u8])] = &[
    (
        "claims/japan-ai-budget-more-than-doubled.toml",
        include_bytes!("../claims/japan-ai-budget-more-than-doubled.toml"),
    ),
    (
        "claims/japan-ai-world-level-2026-04.toml",
        include_bytes!("../claims/japan-ai-world-level-2026-04.toml"),
    ),
    (
        "claims/japan-private-ai-investment-rivals-us.toml",
        include_bytes!("../claims/japan-private-ai-investment-rivals-us.toml"),
    ),
    (
        "claims/japan-top-five-ai-research-nation.toml",
        include_bytes!("../claims/japan-top-five-ai-research-nation.toml"),
    ),
    (
        "claims/japan-top-ten-ai-research-nation.toml",
        include_bytes!("../claims/japan-top-ten-ai-research-nation.toml"),
    ),
    (
        "claims/japanese-model-near-gpt-4-1-on-jmle.toml",
        include_bytes!("../claims/japanese-model-near-gpt-4-1-on-jmle.toml"),
    ),
    (
        "claims/japanese-models-reach-frontier.toml",
        include_bytes!("../claims/japanese-models-reach-frontier.toml"),
    ),
    (
        "claims/korea-leads-asia-in-ai-deployment.toml",
        include_bytes!("../claims/korea-leads-asia-in-ai-deployment.toml"),
    ),
    (
        "claims/rapidus-support-above-2-trillion-yen.toml",
        include_bytes!("../claims/rapidus-support-above-2-trillion-yen.toml"),
    ),
];

fn files(list: &[(&str, &[u8])]) -> Vec<TreeFile> {
    list.iter()
        .map(|(path, bytes)| TreeFile {
            path: PathBuf::from(path),
            bytes: bytes.to_vec(),
            on_disk: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn on_disk(folder: &str) -> Vec<(String, Vec<u8>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(root.join(folder))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| {
                let name = format!(
                    "{folder}/{}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                );
                (name, std::fs::read(&p).unwrap_or_default())
            })
            .collect();
        files.sort();
        files
    }

    fn built_in(list: &[(&str, &[u8])]) -> Vec<(String, Vec<u8>)> {
        list.iter()
            .map(|(p, b)| ((*p).to_owned(), b.to_vec()))
            .collect()
    }

    #[test]
    fn built_in_ledger_lists_every_file_on_disk() {
        assert_eq!(built_in(LEDGER), on_disk("evidence"));
    }

    #[test]
    fn built_in_claims_list_every_file_on_disk() {
        assert_eq!(built_in(CLAIMS), on_disk("claims"));
    }
}
