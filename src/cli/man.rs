//! `kensho man`: the man page, from the argument definitions.

use anyhow::Context as _;
use clap::CommandFactory;

use super::args::Cli;
use super::terminal::write_stdout;

/// Runs `man`.
pub(super) fn run() -> anyhow::Result<u8> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .context("cannot render the man page")?;
    write_stdout(&String::from_utf8_lossy(&out))?;
    Ok(0)
}
