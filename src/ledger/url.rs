//! The one grammar of URLs a ledger, a claim or a project file may hold: what `check` reports
//! of a source's URL, and what claim and project files are held to.

/// What is wrong with a URL, or `None` when it is a usable `http(s)` URL.
///
/// The URL is checked by hand, to RFC 3986 (and RFC 3987 for letters outside ASCII in the
/// path): `http://` or `https://`, then a host that is a domain name (letters, digits and
/// `-` in dot-separated labels) with an optional port, and no user name (`user@host` reads
/// as one host and goes to another); then a path, query and fragment of the characters a URL
/// may hold, with `%` starting a two-digit escape. Spaces, quotes, backslashes, angle
/// brackets, braces, `|`, `^` and backticks must be percent-encoded: printed as they are,
/// they could end the attribute, the element or the Markdown a URL is shown in.
pub(crate) fn url_problem(url: &str) -> Option<String> {
    let shown: String = url.chars().take(60).collect();
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some(format!(
            "`{shown}` does not start with `https://` or `http://`"
        ));
    };
    if let Some(c) = url.chars().find(|&c| forbidden(c)) {
        let what = match c {
            '"' | '\'' => "a quote",
            '\\' => "a backslash",
            '<' | '>' => "an angle bracket",
            c if c.is_whitespace() => "a space",
            _ => "a character a URL cannot hold",
        };
        let quoted = if c == '`' {
            "`` ` ``".to_owned()
        } else {
            format!("`{c}`")
        };
        return Some(format!("`{shown}` contains {what} ({quoted})"));
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return Some(format!(
            "`{authority}` names a user before the host, which hides where the link goes"
        ));
    }
    let (name, port) = match authority.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (authority, None),
    };
    if name.is_empty() {
        return Some(format!("`{shown}` has no host"));
    }
    let labels_ok = name.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    if !labels_ok || !name.contains('.') {
        return Some(format!("`{name}` is not a domain name"));
    }
    if let Some(port) = port
        && !(port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok_and(|p| p > 0))
    {
        return Some(format!("`{port}` is not a port"));
    }
    if tail.matches('#').count() > 1 {
        return Some(format!("`{shown}` has more than one `#`"));
    }
    let bytes = tail.as_bytes();
    for (i, _) in tail.match_indices('%') {
        let hex = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_hexdigit);
        if !(hex(i + 1) && hex(i + 2)) {
            return Some(format!(
                "`{shown}` has a `%` that does not start an escape such as `%20`"
            ));
        }
    }
    None
}

/// Whether a URL may not hold `c` as it is: what RFC 3986 leaves out of URLs (space, `"`,
/// `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, and `[`, `]` outside an IPv6 host, which a
/// ledger's sources do not use), the quote `'` (allowed there, but it ends an attribute in
/// single quotes), and every space or control character.
pub(crate) fn forbidden(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '[' | ']'
    ) || c.is_whitespace()
        || c.is_control()
        || crate::hostile::is_hostile(c)
}

#[cfg(test)]
mod tests {
    use super::url_problem;

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        assert_eq!(
            url_problem("https://www8.cao.go.jp/cstp/ai/yosan_8nendo.pdf"),
            None
        );
        assert_eq!(
            url_problem("https://news.microsoft.com/source/?lang=ja"),
            None
        );
        assert_eq!(url_problem("http://example.org:8080/a"), None);
        assert_eq!(
            url_problem("www.example.org").as_deref(),
            Some("`www.example.org` does not start with `https://` or `http://`")
        );
        assert_eq!(
            url_problem("https://").as_deref(),
            Some("`https://` has no host")
        );
        assert_eq!(
            url_problem("https://exa mple.org").as_deref(),
            Some("`https://exa mple.org` contains a space (` `)")
        );
        assert!(url_problem("ftp://example.org").is_some());
        assert!(url_problem("javascript:alert(1)").is_some());
        assert_eq!(
            url_problem("https://localhost/x").as_deref(),
            Some("`localhost` is not a domain name")
        );
        assert!(url_problem("https://a..b/").is_some());
    }

    #[test]
    fn urls_hold_nothing_that_ends_a_quote_or_an_element() {
        for (url, problem) in [
            (
                "https://ex.com/\"><script>alert(1)</script>",
                "contains a quote (`\"`)",
            ),
            ("https://ex.com/it's", "contains a quote (`'`)"),
            ("https://ex.com/a\\b", "contains a backslash (`\\`)"),
            ("https://ex.com/<b>", "contains an angle bracket (`<`)"),
            ("https://ex.com/a\u{3000}b", "contains a space (`\u{3000}`)"),
            (
                "https://ex.com/a`b",
                "contains a character a URL cannot hold (`` ` ``)",
            ),
            (
                "https://ex.com/{x}",
                "contains a character a URL cannot hold (`{`)",
            ),
        ] {
            let found = url_problem(url).unwrap_or_default();
            assert!(found.ends_with(problem), "{url}: {found}");
        }
    }

    #[test]
    fn urls_are_checked_part_by_part() {
        for (url, problem) in [
            (
                "https://google.com@evil.example/",
                "`google.com@evil.example` names a user before the host, which hides where the link goes",
            ),
            ("https://ex.com:http/", "`http` is not a port"),
            ("https://ex.com:0/", "`0` is not a port"),
            ("https://ex.com:99999/", "`99999` is not a port"),
            ("https://-ex.com/", "`-ex.com` is not a domain name"),
            ("https://日本.jp/", "`日本.jp` is not a domain name"),
            (
                "https://ex.com/a#b#c",
                "`https://ex.com/a#b#c` has more than one `#`",
            ),
            (
                "https://ex.com/100%",
                "`https://ex.com/100%` has a `%` that does not start an escape such as `%20`",
            ),
        ] {
            assert_eq!(url_problem(url).as_deref(), Some(problem), "{url}");
        }
        for url in [
            "https://ex.com/wiki/Foo_(bar)",
            "https://ex.com/%E6%97%A5?q=a+b&r=1;s=2#top",
            "https://ja.wikipedia.org/wiki/日本",
            "https://medium.com/@someone/post",
            "https://xn--wgv71a.jp/",
            "https://ex.com:443/",
        ] {
            assert_eq!(url_problem(url), None, "{url}");
        }
    }
}
