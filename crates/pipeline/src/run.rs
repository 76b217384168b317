//! Running a processor over an archive.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::bounded;
use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsclean_cleanup::{TemplateConfig, TemplateLearner};
use newsclean_ingest::{
    ArchiveWalker, DEFAULT_EXTENSIONS, DEFAULT_MAX_BYTES, DEFAULT_MAX_MEMBER_BYTES, FieldMap,
    RawDocument, Shard,
};
use newsclean_model::ErrorRecord;
use newsclean_output::state::{self, Manifest, StateError};
use newsclean_output::{Compression, OutputError, RunReport};
use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::incremental::{Commit, Plan, Reason, input_key};
use crate::process::{Processor, READ, SERIALIZE, StageClock, WRITE, group_of};

/// How a [`Pipeline`] runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Worker threads for processing (reading and writing have their own).
    pub jobs: usize,
    /// Capacity of each channel between stages; also bounds the number of
    /// documents in flight to four times this value.
    pub queue: usize,
    /// Largest document accepted (a file, a member, a JSON line, a WARC
    /// record), in bytes.
    pub max_bytes: u64,
    /// Largest decompressed size of one compressed stream or archive member.
    pub max_member_bytes: u64,
    /// Extensions of the files to read (without the dot; `""` for none).
    pub extensions: Vec<String>,
    /// Which JSON fields hold the text and metadata.
    pub fields: FieldMap,
    /// Follow symbolic links that stay inside the archive root.
    pub follow_links: bool,
    /// Process only this shard of the archive.
    pub shard: Option<Shard>,
    /// Folders inside the archive that are never read ([`Pipeline::run`]
    /// and [`Pipeline::plan`] leave out their output folder themselves).
    pub skip: Vec<PathBuf>,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// A part file is closed once it holds this many records (an input's
    /// records are never split, so one input with more fills a part alone).
    pub part_records: u64,
    /// ... or this many bytes (before compression).
    pub part_bytes: u64,
    /// Compression of new part files.
    pub compression: Compression,
    /// Process every input, changed or not.
    pub full: bool,
    /// Fingerprint of everything besides the inputs that shapes the records
    /// (rules, templates, options), recorded per input: inputs processed
    /// under another fingerprint are processed again. Empty: unknown, so
    /// every input counts as changed.
    pub config: String,
    /// The same without learned templates (see [`Manifest::base_config`]).
    pub base_config: String,
    /// Set (by a signal handler) to stop reading new inputs; what is
    /// complete is committed and the run returns with
    /// [`RunReport::interrupted`] set.
    pub stop: Option<Arc<AtomicBool>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            queue: 256,
            max_bytes: DEFAULT_MAX_BYTES,
            max_member_bytes: DEFAULT_MAX_MEMBER_BYTES,
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            fields: FieldMap::default(),
            follow_links: false,
            shard: None,
            skip: Vec::new(),
            progress: false,
            part_records: 100_000,
            part_bytes: 1 << 30,
            compression: Compression::None,
            full: false,
            config: String::new(),
            base_config: String::new(),
            stop: None,
        }
    }
}

/// A run could not complete.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The archive root does not exist or is not readable.
    #[error("archive {path}: {source}")]
    Archive {
        /// The archive root.
        path: PathBuf,
        /// Why it cannot be used.
        #[source]
        source: std::io::Error,
    },
    /// The output folder could not be created.
    #[error("output folder {path}: {source}")]
    OutputDir {
        /// The output folder.
        path: PathBuf,
        /// Why it cannot be created.
        #[source]
        source: std::io::Error,
    },
    /// Writing an output file failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The state folder could not be read or written.
    #[error(transparent)]
    State(#[from] StateError),
    /// The archive folder is empty, while the output folder holds the
    /// records of earlier inputs: most likely a disk that is not mounted.
    /// Nothing is superseded.
    #[error(
        "the archive folder is empty, but the output folder holds the records of {known} inputs: \
         is its disk mounted? (to start afresh from an empty archive, use a new output folder)"
    )]
    EmptyArchive {
        /// Inputs the output folder knows.
        known: usize,
    },
    /// The worker pool could not be started.
    #[error("cannot start worker threads: {0}")]
    Threads(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// A processor and the options to run it over archives.
pub struct Pipeline {
    processor: Processor,
    options: Options,
}

/// What a worker hands the writer for one input: its size and result.
struct Done {
    /// The input file this comes from (relative path, without `#N`).
    key: String,
    bytes: u64,
    /// The first document (or error) of an input file: counts the file once,
    /// however many records it holds.
    file_start: bool,
    outcome: Outcome,
}

enum Outcome {
    Record {
        json: Vec<u8>,
        rules: Vec<String>,
        repairs: Vec<(String, u64)>,
    },
    Error(ErrorRecord),
}

impl Pipeline {
    /// A pipeline running `processor` with `options`.
    pub fn new(processor: Processor, options: Options) -> Pipeline {
        // Archive templates are templates of their folder.
        let processor = processor.with_folder_groups(true);
        Pipeline { processor, options }
    }

    /// Gives the processor back (to run another pass with it).
    pub fn into_processor(self) -> Processor {
        self.processor
    }

    /// The processor, for single documents.
    pub fn processor(&self) -> &Processor {
        &self.processor
    }

    /// Processes the new and changed files under `archive` into `out`:
    /// records into new part files (`records-NNNNNN.jsonl`), the manifest in
    /// the state folder, `errors.jsonl` (the errors of every input in the
    /// manifest, and this run's listing errors), `superseded.jsonl` and
    /// `report.json`. The caller holds the run lock
    /// ([`state::RunLock`]).
    pub fn run(&self, archive: &Path, out: &Path) -> Result<RunReport, PipelineError> {
        let started = Instant::now();
        let pool = self.pool(archive)?;
        // Its own output would be read back as input, run after run.
        if is_archive_itself(archive, out) {
            return Err(PipelineError::OutputDir {
                path: out.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "the output folder is the archive itself (use a folder beside it or inside it)",
                ),
            });
        }
        std::fs::create_dir_all(out).map_err(|source| PipelineError::OutputDir {
            path: out.to_path_buf(),
            source,
        })?;
        let manifest = Manifest::load(out)?.unwrap_or_default();
        refuse_empty(archive, &manifest)?;
        tracing::info!(
            archive = %archive.display(),
            out = %out.display(),
            known_inputs = manifest.inputs.len(),
            parts = manifest.parts.len(),
            full = self.options.full,
            "run starts"
        );
        let orphans = state::clean_orphans(out, &manifest)?;
        if orphans > 0 {
            tracing::warn!(orphans, "removed files left by an interrupted run");
        }
        let plan = Arc::new(Plan::new(manifest, &self.options, false));
        let clock = StageClock::default();
        let progress = self.progress_bar(archive, out);
        // Documents travel in batches: one channel hand-off (and one thread
        // wake-up) per batch rather than per document. The queue still
        // counts documents.
        let slots = self.options.queue.max(1).div_ceil(BATCH_DOCS);
        let (raw_tx, raw_rx) = bounded::<(u64, Vec<RawItem>)>(slots);
        let (done_tx, done_rx) = bounded::<(u64, Vec<Done>)>(slots);
        // One ticket per batch between reading and writing: caps what waits
        // in channels and in the reorder buffer behind a slow document.
        let (ticket_tx, ticket_rx) = bounded::<()>(slots * 4);

        let mut commit = Commit::new(out, Arc::clone(&plan), &self.options);
        let mut report = RunReport {
            version: env!("CARGO_PKG_VERSION").to_string(),
            ..RunReport::default()
        };
        let interrupted = AtomicBool::new(false);
        let mut ignored = Arc::default();

        let written = std::thread::scope(|s| -> Result<(), PipelineError> {
            // Owned here, so that a write error that ends this closure drops
            // it: the reader, waiting for a ticket, then stops instead of
            // waiting for ever (and the scope with it).
            let ticket_rx = ticket_rx;
            let admit = Arc::clone(&plan);
            let unlisted = Arc::clone(&plan);
            let walker = self
                .walker(archive, Some(out))
                .filter(move |rel, full| admit.admit(rel, full));
            ignored = walker.ignored();
            let clock = &clock;
            let stop = self.options.stop.clone();
            let interrupted = &interrupted;
            s.spawn(move || {
                let mut seq = 0u64;
                let mut batch = Vec::new();
                let mut bytes = 0;
                // False when the writer stopped.
                let mut send = |batch: Vec<RawItem>| {
                    if batch.is_empty() {
                        return true;
                    }
                    seq += 1;
                    ticket_tx.send(()).is_ok() && raw_tx.send((seq - 1, batch)).is_ok()
                };
                let mut start = Instant::now();
                for item in walker {
                    clock.add(READ, start);
                    if let Err(err) = &item {
                        note_unlisted(&unlisted, archive, err);
                    }
                    if stop.as_ref().is_some_and(|s| s.load(Ordering::SeqCst)) {
                        tracing::warn!("stop requested: no new inputs are read");
                        interrupted.store(true, Ordering::SeqCst);
                        break;
                    }
                    bytes += item.as_ref().map_or(0, |raw| raw.bytes.len());
                    batch.push(item);
                    if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
                        if !send(std::mem::take(&mut batch)) {
                            return;
                        }
                        bytes = 0;
                    }
                    start = Instant::now();
                }
                send(batch);
            });
            let processor = &self.processor;
            s.spawn(move || {
                // Each worker takes the next batch from the channel itself
                // and sleeps on it when it is empty (no spinning for work).
                pool.broadcast(|_| {
                    for (seq, batch) in raw_rx.iter() {
                        let done = batch
                            .into_iter()
                            .map(|item| process_one(processor, item, clock))
                            .collect();
                        // A closed channel means the writer failed; drain quietly.
                        let _ = done_tx.send((seq, done));
                    }
                });
            });

            let mut pending: BTreeMap<u64, Vec<Done>> = BTreeMap::new();
            let mut next = 0u64;
            for (seq, batch) in done_rx {
                pending.insert(seq, batch);
                while let Some(batch) = pending.remove(&next) {
                    next += 1;
                    let _ = ticket_rx.recv();
                    for done in batch {
                        let start = Instant::now();
                        report.files += u64::from(done.file_start);
                        report.bytes += done.bytes;
                        match done.outcome {
                            Outcome::Record {
                                json,
                                rules,
                                repairs,
                            } => {
                                commit.record(&done.key, &json)?;
                                report.count_record_rules(rules.iter().map(String::as_str));
                                report.count_repairs(repairs.iter().map(|(k, n)| (k.as_str(), *n)));
                            }
                            Outcome::Error(err) => {
                                // A link or folder error met by the last run
                                // too is listed, not counted again.
                                if commit.error(&done.key, err.clone())? {
                                    report.count_error(&err);
                                }
                            }
                        }
                        clock.add(WRITE, start);
                        progress.inc(u64::from(done.file_start));
                    }
                }
            }
            Ok(())
        });
        written?;
        report.interrupted = interrupted.load(Ordering::SeqCst);
        commit.finish(report.interrupted, &mut report)?;
        report.inputs.ignored = ignored.load(Ordering::Relaxed);
        progress.finish_and_clear();
        report.seconds = started.elapsed().as_secs_f64();
        report.files_per_second = report.files as f64 / report.seconds.max(1e-9);
        report.bytes_per_second = report.bytes as f64 / report.seconds.max(1e-9);
        report.stage_seconds = clock
            .seconds()
            .map(|(name, secs)| (name.to_string(), secs))
            .collect();
        report.write(out.join("report.json"))?;
        tracing::info!(
            new = report.inputs.new,
            changed = report.inputs.changed,
            unchanged = report.inputs.unchanged,
            deleted = report.inputs.deleted,
            records = report.records,
            errors = report.errors,
            parts = report.parts.len(),
            seconds = report.seconds,
            interrupted = report.interrupted,
            "run ends"
        );
        Ok(report)
    }

    /// What a run would do, without doing it: every accepted input of
    /// `archive` with the reason it would be processed or skipped, then the
    /// inputs of the manifest that are gone.
    pub fn plan(&self, archive: &Path, out: &Path) -> Result<Vec<(String, Reason)>, PipelineError> {
        self.pool(archive)?;
        let manifest = Manifest::load(out)?.unwrap_or_default();
        refuse_empty(archive, &manifest)?;
        let plan = Arc::new(Plan::new(manifest, &self.options, true));
        let admit = Arc::clone(&plan);
        let walker = self
            .walker(archive, Some(out))
            .filter(move |rel, full| admit.admit(rel, full));
        // Listing errors are all the walker yields: the filter reads nothing.
        for item in walker {
            if let Err(err) = &item {
                note_unlisted(&plan, archive, err);
            }
        }
        Ok(plan.decisions())
    }

    /// First pass for archive templates: decodes every input and feeds it to
    /// a [`TemplateLearner`] under its group, the document's parent folder.
    /// Runs on the worker pool; inputs that fail to read or decode are
    /// skipped (the main run reports them).
    pub fn learn_templates(
        &self,
        archive: &Path,
        config: TemplateConfig,
    ) -> Result<TemplateLearner, PipelineError> {
        let pool = self.pool(archive)?;
        let walker = self.walker(archive, None);
        let learner = pool.install(|| {
            walker
                .par_bridge()
                .filter_map(Result::ok)
                .fold(
                    || TemplateLearner::new(config),
                    |mut learner, raw| {
                        // Templates are lines of text; a page's markup
                        // lines are not what cleanup later sees.
                        if raw.format != newsclean_ingest::Format::Html
                            && !newsclean_html::looks_like_html(&raw.bytes)
                            && let Ok(decoded) = newsclean_ingest::decode(&raw.bytes)
                        {
                            learner.observe(group_of(&raw.path), &decoded.text);
                        }
                        learner
                    },
                )
                .reduce(
                    || TemplateLearner::new(config),
                    |mut a, b| {
                        a.merge(b);
                        a
                    },
                )
        });
        Ok(learner)
    }

    /// Checks that the archive exists and starts the worker pool.
    /// Whether `archive` can be read: it exists and, as a folder, can be
    /// listed. A root that cannot be listed is no empty archive: its inputs
    /// must not count as deleted.
    pub fn check_archive(archive: &Path) -> Result<(), PipelineError> {
        let unusable = |source| PipelineError::Archive {
            path: archive.to_path_buf(),
            source,
        };
        if std::fs::metadata(archive).map_err(unusable)?.is_dir() {
            std::fs::read_dir(archive).map_err(unusable)?;
        }
        Ok(())
    }

    fn pool(&self, archive: &Path) -> Result<rayon::ThreadPool, PipelineError> {
        Pipeline::check_archive(archive)?;
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.options.jobs.max(1))
            .thread_name(|i| format!("newsclean-worker-{i}"))
            .build()
            .map_err(|e| PipelineError::Threads(e.into()))
    }

    /// A walker over `archive` that leaves out the skipped folders, `out`
    /// (the run's output folder when it lies inside the archive) and the
    /// output folders of other runs (they hold a state folder).
    fn walker(&self, archive: &Path, out: Option<&Path>) -> ArchiveWalker {
        let walker = ArchiveWalker::new(archive)
            .skip_marked(state::STATE_DIR)
            .extensions(self.options.extensions.iter().cloned())
            .max_bytes(self.options.max_bytes)
            .max_member_bytes(self.options.max_member_bytes)
            .fields(self.options.fields.clone())
            .follow_links(self.options.follow_links)
            .shard(self.options.shard);
        self.options
            .skip
            .iter()
            .map(PathBuf::as_path)
            .chain(out)
            .fold(walker, ArchiveWalker::skip_dir)
    }

    /// A progress bar whose length grows as a second walker counts the
    /// archive, so the ETA firms up without listing everything first.
    fn progress_bar(&self, archive: &Path, out: &Path) -> ProgressBar {
        if !self.options.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr_with_hz(4));
        let style = ProgressStyle::with_template(
            "{elapsed_precise} [{wide_bar}] {human_pos}/{human_len} files {per_sec} ETA {eta} {msg}",
        );
        if let Ok(style) = style {
            bar.set_style(style.progress_chars("=> "));
        }
        let counter = bar.clone();
        let sizes = self.walker(archive, Some(out)).sizes();
        std::thread::spawn(move || {
            let mut bytes = 0u64;
            for size in sizes {
                counter.inc_length(1);
                bytes += size;
                counter.set_message(format!("of {}", HumanBytes(bytes)));
                if counter.is_finished() {
                    return;
                }
            }
        });
        bar.enable_steady_tick(Duration::from_millis(250));
        bar
    }
}

/// `out` names the folder `archive` is, written in any way (`a/b/..`,
/// through a link), even when parts of it do not exist yet: the check comes
/// before anything is created.
pub fn is_archive_itself(archive: &Path, out: &Path) -> bool {
    use std::path::Component;
    // The longest part that exists, resolved as the system resolves it
    // (links, then `..`); the parts that do not exist yet, as written.
    fn resolved(path: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(path).ok()?;
        let parts: Vec<Component> = absolute.components().collect();
        let (mut out, rest) = (1..=parts.len()).rev().find_map(|n| {
            let prefix: PathBuf = parts[..n].iter().collect();
            prefix.canonicalize().ok().map(|c| (c, &parts[n..]))
        })?;
        for part in rest {
            match part {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        Some(out)
    }
    let archive = resolved(archive);
    archive.is_some() && archive == resolved(out)
}

/// A folder the walk could not list (permissions, a disk error; not a
/// broken or looping link, nor a file gone since) keeps the records of the
/// inputs under it: tells the plan.
fn note_unlisted(plan: &Plan, archive: &Path, err: &newsclean_ingest::ReadError) {
    let newsclean_ingest::ReadErrorKind::Walk(io) = &err.kind else {
        return;
    };
    let link = std::fs::symlink_metadata(archive.join(&err.path))
        .is_ok_and(|m| m.file_type().is_symlink());
    if io.kind() != std::io::ErrorKind::NotFound && !link {
        plan.unlisted(&err.path);
    }
}

/// An archive folder with nothing in it, while the output holds the
/// records of earlier inputs, is most likely a disk not mounted: the run
/// stops before it supersedes them. A mount point often keeps a hidden
/// marker file or a skeleton of empty folders: those hold nothing the walk
/// reads either. (One shard's files gone, in an archive that still holds
/// others, is taken as it is.)
fn refuse_empty(archive: &Path, manifest: &Manifest) -> Result<(), PipelineError> {
    if !manifest.inputs.is_empty() && holds_nothing(archive, 0) {
        return Err(PipelineError::EmptyArchive {
            known: manifest.inputs.len(),
        });
    }
    Ok(())
}

/// Whether `dir` lists (a folder it cannot list is no proof) and holds
/// only hidden entries and folders that hold nothing themselves. Stops at
/// the first other entry: on a real archive, at once.
fn holds_nothing(dir: &Path, depth: usize) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    for entry in entries {
        let Ok(entry) = entry else {
            return false;
        };
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") || name == "__MACOSX" {
            continue;
        }
        let folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if !folder || depth >= 32 || !holds_nothing(&entry.path(), depth + 1) {
            return false;
        }
    }
    true
}

type RawItem = Result<RawDocument, newsclean_ingest::ReadError>;

/// Documents per batch between the stages, at most: enough that channel
/// hand-offs cost little next to the work, few enough that two workers
/// share a small archive.
const BATCH_DOCS: usize = 16;
/// A batch is sent once it holds this many input bytes, whatever its count:
/// big documents travel alone, and memory stays bounded by the queue.
const BATCH_BYTES: usize = 1 << 20;

fn process_one(processor: &Processor, item: RawItem, clock: &StageClock) -> Done {
    let raw = match item {
        Ok(raw) => raw,
        Err(err) => {
            let outcome = Outcome::Error(ErrorRecord {
                index: err.index,
                ..ErrorRecord::new(err.path.clone(), err.stage(), err.kind.to_string())
            });
            // A link, a folder that cannot be listed, or a file that changed
            // after its records were read is no (further) file read.
            use newsclean_ingest::ReadErrorKind::{Changed, Link, Walk};
            let file_start = err.index.is_none_or(|i| i == 0)
                && !matches!(err.kind, Walk(_) | Link(_) | Changed);
            return Done {
                key: input_key(&err.path, err.index),
                bytes: 0,
                file_start,
                outcome,
            };
        }
    };
    let bytes = raw.bytes.len() as u64;
    let file_start = raw.meta.index.is_none_or(|i| i == 0);
    let processed = processor.process_guarded(&raw, clock);
    let outcome = match processed {
        Ok(record) => clock.time(SERIALIZE, || {
            let rules = record.removed.iter().map(|r| r.rule.clone()).collect();
            let repairs = record
                .repairs
                .iter()
                .map(|(k, n)| (k.clone(), *n))
                .collect();
            match serde_json::to_vec(&record) {
                Ok(json) => Outcome::Record {
                    json,
                    rules,
                    repairs,
                },
                Err(err) => Outcome::Error(ErrorRecord {
                    index: raw.meta.index,
                    ..ErrorRecord::new(raw.path.clone(), "serialize", err.to_string())
                }),
            }
        }),
        Err(err) => Outcome::Error(err),
    };
    Done {
        key: input_key(&raw.path, raw.meta.index),
        bytes,
        file_start,
        outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn the_archive_is_known_however_its_path_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["a/x", "b", "other/deep"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        std::os::unix::fs::symlink("../a/x", root.join("b/lnk")).unwrap();
        std::os::unix::fs::symlink("../other/deep", root.join("a/lnk2")).unwrap();
        let a = root.join("a");
        for same in [
            "a",
            "a/",
            "a/.",
            "a/x/..",
            "a/nope/..",
            "a/x/y/../..",
            "b/lnk/..",
        ] {
            assert!(is_archive_itself(&a, &root.join(same)), "{same}");
        }
        // Through a link, `..` is the link target's parent, not the link's.
        for other in ["a/x", "a/new", "b", "a/lnk2/..", "other"] {
            assert!(!is_archive_itself(&a, &root.join(other)), "{other}");
        }
    }
}
