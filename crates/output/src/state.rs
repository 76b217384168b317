/*!
State of an output folder that is run again and again: the manifest of
processed inputs, the run lock, and crash-safe file replacement.

The state lives in a hidden subfolder, [`STATE_DIR`], so that
`records*.jsonl*` in the output folder is the whole output for readers.

# Commit protocol

Records go to part files (`records-000042.jsonl`) written under a temporary
name. At a commit point the part is synced and renamed, the folder synced,
and only then is the manifest, which names the parts and the inputs whose
records they hold, replaced the same way. The manifest therefore only ever
names durable records. A part on disk that the manifest does not name comes
from a run that died between those two steps: [`clean_orphans`] deletes it
before the next run, which processes its inputs again. So a crash at any
moment loses nothing and duplicates nothing.

# Example

```
use newsclean_output::state::{InputState, Manifest, RunLock};

let out = tempfile::tempdir()?;
let lock = RunLock::acquire(out.path())?;
// A second run finds the lock held.
assert!(RunLock::acquire(out.path()).is_err());

let mut manifest = Manifest::load(out.path())?.unwrap_or_default();
manifest.inputs.insert("a.txt".into(), InputState { size: 3, ..InputState::default() });
manifest.save(out.path())?;
assert_eq!(Manifest::load(out.path())?.map(|m| m.inputs.len()), Some(1));
drop(lock);
# Ok::<(), Box<dyn std::error::Error>>(())
```
*/

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsclean_model::ErrorRecord;
use serde::{Deserialize, Serialize};

/// The hidden state folder inside the output folder.
pub const STATE_DIR: &str = ".newsclean";
/// The manifest, inside [`STATE_DIR`].
pub const MANIFEST: &str = "manifest.json";
/// The lock file, inside [`STATE_DIR`].
pub const LOCK: &str = "lock";
/// One line per run, inside [`STATE_DIR`].
pub const HISTORY: &str = "history.jsonl";
/// Version of the manifest layout.
pub const MANIFEST_FORMAT: u32 = 1;

/// Reading or writing the state failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StateError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The manifest is not valid.
    #[error(
        "{path}: invalid manifest (delete the folder {STATE_DIR} and the records files to start over): {source}"
    )]
    Corrupt {
        /// The manifest file.
        path: PathBuf,
        /// Why it cannot be read (the JSON parser's error, boxed so that
        /// its type stays out of this API).
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Another process holds the run lock.
    #[error("another newsclean run holds the lock {path}{}", holder.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// What the holder wrote into it (its process id), if readable.
        holder: Option<String>,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StateError + '_ {
    move |source| StateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What is known of one processed input file.
///
/// A nightly run holds one per input of the archive, so the strings most
/// inputs share (`tool`, `config`, `part`) are shared, not copied, and the
/// hash is 16 bytes, not its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InputState {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: u64,
    /// Content hash ([`hash_file`]); none when the file could not be read
    /// (the next run tries it again).
    #[serde(with = "hash_text")]
    pub hash: Option<ContentHash>,
    /// newsclean version that processed it.
    pub tool: Arc<str>,
    /// Fingerprint of the rules, templates and options that processed it.
    pub config: Arc<str>,
    /// Part file holding its records (none when it gave only errors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Arc<str>>,
    /// 0-based line of its first record in the part.
    pub line: u64,
    /// Number of records (consecutive lines of the part).
    pub records: u64,
    /// Its error records.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorRecord>,
}

/// The content hash of a file, 128-bit xxh3 ([`hash_file`]); written
/// `xxh3:` and 32 hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContentHash([u8; 16]);

impl ContentHash {
    const PREFIX: &'static str = "xxh3:";

    fn from_digest(digest: u128) -> ContentHash {
        ContentHash(digest.to_be_bytes())
    }

    /// Reads the written form; `None` for anything else (a hash of another
    /// kind, an empty string).
    pub fn parse(text: &str) -> Option<ContentHash> {
        let hex = text.strip_prefix(ContentHash::PREFIX)?;
        if hex.len() != 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u128::from_str_radix(hex, 16)
            .ok()
            .map(ContentHash::from_digest)
    }
}

impl std::fmt::Display for ContentHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}{:032x}",
            ContentHash::PREFIX,
            u128::from_be_bytes(self.0)
        )
    }
}

/// An [`InputState`]'s hash as the manifest writes it: the text of the hash,
/// or an empty string when there is none (so manifests of earlier versions,
/// which held the text, read the same).
mod hash_text {
    use super::ContentHash;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(hash: &Option<ContentHash>, s: S) -> Result<S::Ok, S::Error> {
        match hash {
            Some(h) => s.collect_str(h),
            None => s.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ContentHash>, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(ContentHash::parse(&text))
    }
}

/// Strings that many inputs of a manifest hold, kept once.
#[derive(Default)]
struct Shared(std::collections::HashSet<Arc<str>>);

impl Shared {
    fn share(&mut self, s: &mut Arc<str>) {
        match self.0.get(&**s) {
            Some(kept) => *s = Arc::clone(kept),
            None => {
                self.0.insert(Arc::clone(s));
            }
        }
    }

    fn share_input(&mut self, input: &mut InputState) {
        self.share(&mut input.tool);
        self.share(&mut input.config);
        if let Some(part) = input.part.as_mut() {
            self.share(part);
        }
    }
}

/// Reads a manifest's inputs with their common strings shared: entry by
/// entry, so that no copy of the whole map is ever held.
fn shared_inputs<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, InputState>, D::Error> {
    struct Inputs;
    impl<'de> serde::de::Visitor<'de> for Inputs {
        type Value = BTreeMap<String, InputState>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map of input paths to their state")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut shared = Shared::default();
            let mut inputs = BTreeMap::new();
            while let Some((path, mut input)) = map.next_entry::<String, InputState>()? {
                shared.share_input(&mut input);
                inputs.insert(path, input);
            }
            Ok(inputs)
        }
    }
    d.deserialize_map(Inputs)
}

/// Records of a part file that are no longer current: their input changed
/// or was deleted. Also written, one per line, to `superseded.jsonl` in the
/// output folder for readers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Superseded {
    /// The part file.
    pub part: Arc<str>,
    /// The input (relative path) whose records these were: records whose
    /// `source.path` is this path, or this path followed by `#N`.
    pub path: String,
    /// 0-based line of the first superseded record in the part.
    pub line: u64,
    /// Number of superseded records (consecutive lines).
    pub records: u64,
}

/// A part file named by the manifest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartState {
    /// Records in the file.
    pub records: u64,
    /// Records still current (not superseded).
    pub live: u64,
}

impl PartState {
    /// A part just written: `records` records, all current.
    pub fn new(records: u64) -> PartState {
        PartState {
            records,
            live: records,
        }
    }
}

/// The manifest: which inputs were processed, and where their records are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Manifest {
    /// Layout version ([`MANIFEST_FORMAT`]).
    pub format: u32,
    /// Fingerprint of the rules and options, templates excluded, of the last
    /// run that learned templates: a change means templates are learned anew.
    pub base_config: String,
    /// Number of the next part file.
    pub next_part: u64,
    /// Part files, by name.
    pub parts: BTreeMap<String, PartState>,
    /// Processed inputs, by relative path.
    #[serde(deserialize_with = "shared_inputs")]
    pub inputs: BTreeMap<String, InputState>,
    /// Superseded records still present in part files.
    pub superseded: Vec<Superseded>,
    /// The last complete run's errors that belong to no input (a link not
    /// followed, an unreadable folder): met again, they are no new failure.
    pub listing_errors: Vec<ErrorRecord>,
}

impl Default for Manifest {
    fn default() -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT,
            base_config: String::new(),
            next_part: 0,
            parts: BTreeMap::new(),
            inputs: BTreeMap::new(),
            superseded: Vec::new(),
            listing_errors: Vec::new(),
        }
    }
}

impl Manifest {
    /// Reads the manifest of output folder `out`, `None` when there is none.
    pub fn load(out: &Path) -> Result<Option<Manifest>, StateError> {
        let path = out.join(STATE_DIR).join(MANIFEST);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(&path)(e)),
        };
        // Parsed as it is read: the whole file in memory next to the
        // manifest it holds added a third to the peak (17.7 MB for 75,000
        // inputs); reading it so costs 0.1 s more to parse them.
        let reader = BufReader::with_capacity(1 << 16, file);
        let manifest: Manifest = serde_json::from_reader(reader).map_err(|source| {
            // A disk error while reading is no corrupt manifest.
            if source.is_io() {
                io(&path)(source.into())
            } else {
                StateError::Corrupt {
                    path: path.clone(),
                    source: source.into(),
                }
            }
        })?;
        // A layout this build does not know (a newer newsclean wrote it)
        // must not be half read and written back.
        if manifest.format != MANIFEST_FORMAT {
            return Err(StateError::Corrupt {
                path,
                source: format!(
                    "layout format {} (this newsclean reads format {MANIFEST_FORMAT})",
                    manifest.format
                )
                .into(),
            });
        }
        Ok(Some(manifest))
    }

    /// Replaces the manifest atomically (temporary file, sync, rename, sync
    /// of the folder), then mirrors [`Manifest::superseded`] to
    /// `superseded.jsonl` in `out`.
    pub fn save(&self, out: &Path) -> Result<(), StateError> {
        let dir = out.join(STATE_DIR);
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let path = dir.join(MANIFEST);
        // Streamed to the file: a manifest of a million inputs is not held
        // twice, once as records and once as text.
        atomic_write_with(&path, |w| {
            serde_json::to_writer(w, self).map_err(Into::into)
        })?;
        self.write_superseded(out)
    }

    /// Writes `superseded.jsonl` in `out` from [`Manifest::superseded`] (a
    /// run that died just after saving the manifest left an older one).
    pub fn write_superseded(&self, out: &Path) -> Result<(), StateError> {
        let path = out.join("superseded.jsonl");
        let mut lines = Vec::new();
        for s in &self.superseded {
            serde_json::to_writer(&mut lines, s).map_err(|e| io(&path)(e.into()))?;
            lines.push(b'\n');
        }
        atomic_write(&path, &lines)
    }

    /// Marks the records of input `path` superseded (its input changed or
    /// was deleted) and forgets the input. Parts left with no current record
    /// are dropped from the manifest and returned, for the caller to delete
    /// once the manifest is saved.
    pub fn supersede(&mut self, path: &str) -> Vec<String> {
        let Some(old) = self.inputs.remove(path) else {
            return Vec::new();
        };
        let Some(part) = old.part else {
            return Vec::new();
        };
        if old.records == 0 {
            return Vec::new();
        }
        let dead = match self.parts.get_mut(&*part) {
            Some(state) => {
                state.live = state.live.saturating_sub(old.records);
                state.live == 0
            }
            None => false,
        };
        if dead {
            self.parts.remove(&*part);
            self.superseded.retain(|s| s.part != part);
            return vec![part.to_string()];
        }
        self.superseded.push(Superseded {
            part,
            path: path.to_string(),
            line: old.line,
            records: old.records,
        });
        Vec::new()
    }

    /// Every error record, inputs in path byte order (sort with
    /// [`walk_order`] for the order of a run).
    pub fn errors(&self) -> impl Iterator<Item = &ErrorRecord> {
        self.inputs.values().flat_map(|i| i.errors.iter())
    }
}

/// Whether `name` is one that [`part_name`] gives, whatever the
/// compression.
fn is_part_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("records-") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits >= 6 && matches!(&rest[digits..], ".jsonl" | ".jsonl.gz" | ".jsonl.zst")
}

/// The name of part file `n`: `records-000042.jsonl`, plus `.gz` or `.zst`
/// when compressed.
pub fn part_name(n: u64, compression: crate::Compression) -> String {
    format!("records-{n:06}.jsonl{}", compression.suffix())
}

/// Orders relative paths as the archive walk does: depth first, the
/// entries of a folder by name bytes (`a/b` before `a.txt`).
pub fn walk_order(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Deletes what a dead run may have left in `out`: records files the
/// manifest does not name, and temporary files. Returns how many were
/// deleted.
pub fn clean_orphans(out: &Path, manifest: &Manifest) -> Result<usize, StateError> {
    let mut removed = 0;
    for dir in [out.to_path_buf(), out.join(STATE_DIR)] {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(&dir)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io(&dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            // Only names this program writes: a user's `records.jsonl` or
            // `records-2023-backup.jsonl.gz` beside the parts stays.
            let orphan_part =
                dir == out && is_part_name(&name) && !manifest.parts.contains_key(&name);
            let temporary = name.starts_with(".newsclean-") && name.ends_with(".tmp");
            if (orphan_part || temporary) && entry.file_type().is_ok_and(|t| t.is_file()) {
                std::fs::remove_file(entry.path()).map_err(io(&entry.path()))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// The content hash of a file: 128-bit xxh3.
pub fn hash_file(path: &Path) -> std::io::Result<ContentHash> {
    let mut file = File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(ContentHash::from_digest(hasher.digest128()))
}

/// A fingerprint of some bytes, in hex (for configurations).
pub fn hash_bytes(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Writes `bytes` to `path` through a temporary file in the same folder:
/// sync, rename, sync of the folder. Readers see the old or the new file,
/// never a mix, whenever the process dies.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), StateError> {
    atomic_write_with(path, |w| w.write_all(bytes))
}

/// [`atomic_write`] of what `write` writes, through a buffer.
fn atomic_write_with(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>) -> std::io::Result<()>,
) -> Result<(), StateError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = crate::output_tempfile(dir).map_err(io(path))?;
    let mut buffered = BufWriter::new(tmp.as_file_mut());
    write(&mut buffered).map_err(io(path))?;
    buffered.flush().map_err(io(path))?;
    drop(buffered);
    tmp.as_file().sync_data().map_err(io(path))?;
    tmp.persist(path).map_err(|e| io(path)(e.error))?;
    sync_dir(path).map_err(io(path))
}

/// Syncs the folder holding `path`, so that a rename into it is durable.
pub fn sync_dir(path: &Path) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Folders cannot be opened for syncing on every platform; where they
    // cannot, the rename is as durable as the platform makes it.
    match File::open(dir) {
        Ok(f) => match f.sync_all() {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Ok(()),
            Err(e) if cfg!(windows) => {
                let _ = e;
                Ok(())
            }
            Err(e) => Err(e),
        },
        Err(_) if cfg!(windows) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Appends one JSON line to the run history in the state folder.
pub fn append_history<T: Serialize>(out: &Path, entry: &T) -> Result<(), StateError> {
    let dir = out.join(STATE_DIR);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let path = dir.join(HISTORY);
    let mut line = serde_json::to_vec(entry).map_err(|e| io(&path)(e.into()))?;
    line.push(b'\n');
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(&path)
        .map_err(io(&path))?;
    // A run killed in the middle of its line left it torn: the new entry
    // starts a line of its own.
    if ends_torn(&mut file).map_err(io(&path))? {
        line.insert(0, b'\n');
    }
    file.write_all(&line).map_err(io(&path))?;
    file.sync_data().map_err(io(&path))
}

/// The file is not empty and its last byte is not a line feed.
fn ends_torn(file: &mut std::fs::File) -> std::io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// What [`compact`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compacted {
    /// Current records kept.
    pub records: u64,
    /// Superseded records dropped.
    pub dropped: u64,
    /// Part files written.
    pub parts: Vec<String>,
}

/// Rewrites the records files of `out` to hold exactly the current records,
/// in walk order, in new parts of at most `part_records` records or
/// `part_bytes` bytes (an input's records are not split), compressed with
/// `compression`; superseded records are gone afterwards. Crash-safe like a
/// run: the new parts are durable before the manifest names them, and the
/// old ones are deleted after. Compressed old parts are unpacked one at a
/// time into the state folder while they are read. The caller holds the
/// [`RunLock`].
pub fn compact(
    out: &Path,
    part_records: u64,
    part_bytes: u64,
    compression: crate::Compression,
) -> Result<Compacted, StateError> {
    let Some(mut manifest) = Manifest::load(out)? else {
        return Ok(Compacted::default());
    };
    clean_orphans(out, &manifest)?;
    let before: u64 = manifest.parts.values().map(|p| p.records).sum();
    let mut keys: Vec<String> = manifest.inputs.keys().cloned().collect();
    keys.sort_by(|a, b| walk_order(a, b));
    let mut sources = Sources::new(out, &manifest);
    let mut result = Compacted::default();
    let mut part: Option<(Arc<str>, crate::JsonLines)> = None;
    let mut line = Vec::new();
    let out_err = |e: crate::OutputError| StateError::Io {
        path: e.path,
        source: e.source,
    };
    for key in keys {
        let Some(input) = manifest.inputs.get_mut(&key) else {
            continue;
        };
        let Some(old) = input.part.clone().filter(|_| input.records > 0) else {
            continue;
        };
        let full = part.as_ref().is_some_and(|(_, p)| {
            p.lines() >= part_records.max(1) || p.bytes() >= part_bytes.max(1)
        });
        if full && let Some((name, p)) = part.take() {
            let records = p.lines();
            p.finish().map_err(out_err)?;
            manifest
                .parts
                .insert(name.to_string(), PartState::new(records));
            result.parts.push(name.to_string());
        }
        if part.is_none() {
            let name: Arc<str> = part_name(manifest.next_part, compression).into();
            manifest.next_part += 1;
            let writer = crate::JsonLines::create_with(out.join(&*name), compression);
            part = Some((name, writer.map_err(out_err)?));
        }
        let Some((name, writer)) = part.as_mut() else {
            continue;
        };
        let mut reader = sources.lines_at(&old, input.line)?;
        let first = writer.lines();
        for _ in 0..input.records {
            line.clear();
            use std::io::BufRead;
            reader
                .read_until(b'\n', &mut line)
                .map_err(io(&out.join(&*old)))?;
            if line.last() != Some(&b'\n') {
                return Err(io(&out.join(&*old))(std::io::Error::other(
                    "the part holds fewer records than the manifest says",
                )));
            }
            writer.write_raw(&line[..line.len() - 1]).map_err(out_err)?;
        }
        sources.done(&old);
        input.part = Some(Arc::clone(name));
        input.line = first;
        result.records += input.records;
    }
    if let Some((name, p)) = part.take() {
        let records = p.lines();
        p.finish().map_err(out_err)?;
        manifest
            .parts
            .insert(name.to_string(), PartState::new(records));
        result.parts.push(name.to_string());
    }
    // Every old part goes: its current records were copied above.
    let old_parts: Vec<String> = manifest
        .parts
        .keys()
        .filter(|p| !result.parts.contains(p))
        .cloned()
        .collect();
    manifest.parts.retain(|name, _| result.parts.contains(name));
    manifest.superseded.clear();
    manifest.save(out)?;
    drop(sources);
    for p in old_parts {
        let _ = std::fs::remove_file(out.join(p));
    }
    result.dropped = before.saturating_sub(result.records);
    Ok(result)
}

/// The old parts [`compact`] reads, as plain files it can seek in: byte
/// offsets of their lines (8 bytes per record, whatever its size), and for
/// compressed parts an unpacked copy in the state folder, deleted once the
/// last input reading it is done.
struct Sources<'a> {
    out: &'a Path,
    open: BTreeMap<String, Source>,
    /// Inputs still to read, per part.
    readers: BTreeMap<String, usize>,
}

struct Source {
    path: PathBuf,
    offsets: Vec<u64>,
    _unpacked: Option<tempfile::TempPath>,
}

impl Sources<'_> {
    fn new<'a>(out: &'a Path, manifest: &Manifest) -> Sources<'a> {
        let mut readers = BTreeMap::new();
        for input in manifest.inputs.values() {
            if let Some(part) = input.part.as_ref().filter(|_| input.records > 0) {
                *readers.entry(part.to_string()).or_insert(0) += 1;
            }
        }
        Sources {
            out,
            open: BTreeMap::new(),
            readers,
        }
    }

    /// A reader at line `line` of part `name`.
    fn lines_at(&mut self, name: &str, line: u64) -> Result<std::io::BufReader<File>, StateError> {
        use std::io::{BufRead, BufReader, Seek, SeekFrom};
        let packed = self.out.join(name);
        if !self.open.contains_key(name) {
            let compression = crate::Compression::of_name(name);
            let file = File::open(&packed).map_err(io(&packed))?;
            let (path, unpacked) = if compression == crate::Compression::None {
                (packed.clone(), None)
            } else {
                let dir = self.out.join(STATE_DIR);
                std::fs::create_dir_all(&dir).map_err(io(&dir))?;
                let mut tmp = tempfile::Builder::new()
                    .prefix(".newsclean-")
                    .suffix(".tmp")
                    .tempfile_in(&dir)
                    .map_err(io(&dir))?;
                let mut reader = compression.reader(file).map_err(io(&packed))?;
                std::io::copy(&mut reader, &mut tmp).map_err(io(&packed))?;
                let path = tmp.into_temp_path();
                (path.to_path_buf(), Some(path))
            };
            let mut reader = BufReader::new(File::open(&path).map_err(io(&path))?);
            let (mut at, mut offsets, mut buf) = (0u64, Vec::new(), Vec::new());
            loop {
                buf.clear();
                let n = reader.read_until(b'\n', &mut buf).map_err(io(&packed))?;
                if n == 0 {
                    break;
                }
                offsets.push(at);
                at += n as u64;
            }
            self.open.insert(
                name.to_string(),
                Source {
                    path,
                    offsets,
                    _unpacked: unpacked,
                },
            );
        }
        let source = &self.open[name];
        let start = source.offsets.get(line as usize).copied().ok_or_else(|| {
            io(&packed)(std::io::Error::other(
                "manifest names a line past the end of the part",
            ))
        })?;
        let mut reader = BufReader::new(File::open(&source.path).map_err(io(&packed))?);
        reader.seek(SeekFrom::Start(start)).map_err(io(&packed))?;
        Ok(reader)
    }

    /// One input of part `name` is copied; the last one frees it.
    fn done(&mut self, name: &str) {
        if let Some(n) = self.readers.get_mut(name) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.open.remove(name);
            }
        }
    }
}

/// The run lock: an OS advisory lock on a file in the state folder, held
/// while this value lives. The OS drops it when the process dies, so a lock
/// left by a killed run never blocks the next one.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

impl RunLock {
    /// Takes the lock of output folder `out` (creating the folder), or fails
    /// at once with [`StateError::Locked`] when another process holds it.
    pub fn acquire(out: &Path) -> Result<RunLock, StateError> {
        let dir = out.join(STATE_DIR);
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let path = dir.join(LOCK);
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io(&path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path)
                    .ok()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
                return Err(StateError::Locked { path, holder });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&path)(e)),
        }
        // Who holds it, for the message of a second run; best effort.
        let _ = file
            .set_len(0)
            .and_then(|()| writeln!(file, "pid {}", std::process::id()));
        Ok(RunLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Compression;

    #[test]
    fn walk_order_is_depth_first() {
        let mut paths = vec!["a.txt", "a/b", "a/a/c", "b", "a"];
        paths.sort_by(|a, b| walk_order(a, b));
        assert_eq!(paths, ["a", "a/a/c", "a/b", "a.txt", "b"]);
    }

    #[test]
    fn a_loaded_manifest_is_the_saved_one() {
        let out = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        // Many entries, streamed to the file and parsed as it is read.
        for i in (0..500).rev() {
            m.inputs.insert(
                format!("d{}/f{i}.txt", i % 7),
                InputState {
                    size: i,
                    hash: (i % 5 > 0).then(|| ContentHash::from_digest(u128::from(i) << 100 | 7)),
                    tool: "0.1.0".into(),
                    config: format!("config-{}", i % 2).into(),
                    part: Some(format!("records-{:06}.jsonl", i % 3).into()),
                    ..InputState::default()
                },
            );
        }
        m.save(out.path()).unwrap();
        let loaded = Manifest::load(out.path()).unwrap().unwrap();
        assert_eq!(loaded, m);
        // The strings inputs have in common are held once.
        let (a, b) = (&loaded.inputs["d0/f0.txt"], &loaded.inputs["d0/f42.txt"]);
        assert!(Arc::ptr_eq(&a.tool, &b.tool) && Arc::ptr_eq(&a.config, &b.config));
        assert!(Arc::ptr_eq(
            a.part.as_ref().unwrap(),
            b.part.as_ref().unwrap()
        ));
    }

    #[test]
    fn a_hash_reads_back_from_its_text_and_nothing_else_does() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "An article.").unwrap();
        let hash = hash_file(&file).unwrap();
        let text = hash.to_string();
        assert!(text.starts_with("xxh3:") && text.len() == 37, "{text}");
        assert_eq!(ContentHash::parse(&text), Some(hash));
        let other = "sha256:00112233445566778899aabbccddeeff";
        for bad in [
            "",
            "xxh3:",
            &text[..36],
            &text.replace("xxh3", "xxh2"),
            other,
            "xxh3:+0112233445566778899aabbccddeef",
        ] {
            assert_eq!(ContentHash::parse(bad), None, "{bad}");
        }
        // In a manifest: as text, the empty string for none.
        let input = InputState {
            hash: Some(hash),
            ..InputState::default()
        };
        let json = serde_json::to_value(&input).unwrap();
        assert_eq!(json["hash"], text.as_str());
        let none = serde_json::to_value(InputState::default()).unwrap();
        assert_eq!(none["hash"], "");
        let back: InputState = serde_json::from_value(json).unwrap();
        assert_eq!(back, input);
    }

    #[test]
    fn inputs_out_of_order_or_twice_load_as_inserted() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join(STATE_DIR);
        std::fs::create_dir_all(&dir).unwrap();
        let text =
            r#"{"format": 1, "inputs": {"b": {"size": 1}, "a": {"size": 2}, "b": {"size": 3}}}"#;
        std::fs::write(dir.join(MANIFEST), text).unwrap();
        let m = Manifest::load(out.path()).unwrap().unwrap();
        let sizes: Vec<(&str, u64)> = m.inputs.iter().map(|(k, v)| (k.as_str(), v.size)).collect();
        // As `insert` would have it: sorted, the last of equal keys kept.
        assert_eq!(sizes, [("a", 2), ("b", 3)]);
    }

    #[test]
    fn supersede_drops_dead_parts() {
        let mut m = Manifest::default();
        m.parts.insert(
            "p".into(),
            PartState {
                records: 3,
                live: 3,
            },
        );
        for (name, line, records) in [("a", 0, 1), ("b", 1, 2)] {
            m.inputs.insert(
                name.into(),
                InputState {
                    part: Some("p".into()),
                    line,
                    records,
                    ..InputState::default()
                },
            );
        }
        assert!(m.supersede("a").is_empty());
        assert_eq!(m.superseded.len(), 1);
        assert_eq!(m.supersede("b"), ["p"]);
        assert!(m.superseded.is_empty() && m.parts.is_empty());
    }

    #[test]
    fn a_torn_history_line_is_not_continued() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join(STATE_DIR);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(HISTORY), "{\"run\":1}\n{\"run\":2,\"fi").unwrap();
        append_history(out.path(), &serde_json::json!({"run": 3})).unwrap();
        append_history(out.path(), &serde_json::json!({"run": 4})).unwrap();
        let text = std::fs::read_to_string(dir.join(HISTORY)).unwrap();
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "{\"run\":1}",
                "{\"run\":2,\"fi",
                "{\"run\":3}",
                "{\"run\":4}"
            ]
        );
    }

    #[test]
    fn a_manifest_of_another_format_is_refused() {
        let out = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        m.save(out.path()).unwrap();
        assert!(Manifest::load(out.path()).unwrap().is_some());
        m.format = MANIFEST_FORMAT + 98;
        m.save(out.path()).unwrap();
        let err = Manifest::load(out.path()).unwrap_err().to_string();
        assert!(err.contains("layout format 99"), "{err}");
    }

    #[test]
    fn orphans_are_removed_and_other_files_kept() {
        let out = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        m.parts
            .insert(part_name(0, Compression::None), PartState::default());
        let mine = [
            "records.jsonl",
            "records-2023-backup.jsonl.gz",
            "records-000003.jsonl.done",
            ".tmp-notes",
        ];
        for name in [
            part_name(0, Compression::None),
            "records-000001.jsonl".into(),
            "records-1234567.jsonl.zst".into(),
            ".newsclean-abc.tmp".into(),
        ]
        .into_iter()
        .chain(mine.map(String::from))
        {
            std::fs::write(out.path().join(name), "x").unwrap();
        }
        assert_eq!(clean_orphans(out.path(), &m).unwrap(), 3);
        assert!(out.path().join(part_name(0, Compression::None)).exists());
        for name in mine {
            assert!(out.path().join(name).exists(), "{name}");
        }
    }

    fn write_part(path: &Path, compression: Compression, lines: &[&str]) {
        let mut w = crate::JsonLines::create_with(path, compression).unwrap();
        for line in lines {
            w.write_raw(line.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }

    fn read_part(path: &Path) -> String {
        let name = path.file_name().unwrap().to_str().unwrap();
        let mut text = String::new();
        Compression::of_name(name)
            .reader(File::open(path).unwrap())
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    fn compact_case(from: Compression, to: Compression) {
        let out = tempfile::tempdir().unwrap();
        let (p0, p1) = (part_name(0, from), part_name(1, from));
        write_part(&out.path().join(&p0), from, &["a0", "b0", "b1"]);
        write_part(&out.path().join(&p1), from, &["b2"]);
        let mut m = Manifest {
            next_part: 2,
            ..Manifest::default()
        };
        m.parts.insert(
            p0.clone(),
            PartState {
                records: 3,
                live: 1,
            },
        );
        m.parts.insert(
            p1.clone(),
            PartState {
                records: 1,
                live: 1,
            },
        );
        let input = |part: &str, line, records| InputState {
            part: Some(part.into()),
            line,
            records,
            ..InputState::default()
        };
        m.inputs.insert("a".into(), input(&p0, 0, 1));
        m.inputs.insert("b".into(), input(&p1, 0, 1));
        m.superseded.push(Superseded {
            part: p0.as_str().into(),
            path: "b".into(),
            line: 1,
            records: 2,
        });
        m.save(out.path()).unwrap();
        let done = compact(out.path(), 10, 1 << 20, to).unwrap();
        assert_eq!((done.records, done.dropped), (2, 2));
        assert_eq!(done.parts, [part_name(2, to)]);
        assert_eq!(read_part(&out.path().join(part_name(2, to))), "a0\nb2\n");
        assert!(!out.path().join(&p0).exists() && !out.path().join(&p1).exists());
        let m = Manifest::load(out.path()).unwrap().unwrap();
        assert!(m.superseded.is_empty());
        assert_eq!(m.inputs["b"].line, 1);
        // No unpacked copies left behind in the state folder.
        let left: Vec<_> = std::fs::read_dir(out.path().join(STATE_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with(".newsclean-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn compact_keeps_current_records_only() {
        compact_case(Compression::None, Compression::None);
    }

    #[test]
    #[cfg(all(feature = "gzip", feature = "zstd"))]
    fn compact_reads_and_writes_compressed_parts() {
        compact_case(Compression::Zstd, Compression::Gzip);
        compact_case(Compression::Gzip, Compression::Zstd);
        compact_case(Compression::Zstd, Compression::None);
    }

    #[test]
    fn lock_is_exclusive_and_released() {
        let out = tempfile::tempdir().unwrap();
        let lock = RunLock::acquire(out.path()).unwrap();
        assert!(matches!(
            RunLock::acquire(out.path()),
            Err(StateError::Locked { .. })
        ));
        drop(lock);
        RunLock::acquire(out.path()).unwrap();
    }
}
