//! One document: decode, clean, extract.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use newsclean_cleanup::{Cleaned, Cleaner, Context, Repairer, Role, RuleError, RuleSet, reason};
use newsclean_extract::{Extractor, QualityInput};
use newsclean_html::{Block, BlockKind, Budget, HtmlError, HtmlExtractor, Page, looks_like_html};
use newsclean_ingest::{Decoded, Format, Meta, RawDocument};
use newsclean_model::{ErrorRecord, Record, Removal, Source};

/// Stages timed by [`StageClock`], in pipeline order.
pub(crate) const STAGES: [&str; 8] = [
    "read",
    "decode",
    "html",
    "repair",
    "clean",
    "extract",
    "serialize",
    "write",
];

/// Nanoseconds spent per stage, summed over threads. A caller that does
/// not want the times passes `&StageClock::default()`.
#[derive(Debug, Default)]
pub struct StageClock {
    nanos: [AtomicU64; STAGES.len()],
}

impl StageClock {
    /// Runs `f`, adding its duration to `stage`.
    pub(crate) fn time<T>(&self, stage: usize, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.add(stage, start);
        out
    }

    pub(crate) fn add(&self, stage: usize, since: Instant) {
        let nanos = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos[stage].fetch_add(nanos, Ordering::Relaxed);
    }

    /// Seconds per stage name.
    pub fn seconds(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        STAGES
            .iter()
            .zip(&self.nanos)
            .map(|(name, n)| (*name, n.load(Ordering::Relaxed) as f64 / 1e9))
    }
}

pub(crate) const READ: usize = 0;
const DECODE: usize = 1;
const HTML: usize = 2;
const REPAIR: usize = 3;
const CLEAN: usize = 4;
const EXTRACT: usize = 5;
pub(crate) const SERIALIZE: usize = 6;
pub(crate) const WRITE: usize = 7;

/// The text cleanup sees for a page: its headline, then one main-content
/// block a line.
fn page_text(page: &Page) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut line = 0;
    if let Some(title) = &page.title {
        text.push_str(title);
        text.push_str("\n\n");
        line += 2;
    }
    // Runs of blocks the page set as one list or one element broken by
    // `<br>`, as ranges of line numbers. Lists of links are no article's.
    let mut lists = Vec::new();
    let mut run: Option<(u32, usize, bool)> = None;
    let mut close = |run: Option<(u32, usize, bool)>, end: usize| {
        if let Some((_, start, unlinked)) = run
            && unlinked
            && end - start >= 4
        {
            lists.push(start..end);
        }
    };
    // The page's headline block is the title line already: as a line of
    // its own it would only be removed again, as a repeated title.
    let repeats_title = |b: &Block| page.title.as_deref() == Some(b.text.as_str());
    let skip = usize::from(page.blocks.first().is_some_and(repeats_title));
    for block in &page.blocks[skip..] {
        let unlinked = block.link_density < LIST_LINK_DENSITY;
        run = match (run, block.list) {
            (Some((list, start, clean)), Some(this)) if list == this => {
                Some((list, start, clean && unlinked))
            }
            (other, this) => {
                close(other, line);
                this.map(|list| (list, line, unlinked))
            }
        };
        text.push_str(&block.text);
        text.push_str("\n\n");
        line += 2;
    }
    close(run, line);
    (text, lists)
}

/// A list whose items are this much link text or more points elsewhere.
const LIST_LINK_DENSITY: f32 = 0.25;

/// Section headings the page marks up (`<h2>`…`<h6>`) that the text
/// stage kept as paragraphs move to `subheadings`: the markup says what the
/// line's shape cannot, in scripts without capitals or spaces above all. A
/// heading that ends like a sentence is a standfirst set as one and stays.
fn promote_headings(record: &mut Record, blocks: &[Block]) {
    let mut marked = marked_headings(blocks);
    // The first paragraph opens the article: a heading there is the
    // standfirst's, or a kicker.
    let first = record.paragraphs.first().map(String::as_str);
    marked.retain(|m| Some(*m) != first);
    if marked.is_empty() {
        return;
    }
    // Only headings the cleanup kept as body text: one it removed (`Mehr
    // zum Thema`, an author box's title) is no section of the article.
    marked.retain(|m| record.paragraphs.iter().any(|p| p == m));
    if marked.is_empty() {
        return;
    }
    record.paragraphs.retain(|p| !marked.contains(&p.as_str()));
    // Subheadings in the page's order.
    let mut subheadings = Vec::with_capacity(record.subheadings.len() + marked.len());
    for b in blocks {
        let t = b.text.as_str();
        let kept_as_heading = record.subheadings.iter().any(|s| s == t);
        let promoted = marked.contains(&t);
        if (kept_as_heading || promoted) && !subheadings.iter().any(|s: &String| s == t) {
            subheadings.push(t.to_string());
        }
    }
    // Subheadings the text stage found in text the blocks do not hold as is.
    for s in std::mem::take(&mut record.subheadings) {
        if !subheadings.contains(&s) {
            subheadings.push(s);
        }
    }
    record.subheadings = subheadings;
}

/// Texts of the page's section headings (`<h2>`…`<h6>`) that do not end
/// like a sentence nor start in lower case.
fn marked_headings(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(level) if level >= 2))
        .map(|b| b.text.as_str())
        .filter(|t| !t.trim_end().ends_with(['.', '。', '!', '！', ':', '：']))
        // A heading tag around words that start in lower case holds a
        // sentence's end or a pull quote, not a section's title.
        .filter(|t| !t.trim_start().starts_with(char::is_lowercase))
        .collect()
}

/// Non-blank lines a document may have once repaired (a page: its
/// blocks): far more than any article or page dump
/// (a few thousand), and a bound on the memory one document can take, as
/// cleanup keeps some state per line (16 MB of one-letter lines took 3.9
/// GB).
pub const DEFAULT_MAX_LINES: usize = 100_000;

/// The template group of a document: the folder of its path (`""` at
/// the archive's root). A member of a tar or zip file, or a record of a
/// JSON Lines file, is of the folder holding that file.
pub fn group_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Turns one input into a record. Build once; share across threads.
pub struct Processor {
    repairer: Repairer,
    cleaner: Cleaner,
    extractor: Extractor,
    html: HtmlExtractor,
    max_lines: usize,
    folder_groups: bool,
}

impl Processor {
    /// A processor that cleans with `rules`.
    pub fn new(rules: &RuleSet) -> Result<Processor, RuleError> {
        Ok(Processor {
            repairer: Repairer::new(),
            cleaner: Cleaner::new(rules)?,
            extractor: Extractor::new(),
            html: HtmlExtractor::default(),
            max_lines: DEFAULT_MAX_LINES,
            folder_groups: false,
        })
    }

    /// Cleans each document as one of its folder's group (the parent of
    /// its path: [`group_of`]), so that rules with a `group`, the archive
    /// templates, apply in their own folder only. Off by default (a lone
    /// document has no folder to speak of: every rule applies); a
    /// [`Pipeline`](crate::Pipeline) turns it on.
    pub fn with_folder_groups(mut self, on: bool) -> Processor {
        self.folder_groups = on;
        self
    }

    /// Documents with more non-blank lines than this once repaired (a
    /// page: blocks) get an error record (stage `clean`) instead of a
    /// record; see [`DEFAULT_MAX_LINES`].
    pub fn with_max_lines(mut self, max_lines: usize) -> Processor {
        self.max_lines = max_lines;
        self
    }

    /// The same processor cleaning with other `rules`: only the cleaner is
    /// compiled again (the extractor's word lists and patterns are kept).
    pub fn with_rules(self, rules: &RuleSet) -> Result<Processor, RuleError> {
        let Processor {
            repairer,
            cleaner,
            extractor,
            html,
            max_lines,
            folder_groups,
        } = self;
        // The old cleaner, with the matching caches its last pass filled,
        // goes before the new one is compiled: the two are never in memory
        // together (a run that learns templates swaps its cleaner so).
        drop(cleaner);
        Ok(Processor {
            repairer,
            cleaner: Cleaner::new(rules)?,
            extractor,
            html,
            max_lines,
            folder_groups,
        })
    }

    /// [`Processor::process`], with a panic (a bug met on an odd input)
    /// turned into an error record of stage `internal`: a bug must cost
    /// that input, not a nightly run or a stream. [`Pipeline`](crate::Pipeline),
    /// `newsclean stream` and `clean` process every document so.
    pub fn process_guarded(
        &self,
        raw: &RawDocument,
        clock: &StageClock,
    ) -> Result<Record, ErrorRecord> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.process(raw, clock)))
            .unwrap_or_else(|panic| {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                Err(ErrorRecord {
                    index: raw.meta.index,
                    ..ErrorRecord::new(
                        raw.path.clone(),
                        "internal",
                        format!("internal error (please report): {message}"),
                    )
                })
            })
    }

    /// Limits for each HTML page (size, nodes, nesting, time).
    pub fn with_html_budget(mut self, budget: Budget) -> Processor {
        self.html = HtmlExtractor::new(budget);
        self
    }

    /// Decodes and processes one input document; metadata the input gave
    /// (a JSON record's title, date, URL, id, authors; a WARC record's
    /// URI and date) fills the record.
    ///
    /// Bad input is an `Err`, never a panic; a program calling this on
    /// untrusted input in a long-lived process may still prefer
    /// [`Processor::process_guarded`].
    pub fn process(&self, raw: &RawDocument, clock: &StageClock) -> Result<Record, ErrorRecord> {
        let (decoded, page) = decode(raw, clock)?;
        let mut source = source_of(raw);
        // What the reader decoded a record from (UTF-16, Windows-1252
        // JSON), if it did, is the input's encoding.
        source.encoding = Some(
            raw.meta
                .encoding
                .clone()
                .unwrap_or_else(|| decoded.encoding.to_string()),
        );
        source.replaced = decoded.replaced + raw.meta.replaced;
        let mut record = if page {
            self.process_html(source, &decoded.text, clock)
                .map_err(|e| ErrorRecord {
                    index: raw.meta.index,
                    ..e
                })?
        } else {
            self.process_text(source, &decoded.text, clock)
                .map_err(|e| ErrorRecord {
                    index: raw.meta.index,
                    ..e
                })?
        };
        apply_meta(&mut record, &raw.meta);
        Ok(record)
    }

    /// Processes a decoded HTML page: the main-content blocks go through
    /// the same cleanup and extraction as text (one block a line, headline
    /// first), and the page's metadata fills what markup says better.
    pub fn process_html(
        &self,
        source: Source,
        html: &str,
        clock: &StageClock,
    ) -> Result<Record, ErrorRecord> {
        let page = clock
            .time(HTML, || self.html.extract(html))
            .map_err(|e| ErrorRecord::new(source.path.clone(), "html", e.to_string()))?;
        // A page with neither a headline nor a line of text (an empty
        // document, one commented out whole) is no article, as an empty
        // text file is none.
        if page.title.is_none() && page.blocks.is_empty() {
            return Err(ErrorRecord::new(
                source.path.clone(),
                "html",
                "no article text in the page",
            ));
        }
        let (text, lists) = page_text(&page);
        let mut record = self.process_cleaned(source, &text, clock, Some(&lists))?;
        if let Some(title) = page.title {
            // The headline line was not taken as one (too long, say): it is
            // not body text either.
            if record.title.as_deref() != Some(title.as_str()) {
                if record.paragraphs.first() == Some(&title) {
                    record.paragraphs.remove(0);
                }
                record.subheadings.retain(|s| *s != title);
            }
            record.title = Some(title);
        }
        promote_headings(&mut record, &page.blocks);
        if let Some(date) = page.published.as_deref().and_then(published) {
            record.published = Some(date);
        }
        if !page.authors.is_empty() {
            record.credits.reporters = page.authors;
        }
        // A web page's byline for a wire story without a named reporter is
        // the wire (sites fill their author field so: `dpa`, `AP`).
        // (A known one: `(Leipzig) -` is no wire's dateline.)
        if record.credits.reporters.is_empty()
            && let Some(agency) = &record.agency
            && self.extractor.agency_in(agency).is_some()
        {
            record.credits.reporters.push(agency.clone());
        }
        if page.language.is_some() {
            record.language = page.language;
        }
        Ok(record)
    }

    /// Processes already decoded text. The record's `source` is what the
    /// caller gives (no size or encoding); for input with its own title,
    /// date or authors, build a [`RawDocument`] and call
    /// [`Processor::process`] instead. `Err` is the error record of a text
    /// over the line budget ([`Processor::with_max_lines`]).
    pub fn process_text(
        &self,
        source: Source,
        text: &str,
        clock: &StageClock,
    ) -> Result<Record, ErrorRecord> {
        self.process_cleaned(source, text, clock, None)
    }

    /// `text` (repaired: its line breaks are the ones cleanup sees) has no
    /// more lines than [`Processor::with_max_lines`] allows.
    fn check_lines(&self, path: &str, text: &str) -> Result<(), ErrorRecord> {
        // Every line takes a byte: most documents need no count.
        if text.len() <= self.max_lines {
            return Ok(());
        }
        let lines = line_count(text);
        if lines > self.max_lines {
            return Err(ErrorRecord::new(
                path.to_string(),
                "clean",
                format!("too many lines: {lines} (at most {})", self.max_lines),
            ));
        }
        Ok(())
    }

    /// Processes text; `selected` when a page extractor chose its lines,
    /// with the ranges of lines the page set as lists.
    fn process_cleaned(
        &self,
        source: Source,
        text: &str,
        clock: &StageClock,
        selected: Option<&[Range<usize>]>,
    ) -> Result<Record, ErrorRecord> {
        let (text, repairs) = clock.time(REPAIR, || self.repairer.repair(text));
        self.check_lines(&source.path, &text)?;
        let context = Context {
            selected: selected.is_some(),
            lists: selected.unwrap_or_default(),
            group: self.folder_groups.then(|| group_of(&source.path)),
        };
        let cleaned = clock.time(CLEAN, || self.cleaner.clean_in(&text, &context));
        let start = Instant::now();
        let mut record = Record::new(source);
        record.repairs = repairs
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(kind, n)| (kind.to_string(), n))
            .collect();
        if cleaned.drop_caps > 0 {
            record
                .repairs
                .insert("drop_caps".to_string(), cleaned.drop_caps);
        }
        let article = self.extractor.extract(
            &cleaned
                .kept
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>(),
        );
        record.language = cleaned.language.map(str::to_string);
        record.published = article
            .dateline
            .as_ref()
            .and_then(|d| self.extractor.dateline_date(d));
        let year = record
            .published
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        let facts = self
            .extractor
            .facts(&article, record.language.as_deref(), year);
        record.quality = Some(self.extractor.quality(
            &article,
            QualityInput {
                removed_lines: cleaned.removed.len(),
                total_lines: cleaned.kept.len() + cleaned.removed.len(),
                repaired: record.repairs.values().sum(),
                chars: text.chars().count() as u64,
            },
        ));
        record.quotes = facts.quotes;
        record.entities = facts.entities;
        record.dates = facts.dates;
        // A first line that is the page's title (`Headline | Site`) gives
        // way to the headline the page shows on its own further down.
        record.title = article.title.map(|title| {
            cleaned
                .removed
                .iter()
                .filter(|r| r.rule == reason::REPEATED_TITLE)
                .map(|r| r.text.trim())
                .find(|shown| {
                    // The rest is a site's name (a few words after a bar or
                    // a dash, not a kicker before a colon); the headline
                    // is the longer part and lists no sections.
                    let rest = title
                        .strip_prefix(shown)
                        .or_else(|| title.strip_suffix(shown))
                        .unwrap_or("")
                        .trim();
                    let words = |s: &str| s.split_whitespace().count();
                    // (The site's part counts its words, not its
                    // separators: `| India News - The Indian Express`.)
                    let site_words = rest
                        .split_whitespace()
                        .filter(|w| w.chars().any(char::is_alphanumeric))
                        .count();
                    // (`::` separates; a single colon follows a kicker.)
                    let colon = |s: &str| s.len() - s.trim_start_matches(':').len() == 1;
                    !rest.is_empty()
                        && !colon(rest)
                        && !rest.ends_with(':')
                        && site_words <= 5
                        && words(shown) >= 4
                        && shown.len() * 2 > title.len()
                        && !shown.contains('|')
                })
                .map(str::to_string)
                .unwrap_or(title)
        });
        record.dateline = article.dateline;
        record.agency = article.agency;
        record.subheadings = article.subheadings;
        record.paragraphs = article.paragraphs;
        let signature = self.signature(&cleaned);
        let signoff = self.signoff_agency(&cleaned);
        // The outlet a byline names (`Jane Doe, BBC correspondent`), for
        // when no rule and no dateline names the agency.
        let mut outlet = None;
        for removed in cleaned.removed {
            match removed.role {
                Role::Credit => {
                    let mut credits = self.extractor.credits(&removed.text);
                    // The name line of a byline split after its label.
                    if credits.reporters.is_empty()
                        && credits.editors.is_empty()
                        && let Some(name) = self.extractor.signature(&removed.text)
                    {
                        credits.reporters.push(name);
                    }
                    merge(&mut record.credits.reporters, credits.reporters);
                    merge(&mut record.credits.editors, credits.editors);
                    if outlet.is_none() {
                        // An outlet after a byline's names, or a source
                        // line's wire (`Źródło: PAP`).
                        outlet = self.extractor.credit_outlet(&removed.text).or_else(|| {
                            removed
                                .rest
                                .as_deref()
                                .and_then(|rest| self.extractor.agency_in(rest))
                        });
                    }
                }
                Role::Related => record.related.extend(removed.rest.clone()),
                _ => {}
            }
            if record.agency.is_none() {
                record.agency = removed.agency;
            }
            record
                .removed
                .push(Removal::new(removed.text, removed.rule));
        }
        if record.agency.is_none() {
            record.agency = outlet.or(signoff);
        }
        // Chinese, Korean and Japanese wire leads name their reporters
        // (`新华社北京3月4日电（记者张伟、李娜）`).
        if record.credits.reporters.is_empty()
            && let Some(dateline) = &record.dateline
        {
            record.credits.reporters = self.extractor.dateline_reporters(dateline);
        }
        if record.credits.reporters.is_empty()
            && let Some((text, name, kept)) = signature
        {
            record.credits.reporters.push(name);
            if kept {
                // Kept, it ended the body as a paragraph or a subheading.
                if record.paragraphs.last() == Some(&text) {
                    record.paragraphs.pop();
                }
                if record.subheadings.last() == Some(&text) {
                    record.subheadings.pop();
                }
                record.removed.push(Removal::new(text, SIGNATURE));
            } else if let Some(r) = record.removed.iter_mut().rev().find(|r| r.text == text) {
                r.rule = SIGNATURE.to_string();
            }
        }
        clock.add(EXTRACT, start);
        Ok(record)
    }

    /// The wire agency that signs the story off on a line of its own right
    /// under the text (`MTI`, `(ANP)`, `- Sapa`), where the classifier took
    /// the line for a short one.
    fn signoff_agency(&self, cleaned: &Cleaned) -> Option<String> {
        let last = cleaned.kept.last()?.number;
        cleaned
            .removed
            .iter()
            .filter(|r| r.number > last)
            .take(2)
            // (`(dpa)` alone is a sign-off, though a caption's rule took it
            // for a picture's credit.)
            .filter(|r| {
                let text = r.text.trim();
                r.rule.starts_with("class.")
                    || r.rule.starts_with("caption.")
                        && text.starts_with('(')
                        && text.ends_with(')')
            })
            .find_map(|r| {
                let name = r.text.trim_matches(|c: char| {
                    c.is_whitespace()
                        || matches!(c, '(' | ')' | '[' | ']' | '/' | '-' | '–' | '—' | '·' | '*')
                });
                // (A bare `AP` under a caption is the picture's credit:
                // two letters sign off only in brackets or after a dash.)
                let marked = name.len() < r.text.trim().len();
                (name.split_whitespace().count() <= 3 && (marked || name.chars().count() > 2))
                    .then(|| self.extractor.agency_in(name))
                    .flatten()
            })
    }

    /// The document's last line when it is a lone name under the article
    /// (its author's signature): the line, the name, and whether it was
    /// kept. A line a rule removed (a comment form's last field) is not one.
    fn signature(&self, cleaned: &Cleaned) -> Option<(String, String, bool)> {
        let kept = cleaned.kept.last();
        let removed = cleaned.removed.last();
        let (text, was_kept) = match (kept, removed) {
            (Some(k), Some(r)) if r.number > k.number => (&r.text, false),
            (Some(k), _) => (&k.text, true),
            _ => return None,
        };
        if !was_kept && !removed.is_some_and(|r| r.rule.starts_with("class.")) {
            return None;
        }
        // Under an article: prose comes before it.
        let prose = cleaned.kept.iter().any(|l| {
            l.text
                .split_whitespace()
                .nth(SIGNATURE_PROSE_WORDS)
                .is_some()
        });
        if !prose {
            return None;
        }
        let name = self.extractor.signature(text)?;
        // A name the article speaks of (a caption's, a tag's) is not its
        // author's.
        let surname = name.rsplit(' ').next().unwrap_or(&name);
        let mentioned = cleaned
            .kept
            .iter()
            .any(|l| l.text != *text && l.text.contains(surname));
        (!mentioned).then(|| (text.clone(), name, was_kept))
    }
}

/// Rule id of a signature moved to the credits.
const SIGNATURE: &str = "credit.signature";
/// Words a kept line must exceed for a signature to stand under an article.
const SIGNATURE_PROSE_WORDS: usize = 30;

/// What happened to one input line, for `newsclean explain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineVerdict {
    /// 1-based line number in the input.
    pub line: usize,
    /// `title`, `subheading`, `paragraph`, `credit`, `related` or `removed`.
    pub verdict: &'static str,
    /// Rule id or classifier feature that decided a removal.
    pub rule: Option<String>,
    /// The line, trimmed.
    pub text: String,
}

impl Processor {
    /// Every non-empty line of `text` with its verdict and the rule or
    /// feature that decided it, in input order.
    pub fn explain(&self, text: &str) -> Vec<LineVerdict> {
        self.explain_lines(text, None, &[])
    }

    /// Like [`Processor::explain`] for one document as the reader gives it
    /// (a file, a JSON record, a WARC record, a member of an archive):
    /// decoded, and read as text or as a page, as [`Processor::process`]
    /// reads it.
    pub fn explain_document(&self, raw: &RawDocument) -> Result<Vec<LineVerdict>, ErrorRecord> {
        let (decoded, page) = decode(raw, &StageClock::default())?;
        if page {
            self.explain_html(&decoded.text).map_err(|e| ErrorRecord {
                index: raw.meta.index,
                ..ErrorRecord::new(raw.path.clone(), "html", e.to_string())
            })
        } else {
            let (text, _) = self.repairer.repair(&decoded.text);
            self.check_lines(&raw.path, &text)
                .map_err(|e| ErrorRecord {
                    index: raw.meta.index,
                    ..e
                })?;
            Ok(self.explain(&decoded.text))
        }
    }

    /// Like [`Processor::explain`] for an HTML page: the lines are the
    /// page's headline and the blocks its main-content extraction chose
    /// (one a line, in order), judged as `run` judges them.
    pub fn explain_html(&self, html: &str) -> Result<Vec<LineVerdict>, HtmlError> {
        let page = self.html.extract(html)?;
        let marked = marked_headings(&page.blocks);
        let (text, lists) = page_text(&page);
        Ok(self.explain_lines(&text, Some(&lists), &marked))
    }

    /// `marked`: section headings the page marks up, which are subheadings
    /// wherever they are kept but first (as `run` has them).
    fn explain_lines(
        &self,
        text: &str,
        selected: Option<&[Range<usize>]>,
        marked: &[&str],
    ) -> Vec<LineVerdict> {
        let (text, _) = self.repairer.repair(text);
        let cleaned = match selected {
            Some(lists) => self.cleaner.clean_selected_lists(&text, lists),
            None => self.cleaner.clean(&text),
        };
        let kept: Vec<&str> = cleaned.kept.iter().map(|l| l.text.as_str()).collect();
        let article = self.extractor.extract(&kept);
        let mut out: Vec<LineVerdict> = Vec::new();
        // The first body line, which a marked heading may open as a kicker.
        let first_body = usize::from(article.title.is_some());
        for (i, line) in cleaned.kept.iter().enumerate() {
            let verdict = if i == 0 && article.title.is_some() {
                "title"
            } else if article.subheadings.contains(&line.text)
                || (i != first_body && marked.contains(&line.text.as_str()))
            {
                "subheading"
            } else {
                "paragraph"
            };
            out.push(LineVerdict {
                line: line.number + 1,
                verdict,
                rule: None,
                text: line.text.clone(),
            });
        }
        for removed in cleaned.removed {
            let verdict = match removed.role {
                Role::Credit => "credit",
                Role::Related if removed.rest.is_some() => "related",
                _ => "removed",
            };
            out.push(LineVerdict {
                line: removed.number + 1,
                verdict,
                rule: Some(removed.rule),
                text: removed.text,
            });
        }
        out.sort_by_key(|v| v.line);
        out
    }
}

/// A document's text, and whether it is a page: the reader's format hint,
/// else the page's first bytes (a `.txt` that is really a saved page).
fn decode(raw: &RawDocument, clock: &StageClock) -> Result<(Decoded, bool), ErrorRecord> {
    let decoded = clock
        .time(DECODE, || raw.decode())
        .map_err(|e| ErrorRecord {
            index: raw.meta.index,
            ..ErrorRecord::new(raw.path.clone(), "decode", e.to_string())
        })?;
    let page = raw.format == Format::Html || looks_like_html(&raw.bytes);
    Ok((decoded, page))
}

/// Lines of repaired text as cleanup keeps them: not blank (blank ones
/// only separate paragraphs, as between a page's blocks).
fn line_count(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

/// The record's source: path, size and what the input says it is.
fn source_of(raw: &RawDocument) -> Source {
    let mut source = Source::new(raw.path.clone());
    source.bytes = raw.bytes.len() as u64;
    source.member = raw.meta.member.clone();
    source.id = raw.meta.id.clone();
    source.url = raw.meta.url.clone();
    source.fetched = raw.meta.fetched.clone();
    source
}

/// Metadata from the input wins over what extraction guessed from the text.
fn apply_meta(record: &mut Record, meta: &Meta) {
    if meta.title.is_some() {
        record.title = meta.title.clone();
    }
    // Only a date: an input's `"published": "soon"` is no date to pass on.
    if let Some(date) = meta.published.as_deref().and_then(published) {
        record.published = Some(date);
    }
    if !meta.authors.is_empty() {
        let found = std::mem::take(&mut record.credits.reporters);
        record.credits.reporters = meta.authors.clone();
        merge(&mut record.credits.reporters, found);
    }
}

/// An input's publication date as ISO 8601: kept as given when it is
/// already (`2024-05-03`, `2024-05-03T10:00:00+02:00`, any year), else
/// read as pages write dates (`Fri, 03 May 2024 10:00:00 GMT`).
fn published(given: &str) -> Option<String> {
    let given = given.trim();
    if is_iso_8601(given) {
        return Some(given.to_string());
    }
    // Its date and time without a zone that is no zone (`+14:01`), or its
    // date alone when the time beside it is no time.
    newsclean_html::normalize_date(given).map(|date| {
        if is_iso_8601(&date) {
            return date;
        }
        let zoneless = date
            .get(10..)
            .and_then(|time| time.rfind(['+', '-']))
            .map(|k| &date[..10 + k]);
        match zoneless {
            Some(time) if is_iso_8601(time) => time.to_string(),
            _ => date.get(..10).unwrap_or(&date).to_string(),
        }
    })
}

/// `YYYY-MM-DD`, then perhaps `THH:MM[:SS[.fraction]]` and a zone (`Z`,
/// `+HH:MM`, `+HHMM`, `+HH`), with a real month, day, hour and minute.
fn is_iso_8601(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |at: usize, len: usize| -> Option<u32> {
        let digits = b.get(at..at + len)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let date = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!((num(0, 4), num(5, 2), num(8, 2)), (Some(y), Some(m), Some(d))
            if newsclean_model::is_calendar_date(y.into(), m, d));
    if !date {
        return false;
    }
    let Some(time) = s.get(10..) else {
        return false;
    };
    if time.is_empty() {
        return true;
    }
    let t = time.as_bytes();
    let clock = matches!(t.first(), Some(b'T' | b't' | b' '))
        && num(11, 2).is_some_and(|h| h <= 24)
        && t.get(3) == Some(&b':')
        && num(14, 2).is_some_and(|m| m <= 59);
    if !clock {
        return false;
    }
    let mut rest = &time[6..];
    if let Some(sec) = rest.strip_prefix(':') {
        let digits = sec.bytes().take_while(u8::is_ascii_digit).count();
        if digits != 2 {
            return false;
        }
        rest = &sec[2..];
        if let Some(fraction) = rest.strip_prefix(['.', ',']) {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return false;
            }
            rest = &fraction[digits..];
        }
    }
    match rest.as_bytes() {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', zone @ ..] => {
            // Offsets run from -12:00 to +14:00.
            let zone: Vec<u8> = zone.iter().copied().filter(|&c| c != b':').collect();
            let part = |k: usize| {
                zone.get(k..k + 2)
                    .filter(|d| d.iter().all(u8::is_ascii_digit))
                    .map(|d| (d[0] - b'0') * 10 + (d[1] - b'0'))
            };
            let minutes = if zone.len() == 4 { part(2) } else { Some(0) };
            matches!(zone.len(), 2 | 4)
                && matches!((part(0), minutes), (Some(h), Some(m)) if m <= 59 && (h < 14 || h == 14 && m == 0))
        }
        _ => false,
    }
}

fn merge(into: &mut Vec<String>, names: Vec<String>) {
    for name in names {
        if !into.contains(&name) {
            into.push(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn processor() -> Processor {
        Processor::new(&RuleSet::builtin()).unwrap()
    }

    #[test]
    fn a_wire_signing_off_on_a_line_of_its_own_is_the_agency() {
        let body = "The government raised the minimum wage by five percent on Thursday, the ministry said in a statement.\n\n\
                    Unions said the rise was too small and called for talks with employers before the summer.";
        for (tail, agency) in [
            ("(ANP)", Some("ANP")),
            ("- Sapa", Some("Sapa")),
            ("MTI", Some("MTI")),
            ("(dpa)", Some("dpa")),
            ("/ritzau/", Some("Ritzau")),
            ("Jane Doe", None),
            // A picture's credit, not a sign-off.
            ("AP", None),
        ] {
            let text = format!("Title here\n\n{body}\n\n{tail}");
            let r = processor()
                .process_text(Source::new("x.txt"), &text, &StageClock::default())
                .unwrap();
            assert_eq!(r.agency.as_deref(), agency, "{tail}");
            // Text is no web page: the agency signs, it reports nothing.
            assert!(
                !r.credits
                    .reporters
                    .iter()
                    .any(|n| Some(n.as_str()) == agency)
            );
        }
    }

    #[test]
    fn a_wire_story_on_a_web_page_is_bylined_with_its_wire() {
        let page = |lead: &str| {
            format!(
                "<html><head><title>Students block lecture</title></head><body><article><h1>Students block lecture</h1>\
<p>{lead} Students blocked the lecture of the party's founder for the second week, the university said on Tuesday.</p>\
<p>The university condemned the protest and said it would guarantee that lectures can take place.</p></article></body></html>"
            )
        };
        for (lead, reporters) in [("Hamburg (dpa) –", vec!["dpa"]), ("(Leipzig) –", vec![])] {
            let r = processor()
                .process_html(Source::new("x.html"), &page(lead), &StageClock::default())
                .unwrap();
            assert_eq!(r.credits.reporters, reporters, "{lead}");
        }
    }

    #[test]
    fn credits_related_and_agency_come_from_removals() {
        let text = "Title here\n\nBody paragraph one, long enough to be a real paragraph of text.\n\n\
                    See also  Some other story\n\n(Reporting by Jane Doe; Editing by Ann Lee)\n\n\
                    Our standards: The Thomson Reuters Trust Principles.";
        let r = processor()
            .process_text(Source::new("x.txt"), text, &StageClock::default())
            .unwrap();
        assert_eq!(r.title.as_deref(), Some("Title here"));
        assert_eq!(r.paragraphs.len(), 1);
        assert_eq!(r.related, ["Some other story"]);
        assert_eq!(r.credits.reporters, ["Jane Doe"]);
        assert_eq!(r.credits.editors, ["Ann Lee"]);
        assert_eq!(r.agency.as_deref(), Some("Reuters"));
        assert_eq!(r.removed.len(), 3);
    }

    #[test]
    fn a_labelled_source_line_names_the_agency() {
        let body = "Sejm przyjął w piątek ustawę o nowej bibliotece, która ma zostać otwarta wiosną przyszłego roku w centrum miasta.";
        for (line, agency) in [
            ("Źródło: PAP", Some("PAP")),
            ("Sursa: Agerpres", Some("Agerpres")),
            ("Fuente: Agencia EFE", Some("EFE")),
            ("Con información de EFE y Reuters.", Some("EFE")),
            ("(With inputs from PTI)", Some("PTI")),
            ("Źródło: własne", None),
        ] {
            let r = processor()
                .process_text(
                    Source::new("x.txt"),
                    &format!("Tytuł\n\n{body}\n\n{body}\n\n{line}"),
                    &StageClock::default(),
                )
                .unwrap();
            assert_eq!(r.agency.as_deref(), agency, "{line}");
            assert!(r.credits.reporters.is_empty(), "{line}: {:?}", r.credits);
        }
    }

    #[test]
    fn a_lone_name_under_the_article_is_its_signature() {
        let body = "Die Sammlung erzählt von der Geschichte eines Landes, in dem alle \
                    Menschen gleich sein sollen, und von dem Widerstand, den die Bevölkerung \
                    bis heute gegen die Ungerechtigkeit leistet. Eine bemerkenswerte Sammlung, \
                    die lange nachwirkt und viele Leser findet.";
        let process = |text: &str| {
            processor()
                .process_text(Source::new("x.txt"), text, &StageClock::default())
                .unwrap()
        };
        let r = process(&format!("Buch der Woche\n\n{body}\n\nMarina Mucha"));
        assert_eq!(r.credits.reporters, ["Marina Mucha"]);
        assert!(r.paragraphs.iter().all(|p| p != "Marina Mucha"));
        assert!(
            r.removed
                .iter()
                .any(|x| x.text == "Marina Mucha" && x.rule == "credit.signature")
        );
        // The name of someone the article speaks of (a caption's, a tag's)
        // is not a signature.
        let r = process(&format!(
            "Buch der Woche\n\n{body} Das sagt Marina Mucha.\n\nMarina Mucha"
        ));
        assert!(r.credits.reporters.is_empty());
    }

    #[test]
    fn a_list_beside_the_article_stays_a_list_of_links_goes() {
        let para = "<p>The council said on Tuesday that it would not change the plans for the \
            new library, which has been under construction for two years and should open soon.</p>";
        let html = format!(
            "<html><body><article><h1>Almond biscuits for the library's opening</h1>\
            <p>Ingredients:<br>300 g flour<br>100 g almonds<br>200 g sugar</p>{para}{para}\
            <h2>Most read</h2><ul><li>Preheat oven</li><li>Bake briefly</li></ul>\
            <ul><li><a href=\"/a\">Another story</a></li><li><a href=\"/b\">More news</a></li></ul>\
            </article></body></html>"
        );
        let r = processor()
            .process_html(Source::new("x.html"), &html, &StageClock::default())
            .unwrap();
        for item in ["Ingredients:", "300 g flour", "200 g sugar"] {
            assert!(
                r.paragraphs.iter().any(|p| p == item),
                "{item}: {:?}",
                r.paragraphs
            );
        }
        // A list under another box's heading is that box's; links are none.
        for item in ["Bake briefly", "More news"] {
            assert!(
                !r.paragraphs.iter().any(|p| p == item),
                "{item}: {:?}",
                r.paragraphs
            );
        }
        let explained = processor().explain_html(&html).unwrap();
        let flour = explained.iter().find(|l| l.text == "300 g flour");
        assert_eq!(flour.map(|l| l.verdict), Some("paragraph"));
    }

    #[test]
    fn an_inputs_date_is_kept_only_as_a_date() {
        for (given, want) in [
            ("2024-05-03", Some("2024-05-03")),
            (
                "2024-05-03T10:00:00+02:00",
                Some("2024-05-03T10:00:00+02:00"),
            ),
            ("2024-05-03T10:00:00.123Z", Some("2024-05-03T10:00:00.123Z")),
            ("1985-11-20 08:30", Some("1985-11-20 08:30")),
            ("Fri, 03 May 2024 10:00:00 GMT", Some("2024-05-03")),
            ("2024-13-45", None),
            ("2024-02-30", None),
            ("2023-02-29T10:00:00Z", None),
            ("2024-02-29", Some("2024-02-29")),
            ("2024-01-01T00:00:00+99:99", Some("2024-01-01T00:00:00")),
            ("2024-01-01T00:00:00+14:01", Some("2024-01-01T00:00:00")),
            ("2024-01-01T00:00:00-1430", Some("2024-01-01T00:00:00")),
            ("2024-01-01T00:00:00+15", Some("2024-01-01T00:00:00")),
            (
                "2024-01-01T00:00:00+05:45",
                Some("2024-01-01T00:00:00+05:45"),
            ),
            ("2024-01-01T00:00:00+ 1:00", Some("2024-01-01T00:00:00")),
            (
                "2024-01-01T00:00:00+14:00",
                Some("2024-01-01T00:00:00+14:00"),
            ),
            ("notadate <script>", None),
            ("2024-05-03T25:99", Some("2024-05-03")),
            ("2024-05-03Tnoon", Some("2024-05-03")),
        ] {
            assert_eq!(published(given).as_deref(), want, "{given}");
        }
    }

    #[test]
    fn a_page_without_text_is_no_article() {
        for html in [
            "<html><body></body></html>",
            "<!--<html><body><p>Hidden.</p></body></html>",
        ] {
            let err = processor()
                .process_html(Source::new("x.html"), html, &StageClock::default())
                .unwrap_err();
            assert_eq!(
                (err.stage.as_str(), err.reason.as_str()),
                ("html", "no article text in the page")
            );
        }
    }

    #[test]
    fn marked_up_section_headings_are_subheadings() {
        let html = "<html><body><article><h1>地震で停電が続く</h1>\
            <p>気象庁は13日、日向灘で震度5弱の地震があったと発表した。震源の深さは約30キロで、津波の心配はないという。</p>\
            <h2>アンテナ改善で解消</h2>\
            <p>能登半島地震を受け、警視庁管内の11の有人島で警察無線の環境調査を実施した。その結果、母島で不感地帯が確認された。</p>\
            <h2>A standfirst set as a heading ends like a sentence.</h2>\
            <p>停電が長引けば発電に必要な燃料が不足するため、技官らが徒歩で山を上り、燃料補給を支えた。</p>\
            <h3>comwrap and its partners at the fair</h3>\
            <p>発電所の復旧には数週間かかる見通しで、県は住民に節電を呼びかけている。停電の影響を受けた世帯は、一時約三万戸に上った。</p>\
            <h2>Related Stories</h2><p>停電の記録</p>\
            </article></body></html>";
        let r = processor()
            .process_html(Source::new("x.html"), html, &StageClock::default())
            .unwrap();
        // A heading the cleanup removed (`Related Stories`) is none.
        assert_eq!(r.subheadings, ["アンテナ改善で解消"]);
        // `explain` says the same.
        let lines = processor().explain_html(html).unwrap();
        let heading = lines.iter().find(|l| l.text == "アンテナ改善で解消");
        assert_eq!(heading.map(|l| l.verdict), Some("subheading"));
        assert!(!r.paragraphs.iter().any(|p| p == "アンテナ改善で解消"));
        assert!(
            r.paragraphs.iter().any(|p| p.starts_with("A standfirst")),
            "{:?}",
            r.paragraphs
        );
        // Nor does a heading tag around words in lower case make a title.
        assert!(
            r.paragraphs.iter().any(|p| p.starts_with("comwrap")),
            "{:?}",
            r.paragraphs
        );
    }

    #[test]
    fn explain_gives_every_line_a_verdict() {
        let text = "Title here\n\nBody paragraph one, long enough to be a real paragraph of text.\n\n\
                    See also  Some other story\n\n(Reporting by Jane Doe)\n\nShare this:";
        let v = processor().explain(text);
        let got: Vec<(usize, &str, Option<&str>)> = v
            .iter()
            .map(|l| (l.line, l.verdict, l.rule.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (1, "title", None),
                (3, "paragraph", None),
                (5, "related", Some("related.see-also")),
                (7, "credit", Some("credit.reporting-by")),
                (9, "removed", Some("share.widget")),
            ]
        );
    }

    #[test]
    fn a_byline_split_after_its_label_names_the_reporter() {
        let raw = RawDocument::new(
            "a.txt",
            "a.txt",
            "Library plans stay\n\nVon\nDenis Dilba\n\nDer Stadtrat hat am Dienstag beschlossen, die Pläne für die neue Bibliothek nicht zu ändern, die seit zwei Jahren gebaut wird.\n\nDie Bauarbeiter wollen die Lesesäle im Frühjahr fertigstellen, sagte der Bürgermeister am Abend."
                .as_bytes()
                .to_vec(),
        );
        let r = processor().process(&raw, &StageClock::default()).unwrap();
        assert_eq!(r.credits.reporters, ["Denis Dilba"]);
        assert_eq!(r.paragraphs.len(), 2, "{:?}", r.paragraphs);
    }

    #[test]
    fn a_page_title_gives_way_to_the_headline_the_page_shows_alone() {
        let body = "The federal government will extend drought assistance to another 30 regions, \
                    the agriculture minister said on Tuesday.\n\nThe minister said the extension \
                    would cost about $150 million over two years.";
        let title = |first: &str, shown: &str| {
            let text = format!("{first}\n\nHome\n\nNews\n\n{shown}\n\n{body}");
            let raw = RawDocument::new("a.txt", "a.txt", text.into_bytes());
            processor()
                .process(&raw, &StageClock::default())
                .unwrap()
                .title
        };
        let headline = "Drought aid extended to more farmers";
        for first in [
            format!("{headline} | The Daily Courier"),
            format!("EGE POSTASI | {headline}"),
            // (Separators are no words; `::` is one.)
            format!("{headline} | India News - The Indian Express"),
            format!("{headline} :: WRAL.com"),
        ] {
            assert_eq!(title(&first, headline).as_deref(), Some(headline));
        }
        // A kicker before a colon is part of the headline; a site's name
        // is not its headline.
        let kicked = format!("Farming: {headline}");
        assert_eq!(title(&kicked, headline).as_deref(), Some(kicked.as_str()));
        let site = "Geschichte | Klänge des Verschweigens";
        assert_eq!(
            title(site, "Klänge des Verschweigens").as_deref(),
            Some(site)
        );
    }

    #[test]
    fn a_listing_of_names_and_dates_names_no_reporter() {
        let body = "The festival will bring twelve acts to the park over three nights, the \
                    organisers said on Tuesday.\n\nTickets go on sale on Friday.";
        let listing = "Taylor Morgan | June 4, 2024 - 7:30PM";
        let text = format!("Festival line-up announced\n\n{body}\n\n{listing}");
        let raw = RawDocument::new("a.txt", "a.txt", text.into_bytes());
        let r = processor().process(&raw, &StageClock::default()).unwrap();
        assert!(r.credits.reporters.is_empty(), "{:?}", r.credits);
    }

    #[test]
    fn decode_errors_become_error_records() {
        let raw = RawDocument::new("img.txt", "img.txt", b"GIF89a\x01\x00".to_vec());
        let err = processor()
            .process(&raw, &StageClock::default())
            .unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.stage.as_str()),
            ("img.txt", "decode")
        );
        assert!(err.reason.contains("GIF"), "{}", err.reason);
    }

    #[test]
    fn a_text_with_too_many_lines_is_an_error_record() {
        let processor = processor().with_max_lines(5);
        // Six lines, however they are ended (long enough lines that the
        // breaks are no binary noise).
        for breaks in [
            ["\n"; 5],
            ["\r"; 5],
            ["\u{C}", "\u{2028}", "\r\n", "\u{85}", "\n"],
            ["&#10;"; 5],
        ] {
            let text: String = breaks
                .iter()
                .map(|b| format!("a line of some words{b}"))
                .chain(["the last line".to_string()])
                .collect();
            let raw = RawDocument::new("x.txt", "x.txt", text.as_bytes().to_vec());
            let err = processor.process(&raw, &StageClock::default()).unwrap_err();
            assert_eq!(err.stage, "clean", "{text:?}");
            assert!(err.reason.contains("too many lines: 6"), "{}", err.reason);
            assert!(processor.explain_document(&raw).is_err());
        }
        // Five lines, the last ended or not.
        for text in ["a\r\nb\r\nc\r\nd\r\ne", "a\nb\nc\nd\ne\n"] {
            let raw = RawDocument::new("x.txt", "x.txt", text.as_bytes().to_vec());
            assert!(
                processor.process(&raw, &StageClock::default()).is_ok(),
                "{text:?}"
            );
        }
        // A page's blocks are its lines.
        let page: String = (0..6)
            .map(|i| format!("<p>Paragraph number {i} of the story.</p>"))
            .collect();
        let page = format!("<html><body><article><h1>Title</h1>{page}</article></body></html>");
        let raw = RawDocument::new("x.html", "x.html", page.into_bytes());
        let err = processor.process(&raw, &StageClock::default()).unwrap_err();
        assert!(err.reason.contains("too many lines: 7 "), "{}", err.reason);
    }

    #[test]
    fn old_mac_line_ends_are_lines() {
        let text = "Council delays vote on library\rThe city council on Tuesday postponed a vote on the new central library after a long meeting.\rRelated: Library budget grows by a third";
        let raw = RawDocument::new("mac.txt", "mac.txt", text.as_bytes().to_vec());
        let r = processor().process(&raw, &StageClock::default()).unwrap();
        assert_eq!(r.title.as_deref(), Some("Council delays vote on library"));
        assert_eq!(r.paragraphs.len(), 1, "{:?}", r.paragraphs);
    }

    #[test]
    fn input_metadata_fills_the_record() {
        let mut raw = RawDocument::new(
            "feed.jsonl#3",
            "feed.jsonl",
            b"Given title\n\nBy Jo Bloggs\n\nThe council met on Tuesday to vote on the budget for next year."
                .to_vec(),
        );
        raw.meta = Meta {
            index: Some(3),
            title: Some("Given title".into()),
            published: Some("2023-05-11".into()),
            url: Some("https://x/1".into()),
            id: Some("a1".into()),
            authors: vec!["Ann Lee".into()],
            ..Meta::default()
        };
        let r = processor().process(&raw, &StageClock::default()).unwrap();
        assert_eq!(r.title.as_deref(), Some("Given title"));
        assert_eq!(r.published.as_deref(), Some("2023-05-11"));
        assert_eq!(r.source.url.as_deref(), Some("https://x/1"));
        assert_eq!(r.source.id.as_deref(), Some("a1"));
        assert_eq!(r.credits.reporters[0], "Ann Lee");
        raw.bytes = Vec::new();
        let err = processor()
            .process(&raw, &StageClock::default())
            .unwrap_err();
        assert_eq!((err.path.as_str(), err.index), ("feed.jsonl#3", Some(3)));
    }
}
