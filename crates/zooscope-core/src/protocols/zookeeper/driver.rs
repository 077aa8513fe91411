//! A synchronous ZooKeeper handle over a simulated world.
//!
//! zkCli (the data layer's [`super::zkcli::Shell`]) needs a blocking client
//! ([`ZkClientApi`]). [`Driver`] gives it one by handing a request to a client node and
//! running the world — every server, every message, every timer — until that client has
//! the reply (or its own timers have failed the request with ConnectionLoss). Nothing is
//! shortcut: the reply arrives exactly when the simulated network delivers it.

use super::client::{ClientError, ClientState, ZkClientApi};
use super::client_node::ZkClient;
use super::error::ZkError;
use super::node::{ZkInput, ZkNode};
use super::request::{ZkRequest, ZkResponse};
use super::session::SessionId;
use super::watch::WatchedEvent;
use crate::command::Command;
use crate::id::NodeId;
use crate::time::{SimDuration, SimTime};
use crate::world::World;

/// Longest a call may wait (simulated) before the driver gives up on it.
pub const CALL_LIMIT: SimDuration = SimDuration::from_secs(600);
/// Most events one driver wait may process.
pub const EVENTS_LIMIT: u64 = 50_000_000;

/// Run `world` until `done` holds or `limit` of simulated time has passed; true if done.
pub fn run_until_cond(
    world: &mut World<ZkNode>,
    limit: SimDuration,
    mut done: impl FnMut(&World<ZkNode>) -> bool,
) -> bool {
    let deadline = SimTime(world.now().0.saturating_add(limit.0));
    let mut budget = EVENTS_LIMIT;
    loop {
        if done(world) {
            return true;
        }
        match world.next_event_time() {
            Some(t) if t <= deadline && budget > 0 => {
                world.step();
                budget -= 1;
            }
            _ => {
                world.run_until(deadline, 0);
                return done(world);
            }
        }
    }
}

/// A blocking client handle: client node `client` of `world`.
pub struct Driver<'a> {
    /// The world.
    pub world: &'a mut World<ZkNode>,
    /// The client node.
    pub client: NodeId,
    /// Events already handed out.
    pub seen_events: &'a mut u64,
}

impl Driver<'_> {
    fn node(&self) -> Option<&ZkClient> {
        self.world.node(self.client).and_then(ZkNode::client)
    }

    fn input(&mut self, i: ZkInput) -> bool {
        self.world.apply(Command::Request(self.client, i)).is_ok()
    }
}

impl ZkClientApi for Driver<'_> {
    fn call(&mut self, req: ZkRequest) -> Result<ZkResponse, ClientError> {
        let Some(xid) = self.node().map(ZkClient::next_xid) else {
            return Err(ClientError::Keeper(ZkError::ConnectionLoss));
        };
        if !self.input(ZkInput::Submit(req)) {
            return Err(ClientError::Keeper(ZkError::ConnectionLoss));
        }
        let client = self.client;
        let has = |w: &World<ZkNode>| {
            w.node(client)
                .and_then(ZkNode::client)
                .is_none_or(|c| c.results.contains_key(&xid))
        };
        run_until_cond(self.world, CALL_LIMIT, has);
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
        let client = self.client;
        run_until_cond(self.world, SimDuration::from_secs(60), |w| {
            w.node(client)
                .and_then(ZkNode::client)
                .is_none_or(|c| c.state != ClientState::Connecting)
        });
    }

    fn close(&mut self) {
        if !self.state().is_alive() {
            return;
        }
        self.input(ZkInput::Close);
        let client = self.client;
        run_until_cond(self.world, SimDuration::from_secs(60), |w| {
            w.node(client)
                .and_then(ZkNode::client)
                .is_none_or(|c| !c.state.is_alive())
        });
    }

    fn sleep(&mut self, ms: u64) {
        let until = SimTime(self.world.now().0 + ms * 1000);
        self.world.run_until(until, EVENTS_LIMIT);
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
        let mut cfg = super::config::ZkConfig::ensemble(n, &[]);
        cfg.start_running = true;
        let mut world = super::node::world(cfg, crate::net::NetConfig::default(), seed);
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
        let client = super::node::add_client(&mut world, "zkCli", &servers, 30_000)
            .map_err(|e| e.to_string())?;
        Ok(EnsembleClient {
            world,
            client,
            seen: 0,
        })
    }

    fn driver(&mut self) -> Driver<'_> {
        Driver {
            world: &mut self.world,
            client: self.client,
            seen_events: &mut self.seen,
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
