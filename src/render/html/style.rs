//! The page's one stylesheet and the Content-Security-Policy that lets it, and nothing else,
//! apply.
//!
//! A page must open from disk and work under a strict policy, so it loads nothing: the
//! policy is `default-src 'none'` (no scripts, images, fonts, frames or connections), with
//! `base-uri` and `form-action` closed too. Its one `<style>` element is allowed by the
//! SHA-256 hash of its text rather than by `'unsafe-inline'`: then a style smuggled into a
//! page, were escaping ever to fail, could not restyle it (hide the verdict, paint a false
//! one), and a page copied into a site with its own policy keeps working under a hash. The
//! charts therefore use presentation attributes and classes, never `style="..."`, which a
//! hash does not cover. The JSON-LD `<script>` is a data block that no browser runs, so the
//! policy need not allow it.

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::engine::Label;
use crate::render::html::badge::{class, colour};

/// The stylesheet, screen and print, kept in its own file so that it reads as CSS.
const SHEET: &str = include_str!("style.css");

/// Every label, for the badge colours.
const LABELS: [Label; 6] = [
    Label::True,
    Label::MostlyTrue,
    Label::HalfTrue,
    Label::MostlyFalse,
    Label::False,
    Label::NotEnoughEvidence,
];

/// The stylesheet: the badge colours, from the one list the charts draw with too, then
/// `style.css`.
pub(super) fn css() -> String {
    let mut out = String::new();
    for label in LABELS {
        out.push_str(&format!(
            ".{}{{background:{}}}\n",
            class(label),
            colour(label)
        ));
    }
    out.push_str(SHEET);
    out
}

/// The Content-Security-Policy of a page whose one stylesheet is `css`: nothing loads, and
/// only that stylesheet applies.
pub(super) fn policy(css: &str) -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(css.as_bytes()));
    format!("default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_the_stylesheet_by_its_hash_and_loads_nothing() {
        let css = css();
        let p = policy(&css);
        assert!(
            p.starts_with("default-src 'none'; style-src 'sha256-"),
            "{p}"
        );
        assert!(!p.contains("unsafe"), "{p}");
        // A SHA-256 digest is 32 bytes: 44 characters of base64 with one `=` of padding.
        let hash = p
            .split("'sha256-")
            .nth(1)
            .and_then(|h| h.split('\'').next());
        assert_eq!(hash.map(str::len), Some(44), "{p}");
        assert_ne!(policy("a{}"), p);
        // The stylesheet holds nothing that could end its element or load anything.
        assert!(!css.contains("</"));
        assert!(!css.contains("url("));
        assert!(!css.contains("@import"));
        assert!(css.contains(".label-half-true{background:#8a5300}"));
    }
}
