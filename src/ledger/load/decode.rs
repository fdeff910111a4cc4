//! The bytes layer: file bytes to text, whether or not they are UTF-8.

use crate::diagnostic::{Code, Diagnostic};
use crate::source_file::{FileId, Span};

/// Turns raw file bytes into text, reporting bytes that are not UTF-8 and files with nothing
/// but blank lines and comments. The text is decoded lossily either way so that excerpts can
/// still be shown and the rest of the file still checked; the flag says whether it was UTF-8.
pub(crate) fn decode(
    file: FileId,
    bytes: Vec<u8>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, bool) {
    // Valid UTF-8 becomes the text without a copy; a ledger can be large.
    let (text, utf8) = match String::from_utf8(bytes) {
        Ok(text) => (text, true),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let byte = bytes.get(at).copied().unwrap_or_default();
            // The lossy text holds U+FFFD (three bytes) where the bad bytes were.
            let replacement = char::REPLACEMENT_CHARACTER.len_utf8();
            diagnostics.push(
                Diagnostic::new(
                    Code::NotUtf8,
                    Span::new(file, at..at + replacement),
                    format!("file is not valid UTF-8: byte `0x{byte:02x}` cannot be read"),
                )
                .with_help(
                    "save the file as UTF-8; until then it is checked with such bytes replaced by `\u{FFFD}`",
                ),
            );
            (String::from_utf8_lossy(&bytes).into_owned(), false)
        }
    };
    let blank = |line: &str| line.trim_start_matches('\u{FEFF}').trim().is_empty();
    let empty = if text.lines().all(blank) {
        Some("file is empty")
    } else if text
        .lines()
        .all(|line| blank(line) || line.trim_start().starts_with('#'))
    {
        Some("file has only comments")
    } else {
        None
    };
    if let Some(message) = empty {
        diagnostics.push(
            Diagnostic::new(Code::EmptyFile, Span::new(file, 0..0), message)
                .with_help("nothing in it is read; fill it in, or delete it"),
        );
    }
    (text, utf8)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::codes;
    use super::*;

    #[test]
    fn non_utf8_bytes_are_located_in_the_decoded_text() {
        let mut diagnostics = Vec::new();
        let (text, utf8) = decode(FileId(0), b"a = \"\xff\"\n".to_vec(), &mut diagnostics);
        assert!(!utf8);
        let span = diagnostics[0].span.unwrap_or(Span::new(FileId(0), 0..0));
        assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
        assert_eq!(&text[span.start()..span.end()], "\u{FFFD}");
    }

    #[test]
    fn comment_only_files_are_empty() {
        let mut diagnostics = Vec::new();
        decode(FileId(0), b"# nothing yet\n\n".to_vec(), &mut diagnostics);
        assert_eq!(codes(&diagnostics), vec![(Code::EmptyFile, 0)]);
        assert_eq!(diagnostics[0].message, "file has only comments");
    }
}
