//! Up-to-date servers hold identical databases.
//!
//! The state-machine-replication consequence of ZAB's agreement and total order (paper
//! §2, "every replica applies the same sequence of state changes"), checked the way
//! ZooKeeper's own digest check does (`ZKDatabase` digests, `zookeeper.digest.enabled`):
//! two servers that are serving and have processed up to the same zxid must have the
//! same data tree and session table. Digests are recomputed only when a server's last
//! processed zxid changes.

use crate::invariant::Invariant;
use crate::protocols::zookeeper::node::ZkNode;
use crate::protocols::zookeeper::violation::ViolationDetail;
use crate::vecmap::VecMap;
use crate::world::World;
use crate::NodeId;

/// The checker.
#[derive(Clone, Debug, Default)]
pub struct IdenticalTrees {
    cache: VecMap<NodeId, (u64, u64)>,
}

impl Invariant<World<ZkNode>> for IdenticalTrees {
    fn name(&self) -> &'static str {
        "up-to-date-servers-hold-identical-trees"
    }

    fn check(&mut self, world: &World<ZkNode>, problems: &mut Vec<ViolationDetail>) {
        let mut by_zxid: VecMap<u64, Vec<(u64, u64)>> = VecMap::new();
        let live: Vec<NodeId> = super::servers(world).map(|(n, _)| n).collect();
        self.cache.retain(|n, _| live.contains(n));
        for (node, s) in super::servers(world) {
            if !s.serving() || !s.store.pending().is_empty() {
                continue;
            }
            let z = s.store.last_processed();
            let digest = match self.cache.get(&node) {
                Some(&(cz, d)) if cz == z => d,
                _ => {
                    let d = s.store.db.digest();
                    self.cache.insert(node, (z, d));
                    d
                }
            };
            by_zxid.entry(z).or_default().push((s.sid, digest));
        }
        for (z, list) in by_zxid {
            if let Some(&(sid0, d0)) = list.first() {
                for &(sid, d) in &list[1..] {
                    if d != d0 {
                        problems.push(ViolationDetail::TreesDiffer {
                            a: sid0,
                            b: sid,
                            zxid: z,
                        });
                    }
                }
            }
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<ZkNode>>> {
        Box::new(self.clone())
    }
}
