//! `kensho init`: start a project for a new topic.

use std::path::PathBuf;

use super::args::{GlobalArgs, InitArgs};
use super::load::{here, note};
use super::terminal::write_stdout;
use crate::hostile::escape;
use crate::location::repository_root;
use crate::project::scaffold;

/// Runs `init`; the exit code, or an error (exit 2).
pub(super) fn run(args: InitArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let written = scaffold::write(&dir)?;
    let mut report = String::new();
    for path in &written {
        // Files in the working folder are named as `kensho.toml`, not `./kensho.toml`.
        let shown = path.strip_prefix(".").unwrap_or(path);
        report.push_str(&format!(
            "created `{}`\n",
            escape(&shown.display().to_string())
        ));
    }
    report.push_str(
        "next: edit evidence/vocabulary.toml for your topic, then `kensho check` and \
         `kensho verify` in the project\n",
    );
    write_stdout(&report)?;
    // GitHub reads workflows only from the repository's root.
    let project = here().join(&dir);
    if let Some(root) = repository_root(&project).filter(|root| *root != project.as_path()) {
        let from_root = project.strip_prefix(root).unwrap_or(&project);
        note(
            global,
            &format!(
                "GitHub runs workflows only from the repository's root: move \
                 `.github/workflows/kensho.yml` to `{}` and set its `working-directory` to `{}`",
                escape(&root.join(".github/workflows").display().to_string()),
                escape(&from_root.display().to_string())
            ),
        );
    }
    Ok(0)
}
