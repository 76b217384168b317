//! Scheduled operation: incremental runs, the run lock, signals, and
//! crash safety under `kill -9`.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::{Dir, newsclean, output, records};

/// A generated archive: `n` text articles in a few folders and a JSON Lines
/// file of several records every 50 files.
fn archive(dir: &Dir, n: usize) {
    for i in 0..n {
        let text = format!(
            "Story number {i} makes the news\n\nLONDON (Reuters) - The council met on day {i} to discuss the budget and the roads of the city, officials said.\n\nThe mayor said the plan for year {i} would be published soon, and residents were invited to comment.\n\nRead more: Other story {i}\n"
        );
        dir.create(&format!("site{}/story-{i:05}.txt", i % 7), text);
        if i % 50 == 0 {
            let lines: String = (0..5)
                .map(|j| {
                    serde_json::json!({"title": format!("Feed {i} item {j}"), "text": format!("PARIS (AFP) - Feed item {j} of batch {i} tells a long enough story about the weather and the harvest.")})
                        .to_string()
                        + "\n"
                })
                .collect();
            dir.create(&format!("feeds/batch-{i:05}.jsonl"), lines);
        }
    }
    dir.create("broken/empty.txt", "");
}

/// The output folder's `report.json`.
fn read_report(dir: &Dir) -> serde_json::Value {
    serde_json::from_str(&dir.read_out("report.json")).expect("report")
}

fn run(archive: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    output(
        newsclean()
            .arg("run")
            .arg(archive)
            .arg("--out")
            .arg(out)
            .arg("--quiet")
            .args(extra),
    )
}

fn sorted_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

/// A second run over an unchanged archive processes nothing and says so; a
/// run after adding and changing files processes only them; a deleted file's
/// records are superseded.
#[test]
fn incremental_runs_do_only_new_work() {
    let dir = Dir::new();
    archive(&dir, 120);
    let first = run(&dir.archive(), &dir.out(), &["--part-records", "40"]);
    assert_eq!(first.status.code(), Some(1)); // the empty file
    let all = dir.records();
    assert!(dir.out().join("records-000000.jsonl").exists());

    let again = output(
        newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out()),
    );
    assert_eq!(again.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("nothing to do"), "{stderr}");
    assert_eq!(dir.records(), all, "an unchanged run wrote records");
    let report = read_report(&dir);
    assert_eq!(report["inputs"]["new"], 0);
    assert_eq!(report["records"], 0);
    // The errors of earlier runs stay listed.
    assert!(dir.read_out("errors.jsonl").contains("empty.txt"));

    // A touched but identical file is not processed again.
    let touched = dir.archive().join("site0/story-00000.txt");
    let text = std::fs::read(&touched).expect("read");
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&touched, &text).expect("touch");
    dir.create("site1/story-new.txt", "Fresh story\n\nROME (AP) - A new story arrived tonight with enough words in it to be a paragraph.\n");
    dir.create("site2/story-00002.txt", "Changed story\n\nROME (AP) - This story was rewritten by its editor with enough words in it.\n");
    std::fs::remove_file(dir.archive().join("site3/story-00003.txt")).expect("rm");
    let dry = run(&dir.archive(), &dir.out(), &["--dry-run"]);
    let plan = String::from_utf8_lossy(&dry.stdout);
    let todo: Vec<&str> = plan
        .lines()
        .filter(|l| !l.starts_with("unchanged"))
        .collect();
    assert_eq!(
        todo,
        [
            "new       site1/story-new.txt",
            "changed   site2/story-00002.txt",
            "deleted   site3/story-00003.txt"
        ],
        "{plan}"
    );
    let third = run(&dir.archive(), &dir.out(), &[]);
    assert_eq!(third.status.code(), Some(0));
    let report = read_report(&dir);
    assert_eq!(report["inputs"]["new"], 1);
    assert_eq!(report["inputs"]["changed"], 1);
    assert_eq!(report["inputs"]["deleted"], 1);
    assert_eq!(report["records"], 2);
    let superseded = dir.read_out("superseded.jsonl");
    assert!(superseded.contains("site2/story-00002.txt"), "{superseded}");
    assert!(superseded.contains("site3/story-00003.txt"), "{superseded}");
    let history =
        std::fs::read_to_string(dir.out().join(".newsclean/history.jsonl")).expect("history");
    assert_eq!(history.lines().count(), 3);
}

/// Compressed part files hold the same records as plain ones, runs on a
/// folder may change compression, and `compact` rewrites everything to the
/// compression it is given.
#[test]
fn compressed_parts_hold_the_same_records() {
    let dir = Dir::new();
    archive(&dir, 120);
    let plain = dir.root.path().join("plain");
    run(&dir.archive(), &plain, &[]);
    let want = records(&plain);
    let zst = run(
        &dir.archive(),
        &dir.out(),
        &["--compress", "zstd", "--part-records", "40"],
    );
    assert_eq!(zst.status.code(), Some(1), "{zst:?}");
    let names = |out: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(out)
            .expect("out")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("records"))
            .collect();
        names.sort();
        names
    };
    let first = names(&dir.out());
    assert!(first.len() >= 3, "{first:?}");
    assert!(first.iter().all(|n| n.ends_with(".jsonl.zst")), "{first:?}");
    assert_eq!(records(&dir.out()), want);

    dir.create("site1/story-new.txt", "Fresh story\n\nROME (AP) - A new story arrived tonight with enough words in it to be a paragraph.\n");
    std::fs::remove_file(dir.archive().join("site3/story-00003.txt")).expect("rm");
    let gz = run(&dir.archive(), &dir.out(), &["--compress", "gzip"]);
    assert_eq!(gz.status.code(), Some(0), "{gz:?}");
    assert!(names(&dir.out()).iter().any(|n| n.ends_with(".jsonl.gz")));
    let compact = output(
        newsclean()
            .arg("compact")
            .arg(dir.out())
            .args(["--compress", "gzip"]),
    );
    assert_eq!(compact.status.code(), Some(0), "{compact:?}");
    let after = names(&dir.out());
    assert!(after.iter().all(|n| n.ends_with(".jsonl.gz")), "{after:?}");
    let got = sorted_lines(&records(&dir.out()));
    assert_eq!(got.len(), want.lines().count(), "one added, one deleted");
    assert!(got.iter().any(|l| l.contains("story-new.txt")));
    assert!(!got.iter().any(|l| l.contains("story-00003.txt")));
}

/// A second run on a locked output folder exits at once with code 3; the
/// lock of a dead process does not count.
#[test]
fn a_held_lock_stops_a_second_run() {
    let dir = Dir::new();
    archive(&dir, 3);
    std::fs::create_dir_all(dir.out().join(".newsclean")).expect("mkdir");
    let lock = std::fs::File::create(dir.out().join(".newsclean/lock")).expect("lock file");
    lock.try_lock().expect("lock");
    let second = run(&dir.archive(), &dir.out(), &[]);
    assert_eq!(second.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&second.stderr).contains("holds the lock"));
    drop(lock);
    let third = run(&dir.archive(), &dir.out(), &[]);
    assert_eq!(third.status.code(), Some(1));
}

/// A link the archive keeps is reported on every run, but only the first
/// run that meets it fails for it: a quiet night exits 0, as one with an
/// old unreadable input does.
#[cfg(unix)]
#[test]
fn a_link_met_last_night_is_listed_but_no_new_failure() {
    let dir = Dir::new();
    archive(&dir, 3);
    std::fs::remove_file(dir.archive().join("broken/empty.txt")).expect("rm");
    std::os::unix::fs::symlink("/etc/hostname", dir.archive().join("link.txt")).expect("link");
    let codes: Vec<Option<i32>> = (0..3)
        .map(|_| run(&dir.archive(), &dir.out(), &[]).status.code())
        .collect();
    assert_eq!(codes, [Some(1), Some(0), Some(0)]);
    let errors = std::fs::read_to_string(dir.out().join("errors.jsonl")).expect("errors");
    assert!(errors.contains("link.txt"), "{errors}");
    // A full run reads everything again, and counts what it meets; a link
    // is no file read.
    let full = run(&dir.archive(), &dir.out(), &["--full"]);
    assert_eq!(full.status.code(), Some(1));
    let report = read_report(&dir);
    assert_eq!(report["files"], 4, "{report}"); // 3 stories and a feed
    // Gone, then back: new again.
    std::fs::remove_file(dir.archive().join("link.txt")).expect("rm");
    assert_eq!(run(&dir.archive(), &dir.out(), &[]).status.code(), Some(0));
    std::os::unix::fs::symlink("/etc/hostname", dir.archive().join("link.txt")).expect("link");
    assert_eq!(run(&dir.archive(), &dir.out(), &[]).status.code(), Some(1));
}

/// With `--follow-links`, a link whose target is gone is no folder that
/// could not be listed: its input is deleted with the target.
#[cfg(unix)]
#[test]
fn a_followed_link_whose_target_went_is_deleted() {
    let dir = Dir::new();
    archive(&dir, 3);
    std::os::unix::fs::symlink(
        "../site0/story-00000.txt",
        dir.archive().join("feeds/l.txt"),
    )
    .expect("link");
    run(&dir.archive(), &dir.out(), &["--follow-links"]);
    std::fs::remove_file(dir.archive().join("site0/story-00000.txt")).expect("rm");
    run(&dir.archive(), &dir.out(), &["--follow-links"]);
    let report = read_report(&dir);
    assert_eq!(report["inputs"]["deleted"], 2, "{report}");
}

/// A tiny deterministic random number generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The same options written another way (a rule pack by another path,
/// switched-off rules in another order) are the same configuration:
/// nothing is processed again.
#[test]
fn the_same_options_written_otherwise_change_nothing() {
    let dir = Dir::new();
    archive(&dir, 20);
    std::fs::write(dir.root.path().join("site.toml"), "[[rule]]\nid = \"site.x\"\nkind = \"exact\"\npatterns = [\"Read more\"]\nrole = \"related\"\nreason = \"x\"\n").expect("write");
    let pack = dir.root.path().join("site.toml");
    let other = dir.root.path().join(".").join("site.toml");
    let (a, b) = (pack.to_string_lossy(), other.to_string_lossy());
    let first = [
        "--rules",
        &a,
        "--disable-rule",
        "footer.bloomberg",
        "--disable-rule",
        "footer.copyright",
        "--field",
        "text=body",
        "--field",
        "title=hed",
    ];
    let second = [
        "--rules",
        &b,
        "--disable-rule",
        "footer.copyright",
        "--disable-rule",
        "footer.bloomberg",
        "--field",
        "text=body",
        "--field",
        "title=hed",
    ];
    run(&dir.archive(), &dir.out(), &first);
    let again = run(&dir.archive(), &dir.out(), &second);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    let report = read_report(&dir);
    assert_eq!(report["inputs"]["changed"], 0, "{report}");
    // The same pack as templates is another configuration: templates come
    // after the switched-off rules.
    let mut templates = second;
    templates[0] = "--templates";
    run(&dir.archive(), &dir.out(), &templates);
    let report = read_report(&dir);
    assert_ne!(report["inputs"]["changed"], 0, "{report}");
}

/// A dry run prints one input a line, even one whose name holds a newline.
#[test]
fn a_dry_run_escapes_control_characters_in_names() {
    let dir = Dir::new();
    dir.create(
        "new\nline.txt",
        "Headline\n\nA story with enough words in it to be a paragraph of text.\n",
    );
    let dry = run(&dir.archive(), &dir.out(), &["--dry-run"]);
    let plan = String::from_utf8_lossy(&dry.stdout);
    assert_eq!(plan, "new       new\\nline.txt\n");
}

/// Without its saved templates an output folder makes the next run learn
/// them again; a dry run learns them as well (without saving them), so it
/// says what that run will do: an unchanged archive is unchanged.
#[test]
fn a_dry_run_without_saved_templates_tells_the_truth() {
    let dir = Dir::new();
    archive(&dir, 30);
    run(&dir.archive(), &dir.out(), &[]);
    std::fs::remove_file(dir.out().join("templates.toml")).expect("rm");
    let dry = run(&dir.archive(), &dir.out(), &["--dry-run"]);
    let plan = String::from_utf8_lossy(&dry.stdout);
    assert!(plan.lines().count() > 30, "{plan}");
    assert!(plan.lines().all(|l| l.starts_with("unchanged")), "{plan}");
    assert!(!dir.out().join("templates.toml").exists());
    run(&dir.archive(), &dir.out(), &[]);
    let report = read_report(&dir);
    assert_eq!(report["inputs"]["changed"], 0, "{report}");
}

/// A closed stderr (the log reader died) does not turn a run into a
/// panic: the exit code is the run's own.
#[test]
fn a_closed_stderr_keeps_the_exit_code() {
    let dir = Dir::new();
    archive(&dir, 5);
    // The summary line, then the log events of JSON logs.
    for (out, logs) in [("plain", "plain"), ("json", "json")] {
        let mut child = newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.root.path().join(out))
            .args(["--log-format", logs])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start newsclean");
        drop(child.stderr.take());
        // The empty file fails.
        assert_eq!(child.wait().expect("wait").code(), Some(1), "{logs}");
    }
}

/// An archive that suddenly holds nothing (an unmounted disk) is refused
/// with exit code 5, and the records of the last run stay.
#[test]
fn an_emptied_archive_supersedes_nothing() {
    let dir = Dir::new();
    archive(&dir, 20);
    run(&dir.archive(), &dir.out(), &[]);
    let before = records(&dir.out());
    std::fs::remove_dir_all(dir.archive()).expect("rm");
    std::fs::create_dir(dir.archive()).expect("mkdir");
    let empty = run(&dir.archive(), &dir.out(), &[]);
    assert_eq!(empty.status.code(), Some(5), "{empty:?}");
    assert!(String::from_utf8_lossy(&empty.stderr).contains("mounted"));
    let history =
        std::fs::read_to_string(dir.out().join(".newsclean/history.jsonl")).expect("history");
    assert!(
        history.lines().last().unwrap_or("").contains("\"exit\":5"),
        "{history}"
    );
    assert_eq!(records(&dir.out()), before);
    // A dry run says so too.
    let dry = run(&dir.archive(), &dir.out(), &["--dry-run"]);
    assert_eq!(dry.status.code(), Some(5), "{dry:?}");
    // A mount point's hidden marker and empty folders are still nothing.
    std::fs::write(dir.archive().join(".mounted"), "").expect("marker");
    std::fs::create_dir_all(dir.archive().join("2024/11")).expect("mkdir");
    let skeleton = run(&dir.archive(), &dir.out(), &[]);
    assert_eq!(skeleton.status.code(), Some(5), "{skeleton:?}");
    assert_eq!(records(&dir.out()), before);
}

/// A shard whose files are all gone, in an archive that still holds
/// others, supersedes their records: that is no unmounted disk.
#[test]
fn a_shard_that_lost_its_files_supersedes_them() {
    let dir = Dir::new();
    archive(&dir, 20);
    run(&dir.archive(), &dir.out(), &["--shard", "1/2"]);
    let first = read_report(&dir);
    let mine = first["inputs"]["new"].as_u64().expect("count");
    assert!(mine > 0);
    // Remove exactly the files of shard 1: a run of shard 2 alone then
    // still finds every one of its own.
    let listed = output(
        newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.root.path().join("probe"))
            .args(["--shard", "1/2", "--dry-run"]),
    );
    for line in String::from_utf8_lossy(&listed.stdout).lines() {
        let path = line.split_whitespace().last().expect("path");
        std::fs::remove_file(dir.archive().join(path)).expect("rm");
    }
    let again = run(&dir.archive(), &dir.out(), &["--shard", "1/2"]);
    assert!(matches!(again.status.code(), Some(0 | 1)), "{again:?}");
    let report = read_report(&dir);
    assert_eq!(report["inputs"]["deleted"].as_u64(), Some(mine), "{report}");
}

/// A write error in the middle of a run (here a folder where a part file
/// goes; a full disk is the same) ends the run with exit code 5, instead
/// of leaving it waiting for ever with the lock held.
#[test]
fn a_write_error_mid_run_exits_5() {
    let dir = Dir::new();
    // More batches than the writer lets wait behind it.
    archive(&dir, 1500);
    std::fs::create_dir_all(dir.out().join("records-000001.jsonl")).expect("mkdir");
    let mut child = newsclean()
        .arg("run")
        .arg(dir.archive())
        .arg("--out")
        .arg(dir.out())
        .args(["--quiet", "--no-learn-templates", "--part-records", "10"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start newsclean");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the run hung after a write error");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(child.wait().expect("wait").code(), Some(5));
    // The lock is free for the next night.
    std::fs::remove_dir(dir.out().join("records-000001.jsonl")).expect("rmdir");
    let next = run(&dir.archive(), &dir.out(), &["--no-learn-templates"]);
    assert!(matches!(next.status.code(), Some(0 | 1)), "{next:?}");
}

/// Killing the run (`kill -9`) at random moments, again and again, then
/// running it to the end gives exactly the records of one clean run: none
/// lost, none twice.
#[cfg(unix)]
#[test]
fn kill_9_at_random_moments_loses_and_duplicates_nothing() {
    const KILLS: usize = 25;
    let dir = Dir::new();
    archive(&dir, 250);
    let clean = dir.root.path().join("clean");
    let started = Instant::now();
    let reference = run(&dir.archive(), &clean, &[]);
    let clean_time = started.elapsed();
    assert_eq!(reference.status.code(), Some(1));
    let want = sorted_lines(&records(&clean));
    let want_errors = std::fs::read_to_string(clean.join("errors.jsonl")).expect("errors");

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    let span = (clean_time.as_micros() as u64).max(1000);
    // Kill runs until KILLS of them died mid-way. A run that ends before
    // its kill has finished the work: its output is checked, and the next
    // runs start over on an empty folder.
    let check = |out: &Path, why: &str| {
        let got = sorted_lines(&records(out));
        assert_eq!(got.len(), want.len(), "seed {seed}: {why}");
        assert!(
            got == want,
            "seed {seed}: {why}: records differ from a clean run"
        );
        let errors = std::fs::read_to_string(out.join("errors.jsonl")).expect("errors");
        assert_eq!(errors, want_errors, "seed {seed}: {why}");
    };
    let mut killed = 0;
    let mut completed = 0;
    for round in 0..KILLS * 4 {
        if killed >= KILLS {
            break;
        }
        // Runs alternate between plain and compressed parts: a run resumes
        // a folder left by a killed run of either kind.
        let compress = ["none", "zstd", "gzip"][round % 3];
        let mut child = newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out())
            .args(["--quiet", "--part-records", "17", "--jobs", "2"])
            .args(["--compress", compress])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start newsclean");
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        if child.try_wait().expect("wait").is_none() {
            let _ = child.kill(); // SIGKILL
            child.wait().expect("wait");
            killed += 1;
        } else {
            completed += 1;
            check(&dir.out(), "a run after kills");
            std::fs::remove_dir_all(dir.out()).expect("rm out");
        }
    }
    let last = run(&dir.archive(), &dir.out(), &[]);
    assert!(matches!(last.status.code(), Some(0 | 1)), "{last:?}");
    check(&dir.out(), "the last run");
    eprintln!("kill test: seed {seed}: {killed} runs killed mid-way, {completed} completed");
    assert!(
        killed >= KILLS,
        "seed {seed}: only {killed} runs were killed mid-way ({completed} completed)"
    );
}

/// Starts `cmd` quietly, sends it SIGTERM after `delay` and waits for it.
#[cfg(unix)]
fn terminated_after(mut cmd: std::process::Command, delay: Duration) -> std::process::ExitStatus {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start newsclean");
    std::thread::sleep(delay);
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    child.wait().expect("wait")
}

/// SIGTERM stops the run with code 4 and commits what is complete; the next
/// run finishes the work.
#[cfg(unix)]
#[test]
fn sigterm_commits_and_exits_4() {
    let dir = Dir::new();
    archive(&dir, 400);
    let clean = dir.root.path().join("clean");
    run(&dir.archive(), &clean, &[]);
    let want = sorted_lines(&records(&clean));
    let mut run_cmd = newsclean();
    run_cmd
        .arg("run")
        .arg(dir.archive())
        .arg("--out")
        .arg(dir.out())
        .args(["--quiet", "--part-records", "10", "--jobs", "1"]);
    let status = terminated_after(run_cmd, Duration::from_millis(300));
    // It may have finished before the signal on a fast machine.
    assert!(matches!(status.code(), Some(1 | 4)), "{status:?}");
    // The report counts what the parts hold, not what was dropped.
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.out().join("report.json")).expect("report"),
    )
    .expect("JSON");
    assert_eq!(
        report["records"].as_u64(),
        Some(records(&dir.out()).lines().count() as u64),
        "{report}"
    );
    let last = run(&dir.archive(), &dir.out(), &[]);
    assert!(matches!(last.status.code(), Some(0 | 1)));
    assert_eq!(sorted_lines(&dir.records()), want);
}

/// SIGTERM stops `compact` with code 4 (not a death by signal), and the
/// folder still holds every current record.
#[cfg(unix)]
#[test]
fn sigterm_stops_compact_with_4() {
    let dir = Dir::new();
    archive(&dir, 400);
    run(&dir.archive(), &dir.out(), &["--part-records", "10"]);
    let want = sorted_lines(&dir.records());
    let mut compact = newsclean();
    compact
        .arg("compact")
        .arg(dir.out())
        .args(["--compress", "gzip", "--part-records", "5"]);
    let status = terminated_after(compact, Duration::from_millis(100));
    // It may have finished before the signal on a fast machine.
    assert!(matches!(status.code(), Some(0 | 4)), "{status:?}");
    let again = output(newsclean().arg("compact").arg(dir.out()));
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    assert_eq!(sorted_lines(&dir.records()), want);
}

/// The cron line and the systemd unit of README.md work as written
/// (`scripts/check-schedule`).
#[cfg(unix)]
#[test]
fn readme_schedule_lines_work() {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/check-schedule");
    let result = output(
        std::process::Command::new("bash")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_newsclean")),
    );
    assert!(
        result.status.success(),
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// Options come from ARCHIVE/newsclean.toml (or --config FILE); flags
/// override them; an unknown key is a usage error.
#[test]
fn options_come_from_newsclean_toml() {
    let dir = Dir::new();
    archive(&dir, 12);
    dir.create(
        "newsclean.toml",
        "out = \"../out\"\npart_records = 5\nno_learn_templates = true\nquiet = true\n",
    );
    let first = output(newsclean().arg("run").arg(dir.archive()));
    assert_eq!(first.status.code(), Some(1), "{first:?}");
    assert!(dir.out().join("records-000002.jsonl").exists());
    let other = dir.root.path().join("other");
    let second = run(&dir.archive(), &other, &["--part-records", "100"]);
    assert_eq!(second.status.code(), Some(1));
    assert!(other.join("records-000000.jsonl").exists());
    assert!(!other.join("records-000001.jsonl").exists());
    // The file turned template learning off; the command line turns it
    // back on.
    assert!(!other.join("templates.toml").exists());
    let learning = dir.root.path().join("learning");
    let on = run(&dir.archive(), &learning, &["--learn-templates"]);
    assert_eq!(on.status.code(), Some(1), "{on:?}");
    assert!(learning.join("templates.toml").exists());
    let bad = dir.root.path().join("bad.toml");
    std::fs::write(&bad, "colour = 1\n").expect("write");
    let third = output(
        newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--config")
            .arg(&bad),
    );
    assert_eq!(third.status.code(), Some(2));
    // The message names the file and the key.
    let message = String::from_utf8_lossy(&third.stderr);
    assert!(
        message.contains("bad.toml") && message.contains("`colour`"),
        "{message}"
    );
}
