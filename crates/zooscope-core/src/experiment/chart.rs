//! What an experiment's chart shows, as typed data: axes by the quantity they measure,
//! series named by their parameters, marks on the x axis for events (a crash, a
//! partition). The CLI (plotters, SVG) and the page (plotters, canvas) draw the same
//! `Chart` and put it into words themselves, in their language.

use serde::{Deserialize, Serialize};

/// The quantity on an axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    /// Voting servers in the ensemble.
    Servers,
    /// Simulated milliseconds from the start (or the crash) until a serving quorum.
    TimeToQuorumMs,
    /// Successful writes per simulated second.
    WritesPerSecond,
    /// Simulated seconds since the workload began.
    SimulatedSeconds,
    /// Successful client operations per simulated second.
    OpsPerSecond,
    /// Clients contending for one lock.
    Clients,
    /// Messages (watch notifications or requests) delivered in one run.
    MessagesPerRun,
    /// Nodes taking part in a decision.
    Nodes,
    /// Phase messages sent for one decision.
    MessagesPerDecision,
}

/// How the start of an election is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Every server started at once, with empty disks.
    Cold,
    /// The serving leader was killed.
    LeaderCrash,
}

impl Phase {
    /// The word used in CSV.
    pub fn csv(self) -> &'static str {
        match self {
            Phase::Cold => "cold",
            Phase::LeaderCrash => "crash",
        }
    }
}

/// What a series stands for (its legend, put into words by the UI).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeriesName {
    /// Median time to a serving quorum per ensemble size.
    ElectionMedian {
        /// Cold start or leader crash.
        phase: Phase,
        /// tickTime, ms.
        tick_ms: u64,
        /// finalizeWait, ms.
        finalize_ms: u64,
        /// Observers beside the voters.
        observers: u64,
    },
    /// Every run's time to a serving quorum (one dot per seed).
    ElectionRuns {
        /// Cold start or leader crash.
        phase: Phase,
    },
    /// Median write throughput per ensemble size.
    Throughput {
        /// Observers beside the voters.
        observers: u64,
        /// Share of reads in the mix, %.
        reads_percent: u32,
        /// Clients.
        clients: u32,
    },
    /// Median successful operations per second over time.
    Availability {
        /// Voting servers.
        servers: u64,
        /// Clients.
        clients: u32,
        /// Share of reads, %.
        reads_percent: u32,
    },
    /// Median watch notifications (or, with `requests`, requests) per run by clients.
    LockWakeups {
        /// The lock recipe.
        recipe: super::lock_wakeups::Recipe,
        /// Requests instead of notifications.
        requests: bool,
    },
    /// Real ZooKeeper 3.8.0's median failover time to a serving quorum (x: voters).
    RealFailover {
        /// Observers beside the voters.
        observers: u64,
    },
    /// Median phase messages per decision by node count.
    CommitCost {
        /// The protocol.
        protocol: super::commit_cost::Protocol,
        /// With or without a node down.
        failure: super::commit_cost::Failure,
    },
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Style {
    /// Points joined by a line.
    Line,
    /// Separate dots.
    Dots,
}

/// One series: (x, y) points in x order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// What it stands for.
    pub name: SeriesName,
    /// How it is drawn.
    pub style: Style,
    /// The points.
    pub points: Vec<(f64, f64)>,
    /// The seed of the run behind each point (for a median, the median run's): what
    /// "open this run" opens, with the point's x and the series' parameters.
    pub seeds: Vec<u64>,
}

/// An event marked on the x axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkKind {
    /// The leader is killed.
    LeaderCrash,
    /// The killed server starts again.
    Restart,
    /// A partition cuts the ensemble.
    Partition,
    /// The partition heals.
    Heal,
}

/// A vertical mark at `at` on the x axis.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    /// Where (x units).
    pub at: f64,
    /// What happened there.
    pub kind: MarkKind,
}

/// A chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// The x axis.
    pub x: Measure,
    /// The y axis.
    pub y: Measure,
    /// The series, drawn in order.
    pub series: Vec<Series>,
    /// Events on the x axis.
    pub marks: Vec<Mark>,
}

impl Chart {
    /// The smallest and largest x and y over every point and mark (0..1 when empty).
    pub fn bounds(&self) -> ((f64, f64), (f64, f64)) {
        let mut xs = (f64::INFINITY, f64::NEG_INFINITY);
        let mut ys = (f64::INFINITY, f64::NEG_INFINITY);
        for (x, y) in self.series.iter().flat_map(|s| s.points.iter()) {
            xs = (xs.0.min(*x), xs.1.max(*x));
            ys = (ys.0.min(*y), ys.1.max(*y));
        }
        for m in &self.marks {
            xs = (xs.0.min(m.at), xs.1.max(m.at));
        }
        let fix = |r: (f64, f64)| if r.0 > r.1 { (0.0, 1.0) } else { r };
        (fix(xs), fix(ys))
    }
}
