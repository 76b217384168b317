/*!
Ingestion: find the articles in an archive directory and decode their text.

Two steps, usable on their own:

- [`ArchiveWalker`] walks an archive root recursively in a deterministic order
  (depth first, names in byte order) and yields [`RawDocument`]s: the bytes of
  each matching file with its `/`-separated path relative to the root.
- [`decode`] turns bytes into text: UTF-8 with or without a byte-order mark,
  UTF-16 with a BOM, and anything else detected with `chardetng` and decoded
  with `encoding_rs`. Binary and empty inputs are refused with a
  [`DecodeError`] rather than turned into garbage text.

Reading is I/O and decoding is CPU work, so they are separate: a pipeline reads
on one thread and decodes on its worker pool.

# Example

```
use newsclean_ingest::{decode, ArchiveWalker};

let dir = tempfile::tempdir()?;
std::fs::create_dir(dir.path().join("2023"))?;
std::fs::write(dir.path().join("2023/a.txt"), "Headline\n\nBody.")?;
std::fs::write(dir.path().join("b.txt"), b"Caf\xe9 cr\xe8me")?; // Windows-1252
std::fs::write(dir.path().join("notes.md"), "not an article")?;

let mut texts = Vec::new();
for raw in ArchiveWalker::new(dir.path()) {
    let raw = raw?;
    let doc = decode(&raw.bytes)?;
    texts.push((raw.path, doc.encoding, doc.text));
}
assert_eq!(texts[0], ("2023/a.txt".to_string(), "UTF-8", "Headline\n\nBody.".to_string()));
assert_eq!(texts[1].2, "Café crème");
assert_eq!(texts.len(), 2);
# Ok::<(), Box<dyn std::error::Error>>(())
```
*/

#![deny(missing_docs)]

mod decode;
mod walk;

pub use decode::{DecodeError, Decoded, decode};
pub use walk::{ArchiveWalker, DEFAULT_MAX_BYTES, RawDocument, ReadError, ReadErrorKind};
