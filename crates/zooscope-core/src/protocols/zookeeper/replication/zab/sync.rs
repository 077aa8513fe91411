//! How a new or returning learner is brought up to date: DIFF, TRUNC or SNAP.
//!
//! Follows `LearnerHandler.syncFollower`, `LearnerHandler.queueCommittedProposals` and
//! `Leader.startForwarding` of ZooKeeper 3.8 (reference §2.4). The leader compares the
//! learner's last zxid with its own last processed zxid and with the range of its
//! in-memory `committedLog`:
//!
//! 1. equal → an empty DIFF;
//! 2. the learner is past the log and its zxid is not a new-epoch `(e, 0)` marker →
//!    TRUNC to the end of the log;
//! 3. inside the log → walk it: DIFF if the learner's zxid is found, TRUNC to the previous
//!    txn if the learner has one the leader never saw in the same epoch, SNAP if that
//!    would truncate across an epoch; then every later txn as PROPOSAL + COMMIT;
//! 4. before the log → the on-disk txn log could serve it, but with a small snapshot the
//!    log's size limit (`snapshotSizeFactor` × snapshot size against 64 MB preallocated
//!    log files) always rejects it, so this falls to
//! 5. SNAP of the whole database.
//!
//! `startForwarding` then adds the proposals still waiting for a quorum (participants
//! only), and the handler is registered to receive the broadcasts that follow.

use super::store::{counter_of, epoch_of, LogEntry};
use std::collections::VecDeque;

/// The first packet of a sync.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SyncStart {
    /// Send the missing txns (zxid is the leader's last committed, informational).
    Diff(u64),
    /// Drop everything after this zxid.
    Trunc(u64),
    /// A whole database follows, last processed zxid as given.
    Snap(u64),
}

impl SyncStart {
    /// "DIFF" / "TRUNC" / "SNAP".
    pub fn name(&self) -> &'static str {
        match self {
            SyncStart::Diff(_) => "DIFF",
            SyncStart::Trunc(_) => "TRUNC",
            SyncStart::Snap(_) => "SNAP",
        }
    }
}

/// What the leader queues for one learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncPlan {
    /// DIFF / TRUNC / SNAP.
    pub start: SyncStart,
    /// Committed txns to send, each as PROPOSAL followed by COMMIT.
    pub committed: Vec<LogEntry>,
    /// The zxid forwarding starts after.
    pub current_zxid: u64,
    /// Why the leader chose this start.
    pub reason: SyncReason,
}

/// Why the leader syncs a learner the way it does (`LearnerHandler.syncFollower`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncReason {
    /// The learner has exactly the leader's last zxid: an empty DIFF.
    UpToDate {
        /// The learner's last zxid.
        peer: u64,
    },
    /// The learner has txns beyond the leader's last: TRUNC to it.
    Ahead {
        /// The learner's last zxid.
        peer: u64,
        /// The leader's last committed zxid.
        max: u64,
    },
    /// The learner's last zxid is in the committed log: DIFF with the rest.
    Diff {
        /// The learner's last zxid.
        peer: u64,
        /// Txns queued.
        txns: usize,
    },
    /// The learner has a txn the leader never saw: TRUNC, then DIFF.
    TruncThenDiff {
        /// The learner's last zxid.
        peer: u64,
        /// The cut point.
        to: u64,
        /// Txns queued after it.
        txns: usize,
    },
    /// Truncating would cross an epoch: SNAP.
    SnapAcrossEpochs {
        /// The learner's last zxid.
        peer: u64,
    },
    /// No DIFF or TRUNC point in the committed log: SNAP.
    SnapNoPoint {
        /// The learner's last zxid.
        peer: u64,
    },
    /// The learner is older than the committed log: SNAP.
    TooOld {
        /// The learner's last zxid.
        peer: u64,
        /// The committed log's first zxid.
        min: u64,
        /// Its last.
        max: u64,
    },
}

impl std::fmt::Display for SyncReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncReason::UpToDate { peer } => {
                write!(f, "learner is at 0x{peer:x} like the leader: empty DIFF")
            }
            SyncReason::Ahead { peer, max } => write!(
                f,
                "learner has 0x{peer:x} beyond the leader's last txn 0x{max:x}: TRUNC"
            ),
            SyncReason::Diff { peer, txns } => write!(
                f,
                "learner's 0x{peer:x} is in the leader's committed log: DIFF with {txns} txn(s)"
            ),
            SyncReason::TruncThenDiff { peer, to, txns } => write!(
                f,
                "learner has 0x{peer:x} which the leader never saw: TRUNC to 0x{to:x}, then \
                 {txns} txn(s)"
            ),
            SyncReason::SnapAcrossEpochs { peer } => write!(
                f,
                "learner has 0x{peer:x}, truncating would cross an epoch: SNAP"
            ),
            SyncReason::SnapNoPoint { peer } => write!(
                f,
                "learner has 0x{peer:x}, no DIFF/TRUNC point was found: SNAP"
            ),
            SyncReason::TooOld { peer, min, max } => write!(
                f,
                "learner's 0x{peer:x} is older than the leader's committed log \
                 (0x{min:x}..0x{max:x}): SNAP"
            ),
        }
    }
}

crate::hash_as_text!(SyncReason);

struct Walk {
    start: Option<SyncStart>,
    queued: Vec<LogEntry>,
    queued_zxid: u64,
    cross_epoch: bool,
}

fn queue_committed(log: &VecDeque<LogEntry>, peer: u64, last_committed: u64) -> Walk {
    let new_epoch = counter_of(peer) == 0;
    let mut w = Walk {
        start: None,
        queued: Vec::new(),
        queued_zxid: peer,
        cross_epoch: false,
    };
    let mut prev: u64 = u64::MAX; // "-1"
    for p in log {
        let z = p.zxid;
        if z < peer {
            prev = z;
            continue;
        }
        if w.start.is_none() {
            if z == peer {
                w.start = Some(SyncStart::Diff(last_committed));
                continue;
            }
            if new_epoch {
                w.start = Some(SyncStart::Diff(last_committed));
            } else if z > peer {
                if epoch_of(z) != epoch_of(peer) {
                    w.cross_epoch = true;
                    return w;
                }
                w.start = Some(SyncStart::Trunc(if prev == u64::MAX { 0 } else { prev }));
            }
        }
        if z <= w.queued_zxid {
            continue;
        }
        w.queued.push(p.clone());
        w.queued_zxid = z;
    }
    if w.start.is_none() && new_epoch {
        w.start = Some(SyncStart::Diff(last_committed));
    }
    w
}

/// `syncFollower` for a learner whose last zxid is `peer`.
pub fn plan_sync(committed_log: &VecDeque<LogEntry>, last_processed: u64, peer: u64) -> SyncPlan {
    let new_epoch = counter_of(peer) == 0;
    let (mut min, mut max) = match (committed_log.front(), committed_log.back()) {
        (Some(a), Some(b)) => (a.zxid, b.zxid),
        _ => (0, 0),
    };
    if committed_log.is_empty() {
        min = last_processed;
        max = last_processed;
    }
    if last_processed == peer {
        return SyncPlan {
            start: SyncStart::Diff(peer),
            committed: Vec::new(),
            current_zxid: peer,
            reason: SyncReason::UpToDate { peer },
        };
    }
    if peer > max && !new_epoch {
        return SyncPlan {
            start: SyncStart::Trunc(max),
            committed: Vec::new(),
            current_zxid: max,
            reason: SyncReason::Ahead { peer, max },
        };
    }
    if max >= peer && min <= peer {
        let w = queue_committed(committed_log, peer, max);
        let txns = w.queued.len();
        let reason = match (w.cross_epoch, &w.start) {
            (false, Some(SyncStart::Diff(_))) => Some(SyncReason::Diff { peer, txns }),
            (false, Some(SyncStart::Trunc(to))) => Some(SyncReason::TruncThenDiff {
                peer,
                to: *to,
                txns,
            }),
            _ => None,
        };
        if let (Some(reason), Some(start)) = (reason, w.start) {
            return SyncPlan {
                start,
                committed: w.queued,
                current_zxid: w.queued_zxid,
                reason,
            };
        }
        return SyncPlan {
            start: SyncStart::Snap(last_processed),
            committed: Vec::new(),
            current_zxid: last_processed,
            reason: if w.cross_epoch {
                SyncReason::SnapAcrossEpochs { peer }
            } else {
                SyncReason::SnapNoPoint { peer }
            },
        };
    }
    SyncPlan {
        start: SyncStart::Snap(last_processed),
        committed: Vec::new(),
        current_zxid: last_processed,
        reason: SyncReason::TooOld { peer, min, max },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::replication::db::test_txn;

    fn log(zxids: &[u64]) -> VecDeque<LogEntry> {
        zxids.iter().map(|&z| test_txn(z, 0)).collect()
    }

    fn zs(p: &SyncPlan) -> Vec<u64> {
        p.committed.iter().map(|e| e.zxid).collect()
    }

    #[test]
    fn learner_handler_test_committed_log() {
        // LearnerHandlerTest.testCommittedLog: lastProcessed 6, committedLog {2,3,5}.
        let l = log(&[2, 3, 5]);
        let p = plan_sync(&l, 6, 4);
        assert_eq!(p.start, SyncStart::Trunc(3));
        assert_eq!(zs(&p), vec![5]);
        let p = plan_sync(&l, 6, 2);
        assert_eq!(p.start, SyncStart::Diff(5));
        assert_eq!(zs(&p), vec![3, 5]);
        let p = plan_sync(&l, 6, 1);
        assert_eq!(p.start, SyncStart::Snap(6));
        let p = plan_sync(&l, 6, 6);
        assert_eq!(p.start, SyncStart::Diff(6));
        assert!(p.committed.is_empty());
        let p = plan_sync(&l, 6, 7);
        assert_eq!(p.start, SyncStart::Trunc(5));
    }

    #[test]
    fn empty_committed_log_means_snap_for_laggards() {
        // The drill: a learner at 0 joining a leader at 0x100000000 with no txns gets SNAP.
        let p = plan_sync(&VecDeque::new(), 0x1_0000_0000, 0);
        assert_eq!(p.start, SyncStart::Snap(0x1_0000_0000));
        let p = plan_sync(&VecDeque::new(), 0, 0);
        assert_eq!(p.start, SyncStart::Diff(0));
    }

    #[test]
    fn cross_epoch_trunc_becomes_snap() {
        // testCrossEpochTrunc: the learner has (1,3) the leader never saw; the next leader
        // txn is in epoch 2, so a TRUNC would cross epochs.
        let l = log(&[0x1_0000_0001, 0x1_0000_0002, 0x2_0000_0001]);
        let p = plan_sync(&l, 0x2_0000_0001, 0x1_0000_0003);
        assert_eq!(p.start, SyncStart::Snap(0x2_0000_0001));
    }

    #[test]
    fn new_epoch_zxid_gets_diff_not_trunc() {
        // testNewEpochZxid: a learner at (1,0) gets a DIFF with everything after it.
        let l = log(&[0x0_0000_0001, 0x1_0000_0001, 0x1_0000_0002]);
        let p = plan_sync(&l, 0x1_0000_0002, 0x1_0000_0000);
        assert_eq!(p.start, SyncStart::Diff(0x1_0000_0002));
        assert_eq!(zs(&p), vec![0x1_0000_0001, 0x1_0000_0002]);
        // Past the end but a new-epoch marker: not a TRUNC.
        let l = log(&[0x1_0000_0001]);
        let p = plan_sync(&l, 0x1_0000_0001, 0x2_0000_0000);
        assert_ne!(p.start.name(), "TRUNC");
    }
}
