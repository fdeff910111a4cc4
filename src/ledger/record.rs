//! A record: one dated, sourced fact about one entity. The keys every kind shares live here;
//! each kind's own keys live in its own file, declared through [`record_kind!`].

use serde::Serialize;
use toml::Spanned;

use crate::ledger::{
    Benchmark, Budget, Deployment, Event, Investment, Metric, Quantity, Release, Target, When,
};
use crate::source_file::{FileId, Origin, Span};

/// The kinds of record, in the order the docs list them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    /// A law, plan, guideline, paper, partnership, launch, award...
    Event,
    /// A government budget line.
    Budget,
    /// Money invested in an entity.
    Investment,
    /// A country- or organisation-level indicator.
    Metric,
    /// A model's score on a test, with comparators.
    Benchmark,
    /// A published model, code base or data set.
    Release,
    /// A system put to work in the field.
    Deployment,
    /// A stated goal with a deadline.
    Target,
}

impl RecordKind {
    /// Every kind, in documentation order.
    pub const ALL: [RecordKind; 8] = [
        RecordKind::Event,
        RecordKind::Budget,
        RecordKind::Investment,
        RecordKind::Metric,
        RecordKind::Benchmark,
        RecordKind::Release,
        RecordKind::Deployment,
        RecordKind::Target,
    ];

    /// The TOML array name, e.g. `event` for `[[event]]`.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::Event => "event",
            RecordKind::Budget => "budget",
            RecordKind::Investment => "investment",
            RecordKind::Metric => "metric",
            RecordKind::Benchmark => "benchmark",
            RecordKind::Release => "release",
            RecordKind::Deployment => "deployment",
            RecordKind::Target => "target",
        }
    }

    /// The kind named by a TOML array key.
    pub fn from_key(key: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// What is particular to each kind of record. Each kind is boxed: kinds differ threefold in
/// size, and a large ledger would otherwise pay for the largest in every record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Body {
    /// See [`Event`].
    Event(Box<Event>),
    /// See [`Budget`].
    Budget(Box<Budget>),
    /// See [`Investment`].
    Investment(Box<Investment>),
    /// See [`Metric`].
    Metric(Box<Metric>),
    /// See [`Benchmark`].
    Benchmark(Box<Benchmark>),
    /// See [`Release`].
    Release(Box<Release>),
    /// See [`Deployment`].
    Deployment(Box<Deployment>),
    /// See [`Target`].
    Target(Box<Target>),
}

impl Body {
    /// The kind of this body.
    pub fn kind(&self) -> RecordKind {
        match self {
            Body::Event(_) => RecordKind::Event,
            Body::Budget(_) => RecordKind::Budget,
            Body::Investment(_) => RecordKind::Investment,
            Body::Metric(_) => RecordKind::Metric,
            Body::Benchmark(_) => RecordKind::Benchmark,
            Body::Release(_) => RecordKind::Release,
            Body::Deployment(_) => RecordKind::Deployment,
            Body::Target(_) => RecordKind::Target,
        }
    }

    /// The metric the record states a value of: a metric's or a budget's `metric`.
    pub fn metric(&self) -> Option<&Spanned<String>> {
        match self {
            Body::Metric(m) => Some(&m.metric),
            Body::Budget(b) => Some(&b.metric),
            Body::Event(_)
            | Body::Investment(_)
            | Body::Benchmark(_)
            | Body::Release(_)
            | Body::Deployment(_)
            | Body::Target(_) => None,
        }
    }

    /// The record this one stands in for, with the key that names it: the one a metric
    /// `restates`, or the whole a budget is `part_of`. Counted beside it, the fact would
    /// count twice.
    pub fn stands_in_for(&self) -> Option<(&'static str, &Spanned<String>)> {
        match self {
            Body::Metric(m) => m.restates.as_ref().map(|t| ("restates", t)),
            Body::Budget(b) => b.part_of.as_ref().map(|t| ("part_of", t)),
            Body::Event(_)
            | Body::Investment(_)
            | Body::Benchmark(_)
            | Body::Release(_)
            | Body::Deployment(_)
            | Body::Target(_) => None,
        }
    }

    /// The figure the record states, if its kind states one.
    pub fn figure(&self) -> Option<Quantity> {
        match self {
            Body::Budget(b) => Some(*b.amount.get_ref()),
            Body::Investment(i) => Some(i.amount),
            Body::Metric(m) => Some(*m.value.get_ref()),
            Body::Benchmark(b) => Some(b.score),
            Body::Target(t) => t.value,
            Body::Event(_) | Body::Release(_) | Body::Deployment(_) => None,
        }
    }
}

/// Where a record is in its file, for diagnostics. The file is named once, and each place
/// is a pair of offsets in it: a large ledger holds millions of places. The places of its
/// axes and sources are kept with them (see [`Record::axes_placed`]).
#[derive(Debug, Clone)]
pub struct RecordPlace {
    /// The file the record is in.
    file: FileId,
    /// The `[[kind]]` header that opens the table, then the `id`, the date (`date`, `period`
    /// or `fiscal_year`) and the `entity` values.
    own: [Offsets; 4],
    /// Where the piece of file the record was parsed from starts: the kind's own values keep
    /// TOML's `Spanned` places, which count from there (see [`RecordPlace::locate`]).
    offset: u32,
}

/// A byte range in the file of a [`RecordPlace`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Offsets {
    start: u32,
    end: u32,
}

impl Offsets {
    fn of(span: Span) -> Offsets {
        // A span's offsets are 32-bit already: files of 4 GiB or more are refused when read.
        Offsets {
            start: at(span.start()),
            end: at(span.end()),
        }
    }
}

/// An offset in a file or a string read from one as 32 bits: files of 4 GiB or more are
/// refused when read, so nothing is held at the limit but what cannot be read anyway.
fn at(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl RecordPlace {
    /// The places of a record parsed from the piece of file at `origin`: its table, `id`,
    /// date and `entity`.
    pub fn new(origin: Origin, table: Span, id: Span, when: Span, entity: Span) -> RecordPlace {
        RecordPlace {
            file: origin.file,
            own: [table, id, when, entity].map(Offsets::of),
            offset: at(origin.offset),
        }
    }

    fn span(&self, offsets: Offsets) -> Span {
        Span::new(self.file, offsets.start as usize..offsets.end as usize)
    }

    /// The `[[kind]]` header that opens the table.
    pub fn table(&self) -> Span {
        self.span(self.own[0])
    }

    /// The `id` value.
    pub fn id(&self) -> Span {
        self.span(self.own[1])
    }

    /// The `date`, `period` or `fiscal_year` value.
    pub fn when(&self) -> Span {
        self.span(self.own[2])
    }

    /// The `entity` value.
    pub fn entity(&self) -> Span {
        self.span(self.own[3])
    }

    /// The file the record is in.
    pub fn file(&self) -> FileId {
        self.file
    }

    /// The span in the file of one of the record's own values, such as a metric's
    /// `restates` or an event's `partners`.
    pub fn locate<T>(&self, value: &Spanned<T>) -> Span {
        Origin {
            file: self.file,
            offset: self.offset as usize,
        }
        .span(value.span())
    }
}

/// Places are equal when they are the same places in the file. Which piece of it the record
/// was parsed from is left out, as TOML leaves the places of the kind's own values out of
/// their equality.
impl PartialEq for RecordPlace {
    fn eq(&self, other: &RecordPlace) -> bool {
        (self.file, self.own) == (other.file, other.own)
    }
}

/// One `axes` or `sources` element of a record: where its id ends in the record's names, and
/// where it is written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reference {
    end: u32,
    place: Offsets,
}

/// One fact of the ledger. What a large ledger holds millions of is kept small: the id,
/// entity, axes and sources share one allocation, and so do the title, Japanese title and
/// note. A record with its shared count fits the allocator's 160-byte class.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The id, the entity, then each axis and each source, one after the other.
    names: Box<str>,
    /// Where the id ends in `names`, then where the entity does.
    name_ends: [u32; 2],
    /// Each axis, then each source: where it ends in `names`, and its place.
    references: Box<[Reference]>,
    /// How many of `references` are axes.
    axes: u32,
    /// The title, then the Japanese title, then the note.
    words: Box<str>,
    /// Where the title ends in `words`, then where the Japanese title does.
    word_ends: [u32; 2],
    /// Whether it has a Japanese title; it may be empty.
    has_title_ja: bool,
    /// Whether it has a note; it may be empty.
    has_note: bool,
    /// Only the entity's own unverified word backs it; it counts for less.
    pub self_reported: bool,
    /// When the fact holds.
    pub when: When,
    /// The kind's own fields.
    pub body: Body,
    /// Where it was written.
    pub place: RecordPlace,
}

impl Record {
    /// A record from its shared keys as read, its date, its kind's own fields and where it
    /// was written.
    pub(crate) fn new(header: RawHeader, when: When, body: Body, place: RecordPlace) -> Record {
        let cited = header.axes.iter().chain(&header.sources);
        let mut names = String::with_capacity(
            header.id.get_ref().len()
                + header.entity.get_ref().len()
                + cited.clone().map(|r| r.get_ref().len()).sum::<usize>(),
        );
        names.push_str(header.id.get_ref());
        let id_end = at(names.len());
        names.push_str(header.entity.get_ref());
        let name_ends = [id_end, at(names.len())];
        let axes = at(header.axes.len());
        let references = cited
            .map(|name| {
                names.push_str(name.get_ref());
                Reference {
                    end: at(names.len()),
                    place: Offsets::of(place.locate(name)),
                }
            })
            .collect();
        let (title_ja, note) = (header.title_ja.as_deref(), header.note.as_deref());
        let mut words = String::with_capacity(
            header.title.len() + title_ja.map_or(0, str::len) + note.map_or(0, str::len),
        );
        words.push_str(&header.title);
        let title_end = at(words.len());
        words.push_str(title_ja.unwrap_or_default());
        let title_ja_end = at(words.len());
        words.push_str(note.unwrap_or_default());
        Record {
            names: names.into_boxed_str(),
            name_ends,
            references,
            axes,
            words: words.into_boxed_str(),
            word_ends: [title_end, title_ja_end],
            has_title_ja: header.title_ja.is_some(),
            has_note: header.note.is_some(),
            self_reported: header.self_reported,
            when,
            body,
            place,
        }
    }

    /// The record's kind.
    pub fn kind(&self) -> RecordKind {
        self.body.kind()
    }

    /// Its id; `duplicate_ids` reports two records with the same one.
    pub fn id(&self) -> &str {
        between(&self.names, 0, self.name_ends[0])
    }

    /// The entity it is about.
    pub fn entity(&self) -> &str {
        between(&self.names, self.name_ends[0], self.name_ends[1])
    }

    /// The axes it bears on.
    pub fn axes(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        (0..self.axis_count()).map(|k| self.name(k))
    }

    /// The sources it rests on.
    pub fn sources(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        (self.axis_count()..self.references.len()).map(|k| self.name(k))
    }

    /// Each axis with where it is written.
    pub fn axes_placed(&self) -> impl Iterator<Item = (&str, Span)> {
        (0..self.axis_count()).map(|k| self.reference(k))
    }

    /// Each source with where it is written.
    pub fn sources_placed(&self) -> impl Iterator<Item = (&str, Span)> {
        (self.axis_count()..self.references.len()).map(|k| self.reference(k))
    }

    fn axis_count(&self) -> usize {
        (self.axes as usize).min(self.references.len())
    }

    /// The `k`th axis or source: it starts where the one before it ends, or the entity.
    fn name(&self, k: usize) -> &str {
        let start = match k.checked_sub(1) {
            Some(before) => self.references.get(before).map_or(0, |r| r.end),
            None => self.name_ends[1],
        };
        let end = self.references.get(k).map_or(start, |r| r.end);
        between(&self.names, start, end)
    }

    /// The `k`th axis or source, and its place.
    fn reference(&self, k: usize) -> (&str, Span) {
        let place = self
            .references
            .get(k)
            .map_or(self.place.table(), |r| self.place.span(r.place));
        (self.name(k), place)
    }

    /// Whether it bears on `axis`.
    pub fn has_axis(&self, axis: &str) -> bool {
        self.axes().any(|a| a == axis)
    }

    /// Whether it cites `source`.
    pub fn cites(&self, source: &str) -> bool {
        self.sources().any(|s| s == source)
    }

    /// Short title in the ledger author's words.
    pub fn title(&self) -> &str {
        between(&self.words, 0, self.word_ends[0])
    }

    /// Optional Japanese title; `None` when not given.
    pub fn title_ja(&self) -> Option<&str> {
        (self.has_title_ja).then(|| between(&self.words, self.word_ends[0], self.word_ends[1]))
    }

    /// Optional note; `None` when not given.
    pub fn note(&self) -> Option<&str> {
        (self.has_note).then(|| between(&self.words, self.word_ends[1], at(self.words.len())))
    }
}

/// The part of `text` from `start` to `end`.
fn between(text: &str, start: u32, end: u32) -> &str {
    text.get(start as usize..end as usize).unwrap_or_default()
}

/// A record left out for a problem already reported, as far as it could still be read: its
/// id and the sources it cites. Checks of the rest of the ledger count it, so that leaving it
/// out does not also make its sources look uncited, or references to it look dangling.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadRecord {
    /// Its id, when that could be read.
    pub id: Option<String>,
    /// The sources it cites, as far as they could be read.
    pub sources: Vec<String>,
    /// The whole `[[kind]]` table.
    pub table: Span,
}

/// The keys every record kind shares, as read from TOML before they are checked.
#[derive(Debug)]
pub(crate) struct RawHeader {
    pub id: Spanned<String>,
    pub date: Option<Spanned<toml::value::Datetime>>,
    pub period: Option<Spanned<String>>,
    pub fiscal_year: Option<Spanned<i64>>,
    pub entity: Spanned<String>,
    pub axes: Vec<Spanned<String>>,
    pub sources: Vec<Spanned<String>>,
    pub title: String,
    pub title_ja: Option<String>,
    pub note: Option<String>,
    pub self_reported: bool,
}

/// A record as TOML deserializes it, before its shared keys are checked.
pub(crate) trait RawRecord: serde::de::DeserializeOwned {
    /// The shared keys, and the kind's own body.
    fn split(self) -> (RawHeader, crate::ledger::Body);
}

/// Declares one record kind: its body struct with the given fields, and the raw struct that
/// TOML deserializes into (the shared keys plus the kind's own), with unknown keys refused.
/// The shared keys are written once here rather than in every kind.
macro_rules! record_kind {
    (
        $(#[$doc:meta])*
        $variant:ident, $body:ident, $raw:ident {
            $( $(#[$fattr:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
        pub struct $body {
            $( $(#[$fattr])* pub $field: $ty, )*
        }

        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $raw {
            #[schemars(with = "String")]
            id: toml::Spanned<String>,
            #[schemars(with = "Option<crate::schema::Date>")]
            date: Option<toml::Spanned<toml::value::Datetime>>,
            #[schemars(with = "Option<String>")]
            period: Option<toml::Spanned<String>>,
            #[schemars(with = "Option<i64>")]
            fiscal_year: Option<toml::Spanned<i64>>,
            #[schemars(with = "String")]
            entity: toml::Spanned<String>,
            #[serde(default)]
            #[schemars(with = "Vec<String>")]
            axes: Vec<toml::Spanned<String>>,
            #[schemars(with = "Vec<String>")]
            sources: Vec<toml::Spanned<String>>,
            title: String,
            title_ja: Option<String>,
            note: Option<String>,
            #[serde(default)]
            self_reported: bool,
            $( $(#[$fattr])* $field: $ty, )*
        }

        impl crate::ledger::record::RawRecord for $raw {
            fn split(self) -> (crate::ledger::record::RawHeader, crate::ledger::Body) {
                (
                    crate::ledger::record::RawHeader {
                        id: self.id,
                        date: self.date,
                        period: self.period,
                        fiscal_year: self.fiscal_year,
                        entity: self.entity,
                        axes: self.axes,
                        sources: self.sources,
                        title: self.title,
                        title_ja: self.title_ja,
                        note: self.note,
                        self_reported: self.self_reported,
                    },
                    crate::ledger::Body::$variant(Box::new($body { $( $field: self.$field, )* })),
                )
            }
        }
    };
}

pub(crate) use record_kind;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_with_its_shared_count_fits_160_bytes() {
        // The allocator rounds 161 bytes up to 192: a million records would pay 32 MB more.
        let counts = 2 * std::mem::size_of::<usize>();
        assert!(
            std::mem::size_of::<Record>() + counts <= 160,
            "{} bytes",
            std::mem::size_of::<Record>()
        );
    }
}
