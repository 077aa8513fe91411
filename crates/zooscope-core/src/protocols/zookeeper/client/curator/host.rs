//! Every Curator client of one world, and the glue between them and the client nodes.
//!
//! [`CuratorHost::pump`] is called after every event of the world: it submits the
//! requests the frameworks ask for to their client nodes (a request takes the client's
//! next xid), hands back the replies that have arrived and the events that reached each
//! client's default watcher, and routes what the frameworks report: a statement's
//! outcome is kept for the statement waiting on it, the course's `BackgroundCallback`
//! and `(CuratorWatcher) e -> System.out.println(e)` watchers print, the connection
//! state listener prints `NAME: STATE`, and recipe calls, watch events and state changes
//! go to the recipes, whose grants print `NAME: acquired PATH`. The caches
//! ([`super::cache::set::CacheSet`]) live here too: their calls run on their client's
//! framework, their replies, notifications and connection states come back through
//! the same pump, and their listeners' lines are printed like any other output.
//!
//! Output lines carry where they came from ([`Line`]) so a scenario line can tell its
//! own result from what other clients print meanwhile.

use super::cache::set::CacheSet;
use super::cache::Cache;
use super::exception::{stat_string, CuratorError};
use super::framework::{
    Call, CallId, ConnectionState, Effect, Framework, Notice, Outcome, Owner, RecipeId,
};
use super::recipes::{Action, Input, Lock, RecipeOp, Said};
use super::retry::RetryPolicy;
use crate::command::Command;
use crate::id::NodeId;
use crate::protocols::zookeeper::client::driver::SimHost;
use crate::protocols::zookeeper::client::library::{ClientError, ClientState};
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::watch::{KeeperState, WatchedEvent};
use crate::protocols::zookeeper::msg::ZkMsg;
use crate::protocols::zookeeper::node::{ZkInput, ZkNode};
use crate::time::SimTime;
use crate::vecmap::VecMap;
use crate::world::World;

/// Most recipe objects one client holds.
pub const RECIPES_MAX: usize = 256;
/// Most lock log records kept.
pub const LOG_MAX: usize = 100_000;
/// Most output lines kept before they are taken.
pub const OUTPUT_MAX: usize = 100_000;

/// Where an output line came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// A listener, callback or watcher.
    Other,
    /// A recipe's report.
    Recipe(String, RecipeId),
    /// A recipe's call returned with nothing to print (no line is printed).
    Silent(String, RecipeId),
}

/// What a learner sees for a recipe's report (None: nothing).
fn said_text(client: &str, path: &str, kind: &str, said: &Said) -> Option<String> {
    let verb = |s: &str| Some(format!("{client}: {s} {path}"));
    match (kind.split(' ').next().unwrap_or(""), said) {
        ("selector", Said::Acquired(_)) => verb("leading"),
        ("selector", Said::Released) => verb("resigned"),
        ("barrier", Said::Acquired(_)) => verb("passed"),
        ("double-barrier", Said::Acquired(_)) => verb("entered"),
        ("double-barrier", Said::Released) => verb("left"),
        (_, Said::Acquired(_)) => verb("acquired"),
        (_, Said::GaveUp) => verb("gave up on"),
        (_, Said::Released) => verb("released"),
        (_, Said::Failed(e)) => Some(e.java_string()),
        (_, Said::Leader) => verb("leader of"),
        (_, Said::NotLeader) => verb("not leader of"),
        (_, Said::Closed) => verb("closed latch"),
        (_, Said::Result(r)) => r.clone(),
        (_, Said::Consumed(item)) => Some(format!("{client}: consumed {item}")),
        (_, Said::Count(n)) => Some(format!("{client}: count of {path} is {n}")),
        (_, Said::Woken(_) | Said::Releasing) => None,
    }
}

/// One printed line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Line {
    /// The text.
    pub text: String,
    /// Its source.
    pub source: Source,
}

/// A recipe event, for checkers and the lock lab.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LockRecord {
    /// When.
    pub at: SimTime,
    /// The client.
    pub client: String,
    /// Its session then.
    pub session: u64,
    /// The lock path.
    pub path: String,
    /// What happened.
    pub said: Said,
}

/// A recipe object and what it locks.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecipeSlot {
    /// The lock path as the user wrote it.
    pub path: String,
    /// The kind word (`mutex`, `naive`).
    pub kind: String,
    /// The state machine.
    pub lock: Lock,
}

/// One Curator client.
#[derive(Clone, Debug)]
pub struct CuratorClient {
    /// Its client node.
    pub node: NodeId,
    /// The framework.
    pub fw: Framework,
    xids: VecMap<i32, CallId>,
    seen_events: u64,
    /// Outcomes of statement calls not yet taken.
    statement_done: VecMap<CallId, Result<Outcome, CuratorError>>,
    /// Recipe objects by id.
    pub recipes: VecMap<RecipeId, RecipeSlot>,
    /// The client's session as last seen.
    pub session: u64,
    dead: bool,
}

/// Every Curator client of a world.
#[derive(Clone, Debug, Default)]
pub struct CuratorHost {
    /// Clients by name.
    pub clients: VecMap<String, CuratorClient>,
    output: Vec<Line>,
    /// Recipe events, oldest first (bounded by [`LOG_MAX`]).
    pub log: Vec<LockRecord>,
    next_recipe: RecipeId,
    /// The running caches.
    pub caches: CacheSet,
    /// A defect every mutex made from now on has (tests of the lock checker).
    pub lock_fault: Option<super::recipes::mutex::LockFault>,
}

fn prev_xid(next: i32) -> i32 {
    if next <= 1 {
        i32::MAX
    } else {
        next - 1
    }
}

/// The course's callback: `我被删除了~` and the CuratorEvent.
fn curator_event(call: &Call, result: &Result<Outcome, CuratorError>) -> String {
    let kind = match call {
        Call::Create { .. } => "CREATE",
        Call::Delete { .. } => "DELETE",
        Call::SetData { .. } => "SET_DATA",
        Call::GetData { .. } => "GET_DATA",
        Call::GetChildren { .. } => "CHILDREN",
        Call::Exists { .. } => "EXISTS",
        Call::Transaction(_) => "TRANSACTION",
        Call::GetConfig { .. } => "GET_CONFIG",
        Call::Plain(_) => "PLAIN",
    };
    let mut code = 0;
    let mut name = "null".to_string();
    let mut children = "null".to_string();
    let mut stat = "null".to_string();
    let mut data = "null".to_string();
    match result {
        Err(e) => code = e.code().map_or(-1, ZkError::code),
        Ok(Outcome::Created { path, stat: s }) => {
            name = path.clone();
            stat = stat_string(s);
        }
        Ok(Outcome::Stat(Some(s))) => stat = stat_string(s),
        Ok(Outcome::Data { data: d, stat: s }) => {
            stat = stat_string(s);
            data = format!(
                "[{}]",
                d.iter()
                    .map(|b| (*b as i8).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        Ok(Outcome::Children {
            children: c,
            stat: s,
        }) => {
            children = format!("[{}]", c.join(", "));
            stat = stat_string(s);
        }
        _ => {}
    }
    if name != "null" {
        name = format!("'{name}'");
    } else {
        name = "'null'".into();
    }
    format!(
        "CuratorEventImpl{{type={kind}, resultCode={code}, path='{}', name={name}, children={children}, context=null, stat={stat}, data={data}, watchedEvent=null, aclList=null, opResults=null}}",
        call.path()
    )
}

impl CuratorClient {
    /// Was its process killed ([`CuratorHost::kill`])?
    pub fn is_dead(&self) -> bool {
        self.dead
    }
}

impl CuratorHost {
    /// Add a client on `node` (its connection is opened by the caller).
    pub fn add(&mut self, name: &str, node: NodeId, namespace: Option<String>, seed: u64) {
        let fw = Framework::new(name, namespace, RetryPolicy::COURSE, seed);
        self.clients.insert(
            name.to_string(),
            CuratorClient {
                node,
                fw,
                xids: VecMap::new(),
                seen_events: 0,
                statement_done: VecMap::new(),
                recipes: VecMap::new(),
                session: 0,
                dead: false,
            },
        );
    }

    /// Make the running client node `node` a Curator client (the lab's console and a
    /// lesson's `c1` start Curator on a client they already have): its framework starts
    /// from the client's state now, so the events before are not replayed, and a
    /// connected client's framework is told CONNECTED at once.
    pub fn adopt(&mut self, world: &World<ZkNode>, name: &str, node: NodeId, seed: u64) {
        self.add(name, node, None, seed);
        let Some(z) = world.node(node).and_then(ZkNode::client) else {
            return;
        };
        if let Some(c) = self.clients.get_mut(name) {
            c.seen_events = z.events_total;
            c.session = z.session;
            if z.state == ClientState::Connected {
                c.fw.on_event(
                    world.now(),
                    &WatchedEvent::state(KeeperState::SyncConnected),
                );
            }
        }
    }

    /// Start `cache` on `client` (its path as the client sees it, inside its namespace).
    pub fn start_cache(
        &mut self,
        world: &mut dyn SimHost,
        client: &str,
        cache: Cache,
    ) -> Result<(), String> {
        let c = self
            .clients
            .get(client)
            .ok_or_else(|| format!("{client} is not a Curator client"))?;
        self.caches.start(client, c.fw.connected, cache)?;
        self.pump(world);
        Ok(())
    }

    /// Start the calls the caches want on their clients' frameworks, and print what
    /// their listeners printed. True if anything happened.
    fn flush_caches(&mut self) -> bool {
        let mut moved = false;
        for r in self.caches.take_requests() {
            moved = true;
            let Some(c) = self.clients.get_mut(&r.client) else {
                continue;
            };
            if c.dead {
                continue;
            }
            let ns = c.fw.namespace.clone();
            let id = c.fw.start(
                Call::Plain(r.call.req.clone()),
                Owner::Cache(r.cache as u32),
                ns,
            );
            self.caches.sent(r, id);
        }
        for o in self.caches.take_output() {
            moved = true;
            for l in o.lines() {
                self.say(l, Source::Other);
            }
        }
        moved
    }

    /// The client's process was killed: it does nothing more.
    pub fn kill(&mut self, name: &str) {
        if let Some(c) = self.clients.get_mut(name) {
            c.dead = true;
        }
    }

    fn say(&mut self, text: String, source: Source) {
        if self.output.len() < OUTPUT_MAX {
            self.output.push(Line { text, source });
        }
    }

    /// Lines printed since the last call.
    pub fn take_output(&mut self) -> Vec<Line> {
        std::mem::take(&mut self.output)
    }

    /// Start a statement's call on `client` (namespace `ns`).
    pub fn start_statement(
        &mut self,
        client: &str,
        call: Call,
        owner: Owner,
        ns: Option<String>,
    ) -> Option<CallId> {
        let c = self.clients.get_mut(client)?;
        Some(c.fw.start(call, owner, ns))
    }

    /// The outcome of a statement call, once in.
    pub fn take_statement(
        &mut self,
        client: &str,
        call: CallId,
    ) -> Option<Result<Outcome, CuratorError>> {
        self.clients.get_mut(client)?.statement_done.remove(&call)
    }

    /// Does any client still run calls, or has any message of a Curator client (other
    /// than pings, and than those a partition holds) still in flight? Calls of a client
    /// that is not connected wait for the connection and do not count.
    pub fn busy(&self, world: &World<ZkNode>) -> bool {
        let nodes: Vec<NodeId> = self
            .clients
            .values()
            .filter(|c| !c.dead)
            .map(|c| c.node)
            .collect();
        // A call of a disconnected client waits for the connection, not for the line.
        self.clients
            .values()
            .any(|c| !c.dead && c.fw.connected && c.fw.busy())
            || world.in_flight().any(|e| {
                !e.held
                    && (nodes.contains(&e.from) || nodes.contains(&e.to))
                    && !matches!(e.msg, ZkMsg::Ping | ZkMsg::PingReply { .. })
            })
    }

    /// The earliest time a framework or recipe wants to be woken.
    pub fn deadline(&self) -> Option<SimTime> {
        self.clients
            .values()
            .filter(|c| !c.dead)
            .flat_map(|c| {
                c.fw.deadline()
                    .into_iter()
                    .chain(c.recipes.values().filter_map(|r| r.lock.deadline()))
            })
            .min()
    }

    /// Time has moved to `now`.
    pub fn on_time(&mut self, world: &mut dyn SimHost, now: SimTime) {
        let names: Vec<String> = self.clients.keys().cloned().collect();
        for n in names {
            let Some(c) = self.clients.get_mut(&n) else {
                continue;
            };
            if c.dead {
                continue;
            }
            c.fw.on_time(now);
            let due: Vec<RecipeId> = c
                .recipes
                .iter()
                .filter(|(_, r)| r.lock.deadline().is_some_and(|d| d <= now))
                .map(|(id, _)| *id)
                .collect();
            for id in due {
                self.feed(&n, id, now, Input::Time(now));
            }
        }
        self.pump(world);
    }

    /// Create (or find) `client`'s recipe of `kind` on `path`.
    pub fn recipe(&mut self, client: &str, kind: &str, path: &str) -> Result<RecipeId, String> {
        let fault = self.lock_fault;
        let c = self
            .clients
            .get_mut(client)
            .ok_or_else(|| format!("{client} is not a Curator client"))?;
        if let Some((id, _)) = c
            .recipes
            .iter()
            .find(|(_, r)| r.path == path && r.kind == kind)
        {
            return Ok(*id);
        }
        if c.recipes.len() >= RECIPES_MAX {
            return Err(format!("at most {RECIPES_MAX} recipes per client"));
        }
        use super::recipes::barrier::{Barrier, DoubleBarrier};
        use super::recipes::count::SharedCount;
        use super::recipes::leader::{LeaderLatch, LeaderSelector};
        use super::recipes::queue::Queue;
        use super::recipes::{
            multi::MultiLock, mutex::Mutex, naive::NaiveLock, semaphore::Semaphore,
        };
        let retry = c.fw.retry;
        let lock = match kind {
            "mutex" => {
                let mut m = Mutex::new(path, retry);
                m.fault = fault;
                Lock::Mutex(m)
            }
            "naive" => Lock::Naive(NaiveLock::new(path)),
            "read" => Lock::Mutex(Mutex::read_write(path, true, retry)),
            "write" => Lock::Mutex(Mutex::read_write(path, false, retry)),
            "semaphore-mutex" => Lock::Semaphore(Semaphore::new(path, 1, retry)),
            "latch" => Lock::Latch(LeaderLatch::new(path, client)),
            "barrier" => Lock::Barrier(Barrier::new(path)),
            "queue" => Lock::Queue(Queue::new(path, false)),
            "queue-consumer" => Lock::Queue(Queue::new(path, true)),
            "selector" => Lock::Selector(LeaderSelector::new(path, client, retry)),
            "multi" => {
                let paths: Vec<&str> = path.split(',').filter(|p| !p.is_empty()).collect();
                Lock::Multi(MultiLock::new(&paths, retry))
            }
            other if other.starts_with("double-barrier ") => {
                let n = other[15..].parse::<usize>().unwrap_or(1).max(1);
                Lock::DoubleBarrier(DoubleBarrier::new(path, n, c.fw.rng()))
            }
            other if other.starts_with("count ") => {
                Lock::Count(SharedCount::new(path, other[6..].parse::<i32>().unwrap_or(0)))
            }
            other => match other.strip_prefix("semaphore ").and_then(|n| n.parse::<usize>().ok()) {
                Some(n) if (1..=1000).contains(&n) => Lock::Semaphore(Semaphore::new(path, n, retry)),
                _ => {
                    return Err(format!(
                        "the lock kind '{other}' is not simulated (mutex, read, write, semaphore-mutex, semaphore N, multi, naive)"
                    ))
                }
            },
        };
        let id = self.next_recipe;
        self.next_recipe += 1;
        c.recipes.insert(
            id,
            RecipeSlot {
                path: path.to_string(),
                kind: kind.to_string(),
                lock,
            },
        );
        Ok(id)
    }

    /// The recipe of `kind` on `path` the client already has, if any: `count` finds
    /// any `count SEED`, `queue` finds a consumer too.
    pub fn find_recipe(&self, client: &str, kind: &str, path: &str) -> Option<RecipeId> {
        let c = self.clients.get(client)?;
        c.recipes
            .iter()
            .find(|(_, r)| {
                r.path == path
                    && (r.kind == kind
                        || r.kind.split(' ').next() == Some(kind)
                        || (kind == "queue" && r.kind == "queue-consumer"))
            })
            .map(|(id, _)| *id)
    }

    /// The recipe.
    pub fn lock(&self, client: &str, id: RecipeId) -> Option<&Lock> {
        self.clients.get(client)?.recipes.get(&id).map(|r| &r.lock)
    }

    /// `acquire` / `release` of a recipe.
    pub fn recipe_op(&mut self, world: &mut dyn SimHost, client: &str, id: RecipeId, op: RecipeOp) {
        let now = world.now();
        let Some(slot) = self
            .clients
            .get_mut(client)
            .and_then(|c| c.recipes.get_mut(&id))
        else {
            return;
        };
        let actions = slot.lock.op(now, op);
        self.act(client, id, now, actions);
        self.pump(world);
    }

    /// `acquire` (Some(timeout)) or `release` (None) of a recipe (a read lock is told
    /// first whether its client holds the write lock of the same path).
    pub fn lock_op(
        &mut self,
        world: &mut dyn SimHost,
        client: &str,
        id: RecipeId,
        acquire: Option<Option<crate::time::SimDuration>>,
    ) {
        let holds_write = self.clients.get(client).is_some_and(|c| {
            let Some(me) = c.recipes.get(&id) else {
                return false;
            };
            me.kind == "read"
                && c.recipes
                    .values()
                    .any(|r| r.kind == "write" && r.path == me.path && r.lock.holding().is_some())
        });
        if let Some(slot) = self
            .clients
            .get_mut(client)
            .and_then(|c| c.recipes.get_mut(&id))
        {
            slot.lock.set_holds_write(holds_write);
        }
        let op = match acquire {
            Some(t) => RecipeOp::Acquire(t),
            None => RecipeOp::Release,
        };
        self.recipe_op(world, client, id, op);
    }

    fn feed(&mut self, client: &str, id: RecipeId, now: SimTime, input: Input<'_>) {
        let Some(slot) = self
            .clients
            .get_mut(client)
            .and_then(|c| c.recipes.get_mut(&id))
        else {
            return;
        };
        let actions = slot.lock.on(now, input);
        self.act(client, id, now, actions);
    }

    fn act(&mut self, client: &str, id: RecipeId, now: SimTime, actions: Vec<Action>) {
        for a in actions {
            let Some(c) = self.clients.get_mut(client) else {
                return;
            };
            match a {
                Action::Call(mut call) => {
                    match &mut call {
                        Call::GetData {
                            watch: w @ Some(_), ..
                        }
                        | Call::GetChildren {
                            watch: w @ Some(_), ..
                        }
                        | Call::Exists {
                            watch: w @ Some(_), ..
                        } => *w = Some(Owner::Recipe(id)),
                        _ => {}
                    }
                    let ns = c.fw.namespace.clone();
                    let cid = c.fw.start(call, Owner::Recipe(id), ns);
                    if let Some(slot) = c.recipes.get_mut(&id) {
                        slot.lock.started(cid);
                    }
                }
                Action::RemoveWatchers => c.fw.remove_watchers(Owner::Recipe(id)),
                Action::Say(said) => {
                    let path = c
                        .recipes
                        .get(&id)
                        .map(|r| r.path.clone())
                        .unwrap_or_default();
                    let session = c.session;
                    if self.log.len() < LOG_MAX {
                        self.log.push(LockRecord {
                            at: now,
                            client: client.to_string(),
                            session,
                            path: path.clone(),
                            said: said.clone(),
                        });
                    }
                    let kind = c
                        .recipes
                        .get(&id)
                        .map(|r| r.kind.clone())
                        .unwrap_or_default();
                    let text = said_text(client, &path, &kind, &said);
                    match text {
                        Some(t) => self.say(t, Source::Recipe(client.to_string(), id)),
                        None if matches!(said, Said::Result(None)) => {
                            self.say(String::new(), Source::Silent(client.to_string(), id))
                        }
                        None => {}
                    }
                }
            }
        }
    }

    fn route(&mut self, now: SimTime, name: &str, notice: Notice) {
        match notice {
            Notice::Done {
                call,
                owner,
                what,
                result,
            } => match owner {
                Owner::Statement => {
                    if let Some(c) = self.clients.get_mut(name) {
                        c.statement_done.insert(call, result);
                    }
                }
                Owner::Callback => {
                    self.say("我被删除了~".into(), Source::Other);
                    let ev = curator_event(&what, &result);
                    for l in ev.split('\n') {
                        self.say(l.to_string(), Source::Other);
                    }
                }
                Owner::Recipe(id) => self.feed(name, id, now, Input::Done(call, &result)),
                Owner::Cache(_) => {
                    let reply = match result {
                        Ok(Outcome::Reply(r)) => r,
                        Ok(_) => Err(ClientError::Keeper(ZkError::SystemError)),
                        Err(e) => Err(ClientError::Keeper(
                            e.code().unwrap_or(ZkError::SystemError),
                        )),
                    };
                    self.caches.on_done(name, call, &reply);
                }
                _ => {}
            },
            Notice::Fired { owner, event } => match owner {
                Owner::Lambda => self.say(event.to_string(), Source::Other),
                Owner::Ensemble => {
                    if let Some(c) = self.clients.get_mut(name) {
                        c.fw.start(
                            Call::GetConfig {
                                watch: Some(Owner::Ensemble),
                            },
                            Owner::Ensemble,
                            None,
                        );
                    }
                }
                Owner::Recipe(id) => self.feed(name, id, now, Input::Fired(&event)),
                _ => {}
            },
            Notice::State(s) => {
                self.say(format!("{name}: {}", s.name()), Source::Other);
                self.caches.on_state(name, s);
                let ids: Vec<RecipeId> = self
                    .clients
                    .get(name)
                    .map(|c| c.recipes.keys().copied().collect())
                    .unwrap_or_default();
                for id in ids {
                    self.feed(name, id, now, Input::State(s));
                }
                if s == ConnectionState::Lost {
                    // Curator's watchers are gone with the session.
                }
            }
        }
    }

    /// Carry requests to the client nodes and results back, until nothing moves.
    pub fn pump(&mut self, world: &mut dyn SimHost) {
        for _ in 0..10_000 {
            let mut moved = false;
            let names: Vec<String> = self.clients.keys().cloned().collect();
            for name in names {
                moved |= self.pump_one(world, &name);
            }
            if !moved {
                return;
            }
        }
    }

    fn pump_one(&mut self, world: &mut dyn SimHost, name: &str) -> bool {
        let mut moved = self.flush_caches();
        let Some(c) = self.clients.get_mut(name) else {
            return moved;
        };
        if c.dead {
            return moved;
        }
        let node = c.node;
        let now = world.now();
        for e in c.fw.take_effects() {
            moved = true;
            match e {
                Effect::Submit(cid, req) => {
                    let ok = world
                        .command(Command::Request(node, ZkInput::Submit(req)))
                        .is_ok();
                    let next = world
                        .sim()
                        .node(node)
                        .and_then(ZkNode::client)
                        .map(|z| z.next_xid());
                    match (ok, next) {
                        (true, Some(n)) => {
                            c.xids.insert(prev_xid(n), cid);
                        }
                        _ => c.fw.on_reply(
                            now,
                            cid,
                            Err(ClientError::Keeper(ZkError::ConnectionLoss)),
                        ),
                    }
                }
                Effect::Reopen => {
                    let _ = world.command(Command::Request(node, ZkInput::Open));
                }
            }
        }
        let Some(z) = world.sim().node(node).and_then(ZkNode::client) else {
            return moved;
        };
        c.session = z.session;
        c.fw.session_timeout_ms = z.timeout_ms;
        let done: Vec<(
            i32,
            CallId,
            Result<crate::protocols::zookeeper::data::request::ZkResponse, ClientError>,
        )> = c
            .xids
            .iter()
            .filter_map(|(x, cid)| z.results.get(x).map(|r| (*x, *cid, r.clone())))
            .collect();
        let events = z.events_since(c.seen_events);
        c.seen_events = z.events_total;
        for (x, cid, r) in done {
            moved = true;
            c.xids.remove(&x);
            c.fw.on_reply(now, cid, r);
        }
        // Replies first (a connection loss fails the calls before Disconnected is seen),
        // then each event: the framework's watchers and state, then the caches' watchers.
        moved |= self.route_notices(now, name);
        for ev in &events {
            moved = true;
            let Some(c) = self.clients.get_mut(name) else {
                break;
            };
            c.fw.on_event(now, ev);
            let ns = c.fw.namespace.clone();
            self.route_notices(now, name);
            let mut e = ev.clone();
            if let Some(p) = &e.path {
                e.path = Some(super::framework::unfix(ns.as_deref(), p));
            }
            self.caches.on_event(name, &e);
        }
        moved
    }

    fn route_notices(&mut self, now: SimTime, name: &str) -> bool {
        let Some(c) = self.clients.get_mut(name) else {
            return false;
        };
        let notices = c.fw.take_notices();
        let moved = !notices.is_empty();
        for n in notices {
            self.route(now, name, n);
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::stat::Stat;

    #[test]
    fn the_course_callback_prints_every_field() {
        let call = Call::Delete {
            path: "/app1".into(),
            version: -1,
            children: false,
            guaranteed: true,
        };
        assert_eq!(
            curator_event(&call, &Ok(Outcome::Void)),
            "CuratorEventImpl{type=DELETE, resultCode=0, path='/app1', name='null', children=null, context=null, stat=null, data=null, watchedEvent=null, aclList=null, opResults=null}"
        );
        let call = Call::GetData {
            path: "/bg".into(),
            watch: None,
        };
        let s = curator_event(
            &call,
            &Ok(Outcome::Data {
                data: b"b".to_vec(),
                stat: Stat::default(),
            }),
        );
        assert!(s.contains("stat=0,0,0,0,0,0,0,0,0,0,0\n, data=[98]"), "{s}");
    }
}
