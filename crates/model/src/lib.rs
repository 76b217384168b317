/*!
The record that newsclean produces for one news article, and its parts.

This crate is the stable, dependency-light contract between newsclean's stages
and anyone who reads its output: it holds plain data types with
[`serde`] support and nothing else. A record serialises to one JSON object per
line in `records.jsonl`; the key names are part of the public contract.

# Example

```
use newsclean_model::{Record, Removal, Source};

let mut record = Record::new(Source::new("2023/05/balloon.txt"));
record.title = Some("Balloon talks".to_string());
record.paragraphs.push("WASHINGTON (Reuters) - Officials met.".to_string());
record.removed.push(Removal::new("Leave a Reply", "comment.leave-reply"));

let json = serde_json::to_string(&record)?;
assert!(json.contains(r#""path":"2023/05/balloon.txt""#));
let back: Record = serde_json::from_str(&json)?;
assert_eq!(back, record);
# Ok::<(), Box<dyn std::error::Error>>(())
```
*/

#![deny(missing_docs)]

use serde::{Deserialize, Serialize};

/// Version of the record schema written into every record as `schema`.
///
/// Bumped when a key changes meaning or disappears; new keys do not bump it.
pub const SCHEMA_VERSION: u32 = 2;

/// One cleaned article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Record {
    /// Schema version, see [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Where the article came from.
    pub source: Source,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, ISO 8601 (`2023-05-11` or a full timestamp).
    pub published: Option<String>,
    /// ISO 639-1 language code of the body.
    pub language: Option<String>,
    /// Wire agency or publisher the text comes from (`Reuters`, `AP`, …).
    pub agency: Option<String>,
    /// The lead's dateline (`WASHINGTON (Reuters) –`), when there is one.
    pub dateline: Option<Dateline>,
    /// Bylines and credit lines.
    pub credits: Credits,
    /// In-article section headings, in reading order.
    pub subheadings: Vec<String>,
    /// Clean body paragraphs in reading order (subheadings and credits excluded).
    pub paragraphs: Vec<String>,
    /// Titles of related-article links that were removed from the body.
    pub related: Vec<String>,
    /// Every line or span taken out of the body, with the rule that took it.
    pub removed: Vec<Removal>,
    /// Direct quotations with their speakers.
    pub quotes: Vec<Quote>,
    /// People, places and organisations named in the body.
    pub entities: Entities,
    /// Dates written in the body.
    pub dates: Vec<DateMention>,
    /// Characters repaired in the input, by kind (`mojibake`, `entities`,
    /// `control`, `spaces`, `normalized`); kinds with no repair are left out.
    pub repairs: std::collections::BTreeMap<String, u64>,
    /// Quality signals and score.
    pub quality: Option<Quality>,
    /// Reserved for deduplication (a content fingerprint, hex); not set yet.
    pub fingerprint: Option<String>,
    /// Reserved for deduplication (`source.path` of the canonical copy when
    /// this record is a copy); not set yet.
    pub duplicate_of: Option<String>,
    /// Reserved for deduplication (a story cluster id shared by an original
    /// and its copies); not set yet.
    pub cluster: Option<String>,
}

impl Record {
    /// An empty record for `source`, stamped with the current schema version.
    pub fn new(source: Source) -> Record {
        Record {
            schema: SCHEMA_VERSION,
            source,
            ..Record::default()
        }
    }
}

/// Where a record came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    /// Path relative to the archive root, `/`-separated; `file#N` for the
    /// N-th (0-based) record of a multi-record file.
    pub path: String,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// Character encoding the input was decoded from (WHATWG name, e.g. `UTF-8`).
    pub encoding: Option<String>,
    /// Number of byte sequences that could not be decoded and were replaced.
    pub replaced: u64,
    /// Name of the member inside a tar or zip archive the record came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The input's own id (a JSON `id`/`guid` field, a WARC record id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The article's URL as the input gives it (a JSON field, a WARC target URI).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the page was fetched (a WARC record's date), ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
}

impl Source {
    /// A source for the given relative path.
    pub fn new(path: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            ..Source::default()
        }
    }
}

/// A dateline such as `LONDON, May 5 (AP) -`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dateline {
    /// Place name as written (`WASHINGTON`).
    pub location: Option<String>,
    /// Agency in the dateline (`Reuters`), if any.
    pub agency: Option<String>,
    /// Date as written in the dateline (`May 5`), if any.
    pub date: Option<String>,
    /// The whole dateline as it appears in the lead, separator included.
    pub text: String,
}

/// People named in credit lines and bylines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Credits {
    /// Reporters and writers (`Reporting by …`, `By …`, `Additional reporting by …`).
    pub reporters: Vec<String>,
    /// Editors (`Editing by …`, `Edited by …`).
    pub editors: Vec<String>,
}

impl Credits {
    /// True when no one is credited.
    pub fn is_empty(&self) -> bool {
        self.reporters.is_empty() && self.editors.is_empty()
    }
}

/// A line or span removed from the body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Removal {
    /// The removed text, verbatim.
    pub text: String,
    /// Id of the rule that removed it (`related.see-also`, `class.menu`, …).
    pub rule: String,
}

impl Removal {
    /// A removal of `text` by the rule `rule`.
    pub fn new(text: impl Into<String>, rule: impl Into<String>) -> Removal {
        Removal {
            text: text.into(),
            rule: rule.into(),
        }
    }
}

/// A direct quotation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Quote {
    /// The quoted words without the quote marks.
    pub text: String,
    /// Who said it: a name, an organisation or a description; `None` when unknown.
    pub speaker: Option<String>,
}

/// Named entities mentioned in the body, each in its fullest form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Entities {
    /// People.
    pub people: Vec<Entity>,
    /// Places.
    pub places: Vec<Entity>,
    /// Organisations.
    pub organizations: Vec<Entity>,
}

/// One person, place or organisation, in the fullest form the text gives.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Entity {
    /// The name (`Joe Biden`, not `Biden`; `White House`, not `the White House`).
    pub name: String,
    /// How many times the body names it, in any of its forms.
    pub mentions: u32,
}

/// A date written in the body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DateMention {
    /// The words as written (`May 19-21`, `Thursday`).
    pub text: String,
    /// ISO 8601 date (`2023-05-19`) when the year is known, else `None`.
    pub iso: Option<String>,
}

/// `year-month-day` is a day of the Gregorian calendar (`2024-02-29` is,
/// `2023-02-29` and `2024-13-01` are not): the one check every date of a
/// record passes.
///
/// ```
/// assert!(newsclean_model::is_calendar_date(2024, 2, 29));
/// assert!(!newsclean_model::is_calendar_date(2024, 2, 30));
/// ```
pub fn is_calendar_date(year: i64, month: u32, day: u32) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Quality signals for a record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Quality {
    /// Words in the body.
    pub words: u64,
    /// Sentences in the body.
    pub sentences: u64,
    /// Share of input lines that were removed (0–1).
    pub removed_share: f64,
    /// Characters changed by text repair.
    pub repaired: u64,
    /// One-word sentences left over from machine translation or a broken
    /// scrape (`… superpowers. Thursday.`), as written.
    pub orphans: Vec<String>,
    /// The body stops mid-sentence.
    pub truncated: bool,
    /// Overall score (0–1): higher is cleaner and more complete.
    pub score: f64,
    /// Reasons that lowered the score.
    pub flags: Vec<String>,
}

/// One input that could not be turned into a record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorRecord {
    /// Path relative to the archive root, as in [`Source::path`] (with
    /// `#N` for the N-th record of a multi-record file).
    pub path: String,
    /// 0-based index of the record inside a multi-record file, when the
    /// error concerns one record rather than the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    /// Pipeline stage that failed (`read`, `decompress`, `parse`, `decode`, …).
    pub stage: String,
    /// Human-readable reason.
    pub reason: String,
}

impl ErrorRecord {
    /// An error of `stage` for the input at `path`, not tied to a record index.
    pub fn new(
        path: impl Into<String>,
        stage: impl Into<String>,
        reason: impl Into<String>,
    ) -> ErrorRecord {
        ErrorRecord {
            path: path.into(),
            index: None,
            stage: stage.into(),
            reason: reason.into(),
        }
    }
}

/// `path: stage: reason`, as a log line would say it.
impl std::fmt::Display for ErrorRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.path, self.stage, self.reason)
    }
}

/// So that `?` carries an error record into `Box<dyn Error>` and `anyhow`.
impl std::error::Error for ErrorRecord {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        assert!(is_calendar_date(2000, 2, 29));
        assert!(!is_calendar_date(1900, 2, 29));
        assert!(!is_calendar_date(2023, 2, 29));
        assert!(is_calendar_date(2023, 12, 31));
        assert!(!is_calendar_date(2023, 4, 31));
        assert!(!is_calendar_date(2023, 0, 1));
        assert!(!is_calendar_date(2023, 13, 1));
        assert!(!is_calendar_date(2023, 1, 0));
    }

    #[test]
    fn an_error_record_is_an_error() {
        fn fails() -> Result<(), Box<dyn std::error::Error>> {
            Err(ErrorRecord::new("a/b.txt", "decode", "binary input"))?
        }
        let err = fails().unwrap_err();
        assert_eq!(err.to_string(), "a/b.txt: decode: binary input");
    }

    #[test]
    fn missing_keys_take_defaults() {
        let r: Record = serde_json::from_str(r#"{"source":{"path":"a.txt"}}"#).unwrap();
        assert_eq!(r.source.path, "a.txt");
        assert!(r.paragraphs.is_empty());
        assert_eq!(r.dateline, None);
    }

    #[test]
    fn scorer_keys_are_present() {
        let v = serde_json::to_value(Record::new(Source::new("x"))).unwrap();
        for key in [
            "title",
            "published",
            "paragraphs",
            "subheadings",
            "dateline",
            "agency",
            "credits",
            "related",
            "removed",
            "quotes",
            "entities",
            "language",
            "duplicate_of",
            "cluster",
        ] {
            assert!(v.get(key).is_some(), "missing key {key}");
        }
        assert_eq!(v["schema"], SCHEMA_VERSION);
    }

    /// Every key a record can carry is described in `record.schema.json`.
    #[test]
    fn json_schema_covers_every_key() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../record.schema.json")).unwrap();
        let mut record = Record::new(Source {
            member: Some("m".into()),
            id: Some("i".into()),
            url: Some("u".into()),
            fetched: Some("f".into()),
            ..Source::new("x")
        });
        record.dateline = Some(Dateline::default());
        record.quality = Some(Quality::default());
        record.removed.push(Removal::new("t", "r"));
        record.quotes.push(Quote::default());
        record.dates.push(DateMention::default());
        for list in [
            &mut record.entities.people,
            &mut record.entities.places,
            &mut record.entities.organizations,
        ] {
            list.push(Entity::default());
        }
        fn walk(
            value: &serde_json::Value,
            schema: &serde_json::Value,
            root: &serde_json::Value,
            at: &str,
        ) {
            let schema = match schema.get("$ref").and_then(|r| r.as_str()) {
                Some(r) => &root["$defs"][r.trim_start_matches("#/$defs/")],
                None => schema,
            };
            match value {
                serde_json::Value::Object(map) => {
                    if schema.get("additionalProperties").is_some() {
                        return;
                    }
                    for (key, v) in map {
                        let sub = &schema["properties"][key];
                        assert!(!sub.is_null(), "{at}.{key} is not in record.schema.json");
                        walk(v, sub, root, &format!("{at}.{key}"));
                    }
                }
                serde_json::Value::Array(items) => {
                    for v in items {
                        walk(v, &schema["items"], root, at);
                    }
                }
                _ => {}
            }
        }
        let value = serde_json::to_value(&record).unwrap();
        walk(&value, &schema, &schema, "record");
        assert_eq!(schema["properties"]["schema"]["const"], SCHEMA_VERSION);
    }
}
