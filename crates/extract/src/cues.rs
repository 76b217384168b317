//! Who said a quote in German, French, Spanish, Italian, Portuguese or
//! Dutch: the attribution right after the quote (`„…“, sagte Jann Jakobs`,
//! `« … », a déclaré le ministre`, `“…”, según la policía`) or right before
//! it (`Jakobs sagte: „…“`). The cues are data
//! (`data/lexicon/speech-cues.txt`); the shapes are the same in every
//! language: a verb of saying or a source word, then a name, a description
//! (`ein Sprecher`, `la ministre`) or a pronoun.
//!
//! English has its own, richer reading in `quotes`.

use crate::{HashMap, HashSet};

/// Particles inside a name (`Luis de Guindos`, `Ursula von der Leyen`);
/// the second kind only after one of the first (`von der`, `de la`), as
/// `der` alone after a name is an article (`sagte Jakobs der Zeitung`).
const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "do", "dos", "das", "du", "van", "von", "ter",
];
const SECOND_PARTICLES: &[&str] = &["der", "den", "la", "le"];

/// Names in a speaker phrase, at most.
const MAX_NAME_WORDS: usize = 6;
/// Words before the name (articles, titles), at most.
const MAX_LEAD_WORDS: usize = 4;

/// One language's cues, lower case.
#[derive(Default)]
pub(crate) struct Cues {
    /// Verbs of saying, as word sequences.
    verbs: Vec<Vec<String>>,
    /// Separable verbs of saying: the verb and its particle, with the
    /// subject between them (`fügte` … `hinzu`).
    split_verbs: Vec<(String, String)>,
    /// Words that tie a name to the body it works for (`vom`, `de`).
    of: Vec<String>,
    sources: Vec<String>,
    articles: Vec<String>,
    pronouns: Vec<String>,
    /// Endings of capitalised titles (`…minister`, `…sprecherin`).
    roles: Vec<String>,
    /// Courtesy titles (`mme`, `herr`), whole words.
    titles: Vec<String>,
    stops: Vec<String>,
    /// Every noun is capitalised (German).
    pub(crate) capitalised_nouns: bool,
}

/// The cues of every language the data names.
#[derive(Default)]
pub(crate) struct SpeechCues {
    by_language: HashMap<String, Cues>,
}

impl SpeechCues {
    /// Reads `LANGUAGE KIND WORDS` lines; unknown kinds are skipped.
    pub(crate) fn parse(data: &str) -> SpeechCues {
        let mut out = SpeechCues::default();
        for line in data.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, ' ');
            let (Some(language), Some(kind), Some(words)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let cues = out.by_language.entry(language.to_string()).or_default();
            let words = words.trim().to_lowercase();
            match kind {
                "verb" => {
                    if let Some((head, particle)) = words.split_once('…') {
                        let (head, particle) = (head.trim(), particle.trim());
                        cues.split_verbs
                            .push((head.to_string(), particle.to_string()));
                        // In a subordinate clause the parts come together
                        // (`wie Jakobs hinzufügte` is not listed; `X fügte
                        // hinzu: „…“` is).
                        cues.verbs
                            .push(vec![head.to_string(), particle.to_string()]);
                    } else {
                        cues.verbs
                            .push(words.split_whitespace().map(str::to_string).collect());
                    }
                }
                "of" => cues.of.push(words),
                "source" => cues.sources.push(words),
                "article" => cues.articles.push(words),
                "pronoun" => cues.pronouns.push(words),
                "role" => cues.roles.push(words),
                "title" => cues.titles.push(words),
                "stop" => cues.stops.push(words),
                "nouns" => cues.capitalised_nouns = words == "capitalised",
                _ => {}
            }
        }
        // Longest verb first: `a déclaré` before `a`, `sagte dazu` before
        // `sagte`.
        for cues in out.by_language.values_mut() {
            cues.verbs.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
        out
    }

    /// The cues of `language` (an ISO 639-1 code), if the data has them.
    pub(crate) fn get(&self, language: &str) -> Option<&Cues> {
        self.by_language.get(language)
    }
}

/// Who an attribution names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Speaker {
    /// A person's or an organisation's name, as written (`Jakobs`).
    Name(String),
    /// A description (`ein Sprecher`, `la ministre`).
    Description(String),
    /// A pronoun: the last person named before the quote.
    Pronoun,
    /// An attribution whose speaker cannot be read (`hieß es`, `dijo a
    /// EFE el portavoz`).
    Nobody,
    /// A verb of saying with its subject left out (`“…”, dijo.`): the one
    /// who spoke before.
    Omitted,
}

/// A word with the punctuation that ends it stripped, and whether it had
/// any (`Jakobs.` ends the speaker phrase).
fn word(token: &str) -> (&str, bool) {
    let bare = token.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
    let bare = bare.trim_start_matches(['(', '«', '»', '„', '“', '"', '—', '–']);
    // An initial or a title's abbreviation (`C.`, `Dr.`) goes on.
    let abbreviation = token.ends_with('.')
        && token.len() == bare.len() + 1
        && bare.chars().count() <= 3
        && capitalised(bare);
    (bare, bare.len() < token.len() && !abbreviation)
}

/// Each token's word (see [`word`]) in lower case, for the cue lists.
fn lowered(tokens: &[&str]) -> Vec<String> {
    tokens.iter().map(|t| word(t).0.to_lowercase()).collect()
}

/// `w` (lower case) is a particle of names (`von`, `de`).
pub(crate) fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w) || SECOND_PARTICLES.contains(&w)
}

/// `w` continues the name so far as a particle (`de`, `von der`, or one
/// joined to the next part: `Sheib ad-Din`, `Bashar al-Assad`).
fn particle(name: &[&str], w: &str) -> bool {
    PARTICLES.contains(&w)
        || SECOND_PARTICLES.contains(&w) && name.last().is_some_and(|p| PARTICLES.contains(p))
        || w.split_once('-').is_some_and(|(p, rest)| {
            p.len() <= 3 && p.chars().all(char::is_lowercase) && capitalised(rest)
        })
}

/// Starts with a capital, after any figures of a compound (`31-Jährige`).
fn capitalised(w: &str) -> bool {
    let w = match w.split_once('-') {
        Some((digits, rest))
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            rest
        }
        _ => w,
    };
    w.chars().next().is_some_and(char::is_uppercase)
}

impl Cues {
    /// A speaker that is a name (`Jann Jakobs`, `Jakobs`), not a
    /// description (`der Sprecher`, `la ministre`).
    pub(crate) fn is_name(&self, speaker: &str) -> bool {
        let mut words = speaker.split_whitespace();
        words
            .next()
            .is_some_and(|w| capitalised(w) && !self.is_article(w) && !self.is_role(w))
            && words.all(|w| capitalised(w) || particle(&[], w) || is_particle(w))
    }

    /// `w` ends a speaker phrase (`und`; `Journalisten` after `sagte
    /// Scholz`).
    fn is_stop(&self, w: &str) -> bool {
        self.stops.contains(&w.to_lowercase())
    }

    /// `w` ties a name to a body or a place (`de`, `vom`).
    pub(crate) fn ties(&self, w: &str) -> bool {
        self.of.iter().any(|o| o == w)
    }

    fn is_article(&self, w: &str) -> bool {
        let w = w.to_lowercase();
        // Elided articles stick to their noun (`l'avocat`).
        self.articles
            .iter()
            .any(|a| *a == w || (a.ends_with('\'') && w.starts_with(a.as_str())))
    }

    fn is_role(&self, w: &str) -> bool {
        let w = w.to_lowercase();
        self.titles.contains(&w) || self.roles.iter().any(|r| w.ends_with(r.as_str()))
    }

    /// The verb of saying that `words` (lower case) open with: its length
    /// in words.
    fn verb_at(&self, words: &[String]) -> Option<usize> {
        self.verbs
            .iter()
            .find(|verb| words.starts_with(verb))
            .map(Vec::len)
    }

    /// The verb of saying that `words` (lower case) end with: its length in
    /// words.
    fn verb_before(&self, words: &[String]) -> Option<usize> {
        self.verbs
            .iter()
            .find(|verb| words.ends_with(verb))
            .map(Vec::len)
    }

    /// The speaker phrase that `tokens` open with, after a verb or a
    /// source word: a pronoun, articles and titles, then a name.
    fn phrase_after(&self, tokens: &[&str], given: &HashSet<&'static str>) -> Speaker {
        let Some(first) = tokens.first() else {
            return Speaker::Nobody;
        };
        if self.pronouns.contains(&word(first).0.to_lowercase()) {
            return Speaker::Pronoun;
        }
        let mut lead: Vec<&str> = Vec::new();
        let mut name: Vec<&str> = Vec::new();
        // Tokens read (an appositive may follow them: `le maire de Lyon,
        // Grégory Doucet`).
        let mut read = 0;
        for token in tokens {
            read += 1;
            let (w, ends) = word(token);
            // `Karl Lauterbach (SPD)`: a party or a place in brackets.
            if token.starts_with('(') && !name.is_empty() {
                read -= 1;
                break;
            }
            // `Gesundheits-, Sozial- und Integrationsdirektor`: a compound
            // cut short.
            if token.trim_end_matches(',').ends_with('-') {
                return Speaker::Nobody;
            }
            if w.is_empty() {
                break;
            }
            if self.is_stop(w) {
                // `Ernährungsberaterin und Autorin Rhiannon Lambert`: where
                // nouns are capitalised, one word before `und` is a title.
                if self.capitalised_nouns
                    && !capitalised(w)
                    && name.len() == 1
                    && lead.len() < MAX_LEAD_WORDS
                {
                    lead.append(&mut name);
                    continue;
                }
                break;
            }
            if name.is_empty() {
                if self.is_article(w) || !capitalised(w) || self.is_role(w) {
                    if lead.len() == MAX_LEAD_WORDS {
                        break;
                    }
                    lead.push(w);
                } else {
                    name.push(w);
                }
            } else if capitalised(w)
                // `Ursula von der Leyen`, not `die Newcomerin von den
                // Dreharbeiten`: in German, a particle after a first name.
                || particle(&name, w)
                    && (!self.capitalised_nouns
                        || w.contains('-')
                        || name.iter().any(|n| given.contains(*n)))
            {
                name.push(w);
                if name.len() == MAX_NAME_WORDS {
                    break;
                }
            } else {
                break;
            }
            if ends {
                break;
            }
        }
        // A particle cannot end a name.
        while name.last().is_some_and(|w| is_particle(w)) {
            name.pop();
        }
        // `…, le maire de Lyon, Grégory Doucet`: the name after the comma
        // that ends the title (a few words on at most: `la presidenta de la
        // Comunidad de Madrid, Isabel Díaz Ayuso`).
        let appositive = || {
            let comma = tokens
                .iter()
                .take(read + MAX_NAME_WORDS)
                .position(|t| t.ends_with(','))?;
            let run: Vec<&str> = tokens[comma + 1..]
                .iter()
                .map(|t| word(t).0)
                .take_while(|w| capitalised(w) || is_particle(w))
                .take(MAX_NAME_WORDS)
                .collect();
            run.first()
                .is_some_and(|w| given.contains(*w))
                .then(|| Speaker::Name(self.person(&run, given)))
        };
        // `hieß es in der Mitteilung`, `a déclaré lundi à Paris`: a speaker
        // phrase opens with a name, an article or a title (any capitalised
        // word where nouns are: `Kabarettist Torsten Sträter`), or with a
        // lower-case title before a first name (`burgemeester Femke
        // Halsema`, `à l’AFP Jean Dupont`).
        if lead.first().is_some_and(|w| {
            !(self.is_article(w) || self.is_role(w) || self.capitalised_nouns && capitalised(w))
        }) {
            if name.first().is_some_and(|w| given.contains(*w)) {
                return Speaker::Name(self.person(&name, given));
            }
            return appositive().unwrap_or(Speaker::Nobody);
        }
        // The title before a name: an article and a title (`le président`,
        // `o ministro`, `der Bundeskanzler`; where nouns are capitalised,
        // `der junge Polizist` is no title and name).
        let titled = lead.len() == 2
            && (!self.capitalised_nouns || capitalised(lead[1]) || self.is_role(lead[1]))
            // `der dreimalige Weltmeister Peter Sagan`: a title right
            // before the name.
            || !name.is_empty() && lead.last().is_some_and(|w| capitalised(w) && self.is_role(w));
        if lead.first().is_some_and(|w| self.is_article(w)) && !titled {
            // `la presidenta de la Comunidad de Madrid, Isabel Díaz Ayuso`.
            if let Some(name) = appositive() {
                return name;
            }
            // `die Grünen-Politikerin Anna Müller`, `der rechte
            // AfD-Aktivist Thomas Matzke`: a title, then the name.
            if name.len() > 2 {
                // Unless the title came before (`der neue Präsident Rainer
                // de Meijer`).
                let from = usize::from(!lead.iter().any(|w| self.is_role(w)));
                return Speaker::Name(self.person(&name[from..], given));
            }
            // `ein Sprecher`, `la ministre`, `die Deutsche Bahn`, `la
            // ministre de la Santé`: after an article, capitalised words are
            // a noun phrase, and a title without a name is a description.
            let mut words = lead;
            words.extend(name);
            return self.description(words).unwrap_or(Speaker::Nobody);
        }
        if name.is_empty() {
            return appositive()
                .or_else(|| self.description(lead))
                .unwrap_or(Speaker::Nobody);
        }
        Speaker::Name(self.person(&name, given))
    }

    /// The name in a run of capitalised words, which may run on into other
    /// words (`Olaf Scholz Ende März`, `Regione Emilia Romagna Stefano
    /// Bonaccini`): the last run of known first names and the surname after
    /// them (with its particles: `Ursula von der Leyen`; where nouns are
    /// not capitalised, two surnames: `Isabel Díaz Ayuso`). Without a known
    /// first name the run is given back (at most four words) for the
    /// document's names to complete ([`Cues::surname_run`]).
    fn person(&self, name: &[&str], given: &HashSet<&'static str>) -> String {
        // Not from a particle (`de Madrid` of `la Comunidad de Madrid`).
        let lead = name.iter().take_while(|w| is_particle(w)).count();
        let name = &name[lead.min(name.len().saturating_sub(1))..];
        let is_given = |w: &&str| given.contains(*w);
        let last_start = (0..name.len()).rev().find(|&i| {
            is_given(&name[i])
                && (i == 0 || !is_given(&name[i - 1]))
                && (i..name.len()).any(|k| !is_given(&name[k]))
        });
        let Some(start) = last_start else {
            return name[..name.len().min(4)].join(" ");
        };
        let mut end = (start..name.len())
            .find(|&k| !is_given(&name[k]))
            .unwrap_or(name.len());
        // The surname, through its particles (`von der Leyen`).
        while end < name.len() && is_particle(name[end]) {
            end += 1;
        }
        let mut end = (end + 1).min(name.len());
        if !self.capitalised_nouns && end < name.len() && capitalised(name[end]) {
            end += 1;
        }
        name[start..end].join(" ")
    }

    /// The name in a run without a known first name that the document does
    /// not complete either: where nouns are capitalised, a title may run
    /// into it (`Liverpools Trainer Klopp`, `Usyk-Promoter Krassyuk`), so a
    /// run of three or more is its last two words, or its words from the
    /// one before a particle, and two words after a compound title are the
    /// second.
    pub(crate) fn surname_run(&self, run: &str) -> String {
        let words: Vec<&str> = run.split_whitespace().collect();
        if !self.capitalised_nouns {
            return run.to_string();
        }
        match words[..] {
            [first, second] if first.contains('-') && capitalised(second) => second.to_string(),
            [_, _, _, ..] => {
                let from = match words.iter().position(|w| is_particle(w)) {
                    Some(p) => p.saturating_sub(1),
                    None => words.len() - 2,
                };
                words[from..].join(" ")
            }
            _ => run.to_string(),
        }
    }

    /// `„…“, sagte X`, `« … », selon X`: the attribution that `after` (the
    /// text right after a quote, to the end of its sentence) opens with.
    pub(crate) fn after(&self, after: &str, given: &HashSet<&'static str>) -> Option<Speaker> {
        let after = after.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | '—' | '–' | '-')
        });
        let tokens: Vec<&str> = after.split_whitespace().take(12).collect();
        let lower = lowered(&tokens);
        let first = lower.first()?;
        // French inversion: `dit-il`, `a-t-elle ajouté`.
        if first.ends_with("-il") || first.ends_with("-elle") {
            return Some(Speaker::Pronoun);
        }
        if self.sources.contains(first) {
            return Some(self.phrase_after(&tokens[1..], given));
        }
        let Some(n) = self.verb_at(&lower) else {
            // `„…“, fügte Jakobs hinzu`: the subject between the verb and
            // its particle.
            let (_, particle) = self.split_verbs.iter().find(|(head, _)| head == first)?;
            let k = lower
                .iter()
                .take(MAX_LEAD_WORDS + MAX_NAME_WORDS + 2)
                .position(|w| w == particle)?;
            return Some(self.phrase_after(&tokens[1..k], given));
        };
        // A verb that ends the sentence leaves its subject out (`“…”,
        // dijo.`).
        if word(tokens[n - 1]).1 {
            return Some(Speaker::Omitted);
        }
        Some(self.phrase_after(&tokens[n..], given))
    }

    /// `Jakobs sagte: „…“`, `Selon la police, « … »`: the attribution in
    /// `before` (the quote's sentence up to its opening mark).
    pub(crate) fn before(&self, before: &str, given: &HashSet<&'static str>) -> Option<Speaker> {
        let before = before.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | ',' | '—' | '–' | '-')
        });
        // From the clause's first word (`, so der Experte`).
        let tokens: Vec<&str> = before
            .split_whitespace()
            .skip_while(|t| word(t).0.is_empty())
            .collect();
        let lower = lowered(&tokens);
        let first = lower.first()?;
        if self.sources.contains(first) && tokens.len() <= MAX_LEAD_WORDS + MAX_NAME_WORDS + 1 {
            return Some(self.phrase_after(&tokens[1..], given));
        }
        let Some(n) = self.verb_before(&lower) else {
            // `Am Montag sagte Jann Jakobs: „…“`: the verb, then its
            // subject, right before the quote.
            let (v, n) = (0..tokens.len())
                .rev()
                .take(MAX_LEAD_WORDS + MAX_NAME_WORDS)
                .find_map(|v| Some((v, self.verb_at(&lower[v..])?)))?;
            // Only when the speaker phrase runs right up to the quote
            // (`heißt es, Seifen habe …, „egal wie“` names nobody).
            let rest = &tokens[v + n..];
            if rest.is_empty()
                || rest[..rest.len() - 1].iter().any(|t| word(t).1)
                || !capitalised(word(rest[rest.len() - 1]).0)
                    && !self.pronouns.contains(&lower[tokens.len() - 1])
            {
                return None;
            }
            // A name or a pronoun: a description there is as often the
            // verb's object (`Loriot erklärte seine Vorgehensweise: „…“`).
            return match self.phrase_after(rest, given) {
                speaker @ (Speaker::Name(_) | Speaker::Pronoun) => Some(speaker),
                _ => None,
            };
        };
        let subject = &tokens[..tokens.len() - n];
        if self
            .pronouns
            .contains(lower.get(subject.len().checked_sub(1)?)?)
        {
            return Some(Speaker::Pronoun);
        }
        // The words before the verb, back to a clause's start: a name
        // (`Jann Jakobs sagte`), an article and its noun (`Le ministre a
        // déclaré`), or a pronoun (`Er sagte`).
        let mut name: Vec<&str> = Vec::new();
        for token in subject.iter().rev() {
            let (w, ends) = word(token);
            if ends || w.is_empty() {
                break;
            }
            if capitalised(w) && !self.is_article(w) && !self.is_role(w)
                || !name.is_empty() && is_particle(w)
            {
                name.push(w);
                if name.len() == MAX_NAME_WORDS {
                    break;
                }
            } else {
                break;
            }
        }
        while name.last().is_some_and(|w| !capitalised(w)) {
            name.pop();
        }
        name.reverse();
        let start = subject.len() - name.len();
        // A subject opens its clause: `wie Foucault in einer Vorlesung
        // sagte` has none right before the verb.
        let opens_clause = |k: usize| {
            k == 0 || subject[k - 1].ends_with([',', ';']) || self.is_stop(subject[k - 1])
        };
        if let Some(k) = start.checked_sub(1)
            && self.is_article(word(subject[k]).0)
            && opens_clause(k)
        {
            // `Der Bürgermeister sagte`, `Un porte-parole a dit`.
            return self.description(subject[k..].iter().map(|t| word(t).0).collect());
        }
        // `Konstantin Veit vom Vermögensverwalter Pimco betont`: the name
        // before the body it works for.
        if !name.is_empty()
            && let Some(k) = start.checked_sub(1)
            && self.ties(word(subject[k]).0)
        {
            let person: Vec<&str> = subject[..k]
                .iter()
                .rev()
                .map(|t| word(t).0)
                .take_while(|w| capitalised(w) && !self.is_article(w))
                .take(MAX_NAME_WORDS)
                .collect();
            if person.len() >= 2 && person.len() == k {
                let person: Vec<&str> = person.into_iter().rev().collect();
                return Some(Speaker::Name(self.person(&person, given)));
            }
            // `Eine Studie vom Ifo-Institut betont`: the description.
            if let Some(a) = subject[..k].iter().position(|t| self.is_article(word(t).0))
                && opens_clause(a)
                && k - a <= MAX_LEAD_WORDS
            {
                return self.description(subject[a..k].iter().map(|t| word(t).0).collect());
            }
        }
        if !name.is_empty() {
            // One capitalised word that opens the sentence is a name only
            // when it is the whole subject (`Jakobs sagte`, not `Heute
            // sagte`): German capitalises every noun.
            if name.len() == 1 && start > 0 && !self.is_role(word(subject[start - 1]).0) {
                return None;
            }
            return Some(Speaker::Name(self.person(&name, given)));
        }
        // `Le ministre a déclaré`: an article, then lower-case words.
        let k = subject
            .iter()
            .rposition(|t| self.is_article(word(t).0))
            .filter(|&k| subject.len() - k <= MAX_LEAD_WORDS && opens_clause(k))?;
        self.description(subject[k..].iter().map(|t| word(t).0).collect())
    }

    /// A description from an article and the words after it, up to a stop
    /// word (`der Experte und erklärt`). Where nouns are capitalised it
    /// ends in one (`die 43-Jährige darunter`; `der angeblich` is none).
    fn description(&self, mut words: Vec<&str>) -> Option<Speaker> {
        if let Some(k) = words.iter().position(|w| self.is_stop(w)) {
            words.truncate(k);
        }
        if self.capitalised_nouns {
            // After the noun only its complement goes on (`der Sprecher der
            // Stadt`, not `eine Sprecherin auf Anfrage`).
            if let Some(noun) = words
                .iter()
                .position(|w| capitalised(w) && !self.is_article(w))
                && let Some(k) = words[noun..]
                    .iter()
                    .position(|w| !capitalised(w) && !self.is_article(w))
            {
                words.truncate(noun + k);
            }
            while words.last().is_some_and(|w| !capitalised(w)) {
                words.pop();
            }
        }
        (words.len() >= 2).then(|| Speaker::Description(words.join(" ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(language: &str) -> SpeechCues {
        let _ = language;
        SpeechCues::parse(include_str!("../data/lexicon/speech-cues.txt"))
    }

    fn given() -> &'static HashSet<&'static str> {
        static LEXICON: std::sync::OnceLock<crate::lexicon::Lexicon> = std::sync::OnceLock::new();
        &LEXICON
            .get_or_init(crate::lexicon::Lexicon::new)
            .given_names
    }

    fn after(language: &str, text: &str) -> Option<Speaker> {
        cues(language).get(language)?.after(text, given())
    }

    fn before(language: &str, text: &str) -> Option<Speaker> {
        cues(language).get(language)?.before(text, given())
    }

    fn name(s: &str) -> Option<Speaker> {
        Some(Speaker::Name(s.to_string()))
    }

    fn description(s: &str) -> Option<Speaker> {
        Some(Speaker::Description(s.to_string()))
    }

    #[test]
    fn after_the_quote() {
        let cases = [
            (
                "de",
                ", sagte Jann Jakobs nach der Abstimmung.",
                name("Jann Jakobs"),
            ),
            (
                "de",
                ", sagte Oberbürgermeister Jann Jakobs.",
                name("Jann Jakobs"),
            ),
            ("de", ", so Jakobs.", name("Jakobs")),
            (
                "de",
                ", sagte ein Sprecher der Stadt.",
                description("ein Sprecher der Stadt"),
            ),
            ("de", ", sagte ein Sprecher.", description("ein Sprecher")),
            (
                "pt",
                ", disse o ministro da Fazenda, Fernando Haddad.",
                name("Fernando Haddad"),
            ),
            ("de", ", sagte Jakobs der Zeitung.", name("Jakobs")),
            (
                "de",
                ", sagte die Grünen-Politikerin Anna Müller.",
                name("Anna Müller"),
            ),
            ("de", ", sagte er.", Some(Speaker::Pronoun)),
            ("de", ", hieß es in der Mitteilung.", Some(Speaker::Nobody)),
            (
                "fr",
                ", a déclaré Emmanuel Macron lundi.",
                name("Emmanuel Macron"),
            ),
            ("fr", ", a déclaré la ministre.", description("la ministre")),
            ("fr", ", explique-t-elle.", Some(Speaker::Pronoun)),
            (
                "fr",
                " selon Ursula von der Leyen.",
                name("Ursula von der Leyen"),
            ),
            (
                "es",
                ", dijo Pedro Sánchez en Madrid.",
                name("Pedro Sánchez"),
            ),
            ("es", ", según la policía.", description("la policía")),
            ("es", ", dijo.", Some(Speaker::Omitted)),
            ("it", ", ha detto Giorgia Meloni.", name("Giorgia Meloni")),
            (
                "pt",
                ", disse o ministro Fernando Haddad.",
                name("Fernando Haddad"),
            ),
            ("nl", ", aldus Mark Rutte.", name("Mark Rutte")),
            ("de", ", sagt Dr. Gernot Jäger.", name("Gernot Jäger")),
            (
                "de",
                ", sagte der angeblich moderate Mann.",
                description("der angeblich moderate Mann"),
            ),
            (
                "de",
                ", sagte der angeblich „moderate“",
                Some(Speaker::Nobody),
            ),
            (
                "de",
                ", sagte der Experte und Autor.",
                description("der Experte"),
            ),
            (
                "de",
                ", sagte der Berner Gesundheits- und Fürsorgedirektor.",
                Some(Speaker::Nobody),
            ),
            (
                "fr",
                ", a déclaré la ministre et députée.",
                description("la ministre"),
            ),
            (
                "de",
                ", erklärt Ernährungsberaterin und Autorin Rhiannon Lambert.",
                name("Rhiannon Lambert"),
            ),
            (
                "de",
                ", sagte Liverpools Trainer Jürgen Klopp.",
                name("Jürgen Klopp"),
            ),
            (
                "de",
                ", sagte Kapitän Virgil van Dijk.",
                name("Virgil van Dijk"),
            ),
            (
                "de",
                ", sagt der junge Polizist, der …",
                description("der junge Polizist"),
            ),
            (
                "fr",
                ", a déclaré le président Emmanuel Macron.",
                name("Emmanuel Macron"),
            ),
            (
                "de",
                ", sagte der rechte AfD-Aktivist Thomas Matzke.",
                name("Thomas Matzke"),
            ),
            (
                "de",
                ", sagte der neue Präsident Rainer de Meijer.",
                name("Rainer de Meijer"),
            ),
            ("fr", ", a déclaré Mme Vasseur.", name("Vasseur")),
            ("es", ", dijo la Sra. Ana Pérez.", name("Ana Pérez")),
            ("de", ", fügte Jakobs hinzu.", name("Jakobs")),
            (
                "de",
                ", teilte eine Sprecherin auf Anfrage mit.",
                description("eine Sprecherin"),
            ),
            (
                "de",
                ", fügt der Sprecher der Stadt hinzu.",
                description("der Sprecher der Stadt"),
            ),
            ("nl", ", voegde Mark Rutte eraan toe.", name("Mark Rutte")),
            ("nl", ", voegde Mark Rutte toe.", name("Mark Rutte")),
            ("de", ", sagt Sheib ad-Din.", name("Sheib ad-Din")),
            (
                "de",
                ", sagte der dreimalige Weltmeister Peter Sagan.",
                name("Peter Sagan"),
            ),
            ("de", ", betonte Rektor Eichlseder.", name("Eichlseder")),
            // A name runs into other capitalised words, a bracket, a
            // lower-case title.
            (
                "de",
                ", sagte Anna Müller Anfang März.",
                name("Anna Müller"),
            ),
            (
                "de",
                ", sagte Scholz Journalisten in Berlin.",
                name("Scholz"),
            ),
            ("de", ", sagte Scholz Ende März.", name("Scholz")),
            (
                "de",
                ", sagte Gesundheitsminister Karl Lauterbach (SPD) der Zeitung.",
                name("Karl Lauterbach"),
            ),
            (
                "it",
                ", ha dichiarato Matteo Salvini (Lega) a Porta a Porta.",
                name("Matteo Salvini"),
            ),
            (
                "it",
                ", ha detto il presidente della Regione Emilia Romagna Stefano Bonaccini.",
                name("Stefano Bonaccini"),
            ),
            (
                "nl",
                ", zei burgemeester Femke Halsema.",
                name("Femke Halsema"),
            ),
            (
                "fr",
                ", a déclaré à l’AFP Jean Dupont, porte-parole du parti.",
                name("Jean Dupont"),
            ),
            (
                "pt",
                ", disse o governador de Santa Catarina, Jorge Mello.",
                name("Jorge Mello"),
            ),
            (
                "es",
                ", dijo la presidenta de la Comunidad de Madrid, Isabel Díaz Ayuso.",
                name("Isabel Díaz Ayuso"),
            ),
            // An appositive without a known first name stays unread.
            (
                "pt",
                ", disse o governador de Santa Catarina, Jorginho Mello.",
                description("o governador de Santa Catarina"),
            ),
            (
                "es",
                ", dijo a EFE el portavoz del partido, Juan Pérez.",
                name("Juan Pérez"),
            ),
            (
                "de",
                ", sagte der 31-Jährige.",
                description("der 31-Jährige"),
            ),
            (
                "de",
                ", berichtet die Newcomerin von den Dreharbeiten.",
                description("die Newcomerin"),
            ),
            // No cue: not an attribution.
            ("de", " und die Opposition kritisierte den Plan.", None),
            ("fr", ", et le débat continue.", None),
        ];
        for (language, text, speaker) in cases {
            assert_eq!(after(language, text), speaker, "{language}: {text}");
        }
    }

    #[test]
    fn before_the_quote() {
        assert_eq!(before("de", "Jakobs sagte: "), name("Jakobs"));
        assert_eq!(
            before("de", "Am Montag sagte Jann Jakobs: "),
            name("Jann Jakobs")
        );
        assert_eq!(before("de", "Am Montag sagte er: "), Some(Speaker::Pronoun));
        assert_eq!(
            before("de", "Der Oberbürgermeister sagte: "),
            description("Der Oberbürgermeister")
        );
        assert_eq!(before("de", "Auch heute sagte: "), None);
        assert_eq!(
            before("fr", "Le ministre a déclaré : "),
            description("Le ministre")
        );
        assert_eq!(
            before("fr", "Emmanuel Macron a déclaré : "),
            name("Emmanuel Macron")
        );
        assert_eq!(
            before("es", "Según el ministro, "),
            description("el ministro")
        );
        assert_eq!(before("es", "Ella dijo: "), Some(Speaker::Pronoun));
        assert_eq!(before("de", "Die Zahlen sind gut und "), None);
        assert_eq!(before("de", "Loriot erklärte seine Vorgehensweise: "), None);
        assert_eq!(
            before(
                "de",
                "Konstantin Veit vom Vermögensverwalter Pimco betont: "
            ),
            name("Konstantin Veit")
        );
        assert_eq!(
            before("de", "Eine Studie vom Institut Ifo betont: "),
            description("Eine Studie")
        );
        assert_eq!(
            before("de", "wie Foucault 1982 in einer Vorlesung sagte, "),
            None
        );
        assert_eq!(
            before(
                "de",
                "Im Buch ist eine Kritik enthalten, beispielsweise heißt es: "
            ),
            None
        );
        assert_eq!(
            before("de", ", so der Experte und erklärt: "),
            description("der Experte")
        );
        assert_eq!(
            before(
                "de",
                "Aus der Fraktion heißt es, Seifen habe gewählt werden müssen, "
            ),
            None
        );
    }
}
