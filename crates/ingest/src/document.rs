//! What the reader yields: documents, their metadata, and read errors.

use std::path::PathBuf;

use crate::decode::{DecodeError, Decoded, decode_with_charset, html_charset};

/// How a document's bytes are to be read by the next stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text: one article, lines and blank-line paragraphs.
    #[default]
    Text,
    /// An HTML page (a `.html` file, an HTML body in JSON, a WARC response).
    Html,
}

impl Format {
    /// Lower-case name (`text`, `html`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
        }
    }
}

/// What the input itself says about a document (JSON fields, WARC headers),
/// and where inside a multi-record file it sits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// 0-based index of the document inside a multi-record file (JSON Lines,
    /// JSON array, WARC, tar, zip); `None` for a file that is one document.
    pub index: Option<u64>,
    /// Member name inside a tar or zip archive (escaped like paths).
    pub member: Option<String>,
    /// The input's own id.
    pub id: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// Headline given by the input.
    pub title: Option<String>,
    /// Publication date given by the input, ISO 8601 when it was a timestamp.
    pub published: Option<String>,
    /// When the page was fetched (a WARC record's date).
    pub fetched: Option<String>,
    /// Authors given by the input.
    pub authors: Vec<String>,
    /// Character set declared by a transport header (WARC's HTTP
    /// `Content-Type`); wins over detection, loses to a byte-order mark.
    pub charset: Option<String>,
    /// The encoding the reader itself decoded the document from, when it
    /// was not UTF-8 (a JSON record in UTF-16 or Windows-1252, whose text
    /// here is UTF-8 already).
    pub encoding: Option<String>,
    /// Bytes replaced while the reader decoded it.
    pub replaced: u64,
}

/// One document read from an archive: its bytes, its path and what the input
/// said about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDocument {
    /// Path relative to the archive root, `/`-separated; `file#N` for the
    /// N-th (0-based) document of a multi-record file.
    pub path: String,
    /// The file on disk that holds the document (the archive, for a member).
    pub full_path: PathBuf,
    /// The document's bytes (a JSON record's text field, UTF-8).
    pub bytes: Vec<u8>,
    /// How to read the bytes.
    pub format: Format,
    /// Metadata from the input.
    pub meta: Meta,
}

impl RawDocument {
    /// A plain-text document with no metadata.
    pub fn new(path: impl Into<String>, full_path: impl Into<PathBuf>, bytes: Vec<u8>) -> Self {
        RawDocument {
            path: path.into(),
            full_path: full_path.into(),
            bytes,
            format: Format::Text,
            meta: Meta::default(),
        }
    }

    /// The document's text, in the charset its input declares (a WARC
    /// record's `Content-Type`, an HTML page's `<meta charset>`) unless the
    /// bytes belie it, else the detected one. See [`decode_with_charset`].
    pub fn decode(&self) -> Result<Decoded, DecodeError> {
        let declared = self
            .meta
            .charset
            .as_deref()
            .or_else(|| (self.format == Format::Html).then(|| html_charset(&self.bytes))?);
        decode_with_charset(&self.bytes, declared)
    }
}

/// An input, or one record of it, that could not be listed, read or parsed.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct ReadError {
    /// Path relative to the archive root (best effort for listing errors),
    /// with `#N` when the error concerns the N-th record of a file.
    pub path: String,
    /// The record index, when the error concerns one record.
    pub index: Option<u64>,
    /// What went wrong.
    #[source]
    pub kind: ReadErrorKind,
}

impl ReadError {
    /// The pipeline stage this error belongs to: `read`, `decompress` or
    /// `parse`.
    pub fn stage(&self) -> &'static str {
        self.kind.stage()
    }
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// Listing the directory tree failed (permissions, symlink loop, …).
    #[error("cannot list: {0}")]
    Walk(std::io::Error),
    /// Opening or reading the file failed (permissions, vanished file, …).
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The document is larger than the configured maximum document size.
    #[error("document is larger than the maximum document size of {limit} bytes")]
    TooLarge {
        /// The configured limit in bytes.
        limit: u64,
    },
    /// A compressed stream or archive member expands past the per-member
    /// limit: a decompression bomb, or a limit set too low.
    #[error(
        "decompressed data exceeds the per-member limit of {limit} bytes (decompression bomb?)"
    )]
    MemberTooLarge {
        /// The configured limit in bytes.
        limit: u64,
    },
    /// A compressed stream is corrupt or truncated.
    #[error("cannot decompress {codec}: {error}")]
    Decompress {
        /// `gzip`, `zstd`, `bzip2`, `xz` or `zip`.
        codec: &'static str,
        /// The decompressor's error.
        error: std::io::Error,
    },
    /// The content does not parse (malformed JSON, a broken WARC record, a
    /// corrupt archive, a JSON object with no text).
    #[error("{0}")]
    Parse(String),
    /// An archive member whose name tries to leave the archive (`../`,
    /// absolute paths). Its content is not read. The name is escaped as
    /// paths are ([`crate::escape_bytes`]), so it is quoted as it is.
    #[error("unsafe member name \"{0}\" (escapes the archive; not read)")]
    UnsafeName(String),
    /// A symbolic link that is not followed.
    #[error("{0}")]
    Link(String),
    /// The file's size or modification time changed while it was read: what
    /// came out of it may mix two versions. The next run reads it again.
    #[error("file changed while it was being read (size or modification time)")]
    Changed,
    /// A format this build was compiled without.
    #[error("{0} support not built in")]
    Unsupported(&'static str),
}

impl ReadErrorKind {
    /// The pipeline stage of this error: `read`, `decompress` or `parse`.
    pub fn stage(&self) -> &'static str {
        match self {
            ReadErrorKind::Decompress { .. } | ReadErrorKind::MemberTooLarge { .. } => "decompress",
            ReadErrorKind::Parse(_) => "parse",
            _ => "read",
        }
    }
}
