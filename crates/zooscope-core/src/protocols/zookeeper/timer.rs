//! The timers a ZooKeeper process sets, and the kernel context servers and clients act through.
//!
//! A server ([`super::replication::server::ZkServer`]) and a client
//! ([`super::client::connection::ZkClient`]) are the two halves of one protocol type,
//! [`super::node::ZkNode`]. They act only through a kernel [`Ctx`](crate::process::Ctx) whose messages are
//! [`ZkMsg`] and whose timers are [`ZkTimer`]; naming that requirement as [`ZkProcess`]
//! lets both sit below `node`, which composes them, instead of importing it back.

use super::msg::ZkMsg;
use super::note::ZkNote;
use crate::process::Protocol;

/// Named timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ZkTimer {
    /// Leader election: no notification within the current interval.
    FleTimeout,
    /// Leader election: the finalize wait passed.
    FleFinalize,
    /// Half a tick of the ZAB role (pings, quorum checks, read timeouts).
    ZabTick,
    /// A learner retries connecting to its leader.
    LearnerRetry,
    /// The session tracker's tick.
    SessionTick,
    /// An observer's pause before it looks for a leader again.
    ObserverDelay,
    /// A client's ping / read-timeout check.
    ClientTick,
    /// A client tries the next server.
    ClientReconnect,
    /// A client's connect attempt took too long.
    ClientConnectTimeout,
    /// A server's sync of an epoch file to disk finished.
    DiskSync,
}

/// Any protocol whose messages are [`ZkMsg`] and whose timers are [`ZkTimer`]: what the
/// server and the client need of the node type they run inside (in practice
/// [`super::node::ZkNode`]).
pub trait ZkProcess: Protocol<Msg = ZkMsg, Timer = ZkTimer, Note = ZkNote> {}

impl<P: Protocol<Msg = ZkMsg, Timer = ZkTimer, Note = ZkNote>> ZkProcess for P {}
