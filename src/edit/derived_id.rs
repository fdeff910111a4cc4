//! The id `add` gives a table that has none: the day (or period) and the title, in the id
//! grammar (`crate::ledger::id`), readable by whoever greps the ledger for it.
//!
//! The rule, also in `docs/ledger.md`:
//! 1. The title is transliterated to ASCII (`deunicode`: `Café Müller` → `Cafe Muller`,
//!    Japanese kana by sound, kanji by their Chinese reading); apostrophes are dropped, so
//!    `Müller's` is `mullers`; each other run of characters that are not ASCII letters or
//!    digits becomes one `-`; the result is lowercased and cut at 48 characters.
//! 2. A slug with no letter in it says little on its own (`2026`, or nothing at all when no
//!    character of the title could be transliterated): the kind is put before it, and when
//!    nothing at all came from a non-blank title, a short hash of the title after it, so two
//!    such titles on one day still get ids of their own that do not depend on the order
//!    they were added in.
//! 3. The id is the date (or period, or `fy` and the fiscal year) then the slug:
//!    `2026-04-30-abci-3-0-starts`, `fy2026-budget`. `add` appends `-2`, `-3`, ... when
//!    the id is taken.

/// The longest derived id, leaving room within the id grammar's 64 characters for the `-N`
/// that makes a taken id unique.
const MAX_LEN: usize = 60;

/// The id for a table of `kind` dated `when` (as written: `2026-04-30`, `../2026-04`,
/// `fy2026`) with this title; empty `when` or `title` are left out.
pub fn derive_id(when: &str, title: &str, kind: &str) -> String {
    let slug = slug(
        &deunicode::deunicode(&title.replace(['\'', '’', 'ʼ'], "")),
        48,
    );
    let slug = if slug.bytes().any(|b| b.is_ascii_alphabetic()) {
        slug
    } else if slug.is_empty() && !title.trim().is_empty() {
        format!("{kind}-{:08x}", fnv1a(title.trim()))
    } else if slug.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}-{slug}")
    };
    let when = slug_of_when(when);
    let id = if when.is_empty() {
        slug
    } else {
        format!("{when}-{slug}")
    };
    cut(&id, MAX_LEN).to_owned()
}

/// A period or date as id characters: `../2026-04` → `2026-04`, `2019/2023` → `2019-2023`.
fn slug_of_when(when: &str) -> String {
    slug(when, MAX_LEN)
}

/// `text` lowercased, each run of characters that are not ASCII letters or digits made one
/// `-`, without a `-` at either end, and at most `max` characters long.
fn slug(text: &str, max: usize) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    cut(&slug, max).to_owned()
}

/// At most `max` characters of an ASCII `id`, without a trailing `-`.
fn cut(id: &str, max: usize) -> &str {
    id.get(..max).unwrap_or(id).trim_end_matches('-')
}

/// The 32-bit FNV-1a hash: small, fixed and the same on every machine, which is all an id
/// needs (it is not a defence against anyone).
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::id;

    #[test]
    fn ids_come_from_the_date_and_title() {
        assert_eq!(
            derive_id("2026-04-30", "ABCI 3.0 starts its FY2026 service", "event"),
            "2026-04-30-abci-3-0-starts-its-fy2026-service"
        );
        assert_eq!(
            derive_id("../2026-04", "PLaMo 2 8B", "release"),
            "2026-04-plamo-2-8b"
        );
        assert_eq!(derive_id("fy2026", "", "budget"), "fy2026-budget");
        assert_eq!(derive_id("", "", "source"), "source");
    }

    #[test]
    fn titles_are_transliterated_and_apostrophes_dropped() {
        assert_eq!(
            derive_id("2026-04-30", "Café Müller's", "event"),
            "2026-04-30-cafe-mullers"
        );
        assert_eq!(
            derive_id("2026-04-30", "Café Müller’s", "event"),
            "2026-04-30-cafe-mullers"
        );
        assert_eq!(
            derive_id("2026-04-30", "理研、富岳NEXTの開発を開始", "event"),
            "2026-04-30-li-yan-fu-yue-nextnokai-fa-wokai-shi"
        );
        assert_eq!(
            derive_id("2026-04-23", "卓球ロボット", "event"),
            "2026-04-23-zhuo-qiu-robotuto"
        );
    }

    #[test]
    fn a_title_without_letters_never_gives_a_bare_number() {
        assert_eq!(derive_id("2026", "2026", "metric"), "2026-metric-2026");
        // Characters of a private-use area have no transliteration.
        let unknown = derive_id("2026-04-30", "\u{e000}\u{e001}", "event");
        assert!(unknown.starts_with("2026-04-30-event-"), "{unknown}");
        assert_eq!(unknown.len(), "2026-04-30-event-".len() + 8);
        assert_ne!(unknown, derive_id("2026-04-30", "\u{e000}", "event"));
        let again = derive_id("2026-04-30", "\u{e000}\u{e001}", "event");
        assert_eq!(unknown, again, "the same title gives the same id");
        assert_eq!(derive_id("2026-04-30", "🦀", "event"), "2026-04-30-crab");
    }

    #[test]
    fn every_derived_id_is_in_the_id_grammar_with_room_for_a_counter() {
        let long = "長い".repeat(100);
        let cases = [
            ("2019-01/2023-12", long.as_str()),
            ("../2026-04", "x"),
            ("2026-04-30", "-leading and trailing-"),
            ("fy2026", "!!!"),
            ("", "α β γ"),
            ("2026-04-30", &"a-".repeat(40)),
        ];
        for (when, title) in cases {
            let derived = derive_id(when, title, "event");
            assert!(derived.len() <= MAX_LEN, "{derived}");
            for id in [derived.clone(), format!("{derived}-12")] {
                assert!(id::is_id(&id), "{id}");
            }
        }
    }
}
