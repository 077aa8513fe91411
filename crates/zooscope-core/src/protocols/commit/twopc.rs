//! Two-phase commit with presumed abort.
//!
//! The protocol of Gray, "Notes on Data Base Operating Systems" (1978, §5.8.3), in the
//! form of Bernstein, Hadzilacos and Goodman, *Concurrency Control and Recovery in
//! Database Systems* (1987, §7.3–7.4), with the presumed-abort optimisation of Mohan,
//! Lindsay and Obermarck (1986).
//!
//! Node 1 is the coordinator and also votes on its own share of the work; nodes 2..n
//! are participants. Phase 1: the coordinator writes a *begin* record and sends PREPARE
//! to every participant. A participant that votes yes first forces a *prepared* record
//! to its disk, then answers; from then on it may not decide alone: it is *uncertain*.
//! A participant that votes no aborts at once. Phase 2: with every vote yes the
//! coordinator forces its *commit* decision to its log — the commit point — and only
//! then sends COMMIT; a no vote or a vote that does not arrive within `T` makes it
//! abort and send ABORT. Participants acknowledge COMMIT; the coordinator resends it to
//! those that have not acknowledged every `T`.
//!
//! *Presumed abort*: a coordinator with no decision for a transaction answers "abort",
//! so aborts need no forced record nor acknowledgements. An uncertain participant asks
//! the coordinator every `2T` (and again when it restarts from its prepared record);
//! while the coordinator is down or cut off, the participant stays uncertain — the
//! famous blocking of 2PC. A coordinator that restarts reads its log: a logged decision
//! is sent again; a begin record without a decision means it crashed in phase 1, so it
//! aborts. Participants do not ask each other (the cooperative termination protocol of
//! BHG §7.4 is left out), which keeps the blocking exactly where the textbook puts it.

use super::note::CommitNote;
use super::view::{NodeView, Stance};
use super::{
    CommitConfig, CommitCtx, CommitFault, CommitMachine, CommitRequest, Decision, Outcome, Phase,
    COORDINATOR,
};
use crate::id::NodeId;
use crate::process::MessageInfo;
use crate::vecmap::VecSet;
use serde::{Deserialize, Serialize};

/// What survives a crash.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TwoPcDisk {
    /// This node votes no (the state of its local resource).
    pub votes_no: bool,
    /// Coordinator: the begin record, with the value.
    pub begun: Option<String>,
    /// Participant: the prepared record (voted yes on this value).
    pub prepared: Option<String>,
    /// The decision record.
    pub decision: Option<Decision>,
}

/// Messages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TwoPcMsg {
    /// Coordinator → participant: vote on committing `value`.
    Prepare {
        /// The transaction's value.
        value: String,
    },
    /// Participant → coordinator: the vote.
    Vote {
        /// Yes or no.
        yes: bool,
    },
    /// Coordinator → participant: commit.
    Commit {
        /// The value.
        value: String,
    },
    /// Coordinator → participant: abort.
    Abort,
    /// Participant → coordinator: the commit is done.
    Ack,
    /// Uncertain participant → coordinator: what was decided?
    Query,
}

impl MessageInfo for TwoPcMsg {
    fn kind(&self) -> &'static str {
        match self {
            TwoPcMsg::Prepare { .. } => "PREPARE",
            TwoPcMsg::Vote { yes: true } => "YES",
            TwoPcMsg::Vote { yes: false } => "NO",
            TwoPcMsg::Commit { .. } => "COMMIT",
            TwoPcMsg::Abort => "ABORT",
            TwoPcMsg::Ack => "ACK",
            TwoPcMsg::Query => "QUERY",
        }
    }
    fn summary(&self) -> String {
        match self {
            TwoPcMsg::Prepare { value } => format!("PREPARE {value}"),
            TwoPcMsg::Commit { value } => format!("COMMIT {value}"),
            other => other.kind().to_string(),
        }
    }
}

/// Timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TwoPcTimer {
    /// Coordinator: the votes are late.
    Votes,
    /// Coordinator: resend COMMIT to those that have not acknowledged.
    Resend,
    /// Uncertain participant: ask the coordinator.
    Ask,
}

/// One node: the coordinator (node 1) or a participant.
#[derive(Clone, Debug, Hash)]
pub struct TwoPcNode {
    id: NodeId,
    config: CommitConfig,
    disk: TwoPcDisk,
    /// Coordinator: collecting votes.
    collecting: bool,
    /// Coordinator: participants whose vote arrived.
    voted: VecSet<NodeId>,
    /// Coordinator: participants that acknowledged COMMIT.
    acked: VecSet<NodeId>,
}

impl TwoPcNode {
    /// Whether this node coordinates.
    pub fn is_coordinator(&self) -> bool {
        self.id == COORDINATOR
    }

    /// The durable records.
    pub fn records(&self) -> &TwoPcDisk {
        &self.disk
    }

    fn participants(&self) -> impl Iterator<Item = NodeId> {
        self.config.all().filter(|&p| p != COORDINATOR)
    }

    fn decide(&mut self, ctx: &mut CommitCtx, decision: Decision) {
        ctx.cancel_timer(TwoPcTimer::Votes);
        self.collecting = false;
        ctx.note(match &decision {
            Decision::Commit(v) => CommitNote::LogCommit(v.clone()),
            Decision::Abort => CommitNote::PresumedAbortSent,
        });
        self.disk.decision = Some(decision);
        self.announce(ctx);
    }

    fn decision_msg(&self) -> Option<TwoPcMsg> {
        match self.disk.decision.as_ref()? {
            Decision::Commit(value) => Some(TwoPcMsg::Commit {
                value: value.clone(),
            }),
            Decision::Abort => Some(TwoPcMsg::Abort),
        }
    }

    fn announce(&mut self, ctx: &mut CommitCtx) {
        let Some(msg) = self.decision_msg() else {
            return;
        };
        let pending: Vec<NodeId> = self
            .participants()
            .filter(|p| !self.acked.contains(p))
            .collect();
        for p in pending {
            ctx.send_datagram(p, msg.clone());
        }
        if matches!(msg, TwoPcMsg::Commit { .. }) {
            ctx.set_timer(TwoPcTimer::Resend, self.config.timeout());
        }
    }

    fn begin(&mut self, ctx: &mut CommitCtx, value: String) {
        if self.disk.begun.is_some() || self.disk.decision.is_some() {
            ctx.note(CommitNote::AlreadyCoordinating);
            return;
        }
        self.disk.begun = Some(value.clone());
        if self.disk.votes_no {
            ctx.note(CommitNote::OwnVoteNo);
            self.decide(ctx, Decision::Abort);
            return;
        }
        self.collecting = true;
        let ps: Vec<NodeId> = self.participants().collect();
        for p in ps {
            ctx.send_datagram(
                p,
                TwoPcMsg::Prepare {
                    value: value.clone(),
                },
            );
        }
        ctx.set_timer(TwoPcTimer::Votes, self.config.timeout());
    }

    fn coordinator_hears(&mut self, ctx: &mut CommitCtx, from: NodeId, msg: TwoPcMsg) {
        match msg {
            TwoPcMsg::Vote { yes } => {
                self.voted.insert(from);
                if !self.collecting {
                    return;
                }
                if !yes && self.config.fault != CommitFault::IgnoreNoVotes {
                    ctx.note(CommitNote::VotedNo(from.0 + 1));
                    self.decide(ctx, Decision::Abort);
                } else if self.voted.len() == self.participants().count() {
                    let value = self.disk.begun.clone().unwrap_or_default();
                    self.decide(ctx, Decision::Commit(value));
                }
            }
            TwoPcMsg::Ack => {
                self.acked.insert(from);
                if self.acked.len() == self.participants().count() {
                    ctx.cancel_timer(TwoPcTimer::Resend);
                }
            }
            TwoPcMsg::Query => {
                if let Some(msg) = self.decision_msg() {
                    ctx.send_datagram(from, msg);
                } else if !self.collecting {
                    ctx.note(CommitNote::PresumedAbort);
                    ctx.send_datagram(from, TwoPcMsg::Abort);
                }
            }
            _ => {}
        }
    }

    fn participant_hears(&mut self, ctx: &mut CommitCtx, from: NodeId, msg: TwoPcMsg) {
        match msg {
            TwoPcMsg::Prepare { value } => {
                let yes = match &self.disk.decision {
                    Some(Decision::Abort) => false,
                    Some(Decision::Commit(_)) => true,
                    None if self.disk.votes_no => {
                        ctx.note(CommitNote::VoteNoAbort);
                        self.disk.decision = Some(Decision::Abort);
                        false
                    }
                    None => {
                        ctx.note(CommitNote::ForcePrepared(value.clone()));
                        self.disk.prepared = Some(value);
                        ctx.set_timer(TwoPcTimer::Ask, self.config.patience());
                        true
                    }
                };
                ctx.send_datagram(from, TwoPcMsg::Vote { yes });
            }
            TwoPcMsg::Commit { value } => {
                if self.disk.decision.is_none() {
                    self.disk.decision = Some(Decision::Commit(value));
                    ctx.cancel_timer(TwoPcTimer::Ask);
                }
                ctx.send_datagram(from, TwoPcMsg::Ack);
            }
            TwoPcMsg::Abort if self.disk.decision.is_none() => {
                self.disk.decision = Some(Decision::Abort);
                ctx.cancel_timer(TwoPcTimer::Ask);
            }
            _ => {}
        }
    }
}

impl CommitMachine for TwoPcNode {
    type Msg = TwoPcMsg;
    type Timer = TwoPcTimer;
    type Disk = TwoPcDisk;

    fn boot(id: NodeId, config: &CommitConfig, disk: TwoPcDisk) -> Self {
        TwoPcNode {
            id,
            config: config.clone(),
            disk,
            collecting: false,
            voted: VecSet::new(),
            acked: VecSet::new(),
        }
    }

    fn disk(&self) -> TwoPcDisk {
        self.disk.clone()
    }

    fn on_start(&mut self, ctx: &mut CommitCtx) {
        if self.is_coordinator() {
            if self.disk.decision.is_some() {
                ctx.note(CommitNote::RecoverResend);
                self.announce(ctx);
            } else if self.disk.begun.is_some() {
                ctx.note(CommitNote::RecoverAbort);
                self.decide(ctx, Decision::Abort);
            }
        } else if self.disk.prepared.is_some() && self.disk.decision.is_none() {
            ctx.note(CommitNote::RecoverUncertain);
            ctx.send_datagram(COORDINATOR, TwoPcMsg::Query);
            ctx.set_timer(TwoPcTimer::Ask, self.config.patience());
        }
    }

    fn on_message(&mut self, ctx: &mut CommitCtx, from: NodeId, msg: TwoPcMsg) {
        if self.is_coordinator() {
            self.coordinator_hears(ctx, from, msg);
        } else {
            self.participant_hears(ctx, from, msg);
        }
    }

    fn on_timer(&mut self, ctx: &mut CommitCtx, timer: TwoPcTimer) {
        match timer {
            TwoPcTimer::Votes if self.collecting => {
                ctx.note(CommitNote::VoteMissing);
                self.decide(ctx, Decision::Abort);
            }
            TwoPcTimer::Resend => self.announce(ctx),
            TwoPcTimer::Ask if self.disk.decision.is_none() => {
                ctx.note(CommitNote::StillUncertain);
                ctx.send_datagram(COORDINATOR, TwoPcMsg::Query);
                ctx.set_timer(TwoPcTimer::Ask, self.config.patience());
            }
            _ => {}
        }
    }

    fn on_request(&mut self, ctx: &mut CommitCtx, request: CommitRequest) {
        match request {
            CommitRequest::SetVote { yes } => self.disk.votes_no = !yes,
            CommitRequest::Propose(value) if self.is_coordinator() => self.begin(ctx, value),
            CommitRequest::Propose(_) => ctx.note(CommitNote::OnlyCoordinatorStarts),
        }
    }

    fn status(&self) -> &'static str {
        match (&self.disk.decision, &self.disk.prepared) {
            (Some(Decision::Commit(_)), _) => "committed",
            (Some(Decision::Abort), _) => "aborted",
            (None, Some(_)) => "uncertain",
            (None, None) if self.collecting => "collecting votes",
            (None, None) => "idle",
        }
    }

    fn phase_of(msg: &TwoPcMsg) -> Option<Phase> {
        match msg {
            TwoPcMsg::Prepare { .. } | TwoPcMsg::Vote { .. } => Some(Phase::One),
            _ => Some(Phase::Two),
        }
    }

    fn is_request(msg: &TwoPcMsg) -> bool {
        matches!(
            msg,
            TwoPcMsg::Prepare { .. } | TwoPcMsg::Commit { .. } | TwoPcMsg::Query
        )
    }

    fn outcome(&self) -> Outcome {
        match (&self.disk.decision, &self.disk.prepared) {
            (Some(d), _) => d.outcome(),
            (None, Some(_)) => Outcome::Uncertain,
            (None, None) => Outcome::Undecided,
        }
    }

    fn disk_decision(disk: &TwoPcDisk) -> Option<Decision> {
        disk.decision.clone()
    }

    fn view(&self) -> NodeView {
        let stance = match (&self.disk.decision, &self.disk.prepared) {
            (Some(Decision::Commit(v)), _) => Stance::Committed(v.clone()),
            (Some(Decision::Abort), _) => Stance::Aborted,
            (None, Some(_)) => Stance::Prepared,
            (None, None) if self.collecting => Stance::Collecting,
            (None, None) => Stance::Idle,
        };
        NodeView::of(stance, self.is_coordinator())
    }

    fn phase1_done(&self) -> bool {
        self.is_coordinator() && self.voted.len() == self.participants().count()
    }
}
