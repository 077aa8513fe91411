//! Read-only views of a world for the UI and the CLI: what to draw, never what to change.
//!
//! These are plain data computed from a `World`. Floats appear only here (animation
//! progress), never in protocol state or traces.

use crate::id::{MsgId, NodeId};
use crate::process::{MessageInfo, Protocol, Transport};
use crate::time::SimTime;
use crate::trace::{TraceEvent, TraceKind};
use crate::world::World;

/// A message on the wire, ready to animate.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageView {
    /// Its id (for inspect / drop / delay).
    pub id: MsgId,
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Kind label for colour and legend.
    pub kind: &'static str,
    /// One-line content.
    pub summary: String,
    /// Sent at.
    pub sent_at: SimTime,
    /// Arrives at.
    pub deliver_at: SimTime,
    /// Fraction of the way travelled at the world's current time, 0.0..=1.0.
    pub progress: f64,
    /// Stream or datagram.
    pub transport: Transport,
    /// Held back by a clogged path.
    pub held: bool,
}

/// Every in-flight message with its position at `world.now()`, in send order, at most
/// `limit` of them (the oldest first).
pub fn messages<P: Protocol>(world: &World<P>, limit: usize) -> Vec<MessageView> {
    let now = world.now();
    world
        .in_flight()
        .take(limit)
        .map(|e| {
            let span = e.deliver_at.0.saturating_sub(e.sent_at.0);
            let done = now.0.saturating_sub(e.sent_at.0);
            let progress = if e.held {
                0.5
            } else if span == 0 {
                1.0
            } else {
                (done as f64 / span as f64).clamp(0.0, 1.0)
            };
            MessageView {
                id: e.id,
                from: e.from,
                to: e.to,
                kind: e.msg.kind(),
                summary: e.msg.summary(),
                sent_at: e.sent_at,
                deliver_at: e.deliver_at,
                progress,
                transport: e.transport,
                held: e.held,
            }
        })
        .collect()
}

/// The newest `limit` trace events that pass `keep`, oldest first (the event log's
/// lines; the UI words them from their typed fields).
pub fn log<P: Protocol>(
    world: &World<P>,
    limit: usize,
    mut keep: impl FnMut(&TraceEvent<P>) -> bool,
) -> Vec<&TraceEvent<P>> {
    let mut lines: Vec<&TraceEvent<P>> = world
        .trace()
        .events()
        .rev()
        .filter(|e| keep(e))
        .take(limit)
        .collect();
    lines.reverse();
    lines
}

/// One arrow of a sequence (Lamport) diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrow {
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Sent at.
    pub sent_at: SimTime,
    /// Delivered (or dropped) at.
    pub end_at: SimTime,
    /// Kind label.
    pub kind: &'static str,
    /// True if the message was lost.
    pub dropped: bool,
    /// Trace sequence number of the delivery or drop.
    pub seq: u64,
}

/// Delivered and dropped messages among the newest `limit` trace events, oldest first.
pub fn arrows<P: Protocol>(world: &World<P>, limit: usize) -> Vec<Arrow> {
    let mut out: Vec<Arrow> = world
        .trace()
        .tail(limit)
        .filter_map(|e| match &e.kind {
            TraceKind::Delivered {
                from,
                to,
                sent_at,
                msg,
                ..
            } => Some(Arrow {
                from: *from,
                to: *to,
                sent_at: *sent_at,
                end_at: e.time,
                kind: msg.kind(),
                dropped: false,
                seq: e.seq,
            }),
            TraceKind::Dropped { from, to, kind, .. } => Some(Arrow {
                from: *from,
                to: *to,
                sent_at: e.time,
                end_at: e.time,
                kind,
                dropped: true,
                seq: e.seq,
            }),
            _ => None,
        })
        .collect();
    crate::sorting::sort_by_u64_key(&mut out, |a| (a.seq, 0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::NetConfig;
    use crate::protocols::pingpong::{self, PingPongConfig};

    #[test]
    fn views_of_a_running_ring() {
        let mut w = pingpong::world(PingPongConfig::default(), NetConfig::default(), 1);
        w.run_until(SimTime(50_000), 10_000);
        let msgs = messages(&w, 100);
        assert!(!msgs.is_empty());
        assert!(msgs.iter().all(|m| (0.0..=1.0).contains(&m.progress)));
        assert!(msgs.iter().all(|m| m.kind == "ball"));
        let lines = log(&w, 5, |_| true);
        assert_eq!(lines.len(), 5);
        assert!(lines.windows(2).all(|p| p[0].seq < p[1].seq));
        let arrows = arrows(&w, 1_000);
        assert!(arrows.iter().all(|a| a.sent_at <= a.end_at));
        assert!(!arrows.is_empty());
    }
}
