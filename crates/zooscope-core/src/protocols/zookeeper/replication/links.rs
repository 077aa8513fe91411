//! Stream connections of one node to its peers, opened on demand.
//!
//! A small stand-in for `QuorumCnxManager` (reference §1.8): sending to a peer without a
//! connection queues the message and connects; the queue is flushed when the connection
//! is up and dropped when it fails or breaks (as a closed socket loses what its buffers
//! held). Election notifications are kept apart, as `queueSendMap` (capacity one) and
//! `lastMessageSent` keep them: the newest unsent notification to a peer survives failed
//! connects, and when a peer opens a connection to us we send it that notification — or
//! repeat the last one we sent (`SendWorker`'s resend) — so two looking servers always
//! learn each other's votes once they can talk. Leader election re-probes every
//! connection when its notification timer fires (`connectAll`), which also repairs
//! connections a partition broke silently. One kernel connection carries both election
//! and ZAB traffic between two servers.

use crate::id::NodeId;
use crate::process::{Ctx, LinkEvent, Protocol};
use crate::vecmap::VecMap;
use std::collections::VecDeque;

/// Messages queued per peer at most (older ones are dropped first).
pub const QUEUE_MAX: usize = 1_024;

/// A connection's state as this node believes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkState {
    /// No connection.
    Down,
    /// Connect requested, answer pending.
    Connecting,
    /// Established.
    Up,
}

#[derive(Clone, Debug, Hash)]
struct Link<M> {
    state: LinkState,
    queue: VecDeque<M>,
    vote: Option<M>,
    last_vote: Option<M>,
}

impl<M> Link<M> {
    fn new() -> Self {
        Link {
            state: LinkState::Down,
            queue: VecDeque::new(),
            vote: None,
            last_vote: None,
        }
    }
}

/// The node's connections.
#[derive(Clone, Debug, Hash)]
pub struct Links<M> {
    me: NodeId,
    peers: VecMap<NodeId, Link<M>>,
}

impl<M: Clone> Links<M> {
    /// No connections yet.
    pub fn new(me: NodeId) -> Self {
        Links {
            me,
            peers: VecMap::new(),
        }
    }

    /// Our state of the connection to `peer`.
    pub fn state(&self, peer: NodeId) -> LinkState {
        if peer == self.me {
            return LinkState::Up;
        }
        self.peers
            .get(&peer)
            .map(|l| l.state)
            .unwrap_or(LinkState::Down)
    }

    /// Send `msg` to `peer`, connecting first if needed.
    pub fn send<P: Protocol<Msg = M>>(&mut self, ctx: &mut Ctx<P>, peer: NodeId, msg: M) {
        if peer == self.me {
            ctx.send(peer, msg);
            return;
        }
        let link = self.peers.entry(peer).or_insert_with(Link::new);
        match link.state {
            LinkState::Up => ctx.send(peer, msg),
            LinkState::Connecting => push_bounded(&mut link.queue, msg),
            LinkState::Down => {
                push_bounded(&mut link.queue, msg);
                link.state = LinkState::Connecting;
                ctx.connect(peer);
            }
        }
    }

    /// Send an election notification to `peer`: like [`Links::send`], but only the
    /// newest unsent one is kept, and it survives failed connects.
    pub fn send_vote<P: Protocol<Msg = M>>(&mut self, ctx: &mut Ctx<P>, peer: NodeId, msg: M) {
        if peer == self.me {
            ctx.send(peer, msg);
            return;
        }
        let link = self.peers.entry(peer).or_insert_with(Link::new);
        match link.state {
            LinkState::Up => {
                link.last_vote = Some(msg.clone());
                ctx.send(peer, msg);
            }
            LinkState::Connecting => link.vote = Some(msg),
            LinkState::Down => {
                link.vote = Some(msg);
                link.state = LinkState::Connecting;
                ctx.connect(peer);
            }
        }
    }

    /// Re-open the connection to `peer` (a no-op answer if it is already up); sends wait
    /// until the answer.
    pub fn probe<P: Protocol<Msg = M>>(&mut self, ctx: &mut Ctx<P>, peer: NodeId) {
        if peer == self.me {
            return;
        }
        let link = self.peers.entry(peer).or_insert_with(Link::new);
        if link.state != LinkState::Connecting {
            link.state = LinkState::Connecting;
            ctx.connect(peer);
        }
    }

    /// Close the connection to `peer` (the other side is told).
    pub fn close<P: Protocol<Msg = M>>(&mut self, ctx: &mut Ctx<P>, peer: NodeId) {
        if peer == self.me {
            return;
        }
        if let Some(link) = self.peers.get_mut(&peer) {
            if link.state == LinkState::Up {
                ctx.disconnect(peer);
            }
            link.state = LinkState::Down;
            link.queue.clear();
        }
    }

    /// A connection event; returns true when the connection just came up or went down.
    pub fn on_link<P: Protocol<Msg = M>>(
        &mut self,
        ctx: &mut Ctx<P>,
        peer: NodeId,
        event: LinkEvent,
    ) -> bool {
        let link = self.peers.entry(peer).or_insert_with(Link::new);
        match event {
            LinkEvent::Connected => {
                let was = link.state;
                link.state = LinkState::Up;
                for m in link.queue.drain(..) {
                    ctx.send(peer, m);
                }
                if let Some(v) = link.vote.take() {
                    link.last_vote = Some(v.clone());
                    ctx.send(peer, v);
                } else if was == LinkState::Down {
                    // The peer opened the connection: repeat our last notification.
                    if let Some(v) = link.last_vote.clone() {
                        ctx.send(peer, v);
                    }
                }
                was != LinkState::Up
            }
            LinkEvent::ConnectFailed => {
                if link.state == LinkState::Connecting {
                    link.state = LinkState::Down;
                    link.queue.clear();
                }
                false
            }
            LinkEvent::Disconnected => {
                let was = link.state;
                link.state = LinkState::Down;
                link.queue.clear();
                was == LinkState::Up
            }
        }
    }

    /// Peers with an established connection.
    pub fn up(&self) -> Vec<NodeId> {
        self.peers
            .iter()
            .filter(|(_, l)| l.state == LinkState::Up)
            .map(|(p, _)| *p)
            .collect()
    }
}

fn push_bounded<M>(q: &mut VecDeque<M>, m: M) {
    if q.len() >= QUEUE_MAX {
        q.pop_front();
    }
    q.push_back(m);
}
