//! What a ZooKeeper server or client explains in the trace, as data.
//!
//! Each situation the stack reports is one [`ZkNote`] variant with the values the lab
//! needs to word it (server ids, zxids, session ids, the sync plan, the reason as an
//! enum). `Display` is the English line of the CLI's trace, the same text these notes
//! were before they were typed; `Hash` hashes that text as the old `String` did
//! ([`crate::hash::hash_as_text`]), so recorded run fingerprints and old share links
//! still reproduce. The reasons a role ends ([`StepDownReason`], [`GoodbyeReason`]),
//! a client loses its connection ([`ClientLoss`]) and the branches real ZooKeeper treats
//! as fatal ([`Anomaly`]) are enums for the same reason.

use super::replication::vote::{ServerState, Vote};
use super::replication::zab::learner::LearnerPhase;
use super::replication::zab::store::StoreError;
use super::replication::zab::sync::SyncReason;
use crate::id::NodeId;
use crate::vecmap::VecSet;
use std::fmt;

/// How a server serves once it has synced (`zkServer.sh status`'s `Mode:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ServingMode {
    /// A single server, no ensemble.
    Standalone,
    /// The ensemble's leader.
    Leader,
    /// A voting follower.
    Follower,
    /// A non-voting observer.
    Observer,
}

impl ServingMode {
    /// ZooKeeper's word for it.
    pub fn name(self) -> &'static str {
        match self {
            ServingMode::Standalone => "standalone",
            ServingMode::Leader => "leader",
            ServingMode::Follower => "follower",
            ServingMode::Observer => "observer",
        }
    }
}

/// Why a learner leaves its role and looks for a leader again.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StepDownReason {
    /// Registration failed too often or too long.
    ConnectFailed {
        /// The leader it tried.
        leader: u64,
        /// Attempts made.
        tries: u32,
    },
    /// The connection to the leader closed.
    LeaderClosed {
        /// The leader.
        leader: u64,
    },
    /// The leader was silent for the read timeout.
    ReadTimedOut {
        /// The leader.
        leader: u64,
    },
    /// The leader proposed an epoch below the one this learner accepted.
    LowerEpoch {
        /// The leader's epoch.
        new_epoch: u32,
        /// Ours.
        accepted: u32,
    },
    /// TRUNC to a point the log cannot be cut at (a real server exits).
    CannotTruncate {
        /// The cut point.
        zxid: u64,
    },
    /// The leader began the sync with a packet that does not start one.
    UnexpectedFromLeader {
        /// The packet's kind.
        kind: &'static str,
    },
    /// The sync buffered more than the limit.
    SyncTooLarge,
    /// A commit the log could not apply.
    Store(StoreError),
    /// The leader's zxid counter ran out.
    ZxidRollover,
    /// A leader: no quorum of voters connected in time to fix the epoch.
    EpochTimeout,
    /// A leader: no quorum acked the new epoch in time.
    EpochAckTimeout,
    /// A leader: no quorum acked NEWLEADER in time.
    NewLeaderAckTimeout,
    /// A leader: too few followers kept up within `syncLimit`.
    NotSufficientSynced {
        /// The servers still in sync (the leader first).
        synced: Vec<u64>,
    },
}

impl fmt::Display for StepDownReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepDownReason::ConnectFailed { leader, tries } => {
                write!(f, "could not connect to leader {leader} ({tries} tries)")
            }
            StepDownReason::LeaderClosed { leader } => {
                write!(f, "connection to leader {leader} closed")
            }
            StepDownReason::ReadTimedOut { leader } => {
                write!(f, "read timed out: nothing from leader {leader}")
            }
            StepDownReason::LowerEpoch {
                new_epoch,
                accepted,
            } => write!(
                f,
                "leader's epoch {new_epoch} is less than accepted epoch {accepted}"
            ),
            StepDownReason::CannotTruncate { zxid } => write!(
                f,
                "not able to truncate the log to 0x{zxid:x} (a real server exits)"
            ),
            StepDownReason::UnexpectedFromLeader { kind } => {
                write!(f, "got unexpected {kind} from the leader")
            }
            StepDownReason::SyncTooLarge => f.write_str("sync too large"),
            StepDownReason::Store(e) => e.fmt(f),
            StepDownReason::ZxidRollover => {
                f.write_str("zxid lower 32 bits have rolled over, forcing re-election")
            }
            // The next four are the messages of the exceptions real leaders throw.
            StepDownReason::EpochTimeout => {
                f.write_str("Timeout while waiting for epoch from quorum")
            }
            StepDownReason::EpochAckTimeout => {
                f.write_str("Timeout while waiting for epoch to be acked by quorum")
            }
            StepDownReason::NewLeaderAckTimeout => {
                f.write_str("Timeout while waiting for NEWLEADER to be acked by quorum")
            }
            StepDownReason::NotSufficientSynced { synced } => write!(
                f,
                "Not sufficient followers synced, only synced with sids: {synced:?}"
            ),
        }
    }
}

/// Why a leader drops a learner's handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoodbyeReason {
    /// The learner's history is newer than the leader's.
    FollowerAhead {
        /// Its current epoch.
        epoch: i64,
        /// Its last zxid.
        zxid: u64,
    },
    /// Nothing heard from it for the read timeout.
    ReadTimedOut,
    /// It did not ack a proposal within `syncLimit`.
    TransactionTimeout,
}

impl fmt::Display for GoodbyeReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GoodbyeReason::FollowerAhead { epoch, zxid } => write!(
                f,
                "follower is ahead of the leader (epoch {epoch}, zxid 0x{zxid:x})"
            ),
            GoodbyeReason::ReadTimedOut => f.write_str("read timed out"),
            GoodbyeReason::TransactionTimeout => f.write_str("transaction timeout"),
        }
    }
}

/// A branch real ZooKeeper treats as fatal, remembered by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anomaly {
    /// A learner's log could not apply a commit.
    Store(StoreError),
    /// The leader's log could not apply a commit.
    Leader(StoreError),
    /// The leader could not log its own proposal.
    LeaderCouldNotLog {
        /// The proposal.
        zxid: u64,
    },
    /// A standalone server could not log a txn.
    StandaloneCouldNotLog {
        /// The txn.
        zxid: u64,
    },
}

impl fmt::Display for Anomaly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anomaly::Store(e) => e.fmt(f),
            Anomaly::Leader(e) => write!(f, "leader: {e}"),
            Anomaly::LeaderCouldNotLog { zxid } => {
                write!(f, "leader could not log its own proposal 0x{zxid:x}")
            }
            Anomaly::StandaloneCouldNotLog { zxid } => {
                write!(f, "standalone could not log 0x{zxid:x}")
            }
        }
    }
}

/// Why a client's connection attempt or connection ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientLoss {
    /// The server did not answer the connect in time.
    ConnectTimedOut,
    /// The connected server was silent for the read timeout.
    ReadTimedOut,
    /// The connection was refused.
    Refused,
    /// The server closed the connection before the session was set up.
    ClosedInHandshake,
    /// The server closed the connection.
    Closed,
}

impl fmt::Display for ClientLoss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ClientLoss::ConnectTimedOut => "connect timed out",
            ClientLoss::ReadTimedOut => "read timed out: the server said nothing",
            ClientLoss::Refused => "connection refused",
            ClientLoss::ClosedInHandshake => {
                "the server closed the connection during the handshake"
            }
            ClientLoss::Closed => "the server closed the connection",
        })
    }
}

/// One note of a ZooKeeper server or client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZkNote {
    /// A single server starts serving.
    StandaloneStart {
        /// The server.
        sid: u64,
        /// Its last zxid.
        zxid: u64,
    },
    /// Fast Leader Election decided.
    ElectionOver {
        /// The election round (`logicalclock`).
        round: i64,
        /// The state it enters.
        state: ServerState,
        /// The vote it settled on.
        vote: Vote,
    },
    /// A server leaves its role.
    StepDown {
        /// The server.
        sid: u64,
        /// Why.
        why: StepDownReason,
    },
    /// A server starts serving clients after its sync.
    Serving {
        /// The server.
        sid: u64,
        /// As what (`None`: not serving, printed `?`).
        mode: Option<ServingMode>,
        /// Its last processed zxid.
        zxid: u64,
    },
    /// A fatal branch (kept as an anomaly too).
    Anomaly(Anomaly),
    /// The session tracker expired a session.
    SessionExpired {
        /// The session.
        session: u64,
    },
    /// A client has seen a newer zxid than this server: its session request is refused.
    RefusedStaleServer {
        /// The client.
        client: NodeId,
        /// The client's last zxid seen.
        seen: u64,
        /// Ours.
        ours: u64,
    },
    /// A learner got a packet its phase does not expect.
    UnexpectedWhile {
        /// The packet's kind.
        kind: &'static str,
        /// The phase.
        phase: LearnerPhase,
    },
    /// A proposal's zxid is not the next one.
    ZxidGap {
        /// The zxid received.
        got: u64,
        /// The one expected.
        expected: u64,
    },
    /// A sync COMMIT is not for the next buffered proposal.
    CommitNotNext {
        /// The committed zxid.
        zxid: u64,
        /// The next buffered proposal.
        next: u64,
    },
    /// UPTODATE arrived before NEWLEADER.
    UpToDateBeforeNewLeader,
    /// A packet a sync does not expect.
    UnexpectedDuringSync {
        /// Its kind.
        kind: &'static str,
    },
    /// A proposal that does not extend the log.
    ProposalNotAfterEnd {
        /// Its zxid.
        zxid: u64,
    },
    /// A second UPTODATE.
    LateUpToDate,
    /// A packet broadcast does not expect.
    UnexpectedInBroadcast {
        /// Its kind.
        kind: &'static str,
    },
    /// The leader fixed the new epoch.
    EpochFrozen {
        /// The epoch.
        epoch: u32,
        /// The voters connected.
        connected: VecSet<u64>,
    },
    /// A quorum acked the new epoch: synchronization starts.
    EpochAcked {
        /// The voters that acked.
        quorum: VecSet<u64>,
        /// The epoch.
        epoch: u32,
    },
    /// The leader's sync plan for a learner.
    SyncLearner {
        /// The learner.
        sid: u64,
        /// The plan's reason.
        reason: SyncReason,
    },
    /// An ACK of NEWLEADER from another epoch.
    NewLeaderAckWrongEpoch {
        /// The learner.
        sid: u64,
    },
    /// A quorum acked NEWLEADER: the leader serves.
    ServingEpoch {
        /// The voters that acked.
        quorum: VecSet<u64>,
        /// The epoch.
        epoch: i64,
    },
    /// The leader dropped a learner.
    Goodbye {
        /// The learner.
        sid: u64,
        /// Why.
        why: GoodbyeReason,
    },
    /// A learner's connection broke.
    LearnerDisconnected {
        /// The learner.
        sid: u64,
    },
    /// A packet a leader does not expect from a learner.
    UnexpectedFromLearner {
        /// Its kind.
        kind: &'static str,
        /// The learner.
        sid: u64,
    },
    /// A learner that is not in the configuration.
    UnknownLearner {
        /// The learner.
        sid: u64,
    },
    /// A learner connected again: its old handler is replaced.
    LearnerReconnected {
        /// The learner.
        sid: u64,
    },
    /// An ACK for a proposal the leader has not made.
    FutureAck {
        /// The zxid.
        zxid: u64,
        /// The learner.
        sid: u64,
    },
    /// A client tries a server.
    ClientConnects {
        /// The client's name.
        client: String,
        /// The server.
        sid: u64,
    },
    /// A client lost its connection attempt or connection.
    ClientLost {
        /// The client's name.
        client: String,
        /// Why.
        why: ClientLoss,
    },
    /// The server told a client its session has expired.
    ClientSessionExpired {
        /// The client's name.
        client: String,
        /// The session.
        session: u64,
    },
    /// A reply did not match the oldest outstanding request.
    ReplyOutOfOrder {
        /// The client's name.
        client: String,
        /// The reply's xid.
        got: i32,
        /// The xid expected.
        expected: i32,
    },
}

impl fmt::Display for ZkNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZkNote::StandaloneStart { sid, zxid } => {
                write!(
                    f,
                    "server {sid} starts in standalone mode at zxid 0x{zxid:x}"
                )
            }
            ZkNote::ElectionOver { round, state, vote } => write!(
                f,
                "election round {round} over: {} ({})",
                state.name(),
                vote.label()
            ),
            ZkNote::StepDown { sid, why } => write!(f, "{sid} gives up its role: {why}"),
            ZkNote::Serving { sid, mode, zxid } => write!(
                f,
                "{sid} serves as {} at zxid 0x{zxid:x}",
                mode.map_or("?", ServingMode::name)
            ),
            ZkNote::Anomaly(a) => write!(f, "anomaly: {a}"),
            ZkNote::SessionExpired { session } => write!(f, "session 0x{session:x} expired"),
            ZkNote::RefusedStaleServer { client, seen, ours } => write!(
                f,
                "refusing session request for client {client} as it has seen zxid 0x{seen:x} \
                 our last zxid is 0x{ours:x} client must try another server"
            ),
            ZkNote::UnexpectedWhile { kind, phase } => {
                write!(f, "unexpected {kind} while {}", phase.label())
            }
            ZkNote::ZxidGap { got, expected } => {
                write!(f, "got zxid 0x{got:x}, expected 0x{expected:x}")
            }
            ZkNote::CommitNotNext { zxid, next } => {
                write!(f, "committing 0x{zxid:x}, but next proposal is 0x{next:x}")
            }
            ZkNote::UpToDateBeforeNewLeader => f.write_str("UPTODATE before NEWLEADER"),
            ZkNote::UnexpectedDuringSync { kind } => write!(f, "unexpected {kind} during sync"),
            ZkNote::ProposalNotAfterEnd { zxid } => {
                write!(f, "proposal 0x{zxid:x} is not after the log's end")
            }
            ZkNote::LateUpToDate => f.write_str("received an UPTODATE after the learner started"),
            ZkNote::UnexpectedInBroadcast { kind } => write!(f, "unexpected {kind} in broadcast"),
            ZkNote::EpochFrozen { epoch, connected } => write!(
                f,
                "epoch {epoch} frozen: {connected:?} connected (max accepted epoch + 1)"
            ),
            ZkNote::EpochAcked { quorum, epoch } => {
                write!(
                    f,
                    "a quorum {quorum:?} acked epoch {epoch}: synchronization"
                )
            }
            ZkNote::SyncLearner { sid, reason } => write!(f, "sync {sid}: {reason}"),
            ZkNote::NewLeaderAckWrongEpoch { sid } => {
                write!(f, "NEWLEADER ACK from {sid} is from a different epoch")
            }
            ZkNote::ServingEpoch { quorum, epoch } => write!(
                f,
                "a quorum {quorum:?} acked NEWLEADER: serving in epoch {epoch}"
            ),
            ZkNote::Goodbye { sid, why } => write!(f, "goodbye learner {sid}: {why}"),
            ZkNote::LearnerDisconnected { sid } => write!(f, "learner {sid} disconnected"),
            ZkNote::UnexpectedFromLearner { kind, sid } => {
                write!(f, "unexpected {kind} from learner {sid}")
            }
            ZkNote::UnknownLearner { sid } => write!(f, "learner {sid} is not in the config"),
            ZkNote::LearnerReconnected { sid } => {
                write!(f, "learner {sid} reconnected: new handler")
            }
            ZkNote::FutureAck { zxid, sid } => {
                write!(f, "trying to commit future proposal 0x{zxid:x} from {sid}")
            }
            ZkNote::ClientConnects { client, sid } => {
                write!(f, "{client} connects to server {sid}")
            }
            ZkNote::ClientLost { client, why } => write!(f, "{client}: {why}"),
            ZkNote::ClientSessionExpired { client, session } => {
                write!(f, "{client}: session 0x{session:x} has expired")
            }
            ZkNote::ReplyOutOfOrder {
                client,
                got,
                expected,
            } => write!(f, "{client}: reply #{got} while #{expected} was expected"),
        }
    }
}

crate::hash_as_text!(ZkNote, Anomaly, ClientLoss);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::StableHasher;
    use crate::protocols::zookeeper::replication::zab::sync::plan_sync;
    use std::collections::VecDeque;

    /// Each typed note prints, and hashes as, the sentence the trace used to record.
    #[test]
    fn notes_print_and_hash_as_the_old_sentences() {
        let voters: VecSet<u64> = [1, 2].into_iter().collect();
        let cases: Vec<(ZkNote, &str)> =
            vec![
            (
                ZkNote::StepDown {
                    sid: 2,
                    why: StepDownReason::ReadTimedOut { leader: 3 },
                },
                "2 gives up its role: read timed out: nothing from leader 3",
            ),
            (
                ZkNote::EpochFrozen {
                    epoch: 1,
                    connected: voters.clone(),
                },
                "epoch 1 frozen: {1, 2} connected (max accepted epoch + 1)",
            ),
            (
                ZkNote::SyncLearner {
                    sid: 1,
                    reason: plan_sync(&VecDeque::new(), 0x1_0000_0000, 0x1_0000_0000).reason,
                },
                "sync 1: learner is at 0x100000000 like the leader: empty DIFF",
            ),
            (
                ZkNote::Anomaly(Anomaly::Leader(StoreError::NoTxn { zxid: 0x2_0000_0001 })),
                "anomaly: leader: committing 0x200000001 without seeing the txn",
            ),
            (
                ZkNote::RefusedStaleServer {
                    client: NodeId(4),
                    seen: 0x10,
                    ours: 0x9,
                },
                "refusing session request for client n4 as it has seen zxid 0x10 our last zxid \
                 is 0x9 client must try another server",
            ),
            (
                ZkNote::ClientLost {
                    client: "c1".into(),
                    why: ClientLoss::ClosedInHandshake,
                },
                "c1: the server closed the connection during the handshake",
            ),
        ];
        for (note, old) in cases {
            assert_eq!(note.to_string(), old);
            assert_eq!(
                StableHasher::hash_of(&note),
                StableHasher::hash_of(&old.to_string()),
                "{old}"
            );
        }
    }
}
