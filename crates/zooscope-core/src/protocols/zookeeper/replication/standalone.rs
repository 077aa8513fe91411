//! A standalone ZooKeeper server in memory, with zkCli's client connection attached.
//!
//! What `ZooKeeperServerMain` does with one server and no quorum: every write takes the
//! next zxid (`hzxid + 1`, starting from 1 on a fresh data dir) - session creation and
//! closing included, failed writes included - and is applied at once; reads are
//! answered from the tree; watches fire into the sessions that set them; the container
//! manager wakes every `znode.container.checkIntervalMs` (60 s) after startup and
//! deletes reapable containers and TTL nodes through ordinary `deleteContainer` txns,
//! about 6 ms apart (`maxPerMinute` 10 000); sessions not kept alive expire in tick
//! buckets. A request bigger than `jute.maxbuffer` makes the server drop the
//! connection: the client sees Disconnected, the call fails with ConnectionLoss, and the
//! client reconnects to the same session before its next request.
//!
//! Time is simulated: `now_ms` counts from server start, each request takes
//! `request_ms`, `sleep` lets time pass; wall-clock stamps are `epoch_ms + now_ms`.
//! Besides zkCli's connection (the [`ZkClientApi`] implementation) tests can open more
//! sessions with [`StandaloneServer::open_session`] and [`StandaloneServer::submit`].

use crate::protocols::zookeeper::client::library::{
    check_request, ClientError, ClientState, ClientWatches, ZkClientApi,
};
use crate::protocols::zookeeper::data::acl::AuthInfo;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::request::{
    answer_connection_request, ZkRequest, ZkResponse, JUTE_MAX_BUFFER,
};
use crate::protocols::zookeeper::data::session::{
    initial_session_id, negotiate_timeout, SessionId, SessionInfo, STANDALONE_SERVER_ID,
    ZKCLI_SESSION_TIMEOUT_MS,
};
use crate::protocols::zookeeper::data::tree::{Caller, DataTree, TreeConfig};
use crate::protocols::zookeeper::data::txn::Txn;
use crate::protocols::zookeeper::data::watch::{KeeperState, WatchManager, WatchedEvent};
use crate::vecmap::VecMap;
use std::collections::VecDeque;

/// Settings of a standalone server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandaloneConfig {
    /// `tickTime` in ms.
    pub tick_ms: u64,
    /// Wall clock (ms since the Unix epoch) at server start.
    pub epoch_ms: i64,
    /// `znode.container.checkIntervalMs`.
    pub container_check_ms: u64,
    /// Simulated time one request takes.
    pub request_ms: u64,
    /// The address clients connect from (what the ip scheme sees).
    pub client_ip: String,
    /// Data tree settings.
    pub tree: TreeConfig,
}

impl Default for StandaloneConfig {
    fn default() -> Self {
        StandaloneConfig {
            tick_ms: 2_000,
            // 2022-03-07 (the 3.8.0 release), 00:00 UTC.
            epoch_ms: 1_646_611_200_000,
            container_check_ms: 60_000,
            request_ms: 1,
            client_ip: "127.0.0.1".into(),
            tree: TreeConfig::default(),
        }
    }
}

/// Most txns kept in [`StandaloneServer::log`] (older ones are dropped).
pub const MAX_LOG: usize = 10_000;
/// Most undelivered events kept per extra session.
pub const MAX_INBOX: usize = 10_000;

#[derive(Clone, Debug)]
struct Conn {
    info: SessionInfo,
    auth: AuthInfo,
    inbox: VecDeque<WatchedEvent>,
}

#[derive(Clone, Debug)]
struct ClientSide {
    state: ClientState,
    session: Option<SessionId>,
    watches: ClientWatches,
    events: Vec<WatchedEvent>,
    /// 0: none; 1: connection just lost; 2: the reconnect completes at the next look.
    reconnect_stage: u8,
    xid: i32,
}

/// One standalone server plus zkCli's connection to it.
#[derive(Clone, Debug)]
pub struct StandaloneServer {
    cfg: StandaloneConfig,
    tree: DataTree,
    watches: WatchManager,
    conns: VecMap<SessionId, Conn>,
    next_session: SessionId,
    hzxid: u64,
    now_ms: u64,
    next_check_ms: u64,
    log: VecDeque<Txn>,
    client: ClientSide,
}

impl Default for StandaloneServer {
    fn default() -> Self {
        StandaloneServer::new(StandaloneConfig::default())
    }
}

impl StandaloneServer {
    /// A freshly started server (empty data dir), no client connected yet.
    pub fn new(cfg: StandaloneConfig) -> StandaloneServer {
        StandaloneServer {
            tree: DataTree::new(cfg.tree),
            watches: WatchManager::default(),
            conns: VecMap::new(),
            next_session: initial_session_id(STANDALONE_SERVER_ID, 0),
            hzxid: 0,
            now_ms: 0,
            next_check_ms: cfg.container_check_ms.max(1),
            log: VecDeque::new(),
            client: ClientSide {
                state: ClientState::NotConnected,
                session: None,
                watches: ClientWatches::default(),
                events: Vec::new(),
                reconnect_stage: 0,
                xid: 0,
            },
            cfg,
        }
    }

    /// The data tree.
    pub fn tree(&self) -> &DataTree {
        &self.tree
    }

    /// The watch tables.
    pub fn watches(&self) -> &WatchManager {
        &self.watches
    }

    /// Simulated ms since server start.
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// The wall clock now.
    pub fn wall_ms(&self) -> i64 {
        self.cfg
            .epoch_ms
            .saturating_add(self.now_ms.min(i64::MAX as u64) as i64)
    }

    /// The last txns applied, oldest first (at most [`MAX_LOG`]).
    pub fn log(&self) -> impl Iterator<Item = &Txn> {
        self.log.iter()
    }

    /// Open a session (a `createSession` txn) as a client requesting `timeout_ms`.
    pub fn open_session(&mut self, timeout_ms: i32) -> SessionId {
        let id = self.next_session;
        self.next_session += 1;
        let timeout = negotiate_timeout(timeout_ms, self.cfg.tick_ms as i32);
        self.conns.insert(
            id,
            Conn {
                info: SessionInfo::new(id, timeout, self.now_ms, self.cfg.tick_ms),
                auth: AuthInfo::for_ip(&self.cfg.client_ip),
                inbox: VecDeque::new(),
            },
        );
        self.write(
            &ZkRequest::CreateSession {
                timeout_ms: timeout,
            },
            id,
            0,
        );
        id
    }

    /// Events waiting for a session opened with `open_session`.
    pub fn take_events_of(&mut self, session: SessionId) -> Vec<WatchedEvent> {
        self.conns
            .get_mut(&session)
            .map(|c| c.inbox.drain(..).collect())
            .unwrap_or_default()
    }

    /// Send `req` as `session` and get the server's reply (server-side rules only: no
    /// client path checks, no client watch registry).
    pub fn submit(&mut self, session: SessionId, req: &ZkRequest) -> ZkResponse {
        self.now_ms = self.now_ms.saturating_add(self.cfg.request_ms);
        let tick = self.cfg.tick_ms;
        let now = self.now_ms;
        let Some(conn) = self.conns.get_mut(&session) else {
            return ZkResponse::Error(ZkError::SessionExpired);
        };
        conn.info.touch(now, tick);
        if req.is_write() {
            let xid = if Some(session) == self.client.session {
                self.client.xid
            } else {
                0
            };
            return self.write(req, session, xid);
        }
        let caller = Caller {
            session,
            auth: conn.auth.ids(),
        };
        let ip = &self.cfg.client_ip;
        if let Some(resp) =
            answer_connection_request(&mut conn.auth, &mut self.watches, session, req, ip)
        {
            return resp;
        }
        let resp = self.tree.read_with(req, &caller);
        self.watches.register_for(session, req, &resp);
        resp
    }

    /// Close `session` (a `closeSession` txn deleting its ephemerals).
    pub fn close_session(&mut self, session: SessionId) {
        if self.conns.contains_key(&session) {
            self.write(&ZkRequest::CloseSession, session, 0);
        }
    }

    fn write(&mut self, req: &ZkRequest, session: SessionId, xid: i32) -> ZkResponse {
        self.hzxid += 1;
        let caller = Caller {
            session,
            auth: self
                .conns
                .get(&session)
                .map(|c| c.auth.ids())
                .unwrap_or_default(),
        };
        let mut txn = self
            .tree
            .prepare_with(req, &caller, self.hzxid, self.wall_ms() as u64);
        txn.cxid = xid;
        let applied = self.tree.apply(&txn);
        if self.log.len() >= MAX_LOG {
            self.log.pop_front();
        }
        self.log.push_back(txn);
        for (s, ev) in self.watches.trigger_all(&applied.triggers) {
            self.deliver(s, ev);
        }
        if matches!(req, ZkRequest::CloseSession) {
            // The connection goes after the session's own deletions were notified.
            self.conns.remove(&session);
            self.watches.remove_session(session);
        }
        applied.response
    }

    fn deliver(&mut self, s: SessionId, ev: WatchedEvent) {
        if Some(s) == self.client.session && self.client.state.is_alive() {
            if self.client.watches.materialize(&ev) {
                self.client.events.push(ev);
            }
        } else if let Some(c) = self.conns.get_mut(&s) {
            if c.inbox.len() < MAX_INBOX {
                c.inbox.push_back(ev);
            }
        }
    }

    /// Let `ms` of simulated time pass: container checks run, idle sessions expire.
    /// zkCli's live connection pings, so its session stays. Jumps from one due event
    /// to the next, so long sleeps cost nothing.
    pub fn advance(&mut self, ms: u64) {
        let end = self.now_ms.saturating_add(ms);
        let interval = self.cfg.container_check_ms.max(1);
        if !self.tree.has_reapable_kinds() && self.next_check_ms <= end {
            // Nothing to reap, and nothing reapable can appear while time just passes.
            self.next_check_ms = self
                .next_check_ms
                .saturating_add((end - self.next_check_ms) / interval * interval)
                .saturating_add(interval);
        }
        loop {
            let pinging = match (self.client.state, self.client.session) {
                (ClientState::Connected, Some(s)) => Some(s),
                _ => None,
            };
            let next_expiry = self
                .conns
                .iter()
                .filter(|(s, _)| Some(**s) != pinging)
                .map(|(_, c)| c.info.deadline_ms)
                .min()
                .unwrap_or(u64::MAX);
            let next = next_expiry.min(self.next_check_ms);
            if next > end {
                break;
            }
            self.now_ms = self.now_ms.max(next);
            let now = self.now_ms;
            let expired: Vec<SessionId> = self
                .conns
                .iter()
                .filter(|(s, c)| Some(**s) != pinging && c.info.expired(now))
                .map(|(s, _)| *s)
                .collect();
            for s in expired {
                self.close_session(s);
                if Some(s) == self.client.session {
                    self.client.session = None;
                }
            }
            if self.now_ms >= self.next_check_ms {
                self.next_check_ms = self.next_check_ms.saturating_add(interval);
                for p in self.tree.reap_candidates(self.wall_ms()) {
                    self.write(&ZkRequest::DeleteContainer { path: p }, 0, 0);
                    self.now_ms = self.now_ms.saturating_add(6);
                }
            }
        }
        self.now_ms = self.now_ms.max(end);
        if let (ClientState::Connected, Some(s)) = (self.client.state, self.client.session) {
            let (now, tick) = (self.now_ms, self.cfg.tick_ms);
            if let Some(c) = self.conns.get_mut(&s) {
                c.info.touch(now, tick);
            }
        }
    }

    fn finish_reconnect(&mut self) {
        if self.client.reconnect_stage > 0 {
            self.client.reconnect_stage = 0;
            if self
                .client
                .session
                .is_some_and(|s| self.conns.contains_key(&s))
            {
                self.client.state = ClientState::Connected;
                self.client
                    .events
                    .push(WatchedEvent::state(KeeperState::SyncConnected));
            } else {
                self.client.state = ClientState::Closed;
                self.client
                    .events
                    .push(WatchedEvent::state(KeeperState::Expired));
            }
        }
    }
}

impl ZkClientApi for StandaloneServer {
    fn call(&mut self, req: ZkRequest) -> Result<ZkResponse, ClientError> {
        self.finish_reconnect();
        check_request(&req)?;
        let Some(session) = self.client.session.filter(|_| self.client.state.is_alive()) else {
            return Err(ClientError::Keeper(ZkError::ConnectionLoss));
        };
        self.client.xid = self.client.xid.wrapping_add(1);
        if req.wire_len() > JUTE_MAX_BUFFER {
            // The server drops the connection ("Len error"); the client reconnects.
            self.client.state = ClientState::Connecting;
            self.client.reconnect_stage = 1;
            self.client
                .events
                .push(WatchedEvent::state(KeeperState::Disconnected));
            return Err(ClientError::Keeper(ZkError::ConnectionLoss));
        }
        let resp = self.submit(session, &req);
        let result = match (&req, resp.error()) {
            (
                ZkRequest::RemoveWatches {
                    path,
                    watcher_type,
                    local,
                },
                rc,
            ) => match self.client.watches.remove(path, *watcher_type, *local, rc) {
                Ok(evs) => {
                    self.client.events.extend(evs);
                    Ok(ZkResponse::Ok)
                }
                Err(e) => Err(ClientError::Keeper(e)),
            },
            (ZkRequest::AddAuth { .. }, Some(ZkError::AuthFailed)) => {
                self.client.state = ClientState::AuthFailed;
                self.client
                    .events
                    .push(WatchedEvent::state(KeeperState::AuthFailed));
                Err(ClientError::Keeper(ZkError::AuthFailed))
            }
            (_, Some(e)) if !matches!(resp, ZkResponse::Multi(_)) => Err(ClientError::Keeper(e)),
            _ => Ok(resp),
        };
        self.client.watches.register(&req, &result);
        result
    }

    fn take_watch_events(&mut self) -> Vec<WatchedEvent> {
        // The Disconnected event is seen first; the reconnect lands a moment later.
        if self.client.reconnect_stage == 1 {
            self.client.reconnect_stage = 2;
        } else {
            self.finish_reconnect();
        }
        std::mem::take(&mut self.client.events)
    }

    fn session_id(&self) -> Option<SessionId> {
        self.client.session
    }

    fn state(&self) -> ClientState {
        self.client.state
    }

    fn connect(&mut self, _host: &str) {
        if self.client.state.is_alive() {
            self.close();
        }
        self.client.reconnect_stage = 0;
        self.client.watches.clear();
        let s = self.open_session(ZKCLI_SESSION_TIMEOUT_MS);
        self.client.session = Some(s);
        self.client.state = ClientState::Connected;
        self.client.xid = 0;
        self.client
            .events
            .push(WatchedEvent::state(KeeperState::SyncConnected));
    }

    fn close(&mut self) {
        if !self.client.state.is_alive() {
            return;
        }
        if let Some(s) = self.client.session {
            // Our own ephemerals go first, and their watches still reach us.
            self.now_ms = self.now_ms.saturating_add(self.cfg.request_ms);
            self.close_session(s);
        }
        self.client.session = None;
        self.client.state = ClientState::Closed;
        self.client.reconnect_stage = 0;
        self.client
            .events
            .push(WatchedEvent::state(KeeperState::Closed));
    }

    fn sleep(&mut self, ms: u64) {
        self.advance(ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
    use crate::protocols::zookeeper::data::request::{CreateMode, Op};
    use crate::protocols::zookeeper::data::watch::EventType;

    fn create(path: &str, mode: CreateMode) -> ZkRequest {
        ZkRequest::Create {
            path: path.into(),
            data: Some(b"d".to_vec()),
            acl: open_acl_unsafe(),
            mode,
            ttl: if mode.is_ttl() { 1_000 } else { -1 },
        }
    }

    fn created_path(r: &ZkResponse) -> String {
        match r {
            ZkResponse::Created { path, .. } => path.clone(),
            other => panic!("not created: {other:?}"),
        }
    }

    #[test]
    fn zxids_like_a_fresh_standalone_server() {
        let mut s = StandaloneServer::default();
        s.connect("127.0.0.1:2181");
        assert_eq!(s.tree().last_zxid(), 1, "createSession is zxid 1");
        let r = s.call(create("/a", CreateMode::Persistent)).unwrap();
        assert!(matches!(r, ZkResponse::Created { stat, .. } if stat.czxid == 2));
        // A failed create still consumes a zxid.
        assert_eq!(
            s.call(create("/a", CreateMode::Persistent)),
            Err(ClientError::Keeper(ZkError::NodeExists))
        );
        let r = s.call(create("/b", CreateMode::Persistent)).unwrap();
        assert!(matches!(r, ZkResponse::Created { stat, .. } if stat.czxid == 4));
        // Reads do not.
        s.call(ZkRequest::GetData {
            path: "/zz".into(),
            watch: false,
        })
        .unwrap_err();
        let r = s.call(create("/c", CreateMode::Persistent)).unwrap();
        assert!(matches!(r, ZkResponse::Created { stat, .. } if stat.czxid == 5));
    }

    #[test]
    fn sequential_suffix_counts_creations_per_parent() {
        let mut s = StandaloneServer::default();
        s.connect("x");
        s.call(create("/q", CreateMode::Persistent)).unwrap();
        let a = created_path(
            &s.call(create("/q/item-", CreateMode::PersistentSequential))
                .unwrap(),
        );
        assert_eq!(a, "/q/item-0000000000");
        s.call(create("/q/plain", CreateMode::Persistent)).unwrap();
        s.call(ZkRequest::Delete {
            path: "/q/plain".into(),
            version: -1,
        })
        .unwrap();
        let b = created_path(
            &s.call(create("/q/", CreateMode::PersistentSequential))
                .unwrap(),
        );
        assert_eq!(b, "/q/0000000002");
        let st = s.tree().stat("/q").unwrap();
        assert_eq!(st.cversion, 2 * 3 - 2);
        assert_eq!(st.num_children, 2);
    }

    #[test]
    fn stat_rules_for_parents() {
        let mut s = StandaloneServer::default();
        s.connect("x");
        s.call(create("/p", CreateMode::Persistent)).unwrap();
        s.call(create("/p/c", CreateMode::Persistent)).unwrap();
        let st = s.tree().stat("/p").unwrap();
        assert_eq!((st.czxid, st.mzxid, st.pzxid, st.cversion), (2, 2, 3, 1));
        s.call(ZkRequest::SetData {
            path: "/p".into(),
            data: Some(vec![1]),
            version: 5,
        })
        .unwrap_err();
        s.call(ZkRequest::Delete {
            path: "/p/c".into(),
            version: -1,
        })
        .unwrap();
        let st = s.tree().stat("/p").unwrap();
        assert_eq!((st.pzxid, st.cversion, st.version), (5, 2, 0));
    }

    #[test]
    fn ephemerals_die_with_their_session_and_fire_watches() {
        let mut s = StandaloneServer::default();
        s.connect("x");
        let other = s.open_session(30_000);
        s.submit(other, &create("/e", CreateMode::Ephemeral));
        assert_eq!(
            s.call(create("/e/child", CreateMode::Persistent)),
            Err(ClientError::Keeper(ZkError::NoChildrenForEphemerals))
        );
        s.call(ZkRequest::Exists {
            path: "/e".into(),
            watch: true,
        })
        .unwrap();
        s.close_session(other);
        let evs = s.take_watch_events();
        assert_eq!(
            evs.last().map(|e| e.event_type),
            Some(EventType::NodeDeleted)
        );
        assert!(s.tree().get("/e").is_none());
    }

    #[test]
    fn multi_is_atomic() {
        let mut s = StandaloneServer::default();
        s.connect("x");
        let before = s.tree().digest();
        let r = s
            .call(ZkRequest::Multi {
                ops: vec![
                    Op::Create {
                        path: "/m".into(),
                        data: None,
                        acl: open_acl_unsafe(),
                        mode: CreateMode::Persistent,
                        ttl: -1,
                    },
                    Op::Delete {
                        path: "/nope".into(),
                        version: -1,
                    },
                    Op::Check {
                        path: "/m".into(),
                        version: 0,
                    },
                ],
            })
            .unwrap();
        assert_eq!(r.error(), Some(ZkError::NoNode));
        match r {
            ZkResponse::Multi(res) => {
                let codes: Vec<i32> = res
                    .iter()
                    .map(|r| match r {
                        crate::protocols::zookeeper::data::request::OpResult::Error { code } => {
                            *code
                        }
                        _ => 1,
                    })
                    .collect();
                assert_eq!(codes, vec![0, -101, -2]);
            }
            other => panic!("{other:?}"),
        }
        assert!(s.tree().get("/m").is_none());
        assert_ne!(before, s.tree().digest(), "the zxid moved on");
        // A good multi sees its own earlier ops.
        let r = s
            .call(ZkRequest::Multi {
                ops: vec![
                    Op::Create {
                        path: "/m".into(),
                        data: None,
                        acl: open_acl_unsafe(),
                        mode: CreateMode::Persistent,
                        ttl: -1,
                    },
                    Op::Create {
                        path: "/m/x".into(),
                        data: None,
                        acl: open_acl_unsafe(),
                        mode: CreateMode::PersistentSequential,
                        ttl: -1,
                    },
                    Op::SetData {
                        path: "/m".into(),
                        data: Some(vec![1]),
                        version: 0,
                    },
                ],
            })
            .unwrap();
        assert_eq!(r.error(), None);
        assert_eq!(
            s.tree().stat("/m").map(|s| (s.czxid, s.mzxid)),
            Some((3, 3))
        );
        assert!(s.tree().get("/m/x0000000000").is_some());
    }

    #[test]
    fn containers_and_ttls_are_reaped_by_the_checker() {
        let mut s = StandaloneServer::default();
        s.connect("x");
        s.call(create("/box", CreateMode::Container)).unwrap();
        s.call(create("/never", CreateMode::Container)).unwrap();
        s.call(create("/box/c", CreateMode::Persistent)).unwrap();
        s.call(create("/ttl", CreateMode::PersistentWithTtl))
            .unwrap();
        s.call(ZkRequest::Delete {
            path: "/box/c".into(),
            version: -1,
        })
        .unwrap();
        s.sleep(30_000);
        assert!(s.tree().get("/box").is_some(), "not before the first check");
        s.sleep(31_000);
        assert!(s.tree().get("/box").is_none());
        assert!(s.tree().get("/ttl").is_none());
        assert!(
            s.tree().get("/never").is_some(),
            "never-used containers stay in 3.8"
        );
        assert_eq!(s.state(), ClientState::Connected);
    }

    #[test]
    fn acl_checks_and_digest_auth() {
        let mut s = StandaloneServer::default();
        s.connect("x");
        s.call(ZkRequest::AddAuth {
            scheme: "digest".into(),
            auth: Some(b"alice:secret".to_vec()),
        })
        .unwrap();
        s.call(ZkRequest::Create {
            path: "/mine".into(),
            data: None,
            acl: vec![crate::protocols::zookeeper::data::acl::Acl::new(
                31, "auth", "",
            )],
            mode: CreateMode::Persistent,
            ttl: -1,
        })
        .unwrap();
        let other = s.open_session(30_000);
        assert_eq!(
            s.submit(
                other,
                &ZkRequest::GetData {
                    path: "/mine".into(),
                    watch: false
                }
            ),
            ZkResponse::Error(ZkError::NoAuth)
        );
        assert!(s
            .call(ZkRequest::GetData {
                path: "/mine".into(),
                watch: false
            })
            .is_ok());
    }

    #[test]
    fn idle_sessions_expire_in_tick_buckets() {
        let mut s = StandaloneServer::default();
        s.connect("x");
        let other = s.open_session(4_000);
        s.submit(other, &create("/e", CreateMode::Ephemeral));
        s.sleep(3_999);
        assert!(s.tree().get("/e").is_some());
        s.sleep(2_100);
        assert!(
            s.tree().get("/e").is_none(),
            "expired within timeout + tick"
        );
        s.sleep(10_000_000_000);
        assert_eq!(
            s.state(),
            ClientState::Connected,
            "zkCli's pings keep it alive"
        );
    }

    #[test]
    fn oversized_requests_lose_the_connection() {
        let mut s = StandaloneServer::default();
        s.connect("x");
        s.take_watch_events();
        let big = ZkRequest::Create {
            path: "/big".into(),
            data: Some(vec![0; 1 << 20]),
            acl: open_acl_unsafe(),
            mode: CreateMode::Persistent,
            ttl: -1,
        };
        assert_eq!(
            s.call(big),
            Err(ClientError::Keeper(ZkError::ConnectionLoss))
        );
        let evs = s.take_watch_events();
        assert_eq!(evs, vec![WatchedEvent::state(KeeperState::Disconnected)]);
        let evs = s.take_watch_events();
        assert_eq!(evs, vec![WatchedEvent::state(KeeperState::SyncConnected)]);
        assert_eq!(s.state(), ClientState::Connected);
        assert!(s.tree().get("/big").is_none());
    }

    /// Path work is linear in the path's length: a 2,000-deep chain (paths of 4,000
    /// characters) with a recursive watch on the root, and 10,000 siblings, built,
    /// watched and torn down through the client. (A 10,000-deep chain is 100 MB of
    /// paths: seconds in a release build, minutes in a debug one, so the test stays at
    /// 2,000; per-create work that grew with the depth made even that take minutes.)
    #[test]
    fn deep_chains_and_wide_parents_cost_linear_time() {
        use crate::protocols::zookeeper::data::request::AddWatchMode;
        const DEPTH: usize = 2_000;
        const N: usize = 10_000;
        let mut s = StandaloneServer::default();
        s.connect("x");
        s.call(ZkRequest::AddWatch {
            path: "/".into(),
            mode: AddWatchMode::PersistentRecursive,
        })
        .unwrap();
        s.take_watch_events();
        let mut deep = String::new();
        for _ in 0..DEPTH {
            deep.push_str("/a");
            s.call(create(&deep, CreateMode::Persistent)).unwrap();
            let evs = s.take_watch_events();
            assert_eq!(evs.len(), 1, "one NodeCreated per create: {evs:?}");
        }
        assert_eq!(deep.len(), 2 * DEPTH);
        assert_eq!(s.tree().stat(&deep).unwrap().czxid, DEPTH as u64 + 1);
        assert_eq!(s.tree().stat("/a").unwrap().num_children, 1);
        for i in 0..N {
            s.call(create(&format!("/s{i}"), CreateMode::Persistent))
                .unwrap();
        }
        assert_eq!(s.tree().stat("/").unwrap().num_children, N as i32 + 2);
        let ls = s
            .call(ZkRequest::GetChildren {
                path: "/".into(),
                watch: false,
                with_stat: false,
            })
            .unwrap();
        assert!(matches!(ls, ZkResponse::Children { children, .. } if children.len() == N + 2));
        s.take_watch_events();
        while deep.len() > 2 {
            s.call(ZkRequest::Delete {
                path: deep.clone(),
                version: -1,
            })
            .unwrap();
            deep.truncate(deep.len() - 2);
        }
        assert_eq!(s.tree().stat("/a").unwrap().num_children, 0);
        assert_eq!(s.tree().len(), 4 + 1 + N);
    }
}
