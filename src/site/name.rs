//! Claim ids as file names. An id already holds only ASCII letters, digits, `.`, `_` and
//! `-`, but a site is also served from, and copied onto, file systems that fold case, where
//! the ids `JP` and `jp` would be one file. So a file name keeps lowercase letters, digits,
//! `_`, `-` and a `.` that does not start it, writes an uppercase letter as `~` and the
//! letter in lowercase (`JP` → `~j~p`), and anything else (which an id never holds) as `~~`
//! and each of its UTF-8 bytes in lowercase hex (`/` → `~~2f`). After a `~` comes either a
//! letter or `~` and two digits, so no two ids give one name, in any case, and no name
//! leaves its folder or hides (`..`, `/`, a leading `.`).

/// The folder of the verdict pages, beside the index.
pub(crate) const PAGES: &str = "verdicts";

/// The page file name of the claim `id`: `japan-ai-world-level-2026-04.html`.
pub(crate) fn file_name(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 5);
    for (i, c) in id.chars().enumerate() {
        match c {
            'a'..='z' | '0'..='9' | '_' | '-' => out.push(c),
            '.' if i > 0 => out.push(c),
            'A'..='Z' => {
                out.push('~');
                out.push(c.to_ascii_lowercase());
            }
            c => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("~~{b:02x}"));
                }
            }
        }
    }
    if out.is_empty() {
        out.push('~');
    }
    out.push_str(".html");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_names_that_stay_in_their_folder_and_never_collide() {
        assert_eq!(
            file_name("japan-ai-world-level-2026-04"),
            "japan-ai-world-level-2026-04.html"
        );
        assert_eq!(file_name("JP"), "~j~p.html");
        assert_eq!(file_name("jp"), "jp.html");
        assert_eq!(file_name("v1.2_x"), "v1.2_x.html");
        assert_eq!(file_name("../etc/passwd"), "~~2e.~~2fetc~~2fpasswd.html");
        assert_eq!(file_name(".hidden"), "~~2ehidden.html");
        assert_eq!(file_name("a b"), "a~~20b.html");
        assert_eq!(file_name("日"), "~~e6~~97~~a5.html");
        assert_eq!(file_name(""), "~.html");
        let names: Vec<String> = ["Ab", "aB", "ab", "AB", "a~b", "E6", "\u{e6}"]
            .iter()
            .map(|id| file_name(id).to_lowercase())
            .collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    }
}
