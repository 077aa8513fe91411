//! A ZAB learner: a follower or an observer.
//!
//! Follows `Learner.connectToLeader`, `registerWithLeader`, `syncWithLeader` and
//! `Follower.followLeader` / `processPacket`, `Observer.processPacket` of ZooKeeper 3.8
//! (reference §2.3, §2.4, §2.6, §2.7).
//!
//! The learner registers with FOLLOWERINFO (OBSERVERINFO) carrying its accepted epoch;
//! connection refusals are retried every 100 ms, five times at most, within `initLimit`
//! ticks. On LEADERINFO it accepts a newer epoch (persisting `acceptedEpoch`) and answers
//! ACKEPOCH with its last logged zxid and current epoch (−1 if it had already accepted
//! that epoch); an older epoch makes it abandon the leader. Synchronization starts with
//! DIFF, TRUNC (truncate the log) or SNAP (replace the database); PROPOSALs are buffered
//! and COMMITs applied (SNAP/TRUNC) or remembered (DIFF) until NEWLEADER, at which point
//! it snapshots if needed, logs the buffered proposals, persists `currentEpoch` and ACKs.
//! UPTODATE lets it serve; the remembered commits are applied. In broadcast a follower
//! logs and ACKs each PROPOSAL and applies each COMMIT, which must name the next logged
//! txn; an observer applies each INFORM. A learner that hears nothing from the leader for
//! `initLimit` ticks (while syncing) or `syncLimit` ticks (after NEWLEADER) gives up.

use super::packet::ZabPacket;
use super::store::{epoch_of, make_zxid, Delivery, LogEntry};
use super::{ZabIo, ZabOut, ZabState};
use crate::protocols::zookeeper::note::{Anomaly, StepDownReason, ZkNote};
use crate::time::{SimDuration, SimTime};
use crate::vecmap::VecMap;
use std::collections::VecDeque;

/// Connection attempts to the leader's quorum port.
pub const CONNECT_TRIES: u32 = 5;
/// `leaderConnectDelayDuringRetryMs`.
pub const CONNECT_RETRY_MS: u64 = 100;
/// Buffered sync packets at most (a larger sync is cut off and retried).
pub const SYNC_BUFFER_MAX: usize = 100_000;

/// Where a learner stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LearnerPhase {
    /// FOLLOWERINFO sent (or being retried).
    Registering,
    /// ACKEPOCH sent; waiting for DIFF/TRUNC/SNAP.
    AwaitingSync,
    /// Receiving sync data until NEWLEADER.
    Syncing,
    /// NEWLEADER acked; waiting for UPTODATE.
    AwaitingUpToDate,
    /// Serving.
    Broadcast,
}

impl LearnerPhase {
    /// A label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            LearnerPhase::Registering => "registering",
            LearnerPhase::AwaitingSync => "epoch acked",
            LearnerPhase::Syncing => "syncing",
            LearnerPhase::AwaitingUpToDate => "NEWLEADER acked",
            LearnerPhase::Broadcast => "up to date",
        }
    }
}

/// A follower or observer.
#[derive(Clone, Debug, Hash)]
pub struct Learner {
    /// The leader's id.
    pub leader: u64,
    /// An observer.
    pub observer: bool,
    /// Phase.
    pub phase: LearnerPhase,
    /// ZAB phase.
    pub zab_state: ZabState,
    tries: u32,
    started: SimTime,
    new_epoch_zxid: u64,
    /// DIFF / TRUNC / SNAP once known.
    pub sync_mode: Option<&'static str>,
    snapshot_needed: bool,
    write_to_log: bool,
    not_committed: VecDeque<LogEntry>,
    committed: VecDeque<u64>,
    last_queued: u64,
    /// When the leader was last heard.
    pub last_heard: SimTime,
    read_timeout_us: u64,
    /// Session touches to report in the next PING (session → timeout).
    pub touches: VecMap<u64, u64>,
}

impl Learner {
    /// Start following `leader`: send FOLLOWERINFO / OBSERVERINFO.
    pub fn follow(io: &mut ZabIo<'_>, leader: u64, observer: bool) -> Learner {
        let mut l = Learner {
            leader,
            observer,
            phase: LearnerPhase::Registering,
            zab_state: ZabState::Discovery,
            tries: 0,
            started: io.now,
            new_epoch_zxid: 0,
            sync_mode: None,
            snapshot_needed: true,
            write_to_log: false,
            not_committed: VecDeque::new(),
            committed: VecDeque::new(),
            last_queued: 0,
            last_heard: io.now,
            read_timeout_us: u64::from(io.cfg.init_limit) * io.tick_us(),
            touches: VecMap::new(),
        };
        l.register(io);
        l
    }

    fn register(&mut self, io: &mut ZabIo<'_>) {
        self.tries += 1;
        let zxid = make_zxid(io.store.disk.accepted_epoch, 0);
        io.send(
            self.leader,
            ZabPacket::LearnerInfo {
                zxid,
                observer: self.observer,
            },
        );
    }

    /// Whether the learner serves clients.
    pub fn serving(&self) -> bool {
        self.phase == LearnerPhase::Broadcast
    }

    /// The retry timer fired: register again.
    pub fn on_retry(&mut self, io: &mut ZabIo<'_>) {
        if self.phase == LearnerPhase::Registering {
            self.register(io);
        }
    }

    /// The leader's quorum port refused the connection; returns the retry delay, or None
    /// when the learner gives up (five tries, or `initLimit` ticks spent).
    pub fn on_refused(&mut self, io: &mut ZabIo<'_>) -> Option<SimDuration> {
        if self.phase != LearnerPhase::Registering {
            return None;
        }
        let init_us = u64::from(io.cfg.init_limit) * io.tick_us();
        let elapsed = io.now.since(self.started).0;
        if self.tries >= CONNECT_TRIES || elapsed + CONNECT_RETRY_MS * 1000 >= init_us {
            self.step_down(
                io,
                StepDownReason::ConnectFailed {
                    leader: self.leader,
                    tries: self.tries,
                },
            );
            return None;
        }
        Some(SimDuration::from_millis(CONNECT_RETRY_MS))
    }

    /// The connection to the leader broke.
    pub fn on_disconnected(&mut self, io: &mut ZabIo<'_>) {
        io.out.push(ZabOut::StepDown(StepDownReason::LeaderClosed {
            leader: self.leader,
        }));
    }

    fn step_down(&self, io: &mut ZabIo<'_>, why: StepDownReason) {
        io.out.push(ZabOut::Close(self.leader));
        io.out.push(ZabOut::StepDown(why));
    }

    /// The half-tick timer: check the socket read timeout.
    pub fn on_half_tick(&mut self, io: &mut ZabIo<'_>) {
        if io.now.since(self.last_heard).0 > self.read_timeout_us {
            self.step_down(
                io,
                StepDownReason::ReadTimedOut {
                    leader: self.leader,
                },
            );
        }
    }

    /// A packet from server `from`. Returns the retry delay when registration must be
    /// retried.
    pub fn on_packet(
        &mut self,
        io: &mut ZabIo<'_>,
        from: u64,
        p: ZabPacket,
    ) -> Option<SimDuration> {
        if from != self.leader {
            return None;
        }
        self.last_heard = io.now;
        match (self.phase, p) {
            (LearnerPhase::Registering, ZabPacket::Refused) => return self.on_refused(io),
            (LearnerPhase::Registering, ZabPacket::LeaderInfo { zxid }) => {
                let new_epoch = epoch_of(zxid);
                let accepted = io.store.disk.accepted_epoch;
                let current = if new_epoch > accepted {
                    let c = i64::from(io.store.disk.current_epoch);
                    io.store.disk.accepted_epoch = new_epoch;
                    // `setAcceptedEpoch` syncs the file before ACKEPOCH goes out.
                    io.out.push(ZabOut::DiskSync);
                    c
                } else if new_epoch == accepted {
                    -1
                } else {
                    self.step_down(
                        io,
                        StepDownReason::LowerEpoch {
                            new_epoch,
                            accepted,
                        },
                    );
                    return None;
                };
                self.new_epoch_zxid = make_zxid(new_epoch, 0);
                io.send(
                    self.leader,
                    ZabPacket::AckEpoch {
                        zxid: io.store.last_processed(),
                        current_epoch: current,
                    },
                );
                self.phase = LearnerPhase::AwaitingSync;
                self.zab_state = ZabState::Synchronization;
            }
            (_, ZabPacket::Refused) => {}
            (LearnerPhase::AwaitingSync, first) => self.sync_start(io, first),
            (LearnerPhase::Syncing | LearnerPhase::AwaitingUpToDate, p) => self.sync_packet(io, p),
            (LearnerPhase::Broadcast, p) => self.broadcast_packet(io, p),
            (phase, p) => io.note(ZkNote::UnexpectedWhile {
                kind: p.kind(),
                phase,
            }),
        }
        None
    }

    fn sync_start(&mut self, io: &mut ZabIo<'_>, p: ZabPacket) {
        match p {
            ZabPacket::Diff { .. } => {
                self.sync_mode = Some("DIFF");
                self.snapshot_needed = false;
            }
            ZabPacket::Snap { zxid, db } => {
                self.sync_mode = Some("SNAP");
                io.store.install_snapshot(&db, zxid);
            }
            ZabPacket::Trunc { zxid } => {
                self.sync_mode = Some("TRUNC");
                if !io.store.truncate(zxid) {
                    // Real learners exit here ("Not able to truncate the log"). It happens
                    // when a leader whose committed log ends before its new-epoch marker
                    // sends TRUNC to a learner that logged the leader's own outstanding
                    // proposals (the mistaken-TRUNC family, ZOOKEEPER-3526): a liveness
                    // hiccup, not a safety problem, so it is not an anomaly.
                    self.step_down(io, StepDownReason::CannotTruncate { zxid });
                    return;
                }
            }
            other => {
                self.step_down(
                    io,
                    StepDownReason::UnexpectedFromLeader { kind: other.kind() },
                );
                return;
            }
        }
        // `initConfigInZKDatabase`: the local membership, whatever the leader sent.
        io.store.db.tree.set_config_data(
            io.cfg.config_node_data(),
            crate::protocols::zookeeper::replication::server::EPOCH_MS,
        );
        self.write_to_log = !self.snapshot_needed;
        self.phase = LearnerPhase::Syncing;
    }

    fn sync_packet(&mut self, io: &mut ZabIo<'_>, p: ZabPacket) {
        if self.not_committed.len() + self.committed.len() > SYNC_BUFFER_MAX {
            self.step_down(io, StepDownReason::SyncTooLarge);
            return;
        }
        match p {
            ZabPacket::Proposal(e) => {
                if e.zxid != self.last_queued + 1 && self.last_queued != 0 {
                    io.note(ZkNote::ZxidGap {
                        got: e.zxid,
                        expected: self.last_queued + 1,
                    });
                }
                self.last_queued = e.zxid;
                self.not_committed.push_back(e);
            }
            ZabPacket::Commit { zxid } => {
                if !self.write_to_log {
                    if let Some(head) = self.not_committed.front() {
                        if head.zxid == zxid {
                            let e = self.not_committed.pop_front().expect("peeked");
                            if let Err(err) = io.store.log_and_commit_quiet(e, io.now) {
                                io.out.push(ZabOut::Impossible(Anomaly::Store(err)));
                            }
                        } else {
                            io.note(ZkNote::CommitNotNext {
                                zxid,
                                next: head.zxid,
                            });
                        }
                    }
                } else {
                    self.committed.push_back(zxid);
                }
            }
            ZabPacket::Inform(e) => {
                self.last_queued = e.zxid;
                if !self.write_to_log {
                    if let Err(err) = io.store.log_and_commit_quiet(e, io.now) {
                        io.out.push(ZabOut::Impossible(Anomaly::Store(err)));
                    }
                } else {
                    self.committed.push_back(e.zxid);
                    self.not_committed.push_back(e);
                }
            }
            ZabPacket::NewLeader { zxid } => {
                if self.phase != LearnerPhase::Syncing {
                    return;
                }
                if self.snapshot_needed {
                    io.store.take_snapshot();
                }
                io.store.disk.current_epoch = epoch_of(self.new_epoch_zxid);
                // `setCurrentEpoch` syncs the file before the ACK of NEWLEADER.
                io.out.push(ZabOut::DiskSync);
                self.write_to_log = true;
                self.read_timeout_us = u64::from(io.cfg.sync_limit) * io.tick_us();
                if !self.observer {
                    while let Some(e) = self.not_committed.pop_front() {
                        io.store.log(e);
                    }
                }
                io.send(self.leader, ZabPacket::Ack { zxid });
                self.phase = LearnerPhase::AwaitingUpToDate;
            }
            ZabPacket::UpToDate => {
                if self.phase != LearnerPhase::AwaitingUpToDate {
                    io.note(ZkNote::UpToDateBeforeNewLeader);
                }
                io.send(
                    self.leader,
                    ZabPacket::Ack {
                        zxid: self.new_epoch_zxid,
                    },
                );
                if self.sync_mode != Some("DIFF") {
                    let last_txn = io.store.last_txn;
                    io.store.record(Delivery::Snapshot { last_txn });
                }
                self.phase = LearnerPhase::Broadcast;
                self.zab_state = ZabState::Broadcast;
                io.out.push(ZabOut::StartServing);
                if self.observer {
                    while let Some(e) = self.not_committed.pop_front() {
                        let Some(&z) = self.committed.front() else {
                            break;
                        };
                        if e.zxid != z {
                            continue;
                        }
                        self.committed.pop_front();
                        self.apply_committed_entry(io, e);
                    }
                } else {
                    while let Some(e) = self.not_committed.pop_front() {
                        io.store.log(e);
                    }
                    while let Some(z) = self.committed.pop_front() {
                        self.commit(io, z);
                    }
                }
            }
            ZabPacket::Ping { .. } => self.ping(io),
            other => io.note(ZkNote::UnexpectedDuringSync { kind: other.kind() }),
        }
    }

    fn apply_committed_entry(&mut self, io: &mut ZabIo<'_>, e: LogEntry) {
        match io.store.log_and_commit(e.clone(), io.now) {
            Ok(applied) => io.out.push(ZabOut::Applied(e, applied)),
            Err(err) => io.out.push(ZabOut::Impossible(Anomaly::Store(err))),
        }
    }

    fn commit(&mut self, io: &mut ZabIo<'_>, zxid: u64) {
        match io.store.commit(zxid, io.now) {
            Ok((e, applied)) => io.out.push(ZabOut::Applied(e, applied)),
            Err(err) => {
                // FollowerZooKeeperServer.commit exits the process here.
                io.out.push(ZabOut::Impossible(Anomaly::Store(err)));
                self.step_down(io, StepDownReason::Store(err));
            }
        }
    }

    fn ping(&mut self, io: &mut ZabIo<'_>) {
        let touches: Vec<(u64, u64)> = std::mem::take(&mut self.touches).into_iter().collect();
        io.send(self.leader, ZabPacket::Ping { zxid: 0, touches });
    }

    fn broadcast_packet(&mut self, io: &mut ZabIo<'_>, p: ZabPacket) {
        match p {
            ZabPacket::Ping { .. } => self.ping(io),
            ZabPacket::Proposal(e) if !self.observer => {
                let zxid = e.zxid;
                if zxid != self.last_queued + 1 && self.last_queued != 0 {
                    io.note(ZkNote::ZxidGap {
                        got: zxid,
                        expected: self.last_queued + 1,
                    });
                }
                self.last_queued = zxid;
                if io.store.log(e) {
                    io.send(self.leader, ZabPacket::Ack { zxid });
                } else {
                    io.note(ZkNote::ProposalNotAfterEnd { zxid });
                }
            }
            ZabPacket::Proposal(_) => {} // "Ignoring proposal"
            ZabPacket::Commit { zxid } if !self.observer => self.commit(io, zxid),
            ZabPacket::Inform(e) if self.observer => {
                self.last_queued = e.zxid;
                self.apply_committed_entry(io, e);
            }
            ZabPacket::Sync { session, cxid } => io.out.push(ZabOut::SyncDone { session, cxid }),
            ZabPacket::RevalidateReply { session, valid } => {
                io.out.push(ZabOut::Revalidated { session, valid })
            }
            ZabPacket::UpToDate => io.note(ZkNote::LateUpToDate),
            other => io.note(ZkNote::UnexpectedInBroadcast { kind: other.kind() }),
        }
    }
}
