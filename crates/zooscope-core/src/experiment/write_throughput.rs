//! `write-throughput`: writes committed per simulated second, and request latency at the
//! 50th and 95th percentile, by ensemble size, number of observers and read/write mix.
//!
//! Each run starts the ensemble, waits until every server serves, opens the sessions of
//! the closed-loop clients ([`super::workload`]: one request outstanding each, spread
//! over voters and observers alike), lets them run for [`WARMUP`] and then measures the
//! replies of the next [`WINDOW`]. Writes go through the leader and a quorum of voters'
//! ACKs; reads are answered by the client's own server. So observers add read capacity
//! without adding to the quorum a write waits for.

use super::chart::{Chart, Measure, Series, SeriesName, Style};
use super::election_time::{self, watch_recovery};
use super::network::Network;
use super::stats;
use super::table::{Row, Value};
use super::workload::{ClosedLoop, OpKind};
use crate::id::NodeId;
use crate::protocols::zookeeper::replication::election::FINALIZE_WAIT_MS;
use crate::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};

/// Load before the measurement starts.
pub const WARMUP: SimDuration = SimDuration::from_secs(1);
/// The measured span.
pub const WINDOW: SimDuration = SimDuration::from_secs(5);
/// tickTime of these runs (the sample config's).
const TICK_MS: u64 = 2_000;

/// One configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Voting servers.
    pub servers: u64,
    /// Observers.
    pub observers: u64,
    /// Clients.
    pub clients: u32,
    /// Share of reads, %.
    pub reads_percent: u32,
}

/// What one run measured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThroughputRow {
    /// The configuration.
    pub cell: Cell,
    /// The seed.
    pub seed: u64,
    /// Successful writes answered in the window.
    pub writes: u64,
    /// Successful reads answered in the window.
    pub reads: u64,
    /// Write latency p50 / p95 (None without writes).
    pub write_p50: Option<u64>,
    /// Write latency p95.
    pub write_p95: Option<u64>,
    /// Read latency p50 (None without reads).
    pub read_p50: Option<u64>,
    /// Read latency p95.
    pub read_p95: Option<u64>,
}

impl ThroughputRow {
    /// Successful writes per simulated second.
    pub fn writes_per_s(&self) -> f64 {
        self.writes as f64 * 1e6 / WINDOW.0 as f64
    }
}

impl Row for ThroughputRow {
    const COLUMNS: &'static [&'static str] = &[
        "servers",
        "observers",
        "clients",
        "reads_percent",
        "seed",
        "writes_per_s",
        "reads_per_s",
        "write_p50_ms",
        "write_p95_ms",
        "read_p50_ms",
        "read_p95_ms",
    ];
    fn values(&self) -> Vec<Value> {
        let time = |v: Option<u64>| v.map_or(Value::Missing, Value::Micros);
        vec![
            Value::Int(self.cell.servers as i64),
            Value::Int(self.cell.observers as i64),
            Value::Int(i64::from(self.cell.clients)),
            Value::Int(i64::from(self.cell.reads_percent)),
            Value::Int(self.seed as i64),
            Value::Real(self.writes_per_s()),
            Value::Real(self.reads as f64 * 1e6 / WINDOW.0 as f64),
            time(self.write_p50),
            time(self.write_p95),
            time(self.read_p50),
            time(self.read_p95),
        ]
    }
}

/// One run.
pub fn run(cell: &Cell, seed: u64) -> Result<ThroughputRow, String> {
    let ensemble = election_time::Cell {
        servers: cell.servers,
        observers: cell.observers,
        tick_ms: TICK_MS,
        finalize_ms: FINALIZE_WAIT_MS,
        network: Network::Lab,
    };
    let mut w = election_time::world(&ensemble, seed);
    let total = (cell.servers + cell.observers) as u32;
    let all: Vec<NodeId> = (0..total).map(NodeId).collect();
    let up = watch_recovery(
        &mut w,
        &all,
        cell.servers,
        total,
        true,
        SimDuration::from_secs(60),
    );
    if up.all.is_none() {
        return Err(format!(
            "seed {seed}: the ensemble did not start within a minute"
        ));
    }
    let mut load = ClosedLoop::start(
        &mut w,
        cell.clients,
        u64::from(total),
        cell.reads_percent,
        seed,
    )?;
    let from = SimTime(w.now().0 + WARMUP.0);
    let until = SimTime(from.0 + WINDOW.0);
    let mut write_lat = Vec::new();
    let mut read_lat = Vec::new();
    load.run_until(&mut w, until, |c| {
        if c.ok && c.at >= from {
            match c.kind {
                OpKind::Write => write_lat.push(c.latency.0),
                OpKind::Read => read_lat.push(c.latency.0),
            }
        }
    });
    Ok(ThroughputRow {
        cell: *cell,
        seed,
        writes: write_lat.len() as u64,
        reads: read_lat.len() as u64,
        write_p50: stats::median(&write_lat),
        write_p95: stats::percentile(&write_lat, 95),
        read_p50: stats::median(&read_lat),
        read_p95: stats::percentile(&read_lat, 95),
    })
}

/// Median writes per second by ensemble size, one line per (observers, mix, clients).
pub fn chart(rows: &[ThroughputRow]) -> Chart {
    let mut keys: Vec<(u64, u32, u32)> = Vec::new();
    let mut sizes: Vec<u64> = Vec::new();
    for r in rows {
        let k = (r.cell.observers, r.cell.reads_percent, r.cell.clients);
        if !keys.contains(&k) {
            keys.push(k);
        }
        if !sizes.contains(&r.cell.servers) {
            sizes.push(r.cell.servers);
        }
    }
    sizes.sort_unstable();
    let series = keys
        .into_iter()
        .map(|(observers, reads_percent, clients)| {
            let (points, seeds) = sizes
                .iter()
                .filter_map(|&n| {
                    let v: Vec<(u64, u64)> = rows
                        .iter()
                        .filter(|r| {
                            (
                                r.cell.observers,
                                r.cell.reads_percent,
                                r.cell.clients,
                                r.cell.servers,
                            ) == (observers, reads_percent, clients, n)
                        })
                        .map(|r| (r.writes, r.seed))
                        .collect();
                    stats::median_run(&v)
                        .map(|(m, seed)| ((n as f64, m as f64 * 1e6 / WINDOW.0 as f64), seed))
                })
                .unzip();
            Series {
                name: SeriesName::Throughput {
                    observers,
                    reads_percent,
                    clients,
                },
                style: Style::Line,
                points,
                seeds,
            }
        })
        .collect();
    Chart {
        x: Measure::Servers,
        y: Measure::WritesPerSecond,
        series,
        marks: Vec::new(),
    }
}
