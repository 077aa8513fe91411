//! The lab's zkCli console: a real zkCli shell per client node, driving the run.
//!
//! A line typed in the lab goes through the data layer's [`Shell`] — the same parser,
//! commands and output as `zkCli.sh` of ZooKeeper 3.8 (reference §5) — against a
//! [`ZkClientApi`] that hands each request to the chosen client node and runs the
//! simulation until that client has its reply, exactly as
//! [`Driver`] does for scripts — it *is* that driver, on any [`SimHost`]: a bare `World`,
//! a `Timeline` (through which a request typed while the run is rewound forks it, as any
//! other command) or the lab page's session, which keeps a displayed clock of its own.
//! By default ([`CONSOLE_WAITS`]) a call waits at most [`CALL_LIMIT`] of simulated time
//! and [`CALL_EVENTS`] events, so the page never freezes ([`LabConsole::run_with`] takes
//! other limits); a request that gets no answer in that time is reported as a
//! ConnectionLoss, which is what the client library would end with.
//!
//! The console keeps, per client, the shell (its history numbering and `printwatches`),
//! the transcript with prompts, and the lines typed (for ↑/↓), all bounded.

use super::super::node::{ZkNode, ZkSpec};
use crate::id::NodeId;
use crate::protocols::zookeeper::client::driver::{Driver, Waits, XidRead};
use crate::protocols::zookeeper::client::library::{ClientState, ZkClientApi};
use crate::protocols::zookeeper::client::zkcli::Shell;
use crate::time::SimDuration;
use crate::vecmap::VecMap;
use crate::world::World;
use std::collections::VecDeque;

/// Longest a call may wait, simulated.
pub const CALL_LIMIT: SimDuration = SimDuration::from_secs(60);
/// Most events one call may process.
pub const CALL_EVENTS: u64 = 300_000;
/// Transcript lines kept per client.
pub const LINES_MAX: usize = 400;
/// Transcript lines put in a view.
pub const LINES_SHOWN: usize = 200;
/// Typed lines kept per client (for ↑/↓).
pub const HISTORY_MAX: usize = 100;
/// Longest accepted input line, bytes.
pub const LINE_MAX: usize = 4096;
/// Clients with a console at most.
pub const CONSOLES_MAX: usize = 32;
/// The prompt a Curator line is shown after: JShell's, where the course's Java lines
/// are tried (and where the recordings of real Curator were made).
pub const JAVA_PROMPT: &str = "jshell> ";
/// Characters of one output block kept at most.
pub const OUTPUT_MAX: usize = 64 * 1024;

pub use crate::protocols::zookeeper::client::driver::SimHost;

/// The console's waits: bounded in events so the page never freezes, and never moving
/// the lab's clock past the last event.
pub const CONSOLE_WAITS: Waits = Waits {
    call: CALL_LIMIT,
    session: CALL_LIMIT,
    events: CALL_EVENTS,
    settle_clock: false,
    sleep_max_ms: u64::MAX,
    xid: XidRead::AfterRequest,
};

/// One line of a transcript.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConsoleLine {
    /// For a typed line, the prompt shown before it (`[zk: …(CONNECTED) 3] `); `None`
    /// for output.
    pub prompt: Option<String>,
    /// The typed line, or the output block exactly as zkCli prints it.
    pub text: String,
    /// The run's step when it was printed.
    pub step: u64,
}

/// Why a console line was not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsoleError {
    /// The node is not a client (or does not exist).
    NoSuchClient(u32),
    /// The line is longer than [`LINE_MAX`].
    LineTooLong,
    /// Too many consoles are open.
    TooManyConsoles,
}

#[derive(Clone, Debug)]
struct Session {
    shell: Shell,
    /// zkCli has been started on this console (a console may run Curator lines only).
    zk_started: bool,
    seen_events: u64,
    lines: VecDeque<ConsoleLine>,
    typed: VecDeque<String>,
}

impl Session {
    fn append(&mut self, out: &str, step: u64) {
        if !out.is_empty() {
            self.push(ConsoleLine {
                prompt: None,
                text: clip_output(out.to_string()),
                step,
            });
        }
    }

    fn push(&mut self, line: ConsoleLine) {
        if self.lines.len() >= LINES_MAX {
            self.lines.pop_front();
        }
        self.lines.push_back(line);
    }
}

/// The lab's consoles, one per client node.
#[derive(Clone, Debug, Default)]
pub struct LabConsole {
    sessions: VecMap<u32, Session>,
}

/// What the console panel shows for one client.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ConsoleView {
    /// The client (kernel node id), if any.
    pub client: Option<u32>,
    /// Its name.
    pub client_name: Option<String>,
    /// The prompt for the next line.
    pub prompt: String,
    /// The transcript, oldest first (the newest [`LINES_SHOWN`]).
    pub lines: Vec<ConsoleLine>,
    /// Lines typed, oldest first (for ↑/↓).
    pub history: Vec<String>,
    /// Every client: (kernel node id, name).
    pub clients: Vec<(u32, String)>,
}

/// The `-server` string of a client: its servers' `host:clientPort`, comma-separated.
pub fn connect_string(world: &World<ZkNode>, client: NodeId) -> String {
    let cfg = world.config();
    match world.spec(client) {
        Some(ZkSpec::Client { servers, .. }) => servers
            .iter()
            .filter_map(|sid| cfg.server(*sid))
            .map(|e| format!("{}:{}", e.host, e.client_port))
            .collect::<Vec<_>>()
            .join(","),
        _ => String::new(),
    }
}

/// The zkCli prompt: `[zk: <host>(<STATE>) <n>] `.
pub fn prompt(host: &str, state: ClientState, n: i32) -> String {
    format!("[zk: {host}({}) {n}] ", state.name())
}

fn clip_output(mut s: String) -> String {
    if s.len() > OUTPUT_MAX {
        let mut cut = OUTPUT_MAX;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push_str("\n…\n");
    }
    s
}

/// Every client node: (kernel node id, name).
pub fn client_list(world: &World<ZkNode>) -> Vec<(u32, String)> {
    world
        .node_ids()
        .into_iter()
        .filter_map(|id| match world.spec(id) {
            Some(ZkSpec::Client { name, .. }) => Some((id.0, name.clone())),
            _ => None,
        })
        .take(CONSOLES_MAX * 4)
        .collect()
}

impl LabConsole {
    /// A console with no sessions.
    pub fn new() -> Self {
        LabConsole::default()
    }

    /// Run one line on client `client`'s console (starting the console, like launching
    /// `zkCli.sh -server …`, on first use), waiting as [`CONSOLE_WAITS`] allows. Returns
    /// what zkCli printed for the line.
    pub fn run<H: SimHost>(
        &mut self,
        host: &mut H,
        client: u32,
        line: &str,
    ) -> Result<String, ConsoleError> {
        self.run_with(host, client, line, CONSOLE_WAITS)
    }

    /// [`LabConsole::run`] with the host's own limits (the lab page's are shorter and move
    /// only its displayed clock).
    pub fn run_with<H: SimHost>(
        &mut self,
        host: &mut H,
        client: u32,
        line: &str,
        waits: Waits,
    ) -> Result<String, ConsoleError> {
        let node = NodeId(client);
        if !matches!(host.sim().spec(node), Some(ZkSpec::Client { .. })) {
            return Err(ConsoleError::NoSuchClient(client));
        }
        let server = connect_string(host.sim(), node);
        let step = host.sim().steps();
        let seen = self.sessions.get(&client).map_or(0, |s| s.seen_events);
        let mut seen_events = seen;
        let mut api = Driver {
            host: &mut *host,
            client: node,
            seen_events: &mut seen_events,
            waits,
        };
        let out = self.run_api(client, &server, line, step, &mut api);
        if let Some(s) = self.sessions.get_mut(&client) {
            s.seen_events = seen_events;
        }
        out
    }

    /// Run `line` through client `client`'s shell with `api` as its blocking handle
    /// (`server` is the `-server` string shown in prompts, `step` the run's step now).
    fn run_api(
        &mut self,
        client: u32,
        server: &str,
        line: &str,
        step: u64,
        api: &mut dyn ZkClientApi,
    ) -> Result<String, ConsoleError> {
        if line.len() > LINE_MAX {
            return Err(ConsoleError::LineTooLong);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        let line = line.split(['\r', '\n']).next().unwrap_or("");
        let fresh = match self.sessions.get(&client) {
            None => {
                if self.sessions.len() >= CONSOLES_MAX {
                    return Err(ConsoleError::TooManyConsoles);
                }
                true
            }
            Some(s) => s.shell.exited() || !s.zk_started,
        };
        if fresh {
            // The lines typed are kept; so is the transcript of Curator lines typed
            // before zkCli was started.
            let (typed, lines) = match self.sessions.remove(&client) {
                Some(s) if !s.zk_started => (s.typed, s.lines),
                Some(s) => (s.typed, VecDeque::new()),
                None => Default::default(),
            };
            let mut s = Session {
                shell: Shell::new(server),
                zk_started: true,
                seen_events: 0,
                lines,
                typed,
            };
            let banner = if api.state().is_alive() {
                // The client already has a session: zkCli's banner without
                // reconnecting, then the events it has had so far (its connection), as
                // `printwatches on` prints them.
                let mut text = format!(
                    "Connecting to {server}\nWelcome to ZooKeeper!\nJLine support is disabled\n"
                );
                for ev in api.take_watch_events() {
                    text.push_str(&format!("\nWATCHER::\n\n{ev}\n"));
                }
                text
            } else {
                s.shell.start(api)
            };
            s.push(ConsoleLine {
                prompt: None,
                text: banner,
                step,
            });
            self.sessions.insert(client, s);
        }
        let Some(s) = self.sessions.get_mut(&client) else {
            return Err(ConsoleError::NoSuchClient(client));
        };
        let p = prompt(server, api.state(), s.shell.command_count());
        s.push(ConsoleLine {
            prompt: Some(p),
            text: line.to_string(),
            step,
        });
        if !line.trim().is_empty() {
            if s.typed.len() >= HISTORY_MAX {
                s.typed.pop_front();
            }
            s.typed.push_back(line.to_string());
        }
        let out = clip_output(s.shell.execute(line, api));
        if !out.is_empty() {
            s.push(ConsoleLine {
                prompt: None,
                text: out.clone(),
                step,
            });
        }
        Ok(out)
    }

    /// Add a line that ran elsewhere (a Curator line) to client `client`'s transcript:
    /// the typed `line` after `prompt`, then `out` (if any), at the run's `step`.
    pub fn record(
        &mut self,
        client: u32,
        prompt: &str,
        line: &str,
        out: &str,
        step: u64,
    ) -> Result<(), ConsoleError> {
        if line.len() > LINE_MAX {
            return Err(ConsoleError::LineTooLong);
        }
        if !self.sessions.contains_key(&client) {
            if self.sessions.len() >= CONSOLES_MAX {
                return Err(ConsoleError::TooManyConsoles);
            }
            self.sessions.insert(
                client,
                Session {
                    shell: Shell::new(""),
                    zk_started: false,
                    seen_events: 0,
                    lines: VecDeque::new(),
                    typed: VecDeque::new(),
                },
            );
        }
        let Some(s) = self.sessions.get_mut(&client) else {
            return Err(ConsoleError::NoSuchClient(client));
        };
        s.push(ConsoleLine {
            prompt: Some(prompt.to_string()),
            text: line.to_string(),
            step,
        });
        if !line.trim().is_empty() {
            if s.typed.len() >= HISTORY_MAX {
                s.typed.pop_front();
            }
            s.typed.push_back(line.to_string());
        }
        s.append(out, step);
        Ok(())
    }

    /// Add output to client `client`'s transcript (what Curator clients printed after
    /// a zkCli line).
    pub fn append_output(&mut self, client: u32, out: &str, step: u64) {
        if let Some(s) = self.sessions.get_mut(&client) {
            s.append(out, step);
        }
    }

    /// Forget client `client`'s console.
    pub fn close(&mut self, client: u32) {
        self.sessions.remove(&client);
    }

    /// What the panel shows for `client` (the first client when `None`).
    pub fn view(&self, world: &World<ZkNode>, client: Option<u32>) -> ConsoleView {
        console_view(world, client, Some(self))
    }
}

/// The console view for `client` (the first client when `None`), with the transcript
/// from `console` when given.
pub fn console_view(
    world: &World<ZkNode>,
    client: Option<u32>,
    console: Option<&LabConsole>,
) -> ConsoleView {
    let clients = client_list(world);
    let chosen = client
        .filter(|c| clients.iter().any(|(id, _)| id == c))
        .or_else(|| clients.first().map(|(id, _)| *id));
    let Some(id) = chosen else {
        return ConsoleView {
            clients,
            ..ConsoleView::default()
        };
    };
    let node = NodeId(id);
    let host = connect_string(world, node);
    let state = world
        .node(node)
        .and_then(ZkNode::client)
        .map_or(ClientState::Closed, |c| c.state);
    let session = console.and_then(|c| c.sessions.get(&id));
    let n = session.map_or(0, |s| s.shell.command_count());
    let (lines, history) = match session {
        Some(s) => {
            let skip = s.lines.len().saturating_sub(LINES_SHOWN);
            (
                s.lines.iter().skip(skip).cloned().collect(),
                s.typed.iter().cloned().collect(),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    ConsoleView {
        client: Some(id),
        client_name: clients
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, n)| n.clone()),
        prompt: prompt(&host, state, n),
        lines,
        history,
        clients,
    }
}
