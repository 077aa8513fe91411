//! Everything that travels between simulated ZooKeeper nodes.
//!
//! Three families share one message type: leader-election notifications
//! (`FastLeaderElection` on the election port), quorum packets (ZAB on the quorum port),
//! and the client protocol (`ClientCnxn` ↔ `NIOServerCnxn` on the client port: connect
//! request/response, requests and replies with their xid and zxid header, pings and
//! watch notifications).

use crate::process::MessageInfo;
use crate::protocols::zookeeper::data::request::{ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::session::SessionId;
use crate::protocols::zookeeper::data::watch::WatchedEvent;
use crate::protocols::zookeeper::replication::vote::Notification;
use crate::protocols::zookeeper::replication::zab::packet::ZabPacket;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// `ConnectRequest`: what a client sends first on a new connection.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConnectRequest {
    /// The highest zxid the client has seen.
    pub last_zxid_seen: u64,
    /// Requested session timeout, ms.
    pub timeout_ms: i32,
    /// 0 for a new session, else the session to resume.
    pub session: SessionId,
}

/// A message between simulated ZooKeeper nodes.
///
/// Its `Hash` (what the trace fingerprint covers) is the message's identity — kind,
/// zxids, session and request numbers, error codes — rather than every payload byte:
/// that keeps recording a trace cheap, and two runs that differ still differ in their
/// messages' zxids, order or timing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZkMsg {
    /// A leader-election notification.
    Vote(Notification),
    /// A quorum packet (behind an `Arc`: messages wait in the kernel's in-flight table
    /// and are copied into the trace, and a small, cheaply cloned envelope keeps both
    /// fast).
    Quorum(Arc<ZabPacket>),
    /// Client → server: open or resume a session.
    Connect(ConnectRequest),
    /// Server → client: the session (timeout 0 means it has expired).
    ConnectResponse {
        /// Negotiated timeout, ms (0: expired).
        timeout_ms: i32,
        /// The session.
        session: SessionId,
    },
    /// Client → server: a request.
    Request {
        /// The client's request number.
        xid: i32,
        /// The request.
        req: Box<ZkRequest>,
    },
    /// Server → client: a reply.
    Reply {
        /// The request number it answers.
        xid: i32,
        /// The server's zxid for it (the txn's for a write).
        zxid: u64,
        /// The reply.
        resp: Box<ZkResponse>,
    },
    /// Client → server: keep the session alive.
    Ping,
    /// Server → client: the ping's answer.
    PingReply {
        /// The server's last processed zxid.
        zxid: u64,
    },
    /// Server → client: a watch fired.
    Watch(WatchedEvent),
    /// Client → server after reconnecting: re-register watches (`SetWatches2`); those
    /// whose node changed since `relative_zxid` fire at once.
    SetWatches(Box<SetWatches>),
}

/// The body of `SetWatches2`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SetWatches {
    /// The client's last seen zxid.
    pub relative_zxid: u64,
    /// Data watches.
    pub data: Vec<String>,
    /// Exist watches.
    pub exist: Vec<String>,
    /// Child watches.
    pub child: Vec<String>,
    /// Persistent watches.
    pub persistent: Vec<String>,
    /// Persistent recursive watches.
    pub recursive: Vec<String>,
}

impl MessageInfo for ZkMsg {
    fn kind(&self) -> &'static str {
        match self {
            ZkMsg::Vote(_) => "vote",
            ZkMsg::Quorum(p) => p.kind(),
            ZkMsg::Connect(_) => "connect",
            ZkMsg::ConnectResponse { .. } => "connected",
            ZkMsg::Request { .. } => "request",
            ZkMsg::Reply { .. } => "reply",
            ZkMsg::Ping => "ping",
            ZkMsg::PingReply { .. } => "ping",
            ZkMsg::Watch(_) => "watch",
            ZkMsg::SetWatches(_) => "setWatches",
        }
    }

    fn summary(&self) -> String {
        match self {
            ZkMsg::Vote(n) => format!(
                "vote {} (zxid 0x{:x}, epoch {}) round {} from a {} server",
                n.leader,
                n.zxid as u64,
                n.peer_epoch,
                n.election_epoch,
                n.state.name()
            ),
            ZkMsg::Quorum(p) => p.summary(),
            ZkMsg::Connect(c) => {
                if c.session == 0 {
                    format!("connect (new session, seen 0x{:x})", c.last_zxid_seen)
                } else {
                    format!(
                        "connect (session 0x{:x}, seen 0x{:x})",
                        c.session, c.last_zxid_seen
                    )
                }
            }
            ZkMsg::ConnectResponse {
                timeout_ms,
                session,
            } => {
                if *timeout_ms <= 0 {
                    format!("session 0x{session:x} expired")
                } else {
                    format!("session 0x{session:x} timeout {timeout_ms} ms")
                }
            }
            ZkMsg::Request { xid, req } => {
                format!("#{xid} {} {}", req.op_name(), req.path().unwrap_or(""))
            }
            ZkMsg::Reply { xid, zxid, resp } => match resp.error() {
                Some(e) => format!("#{xid} {} (zxid 0x{zxid:x})", e.code_message()),
                None => format!("#{xid} ok (zxid 0x{zxid:x})"),
            },
            ZkMsg::Ping => "ping".into(),
            ZkMsg::PingReply { .. } => "pong".into(),
            ZkMsg::Watch(e) => e.to_string(),
            ZkMsg::SetWatches(w) => format!(
                "setWatches since 0x{:x} ({} paths)",
                w.relative_zxid,
                w.data.len()
                    + w.exist.len()
                    + w.child.len()
                    + w.persistent.len()
                    + w.recursive.len()
            ),
        }
    }
}

impl Hash for ZkMsg {
    fn hash<H: Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
        match self {
            ZkMsg::Vote(n) => n.hash(h),
            ZkMsg::Quorum(p) => {
                p.kind().hash(h);
                match &**p {
                    ZabPacket::Proposal(t) | ZabPacket::Inform(t) => {
                        (t.zxid, t.session, t.cxid, t.time_ms).hash(h)
                    }
                    ZabPacket::LearnerInfo { zxid, .. }
                    | ZabPacket::LeaderInfo { zxid }
                    | ZabPacket::Diff { zxid }
                    | ZabPacket::Trunc { zxid }
                    | ZabPacket::Ack { zxid }
                    | ZabPacket::Commit { zxid }
                    | ZabPacket::NewLeader { zxid } => zxid.hash(h),
                    ZabPacket::AckEpoch {
                        zxid,
                        current_epoch,
                    } => (zxid, current_epoch).hash(h),
                    ZabPacket::Snap { zxid, db } => (zxid, db.last_txn).hash(h),
                    ZabPacket::Ping { zxid, touches } => (zxid, touches).hash(h),
                    ZabPacket::Request(r) => (r.session, r.cxid, r.request.op_name()).hash(h),
                    ZabPacket::Revalidate { session, .. }
                    | ZabPacket::RevalidateReply { session, .. }
                    | ZabPacket::Sync { session, .. } => session.hash(h),
                    ZabPacket::UpToDate | ZabPacket::Refused => {}
                }
            }
            ZkMsg::Connect(c) => c.hash(h),
            ZkMsg::ConnectResponse {
                timeout_ms,
                session,
            } => (timeout_ms, session).hash(h),
            ZkMsg::Request { xid, req } => (xid, req.op_name(), req.path()).hash(h),
            ZkMsg::Reply { xid, zxid, resp } => (xid, zxid, resp.error().map(|e| e.code())).hash(h),
            ZkMsg::Ping => {}
            ZkMsg::PingReply { zxid } => zxid.hash(h),
            ZkMsg::Watch(e) => e.hash(h),
            ZkMsg::SetWatches(w) => w.hash(h),
        }
    }
}
