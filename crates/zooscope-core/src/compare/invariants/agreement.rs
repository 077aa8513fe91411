//! Paxos agreement: at most one value is ever chosen.
//!
//! Lamport, "Paxos Made Simple" (2001), §2.1: "Only a single value is chosen". A value
//! is *chosen* when a majority of acceptors has accepted it in one ballot; the checker
//! looks at every acceptor's durable accepted proposal after each step (so it sees a
//! choice even before any learner does) and at every learned value, and reports a
//! second, different value.

use crate::invariant::Invariant;
use crate::protocols::commit::node::CommitDisk;
use crate::protocols::commit::paxos::Ballot;
use crate::protocols::commit::violation::CommitViolation;
use crate::protocols::commit::{CommitNode, Decision};
use crate::vecmap::VecMap;
use crate::world::World;

/// The checker.
#[derive(Clone, Debug, Default)]
pub struct Agreement {
    chosen: Option<String>,
    reported: bool,
}

impl Invariant<World<CommitNode>> for Agreement {
    fn name(&self) -> &'static str {
        "agreement"
    }

    fn check(&mut self, world: &World<CommitNode>, problems: &mut Vec<CommitViolation>) {
        let majority = world.config().majority();
        let mut by_ballot: VecMap<Ballot, (String, usize)> = VecMap::new();
        for id in world.node_ids() {
            if let Some(CommitDisk::Paxos(d)) = world.disk(id) {
                let Some((b, v)) = d.accepted else { continue };
                by_ballot.entry(b).or_insert_with(|| (v, 0)).1 += 1;
            }
        }
        let mut values: Vec<String> = super::decisions(world)
            .into_iter()
            .filter_map(|(_, d)| match d {
                Decision::Commit(v) => Some(v),
                Decision::Abort => None,
            })
            .collect();
        values.extend(
            by_ballot
                .values()
                .filter(|(_, count)| *count >= majority)
                .map(|(v, _)| v.clone()),
        );
        for v in values {
            match &self.chosen {
                None => self.chosen = Some(v),
                Some(c) if *c != v && !self.reported => {
                    self.reported = true;
                    problems.push(CommitViolation::BothChosen {
                        slot: None,
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
