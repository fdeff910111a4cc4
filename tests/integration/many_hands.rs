//! `kensho add` on a ledger that many hands edit: concurrent adds take turns under the ledger
//! lock and none is lost; only files the ledger reads are written; links, owner, mode and
//! line endings are kept; stale temporary files are cleaned; empty input says so.

use std::process::{Child, Stdio};

use crate::harness::{Output, Sandbox, snapshot_tree};

/// `add event` arguments for a fact of its own, numbered `n`.
fn event_args(id: &str, n: usize) -> Vec<String> {
    [
        "add",
        "event",
        "--id",
        id,
        "--date",
        "2026-04-30",
        "--title",
        &format!("Concurrent fact {n}"),
        "--entity",
        "aist",
        "--axis",
        "compute",
        "--source",
        "aist-report-2025",
        "--type",
        "service_start",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Runs `add event` for a fact of its own with this id.
fn add_event(sandbox: &Sandbox, id: &str) -> Output {
    let args = event_args(id, 0);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sandbox.run(&args)
}

fn start(sandbox: &Sandbox, args: &[String]) -> Child {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sandbox
        .command(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kensho")
}

fn finish(child: Child) -> Output {
    Output::of(child.wait_with_output().expect("wait for kensho"))
}

/// How many records of the sandbox's ledger have `id`, as the loader reads it.
fn count(sandbox: &Sandbox, id: &str) -> usize {
    let tree = kensho::workspace::Tree::read(
        &sandbox.path().join("evidence"),
        &sandbox.path().join("claims"),
    )
    .expect("tree");
    let workspace = kensho::workspace::Workspace::read(tree);
    (workspace.ledger.records.iter())
        .filter(|r| r.id() == id)
        .count()
}

/// The names in the ledger folder that are not ledger files: no lock or temporary file may
/// be left behind.
fn leftovers(sandbox: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sandbox.path().join("evidence"))
        .expect("ledger folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

fn check_passes(sandbox: &Sandbox) {
    assert_eq!(
        sandbox.run(&["check", "--format", "short"]).code(0).stdout,
        "0 errors, 0 warnings\n"
    );
}

#[test]
fn twenty_concurrent_adds_all_land() {
    let sandbox = Sandbox::shipped();
    let ids: Vec<String> = (1..=20).map(|i| format!("concurrent-{i:02}")).collect();
    let children: Vec<Child> = (ids.iter().enumerate())
        .map(|(n, id)| start(&sandbox, &event_args(id, n)))
        .collect();
    for (id, child) in ids.iter().zip(children) {
        let out = finish(child).code(0);
        assert_eq!(
            out.stdout,
            format!("added event `{id}` to `evidence/events.toml`\n")
        );
        assert_eq!(out.stderr, "");
    }
    for id in &ids {
        assert_eq!(count(&sandbox, id), 1, "{id}");
    }
    check_passes(&sandbox);
    assert_eq!(leftovers(&sandbox), Vec::<String>::new());
}

#[test]
fn two_adds_of_one_id_land_once() {
    // Into one file, and into two files named with `--file`: either way the second `add`
    // reads the first one's record under the lock and refuses.
    for files in [None, Some(["evidence/one.toml", "evidence/two.toml"])] {
        let sandbox = Sandbox::shipped();
        let children: Vec<Child> = (0..2)
            .map(|n| {
                let mut args = event_args("raced", n);
                if let Some(files) = files {
                    args.extend(["--file".to_owned(), files[n].to_owned()]);
                }
                start(&sandbox, &args)
            })
            .collect();
        let outs: Vec<Output> = children.into_iter().map(finish).collect();
        let landed: Vec<&Output> = outs.iter().filter(|o| o.code == 0).collect();
        let refused: Vec<&Output> = outs.iter().filter(|o| o.code == 1).collect();
        assert_eq!((landed.len(), refused.len()), (1, 1), "{outs:?}");
        assert!(
            landed[0]
                .stdout
                .starts_with("added event `raced` to `evidence/"),
            "{}",
            landed[0].stdout
        );
        let refusal = &refused[0].stderr;
        assert!(
            refusal.contains("error[K0301]: duplicate record id `raced`"),
            "{refusal}"
        );
        assert!(
            refusal.ends_with(
                "error: the addition was refused: it brings 1 error of its own; no file was changed\n"
            ),
            "{refusal}"
        );
        assert_eq!(count(&sandbox, "raced"), 1);
        check_passes(&sandbox);
        assert_eq!(leftovers(&sandbox), Vec::<String>::new());
    }
}

/// Runs an `add` that must be refused with `message` and exit 2, and asserts that no byte
/// changed in the sandbox (the ledger folder and its parent).
fn refused(sandbox: &Sandbox, extra: &[&str], message: &str) {
    let before = snapshot_tree(sandbox.path());
    for dry_run in [false, true] {
        let mut args = event_args("refused-fact", 0);
        args.extend(extra.iter().map(|a| (*a).to_owned()));
        if dry_run {
            args.push("--dry-run".to_owned());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = sandbox.run(&args).code(2);
        assert_eq!(out.stderr, format!("error: {message}\n"));
        assert_eq!(out.stdout, "");
        assert_eq!(snapshot_tree(sandbox.path()), before, "{extra:?}");
    }
}

#[test]
fn files_outside_the_ledger_are_refused_and_nothing_changes() {
    let sandbox = Sandbox::shipped();
    let outside_name = format!(
        "{}-outside.toml",
        sandbox.path().file_name().expect("name").to_string_lossy()
    );
    let beside = format!("../{outside_name}");
    refused(
        &sandbox,
        &["--file", &beside],
        &format!(
            "cannot write `{beside}`: it is not in the ledger folder `evidence`, so the ledger would never read it"
        ),
    );
    assert!(!sandbox.path().join("..").join(&outside_name).exists());
    refused(
        &sandbox,
        &["--file", "evidence/../outside.toml"],
        "cannot write `evidence/../outside.toml`: it is not in the ledger folder `evidence`, so the ledger would never read it",
    );
    let absolute = sandbox.path().join("abs.toml");
    let absolute = absolute.to_str().expect("UTF-8 path");
    refused(
        &sandbox,
        &["--file", absolute],
        &format!(
            "cannot write `{absolute}`: it is not in the ledger folder `evidence`, so the ledger would never read it"
        ),
    );
    refused(
        &sandbox,
        &["--file", "evidence/archive/new.toml"],
        "cannot write `evidence/archive/new.toml`: it is not in the ledger folder `evidence`, so the ledger would never read it",
    );
    refused(
        &sandbox,
        &["--file", "evidence/notes.txt"],
        "cannot write `evidence/notes.txt`: the ledger reads only `*.toml` files",
    );
    refused(
        &sandbox,
        &["--file", "evidence"],
        "cannot write `evidence`: it is a folder",
    );
    std::fs::create_dir(sandbox.path().join("evidence/folder.toml")).expect("folder");
    refused(
        &sandbox,
        &["--file", "evidence/folder.toml"],
        "cannot write `evidence/folder.toml`: it is a folder",
    );
    refused(
        &sandbox,
        &["--file", "evidence/.."],
        "cannot write `evidence/..`: it names no file",
    );
}

#[cfg(unix)]
#[test]
fn devices_and_links_that_leave_the_ledger_are_refused_and_nothing_changes() {
    use std::os::unix::fs::{FileTypeExt as _, symlink};
    let sandbox = Sandbox::shipped();
    refused(
        &sandbox,
        &["--file", "/dev/null"],
        "cannot write `/dev/null`: it is not a regular file",
    );
    let null = std::fs::symlink_metadata("/dev/null").expect("/dev/null");
    assert!(
        null.file_type().is_char_device(),
        "/dev/null is still a device"
    );
    symlink("/dev/null", sandbox.path().join("evidence/null.toml")).expect("link");
    refused(
        &sandbox,
        &["--file", "evidence/null.toml"],
        "cannot write `evidence/null.toml`: it is not a regular file",
    );
    std::fs::remove_file(sandbox.path().join("evidence/null.toml")).expect("remove");

    // A link the user names, and a link the ledger already reads, both leading out.
    sandbox.write("outside.toml", "# a file beside the ledger\n");
    symlink(
        "../outside.toml",
        sandbox.path().join("evidence/escape.toml"),
    )
    .expect("link");
    let outside = sandbox
        .path()
        .join("outside.toml")
        .canonicalize()
        .expect("real path");
    refused(
        &sandbox,
        &["--file", "evidence/escape.toml"],
        &format!(
            "cannot write `evidence/escape.toml`: it links to `{}`, outside the ledger folder `evidence`",
            outside.display()
        ),
    );
    std::fs::remove_file(sandbox.path().join("evidence/escape.toml")).expect("remove");
    std::fs::rename(
        sandbox.path().join("evidence/events.toml"),
        sandbox.path().join("events.toml"),
    )
    .expect("move");
    symlink(
        "../events.toml",
        sandbox.path().join("evidence/events.toml"),
    )
    .expect("link");
    refused(
        &sandbox,
        &[],
        &format!(
            "cannot write `evidence/events.toml`: it links to `{}`, outside the ledger folder `evidence`",
            sandbox
                .path()
                .join("events.toml")
                .canonicalize()
                .expect("real path")
                .display()
        ),
    );
    let link = std::fs::symlink_metadata(sandbox.path().join("evidence/events.toml"));
    assert!(link.expect("link").file_type().is_symlink());

    // A link inside the ledger to a file the ledger would not read as TOML.
    sandbox.write("evidence/notes.txt", "notes\n");
    symlink("notes.txt", sandbox.path().join("evidence/notes.toml")).expect("link");
    refused(
        &sandbox,
        &["--file", "evidence/notes.toml"],
        &format!(
            "cannot write `evidence/notes.toml`: it links to `{}`, which is not a `.toml` file",
            sandbox
                .path()
                .join("evidence/notes.txt")
                .canonicalize()
                .expect("real path")
                .display()
        ),
    );
}

#[cfg(unix)]
#[test]
fn a_hard_linked_file_is_refused_and_keeps_its_links() {
    use std::os::unix::fs::MetadataExt as _;
    let sandbox = Sandbox::shipped();
    let events = sandbox.path().join("evidence/events.toml");
    std::fs::hard_link(&events, sandbox.path().join("backup.toml")).expect("hard link");
    refused(
        &sandbox,
        &[],
        "cannot write `evidence/events.toml`: it has 2 hard links, and replacing it would cut them (make it a file of its own, e.g. with `cp`, or a symbolic link, which `add` writes through)",
    );
    let (a, b) = (
        std::fs::metadata(&events).expect("events"),
        std::fs::metadata(sandbox.path().join("backup.toml")).expect("backup"),
    );
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
}

#[cfg(unix)]
#[test]
fn a_linked_ledger_file_is_written_through_and_stays_a_link() {
    use std::os::unix::fs::symlink;
    let sandbox = Sandbox::shipped();
    // The loader reads only the ledger folder's own files, so a subfolder holds the target.
    std::fs::create_dir(sandbox.path().join("evidence/archive")).expect("folder");
    let target = sandbox.path().join("evidence/archive/events.toml");
    std::fs::rename(sandbox.path().join("evidence/events.toml"), &target).expect("move");
    symlink(
        "archive/events.toml",
        sandbox.path().join("evidence/events.toml"),
    )
    .expect("link");
    let before = std::fs::read_to_string(&target).expect("read");

    let out = add_event(&sandbox, "through-a-link").code(0);
    assert_eq!(
        out.stdout,
        "added event `through-a-link` to `evidence/events.toml`\n"
    );
    let link = std::fs::symlink_metadata(sandbox.path().join("evidence/events.toml"));
    assert!(link.expect("link").file_type().is_symlink(), "still a link");
    let after = std::fs::read_to_string(&target).expect("read");
    assert!(after.starts_with(&before), "the target was appended to");
    assert!(after.contains("id = \"through-a-link\""), "{after}");
    assert_eq!(count(&sandbox, "through-a-link"), 1);
    check_passes(&sandbox);
    // No temporary file is left next to the target either.
    let names: Vec<_> = std::fs::read_dir(sandbox.path().join("evidence/archive"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["events.toml"]);
}

#[cfg(unix)]
#[test]
fn mode_and_owner_are_kept() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let sandbox = Sandbox::shipped();
    let events = sandbox.path().join("evidence/events.toml");
    std::fs::set_permissions(&events, std::fs::Permissions::from_mode(0o640)).expect("mode");
    // Only a privileged process can give a file away; elsewhere the owner stays ours.
    let given_away = std::os::unix::fs::chown(&events, Some(4321), Some(4322)).is_ok();
    let owner = std::fs::metadata(&events).expect("metadata");
    add_event(&sandbox, "mode-kept").code(0);
    let after = std::fs::metadata(&events).expect("metadata");
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (owner.uid(), owner.gid()));
    if given_away {
        assert_eq!((after.uid(), after.gid()), (4321, 4322));
    }
    assert_eq!(count(&sandbox, "mode-kept"), 1);
}

#[test]
fn crlf_files_stay_crlf_and_lf_files_stay_lf() {
    let sandbox = Sandbox::shipped();
    let lf = sandbox.read("evidence/events.toml");
    let crlf = lf.replace('\n', "\r\n");
    sandbox.write("evidence/events.toml", &crlf);
    add_event(&sandbox, "crlf-kept").code(0);
    let after = sandbox.read("evidence/events.toml");
    assert!(after.starts_with(&crlf));
    let added = &after[crlf.len()..];
    assert!(added.contains("id = \"crlf-kept\"\r\n"), "{added:?}");
    assert_eq!(added.matches('\n').count(), added.matches("\r\n").count());
    check_passes(&sandbox);

    // A snippet written with CRLF goes into an LF file as LF.
    let sandbox = Sandbox::shipped();
    let snippet = "[[event]]\r\nid = \"lf-kept\"\r\ndate = 2026-04-30\r\nentity = \"aist\"\r\naxes = [\"compute\"]\r\nsources = [\"aist-report-2025\"]\r\ntype = \"launch\"\r\ntitle = \"An LF fact\"\r\n";
    sandbox
        .run_with_stdin(&["add", "--from", "-"], snippet)
        .code(0);
    let after = sandbox.read("evidence/events.toml");
    assert!(after.starts_with(&lf));
    assert!(!after.contains('\r'));
    check_passes(&sandbox);
}

#[test]
fn stale_temporary_and_lock_files_are_ignored_then_cleaned() {
    let sandbox = Sandbox::shipped();
    // What a killed `add` leaves: its temporary file (no process has an id this large)
    // and the lock file. Neither is a ledger file.
    let stale = ".events.toml.kensho-999999999.tmp";
    sandbox.write(&format!("evidence/{stale}"), "[[event]]\nhalf written");
    sandbox.write("evidence/.kensho.lock", "");
    check_passes(&sandbox);

    let out = add_event(&sandbox, "after-a-crash").code(0);
    assert_eq!(
        out.stderr,
        format!("note: removed `evidence/{stale}`, left by an `add` that was stopped\n")
    );
    assert_eq!(leftovers(&sandbox), Vec::<String>::new());
    check_passes(&sandbox);
}

#[test]
fn empty_input_says_there_is_nothing_to_add() {
    let sandbox = Sandbox::shipped();
    sandbox.write("empty.toml", "");
    sandbox.write("comments.toml", "# only a comment\n");
    let before = snapshot_tree(sandbox.path());
    for (args, stdin, message) in [
        (
            &["add", "--from", "-"][..],
            "",
            "nothing to add: standard input is empty",
        ),
        (
            &["add", "--from", "-"],
            " \n\n",
            "nothing to add: standard input is empty",
        ),
        (
            &["add", "--from", "-"],
            "# only a comment\n",
            "nothing to add: standard input holds no `[[kind]]` table",
        ),
        (
            &["add", "--from", "empty.toml"],
            "",
            "nothing to add: `empty.toml` is empty",
        ),
        (
            &["add", "--from", "comments.toml", "--dry-run"],
            "",
            "nothing to add: `comments.toml` holds no `[[kind]]` table",
        ),
    ] {
        let out = sandbox.run_with_stdin(args, stdin).code(2);
        assert_eq!(out.stderr, format!("error: {message}\n"));
        assert_eq!(out.stdout, "");
        assert_eq!(snapshot_tree(sandbox.path()), before);
    }
}

#[test]
fn an_error_names_its_cause_once() {
    let sandbox = Sandbox::shipped();
    // Something that is not a file where the lock file goes.
    std::fs::create_dir(sandbox.path().join("evidence/.kensho.lock")).expect("folder");
    let before = snapshot_tree(sandbox.path());
    let out = add_event(&sandbox, "never-added").code(2);
    assert_eq!(
        out.stderr,
        "error: cannot lock `evidence/.kensho.lock`: something other than a regular file has the lock file's name\n"
    );
    assert_eq!(snapshot_tree(sandbox.path()), before);
}

#[cfg(unix)]
#[test]
fn an_unreadable_ledger_file_is_named_once_with_its_cause() {
    use std::os::unix::fs::PermissionsExt as _;
    let sandbox = Sandbox::shipped();
    let events = sandbox.path().join("evidence/events.toml");
    std::fs::set_permissions(&events, std::fs::Permissions::from_mode(0o000)).expect("mode");
    if std::fs::read(&events).is_ok() {
        return; // a privileged process reads it anyway: nothing to see here
    }
    let out = add_event(&sandbox, "never-added").code(2);
    assert_eq!(
        out.stderr,
        "error: cannot read `evidence/events.toml`: Permission denied (os error 13)\n"
    );
    assert!(!sandbox.path().join("evidence/.kensho.lock").exists());
}
