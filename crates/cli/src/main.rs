//! The `newsclean` command: argument parsing and wiring, nothing else.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use clap::{Args, CommandFactory, Parser, Subcommand};
use newsclean_cleanup::RuleSet;
use newsclean_output::{Compression, state};
use newsclean_pipeline::{Options, Pipeline, Processor, Reason, StageClock};

// The stages allocate many small strings and DOM nodes per document; the
// system allocator spent about a tenth of all instructions on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `eprintln!` that ignores a closed stderr: a log reader that died must
/// not turn a good run into a panic (exit code 101).
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Exit codes, documented in README.md and `--help`.
mod exit {
    /// Every input gave a record.
    pub const OK: u8 = 0;
    /// The run finished but some inputs failed (see errors.jsonl).
    pub const SOME_FAILED: u8 = 1;
    /// Bad arguments or configuration (including rule files).
    pub const USAGE: u8 = 2;
    /// Another run holds the lock of the output folder.
    pub const LOCKED: u8 = 3;
    /// Stopped by SIGINT or SIGTERM; what was complete is committed.
    pub const INTERRUPTED: u8 = 4;
    /// The run could not go on: output not writable, archive missing.
    pub const FATAL: u8 = 5;
}

const EXIT_CODES: &str = "\
Exit codes:
  0  success: every input gave a record
  1  success, but some inputs failed (listed in errors.jsonl)
  2  usage or configuration error (bad flag, bad rule file)
  3  another run holds the lock of the output folder (nothing done)
  4  interrupted by SIGINT/SIGTERM (complete inputs committed; run again to go on)
  5  fatal: the archive cannot be read or the output cannot be written";

/// Turn an archive of scraped news articles into clean, structured records.
#[derive(Parser)]
#[command(name = "newsclean", version, after_help = EXIT_CODES, args_override_self = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process the new and changed articles under ARCHIVE into OUT/records-NNNNNN.jsonl, errors.jsonl and report.json.
    Run(Box<RunArgs>),
    /// Print the record of one article (FILE, or - for stdin) as pretty JSON.
    Clean(CleanArgs),
    /// Show every line of one article (FILE, or - for stdin) with its verdict and the rule that decided it.
    Explain(CleanArgs),
    /// List the active cleanup rules.
    Rules(RuleArgs),
    /// Learn archive templates (lines repeated across a folder's documents) into a rule pack.
    Templates(TemplateArgs),
    /// Clean JSON Lines articles from stdin to records on stdout, one line out per line in.
    Stream(StreamArgs),
    /// Rewrite the records files of an output folder to the current records only (no superseded ones).
    Compact(CompactArgs),
}

#[derive(Args)]
struct CompactArgs {
    /// Output folder of earlier runs.
    out: PathBuf,
    #[command(flatten)]
    parts: PartArgs,
}

/// How records are split into part files, for `run` and `compact`.
#[derive(Args)]
struct PartArgs {
    /// Close a records part file after this many records.
    #[arg(long, value_name = "N", default_value_t = Options::default().part_records)]
    part_records: u64,
    /// ... or after this many bytes (before compression).
    #[arg(long, value_name = "N", default_value_t = Options::default().part_bytes)]
    part_bytes: u64,
    /// Compress records part files: none, gzip (.jsonl.gz) or zstd (.jsonl.zst).
    #[arg(long, value_name = "CODEC", default_value_t = Compression::None)]
    compress: Compression,
}

#[derive(Args)]
struct InputArgs {
    /// Largest document to read (a file, an archive member, a JSON line, a
    /// WARC record), in bytes; larger ones give an error record.
    #[arg(long, default_value_t = newsclean_ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Largest decompressed size of one compressed file or archive member,
    /// in bytes (stops decompression bombs).
    #[arg(long, default_value_t = newsclean_ingest::DEFAULT_MAX_MEMBER_BYTES)]
    max_member_bytes: u64,
    /// JSON field for a role: ROLE=NAME[,NAME…] with ROLE one of text,
    /// title, url, published, id, authors; NAME may be a dotted path.
    /// Repeatable.
    #[arg(long = "field", value_name = "ROLE=NAME")]
    fields: Vec<String>,
}

impl InputArgs {
    fn fields(&self) -> Result<newsclean_ingest::FieldMap, Failure> {
        let mut map = newsclean_ingest::FieldMap::default();
        for spec in &self.fields {
            map.set(spec).map_err(|e| Failure::usage(e.into()))?;
        }
        Ok(map)
    }
}

#[derive(Args)]
struct StreamArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Args)]
struct TemplateArgs {
    /// Archive root.
    archive: PathBuf,
    /// Rule pack to write (TOML).
    #[arg(long, short)]
    out: PathBuf,
    /// Worker threads [default: number of cores].
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Follow symbolic links that stay inside the archive root, as `run
    /// --follow-links` does.
    #[arg(long)]
    follow_links: bool,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    learn: LearnArgs,
}

#[derive(Args, Clone, Copy)]
struct LearnArgs {
    /// A template must occur in at least this many documents of its folder
    /// (2 or more).
    #[arg(long, value_parser = documents_arg,
          default_value_t = newsclean_cleanup::TemplateConfig::default().min_documents)]
    min_documents: usize,
    /// ... and in at least this share of its folder's documents (above 0,
    /// at most 1).
    #[arg(long, value_parser = share_arg,
          default_value_t = newsclean_cleanup::TemplateConfig::default().min_share)]
    min_share: f64,
}

/// A line of one document is no template: it must repeat.
fn documents_arg(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 2 => Ok(n),
        _ => Err("a number of documents, 2 or more".to_string()),
    }
}

fn share_arg(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err("a share above 0 and at most 1 (0.3: 30%)".to_string()),
    }
}

impl LearnArgs {
    fn config(self) -> newsclean_cleanup::TemplateConfig {
        newsclean_cleanup::TemplateConfig {
            min_documents: self.min_documents,
            min_share: self.min_share,
            ..newsclean_cleanup::TemplateConfig::default()
        }
    }
}

#[derive(Args)]
struct RunArgs {
    /// Archive root: a folder (searched recursively) or a single file.
    archive: PathBuf,
    /// Output folder (created if missing). Required, here or in the
    /// configuration file.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Configuration file: any option of `run` as a TOML key (`jobs = 4`,
    /// `rules = ["site.toml"]`, `no_learn_templates = true`); flags on the
    /// command line override it. Default: ARCHIVE/newsclean.toml if present.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads [default: number of cores].
    #[arg(long, short)]
    jobs: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    input: InputArgs,
    /// Process only shard I of N (1-based), by a stable hash of each file's
    /// relative path: N machines can split one archive with no coordination.
    #[arg(long, value_name = "I/N")]
    shard: Option<newsclean_ingest::Shard>,
    /// Follow symbolic links that stay inside the archive (by default links
    /// are reported in errors.jsonl, not followed).
    #[arg(long, overrides_with = "no_follow_links")]
    follow_links: bool,
    /// Do not follow links (undoes `follow_links = true` of the
    /// configuration file).
    #[arg(long, overrides_with = "follow_links")]
    no_follow_links: bool,
    /// Use archive templates learned earlier (`newsclean templates`). Repeatable.
    #[arg(long = "templates", value_name = "FILE")]
    templates: Vec<PathBuf>,
    /// Do not learn archive templates in a first pass (by default they are
    /// learned, saved as OUT/templates.toml and used).
    #[arg(long, overrides_with = "learn_templates")]
    no_learn_templates: bool,
    /// Learn archive templates (undoes `no_learn_templates = true` of the
    /// configuration file; the default).
    #[arg(long, overrides_with = "no_learn_templates")]
    learn_templates: bool,
    #[command(flatten)]
    learn: LearnArgs,
    #[command(flatten)]
    rules: RuleArgs,
    /// Process every input again, changed or not (templates are learned anew).
    #[arg(long)]
    full: bool,
    /// List what would be processed and why, and do nothing.
    #[arg(long)]
    dry_run: bool,
    /// Log format on stderr: plain or json (one JSON object per event).
    #[arg(long, value_name = "FORMAT", default_value = "plain", value_parser = ["plain", "json"])]
    log_format: String,
    /// Log events of this level and above: error, warn, info, debug
    /// [default: warn, or info with --log-format json].
    #[arg(long, value_name = "LEVEL")]
    log_level: Option<tracing::Level>,
    #[command(flatten)]
    parts: PartArgs,
}

#[derive(Args)]
struct CleanArgs {
    /// Article file, or - for stdin.
    file: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Args)]
struct RuleArgs {
    /// Add a rule pack (TOML); rules with an existing id replace it. Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    packs: Vec<PathBuf>,
    /// Switch off the rule with this id. Repeatable.
    #[arg(long = "disable-rule", value_name = "ID")]
    disable: Vec<String>,
}

fn add_pack(set: &mut RuleSet, pack: &Path) -> Result<(), Failure> {
    let text = std::fs::read_to_string(pack)
        .with_context(|| format!("cannot read rule pack {}", pack.display()))
        .map_err(Failure::usage)?;
    set.add_toml(&pack.display().to_string(), &text)
        .map_err(|e| Failure::usage(e.into()))
}

impl RuleArgs {
    fn load(&self) -> Result<RuleSet, Failure> {
        let mut set = RuleSet::builtin();
        for pack in &self.packs {
            add_pack(&mut set, pack)?;
        }
        for id in &self.disable {
            set.disable(id).map_err(|e| Failure::usage(e.into()))?;
        }
        Ok(set)
    }
}

/// An error with the exit code it maps to.
struct Failure {
    code: u8,
    error: anyhow::Error,
}

impl Failure {
    fn usage(error: anyhow::Error) -> Failure {
        Failure {
            code: exit::USAGE,
            error,
        }
    }
    fn fatal(error: anyhow::Error) -> Failure {
        Failure {
            code: exit::FATAL,
            error,
        }
    }
    /// The one input of `clean` or `explain` cannot be read: as a document
    /// that cannot be, not the archive-wide failure of a run.
    fn unread(error: anyhow::Error) -> Failure {
        Failure {
            code: exit::SOME_FAILED,
            error,
        }
    }
}

/// Parses the command line; for `run`, options from the configuration file
/// go in front of the command line's own, so that flags override them.
fn parse() -> Cli {
    let argv: Vec<OsString> = std::env::args_os().collect();
    let cli = Cli::parse_from(&argv);
    let Command::Run(args) = &cli.command else {
        return cli;
    };
    let path = args.config.clone().or_else(|| {
        let p = args.archive.join("newsclean.toml");
        p.is_file().then_some(p)
    });
    let Some(path) = path else { return cli };
    match config_args(&path) {
        Ok(extra) => {
            let at = argv.iter().position(|a| a == "run").map_or(1, |i| i + 1);
            let mut merged = argv[..at].to_vec();
            merged.extend(extra);
            merged.extend_from_slice(&argv[at..]);
            Cli::parse_from(merged)
        }
        Err(err) => {
            note!("newsclean: error: {err:#}");
            std::process::exit(i32::from(exit::USAGE));
        }
    }
}

/// The options of a `newsclean.toml` as command-line arguments. Relative
/// paths (`out`, `rules`, `templates`) are relative to the file's folder.
fn config_args(path: &Path) -> anyhow::Result<Vec<OsString>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read configuration {}", path.display()))?;
    let table: toml::Table = toml::from_str(&text)
        .with_context(|| format!("invalid configuration {}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    // The keys are `run`'s long options: an unknown one is named with the
    // file it is in, before the command line parser sees a stray flag.
    let command = Cli::command();
    let options: Vec<String> = command
        .find_subcommand("run")
        .map(|run| {
            run.get_arguments()
                .filter_map(|a| a.get_long().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut args = Vec::new();
    for (key, value) in table {
        if matches!(key.as_str(), "config" | "archive" | "dry_run" | "dry-run") {
            anyhow::bail!(
                "{}: `{key}` cannot be set in a configuration file",
                path.display()
            );
        }
        let long = key.replace('_', "-");
        if !options.contains(&long) {
            anyhow::bail!("{}: unknown key `{key}`", path.display());
        }
        let flag = OsString::from(format!("--{long}"));
        let is_path = matches!(key.as_str(), "out" | "rules" | "templates");
        let mut push = |v: &toml::Value| -> anyhow::Result<()> {
            let text = match v {
                toml::Value::String(s) if is_path => base.join(s).into_os_string(),
                _ if is_path => anyhow::bail!(
                    "{}: `{key}` is a path: write it as a string",
                    path.display()
                ),
                toml::Value::String(s) => OsString::from(s),
                toml::Value::Integer(n) => OsString::from(n.to_string()),
                toml::Value::Float(x) => OsString::from(x.to_string()),
                toml::Value::Boolean(true) => {
                    args.push(flag.clone());
                    return Ok(());
                }
                toml::Value::Boolean(false) => return Ok(()),
                other => anyhow::bail!(
                    "{}: `{key}`: unsupported value {}",
                    path.display(),
                    other.type_str()
                ),
            };
            args.push(flag.clone());
            args.push(text);
            Ok(())
        };
        match &value {
            toml::Value::Array(items) => items.iter().try_for_each(&mut push)?,
            v => push(v)?,
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let cli = parse();
    let result = match cli.command {
        Command::Run(args) => run(*args),
        Command::Clean(args) => clean(args),
        Command::Explain(args) => explain(args),
        Command::Rules(args) => rules(args),
        Command::Templates(args) => templates(args),
        Command::Stream(args) => stream(args),
        Command::Compact(args) => compact(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            // A closed pipe (`newsclean rules | head`) is not an error.
            if is_broken_pipe(&failure.error) {
                return ExitCode::from(exit::OK);
            }
            note!("newsclean: error: {}", failure.error);
            for cause in failure.error.chain().skip(1) {
                note!("  Cause: {cause}");
            }
            ExitCode::from(failure.code)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// More worker threads than any machine has cores for: past this, a typo
/// (`--jobs 20000`) would exhaust memory on thread stacks.
const MAX_JOBS: usize = 1024;

fn jobs(jobs: Option<usize>) -> Result<usize, Failure> {
    match jobs {
        Some(0) => Err(Failure::usage(anyhow::anyhow!("--jobs must be at least 1"))),
        Some(n) if n > MAX_JOBS => Err(Failure::usage(anyhow::anyhow!(
            "--jobs {n}: at most {MAX_JOBS}"
        ))),
        Some(n) => Ok(n),
        None => Ok(Options::default().jobs),
    }
}

/// The fingerprint of everything besides the inputs that shapes records:
/// the version, rule packs and disabled rules, templates given with
/// `--templates`, and the options. Inputs processed under another one are
/// processed again.
fn base_config(args: &RunArgs) -> Result<String, Failure> {
    // The same options however they are written: switched-off rules as a
    // set, and rule packs by their content, not by the path that names them
    // (`site.toml`, `./site.toml`, an absolute path). Field maps keep their
    // order: of two flags for one field (or its alias) the last wins.
    let disable: std::collections::BTreeSet<&String> = args.rules.disable.iter().collect();
    let mut text = format!(
        "newsclean {}\nmax_bytes {}\nmax_member_bytes {}\nfields {:?}\nshard {:?}\nfollow_links {}\nlearn {} {} {}\ndisable {:?}\n",
        env!("CARGO_PKG_VERSION"),
        args.input.max_bytes,
        args.input.max_member_bytes,
        args.input.fields,
        args.shard.map(|s| s.to_string()),
        args.follow_links,
        !args.no_learn_templates,
        args.learn.min_documents,
        args.learn.min_share,
        disable,
    );
    // Rule packs come before the switched-off rules take effect, template
    // packs after: the two kinds are told apart.
    let packs = args.rules.packs.iter().map(|p| ("rules", p));
    for (kind, pack) in packs.chain(args.templates.iter().map(|p| ("templates", p))) {
        let content = std::fs::read_to_string(pack)
            .with_context(|| format!("cannot read rule pack {}", pack.display()))
            .map_err(Failure::usage)?;
        text.push_str(&format!("{kind} {}\n{content}\n", content.len()));
    }
    Ok(state::hash_bytes(text.as_bytes()))
}

/// Makes SIGINT and SIGTERM set `stop` (the run commits what is complete
/// and exits with code 4); a second signal exits at once, which is safe
/// because every commit is an atomic rename.
fn on_signals() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let installed = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            note!("newsclean: second signal, exiting now");
            std::process::exit(i32::from(exit::INTERRUPTED));
        }
        note!("newsclean: stopping: committing complete inputs (signal again to exit now)");
    });
    if let Err(err) = installed {
        note!("newsclean: warning: cannot handle signals: {err}");
    }
    stop
}

/// Makes SIGINT and SIGTERM exit at once with code 4, for commands whose
/// every step is an atomic rename (`compact`): the folder is as it was
/// before or after, and a temporary file left is removed by the next run.
fn exit_on_signals() {
    let installed = ctrlc::set_handler(|| {
        note!("newsclean: signal: stopping (nothing half-done is kept)");
        std::process::exit(i32::from(exit::INTERRUPTED));
    });
    if let Err(err) = installed {
        note!("newsclean: warning: cannot handle signals: {err}");
    }
}

/// A writer whose failures are dropped: the log subscriber reports a failed
/// write with `eprintln!`, which panics on a closed stderr (a log reader
/// that died must not end the run).
struct Unfailing<W>(W);

impl<W: Write> Write for Unfailing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(self.0.write(buf).unwrap_or(buf.len()))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}

/// Logs on stderr with `tracing`, plain or JSON.
fn init_logs(args: &RunArgs) {
    let json = args.log_format == "json";
    let level = args.log_level.unwrap_or(if json {
        tracing::Level::INFO
    } else {
        tracing::Level::WARN
    });
    let builder = tracing_subscriber::fmt()
        .with_writer(|| Unfailing(std::io::stderr()))
        .with_max_level(level)
        .with_target(false);
    // A second initialisation cannot happen in this binary; ignore it.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.with_ansi(false).try_init()
    };
}

fn run(args: RunArgs) -> Result<u8, Failure> {
    init_logs(&args);
    // First: a signal during template learning must not kill the process.
    let stop = on_signals();
    let mut rules = args.rules.load()?;
    for pack in &args.templates {
        add_pack(&mut rules, pack)?;
    }
    let base = base_config(&args)?;
    let out = args.out.clone().ok_or_else(|| {
        Failure::usage(anyhow::anyhow!(
            "no output folder: give --out DIR, or `out` in the configuration file"
        ))
    })?;
    let out = out.as_path();
    if newsclean_pipeline::is_archive_itself(&args.archive, out) {
        return Err(Failure::usage(anyhow::anyhow!(
            "the output folder {} is the archive itself: its records would be read back as input (use a folder beside it or inside it)",
            out.display()
        )));
    }
    let mut options = Options {
        max_bytes: args.input.max_bytes,
        max_member_bytes: args.input.max_member_bytes,
        fields: args.input.fields()?,
        shard: args.shard,
        follow_links: args.follow_links,
        progress: !args.quiet && !args.dry_run && std::io::stderr().is_terminal(),
        jobs: jobs(args.jobs)?,
        part_records: args.parts.part_records.max(1),
        part_bytes: args.parts.part_bytes.max(1),
        compression: args.parts.compress,
        full: args.full,
        base_config: base.clone(),
        // An output folder kept inside the archive is not an input, for
        // the template pass either.
        skip: vec![out.to_path_buf()],
        ..Options::default()
    };
    // An archive that cannot be read leaves no output folder (nor lock).
    Pipeline::check_archive(&args.archive).map_err(|e| Failure::fatal(e.into()))?;
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create {}", out.display()))
        .map_err(Failure::fatal)?;
    let _lock = lock(out)?;
    // Only the configuration of the last run is needed here; the pipeline
    // loads the manifest itself (two copies would double the largest
    // structure a run holds).
    let saved_base = state::Manifest::load(out)
        .map_err(|e| Failure::fatal(e.into()))?
        .map(|m| m.base_config);
    let templates_path = out.join("templates.toml");
    // Templates are learned on a full run (first run, --full, other rules or
    // options, or no saved templates) and reused by incremental runs, so
    // records of unchanged inputs stay valid; their content is part of the
    // fingerprint.
    let learn = !args.no_learn_templates
        && (args.full
            || saved_base.as_ref().is_none_or(|b| *b != base)
            || !templates_path.exists());
    let mut config = base.clone();
    // The template pass's processor, reused by the main pass: built once,
    // the extractor's lists and patterns are not compiled twice.
    let mut learned_with = None;
    // A dry run learns them too (reading the archive once), but keeps their
    // hash in memory: what it prints is what a run would do.
    let mut learned = None;
    if learn {
        let pipeline = Pipeline::new(
            Processor::new(&rules).map_err(|e| Failure::usage(e.into()))?,
            options.clone(),
        );
        let learner = pipeline
            .learn_templates(&args.archive, args.learn.config())
            .map_err(|e| Failure::fatal(e.into()))?;
        learned_with = Some((pipeline.into_processor(), rules.clone()));
        tracing::info!(templates = learner.templates().len(), "templates learned");
        let toml = learner.to_toml();
        if !args.dry_run {
            state::atomic_write(&templates_path, toml.as_bytes())
                .map_err(|e| Failure::fatal(e.into()))?;
        }
        learned = Some(state::hash_bytes(toml.as_bytes()));
    }
    if !args.no_learn_templates {
        let saved = match learned {
            Some(hash) => hash,
            None => std::fs::read(&templates_path)
                .map(|toml| state::hash_bytes(&toml))
                .with_context(|| format!("cannot read {}", templates_path.display()))
                .map_err(Failure::fatal)?,
        };
        config = state::hash_bytes(format!("{base} {saved}").as_bytes());
        if !args.dry_run {
            add_pack(&mut rules, &templates_path)?;
        }
    }
    options.config = config;
    let processor = match learned_with {
        // No template learned: the rules and so the processor are the same.
        Some((processor, before)) if before.rules() == rules.rules() => Ok(processor),
        Some((processor, _)) => processor.with_rules(&rules),
        None => Processor::new(&rules),
    }
    .map_err(|e| Failure::usage(e.into()))?;
    // The processor holds the compiled rules; the rule set (with thousands of
    // templates) is not needed while the run goes.
    drop(rules);
    if args.dry_run {
        let plan = Pipeline::new(processor, options)
            .plan(&args.archive, out)
            .map_err(|e| Failure::fatal(e.into()))?;
        let mut out = std::io::stdout().lock();
        let mut todo = 0;
        for (path, reason) in &plan {
            if !matches!(reason, Reason::Unchanged) {
                todo += 1;
            }
            // One input a line, whatever its name holds.
            let mut shown = String::with_capacity(path.len());
            for c in path.chars() {
                if c.is_control() {
                    shown.extend(c.escape_default());
                } else {
                    shown.push(c);
                }
            }
            writeln!(out, "{:<9} {shown}", reason.as_str())
                .map_err(|e| Failure::fatal(e.into()))?;
        }
        note!(
            "newsclean: dry run: {todo} of {} inputs to process or supersede",
            plan.len()
        );
        return Ok(exit::OK);
    }
    options.stop = Some(stop);
    let started = std::time::SystemTime::now();
    let report = Pipeline::new(processor, options)
        .run(&args.archive, out)
        .map_err(|e| {
            // A night that failed is in the history too, for monitoring.
            let history = serde_json::json!({
                "started": started.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
                "exit": exit::FATAL,
                "error": e.to_string(),
            });
            let _ = state::append_history(out, &history);
            Failure::fatal(e.into())
        })?;
    let code = if report.interrupted {
        exit::INTERRUPTED
    } else if report.errors > 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    };
    let history = serde_json::json!({
        "started": started.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        "seconds": report.seconds,
        "exit": code,
        "new": report.inputs.new,
        "changed": report.inputs.changed,
        "unchanged": report.inputs.unchanged,
        "deleted": report.inputs.deleted,
        "records": report.records,
        "errors": report.errors,
        "parts": report.parts,
        "interrupted": report.interrupted,
    });
    state::append_history(out, &history).map_err(|e| Failure::fatal(e.into()))?;
    if !args.quiet && args.log_format != "json" {
        let i = &report.inputs;
        if i.new + i.changed + i.deleted == 0 && !report.interrupted {
            note!(
                "newsclean: nothing to do: {} inputs unchanged ({:.2}s) -> {}",
                i.unchanged,
                report.seconds,
                out.display()
            );
        } else {
            note!(
                "newsclean: {} new, {} changed, {} unchanged, {} deleted inputs; {} files ({:.1} MB), {} records, {} errors in {:.2}s ({:.0} files/s){} -> {}",
                i.new,
                i.changed,
                i.unchanged,
                i.deleted,
                report.files,
                report.bytes as f64 / 1e6,
                report.records,
                report.errors,
                report.seconds,
                report.files_per_second,
                if report.interrupted {
                    ", interrupted"
                } else {
                    ""
                },
                out.display(),
            );
        }
    }
    Ok(code)
}

fn lock(out: &Path) -> Result<state::RunLock, Failure> {
    match state::RunLock::acquire(out) {
        Ok(lock) => Ok(lock),
        Err(e @ state::StateError::Locked { .. }) => Err(Failure {
            code: exit::LOCKED,
            error: e.into(),
        }),
        Err(e) => Err(Failure::fatal(e.into())),
    }
}

fn compact(args: CompactArgs) -> Result<u8, Failure> {
    let not_output = || {
        Failure::usage(anyhow::anyhow!(
            "{} is not the output folder of a newsclean run",
            args.out.display()
        ))
    };
    // The lock first: a first run still under way has no manifest yet, and
    // is busy (exit 3), not absent.
    if !args.out.join(state::STATE_DIR).is_dir() {
        return Err(not_output());
    }
    let _lock = lock(&args.out)?;
    if !args
        .out
        .join(state::STATE_DIR)
        .join(state::MANIFEST)
        .is_file()
    {
        return Err(not_output());
    }
    exit_on_signals();
    let done = state::compact(
        &args.out,
        args.parts.part_records,
        args.parts.part_bytes,
        args.parts.compress,
    )
    .map_err(|e| Failure::fatal(e.into()))?;
    note!(
        "newsclean: compacted: {} records kept, {} superseded dropped, {} part file(s)",
        done.records,
        done.dropped,
        done.parts.len()
    );
    Ok(exit::OK)
}

fn clean(args: CleanArgs) -> Result<u8, Failure> {
    let rules = args.rules.load()?;
    let processor = Processor::new(&rules).map_err(|e| Failure::usage(e.into()))?;
    // Through the reader, so a compressed file, a JSON record or a WARC
    // works as in `run`: one pretty record (or error) per document.
    let mut outputs = Vec::new();
    read_each(&args.file, |item| {
        outputs.push(match item {
            Ok(raw) => match processor.process_guarded(&raw, &StageClock::default()) {
                Ok(record) => (true, serde_json::to_string_pretty(&record)),
                Err(error) => (false, serde_json::to_string_pretty(&error)),
            },
            Err(err) => {
                let error = newsclean_model::ErrorRecord {
                    index: err.index,
                    ..newsclean_model::ErrorRecord::new(
                        err.path.clone(),
                        err.stage(),
                        err.kind.to_string(),
                    )
                };
                (false, serde_json::to_string_pretty(&error))
            }
        })
    })
    .map_err(Failure::unread)?;
    let mut code = exit::OK;
    for (ok, json) in outputs {
        if !ok {
            code = exit::SOME_FAILED;
        }
        print_line(&json.map_err(|e| Failure::fatal(e.into()))?).map_err(Failure::fatal)?;
    }
    Ok(code)
}

fn explain(args: CleanArgs) -> Result<u8, Failure> {
    let rules = args.rules.load()?;
    let processor = Processor::new(&rules).map_err(|e| Failure::usage(e.into()))?;
    // Through the reader, as `run` and `clean` read: a JSON record's text,
    // each line of a JSON Lines file, the members of an archive.
    // A record's path names it: `feed.jsonl#3`.
    let (mut documents, mut explained, mut code) = (0, Vec::new(), exit::OK);
    read_each(&args.file, |item| {
        documents += 1;
        let verdicts = match item {
            Ok(raw) => processor
                .explain_document(&raw)
                .map(|v| (raw.path, v))
                .map_err(|e| e.reason),
            Err(err) => Err(err.kind.to_string()),
        };
        match verdicts {
            Ok(doc) => explained.push(doc),
            Err(err) => {
                note!("newsclean: {}: {err}", args.file.display());
                code = exit::SOME_FAILED;
            }
        }
    })
    .map_err(Failure::unread)?;
    let several = documents > 1;
    let colour = std::io::stdout().is_terminal();
    let mut out = std::io::stdout().lock();
    let write = || -> std::io::Result<()> {
        for (label, verdicts) in explained {
            if several {
                writeln!(out, "== {label}")?;
            }
            for v in verdicts {
                let (start, end) = match (colour, v.verdict) {
                    (false, _) => ("", ""),
                    (true, "title" | "subheading") => ("\x1b[1;32m", "\x1b[0m"),
                    (true, "paragraph") => ("\x1b[32m", "\x1b[0m"),
                    (true, "credit" | "related") => ("\x1b[33m", "\x1b[0m"),
                    (true, _) => ("\x1b[31m", "\x1b[0m"),
                };
                let rule = v.rule.as_deref().unwrap_or("");
                writeln!(
                    out,
                    "{start}{:>5} {:<10} {:<28} {}{end}",
                    v.line, v.verdict, rule, v.text
                )?;
            }
        }
        out.flush()
    };
    write().map_err(|e| Failure::fatal(e.into()))?;
    Ok(code)
}

/// Reads the input of `clean` and `explain` (a file, or `-` for stdin) as
/// `run` reads it, streamed: the size limits hold before a huge file is in
/// memory, and a zip file is read member by member.
fn read_each(
    file: &Path,
    sink: impl FnMut(Result<newsclean_ingest::RawDocument, newsclean_ingest::ReadError>),
) -> anyhow::Result<()> {
    let reader = newsclean_ingest::Reader::new();
    if file == Path::new("-") {
        reader.read("-", std::io::stdin().lock(), sink);
        return Ok(());
    }
    reader
        .read_file(file, sink)
        .with_context(|| format!("cannot read {}", file.display()))
}

fn templates(args: TemplateArgs) -> Result<u8, Failure> {
    // Read as `run` reads, so that the templates are those a run learns.
    let options = Options {
        jobs: jobs(args.jobs)?,
        max_bytes: args.input.max_bytes,
        max_member_bytes: args.input.max_member_bytes,
        fields: args.input.fields()?,
        follow_links: args.follow_links,
        ..Options::default()
    };
    let processor = Processor::new(&RuleSet::empty()).map_err(|e| Failure::usage(e.into()))?;
    let learner = Pipeline::new(processor, options)
        .learn_templates(&args.archive, args.learn.config())
        .map_err(|e| Failure::fatal(e.into()))?;
    std::fs::write(&args.out, learner.to_toml())
        .with_context(|| format!("cannot write {}", args.out.display()))
        .map_err(Failure::fatal)?;
    note!(
        "newsclean: {} templates -> {}",
        learner.templates().len(),
        args.out.display()
    );
    Ok(exit::OK)
}

fn rules(args: RuleArgs) -> Result<u8, Failure> {
    let set = args.load()?;
    // Compiled as a run compiles them: a pattern that `run` refuses (too
    // big a regex) is refused here too.
    Processor::new(&set).map_err(|e| Failure::usage(e.into()))?;
    let mut out = std::io::stdout().lock();
    let mut write = || -> std::io::Result<()> {
        writeln!(
            out,
            "{:<32} {:<7} {:<11} {:<4} reason",
            "id", "kind", "role", "lang"
        )?;
        for rule in set.rules() {
            writeln!(
                out,
                "{:<32} {:<7} {:<11} {:<4} {}",
                rule.id,
                format!("{:?}", rule.kind).to_lowercase(),
                rule.role.as_str(),
                rule.language,
                rule.reason
            )?;
        }
        out.flush()
    };
    write().map_err(|e| Failure::fatal(e.into()))?;
    Ok(exit::OK)
}

/// `newsclean stream`: JSON Lines in, records out, in order, one line each,
/// flushed per line so it can sit in a pipe between other programs. A bad
/// line gives an in-band error object instead of ending the stream.
fn stream(args: StreamArgs) -> Result<u8, Failure> {
    let rules = args.rules.load()?;
    let processor = Processor::new(&rules).map_err(|e| Failure::usage(e.into()))?;
    let fields = args.input.fields()?;
    let reader = newsclean_ingest::Reader::new()
        .max_bytes(args.input.max_bytes)
        .fields(fields.clone());
    let clock = StageClock::default();
    let (mut input, encoding) = newsclean_ingest::utf8_stream(std::io::stdin().lock())
        .context("cannot read stdin")
        .map_err(Failure::fatal)?;
    let mut out = std::io::stdout().lock();
    let mut line = Vec::new();
    let mut failed = false;
    for index in 0u64.. {
        line.clear();
        let read = newsclean_ingest::read_line(&mut input, args.input.max_bytes, &mut line)
            .context("cannot read stdin")
            .map_err(Failure::fatal)?;
        let result = match read {
            None => break,
            // As `run` reads JSON Lines, a blank line (a trailing newline
            // too many) is no document, and no failure: a blank line out
            // keeps the lines in step.
            Some(true) if line.iter().all(u8::is_ascii_whitespace) => Ok(String::new()),
            Some(false) => Err((
                None,
                "read".to_string(),
                format!(
                    "line is longer than the maximum document size of {} bytes",
                    args.input.max_bytes
                ),
            )),
            Some(true) => stream_record(
                &processor,
                (&reader, &fields),
                (&line, encoding),
                index,
                &clock,
            ),
        };
        let json = result.unwrap_or_else(|(id, stage, reason)| {
            failed = true;
            stream_error(id, index, &stage, &reason)
        });
        out.write_all(json.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush())
            .context("cannot write stdout")
            .map_err(Failure::fatal)?;
    }
    Ok(if failed { exit::SOME_FAILED } else { exit::OK })
}

/// A line's id (if it has one), the stage that failed and why.
type StreamError = (Option<String>, String, String);

fn stream_record(
    processor: &Processor,
    (reader, fields): (&newsclean_ingest::Reader, &newsclean_ingest::FieldMap),
    (line, encoding): (&[u8], Option<&str>),
    index: u64,
    clock: &StageClock,
) -> Result<String, StreamError> {
    // Read as `run` reads a line (half an emoji mended, a Latin-1 line
    // recoded); a line that is none still names its id if it has one.
    let article = reader.json_line(line).map_err(|reason| {
        let id = fields.parse(line).ok().and_then(|v| fields.id_of(&v));
        (id, "parse".to_string(), reason)
    })?;
    let id = article.meta.id.clone();
    let mut raw =
        newsclean_ingest::RawDocument::new(format!("-#{index}"), "-", article.text.into_bytes());
    raw.format = article.format;
    raw.meta = newsclean_ingest::Meta {
        index: Some(index),
        // Stdin in UTF-16 was transcoded before it was split into lines.
        encoding: article.meta.encoding.or(encoding.map(String::from)),
        ..article.meta
    };
    let record = processor
        .process_guarded(&raw, clock)
        .map_err(|e| (id.clone(), e.stage, e.reason))?;
    serde_json::to_string(&record).map_err(|e| (id, "serialize".to_string(), e.to_string()))
}

fn stream_error(id: Option<String>, index: u64, stage: &str, reason: &str) -> String {
    // Written by hand to keep the documented key order (id first).
    let quote = |s: &str| serde_json::Value::from(s).to_string();
    let id = id.as_deref().map_or_else(|| "null".to_string(), quote);
    format!(
        r#"{{"id":{id},"index":{index},"status":"error","stage":{},"error":{}}}"#,
        quote(stage),
        quote(reason)
    )
}

fn print_line(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()?;
    Ok(())
}
