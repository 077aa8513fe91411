//! Live mode's shared vocabulary: the typed snapshot of a real ZooKeeper ensemble that
//! `zooscope bridge` (crates/zooscope-bridge) sends and the `#/live` page draws, and the
//! pure parsing of the four-letter-word replies the bridge collects.
//!
//! Nothing here does I/O or reads a clock: the bridge measures, these types carry what it
//! measured, and the page owns every word shown. The parsers follow the reply formats of
//! ZooKeeper 3.8's `StatCommand` (`srvr`), `MonitorCommand` (`mntr`), `ConsCommand`
//! (`cons`), `WatchCommand` by path (`wchp`) and `ConfCommand` (`conf`), checked against
//! replies recorded from a real 3.8.0 pseudo-cluster (tests/fixtures/fourlw/).
//!
//! What a snapshot cannot hold, because ZooKeeper does not expose it: the votes exchanged
//! inside a leader election (a server that is electing answers only "not currently
//! serving requests") and messages on the wire.

use crate::protocols::zookeeper::data::stat::Stat;
use serde::{Deserialize, Serialize};

/// The four-letter words the bridge polls, in polling order.
pub const POLLED_WORDS: [&str; 5] = ["srvr", "mntr", "cons", "wchp", "conf"];
/// The `zoo.cfg` line that lets the bridge ask everything it polls.
pub const WHITELIST_LINE: &str = "4lw.commands.whitelist=srvr,mntr,cons,wchp,conf";
/// Most servers one snapshot lists (the bridge refuses a longer `--zk` list).
pub const SERVERS_MAX: usize = 32;
/// Most znodes one snapshot carries (the tree is cut there and marked truncated).
pub const ZNODES_MAX: usize = 2_000;
/// Deepest znode level read (`/` is depth 0).
pub const DEPTH_MAX: usize = 12;
/// Most connections listed per server.
pub const CONNECTIONS_MAX: usize = 200;
/// Most watched paths listed per server.
pub const WATCHED_PATHS_MAX: usize = 500;
/// Most bytes of a znode's data shown (as text, lossy UTF-8).
pub const DATA_PREVIEW_MAX: usize = 64;

/// One message from the bridge on its WebSocket: a binary frame, [`encode_message`]'s
/// postcard bytes (compact, and its decoder keeps the page's bundle small; `GET
/// /snapshot` is the JSON form for other tools).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BridgeMessage {
    /// A new snapshot of the ensemble.
    Snapshot(LiveSnapshot),
    /// The answer to a [`BridgeRequest::Run`].
    Reply(CommandReply),
    /// The bridge could not read a message it was sent.
    Refused {
        /// What was wrong (English, from the bridge; the page shows it as received).
        reason: String,
    },
}

/// The bytes of a [`BridgeMessage`] on the WebSocket.
pub fn encode_message(message: &BridgeMessage) -> Vec<u8> {
    // Serialising these types into a Vec cannot fail.
    postcard::to_allocvec(message).unwrap_or_default()
}

/// A [`BridgeMessage`] from WebSocket bytes (`None` for anything else).
pub fn decode_message(bytes: &[u8]) -> Option<BridgeMessage> {
    postcard::from_bytes(bytes).ok()
}

/// One message to the bridge on its WebSocket: a text frame of JSON,
/// `{"type":"run","id":1,"line":"ls /"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BridgeRequest {
    /// Run one zkCli command line (`ls /`, `create /a x`) through the bridge's session.
    Run {
        /// Echoed back in the reply.
        id: u64,
        /// The command line.
        line: String,
    },
}

/// What a command run through the bridge printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandReply {
    /// The request's id.
    pub id: u64,
    /// The command line run.
    pub line: String,
    /// What zkCli would print for it.
    pub output: String,
}

/// Everything the bridge measured in one polling round.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveSnapshot {
    /// Round number, from 1.
    pub seq: u64,
    /// When the round started, ms since the Unix epoch (the bridge's clock).
    pub taken_at_ms: u64,
    /// One entry per `--zk` address, in the order given.
    pub servers: Vec<LiveServer>,
    /// The tree as read through the bridge's own client session.
    pub tree: LiveTree,
}

impl LiveSnapshot {
    /// The server that says it leads, if exactly one does.
    pub fn leader(&self) -> Option<&LiveServer> {
        let mut leaders = self.servers.iter().filter(|s| s.mode == Mode::Leader);
        match (leaders.next(), leaders.next()) {
            (Some(l), None) => Some(l),
            _ => None,
        }
    }
}

/// A server's role as its `srvr` reply names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// `Mode: leader`.
    Leader,
    /// `Mode: follower`.
    Follower,
    /// `Mode: observer`.
    Observer,
    /// `Mode: standalone`.
    Standalone,
    /// `Mode: read-only`.
    ReadOnly,
    /// Answers, but not serving (electing a leader, or syncing with one).
    NotServing,
    /// Nothing answers at the address.
    Down,
    /// Something answers, but not like ZooKeeper.
    #[serde(rename = "not_zookeeper")]
    NotZooKeeper,
    /// Answers, but `srvr` is not whitelisted, so the role is unknown.
    #[default]
    Unknown,
}

impl Mode {
    /// The word `srvr` prints after `Mode: `, for the modes it can print.
    pub fn srvr_word(self) -> Option<&'static str> {
        Some(match self {
            Mode::Leader => "leader",
            Mode::Follower => "follower",
            Mode::Observer => "observer",
            Mode::Standalone => "standalone",
            Mode::ReadOnly => "read-only",
            _ => return None,
        })
    }

    fn from_srvr_word(word: &str) -> Option<Mode> {
        Some(match word {
            "leader" => Mode::Leader,
            "follower" => Mode::Follower,
            "observer" => Mode::Observer,
            "standalone" => Mode::Standalone,
            "read-only" => Mode::ReadOnly,
            _ => return None,
        })
    }
}

/// One server as measured.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveServer {
    /// The `--zk` address polled.
    pub address: String,
    /// `myid` (from `conf`'s `serverId`, kept from an earlier round while not serving).
    pub id: Option<u64>,
    /// Its role.
    pub mode: Mode,
    /// Serving clients (answered `srvr` with a mode).
    pub serving: bool,
    /// Last processed zxid (`srvr`).
    pub zxid: Option<u64>,
    /// Client connections (`srvr`; the bridge's own poll is one of them).
    pub connections: Option<u32>,
    /// Znodes in its copy of the tree (`srvr`).
    pub node_count: Option<u64>,
    /// Selected `mntr` counters.
    pub counters: Counters,
    /// Client connections with a session (`cons`; connections without one, such as
    /// four-letter-word polls and the bridge's own, are left out).
    pub sessions: Vec<LiveConnection>,
    /// Watched paths and the sessions watching each (`wchp`).
    pub watches: Vec<WatchedPath>,
    /// The ensemble as this server's `conf` lists it.
    pub members: Vec<Member>,
    /// Polled words this server refused because they are not whitelisted.
    pub refused_words: Vec<String>,
    /// How the poll failed, if it did (I/O error text from the bridge).
    pub error: Option<String>,
    /// The server's version string (`srvr`).
    pub version: Option<String>,
}

impl LiveServer {
    /// The epoch of its last zxid (the high 32 bits).
    pub fn epoch(&self) -> Option<u32> {
        self.zxid.map(|z| (z >> 32) as u32)
    }
}

/// Counters read from `mntr` (absent when the server did not report them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    /// `zk_peer_state`, e.g. "leading - broadcast".
    pub peer_state: Option<String>,
    /// `zk_znode_count`.
    pub znode_count: Option<u64>,
    /// `zk_watch_count`.
    pub watch_count: Option<u64>,
    /// `zk_ephemerals_count`.
    pub ephemerals_count: Option<u64>,
    /// `zk_num_alive_connections`.
    pub alive_connections: Option<u64>,
    /// `zk_outstanding_requests`.
    pub outstanding_requests: Option<u64>,
    /// `zk_learners` (leader only).
    pub learners: Option<u64>,
    /// `zk_synced_followers` (leader only).
    pub synced_followers: Option<u64>,
    /// `zk_quorum_size`.
    pub quorum_size: Option<u64>,
    /// `zk_uptime`, ms.
    pub uptime_ms: Option<u64>,
    /// `zk_election_time` sum, ms (elections this server took part in, total).
    pub election_time_ms: Option<u64>,
}

/// One client connection as `cons` lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveConnection {
    /// Remote address ("127.0.0.1:36200").
    pub remote: String,
    /// Its session, once established (`sid=0x…`).
    pub session: Option<u64>,
    /// Requests received on it.
    pub received: u64,
    /// Replies sent on it.
    pub sent: u64,
    /// Last operation (`lop=`).
    pub last_op: Option<String>,
    /// Negotiated session timeout, ms (`to=`).
    pub timeout_ms: Option<u64>,
}

/// One path with watches on it, and the sessions watching it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedPath {
    /// The znode path.
    pub path: String,
    /// Sessions watching it, in `wchp` order.
    pub sessions: Vec<u64>,
}

/// One ensemble member as a server's `conf` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// `myid`.
    pub id: u64,
    /// Quorum address ("127.0.0.1:23881").
    pub quorum: String,
    /// Election address ("127.0.0.1:23981").
    pub election: String,
    /// "participant" or "observer".
    pub role: String,
}

/// The tree as read through the bridge's client.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveTree {
    /// Znodes in breadth-first order from `/`, children sorted by name.
    pub nodes: Vec<LiveZnode>,
    /// More znodes existed than [`ZNODES_MAX`], or deeper than [`DEPTH_MAX`].
    pub truncated: bool,
    /// The bridge's own session id, while it has one.
    pub session: Option<u64>,
    /// Why the tree could not be read this round (no session, timeout).
    pub error: Option<String>,
}

/// One znode with its Stat.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveZnode {
    /// Full path.
    pub path: String,
    /// Its Stat (`ephemeral_owner` is the owning session, 0 if persistent).
    pub stat: Stat,
    /// The first [`DATA_PREVIEW_MAX`] bytes of its data as lossy UTF-8.
    pub data: String,
}

/// How a server answered one four-letter word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer<T> {
    /// A reply in the expected format.
    Reply(T),
    /// "This ZooKeeper instance is not currently serving requests".
    NotServing,
    /// "<word> is not executed because it is not in the whitelist."
    NotWhitelisted,
    /// Something that is not a ZooKeeper reply (another service on the port, or nothing).
    Unrecognized,
}

const NOT_SERVING_TEXT: &str = "This ZooKeeper instance is not currently serving requests";
const NOT_WHITELISTED_TEXT: &str = "is not executed because it is not in the whitelist.";

/// Sorts a raw reply into the two refusals every word shares, or hands it to `parse`.
fn answer<T>(text: &str, parse: impl FnOnce(&str) -> Option<T>) -> Answer<T> {
    let first = text.lines().next().unwrap_or("").trim();
    if first == NOT_SERVING_TEXT {
        Answer::NotServing
    } else if first.ends_with(NOT_WHITELISTED_TEXT) {
        Answer::NotWhitelisted
    } else {
        parse(text).map_or(Answer::Unrecognized, Answer::Reply)
    }
}

/// The fields of a `srvr` reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Srvr {
    /// `Zookeeper version: …`.
    pub version: String,
    /// `Connections: N`.
    pub connections: u32,
    /// `Zxid: 0x…`.
    pub zxid: u64,
    /// `Mode: …`.
    pub mode: Mode,
    /// `Node count: N`.
    pub node_count: u64,
}

/// Parses a `srvr` reply.
pub fn parse_srvr(text: &str) -> Answer<Srvr> {
    answer(text, |text| {
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name).map(str::trim))
        };
        Some(Srvr {
            version: field("Zookeeper version:")?.to_string(),
            connections: field("Connections:")?.parse().ok()?,
            zxid: parse_hex(field("Zxid:")?)?,
            mode: Mode::from_srvr_word(field("Mode:")?)?,
            node_count: field("Node count:")?.parse().ok()?,
        })
    })
}

fn parse_hex(text: &str) -> Option<u64> {
    u64::from_str_radix(text.strip_prefix("0x")?, 16).ok()
}

/// Parses a `mntr` reply (tab-separated `key value` lines) into the counters we show.
pub fn parse_mntr(text: &str) -> Answer<Counters> {
    answer(text, |text| {
        let mut c = Counters::default();
        let mut seen = false;
        for line in text.lines() {
            let Some((key, value)) = line.split_once('\t') else {
                continue;
            };
            let num = || value.trim().parse::<u64>().ok();
            seen |= key.starts_with("zk_");
            match key {
                "zk_peer_state" => c.peer_state = Some(value.trim().to_string()),
                "zk_znode_count" => c.znode_count = num(),
                "zk_watch_count" => c.watch_count = num(),
                "zk_ephemerals_count" => c.ephemerals_count = num(),
                "zk_num_alive_connections" => c.alive_connections = num(),
                "zk_outstanding_requests" => c.outstanding_requests = num(),
                "zk_learners" => c.learners = num(),
                "zk_synced_followers" => c.synced_followers = num(),
                "zk_quorum_size" => c.quorum_size = num(),
                "zk_uptime" => c.uptime_ms = num(),
                "zk_sum_election_time" => c.election_time_ms = num(),
                _ => {}
            }
        }
        seen.then_some(c)
    })
}

/// Parses a `cons` reply: one ` /ip:port[interest](k=v,…)` line per connection.
pub fn parse_cons(text: &str) -> Answer<Vec<LiveConnection>> {
    answer(text, |text| {
        let mut out = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let rest = line.strip_prefix('/')?;
            let (remote, rest) = rest.split_once('[')?;
            let (_, fields) = rest.split_once("](")?;
            let fields = fields.strip_suffix(')')?;
            let mut c = LiveConnection {
                remote: remote.to_string(),
                ..LiveConnection::default()
            };
            for kv in fields.split(',') {
                let Some((k, v)) = kv.split_once('=') else {
                    continue;
                };
                match k {
                    "sid" => c.session = parse_hex(v),
                    "recved" => c.received = v.parse().unwrap_or(0),
                    "sent" => c.sent = v.parse().unwrap_or(0),
                    "lop" => c.last_op = Some(v.to_string()),
                    "to" => c.timeout_ms = v.parse().ok(),
                    _ => {}
                }
            }
            if out.len() < CONNECTIONS_MAX {
                out.push(c);
            }
        }
        Some(out)
    })
}

/// Parses a `wchp` reply: a path line, then one tab-indented `0x…` session line per
/// watcher.
pub fn parse_wchp(text: &str) -> Answer<Vec<WatchedPath>> {
    answer(text, |text| {
        let mut out: Vec<WatchedPath> = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Some(session) = line.strip_prefix('\t') {
                out.last_mut()?.sessions.push(parse_hex(session.trim())?);
            } else if line.starts_with('/') {
                if out.len() == WATCHED_PATHS_MAX {
                    break;
                }
                out.push(WatchedPath {
                    path: line.trim_end().to_string(),
                    sessions: Vec::new(),
                });
            } else {
                return None;
            }
        }
        Some(out)
    })
}

/// What a `conf` reply tells: the server's `myid` and the ensemble's members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conf {
    /// `serverId=N`.
    pub server_id: u64,
    /// `server.N=quorum:election:role` lines.
    pub members: Vec<Member>,
}

/// Parses a `conf` reply.
pub fn parse_conf(text: &str) -> Answer<Conf> {
    answer(text, |text| {
        let mut server_id = None;
        let mut members = Vec::new();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            if key == "serverId" {
                server_id = value.trim().parse().ok();
            } else if let Some(id) = key.strip_prefix("server.") {
                members.extend(parse_member(id, value));
            }
        }
        members.truncate(SERVERS_MAX);
        Some(Conf {
            server_id: server_id?,
            members,
        })
    })
}

/// `127.0.0.1:23881:23981:participant[;client]` → a [`Member`].
fn parse_member(id: &str, value: &str) -> Option<Member> {
    let value = value.split(';').next()?;
    let mut parts = value.rsplitn(4, ':');
    let role = parts.next()?;
    let election_port = parts.next()?;
    let quorum_port = parts.next()?;
    let host = parts.next()?;
    Some(Member {
        id: id.parse().ok()?,
        quorum: format!("{host}:{quorum_port}"),
        election: format!("{host}:{election_port}"),
        role: role.to_string(),
    })
}

/// The first [`DATA_PREVIEW_MAX`] bytes of `data` as text (invalid UTF-8 replaced).
pub fn data_preview(data: &[u8]) -> String {
    String::from_utf8_lossy(&data[..data.len().min(DATA_PREVIEW_MAX)]).into_owned()
}

#[cfg(test)]
mod tests;
