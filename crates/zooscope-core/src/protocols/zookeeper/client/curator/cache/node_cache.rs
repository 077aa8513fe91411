//! NodeCache (`CR/cache/NodeCache.java`, Curator 5.4): one node, re-read on every change.
//!
//! `start(true)` first runs, blocking, `checkExists().creatingParentContainersIfNeeded()`
//! (the parents as containers, then a plain `exists`) and `getData()`, and caches the
//! result without an event. Then, and after every notification, `reset()`: in the
//! background `checkExists().creatingParentContainersIfNeeded().usingWatcher(w)` (any
//! missing parents are created first); NoNode makes the cached data null, OK is followed
//! by `getData().usingWatcher(w)`, whose result becomes the cached data. The listener
//! hears `nodeChanged()` whenever the new `ChildData` differs from the old one (path,
//! Stat or bytes), so a rewrite with equal bytes is still a change (its Stat differs).
//! SUSPENDED / LOST stop the resets; CONNECTED / RECONNECTED after them reset once.

use super::super::mkdirs::Mkdirs;
use super::child_data::ChildData;
use super::{CacheEvent, CacheFault, ConnectionState, Effects, Outstanding, Token};
use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::request::{ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::watch::WatchedEvent;

/// NodeCache's one watcher.
const WATCHER: u32 = 0;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Wait {
    /// `start(true)`: the foreground parents of `exists`.
    InitialParents(Mkdirs),
    /// `start(true)`: the plain `exists`.
    InitialExists,
    /// `start(true)`: `internalRebuild`'s `getData`.
    InitialData,
    /// `reset()`: the background parents.
    ResetParents(Mkdirs),
    /// `reset()`: the watched `exists`.
    Exists,
    /// The watched `getData` after it.
    GetData,
}

/// A NodeCache on one path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NodeCache {
    path: String,
    build_initial: bool,
    data: Option<ChildData>,
    connected: bool,
    calls: Outstanding<Wait>,
    /// A deliberate defect (tests).
    pub fault: Option<CacheFault>,
}

impl NodeCache {
    /// `new NodeCache(client, path)`, to be started with `start(build_initial)`.
    pub fn new(path: &str, build_initial: bool) -> Self {
        NodeCache {
            path: path.to_string(),
            build_initial,
            data: None,
            connected: true,
            calls: Outstanding::default(),
            fault: None,
        }
    }

    /// The path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `getCurrentData()`.
    pub fn current(&self) -> Option<&ChildData> {
        self.data.as_ref()
    }

    /// `start(build_initial)`.
    pub fn start(&mut self, connected: bool, out: &mut Effects) {
        self.connected = connected;
        if self.build_initial {
            self.initial_parents(Mkdirs::parents_of(&self.path), None, out);
        } else {
            self.reset(out);
        }
    }

    fn initial_parents(
        &mut self,
        mut m: Mkdirs,
        last: Option<&Result<ZkResponse, ClientError>>,
        out: &mut Effects,
    ) {
        match m.next(last) {
            Some(req) => self.calls.call(out, req, None, Wait::InitialParents(m)),
            None => {
                let req = ZkRequest::Exists {
                    path: self.path.clone(),
                    watch: false,
                };
                self.calls.call(out, req, None, Wait::InitialExists);
            }
        }
    }

    fn reset(&mut self, out: &mut Effects) {
        if self.connected {
            self.reset_parents(Mkdirs::new(&self.path, false, true), None, out);
        }
    }

    fn reset_parents(
        &mut self,
        mut m: Mkdirs,
        last: Option<&Result<ZkResponse, ClientError>>,
        out: &mut Effects,
    ) {
        match m.next(last) {
            Some(req) => self.calls.call(out, req, None, Wait::ResetParents(m)),
            None => {
                let req = ZkRequest::Exists {
                    path: self.path.clone(),
                    watch: true,
                };
                self.calls.call(out, req, Some(WATCHER), Wait::Exists);
            }
        }
    }

    fn set_new_data(&mut self, new: Option<ChildData>, out: &mut Effects) {
        if self.data != new {
            self.data = new;
            out.events.push(CacheEvent::NodeChanged(self.data.clone()));
        }
    }

    fn read(path: &str, result: &Result<ZkResponse, ClientError>) -> Option<ChildData> {
        match result {
            Ok(ZkResponse::Data { data, stat }) => Some(ChildData {
                path: path.to_string(),
                stat: *stat,
                data: data.clone(),
            }),
            _ => None,
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
        let no_node = matches!(
            result,
            Err(ClientError::Keeper(
                crate::protocols::zookeeper::data::error::ZkError::NoNode
            ))
        );
        match wait {
            Wait::InitialParents(m) => self.initial_parents(m, Some(result), out),
            Wait::InitialExists => {
                let req = ZkRequest::GetData {
                    path: self.path.clone(),
                    watch: false,
                };
                self.calls.call(out, req, None, Wait::InitialData);
            }
            Wait::InitialData => {
                // internalRebuild: no event; NoNode leaves null.
                self.data = Self::read(&self.path, result);
                self.reset(out);
            }
            Wait::ResetParents(m) => self.reset_parents(m, Some(result), out),
            Wait::Exists => {
                if no_node {
                    self.set_new_data(None, out);
                } else if result.is_ok() {
                    let req = ZkRequest::GetData {
                        path: self.path.clone(),
                        watch: true,
                    };
                    self.calls.call(out, req, Some(WATCHER), Wait::GetData);
                }
            }
            Wait::GetData => {
                if result.is_ok() {
                    let data = Self::read(&self.path, result);
                    self.set_new_data(data, out);
                }
            }
        }
    }

    /// The watcher was notified.
    pub fn on_watch(&mut self, _watcher: u32, _ev: &WatchedEvent, out: &mut Effects) {
        if self.fault == Some(CacheFault::NoRewatch) {
            return;
        }
        self.reset(out);
    }

    /// The connection state changed.
    pub fn on_state(&mut self, state: ConnectionState, out: &mut Effects) {
        match state {
            ConnectionState::Connected | ConnectionState::Reconnected => {
                if !self.connected {
                    self.connected = true;
                    self.reset(out);
                }
            }
            ConnectionState::Suspended | ConnectionState::Lost => self.connected = false,
        }
    }

    /// Calls still waiting for replies.
    pub fn outstanding(&self) -> usize {
        self.calls.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::error::ZkError;
    use crate::protocols::zookeeper::data::stat::Stat;
    use crate::protocols::zookeeper::data::watch::EventType;

    fn stat(mzxid: u64) -> Stat {
        Stat {
            czxid: 3,
            mzxid,
            ..Stat::default()
        }
    }

    fn data(bytes: &[u8], mzxid: u64) -> Result<ZkResponse, ClientError> {
        Ok(ZkResponse::Data {
            data: Some(bytes.to_vec()),
            stat: stat(mzxid),
        })
    }

    #[test]
    fn start_true_loads_silently_then_watches_and_reports_changes() {
        let mut c = NodeCache::new("/app1", true);
        let mut out = Effects::default();
        c.start(true, &mut out);
        // The blocking exists, then the blocking getData, each on its own.
        let call = out.calls.remove(0);
        assert_eq!(
            call.req,
            ZkRequest::Exists {
                path: "/app1".into(),
                watch: false
            }
        );
        c.on_reply(call.token, &Ok(ZkResponse::Stat(stat(3))), &mut out);
        let call = out.calls.remove(0);
        assert!(matches!(call.req, ZkRequest::GetData { watch: false, .. }));
        c.on_reply(call.token, &data(b"one", 3), &mut out);
        // reset(): the watched exists, then the watched getData of equal data: no event.
        let call = out.calls.remove(0);
        assert_eq!(call.watcher, Some(WATCHER));
        assert!(matches!(call.req, ZkRequest::Exists { watch: true, .. }));
        c.on_reply(call.token, &Ok(ZkResponse::Stat(stat(3))), &mut out);
        let call = out.calls.remove(0);
        assert!(matches!(call.req, ZkRequest::GetData { watch: true, .. }));
        c.on_reply(call.token, &data(b"one", 3), &mut out);
        assert!(out.events.is_empty() && out.calls.is_empty());
        // A rewrite with the same bytes is a change: the Stat differs.
        c.on_watch(
            WATCHER,
            &WatchedEvent::node(EventType::NodeDataChanged, "/app1"),
            &mut out,
        );
        let call = out.calls.remove(0);
        c.on_reply(call.token, &Ok(ZkResponse::Stat(stat(6))), &mut out);
        let call = out.calls.remove(0);
        c.on_reply(call.token, &data(b"one", 6), &mut out);
        assert_eq!(out.events.len(), 1);
        // Deleted: the data becomes null, one event.
        c.on_watch(
            WATCHER,
            &WatchedEvent::node(EventType::NodeDeleted, "/app1"),
            &mut out,
        );
        let call = out.calls.remove(0);
        c.on_reply(
            call.token,
            &Err(ClientError::Keeper(ZkError::NoNode)),
            &mut out,
        );
        assert_eq!(out.events.last(), Some(&CacheEvent::NodeChanged(None)));
        assert_eq!(c.current(), None);
        assert_eq!(c.outstanding(), 0);
    }

    #[test]
    fn a_suspended_cache_does_not_read_until_reconnected() {
        let mut c = NodeCache::new("/x", false);
        let mut out = Effects::default();
        c.on_state(ConnectionState::Suspended, &mut out);
        c.start(true, &mut out);
        c.on_state(ConnectionState::Suspended, &mut out);
        out.calls.clear();
        c.on_watch(
            WATCHER,
            &WatchedEvent::node(EventType::NodeCreated, "/x"),
            &mut out,
        );
        assert!(out.calls.is_empty());
        c.on_state(ConnectionState::Reconnected, &mut out);
        assert_eq!(out.calls.len(), 1);
    }
}
