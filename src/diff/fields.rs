//! Two TOML tables compared field by field, as ledger items and claim files are: nested
//! tables are followed key by key, arrays of tables whose elements all have an `id` element by
//! element, and any other value is compared whole (`1` and `1.0` being the same number).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use super::Error;
use crate::source_file::FileId;
use crate::workspace::Workspace;

/// One field that differs, by its dotted path in the TOML table. Tables are followed key by
/// key; arrays of tables whose elements all have an `id` are followed element by element as
/// `key[id]`; any other value is compared whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The path: `value.value`, `axis[investment].criterion[gpu-share].goalposts.world`.
    pub path: String,
    /// The value in BASE as inline TOML; `None` when the field is new.
    pub before: Option<String>,
    /// The value in HEAD as inline TOML; `None` when the field was deleted.
    pub after: Option<String>,
}

/// Parses a file again as plain TOML, for comparing tables key by key.
pub(super) fn reparse(workspace: &Workspace, file: FileId) -> Result<toml::Table, Error> {
    let source = workspace.files.get(file);
    let path = source.map_or(Path::new(""), |f| f.path.as_path());
    parse(path, source.map_or("", |f| f.text.as_str()))
}

/// Parses the text of a file at `path` as plain TOML.
pub(super) fn parse(path: &Path, text: &str) -> Result<toml::Table, Error> {
    toml::from_str::<toml::Table>(text).map_err(|e| Error::Reparse {
        path: path.display().to_string(),
        message: e.message().to_owned(),
    })
}

/// The fields of two tables that differ, by path.
pub(super) fn fields(before: &toml::Table, after: &toml::Table) -> Vec<FieldChange> {
    let (mut b, mut a) = (BTreeMap::new(), BTreeMap::new());
    flatten_table("", before, &mut b);
    flatten_table("", after, &mut a);
    let paths: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    paths
        .into_iter()
        .filter_map(|path| {
            let (x, y) = (b.get(path), a.get(path));
            let same = match (x, y) {
                (Some(x), Some(y)) => same_value(x, y),
                (None, None) => true,
                _ => false,
            };
            (!same).then(|| FieldChange {
                path: path.clone(),
                before: x.map(|v| v.to_string()),
                after: y.map(|v| v.to_string()),
            })
        })
        .collect()
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn flatten_table<'v>(
    prefix: &str,
    table: &'v toml::Table,
    out: &mut BTreeMap<String, &'v toml::Value>,
) {
    for (key, value) in table {
        flatten(join(prefix, key), value, out);
    }
}

/// Adds a value's leaves to `out` by path.
fn flatten<'v>(path: String, value: &'v toml::Value, out: &mut BTreeMap<String, &'v toml::Value>) {
    match value {
        toml::Value::Table(table) if !table.is_empty() => flatten_table(&path, table, out),
        toml::Value::Array(items) if !items.is_empty() => {
            let ids: Option<Vec<&str>> = items
                .iter()
                .map(|item| item.get("id").and_then(toml::Value::as_str))
                .collect();
            let unique = ids
                .as_ref()
                .is_some_and(|ids| ids.iter().collect::<BTreeSet<_>>().len() == ids.len());
            match ids {
                Some(ids) if unique => {
                    for (id, item) in ids.into_iter().zip(items) {
                        if let toml::Value::Table(table) = item {
                            flatten_table(&format!("{path}[{id}]"), table, out);
                        }
                    }
                }
                _ => {
                    out.insert(path, value);
                }
            }
        }
        _ => {
            out.insert(path, value);
        }
    }
}

/// Equal values, where `1` and `1.0` are the same number.
fn same_value(a: &toml::Value, b: &toml::Value) -> bool {
    use toml::Value::{Array, Float, Integer, Table};
    match (a, b) {
        (Integer(x), Float(y)) | (Float(y), Integer(x)) => (*x as f64) == *y,
        (Array(x), Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y))
        }
        (Table(x), Table(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        toml::from_str(text).unwrap_or_default()
    }

    #[test]
    fn fields_follow_nested_tables_and_ids() {
        let before = table(
            "value = { value = 0.93, unit = \"USD bn\" }\naxes = [\"investment\"]\n\
             [[axis]]\nid = \"a\"\nweight = 1\n[[axis]]\nid = \"b\"\nweight = 2\n",
        );
        let after = table(
            "value = { value = 93, unit = \"USD bn\" }\naxes = [\"investment\", \"compute\"]\n\
             [[axis]]\nid = \"b\"\nweight = 2.0\n[[axis]]\nid = \"a\"\nweight = 3\nnote = \"x\"\n",
        );
        let changes = fields(&before, &after);
        let shown: Vec<(&str, Option<&str>, Option<&str>)> = changes
            .iter()
            .map(|c| (c.path.as_str(), c.before.as_deref(), c.after.as_deref()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (
                    "axes",
                    Some("[\"investment\"]"),
                    Some("[\"investment\", \"compute\"]")
                ),
                ("axis[a].note", None, Some("\"x\"")),
                ("axis[a].weight", Some("1"), Some("3")),
                ("value.value", Some("0.93"), Some("93")),
            ]
        );
    }
}
