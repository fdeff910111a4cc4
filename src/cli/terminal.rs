//! What commands write to the terminal, and how: the width text wraps to, whether it is
//! coloured, the text on standard output, and warnings and errors, rendered as `check`
//! renders them, on standard error. The width and colour are worked out here, once, from
//! the `--color` flag and the environment; the library is handed them and never reads the
//! environment itself.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};

use anyhow::Context as _;

use clap::ValueEnum as _;

use super::args::ColorChoice;
use crate::diagnostic::{Diagnostic, Severity};
use crate::render;
use crate::source_file::SourceFiles;
use crate::workspace::Workspace;

/// The environment variables that decide width and colour, as read at start-up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Environment {
    /// `COLUMNS`.
    pub columns: Option<OsString>,
    /// `NO_COLOR`.
    pub no_color: Option<OsString>,
    /// `CLICOLOR`.
    pub clicolor: Option<OsString>,
    /// `CLICOLOR_FORCE`.
    pub clicolor_force: Option<OsString>,
    /// `TERM`.
    pub term: Option<OsString>,
}

impl Environment {
    /// The variables of this process.
    pub(crate) fn of_process() -> Environment {
        Environment {
            columns: std::env::var_os("COLUMNS"),
            no_color: std::env::var_os("NO_COLOR"),
            clicolor: std::env::var_os("CLICOLOR"),
            clicolor_force: std::env::var_os("CLICOLOR_FORCE"),
            term: std::env::var_os("TERM"),
        }
    }
}

/// Whether a variable is set to something other than nothing (the NO_COLOR convention).
fn set(value: Option<&OsString>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

/// Whether to colour a stream, by this precedence, first match wins:
///
/// 1. `--color always` or `--color never`;
/// 2. `CLICOLOR_FORCE` set and not `0`: colour, even into a pipe. It is asked for one
///    command at a time (`CLICOLOR_FORCE=1 kensho check | less -R`), so it outranks
///    the standing preference below;
/// 3. `NO_COLOR` set and not empty: no colour;
/// 4. `CLICOLOR=0`: no colour;
/// 5. `TERM=dumb`: no colour;
/// 6. otherwise colour exactly when the stream is a terminal.
pub(crate) fn colour(choice: ColorChoice, env: &Environment, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => return true,
        ColorChoice::Never => return false,
        ColorChoice::Auto => {}
    }
    if set(env.clicolor_force.as_ref()) && env.clicolor_force.as_deref() != Some("0".as_ref()) {
        return true;
    }
    if set(env.no_color.as_ref()) {
        return false;
    }
    if env.clicolor.as_deref() == Some("0".as_ref()) {
        return false;
    }
    if env.term.as_deref() == Some("dumb".as_ref()) {
        return false;
    }
    is_terminal
}

/// The `--color` among the raw arguments, for clap's own help and errors, which it writes
/// before the arguments are parsed; `Auto` when there is none, or it is not a choice.
pub(crate) fn color_flag(args: impl IntoIterator<Item = OsString>) -> ColorChoice {
    let mut found = ColorChoice::Auto;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            // After `--` come only operands.
            Some("--") => break,
            Some("--color") => args.next(),
            Some(other) => other.strip_prefix("--color=").map(OsString::from),
            None => None,
        };
        if let Some(choice) = value.and_then(|v| ColorChoice::from_str(v.to_str()?, false).ok()) {
            found = choice;
        }
    }
    found
}

/// The width text wraps to: `COLUMNS` when it is a positive number, else the terminal's
/// width when standard output is one (`terminal`), else [`render::table::DEFAULT_WIDTH`],
/// so that output into a pipe or a file does not depend on the terminal it was run from.
pub(crate) fn width(env: &Environment, terminal: Option<u16>) -> u16 {
    let columns = (env.columns.as_ref())
        .and_then(|c| c.to_str())
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0);
    columns
        .or(terminal.filter(|&c| c > 0))
        .unwrap_or(render::table::DEFAULT_WIDTH)
}

/// How this run writes to the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Terminal {
    /// The width text on standard output wraps to.
    pub width: u16,
    /// Whether standard output is coloured.
    pub stdout_colour: bool,
    /// Whether standard error is coloured.
    pub stderr_colour: bool,
}

impl Terminal {
    /// Works out the width and colours for this process's streams.
    pub(crate) fn detect(choice: ColorChoice) -> Terminal {
        let env = Environment::of_process();
        let stdout = std::io::stdout();
        let size = if stdout.is_terminal() {
            terminal_size::terminal_size_of(&stdout).map(|(w, _)| w.0)
        } else {
            None
        };
        Terminal {
            width: width(&env, size),
            stdout_colour: colour(choice, &env, stdout.is_terminal()),
            stderr_colour: colour(choice, &env, std::io::stderr().is_terminal()),
        }
    }

    /// Writes `text` to standard output, its colour removed unless colour is on; a reader
    /// that closed the pipe is not an error.
    pub(super) fn print(&self, text: &str) -> anyhow::Result<()> {
        let out = anstream::AutoStream::new(std::io::stdout().lock(), choice(self.stdout_colour));
        finish(out, text)
    }

    /// Writes to standard output as `write` makes the text, without holding it whole: for
    /// outputs that grow with the ledger.
    pub(super) fn stream(
        &self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let stdout =
            anstream::AutoStream::new(std::io::stdout().lock(), choice(self.stdout_colour));
        let mut out = std::io::BufWriter::new(stdout);
        match write(&mut out).and_then(|()| out.flush()) {
            // A closed pipe (`kensho list | head`) is the reader's choice, not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.context("cannot write to standard output"),
        }
    }

    /// Writes `text` to standard error, its colour removed unless colour is on.
    pub(super) fn eprint(&self, text: &str) {
        let mut err =
            anstream::AutoStream::new(std::io::stderr().lock(), choice(self.stderr_colour));
        let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
    }

    /// A workspace's errors (not its warnings) as rendered for stderr.
    pub(super) fn errors_text(&self, workspace: &Workspace) -> String {
        let errors: Vec<_> = (workspace.diagnostics.iter())
            .filter(|d| d.severity() == Severity::Error)
            .cloned()
            .collect();
        render::diagnostics::human(&errors, &workspace.files, self.stderr_colour)
    }

    /// Prints warnings to stderr, as `check` renders them; nothing when there are none.
    pub(super) fn warn(&self, warnings: &[Diagnostic], files: &SourceFiles) {
        if !warnings.is_empty() {
            self.eprint(&render::diagnostics::human(
                warnings,
                files,
                self.stderr_colour,
            ));
        }
    }

    /// Prints a workspace's errors to stderr; true when there were any.
    pub(super) fn refuse_errors(&self, workspace: &Workspace) -> bool {
        if !workspace.has_errors() {
            return false;
        }
        self.eprint(&self.errors_text(workspace));
        true
    }
}

/// anstream's choice for a decision already made.
fn choice(colour: bool) -> anstream::ColorChoice {
    if colour {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    }
}

/// Writes `text` to standard output with no colour to remove (schemas, completions, man
/// pages); a reader that closed the pipe is not an error.
pub(super) fn write_stdout(text: &str) -> anyhow::Result<()> {
    finish(std::io::stdout().lock(), text)
}

fn finish(mut out: impl Write, text: &str) -> anyhow::Result<()> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`kensho verify | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

#[cfg(test)]
mod tests {
    use super::{ColorChoice, Environment, colour, width};

    fn env(pairs: &[(&str, &str)]) -> Environment {
        let mut env = Environment::default();
        for &(name, value) in pairs {
            let value = Some(value.into());
            match name {
                "COLUMNS" => env.columns = value,
                "NO_COLOR" => env.no_color = value,
                "CLICOLOR" => env.clicolor = value,
                "CLICOLOR_FORCE" => env.clicolor_force = value,
                "TERM" => env.term = value,
                _ => unreachable!("not a variable kensho reads: {name}"),
            }
        }
        env
    }

    #[test]
    fn colour_follows_the_documented_precedence() {
        use ColorChoice::{Always, Auto, Never};
        let everything_off = env(&[("NO_COLOR", "1"), ("CLICOLOR", "0"), ("TERM", "dumb")]);
        // The flag first.
        assert!(colour(Always, &everything_off, false));
        assert!(!colour(Never, &env(&[("CLICOLOR_FORCE", "1")]), true));
        // Then CLICOLOR_FORCE, over NO_COLOR, CLICOLOR=0, TERM=dumb and a pipe.
        let forced = env(&[
            ("CLICOLOR_FORCE", "1"),
            ("NO_COLOR", "1"),
            ("CLICOLOR", "0"),
            ("TERM", "dumb"),
        ]);
        assert!(colour(Auto, &forced, false));
        assert!(!colour(Auto, &env(&[("CLICOLOR_FORCE", "0")]), false));
        assert!(!colour(Auto, &env(&[("CLICOLOR_FORCE", "")]), false));
        // Then NO_COLOR (set and not empty), CLICOLOR=0 and TERM=dumb, each alone.
        assert!(!colour(Auto, &env(&[("NO_COLOR", "1")]), true));
        assert!(colour(Auto, &env(&[("NO_COLOR", "")]), true));
        assert!(!colour(Auto, &env(&[("CLICOLOR", "0")]), true));
        assert!(colour(Auto, &env(&[("CLICOLOR", "1")]), true));
        assert!(!colour(Auto, &env(&[("TERM", "dumb")]), true));
        // Then whether the stream is a terminal.
        assert!(colour(Auto, &env(&[("TERM", "xterm-256color")]), true));
        assert!(!colour(Auto, &env(&[("TERM", "xterm-256color")]), false));
        assert!(colour(Auto, &Environment::default(), true));
    }

    #[test]
    fn the_color_flag_is_found_before_parsing() {
        let flag = |args: &[&str]| super::color_flag(args.iter().map(|a| a.into()));
        assert_eq!(flag(&["kensho", "verify"]), ColorChoice::Auto);
        assert_eq!(
            flag(&["kensho", "--color", "never", "verify"]),
            ColorChoice::Never
        );
        assert_eq!(
            flag(&["kensho", "check", "--color=always"]),
            ColorChoice::Always
        );
        assert_eq!(flag(&["kensho", "--color", "sometimes"]), ColorChoice::Auto);
        assert_eq!(
            flag(&["kensho", "verify", "--", "--color=never"]),
            ColorChoice::Auto
        );
    }

    #[test]
    fn width_is_columns_else_the_terminal_else_110() {
        assert_eq!(width(&Environment::default(), None), 110);
        assert_eq!(width(&Environment::default(), Some(80)), 80);
        assert_eq!(width(&env(&[("COLUMNS", "60")]), Some(80)), 60);
        assert_eq!(width(&env(&[("COLUMNS", "200")]), None), 200);
        // Not a positive number: as if unset.
        for bad in ["", "0", "-5", "wide", "70000"] {
            assert_eq!(width(&env(&[("COLUMNS", bad)]), Some(90)), 90, "{bad:?}");
        }
        // A terminal that reports no width is taken as none.
        assert_eq!(width(&Environment::default(), Some(0)), 110);
    }
}
