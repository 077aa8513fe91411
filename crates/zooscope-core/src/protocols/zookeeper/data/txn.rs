//! The transactions a leader proposes and every server applies in zxid order.
//!
//! Mirrors the txn records of ZooKeeper 3.8 (`zookeeper.jute`: `CreateTxn`,
//! `CreateContainerTxn`, `CreateTTLTxn`, `DeleteTxn`, `SetDataTxn`, `SetACLTxn`,
//! `CheckVersionTxn`, `CreateSessionTxn`, `CloseSessionTxn`, `ErrorTxn`, `MultiTxn`) and
//! the `TxnHeader` (session, cxid, zxid, time). A write that fails validation is still a
//! txn - an `Error` one - and consumes its zxid (`PrepRequestProcessor.pRequest`): that
//! is why a failed `create` advances the next node's `czxid`.

use super::acl::Acl;
use super::error::ZkError;
use super::session::SessionId;
use serde::{Deserialize, Serialize};

/// What a txn does.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TxnKind {
    /// Create a node (any mode; `owner` is the raw `ephemeralOwner`).
    Create {
        /// Final path, suffix included.
        path: String,
        /// Data.
        data: Option<Vec<u8>>,
        /// ACL after `fixupACL`.
        acl: Vec<Acl>,
        /// Raw owner: 0, a session, the container marker or a TTL encoding.
        owner: u64,
        /// The parent's new persisted cversion.
        parent_cversion: i32,
    },
    /// Delete a node (also the container manager's `deleteContainer`).
    Delete {
        /// Path.
        path: String,
    },
    /// Replace data.
    SetData {
        /// Path.
        path: String,
        /// Data.
        data: Option<Vec<u8>>,
        /// The new version.
        version: i32,
    },
    /// Replace the ACL.
    SetAcl {
        /// Path.
        path: String,
        /// ACL.
        acl: Vec<Acl>,
        /// The new ACL version.
        version: i32,
    },
    /// A passed version check (inside a multi).
    Check {
        /// Path.
        path: String,
        /// The version it had plus one (as `checkAndIncVersion` returns).
        version: i32,
    },
    /// A session was opened.
    CreateSession {
        /// Negotiated timeout.
        timeout_ms: i32,
    },
    /// A session ended: its ephemerals, in the order they are deleted.
    CloseSession {
        /// Paths to delete.
        paths: Vec<String>,
    },
    /// A write that failed validation.
    Error {
        /// Why.
        err: ZkError,
    },
    /// A multi's sub-txns. If any is `Error`, none takes effect.
    Multi {
        /// Sub-txns in order.
        ops: Vec<TxnKind>,
    },
}

/// A txn with its header.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Txn {
    /// Its zxid.
    pub zxid: u64,
    /// The session that asked (0 for the server's own container reaping).
    pub session: SessionId,
    /// The client's request counter, for matching the reply.
    pub cxid: i32,
    /// The leader's wall clock when it prepared the txn (ms since the epoch).
    pub time_ms: i64,
    /// What it does.
    pub kind: TxnKind,
}

impl TxnKind {
    fn summary(&self) -> String {
        match self {
            TxnKind::Create { path, owner, .. } => {
                let kind = match crate::protocols::zookeeper::data::stat::NodeKind::of_owner(*owner)
                {
                    crate::protocols::zookeeper::data::stat::NodeKind::Persistent => "",
                    crate::protocols::zookeeper::data::stat::NodeKind::Ephemeral(_) => {
                        " (ephemeral)"
                    }
                    crate::protocols::zookeeper::data::stat::NodeKind::Container => " (container)",
                    crate::protocols::zookeeper::data::stat::NodeKind::Ttl(_) => " (ttl)",
                };
                format!("create {path}{kind}")
            }
            TxnKind::Delete { path } => format!("delete {path}"),
            TxnKind::SetData { path, version, .. } => format!("setData {path} v{version}"),
            TxnKind::SetAcl { path, version, .. } => format!("setACL {path} av{version}"),
            TxnKind::Check { path, .. } => format!("check {path}"),
            TxnKind::CreateSession { timeout_ms } => format!("createSession {timeout_ms}ms"),
            TxnKind::CloseSession { paths } => {
                format!("closeSession ({} ephemerals)", paths.len())
            }
            TxnKind::Error { err } => format!("error {}", err.code_message()),
            TxnKind::Multi { ops } => {
                let inner: Vec<String> = ops.iter().map(|o| o.summary()).collect();
                format!("multi [{}]", inner.join("; "))
            }
        }
    }

    /// Is this (or, for a multi, any sub-txn) an error txn?
    pub fn is_error(&self) -> bool {
        match self {
            TxnKind::Error { .. } => true,
            TxnKind::Multi { ops } => ops.iter().any(|o| matches!(o, TxnKind::Error { .. })),
            _ => false,
        }
    }
}

impl Txn {
    /// One line for logs and the UI, e.g. `0x100000003 s:0x1000000 create /a`.
    pub fn summary(&self) -> String {
        format!(
            "0x{:x} s:0x{:x} {}",
            self.zxid,
            self.session,
            self.kind.summary()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries() {
        let t = Txn {
            zxid: 0x1_0000_0003,
            session: 0x10,
            cxid: 1,
            time_ms: 0,
            kind: TxnKind::Error {
                err: ZkError::NodeExists,
            },
        };
        assert_eq!(t.summary(), "0x100000003 s:0x10 error NodeExists");
        assert!(t.kind.is_error());
        let m = TxnKind::Multi {
            ops: vec![
                TxnKind::Delete { path: "/a".into() },
                TxnKind::Error {
                    err: ZkError::NoNode,
                },
            ],
        };
        assert!(m.is_error());
    }
}
