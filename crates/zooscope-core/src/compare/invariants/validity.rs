//! Validity: only a value some client proposed can be chosen or committed.
//!
//! Lamport, "Paxos Made Simple" (2001), §2.1: "Only a value that has been proposed may
//! be chosen" (the non-triviality condition). The proposed values are the `Propose`
//! requests in the world's own command log; every node's decision must be one of them.

use super::decisions;
use crate::command::Command;
use crate::invariant::Invariant;
use crate::protocols::commit::{CommitNode, CommitRequest, Decision};
use crate::world::World;
use std::marker::PhantomData;

/// The checker.
#[derive(Debug)]
pub struct Validity<P> {
    reported: bool,
    _p: PhantomData<fn() -> P>,
}

impl<P> Default for Validity<P> {
    fn default() -> Self {
        Validity {
            reported: false,
            _p: PhantomData,
        }
    }
}

impl<P> Clone for Validity<P> {
    fn clone(&self) -> Self {
        Validity {
            reported: self.reported,
            _p: PhantomData,
        }
    }
}

impl<P: CommitNode<Request = CommitRequest>> Invariant<World<P>> for Validity<P> {
    fn name(&self) -> &'static str {
        "validity"
    }

    fn check(&mut self, world: &World<P>, problems: &mut Vec<String>) {
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
                problems.push(format!(
                    "node {} decided {v}, which nobody proposed",
                    id.0 + 1
                ));
                return;
            }
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<P>>> {
        Box::new(self.clone())
    }
}
