//! Format detection, container and record parsing, decompression and
//! decoding on arbitrary bytes: must never panic, hang or allocate without
//! bound. The first byte picks the file name (its extension is a hint).

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsclean_ingest::{Reader, decode_with_charset};

const NAMES: &[&str] = &[
    "a", "a.txt", "a.html", "a.json", "a.jsonl", "a.warc", "a.warc.gz", "a.tar", "a.tgz",
    "a.zip", "a.txt.zst", "a.jsonl.bz2", "a.txt.xz",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let reader = Reader::new().max_bytes(1 << 20).max_member_bytes(16 << 20);
    reader.read(name, bytes, |item| {
        if let Ok(doc) = item {
            let _ = decode_with_charset(&doc.bytes, doc.meta.charset.as_deref());
        }
    });
});
