//! Headline and subheading shapes.

use std::sync::LazyLock;

use crate::lexicon::entries;

/// Longest headline, in words.
const HEADLINE_MAX_WORDS: usize = 30;
/// Longest subheading, in words.
const SUBHEADING_MAX_WORDS: usize = 14;
/// Shortest paragraph that can follow a subheading, in words.
const SUBHEADING_NEXT_MIN_WORDS: usize = 12;
/// Questions of this many words or more are paragraphs (interview turns).
const QUESTION_MIN_WORDS: usize = 7;
/// Words an interviewee's answer opens with ("I", "we"), lower case
/// (`data/lexicon/first-person.txt`).
static FIRST_PERSON: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../data/lexicon/first-person.txt")).collect());

/// Words that address the reader or an interviewee, lower case, and those
/// compared as written, marked `=` (`data/lexicon/second-person.txt`).
static SECOND_PERSON: LazyLock<(Vec<&'static str>, Vec<&'static str>)> = LazyLock::new(|| {
    let (lower, marked): (Vec<_>, Vec<&str>) =
        entries(include_str!("../data/lexicon/second-person.txt"))
            .partition(|word| !word.starts_with('='));
    let exact = marked.iter().map(|w| w.trim_start_matches('=')).collect();
    (lower, exact)
});

/// The words of a question or an answer, apostrophes kept (`I'm`, `you’re`).
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
}

/// `word` in lower case, its apostrophe straight, as the word lists write it.
fn listed_form(word: &str) -> String {
    word.replace('’', "'").to_lowercase()
}

/// `answer` opens in the first person (`Ich war sicher, …`, `I think …`):
/// a reply, not an explainer's section. (Its first word only, and not one
/// in capitals but `I`: `EU ministers` is no Portuguese `eu`.)
fn answers_in_first_person(answer: &str) -> bool {
    words_of(answer).next().is_some_and(|w| {
        (w == "I" || w.chars().skip(1).all(char::is_lowercase))
            && FIRST_PERSON.contains(&listed_form(w).as_str())
    })
}

/// A question put to someone (`Was ging dir durch den Kopf?`): it names
/// "you", past its first word for the words compared as written.
fn addresses_someone(question: &str) -> bool {
    let (lower, exact) = &*SECOND_PERSON;
    words_of(question)
        .enumerate()
        .any(|(k, w)| (k > 0 && exact.contains(&w)) || lower.contains(&listed_form(w).as_str()))
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Quotation marks that open a quotation.
const OPENING_QUOTES: [char; 9] = ['„', '“', '"', '«', '»', '‚', '‘', '\'', '”'];
/// Quotation marks that close one.
const CLOSING_QUOTES: [char; 8] = ['“', '”', '"', '»', '«', '‘', '’', '\''];

/// Ends like a sentence or a clause: headings do not.
fn ends_like_prose(s: &str) -> bool {
    // A quotation set as a heading (`„Wir kämpfen nicht gegen Frauen“`,
    // `'There is only one place for him'`) ends without a stop inside its
    // marks; a quoted sentence ends with one (`„Nein.“`).
    if let Some(open) = s.chars().next().filter(|c| OPENING_QUOTES.contains(c)) {
        let inner = s.trim_end_matches(CLOSING_QUOTES);
        let quoted = inner.get(open.len_utf8()..).unwrap_or_default();
        if inner.len() < s.len() && !quoted.is_empty() && !quoted.contains(CLOSING_QUOTES) {
            return quoted.ends_with(['.', ',', ';', ':', '!', '?', '…']);
        }
    }
    if s.ends_with([
        '.', ',', ';', ':', '…', '"', '”', '’', '\'', ')', ']', '*', '-', '–', '—', '»',
    ]) {
        return true;
    }
    // A German quotation closes with `“` (or `«`): a heading may end with
    // one (`Kabayel: „Das ist die Champions League“`), a sentence ends
    // inside it (`… unterbinden.“`).
    let unquoted = s.trim_end_matches(['“', '«']);
    unquoted.len() < s.len() && unquoted.ends_with(['.', ',', ';', '!'])
}

/// The first line is the headline when it is short, does not read like a
/// sentence, is not the dateline lead, and more text follows.
pub(crate) fn is_headline(lines: &[&str], is_dateline: impl Fn(&str) -> bool) -> bool {
    let Some(first) = lines.first() else {
        return false;
    };
    lines.len() >= 2
        && words(first) <= HEADLINE_MAX_WORDS
        && first.chars().count() <= 300
        && (!first.ends_with(['.', '。', '．']) || first.ends_with("..."))
        && !is_dateline(first)
}

/// A subheading is a short, heading-shaped line inside the body, between
/// paragraphs, with a real paragraph after it.
pub(crate) fn is_subheading(body: &[&str], i: usize) -> bool {
    let line = body[i];
    // Most lines are paragraphs that end like prose: turn them away before
    // counting their words.
    if i == 0 || i + 1 >= body.len() || ends_like_prose(line) {
        return false;
    }
    let n = words(line);
    if !(1..=SUBHEADING_MAX_WORDS).contains(&n) {
        return false;
    }
    // A quoted phrase may open a section (`‘Ends the debate’: CPA Canada`).
    let starts_upper = line
        .trim_start_matches(OPENING_QUOTES)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    // A long question is an interview's turn, not a section's title; so
    // is a short one put to someone who answers in the first person.
    let long_question = line.ends_with('?')
        && (n >= QUESTION_MIN_WORDS
            || (addresses_someone(line) && answers_in_first_person(body[i + 1])));
    // A few quoted words on their own line are a quotation, not a title.
    let opens_short_quote = line.starts_with(['“', '"', '«', '„']) && n < 5;
    starts_upper
        && !long_question
        && !opens_short_quote
        && !line.contains("://")
        && words(body[i + 1]) >= SUBHEADING_NEXT_MIN_WORDS
        && !is_subheading_shape_blocked(body[i - 1])
}

/// Two heading-shaped lines in a row are a list or a menu, not a heading.
fn is_subheading_shape_blocked(prev: &str) -> bool {
    !ends_like_prose(prev) && !prev.ends_with(['?', '!']) && words(prev) <= SUBHEADING_MAX_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str =
        "This is a full paragraph of body text that goes on for quite a few words indeed.";

    #[test]
    fn headline_shapes() {
        let no = |_: &str| false;
        assert!(is_headline(&["Balloon talks resume", P], no));
        assert!(is_headline(&["Is this the end?", P], no));
        assert!(!is_headline(&[P, P], no));
        assert!(!is_headline(&["Only one line"], no));
        // A Japanese lead ends with its full stop.
        assert!(!is_headline(
            &["王子動物園は夜桜通り抜けを開催すると発表した。", P],
            no
        ));
        assert!(is_headline(&["王子動物園で夜桜通り抜け", P], no));
        assert!(!is_headline(
            &["WASHINGTON (Reuters) - Short lead", P],
            |_| true
        ));
    }

    #[test]
    fn an_interviews_questions_are_no_subheadings() {
        let q = |line: &str, answer: &str| is_subheading(&[P, line, answer], 1);
        let first = "Ich war sicher, es würde das Gleiche passieren, wie damals, und ich hatte große Angst.";
        let third = "The government says the new rules will apply from April, and most households will pay less.";
        assert!(!q("Was ging dir durch den Kopf?", first));
        assert!(!q(
            "Were you worried about your crew?",
            "I was worried about all of them, every single day of that week, and I still am."
        ));
        // An explainer's questions are its sections, "you" or not, "we"
        // or not.
        assert!(q("What does it mean for you?", third));
        assert!(q("What next?", third));
        assert!(q("What has Trump said about Nato?", third));
        assert!(q(
            "What did we learn?",
            "We learned that the council had known about the problem for years before it acted."
        ));
        assert!(q(
            "Was bedeutet das für Sie?",
            "EU-Bürger müssen nichts tun, die neuen Regeln gelten automatisch ab dem ersten Januar."
        ));
    }

    #[test]
    fn subheading_shapes() {
        let body = [
            P,
            "Keep an open channel",
            P,
            "A sentence that ends.",
            P,
            "Menu",
            "Items",
            P,
        ];
        let found: Vec<usize> = (0..body.len())
            .filter(|&i| is_subheading(&body, i))
            .collect();
        assert_eq!(found, [1]);
        // Not at the very start or end, and not before a short line.
        assert!(!is_subheading(&["Heading", P], 0));
        assert!(!is_subheading(&[P, "Heading"], 1));
        assert!(!is_subheading(&[P, "Heading", "short"], 1));
        // A quoted phrase with its source can.
        assert!(is_subheading(
            &[P, "‘Ends recession debate’: CPA Canada", P],
            1
        ));
        // So can a quotation inside the line, even at its end; not a
        // sentence that ends inside its quotation, nor a link.
        assert!(is_subheading(
            &[P, "Kabayel: „Das ist die Champions League“", P],
            1
        ));
        assert!(is_subheading(
            &[
                P,
                "Un mensaje ES-Alert “hubiera generado más confusión”, dice Moreno",
                P
            ],
            1
        ));
        assert!(!is_subheading(
            &[
                P,
                "Schulen müssen „vorläufig alle Übermittlungen unterbinden.“",
                P
            ],
            1
        ));
        assert!(!is_subheading(
            &[P, "Mehr dazu beim NDR: http://www.ndr.de", P],
            1
        ));
        // A quotation set as a heading, whole: no stop inside its marks.
        for quoted in [
            "„Wir kämpfen nicht gegen Frauen“",
            "'There is only one place for Yahya Sinwar'",
            "«Wir sind alle Geschöpfe Gottes»",
        ] {
            assert!(is_subheading(&[P, quoted, P], 1), "{quoted}");
        }
        for sentence in [
            "„Ich weiß, welche Namen sie mir genannt haben.“",
            "“Meth. We’re on it.”",
        ] {
            assert!(!is_subheading(&[P, sentence, P], 1), "{sentence}");
        }
        // A short question can title a section; a long one is an
        // interviewer's turn.
        assert!(is_subheading(&[P, "What happens next?", P], 1));
        assert!(!is_subheading(
            &[P, "How did you first come to work on the library plans?", P],
            1
        ));
    }
}
