//! The commit and consensus protocols as lanes: which lane each is, whether its clients
//! resubmit (the consensus protocols' do; a 2PC/3PC transaction belongs to its
//! coordinator) and its safety checkers.

use super::invariants::{
    agreement::Agreement, atomicity::Atomicity, slot_agreement::SlotAgreement, validity::Validity,
};
use super::lane::CommitLane;
use super::script::LaneKind;
use crate::invariant::Invariant;
use crate::protocols::commit::multipaxos::MultiPaxosNode;
use crate::protocols::commit::paxos::PaxosNode;
use crate::protocols::commit::threepc::ThreePcNode;
use crate::protocols::commit::twopc::TwoPcNode;
use crate::world::World;

impl CommitLane for TwoPcNode {
    const KIND: LaneKind = LaneKind::TwoPc;
    const RETRIES: bool = false;
    fn checks() -> Vec<Box<dyn Invariant<World<Self>>>> {
        vec![
            Box::new(Atomicity::<Self>::default()),
            Box::new(Validity::<Self>::default()),
        ]
    }
}

impl CommitLane for ThreePcNode {
    const KIND: LaneKind = LaneKind::ThreePc;
    const RETRIES: bool = false;
    fn checks() -> Vec<Box<dyn Invariant<World<Self>>>> {
        vec![
            Box::new(Atomicity::<Self>::default()),
            Box::new(Validity::<Self>::default()),
        ]
    }
}

impl CommitLane for PaxosNode {
    const KIND: LaneKind = LaneKind::Paxos;
    const RETRIES: bool = true;
    fn checks() -> Vec<Box<dyn Invariant<World<Self>>>> {
        vec![
            Box::new(Agreement::default()),
            Box::new(Validity::<Self>::default()),
        ]
    }
}

impl CommitLane for MultiPaxosNode {
    const KIND: LaneKind = LaneKind::MultiPaxos;
    const RETRIES: bool = true;
    fn checks() -> Vec<Box<dyn Invariant<World<Self>>>> {
        vec![
            Box::new(SlotAgreement::default()),
            Box::new(Validity::<Self>::default()),
        ]
    }
}
