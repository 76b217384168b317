/*!
Extraction: the structure and the facts of a cleaned article.

Given the body lines that cleanup kept, an [`Extractor`] finds the headline,
the dateline (`WASHINGTON (Reuters) –`, `LONDON, May 5 (AP) -`,
`BEIJING, March 3 (Xinhua) --`), the wire agency, in-article subheadings and
the body paragraphs. [`Extractor::credits`] reads the names out of credit
lines and bylines (`(Reporting by A and B; Editing by C)`, `By NAME`), which
cleanup removed from the body but kept for this purpose.

[`Extractor::facts`] then reads what the article says: direct quotations and
who said them, the people, places and organisations it names (each once, in
its fullest form, with mention counts) and the dates it mentions.
[`Extractor::quality`] scores how clean and complete the article looks. No
model is involved: patterns, cue words and gazetteers compiled into the crate
from the data files in `data/` (sources in `data/SOURCES.md`). Speakers are
read from English attributions in full, and from the attribution right
after or before a quote in German, French, Spanish, Italian, Portuguese and
Dutch (`„…“, sagte Jann Jakobs`); most entity cues are English, so other
languages get the entities the gazetteers name.

The extractor holds compiled patterns and word lists: build it once and
share it.

# Example

```
use newsclean_extract::Extractor;

let extractor = Extractor::new();
let lines = [
    "Talks resume in Vienna",
    "VIENNA, May 5 (Reuters) - Negotiators met again on Friday to discuss the next round of talks.",
    "What comes next",
    "Both sides said they would meet again within a month, officials told reporters on Friday.",
];
let article = extractor.extract(&lines);
assert_eq!(article.title.as_deref(), Some("Talks resume in Vienna"));
let dateline = article.dateline.as_ref().unwrap();
assert_eq!(dateline.location.as_deref(), Some("VIENNA"));
assert_eq!(dateline.date.as_deref(), Some("May 5"));
assert_eq!(article.agency.as_deref(), Some("Reuters"));
assert_eq!(article.subheadings, ["What comes next"]);
assert_eq!(article.paragraphs.len(), 2);

let credits = extractor.credits("(Reporting by Jane Doe and John Roe; Editing by Ann Lee)");
assert_eq!(credits.reporters, ["Jane Doe", "John Roe"]);
assert_eq!(credits.editors, ["Ann Lee"]);

let body = [
    "Headline",
    "Andy Vesey, the company's chief executive, spoke in San Francisco on Friday.",
    "“We won’t roll the dice on public safety,” Vesey said.",
];
let article = extractor.extract(&body);
let facts = extractor.facts(&article, Some("en"), None);
assert_eq!(facts.quotes[0].speaker.as_deref(), Some("Andy Vesey"));
assert_eq!(facts.entities.people[0].name, "Andy Vesey");
assert_eq!(facts.entities.people[0].mentions, 2);
assert_eq!(facts.entities.places[0].name, "San Francisco");
```
*/

#![deny(missing_docs)]

mod credits;
mod cues;
mod dateline;
mod dates;
mod entities;
mod lexicon;
mod quality;
mod quotes;
mod sentences;
mod structure;
mod tokens;

use newsclean_model::{Credits, DateMention, Dateline, Entities, Quality, Quote};

pub use quality::QualityInput;

/// Hash maps and sets of the hot paths (lookups per word and per line):
/// foldhash instead of SipHash, still seeded per process. Nothing depends
/// on their iteration order (SipHash's was random per run already).
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// See [`HashMap`].
pub(crate) type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// What an article says: quotes, names and dates.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// Direct quotations with their speakers.
    pub quotes: Vec<Quote>,
    /// People, places and organisations, each once, in its fullest form.
    pub entities: Entities,
    /// Dates written in the body.
    pub dates: Vec<DateMention>,
}

/// The structure found in an article's body lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Article {
    /// Headline, when the first line is one.
    pub title: Option<String>,
    /// Dateline of the lead paragraph.
    pub dateline: Option<Dateline>,
    /// Wire agency named in the dateline, or signing the story off at the
    /// end of its last paragraph (`… into the US. PTI`).
    pub agency: Option<String>,
    /// Section headings inside the body.
    pub subheadings: Vec<String>,
    /// Body paragraphs (headline and subheadings excluded).
    pub paragraphs: Vec<String>,
}

/// Finds headline, dateline, subheadings and credits. Build once, share
/// across threads.
pub struct Extractor {
    datelines: dateline::DatelineParser,
    credits: credits::CreditParser,
    lexicon: lexicon::Lexicon,
    dates: dates::DateFinder,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// Compiles the extractor's patterns.
    pub fn new() -> Extractor {
        Extractor {
            datelines: dateline::DatelineParser::new(),
            credits: credits::CreditParser::new(),
            lexicon: lexicon::Lexicon::new(),
            dates: dates::DateFinder::new(),
        }
    }

    /// Splits body lines into headline, subheadings and paragraphs, and reads
    /// the dateline of the lead.
    pub fn extract<S: AsRef<str>>(&self, lines: &[S]) -> Article {
        let lines: Vec<&str> = lines.iter().map(|l| l.as_ref()).collect();
        let mut article = Article::default();
        let mut body = &lines[..];
        // A lead opens with a wire's dateline or a known place's (`KYIV,
        // Ukraine — …`); a headline may open with capitals and a dash
        // (`TV-TIPP – ARD-Doku …`, `NWO – …`).
        let wire_lead = |l: &str| {
            self.dateline(l).is_some_and(|d| {
                d.agency.is_some()
                    || d.location
                        .as_deref()
                        .is_some_and(|loc| self.lexicon.places.contains(town(loc)))
            })
        };
        if structure::is_headline(&lines, wire_lead) {
            article.title = Some(lines[0].to_string());
            body = &lines[1..];
        }
        for (i, line) in body.iter().enumerate() {
            if structure::is_subheading(body, i) {
                article.subheadings.push(line.to_string());
            } else {
                article.paragraphs.push(line.to_string());
            }
        }
        // The dateline opens the lead; a kicker or standfirst may come first.
        article.dateline = article
            .paragraphs
            .iter()
            .take(3)
            .enumerate()
            .find_map(|(i, p)| self.dateline_of(p, i == 0));
        article.agency = article
            .dateline
            .as_ref()
            .and_then(|d| d.agency.clone())
            .or_else(|| {
                let last = article.paragraphs.last()?;
                dateline::signoff(last, &self.lexicon.agencies).map(str::to_string)
            });
        article
    }

    /// Parses the dateline at the start of `paragraph`, if there is one.
    pub fn dateline(&self, paragraph: &str) -> Option<Dateline> {
        self.dateline_of(paragraph, true)
    }

    /// `lead`: the paragraph opens the article (see
    /// [`dateline::DatelineParser::parse_with_places`]).
    fn dateline_of(&self, paragraph: &str, lead: bool) -> Option<Dateline> {
        self.datelines.parse_with_places(
            paragraph,
            |p| self.lexicon.places.contains(p),
            |a| self.lexicon.agencies.contains(a),
            lead,
        )
    }

    /// The reporters a wire lead names in its dateline, as Chinese, Korean
    /// and Japanese copy does.
    ///
    /// ```
    /// let extractor = newsclean_extract::Extractor::new();
    /// let dateline = extractor.dateline("新华社北京3月4日电（记者张伟、李娜）北京地铁新线4日开通。").unwrap();
    /// assert_eq!(dateline.agency.as_deref(), Some("新华社"));
    /// assert_eq!(extractor.dateline_reporters(&dateline), ["张伟", "李娜"]);
    /// ```
    pub fn dateline_reporters(&self, dateline: &Dateline) -> Vec<String> {
        dateline::lead_reporters(&self.datelines, dateline)
    }

    /// Reads reporters and editors from a credit line or byline.
    pub fn credits(&self, line: &str) -> Credits {
        self.credits.parse(line)
    }

    /// The outlet a `Name, Outlet job title` byline names (`Caroline
    /// Hawley, BBC diplomatic correspondent` → `BBC`): an acronym or a
    /// known news agency right after the comma, by its short name.
    ///
    /// ```
    /// let extractor = newsclean_extract::Extractor::new();
    /// let outlet = |line| extractor.credit_outlet(line);
    /// assert_eq!(outlet("By Jane Doe, The Associated Press").as_deref(), Some("AP"));
    /// assert_eq!(outlet("Ann Lee, BBC diplomatic correspondent").as_deref(), Some("BBC"));
    /// assert_eq!(outlet("Ann Lee, staff writer"), None);
    /// ```
    pub fn credit_outlet(&self, line: &str) -> Option<String> {
        let outlet = credits::outlet(line, &self.lexicon.agencies)?;
        Some(self.short_agency_name(outlet))
    }

    /// The name datelines and sign-offs use (`AP`, not `Associated Press`).
    fn short_agency_name(&self, name: String) -> String {
        self.lexicon
            .agency_short_names
            .get(&name)
            .cloned()
            .unwrap_or(name)
    }

    /// The news agency that `source` is, or leads with (`PAP`, `dpa/lno`,
    /// `Agencia EFE`, `Reuters, AFP`): the wire a story came from, as a
    /// source line labels it (`Źródło: PAP`). In the short name datelines
    /// use.
    pub fn agency_in(&self, source: &str) -> Option<String> {
        let first = source
            .split([',', '/', ';', '|', '(', ')'])
            .map(str::trim)
            .find(|part| !part.is_empty())?
            .trim_end_matches('.');
        // The first of two wires (`EFE y Reuters`, `dpa und AFP`).
        let first = [" y ", " e ", " and ", " und ", " et ", " i ", " en "]
            .iter()
            .filter_map(|and| first.split_once(and).map(|(a, _)| a))
            .min_by_key(|a| a.len())
            .unwrap_or(first)
            .trim();
        // (Danish stories sign off in lower case: `/ritzau/`.)
        let capitalised = first
            .chars()
            .all(|c| c.is_lowercase())
            .then(|| {
                let mut chars = first.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            })
            .flatten();
        let name = self
            .lexicon
            .agencies
            .get(first)
            .or_else(|| self.lexicon.agencies.get(capitalised.as_deref()?))?;
        Some(self.short_agency_name(name.to_string()))
    }

    /// The author's name when `line` is only that: a signature under an
    /// article (`Marina Mucha`, `— Denis Clerc`). Two or three capitalised
    /// words, the first a known given name; no figures, no sentence.
    pub fn signature(&self, line: &str) -> Option<String> {
        credits::signature(line, &self.lexicon.given_names)
    }

    /// Quotes with speakers, named entities and dates of an article's body.
    ///
    /// `language` is the ISO 639-1 code of the text (English when `None`):
    /// it picks how attributions are read (English, or the cues of
    /// `data/lexicon/speech-cues.txt`; a language with neither gets quotes
    /// without speakers), and, most entity cues being English, other
    /// languages get only the entities the gazetteers name and the people
    /// quoted by full name. `year` (of
    /// publication, when known) completes dates written without one.
    pub fn facts(&self, article: &Article, language: Option<&str>, year: Option<i32>) -> Facts {
        let english = language.is_none_or(|l| l == "en");
        let mut found = self.found(&article.paragraphs, english, article.dateline.as_ref());
        if let Some(title) = &article.title {
            found.complete_from_title(&self.lexicon, title);
        }
        let quotes = quotes::find(&self.lexicon, &article.paragraphs, &found, language);
        let mut entities = found.into_entities();
        if !english && let Some(cues) = language.and_then(|l| self.lexicon.speech_cues.get(l)) {
            // Where entity cues are English only, the people quoted by name
            // are the people the text is sure to name.
            for person in quotes::speakers_named(&self.lexicon, cues, &quotes, &article.paragraphs)
            {
                if !entities.people.iter().any(|p| p.name == person.name) {
                    entities.people.push(person);
                }
            }
        }
        Facts {
            quotes,
            entities,
            dates: self.dates.find(&article.paragraphs, year),
        }
    }

    /// The entities of `paragraphs` and their sentences, a lead's dateline
    /// (`WASHINGTON (AP) —`) set apart from its first sentence: where a
    /// story comes from is no part of who speaks in it.
    pub(crate) fn found(
        &self,
        paragraphs: &[String],
        english: bool,
        dateline: Option<&Dateline>,
    ) -> entities::Found {
        let mut found = entities::find(&self.lexicon, paragraphs, english);
        // (The paragraph `extract` read it from: one of the first three.)
        if let Some(d) = dateline
            && let Some(p) = paragraphs
                .iter()
                .take(3)
                .position(|p| p.starts_with(&d.text))
        {
            found.start_after(p, d.text.len());
        }
        // (Set in capitals, or known: a title-case phrase before brackets,
        // `Simple Hiking Survival Kit (with Kids)`, may be a page's title.)
        if let Some(loc) = dateline.and_then(|d| d.location.as_deref()) {
            let place = town(loc);
            if !place.chars().any(char::is_lowercase) || self.lexicon.places.contains(place) {
                found.dateline_place(place);
            }
        }
        found
    }

    /// Quality signals and a 0–1 score for an article.
    pub fn quality(&self, article: &Article, input: QualityInput) -> Quality {
        quality::assess(
            &self.lexicon,
            &article.paragraphs,
            article.title.is_some(),
            input,
        )
    }

    /// The publication date (ISO 8601) a dateline gives, when it has a year.
    pub fn dateline_date(&self, dateline: &Dateline) -> Option<String> {
        dateline
            .date
            .as_deref()
            .and_then(|d| dates::dateline_iso(&self.dates, d))
    }

    /// Splits text into sentences, aware of abbreviations (`Mr.`, `U.S.`,
    /// `Jan.`), initials and decimals.
    pub fn sentences<'a>(&self, text: &'a str) -> Vec<&'a str> {
        sentences::split(text, &self.lexicon.abbreviations)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }
}

/// The town of a dateline's place (`HANOI` of `HANOI, Vietnam`).
fn town(location: &str) -> &str {
    location.split(',').next().unwrap_or(location).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_takes_the_full_name_the_headline_gives() {
        let extractor = Extractor::new();
        let people = |title: &str| {
            let article = extractor.extract(&[
                title,
                "“We will finish the show tomorrow,” Weaver said after protesters stormed the stage.",
            ]);
            let facts = extractor.facts(&article, Some("en"), None);
            facts
                .entities
                .people
                .into_iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            people("Two arrested after protest at Sigourney Weaver play"),
            ["Sigourney Weaver"]
        );
        // In a headline in title case, only a known given name counts.
        assert_eq!(people("Protest Stops Play At Weaver Theatre"), ["Weaver"]);
        assert_eq!(
            people("Protest Stops Play Starring Susan Weaver"),
            ["Susan Weaver"]
        );
        // A title or a role is no first name, nor a question's first word;
        // a surname the headline also gives alone may be another person.
        for title in [
            "Tesla CEO Weaver says the show must go on",
            "Texas Governor Weaver sends help to the theatre",
            "Will Weaver finish the show tomorrow?",
            "Will Weaver Finish The Show? Here Is What We Know",
            "Susan Weaver quits: Weaver says the show will go on",
            "Venus and Serena Weaver to play doubles at Wimbledon",
        ] {
            assert_eq!(people(title), ["Weaver"], "{title}");
        }
    }

    #[test]
    fn a_headline_may_open_with_capitals_and_a_dash_but_a_wire_lead_is_no_headline() {
        let extractor = Extractor::new();
        let lead = "The comedian's sketches and films are shown again in a long evening on the first channel.";
        let article = extractor.extract(&["TV-TIPP – ARD-Doku zum 100. Geburtstag", lead]);
        assert_eq!(
            article.title.as_deref(),
            Some("TV-TIPP – ARD-Doku zum 100. Geburtstag")
        );
        assert!(article.dateline.is_none());
        let article = extractor.extract(&["WASHINGTON (Reuters) - Talks resume", lead]);
        assert_eq!(article.title, None);
        assert_eq!(
            article.dateline.and_then(|d| d.agency).as_deref(),
            Some("Reuters")
        );
        // A dateline's place is a place, whatever its shape.
        let article = extractor.extract(&[
            "Raid in Thane",
            "THANE: Police arrested two men on Monday after a raid.",
        ]);
        let facts = extractor.facts(&article, None, None);
        assert_eq!(facts.entities.places[0].name, "THANE");
        assert!(facts.entities.organizations.is_empty());
        // Named nowhere else, or unknown to the gazetteer, it is still one.
        let article = extractor.extract(&[
            "Cyclist wins stage",
            "PLATEAU DE BEILLE, France (AP) — The Colombian won the stage on Sunday.",
        ]);
        let facts = extractor.facts(&article, None, None);
        let places: Vec<&str> = facts
            .entities
            .places
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert!(places.contains(&"Plateau De Beille"), "{places:?}");
        // So does a known place's, without an agency.
        let article = extractor.extract(&["KYIV, Ukraine — Russia launches drones at Kyiv", lead]);
        assert_eq!(article.title, None);
    }

    #[test]
    fn article_and_facts_serialise() {
        let extractor = Extractor::new();
        let article = extractor.extract(&[
            "Talks resume",
            "LONDON (Reuters) - “We are ready,” said Jane Smith, the minister.",
        ]);
        let facts = extractor.facts(&article, Some("en"), Some(2024));
        let article = serde_json::to_value(&article).unwrap();
        assert_eq!(article["title"], "Talks resume");
        assert_eq!(article["dateline"]["agency"], "Reuters");
        let facts = serde_json::to_value(&facts).unwrap();
        assert_eq!(facts["quotes"][0]["speaker"], "Jane Smith");
    }
}
