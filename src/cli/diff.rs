//! `kensho diff`: how verdicts, axes and criteria moved between two revisions.

use std::mem::ManuallyDrop;
use std::path::Path;

use super::args::{DiffArgs, GlobalArgs, VerdictFormat};
use super::terminal::Terminal;
use crate::check::as_of::before_window;
use crate::hostile::escape;
use crate::location::{Folders, Workplace};
use crate::render;
use crate::workspace::{Tree, Workspace};

/// Runs `diff`; the exit code, or an error (exit 2).
pub(super) fn run(args: DiffArgs, global: &GlobalArgs, terminal: &Terminal) -> anyhow::Result<u8> {
    use crate::diff::{Side, compare};
    use crate::git::Revision;
    // In the project's root, unless folders are named: there the ledger and claims folders
    // have the same paths in every revision.
    let Workplace { dir, folders, .. } =
        global.location.location().workplace(&super::load::here())?;
    let here = dir.as_path();
    let Folders { ledger, claims } = folders;
    let base = revision(&args.base, here)?;
    let head = match &args.head {
        Some(name) => revision(name, here)?,
        None => Revision::WorkingTree,
    };
    let (base_tree, head_tree) = (
        base.read(here, &ledger, &claims)?,
        head.read(here, &ledger, &claims)?,
    );
    let empty = |t: &Tree| t.ledger.is_empty() && t.claims.is_empty();
    anyhow::ensure!(
        !(empty(&base_tree) && empty(&head_tree)),
        "no ledger at `{}` and no claims at `{}` in `{}` or `{}`",
        ledger.display(),
        claims.display(),
        base.name(),
        head.name()
    );
    // Never freed, as `load` says: the process exits when the diff is printed.
    let (base_ws, head_ws) = Workspace::load_pair(base_tree, head_tree);
    let (base_ws, head_ws) = (ManuallyDrop::new(base_ws), ManuallyDrop::new(head_ws));
    let mut broken = false;
    for (role, revision, ws) in [("BASE", &base, &base_ws), ("HEAD", &head, &head_ws)] {
        if ws.has_errors() {
            broken = true;
            let text = terminal.errors_text(ws);
            terminal.eprint(&format!(
                "error: {role} `{}` has errors:\n\n{text}",
                escape(&revision.name())
            ));
        }
    }
    if broken {
        return Ok(2);
    }
    let (base_name, head_name) = (base.name(), head.name());
    let diff = compare(
        Side {
            name: &base_name,
            workspace: &base_ws,
        },
        Side {
            name: &head_name,
            workspace: &head_ws,
        },
        &args.claim,
        args.as_of,
    )?;
    if let Some(as_of) = args.as_of {
        // Each claim as HEAD has it, else as BASE had it, with the files of its revision.
        let (mut head_warnings, mut base_warnings) = (Vec::new(), Vec::new());
        for c in &diff.claims {
            let (graded, warnings) = match (&c.head, &c.base) {
                (Some(graded), _) => (graded, &mut head_warnings),
                (None, Some(graded)) => (graded, &mut base_warnings),
                (None, None) => continue,
            };
            warnings.extend(before_window(graded.claim, as_of));
        }
        if !global.quiet {
            terminal.warn(&head_warnings, &head_ws.files);
            terminal.warn(&base_warnings, &base_ws.files);
        }
    }
    let text = match args.format {
        VerdictFormat::Table => render::diff::table::render(&diff, terminal.width),
        VerdictFormat::Json => render::diff::json::render(&diff),
        VerdictFormat::Markdown => render::diff::markdown::render(&diff),
    };
    terminal.print(&text)?;
    Ok(u8::from(diff.crosses(args.fail_on)))
}

/// A revision named on the command line: a folder, taken from the working folder, or a
/// commit git knows in `dir`.
fn revision(name: &str, dir: &Path) -> anyhow::Result<crate::git::Revision> {
    use crate::git::Revision;
    if dir != Path::new(".") && Path::new(name).is_dir() {
        // Read from `dir`, a folder is named by its path from there.
        let folder = std::env::current_dir()?.join(name);
        return Ok(Revision::Folder(folder));
    }
    Ok(Revision::resolve(dir, name)?)
}
