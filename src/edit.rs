//! `kensho add`: append records to the ledger without touching anything else. The new
//! tables go at the end of the file that already holds records of their kind (every other
//! byte stays as it was), the whole ledger is validated with them before anything is
//! written, and the write is atomic: a temporary file in the same folder, flushed and synced,
//! then renamed over the original.

use std::collections::{BTreeMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, value};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source_file::{FileId, Span};
use crate::workspace::{Tree, TreeFile, Workspace, read_toml_files};

/// Why an addition was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The ledger folder does not exist.
    #[error("no ledger folder at `{0}`; `add` needs one on disk")]
    NoLedger(PathBuf),
    /// A file could not be read or written.
    #[error("cannot {action} `{path}`: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// To which file.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The snippet, or the ledger with it, has errors; the workspace holds them.
    #[error("the addition was refused: {0} error(s); no file was changed")]
    Invalid(usize, Box<Workspace>),
}

/// One table to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// `event`, `source`, ...
    pub kind: String,
    /// Its id.
    pub id: String,
    /// Whether kensho chose the id.
    pub derived: bool,
    /// The file it goes into.
    pub file: PathBuf,
}

/// A checked addition, ready to show or write.
#[derive(Debug)]
pub struct Plan {
    /// What is added.
    pub added: Vec<Added>,
    /// Each changed file: its text before (empty for a new file) and after.
    pub files: BTreeMap<PathBuf, (String, String)>,
}

fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> Error + use<'p> {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// A readable id from a date and a title: `2026-04-30-abci-3-0-service-starts`.
pub fn derive_id(when: &str, title: &str, kind: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(48).collect();
    let slug = slug.trim_end_matches('-');
    let when = when.replace(['/', '.'], "-").to_lowercase();
    let when = when.trim_matches('-');
    match (when.is_empty(), slug.is_empty()) {
        (false, false) => format!("{when}-{slug}"),
        (false, true) => format!("{when}-{kind}"),
        (true, false) => slug.to_owned(),
        (true, true) => kind.to_owned(),
    }
}

fn when_of(table: &Table) -> String {
    if let Some(d) = table.get("date").and_then(Item::as_value) {
        return d.as_datetime().map(ToString::to_string).unwrap_or_default();
    }
    if let Some(p) = table.get("period").and_then(Item::as_str) {
        return p.to_owned();
    }
    table
        .get("fiscal_year")
        .and_then(Item::as_integer)
        .map(|y| format!("fy{y}"))
        .unwrap_or_default()
}

/// The family an id must be unique in.
fn family(kind: &str) -> &str {
    match kind {
        "source" | "entity" | "axis" => kind,
        _ => "record",
    }
}

/// The record a table without an id repeats: the one its derived id names, when it has the
/// same kind, date, entity and title.
fn same_fact(before: &Workspace, id: &str, kind: &str, table: &Table) -> Option<(Span, String)> {
    let existing = before.ledger.record(id)?;
    let text = |key: &str| table.get(key).and_then(Item::as_str).unwrap_or("");
    let when = if let Some(d) = table
        .get("date")
        .and_then(Item::as_value)
        .and_then(|v| v.as_datetime())
    {
        crate::ledger::load::to_date(&d.to_string().parse().ok()?)
            .ok()
            .map(crate::ledger::When::Date)
    } else if let Some(p) = table.get("period").and_then(Item::as_str) {
        crate::ledger::When::parse_period(p).ok()
    } else {
        table
            .get("fiscal_year")
            .and_then(Item::as_integer)
            .and_then(|y| crate::ledger::When::fiscal_year(y).ok())
    };
    (existing.kind().key() == kind
        && existing.entity == text("entity")
        && existing.title == text("title")
        && when == Some(existing.when))
    .then(|| (existing.place.id, existing.id.clone()))
}

/// Where records of `kind` go: the ledger file holding most of them, else a file named
/// after the kind.
fn target_file(before: &Workspace, ledger_dir: &Path, kind: &str) -> PathBuf {
    // Counted by file id, and only the few files found named: a ledger has many records.
    let mut by_file: BTreeMap<FileId, usize> = BTreeMap::new();
    let mut bump = |span: Span| *by_file.entry(span.file).or_default() += 1;
    match kind {
        "source" => before.ledger.sources.iter().for_each(|s| bump(s.span)),
        "entity" => before.ledger.entities.iter().for_each(|e| bump(e.span)),
        "axis" => before.ledger.axes.iter().for_each(|a| bump(a.span)),
        _ => before
            .ledger
            .records
            .iter()
            .filter(|r| r.kind().key() == kind)
            .for_each(|r| bump(r.place.table)),
    }
    let counts = (by_file.into_iter())
        .filter_map(|(file, n)| before.files.get(file).map(|f| (f.path.clone(), n)));
    counts
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(path, _)| path)
        .unwrap_or_else(|| {
            let file = match kind {
                "entity" => "entities".to_owned(),
                "axis" => "axes".to_owned(),
                other => format!("{other}s"),
            };
            ledger_dir.join(format!("{file}.toml"))
        })
}

/// The text of one `[[kind]]` table, as toml_edit formats it.
fn table_text(kind: &str, table: &Table) -> String {
    let mut doc = DocumentMut::new();
    let mut array = toml_edit::ArrayOfTables::new();
    array.push(table.clone());
    doc.insert(kind, Item::ArrayOfTables(array));
    doc.to_string()
}

/// Plans adding `snippet` (TOML holding `[[kind]]` tables), named `origin` in messages, to
/// the ledger in `ledger_dir`; `file` forces the target file.
pub fn plan(
    ledger_dir: &Path,
    claims_dir: &Path,
    snippet: &str,
    origin: &Path,
    file: Option<&Path>,
) -> Result<Plan, Error> {
    if !ledger_dir.is_dir() {
        return Err(Error::NoLedger(ledger_dir.to_path_buf()));
    }
    let tree = Tree {
        ledger: read_toml_files(ledger_dir).map_err(|e| Error::Io {
            action: "read",
            path: ledger_dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?,
        claims: read_toml_files(claims_dir).map_err(|e| Error::Io {
            action: "read",
            path: claims_dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?,
    };

    // The snippet on its own first: syntax, kinds, keys and types, located in the snippet.
    let refuse_alone = |text: &str| -> Result<(), Error> {
        let alone = Workspace::read(Tree {
            ledger: vec![TreeFile {
                path: origin.to_path_buf(),
                bytes: text.as_bytes().to_vec(),
            }],
            claims: Vec::new(),
        });
        let errors = alone
            .diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count();
        if errors > 0 {
            return Err(Error::Invalid(errors, Box::new(alone)));
        }
        Ok(())
    };
    let doc: DocumentMut = match snippet.parse() {
        Ok(doc) => doc,
        Err(_) => {
            refuse_alone(snippet)?;
            return Err(Error::Io {
                action: "parse",
                path: origin.to_path_buf(),
                source: std::io::Error::other("the snippet is not valid TOML"),
            });
        }
    };
    if doc
        .iter()
        .any(|(_, item)| item.as_array_of_tables().is_none())
    {
        // Only `[[kind]]` tables can be added; the loader says what is wrong where.
        refuse_alone(snippet)?;
    }

    let before = Workspace::read(tree.clone());
    let mut taken: HashSet<(String, String)> = HashSet::new();
    for s in &before.ledger.sources {
        taken.insert(("source".into(), s.id.clone()));
    }
    for e in &before.ledger.entities {
        taken.insert(("entity".into(), e.id.clone()));
    }
    for a in &before.ledger.axes {
        taken.insert(("axis".into(), a.id.clone()));
    }
    for r in &before.ledger.records {
        taken.insert(("record".into(), r.id.clone()));
    }

    let mut added = Vec::new();
    let mut appended: BTreeMap<PathBuf, String> = BTreeMap::new();
    // Each kind's file is worked out once, however many tables of it are added.
    let mut targets: BTreeMap<&str, PathBuf> = BTreeMap::new();
    // The snippet as it will be written, ids included, for validating it on its own.
    let mut completed = String::new();
    let mut any_derived = false;
    for (kind, item) in doc.iter() {
        let Some(tables) = item.as_array_of_tables() else {
            continue; // the loader above has already refused anything else
        };
        for table in tables.iter() {
            let mut table = table.clone();
            let mut derived = false;
            let id = match table.get("id").and_then(Item::as_str) {
                Some(id) => id.to_owned(),
                None => {
                    derived = true;
                    let title = table.get("title").and_then(Item::as_str).unwrap_or("");
                    let base = derive_id(&when_of(&table), title, kind);
                    if let Some((span, existing)) = same_fact(&before, &base, kind, &table) {
                        let mut refused = before;
                        refused.diagnostics = vec![
                            Diagnostic::new(
                                Code::DuplicateId,
                                span,
                                format!(
                                    "the {kind} to add repeats `{existing}`: same date, entity and title"
                                ),
                            )
                            .with_help("give it an `id` of its own if it really is another fact"),
                        ];
                        return Err(Error::Invalid(1, Box::new(refused)));
                    }
                    let mut id = base.clone();
                    let mut n = 2;
                    while taken.contains(&(family(kind).to_owned(), id.clone())) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    // Put the id first, where people look for it.
                    let mut with_id = Table::new();
                    with_id.insert("id", value(id.as_str()));
                    for (k, v) in table.iter() {
                        with_id.insert(k, v.clone());
                    }
                    *with_id.decor_mut() = table.decor().clone();
                    table = with_id;
                    id
                }
            };
            taken.insert((family(kind).to_owned(), id.clone()));
            let target = match file {
                Some(file) => file.to_path_buf(),
                None => (targets.entry(kind))
                    .or_insert_with(|| target_file(&before, ledger_dir, kind))
                    .clone(),
            };
            let rendered = table_text(kind, &table);
            let text = appended.entry(target.clone()).or_default();
            text.push('\n');
            text.push_str(rendered.trim_start());
            completed.push_str(&rendered);
            any_derived |= derived;
            added.push(Added {
                kind: kind.to_owned(),
                id,
                derived,
                file: target,
            });
        }
    }
    if any_derived {
        refuse_alone(&completed)?;
    } else {
        refuse_alone(snippet)?;
    }
    if added.is_empty() {
        let mut empty = Workspace::read(Tree {
            ledger: vec![TreeFile {
                path: origin.to_path_buf(),
                bytes: snippet.as_bytes().to_vec(),
            }],
            claims: Vec::new(),
        });
        empty.diagnostics.push(
            Diagnostic::new(
                Code::EmptyFile,
                Span::new(FileId(0), 0..0),
                "nothing to add: the snippet holds no `[[kind]]` table",
            )
            .with_help("write one or more tables such as `[[event]]`"),
        );
        return Err(Error::Invalid(1, Box::new(empty)));
    }

    let mut files = BTreeMap::new();
    let mut after_tree = tree;
    for (path, text) in appended {
        let before_text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|e| Error::Io {
                action: "read",
                path: path.clone(),
                source: std::io::Error::other(e),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io("read", &path)(e)),
        };
        let mut after_text = before_text.clone();
        if !after_text.is_empty() && !after_text.ends_with('\n') {
            after_text.push('\n');
        }
        if after_text.is_empty() {
            after_text.push_str(text.trim_start());
        } else {
            after_text.push_str(&text);
        }
        let same = |f: &TreeFile| same_file(&f.path, &path);
        match after_tree.ledger.iter_mut().find(|f| same(f)) {
            Some(f) => f.bytes = after_text.clone().into_bytes(),
            None => after_tree.ledger.push(TreeFile {
                path: path.clone(),
                bytes: after_text.clone().into_bytes(),
            }),
        }
        files.insert(path, (before_text, after_text));
    }
    let after = Workspace::load(after_tree);
    let errors = after
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    if errors > 0 {
        return Err(Error::Invalid(errors, Box::new(after)));
    }
    Ok(Plan { added, files })
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// The unified diff the plan would apply.
pub fn unified_diff(plan: &Plan) -> String {
    let mut out = String::new();
    for (path, (before, after)) in &plan.files {
        let name = path.display().to_string();
        let diff = similar::TextDiff::from_lines(before.as_str(), after.as_str());
        let old = if before.is_empty() {
            "/dev/null".to_owned()
        } else {
            format!("a/{name}")
        };
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&old, &format!("b/{name}"))
                .to_string(),
        );
    }
    out
}

/// Writes every changed file atomically. A file is replaced only once its new text is fully
/// on disk; should a later file fail, earlier ones are already complete and valid.
pub fn apply(plan: &Plan) -> Result<(), Error> {
    for (path, (_, after)) in &plan.files {
        write_atomically(path, after)?;
    }
    Ok(())
}

fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(io("write", path)(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the folder does not exist",
        )));
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.kensho-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create_new(&temp)?;
        f.write_all(text.as_bytes())?;
        f.flush()?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            // Keep the original file's permissions, and refuse to replace a read-only file.
            if meta.permissions().readonly() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "the file is read-only",
                ));
            }
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io("write", path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_date_and_title() {
        assert_eq!(
            derive_id("2026-04-30", "ABCI 3.0 starts its FY2026 service", "event"),
            "2026-04-30-abci-3-0-starts-its-fy2026-service"
        );
        assert_eq!(
            derive_id("../2026-04", "PLaMo 2 8B", "release"),
            "2026-04-plamo-2-8b"
        );
        assert_eq!(
            derive_id("2026-04-23", "卓球ロボット", "event"),
            "2026-04-23-event"
        );
        assert_eq!(derive_id("fy2026", "", "budget"), "fy2026-budget");
    }
}
