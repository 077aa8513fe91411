//! Quorum packets exchanged between a leader and its learners.
//!
//! The packet types and their meaning follow the constants of `Leader.java` (ZooKeeper
//! 3.8, reference §2.2); the fields are what `QuorumPacket` carries for each (zxid plus a
//! payload). A SNAP carries the leader's database itself instead of a byte stream.
//! `Refused` stands for a refused TCP connect to the quorum port of a server that is not
//! (yet) leading; real learners see it as an `IOException` from `connectToLeader`.

use super::store::LogEntry;
use crate::protocols::zookeeper::data::acl::Id;
use crate::protocols::zookeeper::data::request::ZkRequest;
use crate::protocols::zookeeper::replication::db::Db;
use std::sync::Arc;

/// A quorum packet.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ZabPacket {
    /// (11/16) A learner's first packet: its accepted epoch as `(e, 0)`.
    LearnerInfo {
        /// `makeZxid(acceptedEpoch, 0)`.
        zxid: u64,
        /// OBSERVERINFO rather than FOLLOWERINFO.
        observer: bool,
    },
    /// (17) The leader's proposed epoch as `(e, 0)`.
    LeaderInfo {
        /// `makeZxid(newEpoch, 0)`.
        zxid: u64,
    },
    /// (18) The learner's answer: its last logged zxid and current epoch (-1 when it had
    /// already accepted this epoch).
    AckEpoch {
        /// Last logged zxid.
        zxid: u64,
        /// Current epoch, or -1.
        current_epoch: i64,
    },
    /// (13) Missing txns follow.
    Diff {
        /// The leader's last committed zxid.
        zxid: u64,
    },
    /// (14) Truncate the log after this zxid.
    Trunc {
        /// Keep txns up to here.
        zxid: u64,
    },
    /// (15) A whole database.
    Snap {
        /// Its last processed zxid.
        zxid: u64,
        /// The database.
        db: Arc<Db>,
    },
    /// (2) A txn proposal.
    Proposal(LogEntry),
    /// (3) An acknowledgement of a proposal or of NEWLEADER.
    Ack {
        /// What is acknowledged.
        zxid: u64,
    },
    /// (4) Commit the txn with this zxid.
    Commit {
        /// Which.
        zxid: u64,
    },
    /// (8) A committed txn for an observer.
    Inform(LogEntry),
    /// (10) End of the sync data.
    NewLeader {
        /// `makeZxid(newEpoch, 0)`.
        zxid: u64,
    },
    /// (12) The learner may serve clients.
    UpToDate,
    /// (5) Liveness. Leader → learner carries the last proposed zxid; learner → leader
    /// carries the sessions touched since the last ping.
    Ping {
        /// The leader's last proposed zxid (0 from a learner).
        zxid: u64,
        /// (session id, timeout ms) touches.
        touches: Vec<(u64, u64)>,
    },
    /// (1) A client write forwarded to the leader.
    Request(Box<ForwardedRequest>),
    /// (6) Ask the leader whether a session is still valid.
    Revalidate {
        /// Session id.
        session: u64,
        /// Its timeout, ms.
        timeout_ms: u64,
    },
    /// The leader's answer to REVALIDATE.
    RevalidateReply {
        /// Session id.
        session: u64,
        /// Whether it lives.
        valid: bool,
    },
    /// (7) A `sync` has reached the leader and everything before it is committed.
    Sync {
        /// Session of the sync.
        session: u64,
        /// Its request number.
        cxid: i32,
    },
    /// The quorum port refused the connection (the peer is not leading).
    Refused,
}

/// A learner's client request as forwarded to the leader (`Leader.REQUEST`), with the
/// connection's auth ids (`QuorumPacket.authinfo`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ForwardedRequest {
    /// The session.
    pub session: u64,
    /// Request number.
    pub cxid: i32,
    /// The request (a write, `createSession`, `closeSession` or `sync`).
    pub request: ZkRequest,
    /// The connection's authenticated ids.
    pub auth: Vec<Id>,
}

impl ZabPacket {
    /// The packet's name as `Leader.getPacketType` prints it.
    pub fn kind(&self) -> &'static str {
        match self {
            ZabPacket::LearnerInfo {
                observer: false, ..
            } => "FOLLOWERINFO",
            ZabPacket::LearnerInfo { observer: true, .. } => "OBSERVERINFO",
            ZabPacket::LeaderInfo { .. } => "LEADERINFO",
            ZabPacket::AckEpoch { .. } => "ACKEPOCH",
            ZabPacket::Diff { .. } => "DIFF",
            ZabPacket::Trunc { .. } => "TRUNC",
            ZabPacket::Snap { .. } => "SNAP",
            ZabPacket::Proposal(_) => "PROPOSAL",
            ZabPacket::Ack { .. } => "ACK",
            ZabPacket::Commit { .. } => "COMMIT",
            ZabPacket::Inform(_) => "INFORM",
            ZabPacket::NewLeader { .. } => "NEWLEADER",
            ZabPacket::UpToDate => "UPTODATE",
            ZabPacket::Ping { .. } => "PING",
            ZabPacket::Request(_) => "REQUEST",
            ZabPacket::Revalidate { .. } => "REVALIDATE",
            ZabPacket::RevalidateReply { .. } => "REVALIDATE",
            ZabPacket::Sync { .. } => "SYNC",
            ZabPacket::Refused => "refused",
        }
    }

    /// A one-line summary.
    pub fn summary(&self) -> String {
        let hex = |z: &u64| format!("0x{z:x}");
        match self {
            ZabPacket::LearnerInfo { zxid, .. } => {
                format!("{} accepted epoch {}", self.kind(), zxid >> 32)
            }
            ZabPacket::LeaderInfo { zxid } => format!("LEADERINFO new epoch {}", zxid >> 32),
            ZabPacket::AckEpoch {
                zxid,
                current_epoch,
            } => format!(
                "ACKEPOCH last zxid {} current epoch {current_epoch}",
                hex(zxid)
            ),
            ZabPacket::Diff { zxid } => format!("DIFF {}", hex(zxid)),
            ZabPacket::Trunc { zxid } => format!("TRUNC to {}", hex(zxid)),
            ZabPacket::Snap { zxid, .. } => format!("SNAP at {}", hex(zxid)),
            ZabPacket::Proposal(e) => format!("PROPOSAL {}", hex(&e.zxid)),
            ZabPacket::Ack { zxid } => format!("ACK {}", hex(zxid)),
            ZabPacket::Commit { zxid } => format!("COMMIT {}", hex(zxid)),
            ZabPacket::Inform(e) => format!("INFORM {}", hex(&e.zxid)),
            ZabPacket::NewLeader { zxid } => format!("NEWLEADER {}", hex(zxid)),
            ZabPacket::UpToDate => "UPTODATE".into(),
            ZabPacket::Ping { zxid, touches } => {
                if touches.is_empty() {
                    format!("PING {}", hex(zxid))
                } else {
                    format!("PING ({} session touches)", touches.len())
                }
            }
            ZabPacket::Request(r) => format!("REQUEST session 0x{:x} cxid {}", r.session, r.cxid),
            ZabPacket::Revalidate { session, .. } => format!("REVALIDATE 0x{session:x}"),
            ZabPacket::RevalidateReply { session, valid } => {
                format!("REVALIDATE 0x{session:x} valid={valid}")
            }
            ZabPacket::Sync { session, .. } => format!("SYNC for 0x{session:x}"),
            ZabPacket::Refused => "connection refused".into(),
        }
    }
}
