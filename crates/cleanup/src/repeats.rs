//! Paragraphs that only repeat other paragraphs.
//!
//! A page's visible text can hold its article twice: once as paragraphs and
//! once run together in one line (a hidden "gift this article" copy, a print
//! version, a teaser box quoting the lead). Exact repeats are caught line by
//! line; this finds the run-together copy, a line made of sentences that
//! shorter lines of the same document already hold.

use crate::{HashMap, HashSet};

/// A line is checked when it has at least this many words: a short line
/// that repeats one sentence is a pull quote or a caption, not a copy.
const MIN_WORDS: usize = 60;
/// Sentences shorter than this (in words) are too common to prove a copy.
const MIN_SENTENCE_WORDS: usize = 5;
/// Share of a line's bytes that other lines' sentences must cover.
const MIN_COVERED: f64 = 0.5;
/// Lines the covering sentences must come from: one would be a plain
/// repeat, which the caller handles.
const MIN_SOURCES: usize = 2;

/// For each of `lines` (those with `candidate` set are the kept ones),
/// whether it is a run-together copy of other, shorter kept lines.
///
/// Work is linear in the text: every kept line is split into sentences once,
/// and each sentence is looked up once.
pub(crate) fn copies(lines: &[&str], counts: &[usize], candidate: &[bool]) -> Vec<bool> {
    let mut copies = vec![false; lines.len()];
    let long = |i: usize| candidate[i] && counts[i] >= MIN_WORDS;
    if !(0..lines.len()).any(long) {
        return copies;
    }
    // Each sentence's shortest kept line: the copy is the longer one.
    let mut owner: HashMap<&str, usize> = HashMap::default();
    for (i, line) in lines.iter().enumerate() {
        if !candidate[i] {
            continue;
        }
        for s in sentences(line) {
            owner
                .entry(s)
                .and_modify(|o| {
                    if lines[*o].len() > line.len() {
                        *o = i;
                    }
                })
                .or_insert(i);
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if !long(i) {
            continue;
        }
        let mut covered = 0;
        // A set: a copy of a long article draws on thousands of lines.
        let mut sources: HashSet<usize> = HashSet::default();
        for s in sentences(line) {
            if let Some(&o) = owner.get(s)
                && o != i
                && lines[o].len() < line.len()
            {
                covered += s.len();
                sources.insert(o);
            }
        }
        copies[i] =
            sources.len() >= MIN_SOURCES && covered as f64 >= MIN_COVERED * line.len() as f64;
    }
    copies
}

/// The sentences of `line` long enough to key on: text up to `.`, `!` or
/// `?` (and any closing quotes) before white space or the end of the line.
fn sentences(line: &str) -> impl Iterator<Item = &str> {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            if !matches!(b, b'.' | b'!' | b'?') {
                continue;
            }
            // Closing quotes and brackets stay with their sentence.
            let mut end = i;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')') {
                end += 1;
            }
            for q in ["\u{201d}", "\u{201c}", "\u{2019}", "\u{00bb}", "\u{00ab}"] {
                if line[end..].starts_with(q) {
                    end += q.len();
                }
            }
            // A copy that runs paragraphs together leaves `fragt.Dann`: a
            // stop between a lower-case and an upper-case letter ends a
            // sentence too (`U.S.` does not, nor `3.5`).
            let joined = || {
                let before = line[..i - 1].chars().next_back();
                let after = line[end..].chars().next();
                before.is_some_and(char::is_lowercase) && after.is_some_and(char::is_uppercase)
            };
            if end < bytes.len() && !bytes[end].is_ascii_whitespace() && !joined() {
                continue;
            }
            let s = line[start..end].trim();
            start = end;
            i = end;
            if s.split_whitespace().count() >= MIN_SENTENCE_WORDS {
                return Some(s);
            }
        }
        let s = line[start..].trim();
        start = bytes.len();
        (s.split_whitespace().count() >= MIN_SENTENCE_WORDS).then_some(s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str]) -> Vec<bool> {
        let counts: Vec<usize> = lines.iter().map(|l| l.split_whitespace().count()).collect();
        copies(lines, &counts, &vec![true; lines.len()])
    }

    const A: &str = "The council met on Tuesday to discuss the new library plans. Members said the building would open next spring after two years of work.";
    const B: &str = "The mayor told reporters that the budget had been approved by a large majority. She thanked the residents who had written to the council about the plans.";
    const C: &str = "Work on the roof is due to start in March, when the weather allows it. The contractor expects the project to run for about eighteen months in all.";

    #[test]
    fn sentences_end_at_stops_before_space() {
        let s: Vec<&str> = sentences("He said: \u{201c}We will build it.\u{201d} The vote was 12 to 3 on Tuesday. Short one. And the rest of it without a stop")
            .collect();
        assert_eq!(
            s,
            [
                "He said: \u{201c}We will build it.\u{201d}",
                "The vote was 12 to 3 on Tuesday.",
                "And the rest of it without a stop"
            ]
        );
        // A stop inside a word or a number is no boundary.
        assert_eq!(
            sentences("It cost 3.5 million euros in the end, said U.S. officials.").count(),
            1
        );
        // Paragraphs run together still split between their sentences.
        let s: Vec<&str> =
            sentences("The vote was 12 to 3 on Tuesday.The mayor thanked all the residents.")
                .collect();
        assert_eq!(
            s,
            [
                "The vote was 12 to 3 on Tuesday.",
                "The mayor thanked all the residents."
            ]
        );
    }

    #[test]
    fn a_run_together_copy_of_the_paragraphs_goes_but_they_stay() {
        let copy = format!("{A}{B} {C}");
        let flags = run(&[A, B, C, &copy]);
        assert_eq!(flags, [false, false, false, true]);
    }

    #[test]
    fn a_long_paragraph_quoting_one_other_line_stays() {
        // One source is a repeat of one line at most, not a copy of the text.
        let long = format!(
            "{A} {}",
            "And then the hall was full of people who had come to hear it. ".repeat(6)
        );
        assert_eq!(run(&[A, &long]), [false, false]);
        // Removed lines are no sources.
        let copy = format!("{A} {B} {C}");
        let counts: Vec<usize> = [A, B, C, &copy]
            .iter()
            .map(|l| l.split_whitespace().count())
            .collect();
        assert_eq!(
            copies(&[A, B, C, &copy], &counts, &[false, false, true, true]),
            [false, false, false, false]
        );
    }
}
