//! A server's durable ZAB state (its disk) and the in-memory database built from it.
//!
//! Follows `FileTxnSnapLog`, `ZKDatabase` and `QuorumPeer` (`acceptedEpoch` /
//! `currentEpoch` files) of ZooKeeper 3.8. The disk holds the two epochs, the last few
//! snapshots (whole databases at some zxid) and the txn log (every txn logged since the
//! oldest kept snapshot, committed or not). Booting loads the newest snapshot and replays
//! the log after it, so the in-memory database includes txns that were logged but never
//! committed — exactly what real ZooKeeper does at startup and, through
//! `fastForwardDataBase`, whenever a server leaves the FOLLOWING or LEADING role; the last
//! zxid it reports to leader election comes from there. While following, proposals are
//! only logged; a COMMIT applies the next logged txn. `committedLog` keeps the last
//! [`COMMITTED_LOG_MAX`] applied txns in memory for DIFF syncs. A snapshot is taken when a
//! leader starts (`loadData`), at NEWLEADER after a SNAP or TRUNC sync, and every
//! [`SNAP_EVERY`] logged txns; [`SNAPSHOTS_KEPT`] are kept (`autopurge.snapRetainCount`
//! keeps 3), and log entries older than the oldest are dropped: that bounds the disk.
//!
//! Deviations: a TRUNC below the newest snapshot rebuilds from the newest snapshot at or
//! below the truncation point (real 3.8 reloads the newest one even when it holds the
//! txns being truncated — the "dirty snapshot" problem, cf. ZOOKEEPER-1549); a SNAP sync
//! replaces the learner's snapshots and log as soon as it arrives (real servers persist it
//! at NEWLEADER), so a stale log tail is never replayed on top of a newer snapshot.

use crate::protocols::zookeeper::data::tree::Applied;
pub use crate::protocols::zookeeper::replication::db::LogEntry;
use crate::protocols::zookeeper::replication::db::{fingerprint, Db};
use crate::time::SimTime;
use std::collections::VecDeque;
use std::sync::Arc;

/// `ZKDatabase.commitLogCount` (default 500).
pub const COMMITTED_LOG_MAX: usize = 500;
/// Logged txns between snapshots (real ZooKeeper's `snapCount` is 100 000; smaller here to
/// bound memory).
pub const SNAP_EVERY: usize = 2_000;
/// Snapshots kept on disk.
pub const SNAPSHOTS_KEPT: usize = 3;
/// Recent deliveries remembered for the invariant checkers.
pub const DELIVERIES_MAX: usize = 256;

/// `ZxidUtils.makeZxid`.
pub fn make_zxid(epoch: u32, counter: u32) -> u64 {
    (u64::from(epoch) << 32) | u64::from(counter)
}

/// `ZxidUtils.getEpochFromZxid`.
pub fn epoch_of(zxid: u64) -> u32 {
    (zxid >> 32) as u32
}

/// `ZxidUtils.getCounterFromZxid`.
pub fn counter_of(zxid: u64) -> u32 {
    (zxid & 0xffff_ffff) as u32
}

/// What survives a crash.
#[derive(Clone, Debug, Hash)]
pub struct ServerDisk {
    /// The last epoch this server acknowledged in LEADERINFO.
    pub accepted_epoch: u32,
    /// The epoch it last synced to.
    pub current_epoch: u32,
    /// Snapshots, oldest first (never empty).
    pub snapshots: Vec<Arc<Db>>,
    /// Txns logged after the oldest snapshot, ascending by zxid.
    pub log: Vec<LogEntry>,
}

impl Default for ServerDisk {
    fn default() -> Self {
        ServerDisk {
            accepted_epoch: 0,
            current_epoch: 0,
            snapshots: vec![Arc::new(Db::new())],
            log: Vec::new(),
        }
    }
}

impl ServerDisk {
    /// The newest snapshot.
    pub fn snapshot(&self) -> &Db {
        self.snapshots.last().map_or(&EMPTY, |s| s)
    }
}

static EMPTY: std::sync::LazyLock<Db> = std::sync::LazyLock::new(Db::new);

/// How a server came to hold a txn, as the invariant checkers see it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// A committed txn was applied; `prev` is the zxid of the txn applied before it (0
    /// for none).
    Txn {
        /// The txn applied just before (0 when none).
        prev: u64,
        /// Its zxid.
        zxid: u64,
        /// Fingerprint of the txn.
        fingerprint: u64,
    },
    /// A whole database arrived by SNAP, up to `last_txn` (the last real txn in it).
    Snapshot {
        /// The last txn it contains (0 when none).
        last_txn: u64,
    },
}

/// Why a commit could not be applied to the log (a branch real ZooKeeper treats as fatal).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StoreError {
    /// The log has no txn left to apply.
    NoTxn {
        /// The zxid committed.
        zxid: u64,
    },
    /// The next pending txn is another one.
    NotNext {
        /// The zxid committed.
        zxid: u64,
        /// The next pending txn.
        next: u64,
    },
    /// The txn does not extend the log.
    NotAfterEnd {
        /// Its zxid.
        zxid: u64,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::NoTxn { zxid } => write!(f, "committing 0x{zxid:x} without seeing the txn"),
            StoreError::NotNext { zxid, next } => write!(
                f,
                "committing 0x{zxid:x} but the next pending txn is 0x{next:x}"
            ),
            StoreError::NotAfterEnd { zxid } => {
                write!(f, "txn 0x{zxid:x} is not after the log's end")
            }
        }
    }
}

/// Disk plus memory of one server.
#[derive(Clone, Debug, Hash)]
pub struct Store {
    /// The durable part.
    pub disk: ServerDisk,
    /// The in-memory database.
    pub db: Db,
    /// Last applied txns, oldest first (`committedLog`).
    pub committed_log: VecDeque<LogEntry>,
    /// Index into `disk.log` of the first txn not applied to `db`.
    applied_upto: usize,
    /// Zxid of the last real txn applied (markers like (e,0) are not txns).
    pub last_txn: u64,
    /// Recent deliveries (for invariants), with a running count.
    pub deliveries: VecDeque<Delivery>,
    /// Deliveries since boot.
    pub deliveries_total: u64,
    logged_since_snap: usize,
}

impl Store {
    /// Load the newest snapshot and replay the log after it (committed or not).
    pub fn boot(disk: ServerDisk) -> Self {
        let db = disk.snapshot().clone();
        let base = db.last_processed;
        let applied_upto = disk.log.partition_point(|e| e.zxid <= base);
        let mut store = Store {
            last_txn: db.last_txn,
            disk,
            db,
            committed_log: VecDeque::new(),
            applied_upto,
            deliveries: VecDeque::new(),
            deliveries_total: 0,
            logged_since_snap: 0,
        };
        store.logged_since_snap = store.disk.log.len() - applied_upto;
        store.fast_forward(SimTime::ZERO);
        store
    }

    /// `getLastLoggedZxid`: the database's last processed zxid.
    pub fn last_processed(&self) -> u64 {
        self.db.last_processed
    }

    /// The zxid of the last logged txn (or the last processed one if the log is applied).
    pub fn last_logged(&self) -> u64 {
        self.disk
            .log
            .last()
            .map(|e| e.zxid)
            .unwrap_or(0)
            .max(self.db.last_processed)
    }

    /// Logged txns not yet applied.
    pub fn pending(&self) -> &[LogEntry] {
        &self.disk.log[self.applied_upto.min(self.disk.log.len())..]
    }

    /// `minCommittedLog`, `maxCommittedLog` (0, 0 when empty).
    pub fn committed_range(&self) -> (u64, u64) {
        match (self.committed_log.front(), self.committed_log.back()) {
            (Some(a), Some(b)) => (a.zxid, b.zxid),
            _ => (0, 0),
        }
    }

    /// Append a txn to the log (a learner's PROPOSAL, a leader's own proposal).
    /// Returns false (and logs nothing) if it does not come after the log's end.
    pub fn log(&mut self, entry: LogEntry) -> bool {
        if entry.zxid <= self.last_logged() {
            return false;
        }
        self.disk.log.push(entry);
        self.logged_since_snap += 1;
        true
    }

    fn apply_entry(&mut self, entry: &LogEntry, now: SimTime) -> Applied {
        let _ = now;
        let applied = self.db.apply(entry);
        self.last_txn = entry.zxid;
        if self.committed_log.len() >= COMMITTED_LOG_MAX {
            self.committed_log.pop_front();
        }
        self.committed_log.push_back(entry.clone());
        applied
    }

    /// Remember a delivery for the invariant checkers.
    pub fn record(&mut self, d: Delivery) {
        if self.deliveries.len() >= DELIVERIES_MAX {
            self.deliveries.pop_front();
        }
        self.deliveries.push_back(d);
        self.deliveries_total += 1;
    }

    /// Apply the next logged txn, which must have zxid `zxid` (a COMMIT). Returns its
    /// result, or what is wrong when the log does not have it next.
    pub fn commit(&mut self, zxid: u64, now: SimTime) -> Result<(LogEntry, Applied), StoreError> {
        self.commit_inner(zxid, now, true)
    }

    fn commit_inner(
        &mut self,
        zxid: u64,
        now: SimTime,
        deliver: bool,
    ) -> Result<(LogEntry, Applied), StoreError> {
        let Some(entry) = self.disk.log.get(self.applied_upto).cloned() else {
            return Err(StoreError::NoTxn { zxid });
        };
        if entry.zxid != zxid {
            return Err(StoreError::NotNext {
                zxid,
                next: entry.zxid,
            });
        }
        self.applied_upto += 1;
        let prev = self.last_txn;
        let applied = self.apply_entry(&entry, now);
        if deliver {
            self.record(Delivery::Txn {
                prev,
                zxid,
                fingerprint: fingerprint(&entry),
            });
        }
        self.maybe_snapshot();
        Ok((entry, applied))
    }

    /// Log and apply a committed txn in one go (an observer's INFORM).
    pub fn log_and_commit(&mut self, entry: LogEntry, now: SimTime) -> Result<Applied, StoreError> {
        let zxid = entry.zxid;
        if !self.log(entry) {
            return Err(StoreError::NotAfterEnd { zxid });
        }
        self.commit(zxid, now).map(|(_, a)| a)
    }

    /// Log and apply a txn received during a sync, before the learner serves (not yet a
    /// delivery: it counts once UPTODATE arrives).
    pub fn log_and_commit_quiet(
        &mut self,
        entry: LogEntry,
        now: SimTime,
    ) -> Result<Applied, StoreError> {
        let zxid = entry.zxid;
        if !self.log(entry) {
            return Err(StoreError::NotAfterEnd { zxid });
        }
        self.commit_inner(zxid, now, false).map(|(_, a)| a)
    }

    /// `fastForwardDataBase`: apply every logged txn not applied yet (not a delivery:
    /// those txns may never have been committed).
    pub fn fast_forward(&mut self, now: SimTime) {
        while self.applied_upto < self.disk.log.len() {
            let entry = self.disk.log[self.applied_upto].clone();
            self.applied_upto += 1;
            self.apply_entry(&entry, now);
        }
    }

    /// Drop every logged txn after `zxid` and rebuild memory from disk (TRUNC): from the
    /// newest snapshot at or below `zxid`. False when no snapshot is that old.
    pub fn truncate(&mut self, zxid: u64) -> bool {
        let Some(keep) = self
            .disk
            .snapshots
            .iter()
            .rposition(|s| s.last_processed <= zxid)
        else {
            return false;
        };
        self.disk.snapshots.truncate(keep + 1);
        self.disk.log.retain(|e| e.zxid <= zxid);
        let disk = self.disk.clone();
        let deliveries = std::mem::take(&mut self.deliveries);
        let total = self.deliveries_total;
        *self = Store::boot(disk);
        self.deliveries = deliveries;
        self.deliveries_total = total;
        self.db.last_processed = zxid.max(self.db.last_processed);
        true
    }

    /// Replace everything with a snapshot from the leader (SNAP).
    pub fn install_snapshot(&mut self, db: &Db, zxid: u64) {
        self.db = db.clone();
        self.db.last_processed = zxid;
        self.last_txn = self.db.last_txn;
        self.disk.log.clear();
        self.disk.snapshots = vec![Arc::new(self.db.clone())];
        self.applied_upto = 0;
        self.logged_since_snap = 0;
        self.committed_log.clear();
    }

    /// Persist the current database as a new snapshot (`takeSnapshot`); the log keeps
    /// what the oldest kept snapshot does not cover.
    pub fn take_snapshot(&mut self) {
        self.disk.snapshots.push(Arc::new(self.db.clone()));
        while self.disk.snapshots.len() > SNAPSHOTS_KEPT {
            self.disk.snapshots.remove(0);
        }
        let oldest = self.disk.snapshots[0].last_processed;
        let drop = self.disk.log.partition_point(|e| e.zxid <= oldest);
        self.disk.log.drain(..drop.min(self.applied_upto));
        self.applied_upto -= drop.min(self.applied_upto);
        self.logged_since_snap = 0;
    }

    fn maybe_snapshot(&mut self) {
        if self.logged_since_snap >= SNAP_EVERY {
            self.take_snapshot();
        }
    }

    /// Set the database's last processed zxid (a new leader's (epoch, 0)).
    pub fn set_last_processed(&mut self, zxid: u64) {
        self.db.last_processed = zxid;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::replication::db::test_txn;

    fn e(zxid: u64, v: u64) -> LogEntry {
        test_txn(zxid, v as i32)
    }

    #[test]
    fn zxid_parts() {
        assert_eq!(make_zxid(1, 0), 0x1_0000_0000);
        assert_eq!(epoch_of(0x3_0000_0005), 3);
        assert_eq!(counter_of(0x3_0000_0005), 5);
    }

    #[test]
    fn boot_replays_uncommitted_txns() {
        let mut s = Store::boot(ServerDisk::default());
        assert!(s.log(e(0x1_0000_0001, 7)));
        assert!(s.log(e(0x1_0000_0002, 8)));
        assert!(!s.log(e(0x1_0000_0002, 9)), "zxids must increase");
        s.commit(0x1_0000_0001, SimTime::ZERO).unwrap();
        assert_eq!(s.last_processed(), 0x1_0000_0001);
        assert!(s.commit(0x1_0000_0005, SimTime::ZERO).is_err());
        let again = Store::boot(s.disk.clone());
        assert_eq!(
            again.last_processed(),
            0x1_0000_0002,
            "replays the whole log"
        );
        assert_eq!(again.deliveries_total, 0, "replay is not delivery");
    }

    #[test]
    fn truncate_rebuilds_from_disk() {
        let mut s = Store::boot(ServerDisk::default());
        for c in 1..=4 {
            s.log(e(make_zxid(1, c), u64::from(c)));
        }
        s.fast_forward(SimTime::ZERO);
        assert_eq!(s.last_processed(), make_zxid(1, 4));
        assert!(s.truncate(make_zxid(1, 2)));
        assert_eq!(s.last_processed(), make_zxid(1, 2));
        assert_eq!(s.disk.log.len(), 2);
    }

    #[test]
    fn truncate_below_a_snapshot_uses_an_older_one() {
        let mut s = Store::boot(ServerDisk::default());
        for c in 1..=3 {
            s.log(e(make_zxid(1, c), u64::from(c)));
            s.commit(make_zxid(1, c), SimTime::ZERO).unwrap();
        }
        s.take_snapshot();
        s.log(e(make_zxid(1, 4), 4));
        s.fast_forward(SimTime::ZERO);
        s.take_snapshot(); // a "dirty" snapshot holding the uncommitted (1,4)
        assert!(s.truncate(make_zxid(1, 3)));
        assert_eq!(s.last_processed(), make_zxid(1, 3));
        assert_eq!(s.db.last_txn, make_zxid(1, 3));
    }

    #[test]
    fn snapshots_bound_the_log() {
        let mut s = Store::boot(ServerDisk::default());
        for c in 1..=(SNAP_EVERY as u32 + 10) {
            s.log(e(make_zxid(1, c), 1));
            s.commit(make_zxid(1, c), SimTime::ZERO).unwrap();
        }
        assert!(s.disk.log.len() <= SNAP_EVERY * SNAPSHOTS_KEPT);
        assert!(s.disk.snapshots.len() <= SNAPSHOTS_KEPT);
        let again = Store::boot(s.disk.clone());
        assert_eq!(again.last_processed(), s.last_processed());
        assert_eq!(again.db.digest(), s.db.digest());
    }
}
