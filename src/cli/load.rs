//! What a command reads: the files its location options name (or the project it is run in,
//! or the built-in ledger, which it says on stderr), and for a command that grades, the claim
//! its CLAIM argument names: a claim file, a claim id, the default claim, or a claim typed as
//! an expression (saved with `--save`).

use std::io::Write;
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;

use super::args::{ExpressionArgs, GlobalArgs};
use crate::claim::frame::Choices;
use crate::hostile::escape;
use crate::location::{self, Resolution, Resolved};
use crate::workspace::{GENERATED_NAME, Tree, Typed, Workspace};

/// Reads the tree a command works on (see [`location`]); a claim given as a file path
/// replaces the claims folder.
pub(super) fn tree(global: &GlobalArgs, claim: Option<&str>) -> anyhow::Result<Tree> {
    Ok(resolve(global)?.read(&here(), claim)?)
}

/// Where a command reads; says on stderr when that is the built-in ledger, unless `--quiet`.
pub(super) fn resolve(global: &GlobalArgs) -> anyhow::Result<Resolution> {
    let resolution = global.location.location().resolve(&here())?;
    if let Resolved::BuiltIn { claims } = &resolution.resolved {
        let what = match claims {
            Some(folder) => format!(
                "the ledger built into kensho, with the claims in `{}`",
                escape(&folder.display().to_string())
            ),
            None => "the ledger and claims built into kensho".to_owned(),
        };
        note(
            global,
            &format!(
                "no ledger here or above (no `kensho.toml` or `evidence/`): using {what}; \
                 `kensho init` starts a project"
            ),
        );
    }
    Ok(resolution)
}

/// Prints a note on stderr, unless `--quiet`.
pub(super) fn note(global: &GlobalArgs, text: &str) {
    if !global.quiet {
        let _ = writeln!(anstream::stderr(), "note: {text}");
    }
}

/// Loads and checks a tree for a command that uses it until the process exits. It is never
/// freed: exiting hands the memory back at once, where freeing a million records one by one
/// took a tenth of the run.
pub(super) fn load(tree: Tree) -> ManuallyDrop<Workspace> {
    ManuallyDrop::new(Workspace::load(tree))
}

/// The working folder, which relative paths are taken from; `.` when it cannot be named.
pub(super) fn here() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// The claim id named by a CLAIM argument that is not a file path.
pub(super) fn claim_name(claim: Option<&str>) -> Option<&str> {
    claim.filter(|c| !location::claim_file(&here(), c))
}

/// Whether a CLAIM argument is a claim typed as an expression: it has a parenthesis.
pub(super) fn is_expression(claim: &str) -> bool {
    claim.contains('(')
}

/// The claim id a command grades: the one its CLAIM argument names when that is not a file
/// path, else the project file's default claim; `None` for the claim files' default.
pub(super) fn graded_name(resolution: &Resolution, claim: Option<&str>) -> Option<String> {
    match claim {
        Some(claim) => claim_name(Some(claim)).map(str::to_owned),
        None => resolution.default_claim().map(str::to_owned),
    }
}

/// A workspace to grade, with the name of the claim in it to grade and where it was read.
pub(super) struct Graded {
    /// The loaded, checked workspace.
    pub workspace: ManuallyDrop<Workspace>,
    /// The claim to grade: an id, or `None` for the default claim.
    pub name: Option<String>,
    /// Where the files were read, and the project found.
    pub resolution: Resolution,
}

/// Loads the workspace a command grades, and names the claim in it to grade: a claim typed
/// as an expression (framed by `typed`, `axis` and `as_of`), or as before a claim file, a
/// claim id or, with `None`, the project's or the claim files' default claim.
pub(super) fn graded(
    global: &GlobalArgs,
    claim: Option<&str>,
    typed: &ExpressionArgs,
    axis: Option<&str>,
    as_of: Option<NaiveDate>,
) -> anyhow::Result<Graded> {
    let resolution = resolve(global)?;
    let Some(text) = claim.filter(|c| is_expression(c)) else {
        anyhow::ensure!(
            !typed.any(),
            "`--subject`, `--window` and `--save` are for a claim typed as an expression, \
             such as 'value(metric = gpu_share) >= 5%'"
        );
        let workspace = load(resolution.read(&here(), claim)?);
        let name = graded_name(&resolution, claim);
        return Ok(Graded {
            workspace,
            name,
            resolution,
        });
    };
    let subject = typed.subject.clone().context(
        "a claim typed as an expression needs `--subject ENTITY`: the entity it is about",
    )?;
    if let Some(path) = &typed.save {
        anyhow::ensure!(
            !path.exists(),
            "`{}` exists already, and `--save` never replaces a file: give another name",
            path.display()
        );
    }
    let choices = Choices {
        id: (typed.save.as_deref())
            .and_then(Path::file_stem)
            .map(|stem| stem.to_string_lossy().into_owned()),
        subject,
        as_of,
        window: typed.window,
        axis: axis.map(str::to_owned),
    };
    let (workspace, made) = Workspace::load_expression(
        resolution.read(&here(), None)?,
        Typed {
            text: text.to_owned(),
            choices,
            path: (typed.save.clone()).unwrap_or_else(|| PathBuf::from(GENERATED_NAME)),
        },
    )?;
    if let (Some(path), Some(file)) = (&typed.save, &made) {
        save(path, &file.text)?;
        if !global.quiet {
            let _ = writeln!(
                anstream::stderr(),
                "saved claim `{}` to `{}`",
                escape(&file.id),
                escape(&path.display().to_string())
            );
        }
    }
    Ok(Graded {
        workspace: ManuallyDrop::new(workspace),
        name: made.map(|file| file.id),
        resolution,
    })
}

/// Writes a new file, refusing to replace one that exists (even one made since it was
/// looked for), and removing what it wrote when writing fails.
fn save(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create `{}`", path.display()))?;
    if let Err(e) = file.write_all(text.as_bytes()).and_then(|()| file.flush()) {
        let _ = std::fs::remove_file(path);
        return Err(e).with_context(|| format!("cannot write `{}`", path.display()));
    }
    Ok(())
}
