//! "Open this run": the link of the run behind a chart point, in the lab that shows it —
//! the ZooKeeper lab (`#/lab?key=…`, the reproduction key of the run's ensemble and
//! seed from its cold start), the lock lab's herd-versus-queue preset (`#/locks?preset=herd`:
//! the same two recipes side by side, on the lab's own clients and seed) or the comparison
//! lab (its own share link, [`crate::compare_lab::link::link`], of the generated script and
//! seed from its first step).

use zooscope_core::experiment::chart::SeriesName;
use zooscope_core::experiment::election_time::{self, Cell};
use zooscope_core::experiment::network::Network;
use zooscope_core::experiment::{commit_cost, Rows};

fn lab(cell: &Cell, seed: u64) -> Option<String> {
    election_time::lab_key(cell, seed).map(|k| format!("#/lab?key={k}"))
}

fn zk(servers: u64, observers: u64) -> Cell {
    Cell {
        servers,
        observers,
        tick_ms: 2_000,
        finalize_ms: 200,
        network: Network::Lab,
    }
}

/// The link of the run with `seed` behind the point at `x` of a series named `name`
/// (None: no lab shows it, e.g. a real recording or a finalizeWait the lab cannot share).
pub fn open_run(rows: &Rows, name: &SeriesName, x: f64, seed: u64) -> Option<String> {
    let n = x.round() as u64;
    match (rows, name) {
        (
            Rows::ElectionTime(rows),
            SeriesName::ElectionMedian {
                phase,
                tick_ms,
                finalize_ms,
                observers,
            },
        ) => rows
            .iter()
            .find(|r| {
                r.seed == seed
                    && r.phase == *phase
                    && (
                        r.cell.servers,
                        r.cell.observers,
                        r.cell.tick_ms,
                        r.cell.finalize_ms,
                    ) == (n, *observers, *tick_ms, *finalize_ms)
            })
            .and_then(|r| lab(&r.cell, seed)),
        (Rows::ElectionTime(rows), SeriesName::ElectionRuns { phase }) => rows
            .iter()
            .find(|r| r.seed == seed && r.phase == *phase && r.cell.servers == n)
            .and_then(|r| lab(&r.cell, seed)),
        (_, SeriesName::Throughput { observers, .. }) => lab(&zk(n, *observers), seed),
        (_, SeriesName::Availability { servers, .. }) => lab(&zk(*servers, 0), seed),
        (_, SeriesName::LockWakeups { .. }) => Some("#/locks?preset=herd".to_string()),
        (_, SeriesName::CommitCost { protocol, failure }) => {
            let cell = commit_cost::Cell {
                nodes: n as u32,
                protocol: *protocol,
                failure: *failure,
            };
            Some(crate::compare_lab::link::link("", &cell.script(), seed, 0))
        }
        _ => None,
    }
}
