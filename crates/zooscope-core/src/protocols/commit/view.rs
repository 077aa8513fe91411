//! What the comparison page shows of one node: its stance in the protocol and, for the
//! consensus protocols, the ballot it promised and the proposal it accepted. Typed data;
//! the UI words it (`src/compare_lab/`). The ZAB lane fills the same view from a
//! ZooKeeper server (leading, following, committed).

use super::paxos::Ballot;

/// Where a node stands.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Stance {
    /// Nothing to do yet.
    Idle,
    /// Coordinator: waiting for the votes (2PC, 3PC phase 1).
    Collecting,
    /// Voted yes and may not decide alone: uncertain (2PC prepared, 3PC voted).
    Prepared,
    /// 3PC: pre-committed (every vote was yes).
    PreCommitted,
    /// Paxos proposer: waiting for promises.
    Preparing,
    /// Paxos proposer: waiting for acceptances.
    Accepting,
    /// Paxos proposer: rejected, backing off before a new ballot.
    BackingOff,
    /// Multi-Paxos candidate, ZAB election: looking for a leader.
    Looking,
    /// Multi-Paxos or ZAB leader.
    Leading,
    /// Multi-Paxos or ZAB follower.
    Following,
    /// Decided: committed (or learned as chosen) this value.
    Committed(String),
    /// Decided: aborted.
    Aborted,
}

/// One running node as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NodeView {
    /// It coordinates (2PC/3PC node 1) or leads.
    pub coordinator: bool,
    /// Its stance.
    pub stance: Stance,
    /// The highest ballot it promised (Paxos, Multi-Paxos), if any.
    pub promised: Option<Ballot>,
    /// The proposal it accepted (Paxos; Multi-Paxos: its first slot), if any.
    pub accepted: Option<(Ballot, String)>,
}

impl NodeView {
    /// A view with only a stance.
    pub fn of(stance: Stance, coordinator: bool) -> Self {
        NodeView {
            coordinator,
            stance,
            promised: None,
            accepted: None,
        }
    }
}
