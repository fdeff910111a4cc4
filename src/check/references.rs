//! Every reference must resolve: sources, entities, axes and records named by id, and a
//! record that `restates` or is `part_of` another names one of its kind, never itself, not
//! even round a circle. Sources nobody cites are worth a warning. A reference that is not an
//! id at all is reported where it is read (`K0210`), not again here as unknown.
//!
//! What one record names is checked by the `record_*` functions, which run in the one walk
//! through the records; what entities and claims name, unused sources and circles, by the
//! others, each once for the whole ledger.

use std::collections::HashSet;

use crate::check::Context;
use crate::claim::{Measure, Selection};
use crate::diagnostic::{Code, Diagnostic, closest, quoted_list};
use crate::ledger::id::is_id;
use crate::ledger::{Body, Comparator, EntityKind, Ledger, Record};
use crate::source_file::Span;

/// A record cites at least one source, and each `sources` entry names a declared source.
pub(super) fn record_sources(cx: &Context<'_>, r: &Record, out: &mut Vec<Diagnostic>) {
    if r.sources().len() == 0 {
        out.push(
            Diagnostic::new(
                Code::DanglingSource,
                r.place.id(),
                format!("{} `{}` cites no source", r.kind().key(), r.id()),
            )
            .with_help("add the id of at least one `[[source]]` to `sources`"),
        );
    }
    for (id, span) in r.sources_placed() {
        if cx.ledger.source(id).is_none() && is_id(id) {
            let help = match cx.nearest_source(id) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "add a `[[source]]` with this id, or fix the reference".to_owned(),
            };
            out.push(
                Diagnostic::new(
                    Code::DanglingSource,
                    span,
                    format!(
                        "{} `{}` cites unknown source `{id}`",
                        r.kind().key(),
                        r.id()
                    ),
                )
                .with_help(help),
            );
        }
    }
}

/// The entities a record names, with where: its `entity` and every partner, funder,
/// investor, relative or comparator. Made as they are read rather than collected: this is
/// asked of every record.
fn entity_refs<'r>(r: &'r Record) -> impl Iterator<Item = (&'r str, Span)> {
    let spanned = |s: &'r toml::Spanned<String>| (s.get_ref().as_str(), r.place.locate(s));
    let none: &[toml::Spanned<String>] = &[];
    // A kind names at most one entity on its own, a list of them, or its comparators'.
    let (one, many, comparators): (Option<_>, _, &[Comparator]) = match &r.body {
        Body::Event(e) => (None, e.partners.as_slice(), &[]),
        Body::Budget(b) => (b.funder.as_ref(), none, &[]),
        Body::Investment(i) => (i.investor.as_ref(), i.partners.as_slice(), &[]),
        Body::Metric(m) => (m.relative_to.as_ref(), none, &[]),
        Body::Benchmark(b) => (None, none, b.comparators.as_slice()),
        Body::Deployment(d) => (None, d.partners.as_slice(), &[]),
        Body::Release(_) | Body::Target(_) => (None, none, &[]),
    };
    let named =
        (one.into_iter().chain(many)).chain(comparators.iter().filter_map(|c| c.entity.as_ref()));
    std::iter::once((r.entity(), r.place.entity())).chain(named.map(spanned))
}

/// An entity named where none is declared.
fn unknown_entity(cx: &Context<'_>, id: &str, span: Span, message: String) -> Diagnostic {
    let help = match cx.nearest_entity(id) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "declare it with an `[[entity]]` table".to_owned(),
    };
    Diagnostic::new(Code::UnknownEntity, span, message).with_help(help)
}

/// Each entity a record names is declared.
pub(super) fn record_entities(cx: &Context<'_>, r: &Record, out: &mut Vec<Diagnostic>) {
    for (id, span) in entity_refs(r) {
        if cx.ledger.entity(id).is_none() && is_id(id) {
            out.push(unknown_entity(
                cx,
                id,
                span,
                format!("{} `{}`: unknown entity `{id}`", r.kind().key(), r.id()),
            ));
        }
    }
}

/// Each entity named by an entity's `country` or a claim is declared, and each record a
/// criterion selects exists.
pub(super) fn entities(cx: &Context<'_>) -> Vec<Diagnostic> {
    let ledger = cx.ledger;
    let unknown = |id: &str, span: Span, message: String| unknown_entity(cx, id, span, message);
    let mut out = Vec::new();
    for e in &ledger.entities {
        if let (Some(country), Some(span)) = (&e.country, e.country_span)
            && ledger.entity(country).is_none()
            && is_id(country)
        {
            out.push(unknown(
                country,
                span,
                format!("entity `{}`: unknown entity `{country}`", e.id),
            ));
        }
    }
    for claim in cx.claims {
        if ledger.entity(&claim.subject).is_none() && is_id(&claim.subject) {
            out.push(unknown(
                &claim.subject,
                claim.span,
                format!(
                    "claim `{}`: unknown subject entity `{}`",
                    claim.id, claim.subject
                ),
            ));
        }
        for (_, c) in claim.criteria() {
            let none = Selection::default();
            let (entity, peers, select) = match &c.measure {
                Measure::RatioToLeader { peers, select, .. } => (None, peers.as_slice(), select),
                Measure::Rank {
                    entity,
                    peers,
                    select,
                    ..
                }
                | Measure::Share {
                    entity,
                    peers,
                    select,
                    ..
                } => (entity.as_ref(), peers.as_slice(), select),
                Measure::Value { entity, select, .. } => (entity.as_ref(), &[][..], select),
                Measure::Growth { select, .. } => (None, &[][..], select),
                Measure::Count(f) | Measure::Sum(f) => {
                    let named = [&f.entity, &f.investor, &f.funder];
                    for id in named.into_iter().flatten() {
                        if ledger.entity(id).is_none() && is_id(id) {
                            out.push(unknown(
                                id,
                                c.span,
                                format!("criterion `{}`: unknown entity `{id}`", c.id),
                            ));
                        }
                    }
                    (None, &[][..], &none)
                }
                Measure::BenchmarkGap { .. } | Measure::BenchmarkRatio { .. } => {
                    (None, &[][..], &none)
                }
            };
            if let Some(record) = &select.record
                && ledger.record(record).is_none()
                && is_id(record)
            {
                out.push(
                    Diagnostic::new(
                        Code::UnknownRecord,
                        c.span,
                        format!("criterion `{}` selects unknown record `{record}`", c.id),
                    )
                    .with_help(match cx.nearest_record(record) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "name a record id of the ledger".to_owned(),
                    }),
                );
            }
            let named = [&select.funder, &select.investor];
            for id in entity
                .into_iter()
                .chain(peers)
                .chain(named.into_iter().flatten())
            {
                if ledger.entity(id).is_none() && is_id(id) {
                    out.push(unknown(
                        id,
                        c.span,
                        format!("criterion `{}`: unknown entity `{id}`", c.id),
                    ));
                }
            }
        }
    }
    out
}

/// Every entity but a country names the `country` it belongs to, and that is a country.
pub(super) fn countries(cx: &Context<'_>) -> Vec<Diagnostic> {
    let ledger = cx.ledger;
    let mut out = Vec::new();
    for e in &ledger.entities {
        match (&e.country, e.kind) {
            (None, EntityKind::Country) => {}
            (None, kind) => out.push(
                Diagnostic::new(
                    Code::MissingField,
                    e.id_span,
                    format!(
                        "entity `{}` is a {} but names no `country`",
                        e.id,
                        kind_word(kind)
                    ),
                )
                .with_help(
                    "add `country = \"JP\"` (an ISO 3166-1 code): records about it count for its country",
                ),
            ),
            (Some(country), _) => {
                let Some(span) = e.country_span else {
                    continue;
                };
                match ledger.entity(country) {
                    Some(c) if c.kind != EntityKind::Country => out.push(
                        Diagnostic::new(
                            Code::BadField,
                            span,
                            format!(
                                "entity `{}` belongs to `{country}`, which is a {}, not a country",
                                e.id,
                                kind_word(c.kind)
                            ),
                        )
                        .with_label(c.id_span, "declared here")
                        .with_help("name the entity's country, e.g. `country = \"JP\"`"),
                    ),
                    _ => {}
                }
            }
        }
    }
    out
}

fn kind_word(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Country => "country",
        EntityKind::Government => "government",
        EntityKind::Company => "company",
        EntityKind::Institution => "institution",
        EntityKind::University => "university",
        EntityKind::Startup => "startup",
    }
}

/// An axis named where none is declared; `whose` says who names it.
fn unknown_axis(ledger: &Ledger, id: &str, span: Span, whose: String) -> Diagnostic {
    let known = quoted_list(ledger.axes.iter().map(|a| a.id.as_str()));
    let help = match closest(id, ledger.axes.iter().map(|a| a.id.as_str())) {
        Some(near) => format!("did you mean `{near}`? the declared axes are {known}"),
        None if ledger.axes.is_empty() => {
            "declare axes with `[[axis]]` tables in the ledger".to_owned()
        }
        None => format!("the declared axes are {known}"),
    };
    Diagnostic::new(
        Code::UnknownAxis,
        span,
        format!("{whose}: unknown axis `{id}`"),
    )
    .with_help(help)
}

/// Each axis a record names is declared.
pub(super) fn record_axes(cx: &Context<'_>, r: &Record, out: &mut Vec<Diagnostic>) {
    for (id, span) in r.axes_placed() {
        if cx.ledger.axis(id).is_none() && is_id(id) {
            let whose = format!("{} `{}`", r.kind().key(), r.id());
            out.push(unknown_axis(cx.ledger, id, span, whose));
        }
    }
}

/// Each axis a claim names is declared.
pub(super) fn axes(cx: &Context<'_>) -> Vec<Diagnostic> {
    let ledger = cx.ledger;
    let unknown = |id: &str, span: Span, whose: String| unknown_axis(ledger, id, span, whose);
    let mut out = Vec::new();
    for claim in cx.claims {
        for axis in &claim.axes {
            if ledger.axis(&axis.id).is_none() && is_id(&axis.id) {
                out.push(unknown(
                    &axis.id,
                    axis.span,
                    format!("claim `{}`", claim.id),
                ));
            }
        }
        for (_, c) in claim.criteria() {
            let filter = match &c.measure {
                Measure::Count(f) | Measure::Sum(f) => f,
                _ => continue,
            };
            for axis in &filter.axes {
                if ledger.axis(axis).is_none() && is_id(axis) {
                    out.push(unknown(axis, c.span, format!("criterion `{}`", c.id)));
                }
            }
        }
    }
    out
}

/// A record's `restates` or `part_of` names a record of its kind, not the record itself.
pub(super) fn record_stands_in_for(cx: &Context<'_>, r: &Record, out: &mut Vec<Diagnostic>) {
    let Some((key, id)) = r.body.stands_in_for() else {
        return;
    };
    let span = r.place.locate(id);
    let name = id.get_ref();
    match cx.ledger.record(name) {
        None if !is_id(name) => {}
        // The record is there but left out; its own problem is reported.
        None if cx.ledger.unread.iter().any(|u| u.id.as_ref() == Some(name)) => {}
        None => out.push(
            Diagnostic::new(
                Code::UnknownRecord,
                span,
                format!(
                    "{} `{}`: `{key}` names unknown record `{name}`",
                    r.kind().key(),
                    r.id()
                ),
            )
            .with_help(match cx.nearest_record(name) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name the id of an existing record".to_owned(),
            }),
        ),
        Some(t) if t.id() == r.id() => out.push(
            Diagnostic::new(
                Code::BadField,
                span,
                format!(
                    "{} `{}`: `{key}` names the record itself",
                    r.kind().key(),
                    r.id()
                ),
            )
            .with_help("name another record, or remove the key"),
        ),
        Some(t) if t.kind() != r.kind() => out.push(
            Diagnostic::new(
                Code::BadField,
                span,
                // Only metrics and budgets name a record so: "a metric", "a budget".
                format!(
                    "{} `{}`: `{key}` names the {} `{}`, not a {}",
                    r.kind().key(),
                    r.id(),
                    t.kind().key(),
                    t.id(),
                    r.kind().key()
                ),
            )
            .with_label(t.place.id(), "defined here")
            .with_help(format!("`{key}` names another `[[{}]]`", r.kind().key())),
        ),
        Some(_) => {}
    }
}

/// The record a record's `restates` or `part_of` points to, by position.
fn target(ledger: &Ledger, r: &Record) -> Option<usize> {
    let (_, id) = r.body.stands_in_for()?;
    ledger.record_position(id.get_ref())
}

/// Chains of `restates` or `part_of` that come back to where they started, of any length:
/// each cycle is reported once, at its record with the smallest id, naming every member.
pub(super) fn cycles(cx: &Context<'_>) -> Vec<Diagnostic> {
    let ledger = cx.ledger;
    // Each record points to at most one other, so following the pointers from every record
    // once, and marking what was seen, finds every cycle in linear time. The walk starts
    // from each record in the order they lie in memory; which member a cycle is found from
    // does not change how it is reported.
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; ledger.records.len()];
    let mut out = Vec::new();
    for start in ledger.positions_in_file_order() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                NEW => {
                    state[i] = ON_PATH;
                    path.push(i);
                    at = target(ledger, &ledger.records[i]);
                }
                ON_PATH => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let members = &path[from..];
                    // A record naming itself is reported on its own (K0201).
                    if members.len() > 1 {
                        out.push(cycle(ledger, members));
                    }
                    break;
                }
                _ => break,
            }
        }
        for i in path {
            state[i] = DONE;
        }
    }
    out
}

fn cycle(ledger: &Ledger, members: &[usize]) -> Diagnostic {
    let first = members
        .iter()
        .copied()
        .min_by(|&a, &b| ledger.records[a].id().cmp(ledger.records[b].id()))
        .unwrap_or(members[0]);
    let r = &ledger.records[first];
    let key = match r.body {
        Body::Metric(_) => "restates",
        _ => "part_of",
    };
    // Named from the smallest id on, in the order the pointers go, whatever the file order.
    let at = members.iter().position(|&i| i == first).unwrap_or(0);
    let ids = quoted_list(
        members[at..]
            .iter()
            .chain(&members[..at])
            .map(|&i| ledger.records[i].id()),
    );
    let mut d = Diagnostic::new(
        Code::BadField,
        r.place.id(),
        format!("`{key}` goes round in a circle: {ids}"),
    )
    .with_help(format!(
        "a record `{key}` another, never itself through others; remove one `{key}`"
    ));
    for &i in members.iter().filter(|&&i| i != first) {
        d = d.with_label(ledger.records[i].place.id(), "in the circle");
    }
    d
}

/// Warns about sources no record cites.
pub(super) fn unused_sources(cx: &Context<'_>) -> Vec<Diagnostic> {
    // A record left out for a problem of its own still cites its sources.
    let unread = (cx.ledger.unread.iter()).flat_map(|u| u.sources.iter().map(String::as_str));
    let cited: HashSet<&str> = (cx.ledger.records_in_file_order())
        .flat_map(|r| r.sources())
        .chain(unread)
        .collect();
    cx.ledger
        .sources
        .iter()
        .filter(|s| !cited.contains(s.id.as_str()))
        .map(|s| {
            Diagnostic::new(
                Code::UnusedSource,
                s.id_span,
                format!("source `{}` is never cited", s.id),
            )
            .with_help("cite it from a record's `sources`, or remove it")
        })
        .collect()
}
