//! Ephemeral nodes belong to live sessions only.
//!
//! ZooKeeper's session guarantee (programmer's guide, "Ephemeral Nodes"; `DataTree.killSession`
//! runs inside the `closeSession` txn): in every server's database, each ephemeral's
//! owner is a session that database still lists as open. Since creating a session,
//! creating an ephemeral and closing a session are all txns, any state reached by
//! applying txns in order keeps this.

use crate::invariant::Invariant;
use crate::protocols::zookeeper::node::ZkNode;
use crate::protocols::zookeeper::violation::ViolationDetail;
use crate::world::World;

/// The checker.
#[derive(Clone, Copy, Debug, Default)]
pub struct EphemeralsLive;

impl Invariant<World<ZkNode>> for EphemeralsLive {
    fn name(&self) -> &'static str {
        "ephemerals-only-for-live-sessions"
    }

    fn check(&mut self, world: &World<ZkNode>, problems: &mut Vec<ViolationDetail>) {
        for (_, s) in super::servers(world) {
            let db = &s.store.db;
            for session in db.tree.sessions_with_ephemerals() {
                if !db.sessions.contains_key(&session) {
                    let paths = db.tree.ephemerals_of(session);
                    problems.push(ViolationDetail::StaleEphemerals {
                        sid: s.sid,
                        paths,
                        session,
                    });
                }
            }
        }
    }

    fn clone_box(&self) -> Box<dyn Invariant<World<ZkNode>>> {
        Box::new(*self)
    }
}
