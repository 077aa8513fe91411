//! The simulated failover agrees with real ZooKeeper 3.8.0.
//!
//! `tests/failover/real.csv` holds failovers of real ensembles on loopback (recorded by
//! `tests/failover/record.py`: SIGKILL the leader, poll `srvr` every 20 ms). For each
//! shape — 3 voters, 5 voters, 3 voters with 2 observers — the median time until a new
//! leader serves with a quorum, and until every survivor serves, must be within 20 % of
//! the simulation's median over many seeds (the `crash` rows of `election-time`, on the
//! lab's network; see tests/failover/README.md for the `loopback` alternative).

use zooscope_core::experiment::chart::Phase;
use zooscope_core::experiment::election_time::{self, Cell};
use zooscope_core::experiment::network::Network;
use zooscope_core::experiment::recording;
use zooscope_core::experiment::stats::median;

/// Seeds per shape in the simulation.
const SEEDS: u64 = 41;
/// Largest relative difference allowed.
const TOLERANCE: f64 = 0.20;

struct Real {
    shape: String,
    voters: u64,
    observers: u64,
    quorum_ms: u64,
    all_ms: u64,
}

fn recordings() -> Vec<Real> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/failover/real.csv");
    let text = std::fs::read_to_string(path).expect("tests/failover/real.csv");
    recording::parse(&text)
        .expect("a recording")
        .into_iter()
        .map(|t| Real {
            shape: t.shape,
            voters: t.voters,
            observers: t.observers,
            quorum_ms: t.quorum_ms,
            all_ms: t.all_ms,
        })
        .collect()
}

#[test]
fn simulated_failover_medians_are_within_20_percent_of_real_zookeeper() {
    let real = recordings();
    let mut shapes: Vec<(String, u64, u64)> = Vec::new();
    for r in &real {
        let k = (r.shape.clone(), r.voters, r.observers);
        if !shapes.contains(&k) {
            shapes.push(k);
        }
    }
    assert_eq!(shapes.len(), 3, "3v, 5v and 3v2o are recorded");
    let mut report = Vec::new();
    let mut failed = false;
    for (shape, voters, observers) in shapes {
        let trials: Vec<&Real> = real.iter().filter(|r| r.shape == shape).collect();
        assert!(trials.len() >= 5, "{shape}: at least five real trials");
        let real_q = median(
            &trials
                .iter()
                .map(|r| r.quorum_ms * 1000)
                .collect::<Vec<_>>(),
        )
        .unwrap();
        let real_a = median(&trials.iter().map(|r| r.all_ms * 1000).collect::<Vec<_>>()).unwrap();
        let cell = Cell {
            servers: voters,
            observers,
            tick_ms: 2_000,
            finalize_ms: 200,
            network: Network::Lab,
        };
        let (mut q, mut a) = (Vec::new(), Vec::new());
        for seed in 1..=SEEDS {
            let row = election_time::run(&cell, seed)
                .into_iter()
                .find(|r| r.phase == Phase::LeaderCrash)
                .expect("a crash row");
            q.push(row.quorum.expect("a quorum again").0);
            a.push(row.all.expect("everyone serving again").0);
        }
        let (sim_q, sim_a) = (median(&q).unwrap(), median(&a).unwrap());
        for (what, sim, real) in [("quorum", sim_q, real_q), ("all", sim_a, real_a)] {
            let diff = (sim as f64 - real as f64) / real as f64;
            report.push(format!(
                "{shape} {what}: simulated {:.0} ms, real {:.0} ms ({:+.0} %)",
                sim as f64 / 1000.0,
                real as f64 / 1000.0,
                diff * 100.0
            ));
            failed |= diff.abs() > TOLERANCE;
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(!failed, "not within 20 %:\n{}", report.join("\n"));
}
