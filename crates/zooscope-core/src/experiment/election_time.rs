//! `election-time`: how long, and how many messages, until an ensemble serves again —
//! from a cold start (every server started at once, empty disks) and after its serving
//! leader is killed — by ensemble size, tickTime and finalizeWait.
//!
//! Each run is one seed of one configuration and gives two rows, `cold` and `crash`. A
//! server counts as back once it serves clients after having stopped serving (a cold
//! start counts every server as stopped). `quorum_ms` is when a leader serves together
//! with a quorum of the voters, `all_ms` when every live server (observers included)
//! serves; both are measured from the start or from the kill, in simulated time, so
//! they can be compared with real ZooKeeper's (tests/failover/). `messages` counts every
//! delivered message until `all_ms`, `notifications` the FLE votes among them.

use super::chart::{Chart, Measure, Phase, Series, SeriesName, Style};
use super::network::Network;
use super::probe::{self, Deliveries, TRACE_RING};
use super::stats;
use super::table::{Row, Value};
use crate::command::Command;
use crate::id::NodeId;
use crate::protocols::zookeeper::node::{self, ZkNode};
use crate::protocols::zookeeper::replication::config::ZkConfig;
use crate::time::{SimDuration, SimTime};
use crate::world::World;
use serde::{Deserialize, Serialize};

/// Shortest wait for an election to finish (more with a long tickTime: 30 ticks).
const LIMIT_MIN: SimDuration = SimDuration::from_secs(60);
/// Most kernel events one phase may take (a bound, never reached by a healthy run).
const EVENTS_MAX: u64 = 20_000_000;
/// How long the ensemble serves before its leader is killed.
const SETTLE: SimDuration = SimDuration::from_secs(1);

/// One configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Voting servers (ids 1..=servers).
    pub servers: u64,
    /// Observers (ids after the voters).
    pub observers: u64,
    /// tickTime, ms.
    pub tick_ms: u64,
    /// finalizeWait, ms.
    pub finalize_ms: u64,
    /// The network.
    pub network: Network,
}

/// What one phase of one run measured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectionRow {
    /// The configuration.
    pub cell: Cell,
    /// The seed.
    pub seed: u64,
    /// Cold start or leader crash.
    pub phase: Phase,
    /// Until a leader serves with a quorum of voters (None: not within the limit).
    pub quorum: Option<SimDuration>,
    /// Until every live server serves.
    pub all: Option<SimDuration>,
    /// Messages and notifications delivered until `all` (or the limit).
    pub counts: Deliveries,
}

impl Row for ElectionRow {
    const COLUMNS: &'static [&'static str] = &[
        "servers",
        "observers",
        "tick_ms",
        "finalize_ms",
        "network",
        "seed",
        "phase",
        "quorum_ms",
        "all_ms",
        "messages",
        "notifications",
    ];
    fn values(&self) -> Vec<Value> {
        let time = |d: Option<SimDuration>| d.map_or(Value::Missing, |d| Value::Micros(d.0));
        vec![
            Value::Int(self.cell.servers as i64),
            Value::Int(self.cell.observers as i64),
            Value::Int(self.cell.tick_ms as i64),
            Value::Int(self.cell.finalize_ms as i64),
            Value::Word(self.cell.network.as_str()),
            Value::Int(self.seed as i64),
            Value::Word(self.phase.csv()),
            time(self.quorum),
            time(self.all),
            Value::Int(self.counts.messages as i64),
            Value::Int(self.counts.notifications as i64),
        ]
    }
}

/// The world of one run: the ensemble of `cell`, every server started at once.
pub fn world(cell: &Cell, seed: u64) -> World<ZkNode> {
    let total = cell.servers + cell.observers;
    let observers: Vec<u64> = (cell.servers + 1..=total).collect();
    let mut cfg = ZkConfig::ensemble(total, &observers);
    cfg.tick_ms = cell.tick_ms;
    cfg.min_session_timeout_ms = 2 * cell.tick_ms;
    cfg.max_session_timeout_ms = 20 * cell.tick_ms;
    cfg.finalize_wait_ms = cell.finalize_ms;
    cfg.start_running = true;
    node::world(cfg, cell.network.config(), seed).with_trace_capacity(TRACE_RING)
}

/// The lab's reproduction key (`#/lab?key=…`) of this cell's ensemble with `seed`,
/// from its cold start: what "open this run" opens. None when the lab cannot share the
/// config (a finalizeWait other than ZooKeeper 3.8's).
pub fn lab_key(cell: &Cell, seed: u64) -> Option<String> {
    let w = world(cell, seed);
    w.config().validate_shareable().ok()?;
    Some(
        crate::repro::ReproKey::<ZkNode> {
            protocol: <ZkNode as crate::process::Protocol>::NAME.to_string(),
            config: w.config().clone(),
            net: w.net_config().clone(),
            seed,
            log: Vec::new(),
            position: None,
        }
        .encode(),
    )
}

/// How long a phase may take.
fn limit(cell: &Cell) -> SimDuration {
    SimDuration::from_millis(cell.tick_ms.saturating_mul(30)).max(LIMIT_MIN)
}

/// What [`watch_recovery`] saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// Until a leader serves with a quorum of voters.
    pub quorum: Option<SimDuration>,
    /// Until every watched server serves.
    pub all: Option<SimDuration>,
    /// Deliveries until then.
    pub counts: Deliveries,
}

/// Run `w` until every server in `watched` is back (serves after having stopped; with
/// `already_down` every one counts as stopped from the start), at most `limit` from now.
/// `voters` is the ensemble's voter count (a crashed one included) and `servers` its
/// number of servers (kernel nodes 0..servers).
pub fn watch_recovery(
    w: &mut World<ZkNode>,
    watched: &[NodeId],
    voters: u64,
    servers: u32,
    already_down: bool,
    limit: SimDuration,
) -> Recovery {
    let t0 = w.now();
    let deadline = SimTime(t0.0.saturating_add(limit.0));
    let mut dropped = vec![already_down; watched.len()];
    let mut back = vec![false; watched.len()];
    let mut out = Recovery::default();
    let mut events = 0u64;
    loop {
        for (i, n) in watched.iter().enumerate() {
            let up = probe::serving(w, *n);
            if !up {
                dropped[i] = true;
            } else if dropped[i] {
                back[i] = true;
            }
        }
        if out.quorum.is_none() {
            let leader_back = probe::serving_leader(w, servers)
                .and_then(|l| watched.iter().position(|n| *n == l))
                .is_some_and(|i| back[i]);
            let voters_back = watched
                .iter()
                .zip(&back)
                .filter(|(n, b)| {
                    **b && w
                        .config()
                        .sid_of(**n)
                        .is_some_and(|s| w.config().is_voter(s))
                })
                .count() as u64;
            if leader_back && 2 * voters_back > voters {
                out.quorum = Some(w.now().since(t0));
            }
        }
        if back.iter().all(|b| *b) {
            out.all = Some(w.now().since(t0));
            return out;
        }
        match w.next_event_time() {
            Some(t) if t <= deadline && events < EVENTS_MAX => {
                probe::step_counting(w, &mut out.counts);
                events += 1;
            }
            _ => return out,
        }
    }
}

/// A cold start of `cell` with `seed`: the world once every server serves (or the
/// limit passed), and what it took.
pub fn cold_start(cell: &Cell, seed: u64) -> (World<ZkNode>, Recovery) {
    let mut w = world(cell, seed);
    let total = (cell.servers + cell.observers) as u32;
    let all: Vec<NodeId> = (0..total).map(NodeId).collect();
    let cold = watch_recovery(&mut w, &all, cell.servers, total, true, limit(cell));
    (w, cold)
}

/// One run: a cold start, then (once all serve, after [`SETTLE`]) the leader's crash.
pub fn run(cell: &Cell, seed: u64) -> Vec<ElectionRow> {
    let (mut w, cold) = cold_start(cell, seed);
    let total = (cell.servers + cell.observers) as u32;
    let all: Vec<NodeId> = (0..total).map(NodeId).collect();
    let row = |phase, r: Recovery| ElectionRow {
        cell: *cell,
        seed,
        phase,
        quorum: r.quorum,
        all: r.all,
        counts: r.counts,
    };
    let mut rows = vec![row(Phase::Cold, cold)];
    let settled = SimTime(w.now().0 + SETTLE.0);
    w.run_until(settled, EVENTS_MAX);
    let crashed = match probe::serving_leader(&w, total) {
        Some(leader) if cold.all.is_some() && w.apply(Command::Crash(leader)).is_ok() => {
            let survivors: Vec<NodeId> = all.iter().copied().filter(|n| *n != leader).collect();
            watch_recovery(&mut w, &survivors, cell.servers, total, false, limit(cell))
        }
        _ => Recovery::default(),
    };
    rows.push(row(Phase::LeaderCrash, crashed));
    rows
}

/// Medians of `quorum_ms` by ensemble size, one line per phase and timing; dots for
/// every run.
pub fn chart(rows: &[ElectionRow]) -> Chart {
    let mut series: Vec<Series> = Vec::new();
    let mut keys: Vec<(Phase, u64, u64, u64)> = Vec::new();
    for r in rows {
        let k = (
            r.phase,
            r.cell.tick_ms,
            r.cell.finalize_ms,
            r.cell.observers,
        );
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    for (phase, tick_ms, finalize_ms, observers) in keys {
        let mut sizes: Vec<u64> = Vec::new();
        for r in rows {
            if !sizes.contains(&r.cell.servers) {
                sizes.push(r.cell.servers);
            }
        }
        sizes.sort_unstable();
        let (points, seeds) = sizes
            .iter()
            .filter_map(|&n| {
                let v: Vec<(u64, u64)> = rows
                    .iter()
                    .filter(|r| {
                        (
                            r.phase,
                            r.cell.tick_ms,
                            r.cell.finalize_ms,
                            r.cell.observers,
                            r.cell.servers,
                        ) == (phase, tick_ms, finalize_ms, observers, n)
                    })
                    .filter_map(|r| r.quorum.map(|d| (d.0, r.seed)))
                    .collect();
                stats::median_run(&v).map(|(m, seed)| ((n as f64, m as f64 / 1000.0), seed))
            })
            .unzip();
        series.push(Series {
            name: SeriesName::ElectionMedian {
                phase,
                tick_ms,
                finalize_ms,
                observers,
            },
            style: Style::Line,
            points,
            seeds,
        });
    }
    for phase in [Phase::Cold, Phase::LeaderCrash] {
        let (points, seeds): (Vec<(f64, f64)>, Vec<u64>) = rows
            .iter()
            .filter(|r| r.phase == phase)
            .filter_map(|r| {
                r.quorum
                    .map(|d| ((r.cell.servers as f64, d.0 as f64 / 1000.0), r.seed))
            })
            .unzip();
        if !points.is_empty() {
            series.push(Series {
                name: SeriesName::ElectionRuns { phase },
                style: Style::Dots,
                points,
                seeds,
            });
        }
    }
    Chart {
        x: Measure::Servers,
        y: Measure::TimeToQuorumMs,
        series,
        marks: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_opens_in_the_lab_with_its_seed() {
        let cell = Cell {
            servers: 5,
            observers: 0,
            tick_ms: 2_000,
            finalize_ms: 200,
            network: Network::Lab,
        };
        let key = lab_key(&cell, 7).expect("shareable");
        let back = crate::repro::ReproKey::<ZkNode>::decode(&key).unwrap();
        assert_eq!(back.seed, 7);
        assert_eq!(back.config.servers.len(), 5);
        assert!(lab_key(
            &Cell {
                finalize_ms: 50,
                ..cell
            },
            7
        )
        .is_none());
    }
}
