//! Three-phase commit with the timeout-based termination rule.
//!
//! Skeen, "Nonblocking Commit Protocols" (SIGMOD 1981), as taught in Bernstein,
//! Hadzilacos and Goodman, *Concurrency Control and Recovery in Database Systems*
//! (1987, §7.5). 3PC puts a *pre-committed* state between "voted yes" and "committed"
//! so that no node can commit while another is still merely uncertain; a node that
//! hears nothing can then decide alone by a timeout instead of blocking.
//!
//! Node 1 coordinates (and votes itself); nodes 2..n participate.
//! * Phase 1: the coordinator writes a begin record and sends CanCommit; participants
//!   answer yes (writing *voted* to disk) or no (aborting at once). A no, or a reply
//!   missing after `T`, makes the coordinator abort and send ABORT.
//! * Phase 2: with every reply yes the coordinator writes *pre-committed* and sends
//!   PreCommit; participants write *pre-committed* and acknowledge. Acks missing after
//!   `T` do not stop it: every vote was yes, so it goes on (BHG's rule).
//! * Phase 3: the coordinator writes COMMIT and sends DoCommit; participants commit.
//!
//! The termination rule of the textbook protocol, by timeout: a participant that
//! voted yes and gets no PreCommit within `2T` aborts; one that is pre-committed and
//! gets no DoCommit within `2T` commits. A participant that restarts undecided first
//! asks the coordinator (Query, answered with the logged decision) and applies the same
//! rule to what its disk holds if no answer comes within `2T`. Without partitions this never blocks and stays atomic. Under a
//! partition it splits: if the first PreCommit reached a node on one side and the rest
//! are cut off, the pre-committed side commits by its timeout while the other side,
//! which only voted, aborts by its own — the well-known inconsistency that consensus
//! protocols (Paxos, ZAB) were needed to remove.

use super::note::{CommitNote, ThreePcAbort};
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
pub struct ThreePcDisk {
    /// This node votes no.
    pub votes_no: bool,
    /// The transaction's value (coordinator: begun; participant: voted yes).
    pub value: Option<String>,
    /// Pre-committed.
    pub precommitted: bool,
    /// The decision record.
    pub decision: Option<Decision>,
}

/// Messages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ThreePcMsg {
    /// Phase 1: can you commit `value`?
    CanCommit {
        /// The value.
        value: String,
    },
    /// Phase 1 reply.
    Reply {
        /// Yes or no.
        yes: bool,
    },
    /// Phase 2: prepare to commit.
    PreCommit,
    /// Phase 2 reply.
    PreAck,
    /// Phase 3: commit.
    DoCommit,
    /// Abort (instead of PreCommit).
    Abort,
    /// A restarted, undecided participant asks the coordinator for the outcome.
    Query,
}

impl MessageInfo for ThreePcMsg {
    fn kind(&self) -> &'static str {
        match self {
            ThreePcMsg::CanCommit { .. } => "CanCommit",
            ThreePcMsg::Reply { yes: true } => "Yes",
            ThreePcMsg::Reply { yes: false } => "No",
            ThreePcMsg::PreCommit => "PreCommit",
            ThreePcMsg::PreAck => "ACK",
            ThreePcMsg::DoCommit => "DoCommit",
            ThreePcMsg::Abort => "Abort",
            ThreePcMsg::Query => "Query",
        }
    }
    fn summary(&self) -> String {
        match self {
            ThreePcMsg::CanCommit { value } => format!("CanCommit {value}?"),
            other => other.kind().to_string(),
        }
    }
}

/// Timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ThreePcTimer {
    /// Coordinator: replies to CanCommit are late.
    Replies,
    /// Coordinator: acks to PreCommit are late.
    Acks,
    /// Participant: the coordinator's next message is late.
    Wait,
}

/// One node.
#[derive(Clone, Debug, Hash)]
pub struct ThreePcNode {
    id: NodeId,
    config: CommitConfig,
    disk: ThreePcDisk,
    replied: VecSet<NodeId>,
    acked: VecSet<NodeId>,
    /// Coordinator: which phase it waits in (1 or 2; 0 when not waiting).
    waiting: u8,
}

impl ThreePcNode {
    /// Whether this node coordinates.
    pub fn is_coordinator(&self) -> bool {
        self.id == COORDINATOR
    }

    /// The durable records.
    pub fn records(&self) -> &ThreePcDisk {
        &self.disk
    }

    fn participants(&self) -> Vec<NodeId> {
        self.config.all().filter(|&p| p != COORDINATOR).collect()
    }

    fn broadcast(&self, ctx: &mut CommitCtx, msg: ThreePcMsg) {
        for p in self.participants() {
            ctx.send_datagram(p, msg.clone());
        }
    }

    fn abort(&mut self, ctx: &mut CommitCtx, why: ThreePcAbort) {
        ctx.note(CommitNote::ThreePcAbort(why));
        self.waiting = 0;
        ctx.cancel_timer(ThreePcTimer::Replies);
        self.disk.decision = Some(Decision::Abort);
        self.broadcast(ctx, ThreePcMsg::Abort);
    }

    fn precommit(&mut self, ctx: &mut CommitCtx) {
        ctx.cancel_timer(ThreePcTimer::Replies);
        self.disk.precommitted = true;
        self.waiting = 2;
        self.broadcast(ctx, ThreePcMsg::PreCommit);
        ctx.set_timer(ThreePcTimer::Acks, self.config.timeout());
    }

    fn commit(&mut self, ctx: &mut CommitCtx) {
        ctx.cancel_timer(ThreePcTimer::Acks);
        self.waiting = 0;
        let value = self.disk.value.clone().unwrap_or_default();
        self.disk.decision = Some(Decision::Commit(value));
        self.broadcast(ctx, ThreePcMsg::DoCommit);
    }

    fn participant_decides(&mut self, decision: Decision) {
        if self.disk.decision.is_none() {
            self.disk.decision = Some(decision);
        }
    }

    /// The termination rule: what a participant does when the coordinator is silent.
    fn terminate(&mut self, ctx: &mut CommitCtx) {
        if self.disk.decision.is_some() || self.disk.value.is_none() {
            return;
        }
        if self.disk.precommitted {
            ctx.note(CommitNote::PreCommittedCommit);
            let value = self.disk.value.clone().unwrap_or_default();
            self.participant_decides(Decision::Commit(value));
        } else {
            ctx.note(CommitNote::NoPreCommitAbort);
            self.participant_decides(Decision::Abort);
        }
    }
}

impl CommitMachine for ThreePcNode {
    type Msg = ThreePcMsg;
    type Timer = ThreePcTimer;
    type Disk = ThreePcDisk;

    fn boot(id: NodeId, config: &CommitConfig, disk: ThreePcDisk) -> Self {
        ThreePcNode {
            id,
            config: config.clone(),
            disk,
            replied: VecSet::new(),
            acked: VecSet::new(),
            waiting: 0,
        }
    }

    fn disk(&self) -> ThreePcDisk {
        self.disk.clone()
    }

    fn on_start(&mut self, ctx: &mut CommitCtx) {
        if !self.is_coordinator() {
            if self.disk.decision.is_none() && self.disk.value.is_some() {
                ctx.note(CommitNote::RecoverAsk);
                ctx.send_datagram(COORDINATOR, ThreePcMsg::Query);
                ctx.set_timer(ThreePcTimer::Wait, self.config.patience());
            }
            return;
        }
        match (
            &self.disk.decision,
            self.disk.precommitted,
            &self.disk.value,
        ) {
            (Some(Decision::Commit(_)), _, _) => self.broadcast(ctx, ThreePcMsg::DoCommit),
            (Some(Decision::Abort), _, _) => self.broadcast(ctx, ThreePcMsg::Abort),
            (None, true, _) => {
                ctx.note(CommitNote::RecoverPreCommitted);
                self.commit(ctx);
            }
            (None, false, Some(_)) => self.abort(ctx, ThreePcAbort::CrashedInPhase1),
            (None, false, None) => {}
        }
    }

    fn on_message(&mut self, ctx: &mut CommitCtx, from: NodeId, msg: ThreePcMsg) {
        if self.is_coordinator() {
            match msg {
                ThreePcMsg::Reply { yes } => {
                    self.replied.insert(from);
                    if self.waiting != 1 {
                        return;
                    }
                    if !yes && self.config.fault != CommitFault::IgnoreNoVotes {
                        self.abort(ctx, ThreePcAbort::VotedNo(from.0 + 1));
                    } else if self.replied.len() == self.participants().len() {
                        self.precommit(ctx);
                    }
                }
                ThreePcMsg::PreAck => {
                    self.acked.insert(from);
                    if self.waiting == 2 && self.acked.len() == self.participants().len() {
                        self.commit(ctx);
                    }
                }
                ThreePcMsg::Query => match &self.disk.decision {
                    Some(Decision::Commit(_)) => ctx.send_datagram(from, ThreePcMsg::DoCommit),
                    Some(Decision::Abort) => ctx.send_datagram(from, ThreePcMsg::Abort),
                    None => {}
                },
                _ => {}
            }
            return;
        }
        match msg {
            ThreePcMsg::CanCommit { value } => {
                let yes = match &self.disk.decision {
                    Some(d) => matches!(d, Decision::Commit(_)),
                    None if self.disk.votes_no => {
                        self.participant_decides(Decision::Abort);
                        false
                    }
                    None => {
                        self.disk.value = Some(value);
                        ctx.set_timer(ThreePcTimer::Wait, self.config.patience());
                        true
                    }
                };
                ctx.send_datagram(from, ThreePcMsg::Reply { yes });
            }
            ThreePcMsg::PreCommit => {
                if self.disk.decision.is_none() {
                    self.disk.precommitted = true;
                    ctx.set_timer(ThreePcTimer::Wait, self.config.patience());
                }
                ctx.send_datagram(from, ThreePcMsg::PreAck);
            }
            ThreePcMsg::DoCommit => {
                let value = self.disk.value.clone().unwrap_or_default();
                self.participant_decides(Decision::Commit(value));
            }
            ThreePcMsg::Abort => self.participant_decides(Decision::Abort),
            _ => {}
        }
    }

    fn on_timer(&mut self, ctx: &mut CommitCtx, timer: ThreePcTimer) {
        match timer {
            ThreePcTimer::Replies if self.waiting == 1 => {
                self.abort(ctx, ThreePcAbort::ReplyMissing)
            }
            ThreePcTimer::Acks if self.waiting == 2 => {
                ctx.note(CommitNote::AckMissingCommit);
                self.commit(ctx);
            }
            ThreePcTimer::Wait => self.terminate(ctx),
            _ => {}
        }
    }

    fn on_request(&mut self, ctx: &mut CommitCtx, request: CommitRequest) {
        match request {
            CommitRequest::SetVote { yes } => self.disk.votes_no = !yes,
            CommitRequest::Propose(value) if self.is_coordinator() => {
                if self.disk.value.is_some() {
                    ctx.note(CommitNote::AlreadyCoordinating);
                    return;
                }
                self.disk.value = Some(value.clone());
                if self.disk.votes_no {
                    self.abort(ctx, ThreePcAbort::OwnVoteNo);
                    return;
                }
                self.waiting = 1;
                self.broadcast(ctx, ThreePcMsg::CanCommit { value });
                ctx.set_timer(ThreePcTimer::Replies, self.config.timeout());
            }
            CommitRequest::Propose(_) => ctx.note(CommitNote::OnlyCoordinatorStarts),
        }
    }

    fn status(&self) -> &'static str {
        match (
            &self.disk.decision,
            self.disk.precommitted,
            &self.disk.value,
        ) {
            (Some(Decision::Commit(_)), _, _) => "committed",
            (Some(Decision::Abort), _, _) => "aborted",
            (None, true, _) => "pre-committed",
            (None, false, Some(_)) => "voted",
            (None, false, None) => "idle",
        }
    }

    fn phase_of(msg: &ThreePcMsg) -> Option<Phase> {
        match msg {
            ThreePcMsg::CanCommit { .. } | ThreePcMsg::Reply { .. } => Some(Phase::One),
            ThreePcMsg::PreCommit | ThreePcMsg::PreAck | ThreePcMsg::Abort => Some(Phase::Two),
            ThreePcMsg::DoCommit | ThreePcMsg::Query => Some(Phase::Three),
        }
    }

    fn is_request(msg: &ThreePcMsg) -> bool {
        matches!(
            msg,
            ThreePcMsg::CanCommit { .. } | ThreePcMsg::PreCommit | ThreePcMsg::Query
        )
    }

    fn outcome(&self) -> Outcome {
        match &self.disk.decision {
            Some(d) => d.outcome(),
            None => Outcome::Undecided,
        }
    }

    fn disk_decision(disk: &ThreePcDisk) -> Option<Decision> {
        disk.decision.clone()
    }

    fn view(&self) -> NodeView {
        let stance = match (
            &self.disk.decision,
            self.disk.precommitted,
            &self.disk.value,
        ) {
            (Some(Decision::Commit(v)), _, _) => Stance::Committed(v.clone()),
            (Some(Decision::Abort), _, _) => Stance::Aborted,
            (None, true, _) => Stance::PreCommitted,
            (None, false, Some(_)) if self.is_coordinator() => Stance::Collecting,
            (None, false, Some(_)) => Stance::Prepared,
            (None, false, None) => Stance::Idle,
        };
        NodeView::of(stance, self.is_coordinator())
    }

    fn phase1_done(&self) -> bool {
        self.is_coordinator() && self.replied.len() == self.participants().len()
    }
}
