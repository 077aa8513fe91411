//! Server and client cards: one row per process, with the numbers a teacher points at.
//!
//! A server card shows `myid`, the `QuorumPeer` state (LOOKING / FOLLOWING / LEADING /
//! OBSERVING, or stopped), whether it votes, its epochs and its last processed zxid split
//! into the epoch (high 32 bits) and counter (low 32 bits) as `ZxidUtils` defines them.
//! A stopped server is read from its disk (`acceptedEpoch`, `currentEpoch`, the last
//! logged zxid), because that is what it will boot with. A client card shows its
//! connection (the server it holds a session on), the session id and its zkCli state.

use super::super::node::ZkNode;
use crate::id::NodeId;
use crate::protocols::zookeeper::client::library::ClientState;
use crate::protocols::zookeeper::replication::server::ZkServer;
use crate::protocols::zookeeper::replication::zab::store::{counter_of, epoch_of, ServerDisk};
use crate::protocols::zookeeper::replication::zab::ZabState;
use crate::world::{NodeState, World};
use std::fmt;

/// A zxid: `epoch << 32 | counter`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Zxid(pub u64);

impl Zxid {
    /// The epoch (high 32 bits).
    pub fn epoch(self) -> u32 {
        epoch_of(self.0)
    }

    /// The counter (low 32 bits).
    pub fn counter(self) -> u32 {
        counter_of(self.0)
    }

    /// As ZooKeeper prints it: `0x100000003` (lower-case, no padding).
    pub fn hex(self) -> String {
        format!("0x{:x}", self.0)
    }

    /// The epoch part, as the high half of [`Zxid::hex`]: `0x1`, `0x0`.
    pub fn epoch_hex(self) -> String {
        format!("0x{:x}", self.epoch())
    }

    /// The counter part as eight hex digits (the low half): `00000003`. Written after
    /// [`Zxid::epoch_hex`] it reads as the zxid's value (`0x1` `00000003`).
    pub fn counter_hex(self) -> String {
        format!("{:08x}", self.counter())
    }

    /// A zxid field of a vote (Java `long`): `None` for the negative "no zxid" values
    /// an observer's vote carries.
    pub fn of_vote(z: i64) -> Option<Zxid> {
        u64::try_from(z).ok().map(Zxid)
    }
}

impl fmt::Display for Zxid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:x}", self.0)
    }
}

/// A server id as the UI uses it (`myid` fits in 8 bits in real deployments).
pub fn myid(sid: u64) -> u32 {
    u32::try_from(sid).unwrap_or(u32::MAX)
}

/// The role a running server has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Running leader election.
    Looking,
    /// Following a leader.
    Following,
    /// Leading.
    Leading,
    /// Observing (a non-voting learner).
    Observing,
    /// A one-server ensemble.
    Standalone,
}

impl Role {
    /// The upper-case name ZooKeeper logs (`LOOKING`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Role::Looking => "LOOKING",
            Role::Following => "FOLLOWING",
            Role::Leading => "LEADING",
            Role::Observing => "OBSERVING",
            Role::Standalone => "STANDALONE",
        }
    }

    /// The role of a running server.
    pub fn of(server: &ZkServer) -> Role {
        use crate::protocols::zookeeper::replication::vote::ServerState;
        if matches!(
            server.role,
            crate::protocols::zookeeper::replication::server::Role::Standalone
        ) {
            return Role::Standalone;
        }
        match server.state {
            ServerState::Looking => Role::Looking,
            ServerState::Following => Role::Following,
            ServerState::Leading => Role::Leading,
            ServerState::Observing => Role::Observing,
        }
    }
}

/// Whether a process runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Liveness {
    /// Running.
    Up,
    /// Frozen (a long pause): its events wait.
    Paused,
    /// Stopped or crashed; only its disk is left.
    Down,
}

impl Liveness {
    /// From the kernel's node state.
    pub fn of(state: Option<NodeState>) -> Liveness {
        match state {
            Some(NodeState::Up) => Liveness::Up,
            Some(NodeState::Paused) => Liveness::Paused,
            _ => Liveness::Down,
        }
    }
}

/// One server.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServerCard {
    /// `myid`.
    pub myid: u32,
    /// Kernel node id.
    pub node: u32,
    /// A voting member (false: an observer).
    pub voter: bool,
    /// Running, paused or stopped.
    pub live: Liveness,
    /// Its role (`None` when stopped).
    pub role: Option<Role>,
    /// The ZAB phase (`None` when stopped).
    pub zab_state: Option<ZabState>,
    /// Serving clients.
    pub serving: bool,
    /// The epoch it is in (a leader's new epoch once frozen, else `currentEpoch`).
    pub epoch: u32,
    /// `acceptedEpoch` on disk.
    pub accepted_epoch: u32,
    /// `currentEpoch` on disk.
    pub current_epoch: u32,
    /// Last processed zxid (what `srvr` reports; for a stopped server, what it will
    /// boot with).
    pub last_zxid: Zxid,
    /// Last logged zxid (includes txns not committed yet).
    pub last_logged: Zxid,
    /// The leader it follows or is.
    pub leader: Option<u32>,
    /// Client connections.
    pub connections: u32,
    /// Election round (`logicalclock`).
    pub round: i64,
    /// "Server 2, LEADING, epoch 1, zxid 0x100000003" / "Server 3, stopped".
    pub accessible_name: String,
}

/// One client.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClientCard {
    /// Kernel node id.
    pub node: u32,
    /// Its name ("c1").
    pub name: String,
    /// Running, paused or stopped.
    pub live: Liveness,
    /// zkCli state.
    pub state: ClientState,
    /// The server it holds its session on.
    pub connected_to: Option<u32>,
    /// Session id (0 when none).
    pub session: u64,
    /// Negotiated session timeout, ms.
    pub timeout_ms: i32,
    /// The last zxid it has seen.
    pub last_zxid: Zxid,
    /// "Client c1, CONNECTED to server 2, session 0x200000a2b40000".
    pub accessible_name: String,
}

/// The English accessible name of a server card.
pub fn server_name(
    myid: u32,
    role: Option<Role>,
    live: Liveness,
    epoch: u32,
    zxid: Zxid,
) -> String {
    match role {
        None => format!("Server {myid}, stopped"),
        Some(r) => {
            let paused = if live == Liveness::Paused {
                ", paused"
            } else {
                ""
            };
            format!(
                "Server {myid}, {}, epoch {epoch}, zxid {}{paused}",
                r.name(),
                zxid.hex()
            )
        }
    }
}

fn disk_zxid(disk: &ServerDisk) -> Zxid {
    let logged = disk.log.last().map_or(0, |e| e.zxid);
    Zxid(logged.max(disk.snapshot().last_processed))
}

/// The card of server `sid` (kernel node `node`).
pub fn server_card(world: &World<ZkNode>, sid: u64, node: NodeId, voter: bool) -> ServerCard {
    let live = Liveness::of(world.node_state(node));
    let id = myid(sid);
    let running = if live == Liveness::Down {
        None
    } else {
        world.node(node).and_then(ZkNode::server)
    };
    match running {
        Some(s) => {
            let role = Role::of(s);
            let last = Zxid(s.store.last_processed());
            let epoch = s.epoch();
            ServerCard {
                myid: id,
                node: node.0,
                voter,
                live,
                role: Some(role),
                zab_state: Some(s.zab_state()),
                serving: s.serving(),
                epoch,
                accepted_epoch: s.store.disk.accepted_epoch,
                current_epoch: s.store.disk.current_epoch,
                last_zxid: last,
                last_logged: Zxid(s.store.last_logged()),
                leader: s.leader_id().map(myid),
                connections: s.conns.len() as u32,
                round: s.election.logicalclock,
                accessible_name: server_name(id, Some(role), live, epoch, last),
            }
        }
        None => {
            let disk = world.disk(node).unwrap_or_default();
            let last = disk_zxid(&disk);
            ServerCard {
                myid: id,
                node: node.0,
                voter,
                live: Liveness::Down,
                role: None,
                zab_state: None,
                serving: false,
                epoch: disk.current_epoch,
                accepted_epoch: disk.accepted_epoch,
                current_epoch: disk.current_epoch,
                last_zxid: last,
                last_logged: last,
                leader: None,
                connections: 0,
                round: 0,
                accessible_name: server_name(id, None, Liveness::Down, 0, last),
            }
        }
    }
}

/// The English accessible name of a client card.
pub fn client_name(name: &str, state: ClientState, server: Option<u32>, session: u64) -> String {
    let mut s = format!("Client {name}, {}", state.name());
    if let Some(sid) = server {
        s.push_str(&format!(" to server {sid}"));
    }
    if session != 0 {
        s.push_str(&format!(", session 0x{session:x}"));
    }
    s
}

/// The card of client node `node`, if it is a client.
pub fn client_card(world: &World<ZkNode>, node: NodeId) -> Option<ClientCard> {
    use super::super::node::ZkSpec;
    let live = Liveness::of(world.node_state(node));
    let name = match world.spec(node)? {
        ZkSpec::Client { name, .. } => name.clone(),
        ZkSpec::Server { .. } => return None,
    };
    let cfg = world.config();
    let c = world.node(node).and_then(ZkNode::client);
    let (state, server, session, timeout, last) = match c {
        Some(c) if live != Liveness::Down => (
            c.state,
            c.connected_to().and_then(|n| cfg.sid_of(n)).map(myid),
            c.session,
            c.timeout_ms,
            Zxid(c.last_zxid),
        ),
        _ => (ClientState::Closed, None, 0, 0, Zxid(0)),
    };
    Some(ClientCard {
        node: node.0,
        accessible_name: client_name(&name, state, server, session),
        name,
        live,
        state,
        connected_to: server,
        session,
        timeout_ms: timeout,
        last_zxid: last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zxid_parts_read_together_as_the_zxid() {
        let z = Zxid(0x1_0000_0003);
        assert_eq!((z.epoch(), z.counter()), (1, 3));
        assert_eq!(z.hex(), "0x100000003");
        assert_eq!(z.epoch_hex(), "0x1");
        assert_eq!(z.counter_hex(), "00000003");
        assert_eq!(format!("{}{}", z.epoch_hex(), z.counter_hex()), z.hex());
        let small = Zxid(0x2a);
        assert_eq!(
            (small.epoch_hex(), small.counter_hex()),
            ("0x0".into(), "0000002a".into())
        );
        let joined = format!("{}{}", small.epoch_hex(), small.counter_hex());
        assert_eq!(u64::from_str_radix(&joined[2..], 16), Ok(0x2a));
        assert_eq!(Zxid::of_vote(i64::MIN), None);
        assert_eq!(Zxid::of_vote(5), Some(Zxid(5)));
    }

    #[test]
    fn accessible_names() {
        assert_eq!(
            server_name(2, Some(Role::Leading), Liveness::Up, 1, Zxid(0x1_0000_0003)),
            "Server 2, LEADING, epoch 1, zxid 0x100000003"
        );
        assert_eq!(
            server_name(3, None, Liveness::Down, 0, Zxid(0)),
            "Server 3, stopped"
        );
        assert_eq!(
            server_name(1, Some(Role::Following), Liveness::Paused, 1, Zxid(0)),
            "Server 1, FOLLOWING, epoch 1, zxid 0x0, paused"
        );
        assert_eq!(
            client_name("c1", ClientState::Connected, Some(2), 0x200),
            "Client c1, CONNECTED to server 2, session 0x200"
        );
    }
}
