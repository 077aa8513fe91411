//! The commit and consensus protocols as lanes: every commit lane is a
//! `World<CommitNode>` (one kernel type for 2PC, 3PC, Paxos and Multi-Paxos), built for
//! the lane's protocol, with that protocol's safety checkers. Script node `k` is kernel
//! node `k - 1`; node 1 coordinates (2PC, 3PC) or proposes first (Paxos).

use super::invariants::{
    agreement::Agreement, atomicity::Atomicity, slot_agreement::SlotAgreement, validity::Validity,
};
use super::lane::{LaneDetail, LaneProtocol};
use super::script::LaneKind;
use crate::command::Command;
use crate::id::NodeId;
use crate::invariant::Invariant;
use crate::net::NetConfig;
use crate::protocols::commit::view::{NodeView, Stance};
use crate::protocols::commit::violation::CommitViolation;
use crate::protocols::commit::{
    CommitConfig, CommitNode, CommitProtocol, CommitRequest, Outcome, Phase,
};
use crate::world::World;

/// The commit protocol of a lane (None for ZAB, which runs the ZooKeeper stack).
pub fn protocol_of(kind: LaneKind) -> Option<CommitProtocol> {
    match kind {
        LaneKind::TwoPc => Some(CommitProtocol::TwoPc),
        LaneKind::ThreePc => Some(CommitProtocol::ThreePc),
        LaneKind::Paxos => Some(CommitProtocol::Paxos),
        LaneKind::MultiPaxos => Some(CommitProtocol::MultiPaxos),
        LaneKind::Zab => None,
    }
}

impl LaneProtocol for CommitNode {
    type Side = ();

    fn build(kind: LaneKind, nodes: u32, seed: u64) -> Result<(World<Self>, ()), String> {
        let protocol =
            protocol_of(kind).ok_or_else(|| format!("{} is not a commit lane", kind.word()))?;
        let config = CommitConfig::with_nodes(protocol, nodes);
        Ok((World::new(config, NetConfig::default(), seed), ()))
    }
    fn node(_: &(), k: u32) -> NodeId {
        NodeId(k.saturating_sub(1))
    }
    fn phase(msg: &Self::Msg) -> Option<Phase> {
        CommitNode::phase_of(msg)
    }
    fn is_request(msg: &Self::Msg) -> bool {
        CommitNode::is_request(msg)
    }
    fn vote(world: &mut World<Self>, _: &mut (), k: u32, yes: bool) -> bool {
        if !matches!(
            world.config().protocol,
            CommitProtocol::TwoPc | CommitProtocol::ThreePc
        ) {
            return false;
        }
        let _ = world.apply(Command::Request(
            NodeId(k - 1),
            CommitRequest::SetVote { yes },
        ));
        true
    }
    fn submit(world: &mut World<Self>, _: &mut (), k: u32, value: &str) {
        let _ = world.apply(Command::Request(
            NodeId(k - 1),
            CommitRequest::Propose(value.to_string()),
        ));
    }
    fn answered(world: &World<Self>, _: &(), k: u32) -> bool {
        world
            .node(NodeId(k - 1))
            .is_some_and(|n| matches!(n.outcome(), Outcome::Committed(_) | Outcome::Aborted))
    }
    fn outcome(world: &World<Self>, _: &(), k: u32) -> Outcome {
        world
            .node(NodeId(k - 1))
            .map_or(Outcome::Undecided, CommitNode::outcome)
    }
    fn phase1_done(world: &World<Self>, _: &()) -> bool {
        world.node(NodeId(0)).is_some_and(CommitNode::phase1_done)
    }
    fn extra_nodes(_: &()) -> Vec<NodeId> {
        Vec::new()
    }
    fn invariants(kind: LaneKind) -> Vec<Box<dyn Invariant<World<Self>>>> {
        let first: Box<dyn Invariant<World<Self>>> = match kind {
            LaneKind::Paxos => Box::new(Agreement::default()),
            LaneKind::MultiPaxos => Box::new(SlotAgreement::default()),
            _ => Box::new(Atomicity::default()),
        };
        vec![first, Box::new(Validity::default())]
    }
    fn detail(detail: &CommitViolation) -> LaneDetail {
        LaneDetail::Commit(detail.clone())
    }
    fn view(world: &World<Self>, _: &(), k: u32) -> NodeView {
        world
            .node(NodeId(k - 1))
            .map_or_else(|| NodeView::of(Stance::Idle, false), CommitNode::view)
    }
}
