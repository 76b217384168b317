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

/// A JSON Lines file that is committed atomically by [`JsonLines::finish`].
pub struct JsonLines {
    path: PathBuf,
    file: BufWriter<tempfile::NamedTempFile>,
    lines: u64,
    bytes: u64,
    buf: Vec<u8>,
}

/// A position in a [`JsonLines`] file to roll back to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// Lines before the mark.
    pub lines: u64,
    /// Bytes before the mark.
    pub bytes: u64,
}

impl JsonLines {
    /// Starts writing `path`; nothing appears under that name until
    /// [`JsonLines::finish`].
    pub fn create(path: impl Into<PathBuf>) -> Result<JsonLines, OutputError> {
        let path = path.into();
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".newsclean-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|source| OutputError {
                path: path.clone(),
                source,
            })?;
        Ok(JsonLines {
            path,
            file: BufWriter::with_capacity(1 << 20, tmp),
            lines: 0,
            bytes: 0,
            buf: Vec::with_capacity(1 << 14),
        })
    }

    /// Appends one value as a line.
    pub fn write<T: Serialize>(&mut self, value: &T) -> Result<(), OutputError> {
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, value).map_err(|e| self.fail(e.into()))?;
        self.buf.push(b'\n');
        let result = self.file.write_all(&self.buf);
        result.map_err(|e| self.fail(e))?;
        self.lines += 1;
        self.bytes += self.buf.len() as u64;
        Ok(())
    }

    /// Appends an already serialised line (without its newline).
    pub fn write_raw(&mut self, line: &[u8]) -> Result<(), OutputError> {
        let result = self
            .file
            .write_all(line)
            .and_then(|()| self.file.write_all(b"\n"));
        result.map_err(|e| self.fail(e))?;
        self.lines += 1;
        self.bytes += line.len() as u64 + 1;
        Ok(())
    }

    /// Lines written so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// Bytes written so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The current position, for [`JsonLines::rollback`].
    pub fn mark(&self) -> Mark {
        Mark {
            lines: self.lines,
            bytes: self.bytes,
        }
    }

    /// Forgets every line written after `mark`: an input cut short by an
    /// interruption must leave no partial set of records behind.
    pub fn rollback(&mut self, mark: Mark) -> Result<(), OutputError> {
        use std::io::{Seek, SeekFrom};
        let result = self.file.flush().and_then(|()| {
            let tmp = self.file.get_mut();
            tmp.as_file().set_len(mark.bytes)?;
            tmp.seek(SeekFrom::Start(mark.bytes)).map(|_| ())
        });
        result.map_err(|e| self.fail(e))?;
        self.lines = mark.lines;
        self.bytes = mark.bytes;
        Ok(())
    }

    /// Flushes, syncs and renames the file to its final name.
    pub fn finish(self) -> Result<PathBuf, OutputError> {
        let path = self.path;
        let fail = |source| OutputError {
            path: path.clone(),
            source,
        };
        let tmp = self.file.into_inner().map_err(|e| fail(e.into_error()))?;
        tmp.as_file().sync_data().map_err(fail)?;
        tmp.persist(&path).map_err(|e| fail(e.error))?;
        state::sync_dir(&path).map_err(fail)?;
        Ok(path)
    }

    fn fail(&self, source: std::io::Error) -> OutputError {
        OutputError {
            path: self.path.clone(),
            source,
        }
    }
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
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
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

    #[test]
    fn dropped_writer_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = JsonLines::create(dir.path().join("r.jsonl")).unwrap();
        w.write(&1).unwrap();
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
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
