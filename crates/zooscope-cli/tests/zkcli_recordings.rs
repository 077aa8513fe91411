//! Replays every `tests/zkcli/*.zk` script through `zooscope zkcli` and compares the
//! output with the transcript a real ZooKeeper 3.8.0 standalone server + zkCli.sh
//! produced (`*.out`, recorded by `tests/zkcli/record.sh`), after masking what cannot
//! match (see `tests/zkcli/README.md`): banner lines, wall-clock dates, session ids and
//! the build string of `version`. Any other difference fails, with a line diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn recordings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/zkcli")
}

fn is_java_date(s: &str) -> bool {
    // EEE MMM dd HH:mm:ss zzz yyyy
    let parts: Vec<&str> = s.split(' ').collect();
    parts.len() == 6
        && parts[0].len() == 3
        && parts[1].len() == 3
        && parts[2].len() == 2
        && parts[3].len() == 8
        && parts[4] == "UTC"
        && parts[5].len() == 4
        && parts[5].bytes().all(|b| b.is_ascii_digit())
}

/// The masking rules of `tests/zkcli/README.md`.
fn mask(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        if line.starts_with("SLF4J: ")
            || line.starts_with("Connecting to ")
            || line == "Welcome to ZooKeeper!"
            || line.starts_with("JLine support is ")
        {
            continue;
        }
        let mut l = line.to_string();
        for key in ["ctime = ", "mtime = "] {
            if let Some(date) = l.strip_prefix(key) {
                if is_java_date(date) && date != "Thu Jan 01 00:00:00 UTC 1970" {
                    l = format!("{key}<DATE>");
                }
            }
        }
        if let Some(owner) = l.strip_prefix("ephemeralOwner = 0x") {
            if owner != "0" && owner.bytes().all(|b| b.is_ascii_hexdigit()) {
                l = "ephemeralOwner = <SESSION>".into();
            }
        }
        if l.starts_with("ZooKeeper CLI version: ") {
            l = "ZooKeeper CLI version: <VERSION>".into();
        }
        out.push(l);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    // `quit` closes the session and exits the JVM at once: the event thread's
    // `Closed` notification is printed, half printed or lost. Ignore it at the end.
    let closed = [
        "",
        "WATCHER::",
        "",
        "WatchedEvent state:Closed type:None path:null",
    ];
    for k in (1..=4).rev() {
        if out.len() >= k && out[out.len() - k..] == closed[..k] {
            out.truncate(out.len() - k);
            break;
        }
    }
    settle_watch_races(out)
}

fn is_event_block(l: &[String]) -> bool {
    l.len() >= 4
        && l[0].is_empty()
        && l[1] == "WATCHER::"
        && l[2].is_empty()
        && l[3].starts_with("WatchedEvent ")
}

/// zkCli prints a notification from its event thread (`\nWATCHER::`, then
/// `\n<event>`, two separate writes) while the main thread prints the reply of the
/// write that fired it, so a real transcript sometimes has `Created /x` before the
/// block, or even between its two halves. The server sends the event first, so the
/// canonical order is block first; both transcripts are brought into it.
fn settle_watch_races(mut v: Vec<String>) -> Vec<String> {
    loop {
        let mut changed = false;
        let mut i = 0;
        while i + 4 < v.len() {
            // "", "WATCHER::", <foreign line>, "", "WatchedEvent ..."
            if v[i].is_empty()
                && v[i + 1] == "WATCHER::"
                && !v[i + 2].is_empty()
                && v[i + 3].is_empty()
                && v[i + 4].starts_with("WatchedEvent ")
            {
                let foreign = v.remove(i + 2);
                v.insert(i + 4, foreign);
                changed = true;
            }
            // "Created ...", then a whole block
            if v[i].starts_with("Created ") && is_event_block(&v[i + 1..]) {
                let created = v.remove(i);
                v.insert(i + 4, created);
                changed = true;
            }
            i += 1;
        }
        if !changed {
            return v;
        }
    }
}

/// A small LCS line diff: `-` expected (real ZooKeeper), `+` actual (ZooScope).
fn diff(expected: &[String], actual: &[String]) -> String {
    let (n, m) = (expected.len(), actual.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if expected[i] == actual[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut rows: Vec<(char, usize, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && expected[i] == actual[j] {
            rows.push((' ', i + 1, &expected[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            rows.push(('+', j + 1, &actual[j]));
            j += 1;
        } else {
            rows.push(('-', i + 1, &expected[i]));
            i += 1;
        }
    }
    let changed: Vec<usize> = (0..rows.len()).filter(|&k| rows[k].0 != ' ').collect();
    let mut s = String::new();
    let mut last_shown: Option<usize> = None;
    for (k, row) in rows.iter().enumerate() {
        let near = changed.iter().any(|&c| c.abs_diff(k) <= 2);
        if !near {
            continue;
        }
        if last_shown.is_some_and(|l| l + 1 != k) {
            s.push_str("   ...\n");
        }
        s.push_str(&format!("{} {:4} | {}\n", row.0, row.1, row.2));
        last_shown = Some(k);
    }
    s
}

/// `zooscope zkcli ARGS` fed `input` on stdin (written from a thread, so a large script
/// cannot dead-lock against the child's output).
fn zkcli(args: &[&str], input: Vec<u8>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zooscope"))
        .arg("zkcli")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn zooscope");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("zooscope output");
    writer.join().expect("writer thread");
    out
}

fn run_script(zk: &Path) -> String {
    let out = zkcli(&[], std::fs::read(zk).expect("read script"));
    assert!(
        out.status.success(),
        "{} exited with {:?}: {}",
        zk.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    text
}

#[test]
fn masking_keeps_what_matters() {
    let m = mask(
        "Connecting to x\nctime = Sun Nov 22 13:56:10 UTC 2026\nctime = Thu Jan 01 00:00:00 UTC 1970\n\
         ephemeralOwner = 0x100000c77740000\nephemeralOwner = 0x0\nctime = soon\n",
    );
    assert_eq!(
        m,
        vec![
            "ctime = <DATE>",
            "ctime = Thu Jan 01 00:00:00 UTC 1970",
            "ephemeralOwner = <SESSION>",
            "ephemeralOwner = 0x0",
            "ctime = soon"
        ]
    );
    assert!(diff(&["a".into()], &["b".into()]).contains("- "));
    let raced = mask(
        "Created /a\n\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeCreated path:/a\n",
    );
    let split = mask(
        "\nWATCHER::\nCreated /a\n\nWatchedEvent state:SyncConnected type:NodeCreated path:/a\n",
    );
    let canonical = mask(
        "\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeCreated path:/a\nCreated /a\n",
    );
    assert_eq!(raced, canonical);
    assert_eq!(split, canonical);
}

#[test]
fn every_recording_matches_real_zookeeper() {
    let dir = recordings_dir();
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/zkcli exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zk"))
        .collect();
    scripts.sort();
    assert!(
        scripts.len() >= 12,
        "expected at least 12 recordings, found {}",
        scripts.len()
    );
    let mut failures = Vec::new();
    for zk in &scripts {
        let expected_path = zk.with_extension("out");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let actual = run_script(zk);
        let (e, a) = (mask(&expected), mask(&actual));
        if e != a {
            failures.push(format!(
                "=== {} differs from the real ZooKeeper transcript (- real, + zooscope):\n{}",
                zk.file_name().unwrap_or_default().to_string_lossy(),
                diff(&e, &a)
            ));
        }
    }
    let passed = scripts.len() - failures.len();
    eprintln!("zkcli recordings: {passed}/{} match", scripts.len());
    assert!(
        failures.is_empty(),
        "{passed}/{} recordings match\n{}",
        scripts.len(),
        failures.join("\n")
    );
}

#[test]
fn output_is_deterministic() {
    let zk = recordings_dir().join("08-watches.zk");
    assert_eq!(
        run_script(&zk),
        run_script(&zk),
        "same input, same bytes out"
    );
}

#[test]
fn more_than_one_server_runs_a_simulated_ensemble() {
    // `--servers N` (wired by the replication layer): an ensemble elects a leader, then
    // zkCli connects and works as against a standalone server.
    let out = zkcli(&["--servers", "3"], b"create /a x\nget /a\n".to_vec());
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("WatchedEvent state:SyncConnected"), "{text}");
    assert!(text.contains("Created /a\nx\n"), "{text}");
}

#[test]
fn a_sleep_beyond_the_limit_is_refused_instead_of_hanging() {
    let out = zkcli(&[], b"#! sleep 18446744073709551615\nls /\n".to_vec());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("#! sleep 18446744073709551615: at most"),
        "{err}"
    );
}
