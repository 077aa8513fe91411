//! Committed txns are never lost, changed or reordered.
//!
//! The ZAB paper's *agreement*, *total order*, *local / global primary order* and
//! `Zab.tla`'s `PrefixConsistency` (§3 of the paper): every server delivers committed
//! txns as a prefix of one sequence. Each delivery a server records is (previous txn,
//! txn, fingerprint). Across all servers and all time the checker requires one
//! fingerprint per zxid (agreement), one successor per txn and one predecessor per txn
//! (total order, no gaps: a new leader that lost a committed txn proposes its next txn
//! after a different predecessor), and zxids growing along the sequence (primary order:
//! a later epoch never comes before an earlier one).

use crate::invariant::Invariant;
use crate::protocols::zookeeper::node::ZkNode;
use crate::protocols::zookeeper::replication::zab::store::Delivery;
use crate::protocols::zookeeper::violation::ViolationDetail;
use crate::vecmap::VecMap;
use crate::world::World;
use crate::NodeId;
use std::collections::VecDeque;
use std::fmt;

/// Txns remembered at most (the oldest are forgotten first).
pub const HISTORY_MAX: usize = 200_000;

/// The checker.
#[derive(Clone, Debug, Default)]
pub struct CommittedOrder {
    fingerprint: History,
    successor: History,
    predecessor: History,
    seen: VecMap<NodeId, u64>,
}

/// A zxid-keyed table that mostly grows at the top and is pruned at the bottom: a sorted
/// deque, so both ends cost O(1) (zxids arrive in increasing order almost always) and it
/// needs no B-tree code of its own.
#[derive(Clone, Default)]
struct History {
    entries: VecDeque<(u64, u64)>,
}

impl History {
    fn find(&self, key: u64) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.cmp(&key))
    }

    fn get(&self, key: &u64) -> Option<&u64> {
        self.find(*key).ok().map(|i| &self.entries[i].1)
    }

    fn insert(&mut self, key: u64, value: u64) {
        match self.find(key) {
            Ok(i) => self.entries[i].1 = value,
            Err(i) => self.entries.insert(i, (key, value)),
        }
    }

    fn len(&self) -> usize {
        self.entries.len()
    }

    fn pop_first(&mut self) -> Option<(u64, u64)> {
        self.entries.pop_front()
    }
}

impl fmt::Debug for History {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl CommittedOrder {
    fn prune(map: &mut History) {
        while map.len() > HISTORY_MAX {
            map.pop_first();
        }
    }

    fn delivery(
        &mut self,
        sid: u64,
        prev: u64,
        zxid: u64,
        fp: u64,
        problems: &mut Vec<ViolationDetail>,
    ) {
        if zxid <= prev {
            problems.push(ViolationDetail::NotGrowing { sid, zxid, prev });
        }
        match self.fingerprint.get(&zxid) {
            Some(&f) if f != fp => problems.push(ViolationDetail::AgreementBroken { sid, zxid }),
            Some(_) => {}
            None => {
                self.fingerprint.insert(zxid, fp);
            }
        }
        match self.successor.get(&prev) {
            Some(&next) if next != zxid => problems.push(ViolationDetail::OrderBroken {
                prev,
                next,
                sid,
                zxid,
            }),
            Some(_) => {}
            None => {
                self.successor.insert(prev, zxid);
            }
        }
        match self.predecessor.get(&zxid) {
            Some(&p) if p != prev => problems.push(ViolationDetail::PrefixBroken {
                sid,
                zxid,
                prev,
                elsewhere: p,
            }),
            Some(_) => {}
            None => {
                self.predecessor.insert(zxid, prev);
            }
        }
        Self::prune(&mut self.fingerprint);
        Self::prune(&mut self.successor);
        Self::prune(&mut self.predecessor);
    }
}

impl Invariant<World<ZkNode>> for CommittedOrder {
    fn name(&self) -> &'static str {
        "committed-txns-agree-in-order"
    }

    fn check(&mut self, world: &World<ZkNode>, problems: &mut Vec<ViolationDetail>) {
        let live: Vec<NodeId> = super::servers(world).map(|(n, _)| n).collect();
        self.seen.retain(|n, _| live.contains(n));
        for (node, s) in super::servers(world) {
            let total = s.store.deliveries_total;
            let seen = self.seen.get(&node).copied().unwrap_or(0);
            if total <= seen {
                continue;
            }
            let new = (total - seen) as usize;
            let kept = s.store.deliveries.len();
            let skip = kept.saturating_sub(new);
            let fresh: Vec<Delivery> = s.store.deliveries.iter().skip(skip).cloned().collect();
            for d in fresh {
                if let Delivery::Txn {
                    prev,
                    zxid,
                    fingerprint,
                } = d
                {
                    self.delivery(s.sid, prev, zxid, fingerprint, problems);
                }
            }
            self.seen.insert(node, total);
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<ZkNode>>> {
        Box::new(self.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn history_behaves_like_a_sorted_map_pruned_from_the_bottom() {
        let mut h = History::default();
        let mut b = BTreeMap::new();
        for (i, k) in [5u64, 9, 7, 1, 12, 9, 3, 20, 15].into_iter().enumerate() {
            h.insert(k, i as u64);
            b.insert(k, i as u64);
            while h.len() > 5 {
                assert_eq!(h.pop_first(), b.pop_first());
            }
            while b.len() > 5 {
                b.pop_first();
            }
            assert_eq!(h.get(&k), b.get(&k));
        }
        assert_eq!(format!("{h:?}"), format!("{b:?}"));
        assert_eq!(h.get(&1), None);
    }
}
