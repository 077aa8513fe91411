//! Random fault schedules: no invariant breaks, and the checkers do catch a broken rule.

use zooscope_core::scenario::fuzz::{run_seed, FuzzOptions};

#[test]
fn fuzz_seeds_find_no_violations() {
    let opts = FuzzOptions::default();
    let mut failed = Vec::new();
    for seed in 0..24 {
        let o = run_seed(seed, &opts);
        if o.failed() {
            failed.push(format!(
                "seed {seed}: {:?} {:?}\n{}",
                o.violations,
                o.liveness,
                o.schedule.join("\n")
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

#[test]
fn a_leader_committing_without_a_quorum_is_caught() {
    let opts = FuzzOptions {
        commit_without_quorum: true,
        liveness: false,
        ..FuzzOptions::default()
    };
    let found = (0..300).find(|&seed| !run_seed(seed, &opts).violations.is_empty());
    assert!(
        found.is_some(),
        "no seed in 0..300 caught the broken leader"
    );
}

/// `N=500 FROMSEED=0 cargo test --release -p zooscope-core --test zk_fuzz many_seeds --
/// --ignored --nocapture` runs more seeds and lists the failing ones.
#[test]
#[ignore]
fn many_seeds() {
    let n: u64 = std::env::var("N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(500);
    let from: u64 = std::env::var("FROMSEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let opts = FuzzOptions::default();
    let mut bad = 0;
    for seed in from..from + n {
        let o = run_seed(seed, &opts);
        if o.failed() {
            bad += 1;
            println!("seed {seed}: {:?} {:?}", o.violations.first(), o.liveness);
        }
    }
    println!("{bad} failed of {n}");
}

/// `SEED=s NODE=n FROM=t0 TO=t1 cargo test -p zooscope-core --test zk_fuzz debug_seed --
/// --ignored --nocapture` prints one seed's schedule and node n's trace between t0 and t1
/// (seconds).
#[test]
#[ignore]
fn debug_seed() {
    use zooscope_core::process::MessageInfo;
    use zooscope_core::trace::TraceKind;
    let env = |k: &str| std::env::var(k).ok();
    let seed: u64 = env("SEED").and_then(|s| s.parse().ok()).unwrap_or(0);
    let node: u32 = env("NODE").and_then(|s| s.parse().ok()).unwrap_or(0);
    let from: f64 = env("FROM").and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let to: f64 = env("TO").and_then(|s| s.parse().ok()).unwrap_or(1e9);
    let (o, w) = zooscope_core::scenario::fuzz::run_seed_world(seed, &FuzzOptions::default());
    println!("{:?} {:?}", o.violations, o.liveness);
    println!("{}", o.schedule.join("\n"));
    for ev in w.trace().events() {
        let t = ev.time.0 as f64 / 1e6;
        if t < from || t > to {
            continue;
        }
        let show = match &ev.kind {
            TraceKind::Note { node: n, text } if n.0 == node => Some(format!("note {text}")),
            TraceKind::Status { node: n, from, to } if n.0 == node => {
                Some(format!("status {from}->{to}"))
            }
            TraceKind::Delivered { to, from, msg, .. }
                if (to.0 == node || from.0 == node) && msg.kind() != "PING" =>
            {
                Some(format!("{} -> {}: {}", from.0, to.0, msg.summary()))
            }
            TraceKind::Dropped {
                from,
                to,
                kind,
                reason,
                ..
            } if to.0 == node || from.0 == node => {
                Some(format!("DROP {} -> {} {kind} {reason}", from.0, to.0))
            }
            TraceKind::Link {
                node: n,
                peer,
                event,
            } if n.0 == node => Some(format!("link {} {event:?}", peer.0)),
            TraceKind::Command(c) => Some(format!("CMD {c}")),
            _ => None,
        };
        if let Some(s) = show {
            println!("{} {s}", ev.time);
        }
    }
}
