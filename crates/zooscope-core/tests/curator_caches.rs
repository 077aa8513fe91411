//! The four Curator caches against recordings of real Curator 5.4.0 on ZooKeeper 3.8.0
//! (`tests/curator/03*.cur`, `tests/curator/real/03*.out`; the line forms, settling and
//! masking are in `tests/curator/README.md`).
//!
//! The comparisons:
//!
//! * `*_matches_real_curator`: the recorded scripts make their changes with
//!   `w curator client.create()/setData()/delete()` statements. We make the same changes
//!   with the zkCli lines our scenario language has (`w> create P D`, `w> set P D`,
//!   `w> delete P`: the same requests, so the same zxids), drop each write's own result
//!   on both sides (one line for a create, the Stat and its empty line for a setData)
//!   and the `client` and `wchp` lines, and compare what the caches' listeners printed
//!   after every line, line for line (masked: ctime and mtime).
//! * `the_caches_leave_the_watches_real_curator_leaves`: at every recorded `wchp 1`, the
//!   simulated server holds the same data watches for the same clients.
//! * `recordings_replay_verbatim`: the recorded scripts themselves, with their `curator`
//!   and `wchp` lines, every line compared (`tests/curator_recordings.rs` compares them
//!   once more through `mask.pl`, line for line).
//!
//! `03e` runs four caches on one client; which cache prints first after a change is a
//! thread race in Java, so its lines are compared as a multiset per script line.

use std::path::PathBuf;
use zooscope_core::protocols::zookeeper::client::curator::cache::CacheFault;
use zooscope_core::protocols::zookeeper::node::ZkNode;
use zooscope_core::scenario::{self, Runner};

const SEED: u64 = 7;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn recording(name: &str) -> (String, String) {
    (
        read(&format!("tests/curator/{name}.cur")),
        read(&format!("tests/curator/real/{name}.out")),
    )
}

/// A write the recordings make with a Curator statement, as (client, zkCli command,
/// lines of its own result in the recording).
fn as_zkcli(line: &str) -> Option<(String, String, usize)> {
    let (client, stmt) = line.split_once(" curator ")?;
    let quoted = |s: &str| -> Option<(String, String)> {
        let s = s.strip_prefix("(\"")?.strip_suffix(')')?;
        match s.split_once("\", \"") {
            Some((p, d)) => Some((p.to_string(), d.strip_suffix("\".getBytes()")?.to_string())),
            None => Some((s.strip_suffix('"')?.to_string(), String::new())),
        }
    };
    if let Some(args) = stmt.strip_prefix("client.create().forPath") {
        let (p, d) = quoted(args)?;
        return Some((client.into(), format!("create {p} {d}"), 1));
    }
    if let Some(args) = stmt.strip_prefix("client.setData().forPath") {
        let (p, d) = quoted(args)?;
        return Some((client.into(), format!("set {p} {d}"), 2));
    }
    if let Some(args) = stmt.strip_prefix("client.delete().forPath") {
        let (p, _) = quoted(args)?;
        return Some((client.into(), format!("delete {p}"), 0));
    }
    None
}

/// The recorded script in lines our language has (wchp dropped).
fn translated(script: &str) -> String {
    let mut out = String::new();
    for l in script.lines().map(str::trim) {
        if l.starts_with("wchp") {
            continue;
        }
        match as_zkcli(l) {
            Some((c, cmd, _)) => out.push_str(&format!("{c}> {cmd}\n")),
            None => {
                assert!(!l.contains(" curator client"), "untranslated line: {l}");
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    out
}

/// Output lines grouped under the echo (`> LINE`) before them.
fn sections(lines: &[String]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for l in lines {
        if let Some(cmd) = l.strip_prefix("> ") {
            out.push((cmd.to_string(), Vec::new()));
        } else if l.starts_with("trace hash: ") {
            continue;
        } else if let Some(last) = out.last_mut() {
            last.1.push(l.clone());
        }
    }
    out
}

/// mask.pl's Stat rule: in a run of 11 comma-separated integers, ctime and mtime
/// (fields 3 and 4) become `<TIME>` unless 0.
fn mask_stats(line: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let fields: Vec<&str> = run.split(',').collect();
        let numeric = fields.iter().all(|f| {
            !f.is_empty()
                && f.trim_start_matches('-')
                    .chars()
                    .all(|c| c.is_ascii_digit())
        });
        if fields.len() == 11 && numeric {
            let masked: Vec<String> = fields
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    if (i == 2 || i == 3) && *f != "0" {
                        "<TIME>".to_string()
                    } else {
                        f.to_string()
                    }
                })
                .collect();
            out.push_str(&masked.join(","));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for ch in line.chars() {
        if ch.is_ascii_digit() || ch == ',' || ch == '-' {
            run.push(ch);
        } else {
            flush(&mut run, &mut out);
            out.push(ch);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Mask the session ids of the run's clients as mask.pl does (`0x<hex>` and decimal).
fn mask_sessions(line: &str, sessions: &[(String, u64)]) -> String {
    let mut l = line.to_string();
    for (name, id) in sessions {
        if *id != 0 {
            l = l.replace(&format!("0x{id:x}"), &format!("<{name}>"));
            l = l.replace(&id.to_string(), &format!("<{name}>"));
        }
    }
    l
}

/// Compare per-line outputs; `multiset` compares each line's output as a sorted list.
fn differences(
    ours: &[(String, Vec<String>)],
    real: &[(String, Vec<String>)],
    multiset: bool,
) -> Vec<String> {
    let mut problems = Vec::new();
    if ours.len() != real.len() {
        problems.push(format!(
            "{} script lines ran here, {} in the recording",
            ours.len(),
            real.len()
        ));
    }
    for ((c1, o1), (c2, o2)) in ours.iter().zip(real) {
        let (mut a, mut b) = (o1.clone(), o2.clone());
        if multiset {
            a.sort();
            b.sort();
        }
        if a != b {
            problems.push(format!(
                "after '{c1}' (recorded: '{c2}'): {} lines here, {} recorded\n  here: {a:#?}\n  real: {b:#?}",
                a.len(),
                b.len()
            ));
        }
    }
    problems
}

/// Run `text` (optionally with a broken cache); the report's lines, masked, and the
/// clients' sessions.
fn run(text: &str, fault: Option<CacheFault>) -> Vec<String> {
    let script = scenario::parse(text).unwrap_or_else(|e| panic!("{e}"));
    let mut runner = Runner::new(SEED);
    if let Some(f) = fault {
        runner = runner.with_cache_fault(f);
    }
    let report = runner.run(&script).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    let world = runner.world().expect("an ensemble");
    let sessions: Vec<(String, u64)> = world
        .node_ids()
        .into_iter()
        .filter_map(|n| world.node(n).and_then(ZkNode::client))
        .map(|c| (c.name.clone(), c.session))
        .collect();
    report
        .lines
        .iter()
        .map(|l| mask_sessions(&mask_stats(l), &sessions))
        .collect()
}

/// What the caches printed after each line: the write's own result and the output of
/// `client` lines dropped. `own_result` gives the lines of a write's result.
fn cache_output(
    lines: &[String],
    own_result: impl Fn(&str) -> usize,
) -> Vec<(String, Vec<String>)> {
    sections(lines)
        .into_iter()
        .map(|(cmd, out)| {
            let skip = if cmd.starts_with("client ") {
                out.len()
            } else {
                own_result(&cmd).min(out.len())
            };
            (cmd, out[skip..].to_vec())
        })
        .collect()
}

fn compare_caches(name: &str, fault: Option<CacheFault>) -> Vec<String> {
    let (script, real) = recording(name);
    let ours = run(&translated(&script), fault);
    let ours = cache_output(&ours, |cmd| match cmd.split_once("> ") {
        Some((_, c)) if c.starts_with("create ") => 1,
        _ => 0,
    });
    let real_lines: Vec<String> = real.lines().map(str::to_string).collect();
    let real: Vec<(String, Vec<String>)> = cache_output(&real_lines, |cmd| {
        as_zkcli(cmd).map_or(0, |(_, _, own)| own)
    })
    .into_iter()
    .filter(|(cmd, _)| !cmd.starts_with("wchp"))
    .map(|(cmd, out)| match as_zkcli(&cmd) {
        Some((c, z, _)) => (format!("{c}> {z}"), out),
        None => (cmd, out),
    })
    .collect();
    let printed: usize = real.iter().map(|(_, out)| out.len()).sum();
    assert!(printed >= 10, "{name}: only {printed} cache lines recorded");
    differences(&ours, &real, name.starts_with("03e"))
}

fn assert_matches(name: &str) {
    let problems = compare_caches(name, None);
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
}

#[test]
fn node_cache_matches_real_curator() {
    assert_matches("03a-node-cache");
}

#[test]
fn path_children_cache_matches_real_curator() {
    assert_matches("03b-children-cache");
}

#[test]
fn tree_cache_matches_real_curator() {
    assert_matches("03c-tree-cache");
}

#[test]
fn curator_cache_matches_real_curator() {
    assert_matches("03d-curator-cache");
}

#[test]
fn four_caches_on_one_session_match_real_curator() {
    assert_matches("03e-caches-one-session");
}

#[test]
fn start_modes_and_initial_loads_match_real_curator() {
    assert_matches("03f-cache-start-modes");
}

#[test]
fn initial_loads_of_many_children_match_real_curator_in_order() {
    assert_matches("03g-cache-child-order");
}

#[test]
fn a_cache_that_does_not_watch_again_is_caught() {
    for name in [
        "03a-node-cache",
        "03b-children-cache",
        "03c-tree-cache",
        "03d-curator-cache",
    ] {
        let problems = compare_caches(name, Some(CacheFault::NoRewatch));
        assert!(
            !problems.is_empty(),
            "{name}: a cache that ignores its notifications went unnoticed"
        );
    }
}

#[test]
fn the_comparison_masks_times_only() {
    assert_eq!(
        mask_stats("3,6,1733100000000,1733100000001,1,0,0,0,3,0,3"),
        "3,6,<TIME>,<TIME>,1,0,0,0,3,0,3"
    );
    assert_eq!(
        mask_stats("ChildData{path='/a', stat=5,5,0,0,0,0,0,0,1,0,5"),
        "ChildData{path='/a', stat=5,5,0,0,0,0,0,0,1,0,5"
    );
    assert_eq!(mask_stats("[97, 98]"), "[97, 98]");
    assert_eq!(
        as_zkcli(r#"w curator client.setData().forPath("/app2", "deux".getBytes())"#),
        Some(("w".into(), "set /app2 deux".into(), 2))
    );
    assert_eq!(
        as_zkcli(r#"w curator client.delete().forPath("/app1")"#),
        Some(("w".into(), "delete /app1".into(), 0))
    );
}

/// Sort the blocks of a `wchp`/`wchc` answer as mask.pl does (the server lists them in
/// hash order).
fn sort_watch_blocks(sections: &mut [(String, Vec<String>)]) {
    for (cmd, out) in sections.iter_mut() {
        if !(cmd.starts_with("wchp ") || cmd.starts_with("wchc ")) {
            continue;
        }
        let mut blocks: Vec<Vec<String>> = Vec::new();
        for l in out.iter() {
            match blocks.last_mut() {
                Some(b) if l.starts_with('\t') => b.push(l.clone()),
                _ => blocks.push(vec![l.clone()]),
            }
        }
        blocks.sort_by(|a, b| a[0].cmp(&b[0]));
        *out = blocks
            .into_iter()
            .flat_map(|mut b| {
                b[1..].sort();
                b
            })
            .collect();
    }
}

#[test]
fn recordings_replay_verbatim() {
    for name in [
        "03a-node-cache",
        "03b-children-cache",
        "03c-tree-cache",
        "03d-curator-cache",
        "03e-caches-one-session",
        "03f-cache-start-modes",
        "03g-cache-child-order",
    ] {
        let (script, real) = recording(name);
        let mut ours = sections(&run(&script, None));
        let real_lines: Vec<String> = real.lines().map(str::to_string).collect();
        let mut real = sections(&real_lines);
        sort_watch_blocks(&mut ours);
        sort_watch_blocks(&mut real);
        let problems = differences(&ours, &real, name.starts_with("03e"));
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

/// A cache's calls are ordinary logged client requests: a run with caches replays from
/// its command log alone (as the lab's timeline does when it rewinds), event for event.
#[test]
fn a_run_with_caches_replays_from_its_command_log() {
    use zooscope_core::net::NetConfig;
    use zooscope_core::repro::ReproKey;
    let (script, _) = recording("03e-caches-one-session");
    let parsed = scenario::parse(&translated(&script)).unwrap();
    let mut runner = Runner::new(SEED);
    let report = runner.run(&parsed).unwrap();
    let world = runner.world().unwrap();
    let key = ReproKey::of(world, &NetConfig::default(), Some(world.position()));
    let again = key.replay().expect("the key replays");
    assert_eq!(again.trace_hash(), report.trace_hash);
    assert_eq!(again.state_hash(), world.state_hash());
    // And the same seed gives the same run.
    let twice = scenario::run_text(&translated(&script), SEED).unwrap();
    assert_eq!(twice.lines, report.lines);
}

/// Server 1's data watches as `wchp` lists them (FINDINGS.md 19: data table only, child
/// watches invisible), sessions named by their clients, without `/zookeeper/config`
/// (every real Curator client's EnsembleTracker watches it; our clients here are zkCli's).
fn watches_by_path(runner: &Runner) -> Vec<String> {
    use std::collections::BTreeMap;
    let world = runner.world().expect("an ensemble");
    let names: Vec<(u64, String)> = world
        .node_ids()
        .into_iter()
        .filter_map(|n| world.node(n).and_then(ZkNode::client))
        .map(|c| (c.session, c.name.clone()))
        .collect();
    let server = world
        .node(world.config().node_of(1).expect("server 1"))
        .and_then(ZkNode::server)
        .expect("server 1 runs");
    let mut by_path: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (session, path, table, _) in server.watches.list() {
        if table != 'd' || path == "/zookeeper/config" {
            continue;
        }
        let who = names
            .iter()
            .find(|(s, _)| *s == session)
            .map_or(format!("0x{session:x}"), |(_, n)| format!("<{n}>"));
        by_path.entry(path).or_default().push(format!("\t{who}"));
    }
    by_path
        .into_iter()
        .flat_map(|(p, mut who)| {
            who.sort();
            std::iter::once(p).chain(who)
        })
        .collect()
}

/// The recorded `wchp 1` answers, blocks sorted, without `/zookeeper/config`.
fn recorded_watches(real: &str) -> Vec<Vec<String>> {
    let lines: Vec<String> = real.lines().map(str::to_string).collect();
    let mut secs = sections(&lines);
    sort_watch_blocks(&mut secs);
    secs.into_iter()
        .filter(|(cmd, _)| cmd == "wchp 1")
        .map(|(_, out)| {
            let mut keep = Vec::new();
            let mut skipping = false;
            for l in out {
                if !l.starts_with('\t') {
                    skipping = l == "/zookeeper/config";
                }
                if !skipping {
                    keep.push(l);
                }
            }
            keep
        })
        .collect()
}

/// Our server's data watches at every `wchp 1` of recording `name`, and the recorded ones.
fn watches_at_wchp(name: &str, fault: Option<CacheFault>) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let (script, real) = recording(name);
    let expected = recorded_watches(&real);
    assert!(!expected.is_empty(), "{name} has no wchp");
    let mut runner = Runner::new(SEED);
    if let Some(f) = fault {
        runner = runner.with_cache_fault(f);
    }
    let mut seen = Vec::new();
    let parsed = scenario::parse(&script).unwrap_or_else(|e| panic!("{name}: {e}"));
    for (line, text, step) in &parsed.steps {
        if text.trim() == "wchp 1" {
            seen.push(watches_by_path(&runner));
            continue;
        }
        runner
            .run_step(*line, step)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    (seen, expected)
}

/// At every `wchp 1` of the recordings, the simulated server holds the same data watches
/// for the same clients: the caches set the watches real Curator sets (getData / exists
/// with a watch, CuratorCache's persistent-recursive one), and no more; a cache that
/// does not watch again is caught here too.
#[test]
fn the_caches_leave_the_watches_real_curator_leaves() {
    for name in [
        "03a-node-cache",
        "03b-children-cache",
        "03c-tree-cache",
        "03d-curator-cache",
        "03e-caches-one-session",
    ] {
        let (seen, expected) = watches_at_wchp(name, None);
        assert_eq!(seen, expected, "{name}: watches at each wchp 1");
    }
    for name in ["03a-node-cache", "03b-children-cache", "03c-tree-cache"] {
        let (seen, expected) = watches_at_wchp(name, Some(CacheFault::NoRewatch));
        assert_ne!(
            seen, expected,
            "{name}: a cache that does not watch again went unnoticed"
        );
    }
}
