//! ZooKeeper's error codes and the texts a 3.8 client shows for them.
//!
//! The numeric codes and `getCodeMessage` strings follow `KeeperException.Code` in
//! `zookeeper-server/src/main/java/org/apache/zookeeper/KeeperException.java`; the
//! friendlier zkCli texts (`Node does not exist: /x`, ...) follow
//! `cli/CliWrapperException.java`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A failed operation's `KeeperException.Code` (everything except `OK`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ZkError {
    /// -1: a server-side system error.
    SystemError,
    /// -2: a multi op was not run because an earlier op failed.
    RuntimeInconsistency,
    /// -3: data inconsistency.
    DataInconsistency,
    /// -4: the connection to the server was lost (or the server closed it).
    ConnectionLoss,
    /// -5: the request could not be (de)serialized.
    MarshallingError,
    /// -6: operation not implemented (for example TTL nodes with extended types off).
    Unimplemented,
    /// -7: operation timeout.
    OperationTimeout,
    /// -8: invalid arguments (bad path on the server, bad TTL, special node).
    BadArguments,
    /// -12: unknown session.
    UnknownSession,
    /// -13: no quorum of the new config is connected.
    NewConfigNoQuorum,
    /// -14: another reconfig is in progress.
    ReconfigInProgress,
    /// -100: generic API error.
    ApiError,
    /// -101: the node does not exist.
    NoNode,
    /// -102: the ACL does not allow the operation.
    NoAuth,
    /// -103: the expected version does not match.
    BadVersion,
    /// -108: ephemeral nodes may not have children.
    NoChildrenForEphemerals,
    /// -110: the node already exists.
    NodeExists,
    /// -111: the node has children.
    NotEmpty,
    /// -112: the session has expired.
    SessionExpired,
    /// -113: invalid callback.
    InvalidCallback,
    /// -114: invalid ACL.
    InvalidAcl,
    /// -115: client authentication failed.
    AuthFailed,
    /// -118: the session moved to another server.
    SessionMoved,
    /// -119: a write on a read-only server.
    NotReadOnly,
    /// -120: ephemeral node on a local session.
    EphemeralOnLocalSession,
    /// -121: no such watcher.
    NoWatcher,
    /// -122: request timeout.
    RequestTimeout,
    /// -123: reconfig is disabled.
    ReconfigDisabled,
    /// -124: the session was closed because SASL auth is required.
    SessionClosedRequireSaslAuth,
    /// -125: a hard quota was exceeded.
    QuotaExceeded,
    /// -127: throttled.
    ThrottledOp,
}

const ALL: [ZkError; 31] = [
    ZkError::SystemError,
    ZkError::RuntimeInconsistency,
    ZkError::DataInconsistency,
    ZkError::ConnectionLoss,
    ZkError::MarshallingError,
    ZkError::Unimplemented,
    ZkError::OperationTimeout,
    ZkError::BadArguments,
    ZkError::UnknownSession,
    ZkError::NewConfigNoQuorum,
    ZkError::ReconfigInProgress,
    ZkError::ApiError,
    ZkError::NoNode,
    ZkError::NoAuth,
    ZkError::BadVersion,
    ZkError::NoChildrenForEphemerals,
    ZkError::NodeExists,
    ZkError::NotEmpty,
    ZkError::SessionExpired,
    ZkError::InvalidCallback,
    ZkError::InvalidAcl,
    ZkError::AuthFailed,
    ZkError::SessionMoved,
    ZkError::NotReadOnly,
    ZkError::EphemeralOnLocalSession,
    ZkError::NoWatcher,
    ZkError::RequestTimeout,
    ZkError::ReconfigDisabled,
    ZkError::SessionClosedRequireSaslAuth,
    ZkError::QuotaExceeded,
    ZkError::ThrottledOp,
];

impl ZkError {
    /// The wire code (`KeeperException.Code.intValue()`).
    pub fn code(self) -> i32 {
        match self {
            ZkError::SystemError => -1,
            ZkError::RuntimeInconsistency => -2,
            ZkError::DataInconsistency => -3,
            ZkError::ConnectionLoss => -4,
            ZkError::MarshallingError => -5,
            ZkError::Unimplemented => -6,
            ZkError::OperationTimeout => -7,
            ZkError::BadArguments => -8,
            ZkError::UnknownSession => -12,
            ZkError::NewConfigNoQuorum => -13,
            ZkError::ReconfigInProgress => -14,
            ZkError::ApiError => -100,
            ZkError::NoNode => -101,
            ZkError::NoAuth => -102,
            ZkError::BadVersion => -103,
            ZkError::NoChildrenForEphemerals => -108,
            ZkError::NodeExists => -110,
            ZkError::NotEmpty => -111,
            ZkError::SessionExpired => -112,
            ZkError::InvalidCallback => -113,
            ZkError::InvalidAcl => -114,
            ZkError::AuthFailed => -115,
            ZkError::SessionMoved => -118,
            ZkError::NotReadOnly => -119,
            ZkError::EphemeralOnLocalSession => -120,
            ZkError::NoWatcher => -121,
            ZkError::RequestTimeout => -122,
            ZkError::ReconfigDisabled => -123,
            ZkError::SessionClosedRequireSaslAuth => -124,
            ZkError::QuotaExceeded => -125,
            ZkError::ThrottledOp => -127,
        }
    }

    /// The error with this wire code, if any (`0` is OK, not an error).
    pub fn from_code(code: i32) -> Option<ZkError> {
        ALL.iter().copied().find(|e| e.code() == code)
    }

    /// `KeeperException.getCodeMessage`.
    pub fn code_message(self) -> &'static str {
        match self {
            ZkError::SystemError => "SystemError",
            ZkError::RuntimeInconsistency => "RuntimeInconsistency",
            ZkError::DataInconsistency => "DataInconsistency",
            ZkError::ConnectionLoss => "ConnectionLoss",
            ZkError::MarshallingError => "MarshallingError",
            ZkError::Unimplemented => "Unimplemented",
            ZkError::OperationTimeout => "OperationTimeout",
            ZkError::BadArguments => "BadArguments",
            ZkError::UnknownSession => "Unknown error UNKNOWNSESSION",
            ZkError::NewConfigNoQuorum => "NewConfigNoQuorum",
            ZkError::ReconfigInProgress => "ReconfigInProgress",
            ZkError::ApiError => "APIError",
            ZkError::NoNode => "NoNode",
            ZkError::NoAuth => "NoAuth",
            ZkError::BadVersion => "BadVersion",
            ZkError::NoChildrenForEphemerals => "NoChildrenForEphemerals",
            ZkError::NodeExists => "NodeExists",
            ZkError::NotEmpty => "Directory not empty",
            ZkError::SessionExpired => "Session expired",
            ZkError::InvalidCallback => "Invalid callback",
            ZkError::InvalidAcl => "InvalidACL",
            ZkError::AuthFailed => "AuthFailed",
            ZkError::SessionMoved => "Session moved",
            ZkError::NotReadOnly => "Not a read-only call",
            ZkError::EphemeralOnLocalSession => "Ephemeral node on local session",
            ZkError::NoWatcher => "No such watcher",
            ZkError::RequestTimeout => "Unknown error REQUESTTIMEOUT",
            ZkError::ReconfigDisabled => "Reconfig is disabled",
            ZkError::SessionClosedRequireSaslAuth => {
                "Session closed because client failed to authenticate"
            }
            ZkError::QuotaExceeded => "Quota has exceeded",
            ZkError::ThrottledOp => "Op throttled due to high load",
        }
    }

    /// `KeeperException.getMessage()`: `KeeperErrorCode = <msg>[ for <path>]`.
    pub fn keeper_message(self, path: Option<&str>) -> String {
        match path {
            Some(p) if !p.is_empty() => {
                format!("KeeperErrorCode = {} for {}", self.code_message(), p)
            }
            _ => format!("KeeperErrorCode = {}", self.code_message()),
        }
    }

    /// The line zkCli prints for this error (`CliWrapperException`). `path` is the path
    /// the exception carries (`None` prints as Java's `null`).
    pub fn cli_message(self, path: Option<&str>) -> String {
        let p = path.unwrap_or("null");
        match self {
            ZkError::NoNode => format!("Node does not exist: {p}"),
            ZkError::NoChildrenForEphemerals => format!("Ephemerals cannot have children: {p}"),
            ZkError::NodeExists => format!("Node already exists: {p}"),
            ZkError::NotEmpty => format!("Node not empty: {p}"),
            ZkError::NotReadOnly => format!("Not a read-only call: {p}"),
            ZkError::InvalidAcl => format!("Acl is not valid : {p}"),
            ZkError::NoAuth => format!("Insufficient permission : {p}"),
            ZkError::BadArguments => format!("Arguments are not valid : {p}"),
            ZkError::BadVersion => format!("version No is not valid : {p}"),
            ZkError::ReconfigInProgress => {
                "Another reconfiguration is in progress -- concurrent reconfigs not supported (yet)"
                    .to_string()
            }
            ZkError::NewConfigNoQuorum => "No quorum of new config is connected and up-to-date \
                 with the leader of last commmitted config - try invoking reconfiguration after \
                 new servers are connected and synced"
                .to_string(),
            ZkError::QuotaExceeded => format!("Quota has exceeded : {p}"),
            other => other.keeper_message(path),
        }
    }
}

impl fmt::Display for ZkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code_message(), self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for e in ALL {
            assert_eq!(ZkError::from_code(e.code()), Some(e));
        }
        assert_eq!(ZkError::from_code(0), None);
        assert_eq!(ZkError::NoNode.code(), -101);
    }

    #[test]
    fn texts() {
        assert_eq!(
            ZkError::NoNode.keeper_message(Some("/x")),
            "KeeperErrorCode = NoNode for /x"
        );
        assert_eq!(
            ZkError::InvalidAcl.keeper_message(None),
            "KeeperErrorCode = InvalidACL"
        );
        assert_eq!(
            ZkError::NotEmpty.cli_message(Some("/a")),
            "Node not empty: /a"
        );
        assert_eq!(
            ZkError::InvalidAcl.cli_message(None),
            "Acl is not valid : null"
        );
        assert_eq!(
            ZkError::NoWatcher.cli_message(Some("/w")),
            "KeeperErrorCode = No such watcher for /w"
        );
    }
}
