//! Characters that must never reach a terminal or a page as they are, and how they are shown
//! instead.
//!
//! A ledger is written by many hands, some of them strangers' pull requests. A control
//! character in a title can move a reviewer's cursor, recolour or retitle their terminal or
//! hide the lines around it; a character that reverses the direction of text can make a
//! reference read as another id. The loader refuses them in every string of the ledger and of
//! claims (`K0211`), and every text output kensho prints shows any that reach it (a file
//! with errors is still quoted by its diagnostics) as a visible escape such as `\u{1b}`.

use std::borrow::Cow;

/// Whether `c` is hostile: a C0 control character (tab and line feed included), DEL, a C1
/// control character, a bidirectional formatting character (the embeddings, overrides and
/// isolates U+202A–U+202E and U+2066–U+2069, and the marks U+200E, U+200F and U+061C), or a
/// line or paragraph separator (U+2028, U+2029), which ends a line without looking like it.
pub fn is_hostile(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` is a hostile character that multi-line text may still hold: a tab or a line
/// feed. (A carriage return is allowed only before a line feed; see [`first`].)
fn is_line_break_or_tab(c: char) -> bool {
    matches!(c, '\t' | '\n')
}

/// The first hostile character of `text` and its byte offset. With `lines`, the tabs, line
/// feeds and carriage returns before a line feed that multi-line text holds are allowed.
pub fn first(text: &str, lines: bool) -> Option<(usize, char)> {
    // Most text is plain ASCII; only its bytes below a space and DEL can be hostile there.
    if text.bytes().all(|b| (b' '..0x7f).contains(&b)) {
        return None;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !is_hostile(c) {
            continue;
        }
        let allowed = lines
            && (is_line_break_or_tab(c)
                || (c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n')));
        if !allowed {
            return Some((at, c));
        }
    }
    None
}

/// How a hostile character is named in a message: `U+001B (escape)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\t' => "tab",
        '\n' => "line feed",
        '\r' => "carriage return",
        '\u{0}' => "null",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        '\u{9b}' => "control sequence introducer",
        '\u{61c}' => "Arabic letter mark",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        _ => "control character",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

/// `text` with every hostile character written visibly, as Rust writes it in a string:
/// `\u{1b}`, `\u{202e}`, and `\n`, `\r`, `\t` for line breaks and tabs. For one-line output:
/// a title, a cell, a message. Text without hostile characters comes back as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, |_, _| true)
}

/// [`escape`] for multi-line output (a note, an excerpt of a file): tabs, line feeds and
/// carriage returns before a line feed stay as they are.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c, next| match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        _ => true,
    })
}

/// `text` with the hostile characters for which `escaped(c, next character)` holds
/// written visibly.
fn escape_where(text: &str, escaped: impl Fn(char, Option<char>) -> bool) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut out: Option<String> = None;
    let mut at = 0;
    while let Some(c) = chars.next() {
        let hostile = is_hostile(c) && escaped(c, chars.peek().copied());
        match (&mut out, hostile) {
            (None, false) => {}
            (None, true) => {
                let mut owned = String::with_capacity(text.len() + 8);
                owned.push_str(&text[..at]);
                owned.extend(c.escape_default());
                out = Some(owned);
            }
            (Some(owned), false) => owned.push(c),
            (Some(owned), true) => owned.extend(c.escape_default()),
        }
        at += c.len_utf8();
    }
    match out {
        Some(owned) => Cow::Owned(owned),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bidi_and_separator_characters_are_hostile() {
        for c in [
            '\0', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{80}', '\u{9b}', '\u{9f}', '\u{61c}',
            '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}', '\u{2066}',
            '\u{2069}',
        ] {
            assert!(is_hostile(c), "{c:?}");
        }
        for c in [
            ' ', '~', 'a', 'é', '\u{a0}', '億', '\u{200d}', '\u{feff}', '\u{2070}',
        ] {
            assert!(!is_hostile(c), "{c:?}");
        }
    }

    #[test]
    fn escapes_are_visible_and_plain_text_is_untouched() {
        assert!(matches!(escape("日本 AI"), Cow::Borrowed("日本 AI")));
        assert_eq!(escape("x\u{1b}[31m"), "x\\u{1b}[31m");
        assert_eq!(escape("a\u{202e}b\nc\td"), "a\\u{202e}b\\nc\\td");
        assert_eq!(escape("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(escape_lines("a\r\nb\tc\rd"), "a\r\nb\tc\\rd");
        assert_eq!(escape_lines("末\u{2066}"), "末\\u{2066}");
        assert!(escape(&escape("\u{7}")).chars().all(|c| !is_hostile(c)));
    }

    #[test]
    fn the_first_hostile_character_is_found_where_it_is() {
        assert_eq!(first("plain", false), None);
        assert_eq!(first("a\tb", false), Some((1, '\t')));
        assert_eq!(first("a\tb\r\nc", true), None);
        assert_eq!(first("a\rb", true), Some((1, '\r')));
        assert_eq!(first("日本\u{202e}", true), Some((6, '\u{202e}')));
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe('\u{202e}'), "U+202E (right-to-left override)");
    }
}
