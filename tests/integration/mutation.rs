//! Mutated copies of the shipped ledger never make load or check panic, and every diagnostic
//! points at a line that exists in the file it names.
//!
//! From a fixed seed, each mutant changes one or two shipped files a few times over: a
//! truncation, a flipped byte, a duplicated or deleted block, or two lines' values swapped.
//! Mutants go through the library (fast), and a handful through the binary.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use kensho::engine::rng::Rng;
use kensho::render::diagnostics;
use kensho::workspace::{Tree, Workspace};

use crate::harness::Sandbox;

/// How many mutants go through the library.
const MUTANTS: usize = 400;
/// How many of them also go through the binary.
const THROUGH_THE_BINARY: usize = 8;
pub(crate) const SEED: u64 = 0x6b65_6e73_686f_2026;

/// Byte ranges of the blocks of a file: runs of lines separated by blank lines (one TOML
/// table each in the shipped files).
pub(crate) fn blocks(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let blank = line.iter().all(u8::is_ascii_whitespace);
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                out.push(s..offset);
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(s..offset);
    }
    out
}

/// One mutation of `bytes`, and its name for failure messages.
pub(crate) fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) -> &'static str {
    match rng.below(5) {
        0 => {
            let at = rng.below(bytes.len() + 1);
            bytes.truncate(at);
            "truncate"
        }
        1 => {
            if !bytes.is_empty() {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 + rng.below(255) as u8;
            }
            "flip a byte"
        }
        2 => {
            let list = blocks(bytes);
            if !list.is_empty() {
                let block = bytes[list[rng.below(list.len())].clone()].to_vec();
                let at = list[rng.below(list.len())].start;
                let mut copy = block;
                copy.extend_from_slice(b"\n");
                bytes.splice(at..at, copy);
            }
            "duplicate a block"
        }
        3 => {
            let list = blocks(bytes);
            if !list.is_empty() {
                bytes.drain(list[rng.below(list.len())].clone());
            }
            "delete a block"
        }
        _ => {
            // Swap the values of two `key = value` lines.
            let text = String::from_utf8_lossy(bytes).into_owned();
            let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
            let pairs: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].contains(" = "))
                .collect();
            if pairs.len() >= 2 {
                let (a, b) = (pairs[rng.below(pairs.len())], pairs[rng.below(pairs.len())]);
                let split = |l: &str| {
                    let (k, v) = l.split_once(" = ").unwrap_or((l, ""));
                    (k.to_owned(), v.to_owned())
                };
                let ((ka, va), (kb, vb)) = (split(&lines[a]), split(&lines[b]));
                lines[a] = format!("{ka} = {vb}");
                lines[b] = format!("{kb} = {va}");
                *bytes = lines.join("\n").into_bytes();
            }
            "swap two values"
        }
    }
}

/// A mutant of the shipped tree: one or two files changed, one to three times each.
fn mutant(rng: &mut Rng, base: &Tree) -> (Tree, Vec<String>) {
    let mut tree = base.clone();
    let mut done = Vec::new();
    for _ in 0..1 + rng.below(2) {
        let count = tree.ledger.len() + tree.claims.len();
        let pick = rng.below(count);
        let file = if pick < tree.ledger.len() {
            &mut tree.ledger[pick]
        } else {
            &mut tree.claims[pick - tree.ledger.len()]
        };
        file.on_disk = None;
        for _ in 0..1 + rng.below(3) {
            let what = mutate(rng, &mut file.bytes);
            done.push(format!("{}: {what}", file.path.display()));
        }
    }
    (tree, done)
}

/// Loads and checks a tree and renders its diagnostics in every format; panics (with what
/// was done to the tree) if anything panicked or any place is wrong.
fn load_and_check(tree: &Tree, done: &[String]) -> Workspace {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let workspace = Workspace::load(tree.clone());
        for render in [
            |d: &_, f: &_| diagnostics::human(d, f, false),
            |d: &_, f: &_| diagnostics::human(d, f, true),
            diagnostics::short,
            diagnostics::json,
            diagnostics::github,
        ] {
            render(&workspace.diagnostics, &workspace.files);
        }
        workspace
    }));
    let Ok(workspace) = outcome else {
        panic!("load, check or render panicked after: {done:#?}");
    };
    let paths: Vec<&PathBuf> = tree
        .ledger
        .iter()
        .chain(&tree.claims)
        .map(|f| &f.path)
        .collect();
    for d in &workspace.diagnostics {
        let spans = d.span.into_iter().chain(d.labels.iter().map(|l| l.span));
        for span in spans {
            let file = workspace
                .files
                .get(span.file)
                .unwrap_or_else(|| panic!("{d:?} names no file, after: {done:#?}"));
            let (path, line, column) = workspace.files.locate(span).expect("locate");
            assert!(paths.contains(&&path), "{d:?} names {path:?}");
            assert!(
                span.start() <= span.end() && span.end() <= file.text().len(),
                "{d:?} spans {}..{} of {} bytes, after: {done:#?}",
                span.start(),
                span.end(),
                file.text().len()
            );
            assert!(
                (1..=file.line_count()).contains(&line),
                "{d:?} points at line {line} of {} lines, after: {done:#?}",
                file.line_count()
            );
            assert!(
                column >= 1 && column <= file.line(line).chars().count() + 1,
                "{d:?} points at column {column} of line {line}: {:?}, after: {done:#?}",
                file.line(line)
            );
        }
    }
    workspace
}

#[test]
fn mutants_of_the_shipped_ledger_never_panic_and_point_at_real_lines() {
    let base = kensho::embedded::tree();
    assert!(
        load_and_check(&base, &[]).diagnostics.is_empty(),
        "the shipped ledger is clean"
    );
    let mut rng = Rng::new(SEED);
    let mut with_errors = 0;
    for _ in 0..MUTANTS {
        let (tree, done) = mutant(&mut rng, &base);
        if load_and_check(&tree, &done).has_errors() {
            with_errors += 1;
        }
    }
    // The mutations are meant to break things: most mutants must have errors to report.
    assert!(
        with_errors > MUTANTS / 2,
        "only {with_errors} of {MUTANTS} mutants had errors"
    );
}

#[test]
fn the_binary_exits_0_or_1_on_mutants() {
    let base = kensho::embedded::tree();
    let mut rng = Rng::new(SEED ^ 0x5eed);
    for _ in 0..THROUGH_THE_BINARY {
        let (tree, done) = mutant(&mut rng, &base);
        let sandbox = Sandbox::empty();
        for file in tree.ledger.iter().chain(&tree.claims) {
            let path = sandbox.path().join(&file.path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(path, &file.bytes).expect("write");
        }
        for format in ["human", "short", "json", "github"] {
            let out = sandbox.run(&["check", "--format", format]);
            assert!(
                out.code == 0 || out.code == 1,
                "exit {} after {done:#?}\n{}",
                out.code,
                out.stderr
            );
            assert!(out.stderr.is_empty(), "{}", out.stderr);
            if format != "json" {
                assert!(
                    out.stdout.ends_with(" warning\n") || out.stdout.ends_with(" warnings\n"),
                    "{}",
                    out.stdout
                );
            }
        }
    }
}

#[test]
fn blocks_are_the_tables_between_blank_lines() {
    let text = b"# head\n\n[[a]]\nx = 1\n\n\n[[b]]\ny = 2";
    let found: Vec<&[u8]> = blocks(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        found,
        vec![
            &b"# head\n"[..],
            &b"[[a]]\nx = 1\n"[..],
            &b"[[b]]\ny = 2"[..]
        ]
    );
}
