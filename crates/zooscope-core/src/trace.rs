//! The trace: every event of a run, numbered, bounded in memory, and fingerprinted.
//!
//! The ring keeps the newest `capacity` events for the UI's log and diagrams; the
//! running 64-bit hash covers *every* event ever recorded, so two runs agree on the hash
//! exactly when they agree event by event, however long they are.

use crate::command::CommandOf;
use crate::hash::StableHasher;
use crate::id::{MsgId, NodeId};
use crate::note::TraceNote;
use crate::process::{LinkEvent, MessageInfo, Protocol, Transport};
use crate::time::SimTime;
use std::collections::VecDeque;
use std::fmt;
use std::hash::{Hash, Hasher};

/// Why a message never arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// Random datagram loss.
    Loss,
    /// A partition or cut blocks the path.
    Partition,
    /// A stream send without an established connection.
    NotConnected,
    /// The connection broke while the message was in flight.
    ConnectionBroken,
    /// The receiver's process is not running.
    ReceiverDown,
    /// The learner dropped it.
    ByUser,
    /// Too many messages in flight.
    PathFull,
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DropReason::Loss => "lost",
            DropReason::Partition => "blocked by partition",
            DropReason::NotConnected => "no connection",
            DropReason::ConnectionBroken => "connection broken",
            DropReason::ReceiverDown => "receiver down",
            DropReason::ByUser => "dropped by user",
            DropReason::PathFull => "path full",
        })
    }
}

/// What happened.
#[derive(Clone, Debug, Hash)]
pub enum TraceKind<P: Protocol> {
    /// A message was delivered and handled.
    Delivered {
        /// The message id.
        id: MsgId,
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
        /// When it was sent.
        sent_at: SimTime,
        /// How it travelled.
        transport: Transport,
        /// The message.
        msg: P::Msg,
    },
    /// A message was lost.
    Dropped {
        /// The message id.
        id: MsgId,
        /// Sender.
        from: NodeId,
        /// Intended receiver.
        to: NodeId,
        /// The message's kind label.
        kind: &'static str,
        /// Why.
        reason: DropReason,
    },
    /// A timer fired.
    Timer {
        /// The node.
        node: NodeId,
        /// Which timer.
        timer: P::Timer,
    },
    /// A connection event reached a node.
    Link {
        /// The node told.
        node: NodeId,
        /// The other end.
        peer: NodeId,
        /// What happened.
        event: LinkEvent,
    },
    /// A user command was applied.
    Command(CommandOf<P>),
    /// The kernel or a protocol explained a step.
    Note {
        /// Who.
        node: NodeId,
        /// What, as data (its `Display` is the trace's English line).
        note: TraceNote<P>,
    },
    /// A node's visible state changed.
    Status {
        /// The node.
        node: NodeId,
        /// Old state label.
        from: &'static str,
        /// New state label.
        to: &'static str,
    },
    /// A safety property broke.
    Violation {
        /// The invariant's name.
        invariant: &'static str,
        /// What is wrong, as data (its `Display` is the trace's English line).
        details: P::ViolationDetail,
    },
}

/// One numbered trace entry.
#[derive(Clone, Debug, Hash)]
pub struct TraceEvent<P: Protocol> {
    /// Sequence number in the whole run (0-based).
    pub seq: u64,
    /// The kernel step this entry belongs to (events processed so far, this one included).
    pub step: u64,
    /// Simulated time.
    pub time: SimTime,
    /// What happened.
    pub kind: TraceKind<P>,
}

impl<P: Protocol> TraceEvent<P> {
    /// The node this event is about, if one.
    pub fn node(&self) -> Option<NodeId> {
        match &self.kind {
            TraceKind::Delivered { to, .. } => Some(*to),
            TraceKind::Dropped { from, .. } => Some(*from),
            TraceKind::Timer { node, .. }
            | TraceKind::Link { node, .. }
            | TraceKind::Note { node, .. }
            | TraceKind::Status { node, .. } => Some(*node),
            TraceKind::Command(_) | TraceKind::Violation { .. } => None,
        }
    }

    /// A short category name for log filters.
    pub fn category(&self) -> &'static str {
        match &self.kind {
            TraceKind::Delivered { .. } => "message",
            TraceKind::Dropped { .. } => "drop",
            TraceKind::Timer { .. } => "timer",
            TraceKind::Link { .. } => "link",
            TraceKind::Command(_) => "command",
            TraceKind::Note { .. } => "note",
            TraceKind::Status { .. } => "state",
            TraceKind::Violation { .. } => "violation",
        }
    }
}

impl<P: Protocol> fmt::Display for TraceEvent<P> {
    /// One line: `#seq time what`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{} {} ", self.seq, self.time)?;
        match &self.kind {
            TraceKind::Delivered {
                id, from, to, msg, ..
            } => {
                write!(f, "{from} -> {to} {id} {}", msg.summary())
            }
            TraceKind::Dropped {
                id,
                from,
                to,
                kind,
                reason,
            } => {
                write!(f, "{from} -> {to} {id} {kind} DROPPED ({reason})")
            }
            TraceKind::Timer { node, timer } => write!(f, "{node} timer {timer:?}"),
            TraceKind::Link { node, peer, event } => write!(f, "{node} link to {peer}: {event:?}"),
            TraceKind::Command(c) => write!(f, "command: {c}"),
            TraceKind::Note { node, note } => write!(f, "{node} {note}"),
            TraceKind::Status { node, from, to } => write!(f, "{node} {from} -> {to}"),
            TraceKind::Violation { invariant, details } => {
                write!(f, "VIOLATION {invariant}: {details}")
            }
        }
    }
}

/// The bounded trace with its running hash.
#[derive(Clone, Debug)]
pub struct Trace<P: Protocol> {
    ring: VecDeque<TraceEvent<P>>,
    capacity: usize,
    next_seq: u64,
    hasher: StableHasher,
}

impl<P: Protocol> Trace<P> {
    /// A trace that keeps at most `capacity` events (at least 1).
    pub fn new(capacity: usize) -> Self {
        Trace {
            ring: VecDeque::with_capacity(capacity.clamp(1, 4_096)),
            capacity: capacity.max(1),
            next_seq: 0,
            hasher: StableHasher::new(),
        }
    }

    /// Record an event; returns its sequence number.
    pub fn record(&mut self, step: u64, time: SimTime, kind: TraceKind<P>) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        let event = TraceEvent {
            seq,
            step,
            time,
            kind,
        };
        event.hash(&mut self.hasher);
        if self.ring.len() == self.capacity {
            self.ring.pop_front();
        }
        self.ring.push_back(event);
        seq
    }

    /// The fingerprint of everything recorded so far.
    pub fn hash(&self) -> u64 {
        self.hasher.finish()
    }

    /// Number of events ever recorded.
    pub fn total(&self) -> u64 {
        self.next_seq
    }

    /// The events still held, oldest first.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &TraceEvent<P>> + ExactSizeIterator {
        self.ring.iter()
    }

    /// The newest `n` events still held, oldest first.
    pub fn tail(&self, n: usize) -> impl Iterator<Item = &TraceEvent<P>> {
        let skip = self.ring.len().saturating_sub(n);
        self.ring.iter().skip(skip)
    }

    /// The sequence number of the oldest event still held.
    pub fn first_held(&self) -> u64 {
        self.ring.front().map_or(self.next_seq, |e| e.seq)
    }

    /// How many events the ring keeps.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Change how many events are kept (dropping the oldest if needed); the numbering
    /// and the hash are unaffected.
    pub fn set_capacity(&mut self, capacity: usize) {
        self.capacity = capacity.max(1);
        while self.ring.len() > self.capacity {
            self.ring.pop_front();
        }
    }

    /// A copy with the same numbering and hash but no events held (for checkpoints).
    pub fn without_events(&self) -> Self {
        Trace {
            ring: VecDeque::new(),
            capacity: self.capacity,
            next_seq: self.next_seq,
            hasher: self.hasher,
        }
    }

    /// Fill an empty ring with the events of `other` that precede this trace's position
    /// (they are the same history), newest last.
    pub fn adopt_prefix(&mut self, other: &Trace<P>) {
        debug_assert!(self.ring.is_empty(), "adopt_prefix on a non-empty ring");
        let upto = self.next_seq;
        let events: Vec<&TraceEvent<P>> = other.ring.iter().filter(|e| e.seq < upto).collect();
        let skip = events.len().saturating_sub(self.capacity);
        self.ring.extend(events.into_iter().skip(skip).cloned());
    }
}
