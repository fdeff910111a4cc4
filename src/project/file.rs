//! The project file, `kensho.toml`: it marks the root of a project (kensho finds it by
//! walking up from the working folder, as cargo finds `Cargo.toml`) and says where the
//! ledger and claims are, which claim `verify` grades when none is named, and who publishes
//! the verdicts as ClaimReview. Every key is optional; `docs/project.md` lists them.

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeValue;

use crate::diagnostic::{Code, Diagnostic};
use crate::ledger::load::{Subject, decode, parse_document, strings, typed};
use crate::ledger::url::url_problem;
use crate::render::claimreview::Publication;
use crate::source_file::{FileId, Origin, SourceFiles, Span};

/// The name of the project file.
pub(crate) const FILE_NAME: &str = "kensho.toml";

/// Where a review URL template puts the claim's id.
pub(crate) const CLAIM_PLACEHOLDER: &str = "{claim}";

const DOCS: &str = "docs/project.md";

/// `kensho.toml` as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "kensho project file", deny_unknown_fields)]
pub(crate) struct RawProject {
    /// The ledger folder, relative to this file [default: `evidence`].
    #[schemars(with = "Option<String>")]
    ledger: Option<Spanned<String>>,
    /// The claims folder, relative to this file [default: `claims`].
    #[schemars(with = "Option<String>")]
    claims: Option<Spanned<String>>,
    /// The id of the claim `kensho verify` grades when none is named [default: the claim
    /// marked `default = true`, or the only claim].
    default_claim: Option<String>,
    /// Who publishes the verdicts: the `author` of `verify --format claimreview`.
    publisher: Option<RawPublisher>,
}

/// `[publisher]` as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(deny_unknown_fields)]
pub(crate) struct RawPublisher {
    /// The name of the person or organisation that publishes the fact checks.
    name: Option<String>,
    /// Their home page.
    #[schemars(with = "Option<String>")]
    url: Option<Spanned<String>>,
    /// The address each verdict is published at, with `{claim}` where the claim's id goes,
    /// e.g. `https://example.org/fact-checks/{claim}.html`.
    #[schemars(with = "Option<String>")]
    review_url: Option<Spanned<String>>,
}

/// A read project file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFile {
    /// The ledger folder, relative to the project's root; `None` for `evidence`.
    pub ledger: Option<PathBuf>,
    /// The claims folder, relative to the project's root; `None` for `claims`.
    pub claims: Option<PathBuf>,
    /// The claim graded when none is named; `None` to use the claim files' `default = true`.
    pub default_claim: Option<String>,
    /// Who publishes the verdicts.
    pub publisher: Publisher,
}

/// `[publisher]`: who publishes the verdicts, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Publisher {
    /// Their name; `None` when not given.
    pub name: Option<String>,
    /// Their home page; `None` when not given.
    pub url: Option<String>,
    /// Where a verdict is published, `{claim}` standing for the claim's id; `None` when not
    /// given.
    pub review_url: Option<String>,
}

impl Publisher {
    /// The address the verdict on `claim` is published at, if the project says.
    pub fn review_url_of(&self, claim: &str) -> Option<String> {
        (self.review_url.as_deref()).map(|template| template.replace(CLAIM_PLACEHOLDER, claim))
    }

    /// Where and by whom the verdict on `claim` is published, as far as the project says.
    pub fn publication(&self, claim: &str) -> Publication {
        Publication {
            url: self.review_url_of(claim),
            author: self.name.clone(),
            author_url: self.url.clone(),
        }
    }
}

/// A project file that cannot be used: its diagnostics, with the file they point into.
#[derive(Debug)]
pub struct Problems {
    /// The project file, to locate the diagnostics.
    pub files: SourceFiles,
    /// What is wrong, at least one error among them.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a project file shown as `path`: the file, or what is wrong with it. Warnings alone
/// (an empty file) do not stop it from being used.
pub(crate) fn read(path: PathBuf, bytes: Vec<u8>) -> Result<ProjectFile, Box<Problems>> {
    let mut files = SourceFiles::default();
    let mut diagnostics = Vec::new();
    let (text, _) = decode(files.next_id(), bytes, &mut diagnostics);
    let id = files.add(&path, text);
    let text = files.get(id).map_or("", |f| f.text());
    let project = read_text(id, text, &mut diagnostics);
    match project {
        Some(project) if !Diagnostic::any_error(&diagnostics) => Ok(project),
        _ => {
            crate::workspace::sort(&mut diagnostics);
            Err(Box::new(Problems { files, diagnostics }))
        }
    }
}

/// Reads a project file's text; `None` when its keys cannot be read (the diagnostics say
/// why). A blank file is a project file with every key left out.
fn read_text(file: FileId, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<ProjectFile> {
    if text.trim().is_empty() {
        return Some(ProjectFile::default());
    }
    let document = parse_document(file, text, diagnostics)?;
    let span = document.span();
    let whole = Spanned::new(span, DeValue::Table(document.into_inner()));
    let subject = Subject {
        noun: "project file",
        header: "the project file",
        id: None,
        docs: DOCS,
    };
    strings(Origin::file(file), &subject, &whole, &[], diagnostics);
    let raw = typed::<RawProject>(Origin::file(file), &subject, whole, diagnostics)?;
    let at = |span: std::ops::Range<usize>| Span::new(file, span);
    let folder = |value: Option<Spanned<String>>, key: &str, diagnostics: &mut Vec<Diagnostic>| {
        let value = value?;
        if value.get_ref().trim().is_empty() {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadField,
                    at(value.span()),
                    format!("project file: `{key}` is empty"),
                )
                .with_help("name a folder relative to `kensho.toml`, or leave the key out"),
            );
            return None;
        }
        Some(PathBuf::from(value.into_inner()))
    };
    let ledger = folder(raw.ledger, "ledger", diagnostics);
    let claims = folder(raw.claims, "claims", diagnostics);
    let publisher = raw
        .publisher
        .map_or_else(Publisher::default, |p| Publisher {
            name: p.name,
            url: p
                .url
                .and_then(|url| checked_url(at(url.span()), url.into_inner(), "url", diagnostics)),
            review_url: p
                .review_url
                .and_then(|url| checked_review_url(at(url.span()), url.into_inner(), diagnostics)),
        });
    Some(ProjectFile {
        ledger,
        claims,
        default_claim: raw.default_claim,
        publisher,
    })
}

/// `url` when it is a usable address; otherwise `None`, with a diagnostic.
fn checked_url(
    span: Span,
    url: String,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    match url_problem(&url) {
        None => Some(url),
        Some(problem) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadUrl,
                    span,
                    format!("project file: `publisher.{key}` is a malformed URL: {problem}"),
                )
                .with_help("write an absolute URL such as `https://example.org/page`"),
            );
            None
        }
    }
}

/// A review URL template when every address it makes is usable: it is checked with a
/// claim id in place of `{claim}`, as ids hold only characters a URL may.
fn checked_review_url(
    span: Span,
    template: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let sample = template.replace(CLAIM_PLACEHOLDER, "claim-id");
    checked_url(span, sample, "review_url", diagnostics).map(|_| template)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(Code, String)> {
        match read(PathBuf::from("kensho.toml"), text.as_bytes().to_vec()) {
            Ok(_) => Vec::new(),
            Err(p) => (p.diagnostics.iter())
                .map(|d| (d.code, d.message.clone()))
                .collect(),
        }
    }

    #[test]
    fn every_key_is_read() {
        let text = "ledger = \"data\"\nclaims = \"checks\"\ndefault_claim = \"c\"\n\n\
                    [publisher]\nname = \"Desk\"\nurl = \"https://example.org/\"\n\
                    review_url = \"https://example.org/checks/{claim}.html\"\n";
        let project = read(PathBuf::from("kensho.toml"), text.as_bytes().to_vec());
        assert_eq!(
            project.ok(),
            Some(ProjectFile {
                ledger: Some(PathBuf::from("data")),
                claims: Some(PathBuf::from("checks")),
                default_claim: Some("c".to_owned()),
                publisher: Publisher {
                    name: Some("Desk".to_owned()),
                    url: Some("https://example.org/".to_owned()),
                    review_url: Some("https://example.org/checks/{claim}.html".to_owned()),
                },
            })
        );
        let publisher = Publisher {
            review_url: Some("https://example.org/checks/{claim}.html".to_owned()),
            ..Publisher::default()
        };
        assert_eq!(
            publisher.review_url_of("x").as_deref(),
            Some("https://example.org/checks/x.html")
        );
    }

    #[test]
    fn a_blank_file_is_a_project_with_the_defaults() {
        let project = read(PathBuf::from("kensho.toml"), b"# nothing yet\n".to_vec());
        assert_eq!(project.ok(), Some(ProjectFile::default()));
    }

    #[test]
    fn mistakes_are_located_diagnostics() {
        assert_eq!(
            problems("ledgr = \"x\"\n")
                .iter()
                .map(|(c, _)| *c)
                .collect::<Vec<_>>(),
            [Code::UnknownField]
        );
        assert_eq!(
            problems("ledger = 3\n")
                .iter()
                .map(|(c, _)| *c)
                .collect::<Vec<_>>(),
            [Code::WrongType]
        );
        assert_eq!(
            problems("[publisher]\nurl = \"example.org\"\n")
                .iter()
                .map(|(c, _)| *c)
                .collect::<Vec<_>>(),
            [Code::BadUrl]
        );
        assert_eq!(
            problems("ledger = \"\"\n")
                .iter()
                .map(|(c, _)| *c)
                .collect::<Vec<_>>(),
            [Code::BadField]
        );
        assert_eq!(
            problems("ledger = [\n")
                .iter()
                .map(|(c, _)| *c)
                .collect::<Vec<_>>(),
            [Code::Syntax]
        );
    }
}
