//! Splitting an archive between machines with no coordination.

use std::fmt;
use std::str::FromStr;

/// Shard `index` of `count` (written `I/N`, 1-based): the documents whose
/// relative path hashes to it.
///
/// The hash is 64-bit FNV-1a of the path's UTF-8 bytes (as written in
/// `source.path`, without `#N`), taken modulo `count`: a fixed, documented
/// function (not Rust's randomised hasher), so every machine computes the
/// same partition. A file and all its records belong to one shard; the
/// shards `1/N` … `N/N` are disjoint and together cover the archive.
///
/// ```
/// use newsclean_ingest::Shard;
///
/// let shards: Vec<Shard> = (1..=3).map(|i| format!("{i}/3").parse().unwrap()).collect();
/// let owners = shards.iter().filter(|s| s.contains("2023/05/a.txt")).count();
/// assert_eq!(owners, 1);
/// assert!("0/3".parse::<Shard>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Shard `index` (1-based) of `count`; `None` unless `1 <= index <= count`.
    pub fn new(index: u64, count: u64) -> Option<Shard> {
        (index >= 1 && index <= count).then_some(Shard { index, count })
    }

    /// True when the file at `path` (relative, `/`-separated) is in this shard.
    pub fn contains(&self, path: &str) -> bool {
        fnv1a(path.as_bytes()) % self.count == self.index - 1
    }
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A shard specification that is not `I/N` with `1 <= I <= N`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("bad shard {0:?}: expected I/N with 1 <= I <= N, e.g. 2/8")]
pub struct ShardError(String);

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Shard, ShardError> {
        let err = || ShardError(s.to_string());
        let (i, n) = s.split_once('/').ok_or_else(err)?;
        let i = i.trim().parse().map_err(|_| err())?;
        let n = n.trim().parse().map_err(|_| err())?;
        Shard::new(i, n).ok_or_else(err)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_the_published_function() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn shards_partition_paths() {
        let shards: Vec<Shard> = (1..=4).map(|i| Shard::new(i, 4).unwrap()).collect();
        let mut sizes = [0; 4];
        for p in 0..1000 {
            let path = format!("d{}/f{p}.txt", p % 7);
            let owners: Vec<usize> = (0..4).filter(|&i| shards[i].contains(&path)).collect();
            assert_eq!(owners.len(), 1);
            sizes[owners[0]] += 1;
        }
        assert!(sizes.iter().all(|&n| n > 150), "{sizes:?}");
        assert_eq!("2/4".parse::<Shard>().unwrap().to_string(), "2/4");
        for bad in ["0/4", "5/4", "x", "1/0", "1/"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
