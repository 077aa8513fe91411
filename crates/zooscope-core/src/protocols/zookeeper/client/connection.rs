//! A ZooKeeper client process: one session over a list of servers.
//!
//! Follows `ClientCnxn` of ZooKeeper 3.8 (reference §4.1, §4.2, §4.6). The client
//! connects to the servers of its connect string in order, sends a `ConnectRequest`
//! carrying its session (0 for a new one) and the last zxid it has seen, and is either
//! given the session (with the negotiated timeout) or told it has expired (timeout 0,
//! the `Expired` event, state CLOSED). A server that refuses — not serving, or behind the
//! client's last zxid — closes the connection and the client tries the next one after a
//! random pause of up to a second, keeping its session. Requests are answered in order;
//! the zxid of each reply becomes the client's last seen zxid. Losing the connection
//! fails every request not yet answered with ConnectionLoss and emits `Disconnected`;
//! reconnecting emits `SyncConnected`. The client pings after `readTimeout/2` of silence
//! on its side (`readTimeout` = 2/3 of the session timeout) and gives up a connection
//! that has said nothing for `readTimeout`. Watch notifications pass through the data
//! layer's client-side registry before they reach the default watcher; after resuming a
//! session on a server, the client re-registers its watches there (`SetWatches2`).
//!
//! Simplification: the connect string is tried in the order given (the Java client
//! shuffles it), so scripted runs are easy to follow.

use super::library::{ClientError, ClientState, ClientWatches};
use crate::id::NodeId;
use crate::process::{Ctx, LinkEvent};
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::request::{ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::session::SessionId;
use crate::protocols::zookeeper::data::watch::{KeeperState, WatchedEvent};
use crate::protocols::zookeeper::msg::{ConnectRequest, SetWatches, ZkMsg};
use crate::protocols::zookeeper::note::{ClientLoss, ZkNote};
use crate::protocols::zookeeper::timer::{ZkProcess, ZkTimer};
use crate::time::{SimDuration, SimTime};
use crate::vecmap::VecMap;
use std::collections::VecDeque;

/// Results kept for the synchronous driver at most.
pub const RESULTS_MAX: usize = 1_000;
/// Watch events kept at most.
pub const EVENTS_MAX: usize = 1_000;
/// Requests waiting for a connection at most.
pub const OUTGOING_MAX: usize = 1_000;

/// Where the connection stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// No connection attempt under way.
    Idle,
    /// TCP connect to this server under way.
    Connecting(NodeId),
    /// ConnectRequest sent, waiting for the answer.
    Handshake(NodeId),
    /// Session established on this server.
    Connected(NodeId),
}

/// A client process.
#[derive(Clone, Debug, Hash)]
pub struct ZkClient {
    /// Its name in scripts.
    pub name: String,
    /// Connect string: server ids and their nodes, in order.
    pub servers: Vec<(u64, NodeId)>,
    next_server: usize,
    /// zkCli-visible state.
    pub state: ClientState,
    /// Connection phase.
    pub phase: Phase,
    /// The session (0 when none).
    pub session: SessionId,
    /// Requested timeout, ms.
    pub requested_timeout_ms: i32,
    /// Negotiated timeout, ms.
    pub timeout_ms: i32,
    /// The last zxid seen in a reply.
    pub last_zxid: u64,
    next_xid: i32,
    pending: VecDeque<(i32, ZkRequest)>,
    outgoing: VecDeque<(i32, ZkRequest)>,
    /// Results by xid, for the synchronous driver.
    pub results: VecMap<i32, Result<ZkResponse, ClientError>>,
    /// Events for the default watcher, oldest first (the newest [`EVENTS_MAX`]).
    pub events: VecDeque<WatchedEvent>,
    /// Events ever queued (so a reader can tell which ones it has seen).
    pub events_total: u64,
    /// The client's watch registry.
    pub watches: ClientWatches,
    last_heard: SimTime,
    last_sent: SimTime,
    closing: Option<i32>,
    /// Servers that refused or failed, in order (for the UI), bounded.
    pub history: VecDeque<ClientLoss>,
    /// A load generator: writes still to issue, window, path, and writes completed.
    pub load: Option<Load>,
}

/// A client that writes by itself (benchmarks): `setData` on one path, keeping `window`
/// requests in flight until `remaining` have been issued.
#[derive(Clone, Debug, Hash)]
pub struct Load {
    /// Writes not issued yet.
    pub remaining: u64,
    /// Requests kept in flight.
    pub window: u32,
    /// The node written.
    pub path: String,
    /// Bytes per write.
    pub size: u32,
    /// Writes answered.
    pub done: u64,
    /// Writes answered with an error.
    pub failed: u64,
    /// When the last write was answered.
    pub finished: Option<SimTime>,
}

impl ZkClient {
    /// A client for `servers` (id, node) requesting `timeout_ms`.
    pub fn new(name: &str, servers: Vec<(u64, NodeId)>, timeout_ms: i32) -> Self {
        ZkClient {
            name: name.to_string(),
            servers,
            next_server: 0,
            state: ClientState::NotConnected,
            phase: Phase::Idle,
            session: 0,
            requested_timeout_ms: timeout_ms,
            timeout_ms,
            last_zxid: 0,
            next_xid: 1,
            pending: VecDeque::new(),
            outgoing: VecDeque::new(),
            results: VecMap::new(),
            events: VecDeque::new(),
            events_total: 0,
            watches: ClientWatches::default(),
            last_heard: SimTime::ZERO,
            last_sent: SimTime::ZERO,
            closing: None,
            history: VecDeque::new(),
            load: None,
        }
    }

    /// The xid the next request will get.
    pub fn next_xid(&self) -> i32 {
        self.next_xid
    }

    /// The server the session is established on.
    pub fn connected_to(&self) -> Option<NodeId> {
        match self.phase {
            Phase::Connected(n) => Some(n),
            _ => None,
        }
    }

    /// The status label.
    pub fn status(&self) -> &'static str {
        self.state.name()
    }

    fn read_timeout_us(&self) -> u64 {
        (self.timeout_ms.max(1) as u64) * 1000 * 2 / 3
    }

    fn push_event(&mut self, ev: WatchedEvent) {
        if self.events.len() >= EVENTS_MAX {
            self.events.pop_front();
        }
        self.events.push_back(ev);
        self.events_total += 1;
    }

    /// Events queued after the first `seen` ever queued (as many as are still kept).
    pub fn events_since(&self, seen: u64) -> Vec<WatchedEvent> {
        let new = self.events_total.saturating_sub(seen) as usize;
        let skip = self.events.len().saturating_sub(new);
        self.events.iter().skip(skip).cloned().collect()
    }

    fn remember(&mut self, s: ClientLoss) {
        if self.history.len() >= 32 {
            self.history.pop_front();
        }
        self.history.push_back(s);
    }

    /// Answer every request sent or waiting to be sent with `err` (the connection or the
    /// session is gone).
    fn fail_all(&mut self, err: ZkError) {
        let failed: Vec<i32> = self
            .pending
            .drain(..)
            .chain(self.outgoing.drain(..))
            .map(|(x, _)| x)
            .collect();
        for xid in failed {
            self.set_result(xid, Err(ClientError::Keeper(err)));
        }
    }

    fn set_result(&mut self, xid: i32, r: Result<ZkResponse, ClientError>) {
        if self.results.len() >= RESULTS_MAX {
            if let Some(&k) = self.results.keys().next() {
                self.results.remove(&k);
            }
        }
        self.results.insert(xid, r);
    }

    /// The process started (a client waits to be told to open a session).
    pub fn on_start<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        let _ = ctx;
    }

    /// Start a brand-new session (forgetting any old one).
    pub fn open<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        self.session = 0;
        self.watches.clear();
        self.state = ClientState::Connecting;
        self.closing = None;
        self.next_server = 0;
        self.try_next(ctx);
    }

    fn try_next<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        if self.servers.is_empty() || !self.state.is_alive() {
            self.phase = Phase::Idle;
            return;
        }
        let (sid, node) = self.servers[self.next_server % self.servers.len()];
        self.next_server += 1;
        self.phase = Phase::Connecting(node);
        let per_server = (self.timeout_ms.max(1) as u64) * 1000 / self.servers.len() as u64;
        ctx.set_timer(
            ZkTimer::ClientConnectTimeout,
            SimDuration(per_server.max(1000)),
        );
        ctx.note(ZkNote::ClientConnects {
            client: self.name.clone(),
            sid,
        });
        ctx.connect(node);
    }

    fn current(&self) -> Option<NodeId> {
        match self.phase {
            Phase::Idle => None,
            Phase::Connecting(n) | Phase::Handshake(n) | Phase::Connected(n) => Some(n),
        }
    }

    /// The connection attempt or the connection is over: fail what is outstanding and
    /// try the next server after a pause.
    fn lost<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, why: ClientLoss) {
        let was_connected = matches!(self.phase, Phase::Connected(_));
        if let Some(n) = self.current() {
            ctx.disconnect(n);
        }
        self.remember(why);
        ctx.note(ZkNote::ClientLost {
            client: self.name.clone(),
            why,
        });
        if was_connected {
            self.push_event(WatchedEvent::state(KeeperState::Disconnected));
        }
        self.fail_all(ZkError::ConnectionLoss);
        self.phase = Phase::Idle;
        ctx.cancel_timer(ZkTimer::ClientTick);
        ctx.cancel_timer(ZkTimer::ClientConnectTimeout);
        if self.closing.is_some() {
            self.finish_close();
            return;
        }
        if self.state.is_alive() {
            self.state = ClientState::Connecting;
            let pause = 1 + ctx.rng().below(1000);
            ctx.set_timer(ZkTimer::ClientReconnect, SimDuration::from_millis(pause));
        }
    }

    fn finish_close(&mut self) {
        self.state = ClientState::Closed;
        self.phase = Phase::Idle;
        self.closing = None;
        self.push_event(WatchedEvent::state(KeeperState::Closed));
    }

    /// A timer fired.
    pub fn on_timer<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, timer: ZkTimer) {
        match timer {
            ZkTimer::ClientReconnect if self.phase == Phase::Idle && self.state.is_alive() => {
                self.try_next(ctx);
            }
            ZkTimer::ClientConnectTimeout
                if matches!(self.phase, Phase::Connecting(_) | Phase::Handshake(_)) =>
            {
                self.lost(ctx, ClientLoss::ConnectTimedOut);
            }
            ZkTimer::ClientTick => {
                if !matches!(self.phase, Phase::Connected(_)) {
                    return;
                }
                let rt = self.read_timeout_us();
                let now = ctx.now();
                if now.since(self.last_heard).0 > rt {
                    self.lost(ctx, ClientLoss::ReadTimedOut);
                    return;
                }
                if now.since(self.last_sent).0 >= rt / 2 {
                    if let Some(n) = self.current() {
                        ctx.send(n, ZkMsg::Ping);
                        self.last_sent = now;
                    }
                }
                ctx.set_timer(ZkTimer::ClientTick, SimDuration((rt / 4).max(1000)));
            }
            _ => {}
        }
    }

    /// A connection event.
    pub fn on_link<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, peer: NodeId, event: LinkEvent) {
        if Some(peer) != self.current() {
            return;
        }
        match (event, self.phase) {
            (LinkEvent::Connected, Phase::Connecting(n)) => {
                self.phase = Phase::Handshake(n);
                ctx.send(
                    n,
                    ZkMsg::Connect(ConnectRequest {
                        last_zxid_seen: self.last_zxid,
                        timeout_ms: self.requested_timeout_ms,
                        session: self.session,
                    }),
                );
            }
            (LinkEvent::Connected, _) => {}
            (LinkEvent::ConnectFailed, _) => self.lost(ctx, ClientLoss::Refused),
            (LinkEvent::Disconnected, Phase::Handshake(_)) => {
                self.lost(ctx, ClientLoss::ClosedInHandshake)
            }
            (LinkEvent::Disconnected, _) => self.lost(ctx, ClientLoss::Closed),
        }
    }

    /// A message from a server.
    pub fn on_message<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, from: NodeId, msg: ZkMsg) {
        if Some(from) != self.current() {
            return;
        }
        self.last_heard = ctx.now();
        match msg {
            ZkMsg::ConnectResponse {
                timeout_ms,
                session,
            } => {
                ctx.cancel_timer(ZkTimer::ClientConnectTimeout);
                if timeout_ms <= 0 {
                    ctx.note(ZkNote::ClientSessionExpired {
                        client: self.name.clone(),
                        session,
                    });
                    ctx.disconnect(from);
                    self.fail_all(ZkError::SessionExpired);
                    self.phase = Phase::Idle;
                    self.state = ClientState::Closed;
                    self.push_event(WatchedEvent::state(KeeperState::Expired));
                    return;
                }
                let resumed = self.session != 0;
                self.session = session;
                self.timeout_ms = timeout_ms;
                self.phase = Phase::Connected(from);
                self.state = ClientState::Connected;
                self.push_event(WatchedEvent::state(KeeperState::SyncConnected));
                self.last_sent = ctx.now();
                // primeConnection: re-register every watch on the new server.
                let [data, exist, child, persistent, recursive] = self.watches.registrations();
                let any = [&data, &exist, &child, &persistent, &recursive]
                    .iter()
                    .any(|l| !l.is_empty());
                if resumed && any {
                    ctx.send(
                        from,
                        ZkMsg::SetWatches(Box::new(SetWatches {
                            relative_zxid: self.last_zxid,
                            data,
                            exist,
                            child,
                            persistent,
                            recursive,
                        })),
                    );
                }
                let queued: Vec<(i32, ZkRequest)> = self.outgoing.drain(..).collect();
                for (xid, req) in queued {
                    self.transmit(ctx, from, xid, req);
                }
                ctx.set_timer(
                    ZkTimer::ClientTick,
                    SimDuration((self.read_timeout_us() / 4).max(1000)),
                );
            }
            ZkMsg::Reply { xid, zxid, resp } => self.on_reply(ctx, xid, zxid, *resp),
            ZkMsg::Watch(ev) if self.watches.materialize(&ev) => self.push_event(ev),
            _ => {}
        }
    }

    fn transmit<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, to: NodeId, xid: i32, req: ZkRequest) {
        self.pending.push_back((xid, req.clone()));
        self.last_sent = ctx.now();
        ctx.send(
            to,
            ZkMsg::Request {
                xid,
                req: Box::new(req),
            },
        );
    }

    fn on_reply<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, xid: i32, zxid: u64, resp: ZkResponse) {
        let Some((x, req)) = self.pending.pop_front() else {
            return;
        };
        if x != xid {
            ctx.note(ZkNote::ReplyOutOfOrder {
                client: self.name.clone(),
                got: xid,
                expected: x,
            });
        }
        if zxid > 0 {
            self.last_zxid = zxid;
        }
        let result = match (&req, resp.error()) {
            (
                ZkRequest::RemoveWatches {
                    path,
                    watcher_type,
                    local,
                },
                rc,
            ) => match self.watches.remove(path, *watcher_type, *local, rc) {
                Ok(evs) => {
                    for e in evs {
                        self.push_event(e);
                    }
                    Ok(ZkResponse::Ok)
                }
                Err(e) => Err(ClientError::Keeper(e)),
            },
            (ZkRequest::AddAuth { .. }, Some(ZkError::AuthFailed)) => {
                self.state = ClientState::AuthFailed;
                self.push_event(WatchedEvent::state(KeeperState::AuthFailed));
                Err(ClientError::Keeper(ZkError::AuthFailed))
            }
            (_, Some(e)) if !matches!(resp, ZkResponse::Multi(_)) => Err(ClientError::Keeper(e)),
            _ => Ok(resp),
        };
        self.watches.register(&req, &result);
        if let Some(load) = &mut self.load {
            load.done += 1;
            if result.is_err() {
                load.failed += 1;
            }
            if load.remaining == 0 && self.pending.is_empty() {
                load.finished = Some(ctx.now());
            }
            // A load generator does not keep results (the driver never asks for them).
            self.pump_load(ctx);
            return;
        }
        self.set_result(x, result);
        if self.closing == Some(x) {
            if let Some(n) = self.current() {
                ctx.disconnect(n);
            }
            ctx.cancel_timer(ZkTimer::ClientTick);
            self.finish_close();
        }
    }

    /// Send a request (queued until connected); returns its xid, or None when the
    /// client is closed.
    pub fn submit<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, req: ZkRequest) -> Option<i32> {
        let xid = self.next_xid;
        self.next_xid = self.next_xid.wrapping_add(1).max(1);
        if !self.state.is_alive() {
            self.set_result(xid, Err(ClientError::Keeper(ZkError::ConnectionLoss)));
            return None;
        }
        match self.phase {
            Phase::Connected(n) => self.transmit(ctx, n, xid, req),
            _ => {
                if self.outgoing.len() >= OUTGOING_MAX {
                    self.set_result(xid, Err(ClientError::Keeper(ZkError::ConnectionLoss)));
                } else {
                    self.outgoing.push_back((xid, req));
                }
            }
        }
        Some(xid)
    }

    /// Start a load generator (see [`Load`]).
    pub fn start_load<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, load: Load) {
        self.load = Some(load);
        self.pump_load(ctx);
    }

    fn pump_load<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        let Some(node) = self.connected_to() else {
            return;
        };
        loop {
            let Some(load) = &mut self.load else { return };
            if load.remaining == 0 || self.pending.len() >= load.window as usize {
                return;
            }
            load.remaining -= 1;
            let req = ZkRequest::SetData {
                path: load.path.clone(),
                data: Some(vec![b'x'; load.size as usize]),
                version: -1,
            };
            let xid = self.next_xid;
            self.next_xid = self.next_xid.wrapping_add(1).max(1);
            self.transmit(ctx, node, xid, req);
        }
    }

    /// Close the session (a closeSession request), or just stop if not connected.
    pub fn close<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        if !self.state.is_alive() {
            return;
        }
        if let Phase::Connected(_) = self.phase {
            let xid = self.next_xid;
            self.closing = Some(xid);
            self.submit(ctx, ZkRequest::CloseSession);
        } else {
            if let Some(n) = self.current() {
                ctx.disconnect(n);
            }
            self.finish_close();
        }
    }
}
