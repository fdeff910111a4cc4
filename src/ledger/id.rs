//! The one grammar of ids: what every id of the ledger and of claims looks like, where it is
//! defined (a record, source, entity, axis, claim, reading, criterion, a metric's name) and
//! where it is named (`sources`, `entity`, `partners`, `restates`, a claim's `subject`,
//! `peers`, a criterion's `record`...).
//!
//! An id is 1 to [`MAX_LEN`] ASCII characters: letters, digits, `.`, `_` and `-`, starting
//! with a letter or a digit. Nothing else: no space, no `/`, no letter from outside ASCII
//! that looks like one inside it, no leading `-` that a command line would read as an
//! option. By convention ids are lowercase words (`budget-ai-fy2026`, `gpu_share`) and
//! countries go by their ISO 3166-1 codes (`JP`, `US`), which other ids may take up
//! (`wide-JP`); case is not folded, so `JP` and `jp` are two ids.

use std::collections::HashMap;
use std::fmt;

use crate::diagnostic::{Code, Diagnostic};
use crate::source_file::Span;

/// The longest id, in characters.
pub const MAX_LEN: usize = 64;

/// Why a text is not an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    /// It is empty.
    Empty,
    /// It is longer than [`MAX_LEN`] characters (the length is given).
    TooLong(usize),
    /// It starts with a character an id may hold but not start with (`-`, `.`, `_`).
    Start(char),
    /// A character no id may hold.
    Character(char),
}

/// What is wrong with `id` as an id; `None` when it is one.
pub fn problem(id: &str) -> Option<IdProblem> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let Some(first) = id.chars().next() else {
        return Some(IdProblem::Empty);
    };
    if let Some(bad) = id.chars().find(|&c| !allowed(c)) {
        return Some(IdProblem::Character(bad));
    }
    if !first.is_ascii_alphanumeric() {
        return Some(IdProblem::Start(first));
    }
    // Every character is ASCII by now, so bytes count characters.
    if id.len() > MAX_LEN {
        return Some(IdProblem::TooLong(id.len()));
    }
    None
}

/// Whether `id` is an id.
pub fn is_id(id: &str) -> bool {
    problem(id).is_none()
}

/// The help line that says what an id looks like.
pub const HELP: &str = "an id is 1 to 64 ASCII letters, digits, `.`, `_` and `-`, starting with a letter or a digit, such as `budget-ai-fy2026` or `JP`";

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            IdProblem::Empty => write!(f, "it is empty"),
            IdProblem::TooLong(n) => write!(f, "it is {n} characters long, more than {MAX_LEN}"),
            IdProblem::Start(c) => write!(f, "it starts with `{c}`, not a letter or a digit"),
            IdProblem::Character(' ') => write!(f, "it holds a space"),
            IdProblem::Character(c) => write!(
                f,
                "it holds `{c}` (U+{:04X}), which is not an ASCII letter, a digit, `.`, `_` or `-`",
                u32::from(c)
            ),
        }
    }
}

/// Reports each id of `items` seen before, pointing at its first place too: for the ledger's
/// ids, claims' ids, and the ids within one claim.
pub(crate) fn repeated<'a>(
    what: &str,
    items: impl Iterator<Item = (&'a str, Span)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, Span> = HashMap::new();
    for (id, span) in items {
        match first.get(id) {
            Some(&earlier) => out.push(repeat(what, id, span, earlier)),
            None => {
                first.insert(id, span);
            }
        }
    }
}

/// The diagnostic for `id` defined again at `span`, first at `earlier`.
pub(crate) fn repeat(what: &str, id: &str, span: Span, earlier: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateId,
        span,
        format!("duplicate {what} id `{id}`"),
    )
    .with_label(earlier, "first defined here")
    .with_help(format!("give each {what} its own id, or delete the repeat"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_ascii_words() {
        for id in [
            "budget-ai-fy2026",
            "gpu_share",
            "a",
            "0",
            "v1.2",
            "plamo-2.2",
            "x-",
            "JP",
            "wide-JP",
        ] {
            assert_eq!(problem(id), None, "{id}");
        }
        assert_eq!(problem(&"a".repeat(MAX_LEN)), None);
    }

    #[test]
    fn everything_else_is_refused_with_its_reason() {
        let cases: [(&str, IdProblem); 11] = [
            ("", IdProblem::Empty),
            ("a b", IdProblem::Character(' ')),
            ("../x", IdProblem::Character('/')),
            ("-x", IdProblem::Start('-')),
            (".x", IdProblem::Start('.')),
            ("_x", IdProblem::Start('_')),
            ("Ａ", IdProblem::Character('Ａ')),
            ("x\u{1b}[31m", IdProblem::Character('\u{1b}')),
            ("é", IdProblem::Character('é')),
            ("a\"b", IdProblem::Character('"')),
            ("a\u{202e}b", IdProblem::Character('\u{202e}')),
        ];
        for (id, expected) in cases {
            assert_eq!(problem(id), Some(expected), "{id:?}");
        }
        assert_eq!(
            problem(&"a".repeat(MAX_LEN + 1)),
            Some(IdProblem::TooLong(MAX_LEN + 1))
        );
        assert_eq!(
            IdProblem::Character('Ａ').to_string(),
            "it holds `Ａ` (U+FF21), which is not an ASCII letter, a digit, `.`, `_` or `-`"
        );
    }
}
