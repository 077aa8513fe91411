//! Safety properties of the comparison lab's commit and consensus lanes, one per file.
//!
//! They run after every step of a lane's world (the kernel's invariant hook), so a
//! fuzzed fault schedule reports the first step at which a property broke. The ZAB
//! lane runs the ZooKeeper stack's own checkers ([`crate::invariants::all`]), among
//! them primary order ([`crate::invariants::committed_order`]).

pub mod agreement;
pub mod atomicity;
pub mod slot_agreement;
pub mod validity;

use crate::protocols::commit::{CommitNode, Decision};
use crate::world::World;
use crate::NodeId;

/// Every node's decision as its disk holds it (a crashed node keeps its disk).
pub fn decisions(world: &World<CommitNode>) -> Vec<(NodeId, Decision)> {
    world
        .node_ids()
        .into_iter()
        .filter_map(|id| {
            let d = world.disk(id)?;
            CommitNode::disk_decision(&d).map(|d| (id, d))
        })
        .collect()
}
