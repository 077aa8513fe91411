//! The invariant hook: safety checkers that run after every step.
//!
//! The trait is generic over the state it inspects (`W`, in practice `World<P>`), so this
//! file sits below the kernel and imports nothing from it: the world stores
//! `Box<dyn Invariant<World<P>>>` and hands each checker `&World<P>` after a step. Each checker is one property in one file (as openraft's fuzzer does), may keep history
//! between steps (monotonic properties need it), and reports violations as values; the
//! kernel turns each into a `Violation` trace event and keeps it for the UI's red panel.

use crate::time::SimTime;
use std::fmt::Debug;

/// One broken property, with where it broke; `D` is the protocol's typed detail.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Violation<D> {
    /// The invariant's name.
    pub invariant: &'static str,
    /// What is wrong, as data with the offending values (`Display`: an English sentence).
    pub details: D,
    /// The step after which it was detected.
    pub step: u64,
    /// When.
    pub time: SimTime,
}

/// A state invariants inspect, with the type of what its checkers report.
pub trait Subject {
    /// One problem found, as data (a `World<P>`'s is `P::ViolationDetail`).
    type Detail;
}

/// A safety property of the state `W` (a `World<P>`) checked after every step.
pub trait Invariant<W: Subject>: Debug {
    /// A stable name ("at-most-one-leader-per-epoch").
    fn name(&self) -> &'static str;
    /// Inspect the world after a step; push each problem found.
    fn check(&mut self, world: &W, problems: &mut Vec<W::Detail>);
    /// Clone into a box (checkers travel with checkpoints).
    fn clone_box(&self) -> Box<dyn Invariant<W>>;
}

impl<W: Subject> Clone for Box<dyn Invariant<W>> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}
