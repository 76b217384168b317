/*!
Output: the files a run leaves in its output folder.

- [`JsonLines`] writes one serialisable value per line to a file that only
  appears under its final name when [`JsonLines::finish`] succeeds (written to
  a temporary file in the same folder, flushed, synced and renamed), so a
  crashed run never leaves a half-written `records.jsonl` behind.
- [`RunReport`] is the summary written to `report.json`: inputs, bytes,
  records, errors by stage, seconds per stage, removals per rule id.

# Example

```
use newsclean_model::{ErrorRecord, Record, Source};
use newsclean_output::{JsonLines, RunReport};

let dir = tempfile::tempdir()?;
let mut records = JsonLines::create(dir.path().join("records.jsonl"))?;
records.write(&Record::new(Source::new("a.txt")))?;
records.finish()?;

let mut report = RunReport::default();
report.count_error(&ErrorRecord::new("b.bin", "decode", "binary"));
report.write(dir.path().join("report.json"))?;

let text = std::fs::read_to_string(dir.path().join("records.jsonl"))?;
assert_eq!(text.lines().count(), 1);
assert!(std::fs::read_to_string(dir.path().join("report.json"))?.contains(r#""decode": 1"#));
# Ok::<(), Box<dyn std::error::Error>>(())
```
*/

#![deny(missing_docs)]

pub mod state;

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use newsclean_model::{ErrorRecord, Record};
use serde::{Deserialize, Serialize};

/// Writing an output file failed.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct OutputError {
    /// The file being written.
    pub path: PathBuf,
    /// The underlying error.
    #[source]
    pub source: std::io::Error,
}

/// Compression of a records file.
///
/// Which variants exist depends on the crate's features, so a `match` needs
/// a wildcard arm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Compression {
    /// Plain JSON Lines (`.jsonl`).
    #[default]
    None,
    /// gzip (`.jsonl.gz`), level 6.
    #[cfg(feature = "gzip")]
    Gzip,
    /// Zstandard (`.jsonl.zst`), level 3.
    #[cfg(feature = "zstd")]
    Zstd,
}

impl Compression {
    /// The file name suffix after `.jsonl`: `""`, `".gz"` or `".zst"`.
    pub fn suffix(self) -> &'static str {
        match self {
            Compression::None => "",
            #[cfg(feature = "gzip")]
            Compression::Gzip => ".gz",
            #[cfg(feature = "zstd")]
            Compression::Zstd => ".zst",
        }
    }

    /// The compression a file name says (`.gz`, `.zst`, else none).
    pub fn of_name(name: &str) -> Compression {
        #[cfg(feature = "gzip")]
        if name.ends_with(".gz") {
            return Compression::Gzip;
        }
        #[cfg(feature = "zstd")]
        if name.ends_with(".zst") {
            return Compression::Zstd;
        }
        let _ = name;
        Compression::None
    }

    /// Opens a records file written with this compression for reading its
    /// lines.
    pub fn reader(self, file: std::fs::File) -> std::io::Result<Box<dyn std::io::BufRead>> {
        use std::io::BufReader;
        Ok(match self {
            Compression::None => Box::new(BufReader::with_capacity(1 << 16, file)),
            #[cfg(feature = "gzip")]
            Compression::Gzip => Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(
                BufReader::new(file),
            ))),
            #[cfg(feature = "zstd")]
            Compression::Zstd => Box::new(BufReader::new(zstd::stream::read::Decoder::new(file)?)),
        })
    }
}

impl std::str::FromStr for Compression {
    type Err = String;

    fn from_str(s: &str) -> Result<Compression, String> {
        match s {
            "none" => Ok(Compression::None),
            #[cfg(feature = "gzip")]
            "gzip" | "gz" => Ok(Compression::Gzip),
            #[cfg(feature = "zstd")]
            "zstd" | "zst" => Ok(Compression::Zstd),
            _ => Err(format!("unknown compression {s:?} (none, gzip or zstd)")),
        }
    }
}

impl std::fmt::Display for Compression {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Compression::None => "none",
            #[cfg(feature = "gzip")]
            Compression::Gzip => "gzip",
            #[cfg(feature = "zstd")]
            Compression::Zstd => "zstd",
        })
    }
}

type Temp = BufWriter<tempfile::NamedTempFile>;

/// A temporary file in `dir` that becomes an output file by renaming. It
/// is created as any new file is (mode 0666 less the umask), not readable
/// by its owner only as temporary files are: others read the output.
pub(crate) fn output_tempfile(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsclean-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Where the bytes of a [`JsonLines`] go.
enum Sink {
    Plain(Temp),
    #[cfg(feature = "gzip")]
    Gzip(flate2::write::GzEncoder<Temp>),
    #[cfg(feature = "zstd")]
    Zstd(zstd::stream::write::Encoder<'static, Temp>),
}

impl Sink {
    fn new(compression: Compression, file: Temp) -> std::io::Result<Sink> {
        Ok(match compression {
            Compression::None => Sink::Plain(file),
            #[cfg(feature = "gzip")]
            Compression::Gzip => Sink::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::new(6),
            )),
            #[cfg(feature = "zstd")]
            Compression::Zstd => Sink::Zstd(zstd::stream::write::Encoder::new(file, 3)?),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Plain(w) => w,
            #[cfg(feature = "gzip")]
            Sink::Gzip(w) => w,
            #[cfg(feature = "zstd")]
            Sink::Zstd(w) => w,
        }
    }

    /// Ends the compressed stream (a complete gzip member or zstd frame;
    /// readers take a file of several as one stream) and flushes.
    fn end(self) -> std::io::Result<tempfile::NamedTempFile> {
        // Built without compression, `Plain` is the only variant.
        #[allow(clippy::infallible_destructuring_match)]
        let file = match self {
            Sink::Plain(w) => w,
            #[cfg(feature = "gzip")]
            Sink::Gzip(w) => w.finish()?,
            #[cfg(feature = "zstd")]
            Sink::Zstd(w) => w.finish()?,
        };
        file.into_inner().map_err(|e| e.into_error())
    }
}

/// A JSON Lines file, plain or compressed, that is committed atomically by
/// [`JsonLines::finish`].
pub struct JsonLines {
    path: PathBuf,
    compression: Compression,
    sink: Option<Sink>,
    lines: u64,
    bytes: u64,
    buf: Vec<u8>,
    /// Compressed files only: lines after the last [`JsonLines::mark`], not
    /// yet compressed, so that a rollback can drop them.
    staged: Vec<u8>,
    /// Compressed files only: where the current stream (member or frame)
    /// starts in the file and the mark it started at, set when the staged
    /// lines of one input grew past [`STAGE_LIMIT`] and went out early.
    stream_start: Option<(u64, Mark)>,
    last_mark: Mark,
}

/// Staged lines of one input kept in memory at most; past this, the
/// compressed stream is ended so that a rollback can truncate the file.
const STAGE_LIMIT: usize = 4 << 20;

/// A position in a [`JsonLines`] file to roll back to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// Lines before the mark.
    pub lines: u64,
    /// Bytes (uncompressed) before the mark.
    pub bytes: u64,
}

impl JsonLines {
    /// Starts writing `path` as plain JSON Lines; nothing appears under that
    /// name until [`JsonLines::finish`].
    pub fn create(path: impl Into<PathBuf>) -> Result<JsonLines, OutputError> {
        JsonLines::create_with(path, Compression::None)
    }

    /// Starts writing `path`, compressed with `compression` (the name is
    /// taken as given: add [`Compression::suffix`]).
    pub fn create_with(
        path: impl Into<PathBuf>,
        compression: Compression,
    ) -> Result<JsonLines, OutputError> {
        let path = path.into();
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let fail = |source| OutputError {
            path: path.clone(),
            source,
        };
        let tmp = output_tempfile(&dir).map_err(fail)?;
        let sink = Sink::new(compression, BufWriter::with_capacity(1 << 20, tmp)).map_err(fail)?;
        Ok(JsonLines {
            path,
            compression,
            sink: Some(sink),
            lines: 0,
            bytes: 0,
            buf: Vec::with_capacity(1 << 14),
            staged: Vec::new(),
            stream_start: None,
            last_mark: Mark::default(),
        })
    }

    /// Appends one value as a line.
    pub fn write<T: Serialize>(&mut self, value: &T) -> Result<(), OutputError> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let result = serde_json::to_writer(&mut buf, value);
        result.map_err(|e| self.fail(e.into()))?;
        let result = self.write_raw(&buf);
        self.buf = buf;
        result
    }

    /// Appends an already serialised line (without its newline).
    pub fn write_raw(&mut self, line: &[u8]) -> Result<(), OutputError> {
        if self.compression == Compression::None || self.stream_start.is_some() {
            let result = self
                .sink_mut()
                .and_then(|w| w.write_all(line).and_then(|()| w.write_all(b"\n")));
            result.map_err(|e| self.fail(e))?;
        } else {
            self.staged.extend_from_slice(line);
            self.staged.push(b'\n');
            if self.staged.len() > STAGE_LIMIT {
                self.spill().map_err(|e| self.fail(e))?;
            }
        }
        self.lines += 1;
        self.bytes += line.len() as u64 + 1;
        Ok(())
    }

    /// Lines written so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// Bytes written so far, before compression.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The current position, for [`JsonLines::rollback`]: everything before
    /// it is kept.
    pub fn mark(&mut self) -> Result<Mark, OutputError> {
        let result = self.unstage();
        result.map_err(|e| self.fail(e))?;
        self.stream_start = None;
        self.last_mark = Mark {
            lines: self.lines,
            bytes: self.bytes,
        };
        Ok(self.last_mark)
    }

    /// Forgets every line written after `mark`, the latest mark taken: an
    /// input cut short by an interruption must leave no partial set of
    /// records behind.
    pub fn rollback(&mut self, mark: Mark) -> Result<(), OutputError> {
        // Built without compression, `None` is the only variant.
        #[allow(unreachable_patterns)]
        let result = match (self.compression, self.stream_start) {
            (Compression::None, _) => self.truncate(mark.bytes),
            _ if mark != self.last_mark => Err(std::io::Error::other(
                "rollback to a mark other than the latest",
            )),
            (_, Some((at, _))) => self.truncate(at),
            (_, None) => {
                self.staged.clear();
                Ok(())
            }
        };
        result.map_err(|e| self.fail(e))?;
        self.stream_start = None;
        self.lines = mark.lines;
        self.bytes = mark.bytes;
        Ok(())
    }

    /// Flushes, syncs and renames the file to its final name.
    pub fn finish(mut self) -> Result<PathBuf, OutputError> {
        let result = self.unstage();
        result.map_err(|e| self.fail(e))?;
        let path = self.path;
        let fail = |source| OutputError {
            path: path.clone(),
            source,
        };
        let sink = self.sink.take().ok_or_else(|| fail(closed()))?;
        let tmp = sink.end().map_err(fail)?;
        tmp.as_file().sync_data().map_err(fail)?;
        tmp.persist(&path).map_err(|e| fail(e.error))?;
        state::sync_dir(&path).map_err(fail)?;
        Ok(path)
    }

    fn sink_mut(&mut self) -> std::io::Result<&mut dyn Write> {
        match self.sink.as_mut() {
            Some(sink) => Ok(sink.writer()),
            None => Err(closed()),
        }
    }

    /// Compresses the staged lines.
    fn unstage(&mut self) -> std::io::Result<()> {
        if self.staged.is_empty() {
            return Ok(());
        }
        let staged = std::mem::take(&mut self.staged);
        self.sink_mut()?.write_all(&staged)?;
        self.staged = staged;
        self.staged.clear();
        Ok(())
    }

    /// The staged lines of one input are too many to keep in memory: end
    /// the stream holding everything before them, note where the next one
    /// starts, and compress them into it.
    fn spill(&mut self) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom};
        let sink = self.sink.take().ok_or_else(closed)?;
        let mut tmp = sink.end()?;
        let at = tmp.seek(SeekFrom::End(0))?;
        self.sink = Some(Sink::new(
            self.compression,
            BufWriter::with_capacity(1 << 20, tmp),
        )?);
        self.stream_start = Some((at, self.last_mark));
        self.unstage()
    }

    /// Cuts the file at `at` bytes (of the file as stored); a compressed
    /// file goes on with a new stream there.
    fn truncate(&mut self, at: u64) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom};
        let sink = self.sink.take().ok_or_else(closed)?;
        let mut tmp = sink.end()?;
        tmp.as_file().set_len(at)?;
        tmp.seek(SeekFrom::Start(at))?;
        self.sink = Some(Sink::new(
            self.compression,
            BufWriter::with_capacity(1 << 20, tmp),
        )?);
        Ok(())
    }

    fn fail(&self, source: std::io::Error) -> OutputError {
        OutputError {
            path: self.path.clone(),
            source,
        }
    }
}

fn closed() -> std::io::Error {
    std::io::Error::other("the file was closed by an earlier error")
}

/// Summary of one run, written to `report.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunReport {
    /// newsclean version that made the run.
    pub version: String,
    /// Input files seen.
    pub files: u64,
    /// Input bytes read.
    pub bytes: u64,
    /// Records written.
    pub records: u64,
    /// Inputs that gave an error record.
    pub errors: u64,
    /// Error records per stage.
    pub errors_by_stage: BTreeMap<String, u64>,
    /// Wall-clock seconds for the whole run.
    pub seconds: f64,
    /// Seconds spent in each stage, summed over threads.
    pub stage_seconds: BTreeMap<String, f64>,
    /// Removed lines per rule id.
    pub removals: BTreeMap<String, u64>,
    /// Text repairs per kind, summed over records.
    pub repairs: BTreeMap<String, u64>,
    /// Error records of this run per reason.
    pub errors_by_reason: BTreeMap<String, u64>,
    /// Input files by what an incremental run did with them.
    pub inputs: InputCounts,
    /// Part files written by this run.
    pub parts: Vec<String>,
    /// The run was stopped by a signal before it went through the archive.
    pub interrupted: bool,
    /// Input files processed per second of wall clock.
    pub files_per_second: f64,
    /// Input bytes processed per second of wall clock.
    pub bytes_per_second: f64,
}

/// Input files of a run by what it did with them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InputCounts {
    /// Not in the manifest: processed.
    pub new: u64,
    /// Different size or content, or processed by another version of
    /// newsclean, its rules or its options: processed again.
    pub changed: u64,
    /// Same size and modification time (or same content): skipped.
    pub unchanged: u64,
    /// In the manifest but gone from the archive: records superseded.
    pub deleted: u64,
    /// Files of the archive with an extension that is not read (pictures,
    /// stylesheets): no input.
    pub ignored: u64,
}

impl RunReport {
    /// Counts one record, its removals and its repairs.
    pub fn count_record(&mut self, record: &Record) {
        self.count_record_rules(record.removed.iter().map(|r| r.rule.as_str()));
        self.count_repairs(record.repairs.iter().map(|(k, v)| (k.as_str(), *v)));
    }

    /// Adds text repairs by kind.
    pub fn count_repairs<'a>(&mut self, repairs: impl IntoIterator<Item = (&'a str, u64)>) {
        for (kind, n) in repairs {
            *self.repairs.entry(kind.to_string()).or_default() += n;
        }
    }

    /// Counts one record given the rule ids of its removals (for writers
    /// that only keep the serialised record).
    pub fn count_record_rules<'a>(&mut self, rules: impl IntoIterator<Item = &'a str>) {
        self.records += 1;
        for rule in rules {
            match self.removals.get_mut(rule) {
                Some(n) => *n += 1,
                None => {
                    self.removals.insert(rule.to_string(), 1);
                }
            }
        }
    }

    /// Counts one error record.
    pub fn count_error(&mut self, error: &ErrorRecord) {
        self.errors += 1;
        *self.errors_by_stage.entry(error.stage.clone()).or_default() += 1;
        *self
            .errors_by_reason
            .entry(error.reason.clone())
            .or_default() += 1;
    }

    /// Writes the report as pretty JSON, atomically.
    pub fn write(&self, path: impl AsRef<Path>) -> Result<(), OutputError> {
        let path = path.as_ref();
        let fail = |source| OutputError {
            path: path.to_path_buf(),
            source,
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut tmp = output_tempfile(dir).map_err(fail)?;
        serde_json::to_writer_pretty(&mut tmp, self).map_err(|e| fail(e.into()))?;
        tmp.write_all(b"\n").map_err(fail)?;
        tmp.as_file().sync_data().map_err(fail)?;
        tmp.persist(path).map_err(|e| fail(e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsclean_model::{Removal, Source};

    #[test]
    fn nothing_appears_before_finish() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.jsonl");
        let mut w = JsonLines::create(&path).unwrap();
        w.write(&serde_json::json!({"a": 1})).unwrap();
        w.write_raw(br#"{"b":2}"#).unwrap();
        assert!(!path.exists());
        assert_eq!(w.lines(), 2);
        w.finish().unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"a\":1}\n{\"b\":2}\n"
        );
        // Only the final file is left: no temporaries.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn output_files_are_as_readable_as_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // A plain new file shows what the umask allows.
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let records = dir.path().join("records.jsonl");
        let mut w = JsonLines::create(&records).unwrap();
        w.write(&serde_json::json!({"a": 1})).unwrap();
        w.finish().unwrap();
        let report = dir.path().join("report.json");
        RunReport::default().write(&report).unwrap();
        let state = dir.path().join("state.json");
        state::atomic_write(&state, b"{}").unwrap();
        for p in [&records, &report, &state] {
            assert_eq!(mode(p), mode(&plain), "{}", p.display());
        }
    }

    #[test]
    fn dropped_writer_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = JsonLines::create(dir.path().join("r.jsonl")).unwrap();
        w.write(&1).unwrap();
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[cfg(any(feature = "gzip", feature = "zstd"))]
    fn read(path: &Path) -> String {
        use std::io::Read;
        let name = path.file_name().unwrap().to_str().unwrap();
        let mut text = String::new();
        Compression::of_name(name)
            .reader(std::fs::File::open(path).unwrap())
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    /// Writes input `a` (kept), then input `b` with `n` lines of `len`
    /// bytes, rolled back, then input `c`.
    #[cfg(any(feature = "gzip", feature = "zstd"))]
    fn rollback_case(compression: Compression, n: usize, len: usize) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("r.jsonl{}", compression.suffix()));
        let mut w = JsonLines::create_with(&path, compression).unwrap();
        w.mark().unwrap();
        w.write_raw(b"a1").unwrap();
        w.write_raw(b"a2").unwrap();
        let mark = w.mark().unwrap();
        let line = vec![b'x'; len];
        for _ in 0..n {
            w.write_raw(&line).unwrap();
        }
        w.rollback(mark).unwrap();
        assert_eq!((w.lines(), w.bytes()), (2, 6));
        w.mark().unwrap();
        w.write_raw(b"c1").unwrap();
        w.finish().unwrap();
        assert_eq!(read(&path), "a1\na2\nc1\n", "{compression}");
    }

    #[test]
    #[cfg(all(feature = "gzip", feature = "zstd"))]
    fn rollback_forgets_the_current_input() {
        for compression in [Compression::None, Compression::Gzip, Compression::Zstd] {
            rollback_case(compression, 3, 10);
            // More than the staging limit: the compressed stream was ended
            // and the file is cut back to it.
            rollback_case(compression, 6, 1 << 20);
        }
    }

    #[test]
    #[cfg(all(feature = "gzip", feature = "zstd"))]
    fn compression_names_round_trip() {
        for c in [Compression::None, Compression::Gzip, Compression::Zstd] {
            assert_eq!(c.to_string().parse::<Compression>(), Ok(c));
            assert_eq!(
                Compression::of_name(&format!("records-000001.jsonl{}", c.suffix())),
                c
            );
        }
        assert!("lz4".parse::<Compression>().is_err());
    }

    #[test]
    fn report_counts_removals_per_rule() {
        let mut report = RunReport::default();
        let mut r = Record::new(Source::new("a"));
        r.removed = vec![
            Removal::new("x", "a.b"),
            Removal::new("y", "a.b"),
            Removal::new("z", "c"),
        ];
        report.count_record(&r);
        assert_eq!(report.records, 1);
        assert_eq!(report.removals["a.b"], 2);
        assert_eq!(report.removals["c"], 1);
    }
}
