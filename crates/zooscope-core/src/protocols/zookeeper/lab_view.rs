//! What the election lab's ZooKeeper panels show, computed from a world.
//!
//! [`ZkLabView::build`] reads a `World<ZkNode>` — servers, clients, the kernel's
//! violations — and produces plain, bounded data for the panels; it never changes the
//! run. Its parts follow the protocol as reference §1–§5 describes it:
//!
//! * [`cards`]: one card per server (state, epochs, last zxid as epoch|counter) and per
//!   client (connected server, session, state);
//! * [`ballot`]: each server's ballot box of Fast Leader Election
//!   (`FastLeaderElection.lookForLeader`), with every change of its vote explained as
//!   data (`totalOrderPredicate` compares (peerEpoch, zxid, myid));
//! * [`replication`]: ZAB after the election — each learner's phase and sync
//!   (DIFF / TRUNC / SNAP), the PROPOSAL → ACK quorum → COMMIT pipeline, every log;
//! * [`data`]: one server's znode tree with Stat fields, ephemeral owners, watches and
//!   sessions (a lagging follower shows stale data);
//! * [`invariants`]: the safety checkers' verdicts;
//! * [`console`] and [`complete`]: the zkCli console the data panel embeds.
//!
//! Everything is text-free where the UI must translate it (enums and numbers); the only
//! English kept is what ZooKeeper itself prints (state names, zkCli output, API names)
//! and one English accessible name per card.

pub mod ballot;
pub mod cards;
pub mod complete;
pub mod console;
pub mod data;
pub mod invariants;
pub mod replication;

use super::node::ZkNode;
use crate::world::World;
use ballot::BallotBoxView;
use cards::{ClientCard, ServerCard};
use console::{ConsoleView, LabConsole};
use data::DataView;
use invariants::InvariantView;
use replication::ZabView;

/// Client cards at most.
pub const CLIENTS_SHOWN: usize = 32;

/// Everything the ZooKeeper panels show at one moment of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ZkLabView {
    /// Events processed.
    pub step: u64,
    /// Simulated time, µs.
    pub time_us: u64,
    /// Voting members.
    pub voters: u32,
    /// Votes a quorum needs.
    pub quorum: u32,
    /// The server the learner selected (`myid`).
    pub selected: Option<u32>,
    /// Servers, by `myid`.
    pub servers: Vec<ServerCard>,
    /// Clients, in the order they were added.
    pub clients: Vec<ClientCard>,
    /// Clients in the run (more than shown when large).
    pub clients_total: u32,
    /// Ballot boxes of the running servers, by `myid`.
    pub ballots: Vec<BallotBoxView>,
    /// ZAB.
    pub zab: ZabView,
    /// The tree of the selected server (else the leader's).
    pub data: Option<DataView>,
    /// Safety.
    pub invariants: InvariantView,
    /// The zkCli console of the selected client.
    pub console: ConsoleView,
}

/// What to build a view for.
#[derive(Clone, Copy, Debug, Default)]
pub struct ViewOptions<'a> {
    /// The selected server (`myid`).
    pub selected: Option<u32>,
    /// The selected client (kernel node id).
    pub client: Option<u32>,
    /// The consoles, for the transcript.
    pub console: Option<&'a LabConsole>,
}

impl ZkLabView {
    /// The view of `world` with server `selected` chosen.
    pub fn build(world: &World<ZkNode>, selected: Option<u32>) -> ZkLabView {
        ZkLabView::build_with(
            world,
            &ViewOptions {
                selected,
                ..ViewOptions::default()
            },
        )
    }

    /// The view of `world` for `opts`.
    pub fn build_with(world: &World<ZkNode>, opts: &ViewOptions<'_>) -> ZkLabView {
        let cfg = world.config();
        let voters = cfg.voters().len() as u32;
        let mut servers = Vec::new();
        let mut ballots = Vec::new();
        for e in &cfg.servers {
            let Some(node) = cfg.node_of(e.sid) else {
                continue;
            };
            let card = cards::server_card(world, e.sid, node, !e.observer);
            if card.role.is_some() {
                if let Some(s) = world.node(node).and_then(ZkNode::server) {
                    ballots.push(ballot::ballot_box(
                        e.sid,
                        !e.observer,
                        &s.election,
                        &s.current_vote,
                        s.state,
                        voters,
                    ));
                }
            }
            servers.push(card);
        }
        let all_clients: Vec<ClientCard> = world
            .node_ids()
            .into_iter()
            .skip(cfg.servers.len())
            .filter_map(|id| cards::client_card(world, id))
            .collect();
        let clients_total = all_clients.len() as u32;
        let clients = all_clients.into_iter().take(CLIENTS_SHOWN).collect();
        let data = data::data_server(world, opts.selected).and_then(|s| data::data_view(world, s));
        ZkLabView {
            step: world.steps(),
            time_us: world.now().0,
            voters,
            quorum: voters / 2 + 1,
            selected: opts.selected,
            servers,
            clients,
            clients_total,
            ballots,
            zab: replication::zab_view(world),
            data,
            invariants: invariants::invariant_view(world),
            console: console::console_view(world, opts.client, opts.console),
        }
    }

    /// The card of server `myid`.
    pub fn server(&self, myid: u32) -> Option<&ServerCard> {
        self.servers.iter().find(|s| s.myid == myid)
    }

    /// The ballot box of server `myid`.
    pub fn ballot(&self, myid: u32) -> Option<&BallotBoxView> {
        self.ballots.iter().find(|b| b.myid == myid)
    }

    /// Every znode path the data view lists (for completion).
    pub fn paths(&self) -> Vec<String> {
        self.data
            .as_ref()
            .map(|d| d.nodes.iter().map(|n| n.path.clone()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
