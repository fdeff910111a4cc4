//! A workspace: the ledger and claim files of one revision, loaded, checked and indexed.
//! Files come from folders on disk, from the copy compiled into the binary, or from git.

use std::path::{Path, PathBuf};

use crate::check;
use crate::claim::Claim;
use crate::claim::expression::{self, Expression};
use crate::claim::frame::{self, Choices, Frame};
use crate::claim::load::read_claim;
use crate::diagnostic::Diagnostic;
use crate::ledger::Ledger;
use crate::ledger::load::{LedgerParts, LedgerText, decode, parse_document, read_ledger_texts};
use crate::source_file::{FileId, MAX_FILE_LEN, SourceFiles};

/// A fatal problem reading files: kensho cannot go on without them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A folder or file could not be read; the cause is the error's source, shown after
    /// this message when the chain is printed.
    #[error("cannot read `{path}`")]
    Read {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file too large for kensho's 32-bit offsets.
    #[error("`{0}` is 4 GiB or larger; kensho reads files up to 4 GiB")]
    TooLarge(PathBuf),
    /// The ledger folder does not exist.
    #[error("no ledger folder at `{0}`")]
    NoLedger(PathBuf),
    /// A claims folder named, by `--claims` or in `kensho.toml`, does not exist.
    #[error("no claims folder at `{0}`")]
    NoClaims(PathBuf),
    /// The project file cannot be used; its diagnostics say why.
    #[error("the project file `{}` has errors", project_file_name(.0))]
    Project(Box<crate::project::file::Problems>),
    /// No claim has the id asked for.
    #[error("no claim `{name}`{}", suggestion(nearest))]
    NoClaim {
        /// The id asked for.
        name: String,
        /// The ids of the claims nearest to it, nearest first; empty when none is near.
        nearest: Vec<String>,
    },
    /// No claim is marked as the default.
    #[error("no default claim: name one, or mark one with `default = true`")]
    NoDefaultClaim,
    /// A claim typed in the terminal cannot be framed.
    #[error(transparent)]
    Frame(#[from] frame::Problem),
}

/// The path of the project file a [`Error::Project`] is about.
fn project_file_name(problems: &crate::project::file::Problems) -> String {
    (problems.files.iter().next()).map_or_else(String::new, |(_, f)| f.path.display().to_string())
}

/// The end of a [`Error::NoClaim`] message: the nearest ids, or where to find them all.
fn suggestion(nearest: &[String]) -> String {
    match nearest {
        [] => "; `kensho claims` lists the claims".to_owned(),
        [one] => format!("; did you mean `{one}`?"),
        many => format!(
            "; did you mean one of {}?",
            crate::diagnostic::quoted_list(many.iter().map(String::as_str))
        ),
    }
}

/// The name the claim file made from an expression is shown under when it is not saved.
pub const GENERATED_NAME: &str = "<expression claim>";

/// A claim typed in the terminal, to grade in place of a tree's claim files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    /// The expression as typed.
    pub text: String,
    /// What the command line says of its frame.
    pub choices: Choices,
    /// The path to show the claim file it makes under: where `--save` writes it, else
    /// [`GENERATED_NAME`].
    pub path: PathBuf,
}

/// The claim file an expression made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFile {
    /// The claim's id.
    pub id: String,
    /// The file's text.
    pub text: String,
}

/// One file's path and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeFile {
    /// The path to show the user.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Where on disk the bytes were read from, so that their text can be let go once
    /// parsed and read again from there (see [`SourceFiles::let_go`]); `None` for a file
    /// from anywhere else. Whoever changes `bytes` sets it to `None`: the file on disk no
    /// longer holds them, and reading it again would find that no place in it can be shown.
    pub on_disk: Option<PathBuf>,
}

impl TreeFile {
    /// A file read from anywhere but disk, refused when it is too large to be located by a
    /// span.
    pub fn new(path: PathBuf, bytes: Vec<u8>) -> Result<TreeFile, Error> {
        if bytes.len() > MAX_FILE_LEN {
            return Err(Error::TooLarge(path));
        }
        Ok(TreeFile {
            path,
            bytes,
            on_disk: None,
        })
    }
}

/// The files of one revision: ledger files and claim files, each sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    /// `*.toml` files of the ledger folder.
    pub ledger: Vec<TreeFile>,
    /// `*.toml` files of the claims folder (or the one claim file named).
    pub claims: Vec<TreeFile>,
}

/// The `*.toml` files directly in `dir`, sorted by name; a missing folder has none.
pub fn read_toml_files(dir: &Path) -> Result<Vec<TreeFile>, Error> {
    let read_err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(read_err(e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(read_err)?.path();
        if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    // Read on every core: a large ledger's files take a while to copy in, and the first
    // error in path order is the one reported, whichever thread met it first.
    crate::parallel::map(&paths, |path| {
        let read_err = |source| Error::Read {
            path: path.clone(),
            source,
        };
        // Refused before reading: there is no use holding 4 GiB to say so.
        let len = std::fs::metadata(path).map_err(read_err)?.len();
        if usize::try_from(len).map_or(true, |len| len > MAX_FILE_LEN) {
            return Err(Error::TooLarge(path.clone()));
        }
        let bytes = std::fs::read(path).map_err(read_err)?;
        Ok(TreeFile {
            on_disk: Some(path.clone()),
            ..TreeFile::new(path.clone(), bytes)?
        })
    })
    .into_iter()
    .collect()
}

impl Tree {
    /// Reads a ledger folder and a claims folder.
    pub fn read(ledger: &Path, claims: &Path) -> Result<Tree, Error> {
        if !ledger.is_dir() {
            return Err(Error::NoLedger(ledger.to_path_buf()));
        }
        Ok(Tree {
            ledger: read_toml_files(ledger)?,
            claims: read_toml_files(claims)?,
        })
    }
}

/// A loaded, checked revision.
#[derive(Debug)]
pub struct Workspace {
    /// Every file read, for locating diagnostics.
    pub files: SourceFiles,
    /// The ledger.
    pub ledger: Ledger,
    /// The claims that could be read.
    pub claims: Vec<Claim>,
    /// Every problem found, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    /// Loads and checks a tree; the files' bytes become the workspace's text without a copy.
    pub fn load(tree: Tree) -> Workspace {
        let mut workspace = Workspace::read(tree);
        workspace.check();
        workspace
    }

    /// Loads a tree without running the checks: only what reading the files finds. Ledger
    /// files are parsed on every core, a batch of pieces at a time, and merged in file
    /// order. The text of a ledger file on disk is let go once parsed: the records hold all
    /// that is needed of it, and it is read again only to show a place in it.
    pub fn read(tree: Tree) -> Workspace {
        let mut decoded = Decoded::new(tree);
        let let_go: Vec<(FileId, Option<String>)> = (decoded.ledger.iter())
            .map(|&id| (id, decoded.files.let_go(id)))
            .collect();
        let work = (let_go.into_iter())
            .map(|(id, text)| (id, decoded.text(id, text)))
            .collect();
        let read = read_ledger_texts(work);
        decoded.assemble(read)
    }

    /// Loads and checks two revisions, as [`Workspace::load`] loads each, reading once each
    /// ledger file the two have in common: at the same place in their lists of files, with
    /// the same bytes. What reading it finds depends on nothing else (a place names its file
    /// by its position in the list, and the path it is shown under is looked up only when
    /// shown), so HEAD takes BASE's, its records shared rather than copied, instead of parsing
    /// the file again: between two commits of a large ledger most files are the same. Records
    /// are shared only so, a whole file's at once; a diff leaves out the records of the files
    /// shared on that ground.
    pub fn load_pair(base: Tree, head: Tree) -> (Workspace, Workspace) {
        let (mut base, mut head) = (Decoded::new(base), Decoded::new(head));
        // Whether HEAD's `i`th ledger file is BASE's `i`th. Ledger files are numbered first,
        // so the two have the same id.
        let shared: Vec<bool> = (0..head.ledger.len())
            .map(|i| match (base.ledger.get(i), head.ledger.get(i)) {
                (Some(&b), Some(&h)) => match (base.files.get(b), head.files.get(h)) {
                    (Some(b), Some(h)) => b.text() == h.text(),
                    _ => false,
                },
                _ => false,
            })
            .collect();
        // Every file BASE has, and those of HEAD's that differ, all on the same threads. The
        // texts of the files the two share are let go, as `read` lets texts go: a diff finds
        // their records the same without a look at their text. Those of the others are
        // kept, for the diff compares their items' text.
        let is_shared = |i: usize| shared.get(i).is_some_and(|&s| s);
        let mut work: Vec<(bool, FileId, Option<String>)> = (base.ledger.iter().enumerate())
            .map(|(i, &id)| {
                (
                    false,
                    id,
                    is_shared(i).then(|| base.files.let_go(id)).flatten(),
                )
            })
            .collect();
        for (i, &id) in head.ledger.iter().enumerate() {
            if is_shared(i) {
                head.files.let_go(id);
            } else {
                work.push((true, id, None));
            }
        }
        let work = (work.into_iter())
            .map(|(in_head, id, text)| {
                let of = if in_head { &head } else { &base };
                (id, of.text(id, text))
            })
            .collect();
        let mut read = read_ledger_texts(work);
        let mut own = read.split_off(base.ledger.len()).into_iter();
        let head_read: Vec<(LedgerParts, Vec<Diagnostic>)> = (0..head.ledger.len())
            .map(|i| match read.get(i) {
                Some(found) if is_shared(i) => found.clone(),
                _ => own.next().unwrap_or_default(),
            })
            .collect();
        let mut base = base.assemble(read);
        let mut head = head.assemble(head_read);
        base.check();
        head.check();
        (base, head)
    }

    /// Loads and checks a tree's ledger with, in place of its claim files, the claim typed
    /// in the terminal: the expression becomes a source file of its own (so its mistakes are
    /// shown like any file's), then the text of a claim file, which is read like any other.
    /// What is wrong with that claim file is shown on the part of the expression it comes
    /// from where there is one. The claim file is `None` when the expression could not be
    /// read; its diagnostics say why.
    pub fn load_expression(
        tree: Tree,
        typed: Typed,
    ) -> Result<(Workspace, Option<ClaimFile>), Error> {
        let mut workspace = Workspace::read(Tree {
            ledger: tree.ledger,
            claims: Vec::new(),
        });
        let source = (workspace.files).add(Path::new(expression::SOURCE_NAME), typed.text.clone());
        let made: Option<(Expression, FileId, ClaimFile)> =
            match expression::parse(source, &typed.text) {
                Err(problems) => {
                    workspace.diagnostics.extend(problems);
                    None
                }
                Ok(expression) => {
                    let frame = Frame::resolve(&workspace.ledger, &expression, typed.choices)?;
                    let text = expression.claim_file(&frame);
                    let file = workspace.files.add(&typed.path, text.clone());
                    workspace.claims.extend(read_claim_text(
                        file,
                        &text,
                        &mut workspace.diagnostics,
                    ));
                    Some((expression, file, ClaimFile { id: frame.id, text }))
                }
            };
        workspace.check();
        let claim_file = made.map(|(expression, file, claim_file)| {
            expression.relocate(file, &claim_file.text, &mut workspace.diagnostics);
            claim_file
        });
        sort(&mut workspace.diagnostics);
        Ok((workspace, claim_file))
    }

    /// Runs every check and adds what they find to the diagnostics.
    pub fn check(&mut self) {
        self.diagnostics
            .extend(check::run(&check::Context::new(&self.ledger, &self.claims)));
        sort(&mut self.diagnostics);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        Diagnostic::any_error(&self.diagnostics)
    }

    /// The claim with this id, or the default claim when `name` is `None`.
    pub fn claim(&self, name: Option<&str>) -> Result<&Claim, Error> {
        match name {
            Some(name) => self
                .claims
                .iter()
                .find(|c| c.id == name)
                .ok_or_else(|| Error::NoClaim {
                    name: name.to_owned(),
                    nearest: crate::diagnostic::suggestions(
                        name,
                        self.claims.iter().map(|c| c.id.as_str()),
                        3,
                    )
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                }),
            None => self
                .claims
                .iter()
                .find(|c| c.default)
                .or(match self.claims.as_slice() {
                    [only] => Some(only),
                    _ => None,
                })
                .ok_or(Error::NoDefaultClaim),
        }
    }
}

/// A tree's files decoded to text and numbered, ledger files first, before any is parsed.
struct Decoded {
    files: SourceFiles,
    ledger: Vec<FileId>,
    claims: Vec<FileId>,
    diagnostics: Vec<Diagnostic>,
}

impl Decoded {
    fn new(tree: Tree) -> Decoded {
        let mut files = SourceFiles::default();
        let mut diagnostics = Vec::new();
        let mut decode_all = |list: Vec<TreeFile>, files: &mut SourceFiles| -> Vec<FileId> {
            list.into_iter()
                .map(|file| {
                    let (text, _) = decode(files.next_id(), file.bytes, &mut diagnostics);
                    match &file.on_disk {
                        Some(on_disk) => files.add_on_disk(&file.path, text, on_disk),
                        None => files.add(&file.path, text),
                    }
                })
                .collect()
        };
        let ledger = decode_all(tree.ledger, &mut files);
        let claims = decode_all(tree.claims, &mut files);
        Decoded {
            files,
            ledger,
            claims,
            diagnostics,
        }
    }

    /// A ledger file's text to read: the text let go (dropped once read), else the text
    /// held.
    fn text(&self, id: FileId, let_go: Option<String>) -> LedgerText<'_> {
        match let_go {
            Some(text) => LedgerText::Owned(text),
            None => LedgerText::Held(self.files.get(id).map_or("", |f| f.text())),
        }
    }

    /// The workspace, from what each ledger file held, in file order; claims are read here.
    fn assemble(self, read: Vec<(LedgerParts, Vec<Diagnostic>)>) -> Workspace {
        let Decoded {
            files,
            claims: claim_ids,
            mut diagnostics,
            ..
        } = self;
        let mut parts = LedgerParts::default();
        // Made at their full length at once, rather than grown by doubling, which copies
        // each list again at every step (a million records' list is 8 MB).
        parts
            .records
            .reserve_exact(read.iter().map(|(p, _)| p.records.len()).sum());
        diagnostics.reserve(read.iter().map(|(_, found)| found.len()).sum());
        for (part, found) in read {
            parts.append(part);
            diagnostics.extend(found);
        }
        let mut claims = Vec::new();
        for id in claim_ids {
            let text = files.get(id).map_or("", |f| f.text());
            claims.extend(read_claim_text(id, text, &mut diagnostics));
        }
        let ledger = Ledger::new(parts);
        sort(&mut diagnostics);
        Workspace {
            files,
            ledger,
            claims,
            diagnostics,
        }
    }
}

/// Reads the claim in one claim file's text; `None` when the file is blank or its claim
/// cannot be read (the diagnostics say why).
fn read_claim_text(file: FileId, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Claim> {
    if text.trim().is_empty() {
        return None;
    }
    read_claim(file, parse_document(file, text, diagnostics)?, diagnostics)
}

/// Sorts diagnostics by file, then position, then code, then message, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    // Compared in place: a key that copied the message would copy it at every comparison,
    // millions of times for a hundred thousand diagnostics.
    diagnostics.sort_by(|a, b| {
        let place = |d: &Diagnostic| (d.span.map(|s| (s.file, s.start())), d.code);
        place(a)
            .cmp(&place(b))
            .then_with(|| a.message.cmp(&b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_too_large_for_a_span_are_refused_before_they_are_read() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("huge.toml");
        // Sparse: the length is set without writing, so nothing of it is ever held.
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(MAX_FILE_LEN as u64 + 1).expect("set length");
        match read_toml_files(dir.path()) {
            Err(Error::TooLarge(p)) => assert_eq!(p, path),
            other => panic!("expected TooLarge, got {other:?}"),
        }
        file.set_len(3).expect("set length");
        assert!(read_toml_files(dir.path()).is_ok_and(|files| files.len() == 1));
    }

    #[test]
    fn a_ledger_read_from_disk_lets_its_text_go_and_reads_it_again_to_show_a_place() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let evidence = dir.path().join("evidence");
        std::fs::create_dir(&evidence).expect("folder");
        let path = evidence.join("a.toml");
        let text = "[[axis]]\nid = \"a\"\ntitle = \"A\"\nmystery = 1\n";
        std::fs::write(&path, text).expect("write");
        let read = || Tree::read(&evidence, &dir.path().join("claims")).expect("tree");
        let mut held = read();
        held.ledger.iter_mut().for_each(|f| f.on_disk = None);
        let (held, shown, later) = (
            Workspace::load(held),
            Workspace::load(read()),
            Workspace::load(read()),
        );
        let span = (held.diagnostics.first().and_then(|d| d.span)).expect("a located problem");
        let place = held.files.locate(span);
        assert_eq!(place.as_ref().map(|(_, line, _)| *line), Some(4));
        // Read again from disk, as it was.
        assert_eq!(shown.files.locate(span), place);

        // Changed on disk since it was read: a text held, or read again before, keeps its
        // places; one let go and not read again has none left to show.
        std::fs::write(&path, format!("# moved down a line\n{text}")).expect("write");
        assert_eq!(held.files.locate(span), place);
        assert_eq!(shown.files.locate(span), place);
        assert_eq!(later.files.locate(span), None);
        assert!(later.files.get(span.file).is_none());
        assert_eq!(later.files.path(span.file), Some(path.as_path()));
    }
}

#[cfg(test)]
mod pair_tests {
    use super::*;
    use crate::synthetic::{File, generate, revise, revise_together, tree};

    /// Everything a workspace holds that output is made of.
    fn same(a: &Workspace, b: &Workspace) {
        assert_eq!(a.ledger.records, b.ledger.records);
        assert_eq!(a.ledger.sources, b.ledger.sources);
        assert_eq!(a.ledger.entities, b.ledger.entities);
        assert_eq!(a.ledger.axes, b.ledger.axes);
        assert_eq!(a.ledger.unread, b.ledger.unread);
        assert_eq!(a.claims, b.claims);
        assert_eq!(a.diagnostics, b.diagnostics);
        let texts = |w: &Workspace| {
            (0..w.files.next_id().0)
                .filter_map(|i| w.files.get(FileId(i)))
                .map(|f| (f.path.clone(), f.text().to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(a), texts(b));
    }

    #[test]
    fn a_pair_loads_as_each_revision_loads_alone() {
        let base = generate(2000, 9);
        // A file of problems, to share its diagnostics too.
        let mut broken = base.clone();
        broken.push(File {
            path: "evidence/zz-broken.toml".to_owned(),
            text: "[[event]]\nid = \"ev-x\"\ndate = 2026-02-30\nmystery = 1\n".to_owned(),
        });
        // HEAD with a file more at the front: every file after it is at another place.
        let mut shifted = revise_together(&base, 100);
        shifted.insert(
            0,
            File {
                path: "evidence/aa-first.toml".to_owned(),
                text: "[[axis]]\nid = \"extra\"\ntitle = \"Extra\"\n".to_owned(),
            },
        );
        // HEAD with one file's bytes under another name.
        let mut renamed = base.clone();
        if let Some(f) = renamed
            .iter_mut()
            .find(|f| f.path == "evidence/targets-00.toml")
        {
            f.path = "evidence/targets-99.toml".to_owned();
        }
        let heads = [
            base.clone(),
            revise(&base, 100),
            revise_together(&base, 100),
            broken.clone(),
            shifted,
            renamed,
        ];
        for head in &heads {
            for (b, h) in [(&base, head), (head, &base), (&broken, head)] {
                let (pb, ph) = Workspace::load_pair(tree(b), tree(h));
                same(&pb, &Workspace::load(tree(b)));
                same(&ph, &Workspace::load(tree(h)));
            }
        }
    }

    #[test]
    fn a_file_both_revisions_hold_the_same_is_read_once_and_its_records_shared() {
        let base = generate(2000, 9);
        let head = revise_together(&base, 100);
        let (b, h) = Workspace::load_pair(tree(&base), tree(&head));
        let by_file = |w: &Workspace, file: FileId| -> Vec<*const crate::ledger::Record> {
            (w.ledger.records_by_id())
                .filter(|r| r.place.file() == file)
                .map(std::sync::Arc::as_ptr)
                .collect()
        };
        let mut shared = 0;
        for (i, (before, after)) in base.iter().zip(&head).enumerate() {
            let file = FileId(u32::try_from(i).expect("few files"));
            let (in_base, in_head) = (by_file(&b, file), by_file(&h, file));
            if before.text == after.text {
                assert_eq!(in_base, in_head, "{}", before.path);
                shared += usize::from(!in_head.is_empty());
            } else {
                assert!(
                    in_head.iter().all(|r| !in_base.contains(r)),
                    "{}",
                    after.path
                );
            }
        }
        assert!(shared > 10, "{shared} files shared");
    }

    #[test]
    fn a_change_to_the_last_table_of_a_file_is_a_change() {
        // The last item of a file runs to the file's end, which is known without its text.
        let base = generate(2000, 9);
        let mut head = base.clone();
        let file = (head.iter_mut())
            .find(|f| f.path.starts_with("evidence/events"))
            .expect("an events file");
        let at = file.text.rfind("title = \"").expect("a title") + "title = \"".len();
        file.text.insert_str(at, "Changed: ");
        let last_id = |text: &str| {
            let at = text.rfind("id = \"").expect("an id") + "id = \"".len();
            text[at..].split('"').next().unwrap_or_default().to_owned()
        };
        let id = last_id(&file.text);
        let (b, h) = Workspace::load_pair(tree(&base), tree(&head));
        let side = |workspace| crate::diff::Side {
            name: "",
            workspace,
        };
        let diff = crate::diff::compare(side(&b), side(&h), &[], None).expect("a diff");
        let changed: Vec<(&str, crate::diff::Change)> = (diff.ledger.iter())
            .map(|c| (c.id.as_str(), c.change))
            .collect();
        assert_eq!(changed, [(id.as_str(), crate::diff::Change::Changed)]);
    }

    #[test]
    fn a_pair_read_from_disk_diffs_as_one_held_in_memory() {
        // From disk, the texts of the files both revisions share are let go; the diff must
        // find the same changes without them, and every place must still be shown.
        let dir = tempfile::tempdir().expect("temporary folder");
        let on_disk = |name: &str, files: &[File]| -> Tree {
            let root = dir.path().join(name);
            for file in files {
                let path = root.join(&file.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).expect("folder");
                }
                std::fs::write(&path, &file.text).expect("write");
            }
            Tree::read(&root.join("evidence"), &root.join("claims")).expect("tree")
        };
        let changes = |(b, h): &(Workspace, Workspace)| {
            let side = |workspace| crate::diff::Side {
                name: "",
                workspace,
            };
            (crate::diff::compare(side(b), side(h), &[], None))
                .expect("a diff")
                .ledger
        };
        let base = generate(2000, 9);
        for (name, head) in [
            ("spread", revise(&base, 100)),
            ("together", revise_together(&base, 100)),
        ] {
            // The same trees, their texts held for good.
            let held = |mut tree: Tree| {
                for file in tree.ledger.iter_mut().chain(&mut tree.claims) {
                    file.on_disk = None;
                }
                tree
            };
            let (base_tree, head_tree) = (on_disk("base", &base), on_disk(name, &head));
            let held = Workspace::load_pair(held(base_tree.clone()), held(head_tree.clone()));
            let read = Workspace::load_pair(base_tree, head_tree);
            assert!(!changes(&held).is_empty(), "{name}");
            assert_eq!(changes(&read), changes(&held), "{name}");
            for (read, held) in [(&read.0, &held.0), (&read.1, &held.1)] {
                assert_eq!(read.ledger.records, held.ledger.records, "{name}");
                let text = |w: &Workspace, i| w.files.get(FileId(i)).map(|f| f.text().to_owned());
                for i in 0..held.files.next_id().0 {
                    assert_eq!(text(read, i), text(held, i), "{name}, file {i}");
                }
            }
        }
    }
}
