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
//! * **each release wakes exactly one waiter**, both halves violations:
//!   - *at most one*: the deletion of a lock node wakes at most one waiter still in the
//!     queue (the herd lock wakes them all, and fails here). A client whose own node is
//!     already gone — its old session expired on the servers after Curator, having
//!     declared it LOST, opened a new one — may still be watching the same predecessor;
//!     its wake-up only leads it to "Sequential path not found" and a new node, and is
//!     not counted.
//!   - *at least one*: once a released node is gone from the tree (a cut-off holder's
//!     delete arrives late, or its session expires), the waiter queued right behind it
//!     — the owner of the next node in sequence order, which watches it
//!     (`StandardLockInternalsDriver.getsTheLock`: `pathToWatch` is the child just before
//!     ours) — is woken by the deletion, granted the lock (its read of the predecessor
//!     found it gone), or has listed the directory since and moved on, within
//!     [`WAKE_WITHIN`] of the time it could hear of it: its session live and connected
//!     over a standing connection, and its acquire not asleep in Curator's retry loop
//!     (`RetryLoopImpl.takeException` → `SleepingRetry.allowRetry` sleeps the backoff,
//!     and a reconnection does not cut it short). When the next node has no waiter to
//!     wake — its client was killed, is giving up its timed acquire, or has not had its
//!     create's reply — nothing is owed until that node goes too, and then its deletion
//!     owes the waiter behind it. A client whose create has not made a node yet is not in
//!     the queue and is owed nothing.
//!
//!   A recipe whose release wakes nobody — a waiter watching its own node
//!   ([`LockFault::WatchOwnNode`]) or deaf to its watch ([`LockFault::DeafWatcher`]) —
//!   fails here, with faults or without.
//!
//! Until issue 10 the "at least one" half counted every client with an acquire under
//! way, and ran the clock from the deletion: it blamed clients without a node (a create
//! asleep in the retry backoff after a long cut) and clients watching another node, and
//! a cut-off successor's grant could be missed (the checker pruned it, no longer
//! acquiring, before reading its grant). 100 seeds found 35 such "stalls"; none was a
//! fault of the recipe.

use super::fencing::sequence_of;
use crate::command::Command;
use crate::id::NodeId;
use crate::net::NetConfig;
use crate::protocols::zookeeper::client::connection::Phase;
use crate::protocols::zookeeper::client::curator::framework::SESSION_TIMEOUT_MS;
use crate::protocols::zookeeper::client::curator::framework::{Owner, RecipeId};
use crate::protocols::zookeeper::client::curator::host::{CuratorClient, CuratorHost, RecipeSlot};
pub use crate::protocols::zookeeper::client::curator::recipes::mutex::LockFault;
use crate::protocols::zookeeper::client::curator::recipes::Said;
use crate::protocols::zookeeper::client::driver::run_until_cond;
use crate::protocols::zookeeper::data::path;
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

/// How long a release may take to wake the waiter behind it, counting only the time
/// that waiter could hear of it ([`can_hear`]: connected over a standing connection, and
/// not asleep in Curator's retry loop). A cut-off waiter hears of the deletion only once
/// it has noticed the cut and reconnected (its client re-registers its watches and the
/// server fires the deletion at once), and an acquire whose call failed meanwhile sleeps
/// out `ExponentialBackoffRetry`'s backoff first; neither counts. Counted that way, the
/// 2,000 seeds with faults wake every such waiter within half a second.
pub const WAKE_WITHIN: SimDuration = SimDuration::from_secs(10);

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
    /// Grants so far.
    pub grants: usize,
    /// Wake-ups so far.
    pub wakeups: usize,
}

/// A release whose wake-up is owed: once the released node is gone from the tree, to
/// the waiter queued right behind it.
#[derive(Clone, Debug)]
struct Owed {
    /// The node whose deletion owes the wake-up: the released node, or the node behind
    /// it when that one had no waiter to wake (its client was killed, or is giving up),
    /// once it is gone in turn.
    node: String,
    /// The lock path.
    path: String,
    /// Who released it.
    releaser: String,
    /// The lock directory's czxid at the release (a recreated directory starts over).
    dir: u64,
    /// When `node` was seen gone from the tree (the clock starts then).
    deleted: Option<SimTime>,
    /// The node right behind `node` when it went (a lock of sequential nodes).
    next: Option<String>,
    /// A lock without sequential nodes (the herd lock): the clients waiting when the
    /// node went, any of whom may be woken.
    waiters: Vec<String>,
    /// How long, since `deleted`, the owed waiter could have heard of the deletion: its
    /// session live and connected and its acquire not asleep in Curator's retry loop.
    awake: SimDuration,
    /// When `awake` was last brought up to date.
    last: SimTime,
}

/// The server with the most transactions applied (a crashed one keeps its state).
fn most_advanced(
    world: &World<ZkNode>,
) -> Option<&crate::protocols::zookeeper::replication::server::ZkServer> {
    (0..world.config().servers.len() as u32)
        .filter_map(|i| world.node(NodeId(i)).and_then(ZkNode::server))
        .max_by_key(|s| s.store.db.last_processed)
}

/// Does `path` exist on the most advanced server?
fn exists(world: &World<ZkNode>, path: &str) -> bool {
    most_advanced(world).is_some_and(|s| s.store.db.tree.stat(path).is_some())
}

/// The lock node right behind `node` in its directory on the most advanced server: the
/// child with the smallest sequence number above `node`'s.
fn next_in_queue(world: &World<ZkNode>, path: &str, node: &str) -> Option<String> {
    let seq = sequence_of(node)?;
    let s = most_advanced(world)?;
    let dir = s.store.db.tree.get(path)?;
    dir.children_sorted()
        .into_iter()
        .filter_map(|c| sequence_of(&c).filter(|&n| n > seq).map(|n| (n, c)))
        .min()
        .map(|(_, c)| path::join(path, &c))
}

/// The live client (and its recipe) waiting in `path`'s queue with `node`.
fn waiter_of<'a>(
    host: &'a CuratorHost,
    live: &[u64],
    path: &str,
    node: &str,
) -> Option<(&'a String, RecipeId, &'a RecipeSlot)> {
    host.clients
        .iter()
        .filter(|(_, c)| !c.is_dead() && live.contains(&c.session))
        .find_map(|(name, c)| {
            c.recipes
                .iter()
                .find(|(_, r)| r.path == path && r.lock.waiting_node() == Some(node))
                .map(|(id, r)| (name, *id, r))
        })
}

/// Can the client hear its server now: Curator sees the session connected, and the
/// server it is connected to is up, reachable both ways, and the connection to it still
/// stands? A cut breaks the connection without telling either end (`crate::net`), and
/// the client notices only at its read timeout, two thirds of the session timeout —
/// even when the cut has healed long before; until then nothing reaches it.
fn can_hear(world: &World<ZkNode>, c: &CuratorClient) -> bool {
    c.fw.connected
        && world
            .node(c.node)
            .and_then(ZkNode::client)
            .is_some_and(|z| match z.phase {
                Phase::Connected(s) => {
                    world.node_state(s) == Some(NodeState::Up)
                        && world.net().reachable_both(c.node, s)
                        && world.net().connection(c.node, s).up
                }
                _ => false,
            })
}

/// The clients waiting on a lock without sequential nodes (the herd lock).
fn herd_waiters(host: &CuratorHost, live: &[u64], path: &str, except: &str) -> Vec<String> {
    host.clients
        .iter()
        .filter(|(name, c)| {
            *name != except
                && !c.is_dead()
                && live.contains(&c.session)
                && c.recipes
                    .values()
                    .any(|r| r.path == path && r.lock.acquiring())
        })
        .map(|(name, _)| name.clone())
        .collect()
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
    most_advanced(world)
        .and_then(|s| s.store.db.tree.stat(path))
        .map_or(0, |s| s.czxid)
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
        // Deletions first (who is behind the node now), then the records (a grant or a
        // wake-up settles what is owed), then the clocks.
        self.see_deletions(world, host, &live);
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
                    if let Some(seq) = sequence_of(node) {
                        let dir = directory_czxid(world, &r.path);
                        if let Some((last_dir, last_node)) = &self.last_grant {
                            let last_seq = sequence_of(last_node).unwrap_or(0);
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
                    // The waiter behind a released node granted the lock was woken (its
                    // read of the predecessor may have found it gone, with no watch to
                    // fire); so was any waiter of a herd lock.
                    self.owed.retain(|o| {
                        o.next.as_deref() != Some(node.as_str()) && !o.waiters.contains(&r.client)
                    });
                    self.holders
                        .insert(r.client.clone(), (r.session, node.clone()));
                }
                Said::Releasing | Said::Released => {
                    if let Some((_, held)) = self.holders.remove(&r.client) {
                        self.owe(world, r, held);
                    }
                }
                Said::Woken(node) => {
                    self.wakeups += 1;
                    self.owed.retain(|o| o.node != *node);
                    // A waiter whose own node is gone (the session that made it expired
                    // on the servers after Curator had opened a new one) is no longer in
                    // the queue: its wake-up only sends it to "Sequential path not
                    // found" and a new node, and does not count as one of the woken.
                    let queued = host.clients.get(&r.client).is_none_or(|c| {
                        c.recipes
                            .values()
                            .filter(|s| s.path == r.path)
                            .filter_map(|s| s.lock.queued_node())
                            .all(|n| exists(world, n))
                    });
                    if !queued {
                        continue;
                    }
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
        self.settle_owed(world, host, &live);
    }

    /// `r` released `held`: once the node is gone from the tree, the waiter behind it
    /// (if any) is owed a wake-up. A node already gone (its session expired before the
    /// release) went without this release: nothing is owed for it here.
    fn owe(
        &mut self,
        world: &World<ZkNode>,
        r: &crate::protocols::zookeeper::client::curator::host::LockRecord,
        held: String,
    ) {
        if self.owed.len() < OWED_MAX
            && !self.owed.iter().any(|o| o.node == held)
            && exists(world, &held)
        {
            self.owed.push(Owed {
                node: held,
                path: r.path.clone(),
                releaser: r.client.clone(),
                dir: directory_czxid(world, &r.path),
                deleted: None,
                next: None,
                waiters: Vec::new(),
                awake: SimDuration::ZERO,
                last: r.at,
            });
        }
    }

    /// Start the clock of the releases whose node is gone, with the node behind it then
    /// (or, for the herd lock, the clients waiting then).
    fn see_deletions(&mut self, world: &World<ZkNode>, host: &CuratorHost, live: &[u64]) {
        let now = world.now();
        self.owed.retain_mut(|o| {
            if o.deleted.is_some() || exists(world, &o.node) {
                return true;
            }
            if directory_czxid(world, &o.path) != o.dir {
                return false;
            }
            o.deleted = Some(now);
            o.last = now;
            o.awake = SimDuration::ZERO;
            if sequence_of(&o.node).is_some() {
                o.next = next_in_queue(world, &o.path, &o.node);
                o.next.is_some()
            } else {
                o.waiters = herd_waiters(host, live, &o.path, &o.releaser);
                !o.waiters.is_empty()
            }
        });
    }

    /// Bring the owed wake-ups up to date: drop those no longer owed, pass on those whose
    /// next node has no waiter, and report those overdue.
    fn settle_owed(&mut self, world: &World<ZkNode>, host: &CuratorHost, live: &[u64]) {
        let now = world.now();
        let mut overdue = Vec::new();
        self.owed.retain_mut(|o| {
            let Some(deleted) = o.deleted else {
                return true;
            };
            let since_last = now.since(o.last);
            o.last = now;
            let Some(next) = o.next.clone() else {
                // The herd lock: any of the clients waiting then, woken once one of them
                // could hear it for the time.
                let still = herd_waiters(host, live, &o.path, "");
                o.waiters.retain(|w| still.contains(w));
                if o.waiters.is_empty() {
                    return false;
                }
                let hears = o.waiters.iter().any(|w| {
                    host.clients.get(w).is_some_and(|c| {
                        can_hear(world, c)
                            && !c.recipes.iter().any(|(id, r)| {
                                r.path == o.path && c.fw.retrying(Owner::Recipe(*id))
                            })
                    })
                });
                if hears {
                    o.awake = SimDuration(o.awake.0.saturating_add(since_last.0));
                }
                if o.awake > WAKE_WITHIN {
                    overdue.push(format!(
                        "at {deleted}: the deletion of {} (released by {}) woke no waiter ({} waiting)",
                        o.node,
                        o.releaser,
                        o.waiters.join(", ")
                    ));
                    return false;
                }
                return true;
            };
            if !exists(world, &next) {
                // The node behind went too (its session expired, it gave up, or it was
                // granted and released already): its own deletion owes the waiter
                // behind it.
                o.node = next;
                o.next = None;
                o.deleted = None;
                return exists(world, &o.path);
            }
            let Some((name, id, slot)) = waiter_of(host, live, &o.path, &next) else {
                // No waiter to wake with that node (yet): a killed client's, one being
                // given up, or one whose create has not answered. Nothing runs the clock.
                return true;
            };
            // It has looked at the directory since the deletion and seen the node gone.
            if slot
                .lock
                .looked()
                .is_some_and(|(t, pred)| t >= deleted && pred != Some(o.node.as_str()))
            {
                return false;
            }
            let c = &host.clients[name];
            if can_hear(world, c) && !c.fw.retrying(Owner::Recipe(id)) {
                o.awake = SimDuration(o.awake.0.saturating_add(since_last.0));
            }
            if o.awake > WAKE_WITHIN {
                overdue.push(format!(
                    "at {deleted}: the deletion of {} (released by {}) woke no waiter ({name} waiting right behind it, connected for {} since)",
                    o.node, o.releaser, o.awake
                ));
                return false;
            }
            true
        });
        self.violations.extend(overdue);
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
    out.grants = checker.grants;
    out.wakeups = checker.wakeups;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_numbers_are_read_from_the_suffix() {
        assert_eq!(sequence_of("/l/_c_x-lock-0000000012"), Some(12));
        assert_eq!(sequence_of("/l/naive"), None);
    }
}
