//! One ZooKeeper server: election, its ZAB role, its database and its client sessions.
//!
//! Follows `QuorumPeer.run` (LOOKING → FOLLOWING / LEADING / OBSERVING and back),
//! `ZooKeeperServer.processConnectRequest` / `reopenSession`, the request pipeline
//! (`PrepRequestProcessor` on the leader, `FollowerRequestProcessor` forwarding writes,
//! `CommitProcessor` keeping each session's requests in order, `FinalRequestProcessor`
//! replying and firing watches) and the leader's `SessionTrackerImpl`, of ZooKeeper 3.8.
//!
//! A server boots from its disk and runs leader election (a one-server config serves at
//! once in standalone mode). When the election ends it leads or learns (see [`crate::protocols::zookeeper::replication::zab`]);
//! when the role ends — a lost quorum, a silent leader, a broken connection — it closes
//! its client connections, applies everything it had logged (`fastForwardDataBase`) and
//! looks again. While serving it accepts client connections: a new session is a
//! `createSession` txn through the leader, a resumed one is revalidated with the leader,
//! and a client that has seen a newer zxid than this server's is refused. Reads are
//! answered locally once the session's earlier writes have been applied here; writes go
//! to the leader, which prepares them against a speculative copy of its database (its
//! outstanding changes), proposes them, and every server applies them on commit. The
//! server a client is connected to sends the watch events a txn fires before the txn's
//! reply; a client that resumes its session here re-registers its watches, and those
//! whose node changed meanwhile fire at once (`DataTree.setWatches`). The leader expires sessions nobody touched within their timeout (touches from
//! followers arrive with their pings) with a `closeSession` txn that deletes their
//! ephemerals.

use super::config::ZkConfig;
use super::db::Db;
use super::election::{Election, FleAction};
use super::links::Links;
use super::vote::{ServerState, Vote};
use super::zab::leader::Leader;
use super::zab::learner::Learner;
use super::zab::packet::{ForwardedRequest, ZabPacket};
use super::zab::store::{ServerDisk, Store};
use super::zab::{ZabIo, ZabOut, ZabState, DISK_SYNC_MS};
use crate::id::NodeId;
use crate::process::{Ctx, LinkEvent};
use crate::protocols::zookeeper::data::acl::AuthInfo;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::request::{
    answer_connection_request, ZkRequest, ZkResponse,
};
use crate::protocols::zookeeper::data::session::{initial_session_id, SessionId, SessionInfo};
use crate::protocols::zookeeper::data::tree::Caller;
use crate::protocols::zookeeper::data::txn::{Txn, TxnKind};
use crate::protocols::zookeeper::data::watch::{EventType, WatchKind, WatchManager, WatchedEvent};
use crate::protocols::zookeeper::msg::{ConnectRequest, SetWatches, ZkMsg};
use crate::protocols::zookeeper::note::{Anomaly, ServingMode, StepDownReason, ZkNote};
use crate::protocols::zookeeper::timer::{ZkProcess, ZkTimer};
use crate::time::{SimDuration, SimTime};
use crate::vecmap::VecMap;
use std::collections::VecDeque;
use std::sync::Arc;

/// Wall clock (ms since the Unix epoch) at simulated time zero: 2022-03-07 00:00 UTC,
/// as the data layer's standalone server uses.
pub const EPOCH_MS: i64 = 1_646_611_200_000;
/// Requests queued per client connection at most (more are refused).
pub const CONN_QUEUE_MAX: usize = 1_000;
/// Client connections per server at most (`maxClientCnxns` is per host; a bound here).
pub const CONNS_MAX: usize = 200;
/// Protocol anomalies remembered.
pub const ANOMALIES_MAX: usize = 32;
/// An observer pauses a random time below this before looking again
/// (`zookeeper.observer.election.DelayMs`).
pub const OBSERVER_DELAY_MS: u64 = 200;

/// The server's role.
#[derive(Clone, Debug, Hash)]
pub enum Role {
    /// Running leader election.
    Looking,
    /// Leading.
    Leader(Box<Leader>),
    /// Following or observing.
    Learner(Box<Learner>),
    /// One-server ensemble.
    Standalone,
}

/// A queued client request.
#[derive(Clone, Debug, Hash)]
pub struct Queued {
    /// Client's request number.
    pub xid: i32,
    /// The request.
    pub req: ZkRequest,
    /// Sent on to the leader (a write, a sync) and not answered yet.
    pub in_flight: bool,
}

/// One client connection.
#[derive(Clone, Debug, Hash)]
pub struct Conn {
    /// Its session, once established.
    pub session: Option<SessionId>,
    /// The connection's auth ids.
    pub auth: AuthInfo,
    /// Requests in order (in-flight writes first).
    pub queue: VecDeque<Queued>,
    /// Packets received on it.
    pub received: u64,
    /// Packets sent on it.
    pub sent: u64,
}

/// Counters `srvr` and `mntr` report.
#[derive(Clone, Debug, Default, Hash)]
pub struct Stats {
    /// Client packets received.
    pub received: u64,
    /// Client packets sent.
    pub sent: u64,
    /// Four-letter words answered since start.
    pub four_letter: u64,
    /// Request latency min (ms), or None.
    pub latency_min: Option<u64>,
    /// Latency max.
    pub latency_max: u64,
    /// Latency sum (for the average).
    pub latency_sum: u64,
    /// Requests with a measured latency.
    pub latency_count: u64,
}

/// A ZooKeeper server process.
#[derive(Clone, Debug, Hash)]
pub struct ZkServer {
    /// `myid`.
    pub sid: u64,
    me: NodeId,
    cfg: ZkConfig,
    /// Disk and database.
    pub store: Store,
    /// `QuorumPeer` state.
    pub state: ServerState,
    /// The election (ballot box included).
    pub election: Election,
    /// `currentVote`.
    pub current_vote: Vote,
    /// Role.
    pub role: Role,
    links: Links<ZkMsg>,
    /// Client connections by client node.
    pub conns: VecMap<NodeId, Conn>,
    /// Watch tables (volatile).
    pub watches: WatchManager,
    /// Session expiry tracking (the leader's global one; standalone too).
    pub tracker: VecMap<SessionId, SessionInfo>,
    next_session: SessionId,
    prep: Option<Db>,
    /// Sessions waiting for their createSession txn or revalidation, by client node.
    pending_sessions: VecMap<SessionId, NodeId>,
    request_started: VecMap<(SessionId, i32), SimTime>,
    /// srvr counters.
    pub stats: Stats,
    /// Branches real ZooKeeper treats as fatal (kept for an invariant).
    pub anomalies: VecDeque<Anomaly>,
    started_at: SimTime,
    serving_since: SimTime,
    /// The answer to the last four-letter word asked.
    pub four_letter_reply: Option<String>,
    /// While an epoch file is being synced ([`ZabOut::DiskSync`]): the effects still to
    /// carry out and the quorum packets that arrived meanwhile (bounded by
    /// [`HELD_PACKETS_MAX`]).
    disk_sync: Option<DiskSyncWait>,
}

/// Quorum packets held at most while a disk sync is under way (more are dropped: the
/// sender's connection would stall long before).
pub const HELD_PACKETS_MAX: usize = 10_000;

/// What waits for a disk sync.
#[derive(Clone, Debug, Default, Hash)]
struct DiskSyncWait {
    effects: VecDeque<ZabOut>,
    packets: VecDeque<(u64, ZabPacket)>,
}

/// How a txn time is stamped: the wall clock at `now`.
pub fn wall_ms(now: SimTime) -> i64 {
    EPOCH_MS + now.as_millis() as i64
}

impl ZkServer {
    /// Boot server `sid` (kernel node `me`) from its disk.
    pub fn boot(sid: u64, me: NodeId, cfg: &ZkConfig, disk: ServerDisk) -> Self {
        let participant = cfg.is_voter(sid) || cfg.standalone();
        let mut store = Store::boot(disk);
        if !cfg.standalone() {
            store
                .db
                .tree
                .set_config_data(cfg.config_node_data(), EPOCH_MS);
        }
        let current_vote = Vote::looking(
            sid as i64,
            store.last_processed() as i64,
            -1,
            i64::from(store.disk.current_epoch),
        );
        ZkServer {
            sid,
            me,
            cfg: cfg.clone(),
            store,
            state: ServerState::Looking,
            election: Election::new(sid, participant).with_finalize_wait(cfg.finalize_wait_ms),
            current_vote,
            role: Role::Looking,
            links: Links::new(me),
            conns: VecMap::new(),
            watches: WatchManager::default(),
            tracker: VecMap::new(),
            next_session: 0,
            prep: None,
            pending_sessions: VecMap::new(),
            request_started: VecMap::new(),
            stats: Stats::default(),
            anomalies: VecDeque::new(),
            started_at: SimTime::ZERO,
            serving_since: SimTime::ZERO,
            four_letter_reply: None,
            disk_sync: None,
        }
    }

    /// When the server started serving in its current role.
    pub fn serving_since(&self) -> SimTime {
        self.serving_since
    }

    /// Answer a four-letter word (the connection counts toward the statistics).
    pub fn four_letter(&mut self, word: &str, now: SimTime) {
        if self.serving() {
            self.stats.four_letter += 1;
        }
        self.four_letter_reply = Some(crate::protocols::zookeeper::replication::fourlw::answer(
            self, word, now,
        ));
    }

    /// The configuration.
    pub fn config(&self) -> &ZkConfig {
        &self.cfg
    }

    /// The ZAB phase.
    pub fn zab_state(&self) -> ZabState {
        match &self.role {
            Role::Looking => ZabState::Election,
            Role::Leader(l) => l.zab_state,
            Role::Learner(l) => l.zab_state,
            Role::Standalone => ZabState::Broadcast,
        }
    }

    /// Whether clients are served.
    pub fn serving(&self) -> bool {
        match &self.role {
            Role::Looking => false,
            Role::Leader(l) => l.serving(),
            Role::Learner(l) => l.serving(),
            Role::Standalone => true,
        }
    }

    /// The status label ("LEADING", ...; "STANDALONE" for a one-server ensemble).
    pub fn status(&self) -> &'static str {
        match self.role {
            Role::Standalone => "STANDALONE",
            _ => self.state.name(),
        }
    }

    /// The mode `srvr` prints, when serving.
    pub fn mode(&self) -> Option<&'static str> {
        self.serving_mode().map(ServingMode::name)
    }

    /// How this server serves (`None` while it does not).
    pub fn serving_mode(&self) -> Option<ServingMode> {
        if !self.serving() {
            return None;
        }
        Some(match (&self.role, self.state) {
            (Role::Standalone, _) => ServingMode::Standalone,
            (_, ServerState::Leading) => ServingMode::Leader,
            (_, ServerState::Observing) => ServingMode::Observer,
            _ => ServingMode::Follower,
        })
    }

    /// The leader this server follows or is (None while looking).
    pub fn leader_id(&self) -> Option<u64> {
        match &self.role {
            Role::Looking => None,
            Role::Leader(_) | Role::Standalone => Some(self.sid),
            Role::Learner(l) => Some(l.leader),
        }
    }

    /// The leader's state, if leading.
    pub fn leader(&self) -> Option<&Leader> {
        match &self.role {
            Role::Leader(l) => Some(l),
            _ => None,
        }
    }

    /// The learner's state, if following or observing.
    pub fn learner(&self) -> Option<&Learner> {
        match &self.role {
            Role::Learner(l) => Some(l),
            _ => None,
        }
    }

    /// The epoch the server is in (the leader's frozen epoch, or `currentEpoch`).
    pub fn epoch(&self) -> u32 {
        match &self.role {
            Role::Leader(l) => l.frozen_epoch().unwrap_or(self.store.disk.current_epoch),
            _ => self.store.disk.current_epoch,
        }
    }

    fn node_of(&self, sid: u64) -> Option<NodeId> {
        self.cfg.node_of(sid)
    }

    fn remember_anomaly(&mut self, s: Anomaly) {
        if self.anomalies.len() >= ANOMALIES_MAX {
            self.anomalies.pop_front();
        }
        self.anomalies.push_back(s);
    }

    // ----- lifecycle -----------------------------------------------------------------

    /// The process started.
    pub fn on_start<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        self.started_at = ctx.now();
        self.next_session = initial_session_id(self.sid, ctx.now().as_millis());
        if self.cfg.standalone() {
            self.role = Role::Standalone;
            self.state = ServerState::Leading;
            self.serving_since = ctx.now();
            // ZooKeeperServer.startdata: load and take a clean snapshot.
            self.store.take_snapshot();
            self.init_tracker(ctx.now());
            ctx.set_timer(ZkTimer::SessionTick, SimDuration(self.cfg.tick_us()));
            ctx.note(ZkNote::StandaloneStart {
                sid: self.sid,
                zxid: self.store.last_processed(),
            });
            return;
        }
        self.look(ctx);
    }

    fn look<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        self.state = ServerState::Looking;
        self.role = Role::Looking;
        let mut out = Vec::new();
        let zxid = self.store.last_processed() as i64;
        let epoch = i64::from(self.store.disk.current_epoch);
        self.election
            .start(&self.cfg, ctx.now(), zxid, epoch, &mut out);
        self.run_fle(ctx, out);
    }

    fn run_fle<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, out: Vec<FleAction>) {
        for a in out {
            match a {
                FleAction::Send { to, n } => {
                    if let Some(node) = self.node_of(to) {
                        self.links.send_vote(ctx, node, ZkMsg::Vote(n));
                    }
                }
                FleAction::Reconnect => {
                    for sid in self.cfg.voters() {
                        if let Some(node) = self.node_of(sid) {
                            self.links.probe(ctx, node);
                        }
                    }
                }
                FleAction::ArmTimeout(ms) => {
                    ctx.set_timer(ZkTimer::FleTimeout, SimDuration::from_millis(ms))
                }
                FleAction::ArmFinalize(ms) => {
                    ctx.set_timer(ZkTimer::FleFinalize, SimDuration::from_millis(ms))
                }
                FleAction::CancelFinalize => ctx.cancel_timer(ZkTimer::FleFinalize),
                FleAction::Decided { vote, state } => self.decided(ctx, vote, state),
            }
        }
    }

    fn decided<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, vote: Vote, state: ServerState) {
        ctx.cancel_timer(ZkTimer::FleTimeout);
        ctx.cancel_timer(ZkTimer::FleFinalize);
        self.current_vote = vote;
        self.state = state;
        ctx.note(ZkNote::ElectionOver {
            round: self.election.logicalclock,
            state,
            vote,
        });
        let mut out = Vec::new();
        let role = {
            let mut io = ZabIo {
                cfg: &self.cfg,
                now: ctx.now(),
                myid: self.sid,
                store: &mut self.store,
                out: &mut out,
            };
            match state {
                ServerState::Leading => Role::Leader(Box::new(Leader::lead(&mut io))),
                ServerState::Following | ServerState::Observing => Role::Learner(Box::new(
                    Learner::follow(&mut io, vote.leader as u64, state == ServerState::Observing),
                )),
                ServerState::Looking => Role::Looking,
            }
        };
        self.role = role;
        self.prep = None;
        ctx.set_timer(ZkTimer::ZabTick, SimDuration(self.cfg.tick_us() / 2));
        self.run_zab(ctx, out);
    }

    /// Leave the role: close client connections, fast-forward, look again.
    fn step_down<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, why: StepDownReason) {
        ctx.note(ZkNote::StepDown { sid: self.sid, why });
        let learners: Vec<u64> = match &self.role {
            Role::Leader(l) => l.handlers.keys().copied().collect(),
            _ => Vec::new(),
        };
        for sid in learners {
            if let Some(n) = self.node_of(sid) {
                self.links.close(ctx, n);
            }
        }
        self.close_all_clients(ctx);
        self.store.fast_forward(ctx.now());
        self.prep = None;
        self.tracker.clear();
        self.pending_sessions.clear();
        ctx.cancel_timer(ZkTimer::ZabTick);
        ctx.cancel_timer(ZkTimer::LearnerRetry);
        ctx.cancel_timer(ZkTimer::SessionTick);
        ctx.cancel_timer(ZkTimer::DiskSync);
        self.disk_sync = None;
        let observer = self.state == ServerState::Observing;
        self.state = ServerState::Looking;
        self.role = Role::Looking;
        if observer {
            // `Observer.waitForReconnectDelayHelper`: a uniform random pause below
            // `observerElectionDelayMs`, so observers do not all come back at once.
            let ms = ctx.rng().below(OBSERVER_DELAY_MS);
            ctx.set_timer(ZkTimer::ObserverDelay, SimDuration::from_millis(ms));
        } else {
            self.look(ctx);
        }
    }

    fn close_all_clients<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        let clients: Vec<NodeId> = self.conns.keys().copied().collect();
        for c in clients {
            self.links.close(ctx, c);
        }
        self.conns.clear();
        self.watches = WatchManager::default();
        self.request_started.clear();
    }

    fn init_tracker(&mut self, now: SimTime) {
        self.tracker = self
            .store
            .db
            .sessions
            .iter()
            .map(|(&id, &t)| {
                (
                    id,
                    SessionInfo::new(id, t, now.as_millis(), self.cfg.tick_ms),
                )
            })
            .collect();
    }

    // ----- ZAB effects ----------------------------------------------------------------

    fn run_zab<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, out: Vec<ZabOut>) {
        let mut step_down: Option<StepDownReason> = None;
        let mut queue: VecDeque<ZabOut> = out.into();
        while let Some(o) = queue.pop_front() {
            match o {
                ZabOut::DiskSync => {
                    self.disk_sync = Some(DiskSyncWait {
                        effects: std::mem::take(&mut queue),
                        packets: VecDeque::new(),
                    });
                    ctx.set_timer(ZkTimer::DiskSync, SimDuration::from_millis(DISK_SYNC_MS));
                }
                ZabOut::Send(sid, p) => {
                    if let Some(n) = self.node_of(sid) {
                        self.links.send(ctx, n, ZkMsg::Quorum(Arc::new(p)));
                    }
                }
                ZabOut::Close(sid) => {
                    if let Some(n) = self.node_of(sid) {
                        self.links.close(ctx, n);
                    }
                }
                ZabOut::Applied(txn, applied) => self.after_apply(ctx, &txn, applied),
                ZabOut::StepDown(why) => {
                    if step_down.is_none() {
                        step_down = Some(why);
                    }
                }
                ZabOut::StartServing => {
                    self.current_vote.peer_epoch = i64::from(self.store.disk.current_epoch);
                    // A new ZooKeeperServer instance: fresh counters.
                    self.stats = Stats::default();
                    self.serving_since = ctx.now();
                    if matches!(self.role, Role::Leader(_)) {
                        self.init_tracker(ctx.now());
                        ctx.set_timer(ZkTimer::SessionTick, SimDuration(self.cfg.tick_us()));
                    }
                    ctx.note(ZkNote::Serving {
                        sid: self.sid,
                        mode: self.serving_mode(),
                        zxid: self.store.last_processed(),
                    });
                }
                ZabOut::SyncDone { session, cxid } => self.finish_sync(ctx, session, cxid),
                ZabOut::Revalidated { session, valid } => {
                    self.finish_revalidate(ctx, session, valid)
                }
                ZabOut::Touch {
                    session,
                    timeout_ms,
                } => self.touch(ctx.now(), session, timeout_ms),
                ZabOut::Request { from, request } => {
                    let more = self.leader_request(ctx, from, request);
                    queue.extend(more);
                }
                ZabOut::RevalidateAsk {
                    from,
                    session,
                    timeout_ms,
                } => {
                    let valid = self.check_session(ctx.now(), session, timeout_ms);
                    if let Some(n) = self.node_of(from) {
                        self.links.send(
                            ctx,
                            n,
                            ZkMsg::Quorum(Arc::new(ZabPacket::RevalidateReply { session, valid })),
                        );
                    }
                }
                ZabOut::Impossible(a) => {
                    ctx.note(ZkNote::Anomaly(a.clone()));
                    self.remember_anomaly(a);
                }
                ZabOut::Note(note) => ctx.note(note),
            }
        }
        if let Some(why) = step_down {
            self.step_down(ctx, why);
        }
    }

    /// Run `f` on the leader role with a ZAB context; returns its effects.
    fn with_leader(
        &mut self,
        now: SimTime,
        f: impl FnOnce(&mut Leader, &mut ZabIo<'_>),
    ) -> Vec<ZabOut> {
        let mut out = Vec::new();
        if let Role::Leader(l) = &mut self.role {
            let mut io = ZabIo {
                cfg: &self.cfg,
                now,
                myid: self.sid,
                store: &mut self.store,
                out: &mut out,
            };
            f(l, &mut io);
        }
        out
    }

    fn with_learner(
        &mut self,
        now: SimTime,
        f: impl FnOnce(&mut Learner, &mut ZabIo<'_>) -> Option<SimDuration>,
    ) -> (Vec<ZabOut>, Option<SimDuration>) {
        let mut out = Vec::new();
        let mut retry = None;
        if let Role::Learner(l) = &mut self.role {
            let mut io = ZabIo {
                cfg: &self.cfg,
                now,
                myid: self.sid,
                store: &mut self.store,
                out: &mut out,
            };
            retry = f(l, &mut io);
        }
        (out, retry)
    }

    // ----- messages ------------------------------------------------------------------

    /// A message arrived.
    pub fn on_message<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, from: NodeId, msg: ZkMsg) {
        match msg {
            ZkMsg::Vote(n) => {
                let Some(sid) = self.cfg.sid_of(from) else {
                    return;
                };
                if self.cfg.standalone() {
                    return;
                }
                let mut out = Vec::new();
                let vote = self.current_vote;
                let state = self.state;
                self.election
                    .on_notification(&self.cfg, ctx.now(), sid, n, state, &vote, &mut out);
                self.run_fle(ctx, out);
            }
            ZkMsg::Quorum(p) => {
                let Some(sid) = self.cfg.sid_of(from) else {
                    return;
                };
                self.on_quorum(ctx, sid, Arc::unwrap_or_clone(p));
            }
            ZkMsg::Connect(c) => self.on_connect(ctx, from, c),
            ZkMsg::Request { xid, req } => self.on_client_request(ctx, from, xid, *req),
            ZkMsg::Ping => {
                let Some(conn) = self.conns.get_mut(&from) else {
                    return;
                };
                conn.received += 1;
                conn.sent += 1;
                let session = conn.session;
                self.stats.received += 1;
                self.stats.sent += 1;
                if let Some(s) = session {
                    self.touch_local(ctx.now(), s);
                }
                let zxid = self.store.last_processed();
                ctx.send(from, ZkMsg::PingReply { zxid });
            }
            ZkMsg::SetWatches(w) => self.set_watches(ctx, from, &w),
            ZkMsg::ConnectResponse { .. }
            | ZkMsg::Reply { .. }
            | ZkMsg::PingReply { .. }
            | ZkMsg::Watch(_) => {}
        }
    }

    fn on_quorum<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, sid: u64, p: ZabPacket) {
        if let Some(wait) = &mut self.disk_sync {
            // The thread that reads the quorum connection is blocked in the sync.
            if wait.packets.len() < HELD_PACKETS_MAX {
                wait.packets.push_back((sid, p));
            }
            return;
        }
        match &self.role {
            Role::Leader(l) if !l.listening(ctx.now()) => {
                // Still loading its data: the acceptor is not listening yet.
                if matches!(p, ZabPacket::LearnerInfo { .. }) {
                    self.refuse_learner(ctx, sid);
                }
            }
            Role::Leader(_) => {
                let out = self.with_leader(ctx.now(), |l, io| l.on_packet(io, sid, p));
                self.run_zab(ctx, out);
            }
            Role::Learner(_) => {
                let (out, retry) = self.with_learner(ctx.now(), |l, io| l.on_packet(io, sid, p));
                if let Some(d) = retry {
                    ctx.set_timer(ZkTimer::LearnerRetry, d);
                }
                self.run_zab(ctx, out);
            }
            Role::Looking | Role::Standalone => {
                // Our quorum port is not accepting connections.
                if matches!(p, ZabPacket::LearnerInfo { .. }) {
                    self.refuse_learner(ctx, sid);
                }
            }
        }
    }

    /// The disk sync finished: carry out the effects that waited, then the packets that
    /// arrived meanwhile (until one of them starts another sync).
    fn disk_sync_done<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        let Some(wait) = self.disk_sync.take() else {
            return;
        };
        self.run_zab(ctx, wait.effects.into());
        let mut packets = wait.packets;
        while let Some((sid, p)) = packets.pop_front() {
            if let Some(w) = &mut self.disk_sync {
                w.packets.push_back((sid, p));
                w.packets.extend(packets.drain(..));
                return;
            }
            self.on_quorum(ctx, sid, p);
        }
    }

    /// A learner's connection to our quorum port is refused (nothing listens there).
    fn refuse_learner<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, sid: u64) {
        if let Some(n) = self.node_of(sid) {
            self.links
                .send(ctx, n, ZkMsg::Quorum(Arc::new(ZabPacket::Refused)));
        }
    }

    /// A timer fired.
    pub fn on_timer<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, timer: ZkTimer) {
        match timer {
            ZkTimer::FleTimeout => {
                let mut out = Vec::new();
                self.election.on_timeout(&self.cfg, &mut out);
                self.run_fle(ctx, out);
            }
            ZkTimer::FleFinalize => {
                let mut out = Vec::new();
                self.election.on_finalize(ctx.now(), &mut out);
                self.run_fle(ctx, out);
            }
            ZkTimer::ZabTick => {
                let out = match &self.role {
                    Role::Leader(_) => self.with_leader(ctx.now(), |l, io| l.on_half_tick(io)),
                    Role::Learner(_) => {
                        self.with_learner(ctx.now(), |l, io| {
                            l.on_half_tick(io);
                            None
                        })
                        .0
                    }
                    _ => return,
                };
                ctx.set_timer(ZkTimer::ZabTick, SimDuration(self.cfg.tick_us() / 2));
                self.run_zab(ctx, out);
            }
            ZkTimer::LearnerRetry => {
                let (out, _) = self.with_learner(ctx.now(), |l, io| {
                    l.on_retry(io);
                    None
                });
                self.run_zab(ctx, out);
            }
            ZkTimer::SessionTick => {
                ctx.set_timer(ZkTimer::SessionTick, SimDuration(self.cfg.tick_us()));
                self.expire_sessions(ctx);
            }
            ZkTimer::DiskSync => self.disk_sync_done(ctx),
            ZkTimer::ObserverDelay
                if matches!(self.role, Role::Looking) && !self.election.active =>
            {
                self.look(ctx);
            }
            _ => {}
        }
    }

    /// A connection changed state.
    pub fn on_link<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, peer: NodeId, event: LinkEvent) {
        self.links.on_link(ctx, peer, event);
        if event == LinkEvent::ConnectFailed {
            let leader = self.learner().map(|l| l.leader);
            if leader.is_some() && self.cfg.sid_of(peer) == leader {
                let (out, retry) = self.with_learner(ctx.now(), |l, io| l.on_refused(io));
                if let Some(d) = retry {
                    ctx.set_timer(ZkTimer::LearnerRetry, d);
                }
                self.run_zab(ctx, out);
            }
            return;
        }
        if event != LinkEvent::Disconnected {
            return;
        }
        if let Some(sid) = self.cfg.sid_of(peer) {
            match &self.role {
                Role::Leader(_) => {
                    let out = self.with_leader(ctx.now(), |l, io| l.on_disconnected(io, sid));
                    self.run_zab(ctx, out);
                }
                Role::Learner(l) if l.leader == sid => {
                    let (out, _) = self.with_learner(ctx.now(), |l, io| {
                        l.on_disconnected(io);
                        None
                    });
                    self.run_zab(ctx, out);
                }
                _ => {}
            }
        } else if self.conns.remove(&peer).is_some() {
            self.pending_sessions.retain(|_, n| *n != peer);
        }
    }

    // ----- sessions --------------------------------------------------------------------

    fn touch(&mut self, now: SimTime, session: SessionId, _timeout_ms: u64) {
        let tick = self.cfg.tick_ms;
        if let Some(info) = self.tracker.get_mut(&session) {
            info.touch(now.as_millis(), tick);
        }
    }

    /// A local client showed life: the leader touches its tracker, a learner remembers
    /// the touch for its next ping.
    fn touch_local(&mut self, now: SimTime, session: SessionId) {
        match &mut self.role {
            Role::Learner(l) => {
                let timeout = self
                    .store
                    .db
                    .sessions
                    .get(&session)
                    .copied()
                    .unwrap_or(0)
                    .max(0) as u64;
                if l.touches.len() < 10_000 {
                    l.touches.insert(session, timeout);
                }
            }
            _ => self.touch(now, session, 0),
        }
    }

    fn check_session(&mut self, now: SimTime, session: SessionId, timeout_ms: u64) -> bool {
        let valid = self.tracker.get(&session).is_some_and(|i| !i.closing);
        if valid {
            self.touch(now, session, timeout_ms);
        }
        valid
    }

    fn expire_sessions<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>) {
        let now_ms = ctx.now().as_millis();
        let expired: Vec<SessionId> = self
            .tracker
            .iter()
            .filter(|(_, i)| !i.closing && i.expired(now_ms))
            .map(|(s, _)| *s)
            .collect();
        for s in expired {
            if let Some(i) = self.tracker.get_mut(&s) {
                i.closing = true;
            }
            ctx.note(ZkNote::SessionExpired { session: s });
            let req = ForwardedRequest {
                session: s,
                cxid: 0,
                request: ZkRequest::CloseSession,
                auth: Vec::new(),
            };
            self.submit_write(ctx, req);
        }
    }

    // ----- clients ---------------------------------------------------------------------

    fn on_connect<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, from: NodeId, c: ConnectRequest) {
        if !self.serving() || self.conns.len() >= CONNS_MAX {
            // "ZooKeeperServer not running": the connection is closed.
            self.links.close(ctx, from);
            return;
        }
        let ours = self.store.last_processed();
        if c.last_zxid_seen > ours {
            ctx.note(ZkNote::RefusedStaleServer {
                client: from,
                seen: c.last_zxid_seen,
                ours,
            });
            self.links.close(ctx, from);
            return;
        }
        self.stats.received += 1;
        let conn = Conn {
            session: None,
            auth: AuthInfo::for_ip("127.0.0.1"),
            queue: VecDeque::new(),
            received: 1,
            sent: 0,
        };
        self.conns.insert(from, conn);
        let timeout = self.cfg.negotiate_timeout(c.timeout_ms.max(0) as u64) as i32;
        if c.session == 0 {
            let session = self.next_session;
            self.next_session += 1;
            self.pending_sessions.insert(session, from);
            let req = ForwardedRequest {
                session,
                cxid: 0,
                request: ZkRequest::CreateSession {
                    timeout_ms: timeout,
                },
                auth: Vec::new(),
            };
            self.submit_write(ctx, req);
        } else {
            self.pending_sessions.insert(c.session, from);
            match &self.role {
                Role::Learner(l) => {
                    let leader = l.leader;
                    if let Some(n) = self.node_of(leader) {
                        self.links.send(
                            ctx,
                            n,
                            ZkMsg::Quorum(Arc::new(ZabPacket::Revalidate {
                                session: c.session,
                                timeout_ms: timeout as u64,
                            })),
                        );
                    }
                }
                _ => {
                    let valid = self.check_session(ctx.now(), c.session, timeout as u64);
                    self.finish_revalidate(ctx, c.session, valid);
                }
            }
        }
    }

    /// `DataTree.setWatches`: re-register a reconnecting client's watches; those whose
    /// node changed after the client's last zxid fire at once.
    fn set_watches<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, client: NodeId, w: &SetWatches) {
        let Some(conn) = self.conns.get_mut(&client) else {
            return;
        };
        conn.received += 1;
        self.stats.received += 1;
        let Some(session) = conn.session else { return };
        let rel = w.relative_zxid;
        let tree = &self.store.db.tree;
        let mut events = Vec::new();
        for p in &w.data {
            match tree.get(p) {
                None => events.push(WatchedEvent::node(EventType::NodeDeleted, p)),
                Some(n) if n.stat.mzxid > rel => {
                    events.push(WatchedEvent::node(EventType::NodeDataChanged, p))
                }
                Some(_) => self.watches.register(session, p, WatchKind::Data),
            }
        }
        for p in &w.exist {
            if tree.get(p).is_some() {
                events.push(WatchedEvent::node(EventType::NodeCreated, p));
            } else {
                self.watches.register(session, p, WatchKind::Data);
            }
        }
        for p in &w.child {
            match tree.get(p) {
                None => events.push(WatchedEvent::node(EventType::NodeDeleted, p)),
                Some(n) if n.stat.pzxid > rel => {
                    events.push(WatchedEvent::node(EventType::NodeChildrenChanged, p))
                }
                Some(_) => self.watches.register(session, p, WatchKind::Child),
            }
        }
        for p in &w.persistent {
            self.watches.register(session, p, WatchKind::Persistent);
        }
        for p in &w.recursive {
            self.watches
                .register(session, p, WatchKind::PersistentRecursive);
        }
        for ev in events {
            self.send_client(ctx, client, ZkMsg::Watch(ev));
        }
    }

    fn finish_revalidate<P: ZkProcess>(
        &mut self,
        ctx: &mut Ctx<P>,
        session: SessionId,
        valid: bool,
    ) {
        let Some(client) = self.pending_sessions.remove(&session) else {
            return;
        };
        let timeout = if valid {
            self.store.db.sessions.get(&session).copied().unwrap_or(0)
        } else {
            0
        };
        if valid && timeout > 0 {
            self.establish(ctx, client, session, timeout);
        } else {
            self.send_client(
                ctx,
                client,
                ZkMsg::ConnectResponse {
                    timeout_ms: 0,
                    session,
                },
            );
            self.conns.remove(&client);
            self.links.close(ctx, client);
        }
    }

    fn establish<P: ZkProcess>(
        &mut self,
        ctx: &mut Ctx<P>,
        client: NodeId,
        session: SessionId,
        timeout: i32,
    ) {
        if let Some(conn) = self.conns.get_mut(&client) {
            conn.session = Some(session);
        } else {
            return;
        }
        self.send_client(
            ctx,
            client,
            ZkMsg::ConnectResponse {
                timeout_ms: timeout,
                session,
            },
        );
    }

    fn send_client<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, client: NodeId, msg: ZkMsg) {
        if let Some(conn) = self.conns.get_mut(&client) {
            conn.sent += 1;
            self.stats.sent += 1;
            ctx.send(client, msg);
        }
    }

    fn conn_of_session(&self, session: SessionId) -> Option<NodeId> {
        self.conns
            .iter()
            .find(|(_, c)| c.session == Some(session))
            .map(|(n, _)| *n)
    }

    fn on_client_request<P: ZkProcess>(
        &mut self,
        ctx: &mut Ctx<P>,
        from: NodeId,
        xid: i32,
        req: ZkRequest,
    ) {
        let Some(conn) = self.conns.get_mut(&from) else {
            return;
        };
        conn.received += 1;
        self.stats.received += 1;
        let Some(session) = conn.session else {
            return;
        };
        if conn.queue.len() >= CONN_QUEUE_MAX {
            self.links.close(ctx, from);
            self.conns.remove(&from);
            return;
        }
        conn.queue.push_back(Queued {
            xid,
            req,
            in_flight: false,
        });
        if self.request_started.len() < 10_000 {
            self.request_started.insert((session, xid), ctx.now());
        }
        self.touch_local(ctx.now(), session);
        self.pump(ctx, from);
    }

    /// `CommitProcessor`: submit the session's writes in order; answer a read only when
    /// no earlier request of the session is still waiting.
    fn pump<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, client: NodeId) {
        loop {
            let Some(conn) = self.conns.get_mut(&client) else {
                return;
            };
            let Some(session) = conn.session else { return };
            let Some(i) = conn.queue.iter().position(|q| !q.in_flight) else {
                return;
            };
            let item = conn.queue[i].clone();
            let forwarded = item.req.is_write() || matches!(item.req, ZkRequest::Sync { .. });
            if forwarded {
                conn.queue[i].in_flight = true;
                let auth = conn.auth.ids();
                let req = ForwardedRequest {
                    session,
                    cxid: item.xid,
                    request: item.req,
                    auth,
                };
                self.submit_write(ctx, req);
                continue;
            }
            if i > 0 {
                return; // an earlier write is still in flight
            }
            conn.queue.pop_front();
            let resp = self.answer_read(client, session, &item.req);
            let zxid = self.store.last_processed();
            self.reply(ctx, client, session, item.xid, zxid, resp);
        }
    }

    fn answer_read(&mut self, client: NodeId, session: SessionId, req: &ZkRequest) -> ZkResponse {
        let Some(conn) = self.conns.get_mut(&client) else {
            return ZkResponse::Error(ZkError::ConnectionLoss);
        };
        if let Some(resp) =
            answer_connection_request(&mut conn.auth, &mut self.watches, session, req, "127.0.0.1")
        {
            return resp;
        }
        let caller = Caller {
            session,
            auth: conn.auth.ids(),
        };
        let resp = self.store.db.tree.read_with(req, &caller);
        self.watches.register_for(session, req, &resp);
        resp
    }

    fn reply<P: ZkProcess>(
        &mut self,
        ctx: &mut Ctx<P>,
        client: NodeId,
        session: SessionId,
        xid: i32,
        zxid: u64,
        resp: ZkResponse,
    ) {
        if let Some(t0) = self.request_started.remove(&(session, xid)) {
            let ms = ctx.now().since(t0).0 / 1000;
            self.stats.latency_min = Some(self.stats.latency_min.map_or(ms, |m| m.min(ms)));
            self.stats.latency_max = self.stats.latency_max.max(ms);
            self.stats.latency_sum += ms;
            self.stats.latency_count += 1;
        }
        self.send_client(
            ctx,
            client,
            ZkMsg::Reply {
                xid,
                zxid,
                resp: Box::new(resp),
            },
        );
    }

    /// Send a write (or sync) toward the leader: prepare and propose it here if we lead,
    /// apply it at once if standalone, forward it otherwise.
    fn submit_write<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, req: ForwardedRequest) {
        match &self.role {
            Role::Standalone => self.standalone_write(ctx, req),
            Role::Leader(_) => {
                let me = self.sid;
                let more = self.leader_request(ctx, me, req);
                self.run_zab(ctx, more);
            }
            Role::Learner(l) => {
                let leader = l.leader;
                if let Some(n) = self.node_of(leader) {
                    self.links.send(
                        ctx,
                        n,
                        ZkMsg::Quorum(Arc::new(ZabPacket::Request(Box::new(req)))),
                    );
                }
            }
            Role::Looking => {}
        }
    }

    /// Prepare `req` as txn `zxid` against the leader's speculative database (a copy of
    /// the committed one, made once per term) and apply it there.
    fn prepare(&mut self, now: SimTime, zxid: u64, req: &ForwardedRequest) -> Txn {
        let prep = self.prep.get_or_insert_with(|| self.store.db.clone());
        let txn = Self::prepare_against(prep, &self.tracker, now, zxid, req);
        prep.apply(&txn);
        txn
    }

    /// Validate `req` against `db` into txn `zxid` (an expired or closing session gets
    /// a `SessionExpired` error txn).
    fn prepare_against(
        db: &Db,
        tracker: &VecMap<SessionId, SessionInfo>,
        now: SimTime,
        zxid: u64,
        req: &ForwardedRequest,
    ) -> Txn {
        let session_ok = match req.request {
            ZkRequest::CreateSession { .. } => true,
            ZkRequest::CloseSession => true,
            _ => tracker.get(&req.session).is_some_and(|i| !i.closing),
        };
        let mut txn = if session_ok {
            let caller = Caller {
                session: req.session,
                auth: req.auth.clone(),
            };
            db.tree
                .prepare_with(&req.request, &caller, zxid, wall_ms(now) as u64)
        } else {
            Txn {
                zxid,
                session: req.session,
                cxid: req.cxid,
                time_ms: wall_ms(now),
                kind: TxnKind::Error {
                    err: ZkError::SessionExpired,
                },
            }
        };
        txn.cxid = req.cxid;
        txn.session = req.session;
        txn
    }

    /// The leader's request pipeline for a request from server `from` (ourselves for a
    /// local client or the session tracker).
    fn leader_request<P: ZkProcess>(
        &mut self,
        ctx: &mut Ctx<P>,
        from: u64,
        req: ForwardedRequest,
    ) -> Vec<ZabOut> {
        let now = ctx.now();
        if matches!(req.request, ZkRequest::Sync { .. }) {
            return self.with_leader(now, |l, io| {
                l.take_sync(io, from, &req);
            });
        }
        let mut zxid = None;
        let mut out = self.with_leader(now, |l, io| zxid = l.next_zxid(io));
        let Some(zxid) = zxid else {
            return out;
        };
        if let ZkRequest::CreateSession { timeout_ms } = req.request {
            // The leader tracks the session from the moment it is proposed.
            self.tracker.insert(
                req.session,
                SessionInfo::new(req.session, timeout_ms, now.as_millis(), self.cfg.tick_ms),
            );
        }
        let txn = self.prepare(now, zxid, &req);
        out.extend(self.with_leader(now, |l, io| l.propose(io, txn)));
        out
    }

    fn standalone_write<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, req: ForwardedRequest) {
        if matches!(req.request, ZkRequest::Sync { .. }) {
            self.finish_sync(ctx, req.session, req.cxid);
            return;
        }
        if let ZkRequest::CreateSession { timeout_ms } = req.request {
            self.tracker.insert(
                req.session,
                SessionInfo::new(
                    req.session,
                    timeout_ms,
                    ctx.now().as_millis(),
                    self.cfg.tick_ms,
                ),
            );
        }
        let zxid = self.store.last_logged() + 1;
        // Committed at once, so it is validated against the database itself: no copy.
        let txn = Self::prepare_against(&self.store.db, &self.tracker, ctx.now(), zxid, &req);
        if !self.store.log(std::sync::Arc::new(txn)) {
            self.remember_anomaly(Anomaly::StandaloneCouldNotLog { zxid });
            return;
        }
        match self.store.commit(zxid, ctx.now()) {
            Ok((t, applied)) => self.after_apply(ctx, &t, applied),
            Err(e) => self.remember_anomaly(Anomaly::Store(e)),
        }
    }

    /// `FinalRequestProcessor` for a txn applied here: fire watches, reply to the client
    /// that sent it if it is connected here, finish session creation / closing.
    fn after_apply<P: ZkProcess>(
        &mut self,
        ctx: &mut Ctx<P>,
        txn: &Txn,
        applied: crate::protocols::zookeeper::data::tree::Applied,
    ) {
        // Watch events first: they must reach clients before the write's reply.
        if !self.watches.is_empty() {
            for (s, ev) in self.watches.trigger_all(&applied.triggers) {
                if let Some(c) = self.conn_of_session(s) {
                    self.send_client(ctx, c, ZkMsg::Watch(ev));
                }
            }
        }
        match &txn.kind {
            TxnKind::CreateSession { timeout_ms } => {
                if let Some(client) = self.pending_sessions.remove(&txn.session) {
                    self.establish(ctx, client, txn.session, *timeout_ms);
                }
                return;
            }
            TxnKind::CloseSession { .. } => {
                self.tracker.remove(&txn.session);
                self.watches.remove_session(txn.session);
                if let Some(c) = self.conn_of_session(txn.session) {
                    let asked = self.conns.get(&c).and_then(|conn| {
                        conn.queue
                            .front()
                            .filter(|q| q.in_flight && q.xid == txn.cxid)
                            .map(|q| q.xid)
                    });
                    if let Some(xid) = asked {
                        self.reply(ctx, c, txn.session, xid, txn.zxid, applied.response);
                    }
                    self.conns.remove(&c);
                    self.links.close(ctx, c);
                }
                return;
            }
            _ => {}
        }
        let Some(client) = self.conn_of_session(txn.session) else {
            return;
        };
        let matches = self.conns.get(&client).is_some_and(|c| {
            c.queue
                .front()
                .is_some_and(|q| q.in_flight && q.xid == txn.cxid)
        });
        if !matches {
            return;
        }
        if let Some(conn) = self.conns.get_mut(&client) {
            conn.queue.pop_front();
        }
        self.reply(
            ctx,
            client,
            txn.session,
            txn.cxid,
            txn.zxid,
            applied.response,
        );
        self.pump(ctx, client);
    }

    fn finish_sync<P: ZkProcess>(&mut self, ctx: &mut Ctx<P>, session: SessionId, cxid: i32) {
        let Some(client) = self.conn_of_session(session) else {
            return;
        };
        let path = self.conns.get(&client).and_then(|c| {
            c.queue.front().and_then(|q| match &q.req {
                ZkRequest::Sync { path } if q.in_flight && q.xid == cxid => Some(path.clone()),
                _ => None,
            })
        });
        let Some(path) = path else { return };
        if let Some(conn) = self.conns.get_mut(&client) {
            conn.queue.pop_front();
        }
        let zxid = self.store.last_processed();
        self.reply(
            ctx,
            client,
            session,
            cxid,
            zxid,
            ZkResponse::Synced { path },
        );
        self.pump(ctx, client);
    }
}
