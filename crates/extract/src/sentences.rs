//! Sentence boundaries that survive news text.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (and any closing quotes or
//! brackets after it) when whitespace and then a capital letter, a digit or an
//! opening quote follow. The stop after an abbreviation (`Mr.`, `Jan.`,
//! `No.`), an initial (`J.`) or inside a number (`3.5`) does not end one.

use std::collections::HashSet;

const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];
const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '[', '«', '„'];

/// Words that open a new sentence even after an ambiguous stop such as the
/// one in `U.S.`: "… in the U.S. The talks …".
const STARTERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This", "That",
    "There", "His", "Her", "Their", "On", "At", "As", "Its",
];

/// Byte ranges of the sentences of `text`, trimmed, in order.
pub(crate) fn split(text: &str, abbreviations: &HashSet<String>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len()
                && (matches!(chars[j].1, '.' | '!' | '?') || CLOSERS.contains(&chars[j].1))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_ok = k < chars.len()
                && k > j
                && (chars[k].1.is_uppercase()
                    || chars[k].1.is_ascii_digit()
                    || OPENERS.contains(&chars[k].1));
            if next_ok
                && !(c == '.'
                    && j == i + 1
                    && is_abbreviation(text, pos, chars[k].0, abbreviations))
            {
                push(&mut out, text, start, end);
                start = chars[k].0;
                i = k;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push(&mut out, text, start, text.len());
    out
}

fn push(out: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

/// The word before the stop at `dot` makes it a non-final stop.
fn is_abbreviation(text: &str, dot: usize, next: usize, abbreviations: &HashSet<String>) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let following: &str = text[next..]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // A single capital is an initial (J. K. Rowling).
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    if abbreviations.contains(word) {
        // "U.S." ends the sentence when a typical sentence opener follows.
        let dotted = word.contains('.');
        return !(dotted && STARTERS.contains(&following));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn sentences(text: &str) -> Vec<&str> {
        let lex = Lexicon::new();
        split(text, &lex.abbreviations)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn news_abbreviations_do_not_split() {
        assert_eq!(
            sentences("Mr. Smith met Sen. Jones on Jan. 6 in the U.S. capital. It rained."),
            [
                "Mr. Smith met Sen. Jones on Jan. 6 in the U.S. capital.",
                "It rained."
            ]
        );
        assert_eq!(
            sentences("He ranked No. 2 with 3.5 points. J. K. Rowling agreed."),
            ["He ranked No. 2 with 3.5 points.", "J. K. Rowling agreed."]
        );
    }

    #[test]
    fn dotted_acronym_before_a_sentence_opener_ends_it() {
        assert_eq!(
            sentences("Talks were held in the U.S. The two sides met."),
            ["Talks were held in the U.S.", "The two sides met."]
        );
    }

    #[test]
    fn quotes_end_sentences() {
        assert_eq!(
            sentences("“We will win,” he said. “No doubt.” Then he left!"),
            ["“We will win,” he said.", "“No doubt.”", "Then he left!"]
        );
    }

    #[test]
    fn one_word_sentence() {
        assert_eq!(
            sentences("They met this week. Thursday."),
            ["They met this week.", "Thursday."]
        );
    }
}
