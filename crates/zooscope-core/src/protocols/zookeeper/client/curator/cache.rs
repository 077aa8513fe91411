//! Curator 5.4's four caches, as sans-IO state machines over the simulated Java client.
//!
//! Each cache is what its Curator class does, request for request (upstream tag
//! `apache-curator-5.4.0`, `curator-recipes/.../recipes/cache/`):
//!
//! * [`node_cache::NodeCache`] (`NodeCache.java`): `exists` with a watch, then `getData`
//!   with the same watcher when the node is there; every notification starts that over.
//!   A read that differs from the cached `ChildData` (path, Stat or bytes) is an event.
//! * [`path_children::PathChildrenCache`] (`PathChildrenCache.java`): a single-threaded
//!   queue of operations (refresh, get-data, deliver-event) with duplicates of queued
//!   refreshes and get-datas dropped; a refresh makes sure the path exists (as a
//!   container, `EnsureContainers`) and lists the children with a child watch; new
//!   children are read with a data watch; a changed mzxid is `CHILD_UPDATED`.
//! * [`tree_cache::TreeCache`] (`TreeCache.java`): one node object per path, each its own
//!   watcher, reading its data and children with watches; `INITIALIZED` when the count
//!   of outstanding reads first drops to zero.
//! * [`curator_cache::CuratorCache`] (`CuratorCacheImpl.java`): one persistent-recursive
//!   watch (`addWatch`), then plain reads; a changed version is `NODE_CHANGED`;
//!   `initialized` when the outstanding reads first drop to zero.
//!
//! A cache never talks to the network itself. It returns [`Effects`]: calls to make
//! (each with a token and, if it leaves a watch, the cache's watcher number) and events
//! its listener receives. [`set::CacheSet`] keeps the running caches and the per-watcher
//! registry ([`super::watchers::Watchers`]) that decides which watcher objects a notification
//! reaches; the Curator host ([`super::host`]) runs each call through the client's
//! framework (namespace, retry policy) and feeds replies, notifications and the
//! framework's connection states (CONNECTED, SUSPENDED, RECONNECTED, LOST) back.

pub mod child_data;
pub mod curator_cache;
pub mod node_cache;
pub mod path_children;
pub mod set;
pub mod tree_cache;

use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::request::{ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::watch::WatchedEvent;
use child_data::ChildData;
use serde::{Deserialize, Serialize};

/// A cache's name for one of its calls.
pub type Token = u32;

/// One call a cache makes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Call {
    /// The cache's name for it; its reply comes back with it.
    pub token: Token,
    /// The request.
    pub req: ZkRequest,
    /// The cache's watcher the request registers (for `watch: true` requests).
    pub watcher: Option<u32>,
}

pub use super::framework::ConnectionState;

/// Which cache, as the scenario line names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CacheKind {
    /// `NodeCache`.
    Node,
    /// `PathChildrenCache`.
    Children,
    /// `TreeCache`.
    Tree,
    /// `CuratorCache`.
    Curator,
}

impl CacheKind {
    /// The scenario word.
    pub fn word(self) -> &'static str {
        match self {
            CacheKind::Node => "node",
            CacheKind::Children => "children",
            CacheKind::Tree => "tree",
            CacheKind::Curator => "curator",
        }
    }

    /// Parse a scenario word.
    pub fn from_word(w: &str) -> Option<CacheKind> {
        [
            CacheKind::Node,
            CacheKind::Children,
            CacheKind::Tree,
            CacheKind::Curator,
        ]
        .into_iter()
        .find(|k| k.word() == w)
    }
}

/// The argument a cache is started with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CacheStart {
    /// The course's: NodeCache `start(true)`, the others `start()`.
    Course,
    /// NodeCache `start(buildInitial)`.
    Node(bool),
    /// PathChildrenCache `start(mode)`.
    Children(path_children::StartMode),
}

/// What a cache's listener is told.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CacheEvent {
    /// `NodeCacheListener.nodeChanged()`, with `getCurrentData()` at that moment.
    NodeChanged(Option<ChildData>),
    /// `PathChildrenCacheListener.childEvent`.
    Children(path_children::PathChildrenCacheEvent),
    /// `TreeCacheListener.childEvent`.
    Tree(tree_cache::TreeCacheEvent),
    /// `CuratorCacheListener.event` / `initialized`.
    Curator(curator_cache::CuratorCacheEvent),
}

/// What a cache wants done after an input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Effects {
    /// Calls to make, in order.
    pub calls: Vec<Call>,
    /// Listener events, in order.
    pub events: Vec<CacheEvent>,
}

/// A deliberate defect, for tests that show the recording comparison catches a cache
/// that is not Curator's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CacheFault {
    /// Never set a watch again after the first notification.
    NoRewatch,
}

/// Hands out tokens and remembers what each outstanding one is for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Outstanding<W> {
    next: Token,
    waits: std::collections::BTreeMap<Token, W>,
}

impl<W> Default for Outstanding<W> {
    fn default() -> Self {
        Outstanding {
            next: 1,
            waits: std::collections::BTreeMap::new(),
        }
    }
}

impl<W> Outstanding<W> {
    /// Make a call whose reply will be handled as `what`.
    pub fn call(&mut self, out: &mut Effects, req: ZkRequest, watcher: Option<u32>, what: W) {
        let token = self.next;
        self.next = self.next.wrapping_add(1).max(1);
        self.waits.insert(token, what);
        out.calls.push(Call {
            token,
            req,
            watcher,
        });
    }

    /// The reply to `token` is in: what it was for.
    pub fn take(&mut self, token: Token) -> Option<W> {
        self.waits.remove(&token)
    }

    /// Calls still waiting for replies.
    pub fn len(&self) -> usize {
        self.waits.len()
    }

    /// No call is waiting.
    pub fn is_empty(&self) -> bool {
        self.waits.is_empty()
    }
}

/// One running cache.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Cache {
    /// NodeCache.
    Node(node_cache::NodeCache),
    /// PathChildrenCache.
    Children(path_children::PathChildrenCache),
    /// TreeCache.
    Tree(tree_cache::TreeCache),
    /// CuratorCache.
    Curator(curator_cache::CuratorCache),
}

impl Cache {
    /// The course's cache of `kind` on `path`, to be started with `start`: by default
    /// NodeCache `start(true)`, PathChildrenCache (cacheData) `start()`, TreeCache
    /// `start()`, CuratorCache `start()`.
    pub fn course(kind: CacheKind, path: &str, start: CacheStart) -> Cache {
        match kind {
            CacheKind::Node => {
                let initial = match start {
                    CacheStart::Node(b) => b,
                    _ => true,
                };
                Cache::Node(node_cache::NodeCache::new(path, initial))
            }
            CacheKind::Children => {
                let mode = match start {
                    CacheStart::Children(m) => m,
                    _ => path_children::StartMode::Normal,
                };
                Cache::Children(path_children::PathChildrenCache::new(path, mode))
            }
            CacheKind::Tree => Cache::Tree(tree_cache::TreeCache::new(path)),
            CacheKind::Curator => Cache::Curator(curator_cache::CuratorCache::new(path)),
        }
    }

    /// Which kind it is.
    pub fn kind(&self) -> CacheKind {
        match self {
            Cache::Node(_) => CacheKind::Node,
            Cache::Children(_) => CacheKind::Children,
            Cache::Tree(_) => CacheKind::Tree,
            Cache::Curator(_) => CacheKind::Curator,
        }
    }

    /// The cached path.
    pub fn path(&self) -> &str {
        match self {
            Cache::Node(c) => c.path(),
            Cache::Children(c) => c.path(),
            Cache::Tree(c) => c.path(),
            Cache::Curator(c) => c.path(),
        }
    }

    /// Inject a defect (tests only).
    pub fn set_fault(&mut self, fault: CacheFault) {
        match self {
            Cache::Node(c) => c.fault = Some(fault),
            Cache::Children(c) => c.fault = Some(fault),
            Cache::Tree(c) => c.fault = Some(fault),
            Cache::Curator(c) => c.fault = Some(fault),
        }
    }

    /// `start()`, on a client that is (or is not yet) connected.
    pub fn start(&mut self, connected: bool) -> Effects {
        let mut out = Effects::default();
        match self {
            Cache::Node(c) => c.start(connected, &mut out),
            Cache::Children(c) => c.start(connected, &mut out),
            Cache::Tree(c) => c.start(connected, &mut out),
            Cache::Curator(c) => c.start(connected, &mut out),
        }
        out
    }

    /// The reply to call `token`.
    pub fn on_reply(&mut self, token: Token, result: &Result<ZkResponse, ClientError>) -> Effects {
        let mut out = Effects::default();
        match self {
            Cache::Node(c) => c.on_reply(token, result, &mut out),
            Cache::Children(c) => c.on_reply(token, result, &mut out),
            Cache::Tree(c) => c.on_reply(token, result, &mut out),
            Cache::Curator(c) => c.on_reply(token, result, &mut out),
        }
        out
    }

    /// A notification for the cache's watcher `watcher`.
    pub fn on_watch(&mut self, watcher: u32, ev: &WatchedEvent) -> Effects {
        let mut out = Effects::default();
        match self {
            Cache::Node(c) => c.on_watch(watcher, ev, &mut out),
            Cache::Children(c) => c.on_watch(watcher, ev, &mut out),
            Cache::Tree(c) => c.on_watch(watcher, ev, &mut out),
            Cache::Curator(c) => c.on_watch(watcher, ev, &mut out),
        }
        out
    }

    /// A connection state change.
    pub fn on_state(&mut self, state: ConnectionState) -> Effects {
        let mut out = Effects::default();
        match self {
            Cache::Node(c) => c.on_state(state, &mut out),
            Cache::Children(c) => c.on_state(state, &mut out),
            Cache::Tree(c) => c.on_state(state, &mut out),
            Cache::Curator(c) => c.on_state(state, &mut out),
        }
        out
    }
}
