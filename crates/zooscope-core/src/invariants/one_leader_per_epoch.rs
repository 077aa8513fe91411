//! At most one established leader per epoch.
//!
//! `Leadership1` / `Leadership2` of `Zab.tla` and the ZAB paper's *primary uniqueness*
//! (§3: "there is at most one primary for each epoch"): a leader is established once it
//! has frozen its epoch (LEADERINFO sent) and reached synchronization; two servers
//! established in the same epoch, at the same time or one after the other, break it.
//! The checker keeps the history epoch → leader (bounded).

use crate::invariant::Invariant;
use crate::protocols::zookeeper::node::ZkNode;
use crate::protocols::zookeeper::replication::zab::ZabState;
use crate::protocols::zookeeper::violation::ViolationDetail;
use crate::vecmap::VecMap;
use crate::world::World;

/// Epochs remembered at most.
pub const HISTORY_MAX: usize = 10_000;

/// The checker.
#[derive(Clone, Debug, Default)]
pub struct OneLeaderPerEpoch {
    leaders: VecMap<u32, u64>,
}

impl Invariant<World<ZkNode>> for OneLeaderPerEpoch {
    fn name(&self) -> &'static str {
        "at-most-one-leader-per-epoch"
    }

    fn check(&mut self, world: &World<ZkNode>, problems: &mut Vec<ViolationDetail>) {
        for (_, s) in super::servers(world) {
            let Some(l) = s.leader() else { continue };
            if !matches!(l.zab_state, ZabState::Synchronization | ZabState::Broadcast) {
                continue;
            }
            let Some(epoch) = l.frozen_epoch() else {
                continue;
            };
            match self.leaders.get(&epoch) {
                Some(&other) if other != s.sid => problems.push(ViolationDetail::TwoLeaders {
                    first: other,
                    second: s.sid,
                    epoch,
                }),
                Some(_) => {}
                None => {
                    if self.leaders.len() >= HISTORY_MAX {
                        self.leaders.pop_first();
                    }
                    self.leaders.insert(epoch, s.sid);
                }
            }
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<ZkNode>>> {
        Box::new(self.clone())
    }
}
