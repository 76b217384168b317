//! Deterministic archive walking and file reading.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The bytes of one input file and where it lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDocument {
    /// Path relative to the archive root, `/`-separated.
    pub path: String,
    /// Absolute (or root-joined) path on disk.
    pub full_path: PathBuf,
    /// File contents.
    pub bytes: Vec<u8>,
}

/// An input that could not be listed or read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct ReadError {
    /// Path relative to the archive root (best effort for listing errors).
    pub path: String,
    /// What went wrong.
    #[source]
    pub kind: ReadErrorKind,
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// Listing the directory tree failed (permissions, symlink loop, …).
    #[error("cannot list: {0}")]
    Walk(#[from] walkdir::Error),
    /// Opening or reading the file failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The file is larger than the configured maximum document size.
    #[error("file is larger than the maximum document size of {limit} bytes")]
    TooLarge {
        /// The configured limit in bytes.
        limit: u64,
    },
}

/// Walks an archive root and reads every file whose name ends in one of the
/// accepted extensions (`.txt`, `.html`, `.htm`, `.xhtml` by default).
///
/// Order is deterministic: depth first, entries of a directory sorted by
/// file name bytes. Symbolic links are not followed. Errors (unreadable
/// directories or files, oversized files) are yielded in place, and the walk
/// goes on.
pub struct ArchiveWalker {
    root: PathBuf,
    inner: walkdir::IntoIter,
    extensions: Vec<String>,
    max_bytes: u64,
}

/// Default maximum size of one input file: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 << 20;

impl ArchiveWalker {
    /// A walker over `root` that accepts `.txt` and HTML files of at most
    /// [`DEFAULT_MAX_BYTES`].
    pub fn new(root: impl AsRef<Path>) -> ArchiveWalker {
        let root = root.as_ref().to_path_buf();
        let inner = walkdir::WalkDir::new(&root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter();
        ArchiveWalker {
            root,
            inner,
            extensions: ["txt", "html", "htm", "xhtml"].map(String::from).to_vec(),
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }

    /// Accept files with these extensions (without the dot, case-insensitive).
    /// An empty string accepts files without an extension.
    pub fn extensions<I, S>(mut self, extensions: I) -> ArchiveWalker
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extensions = extensions
            .into_iter()
            .map(|e| e.into().to_ascii_lowercase())
            .collect();
        self
    }

    /// Refuse files larger than `max_bytes` with [`ReadErrorKind::TooLarge`]
    /// instead of reading them into memory.
    pub fn max_bytes(mut self, max_bytes: u64) -> ArchiveWalker {
        self.max_bytes = max_bytes;
        self
    }

    /// Sizes of the accepted files, without reading them: a cheap count of
    /// the work ahead for progress reporting.
    pub fn sizes(self) -> impl Iterator<Item = u64> {
        let extensions = self.extensions;
        self.inner.filter_map(move |entry| {
            let entry = entry.ok()?;
            let accepted = entry.file_type().is_file() && accepts(&extensions, entry.path());
            accepted.then(|| entry.metadata().map_or(0, |m| m.len()))
        })
    }

    fn accepts(&self, path: &Path) -> bool {
        accepts(&self.extensions, path)
    }

    fn relative(&self, path: &Path) -> String {
        relative_path(&self.root, path)
    }

    fn read(&self, full_path: PathBuf) -> Result<RawDocument, ReadError> {
        let path = self.relative(&full_path);
        let fail = |kind: ReadErrorKind| ReadError {
            path: path.clone(),
            kind,
        };
        let file = std::fs::File::open(&full_path).map_err(|e| fail(e.into()))?;
        let mut bytes = Vec::new();
        // Read one byte past the limit so an oversized file is detected
        // without trusting metadata that may change under us.
        file.take(self.max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(e.into()))?;
        if bytes.len() as u64 > self.max_bytes {
            return Err(fail(ReadErrorKind::TooLarge {
                limit: self.max_bytes,
            }));
        }
        Ok(RawDocument {
            path,
            full_path,
            bytes,
        })
    }
}

impl Iterator for ArchiveWalker {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let entry = match self.inner.next()? {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| self.relative(p))
                        .unwrap_or_else(|| ".".to_string());
                    return Some(Err(ReadError {
                        path,
                        kind: err.into(),
                    }));
                }
            };
            if !entry.file_type().is_file() || !self.accepts(entry.path()) {
                continue;
            }
            return Some(self.read(entry.into_path()));
        }
    }
}

fn accepts(extensions: &[String], path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    extensions.contains(&ext)
}

/// `path` relative to `root`, with `/` separators. Non-UTF-8 names are kept
/// readable with replacement characters.
fn relative_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        // The root itself was a file.
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        parts.join("/")
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
        ] {
            std::fs::write(root.join(p), "x").unwrap();
        }
        assert_eq!(
            paths(ArchiveWalker::new(root)),
            ["a.TXT", "b/c/x.txt", "b/y.txt", "z.txt"]
        );
        assert_eq!(
            paths(ArchiveWalker::new(root).extensions(["", "json"])),
            ["b/skip.json", "noext"]
        );
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
}
