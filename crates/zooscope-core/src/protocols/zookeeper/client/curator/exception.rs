//! The exceptions a Curator call can end in, printed as Java's `Throwable.toString()`
//! (`className: message`).
//!
//! `KeeperException.create(code, path)` picks one subclass per error code
//! (`org.apache.zookeeper.KeeperException$NoNodeException`, ...) and its message is
//! `KeeperErrorCode = <code message>[ for <path>]`; a failed transaction throws the first
//! failing op's exception without a path (FINDINGS.md 8).

use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::stat::Stat;

/// Why a Curator call or recipe step failed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CuratorError {
    /// A `KeeperException` with the path it names (none for a transaction).
    Keeper {
        /// The error code.
        code: ZkError,
        /// The path in the message.
        path: Option<String>,
    },
    /// `java.lang.IllegalMonitorStateException`.
    IllegalMonitorState(String),
    /// `java.lang.IllegalStateException`.
    IllegalState(String),
    /// `java.lang.IllegalArgumentException`.
    IllegalArgument(String),
}

impl CuratorError {
    /// A `KeeperException` for `path`.
    pub fn keeper(code: ZkError, path: &str) -> Self {
        CuratorError::Keeper {
            code,
            path: Some(path.to_string()),
        }
    }

    /// The error code of a `KeeperException`.
    pub fn code(&self) -> Option<ZkError> {
        match self {
            CuratorError::Keeper { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// `Throwable.toString()`.
    pub fn java_string(&self) -> String {
        match self {
            CuratorError::Keeper { code, path } => format!(
                "org.apache.zookeeper.KeeperException${}: {}",
                keeper_class(*code),
                code.keeper_message(path.as_deref())
            ),
            CuratorError::IllegalMonitorState(m) => {
                format!("java.lang.IllegalMonitorStateException: {m}")
            }
            CuratorError::IllegalState(m) => format!("java.lang.IllegalStateException: {m}"),
            CuratorError::IllegalArgument(m) => {
                format!("java.lang.IllegalArgumentException: {m}")
            }
        }
    }
}

/// The `KeeperException` subclass `KeeperException.create` picks for `code`.
pub fn keeper_class(code: ZkError) -> &'static str {
    match code {
        ZkError::SystemError => "SystemErrorException",
        ZkError::RuntimeInconsistency => "RuntimeInconsistencyException",
        ZkError::DataInconsistency => "DataInconsistencyException",
        ZkError::ConnectionLoss => "ConnectionLossException",
        ZkError::MarshallingError => "MarshallingErrorException",
        ZkError::Unimplemented => "UnimplementedException",
        ZkError::OperationTimeout => "OperationTimeoutException",
        ZkError::BadArguments => "BadArgumentsException",
        ZkError::UnknownSession => "UnknownSessionException",
        ZkError::NewConfigNoQuorum => "NewConfigNoQuorum",
        ZkError::ReconfigInProgress => "ReconfigInProgress",
        ZkError::ApiError => "APIErrorException",
        ZkError::NoNode => "NoNodeException",
        ZkError::NoAuth => "NoAuthException",
        ZkError::BadVersion => "BadVersionException",
        ZkError::NoChildrenForEphemerals => "NoChildrenForEphemeralsException",
        ZkError::NodeExists => "NodeExistsException",
        ZkError::NotEmpty => "NotEmptyException",
        ZkError::SessionExpired => "SessionExpiredException",
        ZkError::InvalidCallback => "InvalidCallbackException",
        ZkError::InvalidAcl => "InvalidACLException",
        ZkError::AuthFailed => "AuthFailedException",
        ZkError::SessionMoved => "SessionMovedException",
        ZkError::NotReadOnly => "NotReadOnlyException",
        ZkError::EphemeralOnLocalSession => "EphemeralOnLocalSessionException",
        ZkError::NoWatcher => "NoWatcherException",
        ZkError::RequestTimeout => "RequestTimeoutException",
        ZkError::ReconfigDisabled => "ReconfigDisabledException",
        ZkError::SessionClosedRequireSaslAuth => "SessionClosedRequireAuthException",
        ZkError::QuotaExceeded => "QuotaExceededException",
        ZkError::ThrottledOp => "ThrottledOpException",
    }
}

/// `Stat.toString()`: jute's CSV form, which ends in a newline (FINDINGS.md 6).
pub fn stat_string(s: &Stat) -> String {
    format!(
        "{},{},{},{},{},{},{},{},{},{},{}\n",
        s.czxid,
        s.mzxid,
        s.ctime,
        s.mtime,
        s.version,
        s.cversion,
        s.aversion,
        s.ephemeral_owner,
        s.data_length,
        s.num_children,
        s.pzxid
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_forms() {
        assert_eq!(
            CuratorError::keeper(ZkError::NodeExists, "/app1").java_string(),
            "org.apache.zookeeper.KeeperException$NodeExistsException: KeeperErrorCode = NodeExists for /app1"
        );
        assert_eq!(
            CuratorError::Keeper { code: ZkError::NotEmpty, path: Some("/a".into()) }.java_string(),
            "org.apache.zookeeper.KeeperException$NotEmptyException: KeeperErrorCode = Directory not empty for /a"
        );
        assert_eq!(
            CuratorError::Keeper { code: ZkError::BadVersion, path: None }.java_string(),
            "org.apache.zookeeper.KeeperException$BadVersionException: KeeperErrorCode = BadVersion"
        );
        assert_eq!(stat_string(&Stat::default()), "0,0,0,0,0,0,0,0,0,0,0\n");
    }
}
