//! Safety checkers for the ZooKeeper simulation, one property per file.
//!
//! Each follows an invariant of the ZAB paper (Junqueira, Reed, Serafini, "Zab:
//! High-performance broadcast for primary-backup systems", DSN 2011, §3 and §4) or of
//! ZooKeeper's TLA+ specifications (`zookeeper-specifications/protocol-spec/Zab.tla`,
//! `system-spec/zk-3.7/ZkV3_7_0.tla`). They run after every step of a world they are
//! installed in ([`crate::world::World::add_invariant`]); [`all`] gives the full set.

pub mod committed_order;
pub mod ephemerals_live;
pub mod identical_trees;
pub mod no_anomalies;
pub mod one_leader_per_epoch;
pub mod zxid_monotonic;

use crate::invariant::Invariant;
use crate::protocols::zookeeper::node::ZkNode;
use crate::protocols::zookeeper::replication::server::ZkServer;
use crate::world::World;
use crate::NodeId;

/// Every ZooKeeper invariant, fresh.
pub fn all() -> Vec<Box<dyn Invariant<World<ZkNode>>>> {
    vec![
        Box::new(one_leader_per_epoch::OneLeaderPerEpoch::default()),
        Box::new(committed_order::CommittedOrder::default()),
        Box::new(zxid_monotonic::ZxidMonotonic::default()),
        Box::new(ephemerals_live::EphemeralsLive),
        Box::new(identical_trees::IdenticalTrees::default()),
        Box::new(no_anomalies::NoAnomalies::default()),
    ]
}

/// The running servers of a world: (node, server).
pub fn servers(world: &World<ZkNode>) -> impl Iterator<Item = (NodeId, &ZkServer)> {
    world
        .node_ids()
        .into_iter()
        .filter_map(move |id| world.node(id).and_then(ZkNode::server).map(|s| (id, s)))
}
