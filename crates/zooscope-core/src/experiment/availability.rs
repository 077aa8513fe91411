//! `availability`: successful client operations per simulated second over time, while
//! the ensemble's leader is killed at [`CRASH_AT`] (and restarted at [`RESTART_AT`]) and,
//! later, the leader elected after it is cut off from every other node (servers and
//! clients) from [`PARTITION_AT`] until [`HEAL_AT`].
//!
//! The clients are the closed-loop workload of [`super::workload`] (writes, or the mix
//! asked for). After the crash the clients of the dead leader reconnect elsewhere and
//! everyone waits for the new leader. A partition tells nobody: the followers notice the
//! silent leader only when their socket read times out (syncLimit ticks) and the leader
//! when it misses a quorum of pings for as long, so writes stall for some ten seconds
//! with the sample config before the others elect again. Rows are one per run and time
//! bin.

use super::chart::{Chart, Mark, MarkKind, Measure, Series, SeriesName, Style};
use super::election_time::{self, watch_recovery};
use super::network::Network;
use super::probe;
use super::stats;
use super::table::{Row, Value};
use super::workload::ClosedLoop;
use crate::command::Command;
use crate::id::NodeId;
use crate::protocols::zookeeper::replication::election::FINALIZE_WAIT_MS;
use crate::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};

/// Width of a time bin.
pub const BIN: SimDuration = SimDuration::from_millis(500);
/// Length of the measured span.
pub const DURATION: SimDuration = SimDuration::from_secs(40);
/// When the leader is killed (from the start of the workload).
pub const CRASH_AT: SimDuration = SimDuration::from_secs(6);
/// When the killed server is started again.
pub const RESTART_AT: SimDuration = SimDuration::from_secs(10);
/// When the new leader is cut off.
pub const PARTITION_AT: SimDuration = SimDuration::from_secs(16);
/// When the partition heals.
pub const HEAL_AT: SimDuration = SimDuration::from_secs(34);
/// tickTime of these runs (the sample config's).
const TICK_MS: u64 = 2_000;

/// One configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Voting servers.
    pub servers: u64,
    /// Clients.
    pub clients: u32,
    /// Share of reads, %.
    pub reads_percent: u32,
}

/// One time bin of one run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityRow {
    /// The configuration.
    pub cell: Cell,
    /// The seed.
    pub seed: u64,
    /// Start of the bin, from the start of the workload.
    pub at: SimDuration,
    /// Requests answered successfully in the bin.
    pub ok: u64,
    /// Requests answered with an error in the bin.
    pub failed: u64,
}

impl AvailabilityRow {
    /// Successful operations per simulated second.
    pub fn ok_per_s(&self) -> f64 {
        self.ok as f64 * 1e6 / BIN.0 as f64
    }
}

impl Row for AvailabilityRow {
    const COLUMNS: &'static [&'static str] = &[
        "servers",
        "clients",
        "reads_percent",
        "seed",
        "t_ms",
        "ok",
        "failed",
        "ok_per_s",
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Int(self.cell.servers as i64),
            Value::Int(i64::from(self.cell.clients)),
            Value::Int(i64::from(self.cell.reads_percent)),
            Value::Int(self.seed as i64),
            Value::Micros(self.at.0),
            Value::Int(self.ok as i64),
            Value::Int(self.failed as i64),
            Value::Real(self.ok_per_s()),
        ]
    }
}

/// One run: one row per bin of [`DURATION`].
pub fn run(cell: &Cell, seed: u64) -> Result<Vec<AvailabilityRow>, String> {
    let ensemble = election_time::Cell {
        servers: cell.servers,
        observers: 0,
        tick_ms: TICK_MS,
        finalize_ms: FINALIZE_WAIT_MS,
        network: Network::Lab,
    };
    let mut w = election_time::world(&ensemble, seed);
    let n = cell.servers as u32;
    let all: Vec<NodeId> = (0..n).map(NodeId).collect();
    let up = watch_recovery(
        &mut w,
        &all,
        cell.servers,
        n,
        true,
        SimDuration::from_secs(60),
    );
    if up.all.is_none() {
        return Err(format!(
            "seed {seed}: the ensemble did not start within a minute"
        ));
    }
    let mut load = ClosedLoop::start(&mut w, cell.clients, cell.servers, cell.reads_percent, seed)?;
    let t0 = w.now();
    let bins = (DURATION.0 / BIN.0) as usize;
    let mut ok = vec![0u64; bins];
    let mut failed = vec![0u64; bins];
    let mut tally = |c: super::workload::Completion| {
        let i = (c.at.since(t0).0 / BIN.0) as usize;
        if i < bins {
            if c.ok {
                ok[i] += 1;
            } else {
                failed[i] += 1;
            }
        }
    };
    let at = |d: SimDuration| SimTime(t0.0 + d.0);
    load.run_until(&mut w, at(CRASH_AT), &mut tally);
    let crashed = probe::serving_leader(&w, n);
    if let Some(leader) = crashed {
        w.apply(Command::Crash(leader)).map_err(|e| e.to_string())?;
    }
    load.run_until(&mut w, at(RESTART_AT), &mut tally);
    if let Some(leader) = crashed {
        w.apply(Command::Restart(leader))
            .map_err(|e| e.to_string())?;
    }
    load.run_until(&mut w, at(PARTITION_AT), &mut tally);
    if let Some(leader) = probe::serving_leader(&w, n) {
        w.apply(Command::Partition(vec![vec![leader]]))
            .map_err(|e| e.to_string())?;
    }
    load.run_until(&mut w, at(HEAL_AT), &mut tally);
    w.apply(Command::Heal).map_err(|e| e.to_string())?;
    load.run_until(&mut w, at(DURATION), &mut tally);
    Ok((0..bins)
        .map(|i| AvailabilityRow {
            cell: *cell,
            seed,
            at: SimDuration(BIN.0 * i as u64),
            ok: ok[i],
            failed: failed[i],
        })
        .collect())
}

/// Median successful operations per second in each bin, one line per configuration,
/// with the crash, the partition and the heal marked.
pub fn chart(rows: &[AvailabilityRow]) -> Chart {
    let mut keys: Vec<Cell> = Vec::new();
    for r in rows {
        if !keys.contains(&r.cell) {
            keys.push(r.cell);
        }
    }
    let bins = (DURATION.0 / BIN.0) as usize;
    let series = keys
        .into_iter()
        .map(|cell| {
            let (points, seeds) = (0..bins)
                .filter_map(|i| {
                    let at = BIN.0 * i as u64;
                    let v: Vec<(u64, u64)> = rows
                        .iter()
                        .filter(|r| r.cell == cell && r.at.0 == at)
                        .map(|r| (r.ok, r.seed))
                        .collect();
                    stats::median_run(&v)
                        .map(|(m, seed)| ((at as f64 / 1e6, m as f64 * 1e6 / BIN.0 as f64), seed))
                })
                .unzip();
            Series {
                name: SeriesName::Availability {
                    servers: cell.servers,
                    clients: cell.clients,
                    reads_percent: cell.reads_percent,
                },
                style: Style::Line,
                points,
                seeds,
            }
        })
        .collect();
    let mark = |d: SimDuration, kind| Mark {
        at: d.0 as f64 / 1e6,
        kind,
    };
    Chart {
        x: Measure::SimulatedSeconds,
        y: Measure::OpsPerSecond,
        series,
        marks: vec![
            mark(CRASH_AT, MarkKind::LeaderCrash),
            mark(RESTART_AT, MarkKind::Restart),
            mark(PARTITION_AT, MarkKind::Partition),
            mark(HEAL_AT, MarkKind::Heal),
        ],
    }
}
