//! Direct quotations and who said them.
//!
//! Quotes are found by their marks (`“…”`, `"…"`, `«…»`, `„…“`, and `‘…’`
//! where a paragraph has no double marks); a quote left open at the end of a
//! paragraph goes on in the next one when that opens with a quote mark, as
//! news style writes it. The speaker comes from the attribution around the
//! quote, nearest first: `…,” X said` / `…,” said X`, then `X said: “…”`
//! earlier in the sentence, then a quote before it in the same paragraph, or
//! the quote in the paragraph before when this one only continues it.
//! `he`/`she` stand for the last person named before the quote; a name is
//! given in its fullest form; descriptions (`the official`) are kept as
//! written. In German, French, Spanish, Italian, Portuguese and Dutch the
//! attribution right after or before the quote names its speaker (see
//! `cues`).

use newsclean_model::Quote;

use crate::HashMap;
use crate::cues::{Cues, Speaker};
use crate::entities::{Found, Kind};
use crate::lexicon::{Lexicon, fold};

/// A quote found in a paragraph, before its speaker is known.
#[derive(Debug)]
struct Span {
    paragraph: usize,
    /// Byte range of the marks and the words inside them.
    open: usize,
    close: usize,
    text: String,
    /// Left open at the end of the paragraph.
    runs_on: bool,
    /// Byte range of the sentence the quote opens in.
    sentence: (usize, usize),
    /// End of the sentence the quote closes in (its attribution may follow).
    after_end: usize,
}

impl Span {
    /// The text after the quote that may attribute it: to the next quote
    /// or the end of the sentence the quote closes in.
    fn after<'t>(&self, text: &'t str) -> &'t str {
        let end = text[self.close..]
            .find(['“', '"', '«', '„'])
            .map_or(text.len(), |k| self.close + k)
            .min(self.after_end.max(self.close));
        &text[self.close.min(end)..end]
    }

    /// Where the text before the quote that may attribute it starts: its
    /// sentence's start, or the end of a quote earlier in the sentence.
    fn before_start(&self, text: &str) -> usize {
        let from = self.sentence.0;
        let mut end = self.open;
        // (Not the end of a quoted name: `Blinken told CBS’s “Face the
        // Nation”: “…”` is Blinken's.)
        loop {
            let Some((k, c)) = text[from..end]
                .char_indices()
                .rfind(|&(_, c)| matches!(c, '”' | '"' | '»' | '“'))
            else {
                return from;
            };
            let close = from + k;
            let opened = text[from..close]
                .char_indices()
                .rfind(|&(_, c)| matches!(c, '“' | '"' | '«'))
                .map(|(o, oc)| (from + o, oc.len_utf8()));
            match opened {
                Some((o, len))
                    if {
                        let inner = &text[o + len..close];
                        is_title(inner) || is_titled_work(inner)
                    } =>
                {
                    end = o;
                }
                _ => return close + c.len_utf8(),
            }
        }
    }
}

/// Words that end a speaker phrase read backwards from the verb.
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "that", "because", "while", "as", "when", "after", "before", "so", "if",
    "though", "although", "where", "whereas", "since", "which",
];

/// Verbs that name rather than quote when the quote follows them directly
/// (`a report called “…”`, `what he called “…”`): only the word right before
/// the verb can be the speaker.
const NAMING_VERBS: &[&str] = &[
    "called", "dubbed", "named", "titled", "labelled", "labeled", "termed",
];

/// Verbs of saying that put their subject after them at a sentence's end
/// (`…, said another witness`); `told X` names who heard it.
const INVERTING: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "wrote",
    "writes",
    "noted",
    "notes",
    "explained",
    "stated",
    "argued",
    "warned",
    "insisted",
    "recalled",
    "continued",
    "acknowledged",
    "admitted",
    "commented",
    "explains",
    "recalls",
];

/// Words between a speaker and the verb (`he later told`, `she has said`).
const AUXILIARIES: &[&str] = &[
    "also",
    "later",
    "then",
    "previously",
    "once",
    "recently",
    "earlier",
    "repeatedly",
    "has",
    "had",
    "have",
    "would",
    "will",
    "had",
    "was",
    "is",
    "did",
    "does",
    "again",
    "further",
    "simply",
    "just",
    "publicly",
    "privately",
    "reportedly",
    "first",
    "separately",
];

/// Words that end a speaker phrase after an inverted verb (`said X in a
/// statement`).
const AFTER_STOP: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "when", "that", "who", "which", "to", "about",
    "of", "from", "with", "last", "this", "on",
];

/// Placeholder for `they`/`we` until the group is known.
const THEY: &str = "\u{0}they";
/// The attribution is `it`: an organisation, or nothing an entity names.
const IT: &str = "\u{0}it";

/// The people `quotes` name as speakers by a full name (a known first name
/// and more: `Jann Jakobs`, not `Jakobs` or `der Sprecher`), in the order they
/// first speak, with how often the text names them (their last word, as a
/// word).
pub(crate) fn speakers_named(
    lex: &Lexicon,
    cues: &Cues,
    quotes: &[Quote],
    paragraphs: &[String],
) -> Vec<newsclean_model::Entity> {
    let mut people: Vec<newsclean_model::Entity> = Vec::new();
    for name in quotes.iter().filter_map(|q| q.speaker.as_deref()) {
        // Opening with a known first name: not a title and a surname
        // (`Youtuber Kehl`), nor a firm (`Le Canard`).
        // Not an organisation the gazetteer knows, nor one with a name in
        // capitals (`Hertha BSC`).
        let first = name.split_whitespace().next().unwrap_or_default();
        let acronym = name.split_whitespace().any(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        });
        if name.contains(' ')
            && lex.given_names.contains(first)
            && !lex.organizations.contains(name)
            && !acronym
            && cues.is_name(name)
            && !people.iter().any(|p| p.name == name)
        {
            people.push(newsclean_model::Entity {
                name: name.to_string(),
                mentions: 0,
            });
        }
    }
    if people.is_empty() {
        return people;
    }
    // One pass over the text counts every surname.
    let mut counts: HashMap<String, u32> = people
        .iter()
        .filter_map(|p| p.name.split_whitespace().last())
        .map(|s| (s.to_string(), 0))
        .collect();
    for word in paragraphs.iter().flat_map(|p| p.split_whitespace()) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if let Some(n) = counts.get_mut(word) {
            *n += 1;
        }
    }
    for person in &mut people {
        let surname = person.name.split_whitespace().last().unwrap_or_default();
        person.mentions = counts.get(surname).copied().unwrap_or(0).max(1);
    }
    people
}

/// Words of a full name [`Surnames`] keeps, at most.
const MAX_FULL_NAME_WORDS: usize = 4;

/// Bytes before a quote searched for the person a pronoun stands for.
const PRONOUN_WINDOW: usize = 1500;

/// Placeholder for a pronoun in other languages than English.
const PERSON: &str = "\u{0}person";

/// A plural description such as `the lawmakers` or `Democrats`.
fn is_group(speaker: &str) -> bool {
    let last = speaker.split_whitespace().last().unwrap_or("");
    speaker != THEY
        && last.ends_with('s')
        && !last.ends_with("ss")
        && last.chars().next().is_some_and(char::is_lowercase)
}

const PRONOUNS: &[&str] = &["he", "she", "He", "She"];
const PLURAL_PRONOUNS: &[&str] = &["they", "They", "we", "We"];

fn opener_closer(c: char) -> Option<&'static [char]> {
    match c {
        // Pages mix straight and curly marks: `"And I asked …?” said Hill`.
        '“' => Some(&['”', '"']),
        '«' => Some(&['»']),
        '„' => Some(&['“', '”']),
        '"' => Some(&['"', '”']),
        _ => None,
    }
}

/// Quote marks in one paragraph.
fn spans(paragraph: usize, text: &str, out: &mut Vec<Span>) {
    let has_double = text.contains(['“', '"', '«', '„']) || text.contains("’’");
    let mut i = 0;
    while i < text.len() {
        // Only `‘` and, with double marks about, the openers of
        // `opener_closer` can open a quote: skip to the next of them.
        let Some(k) =
            text[i..].find(|c: char| c == '‘' || (has_double && opener_closer(c).is_some()))
        else {
            break;
        };
        i += k;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let doubled = text[i..].starts_with("‘‘");
        let closers: Option<&[char]> = if doubled {
            Some(&['”'])
        } else if has_double {
            opener_closer(c)
        } else if c == '‘'
            && (i == 0 || text[..i].ends_with(|p: char| p.is_whitespace() || p == '('))
        {
            Some(&['’'])
        } else {
            None
        };
        let Some(closers) = closers else {
            i += c.len_utf8();
            continue;
        };
        let inner_start = i + if doubled {
            "‘‘".len()
        } else {
            c.len_utf8()
        };
        let close = find_closer(text, inner_start, closers, c == '‘' && !doubled);
        let (inner_end, next, runs_on) = match close {
            Some(k) if text[k..].starts_with("’’") => (k, k + "’’".len(), false),
            Some(k) => (
                k,
                k + text[k..].chars().next().map_or(1, char::len_utf8),
                false,
            ),
            None => (text.len(), text.len(), true),
        };
        let inner = text[inner_start..inner_end].trim();
        if !inner.is_empty() {
            out.push(Span {
                paragraph,
                open: i,
                close: next,
                text: inner.to_string(),
                runs_on,
                sentence: (0, text.len()),
                after_end: text.len(),
            });
        }
        i = next.max(inner_start);
    }
}

fn find_closer(text: &str, from: usize, closers: &[char], single: bool) -> Option<usize> {
    let mut k = from;
    while k < text.len() {
        let c = text[k..].chars().next()?;
        // Typewriter habit: two single marks for a double one (`’’`).
        if !single && closers.contains(&'”') && text[k..].starts_with("’’") {
            return Some(k);
        }
        if closers.contains(&c) {
            // A single closing mark is an apostrophe when a letter follows.
            let after = text[k + c.len_utf8()..].chars().next();
            if !(single && after.is_some_and(char::is_alphanumeric)) {
                return Some(k);
            }
        }
        k += c.len_utf8();
    }
    None
}

/// The cue of an attribution by source (`“…,” according to officials`).
const ACCORDING_TO: &str = "according to ";

/// Quotes looked for in one document, at most: far more than any article
/// holds (a long interview has a few hundred), and a bound on the work a
/// pathological input (a book of dialogue, a log) can cause.
pub(crate) const MAX_QUOTES: usize = 1000;

/// Quotes of `paragraphs` with their speakers; `language` (ISO 639-1,
/// English when unknown) picks how attributions are read.
pub(crate) fn find(
    lex: &Lexicon,
    paragraphs: &[String],
    found: &Found,
    language: Option<&str>,
) -> Vec<Quote> {
    let english = language.is_none_or(|l| l == "en");
    let cues = language
        .and_then(|l| lex.speech_cues.get(l))
        .filter(|_| !english);
    let surnames = cues.map(|c| Surnames::new(lex, paragraphs, c.capitalised_nouns));
    let mut raw = Vec::new();
    for (p, text) in paragraphs.iter().enumerate() {
        if raw.len() >= MAX_QUOTES {
            break;
        }
        let first = raw.len();
        spans(p, text, &mut raw);
        raw.truncate(MAX_QUOTES);
        // Sentence bounds, as entity finding split them (in order, so
        // found by binary search).
        let split = found.sentences.get(p).map_or(&[][..], Vec::as_slice);
        for span in &mut raw[first..] {
            let k = split.partition_point(|&(_, e)| e <= span.open);
            if let Some(&s) = split.get(k).filter(|&&(s, _)| s <= span.open) {
                span.sentence = s;
            }
            let k = split.partition_point(|&(_, e)| e <= span.close);
            if let Some(&(_, e)) = split.get(k) {
                span.after_end = e;
            }
        }
    }
    // A quote left open at the end of a paragraph goes on in the next one
    // when that opens with a quote mark: each paragraph's part is its own
    // quote, with the same speaker.
    let continues: Vec<bool> = (0..raw.len())
        .map(|i| {
            i > 0
                && raw[i - 1].runs_on
                && raw[i - 1].paragraph + 1 == raw[i].paragraph
                && raw[i].open == 0
        })
        .collect();
    let merged: Vec<(Span, bool)> = raw.into_iter().zip(continues).collect();
    let mut attributions: Vec<Option<Option<String>>> = merged
        .iter()
        .map(|(span, _)| {
            if english {
                attribute(lex, paragraphs, found, span)
            } else if let (Some(cues), Some(surnames)) = (cues, &surnames) {
                attribute_with(lex, cues, surnames, paragraphs, span)
            } else {
                None
            }
        })
        .collect();
    // `The outages were “terribly disruptive” and “we won’t …,” Vesey
    // said`: one attribution for every quote of the sentence.
    for i in (0..merged.len()).rev() {
        if attributions[i].is_none()
            && let Some((next, _)) = merged.get(i + 1)
            && next.paragraph == merged[i].0.paragraph
            && !paragraphs[next.paragraph][merged[i].0.close..next.open].contains(['.', '!', '?'])
        {
            attributions[i] = attributions[i + 1].clone();
        }
    }
    // A quote run on over paragraphs names its speaker at its end: the
    // parts before take the attribution of the part that has one.
    for i in (0..merged.len().saturating_sub(1)).rev() {
        if attributions[i].is_none()
            && merged[i + 1].1
            && matches!(attributions[i + 1], Some(Some(_)))
        {
            attributions[i] = attributions[i + 1].clone();
        }
    }
    let mut out: Vec<Quote> = Vec::new();
    let mut last_speaker: Option<(usize, Option<String>)> = None;
    let mut last_person: Option<(usize, String)> = None;
    // People quoted so far, by surname (other languages than English).
    let mut spoken: HashMap<String, String> = HashMap::default();
    for ((span, continues), attribution) in merged.iter().zip(attributions) {
        let words = span.text.split_whitespace().count();
        if words < 2
            || (words < 4 && attribution.is_none())
            || is_title(&span.text)
            || (is_titled_work(&span.text)
                && (attribution.is_none()
                    || names_a_work(&paragraphs[span.paragraph][..span.open])))
        {
            continue;
        }
        let lead = || {
            english
                .then(|| {
                    lead_in(lex, found, paragraphs, span)
                        .or_else(|| reported_before(lex, found, paragraphs, span))
                })
                .flatten()
        };
        // A quote on its own continues the speaker of the quote just before
        // it in its paragraph; else it may be the person a sentence right
        // before it opens with (or a paragraph of reported speech before
        // it); else the speaker of the paragraph before, when this one opens
        // with the quote.
        let speaker = match (attribution, &last_speaker) {
            (Some(a), _) => a,
            (None, Some((p, s))) if *p == span.paragraph => s.clone(),
            (None, last) => lead()
                .filter(|name| !about(name, &span.text))
                .or_else(|| match last {
                    Some((p, s)) if *p + 1 == span.paragraph && (span.open == 0 || *continues) => {
                        s.clone()
                    }
                    _ => None,
                }),
        };
        // `they` are the last group that spoke (`the lawmakers`).
        let speaker = match speaker {
            Some(s) if s == THEY => out
                .iter()
                .rev()
                .filter_map(|q: &Quote| q.speaker.as_deref())
                .find(|s| is_group(s))
                .map(str::to_string),
            Some(s) if s == IT => it_speaker(paragraphs, found, span, &last_speaker, &merged),
            // `the 34-year-old nurse`, `her daughter`: a person named before.
            Some(s) if english => described(paragraphs, found, span, &s).or(Some(s)),
            // In other languages than English a pronoun stands for the
            // last person named before the quote, whether quoted or not
            // (`Hier sieht auch Bönte Vorteile. „…“, sagte er.`), else the
            // last person quoted in this paragraph or the two before.
            Some(s) if s == PERSON => surnames
                .as_ref()
                .and_then(|n| n.latest_before(paragraphs, span, &merged, &spoken))
                .or_else(|| {
                    last_person
                        .as_ref()
                        .filter(|(p, _)| p + 2 >= span.paragraph)
                        .map(|(_, name)| name.clone())
                }),
            other => other,
        };
        if let Some(cues) = cues
            && let Some(name) = speaker.as_ref().filter(|s| cues.is_name(s))
        {
            if let Some(surname) = name.split_whitespace().last() {
                spoken.insert(surname.to_string(), name.clone());
            }
            last_person = Some((span.paragraph, name.clone()));
        }
        last_speaker = Some((span.paragraph, speaker.clone()));
        out.push(Quote {
            text: span.text.clone(),
            speaker,
        });
    }
    out
}

/// Words of kinship: `her daughter` is the daughter the text named.
const KIN: &[&str] = &[
    "daughter",
    "son",
    "wife",
    "husband",
    "mother",
    "father",
    "brother",
    "sister",
    "widow",
    "widower",
    "partner",
    "fiancée",
    "fiance",
    "fiancé",
    "grandson",
    "granddaughter",
    "niece",
    "nephew",
    "aunt",
    "uncle",
    "cousin",
    "mom",
    "mum",
    "dad",
    "parents",
];

/// Words after an apposition's head noun (`a nurse from Hamburg`).
const APPOSITION_ENDS: &[&str] = &[
    "from", "at", "in", "of", "with", "who", "for", "on", "and", "whose", "which", "that",
];

/// The person a description of a speaker stands for, when the text named
/// them before: by the age it gave them (`the 34-year-old nurse` after
/// `Jana Petersen, 34,`), or by the word the text wrote beside their name (`her
/// daughter` after `Her daughter, Angela Coleman-Briggs,`; `the nurse`
/// after `Jana Petersen, a nurse from Hamburg,`).
fn described(paragraphs: &[String], found: &Found, span: &Span, phrase: &str) -> Option<String> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if !(2..=4).contains(&words.len())
        || !matches!(
            words[0],
            "the" | "The" | "her" | "Her" | "his" | "His" | "their" | "Their"
        )
    {
        return None;
    }
    let before = |m: &&crate::entities::Mention| {
        m.kind == Kind::Person
            && !m.bracketed
            && (m.paragraph, m.start) < (span.paragraph, span.open)
    };
    let latest = |m: &&crate::entities::Mention| (m.paragraph, m.start);
    if let Some(age) = words.iter().find_map(|w| w.strip_suffix("-year-old")) {
        // The person the text gave that age (`Laura Mills, 29,`, `Mills
        // (29)`, `the 29-year-old Laura Mills`); the nearest name may be
        // the judge's or the victim's.
        let aged_before = format!("{age}-year-old");
        let aged = |m: &&crate::entities::Mention| {
            let Some(text) = paragraphs.get(m.paragraph) else {
                return false;
            };
            let after = &text[m.end..];
            let stated = [", ", " ("].iter().any(|lead| {
                after
                    .strip_prefix(lead)
                    .and_then(|rest| rest.strip_prefix(age))
                    .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
            });
            stated || text[..m.start].trim_end().ends_with(&aged_before)
        };
        return found
            .mentions
            .iter()
            .filter(before)
            .filter(aged)
            .max_by_key(latest)
            .map(|m| found.name_of(m).to_string());
    }
    let noun = words.last()?.to_lowercase();
    // Everyone has a lawyer; `his lawyer` after another man's lawyer was
    // named is rarely the same one. Kin are fewer.
    if !words[0].eq_ignore_ascii_case("the") && !KIN.contains(&noun.as_str()) {
        return None;
    }
    let is_noun = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
            == noun
    };
    found
        .mentions
        .iter()
        .filter(before)
        .filter(|m| {
            let Some(text) = paragraphs.get(m.paragraph) else {
                return false;
            };
            let (pre, post) = (&text[..m.start], &text[m.end..]);
            // `Her daughter, Angela …` (a title right before a name is a
            // role the caller has tried already).
            let right_before = pre
                .trim_end()
                .strip_suffix(',')
                .and_then(|p| p.split_whitespace().last())
                .is_some_and(is_noun);
            // `Jana Petersen, a 34-year-old nurse from Hamburg,`: the
            // apposition's head noun, its last word before a comma or a
            // preposition (not `army` in `an Indian army officer`).
            let apposed = post.strip_prefix(", ").is_some_and(|rest| {
                let mut ws = rest.split_whitespace();
                if !matches!(ws.next(), Some("a" | "an" | "the")) {
                    return false;
                }
                let mut head = None;
                for w in ws.take(6) {
                    if APPOSITION_ENDS.contains(&w) {
                        break;
                    }
                    head = Some(w);
                    if w.ends_with([',', '.', ';']) {
                        break;
                    }
                }
                head.is_some_and(is_noun)
            });
            right_before || apposed
        })
        .max_by_key(latest)
        .map(|m| found.name_of(m).to_string())
}

/// `Aderholt returned to the issue later in the hearing. “What …?”`: a
/// quote that stands right after a sentence opening with a person's name,
/// in the same paragraph, is that person's.
fn lead_in(lex: &Lexicon, found: &Found, paragraphs: &[String], span: &Span) -> Option<String> {
    let text = paragraphs[span.paragraph].as_str();
    let split = found.sentences.get(span.paragraph)?;
    let k = split.partition_point(|&(_, e)| e <= span.open);
    let &(start, end) = split.get(k.checked_sub(1)?)?;
    let sentence = text.get(start..end)?.trim();
    let between = text.get(end..span.open)?;
    if !between.trim().is_empty()
        || !sentence.ends_with('.')
        || sentence.contains(['“', '”', '"', '«', '»', '„'])
    {
        return None;
    }
    let opens = start + (text[start..end].len() - text[start..end].trim_start().len());
    let person_at = |at: usize| found.person_at(span.paragraph, at);
    // `…, but expect a different flavour, says Yao. “They cannot …”`: the
    // sentence before ends in its attribution.
    let body = text[start..end].trim_end().trim_end_matches('.');
    if let Some(comma) = body.rfind(", ").map(|k| start + k + 2) {
        let clause = &text[comma..start + body.len()];
        let words = words_of(clause, comma);
        let is_verb = |w: &(usize, &str)| lex.speech_verbs.contains(w.1);
        // `says Yao` or `Yao says`: the name, as the record gives names.
        let phrase = match words.as_slice() {
            [verb, name @ ..] if is_verb(verb) && !name.is_empty() => inverted(lex, text, name),
            [name @ .., verb] if is_verb(verb) && !name.is_empty() => {
                Some(text[name[0].0..verb.0].trim().to_string())
            }
            _ => None,
        };
        if words.len() <= 5
            && let Some(phrase) = phrase.filter(|p| {
                p.split_whitespace().count() <= 4
                    && p.split_whitespace()
                        .all(|w| w.starts_with(char::is_uppercase))
            })
        {
            return resolve(lex, found, span, &phrase, text);
        }
    }
    let first = person_at(opens)?;
    let possessive = text[first.end..].starts_with(['’', '\'']);
    if !possessive {
        return Some(found.name_of(first).to_string());
    }
    // `Bolger’s lawyer, Jeremy Robinson, had …`: the person named in the
    // appositive, not the one whose lawyer they are.
    let comma = first.end + text[first.end..end].find(", ")?;
    let named = person_at(comma + 2)?;
    text[named.end..end]
        .starts_with(',')
        .then(|| found.name_of(named).to_string())
}

/// The quote speaks about `name` (its surname, or a third person opening
/// it: `John Smith was sentenced. “He showed no remorse.”`), so it is not
/// theirs.
fn about(name: &str, quote: &str) -> bool {
    let surname = name.split_whitespace().last().unwrap_or(name);
    let first = quote.split_whitespace().next().unwrap_or("");
    matches!(first, "He" | "She" | "His" | "Her" | "Him")
        || quote
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| w == surname)
}

/// `Erekat said it was only the latest move by the US. ¶ “They wanted us
/// on our knees …”`: a paragraph that is a quote, after a paragraph of
/// reported speech without quotes, is the reporting person's: the last one
/// named right before or after a verb of saying.
fn reported_before(
    lex: &Lexicon,
    found: &Found,
    paragraphs: &[String],
    span: &Span,
) -> Option<String> {
    if span.open != 0 || span.paragraph == 0 {
        return None;
    }
    let p = span.paragraph - 1;
    let prev = paragraphs[p].as_str();
    if prev.contains(['“', '”', '"', '«', '»', '„']) {
        return None;
    }
    let verb = |w: Option<&str>| {
        w.map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .is_some_and(|w| lex.speech_verbs.contains(w))
    };
    found
        .people_in(p, 0..prev.len())
        .filter(|m| !m.bracketed)
        .filter(|m| {
            verb(prev.get(m.end..).and_then(|t| t.split_whitespace().next()))
                || verb(
                    prev.get(..m.start)
                        .and_then(|t| t.split_whitespace().next_back()),
                )
        })
        .max_by_key(|m| m.start)
        .map(|m| found.name_of(m).to_string())
}

/// Who `it` is: the organisation that spoke last, in this paragraph or the
/// one before (`…, the agency said. “…,” it added`), else one that opened a
/// sentence there (`Apple cut prices on Monday. It said …`). More often than
/// an organisation named further back, `it` is a thing no entity names
/// (`the letter`, `the report`): then nobody.
fn it_speaker(
    paragraphs: &[String],
    found: &Found,
    span: &Span,
    last_speaker: &Option<(usize, Option<String>)>,
    quotes: &[(Span, bool)],
) -> Option<String> {
    // A name inside a quotation is what was said, not who said it.
    // Quotes come in text order and never overlap: the one that could hold
    // a mention is the last to open before it.
    let quoted = |m: &crate::entities::Mention| in_quote(quotes, m.paragraph, m.start);
    let recent = |paragraph: usize| paragraph <= span.paragraph && paragraph + 1 >= span.paragraph;
    let subject = found
        .mentions
        .iter()
        .filter(|m| {
            m.kind == Kind::Organization
                && (m.paragraph, m.start) < (span.paragraph, span.open)
                && recent(m.paragraph)
                && found.first_in_sentence(m)
                && !quoted(m)
                && !object(&paragraphs[m.paragraph][..m.start])
        })
        .max_by_key(|m| (m.paragraph, m.start));
    // The subject of the quote's own paragraph comes last of all.
    if let Some(m) = subject.filter(|m| m.paragraph == span.paragraph) {
        return Some(found.name_of(m).to_string());
    }
    if let Some((p, Some(name))) = last_speaker
        && recent(*p)
        && let bare = name.strip_prefix("the ").unwrap_or(name)
        && found
            .entities
            .iter()
            .any(|(kind, n, _)| *kind == Kind::Organization && n == bare)
    {
        return Some(name.clone());
    }
    subject.map(|m| found.name_of(m).to_string())
}

/// Byte `at` of paragraph `p` is inside one of `quotes`. Quotes come in
/// text order and never overlap: the one that could hold it is the last to
/// open before it.
fn in_quote(quotes: &[(Span, bool)], p: usize, at: usize) -> bool {
    let k = quotes.partition_point(|(q, _)| (q.paragraph, q.open) <= (p, at));
    k.checked_sub(1)
        .is_some_and(|k| quotes[k].0.paragraph == p && at < quotes[k].0.close)
}

/// The words before a name make it the object of a preposition (`sent to
/// the FBI`), not a sentence's subject.
fn object(before: &str) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "to", "by", "from", "of", "with", "at", "in", "for", "on", "against", "about", "into",
        "over", "under", "between", "among", "than", "like", "via", "per",
    ];
    let mut words = before.split_whitespace().rev();
    let word = match words.next() {
        Some(w) if w.eq_ignore_ascii_case("the") => words.next(),
        other => other,
    };
    word.is_some_and(|w| PREPOSITIONS.contains(&w))
}

/// A quoted title or name (`“Keep An Open Channel”`), not speech.
fn is_title(text: &str) -> bool {
    // (Most quotes are longer: no need to look at their words.)
    if text.split_whitespace().nth(6).is_some() {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() <= 6 && !text.ends_with(['.', ',', '!', '?']) && words.iter().all(|w| capital(w))
}

/// Starts with a capital, or with no letter (`2024`, `“Glory`).
fn capital(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
}

/// A show's or a book's name in title case, with the stop or comma American
/// style sets inside the quotes (`on “Meet the Press.”`, `“Fox News
/// Sunday,”`, `“The Grapes of Wrath.”`): no speech unless someone says it
/// (`“Absolutely Not,” Shapiro said`).
fn is_titled_work(text: &str) -> bool {
    const SMALL: &[&str] = &[
        "the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "with", "from", "or",
    ];
    let bare = text.trim_end_matches(['.', ',']);
    if bare.split_whitespace().nth(6).is_some() {
        return false;
    }
    let words: Vec<&str> = bare.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !bare.ends_with(['!', '?'])
        && words.first().is_some_and(|w| capital(w))
        && words.last().is_some_and(|w| capital(w))
        && words.iter().filter(|w| capital(w)).count() >= 2
        && words.iter().all(|w| capital(w) || SMALL.contains(w))
}

/// The words before a quote make it a name (`told NBC’s “Meet the
/// Press”`, `said on “Fox News Sunday”`): a possessive or a preposition.
fn names_a_work(before: &str) -> bool {
    let before = before.trim_end();
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    last.ends_with("'s")
        || last.ends_with("’s")
        || last.ends_with("s'")
        || last.ends_with("s’")
        || matches!(
            last,
            "on" | "in" | "of" | "from" | "to" | "at" | "titled" | "called"
        )
}

/// Words with their byte offsets.
fn words_of(text: &str, base: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || matches!(c, '\'' | '’' | '.' | '-' | '&');
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((base + s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((base + s, &text[s..]));
    }
    out.into_iter()
        .map(|(o, w)| (o, w.trim_end_matches('.')))
        .filter(|(_, w)| !w.is_empty())
        .collect()
}

/// The speaker named around a quote, if any.
fn attribute(
    lex: &Lexicon,
    paragraphs: &[String],
    found: &Found,
    span: &Span,
) -> Option<Option<String>> {
    // A quote that ends its sentence (`….”`) is attributed before it
    // (`the official replied: “….”`); the words after it start the next
    // sentence. Otherwise the attribution after it comes first (`“…,” X
    // said`).
    let full_stop = span
        .text
        .trim_end_matches(['’', '\'', '"', '”'])
        .ends_with('.');
    // `X called it “…,” and Y said Congress should act`: what follows a
    // conjunction is another clause with a speaker of its own.
    let text = paragraphs[span.paragraph].as_str();
    let next_clause = span
        .after(text)
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| matches!(w, "and" | "while" | "but" | "whereas"));
    if full_stop || next_clause {
        attribute_before(lex, paragraphs, found, span)
            .or_else(|| attribute_after(lex, paragraphs, found, span))
    } else {
        attribute_after(lex, paragraphs, found, span)
            .or_else(|| attribute_before(lex, paragraphs, found, span))
    }
}

/// `“…,” X said`, `“…,” said X`, `“…,” according to X`.
fn attribute_after(
    lex: &Lexicon,
    paragraphs: &[String],
    found: &Found,
    span: &Span,
) -> Option<Option<String>> {
    let text = paragraphs[span.paragraph].as_str();
    let is_verb = |w: &str| lex.speech_verbs.contains(w);
    // After the quote: `,” X said` or `,” said X`, up to the next quote or
    // the end of the sentence.
    let after = span.after(text);
    let after_end = span.close + after.len();
    let after_words = words_of(after, span.close);
    // `“…” Dr. Sobhi Skaik, the director of the Turkish Friendship
    // Hospital in the central Gaza Strip, said`: after a name, its
    // description may be long.
    let named = after_words
        .iter()
        .take(2)
        .any(|&(at, _)| found.person_at(span.paragraph, at).is_some());
    let window = if named { 40 } else { 16 };
    // `“…” comments David Moura-George`: a verb that is also a noun counts
    // only right after the quote, before a name or a description.
    let inverted_first = after_words
        .first()
        .is_some_and(|(_, w)| lex.inverted_speech_verbs.contains(*w))
        && after_words
            .get(1)
            .is_some_and(|(_, w)| w.starts_with(char::is_uppercase) || *w == "the");
    let found_verb = if inverted_first {
        Some(0)
    } else {
        after_words
            .iter()
            .take(window)
            .position(|(_, w)| is_verb(w))
    };
    if let Some(v) = found_verb {
        // `…”, saying he trusted the courts`: what follows `saying` is what
        // was said, not who said it.
        if v == 0 && !after_words[0].1.ends_with("ing") {
            if let Some(phrase) = inverted(lex, text, &after_words[1..]).filter(|p| !p.is_empty()) {
                if let Some(name) =
                    appositive_person(found, span, text, &after_words[1..], after_end)
                {
                    return Some(Some(name));
                }
                return Some(resolve(lex, found, span, &phrase, text));
            }
        } else if ends_clause(text, span)
            && !reports_other(text, span, &after_words, v)
            && let Some(speaker) =
                subject(lex, found, span, text, after_words[0].0, after_words[v].0)
        {
            return Some(speaker);
        } else if INVERTING.contains(&after_words[v].1)
            && text[..after_words[v].0].trim_end().ends_with(',')
            && let Some(phrase) =
                inverted(lex, text, &after_words[v + 1..]).filter(|p| !p.is_empty())
        {
            // `Sondland was known for telling others “…” despite being the
            // envoy, said another witness, Fiona Hill.`: the sentence is
            // the speaker's, reported.
            if let Some(name) =
                appositive_person(found, span, text, &after_words[v + 1..], after_end)
            {
                return Some(Some(name));
            }
            return Some(resolve(lex, found, span, &phrase, text));
        }
    }
    // `“It makes for a compelling story” if you have blackouts, Mr. Powers
    // said.`: a sentence that ends in `, X said` is X's, quote and all.
    if let Some(&(verb, word)) = after_words.last()
        && after_words.len() > 1
        && is_verb(word)
        && !word.ends_with("ing")
        && text[verb + word.len()..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '.' | '!' | '?'))
        && let Some(comma) = text[span.close..verb]
            .rfind(',')
            .map(|k| span.close + k + 1)
        && text[comma..verb].split_whitespace().count() <= 5
        && let Some(speaker) = subject(lex, found, span, text, comma, verb)
    {
        return Some(speaker);
    }
    if let Some(speaker) = according_to(lex, found, span, text, after, span.close) {
        return Some(speaker);
    }
    None
}

/// After a quote that ends its sentence, a new sentence whose verb of
/// saying takes a clause or opens another quote reports something else
/// (`“Do you feel any guilt?” The prime minister admitted that he did.`),
/// not the quote.
fn reports_other(text: &str, span: &Span, after_words: &[(usize, &str)], verb: usize) -> bool {
    let ends_sentence = span
        .text
        .trim_end_matches(['’', '\'', '"', '”'])
        .ends_with(['.', '?', '!']);
    let clause = || {
        after_words
            .get(verb + 1)
            .is_some_and(|(_, w)| matches!(*w, "that" | "how" | "whether" | "what" | "why"))
    };
    // `Young did criticize what he called “experiments”`: the verb opens
    // the next quote.
    let opens_next = || {
        let (at, word) = after_words[verb];
        text[at + word.len()..]
            .trim_start()
            .starts_with(['“', '"', '‘', '«'])
    };
    ends_sentence
        && after_words
            .first()
            .is_some_and(|(_, w)| w.starts_with(char::is_uppercase))
        && (clause() || opens_next())
}

/// `X said: “…”`, `X said the talks were “…”`, `according to X, “…”`.
fn attribute_before(
    lex: &Lexicon,
    paragraphs: &[String],
    found: &Found,
    span: &Span,
) -> Option<Option<String>> {
    let sentence = span.sentence;
    let text = paragraphs[span.paragraph].as_str();
    let is_verb = |w: &str| lex.speech_verbs.contains(w);
    // Before the quote, in the same sentence: `X said: “…”`, `X said the
    // talks were “…”`.
    let before_start = span.before_start(text);
    let before = &text[before_start..span.open];
    let before_words = words_of(before, before_start);
    if let Some(v) = before_words.iter().rposition(|(_, w)| is_verb(w)) {
        if v == 0
            || before_words[..v]
                .iter()
                .all(|(_, w)| AUXILIARIES.contains(w))
        {
            if let Some(phrase) =
                inverted(lex, text, &before_words[v + 1..]).filter(|p| !p.is_empty())
            {
                return Some(resolve(lex, found, span, &phrase, text));
            }
        } else if before_words[v].1.ends_with("ing") || coordinated(text, &before_words[..v]) {
            // `…, saying “…”`, `Chris Bowen rejected the criticism and said
            // “…”`: the subject of the main clause, the first person of the
            // sentence; else the quote before it speaks.
            if let Some(m) = found
                .people_in(span.paragraph, sentence.0..before_words[v].0)
                .next()
            {
                return Some(Some(found.name_of(m).to_string()));
            }
        } else if matches!(before_words[v - 1].1, "was" | "were" | "been" | "being") {
            // `the Indian side was warned that such “…”`: a passive names
            // who heard it, not who said it.
        } else if NAMING_VERBS.contains(&before_words[v].1)
            && text[before_words[v].0 + before_words[v].1.len()..span.open]
                .trim()
                .is_empty()
        {
            return Some(namer(lex, found, span, text, before_words[v - 1]));
        } else {
            let verb = before_words[v].0;
            if let Some(speaker) = subject(
                lex,
                found,
                span,
                text,
                clause_start(text, before_start, verb),
                verb,
            ) {
                return Some(speaker);
            }
        }
    }
    if let Some(speaker) = according_to(lex, found, span, text, before, before_start) {
        return Some(speaker);
    }
    colon_clause(lex, found, span, text, before, before_start)
}

/// The speaker named around a quote in a language with [`Cues`]: the
/// attribution after it first, then the one before it in its sentence.
fn attribute_with(
    lex: &Lexicon,
    cues: &Cues,
    surnames: &Surnames,
    paragraphs: &[String],
    span: &Span,
) -> Option<Option<String>> {
    let text = paragraphs[span.paragraph].as_str();
    let after = span.after(text);
    // After a quote that ends its sentence (`„… gestartet.“ Laut einer
    // Studie …`), a capital opens the next sentence, not an attribution.
    let ends_sentence =
        span.text.ends_with(['.', '!', '?']) && after.trim_start().starts_with(char::is_uppercase);
    let given = &lex.given_names;
    let speaker = (!ends_sentence)
        .then(|| cues.after(after, given))
        .flatten()
        .or_else(|| cues.before(&text[span.before_start(text)..span.open], given))?;
    Some(match speaker {
        Speaker::Name(name) => Some(surnames.full(lex, cues, &name)),
        // `der optimistische Torgersen`: a person the text named before,
        // after lower-case words only (not `o governador de Santa
        // Catarina`, a place; not `le Paris Saint-Germain`, a club).
        Speaker::Description(description) => {
            let words: Vec<&str> = description.split_whitespace().collect();
            let person = match words.split_last() {
                Some((last, before))
                    if before.iter().skip(1).all(|w| {
                        (cues.capitalised_nouns || !w.starts_with(char::is_uppercase))
                            && !cues.ties(w)
                    }) =>
                {
                    surnames.full.get(*last).cloned()
                }
                _ => None,
            };
            Some(person.unwrap_or(description))
        }
        Speaker::Pronoun => Some(PERSON.to_string()),
        // An attribution that names no one readable: not the one who spoke
        // before (`“…”, zei burgemeester …` after a quote of Rutte's).
        Speaker::Nobody => None,
        // `“…”, dijo.`: the subject left out is the one who spoke before.
        Speaker::Omitted => return None,
    })
}

/// People's full names in a document, by surname: a known given name
/// followed by a capitalised word (`Jann Jakobs`), so that a later `so
/// Jakobs` gives the full name. Built in one pass over the text.
pub(crate) struct Surnames {
    full: HashMap<String, String>,
}

impl Surnames {
    fn new(lex: &Lexicon, paragraphs: &[String], capitalised_nouns: bool) -> Surnames {
        let mut full = HashMap::default();
        for text in paragraphs {
            // The name so far: a given name and the capitalised words after
            // it (`Joan Jesús Vaquero Enseñat`); each of them names it.
            let mut run: Option<String> = None;
            // A sentence opens with a capital whatever the word: there a
            // given name that is also a word (`Von`, `Will`) is the word.
            let mut opens = true;
            for token in text.split_whitespace() {
                let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                let ends = token.ends_with(|c: char| !c.is_alphanumeric());
                let next = match run.take() {
                    Some(name)
                        if word.starts_with(char::is_uppercase)
                            && word.chars().any(char::is_lowercase) =>
                    {
                        // Where nouns are capitalised, the first word
                        // after the first names ends the name (`Olaf Scholz
                        // Ende März`).
                        let surname = !lex.given_names.contains(word);
                        let name = format!("{name} {word}");
                        full.entry(word.to_string()).or_insert_with(|| name.clone());
                        (name.split(' ').count() < MAX_FULL_NAME_WORDS
                            && !(capitalised_nouns && surname))
                            .then_some(name)
                    }
                    _ => {
                        let given = lex.given_names.contains(word)
                            && !(opens && {
                                let lower = word.to_lowercase();
                                crate::cues::is_particle(&lower)
                                    || lex.common_words.contains(lower.as_str())
                            });
                        given.then(|| word.to_string())
                    }
                };
                run = next.filter(|_| !ends);
                opens = token.ends_with(['.', '!', '?', ':', '“', '”', '"', '«', '»', '„']);
            }
        }
        Surnames { full }
    }

    /// The last person named in the text right before a quote (this
    /// paragraph, and the end of the one before when this one is short),
    /// outside quotations: one of the document's full names or of the
    /// people quoted so far. The window is bounded, so that many pronouns
    /// in a long paragraph cost no more than the text.
    fn latest_before(
        &self,
        paragraphs: &[String],
        span: &Span,
        quotes: &[(Span, bool)],
        spoken: &HashMap<String, String>,
    ) -> Option<String> {
        let window = |p: usize, end: usize| {
            let text = paragraphs[p].as_str();
            let mut start = end.saturating_sub(PRONOUN_WINDOW);
            while !text.is_char_boundary(start) {
                start += 1;
            }
            (p, start, end)
        };
        let mut windows = vec![window(span.paragraph, span.open)];
        if windows[0].1 == 0
            && let Some(p) = span.paragraph.checked_sub(1)
        {
            windows.push(window(p, paragraphs[p].len()));
        }
        windows.into_iter().find_map(|(p, start, end)| {
            let text = &paragraphs[p];
            text[start..end].split_whitespace().rev().find_map(|token| {
                // Where the token sits in its paragraph.
                let at = token.as_ptr() as usize - text.as_ptr() as usize;
                if in_quote(quotes, p, at) {
                    return None;
                }
                let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                spoken.get(word).or_else(|| self.full.get(word)).cloned()
            })
        })
    }

    /// `name` in its fullest form in the document: a surname, or a run
    /// without a known first name (a title the attribution ran into:
    /// `Arbeitsrechtlerin Bürger` → `Kathrin Bürger`), by a word the
    /// document gave a first name, last first; else as the cues read it.
    fn full(&self, lex: &Lexicon, cues: &Cues, name: &str) -> String {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.first().is_some_and(|w| lex.given_names.contains(*w)) {
            return name.to_string();
        }
        words
            .iter()
            .rev()
            .find_map(|w| self.full.get(*w))
            .cloned()
            .unwrap_or_else(|| cues.surname_run(name))
    }
}

/// Who names the quote after a naming verb: the pronoun or the person right
/// before the verb (`what he called`, `what Smith called`), else nobody
/// (`what's called`, `advice called`).
fn namer(
    lex: &Lexicon,
    found: &Found,
    span: &Span,
    text: &str,
    word: (usize, &str),
) -> Option<String> {
    let (at, w) = word;
    // Not `it`: what `it called` refers to is rarely the last organisation
    // named.
    if PRONOUNS.contains(&w) || PLURAL_PRONOUNS.contains(&w) {
        return resolve(lex, found, span, w, text);
    }
    found
        .people_in(span.paragraph, 0..at + w.len())
        .find(|m| m.end == at + w.len())
        .map(|m| found.name_of(m).to_string())
}

/// `…, he went on: “…”`: a short clause that ends in a colon right before
/// the quote and opens with a pronoun or a person's name, whatever its verb.
fn colon_clause(
    lex: &Lexicon,
    found: &Found,
    span: &Span,
    text: &str,
    before: &str,
    base: usize,
) -> Option<Option<String>> {
    let trimmed = before.trim_end();
    if !trimmed.ends_with(':') {
        return None;
    }
    let from = trimmed.rfind([',', ';', '.']).map_or(0, |k| k + 1);
    let words = words_of(&trimmed[from..], base + from);
    if !(2..=5).contains(&words.len()) {
        return None;
    }
    let (at, first) = words[0];
    if PRONOUNS.contains(&first) || PLURAL_PRONOUNS.contains(&first) {
        return Some(resolve(lex, found, span, first, text));
    }
    found
        .person_at(span.paragraph, at)
        .map(|m| Some(found.name_of(m).to_string()))
}

/// `according to X` in `region` (which starts at byte `base` of `text`).
fn according_to(
    lex: &Lexicon,
    found: &Found,
    span: &Span,
    text: &str,
    region: &str,
    base: usize,
) -> Option<Option<String>> {
    // Byte-wise and ASCII-only: an offset found in a lower-cased copy need
    // not be one in `region` (`İ` grows by a byte when lowered).
    let k = region
        .as_bytes()
        .windows(ACCORDING_TO.len())
        .position(|w| w.eq_ignore_ascii_case(ACCORDING_TO.as_bytes()))?;
    let rest = words_of(
        &region[k + ACCORDING_TO.len()..],
        base + k + ACCORDING_TO.len(),
    );
    inverted(lex, text, &rest).map(|p| resolve(lex, found, span, &p, text))
}

/// The quote closes its clause (`“…,” she said`, `“…”, she said`), so that
/// words after it can be its attribution rather than the rest of a
/// sentence that only quotes a phrase (`could “look their best” to …`).
fn ends_clause(text: &str, span: &Span) -> bool {
    span.text
        .trim_end_matches(['’', '\'', '"'])
        .ends_with([',', '.', '!', '?', '…', '-', '–', '—'])
        || text[span.close..].trim_start().starts_with([',', '.'])
}

/// The person an inverted description names after a comma (`said a
/// spokeswoman for the agency, Jane Doe`), when the words right after the
/// verb (`words`, up to `end`) open with no person: the first person of
/// the rest of the sentence that a comma sets off.
fn appositive_person(
    found: &Found,
    span: &Span,
    text: &str,
    words: &[(usize, &str)],
    end: usize,
) -> Option<String> {
    let start = words.first()?.0;
    // The same scan as `resolve` makes for a phrase's names.
    let first = found
        .people_in(span.paragraph, start..end)
        .min_by_key(|m| m.start)?;
    // `said Daniel Russell, …`: the person opens the phrase itself.
    if first.start == start || !text[start..first.start].contains(',') {
        return None;
    }
    Some(found.name_of(first).to_string())
}

/// `said Daniel Russell, the top US diplomat` → `Daniel Russell`.
fn inverted(lex: &Lexicon, text: &str, words: &[(usize, &str)]) -> Option<String> {
    let first = words.first()?;
    // `said in a statement that was obtained by …`: no speaker follows.
    if AUXILIARIES.contains(&first.1) || AFTER_STOP.contains(&first.1) {
        return None;
    }
    let mut end = first.0 + first.1.len();
    for (i, &(o, w)) in words.iter().enumerate() {
        if i > 0 {
            // `said Mr. Scott`: the stop of a title is no break.
            let gap = text.get(end..o).unwrap_or("");
            let title_stop = gap.trim_end() == "."
                && (lex.abbreviations.contains(words[i - 1].1)
                    || crate::entities::is_initial(words[i - 1].1));
            if AFTER_STOP.contains(&w)
                || !title_stop && gap.contains([',', '.', ';', ':', '(', '—', '–'])
            {
                break;
            }
        }
        if i >= 8 {
            return None;
        }
        end = o + w.len();
    }
    Some(text[first.0..end].trim().to_string())
}

/// The verb is the second of two joined by `and` (`rejected the criticism
/// and said`, `and later told`): the words before it end in `and` with no
/// comma before it.
fn coordinated(text: &str, before: &[(usize, &str)]) -> bool {
    let Some(k) = before.iter().rposition(|&(_, w)| !AUXILIARIES.contains(&w)) else {
        return false;
    };
    let (at, word) = before[k];
    word == "and" && !text[..at].trim_end().ends_with(',')
}

/// Where the clause of the verb at `verb` starts: after the last
/// semicolon, colon or clause word (`that`, `but`, `while`, …).
fn clause_start(text: &str, from: usize, verb: usize) -> usize {
    // Clause words inside a relative clause right before the verb (`Hunt,
    // who replaced Kwarteng as chancellor, said`) belong to that clause.
    let scan_end = closed_relative(text, &segments(&text[from..verb], from), verb).unwrap_or(verb);
    let words = words_of(&text[from..scan_end], from);
    let mut start = from;
    for (i, &(o, w)) in words.iter().enumerate() {
        // `and` joins names and nouns (`Trump and his administration`,
        // `disease prevention and control centre`) more often than it
        // starts a clause: only after a comma, before a pronoun, or right
        // before the verb (`left the court with his lawyers and told`).
        let joins = w.eq_ignore_ascii_case("and")
            && !text[..o].trim_end().ends_with(',')
            && !words.get(i + 1).is_some_and(|&(_, next)| {
                PRONOUNS.contains(&next) || PLURAL_PRONOUNS.contains(&next) || next == "it"
            })
            && !words[i + 1..]
                .iter()
                .all(|(_, next)| AUXILIARIES.contains(next));
        if !joins && CLAUSE_WORDS.contains(&w.to_lowercase().as_str()) {
            start = words.get(i + 1).map_or(verb, |&(o, _)| o);
        }
    }
    match text[start..verb].rfind([';', ':']) {
        Some(k) => start + k + 1,
        None => start,
    }
}

/// The speaker named by the words `start..verb` before a verb of saying.
/// A person named there wins over a description after the name
/// (`Hayley Walsh, 42, a lecturer from Nottingham, said`), but not over a
/// description that is the subject itself (`Asked about Biden, the
/// official said`).
fn subject(
    lex: &Lexicon,
    found: &Found,
    span: &Span,
    text: &str,
    start: usize,
    verb: usize,
) -> Option<Option<String>> {
    let people: Vec<&crate::entities::Mention> =
        found.people_in(span.paragraph, start..verb).collect();
    let mut segs = segments(&text[start..verb], start);
    // A relative clause after the subject (`Hunt, who replaced Kwarteng,
    // said`) names others, not the speaker.
    if segs.len() > 1 && closed_relative(text, &segs, verb).is_some() {
        segs.pop();
    }
    // `Lawmakers, led by Mike Gallagher, R-Wis., requested`: the phrase
    // names the agent (and what follows it describes the agent), not the
    // speaker.
    let mut end = verb;
    if let Some(k) = segs.iter().skip(1).position(|&(_, seg)| agent_phrase(seg)) {
        end = segs[k + 1].0;
        segs.truncate(k + 1);
    }
    // `Amazon, the retailer, last year pledged`: a time is no speaker.
    while segs.len() > 1 && segs.last().is_some_and(|&(_, seg)| time_phrase(seg)) {
        segs.pop();
    }
    let has_person = |&(o, seg): &(usize, &str)| {
        people
            .iter()
            .find(|m| m.start >= o && m.end <= o + seg.len())
            .copied()
    };
    if let Some(last) = segs
        .last()
        .filter(|(_, seg)| document_holder(seg).is_none())
    {
        if let Some(m) = has_person(last) {
            return Some(Some(found.name_of(m).to_string()));
        }
        // An appositive after the name (`Hayley Walsh, 42, a lecturer from
        // Nottingham,`): an indefinite description, an age, a lower-case
        // phrase or a place. A definite one is the subject itself (`Asked
        // about Biden, the official said`).
        let first_word = last.1.split_whitespace().next().unwrap_or("");
        // A US party and state tag (`Mike Gallagher, R-Wis.,`).
        let party = first_word.as_bytes();
        let party_tag = party.len() >= 3
            && matches!(party[0], b'R' | b'D' | b'I')
            && party[1] == b'-'
            && party[2].is_ascii_uppercase();
        // A title (`Peter White, SVP of enterprise AI at Automation
        // Anywhere,`, `…, Managing Director of Athena Advisers,`).
        let title = last
            .1
            .split_whitespace()
            .take(2)
            .any(|w| w.starts_with(char::is_uppercase) && lex.is_role(w));
        // `Mary Jones, the union leader, said`: a definite description
        // right after a segment that is only a name describes the name.
        let name_before = segs.len() >= 2 && {
            let (at, seg) = segs[segs.len() - 2];
            // A title may stand before it (`Dr. Sobhi Skaik`).
            people.iter().any(|m| {
                m.end == at + seg.len()
                    && m.start >= at
                    && text[at..m.start].split_whitespace().count() <= 1
            })
        };
        // `Amina Diallo-Sesay, WHO's incident manager for Sudan,`: a role
        // of an organisation's or a country's, after a name.
        let possessive = first_word.ends_with("'s") || first_word.ends_with("’s");
        let appositive = party_tag
            || title
            || name_before && (matches!(first_word, "the" | "The") || possessive)
            || matches!(first_word, "a" | "an" | "A" | "An")
            || first_word
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
                && !matches!(first_word, "the" | "he" | "she" | "it" | "they" | "we")
            || found.mentions.iter().any(|m| {
                m.kind == Kind::Place && m.paragraph == span.paragraph && m.start == last.0
            });
        if appositive {
            for seg in segs.iter().rev().skip(1).take(4) {
                if let Some(m) = has_person(seg) {
                    return Some(Some(found.name_of(m).to_string()));
                }
            }
        }
    }
    let phrase = trim_subject(lex, &text[start..end]);
    if phrase.is_empty() {
        return None;
    }
    Some(resolve(lex, found, span, &phrase, text))
}

/// A participle with its agent (`led by …`, `backed by …`, `run by …`).
fn agent_phrase(segment: &str) -> bool {
    const IRREGULAR: &[&str] = &["led", "run", "held", "built", "made", "written", "taken"];
    let mut words = segment.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    second == "by"
        && first.chars().all(|c| c.is_ascii_lowercase())
        && (first.len() > 4 && first.ends_with("ed") || IRREGULAR.contains(&first))
}

/// A relative clause (`who …`, `which …`, `whose …`), or its pronoun alone.
fn relative(segment: &str) -> bool {
    let lead = segment.split_whitespace().next().unwrap_or("");
    ["who", "whom", "which", "whose"]
        .iter()
        .any(|r| lead.eq_ignore_ascii_case(r))
}

/// Where the last of `segments` starts, when it is a relative clause closed
/// by a comma before the verb at `verb` (`, who replaced Kwarteng, said`),
/// not the relative pronoun that is the verb's own subject (`, which says`).
fn closed_relative(text: &str, segments: &[(usize, &str)], verb: usize) -> Option<usize> {
    let &(at, seg) = segments.last()?;
    (relative(seg) && text[at + seg.len()..verb].contains(',')).then_some(at)
}

/// Verbs that make a phrase a clause (`the man could be heard`).
const MODALS: &[&str] = &[
    "will", "would", "could", "can", "should", "may", "might", "must", "have", "has", "had",
];

/// A time on its own (`last year`, `on Monday`, `earlier this week`): a
/// segment of a clause that is not its subject.
fn time_phrase(segment: &str) -> bool {
    // (With the days and periods of `WHEN`.)
    const TIME: &[&str] = &[
        "last",
        "this",
        "next",
        "earlier",
        "later",
        "on",
        "in",
        "morning",
        "afternoon",
        "evening",
        "night",
    ];
    let words: Vec<&str> = segment.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            let w = w.to_lowercase();
            TIME.contains(&w.as_str())
                || WHEN.contains(&w.as_str())
                || w.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Comma-separated parts of a clause, trimmed, with their offsets.
fn segments(clause: &str, base: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in clause.split(',') {
        let lead = part.len() - part.trim_start().len();
        let t = part.trim();
        if !t.is_empty() {
            out.push((base + at + lead, t));
        }
        at += part.len() + 1;
    }
    out
}

/// Documents that speak for whoever wrote them.
const DOCUMENTS: &[&str] = &[
    "letter",
    "statement",
    "report",
    "complaint",
    "filing",
    "lawsuit",
    "memo",
    "email",
    "release",
    "ruling",
    "motion",
    "indictment",
    "announcement",
];

/// The party whose document a phrase names (`The Conservatives’ letter to
/// …` → `The Conservatives`, `Apple's statement` → `Apple`).
fn document_holder(phrase: &str) -> Option<String> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let i = words.iter().take(4).position(|w| {
        ["’s", "'s", "s’", "s'"]
            .iter()
            .any(|mark| w.len() > mark.len() + 1 && w.ends_with(mark))
    })?;
    if !words.get(i + 1).is_some_and(|w| DOCUMENTS.contains(w)) {
        return None;
    }
    // Capitalised words (and an article) only: `the company’s letter` is
    // left to the description rules.
    if !words[..=i]
        .iter()
        .all(|w| matches!(*w, "the" | "The") || w.starts_with(char::is_uppercase))
    {
        return None;
    }
    // `Apple’s` → `Apple`; `The Conservatives’` → `The Conservatives`.
    let last = words[i];
    let holder = ["’s", "'s", "’", "'"]
        .iter()
        .find_map(|mark| last.strip_suffix(mark))
        .unwrap_or(last);
    let mut out: Vec<&str> = words[..i].to_vec();
    out.push(holder);
    Some(out.join(" "))
}

/// A definite description after a phrase that ends in `to`/`for` and a
/// name (`The Conservatives’ letter to Daniel Greenberg, the standards
/// commissioner,`) describes that name, not the subject. Not after an
/// opening phrase (`Asked about Biden, the official said`).
fn describes_object(before: &str, last: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().collect();
    let definite = last
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let opens_noun_phrase = words
        .first()
        .is_some_and(|w| matches!(*w, "The" | "A" | "An") || document_holder(before).is_some());
    definite
        && opens_noun_phrase
        && words
            .iter()
            .rposition(|w| matches!(*w, "to" | "for"))
            .is_some_and(|k| {
                k >= 1
                    && k + 1 < words.len()
                    && words[k + 1..]
                        .iter()
                        .all(|w| w.starts_with(char::is_uppercase))
            })
}

/// Drops auxiliaries before the verb and appositives after the name:
/// `Andy Vesey, PG&E’s chief executive, also` → `Andy Vesey`.
fn trim_subject(lex: &Lexicon, phrase: &str) -> String {
    let mut segments: Vec<&str> = phrase
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    while segments.len() > 1 && segments.last().is_some_and(|s| time_phrase(s)) {
        segments.pop();
    }
    let chosen = match segments.as_slice() {
        [] => "",
        [one] => one,
        [.., before, last] => {
            // A relative clause or a source (`Richardson, via USA Today,
            // said`) follows the subject.
            let lead = last.split_whitespace().next().unwrap_or("");
            if describes_object(before, last) {
                // `The attorney for Jane Roe, the plaintiff,`: who comes
                // before `for`, not the one described.
                let cut = [" to ", " for "]
                    .iter()
                    .filter_map(|p| before.rfind(p))
                    .max();
                cut.map_or(*before, |k| &before[..k])
            } else if relative(last) || matches!(lead, "via" | "per" | "citing") {
                before
            } else {
                last
            }
        }
    };
    // `The Conservatives’ letter to …`: a party's document speaks for it.
    if let Some(holder) = document_holder(chosen) {
        return holder;
    }
    // `…,” according to officials, who said`: the cue is no part of them.
    let chosen = match chosen.get(..ACCORDING_TO.len()) {
        Some(cue) if cue.eq_ignore_ascii_case(ACCORDING_TO) => &chosen[ACCORDING_TO.len()..],
        _ => chosen,
    };
    // `The Indian army in a statement said`: the medium is not the speaker.
    let chosen = [
        " in a ",
        " in an ",
        " in its ",
        " in his ",
        " in her ",
        " in their ",
    ]
    .iter()
    .filter_map(|m| chosen.find(m))
    .min()
    .map_or(chosen, |k| &chosen[..k]);
    let mut words: Vec<&str> = chosen.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| AUXILIARIES.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    // `The White House on Monday`, `Google late Friday`: when, not who.
    if let Some(k) = (1..words.len()).find(|&k| {
        let day = |w: &str| {
            let w = w.trim_end_matches(',');
            WHEN.iter().any(|d| d.eq_ignore_ascii_case(w))
        };
        day(words[k])
            || matches!(
                words[k],
                "on" | "late" | "early" | "last" | "this" | "earlier"
            ) && words.get(k + 1).is_some_and(|w| day(w))
    }) {
        words.truncate(k);
    }
    while words.first().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "and" | "but" | "so" | "yet" | "then" | "as"
        )
    }) {
        words.remove(0);
    }
    // A relative clause after the subject is not part of it: `An official
    // who asked not to be named`, `Residents who have lost their homes`.
    if let Some(k) = words.iter().skip(1).position(|w| relative(w)) {
        words.truncate(k + 1);
    }
    // A verb of saying inside the phrase reports another's speech when a new
    // subject follows it: `She said he then announced`, `The letter
    // described how committee members wrote` (not `A letter posted on social
    // media said`).
    if let Some(k) = words[..words.len().saturating_sub(1)]
        .iter()
        .rposition(|w| lex.speech_verbs.contains(*w))
    {
        let mut rest = k + 1;
        if matches!(
            words[rest].to_lowercase().as_str(),
            "how" | "that" | "what" | "why"
        ) {
            rest += 1;
        }
        let next = words.get(rest).copied().unwrap_or("");
        let subject = PRONOUNS.contains(&next)
            || PLURAL_PRONOUNS.contains(&next)
            || next.starts_with(char::is_uppercase)
            || rest > k + 1 && !next.is_empty();
        if subject {
            words.drain(..rest);
        }
    }
    // A phrase with a verb of its own is a clause, not a subject (`The event
    // will offer up the wines`). After a modal with no object, the subject
    // is what comes before it (`the man could be heard`).
    if words.is_empty() {
        return String::new();
    }
    if let Some(m) = words
        .iter()
        .position(|w| MODALS.contains(&w.to_lowercase().as_str()))
    {
        let object = words[m + 1..].iter().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my"
            )
        });
        if object || m == 0 {
            return String::new();
        }
        words.truncate(m);
    }
    // A long description is its head before a preposition (`lawmakers on
    // the House Select Committee on the Strategic Competition Between …`
    // → `lawmakers`).
    if words.len() > 8
        && let Some(p) = words
            .iter()
            .position(|w| matches!(*w, "on" | "of" | "from" | "at" | "in" | "for" | "with"))
            .filter(|&p| (1..=3).contains(&p))
        && words[..p]
            .iter()
            .all(|w| w.eq_ignore_ascii_case("the") || w.starts_with(char::is_lowercase))
    {
        words.truncate(p);
    }
    // `…”, but declined to say`: a verb before the infinitive, not a
    // subject.
    if words.len() > 8 || words.last().is_some_and(|w| w.eq_ignore_ascii_case("to")) {
        return String::new();
    }
    words.join(" ")
}

/// Nouns of a player's position after a nationality (`the Dominican
/// center`).
const PLAYER_NOUNS: &[&str] = &[
    "center",
    "centre",
    "forward",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "guard",
    "pitcher",
    "quarterback",
    "winger",
    "veteran",
    "youngster",
    "star",
    "driver",
    "rider",
    "champion",
    "teenager",
    "batter",
    "bowler",
    "sprinter",
];

/// Days and times a subject may be followed by (`Google on Friday said`).
const WHEN: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "week",
    "month",
    "year",
    "weekend",
];

/// A speaker phrase as the record gives it: a pronoun stands for the last
/// person named before the quote; a phrase holding a name gives the name's
/// fullest form; a description stays as written.
fn resolve(lex: &Lexicon, found: &Found, span: &Span, phrase: &str, text: &str) -> Option<String> {
    let phrase = phrase.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    // A title or abbreviation alone (`said Dr.` where the text ends) names
    // no one.
    let bare = phrase.trim_end_matches('.');
    if phrase.is_empty() || lex.abbreviations.contains(bare) {
        return None;
    }
    // `the Egyptian`, `the Dominican center`: a nationality for a person
    // named before, as sports and foreign news write (not `the Egyptian
    // government`).
    let demonym = {
        let mut words = phrase.split_whitespace();
        matches!(
            (words.next(), words.next(), words.next(), words.next()),
            (Some("the" | "The"), Some(d), next, None)
                if lex.demonyms.contains(d)
                    // (A person's nationality, not a people's: `the French`,
                    // `the Chinese`, `the Swiss` speak for a government.)
                    && !d.ends_with(['h', 's', 'e'])
                    && next.is_none_or(|n| PLAYER_NOUNS.contains(&n))
        )
    };
    if PRONOUNS.contains(&phrase) || demonym {
        // `he` is most often the subject of the story so far: the latest
        // person who comes first in a sentence, rather than the last name
        // written (`Starmer … gifts from Lord Alli. He said …`).
        // Not someone whose given name is the other sex's (`he` after
        // `Margaret Brindle`).
        let other_sex = match phrase {
            "he" | "He" => Some('f'),
            "she" | "She" => Some('m'),
            _ => None,
        };
        let before = |m: &&crate::entities::Mention| {
            m.kind == Kind::Person
                && !m.bracketed
                && (m.paragraph, m.start) < (span.paragraph, span.open)
                && (other_sex.is_none() || found.sex_of(m) != other_sex)
        };
        // Names earlier in the quote's own sentence are rarely its speaker
        // (`Asked about gifts from Lord Alli, he said`).
        let sentence = span.sentence.0;
        let subject = found
            .mentions
            .iter()
            .filter(before)
            .filter(|m| m.paragraph != span.paragraph || m.start < sentence)
            .filter(|m| found.first_person_in_sentence(m) && !m.after_pronoun)
            .max_by_key(|m| (m.paragraph, m.start));
        let latest = found
            .mentions
            .iter()
            .filter(before)
            .max_by_key(|m| (m.paragraph, m.start));
        // `the Egyptian`: the latest person the text called Egyptian.
        let national = demonym
            .then(|| phrase.split_whitespace().nth(1))
            .flatten()
            .and_then(|d| {
                found
                    .mentions
                    .iter()
                    .filter(before)
                    .filter(|m| found.has_nationality(m, d))
                    .max_by_key(|m| (m.paragraph, m.start))
            });
        return national
            .or(subject)
            .or(latest)
            .map(|m| found.name_of(m).to_string());
    }
    if phrase == "it" || phrase == "It" {
        // Resolved once the quote before is known.
        return Some(IT.to_string());
    }
    if PLURAL_PRONOUNS.contains(&phrase) {
        // Resolved against earlier speakers once all quotes are known.
        return Some(THEY.to_string());
    }
    // Where the phrase sits in the paragraph, to find the names inside it.
    let at = text.find(phrase);
    if let Some(at) = at {
        let end = at + phrase.len();
        let inside = |m: &&crate::entities::Mention| {
            m.paragraph == span.paragraph && m.start >= at && m.end <= end
        };
        if let Some(m) = found
            .mentions
            .iter()
            .filter(inside)
            .find(|m| m.kind == Kind::Person)
        {
            return Some(found.name_of(m).to_string());
        }
        // A named organisation or place is given by its entity name, with
        // or without its article (`the Commerce Department said` and `it
        // said` name one speaker, as the entity list does).
        let bare = ["the ", "The "]
            .iter()
            .find_map(|a| phrase.strip_prefix(a))
            .map_or(at, |rest| end - rest.len());
        if let Some(m) = found.mentions.iter().find(inside)
            && (m.start == at || m.start == bare)
            && m.end == end
        {
            return Some(found.name_of(m).to_string());
        }
    }
    // `the governor` after `Gov. Eric Holcomb`: the person who holds the
    // role, most recent first.
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if words.len() <= 4
        && words.first().is_some_and(|w| w.eq_ignore_ascii_case("the"))
        && let Some(noun) = words.last().map(|w| fold(w))
        && let Some(&(_, entity, _, _)) = found
            .roles
            .iter()
            .filter(|(role, _, p, o)| *role == noun && (*p, *o) < (span.paragraph, span.open))
            .max_by_key(|(_, _, p, o)| (*p, *o))
    {
        return Some(found.entities[entity].1.clone());
    }
    let first = phrase.split_whitespace().next().unwrap_or("");
    // Determiners open a description (`The official`), as numbers do
    // (`Six senior officials`, not in the opener list).
    if lex.openers.contains(first)
        && !matches!(first, "The" | "A" | "An" | "His" | "Her" | "Their" | "Its")
    {
        return None;
    }
    Some(phrase.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities;

    fn quotes_in(language: &str, paragraphs: &[&str]) -> Vec<Option<String>> {
        let lex = Lexicon::new();
        let paragraphs: Vec<String> = paragraphs.iter().map(|s| s.to_string()).collect();
        let extractor = crate::Extractor::new();
        let dateline = paragraphs
            .iter()
            .take(3)
            .find_map(|p| extractor.dateline(p));
        let found = extractor.found(&paragraphs, language == "en", dateline.as_ref());
        find(&lex, &paragraphs, &found, Some(language))
            .into_iter()
            .map(|q| q.speaker)
            .collect()
    }

    #[test]
    fn a_description_of_someone_named_before_is_their_name() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            quotes_in(
                "en",
                &[
                    "Commuter Jana Petersen, 34, waited at the main station on Tuesday evening.",
                    "\"At some point it is just too much,\" said the 34-year-old nurse.",
                    "Her daughter, Angela Coleman-Briggs, said her mother died peacefully.",
                    "\"She never talked about the fire unless you asked,\" her daughter said.",
                    "Col. Sofiya Qureshi, an Indian army officer, briefed reporters on Thursday.",
                    "\"Pakistan resorted to arbitrary firing across the line,\" the Indian army said.",
                ]
            ),
            [
                some("Jana Petersen"),
                some("Angela Coleman-Briggs"),
                some("the Indian army")
            ]
        );
        // An age names the person the text gave it, not the nearest name.
        assert_eq!(
            quotes_in(
                "en",
                &[
                    "Laura Mills, 29, admitted the theft at Leeds Crown Court on Monday.",
                    "Judge Rebecca Hart told the court the offence had been planned for weeks.",
                    "\"I am truly sorry for what I did,\" the 29-year-old said.",
                    "\"It was not me,\" said the 41-year-old, who was not named.",
                ]
            ),
            [some("Laura Mills"), some("the 41-year-old")]
        );
        // Someone's lawyer is not the lawyer of someone else named before.
        assert_eq!(
            quotes_in(
                "en",
                &[
                    "\"My client acted in the interest of the state,\" his lawyer, Hélène Marchetti, told reporters.",
                    "Paul Vasseur, who is tried alongside the minister, denies wrongdoing. \"The contracts were perfectly legal and properly documented,\" his lawyer said.",
                ]
            )[1],
            some("his lawyer")
        );
    }

    #[test]
    fn speakers_in_other_languages() {
        let some = |s: &str| Some(s.to_string());
        // A surname gets the full name the text gave before; a pronoun is
        // the last person quoted.
        assert_eq!(
            quotes_in(
                "de",
                &[
                    "Der Stadtrat hat den Haushalt beschlossen, berichtet Oberbürgermeister Jann Jakobs.",
                    "„Wir investieren in die Zukunft unserer Kinder“, so Jakobs nach der Abstimmung.",
                    "„Das war keine leichte Entscheidung für uns alle“, sagte er später.",
                    "Die Opposition sprach von einem Fehler. „Die Schulden wachsen weiter und weiter“, sagte ein Sprecher der Grünen.",
                ]
            ),
            [
                some("Jann Jakobs"),
                some("Jann Jakobs"),
                some("ein Sprecher der Grünen")
            ]
        );
        assert_eq!(
            quotes_in(
                "fr",
                &[
                    "« Nous ne céderons rien sur ce point », a déclaré Emmanuel Macron lundi. « C'est une question de principe pour la France », a-t-il ajouté."
                ]
            ),
            [some("Emmanuel Macron"), some("Emmanuel Macron")]
        );
        // A pronoun is the last person named, quoted or not.
        assert_eq!(
            quotes_in(
                "de",
                &[
                    "„Das wird ein großer Abend für das Boxen“, sagte Manager Bernd Bönte.",
                    "„Der Kampf wird hart für beide Seiten“, sagte Promoter Alex Krassyuk.",
                    "Hier sieht auch Bönte Vorteile. „Er ist schneller als jeder andere“, sagte er.",
                ]
            ),
            [
                some("Bernd Bönte"),
                some("Alex Krassyuk"),
                some("Bernd Bönte")
            ]
        );
        // Not a name inside a quotation; a name of four words.
        assert_eq!(
            quotes_in(
                "de",
                &[
                    "„Die Karten stehen für Tyson Fury nicht so gut“, sagte er: „Das wird ein Spektakel für alle Fans.“"
                ]
            )[1],
            None
        );
        assert_eq!(
            quotes_in(
                "es",
                &[
                    "El capitán del barco, Joan Jesús Vaquero Enseñat, admite que la pesca ha cambiado.",
                    "“La mayoría de nosotros ya no pescamos como antes”, dijo Enseñat.",
                ]
            ),
            [some("Joan Jesús Vaquero Enseñat")]
        );
        // The people quoted by full name are the text's people.
        let lex = Lexicon::new();
        let paragraphs = [
            "Der Stadtrat hat den Haushalt beschlossen, berichtet Oberbürgermeister Jann Jakobs.".to_string(),
            "„Wir investieren in die Zukunft unserer Kinder“, so Jakobs. „Die Schulden wachsen weiter“, sagte ein Sprecher der Grünen.".to_string(),
        ];
        let found = entities::find(&lex, &paragraphs, false);
        let quotes = find(&lex, &paragraphs, &found, Some("de"));
        let cues = lex.speech_cues.get("de").expect("German cues");
        let people = speakers_named(&lex, cues, &quotes, &paragraphs);
        let people: Vec<(&str, u32)> = people
            .iter()
            .map(|p| (p.name.as_str(), p.mentions))
            .collect();
        assert_eq!(people, [("Jann Jakobs", 2)]);
        // `dijo.` leaves the subject out: the speaker before goes on.
        assert_eq!(
            quotes_in(
                "es",
                &[
                    "“La economía crece más de lo previsto este año”, afirmó Pedro Sánchez. “Seguiremos así durante mucho tiempo”, dijo."
                ]
            ),
            [some("Pedro Sánchez"), some("Pedro Sánchez")]
        );
        // A language without cues, or no cue: no speaker.
        assert_eq!(
            quotes_in(
                "sv",
                &["„Vi investerar i framtiden för våra barn“, sa Anna Svensson."]
            ),
            [None]
        );
    }

    /// The speakers of the quotes of English `paragraphs`, in order.
    fn speakers(paragraphs: &[&str]) -> Vec<Option<String>> {
        quotes(paragraphs).into_iter().map(|(_, s)| s).collect()
    }

    /// Asserts the speakers of the quotes `paragraphs` hold, in order.
    fn assert_speakers(paragraphs: &[&str], want: &[Option<&str>]) {
        let got = speakers(paragraphs);
        let got: Vec<Option<&str>> = got.iter().map(Option::as_deref).collect();
        assert_eq!(got, want, "{paragraphs:?}");
    }

    fn quotes(paragraphs: &[&str]) -> Vec<(String, Option<String>)> {
        let lex = Lexicon::new();
        let paragraphs: Vec<String> = paragraphs.iter().map(|s| s.to_string()).collect();
        let extractor = crate::Extractor::new();
        let dateline = paragraphs
            .iter()
            .take(3)
            .find_map(|p| extractor.dateline(p));
        let found = extractor.found(&paragraphs, true, dateline.as_ref());
        find(&lex, &paragraphs, &found, None)
            .into_iter()
            .map(|q| (q.text, q.speaker))
            .collect()
    }

    fn q(text: &str, speaker: Option<&str>) -> (String, Option<String>) {
        (text.to_string(), speaker.map(str::to_string))
    }

    #[test]
    fn a_dateline_and_a_day_are_no_part_of_the_speaker() {
        // (A story has one dateline, read by `Extractor::extract`.)
        assert_speakers(
            &[
                "WASHINGTON (AP) — The White House on Monday called the report \"deeply flawed and misleading.\"",
                "Google late Friday said it was \"committed to fixing the problem.\"",
            ],
            &[Some("White House"), Some("Google")],
        );
        assert_speakers(
            &[
                "NEW YORK, June 2 (Reuters) - Goldman Sachs on Tuesday described the deal as \"a very good outcome.\"",
            ],
            &[Some("Goldman Sachs")],
        );
    }

    #[test]
    fn he_and_she_skip_people_of_the_other_sex() {
        assert_speakers(
            &[
                "Margaret Brindle chaired the meeting. Tom Hale, her deputy, stood up.",
                "“We have waited long enough,” he said. “Now we act,” she added.",
            ],
            &[Some("Tom Hale"), Some("Margaret Brindle")],
        );
    }

    #[test]
    fn a_possessive_role_after_a_name_is_its_appositive() {
        assert_speakers(
            &[
                "“We are seeing cholera in places that have not had it in years,” Dr. Amina Diallo-Sesay, WHO's incident manager for Sudan, told a briefing.",
                "“Prices will rise,” Britain’s finance minister told reporters.",
            ],
            &[
                Some("Amina Diallo-Sesay"),
                Some("Britain’s finance minister"),
            ],
        );
    }

    #[test]
    fn a_person_named_after_a_pronoun_is_not_whom_the_next_pronoun_stands_for() {
        assert_speakers(
            &[
                "Obiageli Nwankwo was often at odds with the military. In 1994 she was detained after criticising Gen. Sani Abacha.",
                "“They kept me for 11 days and gave me nothing to read,” she told the BBC.",
            ],
            &[Some("Obiageli Nwankwo")],
        );
    }

    #[test]
    fn a_quoted_show_does_not_cut_the_speaker_off() {
        assert_speakers(
            &[
                "Secretary of State Antony Blinken told CBS’s “Face the Nation”: “We are closer than we have been in weeks.”",
            ],
            &[Some("Antony Blinken")],
        );
    }

    #[test]
    fn a_nationality_stands_for_the_person_named_before() {
        assert_speakers(
            &[
                "Mohamed Salah scored twice for Liverpool on Sunday.",
                "“It was a special night for all of us,” the Egyptian said.",
                "“We played very well as a team,” the Dominican center said.",
            ],
            &[Some("Mohamed Salah"), Some("Mohamed Salah")],
        );
        // The person the text called so, not the latest subject.
        assert_speakers(
            &[
                "Egyptian forward Mohamed Salah scored twice. Jürgen Klopp praised the team.",
                "“It was a special night for all of us,” the Egyptian said.",
            ],
            &[Some("Mohamed Salah")],
        );
    }

    #[test]
    fn a_clause_after_and_has_its_own_speaker() {
        assert_speakers(
            &[
                "Senate Majority Leader Chuck Schumer called it \"a corrupt and shameful ruling,\" and Sen. Elizabeth Warren said Congress should act. Mayor Jane Roe called the plan \"a disaster for our city,\" while Gov. Tom Lee said he supported it.",
            ],
            &[Some("Chuck Schumer"), Some("Jane Roe")],
        );
    }

    #[test]
    fn a_dash_dateline_before_a_clause_is_no_part_of_the_speaker() {
        assert_speakers(
            &[
                "PORTLAND, Maine — A spokeswoman for the city called it \"a sad day,\" and police said the door stayed shut.",
            ],
            &[Some("A spokeswoman for the city")],
        );
    }

    #[test]
    fn a_middle_initial_does_not_end_the_speakers_name() {
        assert_speakers(
            &[
                "\"We are not going to slow down,\" said David A. Gross, a former official.",
                "Dr. J. Robert Oppenheimer once said \"Now I am become death.\"",
            ],
            &[Some("David A. Gross"), Some("J. Robert Oppenheimer")],
        );
    }

    #[test]
    fn split_quote_and_pronoun() {
        assert_eq!(
            quotes(&[
                "Daniel Russell, a former diplomat, spoke on Friday.",
                "“We will win,” he said. “No doubt about it.”",
            ]),
            [
                q("We will win,", Some("Daniel Russell")),
                q("No doubt about it.", Some("Daniel Russell"))
            ]
        );
    }

    #[test]
    fn a_number_opens_a_description() {
        assert_eq!(
            quotes(&["Six senior officials said: “The talks have stalled badly.”"]),
            [q(
                "The talks have stalled badly.",
                Some("Six senior officials")
            )]
        );
    }

    #[test]
    fn an_infinitive_is_not_a_speaker() {
        let found = quotes(&[
            "Marcus Ellery spoke at the mission on Monday.",
            "He said Washington wanted a deal that would “reward clean production and penalise overcapacity”, but declined to say more.",
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.as_deref(), Some("Marcus Ellery"));
    }

    #[test]
    fn a_relative_clause_is_not_the_speaker() {
        let found = quotes(&[
            "Jeremy Hunt, who replaced Kwasi Kwarteng as chancellor shortly afterwards, said it was a mistake to \"fly blind\" without the figures.",
            "One user on Weibo, which is essentially China’s version of Twitter, posted: “How did these two come to Beijing?”",
        ]);
        assert_eq!(found[0].1.as_deref(), Some("Jeremy Hunt"));
        assert_eq!(found[1].1.as_deref(), Some("One user on Weibo"));
    }

    #[test]
    fn a_naming_verb_takes_only_the_word_before_it() {
        let found = quotes(&[
            "Anna Berg, the minister, spoke on Monday.",
            "She criticised what she called “a reckless and costly plan to cut the budget”.",
            "The government issued fresh advice online called ‘Preparing for incidents and crises.’",
            "The patient was diagnosed with what's called “feather duvet lung,” doctors found.",
        ]);
        let speakers: Vec<Option<&str>> = found.iter().map(|(_, s)| s.as_deref()).collect();
        assert_eq!(speakers, [Some("Anna Berg"), None, None]);
    }

    #[test]
    fn the_subject_phrase_is_trimmed_to_the_speaker() {
        let found = quotes(&[
            "The Indian army in a statement said Pakistani troops “resorted to arbitrary firing,” along the border.",
            "Richardson, via USA Today, said that the player \"can't start a fight and then claim bullying.\"",
            "Amazon, the world’s largest online retailer, last year pledged to be “net zero carbon by 2040”.",
            "“My girlfriend is trying to get an appointment,” the man could be heard saying.",
            "The event will offer up the 12 wines declared this year’s “Best of the Bench, as chosen by judges,” at the winery.",
        ]);
        let speakers: Vec<Option<&str>> = found.iter().map(|(_, s)| s.as_deref()).collect();
        assert_eq!(
            speakers,
            [
                Some("The Indian army"),
                Some("Richardson"),
                Some("the world’s largest online retailer"),
                Some("the man"),
                None
            ]
        );
    }

    #[test]
    fn relative_clauses_and_joined_verbs_leave_the_subject() {
        let found = quotes(&[
            "An official who asked not to be named said the talks were “at a delicate stage and could fail”.",
            "Residents who have lost their homes said the government had “abandoned them completely this year”.",
            "Energy Minister Chris Bowen rejected the criticism and said the opposition had “no plan at all for the grid”.",
            "Police arrested two men on Friday and said they found “a large quantity of weapons and cash”.",
        ]);
        let speakers: Vec<Option<&str>> = found.iter().map(|(_, s)| s.as_deref()).collect();
        assert_eq!(
            speakers,
            [
                Some("An official"),
                Some("Residents"),
                Some("Chris Bowen"),
                None
            ]
        );
    }

    #[test]
    fn reported_and_passive_speech_name_no_wrong_speaker() {
        let found = quotes(&[
            "Mike Pompeo spoke in Washington on Monday.",
            "Pompeo said settlements were \"not, per se, inconsistent with international law\", saying he trusted the Israeli courts to decide.",
            "The ministry says the Security Council was told that “Pakistan reserves the right to respond at a time of its choosing.”",
            "Fan Mengguang, deputy director of the disease prevention and control centre, told the media that the case is “isolated and unrelated to the others”.",
        ]);
        let speakers: Vec<Option<&str>> = found.iter().map(|(_, s)| s.as_deref()).collect();
        assert_eq!(speakers, [Some("Mike Pompeo"), None, Some("Fan Mengguang")]);
    }

    #[test]
    fn a_document_gives_at_most_max_quotes() {
        // One long paragraph and many short ones: the bound holds for both.
        let line = |i: usize| format!("John Smith{i} arrived. “We will go home now,” he said.");
        let long = (0..MAX_QUOTES + 50).map(line).collect::<Vec<_>>().join(" ");
        assert_eq!(quotes(&[&long]).len(), MAX_QUOTES);
        let many: Vec<String> = (0..MAX_QUOTES + 50).map(line).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let found = quotes(&many);
        assert_eq!(found.len(), MAX_QUOTES);
        assert_eq!(found[0].1.as_deref(), Some("John Smith0"));
    }

    #[test]
    fn according_to_after_letters_that_grow_when_lowered() {
        // `İ` is two bytes, its lower case three: offsets must come from
        // the text itself.
        let found = quotes(&["“We will not give up,” İHA reported according to Ümit Yilmaz."]);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn it_is_an_organisation_that_just_spoke_or_opened_a_sentence() {
        // The organisation that spoke last.
        assert_eq!(
            speakers(&[
                "Eva Persson took the decision to \"discontinue the investigation entirely\", the Swedish Prosecution Authority said.",
                "\"The reason for this decision is that the evidence has weakened,\" it added.",
            ])[1],
            Some("Swedish Prosecution Authority".to_string())
        );
        // Named with its article or through `it`, one speaker.
        assert_eq!(
            speakers(&[
                "“Exports fell sharply in the third quarter,” the Commerce Department said on Monday.",
                "The Commerce Department expects a rebound. “We see signs of recovery in orders,” it said.",
            ]),
            [
                Some("Commerce Department".to_string()),
                Some("Commerce Department".to_string())
            ]
        );
        // The subject of the quote's own paragraph, over the last speaker.
        assert_eq!(
            speakers(&[
                "General Motors said on Monday it would cut jobs. “The market is difficult and we must adapt now,” it said.",
                "Acme Corp said on Tuesday it would close two plants. “We have no other choice in this market,” it said.",
            ])[1],
            Some("Acme Corp".to_string())
        );
        // One that opened a sentence just before.
        assert_eq!(
            speakers(&[
                "In a surprise move, Apple cut the price of its phones on Monday.",
                "It said the cut was “a response to weaker demand in China”.",
            ]),
            [Some("Apple".to_string())]
        );
        // Not one in a quotation, after a preposition, or further back.
        for paragraphs in [
            &[
                "“Only after this report did it appear the FBI took action,” the letter stated.",
                "It described the stations as part of “broader efforts to undermine national security”.",
            ][..],
            &[
                "The report was sent to the FBI on Monday.",
                "It described the stations as part of “broader efforts to undermine national security”.",
            ],
            &[
                "The FBI opened an inquiry in March.",
                "The stations were closed soon after.",
                "It described the stations as part of “broader efforts to undermine national security”.",
            ],
        ] {
            assert_eq!(speakers(paragraphs).last(), Some(&None), "{paragraphs:?}");
        }
    }

    #[test]
    fn the_agent_of_a_participle_is_not_the_speaker() {
        let found = quotes(&[
            "Following the arrests, lawmakers on the committee, led by chairman Mike Gallagher, R-Wis., requested \"more information on the threat to the American people.\"",
            "Senator Ann Lee, backed by Governor Tom Ruiz, said the plan was “a good start for the whole state”.",
            "Tom Ruiz, who was elected in 2020, said the plan was “a good start for the whole state”.",
        ]);
        let speakers: Vec<Option<&str>> = found.iter().map(|(_, s)| s.as_deref()).collect();
        assert_eq!(
            speakers,
            [
                Some("lawmakers on the committee"),
                Some("Ann Lee"),
                Some("Tom Ruiz")
            ]
        );
    }

    #[test]
    fn a_reported_sentence_is_its_closing_speakers() {
        let found = speakers(&[
            "That Xi announced the targets signals a “very high-level commitment” to climate action, says Belinda Schape, a China analyst.",
            "“We build our own models on top of open ones,” Peter White, a vice president at the firm, told TechCrunch.",
        ]);
        assert_eq!(found[0].as_deref(), Some("Belinda Schape"));
        assert_ne!(found[1].as_deref(), Some("TechCrunch"));
        // The person a description names after a comma.
        assert_eq!(
            speakers(&[
                "Sondland was known for telling others “he was in charge of Ukraine” despite his post, said another witness in the inquiry, former adviser Fiona Hill.",
                "“We will look into it at once,” said a spokeswoman for the agency, Jane Doe.",
                "“We will look into it at once,” said Jane Doe, a spokeswoman for the agency.",
            ]),
            [
                Some("Fiona Hill".to_string()),
                Some("Jane Doe".to_string()),
                Some("Jane Doe".to_string())
            ]
        );
    }

    #[test]
    fn a_document_speaks_for_its_holder_not_its_addressee() {
        assert_speakers(
            &[
                "The Conservatives’ letter to Daniel Greenberg, the standards commissioner, said: “It was reported that the pass was given.”",
                "Apple's statement to Jane Doe said: \"We have nothing to add to what was published.\"",
                // An opening phrase is no subject: the description is.
                "Asked about a letter to Jane Doe, the spokeswoman said: \"We will answer it in time.\"",
            ],
            &[
                Some("Conservatives"),
                Some("Apple"),
                Some("the spokeswoman"),
            ],
        );
    }

    #[test]
    fn a_new_sentence_that_reports_a_clause_is_no_attribution() {
        assert_speakers(
            &[
                "During the session with the organizers, Ishiba was asked, “Do you feel any ethical guilt?” The prime minister admitted that he did.",
                "The minister was asked about the plan. “Do you feel any guilt?” The prime minister said.",
            ],
            &[None, Some("The prime minister")],
        );
    }

    #[test]
    fn a_quote_after_a_sentence_that_opens_with_a_person_is_theirs() {
        assert_speakers(
            &[
                "Robert Aderholt, the ranking member, spoke first. Aderholt returned to the issue later in the hearing. “What vehicles exist today to get to the Moon by 2024?”",
                "Jane Doe’s lawyer, Jeremy Robinson, had a shorter statement. “It is impossible to overstate the magnitude of this ruling.”",
                "Taylor Swift’s rep told the paper that this was not the whole truth. “The label is trying to make this about money.”",
                // The sentence before ends in its attribution.
                "The world should expect leadership of a different flavour, says Yao. “They cannot expect China to do what the US does.”",
            ],
            &[
                Some("Robert Aderholt"),
                Some("Jeremy Robinson"),
                None,
                Some("Yao"),
            ],
        );
    }

    #[test]
    fn titles_in_appositives_and_more_verbs_of_saying() {
        assert_speakers(
            &[
                "“We build models on open language models,” Peter White, SVP of enterprise AI at Automation Anywhere, told TechCrunch.",
                "“Hibernation has been proposed as a tool for space travel,” explains Team Leader Jennifer Ngo-Anh.",
                // A noun is no verb of saying.
                "They memorialized the comments in a booklet titled “The Wit and Wisdom of Michael Bloomberg.”",
                "“We were shocked to see her statements based on false information,” the statement read.",
                "“Lisbon’s growing prosperity is redefining the map of real estate,” comments David Moura-George, managing director of Athena Advisers.",
                // A noun after a quote is no verb there.
                "The “fake news” comments section was closed after the vote on Monday.",
            ],
            &[
                Some("Peter White"),
                Some("Jennifer Ngo-Anh"),
                None,
                Some("the statement"),
                Some("David Moura-George"),
            ],
        );
    }

    #[test]
    fn a_sentence_that_ends_in_its_attribution_is_the_speakers() {
        assert_speakers(
            &[
                "“It makes for a compelling story” if you have blackouts, Mr. Bill Powers said.",
                // A quote that ends its sentence: the next sentence, whose verb
                // opens another quote, is no attribution.
                "Tom Stafford spoke first. “If you don’t have it, you’re not going to make it.” Young did criticize what he called “experiments” in procurement.",
            ],
            &[Some("Bill Powers"), Some("Tom Stafford")],
        );
    }

    #[test]
    fn a_title_stop_does_not_cut_an_inverted_name() {
        assert_speakers(
            &[
                "“The power cuts create many risks,” said Dr. Sherine Abed, a neonatal doctor.",
                "“Every study of the last decades says so,” said Rep. Brian Babin of Texas.",
            ],
            &[Some("Sherine Abed"), Some("Brian Babin")],
        );
    }

    #[test]
    fn a_name_in_brackets_is_not_what_he_stands_for() {
        assert_speakers(
            &[
                "Given its inspiration from the probe (the first track samples the voice of astronomer Carl Sagan) the EP allowed the musician to reflect.",
                "“It eliminates these arbitrary borders we have created,” he says.",
            ],
            &[None],
        );
    }

    #[test]
    fn a_lead_in_gives_way_to_the_speaker_before_and_to_quotes_about_its_person() {
        assert_speakers(
            &[
                "“We will fight this ruling all the way,” said Mary Jones, the union leader. John Smith, the company’s lawyer, listened in silence. “We will never accept a deal that cuts our pay.”",
                "John Smith was sentenced to five years in prison on Tuesday. “He showed no remorse at all for what he did.”",
                "Joe Biden won the election in 2020 after a long campaign. “Biden is a weak leader and always was.”",
                "Saeb Erekat said it was only the latest move by the US to force the Palestinians to give up.",
                "“They wanted us on our knees and they used every trick in the book.”",
            ],
            &[
                Some("Mary Jones"),
                Some("Mary Jones"),
                None,
                None,
                Some("Saeb Erekat"),
            ],
        );
    }

    #[test]
    fn an_appositive_of_whom_the_subject_acts_for_is_not_the_speaker() {
        assert_speakers(
            &[
                "The attorney for Jane Roe, the plaintiff, told reporters: “She will appeal the ruling.”",
                // A title where the text ends names no one.
                "“She will appeal the ruling,” said Dr.",
            ],
            &[Some("The attorney"), None],
        );
    }

    #[test]
    fn a_definite_description_after_a_name_is_its_appositive() {
        assert_speakers(
            &[
                "Mary Jones, the union leader, said: “We will fight this ruling all the way.”",
                "“We will never accept it,” Mary Jones, the head of the union at the plant, told reporters.",
                "Asked about Joe Biden, the official said: “We will see what happens next.”",
                // A title before the name, and a description long enough to
                // push the verb far from the quote.
                "“We ran out of fuel,” Dr. Sobhi Skaik, the director of the Turkish Friendship Hospital in the Mughraqa area in the central Gaza Strip, said in an interview last week.",
            ],
            &[
                Some("Mary Jones"),
                Some("Mary Jones"),
                Some("the official"),
                Some("Sobhi Skaik"),
            ],
        );
    }

    #[test]
    fn a_long_description_is_its_head() {
        let found = quotes(&[
            "Following the arrests, lawmakers on the House Select Committee on the Strategic Competition Between the United States and the Chinese Communist Party, led by chairman Mike Gallagher, requested \"additional information regarding the threat to the American people.\"",
        ]);
        assert_eq!(found[0].1.as_deref(), Some("lawmakers"));
    }

    #[test]
    fn according_to_is_no_part_of_the_speaker() {
        let found = quotes(&[
            "“This is a quote about the budget,” according to the Ministry of Finance, led by John Smith, which said it would publish data.",
            "“The numbers are bad for all of us this year,” according to officials, who asked not to be named.",
        ]);
        let speakers: Vec<Option<&str>> = found.iter().map(|(_, s)| s.as_deref()).collect();
        assert_eq!(speakers, [Some("Ministry of Finance"), Some("officials")]);
    }

    #[test]
    fn a_party_tag_is_not_the_speaker() {
        assert_eq!(
            quotes(&[
                "Committee chairman Mike Gallagher, R-Wis., said \"the threat is very significant to the American people.\""
            ]),
            [q(
                "the threat is very significant to the American people.",
                Some("Mike Gallagher")
            )]
        );
    }

    #[test]
    fn inverted_and_colon_attribution() {
        assert_eq!(
            quotes(&[
                "It is “almost the only significant channel still working,” said Daniel Russell, the top US diplomat.",
                "Asked about it, the official replied: “We are now seeking to move beyond that.”",
            ]),
            [
                q(
                    "almost the only significant channel still working,",
                    Some("Daniel Russell")
                ),
                q(
                    "We are now seeking to move beyond that.",
                    Some("the official")
                ),
            ]
        );
    }

    #[test]
    fn a_colon_clause_names_its_subject_whatever_the_verb() {
        assert_eq!(
            quotes(&[
                "Sir Keir Starmer has defended accepting gifts from a donor.",
                "Asked whether an adviser would be appointed, he went on: “Well, there is a difference.”",
            ]),
            [q("Well, there is a difference.", Some("Keir Starmer"))]
        );
    }

    #[test]
    fn descriptions_organisations_and_surnames() {
        assert_eq!(
            quotes(&[
                "Andy Vesey, the chief executive, spoke.",
                "China’s embassy in Washington said the sides had “frank and constructive discussions.”",
                "“We won’t roll the dice on public safety,” Vesey said.",
                "The US official, who briefed reporters, said it is “trying to look forward from here on out” now.",
            ]),
            [
                q(
                    "frank and constructive discussions.",
                    Some("China’s embassy in Washington")
                ),
                q(
                    "We won’t roll the dice on public safety,",
                    Some("Andy Vesey")
                ),
                q(
                    "trying to look forward from here on out",
                    Some("The US official")
                ),
            ]
        );
    }

    #[test]
    fn groups_organisations_and_full_stops() {
        assert_eq!(
            quotes(&[
                "“We seek answers,” the lawmakers wrote. They said they were “disappointed by the vague answers.”",
                "The Electoral Commission issued a statement. It said “voters deserve transparency from campaigners.”",
                "CPUC President Marybel Batjer said that “service is not a mere inconvenience.” She said more.",
            ]),
            [
                q("We seek answers,", Some("the lawmakers")),
                q("disappointed by the vague answers.", Some("the lawmakers")),
                q(
                    "voters deserve transparency from campaigners.",
                    Some("Electoral Commission")
                ),
                q(
                    "service is not a mere inconvenience.",
                    Some("Marybel Batjer")
                ),
            ]
        );
    }

    #[test]
    fn quotes_run_over_paragraphs() {
        assert_eq!(
            quotes(&[
                "Greg Taylor said: “We can’t stay at the bottom.",
                "“We have to move on.”"
            ]),
            [
                q("We can’t stay at the bottom.", Some("Greg Taylor")),
                q("We have to move on.", Some("Greg Taylor"))
            ]
        );
        // Named at the end of its last part: the parts before are hers too,
        // not the company's that a sentence before names.
        assert_speakers(
            &[
                "Eskom warned on Monday that rolling blackouts would continue through the winter.",
                "\"We are asking South Africans to bear with us. The units are not yet back.",
                "\"We will do everything we can to keep the lights on,\" said Thandiwe Mokoena, the utility's head of generation.",
            ],
            &[Some("Thandiwe Mokoena"), Some("Thandiwe Mokoena")],
        );
    }

    #[test]
    fn scare_quotes_and_titles_are_not_speech() {
        assert!(
            quotes(&["The so-called “spy balloon” drifted over “Keep An Open Channel” signs."])
                .is_empty()
        );
        // Titles with the stop or comma inside the quotes.
        assert!(
            quotes(&[
                "Rubio told NBC’s “Meet the Press.” Warner said on “Fox News Sunday,” that he agreed.",
                "Every summer she reread “The Grapes of Wrath.”"
            ])
            .is_empty()
        );
        // Short speech in title case is still speech when it reads so, or
        // when someone says it.
        assert_eq!(
            speakers(&["“We will not back down,” said Jane Doe."]),
            [Some("Jane Doe".to_string())]
        );
        assert_eq!(
            speakers(&["“Absolutely Not,” Josh Shapiro said."]),
            [Some("Josh Shapiro".to_string())]
        );
    }
}
