//! The `#:schema` line a ledger file `add` creates starts with, so that editors complete and
//! check it like the others: the path from the file to the project's
//! `schemas/ledger.schema.json`, where the shipped files and `kensho schema ledger` put it.

use std::path::Path;

/// The file that marks a project's root.
const PROJECT_FILE: &str = "kensho.toml";

/// The first line of a new file in the ledger folder `ledger_dir`, with its line break:
/// `#:schema ../schemas/ledger.schema.json` for the usual `evidence/` beside `schemas/`.
/// The project's root is the nearest folder above the ledger holding `kensho.toml`, else
/// the ledger folder's parent.
pub fn schema_line(ledger_dir: &Path) -> String {
    let ledger = ledger_dir
        .canonicalize()
        .unwrap_or_else(|_| ledger_dir.to_path_buf());
    let root = ledger
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(PROJECT_FILE).is_file())
        .or_else(|| ledger.parent())
        .unwrap_or(&ledger);
    let depth = ledger
        .strip_prefix(root)
        .map_or(1, |p| p.components().count());
    // A schema path is a URL path, written with `/` on every system.
    format!(
        "#:schema {}schemas/ledger.schema.json\n",
        "../".repeat(depth)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_climbs_from_the_ledger_to_the_project_root() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let evidence = dir.path().join("evidence");
        std::fs::create_dir_all(evidence.join("deeper")).expect("folders");
        assert_eq!(
            schema_line(&evidence),
            "#:schema ../schemas/ledger.schema.json\n"
        );
        std::fs::write(dir.path().join(PROJECT_FILE), "").expect("project file");
        assert_eq!(
            schema_line(&evidence.join("deeper")),
            "#:schema ../../schemas/ledger.schema.json\n"
        );
    }
}
