/*!
The pipeline: newsclean's stages wired together.

- [`Processor`] turns one input into a [`Record`](newsclean_model::Record)
  or an [`ErrorRecord`](newsclean_model::ErrorRecord): decode, clean,
  extract. It is what `newsclean clean` runs, and what a program that has its
  own I/O should call.
- [`Pipeline`] runs a processor over a whole archive: one thread walks and
  reads, a rayon pool of `jobs` threads processes, one thread restores input
  order and writes. Stages are joined by bounded crossbeam channels and the
  number of documents in flight is capped, so memory depends on the queue
  size, not on the archive. Output is byte-identical for any number of jobs.

The crates it wires are re-exported ([`cleanup`], [`ingest`], …), so that a
program needs this one dependency for their types. `newsclean run` adds a
run lock, a configuration fingerprint and a template pass around
[`Pipeline::run`]; the README's "Using the crates" says how to do the same.

# Example

```
use newsclean_cleanup::RuleSet;
use newsclean_pipeline::{Options, Pipeline, Processor};

let archive = tempfile::tempdir()?;
std::fs::write(
    archive.path().join("a.txt"),
    "Headline\n\nPARIS (AFP) - Body text of the story goes here.\n\nLeave a Reply\n\nFirst!",
)?;
std::fs::write(archive.path().join("b.txt"), b"\x89PNG\r\n\x1a\n\0\0")?;
let out = tempfile::tempdir()?;

let processor = Processor::new(&RuleSet::builtin())?;
// The fingerprint of the rules and options: inputs processed under another
// one are processed again.
let options = Options { config: "builtin rules".into(), ..Options::default() };
let report = Pipeline::new(processor, options.clone()).run(archive.path(), out.path())?;
assert_eq!((report.files, report.records, report.errors), (2, 1, 1));

// Records go to part files; a second run over the same archive finds
// nothing new to do.
let records = std::fs::read_to_string(out.path().join("records-000000.jsonl"))?;
assert!(records.contains(r#""agency":"AFP""#));
let errors = std::fs::read_to_string(out.path().join("errors.jsonl"))?;
assert!(errors.contains("PNG"));
let processor = Processor::new(&RuleSet::builtin())?;
let again = Pipeline::new(processor, options).run(archive.path(), out.path())?;
assert_eq!((again.inputs.unchanged, again.records), (2, 0));
# Ok::<(), Box<dyn std::error::Error>>(())
```
*/

#![deny(missing_docs)]

mod incremental;
mod process;
mod run;

pub use newsclean_cleanup as cleanup;
pub use newsclean_extract as extract;
pub use newsclean_html as html;
pub use newsclean_ingest as ingest;
pub use newsclean_model as model;
pub use newsclean_output as output;

pub use incremental::Reason;
pub use process::{DEFAULT_MAX_LINES, LineVerdict, Processor, StageClock, group_of};
pub use run::{Options, Pipeline, PipelineError, is_archive_itself};
