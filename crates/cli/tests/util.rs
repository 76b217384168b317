//! Helpers for running the real `newsclean` binary on temporary archives.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary archive folder and output folder.
pub struct Dir {
    pub root: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            root: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn archive(&self) -> PathBuf {
        self.root.path().join("archive")
    }

    pub fn out(&self) -> PathBuf {
        self.root.path().join("out")
    }

    /// Writes `bytes` at `rel` inside the archive, creating folders.
    pub fn create(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Dir {
        let path = self.archive().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
        self
    }

    /// Every records part file of the output folder, concatenated in name
    /// order: what `records*.jsonl*` gives a reader.
    pub fn records(&self) -> String {
        records(&self.out())
    }

    pub fn read_out(&self, name: &str) -> String {
        std::fs::read_to_string(self.out().join(name)).expect("output file")
    }
}

/// The `newsclean` binary built for this test run.
pub fn newsclean() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsclean"));
    cmd.stdin(Stdio::null());
    cmd
}

/// Runs a command and returns its output, whatever the exit code.
pub fn output(cmd: &mut Command) -> Output {
    cmd.output().expect("run newsclean")
}

/// Asserts the exit code, showing what the binary said on stderr if not.
pub fn assert_code(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The workspace's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// Every records part file of `out` (decompressed), concatenated in name
/// order.
pub fn records(out: &Path) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(out)
        .expect("output folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            name.is_some_and(|n| n.starts_with("records") && n.contains(".jsonl"))
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            use std::io::Read;
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let compression = newsclean_output::Compression::of_name(&name.unwrap_or_default());
            let file = std::fs::File::open(p).expect("records file");
            let mut text = String::new();
            compression
                .reader(file)
                .and_then(|mut r| r.read_to_string(&mut text))
                .expect("records file");
            text
        })
        .collect()
}
