//! Lab scenarios: the named starting points that lessons open with
//! `#/lab?scenario=<id>` (see [`crate::catalogue`]).
//!
//! A scenario is an ensemble (servers, observers, clients, seed) and a short *prelude*:
//! steps run on a fresh [`LabSession`] before the learner takes over, such as "run until
//! a leader serves", "send three writes", "crash the leader", or a zkCli line on a
//! client. Every prelude step is an ordinary lab operation recorded in the run's command
//! log, so a scenario run can be rewound to its start, stepped through, and shared by
//! link like any other run. The words (what is set up, what to try) live in
//! [`crate::i18n::ScenarioText`], in the same order as [`SCENARIOS`].

use super::session::{LabError, LabSession};
use super::setup::{LabSetup, SEED_DEFAULT};
use super::view::{client_cards, server_cards, Role};

/// Longest simulated time one "run until" prelude step may take.
pub const UNTIL_MAX_US: u64 = 60_000_000;
/// Simulated time advanced per check while running until a condition holds.
const UNTIL_CHUNK_US: u64 = 5_000;
/// Most events per chunk (a bound, not a target).
const UNTIL_CHUNK_EVENTS: u64 = 20_000;

/// One prelude step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prep {
    /// Run until some server leads and serves clients.
    UntilLeaderServes,
    /// Run until every client is CONNECTED.
    UntilClientsConnected,
    /// Run on for this many simulated milliseconds.
    Settle(u64),
    /// Send `n` writes (`create /w-N`) through the first connected client.
    Writes(u32),
    /// Crash the server that leads now.
    CrashLeader,
    /// Cut the leader and the next server (by id) off from the rest of the ensemble.
    IsolateLeaderPair,
    /// Run one zkCli line on client number `client` (0-based, in creation order).
    ZkCli {
        /// Which client.
        client: usize,
        /// The command line, exactly as typed.
        line: &'static str,
    },
}

/// What a prelude step waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreludeGoal {
    /// A leader that serves.
    ServingLeader,
    /// Every client connected.
    ConnectedClients,
}

/// Why a prelude step could not be played (worded by `i18n::lab_errors`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreludeProblem {
    /// The goal was not reached within [`UNTIL_MAX_US`].
    Timeout(PreludeGoal),
    /// No serving leader to crash.
    NoLeaderToCrash,
    /// No serving leader to isolate.
    NoLeaderToIsolate,
}

impl std::fmt::Display for PreludeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PreludeProblem::Timeout(goal) => {
                let what = match goal {
                    PreludeGoal::ServingLeader => "a serving leader",
                    PreludeGoal::ConnectedClients => "connected clients",
                };
                write!(
                    f,
                    "{what} did not happen within {} s",
                    UNTIL_MAX_US / 1_000_000
                )
            }
            PreludeProblem::NoLeaderToCrash => f.write_str("there is no leader to crash"),
            PreludeProblem::NoLeaderToIsolate => f.write_str("there is no leader to isolate"),
        }
    }
}

/// A named starting point.
#[derive(Debug, PartialEq)]
pub struct Scenario {
    /// The id used in links (`?scenario=<id>`).
    pub id: &'static str,
    /// Servers (ids 1..=n).
    pub servers: usize,
    /// How many of them (the highest ids) are observers.
    pub observers: usize,
    /// Clients.
    pub clients: u32,
    /// Speed slider exponent to start at (see `view::sim_us_per_ms`).
    pub speed_exp: f64,
    /// What runs before the learner takes over.
    pub prelude: &'static [Prep],
}

/// Every scenario, in catalogue order.
pub const SCENARIOS: [Scenario; 8] = [
    Scenario {
        id: "ensemble",
        servers: 3,
        observers: 0,
        clients: 2,
        speed_exp: -1.5,
        prelude: &[
            Prep::UntilLeaderServes,
            Prep::UntilClientsConnected,
            Prep::ZkCli {
                client: 0,
                line: "create /app config-v1",
            },
            Prep::ZkCli {
                client: 1,
                line: "get -w /app",
            },
        ],
    },
    Scenario {
        id: "election",
        servers: 5,
        observers: 0,
        clients: 0,
        speed_exp: -2.5,
        prelude: &[],
    },
    Scenario {
        id: "broadcast",
        servers: 3,
        observers: 0,
        clients: 2,
        speed_exp: -3.0,
        prelude: &[
            Prep::UntilLeaderServes,
            Prep::UntilClientsConnected,
            Prep::Writes(1),
        ],
    },
    Scenario {
        id: "recovery",
        servers: 5,
        observers: 0,
        clients: 2,
        speed_exp: -2.0,
        prelude: &[
            Prep::UntilLeaderServes,
            Prep::UntilClientsConnected,
            Prep::Writes(3),
            Prep::Settle(500),
            Prep::CrashLeader,
        ],
    },
    Scenario {
        id: "sessions",
        servers: 3,
        observers: 0,
        clients: 2,
        speed_exp: -1.5,
        prelude: &[
            Prep::UntilLeaderServes,
            Prep::UntilClientsConnected,
            Prep::ZkCli {
                client: 0,
                line: "create -e /alive c1",
            },
            Prep::ZkCli {
                client: 1,
                line: "stat -w /alive",
            },
        ],
    },
    Scenario {
        id: "lock",
        servers: 3,
        observers: 0,
        clients: 3,
        speed_exp: -1.5,
        prelude: &[
            Prep::UntilLeaderServes,
            Prep::UntilClientsConnected,
            Prep::ZkCli {
                client: 0,
                line: "create /lock",
            },
            Prep::ZkCli {
                client: 0,
                line: "create -s -e /lock/req- c1",
            },
            Prep::ZkCli {
                client: 1,
                line: "create -s -e /lock/req- c2",
            },
            Prep::ZkCli {
                client: 2,
                line: "create -s -e /lock/req- c3",
            },
            Prep::ZkCli {
                client: 1,
                line: "stat -w /lock/req-0000000000",
            },
            Prep::ZkCli {
                client: 2,
                line: "stat -w /lock/req-0000000001",
            },
        ],
    },
    Scenario {
        id: "partition",
        servers: 5,
        observers: 0,
        clients: 2,
        speed_exp: -2.0,
        prelude: &[
            Prep::UntilLeaderServes,
            Prep::UntilClientsConnected,
            Prep::Writes(1),
            Prep::Settle(300),
            Prep::IsolateLeaderPair,
        ],
    },
    Scenario {
        id: "commit",
        servers: 3,
        observers: 0,
        clients: 2,
        speed_exp: -3.0,
        prelude: &[
            Prep::UntilLeaderServes,
            Prep::UntilClientsConnected,
            Prep::Writes(2),
        ],
    },
];

/// The scenario with this id, with its index (for its words).
pub fn find(id: &str) -> Option<(usize, &'static Scenario)> {
    SCENARIOS.iter().enumerate().find(|(_, s)| s.id == id)
}

impl Scenario {
    /// The ensemble this scenario starts from, with `seed`.
    pub fn setup(&self, seed: u64) -> LabSetup {
        LabSetup {
            servers: self.servers,
            observers: self.observers,
            clients: self.clients,
            seed,
            zoo_cfg: None,
        }
    }

    /// A fresh run of this scenario with its prelude played (seed [`SEED_DEFAULT`]
    /// unless given).
    pub fn start(&self, seed: Option<u64>) -> Result<LabSession, LabError> {
        let mut s = LabSession::new(&self.setup(seed.unwrap_or(SEED_DEFAULT)))?;
        for step in self.prelude {
            run_prep(&mut s, *step).map_err(|e| match e {
                LabError::Prelude { problem, .. } => LabError::Prelude {
                    scenario: Some(self.id),
                    problem,
                },
                other => other,
            })?;
        }
        Ok(s)
    }
}

/// The sid of the serving leader, if there is one.
fn serving_leader(s: &LabSession) -> Option<u64> {
    server_cards(s)
        .iter()
        .find(|c| matches!(c.role, Role::Leading | Role::Standalone) && c.serving)
        .map(|c| c.sid)
}

fn all_clients_connected(s: &LabSession) -> bool {
    client_cards(s).iter().all(|c| c.state == "CONNECTED")
}

/// Run `s` until `done` holds, at most [`UNTIL_MAX_US`] of simulated time.
fn run_until(
    s: &mut LabSession,
    goal: PreludeGoal,
    done: impl Fn(&LabSession) -> bool,
) -> Result<(), LabError> {
    let mut waited = 0;
    while !done(s) {
        if waited >= UNTIL_MAX_US {
            return Err(prelude(PreludeProblem::Timeout(goal)));
        }
        s.advance(UNTIL_CHUNK_US, UNTIL_CHUNK_EVENTS);
        waited += UNTIL_CHUNK_US;
    }
    Ok(())
}

/// A prelude step's own failure (the scenario's id is added by [`Scenario::start`]).
fn prelude(problem: PreludeProblem) -> LabError {
    LabError::Prelude {
        scenario: None,
        problem,
    }
}

/// Play one prelude step on `s`.
pub fn run_prep(s: &mut LabSession, step: Prep) -> Result<(), LabError> {
    match step {
        Prep::UntilLeaderServes => run_until(s, PreludeGoal::ServingLeader, |s| {
            serving_leader(s).is_some()
        }),
        Prep::UntilClientsConnected => {
            run_until(s, PreludeGoal::ConnectedClients, all_clients_connected)
        }
        Prep::Settle(ms) => {
            let target = ms.saturating_mul(1_000);
            let mut done = 0;
            while done < target {
                let chunk = UNTIL_CHUNK_US.min(target - done);
                s.advance(chunk, UNTIL_CHUNK_EVENTS);
                done += chunk;
            }
            Ok(())
        }
        Prep::Writes(n) => {
            for _ in 0..n {
                s.send_write(None)?;
            }
            Ok(())
        }
        Prep::CrashLeader => {
            let leader = serving_leader(s).ok_or(prelude(PreludeProblem::NoLeaderToCrash))?;
            s.crash(leader).map(|_| ())
        }
        Prep::IsolateLeaderPair => {
            let leader = serving_leader(s).ok_or(prelude(PreludeProblem::NoLeaderToIsolate))?;
            let ids = s.server_ids();
            let next = ids
                .iter()
                .copied()
                .cycle()
                .skip_while(|&x| x != leader)
                .nth(1)
                .unwrap_or(leader);
            let (minority, majority): (Vec<u64>, Vec<u64>) =
                ids.iter().partition(|&&x| x == leader || x == next);
            s.partition(&[minority, majority]).map(|_| ())
        }
        Prep::ZkCli { client, line } => {
            let c = *s
                .client_ids()
                .get(client)
                .ok_or(LabError::NoClient(client as u32))?;
            s.zkcli(c, line).map(|_| ())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::LESSONS;

    #[test]
    fn every_lesson_opens_a_known_scenario_and_ids_are_unique() {
        for l in &LESSONS {
            assert!(find(l.scenario).is_some(), "{}", l.scenario);
        }
        let mut ids: Vec<_> = SCENARIOS.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SCENARIOS.len());
        assert!(find("no-such-scenario").is_none());
    }

    #[test]
    fn every_scenario_plays_its_prelude_and_is_reproducible() {
        for sc in &SCENARIOS {
            for seed in [SEED_DEFAULT, 1, 99] {
                let a = sc
                    .start(Some(seed))
                    .unwrap_or_else(|e| panic!("{} seed {seed}: {e}", sc.id));
                let b = sc.start(Some(seed)).unwrap();
                assert_eq!(a.trace_hash_hex(), b.trace_hash_hex(), "{}", sc.id);
                // Its key replays to the same place (a shared scenario link works).
                let c = LabSession::from_key_text(&a.key_text()).unwrap();
                assert_eq!(c.trace_hash_hex(), a.trace_hash_hex(), "{}", sc.id);
                assert_eq!(a.server_ids().len(), sc.servers);
                assert_eq!(a.client_ids().len(), sc.clients as usize);
            }
        }
    }

    #[test]
    fn preludes_leave_the_promised_situation() {
        let recovery = find("recovery").unwrap().1.start(None).unwrap();
        let cards = server_cards(&recovery);
        assert_eq!(cards.iter().filter(|c| c.role == Role::Stopped).count(), 1);
        assert!(serving_leader(&recovery).is_none());

        let partition = find("partition").unwrap().1.start(None).unwrap();
        let leader = serving_leader(&partition).unwrap();
        let cut = partition
            .server_ids()
            .into_iter()
            .filter(|&o| o != leader && partition.link_cut(leader, o))
            .count();
        assert_eq!(cut, 3, "the leader is cut off from the three others");

        let lock = find("lock").unwrap().1.start(None).unwrap();
        let transcript: String = lock
            .client_ids()
            .into_iter()
            .flat_map(|c| lock.console().view(lock.world(), Some(c)).lines)
            .map(|l| l.text + "\n")
            .collect();
        assert!(
            transcript.contains("Created /lock/req-0000000000"),
            "{transcript}"
        );
        assert!(
            transcript.contains("Created /lock/req-0000000002"),
            "{transcript}"
        );

        let broadcast = find("broadcast").unwrap().1.start(None).unwrap();
        assert!(broadcast.in_flight() > 0, "the write is on its way");
    }
}
