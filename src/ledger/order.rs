//! The canonical order of records. [`crate::ledger::Ledger`] keeps its records in this order,
//! so that everything that walks them — counts, sums, pivotal records, footnote numbers, the
//! records `explain`, `list` and `diff` show — comes out the same whatever the ledger's files
//! are called, however its records are split among them, and in whatever order they are
//! written.

use std::cmp::Ordering;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::ledger::{Record, RecordKind, When};

/// What the canonical order compares, in order; see [`Record::canonical_cmp`]. While sorting,
/// a record's rank in order of id and place stands in for the last two.
type Key = (NaiveDate, When, RecordKind, u32);

impl Record {
    /// Compares two records in the canonical order:
    ///
    /// 1. the known date ([`crate::ledger::When::known_date`]), earliest first;
    /// 2. how the record is dated, for records known on the same day: a date, then a period
    ///    (an open start first, then by its first bound), then a fiscal year;
    /// 3. the kind, in documentation order ([`crate::ledger::RecordKind::ALL`]);
    /// 4. the id.
    ///
    /// Only records with the same id — an error the `duplicate_ids` check reports — fall
    /// through to their place in the files, so that the order is total.
    pub fn canonical_cmp(&self, other: &Record) -> Ordering {
        fn key(r: &Record) -> (NaiveDate, When, RecordKind, &str, crate::source_file::Span) {
            (
                r.when.known_date(),
                r.when,
                r.kind(),
                r.id(),
                r.place.table(),
            )
        }
        key(self).cmp(&key(other))
    }
}

/// Puts records, given in file order, in the canonical order, and returns where each went:
/// the `k`th record in file order is now at the `k`th position returned. `by_id` holds the
/// records' positions in order of id, then of place, which is how the
/// canonical order ends: a record's rank there stands in for its id and place, so that the
/// sort compares small keys of its own rather than going through the records' pointers to
/// their ids (at a million records, the sort that did took twice as long).
pub(super) fn sort(records: &mut Vec<Arc<Record>>, by_id: &[u32]) -> Vec<u32> {
    let mut rank = vec![0; records.len()];
    for (k, &i) in by_id.iter().enumerate() {
        if let Some(r) = rank.get_mut(i as usize) {
            *r = k as u32;
        }
    }
    let mut keyed: Vec<(Key, u32)> = (records.iter().zip(rank))
        .enumerate()
        .map(|(i, (r, rank))| ((r.when.known_date(), r.when, r.kind(), rank), i as u32))
        .collect();
    // Ranks are distinct, so no two keys are equal and the order is the one there is.
    let mut file_order = vec![0; records.len()];
    let mut sorted = Vec::with_capacity(records.len());
    // Each record is moved to its place, not shared and then let go: that would write to
    // every record's count twice, the first time in an order that jumps about memory.
    let mut unplaced: Vec<Option<Arc<Record>>> =
        std::mem::take(records).into_iter().map(Some).collect();
    for &(_, i) in crate::parallel::sort_unstable_by(&mut keyed, Ord::cmp) {
        if let (Some(record), Some(position)) = (
            unplaced.get_mut(i as usize).and_then(Option::take),
            file_order.get_mut(i as usize),
        ) {
            *position = sorted.len() as u32;
            sorted.push(record);
        }
    }
    *records = sorted;
    file_order
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::ledger::Ledger;
    use crate::source_file::{FileId, Span};
    use crate::workspace::{Tree, TreeFile, Workspace};

    /// A ledger read from `files`, each a name and its text.
    fn ledger(files: &[(&str, &str)]) -> Ledger {
        let tree = Tree {
            ledger: (files.iter())
                .map(|(name, text)| TreeFile {
                    path: name.into(),
                    bytes: text.as_bytes().to_vec(),
                    on_disk: None,
                })
                .collect(),
            claims: Vec::new(),
        };
        Workspace::read(tree).ledger
    }

    fn event(id: &str, when: &str) -> String {
        format!(
            "[[event]]\nid = \"{id}\"\n{when}\nentity = \"JP\"\nsources = [\"s\"]\ntype = \"law\"\ntitle = \"t\"\n\n"
        )
    }

    fn metric(id: &str, when: &str) -> String {
        format!(
            "[[metric]]\nid = \"{id}\"\n{when}\nentity = \"JP\"\nsources = [\"s\"]\ntitle = \"t\"\nmetric = \"m\"\nvalue = {{ value = 1, unit = \"count\" }}\n\n"
        )
    }

    #[test]
    fn records_are_ordered_by_known_date_dating_kind_and_id_whatever_the_files() {
        let records = [
            metric("a-metric", "period = \"2024\""),
            event("z-day", "date = 2024-12-31"),
            event("a-year", "period = \"2024\""),
            event("open", "period = \"../2024-12\""),
            event("early", "date = 2020-01-01"),
            event("fiscal", "fiscal_year = 2024"),
            event("a-day", "date = 2024-12-31"),
        ];
        let expected = [
            "early", "fiscal", "a-day", "z-day", "open", "a-year", "a-metric",
        ];
        let ids = |ledger: &Ledger| -> Vec<String> {
            ledger.records.iter().map(|r| r.id().to_string()).collect()
        };
        assert_eq!(ids(&ledger(&[("a.toml", &records.concat())])), expected);
        let reversed: String = records.iter().rev().map(String::as_str).collect();
        assert_eq!(ids(&ledger(&[("b.toml", &reversed)])), expected);
        let (first, second) = records.split_at(3);
        let split = [
            ("z.toml", first.concat()),
            ("a.toml", String::new()),
            ("m.toml", second.concat()),
        ];
        let split: Vec<(&str, &str)> = split.iter().map(|(n, t)| (*n, t.as_str())).collect();
        assert_eq!(ids(&ledger(&split)), expected);
    }

    #[test]
    fn the_ledger_sorts_as_canonical_cmp_compares() {
        // Ids that share their first sixteen bytes and more, on the same days, repeated
        // ids, and a generated ledger's many records a day.
        let shared = "a-shared-prefix-of-more-than-sixteen-bytes";
        let mut text = String::new();
        for i in (0..40).rev() {
            let day = format!("date = 2024-01-0{}", 1 + i % 3);
            text.push_str(&event(&format!("{shared}-{}", i % 17), &day));
            text.push_str(&event(&format!("{}", i % 7), &day));
        }
        let written = ledger(&[("b.toml", &text), ("a.toml", &text)]);
        let generated =
            Workspace::read(crate::synthetic::tree(&crate::synthetic::generate(3000, 3))).ledger;
        for ledger in [written, generated] {
            for pair in ledger.records.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                assert!(a.canonical_cmp(b).is_lt(), "{} then {}", a.id(), b.id());
            }
            // Each id is found, and at the first of its places in the files.
            for r in ledger.records_in_file_order() {
                let found = ledger.record(r.id()).map(|f| f.place.table());
                assert!(found.is_some_and(|f| f <= r.place.table()), "{}", r.id());
            }
            // In order of id, then of place in the files, every record once.
            let by_id: Vec<(&str, Span)> = (ledger.records_by_id())
                .map(|r| (r.id(), r.place.table()))
                .collect();
            assert_eq!(by_id.len(), ledger.records.len());
            assert!(by_id.windows(2).all(|pair| pair[0] < pair[1]));
        }
    }

    #[test]
    fn file_order_is_the_order_of_the_files_whatever_the_canonical_order() {
        let first = [
            event("late", "date = 2025-01-01"),
            event("early", "date = 2020-01-01"),
        ]
        .concat();
        let second = [
            event("middle", "date = 2022-01-01"),
            event("earliest", "date = 2019-01-01"),
        ]
        .concat();
        let ledger = ledger(&[("a.toml", &first), ("b.toml", &second)]);
        let ids = |records: Vec<&std::sync::Arc<crate::ledger::Record>>| -> Vec<String> {
            records.into_iter().map(|r| r.id().to_string()).collect()
        };
        assert_eq!(
            ids(ledger.records.iter().collect()),
            ["earliest", "early", "middle", "late"]
        );
        assert_eq!(
            ids(ledger.records_in_file_order().collect()),
            ["late", "early", "middle", "earliest"]
        );
        // Back to the loader's lists, and indexed again, even from records out of order:
        // the same ledger.
        let mut parts = ledger.into_parts();
        parts.records.reverse();
        let again = Ledger::new(parts);
        assert_eq!(
            ids(again.records_in_file_order().collect()),
            ["late", "early", "middle", "earliest"]
        );
        assert_eq!(
            ids(again.records.iter().collect()),
            ["earliest", "early", "middle", "late"]
        );
    }

    #[test]
    fn repeated_ids_fall_back_on_their_places() {
        let first = [
            event("same", "date = 2025-01-01"),
            event("same", "date = 2024-01-01"),
        ]
        .concat();
        let second = event("same", "date = 2024-01-01");
        let ledger = ledger(&[("a.toml", &first), ("b.toml", &second)]);
        let places: Vec<(FileId, String)> = (ledger.records.iter())
            .map(|r| (r.place.file(), r.when.to_string()))
            .collect();
        assert_eq!(
            places,
            [
                (FileId(0), "2024-01-01".to_owned()),
                (FileId(1), "2024-01-01".to_owned()),
                (FileId(0), "2025-01-01".to_owned()),
            ]
        );
        // Lookups find the first in file order, where `duplicate_ids` says it is defined.
        let found = ledger.record("same").map(|r| r.when.to_string());
        assert_eq!(found.as_deref(), Some("2025-01-01"));
    }

    #[test]
    fn checks_that_name_the_first_of_two_records_mean_the_first_in_the_files() {
        // Each pair is written against the canonical order: the later date, or the larger
        // id, comes first in the files.
        let value = |id: &str, n: u32| {
            metric(id, "period = \"2024\"").replace("value = 1,", &format!("value = {n},"))
        };
        let first = [event("twice", "date = 2025-01-01"), value("z-value", 1)].concat();
        let second = [event("twice", "date = 2024-01-01"), value("a-value", 2)].concat();
        let tree = Tree {
            ledger: [("a.toml", first), ("b.toml", second)]
                .into_iter()
                .map(|(name, text)| TreeFile {
                    path: name.into(),
                    bytes: text.into_bytes(),
                    on_disk: None,
                })
                .collect(),
            claims: Vec::new(),
        };
        let workspace = Workspace::load(tree);
        let at = |code: Code| {
            let d = workspace.diagnostics.iter().find(|d| d.code == code);
            let place = |span: Option<Span>| span.map(|s| (s.file, s.start()));
            d.map(|d| (place(d.span), place(d.labels.first().map(|l| l.span))))
        };
        let (file_a, file_b) = (FileId(0), FileId(1));
        let ids = |file: FileId, id: &str| {
            let text = workspace.files.get(file).map_or("", |f| f.text());
            text.find(&format!("\"{id}\"")).map(|at| (file, at))
        };
        // Reported at the repeat in `b.toml`, with the definition in `a.toml` labelled.
        assert_eq!(
            at(Code::DuplicateId),
            Some((ids(file_b, "twice"), ids(file_a, "twice")))
        );
        // Reported at the value in `b.toml`, which disagrees with the one before it.
        let conflict = at(Code::ConflictingValues);
        let value_at = |file: FileId| {
            let text = workspace.files.get(file).map_or("", |f| f.text());
            text.find("{ value = ").map(|at| (file, at))
        };
        assert_eq!(conflict, Some((value_at(file_b), value_at(file_a))));
    }
}
