//! A repository's objects as `diff` reads them: folders listed with `git ls-tree -l -z`
//! (each once), blobs read through one `git cat-file --batch` for the whole revision, each
//! into a buffer of exactly its size, which the listing gave before anything was read.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use super::Error;
use super::tree::{Entry, Lookup, parse_listing};

/// The objects of the repository in a working folder.
pub(super) struct Store<'a> {
    dir: &'a Path,
    /// Folder listings already read, by tree (or commit) id.
    trees: BTreeMap<String, Vec<Entry>>,
    /// The blob reader, started at the first blob.
    batch: Option<Batch>,
}

/// A running `git cat-file --batch`: one object id in, its header and bytes out. Without
/// `--buffer`, git flushes each answer, so questions and answers take turns.
struct Batch {
    child: Child,
    input: Option<ChildStdin>,
    output: Option<BufReader<ChildStdout>>,
}

const BATCH: &str = "cat-file --batch";

impl<'a> Store<'a> {
    /// The objects of the repository `dir` is in.
    pub(super) fn new(dir: &'a Path) -> Store<'a> {
        Store {
            dir,
            trees: BTreeMap::new(),
            batch: None,
        }
    }

    /// The bytes of the blob `oid`, which its listing said are `size` bytes; the caller has
    /// checked that size against the limit. Git's answer must agree on both type and size.
    pub(super) fn read_blob(&mut self, oid: &str, size: u64) -> Result<Vec<u8>, Error> {
        let unexpected = |what: String| Error::Git {
            command: BATCH.to_owned(),
            stderr: what,
        };
        let len = usize::try_from(size)
            .map_err(|_| unexpected(format!("`{oid}` is too large to hold ({size} bytes)")))?;
        let batch = match &mut self.batch {
            Some(batch) => batch,
            None => self.batch.insert(Batch::start(self.dir)?),
        };
        let io = |e: std::io::Error| Error::Git {
            command: BATCH.to_owned(),
            stderr: e.to_string(),
        };
        let (Some(input), Some(output)) = (batch.input.as_mut(), batch.output.as_mut()) else {
            return Err(unexpected("its input or output is closed".to_owned()));
        };
        input.write_all(format!("{oid}\n").as_bytes()).map_err(io)?;
        input.flush().map_err(io)?;
        let mut header = Vec::new();
        output.read_until(b'\n', &mut header).map_err(io)?;
        let header = String::from_utf8_lossy(&header);
        let expected = format!("{oid} blob {size}");
        if header.trim_end() != expected {
            return Err(unexpected(format!(
                "expected `{expected}`, git answered `{}`",
                header.trim_end()
            )));
        }
        // Exactly the size announced: no buffer grows and doubles on the way.
        let mut bytes = Vec::with_capacity(len);
        output
            .by_ref()
            .take(size)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        let mut newline = [0u8];
        output.read_exact(&mut newline).map_err(io)?;
        if bytes.len() != len || newline != *b"\n" {
            return Err(unexpected(format!("`{oid}` ended early")));
        }
        Ok(bytes)
    }
}

impl Lookup for Store<'_> {
    fn list(&mut self, tree: &str) -> Result<&[Entry], Error> {
        if !self.trees.contains_key(tree) {
            // `--full-tree`: run from a subfolder, ls-tree would otherwise list only that
            // subfolder's part of the tree.
            let listing = super::checked(self.dir, &["ls-tree", "-l", "-z", "--full-tree", tree])?;
            self.trees.insert(tree.to_owned(), parse_listing(&listing));
        }
        Ok(self.trees.get(tree).map_or(&[], Vec::as_slice))
    }

    fn read_link(&mut self, link: &Entry) -> Result<Vec<u8>, Error> {
        self.read_blob(&link.oid, link.size.unwrap_or_default())
    }
}

impl Batch {
    fn start(dir: &Path) -> Result<Batch, Error> {
        let mut child = Command::new("git")
            .args(["cat-file", "--batch"])
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(Error::Spawn)?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(Error::Git {
                command: BATCH.to_owned(),
                stderr: "its input or output is missing".to_owned(),
            });
        };
        Ok(Batch {
            child,
            input: Some(input),
            output: Some(BufReader::new(output)),
        })
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        // Closing its input ends git's batch, and closing its output ends an answer left
        // unread after an error; waiting reaps it.
        drop(self.input.take());
        drop(self.output.take());
        let _ = self.child.wait();
    }
}
