//! The command line: the one place that reads arguments and the environment and writes to the
//! terminal. [`args`] defines the arguments; each command has a file of its own that turns
//! them into library calls and prints what those return; [`main`] picks the exit code.

mod add;
pub(crate) mod args;
mod check;
mod claims;
mod completions;
mod diff;
mod explain;
mod init;
mod list;
mod load;
pub(crate) mod man;
mod schema;
mod show;
mod site;
mod terminal;
mod timeline;
mod verify;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

pub use args::Cli;
use args::Command;

use crate::hostile::escape_lines;
use terminal::Terminal;

/// Runs the command line and returns the process exit code: 0 success, 1 findings, 2 usage,
/// I/O or internal error.
pub fn main() -> ExitCode {
    // clap writes its help and errors before `--color` is parsed, so it is found first.
    let early = Terminal::detect(terminal::color_flag(std::env::args_os()));
    let clap_colour = if early.stdout_colour && early.stderr_colour {
        clap::ColorChoice::Always
    } else {
        clap::ColorChoice::Never
    };
    let parsed = (Cli::command().color(clap_colour).try_get_matches())
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let terminal = Terminal::detect(cli.global.color);
    match run(cli, terminal) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A project file that cannot be used is shown where it is wrong, as `check`
            // shows any file, before the error that names it.
            if let Some(crate::workspace::Error::Project(problems)) = e.downcast_ref() {
                terminal.warn(&problems.diagnostics, &problems.files);
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

/// Runs one command, writing as `terminal` allows: the exit code it asks for (0, or 1 for
/// findings), or an error.
fn run(cli: Cli, terminal: Terminal) -> anyhow::Result<u8> {
    let (global, t) = (&cli.global, &terminal);
    match cli.command {
        Command::Verify(args) => verify::run(args, global, t),
        Command::Check(args) => check::run(args, global, t),
        Command::Explain(args) => explain::run(args, global, t),
        Command::Timeline(args) => timeline::run(args, global, t),
        Command::Diff(args) => diff::run(args, global, t),
        Command::Add(args) => add::run(*args, global, t),
        Command::List(args) => list::run(args, global, t),
        Command::Show(args) => show::run(args, global, t),
        Command::Claims(args) => claims::run(args, global, t),
        Command::Site(args) => site::run(args, global, t),
        Command::Schema(args) => schema::run(args),
        Command::Init(args) => init::run(args, global),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}
