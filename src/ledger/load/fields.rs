//! The fields layer: one table deserialized into its typed form, with every problem serde
//! finds explained where it is and, where that is safe, read past.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::excerpt::truncate;
use super::syntax::toml_message;
use crate::diagnostic::{Code, Diagnostic, closest, quoted_list};
use crate::source_file::Origin;

/// The elements of a top-level `[[key]]` array, each a table; anything else is reported.
pub(crate) fn tables<'a>(
    origin: Origin,
    key: &str,
    value: Spanned<DeValue<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Spanned<DeValue<'a>>> {
    let span = origin.span(value.span());
    match value.into_inner() {
        DeValue::Array(items) => items
            .into_iter()
            .filter(|item| {
                let ok = item.get_ref().is_table();
                if !ok {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::BadField,
                            origin.span(item.span()),
                            format!("each `{key}` entry must be a table"),
                        )
                        .with_help(format!("write each entry as a `[[{key}]]` table")),
                    );
                }
                ok
            })
            .collect(),
        DeValue::Table(_) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadField,
                    span,
                    format!("`[{key}]` is a single table, not an entry of `[[{key}]]`"),
                )
                .with_help(format!(
                    "write the header with double brackets: `[[{key}]]`"
                )),
            );
            Vec::new()
        }
        _ => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadField,
                    span,
                    format!("`{key}` must be an array of tables"),
                )
                .with_help(format!("write each entry as a `[[{key}]]` table")),
            );
            Vec::new()
        }
    }
}

/// What a table is, for messages: `metric `budget-ai-fy2026``, or `a [[metric]] table` when
/// it has no readable id.
#[derive(Debug, Clone)]
pub(crate) struct Subject {
    /// The kind of table, e.g. `metric` or `criterion`.
    pub noun: &'static str,
    /// How it is written, e.g. `[[metric]]` or `[[axis.criterion]]`; for a table that is a
    /// whole file, what the file is, e.g. `a claim`.
    pub header: &'static str,
    /// Its `id`; `None` when it has none or it is not a string.
    pub id: Option<String>,
    /// The document that lists its keys.
    pub docs: &'static str,
}

impl Subject {
    /// A subject named by the `id` in `table`, if there is one.
    pub(crate) fn of(
        noun: &'static str,
        header: &'static str,
        docs: &'static str,
        table: &DeValue<'_>,
    ) -> Subject {
        let id = table
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .map(|s| truncate(s, 60));
        Subject {
            noun,
            header,
            id,
            docs,
        }
    }
}

impl Subject {
    /// How help lines name the kind of table: `` `[[metric]]` ``, or `a claim` for a whole
    /// file.
    pub(crate) fn what(&self) -> String {
        if self.header.starts_with('[') {
            format!("`{}`", self.header)
        } else {
            self.header.to_owned()
        }
    }
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{} `{id}`", self.noun),
            None if self.header.starts_with('[') => write!(f, "`{}` table", self.header),
            None => write!(f, "{}", self.noun),
        }
    }
}

/// One step into a TOML value: a key or an array position.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

/// `comparators[0].score`: a path for messages.
pub(super) fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Where an error span falls in a value: the path to the value (or key) at that span, and
/// whether the span is the key itself.
fn locate(
    value: &Spanned<DeValue<'_>>,
    span: &std::ops::Range<usize>,
) -> Option<(Vec<Step>, bool)> {
    if value.span() == *span {
        return Some((Vec::new(), false));
    }
    match value.get_ref() {
        DeValue::Table(table) => table.iter().find_map(|(k, v)| {
            let key = Step::Key(k.get_ref().to_string());
            if k.span() == *span {
                return Some((vec![key], true));
            }
            let (mut path, is_key) = locate(v, span)?;
            path.insert(0, key);
            Some((path, is_key))
        }),
        DeValue::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            let (mut path, is_key) = locate(v, span)?;
            path.insert(0, Step::Index(i));
            Some((path, is_key))
        }),
        _ => None,
    }
}

fn value_at<'v, 'a>(
    value: &'v Spanned<DeValue<'a>>,
    path: &[Step],
) -> Option<&'v Spanned<DeValue<'a>>> {
    let Some((step, rest)) = path.split_first() else {
        return Some(value);
    };
    let next = match (step, value.get_ref()) {
        (Step::Key(k), DeValue::Table(t)) => t.get(k.as_str())?,
        (Step::Index(i), DeValue::Array(a)) => a.get(*i)?,
        _ => return None,
    };
    value_at(next, rest)
}

/// Removes the key at `path`, or renames it to `rename` when that is given and not taken
/// already; false when there is no such key.
fn remove_at(value: &mut Spanned<DeValue<'_>>, path: &[Step], rename: Option<&str>) -> bool {
    match path {
        [] => false,
        [Step::Key(k)] => match value.get_mut() {
            DeValue::Table(t) => {
                let Some((key, v)) = t.remove_entry(k.as_str()) else {
                    return false;
                };
                if let Some(name) = rename.filter(|name| !t.contains_key(*name)) {
                    t.insert(Spanned::new(key.span(), Cow::Owned(name.to_owned())), v);
                }
                true
            }
            _ => false,
        },
        [step, rest @ ..] => {
            let next = match (step, value.get_mut()) {
                (Step::Key(k), DeValue::Table(t)) => t.get_mut(k.as_str()),
                (Step::Index(i), DeValue::Array(a)) => a.get_mut(*i),
                _ => None,
            };
            next.is_some_and(|v| remove_at(v, rest, rename))
        }
    }
}

/// What serde said was wrong, in a form kensho can explain.
#[derive(Debug, PartialEq)]
enum Problem {
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    MissingField {
        field: String,
    },
    WrongType {
        expected: String,
        found: Option<String>,
    },
    UnknownVariant {
        value: String,
        expected: Vec<String>,
    },
    Other(String),
}

/// The words between backticks in `text`.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn classify(message: &str) -> Problem {
    let first_word = |rest: &str| rest.split('`').next().unwrap_or("").to_owned();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = first_word(rest);
        let after = rest.get(field.len() + 1..).unwrap_or("");
        return Problem::UnknownField {
            field,
            expected: backticked(after),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        return Problem::MissingField {
            field: first_word(rest),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = first_word(rest);
        let after = rest.get(value.len() + 1..).unwrap_or("");
        return Problem::UnknownVariant {
            value,
            expected: backticked(after),
        };
    }
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            let found = (prefix == "invalid value: ")
                .then(|| backticked(found).into_iter().next())
                .flatten();
            return Problem::WrongType {
                expected: plain_expected(expected),
                found,
            };
        }
    }
    if message == "wanted string or table" {
        return Problem::WrongType {
            expected: "a string".to_owned(),
            found: None,
        };
    }
    if message.starts_with("data did not match any variant of untagged enum") {
        return Problem::WrongType {
            expected: "a number or a fraction such as `\"1/30\"`".to_owned(),
            found: None,
        };
    }
    Problem::Other(message.to_owned())
}

/// Serde's name for a type, in the words of a TOML file.
fn plain_expected(expected: &str) -> String {
    match expected {
        "a sequence" => "an array".to_owned(),
        "a map" => "a table".to_owned(),
        "a TOML datetime" => "a date".to_owned(),
        "a borrowed string" | "a string" => "a string".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        other if other.starts_with("struct ") => "a table".to_owned(),
        other => other.to_owned(),
    }
}

/// "a string", "an integer": what a value is, as a TOML author would say it.
fn kind_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number with a fraction",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The value as TOML text, for a help line that rewrites it; `None` for arrays and tables.
pub(super) fn toml_text(value: &DeValue<'_>) -> Option<String> {
    match value {
        DeValue::String(s) => Some(truncate(s, 40)),
        DeValue::Integer(i) if i.radix() == 10 => Some(i.as_str().to_owned()),
        DeValue::Float(f) => Some(f.as_str().to_owned()),
        DeValue::Boolean(b) => Some(b.to_string()),
        DeValue::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

/// The noun for a key that takes one of a fixed set of words.
fn choice_noun(key: &str, subject: &Subject) -> String {
    match key {
        "unit" => "unit".to_owned(),
        "type" | "types" => "event type".to_owned(),
        "kind" => format!("{} kind", subject.noun),
        "kinds" => "record kind".to_owned(),
        "stage" | "stages" => "stage".to_owned(),
        "artifact_kind" => "artifact kind".to_owned(),
        "domain" => "domain".to_owned(),
        "basis" => "basis".to_owned(),
        "measure" => "measure".to_owned(),
        "scale" => "scale".to_owned(),
        other => format!("`{other}` value"),
    }
}

/// Whether an unknown unit looks like money, so that the help can say which money is known.
fn looks_like_money(unit: &str) -> bool {
    (unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase()))
        || unit.contains(['円', '$', '€', '£', '¥', '元'])
        || unit.contains("ドル")
}

/// Deserializes one table into `T`. Problems become located diagnostics: every unknown key
/// is reported and ignored (or, when it is a near miss of a key the table lacks, read as that
/// key: `titel` as `title`); a wrong type is reported and the table left out (`None`), after
/// the table's other keys have been looked at too; every missing key is reported, and the
/// table left out.
pub(crate) fn typed<'a, T: Deserialize<'a>>(
    origin: Origin,
    subject: &Subject,
    table: Spanned<DeValue<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    typed_or_back(origin, subject, table, diagnostics).ok()
}

/// [`typed`], handing the table back when it is left out, for what can still be read of it
/// (a value of the wrong type in it may have been replaced by a stand-in).
pub(super) fn typed_or_back<'a, T: Deserialize<'a>>(
    origin: Origin,
    subject: &Subject,
    mut table: Spanned<DeValue<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<T, Spanned<DeValue<'a>>> {
    let whole = table.span();
    let mut usable = true;
    // A missing key is reported, then given a stand-in so that serde goes on to the next
    // missing key: all of them are reported at once. Stand-ins have places no real value
    // has, so that what serde then says of them is known to be about them; it is not
    // reported, only used to give them the type serde wants. Each stand-in's path.
    let mut stand_ins: Vec<Vec<Step>> = Vec::new();
    let stand_in_span = |n: usize| {
        let at = usize::MAX / 2 + n;
        at..at
    };
    let give_back = |mut table: Spanned<DeValue<'a>>, stand_ins: &[Vec<Step>]| {
        for path in stand_ins.iter().rev() {
            remove_at(&mut table, path, None);
        }
        table
    };
    // Each round removes, replaces or adds a value, so a table with n values and m missing
    // keys takes a few rounds per key; the bound only guards against a value that keeps
    // failing.
    for _ in 0..256 {
        let error = match T::deserialize(table.clone().into_deserializer()) {
            Ok(value) if usable => return Ok(value),
            Ok(_) => return Err(give_back(table, &stand_ins)),
            Err(e) => e,
        };
        let span = error.span().unwrap_or(whole.start..whole.start);
        let (path, _) = locate(&table, &span).unwrap_or_default();
        let problem = classify(&toml_message(&error));
        if stand_ins.iter().any(|s| path.starts_with(s)) {
            if !fit_stand_in(
                &mut table,
                &path,
                &problem,
                span,
                &mut stand_ins,
                stand_in_span,
            ) {
                return Err(give_back(table, &stand_ins));
            }
            continue;
        }
        let found = value_at(&table, &path).map(|v| v.get_ref());
        diagnostics.push(explain(
            origin,
            subject,
            &problem,
            &path,
            found,
            span.clone(),
        ));
        match &problem {
            // An unknown key is dropped and the table still used; a near miss of a key the
            // table lacks is read as that key, so that its absence is not reported too.
            Problem::UnknownField { field, expected } => {
                let near = closest(field, expected.iter().map(String::as_str));
                if !remove_at(&mut table, &path, near) {
                    return Err(give_back(table, &stand_ins));
                }
            }
            // A wrong value is replaced by one of the right type so that the next round
            // finds the next problem; the table itself is left out.
            // A near miss of a known word is read as that word, as a key is.
            Problem::UnknownVariant { value, expected }
                if near_choice(&path, value, expected).is_some() =>
            {
                let word = near_choice(&path, value, expected).unwrap_or_default();
                let word = DeValue::String(Cow::Owned(word.to_owned()));
                if !replace_at(&mut table, &path, Spanned::new(span, word)) {
                    return Err(give_back(table, &stand_ins));
                }
            }
            Problem::WrongType { .. } | Problem::UnknownVariant { .. } => {
                usable = false;
                let replaced = placeholder(&problem)
                    .is_some_and(|p| replace_at(&mut table, &path, Spanned::new(span, p)));
                if !replaced {
                    return Err(give_back(table, &stand_ins));
                }
            }
            Problem::MissingField { field } => {
                usable = false;
                let mut key = path.clone();
                key.push(Step::Key(field.clone()));
                let value = Spanned::new(
                    stand_in_span(stand_ins.len()),
                    DeValue::String(Cow::Borrowed("")),
                );
                if !insert_at(&mut table, &key, value) {
                    return Err(give_back(table, &stand_ins));
                }
                stand_ins.push(key);
            }
            Problem::Other(_) => return Err(give_back(table, &stand_ins)),
        }
    }
    Err(give_back(table, &stand_ins))
}

/// Gives the stand-in at or around `path` what serde asked for: a value of the type it
/// wants, a word it takes, or a stand-in for a key missing inside it. False when it cannot.
fn fit_stand_in<'a>(
    table: &mut Spanned<DeValue<'a>>,
    path: &[Step],
    problem: &Problem,
    span: std::ops::Range<usize>,
    stand_ins: &mut Vec<Vec<Step>>,
    stand_in_span: impl Fn(usize) -> std::ops::Range<usize>,
) -> bool {
    let value = match problem {
        Problem::WrongType { expected, .. } if expected == "a table" => {
            DeValue::Table(DeTable::new())
        }
        // Anything else serde wants of a stand-in that is not a table is a value such as a
        // quantity's, which a number satisfies.
        Problem::WrongType { .. } | Problem::UnknownVariant { .. } => {
            match placeholder(problem).or_else(|| DeValue::parse("0").ok().map(Spanned::into_inner))
            {
                Some(value) => value,
                None => return false,
            }
        }
        Problem::MissingField { field } => {
            let mut key = path.to_vec();
            key.push(Step::Key(field.clone()));
            let value = Spanned::new(
                stand_in_span(stand_ins.len()),
                DeValue::String(Cow::Borrowed("")),
            );
            if !insert_at(table, &key, value) {
                return false;
            }
            stand_ins.push(key);
            return true;
        }
        Problem::UnknownField { .. } | Problem::Other(_) => return false,
    };
    replace_at(table, path, Spanned::new(span, value))
}

/// Adds the key at the end of `path` to the table the rest of `path` leads to; false when
/// there is no such table or the key is there already.
fn insert_at<'a>(
    table: &mut Spanned<DeValue<'a>>,
    path: &[Step],
    value: Spanned<DeValue<'a>>,
) -> bool {
    let Some((Step::Key(key), parent)) = path.split_last() else {
        return false;
    };
    let mut target = table;
    for step in parent {
        let next = match (step, target.get_mut()) {
            (Step::Key(k), DeValue::Table(t)) => t.get_mut(k.as_str()),
            (Step::Index(i), DeValue::Array(a)) => a.get_mut(*i),
            _ => None,
        };
        match next {
            Some(next) => target = next,
            None => return false,
        }
    }
    match target.get_mut() {
        DeValue::Table(t) if !t.contains_key(key.as_str()) => {
            let at = value.span();
            t.insert(Spanned::new(at, Cow::Owned(key.clone())), value);
            true
        }
        _ => false,
    }
}

/// The known word `value` most likely stands for: one a typo away, or for a unit, a common
/// way of writing it (`percent` for `%`).
fn near_choice<'e>(path: &[Step], value: &str, expected: &'e [String]) -> Option<&'e str> {
    let words = || expected.iter().map(String::as_str);
    if let Some(near) = closest(value, words()) {
        return Some(near);
    }
    if !matches!(path.last(), Some(Step::Key(k)) if k == "unit") {
        return None;
    }
    let unit = match value.trim().to_lowercase().as_str() {
        "percent" | "per cent" | "percentage" | "pct" | "％" => "%",
        "yen" | "円" | "jp¥" | "¥" => "JPY",
        "dollar" | "dollars" | "us$" | "$" | "us dollars" => "USD",
        "billion usd" | "usd billion" | "bn usd" | "$bn" | "us$ bn" | "usd bln" => "USD bn",
        "億" | "億 円" => "億円",
        "兆" | "兆 円" => "兆円",
        _ => return None,
    };
    words().find(|w| *w == unit)
}

/// A value of the type a problem asked for, to stand in for a wrong one.
fn placeholder(problem: &Problem) -> Option<DeValue<'static>> {
    let parsed = |text: &'static str| DeValue::parse(text).ok().map(Spanned::into_inner);
    match problem {
        Problem::WrongType { expected, .. } => match expected.as_str() {
            "a string" => Some(DeValue::String(Cow::Borrowed(""))),
            "an array" => Some(DeValue::Array(DeArray::new())),
            "`true` or `false`" => Some(DeValue::Boolean(false)),
            "a whole number" | "a whole number, 0 or more" => parsed("0"),
            "a number" => parsed("0.0"),
            "a date" => parsed("2000-01-01"),
            _ => None,
        },
        Problem::UnknownVariant { expected, .. } => expected
            .first()
            .map(|word| DeValue::String(Cow::Owned(word.clone()))),
        _ => None,
    }
}

/// Puts `value` at `path`; false when there is nothing there to replace.
fn replace_at<'a>(
    table: &mut Spanned<DeValue<'a>>,
    path: &[Step],
    value: Spanned<DeValue<'a>>,
) -> bool {
    let Some((step, rest)) = path.split_first() else {
        return false;
    };
    let next = match (step, table.get_mut()) {
        (Step::Key(k), DeValue::Table(t)) => t.get_mut(k.as_str()),
        (Step::Index(i), DeValue::Array(a)) => a.get_mut(*i),
        _ => None,
    };
    match next {
        Some(slot) if rest.is_empty() => {
            *slot = value;
            true
        }
        Some(slot) => replace_at(slot, rest, value),
        None => false,
    }
}

/// The diagnostic for one serde problem at `path` in a table.
fn explain(
    origin: Origin,
    subject: &Subject,
    problem: &Problem,
    path: &[Step],
    found: Option<&DeValue<'_>>,
    span: std::ops::Range<usize>,
) -> Diagnostic {
    let at = origin.span(span);
    let key = path_text(path);
    let leaf = path
        .iter()
        .rev()
        .find_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .unwrap_or_default();
    let keys_of = |expected: &[String]| {
        format!(
            "{} takes {}",
            if path.len() > 1 {
                format!("`{}`", path_text(&path[..path.len() - 1]))
            } else {
                subject.what()
            },
            quoted_list(expected.iter().map(String::as_str))
        )
    };
    match problem {
        Problem::UnknownField { field, expected } => {
            let help = match closest(field, expected.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None if expected.is_empty() => format!("see {} for its keys", subject.docs),
                None => keys_of(expected),
            };
            let place = if path.len() > 1 {
                format!(" in `{}`", path_text(&path[..path.len() - 1]))
            } else {
                String::new()
            };
            Diagnostic::new(
                Code::UnknownField,
                at,
                format!("{subject}: unknown key `{field}`{place}"),
            )
            .with_help(help)
        }
        Problem::MissingField { field } => {
            let place = if key.is_empty() {
                String::new()
            } else {
                format!(" in `{key}`")
            };
            Diagnostic::new(
                Code::MissingField,
                at,
                format!("{subject}: missing key `{field}`{place}"),
            )
            .with_help(format!(
                "add `{field}`; see {} for what {} needs",
                subject.docs,
                subject.what()
            ))
        }
        Problem::WrongType {
            expected,
            found: literal,
        } => {
            let found_text = match (literal, found) {
                (Some(literal), _) => format!("`{literal}`"),
                (None, Some(value)) => kind_of(value).to_owned(),
                (None, None) => "something else".to_owned(),
            };
            let help = found
                .and_then(|value| rewrite(leaf, expected, value))
                .unwrap_or_else(|| {
                    format!("see {} for the keys of {}", subject.docs, subject.what())
                });
            Diagnostic::new(
                Code::WrongType,
                at,
                format!("{subject}: `{key}` must be {expected}, not {found_text}"),
            )
            .with_help(help)
        }
        Problem::UnknownVariant { value, expected } => {
            let noun = choice_noun(leaf, subject);
            let words = quoted_list(expected.iter().map(String::as_str));
            let mut help = match near_choice(path, value, expected) {
                Some(near) => format!("did you mean `{near}`? "),
                None => String::new(),
            };
            if leaf == "unit" {
                help.push_str(&format!("the units are {words}"));
                if looks_like_money(value) {
                    help.push_str("; money is recorded in yen or US dollars");
                }
            } else {
                help.push_str(&format!("use one of {words}"));
            }
            let code = if leaf == "unit" {
                Code::UnknownUnit
            } else {
                Code::UnknownValue
            };
            Diagnostic::new(
                code,
                at,
                format!("{subject}: unknown {noun} `{}`", truncate(value, 60)),
            )
            .with_help(help)
        }
        Problem::Other(message) => {
            let code = if leaf == "value" {
                Code::BadQuantity
            } else {
                Code::BadField
            };
            let prefix = if key.is_empty() {
                String::new()
            } else {
                format!("`{key}`: ")
            };
            Diagnostic::new(code, at, format!("{subject}: {prefix}{message}")).with_help(format!(
                "see {} for the keys of {}",
                subject.docs,
                subject.what()
            ))
        }
    }
}

/// A help line that rewrites a value of the wrong type into the right one, when that is
/// plain: a string into an array, a number into a string, a quoted date into a date.
fn rewrite(key: &str, expected: &str, found: &DeValue<'_>) -> Option<String> {
    let text = toml_text(found)?;
    match (expected, found) {
        ("an array", DeValue::String(_)) => Some(format!("write `{key} = [\"{text}\"]`")),
        ("an array", _) => Some(format!("write `{key} = [{text}]`")),
        ("a string", DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_)) => {
            Some(format!("put it in quotes: `{key} = \"{text}\"`"))
        }
        ("a date", DeValue::String(_)) => {
            Some(format!("write the date without quotes: `{key} = {text}`"))
        }
        ("a number" | "a whole number" | "a whole number, 0 or more", DeValue::String(_))
            if text.trim().parse::<f64>().is_ok() =>
        {
            Some(format!(
                "write the number without quotes: `{key} = {}`",
                text.trim()
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{METRIC, load, messages};
    use super::*;

    #[test]
    fn unknown_keys_are_reported_and_the_record_kept() {
        let text = METRIC.replace("title = \"t\"", "titel = \"t\"\ncolour = 1\ntitle = \"t\"");
        let (parts, diagnostics) = load(&text);
        assert_eq!(parts.records.len(), 1);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "metric `m`: unknown key `colour`",
                "metric `m`: unknown key `titel`"
            ]
        );
        assert_eq!(
            diagnostics[1].help.as_deref(),
            Some("did you mean `title`?")
        );
    }

    #[test]
    fn every_bad_key_of_a_record_is_reported() {
        let text = METRIC
            .replace("period = \"2024\"", "period = 2024")
            .replace("sources = [\"s\"]", "sources = \"s\"")
            .replace("title = \"t\"\n", "");
        let (parts, diagnostics) = load(&text);
        assert!(parts.records.is_empty());
        let found = messages(&diagnostics);
        assert_eq!(
            found,
            vec![
                (
                    Code::WrongType,
                    "metric `m`: `period` must be a string, not an integer"
                ),
                (
                    Code::WrongType,
                    "metric `m`: `sources` must be an array, not a string"
                ),
                (Code::MissingField, "metric `m`: missing key `title`"),
            ]
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("put it in quotes: `period = \"2024\"`")
        );
        assert_eq!(
            diagnostics[1].help.as_deref(),
            Some("write `sources = [\"s\"]`")
        );
    }

    #[test]
    fn unknown_units_list_the_known_ones() {
        let text = METRIC.replace("unit = \"%\"", "unit = \"EUR\"");
        let (_, diagnostics) = load(&text);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::UnknownUnit);
        assert_eq!(diagnostics[0].message, "metric `m`: unknown unit `EUR`");
        let help = diagnostics[0].help.clone().unwrap_or_default();
        assert!(
            help.starts_with("the units are `億円`, `兆円`, `JPY`"),
            "{help}"
        );
        assert!(
            help.ends_with("money is recorded in yen or US dollars"),
            "{help}"
        );
    }
}
