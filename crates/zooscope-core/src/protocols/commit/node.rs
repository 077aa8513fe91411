//! [`CommitNode`]: the one kernel protocol of the commit and consensus lanes.
//!
//! 2PC, 3PC, Paxos and Multi-Paxos are four state machines ([`CommitMachine`]); the
//! kernel runs them as one `Protocol`, a node being one of the four, chosen by
//! [`CommitConfig::protocol`]. So every commit lane is a `World<CommitNode>` and the
//! lab (and the web bundle) carries one copy of the kernel, its trace and the lane
//! driver for all four, not one per protocol. Messages, timers and disks are the sum of
//! the four machines' own; a message or timer hashes as the machine's own value (no
//! variant tag), so trace hashes are those of the four protocols run on their own.

use super::multipaxos::{MultiPaxosDisk, MultiPaxosMsg, MultiPaxosNode, MultiPaxosTimer};
use super::note::CommitNote;
use super::paxos::{PaxosDisk, PaxosMsg, PaxosNode, PaxosTimer};
use super::threepc::{ThreePcDisk, ThreePcMsg, ThreePcNode, ThreePcTimer};
use super::twopc::{TwoPcDisk, TwoPcMsg, TwoPcNode, TwoPcTimer};
use super::view::NodeView;
use super::violation::CommitViolation;
use super::{CommitConfig, CommitProtocol, CommitRequest, Decision, Outcome, Phase};
use crate::id::NodeId;
use crate::process::{Ctx, MessageInfo, NodeInit, Protocol};
use std::hash::{Hash, Hasher};

/// The kernel context a commit machine acts through.
pub type CommitCtx<'a> = Ctx<'a, CommitNode>;

/// One commit or consensus state machine, as [`CommitNode`] runs it.
pub trait CommitMachine: Sized {
    /// Its messages.
    type Msg;
    /// Its timers.
    type Timer;
    /// What survives its crash.
    type Disk: Default;
    /// Create the process of node `id` from its disk.
    fn boot(id: NodeId, config: &CommitConfig, disk: Self::Disk) -> Self;
    /// Its disk now.
    fn disk(&self) -> Self::Disk;
    /// The process started.
    fn on_start(&mut self, ctx: &mut CommitCtx);
    /// A message arrived.
    fn on_message(&mut self, ctx: &mut CommitCtx, from: NodeId, msg: Self::Msg);
    /// A timer fired.
    fn on_timer(&mut self, ctx: &mut CommitCtx, timer: Self::Timer);
    /// A script's request.
    fn on_request(&mut self, ctx: &mut CommitCtx, request: CommitRequest);
    /// A one-word state label.
    fn status(&self) -> &'static str;
    /// The phase of a message (None for traffic outside the phases, like heartbeats).
    fn phase_of(msg: &Self::Msg) -> Option<Phase>;
    /// Whether a message asks for replies (starts a round trip).
    fn is_request(msg: &Self::Msg) -> bool;
    /// What this node knows about the outcome.
    fn outcome(&self) -> Outcome;
    /// The decision on this disk, if any (what a crashed node had decided).
    fn disk_decision(disk: &Self::Disk) -> Option<Decision>;
    /// Whether this node, coordinating, has every phase-1 reply it waits for.
    fn phase1_done(&self) -> bool;
    /// What the page shows of this node.
    fn view(&self) -> NodeView;
}

/// A node of a commit lane: one of the four machines.
#[derive(Clone, Debug, Hash)]
pub enum CommitNode {
    /// Two-phase commit.
    TwoPc(TwoPcNode),
    /// Three-phase commit.
    ThreePc(ThreePcNode),
    /// Single-decree Paxos.
    Paxos(PaxosNode),
    /// Multi-Paxos.
    MultiPaxos(MultiPaxosNode),
}

/// A message of a commit lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommitMsg {
    /// 2PC.
    TwoPc(TwoPcMsg),
    /// 3PC.
    ThreePc(ThreePcMsg),
    /// Paxos.
    Paxos(PaxosMsg),
    /// Multi-Paxos.
    MultiPaxos(MultiPaxosMsg),
}

/// A timer of a commit lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CommitTimer {
    /// 2PC.
    TwoPc(TwoPcTimer),
    /// 3PC.
    ThreePc(ThreePcTimer),
    /// Paxos.
    Paxos(PaxosTimer),
    /// Multi-Paxos.
    MultiPaxos(MultiPaxosTimer),
}

/// The disk of a commit lane's node (`Blank` before its first boot).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum CommitDisk {
    /// Never written.
    #[default]
    Blank,
    /// 2PC.
    TwoPc(TwoPcDisk),
    /// 3PC.
    ThreePc(ThreePcDisk),
    /// Paxos.
    Paxos(PaxosDisk),
    /// Multi-Paxos.
    MultiPaxos(MultiPaxosDisk),
}

/// `match` over the four variants of `$enum`, binding each variant's value to `$x`.
macro_rules! each {
    ($value:expr, $enum:ident, $x:ident => $body:expr) => {
        match $value {
            $enum::TwoPc($x) => $body,
            $enum::ThreePc($x) => $body,
            $enum::Paxos($x) => $body,
            $enum::MultiPaxos($x) => $body,
        }
    };
}

macro_rules! into_sum {
    ($($variant:ident: $msg:ty, $timer:ty;)+) => {
        $(
            impl From<$msg> for CommitMsg {
                fn from(m: $msg) -> Self {
                    CommitMsg::$variant(m)
                }
            }
            impl From<$timer> for CommitTimer {
                fn from(t: $timer) -> Self {
                    CommitTimer::$variant(t)
                }
            }
        )+
    };
}

into_sum! {
    TwoPc: TwoPcMsg, TwoPcTimer;
    ThreePc: ThreePcMsg, ThreePcTimer;
    Paxos: PaxosMsg, PaxosTimer;
    MultiPaxos: MultiPaxosMsg, MultiPaxosTimer;
}

impl Hash for CommitMsg {
    fn hash<H: Hasher>(&self, state: &mut H) {
        each!(self, CommitMsg, m => m.hash(state))
    }
}

impl Hash for CommitTimer {
    fn hash<H: Hasher>(&self, state: &mut H) {
        each!(self, CommitTimer, t => t.hash(state))
    }
}

impl MessageInfo for CommitMsg {
    fn kind(&self) -> &'static str {
        each!(self, CommitMsg, m => m.kind())
    }
    fn summary(&self) -> String {
        each!(self, CommitMsg, m => m.summary())
    }
}

impl CommitNode {
    /// Which protocol this node runs.
    pub fn protocol(&self) -> CommitProtocol {
        match self {
            CommitNode::TwoPc(_) => CommitProtocol::TwoPc,
            CommitNode::ThreePc(_) => CommitProtocol::ThreePc,
            CommitNode::Paxos(_) => CommitProtocol::Paxos,
            CommitNode::MultiPaxos(_) => CommitProtocol::MultiPaxos,
        }
    }

    /// The phase of a message (None for traffic outside the phases, like heartbeats).
    pub fn phase_of(msg: &CommitMsg) -> Option<Phase> {
        match msg {
            CommitMsg::TwoPc(m) => TwoPcNode::phase_of(m),
            CommitMsg::ThreePc(m) => ThreePcNode::phase_of(m),
            CommitMsg::Paxos(m) => PaxosNode::phase_of(m),
            CommitMsg::MultiPaxos(m) => MultiPaxosNode::phase_of(m),
        }
    }

    /// Whether a message asks for replies (starts a round trip).
    pub fn is_request(msg: &CommitMsg) -> bool {
        match msg {
            CommitMsg::TwoPc(m) => TwoPcNode::is_request(m),
            CommitMsg::ThreePc(m) => ThreePcNode::is_request(m),
            CommitMsg::Paxos(m) => PaxosNode::is_request(m),
            CommitMsg::MultiPaxos(m) => MultiPaxosNode::is_request(m),
        }
    }

    /// What this node knows about the outcome.
    pub fn outcome(&self) -> Outcome {
        each!(self, CommitNode, n => n.outcome())
    }

    /// Whether this node, coordinating, has every phase-1 reply it waits for.
    pub fn phase1_done(&self) -> bool {
        each!(self, CommitNode, n => n.phase1_done())
    }

    /// What the page shows of this node.
    pub fn view(&self) -> NodeView {
        each!(self, CommitNode, n => n.view())
    }

    /// The decision on a disk, if any (what a crashed node had decided).
    pub fn disk_decision(disk: &CommitDisk) -> Option<Decision> {
        match disk {
            CommitDisk::Blank => None,
            CommitDisk::TwoPc(d) => TwoPcNode::disk_decision(d),
            CommitDisk::ThreePc(d) => ThreePcNode::disk_decision(d),
            CommitDisk::Paxos(d) => PaxosNode::disk_decision(d),
            CommitDisk::MultiPaxos(d) => MultiPaxosNode::disk_decision(d),
        }
    }
}

impl Protocol for CommitNode {
    type Msg = CommitMsg;
    type Timer = CommitTimer;
    type Request = CommitRequest;
    type Disk = CommitDisk;
    type Spec = ();
    type Config = CommitConfig;
    type Note = CommitNote;
    type ViolationDetail = CommitViolation;
    const NAME: &'static str = "commit";

    fn check_shared_config(config: &CommitConfig) -> Result<(), String> {
        config.check_shared()
    }

    fn initial_nodes(config: &CommitConfig) -> Vec<NodeInit<()>> {
        config.initial_nodes()
    }

    fn boot(id: NodeId, _spec: &(), config: &CommitConfig, disk: CommitDisk) -> Self {
        match (config.protocol, disk) {
            (CommitProtocol::TwoPc, CommitDisk::TwoPc(d)) => {
                CommitNode::TwoPc(TwoPcNode::boot(id, config, d))
            }
            (CommitProtocol::TwoPc, _) => {
                CommitNode::TwoPc(TwoPcNode::boot(id, config, Default::default()))
            }
            (CommitProtocol::ThreePc, CommitDisk::ThreePc(d)) => {
                CommitNode::ThreePc(ThreePcNode::boot(id, config, d))
            }
            (CommitProtocol::ThreePc, _) => {
                CommitNode::ThreePc(ThreePcNode::boot(id, config, Default::default()))
            }
            (CommitProtocol::Paxos, CommitDisk::Paxos(d)) => {
                CommitNode::Paxos(PaxosNode::boot(id, config, d))
            }
            (CommitProtocol::Paxos, _) => {
                CommitNode::Paxos(PaxosNode::boot(id, config, Default::default()))
            }
            (CommitProtocol::MultiPaxos, CommitDisk::MultiPaxos(d)) => {
                CommitNode::MultiPaxos(MultiPaxosNode::boot(id, config, d))
            }
            (CommitProtocol::MultiPaxos, _) => {
                CommitNode::MultiPaxos(MultiPaxosNode::boot(id, config, Default::default()))
            }
        }
    }

    fn disk(&self) -> CommitDisk {
        match self {
            CommitNode::TwoPc(n) => CommitDisk::TwoPc(n.disk()),
            CommitNode::ThreePc(n) => CommitDisk::ThreePc(n.disk()),
            CommitNode::Paxos(n) => CommitDisk::Paxos(n.disk()),
            CommitNode::MultiPaxos(n) => CommitDisk::MultiPaxos(n.disk()),
        }
    }

    fn on_start(&mut self, ctx: &mut CommitCtx) {
        each!(self, CommitNode, n => n.on_start(ctx))
    }

    fn on_message(&mut self, ctx: &mut CommitCtx, from: NodeId, msg: CommitMsg) {
        // A message of another protocol cannot reach a node: every node of a world runs
        // the protocol of its config.
        match (self, msg) {
            (CommitNode::TwoPc(n), CommitMsg::TwoPc(m)) => n.on_message(ctx, from, m),
            (CommitNode::ThreePc(n), CommitMsg::ThreePc(m)) => n.on_message(ctx, from, m),
            (CommitNode::Paxos(n), CommitMsg::Paxos(m)) => n.on_message(ctx, from, m),
            (CommitNode::MultiPaxos(n), CommitMsg::MultiPaxos(m)) => n.on_message(ctx, from, m),
            _ => {}
        }
    }

    fn on_timer(&mut self, ctx: &mut CommitCtx, timer: CommitTimer) {
        match (self, timer) {
            (CommitNode::TwoPc(n), CommitTimer::TwoPc(t)) => n.on_timer(ctx, t),
            (CommitNode::ThreePc(n), CommitTimer::ThreePc(t)) => n.on_timer(ctx, t),
            (CommitNode::Paxos(n), CommitTimer::Paxos(t)) => n.on_timer(ctx, t),
            (CommitNode::MultiPaxos(n), CommitTimer::MultiPaxos(t)) => n.on_timer(ctx, t),
            _ => {}
        }
    }

    fn on_request(&mut self, ctx: &mut CommitCtx, request: CommitRequest) {
        each!(self, CommitNode, n => n.on_request(ctx, request))
    }

    fn status(&self) -> &'static str {
        each!(self, CommitNode, n => n.status())
    }
}
