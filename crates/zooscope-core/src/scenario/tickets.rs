//! The course's 12306 ticket demo: sellers selling ten tickets from one shared counter.
//!
//! The course's `Ticket12306` runs this loop in every seller: `lock.acquire(3,
//! TimeUnit.SECONDS)`, then `if (tickets > 0) { print tickets; Thread.sleep(100);
//! tickets--; }`, then `lock.release()`. Here every seller is its own Curator client (its
//! own process and session, as the sellers of a real booking system are), the counter is
//! the shared stock they all read and decrement, and the lock is the simulated
//! `InterProcessMutex` on the lock path — the recipe itself, driven through
//! [`CuratorHost::lock_op`]. One change from the course's code: a seller whose timed
//! acquire returns false does not sell (the course ignores the return value) but tries
//! again, so a timeout is shown and never sells without the lock.
//!
//! Without the lock, sellers that check the counter before another one has decremented it
//! all see the same number and sell the same seat: those sales are *resold* seats and the
//! counter ends below zero — the oversold tickets the lab paints red.
//!
//! `tickets s1,s2,s3 [lock /lock]` runs the demo to the end (docs/scenario-language.md).

use super::lock_fuzz::{run_to, LockChecker};
use super::{err, ScenarioError, Step};
use crate::protocols::zookeeper::client::curator::host::CuratorHost;
use crate::protocols::zookeeper::client::curator::recipes::Said;
use crate::protocols::zookeeper::node::ZkNode;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use crate::world::World;

/// Tickets for sale.
pub const TICKETS: i64 = 10;
/// Sellers a run takes.
pub const SELLERS_MAX: usize = 10;
/// `Thread.sleep(100)` between printing a ticket and decrementing the counter.
pub const SALE_TIME: SimDuration = SimDuration::from_millis(100);
/// `acquire(3, TimeUnit.SECONDS)`.
pub const ACQUIRE_TIMEOUT: SimDuration = SimDuration::from_secs(3);
/// Longest a run may take (simulated).
pub const RUN_LIMIT: SimDuration = SimDuration::from_secs(120);
/// How finely the sellers' program is stepped.
const SLICE: SimDuration = SimDuration::from_millis(5);

/// One sale: a seller printed this ticket number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sale {
    /// The seller.
    pub seller: String,
    /// The ticket number printed (the counter when the seller checked it).
    pub ticket: i64,
    /// When.
    pub at: SimTime,
    /// That ticket was sold before: an oversold seat.
    pub resold: bool,
}

/// What happened to a seller at a moment, for the lab's list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TicketEvent {
    /// A sale.
    Sold(Sale),
    /// `acquire(3, SECONDS)` returned false.
    GaveUp {
        /// The seller.
        seller: String,
        /// When.
        at: SimTime,
    },
}

/// A finished run.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TicketRun {
    /// The sellers.
    pub sellers: Vec<String>,
    /// The lock path (None: no lock).
    pub lock: Option<String>,
    /// Sales and timeouts in order.
    pub events: Vec<TicketEvent>,
    /// The counter at the end (below zero when oversold).
    pub left: i64,
    /// The run ended within [`RUN_LIMIT`].
    pub finished: bool,
    /// Mutual-exclusion violations the lock checker saw (always empty for the mutex).
    pub violations: Vec<String>,
    /// What the line prints.
    pub lines: Vec<String>,
}

impl TicketRun {
    /// The sales.
    pub fn sales(&self) -> impl Iterator<Item = &Sale> {
        self.events.iter().filter_map(|e| match e {
            TicketEvent::Sold(s) => Some(s),
            TicketEvent::GaveUp { .. } => None,
        })
    }

    /// Seats sold twice or more.
    pub fn oversold(&self) -> usize {
        self.sales().filter(|s| s.resold).count()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// The next turn of the loop starts at this time.
    Start(SimTime),
    /// `acquire` is under way.
    Acquiring,
    /// Between the check and the decrement.
    Selling(SimTime),
    /// `release` is under way.
    Releasing,
    /// It saw no tickets left (and released).
    Done,
}

/// Parse `tickets NAME,NAME,... [lock PATH]`.
pub fn parse(line: usize, rest: &[&str]) -> Result<Step, ScenarioError> {
    let usage = "tickets takes sellers and an optional lock: tickets s1,s2 lock /lock";
    let (names, lock) = match rest {
        [names] => (names, None),
        [names, "lock", path] if path.starts_with('/') => (names, Some((*path).to_string())),
        _ => return Err(err(line, usage)),
    };
    let sellers: Vec<String> = names
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if sellers.is_empty() || sellers.len() > SELLERS_MAX {
        return Err(err(
            line,
            format!("tickets takes 1 to {SELLERS_MAX} sellers"),
        ));
    }
    Ok(Step::Tickets { sellers, lock })
}

/// Run the demo with `sellers` (Curator clients of `host`), with the lock on `lock` or
/// without a lock.
pub fn run(
    world: &mut World<ZkNode>,
    host: &mut CuratorHost,
    sellers: &[String],
    lock: Option<&str>,
) -> Result<TicketRun, String> {
    let mut ids = Vec::new();
    if let Some(path) = lock {
        for s in sellers {
            ids.push(host.recipe(s, "mutex", path)?);
        }
    }
    let start = world.now();
    let mut rng = SimRng::fork(world.seed(), 0x1230_6000);
    // The sellers' threads start a few milliseconds apart.
    let mut phases: Vec<Phase> = sellers
        .iter()
        .map(|_| Phase::Start(start.after(SimDuration::from_millis(rng.below(20)))))
        .collect();
    let mut checker = LockChecker::default();
    let mut seen_log = host.log.len();
    let mut run = TicketRun {
        sellers: sellers.to_vec(),
        lock: lock.map(str::to_string),
        events: Vec::new(),
        left: TICKETS,
        finished: false,
        violations: Vec::new(),
        lines: Vec::new(),
    };
    let mut sold: Vec<i64> = Vec::new();
    let end = start.after(RUN_LIMIT);
    while world.now() < end {
        let now = world.now();
        // What the recipes reported since the last slice.
        let fresh: Vec<_> = host.log[seen_log.min(host.log.len())..].to_vec();
        seen_log = host.log.len();
        for r in fresh {
            let Some(i) = sellers.iter().position(|s| *s == r.client) else {
                continue;
            };
            if Some(r.path.as_str()) != lock {
                continue;
            }
            match (&r.said, phases[i]) {
                (Said::Acquired(_), Phase::Acquiring) => phases[i] = Phase::Selling(SimTime(0)),
                (Said::GaveUp, Phase::Acquiring) => {
                    run.lines
                        .push(format!("{}: gave up on {}", r.client, r.path));
                    run.events.push(TicketEvent::GaveUp {
                        seller: r.client.clone(),
                        at: r.at,
                    });
                    phases[i] = Phase::Start(now);
                }
                (Said::Released, Phase::Releasing) => phases[i] = Phase::Start(now),
                (Said::Released, Phase::Done) | (Said::Failed(_), _) => {}
                _ => {}
            }
        }
        for (i, name) in sellers.iter().enumerate() {
            match phases[i] {
                Phase::Start(t) if now >= t => match lock {
                    Some(_) => {
                        host.lock_op(world, name, ids[i], Some(Some(ACQUIRE_TIMEOUT)));
                        phases[i] = Phase::Acquiring;
                    }
                    None => phases[i] = Phase::Selling(SimTime(0)),
                },
                _ => {}
            }
            // `if (tickets > 0)` right after the lock is ours (or at once without one).
            if phases[i] == Phase::Selling(SimTime(0)) {
                if run.left > 0 {
                    let ticket = run.left;
                    let resold = sold.contains(&ticket);
                    sold.push(ticket);
                    run.lines.push(format!(
                        "{name}: sold ticket {ticket}{}",
                        if resold { " (oversold)" } else { "" }
                    ));
                    run.events.push(TicketEvent::Sold(Sale {
                        seller: name.clone(),
                        ticket,
                        at: now,
                        resold,
                    }));
                    phases[i] = Phase::Selling(now.after(SALE_TIME));
                } else if lock.is_some() {
                    host.lock_op(world, name, ids[i], None);
                    phases[i] = Phase::Done;
                } else {
                    phases[i] = Phase::Done;
                }
            } else if let Phase::Selling(t) = phases[i] {
                if now >= t {
                    run.left -= 1;
                    phases[i] = match lock {
                        Some(_) => {
                            host.lock_op(world, name, ids[i], None);
                            Phase::Releasing
                        }
                        None => Phase::Start(now),
                    };
                }
            }
        }
        if phases.iter().all(|p| *p == Phase::Done) && !host.busy(world) {
            run.finished = true;
            break;
        }
        run_to(world, host, &mut checker, now.after(SLICE));
    }
    run.violations = checker.violations;
    let _ = host.take_output();
    let oversold = run.oversold();
    run.lines.push(format!(
        "sold {} tickets of {TICKETS}, {oversold} oversold, {} left",
        run.sales().count(),
        run.left
    ));
    Ok(run)
}

#[cfg(test)]
mod tests {
    use crate::scenario::{parse, Runner};

    fn demo(locked: bool, sellers: usize) -> super::TicketRun {
        let mut text = String::from("ensemble 3\nstart 1 2 3\nwait until stable\n");
        let names: Vec<String> = (1..=sellers).map(|i| format!("s{i}")).collect();
        for (i, n) in names.iter().enumerate() {
            text.push_str(&format!("client {n} {}\n", i % 3 + 1));
            text.push_str(&format!(
                "{n} curator client.checkExists().forPath(\"/\")\n"
            ));
        }
        text.push_str(&format!("tickets {}", names.join(",")));
        if locked {
            text.push_str(" lock /lock");
        }
        let mut r = Runner::new(3);
        r.run(&parse(&text).unwrap()).unwrap();
        r.tickets.clone().expect("a ticket run")
    }

    #[test]
    fn with_the_lock_no_seat_is_sold_twice() {
        for n in [2, 5, 10] {
            let run = demo(true, n);
            assert!(run.finished, "{:?}", run.lines);
            assert_eq!(run.oversold(), 0, "{:?}", run.lines);
            assert_eq!(run.sales().count(), 10);
            assert_eq!(run.left, 0);
            assert!(run.violations.is_empty(), "{:?}", run.violations);
            let tickets: Vec<i64> = run.sales().map(|s| s.ticket).collect();
            assert_eq!(tickets, (1..=10).rev().collect::<Vec<_>>());
        }
    }

    #[test]
    fn without_the_lock_seats_are_sold_twice() {
        let run = demo(false, 4);
        assert!(run.finished);
        assert!(run.oversold() > 0, "{:?}", run.lines);
        assert!(run.left < 0);
        assert_eq!(run.sales().count() as i64, 10 - run.left);
    }
}
