//! Text repair in the spirit of Python's ftfy: undo the damage that scraping
//! does to text, and never touch text that was right.
//!
//! A [`Repairer`] fixes five kinds of damage, in this order, and counts every
//! repair in a [`Repairs`]:
//!
//! 1. **entities**: HTML character references left in the text (`&amp;`,
//!    `&rsquo;`, `&#8217;`, `&#x2019;`), only well-formed ones that end in `;`
//!    and name a real entity or a usable character, so `AT&T`, `R&D` and
//!    `&amp` without its `;` stay as they are. A decoded `&` that starts
//!    another reference (`&amp;lt;`) is decoded again. Names come from the
//!    WHATWG table in `html-escape`; numeric references to 128–159 mean what
//!    browsers make of them (Windows-1252).
//! 2. **mojibake**: UTF-8 that was decoded as Windows-1252 or Latin-1
//!    (`donâ€™t` → `don’t`, `cafÃ©` → `café`, `Ð¿Ñ€Ð¸` → `при`), double
//!    encoding included. Characters that Windows-1252 (or Latin-1 for
//!    U+0080–U+009F) encodes as one high byte are read back as bytes; a UTF-8
//!    lead byte followed by the right number of continuation bytes is a
//!    candidate sequence, adjacent sequences form a cluster, and a cluster is
//!    replaced by what its bytes decode to only when every character it
//!    decodes to is a plausible one (Latin, Greek, Cyrillic, Hebrew, Arabic,
//!    punctuation, CJK, emoji, … but not NKo, Syriac, IPA or private use).
//!    A lone sequence also has to look like mojibake in its context:
//!    `„Fuß“`, `«ACCIÓ»`, `NESCAFÉ™`, `GENÇ’in`, `«COSÌ»`, `“Ã”` and
//!    `café…»` are words and punctuation, not mojibake. One count per
//!    cluster.
//! 3. **control**: C0 controls other than tab, line feed and carriage return,
//!    DEL, C1 controls, and the invisible U+00AD (soft hyphen), U+200B,
//!    U+2060 and U+FEFF are removed, one count per character. U+200C and
//!    U+200D (needed by Persian, Indic scripts and emoji) are kept.
//! 4. **spaces**: no-break, typographic and ideographic spaces (U+00A0,
//!    U+2000–U+200A, U+202F, U+205F, U+3000) become a plain space, one count
//!    per character. Runs of spaces and line breaks are left alone.
//! 5. **normalized**: the text is put in Unicode NFC; one count per document.
//!
//! One repair can reveal another (a control character inside mojibake,
//! `&amp&#59;`), so the steps run again on the repaired text
//! until it stops changing: the output is a fixed point, and repairing it
//! again changes nothing.
//!
//! Text that needs nothing is returned borrowed, without allocating: pure
//! ASCII text without `&` or control characters after one vectorized scan,
//! other text after a few (for `&`, for mojibake lead characters, for the
//! bytes of the characters the control and space steps change, and for
//! characters that NFC may change, most scripts being skipped without a
//! table lookup).

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// How many times the steps may run over one document; each run after the
/// first only happens when the one before changed something.
const MAX_PASSES: usize = 8;

/// Counts of repairs by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Repairs {
    /// Clusters of mojibake decoded back to the text they were meant to be.
    pub mojibake: u64,
    /// HTML character references decoded.
    pub entities: u64,
    /// Control and invisible characters removed.
    pub control: u64,
    /// Unusual space characters replaced by a plain space, and line breaks
    /// other than `\n` and `\r\n` (a lone `\r`, form feed, vertical tab,
    /// U+0085, U+2028, U+2029) replaced by `\n`.
    pub spaces: u64,
    /// 1 when the document was put in Unicode NFC, else 0.
    pub normalized: u64,
}

impl Repairs {
    /// The number of repairs of all kinds.
    pub fn total(&self) -> u64 {
        self.mojibake + self.entities + self.control + self.spaces + self.normalized
    }

    /// Adds `other`'s counts to these, kind by kind (to sum over documents).
    pub fn add(&mut self, other: &Repairs) {
        self.mojibake += other.mojibake;
        self.entities += other.entities;
        self.control += other.control;
        self.spaces += other.spaces;
        self.normalized += other.normalized;
    }

    /// Each kind's name and count, in a fixed order: `mojibake`, `entities`,
    /// `control`, `spaces`, `normalized`.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, u64)> {
        [
            ("mojibake", self.mojibake),
            ("entities", self.entities),
            ("control", self.control),
            ("spaces", self.spaces),
            ("normalized", self.normalized),
        ]
        .into_iter()
    }
}

/// Repairs text (mojibake, HTML entities, control characters, odd spaces,
/// NFC). Build it once and share it: it is cheap to use from many threads.
///
/// ```
/// use newsclean_cleanup::Repairer;
///
/// let repairer = Repairer::new();
/// let (text, repairs) = repairer.repair("Donâ€™t say &quot;cafÃ©&quot;");
/// assert_eq!(text, "Don’t say \"café\"");
/// assert_eq!((repairs.mojibake, repairs.entities), (2, 2));
///
/// // Text that was right comes back borrowed, with nothing counted.
/// let (text, repairs) = repairer.repair("AT&T in São Paulo: „Grüß Gott“");
/// assert!(matches!(text, std::borrow::Cow::Borrowed(_)));
/// assert_eq!(repairs.total(), 0);
/// ```
#[derive(Clone, Debug)]
pub struct Repairer {
    /// What Windows-1252 bytes 0x80–0x9F decode to; `None` for the five
    /// bytes it leaves undefined.
    cp1252_high: [Option<char>; 32],
    /// The characters above U+00FF that Windows-1252 encodes as one byte,
    /// sorted by character, with that byte.
    cp1252_specials: Vec<(char, u8)>,
}

impl Default for Repairer {
    fn default() -> Repairer {
        Repairer::new()
    }
}

/// One candidate mojibake sequence: a lead character and its continuation
/// characters, read back as the bytes of one UTF-8 character.
#[derive(Clone, Copy, Debug)]
struct Seq {
    /// Byte offset of the lead character in the text.
    start: usize,
    /// Byte offset just past the last continuation character.
    end: usize,
    /// The character the bytes decode to.
    decoded: char,
    /// The lead character as it stands in the text (`Ã`, `â`, `Ð`, …).
    lead: char,
    /// The first continuation character as it stands in the text.
    cont: char,
    /// Whether every continuation character is closing punctuation
    /// ([`CLOSING`]), as after the last letter of a word (`café…»`).
    closing_conts: bool,
}

/// A decoded character reference.
#[derive(Clone, Copy, Debug)]
enum Reference {
    Named(&'static str),
    Char(char),
}

impl Reference {
    fn is_ampersand(self) -> bool {
        matches!(self, Reference::Named("&") | Reference::Char('&'))
    }

    fn push_to(self, out: &mut String) {
        match self {
            Reference::Named(s) => out.push_str(s),
            Reference::Char(c) => out.push(c),
        }
    }
}

impl Repairer {
    /// Builds a repairer (the Windows-1252 tables, from `encoding_rs`).
    pub fn new() -> Repairer {
        let high_bytes: Vec<u8> = (0x80..=0x9F).collect();
        let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&high_bytes);
        let mut cp1252_high = [None; 32];
        let mut cp1252_specials = Vec::new();
        for (byte, c) in high_bytes.iter().zip(decoded.chars()) {
            if u32::from(c) >= 0x100 {
                cp1252_high[usize::from(byte - 0x80)] = Some(c);
                cp1252_specials.push((c, *byte));
            }
        }
        cp1252_specials.sort_unstable();
        Repairer {
            cp1252_high,
            cp1252_specials,
        }
    }

    /// Repairs `text`, returning it borrowed (and all counts zero) when
    /// nothing needed repair, else the repaired text and what was done.
    pub fn repair<'a>(&self, text: &'a str) -> (Cow<'a, str>, Repairs) {
        let mut counts = Repairs::default();
        let Some(mut current) = self.pass(text, &mut counts) else {
            return (Cow::Borrowed(text), counts);
        };
        for _ in 1..MAX_PASSES {
            match self.pass(&current, &mut counts) {
                Some(next) => current = next,
                None => break,
            }
        }
        counts.normalized = counts.normalized.min(1);
        (Cow::Owned(current), counts)
    }

    /// Runs every step once; `None` when nothing changed.
    fn pass(&self, text: &str, counts: &mut Repairs) -> Option<String> {
        if is_plain_ascii(text.as_bytes()) {
            return None;
        }
        let mut current = Cow::Borrowed(text);
        if let Some(fixed) = self.decode_entities(&current, &mut counts.entities) {
            current = Cow::Owned(fixed);
        }
        if let Some(fixed) = self.fix_mojibake(&current, None, None, &mut counts.mojibake) {
            current = Cow::Owned(fixed);
        }
        if let Some(fixed) = fix_controls_and_spaces(&current, counts) {
            current = Cow::Owned(fixed);
        }
        if let Some(normal) = to_nfc(&current) {
            counts.normalized += 1;
            current = Cow::Owned(normal);
        }
        match current {
            Cow::Borrowed(_) => None,
            Cow::Owned(fixed) => Some(fixed),
        }
    }

    // ----- entities -----

    /// Decodes well-formed character references; `None` when there are none.
    fn decode_entities(&self, text: &str, count: &mut u64) -> Option<String> {
        let bytes = text.as_bytes();
        let mut out: Option<String> = None;
        let mut copied = 0;
        let mut pos = 0;
        while let Some(offset) = memchr::memchr(b'&', &bytes[pos..]) {
            let amp = pos + offset;
            let Some((len, mut value)) = self.parse_reference(&bytes[amp + 1..]) else {
                pos = amp + 1;
                continue;
            };
            let mut end = amp + 1 + len;
            let mut decoded = 1;
            // `&amp;lt;` is `&lt;` escaped once more: decode it all the way.
            while value.is_ampersand() {
                let Some((len, next)) = self.parse_reference(&bytes[end..]) else {
                    break;
                };
                end += len;
                decoded += 1;
                value = next;
            }
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..amp]);
            value.push_to(o);
            *count += decoded;
            copied = end;
            pos = end;
        }
        let mut out = out?;
        out.push_str(&text[copied..]);
        Some(out)
    }

    /// Parses a reference from the bytes after a `&`: its length (up to and
    /// including the `;`) and value.
    fn parse_reference(&self, rest: &[u8]) -> Option<(usize, Reference)> {
        if rest.first() == Some(&b'#') {
            let hex = matches!(rest.get(1), Some(b'x' | b'X'));
            let digits_start = if hex { 2 } else { 1 };
            let radix = if hex { 16 } else { 10 };
            let mut value: u32 = 0;
            let mut i = digits_start;
            while let Some(digit) = rest.get(i).and_then(|&b| char::from(b).to_digit(radix)) {
                if i - digits_start >= 8 {
                    return None;
                }
                value = value * radix + digit;
                i += 1;
            }
            if i == digits_start || rest.get(i) != Some(&b';') {
                return None;
            }
            return Some((i + 1, Reference::Char(self.numeric_reference(value)?)));
        }
        let name_len = rest
            .iter()
            .take(33)
            .position(|b| !b.is_ascii_alphanumeric())?;
        if name_len == 0 || !rest[0].is_ascii_alphabetic() || rest[name_len] != b';' {
            return None;
        }
        let name = &rest[..name_len];
        let index = html_escape::NAMED_ENTITIES
            .binary_search_by(|(entity, _)| (*entity).cmp(name))
            .ok()?;
        Some((
            name_len + 1,
            Reference::Named(html_escape::NAMED_ENTITIES[index].1),
        ))
    }

    /// The character a numeric reference stands for, as browsers read it;
    /// `None` for references to nothing usable (NUL, controls, surrogates,
    /// noncharacters, past U+10FFFF), which stay as they are.
    fn numeric_reference(&self, value: u32) -> Option<char> {
        match value {
            0x09 | 0x0A => char::from_u32(value),
            0x00..=0x1F | 0x7F => None,
            0x80..=0x9F => self.cp1252_high[(value - 0x80) as usize],
            0xFDD0..=0xFDEF => None,
            _ if value & 0xFFFE == 0xFFFE => None,
            _ => char::from_u32(value),
        }
    }

    // ----- mojibake -----

    /// The byte Windows-1252 (or Latin-1, for U+0080–U+009F) encodes `c` as,
    /// for characters above ASCII.
    fn high_byte(&self, c: char) -> Option<u8> {
        match u32::from(c) {
            v @ 0x80..=0xFF => u8::try_from(v).ok(),
            0..=0x7F => None,
            _ => self
                .cp1252_specials
                .binary_search_by_key(&c, |&(special, _)| special)
                .ok()
                .map(|i| self.cp1252_specials[i].1),
        }
    }

    /// Reads a candidate sequence starting at byte `start`, where the text
    /// holds a character U+00C2–U+00F4 (a UTF-8 lead byte once encoded).
    fn sequence_at(&self, text: &str, start: usize) -> Option<Seq> {
        let mut chars = text[start..].char_indices();
        let (_, lead) = chars.next()?;
        let lead_byte = self.high_byte(lead)?;
        let len = match lead_byte {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return None,
        };
        let mut buf = [lead_byte, 0, 0, 0];
        let mut cont = '\0';
        let mut closing_conts = true;
        let mut end = start;
        for slot in buf.iter_mut().take(len).skip(1) {
            let (offset, c) = chars.next()?;
            let byte = self.high_byte(c).filter(|b| (0x80..=0xBF).contains(b))?;
            if cont == '\0' {
                cont = c;
            }
            closing_conts &= CLOSING.contains(&c);
            *slot = byte;
            end = start + offset + c.len_utf8();
        }
        let decoded = std::str::from_utf8(&buf[..len]).ok()?.chars().next()?;
        Some(Seq {
            start,
            end,
            decoded,
            lead,
            cont,
            closing_conts,
        })
    }

    /// The next candidate sequence at or after byte `from`.
    fn next_sequence(&self, text: &str, mut from: usize) -> Option<Seq> {
        let bytes = text.as_bytes();
        while let Some(offset) = memchr::memchr(0xC3, &bytes[from..]) {
            let at = from + offset;
            // A lead character U+00C2–U+00F4, then a character that
            // Windows-1252 encodes as a continuation byte: U+0080–U+00BF
            // (0xC2) or one of its specials (0xC5, 0xC6, 0xCB, 0xE2).
            let lead = bytes.get(at + 1).is_some_and(|b| (0x82..=0xB4).contains(b));
            let cont = bytes
                .get(at + 2)
                .is_some_and(|b| matches!(b, 0xC2 | 0xC5 | 0xC6 | 0xCB | 0xE2));
            if lead
                && cont
                && let Some(seq) = self.sequence_at(text, at)
            {
                return Some(seq);
            }
            from = at + 1;
        }
        None
    }

    /// Fixes mojibake clusters in `text`; `before` and `after` are the
    /// characters around `text` when it is a piece of a larger text.
    fn fix_mojibake(
        &self,
        text: &str,
        before: Option<char>,
        after: Option<char>,
        count: &mut u64,
    ) -> Option<String> {
        let mut first = self.next_sequence(text, 0)?;
        let mut out: Option<String> = None;
        let mut copied = 0;
        let mut cluster: Vec<Seq> = Vec::new();
        loop {
            cluster.clear();
            cluster.push(first);
            let start = first.start;
            let mut end = first.end;
            while let Some(seq) = self.sequence_at(text, end) {
                end = seq.end;
                cluster.push(seq);
            }
            let prev = text[..start].chars().next_back().or(before);
            let next = text[end..].chars().next().or(after);
            let resume = if accept_cluster(&cluster, prev, next) {
                let mut decoded: String = cluster.iter().map(|s| s.decoded).collect();
                // Double encoding: the decoded text may be mojibake itself.
                // Each round is strictly shorter, so this ends.
                let mut ignored = 0;
                while let Some(again) = self.fix_mojibake(&decoded, prev, next, &mut ignored) {
                    decoded = again;
                }
                let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
                o.push_str(&text[copied..start]);
                o.push_str(&decoded);
                copied = end;
                *count += 1;
                end
            } else {
                // Skip the first sequence only: the rest may stand alone.
                first.end
            };
            match self.next_sequence(text, resume) {
                Some(seq) => first = seq,
                None => break,
            }
        }
        let mut out = out?;
        out.push_str(&text[copied..]);
        Some(out)
    }
}

/// Punctuation that legitimately follows a word (Portuguese `IRMÃ”` in
/// capitals, Danish `»Ø«`), and the no-break space.
const CLOSING: [char; 13] = [
    '…', '’', '‘', '“', '”', '„', '»', '«', '›', '‹', '–', '—', '\u{A0}',
];

/// Whether a cluster of candidate sequences is mojibake, given the
/// characters before and after it.
fn accept_cluster(cluster: &[Seq], prev: Option<char>, next: Option<char>) -> bool {
    let prev_alpha = prev.is_some_and(char::is_alphabetic);
    if !cluster.iter().all(|s| plausible(s.decoded)) {
        return false;
    }
    // A combining mark needs a letter to sit on.
    if is_combining(cluster[0].decoded) && !prev_alpha {
        return false;
    }
    match cluster {
        [one] => lone_sequence_is_mojibake(one, prev, next),
        _ => true,
    }
}

/// Context rules for a lone sequence, where real text and mojibake overlap
/// most: an accented capital followed by punctuation (`„Fuß“`, `«ACCIÓ»`,
/// `È\u{A0}stato`) or a letter (`ÚŽASNÝ`).
fn lone_sequence_is_mojibake(seq: &Seq, prev: Option<char>, next: Option<char>) -> bool {
    let prev_alpha = prev.is_some_and(char::is_alphabetic);
    let prev_upper = prev.is_some_and(char::is_uppercase);
    let next_alpha = next.is_some_and(char::is_alphabetic);
    let decoded = u32::from(seq.decoded);
    match seq.decoded.len_utf8() {
        2 => {
            // A letter in quotes: “Ã”, «Â», „Ö“, »Ø«.
            let opening =
                prev.is_some_and(|p| matches!(p, '“' | '‘' | '«' | '‹' | '„' | '‚' | '»' | '›'));
            let closing = matches!(seq.cont, '”' | '’' | '»' | '›' | '“' | '‘' | '«' | '‹');
            if opening && closing && !next_alpha {
                return false;
            }
            // `Â` before a symbol or a no-break space is mojibake's
            // signature (`Â©`, `Â»`, `Â `); no word ends in `Â` + symbol.
            if seq.lead == 'Â' {
                return true;
            }
            // A lone Greek, Cyrillic, Hebrew or Arabic letter glued to a
            // word is an accented capital followed by a symbol or letter.
            if decoded >= 0x370 && (prev_alpha || next_alpha) {
                return false;
            }
            let cont = seq.cont;
            if ('\u{80}'..='\u{9F}').contains(&cont) || cont.is_alphabetic() {
                // C1 controls are never right; letters after an accented
                // capital are rarely both in the Windows-1252 high half.
                return true;
            }
            // From here on `cont` is punctuation or a symbol: is the lead
            // an accented capital ending a word (`IRMÃ”`, `«ACCIÓ»`,
            // `NESCAFÉ™`, `GENÇ’in`)?
            let word_end = !next_alpha || cont == '\u{A0}';
            if seq.lead == 'Ã' {
                // `Ã‰` after a capital is still mojibake (`CAFÃ‰`, `ESPAÃ‘A`);
                // only a word in `Ã` before closing punctuation is Portuguese.
                return !(word_end && prev_upper && CLOSING.contains(&cont));
            }
            // An apostrophe ends a word too (Turkish `GENÇ’İN`).
            if !word_end && cont != '’' {
                return true;
            }
            if prev_upper {
                return false;
            }
            if !prev_alpha {
                // A one-letter word (`È…`, `Å”`, `3×²`, `Ó` and a no-break
                // space), unless it decodes to a Greek or Cyrillic letter
                // (`Î± Î²`, `Ñ” Ð²`), or to a Hebrew or Arabic one after a
                // space (`Ø¯ `).
                let after_space = prev.is_none_or(char::is_whitespace);
                return ((0x370..=0x52F).contains(&decoded) && cont != '\u{A0}')
                    || ((0x530..=0x6FF).contains(&decoded)
                        && after_space
                        && !CLOSING.contains(&cont));
            }
            true
        }
        // Punctuation and symbols (`â€™`, `â‚¬`, `ï»¿`, `ï¼Œ`) always;
        // anything else (CJK, Vietnamese…) unless it is the last letter of a
        // word followed by closing punctuation (`café…»` is not a CJK
        // character).
        3 => is_symbol(decoded) || !prev_alpha || !seq.closing_conts,
        _ => {
            (seq.lead == 'ð' && (0x1F000..=0x1FAFF).contains(&decoded))
                || !prev_alpha
                || !seq.closing_conts
        }
    }
}

/// Characters that mojibake plausibly stands for.
fn plausible(c: char) -> bool {
    matches!(u32::from(c),
        0xA0..=0x23F        // Latin-1 symbols and letters, Latin Extended-A, most of B
        | 0x259             // ə (Azerbaijani)
        | 0x300..=0x33F     // combining diacritics (decomposed text)
        | 0x370..=0x58F     // Greek, Cyrillic, Armenian
        | 0x591..=0x5F4     // Hebrew
        | 0x600..=0x6FF     // Arabic
        | 0x900..=0xDFFF    // the rest of the BMP from Devanagari on, but
        | 0xF900..=0xFDCF   // private use, noncharacters and specials
        | 0xFDF0..=0xFFFD
        | 0x10000..=0x3FFFD // emoji, CJK extensions
        | 0xE0000..=0xE01EF // tags (flag emoji), variation selectors
    ) && !(0xFFF0..=0xFFFC).contains(&u32::from(c))
        && u32::from(c) & 0xFFFE != 0xFFFE
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Punctuation and symbol blocks: general punctuation to miscellaneous
/// symbols and arrows, CJK punctuation, ligatures, variation selectors, the
/// byte order mark, full-width forms and the replacement character.
fn is_symbol(c: u32) -> bool {
    matches!(c,
        0x2000..=0x2BFF | 0x3000..=0x303F | 0xFB00..=0xFB06 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFF00..=0xFFEF | 0xFFFD)
}

// ----- control characters and spaces -----

/// True when the text is ASCII without `&` and without control characters
/// to remove or line ends to change (a `\r` alone): nothing to repair.
/// Written to vectorize.
fn is_plain_ascii(bytes: &[u8]) -> bool {
    bytes.chunks(64).all(|chunk| {
        !chunk.iter().fold(false, |found, &b| {
            let control = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
            found | control | (b >= 0x7F) | (b == b'&')
        })
    }) && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'))
}

/// What the control and space step does to a character.
#[derive(Clone, Copy)]
enum Fix {
    Remove,
    Space,
    Newline,
}

/// The fix for the character starting at `bytes[i]`, if any, and its
/// length. Matches UTF-8 bytes directly: every character it fixes starts
/// with a byte that is never a continuation byte.
fn fix_at(bytes: &[u8], i: usize) -> Option<(Fix, usize)> {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b'\t' | b'\n' => None,
        // Old Mac line ends, page breaks (`pdftotext`), vertical tabs: a
        // line break, not nothing (`said.Residents`).
        b'\r' => (next(1) != b'\n').then_some((Fix::Newline, 1)),
        0x0B | 0x0C => Some((Fix::Newline, 1)),
        // C0 controls and DEL.
        0x00..=0x1F | 0x7F => Some((Fix::Remove, 1)),
        // U+0085 next line; other C1 controls and U+00AD soft hyphen;
        // U+00A0 no-break space.
        0xC2 => match next(1) {
            0x85 => Some((Fix::Newline, 2)),
            0x80..=0x9F | 0xAD => Some((Fix::Remove, 2)),
            0xA0 => Some((Fix::Space, 2)),
            _ => None,
        },
        // U+2000–U+200A, U+202F, U+205F spaces; U+200B, U+2060 removed;
        // U+2028, U+2029 line and paragraph separators.
        0xE2 => match (next(1), next(2)) {
            (0x80, 0x80..=0x8A | 0xAF) | (0x81, 0x9F) => Some((Fix::Space, 3)),
            (0x80, 0x8B) | (0x81, 0xA0) => Some((Fix::Remove, 3)),
            (0x80, 0xA8 | 0xA9) => Some((Fix::Newline, 3)),
            _ => None,
        },
        // U+3000 ideographic space.
        0xE3 => (next(1) == 0x80 && next(2) == 0x80).then_some((Fix::Space, 3)),
        // U+FEFF byte order mark.
        0xEF => (next(1) == 0xBB && next(2) == 0xBF).then_some((Fix::Remove, 3)),
        _ => None,
    }
}

/// The offsets `i` for which `hit(bytes[i], bytes[i + 1], bytes[i + 2])`
/// is true (bytes past the end read as 0), in order. Works on blocks of 64
/// offsets: a block without a hit is skipped with a check the compiler
/// vectorizes, and the hits of a block are found from a bit mask, so both
/// sparse and dense hits are cheap. `hit` looks at up to three bytes so
/// that it can match the few characters that matter, not whole blocks of
/// Unicode that share a lead byte.
fn hits<F>(bytes: &[u8], hit: F) -> impl Iterator<Item = usize>
where
    F: Fn(u8, u8, u8) -> bool + Copy,
{
    let mut next_block = 0;
    let mut base = 0;
    let mut mask = 0u64;
    std::iter::from_fn(move || {
        while mask == 0 {
            if next_block >= bytes.len() {
                return None;
            }
            base = next_block;
            mask = block_mask(bytes, base, hit);
            next_block += 64;
        }
        let bit = mask.trailing_zeros() as usize;
        mask &= mask - 1;
        Some(base + bit)
    })
}

/// Bit `i` set when `hit` is true at offset `base + i`.
#[inline(always)]
fn block_mask<F: Fn(u8, u8, u8) -> bool>(bytes: &[u8], base: usize, hit: F) -> u64 {
    let window = |shift: usize| {
        bytes
            .get(base + shift..base + shift + 64)
            .and_then(|s| <&[u8; 64]>::try_from(s).ok())
    };
    if let (Some(a), Some(b), Some(c)) = (window(0), window(1), window(2)) {
        let any = (0..64).fold(0u8, |any, i| any | u8::from(hit(a[i], b[i], c[i])));
        if any == 0 {
            return 0;
        }
        return (0..64).fold(0, |mask, i| mask | (u64::from(hit(a[i], b[i], c[i])) << i));
    }
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    (base..bytes.len().min(base + 64)).fold(0, |mask, i| {
        mask | (u64::from(hit(byte(i), byte(i + 1), byte(i + 2))) << (i - base))
    })
}

/// Whether the character starting with bytes `b0 b1 b2` is one [`fix_at`]
/// fixes. Exact for valid UTF-8; bitwise operators, not `&&` and `||`, so
/// that it vectorizes.
#[inline(always)]
fn may_fix(b0: u8, b1: u8, b2: u8) -> bool {
    let c0 = (b0 < 0x20) & (b0 != b'\t') & (b0 != b'\n');
    let del = b0 == 0x7F;
    let c1_nbsp_shy = (b0 == 0xC2) & ((b1 <= 0xA0) | (b1 == 0xAD));
    let general = (b0 == 0xE2)
        & (((b1 == 0x80) & ((b2 <= 0x8B) | (b2 == 0xAF)))
            | ((b1 == 0x81) & ((b2 == 0x9F) | (b2 == 0xA0)))
            | ((b1 == 0x80) & ((b2 == 0xA8) | (b2 == 0xA9))));
    let ideographic = (b0 == 0xE3) & (b1 == 0x80) & (b2 == 0x80);
    let bom = (b0 == 0xEF) & (b1 == 0xBB) & (b2 == 0xBF);
    c0 | del | c1_nbsp_shy | general | ideographic | bom
}

/// Removes control and invisible characters and replaces odd spaces.
fn fix_controls_and_spaces(text: &str, counts: &mut Repairs) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    for i in hits(bytes, may_fix) {
        if i < from {
            continue;
        }
        let Some((fix, len)) = fix_at(bytes, i) else {
            continue;
        };
        let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
        o.push_str(&text[copied..i]);
        match fix {
            Fix::Remove => counts.control += 1,
            Fix::Space => {
                o.push(' ');
                counts.spaces += 1;
            }
            Fix::Newline => {
                o.push('\n');
                counts.spaces += 1;
            }
        }
        from = i + len;
        copied = from;
    }
    let mut out = out?;
    out.push_str(&text[copied..]);
    Some(out)
}

// ----- NFC -----

/// Characters that are NFC whatever surrounds them: canonical combining
/// class 0 and NFC quick check Yes (checked against the tables of
/// `unicode-normalization` by a test). They cover the text of most scripts,
/// so the table lookups of a real quick check run only where needed.
fn certainly_nfc(c: char) -> bool {
    matches!(c,
        '\0'..='\u{2FF}'              // Latin, IPA, spacing modifiers
        | '\u{370}'..='\u{373}'
        | '\u{375}'..='\u{37D}'
        | '\u{37F}'..='\u{386}'
        | '\u{388}'..='\u{482}'       // Greek, Cyrillic
        | '\u{48A}'..='\u{58F}'       // Cyrillic, Armenian
        | '\u{5D0}'..='\u{5F4}'       // Hebrew letters
        | '\u{600}'..='\u{60F}'
        | '\u{61B}'..='\u{64A}'       // Arabic letters
        | '\u{660}'..='\u{66F}'
        | '\u{671}'..='\u{6D5}'
        | '\u{2002}'..='\u{20CF}'     // punctuation, currency
        | '\u{2100}'..='\u{2125}'     // letterlike
        | '\u{2127}'..='\u{2129}'
        | '\u{212C}'..='\u{2328}'     // arrows, mathematics, technical
        | '\u{232B}'..='\u{2ADB}'
        | '\u{2ADD}'..='\u{2BFF}'     // symbols, dingbats
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{3098}'     // CJK punctuation, Hiragana
        | '\u{309B}'..='\u{30FF}'     // Katakana
        | '\u{3400}'..='\u{9FFF}'     // CJK ideographs, hexagrams
        | '\u{AC00}'..='\u{D7A3}'     // Hangul syllables
        | '\u{FE00}'..='\u{FE0F}'     // variation selectors
        | '\u{FF00}'..='\u{FFEF}'     // half- and full-width forms
        | '\u{1F000}'..='\u{1FAFF}'   // emoji
    )
}

/// Whether the character starting with bytes `b0 b1 b2` may not be
/// [`certainly_nfc`]. ASCII, continuation bytes, U+0080–U+02FF,
/// U+0400–U+047F, U+2002–U+20BF, U+3000–U+30FF (but U+302A–U+302F,
/// U+3099 and U+309A), U+4000–U+9FFF, U+B000–U+CFFF and U+FF00–U+FFEF
/// are not suspects. Bitwise operators, not
/// `&&` and `||`, so that it vectorizes.
#[inline(always)]
fn nfc_suspect(b0: u8, b1: u8, b2: u8) -> bool {
    let lead = (b0 >= 0xCC)
        & (b0.wrapping_sub(0xD0) > 1)
        & (b0.wrapping_sub(0xE4) > 5)
        & (b0.wrapping_sub(0xEB) > 1);
    let punctuation = (b0 == 0xE2) & (b1 <= 0x82) & !((b1 == 0x80) & (b2 <= 0x81));
    let cjk = (b0 == 0xE3)
        & (((b1 == 0x80) & (b2.wrapping_sub(0xAA) > 5))
            | (b1 == 0x81)
            | (b1 == 0x83)
            | ((b1 == 0x82) & (b2 != 0x99) & (b2 != 0x9A)));
    let full_width = (b0 == 0xEF) & ((b1.wrapping_sub(0xBC) < 3) | ((b1 == 0xBF) & (b2 <= 0xAF)));
    lead & !punctuation & !cjk & !full_width
}

/// The text in NFC, or `None` when it already is. Only the lines holding a
/// character that may change are looked at closely.
fn to_nfc(text: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    for at in hits(text.as_bytes(), nfc_suspect) {
        if at < from {
            continue;
        }
        // A suspect byte is never a continuation byte.
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if certainly_nfc(c) {
            continue;
        }
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        from = end;
        let line = &text[start..end];
        // `Maybe` lines are usually NFC already: compare before allocating.
        if is_nfc_quick(line.chars()) == IsNormalized::Yes || line.chars().eq(line.nfc()) {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
        o.push_str(&text[copied..start]);
        o.extend(line.nfc());
        copied = end;
    }
    let mut out = out?;
    out.push_str(&text[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fix(text: &str) -> (String, Repairs) {
        let (out, counts) = Repairer::new().repair(text);
        (out.into_owned(), counts)
    }

    fn counts(mojibake: u64, entities: u64, control: u64, spaces: u64, normalized: u64) -> Repairs {
        Repairs {
            mojibake,
            entities,
            control,
            spaces,
            normalized,
        }
    }

    #[track_caller]
    fn assert_fixed(input: &str, expected: &str, expected_counts: Repairs) {
        let (out, got) = fix(input);
        assert_eq!(out, expected, "input {input:?}");
        assert_eq!(got, expected_counts, "input {input:?}");
    }

    #[track_caller]
    fn assert_untouched(input: &str) {
        let (out, got) = Repairer::new().repair(input);
        assert!(
            matches!(out, Cow::Borrowed(_)),
            "{input:?} was changed to {out:?} ({got:?})"
        );
        assert_eq!(got, Repairs::default(), "input {input:?}");
    }

    /// Correct text in many languages and scripts: none of it may change.
    const CORRECT: &[&str] = &[
        "The quick brown fox jumps over the lazy dog.",
        "Die Straße führt über die Brücke nach Zürich.",
        "„Grüß Gott“, sagte er. Äpfel, Öl und Übermut; »Schön«, sagte sie.",
        "„Fuß“ und ‚Spaß‘ – ÄÖÜ äöü ß ẞ",
        "Le café était naïf ; où est l’hôtel ? Noël à Paris, ça va. « Oui », dit-elle.",
        "L’ÉTÉ À PARIS, JUSQU’À L’ŒUVRE ; ÇA",
        "¿Qué tal? ¡Año nuevo en España! El niño comió jalapeños. «ACCIÓ» ¿QUÉ…?",
        "São Paulo, João e a irmã não estão aqui. Ações, coração, SÃO PAULO, ÂNGULO, Âncora.",
        "Ele disse “IRMÔ.",
        "İstanbul’da öğrenciler çalışıyor; Şişli, Ğ, ı. GENÇ’İN ve İLAÇ’TAN",
        "Zażółć gęślą jaźń. Łódź, Gdańsk, Kraków. ŁÓDŹ",
        "Příliš žluťoučký kůň úpěl ďábelské ódy. ÚŽASNÝ",
        "În România, științele și țara. ÎNCHIS, ROMÂNIA, Râmnicu Vâlcea.",
        "Привет, мир! Съешь же ещё этих мягких французских булок.",
        "Καλημέρα κόσμε· Ελλάδα, Αθήνα. α β γ",
        "中文新闻：北京时间今天上午，天气晴朗。",
        "日本語のテキスト、東京都。カタカナ、ひらがな。",
        "안녕하세요, 세계!",
        "مرحبا بالعالم، هذا نص عربي.",
        "שלום עולם",
        "می\u{200C}خواهم (Persian with a zero-width non-joiner)",
        "नमस्ते दुनिया",
        "สวัสดีครับ",
        "Tiếng Việt có dấu: Hà Nội, Đà Nẵng.",
        "Þetta er íslenska: það, með, Ægir.",
        "Árvíztűrő tükörfúrógép.",
        "Ærø, Øster, Åse: »citat«. Han sa ”SÅ” och gick.",
        "«COSÌ» e «È» — Italiano",
        "Family 👨\u{200D}👩\u{200D}👧\u{200D}👦, flag 🏳\u{FE0F}\u{200D}🌈, thumbs 👍🏽, smile 😀",
        "∑ x² ≤ ∞, π ≈ 3.14, 2×3 = 6, 10 ÷ 2, ±5 °C, √2, ½ + ¼ = ¾, 3×²",
        "£5, €10, ¥100, ₹50, $3, ©2024 ACME®, Brand™, NESCAFÉ® and CAFÉ™",
        "AT&T and R&D; Q&A at P&G, Johnson & Johnson, a < b && c > d",
        "Tom &amp Jerry, &bogus; &#; &#x; &#0; &#1; &#xD800; &#1114112; & amp;",
        "The letter Ã is used in Portuguese; Â too: “Ã”, «Â», ‘Ã’, „Ö“.",
        "naïve café résumé coöperate",
        "line one\r\nline two\ttabbed\n\nparagraph  with  double  spaces",
        "Ð and ð, Þ and þ, × and ÷",
        "Österreich – Ärger — Übel… »Öl«",
    ];

    #[test]
    fn correct_text_is_borrowed_and_uncounted() {
        assert!(CORRECT.len() >= 30);
        for text in CORRECT {
            assert_untouched(text);
        }
        assert_untouched("");
        assert_untouched(&CORRECT.join("\n"));
    }

    #[test]
    fn mojibake_from_windows_1252() {
        assert_fixed("donâ€™t", "don’t", counts(1, 0, 0, 0, 0));
        assert_fixed("cafÃ©", "café", counts(1, 0, 0, 0, 0));
        assert_fixed("Ã¼ber", "über", counts(1, 0, 0, 0, 0));
        assert_fixed("â€œQuoteâ€\u{9D}", "“Quote”", counts(2, 0, 0, 0, 0));
        assert_fixed("a â€” b â€“ c â€¦", "a — b – c …", counts(3, 0, 0, 0, 0));
        assert_fixed("â‚¬5, Â£5, Â©", "€5, £5, ©", counts(3, 0, 0, 0, 0));
        assert_fixed("RÃ©sumÃ©", "Résumé", counts(2, 0, 0, 0, 0));
        assert_fixed(
            "Ã‰TÃ‰ ESPAÃ‘A KÃ–LN",
            "ÉTÉ ESPAÑA KÖLN",
            counts(4, 0, 0, 0, 0),
        );
        assert_fixed(
            "voilÃ\u{A0} Ã\u{A0} Paris",
            "voilà à Paris",
            counts(2, 0, 0, 0, 0),
        );
        assert_fixed("Å‚Ã³dÅº", "łódź", counts(2, 0, 0, 0, 0));
        assert_fixed("È™i bÄ±r ÅŸey", "și bır şey", counts(3, 0, 0, 0, 0));
        assert_fixed(
            "Ä°STANBUL TÃœRKÄ°YE",
            "İSTANBUL TÜRKİYE",
            counts(3, 0, 0, 0, 0),
        );
    }

    #[test]
    fn mojibake_in_other_scripts() {
        assert_fixed("ÐŸÑ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€", "Привет, мир", counts(2, 0, 0, 0, 0));
        assert_fixed("Î± Î²", "α β", counts(2, 0, 0, 0, 0));
        assert_fixed("Ù…Ø±Ø\u{AD}Ø¨Ø§", "مرحبا", counts(1, 0, 0, 0, 0));
        assert_fixed("×©×œ×•×\u{9D}", "שלום", counts(1, 0, 0, 0, 0));
        assert_fixed("ä¸\u{AD}æ–‡", "中文", counts(1, 0, 0, 0, 0));
        assert_fixed("Great ðŸ˜€", "Great 😀", counts(1, 0, 0, 0, 0));
        // One-letter words and particles glued to Latin text.
        assert_fixed("Î— λήψη, Ñ” в", "Η λήψη, є в", counts(2, 0, 0, 0, 0));
        assert_fixed("Î— Ñ” Ð² Ø¯ x", "Η є в د x", counts(4, 0, 0, 0, 0));
        assert_fixed(
            "HEADëŠ” %sï¼‰ iPhoneã\u{81}®",
            "HEAD는 %s） iPhoneの",
            counts(3, 0, 0, 0, 0),
        );
        assert_fixed(
            "Tiáº¿ng Viá»‡t, Ä‘i, Ä\u{90}Ã\u{A0} Náºµng",
            "Tiếng Việt, đi, Đà Nẵng",
            counts(5, 0, 0, 0, 0),
        );
    }

    #[test]
    fn mojibake_from_latin_1_and_undefined_bytes() {
        // Latin-1 keeps 0x80–0x9F as C1 controls.
        assert_fixed("don\u{E2}\u{80}\u{99}t", "don’t", counts(1, 0, 0, 0, 0));
        // Windows-1252's undefined 0x81 comes through as U+0081.
        assert_fixed("PANAMÃ\u{81}", "PANAMÁ", counts(1, 0, 0, 0, 0));
        // Decomposed é (e + U+0301), then NFC.
        assert_fixed("cafeÌ\u{81}", "café", counts(1, 0, 0, 0, 1));
    }

    #[test]
    fn mojibake_double_encoded() {
        assert_fixed("donÃ¢â‚¬â„¢t", "don’t", counts(1, 0, 0, 0, 0));
        assert_fixed("cafÃƒÂ©", "café", counts(1, 0, 0, 0, 0));
        assert_fixed("Ãƒâ€šÃ‚Â£5", "£5", counts(1, 0, 0, 0, 0));
    }

    #[test]
    fn mojibake_revealing_other_repairs() {
        // A byte order mark, then removed.
        assert_fixed("ï»¿Hello", "Hello", counts(1, 0, 1, 0, 0));
        // A no-break space, then made plain.
        assert_fixed("10Â\u{A0}km", "10 km", counts(1, 0, 0, 1, 0));
        // A control character inside mojibake is removed, then the
        // mojibake fixed.
        assert_fixed("cafÃ\u{0}©", "café", counts(1, 0, 1, 0, 0));
        // But `Ã` + soft hyphen is mojibake for `í` itself.
        assert_fixed("aquÃ\u{AD}", "aquí", counts(1, 0, 0, 0, 0));
        // Mojibake written as entities.
        assert_fixed("caf&Atilde;&copy;", "café", counts(1, 2, 0, 0, 0));
    }

    #[test]
    fn mojibake_lookalikes_are_kept() {
        for text in [
            "„Fuß“",
            "«ACCIÓ»",
            "NESCAFÉ™",
            "GENÇ’in",
            "«COSÌ»",
            "Ele disse “IRMÔ.",
            "¿QUÉ…?",
            "«Un café…»",
            "È\u{A0}stato",
            "ÚŽASNÝ",
            "SÅ”",
            "Ã",
            "Ð\u{A0}",
            "Øst",
            "°C",
            "£5",
            "©",
        ] {
            let (out, got) = fix(text);
            assert_eq!(got.mojibake, 0, "{text:?} became {out:?}");
        }
    }

    #[test]
    fn entities() {
        assert_fixed("Tom &amp; Jerry", "Tom & Jerry", counts(0, 1, 0, 0, 0));
        assert_fixed(
            "&quot;hi&quot; &#39;there&#39;",
            "\"hi\" 'there'",
            counts(0, 4, 0, 0, 0),
        );
        assert_fixed(
            "a&mdash;b&rsquo;s caf&eacute;",
            "a—b’s café",
            counts(0, 3, 0, 0, 0),
        );
        assert_fixed(
            "it&#8217;s &#x2019; &#X2019;",
            "it’s ’ ’",
            counts(0, 3, 0, 0, 0),
        );
        assert_fixed(
            "&lt;b&gt; &copy; &euro; &hellip;",
            "<b> © € …",
            counts(0, 5, 0, 0, 0),
        );
        // Browsers read 128–159 as Windows-1252.
        assert_fixed("1&#150;2 don&#146;t", "1–2 don’t", counts(0, 2, 0, 0, 0));
        // Escaped twice: decoded to the end.
        assert_fixed("AT&amp;amp;T &amp;lt;", "AT&T <", counts(0, 4, 0, 0, 0));
        // A no-break space, then made plain.
        assert_fixed("10&nbsp;km", "10 km", counts(0, 1, 0, 1, 0));
        // A semicolon that completes a reference: decoded on the next pass.
        assert_fixed("&amp&#59;", "&", counts(0, 2, 0, 0, 0));
        // A soft hyphen, then removed.
        assert_fixed("Zei&shy;tung", "Zeitung", counts(0, 1, 1, 0, 0));
    }

    #[test]
    fn entity_lookalikes_are_kept() {
        for text in [
            "AT&T",
            "R&D",
            "Q&A",
            "R&D;",
            "&amp",
            "&amp ;",
            "& amp;",
            "&#;",
            "&#x;",
            "&#xZ;",
            "&#0;",
            "&#7;",
            "&#129;",
            "&#xD800;",
            "&#xFFFF;",
            "&#1114112;",
            "&#123456789012;",
            "&notanentity;",
            "&&&;;;",
            "&#38",
        ] {
            assert_untouched(text);
        }
    }

    #[test]
    fn control_characters() {
        assert_fixed("a\u{0}b\u{7}c\u{7F}", "abc", counts(0, 0, 3, 0, 0));
        assert_fixed("\u{1B}[0mred", "[0mred", counts(0, 0, 1, 0, 0));
        assert_fixed("a\u{80}b\u{9F}c", "abc", counts(0, 0, 2, 0, 0));
        assert_fixed(
            "zero\u{200B}width\u{2060}joiner",
            "zerowidthjoiner",
            counts(0, 0, 2, 0, 0),
        );
        assert_fixed("\u{FEFF}text\u{FEFF}", "text", counts(0, 0, 2, 0, 0));
        assert_fixed("Zei\u{AD}tung", "Zeitung", counts(0, 0, 1, 0, 0));
    }

    #[test]
    fn line_breaks() {
        // A page break or a lone carriage return ends a line; `\r\n` is
        // left as it is.
        assert_fixed(
            "said.\u{C}Residents\u{B}x",
            "said.\nResidents\nx",
            counts(0, 0, 0, 2, 0),
        );
        assert_fixed(
            "Title\rBody one.\rBody two.",
            "Title\nBody one.\nBody two.",
            counts(0, 0, 0, 2, 0),
        );
        assert_fixed(
            "a\u{85}b\u{2028}c\u{2029}d",
            "a\nb\nc\nd",
            counts(0, 0, 0, 3, 0),
        );
        assert_untouched("a\r\nb\r\n");
    }

    #[test]
    fn control_lookalikes_are_kept() {
        for text in [
            "tab\tnew\nline\r\n",
            "👨\u{200D}💻",
            "می\u{200C}خواهم",
            "\u{200E}left-to-right mark",
        ] {
            assert_untouched(text);
        }
    }

    #[test]
    fn spaces() {
        assert_fixed("10\u{A0}km", "10 km", counts(0, 0, 0, 1, 0));
        assert_fixed(
            "a\u{2000}b\u{2009}c\u{200A}d\u{202F}e\u{205F}f\u{3000}g",
            "a b c d e f g",
            counts(0, 0, 0, 6, 0),
        );
        // Runs are not collapsed.
        assert_fixed("a\u{A0}\u{A0} b", "a   b", counts(0, 0, 0, 2, 0));
        assert_untouched("a  b\n\n c\t");
    }

    #[test]
    fn normalization() {
        assert_fixed("cafe\u{301}", "café", counts(0, 0, 0, 0, 1));
        assert_fixed(
            "A\u{30A}ngstro\u{308}m e\u{301}",
            "Ångström é",
            counts(0, 0, 0, 0, 1),
        );
        assert_untouched("Ångström é");
    }

    #[test]
    fn certainly_nfc_agrees_with_the_unicode_tables() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| certainly_nfc(c))
        {
            assert_eq!(
                canonical_combining_class(c),
                0,
                "{c:?} U+{:04X}",
                u32::from(c)
            );
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn byte_predicates_agree_with_the_characters() {
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
            let (b0, b1, b2) = (byte(0), byte(1), byte(2));
            if !nfc_suspect(b0, b1, b2) {
                assert!(certainly_nfc(c), "U+{:04X}", u32::from(c));
            }
            let fixed = fix_at(bytes, 0).map(|(_, len)| len);
            assert_eq!(
                may_fix(b0, b1, b2),
                fixed.is_some(),
                "U+{:04X}",
                u32::from(c)
            );
            assert!(fixed.is_none_or(|len| len == bytes.len()));
        }
        // `next_sequence` looks for these lead bytes after a mojibake lead.
        for (special, _) in Repairer::new().cp1252_specials {
            let lead = special.encode_utf8(&mut buf).as_bytes()[0];
            assert!(matches!(lead, 0xC5 | 0xC6 | 0xCB | 0xE2), "{special:?}");
        }
        for b0 in 0x80..=0xBF {
            for b1 in [0x00, 0x80, 0xA0, 0xBB, 0xFF] {
                assert!(!nfc_suspect(b0, b1, b1) && !may_fix(b0, b1, b1));
            }
        }
    }

    #[test]
    fn normalization_is_per_line() {
        let text = "ok line\ncafe\u{301}\nĀ line\u{308} kept? no\nlast";
        let (out, got) = fix(text);
        assert_eq!(out, text.nfc().collect::<String>());
        assert_eq!(got, counts(0, 0, 0, 0, 1));
        // `Maybe` characters that are NFC already.
        assert_untouched("ha\u{3099}\u{3099} q\u{308}\u{308}x");
    }

    #[test]
    fn everything_at_once() {
        let (out, got) = fix("&quot;Donâ€™t\u{A0}stop&quot;\u{0} cafe\u{301}");
        assert_eq!(out, "\"Don’t stop\" café");
        assert_eq!(got, counts(1, 2, 1, 1, 1));
        assert_eq!(got.total(), 6);
    }

    #[test]
    fn repairs_total_add_iter() {
        let mut sum = counts(1, 2, 3, 4, 1);
        sum.add(&counts(1, 1, 1, 1, 0));
        assert_eq!(sum, counts(2, 3, 4, 5, 1));
        assert_eq!(sum.total(), 15);
        let listed: Vec<_> = sum.iter().collect();
        assert_eq!(
            listed,
            [
                ("mojibake", 2),
                ("entities", 3),
                ("control", 4),
                ("spaces", 5),
                ("normalized", 1)
            ]
        );
        assert_eq!(Repairs::default().total(), 0);
    }

    #[test]
    fn repairer_is_shareable() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Repairer>();
        let repairer = Repairer::default();
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| assert_eq!(repairer.repair("cafÃ©").0, "café"));
            }
        });
    }

    /// Pieces that combine into mojibake, references and the characters the
    /// other steps change, to give the properties something to bite on.
    const PIECES: &[&str] = &[
        "Ã", "Â", "â", "Ð", "Ñ", "ð", "Å", "É", "È", "ä", "ï", "©", "€", "™", "\u{81}", "\u{9D}",
        "»", "’", "”", "Ÿ", "˜", "¸", "¿", "\u{A0}", "\u{AD}", "\u{0}", "\u{301}", "\u{200B}", "&",
        "amp;", "lt;", "#", "#59;", "x", "39;", "2019;", "150;", ";", "e", "E", " ", "\n", "a",
        "中",
    ];

    fn pieces() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn repair_is_idempotent(text in any::<String>()) {
            let repairer = Repairer::new();
            let (once, _) = repairer.repair(&text);
            let (twice, again) = repairer.repair(&once);
            prop_assert!(matches!(twice, Cow::Borrowed(_)), "{:?} → {:?} → {:?}", text, once, twice);
            prop_assert_eq!(again, Repairs::default());
        }

        #[test]
        fn repair_is_idempotent_on_tricky_pieces(text in pieces()) {
            let repairer = Repairer::new();
            let (once, first) = repairer.repair(&text);
            prop_assert_eq!(matches!(once, Cow::Borrowed(_)), first.total() == 0);
            let (twice, again) = repairer.repair(&once);
            prop_assert!(matches!(twice, Cow::Borrowed(_)), "{:?} → {:?} → {:?}", text, once, twice);
            prop_assert_eq!(again, Repairs::default());
        }

        #[test]
        fn plain_ascii_is_borrowed(text in "([\\x20-\\x25\\x27-\\x7E\\t\\n]|\\r\\n)*") {
            let (out, got) = Repairer::new().repair(&text);
            prop_assert!(matches!(out, Cow::Borrowed(_)));
            prop_assert_eq!(got, Repairs::default());
        }
    }
}
