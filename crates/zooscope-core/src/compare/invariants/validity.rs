//! Validity: only a value some client proposed can be chosen or committed.
//!
//! Lamport, "Paxos Made Simple" (2001), §2.1: "Only a value that has been proposed may
//! be chosen" (the non-triviality condition). The proposed values are the `Propose`
//! requests in the world's own command log; every node's decision must be one of them.

use super::decisions;
use crate::command::Command;
use crate::invariant::Invariant;
use crate::protocols::commit::violation::CommitViolation;
use crate::protocols::commit::{CommitNode, CommitRequest, Decision};
use crate::world::World;

/// The checker.
#[derive(Clone, Debug, Default)]
pub struct Validity {
    reported: bool,
}

impl Invariant<World<CommitNode>> for Validity {
    fn name(&self) -> &'static str {
        "validity"
    }

    fn check(&mut self, world: &World<CommitNode>, problems: &mut Vec<CommitViolation>) {
        if self.reported {
            return;
        }
        for (id, d) in decisions(world) {
            let Decision::Commit(v) = d else { continue };
            let proposed = world.command_log().iter().any(
                |l| matches!(&l.command, Command::Request(_, CommitRequest::Propose(p)) if *p == v),
            );
            if !proposed {
                self.reported = true;
                problems.push(CommitViolation::Unproposed {
                    node: id.0 + 1,
                    value: v,
                });
                return;
            }
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<CommitNode>>> {
        Box::new(self.clone())
    }
}
