//! What the charts share: how coordinates are written, the colours of the headline and of
//! each reading, and the legend that names them.

use crate::claim::Claim;
use crate::render::html::escape::text;

/// The headline's colour: 8.7:1 against white.
pub(super) const HEADLINE: &str = "#1f4e79";

/// The readings' colours, in claim order, repeating after the last: 4.3:1, 3.4:1 and 4.1:1
/// against white, above the 3:1 that graphics need beside text.
const READINGS: [&str; 3] = ["#8c6bb1", "#6b8fb3", "#2e8b7a"];

/// The colour of the reading at `index`.
pub(super) fn reading(index: usize) -> &'static str {
    READINGS[index % READINGS.len()]
}

/// A coordinate, to a tenth: enough for a chart, and the same bytes on every machine.
pub(super) fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// The legend, one line each from `top`: a swatch and a name for the headline and each
/// reading; ends with the `y` below it.
pub(super) fn legend(out: &mut String, claim: &Claim, top: f64, headline: &str) -> f64 {
    let mut y = top;
    let mut item = |colour: &str, name: &str| {
        out.push_str(&format!(
            "<rect x=\"0\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{colour}\"/><text class=\"s\" x=\"20\" y=\"{}\">{}</text>\n",
            n(y - 9.0),
            n(y),
            text(name)
        ));
        y += 16.0;
    };
    item(HEADLINE, headline);
    for (i, r) in claim.readings.iter().enumerate() {
        item(reading(i), &format!("reading “{}”", r.id));
    }
    y
}

/// `text` broken into lines of at most `width` units at spaces, where a character from
/// outside ASCII counts two (an SVG `<text>` does not wrap); a word longer than a line is
/// broken where it reaches the end.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let units = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let joined = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if units(&joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if units(&line) + units(c.encode_utf8(&mut [0; 4])) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_at_spaces_and_wide_characters_count_twice() {
        assert_eq!(
            wrap("Laws, plans and budgets", 12),
            ["Laws, plans", "and budgets"]
        );
        assert_eq!(wrap("short", 12), ["short"]);
        assert_eq!(wrap("", 12), [""]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("日本のAI開発", 6), ["日本の", "AI開発"]);
        assert_eq!(wrap("日本のAI開発", 5), ["日本", "のAI", "開発"]);
    }
}
