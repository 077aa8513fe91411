//! The ZooKeeper protocol type of the kernel: servers and clients as one node type.
//!
//! Kernel node ids: the ensemble's servers in ascending id order come first (`NodeId(k-1)`
//! is server k when ids are 1..N), clients are added after them with
//! `Command::AddNode(ZkSpec::Client { .. })`. A server's disk ([`ServerDisk`]: epochs,
//! snapshot, txn log) survives a crash; everything else — election state, role, client
//! connections, watches — is rebuilt when it restarts. Clients keep nothing.

use super::msg::ZkMsg;
use super::note::ZkNote;
pub use super::timer::ZkTimer;
use super::violation::ViolationDetail;
use crate::command::Command;
use crate::id::NodeId;
use crate::net::NetConfig;
use crate::process::{Ctx, LinkEvent, NodeInit, Protocol};
use crate::protocols::zookeeper::client::connection::ZkClient;
use crate::protocols::zookeeper::data::request::ZkRequest;
use crate::protocols::zookeeper::replication::config::ZkConfig;
use crate::protocols::zookeeper::replication::server::ZkServer;
use crate::protocols::zookeeper::replication::zab::store::ServerDisk;
use crate::world::World;
use serde::{Deserialize, Serialize};

/// What a node is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ZkSpec {
    /// Server `sid` of the ensemble.
    Server {
        /// `myid`.
        sid: u64,
    },
    /// A client.
    Client {
        /// Its name in scripts ("c1").
        name: String,
        /// Connect string: server ids in order.
        servers: Vec<u64>,
        /// Requested session timeout, ms.
        timeout_ms: i32,
    },
}

/// Requests a user or script hands to a node.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ZkInput {
    /// Client: send a request.
    Submit(ZkRequest),
    /// Client: close the session.
    Close,
    /// Client: open a brand-new session.
    Open,
    /// Server: answer a four-letter word (`srvr`, `stat`, `mntr`, `conf`, `ruok`, `isro`).
    FourLetter(String),
    /// Client: write `count` times to `path` (which must exist), `window` in flight
    /// (benchmarks).
    Load {
        /// Writes.
        count: u64,
        /// In flight at once.
        window: u32,
        /// Path written.
        path: String,
        /// Bytes per write.
        size: u32,
    },
}

/// A ZooKeeper node.
#[derive(Clone, Debug, Hash)]
pub enum ZkNode {
    /// A server.
    Server(Box<ZkServer>),
    /// A client.
    Client(Box<ZkClient>),
}

impl ZkNode {
    /// The server, if this is one.
    pub fn server(&self) -> Option<&ZkServer> {
        match self {
            ZkNode::Server(s) => Some(s),
            ZkNode::Client(_) => None,
        }
    }

    /// The client, if this is one.
    pub fn client(&self) -> Option<&ZkClient> {
        match self {
            ZkNode::Client(c) => Some(c),
            ZkNode::Server(_) => None,
        }
    }
}

impl Protocol for ZkNode {
    type Msg = ZkMsg;
    type Timer = ZkTimer;
    type Request = ZkInput;
    type Disk = ServerDisk;
    type Spec = ZkSpec;
    type Config = ZkConfig;
    type Note = ZkNote;
    type ViolationDetail = ViolationDetail;

    const NAME: &'static str = "zookeeper";

    fn check_shared_config(config: &ZkConfig) -> Result<(), String> {
        config.validate_shareable()
    }

    fn initial_nodes(config: &ZkConfig) -> Vec<NodeInit<ZkSpec>> {
        config
            .servers
            .iter()
            .map(|s| NodeInit {
                spec: ZkSpec::Server { sid: s.sid },
                running: config.start_running,
            })
            .collect()
    }

    fn boot(id: NodeId, spec: &ZkSpec, config: &ZkConfig, disk: ServerDisk) -> Self {
        match spec {
            ZkSpec::Server { sid } => {
                ZkNode::Server(Box::new(ZkServer::boot(*sid, id, config, disk)))
            }
            ZkSpec::Client {
                name,
                servers,
                timeout_ms,
            } => {
                let list = servers
                    .iter()
                    .filter_map(|&sid| config.node_of(sid).map(|n| (sid, n)))
                    .collect();
                ZkNode::Client(Box::new(ZkClient::new(name, list, *timeout_ms)))
            }
        }
    }

    fn disk(&self) -> ServerDisk {
        match self {
            ZkNode::Server(s) => s.store.disk.clone(),
            ZkNode::Client(_) => ServerDisk::default(),
        }
    }

    fn on_start(&mut self, ctx: &mut Ctx<Self>) {
        match self {
            ZkNode::Server(s) => s.on_start(ctx),
            ZkNode::Client(c) => c.on_start(ctx),
        }
    }

    fn on_message(&mut self, ctx: &mut Ctx<Self>, from: NodeId, msg: ZkMsg) {
        match self {
            ZkNode::Server(s) => s.on_message(ctx, from, msg),
            ZkNode::Client(c) => c.on_message(ctx, from, msg),
        }
    }

    fn on_timer(&mut self, ctx: &mut Ctx<Self>, timer: ZkTimer) {
        match self {
            ZkNode::Server(s) => s.on_timer(ctx, timer),
            ZkNode::Client(c) => c.on_timer(ctx, timer),
        }
    }

    fn on_link(&mut self, ctx: &mut Ctx<Self>, peer: NodeId, event: LinkEvent) {
        match self {
            ZkNode::Server(s) => s.on_link(ctx, peer, event),
            ZkNode::Client(c) => c.on_link(ctx, peer, event),
        }
    }

    fn on_request(&mut self, ctx: &mut Ctx<Self>, request: ZkInput) {
        let c = match self {
            ZkNode::Client(c) => c,
            ZkNode::Server(s) => {
                if let ZkInput::FourLetter(word) = request {
                    s.four_letter(&word, ctx.now());
                }
                return;
            }
        };
        match request {
            ZkInput::Submit(req) => {
                c.submit(ctx, req);
            }
            ZkInput::Close => c.close(ctx),
            ZkInput::Open => c.open(ctx),
            ZkInput::FourLetter(_) => {}
            ZkInput::Load {
                count,
                window,
                path,
                size,
            } => c.start_load(
                ctx,
                crate::protocols::zookeeper::client::connection::Load {
                    remaining: count,
                    window: window.clamp(1, 1_000),
                    path,
                    size: size.min(1 << 20),
                    done: 0,
                    failed: 0,
                    finished: None,
                },
            ),
        }
    }

    fn status(&self) -> &'static str {
        match self {
            ZkNode::Server(s) => s.status(),
            ZkNode::Client(c) => c.status(),
        }
    }
}

/// A world running `config` (servers stopped unless `config.start_running`).
pub fn world(config: ZkConfig, net: NetConfig, seed: u64) -> World<ZkNode> {
    World::new(config, net, seed)
}

/// Add a client node named `name` connecting to `servers`; returns its node id.
pub fn add_client(
    world: &mut World<ZkNode>,
    name: &str,
    servers: &[u64],
    timeout_ms: i32,
) -> Result<NodeId, crate::command::CommandError> {
    let id = NodeId(world.node_count() as u32);
    world.apply(Command::AddNode(NodeInit {
        spec: ZkSpec::Client {
            name: name.to_string(),
            servers: servers.to_vec(),
            timeout_ms,
        },
        running: true,
    }))?;
    Ok(id)
}
