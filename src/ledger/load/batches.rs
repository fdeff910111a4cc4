//! Reading many ledger files on every core a batch of pieces at a time, rather than a file
//! at a time: a ledger's files are seldom the same size, so a core that drew a large file
//! last was left reading it alone, and a ledger of one large file was read on one core.
//! What is read and what is reported are what reading each file alone reads and reports
//! (see [`super::read_ledger_texts`]): a file's batches are put back together in order, and
//! a file with a piece that does not read alone is read again whole.

use std::ops::Range;
use std::sync::Arc;

use super::{LedgerParts, parse_document, pieces, read_piece, read_tables};
use crate::diagnostic::Diagnostic;
use crate::source_file::{FileId, Origin};

/// A ledger file's text, to be read.
#[derive(Debug)]
pub(crate) enum LedgerText<'a> {
    /// Let go as soon as every batch of it is read.
    Owned(String),
    /// Held elsewhere, for as long as it is read.
    Held(&'a str),
}

/// A text that some batches share.
#[derive(Debug, Clone)]
enum Shared<'a> {
    Owned(Arc<String>),
    Held(&'a str),
}

impl Shared<'_> {
    fn as_str(&self) -> &str {
        match self {
            Shared::Owned(text) => text,
            Shared::Held(text) => text,
        }
    }
}

/// Some consecutive pieces of one file, or the whole of it.
struct Batch<'a> {
    /// The file's place among those read.
    file: usize,
    id: FileId,
    text: Shared<'a>,
    /// `None` for a file that is parsed whole.
    pieces: Option<Vec<Range<usize>>>,
}

/// What a batch holds, and what reading it found; or, when one of its pieces does not read
/// alone, the file's text, kept to read it again whole.
type Found<'a> = Result<(LedgerParts, Vec<Diagnostic>), Shared<'a>>;

/// What each file holds, and what reading it found, in the order given: pieces of about
/// `piece` bytes (see [`pieces`]), parsed in batches of about `batch` bytes.
pub(super) fn read_all(
    texts: Vec<(FileId, LedgerText<'_>)>,
    piece: usize,
    batch: usize,
) -> Vec<(LedgerParts, Vec<Diagnostic>)> {
    // Where to cut each file is found by reading every line of it: on every core as well.
    let planned = crate::parallel::map_owned(texts, |(id, text)| {
        let text = match text {
            LedgerText::Owned(text) => Shared::Owned(Arc::new(text)),
            LedgerText::Held(text) => Shared::Held(text),
        };
        let pieces = pieces(text.as_str(), piece).filter(|p| p.len() > 1);
        (id, text, pieces)
    });
    let files = planned.len();
    // Batches in file order: a file's text is let go soon after its last batch is drawn.
    let mut batches = Vec::new();
    for (file, (id, text, pieces)) in planned.into_iter().enumerate() {
        let Some(pieces) = pieces else {
            batches.push(Batch {
                file,
                id,
                text,
                pieces: None,
            });
            continue;
        };
        let mut first = 0;
        let mut size = 0;
        for (k, range) in pieces.iter().enumerate() {
            size += range.len();
            if size >= batch || k + 1 == pieces.len() {
                batches.push(Batch {
                    file,
                    id,
                    text: text.clone(),
                    pieces: pieces.get(first..=k).map(<[_]>::to_vec),
                });
                first = k + 1;
                size = 0;
            }
        }
    }
    let found = crate::parallel::map_owned(batches, |b| (b.file, b.id, read_batch(b)));
    // Every file has at least one batch, and a file's batches come together, in order.
    let mut read: Vec<(FileId, Found<'_>)> = Vec::with_capacity(files);
    for (file, id, found) in found {
        if read.len() == file {
            read.push((id, Ok(Default::default())));
        }
        let Some((_, so_far)) = read.last_mut() else {
            continue;
        };
        match (so_far.as_mut(), found) {
            (Ok((parts, diagnostics)), Ok((more, found))) => {
                parts.append(more);
                diagnostics.extend(found);
            }
            (Ok(_), Err(text)) => *so_far = Err(text),
            (Err(_), _) => {}
        }
    }
    crate::parallel::map_owned(read, |(id, found)| {
        let (mut parts, diagnostics) = match found {
            Ok(read) => read,
            // A piece that does not parse on its own, or reads as something other than
            // arrays of tables: whatever the reason, the whole file is parsed again as one,
            // so that what is read and reported is what a whole parse reads and reports.
            Err(text) => read_whole(id, text.as_str()),
        };
        // TOML hands over a document's arrays by name, so `[[release]]` and `[[benchmark]]`
        // tables that alternate in a file arrive grouped by kind.
        parts.sort_since(LedgerParts::default().lengths());
        (parts, diagnostics)
    })
}

fn read_batch(batch: Batch<'_>) -> Found<'_> {
    let Some(pieces) = &batch.pieces else {
        return Ok(read_whole(batch.id, batch.text.as_str()));
    };
    let text = batch.text.as_str();
    let mut parts = LedgerParts::default();
    let mut diagnostics = Vec::new();
    let read = pieces.iter().all(|range| {
        let origin = Origin {
            file: batch.id,
            offset: range.start,
        };
        (text.get(range.clone()))
            .is_some_and(|piece| read_piece(origin, piece, &mut parts, &mut diagnostics))
    });
    if read {
        Ok((parts, diagnostics))
    } else {
        Err(batch.text)
    }
}

/// A whole file, parsed as one, with recovery from syntax errors.
fn read_whole(file: FileId, text: &str) -> (LedgerParts, Vec<Diagnostic>) {
    let mut parts = LedgerParts::default();
    let mut diagnostics = Vec::new();
    if let Some(document) = parse_document(file, text, &mut diagnostics) {
        read_tables(Origin::file(file), document, &mut parts, &mut diagnostics);
    }
    (parts, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `texts` read each alone and whole: lists and sorted diagnostics.
    fn each_whole(texts: &[String]) -> Vec<(LedgerParts, Vec<Diagnostic>)> {
        (texts.iter().enumerate())
            .flat_map(|(i, text)| {
                let id = FileId(u32::try_from(i).unwrap_or(u32::MAX));
                read_all(vec![(id, LedgerText::Held(text))], usize::MAX, usize::MAX)
            })
            .collect()
    }

    #[test]
    fn files_read_together_in_small_batches_read_as_each_file_alone_and_whole() {
        let mut texts: Vec<String> = (crate::synthetic::generate(400, 3).into_iter())
            .filter(|f| f.path.starts_with("evidence/"))
            .map(|f| f.text)
            .collect();
        // A piece that cannot be read alone halfway through a file, after batches of it
        // that can; and a file that cannot be cut at all.
        let damaged = texts.iter().position(|t| t.len() > 20_000).unwrap_or(0);
        let half = texts[damaged].len() / 2;
        let at = texts[damaged][half..]
            .find("\ntitle = \"")
            .map_or(half, |i| half + i + 10);
        texts[damaged].insert(at, '"');
        texts.push("title = \"not a table\"\n[[axis]]\nid = \"a\"\ntitle = \"A\"\n".into());
        assert!(texts.len() > 5 && pieces(&texts[damaged], 600).is_some_and(|p| p.len() > 10));

        let given: Vec<(FileId, LedgerText<'_>)> = (texts.iter().enumerate())
            .map(|(i, t)| {
                (
                    FileId(u32::try_from(i).unwrap_or(u32::MAX)),
                    LedgerText::Owned(t.clone()),
                )
            })
            .collect();
        let together = read_all(given, 600, 1800);
        let alone = each_whole(&texts);
        assert_eq!(together.len(), alone.len());
        let mut records = 0;
        for (i, ((parts, mut found), (whole, mut expected))) in
            together.into_iter().zip(alone).enumerate()
        {
            crate::workspace::sort(&mut found);
            crate::workspace::sort(&mut expected);
            assert_eq!(found, expected, "file {i}");
            // The damage is found, and reported as a whole parse reports it.
            assert_eq!(
                i == damaged || i + 1 == texts.len(),
                !found.is_empty(),
                "file {i}"
            );
            assert!(parts.records == whole.records, "file {i}");
            assert!(parts.unread == whole.unread, "file {i}");
            assert!(parts.sources == whole.sources, "file {i}");
            assert!(parts.entities == whole.entities, "file {i}");
            assert!(parts.axes == whole.axes, "file {i}");
            records += parts.records.len();
        }
        assert!(records > 300, "{records} records");
    }
}
