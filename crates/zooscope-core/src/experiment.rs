//! Experiments: many seeded runs of the ZooKeeper stack, measured into typed rows.
//!
//! An experiment is a plan — every configuration (a *cell*) its parameters span, times
//! the seeds `from..from+seeds` — and a [`Runner`] works through it one run at a time:
//! [`Runner::step`] runs the next seed of the next cell and returns, so a caller (the
//! CLI's progress bar, the page's web worker) can report progress between steps and
//! cancel simply by not calling it again. A run is a pure function of its cell and seed;
//! the same plan gives the same rows natively and in wasm.
//!
//! The experiments (one module each) drive the very same simulated servers and clients
//! as the lab, through [`probe`] (who serves, what was delivered) and [`workload`]
//! (closed-loop clients):
//! - `election-time` ([`election_time`]): time and messages to a serving quorum from a
//!   cold start and after the leader's crash;
//! - `write-throughput` ([`write_throughput`]): writes per second and latency by size,
//!   observers and read/write mix;
//! - `availability` ([`availability`]): successful operations per second over time
//!   through a leader crash and a partition;
//! - `lock-wakeups` ([`lock_wakeups`]): watch notifications and requests for `n`
//!   Curator clients to take one lock in turn, herd lock against queue recipe;
//! - `commit-cost` ([`commit_cost`]): messages, round trips and time per decision of
//!   2PC, 3PC, Paxos, Multi-Paxos and ZAB, by node count, with one node down or not,
//!   through the comparison lab's scripts.
//!
//! A new experiment is one more module with a `Cell`, a row type implementing
//! [`table::Row`], `run(cell, seed)` and `chart(rows)`, plus one arm in [`Name`],
//! [`Plan`] and [`Rows`].

pub mod availability;
pub mod chart;
pub mod commit_cost;
pub mod election_time;
pub mod lock_wakeups;
pub mod network;
pub mod probe;
pub mod recording;
pub mod stats;
pub mod table;
pub mod workload;
pub mod write_throughput;

use crate::protocols::zookeeper::replication::config::{SERVERS_MAX, TICK_MS_MAX};
use chart::Chart;
use serde::{Deserialize, Serialize};
use std::fmt;
use table::Table;

/// Most seeds one experiment may run per cell.
pub const SEEDS_MAX: u32 = 100_000;
/// Most runs (cells × seeds) in one plan.
pub const RUNS_MAX: usize = 1_000_000;
/// Most result rows one plan may produce (runs × rows per run).
pub const ROWS_MAX: usize = 2_000_000;
/// Most values one parameter list may hold.
pub const VALUES_MAX: usize = 16;
/// Most clients in one run.
pub const CLIENTS_MAX: u32 = 100;
/// Most voting servers in one run.
pub const VOTERS_MAX: u64 = 9;
/// Most observers in one run (with [`VOTERS_MAX`], at most `SERVERS_MAX` servers).
pub const OBSERVERS_MAX: u64 = SERVERS_MAX as u64 - VOTERS_MAX;
/// Longest finalizeWait, ms.
pub const FINALIZE_MS_MAX: u64 = 60_000;

/// The experiments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Name {
    /// Time and messages to a serving quorum.
    ElectionTime,
    /// Writes per second and latency.
    WriteThroughput,
    /// Successful operations over time through failures.
    Availability,
    /// Notifications and requests per lock hand-over.
    LockWakeups,
    /// Messages, round trips and time per decision of the commit protocols.
    CommitCost,
}

impl Name {
    /// Every experiment, in menu order.
    pub const ALL: [Name; 5] = [
        Name::ElectionTime,
        Name::WriteThroughput,
        Name::Availability,
        Name::LockWakeups,
        Name::CommitCost,
    ];

    /// The name on the command line and in links.
    pub fn as_str(self) -> &'static str {
        match self {
            Name::ElectionTime => "election-time",
            Name::WriteThroughput => "write-throughput",
            Name::Availability => "availability",
            Name::LockWakeups => "lock-wakeups",
            Name::CommitCost => "commit-cost",
        }
    }

    /// The experiment called `s`.
    pub fn parse(s: &str) -> Option<Name> {
        Name::ALL.into_iter().find(|n| n.as_str() == s)
    }

    /// The parameters it runs with when none are given.
    pub fn defaults(self) -> Params {
        let base = Params {
            seeds: 10,
            from: 1,
            servers: vec![3, 5, 7, 9],
            observers: vec![0],
            clients: vec![10],
            tick_ms: vec![2_000],
            finalize_ms: vec![200],
            reads_percent: vec![0],
            network: network::Network::Lab,
        };
        match self {
            Name::ElectionTime => base,
            Name::WriteThroughput => Params {
                seeds: 3,
                servers: vec![3, 5, 7],
                observers: vec![0, 2, 4],
                reads_percent: vec![0, 80],
                ..base
            },
            Name::Availability => Params {
                seeds: 3,
                servers: vec![3, 5],
                clients: vec![10],
                ..base
            },
            Name::LockWakeups => Params {
                seeds: 3,
                clients: vec![2, 5, 10],
                ..base
            },
            Name::CommitCost => Params { seeds: 3, ..base },
        }
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an experiment is asked to span. Each experiment reads the lists it uses
/// (`election-time`: servers, observers, tick_ms, finalize_ms; `write-throughput`:
/// servers, observers, clients, reads_percent; `availability`: servers, clients,
/// reads_percent; `lock-wakeups`: clients, on three servers; `commit-cost`: servers,
/// as the node count, 3 to 9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    /// Seeds per cell.
    pub seeds: u32,
    /// First seed.
    pub from: u64,
    /// Voting servers.
    pub servers: Vec<u64>,
    /// Observers beside the voters.
    pub observers: Vec<u64>,
    /// Clients.
    pub clients: Vec<u32>,
    /// tickTime values, ms.
    pub tick_ms: Vec<u64>,
    /// finalizeWait values, ms.
    pub finalize_ms: Vec<u64>,
    /// Shares of reads, %.
    pub reads_percent: Vec<u32>,
    /// The network (`election-time` only; the others run on the lab's).
    pub network: network::Network,
}

/// Why a plan cannot run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExperimentError {
    /// A parameter is out of range: which, and the range allowed.
    Param {
        /// The parameter.
        name: &'static str,
        /// What it allows.
        allowed: String,
    },
    /// A run could not set up its workload (a bug or an impossible configuration).
    Run(String),
}

impl fmt::Display for ExperimentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExperimentError::Param { name, allowed } => {
                write!(f, "{name} must be {allowed}")
            }
            ExperimentError::Run(m) => write!(f, "a run failed: {m}"),
        }
    }
}

impl std::error::Error for ExperimentError {}

fn check<T: PartialOrd + Copy>(
    name: &'static str,
    values: &[T],
    lo: T,
    hi: T,
    allowed: String,
) -> Result<(), ExperimentError> {
    if values.is_empty() || values.len() > VALUES_MAX || values.iter().any(|v| *v < lo || *v > hi) {
        return Err(ExperimentError::Param {
            name,
            allowed: format!("1 to {VALUES_MAX} values, each {allowed}"),
        });
    }
    Ok(())
}

impl Params {
    /// Check every list against its limits.
    pub fn validate(&self) -> Result<(), ExperimentError> {
        if !(1..=SEEDS_MAX).contains(&self.seeds) {
            return Err(ExperimentError::Param {
                name: "seeds",
                allowed: format!("1 to {SEEDS_MAX}"),
            });
        }
        if self.from.checked_add(u64::from(self.seeds)).is_none() {
            return Err(ExperimentError::Param {
                name: "from",
                allowed: "a seed that leaves room for the others".into(),
            });
        }
        check(
            "servers",
            &self.servers,
            2,
            VOTERS_MAX,
            format!("2 to {VOTERS_MAX}"),
        )?;
        check(
            "observers",
            &self.observers,
            0,
            OBSERVERS_MAX,
            format!("0 to {OBSERVERS_MAX}"),
        )?;
        check(
            "clients",
            &self.clients,
            1,
            CLIENTS_MAX,
            format!("1 to {CLIENTS_MAX}"),
        )?;
        check(
            "tick",
            &self.tick_ms,
            1,
            TICK_MS_MAX,
            format!("1 to {TICK_MS_MAX} ms"),
        )?;
        check(
            "finalize",
            &self.finalize_ms,
            1,
            FINALIZE_MS_MAX,
            format!("1 to {FINALIZE_MS_MAX} ms"),
        )?;
        check("reads", &self.reads_percent, 0, 100, "0 to 100 %".into())?;
        Ok(())
    }
}

/// Every configuration of a plan, in run order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Plan {
    /// `election-time`.
    ElectionTime(Vec<election_time::Cell>),
    /// `write-throughput`.
    WriteThroughput(Vec<write_throughput::Cell>),
    /// `availability`.
    Availability(Vec<availability::Cell>),
    /// `lock-wakeups`.
    LockWakeups(Vec<lock_wakeups::Cell>),
    /// `commit-cost`.
    CommitCost(Vec<commit_cost::Cell>),
}

impl Plan {
    /// The cells `params` span for experiment `name` (servers varying fastest).
    pub fn new(name: Name, p: &Params) -> Self {
        match name {
            Name::ElectionTime => {
                let mut cells = Vec::new();
                for &tick_ms in &p.tick_ms {
                    for &finalize_ms in &p.finalize_ms {
                        for &observers in &p.observers {
                            for &servers in &p.servers {
                                cells.push(election_time::Cell {
                                    servers,
                                    observers,
                                    tick_ms,
                                    finalize_ms,
                                    network: p.network,
                                });
                            }
                        }
                    }
                }
                Plan::ElectionTime(cells)
            }
            Name::WriteThroughput => {
                let mut cells = Vec::new();
                for &reads_percent in &p.reads_percent {
                    for &clients in &p.clients {
                        for &observers in &p.observers {
                            for &servers in &p.servers {
                                cells.push(write_throughput::Cell {
                                    servers,
                                    observers,
                                    clients,
                                    reads_percent,
                                });
                            }
                        }
                    }
                }
                Plan::WriteThroughput(cells)
            }
            Name::Availability => {
                let mut cells = Vec::new();
                for &reads_percent in &p.reads_percent {
                    for &clients in &p.clients {
                        for &servers in &p.servers {
                            cells.push(availability::Cell {
                                servers,
                                clients,
                                reads_percent,
                            });
                        }
                    }
                }
                Plan::Availability(cells)
            }
            Name::LockWakeups => {
                let mut cells = Vec::new();
                for &clients in &p.clients {
                    for recipe in lock_wakeups::Recipe::ALL {
                        cells.push(lock_wakeups::Cell { clients, recipe });
                    }
                }
                Plan::LockWakeups(cells)
            }
            Name::CommitCost => {
                let mut cells = Vec::new();
                for failure in commit_cost::Failure::ALL {
                    for protocol in commit_cost::Protocol::ALL {
                        for &nodes in &p.servers {
                            cells.push(commit_cost::Cell {
                                nodes: nodes as u32,
                                protocol,
                                failure,
                            });
                        }
                    }
                }
                Plan::CommitCost(cells)
            }
        }
    }

    /// Rows one run adds.
    pub fn rows_per_run(&self) -> usize {
        match self {
            Plan::ElectionTime(_) => 2,
            Plan::WriteThroughput(_) => 1,
            Plan::Availability(_) => (availability::DURATION.0 / availability::BIN.0) as usize,
            Plan::LockWakeups(_) | Plan::CommitCost(_) => 1,
        }
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        match self {
            Plan::ElectionTime(c) => c.len(),
            Plan::WriteThroughput(c) => c.len(),
            Plan::Availability(c) => c.len(),
            Plan::LockWakeups(c) => c.len(),
            Plan::CommitCost(c) => c.len(),
        }
    }
}

/// The rows gathered so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rows {
    /// `election-time`.
    ElectionTime(Vec<election_time::ElectionRow>),
    /// `write-throughput`.
    WriteThroughput(Vec<write_throughput::ThroughputRow>),
    /// `availability`.
    Availability(Vec<availability::AvailabilityRow>),
    /// `lock-wakeups`.
    LockWakeups(Vec<lock_wakeups::WakeupRow>),
    /// `commit-cost`.
    CommitCost(Vec<commit_cost::CostRow>),
}

impl Rows {
    /// The experiment they belong to.
    pub fn name(&self) -> Name {
        match self {
            Rows::ElectionTime(_) => Name::ElectionTime,
            Rows::WriteThroughput(_) => Name::WriteThroughput,
            Rows::Availability(_) => Name::Availability,
            Rows::LockWakeups(_) => Name::LockWakeups,
            Rows::CommitCost(_) => Name::CommitCost,
        }
    }

    /// The rows as a table.
    pub fn table(&self) -> Table {
        match self {
            Rows::ElectionTime(r) => Table::of(r),
            Rows::WriteThroughput(r) => Table::of(r),
            Rows::Availability(r) => Table::of(r),
            Rows::LockWakeups(r) => Table::of(r),
            Rows::CommitCost(r) => Table::of(r),
        }
    }

    /// The chart of the rows.
    pub fn chart(&self) -> Chart {
        match self {
            Rows::ElectionTime(r) => election_time::chart(r),
            Rows::WriteThroughput(r) => write_throughput::chart(r),
            Rows::Availability(r) => availability::chart(r),
            Rows::LockWakeups(r) => lock_wakeups::chart(r),
            Rows::CommitCost(r) => commit_cost::chart(r),
        }
    }
}

/// One finished run, as [`Runner::step`] reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Runs finished.
    pub done: usize,
    /// Runs in the plan.
    pub total: usize,
    /// The seed just run.
    pub seed: u64,
}

/// Works through a plan one run at a time.
#[derive(Clone, Debug)]
pub struct Runner {
    name: Name,
    params: Params,
    plan: Plan,
    next: usize,
    rows: Rows,
}

impl Runner {
    /// A runner for `name` over `params` (checked).
    pub fn new(name: Name, params: Params) -> Result<Self, ExperimentError> {
        params.validate()?;
        let plan = Plan::new(name, &params);
        let runs = plan.cells().saturating_mul(params.seeds as usize);
        if runs > RUNS_MAX || runs.saturating_mul(plan.rows_per_run()) > ROWS_MAX {
            return Err(ExperimentError::Param {
                name: "seeds",
                allowed: format!(
                    "few enough that cells × seeds ≤ {RUNS_MAX} and the rows ≤ {ROWS_MAX}"
                ),
            });
        }
        let rows = match plan {
            Plan::ElectionTime(_) => Rows::ElectionTime(Vec::new()),
            Plan::WriteThroughput(_) => Rows::WriteThroughput(Vec::new()),
            Plan::Availability(_) => Rows::Availability(Vec::new()),
            Plan::LockWakeups(_) => Rows::LockWakeups(Vec::new()),
            Plan::CommitCost(_) => Rows::CommitCost(Vec::new()),
        };
        Ok(Runner {
            name,
            params,
            plan,
            next: 0,
            rows,
        })
    }

    /// The experiment.
    pub fn name(&self) -> Name {
        self.name
    }

    /// Its parameters.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Runs in the plan.
    pub fn total(&self) -> usize {
        self.plan.cells() * self.params.seeds as usize
    }

    /// Runs finished.
    pub fn done(&self) -> usize {
        self.next
    }

    /// True when every run is finished.
    pub fn finished(&self) -> bool {
        self.next >= self.total()
    }

    /// Run the next seed of the plan; None when the plan is finished.
    pub fn step(&mut self) -> Option<Result<Progress, ExperimentError>> {
        if self.finished() {
            return None;
        }
        let seeds = self.params.seeds as usize;
        let cell = self.next / seeds;
        let seed = self.params.from + (self.next % seeds) as u64;
        let outcome = match (&self.plan, &mut self.rows) {
            (Plan::ElectionTime(c), Rows::ElectionTime(r)) => {
                r.extend(election_time::run(&c[cell], seed));
                Ok(())
            }
            (Plan::WriteThroughput(c), Rows::WriteThroughput(r)) => {
                write_throughput::run(&c[cell], seed).map(|row| r.push(row))
            }
            (Plan::Availability(c), Rows::Availability(r)) => {
                availability::run(&c[cell], seed).map(|rows| r.extend(rows))
            }
            (Plan::LockWakeups(c), Rows::LockWakeups(r)) => {
                lock_wakeups::run(&c[cell], seed).map(|row| r.push(row))
            }
            (Plan::CommitCost(c), Rows::CommitCost(r)) => {
                commit_cost::run(&c[cell], seed).map(|row| r.push(row))
            }
            _ => unreachable!("a runner's rows always match its plan"),
        };
        self.next += 1;
        Some(
            outcome
                .map(|()| Progress {
                    done: self.next,
                    total: self.total(),
                    seed,
                })
                .map_err(ExperimentError::Run),
        )
    }

    /// Every run still to do; the first error ends it.
    pub fn run_all(&mut self) -> Result<(), ExperimentError> {
        while let Some(r) = self.step() {
            r?;
        }
        Ok(())
    }

    /// The rows so far.
    pub fn rows(&self) -> &Rows {
        &self.rows
    }
}

/// The plans of the cross-target check: a few seeds of every experiment, small.
fn golden_plans() -> Vec<(Name, Params)> {
    Name::ALL
        .into_iter()
        .map(|name| {
            (
                name,
                Params {
                    seeds: 2,
                    servers: vec![3, 5],
                    observers: vec![0, 1],
                    clients: vec![2],
                    reads_percent: vec![50],
                    ..name.defaults()
                },
            )
        })
        .collect()
}

/// A fingerprint of the CSV every experiment prints for [`golden_plans`]: the same on
/// every target. `crates/zooscope-wasm-bench/tests/golden.rs` compares the wasm value
/// with [`GOLDEN_CSV_HASH`], pinned natively.
pub fn golden_csv_hash() -> Result<u64, ExperimentError> {
    let mut csv = String::new();
    for (name, params) in golden_plans() {
        let mut r = Runner::new(name, params)?;
        r.run_all()?;
        csv.push_str(&r.rows().table().to_csv());
    }
    Ok(crate::hash::StableHasher::hash_of(csv.as_str()))
}

/// [`golden_csv_hash`] as computed natively. It changes whenever the ZooKeeper stack's
/// timing changes; re-pin it from the native test's failure message.
pub const GOLDEN_CSV_HASH: u64 = 0x75bb536df81381a0;

#[cfg(test)]
mod tests {
    #[test]
    fn the_golden_csv_hash_is_pinned() {
        let h = golden_csv_hash().unwrap();
        assert_eq!(h, GOLDEN_CSV_HASH, "re-pin GOLDEN_CSV_HASH to {h:#018x}");
    }

    use super::*;

    fn small(name: Name) -> Params {
        Params {
            seeds: 2,
            servers: vec![3],
            observers: vec![0],
            clients: vec![3],
            reads_percent: vec![50],
            ..name.defaults()
        }
    }

    #[test]
    fn the_same_seeds_give_the_same_table() {
        for name in Name::ALL {
            let mut a = Runner::new(name, small(name)).unwrap();
            let mut b = Runner::new(name, small(name)).unwrap();
            a.run_all().unwrap();
            b.run_all().unwrap();
            let csv = a.rows().table().to_csv();
            assert!(csv.lines().count() > 1, "{name} gave no rows");
            assert_eq!(csv, b.rows().table().to_csv(), "{name}");
        }
    }

    #[test]
    fn other_seeds_give_other_numbers() {
        let mut a = Runner::new(Name::ElectionTime, small(Name::ElectionTime)).unwrap();
        let mut b = Runner::new(
            Name::ElectionTime,
            Params {
                from: 100,
                ..small(Name::ElectionTime)
            },
        )
        .unwrap();
        a.run_all().unwrap();
        b.run_all().unwrap();
        assert_ne!(a.rows().table().to_csv(), b.rows().table().to_csv());
    }

    #[test]
    fn a_runner_steps_one_seed_at_a_time_and_stops() {
        let mut r = Runner::new(
            Name::ElectionTime,
            Params {
                seeds: 3,
                servers: vec![3, 5],
                ..Name::ElectionTime.defaults()
            },
        )
        .unwrap();
        assert_eq!(r.total(), 6);
        let first = r.step().unwrap().unwrap();
        assert_eq!((first.done, first.total, first.seed), (1, 6, 1));
        // Two rows (cold, crash) per run.
        let Rows::ElectionTime(rows) = r.rows() else {
            panic!("election rows")
        };
        assert_eq!(rows.len(), 2);
        let seeds: Vec<u64> = std::iter::from_fn(|| r.step())
            .map(|p| p.unwrap().seed)
            .collect();
        assert_eq!(seeds, vec![2, 3, 1, 2, 3]);
        assert!(r.finished());
        assert!(r.step().is_none());
    }

    #[test]
    fn election_medians_are_at_least_finalize_wait() {
        for finalize in [50, 200, 400] {
            let mut r = Runner::new(
                Name::ElectionTime,
                Params {
                    seeds: 5,
                    servers: vec![3, 5, 7],
                    finalize_ms: vec![finalize],
                    ..Name::ElectionTime.defaults()
                },
            )
            .unwrap();
            r.run_all().unwrap();
            let chart = r.rows().chart();
            let medians: Vec<&chart::Series> = chart
                .series
                .iter()
                .filter(|s| matches!(s.name, chart::SeriesName::ElectionMedian { .. }))
                .collect();
            assert_eq!(medians.len(), 2, "cold and crash");
            for s in medians {
                assert_eq!(s.points.len(), 3);
                for (n, ms) in &s.points {
                    assert!(
                        *ms >= finalize as f64,
                        "{n} servers: {ms} ms < {finalize} ms"
                    );
                }
            }
        }
    }

    #[test]
    fn observers_do_not_slow_writes_down() {
        let mut r = Runner::new(
            Name::WriteThroughput,
            Params {
                seeds: 1,
                servers: vec![3],
                observers: vec![0, 4],
                reads_percent: vec![0],
                clients: vec![6],
                ..Name::WriteThroughput.defaults()
            },
        )
        .unwrap();
        r.run_all().unwrap();
        let Rows::WriteThroughput(rows) = r.rows() else {
            panic!("throughput rows")
        };
        let (without, with) = (rows[0].writes_per_s(), rows[1].writes_per_s());
        assert!(without > 100.0, "{without} writes/s");
        assert!(with > 0.8 * without, "{with} vs {without} writes/s");
    }

    #[test]
    fn availability_drops_at_the_crash_and_comes_back() {
        let mut r = Runner::new(
            Name::Availability,
            Params {
                seeds: 1,
                servers: vec![5],
                ..Name::Availability.defaults()
            },
        )
        .unwrap();
        r.run_all().unwrap();
        let Rows::Availability(rows) = r.rows() else {
            panic!("availability rows")
        };
        let at = |d: crate::time::SimDuration| {
            rows.iter()
                .find(|row| row.at.0 == d.0 / availability::BIN.0 * availability::BIN.0)
                .unwrap()
                .ok
        };
        let before = at(crate::time::SimDuration::from_secs(3));
        assert!(before > 50);
        assert!(at(availability::CRASH_AT) < before / 2);
        assert!(at(crate::time::SimDuration::from_secs(12)) > before / 2);
        let marks = r.rows().chart().marks;
        assert_eq!(marks.len(), 4);
    }

    #[test]
    fn bad_parameters_are_errors() {
        let bad = [
            Params {
                seeds: 0,
                ..Name::ElectionTime.defaults()
            },
            Params {
                servers: vec![],
                ..Name::ElectionTime.defaults()
            },
            Params {
                servers: vec![3, 99],
                ..Name::ElectionTime.defaults()
            },
            Params {
                reads_percent: vec![101],
                ..Name::ElectionTime.defaults()
            },
            Params {
                from: u64::MAX,
                ..Name::ElectionTime.defaults()
            },
            Params {
                seeds: SEEDS_MAX,
                servers: vec![2, 3, 4, 5, 6, 7, 8, 9],
                observers: vec![0, 1, 2],
                ..Name::ElectionTime.defaults()
            },
        ];
        for p in bad {
            assert!(matches!(
                Runner::new(Name::ElectionTime, p),
                Err(ExperimentError::Param { .. })
            ));
        }
        assert_eq!(Name::parse("election-time"), Some(Name::ElectionTime));
        assert_eq!(Name::parse("nope"), None);
    }
}
