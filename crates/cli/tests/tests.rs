//! End-to-end tests: the real `newsclean` binary on `fixtures/` and on
//! generated archives.

mod sched;
mod torture;
mod util;

use std::io::Write;
use std::process::Stdio;

use serde_json::Value;
use util::{Dir, assert_code, fixtures, newsclean, output};

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// Every fixture article's record equals its expected record in
/// `fixtures/expected/`, and every bad input has its error line. Set
/// `NEWSCLEAN_BLESS=1` to rewrite the expected files after a reviewed change.
#[test]
fn fixtures_match_expected_records() {
    let dir = Dir::new();
    let run = output(
        newsclean()
            .arg("run")
            .arg(fixtures().join("archive"))
            .arg("--out")
            .arg(dir.out())
            .arg("--quiet"),
    );
    assert_eq!(
        run.status.code(),
        Some(1),
        "broken fixtures must give exit code 1"
    );
    let records = lines(&dir.records());
    let errors = dir.read_out("errors.jsonl");
    let expected_dir = fixtures().join("expected");
    if std::env::var_os("NEWSCLEAN_BLESS").is_some() {
        for record in &records {
            let rel = record["source"]["path"].as_str().expect("path");
            let path = expected_dir.join(format!("{rel}.json"));
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            let json = serde_json::to_string_pretty(record).expect("json") + "\n";
            std::fs::write(path, json).expect("write expected");
        }
        std::fs::write(expected_dir.join("errors.jsonl"), &errors).expect("write errors");
        return;
    }
    let mut failures = Vec::new();
    for record in &records {
        let rel = record["source"]["path"].as_str().expect("path");
        let path = expected_dir.join(format!("{rel}.json"));
        let expected: Value = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).expect("expected record is JSON"),
            Err(_) => {
                failures.push(format!("{rel}: no expected record at {}", path.display()));
                continue;
            }
        };
        if &expected != record {
            failures.push(format!(
                "{rel}: record differs from {}\n got: {}",
                path.display(),
                serde_json::to_string_pretty(record).expect("json")
            ));
        }
    }
    let expected_errors =
        std::fs::read_to_string(expected_dir.join("errors.jsonl")).unwrap_or_default();
    if errors != expected_errors {
        failures.push(format!(
            "errors.jsonl differs:\n got: {errors}\n want: {expected_errors}"
        ));
    }
    assert!(records.len() >= 11, "only {} records", records.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The seed article meets the foundation targets field by field.
#[test]
fn seed_article_structure() {
    let run = output(
        newsclean()
            .arg("clean")
            .arg(fixtures().join("archive/reuters-us-china-balloon.txt")),
    );
    assert_eq!(run.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&run.stdout).expect("record JSON");
    assert_eq!(r["dateline"]["location"], "WASHINGTON");
    assert_eq!(r["dateline"]["agency"], "Reuters");
    assert_eq!(r["agency"], "Reuters");
    assert_eq!(
        r["credits"]["reporters"],
        serde_json::json!(["Susan Heavy"])
    );
    assert_eq!(r["credits"]["editors"], serde_json::json!(["Paul Grant"]));
    assert_eq!(
        r["subheadings"],
        serde_json::json!(["Keep an open channel of communication"])
    );
    assert_eq!(r["related"].as_array().map(Vec::len), Some(2));
    assert_eq!(r["paragraphs"].as_array().map(Vec::len), Some(19));
    let body = r["paragraphs"].to_string();
    for junk in [
        "See also",
        "Leave a Reply",
        "Our standards",
        "Reporting by",
        "Your email",
    ] {
        assert!(!body.contains(junk), "{junk} left in body");
    }
}

/// Output is byte-identical whatever the number of jobs, on an archive large
/// enough for workers to finish out of order.
#[test]
fn records_are_identical_for_any_job_count() {
    let dir = Dir::new();
    for i in 0..400 {
        let paragraphs: String = (0..(i % 13 + 1))
            .map(|p| {
                format!("Paragraph {p} of story {i} says the council met on Tuesday to vote.\n\n")
            })
            .collect();
        let junk = if i % 3 == 0 {
            "See also  Another story\n\n"
        } else {
            ""
        };
        dir.create(
            &format!("d{}/s{i:04}.txt", i % 7),
            format!(
                "Story number {i}\n\nLONDON (Reuters) - {paragraphs}{junk}Leave a Reply\n\nNice"
            ),
        );
    }
    dir.create("d0/bad.txt", b"\x00\x01binary");
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out = dir.root.path().join(format!("out{jobs}"));
        let run = output(
            newsclean()
                .args(["run", "--quiet", "--jobs", jobs])
                .arg(dir.archive())
                .arg("--out")
                .arg(&out),
        );
        assert_eq!(run.status.code(), Some(1));
        let records = util::records(&out).into_bytes();
        let errors = std::fs::read(out.join("errors.jsonl")).expect("errors");
        outputs.push((records, errors));
    }
    assert_eq!(
        lines(std::str::from_utf8(&outputs[0].0).expect("utf8")).len(),
        400
    );
    assert!(
        outputs.windows(2).all(|w| w[0] == w[1]),
        "outputs differ between job counts"
    );
    // Records come out ordered by path.
    let paths: Vec<String> = lines(std::str::from_utf8(&outputs[0].0).expect("utf8"))
        .iter()
        .map(|r| r["source"]["path"].as_str().expect("path").to_string())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn report_counts_files_errors_and_rules() {
    let dir = Dir::new();
    dir.create(
        "a.txt",
        "Headline\n\nBody text here that is long enough.\n\nSee also  Other\n\nLeave a Reply\n\nHi",
    )
    .create("b.txt", "")
    .create("c.txt", "Just one paragraph of text.")
    .create("style.css", "p { color: red }")
    .create("photo.jpg", "not read");
    let run = output(
        newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out()),
    );
    assert_eq!(run.status.code(), Some(1));
    let summary = String::from_utf8_lossy(&run.stderr);
    assert!(
        summary.contains("3 files")
            && summary.contains("2 records")
            && summary.contains("1 errors"),
        "{summary}"
    );
    let report: Value = serde_json::from_str(&dir.read_out("report.json")).expect("report");
    assert_eq!(report["files"], 3);
    assert_eq!(report["records"], 2);
    assert_eq!(report["errors"], 1);
    assert_eq!(report["errors_by_stage"]["decode"], 1);
    // Files of other types are no input, and counted as such.
    assert_eq!(report["inputs"]["ignored"], 2);
    assert_eq!(report["inputs"]["new"], 3);
    assert_eq!(report["removals"]["related.see-also"], 1);
    assert_eq!(report["removals"]["comment.leave-reply"], 2);
    for stage in ["read", "decode", "clean", "extract", "write"] {
        assert!(
            report["stage_seconds"][stage].is_number(),
            "no time for {stage}"
        );
    }
    let errors = lines(&dir.read_out("errors.jsonl"));
    assert_eq!(errors[0]["path"], "b.txt");
    assert_eq!(errors[0]["reason"], "empty input");
}

#[test]
fn exit_codes() {
    let dir = Dir::new();
    dir.create("ok.txt", "Headline\n\nBody.");
    let ok = output(
        newsclean()
            .arg("run")
            .arg("-q")
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out()),
    );
    assert_eq!(ok.status.code(), Some(0));
    assert!(
        ok.stderr.is_empty(),
        "--quiet printed: {}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let nowhere = dir.root.path().join("never-made");
    let missing = output(
        newsclean()
            .args(["run", "-q", "/nonexistent/archive", "--out"])
            .arg(&nowhere),
    );
    assert_eq!(missing.status.code(), Some(5));
    assert!(!nowhere.exists(), "a missing archive left an output folder");
    // One article that cannot be read is a failed document, not a fatal run.
    for command in ["clean", "explain"] {
        let gone = output(newsclean().args([command, "/nonexistent/article.txt"]));
        assert_eq!(gone.status.code(), Some(1), "{command}: {gone:?}");
        assert!(String::from_utf8_lossy(&gone.stderr).contains("nonexistent"));
    }

    let usage = output(newsclean().args(["run"]));
    assert_eq!(usage.status.code(), Some(2));
    // A template must repeat: one document, or a share of 0, is no threshold.
    for bad in [
        ["--min-documents", "1"],
        ["--min-share", "0"],
        ["--min-share", "1.5"],
    ] {
        let refused = output(
            newsclean()
                .arg("run")
                .arg(dir.archive())
                .arg("--out")
                .arg(&nowhere)
                .args(bad),
        );
        assert_eq!(refused.status.code(), Some(2), "{bad:?}");
    }

    let bad_rules = dir.root.path().join("bad.toml");
    std::fs::write(&bad_rules, "[[rule]]\nid = 1").expect("write");
    let bad = output(
        newsclean()
            .arg("run")
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out())
            .arg("--rules")
            .arg(&bad_rules),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad.toml"));

    let unknown = output(newsclean().args(["rules", "--disable-rule", "no.such.rule"]));
    assert_eq!(unknown.status.code(), Some(2));

    // A pattern that `run` cannot compile is refused by `rules` as well.
    let huge = dir.root.path().join("huge.toml");
    std::fs::write(
        &huge,
        "[[rule]]\nid = \"x.huge\"\nkind = \"regex\"\nrole = \"boilerplate\"\npatterns = [\"a{100000}{100000}\"]\nreason = \"too big\"\n",
    )
    .expect("write");
    for command in ["rules", "clean"] {
        let refused = output(
            newsclean()
                .arg(command)
                .arg("--rules")
                .arg(&huge)
                .args((command == "clean").then_some("-")),
        );
        assert_eq!(refused.status.code(), Some(2), "{command}");
    }

    // A typo in --jobs is a usage error, not 20,000 threads.
    for jobs in ["0", "20000"] {
        let run = output(
            newsclean()
                .args(["run", "-q", "--jobs", jobs])
                .arg(dir.archive())
                .arg("--out")
                .arg(dir.out()),
        );
        assert_code(&run, 2);
    }
}

#[test]
fn oversized_file_is_an_error_record() {
    let dir = Dir::new();
    dir.create("big.txt", "word ".repeat(1000))
        .create("small.txt", "Headline\n\nBody.");
    let run = output(
        newsclean()
            .args(["run", "-q", "--max-bytes", "100"])
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out()),
    );
    assert_eq!(run.status.code(), Some(1));
    let errors = lines(&dir.read_out("errors.jsonl"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "big.txt");
    assert_eq!(errors[0]["stage"], "read");
    assert_eq!(lines(&dir.records()).len(), 1);
}

#[test]
fn clean_reads_stdin() {
    let mut child = newsclean()
        .args(["clean", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("Headline\n\nPARIS (AFP) - The body.\n\nShare this:".as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(r["source"]["path"], "-");
    assert_eq!(r["title"], "Headline");
    assert_eq!(r["agency"], "AFP");
    assert_eq!(r["removed"][0]["rule"], "share.widget");
}

#[test]
fn user_rule_packs_and_disabled_rules() {
    let dir = Dir::new();
    let pack = dir.root.path().join("site.toml");
    std::fs::write(
        &pack,
        "[[rule]]\nid = \"site.promo\"\nkind = \"prefix\"\npattern = \"Daily Bugle app:\"\nrole = \"promo\"\nreason = \"site promo\"\n",
    )
    .expect("write pack");
    let listed = output(
        newsclean()
            .arg("rules")
            .arg("--rules")
            .arg(&pack)
            .args(["--disable-rule", "share.widget"]),
    );
    let listing = String::from_utf8_lossy(&listed.stdout);
    assert!(listing.contains("site.promo"));
    assert!(!listing.lines().any(|l| l.starts_with("share.widget ")));

    dir.create(
        "a.txt",
        "Headline\n\nBody text.\n\nDaily Bugle app: download it now\n\nShare this:",
    );
    let run = output(
        newsclean()
            .arg("clean")
            .arg(dir.archive().join("a.txt"))
            .arg("--rules")
            .arg(&pack)
            .args(["--disable-rule", "share.widget"]),
    );
    let r: Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(r["removed"][0]["rule"], "site.promo");
    assert_eq!(
        r["paragraphs"],
        serde_json::json!(["Body text.", "Share this:"])
    );
}

/// A page is explained block by block, after main-content extraction:
/// no markup, the headline first, the byline as a credit.
#[test]
fn explain_reads_html_pages_as_run_does() {
    let run = output(
        newsclean()
            .arg("explain")
            .arg(fixtures().join("archive/html/old-table-layout.htm")),
    );
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8_lossy(&run.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("title") && lines[0].contains("Mill reopens as museum"),
        "{text}"
    );
    assert!(!text.contains('<'), "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("credit") && l.contains("Ruth Ellison")),
        "{text}"
    );
}

#[test]
fn explain_reads_records_and_compressed_files_as_run_does() {
    let run = output(
        newsclean()
            .arg("explain")
            .arg(fixtures().join("torture/json/feed.jsonl")),
    );
    let text = String::from_utf8_lossy(&run.stdout);
    // Each record's text, under its name; never the JSON itself.
    assert!(text.lines().any(|l| l == "== feed.jsonl#0"), "{text}");
    assert!(text.contains("Storm closes schools"), "{text}");
    assert!(!text.contains("\"text\""), "{text}");
    // The feed's malformed lines are errors on stderr, as in `run`.
    assert_eq!(run.status.code(), Some(1));
    let run = output(
        newsclean()
            .arg("explain")
            .arg(fixtures().join("torture/compressed/article.txt.zst")),
    );
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        text.lines().next().is_some_and(|l| l.contains("title")),
        "{text}"
    );
}

#[test]
fn explain_lists_every_line_with_its_rule() {
    let run = output(
        newsclean()
            .arg("explain")
            .arg(fixtures().join("archive/reuters-us-china-balloon.txt")),
    );
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8_lossy(&run.stdout);
    let lines: Vec<&str> = text.lines().collect();
    // One output line per non-empty input line.
    assert_eq!(lines.len(), 27, "{text}");
    assert!(lines[0].contains("title"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("related") && l.contains("related.see-also"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("credit") && l.contains("(Reporting by Susan Heavy)"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("subheading") && l.contains("Keep an open channel"))
    );
    // Not a terminal: no colour codes.
    assert!(!text.contains('\x1b'));
}

/// `templates` reads as `run` does: a field map finds the text of a
/// vendor's JSON records, and the output folder is no input.
#[test]
fn templates_read_inputs_as_run_does() {
    let dir = Dir::new();
    for (i, town) in ["Ashford", "Bexley", "Camden", "Dover", "Epping", "Frome"]
        .iter()
        .enumerate()
    {
        let story = format!(
            "Daily Gazette Navigator Bar\n\nThe council met in {town} on Tuesday to discuss the budget for the year, and members said they would vote next week."
        );
        dir.create(
            &format!("site/s{i}.json"),
            serde_json::json!({"hed": format!("Story of {town}"), "story": story}).to_string(),
        );
    }
    let pack = dir.root.path().join("templates.toml");
    let learned = output(
        newsclean()
            .args(["templates", "--field", "text=story"])
            .arg(dir.archive())
            .arg("--out")
            .arg(&pack),
    );
    assert_eq!(learned.status.code(), Some(0));
    let toml = std::fs::read_to_string(&pack).expect("pack");
    assert!(toml.contains("Daily Gazette Navigator Bar"), "{toml}");
}

/// An output folder inside the archive is not read back as input, by the
/// template pass nor by the run.
#[test]
fn an_output_folder_inside_the_archive_is_no_input() {
    let dir = Dir::new();
    dir.create("a.txt", "Headline\n\nThe council met on Tuesday to discuss the budget for the year, and members said they would vote next week.");
    let run_into = |out: &std::path::Path| {
        output(
            newsclean()
                .args(["run", "-q", "--full"])
                .arg(dir.archive())
                .arg("--out")
                .arg(out),
        )
    };
    let out = dir.archive().join("clean");
    for _ in 0..2 {
        assert_code(&run_into(&out), 0);
    }
    let report = std::fs::read_to_string(out.join("report.json")).expect("report");
    assert!(report.contains("\"errors\": 0"), "{report}");
    // Nor is another run's output folder inside the archive.
    let other = dir.archive().join("other");
    assert_code(&run_into(&other), 0);
    let records = std::fs::read_to_string(other.join("records-000000.jsonl")).expect("records");
    assert_eq!(records.lines().count(), 1, "{records}");
    // The archive itself is no output folder, however written: a usage
    // error, and nothing is created.
    assert_code(&run_into(&dir.archive()), 2);
    assert_code(&run_into(&dir.archive().join("new/x/../..")), 2);
    assert!(!dir.archive().join("new").exists());
    assert!(!dir.archive().join(".newsclean").exists());
}

/// One input's errors are listed up to a limit, then summed up in one
/// line: memory and the manifest stay small whatever a file holds.
#[test]
fn an_input_with_endless_errors_lists_the_first_thousand() {
    let dir = Dir::new();
    dir.create("numbers.json", format!("[{}]", vec!["1"; 1500].join(",")));
    let run = output(
        newsclean()
            .args(["run", "-q"])
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out()),
    );
    assert_code(&run, 1);
    let errors = lines(&dir.read_out("errors.jsonl"));
    assert_eq!(errors.len(), 1001);
    let summary = errors.iter().find(|e| {
        e["reason"]
            .as_str()
            .is_some_and(|r| r.contains("more errors"))
    });
    assert!(
        summary.is_some_and(|e| e["path"] == "numbers.json"),
        "{errors:?}"
    );
    let report: Value = serde_json::from_str(&dir.read_out("report.json")).expect("report");
    assert_eq!(report["errors"], 1500, "{report}");
}

#[test]
fn templates_are_learned_per_folder_and_applied() {
    let dir = Dir::new();
    // Stories that differ in words, not only in digits (copies that differ
    // only in digits are one document to the template learner).
    let towns = [
        "Ashford", "Bexley", "Camden", "Dover", "Epping", "Frome", "Goole", "Hythe",
    ];
    for (i, town) in towns.iter().enumerate() {
        dir.create(
            &format!("site/s{i}.txt"),
            format!(
                "Story of {town} headline\n\nDaily Gazette Navigator Bar\n\n\
                 The council met in {town} on Tuesday to discuss the budget for the year, and members said they would vote next week on the plan.\n\n\
                 A second paragraph of the {town} story gives more detail about what the council decided and why it matters.\n\n\
                 Gazette Media Group, all our brands"
            ),
        );
    }
    // Another site quotes the first one's masthead once: a template of
    // `site` is no template of `other`.
    dir.create(
        "other/o.txt",
        "Gazette sold to a new owner\n\nThe owner of the Daily Gazette said on Monday that the paper had \
         been sold to a regional publisher after months of talks with three bidders.\n\n\
         Daily Gazette Navigator Bar\n\nIts staff were told on Monday afternoon that the name would stay \
         and that no jobs would be lost this year, the owner said in a statement.\n\n\
         The new owner runs eleven other titles in the region and plans to keep the printing plant open.",
    );
    let pack = dir.root.path().join("templates.toml");
    let learned = output(
        newsclean()
            .args(["templates", "--min-documents", "5"])
            .arg(dir.archive())
            .arg("--out")
            .arg(&pack),
    );
    assert_code(&learned, 0);
    let toml = std::fs::read_to_string(&pack).expect("pack");
    assert!(toml.contains("Daily Gazette Navigator Bar"), "{toml}");
    assert!(
        !toml.contains("council"),
        "article text learned as template: {toml}"
    );

    let run = output(
        newsclean()
            .args(["run", "-q", "--no-learn-templates"])
            .arg(dir.archive())
            .arg("--out")
            .arg(dir.out())
            .arg("--templates")
            .arg(&pack),
    );
    assert_eq!(run.status.code(), Some(0));
    for record in lines(&dir.records()) {
        let body = record["paragraphs"].to_string();
        if record["source"]["path"] == "other/o.txt" {
            // Kept (as a subheading, between two paragraphs).
            let removed = record["removed"].to_string();
            assert!(!removed.contains("Navigator"), "{removed}");
            assert!(record["subheadings"].to_string().contains("Navigator"));
            continue;
        }
        assert!(
            !body.contains("Navigator") && !body.contains("Gazette Media"),
            "{body}"
        );
        assert!(body.contains("council"));
        assert!(record["removed"].to_string().contains("template."));
    }
    // Learned and used in one run.
    let out2 = dir.root.path().join("out2");
    let run = output(
        newsclean()
            .args(["run", "-q", "--min-documents", "3"])
            .arg(dir.archive())
            .arg("--out")
            .arg(&out2),
    );
    assert_eq!(run.status.code(), Some(0));
    assert!(out2.join("templates.toml").exists());
}
