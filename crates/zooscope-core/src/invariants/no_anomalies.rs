//! No server takes a branch real ZooKeeper treats as impossible.
//!
//! `ShouldNotBeTriggered` / `CheckDuringAction` of `ZkV3_7_0.tla`: a COMMIT for a txn
//! that is not the next one logged (`FollowerZooKeeperServer.commit` exits the process),
//! a TRUNC below the snapshot, a leader unable to log its own proposal. Servers record
//! such anomalies; each is reported once.

use crate::invariant::Invariant;
use crate::protocols::zookeeper::node::ZkNode;
use crate::protocols::zookeeper::violation::ViolationDetail;
use crate::vecmap::VecMap;
use crate::world::World;
use crate::NodeId;

/// The checker.
#[derive(Clone, Debug, Default)]
pub struct NoAnomalies {
    reported: VecMap<NodeId, usize>,
}

impl Invariant<World<ZkNode>> for NoAnomalies {
    fn name(&self) -> &'static str {
        "no-impossible-branch"
    }

    fn check(&mut self, world: &World<ZkNode>, problems: &mut Vec<ViolationDetail>) {
        let live: Vec<NodeId> = super::servers(world).map(|(n, _)| n).collect();
        self.reported.retain(|n, _| live.contains(n));
        for (node, s) in super::servers(world) {
            let done = self.reported.get(&node).copied().unwrap_or(0);
            let now = s.anomalies.len();
            if now > done {
                for a in s.anomalies.iter().skip(done) {
                    problems.push(ViolationDetail::Anomaly {
                        sid: s.sid,
                        anomaly: a.clone(),
                    });
                }
            }
            self.reported.insert(node, now);
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<ZkNode>>> {
        Box::new(self.clone())
    }
}
