//! Claims typed in the terminal: any text is read as an expression, framed within the
//! shipped ledger, written as a claim file, read back, checked and graded, without a panic.
//!
//! The input is split at NUL bytes: the expression, then the subject (`JP` when absent),
//! then the claim's id (the default when absent); bytes that are not UTF-8 are replaced, as
//! nothing else reaches the command line. Whenever a claim file is written, it must be TOML
//! holding the expression as its text and the id asked for, and every diagnostic must point
//! inside the file it names.

#![no_main]

use std::path::PathBuf;

use kensho::claim::frame::Choices;
use kensho::render::{Verdict, diagnostics};
use kensho::workspace::{GENERATED_NAME, Typed, Workspace};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let mut parts = input.split('\0');
    let expression = parts.next().unwrap_or_default();
    let subject = parts.next().unwrap_or("JP");
    let id = parts.next().map(str::to_owned);
    let typed = Typed {
        text: expression.to_owned(),
        choices: Choices {
            id: id.clone(),
            subject: subject.to_owned(),
            as_of: None,
            window: None,
            axis: None,
        },
        path: PathBuf::from(GENERATED_NAME),
    };
    let Ok((workspace, made)) = Workspace::load_expression(kensho::embedded::tree(), typed) else {
        return;
    };
    if let Some(file) = &made {
        let table: toml::Table = match file.text.parse() {
            Ok(table) => table,
            Err(e) => panic!("the claim file is not TOML ({e}):\n{}", file.text),
        };
        assert_eq!(table.get("text").and_then(|t| t.as_str()), Some(expression));
        assert_eq!(table.get("subject").and_then(|t| t.as_str()), Some(subject));
        assert_eq!(
            table.get("id").and_then(|t| t.as_str()),
            Some(file.id.as_str())
        );
        if let Some(id) = &id {
            assert_eq!(&file.id, id);
        }
    }
    let (d, files) = (&workspace.diagnostics, &workspace.files);
    for d in d {
        for span in d.span.into_iter().chain(d.labels.iter().map(|l| l.span)) {
            let file = files.get(span.file).expect("the span's file was read");
            assert!(
                span.start() <= span.end() && span.end() <= file.text.len(),
                "{d:?}"
            );
        }
    }
    diagnostics::human(d, files, false);
    diagnostics::json(d, files);
    if workspace.has_errors() {
        return;
    }
    let (Some(file), Ok(claim)) = (&made, workspace.claim(made.as_ref().map(|f| f.id.as_str())))
    else {
        return;
    };
    assert_eq!(claim.id, file.id);
    let evaluation = kensho::engine::evaluate(claim, &workspace.ledger, claim.as_of);
    let verdict = Verdict {
        claim,
        ledger: &workspace.ledger,
        evaluation: &evaluation,
        robustness: None,
    };
    kensho::render::table::render(&verdict);
    kensho::render::json::render(&verdict);
});
