//! PathChildrenCache (`CR/cache/PathChildrenCache.java`, Curator 5.4): the children of
//! one path, with their data.
//!
//! Everything the cache does runs as an *operation* on one thread, in order: a refresh
//! (modes STANDARD, FORCE_GET_DATA_AND_STAT, POST_INITIALIZED, NO_NODE_EXCEPTION), a
//! get-data of one child, or the delivery of one event to the listener. Offering a
//! refresh of a mode, or a get-data of a path, that is already queued (not yet started)
//! does nothing (`operationsQuantizer`; `RefreshOperation.equals` compares the mode,
//! `GetDataOperation.equals` the path).
//!
//! A refresh first makes sure the path exists (`EnsureContainers`, once until a NoNode
//! resets it): blocking `exists` of each prefix, `create` of missing ones as containers,
//! then `exists(path + "/foo")`. Then `getChildren().usingWatcher(childrenWatcher)` in
//! the background. Its reply: children that vanished are removed (`CHILD_REMOVED`);
//! each child not cached yet (every child under FORCE_GET_DATA_AND_STAT) is read with
//! `getData().usingWatcher(dataWatcher)`; a first read is `CHILD_ADDED`, a read whose
//! mzxid differs from the cached one `CHILD_UPDATED`. NoNode on `getChildren` resets
//! EnsureContainers and queues a NO_NODE_EXCEPTION refresh, which puts the path back (as
//! an empty container: deleting a watched path does not make it go away).
//!
//! The children watcher queues a STANDARD refresh on any notification (connection
//! changes included); the data watcher removes a child on NodeDeleted and queues its
//! get-data on NodeDataChanged. Start modes: NORMAL queues a STANDARD refresh;
//! BUILD_INITIAL_CACHE reads everything blocking first (no events) and then queues a
//! FORCE refresh; POST_INITIALIZED_EVENT sends `INITIALIZED` once every child seen by the
//! first refresh has been read. Where several children vanish in one refresh, Java's
//! hash-set order decides the order of their `CHILD_REMOVED` events; we use path order.

use super::super::mkdirs::Mkdirs;
use super::child_data::{ChildData, JavaOpt};
use super::{CacheEvent, CacheFault, ConnectionState, Effects, Outstanding, Token};
use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::{ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::watch::{EventType, WatchedEvent};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

const CHILDREN_WATCHER: u32 = 0;
const DATA_WATCHER: u32 = 1;

/// Most operations queued at once (further offers are dropped).
pub const OPS_MAX: usize = 100_000;
/// Most children cached (further new children are not read).
pub const CHILDREN_MAX: usize = 100_000;

/// `PathChildrenCache.StartMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StartMode {
    /// `start()`.
    Normal,
    /// `start(BUILD_INITIAL_CACHE)`.
    BuildInitialCache,
    /// `start(POST_INITIALIZED_EVENT)`.
    PostInitializedEvent,
}

/// `PathChildrenCacheEvent.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathChildrenCacheEventType {
    /// A child appeared.
    ChildAdded,
    /// A child's data changed.
    ChildUpdated,
    /// A child went away.
    ChildRemoved,
    /// The connection dropped.
    ConnectionSuspended,
    /// The connection is back.
    ConnectionReconnected,
    /// The session is gone.
    ConnectionLost,
    /// The initial children are all read (POST_INITIALIZED_EVENT).
    Initialized,
}

impl PathChildrenCacheEventType {
    /// The Java constant.
    pub fn name(self) -> &'static str {
        match self {
            PathChildrenCacheEventType::ChildAdded => "CHILD_ADDED",
            PathChildrenCacheEventType::ChildUpdated => "CHILD_UPDATED",
            PathChildrenCacheEventType::ChildRemoved => "CHILD_REMOVED",
            PathChildrenCacheEventType::ConnectionSuspended => "CONNECTION_SUSPENDED",
            PathChildrenCacheEventType::ConnectionReconnected => "CONNECTION_RECONNECTED",
            PathChildrenCacheEventType::ConnectionLost => "CONNECTION_LOST",
            PathChildrenCacheEventType::Initialized => "INITIALIZED",
        }
    }
}

/// A `PathChildrenCacheEvent`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PathChildrenCacheEvent {
    /// Its type.
    pub kind: PathChildrenCacheEventType,
    /// `getData()`.
    pub data: Option<ChildData>,
    /// `getInitialData()` of INITIALIZED.
    pub initial_data: Option<Vec<ChildData>>,
}

impl fmt::Display for PathChildrenCacheEvent {
    /// `PathChildrenCacheEvent.toString()` (`PathChildrenCacheEvent.java:135`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PathChildrenCacheEvent{{type={}, data={}}}",
            self.kind.name(),
            JavaOpt(self.data.as_ref())
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum RefreshMode {
    Standard,
    ForceGetDataAndStat,
    PostInitialized,
    NoNodeException,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Op {
    Refresh(RefreshMode),
    GetData(String),
    Event(PathChildrenCacheEvent),
    /// `rebuild()` of BUILD_INITIAL_CACHE (runs on the starting thread, before anything
    /// else, so it is modelled as the first operation).
    Rebuild,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum OpKey {
    Refresh(RefreshMode),
    GetData(String),
}

impl Op {
    fn key(&self) -> Option<OpKey> {
        match self {
            Op::Refresh(m) => Some(OpKey::Refresh(*m)),
            Op::GetData(p) => Some(OpKey::GetData(p.clone())),
            Op::Event(_) | Op::Rebuild => None,
        }
    }
}

/// What a blocked operation does once `ensurePath` is through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum AfterEnsure {
    Refresh(RefreshMode),
    Rebuild,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Wait {
    /// Blocking: EnsureContainers' prefixes.
    Ensure(Mkdirs, AfterEnsure),
    /// Blocking: EnsureContainers' `exists(path/foo)`.
    EnsureFoo(AfterEnsure),
    /// Background: a refresh's `getChildren`.
    Children(RefreshMode),
    /// Background: `getDataAndStat` of a child.
    Data(String),
    /// Blocking: `rebuild()`'s `getChildren`.
    RebuildChildren,
    /// Blocking: `rebuild()`'s `getData` of one child, then the rest.
    RebuildNode(String, VecDeque<String>),
}

/// A PathChildrenCache with `cacheData` true (the course's).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PathChildrenCache {
    path: String,
    mode: StartMode,
    current: BTreeMap<String, ChildData>,
    /// Child name -> its first read (None until read) during POST_INITIALIZED_EVENT.
    initial_set: Option<BTreeMap<String, Option<ChildData>>>,
    ensure_needed: bool,
    queue: VecDeque<Op>,
    queued: BTreeSet<OpKey>,
    /// The operation thread is blocked in a synchronous call.
    blocked: bool,
    calls: Outstanding<Wait>,
    /// A deliberate defect (tests).
    pub fault: Option<CacheFault>,
}

impl PathChildrenCache {
    /// `new PathChildrenCache(client, path, true)`, to be started in `mode`.
    pub fn new(path: &str, mode: StartMode) -> Self {
        PathChildrenCache {
            path: path.to_string(),
            mode,
            current: BTreeMap::new(),
            initial_set: None,
            ensure_needed: true,
            queue: VecDeque::new(),
            queued: BTreeSet::new(),
            blocked: false,
            calls: Outstanding::default(),
            fault: None,
        }
    }

    /// The path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `getCurrentData()`, in path order.
    pub fn current(&self) -> impl Iterator<Item = &ChildData> {
        self.current.values()
    }

    /// `start(mode)`.
    pub fn start(&mut self, _connected: bool, out: &mut Effects) {
        match self.mode {
            StartMode::Normal => self.offer(Op::Refresh(RefreshMode::Standard)),
            StartMode::BuildInitialCache => self.offer(Op::Rebuild),
            StartMode::PostInitializedEvent => {
                self.initial_set = Some(BTreeMap::new());
                self.offer(Op::Refresh(RefreshMode::PostInitialized));
            }
        }
        self.run(out);
    }

    fn offer(&mut self, op: Op) {
        if self.queue.len() >= OPS_MAX {
            return;
        }
        if let Some(k) = op.key() {
            if !self.queued.insert(k) {
                return;
            }
        }
        self.queue.push_back(op);
    }

    fn event(&mut self, kind: PathChildrenCacheEventType, data: Option<ChildData>) {
        self.offer(Op::Event(PathChildrenCacheEvent {
            kind,
            data,
            initial_data: None,
        }));
    }

    /// The operation thread: run queued operations until one blocks.
    fn run(&mut self, out: &mut Effects) {
        while !self.blocked {
            let Some(op) = self.queue.pop_front() else {
                return;
            };
            if let Some(k) = op.key() {
                self.queued.remove(&k);
            }
            match op {
                Op::Refresh(mode) => self.ensure_then(AfterEnsure::Refresh(mode), out),
                Op::GetData(p) => self.get_data_and_stat(&p, out),
                Op::Event(e) => out.events.push(CacheEvent::Children(e)),
                Op::Rebuild => self.ensure_then(AfterEnsure::Rebuild, out),
            }
        }
    }

    fn ensure_then(&mut self, after: AfterEnsure, out: &mut Effects) {
        if self.ensure_needed {
            self.ensure_needed = false;
            self.blocked = true;
            self.ensure_step(Mkdirs::new(&self.path, true, true), None, after, out);
        } else {
            self.after_ensure(after, out);
        }
    }

    fn ensure_step(
        &mut self,
        mut m: Mkdirs,
        last: Option<&Result<ZkResponse, ClientError>>,
        after: AfterEnsure,
        out: &mut Effects,
    ) {
        match m.next(last) {
            Some(req) => self.calls.call(out, req, None, Wait::Ensure(m, after)),
            None => {
                let req = ZkRequest::Exists {
                    path: path::join(&self.path, "foo"),
                    watch: false,
                };
                self.calls.call(out, req, None, Wait::EnsureFoo(after));
            }
        }
    }

    fn after_ensure(&mut self, after: AfterEnsure, out: &mut Effects) {
        match after {
            AfterEnsure::Refresh(mode) => {
                self.blocked = false;
                let req = ZkRequest::GetChildren {
                    path: self.path.clone(),
                    watch: true,
                    with_stat: true,
                };
                self.calls
                    .call(out, req, Some(CHILDREN_WATCHER), Wait::Children(mode));
            }
            AfterEnsure::Rebuild => {
                self.blocked = true;
                self.current.clear();
                let req = ZkRequest::GetChildren {
                    path: self.path.clone(),
                    watch: false,
                    with_stat: false,
                };
                self.calls.call(out, req, None, Wait::RebuildChildren);
            }
        }
    }

    fn rebuild_next(&mut self, mut rest: VecDeque<String>, out: &mut Effects) {
        match rest.pop_front() {
            Some(full) => {
                let req = ZkRequest::GetData {
                    path: full.clone(),
                    watch: false,
                };
                self.calls
                    .call(out, req, None, Wait::RebuildNode(full, rest));
            }
            None => {
                self.blocked = false;
                self.offer(Op::Refresh(RefreshMode::ForceGetDataAndStat));
            }
        }
    }

    fn get_data_and_stat(&mut self, full: &str, out: &mut Effects) {
        let req = ZkRequest::GetData {
            path: full.to_string(),
            watch: true,
        };
        self.calls
            .call(out, req, Some(DATA_WATCHER), Wait::Data(full.to_string()));
    }

    fn remove(&mut self, full: &str) {
        if let Some(d) = self.current.remove(full) {
            self.event(PathChildrenCacheEventType::ChildRemoved, Some(d));
        }
        if let Some(set) = &mut self.initial_set {
            if let Some((_, name)) = path::split_last(full) {
                set.remove(name);
            }
            self.maybe_initialized();
        }
    }

    fn update_initial_set(&mut self, name: &str, data: Option<ChildData>) {
        if let Some(set) = &mut self.initial_set {
            set.insert(name.to_string(), data);
            self.maybe_initialized();
        }
    }

    fn maybe_initialized(&mut self) {
        let done = self
            .initial_set
            .as_ref()
            .is_some_and(|s| s.values().all(Option::is_some));
        if done {
            if let Some(set) = self.initial_set.take() {
                self.offer(Op::Event(PathChildrenCacheEvent {
                    kind: PathChildrenCacheEventType::Initialized,
                    data: None,
                    initial_data: Some(set.into_values().flatten().collect()),
                }));
            }
        }
    }

    fn process_children(&mut self, children: &[String], mode: RefreshMode, out: &mut Effects) {
        let listed: BTreeSet<String> = children.iter().map(|c| path::join(&self.path, c)).collect();
        let removed: Vec<String> = self
            .current
            .keys()
            .filter(|k| !listed.contains(*k))
            .cloned()
            .collect();
        for full in removed {
            self.remove(&full);
        }
        for name in children {
            let full = path::join(&self.path, name);
            let known = self.current.contains_key(&full);
            let room = known || self.current.len() < CHILDREN_MAX;
            if room && (mode == RefreshMode::ForceGetDataAndStat || !known) {
                self.get_data_and_stat(&full, out);
            }
            // NULL_CHILD_DATA: not read yet.
            if let Some(set) = &mut self.initial_set {
                set.insert(name.clone(), None);
            }
        }
        self.maybe_initialized();
    }

    fn apply_new_data(&mut self, full: &str, result: &Result<ZkResponse, ClientError>) {
        match result {
            Ok(ZkResponse::Data { data, stat }) => {
                let new = ChildData {
                    path: full.to_string(),
                    stat: *stat,
                    data: data.clone(),
                };
                match self.current.insert(full.to_string(), new.clone()) {
                    None => self.event(PathChildrenCacheEventType::ChildAdded, Some(new.clone())),
                    Some(old) if old.stat.mzxid != stat.mzxid => {
                        self.event(PathChildrenCacheEventType::ChildUpdated, Some(new.clone()))
                    }
                    Some(_) => {}
                }
                if let Some((_, name)) = path::split_last(full) {
                    let name = name.to_string();
                    self.update_initial_set(&name, Some(new));
                }
            }
            Err(ClientError::Keeper(ZkError::NoNode)) => self.remove(full),
            _ => {}
        }
    }

    /// A reply.
    pub fn on_reply(
        &mut self,
        token: Token,
        result: &Result<ZkResponse, ClientError>,
        out: &mut Effects,
    ) {
        let Some(wait) = self.calls.take(token) else {
            return;
        };
        match wait {
            Wait::Ensure(m, after) => self.ensure_step(m, Some(result), after, out),
            Wait::EnsureFoo(after) => self.after_ensure(after, out),
            Wait::Children(mode) => match result {
                Ok(ZkResponse::Children { children, .. }) => {
                    let children = children.clone();
                    self.process_children(&children, mode, out);
                }
                Err(ClientError::Keeper(ZkError::NoNode)) => {
                    self.ensure_needed = true;
                    if mode != RefreshMode::NoNodeException {
                        self.offer(Op::Refresh(RefreshMode::NoNodeException));
                    }
                }
                _ => {}
            },
            Wait::Data(full) => self.apply_new_data(&full, result),
            Wait::RebuildChildren => {
                let rest: VecDeque<String> = match result {
                    Ok(ZkResponse::Children { children, .. }) => {
                        children.iter().map(|c| path::join(&self.path, c)).collect()
                    }
                    _ => VecDeque::new(),
                };
                self.rebuild_next(rest, out);
            }
            Wait::RebuildNode(full, rest) => {
                match result {
                    Ok(ZkResponse::Data { data, stat }) => {
                        self.current.insert(
                            full.clone(),
                            ChildData {
                                path: full,
                                stat: *stat,
                                data: data.clone(),
                            },
                        );
                    }
                    _ => {
                        self.current.remove(&full);
                    }
                }
                self.rebuild_next(rest, out);
            }
        }
        self.run(out);
    }

    /// A watcher was notified.
    pub fn on_watch(&mut self, watcher: u32, ev: &WatchedEvent, out: &mut Effects) {
        if self.fault == Some(CacheFault::NoRewatch) {
            return;
        }
        if watcher == CHILDREN_WATCHER {
            self.offer(Op::Refresh(RefreshMode::Standard));
        } else if let Some(p) = ev.path.as_deref() {
            match ev.event_type {
                EventType::NodeDeleted => self.remove(p),
                EventType::NodeDataChanged => self.offer(Op::GetData(p.to_string())),
                _ => {}
            }
        }
        self.run(out);
    }

    /// The connection state changed.
    pub fn on_state(&mut self, state: ConnectionState, out: &mut Effects) {
        match state {
            ConnectionState::Suspended => {
                self.event(PathChildrenCacheEventType::ConnectionSuspended, None)
            }
            ConnectionState::Lost => self.event(PathChildrenCacheEventType::ConnectionLost, None),
            ConnectionState::Connected | ConnectionState::Reconnected => {
                self.offer(Op::Refresh(RefreshMode::ForceGetDataAndStat));
                self.event(PathChildrenCacheEventType::ConnectionReconnected, None);
            }
        }
        self.run(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::request::CreateMode;
    use crate::protocols::zookeeper::data::stat::Stat;

    fn answer_ensure(c: &mut PathChildrenCache, out: &mut Effects, exists: bool) {
        // exists(/p), maybe create(/p), exists(/p/foo)
        let call = out.calls.remove(0);
        assert!(matches!(call.req, ZkRequest::Exists { ref path, .. } if path == "/p"));
        if exists {
            c.on_reply(call.token, &Ok(ZkResponse::Stat(Stat::default())), out);
        } else {
            c.on_reply(call.token, &Err(ClientError::Keeper(ZkError::NoNode)), out);
            let call = out.calls.remove(0);
            assert!(matches!(
                call.req,
                ZkRequest::Create { ref path, mode: CreateMode::Container, .. } if path == "/p"
            ));
            c.on_reply(call.token, &Ok(ZkResponse::Ok), out);
        }
        let call = out.calls.remove(0);
        assert!(matches!(call.req, ZkRequest::Exists { ref path, .. } if path == "/p/foo"));
        c.on_reply(call.token, &Err(ClientError::Keeper(ZkError::NoNode)), out);
    }

    fn children(names: &[&str]) -> Result<ZkResponse, ClientError> {
        Ok(ZkResponse::Children {
            children: names.iter().map(|n| n.to_string()).collect(),
            stat: Some(Stat::default()),
        })
    }

    fn data(mzxid: u64) -> Result<ZkResponse, ClientError> {
        Ok(ZkResponse::Data {
            data: Some(b"1".to_vec()),
            stat: Stat {
                mzxid,
                ..Stat::default()
            },
        })
    }

    fn kinds(out: &Effects) -> Vec<PathChildrenCacheEventType> {
        out.events
            .iter()
            .map(|e| match e {
                CacheEvent::Children(e) => e.kind,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn refreshes_are_quantized_and_a_deleted_path_is_put_back() {
        let mut c = PathChildrenCache::new("/p", StartMode::PostInitializedEvent);
        let mut out = Effects::default();
        c.start(true, &mut out);
        // While the first refresh is blocked in EnsureContainers, two notifications queue
        // one STANDARD refresh: the second offer finds it queued and is dropped.
        let ev = WatchedEvent::node(EventType::NodeChildrenChanged, "/p");
        c.on_watch(CHILDREN_WATCHER, &ev, &mut out);
        c.on_watch(CHILDREN_WATCHER, &ev, &mut out);
        answer_ensure(&mut c, &mut out, true);
        assert_eq!(out.calls.len(), 2, "{:?}", out.calls);
        let (l1, l2) = (out.calls.remove(0), out.calls.remove(0));
        assert!(matches!(l2.req, ZkRequest::GetChildren { watch: true, .. }));
        assert_eq!(l1.watcher, Some(CHILDREN_WATCHER));
        c.on_reply(l1.token, &children(&["a"]), &mut out);
        c.on_reply(l2.token, &children(&["a"]), &mut out);
        // Both listings found "a" not cached yet: two reads; the second is no change.
        let (r1, r2) = (out.calls.remove(0), out.calls.remove(0));
        assert_eq!(r1.watcher, Some(DATA_WATCHER));
        c.on_reply(r1.token, &data(4), &mut out);
        c.on_reply(r2.token, &data(4), &mut out);
        assert_eq!(
            kinds(&out),
            vec![
                PathChildrenCacheEventType::ChildAdded,
                PathChildrenCacheEventType::Initialized
            ]
        );
        // A changed mzxid is CHILD_UPDATED.
        let changed = WatchedEvent::node(EventType::NodeDataChanged, "/p/a");
        c.on_watch(DATA_WATCHER, &changed, &mut out);
        let r = out.calls.remove(0);
        c.on_reply(r.token, &data(7), &mut out);
        assert_eq!(
            kinds(&out).last(),
            Some(&PathChildrenCacheEventType::ChildUpdated)
        );
        // The path is gone: NoNode resets EnsureContainers, the next refresh recreates it
        // as a container and finds no children.
        c.on_watch(CHILDREN_WATCHER, &ev, &mut out);
        let list = out.calls.remove(0);
        c.on_reply(
            list.token,
            &Err(ClientError::Keeper(ZkError::NoNode)),
            &mut out,
        );
        answer_ensure(&mut c, &mut out, false);
        let list = out.calls.remove(0);
        assert!(matches!(
            list.req,
            ZkRequest::GetChildren { watch: true, .. }
        ));
        c.on_reply(list.token, &children(&[]), &mut out);
        assert_eq!(
            kinds(&out).last(),
            Some(&PathChildrenCacheEventType::ChildRemoved)
        );
        assert_eq!(c.current().count(), 0);
        assert!(out.calls.is_empty());
    }

    #[test]
    fn build_initial_cache_reads_blocking_without_events() {
        let mut c = PathChildrenCache::new("/p", StartMode::BuildInitialCache);
        let mut out = Effects::default();
        c.start(true, &mut out);
        answer_ensure(&mut c, &mut out, true);
        let list = out.calls.remove(0);
        assert!(matches!(
            list.req,
            ZkRequest::GetChildren {
                watch: false,
                with_stat: false,
                ..
            }
        ));
        c.on_reply(list.token, &children(&["a"]), &mut out);
        let read = out.calls.remove(0);
        assert!(matches!(read.req, ZkRequest::GetData { watch: false, .. }));
        let d = Ok(ZkResponse::Data {
            data: None,
            stat: Stat::default(),
        });
        c.on_reply(read.token, &d, &mut out);
        // Then the FORCE refresh: a watched listing and a watched re-read, still silent.
        let list = out.calls.remove(0);
        c.on_reply(list.token, &children(&["a"]), &mut out);
        let read = out.calls.remove(0);
        assert_eq!(read.watcher, Some(DATA_WATCHER));
        c.on_reply(read.token, &d, &mut out);
        assert!(out.events.is_empty());
    }
}
