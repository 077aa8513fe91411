//! Watches on the server side: one-shot data/child watches, persistent and
//! persistent-recursive `addWatch` watches, their triggering and removal.
//!
//! Follows ZooKeeper 3.8's `server/watch/WatchManager.java` and `WatcherModeManager`
//! (one instance for data watches, one for child watches, as in `DataTree`):
//!
//! * `exists` and `getData` register in the data table, `getChildren` in the child
//!   table; `addWatch` registers in both with a persistent mode. A session holds at most
//!   one registration per (table, path), and its mode is *replaced* by the latest
//!   registration - so in 3.8 a plain `get -w` on a path that has a persistent watch
//!   downgrades the server-side data registration to a one-shot one (ZOOKEEPER-4466,
//!   fixed in 3.9; the recordings show it).
//! * Triggering walks the path and then its ancestors. On the path itself every watcher
//!   fires (one-shot ones are removed); on an ancestor only recursive watchers fire, and
//!   recursive watchers never get `NodeChildrenChanged`.
//! * create fires `NodeCreated` (data table) then `NodeChildrenChanged` on the parent
//!   (child table); delete fires `NodeDeleted` in the data table, then in the child
//!   table for sessions not already notified, then `NodeChildrenChanged` on the parent;
//!   setData fires `NodeDataChanged`. setACL fires nothing.
//!
//! Deliveries to several sessions come out in session-id order (Java iterates a hash set
//! of connections, which has no stable order).

use super::error::ZkError;
use super::path;
use super::request::{AddWatchMode, WatcherType, ZkRequest, ZkResponse};
use super::session::SessionId;
use crate::strset::StrSet;
use crate::vecmap::{VecMap, VecSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// `Watcher.Event.EventType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventType {
    /// -1: a connection state change.
    None,
    /// 1.
    NodeCreated,
    /// 2.
    NodeDeleted,
    /// 3.
    NodeDataChanged,
    /// 4.
    NodeChildrenChanged,
    /// 5: a data watch was removed by `removeWatches`.
    DataWatchRemoved,
    /// 6: a child watch was removed.
    ChildWatchRemoved,
    /// 7: a persistent watch was removed.
    PersistentWatchRemoved,
}

/// `Watcher.Event.KeeperState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum KeeperState {
    /// 0.
    Disconnected,
    /// 3.
    SyncConnected,
    /// 4.
    AuthFailed,
    /// 5.
    ConnectedReadOnly,
    /// 6.
    SaslAuthenticated,
    /// -112.
    Expired,
    /// 7.
    Closed,
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl fmt::Display for KeeperState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A notification as the client receives it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WatchedEvent {
    /// Connection state.
    pub state: KeeperState,
    /// What happened.
    pub event_type: EventType,
    /// The node (None prints as `null`).
    pub path: Option<String>,
}

impl WatchedEvent {
    /// A node event (state SyncConnected).
    pub fn node(event_type: EventType, path: &str) -> WatchedEvent {
        WatchedEvent {
            state: KeeperState::SyncConnected,
            event_type,
            path: Some(path.to_string()),
        }
    }

    /// A connection-state event (type None, path null).
    pub fn state(state: KeeperState) -> WatchedEvent {
        WatchedEvent {
            state,
            event_type: EventType::None,
            path: None,
        }
    }
}

/// `WatchedEvent.toString()` in 3.8.
impl fmt::Display for WatchedEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "WatchedEvent state:{} type:{} path:{}",
            self.state,
            self.event_type,
            self.path.as_deref().unwrap_or("null")
        )
    }
}

/// A change the data tree reports so the watch manager can fire watches.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WatchTrigger {
    /// The node (the parent for `NodeChildrenChanged`).
    pub path: String,
    /// What happened.
    pub event_type: EventType,
}

/// How a registration behaves (`WatcherMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum WatcherMode {
    /// One-shot.
    Standard,
    /// Stays; this path only.
    Persistent,
    /// Stays; this path and descendants.
    PersistentRecursive,
}

/// Most registrations one manager keeps (a bound on growth; further ones are dropped).
pub const MAX_REGISTRATIONS: usize = 100_000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct Table {
    /// Path -> the sessions watching it, each with its mode.
    watchers: BTreeMap<String, VecMap<SessionId, WatcherMode>>,
    by_session: VecMap<SessionId, StrSet>,
    count: usize,
}

impl Table {
    fn add(&mut self, path: &str, s: SessionId, mode: WatcherMode) {
        let has = self.watchers.get(path).is_some_and(|w| w.contains_key(&s));
        if !has {
            if self.count >= MAX_REGISTRATIONS {
                return;
            }
            self.count += 1;
        }
        self.watchers
            .entry(path.to_string())
            .or_default()
            .insert(s, mode);
        self.by_session
            .entry(s)
            .or_default()
            .insert(path.to_string());
    }

    fn unlink(&mut self, path: &str, s: SessionId) {
        if let Some(set) = self.watchers.get_mut(path) {
            if set.remove(&s).is_some() {
                self.count -= 1;
            }
            if set.is_empty() {
                self.watchers.remove(path);
            }
        }
        if let Some(paths) = self.by_session.get_mut(&s) {
            paths.remove(path);
            if paths.is_empty() {
                self.by_session.remove(&s);
            }
        }
    }

    /// `WatchManager.triggerWatch`: the sessions to notify.
    fn trigger(&mut self, path: &str, event: EventType) -> VecSet<SessionId> {
        let mut out = VecSet::new();
        for (i, local) in std::iter::once(path)
            .chain(path::ancestors(path))
            .enumerate()
        {
            let at_parent = i > 0;
            let Some(set) = self.watchers.get(local) else {
                continue;
            };
            let sessions: Vec<(SessionId, WatcherMode)> =
                set.iter().map(|(s, m)| (*s, *m)).collect();
            for (s, mode) in sessions {
                if mode == WatcherMode::PersistentRecursive {
                    if event != EventType::NodeChildrenChanged {
                        out.insert(s);
                    }
                } else if !at_parent {
                    out.insert(s);
                    if mode == WatcherMode::Standard {
                        self.unlink(local, s);
                    }
                }
            }
        }
        out
    }

    /// `WatchManager.removeWatcher(path, watcher)`.
    fn remove(&mut self, path: &str, s: SessionId) -> bool {
        let present = self.by_session.get(&s).is_some_and(|p| p.contains(path))
            && self.watchers.get(path).is_some_and(|w| w.contains_key(&s));
        if !present {
            return false;
        }
        self.unlink(path, s);
        true
    }

    fn contains(&self, path: &str, s: SessionId) -> bool {
        self.watchers.get(path).is_some_and(|w| w.contains_key(&s))
    }

    fn remove_session(&mut self, s: SessionId) {
        if let Some(paths) = self.by_session.remove(&s) {
            for p in paths {
                if let Some(set) = self.watchers.get_mut(&p) {
                    if set.remove(&s).is_some() {
                        self.count -= 1;
                    }
                    if set.is_empty() {
                        self.watchers.remove(&p);
                    }
                }
            }
        }
    }
}

/// What a read leaves behind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WatchKind {
    /// exists / getData: a one-shot data watch.
    Data,
    /// getChildren: a one-shot child watch.
    Child,
    /// addWatch PERSISTENT.
    Persistent,
    /// addWatch PERSISTENT_RECURSIVE.
    PersistentRecursive,
}

/// One server's watch tables.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WatchManager {
    data: Table,
    child: Table,
}

impl WatchManager {
    /// Register a watch for `session` on `path`.
    pub fn register(&mut self, session: SessionId, path: &str, kind: WatchKind) {
        match kind {
            WatchKind::Data => self.data.add(path, session, WatcherMode::Standard),
            WatchKind::Child => self.child.add(path, session, WatcherMode::Standard),
            WatchKind::Persistent => {
                self.data.add(path, session, WatcherMode::Persistent);
                self.child.add(path, session, WatcherMode::Persistent);
            }
            WatchKind::PersistentRecursive => {
                self.data
                    .add(path, session, WatcherMode::PersistentRecursive);
                self.child
                    .add(path, session, WatcherMode::PersistentRecursive);
            }
        }
    }

    /// Register whatever watch `req` asks for, given the server's reply `resp`, with
    /// the server's rules: `exists` registers even when the node is missing; `getData`
    /// and `getChildren` only on success; `addWatch` always (it cannot fail once the
    /// path is valid).
    pub fn register_for(&mut self, session: SessionId, req: &ZkRequest, resp: &ZkResponse) {
        let ok = resp.error().is_none();
        match req {
            ZkRequest::Exists { path, watch: true }
                if ok || resp.error() == Some(ZkError::NoNode) =>
            {
                self.register(session, path, WatchKind::Data);
            }
            ZkRequest::GetData { path, watch: true } if ok => {
                self.register(session, path, WatchKind::Data)
            }
            ZkRequest::GetConfig { watch: true } if ok => {
                self.register(session, "/zookeeper/config", WatchKind::Data)
            }
            ZkRequest::GetChildren {
                path, watch: true, ..
            } if ok => self.register(session, path, WatchKind::Child),
            ZkRequest::AddWatch { path, mode } if ok => self.register(
                session,
                path,
                match mode {
                    AddWatchMode::Persistent => WatchKind::Persistent,
                    AddWatchMode::PersistentRecursive => WatchKind::PersistentRecursive,
                },
            ),
            _ => {}
        }
    }

    /// Fire the watches a tree change triggers; deliveries in order.
    pub fn trigger(&mut self, t: &WatchTrigger) -> Vec<(SessionId, WatchedEvent)> {
        let ev = WatchedEvent::node(t.event_type, &t.path);
        let sessions: Vec<SessionId> = match t.event_type {
            EventType::NodeCreated | EventType::NodeDataChanged => self
                .data
                .trigger(&t.path, t.event_type)
                .into_iter()
                .collect(),
            EventType::NodeChildrenChanged => self
                .child
                .trigger(&t.path, t.event_type)
                .into_iter()
                .collect(),
            EventType::NodeDeleted => {
                let first = self.data.trigger(&t.path, t.event_type);
                let second = self.child.trigger(&t.path, t.event_type);
                let mut all: Vec<SessionId> = first.iter().copied().collect();
                all.extend(second.iter().filter(|s| !first.contains(s)));
                all
            }
            _ => Vec::new(),
        };
        sessions.into_iter().map(|s| (s, ev.clone())).collect()
    }

    /// Fire a batch of triggers in order.
    pub fn trigger_all(&mut self, ts: &[WatchTrigger]) -> Vec<(SessionId, WatchedEvent)> {
        ts.iter().flat_map(|t| self.trigger(t)).collect()
    }

    /// `removeWatches` on the server (`DataTree.removeWatch`): true if anything went.
    pub fn remove(&mut self, session: SessionId, path: &str, ty: WatcherType) -> bool {
        match ty {
            WatcherType::Children => self.child.remove(path, session),
            WatcherType::Data => self.data.remove(path, session),
            WatcherType::Any => {
                let c = self.child.remove(path, session);
                let d = self.data.remove(path, session);
                c || d
            }
        }
    }

    /// Does `session` have a watch of this type on `path` (`containsWatcher`)?
    pub fn contains(&self, session: SessionId, path: &str, ty: WatcherType) -> bool {
        match ty {
            WatcherType::Children => self.child.contains(path, session),
            WatcherType::Data => self.data.contains(path, session),
            WatcherType::Any => {
                self.child.contains(path, session) || self.data.contains(path, session)
            }
        }
    }

    /// Drop every watch of a closed connection.
    pub fn remove_session(&mut self, session: SessionId) {
        self.data.remove_session(session);
        self.child.remove_session(session);
    }

    /// Registrations held (data table + child table).
    pub fn len(&self) -> usize {
        self.data.count + self.child.count
    }

    /// No registrations at all?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `(session, path, kind-letter, mode)` for every registration, for the UI
    /// (`d` = data table, `c` = child table).
    pub fn list(&self) -> Vec<(SessionId, String, char, WatcherMode)> {
        let mut out = Vec::new();
        for (tag, table) in [('d', &self.data), ('c', &self.child)] {
            for (p, set) in &table.watchers {
                for (s, mode) in set {
                    out.push((*s, p.clone(), tag, *mode));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(path: &str, e: EventType) -> WatchTrigger {
        WatchTrigger {
            path: path.into(),
            event_type: e,
        }
    }

    #[test]
    fn one_shot_watches_fire_once() {
        let mut w = WatchManager::default();
        w.register(7, "/a", WatchKind::Data);
        assert_eq!(w.trigger(&t("/a", EventType::NodeDataChanged)).len(), 1);
        assert!(w.trigger(&t("/a", EventType::NodeDataChanged)).is_empty());
        assert!(w.is_empty());
    }

    #[test]
    fn delete_notifies_each_session_once() {
        let mut w = WatchManager::default();
        w.register(7, "/a", WatchKind::Data);
        w.register(7, "/a", WatchKind::Child);
        w.register(8, "/a", WatchKind::Child);
        let d = w.trigger(&t("/a", EventType::NodeDeleted));
        assert_eq!(d.iter().map(|(s, _)| *s).collect::<Vec<_>>(), vec![7, 8]);
    }

    #[test]
    fn recursive_watches_skip_child_events_and_see_descendants() {
        let mut w = WatchManager::default();
        w.register(1, "/p", WatchKind::PersistentRecursive);
        assert_eq!(w.trigger(&t("/p/a/b", EventType::NodeCreated)).len(), 1);
        assert!(w
            .trigger(&t("/p", EventType::NodeChildrenChanged))
            .is_empty());
        assert_eq!(w.trigger(&t("/p", EventType::NodeDataChanged)).len(), 1);
        // Still there: persistent.
        assert_eq!(w.trigger(&t("/p/x", EventType::NodeDeleted)).len(), 1);
    }

    #[test]
    fn persistent_watch_sees_children_but_not_grandchildren() {
        let mut w = WatchManager::default();
        w.register(1, "/q", WatchKind::Persistent);
        assert_eq!(w.trigger(&t("/q", EventType::NodeChildrenChanged)).len(), 1);
        assert!(w.trigger(&t("/q/c", EventType::NodeCreated)).is_empty());
        assert_eq!(w.trigger(&t("/q", EventType::NodeDataChanged)).len(), 1);
    }

    #[test]
    fn standard_registration_downgrades_a_persistent_one() {
        // ZooKeeper 3.8 behaviour (ZOOKEEPER-4466).
        let mut w = WatchManager::default();
        w.register(1, "/p", WatchKind::PersistentRecursive);
        w.register(1, "/p", WatchKind::Data);
        assert!(w.trigger(&t("/p/a", EventType::NodeCreated)).is_empty());
        assert_eq!(w.trigger(&t("/p", EventType::NodeDataChanged)).len(), 1);
        assert!(w.trigger(&t("/p", EventType::NodeDataChanged)).is_empty());
    }

    #[test]
    fn removal() {
        let mut w = WatchManager::default();
        w.register(1, "/a", WatchKind::Data);
        assert!(!w.remove(1, "/a", WatcherType::Children));
        assert!(w.contains(1, "/a", WatcherType::Any));
        assert!(w.remove(1, "/a", WatcherType::Any));
        assert!(!w.remove(1, "/a", WatcherType::Any));
        w.register(2, "/b", WatchKind::Persistent);
        w.remove_session(2);
        assert!(w.is_empty());
    }

    #[test]
    fn display() {
        assert_eq!(
            WatchedEvent::node(EventType::NodeDataChanged, "/x").to_string(),
            "WatchedEvent state:SyncConnected type:NodeDataChanged path:/x"
        );
        assert_eq!(
            WatchedEvent::state(KeeperState::Closed).to_string(),
            "WatchedEvent state:Closed type:None path:null"
        );
    }
}
