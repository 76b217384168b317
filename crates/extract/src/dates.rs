//! Dates written in the text, normalised to ISO 8601 where the year is known.

use newsclean_model::DateMention;
use regex::Regex;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

pub(crate) struct DateFinder {
    /// `May 19-21, 2023`, `Jan. 6`, `May 2023`, `19 May 2023`, `February`,
    /// `Thursday`, `2023-05-11`.
    pattern: Regex,
}

fn month(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == name).map(|&(_, n)| n)
}

impl DateFinder {
    pub(crate) fn new() -> DateFinder {
        let month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)";
        let pattern = format!(
            r"\b(?:(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b|(?P<dm>(?P<d2>\d{{1,2}}) (?P<m2>{month})(?:,? (?P<y2>\d{{4}}))?)|(?P<md>(?P<m1>{month}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s?[-–]\s?\d{{1,2}})?(?:,? (?P<y1>\d{{4}}))?)\b|(?P<my>(?P<m3>{month}) (?P<y3>\d{{4}}))\b|(?P<mo>\b(?:January|February|March|April|June|July|August|September|October|November|December)\b)|(?P<wd>\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b))"
        );
        // The pattern is ASCII: ASCII word boundaries keep it on the fast
        // engines.
        let pattern = pattern.replace(r"\b", r"(?-u:\b)");
        DateFinder {
            pattern: Regex::new(&pattern).unwrap_or_else(|e| panic!("date pattern: {e}")),
        }
    }

    /// Dates in `paragraphs`, each distinct text once, in order. `year` is
    /// the publication year when known: it completes dates written without
    /// one.
    pub(crate) fn find(&self, paragraphs: &[String], year: Option<i32>) -> Vec<DateMention> {
        let mut out: Vec<DateMention> = Vec::new();
        for p in paragraphs {
            // Find first (fast), then read the parts of each match.
            for m in self.pattern.find_iter(p) {
                let Some(c) = self.pattern.captures_at(p, m.start()) else {
                    continue;
                };
                let Some(whole) = c.get(0) else { continue };
                let text = whole.as_str().trim_end_matches(['.', ',']).to_string();
                if out.iter().any(|d| d.text == text) {
                    continue;
                }
                let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<i32>().ok());
                let iso = if c.name("iso").is_some() {
                    match (num("iy"), num("im"), num("id")) {
                        (Some(y), Some(m), Some(d))
                            if newsclean_model::is_calendar_date(y.into(), m as u32, d as u32) =>
                        {
                            c.name("iso").map(|m| m.as_str().to_string())
                        }
                        _ => None,
                    }
                } else if c.name("md").is_some() || c.name("dm").is_some() {
                    let (m, d, y) = if c.name("md").is_some() {
                        ("m1", "d1", "y1")
                    } else {
                        ("m2", "d2", "y2")
                    };
                    let mon = c.name(m).and_then(|x| month(x.as_str()));
                    let day = num(d);
                    let yr = num(y).or(year);
                    match (yr, mon, day) {
                        (Some(y), Some(m), Some(d))
                            if newsclean_model::is_calendar_date(y.into(), m, d as u32) =>
                        {
                            Some(format!("{y:04}-{m:02}-{d:02}"))
                        }
                        _ => None,
                    }
                } else if c.name("my").is_some() {
                    let mon = c.name("m3").and_then(|x| month(x.as_str()));
                    match (num("y3"), mon) {
                        (Some(y), Some(m)) => Some(format!("{y:04}-{m:02}")),
                        _ => None,
                    }
                } else {
                    None
                };
                out.push(DateMention { text, iso });
            }
        }
        out
    }
}

/// An ISO date from a dateline's date when it has a year (`Nov. 28, 2019`).
pub(crate) fn dateline_iso(finder: &DateFinder, date: &str) -> Option<String> {
    finder
        .find(&[date.to_string()], None)
        .into_iter()
        .find_map(|d| d.iso.filter(|s| s.len() == 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_with_and_without_years() {
        let f = DateFinder::new();
        let found = f.find(
            &["The G7 summit in Japan from May 19-21 follows talks on Wednesday and Thursday. A trip in February was put off; the Jan. 6, 2021 attack and 3 March 2020 too.".to_string()],
            Some(2023),
        );
        let pairs: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|d| (d.text.as_str(), d.iso.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("May 19-21", Some("2023-05-19")),
                ("Wednesday", None),
                ("Thursday", None),
                ("February", None),
                ("Jan. 6, 2021", Some("2021-01-06")),
                ("3 March 2020", Some("2020-03-03")),
            ]
        );
        assert!(f.find(&["You may go.".to_string()], None).is_empty());
    }

    #[test]
    fn a_date_off_the_calendar_has_no_iso_form() {
        let f = DateFinder::new();
        let found = f.find(
            &["Filed 2024-13-45, due February 30, 2024, paid 2024-02-29.".to_string()],
            None,
        );
        let isos: Vec<Option<&str>> = found.iter().map(|d| d.iso.as_deref()).collect();
        assert_eq!(isos, [None, None, Some("2024-02-29")]);
    }

    #[test]
    fn dateline_dates() {
        let f = DateFinder::new();
        assert_eq!(
            dateline_iso(&f, "Nov. 28, 2019").as_deref(),
            Some("2019-11-28")
        );
        assert_eq!(dateline_iso(&f, "May 5"), None);
    }
}
