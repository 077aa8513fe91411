//! ZooKeeper Atomic Broadcast after an election: discovery, synchronization, broadcast.
//!
//! Follows Junqueira, Reed and Serafini, "Zab: High-performance broadcast for
//! primary-backup systems" (DSN 2011), as implemented by `Leader.java`,
//! `LearnerHandler.java`, `Learner.java`, `Follower.java` and `Observer.java` of
//! ZooKeeper 3.8 (reference §2). The modules:
//!
//! * [`store`] — a server's disk (epochs, snapshot, txn log) and in-memory database;
//! * [`packet`] — the quorum packets;
//! * [`sync`] — the leader's DIFF / TRUNC / SNAP choice for one learner;
//! * [`leader`] — the leader and its per-learner handlers;
//! * [`learner`] — a follower or observer.
//!
//! Both roles are sans-IO: they read and change the server's [`store::Store`] and push
//! [`ZabOut`] effects that the server carries out (sends, local applies, stepping down).

pub mod leader;
pub mod learner;
pub mod packet;
pub mod store;
pub mod sync;

use super::config::ZkConfig;
use crate::protocols::zookeeper::data::tree::Applied;
use crate::protocols::zookeeper::note::{Anomaly, StepDownReason, ZkNote};
use crate::time::SimTime;
use packet::{ForwardedRequest, ZabPacket};
use serde::{Deserialize, Serialize};
use store::{LogEntry, Store};

/// `QuorumPeer.ZabState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ZabState {
    /// Leader election.
    Election,
    /// Discovery: agreeing on a new epoch.
    Discovery,
    /// Synchronization: bringing learners up to date.
    Synchronization,
    /// Broadcast: serving and replicating writes.
    Broadcast,
}

impl ZabState {
    /// Upper-case name.
    pub fn name(self) -> &'static str {
        match self {
            ZabState::Election => "ELECTION",
            ZabState::Discovery => "DISCOVERY",
            ZabState::Synchronization => "SYNCHRONIZATION",
            ZabState::Broadcast => "BROADCAST",
        }
    }
}

/// How long writing and syncing a small file takes, ms: what ZAB's durable epoch files
/// (`acceptedEpoch` on LEADERINFO, `currentEpoch` on NEWLEADER; `QuorumPeer.writeLongToFile`
/// with `AtomicFileOutputStream`, which fsyncs) cost before the packet that depends on
/// them goes out. The median fsync of a 100-byte file measured by `tests/failover/record.py`
/// on the disk the real failovers were recorded on (`fsync_ms` in tests/failover/real.json).
pub const DISK_SYNC_MS: u64 = 12;

/// An effect of the ZAB roles for the server to carry out.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ZabOut {
    /// Send a packet to server `sid`.
    Send(u64, ZabPacket),
    /// The thread serving the quorum connection writes a file and syncs it to disk
    /// ([`DISK_SYNC_MS`]): the effects after this one, and every quorum packet that
    /// arrives meanwhile, wait until the sync is done.
    DiskSync,
    /// Close the quorum connection with server `sid` (the association ended).
    Close(u64),
    /// A committed txn was applied locally.
    Applied(LogEntry, Applied),
    /// Leave the role and look for a leader again.
    StepDown(StepDownReason),
    /// Start serving clients (a leader's `startZkServer`, a learner's UPTODATE).
    StartServing,
    /// A `sync` of a local session completed.
    SyncDone {
        /// Session.
        session: u64,
        /// Request number.
        cxid: i32,
    },
    /// The leader answered a session revalidation.
    Revalidated {
        /// Session.
        session: u64,
        /// Still valid.
        valid: bool,
    },
    /// A learner touched a session (leader side).
    Touch {
        /// Session.
        session: u64,
        /// Timeout, ms.
        timeout_ms: u64,
    },
    /// A learner forwarded a request (leader side) from server `from`.
    Request {
        /// The learner.
        from: u64,
        /// The request.
        request: ForwardedRequest,
    },
    /// A learner asks whether a session is valid (leader side).
    RevalidateAsk {
        /// The learner.
        from: u64,
        /// Session.
        session: u64,
        /// Timeout, ms.
        timeout_ms: u64,
    },
    /// Something went against the protocol (a branch real ZooKeeper treats as fatal).
    Impossible(Anomaly),
    /// Explain a step in the trace.
    Note(ZkNote),
}

/// What a role handler gets to work with.
pub struct ZabIo<'a> {
    /// The ensemble.
    pub cfg: &'a ZkConfig,
    /// The time.
    pub now: SimTime,
    /// Our server id.
    pub myid: u64,
    /// Our disk and database.
    pub store: &'a mut Store,
    /// Effects.
    pub out: &'a mut Vec<ZabOut>,
}

impl ZabIo<'_> {
    /// Queue a packet to server `to`.
    pub fn send(&mut self, to: u64, p: ZabPacket) {
        self.out.push(ZabOut::Send(to, p));
    }
    /// Queue a trace note.
    pub fn note(&mut self, note: ZkNote) {
        self.out.push(ZabOut::Note(note));
    }
    /// `tickTime` in µs.
    pub fn tick_us(&self) -> u64 {
        self.cfg.tick_us()
    }
}
