//! Scenario scripts: a small line language that drives a simulated ZooKeeper ensemble.
//!
//! One command a line, `#` starts a comment. The language is documented in
//! `docs/scenario-language.md`; in short:
//!
//! ```text
//! ensemble 3 [observers 4,5]     start / stop 1 2      wait 3s | wait until leader [N]
//! status   srvr 2   stat 2   mntr 2   conf 2   ruok 2  partition 1 2 | 3    heal
//! client c1 1,2,3                c1> create /a hello    kill c1
//! expect leader 2 | expect status 1 follower | expect no leader | expect output Created
//! ```
//!
//! Parsing is pure and reports the first bad line with its number; running never panics
//! on input: a command that cannot apply (stopping a stopped server, a client that does
//! not exist) is an error naming the line. Each executed line is echoed as `> LINE`
//! followed by its output; `expect` lines that do not hold add a failure and the run goes
//! on. The same script, seed and code give the same output and trace hash on every
//! target, so scripts serve the CLI, tests, lessons and the web lab alike. Recordings of
//! the same scripts on a real ZooKeeper 3.8.0 ensemble (`tests/scenarios/real/`) are the
//! oracle for the `status` / `srvr` lines.

pub mod cache_lines;
pub mod curator_console;
pub mod curator_lines;
pub mod fencing;
pub mod fuzz;
pub mod lock_fuzz;
pub mod lock_presets;
pub mod lock_run;
pub mod lock_view;
pub mod tickets;

use crate::command::Command;
use crate::id::NodeId;
use crate::net::NetConfig;
use crate::protocols::zookeeper::client::curator::cache::CacheFault;
use crate::protocols::zookeeper::client::driver::{run_until_cond, Driver, Waits};
use crate::protocols::zookeeper::client::zkcli::Shell;
use crate::protocols::zookeeper::node::{self, ZkInput, ZkNode};
use crate::protocols::zookeeper::replication::config::ZkConfig;
use crate::time::SimDuration;
use crate::vecmap::VecMap;
use crate::world::{NodeState, World};
use std::fmt;

/// Longest script accepted, in lines.
pub const LINES_MAX: usize = 10_000;
/// Longest single wait.
pub const WAIT_MAX: SimDuration = SimDuration::from_secs(24 * 3600);
/// How long `wait until` waits at most.
pub const WAIT_UNTIL_LIMIT: SimDuration = SimDuration::from_secs(120);
/// Most clients a script may create.
pub const CLIENTS_MAX: usize = 50;

/// A problem with a script line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// A condition `wait until` polls.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Condition {
    /// Some server (or the given one) leads and serves.
    Leader(Option<u64>),
    /// Every running server serves.
    Stable,
    /// Server N is in STATE.
    Status(u64, String),
}

/// What an `expect` line checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expectation {
    /// Server N leads (and serves).
    Leader(u64),
    /// No server serves as leader.
    NoLeader,
    /// Server N's status word.
    Status(u64, String),
    /// The previous command's output contains this text.
    Output(String),
    /// Server N's last processed zxid.
    Zxid(u64, u64),
}

/// One parsed command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Create the ensemble.
    Ensemble {
        /// Servers.
        n: u64,
        /// Observer ids.
        observers: Vec<u64>,
    },
    /// Start servers.
    Start(Vec<u64>),
    /// Stop (kill) servers.
    Stop(Vec<u64>),
    /// Let time pass.
    Wait(SimDuration),
    /// Poll a condition.
    WaitUntil(Condition),
    /// One line per server.
    Status,
    /// A four-letter word to a server.
    FourLetter {
        /// The word.
        word: String,
        /// The server.
        sid: u64,
    },
    /// Split the network: groups of server ids or client names.
    Partition(Vec<Vec<String>>),
    /// Remove all partitions.
    Heal,
    /// Create a client and connect it.
    Client {
        /// Its name.
        name: String,
        /// Connect string.
        servers: Vec<u64>,
    },
    /// Kill a client process (its session lives on until it expires).
    Kill(String),
    /// Freeze a client process (a GC pause): it runs nothing, its session lives on
    /// until the servers stop hearing its pings.
    Pause(String),
    /// Let a frozen client process run again.
    Resume(String),
    /// `NAME store PATH VALUE`: a write to the fenced storage (`scenario/fencing.rs`)
    /// carrying NAME's fencing token for its lock on PATH.
    Store {
        /// The writer.
        name: String,
        /// The lock whose token it sends.
        path: String,
        /// What it writes.
        value: String,
    },
    /// `holder unlock PATH [as KIND]`: whichever client holds the lock releases it.
    HolderUnlock {
        /// The lock path.
        path: String,
        /// The lock kind.
        kind: String,
    },
    /// `tickets NAME,NAME,... [lock PATH]`: the 12306 demo (`scenario/tickets.rs`).
    Tickets {
        /// The sellers (Curator clients).
        sellers: Vec<String>,
        /// The lock the sellers take around each sale (None: no lock).
        lock: Option<String>,
    },
    /// A zkCli line through a client.
    Cli {
        /// The client.
        name: String,
        /// The zkCli command.
        command: String,
    },
    /// A check.
    Expect(Expectation),
    /// A Curator line (`scenario/curator_lines.rs`).
    Curator(curator_lines::CuratorLine),
}

/// A parsed script: (line number, text, step).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Script {
    /// The steps in order.
    pub steps: Vec<(usize, String, Step)>,
}

fn err(line: usize, message: impl Into<String>) -> ScenarioError {
    ScenarioError {
        line,
        message: message.into(),
    }
}

fn parse_ids(line: usize, words: &[&str]) -> Result<Vec<u64>, ScenarioError> {
    let mut ids = Vec::new();
    for w in words {
        for part in w.split(',').filter(|p| !p.is_empty()) {
            let id = part
                .parse::<u64>()
                .map_err(|_| err(line, format!("'{part}' is not a server id")))?;
            if id == 0 || id > 255 {
                return Err(err(line, format!("server id {id} is outside 1..255")));
            }
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(err(line, "name at least one server"));
    }
    Ok(ids)
}

fn parse_duration(line: usize, s: &str) -> Result<SimDuration, ScenarioError> {
    let (num, unit) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1_000u64)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1_000_000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000_000)
    } else {
        return Err(err(line, format!("'{s}' needs a unit: 200ms, 5s or 2m")));
    };
    let v: u64 = num
        .parse()
        .map_err(|_| err(line, format!("'{s}' is not a duration")))?;
    let d = SimDuration(v.saturating_mul(unit));
    if d > WAIT_MAX {
        return Err(err(line, "waits are limited to 24 hours"));
    }
    Ok(d)
}

const STATES: [&str; 6] = [
    "leader",
    "follower",
    "observer",
    "standalone",
    "looking",
    "not running",
];

fn parse_state(line: usize, words: &[&str]) -> Result<String, ScenarioError> {
    let s = words.join(" ");
    if STATES.contains(&s.as_str()) {
        Ok(s)
    } else {
        Err(err(
            line,
            format!("'{s}' is not a state (leader, follower, observer, standalone, looking, not running)"),
        ))
    }
}

fn parse_sid(line: usize, w: Option<&&str>) -> Result<u64, ScenarioError> {
    let w = w.ok_or_else(|| err(line, "a server id is missing"))?;
    Ok(parse_ids(line, &[w])?[0])
}

fn parse_line(line: usize, text: &str) -> Result<Option<Step>, ScenarioError> {
    let t = text.trim();
    if t.is_empty() || t.starts_with('#') {
        return Ok(None);
    }
    if let Some((name, rest)) = t.split_once("> ") {
        if !name.contains(' ') && !name.is_empty() {
            return Ok(Some(Step::Cli {
                name: name.to_string(),
                command: rest.trim().to_string(),
            }));
        }
    }
    if let Some(name) = t.strip_suffix('>') {
        if !name.contains(' ') {
            return Err(err(line, format!("'{t}' has no zkCli command after '>'")));
        }
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if let ["holder", "unlock", path, rest @ ..] = words.as_slice() {
        let kind = match rest {
            [] => "mutex".to_string(),
            ["as", kind] => (*kind).to_string(),
            _ => return Err(err(
                line,
                "holder unlock takes a path and an optional kind: holder unlock /lock [as naive]",
            )),
        };
        return Ok(Some(Step::HolderUnlock {
            path: (*path).to_string(),
            kind,
        }));
    }
    if let Some(step) = curator_lines::parse(line, t, &words)? {
        return Ok(Some(step));
    }
    let rest = &words[1..];
    let step = match words[0] {
        "ensemble" => {
            let n = rest
                .first()
                .and_then(|w| w.parse::<u64>().ok())
                .filter(|n| (1..=15).contains(n))
                .ok_or_else(|| err(line, "ensemble needs a size between 1 and 15"))?;
            let observers = match rest.get(1) {
                None => Vec::new(),
                Some(&"observers") => parse_ids(line, &rest[2..])?,
                Some(w) => return Err(err(line, format!("unexpected '{w}' (observers a,b)"))),
            };
            if let Some(o) = observers.iter().find(|&&o| o > n) {
                return Err(err(line, format!("observer {o} is not one of the {n} servers")));
            }
            Step::Ensemble { n, observers }
        }
        "start" => Step::Start(parse_ids(line, rest)?),
        "stop" | "crash" => Step::Stop(parse_ids(line, rest)?),
        "wait" => match rest {
            [d] => Step::Wait(parse_duration(line, d)?),
            ["until", "leader"] => Step::WaitUntil(Condition::Leader(None)),
            ["until", "leader", n] => Step::WaitUntil(Condition::Leader(Some(parse_sid(line, Some(n))?))),
            ["until", "stable"] => Step::WaitUntil(Condition::Stable),
            ["until", "status", n, state @ ..] => Step::WaitUntil(Condition::Status(
                parse_sid(line, Some(n))?,
                parse_state(line, state)?,
            )),
            _ => {
                return Err(err(
                    line,
                    "wait takes a duration (200ms, 5s, 2m) or until leader [N] / stable / status N STATE",
                ))
            }
        },
        "status" if rest.is_empty() => Step::Status,
        "srvr" | "stat" | "mntr" | "conf" | "ruok" | "isro" | "wchs" | "wchc" | "wchp" => Step::FourLetter {
            word: words[0].to_string(),
            sid: parse_sid(line, rest.first())?,
        },
        "partition" => {
            let joined = rest.join(" ");
            let groups: Vec<Vec<String>> = joined
                .split('|')
                .map(|g| g.split_whitespace().map(str::to_string).collect())
                .collect();
            if groups.len() < 2 || groups.iter().any(Vec::is_empty) {
                return Err(err(line, "partition needs groups separated by '|': partition 1 2 | 3"));
            }
            Step::Partition(groups)
        }
        "heal" if rest.is_empty() => Step::Heal,
        "kill" if rest.len() == 1 => Step::Kill(rest[0].to_string()),
        "pause" if rest.len() == 1 => Step::Pause(rest[0].to_string()),
        "resume" if rest.len() == 1 => Step::Resume(rest[0].to_string()),
        "tickets" => tickets::parse(line, rest)?,
        _ if words.get(1) == Some(&"store") => fencing::parse(line, &words)?,
        "client" => {
            let name = rest
                .first()
                .ok_or_else(|| err(line, "client needs a name and servers: client c1 1,2,3"))?;
            if name.contains('>') || name.contains('|') {
                return Err(err(line, format!("'{name}' cannot be a client name")));
            }
            Step::Client {
                name: name.to_string(),
                servers: parse_ids(line, &rest[1..])?,
            }
        }
        "expect" => Step::Expect(match rest {
            ["leader", n] => Expectation::Leader(parse_sid(line, Some(n))?),
            ["no", "leader"] => Expectation::NoLeader,
            ["status", n, state @ ..] => {
                Expectation::Status(parse_sid(line, Some(n))?, parse_state(line, state)?)
            }
            ["output", ..] if rest.len() > 1 => {
                let text = t.split_once("output").map(|(_, r)| r.trim()).unwrap_or("");
                Expectation::Output(text.to_string())
            }
            ["zxid", n, z] => {
                let hex = z.trim_start_matches("0x");
                let v = u64::from_str_radix(hex, 16)
                    .map_err(|_| err(line, format!("'{z}' is not a hex zxid")))?;
                Expectation::Zxid(parse_sid(line, Some(n))?, v)
            }
            _ => {
                return Err(err(
                    line,
                    "expect leader N | no leader | status N STATE | output TEXT | zxid N 0x..",
                ))
            }
        }),
        other => return Err(err(line, format!("unknown command '{other}'"))),
    };
    Ok(Some(step))
}

/// Parse a whole script; the first bad line is the error.
pub fn parse(text: &str) -> Result<Script, ScenarioError> {
    let mut script = Script::default();
    for (i, raw) in text.lines().enumerate() {
        if i >= LINES_MAX {
            return Err(err(
                i + 1,
                format!("scripts are limited to {LINES_MAX} lines"),
            ));
        }
        if let Some(step) = parse_line(i + 1, raw)? {
            script.steps.push((i + 1, raw.trim().to_string(), step));
        }
    }
    curator_lines::adopt_clients(&mut script);
    Ok(script)
}

struct ClientSlot {
    node: NodeId,
    shell: Shell,
    seen: u64,
}

/// Runs scripts against one simulated world.
pub struct Runner {
    seed: u64,
    world: Option<World<ZkNode>>,
    clients: VecMap<String, ClientSlot>,
    last_output: Vec<String>,
    /// `expect` lines that did not hold: (line, message).
    pub failures: Vec<(usize, String)>,
    /// The Curator clients.
    pub curator: curator_lines::CuratorState,
    /// The fenced storage of `store` lines.
    pub storage: fencing::FencedStorage,
    /// The last `tickets` run.
    pub tickets: Option<tickets::TicketRun>,
}

/// What a run printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Output lines (`> LINE` echoes and command output), then `trace hash: ...`.
    pub lines: Vec<String>,
    /// Failed expectations.
    pub failures: Vec<(usize, String)>,
    /// The run's trace hash.
    pub trace_hash: u64,
}

/// The run's world, or the error of a line that needs one before `ensemble N` (a free
/// function so that a caller can borrow the world and the Curator clients at once).
fn started(
    world: &mut Option<World<ZkNode>>,
    line: usize,
) -> Result<&mut World<ZkNode>, ScenarioError> {
    world
        .as_mut()
        .ok_or_else(|| err(line, "start the script with 'ensemble N'"))
}

impl Runner {
    /// A runner with no ensemble yet.
    pub fn new(seed: u64) -> Self {
        Runner {
            seed,
            world: None,
            clients: VecMap::new(),
            last_output: Vec::new(),
            failures: Vec::new(),
            curator: curator_lines::CuratorState::default(),
            storage: fencing::FencedStorage::default(),
            tickets: None,
        }
    }

    /// The kernel node of client `name`.
    pub fn client_node(&self, name: &str) -> Option<NodeId> {
        self.clients.get(name).map(|c| c.node)
    }

    /// Give every cache started from now on a deliberate defect: for tests that show
    /// the comparison with real Curator catches a cache that is not Curator's.
    pub fn with_cache_fault(mut self, fault: CacheFault) -> Self {
        self.curator.host.caches.set_fault(fault);
        self
    }

    /// The world, once `ensemble` has run.
    pub fn world(&self) -> Option<&World<ZkNode>> {
        self.world.as_ref()
    }

    /// Mutable access to the world (the lab drives it between script lines).
    pub fn world_mut(&mut self) -> Option<&mut World<ZkNode>> {
        self.world.as_mut()
    }

    fn world_or(&mut self, line: usize) -> Result<&mut World<ZkNode>, ScenarioError> {
        started(&mut self.world, line)
    }

    fn node_of(&mut self, line: usize, sid: u64) -> Result<NodeId, ScenarioError> {
        let w = self.world_or(line)?;
        w.config()
            .node_of(sid)
            .ok_or_else(|| err(line, format!("there is no server {sid}")))
    }

    /// The status word of server `sid`.
    pub fn status_of(world: &World<ZkNode>, sid: u64) -> String {
        let Some(node) = world.config().node_of(sid) else {
            return "not running".into();
        };
        if world.node_state(node) == Some(NodeState::Down) {
            return "not running".into();
        }
        match world.node(node).and_then(ZkNode::server) {
            Some(s) => s.mode().unwrap_or("looking").to_string(),
            None => "not running".into(),
        }
    }

    /// The server that leads and serves (or the standalone server), if any.
    pub fn leader(world: &World<ZkNode>) -> Option<u64> {
        world.config().servers.iter().map(|s| s.sid).find(|&sid| {
            matches!(
                Self::status_of(world, sid).as_str(),
                "leader" | "standalone"
            )
        })
    }

    /// Whether a `wait until` condition holds in `world` now.
    pub fn holds(world: &World<ZkNode>, c: &Condition) -> bool {
        match c {
            Condition::Leader(None) => Self::leader(world).is_some(),
            Condition::Leader(Some(n)) => Self::leader(world) == Some(*n),
            Condition::Stable => world
                .config()
                .servers
                .iter()
                .all(|s| !matches!(Self::status_of(world, s.sid).as_str(), "looking")),
            Condition::Status(n, st) => Self::status_of(world, *n) == *st,
        }
    }

    fn four_letter(
        &mut self,
        line: usize,
        sid: u64,
        word: &str,
    ) -> Result<Vec<String>, ScenarioError> {
        let node = self.node_of(line, sid)?;
        let w = self.world_or(line)?;
        if w.node_state(node) == Some(NodeState::Down) {
            return Ok(vec![format!("server {sid} is not running")]);
        }
        w.apply(Command::Request(
            node,
            ZkInput::FourLetter(word.to_string()),
        ))
        .map_err(|e| err(line, e.to_string()))?;
        let reply = w
            .node(node)
            .and_then(ZkNode::server)
            .and_then(|s| s.four_letter_reply.clone())
            .unwrap_or_default();
        if reply.trim().is_empty() {
            return Ok(vec!["(no answer)".into()]);
        }
        Ok(reply.lines().map(str::to_string).collect())
    }

    /// Run one step; returns its output lines.
    pub fn run_step(&mut self, line: usize, step: &Step) -> Result<Vec<String>, ScenarioError> {
        let mut out = Vec::new();
        match step {
            Step::Ensemble { n, observers } => {
                if self.world.is_some() {
                    return Err(err(line, "the ensemble already exists"));
                }
                let cfg = ZkConfig::ensemble(*n, observers);
                cfg.validate()
                    .map_err(|e| err(line, e.problem.to_string()))?;
                self.world = Some(node::world(cfg, NetConfig::default(), self.seed));
            }
            Step::Start(ids) | Step::Stop(ids) => {
                let start = matches!(step, Step::Start(_));
                for &sid in ids {
                    let node = self.node_of(line, sid)?;
                    let w = self.world_or(line)?;
                    let down = w.node_state(node) == Some(NodeState::Down);
                    let cmd = match (start, down) {
                        (true, true) => Command::Restart(node),
                        (false, false) => Command::Crash(node),
                        (true, false) => {
                            return Err(err(line, format!("server {sid} is already running")))
                        }
                        (false, true) => {
                            return Err(err(line, format!("server {sid} is not running")))
                        }
                    };
                    w.apply(cmd).map_err(|e| err(line, e.to_string()))?;
                }
            }
            Step::Wait(d) if self.curator.active() => {
                let w = started(&mut self.world, line)?;
                out = curator_lines::wait(w, &mut self.curator, *d);
            }
            Step::Wait(d) => {
                let w = self.world_or(line)?;
                run_until_cond(w, *d, |_| false);
            }
            Step::Curator(l) => {
                let w = started(&mut self.world, line)?;
                let clients = &mut self.clients;
                // A Curator line on a plain client (one made by an earlier, separately
                // played `client` line) starts Curator on it.
                let plain = clients.get(l.client()).map(|c| c.node);
                if let Some(node) = plain.filter(|_| !self.curator.knows(l.client())) {
                    out = curator_lines::adopt(w, &mut self.curator, l.client(), node);
                }
                out.extend(curator_lines::run(
                    w,
                    &mut self.curator,
                    line,
                    l,
                    |name, node| {
                        clients.insert(
                            name.to_string(),
                            ClientSlot {
                                node,
                                shell: Shell::new("127.0.0.1:2181"),
                                seen: 0,
                            },
                        );
                    },
                )?);
            }
            Step::WaitUntil(c) => {
                if let Condition::Leader(Some(sid)) | Condition::Status(sid, _) = c {
                    self.node_of(line, *sid)?;
                }
                let held = if self.curator.active() {
                    let w = started(&mut self.world, line)?;
                    let (held, printed) =
                        curator_lines::wait_until(w, &mut self.curator, WAIT_UNTIL_LIMIT, |w| {
                            Self::holds(w, c)
                        });
                    out = printed;
                    held
                } else {
                    let w = self.world_or(line)?;
                    run_until_cond(w, WAIT_UNTIL_LIMIT, |w| Self::holds(w, c))
                };
                if !held {
                    out.push(format!(
                        "(still waiting after {}s)",
                        WAIT_UNTIL_LIMIT.0 / 1_000_000
                    ));
                }
            }
            Step::Status => {
                let sids: Vec<u64> = self
                    .world_or(line)?
                    .config()
                    .servers
                    .iter()
                    .map(|s| s.sid)
                    .collect();
                for sid in sids {
                    // zkServer.sh status asks srvr, which the server counts.
                    let node = self.node_of(line, sid)?;
                    let w = self.world_or(line)?;
                    if w.node_state(node) != Some(NodeState::Down) {
                        let _ = w.apply(Command::Request(node, ZkInput::FourLetter("srvr".into())));
                    }
                    out.push(format!("server {sid}: {}", Self::status_of(w, sid)));
                }
            }
            Step::FourLetter { word, sid } => out = self.four_letter(line, *sid, word)?,
            Step::Partition(groups) => {
                let mut node_groups: Vec<Vec<NodeId>> = Vec::new();
                for g in groups {
                    let mut ids = Vec::new();
                    for name in g {
                        if let Some(slot) = self.clients.get(name) {
                            ids.push(slot.node);
                        } else {
                            let sid = parse_ids(line, &[name.as_str()])?[0];
                            ids.push(self.node_of(line, sid)?);
                        }
                    }
                    node_groups.push(ids);
                }
                let named: Vec<NodeId> = node_groups.iter().flatten().copied().collect();
                for (i, n) in named.iter().enumerate() {
                    if named[..i].contains(n) {
                        let name = groups.iter().flatten().nth(i).cloned().unwrap_or_default();
                        return Err(err(line, format!("{name} is named twice in the partition")));
                    }
                }
                for slot in self.clients.values() {
                    if !named.contains(&slot.node) {
                        node_groups[0].push(slot.node);
                    }
                }
                let w = self.world_or(line)?;
                w.apply(Command::Partition(node_groups))
                    .map_err(|e| err(line, e.to_string()))?;
            }
            Step::Heal => {
                let w = self.world_or(line)?;
                w.apply(Command::Heal)
                    .map_err(|e| err(line, e.to_string()))?;
            }
            Step::Client { name, servers } => {
                if self.clients.contains_key(name) {
                    return Err(err(line, format!("client {name} already exists")));
                }
                if self.clients.len() >= CLIENTS_MAX {
                    return Err(err(line, format!("at most {CLIENTS_MAX} clients")));
                }
                let mut hosts = Vec::new();
                for &sid in servers {
                    self.node_of(line, sid)?;
                    let w = self.world_or(line)?;
                    let port = w.config().server(sid).map_or(2181, |s| s.client_port);
                    hosts.push(format!("127.0.0.1:{port}"));
                }
                let w = self.world_or(line)?;
                let node = node::add_client(w, name, servers, 30_000)
                    .map_err(|e| err(line, e.to_string()))?;
                let mut shell = Shell::new(&hosts.join(","));
                let mut seen = 0;
                let text = {
                    let w = self.world_or(line)?;
                    let mut d = Driver {
                        host: w,
                        client: node,
                        seen_events: &mut seen,
                        waits: Waits::SCRIPT,
                    };
                    shell.start(&mut d)
                };
                out.extend(text.lines().map(str::to_string));
                self.clients
                    .insert(name.clone(), ClientSlot { node, shell, seen });
            }
            Step::Kill(name) => {
                let node = self
                    .clients
                    .get(name)
                    .map(|c| c.node)
                    .ok_or_else(|| err(line, format!("there is no client {name}")))?;
                let w = self.world_or(line)?;
                if w.node_state(node) == Some(NodeState::Down) {
                    return Err(err(line, format!("client {name} is not running")));
                }
                w.apply(Command::Crash(node))
                    .map_err(|e| err(line, e.to_string()))?;
                self.curator.host.kill(name);
            }
            Step::Pause(name) | Step::Resume(name) => {
                let node = self
                    .clients
                    .get(name)
                    .map(|c| c.node)
                    .ok_or_else(|| err(line, format!("there is no client {name}")))?;
                let w = self.world_or(line)?;
                let state = w.node_state(node);
                let cmd = match (step, state) {
                    (Step::Pause(_), Some(NodeState::Up)) => Command::Pause(node),
                    (Step::Resume(_), Some(NodeState::Paused)) => Command::Resume(node),
                    (Step::Pause(_), _) => {
                        return Err(err(line, format!("client {name} is not running")))
                    }
                    _ => return Err(err(line, format!("client {name} is not paused"))),
                };
                w.apply(cmd).map_err(|e| err(line, e.to_string()))?;
            }
            Step::Store { name, path, value } => {
                if !self.clients.contains_key(name) {
                    return Err(err(line, format!("there is no client {name}")));
                }
                let token = fencing::token_of(&self.curator.host, name, path);
                let w = fencing::StorageWrite::new(name, value, token);
                out.push(self.storage.write(w).to_string());
            }
            Step::HolderUnlock { path, kind } => {
                let holder = self.curator.host.clients.iter().find(|(_, c)| {
                    c.recipes.values().any(|r| {
                        r.path == *path
                            && r.kind.split(' ').next() == Some(kind.as_str())
                            && r.lock.holding().is_some()
                    })
                });
                match holder.map(|(n, _)| n.clone()) {
                    None => out.push(format!("nobody holds {path}")),
                    Some(name) => {
                        let unlock = Step::Curator(curator_lines::CuratorLine::Unlock {
                            name,
                            path: path.clone(),
                            kind: kind.clone(),
                        });
                        out = self.run_step(line, &unlock)?;
                    }
                }
            }
            Step::Tickets { sellers, lock } => {
                for s in sellers {
                    if !self.curator.host.clients.contains_key(s) {
                        return Err(err(
                            line,
                            format!("there is no Curator client {s} (client {s} 1)"),
                        ));
                    }
                }
                let w = started(&mut self.world, line)?;
                let run = tickets::run(w, &mut self.curator.host, sellers, lock.as_deref())
                    .map_err(|e| err(line, e))?;
                out.extend(run.lines.iter().cloned());
                self.tickets = Some(run);
            }
            Step::Cli { name, command } => {
                let world = started(&mut self.world, line)?;
                let slot = self.clients.get_mut(name).ok_or_else(|| {
                    err(
                        line,
                        format!("there is no client {name} (client {name} 1,2,3)"),
                    )
                })?;
                let mut d = Driver {
                    host: world,
                    client: slot.node,
                    seen_events: &mut slot.seen,
                    waits: Waits::SCRIPT,
                };
                let text = slot.shell.execute(command, &mut d);
                out.extend(text.lines().map(str::to_string));
            }
            Step::Expect(e) => {
                let w = self.world_or(line)?;
                let problem = match e {
                    Expectation::Leader(n) => {
                        let got = Self::leader(w);
                        (got != Some(*n)).then(|| format!("expected leader {n}, got {got:?}"))
                    }
                    Expectation::NoLeader => {
                        Self::leader(w).map(|l| format!("expected no leader, {l} leads"))
                    }
                    Expectation::Status(n, st) => {
                        let got = Self::status_of(w, *n);
                        (got != *st).then(|| format!("expected server {n} {st}, got {got}"))
                    }
                    Expectation::Zxid(n, z) => {
                        let got = w
                            .config()
                            .node_of(*n)
                            .and_then(|id| w.node(id))
                            .and_then(ZkNode::server)
                            .map(|s| s.store.last_processed());
                        (got != Some(*z))
                            .then(|| format!("expected server {n} at zxid 0x{z:x}, got {got:x?}"))
                    }
                    Expectation::Output(text) => {
                        let found = self.last_output.iter().any(|l| l.contains(text.as_str()));
                        (!found).then(|| format!("the previous output does not contain '{text}'"))
                    }
                };
                if let Some(p) = problem {
                    out.push(format!("EXPECT FAILED: {p}"));
                    self.failures.push((line, p));
                }
                return Ok(out);
            }
        }
        // What the Curator clients printed meanwhile (listeners, caches, grants) comes
        // after the line's own output, once the world has settled.
        if self.curator.active() && !matches!(step, Step::Curator(_) | Step::Wait(_)) {
            if let Some(w) = self.world.as_mut() {
                out.extend(curator_lines::wait(w, &mut self.curator, SimDuration::ZERO));
            }
        }
        self.last_output = out.clone();
        Ok(out)
    }

    /// Run a whole script.
    pub fn run(&mut self, script: &Script) -> Result<Report, ScenarioError> {
        let mut lines = Vec::new();
        for (line, text, step) in &script.steps {
            lines.push(format!("> {text}"));
            lines.extend(self.run_step(*line, step)?);
        }
        let trace_hash = self.world.as_ref().map_or(0, World::trace_hash);
        lines.push(format!("trace hash: {trace_hash:016x}"));
        Ok(Report {
            lines,
            failures: self.failures.clone(),
            trace_hash,
        })
    }
}

/// Parse and run `text` with `seed`.
pub fn run_text(text: &str, seed: u64) -> Result<Report, ScenarioError> {
    let script = parse(text)?;
    Runner::new(seed).run(&script)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_ensembles_partitions_and_waits_are_refused() {
        for (script, word) in [
            ("ensemble 3 observers 1,2,3\n", "participant"),
            ("ensemble 3\npartition 1 | 1\n", "twice"),
            ("ensemble 3\nwait until status 9 leader\n", "no server 9"),
            ("ensemble 3\nwait until leader 9\n", "no server 9"),
        ] {
            let e = run_text(script, 1).expect_err(script);
            assert!(e.to_string().contains(word), "{script}: {e}");
            assert_eq!(e.line, script.lines().count(), "{script}: {e}");
        }
    }

    #[test]
    fn bad_lines_are_errors_with_line_numbers() {
        assert_eq!(parse("ensemble 3\nfly away\n").unwrap_err().line, 2);
        assert!(parse("wait 5").unwrap_err().message.contains("unit"));
        assert!(parse("start").is_err());
        assert!(parse("start x").is_err());
        assert!(parse("ensemble 99").is_err());
        assert!(parse("expect status 1 sleepy").is_err());
        assert!(parse("partition 1 2").is_err());
        assert!(parse("c1>").is_err());
        let ok = parse(
            "# hi\nensemble 3 observers 3\nstart 1,2 3\nc1> ls /\nexpect output [zookeeper]\n",
        )
        .unwrap();
        assert_eq!(ok.steps.len(), 4);
    }

    #[test]
    fn running_needs_an_ensemble_and_reports_errors() {
        let e = run_text("start 1\n", 1).unwrap_err();
        assert_eq!(e.line, 1);
        let e = run_text("ensemble 3\nstop 1\n", 1).unwrap_err();
        assert!(e.message.contains("not running"));
        let e = run_text("ensemble 3\nc9> ls /\n", 1).unwrap_err();
        assert!(e.message.contains("no client"));
    }
}
