//! The client operations, their replies and their size on the wire.
//!
//! One variant per ZooKeeper 3.8 opcode a client (or the server's own container
//! manager) can send; see `ZooDefs.OpCode` and the request records in
//! `zookeeper-jute/src/main/resources/zookeeper.jute`. `wire_len` is the size of the jute
//! packet (request header plus record, without the 4-byte length prefix) that the
//! server compares against `jute.maxbuffer` (`NIOServerCnxn.readLength`): a bigger
//! request is not an error reply but a closed connection, which the client reports as
//! ConnectionLoss.

use super::acl::{Acl, AuthInfo};
use super::error::ZkError;
use super::session::SessionId;
use super::stat::Stat;
use super::watch::WatchManager;
use serde::{Deserialize, Serialize};

/// `jute.maxbuffer`'s default (`0xfffff`): the largest request packet a server reads.
pub const JUTE_MAX_BUFFER: u64 = 0xfffff;

/// How a node is created (`CreateMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CreateMode {
    /// Flag 0.
    Persistent,
    /// Flag 1: deleted when the creating session ends.
    Ephemeral,
    /// Flag 2: a `%010d` counter is appended to the name.
    PersistentSequential,
    /// Flag 3.
    EphemeralSequential,
    /// Flag 4: deleted by the server once its last child is gone.
    Container,
    /// Flag 5: deleted once it has had no children and no update for its TTL.
    PersistentWithTtl,
    /// Flag 6.
    PersistentSequentialWithTtl,
}

impl CreateMode {
    /// The wire flag.
    pub fn flag(self) -> i32 {
        match self {
            CreateMode::Persistent => 0,
            CreateMode::Ephemeral => 1,
            CreateMode::PersistentSequential => 2,
            CreateMode::EphemeralSequential => 3,
            CreateMode::Container => 4,
            CreateMode::PersistentWithTtl => 5,
            CreateMode::PersistentSequentialWithTtl => 6,
        }
    }

    /// The mode of a wire flag.
    pub fn from_flag(flag: i32) -> Option<CreateMode> {
        Some(match flag {
            0 => CreateMode::Persistent,
            1 => CreateMode::Ephemeral,
            2 => CreateMode::PersistentSequential,
            3 => CreateMode::EphemeralSequential,
            4 => CreateMode::Container,
            5 => CreateMode::PersistentWithTtl,
            6 => CreateMode::PersistentSequentialWithTtl,
            _ => return None,
        })
    }

    /// Ephemeral (owned by a session)?
    pub fn is_ephemeral(self) -> bool {
        matches!(
            self,
            CreateMode::Ephemeral | CreateMode::EphemeralSequential
        )
    }

    /// Sequential (gets a counter suffix)?
    pub fn is_sequential(self) -> bool {
        matches!(
            self,
            CreateMode::PersistentSequential
                | CreateMode::EphemeralSequential
                | CreateMode::PersistentSequentialWithTtl
        )
    }

    /// A container?
    pub fn is_container(self) -> bool {
        self == CreateMode::Container
    }

    /// A TTL node?
    pub fn is_ttl(self) -> bool {
        matches!(
            self,
            CreateMode::PersistentWithTtl | CreateMode::PersistentSequentialWithTtl
        )
    }

    /// The Java enum constant's name.
    pub fn name(self) -> &'static str {
        match self {
            CreateMode::Persistent => "PERSISTENT",
            CreateMode::Ephemeral => "EPHEMERAL",
            CreateMode::PersistentSequential => "PERSISTENT_SEQUENTIAL",
            CreateMode::EphemeralSequential => "EPHEMERAL_SEQUENTIAL",
            CreateMode::Container => "CONTAINER",
            CreateMode::PersistentWithTtl => "PERSISTENT_WITH_TTL",
            CreateMode::PersistentSequentialWithTtl => "PERSISTENT_SEQUENTIAL_WITH_TTL",
        }
    }
}

/// `addWatch` modes (`AddWatchMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AddWatchMode {
    /// 0: data and child events of exactly this node, never removed by firing.
    Persistent,
    /// 1: created/deleted/data events of this node and all descendants.
    PersistentRecursive,
}

/// Which watches `removeWatches` removes (`Watcher.WatcherType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum WatcherType {
    /// 1: child watches.
    Children,
    /// 2: data (and exist) watches.
    Data,
    /// 3: every kind.
    Any,
}

/// One operation inside a `multi`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// Create a node.
    Create {
        /// Requested path (a sequential suffix is appended).
        path: String,
        /// Data, or null.
        data: Option<Vec<u8>>,
        /// ACL.
        acl: Vec<Acl>,
        /// Mode.
        mode: CreateMode,
        /// TTL in ms for TTL modes, else -1.
        ttl: i64,
    },
    /// Delete a node.
    Delete {
        /// Path.
        path: String,
        /// Expected version or -1.
        version: i32,
    },
    /// Replace a node's data.
    SetData {
        /// Path.
        path: String,
        /// New data.
        data: Option<Vec<u8>>,
        /// Expected version or -1.
        version: i32,
    },
    /// Assert a node's data version.
    Check {
        /// Path.
        path: String,
        /// Expected version.
        version: i32,
    },
}

impl Op {
    /// The path the op names.
    pub fn path(&self) -> &str {
        match self {
            Op::Create { path, .. }
            | Op::Delete { path, .. }
            | Op::SetData { path, .. }
            | Op::Check { path, .. } => path,
        }
    }

    /// The equivalent single request.
    pub fn to_request(&self) -> ZkRequest {
        match self.clone() {
            Op::Create {
                path,
                data,
                acl,
                mode,
                ttl,
            } => ZkRequest::Create {
                path,
                data,
                acl,
                mode,
                ttl,
            },
            Op::Delete { path, version } => ZkRequest::Delete { path, version },
            Op::SetData {
                path,
                data,
                version,
            } => ZkRequest::SetData {
                path,
                data,
                version,
            },
            Op::Check { path, version } => ZkRequest::Check { path, version },
        }
    }
}

/// A request to a server.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ZkRequest {
    /// `create` / `create2` / `createContainer` / `createTTL`.
    Create {
        /// Requested path.
        path: String,
        /// Data, or null.
        data: Option<Vec<u8>>,
        /// ACL.
        acl: Vec<Acl>,
        /// Mode.
        mode: CreateMode,
        /// TTL in ms for TTL modes, else -1.
        ttl: i64,
    },
    /// `delete`.
    Delete {
        /// Path.
        path: String,
        /// Expected version or -1.
        version: i32,
    },
    /// `setData`.
    SetData {
        /// Path.
        path: String,
        /// New data.
        data: Option<Vec<u8>>,
        /// Expected version or -1.
        version: i32,
    },
    /// `setACL`.
    SetAcl {
        /// Path.
        path: String,
        /// New ACL.
        acl: Vec<Acl>,
        /// Expected ACL version or -1.
        version: i32,
    },
    /// `check` (a version assertion; normally inside a multi).
    Check {
        /// Path.
        path: String,
        /// Expected version.
        version: i32,
    },
    /// `multi`: all ops or none, under one zxid.
    Multi {
        /// The ops, in order.
        ops: Vec<Op>,
    },
    /// `reconfig`. Dynamic reconfiguration is not modelled: servers behave as 3.8 with
    /// `reconfigEnabled=false` (the default) and answer ReconfigDisabled.
    Reconfig {
        /// Servers to add (`-add`).
        joining: Option<String>,
        /// Server ids to remove (`-remove`).
        leaving: Option<String>,
        /// A whole new membership (`-members`).
        members: Option<String>,
        /// Expected config version, or -1.
        version: i64,
    },
    /// `deleteContainer`: the leader's own request to reap a container or TTL node.
    DeleteContainer {
        /// Path.
        path: String,
    },
    /// `exists`.
    Exists {
        /// Path.
        path: String,
        /// Leave a data/exist watch.
        watch: bool,
    },
    /// `getData`.
    GetData {
        /// Path.
        path: String,
        /// Leave a data watch.
        watch: bool,
    },
    /// `getACL`.
    GetAcl {
        /// Path.
        path: String,
    },
    /// `getChildren` (without a stat) or `getChildren2` (with one).
    GetChildren {
        /// Path.
        path: String,
        /// Leave a child watch.
        watch: bool,
        /// `getChildren2`: also return the node's stat.
        with_stat: bool,
    },
    /// `getAllChildrenNumber`.
    GetAllChildrenNumber {
        /// Path.
        path: String,
    },
    /// `getEphemerals`: this session's ephemerals whose path starts with `prefix`.
    GetEphemerals {
        /// Prefix (`/` for all).
        prefix: String,
    },
    /// `sync`.
    Sync {
        /// Path.
        path: String,
    },
    /// `addWatch`.
    AddWatch {
        /// Path.
        path: String,
        /// Mode.
        mode: AddWatchMode,
    },
    /// `removeWatches` (all watchers of this connection on the path).
    RemoveWatches {
        /// Path.
        path: String,
        /// Which kinds.
        watcher_type: WatcherType,
        /// Client-side only (not on the wire): remove the client's registrations even
        /// if the server call fails (zkCli `-l`).
        local: bool,
    },
    /// `whoAmI`.
    WhoAmI,
    /// `getConfig` (the data of `/zookeeper/config`).
    GetConfig {
        /// Leave a data watch.
        watch: bool,
    },
    /// The auth packet sent by `addAuthInfo`.
    AddAuth {
        /// Scheme.
        scheme: String,
        /// Credentials (null when zkCli got none).
        auth: Option<Vec<u8>>,
    },
    /// `createSession` (the connect request, as the leader logs it).
    CreateSession {
        /// Negotiated timeout in ms.
        timeout_ms: i32,
    },
    /// `closeSession`.
    CloseSession,
}

fn str_len(s: &str) -> u64 {
    4 + s.len() as u64
}

fn buf_len(b: &Option<Vec<u8>>) -> u64 {
    4 + b.as_ref().map_or(0, |b| b.len() as u64)
}

fn acl_len(acl: &[Acl]) -> u64 {
    4 + acl
        .iter()
        .map(|a| 4 + str_len(&a.id.scheme) + str_len(&a.id.id))
        .sum::<u64>()
}

impl ZkRequest {
    /// Does this request change state (go through the leader and get a zxid)?
    pub fn is_write(&self) -> bool {
        matches!(
            self,
            ZkRequest::Create { .. }
                | ZkRequest::Delete { .. }
                | ZkRequest::SetData { .. }
                | ZkRequest::SetAcl { .. }
                | ZkRequest::Check { .. }
                | ZkRequest::Multi { .. }
                | ZkRequest::Reconfig { .. }
                | ZkRequest::DeleteContainer { .. }
                | ZkRequest::CreateSession { .. }
                | ZkRequest::CloseSession
        )
    }

    /// The path the request names, if any.
    pub fn path(&self) -> Option<&str> {
        match self {
            ZkRequest::Create { path, .. }
            | ZkRequest::Delete { path, .. }
            | ZkRequest::SetData { path, .. }
            | ZkRequest::SetAcl { path, .. }
            | ZkRequest::Check { path, .. }
            | ZkRequest::DeleteContainer { path }
            | ZkRequest::Exists { path, .. }
            | ZkRequest::GetData { path, .. }
            | ZkRequest::GetAcl { path }
            | ZkRequest::GetChildren { path, .. }
            | ZkRequest::GetAllChildrenNumber { path }
            | ZkRequest::Sync { path }
            | ZkRequest::AddWatch { path, .. }
            | ZkRequest::RemoveWatches { path, .. } => Some(path),
            ZkRequest::GetEphemerals { prefix } => Some(prefix),
            _ => None,
        }
    }

    /// The opcode name the server logs (`Request.op2String`).
    pub fn op_name(&self) -> &'static str {
        match self {
            ZkRequest::Create { mode, .. } if mode.is_container() => "createContainer",
            ZkRequest::Create { mode, .. } if mode.is_ttl() => "createTTL",
            ZkRequest::Create { .. } => "create2",
            ZkRequest::Delete { .. } => "delete",
            ZkRequest::SetData { .. } => "setData",
            ZkRequest::SetAcl { .. } => "setACL",
            ZkRequest::Check { .. } => "check",
            ZkRequest::Multi { .. } => "multi",
            ZkRequest::Reconfig { .. } => "reconfig",
            ZkRequest::DeleteContainer { .. } => "deleteContainer",
            ZkRequest::Exists { .. } => "exists",
            ZkRequest::GetData { .. } => "getData",
            ZkRequest::GetAcl { .. } => "getACL",
            ZkRequest::GetChildren {
                with_stat: false, ..
            } => "getChildren",
            ZkRequest::GetChildren { .. } => "getChildren2",
            ZkRequest::GetAllChildrenNumber { .. } => "getAllChildrenNumber",
            ZkRequest::GetEphemerals { .. } => "getEphemerals",
            ZkRequest::Sync { .. } => "sync",
            ZkRequest::AddWatch { .. } => "addWatch",
            ZkRequest::RemoveWatches { .. } => "removeWatches",
            ZkRequest::WhoAmI => "whoAmI",
            ZkRequest::GetConfig { .. } => "getData",
            ZkRequest::AddAuth { .. } => "auth",
            ZkRequest::CreateSession { .. } => "createSession",
            ZkRequest::CloseSession => "closeSession",
        }
    }

    /// Bytes of the jute packet (8-byte request header plus the record).
    pub fn wire_len(&self) -> u64 {
        let body = match self {
            ZkRequest::Create {
                path,
                data,
                acl,
                mode,
                ..
            } => {
                str_len(path) + buf_len(data) + acl_len(acl) + 4 + if mode.is_ttl() { 8 } else { 0 }
            }
            ZkRequest::Delete { path, .. } | ZkRequest::Check { path, .. } => str_len(path) + 4,
            ZkRequest::SetData { path, data, .. } => str_len(path) + buf_len(data) + 4,
            ZkRequest::SetAcl { path, acl, .. } => str_len(path) + acl_len(acl) + 4,
            ZkRequest::Multi { ops } => {
                ops.iter()
                    .map(|op| 9 + op.to_request().wire_len() - 8)
                    .sum::<u64>()
                    + 9
            }
            ZkRequest::Reconfig {
                joining,
                leaving,
                members,
                ..
            } => {
                [joining, leaving, members]
                    .iter()
                    .map(|s| 4 + s.as_ref().map_or(0, |s| s.len() as u64))
                    .sum::<u64>()
                    + 8
            }
            ZkRequest::DeleteContainer { path } => path.len() as u64,
            ZkRequest::Exists { path, .. }
            | ZkRequest::GetData { path, .. }
            | ZkRequest::GetChildren { path, .. } => str_len(path) + 1,
            ZkRequest::GetAcl { path }
            | ZkRequest::GetAllChildrenNumber { path }
            | ZkRequest::Sync { path } => str_len(path),
            ZkRequest::GetEphemerals { prefix } => str_len(prefix),
            ZkRequest::AddWatch { path, .. } | ZkRequest::RemoveWatches { path, .. } => {
                str_len(path) + 4
            }
            ZkRequest::WhoAmI | ZkRequest::CloseSession => 0,
            ZkRequest::GetConfig { .. } => str_len("/zookeeper/config") + 1,
            ZkRequest::AddAuth { scheme, auth } => 4 + str_len(scheme) + buf_len(auth),
            ZkRequest::CreateSession { .. } => 44,
        };
        8 + body
    }
}

/// The result of one op of a multi (`OpResult`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OpResult {
    /// Created, at this path.
    Create {
        /// Actual path.
        path: String,
        /// The new node's stat.
        stat: Stat,
    },
    /// Deleted.
    Delete,
    /// Data set.
    SetData {
        /// The node's new stat.
        stat: Stat,
    },
    /// Check passed.
    Check,
    /// `ErrorResult(code)`: 0 for ops before the failing one, the failure's code for it,
    /// -2 (RuntimeInconsistency) for the ops after it.
    Error {
        /// The code.
        code: i32,
    },
}

/// A server's reply.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ZkResponse {
    /// A node was created.
    Created {
        /// Actual path (with any sequential suffix).
        path: String,
        /// Its stat.
        stat: Stat,
    },
    /// A stat (setData, setACL, exists).
    Stat(Stat),
    /// getData / getConfig.
    Data {
        /// The data (null stays null).
        data: Option<Vec<u8>>,
        /// The node's stat.
        stat: Stat,
    },
    /// getACL.
    Acl {
        /// The ACL (digests masked without ADMIN).
        acl: Vec<Acl>,
        /// The node's stat.
        stat: Stat,
    },
    /// getChildren(2): names in the server's (Java HashSet) order.
    Children {
        /// Child names.
        children: Vec<String>,
        /// The node's stat for getChildren2.
        stat: Option<Stat>,
    },
    /// getAllChildrenNumber.
    Count(i32),
    /// getEphemerals.
    Paths(Vec<String>),
    /// sync completed.
    Synced {
        /// The path.
        path: String,
    },
    /// multi.
    Multi(Vec<OpResult>),
    /// whoAmI: `(scheme, user)` pairs.
    WhoAmI(Vec<(String, String)>),
    /// A new session.
    SessionCreated {
        /// Its id.
        session: SessionId,
        /// Negotiated timeout.
        timeout_ms: i32,
    },
    /// Success without a body (delete, check, addWatch, removeWatches, auth, close).
    Ok,
    /// A failure.
    Error(ZkError),
}

impl ZkResponse {
    /// The error, if this is one. A multi whose ops failed reports its first real
    /// failure, as the Java client does.
    pub fn error(&self) -> Option<ZkError> {
        match self {
            ZkResponse::Error(e) => Some(*e),
            ZkResponse::Multi(results) => results.iter().find_map(|r| match r {
                OpResult::Error { code } if *code != 0 => ZkError::from_code(*code),
                _ => None,
            }),
            _ => None,
        }
    }
}

/// The requests a server answers from the caller's connection alone, without the data
/// tree: `addauth` (adds to the connection's identities; `remote_ip` is what the ip
/// scheme records) and `removewatches` (drops the session's own watches). `None` for
/// every other request. The ensemble server and the standalone server share it.
pub fn answer_connection_request(
    auth: &mut AuthInfo,
    watches: &mut WatchManager,
    session: SessionId,
    req: &ZkRequest,
    remote_ip: &str,
) -> Option<ZkResponse> {
    match req {
        ZkRequest::AddAuth { scheme, auth: data } => Some(
            match auth.authenticate(scheme, data.as_deref(), remote_ip) {
                Ok(()) => ZkResponse::Ok,
                Err(e) => ZkResponse::Error(e),
            },
        ),
        ZkRequest::RemoveWatches {
            path, watcher_type, ..
        } => Some(if watches.remove(session, path, *watcher_type) {
            ZkResponse::Ok
        } else {
            ZkResponse::Error(ZkError::NoWatcher)
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::acl::open_acl_unsafe;

    #[test]
    fn flags_round_trip() {
        for f in 0..7 {
            assert_eq!(CreateMode::from_flag(f).map(|m| m.flag()), Some(f));
        }
        assert!(CreateMode::PersistentSequentialWithTtl.is_sequential());
        assert!(CreateMode::PersistentSequentialWithTtl.is_ttl());
        assert!(!CreateMode::Container.is_ephemeral());
    }

    #[test]
    fn wire_len_at_the_limit() {
        // Measured on 3.8.0: `set /big <1048551 bytes>` succeeds, one byte more closes
        // the connection.
        let set = |n: usize| ZkRequest::SetData {
            path: "/big".into(),
            data: Some(vec![b'a'; n]),
            version: -1,
        };
        assert_eq!(set(1_048_551).wire_len(), JUTE_MAX_BUFFER);
        assert!(set(1_048_552).wire_len() > JUTE_MAX_BUFFER);
        let create = ZkRequest::Create {
            path: "/big".into(),
            data: Some(vec![0; 10]),
            acl: open_acl_unsafe(),
            mode: CreateMode::Persistent,
            ttl: -1,
        };
        assert_eq!(
            create.wire_len(),
            10 + 8 + 8 + 4 + 4 + 4 + 4 + 5 + 4 + 6 + 4
        );
    }
}
