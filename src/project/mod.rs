//! A project of one's own: the project file (`kensho.toml`) that marks its root, the
//! `#:schema` lines that point editors at its JSON Schemas, and the files `kensho init`
//! starts one with. Finding a project from the working folder is
//! [`crate::location`]'s job.

pub(crate) mod file;
pub(crate) mod scaffold;
pub(crate) mod schema_line;

pub use schema_line::schema_directive;
