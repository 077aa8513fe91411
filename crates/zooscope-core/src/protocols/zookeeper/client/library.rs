//! The client side: what the Java client library decides before and after talking to a
//! server, and the synchronous interface zkCli runs against.
//!
//! * Path checks happen in the client (`ZooKeeper.java` calls `PathUtils.validatePath`
//!   before sending), so a bad path never reaches a server; see [`check_request`].
//! * The client keeps its own watch registry (`ZKWatchManager`): which paths have data,
//!   exist, child, persistent and persistent-recursive watches. A server notification
//!   reaches the default watcher (and is printed by zkCli) only if this registry has a
//!   matching registration ([`ClientWatches::materialize`]), and `removeWatches` is
//!   checked and applied here too ([`ClientWatches::remove`]), producing the
//!   `DataWatchRemoved`/`ChildWatchRemoved`/`PersistentWatchRemoved` events.
//! * [`ZkClientApi`] is what a zkCli [`crate::protocols::zookeeper::client::zkcli::Shell`] needs from "a connected
//!   ZooKeeper handle"; [`crate::protocols::zookeeper::replication::standalone::StandaloneServer`] implements it in
//!   memory, the replication layer implements it over the simulated network.

use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::{
    AddWatchMode, WatcherType, ZkRequest, ZkResponse,
};
use crate::protocols::zookeeper::data::session::SessionId;
use crate::protocols::zookeeper::data::watch::{EventType, KeeperState, WatchedEvent};
use crate::strset::StrSet;
use serde::{Deserialize, Serialize};

/// `ZooKeeper.States`, as zkCli shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClientState {
    /// Looking for a server.
    Connecting,
    /// Session established.
    Connected,
    /// Closed by the user (or expired).
    Closed,
    /// Authentication failed; the connection is gone for good.
    AuthFailed,
    /// Never connected.
    NotConnected,
}

impl ClientState {
    /// `States.isAlive()`: requests can still be sent (maybe after a reconnect).
    pub fn is_alive(self) -> bool {
        matches!(self, ClientState::Connecting | ClientState::Connected)
    }

    /// The Java constant's name.
    pub fn name(self) -> &'static str {
        match self {
            ClientState::Connecting => "CONNECTING",
            ClientState::Connected => "CONNECTED",
            ClientState::Closed => "CLOSED",
            ClientState::AuthFailed => "AUTH_FAILED",
            ClientState::NotConnected => "NOT_CONNECTED",
        }
    }
}

/// Why a client call did not return a reply.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClientError {
    /// The server (or the client library) answered with an error code.
    Keeper(ZkError),
    /// The client library refused the arguments (Java's `IllegalArgumentException`).
    IllegalArgument(String),
}

impl From<ZkError> for ClientError {
    fn from(e: ZkError) -> Self {
        ClientError::Keeper(e)
    }
}

/// A synchronous ZooKeeper handle, as zkCli uses one.
///
/// Contract: `call` blocks until the reply (or failure) is known and is only called
/// while `state().is_alive()`. Watch notifications and connection events that arrived
/// before the reply are available from `take_watch_events` when `call` returns, already
/// filtered through the client's own registry (only events the default watcher sees).
/// Implementations do the client library's work: path checks (or leave them to the
/// caller, as `Shell` does them anyway), watch registration on success,
/// `removeWatches` local checks.
pub trait ZkClientApi {
    /// Send a request and wait for its reply.
    fn call(&mut self, req: ZkRequest) -> Result<ZkResponse, ClientError>;
    /// Events for the default watcher, oldest first, since the last call.
    fn take_watch_events(&mut self) -> Vec<WatchedEvent>;
    /// The current session, if one is established.
    fn session_id(&self) -> Option<SessionId>;
    /// Connection state.
    fn state(&self) -> ClientState;
    /// Close any live session, then open a new one to `host` (zkCli `connect`).
    fn connect(&mut self, host: &str);
    /// Close the session (zkCli `close`/`quit`); emits the `Closed` event.
    fn close(&mut self);
    /// Let `ms` of simulated time pass while connected (pings keep the session alive).
    fn sleep(&mut self, ms: u64);
}

/// The client-side checks the Java API makes before sending `req`.
pub fn check_request(req: &ZkRequest) -> Result<(), ClientError> {
    let bad = |m: String| Err(ClientError::IllegalArgument(m));
    match req {
        ZkRequest::Create {
            path: p,
            mode,
            ttl,
            acl,
            ..
        } => {
            if let Err(m) = path::validate_create_path(p, mode.is_sequential()) {
                return bad(m);
            }
            if mode.is_ttl() {
                if *ttl <= 0 || *ttl > crate::protocols::zookeeper::data::stat::MAX_TTL_MS {
                    return bad(format!(
                        "ttl must be positive and cannot be larger than: {}",
                        crate::protocols::zookeeper::data::stat::MAX_TTL_MS
                    ));
                }
            } else if *ttl >= 0 {
                return bad(format!("ttl not valid for mode: {}", mode.name()));
            }
            if acl.is_empty() {
                return Err(ClientError::Keeper(ZkError::InvalidAcl));
            }
            Ok(())
        }
        ZkRequest::SetAcl { path: p, acl, .. } => {
            if let Err(m) = path::validate_path(p) {
                return bad(m);
            }
            if acl.is_empty() {
                return Err(ClientError::Keeper(ZkError::InvalidAcl));
            }
            Ok(())
        }
        ZkRequest::Multi { ops } => {
            for op in ops {
                check_request(&op.to_request())?;
            }
            Ok(())
        }
        other => match other.path() {
            Some(p) => path::validate_path(p).or_else(bad),
            None => Ok(()),
        },
    }
}

/// The client library's watch registry (`ZKWatchManager`) for its default watcher.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClientWatches {
    data: StrSet,
    exist: StrSet,
    child: StrSet,
    persistent: StrSet,
    recursive: StrSet,
}

/// Most paths the registry holds per kind (further registrations are dropped).
pub const MAX_CLIENT_WATCHES: usize = 100_000;

fn add_bounded(set: &mut StrSet, p: &str) {
    if set.len() < MAX_CLIENT_WATCHES {
        set.insert(p.to_string());
    }
}

impl ClientWatches {
    /// Record the watch `req` leaves after the server replied `result`
    /// (`WatchRegistration.register`: exists counts NoNode as success, and then
    /// registers an exist watch instead of a data watch).
    pub fn register(&mut self, req: &ZkRequest, result: &Result<ZkResponse, ClientError>) {
        let err = match result {
            Ok(r) => r.error(),
            Err(ClientError::Keeper(e)) => Some(*e),
            Err(ClientError::IllegalArgument(_)) => return,
        };
        match req {
            ZkRequest::Exists {
                path: p,
                watch: true,
            } => match err {
                None => add_bounded(&mut self.data, p),
                Some(ZkError::NoNode) => add_bounded(&mut self.exist, p),
                _ => {}
            },
            ZkRequest::GetData {
                path: p,
                watch: true,
            } if err.is_none() => add_bounded(&mut self.data, p),
            ZkRequest::GetConfig { watch: true } if err.is_none() => {
                add_bounded(&mut self.data, "/zookeeper/config")
            }
            ZkRequest::GetChildren {
                path: p,
                watch: true,
                ..
            } if err.is_none() => add_bounded(&mut self.child, p),
            ZkRequest::AddWatch { path: p, mode } if err.is_none() => match mode {
                AddWatchMode::Persistent => add_bounded(&mut self.persistent, p),
                AddWatchMode::PersistentRecursive => add_bounded(&mut self.recursive, p),
            },
            _ => {}
        }
    }

    fn persistent_match(&self, p: &str) -> bool {
        self.persistent.contains(p)
            || self.recursive.contains(p)
            || path::ancestors(p).any(|a| self.recursive.contains(a))
    }

    /// `materialize`: does the default watcher get this event? Fired one-shot
    /// registrations are dropped.
    pub fn materialize(&mut self, ev: &WatchedEvent) -> bool {
        let Some(p) = ev.path.as_deref() else {
            return true;
        };
        match ev.event_type {
            EventType::None => true,
            EventType::NodeDataChanged | EventType::NodeCreated => {
                let a = self.data.remove(p);
                let b = self.exist.remove(p);
                a | b | self.persistent_match(p)
            }
            EventType::NodeChildrenChanged => {
                let a = self.child.remove(p);
                a | self.persistent_match(p)
            }
            EventType::NodeDeleted => {
                let a = self.data.remove(p);
                let b = self.exist.remove(p);
                let c = self.child.remove(p);
                a | b | c | self.persistent_match(p)
            }
            _ => true,
        }
    }

    /// Is there a registration of this type (`containsWatcher`)?
    pub fn contains(&self, p: &str, ty: WatcherType) -> bool {
        let pers = self.persistent.contains(p) || self.recursive.contains(p);
        match ty {
            WatcherType::Children => self.child.contains(p) || pers,
            WatcherType::Data => self.data.contains(p) || self.exist.contains(p) || pers,
            WatcherType::Any => {
                self.child.contains(p) || self.data.contains(p) || self.exist.contains(p) || pers
            }
        }
    }

    /// The client half of `removeWatches`, run when the server's reply `server_rc`
    /// arrives (`ZKWatchManager.removeWatcher`). Returns the "watch removed" events to
    /// deliver, or the error the call fails with.
    pub fn remove(
        &mut self,
        p: &str,
        ty: WatcherType,
        local: bool,
        server_rc: Option<ZkError>,
    ) -> Result<Vec<WatchedEvent>, ZkError> {
        if !self.contains(p, ty) {
            return Err(ZkError::NoWatcher);
        }
        if let (false, Some(e)) = (local, server_rc) {
            return Err(e);
        }
        let mut child = false;
        let mut data = false;
        let mut pers = false;
        match ty {
            WatcherType::Children => child = self.child.remove(p),
            WatcherType::Data => {
                data = self.data.remove(p);
                data |= self.exist.remove(p);
            }
            WatcherType::Any => {
                child = self.child.remove(p);
                data = self.data.remove(p);
                data |= self.exist.remove(p);
                pers = self.persistent.remove(p);
                pers |= self.recursive.remove(p);
            }
        }
        if !(child || data || pers) {
            return Err(ZkError::NoWatcher);
        }
        let state = match server_rc {
            Some(ZkError::SessionExpired) | Some(ZkError::ConnectionLoss) => {
                KeeperState::Disconnected
            }
            _ => KeeperState::SyncConnected,
        };
        // Java keeps these in a HashMap keyed by event type; the order below is the one
        // a 3.8.0 client printed.
        let mut out = Vec::new();
        for (hit, ty) in [
            (pers, EventType::PersistentWatchRemoved),
            (data, EventType::DataWatchRemoved),
            (child, EventType::ChildWatchRemoved),
        ] {
            if hit {
                out.push(WatchedEvent {
                    state,
                    event_type: ty,
                    path: Some(p.to_string()),
                });
            }
        }
        Ok(out)
    }

    /// What a reconnecting client re-registers (`SetWatches2`): data, exist, child,
    /// persistent and persistent-recursive watch paths. (Added by the replication layer.)
    pub fn registrations(&self) -> [Vec<String>; 5] {
        [
            self.data.iter().cloned().collect(),
            self.exist.iter().cloned().collect(),
            self.child.iter().cloned().collect(),
            self.persistent.iter().cloned().collect(),
            self.recursive.iter().cloned().collect(),
        ]
    }

    /// Forget everything (the session is gone).
    pub fn clear(&mut self) {
        *self = ClientWatches::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exist_watch_on_missing_node() {
        let mut w = ClientWatches::default();
        let req = ZkRequest::Exists {
            path: "/x".into(),
            watch: true,
        };
        w.register(&req, &Err(ClientError::Keeper(ZkError::NoNode)));
        assert!(w.contains("/x", WatcherType::Data));
        assert!(w.materialize(&WatchedEvent::node(EventType::NodeCreated, "/x")));
        assert!(!w.materialize(&WatchedEvent::node(EventType::NodeCreated, "/x")));
    }

    #[test]
    fn removal_rules() {
        let mut w = ClientWatches::default();
        w.register(
            &ZkRequest::AddWatch {
                path: "/p".into(),
                mode: AddWatchMode::PersistentRecursive,
            },
            &Ok(ZkResponse::Ok),
        );
        assert!(w.materialize(&WatchedEvent::node(EventType::NodeCreated, "/p/a/b")));
        // Data removal sees the persistent watch but cannot remove it.
        assert_eq!(
            w.remove("/p", WatcherType::Data, false, None),
            Err(ZkError::NoWatcher)
        );
        let ev = w.remove("/p", WatcherType::Any, false, None).unwrap();
        assert_eq!(ev[0].event_type, EventType::PersistentWatchRemoved);
        assert_eq!(
            w.remove("/p", WatcherType::Any, false, None),
            Err(ZkError::NoWatcher)
        );
    }

    #[test]
    fn client_side_checks() {
        assert_eq!(
            check_request(&ZkRequest::Sync { path: "x".into() }),
            Err(ClientError::IllegalArgument(
                "Path must start with / character".into()
            ))
        );
        assert!(check_request(&ZkRequest::Create {
            path: "/s/".into(),
            data: None,
            acl: crate::protocols::zookeeper::data::acl::open_acl_unsafe(),
            mode: crate::protocols::zookeeper::data::request::CreateMode::PersistentSequential,
            ttl: -1,
        })
        .is_ok());
    }
}
