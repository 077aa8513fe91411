//! The sans-IO process interface every protocol implements.
//!
//! ```text
//!            kernel (World)                       protocol node (P)
//!  queue ──► pop event ──► on_message / on_timer / on_link / on_request ──► &mut Ctx
//!                                                                            │ effects
//!  queue ◄── schedule  ◄── Send / SetTimer / CancelTimer / Connect / Note ◄──┘
//! ```
//!
//! A node never sees the queue, the network or another node. It reads the time and its
//! own random stream from [`Ctx`] and records effects there; the kernel carries them
//! out after the handler returns. Durable state (what the protocol wrote to its disk)
//! is handed back by [`Protocol::disk`] when the node crashes and given to
//! [`Protocol::boot`] when it restarts; everything else is lost.

use crate::hash::StableHasher;
use crate::id::NodeId;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt::{Debug, Display};
use std::hash::Hash;

/// What a message looks like to the kernel and the UI.
pub trait MessageInfo {
    /// A short, stable label for the kind of message ("vote", "PROPOSAL", "ping", ...),
    /// used by the legend, the filters and the sequence diagram.
    fn kind(&self) -> &'static str;
    /// A one-line human summary of the message's content.
    fn summary(&self) -> String {
        self.kind().to_string()
    }
}

/// Connection events on a FIFO stream between two nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkEvent {
    /// The connection to the peer is established (both ends are told).
    Connected,
    /// An attempt to connect did not succeed (peer down or unreachable).
    ConnectFailed,
    /// The peer closed the connection, or its process died (the OS reset the socket).
    Disconnected,
}

/// A description of one node to create (a server, a client, ...), protocol-defined.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NodeInit<S> {
    /// The protocol's description of the node.
    pub spec: S,
    /// Whether the node's process is started at time zero.
    pub running: bool,
}

/// A protocol family: the type of one node plus its message, timer and config types.
pub trait Protocol: Clone + Debug + Hash + Sized + 'static {
    /// Messages nodes exchange.
    type Msg: Clone + Debug + Hash + MessageInfo;
    /// Named timers; setting one that is already set re-arms it.
    type Timer: Copy + Debug + Hash + Ord;
    /// Requests the user (or a scripted client) hands to a node.
    type Request: Clone + Debug + Hash + PartialEq + Serialize + DeserializeOwned;
    /// What survives a crash.
    type Disk: Clone + Debug + Default;
    /// The description of one node.
    type Spec: Clone + Debug + Hash + PartialEq + Serialize + DeserializeOwned;
    /// Configuration of a whole run.
    type Config: Clone + Debug + Hash + PartialEq + Serialize + DeserializeOwned;
    /// What a node explains in the trace: typed data the UI words in its own language.
    /// `Display` is the English trace line; `Hash` must hash that text exactly as a
    /// `String` would (see [`crate::hash::hash_as_text`]) so run fingerprints stay put.
    type Note: Clone + Debug + Display + Hash + PartialEq;
    /// What an invariant reports when it breaks (same `Display`/`Hash` contract).
    type ViolationDetail: Clone + Debug + Display + Hash + PartialEq + Eq;

    /// A short stable name, stored in reproduction keys ("pingpong", "zookeeper", ...).
    const NAME: &'static str;

    /// Check a config read from a reproduction key or a run file: it must hold only what
    /// the lab's own controls can set (valid values, no test-only faults).
    fn check_shared_config(config: &Self::Config) -> Result<(), String> {
        let _ = config;
        Ok(())
    }

    /// The nodes a run starts with.
    fn initial_nodes(config: &Self::Config) -> Vec<NodeInit<Self::Spec>>;
    /// Create a node's process from its spec and what its disk holds.
    fn boot(id: NodeId, spec: &Self::Spec, config: &Self::Config, disk: Self::Disk) -> Self;
    /// What this node has written to its disk (kept across a crash).
    fn disk(&self) -> Self::Disk;

    /// The process has started (after boot or restart).
    fn on_start(&mut self, ctx: &mut Ctx<Self>);
    /// A message arrived.
    fn on_message(&mut self, ctx: &mut Ctx<Self>, from: NodeId, msg: Self::Msg);
    /// A timer this node set has fired.
    fn on_timer(&mut self, ctx: &mut Ctx<Self>, timer: Self::Timer);
    /// A stream connection changed state.
    fn on_link(&mut self, ctx: &mut Ctx<Self>, peer: NodeId, event: LinkEvent) {
        let _ = (ctx, peer, event);
    }
    /// A request from the user or a script.
    fn on_request(&mut self, ctx: &mut Ctx<Self>, request: Self::Request);

    /// A one-word label of the node's visible state ("LEADING", "idle"); a change of it is
    /// a state-change event in the trace (what the lab's "Next" button stops at).
    fn status(&self) -> &'static str;
}

/// How a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Transport {
    /// A FIFO connection with TCP-like semantics: in order, lost when it breaks.
    Stream,
    /// An independent datagram: may be lost, duplicated or reordered.
    Datagram,
}

/// One effect a handler asks the kernel to carry out.
#[derive(Clone, Debug)]
pub enum Effect<P: Protocol> {
    /// Send a message.
    Send {
        /// Destination node.
        to: NodeId,
        /// The message.
        msg: P::Msg,
        /// Stream or datagram.
        transport: Transport,
    },
    /// Arm (or re-arm) a named timer.
    SetTimer {
        /// Which timer.
        timer: P::Timer,
        /// Fires this long from now.
        after: SimDuration,
    },
    /// Disarm a named timer (no-op when not armed).
    CancelTimer(P::Timer),
    /// Open a stream connection to a peer.
    Connect(NodeId),
    /// Close the stream connection to a peer.
    Disconnect(NodeId),
    /// A line for the trace, explaining what the node did and why.
    Note(P::Note),
}

/// The handler's window on the world: the time, its random stream, its effect buffer.
pub struct Ctx<'a, P: Protocol> {
    pub(crate) me: NodeId,
    pub(crate) now: SimTime,
    pub(crate) rng: &'a mut SimRng,
    pub(crate) effects: &'a mut Vec<Effect<P>>,
}

impl<'a, P: Protocol> Ctx<'a, P> {
    /// A context over the given buffer (the kernel uses this; so can unit tests).
    pub fn new(
        me: NodeId,
        now: SimTime,
        rng: &'a mut SimRng,
        effects: &'a mut Vec<Effect<P>>,
    ) -> Self {
        Ctx {
            me,
            now,
            rng,
            effects,
        }
    }

    /// This node's id.
    pub fn me(&self) -> NodeId {
        self.me
    }

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// This node's own random stream.
    pub fn rng(&mut self) -> &mut SimRng {
        self.rng
    }

    /// Send `msg` to `to` over the FIFO stream connection.
    pub fn send(&mut self, to: NodeId, msg: impl Into<P::Msg>) {
        self.effects.push(Effect::Send {
            to,
            msg: msg.into(),
            transport: Transport::Stream,
        });
    }

    /// Send `msg` to `to` as an unordered datagram.
    pub fn send_datagram(&mut self, to: NodeId, msg: impl Into<P::Msg>) {
        self.effects.push(Effect::Send {
            to,
            msg: msg.into(),
            transport: Transport::Datagram,
        });
    }

    /// Arm `timer` to fire `after` from now (re-arms it if already set).
    pub fn set_timer(&mut self, timer: impl Into<P::Timer>, after: SimDuration) {
        self.effects.push(Effect::SetTimer {
            timer: timer.into(),
            after,
        });
    }

    /// Disarm `timer`.
    pub fn cancel_timer(&mut self, timer: impl Into<P::Timer>) {
        self.effects.push(Effect::CancelTimer(timer.into()));
    }

    /// Open a stream connection to `peer`; the answer comes as a [`LinkEvent`].
    pub fn connect(&mut self, peer: NodeId) {
        self.effects.push(Effect::Connect(peer));
    }

    /// Close the stream connection to `peer`.
    pub fn disconnect(&mut self, peer: NodeId) {
        self.effects.push(Effect::Disconnect(peer));
    }

    /// Explain something in the trace.
    pub fn note(&mut self, note: impl Into<P::Note>) {
        self.effects.push(Effect::Note(note.into()));
    }

    /// The effects recorded so far (for handler unit tests).
    pub fn effects(&self) -> &[Effect<P>] {
        self.effects
    }
}

/// Fingerprint helper: the stable hash of any protocol value.
pub fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    StableHasher::hash_of(value)
}
