//! A synchronous ZooKeeper handle over a simulated world.
//!
//! zkCli (the data layer's [`crate::protocols::zookeeper::client::zkcli::Shell`]) needs a blocking client
//! ([`ZkClientApi`]). [`Driver`] gives it one by handing a request to a client node and
//! running the world — every server, every message, every timer — until that client has
//! the reply (or its own timers have failed the request with ConnectionLoss). Nothing is
//! shortcut: the reply arrives exactly when the simulated network delivers it.

use super::connection::ZkClient;
use super::library::{ClientError, ClientState, ZkClientApi};
use crate::command::{Command, CommandError, CommandOf};
use crate::id::NodeId;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::request::{ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::session::SessionId;
use crate::protocols::zookeeper::data::watch::WatchedEvent;
use crate::protocols::zookeeper::node::{ZkInput, ZkNode};
use crate::time::{SimDuration, SimTime};
use crate::timeline::Timeline;
use crate::world::World;

/// Longest a call may wait (simulated) before the driver gives up on it.
pub const CALL_LIMIT: SimDuration = SimDuration::from_secs(600);
/// Most events one driver wait may process.
pub const EVENTS_LIMIT: u64 = 50_000_000;

/// What a blocking wait runs on: a bare [`World`], the [`Timeline`] (through which a
/// request typed while rewound forks the run, like any other command), or a host with a
/// clock of its own (the lab page shows a clock that runs ahead of the world's).
pub trait SimHost {
    /// The world now.
    fn sim(&self) -> &World<ZkNode>;
    /// Apply a command (a client request).
    fn command(&mut self, c: CommandOf<ZkNode>) -> Result<(), CommandError>;
    /// Process one event; false when nothing is left.
    fn advance(&mut self) -> bool;
    /// Run until `until`, at most `max_events` events. A wait that ends at its deadline
    /// without its condition settles time with `run_to(deadline, 0)`.
    fn run_to(&mut self, until: SimTime, max_events: u64);
    /// The time now as the host shows it (the lab page's clock may run ahead of the
    /// world's, which stays at its last event).
    fn now(&self) -> SimTime {
        self.sim().now()
    }
    /// When a wait or a sleep starts: its deadline is this plus its limit.
    fn wait_start(&self) -> SimTime {
        self.now()
    }
}

impl SimHost for World<ZkNode> {
    fn sim(&self) -> &World<ZkNode> {
        self
    }
    fn command(&mut self, c: CommandOf<ZkNode>) -> Result<(), CommandError> {
        self.apply(c)
    }
    fn advance(&mut self) -> bool {
        self.step()
    }
    fn run_to(&mut self, until: SimTime, max_events: u64) {
        self.run_until(until, max_events);
    }
}

impl SimHost for Timeline<ZkNode> {
    fn sim(&self) -> &World<ZkNode> {
        self.world()
    }
    fn command(&mut self, c: CommandOf<ZkNode>) -> Result<(), CommandError> {
        self.apply(c)
    }
    fn advance(&mut self) -> bool {
        self.step()
    }
    fn run_to(&mut self, until: SimTime, max_events: u64) {
        self.run_until(until, max_events);
    }
}

/// How long blocking waits may run: scripts and the CLI may wait long and move the clock
/// to the deadline; the lab's console must never freeze the page nor move its clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Waits {
    /// Longest a call waits for its reply (simulated).
    pub call: SimDuration,
    /// Longest a connect or close waits (simulated).
    pub session: SimDuration,
    /// Most events one wait may process.
    pub events: u64,
    /// Whether a wait that ran out of events before its deadline moves the clock there.
    pub settle_clock: bool,
    /// Longest one `sleep` lasts, ms (longer ones are cut to it).
    pub sleep_max_ms: u64,
    /// When a call reads the xid its reply will carry.
    pub xid: XidRead,
}

/// When a call reads the xid of its request (the client takes the next xid as it handles
/// the request). The two differ only when the request never reaches the client's code
/// (a paused client): read before, the call waits for a reply that never comes and ends
/// in ConnectionLoss; read after, it finds the previous request's reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XidRead {
    /// The client's next xid before the request is applied.
    BeforeRequest,
    /// The xid just before the client's next one, after the request is applied (through
    /// a timeline, logged requests re-applied first take xids too).
    AfterRequest,
}

impl Waits {
    /// Scenario scripts, the CLI and benchmarks.
    pub const SCRIPT: Waits = Waits {
        call: CALL_LIMIT,
        session: SimDuration::from_secs(60),
        events: EVENTS_LIMIT,
        settle_clock: true,
        sleep_max_ms: u64::MAX,
        xid: XidRead::AfterRequest,
    };
}

/// Run `world` until `done` holds or `limit` of simulated time has passed; true if done.
/// When nothing is left to do before the deadline, the clock moves to it.
pub fn run_until_cond(
    world: &mut World<ZkNode>,
    limit: SimDuration,
    done: impl FnMut(&World<ZkNode>) -> bool,
) -> bool {
    run_host_until(world, limit, EVENTS_LIMIT, true, done)
}

/// Run `host` one event at a time until `done` holds, `limit` of simulated time has
/// passed (from [`SimHost::wait_start`]) or `events` are spent; true if done. With
/// `settle_clock`, a wait that finds nothing more to do before its deadline moves the
/// clock to the deadline.
pub fn run_host_until<H: SimHost>(
    host: &mut H,
    limit: SimDuration,
    events: u64,
    settle_clock: bool,
    mut done: impl FnMut(&World<ZkNode>) -> bool,
) -> bool {
    let deadline = SimTime(host.wait_start().0.saturating_add(limit.0));
    let mut budget = events;
    loop {
        if done(host.sim()) {
            return true;
        }
        match host.sim().next_event_time() {
            Some(t) if t <= deadline && budget > 0 => {
                host.advance();
                budget -= 1;
            }
            _ => {
                if settle_clock {
                    host.run_to(deadline, 0);
                }
                return done(host.sim());
            }
        }
    }
}

/// The xid handed out just before `next` (xids wrap from `i32::MAX` to 1).
pub fn prev_xid(next: i32) -> i32 {
    if next <= 1 {
        i32::MAX
    } else {
        next - 1
    }
}

/// A blocking client handle: client node `client` of `host`.
pub struct Driver<'a, H: SimHost = World<ZkNode>> {
    /// The run.
    pub host: &'a mut H,
    /// The client node.
    pub client: NodeId,
    /// Events already handed out.
    pub seen_events: &'a mut u64,
    /// How long its waits may run.
    pub waits: Waits,
}

impl<H: SimHost> Driver<'_, H> {
    fn node(&self) -> Option<&ZkClient> {
        self.host.sim().node(self.client).and_then(ZkNode::client)
    }

    fn input(&mut self, i: ZkInput) -> bool {
        self.host.command(Command::Request(self.client, i)).is_ok()
    }

    fn wait(&mut self, limit: SimDuration, done: impl Fn(&ZkClient) -> bool) {
        let client = self.client;
        let Waits {
            events,
            settle_clock,
            ..
        } = self.waits;
        run_host_until(self.host, limit, events, settle_clock, |w| {
            w.node(client).and_then(ZkNode::client).is_none_or(&done)
        });
    }
}

impl<H: SimHost> ZkClientApi for Driver<'_, H> {
    fn call(&mut self, req: ZkRequest) -> Result<ZkResponse, ClientError> {
        let before = self.node().map(ZkClient::next_xid);
        if before.is_none() || !self.input(ZkInput::Submit(req)) {
            return Err(ClientError::Keeper(ZkError::ConnectionLoss));
        }
        let xid = match self.waits.xid {
            XidRead::BeforeRequest => before,
            // Our request took the xid just before the client's next one.
            XidRead::AfterRequest => self.node().map(|c| prev_xid(c.next_xid())),
        };
        let Some(xid) = xid else {
            return Err(ClientError::Keeper(ZkError::ConnectionLoss));
        };
        self.wait(self.waits.call, |c| c.results.contains_key(&xid));
        self.node()
            .and_then(|c| c.results.get(&xid).cloned())
            .unwrap_or(Err(ClientError::Keeper(ZkError::ConnectionLoss)))
    }

    fn take_watch_events(&mut self) -> Vec<WatchedEvent> {
        let seen = *self.seen_events;
        let Some(c) = self.node() else {
            return Vec::new();
        };
        let evs = c.events_since(seen);
        let total = c.events_total;
        *self.seen_events = total;
        evs
    }

    fn session_id(&self) -> Option<SessionId> {
        self.node()
            .filter(|c| c.session != 0 && c.state.is_alive())
            .map(|c| c.session)
    }

    fn state(&self) -> ClientState {
        self.node().map_or(ClientState::Closed, |c| c.state)
    }

    fn connect(&mut self, _host: &str) {
        if self.state().is_alive() {
            self.close();
        }
        self.input(ZkInput::Open);
        self.wait(self.waits.session, |c| c.state != ClientState::Connecting);
    }

    fn close(&mut self) {
        if !self.state().is_alive() {
            return;
        }
        self.input(ZkInput::Close);
        self.wait(self.waits.session, |c| !c.state.is_alive());
    }

    fn sleep(&mut self, ms: u64) {
        let us = ms.min(self.waits.sleep_max_ms).saturating_mul(1000);
        let until = SimTime(self.host.wait_start().0.saturating_add(us));
        self.host.run_to(until, self.waits.events);
    }
}

/// A blocking client on a simulated ensemble of its own: `n` servers started together,
/// a leader elected, then one client whose connect string lists every server (server 1
/// first). What `zooscope zkcli --servers N` and the lab's shell talk to.
pub struct EnsembleClient {
    /// The world.
    pub world: World<ZkNode>,
    /// The client node.
    pub client: NodeId,
    seen: u64,
}

impl EnsembleClient {
    /// Start an ensemble of `n` servers (2..=15) with `seed`, wait for a leader (at most a
    /// minute of simulated time), and add the client (not yet connected: zkCli's
    /// `connect` opens the session).
    pub fn new(n: u64, seed: u64) -> Result<Self, String> {
        if !(2..=15).contains(&n) {
            return Err(format!("an ensemble needs 2 to 15 servers, not {n}"));
        }
        let mut cfg = crate::protocols::zookeeper::replication::config::ZkConfig::ensemble(n, &[]);
        cfg.start_running = true;
        let mut world =
            crate::protocols::zookeeper::node::world(cfg, crate::net::NetConfig::default(), seed);
        let elected = run_until_cond(&mut world, SimDuration::from_secs(60), |w| {
            (0..n as u32).any(|i| {
                w.node(NodeId(i))
                    .and_then(ZkNode::server)
                    .and_then(|s| s.mode())
                    == Some("leader")
            })
        });
        if !elected {
            return Err("no leader was elected within a minute".into());
        }
        let servers: Vec<u64> = (1..=n).collect();
        let client =
            crate::protocols::zookeeper::node::add_client(&mut world, "zkCli", &servers, 30_000)
                .map_err(|e| e.to_string())?;
        Ok(EnsembleClient {
            world,
            client,
            seen: 0,
        })
    }

    fn driver(&mut self) -> Driver<'_> {
        Driver {
            host: &mut self.world,
            client: self.client,
            seen_events: &mut self.seen,
            waits: Waits::SCRIPT,
        }
    }
}

impl ZkClientApi for EnsembleClient {
    fn call(&mut self, req: ZkRequest) -> Result<ZkResponse, ClientError> {
        self.driver().call(req)
    }
    fn take_watch_events(&mut self) -> Vec<WatchedEvent> {
        self.driver().take_watch_events()
    }
    fn session_id(&self) -> Option<SessionId> {
        self.world
            .node(self.client)
            .and_then(ZkNode::client)
            .filter(|c| c.session != 0 && c.state.is_alive())
            .map(|c| c.session)
    }
    fn state(&self) -> ClientState {
        self.world
            .node(self.client)
            .and_then(ZkNode::client)
            .map_or(ClientState::Closed, |c| c.state)
    }
    fn connect(&mut self, host: &str) {
        self.driver().connect(host)
    }
    fn close(&mut self) {
        self.driver().close()
    }
    fn sleep(&mut self, ms: u64) {
        self.driver().sleep(ms)
    }
}

/// How a line that sets things off in the background runs the world: until its own
/// result is in (a call blocked on a watch counts as "in" once it has been blocked for
/// `blocked_after`), then on until nothing it set off is in flight and nothing has been
/// printed for `quiet`, at most `limit` in all. The Curator recordings' harness settles
/// this way (tests/curator/README.md), so the events and grants a line causes are
/// printed in its own output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettleRule {
    /// When a blocked call's line reports it as waiting.
    pub blocked_after: SimDuration,
    /// How long nothing may be printed before the line is over.
    pub quiet: SimDuration,
    /// Longest a line runs.
    pub limit: SimDuration,
}

impl SettleRule {
    /// The rule of `curator`, `cache`, `lock` and the other Curator lines.
    pub const CURATOR: SettleRule = SettleRule {
        blocked_after: SimDuration::from_secs(2),
        quiet: SimDuration::from_millis(1200),
        limit: SimDuration::from_secs(30),
    };
}

/// What [`settle`] drives between events: the line's clients.
pub trait Settler {
    /// Carry requests, replies and events between the world and the clients (called
    /// after every event).
    fn pump(&mut self, world: &mut dyn SimHost);
    /// Is the line's own result in, `ran` after the line started?
    fn result_in(&mut self, world: &World<ZkNode>, ran: SimDuration) -> bool;
    /// Is something the line set off still in flight (pings and idle timers aside)?
    fn busy(&self, world: &World<ZkNode>) -> bool;
    /// Has anything been printed since the last call?
    fn printed(&mut self) -> bool;
    /// The earliest time the clients want to be woken.
    fn deadline(&self) -> Option<SimTime>;
    /// Time has reached `now` (a client deadline is due).
    fn on_time(&mut self, world: &mut dyn SimHost, now: SimTime);
}

/// Run `world` by `rule` (see [`SettleRule`]); true if the line's result came in.
pub fn settle(world: &mut dyn SimHost, s: &mut impl Settler, rule: SettleRule) -> bool {
    let start = world.now();
    let end = start.after(rule.limit);
    let mut result_at: Option<SimTime> = None;
    let mut last_print = start;
    for _ in 0..EVENTS_LIMIT {
        s.pump(world);
        let now = world.now();
        if s.printed() {
            last_print = now;
        }
        if result_at.is_none() && s.result_in(world.sim(), now.since(start)) {
            result_at = Some(now);
            last_print = last_print.max(now);
        }
        if result_at.is_some() && !s.busy(world.sim()) && now >= last_print.after(rule.quiet) {
            return true;
        }
        if now >= end {
            return result_at.is_some();
        }
        let mut target = end;
        target = target.min(match result_at {
            None => start.after(rule.blocked_after).max(now),
            // Quiet long enough but still busy: on to the next event.
            Some(_) if last_print.after(rule.quiet) <= now => end,
            Some(_) => last_print.after(rule.quiet),
        });
        if let Some(d) = s.deadline() {
            target = target.min(d.max(now));
        }
        match world.sim().next_event_time() {
            Some(t) if t <= target => {
                world.advance();
            }
            _ => {
                world.run_to(target, 0);
            }
        }
        let now = world.now();
        if s.deadline().is_some_and(|d| d <= now) {
            s.on_time(world, now);
        }
    }
    result_at.is_some()
}
