//! WARC files (Common Crawl, CC-NEWS): HTML responses with their target URI,
//! date and HTTP charset.
//!
//! A small streaming parser rather than a WARC crate: it must survive broken
//! records (report, resynchronise on the next `WARC/` line, go on) and never
//! hold more than one record, capped at the maximum document size.

use std::io::{self, BufRead, Read};

use crate::document::{Format, Meta, ReadErrorKind};
use crate::read::{
    Ctx, Line, Reader, Sink, Stop, classify, read_line_capped, read_sized, resumable,
};

/// Longest header line accepted.
const MAX_HEADER_LINE: u64 = 64 << 10;

/// Reports a read failure; `Ok(true)` when reading can go on (the damage is
/// skipped and the reader resynchronises on the next record).
fn fail(
    kind: ReadErrorKind,
    lost: &mut bool,
    ctx: &mut Ctx<'_>,
    sink: &mut Sink<'_>,
) -> Result<bool, Stop> {
    if resumable(&kind) {
        if !*lost {
            ctx.error(true, kind, sink)?;
        }
        *lost = true;
        return Ok(true);
    }
    ctx.error(true, kind, sink)?;
    Ok(false)
}

fn broken(reason: impl Into<String>) -> ReadErrorKind {
    ReadErrorKind::Parse(format!("broken WARC record: {}", reason.into()))
}

pub(crate) fn read(
    reader: &Reader,
    mut input: impl BufRead,
    ctx: &mut Ctx<'_>,
    member: Option<&str>,
    sink: &mut Sink<'_>,
) -> Result<(), Stop> {
    let mut line = Vec::new();
    // After a broken record, lines are skipped up to the next `WARC/` line.
    let mut lost = false;
    // A record's version line was read already (it cut the last headers short).
    let mut begun = false;
    loop {
        if !begun {
            line.clear();
            match read_line_capped(&mut input, MAX_HEADER_LINE, &mut line) {
                Ok(Line::Eof) => return Ok(()),
                Ok(Line::TooLong) => {
                    if !lost {
                        ctx.error(true, broken("overlong line"), sink)?;
                        lost = true;
                    }
                    continue;
                }
                Ok(Line::Complete) => {}
                Err(err) => match fail(classify(err), &mut lost, ctx, sink)? {
                    true => continue,
                    false => return Ok(()),
                },
            }
            if line.trim_ascii().is_empty() {
                continue;
            }
            if !line.starts_with(b"WARC/") {
                if !lost {
                    ctx.error(true, broken("expected a WARC/ version line"), sink)?;
                    lost = true;
                }
                // Garbage glued to the next record's version line does
                // not cost that record.
                if !version_line(&line) {
                    continue;
                }
            }
        }
        begun = false;
        lost = false;
        let headers = match headers(&mut input) {
            Ok(Headers::Complete(headers)) => headers,
            Ok(Headers::Eof) => return ctx.error(true, broken("truncated headers"), sink),
            Ok(Headers::NextRecord) => {
                ctx.error(true, broken("truncated headers"), sink)?;
                begun = true;
                continue;
            }
            Err(err) => match fail(classify(err), &mut lost, ctx, sink)? {
                true => continue,
                false => return Ok(()),
            },
        };
        let get = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        // A length past what one compressed member may hold is a damaged
        // header, not a block to skip to the end of the file.
        let Some(length) = get("Content-Length")
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|&n| n <= reader.max_member_bytes)
        else {
            ctx.error(true, broken("missing or invalid Content-Length"), sink)?;
            lost = true;
            continue;
        };
        let content_type = get("Content-Type").unwrap_or_default().to_ascii_lowercase();
        // A `response` holds an HTTP message; a `resource` (wget, some
        // archivers) holds the page itself.
        let resource = get("WARC-Type") == Some("resource")
            && (content_type.starts_with("text/html") || content_type.starts_with("text/plain"));
        let wanted = resource
            || (get("WARC-Type") == Some("response") && content_type.contains("application/http"));
        if !wanted || length > reader.max_bytes {
            match io::copy(&mut input.by_ref().take(length), &mut io::sink()) {
                Ok(n) if n < length => {
                    let reason = format!("truncated: {n} of {length} bytes");
                    return ctx.error(true, broken(reason), sink);
                }
                Ok(_) => {}
                Err(err) => match fail(classify(err), &mut lost, ctx, sink)? {
                    true => continue,
                    false => return Ok(()),
                },
            }
            if wanted {
                let kind = ReadErrorKind::TooLarge {
                    limit: reader.max_bytes,
                };
                ctx.error(true, kind, sink)?;
            }
            continue;
        }
        let block = match read_sized(input.by_ref().take(length), length, length) {
            Ok(block) if (block.len() as u64) < length => {
                let reason = format!("truncated: {} of {length} bytes", block.len());
                return ctx.error(true, broken(reason), sink);
            }
            Ok(block) => block,
            Err(kind) => match fail(kind, &mut lost, ctx, sink)? {
                true => continue,
                false => return Ok(()),
            },
        };
        let meta = Meta {
            id: get("WARC-Record-ID").map(|id| id.trim_matches(['<', '>']).to_string()),
            url: get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string()),
            fetched: get("WARC-Date").map(str::to_string),
            ..Meta::default()
        };
        let payload = if resource {
            let format = if content_type.starts_with("text/plain") {
                Format::Text
            } else {
                Format::Html
            };
            Ok(Some((block, format, charset_of(&content_type))))
        } else {
            http_response(&block, reader.max_bytes)
        };
        match payload {
            Ok(Some((body, format, charset))) => {
                let meta = Meta { charset, ..meta };
                ctx.document(true, member, body, format, meta, sink)?;
            }
            // Redirects, images, scripts, robots.txt: not articles.
            Ok(None) => {}
            Err(reason) => ctx.error(true, broken(reason), sink)?,
        }
    }
}

/// A record's version line (`WARC/1.0`), on its own or glued to the end of
/// something cut short.
fn version_line(line: &[u8]) -> bool {
    let line = line.trim_ascii_end();
    line.starts_with(b"WARC/1.") || line.ends_with(b"WARC/1.0") || line.ends_with(b"WARC/1.1")
}

/// A record's header lines.
enum Headers {
    /// Up to the blank line.
    Complete(Vec<(String, String)>),
    /// The input ended first.
    Eof,
    /// The next record's version line came first: these were cut short.
    NextRecord,
}

/// Header lines up to the blank line.
fn headers(input: &mut impl BufRead) -> io::Result<Headers> {
    let mut out = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        match read_line_capped(input, MAX_HEADER_LINE, &mut line)? {
            Line::Eof => return Ok(Headers::Eof),
            Line::TooLong => continue,
            Line::Complete => {}
        }
        if line.is_empty() {
            return Ok(Headers::Complete(out));
        }
        // The next record's version line, on its own or glued to a header
        // cut short.
        if version_line(&line) {
            return Ok(Headers::NextRecord);
        }
        let text = String::from_utf8_lossy(&line);
        if let Some((name, value)) = text.split_once(':') {
            out.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
}

type Body = (Vec<u8>, Format, Option<String>);

/// The body of a successful HTML or text HTTP response, its format and the
/// charset its `Content-Type` declares; `None` for anything else.
fn http_response(block: &[u8], max: u64) -> Result<Option<Body>, String> {
    let (head_end, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memchr::memmem::find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("HTTP response without a header end".to_string()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    let code = status.split_whitespace().nth(1).unwrap_or_default();
    if !status.starts_with("HTTP/") {
        return Err(format!("bad HTTP status line {status:?}"));
    }
    if !code.starts_with('2') {
        return Ok(None);
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value,
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = value,
            _ => {}
        }
    }
    let mime = content_type.split(';').next().unwrap_or_default().trim();
    let format = match mime {
        "text/html" | "application/xhtml+xml" | "" => Format::Html,
        "text/plain" => Format::Text,
        _ => return Ok(None),
    };
    let charset = charset_of(&content_type);
    let mut body = block[body_start..].to_vec();
    if chunked {
        body = dechunk(&body).ok_or("bad chunked transfer encoding")?;
    }
    // Crawlers often store the body decoded but keep the header: a body
    // that already reads as markup is taken as it is.
    let decoded = body.trim_ascii_start().starts_with(b"<");
    match encoding.as_str() {
        e if e.contains("gzip") && body.starts_with(b"\x1f\x8b") => body = gunzip(&body, max)?,
        "deflate" if !decoded => body = inflate(&body, max)?,
        "br" if !decoded => return Err("brotli content encoding is not supported".to_string()),
        _ => {}
    }
    Ok(Some((body, format, charset)))
}

/// The `charset` parameter of a (lower-cased) `Content-Type` value.
fn charset_of(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']).to_string())
        .next()
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let end = memchr::memchr(b'\n', data)?;
        let size_text = std::str::from_utf8(&data[..end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(feature = "gzip")]
fn gunzip(data: &[u8], max: u64) -> Result<Vec<u8>, String> {
    crate::read::read_capped(
        io::BufReader::new(flate2::read::MultiGzDecoder::new(data)),
        max,
    )
    .map_err(|e| format!("gzip content encoding: {e}"))
}

#[cfg(not(feature = "gzip"))]
fn gunzip(_data: &[u8], _max: u64) -> Result<Vec<u8>, String> {
    Err("gzip content encoding: gzip support not built in".to_string())
}

/// HTTP's `deflate`: zlib-wrapped as the standard says, or raw deflate as
/// some servers send it.
#[cfg(feature = "gzip")]
fn inflate(data: &[u8], max: u64) -> Result<Vec<u8>, String> {
    let zlib = data.len() >= 2
        && data[0] & 0x0F == 8
        && u16::from_be_bytes([data[0], data[1]]).is_multiple_of(31);
    let result = if zlib {
        crate::read::read_capped(
            io::BufReader::new(flate2::read::ZlibDecoder::new(data)),
            max,
        )
    } else {
        crate::read::read_capped(
            io::BufReader::new(flate2::read::DeflateDecoder::new(data)),
            max,
        )
    };
    result.map_err(|e| format!("deflate content encoding: {e}"))
}

#[cfg(not(feature = "gzip"))]
fn inflate(_data: &[u8], _max: u64) -> Result<Vec<u8>, String> {
    Err("deflate content encoding: gzip support not built in".to_string())
}

#[cfg(test)]
mod tests {
    use crate::read::Reader;

    #[cfg(feature = "gzip")]
    fn gz(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    #[cfg(feature = "gzip")]
    fn a_damaged_gzip_member_loses_only_its_record() {
        let page = |n: u32| {
            record(
                "response",
                &format!("http://a/{n}"),
                &format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Page {n} {}</p>",
                    "words ".repeat(40)
                ),
            )
        };
        let mut data = gz(page(0).as_bytes());
        let mut damaged = gz(page(1).as_bytes());
        let len = damaged.len();
        for b in &mut damaged[20..len - 8] {
            *b ^= 0x5a;
        }
        data.extend(damaged);
        data.extend(gz(page(2).as_bytes()));
        data.extend(gz(page(3).as_bytes()));
        let mut out = Vec::new();
        Reader::new().read("c.warc.gz", &data[..], |item| {
            out.push(match item {
                Ok(d) => format!("{} {}", d.path, d.meta.url.unwrap_or_default()),
                Err(e) => format!("ERR {} {}", e.path, e.stage()),
            })
        });
        assert_eq!(
            out,
            [
                "c.warc.gz#0 http://a/0",
                "ERR c.warc.gz#1 decompress",
                "c.warc.gz#2 http://a/2",
                "c.warc.gz#3 http://a/3",
            ]
        );
    }

    #[test]
    #[cfg(feature = "gzip")]
    fn deflate_bodies_are_inflated_and_brotli_is_named() {
        use std::io::Write;
        let html = b"<html><body><p>Deflated page text</p></body></html>";
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(html).unwrap();
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(html).unwrap();
        let mut data = Vec::new();
        for (encoding, body) in [
            ("deflate", zlib.finish().unwrap()),
            ("deflate", raw.finish().unwrap()),
            ("br", b"\x0b\x02\x80".to_vec()),
            // Stored decoded, the header kept.
            ("deflate", html.to_vec()),
            ("br", html.to_vec()),
        ] {
            let mut block = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\n\r\n"
            )
            .into_bytes();
            block.extend(body);
            data.extend(
                format!(
                    "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a/\r\n\
                     Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
                    block.len()
                )
                .into_bytes(),
            );
            data.extend(block);
            data.extend(b"\r\n\r\n");
        }
        let mut out = Vec::new();
        Reader::new().read("c.warc", &data[..], |item| {
            out.push(match item {
                Ok(d) => String::from_utf8_lossy(&d.bytes).into_owned(),
                Err(e) => format!("ERR {}", e.kind),
            })
        });
        assert_eq!(out.len(), 5, "{out:?}");
        assert!(
            out[3].contains("Deflated page text") && out[4].contains("Deflated page text"),
            "{out:?}"
        );
        assert!(out[0].contains("Deflated page text"), "{out:?}");
        assert!(out[1].contains("Deflated page text"), "{out:?}");
        assert!(
            out[2].starts_with("ERR") && out[2].contains("brotli"),
            "{out:?}"
        );
    }

    pub(crate) fn record(kind: &str, uri: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-01T10:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype={kind}\r\n\
             Content-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    fn read(bytes: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        Reader::new().read("c.warc", bytes, |item| {
            out.push(match item {
                Ok(d) => format!(
                    "{} {} {:?} {:?} {}",
                    d.path,
                    d.format.as_str(),
                    d.meta.url,
                    d.meta.charset,
                    String::from_utf8_lossy(&d.bytes)
                ),
                Err(e) => format!("ERR {} {}", e.path, e.kind),
            })
        });
        out
    }

    #[test]
    fn responses_with_html_become_documents() {
        let mut warc =
            String::from("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n");
        warc += &record("request", "http://a/1", "GET / HTTP/1.1\r\n\r\n");
        warc += &record(
            "response",
            "http://a/1",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>Hi</p>",
        );
        warc += &record(
            "response",
            "http://a/2",
            "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n",
        );
        warc += &record(
            "response",
            "http://a/3",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<b>x\r\n4\r\n</b>\r\n0\r\n\r\n",
        );
        warc += "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://a/4\r\n\
                 Content-Type: text/html; charset=UTF-8\r\nContent-Length: 8\r\n\r\n<p>R</p>\r\n\r\n";
        assert_eq!(
            read(warc.as_bytes()),
            [
                "c.warc#0 html Some(\"http://a/1\") Some(\"iso-8859-1\") <p>Hi</p>",
                "c.warc#1 html Some(\"http://a/3\") None <b>x</b>",
                "c.warc#2 html Some(\"http://a/4\") Some(\"utf-8\") <p>R</p>",
            ]
        );
    }

    #[test]
    fn broken_records_are_reported_and_skipped() {
        let good = record(
            "response",
            "http://a/1",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>",
        );
        let mut warc = good.clone();
        warc += "garbage line\r\nmore garbage\r\n";
        warc += "WARC/1.0\r\nWARC-Type: response\r\n\r\nno length\r\n\r\n";
        warc += &good;
        let truncated = &good[..good.len() - 12];
        warc += truncated;
        let got = read(warc.as_bytes());
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(got[0].starts_with("c.warc#0 html"));
        assert!(got[1].contains("#1 broken WARC record: expected a WARC/ version line"));
        assert!(got[2].contains("#2 broken WARC record: missing or invalid Content-Length"));
        assert!(got[3].starts_with("c.warc#3 html"));
        assert!(
            got[4].contains("#4 broken WARC record: truncated"),
            "{got:?}"
        );
    }

    /// A record cut inside its headers does not take the next record's
    /// block for its own, and garbage glued to a version line does not
    /// cost that record.
    #[test]
    fn a_record_cut_in_its_headers_leaves_the_next_one_alone() {
        let page = |n: u32| {
            record(
                "response",
                &format!("http://a/{n}"),
                &format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Story {n}</p>"),
            )
        };
        let first = page(0);
        // An absurd length is a damaged header: the records after it stay.
        let mut warc = String::from(
            "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 1000000000000000000\r\n\r\nx\r\n\r\n",
        );
        warc += &page(1);
        let got = read(warc.as_bytes());
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].contains("invalid Content-Length"), "{got:?}");
        assert!(got[1].contains("Story 1"), "{got:?}");
        // Cut at a line's end, and in the middle of one (glued to the
        // next record's version line).
        for cut in [60, 52] {
            let mut warc = first[..cut].to_string();
            warc += &page(1);
            warc += "junk without a newline";
            warc += &page(2);
            let got = read(warc.as_bytes());
            assert_eq!(got.len(), 4, "{cut}: {got:?}");
            assert!(
                got[0].contains("broken WARC record: truncated headers"),
                "{got:?}"
            );
            assert!(
                got[1].contains("http://a/1") && got[1].contains("Story 1"),
                "{got:?}"
            );
            assert!(got[2].contains("broken WARC record"), "{got:?}");
            assert!(
                got[3].contains("http://a/2") && got[3].contains("Story 2"),
                "{got:?}"
            );
        }
    }
}
