//! The lock lab's view of a run: a lock's queue, its clients and its counters, as typed
//! values read from the servers' trees and watch tables and the Curator recipes.
//!
//! * **The queue** ([`LockQueue`]): the children of a lock directory in sequence order
//!   (Curator sorts by the part after the lock name, `…-lock-0000000003`), the client
//!   whose session owns each ephemeral node, which clients' recipes believe they hold it,
//!   and the watches the serving servers have registered on it — so "who watches whom"
//!   is what ZooKeeper itself records, not what the recipe intends. For the herd lock,
//!   whose lock node is the path itself, the queue is that one node with every waiter
//!   watching it.
//! * **The clients** ([`LockClient`]): process state (running, paused, dead), server,
//!   session and whether the ensemble still lists it, what its recipe holds (with the
//!   re-entrancy count) or waits for.
//! * **The counters** ([`LockCounters`]): grants, releases and wake-ups of the lock
//!   (from the recipes' reports, [`LockRecord`]), notifications the clients received for
//!   nodes under it, requests the clients sent and transactions the ensemble committed.
//!   The lab's herd-versus-queue chart is measured by the `lock-wakeups` experiment's
//!   run ([`crate::experiment::lock_wakeups::run`]), not here.

use super::Runner;
use crate::id::NodeId;
use crate::protocols::zookeeper::client::curator::host::{CuratorHost, LockRecord};
use crate::protocols::zookeeper::client::curator::recipes::{Lock, Said};
use crate::protocols::zookeeper::data::tree::DataTree;
use crate::protocols::zookeeper::node::{ZkNode, ZkSpec};
use crate::world::{NodeState, World};

/// Most nodes one queue lists.
pub const QUEUE_MAX: usize = 200;

/// One node of a lock's queue.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct QueueNode {
    /// The child's name (`_c_<uuid>-lock-0000000003`), or the lock path itself for a
    /// herd lock.
    pub name: String,
    /// Its sequence number, if it has one.
    pub seq: Option<u64>,
    /// Its czxid.
    pub czxid: u64,
    /// The client whose session owns it (ephemeral nodes), by name.
    pub owner: Option<String>,
    /// The owner's session.
    pub session: u64,
    /// Clients whose recipes believe they hold the lock with this node.
    pub held_by: Vec<String>,
    /// Clients the servers have an exists/getData watch registered for, on this node.
    pub watched_by: Vec<String>,
}

/// A lock directory's queue.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct LockQueue {
    /// The directory (or, for a herd lock, the lock node).
    pub path: String,
    /// The nodes in sequence order.
    pub nodes: Vec<QueueNode>,
}

impl LockQueue {
    /// The node `client` watches, if any.
    pub fn watched_by_client(&self, client: &str) -> Option<&QueueNode> {
        self.nodes
            .iter()
            .find(|n| n.watched_by.iter().any(|c| c == client))
    }
}

/// A client process as the lock lab shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Process {
    /// Running.
    Running,
    /// Frozen (a GC pause).
    Paused,
    /// Killed.
    Dead,
}

/// One Curator client of the run.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LockClient {
    /// Its name.
    pub name: String,
    /// Its kernel node.
    pub node: u32,
    /// Its process.
    pub process: Process,
    /// The server it is connected to.
    pub server: Option<u64>,
    /// Its session (0 before one is open).
    pub session: u64,
    /// The ensemble still lists its session.
    pub session_live: bool,
    /// The node its recipe on the path believes it holds the lock with.
    pub holds: Option<String>,
    /// How often it holds it (InterProcessMutex is re-entrant).
    pub hold_count: u32,
    /// An acquire is under way.
    pub waiting: bool,
}

/// Counters of one lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct LockCounters {
    /// Grants (`acquire` returned true).
    pub acquisitions: u64,
    /// Releases.
    pub releases: u64,
    /// Timed acquires that gave up.
    pub gave_up: u64,
    /// Waiters woken by a watch that then looked again.
    pub wakeups: u64,
    /// Watch notifications the clients received for the lock's nodes.
    pub notifications: u64,
    /// Requests the clients sent (every operation, pings aside).
    pub requests: u64,
    /// Transactions the ensemble committed (zxids issued in this epoch).
    pub zxids: u64,
}

/// Everything the lock lab draws about one lock path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct LockView {
    /// The queue.
    pub queue: LockQueue,
    /// The Curator clients, in creation order.
    pub clients: Vec<LockClient>,
    /// The counters.
    pub counters: LockCounters,
}

fn serving_tree(world: &World<ZkNode>) -> Option<&DataTree> {
    let node = world.config().node_of(Runner::leader(world)?)?;
    world
        .node(node)
        .and_then(ZkNode::server)
        .map(|s| &s.store.db.tree)
}

fn live_sessions(world: &World<ZkNode>) -> Vec<u64> {
    Runner::leader(world)
        .and_then(|sid| world.config().node_of(sid))
        .and_then(|n| world.node(n))
        .and_then(ZkNode::server)
        .map(|s| s.store.db.sessions.keys().copied().collect())
        .unwrap_or_default()
}

/// `(session, path)` of every data watch on the running servers.
fn data_watches(world: &World<ZkNode>) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    for sid in world.config().servers.iter().map(|s| s.sid) {
        let Some(n) = world.config().node_of(sid) else {
            continue;
        };
        if world.node_state(n) == Some(NodeState::Down) {
            continue;
        }
        let Some(s) = world.node(n).and_then(ZkNode::server) else {
            continue;
        };
        for (session, path, kind, _) in s.watches.list() {
            if kind == 'd' && !out.contains(&(session, path.clone())) {
                out.push((session, path));
            }
        }
    }
    out
}

fn client_of(host: &CuratorHost, session: u64) -> Option<String> {
    (session != 0)
        .then(|| {
            host.clients
                .iter()
                .find(|(_, c)| c.session == session)
                .map(|(n, _)| n.clone())
        })
        .flatten()
}

/// Does a recipe on `recipe_path` (a multi lock's is `/a,/b`) lock `path`?
fn covers(recipe_path: &str, path: &str) -> bool {
    recipe_path == path || recipe_path.split(',').any(|p| p == path)
}

fn held_name(node: &str) -> &str {
    node.rsplit('/').next().unwrap_or(node)
}

/// The queue of `path` now.
pub fn queue(world: &World<ZkNode>, host: &CuratorHost, path: &str) -> LockQueue {
    let mut q = LockQueue {
        path: path.to_string(),
        nodes: Vec::new(),
    };
    let Some(tree) = serving_tree(world) else {
        return q;
    };
    let Some(dir) = tree.get(path) else {
        return q;
    };
    let watches = data_watches(world);
    let holders = |full: &str| -> Vec<String> {
        host.clients
            .iter()
            .filter(|(_, c)| {
                c.recipes.values().any(|r| {
                    r.path == path
                        && r.lock.holding().is_some_and(|h| {
                            h == full || held_name(h) == held_name(full) && full.starts_with(path)
                        })
                })
            })
            .map(|(n, _)| n.clone())
            .collect()
    };
    let watchers = |full: &str| -> Vec<String> {
        watches
            .iter()
            .filter(|(_, p)| p == full)
            .filter_map(|(s, _)| client_of(host, *s))
            .collect()
    };
    let dir_stat = dir.client_stat();
    if dir_stat.ephemeral_owner != 0 {
        // The herd lock: the lock node is the path itself.
        q.nodes.push(QueueNode {
            name: path.to_string(),
            seq: None,
            czxid: dir_stat.czxid,
            owner: client_of(host, dir_stat.ephemeral_owner),
            session: dir_stat.ephemeral_owner,
            held_by: holders(path),
            watched_by: watchers(path),
        });
        return q;
    }
    for name in dir.children_sorted().into_iter().take(QUEUE_MAX) {
        let full = if path == "/" {
            format!("/{name}")
        } else {
            format!("{path}/{name}")
        };
        let stat = tree.stat(&full).unwrap_or_default();
        q.nodes.push(QueueNode {
            seq: super::fencing::sequence_of(&name),
            czxid: stat.czxid,
            owner: client_of(host, stat.ephemeral_owner),
            session: stat.ephemeral_owner,
            held_by: holders(&full),
            watched_by: watchers(&full),
            name,
        });
    }
    // Curator's order: by the sequence suffix (nodes without one last, by name).
    q.nodes
        .sort_by(|a, b| (a.seq.is_none(), a.seq, &a.name).cmp(&(b.seq.is_none(), b.seq, &b.name)));
    q
}

fn hold_count(lock: &Lock) -> u32 {
    match lock {
        Lock::Mutex(m) => m.hold_count(),
        other => u32::from(other.holding().is_some()),
    }
}

/// The Curator clients of the run and what they hold or wait for on `path`.
pub fn clients(world: &World<ZkNode>, host: &CuratorHost, path: &str) -> Vec<LockClient> {
    let live = live_sessions(world);
    let mut out: Vec<LockClient> = host
        .clients
        .iter()
        .map(|(name, c)| {
            let process = match world.node_state(c.node) {
                Some(NodeState::Up) => Process::Running,
                Some(NodeState::Paused) => Process::Paused,
                _ => Process::Dead,
            };
            let zk = world.node(c.node).and_then(ZkNode::client);
            let server = zk
                .and_then(|z| z.connected_to())
                .and_then(|n| match world.spec(n) {
                    Some(ZkSpec::Server { sid }) => Some(*sid),
                    _ => None,
                });
            let session = zk.map_or(c.session, |z| z.session);
            let mine = c.recipes.values().filter(|r| covers(&r.path, path));
            let (mut holds, mut count, mut waiting) = (None, 0, false);
            for r in mine {
                if let Some(h) = r.lock.holding() {
                    holds.get_or_insert_with(|| held_name(h).to_string());
                    count += hold_count(&r.lock);
                }
                waiting |= r.lock.acquiring();
            }
            LockClient {
                name: name.clone(),
                node: c.node.0,
                process,
                server,
                session,
                session_live: session != 0 && live.contains(&session),
                holds,
                hold_count: count,
                waiting,
            }
        })
        .collect();
    out.sort_by_key(|c| c.node);
    out
}

fn under(p: &str, path: &str) -> bool {
    p == path || p.strip_prefix(path).is_some_and(|r| r.starts_with('/'))
}

/// The counters of `path` now.
pub fn counters(world: &World<ZkNode>, host: &CuratorHost, path: &str) -> LockCounters {
    let mut c = LockCounters::default();
    for r in host
        .log
        .iter()
        .filter(|r: &&LockRecord| covers(&r.path, path))
    {
        match r.said {
            Said::Acquired(_) => c.acquisitions += 1,
            Said::Released => c.releases += 1,
            Said::GaveUp => c.gave_up += 1,
            Said::Woken(_) => c.wakeups += 1,
            _ => {}
        }
    }
    for cl in host.clients.values() {
        let Some(z) = world.node(cl.node).and_then(ZkNode::client) else {
            continue;
        };
        c.notifications += z
            .events
            .iter()
            .filter(|e| e.path.as_deref().is_some_and(|p| under(p, path)))
            .count() as u64;
        c.requests += u64::try_from(z.next_xid().saturating_sub(1)).unwrap_or(0);
    }
    c.zxids = Runner::leader(world)
        .and_then(|sid| world.config().node_of(sid))
        .and_then(|n| world.node(n))
        .and_then(ZkNode::server)
        .map_or(0, |s| s.store.last_processed() & 0xffff_ffff);
    c
}

/// The whole view of `path` in `runner`'s run (empty before the ensemble exists).
pub fn view(runner: &Runner, path: &str) -> LockView {
    let Some(world) = runner.world() else {
        return LockView::default();
    };
    let host = &runner.curator.host;
    LockView {
        queue: queue(world, host, path),
        clients: clients(world, host, path),
        counters: counters(world, host, path),
    }
}

/// The client whose node comes first in `path`'s queue on the serving tree: the holder
/// as ZooKeeper records it (read from the world alone, so a recorded run answers it).
/// A herd lock's holder is the owner of the lock node itself.
pub fn holder_in_tree(world: &World<ZkNode>, path: &str) -> Option<String> {
    let tree = serving_tree(world)?;
    let dir = tree.get(path)?;
    let owner = match dir.client_stat().ephemeral_owner {
        0 => dir
            .children_sorted()
            .into_iter()
            .filter_map(|c| super::fencing::sequence_of(&c).map(|s| (s, c)))
            .min()
            .and_then(|(_, c)| tree.stat(&format!("{}/{c}", path.trim_end_matches('/'))))
            .map(|s| s.ephemeral_owner)
            .filter(|&o| o != 0)?,
        o => o,
    };
    (0..world.node_count() as u32).map(NodeId).find_map(|n| {
        let c = world.node(n).and_then(ZkNode::client)?;
        (c.session == owner).then(|| c.name.clone())
    })
}

/// The kernel node of a client of the run, by name.
pub fn node_of(runner: &Runner, name: &str) -> Option<NodeId> {
    runner.client_node(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse;

    fn runner(text: &str) -> Runner {
        let mut r = Runner::new(1);
        r.run(&parse(text).unwrap()).unwrap();
        r
    }

    #[test]
    fn five_clients_queue_in_sequence_order_each_watching_its_predecessor() {
        let mut text = String::from("ensemble 3\nstart 1 2 3\nwait until stable\n");
        for i in 1..=5 {
            text.push_str(&format!("client c{i} {}\n", (i - 1) % 3 + 1));
        }
        for i in 1..=5 {
            text.push_str(&format!("c{i} lock /l\n"));
        }
        let v = view(&runner(&text), "/l");
        let q = &v.queue;
        assert_eq!(q.nodes.len(), 5);
        let seqs: Vec<u64> = q.nodes.iter().filter_map(|n| n.seq).collect();
        assert_eq!(seqs, [0, 1, 2, 3, 4]);
        let owners: Vec<&str> = q.nodes.iter().filter_map(|n| n.owner.as_deref()).collect();
        assert_eq!(owners, ["c1", "c2", "c3", "c4", "c5"]);
        assert_eq!(q.nodes[0].held_by, ["c1"]);
        for i in 1..5 {
            // Waiter i watches node i-1 and nothing else.
            let me = q.nodes[i].owner.clone().unwrap();
            assert_eq!(
                q.watched_by_client(&me).map(|n| n.seq),
                Some(Some(i as u64 - 1))
            );
            assert_eq!(q.nodes[i - 1].watched_by, [me]);
        }
        assert!(q.nodes[4].watched_by.is_empty());
        assert_eq!(v.counters.acquisitions, 1);
        assert_eq!(v.clients.iter().filter(|c| c.waiting).count(), 4);
    }

    #[test]
    fn a_release_wakes_exactly_one_waiter() {
        let base = "ensemble 1\nstart 1\nclient a 1\nclient b 1\nclient c 1\na lock /l\nb lock /l\nc lock /l\n";
        let before = view(&runner(base), "/l").counters;
        let after = view(&runner(&format!("{base}a unlock /l\n")), "/l");
        assert_eq!(after.counters.wakeups, before.wakeups + 1);
        assert_eq!(after.queue.nodes[0].held_by, ["b"]);
        let r = runner(&format!("{base}a unlock /l\n"));
        assert_eq!(
            holder_in_tree(r.world().unwrap(), "/l").as_deref(),
            Some("b")
        );
    }

    #[test]
    fn reentrant_holds_are_counted() {
        let v = view(
            &runner("ensemble 1\nstart 1\nclient a 1\na lock /l\na lock /l\n"),
            "/l",
        );
        assert_eq!(v.clients[0].hold_count, 2);
        assert_eq!(v.queue.nodes.len(), 1);
    }

    #[test]
    fn the_herd_node_is_watched_by_every_waiter() {
        let v = view(
            &runner("ensemble 1\nstart 1\nclient a 1\nclient b 1\nclient c 1\na lock /n as naive\nb lock /n as naive\nc lock /n as naive\n"),
            "/n",
        );
        assert_eq!(v.queue.nodes.len(), 1);
        assert_eq!(v.queue.nodes[0].owner.as_deref(), Some("a"));
        let mut w = v.queue.nodes[0].watched_by.clone();
        w.sort();
        assert_eq!(w, ["b", "c"]);
    }
}
