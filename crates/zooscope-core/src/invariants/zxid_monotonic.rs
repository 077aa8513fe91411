//! Each server's delivered zxids strictly increase.
//!
//! The ZAB paper's *local primary order* as one server sees it, and `ZkV3_7_0.tla`'s
//! check that a server's `lastCommitted` only grows: within one run of a server process,
//! every txn it delivers has a larger zxid than the one before, and a snapshot it
//! installs never takes it back before a txn it has already delivered.

use crate::invariant::Invariant;
use crate::protocols::zookeeper::node::ZkNode;
use crate::protocols::zookeeper::replication::zab::store::Delivery;
use crate::protocols::zookeeper::violation::ViolationDetail;
use crate::vecmap::VecMap;
use crate::world::World;
use crate::NodeId;

/// The checker.
#[derive(Clone, Debug, Default)]
pub struct ZxidMonotonic {
    /// Per node: deliveries seen and the last delivered zxid.
    cursor: VecMap<NodeId, (u64, u64)>,
}

impl Invariant<World<ZkNode>> for ZxidMonotonic {
    fn name(&self) -> &'static str {
        "server-zxids-increase"
    }

    fn check(&mut self, world: &World<ZkNode>, problems: &mut Vec<ViolationDetail>) {
        let live: Vec<NodeId> = super::servers(world).map(|(n, _)| n).collect();
        self.cursor.retain(|n, _| live.contains(n));
        for (node, s) in super::servers(world) {
            let total = s.store.deliveries_total;
            let (seen, mut last) = self.cursor.get(&node).copied().unwrap_or((0, 0));
            if total <= seen {
                continue;
            }
            let new = (total - seen) as usize;
            let skip = s.store.deliveries.len().saturating_sub(new);
            for d in s.store.deliveries.iter().skip(skip) {
                match d {
                    Delivery::Txn { zxid, .. } => {
                        if *zxid <= last {
                            problems.push(ViolationDetail::ZxidBackwards {
                                sid: s.sid,
                                zxid: *zxid,
                                last,
                            });
                        }
                        last = *zxid;
                    }
                    Delivery::Snapshot { last_txn } => {
                        if *last_txn < last {
                            problems.push(ViolationDetail::SnapshotBackwards {
                                sid: s.sid,
                                last_txn: *last_txn,
                                last,
                            });
                        }
                        last = *last_txn;
                    }
                }
            }
            self.cursor.insert(node, (total, last));
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<ZkNode>>> {
        Box::new(self.clone())
    }
}
