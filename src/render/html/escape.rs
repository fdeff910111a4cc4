//! Text from a ledger or a claim made safe for HTML. Every string that reaches a page goes
//! through one of these functions: hostile characters are shown visibly first (see
//! [`crate::hostile`]), then the five characters that could open markup, end an attribute or
//! stand for an entity are written as character references. The same text is then safe in
//! element content and in a quoted attribute value alike.

use crate::hostile;

/// One-line text for element content or a quoted attribute: a title, a cell, an id.
pub fn text(text: &str) -> String {
    references(&hostile::escape(text))
}

/// Multi-line text (a note): tabs and line feeds stay as they are, and the page's
/// `white-space` decides how they show.
pub fn lines(text: &str) -> String {
    references(&hostile::escape_lines(text))
}

/// A URL for an `href`, or `None` when it is not an `http://` or `https://` URL: any other
/// scheme (`javascript:`, `data:`) could act when followed, so it is shown only as text. The
/// loader refuses such URLs (K0204); a page does not rely on that.
pub fn url(url: &str) -> Option<String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| text(url))
}

fn references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_hostile_characters_become_text() {
        assert_eq!(
            text("</script><img src=x onerror=\"alert('1')\"> R&D"),
            "&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; R&amp;D"
        );
        assert_eq!(
            text("a\u{1b}[31m\u{202e}b\nc"),
            "a\\u{1b}[31m\\u{202e}b\\nc"
        );
        assert_eq!(lines("a\nb\t<c>\u{7}"), "a\nb\t&lt;c&gt;\\u{7}");
        assert_eq!(text("日本 AI"), "日本 AI");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            url("https://ex.com/?a=1&b=\"2\"").as_deref(),
            Some("https://ex.com/?a=1&amp;b=&quot;2&quot;")
        );
        assert_eq!(url("HTTP://ex.com/").as_deref(), Some("HTTP://ex.com/"));
        assert_eq!(url("javascript:alert(1)"), None);
        assert_eq!(url("data:text/html,<b>"), None);
        assert_eq!(url("http:"), None);
    }
}
