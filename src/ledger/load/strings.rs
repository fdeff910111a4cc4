//! The strings layer: every string of a table, at any depth, is free of hostile characters
//! (`K0211`, see [`crate::hostile`]), and every string that is an id, where an id is defined
//! or named, is in the id grammar (`K0210`, see [`crate::ledger::id`]). Both are judged on
//! the TOML values before they are typed, so that each problem points at its own string, and
//! a table left out for another problem still has its strings judged.
//!
//! Which strings are ids is known by their key: the same keys name the same things in every
//! table of the ledger and of claims.

use toml::Spanned;
use toml::de::DeValue;

use super::excerpt::truncate;
use super::fields::{Step, Subject, path_text};
use crate::diagnostic::{Code, Diagnostic};
use crate::hostile;
use crate::ledger::id;
use crate::source_file::Origin;

/// What a key's string values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An id, defined or named.
    Id,
    /// Prose that may run over several lines: tabs and line breaks are allowed.
    Lines,
    /// One line of text: a title, a name, a URL, a model.
    Line,
}

/// The role of the strings under `key`.
fn role(key: &str) -> Role {
    match key {
        // A table's own id, and the entities, sources, axes, records and metrics it names.
        "id" | "entity" | "country" | "partners" | "funder" | "investor" | "relative_to"
        | "subject" | "peers" | "sources" | "axes" | "axis" | "restates" | "part_of" | "record"
        | "metric" => Role::Id,
        "note" | "description" => Role::Lines,
        _ => Role::Line,
    }
}

/// Judges every string of `table` and of the tables in it. `parts` names the arrays of
/// tables in it whose elements are subjects of their own in messages (a claim's `reading`,
/// `axis` and `criterion`), with their noun and header.
pub(crate) fn strings(
    origin: Origin,
    subject: &Subject,
    table: &Spanned<DeValue<'_>>,
    parts: &[(&str, &'static str, &'static str)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut walk = Walk {
        origin,
        parts,
        diagnostics,
    };
    walk.value(subject, &mut Vec::new(), table);
}

/// One step into a TOML value, borrowed from it: the path is built for every value, and
/// written out (as [`Step`]s) only for a problem.
#[derive(Debug, Clone, Copy)]
enum At<'k> {
    Key(&'k str),
    Index(usize),
}

/// `comparators[0].entity`: a path for messages.
fn place(path: &[At<'_>]) -> String {
    let steps: Vec<Step> = (path.iter())
        .map(|at| match *at {
            At::Key(key) => Step::Key(key.to_owned()),
            At::Index(i) => Step::Index(i),
        })
        .collect();
    path_text(&steps)
}

struct Walk<'w> {
    origin: Origin,
    parts: &'w [(&'w str, &'static str, &'static str)],
    diagnostics: &'w mut Vec<Diagnostic>,
}

impl Walk<'_> {
    fn value<'v>(
        &mut self,
        subject: &Subject,
        path: &mut Vec<At<'v>>,
        value: &'v Spanned<DeValue<'_>>,
    ) {
        match value.get_ref() {
            DeValue::String(text) => self.string(subject, path, text, value),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(At::Index(i));
                    self.value(subject, path, item);
                    path.pop();
                }
            }
            DeValue::Table(table) => {
                // An element of `[[reading]]` or `[[axis.criterion]]` is named by its own id.
                let part = match path.as_slice() {
                    [.., At::Key(key), At::Index(_)] => {
                        self.parts.iter().find(|(name, _, _)| name == key)
                    }
                    _ => None,
                };
                let own_subject;
                let mut own_path = Vec::new();
                let (subject, path) = match part {
                    Some(&(_, noun, header)) => {
                        own_subject = Subject::of(noun, header, subject.docs, value.get_ref());
                        (&own_subject, &mut own_path)
                    }
                    None => (subject, path),
                };
                for (key, item) in table.iter() {
                    path.push(At::Key(key.get_ref()));
                    self.value(subject, path, item);
                    path.pop();
                }
            }
            DeValue::Integer(_)
            | DeValue::Float(_)
            | DeValue::Boolean(_)
            | DeValue::Datetime(_) => {}
        }
    }

    fn string(
        &mut self,
        subject: &Subject,
        path: &[At<'_>],
        text: &str,
        value: &Spanned<DeValue<'_>>,
    ) {
        let key = path
            .iter()
            .rev()
            .find_map(|s| match *s {
                At::Key(k) => Some(k),
                At::Index(_) => None,
            })
            .unwrap_or_default();
        let role = role(key);
        let at = self.origin.span(value.span());
        if let Some((_, c)) = hostile::first(text, role == Role::Lines) {
            let place = place(path);
            let help = match role {
                Role::Lines if matches!(c, '\r' | '\u{2028}' | '\u{2029}') => {
                    "end lines with a line feed; remove every other control or direction character"
                        .to_owned()
                }
                Role::Lines => {
                    "remove it; prose may hold tabs and line breaks, nothing else of the kind"
                        .to_owned()
                }
                Role::Line if matches!(c, '\t' | '\n' | '\r') => format!(
                    "`{key}` is one line of text; only `note` and `description` may hold tabs and line breaks"
                ),
                Role::Line | Role::Id => {
                    "remove it: it could rewrite a terminal or reorder the text around it"
                        .to_owned()
                }
            };
            self.diagnostics.push(
                Diagnostic::new(
                    Code::HostileCharacter,
                    at,
                    format!(
                        "{subject}: `{place}` holds the character {}",
                        hostile::describe(c)
                    ),
                )
                .with_help(help),
            );
            return;
        }
        if role != Role::Id {
            return;
        }
        if let Some(problem) = id::problem(text) {
            let place = place(path);
            let message = match (key, path) {
                ("id", [_]) if text.is_empty() => format!("{} id is empty", subject.noun),
                ("id", [_]) => format!(
                    "{} id `{}` is not valid: {problem}",
                    subject.noun,
                    truncate(text, 60)
                ),
                _ if text.is_empty() => format!("{subject}: `{place}` is empty, not an id"),
                _ => format!(
                    "{subject}: `{place}` names `{}`, which is not a valid id: {problem}",
                    truncate(text, 60)
                ),
            };
            self.diagnostics
                .push(Diagnostic::new(Code::BadId, at, message).with_help(id::HELP));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{METRIC, load, messages};
    use super::*;

    #[test]
    fn hostile_characters_are_refused_in_every_string_where_they_are() {
        let text = METRIC
            .replace(
                "title = \"t\"",
                "title = \"t\\u001b[31m\"\nnote = \"\"\"one\n\ttwo\"\"\"",
            )
            .replace("metric = \"x\"", "metric = \"x\"\nrestates = \"m\\u202Eo\"");
        let (parts, mut diagnostics) = load(&text);
        crate::workspace::sort(&mut diagnostics);
        assert_eq!(parts.records.len(), 1, "the record is still read");
        assert_eq!(
            messages(&diagnostics),
            vec![
                (
                    Code::HostileCharacter,
                    "metric `m`: `title` holds the character U+001B (escape)"
                ),
                (
                    Code::HostileCharacter,
                    "metric `m`: `restates` holds the character U+202E (right-to-left override)"
                ),
            ]
        );
        let span = diagnostics[0].span.map(|s| s.start()..s.end());
        assert_eq!(span.map(|r| &text[r]), Some("\"t\\u001b[31m\""));
    }

    #[test]
    fn line_breaks_and_tabs_belong_to_prose_only() {
        let text = METRIC.replace(
            "title = \"t\"",
            "title = \"a\\tb\"\nnote = \"a\\r\\nb\\tc\"",
        );
        let (_, diagnostics) = load(&text);
        assert_eq!(
            messages(&diagnostics),
            vec![(
                Code::HostileCharacter,
                "metric `m`: `title` holds the character U+0009 (tab)"
            )]
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some(
                "`title` is one line of text; only `note` and `description` may hold tabs and line breaks"
            )
        );
        let (_, diagnostics) =
            load(&METRIC.replace("title = \"t\"", "title = \"t\"\nnote = \"a\\rb\""));
        assert_eq!(
            diagnostics.len(),
            1,
            "a lone carriage return: {diagnostics:?}"
        );
    }

    #[test]
    fn ids_are_judged_where_they_are_defined_and_named() {
        let text = METRIC
            .replace("id = \"m\"", "id = \"-m\"")
            .replace("entity = \"JP\"", "entity = \"Ｊ\"")
            .replace("sources = [\"s\"]", "sources = [\"s\", \"../x\", \"\"]")
            .replace("metric = \"x\"", "metric = \"gpu share\"");
        let (parts, mut diagnostics) = load(&text);
        crate::workspace::sort(&mut diagnostics);
        assert_eq!(parts.records.len(), 1, "the record is still read");
        assert_eq!(
            messages(&diagnostics),
            vec![
                (
                    Code::BadId,
                    "metric id `-m` is not valid: it starts with `-`, not a letter or a digit"
                ),
                (
                    Code::BadId,
                    "metric `-m`: `entity` names `Ｊ`, which is not a valid id: it holds `Ｊ` (U+FF2A), which is not an ASCII letter, a digit, `.`, `_` or `-`"
                ),
                (
                    Code::BadId,
                    "metric `-m`: `sources[1]` names `../x`, which is not a valid id: it holds `/` (U+002F), which is not an ASCII letter, a digit, `.`, `_` or `-`"
                ),
                (Code::BadId, "metric `-m`: `sources[2]` is empty, not an id"),
                (
                    Code::BadId,
                    "metric `-m`: `metric` names `gpu share`, which is not a valid id: it holds a space"
                ),
            ]
        );
        assert!(
            diagnostics
                .iter()
                .all(|d| d.help.as_deref().is_some_and(|h| h.contains("1 to 64")))
        );
    }

    #[test]
    fn ids_of_entities_and_axes_are_judged_too() {
        let text = "[[entity]]\nid = \"JP\"\nname = \"Japan\"\nkind = \"country\"\n\n\
                    [[entity]]\nid = \"Sony AI\"\nname = \"Sony AI\"\nkind = \"company\"\ncountry = \"JP \"\n\n\
                    [[axis]]\nid = \"policy/2\"\ntitle = \"Policy\"\n";
        let (parts, mut diagnostics) = load(text);
        crate::workspace::sort(&mut diagnostics);
        assert_eq!(parts.entities.len(), 2);
        assert_eq!(
            messages(&diagnostics),
            vec![
                (
                    Code::BadId,
                    "entity id `Sony AI` is not valid: it holds a space"
                ),
                (
                    Code::BadId,
                    "entity `Sony AI`: `country` names `JP `, which is not a valid id: it holds a space"
                ),
                (
                    Code::BadId,
                    "axis id `policy/2` is not valid: it holds `/` (U+002F), which is not an ASCII letter, a digit, `.`, `_` or `-`"
                ),
            ]
        );
    }
}
