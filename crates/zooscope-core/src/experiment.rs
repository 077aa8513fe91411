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
//!   through a leader crash and a partition.
//!
//! A new experiment (the Curator recipes' `lock-wakeups`, the commit protocols'
//! `commit-cost`) is one more module with a `Cell`, a row type implementing
//! [`table::Row`], `run(cell, seed)` and `chart(rows)`, plus one arm in [`Name`],
//! [`Plan`] and [`Rows`].

pub mod availability;
pub mod chart;
pub mod election_time;
pub mod probe;
pub mod stats;
pub mod table;
pub mod workload;
pub mod write_throughput;

use crate::protocols::zookeeper::replication::config::{SERVERS_MAX, TICK_MS_MAX};
use chart::Chart;
use std::fmt;
use table::Table;

/// Most seeds one experiment may run per cell.
pub const SEEDS_MAX: u32 = 100_000;
/// Most runs (cells × seeds) in one plan.
pub const RUNS_MAX: usize = 1_000_000;
/// Most values one parameter list may hold.
pub const VALUES_MAX: usize = 16;
/// Most clients in one run.
pub const CLIENTS_MAX: u32 = 100;
/// Most observers in one run.
pub const OBSERVERS_MAX: u64 = 8;
/// Longest finalizeWait, ms.
pub const FINALIZE_MS_MAX: u64 = 60_000;

/// The experiments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Name {
    /// Time and messages to a serving quorum.
    ElectionTime,
    /// Writes per second and latency.
    WriteThroughput,
    /// Successful operations over time through failures.
    Availability,
}

impl Name {
    /// Every experiment, in menu order.
    pub const ALL: [Name; 3] = [
        Name::ElectionTime,
        Name::WriteThroughput,
        Name::Availability,
    ];

    /// The name on the command line and in links.
    pub fn as_str(self) -> &'static str {
        match self {
            Name::ElectionTime => "election-time",
            Name::WriteThroughput => "write-throughput",
            Name::Availability => "availability",
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
/// reads_percent).
#[derive(Clone, Debug, PartialEq, Eq)]
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
        let voters_max = SERVERS_MAX as u64 - OBSERVERS_MAX;
        check(
            "servers",
            &self.servers,
            1,
            voters_max,
            format!("1 to {voters_max}"),
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// `election-time`.
    ElectionTime(Vec<election_time::Cell>),
    /// `write-throughput`.
    WriteThroughput(Vec<write_throughput::Cell>),
    /// `availability`.
    Availability(Vec<availability::Cell>),
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
        }
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        match self {
            Plan::ElectionTime(c) => c.len(),
            Plan::WriteThroughput(c) => c.len(),
            Plan::Availability(c) => c.len(),
        }
    }
}

/// The rows gathered so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rows {
    /// `election-time`.
    ElectionTime(Vec<election_time::ElectionRow>),
    /// `write-throughput`.
    WriteThroughput(Vec<write_throughput::ThroughputRow>),
    /// `availability`.
    Availability(Vec<availability::AvailabilityRow>),
}

impl Rows {
    /// The rows as a table.
    pub fn table(&self) -> Table {
        match self {
            Rows::ElectionTime(r) => Table::of(r),
            Rows::WriteThroughput(r) => Table::of(r),
            Rows::Availability(r) => Table::of(r),
        }
    }

    /// The chart of the rows.
    pub fn chart(&self) -> Chart {
        match self {
            Rows::ElectionTime(r) => election_time::chart(r),
            Rows::WriteThroughput(r) => write_throughput::chart(r),
            Rows::Availability(r) => availability::chart(r),
        }
    }
}

/// One finished run, as [`Runner::step`] reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
        if plan.cells().saturating_mul(params.seeds as usize) > RUNS_MAX {
            return Err(ExperimentError::Param {
                name: "seeds",
                allowed: format!("few enough that cells × seeds ≤ {RUNS_MAX}"),
            });
        }
        let rows = match plan {
            Plan::ElectionTime(_) => Rows::ElectionTime(Vec::new()),
            Plan::WriteThroughput(_) => Rows::WriteThroughput(Vec::new()),
            Plan::Availability(_) => Rows::Availability(Vec::new()),
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
