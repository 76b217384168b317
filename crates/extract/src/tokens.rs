//! Words of a paragraph with their positions, as the entity and quote
//! finders see them.

/// One word: letters and digits with the joiners that live inside names
/// (`U.S.`, `PG&E`, `T-Mobile`, `O'Brien`), a possessive `’s` cut off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub(crate) text: &'a str,
    /// Byte range in the paragraph (without the possessive).
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Punctuation (a comma, a quote, a bracket, a dash) stands between
    /// this word and the one before.
    pub(crate) after_break: bool,
    /// First word of a sentence (after any opening quote).
    pub(crate) sentence_start: bool,
    /// Written with a possessive `’s` or `s’`.
    pub(crate) possessive: bool,
}

impl Token<'_> {
    /// Starts with a capital letter (or is a capitalised code like `G7`).
    pub(crate) fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// All capitals, two letters or more (`NATO`, `U.S.`, `PG&E`).
    pub(crate) fn is_acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && self.text.chars().count() <= 8
            && self
                .text
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&' | '-'))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '&' | '-' | '+')
}

/// Two short syllables joined by a hyphen, the second no English word of a
/// compound (`Geun-hye`, not `Biden-era` or `Hamas-run`).
fn syllables(first: &str, second: &str) -> bool {
    const COMPOUNDS: &[&str] = &[
        "led", "run", "era", "born", "made", "held", "wide", "bound", "based", "owned", "style",
        "like", "area", "side", "free", "only", "type", "sized", "level", "year", "old", "new",
        "time", "long", "day", "week", "pro", "anti", "backed", "esque", "ish", "first", "last",
        "high", "low", "top", "end",
    ];
    (2..=5).contains(&first.chars().count())
        && first.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && (2..=5).contains(&second.chars().count())
        && second.chars().all(|c| c.is_ascii_lowercase())
        && !COMPOUNDS.contains(&second)
}

/// The character that starts at byte `i` of `text` (a boundary), if any:
/// ASCII, as most text is, without decoding.
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

/// Splits `text` into words. `sentence_starts` are the byte offsets where
/// sentences begin.
// (Kept out of line: inlined into the entity finder, it made the finder
// slower as a whole, by 3% of its instructions.)
#[inline(never)]
pub(crate) fn tokenize<'a>(
    text: &'a str,
    sentence_starts: &[usize],
    keeps_stop: impl Fn(&str) -> bool,
) -> Vec<Token<'a>> {
    // About one word in six bytes of news prose: one allocation, no regrowth.
    let mut out: Vec<Token<'a>> = Vec::with_capacity(text.len() / 6 + 4);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut prev_end = 0;
    while i < text.len() {
        let Some(c) = char_at(text, i) else {
            break;
        };
        if !is_word_char(c) && c != '&' {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < text.len() {
            let Some(d) = char_at(text, j) else {
                break;
            };
            if is_word_char(d) {
                j += d.len_utf8();
                end = j;
            } else if is_joiner(d) {
                // A joiner counts only when a word character follows it,
                // except a stop that may close an abbreviation.
                let after = char_at(text, j + d.len_utf8());
                if after.is_some_and(is_word_char) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        // A lone `&` (`Gas & Electric`) is a word of its own.
        if c == '&' && end.max(j) == start {
            end = start + 1;
        }
        let mut word_end = end.max(j);
        // Keep the stop of `U.S.`, `Jr.`, initials and titles like `Sen.`.
        if bytes.get(word_end) == Some(&b'.') {
            let w = &text[start..word_end];
            if w.contains('.')
                || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
                || keeps_stop(w)
            {
                word_end += 1;
            }
        }
        // `Amritsar-based`, `Beijing-backed`: the name is the first part.
        // Not in a Korean given name (`Park Geun-hye`, `Moon Jae-in`): two
        // short syllables that are no English word.
        if text[start..].chars().next().is_some_and(char::is_uppercase)
            && let Some(dash) = text[start..word_end].rfind('-')
            && text[start + dash + 1..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            && !syllables(
                &text[start..start + dash],
                &text[start + dash + 1..word_end],
            )
        {
            word_end = start + dash;
        }
        let mut possessive = false;
        let mut core_end = word_end;
        for suffix in ["'s", "’s", "'S", "’S"] {
            if text[start..word_end].ends_with(suffix) && word_end - start > suffix.len() {
                core_end = word_end - suffix.len();
                possessive = true;
                break;
            }
        }
        let mark = text[word_end..]
            .chars()
            .next()
            .filter(|&c| c == '\'' || c == '’');
        // Where the word's marks end: the next word's gap starts there.
        let mut marks_end = word_end;
        if let Some(mark) = mark.filter(|_| !possessive && text[start..word_end].ends_with('s')) {
            // Plural possessive: `the lawmakers’ letter`. Its mark is no
            // break before the next word (`Metals Producers' Forum`).
            let after = text[word_end + mark.len_utf8()..].chars().next();
            if !after.is_some_and(is_word_char) {
                possessive = true;
                marks_end = word_end + mark.len_utf8();
            }
        }
        // A sentence begins between the previous word and this one.
        let first_after = sentence_starts.partition_point(|&s| s <= prev_end);
        let sentence_start = out.is_empty()
            || sentence_starts
                .get(first_after)
                .is_some_and(|&s| s <= start);
        let gap = &text[prev_end..start];
        let after_break = !out.is_empty() && gap.chars().any(|c| !c.is_whitespace());
        out.push(Token {
            text: &text[start..core_end],
            start,
            end: core_end,
            after_break,
            sentence_start,
            possessive,
        });
        prev_end = marks_end;
        i = word_end.max(start + 1);
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, &[0], |w| w == "Sen")
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn names_keep_their_joiners() {
        assert_eq!(
            words("Sen. O'Brien of PG&E and T-Mobile met U.S. officials."),
            [
                "Sen.",
                "O'Brien",
                "of",
                "PG&E",
                "and",
                "T-Mobile",
                "met",
                "U.S.",
                "officials"
            ]
        );
    }

    #[test]
    fn a_korean_given_name_keeps_its_hyphen() {
        assert_eq!(
            words("Park Geun-hye met Biden-era and Seoul-based AMP-first envoys"),
            [
                "Park", "Geun-hye", "met", "Biden", "era", "and", "Seoul", "based", "AMP", "first",
                "envoys"
            ]
        );
    }

    #[test]
    fn possessives_and_breaks() {
        let text = "China’s embassy, the lawmakers’ letter";
        let toks = tokenize(text, &[0], |_| false);
        assert_eq!(toks[0].text, "China");
        assert!(toks[0].possessive);
        assert!(toks[2].after_break);
        assert_eq!(toks[3].text, "lawmakers");
        assert!(toks[3].possessive);
    }

    #[test]
    fn sentence_starts_are_marked() {
        let text = "He left. Then Biden spoke.";
        let toks = tokenize(text, &[0, 9], |_| false);
        let starts: Vec<bool> = toks.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, false]);
    }
}
