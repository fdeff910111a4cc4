//! How a value from a file is quoted inside a one-line message: cut to a length, on one
//! line, and without the backquote that would end the quoting. Every part of the loader
//! quotes values this way, so it sits below them all.

/// The first `max` characters of `text` on one line, with `…` when it was cut.
pub(super) fn truncate(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    let head = head.replace(['\n', '\r', '`'], " ");
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
