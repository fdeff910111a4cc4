//! The `#:schema` line a ledger file `add` creates starts with, so that editors complete and
//! check it like the others: the path from the file to the project's
//! `schemas/ledger.schema.json`, as `kensho init` and the shipped files write it
//! ([`crate::project::schema_directive`]).

use std::path::Path;

use crate::project::file::FILE_NAME;
use crate::project::schema_directive;
use crate::schema::SchemaKind;

/// The first line of a new file in the ledger folder `ledger_dir`, with its line break:
/// `#:schema ../schemas/ledger.schema.json` for the usual `evidence/` beside `schemas/`.
/// The project's root is the nearest folder above the ledger holding `kensho.toml`, else
/// the ledger folder's parent.
pub(crate) fn schema_line(ledger_dir: &Path) -> String {
    let ledger = ledger_dir
        .canonicalize()
        .unwrap_or_else(|_| ledger_dir.to_path_buf());
    let root = ledger
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(FILE_NAME).is_file())
        .or_else(|| ledger.parent())
        .unwrap_or(&ledger);
    format!("{}\n", schema_directive(SchemaKind::Ledger, &ledger, root))
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
        std::fs::write(dir.path().join(FILE_NAME), "").expect("project file");
        assert_eq!(
            schema_line(&evidence.join("deeper")),
            "#:schema ../../schemas/ledger.schema.json\n"
        );
    }
}
