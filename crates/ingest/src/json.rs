//! JSON and JSON Lines records: which field holds what.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::document::{Format, Meta};

/// Which JSON fields hold an article's text and metadata.
///
/// Each role has a list of candidate field names, tried in order; the first
/// present (and non-null) wins. A name may be a dotted path into nested
/// objects (`article.body`). The defaults cover common dumps
/// (news-please, newspaper3k, CC-NEWS extractions, RSS exports).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMap {
    /// Article text (a string, or an array of paragraph strings).
    pub text: Vec<String>,
    /// Headline.
    pub title: Vec<String>,
    /// URL.
    pub url: Vec<String>,
    /// Publication date (a string, or a Unix timestamp in seconds or milliseconds).
    pub published: Vec<String>,
    /// The record's own id.
    pub id: Vec<String>,
    /// Authors (a string, an array of strings, or objects with a `name`).
    pub authors: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

impl Default for FieldMap {
    fn default() -> FieldMap {
        FieldMap {
            text: names(&[
                "text",
                "content",
                "body",
                "maintext",
                "articleBody",
                "article_body",
            ]),
            title: names(&["title", "headline"]),
            url: names(&["url", "link", "source_url"]),
            published: names(&[
                "published",
                "date",
                "date_publish",
                "published_at",
                "datePublished",
                "pubDate",
            ]),
            id: names(&["id", "guid", "_id"]),
            authors: names(&["authors", "author", "byline"]),
        }
    }
}

/// A `--field ROLE=NAME` specification that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "bad field mapping {spec:?}: expected ROLE=NAME[,NAME…] with ROLE one of text, title, url, published, id, authors"
)]
pub struct FieldMapError {
    /// The specification as given.
    pub spec: String,
}

impl FieldMap {
    /// Applies `ROLE=NAME[,NAME…]` (`text=body`, `published=meta.date`):
    /// the role's candidates become exactly the given names.
    pub fn set(&mut self, spec: &str) -> Result<(), FieldMapError> {
        let err = || FieldMapError {
            spec: spec.to_string(),
        };
        let (role, list) = spec.split_once('=').ok_or_else(err)?;
        let list: Vec<String> = list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if list.is_empty() {
            return Err(err());
        }
        let slot = match role.trim() {
            "text" => &mut self.text,
            "title" => &mut self.title,
            "url" => &mut self.url,
            "published" | "date" => &mut self.published,
            "id" => &mut self.id,
            "authors" | "author" => &mut self.authors,
            _ => return Err(err()),
        };
        *slot = list;
        Ok(())
    }

    /// The record's id, if it has one (used to label errors in streams).
    pub fn id_of(&self, value: &Value) -> Option<String> {
        first(value, &self.id).and_then(scalar)
    }

    /// Parses one JSON record, keeping only the fields this map reads: the
    /// rest is skipped as it is read, never built. A record's size in
    /// memory is that of its article, not of all it carries (a crawler's
    /// tracking data, a page's whole DOM). Anything that is not an object
    /// keeps only its kind, for [`json_article`]'s message.
    ///
    /// ```
    /// use newsclean_ingest::{FieldMap, json_article};
    ///
    /// let fields = FieldMap::default();
    /// let record = br#"{"title": "Rates rise", "text": "Body.", "dom": [[1, 2], {"x": 3}]}"#;
    /// let value = fields.parse(record).unwrap();
    /// assert!(value.get("dom").is_none());
    /// assert_eq!(json_article(&value, &fields).unwrap().text, "Rates rise\n\nBody.");
    /// ```
    pub fn parse(&self, json: &[u8]) -> serde_json::Result<Value> {
        let paths: Vec<&str> = [
            &self.text,
            &self.title,
            &self.url,
            &self.published,
            &self.id,
            &self.authors,
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
        let strict = Self::pruned(
            json,
            Pruned {
                paths: &paths,
                lenient: false,
            },
        );
        // A field's value JSON cannot hold (`1e400` overflows a double)
        // costs that field, not the record.
        strict.or_else(|err| {
            Self::pruned(
                json,
                Pruned {
                    paths: &paths,
                    lenient: true,
                },
            )
            .map_err(|_| err)
        })
    }

    fn pruned(json: &[u8], seed: Pruned<'_>) -> serde_json::Result<Value> {
        let mut de = serde_json::Deserializer::from_slice(json);
        let value = seed.deserialize(&mut de)?;
        de.end()?;
        Ok(value)
    }
}

/// A JSON value with only the objects' fields on `paths` (dotted, relative
/// to the value) built; a field a path ends at is built whole. A lenient
/// one leaves out a number that does not build (out of range) instead of
/// failing.
struct Pruned<'p> {
    paths: &'p [&'p str],
    lenient: bool,
}

impl<'de> DeserializeSeed<'de> for Pruned<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Pruned<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_json::Map::new();
        // Each path's first name and the rest, split once per object.
        let split: Vec<(&str, Option<&str>)> = self
            .paths
            .iter()
            .map(|path| match path.split_once('.') {
                Some((head, rest)) => (head, Some(rest)),
                None => (*path, None),
            })
            .collect();
        let mut inner: Vec<&str> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            inner.clear();
            let mut whole = false;
            for &(head, rest) in &split {
                if head == key {
                    match rest {
                        Some(rest) => inner.push(rest),
                        None => whole = true,
                    }
                }
            }
            if whole && self.lenient {
                let raw = map.next_value::<Box<RawValue>>()?;
                match serde_json::from_str::<Value>(raw.get()) {
                    Ok(value) => {
                        out.insert(key, value);
                    }
                    // Only a number is let go, alone or inside the field
                    // (`"authors": ["A", 1e400]`): a broken string is
                    // mended (or reported) by the reader.
                    Err(err)
                        if raw
                            .get()
                            .starts_with(|c: char| c == '-' || c.is_ascii_digit())
                            || err.to_string().starts_with("number out of range") => {}
                    Err(err) => return Err(serde::de::Error::custom(err)),
                }
            } else if whole {
                let value = map.next_value::<Value>()?;
                out.insert(key, value);
            } else if !inner.is_empty() {
                let seed = Pruned {
                    paths: &inner,
                    lenient: self.lenient,
                };
                let value = map.next_value_seed(seed)?;
                out.insert(key, value);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Value::Object(out))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Array(Vec::new()))
    }

    fn visit_str<E>(self, _: &str) -> Result<Value, E> {
        Ok(Value::String(String::new()))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
}

/// A JSON article turned into a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonArticle {
    /// The text (UTF-8), headline first when the input gave one apart.
    pub text: String,
    /// Text or HTML.
    pub format: Format,
    /// Metadata from the other fields.
    pub meta: Meta,
}

/// Turns one JSON value into an article using `fields`.
///
/// Fails (with a reason) when the value is not an object or has no text
/// field. When the input gives a title that the text does not start with,
/// the title is put in front of plain text as its first line, so cleanup and
/// extraction see the article as a page shows it.
pub fn json_article(value: &Value, fields: &FieldMap) -> Result<JsonArticle, String> {
    if !value.is_object() {
        return Err(format!(
            "JSON record is {}, not an article object",
            kind(value)
        ));
    }
    let text = match first(value, &fields.text) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n\n"),
        Some(other) => return Err(format!("text field is {}, not a string", kind(other))),
        None => {
            return Err(format!(
                "no article text (looked for {})",
                fields.text.join(", ")
            ));
        }
    };
    let meta = Meta {
        id: fields.id_of(value),
        url: first(value, &fields.url).and_then(scalar),
        title: first(value, &fields.title)
            .and_then(scalar)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        published: first(value, &fields.published).and_then(date),
        authors: first(value, &fields.authors).map_or_else(Vec::new, authors),
        ..Meta::default()
    };
    let trimmed = text.trim_start();
    let format = if trimmed.starts_with('<') && trimmed.contains('>') {
        Format::Html
    } else {
        Format::Text
    };
    let text = match (&meta.title, format) {
        (Some(title), Format::Text)
            if trimmed.lines().next().map(str::trim) != Some(title.as_str()) =>
        {
            format!("{title}\n\n{text}")
        }
        _ => text,
    };
    Ok(JsonArticle { text, format, meta })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The first of `names` present and not null in `value`.
fn first<'v>(value: &'v Value, names: &[String]) -> Option<&'v Value> {
    names.iter().find_map(|name| {
        let mut v = value;
        for part in name.split('.') {
            v = v.get(part)?;
        }
        (!v.is_null()).then_some(v)
    })
}

/// A string or number as a string.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Authors kept from one record: a list longer than this is no byline (a
/// malformed or hostile record), and each name is copied into the record.
const MAX_AUTHORS: usize = 100;

fn authors(value: &Value) -> Vec<String> {
    let one = |v: &Value| {
        match v {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Object(_) => v.get("name").and_then(Value::as_str).map(str::to_string),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    };
    match value {
        Value::Array(items) => items.iter().filter_map(one).take(MAX_AUTHORS).collect(),
        other => one(other).into_iter().collect(),
    }
}

/// Unix times a news article may carry: the years 1900 to 2200.
const DATE_SECONDS: std::ops::RangeInclusive<i64> = -2_208_988_800..=7_258_118_400;

/// A date field: strings as given, Unix timestamps (seconds, or
/// milliseconds when seconds would fall outside the years 1900 to 2200) as
/// ISO 8601 UTC; a number that is neither is no date.
fn date(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => {
            let secs = n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.is_finite() && f.abs() < 1e17)
                    .map(|f| f as i64)
            })?;
            [secs, secs / 1000]
                .into_iter()
                .find(|s| DATE_SECONDS.contains(s))
                .map(iso_utc)
        }
        other => scalar(other),
    }
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC).
fn iso_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_find_common_fields() {
        let v = json!({"headline": "Rates rise", "maintext": "Body.", "link": "https://x/1",
                       "date_publish": "2023-05-11 10:00:00", "guid": 42,
                       "authors": ["Ann Lee", {"name": "Bo Chan"}]});
        let a = json_article(&v, &FieldMap::default()).unwrap();
        assert_eq!(a.text, "Rates rise\n\nBody.");
        assert_eq!(a.format, Format::Text);
        assert_eq!(a.meta.title.as_deref(), Some("Rates rise"));
        assert_eq!(a.meta.url.as_deref(), Some("https://x/1"));
        assert_eq!(a.meta.published.as_deref(), Some("2023-05-11 10:00:00"));
        assert_eq!(a.meta.id.as_deref(), Some("42"));
        assert_eq!(a.meta.authors, ["Ann Lee", "Bo Chan"]);
    }

    #[test]
    fn mapping_overrides_and_nested_paths() {
        let mut fields = FieldMap::default();
        fields.set("text=article.words").unwrap();
        fields.set("published=ts").unwrap();
        let v =
            json!({"text": "ignored", "article": {"words": ["One.", "Two."]}, "ts": 1683800000});
        let a = json_article(&v, &fields).unwrap();
        assert_eq!(a.text, "One.\n\nTwo.");
        assert_eq!(a.meta.published.as_deref(), Some("2023-05-11T10:13:20Z"));
        assert!(fields.set("colour=red").is_err());
        assert!(fields.set("text=").is_err());
    }

    #[test]
    fn non_articles_are_refused_and_html_is_recognised() {
        let f = FieldMap::default();
        assert!(json_article(&json!([1]), &f).unwrap_err().contains("array"));
        assert!(
            json_article(&json!({"x": 1}), &f)
                .unwrap_err()
                .contains("no article text")
        );
        let a = json_article(&json!({"content": "<p>Hi</p>", "title": "T"}), &f).unwrap();
        assert_eq!((a.format, a.text.as_str()), (Format::Html, "<p>Hi</p>"));
    }

    #[test]
    fn parsing_keeps_only_the_fields_the_map_reads() {
        let mut fields = FieldMap::default();
        fields.set("text=article.words").unwrap();
        let record = br#"{"article": {"words": ["One.", "Two."], "dom": {"a": [1]}},
            "title": "T", "authors": [{"name": "Ann Lee", "x": 1}], "tracking": [{"k": 1}, 2],
            "url": null, "id": 7, "guid": "g"}"#;
        let value = fields.parse(record).unwrap();
        assert_eq!(
            value,
            json!({"article": {"words": ["One.", "Two."]}, "title": "T",
                   "authors": [{"name": "Ann Lee", "x": 1}], "url": null, "id": 7, "guid": "g"})
        );
        // What is not an object keeps its kind; bad JSON is still an error.
        assert_eq!(fields.parse(b"[1, 2]").unwrap(), json!([]));
        assert_eq!(fields.parse(b"\"text\"").unwrap(), json!(""));
        assert!(fields.parse(br#"{"title": "T"} x"#).is_err());
        assert!(fields.parse(br#"{"tracking": [1, }"#).is_err());
    }

    #[test]
    fn a_number_out_of_range_costs_its_field_not_the_record() {
        let fields = FieldMap::default();
        let record = br#"{"text": "Body.", "date": 1e400, "meta": {"n": -1e999}, "id": 3,
            "authors": ["Ann Lee", 1e400]}"#;
        assert_eq!(
            fields.parse(record).unwrap(),
            json!({"text": "Body.", "id": 3})
        );
        // The error of a record that is broken anyway is the strict one.
        let err = fields.parse(br#"{"date": 1e400, "text": "#).unwrap_err();
        assert!(err.to_string().contains("out of range"), "{err}");
    }

    #[test]
    fn epoch_dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(
            date(&json!(1_683_800_000_000i64)).as_deref(),
            Some("2023-05-11T10:13:20Z")
        );
        assert_eq!(
            date(&json!(1_683_800_000)).as_deref(),
            Some("2023-05-11T10:13:20Z")
        );
        // No article's date, in seconds or milliseconds.
        assert_eq!(date(&json!(1e300)), None);
        assert_eq!(date(&json!(-99_999_999_999_999_999i64)), None);
    }
}
