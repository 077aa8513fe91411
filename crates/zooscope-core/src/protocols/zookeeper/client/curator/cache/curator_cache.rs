//! CuratorCache (`CR/cache/CuratorCacheImpl.java`, Curator 5.4): a path and its
//! subtree, kept current by one persistent-recursive watch.
//!
//! `start()` registers the watch (`PersistentWatcher`: `watchers().add()
//! .withMode(PERSISTENT_RECURSIVE)` in the background, sent again until it succeeds and
//! again on every CONNECTED / RECONNECTED). Each success rebuilds: the path, then every
//! other cached path, is re-read. A read is `getData()` without a watch; its result
//! goes into the storage: a new path is `NODE_CREATED`, a known path whose *version*
//! changed is `NODE_CHANGED` (equal versions are silent). When the read's cversion
//! differs from the stored one (or the path is new) the children are listed
//! (`getChildren()`, no watch) and each is read the same way. NoNode removes the path
//! (`NODE_DELETED` if it was stored). Notifications: NodeCreated and NodeDataChanged
//! re-read the path, NodeDeleted removes it (a recursive watch never hears
//! NodeChildrenChanged). `initialized` is called once, the first time the count of
//! outstanding reads drops to zero (a `Phaser` that terminates on its first advance).

use super::child_data::{ChildData, JavaOpt};
use super::{CacheEvent, CacheFault, ConnectionState, Effects, Outstanding, Token};
use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::{AddWatchMode, ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::stat::Stat;
use crate::protocols::zookeeper::data::watch::{EventType, WatchedEvent};
use std::collections::BTreeMap;
use std::fmt;

const WATCHER: u32 = 0;

/// Most paths one CuratorCache stores (reads of further new paths are dropped).
pub const STORED_MAX: usize = 100_000;

/// `CuratorCacheListener.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CuratorCacheType {
    /// A path appeared.
    NodeCreated,
    /// A path's data (version) changed.
    NodeChanged,
    /// A path went away.
    NodeDeleted,
}

impl CuratorCacheType {
    /// The Java constant.
    pub fn name(self) -> &'static str {
        match self {
            CuratorCacheType::NodeCreated => "NODE_CREATED",
            CuratorCacheType::NodeChanged => "NODE_CHANGED",
            CuratorCacheType::NodeDeleted => "NODE_DELETED",
        }
    }
}

/// Which `CuratorCacheListener` method is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CuratorCacheCall {
    /// `event(type, oldData, data)`.
    Event(CuratorCacheType),
    /// `initialized()`.
    Initialized,
}

/// What a `CuratorCacheListener` is told.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CuratorCacheEvent {
    /// The method.
    pub call: CuratorCacheCall,
    /// The value before (null for NODE_CREATED and `initialized`).
    pub old: Option<ChildData>,
    /// The value after (null for NODE_DELETED and `initialized`).
    pub new: Option<ChildData>,
}

impl fmt::Display for CuratorCacheEvent {
    /// The harness listener's line: `type + " " + oldData + " " + data`, or `initialized`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.call {
            CuratorCacheCall::Event(kind) => write!(
                f,
                "{} {} {}",
                kind.name(),
                JavaOpt(self.old.as_ref()),
                JavaOpt(self.new.as_ref())
            ),
            CuratorCacheCall::Initialized => f.write_str("initialized"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Wait {
    AddWatch,
    Data(String),
    Children(String),
}

/// A CuratorCache with the default options (recursive, uncompressed, cleared on close).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CuratorCache {
    path: String,
    storage: BTreeMap<String, ChildData>,
    outstanding: u64,
    /// The phaser has advanced (and terminated).
    initialized: bool,
    calls: Outstanding<Wait>,
    /// A deliberate defect (tests).
    pub fault: Option<CacheFault>,
}

impl CuratorCache {
    /// `CuratorCache.build(client, path)`.
    pub fn new(path: &str) -> Self {
        CuratorCache {
            path: path.to_string(),
            storage: BTreeMap::new(),
            outstanding: 0,
            initialized: false,
            calls: Outstanding::default(),
            fault: None,
        }
    }

    /// The path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `get(path)`.
    pub fn get(&self, p: &str) -> Option<&ChildData> {
        self.storage.get(p)
    }

    /// `start()`.
    pub fn start(&mut self, _connected: bool, out: &mut Effects) {
        self.add_watch(out);
    }

    fn add_watch(&mut self, out: &mut Effects) {
        let req = ZkRequest::AddWatch {
            path: self.path.clone(),
            mode: AddWatchMode::PersistentRecursive,
        };
        self.calls.call(out, req, Some(WATCHER), Wait::AddWatch);
    }

    fn event(
        kind: CuratorCacheType,
        old: Option<ChildData>,
        new: Option<ChildData>,
        out: &mut Effects,
    ) {
        out.events.push(CacheEvent::Curator(CuratorCacheEvent {
            call: CuratorCacheCall::Event(kind),
            old,
            new,
        }));
    }

    fn node_changed(&mut self, p: &str, out: &mut Effects) {
        self.outstanding += 1;
        let req = ZkRequest::GetData {
            path: p.to_string(),
            watch: false,
        };
        self.calls.call(out, req, None, Wait::Data(p.to_string()));
    }

    fn remove_storage(&mut self, p: &str, out: &mut Effects) {
        if let Some(old) = self.storage.remove(p) {
            Self::event(CuratorCacheType::NodeDeleted, Some(old), None, out);
        }
    }

    fn put_storage(&mut self, data: ChildData, out: &mut Effects) -> Option<Stat> {
        if self.storage.len() >= STORED_MAX && !self.storage.contains_key(&data.path) {
            return None;
        }
        let prev = self.storage.insert(data.path.clone(), data.clone());
        match &prev {
            Some(old) if old.stat.version != data.stat.version => Self::event(
                CuratorCacheType::NodeChanged,
                Some(old.clone()),
                Some(data),
                out,
            ),
            Some(_) => {}
            None => Self::event(CuratorCacheType::NodeCreated, None, Some(data), out),
        }
        prev.map(|d| d.stat)
    }

    fn arrive(&mut self, out: &mut Effects) {
        self.outstanding = self.outstanding.saturating_sub(1);
        if self.outstanding == 0 && !self.initialized {
            self.initialized = true;
            out.events.push(CacheEvent::Curator(CuratorCacheEvent {
                call: CuratorCacheCall::Initialized,
                old: None,
                new: None,
            }));
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
        let no_node = matches!(result, Err(ClientError::Keeper(ZkError::NoNode)));
        match wait {
            Wait::AddWatch => {
                if result.is_ok() {
                    // rebuild(): the path first, then every other stored path.
                    let root = self.path.clone();
                    self.node_changed(&root, out);
                    let others: Vec<String> = self
                        .storage
                        .keys()
                        .filter(|p| **p != root)
                        .cloned()
                        .collect();
                    for p in others {
                        self.node_changed(&p, out);
                    }
                } else {
                    self.add_watch(out);
                }
            }
            Wait::Data(p) => {
                if let Ok(ZkResponse::Data { data, stat }) = result {
                    let old = self.put_storage(
                        ChildData {
                            path: p.clone(),
                            stat: *stat,
                            data: data.clone(),
                        },
                        out,
                    );
                    let changed = old.is_none_or(|o| o.cversion != stat.cversion);
                    if changed {
                        self.outstanding += 1;
                        let req = ZkRequest::GetChildren {
                            path: p.clone(),
                            watch: false,
                            with_stat: true,
                        };
                        self.calls.call(out, req, None, Wait::Children(p));
                    }
                } else if no_node {
                    self.remove_storage(&p, out);
                }
                self.arrive(out);
            }
            Wait::Children(p) => {
                if let Ok(ZkResponse::Children { children, .. }) = result {
                    for c in children.clone() {
                        self.node_changed(&path::join(&p, &c), out);
                    }
                } else if no_node {
                    self.remove_storage(&p, out);
                }
                self.arrive(out);
            }
        }
    }

    /// The persistent watcher was notified.
    pub fn on_watch(&mut self, _watcher: u32, ev: &WatchedEvent, out: &mut Effects) {
        if self.fault == Some(CacheFault::NoRewatch) {
            return;
        }
        let Some(p) = ev.path.as_deref() else { return };
        match ev.event_type {
            EventType::NodeCreated | EventType::NodeDataChanged => self.node_changed(p, out),
            EventType::NodeDeleted => self.remove_storage(p, out),
            _ => {}
        }
    }

    /// The connection state changed.
    pub fn on_state(&mut self, state: ConnectionState, out: &mut Effects) {
        if matches!(
            state,
            ConnectionState::Connected | ConnectionState::Reconnected
        ) {
            self.add_watch(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(version: i32, cversion: i32) -> Result<ZkResponse, ClientError> {
        Ok(ZkResponse::Data {
            data: Some(b"v".to_vec()),
            stat: Stat {
                version,
                cversion,
                ..Stat::default()
            },
        })
    }

    fn names(out: &Effects) -> Vec<String> {
        out.events
            .iter()
            .map(|e| match e {
                CacheEvent::Curator(e) => e.to_string(),
                other => panic!("{other:?}"),
            })
            .map(|s| s.split(' ').next().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn one_recursive_watch_versions_and_one_initialized() {
        let mut c = CuratorCache::new("/c");
        let mut out = Effects::default();
        c.start(true, &mut out);
        let add = out.calls.remove(0);
        assert_eq!(
            add.req,
            ZkRequest::AddWatch {
                path: "/c".into(),
                mode: AddWatchMode::PersistentRecursive
            }
        );
        assert_eq!(add.watcher, Some(WATCHER));
        c.on_reply(add.token, &Ok(ZkResponse::Ok), &mut out);
        let read = out.calls.remove(0);
        assert!(matches!(read.req, ZkRequest::GetData { watch: false, .. }));
        c.on_reply(read.token, &data(0, 1), &mut out);
        let list = out.calls.remove(0);
        assert!(matches!(
            list.req,
            ZkRequest::GetChildren { watch: false, .. }
        ));
        c.on_reply(
            list.token,
            &Ok(ZkResponse::Children {
                children: vec!["k".into()],
                stat: None,
            }),
            &mut out,
        );
        let read = out.calls.remove(0);
        c.on_reply(read.token, &data(0, 0), &mut out);
        let list = out.calls.remove(0);
        c.on_reply(
            list.token,
            &Ok(ZkResponse::Children {
                children: vec![],
                stat: None,
            }),
            &mut out,
        );
        assert_eq!(
            names(&out),
            vec!["NODE_CREATED", "NODE_CREATED", "initialized"]
        );
        // Same version: silent, and the children are not listed again (same cversion).
        let ev = WatchedEvent::node(EventType::NodeDataChanged, "/c/k");
        c.on_watch(WATCHER, &ev, &mut out);
        let read = out.calls.remove(0);
        c.on_reply(read.token, &data(0, 0), &mut out);
        assert!(out.calls.is_empty());
        c.on_watch(WATCHER, &ev, &mut out);
        let read = out.calls.remove(0);
        c.on_reply(read.token, &data(1, 0), &mut out);
        c.on_watch(
            WATCHER,
            &WatchedEvent::node(EventType::NodeDeleted, "/c/k"),
            &mut out,
        );
        assert_eq!(
            names(&out)[3..],
            ["NODE_CHANGED".to_string(), "NODE_DELETED".to_string()]
        );
        assert!(c.get("/c/k").is_none() && c.get("/c").is_some());
    }
}
