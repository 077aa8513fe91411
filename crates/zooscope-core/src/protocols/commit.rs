//! Atomic commitment and consensus protocols for the comparison lab: two-phase commit,
//! three-phase commit, single-decree Paxos and Multi-Paxos, each a sans-IO node on the
//! one kernel.
//!
//! They share what the comparison lab needs to drive them with one fault script: the
//! run configuration ([`CommitConfig`]: how many nodes, how long timeouts are), the
//! requests a script hands to a node ([`CommitRequest`]), the phase every message
//! belongs to ([`Phase`]) and what a node knows about the outcome ([`Outcome`]). Nodes
//! are numbered 1..=n in scripts and `NodeId(k - 1)` in the kernel; node 1 coordinates
//! (2PC, 3PC) or is the first proposer (Paxos). Every protocol sends datagrams, so the
//! kernel's loss, duplication and reordering reach them unchanged.

pub mod multipaxos;
pub mod paxos;
pub mod threepc;
pub mod twopc;

use crate::id::NodeId;
use crate::time::SimDuration;
use serde::{Deserialize, Serialize};

/// Longest value a client may propose, in bytes.
pub const VALUE_MAX: usize = 64;
/// Fewest nodes a run may have.
pub const NODES_MIN: u32 = 3;
/// Most nodes a run may have.
pub const NODES_MAX: u32 = 9;

/// The configuration of a commit or consensus run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CommitConfig {
    /// Nodes, `NODES_MIN..=NODES_MAX` (clamped).
    pub nodes: u32,
    /// The basic timeout `T`, µs: a coordinator waits `T` for replies, a participant
    /// `2T` for the next message, a Paxos proposer backs off between `T` and `2T`.
    pub timeout_us: u64,
    /// A deliberate bug, for tests that prove the invariants can fail.
    #[serde(default)]
    pub fault: CommitFault,
}

/// Deliberate protocol bugs (tests only; shared runs refuse them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommitFault {
    /// The correct protocols.
    #[default]
    None,
    /// 2PC/3PC: the coordinator ignores no votes.
    IgnoreNoVotes,
    /// Paxos: a proposer proposes its own value even when a promise carries another.
    IgnorePromisedValues,
    /// Paxos: a proposer proposes a value nobody asked for.
    InventValue,
}

impl Default for CommitConfig {
    fn default() -> Self {
        CommitConfig {
            nodes: 5,
            timeout_us: 1_000_000,
            fault: CommitFault::None,
        }
    }
}

impl CommitConfig {
    /// A config for `nodes` nodes with the default timeout.
    pub fn with_nodes(nodes: u32) -> Self {
        CommitConfig {
            nodes,
            ..CommitConfig::default()
        }
    }

    /// Refuse what a shared run may not hold: an unknown size or a deliberate bug.
    pub fn check_shared(&self) -> Result<(), String> {
        if !(NODES_MIN..=NODES_MAX).contains(&self.nodes) {
            return Err(format!(
                "{} nodes is outside {NODES_MIN}..{NODES_MAX}",
                self.nodes
            ));
        }
        if self.fault != CommitFault::None {
            return Err("a deliberately broken protocol cannot be shared".into());
        }
        Ok(())
    }

    /// The node count, clamped into range.
    pub fn n(&self) -> u32 {
        self.nodes.clamp(NODES_MIN, NODES_MAX)
    }

    /// The basic timeout.
    pub fn timeout(&self) -> SimDuration {
        SimDuration(self.timeout_us.clamp(1_000, 60_000_000))
    }

    /// How long a participant waits for the coordinator's next message: `2T`.
    pub fn patience(&self) -> SimDuration {
        SimDuration(self.timeout().0 * 2)
    }

    /// Every node of the run, in order.
    pub fn all(&self) -> impl Iterator<Item = NodeId> {
        (0..self.n()).map(NodeId)
    }

    /// A strict majority of the nodes.
    pub fn majority(&self) -> usize {
        self.n() as usize / 2 + 1
    }
}

/// The coordinator of 2PC and 3PC (script node 1).
pub const COORDINATOR: NodeId = NodeId(0);

/// What a script hands to a node.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommitRequest {
    /// A client asks this node to commit (or choose) a value.
    Propose(String),
    /// How this participant will vote on the next PREPARE / CanCommit.
    SetVote {
        /// Yes or no.
        yes: bool,
    },
}

/// The phase a message belongs to (scripts drop and wait for messages by phase).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// 2PC PREPARE and votes, 3PC CanCommit and replies, Paxos Prepare/Promise, ZAB
    /// PROPOSAL/ACK.
    One,
    /// 2PC COMMIT/ABORT, 3PC PreCommit, Paxos Accept/Accepted, ZAB COMMIT.
    Two,
    /// 3PC DoCommit; Paxos announcing a chosen value.
    Three,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 3] = [Phase::One, Phase::Two, Phase::Three];

    /// `phase1`, `phase2`, `phase3`: the script's word.
    pub fn word(self) -> &'static str {
        match self {
            Phase::One => "phase1",
            Phase::Two => "phase2",
            Phase::Three => "phase3",
        }
    }

    /// Index 0..3.
    pub fn index(self) -> usize {
        match self {
            Phase::One => 0,
            Phase::Two => 1,
            Phase::Three => 2,
        }
    }
}

/// What one running node knows about the outcome.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// It committed (or learned as chosen) this value.
    Committed(String),
    /// It aborted.
    Aborted,
    /// It voted yes and cannot decide alone: it waits for the coordinator.
    Uncertain,
    /// It has not decided and is not stuck.
    Undecided,
}

/// A decision as written to a node's disk.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    /// Commit this value.
    Commit(String),
    /// Abort.
    Abort,
}

impl Decision {
    /// The outcome a node with this decision shows.
    pub fn outcome(&self) -> Outcome {
        match self {
            Decision::Commit(v) => Outcome::Committed(v.clone()),
            Decision::Abort => Outcome::Aborted,
        }
    }
}

/// What the comparison lab reads from a commit or consensus node.
/// Notes and violation details of these protocols are still English text (the comparison
/// page shows verdicts, outcomes and invariant names, not the sentences); typing them is
/// follow-up work.
pub trait CommitNode: crate::process::Protocol<Note = String, ViolationDetail = String> {
    /// The phase of a message (None for traffic outside the phases, like heartbeats).
    fn phase_of(msg: &Self::Msg) -> Option<Phase>;
    /// Whether a message asks for replies (starts a round trip).
    fn is_request(msg: &Self::Msg) -> bool;
    /// What this node knows about the outcome.
    fn outcome(&self) -> Outcome;
    /// The decision on this disk, if any (what a crashed node had decided).
    fn disk_decision(disk: &Self::Disk) -> Option<Decision>;
    /// Whether this node, coordinating, has every phase-1 reply it waits for.
    fn phase1_done(&self) -> bool;
}
