//! Incremental runs: which inputs need processing, and committing their
//! records durably (see [`newsclean_output::state`] for the protocol).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::UNIX_EPOCH;

use newsclean_model::ErrorRecord;
use newsclean_output::state::{self, ContentHash, InputState, Manifest, PartState};
use newsclean_output::{Compression, InputCounts, JsonLines, Mark, RunReport};

use crate::run::{Options, PipelineError};

/// Why an input is (or is not) processed by a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// Not processed before.
    New,
    /// Its size or content changed.
    Changed,
    /// Processed by another version of newsclean or other rules, templates
    /// or options.
    Config,
    /// `--full`.
    Full,
    /// Same size and modification time, or same content: skipped.
    Unchanged,
    /// Gone from the archive: its records are superseded.
    Deleted,
}

impl Reason {
    /// A short name: `new`, `changed`, `config`, `full`, `unchanged`,
    /// `deleted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::New => "new",
            Reason::Changed => "changed",
            Reason::Config => "config",
            Reason::Full => "full",
            Reason::Unchanged => "unchanged",
            Reason::Deleted => "deleted",
        }
    }
}

/// The input file of an item: its path without the `#N` of a multi-record
/// file (the reader appends exactly `#index`).
pub(crate) fn input_key(path: &str, index: Option<u64>) -> String {
    if let Some(i) = index
        && let Some(base) = path.strip_suffix(&format!("#{i}"))
    {
        return base.to_string();
    }
    path.to_string()
}

/// Size, mtime and hash of an input about to be processed.
struct Pending {
    size: u64,
    mtime_ns: u64,
    /// None when the file could not be read.
    hash: Option<ContentHash>,
    /// New or changed: the count it went to, taken back if an interrupted
    /// run never gets to it.
    new: bool,
}

struct PlanState {
    manifest: Manifest,
    pending: HashMap<String, Pending>,
    /// Every accepted input seen by the walk, to find deleted ones: by the
    /// 128-bit hash of its path ([`path_key`]), a fraction of the memory of
    /// the paths (a night's run lists every input of the archive).
    seen: HashSet<u128>,
    /// Folders (or files) the walk could not list: what the manifest holds
    /// under them is unseen, not deleted.
    unlisted: Vec<String>,
    counts: InputCounts,
    /// The manifest changed without any input being processed (a touched
    /// file's new modification time).
    dirty: bool,
    decisions: Option<Vec<(String, Reason)>>,
}

/// The run's view of the manifest, shared by the reader thread (which asks
/// [`Plan::admit`] about every file) and the writer.
pub(crate) struct Plan {
    state: Mutex<PlanState>,
    /// Shared by the manifest's entries of this run.
    tool: Arc<str>,
    config: Arc<str>,
    full: bool,
}

/// An input's path as [`PlanState::seen`] keeps it. Two paths of one
/// archive with the same 128-bit hash are not to be expected.
fn path_key(rel: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(rel.as_bytes())
}

fn mtime_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

impl Plan {
    pub(crate) fn new(manifest: Manifest, options: &Options, record: bool) -> Plan {
        Plan {
            state: Mutex::new(PlanState {
                manifest,
                pending: HashMap::new(),
                seen: HashSet::new(),
                unlisted: Vec::new(),
                counts: InputCounts::default(),
                dirty: false,
                decisions: record.then(Vec::new),
            }),
            tool: Arc::from(env!("CARGO_PKG_VERSION")),
            config: Arc::from(options.config.as_str()),
            full: options.full,
        }
    }

    fn lock(&self) -> MutexGuard<'_, PlanState> {
        // A panic elsewhere cannot leave the state half-updated in a way that
        // matters: the manifest on disk is what counts.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the run reads `rel`: first by size and modification time,
    /// then, when those changed but the size did not, by content hash.
    pub(crate) fn admit(&self, rel: &str, full: &Path) -> bool {
        let meta = std::fs::metadata(full).ok();
        let size = meta.as_ref().map_or(0, |m| m.len());
        let mtime = meta.as_ref().map_or(0, mtime_ns);
        let mut st = self.lock();
        st.seen.insert(path_key(rel));
        let current = st.manifest.inputs.get(rel).map(|e| {
            (
                e.tool == self.tool && e.config == self.config && !self.config.is_empty(),
                e.size,
                e.mtime_ns,
                e.hash,
            )
        });
        let (reason, hash) = match current {
            None => (Reason::New, None),
            Some(_) if self.full => (Reason::Full, None),
            Some((false, ..)) => (Reason::Config, None),
            // An input recorded without a hash could not be read: try again.
            Some((true, s, m, ref old))
                if meta.is_some() && s == size && m == mtime && old.is_some() =>
            {
                (Reason::Unchanged, None)
            }
            Some((true, s, _, old)) => {
                // Hashing outside the lock would let the writer go on, but
                // the reader thread is the only caller: keep it simple.
                let hash = state::hash_file(full).ok();
                if s == size && hash.is_some() && hash == old {
                    if let Some(e) = st.manifest.inputs.get_mut(rel) {
                        e.mtime_ns = mtime;
                    }
                    st.dirty = true;
                    (Reason::Unchanged, None)
                } else {
                    (Reason::Changed, Some(hash))
                }
            }
        };
        match reason {
            Reason::Unchanged => st.counts.unchanged += 1,
            Reason::New => st.counts.new += 1,
            _ => st.counts.changed += 1,
        }
        if let Some(d) = st.decisions.as_mut() {
            d.push((rel.to_string(), reason));
            return false;
        }
        if reason == Reason::Unchanged {
            return false;
        }
        drop(st);
        let hash = hash.unwrap_or_else(|| state::hash_file(full).ok());
        self.lock().pending.insert(
            rel.to_string(),
            Pending {
                size,
                mtime_ns: mtime,
                hash,
                new: reason == Reason::New,
            },
        );
        true
    }

    /// The walk could not list `rel` (a folder without read permission, a
    /// disk error): its inputs in the manifest are kept as they are.
    pub(crate) fn unlisted(&self, rel: &str) {
        self.lock().unlisted.push(rel.to_string());
    }

    /// Inputs of the manifest the walk did not see, and not because it
    /// could not list their folder.
    fn deleted(st: &PlanState) -> Vec<String> {
        let hidden = |key: &str| {
            st.unlisted.iter().any(|dir| {
                dir.is_empty()
                    || dir == "."
                    || key
                        .strip_prefix(dir.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
        };
        st.manifest
            .inputs
            .keys()
            .filter(|k| !st.seen.contains(&path_key(k)) && !hidden(k))
            .cloned()
            .collect()
    }

    /// The decisions of a dry run, deleted inputs last.
    pub(crate) fn decisions(&self) -> Vec<(String, Reason)> {
        let mut st = self.lock();
        let deleted = Plan::deleted(&st);
        let mut d = st.decisions.take().unwrap_or_default();
        d.extend(deleted.into_iter().map(|k| (k, Reason::Deleted)));
        d
    }
}

/// The input being written.
struct Current {
    key: String,
    mark: Mark,
    records: u64,
    errors: Vec<ErrorRecord>,
    /// Errors past [`MAX_INPUT_ERRORS`]: counted, not kept.
    unlisted: u64,
}

/// Error lines kept for one input (they live in the manifest too): a JSON
/// array of three million numbers is one line saying how many more there
/// were, not three million lines.
const MAX_INPUT_ERRORS: usize = 1000;

/// The writer's side: part files, commit points, errors.jsonl.
pub(crate) struct Commit {
    out: PathBuf,
    plan: Arc<Plan>,
    part_records: u64,
    part_bytes: u64,
    compression: Compression,
    base_config: String,
    /// The part being written: its name is shared by its inputs' entries.
    part: Option<(Arc<str>, JsonLines)>,
    current: Option<Current>,
    completed: Vec<(String, InputState)>,
    /// Errors not tied to an input file of the manifest (a link, an
    /// unreadable folder): reported by every run.
    volatile: Vec<ErrorRecord>,
    /// The last complete run's volatile errors, as (input key, reason).
    known_volatile: HashSet<(String, String)>,
    written: Vec<String>,
    /// Parts left with no current record, deleted once the manifest that no
    /// longer names them is saved.
    dead: Vec<String>,
}

impl Commit {
    pub(crate) fn new(out: &Path, plan: Arc<Plan>, options: &Options) -> Commit {
        // A full run counts every error it meets, as it reads every input.
        let known_volatile = if options.full {
            HashSet::new()
        } else {
            plan.lock()
                .manifest
                .listing_errors
                .iter()
                .map(|e| (input_key(&e.path, e.index), e.reason.clone()))
                .collect()
        };
        Commit {
            out: out.to_path_buf(),
            plan,
            part_records: options.part_records.max(1),
            part_bytes: options.part_bytes.max(1),
            compression: options.compression,
            base_config: options.base_config.clone(),
            part: None,
            current: None,
            completed: Vec::new(),
            volatile: Vec::new(),
            known_volatile,
            written: Vec::new(),
            dead: Vec::new(),
        }
    }

    /// Switches to input `key`; the previous input is complete, and a commit
    /// point falls between the two when the part is full.
    fn enter(&mut self, key: &str) -> Result<(), PipelineError> {
        if self.current.as_ref().is_some_and(|c| c.key == key) {
            return Ok(());
        }
        self.complete();
        let full = self
            .part
            .as_ref()
            .is_some_and(|(_, p)| p.lines() >= self.part_records || p.bytes() >= self.part_bytes);
        if full {
            self.commit()?;
        }
        let mark = match self.part.as_mut() {
            Some((_, p)) => p.mark()?,
            None => Mark::default(),
        };
        self.current = Some(Current {
            key: key.to_string(),
            mark,
            records: 0,
            errors: Vec::new(),
            unlisted: 0,
        });
        Ok(())
    }

    pub(crate) fn record(&mut self, key: &str, json: &[u8]) -> Result<(), PipelineError> {
        self.enter(key)?;
        if self.part.is_none() {
            let name = state::part_name(self.plan.lock().manifest.next_part, self.compression);
            let part = JsonLines::create_with(self.out.join(&name), self.compression)?;
            self.part = Some((name.into(), part));
        }
        if let Some((_, part)) = self.part.as_mut() {
            part.write_raw(json)?;
        }
        if let Some(c) = self.current.as_mut() {
            c.records += 1;
        }
        Ok(())
    }

    /// Lists `error` under input `key`; false when it is a volatile error
    /// the last complete run met already (no new failure of this run).
    pub(crate) fn error(&mut self, key: &str, error: ErrorRecord) -> Result<bool, PipelineError> {
        let repeated = !self.plan.lock().pending.contains_key(key)
            && self
                .known_volatile
                .contains(&(key.to_string(), error.reason.clone()));
        self.enter(key)?;
        if let Some(c) = self.current.as_mut() {
            if c.errors.len() < MAX_INPUT_ERRORS {
                c.errors.push(error);
            } else {
                c.unlisted += 1;
            }
        }
        Ok(!repeated)
    }

    /// The current input is complete: it joins the next commit.
    fn complete(&mut self) {
        let Some(mut c) = self.current.take() else {
            return;
        };
        if c.unlisted > 0
            && let Some(last) = c.errors.last()
        {
            let summary = ErrorRecord::new(
                c.key.clone(),
                last.stage.clone(),
                format!(
                    "{} more errors in this input are not listed (only its first {MAX_INPUT_ERRORS} are)",
                    c.unlisted
                ),
            );
            c.errors.push(summary);
        }
        let pending = self.plan.lock().pending.remove(&c.key);
        if pending.is_none() && c.records == 0 {
            self.volatile.extend(c.errors);
            return;
        }
        // Records without a planned input cannot happen (every read file is
        // admitted first); an empty hash makes the next run redo it.
        let p = pending.unwrap_or(Pending {
            size: 0,
            mtime_ns: 0,
            hash: None,
            new: false,
        });
        let part = self.part.as_ref().map(|(name, _)| name.clone());
        self.completed.push((
            c.key,
            InputState {
                size: p.size,
                mtime_ns: p.mtime_ns,
                hash: p.hash,
                tool: self.plan.tool.clone(),
                config: self.plan.config.clone(),
                part: part.filter(|_| c.records > 0),
                line: c.mark.lines,
                records: c.records,
                errors: c.errors,
            },
        ));
    }

    /// A commit point: the part file is made durable, then the manifest that
    /// names it, then errors.jsonl.
    fn commit(&mut self) -> Result<(), PipelineError> {
        let part = self.part.take();
        let mut st = self.plan.lock();
        let mut changed = st.dirty || !self.completed.is_empty() || !self.dead.is_empty();
        if let Some((name, part)) = part {
            let records = part.lines();
            if records > 0 {
                part.finish()?;
                st.manifest
                    .parts
                    .insert(name.to_string(), PartState::new(records));
                st.manifest.next_part += 1;
                self.written.push(name.to_string());
                changed = true;
            }
        }
        let mut dead = std::mem::take(&mut self.dead);
        for (key, input) in self.completed.drain(..) {
            dead.extend(st.manifest.supersede(&key));
            st.manifest.inputs.insert(key, input);
        }
        changed |= st.manifest.base_config != self.base_config;
        st.manifest.base_config = self.base_config.clone();
        // An unchanged archive of a million files must not cost a rewrite of
        // its manifest.
        if changed {
            st.manifest.save(&self.out)?;
            tracing::debug!(
                part = self.written.last().map(String::as_str),
                inputs = st.manifest.inputs.len(),
                "commit"
            );
        } else {
            st.manifest.write_superseded(&self.out)?;
        }
        st.dirty = false;
        for part in dead {
            // The manifest no longer names it; if this fails the next run's
            // orphan sweep deletes it.
            let _ = std::fs::remove_file(self.out.join(part));
        }
        let mut errors: Vec<&ErrorRecord> = st.manifest.errors().chain(&self.volatile).collect();
        errors.sort_by(|a, b| {
            state::walk_order(&input_key(&a.path, a.index), &input_key(&b.path, b.index))
                .then(a.index.cmp(&b.index))
        });
        let mut file = JsonLines::create(self.out.join("errors.jsonl"))?;
        for e in errors {
            file.write(e)?;
        }
        file.finish()?;
        Ok(())
    }

    /// Ends the run: an interrupted run drops the input it was in the middle
    /// of; a complete one also supersedes the records of deleted inputs.
    /// Commits, and fills the report's input counts and parts.
    pub(crate) fn finish(
        mut self,
        interrupted: bool,
        report: &mut RunReport,
    ) -> Result<(), PipelineError> {
        if interrupted {
            if let Some(c) = self.current.take()
                && let Some((_, part)) = self.part.as_mut()
            {
                part.rollback(c.mark)?;
                // Its records are gone, so they do not count.
                report.records = report.records.saturating_sub(c.records);
            }
            // Inputs read ahead but never finished are left for the next
            // run: this one did not process them.
            let mut guard = self.plan.lock();
            let st = &mut *guard;
            for (_, p) in st.pending.drain() {
                let count = if p.new {
                    &mut st.counts.new
                } else {
                    &mut st.counts.changed
                };
                *count = count.saturating_sub(1);
            }
        } else {
            self.complete();
            let mut st = self.plan.lock();
            if st.manifest.listing_errors != self.volatile {
                st.manifest.listing_errors = self.volatile.clone();
                st.dirty = true;
            }
            // Admitted inputs that yielded nothing at all still count as done.
            let leftover: Vec<(String, Pending)> = st.pending.drain().collect();
            for (key, p) in leftover {
                self.completed.push((
                    key,
                    InputState {
                        size: p.size,
                        mtime_ns: p.mtime_ns,
                        hash: p.hash,
                        tool: self.plan.tool.clone(),
                        config: self.plan.config.clone(),
                        ..InputState::default()
                    },
                ));
            }
            for key in Plan::deleted(&st) {
                st.counts.deleted += 1;
                st.dirty = true;
                let dead = st.manifest.supersede(&key);
                self.dead.extend(dead);
            }
        }
        self.commit()?;
        let st = self.plan.lock();
        report.inputs = st.counts.clone();
        report.parts = std::mem::take(&mut self.written);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file the last run could not read (recorded without a hash) is read
    /// again, though its size and time did not change; a read one is not.
    #[test]
    fn an_input_that_could_not_be_read_is_tried_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "An article.").unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        let options = Options {
            config: "c".to_string(),
            ..Options::default()
        };
        let plan_with = |hash: Option<ContentHash>| {
            let mut manifest = Manifest::default();
            manifest.inputs.insert(
                "a.txt".to_string(),
                InputState {
                    size: meta.len(),
                    mtime_ns: mtime_ns(&meta),
                    hash,
                    tool: env!("CARGO_PKG_VERSION").into(),
                    config: "c".into(),
                    ..InputState::default()
                },
            );
            Plan::new(manifest, &options, false)
        };
        let hash = state::hash_file(&file).ok();
        assert!(!plan_with(hash).admit("a.txt", &file));
        assert!(plan_with(None).admit("a.txt", &file));
    }

    /// Inputs under a folder the walk could not list are not deleted; a
    /// sibling whose name merely starts the same is.
    #[test]
    fn inputs_of_an_unlisted_folder_are_not_deleted() {
        let mut manifest = Manifest::default();
        for key in ["a/x.txt", "b/y.txt", "b/c/z.txt", "b2.txt"] {
            manifest
                .inputs
                .insert(key.to_string(), InputState::default());
        }
        let plan = Plan::new(manifest, &Options::default(), false);
        plan.unlisted("b");
        let mut deleted = Plan::deleted(&plan.lock());
        deleted.sort();
        assert_eq!(deleted, ["a/x.txt", "b2.txt"]);
        plan.unlisted(".");
        assert!(Plan::deleted(&plan.lock()).is_empty());
    }
}
