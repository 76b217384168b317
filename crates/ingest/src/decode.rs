//! Bytes to text: BOM sniffing, UTF-8, and legacy-encoding detection.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// Decoded text of one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// WHATWG name of the encoding used (`UTF-8`, `windows-1252`, …).
    pub encoding: &'static str,
    /// Number of malformed byte sequences replaced by U+FFFD.
    pub replaced: u64,
}

/// Why bytes could not be turned into article text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input is empty or only whitespace.
    #[error("empty input")]
    Empty,
    /// The input is binary data (an image, a PDF, an executable, …).
    #[error("binary input ({0})")]
    Binary(&'static str),
    /// Too much of the input could not be decoded in any encoding.
    #[error("undecodable input: {replaced} malformed sequences as {encoding}")]
    Undecodable {
        /// Encoding that was tried.
        encoding: &'static str,
        /// Malformed sequences found.
        replaced: u64,
    },
}

/// File signatures of common binary formats that are never article text.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "web font"),
    (b"SQLite format 3\x00", "SQLite database"),
];

/// How much of the input is sniffed for binary content and encoding.
const SNIFF: usize = 64 * 1024;

/// Decodes `bytes` into text.
///
/// Order of decisions: a BOM wins; then known binary signatures and NUL bytes
/// are refused; then valid UTF-8 is taken as is; anything else goes to
/// `chardetng`, and the guess decodes the whole input with malformed
/// sequences replaced and counted. A decode where more than 2% of the
/// characters are replacements or C0 control characters is refused as binary
/// or undecodable: the text would be noise.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with_charset(bytes, None)
}

/// Decodes `bytes` like [`decode`], trusting a declared `charset` (an HTTP
/// `Content-Type` parameter, an HTML `<meta charset>`) over detection.
///
/// A byte-order mark still wins. A declared legacy charset (single- or
/// multi-byte) is overruled when the bytes are valid UTF-8 with non-ASCII
/// characters, and a declared UTF-8 when they are not valid UTF-8
/// (detection decides): the two most common lies on the web. Unknown
/// labels, and UTF-16 labels on bytes without a BOM, are ignored.
///
/// ```
/// use newsclean_ingest::decode_with_charset;
///
/// let d = decode_with_charset(b"na\xefve", Some("ISO-8859-1"))?;
/// assert_eq!((d.text.as_str(), d.encoding), ("naïve", "windows-1252"));
/// let d = decode_with_charset("naïve".as_bytes(), Some("iso-8859-1"))?;
/// assert_eq!(d.encoding, "UTF-8");
/// let d = decode_with_charset("人民网".as_bytes(), Some("GB2312"))?;
/// assert_eq!((d.text.as_str(), d.encoding), ("人民网", "UTF-8"));
/// let d = decode_with_charset(b"\xc8\xcb\xc3\xf1\xcd\xf8", Some("GB2312"))?;
/// assert_eq!((d.text.as_str(), d.encoding), ("人民网", "GBK"));
/// let d = decode_with_charset(b"Le pr\xe9sident a d\xe9clar\xe9 que tout va bien.", Some("utf-8"))?;
/// assert_eq!((d.encoding, d.replaced), ("windows-1252", 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_with_charset(bytes: &[u8], charset: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(encoding, &bytes[bom_len..]);
    }
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        // `MZ` and `BZh` are also plausible starts of text; only trust them
        // when the rest does not look like text.
        if !(bytes.len() > 2 && matches!(*kind, "Windows executable" | "bzip2 data"))
            || memchr::memchr(0, &bytes[..bytes.len().min(SNIFF)]).is_some()
        {
            return Err(DecodeError::Binary(kind));
        }
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    // UTF-16 without a BOM (a Windows export): Latin text has a NUL in
    // every other byte, always on the same side.
    if let Some(encoding) = bomless_utf16(head) {
        return finish(encoding, bytes);
    }
    // Binary data is full of NULs; a saved page with a few stray ones is
    // still text (repair then drops them as control characters).
    if memchr::memchr_iter(0, head).count() * 100 > head.len() {
        return Err(DecodeError::Binary("NUL bytes"));
    }
    let valid = std::str::from_utf8(bytes).ok();
    let utf8 = valid.is_some();
    let declared = charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE);
    if let Some(encoding) = declared {
        // The two common lies: a legacy charset ("Latin-1", "GB2312") on
        // UTF-8, and "UTF-8" on Windows-1252. Legacy non-ASCII text is
        // practically never valid UTF-8 by chance.
        let lie = (utf8 && encoding != encoding_rs::UTF_8 && !bytes.is_ascii())
            || (!utf8 && encoding == encoding_rs::UTF_8);
        if !lie {
            let encoding = windows_sibling(encoding, bytes);
            return match valid {
                Some(text) if encoding == encoding_rs::UTF_8 => {
                    check(encoding, Cow::Borrowed(text))
                }
                _ => finish(encoding, bytes),
            };
        }
    }
    if let Some(text) = valid {
        return check(encoding_rs::UTF_8, Cow::Borrowed(text));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, head.len() == bytes.len());
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    finish(encoding, bytes)
}

/// The Windows code page a page declared as ISO-8859 was written in, when
/// its bytes use the range ISO-8859 leaves to control characters: the
/// Windows pages put letters and quotes there (`š`, `„` in Windows-1250),
/// and editors of the 2000s saved those under the ISO label. (Browsers
/// already read ISO-8859-1 and -9 so.)
fn windows_sibling(encoding: &'static Encoding, bytes: &[u8]) -> &'static Encoding {
    let sibling = if encoding == encoding_rs::ISO_8859_2 {
        encoding_rs::WINDOWS_1250
    } else if encoding == encoding_rs::ISO_8859_7 {
        encoding_rs::WINDOWS_1253
    } else if encoding == encoding_rs::ISO_8859_8 || encoding == encoding_rs::ISO_8859_8_I {
        encoding_rs::WINDOWS_1255
    } else if encoding == encoding_rs::ISO_8859_13 {
        encoding_rs::WINDOWS_1257
    } else if encoding == encoding_rs::ISO_8859_15 {
        encoding_rs::WINDOWS_1252
    } else {
        return encoding;
    };
    // Each high byte the two read differently votes for the one that makes
    // it a letter or a typographic mark where the other makes a symbol or
    // a control (`š` against `¹`, `„` against a control): a page of the
    // label's own with a stray byte keeps its label.
    let read = |e: &'static Encoding, b: u8| {
        let byte = [b];
        let (text, _) = e.decode_without_bom_handling(&byte);
        text.chars().next().unwrap_or('\u{FFFD}')
    };
    let wordy = |c: char| {
        c.is_alphabetic() || matches!(c, '‚' | '„' | '‘' | '’' | '“' | '”' | '–' | '—' | '…')
    };
    let mut votes = [[0i32; 2]; 128];
    for (i, v) in votes.iter_mut().enumerate() {
        let b = 0x80 + i as u8;
        let (own, win) = (read(encoding, b), read(sibling, b));
        if own != win {
            *v = [
                i32::from(wordy(own) && !wordy(win)),
                i32::from(wordy(win) && !wordy(own)),
            ];
        }
    }
    let (mut own, mut win) = (0, 0);
    for &b in bytes.iter().filter(|b| **b >= 0x80) {
        let [o, w] = votes[usize::from(b - 0x80)];
        own += o;
        win += w;
    }
    if win >= 2 && win > own {
        sibling
    } else {
        encoding
    }
}

/// Characters, replacement characters and control characters (other than
/// `\n`, `\r`, `\t` and form feed) of `text`, counted on its bytes: a page
/// of a megabyte is counted in one pass without decoding a char.
fn tally(text: &str) -> (u64, u64, u64) {
    let bytes = text.as_bytes();
    let (continuation, c0) = count_bytes(bytes, |b| {
        (
            b & 0xC0 == 0x80,
            (b < 0x20 && b != b'\n' && b != b'\r' && b != b'\t' && b != 0x0C) || b == 0x7F,
        )
    });
    // C1 controls are `C2 80`..`C2 9F`.
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
        .count();
    let replaced = memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).count() as u64;
    (
        (bytes.len() - continuation) as u64,
        replaced,
        (c0 + c1) as u64,
    )
}

/// Bytes of `bytes` for which each of `test`'s two answers holds, counted
/// in blocks of 255 into `u8`s so that the compiler turns the loop into
/// vector code.
fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> (bool, bool)) -> (usize, usize) {
    bytes
        .chunks(255)
        .map(|block| {
            block.iter().fold((0u8, 0u8), |(m, n), &b| {
                let (x, y) = test(b);
                (m + u8::from(x), n + u8::from(y))
            })
        })
        .fold((0, 0), |(m, n), (x, y)| {
            (m + usize::from(x), n + usize::from(y))
        })
}

fn finish(encoding: &'static Encoding, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    check(encoding, text)
}

/// UTF-16LE or UTF-16BE without a byte-order mark: at least 60% of the
/// high bytes of the first characters are NUL and at most 10% of the low
/// ones (text in a Latin script; binary data has NULs on both sides).
fn bomless_utf16(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let many = |n: usize| n * 10 >= pairs * 6;
    let few = |n: usize| n * 10 <= pairs;
    if many(odd) && few(even) {
        Some(encoding_rs::UTF_16LE)
    } else if many(even) && few(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Refuses decoded text that is empty, binary or mostly undecodable.
fn check(encoding: &'static Encoding, text: Cow<'_, str>) -> Result<Decoded, DecodeError> {
    let (chars, mut replaced, control) = tally(&text);
    // A replacement character already in valid input is not a decode
    // error. (UTF-8 comes back borrowed exactly when it was valid.)
    if encoding == encoding_rs::UTF_8 && matches!(text, Cow::Borrowed(_)) {
        replaced = 0;
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if control * 50 > chars {
        return Err(DecodeError::Binary("control characters"));
    }
    if replaced * 50 > chars {
        return Err(DecodeError::Undecodable {
            encoding: encoding.name(),
            replaced,
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        replaced,
    })
}

/// The charset an HTML page declares in its first 1024 bytes
/// (`<meta charset="…">` or `<meta http-equiv … content="…; charset=…">`),
/// as a WHATWG encoding name.
pub fn html_charset(bytes: &[u8]) -> Option<&'static str> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    // An XHTML page may say it in its XML declaration instead
    // (`<?xml version="1.0" encoding="ISO-8859-1"?>`).
    if let Some(declaration) = head.trim_ascii_start().strip_prefix(b"<?xml")
        && let Some(end) = memchr::memmem::find(declaration, b"?>")
        && let Some(at) = memchr::memmem::find(&declaration[..end], b"encoding")
        && let Some(encoding) = label_value(&declaration[at + 8..end])
    {
        return Some(encoding);
    }
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&head[from..], b"charset") {
        from += at + 7;
        if let Some(encoding) = label_value(&head[from..]) {
            return Some(encoding);
        }
    }
    None
}

/// The encoding named by `= label` (quoted or not) at the start of `rest`.
fn label_value(rest: &[u8]) -> Option<&'static str> {
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| {
            matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b'?') || b.is_ascii_whitespace()
        })
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end]).map(Encoding::name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xml_declaration_names_the_charset() {
        let page =
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<html><body>Caf\xe9</body></html>";
        assert_eq!(html_charset(page), Some("windows-1252"));
        assert_eq!(
            html_charset(b"<?xml version='1.0' encoding='utf-8'?><html>"),
            Some("UTF-8")
        );
        // A meta tag still counts without one.
        assert_eq!(
            html_charset(b"<?xml version='1.0'?><meta charset=koi8-r>"),
            Some("KOI8-R")
        );
    }

    #[test]
    fn a_replacement_char_in_valid_utf8_is_not_a_decode_error() {
        let valid = "Text with a \u{FFFD} in it, quoted from a broken page.";
        assert_eq!(
            finish(encoding_rs::UTF_8, valid.as_bytes())
                .unwrap()
                .replaced,
            0
        );
        let broken = b"Text with a \xff byte in it, from a page that lied about UTF-8.";
        assert_eq!(finish(encoding_rs::UTF_8, broken).unwrap().replaced, 1);
    }

    #[test]
    fn tally_counts_as_chars_do() {
        let slow = |t: &str| {
            let (mut n, mut r, mut c) = (0u64, 0u64, 0u64);
            for ch in t.chars() {
                n += 1;
                if ch == '\u{FFFD}' {
                    r += 1;
                } else if ch.is_control() && !matches!(ch, '\n' | '\r' | '\t' | '\u{c}') {
                    c += 1;
                }
            }
            (n, r, c)
        };
        let pieces = [
            "a", "é", "\u{FFFD}", "\u{0}", "\u{1f}", "\u{7f}", "\u{80}", "\u{9f}", "\u{a0}", "\n",
            "\t", "\u{c}", "中", "😀", "\u{85}", "Â", "\u{2028}",
        ];
        // Every sequence of three pieces, and a long mix.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}{c}");
                    assert_eq!(tally(&t), slow(&t), "{t:?}");
                }
            }
        }
        let long: String = pieces.iter().cycle().take(1000).copied().collect();
        assert_eq!(tally(&long), slow(&long));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Zoë’s “quote”".as_bytes()).unwrap();
        assert_eq!(plain.text, "Zoë’s “quote”");
        assert_eq!(plain.encoding, "UTF-8");
        let bom = decode(b"\xef\xbb\xbfHello").unwrap();
        assert_eq!(bom.text, "Hello");
        assert_eq!(bom.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Grüße".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Grüße");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le président a déclaré à l’Élysée que « tout va bien ».");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("président"));

        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("東京で記者会見が行われた。政府は発表した。");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.text.contains("東京"));
    }

    #[test]
    fn binary_and_empty_inputs_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(DecodeError::Empty));
        assert_eq!(decode(b"%PDF-1.7\n..."), Err(DecodeError::Binary("PDF")));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary("PNG image"))
        );
        assert_eq!(decode(b"abc\0def"), Err(DecodeError::Binary("NUL bytes")));
        // UTF-16 without a BOM, either way round.
        let text = "Der Präsident sagte am Dienstag, die Pläne blieben.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = decode(&bytes).expect("UTF-16 text");
            assert_eq!((d.text.as_str(), d.encoding), (text, name));
        }
        let mut page = b"<p>A saved page with one stray NUL byte in it.</p>".repeat(10);
        page[100] = 0;
        assert!(decode(&page).is_ok());
        assert!(matches!(
            decode(b"\x01\x02\x03\x04\x05 text"),
            Err(DecodeError::Binary(_))
        ));
    }

    #[test]
    fn iso_8859_labels_on_windows_bytes_read_as_windows() {
        // `Višňové` and `„škody“` saved in Windows-1250 under the ISO-8859-2 label.
        let bytes = b"Vi\x9a\xf2ov\xe9 \x84\x9akody\x93";
        let d = decode_with_charset(bytes, Some("iso-8859-2")).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Višňové „škody“", "windows-1250")
        );
        // Without such bytes the label holds: 0xA9 is `Š` in ISO-8859-2.
        let d = decode_with_charset(b"\xa9koda", Some("iso-8859-2")).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Škoda", "ISO-8859-2"));
        // Nor does a stray dash or quote on a page whose letters read as
        // ISO-8859-2's (`Ślązacy`, `Košice`): the label holds.
        let mut bytes = b"\xa6l\xb1zacy walcz\xb1 \x96 Ko\xb9ice \x93\xbeiadaj\xfa\x94 ".to_vec();
        bytes.extend(b"o uznanie jezyka i pomoc dla regionu, mowia mieszkancy. ".repeat(4));
        let d = decode_with_charset(&bytes, Some("iso-8859-2")).unwrap();
        assert_eq!(d.encoding, "ISO-8859-2");
        assert!(d.text.starts_with("Ślązacy walczą"), "{}", d.text);
    }

    #[test]
    fn html_meta_charset() {
        assert_eq!(
            html_charset(b"<meta charset=\"ISO-8859-1\">"),
            Some("windows-1252")
        );
        assert_eq!(
            html_charset(b"<meta http-equiv=Content-Type content='text/html; charset=shift_jis'>"),
            Some("Shift_JIS")
        );
        assert_eq!(html_charset(b"<p>charset is a word</p>"), None);
    }

    #[test]
    fn text_that_merely_starts_like_a_signature_is_text() {
        assert_eq!(
            decode(b"MZ Motors opened a plant.").unwrap().text,
            "MZ Motors opened a plant."
        );
    }
}
