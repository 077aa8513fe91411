//! `commit-cost`: what one decision costs — phase messages, round trips and simulated
//! time — for 2PC, 3PC, Paxos, Multi-Paxos and ZAB, by node count, with every node up
//! or with one node down.
//!
//! Each run is a comparison script (docs/compare-language.md) run through the
//! comparison lab's public entry [`crate::compare::run_text`], one lane at a time, so
//! the numbers are exactly the ones `#/compare` and `zooscope compare` show for that
//! script and seed:
//!
//! ```text
//! lanes LANE
//! nodes N
//! crash N          # only with one failure: the last node (a participant, an
//!                  # acceptor, a follower) is down before the proposal
//! propose x=1
//! wait until decided
//! ```
//!
//! With one node down, 2PC and 3PC wait for its vote until their timeout and abort;
//! Paxos, Multi-Paxos and ZAB need only a majority and commit. The counters are the
//! lab's ([`crate::compare::counters`]): phase messages sent, request waves, and the
//! time from the proposal until every running node had decided.

use super::chart::{Chart, Measure, Series, SeriesName, Style};
use super::stats;
use super::table::{Row, Value};
use crate::compare::script::LaneKind;
use crate::compare::verdict::Verdict;
use serde::{Deserialize, Serialize};

/// The protocols, in table order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Protocol {
    /// Two-phase commit.
    TwoPc,
    /// Three-phase commit.
    ThreePc,
    /// Single-decree Paxos.
    Paxos,
    /// Multi-Paxos.
    MultiPaxos,
    /// ZooKeeper's atomic broadcast.
    Zab,
}

impl Protocol {
    /// Every protocol, in table order.
    pub const ALL: [Protocol; 5] = [
        Protocol::TwoPc,
        Protocol::ThreePc,
        Protocol::Paxos,
        Protocol::MultiPaxos,
        Protocol::Zab,
    ];

    /// The comparison lab's lane.
    pub fn lane(self) -> LaneKind {
        match self {
            Protocol::TwoPc => LaneKind::TwoPc,
            Protocol::ThreePc => LaneKind::ThreePc,
            Protocol::Paxos => LaneKind::Paxos,
            Protocol::MultiPaxos => LaneKind::MultiPaxos,
            Protocol::Zab => LaneKind::Zab,
        }
    }

    /// The word in CSV and links (the lane's script word).
    pub fn as_str(self) -> &'static str {
        self.lane().word()
    }
}

/// Which failure a run has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failure {
    /// Every node up.
    None,
    /// The last node is down before the proposal.
    OneDown,
}

impl Failure {
    /// Both, in table order.
    pub const ALL: [Failure; 2] = [Failure::None, Failure::OneDown];

    /// The word in CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Failure::None => "none",
            Failure::OneDown => "one-down",
        }
    }
}

/// How the run ended (the lane's verdict, without the value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Every running node committed.
    Committed,
    /// Every running node aborted.
    Aborted,
    /// A running node is stuck uncertain.
    Blocked,
    /// Nobody decided.
    Undecided,
    /// Two nodes decided differently.
    Inconsistent,
}

impl Decision {
    fn of(v: &Verdict) -> Self {
        match v {
            Verdict::Committed(_) => Decision::Committed,
            Verdict::Aborted => Decision::Aborted,
            Verdict::Blocked => Decision::Blocked,
            Verdict::Undecided => Decision::Undecided,
            Verdict::Inconsistent => Decision::Inconsistent,
        }
    }

    /// The word in CSV (the comparison lab's verdict word).
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Committed => "committed",
            Decision::Aborted => "aborted",
            Decision::Blocked => "blocked",
            Decision::Undecided => "undecided",
            Decision::Inconsistent => "inconsistent",
        }
    }
}

/// One configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Nodes (3 to 9).
    pub nodes: u32,
    /// The protocol.
    pub protocol: Protocol,
    /// The failure.
    pub failure: Failure,
}

impl Cell {
    /// The comparison script of this cell (what "open this run" opens in `#/compare`).
    pub fn script(&self) -> String {
        let mut s = format!("lanes {}\nnodes {}\n", self.protocol.as_str(), self.nodes);
        if self.failure == Failure::OneDown {
            s.push_str(&format!("crash {}\n", self.nodes));
        }
        s.push_str("propose x=1\nwait until decided\n");
        s
    }
}

/// What one run measured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostRow {
    /// The configuration.
    pub cell: Cell,
    /// The seed.
    pub seed: u64,
    /// Phase messages sent.
    pub messages: u64,
    /// Request waves.
    pub round_trips: u64,
    /// From the proposal until every running node had decided (None: never).
    pub decision: Option<u64>,
    /// How it ended.
    pub outcome: Decision,
}

impl Row for CostRow {
    const COLUMNS: &'static [&'static str] = &[
        "nodes",
        "protocol",
        "failure",
        "seed",
        "messages",
        "round_trips",
        "decision_ms",
        "outcome",
    ];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Int(i64::from(self.cell.nodes)),
            Value::Word(self.cell.protocol.as_str()),
            Value::Word(self.cell.failure.as_str()),
            Value::Int(self.seed as i64),
            Value::Int(self.messages as i64),
            Value::Int(self.round_trips as i64),
            self.decision.map_or(Value::Missing, Value::Micros),
            Value::Word(self.outcome.as_str()),
        ]
    }
}

/// One run.
pub fn run(cell: &Cell, seed: u64) -> Result<CostRow, String> {
    let report =
        crate::compare::run_text(&cell.script(), seed).map_err(|e| format!("seed {seed}: {e}"))?;
    let lane = cell.protocol.lane();
    let counters = report
        .counters
        .iter()
        .find(|(k, _)| *k == lane)
        .map(|(_, c)| c)
        .ok_or_else(|| format!("seed {seed}: no {} lane in the report", lane.word()))?;
    let verdict = report
        .verdicts
        .iter()
        .find(|v| v.lane == lane)
        .map(|v| Decision::of(&v.verdict))
        .ok_or_else(|| format!("seed {seed}: no {} verdict", lane.word()))?;
    Ok(CostRow {
        cell: *cell,
        seed,
        messages: counters.messages,
        round_trips: counters.round_trips,
        decision: counters.decided_after.map(|d| d.0),
        outcome: verdict,
    })
}

/// Median messages per decision by node count, one line per protocol and failure.
pub fn chart(rows: &[CostRow]) -> Chart {
    let mut sizes: Vec<u32> = rows.iter().map(|r| r.cell.nodes).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let mut series = Vec::new();
    for failure in Failure::ALL {
        for protocol in Protocol::ALL {
            let (points, seeds): (Vec<(f64, f64)>, Vec<u64>) = sizes
                .iter()
                .filter_map(|&n| {
                    let v: Vec<(u64, u64)> = rows
                        .iter()
                        .filter(|r| {
                            r.cell.nodes == n
                                && r.cell.protocol == protocol
                                && r.cell.failure == failure
                        })
                        .map(|r| (r.messages, r.seed))
                        .collect();
                    stats::median_run(&v).map(|(m, seed)| ((f64::from(n), m as f64), seed))
                })
                .unzip();
            if !points.is_empty() {
                series.push(Series {
                    name: SeriesName::CommitCost { protocol, failure },
                    style: match failure {
                        Failure::None => Style::Line,
                        Failure::OneDown => Style::Dots,
                    },
                    points,
                    seeds,
                });
            }
        }
    }
    Chart {
        x: Measure::Nodes,
        y: Measure::MessagesPerDecision,
        series,
        marks: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(nodes: u32, protocol: Protocol, failure: Failure) -> CostRow {
        run(
            &Cell {
                nodes,
                protocol,
                failure,
            },
            1,
        )
        .unwrap()
    }

    #[test]
    fn three_phase_commit_costs_more_than_two_phase() {
        for n in [3, 5, 7] {
            let two = cost(n, Protocol::TwoPc, Failure::None);
            let three = cost(n, Protocol::ThreePc, Failure::None);
            assert_eq!(two.outcome, Decision::Committed);
            assert_eq!(three.outcome, Decision::Committed);
            assert!(three.messages > two.messages, "{n}: {three:?} vs {two:?}");
            // 2PC: PREPARE, vote, COMMIT, ACK to each of the n−1 participants.
            assert_eq!(two.messages, 4 * u64::from(n - 1), "{two:?}");
        }
    }

    #[test]
    fn one_node_down_aborts_the_commit_protocols_and_not_the_quorum_ones() {
        for p in Protocol::ALL {
            let r = cost(5, p, Failure::OneDown);
            let want = match p {
                Protocol::TwoPc | Protocol::ThreePc => Decision::Aborted,
                _ => Decision::Committed,
            };
            assert_eq!(r.outcome, want, "{p:?}");
            assert!(r.decision.is_some(), "{p:?}");
        }
    }

    #[test]
    fn the_row_is_what_the_comparison_lab_prints() {
        let cell = Cell {
            nodes: 5,
            protocol: Protocol::ThreePc,
            failure: Failure::None,
        };
        let row = run(&cell, 4).unwrap();
        let report = crate::compare::run_text(&format!("{}counters\n", cell.script()), 4).unwrap();
        let line = format!(
            "3pc: {} messages, {} round trips,",
            row.messages, row.round_trips
        );
        assert!(
            report.lines.iter().any(|l| l.starts_with(&line)),
            "{line} in {:?}",
            report.lines
        );
    }
}
