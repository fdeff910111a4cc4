//! `kensho add`: append tables to the ledger, from a file, standard input or flags.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use super::args::{AddArgs, GlobalArgs};
use super::terminal::{errors_text, write_stdout};
use crate::edit::snippet::snippet;
use crate::hostile::{escape, escape_lines};
use crate::location::Folders;

/// Runs `add`; the exit code, or an error (exit 2).
pub(super) fn run(args: AddArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
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
            snippet(kind.table_kind(), &args.fields.into())?,
            PathBuf::from("<command line>"),
        ),
        (None, None) => anyhow::bail!("name a KIND or give `--from FILE`"),
    };
    let file = args.file.as_deref();
    if args.dry_run {
        return match edit::plan(&ledger, &claims, &text, &origin, file) {
            Ok(plan) => {
                write_stdout(&escape_lines(&edit::unified_diff(&plan)))?;
                Ok(0)
            }
            Err(e) => add_refused(e),
        };
    }
    let applied = match edit::add(&ledger, &claims, &text, &origin, file) {
        Ok(applied) => applied,
        Err(e) => return add_refused(e),
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
            a.kind,
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
    Ok(0)
}

/// Reports why `add` wrote nothing: exit 1 with the diagnostics when the ledger would have
/// errors, else an error (exit 2).
fn add_refused(error: crate::edit::Error) -> anyhow::Result<u8> {
    let crate::edit::Error::Invalid(errors, workspace) = error else {
        return Err(error.into());
    };
    let rendered = errors_text(&workspace);
    let _ = writeln!(
        anstream::stderr(),
        "{rendered}error: the addition was refused ({errors} error{}); no file was changed",
        if errors == 1 { "" } else { "s" }
    );
    Ok(1)
}
