//! Verdicts as web pages: `verify --format html` and `kensho site`. Snapshots of the page
//! and the index; every generated page parsed with an HTML5 parser and its structure
//! asserted (badge, charts, footnotes, JSON-LD, nothing loaded from elsewhere); the site
//! written only inside its folder; and a hostile ledger whose markup reaches a page only as
//! text.

use std::collections::BTreeSet;
use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use crate::harness::Sandbox;

fn select(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector `{css}`: {e:?}"))
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Parses a page, asserting that the HTML5 parser met no error in it.
fn parse(what: &str, text: &str) -> Html {
    let html = Html::parse_document(text);
    assert!(
        html.errors.is_empty(),
        "{what}: the parser reports {:?}",
        html.errors
    );
    html
}

fn texts(element: ElementRef<'_>) -> String {
    element.text().collect()
}

/// What every page holds, whatever it shows: a strict policy, nothing loaded from
/// elsewhere, no handler, no style attribute, every in-page link resolving.
fn self_contained(what: &str, html: &Html) {
    let csp = select("meta[http-equiv=\"Content-Security-Policy\"]");
    let policy = html
        .select(&csp)
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"));
    assert!(
        policy.starts_with("default-src 'none'; style-src 'sha256-"),
        "{what}: {policy}"
    );
    assert_eq!(html.select(&select("link")).count(), 0, "{what}: a <link>");
    assert_eq!(html.select(&select("style")).count(), 1, "{what}");
    let ids: BTreeSet<&str> = (html.select(&select("[id]")))
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let outbound = select("ol.sources a[href]");
    let outbound: BTreeSet<_> = html.select(&outbound).map(|a| a.id()).collect();
    for element in html.select(&select("*")) {
        let e = element.value();
        for (name, value) in e.attrs() {
            assert!(
                !name.starts_with("on"),
                "{what}: <{}> has an event handler `{name}`",
                e.name()
            );
            assert_ne!(
                name,
                "style",
                "{what}: <{}> has a style attribute",
                e.name()
            );
            assert!(
                !["src", "srcset", "poster", "data", "action", "formaction"].contains(&name),
                "{what}: <{}> loads `{value}`",
                e.name()
            );
            if name == "href" || name == "xlink:href" {
                let web = value.starts_with("http://") || value.starts_with("https://");
                assert!(
                    !web || (e.name() == "a" && outbound.contains(&element.id())),
                    "{what}: <{}> links out to `{value}` from outside the sources",
                    e.name()
                );
                assert!(!value.contains(':') || web, "{what}: href `{value}`");
                if let Some(anchor) = value.strip_prefix('#') {
                    assert!(
                        ids.contains(anchor),
                        "{what}: `{value}` resolves to nothing"
                    );
                }
            }
        }
        if e.name() == "script" {
            assert_eq!(e.attr("type"), Some("application/ld+json"), "{what}");
        }
    }
}

/// The verdict page's own structure, checked against the JSON and ClaimReview of the same
/// claim.
fn verdict_page(what: &str, html: &Html, verdict: &serde_json::Value, review: &str) {
    self_contained(what, html);
    let badge = html
        .select(&select(".verdict .badge"))
        .next()
        .unwrap_or_else(|| panic!("{what}: no badge"));
    assert_eq!(
        texts(badge),
        verdict["verdict"]["label"].as_str().unwrap_or(""),
        "{what}"
    );
    let h1 = html.select(&select("h1")).next().map(texts);
    assert_eq!(h1.as_deref(), verdict["claim"]["text"].as_str(), "{what}");
    if let Some(ja) = verdict["claim"]["text_ja"].as_str() {
        let shown = html.select(&select("p.ja[lang=\"ja\"]")).next().map(texts);
        assert_eq!(shown.as_deref(), Some(ja), "{what}");
    }
    // Both charts, titled, described and labelled by what they hold.
    let charts: Vec<ElementRef<'_>> = html.select(&select("svg.chart")).collect();
    assert_eq!(charts.len(), 2, "{what}");
    for chart in &charts {
        assert_eq!(chart.value().attr("role"), Some("img"), "{what}");
        let labelled = chart.value().attr("aria-labelledby").unwrap_or("");
        let title = chart.select(&select("title")).next().map(texts);
        let desc = chart.select(&select("desc")).next().map(texts);
        assert!(title.is_some_and(|t| !t.is_empty()), "{what}");
        assert!(desc.is_some_and(|d| !d.is_empty()), "{what}");
        for id in labelled.split(' ') {
            assert_eq!(
                html.select(&select(&format!("#{id}"))).count(),
                1,
                "{what}: `{id}`"
            );
        }
    }
    // The bar chart: a legend swatch for the headline and each reading, then a bar for
    // every score an axis has, combined and under each reading.
    let axes = verdict["axes"].as_array().cloned().unwrap_or_default();
    let readings = verdict["readings"].as_array().map_or(0, Vec::len);
    let scored: usize = (axes.iter())
        .map(|a| {
            usize::from(!a["score"].is_null())
                + (a["scores"].as_object())
                    .map_or(0, |m| m.values().filter(|s| !s.is_null()).count())
        })
        .sum();
    assert_eq!(
        charts[0].select(&select("rect")).count(),
        1 + readings + scored,
        "{what}"
    );
    let headings = (charts[0].select(&select("text")))
        .filter(|t| texts(*t).contains("coverage"))
        .count();
    assert_eq!(headings, axes.len(), "{what}");
    assert!(texts(charts[1]).contains("score"), "{what}");
    let lines = charts[1].select(&select("polyline")).count();
    if verdict["verdict"]["score"].is_null() {
        assert!(texts(charts[1]).contains("No score at any point"), "{what}");
    } else {
        assert!(lines >= 1, "{what}");
    }
    // Every footnote marker resolves to a source, and every source links out to its URL.
    let sources = verdict["sources"].as_array().cloned().unwrap_or_default();
    let items: Vec<ElementRef<'_>> = html.select(&select("ol.sources > li")).collect();
    assert_eq!(items.len(), sources.len(), "{what}");
    for (item, source) in items.iter().zip(&sources) {
        let n = source["footnote"].as_u64().unwrap_or(0);
        assert_eq!(
            item.value().attr("id"),
            Some(format!("source-{n}").as_str())
        );
        let link = item.select(&select("a[href]")).next();
        assert_eq!(
            link.and_then(|a| a.value().attr("href")),
            source["url"].as_str(),
            "{what}"
        );
    }
    let markers: Vec<ElementRef<'_>> = html.select(&select("sup.fn a")).collect();
    assert!(
        !markers.is_empty() || sources.is_empty(),
        "{what}: no footnotes"
    );
    for marker in markers {
        let href = marker.value().attr("href").unwrap_or("");
        let n = href
            .strip_prefix("#source-")
            .unwrap_or_else(|| panic!("{href}"));
        assert_eq!(texts(marker), format!("[{n}]"), "{what}");
    }
    // The robustness data and the arithmetic in collapsible sections.
    for heading in [
        "Stability",
        "Labels drawn",
        "Interval",
        "Aggregates",
        "Pivotal records",
    ] {
        assert!(
            html.select(&select("dl.firm dt"))
                .any(|dt| texts(dt) == heading),
            "{what}: no {heading}"
        );
    }
    let criteria = verdict["axes"].as_array().map_or(0, |a| {
        a.iter()
            .map(|x| x["criteria"].as_array().map_or(0, Vec::len))
            .sum()
    });
    assert!(
        html.select(&select("section details")).count() > criteria,
        "{what}"
    );
    // The JSON-LD is `verify --format claimreview`, byte for byte.
    let script = html
        .select(&select("script[type=\"application/ld+json\"]"))
        .next()
        .map(texts)
        .unwrap_or_else(|| panic!("{what}: no JSON-LD"));
    assert_eq!(script.trim_start(), review, "{what}");
    assert_eq!(json(&script), json(review), "{what}");
}

#[test]
fn the_shipped_verdict_as_a_page() {
    let sandbox = Sandbox::shipped();
    let out = sandbox.run(&["verify", "--format", "html"]).code(0);
    let verdict = json(&sandbox.run(&["verify", "--format", "json"]).code(0).stdout);
    let review = sandbox
        .run(&["verify", "--format", "claimreview"])
        .code(0)
        .stdout;
    let html = parse("verify --format html", &out.stdout);
    verdict_page("verify --format html", &html, &verdict, &review);
    // A page that stands alone links to no index.
    assert!(!out.stdout.contains("index.html"));
    assert_eq!(
        sandbox.run(&["verify", "--format", "html"]).stdout,
        out.stdout
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn the_site_has_a_page_per_claim_and_an_index_and_is_the_same_every_time() {
    let sandbox = Sandbox::shipped();
    let out = sandbox.run(&["site", "public"]).code(0);
    let claims = json(&sandbox.run(&["claims", "--format", "json"]).code(0).stdout);
    let ids: Vec<String> = (claims["claims"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter())
    .filter_map(|c| c["id"].as_str().map(str::to_owned))
    .collect();
    assert_eq!(ids.len(), 9);
    let mut listed: Vec<String> = vec!["public/index.html".to_owned()];
    let mut sorted = ids.clone();
    sorted.sort();
    listed.extend(sorted.iter().map(|id| format!("public/verdicts/{id}.html")));
    listed.push("public/.nojekyll".to_owned());
    assert_eq!(
        out.stdout,
        listed.iter().map(|l| format!("{l}\n")).collect::<String>()
    );
    let public = sandbox.path().join("public");
    let index_text = sandbox.read("public/index.html");
    let index = parse("index", &index_text);
    self_contained("index", &index);
    let entries: Vec<ElementRef<'_>> = index.select(&select("ol.claims > li")).collect();
    assert_eq!(entries.len(), ids.len());
    for (entry, id) in entries.iter().zip(&sorted) {
        let href = entry
            .select(&select("a[href]"))
            .next()
            .and_then(|a| a.value().attr("href"))
            .unwrap_or("");
        assert_eq!(href, format!("verdicts/{id}.html"));
        let verdict = json(
            &sandbox
                .run(&["verify", id, "--format", "json"])
                .code(0)
                .stdout,
        );
        let review = sandbox
            .run(&["verify", id, "--format", "claimreview"])
            .code(0)
            .stdout;
        let badge = entry.select(&select(".badge")).next().map(texts);
        assert_eq!(
            badge.as_deref(),
            verdict["verdict"]["label"].as_str(),
            "{id}"
        );
        let spark = entry.select(&select("svg.spark")).next();
        assert!(
            spark.is_some_and(|s| s.value().attr("aria-label").is_some()),
            "{id}"
        );
        let page_text = std::fs::read_to_string(public.join(href)).expect("the page");
        let page = parse(id, &page_text);
        verdict_page(id, &page, &verdict, &review);
        let home = page.select(&select("header nav a")).next();
        assert_eq!(
            home.and_then(|a| a.value().attr("href")),
            Some("../index.html")
        );
    }
    // Same input, same bytes, and the same bytes whatever the claim files are called.
    let first = crate::harness::snapshot_tree(&public);
    sandbox.run(&["site", "public"]).code(0);
    assert_eq!(crate::harness::snapshot_tree(&public), first);
    let claims = sandbox.path().join("claims");
    for (i, id) in sorted.iter().enumerate() {
        let renamed = claims.join(format!("{:02}-renamed.toml", sorted.len() - i));
        std::fs::rename(claims.join(format!("{id}.toml")), renamed).expect("rename");
    }
    sandbox.run(&["site", "public"]).code(0);
    assert_eq!(crate::harness::snapshot_tree(&public), first);
    insta::assert_snapshot!(index_text);
}

#[test]
fn the_site_writes_only_inside_its_folder() {
    let sandbox = Sandbox::shipped();
    let outside = sandbox.path().join("outside");
    std::fs::create_dir(&outside).expect("folder");
    std::fs::write(outside.join("index.html"), "mine").expect("write");
    std::fs::create_dir(sandbox.path().join("public")).expect("folder");
    let link = |from: &Path, to: &str| {
        #[cfg(unix)]
        std::os::unix::fs::symlink(from, sandbox.path().join(to)).expect("link");
    };
    link(&outside, "public/verdicts");
    let out = sandbox.run(&["site", "public"]).code(2);
    assert!(
        out.stderr.contains("`public/verdicts` is a symbolic link"),
        "{}",
        out.stderr
    );
    std::fs::remove_file(sandbox.path().join("public/verdicts")).expect("unlink");
    link(&outside.join("index.html"), "public/index.html");
    let out = sandbox.run(&["site", "public"]).code(2);
    assert!(
        out.stderr
            .contains("`public/index.html` is a symbolic link"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(outside.join("index.html")).expect("read"),
        "mine"
    );
    assert_eq!(std::fs::read_dir(&outside).expect("read").count(), 1);
}

#[test]
fn a_broken_ledger_makes_no_site() {
    let sandbox = Sandbox::shipped();
    sandbox.write("evidence/broken.toml", "[[event]]\nid = 3\n");
    let out = sandbox.run(&["site", "public"]).code(1);
    assert!(out.stderr.contains("error["), "{}", out.stderr);
    assert!(!sandbox.path().join("public").exists());
}

#[test]
fn hostile_text_reaches_a_page_only_as_text() {
    let sandbox = Sandbox::shipped();
    let hostile = "</script><img src=x onerror=\"alert(1)\"> 'q' & <!-- \u{feff}\u{200b}";
    let toml = hostile.replace('"', "\\\"");
    let edit = |file: &str, from: &str, to: &str| {
        let text = sandbox.read(file);
        assert!(text.contains(from), "{from} is not in {file}");
        sandbox.write(file, &text.replacen(from, to, 1));
    };
    let claim = "claims/japan-ai-world-level-2026-04.toml";
    edit(
        claim,
        "text = \"Japan's AI reached world level in April 2026\"",
        &format!("text = \"Japan's AI {toml}\""),
    );
    edit(
        claim,
        "id = \"parity\"\ntitle = \"",
        &format!("id = \"parity\"\ntitle = \"{toml} "),
    );
    let sources = "evidence/sources.toml";
    let url = "https://group.ntt.jp/newsrelease/2025/10/20/251020a.html";
    edit(sources, url, "https://group.ntt.jp/a?b=1&c=<2>");
    let out = sandbox.run(&["check", "--format", "short"]).code(1);
    assert!(out.stdout.contains("K0204"), "{}", out.stdout);
    edit(
        sources,
        "https://group.ntt.jp/a?b=1&c=<2>",
        "https://group.ntt.jp/a?b=1&c=2#x",
    );
    edit(
        sources,
        "title = \"NTT press release on making the tsuzumi 2 LLM available\"",
        &format!("title = \"NTT {toml}\"\nnote = \"\"\"\nline one {toml}\nline two\"\"\""),
    );
    // A control character is refused before any page is made.
    let original = sandbox.read(claim);
    edit(
        claim,
        "世界水準へ飛躍した\"",
        "世界水準へ飛躍した\\u001b[2J\"",
    );
    let out = sandbox.run(&["verify", "--format", "html"]).code(1);
    assert!(out.stderr.contains("K0211"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    sandbox.write(claim, &original);

    let page = sandbox.run(&["verify", "--format", "html"]).code(0).stdout;
    let html = parse("hostile page", &page);
    self_contained("hostile page", &html);
    assert_eq!(html.select(&select("img")).count(), 0);
    assert_eq!(html.select(&select("script")).count(), 1);
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("<!-- "), "{page}");
    // Every place the text shows, it reads back as it was written.
    let h1 = html.select(&select("h1")).next().map(texts);
    assert_eq!(h1, Some(format!("Japan's AI {hostile}")));
    let title = html.select(&select("title")).next().map(texts);
    assert!(title.is_some_and(|t| t.ends_with(hostile)));
    let reading = html
        .select(&select("td"))
        .find(|td| texts(*td).starts_with("</script>"));
    assert!(reading.is_some(), "the reading's title");
    let source = html
        .select(&select("ol.sources li"))
        .find(|li| texts(*li).contains("NTT </script>"))
        .expect("the source");
    assert_eq!(
        source
            .select(&select("a"))
            .next()
            .and_then(|a| a.value().attr("href")),
        Some("https://group.ntt.jp/a?b=1&c=2#x")
    );
    assert!(texts(source).contains(&format!("line one {hostile}\nline two")));
    assert!(page.contains("href=\"https://group.ntt.jp/a?b=1&amp;c=2#x\""));
    // The JSON-LD still cannot be ended, and reads back the same text.
    let script = html
        .select(&select("script"))
        .next()
        .map(texts)
        .unwrap_or_default();
    assert!(!script.contains('<'), "{script}");
    assert_eq!(
        json(&script)["claimReviewed"],
        format!("Japan's AI {hostile}")
    );
}
