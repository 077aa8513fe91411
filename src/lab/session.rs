//! One lab run: a [`Timeline`] of a simulated ZooKeeper ensemble plus the learner's
//! zkCli shells, and every operation the lab page performs on it.
//!
//! This module is pure Rust (no DOM), so it is unit-tested natively. The page owns one
//! `LabSession` in an `Rc<RefCell<_>>` and calls [`LabSession::advance`] once per
//! animation frame. Everything the learner does goes through the timeline, so it is
//! logged in the run's reproduction key and forks the run when done in the past.
//! Servers are addressed by `myid` (sid), clients and messages by kernel id; naming
//! something that does not exist is an error value, never a panic.

use super::scenarios::PreludeProblem;
use super::setup::{LabSetup, SetupError};
use super::share::FileProblem;
use zooscope_core::command::{Command, CommandError, CommandOf};
use zooscope_core::id::{MsgId, NodeId};
use zooscope_core::process::NodeInit;
use zooscope_core::protocols::zookeeper::client::driver::{SimHost, Waits, XidRead};
use zooscope_core::protocols::zookeeper::client::library::ClientState;
use zooscope_core::protocols::zookeeper::data::acl::open_acl_unsafe;
use zooscope_core::protocols::zookeeper::data::request::{CreateMode, ZkRequest};
use zooscope_core::protocols::zookeeper::lab_view::console::JAVA_PROMPT;
use zooscope_core::protocols::zookeeper::lab_view::console::{ConsoleError, LabConsole};
use zooscope_core::protocols::zookeeper::node::{ZkInput, ZkNode, ZkSpec};
use zooscope_core::repro::{KeyError, ReproKey};
use zooscope_core::scenario::curator_console::{is_curator, CuratorConsole};
use zooscope_core::time::{SimDuration, SimTime};
use zooscope_core::timeline::{ReplayError, Timeline};
use zooscope_core::world::{NodeState, World};

/// Most clients the lab lets the learner add.
pub const CLIENTS_MAX: usize = 20;
/// Most events "Next" may run looking for a state change.
pub const NEXT_EVENTS_MAX: u64 = 200_000;
/// Longest simulated time one idle jump may skip.
pub const IDLE_JUMP_MAX: SimDuration = SimDuration::from_secs(30);
/// Most events a shared link may need to replay (keeps a hostile link from freezing
/// the page).
pub const REPLAY_EVENTS_MAX: u64 = 3_000_000;
/// Most events a seek may run past the furthest step reached.
pub const SEEK_AHEAD_MAX: u64 = 200_000;
/// Longest a zkCli command may wait for its reply (simulated).
pub const CLI_WAIT: SimDuration = SimDuration::from_secs(30);
/// Longest a zkCli connect or close may wait (simulated).
pub const CLI_SESSION_WAIT: SimDuration = SimDuration::from_secs(20);
/// Most events one zkCli wait may run.
pub const CLI_EVENTS_MAX: u64 = 400_000;
/// Longest one zkCli `sleep` lasts, ms.
pub const CLI_SLEEP_MAX_MS: u64 = 60_000;
/// The lab console's waits: short, bounded in events, and (through [`LabHost`]) moving
/// only the displayed clock. A call reads its xid before the request, so one to a paused
/// client waits and ends in ConnectionLoss.
const CLI_WAITS: Waits = Waits {
    call: CLI_WAIT,
    session: CLI_SESSION_WAIT,
    events: CLI_EVENTS_MAX,
    settle_clock: true,
    sleep_max_ms: CLI_SLEEP_MAX_MS,
    xid: XidRead::BeforeRequest,
};
/// Session timeout the lab's clients ask for, ms.
pub const CLIENT_TIMEOUT_MS: i32 = 30_000;
/// Most writes the "send a write" button numbers (then it wraps).
const WRITE_SEQ_MAX: u64 = 1_000_000;

/// Why the lab refused something, as data; [`super::share::error_text`] words it for
/// the learner in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabError {
    /// A reproduction key (link or file) is bad.
    Key(KeyError),
    /// A run file cannot be loaded.
    File(FileProblem),
    /// The setup (ensemble size, zoo.cfg) is invalid.
    Setup(SetupError),
    /// A scenario's prelude could not be played.
    Prelude {
        /// The scenario (`None` while a single step runs outside one).
        scenario: Option<&'static str>,
        /// What went wrong.
        problem: PreludeProblem,
    },
    /// The core refused a command.
    Command(CommandError),
    /// A partition with fewer than two non-empty groups.
    PartitionGroups,
    /// The zkCli console refused a line.
    Console(ConsoleError),
    /// A server id that does not exist.
    NoServer(u64),
    /// A client id that does not exist.
    NoClient(u32),
    /// Too many clients.
    TooManyClients,
    /// No client is connected to send a write through.
    NoConnectedClient,
}

impl std::fmt::Display for LabError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LabError::Key(e) => write!(f, "{e}"),
            LabError::File(e) => write!(f, "the run file cannot be read: {e}"),
            LabError::Setup(e) => write!(f, "{e}"),
            LabError::Prelude {
                scenario: Some(id),
                problem,
            } => write!(f, "scenario {id}: {problem}"),
            LabError::Prelude {
                scenario: None,
                problem,
            } => write!(f, "{problem}"),
            LabError::Command(e) => write!(f, "{e}"),
            LabError::PartitionGroups => {
                write!(f, "a partition needs at least two non-empty groups")
            }
            LabError::Console(e) => write!(f, "{e:?}"),
            LabError::NoServer(s) => write!(f, "there is no server {s}"),
            LabError::NoClient(c) => write!(f, "there is no client n{c}"),
            LabError::TooManyClients => write!(f, "at most {CLIENTS_MAX} clients"),
            LabError::NoConnectedClient => write!(f, "no client is connected"),
        }
    }
}

impl From<KeyError> for LabError {
    fn from(e: KeyError) -> Self {
        LabError::Key(e)
    }
}

/// A logged command of a lab run that could not be re-applied.
pub type LabReplayError = ReplayError<Command<ZkInput, ZkSpec>>;

/// The lab's run.
#[derive(Clone, Debug)]
pub struct LabSession {
    timeline: Timeline<ZkNode>,
    /// The clock the learner sees. The world's own clock stays at its last event (or
    /// command): moving it between events is not part of the reproduction key, and
    /// the kernel schedules a few things from its clock, so a replay could differ.
    display: SimTime,
    console: LabConsole,
    /// The Curator clients the console's Curator lines run on.
    curator: CuratorConsole,
    writes: u64,
    forks: u32,
    /// The timeline's current replay error has been handed to the page already.
    replay_reported: bool,
}

impl LabSession {
    /// A fresh run of `setup`: servers started together at time zero, clients added and
    /// told to open their sessions.
    pub fn new(setup: &LabSetup) -> Result<Self, LabError> {
        let config = setup.config().map_err(LabError::Setup)?;
        let mut world = World::new(config, setup.net(), setup.seed);
        install_checks(&mut world);
        let mut session = LabSession::wrap(Timeline::new(world));
        for _ in 0..setup.clients.min(CLIENTS_MAX as u32) {
            session.add_client()?;
        }
        Ok(session)
    }

    /// The run of a reproduction key, at the key's position (or after its last command),
    /// with the rest of its command log kept as the future. A logged command that cannot
    /// be re-applied stops the run right before it (see [`LabSession::take_replay_stop`]):
    /// the learner keeps the run up to there and the whole log. The lab's own limits
    /// (its server range, its replay length) are checked first; the replay itself is the
    /// core's one path, [`Timeline::replay_key`], with the lab's invariants installed.
    pub fn from_key(key: &ReproKey<ZkNode>) -> Result<Self, LabError> {
        key.config
            .validate()
            .map_err(|e| LabError::Key(KeyError::Replay(e.to_string())))?;
        if key.config.servers.is_empty() || key.config.servers.len() > super::setup::SERVERS_MAX {
            return Err(LabError::Key(KeyError::Replay(format!(
                "the lab runs 1 to {} servers",
                super::setup::SERVERS_MAX
            ))));
        }
        let last = key.log.last().map_or(0, |l| l.at_step);
        let end = key.position.map_or(last, |p| p.step.max(last));
        if end > REPLAY_EVENTS_MAX {
            return Err(LabError::Key(KeyError::Replay(format!(
                "it needs more than {REPLAY_EVENTS_MAX} events"
            ))));
        }
        Ok(LabSession::wrap(Timeline::replay_key(key, install_checks)?))
    }

    /// A session over a world another lab runs (the lock lab's scenario runner), so
    /// the election lab's views (the cluster view) can draw it. Its timeline starts at
    /// that world's present.
    pub fn of_world(world: World<ZkNode>) -> Self {
        LabSession::wrap(Timeline::new(world))
    }

    /// Decode a key's text and build its run.
    pub fn from_key_text(text: &str) -> Result<Self, LabError> {
        let key = ReproKey::<ZkNode>::decode(text)?;
        LabSession::from_key(&key)
    }

    fn wrap(timeline: Timeline<ZkNode>) -> Self {
        LabSession {
            display: timeline.world().now(),
            timeline,
            console: LabConsole::new(),
            curator: CuratorConsole::new(),
            writes: 0,
            forks: 0,
            replay_reported: false,
        }
    }

    // ----- reading -------------------------------------------------------------------

    /// The timeline.
    pub fn timeline(&self) -> &Timeline<ZkNode> {
        &self.timeline
    }

    /// The world at the current position.
    pub fn world(&self) -> &World<ZkNode> {
        self.timeline.world()
    }

    /// Events processed.
    pub fn steps(&self) -> u64 {
        self.world().steps()
    }

    /// The simulated clock as displayed (at or after the world's last event).
    pub fn now(&self) -> SimTime {
        self.display.max(self.world().now())
    }

    /// The trace hash as 16 hex digits.
    pub fn trace_hash_hex(&self) -> String {
        format!("{:016x}", self.world().trace_hash())
    }

    /// The furthest step reached (the slider's right end).
    pub fn furthest(&self) -> u64 {
        self.timeline.furthest_step()
    }

    /// True when the position is in the past (a command now would fork the run).
    pub fn rewound(&self) -> bool {
        is_rewound(&self.timeline)
    }

    /// How many times the learner forked the run.
    pub fn forks(&self) -> u32 {
        self.forks
    }

    /// The logged command the run is stopped before, if one could not be re-applied.
    pub fn replay_error(&self) -> Option<&LabReplayError> {
        self.timeline.replay_error()
    }

    /// The replay error once per occurrence: `Some` the first time it is asked after the
    /// run stopped, `None` after that until a rewind or an action clears it and the run
    /// meets a refused command again.
    pub fn take_replay_stop(&mut self) -> Option<LabReplayError> {
        let e = self.timeline.replay_error()?;
        if self.replay_reported {
            return None;
        }
        self.replay_reported = true;
        Some(e.clone())
    }

    /// The reproduction key text of the whole known run, pointing at the position.
    pub fn key_text(&self) -> String {
        self.timeline.key().encode()
    }

    /// Messages on the wire.
    pub fn in_flight(&self) -> usize {
        self.world().in_flight().count()
    }

    /// Kernel node of server `sid`.
    pub fn node_of(&self, sid: u64) -> Result<NodeId, LabError> {
        self.world()
            .config()
            .node_of(sid)
            .ok_or(LabError::NoServer(sid))
    }

    /// Server ids in ring order.
    pub fn server_ids(&self) -> Vec<u64> {
        self.world()
            .config()
            .servers
            .iter()
            .map(|s| s.sid)
            .collect()
    }

    /// Kernel ids of the clients, in order.
    pub fn client_ids(&self) -> Vec<u32> {
        let w = self.world();
        w.node_ids()
            .into_iter()
            .filter(|&n| matches!(w.spec(n), Some(ZkSpec::Client { .. })))
            .map(|n| n.0)
            .collect()
    }

    fn check_client(&self, client: u32) -> Result<NodeId, LabError> {
        let n = NodeId(client);
        match self.world().spec(n) {
            Some(ZkSpec::Client { .. }) => Ok(n),
            _ => Err(LabError::NoClient(client)),
        }
    }

    // ----- time ----------------------------------------------------------------------

    /// Advance the clock by `sim_us`, processing at most `max_events` events; returns
    /// the events processed. When the limit stops it early, the clock waits at the
    /// last event (the run slows down rather than the page).
    pub fn advance(&mut self, sim_us: u64, max_events: u64) -> u64 {
        let target = SimTime(self.now().0.saturating_add(sim_us));
        let ran = self.run_events_until(target, max_events);
        let behind = self.world().next_event_time().is_some_and(|t| t <= target);
        self.display = if behind { self.world().now() } else { target };
        ran
    }

    /// Step events due at or before `target`, at most `max_events` (with logged future
    /// commands re-applied in place by the timeline).
    fn run_events_until(&mut self, target: SimTime, max_events: u64) -> u64 {
        let mut ran = 0;
        while ran < max_events {
            match self.world().next_event_time() {
                Some(t) if t <= target => {
                    if !self.timeline.step() {
                        break;
                    }
                    ran += 1;
                }
                _ => break,
            }
        }
        ran
    }

    /// Nothing is on the wire: jump the clock to the next event (at most
    /// [`IDLE_JUMP_MAX`] ahead) and process what is due then. Returns the events run.
    pub fn jump_idle(&mut self, max_events: u64) -> u64 {
        let now = self.now();
        let Some(next) = self.world().next_event_time() else {
            return 0;
        };
        let target = SimTime(next.0.min(now.0.saturating_add(IDLE_JUMP_MAX.0)));
        let ran = self.run_events_until(target, max_events);
        self.display = target.max(self.world().now());
        ran
    }

    /// Exactly one event; false when the run has nothing left to do.
    pub fn step(&mut self) -> bool {
        let ok = self.timeline.step();
        self.display = self.world().now();
        ok
    }

    /// Run to the next state change; returns the events processed.
    pub fn next_change(&mut self) -> u64 {
        let n = self.timeline.next_state_change(NEXT_EVENTS_MAX);
        self.display = self.world().now();
        n
    }

    /// Move to the position after `step` events (at most [`SEEK_AHEAD_MAX`] events past
    /// the furthest step reached, so a stray request cannot freeze the page).
    pub fn seek(&mut self, step: u64) -> Result<(), LabError> {
        let step = step.min(self.furthest().saturating_add(SEEK_AHEAD_MAX));
        // A seek rewinds (clearing a replay error); meeting it again is news.
        self.replay_reported = false;
        let r = self.timeline.seek(step).map_err(LabError::from);
        self.display = self.world().now();
        r
    }

    // ----- acting --------------------------------------------------------------------

    /// Apply a core command (forks the run when rewound). Returns whether it forked.
    pub fn apply(&mut self, command: Command<ZkInput, ZkSpec>) -> Result<bool, LabError> {
        self.sync_clock();
        let forking = self.rewound();
        self.replay_reported = false;
        self.timeline.apply(command).map_err(LabError::Command)?;
        if forking {
            self.forks = self.forks.saturating_add(1);
        }
        Ok(forking)
    }

    /// Bring the world's clock to the displayed one, so a command lands at the moment the
    /// learner sees (the key logs that time; a replay puts the clock there too).
    fn sync_clock(&mut self) {
        let display = self.display;
        if display > self.world().now() && !self.rewound() {
            // Fails only if an event is due before `display`; then it stays put.
            let _ = self.timeline.world_mut().advance_clock_to(display);
        }
    }

    /// Crash server `sid`.
    pub fn crash(&mut self, sid: u64) -> Result<bool, LabError> {
        let n = self.node_of(sid)?;
        self.apply(Command::Crash(n))
    }

    /// Restart server `sid`.
    pub fn restart(&mut self, sid: u64) -> Result<bool, LabError> {
        let n = self.node_of(sid)?;
        self.apply(Command::Restart(n))
    }

    /// Freeze server `sid`.
    pub fn pause(&mut self, sid: u64) -> Result<bool, LabError> {
        let n = self.node_of(sid)?;
        self.apply(Command::Pause(n))
    }

    /// Unfreeze server `sid`.
    pub fn resume(&mut self, sid: u64) -> Result<bool, LabError> {
        let n = self.node_of(sid)?;
        self.apply(Command::Resume(n))
    }

    /// Cut both directions between servers `a` and `b`.
    pub fn cut(&mut self, a: u64, b: u64) -> Result<bool, LabError> {
        let (from, to) = (self.node_of(a)?, self.node_of(b)?);
        self.apply(Command::CutLink {
            from,
            to,
            one_way: false,
        })
    }

    /// Heal the link between servers `a` and `b`.
    pub fn heal_link(&mut self, a: u64, b: u64) -> Result<bool, LabError> {
        let (from, to) = (self.node_of(a)?, self.node_of(b)?);
        self.apply(Command::HealLink(from, to))
    }

    /// Whether the path between two servers is cut in either direction.
    pub fn link_cut(&self, a: u64, b: u64) -> bool {
        match (self.node_of(a), self.node_of(b)) {
            (Ok(x), Ok(y)) => !self.world().net().reachable_both(x, y),
            _ => false,
        }
    }

    /// Heal every partition, cut and clog.
    pub fn heal_all(&mut self) -> Result<bool, LabError> {
        self.apply(Command::Heal)
    }

    /// Split the ensemble: `groups` of server ids. Each client joins the group of the
    /// server it is connected to (else the first group).
    pub fn partition(&mut self, groups: &[Vec<u64>]) -> Result<bool, LabError> {
        let mut node_groups: Vec<Vec<NodeId>> = Vec::new();
        for g in groups.iter().filter(|g| !g.is_empty()) {
            let mut ids = Vec::new();
            for &sid in g {
                ids.push(self.node_of(sid)?);
            }
            node_groups.push(ids);
        }
        if node_groups.len() < 2 {
            return Err(LabError::PartitionGroups);
        }
        for c in self.client_ids() {
            let n = NodeId(c);
            let home = self
                .world()
                .node(n)
                .and_then(ZkNode::client)
                .and_then(|cl| cl.connected_to())
                .and_then(|srv| node_groups.iter().position(|g| g.contains(&srv)))
                .unwrap_or(0);
            node_groups[home].push(n);
        }
        self.apply(Command::Partition(node_groups))
    }

    /// Lose in-flight message `id`.
    pub fn drop_message(&mut self, id: u64) -> Result<bool, LabError> {
        self.apply(Command::DropMessage(MsgId(id)))
    }

    /// Hold in-flight message `id` back by `ms` milliseconds.
    pub fn delay_message(&mut self, id: u64, ms: u64) -> Result<bool, LabError> {
        self.apply(Command::DelayMessage(
            MsgId(id),
            SimDuration::from_millis(ms.clamp(1, 60_000)),
        ))
    }

    /// Add a client connected to every server and open its session; returns its kernel
    /// id.
    pub fn add_client(&mut self) -> Result<u32, LabError> {
        if self.client_ids().len() >= CLIENTS_MAX {
            return Err(LabError::TooManyClients);
        }
        let id = self.world().node_count() as u32;
        let servers = self.server_ids();
        let name = format!("c{}", self.client_ids().len() + 1);
        self.apply(Command::AddNode(NodeInit {
            spec: ZkSpec::Client {
                name,
                servers,
                timeout_ms: CLIENT_TIMEOUT_MS,
            },
            running: true,
        }))?;
        self.apply(Command::Request(NodeId(id), ZkInput::Open))?;
        Ok(id)
    }

    /// Send one write (`create /w-N vN`) through `client`, or through the first
    /// connected client when `None`. The write travels like any other request; its
    /// reply arrives when the simulation gets there. Returns the client used.
    pub fn send_write(&mut self, client: Option<u32>) -> Result<u32, LabError> {
        let c = match client {
            Some(c) => self.check_client(c)?.0,
            None => self
                .client_ids()
                .into_iter()
                .find(|&c| {
                    self.world()
                        .node(NodeId(c))
                        .and_then(ZkNode::client)
                        .is_some_and(|cl| cl.state == ClientState::Connected)
                })
                .ok_or(LabError::NoConnectedClient)?,
        };
        self.writes = self.writes % WRITE_SEQ_MAX + 1;
        let n = self.writes;
        let req = ZkRequest::Create {
            path: format!("/w-{n}"),
            data: Some(format!("v{n}").into_bytes()),
            acl: open_acl_unsafe(),
            mode: CreateMode::Persistent,
            ttl: -1,
        };
        self.apply(Command::Request(NodeId(c), ZkInput::Submit(req)))?;
        Ok(c)
    }

    /// Benchmark load: `setData /zooscope-bench` through `client` (the node is created by
    /// the first call; later ones overwrite it, so the data tree stays small).
    pub fn send_bench_write(&mut self, client: u32) -> Result<(), LabError> {
        let n = self.check_client(client)?;
        let path = "/zooscope-bench".to_string();
        let req = if self.writes == 0 {
            ZkRequest::Create {
                path,
                data: Some(b"0".to_vec()),
                acl: open_acl_unsafe(),
                mode: CreateMode::Persistent,
                ttl: -1,
            }
        } else {
            ZkRequest::SetData {
                path,
                data: Some(self.writes.to_string().into_bytes()),
                version: -1,
            }
        };
        self.writes = self.writes % WRITE_SEQ_MAX + 1;
        self.apply(Command::Request(n, ZkInput::Submit(req)))?;
        Ok(())
    }

    /// Run one zkCli line on `client` and return what zkCli prints (the transcript is
    /// kept in [`LabSession::console`]). The call blocks in simulated time: the run
    /// advances (every server, every message) until the reply arrives, at most
    /// [`CLI_WAIT`].
    ///
    /// A Curator line (a Java statement such as `client.create().forPath("/a")`, or a
    /// recipe line such as `lock /l`; see [`is_curator`]) runs on the client's Curator
    /// instead and prints what the scenario's `NAME curator …` line prints; after a zkCli
    /// line, what running Curator clients printed meanwhile follows its output.
    pub fn zkcli(&mut self, client: u32, line: &str) -> Result<String, LabError> {
        let node = self.check_client(client)?;
        self.sync_clock();
        self.replay_reported = false;
        let curator = is_curator(line);
        if curator && line.len() > zooscope_core::protocols::zookeeper::lab_view::console::LINE_MAX
        {
            return Err(LabError::Console(ConsoleError::LineTooLong));
        }
        let name = match self.world().spec(node) {
            Some(ZkSpec::Client { name, .. }) => name.clone(),
            _ => return Err(LabError::NoClient(client)),
        };
        let step = self.world().steps();
        let mut host = LabHost {
            timeline: &mut self.timeline,
            forks: &mut self.forks,
            clock: self.display,
        };
        let out = if curator {
            let text = joined(&self.curator.run(&mut host, &name, node, line));
            self.console
                .record(client, JAVA_PROMPT, line.trim(), &text, step)
                .map(|()| text)
        } else {
            self.console
                .run_with(&mut host, client, line, CLI_WAITS)
                .map(|mut out| {
                    let more = joined(&self.curator.after_other_line(&mut host));
                    let at = host.timeline.world().steps();
                    self.console.append_output(client, &more, at);
                    out.push_str(&more);
                    out
                })
        }
        .map_err(LabError::Console);
        let clock = host.clock;
        self.display = clock.max(self.timeline.world().now());
        out
    }

    /// The zkCli consoles (transcripts per client).
    pub fn console(&self) -> &LabConsole {
        &self.console
    }

    /// Whether a node's process is up, paused or down.
    pub fn node_state(&self, node: NodeId) -> NodeState {
        self.world().node_state(node).unwrap_or(NodeState::Down)
    }
}

/// Output lines as one printed block (each line ends with a newline, as printed).
fn joined(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Install every ZooKeeper safety checker (they run after each step; what they find is
/// the invariant panel's content and the timeline's red marks).
fn install_checks(world: &mut World<ZkNode>) {
    for check in zooscope_core::invariants::all() {
        world.add_invariant(check);
    }
}

/// True when `t` stands in the past (a command now would fork the run).
fn is_rewound(t: &Timeline<ZkNode>) -> bool {
    !t.future().is_empty() || t.world().steps() < t.furthest_step()
}

/// What zkCli's blocking client (the core's `Driver`) runs on in the lab: the timeline,
/// so a request typed while rewound forks the run (and is counted as a fork), with the
/// displayed clock the learner sees. Waits start from that clock and time that passes
/// with nothing to do moves it, never the world's (see [`LabSession`]'s `display`).
struct LabHost<'a> {
    timeline: &'a mut Timeline<ZkNode>,
    forks: &'a mut u32,
    /// The displayed clock (the world's stays at its last event).
    clock: SimTime,
}

impl SimHost for LabHost<'_> {
    fn sim(&self) -> &World<ZkNode> {
        self.timeline.world()
    }

    /// Apply a request at the displayed time (the clock is brought there first unless
    /// logged commands lie ahead), counting a fork.
    fn command(&mut self, c: CommandOf<ZkNode>) -> Result<(), CommandError> {
        if self.clock > self.timeline.world().now() && self.timeline.future().is_empty() {
            // Fails only if an event is due before the displayed clock; then it stays put.
            let _ = self.timeline.world_mut().advance_clock_to(self.clock);
        }
        let forking = is_rewound(self.timeline);
        self.timeline.apply(c)?;
        if forking {
            *self.forks = self.forks.saturating_add(1);
        }
        Ok(())
    }

    fn advance(&mut self) -> bool {
        self.timeline.step()
    }

    /// Step the events due by `until` (at most `max_events`), then show `until` on the
    /// displayed clock.
    fn run_to(&mut self, until: SimTime, max_events: u64) {
        let mut budget = max_events;
        while budget > 0
            && self
                .timeline
                .world()
                .next_event_time()
                .is_some_and(|t| t <= until)
        {
            self.timeline.step();
            budget -= 1;
        }
        self.clock = self.clock.max(until);
    }

    /// The displayed clock (waits start from it).
    fn now(&self) -> SimTime {
        self.clock.max(self.timeline.world().now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_core::command::CommandError;
    use zooscope_core::timeline::ReplayRefusal;
    use zooscope_core::Protocol;

    fn statuses(s: &LabSession) -> Vec<&'static str> {
        s.server_ids()
            .iter()
            .map(|&sid| {
                let n = s.node_of(sid).unwrap();
                s.world().node(n).map_or("stopped", |p| p.status())
            })
            .collect()
    }

    fn run_ms(s: &mut LabSession, ms: u64) {
        for _ in 0..ms {
            s.advance(1_000, 10_000);
        }
    }

    fn leader(s: &LabSession) -> Option<u64> {
        s.server_ids().into_iter().find(|&sid| {
            let n = s.node_of(sid).unwrap();
            s.world()
                .node(n)
                .and_then(ZkNode::server)
                .is_some_and(|srv| srv.status() == "LEADING" && srv.serving())
        })
    }

    #[test]
    fn default_setup_elects_a_leader_and_recovers_from_a_crash() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        assert_eq!(s.client_ids().len(), 2);
        run_ms(&mut s, 3_000);
        let first = leader(&s).unwrap_or_else(|| panic!("no leader: {:?}", statuses(&s)));
        s.crash(first).unwrap();
        run_ms(&mut s, 6_000);
        let second = leader(&s).unwrap_or_else(|| panic!("no new leader: {:?}", statuses(&s)));
        assert_ne!(first, second);
        assert_eq!(statuses(&s).iter().filter(|&&x| x == "stopped").count(), 1);
    }

    #[test]
    fn advance_is_bounded_and_step_is_one_event() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        let n = s.advance(10_000_000, 7);
        assert!(n <= 7);
        let before = s.steps();
        assert!(s.step());
        assert_eq!(s.steps(), before + 1);
    }

    #[test]
    fn key_reproduces_the_run_exactly() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        run_ms(&mut s, 1_500);
        let sid = leader(&s).expect("leader");
        s.crash(sid).unwrap();
        run_ms(&mut s, 700);
        s.send_write(None).ok();
        run_ms(&mut s, 50);
        let key = s.key_text();
        let copy = LabSession::from_key_text(&key).unwrap();
        assert_eq!(copy.steps(), s.steps());
        assert_eq!(copy.world().now(), s.world().now());
        assert_eq!(copy.trace_hash_hex(), s.trace_hash_hex());
        assert_eq!(copy.world().state_hash(), s.world().state_hash());
    }

    #[test]
    fn a_rewound_key_keeps_its_future() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        run_ms(&mut s, 1_500);
        let sid = leader(&s).expect("leader");
        s.crash(sid).unwrap();
        run_ms(&mut s, 500);
        let end_hash = s.trace_hash_hex();
        let end = s.steps();
        s.seek(end / 3).unwrap();
        assert!(s.rewound());
        let key = s.key_text();
        let mut copy = LabSession::from_key_text(&key).unwrap();
        assert_eq!(copy.steps(), end / 3);
        assert_eq!(copy.trace_hash_hex(), s.trace_hash_hex());
        copy.seek(end).unwrap();
        s.seek(end).unwrap();
        assert_eq!(copy.trace_hash_hex(), end_hash);
        assert_eq!(s.trace_hash_hex(), end_hash);
    }

    /// A key whose log crashes a server a second time while it is still down, pointing
    /// at a position before that command; also the second command's index and step.
    fn key_with_a_double_crash() -> (ReproKey<ZkNode>, usize, u64) {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        run_ms(&mut s, 1_500);
        let sid = leader(&s).expect("leader");
        s.crash(sid).unwrap();
        run_ms(&mut s, 300);
        let before = s.world().position();
        run_ms(&mut s, 300);
        let mut key = s.timeline().key();
        let index = key.log.len();
        let at = s.world().position();
        key.log.push(zooscope_core::command::Logged {
            at_step: at.step,
            at_time: at.time,
            command: Command::Crash(s.node_of(sid).unwrap()),
        });
        key.position = Some(before);
        (key, index, at.step)
    }

    #[test]
    fn a_command_that_cannot_be_replayed_stops_the_run_and_is_reported_once() {
        let (key, index, at_step) = key_with_a_double_crash();
        let mut s = LabSession::from_key(&key).unwrap();
        assert!(s.take_replay_stop().is_none(), "nothing is refused yet");
        let mut reports = Vec::new();
        for _ in 0..2_000 {
            s.advance(1_000, 10_000);
            reports.extend(s.take_replay_stop());
        }
        assert_eq!(reports.len(), 1, "reported exactly once: {reports:?}");
        let e = &reports[0];
        assert_eq!(e.index, index);
        assert_eq!(e.at_step, at_step);
        assert_eq!(e.command, key.log[index].command);
        assert!(matches!(
            e.reason,
            ReplayRefusal::Command(CommandError::WrongState {
                expected: "running",
                ..
            })
        ));
        // The run waits right before it; the key still holds the whole log.
        assert_eq!(s.steps(), at_step);
        assert!(!s.step());
        assert_eq!(s.replay_error(), Some(e));
        let kept = ReproKey::<ZkNode>::decode(&s.key_text()).unwrap();
        assert_eq!(kept.log, key.log);
        // Rewinding clears it; meeting it again reports it again.
        s.seek(at_step / 2).unwrap();
        assert!(s.replay_error().is_none());
        s.seek(at_step + 10).unwrap();
        assert_eq!(s.take_replay_stop().as_ref(), Some(e));
        assert!(s.take_replay_stop().is_none());
    }

    #[test]
    fn a_link_past_a_refused_command_opens_where_it_stops() {
        let (mut key, index, at_step) = key_with_a_double_crash();
        key.position = None;
        let mut s = LabSession::from_key(&key).unwrap();
        assert_eq!(s.steps(), at_step);
        assert_eq!(s.take_replay_stop().map(|e| e.index), Some(index));
        // Acting forks past it: the refused command and the rest are dropped on purpose.
        s.heal_all().unwrap();
        assert!(s.replay_error().is_none());
        assert!(s.step());
    }

    #[test]
    fn acting_in_the_past_forks() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        run_ms(&mut s, 1_000);
        let end = s.steps();
        s.seek(end / 2).unwrap();
        let forked = s.crash(1).unwrap();
        assert!(forked);
        assert_eq!(s.forks(), 1);
        assert!(!s.rewound());
        assert_eq!(s.furthest(), s.steps());
    }

    #[test]
    fn bad_keys_are_errors_not_panics() {
        for text in [
            "",
            "hello",
            "zs1.",
            "zs1.!!!",
            "zs1.AAAA",
            "zs1.AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ] {
            assert!(LabSession::from_key_text(text).is_err(), "{text}");
        }
        let s = LabSession::new(&LabSetup::default()).unwrap();
        let mut key = s.key_text();
        // Flip one character in the middle: the checksum catches it.
        let mid = key.len() / 2;
        let c = if &key[mid..=mid] == "A" { "B" } else { "A" };
        key.replace_range(mid..=mid, c);
        let err = LabSession::from_key_text(&key).unwrap_err();
        assert!(matches!(err, LabError::Key(_)), "{err:?}");
        assert!(!err.to_string().is_empty());
    }

    #[test]
    fn unknown_ids_are_errors() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        assert_eq!(s.crash(9), Err(LabError::NoServer(9)));
        assert_eq!(s.zkcli(0, "ls /"), Err(LabError::NoClient(0)));
        assert!(s.drop_message(123_456).is_err());
        assert!(s.partition(&[vec![1, 2, 3]]).is_err());
    }

    #[test]
    fn zkcli_writes_through_the_ensemble() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        run_ms(&mut s, 2_000);
        let c = s.client_ids()[0];
        let out = s.zkcli(c, "create /lab hello").unwrap();
        assert!(out.contains("Created /lab"), "{out}");
        let out = s.zkcli(c, "get /lab").unwrap();
        assert!(out.contains("hello"), "{out}");
        // The command is part of the run's key.
        let copy = LabSession::from_key_text(&s.key_text()).unwrap();
        assert_eq!(copy.trace_hash_hex(), s.trace_hash_hex());
    }

    #[test]
    fn curator_lines_run_beside_zkcli_lines_and_replay_from_the_key() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        run_ms(&mut s, 2_000);
        let c = s.client_ids()[0];
        let d = s.client_ids()[1];
        let out = s
            .zkcli(
                c,
                "client.create().creatingParentsIfNeeded().forPath(\"/a/b\", \"x\".getBytes())",
            )
            .unwrap();
        assert!(out.ends_with("/a/b\n"), "{out}");
        assert_eq!(
            s.zkcli(c, "client.getChildren().forPath(\"/a\")").unwrap(),
            "[b]\n"
        );
        // zkCli on the other client sees what Curator wrote.
        assert!(s.zkcli(d, "get /a/b").unwrap().contains('x'));
        assert_eq!(
            s.zkcli(c, "lock /l").unwrap(),
            "n3: acquired /l\n".replace("n3", &name(&s, c))
        );
        let waiting = s.zkcli(d, "lock /l").unwrap();
        assert!(waiting.ends_with("waiting for /l\n"), "{waiting}");
        // The release hands the lock on, printed in the unlock's own output.
        let released = s.zkcli(c, "unlock /l").unwrap();
        assert!(
            released.contains(&format!("{}: acquired /l", name(&s, d))),
            "{released}"
        );
        assert!(s.zkcli(c, "client.fly()").unwrap().starts_with("error: "));
        // The transcript shows Curator lines after JShell's prompt.
        let view = s.console().view(s.world(), Some(c));
        assert!(view
            .lines
            .iter()
            .any(|l| l.prompt.as_deref() == Some("jshell> ")));
        // Every request was a logged command: the key replays the same run.
        let copy = LabSession::from_key_text(&s.key_text()).unwrap();
        assert_eq!(copy.trace_hash_hex(), s.trace_hash_hex());
    }

    fn name(s: &LabSession, client: u32) -> String {
        match s.world().spec(NodeId(client)) {
            Some(ZkSpec::Client { name, .. }) => name.clone(),
            _ => panic!("not a client"),
        }
    }

    #[test]
    fn a_zkcli_call_to_a_paused_client_waits_on_the_displayed_clock() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        run_ms(&mut s, 2_000);
        let c = s.client_ids()[0];
        let out = s.zkcli(c, "create /lab hello").unwrap();
        assert!(out.contains("Created /lab"), "{out}");
        s.apply(Command::Pause(NodeId(c))).unwrap();
        let shown = s.now();
        // The paused client never takes the request: the call waits its whole limit and
        // ends in ConnectionLoss (not with the reply to the create before it), and the
        // wait moves the displayed clock, not the world's.
        let out = s.zkcli(c, "get /lab").unwrap();
        assert!(out.contains("ConnectionLoss"), "{out}");
        assert_eq!(s.now(), SimTime(shown.0 + CLI_WAIT.0));
        assert!(s.world().now() < s.now());
    }

    #[test]
    fn partition_minority_loses_its_leader() {
        let mut s = LabSession::new(&LabSetup {
            servers: 5,
            ..LabSetup::default()
        })
        .unwrap();
        run_ms(&mut s, 3_000);
        let l = leader(&s).expect("leader");
        let others: Vec<u64> = s.server_ids().into_iter().filter(|&x| x != l).collect();
        s.partition(&[vec![l, others[0]], others[1..].to_vec()])
            .unwrap();
        run_ms(&mut s, 12_000);
        let l2 = leader(&s).expect("majority side elects");
        assert!(
            others[1..].contains(&l2),
            "{l2} leads, statuses {:?}",
            statuses(&s)
        );
        assert!(s.link_cut(l, others[1]));
        s.heal_all().unwrap();
        assert!(!s.link_cut(l, others[1]));
    }

    #[test]
    fn a_broken_protocol_is_caught_and_the_counterexample_is_reachable() {
        use zooscope_core::protocols::zookeeper::replication::config::ZkConfig;
        // The test-only fault: the leader commits without waiting for a quorum.
        let mut config = ZkConfig::ensemble(3, &[]);
        config.start_running = true;
        config.faults.commit_without_quorum = true;
        let key = ReproKey::<ZkNode> {
            protocol: "zookeeper".into(),
            config,
            net: zooscope_core::net::NetConfig::default(),
            seed: 3,
            log: Vec::new(),
            position: None,
        };
        let mut s = LabSession::from_key(&key).unwrap();
        run_ms(&mut s, 2_000);
        let l = leader(&s).expect("leader");
        // A client of the leader only.
        let c = s.world().node_count() as u32;
        s.apply(Command::AddNode(NodeInit {
            spec: ZkSpec::Client {
                name: "c1".into(),
                servers: vec![l],
                timeout_ms: CLIENT_TIMEOUT_MS,
            },
            running: true,
        }))
        .unwrap();
        s.apply(Command::Request(NodeId(c), ZkInput::Open)).unwrap();
        run_ms(&mut s, 1_000);
        // Cut the leader off, write through it (it commits alone), let the others move
        // on, heal: the lone commit is lost, which the checkers report.
        let others: Vec<u64> = s.server_ids().into_iter().filter(|&x| x != l).collect();
        s.cut(l, others[0]).unwrap();
        s.cut(l, others[1]).unwrap();
        for _ in 0..3 {
            s.send_write(Some(c)).unwrap();
        }
        run_ms(&mut s, 15_000);
        s.heal_all().unwrap();
        run_ms(&mut s, 15_000);
        let violations = s.world().violations().to_vec();
        let first = violations
            .first()
            .expect("the broken protocol went unnoticed")
            .clone();
        s.seek(first.step).unwrap();
        assert_eq!(s.steps(), first.step);
        assert!(!s.world().violations().is_empty());
        s.seek(first.step.saturating_sub(1)).unwrap();
        assert!(s.world().violations().is_empty());
        // Checkers are installed in keyed runs too (a replay finds the same).
        let copy = LabSession::from_key(&s.timeline().key()).unwrap();
        assert_eq!(
            copy.world().violations().len(),
            s.world().violations().len()
        );
        // The test fault never travels in a key's text: the shared key is of the healthy
        // protocol (whose replay of this log then diverges and is refused with a reason).
        let shared = ReproKey::<ZkNode>::decode(&s.key_text()).unwrap();
        assert!(!shared.config.faults.commit_without_quorum);
    }

    #[test]
    fn checkers_are_installed_and_quiet_on_a_healthy_run() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        run_ms(&mut s, 3_000);
        let l = leader(&s).unwrap();
        s.crash(l).unwrap();
        run_ms(&mut s, 5_000);
        for _ in 0..3 {
            s.send_write(None).unwrap();
        }
        run_ms(&mut s, 2_000);
        assert!(
            s.world().violations().is_empty(),
            "{:?}",
            s.world().violations()
        );
    }

    #[test]
    fn idle_jump_moves_to_the_next_event() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        run_ms(&mut s, 3_000);
        // Drain what is on the wire, then jump.
        let mut guard = 0;
        while s.in_flight() > 0 && guard < 10_000 {
            s.step();
            guard += 1;
        }
        let next = s.world().next_event_time().unwrap();
        let before = s.steps();
        let ran = s.jump_idle(1_000);
        assert!(ran >= 1);
        assert_eq!(s.steps(), before + ran);
        assert!(s.now() >= next);
    }
}
