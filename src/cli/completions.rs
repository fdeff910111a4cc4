//! `kensho completions`: shell completions, from the argument definitions.

use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs};
use super::terminal::write_stdout;

/// Runs `completions`.
pub(super) fn run(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "kensho", &mut out);
    write_stdout(&String::from_utf8_lossy(&out))?;
    Ok(0)
}
