//! The text of every file kensho read, so that any span can be turned back into
//! `file:line:col` and an excerpt.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Index of a file in [`SourceFiles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one file. Offsets are 32-bit: a large ledger holds millions of spans,
/// and files of 4 GiB or more are refused when read (see [`MAX_FILE_LEN`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    start: u32,
    end: u32,
}

/// The largest file kensho reads: every offset in it fits a [`Span`].
pub const MAX_FILE_LEN: usize = u32::MAX as usize;

impl Span {
    /// A span over `range` in `file`. Offsets past [`MAX_FILE_LEN`] cannot come from a file
    /// that was read; they are held at the limit rather than wrapped.
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Span {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Span {
            file,
            start: offset(range.start),
            end: offset(range.end),
        }
    }

    /// First byte.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// One past the last byte.
    pub fn end(self) -> usize {
        self.end as usize
    }
}

/// Where a parsed piece of a file begins. TOML gives ranges from the start of the text it
/// parsed; a large ledger file is parsed a piece at a time, so its ranges are moved by the
/// piece's offset to become spans in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// The file the piece is in.
    pub file: FileId,
    /// The byte where the piece starts.
    pub offset: usize,
}

impl Origin {
    /// A whole file, parsed at once.
    pub fn file(file: FileId) -> Origin {
        Origin { file, offset: 0 }
    }

    /// The span in the file of `range` in the piece.
    pub fn span(self, range: std::ops::Range<usize>) -> Span {
        Span::new(
            self.file,
            self.offset + range.start..self.offset + range.end,
        )
    }
}

/// One file as read: its display path and its text (lossily decoded when it was not UTF-8,
/// so that an excerpt can still be shown).
///
/// The text of a file read from disk can be let go once the file is parsed (see
/// [`SourceFiles::let_go`]): a large ledger's text is a quarter of everything kensho holds
/// for it, and most runs never show a place in it. It is read again the first time it is
/// asked for, and kept only if it is the text that was parsed; otherwise every span into it
/// would point at the wrong place, so the file counts as unreadable (see
/// [`SourceFiles::get`]).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as it should be shown to the user.
    pub path: PathBuf,
    /// The text; empty until read again once let go, and `None` in it when it could not
    /// be read again as it was.
    text: OnceLock<Option<String>>,
    /// Whether the text can be let go, and what it was when it has been.
    kept: Kept,
    /// Where each line starts; worked out the first time a place is asked for, since most
    /// runs never need one and a large ledger has millions of lines.
    line_starts: OnceLock<Vec<usize>>,
}

/// Whether a file's text is held for good, or can be (or has been) let go.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kept {
    /// Held for good: it came from git, the binary or memory, and could not be read again.
    Held,
    /// Held until let go: the file is on disk at this path (which stays where it was read
    /// from when the path shown changes).
    OnDisk(PathBuf),
    /// Let go: read again from disk when asked for, and used if it still matches.
    LetGo(PathBuf, Fingerprint),
}

/// What a text was, to tell whether a file read again still holds it. The hash is not
/// built to resist a forger: anyone who can rewrite the file while kensho runs can as well
/// rewrite it before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    hash: u64,
}

impl Fingerprint {
    fn of(text: &str) -> Fingerprint {
        use std::hash::Hasher;
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(text.as_bytes());
        Fingerprint {
            len: text.len(),
            hash: hasher.finish(),
        }
    }
}

impl SourceFile {
    /// Wraps a file's text, held for good.
    pub fn new(path: PathBuf, text: String) -> SourceFile {
        SourceFile {
            path,
            text: OnceLock::from(Some(text)),
            kept: Kept::Held,
            line_starts: OnceLock::new(),
        }
    }

    /// The file's text; empty when it was let go and cannot be read again as it was.
    pub fn text(&self) -> &str {
        self.readable().unwrap_or("")
    }

    /// The text, read again if it was let go; `None` when that fails or finds another text.
    fn readable(&self) -> Option<&str> {
        self.text
            .get_or_init(|| match &self.kept {
                Kept::LetGo(path, was) => std::fs::read(path)
                    .ok()
                    .map(|bytes| match String::from_utf8(bytes) {
                        Ok(text) => text,
                        // As it was decoded when first read, bad bytes replaced.
                        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    })
                    .filter(|text| Fingerprint::of(text) == *was),
                // Never let go, so never empty.
                Kept::Held | Kept::OnDisk(_) => None,
            })
            .as_deref()
    }

    /// The length of the text in bytes, without reading it again.
    pub fn text_len(&self) -> usize {
        match &self.kept {
            Kept::LetGo(_, was) => was.len,
            Kept::Held | Kept::OnDisk(_) => self.text().len(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text().match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end are
    /// clamped to the end.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        let offset = offset.min(text.len());
        let line = self.line_starts().partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts()[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The text of a 1-based line, without its line break; empty past the end.
    pub fn line(&self, line: usize) -> &str {
        let text = self.text();
        let Some(&start) = self.line_starts().get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.line_starts().get(line).copied().unwrap_or(text.len());
        text.get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

/// Every file read in one run, addressed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    files: Vec<SourceFile>,
}

impl SourceFiles {
    /// The id the next added file will get.
    pub fn next_id(&self) -> FileId {
        FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX))
    }

    /// Adds a file, held for good, and returns its id.
    pub fn add(&mut self, path: &Path, text: String) -> FileId {
        let id = self.next_id();
        self.files.push(SourceFile::new(path.to_path_buf(), text));
        id
    }

    /// Adds a file shown as `path` and read from disk at `on_disk`, whose text can be let
    /// go, and returns its id.
    pub fn add_on_disk(&mut self, path: &Path, text: String, on_disk: &Path) -> FileId {
        let id = self.add(path, text);
        if let Some(file) = self.files.last_mut() {
            file.kept = Kept::OnDisk(on_disk.to_path_buf());
        }
        id
    }

    /// Takes the text of a file read from disk, to be read again from there when it is next
    /// asked for; `None`, the text kept, for any other file.
    pub fn let_go(&mut self, id: FileId) -> Option<String> {
        let file = self.files.get_mut(id.0 as usize)?;
        let Kept::OnDisk(path) = &file.kept else {
            return None;
        };
        let path = path.clone();
        let text = file.text.take().flatten()?;
        file.kept = Kept::LetGo(path, Fingerprint::of(&text));
        Some(text)
    }

    /// Gives the file with this id a new text, such as the text with an addition; nothing
    /// when there is no such file.
    pub fn set_text(&mut self, id: FileId, text: String) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            *file = SourceFile::new(file.path.clone(), text);
        }
    }

    /// The file with this id; `None` also when its text was let go and cannot be read
    /// again as it was (the file changed or went away since), since no place in it can be
    /// shown then.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        (self.files.get(id.0 as usize)).filter(|f| f.readable().is_some())
    }

    /// The length of a file's text in bytes, without reading it again.
    pub fn text_len(&self, id: FileId) -> Option<usize> {
        self.files.get(id.0 as usize).map(SourceFile::text_len)
    }

    /// The path a file is shown under, without reading its text again.
    pub fn path(&self, id: FileId) -> Option<&Path> {
        self.files.get(id.0 as usize).map(|f| f.path.as_path())
    }

    /// `path:line:col` of a span's start.
    pub fn locate(&self, span: Span) -> Option<(PathBuf, usize, usize)> {
        let file = self.get(span.file)?;
        let (line, col) = file.line_col(span.start());
        Some((file.path.clone(), line, col))
    }

    /// All files in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("a.toml".into(), "a = 1\nt = \"億円\" x\n".into());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(6), (2, 1));
        let x = file.text().find('x').unwrap_or(0);
        assert_eq!(file.line_col(x), (2, 10));
        assert_eq!(file.line(2), "t = \"億円\" x");
        assert_eq!(file.line(9), "");
    }

    #[test]
    fn a_text_let_go_is_read_again_only_while_the_file_still_holds_it() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let on_disk = dir.path().join("a.toml");
        let text = "a = 1\nt = \"億円\" x\n";
        std::fs::write(&on_disk, text).expect("write");
        let mut files = SourceFiles::default();
        // Shown under another path than it was read from, as `check --format github` does.
        let id = files.add_on_disk(Path::new("shown/a.toml"), text.to_owned(), &on_disk);
        let held = files.add(Path::new("b.toml"), "b = 2\n".to_owned());
        assert_eq!(
            files.let_go(held),
            None,
            "a file not on disk keeps its text"
        );
        assert_eq!(files.let_go(id).as_deref(), Some(text));
        assert_eq!(files.let_go(id), None, "let go once");
        let again = files.clone();

        // Read again from where it was read, whatever path it is shown under.
        assert_eq!(files.get(id).map(SourceFile::text), Some(text));
        assert_eq!(
            files.locate(Span::new(id, 19..20)).map(|(_, l, c)| (l, c)),
            Some((2, 10))
        );
        assert_eq!(files.get(held).map(SourceFile::text), Some("b = 2\n"));

        // Changed on disk before it was read again: no place in it can be shown.
        std::fs::write(&on_disk, "t = 1\na = 1\nt = \"億円\" x\n").expect("write");
        assert!(again.get(id).is_none());
        assert_eq!(again.locate(Span::new(id, 19..20)), None);
        assert_eq!(
            again.iter().map(|(_, f)| f.text_len()).collect::<Vec<_>>(),
            [text.len(), 6]
        );

        // Gone before it was read again: the same. A text read again before is kept.
        let mut fresh = SourceFiles::default();
        let fresh_id = fresh.add_on_disk(Path::new("a.toml"), text.to_owned(), &on_disk);
        fresh.let_go(fresh_id);
        std::fs::remove_file(&on_disk).expect("remove");
        assert!(fresh.get(fresh_id).is_none());
        assert_eq!(files.get(id).map(SourceFile::text), Some(text));
    }
}
