//! Footnote numbers: sources numbered by first appearance, walking axes, then criteria,
//! then the records each criterion used, then each record's sources.

use std::collections::HashMap;

use crate::render::Verdict;

/// The numbering of the sources a verdict cites.
#[derive(Debug, Default)]
pub struct Footnotes {
    order: Vec<String>,
    number: HashMap<String, usize>,
}

impl Footnotes {
    /// Numbers every source the verdict's criteria used.
    pub fn new(verdict: &Verdict<'_>) -> Footnotes {
        Footnotes::from_ids(
            verdict
                .evaluation
                .criteria
                .iter()
                .filter_map(|result| result.outcome.as_ref().ok())
                .flat_map(|measured| &measured.records)
                .flat_map(|&record| verdict.ledger.records[record].sources()),
        )
    }

    /// Numbers source ids in the order given, each the first time it appears.
    pub fn from_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> Footnotes {
        let mut notes = Footnotes::default();
        for id in ids {
            notes.add(id);
        }
        notes
    }

    /// The numbers of `sources`, ascending, without repeats.
    pub fn of<S: AsRef<str>>(&self, sources: impl IntoIterator<Item = S>) -> Vec<usize> {
        let mut numbers: Vec<usize> = sources
            .into_iter()
            .filter_map(|s| self.number.get(s.as_ref()).copied())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    fn add(&mut self, source: &str) -> usize {
        if let Some(&n) = self.number.get(source) {
            return n;
        }
        self.order.push(source.to_owned());
        let n = self.order.len();
        self.number.insert(source.to_owned(), n);
        n
    }

    /// The numbers of the sources behind `records`, ascending, without repeats.
    pub fn of_records(&self, verdict: &Verdict<'_>, records: &[usize]) -> Vec<usize> {
        self.of(records
            .iter()
            .flat_map(|&r| verdict.ledger.records[r].sources()))
    }

    /// Source ids in footnote order, numbered from 1.
    pub fn sources(&self) -> impl Iterator<Item = (usize, &str)> {
        self.order
            .iter()
            .enumerate()
            .map(|(i, s)| (i + 1, s.as_str()))
    }

    /// `[1][3]` markers for a list of numbers.
    pub fn markers(numbers: &[usize]) -> String {
        numbers.iter().map(|n| format!("[{n}]")).collect()
    }
}
