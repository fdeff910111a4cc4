//! Every reference must resolve: sources, entities, axes and records named by id. Sources
//! nobody cites are worth a warning.

use std::collections::HashSet;

use crate::check::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::{Body, Record};
use crate::source_file::Span;

fn suggest<'a>(id: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    // The closest known id by shared prefix, a cheap hint for typos.
    known
        .map(|k| (k.chars().zip(id.chars()).take_while(|(a, b)| a == b).count(), k))
        .filter(|(n, _)| *n >= 3)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, k)| format!("did you mean `{k}`?"))
}

/// Each `sources` entry names a declared source.
pub fn sources(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &cx.ledger.records {
        if r.sources.is_empty() {
            out.push(
                Diagnostic::new(Code::DanglingSource, r.place.id, format!("record `{}` cites no source", r.id))
                    .with_help("add the id of at least one `[[source]]` to `sources`"),
            );
        }
        for (id, span) in r.sources.iter().zip(&r.place.sources) {
            if cx.ledger.source(id).is_none() {
                let help = suggest(id, cx.ledger.sources.iter().map(|s| s.id.as_str()))
                    .unwrap_or_else(|| "add a `[[source]]` with this id, or fix the reference".to_owned());
                out.push(
                    Diagnostic::new(Code::DanglingSource, *span, format!("unknown source `{id}`"))
                        .with_help(help),
                );
            }
        }
    }
    out
}

fn entity_refs(r: &Record) -> Vec<(&str, Span)> {
    let mut refs = vec![(r.entity.as_str(), r.place.entity)];
    let file = r.place.table.file;
    fn at(file: crate::source_file::FileId) -> impl Fn(&toml::Spanned<String>) -> (&str, Span) {
        move |s| (s.get_ref().as_str(), Span::new(file, s.span()))
    }
    let spanned = at(file);
    match &r.body {
        Body::Event(e) => refs.extend(e.partners.iter().map(&spanned)),
        Body::Budget(b) => refs.extend(b.funder.iter().map(&spanned)),
        Body::Investment(i) => {
            refs.extend(i.investor.iter().map(&spanned));
            refs.extend(i.partners.iter().map(&spanned));
        }
        Body::Metric(m) => refs.extend(m.relative_to.iter().map(&spanned)),
        Body::Benchmark(b) => refs.extend(b.comparators.iter().filter_map(|c| c.entity.as_ref()).map(&spanned)),
        Body::Deployment(d) => refs.extend(d.partners.iter().map(&spanned)),
        Body::Release(_) | Body::Target(_) => {}
    }
    refs
}

/// Each entity named by a record, an entity's `country` or a claim is declared.
pub fn entities(cx: &Context<'_>) -> Vec<Diagnostic> {
    let ledger = cx.ledger;
    let unknown = |id: &str, span: Span| {
        let help = suggest(id, ledger.entities.iter().map(|e| e.id.as_str()))
            .unwrap_or_else(|| "declare it with an `[[entity]]` table".to_owned());
        Diagnostic::new(Code::UnknownEntity, span, format!("unknown entity `{id}`")).with_help(help)
    };
    let mut out = Vec::new();
    for e in &ledger.entities {
        if let (Some(country), Some(span)) = (&e.country, e.country_span) {
            if ledger.entity(country).is_none() {
                out.push(unknown(country, span));
            }
        }
    }
    for r in &ledger.records {
        for (id, span) in entity_refs(r) {
            if ledger.entity(id).is_none() {
                out.push(unknown(id, span));
            }
        }
    }
    for claim in cx.claims {
        if ledger.entity(&claim.subject).is_none() {
            out.push(unknown(&claim.subject, claim.span));
        }
        for (_, c) in claim.criteria() {
            let (entity, peers) = match &c.measure {
                crate::claim::Measure::RatioToLeader { peers, .. } => (None, peers.as_slice()),
                crate::claim::Measure::Rank { entity, peers, .. }
                | crate::claim::Measure::Share { entity, peers, .. } => (entity.as_ref(), peers.as_slice()),
                crate::claim::Measure::Value { entity, .. } => (entity.as_ref(), &[][..]),
                _ => (None, &[][..]),
            };
            for id in entity.into_iter().chain(peers) {
                if ledger.entity(id).is_none() {
                    out.push(unknown(id, c.span));
                }
            }
        }
    }
    out
}

/// Each axis named by a record or a claim is declared.
pub fn axes(cx: &Context<'_>) -> Vec<Diagnostic> {
    let ledger = cx.ledger;
    let unknown = |id: &str, span: Span| {
        let known: Vec<String> = ledger.axes.iter().map(|a| format!("`{}`", a.id)).collect();
        Diagnostic::new(Code::UnknownAxis, span, format!("unknown axis `{id}`"))
            .with_help(format!("the declared axes are {}", known.join(", ")))
    };
    let mut out = Vec::new();
    for r in &ledger.records {
        for (id, span) in r.axes.iter().zip(&r.place.axes) {
            if ledger.axis(id).is_none() {
                out.push(unknown(id, *span));
            }
        }
    }
    for claim in cx.claims {
        for axis in &claim.axes {
            if ledger.axis(&axis.id).is_none() {
                out.push(unknown(&axis.id, axis.span));
            }
        }
    }
    out
}

/// `restates` and `part_of` name records of the right kind.
pub fn records(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &cx.ledger.records {
        let target = match &r.body {
            Body::Metric(m) => m.restates.as_ref().map(|t| ("restates", t)),
            Body::Budget(b) => b.part_of.as_ref().map(|t| ("part_of", t)),
            _ => None,
        };
        if let Some((key, id)) = target {
            let span = Span::new(r.place.table.file, id.span());
            match cx.ledger.record(id.get_ref()) {
                None => out.push(
                    Diagnostic::new(Code::BadField, span, format!("`{key}` names unknown record `{}`", id.get_ref()))
                        .with_help("name the id of an existing record"),
                ),
                Some(t) if t.kind() != r.kind() => out.push(Diagnostic::new(
                    Code::BadField,
                    span,
                    format!("`{key}` names `{}`, a {} record, not a {}", t.id, t.kind().key(), r.kind().key()),
                )),
                Some(_) => {}
            }
        }
    }
    out
}

/// Warns about sources no record cites.
pub fn unused_sources(cx: &Context<'_>) -> Vec<Diagnostic> {
    let cited: HashSet<&str> = cx
        .ledger
        .records
        .iter()
        .flat_map(|r| r.sources.iter().map(String::as_str))
        .collect();
    cx.ledger
        .sources
        .iter()
        .filter(|s| !cited.contains(s.id.as_str()))
        .map(|s| {
            Diagnostic::new(Code::UnusedSource, s.id_span, format!("source `{}` is never cited", s.id))
                .with_help("cite it from a record, or remove it")
        })
        .collect()
}
