//! Single-decree Paxos: proposers, acceptors and learners choosing one value.
//!
//! Lamport, "Paxos Made Simple" (ACM SIGACT News 32(4), 2001), §2. Every node is an
//! acceptor and a learner; a node becomes a proposer when a client hands it a value.
//! Ballots are `(round, node)` pairs, so two proposers never share one.
//! * Phase 1: a proposer picks a ballot above every ballot it has seen and sends
//!   Prepare(b) to all. An acceptor that has promised nothing higher promises `b`
//!   (durably) and answers Promise(b) carrying the highest proposal it has accepted;
//!   otherwise it answers with a rejection naming its promise.
//! * Phase 2: with promises from a majority the proposer sends Accept(b, v), where `v`
//!   is the value of the highest-ballot proposal among the promises — its own value only
//!   when none was accepted. An acceptor accepts unless it has promised a higher ballot
//!   since, records `(b, v)` durably and tells every learner with Accepted(b, v).
//! * A learner that hears Accepted(b, v) from a majority for one ballot has learned `v`
//!   is chosen. It writes the decision down and announces it (phase 3) to nodes that
//!   have not acknowledged it yet, every `T`, so nodes that were cut off or down catch
//!   up; a decided node answers any later Prepare or Accept with the decision.
//!
//! Two proposers can preempt each other for ever (each Prepare overtaking the other's
//! Accept): Lamport's livelock, which he breaks with a distinguished proposer. Here a
//! rejected proposer backs off for a random time, doubling its range on each rejection
//! (randomized exponential back-off), which ends the duel with probability one. Safety
//! never depends on timing: any two majorities intersect, so a later ballot's proposer
//! learns of, and re-proposes, any value that might have been chosen.

use super::note::CommitNote;
use super::view::{NodeView, Stance};
use super::{
    CommitConfig, CommitCtx, CommitFault, CommitMachine, CommitRequest, Decision, Outcome, Phase,
};
use crate::id::NodeId;
use crate::process::MessageInfo;
use crate::time::SimDuration;
use crate::vecmap::{VecMap, VecSet};
use serde::{Deserialize, Serialize};

/// A ballot number: (round, proposing node). Ordered by round, then node.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Ballot {
    /// The round.
    pub round: u32,
    /// The proposer's node index.
    pub node: u32,
}

/// Ballots a learner remembers at once (the oldest are forgotten first).
pub const LEARNED_BALLOTS_MAX: usize = 32;
/// Shortest back-off after a rejection.
pub const BACKOFF_BASE: SimDuration = SimDuration::from_millis(5);

/// An accepted proposal.
pub type Proposal = (Ballot, String);

/// What survives a crash: the acceptor's promise and acceptance, the learned value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PaxosDisk {
    /// The highest ballot promised.
    pub promised: Ballot,
    /// The highest proposal accepted.
    pub accepted: Option<Proposal>,
    /// The value learned as chosen.
    pub decided: Option<String>,
    /// The highest round seen in any ballot.
    pub round_seen: u32,
}

/// Messages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PaxosMsg {
    /// Phase 1a.
    Prepare {
        /// The ballot.
        ballot: Ballot,
    },
    /// Phase 1b.
    Promise {
        /// The ballot promised.
        ballot: Ballot,
        /// The highest proposal this acceptor accepted.
        accepted: Option<Proposal>,
    },
    /// A rejected Prepare (phase 1) or Accept (phase 2).
    Reject {
        /// The rejected ballot.
        ballot: Ballot,
        /// The acceptor's promise.
        promised: Ballot,
        /// Whether it rejects an Accept.
        accept: bool,
    },
    /// Phase 2a.
    Accept {
        /// The ballot.
        ballot: Ballot,
        /// The value.
        value: String,
    },
    /// Phase 2b, sent to every learner.
    Accepted {
        /// The ballot.
        ballot: Ballot,
        /// The value.
        value: String,
    },
    /// The value is chosen (phase 3).
    Decided {
        /// The value.
        value: String,
    },
    /// The announcement arrived.
    DecidedAck,
}

impl MessageInfo for PaxosMsg {
    fn kind(&self) -> &'static str {
        match self {
            PaxosMsg::Prepare { .. } => "Prepare",
            PaxosMsg::Promise { .. } => "Promise",
            PaxosMsg::Reject { .. } => "Reject",
            PaxosMsg::Accept { .. } => "Accept",
            PaxosMsg::Accepted { .. } => "Accepted",
            PaxosMsg::Decided { .. } => "Decided",
            PaxosMsg::DecidedAck => "DecidedAck",
        }
    }
    fn summary(&self) -> String {
        let b = |b: &Ballot| format!("({}, {})", b.round, b.node + 1);
        match self {
            PaxosMsg::Prepare { ballot } => format!("Prepare {}", b(ballot)),
            PaxosMsg::Promise { ballot, accepted } => match accepted {
                Some((ab, v)) => format!("Promise {} accepted {} {v}", b(ballot), b(ab)),
                None => format!("Promise {}", b(ballot)),
            },
            PaxosMsg::Reject {
                ballot, promised, ..
            } => format!("Reject {} (promised {})", b(ballot), b(promised)),
            PaxosMsg::Accept { ballot, value } => format!("Accept {} {value}", b(ballot)),
            PaxosMsg::Accepted { ballot, value } => format!("Accepted {} {value}", b(ballot)),
            PaxosMsg::Decided { value } => format!("Decided {value}"),
            PaxosMsg::DecidedAck => "DecidedAck".into(),
        }
    }
}

/// Timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PaxosTimer {
    /// Proposer: start a new round (after a back-off or a silent round).
    Retry,
    /// Learner: announce the decision again.
    Announce,
}

/// Where a proposer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Not proposing.
    Idle,
    /// Waiting for promises.
    Preparing,
    /// Waiting for acceptances.
    Accepting,
    /// Rejected; backing off.
    BackingOff,
}

/// One node: acceptor, learner, and proposer when asked.
#[derive(Clone, Debug, Hash)]
pub struct PaxosNode {
    id: NodeId,
    config: CommitConfig,
    disk: PaxosDisk,
    /// Proposer: the client's value.
    value: Option<String>,
    ballot: Ballot,
    stage: Stage,
    promises: VecMap<NodeId, Option<Proposal>>,
    rejections: u32,
    /// Learner: who accepted what, per ballot.
    learned: VecMap<Ballot, (String, VecSet<NodeId>)>,
    /// Nodes that acknowledged the decision.
    informed: VecSet<NodeId>,
}

impl PaxosNode {
    /// The durable state.
    pub fn records(&self) -> &PaxosDisk {
        &self.disk
    }

    /// The proposer's stage and ballot.
    pub fn proposer(&self) -> (Stage, Ballot) {
        (self.stage, self.ballot)
    }

    fn broadcast(&self, ctx: &mut CommitCtx, msg: PaxosMsg) {
        for n in self.config.all() {
            ctx.send_datagram(n, msg.clone());
        }
    }

    fn see(&mut self, b: Ballot) {
        self.disk.round_seen = self.disk.round_seen.max(b.round);
    }

    fn start_round(&mut self, ctx: &mut CommitCtx) {
        if self.disk.decided.is_some() || self.value.is_none() {
            self.stage = Stage::Idle;
            return;
        }
        self.disk.round_seen = self.disk.round_seen.saturating_add(1);
        self.ballot = Ballot {
            round: self.disk.round_seen,
            node: self.id.0,
        };
        self.stage = Stage::Preparing;
        self.promises.clear();
        ctx.note(CommitNote::Propose(self.ballot.round, self.id.0 + 1));
        self.broadcast(
            ctx,
            PaxosMsg::Prepare {
                ballot: self.ballot,
            },
        );
        let t = self.config.timeout().0;
        let wait = ctx.rng().between(t, 2 * t);
        ctx.set_timer(PaxosTimer::Retry, SimDuration(wait));
    }

    fn back_off(&mut self, ctx: &mut CommitCtx) {
        self.stage = Stage::BackingOff;
        self.rejections = self.rejections.saturating_add(1);
        let range = (BACKOFF_BASE.0 << self.rejections.min(8)).min(self.config.timeout().0);
        let wait = ctx.rng().between(BACKOFF_BASE.0, range.max(BACKOFF_BASE.0));
        ctx.note(CommitNote::BackOff(wait / 1000));
        ctx.set_timer(PaxosTimer::Retry, SimDuration(wait));
    }

    fn learn(&mut self, ctx: &mut CommitCtx, value: String) {
        if self.disk.decided.is_none() {
            ctx.note(CommitNote::Learned(value.clone()));
            self.disk.decided = Some(value);
            self.stage = Stage::Idle;
            ctx.cancel_timer(PaxosTimer::Retry);
            self.informed.insert(self.id);
            self.announce(ctx);
        }
    }

    fn announce(&mut self, ctx: &mut CommitCtx) {
        let Some(value) = self.disk.decided.clone() else {
            return;
        };
        let todo: Vec<NodeId> = self
            .config
            .all()
            .filter(|n| !self.informed.contains(n))
            .collect();
        if todo.is_empty() {
            return;
        }
        for n in todo {
            ctx.send_datagram(
                n,
                PaxosMsg::Decided {
                    value: value.clone(),
                },
            );
        }
        ctx.set_timer(PaxosTimer::Announce, self.config.timeout());
    }

    fn on_accepted(&mut self, ctx: &mut CommitCtx, from: NodeId, ballot: Ballot, value: String) {
        let entry = self
            .learned
            .entry(ballot)
            .or_insert_with(|| (value, VecSet::new()));
        entry.1.insert(from);
        let chosen = (entry.1.len() >= self.config.majority()).then(|| entry.0.clone());
        while self.learned.len() > LEARNED_BALLOTS_MAX {
            self.learned.pop_first();
        }
        if let Some(v) = chosen {
            self.learn(ctx, v);
        }
    }
}

impl CommitMachine for PaxosNode {
    type Msg = PaxosMsg;
    type Timer = PaxosTimer;
    type Disk = PaxosDisk;

    fn boot(id: NodeId, config: &CommitConfig, disk: PaxosDisk) -> Self {
        PaxosNode {
            id,
            config: config.clone(),
            disk,
            value: None,
            ballot: Ballot::default(),
            stage: Stage::Idle,
            promises: VecMap::new(),
            rejections: 0,
            learned: VecMap::new(),
            informed: VecSet::new(),
        }
    }

    fn disk(&self) -> PaxosDisk {
        self.disk.clone()
    }

    fn on_start(&mut self, ctx: &mut CommitCtx) {
        if self.disk.decided.is_some() {
            self.informed.insert(self.id);
            self.announce(ctx);
        }
    }

    fn on_message(&mut self, ctx: &mut CommitCtx, from: NodeId, msg: PaxosMsg) {
        if let Some(value) = self.disk.decided.clone() {
            match msg {
                PaxosMsg::DecidedAck => {
                    self.informed.insert(from);
                }
                PaxosMsg::Decided { .. } => ctx.send_datagram(from, PaxosMsg::DecidedAck),
                PaxosMsg::Prepare { .. } | PaxosMsg::Accept { .. } => {
                    ctx.send_datagram(from, PaxosMsg::Decided { value })
                }
                _ => {}
            }
            return;
        }
        match msg {
            PaxosMsg::Prepare { ballot } => {
                self.see(ballot);
                if ballot > self.disk.promised {
                    self.disk.promised = ballot;
                    let accepted = self.disk.accepted.clone();
                    ctx.send_datagram(from, PaxosMsg::Promise { ballot, accepted });
                } else {
                    let promised = self.disk.promised;
                    ctx.send_datagram(
                        from,
                        PaxosMsg::Reject {
                            ballot,
                            promised,
                            accept: false,
                        },
                    );
                }
            }
            PaxosMsg::Promise { ballot, accepted } => {
                if self.stage != Stage::Preparing || ballot != self.ballot {
                    return;
                }
                self.promises.insert(from, accepted);
                if self.promises.len() >= self.config.majority() {
                    let highest = self
                        .promises
                        .values()
                        .flatten()
                        .max_by(|a, b| a.0.cmp(&b.0))
                        .map(|(_, v)| v.clone());
                    let mut own = self.value.clone().unwrap_or_default();
                    let highest = match self.config.fault {
                        CommitFault::IgnorePromisedValues => None,
                        CommitFault::InventValue => {
                            own.push('!');
                            None
                        }
                        _ => highest,
                    };
                    let value = match highest {
                        Some(v) => {
                            if v != own {
                                ctx.note(CommitNote::AdoptValue(v.clone(), own.clone()));
                            }
                            v
                        }
                        None => own,
                    };
                    self.stage = Stage::Accepting;
                    self.broadcast(
                        ctx,
                        PaxosMsg::Accept {
                            ballot: self.ballot,
                            value,
                        },
                    );
                }
            }
            PaxosMsg::Reject {
                ballot, promised, ..
            } => {
                self.see(promised);
                if ballot == self.ballot
                    && matches!(self.stage, Stage::Preparing | Stage::Accepting)
                {
                    self.back_off(ctx);
                }
            }
            PaxosMsg::Accept { ballot, value } => {
                self.see(ballot);
                if ballot >= self.disk.promised {
                    self.disk.promised = ballot;
                    self.disk.accepted = Some((ballot, value.clone()));
                    self.broadcast(ctx, PaxosMsg::Accepted { ballot, value });
                } else {
                    let promised = self.disk.promised;
                    ctx.send_datagram(
                        from,
                        PaxosMsg::Reject {
                            ballot,
                            promised,
                            accept: true,
                        },
                    );
                }
            }
            PaxosMsg::Accepted { ballot, value } => self.on_accepted(ctx, from, ballot, value),
            PaxosMsg::Decided { value } => {
                self.learn(ctx, value);
                ctx.send_datagram(from, PaxosMsg::DecidedAck);
            }
            PaxosMsg::DecidedAck => {}
        }
    }

    fn on_timer(&mut self, ctx: &mut CommitCtx, timer: PaxosTimer) {
        match timer {
            PaxosTimer::Retry => self.start_round(ctx),
            PaxosTimer::Announce => self.announce(ctx),
        }
    }

    fn on_request(&mut self, ctx: &mut CommitCtx, request: CommitRequest) {
        match request {
            CommitRequest::Propose(value) => {
                if self.disk.decided.is_some() {
                    ctx.note(CommitNote::AlreadyDecided);
                    return;
                }
                if self.value.is_none() {
                    self.value = Some(value);
                }
                if matches!(self.stage, Stage::Idle) {
                    self.rejections = 0;
                    self.start_round(ctx);
                }
            }
            CommitRequest::SetVote { .. } => {}
        }
    }

    fn status(&self) -> &'static str {
        if self.disk.decided.is_some() {
            return "decided";
        }
        match self.stage {
            Stage::Preparing => "preparing",
            Stage::Accepting => "accepting",
            Stage::BackingOff => "backing off",
            Stage::Idle if self.disk.accepted.is_some() => "accepted",
            Stage::Idle if self.disk.promised > Ballot::default() => "promised",
            Stage::Idle => "idle",
        }
    }

    fn phase_of(msg: &PaxosMsg) -> Option<Phase> {
        match msg {
            PaxosMsg::Prepare { .. } | PaxosMsg::Promise { .. } => Some(Phase::One),
            PaxosMsg::Reject { accept: false, .. } => Some(Phase::One),
            PaxosMsg::Reject { accept: true, .. } => Some(Phase::Two),
            PaxosMsg::Accept { .. } | PaxosMsg::Accepted { .. } => Some(Phase::Two),
            PaxosMsg::Decided { .. } | PaxosMsg::DecidedAck => Some(Phase::Three),
        }
    }

    fn is_request(msg: &PaxosMsg) -> bool {
        matches!(
            msg,
            PaxosMsg::Prepare { .. } | PaxosMsg::Accept { .. } | PaxosMsg::Decided { .. }
        )
    }

    fn outcome(&self) -> Outcome {
        match &self.disk.decided {
            Some(v) => Outcome::Committed(v.clone()),
            None => Outcome::Undecided,
        }
    }

    fn disk_decision(disk: &PaxosDisk) -> Option<Decision> {
        disk.decided.clone().map(Decision::Commit)
    }

    fn view(&self) -> NodeView {
        let stance = match (&self.disk.decided, self.stage) {
            (Some(v), _) => Stance::Committed(v.clone()),
            (None, Stage::Preparing) => Stance::Preparing,
            (None, Stage::Accepting) => Stance::Accepting,
            (None, Stage::BackingOff) => Stance::BackingOff,
            (None, Stage::Idle) => Stance::Idle,
        };
        NodeView {
            coordinator: self.id.0 == 0,
            stance,
            promised: (self.disk.promised > Ballot::default()).then_some(self.disk.promised),
            accepted: self.disk.accepted.clone(),
        }
    }

    fn phase1_done(&self) -> bool {
        self.stage == Stage::Accepting
            || (self.stage == Stage::Preparing && self.promises.len() >= self.config.majority())
    }
}
