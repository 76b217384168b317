//! Line classification beyond rule lists, in the spirit of jusText.
//!
//! Each line that no rule names gets a first class from its own features:
//! length, stop-word density for the document's language, menu-like shape
//! (separators such as `|` `»` `·`, or a long run of menu items one per
//! line), a picture credit at the end (captions). Short lines and lines
//! that are only nearly prose are then decided by their context: a short
//! line between two good paragraphs stays (a subheading, a one-line
//! paragraph), a run of short lines at the edges goes. Finally the main text
//! is located as the span of lines with the best balance of prose against
//! junk (the maximum-sum segment, as in Finn et al.'s body text extraction),
//! so long prose far from the article — cookie notices, teasers of other
//! stories — goes too.

use crate::HashSet;

use crate::lang::{DENSE_SCRIPT_FACTOR, is_dense};

/// Lines shorter than this (in characters) are *short*: context decides.
const LENGTH_LOW: usize = 70;
/// Characters of a sentence of a dense script (Chinese, Japanese, Korean,
/// Thai) that make it no short line.
const DENSE_SENTENCE_CHARS: usize = 24;
/// Lines at least this long with enough stop words are *good* on their own.
const LENGTH_HIGH: usize = 150;
/// Stop-word density at or above which a long line is good.
const STOPWORDS_HIGH: f32 = 0.25;
/// Stop-word density below which a line of any length is not prose.
const STOPWORDS_BAD: f32 = 0.15;
/// Characters per word (with its space) of a sentence of long words
/// (`Vuokralaisjärjestöt vaativat valtiolta lisää tukea …`); English
/// prose averages about six.
const LONG_WORD_CHARS: usize = 9;
/// Words of a caption at least, and of its credit at most.
const CAPTION_WORDS: usize = 6;
const CREDIT_WORDS: usize = 6;
/// Words of a labelled credit whose slash stands apart, at most
/// (`PUNIT PARANJPE / AFP via Getty Images`).
const SPACED_CREDIT_WORDS: usize = 9;
/// A credit after a label (`Foto: …`) is looked for this near the end.
const CREDIT_TAIL_BYTES: usize = 60;
/// Words of a line ending in a labelled credit without a slash, at most: a
/// longer one is a paragraph that credits its picture.
const MAX_LABELLED_CAPTION_WORDS: usize = 40;
/// Words of a menu item at most (`Brinquedos e Brincadeiras`).
const MENU_ITEM_WORDS: usize = 4;
/// Menu items in a row, one per line, that make a menu or a category list
/// rather than short lines of an article.
const MENU_RUN: usize = 10;

/// The class of a line as the classifier sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Prose: kept.
    Good,
    /// Almost prose: kept when next to good text.
    NearGood,
    /// Too short to judge alone.
    Short,
    /// Not article text, with the feature that decided it.
    Bad(&'static str),
}

/// Class of lines removed by a rule, as the classifier's context sees them.
pub(crate) const RULE: &str = "rule";

/// Reason ids for classifier decisions, as they appear in `removed[].rule`.
pub mod reason {
    /// Menu-like shape: separators between short items.
    pub const MENU: &str = "class.menu";
    /// A long run of menu items, one per line (a site's sections, a
    /// category list).
    pub const MENU_LIST: &str = "class.menu-list";
    /// Short line outside prose, or in a run of short lines.
    pub const SHORT: &str = "class.short";
    /// Few stop words: a list of names or titles, a tag cloud.
    pub const LOW_DENSITY: &str = "class.low-density";
    /// Prose-like but outside the main text.
    pub const OUTSIDE: &str = "class.outside-main";
    /// A paragraph repeated within the document.
    pub const REPEAT: &str = "class.repeated";
    /// A body line repeating the headline.
    pub const REPEATED_TITLE: &str = "class.repeated-title";
    /// An item of a bulleted or ranked list of other stories' teasers.
    pub const STORY_LIST: &str = "class.story-list";
    /// A picture's caption, ending in its credit (`… in Gaza. (Jane Doe/CBC)`).
    pub const CAPTION: &str = "class.caption";
    /// A run of other stories' teasers: headline, one-paragraph blurb, again.
    pub const TEASER: &str = "class.teaser";
    /// A byline under another story's headline (`Mehr zum Thema` / a
    /// headline / `von Alana Friedrichs`): not this article's author.
    pub const TEASER_BYLINE: &str = "class.teaser-byline";
    /// A gallery's or a list's page numbers and arrows, one per line.
    pub const PAGER: &str = "class.pager";
    /// A date or a time alone on its line, with at most a label
    /// (`Publiziert: 01.07.2023, 11:16`, `13:00 •`).
    pub const STAMP: &str = "class.timestamp";
}

/// Features of one line used by the classifier.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Features {
    /// Length in characters (dense scripts scaled to Latin-script units).
    pub length: usize,
    /// Words (or word units for dense scripts).
    pub words: usize,
    /// Words that open with a capital letter (names, a list of them).
    pub capitalised: usize,
    /// Share of words that are stop words; `None` without a list.
    pub density: Option<f32>,
    /// Ends like a sentence.
    pub sentence: bool,
    /// Contains sentence punctuation anywhere (stands in for stop words in
    /// languages without a list).
    pub punctuated: bool,
    /// Shaped like a menu (separators between short items).
    pub menu: bool,
    /// Shaped like one item of a menu or a category list: a few words, no
    /// digits, not a sentence.
    pub item: bool,
    /// Ends in a picture credit, as captions do.
    pub caption: bool,
    /// A date or a time with at most a few words of label: a page's or a
    /// teaser's time stamp.
    pub stamp: bool,
    /// A quotation with its attribution (`“We will win,” he said.`): a
    /// sentence of the story however short.
    pub speech: bool,
    /// Opens with a dash as quoted speech does in Nordic, Slavic and French
    /// copy (`– Haluamme tietää …, sanoo kaupunginjohtaja.`).
    pub dialogue: bool,
}

/// Measures a line.
pub(crate) fn features(
    line: &str,
    lang: Option<&str>,
    stopwords: Option<&HashSet<&'static str>>,
) -> Features {
    // Most lines are ASCII: bytes stand in for characters, and the
    // Unicode-aware scans below have byte-wise twins.
    let ascii = line.is_ascii();
    let chars = if ascii {
        line.len()
    } else {
        line.chars().count()
    };
    // (A line of Latin letters in such a document is measured as Latin.)
    let dense = !ascii && lang.is_some_and(is_dense);
    let mut words = 0usize;
    let mut capitalised = 0usize;
    let mut stop = 0usize;
    // Lower-cased words reuse one buffer: no allocation per word.
    let mut lower = String::new();
    for token in line.split_whitespace() {
        words += 1;
        capitalised += usize::from(token.chars().next().is_some_and(char::is_uppercase));
        if let Some(list) = stopwords {
            let word = if ascii || token.is_ascii() {
                // Byte-wise: no character decoding for the common case.
                let b = token.as_bytes();
                match b.iter().position(u8::is_ascii_alphanumeric) {
                    Some(start) => {
                        let end = b
                            .iter()
                            .rposition(u8::is_ascii_alphanumeric)
                            .map_or(start, |e| e + 1);
                        &token[start..end]
                    }
                    None => "",
                }
            } else {
                token.trim_matches(|c: char| !c.is_alphanumeric())
            };
            let hit = if word.is_ascii() {
                if word.bytes().any(|b| b.is_ascii_uppercase()) {
                    lower.clear();
                    lower.push_str(word);
                    lower.make_ascii_lowercase();
                    list.contains(lower.as_str())
                } else {
                    list.contains(word)
                }
            } else if word.chars().any(char::is_uppercase) {
                list.contains(word.to_lowercase().as_str())
            } else {
                list.contains(word)
            };
            stop += usize::from(hit);
        }
    }
    let (length, words) = if dense {
        (
            chars * 3 / DENSE_SCRIPT_FACTOR,
            words.max(chars / DENSE_SCRIPT_FACTOR),
        )
    } else {
        (chars, words)
    };
    // A table row (`| a | b |`) is judged by its cells, not as a menu.
    let table_row = is_table_row(line);
    let ends = ends_sentence(line);
    // A sentence of a dense script that ends with its stop, two dozen
    // characters or more, is as long as a short paragraph of Latin script
    // (`市場では、…下落した。` closed a story and went as a short line).
    let length = if dense && ends && chars >= DENSE_SENTENCE_CHARS {
        length.max(LENGTH_LOW)
    } else {
        length
    };
    Features {
        capitalised,
        length,
        words,
        density: (stopwords.is_some() && !dense && words > 0).then(|| stop as f32 / words as f32),
        sentence: ends || (dense && line.contains(['。', '！', '？', '.'])),
        punctuated: if ascii {
            memchr::memchr3(b'.', b'!', b'?', line.as_bytes()).is_some()
        } else {
            line.contains(['.', '!', '?', '。', '！', '？', '؟', '।', '។', '။', '։', '።'])
                // Thai and Lao end sentences with a space, not a mark: a
                // long line stands in.
                || lang.is_some_and(|l| matches!(l, "th" | "lo")) && length >= LENGTH_LOW
        },
        menu: !table_row && is_menu_like(line, ascii),
        item: words <= MENU_ITEM_WORDS
            && !ends
            && !line.bytes().any(|b| b.is_ascii_digit() || b == b':'),
        caption: words >= CAPTION_WORDS
            && (ends_in_credit(line)
                || words <= MAX_PHOTO_CAPTION_WORDS && describes_photo(line)
                || dense && is_japanese_caption(line)),
        stamp: words <= MAX_STAMP_WORDS && is_stamp(line),
        // Only a short line needs the evidence.
        speech: length < LENGTH_LOW && is_attributed_quote(line),
        dialogue: ends
            && !ascii
            && line
                .strip_prefix(['–', '—', '―'])
                .is_some_and(|rest| rest.starts_with(char::is_whitespace)),
    }
}

/// `“Pakistan is responding,” he said.`, `„Wir sind bereit“, sagte er.`: a
/// line that opens with a quotation of three words or more and ends with a
/// short attribution holding a lower-case word (a pull quote has none, a
/// teaser's `— Name` no full stop).
fn is_attributed_quote(line: &str) -> bool {
    if !line.ends_with('.') {
        return false;
    }
    let Some(rest) = line.strip_prefix(['“', '"', '„', '«']) else {
        return false;
    };
    let Some(close) = rest.rfind(['”', '"', '“', '»']) else {
        return false;
    };
    let quoted = &rest[..close];
    let tail = rest[close..]
        .trim_start_matches(['”', '"', '“', '»'])
        .trim_start_matches(',')
        .trim();
    let Some(attribution) = tail.strip_suffix('.') else {
        return false;
    };
    let words = attribution.split_whitespace().count();
    quoted
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        >= 3
        && (1..=6).contains(&words)
        && attribution
            .split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase))
}

/// Words of a time stamp line, at most.
const MAX_STAMP_WORDS: usize = 8;
/// Lower-case words of three letters or more that make a line ending in a
/// full stop a sentence, not a stamp.
const SENTENCE_WORDS_IN_STAMP: usize = 3;
/// Words with letters in a time stamp line (its label, a month), at most.
const MAX_STAMP_LABEL_WORDS: usize = 3;

/// A date or a time written in figures or with a month's name
/// (`01.07.2023`, `14:40`, `23. April 2024`, `April 25, 2024`).
static DATE_OR_TIME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.?\s+\pL+\.?\s+\d{4}\b|\b\pL+\.?\s+\d{1,2},?\s+\d{4}\b|\d{4}年\d{1,2}月\d{1,2}日",
    )
    .expect("static regex")
});

/// A line that is a date or a time with at most a short label: nothing an
/// article says in its body.
fn is_stamp(line: &str) -> bool {
    // Most lines have too few figures to hold one: no regex for them.
    if line.bytes().filter(u8::is_ascii_digit).count() < 3 {
        return false;
    }
    // (Short lower-case words are no label: `Fredag den 24. oktober 2025,
    // kl. 14:51`, `Publié le 03/03/2008 à 14h22`.)
    let label = |w: &&str| {
        w.chars().any(char::is_alphabetic)
            && (w.chars().count() > 3 || w.chars().any(|c| !c.is_lowercase() && c != '.'))
    };
    // A month's name inside the date and the clock's `AM` are no label
    // (`First Published: Tuesday, November 19, 2019 08:38 AM`), unless the
    // line ends as a sentence does: then it is one with three lower-case
    // words outside its date (`The vote is set for March 3, 2025.`; a
    // stamp has fewer, `Article mis à jour le 7 janvier 2020.`).
    let undated = DATE_OR_TIME.replace_all(line, " ");
    let labels = if line.ends_with('.') && !line.ends_with("m.") {
        let sentence_words = undated
            .split_whitespace()
            .filter(|w| w.chars().count() > 2 && w.chars().all(char::is_lowercase))
            .count();
        if sentence_words >= SENTENCE_WORDS_IN_STAMP {
            return false;
        }
        line.split_whitespace().filter(label).count()
    } else {
        undated
            .split_whitespace()
            .filter(|w| {
                !matches!(
                    w.trim_end_matches(','),
                    "AM" | "PM" | "am" | "pm" | "a.m." | "p.m."
                )
            })
            .filter(label)
            .count()
    };
    // A labelled date is often the article's own (`Termin: 29.02.2020, 19
    // Uhr`, `Einsendeschluss: 03.11.2019 (Poststempel)`); with a clock time
    // it is a page's stamp (`Publiziert: 01.07.2023, 11:16`).
    let labelled = line.contains('(')
        || line
            .split_whitespace()
            .any(|w| w.ends_with(':') && w.chars().any(char::is_alphabetic));
    let clock = line
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    labels <= MAX_STAMP_LABEL_WORDS && (clock || !labelled) && DATE_OR_TIME.is_match(line)
}

/// Words of a caption that says where people stand, at most.
const MAX_PHOTO_CAPTION_WORDS: usize = 80;

/// Whether `line` describes a picture as captions do: where the people in
/// it stand (`Mark Esper, left, and Ngo Xuan Lich shake hands`), or a
/// wire photo's opening (`In this Dec. 12, 2006, file photo, …`, `FILE
/// PHOTO: …`, `Pictured from left …`), or its words for the picture (`…
/// in this picture obtained from social media`).
fn describes_photo(line: &str) -> bool {
    const PLACES: [&str; 10] = [
        ", left, ",
        ", right, ",
        ", center, ",
        ", centre, ",
        ", second left, ",
        ", second right, ",
        ", far left, ",
        ", far right, ",
        ", left to right, ",
        ", from left, are ",
    ];
    // How wire and agency captions open, or say what the picture is.
    const OPENERS: [&str; 4] = ["FILE PHOTO", "Pictured:", "Pictured from left", "Legende:"];
    const SAYS_PICTURE: [&str; 8] = [
        "picture obtained",
        "picture taken",
        "handout",
        "undated",
        "screen grab",
        "still image",
        "photo taken",
        "photo provided",
    ];
    // A line has few commas: looking after each is cheaper than a search.
    let bytes = line.as_bytes();
    let placed = memchr::memchr_iter(b',', bytes).any(|i| {
        let rest = &bytes[i..];
        PLACES.iter().any(|p| rest.starts_with(p.as_bytes()))
    });
    let opening = || {
        let l = line
            .strip_prefix("FILE - ")
            .or_else(|| line.strip_prefix("FILE – "))
            .unwrap_or(line);
        l.strip_prefix("In this ")
            .and_then(|rest| rest.get(..rest.len().min(80)))
            .is_some_and(|head| head.contains(" photo") || head.contains(" image"))
    };
    static FILE_PHOTO: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("ile photo"));
    placed
        || FILE_PHOTO.find(bytes).is_some()
        || opening()
        || OPENERS.iter().any(|o| line.starts_with(o))
        || IN_THIS.find_iter(bytes).any(|at| {
            let rest = &bytes[at + IN_THIS.needle().len()..];
            SAYS_PICTURE.iter().any(|p| rest.starts_with(p.as_bytes()))
        }) && !reports_speech(line)
}

/// A sentence that reports what someone said (`…, police said`): a story's,
/// not a caption's.
fn reports_speech(line: &str) -> bool {
    [" said", " says", " told", " sagte", " a déclaré"]
        .iter()
        .any(|verb| line.contains(verb))
}

/// ` in this `, which opens a caption's words for its picture.
static IN_THIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" in this "));

/// Labels before a picture's credit (longer ones first: the first that fits
/// is taken).
const CREDIT_LABELS: [&str; 21] = [
    "Photo d'illustration :",
    "Photo d’illustration :",
    "Photo d'illustration",
    "Photo d’illustration",
    "Photo courtesy of ",
    "Photos courtesy of ",
    "Foto:",
    "Fotos:",
    "Photo:",
    "Photos:",
    "Picture:",
    "Quelle:",
    "Bild:",
    "Image:",
    "Credit:",
    "Photograph:",
    "Photo by ",
    "Photos by ",
    "Photograph by ",
    // `(foto Ansa)`, `… Photo Progrès/Claire MOREAU`.
    "foto ",
    "Photo ",
];

/// Ends in a picture credit, in brackets or after a label: photographer and
/// agency, a few words (`(Jane Doe/CBC)`, `(Foto: John Doe/AFP)`, `… Foto:
/// Jane Doe/imago`).
fn ends_in_credit(line: &str) -> bool {
    // A credit has a slash, or a label in the brackets that end the line:
    // most lines are turned away by one scan.
    let slash = memchr::memchr(b'/', line.as_bytes()).is_some();
    if !slash && !line.ends_with(')') {
        return sentence_then_credit(line);
    }
    // In brackets, or after a label at the end (`… des Gesetzes Foto: Felix
    // Zahn/imago`).
    let bracketed = line
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once('(').map(|(_, inner)| inner.trim_start()))
        .map(|inner| {
            match CREDIT_LABELS
                .iter()
                .find_map(|label| inner.strip_prefix(label))
            {
                Some(credit) => (credit, true),
                None => (inner, false),
            }
        });
    let labelled_tail = || {
        let tail = credit_tail(line);
        CREDIT_LABELS
            .iter()
            .find_map(|label| tail.rsplit_once(label).map(|(_, credit)| (credit, true)))
    };
    let Some((credit, labelled)) = bracketed.or_else(labelled_tail) else {
        return false;
    };
    let credit = credit.trim_start();
    // `(Photo: Reuters)`, `(Image: Bloomberg via Getty Images)`: a
    // picture's label (not a source's, `(Quelle: SWR)` ends news) at the
    // end of a caption-sized line.
    if labelled
        && bracketed.is_some()
        && !line.contains("(Quelle:")
        && line.split_whitespace().count() <= MAX_LABELLED_CAPTION_WORDS
        && credit.split_whitespace().count() <= CREDIT_WORDS
        && credit.starts_with(|c: char| c.is_uppercase())
        && !credit.contains(['(', ')'])
    {
        return true;
    }
    // After a label at the end of the line, a credit may set its slash
    // apart: `Photo by Jean Levac / Postmedia News`, `Photo by PUNIT
    // PARANJPE / AFP via Getty Images`.
    if labelled
        && bracketed.is_none()
        && credit.contains(" / ")
        && credit.split_whitespace().count() <= SPACED_CREDIT_WORDS
        && credit.starts_with(|c: char| c.is_uppercase())
        && !credit.contains(['(', ')'])
    {
        return true;
    }
    // (`( Logout / Change)` of a comment form has spaces around its slash.)
    credit.contains('/')
        && !credit.contains(" /")
        && !credit.contains("/ ")
        && !credit.contains(')')
        && credit.split_whitespace().count() <= CREDIT_WORDS
        && credit.starts_with(|c: char| c.is_uppercase())
        // Unlabelled, it is names only: each part capitalised, no figures
        // (not `(Upgrade for $4.99/mo)`).
        && (labelled
            || credit.split('/').all(|part| part.starts_with(|c: char| c.is_uppercase()))
                && !credit.bytes().any(|b| b.is_ascii_digit()))
}

/// The end of `line` where a picture's credit would stand: its last
/// [`CREDIT_TAIL_BYTES`] bytes, from a character's start.
fn credit_tail(line: &str) -> &str {
    let mut from = line.len().saturating_sub(CREDIT_TAIL_BYTES);
    while !line.is_char_boundary(from) {
        from += 1;
    }
    &line[from..]
}

/// A caption's last sentence followed by its picture's label and credit,
/// with no slash nor brackets: `… its hibernation-based equivalent. Credit:
/// ESA`, `… am Morgen. Foto: dpa`, or by a credit that names only pictures
/// (`… during the restoration. Supplied`).
fn sentence_then_credit(line: &str) -> bool {
    let tail = credit_tail(line.strip_suffix('.').unwrap_or(line));
    // Or the credit alone, a name that only pictures are credited to.
    const UNLABELLED: [&str; 7] = [
        "Supplied",
        "Getty Images",
        "Handout",
        "File photo",
        "Shutterstock",
        "iStock",
        "AP Photo",
    ];
    if UNLABELLED.iter().any(|credit| {
        tail.strip_suffix(credit)
            .is_some_and(|before| before.ends_with(". ") || before.ends_with(".\u{a0}"))
    }) {
        return true;
    }
    // (Only the labels with a colon: `Quelle:` names a story's source.)
    // Most lines have no colon near their end: one scan turns them away.
    memchr::memchr(b':', tail.as_bytes()).is_some()
        && CREDIT_LABELS
            .iter()
            .filter(|label| label.ends_with(':') && **label != "Quelle:")
            .any(|label| {
                tail.rsplit_once(label).is_some_and(|(before, credit)| {
                    let credit = credit.trim();
                    before.trim_end().ends_with(['.', '!', '?', '|'])
                        && !credit.is_empty()
                        && credit.split_whitespace().count() <= SENTENCE_CREDIT_WORDS
                        && !credit.contains(['.', '!', '?', ':', '(', ')'])
                })
            })
}

/// Words of a credit after a caption's last sentence, at most.
const SENTENCE_CREDIT_WORDS: usize = 4;

/// A Japanese news photo's caption: what it shows, `＝`, when and where,
/// and the picture's source in brackets (`記者会見する日銀の植田和男総裁＝
/// １９日午後、東京都中央区（共同）`) or its photographer (`…＝２４日午後、
/// 熊本県菊陽町、田中太郎撮影`).
fn is_japanese_caption(line: &str) -> bool {
    const SOURCES: [&str; 9] = [
        "共同",
        "時事",
        "ロイター",
        "AFP時事",
        "EPA時事",
        "AP",
        "AFP",
        "ゲッティ",
        "撮影",
    ];
    line.contains('＝')
        && (line.ends_with("撮影")
            || line
                .strip_suffix('）')
                .and_then(|l| l.rsplit_once('（'))
                .is_some_and(|(_, source)| SOURCES.iter().any(|s| source.starts_with(s))))
}

/// Stop-word thresholds for one document.
///
/// Stop-word lists differ in size and languages differ in how they write
/// function words (Arabic attaches articles to nouns), so the fixed
/// thresholds are scaled down when the document's own prose is sparse in
/// stop words: the reference is the median density of its longer lines.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Thresholds {
    high: f32,
    bad_below: f32,
    /// The document's prose is sparse in stop words (Finnish, Hungarian,
    /// Turkish write function words as endings): a full sentence may have
    /// none.
    sparse: bool,
}

impl Thresholds {
    pub(crate) fn for_document(features: &[Features]) -> Thresholds {
        let density_of = |min_words: usize| -> Vec<f32> {
            features
                .iter()
                .filter(|f| f.words >= min_words)
                .filter_map(|f| f.density)
                .collect()
        };
        let mut long = density_of(12);
        // A short text in a language of long words (Finnish, Turkish) has
        // few lines of twelve: its sentences of eight tell its density.
        if long.len() < 3 {
            long = density_of(8);
        }
        let mut t = Thresholds {
            high: STOPWORDS_HIGH,
            bad_below: STOPWORDS_BAD,
            sparse: false,
        };
        if long.len() >= 3 {
            long.sort_by(f32::total_cmp);
            let median = long[long.len() / 2];
            t.high = t.high.min(0.75 * median);
            t.bad_below = t.bad_below.min(0.45 * median);
            t.sparse = median < STOPWORDS_BAD;
        }
        t
    }
}

/// First-pass class of a line from its own features.
pub(crate) fn classify(f: &Features, t: &Thresholds) -> Class {
    if f.menu {
        return Class::Bad(reason::MENU);
    }
    if f.caption {
        return Class::Bad(reason::CAPTION);
    }
    if f.stamp {
        return Class::Bad(reason::STAMP);
    }
    // No list for this language: sentence punctuation stands in.
    let density = f
        .density
        .unwrap_or(if f.punctuated { STOPWORDS_HIGH } else { 0.0 });
    if f.length < LENGTH_LOW {
        Class::Short
    } else if density >= t.high && (f.length >= LENGTH_HIGH || f.sentence) {
        Class::Good
    } else if density >= t.bad_below
        || (f.sentence && f.words >= 10 && (density > 0.0 || t.sparse || f.dialogue))
        || (f.sentence
            && f.words >= 5
            && f.length >= f.words * LONG_WORD_CHARS
            && f.capitalised * 2 < f.words)
    {
        // A full sentence dense with names (`Lt. Gen. Ahmed Sharif,
        // Pakistan's military spokesperson, says …`) is still prose; so is
        // one of long words, where Finnish or Russian say in one word what
        // takes English three, function words among them (not a list of
        // names).
        Class::NearGood
    } else {
        Class::Bad(reason::LOW_DENSITY)
    }
}

/// Ends like a sentence: a full stop, a question or exclamation mark,
/// possibly inside closing quotes or brackets.
fn ends_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '”', '’', '\'', '»', ')', ']', '*']);
    // (Also the Devanagari and Bengali danda, Arabic, Armenian and
    // Ethiopic stops.)
    end.ends_with([
        '.', '!', '?', '…', '。', '！', '？', '។', '။', '।', '॥', '؟', '։', '።',
    ]) && !end.ends_with("...")
}

/// Separators between short items: `Home | News | Sport`, `A » B » C`.
fn is_menu_like(line: &str, ascii: bool) -> bool {
    let separators = if ascii {
        memchr::memchr_iter(b'|', line.as_bytes()).count()
    } else {
        // Byte-wise: every separator is `|` or starts with 0xC2 or 0xE2.
        let bytes = line.as_bytes();
        let mut count = 0;
        for i in memchr::memchr3_iter(b'|', 0xC2, 0xE2, bytes) {
            let rest = &bytes[i..];
            count += usize::from(match rest {
                [b'|', ..] | [0xC2, 0xBB, ..] => true,
                [0xE2, 0x80, 0xA2 | 0xBA, ..] | [0xE2, 0x96, 0xB8 | 0xBA, ..] => true,
                // A middle dot between letters joins a transliterated
                // name (`哈立德·泰穆尔`), it does not part menu items.
                [0xC2, 0xB7, ..] => {
                    let before = line[..i].chars().next_back();
                    let after = line[i + 2..].chars().next();
                    !(before.is_some_and(char::is_alphabetic)
                        && after.is_some_and(char::is_alphabetic))
                }
                _ => false,
            });
        }
        count
    };
    if separators < 2 {
        return false;
    }
    let words = line.split_whitespace().count();
    words <= (separators + 1) * 4
}

/// The number that opens a list item: `3)`, `3.`, `3 -` followed by text.
fn item_number(line: &str) -> Option<u32> {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &line[digits..];
    let rest = rest
        .strip_prefix(')')
        .or_else(|| rest.strip_prefix('.'))
        .or_else(|| rest.strip_prefix(" -"))
        .or_else(|| rest.strip_prefix(" –"))?;
    rest.starts_with(' ').then(|| line[..digits].parse().ok())?
}

/// Numbered lists: for each, the indices of at least three lines numbered
/// one after another (`1) …`, `2) …`, `3) …`), with at most two other
/// lines (a link, a caption) between items.
pub(crate) fn numbered_lists(lines: &[&str]) -> Vec<Vec<usize>> {
    let mut lists = Vec::new();
    let mut items: Vec<usize> = Vec::new();
    let mut last: Option<(usize, u32)> = None;
    for (i, line) in lines.iter().enumerate() {
        let Some(n) = item_number(line) else {
            continue;
        };
        let continues = matches!(last, Some((at, m)) if n == m + 1 && i - at <= 3);
        if !continues {
            if items.len() >= 3 {
                lists.push(std::mem::take(&mut items));
            }
            items.clear();
        }
        items.push(i);
        last = Some((i, n));
    }
    if items.len() >= 3 {
        lists.push(items);
    }
    lists
}

/// A table's row as text gives it: `| cell | cell |`.
fn is_table_row(line: &str) -> bool {
    line.len() >= 2 && line.starts_with('|') && line.ends_with('|')
}

/// Tables as a page extractor writes them out in text: runs of two rows or
/// more shaped `| cell | cell |` (the `|---|` rule under a header row
/// included). For each, the indices of its rows.
pub(crate) fn table_rows(lines: &[&str]) -> Vec<Vec<usize>> {
    let mut tables = Vec::new();
    let mut rows: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if is_table_row(line) {
            rows.push(i);
            continue;
        }
        if rows.len() >= 2 {
            tables.push(std::mem::take(&mut rows));
        }
        rows.clear();
    }
    if rows.len() >= 2 {
        tables.push(rows);
    }
    tables
}

/// Marks that open a list item.
pub(crate) const BULLETS: [char; 8] = ['-', '•', '*', '·', '–', '▪', '►', '»'];

/// The text of a bulleted line after its bullet (`- `, `• `, `» `).
pub(crate) fn bullet_item(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(BULLETS)?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
        .filter(|r| !r.is_empty())
}

/// A teaser's `Kicker: Headline` shape: a few words without figures, a
/// colon, then a capitalised headline of three words or more that reads as
/// a sentence (two lower-case words at least), not as a list of names or a
/// reference (`Rose, J. D. (2010): …`, `Chile: Fox Sports Chile, ESPN`).
fn kicker_headline(item: &str) -> bool {
    item.split_once(": ").is_some_and(|(kicker, headline)| {
        (1..=5).contains(&kicker.split_whitespace().count())
            && !kicker.contains(|c: char| c.is_ascii_digit())
            && headline.split_whitespace().count() >= 3
            && headline
                .trim_start_matches(['„', '“', '"', '»', '«', '‘'])
                .starts_with(char::is_uppercase)
            && headline
                .split_whitespace()
                .filter(|w| w.starts_with(char::is_lowercase))
                .count()
                >= 2
    })
}

/// Bulleted lists of other stories (`- Bauzinsen: Dieser Kurswechsel birgt
/// …`): for each, the indices of at least three bulleted lines in a row,
/// each headline-shaped (at most 20 words, no closing full stop), at least
/// half of them in a teaser's `Kicker: Headline` shape. An article's own
/// bullet points are sentences or plain items, not kickered headlines.
pub(crate) fn story_lists(lines: &[&str]) -> Vec<Vec<usize>> {
    let mut lists = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut kickered = 0;
    for (i, line) in lines.iter().enumerate() {
        let item = bullet_item(line).filter(|item| {
            item.split_whitespace().count() <= 20 && !item.ends_with(['.', ',', ';'])
        });
        if let Some(item) = item {
            run.push(i);
            kickered += usize::from(kicker_headline(item));
            continue;
        }
        if run.len() >= 3 && kickered * 2 >= run.len() {
            lists.push(std::mem::take(&mut run));
        }
        run.clear();
        kickered = 0;
    }
    if run.len() >= 3 && kickered * 2 >= run.len() {
        lists.push(run);
    }
    lists
}

/// Fewest teasers in a row that make a teaser list.
const TEASER_RUN: usize = 3;

/// A teaser's headline: 3 to 16 words (`words`, counted by the caller),
/// capitalised, not ending like a sentence, a clause or a question (an
/// FAQ's questions are the article's).
pub(crate) fn teaser_headline(line: &str, words: usize) -> bool {
    (3..=16).contains(&words) && headline_shaped(line)
}

/// Shaped like a headline: starts with a capital, does not end like a
/// sentence or a clause.
pub(crate) fn headline_shaped(line: &str) -> bool {
    !line.ends_with([
        '.', ',', ';', ':', '!', '?', '…', '"', '”', '»', ')', '？', '。',
    ]) && line.chars().next().is_some_and(char::is_uppercase)
}

/// A teaser's blurb: one paragraph of 12 to 45 words ending a sentence.
fn teaser_blurb(line: &str, words: usize) -> bool {
    (12..=45).contains(&words) && line.ends_with(['.', '!', '?', '…', '"', '”', '。'])
}

/// Lists of other stories' teasers in the page's text (`Frankenberg: Nach
/// Tod von … stellt sein Unternehmen den Betrieb ein` / `Bittere Botschaft
/// für ein Frankenberger Unternehmen: …`): the ranges `[start, end)` of at
/// least [`TEASER_RUN`] headline-and-blurb pairs in a row, with nothing
/// between them but a short label or date (`29.04.2024 Aue`). An article's
/// sections run longer than one short paragraph each, and its questions
/// (an interview, an FAQ) end in a question mark. `words` holds each line's
/// whitespace-separated words.
pub(crate) fn teaser_runs(lines: &[&str], words: &[usize]) -> Vec<(usize, usize)> {
    let headline = |k: usize| teaser_headline(lines[k], words[k]);
    let filler = |k: usize| words[k] <= 4 && !headline(k);
    // The first line at or after each that is not filler, found once: a
    // page of short lines is walked in linear time.
    let mut past_filler = vec![lines.len(); lines.len() + 1];
    for k in (0..lines.len()).rev() {
        past_filler[k] = if filler(k) { past_filler[k + 1] } else { k };
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (mut next, mut pairs, mut first) = (i, 0, None);
        loop {
            let k = past_filler[next.min(lines.len())];
            if k + 1 < lines.len() && headline(k) && teaser_blurb(lines[k + 1], words[k + 1]) {
                first.get_or_insert(k);
                pairs += 1;
                next = k + 2;
            } else {
                break;
            }
        }
        match first {
            Some(start) if pairs >= TEASER_RUN => {
                runs.push((start, next));
                i = next;
            }
            _ => i += 1,
        }
    }
    runs
}

/// Whether the teasers in `lines[start..end]` are stamped with bare clock
/// times, one an entry (`22:45 Uhr` / headline / text), as a live blog's
/// entries are; the first stamp may stand right above the run.
pub(crate) fn clock_stamped(lines: &[&str], words: &[usize], start: usize, end: usize) -> bool {
    let clocks = (start.saturating_sub(1)..end)
        .filter(|&k| entry_stamp(lines[k]))
        .count();
    let entries = (start..end)
        .filter(|&k| teaser_blurb(lines[k], words[k]))
        .count();
    clocks + 1 >= entries
}

/// A live entry's stamp: a clock time or a match minute (`78. Minute`,
/// `78'`), alone on its line. Not a time ago (`10 mins ago`, `vor 4
/// Monaten`): boxes of the latest news and other stories carry those.
pub(crate) fn entry_stamp(line: &str) -> bool {
    // Every stamp is short; most lines are not (checked per line).
    let line = line.trim();
    if line.len() > STAMP_MAX_BYTES || !line.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if clock_time(line) {
        return true;
    }
    let number = |w: &str| {
        let w = w.trim_end_matches(['.', '\'', '’']);
        (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let mut words = line.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(m), None, _) => number(m) && m.ends_with(['\'', '’']),
        (Some(m), Some(unit), None) => {
            number(m) && matches!(unit, "Minute" | "Min." | "min" | "min.")
        }
        _ => false,
    }
}

/// Bytes of the longest entry stamp (`11:48 p.m. EST`).
const STAMP_MAX_BYTES: usize = 18;

/// A clock time alone on its line, with at most a zone or a word of label
/// (`22:45 Uhr`, `09:42 GMT`, `15.30`, `11:48 p.m. ET`, `14h32`), and no
/// date.
pub(crate) fn clock_time(line: &str) -> bool {
    let line = line.trim();
    if line.len() > STAMP_MAX_BYTES || line.split_whitespace().count() > 3 {
        return false;
    }
    let b = line.as_bytes();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    let time = b.windows(4).position(|w| {
        w[0].is_ascii_digit()
            && matches!(w[1], b':' | b'.' | b'h')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    });
    // `9:42` or `09:42`, and no other digits (`23.02.2025` is a date).
    match time {
        Some(at) => {
            let hour_digits = if at > 0 && b[at - 1].is_ascii_digit() {
                2
            } else {
                1
            };
            digits == hour_digits + 2
        }
        None => false,
    }
}

/// Lines in a row, at least, that make a pager.
const PAGER_RUN: usize = 3;

/// A page number (`1` to `999`) or an arrow (`<<`, `›`, `…`) alone on a line.
fn pager_mark(line: &str) -> bool {
    let line = line.trim();
    let digits = line.bytes().all(|b| b.is_ascii_digit()) && (1..=3).contains(&line.len());
    let arrows = !line.is_empty()
        && line.chars().count() <= 3
        && line
            .chars()
            .all(|c| matches!(c, '<' | '>' | '«' | '»' | '‹' | '›' | '…' | '.' | '|'));
    digits || arrows
}

/// How far before and after an article's first line its header reaches:
/// the lines that say when and by whom it was published.
const HEADER_REACH: usize = 10;
const HEADER_REACH_AFTER: usize = 6;
/// A header line is short.
const HEADER_LINE_CHARS: usize = 80;

/// The line the main text must end before on a page that runs several
/// articles in a row (a site's endless scroll): the first article's header
/// — its time stamp and one more of the short lines around its start (a
/// label, a byline) — shown again further down opens the next article.
/// When a short run of good lines (the next headline and lead) stands right
/// above that header, apart from the text before it, it goes too.
///
/// `start` is the main text's first line; `good` marks kept lines,
/// `furniture` short removed lines that are not menus, `stamp` time stamps.
pub(crate) fn next_article(
    lines: &[&str],
    good: &[bool],
    furniture: &[bool],
    stamp: &[bool],
    start: usize,
) -> Option<usize> {
    let header = start.saturating_sub(HEADER_REACH)..(start + HEADER_REACH_AFTER).min(lines.len());
    // Most pages show no stamp near the article's start: nothing to match.
    if !header.clone().any(|i| stamp[i] && furniture[i]) {
        return None;
    }
    let shape = |line: &str| -> String {
        line.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect()
    };
    let short = |i: usize| furniture[i] && lines[i].chars().count() <= HEADER_LINE_CHARS;
    let header_lines: HashSet<String> = header
        .clone()
        .filter(|&i| short(i))
        .map(|i| shape(lines[i]))
        .collect();
    let again: Vec<(usize, String)> = (header.end..lines.len())
        .filter(|&i| short(i))
        .map(|i| (i, shape(lines[i])))
        .filter(|(_, s)| header_lines.contains(s))
        .collect();
    let at = again.iter().enumerate().find_map(|(k, (i, first))| {
        let near = again[k..].iter().take_while(|(j, _)| *j < i + HEADER_REACH);
        let mut other = false;
        let mut stamped = false;
        for (j, s) in near {
            other |= s != first;
            stamped |= stamp[*j];
        }
        (other && stamped).then_some(*i)
    })?;
    // Above the repeated header: its removed lines, then perhaps the next
    // headline and lead, set apart by a gap of removed lines.
    let mut cut = at;
    while cut > start && !good[cut - 1] {
        cut -= 1;
    }
    let lead_end = cut;
    while cut > start && good[cut - 1] {
        cut -= 1;
    }
    let gap = (0..cut).rev().take_while(|&i| !good[i]).count();
    if lead_end - cut > NEXT_LEAD_LINES || gap < NEXT_GAP_LINES {
        cut = lead_end;
    }
    (cut > start).then_some(cut)
}

/// The next article's headline and lead: this many good lines at most.
const NEXT_LEAD_LINES: usize = 2;
/// Removed lines (share buttons, tags) between two articles, at least.
const NEXT_GAP_LINES: usize = 3;

/// Runs of at least [`PAGER_RUN`] lines that are each a page number or an
/// arrow (`<<`, `<`, `1`, `2`, `3`, `>`): a gallery's or a list's pager.
/// Its numbers count up one by one; a table's column of figures does not.
pub(crate) fn pager_runs(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let end = i + lines[i..].iter().take_while(|l| pager_mark(l)).count();
        let numbers: Vec<u32> = lines[i..end]
            .iter()
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        let counts_up = numbers.windows(2).all(|w| w[1] == w[0] + 1);
        if end - i >= PAGER_RUN && counts_up {
            runs.push((i, end));
        }
        i = end.max(i + 1);
    }
    runs
}

/// Runs of a ranked list of other stories, its rank alone on a line before
/// each headline (`1` / `Battle-Scarred Viking Shield-Maiden …` / `2` / …):
/// a `Most read` box. At least [`RANKED_RUN`] ranks counting up one by one,
/// each followed by exactly one headline-sized line, most of them no
/// sentence. (An article's own numbered sections run on for paragraphs
/// after their headings.)
pub(crate) fn ranked_lists(lines: &[&str]) -> Vec<(usize, usize)> {
    // (Bare: a numbered step of a recipe or a how-to, `1.`, is the text's.)
    let rank = |line: &str| -> Option<u32> {
        let digits = line.trim();
        (digits.len() <= 2)
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|n| (1..=20).contains(n))
    };
    let headline = |line: &str| {
        rank(line).is_none()
            && (RANKED_TITLE_WORDS.0..=RANKED_TITLE_WORDS.1)
                .contains(&line.split_whitespace().count())
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = rank(lines[i]) else {
            i += 1;
            continue;
        };
        let mut ranks = 0;
        let mut end = i;
        while end + 1 < lines.len()
            && rank(lines[end]) == Some(first + ranks)
            && headline(lines[end + 1])
        {
            ranks += 1;
            end += 2;
        }
        // Headlines, most of them: no sentences ending in a full stop.
        let sentences = (i + 1..end)
            .step_by(2)
            .filter(|&k| lines[k].trim_end().ends_with('.'))
            .count();
        if ranks as usize >= RANKED_RUN && 2 * sentences <= ranks as usize {
            runs.push((i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    runs
}

/// Ranks of a ranked list of other stories, at least.
const RANKED_RUN: usize = 3;
/// Words of a headline in such a list, at least and at most.
const RANKED_TITLE_WORDS: (usize, usize) = (4, 25);

/// A headline cut to fit a box: at most 20 words, one sentence, ending in
/// an ellipsis right after a word (`Japan's Prime Minister Ishiba
/// Considering Meeting with U.S. Presi...`).
fn cut_headline(line: &str, words: usize) -> bool {
    let Some(rest) = line.strip_suffix("...").or_else(|| line.strip_suffix('…')) else {
        return false;
    };
    let rest = rest.strip_suffix(' ').unwrap_or(rest);
    // A full stop after a lower-case word ends a sentence; `U.S.` does not.
    let two_sentences = rest.match_indices(". ").any(|(i, _)| {
        rest[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_lowercase)
    });
    words <= 20
        && rest.chars().next_back().is_some_and(char::is_alphanumeric)
        && !two_sentences
        && !rest.contains("...")
        && !rest.contains('…')
}

/// Lists of other stories' headlines cut to length: the ranges `[start,
/// end)` of at least [`TEASER_RUN`] [`cut_headline`]s in a row, with only
/// short labels (`Latest Articles`) between them. A sentence of the story
/// may trail off in an ellipsis; three in a row, each alone on its line,
/// are a box of links.
pub(crate) fn cut_headline_runs(lines: &[&str], words: &[usize]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let (mut start, mut last, mut count) = (0, 0, 0);
    for (i, (line, &n)) in lines.iter().zip(words).enumerate() {
        if cut_headline(line, n) {
            if count == 0 {
                start = i;
            }
            count += 1;
            last = i;
        } else if n > 4 {
            if count >= TEASER_RUN {
                runs.push((start, last + 1));
            }
            count = 0;
        }
    }
    if count >= TEASER_RUN {
        runs.push((start, last + 1));
    }
    runs
}

/// Fewest lines in a row that make a list of headlines.
const HEADLINE_RUN: usize = 6;

/// Fewest words of a line in such a list: shorter ones are a menu's.
const HEADLINE_RUN_WORDS: usize = 10;

/// Lists of other stories' headlines or blurbs, one a line: the ranges
/// `[start, end)` of at least [`HEADLINE_RUN`] lines of at least
/// [`HEADLINE_RUN_WORDS`] words that open with a capital (after a quote
/// mark) and end in no sentence's mark (`Lily Allen apologises as she
/// flaunts freebies … Ad Feature`, a blurb cut off in mid-word), with at
/// most one other line at a time between them (a headline that is a
/// question, an ad's label) and two thirds of the range theirs. They read
/// like prose and outweigh the article when a site lists hundreds; an
/// article's paragraphs end their sentences. The first two lines (the
/// headline, the lead) are in no list. An article's own list of such lines
/// (key points, steps, captions) has the same shape: the caller looks at
/// what follows.
pub(crate) fn headline_runs(lines: &[&str], words: &[usize]) -> Vec<(usize, usize)> {
    let listed = |k: usize| {
        let line = lines[k];
        words[k] >= HEADLINE_RUN_WORDS
            && headline_shaped(line.trim_start_matches(['\'', '"', '‘', '“', '„', '«', '»']))
            // A quote closed after a sentence (`„…so.“`, `»…«`).
            && !line.ends_with(['\'', '’', '‘', '“', '«', '」', '』'])
            && !citation(line)
    };
    let n = lines.len();
    let mut runs = Vec::new();
    let mut i = 2;
    while i < n {
        if !listed(i) {
            i += 1;
            continue;
        }
        let (start, mut end, mut count) = (i, i + 1, 1);
        loop {
            if end < n && listed(end) {
                end += 1;
            } else if end + 1 < n && listed(end + 1) {
                end += 2;
            } else {
                break;
            }
            count += 1;
        }
        if count >= HEADLINE_RUN && count * 3 >= (end - start) * 2 {
            runs.push((start, end));
        }
        i = end;
    }
    runs
}

/// A reference in an article's list of sources (`Nihart A J et al …
/// Nature Medicine 2025 https://doi.org/…`): it names its authors `et al`
/// or carries its address, as no other story's headline does.
fn citation(line: &str) -> bool {
    line.contains(" et al") || line.contains("://") || line.contains("doi:")
}

/// Revises short and near-good lines by their neighbours (jusText's
/// context rules). `classes` holds every line; lines removed by rules are
/// `Bad`. Neighbours are looked up in the first-pass classes, skipping short
/// lines (and near-good ones where said); the document edges count as bad.
pub(crate) fn revise(classes: &mut [Class], items: &[bool]) {
    // A long run of menu items, one per line (a site's sections, a category
    // list), is junk wherever it stands: between two paragraphs it would
    // otherwise pass as short lines of the article.
    // A line a rule removed (a `Video` label among the sections) does not
    // break the run.
    let mut start = 0;
    let mut run = 0;
    for i in 0..=classes.len() {
        let item = i < classes.len() && classes[i] == Class::Short && items[i];
        let bridge = i < classes.len() && classes[i] == Class::Bad(RULE);
        if item {
            run += 1;
        } else if !bridge {
            if run >= MENU_RUN {
                for c in &mut classes[start..i] {
                    if *c == Class::Short {
                        *c = Class::Bad(reason::MENU_LIST);
                    }
                }
            }
            start = i + 1;
            run = 0;
        }
    }
    let first = classes.to_vec();
    let not_short = |c: Class| c != Class::Short;
    let decided = |c: Class| c != Class::Short && c != Class::NearGood;
    // Each line's nearest neighbours of both kinds, found in two passes:
    // a page of short lines is judged in linear time.
    let decided_back = neighbours(&first, Direction::Back, decided);
    let decided_forward = neighbours(&first, Direction::Forward, decided);
    let long_back = neighbours(&first, Direction::Back, not_short);
    let long_forward = neighbours(&first, Direction::Forward, not_short);
    for i in 0..classes.len() {
        classes[i] = match first[i] {
            Class::Short => {
                let prev = decided_back[i];
                let next = decided_forward[i];
                match (is_good(prev), is_good(next)) {
                    (true, true) => Class::Good,
                    (false, false) => Class::Bad(reason::SHORT),
                    // Between good and bad: good only when near-good text
                    // lies between it and the bad side.
                    _ => {
                        let near_prev = !is_good(prev) && is_near(long_back[i]);
                        let near_next = !is_good(next) && is_near(long_forward[i]);
                        if near_prev || near_next {
                            Class::Good
                        } else {
                            Class::Bad(reason::SHORT)
                        }
                    }
                }
            }
            Class::NearGood => {
                let prev = decided_back[i];
                let next = decided_forward[i];
                if is_good(prev) || is_good(next) {
                    Class::Good
                } else {
                    Class::Bad(reason::LOW_DENSITY)
                }
            }
            other => other,
        };
    }
}

/// [`revise`] with the lines marked `aside` out of every line's context
/// (and left as they are).
pub(crate) fn revise_around(classes: &mut [Class], items: &[bool], aside: &[bool]) {
    if !aside.contains(&true) {
        return revise(classes, items);
    }
    let at: Vec<usize> = (0..classes.len()).filter(|&i| !aside[i]).collect();
    let mut sub: Vec<Class> = at.iter().map(|&i| classes[i]).collect();
    let sub_items: Vec<bool> = at.iter().map(|&i| items[i]).collect();
    revise(&mut sub, &sub_items);
    for (&i, c) in at.iter().zip(sub) {
        classes[i] = c;
    }
}

/// A short line that quotes someone with the attribution (`“…,” he
/// said.`) right after a good line is the story's own sentence, whatever
/// follows it. Only the line itself is kept: it is no evidence for its
/// neighbours (a newsletter box's testimonial is not).
pub(crate) fn keep_attributed_quotes(classes: &mut [Class], speech: &[bool]) {
    for i in 1..classes.len() {
        if speech[i] && classes[i] == Class::Bad(reason::SHORT) && classes[i - 1] == Class::Good {
            classes[i] = Class::Good;
        }
    }
}

#[derive(Clone, Copy)]
enum Direction {
    Back,
    Forward,
}

/// For each line, the nearest class in `dir` (not its own) that satisfies
/// `stop`; the document edges count as bad.
fn neighbours(classes: &[Class], dir: Direction, stop: impl Fn(Class) -> bool) -> Vec<Class> {
    let edge = Class::Bad(reason::SHORT);
    let mut out = vec![edge; classes.len()];
    let mut seen = edge;
    let mut visit = |i: usize| {
        out[i] = seen;
        if stop(classes[i]) {
            seen = classes[i];
        }
    };
    match dir {
        Direction::Back => (0..classes.len()).for_each(&mut visit),
        Direction::Forward => (0..classes.len()).rev().for_each(&mut visit),
    }
    out
}

fn is_good(c: Class) -> bool {
    c == Class::Good
}

fn is_near(c: Class) -> bool {
    c == Class::NearGood
}

/// The span `[start, end)` of lines with the largest sum of weights: good
/// lines weigh their word count, bad lines count against. Returns `None`
/// when there is no good line, else the span and its weight.
pub(crate) fn main_span(classes: &[Class], words: &[usize]) -> Option<(usize, usize, i64)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut sum = 0i64;
    let mut start = 0usize;
    for (i, (class, w)) in classes.iter().zip(words).enumerate() {
        let w = *w as i64;
        let weight = match class {
            Class::Good => w,
            Class::NearGood | Class::Short => 0,
            // Junk a rule already named (an ad placeholder, a share bar) is
            // expected inside articles: it must not split the main text.
            Class::Bad(RULE) => -1,
            // So are a picture's caption, a sidebar's list of sections and
            // a box of teasers (or testimonials) between its paragraphs.
            Class::Bad(reason::CAPTION | reason::MENU_LIST | reason::TEASER) => -1,
            Class::Bad(_) => -(w.max(2)),
        };
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += weight;
        if sum > 0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i + 1));
        }
    }
    best.map(|(w, s, e)| (s, e, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_in_the_stops_of_other_scripts() {
        for yes in [
            "यह फैसला अगले सप्ताह लागू होगा।",
            "هل سيتغير شيء؟",
            "Ադ ամենը ավարտվեց։",
            "ውሳኔው ነገ ይፀናል።",
        ] {
            assert!(ends_sentence(yes), "{yes}");
        }
        assert!(!ends_sentence("यह फैसला अगले सप्ताह"));
    }

    #[test]
    fn clock_times_alone_but_not_dates() {
        for yes in [
            "22:45 Uhr",
            "09:42 GMT",
            "15.42 BST",
            "9:05",
            "16:05",
            "11:48 p.m. ET",
            "14h32",
        ] {
            assert!(clock_time(yes), "{yes}");
        }
        for yes in ["78. Minute", "78'"] {
            assert!(entry_stamp(yes), "{yes}");
        }
        for no in ["vor 4 Monaten", "10 mins ago"] {
            assert!(!entry_stamp(no), "{no}");
        }
        assert!(!entry_stamp("Minute 78 brachte die Wende"));
        for no in [
            "23.02.2025",
            "Aktualisiert am 23.02.2025, 22:47 Uhr",
            "2:1",
            "Sieg 3:0 gegen Bayern",
            "10:30 Uhr, 4. März",
        ] {
            assert!(!clock_time(no), "{no}");
        }
    }
    use crate::lang::Languages;

    const PROSE: &str = "The council said on Tuesday that it would not change the plans for the new library, which has been under construction for two years and is due to open in the spring.";

    fn class(line: &str) -> Class {
        let langs = Languages::new();
        let f = features(line, Some("en"), langs.stopwords("en"));
        classify(&f, &Thresholds::for_document(&[f]))
    }

    #[test]
    fn a_short_attributed_quote_after_prose_is_kept() {
        use Class::*;
        let short = Bad(reason::SHORT);
        let mut c = [Good, short, short, short];
        keep_attributed_quotes(&mut c, &[false, true, false, true]);
        assert_eq!(c, [Good, Good, short, short]);
        assert!(is_attributed_quote(
            "“Pakistan is responding to the Indian aggression,” he said."
        ));
        assert!(!is_attributed_quote(r#""" "" "" "" x."#));
        assert!(is_attributed_quote("„Wir sind bereit“, sagte er."));
        assert!(is_attributed_quote(
            "\"But folks don't talk about it,\" he added."
        ));
        // A pull quote, a teaser's quote with its source, a short quote.
        assert!(!is_attributed_quote(
            "“We are balancing this budget on our children”"
        ));
        assert!(!is_attributed_quote("“Best book of the year” — The Times"));
        assert!(!is_attributed_quote("“Great,” he said."));
        assert!(!is_attributed_quote(
            "“It was a long night for us,” Smith Jones."
        ));
    }

    #[test]
    fn first_pass_classes() {
        assert_eq!(class(PROSE), Class::Good);
        assert_eq!(class("Keep an open channel"), Class::Short);
        assert_eq!(
            class("Home | News | Sport | Weather | Contact"),
            Class::Bad(reason::MENU)
        );
        assert_eq!(
            class(
                "Jake Sullivan Wang Yi Antony Blinken Xi Jinping Nancy Pelosi Daniel Russell Joe Biden Kamala"
            ),
            Class::Bad(reason::LOW_DENSITY)
        );
        // A sentence dense with names is nearly prose: its neighbours decide.
        assert_eq!(
            class(
                "Lt. Gen. Ahmed Sharif, Pakistan's military spokesperson, says India attacked six Pakistani cities at night."
            ),
            Class::NearGood
        );
        // So is a sentence of long words without one function word.
        let langs = Languages::new();
        let f = features(
            "Vuokralaisjärjestöt vaativat valtiolta lisää tukea kohtuuhintaiseen asuntorakentamiseen.",
            Some("fi"),
            langs.stopwords("fi"),
        );
        assert_eq!(f.density, Some(0.0));
        assert_eq!(
            classify(&f, &Thresholds::for_document(&[f])),
            Class::NearGood
        );
    }

    #[test]
    fn context_keeps_short_lines_between_prose_and_drops_edge_runs() {
        use Class::*;
        let mut c = [
            Short,
            Short,
            Good,
            Short,
            Good,
            Short,
            Bad(reason::MENU),
            Short,
        ];
        revise(&mut c, &[false; 8]);
        assert_eq!(c[0], Bad(reason::SHORT));
        assert_eq!(c[1], Bad(reason::SHORT));
        assert_eq!(c[3], Good);
        // Between good and bad with nothing near-good: bad.
        assert_eq!(c[5], Bad(reason::SHORT));
        assert_eq!(c[7], Bad(reason::SHORT));
        // Near-good next to good is good; a short line before it follows.
        let mut c = [Good, Short, NearGood, Bad(reason::MENU)];
        revise(&mut c, &[false; 4]);
        assert_eq!(c, [Good, Good, Good, Bad(reason::MENU)]);
    }

    #[test]
    fn a_long_run_of_menu_items_goes_even_between_prose() {
        use Class::*;
        let run = MENU_RUN + 2;
        let mut c = vec![Good];
        c.extend(std::iter::repeat_n(Short, run));
        c.push(Good);
        let mut items = vec![true; c.len()];
        revise(&mut c, &items);
        assert!(c[1..=run].iter().all(|c| *c == Bad(reason::MENU_LIST)));
        // A line a rule took in the middle does not split the run.
        let mut c = vec![Good];
        c.extend(std::iter::repeat_n(Short, MENU_RUN - 2));
        c.push(Bad(RULE));
        c.extend([Short, Short, Good]);
        let n = c.len();
        revise(&mut c, &items[..n]);
        assert_eq!(
            c.iter().filter(|c| **c == Bad(reason::MENU_LIST)).count(),
            MENU_RUN
        );
        // A shorter run is the article's own list, kept between prose.
        let mut c = vec![Good, Short, Short, Short, Good];
        items.truncate(c.len());
        revise(&mut c, &items);
        assert_eq!(c, [Good; 5]);
    }

    #[test]
    fn a_caption_ends_in_its_picture_credit() {
        let langs = Languages::new();
        let caption = |line: &str| features(line, Some("en"), langs.stopwords("en")).caption;
        assert!(caption(
            "Jamil Al Saadouni laments that civilians were not consulted. (Mohamed El Saife/CBC)"
        ));
        assert!(caption(
            "Andreas Schandl is the fastest German man in Berlin. (Foto: John MacDougall/AFP)"
        ));
        assert!(caption(
            "Marco Buschmann und Lisa Paus bei der Vorstellung der Eckpunkte Foto: Felix Zahn/imago"
        ));
        assert!(caption(
            "Britain's Andy Murray reacts during his first round match (Photo: Reuters)"
        ));
        assert!(caption(
            "Lacerda has recounted the abuse she suffered (Image: Bloomberg via Getty Images)"
        ));
        assert!(caption(
            "Smoke billows after a shell landed in Poonch on May 7, 2025. Photo by PUNIT PARANJPE / AFP via Getty Images"
        ));
        assert!(caption(
            "IRCC released 10.5 floors at the federal office building, pictured here. Photo by Jean Levac / Postmedia News"
        ));
        assert!(caption(
            "FILE PHOTO: Traders work on the floor at the New York Stock Exchange in New York, U.S., November 18, 2019."
        ));
        assert!(caption(
            "Fire is seen on a FlyDubai airplane after it takes off from Kathmandu airport in this picture obtained from social media."
        ));
        assert!(caption(
            "Pictured from left, are romance novelists Therese Beharrie and Kelly Clarke at the launch."
        ));
        for prose in [
            "Stock image company Shutterstock said on Tuesday it would merge with its main rival.",
            "Pictured alongside her three children at Windsor, the princess appeared relaxed and happy.",
            "The suspect can be seen in this photo taken by a neighbour, police said on Monday evening.",
            "The three brothers, from left, the eldest first, took turns to read their statements.",
        ] {
            assert!(!caption(prose), "{prose}");
        }
        assert!(!caption(
            "Pictures of the flood spread quickly on social media, the mayor said on Tuesday."
        ));
        // Not a poll's name, a comment form's links, an offer, a court's
        // file number or a short label.
        assert!(!caption(
            "Get Dashlane Password Manager for Free (Upgrade to Premium for $4.99/mo)"
        ));
        assert!(!caption(
            "So entschied das Gericht (OLG Oldenburg, Beschluss v. 3.1.2022, 2 Ss (OWi) 240/21)"
        ));
        assert!(!caption(
            "Most voters back the plan, according to a poll by the agency (Reuters/Ipsos)."
        ));
        assert!(!caption(
            "The prize went to a photo by Jane Doe, who shot the fire in Paris and Rome / Milan last year."
        ));
        assert!(!caption(
            "You are commenting using your Google account. ( Logout / Change)"
        ));
        assert!(!caption("Photo (Jane Doe/CBC)"));
        // Where the people in the picture stand, a wire photo's opening.
        assert!(caption(
            "U.S. Defense Secretary Mark Esper, left, and Vietnamese Defense Minister Ngo Xuan Lich shake hands in Hanoi."
        ));
        assert!(caption(
            "In this Dec. 12, 2006, file photo, made available by NASA, astronaut Robert L. Curbeam Jr. works outside."
        ));
        assert!(!caption(
            "He turned to the left, then walked out of the room without a word to anyone."
        ));
        // A label in the middle of brackets is no credit.
        assert!(!caption(
            "The museum showed the works of several artists (Picture: see the catalogue for all of them, in three volumes)"
        ));
        assert_eq!(
            classify(
                &features(
                    "Jamil Al Saadouni laments that civilians were not consulted. (Mohamed El Saife/CBC)",
                    Some("en"),
                    langs.stopwords("en")
                ),
                &Thresholds::for_document(&[])
            ),
            Class::Bad(reason::CAPTION)
        );
    }

    #[test]
    fn menu_items_are_a_few_words_without_digits_or_sentences() {
        let langs = Languages::new();
        let item = |line: &str| features(line, Some("pt"), langs.stopwords("pt")).item;
        assert!(item("Brinquedos e Brincadeiras"));
        assert!(!item("Ole Gunnar Solskjær (2018-2021): 1068 dager"));
        assert!(!item("Nunca ouviu falar do grupo Serelepe?"));
        assert!(!item("Dica para os pais que leem em voz alta"));
    }

    proptest::proptest! {
        #[test]
        fn menu_separators_are_counted_as_characters_would_be(
            line in "([a-z ]|[|»·•›▸►’“é中]){0,24}"
        ) {
            let chars: Vec<char> = line.chars().collect();
            let expected = chars.iter().enumerate().filter(|&(k, &c)| match c {
                '|' | '»' | '•' | '›' | '▸' | '►' => true,
                '·' => !(k > 0 && chars[k - 1].is_alphabetic()
                    && chars.get(k + 1).is_some_and(|c| c.is_alphabetic())),
                _ => false,
            }).count();
            let words = line.split_whitespace().count();
            proptest::prop_assert_eq!(
                is_menu_like(&line, false),
                expected >= 2 && words <= (expected + 1) * 4
            );
        }
    }

    proptest::proptest! {
        /// Found in one pass, each line's neighbours are those a scan from
        /// the line finds.
        #[test]
        fn neighbours_are_the_nearest_ones_in_each_direction(
            kinds in proptest::collection::vec(0u8..4, 0..40)
        ) {
            use Class::*;
            let classes: Vec<Class> = kinds
                .iter()
                .map(|k| [Good, Short, NearGood, Bad(reason::MENU)][*k as usize])
                .collect();
            let stop = |c: Class| c != Short;
            let edge = Bad(reason::SHORT);
            let back = neighbours(&classes, Direction::Back, stop);
            let forward = neighbours(&classes, Direction::Forward, stop);
            for i in 0..classes.len() {
                let b = classes[..i].iter().rev().find(|c| stop(**c)).copied().unwrap_or(edge);
                let f = classes[i + 1..].iter().find(|c| stop(**c)).copied().unwrap_or(edge);
                proptest::prop_assert_eq!(back[i], b);
                proptest::prop_assert_eq!(forward[i], f);
            }
        }
    }

    #[test]
    fn a_middle_dot_inside_a_name_is_not_a_menu_separator() {
        assert!(is_menu_like("首页 · 新闻 · 财经 · 体育", false));
        assert!(is_menu_like("Home · News · Sport", false));
        assert!(!is_menu_like(
            "研究中心主任哈立德·泰穆尔·阿克拉姆指出，中美元首旧金山会晤为改善两国关系带来希望。",
            false
        ));
    }

    #[test]
    fn a_long_thai_line_is_prose_without_a_full_stop() {
        let langs = Languages::new();
        let line = "นายกรัฐมนตรีเดินทางไปเยี่ยมชาวบ้านที่ได้รับผลกระทบจากน้ำท่วมในจังหวัดเชียงใหม่ เมื่อวันเสาร์ที่ผ่านมา และสั่งให้หน่วยงานที่เกี่ยวข้องเร่งให้ความช่วยเหลือโดยเร็วที่สุด";
        let f = features(line, Some("th"), langs.stopwords("th"));
        assert_eq!(classify(&f, &Thresholds::for_document(&[])), Class::Good);
        // A short one is left to its context, as in any language.
        let f = features("เรื่องที่เกี่ยวข้อง", Some("th"), langs.stopwords("th"));
        assert_eq!(classify(&f, &Thresholds::for_document(&[])), Class::Short);
        // One of middling length is nearly prose (review 18: a story's
        // last line went).
        let line = "ประชาชนสามารถแจ้งเหตุน้ำท่วมขังได้ที่สายด่วน 1555 ตลอด 24 ชั่วโมง ทุกวันไม่เว้นวันหยุด";
        let f = features(line, Some("th"), langs.stopwords("th"));
        assert_eq!(
            classify(&f, &Thresholds::for_document(&[])),
            Class::NearGood
        );
    }

    #[test]
    fn picture_credits_of_more_forms_end_captions() {
        for caption in [
            "Firefighters at the scene on Main Street on Sunday evening (Photo courtesy of Springdale Fire Department)",
            "Des agriculteurs manifestent devant la préfecture de Quimper (Photo d'illustration : Fred Tanneau / AFP)",
            "I turisti in fila davanti al murale di Maradona (foto Ansa)",
            "Le nouveau marché couvert a accueilli ses premiers clients samedi. Photo Progrès/Claire MOREAU",
            "A reference habitation module compared to its hibernation-based equivalent. Credit: ESA",
            "Puerto de Montevideo. Foto: Archivo El País.",
            "The golf course was meticulously restored during the property’s restoration. Supplied",
        ] {
            assert!(ends_in_credit(caption), "{caption}");
        }
        // A label inside a sentence, or a long tail after it, is no credit.
        for prose in [
            "The agency said the Image: Bloomberg headline was wrong",
            "The museum opened on Sunday. Photo: visitors were asked to leave their cameras at the door of the hall",
            "Shares in the maker of the gadget rose on the news. Shutterstock said nothing",
        ] {
            assert!(!ends_in_credit(prose), "{prose}");
        }
        assert!(is_japanese_caption(
            "記者会見する日銀の植田和男総裁＝１９日午後、東京都中央区（共同）"
        ));
        assert!(is_japanese_caption(
            "開所式でテープカットする関係者ら＝２０２４年２月２４日午後、熊本県菊陽町、田中太郎撮影"
        ));
        assert!(!is_japanese_caption("政府は（共同）声明を発表した。"));
        // A sentence about a photo is none.
        assert!(!ends_in_credit(
            "The photo shows the mayor at the opening of the new library (Photo of the year)"
        ));
    }

    #[test]
    fn a_sentence_of_a_dense_script_is_no_short_line() {
        let langs = Languages::new();
        let t = Thresholds::for_document(&[]);
        let line =
            "市場では、政策変更は事前に織り込まれていたとの見方が多く、円相場への影響は限られた。";
        let f = features(line, Some("ja"), langs.stopwords("ja"));
        assert_ne!(classify(&f, &t), Class::Short);
        // Without its stop it is a heading or a menu's item, short.
        let f = features(
            &line[..line.len() - "。".len()],
            Some("ja"),
            langs.stopwords("ja"),
        );
        assert_eq!(classify(&f, &t), Class::Short);
    }

    #[test]
    fn a_quote_after_a_dash_is_prose_without_stop_words() {
        let langs = Languages::new();
        let t = Thresholds::for_document(&[]);
        let quote = "– Haluamme tietää, onko raitiotie realistinen vaihtoehto Vaasan kokoiselle kaupungille, sanoo kaupunginjohtaja.";
        let f = features(quote, Some("fi"), langs.stopwords("fi"));
        assert_eq!(classify(&f, &t), Class::NearGood);
        // Without the dash, its long words still make it nearly prose; a
        // sentence of short words and no stop word (a list of names) is not.
        let f = features(&quote[4..], Some("fi"), langs.stopwords("fi"));
        assert_eq!(classify(&f, &t), Class::NearGood);
        let names = "Virtanen, Korhonen, Nieminen, Mäkinen, Hämäläinen, Laine, Heikkinen, Koskinen, Järvinen.";
        let f = features(names, Some("fi"), langs.stopwords("fi"));
        assert_eq!(classify(&f, &t), Class::Bad(reason::LOW_DENSITY));
    }

    #[test]
    fn a_short_text_of_long_words_sets_its_own_density() {
        let langs = Languages::new();
        let lines = [
            "Helsingin kaupunginvaltuusto päätti keskiviikkona lakkauttaa kuusi lähikirjastoa, kertoo kaupunki.",
            "Uusi linja kulkee Kalasatamasta Pasilaan ja matka kestää noin kaksikymmentä minuuttia.",
            "Rakennustyöt ovat kestäneet neljä vuotta ja maksaneet noin 200 miljoonaa euroa.",
        ];
        let features: Vec<Features> = lines
            .iter()
            .map(|l| features(l, Some("fi"), langs.stopwords("fi")))
            .collect();
        assert!(features.iter().all(|f| f.words < 12));
        // No line of twelve words: its lines of eight set the thresholds,
        // well under the defaults made for English.
        let t = Thresholds::for_document(&features);
        assert!(t.high < STOPWORDS_HIGH && t.bad_below < STOPWORDS_BAD);
        assert_eq!(classify(&features[1], &t), Class::Good);
        assert_eq!(
            classify(&features[1], &Thresholds::for_document(&[])),
            Class::NearGood
        );
    }

    #[test]
    fn pagers_are_runs_of_page_numbers_and_arrows() {
        let lines = [
            "Story", "<<", "<", "1", "2", "3", ">", ">>", "Text.", "1", "Text.", "2014", "12", "7",
            "Points", "25", "17", "35",
        ];
        // The last figures are a table's column, not pages.
        assert_eq!(pager_runs(&lines), [(1, 8)]);
    }

    #[test]
    fn ranked_lists_are_ranks_each_before_one_headline() {
        let lines = [
            "Most Read",
            "1",
            "Battle-Scarred Viking Shield-Maiden Gets Facial Reconstruction",
            "2",
            "Here's What Sugar Does to Your Brain",
            "3",
            "Mysterious Gravitational Wave Sparks Days-Long Hunt",
            "Terms and conditions",
        ];
        assert_eq!(ranked_lists(&lines), [(1, 7)]);
        // A recipe's steps are sentences; a how-to's sections run on.
        let steps = [
            "1",
            "Sift the flour and the sugar into a bowl.",
            "2",
            "Add the egg and the soft butter to the bowl.",
            "3",
            "Knead quickly until the dough comes together.",
        ];
        assert!(ranked_lists(&steps).is_empty());
        let sections = [
            "1",
            "Check the tyre for damage first",
            "Look for cuts in the tread and the sidewall before you start.",
            "2",
            "Remove the old inner tube carefully",
            "Let all the air out and push the bead into the rim's centre.",
            "3",
            "Fit the valve and seal the rim",
        ];
        assert!(ranked_lists(&sections).is_empty());
    }

    #[test]
    fn a_date_or_time_alone_on_its_line_is_a_stamp() {
        let langs = Languages::new();
        let stamp = |line: &str| features(line, Some("de"), langs.stopwords("de")).stamp;
        for line in [
            "25.10.2025 - 15:26 Uhr",
            "Publiziert: 01.07.2023, 11:16",
            "23. April 2024",
            "April 25, 2024",
            "13:00 •",
            "10/07/2026 00:50 Actualizado a 10/07/2026 22:39",
            "2024年4月23日",
            "Fredag den 24. oktober 2025, kl. 14:51",
            "Publié le 03/03/2008 à 14h22",
            "miércoles, 4 de mayo de 2022 00:00 hs",
            "First Published: Tuesday, November 19, 2019 08:38 AM",
            "Article mis à jour le 7 janvier 2020.",
        ] {
            assert!(stamp(line), "{line}");
        }
        for line in [
            "Die Bundesliga-Saison 2023/2024",
            "1 Kyle Busch 5040 5 1 17 27",
            "Am 23. April 2024 hat der Stadtrat den Haushalt für das kommende Jahr beschlossen.",
            "Termin: 29.02.2020, 19 Uhr",
            "Einsendeschluss: 03.11.2019 (Poststempel)",
            "-12.99",
            "The vote is set for March 3, 2025.",
        ] {
            assert!(!stamp(line), "{line}");
        }
        let f = features("25.10.2025 - 15:26 Uhr", Some("de"), langs.stopwords("de"));
        assert_eq!(
            classify(&f, &Thresholds::for_document(&[])),
            Class::Bad(reason::STAMP)
        );
    }

    #[test]
    fn numbered_list_items() {
        let lines = [
            "Intro",
            "1) Blade Runner (4K)",
            "2. Magnum P.I.",
            "2) Indiana Jones",
            "http://amzn.to/2hWxAKk",
            "3) Dark Side of the Moon",
            "4) MTV Unplugged",
            "2021 was a year",
            "a",
            "b",
            "5) Alone",
        ];
        assert_eq!(numbered_lists(&lines), [vec![3, 5, 6]]);
        assert_eq!(item_number("10 - Ten"), Some(10));
        assert_eq!(item_number("2021 was a year"), None);
        assert_eq!(item_number("3.5 million"), None);
    }

    #[test]
    fn tables_are_runs_of_rows() {
        let lines = [
            "Intro",
            "| file | speed |",
            "|---|---|",
            "| a.json | 2 GB/s |",
            "Between",
            "| alone |",
            "|",
            "| not a row",
            "Outro",
        ];
        assert_eq!(table_rows(&lines), [vec![1, 2, 3]]);
    }

    #[test]
    fn main_span_skips_far_prose() {
        use Class::*;
        let b = Bad(reason::MENU);
        let classes = [Good, b, b, b, b, b, Good, Good, b, Good, b, b];
        let words = [30, 2, 2, 20, 2, 10, 50, 60, 3, 40, 2, 2];
        assert_eq!(
            main_span(&classes, &words).map(|(s, e, _)| (s, e)),
            Some((6, 10))
        );
        assert_eq!(main_span(&[b, b], &[1, 1]), None);
    }
    #[test]
    fn bulleted_teasers_are_a_story_list() {
        let lines = [
            "Mehr zum Thema finden Sie im Zins-Check:",
            "- Bauzinsen: Dieser Kurswechsel birgt „Überraschungspotenzial“",
            "- Baufinanzierung: Frühindikator liefert deutliches Zins-Signal",
            "- Baufinanzierung: Experte warnt vor teurem Fehler",
            "Veit sieht die Wahrscheinlichkeit für weitere Schritte als gering an.",
        ];
        assert_eq!(story_lists(&lines), [vec![1, 2, 3]]);
        // The article's own bullet points are sentences or plain items.
        let points = [
            "- Das Handy verfügt über 8 GByte RAM.",
            "- Ein neuer Chip soll für mehr Akkulaufzeit sorgen.",
            "- Arrowhead bottled water",
            "- Trail mix",
        ];
        assert!(story_lists(&points).is_empty());
        // References and lists of names have colons but no headlines.
        let references = [
            "- Rose, J. D. (2010): The Neurobehavioral Nature of Fishes",
            "- Sneddon, L.U. (2019): Evolution of nociception and pain",
            "- Argentina: ESPN Argentina, Fox Sports Argentina y Star+",
        ];
        assert!(story_lists(&references).is_empty());
    }

    #[test]
    fn headlines_with_one_paragraph_blurbs_are_a_teaser_list() {
        let blurb = "Der Hersteller der Batteriezüge für die Strecke zwischen Chemnitz und Leipzig \
                     hat die Lieferung erneut verschoben, teilte die Bahn mit.";
        let lines = [
            "Das könnte Sie auch interessieren",
            "29.04.2024 Aue",
            "Paukenschlag im Erzgebirge: Weberei Curt Bauer meldet Insolvenz an",
            blurb,
            "26.04.2024 Chemnitz",
            "Die Kreativachse zwischen Brühl und Sonnenberg kommt nicht auf Touren",
            blurb,
            "30.04.2024 Fußball Frankfurt/Main",
            "Nur noch zwei Bewerber: DFB ringt mit Brasilien",
            blurb,
            "Impressum",
        ];
        let words = |lines: &[&str]| -> Vec<usize> {
            lines.iter().map(|l| l.split_whitespace().count()).collect()
        };
        assert_eq!(teaser_runs(&lines, &words(&lines)), [(2, 10)]);
        // Two are not a list; an FAQ's questions are the article's own.
        assert!(teaser_runs(&lines[..7], &words(&lines[..7])).is_empty());
        let faq: Vec<&str> = lines
            .iter()
            .map(|l| {
                if teaser_headline(l, l.split_whitespace().count()) {
                    "Wie viel kostet ein neuer Zug für die Strecke?"
                } else {
                    l
                }
            })
            .collect();
        assert!(teaser_runs(&faq, &words(&faq)).is_empty());
        // Sections of an article run longer than one short paragraph.
        let long = format!("{blurb} {blurb} {blurb}");
        let sections: Vec<&str> = lines
            .iter()
            .map(|l| if *l == blurb { long.as_str() } else { l })
            .collect();
        assert!(teaser_runs(&sections, &words(&sections)).is_empty());
    }

    #[test]
    fn unpunctuated_headlines_in_a_row_are_a_teaser_list() {
        let lines = [
            "Karren Brady's daughter flaunts her curves in plum lingerie during a photoshoot Stunning",
            "Made In Chelsea's Ollie Locke 'marries his boyfriend Gareth in a secret ceremony with co-star'",
            "Amanda Holden, 49, marks pal Tamzin Outhwaite's 50th birthday with a stunning bikini throwback snap",
            "Did Lily James bend the rules? Actress and Dominic Cooper have boozy business dinner in first outing",
            "Advertisement",
            "'Haven't we suffered enough?' James Blunt gets into a Twitter spat with Piers Morgan after he poked fun",
            "Lizzie Cundy, 52, flaunts her pert posterior in a skimpy white swimsuit as she shares throwback snap Cheeky",
            "Ten companies that could help you grow your wealth and protect your finances this winter Ad Feature",
        ];
        let page: Vec<&str> = ["Stars of the week", "Advertisement"]
            .into_iter()
            .chain(lines)
            .collect();
        let words: Vec<usize> = page.iter().map(|l| l.split_whitespace().count()).collect();
        assert_eq!(headline_runs(&page, &words), [(2, 10)]);
        // Never the headline and the lead.
        let words: Vec<usize> = lines.iter().map(|l| l.split_whitespace().count()).collect();
        assert!(headline_runs(&lines, &words).iter().all(|&(s, _)| s >= 2));
        // Five are not enough; two lines apart break the list.
        let mut broken = page.clone();
        broken.insert(7, "Most read");
        let words: Vec<usize> = broken
            .iter()
            .map(|l| l.split_whitespace().count())
            .collect();
        assert!(headline_runs(&broken, &words).is_empty());
        // An interview's answers end in a closing quote, German or not;
        // paragraphs end their sentences.
        let prose = [
            "„Als Eltern dachten wir ziemlich frei. Unsere Beziehung zu den Kindern basierte auf Vertrauen.“",
            "„Ich habe sie danach nie wieder gesehen, und ich weiß bis heute nicht, was dort geschah.“",
            "»Wir wussten nicht, wie lange es dauern würde, und niemand sagte uns etwas darüber.«",
            "The council said the roof would be finished by the end of the month, weeks later than planned.",
            "'We will not let this happen again,' the mayor told reporters outside the town hall on Monday.'",
            "Residents said they had waited for years and that nobody had ever explained the delays to them.",
            "They plan to meet again in the spring, when the first results of the survey are expected to be in",
            "„Wir haben uns in falscher Sicherheit gewogen, und das haben wir alle teuer bezahlt.“",
        ];
        let words: Vec<usize> = prose.iter().map(|l| l.split_whitespace().count()).collect();
        assert!(headline_runs(&prose, &words).is_empty());
        // An article's references name authors `et al` or give addresses.
        let mut cited: Vec<String> = page.iter().map(|l| l.to_string()).collect();
        for (k, line) in cited.iter_mut().enumerate().skip(2) {
            if k % 2 == 0 {
                line.push_str(" Nature Medicine 2025 https://doi.org/10.1038/s41591");
            } else {
                line.insert_str(0, "Nihart A J et al ");
            }
        }
        let cited: Vec<&str> = cited.iter().map(String::as_str).collect();
        let words: Vec<usize> = cited.iter().map(|l| l.split_whitespace().count()).collect();
        assert!(headline_runs(&cited, &words).is_empty());
    }

    #[test]
    fn headlines_cut_to_length_in_a_row_are_a_teaser_list() {
        let lines = [
            "The council said the roof would be finished by the end of the month, weeks later than planned.",
            "Latest Articles",
            "CDPJ's Noda Stresses His Pragmatism at Debate, Says Diplomacy as ...",
            "Japan's Prime Minister Ishiba Considering Meeting with U.S. Presi...",
            "Popular",
            "Hidankyo Leaders Hope Nobel Will Lead to End of Nukes; Cochair Ai…",
            "Subscribe",
        ];
        let words: Vec<usize> = lines.iter().map(|l| l.split_whitespace().count()).collect();
        assert_eq!(cut_headline_runs(&lines, &words), [(2, 6)]);
        // Two are not a list, nor are sentences of the story that trail off.
        assert!(cut_headline_runs(&lines[..5], &words[..5]).is_empty());
        let trailing = [
            "Da musste noch mehr dahinter stecken. Aber was…",
            "And then he stopped. And waited...",
            "Nothing more to say … or was there…",
        ];
        let words: Vec<usize> = trailing
            .iter()
            .map(|l| l.split_whitespace().count())
            .collect();
        assert!(cut_headline_runs(&trailing, &words).is_empty());
    }
}
