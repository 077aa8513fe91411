//! The scenario lines of the simulated Curator (docs/scenario-language.md, "Curator
//! lines"): `client NAME SERVERS [namespace NS]` for a Curator client,
//! `NAME curator STATEMENT`, `NAME lock PATH [as KIND] [timeout 3s]` and
//! `NAME unlock PATH [as KIND]`, and `wait` while Curator clients run.
//!
//! Each line settles by [`SettleRule::CURATOR`]: it runs the world until its own result
//! is in and then until nothing it set off is in flight and nothing has been printed for
//! a moment. While the line's own operation runs, what other clients print (listeners,
//! callbacks, watchers, other grants) is held back and printed right after the
//! operation's result, in the order it arrived, as the recordings' harness does.

use super::{err, parse_duration, parse_ids, ScenarioError, Script, Step};
use crate::id::NodeId;
use crate::protocols::zookeeper::client::curator::cache::{Cache, CacheKind, CacheStart};
use crate::protocols::zookeeper::client::curator::exception::CuratorError;
use crate::protocols::zookeeper::client::curator::framework::RecipeId;
use crate::protocols::zookeeper::client::curator::framework::{
    Call, CallId, Outcome, Owner, SESSION_TIMEOUT_MS,
};
use crate::protocols::zookeeper::client::curator::host::{CuratorHost, Source};
use crate::protocols::zookeeper::client::curator::java::eval::{execute, Runtime, Vars};
use crate::protocols::zookeeper::client::curator::recipes::RecipeOp;
use crate::protocols::zookeeper::client::driver::{
    settle, SettleRule, Settler, SimHost, CALL_LIMIT,
};
use crate::protocols::zookeeper::node::{self, ZkInput, ZkNode};
use crate::time::{SimDuration, SimTime};
use crate::vecmap::VecMap;
use crate::world::World;

/// The second words that make a line a Curator line (`NAME WORD ...`).
pub use crate::protocols::zookeeper::client::curator::LINE_WORDS as CURATOR_WORDS;

/// Lock kinds the simulation runs (`semaphore` takes its number of leases).
pub const LOCK_KINDS: [&str; 7] = [
    "mutex",
    "read",
    "write",
    "semaphore-mutex",
    "semaphore",
    "multi",
    "naive",
];

/// A parsed Curator line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CuratorLine {
    /// `client NAME SERVERS [namespace NS]`.
    Client {
        /// Name.
        name: String,
        /// Connect string.
        servers: Vec<u64>,
        /// Namespace.
        namespace: Option<String>,
    },
    /// `NAME curator STATEMENT`.
    Statement {
        /// Client.
        name: String,
        /// The Java statement.
        text: String,
    },
    /// `NAME lock PATH [as KIND] [timeout D]`.
    Lock {
        /// Client.
        name: String,
        /// Lock path.
        path: String,
        /// Kind.
        kind: String,
        /// `acquire(time, unit)`.
        timeout: Option<SimDuration>,
    },
    /// `NAME latch start|close PATH`, `NAME select PATH`, `NAME resign PATH`: a
    /// `LeaderLatch` (`latch`) or `LeaderSelector` (`selector`) joins or leaves.
    Leader {
        /// Client.
        name: String,
        /// `latch` or `selector`.
        kind: String,
        /// The election path.
        path: String,
        /// Start (else close / resign).
        start: bool,
    },
    /// `NAME barrier set|remove|wait PATH`, `NAME double-barrier enter|leave PATH N`,
    /// `NAME queue consume PATH` / `NAME queue put PATH ITEM`,
    /// `NAME count start PATH SEED|set PATH N|try PATH N|get PATH`.
    Other {
        /// Client.
        name: String,
        /// The recipe kind (`barrier`, `double-barrier N`, `queue`, `count SEED`).
        kind: String,
        /// Its path.
        path: String,
        /// What to do.
        op: RecipeOp,
        /// What the line prints while it is blocked (empty: it does not block).
        waiting: String,
    },
    /// `NAME cache node|children|tree|curator PATH [START]` (`scenario/cache_lines.rs`).
    Cache {
        /// Client.
        name: String,
        /// Which cache.
        kind: CacheKind,
        /// Its path.
        path: String,
        /// Its start argument.
        start: CacheStart,
    },
    /// `NAME unlock PATH [as KIND]`.
    Unlock {
        /// Client.
        name: String,
        /// Lock path.
        path: String,
        /// Kind.
        kind: String,
    },
}

fn parse_kind(line: usize, words: &[&str]) -> Result<(String, Option<SimDuration>), ScenarioError> {
    let mut kind = "mutex".to_string();
    let mut timeout = None;
    let mut i = 0;
    while i < words.len() {
        match (words[i], words.get(i + 1)) {
            ("as", Some(k)) => {
                if !LOCK_KINDS.contains(k) {
                    return Err(err(
                        line,
                        format!(
                            "the lock kind '{k}' is not simulated ({})",
                            LOCK_KINDS.join(", ")
                        ),
                    ));
                }
                kind = k.to_string();
                if *k == "semaphore" {
                    let n = words
                        .get(i + 2)
                        .and_then(|n| n.parse::<u32>().ok())
                        .filter(|n| (1..=1000).contains(n))
                        .ok_or_else(|| {
                            err(line, "semaphore needs its number of leases: as semaphore 2")
                        })?;
                    kind = format!("semaphore {n}");
                    i += 1;
                }
            }
            ("timeout", Some(d)) => timeout = Some(parse_duration(line, d)?),
            (w, _) => return Err(err(line, format!("unexpected '{w}' (as KIND, timeout 3s)"))),
        }
        i += 2;
    }
    Ok((kind, timeout))
}

/// Parse a Curator line, or None if `text` is not one.
pub fn parse(line: usize, text: &str, words: &[&str]) -> Result<Option<Step>, ScenarioError> {
    if words.first() == Some(&"client") && words.contains(&"namespace") {
        let name = words
            .get(1)
            .ok_or_else(|| err(line, "client needs a name"))?;
        let at = words.iter().position(|w| *w == "namespace").unwrap_or(0);
        let ns = match &words[at + 1..] {
            [ns] => ns.trim_start_matches('/').to_string(),
            _ => {
                return Err(err(
                    line,
                    "namespace takes one name: client c1 1 namespace app",
                ))
            }
        };
        if ns.is_empty() || ns.contains('/') {
            return Err(err(line, format!("'{ns}' is not a namespace name")));
        }
        return Ok(Some(Step::Curator(CuratorLine::Client {
            name: name.to_string(),
            servers: parse_ids(line, &words[2..at])?,
            namespace: Some(ns),
        })));
    }
    if let ["client", name, servers @ .., "curator"] = words {
        // A Curator client without a namespace, named as one (the lock lab adds clients
        // one line at a time, before any Curator line uses them).
        return Ok(Some(Step::Curator(CuratorLine::Client {
            name: name.to_string(),
            servers: parse_ids(line, servers)?,
            namespace: None,
        })));
    }
    let (Some(name), Some(word)) = (words.first(), words.get(1)) else {
        return Ok(None);
    };
    if !CURATOR_WORDS.contains(word) {
        return Ok(None);
    }
    let name = name.to_string();
    let step = match *word {
        "cache" => match super::cache_lines::parse(line, words) {
            Some(l) => l?,
            None => return Ok(None),
        },
        "curator" => {
            let stmt = text
                .split_once(" curator ")
                .map(|(_, r)| r.trim())
                .unwrap_or("");
            if stmt.is_empty() {
                return Err(err(line, "curator needs a Java statement"));
            }
            CuratorLine::Statement {
                name,
                text: stmt.to_string(),
            }
        }
        "lock" | "unlock" => {
            let path = words
                .get(2)
                .ok_or_else(|| err(line, format!("{word} needs a path")))?
                .to_string();
            for p in path.split(',') {
                if crate::protocols::zookeeper::data::path::validate_path(p).is_err() {
                    return Err(err(line, format!("'{p}' is not a ZooKeeper path")));
                }
            }
            let (kind, timeout) = parse_kind(line, &words[3..])?;
            if *word == "lock" {
                CuratorLine::Lock {
                    name,
                    path,
                    kind,
                    timeout,
                }
            } else {
                if timeout.is_some() {
                    return Err(err(line, "unlock takes no timeout"));
                }
                CuratorLine::Unlock { name, path, kind }
            }
        }
        "latch" | "select" | "resign" => {
            let (start, path) = match (*word, &words[2..]) {
                ("latch", ["start", p]) => (true, p),
                ("latch", ["close", p]) => (false, p),
                ("select", [p]) => (true, p),
                ("resign", [p]) => (false, p),
                _ => {
                    return Err(err(
                        line,
                        "latch start|close PATH, select PATH or resign PATH",
                    ))
                }
            };
            if crate::protocols::zookeeper::data::path::validate_path(path).is_err() {
                return Err(err(line, format!("'{path}' is not a ZooKeeper path")));
            }
            CuratorLine::Leader {
                name,
                kind: if *word == "latch" {
                    "latch"
                } else {
                    "selector"
                }
                .to_string(),
                path: path.to_string(),
                start,
            }
        }
        _ => parse_other(line, &name, word, &words[2..])?,
    };
    Ok(Some(Step::Curator(step)))
}

fn parse_other(
    line: usize,
    name: &str,
    word: &str,
    rest: &[&str],
) -> Result<CuratorLine, ScenarioError> {
    let bad = |usage: &str| err(line, format!("{word}: {usage}"));
    let num = |w: &str| -> Result<i32, ScenarioError> {
        w.parse::<i32>()
            .map_err(|_| err(line, format!("'{w}' is not a number")))
    };
    let (kind, path, op, waiting) = match (word, rest) {
        ("barrier", [verb, p]) => {
            let (op, waiting) = match *verb {
                "set" => (RecipeOp::Set, String::new()),
                "remove" => (RecipeOp::Remove, String::new()),
                "wait" => (RecipeOp::Acquire(None), format!("{name}: waiting at {p}")),
                _ => return Err(bad("barrier set|remove|wait PATH")),
            };
            ("barrier".to_string(), *p, op, waiting)
        }
        ("double-barrier", [verb, p, n]) => {
            let n = num(n)?;
            if !(1..=1000).contains(&n) {
                return Err(bad("a double barrier has 1 to 1000 members"));
            }
            let (op, waiting) = match *verb {
                "enter" => (
                    RecipeOp::Acquire(None),
                    format!("{name}: waiting to enter {p}"),
                ),
                "leave" => (RecipeOp::Release, format!("{name}: waiting to leave {p}")),
                _ => return Err(bad("double-barrier enter|leave PATH N")),
            };
            (format!("double-barrier {n}"), *p, op, waiting)
        }
        ("queue", ["consume", p]) => (
            "queue-consumer".to_string(),
            *p,
            RecipeOp::Acquire(None),
            String::new(),
        ),
        ("queue", ["put", p, item]) => (
            "queue".to_string(),
            *p,
            RecipeOp::Put(item.to_string()),
            String::new(),
        ),
        ("count", ["start", p, seed]) => (
            format!("count {}", num(seed)?),
            *p,
            RecipeOp::Acquire(None),
            String::new(),
        ),
        ("count", ["set", p, n]) => (
            "count".to_string(),
            *p,
            RecipeOp::SetCount(num(n)?),
            String::new(),
        ),
        ("count", ["try", p, n]) => (
            "count".to_string(),
            *p,
            RecipeOp::TryCount(num(n)?),
            String::new(),
        ),
        ("count", ["get", p]) => ("count".to_string(), *p, RecipeOp::Get, String::new()),
        _ => return Err(bad(
            "see docs/scenario-language.md for the barrier, double-barrier, queue and count lines",
        )),
    };
    if crate::protocols::zookeeper::data::path::validate_path(path).is_err() {
        return Err(err(line, format!("'{path}' is not a ZooKeeper path")));
    }
    Ok(CuratorLine::Other {
        name: name.to_string(),
        kind,
        path: path.to_string(),
        op,
        waiting,
    })
}

/// Make every `client` line whose name is used by a Curator line a Curator client.
pub fn adopt_clients(script: &mut Script) {
    let names: Vec<String> = script
        .steps
        .iter()
        .filter_map(|(_, _, s)| match s {
            Step::Curator(CuratorLine::Statement { name, .. })
            | Step::Curator(CuratorLine::Lock { name, .. })
            | Step::Curator(CuratorLine::Unlock { name, .. })
            | Step::Curator(CuratorLine::Leader { name, .. })
            | Step::Curator(CuratorLine::Other { name, .. })
            | Step::Curator(CuratorLine::Cache { name, .. }) => Some(name.clone()),
            _ => None,
        })
        .collect();
    for (_, _, s) in &mut script.steps {
        if let Step::Client { name, servers } = s {
            if names.contains(name) {
                *s = Step::Curator(CuratorLine::Client {
                    name: name.clone(),
                    servers: servers.clone(),
                    namespace: None,
                });
            }
        }
    }
}

/// The Curator side of a runner.
#[derive(Clone, Debug, Default)]
pub struct CuratorState {
    /// The clients.
    pub host: CuratorHost,
    vars: VecMap<String, Vars>,
}

impl CuratorLine {
    /// The client the line runs on.
    pub fn client(&self) -> &str {
        match self {
            CuratorLine::Client { name, .. }
            | CuratorLine::Statement { name, .. }
            | CuratorLine::Lock { name, .. }
            | CuratorLine::Leader { name, .. }
            | CuratorLine::Other { name, .. }
            | CuratorLine::Cache { name, .. }
            | CuratorLine::Unlock { name, .. } => name,
        }
    }
}

impl CuratorState {
    /// Is `name` a Curator client?
    pub fn knows(&self, name: &str) -> bool {
        self.host.clients.contains_key(name)
    }

    /// Are there Curator clients?
    pub fn active(&self) -> bool {
        !self.host.clients.is_empty()
    }
}

/// What a line waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Await {
    /// Nothing: the result is in from the start.
    Nothing,
    /// A statement call's outcome.
    Call(CallId),
    /// A recipe's report (a blocked acquire reports `waiting` after a while).
    Recipe(RecipeId, bool),
    /// The client's first connection.
    Connected,
    /// Time to pass.
    Time(SimDuration),
}

struct Line<'a> {
    host: &'a mut CuratorHost,
    name: String,
    wait: Await,
    blocked_after: SimDuration,
    waiting_text: String,
    result: bool,
    out: Vec<String>,
    held: Vec<String>,
    printed: bool,
    outcome: Option<Result<Outcome, CuratorError>>,
}

impl<'a> Line<'a> {
    fn new(host: &'a mut CuratorHost, name: &str, wait: Await) -> Self {
        Line {
            host,
            name: name.to_string(),
            wait,
            blocked_after: SettleRule::CURATOR.blocked_after,
            waiting_text: String::new(),
            result: wait == Await::Nothing,
            out: Vec::new(),
            held: Vec::new(),
            printed: false,
            outcome: None,
        }
    }

    fn got_result(&mut self) {
        self.result = true;
        self.out.append(&mut self.held);
    }
}

impl Settler for Line<'_> {
    fn pump(&mut self, world: &mut dyn SimHost) {
        self.host.pump(world);
        for l in self.host.take_output() {
            if let Source::Silent(n, id) = &l.source {
                if !self.result
                    && matches!(self.wait, Await::Recipe(r, _) if r == *id)
                    && *n == self.name
                {
                    self.got_result();
                }
                continue;
            }
            self.printed = true;
            let own = matches!((&l.source, self.wait), (Source::Recipe(n, id), Await::Recipe(r, _)) if *n == self.name && *id == r);
            if !self.result && own {
                self.out.push(l.text);
                self.got_result();
            } else if self.result {
                self.out.push(l.text);
            } else {
                self.held.push(l.text);
            }
        }
        if let Await::Call(id) = self.wait {
            if self.outcome.is_none() {
                self.outcome = self.host.take_statement(&self.name, id);
            }
        }
    }

    fn result_in(&mut self, _world: &World<ZkNode>, ran: SimDuration) -> bool {
        if self.result {
            return true;
        }
        match self.wait {
            Await::Nothing => true,
            Await::Call(_) => self.outcome.is_some(),
            Await::Connected => {
                let up = self
                    .host
                    .clients
                    .get(&self.name)
                    .is_some_and(|c| c.fw.state.is_some());
                if up {
                    self.got_result();
                }
                up
            }
            Await::Time(d) => {
                if ran >= d {
                    self.got_result();
                }
                self.result
            }
            Await::Recipe(id, acquiring) => {
                let still = acquiring
                    && self
                        .host
                        .lock(&self.name, id)
                        .is_some_and(|l| l.acquiring());
                if still && ran >= self.blocked_after {
                    let t = std::mem::take(&mut self.waiting_text);
                    self.out.push(t);
                    self.got_result();
                }
                self.result
            }
        }
    }

    fn busy(&self, world: &World<ZkNode>) -> bool {
        self.host.busy(world)
    }

    fn printed(&mut self) -> bool {
        std::mem::take(&mut self.printed)
    }

    fn deadline(&self) -> Option<SimTime> {
        self.host.deadline()
    }

    fn on_time(&mut self, world: &mut dyn SimHost, now: SimTime) {
        self.host.on_time(world, now);
    }
}

fn rule_for(wait: Await) -> SettleRule {
    match wait {
        Await::Time(d) => SettleRule {
            blocked_after: d,
            limit: SettleRule::CURATOR.limit.after_duration(d),
            ..SettleRule::CURATOR
        },
        _ => SettleRule::CURATOR,
    }
}

trait AfterDuration {
    fn after_duration(self, d: SimDuration) -> SimDuration;
}

impl AfterDuration for SimDuration {
    fn after_duration(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(d.0))
    }
}

/// Run a line with settling and return what it printed.
fn settle_line(world: &mut dyn SimHost, mut l: Line<'_>) -> Vec<String> {
    let rule = rule_for(l.wait);
    settle(world, &mut l, rule);
    let mut out = l.out;
    out.append(&mut l.held);
    out
}

/// `wait D` while Curator clients run: time passes with the clients pumped.
pub fn wait(world: &mut dyn SimHost, st: &mut CuratorState, d: SimDuration) -> Vec<String> {
    let l = Line::new(&mut st.host, "", Await::Time(d));
    settle_line(world, l)
}

/// `wait until COND` while Curator clients run: the world runs event by event with the
/// clients pumped after each (their retries, connection-state listeners, caches and lock
/// grants happen at their own times, not in a batch after the wait), until `cond` holds
/// or `limit` has passed. Returns whether it held, and what the clients printed meanwhile.
pub fn wait_until(
    world: &mut dyn SimHost,
    st: &mut CuratorState,
    limit: SimDuration,
    cond: impl FnMut(&World<ZkNode>) -> bool,
) -> (bool, Vec<String>) {
    struct Until<'b, 'c, F> {
        line: &'b mut Line<'c>,
        cond: F,
    }
    impl<F: FnMut(&World<ZkNode>) -> bool> Settler for Until<'_, '_, F> {
        fn pump(&mut self, w: &mut dyn SimHost) {
            self.line.pump(w)
        }
        fn result_in(&mut self, w: &World<ZkNode>, _ran: SimDuration) -> bool {
            if !self.line.result && (self.cond)(w) {
                self.line.got_result();
            }
            self.line.result
        }
        // The wait ends as soon as the condition holds; what the clients do next is
        // settled after the line, as after any other scenario line.
        fn busy(&self, _w: &World<ZkNode>) -> bool {
            false
        }
        fn printed(&mut self) -> bool {
            self.line.printed()
        }
        fn deadline(&self) -> Option<SimTime> {
            self.line.deadline()
        }
        fn on_time(&mut self, w: &mut dyn SimHost, now: SimTime) {
            self.line.on_time(w, now)
        }
    }
    // `Nothing` would count as a result from the start: the condition decides instead.
    let mut l = Line::new(&mut st.host, "", Await::Time(limit));
    let rule = SettleRule {
        blocked_after: limit,
        quiet: SimDuration::ZERO,
        limit,
    };
    let held = settle(world, &mut Until { line: &mut l, cond }, rule);
    let mut out = l.out;
    out.append(&mut l.held);
    (held, out)
}

struct StatementRuntime<'a> {
    world: &'a mut dyn SimHost,
    host: &'a mut CuratorHost,
    name: String,
    held: Vec<String>,
}

impl Runtime for StatementRuntime<'_> {
    fn run(&mut self, call: Call, ns: Option<String>) -> Result<Outcome, CuratorError> {
        let lost = Err(CuratorError::keeper(
            crate::protocols::zookeeper::data::error::ZkError::ConnectionLoss,
            call.path(),
        ));
        let Some(id) = self
            .host
            .start_statement(&self.name, call, Owner::Statement, ns)
        else {
            return lost;
        };
        let mut l = Line::new(self.host, &self.name, Await::Call(id));
        let rule = SettleRule {
            blocked_after: CALL_LIMIT,
            quiet: SimDuration::ZERO,
            limit: CALL_LIMIT,
        };
        // Only the outcome matters here; the line settles after the statement.
        struct Quick<'b, 'c>(&'b mut Line<'c>);
        impl Settler for Quick<'_, '_> {
            fn pump(&mut self, w: &mut dyn SimHost) {
                self.0.pump(w)
            }
            fn result_in(&mut self, w: &World<ZkNode>, ran: SimDuration) -> bool {
                self.0.result_in(w, ran)
            }
            fn busy(&self, _w: &World<ZkNode>) -> bool {
                false
            }
            fn printed(&mut self) -> bool {
                self.0.printed()
            }
            fn deadline(&self) -> Option<SimTime> {
                self.0.deadline()
            }
            fn on_time(&mut self, w: &mut dyn SimHost, now: SimTime) {
                self.0.on_time(w, now)
            }
        }
        settle(self.world, &mut Quick(&mut l), rule);
        self.held.append(&mut l.held);
        self.held.append(&mut l.out);
        l.outcome.unwrap_or(lost)
    }

    fn background(&mut self, call: Call, ns: Option<String>, owner: Owner) {
        self.host.start_statement(&self.name, call, owner, ns);
        self.host.pump(self.world);
    }

    fn namespace(&self) -> Option<String> {
        self.host
            .clients
            .get(&self.name)
            .and_then(|c| c.fw.namespace.clone())
    }

    fn identity_hash(&mut self) -> String {
        self.host
            .clients
            .get_mut(&self.name)
            .map_or_else(|| "0".into(), |c| c.fw.identity_hash())
    }
}

/// Run one Curator line. `make_client` registers a new client node with the runner
/// (for partitions and `kill`).
pub fn run(
    world: &mut World<ZkNode>,
    st: &mut CuratorState,
    line: usize,
    l: &CuratorLine,
    mut make_client: impl FnMut(&str, NodeId),
) -> Result<Vec<String>, ScenarioError> {
    if let CuratorLine::Client {
        name,
        servers,
        namespace,
    } = l
    {
        if st.host.clients.contains_key(name) {
            return Err(err(line, format!("client {name} already exists")));
        }
        for &sid in servers {
            if world.config().node_of(sid).is_none() {
                return Err(err(line, format!("there is no server {sid}")));
            }
        }
        let node = node::add_client(world, name, servers, SESSION_TIMEOUT_MS)
            .map_err(|e| err(line, e.to_string()))?;
        world
            .apply(crate::command::Command::Request(node, ZkInput::Open))
            .map_err(|e| err(line, e.to_string()))?;
        let seed = world.seed() ^ (0x6375_7261_746f_7200 | u64::from(node.0));
        st.host.add(name, node, namespace.clone(), seed);
        st.vars.insert(name.clone(), Vars::default());
        make_client(name, node);
        return Ok(settle_line(
            world,
            Line::new(&mut st.host, name, Await::Connected),
        ));
    }
    run_on(world, st, line, l)
}

/// Make the running client node `node` the Curator client `name` (a Curator line on a
/// plain client: the lab's console, a lesson's `c1`); what it prints (CONNECTED).
pub fn adopt(
    world: &mut dyn SimHost,
    st: &mut CuratorState,
    name: &str,
    node: NodeId,
) -> Vec<String> {
    let seed = world.sim().seed() ^ (0x6375_7261_746f_7200 | u64::from(node.0));
    st.host.adopt(world.sim(), name, node, seed);
    st.vars.insert(name.to_string(), Vars::default());
    settle_line(world, Line::new(&mut st.host, name, Await::Nothing))
}

/// Run one Curator line other than `client` on any host of the world (a bare world,
/// or the lab page's timeline, through which every request is a logged command).
pub fn run_on(
    world: &mut dyn SimHost,
    st: &mut CuratorState,
    line: usize,
    l: &CuratorLine,
) -> Result<Vec<String>, ScenarioError> {
    let known = |st: &CuratorState, name: &str| -> Result<(), ScenarioError> {
        if st.host.clients.contains_key(name) {
            Ok(())
        } else {
            Err(err(
                line,
                format!("there is no Curator client {name} (client {name} 1)"),
            ))
        }
    };
    match l {
        CuratorLine::Client { name, .. } => Err(err(
            line,
            format!("client {name} is made by the scenario runner"),
        )),
        CuratorLine::Statement { name, text } => {
            known(st, name)?;
            let mut vars = st.vars.remove(name).unwrap_or_default();
            let mut rt = StatementRuntime {
                world,
                host: &mut st.host,
                name: name.clone(),
                held: Vec::new(),
            };
            let mut out = execute(text, &mut vars, &mut rt);
            out.append(&mut rt.held);
            st.vars.insert(name.clone(), vars);
            out.extend(settle_line(
                world,
                Line::new(&mut st.host, name, Await::Nothing),
            ));
            Ok(out)
        }
        CuratorLine::Lock {
            name,
            path,
            kind,
            timeout,
        } => {
            known(st, name)?;
            let id = st.host.recipe(name, kind, path).map_err(|e| err(line, e))?;
            st.host.lock_op(world, name, id, Some(*timeout));
            let mut l = Line::new(&mut st.host, name, Await::Recipe(id, true));
            l.waiting_text = format!("{name}: waiting for {path}");
            Ok(settle_line(world, l))
        }
        CuratorLine::Leader {
            name,
            kind,
            path,
            start,
        } => {
            known(st, name)?;
            let id = st.host.recipe(name, kind, path).map_err(|e| err(line, e))?;
            let wait = if *start {
                st.host.lock_op(world, name, id, Some(None));
                Await::Nothing
            } else {
                st.host.lock_op(world, name, id, None);
                Await::Recipe(id, false)
            };
            Ok(settle_line(world, Line::new(&mut st.host, name, wait)))
        }
        CuratorLine::Other {
            name,
            kind,
            path,
            op,
            waiting,
        } => {
            known(st, name)?;
            let id = match (kind.as_str(), op) {
                // Later lines find the participant its `start` made, whatever its seed.
                ("count", _) | ("queue", _) => st
                    .host
                    .find_recipe(name, kind, path)
                    .map_or_else(|| st.host.recipe(name, kind, path), Ok),
                _ => st.host.recipe(name, kind, path),
            }
            .map_err(|e| err(line, e))?;
            st.host.recipe_op(world, name, id, op.clone());
            let wait = match op {
                RecipeOp::Put(_) => Await::Nothing,
                RecipeOp::Acquire(_) if kind == "queue-consumer" => Await::Nothing,
                _ => Await::Recipe(id, !waiting.is_empty()),
            };
            let mut l = Line::new(&mut st.host, name, wait);
            l.waiting_text = waiting.clone();
            Ok(settle_line(world, l))
        }
        CuratorLine::Cache {
            name,
            kind,
            path,
            start,
        } => {
            known(st, name)?;
            st.host
                .start_cache(world, name, Cache::course(*kind, path, *start))
                .map_err(|e| err(line, e))?;
            Ok(settle_line(
                world,
                Line::new(&mut st.host, name, Await::Nothing),
            ))
        }
        CuratorLine::Unlock { name, path, kind } => {
            known(st, name)?;
            let id = st.host.recipe(name, kind, path).map_err(|e| err(line, e))?;
            st.host.lock_op(world, name, id, None);
            Ok(settle_line(
                world,
                Line::new(&mut st.host, name, Await::Recipe(id, false)),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::run_text;

    fn output(script: &str) -> Vec<String> {
        run_text(script, 7).unwrap_or_else(|e| panic!("{e}")).lines
    }

    /// The lines printed in the section of the echo `> LINE`.
    fn section<'a>(lines: &'a [String], echo: &str) -> Vec<&'a str> {
        let start = lines
            .iter()
            .position(|l| l == &format!("> {echo}"))
            .unwrap_or_else(|| panic!("no section {echo}"));
        lines[start + 1..]
            .iter()
            .take_while(|l| !l.starts_with("> ") && !l.starts_with("trace hash"))
            .map(String::as_str)
            .collect()
    }

    #[test]
    fn a_grant_during_wait_until_is_printed_when_it_happens() {
        // The condition never holds: the wait runs its whole 120 s, within which the
        // killed holder's session expires and c2 is granted the lock. The Curator clients
        // run during the wait, so the grant comes before the wait's own verdict.
        let out = output(
            "ensemble 3\nstart 1 2 3\nwait until leader\nclient c1 1\nclient c2 2\n\
             c1 lock /l\nc2 lock /l\nkill c1\nwait until status 1 observer\n",
        );
        assert_eq!(
            section(&out, "wait until status 1 observer"),
            ["c2: acquired /l", "(still waiting after 120s)"]
        );
    }

    #[test]
    fn a_killed_holder_hands_the_lock_on_when_its_session_expires() {
        let out = output(
            "ensemble 1\nstart 1\nclient c1 1\nclient c2 1\nc1 lock /l\nc2 lock /l\nkill c1\nwait 50s\n",
        );
        assert_eq!(section(&out, "c2 lock /l"), ["c2: waiting for /l"]);
        assert_eq!(section(&out, "wait 50s"), ["c2: acquired /l"]);
    }

    #[test]
    fn a_cut_off_client_is_suspended_lost_and_comes_back_with_a_new_session() {
        let out = output(
            "ensemble 1\nstart 1\nclient c1 1\nc1 curator client.create().withMode(CreateMode.EPHEMERAL).forPath(\"/e\")\npartition 1 | c1\nwait 30s\nwait 30s\nheal\nwait 10s\nc1 curator client.checkExists().forPath(\"/e\")\n",
        );
        let all: Vec<&str> = out.iter().map(String::as_str).collect();
        let pos = |s: &str| {
            all.iter()
                .position(|l| *l == s)
                .unwrap_or_else(|| panic!("no {s}: {all:?}"))
        };
        assert!(pos("c1: SUSPENDED") < pos("c1: LOST"));
        assert!(pos("c1: LOST") < pos("c1: RECONNECTED"));
        // The old session expired on the server, and its ephemeral went with it.
        assert_eq!(
            section(&out, "c1 curator client.checkExists().forPath(\"/e\")"),
            ["null"]
        );
    }

    #[test]
    fn the_naive_lock_has_every_waiter_watch_the_one_node() {
        let out = output(
            "ensemble 1\nstart 1\nclient c1 1\nclient c2 1\nclient c3 1\nc1 lock /nl as naive\nc2 lock /nl as naive\nc3 lock /nl as naive\nwchp 1\nc1 unlock /nl as naive\n",
        );
        let w = section(&out, "wchp 1");
        let at = w
            .iter()
            .position(|l| *l == "/nl")
            .expect("the lock node is watched");
        assert_eq!(
            w[at + 1..]
                .iter()
                .take_while(|l| l.starts_with('\t'))
                .count(),
            2,
            "{w:?}"
        );
        // One release, one grant, and the loser goes back to watching.
        let u = section(&out, "c1 unlock /nl as naive");
        assert_eq!(u[0], "c1: released /nl");
        assert_eq!(
            u.iter().filter(|l| l.ends_with("acquired /nl")).count(),
            1,
            "{u:?}"
        );
    }

    #[test]
    fn the_same_seed_prints_the_same_run() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/curator/04-mutex.cur"
        ))
        .unwrap();
        let a = run_text(&text, 3).unwrap();
        let b = run_text(&text, 3).unwrap();
        assert_eq!(a.lines, b.lines);
        assert_eq!(a.trace_hash, b.trace_hash);
        // Another seed gives other protected names (UUIDs come from the seeded generator).
        let c = run_text(&text, 4).unwrap();
        assert_ne!(a.lines, c.lines);
    }

    #[test]
    fn mangled_curator_lines_never_panic() {
        let lines = [
            "c1 lock /l as semaphore 2 timeout 1s",
            "c2 unlock /l as semaphore 2",
            "c1 lock /ma,/mb as multi",
            "c2 double-barrier enter /d 2",
            "c1 count try /c 4",
            "c2 queue put /q x",
            "c1 latch start /la",
            "c2 select /s",
            "c1 curator client.create().withProtection().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(\"/p/x-\")",
        ];
        let mut rng = crate::rng::SimRng::new(5);
        for round in 0..150 {
            let mut body = String::new();
            for _ in 0..3 {
                let base = lines[rng.below(lines.len() as u64) as usize];
                let mut words: Vec<&str> = base.split(' ').collect();
                match rng.below(4) {
                    0 if words.len() > 2 => {
                        words.remove(1 + rng.below(words.len() as u64 - 1) as usize);
                    }
                    1 => words.push("extra"),
                    2 => words.truncate(1 + rng.below(words.len() as u64) as usize),
                    _ => {}
                }
                body.push_str(&words.join(" "));
                body.push('\n');
            }
            let script = format!("ensemble 1\nstart 1\nclient c1 1\nclient c2 1\n{body}wait 5s\n");
            let _ = run_text(&script, round);
        }
    }

    #[test]
    fn refused_lines_name_what_is_wrong() {
        for (script, word) in [
            ("ensemble 1\nc1 lock /l as spinlock\n", "spinlock"),
            ("ensemble 1\nc1 lock /l as semaphore\n", "leases"),
            ("ensemble 1\nc1 curator\n", "statement"),
            ("ensemble 1\nc1 latch open /l\n", "latch start"),
            ("ensemble 1\nc1 cache hash /a\n", "hash"),
            ("ensemble 1\nclient c1 1 namespace a/b\n", "namespace"),
            ("ensemble 1\nc1 double-barrier enter /d x\n", "number"),
        ] {
            let e = run_text(script, 1).expect_err(script);
            assert!(e.message.contains(word), "{script}: {e}");
        }
        let out = output("ensemble 1\nstart 1\nclient c1 1\nc1 curator client.fly()\n");
        assert!(section(&out, "c1 curator client.fly()")[0]
            .starts_with("error: not in the simulated Curator subset"));
    }
}
