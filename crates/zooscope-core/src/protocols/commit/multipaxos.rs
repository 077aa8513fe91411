//! Multi-Paxos: a distinguished leader, elected by ballot, choosing a log of slots.
//!
//! Lamport, "Paxos Made Simple" (2001), §3 ("Implementing a State Machine"). Running one
//! Paxos instance per log slot would pay phase 1 for every command; instead a node that
//! wants to lead runs phase 1 *once for all slots* with a ballot above every one it has
//! seen. Acceptors promise it and report every proposal they have accepted, in any
//! slot. With a majority of promises the node is the leader of its ballot: it
//! re-proposes, slot by slot, the highest-ballot value reported (a slot with a gap gets
//! a no-op, as Lamport's new leader does), and then gives each client value the next
//! free slot with phase 2 only — Accept(b, slot, v), Accepted to every learner, chosen
//! by a majority of one ballot.
//!
//! Node 1 runs for leader as soon as it starts (the distinguished proposer of epoch 1);
//! every other node waits. The leader sends a heartbeat every `T/2` that carries the
//! chosen log (and resends Accept for its slots not chosen yet), so followers learn what they missed, and followers forward client
//! values to the leader they heard last. A follower that hears nothing from a leader
//! for a random `2T..3T` runs for leader itself with a higher ballot; a leader that
//! sees a higher ballot steps down. Two candidates can duel, but the randomized timeouts
//! end the duel, and safety never depends on them: per slot this is exactly the
//! single-decree protocol of [`super::paxos`].
//!
//! For the comparison lab a node's outcome is the first non-no-op value of its log, once
//! every slot before it is known chosen (the first command its state machine applies).

use super::note::CommitNote;
use super::paxos::Ballot;
use super::view::{NodeView, Stance};
use super::{CommitConfig, CommitCtx, CommitMachine, CommitRequest, Decision, Outcome, Phase};
use crate::id::NodeId;
use crate::process::MessageInfo;
use crate::time::SimDuration;
use crate::vecmap::{VecMap, VecSet};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Log slots a run may fill.
pub const SLOTS_MAX: u32 = 64;
/// Client values a node keeps waiting for a leader.
pub const PENDING_MAX: usize = 16;
/// The value a new leader puts into a slot nobody had accepted anything in.
pub const NOOP: &str = "no-op";

/// Per-slot accepted proposals.
pub type AcceptedLog = VecMap<u32, (Ballot, String)>;

/// What survives a crash.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MultiPaxosDisk {
    /// The highest ballot promised (for every slot at once).
    pub promised: Ballot,
    /// The highest proposal accepted, per slot.
    pub accepted: AcceptedLog,
    /// Values learned as chosen, per slot.
    pub chosen: VecMap<u32, String>,
    /// The highest round seen.
    pub round_seen: u32,
}

impl MultiPaxosDisk {
    /// The first non-no-op chosen value with every earlier slot chosen.
    pub fn first_command(&self) -> Option<String> {
        for slot in 0..SLOTS_MAX {
            match self.chosen.get(&slot) {
                Some(v) if v == NOOP => continue,
                Some(v) => return Some(v.clone()),
                None => return None,
            }
        }
        None
    }
}

/// Messages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MultiPaxosMsg {
    /// Phase 1a, for every slot.
    Prepare {
        /// The ballot.
        ballot: Ballot,
    },
    /// Phase 1b with every accepted proposal.
    Promise {
        /// The ballot.
        ballot: Ballot,
        /// Accepted proposals by slot.
        accepted: AcceptedLog,
    },
    /// A refused Prepare or Accept.
    Reject {
        /// The refused ballot.
        ballot: Ballot,
        /// The acceptor's promise.
        promised: Ballot,
        /// Whether it refuses an Accept.
        accept: bool,
    },
    /// Phase 2a for one slot.
    Accept {
        /// The ballot.
        ballot: Ballot,
        /// The slot.
        slot: u32,
        /// The value.
        value: String,
    },
    /// Phase 2b, to every learner.
    Accepted {
        /// The ballot.
        ballot: Ballot,
        /// The slot.
        slot: u32,
        /// The value.
        value: String,
    },
    /// The leader is alive; here is the chosen log.
    Heartbeat {
        /// The leader's ballot.
        ballot: Ballot,
        /// Chosen values by slot.
        chosen: VecMap<u32, String>,
    },
    /// A follower passes a client value to the leader.
    Forward {
        /// The value.
        value: String,
    },
}

impl MessageInfo for MultiPaxosMsg {
    fn kind(&self) -> &'static str {
        match self {
            MultiPaxosMsg::Prepare { .. } => "Prepare",
            MultiPaxosMsg::Promise { .. } => "Promise",
            MultiPaxosMsg::Reject { .. } => "Reject",
            MultiPaxosMsg::Accept { .. } => "Accept",
            MultiPaxosMsg::Accepted { .. } => "Accepted",
            MultiPaxosMsg::Heartbeat { .. } => "Heartbeat",
            MultiPaxosMsg::Forward { .. } => "Forward",
        }
    }
    fn summary(&self) -> String {
        let b = |b: &Ballot| format!("({}, {})", b.round, b.node + 1);
        match self {
            MultiPaxosMsg::Prepare { ballot } => format!("Prepare {}", b(ballot)),
            MultiPaxosMsg::Promise { ballot, accepted } => {
                format!("Promise {} ({} accepted)", b(ballot), accepted.len())
            }
            MultiPaxosMsg::Reject {
                ballot, promised, ..
            } => {
                format!("Reject {} (promised {})", b(ballot), b(promised))
            }
            MultiPaxosMsg::Accept {
                ballot,
                slot,
                value,
            } => {
                format!("Accept {} slot {slot}: {value}", b(ballot))
            }
            MultiPaxosMsg::Accepted {
                ballot,
                slot,
                value,
            } => {
                format!("Accepted {} slot {slot}: {value}", b(ballot))
            }
            MultiPaxosMsg::Heartbeat { ballot, chosen } => {
                format!("Heartbeat {} ({} chosen)", b(ballot), chosen.len())
            }
            MultiPaxosMsg::Forward { value } => format!("Forward {value}"),
        }
    }
}

/// Timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MultiPaxosTimer {
    /// Leader: send a heartbeat.
    Heartbeat,
    /// Follower or candidate: no leader heard; run for leader.
    Election,
}

/// A node's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Follows the leader it heard last.
    Follower,
    /// Runs phase 1 for its ballot.
    Candidate,
    /// Completed phase 1: proposes with phase 2 only.
    Leader,
}

/// One node: acceptor and learner for every slot; candidate or leader when it must.
#[derive(Clone, Debug, Hash)]
pub struct MultiPaxosNode {
    id: NodeId,
    config: CommitConfig,
    disk: MultiPaxosDisk,
    role: Role,
    ballot: Ballot,
    promises: VecMap<NodeId, AcceptedLog>,
    next_slot: u32,
    leader: Option<NodeId>,
    pending: VecDeque<String>,
    /// Leader: what it proposed in each slot of its ballot (resent until chosen).
    proposed: VecMap<u32, String>,
    learned: VecMap<(u32, Ballot), (String, VecSet<NodeId>)>,
}

impl MultiPaxosNode {
    /// The durable state.
    pub fn records(&self) -> &MultiPaxosDisk {
        &self.disk
    }

    /// The role and the ballot it runs or leads with.
    pub fn role(&self) -> (Role, Ballot) {
        (self.role, self.ballot)
    }

    fn broadcast(&self, ctx: &mut CommitCtx, msg: MultiPaxosMsg) {
        for n in self.config.all() {
            ctx.send_datagram(n, msg.clone());
        }
    }

    fn election_timeout(&self, ctx: &mut CommitCtx) -> SimDuration {
        let p = self.config.patience().0;
        SimDuration(ctx.rng().between(p, p + p / 2))
    }

    fn follow(&mut self, ctx: &mut CommitCtx, leader: NodeId, ballot: Ballot) {
        if self.role != Role::Follower && ballot > self.ballot {
            ctx.note(CommitNote::Follow(leader.0 + 1));
            self.role = Role::Follower;
            ctx.cancel_timer(MultiPaxosTimer::Heartbeat);
        }
        if self.role == Role::Follower {
            self.leader = Some(leader);
            let t = self.election_timeout(ctx);
            ctx.set_timer(MultiPaxosTimer::Election, t);
        }
    }

    fn run_for_leader(&mut self, ctx: &mut CommitCtx) {
        self.disk.round_seen = self.disk.round_seen.saturating_add(1);
        self.ballot = Ballot {
            round: self.disk.round_seen,
            node: self.id.0,
        };
        self.role = Role::Candidate;
        self.leader = None;
        self.promises.clear();
        ctx.note(CommitNote::RunForLeader(self.ballot.round, self.id.0 + 1));
        self.broadcast(
            ctx,
            MultiPaxosMsg::Prepare {
                ballot: self.ballot,
            },
        );
        let t = self.election_timeout(ctx);
        ctx.set_timer(MultiPaxosTimer::Election, t);
    }

    fn in_log(&self, value: &str) -> bool {
        self.disk.chosen.values().any(|v| v == value)
            || self.disk.accepted.values().any(|(_, v)| v == value)
    }

    fn propose(&mut self, ctx: &mut CommitCtx, value: String) {
        if self.in_log(&value) {
            return;
        }
        if self.next_slot >= SLOTS_MAX {
            ctx.note(CommitNote::LogFull);
            return;
        }
        let slot = self.next_slot;
        self.next_slot += 1;
        self.accept(ctx, slot, value);
    }

    fn accept(&mut self, ctx: &mut CommitCtx, slot: u32, value: String) {
        self.proposed.insert(slot, value.clone());
        self.broadcast(
            ctx,
            MultiPaxosMsg::Accept {
                ballot: self.ballot,
                slot,
                value,
            },
        );
    }

    fn become_leader(&mut self, ctx: &mut CommitCtx) {
        self.role = Role::Leader;
        self.leader = Some(self.id);
        ctx.note(CommitNote::Lead);
        let mut merged: AcceptedLog = VecMap::new();
        for log in self.promises.values() {
            for (slot, (b, v)) in log.iter() {
                if merged.get(slot).is_none_or(|(mb, _)| b > mb) {
                    merged.insert(*slot, (*b, v.clone()));
                }
            }
        }
        let top = merged
            .keys()
            .chain(self.disk.chosen.keys())
            .map(|s| s + 1)
            .max()
            .unwrap_or(0);
        self.proposed.clear();
        for slot in 0..top.min(SLOTS_MAX) {
            let value = match (self.disk.chosen.get(&slot), merged.get(&slot)) {
                (Some(v), _) => v.clone(),
                (None, Some((_, v))) => v.clone(),
                (None, None) => NOOP.to_string(),
            };
            self.accept(ctx, slot, value);
        }
        self.next_slot = top;
        for (_, (_, v)) in merged.iter() {
            self.pending.retain(|p| p != v);
        }
        while let Some(v) = self.pending.pop_front() {
            self.propose(ctx, v);
        }
        ctx.cancel_timer(MultiPaxosTimer::Election);
        self.heartbeat(ctx);
    }

    fn heartbeat(&mut self, ctx: &mut CommitCtx) {
        let unchosen: Vec<(u32, String)> = self
            .proposed
            .iter()
            .filter(|(slot, _)| !self.disk.chosen.contains_key(slot))
            .map(|(s, v)| (*s, v.clone()))
            .collect();
        for (slot, value) in unchosen {
            self.broadcast(
                ctx,
                MultiPaxosMsg::Accept {
                    ballot: self.ballot,
                    slot,
                    value,
                },
            );
        }
        self.broadcast(
            ctx,
            MultiPaxosMsg::Heartbeat {
                ballot: self.ballot,
                chosen: self.disk.chosen.clone(),
            },
        );
        let half = SimDuration(self.config.timeout().0 / 2);
        ctx.set_timer(MultiPaxosTimer::Heartbeat, half);
    }

    fn learn(&mut self, slot: u32, value: String) {
        self.disk.chosen.entry(slot).or_insert(value);
        self.learned.retain(|(s, _), _| *s != slot);
    }

    fn hand_over_pending(&mut self, ctx: &mut CommitCtx) {
        let Some(leader) = self.leader else { return };
        let chosen = &self.disk.chosen;
        self.pending.retain(|v| !chosen.values().any(|c| c == v));
        for v in self.pending.clone() {
            ctx.send_datagram(leader, MultiPaxosMsg::Forward { value: v });
        }
    }
}

impl CommitMachine for MultiPaxosNode {
    type Msg = MultiPaxosMsg;
    type Timer = MultiPaxosTimer;
    type Disk = MultiPaxosDisk;

    fn boot(id: NodeId, config: &CommitConfig, disk: MultiPaxosDisk) -> Self {
        MultiPaxosNode {
            id,
            config: config.clone(),
            disk,
            role: Role::Follower,
            ballot: Ballot::default(),
            promises: VecMap::new(),
            next_slot: 0,
            leader: None,
            pending: VecDeque::new(),
            proposed: VecMap::new(),
            learned: VecMap::new(),
        }
    }

    fn disk(&self) -> MultiPaxosDisk {
        self.disk.clone()
    }

    fn on_start(&mut self, ctx: &mut CommitCtx) {
        if self.id == NodeId(0) && self.disk.round_seen == 0 {
            self.run_for_leader(ctx);
        } else {
            let t = self.election_timeout(ctx);
            ctx.set_timer(MultiPaxosTimer::Election, t);
        }
    }

    fn on_message(&mut self, ctx: &mut CommitCtx, from: NodeId, msg: MultiPaxosMsg) {
        match msg {
            MultiPaxosMsg::Prepare { ballot } => {
                self.disk.round_seen = self.disk.round_seen.max(ballot.round);
                if ballot > self.disk.promised {
                    self.disk.promised = ballot;
                    let accepted = self.disk.accepted.clone();
                    ctx.send_datagram(from, MultiPaxosMsg::Promise { ballot, accepted });
                    self.follow(ctx, from, ballot);
                } else {
                    let promised = self.disk.promised;
                    ctx.send_datagram(
                        from,
                        MultiPaxosMsg::Reject {
                            ballot,
                            promised,
                            accept: false,
                        },
                    );
                }
            }
            MultiPaxosMsg::Promise { ballot, accepted } => {
                if self.role == Role::Candidate && ballot == self.ballot {
                    self.promises.insert(from, accepted);
                    if self.promises.len() >= self.config.majority() {
                        self.become_leader(ctx);
                    }
                }
            }
            MultiPaxosMsg::Reject { promised, .. } => {
                self.disk.round_seen = self.disk.round_seen.max(promised.round);
                if self.role != Role::Follower && promised > self.ballot {
                    ctx.note(CommitNote::StepDown);
                    self.role = Role::Follower;
                    ctx.cancel_timer(MultiPaxosTimer::Heartbeat);
                    let t = self.election_timeout(ctx);
                    ctx.set_timer(MultiPaxosTimer::Election, t);
                }
            }
            MultiPaxosMsg::Accept {
                ballot,
                slot,
                value,
            } => {
                self.disk.round_seen = self.disk.round_seen.max(ballot.round);
                if ballot >= self.disk.promised && slot < SLOTS_MAX {
                    self.disk.promised = ballot;
                    self.disk.accepted.insert(slot, (ballot, value.clone()));
                    self.broadcast(
                        ctx,
                        MultiPaxosMsg::Accepted {
                            ballot,
                            slot,
                            value,
                        },
                    );
                    self.follow(ctx, from, ballot);
                } else {
                    let promised = self.disk.promised;
                    ctx.send_datagram(
                        from,
                        MultiPaxosMsg::Reject {
                            ballot,
                            promised,
                            accept: true,
                        },
                    );
                }
            }
            MultiPaxosMsg::Accepted {
                ballot,
                slot,
                value,
            } => {
                if self.disk.chosen.contains_key(&slot) {
                    return;
                }
                let entry = self
                    .learned
                    .entry((slot, ballot))
                    .or_insert_with(|| (value, VecSet::new()));
                entry.1.insert(from);
                if entry.1.len() >= self.config.majority() {
                    let v = entry.0.clone();
                    self.learn(slot, v);
                }
            }
            MultiPaxosMsg::Heartbeat { ballot, chosen } => {
                if ballot >= self.disk.promised {
                    self.disk.promised = ballot;
                    for (slot, v) in chosen.iter() {
                        self.learn(*slot, v.clone());
                    }
                    self.follow(ctx, from, ballot);
                    self.hand_over_pending(ctx);
                }
            }
            MultiPaxosMsg::Forward { value } => match self.role {
                Role::Leader => self.propose(ctx, value),
                _ if self.pending.len() < PENDING_MAX && !self.pending.contains(&value) => {
                    self.pending.push_back(value)
                }
                _ => {}
            },
        }
    }

    fn on_timer(&mut self, ctx: &mut CommitCtx, timer: MultiPaxosTimer) {
        match timer {
            MultiPaxosTimer::Heartbeat if self.role == Role::Leader => self.heartbeat(ctx),
            MultiPaxosTimer::Election if self.role != Role::Leader => self.run_for_leader(ctx),
            _ => {}
        }
    }

    fn on_request(&mut self, ctx: &mut CommitCtx, request: CommitRequest) {
        let CommitRequest::Propose(value) = request else {
            return;
        };
        if self.role == Role::Leader {
            self.propose(ctx, value);
            return;
        }
        if self.pending.len() < PENDING_MAX && !self.pending.contains(&value) {
            self.pending.push_back(value);
        }
        self.hand_over_pending(ctx);
    }

    fn status(&self) -> &'static str {
        match self.role {
            Role::Leader => "leading",
            Role::Candidate => "running for leader",
            Role::Follower if self.leader.is_some() => "following",
            Role::Follower => "looking",
        }
    }

    fn phase_of(msg: &MultiPaxosMsg) -> Option<Phase> {
        match msg {
            MultiPaxosMsg::Prepare { .. } | MultiPaxosMsg::Promise { .. } => Some(Phase::One),
            MultiPaxosMsg::Reject { accept: false, .. } => Some(Phase::One),
            MultiPaxosMsg::Reject { accept: true, .. } => Some(Phase::Two),
            MultiPaxosMsg::Accept { .. } | MultiPaxosMsg::Accepted { .. } => Some(Phase::Two),
            MultiPaxosMsg::Heartbeat { .. } | MultiPaxosMsg::Forward { .. } => None,
        }
    }

    fn is_request(msg: &MultiPaxosMsg) -> bool {
        matches!(
            msg,
            MultiPaxosMsg::Prepare { .. } | MultiPaxosMsg::Accept { .. }
        )
    }

    fn outcome(&self) -> Outcome {
        match self.disk.first_command() {
            Some(v) => Outcome::Committed(v),
            None => Outcome::Undecided,
        }
    }

    fn disk_decision(disk: &MultiPaxosDisk) -> Option<Decision> {
        disk.first_command().map(Decision::Commit)
    }

    fn view(&self) -> NodeView {
        let stance = match (self.disk.first_command(), self.role) {
            (Some(v), _) => Stance::Committed(v),
            (None, Role::Leader) => Stance::Leading,
            (None, Role::Follower) if self.leader.is_some() => Stance::Following,
            (None, _) => Stance::Looking,
        };
        NodeView {
            coordinator: self.role == Role::Leader,
            stance,
            promised: (self.disk.promised > Ballot::default()).then_some(self.disk.promised),
            accepted: self.disk.accepted.iter().next().map(|(_, p)| p.clone()),
        }
    }

    fn phase1_done(&self) -> bool {
        self.role == Role::Leader
    }
}
