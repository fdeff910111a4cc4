//! Footnote numbers for a diff: sources numbered by first appearance, walking the claims,
//! the criteria that moved and the records that moved them, then the ledger changes.

use std::collections::BTreeMap;

use crate::diff::Diff;
use crate::ledger::Source;

/// The numbering of the sources a diff cites.
#[derive(Debug, Default)]
pub struct DiffFootnotes {
    order: Vec<String>,
    number: BTreeMap<String, usize>,
}

impl DiffFootnotes {
    /// Numbers every source behind the records that moved a criterion, then behind every
    /// ledger change.
    pub fn new(diff: &Diff<'_>) -> DiffFootnotes {
        let mut notes = DiffFootnotes::default();
        let causes = diff
            .claims
            .iter()
            .flat_map(|c| &c.criteria)
            .flat_map(|m| m.moved_by.records.iter().chain(&m.moved_by.entities));
        for cause in causes {
            for source in &cause.sources {
                notes.add(source);
            }
        }
        for item in &diff.ledger {
            for source in &item.sources {
                notes.add(source);
            }
        }
        notes
    }

    fn add(&mut self, source: &str) {
        if !self.number.contains_key(source) {
            self.order.push(source.to_owned());
            self.number.insert(source.to_owned(), self.order.len());
        }
    }

    /// The numbers of `sources`, ascending, without repeats.
    pub fn of(&self, sources: &[String]) -> Vec<usize> {
        let mut numbers: Vec<usize> = sources
            .iter()
            .filter_map(|s| self.number.get(s).copied())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    /// The sources in footnote order, numbered from 1; a source neither revision declares
    /// is left out.
    pub fn sources<'a>(&self, diff: &Diff<'a>) -> Vec<(usize, &'a Source)> {
        self.order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| diff.source(id).map(|s| (i + 1, s)))
            .collect()
    }
}
