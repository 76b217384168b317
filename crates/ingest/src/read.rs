//! Reading one input stream into documents: format detection by content,
//! decompression, tar and zip members, JSON, JSON Lines and WARC records.
//!
//! Reading is push-style: every document or error is handed to a sink as
//! soon as it is read, so a multi-gigabyte JSON Lines or WARC file never has
//! more than one record in memory, and a slow consumer (a full channel)
//! slows the reader down instead of filling memory.

use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use serde_json::Value;

use crate::document::{Format, Meta, RawDocument, ReadError, ReadErrorKind};
use crate::json::{FieldMap, JsonArticle, json_article};
#[cfg_attr(not(any(feature = "tar", feature = "zip")), allow(unused_imports))]
use crate::path::escape_bytes;

/// Default maximum size of one document: 16 MiB, the HTML stage's page
/// budget too. News articles are a few hundred kilobytes at most; cleaning
/// a document takes up to some 25 times its size in memory at its peak (a
/// 34 MB file of a million short lines peaked at 880 MB), so a larger one
/// would hold a worker's memory far above the channels' bound.
pub const DEFAULT_MAX_BYTES: u64 = 16 << 20;

/// Default maximum decompressed size of one compressed stream or archive
/// member: 64 GiB. Generous, because one CC-NEWS WARC file expands to
/// several gigabytes; it is there to stop a decompression bomb that would
/// otherwise keep a reader busy for hours.
pub const DEFAULT_MAX_MEMBER_BYTES: u64 = 64 << 30;

/// File extensions read by default: text, HTML, JSON, JSON Lines, WARC,
/// compressed files and archives, and files with no extension (`""`).
pub const DEFAULT_EXTENSIONS: &[&str] = &[
    "", "txt", "text", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "warc", "gz", "tgz",
    "zst", "zstd", "tzst", "bz2", "tbz", "tbz2", "xz", "txz", "tar", "zip",
];

/// Containers nested deeper than this (a zip in a tar in a tar …) are refused.
const MAX_DEPTH: u32 = 8;

/// Most memory an xz decoder may take.
#[cfg(feature = "xz")]
const XZ_MEMORY_LIMIT: u64 = 256 << 20;

/// How many leading bytes are looked at to detect a format.
const SNIFF: usize = 1024;

pub(crate) type Item = Result<RawDocument, ReadError>;

/// The consumer has gone away: stop reading.
pub(crate) struct Stop;

pub(crate) type Sink<'s> = dyn FnMut(Item) -> Result<(), Stop> + 's;

/// Reads input streams into documents. Configure once; cheap to clone.
///
/// ```
/// use newsclean_ingest::Reader;
///
/// let jsonl = b"{\"title\": \"A\", \"text\": \"Body a.\"}\nnot json\n{\"text\": \"Body b.\"}\n";
/// let mut got = Vec::new();
/// Reader::new().read("feed.jsonl", &jsonl[..], |item| {
///     got.push(match item {
///         Ok(doc) => doc.path,
///         Err(err) => format!("error {}: {}", err.path, err.stage()),
///     })
/// });
/// assert_eq!(got, ["feed.jsonl#0", "error feed.jsonl#1: parse", "feed.jsonl#2"]);
/// ```
#[derive(Clone, Debug)]
pub struct Reader {
    pub(crate) max_bytes: u64,
    pub(crate) max_member_bytes: u64,
    pub(crate) fields: FieldMap,
    pub(crate) extensions: Vec<String>,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader::new()
    }
}

impl Reader {
    /// A reader with the default limits, field map and extensions.
    pub fn new() -> Reader {
        Reader {
            max_bytes: DEFAULT_MAX_BYTES,
            max_member_bytes: DEFAULT_MAX_MEMBER_BYTES,
            fields: FieldMap::default(),
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Largest document (a file, a member, a JSON line, a WARC record).
    pub fn max_bytes(mut self, max_bytes: u64) -> Reader {
        self.max_bytes = max_bytes;
        self
    }

    /// Largest decompressed size of one compressed stream or archive member.
    pub fn max_member_bytes(mut self, max_member_bytes: u64) -> Reader {
        self.max_member_bytes = max_member_bytes;
        self
    }

    /// Field map for JSON and JSON Lines records.
    pub fn fields(mut self, fields: FieldMap) -> Reader {
        self.fields = fields;
        self
    }

    /// Extensions (without the dot, case-insensitive; `""` for none) of the
    /// files and archive members to read.
    pub fn extensions<I, S>(mut self, extensions: I) -> Reader
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

    /// True when a file or member called `name` is read: its extension is
    /// accepted and it is not hidden (no component starts with a dot, as
    /// `.DS_Store`, `.git/…`) nor macOS zip debris (`__MACOSX/…`).
    pub fn accepts(&self, name: &str) -> bool {
        let hidden = name.split('/').any(|part| {
            (part.starts_with('.') && part != "." && part != "..") || part == "__MACOSX"
        });
        !hidden && self.extensions.iter().any(|e| *e == extension(name))
    }

    /// Reads every document of one input called `name` (a relative path;
    /// its extension is a hint, the content decides) from `input`, handing
    /// each document or error to `sink` in order.
    pub fn read(&self, name: &str, input: impl Read, sink: impl FnMut(Item)) {
        self.read_to(name, None, 0, input, sink);
    }

    /// [`Reader::read`] for a file on disk, named by its file name: a zip
    /// file is read with seeks, member by member, as an archive walk reads
    /// it, rather than buffered whole. A file that cannot be opened is an
    /// error.
    pub fn read_file(&self, path: &Path, sink: impl FnMut(Item)) -> io::Result<()> {
        if path.is_dir() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "is a folder"));
        }
        let file = std::fs::File::open(path)?;
        let name = path
            .file_name()
            .map_or_else(|| path.display().to_string(), crate::path::escape_name);
        let size = file.metadata().map_or(0, |m| m.len());
        self.read_to(&name, Some(path), size, file, sink);
        Ok(())
    }

    /// Reads one input into a sink that never stops the reading.
    fn read_to(
        &self,
        name: &str,
        full: Option<&Path>,
        size: u64,
        input: impl Read,
        mut sink: impl FnMut(Item),
    ) {
        let mut sink = |item| {
            sink(item);
            Ok(())
        };
        let _ = self.read_input(name, full, size, input, &mut sink);
    }

    /// Reads one input; `full_path` is set when it is a file on disk (zip
    /// archives are then read with seeks instead of buffered), and `size`
    /// is its length when known (else 0).
    pub(crate) fn read_input(
        &self,
        name: &str,
        full_path: Option<&Path>,
        size: u64,
        input: impl Read,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        let mut ctx = Ctx {
            rel: name,
            full: full_path,
            next: 0,
            emitted: 0,
            contained: false,
            damaged: false,
            encoding: None,
            size,
        };
        let base = name.rsplit('/').next().unwrap_or(name);
        let input = BufReader::with_capacity(64 << 10, input);
        self.stream(Box::new(input), base, &mut ctx, None, 0, sink)?;
        if ctx.emitted == 0 {
            sink(Err(ReadError {
                path: name.to_string(),
                index: None,
                kind: ReadErrorKind::Parse("no articles found in this file".to_string()),
            }))?;
        }
        Ok(())
    }

    fn stream<'r>(
        &self,
        input: Box<dyn BufRead + 'r>,
        name: &str,
        ctx: &mut Ctx<'_>,
        member: Option<&str>,
        depth: u32,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        if depth > MAX_DEPTH {
            let kind = ReadErrorKind::Parse("archives nested too deeply".to_string());
            return ctx.error(false, kind, sink);
        }
        let (head, input) = match peek(input, SNIFF) {
            Ok(x) => x,
            Err(err) => return ctx.error(false, classify(err), sink),
        };
        // JSON in UTF-16 (Windows tools write it, with a byte-order mark):
        // its records and lines are found in the UTF-8 it is transcoded to,
        // as it streams (the size limits hold per record, as in UTF-8).
        if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&head)
            && encoding != encoding_rs::UTF_8
            && encoding
                .decode_without_bom_handling(&head[bom..])
                .0
                .trim_start()
                .starts_with(['{', '['])
        {
            let utf8 = encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .strip_bom(true)
                .build(input);
            let input = Box::new(BufReader::with_capacity(64 << 10, utf8));
            // Its documents only: the next member of an archive is read
            // for what it is.
            let outer = ctx.encoding.replace(encoding.name());
            let read = self.stream(input, name, ctx, member, depth + 1, sink);
            ctx.encoding = outer;
            return read;
        }
        match sniff(&head, name) {
            Kind::Compressed(codec) => {
                let inner = match decompressor(codec, input) {
                    Ok(inner) => inner,
                    Err(kind) => return ctx.error(false, kind, sink),
                };
                let guarded = Guard::new(inner, codec.name(), self.max_member_bytes);
                let input = Box::new(BufReader::with_capacity(64 << 10, guarded));
                self.stream(input, strip_compression(name), ctx, member, depth + 1, sink)
            }
            Kind::Tar => self.tar(input, ctx, depth, sink),
            Kind::Zip => self.zip(input, ctx, depth, sink),
            Kind::Warc => crate::warc::read(self, input, ctx, member, sink),
            Kind::JsonLines => self.lines(input, ctx, member, sink),
            Kind::Json => {
                let named = extension(name) == "json";
                self.json(input, named, ctx, member, sink)
            }
            Kind::Html => self.whole(input, ctx, member, Format::Html, sink),
            Kind::Text => self.whole(input, ctx, member, Format::Text, sink),
        }
    }

    /// One document: the whole stream, up to the maximum document size.
    fn whole(
        &self,
        input: impl BufRead,
        ctx: &mut Ctx<'_>,
        member: Option<&str>,
        format: Format,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        // A file's length is its size when it is read as it is stored.
        let size = if ctx.contained { 0 } else { ctx.size };
        match read_sized(input, self.max_bytes, size) {
            Ok(bytes) => ctx.document(false, member, bytes, format, Meta::default(), sink),
            Err(kind) => ctx.error(false, kind, sink),
        }
    }

    /// JSON Lines: one record per non-blank line; a malformed line is an
    /// error for that record only.
    fn lines(
        &self,
        mut input: impl BufRead,
        ctx: &mut Ctx<'_>,
        member: Option<&str>,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        let mut line = Vec::new();
        loop {
            line.clear();
            match read_line_capped(&mut input, self.max_bytes, &mut line) {
                Ok(Line::Eof) => return Ok(()),
                Ok(Line::TooLong) => {
                    let kind = ReadErrorKind::TooLarge {
                        limit: self.max_bytes,
                    };
                    ctx.error(true, kind, sink)?;
                }
                Ok(Line::Complete) => {
                    let text = strip_bom(&line).trim_ascii();
                    if !text.is_empty() {
                        self.json_record(text, ctx, member, sink)?;
                    }
                }
                Err(err) => {
                    let kind = classify(err);
                    // A damaged gzip member: the lines after it still come.
                    let go_on = resumable(&kind);
                    ctx.error(true, kind, sink)?;
                    if !go_on {
                        return Ok(());
                    }
                }
            }
        }
    }

    fn json_record(
        &self,
        bytes: &[u8],
        ctx: &mut Ctx<'_>,
        member: Option<&str>,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        match self.parse_record(bytes) {
            Ok((value, from)) => self.json_value(&value, from, true, ctx, member, sink),
            Err(err) => ctx.error(true, malformed(&err), sink),
        }
    }

    /// One JSON record, mended where scrapers damage them: half a surrogate
    /// pair (a string cut in the middle of an emoji by a scraper that
    /// counted UTF-16 units, which JSON parsers refuse) becomes U+FFFD; a
    /// record that is not UTF-8 is read in the encoding it is in, which
    /// comes back with the bytes it replaced.
    fn parse_record(&self, bytes: &[u8]) -> Result<(Value, Option<Recoded>), serde_json::Error> {
        let err = match self.fields.parse(bytes) {
            Ok(value) => return Ok((value, None)),
            Err(err) => err,
        };
        if let Some(value) = mend_surrogates(bytes).and_then(|m| self.fields.parse(&m).ok()) {
            return Ok((value, None));
        }
        if std::str::from_utf8(bytes).is_err() {
            let (text, from) = recode(bytes);
            if let Ok(value) = self.fields.parse(text.as_bytes()) {
                return Ok((value, Some(from)));
            }
        }
        Err(err)
    }

    /// The article of one JSON record (a line of JSON Lines), read as `run`
    /// reads each line: mended and recoded as [`Reader::read`] does, and
    /// mapped with the reader's field map. `Err` is the reason it is none
    /// (malformed JSON, no text field).
    pub fn json_line(&self, bytes: &[u8]) -> Result<JsonArticle, String> {
        // A file's byte-order mark sits on its first line.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let (value, from) = self
            .parse_record(bytes)
            .map_err(|e| format!("malformed JSON: {e}"))?;
        self.article(&value, from)
    }

    /// The article of a parsed record, naming the encoding it was recoded
    /// from, if it was.
    fn article(&self, value: &Value, from: Option<Recoded>) -> Result<JsonArticle, String> {
        let mut article = json_article(value, &self.fields)?;
        if let Some((encoding, replaced)) = from {
            article.meta.encoding = Some(encoding.to_string());
            article.meta.replaced = replaced;
        }
        Ok(article)
    }

    fn json_value(
        &self,
        value: &Value,
        from: Option<Recoded>,
        multi: bool,
        ctx: &mut Ctx<'_>,
        member: Option<&str>,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        match self.article(value, from) {
            Ok(article) => ctx.document(
                multi,
                member,
                article.text.into_bytes(),
                article.format,
                article.meta,
                sink,
            ),
            Err(reason) => ctx.error(multi, ReadErrorKind::Parse(reason), sink),
        }
    }

    /// Content that starts like JSON: a single object, an array of objects,
    /// or JSON Lines that happen not to be named `.jsonl`. A first line that
    /// is a whole object followed by more content means JSON Lines. Text
    /// that only looked like JSON (`[Updated] Storm hits…` in a `.txt`) and
    /// does not parse is read as text; in a `.json` file it is an error.
    fn json(
        &self,
        mut input: impl BufRead,
        named_json: bool,
        ctx: &mut Ctx<'_>,
        member: Option<&str>,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        match first_byte(&mut input) {
            Ok(Some(b'[')) => return self.array(input, ctx, member, sink),
            Ok(_) => {}
            Err(err) => return ctx.error(false, classify(err), sink),
        }
        let mut first = Vec::new();
        match read_line_capped(&mut input, self.max_bytes, &mut first) {
            Ok(Line::Eof) => {
                let kind = ReadErrorKind::Parse("empty input".to_string());
                return ctx.error(false, kind, sink);
            }
            Ok(Line::TooLong) => {
                let kind = ReadErrorKind::TooLarge {
                    limit: self.max_bytes,
                };
                return ctx.error(false, kind, sink);
            }
            Ok(Line::Complete) => {}
            Err(err) => return ctx.error(false, classify(err), sink),
        }
        let head = strip_bom(&first).trim_ascii();
        let first_object = match head.first() {
            Some(b'{') => self.parse_record(head).ok(),
            _ => None,
        };
        if let Some((value, from)) = first_object {
            return match more_content(&mut input) {
                Ok(false) => self.json_value(&value, from, false, ctx, member, sink),
                Ok(true) => {
                    self.json_value(&value, from, true, ctx, member, sink)?;
                    self.lines(input, ctx, member, sink)
                }
                Err(err) => ctx.error(false, classify(err), sink),
            };
        }
        // The first line's newline, stripped by the line reader, counts.
        let rest_limit = self.max_bytes.saturating_sub(first.len() as u64 + 1);
        let rest = match read_capped(input, rest_limit) {
            Ok(rest) => rest,
            Err(ReadErrorKind::TooLarge { .. }) => {
                let kind = ReadErrorKind::TooLarge {
                    limit: self.max_bytes,
                };
                return ctx.error(false, kind, sink);
            }
            Err(kind) => return ctx.error(false, kind, sink),
        };
        first.push(b'\n');
        first.extend_from_slice(&rest);
        match self.parse_record(strip_bom(&first)) {
            Ok((value, from)) => self.json_value(&value, from, false, ctx, member, sink),
            Err(_) if !named_json => {
                ctx.document(false, member, first, Format::Text, Meta::default(), sink)
            }
            Err(err) => ctx.error(false, malformed(&err), sink),
        }
    }

    /// A JSON array, streamed: elements are split at top-level commas by
    /// a scanner that tracks nesting and strings, and parsed one at a time,
    /// so a multi-gigabyte array (minified on one line, as dumps often are)
    /// takes the memory of one element. A malformed element is an error for
    /// that element only.
    fn array(
        &self,
        mut input: impl BufRead,
        ctx: &mut Ctx<'_>,
        member: Option<&str>,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        let mut element = Vec::new();
        let mut over = false;
        let mut depth = 0u32;
        let mut in_string = false;
        let mut escaped = false;
        let mut closed = false;
        loop {
            let chunk = match input.fill_buf() {
                Ok([]) => break,
                Ok(chunk) => chunk,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return ctx.error(true, classify(err), sink),
            };
            let n = chunk.len();
            for &b in chunk {
                if closed {
                    if !b.is_ascii_whitespace() {
                        let kind = ReadErrorKind::Parse("content after the JSON array".into());
                        return ctx.error(true, kind, sink);
                    }
                    continue;
                }
                if depth == 0 {
                    // Only whitespace (and a BOM, skipped before) precede `[`.
                    if b == b'[' {
                        depth = 1;
                    }
                    continue;
                }
                let mut end = false;
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                    }
                } else {
                    match b {
                        b'"' => in_string = true,
                        b'[' | b'{' => depth += 1,
                        b']' | b'}' if depth == 1 => {
                            closed = true;
                            end = true;
                        }
                        b']' | b'}' => depth -= 1,
                        b',' if depth == 1 => end = true,
                        _ => {}
                    }
                }
                if end {
                    self.array_element(&element, over, ctx, member, sink)?;
                    element.clear();
                    over = false;
                } else if !over {
                    if element.len() as u64 >= self.max_bytes {
                        over = true;
                        element.clear();
                    } else {
                        element.push(b);
                    }
                }
            }
            input.consume(n);
        }
        if !closed {
            let kind = ReadErrorKind::Parse("truncated JSON array".to_string());
            return ctx.error(true, kind, sink);
        }
        Ok(())
    }

    fn array_element(
        &self,
        element: &[u8],
        over: bool,
        ctx: &mut Ctx<'_>,
        member: Option<&str>,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        if over {
            let kind = ReadErrorKind::TooLarge {
                limit: self.max_bytes,
            };
            return ctx.error(true, kind, sink);
        }
        let element = element.trim_ascii();
        if element.is_empty() {
            return Ok(()); // `[]`, or a trailing comma
        }
        self.json_record(element, ctx, member, sink)
    }

    #[cfg(feature = "tar")]
    fn tar(
        &self,
        input: Box<dyn BufRead + '_>,
        ctx: &mut Ctx<'_>,
        depth: u32,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        ctx.contained = true;
        let mut archive = tar::Archive::new(input);
        let entries = match archive.entries() {
            Ok(entries) => entries,
            Err(err) => return ctx.error(true, archive_error("tar", err), sink),
        };
        for entry in entries {
            let mut entry = match entry {
                Ok(entry) => entry,
                // A broken header (or a truncated stream): nothing after it
                // can be trusted. Damage already reported while reading a
                // member is not reported twice.
                Err(_) if ctx.damaged => return Ok(()),
                Err(err) => return ctx.error(true, archive_error("tar", err), sink),
            };
            let raw_name = entry.path_bytes();
            let name = escape_bytes(&raw_name);
            let kind = entry.header().entry_type();
            if kind.is_dir() || kind.is_pax_global_extensions() {
                continue;
            }
            if !safe_member_name(&raw_name) {
                ctx.error(true, ReadErrorKind::UnsafeName(name), sink)?;
                continue;
            }
            if kind.is_symlink() || kind.is_hard_link() {
                let reason = format!("link member {name} not followed");
                ctx.error(true, ReadErrorKind::Link(reason), sink)?;
                continue;
            }
            if !kind.is_file() || !self.accepts(&name) {
                continue;
            }
            let size = entry.size();
            let truncated = std::cell::Cell::new(false);
            let input = Box::new(BufReader::new(Exact::new(&mut entry, size, &truncated)));
            self.stream(input, &name, ctx, Some(&name), depth + 1, sink)?;
            // The member's error says it: the archive's end is no news.
            ctx.damaged |= truncated.get();
        }
        Ok(())
    }

    #[cfg(not(feature = "tar"))]
    fn tar(
        &self,
        _input: Box<dyn BufRead + '_>,
        ctx: &mut Ctx<'_>,
        _depth: u32,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        ctx.error(false, ReadErrorKind::Unsupported("tar"), sink)
    }

    /// Zip needs to seek: a zip file on disk is reopened; a zip inside
    /// another container is buffered (up to the maximum document size).
    #[cfg(feature = "zip")]
    fn zip(
        &self,
        input: Box<dyn BufRead + '_>,
        ctx: &mut Ctx<'_>,
        depth: u32,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        match ctx.full.filter(|_| depth == 0 && !ctx.contained) {
            Some(path) => match std::fs::File::open(path) {
                Ok(file) => self.zip_members(BufReader::new(file), ctx, depth, sink),
                Err(err) => ctx.error(false, ReadErrorKind::Io(err), sink),
            },
            None => match read_capped(input, self.max_bytes) {
                Ok(bytes) => self.zip_members(Cursor::new(bytes), ctx, depth, sink),
                Err(kind) => ctx.error(false, kind, sink),
            },
        }
    }

    #[cfg(feature = "zip")]
    fn zip_members<R: Read + io::Seek>(
        &self,
        mut input: R,
        ctx: &mut Ctx<'_>,
        depth: u32,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        ctx.contained = true;
        let listed = listed_zip_entries(&mut input);
        if let Err(err) = input.seek(io::SeekFrom::Start(0)) {
            return ctx.error(true, ReadErrorKind::Io(err), sink);
        }
        let mut archive = match zip::ZipArchive::new(input) {
            Ok(archive) => archive,
            Err(err) => {
                let kind = ReadErrorKind::Parse(format!("corrupt zip archive: {err}"));
                return ctx.error(true, kind, sink);
            }
        };
        // The zip library keeps one member per name: the members it drops
        // are lost, so say so.
        if let Some(listed) = listed.filter(|&n| n > archive.len() as u64) {
            let shadowed = listed - archive.len() as u64;
            let kind = ReadErrorKind::Parse(format!(
                "{shadowed} member(s) share a name with a later member and are not read (only the last of each name is)"
            ));
            ctx.error(true, kind, sink)?;
        }
        for i in 0..archive.len() {
            let member = match archive.by_index(i) {
                Ok(member) => member,
                Err(err) => {
                    let kind = ReadErrorKind::Parse(format!("cannot read zip member {i}: {err}"));
                    ctx.error(true, kind, sink)?;
                    continue;
                }
            };
            let name = escape_bytes(member.name_raw());
            if member.is_dir() {
                continue;
            }
            if !safe_member_name(member.name_raw()) || member.enclosed_name().is_none() {
                ctx.error(true, ReadErrorKind::UnsafeName(name), sink)?;
                continue;
            }
            if member.is_symlink() {
                let reason = format!("link member {name} not followed");
                ctx.error(true, ReadErrorKind::Link(reason), sink)?;
                continue;
            }
            if !self.accepts(&name) {
                continue;
            }
            let guarded = Guard::new(member, "zip", self.max_member_bytes);
            let input = Box::new(BufReader::new(guarded));
            self.stream(input, &name, ctx, Some(&name), depth + 1, sink)?;
        }
        Ok(())
    }

    #[cfg(not(feature = "zip"))]
    fn zip(
        &self,
        _input: Box<dyn BufRead + '_>,
        ctx: &mut Ctx<'_>,
        _depth: u32,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        ctx.error(false, ReadErrorKind::Unsupported("zip"), sink)
    }
}

/// Where the documents of one input file go, and how they are numbered.
pub(crate) struct Ctx<'a> {
    rel: &'a str,
    full: Option<&'a Path>,
    /// Index of the next record of a multi-record file.
    next: u64,
    /// Documents and errors handed out so far.
    emitted: u64,
    /// Inside a tar or zip archive: every document is numbered.
    contained: bool,
    /// A decompression error has been reported for this file.
    damaged: bool,
    /// The encoding the input was transcoded from (UTF-16 JSON), if any.
    encoding: Option<&'static str>,
    /// The input file's length in bytes, 0 when unknown.
    size: u64,
}

impl Ctx<'_> {
    fn slot(&mut self, multi: bool) -> (String, Option<u64>) {
        self.emitted += 1;
        if multi || self.contained {
            let index = self.next;
            self.next += 1;
            (format!("{}#{index}", self.rel), Some(index))
        } else {
            (self.rel.to_string(), None)
        }
    }

    pub(crate) fn document(
        &mut self,
        multi: bool,
        member: Option<&str>,
        bytes: Vec<u8>,
        format: Format,
        mut meta: Meta,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        let (path, index) = self.slot(multi);
        meta.index = index;
        meta.member = member.map(str::to_string);
        if meta.encoding.is_none() {
            meta.encoding = self.encoding.map(str::to_string);
        }
        sink(Ok(RawDocument {
            path,
            full_path: self.full.map(Path::to_path_buf).unwrap_or_default(),
            bytes,
            format,
            meta,
        }))
    }

    pub(crate) fn error(
        &mut self,
        multi: bool,
        kind: ReadErrorKind,
        sink: &mut Sink<'_>,
    ) -> Result<(), Stop> {
        self.damaged |= kind.stage() == "decompress";
        let (path, index) = self.slot(multi);
        sink(Err(ReadError { path, index, kind }))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Codec {
    Gzip,
    Zstd,
    Bzip2,
    Xz,
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Gzip => "gzip",
            Codec::Zstd => "zstd",
            Codec::Bzip2 => "bzip2",
            Codec::Xz => "xz",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Compressed(Codec),
    Tar,
    Zip,
    Warc,
    JsonLines,
    Json,
    Html,
    Text,
}

/// The lower-case extension of the last path component (`""` for none).
pub(crate) fn extension(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Format by content first (magic numbers, then the shape of the text),
/// with the name's extension deciding only between text-like formats.
fn sniff(head: &[u8], name: &str) -> Kind {
    if head.starts_with(b"\x1f\x8b") {
        return Kind::Compressed(Codec::Gzip);
    }
    // A zstd frame, or a skippable frame before one (`pzstd` writes one).
    if head.starts_with(b"\x28\xb5\x2f\xfd")
        || (head.len() >= 4 && head[0] & 0xf0 == 0x50 && head[1..4] == *b"\x2a\x4d\x18")
    {
        return Kind::Compressed(Codec::Zstd);
    }
    if head.len() >= 10
        && head.starts_with(b"BZh")
        && head[3].is_ascii_digit()
        && head[4..10] == *b"\x31\x41\x59\x26\x53\x59"
    {
        return Kind::Compressed(Codec::Bzip2);
    }
    if head.starts_with(b"\xfd7zXZ\x00") {
        return Kind::Compressed(Codec::Xz);
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    let ext = extension(name);
    if head.get(257..262) == Some(b"ustar") || (ext == "tar" && head.len() >= 512) {
        return Kind::Tar;
    }
    let text = strip_bom(head).trim_ascii_start();
    if text.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    match ext.as_str() {
        "html" | "htm" | "xhtml" => return Kind::Html,
        "jsonl" | "ndjson" => return Kind::JsonLines,
        "json" => return Kind::Json,
        _ => {}
    }
    match text.first() {
        Some(b'{') => Kind::Json,
        // `[{…}, …]`, not `[Updated] Storm hits…`.
        Some(b'[')
            if matches!(
                text[1..].trim_ascii_start().first(),
                Some(b'{' | b']') | None
            ) =>
        {
            Kind::Json
        }
        Some(b'<') if looks_like_html(text) => Kind::Html,
        _ => Kind::Text,
    }
}

fn looks_like_html(text: &[u8]) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
    ]
    .iter()
    .any(|tag| memchr::memmem::find(&lower, tag).is_some())
}

/// `a.jsonl.gz` → `a.jsonl`; `a.tgz` → `a.tar`.
fn strip_compression(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, ext)) => match ext.to_ascii_lowercase().as_str() {
            "gz" | "zst" | "zstd" | "bz2" | "xz" => stem,
            "tgz" | "tzst" | "tbz" | "tbz2" | "txz" => "archive.tar",
            _ => name,
        },
        None => name,
    }
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// The text of a JSON record that is not UTF-8. Mostly UTF-8 with a stray
/// byte (it holds valid multi-byte characters) stays UTF-8, the byte
/// replaced; otherwise it is read in its detected encoding (a Windows-1252
/// `é`), as a loose file would be.
fn recode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Recoded) {
    let lossy = String::from_utf8_lossy(bytes);
    // Each invalid sequence became one U+FFFD; those written in the input
    // (EF BF BD) were no loss.
    let written = memchr::memmem::find_iter(bytes, "\u{fffd}".as_bytes()).count();
    let replaced = (lossy.matches('\u{fffd}').count() - written) as u64;
    if lossy.chars().any(|c| c != '\u{fffd}' && !c.is_ascii()) {
        return (lossy, ("UTF-8", replaced));
    }
    match crate::decode::decode(bytes) {
        Ok(decoded) => (
            std::borrow::Cow::Owned(decoded.text),
            (decoded.encoding, decoded.replaced),
        ),
        Err(_) => (lossy, ("UTF-8", replaced)),
    }
}

/// The encoding a JSON record that was not UTF-8 was read in, and how many
/// of its bytes were replaced.
type Recoded = (&'static str, u64);

/// How many entries a zip's end-of-central-directory record lists (`None`
/// when it is not found, or for zip64, which counts elsewhere).
#[cfg(feature = "zip")]
fn listed_zip_entries<R: Read + io::Seek>(input: &mut R) -> Option<u64> {
    // The record is 22 bytes plus a comment of at most 65,535.
    let len = input.seek(io::SeekFrom::End(0)).ok()?;
    let tail = len.min(22 + 65_535);
    input.seek(io::SeekFrom::Start(len - tail)).ok()?;
    let mut buf = vec![0; usize::try_from(tail).ok()?];
    input.read_exact(&mut buf).ok()?;
    let at = memchr::memmem::rfind(&buf, b"PK\x05\x06")?;
    let record = buf.get(at..at + 22)?;
    let total = u16::from_le_bytes([record[10], record[11]]);
    (total != u16::MAX).then_some(u64::from(total))
}

/// A member name that stays inside the archive: relative, no `..`. Judged
/// on the raw bytes of the name, not its escaped form: an escaped non-UTF-8
/// byte (`\xe9`) is no leading backslash.
#[cfg_attr(not(any(feature = "tar", feature = "zip")), allow(dead_code))]
fn safe_member_name(name: &[u8]) -> bool {
    let drive = name.len() >= 2 && name[0].is_ascii_alphabetic() && name[1] == b':';
    let escapes = name.starts_with(b"/")
        || name.starts_with(b"\\")
        || drive
        || name
            .split(|&b| b == b'/' || b == b'\\')
            .any(|part| part == b"..");
    !escapes
}

/// Reads up to `n` bytes for sniffing and gives back a reader that still
/// yields them. An error after some bytes is handed on after them, so a
/// damaged stream still shows what it is and yields what came before.
fn peek<'r>(
    mut input: Box<dyn BufRead + 'r>,
    n: usize,
) -> io::Result<(Vec<u8>, Box<dyn BufRead + 'r>)> {
    let mut head = Vec::with_capacity(n);
    let mut chunk = [0u8; 256];
    let mut pending = None;
    while head.len() < n {
        let want = (n - head.len()).min(chunk.len());
        match input.read(&mut chunk[..want]) {
            Ok(0) => break,
            Ok(got) => head.extend_from_slice(&chunk[..got]),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) if head.is_empty() => return Err(err),
            Err(err) => {
                pending = Some(err);
                break;
            }
        }
    }
    let rest = Pending {
        error: pending,
        input,
    };
    let input = Box::new(Cursor::new(head.clone()).chain(rest));
    Ok((head, input))
}

/// A reader that first returns a deferred error, then reads on.
struct Pending<R> {
    error: Option<io::Error>,
    input: R,
}

impl<R: BufRead> Read for Pending<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.error.take() {
            Some(err) => Err(err),
            None => self.input.read(buf),
        }
    }
}

impl<R: BufRead> BufRead for Pending<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self.error.take() {
            Some(err) => Err(err),
            None => self.input.fill_buf(),
        }
    }

    fn consume(&mut self, n: usize) {
        self.input.consume(n);
    }
}

/// Reads the whole stream if it is at most `max` bytes.
///
/// It copies out of the reader's own buffer: `read_to_end` on a chain of
/// readers zero-fills its spare capacity before every read, which cost more
/// than the page's parsing on large HTML files.
/// Most bytes [`read_sized`] makes room for at once.
const PREALLOCATE_MAX: u64 = 64 << 20;

pub(crate) fn read_capped(input: impl BufRead, max: u64) -> Result<Vec<u8>, ReadErrorKind> {
    read_sized(input, max, 0)
}

/// [`read_capped`] for input of about `size` bytes (a file's length, a
/// record's stated length; 0 when unknown): room is made once, and the
/// bytes are not copied again each time they outgrow it. A stated length
/// may lie (a truncated record that claims gigabytes): no more than
/// [`PREALLOCATE_MAX`] is made room for before the bytes are there.
pub(crate) fn read_sized(
    mut input: impl BufRead,
    max: u64,
    size: u64,
) -> Result<Vec<u8>, ReadErrorKind> {
    let room = size.min(max).min(PREALLOCATE_MAX);
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    loop {
        let chunk = match input.fill_buf() {
            Ok([]) => return Ok(bytes),
            Ok(chunk) => chunk,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(classify(err)),
        };
        // Past the limit: an oversized input is told without reading it all.
        if (bytes.len() + chunk.len()) as u64 > max {
            return Err(ReadErrorKind::TooLarge { limit: max });
        }
        bytes.extend_from_slice(chunk);
        let n = chunk.len();
        input.consume(n);
    }
}

pub(crate) enum Line {
    Eof,
    Complete,
    /// Longer than the cap: skipped to its end, `buf` left empty.
    TooLong,
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `max`
/// bytes: a longer line is consumed and dropped, so a file with no newline
/// never takes more than `max` bytes of memory.
pub(crate) fn read_line_capped(
    input: &mut impl BufRead,
    max: u64,
    buf: &mut Vec<u8>,
) -> io::Result<Line> {
    let mut any = false;
    let mut too_long = false;
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => Line::Eof,
                (true, true) => Line::TooLong,
                (true, false) => Line::Complete,
            });
        }
        any = true;
        let newline = memchr::memchr(b'\n', available);
        let chunk = &available[..newline.unwrap_or(available.len())];
        if !too_long {
            if (buf.len() + chunk.len()) as u64 > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = newline.map_or(available.len(), |i| i + 1);
        input.consume(used);
        if newline.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(if too_long {
                Line::TooLong
            } else {
                Line::Complete
            });
        }
    }
}

/// `input` as UTF-8, for a line reader such as [`read_line`]: a stream in
/// UTF-16 with a byte-order mark (Windows tools write JSON Lines so) is
/// transcoded as it streams, and the encoding it was in is returned; any
/// other stream passes through unchanged. Its newlines are two bytes, so
/// it cannot be split into lines before this.
pub fn utf8_stream<'r>(
    mut input: impl BufRead + 'r,
) -> io::Result<(Box<dyn BufRead + 'r>, Option<&'static str>)> {
    // The two bytes of a UTF-16 mark, and the second only when the first
    // may start one: a co-process that writes a one-byte line and waits
    // for its answer is not kept waiting for more.
    let mut head = Vec::with_capacity(2);
    while head.len() < 2 && head.first().is_none_or(|b| matches!(b, 0xFF | 0xFE)) {
        let available = input.fill_buf()?;
        let Some(&byte) = available.first() else {
            break;
        };
        head.push(byte);
        input.consume(1);
    }
    let input = Cursor::new(head.clone()).chain(input);
    match encoding_rs::Encoding::for_bom(&head) {
        Some((encoding, _)) if encoding != encoding_rs::UTF_8 => {
            let utf8 = encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .strip_bom(true)
                .build(input);
            let input = Box::new(BufReader::with_capacity(64 << 10, utf8));
            Ok((input, Some(encoding.name())))
        }
        _ => Ok((Box::new(input), None)),
    }
}

/// Reads one line (without its line ending) into `buf`, keeping at most
/// `max` bytes: `None` at the end of input, `Some(false)` for a line longer
/// than `max` (consumed and dropped, `buf` left empty), `Some(true)` else.
/// Memory stays bounded whatever the input.
pub fn read_line(
    input: &mut impl BufRead,
    max: u64,
    buf: &mut Vec<u8>,
) -> io::Result<Option<bool>> {
    Ok(match read_line_capped(input, max, buf)? {
        Line::Eof => None,
        Line::Complete => Some(true),
        Line::TooLong => Some(false),
    })
}

/// Skips a BOM and whitespace and returns the next byte, unconsumed.
fn first_byte(input: &mut impl BufRead) -> io::Result<Option<u8>> {
    let mut start = true;
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            return Ok(None);
        }
        let bom = if start && available.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        };
        start = false;
        let blank = available[bom..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        if bom + blank < available.len() {
            let byte = available[bom + blank];
            input.consume(bom + blank);
            return Ok(Some(byte));
        }
        let n = available.len();
        input.consume(n);
    }
}

/// True when anything but whitespace is left.
fn more_content(input: &mut impl BufRead) -> io::Result<bool> {
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            return Ok(false);
        }
        let blank = available
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        if blank < available.len() {
            return Ok(true);
        }
        let n = available.len();
        input.consume(n);
    }
}

fn malformed(err: &serde_json::Error) -> ReadErrorKind {
    ReadErrorKind::Parse(format!("malformed JSON: {err}"))
}

#[cfg(feature = "tar")]
fn archive_error(format: &str, err: io::Error) -> ReadErrorKind {
    match classify(err) {
        ReadErrorKind::Io(err) => ReadErrorKind::Parse(format!("corrupt {format} archive: {err}")),
        other => other,
    }
}

fn decompressor<'r>(
    codec: Codec,
    input: Box<dyn BufRead + 'r>,
) -> Result<Box<dyn Read + 'r>, ReadErrorKind> {
    let _ = &input;
    match codec {
        Codec::Gzip => {
            // Multi-member: WARC.gz files are one gzip member per record.
            #[cfg(feature = "gzip")]
            return Ok(Box::new(crate::gz::GzMembers::new(input)));
            #[cfg(not(feature = "gzip"))]
            return Err(ReadErrorKind::Unsupported("gzip"));
        }
        Codec::Zstd => {
            #[cfg(feature = "zstd")]
            return zstd::stream::read::Decoder::with_buffer(input)
                .map(|d| Box::new(d) as Box<dyn Read + 'r>)
                .map_err(|error| ReadErrorKind::Decompress {
                    codec: "zstd",
                    error,
                });
            #[cfg(not(feature = "zstd"))]
            return Err(ReadErrorKind::Unsupported("zstd"));
        }
        Codec::Bzip2 => {
            #[cfg(feature = "bzip2")]
            return Ok(Box::new(bzip2::bufread::MultiBzDecoder::new(input)));
            #[cfg(not(feature = "bzip2"))]
            return Err(ReadErrorKind::Unsupported("bzip2"));
        }
        Codec::Xz => {
            // A crafted header may ask for a huge dictionary: cap the
            // decoder's memory (`xz -9` needs 65 MiB).
            #[cfg(feature = "xz")]
            return liblzma::stream::Stream::new_stream_decoder(
                XZ_MEMORY_LIMIT,
                liblzma::stream::CONCATENATED,
            )
            .map(|stream| {
                Box::new(liblzma::bufread::XzDecoder::new_stream(input, stream))
                    as Box<dyn Read + 'r>
            })
            .map_err(|err| ReadErrorKind::Decompress {
                codec: "xz",
                error: io::Error::other(err),
            });
            #[cfg(not(feature = "xz"))]
            return Err(ReadErrorKind::Unsupported("xz"));
        }
    }
}

/// Counts what a decompressor produces, stops it past the per-member limit,
/// and labels its errors so they are reported as decompression errors.
struct Guard<R> {
    inner: R,
    codec: &'static str,
    read: u64,
    limit: u64,
}

impl<R> Guard<R> {
    fn new(inner: R, codec: &'static str, limit: u64) -> Guard<R> {
        Guard {
            inner,
            codec,
            read: 0,
            limit,
        }
    }
}

/// Error payloads carried through `io::Error` by [`Guard`].
#[derive(Debug, thiserror::Error)]
enum Tagged {
    #[error("{codec}: {source}")]
    Codec {
        codec: &'static str,
        source: io::Error,
    },
    #[error("decompressed data exceeds {0} bytes")]
    Bomb(u64),
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read > self.limit {
            return Err(io::Error::other(Tagged::Bomb(self.limit)));
        }
        let n = self.inner.read(buf).map_err(|err| {
            // An error from an inner guard already says what it is.
            if err.get_ref().is_some_and(|e| e.is::<Tagged>()) {
                err
            } else {
                let kind = err.kind();
                io::Error::new(
                    kind,
                    Tagged::Codec {
                        codec: self.codec,
                        source: err,
                    },
                )
            }
        })?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(io::Error::other(Tagged::Bomb(self.limit)));
        }
        Ok(n)
    }
}

/// Damage in one member of a multi-member gzip stream: reading on gives
/// the members after it.
pub(crate) fn resumable(kind: &ReadErrorKind) -> bool {
    #[cfg(feature = "gzip")]
    if let ReadErrorKind::Decompress { error, .. } = kind {
        return crate::gz::Damaged::is(error);
    }
    let _ = kind;
    false
}

/// Turns an I/O error into the reason it stands for.
pub(crate) fn classify(err: io::Error) -> ReadErrorKind {
    if !err.get_ref().is_some_and(|e| e.is::<Tagged>()) {
        return ReadErrorKind::Io(err);
    }
    match err.into_inner().map(|e| e.downcast::<Tagged>()) {
        Some(Ok(tagged)) => match *tagged {
            Tagged::Codec { codec, source } => ReadErrorKind::Decompress {
                codec,
                error: source,
            },
            Tagged::Bomb(limit) => ReadErrorKind::MemberTooLarge { limit },
        },
        _ => ReadErrorKind::Parse("unreadable stream".to_string()),
    }
}

/// `json` with each `\uD800`–`\uDFFF` escape that is not half of a
/// surrogate pair written `\uFFFD`; `None` when there is none.
fn mend_surrogates(json: &[u8]) -> Option<Vec<u8>> {
    let hex4 = |at: usize| -> Option<u32> {
        let digits = std::str::from_utf8(json.get(at..at + 4)?).ok()?;
        u32::from_str_radix(digits, 16).ok()
    };
    let escape_at = |at: usize| json.get(at) == Some(&b'\\') && json.get(at + 1) == Some(&b'u');
    let mut out = Vec::with_capacity(json.len());
    let mut changed = false;
    let mut i = 0;
    while i < json.len() {
        if json[i] != b'\\' || i + 1 == json.len() {
            out.push(json[i]);
            i += 1;
            continue;
        }
        // An escape: `\uXXXX`, or a backslash and the character it escapes.
        match (json[i + 1] == b'u').then(|| hex4(i + 2)).flatten() {
            Some(0xD800..=0xDBFF)
                if escape_at(i + 6)
                    && hex4(i + 8).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) =>
            {
                out.extend_from_slice(&json[i..i + 12]);
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                out.extend_from_slice(b"\\ufffd");
                changed = true;
                i += 6;
            }
            _ => {
                out.extend_from_slice(&json[i..i + 2]);
                i += 2;
            }
        }
    }
    changed.then_some(out)
}

/// A reader of a member that must hold `size` bytes: running out before
/// them (a truncated tar) is an error, not a short member read as whole.
#[cfg(feature = "tar")]
struct Exact<'a, R> {
    inner: R,
    remaining: u64,
    /// Set when the member turned out short.
    truncated: &'a std::cell::Cell<bool>,
}

#[cfg(feature = "tar")]
impl<'a, R: Read> Exact<'a, R> {
    fn new(inner: R, size: u64, truncated: &'a std::cell::Cell<bool>) -> Exact<'a, R> {
        Exact {
            inner,
            remaining: size,
            truncated,
        }
    }
}

#[cfg(feature = "tar")]
impl<R: Read> Read for Exact<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.remaining > 0 && !buf.is_empty() {
            self.truncated.set(true);
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("member truncated: {} bytes missing", self.remaining),
            ));
        }
        self.remaining = self.remaining.saturating_sub(n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(reader: &Reader, name: &str, bytes: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        reader.read(name, bytes, |item| {
            out.push(match item {
                Ok(doc) => format!(
                    "{} {} {}",
                    doc.path,
                    doc.format.as_str(),
                    String::from_utf8_lossy(&doc.bytes).replace('\n', "|")
                ),
                Err(err) => format!("ERR {} {}: {}", err.path, err.stage(), err.kind),
            });
        });
        out
    }

    #[cfg(feature = "gzip")]
    fn gz(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn a_stated_length_that_lies_makes_no_room_for_gigabytes() {
        let bytes = read_sized(&b"short record"[..], 1 << 40, 3_000_000_000).unwrap();
        assert_eq!(bytes, b"short record");
        assert!(bytes.capacity() as u64 <= PREALLOCATE_MAX);
    }

    #[test]
    fn half_a_surrogate_pair_becomes_a_replacement_character() {
        let r = Reader::new();
        let feed = concat!(
            r#"{"text": "Cut in an emoji \ud83d"}"#,
            "\n",
            r#"{"text": "Whole \ud83d\ude00 and a lone low \ude00 half"}"#,
            "\n",
            r#"{"text": "Written out: \\ud800"}"#,
            "\n",
            r#"{"text": "Broken \u12"}"#,
            "\n",
        );
        assert_eq!(
            read_all(&r, "f.jsonl", feed.as_bytes()),
            [
                "f.jsonl#0 text Cut in an emoji \u{fffd}",
                "f.jsonl#1 text Whole \u{1f600} and a lone low \u{fffd} half",
                "f.jsonl#2 text Written out: \\ud800",
                "ERR f.jsonl#3 parse: malformed JSON: invalid escape at line 1 column 23",
            ]
        );
    }

    #[test]
    fn json_in_utf16_or_with_a_latin1_byte_is_read() {
        let r = Reader::new();
        let record = "{\"text\": \"Caf\u{e9} opens\"}\n";
        let mut utf16 = vec![0xff, 0xfe];
        for unit in record.repeat(2).encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(
            read_all(&r, "f.jsonl", &utf16),
            [
                "f.jsonl#0 text Caf\u{e9} opens",
                "f.jsonl#1 text Caf\u{e9} opens"
            ]
        );
        let latin1 = b"{\"text\": \"Caf\xe9 opens in the old town square\"}\n";
        assert_eq!(
            read_all(&r, "g.jsonl", latin1),
            ["g.jsonl#0 text Caf\u{e9} opens in the old town square"]
        );
        // Streamed: the size limit holds per record, not for the file.
        let small = Reader::new().max_bytes(100);
        let mut big = vec![0xfe, 0xff];
        for unit in record.repeat(20).encode_utf16() {
            big.extend(unit.to_be_bytes());
        }
        assert_eq!(read_all(&small, "big.jsonl", &big).len(), 20);
        // The records say what they were read from.
        let encodings = |name: &str, bytes: &[u8]| {
            let mut out = Vec::new();
            r.read(name, bytes, |item| {
                if let Ok(doc) = item {
                    out.push((doc.meta.encoding, doc.meta.replaced));
                }
            });
            out
        };
        assert_eq!(
            encodings("f.jsonl", &utf16),
            vec![(Some("UTF-16LE".to_string()), 0); 2]
        );
        // A whole-file record, too.
        assert_eq!(
            read_all(&r, "g.json", &latin1[..latin1.len() - 1]),
            ["g.json text Caf\u{e9} opens in the old town square"]
        );
        // Mostly UTF-8, one stray byte: UTF-8, the byte replaced.
        let stray = b"{\"text\": \"Caf\xc3\xa9 one \xef two\"}";
        assert_eq!(
            read_all(&r, "m.jsonl", stray),
            ["m.jsonl#0 text Caf\u{e9} one \u{fffd} two"]
        );
        assert_eq!(
            encodings("m.jsonl", stray),
            [(Some("UTF-8".to_string()), 1)]
        );
        assert_eq!(
            encodings("g.jsonl", latin1),
            [(Some("windows-1252".to_string()), 0)]
        );
        let utf8 = "{\"text\": \"Caf\u{e9}\"}\n";
        assert_eq!(encodings("h.jsonl", utf8.as_bytes()), [(None, 0)]);
    }

    /// A zip file on disk is read member by member: bigger than the size
    /// limit as a whole, it still gives its members.
    #[test]
    #[cfg(feature = "zip")]
    fn a_zip_file_is_read_by_its_members_not_whole() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("many.zip");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for i in 0..5 {
            zip.start_file(format!("a{i}.txt"), options).unwrap();
            zip.write_all(format!("Story {i} {}", "x".repeat(60)).as_bytes())
                .unwrap();
        }
        zip.finish().unwrap();
        let r = Reader::new().max_bytes(100);
        let mut docs = Vec::new();
        r.read_file(&path, |item| docs.push(item.map(|d| d.path)))
            .unwrap();
        assert_eq!(docs.len(), 5, "{docs:?}");
        assert!(docs.iter().all(Result::is_ok), "{docs:?}");
        assert!(r.read_file(&dir.path().join("gone.txt"), |_| {}).is_err());
        assert!(r.read_file(dir.path(), |_| {}).is_err());
    }

    /// `pzstd` opens its files with a skippable frame (its index).
    #[test]
    #[cfg(feature = "zstd")]
    fn a_skippable_zstd_frame_before_the_data_is_read_past() {
        let r = Reader::new();
        let mut data = vec![0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, 1, 2, 3, 4];
        data.extend(zstd::encode_all(&b"Hello"[..], 3).unwrap());
        assert_eq!(read_all(&r, "a.txt.zst", &data), ["a.txt.zst text Hello"]);
    }

    #[test]
    #[cfg(feature = "gzip")]
    fn formats_are_detected_by_content() {
        let r = Reader::new();
        assert_eq!(read_all(&r, "a", b"Hello"), ["a text Hello"]);
        assert_eq!(
            read_all(&r, "a.txt", b"<!DOCTYPE html><p>x"),
            ["a.txt html <!DOCTYPE html><p>x"]
        );
        assert_eq!(
            read_all(&r, "a.dat", &gz(b"{\"text\": \"T\"}")),
            ["a.dat text T"]
        );
        assert_eq!(
            read_all(&r, "x.json", br#"[{"text":"A"}, {"body":"B"}, 3]"#),
            [
                "x.json#0 text A",
                "x.json#1 text B",
                "ERR x.json#2 parse: JSON record is a number, not an article object"
            ]
        );
        assert_eq!(
            read_all(&r, "p.json", b"{\n  \"text\": \"Pretty\"\n}\n"),
            ["p.json text Pretty"]
        );
        assert_eq!(
            read_all(&r, "lines", b"{\"text\":\"A\"}\n\n{\"text\":\"B\"}\n"),
            ["lines#0 text A", "lines#1 text B"]
        );
        assert_eq!(
            read_all(&r, "a.txt", b"[Updated] Storm\n\nBody."),
            ["a.txt text [Updated] Storm||Body."]
        );
        assert!(read_all(&r, "a.json", b"[Updated] Storm")[0].starts_with("ERR a.json#0 parse"));
    }

    #[test]
    fn a_utf16_stream_is_read_as_utf8_lines() {
        let text = "{\"text\": \"K\u{f6}ln\"}\n{\"text\": \"b\"}\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let lines = |bytes: &[u8]| {
            let (mut input, encoding) = utf8_stream(bytes).expect("readable");
            let mut out = Vec::new();
            let mut line = Vec::new();
            while read_line(&mut input, 100, &mut line).expect("readable") == Some(true) {
                out.push(String::from_utf8(std::mem::take(&mut line)).expect("UTF-8"));
            }
            (out, encoding)
        };
        let want: Vec<String> = ["{\"text\": \"K\u{f6}ln\"}", "{\"text\": \"b\"}"]
            .map(String::from)
            .to_vec();
        assert_eq!(lines(&le), (want.clone(), Some("UTF-16LE")));
        // UTF-8 (with or without its mark) passes through as it is.
        assert_eq!(lines(text.as_bytes()), (want, None));
        assert_eq!(
            lines(b"\xEF\xBB\xBFx\n"),
            (vec!["\u{feff}x".to_string()], None)
        );
    }

    #[test]
    fn bad_lines_and_limits() {
        let r = Reader::new().max_bytes(15);
        let got = read_all(
            &r,
            "f.jsonl",
            b"{\"text\":\"A\"}\n{\"text\":\"too long line\"}\n{bad\n",
        );
        assert_eq!(got[0], "f.jsonl#0 text A");
        assert!(
            got[1].starts_with("ERR f.jsonl#1 read: document is larger"),
            "{got:?}"
        );
        assert!(
            got[2].starts_with("ERR f.jsonl#2 parse: malformed JSON"),
            "{got:?}"
        );
        let got = read_all(&r, "big.txt", &[b'x'; 100]);
        assert!(
            got[0].starts_with("ERR big.txt read: document is larger"),
            "{got:?}"
        );
    }

    #[test]
    #[cfg(feature = "gzip")]
    fn truncated_and_bomb_streams() {
        let data = gz(&b"{\"text\":\"A\"}\n".repeat(2000));
        let got = read_all(&Reader::new(), "t.jsonl.gz", &data[..data.len() / 2]);
        assert!(got.len() > 10);
        assert!(got[..got.len() - 1].iter().all(|l| l.ends_with(" text A")));
        let last = got.last().unwrap();
        assert!(
            last.contains("decompress: cannot decompress gzip"),
            "{last}"
        );

        let bomb = gz(&vec![b' '; 1 << 20]);
        let got = read_all(
            &Reader::new().max_member_bytes(200_000),
            "b.jsonl.gz",
            &bomb,
        );
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("per-member limit of 200000"), "{got:?}");
        assert!(got[0].starts_with("ERR b.jsonl.gz#0 decompress"), "{got:?}");
    }

    #[test]
    fn a_multi_line_json_document_is_held_to_the_limit() {
        let json = b"{\"text\":\n\"A\"}";
        assert_eq!(json.len(), 13);
        assert_eq!(
            read_all(&Reader::new().max_bytes(13), "a.json", json),
            ["a.json text A"]
        );
        let got = read_all(&Reader::new().max_bytes(12), "a.json", json);
        assert!(
            got[0].starts_with("ERR a.json read: document is larger"),
            "{got:?}"
        );
    }

    #[test]
    fn arrays_are_streamed_element_by_element() {
        let r = Reader::new().max_bytes(40);
        let json = b"\xef\xbb\xbf [{\"text\": \"a, [b] {c}\\\" ]\"}, {\"text\": \"x\", \"long\": \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\"},\n {\"text\": tru}, {\"text\":\"d\"},]";
        let got = read_all(&r, "a.json", json);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0], "a.json#0 text a, [b] {c}\" ]");
        assert!(got[1].starts_with("ERR a.json#1 read: document is larger"));
        assert!(got[2].starts_with("ERR a.json#2 parse: malformed JSON"));
        assert_eq!(got[3], "a.json#3 text d");
        let got = read_all(&r, "t.json", b"[{\"text\": \"a\"}, {\"text\": \"b");
        assert_eq!(got[0], "t.json#0 text a");
        assert!(
            got[1].starts_with("ERR t.json#1 parse: truncated JSON array"),
            "{got:?}"
        );
    }

    /// A tar of text members `m0.txt`, `m1.txt`, … holding `texts`.
    #[cfg(feature = "tar")]
    fn tar_of(texts: impl Iterator<Item = String>) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (i, text) in texts.enumerate() {
            let mut header = tar::Header::new_ustar();
            header.set_size(text.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder
                .append_data(&mut header, format!("m{i}.txt"), text.as_bytes())
                .unwrap();
        }
        builder.into_inner().unwrap()
    }

    #[cfg(all(feature = "tar", feature = "gzip"))]
    #[test]
    fn a_truncated_tar_gz_gives_its_first_members_and_one_error() {
        // Varied text, so the compressed stream is long enough to cut.
        let data = gz(&tar_of((0..6u32).map(|i| {
            (0..400u32)
                .map(|w| {
                    format!(
                        "w{} ",
                        w.wrapping_mul(7919).wrapping_add(i * 104_729) % 100_003
                    )
                })
                .collect::<String>()
        })));
        let got = read_all(&Reader::new(), "t.tar.gz", &data[..data.len() * 3 / 5]);
        let errors: Vec<&String> = got.iter().filter(|l| l.starts_with("ERR")).collect();
        assert_eq!(errors.len(), 1, "{got:?}");
        assert!(errors[0].contains("decompress"), "{got:?}");
        assert!(got[0].starts_with("t.tar.gz#0 text w"), "{got:?}");
    }

    #[cfg(feature = "tar")]
    #[test]
    fn a_tar_cut_inside_a_member_gives_no_short_record() {
        let data = tar_of((0..3u32).map(|i| {
            format!("Member {i} of the archive, with enough words to be read. ").repeat(6)
        }));
        // Each member is a header block and one data block: cut 100 bytes
        // into the second member's data.
        let cut = 1024 + 512 + 100;
        let got = read_all(&Reader::new(), "t.tar", &data[..cut]);
        assert!(got[0].starts_with("t.tar#0 text Member 0"), "{got:?}");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[1].starts_with("ERR t.tar#1"), "{got:?}");
        assert!(got[1].contains("truncated"), "{got:?}");
    }

    #[test]
    fn empty_containers_are_reported() {
        assert_eq!(
            read_all(&Reader::new(), "e.json", b"[]"),
            ["ERR e.json parse: no articles found in this file"]
        );
    }

    #[test]
    fn unsafe_names() {
        for bad in [
            "../x.txt",
            "/etc/passwd",
            "a/../../b",
            "C:\\win",
            "\\\\srv\\x",
        ] {
            assert!(!safe_member_name(bad.as_bytes()), "{bad}");
        }
        for good in ["a/b.txt", "..x", "a..b/c"] {
            assert!(safe_member_name(good.as_bytes()), "{good}");
        }
        // A Latin-1 or CP437 name: its first byte is no path separator.
        assert!(safe_member_name(b"\xe9t\xe9.txt"));
        assert!(safe_member_name(b"\x9aber/sicht.txt"));
    }

    #[test]
    fn an_unsafe_name_is_quoted_as_paths_are_escaped() {
        // A name's one backslash is doubled once, as in every path.
        let kind = ReadErrorKind::UnsafeName(crate::escape_bytes(b"..\\win.txt"));
        assert_eq!(
            kind.to_string(),
            r#"unsafe member name "..\\win.txt" (escapes the archive; not read)"#
        );
    }

    #[test]
    fn hidden_files_are_skipped() {
        let r = Reader::new();
        assert!(r.accepts("a/b.txt") && r.accepts("./a.txt") && r.accepts("noext"));
        for hidden in [".DS_Store", "a/.git/config", "__MACOSX/._a.txt", "x/.a.txt"] {
            assert!(!r.accepts(hidden), "{hidden}");
        }
    }

    /// What `cargo fuzz run ingest` does at length, briefly on every test
    /// run: arbitrary bytes behind each format's magic never panic, and
    /// every input yields at least one document or error.
    mod arbitrary {
        use super::*;
        use proptest::prelude::*;

        const PREFIXES: &[&[u8]] = &[
            b"",
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
            b"\x28\xb5\x2f\xfd",
            b"\x50\x2a\x4d\x18",
            b"\xff\xfe{\0",
            b"BZh91AY&SY",
            b"\xfd7zXZ\x00",
            b"PK\x03\x04",
            b"WARC/1.0\r\nContent-Length: 5\r\nWARC-Type: response\r\n\r\n",
            b"{\"text\": ",
            b"[",
        ];
        const NAMES: &[&str] = &["a", "a.txt", "a.json", "a.jsonl", "a.tar", "a.html"];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            #[test]
            fn never_panics(prefix in 0..PREFIXES.len(), name in 0..NAMES.len(),
                            body in proptest::collection::vec(any::<u8>(), 0..600)) {
                let mut bytes = PREFIXES[prefix].to_vec();
                bytes.extend_from_slice(&body);
                let mut items = 0;
                Reader::new().max_bytes(4096).max_member_bytes(1 << 16).read(
                    NAMES[name],
                    &bytes[..],
                    |item| {
                        items += 1;
                        if let Ok(doc) = item {
                            let _ = crate::decode_with_charset(&doc.bytes, doc.meta.charset.as_deref());
                        }
                    },
                );
                prop_assert!(items >= 1);
            }
        }
    }

    #[test]
    fn compression_extensions() {
        assert_eq!(strip_compression("a.jsonl.gz"), "a.jsonl");
        assert_eq!(strip_compression("a.TGZ"), "archive.tar");
        assert_eq!(extension("dir.d/file"), "");
        assert_eq!(extension(".hidden"), "");
        assert_eq!(extension("x/A.TXT"), "txt");
    }
}
