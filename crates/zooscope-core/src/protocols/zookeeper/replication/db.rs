//! The replicated database of one server: what ZAB's txns change.
//!
//! Follows `ZKDatabase` of ZooKeeper 3.8: the data tree (the data helper's
//! [`DataTree`]), the table of live sessions (`sessionsWithTimeouts`, changed by the
//! `createSession` / `closeSession` txns) and the zxid of the last txn processed. ZAB
//! treats a [`Txn`] as an opaque payload; applying one here is `processTxn`.
//! `lastProcessedZxid` can be a new-epoch marker `(e, 0)` that no txn carries (a leader
//! sets it when it starts; a SNAP copies it), so it is kept apart from the last txn.

use crate::hash::StableHasher;
use crate::protocols::zookeeper::data::session::SessionId;
use crate::protocols::zookeeper::data::tree::{Applied, DataTree};
use crate::protocols::zookeeper::data::txn::{Txn, TxnKind};
use crate::vecmap::VecMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A txn as it is logged and sent (the zxid is in its header). Shared: the same txn
/// sits in the leader's log, its committed log and every PROPOSAL it sends.
pub type LogEntry = Arc<Txn>;

/// A fingerprint of a txn for agreement checks: its header (zxid, session, request
/// number, leader time), which tells apart txns that two leaders prepared for the same
/// zxid, without hashing the data on every apply.
pub fn fingerprint(txn: &Txn) -> u64 {
    StableHasher::hash_of(&(txn.zxid, txn.session, txn.cxid, txn.time_ms))
}

/// A txn that changes nothing but the zxid (tests, the ZAB unit tests).
pub fn test_txn(zxid: u64, cxid: i32) -> LogEntry {
    Arc::new(Txn {
        zxid,
        session: 0,
        cxid,
        time_ms: 0,
        kind: TxnKind::Error {
            err: crate::protocols::zookeeper::data::error::ZkError::NodeExists,
        },
    })
}

/// The in-memory database.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Db {
    /// `lastProcessedZxid`.
    pub last_processed: u64,
    /// The zxid of the last real txn applied (0 when none).
    pub last_txn: u64,
    /// The data tree.
    pub tree: DataTree,
    /// Live sessions and their timeouts (ms).
    pub sessions: VecMap<SessionId, i32>,
}

impl Default for Db {
    fn default() -> Self {
        Db::new()
    }
}

impl Db {
    /// An empty database (the initial tree, no sessions).
    pub fn new() -> Self {
        Db {
            last_processed: 0,
            last_txn: 0,
            tree: DataTree::default(),
            sessions: VecMap::new(),
        }
    }

    /// `processTxn`.
    pub fn apply(&mut self, txn: &Txn) -> Applied {
        self.last_processed = txn.zxid;
        self.last_txn = txn.zxid;
        match &txn.kind {
            TxnKind::CreateSession { timeout_ms } => {
                self.sessions.insert(txn.session, *timeout_ms);
            }
            TxnKind::CloseSession { .. } => {
                self.sessions.remove(&txn.session);
            }
            _ => {}
        }
        self.tree.apply(txn)
    }

    /// A fingerprint of the replicated state (tree and sessions).
    pub fn digest(&self) -> u64 {
        let mut h = StableHasher::new();
        self.tree.digest().hash(&mut h);
        self.sessions.hash(&mut h);
        h.finish()
    }
}
