//! A diagnostic is a value: a stable code, a severity, a message, where it happened and how
//! to fix it. Loading and checking collect them; only the renderers turn them into text.
//!
//! Every code is listed, with an example and a fix, in `docs/diagnostics.md`.

use crate::source_file::Span;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The ledger or claim cannot be graded until this is fixed.
    Error,
    /// Worth a look; grading goes on.
    Warning,
}

/// Every kind of finding kensho reports, each with a stable code (see `docs/diagnostics.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The file is not valid TOML.
    Syntax,
    /// The file is not UTF-8.
    NotUtf8,
    /// The file holds nothing but blank lines and comments.
    EmptyFile,
    /// A top-level key is not a known record kind.
    UnknownKind,
    /// Syntax only TOML 1.1 allows (a line break or a trailing comma in an inline table, the
    /// escapes `\e` and `\xHH`, a time without seconds): TOML 1.0 tools cannot read it.
    Toml11,
    /// A key is there but its value has the wrong shape for what it means: not an array of
    /// tables, a reference to a record of the wrong kind, a target without one deadline.
    BadField,
    /// A date that does not exist, or a malformed period or fiscal year.
    BadDate,
    /// A quantity whose value makes no sense for its unit, or is not a finite number in its
    /// dimension's base unit.
    BadQuantity,
    /// A URL that is not an absolute http(s) URL.
    BadUrl,
    /// A key the table does not take.
    UnknownField,
    /// A value of the wrong TOML type: a number where a string belongs, and so on.
    WrongType,
    /// A required key is missing.
    MissingField,
    /// A unit kensho does not know.
    UnknownUnit,
    /// A word outside the fixed set a key takes (an event type, a source kind, a measure).
    UnknownValue,
    /// An id, where it is defined or where it is named, that is not in the id grammar
    /// (`crate::ledger::id`).
    BadId,
    /// A string holding a control character, a character that changes the direction of
    /// text, or a line or paragraph separator (`crate::hostile`).
    HostileCharacter,
    /// Two records (or sources, entities, axes, claims) share an id.
    DuplicateId,
    /// A record cites a source id that is not in the ledger, or cites none.
    DanglingSource,
    /// A reference to an entity the ledger does not declare.
    UnknownEntity,
    /// A reference to an axis the ledger does not declare.
    UnknownAxis,
    /// A source no record cites.
    UnusedSource,
    /// Two records state different values for the same entity, metric and period.
    ConflictingValues,
    /// A reference to a record that does not exist.
    UnknownRecord,
    /// A record dated after a claim's as-of date.
    AfterAsOf,
    /// An `--as-of` date before the window of the claim it grades starts.
    AsOfBeforeWindow,
    /// A claim is malformed: no readings or axes, measure parameters that do not apply or
    /// are missing, a window that ends before it starts, a tolerance outside 0 to 1 or not
    /// finite.
    BadClaim,
    /// A claim refers to a metric no record states, and one that does is a likely typo.
    UnknownMetric,
    /// A claim refers to a metric no record states yet: its criterion has no evidence.
    MetricWithoutRecords,
    /// Goalposts that are equal, not finite, point the wrong way, are not positive on a log
    /// scale, or lie beyond the bounds that keep their arithmetic finite.
    BadGoalposts,
    /// A weight that is negative, not finite or above 1e6, or weights that are all zero.
    BadWeight,
    /// A reading sets goalposts for a criterion the claim does not have.
    UnknownCriterion,
    /// Several records compete for the one value a criterion reads and state different
    /// values; the criterion must select one.
    AmbiguousValue,
    /// A `sum` whose goalposts or threshold are plain numbers, so its currency is inferred.
    SumWithoutCurrency,
}

impl Code {
    /// Every code, in the order of `docs/diagnostics.md`.
    pub const ALL: [Code; 33] = [
        Code::Syntax,
        Code::NotUtf8,
        Code::EmptyFile,
        Code::UnknownKind,
        Code::Toml11,
        Code::BadField,
        Code::BadDate,
        Code::BadQuantity,
        Code::BadUrl,
        Code::UnknownField,
        Code::WrongType,
        Code::MissingField,
        Code::UnknownUnit,
        Code::UnknownValue,
        Code::BadId,
        Code::HostileCharacter,
        Code::DuplicateId,
        Code::DanglingSource,
        Code::UnknownEntity,
        Code::UnknownAxis,
        Code::UnusedSource,
        Code::ConflictingValues,
        Code::UnknownRecord,
        Code::AfterAsOf,
        Code::AsOfBeforeWindow,
        Code::BadClaim,
        Code::UnknownMetric,
        Code::BadGoalposts,
        Code::BadWeight,
        Code::UnknownCriterion,
        Code::MetricWithoutRecords,
        Code::AmbiguousValue,
        Code::SumWithoutCurrency,
    ];

    /// The stable code shown to users, e.g. `K0101`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "K0101",
            Code::NotUtf8 => "K0102",
            Code::EmptyFile => "K0103",
            Code::UnknownKind => "K0104",
            Code::Toml11 => "K0105",
            Code::BadField => "K0201",
            Code::BadDate => "K0202",
            Code::BadQuantity => "K0203",
            Code::BadUrl => "K0204",
            Code::UnknownField => "K0205",
            Code::WrongType => "K0206",
            Code::MissingField => "K0207",
            Code::UnknownUnit => "K0208",
            Code::UnknownValue => "K0209",
            Code::BadId => "K0210",
            Code::HostileCharacter => "K0211",
            Code::DuplicateId => "K0301",
            Code::DanglingSource => "K0302",
            Code::UnknownEntity => "K0303",
            Code::UnknownAxis => "K0304",
            Code::UnusedSource => "K0305",
            Code::ConflictingValues => "K0306",
            Code::UnknownRecord => "K0307",
            Code::AfterAsOf => "K0401",
            Code::AsOfBeforeWindow => "K0402",
            Code::BadClaim => "K0501",
            Code::UnknownMetric => "K0502",
            Code::BadGoalposts => "K0503",
            Code::BadWeight => "K0504",
            Code::UnknownCriterion => "K0505",
            Code::MetricWithoutRecords => "K0506",
            Code::AmbiguousValue => "K0507",
            Code::SumWithoutCurrency => "K0508",
        }
    }

    /// The severity this code always has.
    pub fn severity(self) -> Severity {
        match self {
            Code::EmptyFile
            | Code::UnusedSource
            | Code::AfterAsOf
            | Code::AsOfBeforeWindow
            | Code::MetricWithoutRecords
            | Code::SumWithoutCurrency => Severity::Warning,
            Code::Syntax
            | Code::NotUtf8
            | Code::UnknownKind
            | Code::Toml11
            | Code::BadField
            | Code::BadDate
            | Code::BadQuantity
            | Code::BadUrl
            | Code::UnknownField
            | Code::WrongType
            | Code::MissingField
            | Code::UnknownUnit
            | Code::UnknownValue
            | Code::BadId
            | Code::HostileCharacter
            | Code::DuplicateId
            | Code::DanglingSource
            | Code::UnknownEntity
            | Code::UnknownAxis
            | Code::ConflictingValues
            | Code::UnknownRecord
            | Code::BadClaim
            | Code::UnknownMetric
            | Code::BadGoalposts
            | Code::BadWeight
            | Code::UnknownCriterion
            | Code::AmbiguousValue => Severity::Error,
        }
    }
}

/// A secondary place that helps explain a diagnostic, e.g. the first definition of an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of finding.
    pub code: Code,
    /// What went wrong, lowercase, user values in backticks.
    pub message: String,
    /// Where it went wrong; `None` for problems of a whole folder.
    pub span: Option<Span>,
    /// Other places worth showing.
    pub labels: Vec<Label>,
    /// How to fix it; `None` when the message says it all.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `span`.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            span: Some(span),
            labels: Vec::new(),
            help: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// The severity, from the code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Whether any of `diagnostics` is an error.
    pub fn any_error(diagnostics: &[Diagnostic]) -> bool {
        diagnostics.iter().any(|d| d.severity() == Severity::Error)
    }
}

/// The known word closest to `word`, for a "did you mean" hint: the same word in another
/// case, or one within a small edit distance (a third of its length, at most 3). `None` when
/// nothing is close enough to be a likely typo.
pub fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    Nearest::new(known).find(word)
}

/// Known words sorted by length, then by their characters, so that a "did you mean" walks
/// the words of each length within reach as a tree of shared beginnings: the edit distance
/// is computed once per beginning, and a branch is left as soon as no word in it can come
/// within reach, counting the edits its length difference alone still requires; distances
/// are tried nearest first. A check that misses a hundred thousand references thus visits,
/// for each, about the words within reach of its nearest, not every known word, even when
/// thousands of them have the same length and beginning (`src-00001` to `src-09999`). Same
/// answer as comparing with every known word.
pub struct Nearest<'a> {
    /// Every known word's characters, lowercased, one word after another.
    chars: Vec<char>,
    /// Each known word: where its lowercased characters are in `chars`, and the word;
    /// sorted by the number of those characters, then by the characters, then by the word.
    words: Vec<(std::ops::Range<usize>, &'a str)>,
}

impl<'a> Nearest<'a> {
    /// Indexes `known`.
    pub fn new(known: impl IntoIterator<Item = &'a str>) -> Nearest<'a> {
        let mut chars = Vec::new();
        let mut words = Vec::new();
        for k in known {
            let start = chars.len();
            chars.extend(k.to_lowercase().chars());
            words.push((start..chars.len(), k));
        }
        words.sort_unstable_by(|(a, ka), (b, kb)| {
            (a.len().cmp(&b.len()))
                .then_with(|| chars[a.clone()].cmp(&chars[b.clone()]))
                .then(ka.cmp(kb))
        });
        Nearest { chars, words }
    }

    /// The known word closest to `word`, as [`closest`] defines it: the nearest by the
    /// optimal string alignment distance of their lowercased characters (a swap of two
    /// neighbours is one edit), within a third of the word's length and at most 3; of equals,
    /// the first by name; never `word` itself.
    pub fn find(&self, word: &str) -> Option<&'a str> {
        self.search(word).0
    }

    /// [`Nearest::find`]'s answer, and how many beginnings of known words it visited.
    fn search(&self, word: &str) -> (Option<&'a str>, usize) {
        let length = word.chars().count();
        // Ids are short; a long word is no typo of one, and comparing it would only cost time.
        if length > 100 {
            return (None, 0);
        }
        let query: Vec<char> = word.to_lowercase().chars().collect();
        let first: Vec<usize> = (0..=query.len()).collect();
        let limits = 0..=(length / 3).clamp(1, 3);
        // One row of distances per character of the longest word within reach, reused from
        // beginning to beginning.
        let mut rows = vec![0; (query.len() + limits.end() + 1) * first.len()];
        // Nearest first: a walk within distance 0, then 1, and so on, each far cheaper than
        // the next, so that a word with a near match never pays for the many words a little
        // farther away (among `src-00000` to `src-09999`, most are within 3 of any other).
        // The first walk to find anything finds the nearest.
        let mut visited = 0;
        let found = limits.into_iter().find_map(|limit| {
            let mut walk = Walk {
                nearest: self,
                word,
                query: &query,
                limit,
                length: 0,
                best: None,
                visited: 0,
            };
            // Each length within reach: a word `n` characters longer or shorter is at least
            // `n` edits away.
            let shortest = query.len().saturating_sub(limit);
            let mut start = self.words.partition_point(|(r, _)| r.len() < shortest);
            while let Some((range, _)) = self.words.get(start) {
                walk.length = range.len();
                if walk.length > query.len() + limit {
                    break;
                }
                let end =
                    start + self.words[start..].partition_point(|(r, _)| r.len() == walk.length);
                walk.branch(start..end, 0, &first, None, &mut rows);
                start = end;
            }
            visited += walk.visited;
            walk.best.map(|(_, k)| k)
        });
        (found, visited)
    }
}

/// One search of [`Nearest::find`] among the known words of one length at a time.
struct Walk<'n, 'a> {
    nearest: &'n Nearest<'a>,
    /// The word looked for, as given.
    word: &'n str,
    /// Its lowercased characters.
    query: &'n [char],
    /// The farthest a suggestion may be.
    limit: usize,
    /// The length of the known words walked.
    length: usize,
    /// The nearest word found so far, with its distance.
    best: Option<(usize, &'a str)>,
    /// How many beginnings it has visited: the work it did, for tests to bound.
    visited: usize,
}

impl Walk<'_, '_> {
    /// Visits the known words `words` (indices into the sorted list), all [`Walk::length`]
    /// characters long and beginning with the same `depth` characters. `row[j]` is the
    /// distance between that beginning and the first `j` characters of the query; `before`
    /// is the row of the beginning one character shorter, with that beginning's last
    /// character, for swaps. The rows of longer beginnings are written to `deeper`.
    fn branch(
        &mut self,
        words: std::ops::Range<usize>,
        depth: usize,
        row: &[usize],
        before: Option<(&[usize], char)>,
        deeper: &mut [usize],
    ) {
        self.visited += 1;
        let nearest = self.nearest;
        let (length, query) = (self.length, self.query);
        // Any word here aligns the beginning with some first `j` characters of the query
        // (a swap across this row costs no less than the step through it it replaces), then
        // still needs an edit for each character by which the rest of the word and the rest
        // of the query differ in length.
        let rest = length - depth;
        let reach = (row.iter().enumerate())
            .map(|(j, cell)| cell + (query.len() - j).abs_diff(rest))
            .min();
        if reach.is_none_or(|reach| reach > self.limit) {
            return;
        }
        if depth == length {
            let distance = row[query.len()];
            for &(_, k) in &nearest.words[words] {
                if k != self.word && self.best.is_none_or(|best| (distance, k) < best) {
                    self.best = Some((distance, k));
                }
            }
            return;
        }
        // Every word here is longer than the beginning: group them by their next character.
        // A next character that neither matches a character of the query nor completes a
        // swap reaches what any character reaches by an insertion, deletion or
        // substitution. When that is out of reach, only the characters that match or swap
        // where it counts can be in reach, and only their groups are looked up: among
        // `src-00000` to `src-24999`, a query whose edits are spent by `scr-` visits one
        // digit a position rather than ten.
        let rest = length - depth - 1;
        let beyond = |j: usize, cell: usize| cell + (query.len() - j).abs_diff(rest);
        let any_char = std::iter::once(beyond(0, depth + 1))
            .chain((1..row.len()).map(|j| beyond(j, row[j].min(row[j - 1]) + 1)))
            .min()
            .is_some_and(|reach| reach <= self.limit);
        let next_char =
            |(range, _): &(std::ops::Range<usize>, &str)| nearest.chars[range.start + depth];
        if any_char {
            let mut start = words.start;
            while let Some(c) = nearest.words[start..words.end].first().map(next_char) {
                let end =
                    start + nearest.words[start..words.end].partition_point(|w| next_char(w) <= c);
                self.descend(c, start..end, depth, row, before, deeper);
                start = end;
            }
            return;
        }
        let mut chars: Vec<char> = (1..row.len())
            .filter(|&j| beyond(j, row[j - 1]) <= self.limit)
            .map(|j| query[j - 1])
            .collect();
        if let Some((before, last)) = before {
            chars.extend(
                (2..row.len())
                    .filter(|&j| last == query[j - 1] && beyond(j, before[j - 2] + 1) <= self.limit)
                    .map(|j| query[j - 2]),
            );
        }
        chars.sort_unstable();
        chars.dedup();
        let group = &nearest.words[words.clone()];
        for c in chars {
            let start = words.start + group.partition_point(|w| next_char(w) < c);
            let end = words.start + group.partition_point(|w| next_char(w) <= c);
            if start < end {
                self.descend(c, start..end, depth, row, before, deeper);
            }
        }
    }

    /// Visits the words `words` of [`Walk::branch`] whose next character is `c`, working out
    /// the row of their beginning one character longer.
    fn descend(
        &mut self,
        c: char,
        words: std::ops::Range<usize>,
        depth: usize,
        row: &[usize],
        before: Option<(&[usize], char)>,
        deeper: &mut [usize],
    ) {
        let query = self.query;
        let Some((next, deeper)) = deeper.split_at_mut_checked(row.len()) else {
            return; // never: there is a row for every character within reach
        };
        next[0] = depth + 1;
        for j in 1..row.len() {
            let q = query[j - 1];
            let mut cell = (row[j] + 1)
                .min(next[j - 1] + 1)
                .min(row[j - 1] + usize::from(q != c));
            if let Some((before, last)) = before
                && j >= 2
                && c == query[j - 2]
                && last == q
            {
                cell = cell.min(before[j - 2] + 1);
            }
            next[j] = cell;
        }
        self.branch(words, depth + 1, next, Some((row, c)), deeper);
    }
}

/// Up to `count` known words to suggest for `word`, nearest first (then by name): those
/// within the distance [`closest`] allows of the word itself or of its first characters, so
/// that a mistyped start of a long id (`japan-ai-world-levl`) still finds it. For short lists
/// (claim ids): it compares `word` with every known word.
pub fn suggestions<'a>(
    word: &str,
    known: impl IntoIterator<Item = &'a str>,
    count: usize,
) -> Vec<&'a str> {
    let length = word.chars().count();
    if length > 100 {
        return Vec::new();
    }
    let lower = word.to_lowercase();
    let limit = (length / 3).clamp(1, 3);
    let mut near: Vec<(usize, &str)> = known
        .into_iter()
        .filter(|k| *k != word)
        .filter_map(|k| {
            let k_lower = k.to_lowercase();
            let start: String = k_lower.chars().take(length).collect();
            let distance =
                strsim::osa_distance(&lower, &k_lower).min(strsim::osa_distance(&lower, &start));
            (distance <= limit).then_some((distance, k))
        })
        .collect();
    near.sort_unstable();
    near.dedup();
    near.into_iter().take(count).map(|(_, k)| k).collect()
}

/// `` `a`, `b`, `c` ``: a list of words for a help line.
pub fn quoted_list<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    words
        .into_iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_listed_once() {
        let mut seen: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), Code::ALL.len());
    }

    #[test]
    fn closest_finds_typos_and_case_slips() {
        let units = ["USD", "USD bn", "rank", "count", "people"];
        assert_eq!(closest("usd", units), Some("USD"));
        assert_eq!(closest("USD bln", units), Some("USD bn"));
        assert_eq!(closest("rnak", units), Some("rank"));
        assert_eq!(closest("furlong", units), None);
        assert_eq!(
            closest("count", units),
            None,
            "an exact match is no suggestion"
        );
    }

    #[test]
    fn suggestions_find_mistyped_starts_of_long_ids() {
        let ids = [
            "japan-ai-world-level-2026-04",
            "japan-ai-budget-more-than-doubled",
            "korea-leads-asia-in-ai-deployment",
        ];
        assert_eq!(
            suggestions("japan-ai-world-levl", ids, 3),
            ["japan-ai-world-level-2026-04"]
        );
        assert_eq!(
            suggestions("japan-ai", ids, 3),
            [
                "japan-ai-budget-more-than-doubled",
                "japan-ai-world-level-2026-04"
            ],
            "equally near: by name"
        );
        assert_eq!(suggestions("japan-ai", ids, 1).len(), 1);
        assert!(suggestions("china", ids, 3).is_empty());
        assert!(
            suggestions("japan-ai-world-level-2026-04", ids, 3).is_empty(),
            "an exact match is no suggestion"
        );
    }

    /// What [`Nearest::find`] promises, the slow way: every known word compared.
    fn nearest_by_comparing_all<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
        let length = word.chars().count();
        if length > 100 {
            return None;
        }
        let lower = word.to_lowercase();
        let limit = (length / 3).clamp(1, 3);
        (known.iter())
            .filter(|k| **k != word)
            .map(|k| (strsim::osa_distance(&lower, &k.to_lowercase()), *k))
            .filter(|(distance, _)| *distance <= limit)
            .min()
            .map(|(_, k)| k)
    }

    proptest::proptest! {
        // Failures are kept as plain tests below rather than in a file of seeds.
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Words from a small alphabet, so that many are near one another, with case and
        /// non-ASCII letters.
        #[test]
        fn nearest_finds_what_comparing_every_word_finds(
            known in proptest::collection::vec("[abAB1-][ab1-]{0,9}|兆円[ab]{0,2}", 0..60),
            words in proptest::collection::vec("[abAB1-][ab1-]{0,10}|兆[円ab]{0,3}", 1..20),
        ) {
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            let index = Nearest::new(known.iter().copied());
            for word in words.iter().chain(known.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>().iter()) {
                proptest::prop_assert_eq!(
                    index.find(word),
                    nearest_by_comparing_all(word, &known),
                    "{}", word
                );
            }
        }

        /// Ids of many distinct characters, as ledgers name things, looked for with one or
        /// two of their characters dropped, doubled, changed or swapped: the edits are soon
        /// spent, and the search follows only the characters still in reach.
        #[test]
        fn nearest_finds_what_comparing_every_word_finds_among_ids(
            known in proptest::collection::vec("[a-z]{1,4}-[0-9]{1,6}", 1..80),
            typos in proptest::collection::vec(
                (0usize..80, proptest::collection::vec((0usize..4, 0usize..12, "[a-z0-9-]"), 1..3)),
                1..20,
            ),
        ) {
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            let index = Nearest::new(known.iter().copied());
            for (pick, edits) in typos {
                let mut word: Vec<char> = known[pick % known.len()].chars().collect();
                for (edit, at, c) in edits {
                    let at = at % (word.len() + 1);
                    let c = c.chars().next().unwrap_or('x');
                    match edit {
                        0 if at < word.len() => { word.remove(at); }
                        1 => word.insert(at, c),
                        2 if at < word.len() => word[at] = c,
                        _ if at + 1 < word.len() => word.swap(at, at + 1),
                        _ => {}
                    }
                }
                let word: String = word.into_iter().collect();
                proptest::prop_assert_eq!(
                    index.find(&word),
                    nearest_by_comparing_all(&word, &known),
                    "{}", word
                );
            }
        }
    }

    #[test]
    fn a_search_whose_edits_are_spent_follows_only_the_characters_still_in_reach() {
        // `scr-` spends the one edit a nine-letter id allows, so each digit after it must
        // match: a dozen beginnings in all, however many ids there are, where looking at
        // every next character visited 42 among 2,500 ids and 51 among 25,000.
        for count in [2_500, 25_000] {
            let ids: Vec<String> = (0..count).map(|i| format!("src-{i:05}")).collect();
            let index = Nearest::new(ids.iter().map(String::as_str));
            let (found, visited) = index.search("scr-01234");
            assert_eq!(found, Some("src-01234"));
            assert!(
                visited <= 20,
                "{visited} beginnings visited among {count} ids"
            );
        }
    }

    #[test]
    fn nearest_agrees_with_comparing_every_word_on_a_case_once_found() {
        let known = ["A-b--a1", "A---1a"];
        let index = Nearest::new(known);
        assert_eq!(index.find("A"), nearest_by_comparing_all("A", &known));
    }

    #[test]
    fn nearest_counts_characters_and_a_swap_as_one_edit() {
        let known = Nearest::new(["sitting", "兆円", "title", "abc"]);
        assert_eq!(
            known.find("kitten"),
            None,
            "three edits is too far for six letters"
        );
        assert_eq!(known.find("sittin"), Some("sitting"));
        assert_eq!(known.find("億円"), Some("兆円"));
        assert_eq!(known.find("titel"), Some("title"));
        assert_eq!(known.find("ABC"), Some("abc"));
    }
}
