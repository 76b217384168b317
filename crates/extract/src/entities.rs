//! People, places and organisations named in an article.
//!
//! No model: capitalised word runs are cut at titles and sentence openers and
//! classified by cues (a role before the name, a given name, an organisation
//! head such as `Commission` or `Party`, a place head such as `County`, an
//! acronym) and by the bundled gazetteers. Names are then merged into their
//! fullest form in the text (`Biden` → `Joe Biden`, `CAAN` → `Civil Aviation
//! Authority of Nepal` when spelled out in brackets), with mention counts.
//! The cues are English; other languages get gazetteer matches only.

use crate::{HashMap, HashSet};
use std::borrow::Cow;
use std::collections::hash_map::Entry;

use newsclean_model::{Entities, Entity};

use crate::lexicon::{Lexicon, fold};
use crate::sentences;
use crate::tokens::{Token, tokenize};

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Person,
    Place,
    Organization,
}

/// One name as it occurs in a paragraph.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub(crate) kind: Kind,
    pub(crate) paragraph: usize,
    /// Start of the mention's sentence in the paragraph.
    pub(crate) sentence: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Index of the entity this mention belongs to, after merging.
    pub(crate) entity: usize,
    /// Inside brackets opened in its sentence (`(… the voice of Carl
    /// Sagan) the EP allowed Luboku to …`): not who the sentence is about,
    /// nor whom a later `he` stands for.
    pub(crate) bracketed: bool,
    /// A `he` or `she` comes before it in its sentence (`In 1994 she was
    /// detained … under Gen. Sani Abacha`): the sentence is about someone
    /// named before, not about this person.
    pub(crate) after_pronoun: bool,
}

/// The mentions of an article and the entities they merge into.
#[derive(Clone, Debug, Default)]
pub(crate) struct Found {
    pub(crate) mentions: Vec<Mention>,
    /// (kind, fullest name, mention count), in order of first mention.
    pub(crate) entities: Vec<(Kind, String, u32)>,
    /// Roles written before people's names: (role noun, entity,
    /// paragraph, offset).
    pub(crate) roles: Vec<(String, usize, usize, usize)>,
    /// Byte ranges of each paragraph's sentences, split once for entities
    /// and quotes.
    pub(crate) sentences: Vec<Vec<(usize, usize)>>,
    /// Where the first person of each sentence starts, by (paragraph,
    /// sentence start): a lookup, so that quote attribution stays linear
    /// in the number of mentions.
    first_people: HashMap<(usize, usize), usize>,
    /// The same for the first mention of any kind.
    first_mentions: HashMap<(usize, usize), usize>,
    /// Per entity, `m` or `f` when a person's given name is nearly always
    /// a man's or a woman's (for `he` and `she`).
    sexes: Vec<Option<char>>,
    /// People the text gives a nationality (`Egyptian forward Mohamed
    /// Salah`): (entity, nationality adjective), for `the Egyptian said`.
    nationalities: Vec<(usize, &'static str)>,
}

impl Found {
    pub(crate) fn into_entities(self) -> Entities {
        let mut out = Entities::default();
        for (kind, name, mentions) in self.entities {
            let entity = Entity { name, mentions };
            match kind {
                Kind::Person => out.people.push(entity),
                Kind::Place => out.places.push(entity),
                Kind::Organization => out.organizations.push(entity),
            }
        }
        out
    }

    /// The mention is the first person named in its sentence.
    pub(crate) fn first_person_in_sentence(&self, mention: &Mention) -> bool {
        self.first_people
            .get(&(mention.paragraph, mention.sentence))
            .is_none_or(|&first| first >= mention.start)
    }

    /// No other mention comes before this one in its sentence.
    pub(crate) fn first_in_sentence(&self, mention: &Mention) -> bool {
        self.first_mentions
            .get(&(mention.paragraph, mention.sentence))
            .is_none_or(|&first| first >= mention.start)
    }

    /// The people mentioned in paragraph `p` within the bytes `range`.
    pub(crate) fn people_in(
        &self,
        p: usize,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| {
            m.kind == Kind::Person
                && m.paragraph == p
                && m.start >= range.start
                && m.end <= range.end
        })
    }

    /// The person whose mention in paragraph `p` starts at byte `at`.
    pub(crate) fn person_at(&self, p: usize, at: usize) -> Option<&Mention> {
        self.people_in(p, at..usize::MAX).find(|m| m.start == at)
    }

    /// The text calls the mention's person by nationality `demonym`.
    pub(crate) fn has_nationality(&self, mention: &Mention, demonym: &str) -> bool {
        self.nationalities
            .iter()
            .any(|&(e, d)| e == mention.entity && d == demonym)
    }

    /// The place a dateline names (`THANE:`, `FRANKFURT, Oct 8 (AFP) -`)
    /// is one of the story's places, whatever the gazetteer knows: an
    /// organisation of that name (an acronym's shape) becomes it, and a
    /// place the text names nowhere else is added.
    pub(crate) fn dateline_place(&mut self, name: &str) {
        let key = fold(name);
        let mut named = false;
        for e in 0..self.entities.len() {
            if fold(&self.entities[e].1) != key {
                continue;
            }
            named = true;
            if self.entities[e].0 == Kind::Organization {
                self.entities[e].0 = Kind::Place;
                for m in self.mentions.iter_mut().filter(|m| m.entity == e) {
                    m.kind = Kind::Place;
                }
            }
        }
        if !named && !key.is_empty() {
            self.entities.push((Kind::Place, display(name), 1));
            self.sexes.push(None);
        }
    }

    /// `m` or `f` when the mention is of a person whose given name is
    /// nearly always a man's or a woman's.
    pub(crate) fn sex_of(&self, mention: &Mention) -> Option<char> {
        self.sexes.get(mention.entity).copied().flatten()
    }

    /// Starts paragraph `p`'s first sentence at byte `at` (after its
    /// dateline).
    pub(crate) fn start_after(&mut self, p: usize, at: usize) {
        if let Some(first) = self.sentences.get_mut(p).and_then(|s| s.first_mut())
            && first.0 < at
            && at < first.1
        {
            first.0 = at;
        }
    }

    /// The fullest name of the entity a mention belongs to.
    pub(crate) fn name_of(&self, mention: &Mention) -> &str {
        &self.entities[mention.entity].1
    }

    /// Completes people the body names by surname alone (`Weaver`) from
    /// the headline, where the full name often stands (`… at Sigourney
    /// Weaver West End play`): the surname with a first name right before
    /// it. In a headline written as a sentence, a capitalised word inside
    /// it is a name; in one that capitalises every word, only a known given
    /// name is.
    pub(crate) fn complete_from_title(&mut self, lex: &Lexicon, title: &str) {
        let words: Vec<&str> = title
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '"' | '“' | '”'))
            .filter(|w| !w.is_empty())
            .collect();
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        // Title case leaves only short function words in lower case.
        let sentence_case = words.iter().skip(1).any(|w| {
            w.chars().count() > 4 && w.chars().all(char::is_alphabetic) && !capitalised(w)
        });
        // A question's opening word (`Will Trump attend …?`) is no name.
        let question = title.contains('?');
        let first_name = |at: usize| {
            let w = words[at];
            let plain = w.chars().all(char::is_alphabetic)
                && w.chars().any(char::is_lowercase)
                && !lex.is_role(w)
                && !(question && at == 0);
            plain
                && (lex.given_names.contains(w)
                    || (sentence_case
                        && at > 0
                        && capitalised(w)
                        && w.chars().count() > 1
                        && !lex.openers.contains(w)))
        };
        fn bare(w: &str) -> &str {
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
        }
        let full_names: Vec<(usize, String)> = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, (kind, name, _))| *kind == Kind::Person && !name.contains(' '))
            .filter_map(|(e, (_, name, _))| {
                // The surname once in the headline, with a first name before
                // it (`Hunter Biden pardon: Biden says …` names two people,
                // and so does `Venus and Serena Williams`).
                let mut at = (0..words.len()).filter(|&at| bare(words[at]) == name.as_str());
                let (Some(at), None) = (at.next(), at.next()) else {
                    return None;
                };
                let pair = at >= 2
                    && matches!(words[at - 2], "and" | "&" | "und" | "et" | "y" | "e" | "en");
                (at > 0 && first_name(at - 1) && !pair)
                    .then(|| (e, format!("{} {name}", words[at - 1])))
            })
            // Not the full name of another person of the body.
            .filter(|(_, full)| !self.entities.iter().any(|(_, name, _)| name == full))
            .collect();
        for (e, full) in full_names {
            self.entities[e].1 = full;
        }
    }
}

/// Joining words allowed inside a name: `Bank of England`, `Ludwig van
/// Beethoven`.
const CONNECTORS: &[&str] = &[
    "of", "for", "on", "de", "del", "da", "di", "van", "von", "der", "den", "ten", "ter", "bin",
    "al", "la", "le", "du", "&",
];

/// Particles of people's names that may come two in a row (`van der`,
/// `de la`, `von dem`).
const PARTICLES: &[&str] = &[
    "de", "del", "der", "den", "dem", "van", "von", "la", "las", "los", "le", "da", "di", "du",
];

/// Particles that stand alone inside a name (`Lula da Silva`); the others
/// only follow one of these (`van der`): `Jahr der Entstehung` is German
/// prose.
const FIRST_PARTICLES: &[&str] = &[
    "de", "del", "van", "von", "da", "di", "du", "dos", "le", "ten", "ter",
];

/// An Arabic article or a French elided particle joined to a surname
/// (`al-Hams`, `el-Sisi`, `d'Estaing`): part of a name, though lower-case.
fn hyphenated_particle(word: &str) -> bool {
    [
        "al-", "el-", "ad-", "ash-", "as-", "at-", "az-", "an-", "ar-", "ed-", "d'", "d’",
    ]
    .iter()
    .any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    })
}

/// One capital letter with or without its stop (`A.`, `J`).
pub(crate) fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && matches!((chars.next(), chars.next()), (None, _) | (Some('.'), None))
}

/// The end of an organisation's name that goes on after `and` at token
/// `j` (the run so far is `toks[i..j]`): `Food and Drug Administration`,
/// where what follows ends with an organisation head and what comes
/// before is no known name of its own (`Microsoft and Apple Inc` are two),
/// or `Department of Health and Human Services`, where a head's `of` part
/// goes on with capitalised words that are no known name.
fn and_in_organisation(
    lex: &Lexicon,
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    j: usize,
) -> Option<usize> {
    let and = toks.get(j)?;
    if and.text != "and" || and.after_break {
        return None;
    }
    let mut end = j + 1;
    while end < toks.len()
        && !toks[end].after_break
        && toks[end].is_capitalised()
        && !toks[end].sentence_start
    {
        end += 1;
    }
    if end == j + 1 {
        return None;
    }
    let before = &toks[i..j];
    let after = &toks[j + 1..end];
    let known = |span: &[Token<'_>]| {
        let name = span_text(text, span);
        lex.organizations.contains(name) || lex.places.contains(name)
    };
    if known(before) || known(after) {
        return None;
    }
    let head = |t: &Token<'_>| lex.org_heads.contains(t.text);
    let after_head = after.last().is_some_and(head);
    // `Food and Drug Administration`, `Securities and Exchange
    // Commission`: one word on each side, a head after (not `Wistron and
    // Global Lighting Technologies`).
    let before = match before {
        [the, rest @ ..] if the.text == "The" => rest,
        _ => before,
    };
    // (Two words before when they end in no head: `National Cereals and
    // Produce Board`, `Australian Competition and Consumer Commission`;
    // `Harvard University and Boston Medical Center` are two.)
    // (Nor a person's name: `Emma Watson and Oxford University`.)
    let plain = after_head
        && after.len() == 2
        && (before.len() == 1
            || before.len() == 2
                && !head(&before[1])
                && !lex.given_names.contains(before[0].text)
                && !lex.places.contains(before[0].text));
    // `Department of Health and Human Services`, `Centers for Disease
    // Control and Prevention`: `<head> of <words>` before, no head after.
    let of_part = before.len() >= 3
        && head(&before[0])
        && matches!(before[1].text, "of" | "for")
        && !before[2..].iter().any(head)
        && !after[..after.len() - 1].iter().any(head)
        && after.len() <= 3;
    (plain || of_part).then_some(end)
}

/// Place heads that are common surnames too (`Ann Beach`, `Ricki Lake`,
/// `Shirley Temple`): after a given name, a person.
const SURNAME_PLACE_HEADS: &[&str] = &["Beach", "Falls", "Dam", "Canal", "Lake", "Temple"];

/// Titles kept as part of the name when only a surname follows
/// (`Lord Alli`, `Lady Starmer`): they are not the same person as `Keir
/// Starmer`.
const PEERAGE: &[&str] = &["lord", "lady", "baron", "baroness"];

/// Compass words that open a region of a known place (`Southern
/// California`, `North Tyneside`, `South West Devon`, `Mid Dorset`).
const COMPASS: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Greater",
    "Upper",
    "Lower",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
    "Mid",
    "Inner",
    "Outer",
];

/// A candidate name before merging.
struct Candidate {
    kind: Kind,
    paragraph: usize,
    start: usize,
    end: usize,
    name: String,
    /// A single word whose kind depends on the rest of the article (a
    /// surname seen alone): kept only if a fuller name explains it.
    tentative: bool,
    /// The title or role written before a person's name, folded, last
    /// word only (`governor` for `Republican Gov.`).
    role: Option<String>,
    /// A person by shape only, opening with a common word (`Piers Morgan`,
    /// but also `Sports Brat`): kept only if its last word stands alone
    /// elsewhere in the article.
    weak: bool,
}

pub(crate) fn find(lex: &Lexicon, paragraphs: &[String], english: bool) -> Found {
    let mut candidates = Vec::new();
    let mut paragraph_tokens = Vec::with_capacity(paragraphs.len());
    let mut sentence_starts = Vec::with_capacity(paragraphs.len());
    let mut sentence_spans = Vec::with_capacity(paragraphs.len());
    for text in paragraphs {
        let spans = sentences::split(text, &lex.abbreviations);
        let starts: Vec<usize> = spans.iter().map(|&(s, _)| s).collect();
        sentence_spans.push(spans);
        let toks = tokenize(text, &starts, |w| {
            lex.abbreviations.contains(w) || lex.is_role(w)
        });
        paragraph_tokens.push(toks);
        sentence_starts.push(starts);
    }
    // Words also written in lower case are common words, not names, when
    // they open a sentence ("Surprise", "Reading"). Only the few capitalised
    // openers are looked up among the lower-case words.
    let openers: HashSet<Cow<'_, str>> = paragraph_tokens
        .iter()
        .flatten()
        .filter(|t| t.sentence_start && t.is_capitalised())
        .map(|t| lower(t.text))
        .collect();
    let mut lower_words: HashSet<Cow<'_, str>> = HashSet::default();
    if !openers.is_empty() {
        for t in paragraph_tokens.iter().flatten() {
            if t.text.chars().next().is_some_and(char::is_lowercase) {
                let word = lower(t.text);
                if openers.contains(word.as_ref()) {
                    lower_words.insert(word);
                }
            }
        }
    }
    for (p, toks) in paragraph_tokens.iter().enumerate() {
        let text = paragraphs[p].as_str();
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].is_capitalised() {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                // A possessive ends a name, except inside an organisation's
                // (`Westminster Magistrate's Court`, `Governor's Office`);
                // a place's stays apart (`China's Ministry of Commerce`).
                if toks[j - 1].possessive {
                    let org_goes_on = j < toks.len()
                        && !toks[j].after_break
                        && toks[j].is_capitalised()
                        && lex.org_heads.contains(toks[j].text)
                        && !lex.places.contains(toks[j - 1].text)
                        // `The Democrats' Senate leader`: a known name's.
                        && !lex.organizations.contains(toks[j - 1].text)
                        && !lex.places.contains(span_text(text, &toks[i..j]));
                    if !org_goes_on {
                        break;
                    }
                }
                if j < toks.len()
                    && !toks[j].after_break
                    && toks[j].is_capitalised()
                    && !toks[j].sentence_start
                {
                    j += 1;
                    continue;
                }
                // `for` and `on` join only after an organisation head
                // (`Committee on Foreign Relations`), not `Holcomb on Friday`.
                let joins = j < toks.len()
                    && CONNECTORS.contains(&toks[j].text)
                    && (!matches!(toks[j].text, "for" | "on")
                        || lex.org_heads.contains(toks[j - 1].text));
                // Dutch `ten` and `ter` stand between a given name and one
                // surname (`Erik ten Hag`): `Novak Djokovic ten Australian
                // Open titles`, `Jude Bellingham ten England caps` count.
                let dutch_name = || {
                    let one_surname = j + 2 >= toks.len()
                        || toks[j + 2].after_break
                        || !toks[j + 2].is_capitalised();
                    one_surname && lex.given_names.contains(toks[j - 1].text)
                };
                if j + 1 < toks.len()
                    && joins
                    && !toks[j].after_break
                    && !toks[j + 1].after_break
                    && (!matches!(toks[j].text, "ten" | "ter") || dutch_name())
                {
                    if toks[j + 1].is_capitalised() {
                        j += 2;
                        continue;
                    }
                    // `Bank of the South`; two particles: `Tom van der
                    // Meer`, `Juan Ramón de la Fuente`.
                    let second = toks[j + 1].text == "the"
                        || PARTICLES.contains(&toks[j].text)
                            && PARTICLES.contains(&toks[j + 1].text);
                    if second
                        && j + 2 < toks.len()
                        && !toks[j + 2].after_break
                        && toks[j + 2].is_capitalised()
                    {
                        j += 3;
                        continue;
                    }
                }
                // `Ramesh "Sunny" Balwani`: a nickname in quotes after a
                // given name, before the surname.
                if j - i == 1
                    && j + 1 < toks.len()
                    && lex.given_names.contains(toks[i].text)
                    && toks[j].is_capitalised()
                    && toks[j + 1].is_capitalised()
                    && matches!(text[toks[i].end..toks[j].start].trim(), "\"" | "“")
                    && matches!(text[toks[j].end..toks[j + 1].start].trim(), "\"" | "”")
                {
                    j += 2;
                    continue;
                }
                // `Marwan al-Hams`, `Valéry Giscard d'Estaing`.
                if j < toks.len() && !toks[j].after_break && hyphenated_particle(toks[j].text) {
                    j += 1;
                    continue;
                }
                // `the Food and Drug Administration`, `Department of Health
                // and Human Services`.
                if let Some(end) = and_in_organisation(lex, text, toks, i, j) {
                    j = end;
                    continue;
                }
                break;
            }
            let role_before = (i > 0 && !toks[i].after_break && lex.is_role(toks[i - 1].text))
                .then(|| toks[i - 1].text);
            let after_the = i > 0 && !toks[i].after_break && toks[i - 1].text == "the";
            // `the top US diplomat for East Asia`: the place names a post's
            // remit, not a place the story is about.
            let remit = i >= 2
                && toks[i - 1].text == "for"
                && !toks[i].after_break
                && !toks[i - 1].after_break
                && lex.is_role(toks[i - 2].text);
            let next = toks.get(j).filter(|t| !t.after_break);
            let said_after = next.is_some_and(|t| lex.speech_verbs.contains(t.text));
            // `Fan Mengguang, deputy director of …`: a lower-case role in
            // apposition names a person as surely as `said` does.
            // Without an article: `Paramount, the owner of CBS` is a company.
            let role_after = toks.get(j).is_some_and(|t| {
                t.after_break
                    && text[toks[j - 1].end..t.start].trim() == ","
                    && t.text.starts_with(char::is_lowercase)
                    && lex.is_role(t.text)
            });
            // `the Obama administration` names a government by its leader:
            // not a mention of the person (as the seed's record has it),
            // and not of a town that shares the name.
            let leads = next.is_some_and(|t| t.text == "administration");
            // `the Christian Democratic Appeal (CDA)`: a name spelled out
            // before its acronym in brackets is an organisation's.
            let acronym_after = toks.get(j).is_some_and(|t| {
                j - i >= 2
                    && text[toks[j - 1].end..t.start].trim() == "("
                    && t.is_acronym()
                    && initials(span_text(text, &toks[i..j]).split_whitespace())
                        == t.text.replace(['.', '-'], "")
            });
            // `the Hoa Lo prison`, `Kennedy airport`: the name of a place;
            // not in a compound (`Nelson Mandela prison years`, `the
            // Eurostat district office`).
            let compound = toks
                .get(j + 1)
                .is_some_and(|t| !t.after_break && is_content_word(t.text));
            let place_noun_after =
                next.is_some_and(|t| lex.place_nouns.contains(t.text)) && !compound;
            classify(
                lex,
                text,
                p,
                &toks[i..j],
                Context {
                    role_before,
                    remit,
                    said_after: said_after || role_after,
                    after_the,
                    leads,
                    acronym_after,
                    place_noun_after,
                    english,
                    lower_words: &lower_words,
                },
                &mut candidates,
            );
            i = j;
        }
    }
    // A name by shape only is a person when its surname also stands alone
    // (`Piers Morgan … Morgan said`); menus and product names (`Quick
    // Substitutes Toggle`) do not repeat that way.
    // (Built only when some name needs it: most articles have none.)
    let (mut alone, mut alone_people) = (HashSet::default(), HashSet::default());
    if candidates.iter().any(|c| c.weak) {
        for c in candidates
            .iter()
            .filter(|c| !c.weak && !c.name.contains(' '))
        {
            let name = fold(&c.name);
            if c.kind == Kind::Person {
                alone_people.insert(name.clone());
            }
            alone.insert(name);
        }
    }
    candidates.retain(|c| {
        // Or a short first word alone as a person: names are written
        // surname first too (`Xi Jinping … Xi said`, `Park Geun-hye …
        // Park`), but `Sports` or `Default` alone name no one.
        let first = c.name.split(' ').next().unwrap_or("");
        !c.weak
            || c.name
                .rsplit(' ')
                .next()
                .is_some_and(|last| alone.contains(&fold(last)))
            || first.chars().count() <= 4 && alone_people.contains(&fold(first))
    });
    let mut found = merge(lex, paragraphs, &sentence_starts, candidates);
    found.sentences = sentence_spans;
    found.sexes = found
        .entities
        .iter()
        .map(|(kind, name, _)| {
            let first = name.split(' ').next()?;
            (*kind == Kind::Person).then(|| lex.given_sex.get(first).copied())?
        })
        .collect();
    // A title says it better than a name (`Mrs.`, `Congresswoman`, `Sir`).
    for (role, entity, _, _) in &found.roles {
        let sex = if FEMALE_TITLES.contains(&role.as_str()) {
            Some('f')
        } else if MALE_TITLES.contains(&role.as_str()) {
            Some('m')
        } else {
            continue;
        };
        if let Some(slot) = found.sexes.get_mut(*entity) {
            *slot = sex;
        }
    }
    found
}

/// Titles of women and of men before a name, folded.
const FEMALE_TITLES: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "lady",
    "dame",
    "queen",
    "princess",
    "duchess",
    "baroness",
    "chairwoman",
    "spokeswoman",
    "congresswoman",
    "councilwoman",
    "alderwoman",
    "assemblywoman",
    "headmistress",
    "actress",
    "wife",
    "mother",
    "daughter",
    "sister",
];
const MALE_TITLES: &[&str] = &[
    "mr",
    "sir",
    "lord",
    "king",
    "prince",
    "duke",
    "baron",
    "chairman",
    "spokesman",
    "congressman",
    "councilman",
    "alderman",
    "assemblyman",
    "headmaster",
    "husband",
    "son",
    "brother",
];

struct Context<'a> {
    role_before: Option<&'a str>,
    /// After `<role> for`: a post's remit (`envoy for East Asia`).
    remit: bool,
    /// Followed by a verb of saying, or by a role in apposition.
    said_after: bool,
    /// Right after a lower-case `the`: a lone word there is no person (`the
    /// Centre said`; `The Centre said` is stripped of its `The`).
    after_the: bool,
    /// Followed by `administration`: a government named by its leader.
    leads: bool,
    /// Followed by its acronym in brackets (`… Appeal (CDA)`).
    acronym_after: bool,
    /// Followed by a lower-case place noun (`prison`, `airport`).
    place_noun_after: bool,
    english: bool,
    lower_words: &'a HashSet<Cow<'a, str>>,
}

/// `word.to_lowercase()`, borrowed when that changes nothing (ASCII with no
/// capital): most words of an article.
fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The run opens with a known place of `min` words or more (`Dominican
/// Republic President …`, `Kurdistan Region of Iraq`).
fn opens_with_place(lex: &Lexicon, text: &str, span: &[Token<'_>], min: usize) -> bool {
    (min..=span.len()).any(|k| lex.places.contains(span_text(text, &span[..k])))
}

fn span_text<'a>(text: &'a str, toks: &[Token<'_>]) -> &'a str {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => &text[a.start..b.end],
        _ => "",
    }
}

fn classify(
    lex: &Lexicon,
    text: &str,
    p: usize,
    span: &[Token<'_>],
    cx: Context<'_>,
    out: &mut Vec<Candidate>,
) {
    let mut span = span;
    // A number word opening the sentence (`Two New Yorkers were arrested`),
    // unless it belongs to a known name (`Three Mile Island`).
    if span.len() > 1 && span[0].sentence_start && lex.numbers.contains(span[0].text) {
        let name = span_text(text, span);
        if !lex.places.contains(name) && !lex.organizations.contains(name) {
            span = &span[1..];
        }
    }
    // Sentence openers and nationality adjectives are not part of a name.
    let opens_with_the = span.first().is_some_and(|t| t.text == "The");
    while let Some(first) = span.first() {
        let word = first.text.trim_end_matches('.');
        // (Not before a legal form alone: `Indeed Inc.`)
        let named = span.len() == 2 && lex.legal_forms.contains(span[1].text);
        if !named
            && (lex.openers.contains(word) && span.len() > 1
                || (lex.openers.contains(word) && first.sentence_start))
        {
            span = &span[1..];
        } else {
            break;
        }
    }
    // Days, months and other non-names at either end (`Holcomb Friday`),
    // and the connector they leave (`Administration on Monday`).
    while span.len() > 1
        && span
            .last()
            .is_some_and(|t| lex.not_entities.contains(t.text) || CONNECTORS.contains(&t.text))
    {
        span = &span[..span.len() - 1];
    }
    while span.len() > 1
        && span
            .first()
            .is_some_and(|t| lex.not_entities.contains(t.text))
    {
        span = &span[1..];
    }
    // `Members of Parliament` names people of an organisation.
    if span.len() > 2
        && span[1].text == "of"
        && span[0].text.ends_with('s')
        && !lex.org_heads.contains(span[0].text)
    {
        span = &span[2..];
        if span.len() > 1 && span[0].text == "the" {
            span = &span[1..];
        }
    }
    let Some(last) = span.last() else {
        return;
    };
    // A named storm (`Tropical Storm Corwin`, `Hurricane Helene`) is
    // neither a person nor a place.
    // (`Storm` alone opens people's names too: `Storm Reid`, and the
    // `Storm Prediction Center`.)
    let storm = matches!(span[0].text, "Hurricane" | "Typhoon" | "Cyclone")
        || span[0].text == "Tropical"
            && span
                .get(1)
                .is_some_and(|t| matches!(t.text, "Storm" | "Depression" | "Cyclone"));
    if span.len() > 1 && storm && !lex.org_heads.contains(last.text) {
        return;
    }
    // `Electoral Commission`, `Civil Aviation Authority of Nepal`; a
    // country's branch of a known organisation (`Kenya Red Cross`).
    let ends_org = span.len() > 1
        && (lex.org_heads.contains(last.text)
            || lex.legal_forms.contains(last.text)
            || span.windows(2).any(|w| {
                (lex.org_heads.contains(w[0].text) || lex.organizations.contains(w[0].text))
                    && CONNECTORS.contains(&w[1].text)
            })
            || (1..span.len().saturating_sub(1)).any(|k| {
                span[..k]
                    .iter()
                    .all(|t| lex.places.contains(t.text) || lex.demonyms.contains(t.text))
                    && lex.organizations.contains(span_text(text, &span[k..]))
            })
            // A club's first word (`Real Betis`, `Borussia Dortmund`), or
            // an institution's named after a person (`Lycée Victor Hugo`,
            // `Fundación Amancio Ortega`, `Centre Georges Pompidou`).
            || CLUB_OPENERS.contains(&span[0].text)
            || INSTITUTION_OPENERS.contains(&span[0].text)
            // An acronym and a place (`ETH Zurich`, `Ohio EPA`).
            || span.len() == 2 && {
                // (One the gazetteer knows stands alone beside a place: `EU
                // Brussels summit`, `Ukraine NATO membership`; so does an
                // acronym after a place, `Gaza UNRWA staff`.)
                let acronym = |t: &Token<'_>| {
                    (2..=6).contains(&t.text.len())
                        && t.text.chars().all(|c| c.is_ascii_uppercase() || c == '&')
                        && !lex.places.contains(t.text)
                        && !lex.not_entities.contains(t.text)
                        && !lex.organizations.contains(t.text)
                };
                // (Set in title case: a line in capitals, `TAYLOR SWIFT`,
                // `VICE US`, holds no acronym.)
                let place = |t: &Token<'_>| {
                    lex.places.contains(t.text) && t.text.chars().any(char::is_lowercase)
                };
                acronym(&span[0]) && place(&span[1])
            });
    // (Not from a known name: `Dominican Republic`, `Czech Republic`,
    // `Indian Ocean`.)
    if !ends_org {
        // (A noun of nationality that is also a given name goes only
        // before another given name: `Finn Valtteri Bottas`, not `Finn
        // Wolfhard`, `Dane van Niekerk`.)
        while span.len() > 1
            && lex.demonyms.contains(span[0].text)
            && !opens_with_place(lex, text, span, 2)
            && (!NATIONALITY_NAMES.contains(&span[0].text)
                || span[1].text.starts_with(char::is_uppercase)
                    && lex.given_names.contains(span[1].text))
        {
            span = &span[1..];
        }
    }
    let push = |out: &mut Vec<Candidate>, kind: Kind, toks: &[Token<'_>], tentative: bool| {
        let name = span_text(text, toks);
        if name.is_empty() {
            return;
        }
        out.push(Candidate {
            kind,
            paragraph: p,
            start: toks[0].start,
            end: toks[toks.len() - 1].end,
            name: display(name),
            tentative,
            role: None,
            weak: false,
        });
    };
    // A place, unless it names a post's remit.
    let remit = cx.remit;
    let push_place = |out: &mut Vec<Candidate>, toks: &[Token<'_>]| {
        if !remit {
            push(out, Kind::Place, toks, false);
        }
    };
    let whole = span_text(text, span);
    if whole.is_empty()
        || lex.not_entities.contains(whole)
        || span.iter().all(|t| lex.not_entities.contains(t.text))
    {
        return;
    }
    // `Tribunal Superior Eleitoral (TSE)`: a name spelled out before its
    // acronym is an organisation's, unless its words are all common English
    // ones (`Gross Domestic Product (GDP)`, `Chief Executive Officer`) or it
    // names a place (`Kingdom of Saudi Arabia (KSA)`).
    let spelled_out = cx.acronym_after
        && span.len() > 1
        && !span.iter().all(|t| {
            CONNECTORS.contains(&t.text) || lex.common_words.contains(lower(t.text).as_ref())
        })
        && !opens_with_place(lex, text, span, 1)
        && !matches!(
            span[0].text,
            "Kingdom" | "Republic" | "Region" | "Emirate" | "Sultanate" | "Principality" | "State"
        );
    if lex.organizations.contains(whole) || spelled_out {
        return push(out, Kind::Organization, span, false);
    }
    let lone_opener = span.len() == 1
        && span[0].sentence_start
        && cx.lower_words.contains(lower(span[0].text).as_ref());
    if cx.english && cx.leads && span.len() == 1 {
        return;
    }
    if lex.places.contains(whole) && !lone_opener {
        return push_place(out, span);
    }
    if !cx.english {
        return;
    }
    if ends_org {
        // `political scientist Étienne Marchal of the University of Lille`:
        // a person, then the organisation they belong to.
        if let Some(k) = span.iter().position(|t| t.text == "of")
            && (2..=3).contains(&k)
            && (cx.role_before.is_some() || lex.given_names.contains(span[0].text))
            && span[..k].iter().all(|t| {
                t.text.chars().any(char::is_lowercase)
                    && !lex.org_heads.contains(t.text)
                    && !lex.organizations.contains(t.text)
                    && !lex.places.contains(t.text)
            })
        {
            person_or_lookup(lex, text, p, &span[..k], cx.role_before, true, out);
            let mut rest = &span[k + 1..];
            if rest.first().is_some_and(|t| t.text == "the") {
                rest = &rest[1..];
            }
            if !rest.is_empty() {
                push(out, Kind::Organization, rest, false);
            }
            return;
        }
        return push(out, Kind::Organization, span, false);
    }
    // A title inside the run: what follows it is a person, what precedes
    // it is looked up on its own ("US National Security Adviser Jake
    // Sullivan").
    if let Some(r) = (0..span.len().saturating_sub(1))
        .rev()
        .find(|&r| lex.is_role(span[r].text))
    {
        let mut rest = &span[r + 1..];
        if rest.len() > 1 && matches!(rest[0].text, "of" | "for") {
            let skip = if rest.get(1).is_some_and(|t| t.text == "the") {
                3
            } else {
                2
            };
            rest = rest.get(skip..).unwrap_or(&[]);
        }
        if !rest.is_empty() {
            let title = fold(span[r].text.trim_end_matches('.'));
            if rest.len() > 2 && r + 1 < span.len() && CONNECTORS.contains(&span[r + 1].text) {
                // `Deputy Director of Public Prosecution Eva-Marie Persson`.
                let k = rest
                    .iter()
                    .position(|t| lex.given_names.contains(t.text))
                    .unwrap_or(rest.len() - 2);
                rest = &rest[k..];
            }
            if rest.len() == 1 && PEERAGE.contains(&title.as_str()) {
                push(out, Kind::Person, &span[r..], false);
            } else {
                person_or_lookup(lex, text, p, rest, Some(span[r].text), true, out);
            }
        }
        lookup_parts(lex, text, p, &span[..r], out);
        return;
    }
    if span.len() == 1 && lex.is_role(span[0].text) {
        return;
    }
    let last_word = span[span.len() - 1].text;
    // (Some place heads are surnames too: `Ann Beach`, `Peter Falls` are
    // people; a known place is one (`Victoria Falls`, `Myrtle Beach`), and
    // a mosque or a street named after someone is a place.)
    let person_first = span.len() <= 3
        && SURNAME_PLACE_HEADS.contains(&last_word)
        && span[..span.len() - 1]
            .iter()
            .any(|t| lex.given_names.contains(t.text));
    // (An opener gives way to an organisation's word, `Mount Sinai Health
    // System`, `Mount Holyoke College`, and to a role: `actress Lake Bell`.)
    let opened = PLACE_OPENERS.contains(&span[0].text)
        && cx.role_before.is_none()
        && !span[1..]
            .iter()
            .any(|t| lex.org_heads.contains(t.text) || lex.legal_forms.contains(t.text));
    if span.len() > 1 && (lex.place_heads.contains(last_word) && !person_first || opened) {
        return push_place(out, span);
    }
    // (Not an adjective: `a Republican district`, `the Arab region`. A
    // place named after a person is a place: `John Wayne airport`.)
    if cx.place_noun_after
        && !span.iter().any(|t| t.possessive)
        && !(span.len() == 1
            && (lex.demonyms.contains(span[0].text)
                || lex.common_words.contains(lower(span[0].text).as_ref())))
    {
        return push_place(out, span);
    }
    // `New Yorkers`, `Londoners`: the people of a place, not a person.
    if plural_demonym(lex, text, span) {
        return;
    }
    let compass = span
        .iter()
        .take_while(|t| COMPASS.contains(&t.text))
        .count();
    if (1..span.len()).contains(&compass) && lex.places.contains(span_text(text, &span[compass..]))
    {
        return push_place(out, span);
    }
    if span.len() == 1 && span[0].is_acronym() && !lex.not_entities.contains(span[0].text) {
        return push(out, Kind::Organization, span, false);
    }
    if span.len() == 1 && (cx.after_the || opens_with_the) {
        return;
    }
    let before = out.len();
    person_or_lookup(
        lex,
        text,
        p,
        span,
        cx.role_before,
        cx.role_before.is_some() || cx.said_after,
        out,
    );
    // `the Christian Democratic Appeal (CDA)`: a name that reads as a
    // person's but is spelled out before its acronym is an organisation's
    // (`Gross Domestic Product (GDP)` reads as no one's and stays so).
    if cx.acronym_after
        && span.len() > 1
        && out.len() == before + 1
        && out[before].kind == Kind::Person
        && out[before].start == span[0].start
        && out[before].end == span[span.len() - 1].end
    {
        out[before].kind = Kind::Organization;
        out[before].weak = false;
        out[before].tentative = false;
        out[before].role = None;
    }
}

/// A lower-case word of five letters or more that is not a conjunction or
/// preposition: after a noun, the head of a compound (`prison years`).
fn is_content_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_lowercase())
        && word.chars().count() > 4
        && !matches!(
            word,
            "where"
                | "which"
                | "after"
                | "before"
                | "during"
                | "since"
                | "while"
                | "until"
                | "under"
                | "outside"
                | "inside"
                | "about"
                | "across"
                | "through"
        )
}

/// A run of two words or more naming the people of a known place: the
/// place with `-ers`, `-ns` or `-ians` (`New Yorkers`, `South Koreans`), or
/// its final `-s` made `-ns` (`Las Vegans`).
fn plural_demonym(lex: &Lexicon, text: &str, span: &[Token<'_>]) -> bool {
    if span.len() < 2 {
        // A lone word is a person only with a fuller name elsewhere, and
        // `Sanders` must not become `Sand` + `ers`.
        return false;
    }
    let name = span_text(text, span);
    ["ers", "ns", "ians"].iter().any(|suffix| {
        name.strip_suffix(suffix).is_some_and(|place| {
            lex.places.contains(place)
                || place.ends_with('a')
                    && *suffix == "ns"
                    && lex.places.contains(&format!("{place}s"))
        })
    })
}

/// A run with a person cue, a given name or a plain two- or three-word
/// shape is a person; otherwise its parts are looked up.
fn person_or_lookup(
    lex: &Lexicon,
    text: &str,
    p: usize,
    span: &[Token<'_>],
    role: Option<&str>,
    cue: bool,
    out: &mut Vec<Candidate>,
) {
    // `Greg Taylor of Indianapolis`: a person from a place.
    if let Some(k) = span.iter().position(|t| t.text == "of")
        && k >= 2
        && (cue || lex.given_names.contains(span[0].text))
    {
        person_or_lookup(lex, text, p, &span[..k], role, cue, out);
        lookup_parts(lex, text, p, &span[k + 1..], out);
        return;
    }
    // `Ukraine Kurt Volker`: a place or organisation before a given name.
    if let Some(k) = (1..span.len().saturating_sub(1)).find(|&k| {
        lex.given_names.contains(span[k].text)
            && span[..k]
                .iter()
                .all(|t| lex.places.contains(t.text) || lex.organizations.contains(t.text))
    }) {
        lookup_parts(lex, text, p, &span[..k], out);
        person_or_lookup(lex, text, p, &span[k..], role, cue, out);
        return;
    }
    // `Speaking to the Daily Mail Lacerda said`: a known organisation of two
    // words or more before a name is no part of it.
    if let Some(k) = (2..span.len())
        .rev()
        .find(|&k| span.len() - k <= 2 && lex.organizations.contains(span_text(text, &span[..k])))
    {
        lookup_parts(lex, text, p, &span[..k], out);
        person_or_lookup(lex, text, p, &span[k..], role, cue, out);
        return;
    }
    // `Brave Marina Lacerda`: an adjective before a given name is no part
    // of the name.
    // So is a noun of what someone does, opening the sentence (`Commuter
    // Jana Petersen`, `Pacer Tushar Deshmukh`), rarer than the common words.
    if span.len() == 3
        && lex.given_names.contains(span[1].text)
        && !lex.given_names.contains(span[0].text)
        && (lex.common_words.contains(lower(span[0].text).as_ref())
            || span[0].sentence_start && agent_noun(span[0].text))
        && !lex.common_words.contains(lower(span[1].text).as_ref())
    {
        return person_or_lookup(lex, text, p, &span[1..], role, cue, out);
    }
    // `Edeline Lee’s show`: a possessive two- or three-word name.
    let cue = cue || (span.len() > 1 && span.len() <= 3 && span[span.len() - 1].possessive);
    // Particles inside a name do not count as its words (`Tom van der
    // Meer` has two), and are its only lower-case words.
    // (Most names have no lower-case word inside: no particle to look for.)
    let lower_inside = span
        .iter()
        .skip(1)
        .any(|t| t.text.starts_with(char::is_lowercase));
    let inner_particle = |k: usize| {
        if !lower_inside {
            return false;
        }
        let word = span[k].text;
        // (`Von der Leyen said`, at the start of a sentence.)
        let follows_first = k > 0
            && FIRST_PARTICLES
                .iter()
                .any(|p| p.eq_ignore_ascii_case(span[k - 1].text));
        k > 0
            && (FIRST_PARTICLES.contains(&word)
                || PARTICLES.contains(&word) && follows_first
                || k + 1 < span.len() && matches!(word, "bin" | "ibn" | "al" | "el"))
    };
    // `Deir al-Balah`, `Val d'Isère` are places: a name with an Arabic or
    // French article needs a cue or a known given name to be a person.
    let articled = span.iter().any(|t| hyphenated_particle(t.text));
    // French ones are more often places (`Val d'Isère`, `Côte d'Ivoire`):
    // only a cue makes a person.
    let elided = span
        .iter()
        .any(|t| t.text.starts_with("d'") || t.text.starts_with("d’"));
    let words = (0..span.len()).filter(|&k| !inner_particle(k)).count();
    // German nouns take `von` too (`Urlaub von Günther`): a name with a
    // particle needs a cue or a known given name.
    // (Two particles, as Dutch and Spanish names have them, are no prose:
    // `Laurens van der Maaten`, `Juan de la Fuente`.)
    let particled = words < span.len()
        && !span
            .windows(2)
            .any(|w| matches!(w[0].text, "van" | "de") && PARTICLES.contains(&w[1].text));
    // An initial before the surname (`David A. Gross`, `J. Robert
    // Oppenheimer`); Indian names set them without stops, two or more
    // (`B V Ramanathan`, `D K Shivaram`; not `A` nor `I`).
    let bare = |k: usize| {
        span.get(k).is_some_and(|t| {
            t.text.len() == 1 && is_initial(t.text) && !matches!(t.text, "A" | "I")
        })
    };
    // (Not before a common word: `M P Government` is Madhya Pradesh's.)
    let surname_last = !lex
        .common_words
        .contains(lower(span[span.len() - 1].text).as_ref());
    let initial = |k: usize| {
        k + 1 < span.len()
            && (span[k].text.ends_with('.') && is_initial(span[k].text)
                || surname_last && bare(k) && (bare(k + 1) || k > 0 && bare(k - 1)))
    };
    // (A surname with its article is a word: `al-Hams`.)
    let name_like = span.iter().enumerate().all(|(k, t)| {
        inner_particle(k)
            || k > 0 && hyphenated_particle(t.text)
            || initial(k)
            || t.text.chars().next().is_some_and(char::is_uppercase)
                && t.text.chars().any(char::is_lowercase)
                && (!lex.demonyms.contains(t.text) || k == 0 && NATIONALITY_NAMES.contains(&t.text))
                && !lex.not_entities.contains(t.text)
                && !lex.organizations.contains(t.text)
                && !lex.is_role(t.text)
    }) || (span.len() > 1
        && span
            .iter()
            .all(|t| t.text.chars().next().is_some_and(char::is_uppercase))
        && lex.given_names.contains(span[0].text));
    let known_parts = span.iter().filter(|t| lex.places.contains(t.text)).count();
    let given = lex.given_names.contains(span[0].text);
    // Without a cue or a given name, a name must not end in a common word:
    // `Full Fact` and `Theatre Royal` are not people, `Will Moy` is.
    let surname = !lex
        .common_words
        .contains(lower(span[span.len() - 1].text).as_ref());
    // Nor open with one: `Quick Substitutes Toggle`, `Sports Brat`.
    let forename = !lex.common_words.contains(lower(span[0].text).as_ref());
    let shape = known_parts == 0 && surname;
    let weak = name_like
        && (2..=3).contains(&words)
        && !cue
        && !given
        && shape
        && !forename
        && !articled
        && !particled;
    // An event is no one (`Spring Festival`, `Winter Games`).
    let event = span.len() > 1 && lex.event_heads.contains(span[span.len() - 1].text);
    let weak = weak && !event;
    let person = !event
        && name_like
        && match words {
            1 => true,
            2..=3 => cue || (given && !elided) || (shape && forename && !articled && !particled),
            4 => given && known_parts == 0,
            _ => false,
        };
    if person || weak {
        let name = span_text(text, span);
        out.push(Candidate {
            kind: Kind::Person,
            paragraph: p,
            start: span[0].start,
            end: span[span.len() - 1].end,
            name: display(name),
            // `Prosecutors said` opens a sentence: only a fuller name
            // elsewhere makes a lone word a person.
            tentative: span.len() == 1 && (!cue || (role.is_none() && span[0].sentence_start)),
            role: role.map(role_noun),
            weak,
        });
    } else if span.len() > 1 {
        lookup_parts(lex, text, p, span, out);
    }
}

/// A capitalised noun of what someone does or is (`Commuter`, `Pacer`,
/// `Cyclist`): the endings of English agent nouns.
fn agent_noun(word: &str) -> bool {
    word.len() > 4
        && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && ["er", "or", "ist", "ian", "ant", "ent"]
            .iter()
            .any(|end| word.ends_with(end))
}

/// Known places and organisations inside a run that is not a name as a
/// whole, longest first from the left.
fn lookup_parts(lex: &Lexicon, text: &str, p: usize, span: &[Token<'_>], out: &mut Vec<Candidate>) {
    let mut i = 0;
    while i < span.len() {
        let mut matched = 0;
        for j in (i + 1..=span.len()).rev() {
            let part = &span[i..j];
            let name = span_text(text, part);
            // (A nationality opens no name but a known one of two words or
            // more: `Dominican Republic President Luis Abinader`.)
            if !part[0].is_capitalised()
                || lex.openers.contains(part[0].text)
                || lex.demonyms.contains(part[0].text) && part.len() == 1
                || lex.not_entities.contains(name)
            {
                continue;
            }
            let kind = if lex.organizations.contains(name) {
                Kind::Organization
            } else if lex.places.contains(name) {
                Kind::Place
            } else {
                continue;
            };
            out.push(Candidate {
                kind,
                paragraph: p,
                start: part[0].start,
                end: part[part.len() - 1].end,
                name: display(name),
                tentative: false,
                role: None,
                weak: false,
            });
            matched = j - i;
            break;
        }
        i += matched.max(1);
    }
}

/// Abbreviated titles and the noun a later description uses for them
/// ("Gov. Eric Holcomb" … "the governor said").
const ROLE_NOUNS: &[(&str, &str)] = &[
    ("gov", "governor"),
    ("sen", "senator"),
    ("rep", "representative"),
    ("gen", "general"),
    ("adm", "admiral"),
    ("lt", "lieutenant"),
    ("col", "colonel"),
    ("capt", "captain"),
    ("sgt", "sergeant"),
    ("dr", "doctor"),
    ("prof", "professor"),
    ("supt", "superintendent"),
];

/// A role as a later description names it: folded, abbreviation spelled out.
fn role_noun(role: &str) -> String {
    let r = fold(role.trim_end_matches('.'));
    ROLE_NOUNS
        .iter()
        .find(|(a, _)| *a == r)
        .map_or(r, |(_, n)| n.to_string())
}

/// A name as printed: all-capital datelines in title case.
/// Nouns of nationality that are given names too.
const NATIONALITY_NAMES: &[&str] = &["Finn", "Dane", "Scot", "Pole", "Turk", "Kiwi"];

/// First words that make a capitalised name a sports club's.
const CLUB_OPENERS: &[&str] = &[
    "Real",
    "Borussia",
    "Atlético",
    "Atletico",
    "Athletic",
    "Sporting",
    "Dynamo",
    "Dinamo",
    "Olympique",
    "Deportivo",
    "Eintracht",
    "Hertha",
];

/// First words of institutions, most in other languages, that bear a
/// person's name after them.
const INSTITUTION_OPENERS: &[&str] = &[
    "Fundación",
    "Fundação",
    "Fondation",
    "Fondazione",
    "Stichting",
    "Lycée",
    "Liceo",
    "Collège",
    "Colegio",
    "Instituto",
    "Institut",
    "Universidad",
    "Université",
    "Università",
    "Universidade",
    "Hôpital",
    "Hospital",
    "Centre",
    "Centro",
    "Musée",
    "Museo",
];

/// First words that make a capitalised name a place (`Mount Kenya`, `Cape
/// York`, `Estadio Benito Villamarín`), whatever names follow them.
const PLACE_OPENERS: &[&str] = &[
    "Mount", "Mt.", "Cape", "Lake", "Isle", "Estadio", "Estádio", "Stadio", "Lago", "Lac",
];

fn display(name: &str) -> String {
    // Without the nickname (`Ramesh "Sunny" Balwani` is Ramesh Balwani).
    if let Some((open, mark)) = name.char_indices().find(|&(_, c)| matches!(c, '"' | '“'))
        && let Some((close, mark_after)) = name[open + mark.len_utf8()..]
            .char_indices()
            .find(|&(_, c)| matches!(c, '"' | '”'))
    {
        let end = open + mark.len_utf8() + close + mark_after.len_utf8();
        return display(&format!("{}{}", name[..open].trim_end(), &name[end..]));
    }
    let (mut letters, mut upper) = (0, true);
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper &= c.is_uppercase();
    }
    if upper && (letters > 5 || letters > 4 && name.contains(char::is_whitespace)) {
        return name
            .split(' ')
            .map(|w| {
                let mut cs = w.chars();
                match cs.next() {
                    Some(f) => f
                        .to_uppercase()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect::<String>(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    name.to_string()
}

/// The full names that end with one shorter name, ordered by where they
/// stand, to find in logarithmic time the one a mention belongs to: the
/// last paragraph at or before the mention that names one (else the first
/// after it), and in that paragraph the name found first.
struct Owners {
    /// (paragraph, offset, index in `people`), in text order.
    at: Vec<(usize, usize, usize)>,
    /// The least index in `people` from the start of the entry's paragraph
    /// up to the entry.
    least: Vec<usize>,
    /// The last entry in the first paragraph that names one.
    first_paragraph_end: usize,
}

impl Owners {
    fn new<'a>(people: &[(&Candidate, String)], ks: impl Iterator<Item = &'a usize>) -> Owners {
        let mut at: Vec<(usize, usize, usize)> = ks
            .map(|&k| (people[k].0.paragraph, people[k].0.start, k))
            .collect();
        at.sort_unstable();
        at.dedup();
        let mut least: Vec<usize> = Vec::with_capacity(at.len());
        for (i, &(paragraph, _, k)) in at.iter().enumerate() {
            let same_paragraph = i > 0 && at[i - 1].0 == paragraph;
            least.push(if same_paragraph {
                k.min(least[i - 1])
            } else {
                k
            });
        }
        let first_paragraph_end = at
            .iter()
            .take_while(|&&(p, _, _)| Some(p) == at.first().map(|a| a.0))
            .count()
            .saturating_sub(1);
        Owners {
            at,
            least,
            first_paragraph_end,
        }
    }

    /// The owner of mention `c`, as an index in `people`.
    fn of(&self, c: &Candidate) -> Option<usize> {
        let before = self
            .at
            .partition_point(|&(p, s, _)| (p, s) <= (c.paragraph, c.start));
        match before {
            0 => self.least.get(self.first_paragraph_end).copied(),
            n => Some(self.least[n - 1]),
        }
    }
}

fn initials<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    words
        .into_iter()
        .flat_map(|w| w.split('-'))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// The acronyms an organisation's name may go by: its initials, without
/// the company's legal form (`PG&E` of `Pacific Gas & Electric Co.`), and
/// without the place it opens with, these two of three letters or more (`PUC` of
/// `California Public Utilities Commission`, `SEC` of `U.S. Securities and
/// Exchange Commission`).
fn acronyms(lex: &Lexicon, name: &str) -> Vec<String> {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let mut forms = vec![initials(words.iter().copied())];
    // (Three letters at least: `AP` is no `Arab Potash Co.`.)
    if words.len() > 2 && words.last().is_some_and(|w| lex.legal_forms.contains(*w)) {
        words.pop();
        if let Some(w) = words.last_mut() {
            *w = w.trim_end_matches(',');
        }
        let rest = initials(words.iter().copied());
        if rest.chars().count() >= 3 {
            forms.push(rest);
        }
    }
    // The longest run of opening words that names a place, leaving two.
    let place = (1..=2.min(words.len().saturating_sub(2)))
        .rev()
        .find(|&n| lex.places.contains(&words[..n].join(" ")));
    if let Some(n) = place {
        let rest = initials(words[n..].iter().copied());
        if rest.chars().count() >= 3 {
            forms.push(rest);
        }
    }
    forms
}

fn merge(
    lex: &Lexicon,
    paragraphs: &[String],
    sentence_starts: &[Vec<usize>],
    candidates: Vec<Candidate>,
) -> Found {
    let mut found = Found::default();
    // Entity keys: gazetteer group for places/organisations, else the
    // folded name.
    let mut index: HashMap<(Kind, String), usize> = HashMap::default();
    let mut first_pronouns: HashMap<(usize, usize), Option<usize>> = HashMap::default();
    let key_of = |kind: Kind, name: &str| -> String {
        match kind {
            Kind::Place => lex
                .places
                .group(name)
                .map_or_else(|| fold(name), |g| format!("#{g}")),
            Kind::Organization => lex
                .organizations
                .group(name)
                .map_or_else(|| fold(name), |g| format!("#{g}")),
            // `Donald J. Trump` is `Donald Trump`: a middle initial is no
            // other person (though `Michael B. Jordan` is, now and then).
            Kind::Person => {
                // (Only names of three words or more: most have two.)
                if name.bytes().filter(|&b| b == b' ').count() >= 2 {
                    let words: Vec<&str> = name.split(' ').collect();
                    let last = words.len() - 1;
                    let kept: Vec<&str> = words
                        .iter()
                        .enumerate()
                        .filter(|&(k, w)| k == 0 || k == last || !is_initial(w))
                        .map(|(_, w)| *w)
                        .collect();
                    fold(&kept.join(" "))
                } else {
                    fold(name)
                }
            }
        }
    };
    // Full person names first, so that a lone surname finds its owner.
    let orgs: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.kind == Kind::Organization && c.name.contains(' '))
        .collect();
    // `Maple Leafs` after `Toronto Maple Leafs` is the club, not a person
    // named Maple.
    let club_of = |c: &Candidate| -> Option<&Candidate> {
        if c.kind != Kind::Person || !c.name.contains(' ') {
            return None;
        }
        orgs.iter().copied().find(|o| {
            let Some(head) = o.name.strip_suffix(c.name.as_str()) else {
                return false;
            };
            // (`Centre of Memory of Nelson Mandela`, `Lycée Victor Hugo`
            // are named after them.)
            head.ends_with(' ')
                && !head
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| INSTITUTION_OPENERS.contains(&w))
                && !matches!(
                    head.split_whitespace().last(),
                    Some(
                        "of" | "for"
                            | "de"
                            | "du"
                            | "des"
                            | "di"
                            | "della"
                            | "von"
                            | "van"
                            | "y"
                            | "and"
                            | "&"
                    )
                )
                && !head.trim().is_empty()
        })
    };
    // (Found once a candidate: the people's index and the merge read it.)
    let clubs: Vec<Option<&Candidate>> = candidates.iter().map(club_of).collect();
    // With their folded names, folded once (not once per candidate).
    let people: Vec<(&Candidate, String)> = candidates
        .iter()
        .zip(&clubs)
        .filter(|(c, club)| c.kind == Kind::Person && c.name.contains(' ') && club.is_none())
        .map(|(c, _)| (c, fold(&c.name)))
        .collect();
    let org_acronyms: Vec<Vec<String>> = orgs.iter().map(|o| acronyms(lex, &o.name)).collect();
    // The full names by their first and last words, and by every tail that
    // starts after a space or a hyphen (`biden` and `hunter biden` of
    // `robert hunter biden`): a page of many people is merged in linear
    // time, not by comparing every name with every other.
    let mut first_words: HashMap<&str, usize> = HashMap::default();
    let mut last_words: HashSet<&str> = HashSet::default();
    let mut space_tails: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut hyphen_tails: HashMap<&str, Vec<usize>> = HashMap::default();
    for (k, (_, full)) in people.iter().enumerate() {
        if let Some((head, _)) = full.split_once(' ') {
            first_words.entry(head).or_insert(k);
        }
        if let Some((_, last)) = full.rsplit_once(' ') {
            last_words.insert(last);
        }
        for (i, ch) in full.char_indices() {
            let tails = match ch {
                ' ' => &mut space_tails,
                '-' => &mut hyphen_tails,
                _ => continue,
            };
            tails.entry(&full[i + 1..]).or_default().push(k);
        }
    }
    // Who owns a shorter name, by tail: a peer's title is no name to own
    // (`Lord Alli` does not own `Alli` … of another man); names that end
    // after a space serve one-word names, with those after a hyphen too,
    // names of two words or more.
    let owns = |k: &usize| {
        let full = &people[*k].1;
        !PEERAGE
            .iter()
            .any(|t| full.starts_with(t) && full[t.len()..].starts_with(' '))
    };
    let space_owners: HashMap<&str, Owners> = space_tails
        .iter()
        .map(|(tail, ks)| (*tail, Owners::new(&people, ks.iter().filter(|k| owns(k)))))
        .collect();
    let all_owners: HashMap<&str, Owners> = hyphen_tails
        .iter()
        .map(|(tail, ks)| {
            let spaced = space_tails.get(tail).into_iter().flatten();
            let ks = ks.iter().chain(spaced).filter(|k| owns(k));
            (*tail, Owners::new(&people, ks))
        })
        .collect();
    for (c, &club) in candidates.iter().zip(&clubs) {
        let mut kind = c.kind;
        // `Taylor` after `Taylor Swift` is her, not the town in Michigan.
        if kind != Kind::Person && !c.name.contains(' ') && c.name.chars().any(char::is_lowercase) {
            let word = fold(&c.name);
            // The last or the first word of a full name.
            if last_words.contains(word.as_str()) || first_words.contains_key(word.as_str()) {
                kind = Kind::Person;
            }
        }
        if club.is_some() {
            kind = Kind::Organization;
        }
        let mut key = key_of(kind, &c.name);
        let mut display_name = c.name.clone();
        if let Some(o) = club {
            key = key_of(kind, &o.name);
            display_name = o.name.clone();
        } else if kind == Kind::Person {
            // The fullest person name that ends with this one, most recent
            // first ("Biden" after "Hunter Biden" is Hunter).
            let folded = fold(&c.name);
            let owners = match c.name.contains(' ') {
                true => all_owners.get(folded.as_str()),
                false => None,
            }
            .or_else(|| space_owners.get(folded.as_str()));
            let owner = owners.and_then(|o| o.of(c)).map(|k| &people[k]);
            // `Sir Keir` is `Keir Starmer`.
            let owner = owner.or_else(|| {
                (!c.name.contains(' '))
                    .then(|| first_words.get(folded.as_str()).map(|&k| &people[k]))
                    .flatten()
            });
            if let Some((o, _)) = owner {
                key = key_of(Kind::Person, &o.name);
                display_name = o.name.clone();
            } else if c.tentative {
                // A lone capitalised word with no cue and no fuller name.
                if lex.places.contains(&c.name) {
                    kind = Kind::Place;
                    key = key_of(kind, &c.name);
                } else {
                    continue;
                }
            }
        } else if kind == Kind::Organization
            // (As written: a long one, `GBRMPA`, is shown in title case.)
            && let Some(written) = paragraphs.get(c.paragraph).and_then(|t| t.get(c.start..c.end))
            && written.chars().all(|ch| !ch.is_lowercase())
            // (One the gazetteer spells out is that one: `UN` is no
            // `University of Nairobi`.)
            && !lex.organizations.has_other_names(written)
        {
            // An acronym of an organisation spelled out in the article.
            let letters: String = written.chars().filter(|ch| ch.is_alphanumeric()).collect();
            if let Some(o) = orgs
                .iter()
                .zip(&org_acronyms)
                .find(|(o, forms)| {
                    forms.contains(&letters) || bracketed_after(paragraphs, o, written)
                })
                .map(|(o, _)| o)
            {
                key = key_of(Kind::Organization, &o.name);
                display_name = o.name.clone();
            }
        } else if kind == Kind::Organization && !c.name.contains(' ') {
            // A company's short name (`Apple` after `Apple Inc.`): its name
            // with a legal form, when the text names one such. (Not
            // `Toyota Tsusho Corp.`, `Apple Music Ltd`: other businesses.)
            let full = |o: &&&Candidate| {
                o.name.strip_prefix(c.name.as_str()).is_some_and(|rest| {
                    let rest: Vec<&str> = rest.split_whitespace().collect();
                    o.name.as_bytes().get(c.name.len()) == Some(&b' ')
                        && matches!(rest.as_slice(), [form] if lex.legal_forms.contains(*form))
                })
            };
            let mut fulls = orgs.iter().filter(full);
            if let (Some(o), None) = (fulls.next(), fulls.next()) {
                key = key_of(Kind::Organization, &o.name);
                display_name = o.name.clone();
            }
        }
        let entity = match index.entry((kind, key)) {
            Entry::Occupied(slot) => {
                let e = *slot.get();
                let slot = &mut found.entities[e];
                slot.2 += 1;
                // The fullest spelling wins (`United States` over `US`).
                if display_name.chars().count() > slot.1.chars().count() {
                    slot.1 = display_name;
                }
                e
            }
            Entry::Vacant(slot) => {
                found.entities.push((kind, display_name, 1));
                slot.insert(found.entities.len() - 1);
                found.entities.len() - 1
            }
        };
        if let Some(role) = &c.role {
            found
                .roles
                .push((role.clone(), entity, c.paragraph, c.start));
        }
        // A nationality among the three words before a person's name.
        if kind == Kind::Person
            && let Some(before) = paragraphs.get(c.paragraph).and_then(|t| t.get(..c.start))
            && let Some(&demonym) = before.split_whitespace().rev().take(3).find_map(|w| {
                lex.demonyms
                    .get(w.trim_matches(|ch: char| !ch.is_alphabetic()))
            })
        {
            found.nationalities.push((entity, demonym));
        }
        let sentence = sentence_starts.get(c.paragraph).map_or(0, |starts| {
            let k = starts.partition_point(|&s| s <= c.start);
            starts.get(k.wrapping_sub(1)).copied().unwrap_or(0)
        });
        let before = paragraphs
            .get(c.paragraph)
            .and_then(|t| t.get(sentence.min(c.start)..c.start));
        let bracketed = before.is_some_and(|b| b.matches('(').count() > b.matches(')').count());
        // (Where the first `he` or `she` from the sentence's start stands,
        // found once a sentence.)
        let pronoun = *first_pronouns
            .entry((c.paragraph, sentence))
            .or_insert_with(|| {
                let text = paragraphs.get(c.paragraph)?.get(sentence..)?;
                text.split(|ch: char| !ch.is_alphabetic())
                    .find(|w| matches!(*w, "he" | "He" | "she" | "She"))
                    .map(|w| w.as_ptr() as usize - text.as_ptr() as usize + sentence)
            });
        let after_pronoun = pronoun.is_some_and(|p| p < c.start);
        found.mentions.push(Mention {
            kind,
            paragraph: c.paragraph,
            sentence,
            start: c.start,
            end: c.end,
            entity,
            bracketed,
            after_pronoun,
        });
    }
    for m in &found.mentions {
        let key = (m.paragraph, m.sentence);
        let first = found.first_mentions.entry(key).or_insert(m.start);
        *first = (*first).min(m.start);
        if m.kind == Kind::Person && !m.bracketed {
            let first = found.first_people.entry(key).or_insert(m.start);
            *first = (*first).min(m.start);
        }
    }
    found
}

/// `Civil Aviation Authority of Nepal (CAAN)`.
fn bracketed_after(paragraphs: &[String], org: &Candidate, acronym: &str) -> bool {
    paragraphs
        .get(org.paragraph)
        .and_then(|t| t.get(org.end..))
        .is_some_and(|rest| {
            rest.trim_start()
                .strip_prefix('(')
                .is_some_and(|r| r.starts_with(acronym))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(paragraph: usize, start: usize) -> Candidate {
        Candidate {
            kind: Kind::Person,
            paragraph,
            start,
            end: start + 1,
            name: "A B".to_string(),
            tentative: false,
            role: None,
            weak: false,
        }
    }

    proptest::proptest! {
        /// The owner index answers as the scan it replaces: the last
        /// paragraph at or before the mention, else the first after it;
        /// in that paragraph the name listed first.
        #[test]
        fn owners_are_found_as_a_scan_finds_them(
            owners in proptest::collection::vec((0usize..4, 0usize..30), 0..12),
            mention in (0usize..4, 0usize..30),
        ) {
            let candidates: Vec<Candidate> = owners.iter().map(|&(p, s)| at(p, s)).collect();
            let people: Vec<(&Candidate, String)> =
                candidates.iter().map(|c| (c, String::new())).collect();
            let ks: Vec<usize> = (0..people.len()).collect();
            let c = at(mention.0, mention.1);
            let scan = ks.iter().copied().min_by_key(|&k| {
                let o = people[k].0;
                let before = (o.paragraph, o.start) <= (c.paragraph, c.start);
                (!before, if before { usize::MAX - o.paragraph } else { o.paragraph })
            });
            proptest::prop_assert_eq!(Owners::new(&people, ks.iter()).of(&c), scan);
        }
    }

    fn names(paragraphs: &[&str]) -> (Vec<String>, Vec<String>, Vec<String>) {
        let lex = Lexicon::new();
        let paragraphs: Vec<String> = paragraphs.iter().map(|s| s.to_string()).collect();
        let e = find(&lex, &paragraphs, true).into_entities();
        let n = |v: Vec<Entity>| v.into_iter().map(|e| e.name).collect();
        (n(e.people), n(e.places), n(e.organizations))
    }

    #[test]
    fn a_clubs_short_name_is_the_club_not_a_person() {
        let (people, _, orgs) = names(&[
            "Réjean Bouchard played eight seasons with the Toronto Maple Leafs.",
            "The Maple Leafs announced his death on Wednesday.",
            "\"He was the gentlest man in the room,\" said former Leafs captain Doug McCreary.",
        ]);
        assert_eq!(people, ["Réjean Bouchard", "Doug McCreary"]);
        assert_eq!(orgs, ["Toronto Maple Leafs"]);
        // An institution named after a person leaves the person a person.
        let (people, _, orgs) = names(&[
            "Pupils at the Lycée Victor Hugo staged a play on Friday.",
            "The John Lewis Partnership said it would close eight shops.",
            "Visitors to the Centre Georges Pompidou queued for hours.",
            "Georges Pompidou opened the museum's plans in 1969, and Victor Hugo's novels are read there.",
            "Staff at the Centre of Memory of Nelson Mandela said Nelson Mandela kept diaries.",
        ]);
        assert_eq!(
            orgs,
            [
                "Lycée Victor Hugo",
                "John Lewis Partnership",
                "Centre Georges Pompidou",
                "Centre of Memory of Nelson Mandela"
            ]
        );
        for person in ["Victor Hugo", "Georges Pompidou", "Nelson Mandela"] {
            assert!(people.iter().any(|p| p == person), "{person}: {people:?}");
        }
    }

    #[test]
    fn titles_and_fullest_forms() {
        let (people, places, orgs) = names(&[
            "WASHINGTON (Reuters) – President Joe Biden’s adviser met US National Security Adviser Jake Sullivan.",
            "Biden and Sullivan spoke at the White House, the official said.",
        ]);
        assert_eq!(people, ["Joe Biden", "Jake Sullivan"]);
        assert_eq!(places, ["Washington", "US"]);
        assert_eq!(orgs, ["Reuters", "White House"]);
    }

    #[test]
    fn heads_acronyms_and_places() {
        let (people, places, orgs) = names(&[
            "The Civil Aviation Authority of Nepal (CAAN) said fires in Napa County and Southern California spread.",
            "CAAN officials and the Electoral Commission met meteorologist Scott Strenfel in Kathmandu.",
        ]);
        assert_eq!(people, ["Scott Strenfel"]);
        assert_eq!(places, ["Napa County", "Southern California", "Kathmandu"]);
        assert_eq!(
            orgs,
            ["Civil Aviation Authority of Nepal", "Electoral Commission"]
        );
    }

    #[test]
    fn two_words_and_a_headed_pair_are_one_organisation() {
        let (_, _, orgs) = names(&[
            "The Australian Competition and Consumer Commission sued, and Harvard University and Boston Medical Center agreed.",
            "Taylor Swift and Republic Records announced an album, and the Department for Energy Security and Net Zero said no.",
        ]);
        assert_eq!(
            orgs,
            [
                "Australian Competition and Consumer Commission",
                "Harvard University",
                "Boston Medical Center",
                "Republic Records",
                "Department for Energy Security and Net Zero"
            ]
        );
    }

    #[test]
    fn initials_without_stops_open_indian_names() {
        let (people, _, _) = names(&[
            "Chief Secretary B V Ramanathan said the work would start, and engineer D K Shivaram agreed.",
            "A Bengaluru court heard the case, and the M P Government appealed.",
        ]);
        assert_eq!(people, ["B V Ramanathan", "D K Shivaram"]);
    }

    #[test]
    fn common_acronyms_are_no_organisations() {
        let (_, _, orgs) = names(&[
            "Her GP surgery shut, so the NHS trust bought USB drives and GPS units from Apex Ltd.",
        ]);
        assert_eq!(orgs, ["Apex Ltd."]);
    }

    #[test]
    fn a_noun_of_what_someone_does_opening_the_sentence_is_no_name() {
        let (people, _, _) = names(&[
            "Commuter Jana Petersen said the trains were late.",
            "Pacer Tushar Deshmukh took four wickets. Defiant Meghan Markle smiled.",
        ]);
        assert_eq!(
            people,
            ["Jana Petersen", "Tushar Deshmukh", "Meghan Markle"]
        );
    }

    #[test]
    fn legal_forms_and_more_heads_make_organisations() {
        let (people, places, orgs) = names(&[
            "Harrowgate Packaging Plc said profit fell, and the World Food Programme warned of hunger.",
            "The Clark County Public Library and the Securities and Exchange Commission met near the Lagdo Dam.",
            "Executive Mary Jones said the Energy and Resources Institute would help.",
        ]);
        assert_eq!(people, ["Mary Jones"]);
        assert_eq!(places, ["Lagdo Dam"]);
        // A place head that is a surname too.
        let (people, places, _) =
            names(&["Ann Beach and Peter Falls sailed past Victoria Falls and Myrtle Beach."]);
        assert_eq!(people, ["Ann Beach", "Peter Falls"]);
        assert_eq!(places, ["Victoria Falls", "Myrtle Beach"]);
        assert_eq!(
            orgs,
            [
                "Harrowgate Packaging Plc",
                "World Food Programme",
                "Clark County Public Library",
                "Securities and Exchange Commission",
                "Energy and Resources Institute"
            ]
        );
    }

    #[test]
    fn acronyms_leave_out_legal_forms_and_opening_places() {
        let (_, _, orgs) = names(&[
            "Pacific Gas & Electric Co. and the California Public Utilities Commission met.",
            "PG&E told the PUC it would comply.",
        ]);
        assert_eq!(
            orgs,
            [
                "Pacific Gas & Electric Co.",
                "California Public Utilities Commission"
            ]
        );
        // Not two letters left, nor an acronym the gazetteer spells out
        // otherwise (review 19).
        let (_, _, orgs) = names(&[
            "AMMAN, Jordan (AP) — Arab Potash Co. and the University of Nairobi signed a deal.",
            "A UN report praised it, and Ford Motor Co. bought FM radio advertising.",
        ]);
        for acronym in ["AP", "UN", "FM"] {
            assert!(orgs.iter().any(|o| o == acronym), "{acronym}: {orgs:?}");
        }
    }

    #[test]
    fn a_nickname_in_quotes_is_no_part_of_the_name() {
        let (people, _, _) = names(&[
            "A judge rejected a request by Ramesh \"Sunny\" Balwani for a new trial.",
            "Boeing named Robert “Kelly” Ortberg as chief executive. Balwani and Ortberg declined to comment.",
        ]);
        assert_eq!(people, ["Ramesh Balwani", "Robert Ortberg"]);
    }

    #[test]
    fn given_names_of_the_world_make_people() {
        // `Kyrie`, `Conor` and `Jitendra` are no US census names of 1990.
        let (people, places, _) = names(&[
            "Kyrie Irving and Conor Bradley met Science and Technology Jitendra Singh.",
            "The strike hit the Subhan Mosque in Bahawalpur.",
        ]);
        assert_eq!(people, ["Kyrie Irving", "Conor Bradley", "Jitendra Singh"]);
        assert_eq!(places, ["Subhan Mosque", "Bahawalpur"]);
    }

    #[test]
    fn provinces_and_states_are_places() {
        let (people, places, _) = names(&[
            "Fan Mengguang, deputy director of Inner Mongolia’s disease control centre, said cases rose in Hubei.",
            "Floods hit Sindh and Bavaria, Gloria Guerrero reported.",
            "The seats of South West Devon and Mid Dorset changed hands.",
        ]);
        assert_eq!(people, ["Fan Mengguang", "Gloria Guerrero"]);
        assert_eq!(
            places,
            [
                "Inner Mongolia",
                "Hubei",
                "Sindh",
                "Bavaria",
                "South West Devon",
                "Mid Dorset"
            ]
        );
    }

    #[test]
    fn a_company_in_apposition_is_not_a_person() {
        let (people, _, _) = names(&[
            "Skydance agreed to buy Paramount, the owner of CBS, for billions on Monday.",
            "Xi Jinping signed a joint statement in Moscow on Tuesday.",
            "Xi told reporters that the talks had gone well.",
        ]);
        // Paramount is no person, and Xi Jinping is one (`Xi` stands alone).
        assert_eq!(people, ["Xi Jinping"]);
    }

    #[test]
    fn a_plural_possessive_inside_an_organisation_and_events() {
        let (people, _, orgs) = names(&[
            "The European Metals Producers' Forum said on Monday that delays were costly.",
            "Trips during the Spring Festival rose, and Spain won the Davis Cup again.",
        ]);
        assert!(people.is_empty(), "{people:?}");
        assert_eq!(orgs, ["European Metals Producers' Forum"]);
    }

    #[test]
    fn a_person_of_an_organisation_is_both() {
        let (people, _, orgs) = names(&[
            "“Voters care,” said political scientist Étienne Marchal of the University of Lille.",
            "The Bank of America and the Royal Bank of Scotland declined to comment.",
        ]);
        assert_eq!(people, ["Étienne Marchal"]);
        assert_eq!(
            orgs,
            [
                "University of Lille",
                "Bank of America",
                "Royal Bank of Scotland"
            ]
        );
    }

    #[test]
    fn storms_and_waters_are_not_people() {
        let (people, places, _) = names(&[
            "Tropical Storm Corwin strengthened over the Florida Straits on Tuesday.",
            "A warning extended up the coast to Jupiter Inlet, and Corwin was expected to reach the Florida Keys.",
        ]);
        assert!(people.is_empty(), "{people:?}");
        assert_eq!(places, ["Florida Straits", "Jupiter Inlet", "Florida Keys"]);
    }

    #[test]
    fn surnames_like_heads_and_events_stay_people() {
        let (people, places, orgs) = names(&[
            "Madison Keys beat her rival, and Hannah Fair, a doctoral student, watched with Storm Reid.",
            "Reid said the match was the best of the year.",
            "The Storm Prediction Center warned of hail, the History Channel reported, and the Democrats' Senate leader spoke.",
        ]);
        assert_eq!(people, ["Madison Keys", "Hannah Fair", "Storm Reid"]);
        assert!(places.is_empty(), "{places:?}");
        assert!(
            orgs.contains(&"Storm Prediction Center".to_string()),
            "{orgs:?}"
        );
        assert!(!orgs.iter().any(|o| o.contains("Democrats'")), "{orgs:?}");
    }

    #[test]
    fn sports_teams_are_organisations() {
        let (people, places, orgs) =
            names(&["Fans of the Dallas Cowboys cheered as Manchester City beat Arsenal at home."]);
        assert!(
            people.is_empty() && places.is_empty(),
            "{people:?} {places:?}"
        );
        assert_eq!(orgs, ["Dallas Cowboys", "Manchester City", "Arsenal"]);
    }

    #[test]
    fn a_countrys_branch_of_a_known_organisation_and_its_forces() {
        let (people, places, orgs) = names(&[
            "Floods hit western Kenya, the Kenya Red Cross said, and the Nigeria Police Force sent help.",
            "Today Betis named a coach.",
        ]);
        assert_eq!(people, Vec::<String>::new(), "{orgs:?}");
        assert_eq!(places, ["Kenya"]);
        // (An adverb opening the sentence is no part of a name, `Today
        // Betis`, but one before a legal form is the name: `Indeed Inc.`)
        assert_eq!(orgs, ["Kenya Red Cross", "Nigeria Police Force"]);
        let (_, _, orgs) = names(&["Indeed Inc. agreed on Monday."]);
        assert_eq!(orgs, ["Indeed Inc."]);
    }

    #[test]
    fn short_names_acronyms_and_places_beside_organisations() {
        // A company's short name after its full one is that company; an
        // acronym after its organisation spelled out is that one.
        let (_, _, orgs) = names(&[
            "Samsung Co. said profit tripled, and Samsung expects more.",
            "The Great Barrier Reef Marine Park Authority (GBRMPA) said the reef recovered. GBRMPA will report in July.",
        ]);
        assert_eq!(
            orgs,
            ["Samsung Co.", "Great Barrier Reef Marine Park Authority"]
        );
        // Not a business of its own, nor one of two.
        let (_, _, orgs) = names(&[
            "Toyota Tsusho Corp. bought a stake. Toyota said it agreed.",
            "Apple Inc. and Apple Music Ltd signed it, Apple said.",
        ]);
        assert_eq!(
            orgs,
            [
                "Toyota Tsusho Corp.",
                "Toyota",
                "Apple Inc.",
                "Apple Music Ltd"
            ]
        );
        // An unknown acronym and a place after it name one organisation.
        let (_, places, orgs) =
            names(&["Researchers at ETH Zurich said the Ohio EPA had agreed to the tests."]);
        assert_eq!(places, ["Ohio"]);
        assert_eq!(orgs, ["ETH Zurich", "EPA"]);
        let (_, places, orgs) = names(&[
            "An EU Brussels summit discussed Ukraine NATO membership with Gaza UNRWA staff.",
        ]);
        assert_eq!(places, ["Brussels", "Ukraine", "Gaza"]);
        assert_eq!(orgs, ["EU", "NATO"]);
    }

    #[test]
    fn a_noun_of_nationality_before_a_name_is_no_part_of_it() {
        let (people, places, _) = names(&[
            "Briton Lewis Hamilton beat Frenchman Pierre Gasly and Finn Valtteri Bottas.",
            "Finn Wolfhard and Dane Cook watched, and the German Bundestag voted.",
            "The former captain, Dane van Niekerk, will retire.",
        ]);
        assert_eq!(
            people,
            [
                "Lewis Hamilton",
                "Pierre Gasly",
                "Valtteri Bottas",
                "Finn Wolfhard",
                "Dane Cook",
                "Dane van Niekerk"
            ]
        );
        assert!(places.is_empty(), "{places:?}");
    }

    #[test]
    fn clubs_open_with_their_first_words() {
        let (people, _, orgs) = names(&[
            "Real Betis beat Athletic Bilbao, and Borussia Dortmund lost to Olympique Lyonnais.",
        ]);
        assert!(people.is_empty(), "{people:?}");
        assert_eq!(
            orgs,
            [
                "Real Betis",
                "Athletic Bilbao",
                "Borussia Dortmund",
                "Olympique Lyonnais"
            ]
        );
    }

    #[test]
    fn mountains_capes_lakes_and_stadiums_open_places() {
        let (people, places, _) = names(&[
            "Climbers left Mount Kenya for Cape York, and fans at Estadio Benito Villamarín cheered.",
        ]);
        assert!(people.is_empty(), "{people:?}");
        assert_eq!(
            places,
            ["Mount Kenya", "Cape York", "Estadio Benito Villamarín"]
        );
        // Not an organisation's name, nor a person's after a role.
        let (people, places, orgs) =
            names(&["Doctors at Mount Sinai Health System agreed, and actress Lake Bell spoke."]);
        assert!(places.is_empty(), "{places:?}");
        assert_eq!(people, ["Lake Bell"]);
        assert_eq!(orgs, ["Mount Sinai Health System"]);
    }

    #[test]
    fn a_lone_word_after_the_is_no_person() {
        let (people, _, _) = names(&[
            "The Centre said the scheme would be extended, and the Embassy agreed with the Palestinians.",
            "Gordon Brown spoke later.",
        ]);
        assert_eq!(people, ["Gordon Brown"]);
    }

    #[test]
    fn first_names_from_world_news() {
        let (people, places, _) = names(&[
            "Vladimir Putin signed the decree in Moscow on Tuesday, and Keir Starmer spoke in London.",
            "Fans of the Pittsburgh Steelers cheered as the Steelers won, and Alicia Keys sang.",
        ]);
        assert_eq!(people, ["Vladimir Putin", "Keir Starmer", "Alicia Keys"]);
        assert_eq!(places, ["Moscow", "London"]);
    }

    #[test]
    fn a_name_opening_with_a_common_word_needs_its_surname_alone() {
        let (people, _, _) = names(&[
            "Open the Quick Substitutes Toggle and the Score Display Toggles menu.",
            "Piers Morgan spoke to Pregnant Helen Flanagan on Monday.",
            "Morgan said the show would go on.",
            "Fan Mengguang, deputy director of the centre, confirmed the case.",
        ]);
        assert_eq!(people, ["Piers Morgan", "Helen Flanagan", "Fan Mengguang"]);
    }

    #[test]
    fn numbers_demonym_plurals_and_place_nouns() {
        let (people, places, _) = names(&[
            "One Napa County station saw no rain. Two New Yorkers were arrested.",
            "Many Las Vegans and South Koreans watched.",
            "Officials visited the Hoa Lo prison, where Mark Esper spoke to Californians.",
            "He represents a Republican district near the Belmarsh prison.",
            "The film follows Nelson Mandela prison years. Work on the Eurostat district office stopped.",
            "The accident at Three Mile Island shook the industry.",
        ]);
        assert_eq!(people, ["Mark Esper", "Nelson Mandela"]);
        assert_eq!(
            places,
            ["Napa County", "Hoa Lo", "Belmarsh", "Three Mile Island"]
        );
    }

    #[test]
    fn a_posts_remit_is_not_a_place_the_story_is_about() {
        let (_, places, _) = names(&[
            "It is the only channel still working, said the top US diplomat for East Asia.",
            "Trade with South Asia grew, officials in Vienna said.",
        ]);
        assert_eq!(places, ["US", "South Asia", "Vienna"]);
    }

    #[test]
    fn mentions_are_counted() {
        let lex = Lexicon::new();
        let paragraphs = vec![
            "Will Moy spoke.".to_string(),
            "Moy said it twice. Moy left.".to_string(),
        ];
        let e = find(&lex, &paragraphs, true).into_entities();
        assert_eq!(e.people.len(), 1);
        assert_eq!(e.people[0].name, "Will Moy");
        assert_eq!(e.people[0].mentions, 3);
    }

    #[test]
    fn a_first_name_alone_is_the_person_not_the_town() {
        let (people, places, orgs) =
            names(&["Taylor Swift left Dick Clark Productions. Taylor said so in Nashville."]);
        assert_eq!(people, ["Taylor Swift"]);
        assert_eq!(places, ["Nashville"]);
        assert_eq!(orgs, ["Dick Clark Productions"]);
    }

    #[test]
    fn a_name_before_administration_is_not_a_town() {
        // Obama is also a town in Japan.
        let (people, places, _) = names(&[
            "The top US diplomat for East Asia in the Obama administration spoke in Tokyo.",
        ]);
        assert!(people.is_empty(), "{people:?}");
        // East Asia is the diplomat's remit here, as the seed's record has it.
        assert_eq!(places, ["US", "Tokyo"]);
    }

    #[test]
    fn a_surname_finds_its_full_name_among_many() {
        let mut paragraphs: Vec<String> = (0..300)
            .map(|i| format!("Councillor Anna Person{i} voted for the plan on Tuesday."))
            .collect();
        paragraphs.push(
            "Jean-Paul Sartre and Mary Jones spoke. Sartre said so, and Jones agreed.".to_string(),
        );
        let lex = Lexicon::new();
        let e = find(&lex, &paragraphs, true).into_entities();
        let count = |name: &str| e.people.iter().find(|p| p.name == name).map(|p| p.mentions);
        assert_eq!(count("Jean-Paul Sartre"), Some(2));
        assert_eq!(count("Mary Jones"), Some(2));
        assert_eq!(count("Anna Person7"), Some(1));
        assert_eq!(e.people.len(), 302);
    }

    #[test]
    fn peers_keep_their_title() {
        let (people, _, _) = names(&[
            "Sir Keir Starmer thanked Lord Alli. Lady Starmer wore a dress. Starmer said so.",
        ]);
        assert_eq!(people, ["Keir Starmer", "Lord Alli", "Lady Starmer"]);
    }

    #[test]
    fn an_organisation_may_hold_a_possessive_but_a_place_stays_apart() {
        let (people, places, orgs) = names(&[
            "He appeared at Westminster Magistrate's Court after China's Ministry of Public Security spoke.",
        ]);
        assert!(people.is_empty(), "{people:?}");
        assert_eq!(places, ["China"]);
        assert_eq!(
            orgs,
            [
                "Westminster Magistrate's Court",
                "Ministry of Public Security"
            ]
        );
    }

    #[test]
    fn particles_of_two_words_and_hyphenated_articles_join_a_name() {
        let (people, _, _) = names(&[
            "Tom van der Meer, a professor, said the plan worked. Van der Meer said so again.",
            "Ursula von der Leyen said the union would act, and Juan Ramón de la Fuente agreed.",
            "Marwan al-Hams, a hospital director, said supplies were short, al-Hams said.",
        ]);
        assert_eq!(
            people,
            [
                "Tom van der Meer",
                "Ursula von der Leyen",
                "Juan Ramón de la Fuente",
                "Marwan al-Hams"
            ]
        );
    }

    #[test]
    fn dutch_particles_join_one_given_name_to_one_surname() {
        let (people, _, _) = names(&[
            "Manager Erik ten Hag said the team was ready, and Marc ter Stegen agreed.",
            "The win gives Novak Djokovic ten Australian Open titles, and Rafael Nadal said so too.",
            "It was Jude Bellingham's day: Jude Bellingham ten England caps later is a leader.",
        ]);
        assert_eq!(
            people,
            [
                "Erik ten Hag",
                "Marc ter Stegen",
                "Novak Djokovic",
                "Rafael Nadal",
                "Jude Bellingham"
            ]
        );
    }

    #[test]
    fn an_organisation_ends_before_on_and_a_date() {
        let (_, _, orgs) = names(&[
            "The Federal Aviation Administration on Monday proposed rules, and the World Health Organization on Tuesday agreed.",
        ]);
        assert_eq!(
            orgs,
            [
                "Federal Aviation Administration",
                "World Health Organization"
            ]
        );
    }

    #[test]
    fn and_inside_an_organisations_name() {
        let (people, places, orgs) = names(&[
            "The Food and Drug Administration and the Department of Health and Human Services met.",
            "Officials from Microsoft and Apple Inc spoke, as did Britain and France.",
        ]);
        assert!(people.is_empty(), "{people:?}");
        assert_eq!(places, ["Britain", "France"]);
        assert_eq!(
            orgs,
            [
                "Food and Drug Administration",
                "Department of Health and Human Services",
                "Microsoft",
                "Apple Inc"
            ]
        );
    }

    #[test]
    fn a_known_organisation_before_a_surname_is_apart() {
        let (people, _, orgs) = names(&[
            "Marina Lacerda spoke out. Speaking to the Daily Mail Lacerda said she was afraid.",
        ]);
        assert_eq!(people, ["Marina Lacerda"]);
        assert_eq!(orgs, ["Daily Mail"]);
    }

    #[test]
    fn a_name_before_its_acronym_is_an_organisation() {
        let (people, _, orgs) = names(&[
            "Wopke Hoekstra, leader of the Christian Democratic Appeal (CDA), spoke. The CDA lost.",
        ]);
        assert_eq!(people, ["Wopke Hoekstra"]);
        assert_eq!(orgs, ["Christian Democratic Appeal"]);
        // Not a term or a place.
        let (_, places, orgs) = names(&[
            "Gross Domestic Product (GDP) grew in the Kingdom of Saudi Arabia (KSA) and the Dominican Republic President Luis Abinader's country.",
        ]);
        assert!(
            !orgs
                .iter()
                .any(|o| o.contains("Product") || o.contains("Kingdom")),
            "{orgs:?}"
        );
        assert!(
            places.contains(&"Dominican Republic".to_string()),
            "{places:?}"
        );
    }

    #[test]
    fn a_place_named_with_a_nationality_keeps_it() {
        let (people, places, _) = names(&[
            "A storm hit the Dominican Republic, and Dominican President Luis Abinader flew over the Czech Republic.",
        ]);
        assert_eq!(people, ["Luis Abinader"]);
        assert_eq!(places, ["Dominican Republic", "Czech Republic"]);
    }

    #[test]
    fn initials_inside_a_name() {
        let (people, _, _) =
            names(&["David A. Gross met Dr. J. Robert Oppenheimer at the lab. Gross left."]);
        assert_eq!(people, ["David A. Gross", "J. Robert Oppenheimer"]);
        // With and without a middle initial, one person.
        let (people, _, _) = names(&["Donald J. Trump spoke. Later, Donald Trump left."]);
        assert_eq!(people, ["Donald J. Trump"]);
    }
}
