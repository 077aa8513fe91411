//! Running caches on simulated clients: the part of the Java client and Curator's
//! threads that connects a cache's [`Effects`] to a client node.
//!
//! [`CacheSet`] submits each call to its client node (`ZkInput::Submit`, so it is a
//! logged command like any other request), remembers the xid, and after every world
//! event ([`CacheSet::pump`]) hands the cache each reply that has come in and each
//! notification the client received, in arrival order — exactly when a Java client's
//! event thread would run the callback or the watcher. A reply that registered a watch
//! is recorded in the client's [`Watchers`] under the cache's watcher; a notification
//! goes to every watcher it reaches; connection events become Curator's
//! `ConnectionState`s for every cache on the client and, as in the Java client, a
//! `None`-type event for every registered watcher. A call answered with ConnectionLoss
//! is sent again (at most [`RETRIES_MAX`] times).
//!
//! [`CacheHost`] is a [`SimHost`] that pumps after every event, so anything that runs
//! the world through it — a zkCli call, a wait — lets the caches react at once.

use super::watchers::Watchers;
use super::{
    Cache, CacheEvent, CacheFault, CacheKind, ConnectionState, Effects, Token, RETRIES_MAX,
};
use crate::command::{Command, CommandError, CommandOf};
use crate::id::NodeId;
use crate::protocols::zookeeper::client::driver::{prev_xid, SimHost};
use crate::protocols::zookeeper::client::library::{ClientError, ClientState};
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::request::ZkRequest;
use crate::protocols::zookeeper::data::watch::{EventType, KeeperState, WatchedEvent};
use crate::protocols::zookeeper::node::{ZkInput, ZkNode};
use crate::time::SimTime;
use crate::vecmap::VecMap;
use crate::world::World;

/// Most caches one run may start.
pub const CACHES_MAX: usize = 64;
/// Most calls in flight at once (further ones are dropped).
pub const INFLIGHT_MAX: usize = 100_000;
/// Most undelivered listener events kept.
pub const OUTPUT_MAX: usize = 100_000;

/// One listener event, with the cache it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CacheOutput {
    /// The client's name.
    pub client: String,
    /// Which cache.
    pub kind: CacheKind,
    /// Its path.
    pub path: String,
    /// The event.
    pub event: CacheEvent,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Running {
    client: NodeId,
    client_name: String,
    cache: Cache,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct InFlight {
    client: NodeId,
    xid: i32,
    cache: usize,
    token: Token,
    req: ZkRequest,
    watcher: Option<u32>,
    retries: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Track {
    seen_events: u64,
    suspended: bool,
    watchers: Watchers,
}

/// Every running cache of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CacheSet {
    caches: Vec<Running>,
    clients: VecMap<NodeId, Track>,
    inflight: Vec<InFlight>,
    output: Vec<CacheOutput>,
    fault: Option<CacheFault>,
}

impl CacheSet {
    /// No caches yet.
    pub fn new() -> Self {
        CacheSet::default()
    }

    /// Give every cache started from now on a deliberate defect (tests).
    pub fn set_fault(&mut self, fault: CacheFault) {
        self.fault = Some(fault);
    }

    /// No cache runs.
    pub fn is_empty(&self) -> bool {
        self.caches.is_empty()
    }

    /// Start `cache` on client node `client` (named `name` in scripts).
    pub fn start(
        &mut self,
        world: &mut World<ZkNode>,
        client: NodeId,
        name: &str,
        mut cache: Cache,
    ) -> Result<(), String> {
        if self.caches.len() >= CACHES_MAX {
            return Err(format!("at most {CACHES_MAX} caches"));
        }
        let Some(c) = world.node(client).and_then(ZkNode::client) else {
            return Err(format!("{name} is not a running client"));
        };
        let connected = c.state == ClientState::Connected;
        let total = c.events_total;
        if !self.clients.contains_key(&client) {
            self.clients.insert(
                client,
                Track {
                    seen_events: total,
                    ..Track::default()
                },
            );
        }
        if let Some(f) = self.fault {
            cache.set_fault(f);
        }
        let idx = self.caches.len();
        let effects = cache.start(connected);
        self.caches.push(Running {
            client,
            client_name: name.to_string(),
            cache,
        });
        self.apply(world, idx, effects);
        self.pump(world);
        Ok(())
    }

    /// Listener events since the last call, oldest first.
    pub fn take_output(&mut self) -> Vec<CacheOutput> {
        std::mem::take(&mut self.output)
    }

    /// Calls still waiting for their replies.
    pub fn in_flight(&self) -> usize {
        self.inflight.len()
    }

    fn submit(&mut self, world: &mut World<ZkNode>, mut f: InFlight) {
        if self.inflight.len() >= INFLIGHT_MAX {
            return;
        }
        if world
            .apply(Command::Request(f.client, ZkInput::Submit(f.req.clone())))
            .is_err()
        {
            return; // the client process is gone, and the cache's threads with it
        }
        let Some(next) = world
            .node(f.client)
            .and_then(ZkNode::client)
            .map(|c| c.next_xid())
        else {
            return;
        };
        f.xid = prev_xid(next);
        self.inflight.push(f);
    }

    fn apply(&mut self, world: &mut World<ZkNode>, idx: usize, effects: Effects) {
        let Some(r) = self.caches.get(idx) else {
            return;
        };
        let (client, name, kind, path) = (
            r.client,
            r.client_name.clone(),
            r.cache.kind(),
            r.cache.path().to_string(),
        );
        for call in effects.calls {
            self.submit(
                world,
                InFlight {
                    client,
                    xid: 0,
                    cache: idx,
                    token: call.token,
                    req: call.req,
                    watcher: call.watcher,
                    retries: 0,
                },
            );
        }
        for event in effects.events {
            if self.output.len() < OUTPUT_MAX {
                self.output.push(CacheOutput {
                    client: name.clone(),
                    kind,
                    path: path.clone(),
                    event,
                });
            }
        }
    }

    /// Deliver everything that has arrived at the caches' clients; call after every
    /// world event.
    pub fn pump(&mut self, world: &mut World<ZkNode>) {
        if self.caches.is_empty() {
            return;
        }
        // Bounded: each round either delivers something or stops.
        for _ in 0..INFLIGHT_MAX {
            if !self.pump_once(world) {
                return;
            }
        }
    }

    fn pump_once(&mut self, world: &mut World<ZkNode>) -> bool {
        // Replies first (a connection loss fails the calls before Disconnected is queued).
        let ready = self.inflight.iter().position(|f| {
            world
                .node(f.client)
                .and_then(ZkNode::client)
                .is_some_and(|c| c.results.contains_key(&f.xid))
        });
        if let Some(i) = ready {
            let f = self.inflight.remove(i);
            let Some(result) = world
                .node(f.client)
                .and_then(ZkNode::client)
                .and_then(|c| c.results.get(&f.xid).cloned())
            else {
                return true;
            };
            if result == Err(ClientError::Keeper(ZkError::ConnectionLoss))
                && f.retries < RETRIES_MAX
            {
                let retry = InFlight {
                    retries: f.retries + 1,
                    ..f
                };
                self.submit(world, retry);
                return true;
            }
            if let (Some(w), Some(t)) = (f.watcher, self.clients.get_mut(&f.client)) {
                t.watchers.register(&f.req, &result, (f.cache, w));
            }
            let effects = match self.caches.get_mut(f.cache) {
                Some(r) => r.cache.on_reply(f.token, &result),
                None => return true,
            };
            self.apply(world, f.cache, effects);
            return true;
        }
        // Then one notification or connection event.
        let clients: Vec<NodeId> = self.clients.keys().copied().collect();
        for node in clients {
            let Some(c) = world.node(node).and_then(ZkNode::client) else {
                continue;
            };
            let seen = self.clients.get(&node).map_or(0, |t| t.seen_events);
            if c.events_total <= seen {
                continue;
            }
            // Oldest first; if more arrived than the client keeps, the oldest are gone.
            let kept = c.events_since(seen);
            let first = c.events_total - kept.len() as u64;
            let Some(ev) = kept.into_iter().next() else {
                if let Some(t) = self.clients.get_mut(&node) {
                    t.seen_events = c.events_total;
                }
                continue;
            };
            if let Some(t) = self.clients.get_mut(&node) {
                t.seen_events = first + 1;
            }
            self.deliver(world, node, &ev);
            return true;
        }
        false
    }

    fn deliver(&mut self, world: &mut World<ZkNode>, node: NodeId, ev: &WatchedEvent) {
        let Some(track) = self.clients.get_mut(&node) else {
            return;
        };
        if ev.event_type != EventType::None {
            let keys = track.watchers.materialize(ev);
            for (idx, w) in keys {
                if let Some(r) = self.caches.get_mut(idx) {
                    let effects = r.cache.on_watch(w, ev);
                    self.apply(world, idx, effects);
                }
            }
            return;
        }
        let state = match ev.state {
            KeeperState::Disconnected => {
                track.suspended = true;
                Some(ConnectionState::Suspended)
            }
            KeeperState::SyncConnected if track.suspended => {
                track.suspended = false;
                Some(ConnectionState::Reconnected)
            }
            KeeperState::Expired => Some(ConnectionState::Lost),
            _ => None,
        };
        let registered = track.watchers.all();
        let on_client: Vec<usize> = (0..self.caches.len())
            .filter(|&i| self.caches[i].client == node)
            .collect();
        if let Some(s) = state {
            for &idx in &on_client {
                let effects = self.caches[idx].cache.on_state(s);
                self.apply(world, idx, effects);
            }
        }
        // The Java client hands connection events to every registered watcher too.
        for (idx, w) in registered {
            if let Some(r) = self.caches.get_mut(idx) {
                let effects = r.cache.on_watch(w, ev);
                self.apply(world, idx, effects);
            }
        }
    }
}

/// A [`SimHost`] over a world that lets the caches react after every event.
pub struct CacheHost<'a> {
    /// The world.
    pub world: &'a mut World<ZkNode>,
    /// The caches.
    pub caches: &'a mut CacheSet,
}

impl SimHost for CacheHost<'_> {
    fn sim(&self) -> &World<ZkNode> {
        self.world
    }
    fn command(&mut self, c: CommandOf<ZkNode>) -> Result<(), CommandError> {
        self.world.apply(c)
    }
    fn advance(&mut self) -> bool {
        let r = self.world.step();
        self.caches.pump(self.world);
        r
    }
    fn run_to(&mut self, until: SimTime, max_events: u64) {
        let mut n = 0;
        while n < max_events {
            match self.world.next_event_time() {
                Some(t) if t <= until => {
                    self.world.step();
                    self.caches.pump(self.world);
                    n += 1;
                }
                _ => break,
            }
        }
        self.world.run_until(until, 0);
    }
}
