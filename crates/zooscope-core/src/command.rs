//! User commands: everything a learner, a script or a fuzzer can do to a run.
//!
//! Commands are data. They are logged with the step and time at which they were applied,
//! and that log (with the seed and config) is the reproduction key of a run.

use crate::id::{MsgId, NodeId};
use crate::net::NetConfig;
use crate::process::{NodeInit, Protocol};
use crate::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One user action. `R` is the protocol's request type, `S` its node spec type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Command<R, S> {
    /// Kill a node's process; its disk survives.
    Crash(NodeId),
    /// Start a stopped node's process again from its disk.
    Restart(NodeId),
    /// Freeze a node (like a long GC pause): its events wait until it resumes.
    Pause(NodeId),
    /// Unfreeze a paused node.
    Resume(NodeId),
    /// Split nodes into groups that cannot talk to each other.
    Partition(Vec<Vec<NodeId>>),
    /// Cut the path from one node to another (and back, unless one-way).
    CutLink {
        /// Sender side.
        from: NodeId,
        /// Receiver side.
        to: NodeId,
        /// Only `from → to` is cut.
        one_way: bool,
    },
    /// Restore the path between two nodes in both directions.
    HealLink(NodeId, NodeId),
    /// Remove every partition, cut and clog.
    Heal,
    /// Hold messages on the path from one node to another.
    Clog(NodeId, NodeId),
    /// Release a clogged path.
    Unclog(NodeId, NodeId),
    /// Change latency, loss, duplication.
    SetNet(NetConfig),
    /// Lose one chosen in-flight message.
    DropMessage(MsgId),
    /// Hold back one chosen in-flight message (later ones on its stream wait too).
    DelayMessage(MsgId, SimDuration),
    /// Hand a request to a node (a client operation, a config change, ...).
    Request(NodeId, R),
    /// Add a node to the run.
    AddNode(NodeInit<S>),
}

/// The command type of protocol `P`.
pub type CommandOf<P> = Command<<P as Protocol>::Request, <P as Protocol>::Spec>;

/// A command as logged: applied after `at_step` events, at simulated time `at_time`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Logged<C> {
    /// How many events had been processed when it was applied.
    pub at_step: u64,
    /// The clock when it was applied.
    pub at_time: SimTime,
    /// The command.
    pub command: C,
}

/// Why a command could not be applied. The run is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    /// The command names a node that does not exist.
    NoSuchNode(NodeId),
    /// The command names a message that is not in flight.
    NoSuchMessage(MsgId),
    /// The node is not in a state the command applies to.
    WrongState {
        /// The node.
        node: NodeId,
        /// What the command needed.
        expected: &'static str,
    },
    /// The command's parameters are invalid.
    Invalid(String),
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::NoSuchNode(n) => write!(f, "there is no node {}", n.0),
            CommandError::NoSuchMessage(m) => write!(f, "message {m} is not in flight"),
            CommandError::WrongState { node, expected } => {
                write!(f, "node {} is not {expected}", node.0)
            }
            CommandError::Invalid(why) => write!(f, "invalid command: {why}"),
        }
    }
}

impl std::error::Error for CommandError {}

impl<R: fmt::Debug, S: fmt::Debug> fmt::Display for Command<R, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Crash(n) => write!(f, "crash node {}", n.0),
            Command::Restart(n) => write!(f, "restart node {}", n.0),
            Command::Pause(n) => write!(f, "pause node {}", n.0),
            Command::Resume(n) => write!(f, "resume node {}", n.0),
            Command::Partition(groups) => {
                let parts: Vec<String> = groups
                    .iter()
                    .map(|g| {
                        g.iter()
                            .map(|n| n.0.to_string())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                write!(f, "partition {}", parts.join(" | "))
            }
            Command::CutLink { from, to, one_way } => {
                let arrow = if *one_way { "->" } else { "<->" };
                write!(f, "cut {} {arrow} {}", from.0, to.0)
            }
            Command::HealLink(a, b) => write!(f, "heal {} <-> {}", a.0, b.0),
            Command::Heal => write!(f, "heal all"),
            Command::Clog(a, b) => write!(f, "clog {} -> {}", a.0, b.0),
            Command::Unclog(a, b) => write!(f, "unclog {} -> {}", a.0, b.0),
            Command::SetNet(c) => write!(
                f,
                "network delay {}+exp({})us loss {}‰ dup {}‰",
                c.delay_us_min, c.delay_us_mean, c.loss_permille, c.duplicate_permille
            ),
            Command::DropMessage(m) => write!(f, "drop message {m}"),
            Command::DelayMessage(m, d) => write!(f, "delay message {m} by {d}"),
            Command::Request(n, r) => write!(f, "request to node {}: {r:?}", n.0),
            Command::AddNode(init) => write!(f, "add node {:?}", init.spec),
        }
    }
}
