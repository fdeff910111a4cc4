//! A small builder for running the `kensho` binary in a scratch folder and checking what it
//! printed and how it exited.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The project root, where the shipped ledger and claims live.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a run produced.
#[derive(Debug)]
pub(crate) struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// A scratch folder holding a copy of the shipped ledger and claims, or whatever the test
/// writes into it.
pub(crate) struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// An empty folder.
    pub(crate) fn empty() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// A folder with copies of `evidence/` and `claims/`.
    pub(crate) fn shipped() -> Sandbox {
        let sandbox = Sandbox::empty();
        for folder in ["evidence", "claims"] {
            let to = sandbox.path().join(folder);
            std::fs::create_dir_all(&to).expect("create folder");
            for entry in std::fs::read_dir(root().join(folder)).expect("read folder") {
                let from = entry.expect("entry").path();
                std::fs::copy(&from, to.join(from.file_name().expect("name"))).expect("copy");
            }
        }
        sandbox
    }

    /// The folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `relative`, creating folders.
    pub(crate) fn write(&self, relative: &str, text: &str) -> &Sandbox {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(path, text).expect("write");
        self
    }

    /// Reads `relative`.
    pub(crate) fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative)).expect("read")
    }

    /// Runs `kensho` with `args` in this folder.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.run_with_stdin(args, "")
    }

    /// The `kensho` command with `args`, to run in this folder; for starting several at once.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kensho"));
        command
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            // Output must not depend on the terminal the tests run from: 110 columns, no
            // colour, unless a test sets these itself.
            .env_remove("COLUMNS")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR");
        command
    }

    /// Runs `kensho` with `args` in this folder, feeding `stdin` to it.
    pub(crate) fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        use std::io::Write as _;
        let mut child = self
            .command(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run kensho");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        Output::of(child.wait_with_output().expect("wait for kensho"))
    }
}

/// Every file under `dir` with its bytes, for asserting that nothing changed.
pub(crate) fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

impl Output {
    /// What a finished process printed, and its exit code.
    pub(crate) fn of(out: std::process::Output) -> Output {
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Asserts the exit code, showing both streams when it differs.
    pub(crate) fn code(self, expected: i32) -> Output {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}
