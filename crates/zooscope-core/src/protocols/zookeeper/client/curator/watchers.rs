//! The Java client's per-watcher registry (`ZKWatchManager`), for Curator's own watchers
//! (the framework's: statements, callbacks, recipes) and the caches' watchers alike.
//!
//! The simulated client keeps one union registry (which paths are watched at all,
//! [`crate::protocols::zookeeper::client::library::ClientWatches`]) and hands every
//! notification that matches it on. A Java client remembers *which watcher objects*
//! registered each watch — maps path -> set of watchers for data, exist and child
//! watches, plus persistent and persistent-recursive ones — and calls each matching
//! watcher once per notification, however many of its registrations match (the
//! watchers are collected into a set first). That is what decides, for example, that a
//! TreeCache node watching a path with both getData and getChildren hears a deletion
//! once. Rules (ZooKeeper 3.8 `ZKWatchManager.materialize`, `WatchRegistration.register`):
//!
//! * `exists` registers a data watch on success and an exist watch on NoNode;
//!   `getData` a data watch and `getChildren` a child watch, on success only;
//!   `addWatch` a persistent or persistent-recursive watch on success.
//! * NodeCreated / NodeDataChanged take the path's data and exist watchers;
//!   NodeChildrenChanged its child watchers; NodeDeleted all three. One-shot
//!   registrations are removed as they fire. Persistent watchers on the path and
//!   recursive watchers on the path or an ancestor are added to every event and stay.
//!
//! Java iterates a `HashSet` of watchers; we call them in the order of their keys (the
//! framework's (owner, namespace), the caches' (cache, watcher)).

use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::{AddWatchMode, ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::watch::{EventType, WatchedEvent};
use std::collections::{BTreeMap, BTreeSet};

/// A cache's watcher object: (cache index on its client, the cache's own watcher number).
pub type WatcherKey = (usize, u32);

/// Which kind of one-shot watch a read leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WatchKind {
    /// `getData` (or `exists` of an existing node).
    Data,
    /// `exists` of a missing node.
    Exist,
    /// `getChildren`.
    Child,
}

/// Most registrations kept per kind (further ones are dropped).
pub const WATCHERS_MAX: usize = 100_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Table<K: Ord> {
    by_path: BTreeMap<String, BTreeSet<K>>,
    count: usize,
}

impl<K: Ord> Default for Table<K> {
    fn default() -> Self {
        Table {
            by_path: BTreeMap::new(),
            count: 0,
        }
    }
}

impl<K: Ord + Clone> Table<K> {
    fn add(&mut self, p: &str, w: K) {
        if self.count >= WATCHERS_MAX {
            return;
        }
        if self.by_path.entry(p.to_string()).or_default().insert(w) {
            self.count += 1;
        }
    }

    fn take(&mut self, p: &str, into: &mut BTreeSet<K>) {
        if let Some(set) = self.by_path.remove(p) {
            self.count -= set.len();
            into.extend(set);
        }
    }

    fn peek(&self, p: &str, into: &mut BTreeSet<K>) {
        if let Some(set) = self.by_path.get(p) {
            into.extend(set.iter().cloned());
        }
    }

    fn remove_where(&mut self, f: &impl Fn(&K) -> bool) {
        for set in self.by_path.values_mut() {
            let before = set.len();
            set.retain(|k| !f(k));
            self.count -= before - set.len();
        }
        self.by_path.retain(|_, set| !set.is_empty());
    }
}

/// The watcher registry of one client, watcher objects named by keys `K`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Watchers<K: Ord = WatcherKey> {
    data: Table<K>,
    exist: Table<K>,
    child: Table<K>,
    persistent: Table<K>,
    recursive: Table<K>,
}

impl<K: Ord> Default for Watchers<K> {
    fn default() -> Self {
        Watchers {
            data: Table::default(),
            exist: Table::default(),
            child: Table::default(),
            persistent: Table::default(),
            recursive: Table::default(),
        }
    }
}

impl<K: Ord + Clone> Watchers<K> {
    /// Register watcher `w` for a one-shot watch of `kind` on `path`.
    pub fn add(&mut self, kind: WatchKind, path: &str, w: K) {
        match kind {
            WatchKind::Data => self.data.add(path, w),
            WatchKind::Exist => self.exist.add(path, w),
            WatchKind::Child => self.child.add(path, w),
        }
    }

    /// Registrations in all tables.
    pub fn len(&self) -> usize {
        self.tables().iter().map(|t| t.count).sum()
    }

    /// No registration at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn tables(&self) -> [&Table<K>; 5] {
        [
            &self.data,
            &self.exist,
            &self.child,
            &self.persistent,
            &self.recursive,
        ]
    }

    /// Forget the watchers `f` picks (`WatcherRemovalManager.removeWatchers`).
    pub fn remove_where(&mut self, f: impl Fn(&K) -> bool) {
        for t in [
            &mut self.data,
            &mut self.exist,
            &mut self.child,
            &mut self.persistent,
            &mut self.recursive,
        ] {
            t.remove_where(&f);
        }
    }

    /// Forget every watcher (they die with the session).
    pub fn clear(&mut self) {
        *self = Watchers::default();
    }

    /// The paths watched by the watchers `f` picks, each once, in path order.
    pub fn paths_of(&self, f: impl Fn(&K) -> bool) -> Vec<String> {
        let mut out = BTreeSet::new();
        for t in self.tables() {
            for (p, set) in &t.by_path {
                if set.iter().any(&f) {
                    out.insert(p.clone());
                }
            }
        }
        out.into_iter().collect()
    }

    /// Record what `req`, sent with watcher `w`, registered now that `result` is in.
    pub fn register(&mut self, req: &ZkRequest, result: &Result<ZkResponse, ClientError>, w: K) {
        let err = match result {
            Ok(r) => r.error(),
            Err(ClientError::Keeper(e)) => Some(*e),
            Err(ClientError::IllegalArgument(_)) => return,
        };
        match req {
            ZkRequest::Exists { path: p, .. } => match err {
                None => self.data.add(p, w),
                Some(ZkError::NoNode) => self.exist.add(p, w),
                _ => {}
            },
            ZkRequest::GetData { path: p, .. } if err.is_none() => self.data.add(p, w),
            ZkRequest::GetChildren { path: p, .. } if err.is_none() => self.child.add(p, w),
            ZkRequest::AddWatch { path: p, mode } if err.is_none() => match mode {
                AddWatchMode::Persistent => self.persistent.add(p, w),
                AddWatchMode::PersistentRecursive => self.recursive.add(p, w),
            },
            _ => {}
        }
    }

    /// The watchers a notification reaches, each once; one-shot ones are removed.
    pub fn materialize(&mut self, ev: &WatchedEvent) -> Vec<K> {
        let Some(p) = ev.path.as_deref() else {
            return Vec::new();
        };
        let mut out = BTreeSet::new();
        match ev.event_type {
            EventType::NodeCreated | EventType::NodeDataChanged => {
                self.data.take(p, &mut out);
                self.exist.take(p, &mut out);
            }
            EventType::NodeChildrenChanged => self.child.take(p, &mut out),
            EventType::NodeDeleted => {
                self.data.take(p, &mut out);
                self.exist.take(p, &mut out);
                self.child.take(p, &mut out);
            }
            _ => return Vec::new(),
        }
        self.persistent.peek(p, &mut out);
        self.recursive.peek(p, &mut out);
        for a in path::ancestors(p) {
            self.recursive.peek(a, &mut out);
        }
        out.into_iter().collect()
    }

    /// Every registered watcher, each once (a connection event reaches them all).
    pub fn all(&self) -> Vec<K> {
        let mut out = BTreeSet::new();
        for t in self.tables() {
            for set in t.by_path.values() {
                out.extend(set.iter().cloned());
            }
        }
        out.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_call_per_watcher_and_recursive_ancestors() {
        let mut w: Watchers = Watchers::default();
        let ok = Ok(ZkResponse::Ok);
        let get = ZkRequest::GetData {
            path: "/a".into(),
            watch: true,
        };
        let kids = ZkRequest::GetChildren {
            path: "/a".into(),
            watch: true,
            with_stat: true,
        };
        w.register(&get, &ok, (0, 1));
        w.register(&kids, &ok, (0, 1));
        w.register(&kids, &ok, (1, 0));
        w.register(
            &ZkRequest::AddWatch {
                path: "/".into(),
                mode: AddWatchMode::PersistentRecursive,
            },
            &ok,
            (2, 0),
        );
        let del = WatchedEvent::node(EventType::NodeDeleted, "/a");
        assert_eq!(w.materialize(&del), vec![(0, 1), (1, 0), (2, 0)]);
        assert_eq!(w.materialize(&del), vec![(2, 0)]);
        let exists = ZkRequest::Exists {
            path: "/b".into(),
            watch: true,
        };
        w.register(&exists, &Err(ClientError::Keeper(ZkError::NoNode)), (3, 0));
        let created = WatchedEvent::node(EventType::NodeCreated, "/b");
        assert_eq!(w.materialize(&created), vec![(2, 0), (3, 0)]);
    }
}
