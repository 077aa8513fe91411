//! Atomic commitment: no node commits while another aborts, and no decision changes.
//!
//! The atomicity conditions AC1/AC2 of Bernstein, Hadzilacos and Goodman (1987, §7.2):
//! all processes that reach a decision reach the same one, and a process cannot reverse
//! its decision. Checked over every node's durable decision, crashed nodes included.
//! 2PC keeps it under any crash and partition (at the price of blocking); 3PC with its
//! timeout rule breaks it under a partition, which the fuzzer must find.

use super::decisions;
use crate::invariant::Invariant;
use crate::protocols::commit::{CommitNode, Decision};
use crate::vecmap::VecMap;
use crate::world::World;
use crate::NodeId;
use std::marker::PhantomData;

/// The checker.
#[derive(Debug)]
pub struct Atomicity<P> {
    first: VecMap<NodeId, Decision>,
    reported: bool,
    _p: PhantomData<fn() -> P>,
}

impl<P> Default for Atomicity<P> {
    fn default() -> Self {
        Atomicity {
            first: VecMap::new(),
            reported: false,
            _p: PhantomData,
        }
    }
}

impl<P> Clone for Atomicity<P> {
    fn clone(&self) -> Self {
        Atomicity {
            first: self.first.clone(),
            reported: self.reported,
            _p: PhantomData,
        }
    }
}

fn word(d: &Decision) -> String {
    match d {
        Decision::Commit(v) => format!("committed {v}"),
        Decision::Abort => "aborted".into(),
    }
}

impl<P: CommitNode> Invariant<World<P>> for Atomicity<P> {
    fn name(&self) -> &'static str {
        "atomicity"
    }

    fn check(&mut self, world: &World<P>, problems: &mut Vec<String>) {
        for (id, d) in decisions(world) {
            match self.first.get(&id) {
                None => {
                    self.first.insert(id, d);
                }
                Some(old) if *old != d => problems.push(format!(
                    "node {} {} and later {}",
                    id.0 + 1,
                    word(old),
                    word(&d)
                )),
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
                problems.push(format!(
                    "node {} {} while node {} {}",
                    a.0 + 1,
                    word(da),
                    b.0 + 1,
                    word(db)
                ));
            }
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<P>>> {
        Box::new(self.clone())
    }
}
