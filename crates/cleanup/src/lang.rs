//! Language of a document and its stop words.
//!
//! Stop-word density (the share of a line's words that are function words
//! such as *the*, *und*, *que*) is the strongest single sign that a line is
//! running prose rather than a menu, a list of titles or a tag cloud.

use crate::{HashMap, HashSet};

/// Stop-word lists by ISO 639-1 code. Sources: `data/stopwords/SOURCES.md`.
const STOPWORDS: &[(&str, &str)] = &[
    ("ar", include_str!("../data/stopwords/ar.txt")),
    ("az", include_str!("../data/stopwords/az.txt")),
    ("be", include_str!("../data/stopwords/be.txt")),
    ("bg", include_str!("../data/stopwords/bg.txt")),
    ("bn", include_str!("../data/stopwords/bn.txt")),
    ("ca", include_str!("../data/stopwords/ca.txt")),
    ("cs", include_str!("../data/stopwords/cs.txt")),
    ("da", include_str!("../data/stopwords/da.txt")),
    ("de", include_str!("../data/stopwords/de.txt")),
    ("el", include_str!("../data/stopwords/el.txt")),
    ("en", include_str!("../data/stopwords/en.txt")),
    ("es", include_str!("../data/stopwords/es.txt")),
    ("et", include_str!("../data/stopwords/et.txt")),
    ("eu", include_str!("../data/stopwords/eu.txt")),
    ("fi", include_str!("../data/stopwords/fi.txt")),
    ("fr", include_str!("../data/stopwords/fr.txt")),
    ("he", include_str!("../data/stopwords/he.txt")),
    ("hr", include_str!("../data/stopwords/hr.txt")),
    ("hu", include_str!("../data/stopwords/hu.txt")),
    ("id", include_str!("../data/stopwords/id.txt")),
    ("it", include_str!("../data/stopwords/it.txt")),
    ("kk", include_str!("../data/stopwords/kk.txt")),
    ("lt", include_str!("../data/stopwords/lt.txt")),
    ("lv", include_str!("../data/stopwords/lv.txt")),
    ("ne", include_str!("../data/stopwords/ne.txt")),
    ("nl", include_str!("../data/stopwords/nl.txt")),
    ("no", include_str!("../data/stopwords/no.txt")),
    ("pl", include_str!("../data/stopwords/pl.txt")),
    ("pt", include_str!("../data/stopwords/pt.txt")),
    ("ro", include_str!("../data/stopwords/ro.txt")),
    ("ru", include_str!("../data/stopwords/ru.txt")),
    ("sk", include_str!("../data/stopwords/sk.txt")),
    ("sl", include_str!("../data/stopwords/sl.txt")),
    ("sq", include_str!("../data/stopwords/sq.txt")),
    ("sv", include_str!("../data/stopwords/sv.txt")),
    ("sw", include_str!("../data/stopwords/sw.txt")),
    ("tg", include_str!("../data/stopwords/tg.txt")),
    ("tr", include_str!("../data/stopwords/tr.txt")),
    ("uk", include_str!("../data/stopwords/uk.txt")),
    ("uz", include_str!("../data/stopwords/uz.txt")),
];

/// ISO 639-3 codes reported by `whatlang`, mapped to ISO 639-1.
const ISO_639_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "no"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// Languages written without spaces between words: length is counted in
/// characters divided by [`DENSE_SCRIPT_FACTOR`], and stop words do not apply.
const DENSE: &[&str] = &["zh", "ja", "ko", "th", "km", "my"];

/// Characters of a dense script that carry about as much text as one word
/// (with its space) of a Latin-script language.
pub(crate) const DENSE_SCRIPT_FACTOR: usize = 2;

/// How many bytes of prose-like lines are sampled for detection.
const SAMPLE_BYTES: usize = 4096;
/// The quick first sample, and how sure whatlang must be of it.
const QUICK_SAMPLE_BYTES: usize = 1024;
const QUICK_CONFIDENCE: f64 = 0.99;

/// Languages that the stop-word vote may name without asking whatlang:
/// common news languages, none with a close relative that whatlang knows
/// and that has no stop-word list here (Afrikaans, which reads like Dutch,
/// keeps Dutch out; Serbian keeps Croatian out), and Swahili, which
/// whatlang does not know (it would say Shona or Zulu). The rest go to
/// whatlang. Each with the share of words its stop words must cover:
/// Swahili builds function words into the word (`alisema`, `kwenye`), so
/// its short list covers less of running prose, about a quarter.
const VOTING: &[(&str, f64)] = &[
    ("en", VOTE_SHARE),
    ("de", VOTE_SHARE),
    ("fr", VOTE_SHARE),
    ("es", VOTE_SHARE),
    ("it", VOTE_SHARE),
    ("pl", VOTE_SHARE),
    ("ru", VOTE_SHARE),
    ("sw", 0.2),
];

/// How clear a stop-word vote must be to stand in for whatlang: the
/// winner's stop words make at least [`VOTE_SHARE`] of the sample's words
/// (running prose is 40–50% function words), and no other list covers more
/// than [`VOTE_RIVAL_SHARE`] of what the winner's covers (related languages
/// share many stop words; their documents go to whatlang).
const VOTE_SHARE: f64 = 0.3;
const VOTE_RIVAL_SHARE: f64 = 0.6;
/// Below this many words, the vote leaves quotations out.
const VOTE_QUOTES_WORDS: usize = 100;

/// `text` without what stands between quotation marks.
fn without_quotations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end || c == '\n' => {
                closing = None;
                out.push(' ');
            }
            Some(_) => {}
            None => {
                closing = match c {
                    '"' => Some('"'),
                    '“' => Some('”'),
                    '„' => Some('“'),
                    '«' => Some('»'),
                    '»' => Some('«'),
                    '「' => Some('」'),
                    _ => None,
                };
                if closing.is_none() {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Fewer words than this and the vote abstains. A two-sentence brief is
/// enough: whatlang's trigrams are less sure of so little text, and
/// foreign names sway them (`Erik ten Hag said …` reads as German).
const VOTE_MIN_WORDS: usize = 20;

/// Stop-word lists, loaded once.
pub(crate) struct Languages {
    stopwords: HashMap<&'static str, HashSet<&'static str>>,
    /// Every stop word with the lists it is in (bit `i` for
    /// `STOPWORDS[i]`): one lookup a word for a cheap vote that settles
    /// most documents before whatlang reads them.
    owners: HashMap<&'static str, u64>,
}

impl Languages {
    pub(crate) fn new() -> Languages {
        let stopwords = STOPWORDS
            .iter()
            .map(|(code, text)| {
                (
                    *code,
                    text.lines()
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .collect(),
                )
            })
            .collect::<HashMap<&'static str, HashSet<&'static str>>>();
        const _: () = assert!(STOPWORDS.len() <= 64, "owners is a u64 bit set");
        let mut owners: HashMap<&'static str, u64> = HashMap::default();
        for (i, (code, _)) in STOPWORDS.iter().enumerate() {
            for &word in &stopwords[code] {
                *owners.entry(word).or_default() |= 1 << i;
            }
        }
        Languages { stopwords, owners }
    }

    /// The language whose stop words clearly dominate `sample`, if it is
    /// one of [`VOTING`]; `None` leaves the question to whatlang.
    fn vote(&self, sample: &str) -> Option<&'static str> {
        // A brief's quotations and titles may be in another language (a
        // Danish brief naming `"The Zone of Interest"`): its own words
        // decide. (A longer text outweighs them.)
        let unquoted;
        let sample = if sample
            .split_whitespace()
            .nth(VOTE_QUOTES_WORDS - 1)
            .is_none()
        {
            unquoted = without_quotations(sample);
            unquoted.as_str()
        } else {
            sample
        };
        let mut covered = [0usize; STOPWORDS.len()];
        let mut words = 0usize;
        let mut lower = String::new();
        for word in sample
            .split(|c: char| !c.is_alphabetic() && c != '\'')
            .filter(|w| !w.is_empty())
        {
            words += 1;
            lower.clear();
            // Most words are ASCII: lowered byte by byte.
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            }
            let mut owners = self.owners.get(lower.as_str()).copied().unwrap_or(0);
            while owners != 0 {
                covered[owners.trailing_zeros() as usize] += 1;
                owners &= owners - 1;
            }
        }
        if words < VOTE_MIN_WORDS {
            return None;
        }
        // Ties go to the earlier list; such a vote is never clear anyway.
        let (best, &top) = covered
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, usize::MAX - i))?;
        let rival = covered
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != best)
            .map(|(_, &n)| n)
            .max()
            .unwrap_or(0);
        let code = STOPWORDS[best].0;
        let &(_, share) = VOTING.iter().find(|(c, _)| *c == code)?;
        let clear =
            top as f64 >= share * words as f64 && rival as f64 <= VOTE_RIVAL_SHARE * top as f64;
        clear.then_some(code)
    }

    pub(crate) fn stopwords(&self, lang: &str) -> Option<&HashSet<&'static str>> {
        self.stopwords.get(lang)
    }
}

/// A character of a script written without spaces between words (Thai,
/// kana, Chinese characters, Hangul).
pub(crate) fn dense_script(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0E7F}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
}

/// True for languages written without spaces between words.
pub(crate) fn is_dense(lang: &str) -> bool {
    DENSE.contains(&lang)
}

/// Detects the language of a document from its longer lines (menus and
/// buttons would only add noise). Each line comes with its count of
/// whitespace-separated words (counted once by the cleaner for all its
/// uses). Returns an ISO 639-1 code.
pub(crate) fn detect<'a>(
    languages: &Languages,
    lines: impl Iterator<Item = (&'a str, usize)> + Clone,
) -> Option<&'static str> {
    // A line of a script written without spaces is long at fewer
    // characters: each stands for a syllable or a word (a Chinese page's
    // sentences, not its English footer, must decide).
    let long = |&(l, words): &(&str, usize)| {
        words >= 8
            || l.chars().count() >= 40
            || l.chars().filter(|&c| dense_script(c)).count() >= 40 / DENSE_SCRIPT_FACTOR
    };
    // Most documents are told apart on a short sample: every other long
    // line, so that it spans more of the text (a document that changes
    // language gives a less certain answer). The full sample is read only
    // when whatlang is less than certain of the quick one. Before whatlang,
    // a stop-word vote settles the clear cases of the commonest languages
    // at a fraction of the cost. On the dev archives (1,479 documents) no
    // language changed with either shortcut.
    let mut quick = String::new();
    for (line, _) in lines.clone().filter(long).step_by(2) {
        quick.push_str(line);
        quick.push('\n');
        if quick.len() >= QUICK_SAMPLE_BYTES {
            if let Some(code) = languages.vote(&quick) {
                return Some(code);
            }
            if let Some(info) = whatlang::detect(&quick)
                && info.is_reliable()
                && info.confidence() >= QUICK_CONFIDENCE
            {
                return to_iso_639_1(info.lang());
            }
            break;
        }
    }
    let mut sample = String::new();
    for (line, _) in lines.clone().filter(long) {
        sample.push_str(line);
        sample.push('\n');
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
    }
    if sample.is_empty() {
        for (line, _) in lines {
            sample.push_str(line);
            sample.push('\n');
            if sample.len() >= SAMPLE_BYTES {
                break;
            }
        }
    }
    if let Some(code) = languages.vote(&sample) {
        return Some(code);
    }
    to_iso_639_1(whatlang::detect(&sample)?.lang())
}

fn to_iso_639_1(lang: whatlang::Lang) -> Option<&'static str> {
    let code = lang.code();
    ISO_639_1
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| *two)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_news_languages() {
        let langs = Languages::new();
        let cases = [
            (
                "en",
                "The minister said on Tuesday that the government would not change its plans for the budget.",
            ),
            (
                "de",
                "Der Minister sagte am Dienstag, dass die Regierung ihre Pläne für den Haushalt nicht ändern werde.",
            ),
            (
                "fr",
                "Le ministre a déclaré mardi que le gouvernement ne changerait pas ses projets pour le budget.",
            ),
            (
                "es",
                "El ministro dijo el martes que el gobierno no cambiaría sus planes para el presupuesto del año.",
            ),
        ];
        for (want, text) in cases {
            let words = text.split_whitespace().count();
            assert_eq!(
                detect(&langs, [(text, words)].into_iter()),
                Some(want),
                "{text}"
            );
        }
    }

    #[test]
    fn a_chinese_page_is_not_judged_by_its_english_footer() {
        let langs = Languages::new();
        // Chinese sentences are short in characters; the footer is the one
        // line of 40.
        let doc = [
            "台南市今天新增3例登革熱本土病例，均居住在北區。",
            "衛生局表示，3人都出現發燒、頭痛及肌肉痠痛等症狀。",
            "市府已在病例居住地周邊進行化學防治及孳生源清除。",
            "© 2025 The Liberty Times. All Rights Reserved.",
        ];
        let lines = doc.iter().map(|l| (*l, l.split_whitespace().count()));
        assert_eq!(detect(&langs, lines), Some("zh"));
    }

    #[test]
    fn swahili_which_whatlang_does_not_know() {
        let langs = Languages::new();
        // From a Tanzanian police statement (HabariLeo); repeated to pass
        // the vote's minimum.
        let sw = "Kamanda wa polisi alisema kuwa watu hao walikamatwa baada ya kufanya uhalifu katika eneo hilo, \
                  na kwamba uchunguzi zaidi unaendelea ili kubaini kama kuna watu wengine waliohusika.";
        let words = sw.split_whitespace().count();
        let doc: Vec<(&str, usize)> = vec![(sw, words); 8];
        assert_eq!(detect(&langs, doc.iter().copied()), Some("sw"));
    }

    #[test]
    fn a_long_document_that_changes_language_is_judged_on_the_full_sample() {
        let langs = Languages::new();
        let en = "The minister said on Tuesday that the government would not change its plans for the budget.";
        let es = "El ministro dijo el martes que el gobierno no cambiaría sus planes para el presupuesto del año.";
        let words = en.split_whitespace().count();
        // Long and in one language: the quick sample decides.
        let one: Vec<(&str, usize)> = vec![(en, words); 60];
        assert_eq!(detect(&langs, one.iter().copied()), Some("en"));
        // A document that turns from English to Spanish: whatever the
        // quick sample says, the answer is the full sample's.
        let mut mixed: Vec<(&str, usize)> = Vec::new();
        for i in 0..60 {
            mixed.push(if i % 4 == 0 || i >= 12 {
                (es, words)
            } else {
                (en, words)
            });
        }
        // The full sample, built as `detect` builds it.
        let mut full = String::new();
        for (line, _) in &mixed {
            full.push_str(line);
            full.push('\n');
            if full.len() >= SAMPLE_BYTES {
                break;
            }
        }
        let want = whatlang::detect(&full).map(|i| to_iso_639_1(i.lang()));
        assert_eq!(Some(detect(&langs, mixed.iter().copied())), want);
    }

    #[test]
    fn a_clear_stop_word_vote_names_the_language() {
        let langs = Languages::new();
        let en = "The minister said on Tuesday that the government would not change its plans for the budget, and that it was up to them. ";
        let de = "Der Minister sagte am Dienstag, dass die Regierung ihre Pläne für den Haushalt nicht ändern werde, weil sie es so will. ";
        assert_eq!(langs.vote(&en.repeat(8)), Some("en"));
        assert_eq!(langs.vote(&de.repeat(8)), Some("de"));
        // A brief of two sentences is enough, though its names are Dutch
        // (whatlang reads `ten Hag` and `ter Stegen` as German).
        let brief = "The Dutch coach Erik ten Hag said on Friday that the team was ready for the match \
                     against Ajax in Amsterdam next week. Marc-André ter Stegen, the goalkeeper, was also fit, he said.";
        assert_eq!(langs.vote(brief), Some("en"));
        // Titles in another language do not sway a brief.
        let da = "Aftenens store vinder blev \"Oppenheimer\", der fik syv statuetter. Også \"Poor Things\", \
                  \"The Zone of Interest\", \"The Holdovers\" og \"Anatomy of a Fall\" vandt priser ved showet i Los Angeles i nat.";
        assert_ne!(langs.vote(da), Some("en"));
        // Too short to be sure, or two languages in one sample: whatlang decides.
        assert_eq!(
            langs.vote("The minister said on Tuesday that it was up to them."),
            None
        );
        assert_eq!(
            langs.vote(&format!("{}{}", en.repeat(4), de.repeat(4))),
            None
        );
        // Dutch has a close relative (Afrikaans) without a list here.
        let nl = "De minister zei dinsdag dat de regering haar plannen voor de begroting niet zou veranderen, omdat zij dat wil. ";
        assert_eq!(langs.vote(&nl.repeat(8)), None);
    }

    #[test]
    fn stopword_lists_are_loaded() {
        let langs = Languages::new();
        assert!(langs.stopwords("en").is_some_and(|s| s.contains("the")));
        assert!(langs.stopwords("de").is_some_and(|s| s.contains("und")));
        assert!(langs.stopwords("xx").is_none());
    }
}
