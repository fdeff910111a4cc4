//! `add` checks an addition against the ledger it loaded once (`kensho::edit::extend`):
//! the diagnostics must be exactly those of loading and checking the files with the
//! addition, whatever the addition and whatever the ledger already had wrong. Seeded
//! mutants of shipped tables are added to the shipped ledger, itself sometimes mutated.

use std::path::Path;

use kensho::edit::extend::{Loaded, extend};
use kensho::render::diagnostics::short;
use kensho::workspace::{Tree, TreeFile, Workspace};

use crate::harness::root;
use kensho::engine::rng::Rng;

use crate::mutation::{SEED, blocks, mutate};

/// How many additions are tried.
const ADDITIONS: usize = 150;

/// The shipped tree, read once.
fn shipped() -> Tree {
    Tree::read(&root().join("evidence"), &root().join("claims")).expect("the shipped tree")
}

/// A table of a shipped ledger file, mutated zero to two times, its id sometimes made new.
fn addition(rng: &mut Rng, tree: &Tree, n: usize) -> Vec<u8> {
    let file = &tree.ledger[rng.below(tree.ledger.len())];
    let tables: Vec<_> = blocks(&file.bytes)
        .into_iter()
        .filter(|b| file.bytes[b.clone()].starts_with(b"[["))
        .collect();
    let mut bytes = file.bytes[tables[rng.below(tables.len())].clone()].to_vec();
    if rng.below(3) > 0 {
        let text = String::from_utf8_lossy(&bytes).replacen("id = \"", &format!("id = \"n{n}-"), 1);
        bytes = text.into_bytes();
    }
    for _ in 0..rng.below(3) {
        mutate(rng, &mut bytes);
    }
    bytes
}

#[test]
fn an_addition_checked_against_the_loaded_ledger_gives_what_a_full_reload_gives() {
    let base = shipped();
    let mut rng = Rng::new(SEED ^ 0x0add);
    let (mut compared, mut with_errors_before, mut with_errors_after) = (0, 0, 0);
    for n in 0..ADDITIONS {
        let mut tree = base.clone();
        // A third of the time the ledger has problems of its own, in another file or in
        // the one the addition goes into.
        if rng.below(3) == 0 {
            let pick = rng.below(tree.ledger.len());
            mutate(&mut rng, &mut tree.ledger[pick].bytes);
            tree.ledger[pick].on_disk = None;
        }
        let target = rng.below(tree.ledger.len());
        let mut after_bytes = tree.ledger[target].bytes.clone();
        if !after_bytes.ends_with(b"\n") && !after_bytes.is_empty() {
            after_bytes.push(b'\n');
        }
        after_bytes.push(b'\n');
        after_bytes.extend(addition(&mut rng, &base, n));
        let Ok(after_text) = String::from_utf8(after_bytes.clone()) else {
            continue; // not UTF-8: the files are loaded whole, as `add` does
        };

        let loaded = Loaded::read(tree.clone());
        let path = &tree.ledger[target].path;
        let (file, before_len) = (loaded.workspace.files.iter())
            .find(|(_, f)| &f.path == path)
            .map(|(id, f)| (id, f.text_len()))
            .expect("the target is loaded");
        let Ok(extended) = extend(loaded, vec![(file, after_text)]) else {
            continue; // the target had problems, or the addition is not plain tables
        };
        // The ledger before the addition, worked out from the one with it, is the ledger
        // as loaded before.
        let before = Workspace::load(tree.clone());
        let had_errors = before.has_errors();
        assert_eq!(
            extended.before(&[(file, before_len)]),
            before.diagnostics,
            "addition {n} to {}",
            path.display()
        );
        let incremental = extended.workspace;

        let mut full_tree = tree.clone();
        full_tree.ledger[target] = TreeFile {
            path: path.clone(),
            bytes: after_bytes,
            on_disk: None,
        };
        let full = Workspace::load(full_tree);
        assert_eq!(
            incremental.diagnostics,
            full.diagnostics,
            "addition {n} to {}",
            path.display()
        );
        assert_eq!(
            short(&incremental.diagnostics, &incremental.files),
            short(&full.diagnostics, &full.files)
        );
        assert_eq!(incremental.ledger.records.len(), full.ledger.records.len());
        compared += 1;
        with_errors_before += usize::from(had_errors);
        with_errors_after += usize::from(full.has_errors());
    }
    // The comparison covered clean ledgers, ledgers with errors, and additions with errors.
    assert!(compared >= ADDITIONS / 2, "{compared} compared");
    assert!(
        with_errors_before >= 5,
        "{with_errors_before} with errors before"
    );
    assert!(
        with_errors_after > with_errors_before + 10,
        "{with_errors_after} with errors after"
    );
}

#[test]
fn add_itself_reports_what_a_full_reload_reports() {
    // Through `add`'s own planning, incremental or not: a mutated event into the shipped
    // ledger, then the ledger with the planned text loaded whole.
    let base = shipped();
    let mut rng = Rng::new(SEED ^ 0x0add_0002);
    let mut planned = 0;
    for n in 0..40 {
        let dir = tempfile::tempdir().expect("temporary folder");
        for (folder, files) in [("evidence", &base.ledger), ("claims", &base.claims)] {
            std::fs::create_dir_all(dir.path().join(folder)).expect("folder");
            for f in files {
                let name = f.path.file_name().expect("name");
                std::fs::write(dir.path().join(folder).join(name), &f.bytes).expect("write");
            }
        }
        let (ledger, claims) = (dir.path().join("evidence"), dir.path().join("claims"));
        let snippet = String::from_utf8_lossy(&addition(&mut rng, &base, n)).into_owned();
        let (after, files) =
            match kensho::edit::plan(&ledger, &claims, &snippet, Path::new("<test>"), None) {
                Ok(plan) => (plan.after, plan.files),
                Err(kensho::edit::Error::Invalid(refused)) if !refused.files.is_empty() => {
                    (refused.workspace, refused.files)
                }
                Err(_) => continue, // refused on its own, before the ledger was read
            };
        let mut tree = Tree::read(&ledger, &claims).expect("tree");
        for (path, change) in &files {
            match tree.ledger.iter_mut().find(|f| &f.path == path) {
                Some(f) => {
                    f.bytes = change.after.clone().into_bytes();
                    f.on_disk = None;
                }
                None => tree.ledger.push(TreeFile {
                    path: path.clone(),
                    bytes: change.after.clone().into_bytes(),
                    on_disk: None,
                }),
            }
        }
        tree.ledger.sort_by(|a, b| a.path.cmp(&b.path));
        let full = Workspace::load(tree);
        assert_eq!(
            after.diagnostics, full.diagnostics,
            "addition {n}:\n{snippet}"
        );
        planned += 1;
    }
    assert!(planned >= 10, "{planned} planned");
}
