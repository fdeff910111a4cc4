//! How output meets the terminal: the width it wraps to (`COLUMNS`, a pseudo-terminal's
//! width, 110 into a pipe), ids never split across lines, and colour as `--color` and the
//! environment decide.

use std::process::Stdio;

use unicode_width::UnicodeWidthStr;

use super::harness::{Output, Sandbox};

/// A line that is one URL, as sources end: the one word kensho never wraps or splits, so the
/// one kind of line allowed to be wider than the width.
fn is_url_line(line: &str) -> bool {
    let last = line.split_whitespace().last().unwrap_or("");
    last.starts_with("https://") || last.starts_with("http://")
}

/// A line of a box table.
fn is_table_line(line: &str) -> bool {
    line.starts_with(['│', '┌', '└', '╞', '├'])
}

/// Asserts that no line of `out` is wider than `width` columns, except a URL's, and, when
/// `tables` is false, except a table's (whose ids may not fit).
fn assert_fits(what: &str, out: &str, width: usize, tables: bool) {
    for line in out.lines() {
        if line.width() <= width || is_url_line(line) || (!tables && is_table_line(line)) {
            continue;
        }
        panic!(
            "`{what}` at {width} columns: a line is {} wide:\n{line}\n\n{out}",
            line.width()
        );
    }
}

/// Asserts that each id appears whole in `out`: an id split across two lines of a table
/// cell would not.
fn assert_whole<'a>(what: &str, out: &str, ids: impl IntoIterator<Item = &'a str>) {
    for id in ids {
        assert!(out.contains(id), "`{what}` split or lost `{id}`:\n{out}");
    }
}

/// The ids a JSON document lists under `key`.
fn json_ids(sandbox: &Sandbox, args: &[&str], key: &str) -> Vec<String> {
    let out = sandbox.run(args).code(0);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    doc[key]
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| item["id"].as_str().expect("an id").to_owned())
        .collect()
}

fn run_at(sandbox: &Sandbox, columns: &str, args: &[&str]) -> Output {
    Output::of(
        sandbox
            .command(args)
            .env("COLUMNS", columns)
            .output()
            .expect("run kensho"),
    )
    .code(0)
}

/// Every command that prints text, with the ids each must keep whole.
fn commands(sandbox: &Sandbox) -> Vec<(Vec<&'static str>, Vec<String>)> {
    let records = json_ids(sandbox, &["list", "--format", "json"], "records");
    let sources = json_ids(sandbox, &["list", "source", "--format", "json"], "sources");
    let entities = json_ids(sandbox, &["list", "entity", "--format", "json"], "entities");
    let axes = json_ids(sandbox, &["list", "axis", "--format", "json"], "axes");
    let claims = json_ids(sandbox, &["claims", "--format", "json"], "claims");
    let shown = "government-ai-investment-jp-2019-2023";
    vec![
        (vec!["verify"], axes.clone()),
        (vec!["explain"], axes.clone()),
        (
            vec!["timeline"],
            vec!["parity".to_owned(), "catch-up".to_owned()],
        ),
        (vec!["list"], records),
        (vec!["list", "source"], sources),
        (vec!["list", "entity"], entities),
        (vec!["list", "axis"], axes),
        (vec!["claims"], claims),
        (
            vec!["show", shown],
            vec![shown.to_owned(), "cao-ai-for-science-2026-02-19".to_owned()],
        ),
        (vec!["show", "JP"], vec![shown.to_owned()]),
        (
            vec!["show", "cao-ai-for-science-2026-02-19"],
            vec![shown.to_owned()],
        ),
    ]
}

#[test]
fn piped_output_is_110_columns_and_columns_changes_it() {
    let sandbox = Sandbox::shipped();
    let piped = sandbox.run(&["verify"]).code(0).stdout;
    assert_eq!(piped, run_at(&sandbox, "110", &["verify"]).stdout);
    assert_fits("verify", &piped, 110, true);
    // Not a positive number: as if unset.
    assert_eq!(piped, run_at(&sandbox, "wide", &["verify"]).stdout);
    let wide = run_at(&sandbox, "200", &["verify"]).stdout;
    assert_ne!(piped, wide);
    assert!(
        wide.lines().any(|l| l.width() > 110 && !is_url_line(l)),
        "200 columns are used:\n{wide}"
    );
}

#[test]
fn every_command_fits_columns_and_keeps_ids_whole() {
    let sandbox = Sandbox::shipped();
    for (args, ids) in commands(&sandbox) {
        let what = args.join(" ");
        for columns in [60, 80, 110, 200] {
            let out = run_at(&sandbox, &columns.to_string(), &args).stdout;
            assert_whole(&what, &out, ids.iter().map(String::as_str));
            // Prose always wraps; at 80 columns and up, tables fit too. Below that, some
            // tables hold more columns of numbers or ids than fit, and are wider; explain's
            // tables of records (six columns beside ids of up to 38 characters) need 100.
            let tables = columns >= if args[0] == "explain" { 100 } else { 80 };
            assert_fits(&what, &out, columns, tables);
        }
    }
}

#[test]
fn list_leaves_out_columns_rather_than_split_an_id() {
    let sandbox = Sandbox::shipped();
    let wide = run_at(&sandbox, "200", &["list"]).stdout;
    assert!(wide.contains("┆ Sources"), "{wide}");
    assert!(wide.ends_with("64 records\n"), "{wide}");
    let narrow = run_at(&sandbox, "60", &["list"]).stdout;
    assert!(
        !narrow.contains("Sources") && narrow.contains("┆ Id"),
        "{narrow}"
    );
    assert!(
        (narrow.replace('\n', " "))
            .contains("64 records; kind, entity, figure, sources left out to fit 60 columns"),
        "{narrow}"
    );
}

/// Runs `kensho ARGS` in a pseudo-terminal `columns` wide, as a person would see it, with
/// the environment `env` adds; the terminal's bytes, line ends made `\n`.
#[cfg(target_os = "linux")]
fn in_terminal(sandbox: &Sandbox, columns: u16, args: &str, env: &[(&str, &str)]) -> String {
    // util-linux `script` gives the command a pseudo-terminal; `stty` sets its size, which
    // a terminal emulator would.
    // The variables go on the command itself: the shell `script` starts sets COLUMNS to
    // the terminal's width on its own.
    let assignments: Vec<String> = env.iter().map(|(n, v)| format!("{n}={v}")).collect();
    let command = format!(
        "stty cols {columns} rows 50 && exec env {} {} {args}",
        assignments.join(" "),
        env!("CARGO_BIN_EXE_kensho")
    );
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .current_dir(sandbox.path())
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null());
    // `script -e` exits as the command did; the callers look at what it printed.
    let out = script.output().expect("util-linux `script` runs");
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_80_columns_wide_gets_output_80_columns_wide() {
    let sandbox = Sandbox::shipped();
    let seen = in_terminal(&sandbox, 80, "verify", &[]);
    assert!(seen.starts_with("Claim      Japan's AI"), "{seen}");
    assert_fits("verify", &seen, 80, true);
    let axes = json_ids(&sandbox, &["list", "axis", "--format", "json"], "axes");
    assert_whole("verify", &seen, axes.iter().map(String::as_str));
    assert_whole("verify", &seen, ["japan-ai-world-level-2026-04"]);
    // The same verdict as into a pipe, only wrapped narrower.
    let piped = sandbox.run(&["verify"]).code(0).stdout;
    assert_ne!(seen, piped);
    let verdict = "Verdict    HALF TRUE  (score 0.51, coverage 100%)\n";
    assert!(seen.contains(verdict) && piped.contains(verdict), "{seen}");

    let listed = in_terminal(&sandbox, 80, "list", &[]);
    assert_fits("list", &listed, 80, true);
    let records = json_ids(&sandbox, &["list", "--format", "json"], "records");
    assert_whole("list", &listed, records.iter().map(String::as_str));
    // COLUMNS outranks the terminal's own width.
    let told = in_terminal(&sandbox, 80, "verify", &[("COLUMNS", "110")]);
    assert_eq!(told, piped);
}

/// A sandbox whose ledger has an error, so that `check` prints a coloured diagnostic.
fn broken() -> Sandbox {
    let sandbox = Sandbox::shipped();
    sandbox.write("evidence/broken.toml", "[[source]]\nid = 3\n");
    sandbox
}

const ESC: char = '\u{1b}';

/// `check` into a pipe, with the harness's `NO_COLOR=1` replaced by `env`.
fn check(sandbox: &Sandbox, flags: &[&str], env: &[(&str, &str)]) -> Output {
    let mut args = vec!["check"];
    args.extend(flags);
    let mut command = sandbox.command(&args);
    command.env_remove("NO_COLOR");
    for (name, value) in env {
        command.env(name, value);
    }
    Output::of(command.output().expect("run kensho")).code(1)
}

#[test]
fn colour_follows_the_flag_then_the_environment() {
    let sandbox = broken();
    let coloured = |flags: &[&str], env: &[(&str, &str)]| {
        let out = check(&sandbox, flags, env);
        assert!(out.stdout.contains("error"), "{}", out.stdout);
        out.stdout.contains(ESC)
    };
    // Into a pipe: no colour by default.
    assert!(!coloured(&[], &[]));
    assert!(!coloured(&[], &[("TERM", "xterm-256color")]));
    // The flag outranks everything.
    assert!(coloured(&["--color", "always"], &[("NO_COLOR", "1")]));
    assert!(coloured(
        &["--color=always"],
        &[("TERM", "dumb"), ("CLICOLOR", "0")]
    ));
    assert!(!coloured(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));
    // CLICOLOR_FORCE colours a pipe, and outranks NO_COLOR.
    assert!(coloured(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(coloured(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    assert!(!coloured(&[], &[("CLICOLOR_FORCE", "0")]));
    // `--color` is global: it may come after the subcommand's own options.
    assert!(coloured(&["--format", "human", "--color", "always"], &[]));
    // The text is the same, colour aside.
    let plain = check(&sandbox, &[], &[]).stdout;
    let forced = check(&sandbox, &["--color", "always"], &[]).stdout;
    assert_eq!(strip(&forced), plain);
    // Other formats carry no colour, even when forced.
    let short = check(&sandbox, &["--format", "short", "--color", "always"], &[]);
    assert!(!short.stdout.contains(ESC));
    let bad = sandbox.run(&["check", "--color", "sometimes"]).code(2);
    assert!(bad.stderr.contains("sometimes"), "{}", bad.stderr);
}

#[test]
fn errors_on_stderr_are_coloured_by_the_same_rules() {
    let sandbox = broken();
    let verify = |flags: &[&str]| {
        let mut args = vec!["verify"];
        args.extend(flags);
        Output::of(sandbox.command(&args).output().expect("run kensho")).code(1)
    };
    assert!(!verify(&[]).stderr.contains(ESC));
    let forced = verify(&["--color", "always"]);
    assert!(forced.stderr.contains(ESC), "{}", forced.stderr);
    assert!(forced.stdout.is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_is_coloured_unless_the_environment_says_not() {
    let sandbox = broken();
    assert!(in_terminal(&sandbox, 100, "check", &[]).contains(ESC));
    for env in [("NO_COLOR", "1"), ("TERM", "dumb"), ("CLICOLOR", "0")] {
        let seen = in_terminal(&sandbox, 100, "check", &[env]);
        assert!(
            seen.contains("error") && !seen.contains(ESC),
            "{env:?}:\n{seen}"
        );
    }
    assert!(!in_terminal(&sandbox, 100, "check --color never", &[]).contains(ESC));
    let forced = in_terminal(
        &sandbox,
        100,
        "check",
        &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")],
    );
    assert!(forced.contains(ESC));
}

/// `text` without its SGR colour codes (`ESC [ ... m`).
fn strip(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
