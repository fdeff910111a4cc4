//! Wrapping prose lines to a width, at spaces only: an id, a number with its unit glued by a
//! no-break space, or a URL is never split, since a reader copies them whole. A word longer
//! than the width stays whole on a line of its own, the one case where a line is wider.

use unicode_width::UnicodeWidthStr;

/// `text` after `first` (a label or a marker, kept as given), wrapped at spaces to `width`
/// columns; the lines after the first start with `indent` spaces. Ends with a newline.
///
/// Columns are counted as a terminal shows them: a CJK character takes two.
pub(crate) fn hanging(first: &str, indent: usize, text: &str, width: u16) -> String {
    let width = usize::from(width);
    // A line that fits is kept byte for byte, runs of spaces and all.
    if first.width() + text.width() <= width {
        return format!("{first}{text}\n");
    }
    let mut out = String::from(first);
    let mut column = first.width();
    // A label of spaces only holds no word: the first word stays on its line whatever its
    // width. After a label with words, the first word wraps like any other.
    let mut line_empty = first.trim().is_empty();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = word.width();
        if !line_empty && column + 1 + w > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
            line_empty = true;
        }
        if !line_empty && !out.ends_with(' ') {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += w;
        line_empty = false;
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::hanging;

    #[test]
    fn a_short_line_stays_one_line() {
        assert_eq!(
            hanging("Label      ", 11, "a b c", 80),
            "Label      a b c\n"
        );
    }

    #[test]
    fn long_text_wraps_at_spaces_under_the_text() {
        let text = "one two three four five six";
        let out = hanging("L  ", 3, text, 14);
        assert_eq!(out, "L  one two\n   three four\n   five six\n");
        assert!(out.lines().all(|l| l.chars().count() <= 14));
    }

    #[test]
    fn a_word_longer_than_the_width_is_never_split() {
        let out = hanging("", 4, "see https://example.org/a/very/long/path now", 20);
        assert_eq!(
            out,
            "see\n    https://example.org/a/very/long/path\n    now\n"
        );
    }

    #[test]
    fn a_label_wider_than_the_width_puts_the_text_under_it() {
        let out = hanging("  `a-very-long-identifier` ", 4, "some title", 20);
        assert_eq!(out, "  `a-very-long-identifier` \n    some title\n");
    }

    #[test]
    fn wide_characters_count_two_columns() {
        // Four CJK characters are eight columns: with the label, the second word must wrap.
        let out = hanging("ab ", 3, "日本日本 日本日本", 12);
        assert_eq!(out, "ab 日本日本\n   日本日本\n");
    }
}
