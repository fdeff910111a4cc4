//! What `kensho init` writes: a project for a new topic. A project file, a ledger with a
//! vocabulary, one source and one record to replace, one example claim that the example
//! ledger grades, the JSON Schemas with `#:schema` lines that find them, taplo's settings and
//! a GitHub Actions workflow. The examples are files under `src/project/template/`, read by
//! the loader like any ledger; the taplo settings and the workflow are the repository's own.
//!
//! Nothing is ever replaced: when any file exists already, nothing is written.

use std::path::{Path, PathBuf};

use crate::location::{DEFAULT_CLAIMS, DEFAULT_LEDGER};
use crate::project::file::FILE_NAME;
use crate::project::schema_line::{SCHEMAS, schema_directive};
use crate::schema::SchemaKind;

/// The example claim's id: the project file names it as the default claim.
pub(crate) const EXAMPLE_CLAIM: &str = "example-co-launches-2026";

/// Why `init` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// Files the project would have are there already.
    #[error("{} exist{} already; `init` replaces nothing, so it wrote nothing", list(.0), if .0.len() == 1 { "s" } else { "" })]
    Exists(Vec<PathBuf>),
    /// A folder or file could not be made; what was written before it is removed.
    #[error("cannot write `{path}`")]
    Write {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn list(paths: &[PathBuf]) -> String {
    crate::diagnostic::quoted_list(
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    )
}

/// One file of a new project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScaffoldFile {
    /// Its path from the project's root, with `/` between names.
    pub path: String,
    /// Its text.
    pub text: String,
}

/// A TOML template with the `#:schema` line for a file in `folder` put first.
fn with_schema(kind: SchemaKind, folder: &str, template: &str) -> String {
    format!(
        "{}\n{template}",
        schema_directive(kind, Path::new(folder), Path::new("."))
    )
}

/// Every file of a new project, in the order they are written.
pub(crate) fn files() -> Vec<ScaffoldFile> {
    let file = |path: String, text: String| ScaffoldFile { path, text };
    let ledger = |name: &str, template: &str| {
        file(
            format!("{DEFAULT_LEDGER}/{name}"),
            with_schema(SchemaKind::Ledger, DEFAULT_LEDGER, template),
        )
    };
    let mut files = vec![file(
        FILE_NAME.to_owned(),
        with_schema(
            SchemaKind::Project,
            ".",
            include_str!("template/kensho.toml"),
        ),
    )];
    files.extend(
        SchemaKind::ALL.map(|kind| file(format!("{SCHEMAS}/{}", kind.file_name()), kind.text())),
    );
    files.extend([
        ledger(
            "vocabulary.toml",
            include_str!("template/evidence/vocabulary.toml"),
        ),
        ledger(
            "sources.toml",
            include_str!("template/evidence/sources.toml"),
        ),
        ledger("events.toml", include_str!("template/evidence/events.toml")),
        file(
            format!("{DEFAULT_CLAIMS}/{EXAMPLE_CLAIM}.toml"),
            with_schema(
                SchemaKind::Claim,
                DEFAULT_CLAIMS,
                include_str!("template/claims/example-co-launches-2026.toml"),
            ),
        ),
        file(
            ".taplo.toml".to_owned(),
            include_str!("../../.taplo.toml").to_owned(),
        ),
        file(
            ".github/workflows/kensho.yml".to_owned(),
            include_str!("../../examples/ci/kensho.yml").to_owned(),
        ),
    ]);
    files
}

/// Writes a new project into `dir` (made when missing): the paths written, as `dir` joined
/// with each file's path. When any of them exists, or a write fails, nothing is left written.
pub(crate) fn write(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let files = files();
    let paths: Vec<PathBuf> = (files.iter()).map(|f| dir.join(&f.path)).collect();
    let existing: Vec<PathBuf> = (paths.iter())
        .filter(|p| p.symlink_metadata().is_ok())
        .cloned()
        .collect();
    if !existing.is_empty() {
        return Err(Error::Exists(existing));
    }
    let mut made = Made::default();
    for (file, path) in files.iter().zip(&paths) {
        if let Err(e) = made.write(path, &file.text) {
            made.undo();
            return Err(e);
        }
    }
    Ok(paths)
}

/// What a `write` has made so far, to take away when it cannot finish.
#[derive(Default)]
struct Made {
    folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Made {
    /// Writes a new file, making its missing folders; an existing file (even one made since it
    /// was looked for) is not replaced.
    fn write(&mut self, path: &Path, text: &str) -> Result<(), Error> {
        use std::io::Write as _;
        let failed = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        if let Some(parent) = path.parent() {
            let missing: Vec<&Path> = (parent.ancestors())
                .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
                .collect();
            for folder in missing.into_iter().rev() {
                std::fs::create_dir(folder).map_err(failed(folder))?;
                self.folders.push(folder.to_path_buf());
            }
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(failed(path))?;
        self.files.push(path.to_path_buf());
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(failed(path))
    }

    /// Removes what was made, files first, then the folders, deepest first.
    fn undo(self) {
        for file in self.files.iter().rev() {
            let _ = std::fs::remove_file(file);
        }
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{Tree, TreeFile, Workspace};

    #[test]
    fn the_example_ledger_has_no_problem_and_grades_the_example_claim() {
        let toml = |prefix: &str| -> Vec<TreeFile> {
            (files().into_iter())
                .filter(|f| f.path.starts_with(prefix))
                .map(|f| TreeFile {
                    path: PathBuf::from(f.path),
                    bytes: f.text.into_bytes(),
                    on_disk: None,
                })
                .collect()
        };
        let workspace = Workspace::load(Tree {
            ledger: toml("evidence/"),
            claims: toml("claims/"),
        });
        assert_eq!(workspace.diagnostics, []);
        let claim = workspace
            .claim(Some(EXAMPLE_CLAIM))
            .expect("the example claim");
        let evaluation = crate::engine::evaluate(claim, &workspace.ledger, claim.as_of);
        // One launch of the two the claim speaks of: halfway between the goalposts.
        assert_eq!(evaluation.headline.score, Some(0.5));
        assert_eq!(evaluation.headline.label.as_str(), "Half True");
    }

    #[test]
    fn the_project_file_is_read_as_written() {
        let text = files()
            .into_iter()
            .find(|f| f.path == FILE_NAME)
            .expect("a project file")
            .text;
        let project = crate::project::file::read(PathBuf::from(FILE_NAME), text.into_bytes())
            .expect("a usable project file");
        assert_eq!(project.default_claim.as_deref(), Some(EXAMPLE_CLAIM));
        assert_eq!(project.ledger, Some(PathBuf::from(DEFAULT_LEDGER)));
        assert_eq!(project.claims, Some(PathBuf::from(DEFAULT_CLAIMS)));
    }

    #[test]
    fn nothing_is_replaced_and_nothing_is_written_beside_an_existing_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir(dir.path().join("claims")).expect("folder");
        let mine = dir
            .path()
            .join("claims")
            .join(format!("{EXAMPLE_CLAIM}.toml"));
        std::fs::write(&mine, "mine").expect("write");
        match write(dir.path()) {
            Err(Error::Exists(paths)) => assert_eq!(paths, [mine.as_path()]),
            other => panic!("expected Exists, got {other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&mine).expect("read"), "mine");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left, ["claims"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temporary folder");
        // A file where a folder must go: `evidence/` cannot be made.
        let project = dir.path().join("new");
        std::fs::create_dir(&project).expect("folder");
        std::fs::write(project.join("evidence"), "").expect("write");
        match write(&project) {
            Err(Error::Write { path, .. }) => {
                assert!(path.starts_with(project.join("evidence")), "{path:?}")
            }
            other => panic!("expected Write, got {other:?}"),
        }
        let left: Vec<_> = std::fs::read_dir(&project)
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left, ["evidence"]);
    }
}
