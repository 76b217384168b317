//! Paths as strings: `/`-separated, relative to the archive root, and
//! lossless for names that are not valid UTF-8.

use std::path::Path;

/// Bytes of a file name as a string: valid UTF-8 is kept, each byte that is
/// not is written `\xNN`, and a backslash is doubled so that the escaping
/// can be undone (two different names never give the same string).
pub fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

/// A file or folder name as a path part: escaped with [`escape_bytes`], and
/// with `#` written `\x23`: `#` numbers the records of a file (`feed#1`),
/// so a file named `feed#1` must not take that path.
pub(crate) fn escape_name(name: &std::ffi::OsStr) -> String {
    escape_bytes(name.as_encoded_bytes()).replace('#', "\\x23")
}

/// `path` relative to `root`, `/`-separated, each part escaped with
/// [`escape_name`].
pub(crate) fn relative_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| escape_name(c.as_os_str()))
        .collect();
    if parts.is_empty() {
        // The root itself was a file.
        path.file_name().map(escape_name).unwrap_or_default()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_lossless() {
        assert_eq!(escape_bytes("Zoë/a.txt".as_bytes()), "Zoë/a.txt");
        assert_eq!(escape_bytes(b"caf\xe9.txt"), "caf\\xe9.txt");
        assert_eq!(escape_bytes(b"caf\\xe9.txt"), "caf\\\\xe9.txt");
    }

    #[test]
    fn a_hash_in_a_file_name_is_no_record_number() {
        let root = Path::new("/archive");
        assert_eq!(
            relative_path(root, Path::new("/archive/feed#1")),
            "feed\\x231"
        );
        assert_eq!(
            relative_path(root, Path::new("/archive/a#b/c.txt")),
            "a\\x23b/c.txt"
        );
    }
}
