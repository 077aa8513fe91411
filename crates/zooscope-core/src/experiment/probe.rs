//! Watching a ZooKeeper world while it runs: who serves, and how many messages and FLE
//! notifications were delivered. Every experiment reads the world only through these.

use crate::id::NodeId;
use crate::process::MessageInfo;
use crate::protocols::zookeeper::node::ZkNode;
use crate::trace::TraceKind;
use crate::world::World;
use serde::{Deserialize, Serialize};

/// Trace ring size for experiment worlds: only the events of the latest step are read.
pub const TRACE_RING: usize = 256;

/// Deliveries counted while stepping.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deliveries {
    /// Every delivered message.
    pub messages: u64,
    /// Delivered FLE notifications (votes).
    pub notifications: u64,
}

/// Process one event and count what it delivered; false when nothing is left to do.
pub fn step_counting(w: &mut World<ZkNode>, counts: &mut Deliveries) -> bool {
    let before = w.trace().total();
    if !w.step() {
        return false;
    }
    let new = (w.trace().total() - before) as usize;
    for ev in w.trace().tail(new) {
        if let TraceKind::Delivered { msg, .. } = &ev.kind {
            counts.messages += 1;
            if msg.kind() == "vote" {
                counts.notifications += 1;
            }
        }
    }
    true
}

/// Whether server node `n` serves clients (false for a crashed or absent node).
pub fn serving(w: &World<ZkNode>, n: NodeId) -> bool {
    w.node_state(n)
        .is_some_and(|s| s == crate::world::NodeState::Up)
        && w.node(n)
            .and_then(ZkNode::server)
            .is_some_and(|s| s.serving())
}

/// The serving leader's node, if there is exactly one.
pub fn serving_leader(w: &World<ZkNode>, servers: u32) -> Option<NodeId> {
    let mut found = None;
    for i in 0..servers {
        let n = NodeId(i);
        if serving(w, n)
            && w.node(n).and_then(ZkNode::server).and_then(|s| s.mode()) == Some("leader")
        {
            if found.is_some() {
                return None;
            }
            found = Some(n);
        }
    }
    found
}
