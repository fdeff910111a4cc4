//! `kensho add`: append records to the ledger without touching anything else. The new
//! tables go at the end of the file that already holds records of their kind (every other
//! byte stays as it was, line endings included), the whole ledger is validated with them
//! before anything is written, and the write is atomic: a temporary file next to the real
//! file, synced, then renamed over it, and the folder synced (see [`replace`]).
//!
//! Many hands may add at once: [`add`] holds the ledger's [`lock`] from reading the ledger
//! to the last rename, so every addition sees all earlier ones and none is lost. Only files
//! the ledger reads are written ([`destination`]).

pub(crate) mod derived_id;
pub(crate) mod destination;
pub mod extend;
pub(crate) mod lock;
mod replace;
pub(crate) mod schema_line;
pub(crate) mod snippet;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, value};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ledger::{Namespace, TableKind};
use crate::source_file::{FileId, Span};
use crate::workspace::{Tree, TreeFile, Workspace, read_toml_files};

pub use derived_id::derive_id;
use destination::{Destination, Problem, Refusal};
use extend::Loaded;
use lock::{LOCK_FILE, LedgerLock};

/// Why an addition was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The ledger folder does not exist.
    #[error("no ledger folder at `{0}`; `add` needs one on disk")]
    NoLedger(PathBuf),
    /// The ledger or claims could not be read.
    #[error(transparent)]
    Read(#[from] crate::workspace::Error),
    /// A file could not be read or written; the cause is the error's source.
    #[error("cannot {action} `{path}`")]
    Io {
        /// What was being done.
        action: &'static str,
        /// To which file.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A file `add` will not write.
    #[error("cannot write `{}`: {why}", .path.display())]
    Refused {
        /// The file, as it was named.
        path: PathBuf,
        /// Why not.
        why: Refusal,
    },
    /// The input holds nothing at all.
    #[error("nothing to add: {} is empty", origin_name(.0))]
    Empty(PathBuf),
    /// The input is not TOML that can be edited, although the loader found nothing wrong
    /// with it.
    #[error("cannot parse `{}`: the snippet is not valid TOML", .0.display())]
    Unparsable(PathBuf),
    /// The input holds comments but no `[[kind]]` table.
    #[error("nothing to add: {} holds no `[[kind]]` table", origin_name(.0))]
    NoTables(PathBuf),
    /// The addition brings errors of its own; nothing was written.
    #[error("the addition was refused: {} error(s); no file was changed", .0.errors())]
    Invalid(Box<Refused>),
}

/// An addition refused for the errors it brings.
#[derive(Debug)]
pub struct Refused {
    /// The files the diagnostics are in: the snippet alone, or the ledger with the addition.
    pub workspace: Workspace,
    /// What the addition brings, errors and warnings, sorted as `check` sorts them.
    pub introduced: Vec<Diagnostic>,
    /// The errors the ledger had before the addition and still has with it.
    pub preexisting: Vec<Diagnostic>,
    /// The changes that were refused, by file; empty when the snippet was refused alone.
    pub files: BTreeMap<PathBuf, Change>,
}

impl Refused {
    /// How many of the diagnostics the addition brings are errors.
    pub fn errors(&self) -> usize {
        count_errors(&self.introduced)
    }

    /// Everything in `workspace` is the addition's own: the snippet checked alone.
    fn alone(workspace: Workspace) -> Box<Refused> {
        let introduced = workspace.diagnostics.clone();
        Box::new(Refused {
            workspace,
            introduced,
            preexisting: Vec::new(),
            files: BTreeMap::new(),
        })
    }
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count()
}

/// How messages name where a snippet came from.
fn origin_name(origin: &Path) -> String {
    if origin == Path::new("<stdin>") {
        "standard input".to_owned()
    } else {
        format!("`{}`", origin.display())
    }
}

/// One table to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// Its kind.
    pub kind: TableKind,
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
    /// Each changed file, by the path the ledger knows it by.
    pub files: BTreeMap<PathBuf, Change>,
    /// The ledger and claims with the addition, loaded and checked.
    pub after: Workspace,
    /// The errors the ledger already had before the addition, and still has with it: not
    /// the addition's, so they do not stop it (they are in `after.diagnostics` too).
    pub preexisting: Vec<Diagnostic>,
}

/// One file's change.
#[derive(Debug)]
pub struct Change {
    /// Its text before (empty for a new file).
    pub before: String,
    /// Its text after.
    pub after: String,
    /// Where the text is written.
    pub destination: Destination,
}

/// What [`add`] did.
#[derive(Debug)]
pub struct Applied {
    /// What was added.
    pub added: Vec<Added>,
    /// The ledger and claims with the addition, for locating `preexisting`.
    pub after: Workspace,
    /// The errors the ledger already had, and still has (see [`Plan::preexisting`]).
    pub preexisting: Vec<Diagnostic>,
    /// Temporary files of earlier, stopped `add`s that were removed.
    pub removed: Vec<PathBuf>,
}

fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> Error + use<'p> {
    move |source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Checks that `file` is one `add` may write (see [`destination`]).
fn destination(ledger_dir: &Path, file: &Path) -> Result<Destination, Error> {
    destination::resolve(ledger_dir, file).map_err(|problem| match problem {
        Problem::Refused(why) => Error::Refused {
            path: file.to_path_buf(),
            why,
        },
        Problem::Io(source) => Error::Io {
            action: "inspect",
            path: file.to_path_buf(),
            source,
        },
    })
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

/// The record a table without an id repeats: the one its derived id names, when it has the
/// same kind, date, entity and title.
fn same_fact(
    before: &Workspace,
    id: &str,
    kind: TableKind,
    table: &Table,
) -> Option<(Span, String)> {
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
    (kind == TableKind::Record(existing.kind())
        && *existing.entity() == *text("entity")
        && *existing.title() == *text("title")
        && when == Some(existing.when))
    .then(|| (existing.place.id(), existing.id().to_string()))
}

/// Where records of `kind` go: the ledger file holding most of them, else a file named
/// after the kind.
fn target_file(before: &Workspace, ledger_dir: &Path, kind: TableKind) -> PathBuf {
    // Counted by file id, and only the few files found named: a ledger has many records.
    let mut by_file: BTreeMap<FileId, usize> = BTreeMap::new();
    let mut bump = |span: Span| *by_file.entry(span.file).or_default() += 1;
    match kind {
        TableKind::Source => before.ledger.sources.iter().for_each(|s| bump(s.span)),
        TableKind::Entity => before.ledger.entities.iter().for_each(|e| bump(e.span)),
        TableKind::Axis => before.ledger.axes.iter().for_each(|a| bump(a.span)),
        TableKind::Record(wanted) => before
            .ledger
            .records
            .iter()
            .filter(|r| r.kind() == wanted)
            .for_each(|r| bump(r.place.table())),
    }
    let counts = (by_file.into_iter())
        .filter_map(|(file, n)| Some((before.files.path(file)?.to_path_buf(), n)));
    counts
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(path, _)| path)
        .unwrap_or_else(|| {
            let file = match kind {
                TableKind::Entity => "entities".to_owned(),
                TableKind::Axis => "axes".to_owned(),
                other => format!("{}s", other.key()),
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
/// the ledger in `ledger_dir` as it is now, without writing anything: what `--dry-run`
/// shows. `file` forces the target file.
pub fn plan(
    ledger_dir: &Path,
    claims_dir: &Path,
    snippet: &str,
    origin: &Path,
    file: Option<&Path>,
) -> Result<Plan, Error> {
    refuse_early(ledger_dir, snippet, origin, file)?;
    plan_now(ledger_dir, claims_dir, snippet, origin, file)
}

/// Adds `snippet` to the ledger, as [`plan`] describes, and writes it. The ledger lock is
/// held from reading the ledger to the last rename, so concurrent `add`s take turns and
/// each validates against every earlier addition: none is lost, and an id added twice is
/// refused the second time. Stale temporary files are removed under the lock.
pub fn add(
    ledger_dir: &Path,
    claims_dir: &Path,
    snippet: &str,
    origin: &Path,
    file: Option<&Path>,
) -> Result<Applied, Error> {
    // What can be refused without reading the ledger is refused before taking the lock,
    // whose file would appear in the ledger folder, however briefly.
    refuse_early(ledger_dir, snippet, origin, file)?;
    let lock = LedgerLock::acquire(ledger_dir).map_err(io("lock", &ledger_dir.join(LOCK_FILE)))?;
    let mut removed = replace::remove_stale(ledger_dir).map_err(io("clean", ledger_dir))?;
    let plan = plan_now(ledger_dir, claims_dir, snippet, origin, file)?;
    let ledger_real = ledger_dir.canonicalize().map_err(io("read", ledger_dir))?;
    for change in plan.files.values() {
        // A symbolic link may lead into a subfolder, where stale files are cleaned too.
        let dir = change.destination.real.parent().unwrap_or(Path::new("."));
        if dir != ledger_real {
            removed.extend(replace::remove_stale(dir).map_err(io("clean", dir))?);
        }
    }
    // Each file is replaced only once its new text is fully on disk; should a later file
    // fail, earlier ones are already complete and valid.
    for (path, change) in &plan.files {
        replace::replace(&change.destination, change.after.as_bytes())
            .map_err(io("write", path))?;
    }
    drop(lock);
    removed.sort();
    removed.dedup();
    Ok(Applied {
        added: plan.added,
        after: plan.after,
        preexisting: plan.preexisting,
        removed,
    })
}

/// The refusals that need no look at the ledger's content: no ledger, nothing to add, a
/// `--file` the ledger would not read.
fn refuse_early(
    ledger_dir: &Path,
    snippet: &str,
    origin: &Path,
    file: Option<&Path>,
) -> Result<(), Error> {
    if !ledger_dir.is_dir() {
        return Err(Error::NoLedger(ledger_dir.to_path_buf()));
    }
    if snippet.trim().is_empty() {
        return Err(Error::Empty(origin.to_path_buf()));
    }
    if let Some(file) = file {
        destination(ledger_dir, file)?;
    }
    Ok(())
}

/// Plans against the ledger as it is on disk now.
fn plan_now(
    ledger_dir: &Path,
    claims_dir: &Path,
    snippet: &str,
    origin: &Path,
    file: Option<&Path>,
) -> Result<Plan, Error> {
    // The snippet on its own first: syntax, kinds, keys and types, located in the snippet.
    let refuse_alone = |text: &str| -> Result<(), Error> {
        let alone = Workspace::read(Tree {
            ledger: vec![TreeFile {
                path: origin.to_path_buf(),
                bytes: text.as_bytes().to_vec(),
                on_disk: None,
            }],
            claims: Vec::new(),
        });
        if alone.has_errors() {
            return Err(Error::Invalid(Refused::alone(alone)));
        }
        Ok(())
    };
    let doc: DocumentMut = match snippet.parse() {
        Ok(doc) => doc,
        Err(_) => {
            refuse_alone(snippet)?;
            return Err(Error::Unparsable(origin.to_path_buf()));
        }
    };
    if doc
        .iter()
        .any(|(_, item)| item.as_array_of_tables().is_none())
    {
        // Only `[[kind]]` tables can be added; the loader says what is wrong where.
        refuse_alone(snippet)?;
    }
    if doc.is_empty() {
        return Err(Error::NoTables(origin.to_path_buf()));
    }

    // The ledger is read once; the addition is then read on its own and the ledger with it
    // checked (see `extend`). Only when that has errors is the ledger without it checked
    // too, to tell what it already had wrong from what the addition brings.
    let loaded = Loaded::read(Tree {
        ledger: read_toml_files(ledger_dir)?,
        claims: read_toml_files(claims_dir)?,
    });
    let before = &loaded.workspace;
    // Ids of this addition, by namespace; those of the ledger are looked up in its index.
    let mut added_ids: HashSet<(Namespace, String)> = HashSet::new();
    let taken = |added_ids: &HashSet<(Namespace, String)>, namespace: Namespace, id: &str| {
        added_ids.contains(&(namespace, id.to_owned()))
            || match namespace {
                Namespace::Source => before.ledger.source(id).is_some(),
                Namespace::Entity => before.ledger.entity(id).is_some(),
                Namespace::Axis => before.ledger.axis(id).is_some(),
                Namespace::Record => before.ledger.record(id).is_some(),
            }
    };

    let mut added = Vec::new();
    let mut appended: BTreeMap<PathBuf, String> = BTreeMap::new();
    // Each kind's file is worked out once, however many tables of it are added.
    let mut targets: BTreeMap<TableKind, PathBuf> = BTreeMap::new();
    // `--file`, as the ledger names it.
    let forced = file
        .map(|f| destination(ledger_dir, f))
        .transpose()?
        .map(|d| d.path);
    // The snippet as it will be written, ids included, for validating it on its own.
    let mut completed = String::new();
    let mut any_derived = false;
    for (key, item) in doc.iter() {
        // The loader above has already refused anything else.
        let (Some(kind), Some(tables)) = (TableKind::from_key(key), item.as_array_of_tables())
        else {
            continue;
        };
        for table in tables.iter() {
            let mut table = table.clone();
            let mut derived = false;
            let id = match table.get("id").and_then(Item::as_str) {
                Some(id) => id.to_owned(),
                None => {
                    derived = true;
                    let title = table.get("title").and_then(Item::as_str).unwrap_or("");
                    let base = derive_id(&when_of(&table), title, key);
                    if let Some((span, existing)) = same_fact(before, &base, kind, &table) {
                        let repeat = Diagnostic::new(
                            Code::DuplicateId,
                            span,
                            format!(
                                "the {key} to add repeats `{existing}`: same date, entity and title"
                            ),
                        )
                        .with_help("give it an `id` of its own if it really is another fact");
                        let mut workspace = loaded.check();
                        let preexisting = errors_of(&workspace.diagnostics);
                        workspace.diagnostics = vec![repeat.clone()];
                        return Err(Error::Invalid(Box::new(Refused {
                            workspace,
                            introduced: vec![repeat],
                            preexisting,
                            files: BTreeMap::new(),
                        })));
                    }
                    let mut id = base.clone();
                    let mut n = 2;
                    while taken(&added_ids, kind.namespace(), &id) {
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
            added_ids.insert((kind.namespace(), id.clone()));
            let target = match &forced {
                Some(path) => path.clone(),
                None => (targets.entry(kind))
                    .or_insert_with(|| target_file(before, ledger_dir, kind))
                    .clone(),
            };
            let rendered = table_text(key, &table);
            let text = appended.entry(target.clone()).or_default();
            text.push('\n');
            text.push_str(rendered.trim_start());
            completed.push_str(&rendered);
            any_derived |= derived;
            added.push(Added {
                kind,
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

    // Each changed file before and after. A file read cleanly is appended to as read
    // (valid UTF-8, so its text is its bytes); any other is read again from disk, and the
    // ledger with the addition then loaded whole.
    let mut changes = Vec::new();
    let mut incremental = Vec::new();
    let mut whole = false;
    for (path, text) in appended {
        let destination = destination(ledger_dir, &path)?;
        // The file as it was parsed, when it was read cleanly and still holds that text
        // (one whose text was let go is read again, and may have changed since).
        let parsed = (before.files.iter())
            .find(|(_, f)| f.path == destination.path)
            .filter(|&(id, _)| loaded.read_cleanly(id))
            .and_then(|(id, _)| Some((id, before.files.get(id)?)));
        let (before_bytes, after) = match parsed {
            Some((_, f)) => {
                let bytes = f.text().as_bytes().to_vec();
                let after = appended_to(&bytes, &text);
                (bytes, after)
            }
            _ if destination.existing.is_some() => {
                whole = true;
                let bytes = std::fs::read(&destination.real).map_err(io("read", &path))?;
                let after = appended_to(&bytes, &text);
                (bytes, after)
            }
            _ => {
                // A new file changes which file comes first in the order files are read.
                whole = true;
                let line = schema_line::schema_line(ledger_dir);
                (Vec::new(), appended_to(line.as_bytes(), &text))
            }
        };
        if let Some((id, _)) = parsed {
            incremental.push((id, String::from_utf8_lossy(&after).into_owned()));
        }
        changes.push((destination, before_bytes, after));
    }
    let starts: Vec<(FileId, usize)> = (incremental.iter())
        .filter_map(|(id, _)| Some((*id, before.files.text_len(*id)?)))
        .collect();
    let extended = if whole {
        Err(Box::new(loaded))
    } else {
        extend::extend(loaded, incremental)
    };
    let (after, before_diagnostics) = match extended {
        Ok(extended) => {
            let before = if extended.workspace.has_errors() {
                extended.before(&starts)
            } else {
                Vec::new()
            };
            (extended.workspace, before)
        }
        Err(loaded) => {
            let mut tree = Tree {
                ledger: read_toml_files(ledger_dir)?,
                claims: read_toml_files(claims_dir)?,
            };
            for (destination, _, after) in &changes {
                match tree.ledger.iter_mut().find(|f| f.path == destination.path) {
                    // Not yet what is on disk: its text must be held, not read again.
                    Some(file) => {
                        file.bytes = after.clone();
                        file.on_disk = None;
                    }
                    None => tree.ledger.push(TreeFile {
                        path: destination.path.clone(),
                        bytes: after.clone(),
                        on_disk: None,
                    }),
                }
            }
            tree.ledger.sort_by(|a, b| a.path.cmp(&b.path));
            let after = Workspace::load(tree);
            let before = if after.has_errors() {
                loaded.check().diagnostics
            } else {
                Vec::new()
            };
            (after, before)
        }
    };
    let (introduced, preexisting) = attribute(&before_diagnostics, &after.diagnostics);
    // Validated, so both are UTF-8: the loader refuses anything else.
    let files: BTreeMap<PathBuf, Change> = changes
        .into_iter()
        .map(|(destination, before, after)| {
            let change = Change {
                before: String::from_utf8_lossy(&before).into_owned(),
                after: String::from_utf8_lossy(&after).into_owned(),
                destination,
            };
            (change.destination.path.clone(), change)
        })
        .collect();
    if count_errors(&introduced) > 0 {
        return Err(Error::Invalid(Box::new(Refused {
            workspace: after,
            introduced,
            preexisting,
            files,
        })));
    }
    Ok(Plan {
        added,
        files,
        after,
        preexisting,
    })
}

/// The errors among `diagnostics`.
fn errors_of(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    (diagnostics.iter())
        .filter(|d| d.severity() == Severity::Error)
        .cloned()
        .collect()
}

/// Splits the diagnostics of the ledger with the addition into those the addition brings
/// (errors and warnings) and the errors that were there before it. A diagnostic was there
/// before when one of the same code was at the same place: the addition is appended, so
/// nothing before it moves, while a message may change with it (a "did you mean" that now
/// finds the new id).
fn attribute(before: &[Diagnostic], after: &[Diagnostic]) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let key = |d: &Diagnostic| (d.code, d.span, d.span.is_none().then(|| d.message.clone()));
    let known: HashSet<_> = before.iter().map(key).collect();
    let (preexisting, introduced): (Vec<Diagnostic>, Vec<Diagnostic>) =
        after.iter().cloned().partition(|d| known.contains(&key(d)));
    (introduced, errors_of(&preexisting))
}

/// `file` with `text` appended on a line of its own, in the file's line endings: CRLF when
/// its first line ends so, else LF.
fn appended_to(file: &[u8], text: &str) -> Vec<u8> {
    let crlf = file
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && file[i - 1] == b'\r');
    let newline = if crlf { "\r\n" } else { "\n" };
    let mut out = file.to_vec();
    let text = if out.is_empty() {
        text.trim_start()
    } else {
        if !out.ends_with(b"\n") {
            out.extend_from_slice(newline.as_bytes());
        }
        text
    };
    let text = text.replace("\r\n", "\n");
    out.extend_from_slice(text.replace('\n', newline).as_bytes());
    out
}

/// The unified diff the plan would apply.
pub fn unified_diff(plan: &Plan) -> String {
    let mut out = String::new();
    for (path, change) in &plan.files {
        let (before, after) = (&change.before, &change.after);
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
