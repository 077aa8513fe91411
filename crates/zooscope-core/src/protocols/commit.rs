//! Atomic commitment and consensus protocols for the comparison lab: two-phase commit,
//! three-phase commit, single-decree Paxos and Multi-Paxos, each a sans-IO node on the
//! one kernel.
//!
//! They share what the comparison lab needs to drive them with one fault script: the
//! run configuration ([`CommitConfig`]: how many nodes, how long timeouts are), the
//! requests a script hands to a node ([`CommitRequest`]), the phase every message
//! belongs to ([`Phase`]) and what a node knows about the outcome ([`Outcome`]). The four
//! are state machines of one kernel protocol, [`CommitNode`] ([`node`]), so every commit
//! lane is a `World<CommitNode>`; what they explain ([`note::CommitNote`]) and what their
//! checkers report ([`violation::CommitViolation`]) are typed. Nodes
//! are numbered 1..=n in scripts and `NodeId(k - 1)` in the kernel; node 1 coordinates
//! (2PC, 3PC) or is the first proposer (Paxos). Every protocol sends datagrams, so the
//! kernel's loss, duplication and reordering reach them unchanged.

pub mod multipaxos;
pub mod node;
pub mod note;
pub mod paxos;
pub mod threepc;
pub mod twopc;
pub mod view;
pub mod violation;

pub use node::{CommitCtx, CommitMachine, CommitNode};

use crate::id::NodeId;
use crate::process::NodeInit;
use crate::time::SimDuration;
use serde::{Deserialize, Serialize};

/// Longest value a client may propose, in bytes.
pub const VALUE_MAX: usize = 64;
/// Fewest nodes a run may have.
pub const NODES_MIN: u32 = 3;
/// Most nodes a run may have.
pub const NODES_MAX: u32 = 9;

/// Which of the four state machines a run's nodes are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommitProtocol {
    /// Two-phase commit.
    #[default]
    TwoPc,
    /// Three-phase commit.
    ThreePc,
    /// Single-decree Paxos.
    Paxos,
    /// Multi-Paxos.
    MultiPaxos,
}

/// The configuration of a commit or consensus run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CommitConfig {
    /// The protocol every node runs.
    #[serde(default)]
    pub protocol: CommitProtocol,
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
            protocol: CommitProtocol::TwoPc,
            nodes: 5,
            timeout_us: 1_000_000,
            fault: CommitFault::None,
        }
    }
}

impl CommitConfig {
    /// A config for `nodes` nodes of `protocol` with the default timeout.
    pub fn with_nodes(protocol: CommitProtocol, nodes: u32) -> Self {
        CommitConfig {
            protocol,
            nodes,
            ..CommitConfig::default()
        }
    }

    /// The nodes a run starts with: every node, running.
    pub fn initial_nodes(&self) -> Vec<NodeInit<()>> {
        self.all()
            .map(|_| NodeInit {
                spec: (),
                running: true,
            })
            .collect()
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
