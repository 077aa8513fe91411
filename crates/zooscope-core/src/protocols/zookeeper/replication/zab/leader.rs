//! The ZAB leader and its per-learner handlers.
//!
//! Follows `Leader.lead`, `getEpochToPropose`, `waitForEpochAck`, `waitForNewLeaderAck`,
//! `startZkServer`, `propose`, `processAck`, `tryToCommit`, `processSync` and
//! `startForwarding`, and `LearnerHandler.run` / `ping` / `synced` of ZooKeeper 3.8
//! (reference §2.3–2.8; the ZAB paper's phases 1–3).
//!
//! *Discovery.* The leader proposes epoch `max(acceptedEpoch of itself and every
//! connecting participant) + 1`; once itself plus connecting participants form a quorum
//! the epoch is frozen, persisted as `acceptedEpoch`, and sent to each learner in
//! LEADERINFO. Learners answer ACKEPOCH with their current epoch and last zxid; a learner
//! more recent than the leader aborts the leadership. A quorum of epoch acks ends
//! discovery and the leader persists `currentEpoch`.
//! *Synchronization.* Each learner gets DIFF / TRUNC / SNAP (see [`super::sync`]), the
//! proposals still in flight, and NEWLEADER. A quorum of NEWLEADER acks starts the
//! leader (`lastProcessedZxid = (epoch, 0)`), and each handler then sends UPTODATE.
//! *Broadcast.* Writes get consecutive zxids `(epoch, n)`, are logged and sent as
//! PROPOSAL to the forwarding followers (never observers); a proposal is committed, in
//! zxid order, once a quorum of voters (the leader included) has acked it; COMMIT goes to
//! followers and INFORM (with the txn) to observers.
//! *Liveness.* Each wait above gives up after `initLimit` ticks and the leader returns to
//! LOOKING. In broadcast the leader pings every learner each half tick; every tick it
//! checks that itself plus the learners heard from within `syncLimit` ticks are a quorum,
//! and steps down otherwise. A learner silent longer than its socket timeout, or that
//! leaves a proposal unacknowledged for `syncLimit` ticks, is dropped.

use super::packet::{ForwardedRequest, ZabPacket};
use super::store::{counter_of, make_zxid, LogEntry};
use super::sync::{plan_sync, SyncReason, SyncStart};
use super::{ZabIo, ZabOut, ZabState};
use crate::protocols::zookeeper::data::request::ZkRequest;
use crate::protocols::zookeeper::data::txn::Txn;
use crate::protocols::zookeeper::note::{Anomaly, GoodbyeReason, StepDownReason, ZkNote};
use crate::time::SimTime;
use crate::vecmap::{VecMap, VecSet};
use std::collections::VecDeque;
use std::sync::Arc;

/// Most proposals in flight at once (writes beyond it wait at the server).
pub const OUTSTANDING_MAX: usize = 10_000;

/// Where one learner handler stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HandlerPhase {
    /// FOLLOWERINFO received; the epoch is not frozen yet.
    WaitingForEpoch,
    /// LEADERINFO sent; waiting for ACKEPOCH.
    LeaderInfoSent,
    /// ACKEPOCH received; waiting for a quorum of them.
    WaitingForEpochQuorum,
    /// Sync data and NEWLEADER queued; waiting for the learner's ACK.
    NewLeaderSent,
    /// NEWLEADER acked; waiting for the leader to start.
    WaitingForStart,
    /// UPTODATE sent: the learner is in broadcast.
    UpToDate,
}

impl HandlerPhase {
    /// A label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            HandlerPhase::WaitingForEpoch => "waiting for epoch",
            HandlerPhase::LeaderInfoSent => "LEADERINFO sent",
            HandlerPhase::WaitingForEpochQuorum => "epoch acked",
            HandlerPhase::NewLeaderSent => "syncing (NEWLEADER sent)",
            HandlerPhase::WaitingForStart => "NEWLEADER acked",
            HandlerPhase::UpToDate => "up to date",
        }
    }
}

/// The leader's view of one learner (`LearnerHandler`).
#[derive(Clone, Debug, Hash)]
pub struct Handler {
    /// Learner id.
    pub sid: u64,
    /// An observer.
    pub observer: bool,
    /// Phase.
    pub phase: HandlerPhase,
    /// Its accepted epoch (from FOLLOWERINFO).
    pub accepted_epoch: u32,
    /// Its last zxid (from ACKEPOCH).
    pub peer_last_zxid: u64,
    /// How it was synced and why.
    pub sync: Option<(SyncStart, SyncReason)>,
    /// `tickOfNextAckDeadline`.
    pub tick_deadline: u32,
    /// When it was last heard from.
    pub last_heard: SimTime,
    /// Receives broadcasts (`addForwardingFollower` / observing learner).
    pub forwarding: bool,
    /// Proposals sent and not yet acked, with send time (`SyncLimitCheck`).
    unacked: VecDeque<(u64, SimTime)>,
}

/// A proposal waiting for a quorum.
#[derive(Clone, Debug, Hash)]
pub struct Proposal {
    /// The txn.
    pub entry: LogEntry,
    /// Voters that acked it.
    pub acks: VecSet<u64>,
}

/// Someone waiting for a `sync` to complete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SyncWaiter {
    /// The server the request came through (ourselves for a local client).
    pub via: u64,
    /// Session.
    pub session: u64,
    /// Request number.
    pub cxid: i32,
}

/// How long a new leader takes from the end of its election until its quorum port
/// accepts learners, ms. `Leader.lead()` first runs `zk.loadData()`, which ends by writing
/// and syncing a snapshot to disk, and only then starts the `LearnerCnxAcceptor`; a
/// learner that connects sooner — and its election ends at about the same moment — is
/// refused and retries `leaderConnectDelayDuringRetryMs` (100 ms) later. In the logs of
/// the real ZooKeeper 3.8.0 failovers recorded in `tests/failover/` the acceptor came up
/// 25 to 30 ms after LEADING (one snapshot write plus an fsync, which takes about 12 ms
/// on that disk), and every follower's first attempt was refused.
pub const STARTUP_SNAPSHOT_MS: u64 = 25;

/// The leader role.
#[derive(Clone, Debug, Hash)]
pub struct Leader {
    /// ZAB phase.
    pub zab_state: ZabState,
    /// The epoch (−1 until the first proposal of it).
    pub epoch: i64,
    waiting_for_new_epoch: bool,
    connecting: VecSet<u64>,
    electing: VecSet<u64>,
    election_finished: bool,
    newleader_acks: VecSet<u64>,
    quorum_formed: bool,
    summary: (i64, u64),
    /// Learner handlers by id.
    pub handlers: VecMap<u64, Handler>,
    /// Proposals waiting for a quorum.
    pub outstanding: VecMap<u64, Proposal>,
    /// `lastProposed`.
    pub last_proposed: u64,
    /// `lastCommitted`.
    pub last_committed: u64,
    pending_syncs: VecMap<u64, Vec<SyncWaiter>>,
    /// `self.tick`.
    pub tick: u32,
    tick_skip: bool,
    wait_deadline: SimTime,
    /// Test fault: commit one ACK short of a quorum.
    pub commit_without_quorum: bool,
    /// Serialized proposal sizes last/min/max (`ProposalStats`), −1 before any.
    pub proposal_sizes: (i64, i64, i64),
    /// When the quorum port starts accepting learners (see [`STARTUP_SNAPSHOT_MS`]).
    pub listening_from: SimTime,
}

impl Leader {
    /// Whether the quorum port accepts learners at `now`.
    pub fn listening(&self, now: SimTime) -> bool {
        now >= self.listening_from
    }

    /// `lead()` up to `getEpochToPropose` for the leader itself.
    pub fn lead(io: &mut ZabIo<'_>) -> Leader {
        // zk.loadData() ends with a snapshot of everything the server holds.
        io.store.take_snapshot();
        let mut l = Leader {
            zab_state: ZabState::Discovery,
            epoch: -1,
            waiting_for_new_epoch: true,
            connecting: VecSet::new(),
            electing: VecSet::new(),
            election_finished: false,
            newleader_acks: VecSet::new(),
            quorum_formed: false,
            summary: (
                i64::from(io.store.disk.current_epoch),
                io.store.last_processed(),
            ),
            handlers: VecMap::new(),
            outstanding: VecMap::new(),
            last_proposed: 0,
            last_committed: 0,
            pending_syncs: VecMap::new(),
            tick: 0,
            tick_skip: true,
            wait_deadline: SimTime::ZERO,
            commit_without_quorum: io.cfg.faults.commit_without_quorum,
            proposal_sizes: (-1, -1, -1),
            listening_from: SimTime(io.now.0 + STARTUP_SNAPSHOT_MS * 1000),
        };
        l.start_wait(io);
        let accepted = i64::from(io.store.disk.accepted_epoch);
        let me = io.myid;
        l.epoch_to_propose(io, me, accepted);
        l
    }

    fn start_wait(&mut self, io: &ZabIo<'_>) {
        self.wait_deadline = io.now.after(crate::time::SimDuration(
            u64::from(io.cfg.init_limit) * io.tick_us(),
        ));
    }

    /// The frozen epoch, if any.
    pub fn frozen_epoch(&self) -> Option<u32> {
        (!self.waiting_for_new_epoch).then_some(self.epoch as u32)
    }

    /// Whether the leader is in broadcast (serving).
    pub fn serving(&self) -> bool {
        self.zab_state == ZabState::Broadcast
    }

    /// `getEpochToPropose(sid, lastAcceptedEpoch)`.
    fn epoch_to_propose(&mut self, io: &mut ZabIo<'_>, sid: u64, accepted: i64) {
        if !self.waiting_for_new_epoch {
            return;
        }
        if accepted >= self.epoch {
            self.epoch = accepted + 1;
        }
        if io.cfg.is_voter(sid) {
            self.connecting.insert(sid);
        }
        if self.connecting.contains(&io.myid) && io.cfg.is_quorum(&self.connecting) {
            self.waiting_for_new_epoch = false;
            let epoch = self.epoch as u32;
            io.store.disk.accepted_epoch = epoch;
            // `setAcceptedEpoch` syncs the file before any LEADERINFO goes out.
            io.out.push(ZabOut::DiskSync);
            self.last_proposed = make_zxid(epoch, 0);
            io.note(ZkNote::EpochFrozen {
                epoch,
                connected: self.connecting.clone(),
            });
            // The leader's own waitForEpochAck.
            let (ce, lz) = self.summary;
            let me = io.myid;
            self.epoch_ack(io, me, ce, lz);
            let waiting: Vec<u64> = self
                .handlers
                .values()
                .filter(|h| h.phase == HandlerPhase::WaitingForEpoch)
                .map(|h| h.sid)
                .collect();
            for sid in waiting {
                self.send_leader_info(io, sid);
            }
            if !self.election_finished {
                self.start_wait(io);
            }
        }
    }

    fn send_leader_info(&mut self, io: &mut ZabIo<'_>, sid: u64) {
        let zxid = make_zxid(self.epoch as u32, 0);
        if let Some(h) = self.handlers.get_mut(&sid) {
            h.phase = HandlerPhase::LeaderInfoSent;
        }
        io.send(sid, ZabPacket::LeaderInfo { zxid });
    }

    /// `waitForEpochAck(id, ss)`; returns false when the learner is ahead of the leader.
    fn epoch_ack(
        &mut self,
        io: &mut ZabIo<'_>,
        sid: u64,
        current_epoch: i64,
        last_zxid: u64,
    ) -> bool {
        if self.election_finished {
            return true;
        }
        if current_epoch != -1 {
            let (le, lz) = self.summary;
            let more_recent = current_epoch > le || (current_epoch == le && last_zxid > lz);
            if more_recent {
                // The handler thread throws; the leader keeps waiting (and times out if
                // no quorum of epoch acks arrives).
                self.drop_handler(
                    io,
                    sid,
                    GoodbyeReason::FollowerAhead {
                        epoch: current_epoch,
                        zxid: last_zxid,
                    },
                );
                return false;
            }
            if io.cfg.is_voter(sid) {
                self.electing.insert(sid);
            }
        }
        if self.electing.contains(&io.myid) && io.cfg.is_quorum(&self.electing) {
            self.election_finished = true;
            let epoch = self.epoch as u32;
            io.store.disk.current_epoch = epoch;
            self.zab_state = ZabState::Synchronization;
            io.note(ZkNote::EpochAcked {
                quorum: self.electing.clone(),
                epoch,
            });
            self.start_wait(io);
            // The leader's own waitForNewLeaderAck.
            let me = io.myid;
            self.newleader_ack(io, me, make_zxid(epoch, 0));
            let ready: Vec<u64> = self
                .handlers
                .values()
                .filter(|h| h.phase == HandlerPhase::WaitingForEpochQuorum)
                .map(|h| h.sid)
                .collect();
            for sid in ready {
                self.sync_learner(io, sid);
            }
        }
        true
    }

    /// `syncFollower` + `startForwarding` + NEWLEADER for one handler.
    fn sync_learner(&mut self, io: &mut ZabIo<'_>, sid: u64) {
        let Some(h) = self.handlers.get(&sid) else {
            return;
        };
        let observer = h.observer;
        let plan = plan_sync(
            &io.store.committed_log,
            io.store.last_processed(),
            h.peer_last_zxid,
        );
        match &plan.start {
            SyncStart::Diff(z) => io.send(sid, ZabPacket::Diff { zxid: *z }),
            SyncStart::Trunc(z) => io.send(sid, ZabPacket::Trunc { zxid: *z }),
            SyncStart::Snap(z) => io.send(
                sid,
                ZabPacket::Snap {
                    zxid: *z,
                    db: Arc::new(io.store.db.clone()),
                },
            ),
        }
        for e in &plan.committed {
            io.send(sid, ZabPacket::Proposal(e.clone()));
            io.send(sid, ZabPacket::Commit { zxid: e.zxid });
        }
        // startForwarding: proposals still waiting for a quorum (participants only).
        let mut sent_unacked = Vec::new();
        if self.last_proposed > plan.current_zxid && !observer {
            for (z, p) in &self.outstanding {
                if *z <= plan.current_zxid {
                    continue;
                }
                io.send(sid, ZabPacket::Proposal(p.entry.clone()));
                sent_unacked.push(*z);
            }
        }
        let epoch = self.epoch as u32;
        io.send(
            sid,
            ZabPacket::NewLeader {
                zxid: make_zxid(epoch, 0),
            },
        );
        io.note(ZkNote::SyncLearner {
            sid,
            reason: plan.reason,
        });
        let now = io.now;
        if let Some(h) = self.handlers.get_mut(&sid) {
            h.sync = Some((plan.start.clone(), plan.reason));
            h.forwarding = true;
            h.phase = HandlerPhase::NewLeaderSent;
            for z in sent_unacked {
                h.unacked.push_back((z, now));
            }
        }
    }

    /// `waitForNewLeaderAck(sid, zxid)`.
    fn newleader_ack(&mut self, io: &mut ZabIo<'_>, sid: u64, zxid: u64) {
        if self.quorum_formed {
            return;
        }
        if zxid != make_zxid(self.epoch as u32, 0) {
            io.note(ZkNote::NewLeaderAckWrongEpoch { sid });
            return;
        }
        if io.cfg.is_voter(sid) {
            self.newleader_acks.insert(sid);
        }
        if io.cfg.is_quorum(&self.newleader_acks) {
            self.quorum_formed = true;
            self.start_zk_server(io);
        }
    }

    /// `startZkServer`: the leader serves in its new epoch.
    fn start_zk_server(&mut self, io: &mut ZabIo<'_>) {
        let zxid = make_zxid(self.epoch as u32, 0);
        self.last_committed = zxid;
        io.store.set_last_processed(zxid);
        self.zab_state = ZabState::Broadcast;
        self.tick = 0;
        self.tick_skip = true;
        io.note(ZkNote::ServingEpoch {
            quorum: self.newleader_acks.clone(),
            epoch: self.epoch,
        });
        io.out.push(ZabOut::StartServing);
        let waiting: Vec<u64> = self
            .handlers
            .values()
            .filter(|h| h.phase == HandlerPhase::WaitingForStart)
            .map(|h| h.sid)
            .collect();
        for sid in waiting {
            self.send_up_to_date(io, sid);
        }
    }

    fn send_up_to_date(&mut self, io: &mut ZabIo<'_>, sid: u64) {
        if let Some(h) = self.handlers.get_mut(&sid) {
            h.phase = HandlerPhase::UpToDate;
        }
        io.send(sid, ZabPacket::UpToDate);
    }

    /// Drop a learner's handler and close its connection.
    pub fn drop_handler(&mut self, io: &mut ZabIo<'_>, sid: u64, why: GoodbyeReason) {
        if self.handlers.remove(&sid).is_some() {
            io.note(ZkNote::Goodbye { sid, why });
            io.out.push(ZabOut::Close(sid));
        }
    }

    /// The connection to `sid` broke.
    pub fn on_disconnected(&mut self, io: &mut ZabIo<'_>, sid: u64) {
        if self.handlers.remove(&sid).is_some() {
            io.note(ZkNote::LearnerDisconnected { sid });
        }
    }

    /// A quorum packet from server `from`.
    pub fn on_packet(&mut self, io: &mut ZabIo<'_>, from: u64, p: ZabPacket) {
        if let ZabPacket::LearnerInfo { zxid, observer } = p {
            self.on_learner_info(io, from, zxid, observer);
            return;
        }
        let sync_limit = io.cfg.sync_limit;
        let Some(h) = self.handlers.get_mut(&from) else {
            return; // not a learner of ours (stale connection)
        };
        h.last_heard = io.now;
        if h.phase == HandlerPhase::UpToDate || h.phase == HandlerPhase::WaitingForStart {
            h.tick_deadline = self.tick + sync_limit;
        }
        match p {
            ZabPacket::AckEpoch {
                zxid,
                current_epoch,
            } => {
                if h.phase != HandlerPhase::LeaderInfoSent {
                    return;
                }
                h.peer_last_zxid = zxid;
                h.phase = HandlerPhase::WaitingForEpochQuorum;
                if !self.epoch_ack(io, from, current_epoch, zxid) {
                    return;
                }
                let waiting = self.handlers.get(&from).map(|h| h.phase)
                    == Some(HandlerPhase::WaitingForEpochQuorum);
                if self.election_finished && waiting {
                    self.sync_learner(io, from);
                }
            }
            ZabPacket::Ack { zxid } => {
                if h.phase == HandlerPhase::NewLeaderSent {
                    h.phase = HandlerPhase::WaitingForStart;
                    h.tick_deadline = self.tick + sync_limit;
                    self.newleader_ack(io, from, zxid);
                    if self.quorum_formed {
                        self.send_up_to_date(io, from);
                    }
                    return;
                }
                if h.observer {
                    return;
                }
                while let Some(&(z, _)) = h.unacked.front() {
                    if z <= zxid {
                        h.unacked.pop_front();
                    } else {
                        break;
                    }
                }
                self.process_ack(io, from, zxid);
            }
            ZabPacket::Ping { touches, .. } => {
                for (session, timeout_ms) in touches {
                    io.out.push(ZabOut::Touch {
                        session,
                        timeout_ms,
                    });
                }
            }
            ZabPacket::Request(r) => {
                io.out.push(ZabOut::Request { from, request: *r });
            }
            ZabPacket::Revalidate {
                session,
                timeout_ms,
            } => io.out.push(ZabOut::RevalidateAsk {
                from,
                session,
                timeout_ms,
            }),
            other => io.note(ZkNote::UnexpectedFromLearner {
                kind: other.kind(),
                sid: from,
            }),
        }
    }

    fn on_learner_info(&mut self, io: &mut ZabIo<'_>, from: u64, zxid: u64, observer: bool) {
        if io.cfg.server(from).is_none() {
            io.note(ZkNote::UnknownLearner { sid: from });
        }
        let init_deadline = self.tick + io.cfg.init_limit + io.cfg.sync_limit;
        let handler = Handler {
            sid: from,
            observer,
            phase: HandlerPhase::WaitingForEpoch,
            accepted_epoch: (zxid >> 32) as u32,
            peer_last_zxid: 0,
            sync: None,
            tick_deadline: init_deadline,
            last_heard: io.now,
            forwarding: false,
            unacked: VecDeque::new(),
        };
        if self.handlers.insert(from, handler).is_some() {
            io.note(ZkNote::LearnerReconnected { sid: from });
        }
        self.epoch_to_propose(io, from, i64::from((zxid >> 32) as u32));
        if !self.waiting_for_new_epoch
            && self.handlers.get(&from).map(|h| h.phase) == Some(HandlerPhase::WaitingForEpoch)
        {
            self.send_leader_info(io, from);
        }
    }

    /// The zxid the next proposal will get, or None when the leader cannot propose
    /// (not serving, too many in flight, counter about to roll over — which makes the
    /// leader step down).
    pub fn next_zxid(&mut self, io: &mut ZabIo<'_>) -> Option<u64> {
        if !self.serving() || self.outstanding.len() >= OUTSTANDING_MAX {
            return None;
        }
        let zxid = self.last_proposed + 1;
        if counter_of(zxid) == 0xffff_ffff {
            io.out.push(ZabOut::StepDown(StepDownReason::ZxidRollover));
            return None;
        }
        Some(zxid)
    }

    /// `propose`: log the txn (prepared for [`Leader::next_zxid`]), send it to the
    /// forwarding followers, ack it ourselves.
    pub fn propose(&mut self, io: &mut ZabIo<'_>, txn: Txn) {
        let txn: LogEntry = std::sync::Arc::new(txn);
        let zxid = txn.zxid;
        if zxid != self.last_proposed + 1 || !io.store.log(txn.clone()) {
            io.out
                .push(ZabOut::Impossible(Anomaly::LeaderCouldNotLog { zxid }));
            return;
        }
        self.last_proposed = zxid;
        let size = crate::protocols::zookeeper::replication::fourlw::proposal_size(&txn);
        let (_, min, max) = self.proposal_sizes;
        self.proposal_sizes = (
            size,
            if min < 0 { size } else { min.min(size) },
            max.max(size),
        );
        self.outstanding.insert(
            zxid,
            Proposal {
                entry: txn.clone(),
                acks: VecSet::new(),
            },
        );
        let now = io.now;
        for h in self.handlers.values_mut() {
            if h.forwarding && !h.observer {
                h.unacked.push_back((zxid, now));
                io.out
                    .push(ZabOut::Send(h.sid, ZabPacket::Proposal(txn.clone())));
            }
        }
        let me = io.myid;
        self.process_ack(io, me, zxid);
    }

    /// `processAck`.
    pub fn process_ack(&mut self, io: &mut ZabIo<'_>, sid: u64, zxid: u64) {
        if counter_of(zxid) == 0 || self.outstanding.is_empty() || self.last_committed >= zxid {
            return;
        }
        let Some(p) = self.outstanding.get_mut(&zxid) else {
            io.note(ZkNote::FutureAck { zxid, sid });
            return;
        };
        if io.cfg.is_voter(sid) {
            p.acks.insert(sid);
        }
        let mut z = zxid;
        while self.try_to_commit(io, z) {
            z += 1;
            if !self.outstanding.contains_key(&z) {
                break;
            }
        }
    }

    fn try_to_commit(&mut self, io: &mut ZabIo<'_>, zxid: u64) -> bool {
        if self.outstanding.contains_key(&(zxid - 1)) {
            return false;
        }
        let Some(p) = self.outstanding.get(&zxid) else {
            return false;
        };
        let enough = if self.commit_without_quorum {
            io.cfg.is_quorum_but_one(&p.acks)
        } else {
            io.cfg.is_quorum(&p.acks)
        };
        if !enough {
            return false;
        }
        let p = self.outstanding.remove(&zxid).expect("checked above");
        self.last_committed = zxid;
        for h in self.handlers.values().filter(|h| h.forwarding) {
            let packet = if h.observer {
                ZabPacket::Inform(p.entry.clone())
            } else {
                ZabPacket::Commit { zxid }
            };
            io.out.push(ZabOut::Send(h.sid, packet));
        }
        match io.store.commit(zxid, io.now) {
            Ok((entry, applied)) => io.out.push(ZabOut::Applied(entry, applied)),
            Err(e) => io.out.push(ZabOut::Impossible(Anomaly::Leader(e))),
        }
        if let Some(waiters) = self.pending_syncs.remove(&zxid) {
            for w in waiters {
                self.send_sync(io, w);
            }
        }
        true
    }

    fn send_sync(&mut self, io: &mut ZabIo<'_>, w: SyncWaiter) {
        if w.via == io.myid {
            io.out.push(ZabOut::SyncDone {
                session: w.session,
                cxid: w.cxid,
            });
        } else {
            io.send(
                w.via,
                ZabPacket::Sync {
                    session: w.session,
                    cxid: w.cxid,
                },
            );
        }
    }

    /// `processSync`: answer now, or once the last proposal commits.
    pub fn process_sync(&mut self, io: &mut ZabIo<'_>, w: SyncWaiter) {
        if self.outstanding.is_empty() {
            self.send_sync(io, w);
        } else {
            let list = self.pending_syncs.entry(self.last_proposed).or_default();
            if list.len() < OUTSTANDING_MAX {
                list.push(w);
            }
        }
    }

    /// Is `request` a `sync`? Then handle it here; returns true when consumed.
    pub fn take_sync(&mut self, io: &mut ZabIo<'_>, from: u64, request: &ForwardedRequest) -> bool {
        if matches!(request.request, ZkRequest::Sync { .. }) {
            self.process_sync(
                io,
                SyncWaiter {
                    via: from,
                    session: request.session,
                    cxid: request.cxid,
                },
            );
            true
        } else {
            false
        }
    }

    /// The half-tick timer (`lead()`'s loop; before broadcast it only checks the
    /// `initLimit` waits).
    pub fn on_half_tick(&mut self, io: &mut ZabIo<'_>) {
        let init_us = u64::from(io.cfg.init_limit) * io.tick_us();
        let sync_us = u64::from(io.cfg.sync_limit) * io.tick_us();
        // Handler socket timeouts: initLimit before the NEWLEADER ack, syncLimit after.
        let now = io.now;
        let silent: Vec<u64> = self
            .handlers
            .values()
            .filter(|h| {
                let limit = match h.phase {
                    HandlerPhase::WaitingForStart | HandlerPhase::UpToDate => sync_us,
                    _ => init_us,
                };
                now.since(h.last_heard).0 > limit
            })
            .map(|h| h.sid)
            .collect();
        for sid in silent {
            self.drop_handler(io, sid, GoodbyeReason::ReadTimedOut);
        }
        if self.zab_state != ZabState::Broadcast {
            if now > self.wait_deadline {
                let why = if self.waiting_for_new_epoch {
                    StepDownReason::EpochTimeout
                } else if !self.election_finished {
                    StepDownReason::EpochAckTimeout
                } else {
                    StepDownReason::NewLeaderAckTimeout
                };
                io.out.push(ZabOut::StepDown(why));
            }
            return;
        }
        if !self.tick_skip {
            self.tick += 1;
            let mut synced: Vec<u64> = vec![io.myid];
            synced.extend(
                self.handlers
                    .values()
                    .filter(|h| self.tick <= h.tick_deadline)
                    .map(|h| h.sid),
            );
            if !io.cfg.is_quorum(&synced) {
                io.out
                    .push(ZabOut::StepDown(StepDownReason::NotSufficientSynced {
                        synced,
                    }));
                return;
            }
        }
        self.tick_skip = !self.tick_skip;
        // ping(): only learners whose packets are flowing; drop those with a proposal
        // unacknowledged for syncLimit ticks.
        let late: Vec<u64> = self
            .handlers
            .values()
            .filter(|h| {
                h.forwarding
                    && h.unacked
                        .front()
                        .is_some_and(|(_, at)| now.since(*at).0 > sync_us)
            })
            .map(|h| h.sid)
            .collect();
        for sid in late {
            self.drop_handler(io, sid, GoodbyeReason::TransactionTimeout);
        }
        let targets: Vec<u64> = self
            .handlers
            .values()
            .filter(|h| h.forwarding)
            .map(|h| h.sid)
            .collect();
        for sid in targets {
            io.send(
                sid,
                ZabPacket::Ping {
                    zxid: self.last_proposed,
                    touches: Vec::new(),
                },
            );
        }
    }

    /// `sync`s waiting for a commit.
    pub fn pending_sync_count(&self) -> usize {
        self.pending_syncs.values().map(Vec::len).sum()
    }

    /// Learners in broadcast (for `mntr`'s `zk_synced_followers`).
    pub fn synced_followers(&self) -> usize {
        self.handlers
            .values()
            .filter(|h| {
                !h.observer && h.phase == HandlerPhase::UpToDate && self.tick <= h.tick_deadline
            })
            .count()
    }
}
