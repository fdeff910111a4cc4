//! Where a command finds its ledger and claims: the folders `--ledger` and `--claims` name,
//! else those of the project the working folder is in, else the copy built into the binary
//! ([`crate::embedded`]). The defaults are worked out here and nowhere else.
//!
//! The project is found as cargo and git find theirs, by walking up from the working folder:
//! the nearest folder holding a `kensho.toml` is the root; without one anywhere above, the
//! nearest folder holding `evidence/` or `claims/`. The walk stops at the root of the git
//! repository the working folder is in (the folder holding `.git`), after looking there, so
//! that a repository never picks up a ledger from outside it; outside any repository it goes
//! up to the filesystem's root.
//!
//! Relative paths are taken from the working folder, which every function here is given
//! (`here`, an absolute path) rather than reading it from the process. Files are shown by the
//! path the user gave, or by their path from the working folder (`../evidence/a.toml` from a
//! subfolder of the project), so that diagnostics and errors name them as they can be opened
//! from there; a file under the working folder named by an absolute path is shown by its
//! path from there.

use std::path::{Path, PathBuf};

use crate::embedded;
use crate::project::file::{self as project_file, FILE_NAME, ProjectFile};
use crate::project::schema_line::normal;
use crate::workspace::{Error, Tree, TreeFile, read_toml_files};

/// The ledger folder used when none is named.
pub(crate) const DEFAULT_LEDGER: &str = "evidence";

/// The claims folder used when none is named.
pub(crate) const DEFAULT_CLAIMS: &str = "claims";

/// The folders a command was given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The ledger folder; `None` when not named.
    pub ledger: Option<PathBuf>,
    /// The claims folder; `None` when not named.
    pub claims: Option<PathBuf>,
}

/// A ledger folder and a claims folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// The ledger folder.
    pub ledger: PathBuf,
    /// The claims folder.
    pub claims: PathBuf,
}

/// The project a working folder is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The project's root, as a path from the working folder: `.`, `..`, `../..`...
    pub root: PathBuf,
    /// The project file; `None` when the root was known by its `evidence/` or `claims/`
    /// folder.
    pub file: Option<ProjectFile>,
}

impl Project {
    /// `folder` of the project, as a path from the working folder.
    pub fn path(&self, folder: &Path) -> PathBuf {
        under(&self.root, folder)
    }

    /// The ledger folder, relative to the root.
    fn ledger(&self) -> PathBuf {
        (self.file.as_ref().and_then(|f| f.ledger.clone()))
            .unwrap_or_else(|| PathBuf::from(DEFAULT_LEDGER))
    }

    /// The claims folder, relative to the root.
    fn claims(&self) -> PathBuf {
        (self.file.as_ref().and_then(|f| f.claims.clone()))
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CLAIMS))
    }
}

/// Where a command that reads the ledger and claims takes them from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A ledger folder and a claims folder, as paths from the working folder; a claims
    /// folder that was not named and does not exist has no claims.
    Folders(Folders),
    /// The built-in ledger, with the claims of a folder; `None` for the built-in claims.
    BuiltIn {
        /// The claims folder named or found, if any.
        claims: Option<PathBuf>,
    },
}

/// Where a command reads, and the project it found on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The folders, or the built-in ledger.
    pub resolved: Resolved,
    /// The project the working folder is in; `None` when there is none.
    pub project: Option<Project>,
}

/// Where a command that writes to the ledger or compares revisions works: a folder, and the
/// ledger and claims folders in it. It never falls back to the built-in ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workplace {
    /// The folder, as a path from the working folder: the project's root when no folder is
    /// named, else `.`.
    pub dir: PathBuf,
    /// The ledger and claims folders, relative to `dir`.
    pub folders: Folders,
    /// The project the working folder is in; `None` when there is none.
    pub project: Option<Project>,
}

impl Workplace {
    /// The ledger and claims folders as paths from the working folder.
    pub fn shown(&self) -> Folders {
        Folders {
            ledger: under(&self.dir, &self.folders.ledger),
            claims: under(&self.dir, &self.folders.claims),
        }
    }
}

impl Location {
    /// Where a command run in `here` writes or compares: the folders named (from `here`),
    /// with the project's for those that are not, else `evidence/` and `claims/` in `here`.
    pub fn workplace(&self, here: &Path) -> Result<Workplace, Error> {
        let project = find_project(here)?;
        let (dir, folders) = match (&project, self.ledger.is_some() || self.claims.is_some()) {
            (Some(project), false) => (
                project.root.clone(),
                Folders {
                    ledger: project.ledger(),
                    claims: project.claims(),
                },
            ),
            (Some(project), true) => (
                PathBuf::from("."),
                Folders {
                    ledger: (self.ledger.clone())
                        .unwrap_or_else(|| project.path(&project.ledger())),
                    claims: (self.claims.clone())
                        .unwrap_or_else(|| project.path(&project.claims())),
                },
            ),
            (None, _) => (
                PathBuf::from("."),
                Folders {
                    ledger: (self.ledger.clone()).unwrap_or_else(|| PathBuf::from(DEFAULT_LEDGER)),
                    claims: (self.claims.clone()).unwrap_or_else(|| PathBuf::from(DEFAULT_CLAIMS)),
                },
            ),
        };
        Ok(Workplace {
            dir,
            folders,
            project,
        })
    }

    /// Where a command run in `here` reads: the ledger folder named, else the project's (which
    /// must exist when the project has a `kensho.toml`), else the built-in ledger. With the
    /// built-in ledger come the built-in claims, unless a claims folder is named or the
    /// project has one. A folder named, by an option or in `kensho.toml`, must exist.
    pub fn resolve(&self, here: &Path) -> Result<Resolution, Error> {
        let project = find_project(here)?;
        let file = project.as_ref().and_then(|p| Some((p, p.file.as_ref()?)));
        // Each folder as named on the command line, else as named in `kensho.toml`.
        let named = |given: &Option<PathBuf>, written: fn(&ProjectFile) -> &Option<PathBuf>| {
            (given.clone()).or_else(|| {
                let (project, file) = file?;
                written(file).as_ref().map(|f| project.path(f))
            })
        };
        must_exist(here, named(&self.ledger, |f| &f.ledger), Error::NoLedger)?;
        must_exist(here, named(&self.claims, |f| &f.claims), Error::NoClaims)?;
        let ledger = match (&self.ledger, &project) {
            (Some(named), _) => Some(named.clone()),
            (None, Some(project)) => {
                let folder = project.path(&project.ledger());
                // A `kensho.toml` promises a ledger; a folder found by its `claims/` alone
                // has none of its own.
                (project.file.is_some() || here.join(&folder).is_dir()).then_some(folder)
            }
            (None, None) => None,
        };
        let claims =
            (self.claims.clone()).or_else(|| project.as_ref().map(|p| p.path(&p.claims())));
        let resolved = match ledger {
            Some(ledger) => Resolved::Folders(Folders {
                ledger,
                claims: claims.unwrap_or_else(|| PathBuf::from(DEFAULT_CLAIMS)),
            }),
            None => Resolved::BuiltIn { claims },
        };
        Ok(Resolution { resolved, project })
    }

    /// Reads the files a command run in `here` works on (see [`Location::resolve`]). A
    /// claim file, as [`claim_file`] tells one, replaces the claims folder.
    pub fn read(&self, here: &Path, claim: Option<&str>) -> Result<Tree, Error> {
        self.resolve(here)?.read(here, claim)
    }
}

impl Resolution {
    /// Reads the files this resolution names, from `here`. A claim file, as [`claim_file`]
    /// tells one, replaces the claims folder.
    pub fn read(&self, here: &Path, claim: Option<&str>) -> Result<Tree, Error> {
        let mut tree = match &self.resolved {
            Resolved::Folders(folders) => {
                let ledger = here.join(&folders.ledger);
                let claims = here.join(&folders.claims);
                let mut tree = Tree::read(&ledger, &claims).map_err(|e| {
                    shown_error(e, &[(&ledger, &folders.ledger), (&claims, &folders.claims)])
                })?;
                rename(&mut tree.ledger, &ledger, &folders.ledger);
                rename(&mut tree.claims, &claims, &folders.claims);
                tree
            }
            Resolved::BuiltIn { claims } => {
                let mut tree = embedded::tree();
                if let Some(given) = claims {
                    let folder = here.join(given);
                    tree.claims = read_toml_files(&folder)
                        .map_err(|e| shown_error(e, &[(&folder, given)]))?;
                    rename(&mut tree.claims, &folder, given);
                }
                tree
            }
        };
        if let Some(given) = claim.filter(|c| claim_file(here, c)) {
            let path = here.join(given);
            let bytes = std::fs::read(&path).map_err(|source| Error::Read {
                path: PathBuf::from(given),
                source,
            })?;
            tree.claims = vec![TreeFile::new(PathBuf::from(given), bytes)?];
        }
        // Diagnostics show paths relative to the working folder when the files lie under it.
        for file in tree.ledger.iter_mut().chain(tree.claims.iter_mut()) {
            if !file.path.is_absolute() {
                continue;
            }
            if let Ok(relative) = file.path.strip_prefix(here) {
                file.path = relative.to_path_buf();
            }
        }
        Ok(tree)
    }

    /// The claim graded when none is named, if the project file names one.
    pub fn default_claim(&self) -> Option<&str> {
        let file = self.project.as_ref()?.file.as_ref()?;
        file.default_claim.as_deref()
    }
}

/// The project `here` is in: the nearest folder at or above it holding a `kensho.toml`, else
/// the nearest holding `evidence/` or `claims/`, looking no higher than the root of the git
/// repository `here` is in; `None` when there is none. A `kensho.toml` that cannot be read or
/// used is an error.
pub(crate) fn find_project(here: &Path) -> Result<Option<Project>, Error> {
    let top = repository_root(here);
    let searched: Vec<&Path> = {
        let mut folders = Vec::new();
        for folder in here.ancestors() {
            folders.push(folder);
            if Some(folder) == top {
                break;
            }
        }
        folders
    };
    let root_at = |depth: usize| -> PathBuf {
        match depth {
            0 => PathBuf::from("."),
            _ => std::iter::repeat_n("..", depth).collect(),
        }
    };
    if let Some(depth) = searched.iter().position(|f| f.join(FILE_NAME).is_file()) {
        let root = root_at(depth);
        let shown = under(&root, Path::new(FILE_NAME));
        let path = here.join(&shown);
        let bytes = std::fs::read(&path).map_err(|source| Error::Read {
            path: shown.clone(),
            source,
        })?;
        let file = project_file::read(shown, bytes).map_err(Error::Project)?;
        return Ok(Some(Project {
            root,
            file: Some(file),
        }));
    }
    let holds = |f: &&Path| {
        [DEFAULT_LEDGER, DEFAULT_CLAIMS]
            .iter()
            .any(|d| f.join(d).is_dir())
    };
    Ok(searched.iter().position(holds).map(|depth| Project {
        root: root_at(depth),
        file: None,
    }))
}

/// The folder of the git repository `here` is in: the nearest at or above it that holds
/// `.git`; `None` outside any repository.
pub(crate) fn repository_root(here: &Path) -> Option<&Path> {
    here.ancestors().find(|folder| folder.join(".git").exists())
}

/// `path`, a path from the working folder `here`, as a path from the root of the git
/// repository `here` is in, with `/` between names: what GitHub annotations are placed by.
/// Outside a repository, or for a path that leads out of it, `path` as it is.
pub(crate) fn from_repository_root(here: &Path, path: &Path) -> PathBuf {
    let Some(root) = repository_root(here) else {
        return path.to_path_buf();
    };
    let (root, full) = (normal(root), normal(&here.join(path)));
    match full.strip_prefix(root.as_slice()) {
        Some(rest) if !rest.is_empty() && !rest.iter().any(|n| n == "..") => {
            PathBuf::from(rest.join("/"))
        }
        _ => path.to_path_buf(),
    }
}

/// `Ok` when `folder`, a path from `here`, is `None` or exists; else `missing` of it.
fn must_exist(
    here: &Path,
    folder: Option<PathBuf>,
    missing: fn(PathBuf) -> Error,
) -> Result<(), Error> {
    match folder {
        Some(folder) if !here.join(&folder).exists() => Err(missing(folder)),
        _ => Ok(()),
    }
}

/// `path` taken from the folder `root`, a path from the working folder: `root` itself is left
/// out when it is `.`, and an absolute `path` is kept as it is.
fn under(root: &Path, path: &Path) -> PathBuf {
    if root == Path::new(".") {
        path.to_path_buf()
    } else {
        root.join(path)
    }
}

/// Whether a CLAIM argument names a claim file in `here`: a file has that path. Anything
/// else names a claim by its id, or is a claim typed as an expression.
pub(crate) fn claim_file(here: &Path, claim: &str) -> bool {
    here.join(claim).is_file()
}

/// `files`, read from `folder`, renamed to lie in `given`, the folder as the user named it.
fn rename(files: &mut [TreeFile], folder: &Path, given: &Path) {
    for file in files {
        if let Ok(name) = file.path.strip_prefix(folder) {
            file.path = given.join(name);
        }
    }
}

/// `error` with a path read from one of the `(folder, given)` folders renamed to lie in the
/// folder as the user named it; when one folder holds the other, the nearest one.
fn shown_error(error: Error, folders: &[(&Path, &Path)]) -> Error {
    let shown = |path: PathBuf| {
        let nearest = (folders.iter())
            .filter_map(|(folder, given)| Some((path.strip_prefix(folder).ok()?, given)))
            .min_by_key(|(rest, _)| rest.components().count());
        match nearest {
            Some((rest, given)) if rest.as_os_str().is_empty() => given.to_path_buf(),
            Some((rest, given)) => given.join(rest),
            None => path.clone(),
        }
    };
    match error {
        Error::Read { path, source } => Error::Read {
            path: shown(path),
            source,
        },
        Error::TooLarge(path) => Error::TooLarge(shown(path)),
        Error::NoLedger(path) => Error::NoLedger(shown(path)),
        Error::NoClaims(path) => Error::NoClaims(shown(path)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary folder");
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folder");
            std::fs::write(path, "").expect("write");
        }
        dir
    }

    fn named(ledger: Option<&str>, claims: Option<&str>) -> Location {
        Location {
            ledger: ledger.map(PathBuf::from),
            claims: claims.map(PathBuf::from),
        }
    }

    fn resolved(location: &Location, here: &Path) -> Resolved {
        location.resolve(here).expect("resolved").resolved
    }

    fn folders(ledger: &str, claims: &str) -> Resolved {
        Resolved::Folders(Folders {
            ledger: PathBuf::from(ledger),
            claims: PathBuf::from(claims),
        })
    }

    #[test]
    fn the_built_in_ledger_is_read_only_where_there_is_no_project() {
        let empty = folder_with(&[".git/HEAD"]);
        assert_eq!(
            resolved(&Location::default(), empty.path()),
            Resolved::BuiltIn { claims: None }
        );
        let only_claims = folder_with(&[".git/HEAD", "claims/c.toml", "c/d.toml"]);
        assert_eq!(
            resolved(&named(None, Some("c")), only_claims.path()),
            Resolved::BuiltIn {
                claims: Some(PathBuf::from("c"))
            }
        );
        // A folder holding `claims/` alone is a project whose claims go with the built-in
        // ledger.
        assert_eq!(
            resolved(&Location::default(), &only_claims.path().join("c")),
            Resolved::BuiltIn {
                claims: Some(PathBuf::from("../claims"))
            }
        );
        let with = folder_with(&[".git/HEAD", "evidence/a.toml"]);
        assert_eq!(
            resolved(&Location::default(), with.path()),
            folders("evidence", "claims")
        );
    }

    #[test]
    fn folders_named_must_exist() {
        let empty = folder_with(&[".git/HEAD", "evidence/a.toml"]);
        match named(Some("nowhere"), None).resolve(empty.path()) {
            Err(Error::NoLedger(path)) => assert_eq!(path, Path::new("nowhere")),
            other => panic!("expected NoLedger, got {other:?}"),
        }
        match named(None, Some("nowhere")).resolve(empty.path()) {
            Err(Error::NoClaims(path)) => assert_eq!(path, Path::new("nowhere")),
            other => panic!("expected NoClaims, got {other:?}"),
        }
        let project = folder_with(&[".git/HEAD", "kensho.toml", "evidence/a.toml"]);
        std::fs::write(project.path().join("kensho.toml"), "claims = \"checks\"\n").expect("write");
        match Location::default().resolve(project.path()) {
            Err(Error::NoClaims(path)) => assert_eq!(path, Path::new("checks")),
            other => panic!("expected NoClaims, got {other:?}"),
        }
    }

    #[test]
    fn the_project_is_found_by_walking_up() {
        let dir = folder_with(&[
            ".git/HEAD",
            "kensho.toml",
            "data/ledger/a.toml",
            "data/evidence/decoy.toml",
            "checks/c.toml",
        ]);
        std::fs::write(
            dir.path().join("kensho.toml"),
            "ledger = \"data/ledger\"\nclaims = \"checks\"\ndefault_claim = \"c\"\n",
        )
        .expect("write");
        // From a folder holding `evidence/`, `kensho.toml` above wins.
        let here = dir.path().join("data");
        let resolution = Location::default().resolve(&here).expect("resolved");
        assert_eq!(resolution.resolved, folders("../data/ledger", "../checks"));
        assert_eq!(resolution.default_claim(), Some("c"));
        let tree = resolution.read(&here, None).expect("read");
        assert_eq!(tree.ledger[0].path, Path::new("../data/ledger/a.toml"));
        assert_eq!(tree.claims[0].path, Path::new("../checks/c.toml"));
        // Without a project file, the nearest folder holding `evidence/` or `claims/`.
        std::fs::remove_file(dir.path().join("kensho.toml")).expect("remove");
        assert_eq!(
            resolved(&Location::default(), &here.join("ledger")),
            folders("../evidence", "../claims")
        );
        // A folder named is taken from the working folder; the other is the project's.
        assert_eq!(
            resolved(&named(Some("ledger"), None), &here),
            folders("ledger", "claims")
        );
    }

    #[test]
    fn the_walk_stops_at_the_repository_root() {
        let dir = folder_with(&["evidence/a.toml", "repo/.git/HEAD", "repo/sub/x"]);
        assert_eq!(
            resolved(&Location::default(), &dir.path().join("repo/sub")),
            Resolved::BuiltIn { claims: None }
        );
        assert_eq!(
            find_project(&dir.path().join("repo")).expect("searched"),
            None
        );
    }

    #[test]
    fn a_project_file_with_mistakes_is_an_error_with_its_diagnostics() {
        let dir = folder_with(&[".git/HEAD", "kensho.toml", "sub/x"]);
        std::fs::write(dir.path().join("kensho.toml"), "ledgr = \"x\"\n").expect("write");
        match find_project(&dir.path().join("sub")) {
            Err(Error::Project(problems)) => {
                assert_eq!(problems.diagnostics.len(), 1);
                let (_, file) = problems.files.iter().next().expect("the file");
                assert_eq!(file.path, Path::new("../kensho.toml"));
            }
            other => panic!("expected Project, got {other:?}"),
        }
    }

    #[test]
    fn workplaces_are_the_project_root_unless_folders_are_named() {
        let dir = folder_with(&[".git/HEAD", "evidence/a.toml", "sub/x"]);
        let sub = dir.path().join("sub");
        let place = Location::default().workplace(&sub).expect("workplace");
        assert_eq!(place.dir, Path::new(".."));
        assert_eq!(place.folders.ledger, Path::new("evidence"));
        assert_eq!(place.shown().ledger, Path::new("../evidence"));
        let place = named(None, Some("mine"))
            .workplace(&sub)
            .expect("workplace");
        assert_eq!(place.dir, Path::new("."));
        assert_eq!(place.shown().ledger, Path::new("../evidence"));
        assert_eq!(place.shown().claims, Path::new("mine"));
    }

    #[test]
    fn annotation_paths_are_taken_from_the_repository_root() {
        let dir = folder_with(&[".git/HEAD", "project/evidence/a.toml"]);
        let here = dir.path().join("project");
        assert_eq!(
            from_repository_root(&here, Path::new("evidence/a.toml")),
            Path::new("project/evidence/a.toml")
        );
        assert_eq!(
            from_repository_root(&here.join("evidence"), Path::new("../evidence/a.toml")),
            Path::new("project/evidence/a.toml")
        );
        let outside = folder_with(&["evidence/a.toml"]);
        assert_eq!(
            from_repository_root(outside.path(), Path::new("evidence/a.toml")),
            Path::new("evidence/a.toml")
        );
    }

    #[test]
    fn files_are_shown_as_named_and_a_claim_file_replaces_the_claims() {
        let dir = folder_with(&[".git/HEAD", "evidence/a.toml", "claims/c.toml", "mine.toml"]);
        let tree = Location::default().read(dir.path(), None).expect("read");
        let paths =
            |files: &[TreeFile]| -> Vec<PathBuf> { files.iter().map(|f| f.path.clone()).collect() };
        assert_eq!(paths(&tree.ledger), [PathBuf::from("evidence/a.toml")]);
        assert_eq!(paths(&tree.claims), [PathBuf::from("claims/c.toml")]);
        let tree = (Location::default())
            .read(dir.path(), Some("mine.toml"))
            .expect("read");
        assert_eq!(paths(&tree.claims), [PathBuf::from("mine.toml")]);
        let tree = (named(Some("./evidence"), None))
            .read(dir.path(), None)
            .expect("read");
        assert_eq!(paths(&tree.ledger), [PathBuf::from("./evidence/a.toml")]);
        let absolute = dir.path().join("evidence").display().to_string();
        let tree = (named(Some(&absolute), None))
            .read(dir.path(), Some("c"))
            .expect("read");
        assert_eq!(paths(&tree.ledger), [PathBuf::from("evidence/a.toml")]);
        assert_eq!(paths(&tree.claims), [PathBuf::from("claims/c.toml")]);
    }

    #[test]
    fn folders_that_cannot_be_read_are_named_as_given() {
        let dir = folder_with(&[".git/HEAD"]);
        match named(Some("nowhere"), None).read(dir.path(), None) {
            Err(Error::NoLedger(path)) => assert_eq!(path, Path::new("nowhere")),
            other => panic!("expected NoLedger, got {other:?}"),
        }
        // A claims "folder" that is a file cannot be listed; it is named as given, `./` kept,
        // whichever ledger comes with it.
        let with = folder_with(&[".git/HEAD", "evidence/a.toml", "file.toml"]);
        let without = folder_with(&[".git/HEAD", "file.toml"]);
        for (here, ledger, given) in [
            (with.path(), Some("evidence"), "./file.toml"),
            (with.path(), None, "file.toml"),
            (without.path(), None, "./file.toml"),
        ] {
            let location = named(ledger, Some(given));
            match location.read(here, None) {
                Err(Error::Read { path, .. }) => assert_eq!(path, Path::new(given)),
                other => panic!("expected Read, got {other:?}"),
            }
        }
    }
}
