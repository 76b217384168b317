//! Deterministic archive walking.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};

use crate::document::{RawDocument, ReadError, ReadErrorKind};
use crate::json::FieldMap;
use crate::path::relative_path;
use crate::read::{Item, Reader, Sink, Stop};
use crate::shard::Shard;

/// Documents read ahead of the consumer; the reader thread waits beyond this.
const READ_AHEAD: usize = 16;

/// Walks an archive root and reads every file whose name has one of the
/// accepted extensions ([`DEFAULT_EXTENSIONS`](crate::DEFAULT_EXTENSIONS)),
/// yielding its documents: one for a text or HTML file, one per record for
/// JSON Lines, JSON arrays and WARC files, one per member for tar and zip
/// archives, through any layer of gzip, zstd, bzip2 or xz.
///
/// Order is deterministic: depth first, entries of a directory sorted by
/// file name bytes, records and members in file order. Errors (unreadable
/// directories or files, symbolic links, oversized documents, malformed
/// records) are yielded in place, and the walk goes on.
///
/// Reading happens on a thread of its own that stays at most a few
/// documents ahead of the consumer: memory is bounded whatever the size of
/// the files.
pub struct ArchiveWalker {
    root: PathBuf,
    reader: Reader,
    follow_links: bool,
    shard: Option<Shard>,
    filter: Option<Filter>,
    skip: Vec<PathBuf>,
    marker: Option<String>,
    ignored: Arc<AtomicU64>,
    rx: Option<Receiver<Item>>,
}

/// Decides, from its relative and full path, whether a file is read.
type Filter = Arc<dyn Fn(&str, &Path) -> bool + Send + Sync>;

impl ArchiveWalker {
    /// A walker over `root` with the default extensions and limits.
    pub fn new(root: impl AsRef<Path>) -> ArchiveWalker {
        ArchiveWalker {
            root: root.as_ref().to_path_buf(),
            reader: Reader::new(),
            follow_links: false,
            shard: None,
            filter: None,
            skip: Vec::new(),
            marker: None,
            ignored: Arc::new(AtomicU64::new(0)),
            rx: None,
        }
    }

    /// Accept files with these extensions (without the dot, case-insensitive).
    /// An empty string accepts files without an extension.
    pub fn extensions<I, S>(mut self, extensions: I) -> ArchiveWalker
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.reader = self.reader.extensions(extensions);
        self
    }

    /// Refuse documents larger than `max_bytes` with
    /// [`ReadErrorKind::TooLarge`] instead of reading them into memory.
    pub fn max_bytes(mut self, max_bytes: u64) -> ArchiveWalker {
        self.reader = self.reader.max_bytes(max_bytes);
        self
    }

    /// Stop decompressing a stream or member past `max_member_bytes`
    /// ([`ReadErrorKind::MemberTooLarge`]).
    pub fn max_member_bytes(mut self, max_member_bytes: u64) -> ArchiveWalker {
        self.reader = self.reader.max_member_bytes(max_member_bytes);
        self
    }

    /// Field map for JSON and JSON Lines records.
    pub fn fields(mut self, fields: FieldMap) -> ArchiveWalker {
        self.reader = self.reader.fields(fields);
        self
    }

    /// Follow symbolic links that stay inside the root (default: links are
    /// reported, not followed). Links that lead outside the root and link
    /// loops are reported either way.
    pub fn follow_links(mut self, follow: bool) -> ArchiveWalker {
        self.follow_links = follow;
        self
    }

    /// Read only the files of this shard.
    pub fn shard(mut self, shard: Option<Shard>) -> ArchiveWalker {
        self.shard = shard;
        self
    }

    /// Leave out the folder `dir` when it lies inside the root: an output
    /// folder kept inside the archive is not read back as input.
    pub fn skip_dir(mut self, dir: impl AsRef<Path>) -> ArchiveWalker {
        self.skip.push(dir.as_ref().to_path_buf());
        self
    }

    /// Leave out every folder below the root that holds a folder named
    /// `name`: the output folders of other runs kept inside the archive
    /// (each holds its state folder) are not read as input either. A file
    /// of that name marks nothing.
    pub fn skip_marked(mut self, name: impl Into<String>) -> ArchiveWalker {
        self.marker = Some(name.into());
        self
    }

    /// A count of the files the walk passes over for their extension
    /// (pictures and stylesheets beside saved pages) or their type (FIFOs,
    /// sockets), final once the walk has ended: they are no input, but not
    /// silently so.
    pub fn ignored(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.ignored)
    }

    /// Read only the accepted files for which `filter(relative path, full
    /// path)` is true; it is called on the reader thread, in walk order,
    /// just before a file is opened (an incremental run skips unchanged
    /// files this way without reading them).
    pub fn filter(mut self, filter: impl Fn(&str, &Path) -> bool + Send + Sync + 'static) -> Self {
        self.filter = Some(Arc::new(filter));
        self
    }

    /// Sizes of the accepted files, without reading them: a cheap count of
    /// the work ahead for progress reporting.
    pub fn sizes(self) -> impl Iterator<Item = u64> {
        let root = self.root.clone();
        let shard = self.shard;
        let reader = self.reader;
        let skipped = skipped_dirs(&self.root, &self.skip);
        let walk_root = self.root.clone();
        let marker = self.marker;
        walkdir::WalkDir::new(&self.root)
            .follow_links(self.follow_links)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(move |entry| {
                !(entry.file_type().is_dir()
                    && (skipped.contains(&relative_path(&walk_root, entry.path()))
                        || marked(entry, marker.as_deref())))
            })
            .filter_map(move |entry| {
                let entry = entry.ok()?;
                let rel = relative_path(&root, entry.path());
                let accepted = entry.file_type().is_file()
                    && reader.accepts(&rel)
                    && shard.is_none_or(|s| s.contains(&rel));
                accepted.then(|| entry.metadata().map_or(0, |m| m.len()))
            })
    }

    fn start(&mut self) -> Receiver<Item> {
        let (tx, rx) = sync_channel(READ_AHEAD);
        let walk = Walk {
            root: self.root.clone(),
            reader: self.reader.clone(),
            follow_links: self.follow_links,
            shard: self.shard,
            filter: self.filter.clone(),
            skip: self.skip.clone(),
            marker: self.marker.clone(),
            ignored: Arc::clone(&self.ignored),
        };
        let spawned = std::thread::Builder::new()
            .name("newsclean-reader".to_string())
            .spawn(move || {
                let _ = walk.run(&mut |item| tx.send(item).map_err(|_| Stop));
            });
        if let Err(err) = spawned {
            let (tx, rx) = sync_channel(1);
            let _ = tx.send(Err(ReadError {
                path: ".".to_string(),
                index: None,
                kind: ReadErrorKind::Io(err),
            }));
            return rx;
        }
        rx
    }
}

impl Iterator for ArchiveWalker {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rx.is_none() {
            self.rx = Some(self.start());
        }
        self.rx.as_ref()?.recv().ok()
    }
}

/// The folders of `skip` that lie inside `root`, as paths relative to it.
fn skipped_dirs(root: &Path, skip: &[PathBuf]) -> Vec<String> {
    let Ok(root) = std::fs::canonicalize(root) else {
        return Vec::new();
    };
    skip.iter()
        .filter_map(|dir| std::fs::canonicalize(dir).ok())
        .filter(|dir| dir.starts_with(&root) && *dir != root)
        .map(|dir| relative_path(&root, &dir))
        .collect()
}

/// What the reader thread needs.
struct Walk {
    root: PathBuf,
    reader: Reader,
    follow_links: bool,
    shard: Option<Shard>,
    filter: Option<Filter>,
    skip: Vec<PathBuf>,
    marker: Option<String>,
    ignored: Arc<AtomicU64>,
}

/// A folder below the root that holds an entry named `marker`.
fn marked(entry: &walkdir::DirEntry, marker: Option<&str>) -> bool {
    // A folder itself, not a link to one.
    marker.is_some_and(|name| {
        entry.depth() > 0
            && std::fs::symlink_metadata(entry.path().join(name)).is_ok_and(|m| m.is_dir())
    })
}

impl Walk {
    fn run(&self, sink: &mut Sink<'_>) -> Result<(), Stop> {
        let canonical_root = std::fs::canonicalize(&self.root).unwrap_or(self.root.clone());
        let skipped = skipped_dirs(&self.root, &self.skip);
        let mut entries = walkdir::WalkDir::new(&self.root)
            .follow_links(self.follow_links)
            .sort_by_file_name()
            .into_iter();
        let in_shard = |rel: &str| self.shard.is_none_or(|s| s.contains(rel));
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| relative_path(&self.root, p))
                        .unwrap_or_else(|| ".".to_string());
                    // A folder that cannot be listed holds files of every
                    // shard: each shard hears of it.
                    let folder = err
                        .path()
                        .and_then(|p| std::fs::symlink_metadata(p).ok())
                        .is_some_and(|m| m.is_dir());
                    if folder || in_shard(&path) {
                        sink(Err(ReadError {
                            path,
                            index: None,
                            // walkdir's own error stays private: its I/O
                            // error, or a loop described as one.
                            kind: ReadErrorKind::Walk(err.into()),
                        }))?;
                    }
                    continue;
                }
            };
            let rel = relative_path(&self.root, entry.path());
            if entry.file_type().is_dir()
                && (skipped.contains(&rel) || marked(&entry, self.marker.as_deref()))
            {
                entries.skip_current_dir();
                continue;
            }
            let hidden = entry.file_name().as_encoded_bytes().starts_with(b".");
            if hidden && entry.depth() > 0 {
                // `.git`, `.DS_Store`, editors' swap files: never articles.
                if entry.file_type().is_dir() {
                    entries.skip_current_dir();
                }
                continue;
            }
            if entry.path_is_symlink() && entry.depth() > 0 {
                let problem = if !self.follow_links {
                    Some("symbolic link not followed (--follow-links follows links inside the archive)".to_string())
                } else {
                    match std::fs::canonicalize(entry.path()) {
                        Ok(target) if target.starts_with(&canonical_root) => None,
                        Ok(_) => Some(
                            "symbolic link points outside the archive root (not followed)"
                                .to_string(),
                        ),
                        Err(err) => Some(format!("broken symbolic link: {err}")),
                    }
                };
                if let Some(problem) = problem {
                    if entry.file_type().is_dir() {
                        entries.skip_current_dir();
                    }
                    if in_shard(&rel) {
                        let err = ReadError {
                            path: rel,
                            index: None,
                            kind: ReadErrorKind::Link(problem),
                        };
                        sink(Err(err))?;
                    }
                    continue;
                }
            }
            if !entry.file_type().is_file() || !in_shard(&rel) {
                // A FIFO, socket or device is no input either: counted.
                if !entry.file_type().is_dir() && in_shard(&rel) {
                    self.ignored.fetch_add(1, Ordering::Relaxed);
                }
                continue;
            }
            if !self.reader.accepts(&rel) {
                self.ignored.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            if let Some(filter) = &self.filter
                && !filter(&rel, entry.path())
            {
                continue;
            }
            match std::fs::File::open(entry.path()) {
                Ok(file) => {
                    let stamp = |f: &std::fs::Metadata| (f.len(), f.modified().ok());
                    let before = file.metadata().ok().map(|m| stamp(&m));
                    let size = before.map_or(0, |(len, _)| len);
                    self.reader
                        .read_input(&rel, Some(entry.path()), size, file, sink)?;
                    // A file rewritten under us: say so rather than trust a
                    // mix of old and new bytes.
                    let after = std::fs::metadata(entry.path()).ok().map(|m| stamp(&m));
                    if before.is_some() && after.is_some() && before != after {
                        sink(Err(ReadError {
                            path: rel,
                            index: None,
                            kind: ReadErrorKind::Changed,
                        }))?;
                    }
                }
                Err(err) => sink(Err(ReadError {
                    path: rel,
                    index: None,
                    kind: ReadErrorKind::Io(err),
                }))?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(walker: ArchiveWalker) -> Vec<String> {
        walker
            .map(|r| match r {
                Ok(d) => d.path,
                Err(e) => format!("ERR {}", e.path),
            })
            .collect()
    }

    #[test]
    fn walks_in_sorted_order_and_filters_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        for p in [
            "z.txt",
            "a.TXT",
            "b/c/x.txt",
            "b/y.txt",
            "b/skip.json",
            "noext",
            "notes.md",
            ".DS_Store",
        ] {
            std::fs::write(root.join(p), "x").unwrap();
        }
        assert_eq!(
            paths(ArchiveWalker::new(root).extensions(["txt"])),
            ["a.TXT", "b/c/x.txt", "b/y.txt", "z.txt"]
        );
        assert_eq!(
            paths(ArchiveWalker::new(root).extensions(["", "json"])),
            ["ERR b/skip.json", "noext"]
        );
        assert_eq!(paths(ArchiveWalker::new(root)).len(), 6);
    }

    #[test]
    fn oversized_file_is_an_error_and_the_walk_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "0123456789").unwrap();
        std::fs::write(dir.path().join("b.txt"), "ok").unwrap();
        let got: Vec<_> = ArchiveWalker::new(dir.path()).max_bytes(5).collect();
        assert!(matches!(
            got[0],
            Err(ReadError {
                kind: ReadErrorKind::TooLarge { limit: 5 },
                ..
            })
        ));
        assert_eq!(got[1].as_ref().unwrap().bytes, b"ok");
    }

    #[test]
    fn a_single_file_root_is_walked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("one.txt");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(paths(ArchiveWalker::new(&file)), ["one.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_reported_unless_followed_inside_the_root() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "s").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("d")).unwrap();
        std::fs::write(root.join("d/a.txt"), "a").unwrap();
        std::os::unix::fs::symlink(root.join("d/a.txt"), root.join("inside.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
        std::os::unix::fs::symlink(root, root.join("d/loop")).unwrap();
        assert_eq!(
            paths(ArchiveWalker::new(root)),
            ["d/a.txt", "ERR d/loop", "ERR inside.txt", "ERR out"]
        );
        let followed = paths(ArchiveWalker::new(root).follow_links(true));
        assert_eq!(followed, ["d/a.txt", "ERR d/loop", "inside.txt", "ERR out"]);
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(dir.path().join(name), "x").unwrap();
        assert_eq!(paths(ArchiveWalker::new(dir.path())), ["caf\\xe9.txt"]);
    }

    #[test]
    fn a_file_that_vanishes_during_the_walk_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let n = READ_AHEAD + 10;
        for i in 0..n {
            std::fs::write(dir.path().join(format!("{i:03}.txt")), "x").unwrap();
        }
        let mut walker = ArchiveWalker::new(dir.path());
        assert_eq!(walker.next().unwrap().unwrap().path, "000.txt");
        // The directory is listed, and the reader is at most READ_AHEAD + 1
        // files ahead: the last one has not been opened yet.
        let last = format!("{:03}.txt", n - 1);
        std::fs::remove_file(dir.path().join(&last)).unwrap();
        let rest: Vec<_> = walker.collect();
        assert_eq!(rest.len(), n - 1);
        match rest.last().unwrap() {
            Err(ReadError {
                path,
                kind: ReadErrorKind::Io(err),
                ..
            }) => {
                assert_eq!(path, &last);
                assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_skipped_folder_inside_the_root_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "An article.").unwrap();
        std::fs::create_dir(dir.path().join("out")).unwrap();
        std::fs::write(dir.path().join("out/records.jsonl"), "{\"text\": \"x\"}\n").unwrap();
        let paths = |walker: ArchiveWalker| -> Vec<String> {
            walker
                .map(|r| r.map(|d| d.path).unwrap_or_default())
                .collect()
        };
        assert_eq!(paths(ArchiveWalker::new(dir.path())).len(), 2);
        // Given as the caller wrote it: relative or not, the same folder.
        let walker = ArchiveWalker::new(dir.path()).skip_dir(dir.path().join("out/../out"));
        assert_eq!(paths(walker), ["a.txt"]);
        let walker = ArchiveWalker::new(dir.path()).skip_dir(dir.path().join("out"));
        assert_eq!(walker.sizes().count(), 1);
        // The root itself is never skipped.
        let walker = ArchiveWalker::new(dir.path()).skip_dir(dir.path());
        assert_eq!(paths(walker).len(), 2);
    }

    #[test]
    fn folders_holding_the_marker_are_skipped_below_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "text").unwrap();
        std::fs::create_dir_all(dir.path().join("run1/.state")).unwrap();
        std::fs::write(dir.path().join("run1/records.txt"), "output").unwrap();
        std::fs::create_dir_all(dir.path().join("news")).unwrap();
        std::fs::write(dir.path().join("news/b.txt"), "text").unwrap();
        let walker = ArchiveWalker::new(dir.path()).skip_marked(".state");
        assert_eq!(paths(walker), ["a.txt", "news/b.txt"]);
        let walker = ArchiveWalker::new(dir.path()).skip_marked(".state");
        assert_eq!(walker.sizes().count(), 2);
        // A file of the marker's name marks nothing, nor does a link to a
        // folder.
        std::fs::write(dir.path().join("news/.state"), "").unwrap();
        let walker = ArchiveWalker::new(dir.path()).skip_marked(".state");
        assert_eq!(paths(walker), ["a.txt", "news/b.txt"]);
        #[cfg(unix)]
        {
            std::fs::remove_file(dir.path().join("news/.state")).unwrap();
            std::os::unix::fs::symlink("../run1", dir.path().join("news/.state")).unwrap();
            let walker = ArchiveWalker::new(dir.path()).skip_marked(".state");
            assert_eq!(paths(walker), ["a.txt", "news/b.txt"]);
        }
        // The root holding the marker is still walked.
        std::fs::create_dir(dir.path().join(".state")).unwrap();
        let walker = ArchiveWalker::new(dir.path()).skip_marked(".state");
        assert_eq!(paths(walker).len(), 2);
    }

    #[test]
    fn a_file_that_changes_while_read_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let feed = dir.path().join("feed.jsonl");
        let line = "{\"text\": \"An article body long enough to be one.\"}\n";
        std::fs::write(&feed, line.repeat(READ_AHEAD * 4)).unwrap();
        let mut walker = ArchiveWalker::new(dir.path());
        assert!(walker.next().unwrap().is_ok());
        // The reader waits, mid-file, for us to take more documents.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&feed)
            .unwrap();
        std::io::Write::write_all(&mut f, line.as_bytes()).unwrap();
        drop(f);
        let last = walker.last().unwrap();
        match last {
            Err(ReadError {
                kind: ReadErrorKind::Changed,
                path,
                ..
            }) => assert_eq!(path, "feed.jsonl"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn shards_split_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..30 {
            std::fs::write(dir.path().join(format!("{i}.txt")), "x").unwrap();
        }
        let all = paths(ArchiveWalker::new(dir.path()));
        let mut union: Vec<String> = (1..=3)
            .flat_map(|i| paths(ArchiveWalker::new(dir.path()).shard(Shard::new(i, 3))))
            .collect();
        union.sort();
        let mut sorted = all.clone();
        sorted.sort();
        assert_eq!(union, sorted);
    }
}
