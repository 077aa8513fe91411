//! `lock-wakeups`: how many watch notifications and requests it takes for `n` clients
//! to take one lock in turn, with the naive herd lock and with Curator's queue recipe
//! (`InterProcessMutex`).
//!
//! Each run starts a three-server ensemble and `n` Curator clients (the simulated
//! Curator of [`crate::protocols::zookeeper::client::curator`], the recipes
//! [`naive`](crate::protocols::zookeeper::client::curator::recipes::naive) and
//! [`mutex`](crate::protocols::zookeeper::client::curator::recipes::mutex) as they
//! are). Every client asks for the lock at once; when one holds it and every other one
//! is blocked on its watch (all have queued), the holder releases, and so on until each
//! client has held the lock once. A release is made only when the ensemble has settled
//! (one holder, everyone else blocked), so the count does not depend on timing:
//!
//! * the herd lock: every waiter watches the one lock node, so each release wakes all
//!   who still wait — `(n−1) + (n−2) + … + 1 = n(n−1)/2` notifications;
//! * the queue: each waiter watches only its predecessor's node, so each release wakes
//!   exactly one — `n−1` notifications.
//!
//! `notifications` counts the watch events delivered to the clients, `requests` the
//! client requests delivered to the servers (pings and session set-up not included),
//! from the first acquire to the last release. [`run`] is the per-run count, also
//! what the lock lab draws its small chart from ([`WakeupRow::grants`]).

use super::chart::{Chart, Measure, Series, SeriesName, Style};
use super::probe::TRACE_RING;
use super::stats;
use super::table::{Row, Value};
use crate::command::Command;
use crate::net::NetConfig;
use crate::protocols::zookeeper::client::curator::framework::RecipeId;
use crate::protocols::zookeeper::client::curator::framework::SESSION_TIMEOUT_MS;
use crate::protocols::zookeeper::client::curator::host::CuratorHost;
use crate::protocols::zookeeper::client::driver::run_until_cond;
use crate::protocols::zookeeper::node::{self, ZkInput, ZkNode};
use crate::protocols::zookeeper::replication::config::ZkConfig;
use crate::time::SimDuration;
use crate::trace::TraceKind;
use crate::world::World;
use serde::{Deserialize, Serialize};

/// The lock every client takes.
pub const LOCK_PATH: &str = "/lock";
/// Servers of every run.
pub const SERVERS: u64 = 3;
/// Longest wait for the ensemble or for one settling step.
const SETTLE_LIMIT: SimDuration = SimDuration::from_secs(60);
/// Most events one settling step may take.
const EVENTS_LIMIT: usize = 2_000_000;

/// The lock recipe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recipe {
    /// The naive lock: everyone watches the one lock node.
    Herd,
    /// `InterProcessMutex`: sequential nodes, each watching its predecessor.
    Queue,
}

impl Recipe {
    /// Both, in table order.
    pub const ALL: [Recipe; 2] = [Recipe::Herd, Recipe::Queue];

    /// The word in CSV and links.
    pub fn as_str(self) -> &'static str {
        match self {
            Recipe::Herd => "herd",
            Recipe::Queue => "queue",
        }
    }

    /// The host's recipe kind (`naive`, `mutex`).
    pub fn kind(self) -> &'static str {
        match self {
            Recipe::Herd => "naive",
            Recipe::Queue => "mutex",
        }
    }
}

/// One configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Contending clients.
    pub clients: u32,
    /// The recipe.
    pub recipe: Recipe,
}

/// What was delivered between two grants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Watch events delivered to clients.
    pub notifications: u64,
    /// Client requests delivered to servers.
    pub requests: u64,
}

/// What one run measured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WakeupRow {
    /// The configuration.
    pub cell: Cell,
    /// The seed.
    pub seed: u64,
    /// Totals from the first acquire to the last release.
    pub total: Counts,
    /// Per grant, in grant order: what was delivered from the previous grant (or the
    /// acquires) up to this one; the last entry is the final release.
    pub grants: Vec<Counts>,
}

impl Row for WakeupRow {
    const COLUMNS: &'static [&'static str] = &["clients", "recipe", "notifications", "requests"];
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Int(i64::from(self.cell.clients)),
            Value::Word(self.cell.recipe.as_str()),
            Value::Int(self.total.notifications as i64),
            Value::Int(self.total.requests as i64),
        ]
    }
}

struct Contest {
    world: World<ZkNode>,
    host: CuratorHost,
    names: Vec<String>,
    ids: Vec<RecipeId>,
    counts: Counts,
}

impl Contest {
    /// Pump and step until `done` holds; false if it never does within the limit.
    fn settle(&mut self, done: impl Fn(&Contest) -> bool) -> bool {
        let until = self.world.now().after(SETTLE_LIMIT);
        for _ in 0..EVENTS_LIMIT {
            self.host.pump(&mut self.world);
            if !self.host.busy(&self.world) && done(self) {
                return true;
            }
            let now = self.world.now();
            if now >= until {
                return false;
            }
            let target = self
                .host
                .deadline()
                .map_or(until, |d| d.max(now).min(until));
            let before = self.world.trace().total();
            match self.world.next_event_time() {
                Some(t) if t <= target => {
                    self.world.step();
                }
                _ => {
                    self.world.run_until(target, 0);
                }
            }
            let new = (self.world.trace().total() - before) as usize;
            for ev in self.world.trace().tail(new) {
                if let TraceKind::Delivered { msg, .. } = &ev.kind {
                    match crate::process::MessageInfo::kind(msg) {
                        "watch" => self.counts.notifications += 1,
                        "request" => self.counts.requests += 1,
                        _ => {}
                    }
                }
            }
            let now = self.world.now();
            if self.host.deadline().is_some_and(|d| d <= now) {
                self.host.on_time(&mut self.world, now);
            }
        }
        false
    }

    fn holders(&self) -> Vec<usize> {
        (0..self.names.len())
            .filter(|&i| {
                self.host
                    .lock(&self.names[i], self.ids[i])
                    .is_some_and(|l| l.holding().is_some())
            })
            .collect()
    }

    fn blocked(&self, i: usize) -> bool {
        self.host
            .lock(&self.names[i], self.ids[i])
            .is_some_and(|l| l.blocked())
    }
}

/// One run: `cell.clients` clients each take the lock once (see the module's text).
pub fn run(cell: &Cell, seed: u64) -> Result<WakeupRow, String> {
    let n = cell.clients as usize;
    if !(1..=super::CLIENTS_MAX as usize).contains(&n) {
        return Err(format!("{n} clients (1 to {})", super::CLIENTS_MAX));
    }
    let mut cfg = ZkConfig::ensemble(SERVERS, &[]);
    cfg.start_running = true;
    let mut world = node::world(cfg, NetConfig::default(), seed).with_trace_capacity(TRACE_RING);
    if !run_until_cond(&mut world, SETTLE_LIMIT, |w| {
        crate::scenario::fuzz::converged(w).is_ok()
    }) {
        return Err(format!("seed {seed}: the ensemble did not settle"));
    }
    let mut host = CuratorHost::default();
    let mut names = Vec::new();
    let mut ids = Vec::new();
    for c in 0..n {
        let name = format!("c{}", c + 1);
        let mut list: Vec<u64> = (1..=SERVERS).collect();
        list.rotate_left(c % SERVERS as usize);
        let id = node::add_client(&mut world, &name, &list, SESSION_TIMEOUT_MS)
            .map_err(|e| format!("client {name}: {e}"))?;
        world
            .apply(Command::Request(id, ZkInput::Open))
            .map_err(|e| format!("client {name}: {e}"))?;
        host.add(&name, id, None, seed ^ (u64::from(id.0) << 32));
        ids.push(host.recipe(&name, cell.recipe.kind(), LOCK_PATH)?);
        names.push(name);
    }
    let mut c = Contest {
        world,
        host,
        names,
        ids,
        counts: Counts::default(),
    };
    // Sessions first: their set-up is not part of the count.
    let sessions = |c: &Contest| {
        c.names.iter().all(|name| {
            c.host
                .clients
                .get(name)
                .is_some_and(|cl| cl.fw.connected && cl.session != 0)
        })
    };
    if !c.settle(sessions) {
        return Err(format!("seed {seed}: the clients did not connect"));
    }
    c.counts = Counts::default();
    for i in 0..n {
        let name = c.names[i].clone();
        c.host.lock_op(&mut c.world, &name, c.ids[i], Some(None));
    }
    let mut served = vec![false; n];
    let mut grants = Vec::new();
    let mut last = Counts::default();
    for _ in 0..n {
        let queued = |c: &Contest| {
            let h = c.holders();
            h.len() == 1 && (0..c.names.len()).all(|i| i == h[0] || served[i] || c.blocked(i))
        };
        if !c.settle(queued) {
            return Err(format!(
                "seed {seed}: the {} lock did not settle with one holder",
                cell.recipe.as_str()
            ));
        }
        grants.push(Counts {
            notifications: c.counts.notifications - last.notifications,
            requests: c.counts.requests - last.requests,
        });
        last = c.counts;
        let holder = c.holders()[0];
        if served[holder] {
            return Err(format!(
                "seed {seed}: {} took the lock twice",
                c.names[holder]
            ));
        }
        served[holder] = true;
        let name = c.names[holder].clone();
        c.host.lock_op(&mut c.world, &name, c.ids[holder], None);
    }
    let released = |c: &Contest| {
        c.holders().is_empty()
            && (0..c.names.len()).all(|i| {
                c.host
                    .lock(&c.names[i], c.ids[i])
                    .is_some_and(|l| !l.acquiring())
            })
    };
    if !c.settle(released) {
        return Err(format!("seed {seed}: the last release did not finish"));
    }
    grants.push(Counts {
        notifications: c.counts.notifications - last.notifications,
        requests: c.counts.requests - last.requests,
    });
    Ok(WakeupRow {
        cell: *cell,
        seed,
        total: c.counts,
        grants,
    })
}

/// Median notifications and requests per run by number of clients, one line per
/// recipe and count.
pub fn chart(rows: &[WakeupRow]) -> Chart {
    let mut sizes: Vec<u32> = rows.iter().map(|r| r.cell.clients).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let mut series = Vec::new();
    for requests in [false, true] {
        for recipe in Recipe::ALL {
            let (points, seeds): (Vec<(f64, f64)>, Vec<u64>) = sizes
                .iter()
                .filter_map(|&n| {
                    let v: Vec<(u64, u64)> = rows
                        .iter()
                        .filter(|r| r.cell.clients == n && r.cell.recipe == recipe)
                        .map(|r| {
                            let v = if requests {
                                r.total.requests
                            } else {
                                r.total.notifications
                            };
                            (v, r.seed)
                        })
                        .collect();
                    stats::median_run(&v).map(|(m, seed)| ((f64::from(n), m as f64), seed))
                })
                .unzip();
            if !points.is_empty() {
                series.push(Series {
                    name: SeriesName::LockWakeups { recipe, requests },
                    style: if requests { Style::Dots } else { Style::Line },
                    points,
                    seeds,
                });
            }
        }
    }
    Chart {
        x: Measure::Clients,
        y: Measure::MessagesPerRun,
        series,
        marks: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_herd_wakes_everyone_and_the_queue_one() {
        for n in [2u32, 5, 10] {
            for seed in [1, 2] {
                let herd = run(
                    &Cell {
                        clients: n,
                        recipe: Recipe::Herd,
                    },
                    seed,
                )
                .unwrap();
                let queue = run(
                    &Cell {
                        clients: n,
                        recipe: Recipe::Queue,
                    },
                    seed,
                )
                .unwrap();
                let n = u64::from(n);
                assert_eq!(herd.total.notifications, n * (n - 1) / 2, "herd, {n}");
                assert_eq!(queue.total.notifications, n - 1, "queue, {n}");
                assert_eq!(herd.grants.len() as u64, n + 1);
                // Each release wakes the herd that is left; the queue only one.
                for (k, g) in queue.grants.iter().enumerate().skip(1).take(n as usize - 1) {
                    assert_eq!(g.notifications, 1, "queue grant {k}");
                }
                for (k, g) in herd.grants.iter().enumerate().skip(1).take(n as usize - 1) {
                    assert_eq!(g.notifications, n - k as u64, "herd grant {k}");
                }
                assert!(queue.total.requests >= 3 * n, "{queue:?}");
                assert!(herd.total.requests >= 2 * n, "{herd:?}");
            }
        }
    }

    #[test]
    fn one_client_takes_it_without_a_notification() {
        for recipe in Recipe::ALL {
            let r = run(&Cell { clients: 1, recipe }, 3).unwrap();
            assert_eq!(r.total.notifications, 0);
            assert!(r.total.requests > 0);
        }
        assert!(run(
            &Cell {
                clients: 0,
                recipe: Recipe::Herd
            },
            1
        )
        .is_err());
    }
}
