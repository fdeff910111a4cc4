//! The command line: the one place that reads arguments and the environment and writes to the
//! terminal. [`args`] defines the arguments; each command has a file of its own that turns
//! them into library calls and prints what those return; [`main`] picks the exit code.

mod add;
pub mod args;
mod check;
mod claims;
mod completions;
mod diff;
mod explain;
mod init;
mod list;
mod load;
mod man;
mod schema;
mod show;
mod site;
mod terminal;
mod timeline;
mod verify;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
use args::{Command, GlobalArgs};

use crate::hostile::escape_lines;

/// Runs the command line and returns the process exit code: 0 success, 1 findings, 2 usage,
/// I/O or internal error.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A project file that cannot be used is shown where it is wrong, as `check`
            // shows any file, before the error that names it.
            if let Some(crate::workspace::Error::Project(problems)) = e.downcast_ref() {
                terminal::warn(&problems.diagnostics, &problems.files);
            }
            // An error may quote a path, an argument or an id: shown, never obeyed.
            let _ = writeln!(
                std::io::stderr(),
                "error: {}",
                escape_lines(&format!("{e:#}"))
            );
            ExitCode::from(2)
        }
    }
}

/// Runs one command: the exit code it asks for (0, or 1 for findings), or an error.
fn run(cli: Cli) -> anyhow::Result<u8> {
    let global: &GlobalArgs = &cli.global;
    match cli.command {
        Command::Verify(args) => verify::run(args, global),
        Command::Check(args) => check::run(args, global),
        Command::Explain(args) => explain::run(args, global),
        Command::Timeline(args) => timeline::run(args, global),
        Command::Diff(args) => diff::run(args, global),
        Command::Add(args) => add::run(*args, global),
        Command::List(args) => list::run(args, global),
        Command::Show(args) => show::run(args, global),
        Command::Claims(args) => claims::run(args, global),
        Command::Site(args) => site::run(args, global),
        Command::Schema(args) => schema::run(args),
        Command::Init(args) => init::run(args, global),
        Command::Completions(args) => completions::run(args),
        Command::Man => man::run(),
    }
}
