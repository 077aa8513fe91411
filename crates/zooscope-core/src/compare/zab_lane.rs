//! The ZAB lane: the real ZooKeeper ensemble of [`crate::protocols::zookeeper`] driven by
//! the comparison script.
//!
//! The ensemble starts with every server running and elects its epoch-1 leader before
//! the script's first line ("off-screen"); that leader is script node 1, and the other
//! servers follow as nodes 2..n in descending server id, so that node 1 is the
//! coordinating node here as in the other lanes. Each script node has a client of its
//! own, connected (also off-screen) with a connect string that starts at that node's
//! server and goes on with the next nodes, so asking node `k` means that client's
//! request, and resubmitting to the next node means the next node's client. A proposal
//! is `create /decision VALUE`: the first such write ZAB commits is the decision, and a
//! later one fails with NodeExists (an answer: the value is already decided). Phases
//! are ZAB's broadcast: PROPOSAL and its ACKs are phase 1, COMMIT is phase 2 (the ACK
//! of NEWLEADER during recovery is not a broadcast message). A node has *decided* when
//! its data tree holds `/decision`, which happens when it applies the COMMIT — or
//! when a new leader, elected after a crash, synchronises it with every txn a quorum
//! had acknowledged.

use super::lane::{LaneDetail, LaneProtocol};
use super::script::LaneKind;
use crate::command::Command;
use crate::id::NodeId;
use crate::invariant::Invariant;
use crate::net::NetConfig;
use crate::protocols::commit::view::{NodeView, Stance};
use crate::protocols::commit::{Outcome, Phase};
use crate::protocols::zookeeper::client::driver::run_until_cond;
use crate::protocols::zookeeper::client::library::{ClientError, ClientState};
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::request::{CreateMode, ZkRequest};
use crate::protocols::zookeeper::msg::ZkMsg;
use crate::protocols::zookeeper::node::{self, ZkInput, ZkNode};
use crate::protocols::zookeeper::replication::config::ZkConfig;
use crate::protocols::zookeeper::replication::zab::packet::ZabPacket;
use crate::protocols::zookeeper::replication::zab::store::counter_of;
use crate::protocols::zookeeper::violation::ViolationDetail;
use crate::time::SimDuration;
use crate::world::World;

/// The znode a proposal creates.
pub const DECISION_PATH: &str = "/decision";
/// Session timeout of the lane's clients, ms.
pub const CLIENT_SESSION_MS: i32 = 30_000;

/// The lane's view of the ensemble.
#[derive(Clone, Debug)]
pub struct ZabSide {
    /// Server node of each script node (node 1 first).
    pub servers: Vec<NodeId>,
    /// Client of each script node.
    pub clients: Vec<NodeId>,
    /// The xid of each client's last proposal.
    pub xids: Vec<Option<i32>>,
}

fn mode(world: &World<ZkNode>, id: NodeId) -> Option<&'static str> {
    world
        .node(id)
        .and_then(ZkNode::server)
        .and_then(|s| s.mode())
}

/// The value node `id`'s data tree holds as the decision.
pub fn decided_value(world: &World<ZkNode>, id: NodeId) -> Option<String> {
    let server = world.node(id).and_then(ZkNode::server)?;
    let znode = server.store.db.tree.get(DECISION_PATH)?;
    Some(String::from_utf8_lossy(znode.data.as_deref().unwrap_or_default()).into_owned())
}

impl LaneProtocol for ZkNode {
    type Side = ZabSide;

    fn build(_kind: LaneKind, nodes: u32, seed: u64) -> Result<(World<ZkNode>, ZabSide), String> {
        let n = u64::from(nodes);
        let mut cfg = ZkConfig::ensemble(n, &[]);
        cfg.start_running = true;
        let mut world = node::world(cfg, NetConfig::default(), seed);
        let servers: Vec<NodeId> = (0..nodes).map(NodeId).collect();
        let elected = run_until_cond(&mut world, SimDuration::from_secs(60), |w| {
            servers.iter().any(|&s| mode(w, s) == Some("leader"))
        });
        let leader = servers
            .iter()
            .copied()
            .find(|&s| mode(&world, s) == Some("leader"))
            .filter(|_| elected)
            .ok_or("the ensemble elected no leader within a minute")?;
        let mut order = vec![leader];
        order.extend(servers.iter().rev().copied().filter(|&s| s != leader));
        let sid = |id: NodeId| u64::from(id.0) + 1;
        let mut clients = Vec::new();
        for k in 0..order.len() {
            let connect: Vec<u64> = (0..order.len())
                .map(|i| sid(order[(k + i) % order.len()]))
                .collect();
            let name = format!("c{}", k + 1);
            let c = node::add_client(&mut world, &name, &connect, CLIENT_SESSION_MS)
                .map_err(|e| e.to_string())?;
            world
                .apply(Command::Request(c, ZkInput::Open))
                .map_err(|e| e.to_string())?;
            clients.push(c);
        }
        let connected = run_until_cond(&mut world, SimDuration::from_secs(30), |w| {
            clients.iter().all(|&c| {
                w.node(c).and_then(ZkNode::client).map(|c| c.state) == Some(ClientState::Connected)
            })
        });
        if !connected {
            return Err("the lane's clients did not connect within 30 seconds".into());
        }
        let side = ZabSide {
            servers: order,
            xids: vec![None; clients.len()],
            clients,
        };
        Ok((world, side))
    }

    fn node(side: &ZabSide, k: u32) -> NodeId {
        side.servers[k as usize - 1]
    }

    fn phase(msg: &ZkMsg) -> Option<Phase> {
        let ZkMsg::Quorum(p) = msg else { return None };
        match p.as_ref() {
            ZabPacket::Proposal(_) => Some(Phase::One),
            ZabPacket::Ack { zxid } if counter_of(*zxid) != 0 => Some(Phase::One),
            ZabPacket::Commit { .. } => Some(Phase::Two),
            _ => None,
        }
    }

    fn is_request(msg: &ZkMsg) -> bool {
        matches!(msg, ZkMsg::Quorum(p) if matches!(p.as_ref(), ZabPacket::Proposal(_)))
    }

    fn vote(_: &mut World<ZkNode>, _: &mut ZabSide, _: u32, _: bool) -> bool {
        false
    }

    fn submit(world: &mut World<ZkNode>, side: &mut ZabSide, k: u32, value: &str) {
        let i = k as usize - 1;
        let client = side.clients[i];
        let Some(xid) = world
            .node(client)
            .and_then(ZkNode::client)
            .map(|c| c.next_xid())
        else {
            return;
        };
        let request = ZkRequest::Create {
            path: DECISION_PATH.into(),
            data: Some(value.as_bytes().to_vec()),
            acl: open_acl_unsafe(),
            mode: CreateMode::Persistent,
            ttl: -1,
        };
        if world
            .apply(Command::Request(client, ZkInput::Submit(request)))
            .is_ok()
        {
            side.xids[i] = Some(xid);
        }
    }

    fn answered(world: &World<ZkNode>, side: &ZabSide, k: u32) -> bool {
        let i = k as usize - 1;
        let Some(xid) = side.xids[i] else {
            return false;
        };
        let result = world
            .node(side.clients[i])
            .and_then(ZkNode::client)
            .and_then(|c| c.results.get(&xid));
        matches!(
            result,
            Some(Ok(_)) | Some(Err(ClientError::Keeper(ZkError::NodeExists)))
        )
    }

    fn outcome(world: &World<ZkNode>, side: &ZabSide, k: u32) -> Outcome {
        match decided_value(world, Self::node(side, k)) {
            Some(v) => Outcome::Committed(v),
            None => Outcome::Undecided,
        }
    }

    fn phase1_done(world: &World<ZkNode>, side: &ZabSide) -> bool {
        side.servers
            .iter()
            .any(|&s| mode(world, s) == Some("leader") && decided_value(world, s).is_some())
    }

    fn extra_nodes(side: &ZabSide) -> Vec<NodeId> {
        side.clients.clone()
    }

    fn invariants(_kind: LaneKind) -> Vec<Box<dyn Invariant<World<ZkNode>>>> {
        crate::invariants::all()
    }

    fn detail(detail: &ViolationDetail) -> LaneDetail {
        LaneDetail::Zab(detail.clone())
    }

    fn view(world: &World<ZkNode>, side: &ZabSide, k: u32) -> NodeView {
        let id = Self::node(side, k);
        let leading = mode(world, id) == Some("leader");
        let stance = match (decided_value(world, id), mode(world, id)) {
            (Some(v), _) => Stance::Committed(v),
            (None, Some("leader")) => Stance::Leading,
            (None, Some("follower")) => Stance::Following,
            (None, _) => Stance::Looking,
        };
        NodeView::of(stance, leading)
    }
}
