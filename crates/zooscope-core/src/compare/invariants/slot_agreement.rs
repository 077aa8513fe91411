//! Multi-Paxos agreement: in every log slot at most one value is ever chosen.
//!
//! Lamport, "Paxos Made Simple" (2001), §3: each slot is an instance of the consensus
//! algorithm, so each must keep the single-decree safety property. As in
//! [`super::agreement`], a value counts as chosen when a majority accepted it in one
//! ballot (read from the acceptors' disks) or when any node learned it.

use crate::invariant::Invariant;
use crate::protocols::commit::node::CommitDisk;
use crate::protocols::commit::paxos::Ballot;
use crate::protocols::commit::violation::CommitViolation;
use crate::protocols::commit::CommitNode;
use crate::vecmap::VecMap;
use crate::world::World;

/// The checker.
#[derive(Clone, Debug, Default)]
pub struct SlotAgreement {
    chosen: VecMap<u32, String>,
    reported: bool,
}

impl Invariant<World<CommitNode>> for SlotAgreement {
    fn name(&self) -> &'static str {
        "slot-agreement"
    }

    fn check(&mut self, world: &World<CommitNode>, problems: &mut Vec<CommitViolation>) {
        let majority = world.config().majority();
        let mut votes: VecMap<(u32, Ballot), (String, usize)> = VecMap::new();
        let mut found: Vec<(u32, String)> = Vec::new();
        for id in world.node_ids() {
            let Some(CommitDisk::MultiPaxos(disk)) = world.disk(id) else {
                continue;
            };
            for (slot, (b, v)) in disk.accepted.iter() {
                votes.entry((*slot, *b)).or_insert_with(|| (v.clone(), 0)).1 += 1;
            }
            found.extend(disk.chosen.iter().map(|(s, v)| (*s, v.clone())));
        }
        found.extend(
            votes
                .iter()
                .filter(|(_, (_, n))| *n >= majority)
                .map(|((s, _), (v, _))| (*s, v.clone())),
        );
        for (slot, v) in found {
            match self.chosen.get(&slot) {
                None => {
                    self.chosen.insert(slot, v);
                }
                Some(c) if *c != v && !self.reported => {
                    self.reported = true;
                    problems.push(CommitViolation::BothChosen {
                        slot: Some(slot),
                        first: c.clone(),
                        other: v,
                    });
                }
                Some(_) => {}
            }
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<CommitNode>>> {
        Box::new(self.clone())
    }
}
