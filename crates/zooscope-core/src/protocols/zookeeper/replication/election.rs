//! Fast Leader Election as an event-driven state machine, with a ballot box for the UI.
//!
//! Follows `FastLeaderElection.java` of ZooKeeper 3.8 (`lookForLeader`,
//! `WorkerReceiver.run`, `receivedFollowingNotification`, `receivedLeadingNotification`,
//! `sendNotifications`); reference §1 of `/work/shared/reference/zookeeper-behaviour.md`.
//!
//! A LOOKING server bumps its round (`logicalclock`), votes for itself with its last
//! logged zxid and current epoch, and sends that vote to every voter (itself included).
//! Each notification it receives is handled as the Java receiver thread and main loop
//! would: a higher round makes it jump to that round, clear its ballots and re-vote for
//! the better of the sender's vote and its own initial vote; a lower round is dropped
//! (the receiver already answered the sender with our proposal); in the same round a
//! better vote (by `totalOrderPredicate`) is adopted and re-broadcast. When the ballots
//! equal to its proposal form a quorum it waits `finalizeWait` (200 ms) — every
//! notification that does not beat the proposal restarts that wait, one that does ends
//! it — and then takes its role. FOLLOWING/LEADING notifications (answers from an
//! established ensemble) are collected separately (`outofelection`) and let a newcomer
//! join the existing leader once a quorum of them agree and the leader itself says
//! LEADING; that path never compares votes, so a newcomer cannot displace the leader.
//! When no notification arrives for the current interval (200 ms at first), the server
//! re-sends its vote over fresh connections and doubles the interval, up to 60 s.
//! A server that is not LOOKING only answers LOOKING peers with its current vote.
//!
//! The machine is sans-IO: handlers push [`FleAction`]s that the server carries out.
//! Every change of the proposal is recorded with a typed [`VoteChangeReason`] (the rule
//! that decided and the votes it compared, the round jump, the finalize wait, the join);
//! the UI puts it into words.

use crate::protocols::zookeeper::replication::config::ZkConfig;
use crate::protocols::zookeeper::replication::vote::{
    check_leader, compare, total_order_predicate, Comparison, Notification, ServerState, Vote,
};
use crate::time::SimTime;
use crate::vecmap::VecMap;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// `finalizeWait` / `minNotificationInterval`, ms.
pub const FINALIZE_WAIT_MS: u64 = 200;
/// `maxNotificationInterval`, ms.
pub const MAX_NOTIFICATION_INTERVAL_MS: u64 = 60_000;
/// Vote changes kept in the ballot box.
pub const CHANGES_MAX: usize = 32;

/// What the election asks the server to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FleAction {
    /// Send a notification to server `to`.
    Send {
        /// Recipient server id.
        to: u64,
        /// The notification.
        n: Notification,
    },
    /// Re-open connections to every other voter (the `connectAll` of a timeout) before
    /// the sends that follow.
    Reconnect,
    /// (Re-)arm the "no notification" timer.
    ArmTimeout(u64),
    /// (Re-)arm the finalize wait.
    ArmFinalize(u64),
    /// Disarm the finalize wait.
    CancelFinalize,
    /// The election is over.
    Decided {
        /// The final vote (leader, zxid, round, peer epoch).
        vote: Vote,
        /// The role to take.
        state: ServerState,
    },
}

/// One recorded change of a server's proposal, with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VoteChange {
    /// When.
    pub at: SimTime,
    /// The round it happened in.
    pub round: i64,
    /// Proposed leader before.
    pub from: i64,
    /// Proposed leader after.
    pub to: i64,
    /// Why.
    pub reason: VoteChangeReason,
}

/// Why a server's proposal changed. Ids, zxids and epochs are the election's own
/// (`i64` like Java's `long`; an observer's "nobody" is `i64::MIN`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VoteChangeReason {
    /// A new round began (`lookForLeader`): the server votes for itself with its own
    /// history.
    OwnVote {
        /// The new round.
        round: i64,
        /// Its last logged zxid.
        zxid: i64,
        /// Its current epoch.
        epoch: i64,
    },
    /// A new round began for an observer: it proposes nobody and waits to learn the
    /// voters' leader.
    ObserverStart {
        /// The new round.
        round: i64,
    },
    /// A vote of the same round beat the proposal, which takes it.
    VoteFrom {
        /// Who sent the vote.
        sender: u64,
        /// How it won.
        choice: Choice,
    },
    /// A vote from a later round arrived: the server jumps to that round, forgets its
    /// ballots and votes for the better of that vote and its own initial vote.
    RoundJump {
        /// Its round before.
        from_round: i64,
        /// The sender's round, its round now.
        to_round: i64,
        /// Who is ahead.
        sender: u64,
        /// The received vote against its initial vote.
        choice: Choice,
    },
    /// A quorum agreed on the proposal and no better vote came during the finalize
    /// wait: the election is over.
    Finalized {
        /// The elected leader.
        leader: i64,
        /// The wait, ms (`finalizeWait`).
        wait_ms: u64,
        /// The role the server takes.
        state: ServerState,
    },
    /// It joined an established leader: a quorum of FOLLOWING / LEADING answers agree
    /// and the leader itself says LEADING (`receivedFollowingNotification`,
    /// `checkLeader`). No vote is compared, so a newcomer never displaces the leader.
    Joined {
        /// The leader.
        leader: i64,
        /// The role the server takes.
        state: ServerState,
    },
}

/// How a server chose between a received vote and its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Choice {
    /// `totalOrderPredicate` compared the two votes (winner first).
    Compared(Comparison),
    /// An observer, proposing nobody, takes the sender's vote as it is.
    ObserverTakes,
}

impl Choice {
    /// The choice between a received vote `new` and `own` (an observer's own vote
    /// names nobody).
    fn between(new: (i64, i64, i64), own: (i64, i64, i64)) -> Choice {
        if own.0 == i64::MIN {
            Choice::ObserverTakes
        } else {
            Choice::Compared(compare(new, own))
        }
    }
}

/// One ballot as the UI shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ballot {
    /// Sender.
    pub from: u64,
    /// The vote it carried (with the sender's state).
    pub vote: Vote,
    /// When it arrived.
    pub at: SimTime,
}

/// A server's election state (one `FastLeaderElection` instance plus the UI's ballot box).
#[derive(Clone, Debug, Hash)]
pub struct Election {
    myid: u64,
    participant: bool,
    /// The round (`logicalclock`).
    pub logicalclock: i64,
    /// Proposed leader.
    pub proposed_leader: i64,
    /// Its zxid.
    pub proposed_zxid: i64,
    /// Its epoch.
    pub proposed_epoch: i64,
    init: (i64, i64, i64),
    /// Votes of the current round (`recvset`).
    pub recvset: VecMap<u64, Vote>,
    /// FOLLOWING/LEADING votes from any round (`outofelection`).
    pub outofelection: VecMap<u64, Vote>,
    /// Arrival times and states of the ballots, for the UI.
    pub ballots: VecMap<u64, Ballot>,
    /// Current "no notification" interval, ms.
    pub not_timeout_ms: u64,
    /// In the finalize wait.
    pub finalizing: bool,
    /// Whether this instance is running (the server is LOOKING).
    pub active: bool,
    /// Recent proposal changes with reasons (newest last).
    pub changes: VecDeque<VoteChange>,
    /// Notifications sent in total (for the benchmark and the UI).
    pub sent: u64,
    /// `finalizeWait`, ms (also the first "no notification" interval).
    pub finalize_wait_ms: u64,
}

impl Election {
    /// A fresh (inactive) election for server `myid`.
    pub fn new(myid: u64, participant: bool) -> Self {
        Election {
            myid,
            participant,
            logicalclock: 0,
            proposed_leader: myid as i64,
            proposed_zxid: 0,
            proposed_epoch: 0,
            init: (myid as i64, 0, 0),
            recvset: VecMap::new(),
            outofelection: VecMap::new(),
            ballots: VecMap::new(),
            not_timeout_ms: FINALIZE_WAIT_MS,
            finalizing: false,
            active: false,
            changes: VecDeque::new(),
            sent: 0,
            finalize_wait_ms: FINALIZE_WAIT_MS,
        }
    }

    /// The same election with another `finalizeWait` (experiments; ZooKeeper's is fixed).
    pub fn with_finalize_wait(mut self, ms: u64) -> Self {
        self.finalize_wait_ms = ms;
        self.not_timeout_ms = ms;
        self
    }

    /// The current proposal as a LOOKING vote (`getVote()`).
    pub fn proposal(&self) -> Vote {
        Vote::looking(
            self.proposed_leader,
            self.proposed_zxid,
            self.logicalclock,
            self.proposed_epoch,
        )
    }

    fn record(&mut self, now: SimTime, from: i64, reason: VoteChangeReason) {
        if self.changes.len() >= CHANGES_MAX {
            self.changes.pop_front();
        }
        self.changes.push_back(VoteChange {
            at: now,
            round: self.logicalclock,
            from,
            to: self.proposed_leader,
            reason,
        });
    }

    fn update_proposal(&mut self, leader: i64, zxid: i64, epoch: i64) {
        self.proposed_leader = leader;
        self.proposed_zxid = zxid;
        self.proposed_epoch = epoch;
    }

    fn send_notifications(&mut self, cfg: &ZkConfig, out: &mut Vec<FleAction>) {
        let n = Notification {
            leader: self.proposed_leader,
            zxid: self.proposed_zxid,
            election_epoch: self.logicalclock,
            peer_epoch: self.proposed_epoch,
            state: ServerState::Looking,
        };
        for sid in cfg.voters() {
            self.sent += 1;
            out.push(FleAction::Send { to: sid, n });
        }
    }

    /// `lookForLeader` begins: new round, vote for ourselves (`last_zxid`, `current_epoch`).
    pub fn start(
        &mut self,
        cfg: &ZkConfig,
        now: SimTime,
        last_zxid: i64,
        current_epoch: i64,
        out: &mut Vec<FleAction>,
    ) {
        self.active = true;
        self.finalizing = false;
        self.recvset.clear();
        self.outofelection.clear();
        self.ballots.clear();
        self.not_timeout_ms = self.finalize_wait_ms;
        self.logicalclock += 1;
        self.init = if self.participant {
            (self.myid as i64, last_zxid, current_epoch)
        } else {
            (i64::MIN, i64::MIN, i64::MIN)
        };
        let old = self.proposed_leader;
        self.update_proposal(self.init.0, self.init.1, self.init.2);
        let round = self.logicalclock;
        let reason = if self.participant {
            VoteChangeReason::OwnVote {
                round,
                zxid: last_zxid,
                epoch: current_epoch,
            }
        } else {
            VoteChangeReason::ObserverStart { round }
        };
        self.record(now, old, reason);
        self.send_notifications(cfg, out);
        out.push(FleAction::ArmTimeout(self.not_timeout_ms));
    }

    /// The election ended (role taken) or the server left LOOKING.
    pub fn stop(&mut self, out: &mut Vec<FleAction>) {
        self.active = false;
        if self.finalizing {
            self.finalizing = false;
            out.push(FleAction::CancelFinalize);
        }
    }

    /// The receiver thread and main loop for a notification from server `from`.
    /// `state` is our own state and `current_vote` our `currentVote` (used to answer
    /// when we are not looking).
    #[allow(clippy::too_many_arguments)]
    pub fn on_notification(
        &mut self,
        cfg: &ZkConfig,
        now: SimTime,
        from: u64,
        n: Notification,
        state: ServerState,
        current_vote: &Vote,
        out: &mut Vec<FleAction>,
    ) {
        // Receiver: a non-voter gets our current vote and is not counted.
        if !cfg.is_voter(from) {
            let reply = Notification {
                leader: current_vote.leader,
                zxid: current_vote.zxid,
                election_epoch: self.logicalclock,
                peer_epoch: current_vote.peer_epoch,
                state,
            };
            self.sent += 1;
            out.push(FleAction::Send { to: from, n: reply });
            return;
        }
        if state != ServerState::Looking || !self.active {
            // Not looking: tell a looking peer who leads.
            if n.state == ServerState::Looking {
                let reply = Notification {
                    leader: current_vote.leader,
                    zxid: current_vote.zxid,
                    election_epoch: current_vote.election_epoch,
                    peer_epoch: current_vote.peer_epoch,
                    state,
                };
                self.sent += 1;
                out.push(FleAction::Send { to: from, n: reply });
            }
            return;
        }
        // Looking: a lagging looking peer gets our proposal right away.
        if n.state == ServerState::Looking && n.election_epoch < self.logicalclock {
            let reply = Notification {
                leader: self.proposed_leader,
                zxid: self.proposed_zxid,
                election_epoch: self.logicalclock,
                peer_epoch: self.proposed_epoch,
                state: ServerState::Looking,
            };
            self.sent += 1;
            out.push(FleAction::Send { to: from, n: reply });
        }
        self.ballots.insert(
            from,
            Ballot {
                from,
                vote: n.vote(),
                at: now,
            },
        );
        if self.finalizing {
            // The finalize wait consumes notifications; a better one ends it.
            let better = total_order_predicate(
                (n.leader, n.zxid, n.peer_epoch),
                (
                    self.proposed_leader,
                    self.proposed_zxid,
                    self.proposed_epoch,
                ),
                cfg.is_voter(n.leader as u64),
            );
            if !better {
                out.push(FleAction::ArmFinalize(self.finalize_wait_ms));
                return;
            }
            self.finalizing = false;
            out.push(FleAction::CancelFinalize);
        }
        // Main loop: a notification arrived, so the poll timeout starts over.
        out.push(FleAction::ArmTimeout(self.not_timeout_ms));
        if !(cfg.is_voter(from) && n.leader >= 0 && cfg.is_voter(n.leader as u64)) {
            return;
        }
        match n.state {
            ServerState::Looking => self.on_looking(cfg, now, from, n, out),
            ServerState::Observing => {}
            ServerState::Following | ServerState::Leading => {
                self.on_established(cfg, now, from, n, out);
            }
        }
    }

    fn on_looking(
        &mut self,
        cfg: &ZkConfig,
        now: SimTime,
        from: u64,
        n: Notification,
        out: &mut Vec<FleAction>,
    ) {
        let new = (n.leader, n.zxid, n.peer_epoch);
        if n.election_epoch > self.logicalclock {
            let old = self.proposed_leader;
            let old_round = self.logicalclock;
            self.logicalclock = n.election_epoch;
            self.recvset.clear();
            let init = self.init;
            let n_wins = total_order_predicate(new, init, cfg.is_voter(n.leader as u64));
            if n_wins {
                self.update_proposal(n.leader, n.zxid, n.peer_epoch);
            } else {
                self.update_proposal(init.0, init.1, init.2);
            }
            self.record(
                now,
                old,
                VoteChangeReason::RoundJump {
                    from_round: old_round,
                    to_round: n.election_epoch,
                    sender: from,
                    choice: Choice::between(new, init),
                },
            );
            self.send_notifications(cfg, out);
        } else if n.election_epoch < self.logicalclock {
            return;
        } else {
            let cur = (
                self.proposed_leader,
                self.proposed_zxid,
                self.proposed_epoch,
            );
            if total_order_predicate(new, cur, cfg.is_voter(n.leader as u64)) {
                let old = self.proposed_leader;
                self.update_proposal(n.leader, n.zxid, n.peer_epoch);
                self.record(
                    now,
                    old,
                    VoteChangeReason::VoteFrom {
                        sender: from,
                        choice: Choice::between(new, cur),
                    },
                );
                self.send_notifications(cfg, out);
            }
        }
        self.recvset.insert(
            from,
            Vote::looking(n.leader, n.zxid, n.election_epoch, n.peer_epoch),
        );
        let proposal = self.proposal();
        let agreeing: Vec<u64> = self
            .recvset
            .iter()
            .filter(|(_, v)| v.same_as(&proposal))
            .map(|(s, _)| *s)
            .collect();
        if cfg.is_quorum(&agreeing) {
            self.finalizing = true;
            out.push(FleAction::ArmFinalize(self.finalize_wait_ms));
        }
    }

    fn learning_state(&self) -> ServerState {
        if self.participant {
            ServerState::Following
        } else {
            ServerState::Observing
        }
    }

    fn role_for(&self, leader: i64) -> ServerState {
        if leader == self.myid as i64 {
            ServerState::Leading
        } else {
            self.learning_state()
        }
    }

    fn on_established(
        &mut self,
        cfg: &ZkConfig,
        now: SimTime,
        from: u64,
        n: Notification,
        out: &mut Vec<FleAction>,
    ) {
        let vote = n.vote();
        let agreeing = |set: &VecMap<u64, Vote>| -> Vec<u64> {
            set.iter()
                .filter(|(_, v)| v.same_as(&vote))
                .map(|(s, _)| *s)
                .collect()
        };
        if n.election_epoch == self.logicalclock {
            self.recvset.insert(from, vote);
            let ok = agreeing(&self.recvset);
            if cfg.is_quorum(&ok)
                && check_leader(
                    &self.recvset,
                    n.leader,
                    n.election_epoch,
                    self.myid,
                    self.logicalclock,
                )
            {
                self.join(now, n, out);
                return;
            }
        }
        self.outofelection.insert(from, vote);
        let ok = agreeing(&self.outofelection);
        if cfg.is_quorum(&ok)
            && check_leader(
                &self.outofelection,
                n.leader,
                n.election_epoch,
                self.myid,
                self.logicalclock,
            )
        {
            self.logicalclock = n.election_epoch;
            self.join(now, n, out);
        }
    }

    /// Follow (or lead, if it names us) the established leader `n` names.
    fn join(&mut self, now: SimTime, n: Notification, out: &mut Vec<FleAction>) {
        let old = self.proposed_leader;
        let end = Vote::looking(n.leader, n.zxid, n.election_epoch, n.peer_epoch);
        let state = self.role_for(n.leader);
        self.decide(end, state, out);
        self.record(
            now,
            old,
            VoteChangeReason::Joined {
                leader: n.leader,
                state,
            },
        );
    }

    fn decide(&mut self, vote: Vote, state: ServerState, out: &mut Vec<FleAction>) {
        if self.proposed_leader != vote.leader {
            self.update_proposal(vote.leader, vote.zxid, vote.peer_epoch);
        }
        self.stop(out);
        out.push(FleAction::Decided { vote, state });
    }

    /// The poll timed out: re-send over fresh connections and back off.
    pub fn on_timeout(&mut self, cfg: &ZkConfig, out: &mut Vec<FleAction>) {
        if !self.active {
            return;
        }
        out.push(FleAction::Reconnect);
        self.send_notifications(cfg, out);
        self.not_timeout_ms = (self.not_timeout_ms * 2).min(MAX_NOTIFICATION_INTERVAL_MS);
        out.push(FleAction::ArmTimeout(self.not_timeout_ms));
    }

    /// The finalize wait passed without a better vote: take the role.
    pub fn on_finalize(&mut self, now: SimTime, out: &mut Vec<FleAction>) {
        if !self.active || !self.finalizing {
            return;
        }
        self.finalizing = false;
        let vote = self.proposal();
        let state = self.role_for(self.proposed_leader);
        let old = self.proposed_leader;
        self.record(
            now,
            old,
            VoteChangeReason::Finalized {
                leader: self.proposed_leader,
                wait_ms: self.finalize_wait_ms,
                state,
            },
        );
        self.decide(vote, state, out);
    }

    /// Votes agreeing with the proposal in the current round (for the UI).
    pub fn supporters(&self) -> Vec<u64> {
        let p = self.proposal();
        self.recvset
            .iter()
            .filter(|(_, v)| v.same_as(&p))
            .map(|(s, _)| *s)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::replication::vote::{Rule, VoteKey};

    type Decisions = VecMap<u64, (ServerState, i64)>;

    /// Elections of `starts` (`(sid, zxid, epoch)`), each started once, with what the
    /// start asked to send.
    fn started(cfg: &ZkConfig, starts: &[(u64, i64, i64)]) -> Vec<(Election, Vec<FleAction>)> {
        starts
            .iter()
            .map(|&(sid, zxid, epoch)| {
                let mut e = Election::new(sid, cfg.is_voter(sid));
                let mut out = Vec::new();
                e.start(cfg, SimTime::ZERO, zxid, epoch, &mut out);
                (e, out)
            })
            .collect()
    }

    /// Deliver every send between a set of in-memory elections until quiet, then fire
    /// finalize timers; returns decisions by server id.
    fn run(cfg: &ZkConfig, starts: &[(u64, i64, i64)]) -> Decisions {
        settle(cfg, started(cfg, starts)).0
    }

    /// [`run`] for elections already started (and what their starts sent); returns the
    /// decisions and the elections.
    fn settle(
        cfg: &ZkConfig,
        starts: Vec<(Election, Vec<FleAction>)>,
    ) -> (Decisions, VecMap<u64, Election>) {
        let mut els: VecMap<u64, Election> = VecMap::new();
        let mut states: VecMap<u64, ServerState> = VecMap::new();
        let mut votes: VecMap<u64, Vote> = VecMap::new();
        let mut queue: VecDeque<(u64, u64, Notification)> = VecDeque::new();
        let mut decided = VecMap::new();
        let now = SimTime::ZERO;
        let push = |from: u64, out: Vec<FleAction>, q: &mut VecDeque<(u64, u64, Notification)>| {
            for a in out {
                if let FleAction::Send { to, n } = a {
                    q.push_back((from, to, n));
                }
            }
        };
        for (e, out) in starts {
            let sid = e.myid;
            votes.insert(sid, e.proposal());
            states.insert(sid, ServerState::Looking);
            els.insert(sid, e);
            push(sid, out, &mut queue);
        }
        for _round in 0..10 {
            while let Some((from, to, n)) = queue.pop_front() {
                let Some(e) = els.get_mut(&to) else { continue };
                let mut out = Vec::new();
                let st = states[&to];
                e.on_notification(cfg, now, from, n, st, &votes[&to], &mut out);
                for a in &out {
                    if let FleAction::Decided { vote, state } = a {
                        states.insert(to, *state);
                        votes.insert(to, *vote);
                        decided.insert(to, (*state, vote.leader));
                    }
                }
                push(to, out, &mut queue);
            }
            for (sid, e) in els.iter_mut() {
                let mut out = Vec::new();
                e.on_finalize(now, &mut out);
                if out.is_empty() && e.active && !e.finalizing {
                    e.on_timeout(cfg, &mut out);
                }
                for a in &out {
                    if let FleAction::Decided { vote, state } = a {
                        states.insert(*sid, *state);
                        votes.insert(*sid, *vote);
                        decided.insert(*sid, (*state, vote.leader));
                    }
                }
                push(*sid, out, &mut queue);
            }
        }
        (decided, els)
    }

    #[test]
    fn highest_id_wins_on_equal_history() {
        let cfg = ZkConfig::ensemble(3, &[]);
        let d = run(&cfg, &[(1, 0, 0), (2, 0, 0), (3, 0, 0)]);
        assert_eq!(d[&3], (ServerState::Leading, 3));
        assert_eq!(d[&1], (ServerState::Following, 3));
        assert_eq!(d[&2], (ServerState::Following, 3));
    }

    #[test]
    fn higher_zxid_beats_higher_id() {
        let cfg = ZkConfig::ensemble(3, &[]);
        let d = run(
            &cfg,
            &[
                (1, 0x100000005, 1),
                (2, 0x100000003, 1),
                (3, 0x100000003, 1),
            ],
        );
        assert_eq!(d[&1], (ServerState::Leading, 1));
        assert_eq!(d[&3].1, 1);
    }

    #[test]
    fn observer_never_wins_and_observes() {
        let cfg = ZkConfig::ensemble(3, &[3]);
        let d = run(&cfg, &[(1, 0, 0), (2, 0, 0), (3, 0x100000009, 5)]);
        assert_eq!(d[&2], (ServerState::Leading, 2));
        assert_eq!(d[&3], (ServerState::Observing, 2));
    }

    #[test]
    fn newcomer_joins_without_displacing_the_leader() {
        // 1 follows 2 (LEADING); 3 arrives with a higher id and zxid, but must follow.
        let cfg = ZkConfig::ensemble(3, &[]);
        let mut e = Election::new(3, true);
        let mut out = Vec::new();
        e.start(&cfg, SimTime::ZERO, 0x100000009, 1, &mut out);
        let me = Vote::looking(3, 0x100000009, -1, 1);
        let f = Notification {
            leader: 2,
            zxid: 0x100000000,
            election_epoch: 7,
            peer_epoch: 1,
            state: ServerState::Following,
        };
        out.clear();
        e.on_notification(
            &cfg,
            SimTime::ZERO,
            1,
            f,
            ServerState::Looking,
            &me,
            &mut out,
        );
        assert!(!out.iter().any(|a| matches!(a, FleAction::Decided { .. })));
        let l = Notification {
            state: ServerState::Leading,
            ..f
        };
        e.on_notification(
            &cfg,
            SimTime::ZERO,
            2,
            l,
            ServerState::Looking,
            &me,
            &mut out,
        );
        let decided: Vec<_> = out
            .iter()
            .filter_map(|a| match a {
                FleAction::Decided { vote, state } => Some((*state, vote.leader)),
                _ => None,
            })
            .collect();
        assert_eq!(decided, vec![(ServerState::Following, 2)]);
        assert_eq!(e.logicalclock, 7, "adopts the leader's round");
        let last = e.changes.back().unwrap();
        assert_eq!(
            last.reason,
            VoteChangeReason::Joined {
                leader: 2,
                state: ServerState::Following
            }
        );
        assert_eq!((last.from, last.to, last.round), (3, 2, 7));
    }

    #[test]
    fn not_looking_answers_with_current_vote() {
        let cfg = ZkConfig::ensemble(3, &[]);
        let mut e = Election::new(2, true);
        let current = Vote::looking(2, 0x100000000, 4, 1);
        let mut out = Vec::new();
        let n = Notification {
            leader: 3,
            zxid: 0,
            election_epoch: 1,
            peer_epoch: 0,
            state: ServerState::Looking,
        };
        e.on_notification(
            &cfg,
            SimTime::ZERO,
            3,
            n,
            ServerState::Leading,
            &current,
            &mut out,
        );
        assert_eq!(
            out,
            vec![FleAction::Send {
                to: 3,
                n: Notification {
                    leader: 2,
                    zxid: 0x100000000,
                    election_epoch: 4,
                    peer_epoch: 1,
                    state: ServerState::Leading
                }
            }]
        );
    }

    #[test]
    fn timeouts_back_off_to_sixty_seconds() {
        let cfg = ZkConfig::ensemble(3, &[]);
        let mut e = Election::new(1, true);
        let mut out = Vec::new();
        e.start(&cfg, SimTime::ZERO, 0, 0, &mut out);
        let mut seen = Vec::new();
        for _ in 0..12 {
            out.clear();
            e.on_timeout(&cfg, &mut out);
            seen.push(e.not_timeout_ms);
        }
        assert_eq!(&seen[..4], &[400, 800, 1600, 3200]);
        assert_eq!(*seen.last().unwrap(), 60_000);
    }

    fn reasons(e: &Election) -> Vec<(i64, i64, VoteChangeReason)> {
        e.changes.iter().map(|c| (c.from, c.to, c.reason)).collect()
    }

    fn key(leader: i64, zxid: i64, epoch: i64) -> VoteKey {
        VoteKey {
            leader,
            zxid,
            epoch,
        }
    }

    fn by(rule: Rule, winner: VoteKey, loser: VoteKey) -> Choice {
        Choice::Compared(Comparison {
            rule,
            winner,
            loser,
        })
    }

    #[test]
    fn equal_histories_are_decided_by_the_higher_id() {
        let cfg = ZkConfig::ensemble(3, &[]);
        let (_, els) = settle(&cfg, started(&cfg, &[(1, 0, 0), (2, 0, 0), (3, 0, 0)]));
        assert_eq!(
            reasons(&els[&1]),
            vec![
                (
                    1,
                    1,
                    VoteChangeReason::OwnVote {
                        round: 1,
                        zxid: 0,
                        epoch: 0
                    }
                ),
                (
                    1,
                    2,
                    VoteChangeReason::VoteFrom {
                        sender: 2,
                        choice: by(Rule::HigherId, key(2, 0, 0), key(1, 0, 0))
                    }
                ),
                (
                    2,
                    3,
                    VoteChangeReason::VoteFrom {
                        sender: 3,
                        choice: by(Rule::HigherId, key(3, 0, 0), key(2, 0, 0))
                    }
                ),
                (
                    3,
                    3,
                    VoteChangeReason::Finalized {
                        leader: 3,
                        wait_ms: FINALIZE_WAIT_MS,
                        state: ServerState::Following
                    }
                ),
            ]
        );
        let last = els[&3].changes.back().unwrap();
        assert_eq!(
            last.reason,
            VoteChangeReason::Finalized {
                leader: 3,
                wait_ms: FINALIZE_WAIT_MS,
                state: ServerState::Leading
            }
        );
        assert_eq!(last.round, 1);
    }

    #[test]
    fn a_longer_history_and_a_newer_epoch_win_the_vote() {
        let cfg = ZkConfig::ensemble(3, &[]);
        let starts = [
            (1, 0x100000005, 1),
            (2, 0x100000003, 1),
            (3, 0x100000003, 1),
        ];
        let (_, els) = settle(&cfg, started(&cfg, &starts));
        assert_eq!(
            reasons(&els[&3])[1],
            (
                3,
                1,
                VoteChangeReason::VoteFrom {
                    sender: 1,
                    choice: by(
                        Rule::HigherZxid,
                        key(1, 0x100000005, 1),
                        key(3, 0x100000003, 1)
                    )
                }
            )
        );
        let starts = [
            (1, 0x200000001, 2),
            (2, 0x100000009, 1),
            (3, 0x100000009, 1),
        ];
        let (d, els) = settle(&cfg, started(&cfg, &starts));
        assert_eq!(d[&1], (ServerState::Leading, 1));
        assert_eq!(
            reasons(&els[&2])[1],
            (
                2,
                1,
                VoteChangeReason::VoteFrom {
                    sender: 1,
                    choice: by(
                        Rule::HigherEpoch,
                        key(1, 0x200000001, 2),
                        key(2, 0x100000009, 1)
                    )
                }
            )
        );
    }

    #[test]
    fn an_observer_proposes_nobody_then_takes_a_voters_vote() {
        let cfg = ZkConfig::ensemble(3, &[3]);
        let (d, els) = settle(&cfg, started(&cfg, &[(1, 0, 0), (2, 0, 0), (3, 0, 0)]));
        assert_eq!(d[&3], (ServerState::Observing, 2));
        let r = reasons(&els[&3]);
        assert_eq!(
            r[0],
            (3, i64::MIN, VoteChangeReason::ObserverStart { round: 1 })
        );
        assert_eq!(
            r[1],
            (
                i64::MIN,
                1,
                VoteChangeReason::VoteFrom {
                    sender: 1,
                    choice: Choice::ObserverTakes
                }
            )
        );
        assert_eq!(
            r[2].2,
            VoteChangeReason::VoteFrom {
                sender: 2,
                choice: by(Rule::HigherId, key(2, 0, 0), key(1, 0, 0))
            }
        );
        // The voters decided first and answered it as FOLLOWING / LEADING.
        assert_eq!(
            r.last().unwrap().2,
            VoteChangeReason::Joined {
                leader: 2,
                state: ServerState::Observing
            }
        );
    }

    #[test]
    fn a_vote_from_a_later_round_makes_the_server_jump() {
        // Server 3 restarted its election (round 2) before the others heard round 1.
        let cfg = ZkConfig::ensemble(3, &[]);
        let mut starts = started(&cfg, &[(1, 0, 0), (2, 0, 0), (3, 0, 0)]);
        let (e3, out3) = &mut starts[2];
        e3.start(&cfg, SimTime::ZERO, 0, 0, out3);
        let (d, els) = settle(&cfg, starts);
        assert_eq!(d[&3], (ServerState::Leading, 3));
        let jump = VoteChangeReason::RoundJump {
            from_round: 1,
            to_round: 2,
            sender: 3,
            choice: by(Rule::HigherId, key(3, 0, 0), key(1, 0, 0)),
        };
        let r = reasons(&els[&1]);
        assert!(
            r.iter().any(|(_, to, why)| *to == 3 && *why == jump),
            "{r:?}"
        );
        assert!(els[&1]
            .changes
            .iter()
            .any(|c| c.reason == jump && c.round == 2));
    }

    /// One notification from server `from`, to a looking election `e`.
    fn deliver(e: &mut Election, cfg: &ZkConfig, from: u64, n: Notification) -> Vec<FleAction> {
        let mut out = Vec::new();
        let me = e.proposal();
        e.on_notification(
            cfg,
            SimTime(7),
            from,
            n,
            ServerState::Looking,
            &me,
            &mut out,
        );
        out
    }

    #[test]
    fn a_jump_to_the_same_vote_and_an_observers_jump_are_told_apart() {
        let cfg = ZkConfig::ensemble(3, &[3]);
        // Server 2, already in round 5, proposes server 1 exactly as 1 sees itself.
        let mut e1 = Election::new(1, true);
        e1.start(&cfg, SimTime::ZERO, 0x100000002, 1, &mut Vec::new());
        let n = Notification {
            leader: 1,
            zxid: 0x100000002,
            election_epoch: 5,
            peer_epoch: 1,
            state: ServerState::Looking,
        };
        deliver(&mut e1, &cfg, 2, n);
        let own = key(1, 0x100000002, 1);
        assert_eq!(
            reasons(&e1).last().unwrap(),
            &(
                1,
                1,
                VoteChangeReason::RoundJump {
                    from_round: 1,
                    to_round: 5,
                    sender: 2,
                    choice: by(Rule::SameVote, own, own)
                }
            )
        );
        // The observer 3 jumps too and simply takes the vote.
        let mut e3 = Election::new(3, false);
        e3.start(&cfg, SimTime::ZERO, 0, 0, &mut Vec::new());
        deliver(&mut e3, &cfg, 2, n);
        let last = e3.changes.back().unwrap();
        assert_eq!(
            last.reason,
            VoteChangeReason::RoundJump {
                from_round: 1,
                to_round: 5,
                sender: 2,
                choice: Choice::ObserverTakes
            }
        );
        assert_eq!(
            (last.from, last.to, last.round, last.at),
            (i64::MIN, 1, 5, SimTime(7))
        );
    }
}
