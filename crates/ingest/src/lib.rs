/*!
Ingestion: find the articles in an archive directory and decode their text.

Two steps, usable on their own:

- [`ArchiveWalker`] walks an archive root recursively in a deterministic order
  (depth first, names in byte order) and yields [`RawDocument`]s with their
  `/`-separated path relative to the root. Formats are detected by content:
  plain text, HTML, JSON (an object or an array of objects), JSON Lines
  (one article per line, fields mapped by a [`FieldMap`]), WARC, and any of
  these compressed with gzip, zstd, bzip2 or xz or inside tar and zip
  archives, all read as streams. A document inside a multi-record file has
  the path `file#N` (0-based). [`Reader`] does the same for one stream.
- [`RawDocument::decode`] turns a document's bytes into text: UTF-8 with or
  without a byte-order mark, UTF-16 with a BOM, the charset its input
  declares (a WARC header, an HTML page's `<meta charset>`), and anything
  else detected with `chardetng` and decoded with `encoding_rs`. Binary and
  empty inputs are refused with a [`DecodeError`] rather than turned into
  garbage text. [`decode`] and [`decode_with_charset`] do the same for bare
  bytes.

Bad input never stops a walk: every file, record or member that cannot be
read is yielded as a [`ReadError`] in its place, with the stage it failed in.

Reading is I/O and decoding is CPU work, so they are separate: a pipeline reads
on one thread and decodes on its worker pool.

# Example

```
use newsclean_ingest::ArchiveWalker;

let dir = tempfile::tempdir()?;
std::fs::create_dir(dir.path().join("2023"))?;
std::fs::write(dir.path().join("2023/a.txt"), "Headline\n\nBody.")?;
std::fs::write(dir.path().join("b.txt"), b"Caf\xe9 cr\xe8me")?; // Windows-1252
std::fs::write(dir.path().join("c.jsonl"), "{\"title\": \"T\", \"text\": \"Body.\"}\n")?;
std::fs::write(dir.path().join("d.html"), b"<meta charset=windows-1252><p>F\xeate</p>")?;
std::fs::write(dir.path().join("e.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2])?; // binary
std::fs::write(dir.path().join("notes.md"), "not an article")?;

let (mut texts, mut errors) = (Vec::new(), Vec::new());
for item in ArchiveWalker::new(dir.path()) {
    // Bad input is reported in its place; the walk goes on.
    match item.map_err(|e| e.to_string()).and_then(|raw| {
        let doc = raw.decode().map_err(|e| format!("{}: {e}", raw.path))?;
        Ok((raw.path, doc.encoding, doc.text))
    }) {
        Ok(text) => texts.push(text),
        Err(message) => errors.push(message),
    }
}
assert_eq!(texts[0], ("2023/a.txt".to_string(), "UTF-8", "Headline\n\nBody.".to_string()));
assert_eq!(texts[1].2, "Café crème");
assert_eq!(texts[2].0, "c.jsonl#0");
assert_eq!(texts[3].2, "<meta charset=windows-1252><p>Fête</p>");
assert_eq!(texts.len(), 4);
assert_eq!(errors.len(), 1, "{errors:?}"); // e.txt
# Ok::<(), Box<dyn std::error::Error>>(())
```
*/

#![deny(missing_docs)]

mod decode;
mod document;
#[cfg(feature = "gzip")]
mod gz;
mod json;
mod path;
mod read;
mod shard;
mod walk;
mod warc;

pub use decode::{DecodeError, Decoded, decode, decode_with_charset, html_charset};
pub use document::{Format, Meta, RawDocument, ReadError, ReadErrorKind};
pub use json::{FieldMap, FieldMapError, JsonArticle, json_article};
pub use path::escape_bytes;
pub use read::{
    DEFAULT_EXTENSIONS, DEFAULT_MAX_BYTES, DEFAULT_MAX_MEMBER_BYTES, Reader, read_line, utf8_stream,
};
pub use shard::{Shard, ShardError};
pub use walk::ArchiveWalker;
