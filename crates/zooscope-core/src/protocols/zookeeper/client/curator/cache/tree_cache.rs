//! TreeCache (`CR/cache/TreeCache.java`, Curator 5.4): a path and everything below it.
//!
//! One `TreeNode` per path, each its own watcher and background callback. A node that
//! is (re)created refreshes: `getData().usingWatcher(node)` and
//! `getChildren().usingWatcher(node)` in the background, adding 2 to the count of
//! outstanding operations (every reply takes one off). Replies:
//!
//! * getData OK: a first live value is `NODE_ADDED`, a value with a larger mzxid
//!   `NODE_UPDATED` (an equal or older mzxid is ignored); NoNode: the node is deleted.
//! * getChildren OK: if the mzxid is unchanged the cached Stat is replaced by the new
//!   one silently (that is how cversion and pzxid of a cached node move); new children,
//!   sorted by name (`Collections.sort`), get nodes that refresh in turn. NoNode: deleted.
//! * a node is deleted (NodeDeleted or a NoNode reply): its children are deleted first
//!   (their `NODE_REMOVED` events come first), then its own `NODE_REMOVED` if it was live;
//!   the root then watches with `checkExists()` and starts over when the path comes back,
//!   other nodes leave their parent's map.
//!
//! Notifications: NodeCreated (root) refreshes, NodeChildrenChanged re-reads the
//! children, NodeDataChanged the data, NodeDeleted deletes. `INITIALIZED` is published
//! the first time the outstanding count reaches zero (the count is decremented for the
//! root's `exists` replies too, which were never counted, exactly as upstream does).
//! SUSPENDED / LOST / RECONNECTED publish CONNECTION_* events; LOST also forgets that
//! the cache was initialized; CONNECTED refreshes the root, RECONNECTED every node.
//! Where several nodes are visited in one go (the children still cached under a node
//! that is deleted, every node on RECONNECTED), Java iterates a `ConcurrentHashMap`;
//! we go in name order.

use super::child_data::{ChildData, JavaOpt};
use super::{CacheEvent, CacheFault, ConnectionState, Effects, Outstanding, Token};
use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::{ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::watch::{EventType, WatchedEvent};
use std::collections::BTreeMap;
use std::fmt;

/// Most nodes one TreeCache holds (children beyond it are not followed).
pub const NODES_MAX: usize = 100_000;

/// `TreeCacheEvent.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TreeCacheEventType {
    /// A node appeared.
    NodeAdded,
    /// A node's data changed.
    NodeUpdated,
    /// A node went away.
    NodeRemoved,
    /// The connection dropped.
    ConnectionSuspended,
    /// The connection is back.
    ConnectionReconnected,
    /// The session is gone.
    ConnectionLost,
    /// The initial tree is loaded.
    Initialized,
}

impl TreeCacheEventType {
    /// The Java constant.
    pub fn name(self) -> &'static str {
        match self {
            TreeCacheEventType::NodeAdded => "NODE_ADDED",
            TreeCacheEventType::NodeUpdated => "NODE_UPDATED",
            TreeCacheEventType::NodeRemoved => "NODE_REMOVED",
            TreeCacheEventType::ConnectionSuspended => "CONNECTION_SUSPENDED",
            TreeCacheEventType::ConnectionReconnected => "CONNECTION_RECONNECTED",
            TreeCacheEventType::ConnectionLost => "CONNECTION_LOST",
            TreeCacheEventType::Initialized => "INITIALIZED",
        }
    }
}

/// A `TreeCacheEvent`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TreeCacheEvent {
    /// Its type.
    pub kind: TreeCacheEventType,
    /// `getData()`.
    pub data: Option<ChildData>,
    /// `getOldData()` (NODE_UPDATED only; NODE_REMOVED carries the old value in `data`).
    pub old_data: Option<ChildData>,
}

impl fmt::Display for TreeCacheEvent {
    /// `TreeCacheEvent.toString()` (`TreeCacheEvent.java:157`): type and data only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TreeCacheEvent{{type={}, data={}}}",
            self.kind.name(),
            JavaOpt(self.data.as_ref())
        )
    }
}

/// `childData`: null (never read), the DEAD marker, or a live value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum NodeData {
    Unread,
    Dead,
    Live(ChildData),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct TreeNode {
    path: String,
    parent: Option<u32>,
    data: NodeData,
    /// Child name -> node id (`children`, null until the first non-empty listing).
    children: Option<BTreeMap<String, u32>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Wait {
    Data(u32),
    Children(u32),
    Exists(u32),
}

/// A TreeCache with the default options (cacheData, no depth limit, no parent creation).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TreeCache {
    path: String,
    /// Live and detached nodes by id (the id is the node's watcher number).
    nodes: BTreeMap<u32, TreeNode>,
    next_id: u32,
    outstanding: i64,
    initialized: bool,
    calls: Outstanding<Wait>,
    /// A deliberate defect (tests).
    pub fault: Option<CacheFault>,
}

const ROOT: u32 = 0;

impl TreeCache {
    /// `new TreeCache(client, path)`.
    pub fn new(path: &str) -> Self {
        let mut nodes = BTreeMap::new();
        nodes.insert(
            ROOT,
            TreeNode {
                path: path.to_string(),
                parent: None,
                data: NodeData::Unread,
                children: None,
            },
        );
        TreeCache {
            path: path.to_string(),
            nodes,
            next_id: 1,
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

    /// `getCurrentData(path)`.
    pub fn current(&self, p: &str) -> Option<&ChildData> {
        self.nodes.values().find_map(|n| match &n.data {
            NodeData::Live(d) if n.path == p => Some(d),
            _ => None,
        })
    }

    /// `start()`: the root is refreshed if the client is connected (else on CONNECTED).
    pub fn start(&mut self, connected: bool, out: &mut Effects) {
        if connected {
            self.refresh(ROOT, out);
        }
    }

    fn publish(
        &self,
        kind: TreeCacheEventType,
        data: Option<ChildData>,
        old: Option<ChildData>,
        out: &mut Effects,
    ) {
        out.events.push(CacheEvent::Tree(TreeCacheEvent {
            kind,
            data,
            old_data: old,
        }));
    }

    fn refresh(&mut self, id: u32, out: &mut Effects) {
        self.outstanding += 2;
        self.read_data(id, out);
        self.read_children(id, out);
    }

    fn read_data(&mut self, id: u32, out: &mut Effects) {
        let Some(n) = self.nodes.get(&id) else { return };
        let req = ZkRequest::GetData {
            path: n.path.clone(),
            watch: true,
        };
        self.calls.call(out, req, Some(id), Wait::Data(id));
    }

    fn read_children(&mut self, id: u32, out: &mut Effects) {
        let Some(n) = self.nodes.get(&id) else { return };
        let req = ZkRequest::GetChildren {
            path: n.path.clone(),
            watch: true,
            with_stat: true,
        };
        self.calls.call(out, req, Some(id), Wait::Children(id));
    }

    fn was_deleted(&mut self, id: u32, out: &mut Effects) {
        let Some(n) = self.nodes.get_mut(&id) else {
            return;
        };
        let old = std::mem::replace(&mut n.data, NodeData::Dead);
        if old == NodeData::Dead {
            return;
        }
        let kids = n.children.take();
        let parent = n.parent;
        let p = n.path.clone();
        for (_, child) in kids.unwrap_or_default() {
            self.was_deleted(child, out);
        }
        if let NodeData::Live(d) = old {
            self.publish(TreeCacheEventType::NodeRemoved, Some(d), None, out);
        }
        match parent {
            None => {
                let req = ZkRequest::Exists {
                    path: p,
                    watch: true,
                };
                self.calls.call(out, req, Some(id), Wait::Exists(id));
            }
            Some(pid) => {
                if let Some((_, name)) = path::split_last(&p) {
                    if let Some(map) = self.nodes.get_mut(&pid).and_then(|n| n.children.as_mut()) {
                        if map.get(name) == Some(&id) {
                            map.remove(name);
                        }
                    }
                }
                // Detached: nothing refers to it any more.
                self.nodes.remove(&id);
            }
        }
    }

    fn on_children(
        &mut self,
        id: u32,
        result: &Result<ZkResponse, ClientError>,
        out: &mut Effects,
    ) {
        match result {
            Ok(ZkResponse::Children { children, stat }) => {
                let Some(n) = self.nodes.get_mut(&id) else {
                    return;
                };
                if let (NodeData::Live(d), Some(st)) = (&mut n.data, stat) {
                    if d.stat.mzxid == st.mzxid {
                        d.stat = *st;
                    }
                }
                if children.is_empty() {
                    return;
                }
                let map = n.children.get_or_insert_with(BTreeMap::new);
                let mut new: Vec<String> = children
                    .iter()
                    .filter(|c| !map.contains_key(c.as_str()))
                    .cloned()
                    .collect();
                new.sort_by(|a, b| path::java_cmp(a, b));
                let parent_path = n.path.clone();
                for name in new {
                    if self.nodes.len() >= NODES_MAX {
                        break;
                    }
                    let cid = self.next_id;
                    self.next_id = self.next_id.wrapping_add(1).max(1);
                    self.nodes.insert(
                        cid,
                        TreeNode {
                            path: path::join(&parent_path, &name),
                            parent: Some(id),
                            data: NodeData::Unread,
                            children: None,
                        },
                    );
                    if let Some(map) = self.nodes.get_mut(&id).and_then(|n| n.children.as_mut()) {
                        map.insert(name, cid);
                    }
                    self.refresh(cid, out);
                }
            }
            Err(ClientError::Keeper(ZkError::NoNode)) => self.was_deleted(id, out),
            _ => {}
        }
    }

    fn on_data(&mut self, id: u32, result: &Result<ZkResponse, ClientError>, out: &mut Effects) {
        match result {
            Ok(ZkResponse::Data { data, stat }) => {
                let Some(n) = self.nodes.get_mut(&id) else {
                    return;
                };
                let new = ChildData {
                    path: n.path.clone(),
                    stat: *stat,
                    data: data.clone(),
                };
                match &n.data {
                    NodeData::Live(old) if stat.mzxid <= old.stat.mzxid => {}
                    NodeData::Dead if n.parent.is_some() => {}
                    NodeData::Live(old) => {
                        let old = old.clone();
                        n.data = NodeData::Live(new.clone());
                        self.publish(TreeCacheEventType::NodeUpdated, Some(new), Some(old), out);
                    }
                    NodeData::Unread | NodeData::Dead => {
                        n.data = NodeData::Live(new.clone());
                        self.publish(TreeCacheEventType::NodeAdded, Some(new), None, out);
                    }
                }
            }
            Err(ClientError::Keeper(ZkError::NoNode)) => self.was_deleted(id, out),
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
            Wait::Exists(id) => {
                if result.is_ok() {
                    if let Some(n) = self.nodes.get_mut(&id) {
                        if n.data == NodeData::Dead {
                            n.data = NodeData::Unread;
                        }
                    }
                    self.refresh(id, out);
                }
            }
            Wait::Children(id) => self.on_children(id, result, out),
            Wait::Data(id) => self.on_data(id, result, out),
        }
        self.outstanding -= 1;
        if self.outstanding == 0 && !self.initialized {
            self.initialized = true;
            self.publish(TreeCacheEventType::Initialized, None, None, out);
        }
    }

    /// Node `watcher` was notified.
    pub fn on_watch(&mut self, watcher: u32, ev: &WatchedEvent, out: &mut Effects) {
        if self.fault == Some(CacheFault::NoRewatch) || !self.nodes.contains_key(&watcher) {
            return;
        }
        match ev.event_type {
            EventType::NodeCreated if watcher == ROOT => self.refresh(ROOT, out),
            EventType::NodeChildrenChanged => {
                self.outstanding += 1;
                self.read_children(watcher, out);
            }
            EventType::NodeDataChanged => {
                self.outstanding += 1;
                self.read_data(watcher, out);
            }
            EventType::NodeDeleted => self.was_deleted(watcher, out),
            _ => {}
        }
    }

    fn was_reconnected(&mut self, id: u32, out: &mut Effects) {
        self.refresh(id, out);
        let kids: Vec<u32> = self
            .nodes
            .get(&id)
            .and_then(|n| n.children.as_ref())
            .map(|m| m.values().copied().collect())
            .unwrap_or_default();
        for k in kids {
            self.was_reconnected(k, out);
        }
    }

    /// The connection state changed.
    pub fn on_state(&mut self, state: ConnectionState, out: &mut Effects) {
        match state {
            ConnectionState::Suspended => {
                self.publish(TreeCacheEventType::ConnectionSuspended, None, None, out)
            }
            ConnectionState::Lost => {
                self.initialized = false;
                self.publish(TreeCacheEventType::ConnectionLost, None, None, out);
            }
            ConnectionState::Connected => self.refresh(ROOT, out),
            ConnectionState::Reconnected => {
                self.was_reconnected(ROOT, out);
                self.publish(TreeCacheEventType::ConnectionReconnected, None, None, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::stat::Stat;

    fn stat(mzxid: u64, cversion: i32) -> Stat {
        Stat {
            czxid: 1,
            mzxid,
            cversion,
            ..Stat::default()
        }
    }

    fn data(mzxid: u64) -> Result<ZkResponse, ClientError> {
        Ok(ZkResponse::Data {
            data: Some(b"d".to_vec()),
            stat: stat(mzxid, 0),
        })
    }

    fn kids(names: &[&str], st: Stat) -> Result<ZkResponse, ClientError> {
        Ok(ZkResponse::Children {
            children: names.iter().map(|n| n.to_string()).collect(),
            stat: Some(st),
        })
    }

    fn take(out: &mut Effects, path: &str, children: bool) -> super::super::Call {
        let i = out
            .calls
            .iter()
            .position(|c| match &c.req {
                ZkRequest::GetChildren { path: p, .. } => children && p == path,
                ZkRequest::GetData { path: p, .. } => !children && p == path,
                _ => false,
            })
            .unwrap_or_else(|| panic!("no read of {path} in {:?}", out.calls));
        out.calls.remove(i)
    }

    fn kinds(out: &Effects) -> Vec<(TreeCacheEventType, Option<String>)> {
        out.events
            .iter()
            .map(|e| match e {
                CacheEvent::Tree(e) => (e.kind, e.data.as_ref().map(|d| d.path.clone())),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn loads_sorted_children_initializes_once_and_deletes_leaves_first() {
        let mut t = TreeCache::new("/r");
        let mut out = Effects::default();
        t.start(true, &mut out);
        let d = take(&mut out, "/r", false);
        let c = take(&mut out, "/r", true);
        assert_eq!(d.watcher, Some(ROOT));
        t.on_reply(d.token, &data(2), &mut out);
        t.on_reply(c.token, &kids(&["b", "Z", "a"], stat(2, 3)), &mut out);
        // New children are read in String.compareTo order: Z, a, b.
        let order: Vec<String> = out
            .calls
            .iter()
            .filter_map(|c| match &c.req {
                ZkRequest::GetData { path, .. } => Some(path.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(order, vec!["/r/Z", "/r/a", "/r/b"]);
        // The listing's Stat (same mzxid) replaced the cached one silently.
        assert_eq!(t.current("/r").unwrap().stat.cversion, 3);
        for p in ["/r/Z", "/r/a", "/r/b"] {
            let d = take(&mut out, p, false);
            t.on_reply(d.token, &data(5), &mut out);
            let c = take(&mut out, p, true);
            t.on_reply(c.token, &kids(&[], stat(5, 0)), &mut out);
        }
        let seen = kinds(&out);
        assert_eq!(seen.last().unwrap().0, TreeCacheEventType::Initialized);
        assert_eq!(seen.len(), 5);
        // An older or equal mzxid is no update.
        t.on_watch(
            ROOT,
            &WatchedEvent::node(EventType::NodeDataChanged, "/r"),
            &mut out,
        );
        let d = take(&mut out, "/r", false);
        t.on_reply(d.token, &data(2), &mut out);
        assert_eq!(kinds(&out).len(), 5);
        // The root is deleted: its children first, then the root, then an exists watch.
        t.on_watch(
            ROOT,
            &WatchedEvent::node(EventType::NodeDeleted, "/r"),
            &mut out,
        );
        let removed: Vec<String> = kinds(&out)[5..]
            .iter()
            .map(|(k, p)| {
                assert_eq!(*k, TreeCacheEventType::NodeRemoved);
                p.clone().unwrap()
            })
            .collect();
        assert_eq!(removed, vec!["/r/Z", "/r/a", "/r/b", "/r"]);
        let ex = out.calls.remove(0);
        assert_eq!(
            ex.req,
            ZkRequest::Exists {
                path: "/r".into(),
                watch: true
            }
        );
        // Coming back: refreshed from scratch, NODE_ADDED, and no second INITIALIZED.
        t.on_reply(ex.token, &Ok(ZkResponse::Stat(stat(9, 0))), &mut out);
        let d = take(&mut out, "/r", false);
        t.on_reply(d.token, &data(9), &mut out);
        let c = take(&mut out, "/r", true);
        t.on_reply(c.token, &kids(&[], stat(9, 0)), &mut out);
        let tail: Vec<TreeCacheEventType> = kinds(&out)[9..].iter().map(|k| k.0).collect();
        assert_eq!(tail, vec![TreeCacheEventType::NodeAdded]);
    }
}
