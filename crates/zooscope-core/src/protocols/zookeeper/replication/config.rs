//! Ensemble configuration: the `zoo.cfg` keys the simulation honours, parsed from text.
//!
//! Follows `QuorumPeerConfig.parseProperties` / `QuorumPeerConfig.parseDynamicConfig`
//! of ZooKeeper 3.8: `key=value` lines, `#` comments, `server.N=host:quorumPort:electionPort`
//! with an optional `:participant` / `:observer` role and an optional `;[host:]clientPort`
//! suffix (the dynamic-config form). A config with at most one voting server and no
//! observers runs in standalone mode, as `QuorumPeerMain` falls back to
//! `ZooKeeperServerMain` when `servers` has a single entry. Unknown keys are accepted and
//! ignored (real ZooKeeper turns them into system properties); malformed values are an
//! error naming the line.
//!
//! Kernel node ids: servers sorted by ascending id come first (with ids 1..N that is
//! `NodeId(k-1)` = server k), clients are added after them.

use crate::id::NodeId;
use crate::protocols::zookeeper::replication::election::FINALIZE_WAIT_MS;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Most servers an ensemble may have.
pub const SERVERS_MAX: usize = 15;
/// Lowest server id (`myid`); ZooKeeper's admin guide asks for 1..=255.
pub const SID_MIN: u64 = 1;
/// Highest server id (`myid`).
pub const SID_MAX: u64 = 255;
/// Longest `tickTime` accepted, ms (ten minutes: the network's own delay limit).
pub const TICK_MS_MAX: u64 = 600_000;
/// Largest `initLimit` / `syncLimit`, in ticks.
pub const LIMIT_TICKS_MAX: u32 = 1_000;
/// Longest session timeout bound accepted, ms (one day).
pub const SESSION_TIMEOUT_MS_MAX: u64 = 86_400_000;
/// Longest host name (a DNS name is at most 253 characters).
pub const HOST_LEN_MAX: usize = 253;
/// Longest `dataDir` (a Linux `PATH_MAX`).
pub const DATA_DIR_LEN_MAX: usize = 4_096;

/// One `server.N=` line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServerEntry {
    /// The server id (`myid`).
    pub sid: u64,
    /// Host name as written.
    pub host: String,
    /// Port followers connect to (ZAB).
    pub quorum_port: u16,
    /// Port of leader election (FLE).
    pub election_port: u16,
    /// Port clients connect to.
    pub client_port: u16,
    /// An observer: never votes, never counts toward a quorum.
    pub observer: bool,
}

/// Test-only faults that deliberately break the protocol, to prove the checkers can fail.
///
/// They never travel: serializing writes every fault as off (the wire shape is kept so
/// keys made before stay readable), and a key or run file that switches one on is refused
/// ([`ZkConfig::validate_shareable`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
pub struct TestFaults {
    /// The leader commits a proposal one ACK short of a quorum (2 of 5, or 1 of 3: alone).
    pub commit_without_quorum: bool,
}

/// The wire shape of [`TestFaults`].
#[derive(Serialize)]
struct TestFaultsWire {
    commit_without_quorum: bool,
}

impl Serialize for TestFaults {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        TestFaultsWire {
            commit_without_quorum: false,
        }
        .serialize(serializer)
    }
}

/// The configuration of one simulated ensemble (the `Protocol::Config` of ZooKeeper).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ZkConfig {
    /// `tickTime` in milliseconds.
    pub tick_ms: u64,
    /// `initLimit` in ticks.
    pub init_limit: u32,
    /// `syncLimit` in ticks.
    pub sync_limit: u32,
    /// `minSessionTimeout` in ms (default 2 ticks).
    pub min_session_timeout_ms: u64,
    /// `maxSessionTimeout` in ms (default 20 ticks).
    pub max_session_timeout_ms: u64,
    /// `dataDir` as written (shown by `conf`).
    pub data_dir: String,
    /// The servers, sorted by id.
    pub servers: Vec<ServerEntry>,
    /// Whether the servers run from time zero (scenarios start them explicitly).
    pub start_running: bool,
    /// Deliberate protocol bugs (tests only).
    pub faults: TestFaults,
    /// FLE's `finalizeWait` (also its first notification timeout), ms. A constant in
    /// ZooKeeper 3.8 (`FastLeaderElection.finalizeWait`); experiments vary it. It never
    /// travels: keys keep their shape, and a shared config must leave it at
    /// [`FINALIZE_WAIT_MS`] ([`ZkConfig::validate_shareable`]).
    #[serde(skip, default = "default_finalize_wait_ms")]
    pub finalize_wait_ms: u64,
}

fn default_finalize_wait_ms() -> u64 {
    FINALIZE_WAIT_MS
}

/// A problem in a `zoo.cfg` text or a config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line number (0 when the problem is the config as a whole).
    pub line: usize,
    /// What is wrong, as data (`Display`: an English sentence naming the bad value).
    pub problem: ConfigProblem,
}

/// What is wrong with a config: one variant per rule, with the offending values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    /// A line without `=`.
    NotKeyValue {
        /// The line.
        text: String,
    },
    /// A number that does not read.
    NotNumber {
        /// The key.
        key: String,
        /// Its value.
        value: String,
    },
    /// `initLimit` / `syncLimit` out of range.
    LimitOutOfRange {
        /// The key.
        key: String,
        /// Its value.
        value: u64,
    },
    /// A port that does not read or is 0.
    NotPort {
        /// Which port ("quorum port", "clientPort", ...).
        what: String,
        /// Its value.
        value: String,
    },
    /// A `server.N` value without two ports.
    ServerForm {
        /// The server id.
        sid: u64,
        /// The value.
        value: String,
    },
    /// A `server.N` line with an empty host.
    EmptyHost {
        /// The server id.
        sid: u64,
    },
    /// A peer type other than participant or observer.
    PeerType {
        /// The type given.
        value: String,
    },
    /// `server.X` where X is not a number.
    SidNotNumber {
        /// The key.
        key: String,
    },
    /// `tickTime` out of range.
    TickOutOfRange {
        /// Its value, ms.
        tick_ms: u64,
    },
    /// No servers.
    NoServers,
    /// More servers than the simulation runs.
    TooManyServers,
    /// A server id out of range.
    SidOutOfRange {
        /// The id.
        sid: u64,
    },
    /// A server id given twice.
    DefinedTwice {
        /// The id.
        sid: u64,
    },
    /// Servers out of id order.
    NotAscending {
        /// The earlier id.
        prev: u64,
        /// The later (smaller) one.
        next: u64,
    },
    /// A host name that is empty or too long.
    BadHost {
        /// The server id.
        sid: u64,
    },
    /// A port 0.
    PortZero {
        /// The server id.
        sid: u64,
    },
    /// Observers only.
    NoParticipant,
    /// `dataDir` too long.
    DataDirTooLong,
    /// `maxSessionTimeout` too large.
    MaxTimeoutTooLarge {
        /// Its value, ms.
        ms: u64,
    },
    /// `minSessionTimeout` above `maxSessionTimeout`.
    MinAboveMax {
        /// The minimum, ms.
        min: u64,
        /// The maximum, ms.
        max: u64,
    },
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigProblem::NotKeyValue { text } => write!(f, "'{text}' is not a key=value line"),
            ConfigProblem::NotNumber { key, value } => {
                write!(f, "{key} must be a non-negative number, not '{value}'")
            }
            ConfigProblem::LimitOutOfRange { key, value } => {
                write!(f, "{key} {value} is outside 1..{LIMIT_TICKS_MAX} ticks")
            }
            ConfigProblem::NotPort { what, value } => {
                write!(f, "{what} '{value}' is not a port number (1..65535)")
            }
            ConfigProblem::ServerForm { sid, value } => write!(
                f,
                "server.{sid}={value} does not have the form host:port:port or host:port:port:type"
            ),
            ConfigProblem::EmptyHost { sid } => write!(f, "server.{sid} has an empty host"),
            ConfigProblem::PeerType { value } => write!(
                f,
                "unrecognised peer type '{value}' (participant or observer)"
            ),
            ConfigProblem::SidNotNumber { key } => {
                write!(f, "'{key}': the server id must be a number")
            }
            ConfigProblem::TickOutOfRange { tick_ms } => {
                write!(f, "tickTime {tick_ms} is outside 1..{TICK_MS_MAX} ms")
            }
            ConfigProblem::NoServers => f.write_str("there are no servers"),
            ConfigProblem::TooManyServers => {
                write!(f, "at most {SERVERS_MAX} servers are supported")
            }
            ConfigProblem::SidOutOfRange { sid } => {
                write!(f, "server id {sid} is outside {SID_MIN}..{SID_MAX}")
            }
            ConfigProblem::DefinedTwice { sid } => write!(f, "server.{sid} is defined twice"),
            ConfigProblem::NotAscending { prev, next } => write!(
                f,
                "the servers are not in ascending id order (server.{prev} before server.{next})"
            ),
            ConfigProblem::BadHost { sid } => write!(
                f,
                "server.{sid} needs a host name of 1..{HOST_LEN_MAX} characters"
            ),
            ConfigProblem::PortZero { sid } => write!(f, "server.{sid} has a port 0"),
            ConfigProblem::NoParticipant => f.write_str(
                "an ensemble needs at least one participant (all servers are observers)",
            ),
            ConfigProblem::DataDirTooLong => {
                write!(f, "dataDir is longer than {DATA_DIR_LEN_MAX} characters")
            }
            ConfigProblem::MaxTimeoutTooLarge { ms } => {
                write!(
                    f,
                    "maxSessionTimeout {ms} is over {SESSION_TIMEOUT_MS_MAX} ms"
                )
            }
            ConfigProblem::MinAboveMax { min, max } => write!(
                f,
                "minSessionTimeout {min} is larger than maxSessionTimeout {max}"
            ),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "invalid config: {}", self.problem)
        } else {
            write!(f, "invalid config, line {}: {}", self.line, self.problem)
        }
    }
}

impl std::error::Error for ConfigError {}

impl Default for ZkConfig {
    fn default() -> Self {
        ZkConfig::ensemble(3, &[])
    }
}

impl ZkConfig {
    /// An ensemble of `n` servers with ids 1..=n on 127.0.0.1 (quorum ports 2888+k-1,
    /// election ports 3888+k-1, client ports 2181+k-1), `observers` being observers, with
    /// the sample config's timing (tickTime 2000, initLimit 10, syncLimit 5).
    pub fn ensemble(n: u64, observers: &[u64]) -> Self {
        let servers = (1..=n)
            .map(|k| ServerEntry {
                sid: k,
                host: "127.0.0.1".into(),
                quorum_port: 2888 + (k as u16 - 1),
                election_port: 3888 + (k as u16 - 1),
                client_port: 2181 + (k as u16 - 1),
                observer: observers.contains(&k),
            })
            .collect();
        ZkConfig {
            tick_ms: 2000,
            init_limit: 10,
            sync_limit: 5,
            min_session_timeout_ms: 4000,
            max_session_timeout_ms: 40000,
            data_dir: "/var/lib/zookeeper".into(),
            servers,
            start_running: false,
            faults: TestFaults::default(),
            finalize_wait_ms: FINALIZE_WAIT_MS,
        }
    }

    /// Parse a `zoo.cfg` text describing the whole ensemble.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        parse_zoo_cfg(text)
    }

    /// True when the ensemble runs as one standalone server.
    pub fn standalone(&self) -> bool {
        self.servers.len() <= 1
    }

    /// The kernel node of server `sid`.
    pub fn node_of(&self, sid: u64) -> Option<NodeId> {
        self.servers
            .iter()
            .position(|s| s.sid == sid)
            .map(|i| NodeId(i as u32))
    }

    /// The server id of a kernel node, if that node is a server.
    pub fn sid_of(&self, node: NodeId) -> Option<u64> {
        self.servers.get(node.index()).map(|s| s.sid)
    }

    /// A server's entry.
    pub fn server(&self, sid: u64) -> Option<&ServerEntry> {
        self.servers.iter().find(|s| s.sid == sid)
    }

    /// Whether `sid` is a voting member.
    pub fn is_voter(&self, sid: u64) -> bool {
        self.server(sid).is_some_and(|s| !s.observer)
    }

    /// Voting members' ids, ascending.
    pub fn voters(&self) -> Vec<u64> {
        self.servers
            .iter()
            .filter(|s| !s.observer)
            .map(|s| s.sid)
            .collect()
    }

    /// `QuorumMaj.containsQuorum`: more than half of the voters are in `set`
    /// (non-voters and repeats in `set` do not count).
    pub fn is_quorum<'a>(&self, set: impl IntoIterator<Item = &'a u64>) -> bool {
        self.voters_in(set) > self.voter_count() / 2
    }

    /// The test fault's broken majority: one voter short of a quorum is taken as enough
    /// (2 of 5; 1 of 3, the leader alone).
    pub fn is_quorum_but_one<'a>(&self, set: impl IntoIterator<Item = &'a u64>) -> bool {
        self.voters_in(set) + 1 > self.voter_count() / 2
    }

    /// How many voting members there are.
    pub fn voter_count(&self) -> usize {
        self.servers.iter().filter(|s| !s.observer).count()
    }

    /// How many distinct voting members `set` names.
    fn voters_in<'a>(&self, set: impl IntoIterator<Item = &'a u64>) -> usize {
        // Server ids are at most SID_MAX (255): a bitmap counts each voter once.
        let mut seen = [0u64; 4];
        let mut n = 0;
        for &sid in set {
            if sid > SID_MAX || !self.is_voter(sid) {
                continue;
            }
            let (w, b) = ((sid / 64) as usize, sid % 64);
            if seen[w] & (1 << b) == 0 {
                seen[w] |= 1 << b;
                n += 1;
            }
        }
        n
    }

    /// Tick length in microseconds.
    pub fn tick_us(&self) -> u64 {
        self.tick_ms * 1000
    }

    /// Clamp a requested session timeout into [min, max] (ZooKeeperServer.processConnectRequest).
    pub fn negotiate_timeout(&self, requested_ms: u64) -> u64 {
        requested_ms.clamp(self.min_session_timeout_ms, self.max_session_timeout_ms)
    }

    /// The `server.N=` lines of this config, as `conf` prints them under `membership:`.
    pub fn membership_lines(&self) -> Vec<String> {
        self.servers
            .iter()
            .map(|s| {
                format!(
                    "server.{}={}:{}:{}:{}",
                    s.sid,
                    s.host,
                    s.quorum_port,
                    s.election_port,
                    if s.observer {
                        "observer"
                    } else {
                        "participant"
                    },
                )
            })
            .collect()
    }

    /// What a quorum server keeps in `/zookeeper/config` (`QuorumVerifier.toString`).
    pub fn config_node_data(&self) -> Vec<u8> {
        let mut lines = self.membership_lines();
        lines.push("version=0".into());
        lines.join("\n").into_bytes()
    }

    /// Check the values hang together (the rules of `QuorumPeerConfig` plus the
    /// simulation's limits); an error names the bad value.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let whole = |problem: ConfigProblem| Err(ConfigError { line: 0, problem });
        if !(1..=TICK_MS_MAX).contains(&self.tick_ms) {
            return whole(ConfigProblem::TickOutOfRange {
                tick_ms: self.tick_ms,
            });
        }
        for (name, v) in [
            ("initLimit", self.init_limit),
            ("syncLimit", self.sync_limit),
        ] {
            if !(1..=LIMIT_TICKS_MAX).contains(&v) {
                return whole(ConfigProblem::LimitOutOfRange {
                    key: name.into(),
                    value: v.into(),
                });
            }
        }
        if self.servers.is_empty() {
            return whole(ConfigProblem::NoServers);
        }
        if self.servers.len() > SERVERS_MAX {
            return whole(ConfigProblem::TooManyServers);
        }
        for (i, s) in self.servers.iter().enumerate() {
            if !(SID_MIN..=SID_MAX).contains(&s.sid) {
                return whole(ConfigProblem::SidOutOfRange { sid: s.sid });
            }
            if let Some(prev) = i.checked_sub(1).map(|j| &self.servers[j]) {
                if prev.sid == s.sid {
                    return whole(ConfigProblem::DefinedTwice { sid: s.sid });
                }
                if prev.sid > s.sid {
                    return whole(ConfigProblem::NotAscending {
                        prev: prev.sid,
                        next: s.sid,
                    });
                }
            }
            if s.host.is_empty() || s.host.len() > HOST_LEN_MAX {
                return whole(ConfigProblem::BadHost { sid: s.sid });
            }
            if s.quorum_port == 0 || s.election_port == 0 || s.client_port == 0 {
                return whole(ConfigProblem::PortZero { sid: s.sid });
            }
        }
        if self.voters().is_empty() {
            return whole(ConfigProblem::NoParticipant);
        }
        if self.data_dir.len() > DATA_DIR_LEN_MAX {
            return whole(ConfigProblem::DataDirTooLong);
        }
        if self.max_session_timeout_ms > SESSION_TIMEOUT_MS_MAX {
            return whole(ConfigProblem::MaxTimeoutTooLarge {
                ms: self.max_session_timeout_ms,
            });
        }
        if self.min_session_timeout_ms > self.max_session_timeout_ms {
            return whole(ConfigProblem::MinAboveMax {
                min: self.min_session_timeout_ms,
                max: self.max_session_timeout_ms,
            });
        }
        Ok(())
    }

    /// Check the config holds only what the lab's own controls can set: valid, and no
    /// test fault switched on (those exist to prove the checkers can fail and never
    /// travel in a reproduction key or a run file).
    pub fn validate_shareable(&self) -> Result<(), String> {
        self.validate().map_err(|e| e.to_string())?;
        if self.faults != TestFaults::default() {
            return Err(format!(
                "it switches on a test-only protocol fault ({}), which the lab never runs",
                self.faults.names().join(", ")
            ));
        }
        if self.finalize_wait_ms != FINALIZE_WAIT_MS {
            return Err(format!(
                "its finalizeWait is {} ms, and ZooKeeper's is fixed at {FINALIZE_WAIT_MS} ms",
                self.finalize_wait_ms
            ));
        }
        Ok(())
    }
}

impl TestFaults {
    /// The names of the faults switched on.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.commit_without_quorum {
            v.push("commit_without_quorum");
        }
        v
    }
}

fn parse_u64(line: usize, key: &str, value: &str) -> Result<u64, ConfigError> {
    value.trim().parse::<u64>().map_err(|_| ConfigError {
        line,
        problem: ConfigProblem::NotNumber {
            key: key.into(),
            value: value.into(),
        },
    })
}

/// `initLimit` / `syncLimit`: a number of ticks in 1..=[`LIMIT_TICKS_MAX`].
fn parse_limit(line: usize, key: &str, value: &str) -> Result<u32, ConfigError> {
    match parse_u64(line, key, value)? {
        v if (1..=u64::from(LIMIT_TICKS_MAX)).contains(&v) => Ok(v as u32),
        v => Err(ConfigError {
            line,
            problem: ConfigProblem::LimitOutOfRange {
                key: key.into(),
                value: v,
            },
        }),
    }
}

fn parse_port(line: usize, what: &str, value: &str) -> Result<u16, ConfigError> {
    match value.trim().parse::<u16>() {
        Ok(p) if p > 0 => Ok(p),
        _ => Err(ConfigError {
            line,
            problem: ConfigProblem::NotPort {
                what: what.into(),
                value: value.into(),
            },
        }),
    }
}

/// Parse `host:port:port[:role][;[host:]clientPort]` of a `server.N` line.
fn parse_server_value(
    line: usize,
    sid: u64,
    value: &str,
    default_client_port: Option<u16>,
) -> Result<(ServerEntry, bool), ConfigError> {
    let (quorum_part, client_part) = match value.split_once(';') {
        Some((q, c)) => (q, Some(c)),
        None => (value, None),
    };
    let fields: Vec<&str> = quorum_part.trim().split(':').collect();
    if fields.len() < 3 || fields.len() > 4 {
        return Err(ConfigError {
            line,
            problem: ConfigProblem::ServerForm {
                sid,
                value: value.into(),
            },
        });
    }
    let host = fields[0].trim();
    if host.is_empty() {
        return Err(ConfigError {
            line,
            problem: ConfigProblem::EmptyHost { sid },
        });
    }
    let quorum_port = parse_port(line, "quorum port", fields[1])?;
    let election_port = parse_port(line, "election port", fields[2])?;
    let observer = match fields.get(3).map(|s| s.trim().to_ascii_lowercase()) {
        None => false,
        Some(t) if t == "participant" => false,
        Some(t) if t == "observer" => true,
        Some(t) => {
            return Err(ConfigError {
                line,
                problem: ConfigProblem::PeerType { value: t },
            })
        }
    };
    let explicit_client = client_part.is_some();
    let client_port = match client_part {
        Some(c) => {
            let port = c.rsplit(':').next().unwrap_or(c);
            parse_port(line, "client port", port)?
        }
        None => default_client_port.unwrap_or(2181),
    };
    Ok((
        ServerEntry {
            sid,
            host: host.to_string(),
            quorum_port,
            election_port,
            client_port,
            observer,
        },
        explicit_client,
    ))
}

/// Parse a `zoo.cfg` text. `server.N` lines describe the ensemble; without any, the result
/// is a one-server standalone config with id 1.
pub fn parse_zoo_cfg(text: &str) -> Result<ZkConfig, ConfigError> {
    let mut cfg = ZkConfig::ensemble(0, &[]);
    cfg.tick_ms = 3000; // ZooKeeperServer.DEFAULT_TICK_TIME when tickTime is absent
    let mut min_timeout: Option<u64> = None;
    let mut max_timeout: Option<u64> = None;
    let mut client_port: Option<u16> = None;
    let mut raw_servers: Vec<(usize, u64, String)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            return Err(ConfigError {
                line,
                problem: ConfigProblem::NotKeyValue {
                    text: trimmed.into(),
                },
            });
        };
        let key = key.trim();
        let value = value.trim();
        match key {
            "tickTime" => cfg.tick_ms = parse_u64(line, key, value)?,
            "initLimit" => cfg.init_limit = parse_limit(line, key, value)?,
            "syncLimit" => cfg.sync_limit = parse_limit(line, key, value)?,
            "minSessionTimeout" => min_timeout = Some(parse_u64(line, key, value)?),
            "maxSessionTimeout" => max_timeout = Some(parse_u64(line, key, value)?),
            "clientPort" => client_port = Some(parse_port(line, key, value)?),
            "dataDir" => cfg.data_dir = value.to_string(),
            _ if key.starts_with("server.") => {
                let id = &key["server.".len()..];
                let sid = id.parse::<u64>().map_err(|_| ConfigError {
                    line,
                    problem: ConfigProblem::SidNotNumber { key: key.into() },
                })?;
                if !(SID_MIN..=SID_MAX).contains(&sid) {
                    return Err(ConfigError {
                        line,
                        problem: ConfigProblem::SidOutOfRange { sid },
                    });
                }
                if raw_servers.iter().any(|(_, s, _)| *s == sid) {
                    return Err(ConfigError {
                        line,
                        problem: ConfigProblem::DefinedTwice { sid },
                    });
                }
                raw_servers.push((line, sid, value.to_string()));
            }
            _ => {} // other keys (dataLogDir, 4lw.commands.whitelist, ...) are accepted
        }
    }
    for (line, sid, value) in &raw_servers {
        let (entry, _) = parse_server_value(*line, *sid, value, client_port)?;
        cfg.servers.push(entry);
    }
    if cfg.servers.is_empty() {
        cfg.servers.push(ServerEntry {
            sid: 1,
            host: "127.0.0.1".into(),
            quorum_port: 2888,
            election_port: 3888,
            client_port: client_port.unwrap_or(2181),
            observer: false,
        });
    }
    crate::sorting::sort_by_u64_key(&mut cfg.servers, |s| (s.sid, 0));
    cfg.min_session_timeout_ms = min_timeout.unwrap_or(cfg.tick_ms.saturating_mul(2));
    cfg.max_session_timeout_ms = max_timeout.unwrap_or(cfg.tick_ms.saturating_mul(20));
    cfg.validate()?;
    Ok(cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# three servers on one host
tickTime=2000
initLimit=10
syncLimit=5
dataDir=/tmp/zk
clientPort=2181
4lw.commands.whitelist=*
server.1=127.0.0.1:2888:3888
server.2=127.0.0.1:2889:3889
server.3=127.0.0.1:2890:3890:observer;2183
";

    #[test]
    fn parses_the_sample() {
        let c = parse_zoo_cfg(SAMPLE).unwrap();
        assert_eq!(c.tick_ms, 2000);
        assert_eq!((c.init_limit, c.sync_limit), (10, 5));
        assert_eq!(c.servers.len(), 3);
        assert!(c.servers[2].observer);
        assert_eq!(c.servers[2].client_port, 2183);
        assert_eq!(c.servers[0].client_port, 2181);
        assert_eq!(c.voters(), vec![1, 2]);
        assert_eq!(
            (c.min_session_timeout_ms, c.max_session_timeout_ms),
            (4000, 40000)
        );
        assert!(!c.standalone());
        assert_eq!(c.node_of(2), Some(NodeId(1)));
    }

    #[test]
    fn one_server_is_standalone_and_defaults_apply() {
        let c = parse_zoo_cfg("clientPort=2181\ndataDir=/d\n").unwrap();
        assert!(c.standalone());
        assert_eq!(c.tick_ms, 3000);
        assert_eq!(c.servers[0].sid, 1);
    }

    #[test]
    fn bad_lines_name_their_line() {
        let e = parse_zoo_cfg("tickTime=2000\nnonsense\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse_zoo_cfg("tickTime=fast\n").unwrap_err();
        assert!(e.problem.to_string().contains("tickTime"), "{e}");
        let e = parse_zoo_cfg("server.1=127.0.0.1:2888\n").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        let e = parse_zoo_cfg("server.1=h:1:2:boss\n").unwrap_err();
        assert!(e.problem.to_string().contains("boss"));
        let e = parse_zoo_cfg("server.x=h:1:2\n").unwrap_err();
        assert!(e.problem.to_string().contains("number"));
        let e = parse_zoo_cfg("server.1=h:1:2\nserver.1=h:3:4\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse_zoo_cfg("server.1=h:1:99999\n").unwrap_err();
        assert!(e.problem.to_string().contains("port"));
    }

    #[test]
    fn invalid_configs_are_refused_with_a_reason() {
        let base = ZkConfig::ensemble(3, &[]);
        assert!(base.validate().is_ok());
        let bad = |f: &dyn Fn(&mut ZkConfig), word: &str| {
            let mut c = base.clone();
            f(&mut c);
            let e = c.validate().expect_err(word);
            assert!(e.problem.to_string().contains(word), "{word}: {e}");
        };
        bad(&|c| c.servers[1].sid = 1, "twice");
        bad(&|c| c.servers[0].sid = 0, "outside");
        bad(&|c| c.servers[2].sid = SID_MAX + 1, "outside");
        bad(&|c| c.servers.swap(0, 1), "ascending");
        bad(
            &|c| c.servers.iter_mut().for_each(|s| s.observer = true),
            "participant",
        );
        bad(&|c| c.servers.clear(), "no servers");
        bad(&|c| c.tick_ms = u64::MAX, "tickTime");
        bad(&|c| c.tick_ms = 0, "tickTime");
        bad(&|c| c.init_limit = LIMIT_TICKS_MAX + 1, "initLimit");
        bad(&|c| c.sync_limit = 0, "syncLimit");
        bad(
            &|c| c.max_session_timeout_ms = u64::MAX,
            "maxSessionTimeout",
        );
        bad(&|c| c.min_session_timeout_ms = 50_000, "minSessionTimeout");
        bad(
            &|c| c.servers[0].host = "h".repeat(HOST_LEN_MAX + 1),
            "host",
        );
        bad(&|c| c.servers[0].client_port = 0, "port");
        bad(
            &|c| c.data_dir = "d".repeat(DATA_DIR_LEN_MAX + 1),
            "dataDir",
        );
        // One observer-only server is no ensemble either.
        assert!(ZkConfig::ensemble(1, &[1]).validate().is_err());
        let e = parse_zoo_cfg("initLimit=5000\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = parse_zoo_cfg("tickTime=18446744073709551615\n").unwrap_err();
        assert!(e.problem.to_string().contains("tickTime"), "{e}");
        let mut faulty = base.clone();
        faulty.faults.commit_without_quorum = true;
        assert!(faulty.validate().is_ok());
        let e = faulty.validate_shareable().unwrap_err();
        assert!(e.contains("commit_without_quorum"), "{e}");
    }

    #[test]
    fn a_majority_is_more_than_half_of_the_voters() {
        // Every ensemble size, odd and even: exactly floor(v/2)+1 voters are a quorum.
        for v in 1..=9u64 {
            let c = ZkConfig::ensemble(v, &[]);
            let ids: Vec<u64> = (1..=v).collect();
            let need = v / 2 + 1;
            assert!(c.is_quorum(&ids[..need as usize]), "{need} of {v}");
            assert!(
                !c.is_quorum(&ids[..need as usize - 1]),
                "{} of {v}",
                need - 1
            );
        }
    }

    #[test]
    fn quorum_counts_voters_only() {
        let c = ZkConfig::ensemble(5, &[4, 5]);
        assert!(!c.is_quorum(&[1]));
        assert!(c.is_quorum(&[1, 2]));
        assert!(!c.is_quorum(&[1, 4, 5]));
        assert_eq!(c.negotiate_timeout(1000), 4000);
        assert_eq!(c.negotiate_timeout(100_000), 40_000);
    }
}
