//! The `#:schema` line that starts a TOML file: it points editors (taplo, Even Better TOML)
//! at the file's JSON Schema in the project's `schemas/` folder, by a path relative to the
//! file, so that it works wherever the project is checked out.

use std::path::{Component, Path};

use crate::schema::SchemaKind;

/// The folder, under a project's root, that holds its JSON Schemas.
pub(crate) const SCHEMAS: &str = "schemas";

/// The `#:schema` line (without a line break) for a file in `folder` of a project whose root
/// is `root`: `#:schema ../schemas/ledger.schema.json` for `evidence/` under the root. Both
/// paths are taken from the same place (both relative to one folder, or both absolute); `.`
/// and `..` are resolved by name, without reading the disk.
pub fn schema_directive(kind: SchemaKind, folder: &Path, root: &Path) -> String {
    let target = root.join(SCHEMAS).join(kind.file_name());
    format!("#:schema {}", relative(folder, &target))
}

/// The path from the folder `from` to `to`, with `/` between names. When `from` climbs above
/// the place both are taken from, the way back down cannot be named, and `to` is given as it
/// is.
fn relative(from: &Path, to: &Path) -> String {
    let (from, to) = (normal(from), normal(to));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let up = &from[common..];
    if up.iter().any(|c| c == "..") {
        return to.join("/");
    }
    let mut parts: Vec<String> = up.iter().map(|_| "..".to_owned()).collect();
    parts.extend(to[common..].iter().cloned());
    parts.join("/")
}

/// A path's names, with `.` left out and `name/..` taken away, without reading the disk.
pub(crate) fn normal(path: &Path) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if names.last().is_some_and(|n| n != ".." && !n.is_empty()) => {
                names.pop();
            }
            Component::ParentDir => names.push("..".to_owned()),
            // The root of an absolute path is an empty first name, so that joining the names
            // with `/` writes it back.
            Component::RootDir => names.push(String::new()),
            Component::Prefix(prefix) => {
                names.push(prefix.as_os_str().to_string_lossy().into_owned());
            }
            Component::Normal(name) => names.push(name.to_string_lossy().into_owned()),
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: SchemaKind, folder: &str, root: &str) -> String {
        schema_directive(kind, Path::new(folder), Path::new(root))
    }

    #[test]
    fn the_path_is_taken_from_the_files_folder() {
        assert_eq!(
            line(SchemaKind::Ledger, "evidence", "."),
            "#:schema ../schemas/ledger.schema.json"
        );
        assert_eq!(
            line(SchemaKind::Claim, "./claims", ""),
            "#:schema ../schemas/claim.schema.json"
        );
        assert_eq!(
            line(SchemaKind::Project, ".", "."),
            "#:schema schemas/project.schema.json"
        );
        assert_eq!(
            line(SchemaKind::Ledger, "data/evidence", "."),
            "#:schema ../../schemas/ledger.schema.json"
        );
        // From a subfolder of the project, with the root named upwards.
        assert_eq!(
            line(SchemaKind::Ledger, "../evidence", ".."),
            "#:schema ../schemas/ledger.schema.json"
        );
        assert_eq!(
            line(SchemaKind::Ledger, "/p/evidence", "/p"),
            "#:schema ../schemas/ledger.schema.json"
        );
        assert_eq!(
            line(SchemaKind::Ledger, "/p/a/b/../evidence", "/p"),
            "#:schema ../../schemas/ledger.schema.json"
        );
    }

    #[test]
    fn a_folder_above_the_common_place_gets_the_path_as_given() {
        assert_eq!(
            line(SchemaKind::Ledger, "../elsewhere", "."),
            "#:schema schemas/ledger.schema.json"
        );
    }
}
