//! The folders of a revision as `git ls-tree -l -z` lists them, and a path in a revision
//! resolved as a checkout of it would resolve it: symbolic links followed within the
//! revision's own tree, one component at a time; a link leading outside the repository, a
//! submodule on the way and a link to nothing refused, each naming the path.

use std::collections::VecDeque;
use std::rc::Rc;

use super::Error;

/// More symbolic links than this on the way to one path is taken for a loop, as the
/// operating system takes it (Linux's limit).
pub(crate) const MAX_LINKS: usize = 40;

/// The longest link target read; a longer one is no path a checkout could follow.
pub(crate) const MAX_LINK_TARGET: u64 = 4096;

/// What a tree entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A file (a blob of mode 100644 or 100755).
    File,
    /// A symbolic link (mode 120000): its blob holds the link's target.
    Link,
    /// A folder (a tree).
    Folder,
    /// A submodule (mode 160000): a commit of another repository, whose files are not
    /// among this repository's objects.
    Submodule,
}

/// One entry of a folder in a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// What it is.
    pub kind: Kind,
    /// Its object id (hexadecimal).
    pub oid: String,
    /// The blob's size in bytes as git reports it, without reading the blob; `None` for
    /// folders and submodules.
    pub size: Option<u64>,
    /// Its name in the folder, as the bytes git stores.
    pub name: Vec<u8>,
}

/// The entries in `git ls-tree -l -z` output: `MODE TYPE OID SIZE\tNAME`, NUL-terminated,
/// the size padded with spaces, or `-` for folders and submodules.
pub(crate) fn parse_listing(listing: &[u8]) -> Vec<Entry> {
    listing
        .split(|&b| b == 0)
        .filter_map(|line| {
            let tab = line.iter().position(|&b| b == b'\t')?;
            let (meta, name) = (std::str::from_utf8(&line[..tab]).ok()?, &line[tab + 1..]);
            let mut meta = meta.split_ascii_whitespace();
            let (mode, kind, oid, size) = (meta.next()?, meta.next()?, meta.next()?, meta.next()?);
            let kind = match kind {
                "tree" => Kind::Folder,
                "commit" => Kind::Submodule,
                "blob" if mode == "120000" => Kind::Link,
                "blob" => Kind::File,
                _ => return None,
            };
            Some(Entry {
                kind,
                oid: oid.to_owned(),
                size: size.parse().ok(),
                name: name.to_vec(),
            })
        })
        .collect()
}

/// What resolving a path needs from a repository.
pub(crate) trait Lookup {
    /// The entries of a tree (or of a commit's root tree).
    fn list(&mut self, tree: &str) -> Result<&[Entry], Error>;
    /// The target a symbolic link holds.
    fn read_link(&mut self, link: &Entry) -> Result<Vec<u8>, Error>;
}

/// A symbolic link met on the way, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// The link's path from the repository's root.
    pub path: String,
    /// What it points to, as written in it.
    pub target: String,
}

impl std::fmt::Display for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the symbolic link `{}` points to `{}`",
            self.path, self.target
        )
    }
}

/// Where a path in a revision leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// A folder: its tree's id, and its real path from the repository's root, one name per
    /// folder.
    Folder {
        /// The tree's id.
        oid: String,
        /// The folder's real path, links resolved.
        real: Vec<Vec<u8>>,
    },
    /// A file: its entry (the entry of the file a link leads to, for a link).
    File(Entry),
    /// A submodule, at this real path from the repository's root.
    Submodule(String),
    /// Nothing: the revision has nothing at the path (and no link on the way points to
    /// something missing).
    Nothing,
}

/// Resolves `path` (names from the repository's root) in the revision whose root tree (or
/// commit) is `root`, following symbolic links as a checkout would. Errors name the path as
/// `shown`.
pub(crate) fn resolve(
    store: &mut impl Lookup,
    root: &str,
    path: &[Vec<u8>],
    shown: &str,
) -> Result<Found, Error> {
    // The real folders walked so far, each with its tree's id; empty at the root.
    let mut real: Vec<(Vec<u8>, String)> = Vec::new();
    // The names still to walk, next first, each with the link whose target it comes from.
    let mut rest: VecDeque<(Vec<u8>, Option<Rc<Link>>)> =
        path.iter().map(|name| (name.clone(), None)).collect();
    let mut links = 0;
    let path_of = |real: &[(Vec<u8>, String)], name: &[u8]| -> String {
        let mut names: Vec<&[u8]> = real.iter().map(|(n, _)| n.as_slice()).collect();
        names.push(name);
        String::from_utf8_lossy(&names.join(&b'/')).into_owned()
    };
    let shown = || shown.to_owned();
    while let Some((name, from)) = rest.pop_front() {
        match name.as_slice() {
            b"" | b"." => continue,
            b".." => {
                if real.pop().is_none() {
                    return Err(Error::Outside {
                        path: shown(),
                        link: from.map(|l| (*l).clone()),
                    });
                }
                continue;
            }
            _ => {}
        }
        let tree = real.last().map_or(root, |(_, oid)| oid.as_str());
        let entry = store.list(tree)?.iter().find(|e| e.name == name).cloned();
        let Some(entry) = entry else {
            return match from {
                Some(link) => Err(Error::Dangling {
                    path: shown(),
                    link: (*link).clone(),
                }),
                None => Ok(Found::Nothing),
            };
        };
        // Whatever follows must be walked into, so this must be a folder; only `.` and
        // empty names (`a/./`, `a//`) can follow a file, and POSIX refuses even those.
        let last = rest.is_empty();
        match entry.kind {
            Kind::Folder => real.push((name, entry.oid)),
            Kind::File if last => return Ok(Found::File(entry)),
            Kind::File => {
                return Err(Error::NotAFolder {
                    path: shown(),
                    file: path_of(&real, &name),
                });
            }
            Kind::Submodule if last => return Ok(Found::Submodule(path_of(&real, &name))),
            Kind::Submodule => {
                return Err(Error::Submodule {
                    path: shown(),
                    submodule: Some(path_of(&real, &name)),
                });
            }
            Kind::Link => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(Error::LinkLoop { path: shown() });
                }
                let too_long = entry.size.is_none_or(|size| size > MAX_LINK_TARGET);
                let target = if too_long {
                    Vec::new()
                } else {
                    store.read_link(&entry)?
                };
                let link = Rc::new(Link {
                    path: path_of(&real, &name),
                    target: if too_long {
                        format!("{} bytes of text", entry.size.unwrap_or_default())
                    } else {
                        String::from_utf8_lossy(&target).into_owned()
                    },
                });
                if target.starts_with(b"/") {
                    return Err(Error::Outside {
                        path: shown(),
                        link: Some((*link).clone()),
                    });
                }
                // An empty target, like a missing one, leads nowhere.
                if target.is_empty() {
                    return Err(Error::Dangling {
                        path: shown(),
                        link: (*link).clone(),
                    });
                }
                // The target is walked from the folder holding the link.
                for name in target.split(|&b| b == b'/').rev() {
                    rest.push_front((name.to_vec(), Some(Rc::clone(&link))));
                }
            }
        }
    }
    Ok(Found::Folder {
        oid: real.last().map_or(root, |(_, oid)| oid.as_str()).to_owned(),
        real: real.into_iter().map(|(name, _)| name).collect(),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A revision held in memory: trees by id, link targets by blob id.
    #[derive(Default)]
    struct Fake {
        trees: BTreeMap<String, Vec<Entry>>,
        links: BTreeMap<String, Vec<u8>>,
        read: Vec<String>,
    }

    impl Fake {
        fn entry(&mut self, tree: &str, kind: Kind, name: &str, oid: &str) -> &mut Fake {
            let size = match kind {
                Kind::File => Some(10),
                Kind::Link => Some(self.links.get(oid).map_or(0, |t| t.len() as u64)),
                Kind::Folder | Kind::Submodule => None,
            };
            self.trees.entry(tree.to_owned()).or_default().push(Entry {
                kind,
                oid: oid.to_owned(),
                size,
                name: name.as_bytes().to_vec(),
            });
            self
        }

        fn link(&mut self, tree: &str, name: &str, target: &str) -> &mut Fake {
            let oid = format!("link:{tree}/{name}");
            self.links.insert(oid.clone(), target.as_bytes().to_vec());
            self.entry(tree, Kind::Link, name, &oid)
        }

        /// `path` resolved, or the error's message.
        fn resolve(&mut self, path: &str) -> Result<Found, String> {
            let names: Vec<Vec<u8>> = path.split('/').map(|n| n.as_bytes().to_vec()).collect();
            resolve(self, "root", &names, &format!("REV:{path}")).map_err(|e| e.to_string())
        }
    }

    impl Lookup for Fake {
        fn list(&mut self, tree: &str) -> Result<&[Entry], Error> {
            Ok(self.trees.get(tree).map_or(&[], Vec::as_slice))
        }

        fn read_link(&mut self, link: &Entry) -> Result<Vec<u8>, Error> {
            self.read.push(link.oid.clone());
            Ok(self.links.get(&link.oid).cloned().unwrap_or_default())
        }
    }

    /// `data/evidence/a.toml`, `data/sub` a submodule, `notes` a file.
    fn revision() -> Fake {
        let mut fake = Fake::default();
        fake.entry("root", Kind::Folder, "data", "data")
            .entry("root", Kind::File, "notes", "notes")
            .entry("data", Kind::Folder, "evidence", "data/evidence")
            .entry("data", Kind::Submodule, "sub", "commit")
            .entry("data/evidence", Kind::File, "a.toml", "a");
        fake
    }

    fn folder(oid: &str, real: &[&str]) -> Found {
        Found::Folder {
            oid: oid.to_owned(),
            real: real.iter().map(|n| n.as_bytes().to_vec()).collect(),
        }
    }

    fn message(result: Result<Found, String>) -> String {
        match result {
            Err(e) => e,
            Ok(found) => panic!("expected an error, found {found:?}"),
        }
    }

    #[test]
    fn ls_tree_lines_become_entries() {
        let listing = b"100644 blob aaaa      12\tevidence/a.toml\0\
                        120000 blob bbbb       9\tlink.toml\0\
                        040000 tree cccc       -\tsub\0\
                        160000 commit dddd       -\tmodule\0\
                        100755 blob eeee 4294967296\tb c.toml\0";
        let entries = parse_listing(listing);
        let shape: Vec<(Kind, &str, Option<u64>, &[u8])> = entries
            .iter()
            .map(|e| (e.kind, e.oid.as_str(), e.size, e.name.as_slice()))
            .collect();
        assert_eq!(
            shape,
            [
                (Kind::File, "aaaa", Some(12), &b"evidence/a.toml"[..]),
                (Kind::Link, "bbbb", Some(9), b"link.toml"),
                (Kind::Folder, "cccc", None, b"sub"),
                (Kind::Submodule, "dddd", None, b"module"),
                (Kind::File, "eeee", Some(4_294_967_296), b"b c.toml"),
            ]
        );
    }

    #[test]
    fn plain_paths_resolve_without_reading_links() {
        let mut fake = revision();
        assert_eq!(
            fake.resolve("data/evidence"),
            Ok(folder("data/evidence", &["data", "evidence"]))
        );
        assert!(matches!(fake.resolve("data/evidence/a.toml"), Ok(Found::File(e)) if e.oid == "a"));
        assert_eq!(fake.resolve("data/missing"), Ok(Found::Nothing));
        assert_eq!(
            fake.resolve("./data/../data//evidence/."),
            fake.resolve("data/evidence")
        );
        assert_eq!(
            fake.resolve("data/sub"),
            Ok(Found::Submodule("data/sub".to_owned()))
        );
        assert!(fake.read.is_empty());
    }

    #[test]
    fn links_are_followed_from_the_folder_that_holds_them() {
        let mut fake = revision();
        fake.link("root", "evidence", "data/evidence")
            .link("data/evidence", "b.toml", "../../notes")
            .link("root", "via", "evidence/")
            .link("root", "chain", "via");
        assert_eq!(
            fake.resolve("evidence"),
            Ok(folder("data/evidence", &["data", "evidence"]))
        );
        assert_eq!(fake.resolve("chain"), fake.resolve("evidence"));
        assert!(matches!(fake.resolve("evidence/b.toml"), Ok(Found::File(e)) if e.oid == "notes"));
        assert!(matches!(fake.resolve("chain/a.toml"), Ok(Found::File(e)) if e.oid == "a"));
    }

    #[test]
    fn a_link_outside_the_repository_is_refused_with_its_target() {
        let mut fake = revision();
        fake.link("root", "abs", "/srv/evidence")
            .link("data", "up", "../../evidence")
            .link("root", "via", "data/up");
        assert_eq!(
            message(fake.resolve("abs")),
            "`REV:abs` leads outside the repository: the symbolic link `abs` points to \
             `/srv/evidence`; kensho reads a revision only from its own files"
        );
        assert!(message(fake.resolve("via/x")).contains("`data/up` points to `../../evidence`"));
        assert_eq!(
            message(fake.resolve("../evidence")),
            "`REV:../evidence` leads outside the repository; kensho reads a revision only from \
             its own files"
        );
    }

    #[test]
    fn submodules_on_the_way_are_refused_and_named() {
        let mut fake = revision();
        fake.link("root", "evidence", "data/sub/evidence");
        let text = message(fake.resolve("evidence"));
        assert!(
            text.starts_with("`REV:evidence` lies in submodule `data/sub`: "),
            "{text}"
        );
    }

    #[test]
    fn links_to_nothing_loops_and_files_as_folders_are_refused() {
        let mut fake = revision();
        fake.link("root", "gone", "data/nowhere")
            .link("root", "empty", "")
            .link("root", "a", "b")
            .link("root", "b", "a");
        assert_eq!(
            message(fake.resolve("gone")),
            "`REV:gone` leads nowhere: the symbolic link `gone` points to `data/nowhere`, which \
             the revision does not have"
        );
        assert!(message(fake.resolve("empty")).contains("leads nowhere"));
        assert_eq!(
            message(fake.resolve("a")),
            "`REV:a` does not resolve: more than 40 symbolic links on the way, likely a loop"
        );
        assert_eq!(
            message(fake.resolve("notes/evidence")),
            "`REV:notes/evidence` is not a folder: `notes` is a file"
        );
        // A missing name that the path itself gives, not a link, is simply absent.
        assert_eq!(fake.resolve("data/evidence/none.toml"), Ok(Found::Nothing));
    }
}
