//! Atomic commitment: no node commits while another aborts, and no decision changes.
//!
//! The atomicity conditions AC1/AC2 of Bernstein, Hadzilacos and Goodman (1987, §7.2):
//! all processes that reach a decision reach the same one, and a process cannot reverse
//! its decision. Checked over every node's durable decision, crashed nodes included.
//! 2PC keeps it under any crash and partition (at the price of blocking); 3PC with its
//! timeout rule breaks it under a partition, which the fuzzer must find.

use super::decisions;
use crate::invariant::Invariant;
use crate::protocols::commit::violation::CommitViolation;
use crate::protocols::commit::{CommitNode, Decision};
use crate::vecmap::VecMap;
use crate::world::World;
use crate::NodeId;

/// The checker.
#[derive(Clone, Debug, Default)]
pub struct Atomicity {
    first: VecMap<NodeId, Decision>,
    reported: bool,
}

impl Invariant<World<CommitNode>> for Atomicity {
    fn name(&self) -> &'static str {
        "atomicity"
    }

    fn check(&mut self, world: &World<CommitNode>, problems: &mut Vec<CommitViolation>) {
        for (id, d) in decisions(world) {
            match self.first.get(&id) {
                None => {
                    self.first.insert(id, d);
                }
                Some(old) if *old != d => problems.push(CommitViolation::Reversed {
                    node: id.0 + 1,
                    first: old.clone(),
                    then: d,
                }),
                Some(_) => {}
            }
        }
        if self.reported {
            return;
        }
        let mut it = self.first.iter();
        if let Some((a, da)) = it.next() {
            if let Some((b, db)) = it.find(|(_, d)| *d != da) {
                self.reported = true;
                problems.push(CommitViolation::Split {
                    a: (a.0 + 1, da.clone()),
                    b: (b.0 + 1, db.clone()),
                });
            }
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<CommitNode>>> {
        Box::new(self.clone())
    }
}
