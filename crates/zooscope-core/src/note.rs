//! Notes in the trace: why something happened, as typed data.
//!
//! A note is either the kernel's own ([`KernelNote`]: an event deferred while a node is
//! paused, a message held on a clogged path, a connection refused) or a protocol's
//! (`P::Note`, e.g. the ZooKeeper stack's `ZkNote`). The UI words either kind in its own
//! language; `Display` is the English line the CLI's trace prints. Both hash as that text
//! did when notes were plain strings ([`crate::hash::hash_as_text`]), so trace
//! fingerprints recorded before notes were typed still match.

use crate::id::{MsgId, NodeId};
use crate::process::Protocol;
use std::fmt;
use std::hash::{Hash, Hasher};

/// Why the kernel took a step without running the node's handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KernelNote<T> {
    /// A timer fired while its node is paused; it waits for the resume.
    TimerWaits {
        /// The timer.
        timer: T,
    },
    /// A link event reached a paused node; it waits.
    LinkWaits {
        /// The other end.
        peer: NodeId,
    },
    /// A connection request reached a paused node; it waits.
    ConnectionWaits {
        /// The initiator.
        from: NodeId,
    },
    /// A connection request was reset: the target's process is not running.
    ConnectionRefused {
        /// The target.
        to: NodeId,
    },
    /// A connection request went unanswered: the network is cut.
    ConnectionUnanswered {
        /// The target.
        to: NodeId,
    },
    /// A message is held: the path is clogged.
    MessageHeld {
        /// The message.
        id: MsgId,
        /// Its receiver.
        to: NodeId,
    },
    /// A message reached a paused node; it waits.
    MessageWaits {
        /// The message.
        id: MsgId,
        /// Its sender.
        from: NodeId,
    },
}

impl<T: fmt::Debug> fmt::Display for KernelNote<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KernelNote::TimerWaits { timer } => write!(f, "timer {timer:?} waits: node paused"),
            KernelNote::LinkWaits { peer } => {
                write!(f, "link event from {peer} waits: node paused")
            }
            KernelNote::ConnectionWaits { from } => {
                write!(f, "connection from {from} waits: node paused")
            }
            KernelNote::ConnectionRefused { to } => {
                write!(f, "connection to {to} refused: its process is not running")
            }
            KernelNote::ConnectionUnanswered { to } => {
                write!(f, "connection to {to} unanswered: the network is cut")
            }
            KernelNote::MessageHeld { id, to } => {
                write!(f, "message {id} to {to} held: the path is clogged")
            }
            KernelNote::MessageWaits { id, from } => {
                write!(f, "message {id} from {from} waits: node paused")
            }
        }
    }
}

/// One note of the trace: the kernel's or the node's own.
#[derive(Clone, Debug)]
pub enum TraceNote<P: Protocol> {
    /// The kernel explains a step it took on the node's behalf.
    Kernel(KernelNote<P::Timer>),
    /// The node's protocol explains itself.
    Node(P::Note),
}

impl<P: Protocol> fmt::Display for TraceNote<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TraceNote::Kernel(k) => k.fmt(f),
            TraceNote::Node(n) => n.fmt(f),
        }
    }
}

impl<P: Protocol> PartialEq for TraceNote<P> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (TraceNote::Kernel(a), TraceNote::Kernel(b)) => a == b,
            (TraceNote::Node(a), TraceNote::Node(b)) => a == b,
            _ => false,
        }
    }
}

impl<P: Protocol> Hash for TraceNote<P> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        crate::hash::hash_as_text(self, state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::StableHasher;
    use crate::protocols::pingpong::PingPongNode;

    #[test]
    fn kernel_notes_hash_as_the_sentences_they_replaced() {
        let cases: [(KernelNote<u8>, &str); 3] = [
            (
                KernelNote::MessageHeld {
                    id: MsgId(7),
                    to: NodeId(2),
                },
                "message m7 to n2 held: the path is clogged",
            ),
            (
                KernelNote::ConnectionUnanswered { to: NodeId(1) },
                "connection to n1 unanswered: the network is cut",
            ),
            (
                KernelNote::TimerWaits { timer: 3 },
                "timer 3 waits: node paused",
            ),
        ];
        for (note, text) in cases {
            assert_eq!(note.to_string(), text);
        }
        let note: TraceNote<PingPongNode> =
            TraceNote::Kernel(KernelNote::LinkWaits { peer: NodeId(0) });
        let old = String::from("link event from n0 waits: node paused");
        assert_eq!(StableHasher::hash_of(&note), StableHasher::hash_of(&old));
    }
}
