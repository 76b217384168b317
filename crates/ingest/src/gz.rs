//! Gzip streams of many members (WARC.gz holds one per record) that survive
//! a damaged member: the damage is reported once, then decoding resumes at
//! the next member header, so one bad block does not lose the rest of a
//! crawl.
//!
//! A decoder fed damaged data may read past the member's end before it
//! notices, so the compressed bytes of the current member are kept (up to
//! [`KEEP`]) and searched for the next header; a longer member falls back to
//! searching forward from where the decoder stopped.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// Most compressed bytes of one member kept for resynchronisation.
const KEEP: usize = 8 << 20;

/// A member starts with 1f 8b 08 (deflate).
const MAGIC: &[u8] = b"\x1f\x8b\x08";

/// The error a [`GzMembers`] returns for a damaged member; reading on gives
/// the members after it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Damaged(String);

impl Damaged {
    /// True when `err` (or an error it wraps) is a [`Damaged`] member.
    pub(crate) fn is(err: &io::Error) -> bool {
        let mut cause: Option<&(dyn std::error::Error + 'static)> = err
            .get_ref()
            .map(|e| e as &(dyn std::error::Error + 'static));
        while let Some(e) = cause {
            if e.is::<Damaged>() {
                return true;
            }
            cause = match e.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
                Some(inner) => Some(inner),
                None => e.source(),
            };
        }
        false
    }
}

/// The compressed input: bytes to replay first, then the stream; keeps what
/// the current member consumed.
struct Tape<R> {
    inner: R,
    replay: Vec<u8>,
    at: usize,
    kept: Vec<u8>,
    overflow: bool,
}

impl<R: BufRead> Tape<R> {
    fn keep(&mut self, bytes: &[u8]) {
        if self.overflow || self.kept.len() + bytes.len() > KEEP {
            self.overflow = true;
            self.kept.clear();
        } else {
            self.kept.extend_from_slice(bytes);
        }
    }

    fn start_member(&mut self) {
        self.kept.clear();
        self.overflow = false;
    }

    /// Joins the few bytes left in the buffer with up to `want` bytes in
    /// all from the stream, and replays them as one: something that
    /// straddles two buffers (a member's magic number) is then seen whole.
    /// Returns how many bytes are joined.
    fn rejoin(&mut self, want: usize) -> io::Result<usize> {
        let mut head = self.fill_buf()?.to_vec();
        self.consume(head.len());
        let more = self.fill_buf()?;
        let take = more.len().min(want.saturating_sub(head.len()));
        head.extend_from_slice(&more[..take]);
        self.consume(take);
        let joined = head.len();
        head.extend(self.replay.split_off(self.at.min(self.replay.len())));
        self.replay = head;
        self.at = 0;
        Ok(joined)
    }
}

impl<R: BufRead> Read for Tape<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tape<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.replay.len() {
            return Ok(&self.replay[self.at..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.at < self.replay.len() {
            let end = (self.at + n).min(self.replay.len());
            let taken = std::mem::take(&mut self.replay);
            self.keep(&taken[self.at..end]);
            self.replay = taken;
            self.at = end;
            if self.at == self.replay.len() {
                self.replay.clear();
                self.at = 0;
            }
            return;
        }
        if !self.overflow {
            // The bytes are still in the inner buffer: fill_buf returns
            // them again without reading.
            match self.inner.fill_buf() {
                Ok(available) if available.len() >= n && self.kept.len() + n <= KEEP => {
                    self.kept.extend_from_slice(&available[..n]);
                }
                _ => {
                    self.overflow = true;
                    self.kept = Vec::new();
                }
            }
        }
        self.inner.consume(n);
    }
}

/// A multi-member gzip decoder that resynchronises on the next member
/// header after a damaged member.
pub(crate) struct GzMembers<R: BufRead> {
    decoder: Option<GzDecoder<Tape<R>>>,
    between: Option<Tape<R>>,
    /// After damage with nothing kept to search: search forward.
    search: bool,
}

impl<R: BufRead> GzMembers<R> {
    pub(crate) fn new(input: R) -> GzMembers<R> {
        GzMembers {
            decoder: None,
            between: Some(Tape {
                inner: input,
                replay: Vec::new(),
                at: 0,
                kept: Vec::new(),
                overflow: false,
            }),
            search: false,
        }
    }

    /// After damage: replays the kept bytes from the next header in them,
    /// or searches forward when there is none kept.
    fn resync(tape: &mut Tape<R>) -> bool {
        if tape.overflow {
            return true;
        }
        let kept = std::mem::take(&mut tape.kept);
        let from = kept
            .get(1..)
            .and_then(|rest| memchr::memmem::find(rest, MAGIC))
            .map(|i| i + 1);
        let mut replay = match from {
            Some(i) => kept[i..].to_vec(),
            None => Vec::new(),
        };
        replay.extend_from_slice(&tape.replay[tape.at..]);
        tape.replay = replay;
        tape.at = 0;
        from.is_none()
    }

    /// Searches forward for a member header; `false` at the end of input.
    fn search_forward(tape: &mut Tape<R>) -> io::Result<bool> {
        loop {
            let available = tape.fill_buf()?;
            if available.is_empty() {
                return Ok(false);
            }
            if let Some(at) = memchr::memmem::find(available, MAGIC) {
                tape.consume(at);
                return Ok(true);
            }
            // Keep the last two bytes: a header may straddle buffers.
            let n = available.len();
            if n > 2 {
                tape.consume(n - 2);
                continue;
            }
            // Those two bytes are all the buffer holds: join them with the
            // next buffer, so that a header across the boundary is seen.
            if tape.rejoin(usize::MAX)? == n {
                return Ok(false);
            }
        }
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if let Some(decoder) = self.decoder.as_mut() {
                match decoder.read(buf) {
                    Ok(0) => {
                        self.between = self.decoder.take().map(GzDecoder::into_inner);
                    }
                    Ok(n) => return Ok(n),
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                    Err(err) => {
                        let mut tape = self.decoder.take().map(GzDecoder::into_inner);
                        if let Some(tape) = tape.as_mut() {
                            self.search = Self::resync(tape);
                        }
                        self.between = tape;
                        return Err(io::Error::new(err.kind(), Damaged(err.to_string())));
                    }
                }
                continue;
            }
            let Some(mut tape) = self.between.take() else {
                return Ok(0);
            };
            if self.search {
                self.search = false;
                if !Self::search_forward(&mut tape)? {
                    return Ok(0);
                }
            }
            let available = tape.fill_buf()?;
            if available.is_empty() {
                return Ok(0);
            }
            if available[0] == 0 {
                // Zero padding after a member (tape blocks, fixed-size
                // records): gzip itself ignores it.
                let zeros = available.iter().take_while(|&&b| b == 0).count();
                tape.consume(zeros);
                self.between = Some(tape);
                continue;
            }
            if available.len() < MAGIC.len() {
                // The buffer ends inside the next member's magic number.
                let joined = tape.rejoin(MAGIC.len())?;
                if joined < MAGIC.len() {
                    // A stray byte or two at the very end.
                    tape.consume(joined);
                    self.between = Some(tape);
                    let reason = "data after a gzip member is not gzip".to_string();
                    return Err(io::Error::new(io::ErrorKind::InvalidData, Damaged(reason)));
                }
                self.between = Some(tape);
                continue;
            }
            if !available.starts_with(b"\x1f\x8b") {
                // Data after a member that is not gzip: report, then look
                // for a member further on.
                tape.consume(1);
                self.between = Some(tape);
                self.search = true;
                let reason = "data after a gzip member is not gzip".to_string();
                return Err(io::Error::new(io::ErrorKind::InvalidData, Damaged(reason)));
            }
            tape.start_member();
            self.decoder = Some(GzDecoder::new(tape));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    /// Reads to the end, noting errors in the output as `!`.
    fn drain(data: &[u8]) -> String {
        let mut reader = GzMembers::new(io::BufReader::with_capacity(64, data));
        let mut out = Vec::new();
        let mut buf = [0u8; 7];
        let mut errors = 0;
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(err) => {
                    assert!(Damaged::is(&err));
                    errors += 1;
                    assert!(errors < 1000, "no progress");
                    out.push(b'!');
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn members_are_concatenated_and_damage_is_skipped() {
        let mut data = gz(b"first member|");
        data.extend(gz(b"second member|"));
        assert_eq!(drain(&data), "first member|second member|");
        let mut damaged = gz(b"one|");
        let mut middle = gz(&b"two two two two two two two|".repeat(20));
        let len = middle.len();
        for b in &mut middle[12..len - 10] {
            *b = 0x55;
        }
        damaged.extend(middle);
        damaged.extend(gz(b"three|"));
        let got = drain(&damaged);
        assert!(got.starts_with("one|"), "{got}");
        assert!(got.ends_with("three|"), "{got}");
        assert!(got.contains('!'), "{got}");
        let mut trailing = gz(b"x|");
        trailing.extend_from_slice(b"junk");
        assert!(drain(&trailing).starts_with("x|!"));
    }

    /// Zero bytes after a member (a tape's last block, as `gzip -t`
    /// accepts) are padding, not damage; a member may follow them.
    #[test]
    fn zero_padding_between_and_after_members_is_no_damage() {
        for zeros in [1, 2, 3, 63, 64, 65, 512] {
            let mut data = gz(b"a|");
            data.extend(std::iter::repeat_n(0u8, zeros));
            assert_eq!(drain(&data), "a|", "{zeros} zeros");
            data.extend(gz(b"b|"));
            assert_eq!(drain(&data), "a|b|", "{zeros} zeros, then a member");
        }
    }

    /// Members of every length in a row: each boundary falls at another
    /// place in the 64-byte buffer, one of them between the magic number's
    /// two bytes.
    #[test]
    fn a_member_whose_magic_number_straddles_buffers_is_read() {
        let mut data = Vec::new();
        let mut want = String::new();
        for i in 0..200 {
            let payload = format!("{}|", "x".repeat(i % 37));
            data.extend(gz(payload.as_bytes()));
            want.push_str(&payload);
        }
        assert_eq!(drain(&data), want);
        let mut stray = gz(b"y|");
        stray.push(0x1f);
        assert_eq!(drain(&stray), "y|!");
        // Garbage of every length between two members: the search for the
        // next header finds it wherever the buffer splits it.
        for garbage in 1..140 {
            let mut data = gz(b"a|");
            data.extend(std::iter::repeat_n(b'.', garbage));
            data.extend(gz(b"b|"));
            assert_eq!(drain(&data), "a|!b|", "{garbage} bytes of garbage");
        }
    }
}
