//! `kensho schema`: the JSON Schema of ledger, claim or project files, for editors.

use super::args::{SchemaArgs, SchemaFile};
use super::terminal::write_stdout;

/// Runs `schema`.
pub(super) fn run(args: SchemaArgs) -> anyhow::Result<u8> {
    write_stdout(&match args.file {
        SchemaFile::Ledger => crate::schema::ledger(),
        SchemaFile::Claim => crate::schema::claim(),
        SchemaFile::Project => crate::schema::project(),
    })?;
    Ok(0)
}
