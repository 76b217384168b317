/*!
Archive templates: boilerplate learned from repetition.

Menus, footers, byline boxes and newsletter prompts that no rule names still
give themselves away: the same line turns up in most documents of one site or
folder. A [`TemplateLearner`] is fed every document of an archive with a
*group* key (the site, or the parent folder of the document's path), counts
in how many documents of its group each short line occurs, and writes the
lines that repeat as a rule pack ([`TemplateLearner::to_toml`]) that
[`crate::RuleSet::add_toml`] loads like any other.

# Lines and keys

Lines are trimmed and compared by a *key*: the [`crate::RuleKind::Exact`]
normalisation of the [`crate::Cleaner`] (lower case, inner whitespace
collapsed, trailing `:` `*` `.` `…` `!` dropped) with every run of ASCII
digits replaced by a single `0`. So `© 2023 Foo` and `© 2024 Foo` are one
template, and so are `3 comments` and `12 comments`. A line counts at most
once per document. Only lines of at most [`TemplateConfig::max_words`] words
that contain a letter are candidates: a bare number or a divider would, once
its digits are generalised, match far more than the line it came from.

# Threshold

A line is a template of its group when it occurs in at least
[`TemplateConfig::min_documents`] documents of the group **and** in at least
[`TemplateConfig::min_share`] of the group's documents. A group with fewer
documents than `min_documents` therefore learns nothing.

# The sentence guard

A wire story republished by several sites of an archive, or a statement that
every article about an event quotes, also repeats across documents, but it is
article text. Such lines look like sentences: a line of 8 words or more that
ends in sentence punctuation (`.` `!` `?` `…`, before any closing quote or
bracket) or contains a quotation mark (`“` `”` `"` `«` `»` `„`) is only a
template when it occurs in at least 90 % of the group's documents (or
`min_share`, if higher) **and** in at least twice `min_documents` documents.
A footer sentence ("Foo Media is a registered trademark of Foo Holdings in
the EU.") is on (nearly) every page and passes; a quote shared by six
articles out of ten does not. Lines of more than `max_words` words are never emitted.

# Emitted rules

[`RuleKind::Exact`](crate::RuleKind::Exact) rules normalise their patterns
but do not generalise digits, so the pack uses two kinds:

- a line whose digits are the same in every document it was counted in
  (most lines have none) becomes an `exact` rule whose pattern is the line
  itself: the Cleaner's normalisation of every spelling counted is then
  exactly the learner's key, and exact rules are a hash lookup however many
  there are;
- a line whose digits vary (`© 2023 Foo`, `© 2024 Foo`) becomes an anchored,
  case-insensitive `regex` rule: each word escaped with [`regex::escape`],
  every digit run replaced by `[0-9]+`, words joined by `\s+`, and
  `[\s:*.!…]*$` at the end for the trailing characters the key ignores. It
  matches the lines with the same key. `[0-9]` rather than `\d`: the key
  generalises ASCII digits only, and the Unicode `\d` compiles to a much
  larger automaton.

Regex rules are costly where exact rules are not: the Cleaner compiles all
regex rules into one regex set, matches every line against it, and refuses
to build when the set outgrows the regex crate's default size limit (10 MB).
Short template patterns fit by the two thousand on their own, but the
Unicode classes of the built-in packs take most of that budget: next to
them, only one to two hundred fit. Hence regexes only where the archive
shows digits varying; a pack with more should be loaded without the
built-in packs, or the Cleaner given a larger limit.

Every template is its own rule, `id = "template.<group-slug>.<n>"` (`n`
counts from 1 in the order of [`TemplateLearner::templates`]; if two groups
share a slug, both slugs get a hash of the group name), with role
`boilerplate` and a reason naming the group, the document count and the
share, so a single template can be audited and switched off with
[`crate::RuleSet::disable`]. Each rule names its group (`group = "…"`): a
document cleaned with its group ([`crate::Cleaner::clean_in`]) loses only
its own group's templates; one cleaned without a group loses every
template's line. A line that is a template of two groups or more (a menu
item of many sites, `Contact us`) gets one more rule, `template.all.<n>`,
with no group: boilerplate in every document.

# Memory and determinism

Each group keeps at most 200 000 distinct keys. When a document takes a
group over that cap, the rarest keys are evicted (every key seen in no more
documents than the median count goes, so the group drops to at most half the
cap). A key that comes back starts counting afresh, so eviction can make the
learner miss a template, never invent one; a template of a group that big
has been seen in thousands of documents and is far above the median. Memory
is thus bounded per group (a merge holds the sum of two groups until it
evicts); the number of groups is the caller's choice of key. A key is kept
as its 64-bit hash next to its smallest spelling (some 40 bytes a key
besides the spelling: 38 MB for the 100,000 articles of `scripts/bench`);
two keys of one group with the same hash would count as one, at odds below
one in a billion a run.

Below the cap, the result depends only on the multiset of (group, document)
pairs observed: not on the order of [`TemplateLearner::observe`] calls nor on
how learners are split and [merged](TemplateLearner::merge). The line shown
for a key is the smallest (in byte order) of its spellings. Output is sorted.

See [`TemplateLearner`] for an example.
*/

use std::collections::hash_map::Entry as MapEntry;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::{BuildHasher, Hasher};

use foldhash::fast::FixedState;

use crate::cleaner::normalize;

/// Groups a line must be a template of to be removed in every group
/// (`template.all.<n>`).
const WIDE_GROUPS: usize = 2;

/// Distinct keys a group keeps before the rarest are evicted.
const KEY_CAP: usize = 200_000;
/// Lines of at least this many words may be sentences (see the guard).
const GUARD_WORDS: usize = 8;
/// Share a sentence-like line needs.
const GUARD_SHARE: f64 = 0.9;
/// A sentence-like line needs this many times `min_documents` documents.
const GUARD_FACTOR: usize = 2;
/// Distinct documents a template must come from, at most: copies of one
/// article saved again and again (a re-crawl, a feed that repeats) share
/// all their lines, and are one document, not a site's template.
const DISTINCT: usize = 6;
/// Fixed, so that fingerprints are the same in every run.
const FINGERPRINT_SEED: u64 = 0x006e_6577_7363_6c6e;
/// Fixed, so that key hashes are the same in every learner.
const KEY_SEED: u64 = 0x6b65_795f_6861_7368;
/// Quotation marks that make a long line sentence-like.
const QUOTES: [char; 6] = ['“', '”', '"', '«', '»', '„'];
/// Punctuation that ends a sentence.
const SENTENCE_END: [char; 4] = ['.', '!', '?', '…'];
/// Characters that may follow the sentence end (closing quotes, brackets).
const CLOSERS: [char; 8] = ['"', '”', '»', '’', '\'', ')', ']', '“'];

/// When a repeated line counts as a template.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TemplateConfig {
    /// Documents of its group a line must occur in (default 3). Groups with
    /// fewer documents learn nothing.
    pub min_documents: usize,
    /// Share of its group's documents a line must occur in, 0 to 1
    /// (default 0.3).
    pub min_share: f64,
    /// Longer lines (in whitespace-separated words) are never templates
    /// (default 25).
    pub max_words: usize,
}

impl Default for TemplateConfig {
    fn default() -> TemplateConfig {
        TemplateConfig {
            min_documents: 3,
            min_share: 0.3,
            max_words: 25,
        }
    }
}

/// A learned template line.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// The group (site or folder key) it was learned from.
    pub group: String,
    /// The line, trimmed; the smallest of its spellings (case, spacing and
    /// digits may differ between documents).
    pub line: String,
    /// Documents of the group the line occurs in.
    pub documents: usize,
    /// `documents` divided by the group's document count.
    pub share: f64,
}

/// Learns template lines from a stream of documents: lines that repeat across
/// the documents of one group (site or folder) are boilerplate even if no rule
/// names them.
///
/// - **Key**: lines are trimmed, lower-cased, whitespace collapsed, trailing
///   `:*.!…` dropped and ASCII digit runs replaced by `0`; a line counts once
///   per document. Candidates have at most `max_words` words and a letter.
/// - **Threshold**: a template occurs in at least `min_documents` documents of
///   its group and in at least `min_share` of them; smaller groups learn nothing.
/// - **Sentence guard**: a line of 8 words or more that ends in `.` `!` `?` `…`
///   or contains `“ ” " « » „` (a quote or a republished wire sentence, not a
///   menu) needs a share of 0.9 and twice `min_documents` documents.
/// - **Rules** ([`to_toml`](Self::to_toml)): `exact` where the line's digits
///   never varied, an anchored `regex` with `[0-9]+` for each digit run where
///   they did; one rule per template, id `template.<group-slug>.<n>`, role
///   `boilerplate`.
/// - **Memory**: at most 200 000 keys per group; beyond, the rarest are evicted
///   (which can only lose templates, never invent them).
/// - **Determinism**: below that cap the result does not depend on the order
///   of [`observe`](Self::observe) calls or [`merge`](Self::merge)s; output is
///   sorted.
///
/// # Example
///
/// ```
/// use newsclean_cleanup::{Cleaner, RuleSet, TemplateConfig, TemplateLearner};
///
/// let stories = ["Flood warning", "Budget passes", "New bridge", "Rail strike", "Schools reopen"];
/// let mut learner = TemplateLearner::new(TemplateConfig::default());
/// for (i, title) in stories.iter().enumerate() {
///     let doc = format!("{title}\n\nHome | World | Sport\n\nThe story of {title}.\n\n© 202{i} Foo Media");
///     learner.observe("foo.example", &doc);
/// }
/// let lines: Vec<String> = learner.templates().into_iter().map(|t| t.line).collect();
/// assert_eq!(lines, ["Home | World | Sport", "© 2020 Foo Media"]);
///
/// let mut rules = RuleSet::empty();
/// rules.add_toml("templates", &learner.to_toml())?;
/// let cleaned = Cleaner::new(&rules)?.clean("News\n\nHOME | World | Sport\n\nText.\n\n© 2031 Foo Media");
/// let kept: Vec<&str> = cleaned.kept.iter().map(|l| l.text.as_str()).collect();
/// assert_eq!(kept, ["News", "Text."]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct TemplateLearner {
    config: TemplateConfig,
    /// Distinct keys a group keeps (the tests lower it).
    key_cap: usize,
    groups: BTreeMap<String, Group>,
}

#[derive(Clone, Debug, Default)]
struct Group {
    documents: usize,
    /// By the 64-bit hash of the key ([`key_hash`]): the key itself is
    /// not kept, it is the key of `line`. Most keys of an archive occur in
    /// one document only, so their size is the learner's size: this halves
    /// it (65 to 33 MB on 100,000 articles). Two keys of one group with the
    /// same hash would be counted as one; with the number of keys a group
    /// holds, the odds are below one in a billion a run.
    lines: HashMap<u64, Seen, FixedState>,
}

#[derive(Clone, Debug)]
struct Seen {
    /// Documents the key occurred in.
    documents: u32,
    /// Smallest spelling of the key seen.
    line: Box<str>,
    /// Some spelling was sentence-like.
    sentence: bool,
    /// Spellings differ in their digits (`© 2023` and `© 2024`).
    varied: bool,
    /// Fingerprints of the distinct documents it occurred in (see
    /// [`DISTINCT`]).
    copies: Distinct,
}

/// The smallest [`DISTINCT`] fingerprints of a set of documents: their
/// count is the number of distinct documents, up to the cap, whatever the
/// order in which learners saw and merged them. 32 bits a fingerprint:
/// two documents that share one count as one, which can only lose a
/// template, never make one.
#[derive(Clone, Copy, Debug, Default)]
struct Distinct {
    smallest: [u32; DISTINCT],
    len: u8,
}

impl Distinct {
    fn insert(&mut self, fingerprint: u32) {
        let len = usize::from(self.len);
        let Err(at) = self.smallest[..len].binary_search(&fingerprint) else {
            return;
        };
        if at == DISTINCT {
            return;
        }
        let end = (len + 1).min(DISTINCT);
        self.smallest.copy_within(at..end - 1, at + 1);
        self.smallest[at] = fingerprint;
        self.len = end as u8;
    }

    fn union(&mut self, other: &Distinct) {
        for &f in &other.smallest[..usize::from(other.len)] {
            self.insert(f);
        }
    }
}

impl Seen {
    /// Counts `documents` more documents with spelling `line`.
    fn absorb(
        &mut self,
        line: &str,
        sentence: bool,
        varied: bool,
        documents: u32,
        copies: &Distinct,
    ) {
        self.documents = self.documents.saturating_add(documents);
        self.copies.union(copies);
        self.sentence |= sentence;
        self.varied |= varied || !same_digits(line, &self.line);
        if line < &*self.line {
            self.line = line.into();
        }
    }
}

impl TemplateLearner {
    /// A learner with no documents seen.
    pub fn new(config: TemplateConfig) -> TemplateLearner {
        TemplateLearner {
            config,
            key_cap: KEY_CAP,
            groups: BTreeMap::new(),
        }
    }

    /// Counts the candidate lines of one document. `group` is the site or
    /// folder key (the caller passes e.g. the parent folder of the
    /// document's relative path); `text` is the document text.
    pub fn observe(&mut self, group: &str, text: &str) {
        // Key → (smallest spelling, sentence-like, digits vary) for this
        // document.
        let mut lines: HashMap<u64, (&str, bool, bool), FixedState> = HashMap::default();
        // The document's fingerprint for [`Distinct`]: its lines, short
        // ones by their key (digits generalised), so that copies differing
        // in a time stamp or a counter are one document.
        let mut fingerprint = FixedState::with_seed(FINGERPRINT_SEED).build_hasher();
        for raw in text.lines() {
            let line = raw.trim();
            // Paragraphs are far longer than a template: count no further
            // than the limit.
            let words = line
                .split_whitespace()
                .take(self.config.max_words + 1)
                .count();
            if words == 0 || words > self.config.max_words || !line.chars().any(char::is_alphabetic)
            {
                // A re-crawl may change a count inside a paragraph too.
                write_without_digits(&mut fingerprint, line);
                fingerprint.write_u8(0xff);
                continue;
            }
            let sentence = sentence_like(line, words);
            let key = key(line);
            fingerprint.write(key.as_bytes());
            fingerprint.write_u8(0xff);
            match lines.entry(key_hash(&key)) {
                MapEntry::Occupied(mut slot) => {
                    let (spelling, guard, varied) = slot.get_mut();
                    *varied |= !same_digits(line, spelling);
                    *guard |= sentence;
                    if line < *spelling {
                        *spelling = line;
                    }
                }
                MapEntry::Vacant(slot) => {
                    slot.insert((line, sentence, false));
                }
            }
        }
        let cap = self.key_cap;
        let g = match self.groups.get_mut(group) {
            Some(g) => g,
            None => self.groups.entry(group.to_string()).or_default(),
        };
        g.documents += 1;
        let mut copies = Distinct::default();
        // The low half of the hash: a truncated foldhash is as well mixed.
        copies.insert(fingerprint.finish() as u32);
        for (key, (line, sentence, varied)) in lines {
            g.add(key, line, sentence, varied, 1, &copies);
        }
        // Evict only between documents, so the state stays a function of
        // what was observed, not of hash iteration order.
        g.enforce_cap(cap);
    }

    /// Adds the counts of another learner (learned in parallel on other
    /// documents). Order-independent: merging A into B or B into A, in any
    /// grouping, gives the same templates. The configuration of `self` is
    /// kept.
    pub fn merge(&mut self, other: TemplateLearner) {
        for (name, theirs) in other.groups {
            let ours = self.groups.entry(name).or_default();
            ours.documents += theirs.documents;
            for (key, seen) in theirs.lines {
                let Seen {
                    line,
                    sentence,
                    varied,
                    documents,
                    copies,
                } = seen;
                ours.add(key, &line, sentence, varied, documents, &copies);
            }
            ours.enforce_cap(self.key_cap);
        }
    }

    /// The learned templates, by group (byte order), then most documents
    /// first, then key.
    pub fn templates(&self) -> Vec<Template> {
        self.found()
            .into_iter()
            .map(|(group, seen, total)| Template {
                group: group.to_string(),
                line: seen.line.to_string(),
                documents: seen.documents as usize,
                share: f64::from(seen.documents) / total as f64,
            })
            .collect()
    }

    /// The learned templates as a rule pack in the TOML format that
    /// [`crate::RuleSet::add_toml`] accepts: one rule per template, `exact`
    /// where the digits of the line never varied, an anchored `regex` where
    /// they did (anchored, words escaped, `[0-9]+` for each digit run,
    /// `\s+` between words, trailing `:*.!…` optional), role `boilerplate`,
    /// id `template.<group-slug>.<n>`, and a reason giving the group, the
    /// document count and the share. Deterministic.
    ///
    /// Regex rules count against the size limit of the Cleaner's regex set,
    /// most of which the built-in packs use: next to them, only one to two
    /// hundred template regexes fit before [`crate::Cleaner::new`] fails.
    pub fn to_toml(&self) -> String {
        let found = self.found();
        let mut slugs: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for (group, _, _) in &found {
            let names = slugs.entry(slug(group)).or_default();
            if names.last() != Some(group) {
                names.push(group);
            }
        }
        let c = &self.config;
        let mut out = String::new();
        out.push_str("# Archive templates learned by newsclean (cleanup::TemplateLearner).\n");
        out.push_str("# Exact rules, or anchored regex rules where the digits of a line vary.\n");
        let _ = writeln!(
            out,
            "description = {}",
            toml_string(&format!(
                "Archive templates: lines in at least {} documents and {} of the documents of their group \
                 (sentence-like lines: {} documents and {})",
                c.min_documents,
                c.min_share,
                c.min_documents * GUARD_FACTOR,
                c.min_share.max(GUARD_SHARE),
            ))
        );
        let mut current = "";
        let mut n = 0;
        for &(group, seen, total) in &found {
            if group != current {
                current = group;
                n = 0;
            }
            n += 1;
            let mut id_slug = slug(group);
            if slugs.get(&id_slug).is_some_and(|names| names.len() > 1) {
                let _ = write!(id_slug, "-{:08x}", fnv1a(group));
            }
            let reason = format!(
                "Repeated line of group \"{group}\": in {} of {total} documents (share {:.2})",
                seen.documents,
                f64::from(seen.documents) / total as f64
            );
            out.push_str("\n[[rule]]\n");
            let _ = writeln!(
                out,
                "id = {}",
                toml_string(&format!("template.{id_slug}.{n}"))
            );
            if seen.varied {
                out.push_str("kind = \"regex\"\n");
                let _ = writeln!(
                    out,
                    "pattern = {}",
                    toml_string(&template_regex(&seen.line))
                );
                // Anchored patterns need no word guard; this only lifts the
                // Cleaner's default limit of 40 words for regex rules.
                let _ = writeln!(out, "max_words = {}", c.max_words.max(40) * 2);
            } else {
                out.push_str("kind = \"exact\"\n");
                let _ = writeln!(out, "pattern = {}", toml_string(&seen.line));
            }
            out.push_str("role = \"boilerplate\"\n");
            let _ = writeln!(out, "group = {}", toml_string(group));
            let _ = writeln!(out, "reason = {}", toml_string(&reason));
        }
        // A line that is a template of several groups (`Contact us`,
        // `Politik` in the menus of many sites) is boilerplate wherever it
        // stands. Listed last, so a group's own rule names it in its group.
        let mut wide: BTreeMap<String, (&str, Vec<&str>)> = BTreeMap::new();
        for &(group, seen, _) in &found {
            if seen.varied {
                continue;
            }
            let (line, groups) = wide
                .entry(key(&seen.line))
                .or_insert((&seen.line, Vec::new()));
            *line = (*line).min(&*seen.line);
            groups.push(group);
        }
        let wide = wide
            .values()
            .filter(|(_, groups)| groups.len() >= WIDE_GROUPS);
        for (n, (line, groups)) in wide.enumerate() {
            let shown: Vec<&str> = groups.iter().take(3).copied().collect();
            let more = if groups.len() > 3 { ", …" } else { "" };
            let reason = format!(
                "Template of {} groups (\"{}\"{more}): boilerplate wherever it stands",
                groups.len(),
                shown.join("\", \"")
            );
            out.push_str("\n[[rule]]\n");
            let _ = writeln!(
                out,
                "id = {}",
                toml_string(&format!("template.all.{}", n + 1))
            );
            out.push_str("kind = \"exact\"\n");
            let _ = writeln!(out, "pattern = {}", toml_string(line));
            out.push_str("role = \"boilerplate\"\n");
            let _ = writeln!(out, "reason = {}", toml_string(&reason));
        }
        out
    }

    /// (group, template, group documents), sorted as [`Self::templates`].
    fn found(&self) -> Vec<(&str, &Seen, usize)> {
        let mut out = Vec::new();
        for (name, g) in &self.groups {
            if g.documents < self.config.min_documents.max(1) {
                continue;
            }
            let mut found: Vec<(String, &Seen)> = g
                .lines
                .values()
                .filter(|seen| self.qualifies(seen, g.documents))
                .map(|seen| (key(&seen.line), seen))
                .collect();
            found.sort_by(|a, b| b.1.documents.cmp(&a.1.documents).then(a.0.cmp(&b.0)));
            out.extend(
                found
                    .into_iter()
                    .map(|(_, seen)| (name.as_str(), seen, g.documents)),
            );
        }
        out
    }

    fn qualifies(&self, seen: &Seen, group_documents: usize) -> bool {
        let c = &self.config;
        if seen.line.split_whitespace().count() > c.max_words {
            return false;
        }
        let (min_documents, min_share) = if seen.sentence {
            (c.min_documents * GUARD_FACTOR, c.min_share.max(GUARD_SHARE))
        } else {
            (c.min_documents, c.min_share)
        };
        let share = f64::from(seen.documents) / group_documents as f64;
        seen.documents as usize >= min_documents.max(1)
            && share >= min_share
            && usize::from(seen.copies.len) >= min_documents.clamp(1, DISTINCT)
    }
}

impl Group {
    fn add(
        &mut self,
        key: u64,
        line: &str,
        sentence: bool,
        varied: bool,
        documents: u32,
        copies: &Distinct,
    ) {
        match self.lines.entry(key) {
            MapEntry::Occupied(mut slot) => slot
                .get_mut()
                .absorb(line, sentence, varied, documents, copies),
            MapEntry::Vacant(slot) => {
                slot.insert(Seen {
                    documents,
                    line: line.into(),
                    sentence,
                    varied,
                    copies: *copies,
                });
            }
        }
    }

    /// Over the cap, drops every key seen in no more documents than the
    /// `len - cap / 2`-th smallest count: at least down to half the cap, and
    /// keys with equal counts share one fate.
    fn enforce_cap(&mut self, cap: usize) {
        if self.lines.len() <= cap {
            return;
        }
        let mut counts: Vec<u32> = self.lines.values().map(|s| s.documents).collect();
        let drop = counts.len() - cap / 2;
        let (_, &mut threshold, _) = counts.select_nth_unstable(drop - 1);
        self.lines.retain(|_, seen| seen.documents > threshold);
    }
}

/// The comparison key: the exact-rule normalisation, ASCII digit runs
/// replaced by one `0`.
fn key(line: &str) -> String {
    let norm = normalize(line);
    if !norm.bytes().any(|b| b.is_ascii_digit()) {
        return norm;
    }
    let mut out = String::with_capacity(norm.len());
    let mut in_digits = false;
    for c in norm.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('0');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

/// The hash a group's line counts are kept under: fixed, so that learners
/// of one run (and of every run) agree.
fn key_hash(key: &str) -> u64 {
    FixedState::with_seed(KEY_SEED).hash_one(key)
}

/// Feeds `line` to `hasher` with each run of ASCII digits as one `0`, as
/// [`key`] spells them, without allocating.
fn write_without_digits(hasher: &mut impl Hasher, line: &str) {
    let mut rest = line.as_bytes();
    while !rest.is_empty() {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 {
            hasher.write_u8(b'0');
            rest = &rest[digits..];
        }
        let other = rest.iter().take_while(|b| !b.is_ascii_digit()).count();
        hasher.write(&rest[..other]);
        rest = &rest[other..];
    }
}

/// Two spellings of one key have the same digit runs.
fn same_digits(a: &str, b: &str) -> bool {
    fn runs(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
    }
    let has = |s: &str| s.bytes().any(|b| b.is_ascii_digit());
    !(has(a) || has(b)) || runs(a).eq(runs(b))
}

/// Long enough to be a sentence, and ends like one or quotes someone.
fn sentence_like(line: &str, words: usize) -> bool {
    if words < GUARD_WORDS {
        return false;
    }
    line.contains(QUOTES)
        || line
            .trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace())
            .ends_with(SENTENCE_END)
}

/// An anchored regex matching every line with the same key as `line`.
fn template_regex(line: &str) -> String {
    let core = line.trim_end_matches(|c: char| c.is_whitespace() || ":*.!…".contains(c));
    let mut out = String::from("^");
    for (i, word) in core.split_whitespace().enumerate() {
        if i > 0 {
            out.push_str(r"\s+");
        }
        let mut rest = word;
        while !rest.is_empty() {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 {
                out.push_str("[0-9]+");
                rest = &rest[digits..];
            } else {
                let text = rest
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(rest.len());
                out.push_str(&regex::escape(&rest[..text]));
                rest = &rest[text..];
            }
        }
    }
    out.push_str(r"[\s:*.!…]*$");
    out
}

/// A readable id part for a group: lower-case letters and digits, other
/// runs as `-`; `root` for a group with none.
fn slug(group: &str) -> String {
    let mut out = String::new();
    for c in group.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("root");
    }
    out
}

/// 32-bit FNV-1a: a stable hash to tell apart groups with the same slug.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, Role, RuleKind, RuleSet};

    /// The tests' thresholds: 5 documents and half of the group, fixed so
    /// that the tests do not move with the defaults.
    fn learner() -> TemplateLearner {
        TemplateLearner::new(TemplateConfig {
            min_documents: 5,
            min_share: 0.5,
            ..TemplateConfig::default()
        })
    }

    fn lines_of(templates: &[Template], group: &str) -> Vec<String> {
        let mut lines: Vec<String> = templates
            .iter()
            .filter(|t| t.group == group)
            .map(|t| t.line.clone())
            .collect();
        lines.sort();
        lines
    }

    /// `i` spelt in letters (`12` → `bc`): digits would make every
    /// document's article lines one key.
    fn tag(i: usize) -> String {
        i.to_string()
            .bytes()
            .map(|b| char::from(b - b'0' + b'a'))
            .collect()
    }

    /// A document with article lines unique to `i` around `extra`.
    fn article(i: usize, extra: &[&str]) -> String {
        let t = tag(i);
        let mut doc = format!(
            "Council approves budget {t}\n\n\
             The council met in {t} and approved the spending plan after a long debate \
             that ran well into the evening, officials said.\n\n"
        );
        for line in extra {
            doc.push_str(line);
            doc.push_str("\n\n");
        }
        doc.push_str(&format!(
            "Story {t} ends here with a word from resident {t}."
        ));
        doc
    }

    #[test]
    fn learns_menu_and_footer_of_a_group() {
        let mut l = learner();
        for i in 0..10 {
            let doc = article(
                i,
                &[
                    "Home | World | Business | Sport",
                    "Subscribe to our newsletter",
                    "Foo Media. All rights reserved.",
                ],
            );
            l.observe("site/a", &doc);
        }
        let t = l.templates();
        assert_eq!(
            lines_of(&t, "site/a"),
            [
                "Foo Media. All rights reserved.",
                "Home | World | Business | Sport",
                "Subscribe to our newsletter"
            ]
        );
        assert!(t.iter().all(|t| t.documents == 10 && t.share == 1.0));
    }

    #[test]
    fn counts_a_line_once_per_document() {
        let mut l = learner();
        for i in 0..10 {
            let extra: &[&str] = if i < 4 {
                &["Share", "Share", "share  "]
            } else {
                &[]
            };
            l.observe("g", &article(i, extra));
        }
        assert_eq!(l.templates(), []);
    }

    #[test]
    fn copies_of_one_article_are_one_document() {
        let mut l = learner();
        // Six copies of one story, saved at different times: its headline
        // and lines are in six documents of eleven, but in one distinct
        // document.
        for minute in 0..6 {
            let stamp = format!("Updated 10:{minute:02}");
            l.observe("g", &article(1, &["Home | World | Sport", &stamp]));
        }
        assert_eq!(l.templates(), []);
        for i in 2..7 {
            l.observe("g", &article(i, &["Home | World | Sport"]));
        }
        assert_eq!(lines_of(&l.templates(), "g"), ["Home | World | Sport"]);
    }

    #[test]
    fn copies_differing_in_a_paragraph_count_are_one_document() {
        let mut l = learner();
        // A feed repeating one story whose first paragraph counts something:
        // its headline and short lines must not become templates.
        for n in 0..8 {
            let paragraph = format!(
                "The river rose {n} centimetres overnight and crews worked through the \
                 night to shore up the banks near the old mill, the council said on Sunday."
            );
            l.observe(
                "g",
                &format!("Flood crews work overnight\n\n{paragraph}\n\nStay safe out there\n"),
            );
        }
        assert_eq!(l.templates(), []);
    }

    #[test]
    fn distinct_keeps_the_smallest_fingerprints() {
        let mut d = Distinct::default();
        for f in [9, 3, 9, 7, 1, 8, 5, 2, 3] {
            d.insert(f);
        }
        assert_eq!((d.len, d.smallest), (6, [1, 2, 3, 5, 7, 8]));
        let mut e = Distinct::default();
        e.insert(4);
        e.insert(10);
        e.union(&d);
        assert_eq!((e.len, e.smallest), (6, [1, 2, 3, 4, 5, 7]));
    }

    #[test]
    fn groups_are_separate() {
        let mut l = learner();
        for i in 0..8 {
            // In every document of a, in 2 of b; in 4 of each of c and d:
            // 8 of 16 together would pass, but neither group alone has 5.
            l.observe("a", &article(i, &["Menu line", "Shared line"]));
            let b: &[&str] = if i < 2 { &["Menu line"] } else { &[] };
            l.observe("b", &article(i, b));
            let cd: &[&str] = if i < 4 { &["Cross group"] } else { &[] };
            l.observe("c", &article(i, cd));
            l.observe("d", &article(i + 100, cd));
        }
        let t = l.templates();
        assert_eq!(lines_of(&t, "a"), ["Menu line", "Shared line"]);
        assert!(t.iter().all(|t| t.group == "a"), "{t:?}");
    }

    #[test]
    fn digits_are_generalised() {
        let mut l = learner();
        for i in 0..10 {
            let year = format!("© {} Foo", 2015 + i);
            let comments = format!("{} Comments", i * 7);
            l.observe("g", &article(i, &[&year, &comments]));
        }
        let t = l.templates();
        assert_eq!(lines_of(&t, "g"), ["0 Comments", "© 2015 Foo"]);
        assert!(t.iter().all(|t| t.documents == 10));
        assert_eq!(key("© 2023 Foo"), key("©   2024  FOO."));
        assert_eq!(key("3 comments"), key("12 Comments"));
        assert_ne!(key("3 comments"), key("3 comment"));
    }

    #[test]
    fn quoted_sentences_are_not_templates() {
        let quote = "“We will not back down,” the minister told reporters in Brussels on Tuesday.";
        let sentence = "The storm is expected to reach the coast late on Friday night.";
        let long_menu = "Home World Business Markets Politics Tech Science Health Sport";
        let mut l = learner();
        for i in 0..10 {
            let extra: &[&str] = if i < 6 {
                &[
                    quote,
                    sentence,
                    long_menu,
                    "Sign up for the morning briefing",
                ]
            } else {
                &[]
            };
            l.observe("g", &article(i, extra));
        }
        assert_eq!(
            lines_of(&l.templates(), "g"),
            [long_menu, "Sign up for the morning briefing"]
        );

        // On 9 of 10 pages a sentence is a footer after all…
        let footer = "Foo Media is a registered trademark of Foo Holdings in the EU.";
        let mut l = learner();
        for i in 0..20 {
            let extra: &[&str] = if i < 18 { &[footer] } else { &[] };
            l.observe("g", &article(i, extra));
        }
        assert_eq!(lines_of(&l.templates(), "g"), [footer]);
        // …but not with fewer than twice min_documents documents.
        let mut l = learner();
        for i in 0..9 {
            l.observe("g", &article(i, &[footer, "Short menu"]));
        }
        assert_eq!(lines_of(&l.templates(), "g"), ["Short menu"]);
    }

    #[test]
    fn long_and_letterless_lines_are_never_templates() {
        let long = ["word"; 26].join(" ");
        let mut l = learner();
        for i in 0..10 {
            l.observe("g", &article(i, &[&long, "***", "2024", "|"]));
        }
        assert_eq!(l.templates(), []);
        let mut l = TemplateLearner::new(TemplateConfig {
            max_words: 30,
            ..TemplateConfig::default()
        });
        for i in 0..10 {
            l.observe("g", &article(i, &[&long]));
        }
        assert_eq!(lines_of(&l.templates(), "g"), [long]);
    }

    #[test]
    fn thresholds() {
        // A group below min_documents learns nothing, even from a line
        // in all of its documents.
        let mut l = learner();
        for i in 0..4 {
            l.observe("small", &article(i, &["Footer"]));
        }
        assert_eq!(l.templates(), []);
        l.observe("small", &article(4, &["Footer"]));
        assert_eq!(lines_of(&l.templates(), "small"), ["Footer"]);

        // Share: 5 of 11 is below one half, 6 of 11 is not.
        let mut l = learner();
        for i in 0..11 {
            let extra: &[&str] = match i {
                0..5 => &["Five", "Six"],
                5 => &["Six"],
                _ => &[],
            };
            l.observe("g", &article(i, extra));
        }
        let t = l.templates();
        assert_eq!(lines_of(&t, "g"), ["Six"]);
        assert_eq!(t[0].documents, 6);
        assert!((t[0].share - 6.0 / 11.0).abs() < 1e-12);
    }

    fn corpus() -> Vec<(String, String)> {
        let mut docs = Vec::new();
        for i in 0..30 {
            let group = ["site/a", "site/b", "Site-A"][i % 3].to_string();
            let mut extra = vec!["Home | News | Sport".to_string()];
            if i % 2 == 0 {
                extra.push(format!("{} comments", i));
            }
            if i % 5 != 0 {
                extra.push(format!("HOME  |  news | Sport\t© {} Bar", 2000 + i));
            }
            let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
            docs.push((group, article(i, &extra)));
        }
        // Copies of one story in one group, a line of their own included:
        // however the learners split them, they count as one document.
        for minute in 0..8 {
            let stamp = format!("Updated 10:{minute:02}");
            docs.push((
                "site/c".to_string(),
                article(99, &["Copied story box", &stamp]),
            ));
        }
        for i in 0..8 {
            docs.push((
                "site/c".to_string(),
                article(i + 40, &["Home | News | Sport"]),
            ));
        }
        docs
    }

    #[test]
    fn merge_equals_sequential() {
        let docs = corpus();
        let mut all = learner();
        for (g, d) in &docs {
            all.observe(g, d);
        }
        let mut reversed = learner();
        for (g, d) in docs.iter().rev() {
            reversed.observe(g, d);
        }
        let mut parts: Vec<TemplateLearner> = (0..3).map(|_| learner()).collect();
        for (i, (g, d)) in docs.iter().enumerate() {
            parts[(i * 7) % 3].observe(g, d);
        }
        let mut forward = learner();
        for p in parts.clone() {
            forward.merge(p);
        }
        let mut nested = parts.pop().unwrap();
        let mut rest = parts.pop().unwrap();
        rest.merge(parts.pop().unwrap());
        nested.merge(rest);

        assert!(!all.templates().is_empty());
        assert_eq!(
            lines_of(&all.templates(), "site/c"),
            ["Home | News | Sport"]
        );
        for other in [&reversed, &forward, &nested] {
            assert_eq!(other.templates(), all.templates());
            assert_eq!(other.to_toml(), all.to_toml());
        }
    }

    #[test]
    fn a_template_of_one_group_stays_there_and_of_two_goes_everywhere() {
        let mut l = learner();
        for i in 0..6 {
            l.observe("a", &article(i, &["Contact us", "Alpha Gazette Masthead"]));
            l.observe("b", &article(i + 50, &["Contact Us"]));
        }
        let toml = l.to_toml();
        let mut set = RuleSet::empty();
        set.add_toml("t", &toml).unwrap();
        let cleaner = crate::Cleaner::new(&set).unwrap().classify(false);
        let removed = |group: &str, text: &str| -> Vec<String> {
            let context = crate::Context {
                group: Some(group),
                ..crate::Context::default()
            };
            let cleaned = cleaner.clean_in(text, &context);
            cleaned.removed.iter().map(|r| r.rule.clone()).collect()
        };
        let text = "Headline\n\nAlpha Gazette Masthead\n\nContact us";
        assert_eq!(removed("a", text), ["template.a.1", "template.a.2"]);
        // A third site: only the line both sites share goes.
        assert_eq!(removed("c", text), ["template.all.1"]);
        assert!(toml.contains("Template of 2 groups"), "{toml}");
    }

    #[test]
    fn toml_round_trip_cleans_a_new_document() {
        let mut l = learner();
        for i in 0..10 {
            let year = format!("© {} Foo Media \"Daily\" \\ News", 2010 + i);
            let n = format!("Page {} of {}", i + 1, 12);
            l.observe(
                "news/foo",
                &article(
                    i,
                    &[
                        "Home | World | Sport",
                        "Subscribe now!",
                        &year,
                        &n,
                        "Tab\there",
                        "Call 0800 123 456",
                    ],
                ),
            );
        }
        let toml = l.to_toml();
        let mut set = RuleSet::empty();
        set.add_toml("templates", &toml).unwrap();
        assert_eq!(set.rules().len(), 6, "{toml}");
        let kinds: Vec<RuleKind> = set.rules().iter().map(|r| r.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == RuleKind::Regex).count(), 2);
        for rule in set.rules() {
            assert!(rule.id.starts_with("template.news-foo."), "{}", rule.id);
            assert_eq!(rule.role, Role::Boilerplate);
            assert!(rule.reason.contains("\"news/foo\""), "{}", rule.reason);
            assert!(
                rule.reason.contains("10 of 10 documents"),
                "{}",
                rule.reason
            );
        }

        let cleaner = Cleaner::new(&set).unwrap();
        let doc = "Mayor resigns\n\nhome  |  world | SPORT\n\nThe mayor resigned on Monday.\n\n\
                   Subscribe now\n\n© 2031 FOO Media \"Daily\" \\ News.\n\nPage 3 of 7\n\n\
                   Tab here\n\nShe will stay until a successor is chosen.\n\n\
                   CALL 0800  123 456\n\nCall 0800 999 000\n\n\
                   Page 3 of 7 was the headline. © 2031 Foo Media";
        let cleaned = cleaner.clean(doc);
        let kept: Vec<&str> = cleaned.kept.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            kept,
            [
                "Mayor resigns",
                "The mayor resigned on Monday.",
                "She will stay until a successor is chosen.",
                "Call 0800 999 000",
                "Page 3 of 7 was the headline. © 2031 Foo Media"
            ]
        );
        assert_eq!(cleaned.removed.len(), 6);
        assert!(cleaned.removed.iter().all(|r| r.role == Role::Boilerplate));
    }

    #[test]
    fn regex_only_where_digits_vary() {
        let observe = |year: usize| {
            let mut l = learner();
            for i in 0..5 {
                l.observe("g", &article(i + year, &[&format!("© {year} Foo")]));
            }
            l
        };
        let kinds = |l: &TemplateLearner| {
            let mut set = RuleSet::empty();
            set.add_toml("t", &l.to_toml()).unwrap();
            set.rules().iter().map(|r| r.kind).collect::<Vec<_>>()
        };
        assert_eq!(kinds(&observe(2010)), [RuleKind::Exact]);
        let mut ab = observe(2010);
        ab.merge(observe(2011));
        let mut ba = observe(2011);
        ba.merge(observe(2010));
        assert_eq!(kinds(&ab), [RuleKind::Regex]);
        assert_eq!(ab.to_toml(), ba.to_toml());
        assert_eq!(ab.templates()[0].line, "© 2010 Foo");
        assert_eq!(ab.templates()[0].documents, 10);
        // Same digits in another order vary too.
        assert!(!same_digits("12 3 x", "1 23 x"));
        assert!(same_digits("Page 1 of 2", "page 1  of 2."));
    }

    #[test]
    fn ids_are_unique_and_empty_learner_is_a_valid_pack() {
        let mut set = RuleSet::empty();
        set.add_toml("t", &learner().to_toml()).unwrap();
        assert!(set.rules().is_empty());

        let mut l = learner();
        for i in 0..6 {
            for g in ["a/b", "a-b", "", "x"] {
                l.observe(g, &article(i, &["Menu", "Footer"]));
            }
        }
        let mut set = RuleSet::empty();
        set.add_toml("t", &l.to_toml()).unwrap();
        let mut ids: Vec<&str> = set.rules().iter().map(|r| r.id.as_str()).collect();
        // Two of each group, and the two lines of all groups.
        assert_eq!(ids.len(), 10);
        assert!(ids.contains(&"template.root.1") && ids.contains(&"template.x.2"));
        assert!(ids.contains(&"template.all.1") && ids.contains(&"template.all.2"));
        assert!(ids.iter().any(|id| id.starts_with("template.a-b-")));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 10);
    }

    #[test]
    fn key_cap_evicts_rare_lines_only() {
        let mut l = learner();
        l.key_cap = 50;
        for i in 0..40 {
            let unique: Vec<String> = (0..10)
                .map(|j| format!("Unique line {} {}", tag(i), tag(j)))
                .collect();
            let mut extra: Vec<&str> = unique.iter().map(String::as_str).collect();
            extra.push("Persistent footer");
            l.observe("g", &article(i, &extra));
            assert!(l.groups["g"].lines.len() <= 50);
        }
        let t = l.templates();
        assert_eq!(lines_of(&t, "g"), ["Persistent footer"]);
        assert_eq!(t[0].documents, 40);
    }

    #[test]
    fn regex_matches_key_variants() {
        let re = regex::RegexBuilder::new(&template_regex("Page 1 of 3 (v2.0)!"))
            .case_insensitive(true)
            .build()
            .unwrap();
        for yes in [
            "Page 1 of 3 (v2.0)",
            "PAGE 10  of 300 (V2.11) ...",
            "page 9 of 9 (v0.0):",
        ] {
            assert!(re.is_match(yes), "{yes}");
        }
        for no in [
            "Page 1 of 3 (v2.0) more",
            "Page of 3 (v2.0)",
            "Page 1 of 3 (v2)",
        ] {
            assert!(!re.is_match(no), "{no}");
        }
    }
}
