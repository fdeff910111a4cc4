//! Two TOML tables compared field by field, as ledger items and claim files are: nested
//! tables are followed key by key, arrays of tables whose elements all have an `id` element by
//! element, and any other value is compared whole (`1` and `1.0` being the same number).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use super::Error;
use super::path::{FieldPath, Step};
use crate::source_file::FileId;
use crate::workspace::Workspace;

/// One field that differs, by its path in the TOML table (in a claim file, a [`ClaimPath`]).
/// Tables are followed key by key; arrays of tables whose elements all have an `id` are
/// followed element by element as `key[id]`; any other value is compared whole.
///
/// [`ClaimPath`]: super::ClaimPath
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange<P = FieldPath> {
    /// The path: `value.value`, `axis[investment].criterion[gpu-share].goalposts.world`.
    pub path: P,
    /// The value in BASE as inline TOML; `None` when the field is new.
    pub before: Option<String>,
    /// The value in HEAD as inline TOML; `None` when the field was deleted.
    pub after: Option<String>,
}

/// Parses a file again as plain TOML, for comparing tables key by key.
pub(super) fn reparse(workspace: &Workspace, file: FileId) -> Result<toml::Table, Error> {
    let source = workspace.files.get(file);
    let path = source.map_or(Path::new(""), |f| f.path.as_path());
    parse(path, source.map_or("", |f| f.text()))
}

/// Parses the text of a file at `path` as plain TOML.
pub(super) fn parse(path: &Path, text: &str) -> Result<toml::Table, Error> {
    toml::from_str::<toml::Table>(text).map_err(|e| Error::Reparse {
        path: path.display().to_string(),
        message: e.message().to_owned(),
    })
}

/// Every leaf of a table by the dotted text of its path, which orders the fields listed.
type Leaves<'v> = BTreeMap<String, (FieldPath, &'v toml::Value)>;

/// The fields of two tables that differ, by path.
pub(super) fn fields(before: &toml::Table, after: &toml::Table) -> Vec<FieldChange> {
    let (mut b, mut a) = (Leaves::new(), Leaves::new());
    flatten_table(&FieldPath::default(), before, &mut b);
    flatten_table(&FieldPath::default(), after, &mut a);
    let texts: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    texts
        .into_iter()
        .filter_map(|text| {
            let (x, y) = (b.get(text), a.get(text));
            let (path, same) = match (x, y) {
                (Some((path, x)), Some((_, y))) => (path, same_value(x, y)),
                (Some((path, _)), None) | (None, Some((path, _))) => (path, false),
                (None, None) => return None,
            };
            (!same).then(|| FieldChange {
                path: path.clone(),
                before: x.map(|(_, v)| v.to_string()),
                after: y.map(|(_, v)| v.to_string()),
            })
        })
        .collect()
}

fn flatten_table<'v>(prefix: &FieldPath, table: &'v toml::Table, out: &mut Leaves<'v>) {
    for (key, value) in table {
        flatten(prefix, key, value, out);
    }
}

/// Adds the leaves of the value under `key` to `out`.
fn flatten<'v>(prefix: &FieldPath, key: &str, value: &'v toml::Value, out: &mut Leaves<'v>) {
    let step = |step: Step| prefix.then(step);
    match value {
        toml::Value::Table(table) if !table.is_empty() => {
            flatten_table(&step(Step::key(key)), table, out);
        }
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
                            flatten_table(&step(Step::element(key, id)), table, out);
                        }
                    }
                }
                _ => leaf(step(Step::Key(key.to_owned())), value, out),
            }
        }
        _ => leaf(step(Step::Key(key.to_owned())), value, out),
    }
}

fn leaf<'v>(path: FieldPath, value: &'v toml::Value, out: &mut Leaves<'v>) {
    out.insert(path.to_string(), (path, value));
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
        let paths: Vec<String> = changes.iter().map(|c| c.path.to_string()).collect();
        let shown: Vec<(&str, Option<&str>, Option<&str>)> = changes
            .iter()
            .zip(&paths)
            .map(|(c, path)| (path.as_str(), c.before.as_deref(), c.after.as_deref()))
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
        assert_eq!(
            changes[2].path.steps(),
            [Step::element("axis", "a"), Step::key("weight")]
        );
    }
}
