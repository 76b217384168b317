//! Word lists the extractor reads: gazetteers and cue words.
//!
//! All of it is data in `data/` (sources in `data/SOURCES.md`), compiled into
//! the binary so that the crate needs no files at run time.

use crate::cues::SpeechCues;
use crate::{HashMap, HashSet};
use std::borrow::Cow;

const PLACES_GEONAMES: &str = include_str!("../data/gazetteer/places-geonames.txt");
const PLACES_EXTRA: &str = include_str!("../data/gazetteer/places-extra.txt");
const PLACES_REGIONS: &str = include_str!("../data/gazetteer/places-regions.txt");
const ORGANIZATIONS: &str = include_str!("../data/gazetteer/organizations.txt");
const GIVEN_NAMES: &str = include_str!("../data/gazetteer/given-names.txt");
const GIVEN_NAMES_EXTRA: &str = include_str!("../data/gazetteer/given-names-extra.txt");
const GIVEN_NAMES_WORLD: &str = include_str!("../data/gazetteer/given-names-world.txt");
const GIVEN_NAMES_SEX: &str = include_str!("../data/gazetteer/given-names-sex.txt");
const COMMON_WORDS: &str = include_str!("../data/gazetteer/common-words.txt");
const DEMONYMS: &str = include_str!("../data/gazetteer/demonyms.txt");
const ROLES: &str = include_str!("../data/lexicon/roles.txt");
const ORG_HEADS: &str = include_str!("../data/lexicon/org-heads.txt");
const LEGAL_FORMS: &str = include_str!("../data/lexicon/legal-forms.txt");
const PLACE_HEADS: &str = include_str!("../data/lexicon/place-heads.txt");
const EVENT_HEADS: &str = include_str!("../data/lexicon/event-heads.txt");
const PLACE_NOUNS: &str = include_str!("../data/lexicon/place-nouns.txt");
const SPEECH_VERBS: &str = include_str!("../data/lexicon/speech-verbs.txt");
const INVERTED_SPEECH_VERBS: &str = include_str!("../data/lexicon/inverted-speech-verbs.txt");
const SPEECH_CUES: &str = include_str!("../data/lexicon/speech-cues.txt");
const ABBREVIATIONS: &str = include_str!("../data/lexicon/abbreviations.txt");
const NOT_ENTITIES: &str = include_str!("../data/lexicon/not-entities.txt");
const OPENERS: &str = include_str!("../data/lexicon/sentence-openers.txt");
const NUMBER_WORDS: &str = include_str!("../data/lexicon/number-words.txt");
const AGENCIES: &str = include_str!("../data/lexicon/agencies.txt");
const AGENCY_SHORT_NAMES: &str = include_str!("../data/lexicon/agency-short-names.txt");

/// Non-empty, non-comment lines of a data file.
pub(crate) fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Names grouped by the thing they name: `United States|U.S.|US`.
#[derive(Default)]
pub(crate) struct Gazetteer {
    /// Folded name → group id.
    groups: HashMap<String, u32>,
    /// Folded names listed only in capitals (`WHO`, `AP`): they do not
    /// match the ordinary word (`Who`, `Ap`).
    capitals: HashSet<String>,
    /// Groups of more than one name (`United Nations|UN`).
    several: HashSet<u32>,
}

impl Gazetteer {
    fn add(&mut self, data: &str) {
        for line in entries(data) {
            let id = u32::try_from(self.groups.len()).unwrap_or(u32::MAX);
            let id = line
                .split('|')
                .find_map(|n| self.groups.get(&fold(n)).copied())
                .unwrap_or(id);
            if line.contains('|') {
                self.several.insert(id);
            }
            for name in line.split('|') {
                self.groups.entry(fold(name)).or_insert(id);
                if is_capitals(name) {
                    self.capitals.insert(fold(name));
                }
            }
        }
    }

    /// The gazetteer gives `name` another spelling (`UN` is the United
    /// Nations; `FAA`, listed alone, is whatever the text spells out).
    pub(crate) fn has_other_names(&self, name: &str) -> bool {
        self.group(name).is_some_and(|g| self.several.contains(&g))
    }

    /// The group of `name`, if the gazetteer knows it.
    pub(crate) fn group(&self, name: &str) -> Option<u32> {
        with_folded(name, |key| {
            let group = self.groups.get(key).copied()?;
            if !is_capitals(name) && self.capitals.contains(key) {
                return None;
            }
            Some(group)
        })
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.group(name).is_some()
    }
}

/// Written in capitals only, two letters or more (`WHO`, `U.S.`).
fn is_capitals(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !name.chars().any(char::is_lowercase)
}

/// Names compare without case and with `’` as `'`.
pub(crate) fn fold(name: &str) -> String {
    folded(name).into_owned()
}

/// [`fold`] without an allocation for the usual word: ASCII with no capital
/// is its own folded form, and other ASCII only needs its capitals lowered.
/// Lookups run once or more per word of every article.
pub(crate) fn folded(name: &str) -> Cow<'_, str> {
    let name = name.trim();
    if !name.is_ascii() {
        return Cow::Owned(name.replace('’', "'").to_lowercase());
    }
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Longest ASCII name [`with_folded`] folds on the stack.
const STACK_FOLD: usize = 64;

/// Calls `f` with the [`fold`] of `name`. Names are looked up many times per
/// article and are mostly short, capitalised ASCII: those are lowered into a
/// buffer on the stack, not a new string.
fn with_folded<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    let trimmed = name.trim();
    if trimmed.is_ascii() && trimmed.len() <= STACK_FOLD {
        let mut buf = [0u8; STACK_FOLD];
        let buf = &mut buf[..trimmed.len()];
        buf.copy_from_slice(trimmed.as_bytes());
        buf.make_ascii_lowercase();
        // ASCII in, ASCII out: always valid UTF-8.
        if let Ok(key) = std::str::from_utf8(buf) {
            return f(key);
        }
    }
    f(folded(name).as_ref())
}

/// Every list the extractor uses, loaded once.
pub(crate) struct Lexicon {
    pub(crate) places: Gazetteer,
    pub(crate) organizations: Gazetteer,
    pub(crate) given_names: HashSet<&'static str>,
    /// Given names nearly always a man's (`m`) or a woman's (`f`), for `he`
    /// and `she`.
    pub(crate) given_sex: HashMap<String, char>,
    /// Common lower-case English words: a capitalised one is rarely a
    /// surname on its own evidence (`Full Fact`, `Theatre Royal`).
    pub(crate) common_words: HashSet<&'static str>,
    pub(crate) demonyms: HashSet<&'static str>,
    /// Titles before a name, folded; multi-word ones included.
    pub(crate) roles: HashSet<String>,
    pub(crate) org_heads: HashSet<&'static str>,
    /// A company's legal form at the end of its name (`Co.`, `plc`).
    pub(crate) legal_forms: HashSet<&'static str>,
    pub(crate) place_heads: HashSet<&'static str>,
    /// Last words of events' names (`Festival`, `Cup`).
    pub(crate) event_heads: HashSet<&'static str>,
    /// Lower-case nouns after a name that make it a place (`Kennedy airport`).
    pub(crate) place_nouns: HashSet<&'static str>,
    pub(crate) speech_verbs: HashSet<&'static str>,
    /// Verbs of saying that are also nouns: only right after a quote,
    /// before the speaker (`“…”, comments Jane Doe`).
    pub(crate) inverted_speech_verbs: HashSet<&'static str>,
    /// Attribution cues of other languages than English.
    pub(crate) speech_cues: SpeechCues,
    pub(crate) abbreviations: HashSet<&'static str>,
    pub(crate) not_entities: HashSet<&'static str>,
    pub(crate) openers: HashSet<&'static str>,
    /// Number words that open a sentence (`Two`, `Hundreds`).
    pub(crate) numbers: HashSet<&'static str>,
    /// News agencies' names as they sign stories off (`PTI`, `AFP`).
    pub(crate) agencies: HashSet<&'static str>,
    /// An agency's long name → the short one it signs with
    /// (`Associated Press` → `AP`).
    pub(crate) agency_short_names: HashMap<String, String>,
}

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let mut places = Gazetteer::default();
        places.add(PLACES_EXTRA);
        places.add(PLACES_GEONAMES);
        places.add(PLACES_REGIONS);
        let mut organizations = Gazetteer::default();
        organizations.add(ORGANIZATIONS);
        // (Borrowed from the data compiled in: no allocation per entry.)
        let set = |data: &'static str| entries(data).collect::<HashSet<&'static str>>();
        let folded = |data: &str| {
            entries(data)
                .map(|e| fold(e).trim_end_matches('.').to_string())
                .collect::<HashSet<_>>()
        };
        Lexicon {
            places,
            organizations,
            given_names: entries(GIVEN_NAMES)
                .chain(entries(GIVEN_NAMES_EXTRA))
                .chain(entries(GIVEN_NAMES_WORLD))
                .collect(),
            given_sex: entries(GIVEN_NAMES_SEX)
                .filter_map(|e| {
                    let (name, sex) = e.split_once('\t')?;
                    Some((name.to_string(), sex.chars().next()?))
                })
                .collect(),
            common_words: set(COMMON_WORDS),
            demonyms: set(DEMONYMS),
            roles: folded(ROLES),
            org_heads: set(ORG_HEADS),
            legal_forms: set(LEGAL_FORMS),
            place_heads: set(PLACE_HEADS),
            event_heads: set(EVENT_HEADS),
            place_nouns: set(PLACE_NOUNS),
            speech_verbs: set(SPEECH_VERBS),
            inverted_speech_verbs: set(INVERTED_SPEECH_VERBS),
            speech_cues: SpeechCues::parse(SPEECH_CUES),
            abbreviations: set(ABBREVIATIONS),
            not_entities: set(NOT_ENTITIES),
            openers: set(OPENERS),
            numbers: set(NUMBER_WORDS),
            agencies: set(AGENCIES),
            agency_short_names: entries(AGENCY_SHORT_NAMES)
                .filter_map(|e| e.split_once(" = "))
                .map(|(long, short)| (long.trim().to_string(), short.trim().to_string()))
                .collect(),
        }
    }

    pub(crate) fn is_role(&self, word: &str) -> bool {
        with_folded(word.trim_end_matches('.'), |key| self.roles.contains(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_groups_share_an_id() {
        let lex = Lexicon::new();
        let us = lex.places.group("United States");
        assert!(us.is_some());
        assert_eq!(lex.places.group("U.S."), us);
        assert_eq!(
            lex.places.group("us"),
            None,
            "the pronoun is not the country"
        );
        assert_eq!(lex.places.group("US"), us);
        assert_ne!(lex.places.group("Paris"), us);
        assert!(lex.places.contains("KATHMANDU"));
        assert!(!lex.places.contains("Orange juice"));
        assert!(lex.organizations.contains("WHO"));
        assert!(!lex.organizations.contains("Who"));
        assert_eq!(
            lex.organizations.group("AP"),
            lex.organizations.group("Associated Press")
        );
    }

    #[test]
    fn cue_words_load() {
        let lex = Lexicon::new();
        assert!(lex.is_role("President"));
        assert!(lex.is_role("Sen."));
        assert!(lex.is_role("diplomat"));
        assert!(lex.speech_verbs.contains("said"));
        assert!(lex.given_names.contains("Scott"));
        assert!(lex.demonyms.contains("Chinese"));
        assert!(lex.org_heads.contains("Commission"));
    }

    proptest::proptest! {
        #[test]
        fn folded_is_the_plain_fold(word in "( |[a-zA-Z.'’-]|É|é|İ|Σ|ẞ|\u{a0}){0,12}") {
            let plain = word.trim().replace('’', "'").to_lowercase();
            let fast = folded(&word);
            proptest::prop_assert_eq!(fast.as_ref(), plain.as_str());
            proptest::prop_assert_eq!(fold(&word), plain.clone());
            proptest::prop_assert_eq!(with_folded(&word, str::to_string), plain);
        }
    }
}
