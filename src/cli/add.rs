//! `kensho add`: append tables to the ledger, from a file, standard input or flags.

use std::io::Write;
use std::mem::ManuallyDrop;
use std::path::PathBuf;

use anyhow::Context as _;

use super::args::{AddArgs, GlobalArgs};
use super::terminal::{Terminal, write_stdout};
use crate::diagnostic::{Diagnostic, Severity};
use crate::edit::snippet::snippet;
use crate::hostile::{escape, escape_lines};
use crate::location::Folders;
use crate::render;
use crate::source_file::SourceFiles;

/// Runs `add`; the exit code, or an error (exit 2).
pub(super) fn run(args: AddArgs, global: &GlobalArgs, terminal: &Terminal) -> anyhow::Result<u8> {
    use crate::edit;
    use std::io::Read as _;
    let Folders { ledger, claims } = (global.location.location())
        .workplace(&super::load::here())?
        .shown();
    let (text, origin) = match (&args.from, args.kind) {
        (Some(path), _) if path.as_os_str() == "-" => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read standard input")?;
            (text, PathBuf::from("<stdin>"))
        }
        (Some(path), _) => (
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?,
            path.clone(),
        ),
        (None, Some(kind)) => (
            snippet(kind, &args.fields.into())?,
            PathBuf::from("<command line>"),
        ),
        (None, None) => anyhow::bail!("name a KIND or give `--from FILE`"),
    };
    let file = args.file.as_deref();
    if args.dry_run {
        return match edit::plan(&ledger, &claims, &text, &origin, file) {
            Ok(plan) => {
                let plan = ManuallyDrop::new(plan);
                write_stdout(&escape_lines(&edit::unified_diff(&plan)))?;
                report_preexisting(&plan.preexisting, &plan.after.files, "would be written");
                Ok(0)
            }
            Err(e) => add_refused(e, terminal),
        };
    }
    // Never freed, as `load` says of every command's workspace: the process exits when the
    // addition is reported, and freeing the ledger record by record would take longer.
    let applied = match edit::add(&ledger, &claims, &text, &origin, file) {
        Ok(applied) => ManuallyDrop::new(applied),
        Err(e) => return add_refused(e, terminal),
    };
    for path in applied.removed.iter().filter(|_| !global.quiet) {
        let _ = writeln!(
            anstream::stderr(),
            "note: removed `{}`, left by an `add` that was stopped",
            escape(&path.display().to_string())
        );
    }
    let mut report = String::new();
    for a in &applied.added {
        report.push_str(&format!(
            "added {} `{}` to `{}`\n",
            a.kind.key(),
            escape(&a.id),
            escape(&a.file.display().to_string())
        ));
        if a.derived {
            report.push_str(&format!(
                "  the id `{}` was derived from the date and title\n",
                escape(&a.id)
            ));
        }
    }
    write_stdout(&report)?;
    report_preexisting(&applied.preexisting, &applied.after.files, "was written");
    Ok(0)
}

/// Says on stderr which errors the ledger already had, one line each: they are not the
/// addition's, so they did not stop it, but they still need fixing.
fn report_preexisting(preexisting: &[Diagnostic], files: &SourceFiles, done: &str) {
    if preexisting.is_empty() {
        return;
    }
    let n = preexisting.len();
    let _ = write!(
        anstream::stderr(),
        "warning: the ledger already had {n} error{} before this addition, not from it; the addition {done} all the same:\n{}",
        plural(n),
        render::diagnostics::short(preexisting, files)
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Reports why `add` wrote nothing: exit 1 with the errors the addition brings, and a word
/// on those the ledger already had, when the ledger would have errors of its making; else
/// an error (exit 2).
fn add_refused(error: crate::edit::Error, terminal: &Terminal) -> anyhow::Result<u8> {
    let crate::edit::Error::Invalid(refused) = error else {
        return Err(error.into());
    };
    let errors: Vec<Diagnostic> = (refused.introduced.iter())
        .filter(|d| d.severity() == Severity::Error)
        .cloned()
        .collect();
    let rendered =
        render::diagnostics::human(&errors, &refused.workspace.files, terminal.stderr_colour);
    let n = errors.len();
    let mut message = format!(
        "{rendered}error: the addition was refused: it brings {n} error{} of its own; no file was changed\n",
        plural(n)
    );
    let before = refused.preexisting.len();
    if before > 0 {
        message.push_str(&format!(
            "note: the ledger also has {before} error{} from before this addition, not counted here; `kensho check` lists {}\n",
            plural(before),
            if before == 1 { "it" } else { "them" }
        ));
    }
    terminal.eprint(&message);
    Ok(1)
}
