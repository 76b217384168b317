//! End-to-end tests on the torture archive, `fixtures/torture/` (made by
//! `scripts/make-torture`), plus the cases git cannot hold (links, names
//! that are not UTF-8, unreadable files), made here at run time.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use serde_json::{Value, json};

use crate::util::{Dir, fixtures, newsclean, output};

/// The limits the torture archive is designed for: its bomb expands to
/// 64 MiB, its long lines are 3 and 4 MiB.
const LIMITS: [&str; 4] = ["--max-bytes", "1048576", "--max-member-bytes", "8388608"];

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The torture archive in a temporary folder, with links and a non-UTF-8
/// name added.
fn torture() -> Dir {
    let dir = Dir::new();
    copy_dir(&fixtures().join("torture"), &dir.archive());
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::symlink;
        let text = "Name that is not UTF-8\n\nLONDON (Reuters) - The file name of this story is \
                    Latin-1, and its path must come out escaped, not mangled.\n";
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        let names = dir.archive().join("names");
        std::fs::create_dir_all(&names).expect("mkdir");
        std::fs::write(names.join(name), text).expect("write");
        let links = dir.archive().join("links");
        std::fs::create_dir_all(&links).expect("mkdir");
        std::fs::write(dir.root.path().join("outside.txt"), text).expect("write");
        symlink(
            dir.root.path().join("outside.txt"),
            links.join("outside.txt"),
        )
        .expect("link");
        symlink("../text/plain.txt", links.join("inside.txt")).expect("link");
        symlink("..", links.join("loop")).expect("link");
    }
    dir
}

fn run(dir: &Dir, out: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let result = output(
        newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--out")
            .arg(out)
            .args(["--quiet", "--no-learn-templates"])
            .args(LIMITS)
            .args(extra),
    );
    let read = |name: &str| std::fs::read_to_string(out.join(name)).expect("output file");
    (
        result.status.code(),
        crate::util::records(out),
        read("errors.jsonl"),
    )
}

/// The parts of a record that ingestion decides.
fn summary(record: &Value) -> Value {
    let source = &record["source"];
    json!({
        "path": source["path"],
        "member": source["member"],
        "encoding": source["encoding"],
        "id": source["id"],
        "url": source["url"],
        "fetched": source["fetched"],
        "title": record["title"],
        "published": record["published"],
        "reporters": record["credits"]["reporters"],
        "paragraphs": record["paragraphs"].as_array().map_or(0, Vec::len),
    })
}

/// Every format and every bad input of the torture archive: which records
/// come out (`fixtures/torture-expected/records.jsonl`, one summary per
/// record) and which error lines (`fixtures/torture-expected/errors.jsonl`).
/// `NEWSCLEAN_BLESS=1` rewrites both after a reviewed change.
#[cfg(unix)]
#[test]
fn torture_archive_gives_expected_records_and_errors() {
    let dir = torture();
    let (code, records, errors) = run(&dir, &dir.out(), &["--jobs", "3"]);
    assert_eq!(code, Some(1), "bad inputs give exit code 1");
    let summaries: String = records
        .lines()
        .map(|l| {
            let record: Value = serde_json::from_str(l).expect("record JSON");
            summary(&record).to_string() + "\n"
        })
        .collect();
    let expected = fixtures().join("torture-expected");
    if std::env::var_os("NEWSCLEAN_BLESS").is_some() {
        std::fs::create_dir_all(&expected).expect("mkdir");
        std::fs::write(expected.join("records.jsonl"), &summaries).expect("write");
        std::fs::write(expected.join("errors.jsonl"), &errors).expect("write");
        return;
    }
    // Unsafe archive members are reported, never read.
    assert!(!records.contains("must never be read"));
    let report: Value = serde_json::from_str(&dir.read_out("report.json")).expect("report JSON");
    assert_eq!(report["records"], records.lines().count());
    assert_eq!(report["errors"], errors.lines().count());
    let want = |name: &str| std::fs::read_to_string(expected.join(name)).unwrap_or_default();
    assert_eq!(summaries, want("records.jsonl"), "records differ");
    assert_eq!(errors, want("errors.jsonl"), "errors differ");

    // The same bytes whatever the number of workers.
    let out1 = dir.root.path().join("out1");
    let (_, records1, errors1) = run(&dir, &out1, &["--jobs", "1"]);
    assert_eq!((records1, errors1), (records, errors));
}

/// `--follow-links` follows a link inside the root; a link outside it and a
/// loop are still reported.
#[cfg(unix)]
#[test]
fn follow_links_stays_inside_the_root() {
    let dir = torture();
    let (_, records, errors) = run(&dir, &dir.out(), &["--follow-links"]);
    assert!(records.contains(r#""path":"links/inside.txt""#));
    let errors: Vec<Value> = errors
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let link_errors: Vec<(&str, &str)> = errors
        .iter()
        .filter(|e| e["path"].as_str().is_some_and(|p| p.starts_with("links/")))
        .map(|e| {
            (
                e["path"].as_str().unwrap_or_default(),
                e["reason"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(link_errors.len(), 2, "{link_errors:?}");
    assert!(link_errors[0].1.contains("loop"), "{link_errors:?}");
    assert_eq!(link_errors[1].0, "links/outside.txt");
    assert!(link_errors[1].1.contains("outside the archive root"));
}

/// Shards are disjoint and together give the whole run, record for record.
#[test]
fn shards_partition_the_run() {
    let dir = Dir::new();
    copy_dir(&fixtures().join("torture"), &dir.archive());
    let (_, all_records, all_errors) = run(&dir, &dir.out(), &[]);
    let mut union_records: Vec<String> = Vec::new();
    let mut union_errors: Vec<String> = Vec::new();
    for i in 1..=3 {
        let out = dir.root.path().join(format!("shard{i}"));
        let (_, records, errors) = run(&dir, &out, &["--shard", &format!("{i}/3")]);
        assert!(!records.is_empty(), "shard {i} is empty");
        union_records.extend(records.lines().map(str::to_string));
        union_errors.extend(errors.lines().map(str::to_string));
    }
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let all: Vec<String> = all_records.lines().map(str::to_string).collect();
    assert_eq!(sorted(union_records), sorted(all));
    let all: Vec<String> = all_errors.lines().map(str::to_string).collect();
    assert_eq!(sorted(union_errors), sorted(all));
    let bad = output(
        newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out())
            .args(["--shard", "4/3"]),
    );
    assert_eq!(bad.status.code(), Some(2));
}

/// A file the user cannot read is an error line (skipped when running as
/// root, who can read anything).
#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    dir.create(
        "ok.txt",
        "Title\n\nLONDON (Reuters) - A readable story about the council.\n",
    );
    dir.create("locked.txt", "secret");
    let locked = dir.archive().join("locked.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&locked).is_ok() {
        return; // root
    }
    let (code, records, errors) = run(&dir, &dir.out(), &[]);
    assert_eq!(code, Some(1));
    assert_eq!(records.lines().count(), 1);
    assert!(
        errors.contains(
            r#""path":"locked.txt","stage":"read","reason":"cannot read: Permission denied"#
        ),
        "{errors}"
    );
}

/// Runs `newsclean stream ARGS` on `input`: its exit code and its lines.
fn stream(args: &[&str], input: &[u8]) -> (Option<i32>, Vec<Value>) {
    let mut child = newsclean()
        .arg("stream")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write");
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| match l {
            "" => Value::Null,
            l => serde_json::from_str(l).expect("JSON line"),
        })
        .collect();
    (out.status.code(), lines)
}

/// `newsclean stream`: one line out per line in, in order, with the field
/// map; bad lines give in-band errors and the stream goes on.
#[test]
fn stream_answers_every_line() {
    let input = [
        json!({"key": "k1", "hed": "Dam opens", "story": "LONDON (Reuters) - The dam opened on Tuesday after years of building work."}).to_string(),
        "{broken".to_string(),
        String::new(),
        json!({"key": "k4", "text": "not the mapped field"}).to_string(),
        json!({"key": "k5", "hed": "Dam closes", "story": "The dam closed again on Friday for repairs to its gates, officials said."}).to_string(),
    ];
    let args = [
        "--field",
        "text=story",
        "--field",
        "title=hed",
        "--field",
        "id=key",
    ];
    let (code, lines) = stream(&args, (input.join("\n") + "\n").as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["title"], "Dam opens");
    assert_eq!(lines[0]["source"]["id"], "k1");
    assert_eq!(lines[0]["source"]["path"], "-#0");
    // A blank line in, a blank line out.
    assert_eq!(lines[2], Value::Null);
    for (i, id) in [(1, Value::Null), (3, json!("k4"))] {
        assert_eq!(lines[i]["status"], "error", "line {i}");
        assert_eq!(lines[i]["id"], id, "line {i}");
        assert_eq!(lines[i]["index"], i, "line {i}");
    }
    assert!(lines[3]["error"].as_str().unwrap_or("").contains("story"));
    assert_eq!(lines[4]["title"], "Dam closes");
}

/// Blank lines (a trailing newline too many) are no failure.
#[test]
fn stream_passes_blank_lines() {
    let good =
        json!({"text": "The dam opened on Tuesday after years of building work, officials said."});
    let (code, lines) = stream(&[], format!("{good}\n\n  \n").as_bytes());
    assert_eq!(code, Some(0));
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1], Value::Null);
    assert_eq!(lines[2], Value::Null);
}

/// `stream` reads a line as `run` does: half an emoji is mended, a line in
/// Latin-1 is recoded, a byte-order mark is no JSON.
#[test]
fn stream_mends_lines_as_run_does() {
    // A file's byte-order mark on the first line, too.
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice(
        br#"{"text":"\ud83d A story cut in the middle of an emoji about the council vote."}"#,
    );
    input.push(b'\n');
    input.extend_from_slice(
        b"{\"text\":\"Caf\xe9 owners protest the new rules in the city centre on Monday.\"}\n",
    );
    let (code, lines) = stream(&[], &input);
    assert_eq!(code, Some(0), "{lines:?}");
    assert!(
        lines[0]["paragraphs"][0]
            .as_str()
            .unwrap_or("")
            .starts_with('\u{FFFD}')
    );
    assert_eq!(lines[1]["source"]["encoding"], "windows-1252");
    assert!(
        lines[1]["paragraphs"][0]
            .as_str()
            .unwrap_or("")
            .starts_with("Café")
    );
}

/// `stream` reads stdin in UTF-16 (with its byte-order mark) line by line,
/// as `run` reads such a file: every line is a record, not only the first.
#[test]
fn stream_reads_utf16_stdin() {
    let text =
        "{\"text\":\"Köln opened its new bridge to traffic on Monday morning.\"}\n".repeat(2);
    let mut input = vec![0xFF, 0xFE];
    input.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (code, lines) = stream(&[], &input);
    assert_eq!(code, Some(0), "{lines:?}");
    assert_eq!(lines.len(), 2, "{lines:?}");
    for line in &lines {
        assert_eq!(line["source"]["encoding"], "UTF-16LE");
        assert!(
            line["paragraphs"][0]
                .as_str()
                .unwrap_or("")
                .starts_with("Köln")
        );
    }
}

/// `stream` answers a line as soon as it has it: a first line too short to
/// tell a byte-order mark is not held back until more input comes.
#[test]
fn stream_answers_a_short_first_line_at_once() {
    use std::io::BufRead as _;
    let mut child = newsclean()
        .arg("stream")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"1\n").expect("write");
    stdin.flush().expect("flush");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let answer = rx.recv_timeout(std::time::Duration::from_secs(20));
    drop(stdin);
    let _ = child.wait();
    let answer = answer.expect("no answer while stdin stayed open");
    assert!(answer.contains("\"status\":\"error\""), "{answer}");
}

/// A `stream` line's error names the stage that failed (a text over the
/// line budget fails in `clean`, not in `decode`).
#[test]
fn stream_errors_name_their_stage() {
    let text = "a line\n".repeat(100_001);
    let input = json!({ "text": text }).to_string() + "\n";
    let (code, lines) = stream(&[], input.as_bytes());
    assert_eq!(code, Some(1), "{lines:?}");
    assert_eq!(lines[0]["stage"], "clean", "{lines:?}");
}

/// `--field` maps a vendor's own field names in `run`; a bad mapping is a
/// usage error.
#[test]
fn field_map_applies_to_run() {
    let dir = Dir::new();
    let line = json!({"hed": "Vendor headline", "story": "LONDON (Reuters) - The vendor's story text is long enough to keep as a paragraph.", "ts": 1_700_000_000, "ref": "v-1"});
    dir.create("vendor.jsonl", line.to_string() + "\n");
    let (code, records, _) = run(
        &dir,
        &dir.out(),
        &[
            "--field",
            "text=story",
            "--field",
            "title=hed",
            "--field",
            "published=ts",
            "--field",
            "id=ref",
        ],
    );
    assert_eq!(code, Some(0));
    let record: Value = serde_json::from_str(records.trim()).expect("record");
    assert_eq!(record["source"]["path"], "vendor.jsonl#0");
    assert_eq!(record["source"]["id"], "v-1");
    assert_eq!(record["title"], "Vendor headline");
    assert_eq!(record["published"], "2023-11-14T22:13:20Z");
    let bad = output(
        newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out())
            .args(["--field", "colour=red"]),
    );
    assert_eq!(bad.status.code(), Some(2));
}
