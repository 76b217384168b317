//! Sentence boundaries that survive news text.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (and any closing quotes or
//! brackets after it) when whitespace and then a capital letter, a digit or an
//! opening quote follow. The stop after an abbreviation (`Mr.`, `Jan.`,
//! `No.`), an initial (`J.`) or inside a number (`3.5`) does not end one.

use crate::HashSet;

const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];
const OPENERS: &[char] = &['"', '“', '‘', '\'', '(', '[', '«', '„'];

/// Words that open a new sentence even after an ambiguous stop such as the
/// one in `U.S.`: "… in the U.S. The talks …".
const STARTERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This", "That",
    "There", "His", "Her", "Their", "On", "At", "As", "Its",
];

/// Byte ranges of the sentences of `text`, trimmed, in order.
pub(crate) fn split(text: &str, abbreviations: &HashSet<&'static str>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    // Byte offsets throughout: only the characters around a stop are
    // decoded, the rest is skipped by `next_stop`.
    let mut i = 0;
    while let Some(pos) = next_stop(text, i) {
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        let after_c = pos + c.len_utf8();
        let mut j = after_c;
        for d in text[after_c..].chars() {
            if matches!(d, '.' | '!' | '?') || CLOSERS.contains(&d) {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let end = j;
        let mut k = j;
        let mut next = None;
        for d in text[j..].chars() {
            if d.is_whitespace() {
                k += d.len_utf8();
            } else {
                next = Some(d);
                break;
            }
        }
        let next_ok = k > j
            && next.is_some_and(|d| d.is_uppercase() || d.is_ascii_digit() || OPENERS.contains(&d));
        if next_ok && !(c == '.' && j == after_c && is_abbreviation(text, pos, k, abbreviations)) {
            push(&mut out, text, start, end);
            start = k;
            i = k;
            continue;
        }
        i = j;
    }
    push(&mut out, text, start, text.len());
    out
}

/// Byte offset of the first `.`, `!`, `?` or `…` at or after `from`. The
/// ASCII stops never occur inside a multi-byte character, and the first byte
/// of `…` only starts one.
fn next_stop(text: &str, from: usize) -> Option<usize> {
    let bytes = text.get(from..)?.as_bytes();
    let ascii = memchr::memchr3(b'.', b'!', b'?', bytes);
    // An ellipsis can only come first if it stands before the ASCII stop.
    let window = &bytes[..ascii.unwrap_or(bytes.len())];
    memchr::memmem::find(window, "…".as_bytes())
        .or(ascii)
        .map(|p| from + p)
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
fn is_abbreviation(
    text: &str,
    dot: usize,
    next: usize,
    abbreviations: &HashSet<&'static str>,
) -> bool {
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
    // Initials run together inside a name (George H.W. Bush), or open one
    // at a sentence's start or after a word that leads to a name (`by
    // J.R.R. Tolkien`), unless a sentence opener follows. Not a place's
    // (`moved to L.A. Friends say`, `Newark, N.J. Police said`): those go
    // by the abbreviation list.
    let previous = before[..word_start].trim_end();
    let in_name = previous
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| {
            w.starts_with(char::is_uppercase) && w.ends_with(char::is_alphabetic)
                || matches!(
                    w,
                    "by" | "and" | "of" | "with" | "author" | "novelist" | "writer" | "poet"
                )
        });
    let opens = previous.is_empty() || previous.ends_with(['.', '!', '?']);
    if (in_name || opens)
        && word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
    {
        return !STARTERS.contains(&following);
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
    fn runs_of_initials_do_not_split() {
        assert_eq!(
            sentences("President George H.W. Bush named him. J.R.R. Tolkien wrote it."),
            [
                "President George H.W. Bush named him.",
                "J.R.R. Tolkien wrote it."
            ]
        );
        assert_eq!(
            sentences("The books by C.S. Lewis and J.R.R. Tolkien sold well."),
            ["The books by C.S. Lewis and J.R.R. Tolkien sold well."]
        );
        // A place's initials still end a sentence.
        assert_eq!(
            sentences("The singer moved to L.A. Friends say she is happier."),
            ["The singer moved to L.A.", "Friends say she is happier."]
        );
        assert_eq!(
            sentences("Drones hit plants in the U.A.E. Saudi officials said output was safe."),
            [
                "Drones hit plants in the U.A.E.",
                "Saudi officials said output was safe."
            ]
        );
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

    /// The splitter as it was before it worked on byte offsets: a decoded
    /// character vector, indexed. The fast one must agree with it exactly.
    fn split_by_chars(text: &str, abbreviations: &HashSet<&'static str>) -> Vec<(usize, usize)> {
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

    static LEXICON: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(Lexicon::new);

    proptest::proptest! {
        #[test]
        fn byte_splitter_agrees_with_char_splitter(
            text in "([a-zA-Z0-9 ]|Mr|U\\.S|Jan|The|\\.|!|\\?|…|”|’|\\)|\"|“|«|\\(|É|é|\u{a0}|\n|\u{2028}){0,60}"
        ) {
            proptest::prop_assert_eq!(
                split(&text, &LEXICON.abbreviations),
                split_by_chars(&text, &LEXICON.abbreviations)
            );
        }
    }
}
