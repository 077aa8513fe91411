//! The running caches of a world, between the caches' [`Effects`] and the frameworks.
//!
//! A cache's calls are not sent by the cache set itself: [`CacheSet::take_requests`]
//! hands them to [`crate::protocols::zookeeper::client::curator::host::CuratorHost`],
//! which starts each as a [`super::super::framework::Call::Plain`] on the cache's
//! client's framework (so the client's namespace and retry policy apply, exactly as a
//! Curator recipe's builder calls go through `CuratorFramework`), and brings the reply
//! back to [`CacheSet::on_done`]. A reply that registered a watch is recorded in the
//! client's [`Watchers`] under the cache's watcher; a notification ([`CacheSet::on_event`],
//! paths without the namespace) goes to every watcher it reaches, a connection event to
//! every registered watcher as in the Java client; the framework's connection states
//! reach every cache of the client through [`CacheSet::on_state`].
//!
//! What the course's listeners print for each event is [`CacheOutput::lines`].

use super::super::watchers::Watchers;
use super::path_children::PathChildrenCacheEventType;
use super::{Cache, CacheEvent, CacheFault, CacheKind, ConnectionState, Effects, Token};
use crate::protocols::zookeeper::client::curator::framework::CallId;
use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::request::{ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::watch::{EventType, WatchedEvent};
use crate::vecmap::VecMap;

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

impl CacheOutput {
    /// What the course's listener prints for the event (`System.out.println` of a string
    /// with newlines is several lines):
    ///
    /// * NodeCache: `节点变化了~`, then `new String(getCurrentData().getData())` (on a
    ///   deletion the current data is null, the listener throws after its first line and
    ///   Curator swallows it, so only `节点变化了~` is printed);
    /// * PathChildrenCache: `子节点变化了~`, the event's `toString()`, and on
    ///   CHILD_UPDATED also `数据变了!!!` and the new data as a string;
    /// * TreeCache: `节点变化了`, the event's `toString()`;
    /// * CuratorCache: `TYPE OLD NEW` per event and `initialized` once.
    pub fn lines(&self) -> Vec<String> {
        let mut text: Vec<String> = Vec::new();
        match &self.event {
            CacheEvent::NodeChanged(data) => {
                text.push("节点变化了~".into());
                if let Some(s) = data.as_ref().and_then(|d| d.data_string()) {
                    text.push(s);
                }
            }
            CacheEvent::Children(e) => {
                text.push("子节点变化了~".into());
                text.push(e.to_string());
                if e.kind == PathChildrenCacheEventType::ChildUpdated {
                    text.push("数据变了!!!".into());
                    if let Some(s) = e.data.as_ref().and_then(|d| d.data_string()) {
                        text.push(s);
                    }
                }
            }
            CacheEvent::Tree(e) => {
                text.push("节点变化了".into());
                text.push(e.to_string());
            }
            CacheEvent::Curator(e) => text.push(e.to_string()),
        }
        text.iter()
            .flat_map(|t| t.split('\n').map(str::to_string).collect::<Vec<_>>())
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Running {
    client: String,
    cache: Cache,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct InFlight {
    client: String,
    call: CallId,
    cache: usize,
    token: Token,
    req: ZkRequest,
    watcher: Option<u32>,
}

/// A call a cache wants made on its client.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CacheRequest {
    /// The client's name.
    pub client: String,
    /// The cache's index.
    pub cache: usize,
    /// The call.
    pub call: super::Call,
}

/// Every running cache of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CacheSet {
    caches: Vec<Running>,
    watchers: VecMap<String, Watchers>,
    inflight: Vec<InFlight>,
    requests: Vec<CacheRequest>,
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

    /// Start `cache` on client `client`, whose session is (or is not yet) connected.
    pub fn start(&mut self, client: &str, connected: bool, mut cache: Cache) -> Result<(), String> {
        if self.caches.len() >= CACHES_MAX {
            return Err(format!("at most {CACHES_MAX} caches"));
        }
        if !self.watchers.contains_key(client) {
            self.watchers
                .insert(client.to_string(), Watchers::default());
        }
        if let Some(f) = self.fault {
            cache.set_fault(f);
        }
        let idx = self.caches.len();
        let effects = cache.start(connected);
        self.caches.push(Running {
            client: client.to_string(),
            cache,
        });
        self.apply(idx, effects);
        Ok(())
    }

    /// Calls the caches want made, oldest first.
    pub fn take_requests(&mut self) -> Vec<CacheRequest> {
        std::mem::take(&mut self.requests)
    }

    /// The framework of `r.client` runs `r` as its call `call`.
    pub fn sent(&mut self, r: CacheRequest, call: CallId) {
        if self.inflight.len() < INFLIGHT_MAX {
            self.inflight.push(InFlight {
                client: r.client,
                call,
                cache: r.cache,
                token: r.call.token,
                req: r.call.req,
                watcher: r.call.watcher,
            });
        }
    }

    /// Listener events since the last call, oldest first.
    pub fn take_output(&mut self) -> Vec<CacheOutput> {
        std::mem::take(&mut self.output)
    }

    fn apply(&mut self, idx: usize, effects: Effects) {
        let Some(r) = self.caches.get(idx) else {
            return;
        };
        let (client, kind, path) = (r.client.clone(), r.cache.kind(), r.cache.path().to_string());
        for call in effects.calls {
            self.requests.push(CacheRequest {
                client: client.clone(),
                cache: idx,
                call,
            });
        }
        for event in effects.events {
            if self.output.len() < OUTPUT_MAX {
                self.output.push(CacheOutput {
                    client: client.clone(),
                    kind,
                    path: path.clone(),
                    event,
                });
            }
        }
    }

    /// Call `call` of `client`'s framework is over.
    pub fn on_done(
        &mut self,
        client: &str,
        call: CallId,
        result: &Result<ZkResponse, ClientError>,
    ) {
        let Some(i) = self
            .inflight
            .iter()
            .position(|f| f.client == client && f.call == call)
        else {
            return;
        };
        let f = self.inflight.remove(i);
        if let (Some(w), Some(t)) = (f.watcher, self.watchers.get_mut(client)) {
            t.register(&f.req, result, (f.cache, w));
        }
        let effects = match self.caches.get_mut(f.cache) {
            Some(r) => r.cache.on_reply(f.token, result),
            None => return,
        };
        self.apply(f.cache, effects);
    }

    /// The framework of `client` is in connection state `state`.
    pub fn on_state(&mut self, client: &str, state: ConnectionState) {
        for idx in 0..self.caches.len() {
            if self.caches[idx].client == client {
                let effects = self.caches[idx].cache.on_state(state);
                self.apply(idx, effects);
            }
        }
    }

    /// A notification or connection event reached `client` (paths without its namespace).
    pub fn on_event(&mut self, client: &str, ev: &WatchedEvent) {
        let Some(track) = self.watchers.get_mut(client) else {
            return;
        };
        // The Java client hands connection events to every registered watcher.
        let keys = if ev.event_type == EventType::None {
            track.all()
        } else {
            track.materialize(ev)
        };
        for (idx, w) in keys {
            if let Some(r) = self.caches.get_mut(idx) {
                let effects = r.cache.on_watch(w, ev);
                self.apply(idx, effects);
            }
        }
    }
}
