//! Seeded random fault schedules with every invariant checked after every step.
//!
//! In the style of Jepsen's nemesis and FoundationDB's simulation testing: a seed picks
//! an ensemble (3 or 5 servers, sometimes with an observer), a few clients, and a
//! schedule of actions at random moments — crash or restart a server, partition the
//! network, heal it, break a connection silently, delay a message in flight, and client writes and reads over
//! a small key space. The world runs with every checker of [`crate::invariants`]
//! installed, so a safety violation is caught at the step that causes it. After the
//! schedule everything is healed and restarted, and liveness is checked: within a
//! minute of simulated time there must be one leader and every running server must have
//! converged on the same zxid and the same tree. The same seed always reproduces the
//! same run.

use crate::command::Command;
use crate::id::NodeId;
use crate::invariants;
use crate::net::NetConfig;
use crate::protocols::zookeeper::client::driver::run_until_cond;
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::request::{CreateMode, ZkRequest};
use crate::protocols::zookeeper::node::{self, ZkInput, ZkNode};
use crate::protocols::zookeeper::replication::config::ZkConfig;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use crate::world::{NodeState, World};

/// Options of a fuzz run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuzzOptions {
    /// Actions per seed.
    pub actions: u32,
    /// Deliberately broken protocol (tests that the checkers can fail).
    pub commit_without_quorum: bool,
    /// Check liveness after healing.
    pub liveness: bool,
}

impl Default for FuzzOptions {
    fn default() -> Self {
        FuzzOptions {
            actions: 60,
            commit_without_quorum: false,
            liveness: true,
        }
    }
}

/// What one seed found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedOutcome {
    /// The seed.
    pub seed: u64,
    /// Safety violations: (invariant, details).
    pub violations: Vec<(String, String)>,
    /// Liveness failure after healing, if any.
    pub liveness: Option<String>,
    /// Events processed.
    pub steps: u64,
    /// Simulated time at the end.
    pub end: SimTime,
    /// The schedule, as readable lines.
    pub schedule: Vec<String>,
}

impl SeedOutcome {
    /// Whether anything went wrong.
    pub fn failed(&self) -> bool {
        !self.violations.is_empty() || self.liveness.is_some()
    }
}

fn servers(world: &World<ZkNode>) -> Vec<NodeId> {
    (0..world.config().servers.len() as u32)
        .map(NodeId)
        .collect()
}

fn running(world: &World<ZkNode>) -> Vec<NodeId> {
    servers(world)
        .into_iter()
        .filter(|&n| world.node_state(n) == Some(NodeState::Up))
        .collect()
}

fn key(rng: &mut SimRng) -> String {
    format!("/k{}", rng.below(6))
}

fn client_request(rng: &mut SimRng, n: u64) -> ZkRequest {
    match rng.below(10) {
        0..=2 => ZkRequest::Create {
            path: key(rng),
            data: Some(format!("v{n}").into_bytes()),
            acl: open_acl_unsafe(),
            mode: if rng.below(3) == 0 {
                CreateMode::Ephemeral
            } else {
                CreateMode::Persistent
            },
            ttl: -1,
        },
        3..=5 => ZkRequest::SetData {
            path: key(rng),
            data: Some(format!("v{n}").into_bytes()),
            version: -1,
        },
        6 => ZkRequest::Delete {
            path: key(rng),
            version: -1,
        },
        7 => ZkRequest::Sync { path: "/".into() },
        _ => ZkRequest::GetData {
            path: key(rng),
            watch: rng.below(2) == 0,
        },
    }
}

/// Liveness: one leader, and every running server serving with the same last txn and
/// the same tree. (Last *processed* zxids may differ: a new leader sets its own to the
/// epoch marker `(e, 0)` after followers synced, as real ZooKeeper does.)
pub fn converged(world: &World<ZkNode>) -> Result<(), String> {
    let mut leaders = Vec::new();
    let mut states = Vec::new();
    for n in running(world) {
        let Some(s) = world.node(n).and_then(ZkNode::server) else {
            continue;
        };
        if !s.serving() {
            return Err(format!("server {} is not serving ({})", s.sid, s.status()));
        }
        if s.mode() == Some("leader") || s.mode() == Some("standalone") {
            leaders.push(s.sid);
        }
        states.push((s.sid, s.store.db.last_txn, s.store.db.digest()));
    }
    if leaders.len() != 1 {
        return Err(format!("leaders: {leaders:?}"));
    }
    if let Some(&(_, z0, d0)) = states.first() {
        for &(sid, z, d) in &states[1..] {
            if z != z0 || d != d0 {
                return Err(format!(
                    "server {sid} at 0x{z:x} differs from server {} at 0x{z0:x}",
                    states[0].0
                ));
            }
        }
    }
    Ok(())
}

/// Run one seed.
pub fn run_seed(seed: u64, opts: &FuzzOptions) -> SeedOutcome {
    run_seed_world(seed, opts).0
}

/// Run one seed and keep the world (for inspecting a failure).
pub fn run_seed_world(seed: u64, opts: &FuzzOptions) -> (SeedOutcome, World<ZkNode>) {
    let mut rng = SimRng::fork(seed, 0xF0_55);
    let n = if rng.below(2) == 0 { 3 } else { 5 };
    let observers: Vec<u64> = if rng.below(4) == 0 {
        vec![n]
    } else {
        Vec::new()
    };
    let mut cfg = ZkConfig::ensemble(n, &observers);
    cfg.start_running = true;
    cfg.faults.commit_without_quorum = opts.commit_without_quorum;
    let mut world = node::world(cfg, NetConfig::default(), seed);
    for inv in invariants::all() {
        world.add_invariant(inv);
    }
    let mut schedule = vec![format!(
        "ensemble {n}{}",
        if observers.is_empty() {
            String::new()
        } else {
            format!(" observers {n}")
        }
    )];
    let client_count = 2 + rng.below(2);
    let mut clients = Vec::new();
    for c in 0..client_count {
        let mut list: Vec<u64> = (1..=n).collect();
        // A random rotation of the connect string, so clients spread over servers.
        let r = rng.below(n) as usize;
        list.rotate_left(r);
        let name = format!("c{}", c + 1);
        if let Ok(id) = node::add_client(&mut world, &name, &list, 6_000) {
            let _ = world.apply(Command::Request(id, ZkInput::Open));
            clients.push(id);
        }
    }
    let mut writes = 0u64;
    for _ in 0..opts.actions {
        let gap = SimDuration::from_millis(rng.below(2_500));
        run_until_cond(&mut world, gap, |_| false);
        let all = servers(&world);
        let up = running(&world);
        let down: Vec<NodeId> = all.iter().copied().filter(|n| !up.contains(n)).collect();
        let action = rng.below(100);
        let cmd: Option<(Command<ZkInput, node::ZkSpec>, String)> = match action {
            0..=9 if up.len() > 1 => {
                let v = up[rng.below(up.len() as u64) as usize];
                Some((Command::Crash(v), format!("crash server {}", v.0 + 1)))
            }
            10..=19 if !down.is_empty() => {
                let v = down[rng.below(down.len() as u64) as usize];
                Some((Command::Restart(v), format!("restart server {}", v.0 + 1)))
            }
            20..=27 => {
                let mut a = Vec::new();
                let mut b = Vec::new();
                for &s in &all {
                    if rng.below(2) == 0 {
                        a.push(s)
                    } else {
                        b.push(s)
                    }
                }
                for &c in &clients {
                    if rng.below(2) == 0 {
                        a.push(c)
                    } else {
                        b.push(c)
                    }
                }
                let text = format!("partition {:?} | {:?}", a, b);
                Some((Command::Partition(vec![a, b]), text))
            }
            28..=35 => Some((Command::Heal, "heal".into())),
            36..=41 => {
                // A connection dies silently (what losing a TCP segment for good means):
                // the stream and its in-flight messages are lost, the nodes find out by
                // timeouts and reconnect.
                let nodes = world.node_count() as u64;
                let a = NodeId(rng.below(nodes) as u32);
                let b = NodeId(rng.below(nodes) as u32);
                if a == b {
                    None
                } else {
                    let _ = world.apply(Command::CutLink {
                        from: a,
                        to: b,
                        one_way: false,
                    });
                    Some((
                        Command::HealLink(a, b),
                        format!("break connection {} - {}", a.0, b.0),
                    ))
                }
            }
            42..=47 => {
                let ids: Vec<_> = world.in_flight().map(|e| e.id).collect();
                if ids.is_empty() {
                    None
                } else {
                    let m = ids[rng.below(ids.len() as u64) as usize];
                    let d = SimDuration::from_millis(1 + rng.below(3_000));
                    Some((
                        Command::DelayMessage(m, d),
                        format!("delay message {m} by {d}"),
                    ))
                }
            }
            _ if !clients.is_empty() => {
                let c = clients[rng.below(clients.len() as u64) as usize];
                writes += 1;
                let req = client_request(&mut rng, writes);
                let text = format!("client node {}: {}", c.0, req.op_name());
                Some((Command::Request(c, ZkInput::Submit(req)), text))
            }
            _ => None,
        };
        if let Some((c, text)) = cmd {
            if world.apply(c).is_ok() {
                schedule.push(format!("{} {text}", world.now()));
            }
        }
    }
    let mut liveness = None;
    if opts.liveness {
        let _ = world.apply(Command::Heal);
        for n in servers(&world) {
            if world.node_state(n) == Some(NodeState::Down) {
                let _ = world.apply(Command::Restart(n));
            }
        }
        schedule.push(format!("{} heal and restart everything", world.now()));
        // A write gives a new leader something to commit, as clients would.
        if let Some(&c) = clients.first() {
            let _ = world.apply(Command::Request(
                c,
                ZkInput::Submit(ZkRequest::SetData {
                    path: "/".into(),
                    data: None,
                    version: -1,
                }),
            ));
        }
        // Broken connections are only noticed by timeouts (syncLimit, initLimit ticks):
        // let them all expire, then give the ensemble time to converge. That time must
        // exceed FLE's maximum notification interval (60 s, as in FastLeaderElection):
        // a server whose back-off reached it hears nobody until its next timeout, since
        // servers that finished an election send no notifications (seed 566 shows it).
        run_until_cond(&mut world, SimDuration::from_secs(40), |_| false);
        if !run_until_cond(&mut world, SimDuration::from_secs(130), |w| {
            converged(w).is_ok()
        }) {
            liveness = converged(&world).err();
        }
    }
    let outcome = SeedOutcome {
        seed,
        violations: world
            .violations()
            .iter()
            .map(|v| {
                (
                    v.invariant.to_string(),
                    format!("at {} step {}: {}", v.time, v.step, v.details),
                )
            })
            .collect(),
        liveness,
        steps: world.steps(),
        end: world.now(),
        schedule,
    };
    (outcome, world)
}
