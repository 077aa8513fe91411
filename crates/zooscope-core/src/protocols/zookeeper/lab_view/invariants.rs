//! The invariant status: are the safety properties still holding?
//!
//! The kernel runs every installed checker after each step and keeps what they report
//! ([`crate::world::World::violations`]); the ZAB properties come from the ZooKeeper
//! TLA+ specifications (reference §2.9: at most one leader per epoch, prefix
//! consistency, agreement, total order...). Servers also remember branches that real
//! ZooKeeper treats as fatal ("anomalies"). The panel is green while both are empty and
//! red otherwise, with the step of the first violation as the counterexample to jump to.

use super::super::node::ZkNode;
use super::super::note::Anomaly;
use super::super::violation::ViolationDetail;
use super::cards::myid;
use crate::world::World;

/// Violations listed at most (the first ones: the first is the counterexample).
pub const VIOLATIONS_SHOWN: usize = 10;
/// Anomalies listed at most.
pub const ANOMALIES_SHOWN: usize = 10;

/// One broken property.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ViolationRow {
    /// The invariant's name.
    pub invariant: String,
    /// What is wrong, as data (the panel words it).
    pub details: ViolationDetail,
    /// The step after which it was found.
    pub step: u64,
    /// When, µs of simulated time.
    pub time_us: u64,
}

/// A branch a server hit that real ZooKeeper treats as fatal.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AnomalyRow {
    /// The server.
    pub myid: u32,
    /// What happened.
    pub anomaly: Anomaly,
}

/// The invariant panel's content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct InvariantView {
    /// Nothing broke.
    pub ok: bool,
    /// Violations found in total.
    pub total: u32,
    /// The first violations, in the order found.
    pub violations: Vec<ViolationRow>,
    /// Server anomalies.
    pub anomalies: Vec<AnomalyRow>,
}

impl InvariantView {
    /// The step to jump to: right after the first violation.
    pub fn counterexample_step(&self) -> Option<u64> {
        self.violations.first().map(|v| v.step)
    }
}

/// Build the invariant view.
pub fn invariant_view(world: &World<ZkNode>) -> InvariantView {
    let all = world.violations();
    let violations: Vec<ViolationRow> = all
        .iter()
        .take(VIOLATIONS_SHOWN)
        .map(|v| ViolationRow {
            invariant: v.invariant.to_string(),
            details: v.details.clone(),
            step: v.step,
            time_us: v.time.0,
        })
        .collect();
    let mut anomalies = Vec::new();
    'outer: for e in &world.config().servers {
        let Some(node) = world.config().node_of(e.sid) else {
            continue;
        };
        if let Some(s) = world.node(node).and_then(ZkNode::server) {
            for a in &s.anomalies {
                if anomalies.len() >= ANOMALIES_SHOWN {
                    break 'outer;
                }
                anomalies.push(AnomalyRow {
                    myid: myid(e.sid),
                    anomaly: a.clone(),
                });
            }
        }
    }
    InvariantView {
        ok: all.is_empty() && anomalies.is_empty(),
        total: all.len() as u32,
        violations,
        anomalies,
    }
}
