//! The text of every file kensho read, so that any span can be turned back into
//! `file:line:col` and an excerpt.

use std::path::{Path, PathBuf};

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
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as it should be shown to the user.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// Where each line starts; worked out the first time a place is asked for, since most
    /// runs never need one and a large ledger has millions of lines.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// Wraps a file's text.
    pub fn new(path: PathBuf, text: String) -> SourceFile {
        SourceFile {
            path,
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end are
    /// clamped to the end.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts().partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts()[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The text of a 1-based line, without its line break; empty past the end.
    pub fn line(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts().get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
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

    /// Adds a file and returns its id.
    pub fn add(&mut self, path: &Path, text: String) -> FileId {
        let id = self.next_id();
        self.files.push(SourceFile::new(path.to_path_buf(), text));
        id
    }

    /// Gives the file with this id a new text, such as the text with an addition; nothing
    /// when there is no such file.
    pub fn set_text(&mut self, id: FileId, text: String) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            *file = SourceFile::new(file.path.clone(), text);
        }
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
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
        let x = file.text.find('x').unwrap_or(0);
        assert_eq!(file.line_col(x), (2, 10));
        assert_eq!(file.line(2), "t = \"億円\" x");
        assert_eq!(file.line(9), "");
    }
}
