//! `zooscope bench-elections [--count N] [--servers N]`: how long N seeded cold-start
//! elections of the simulated ensemble take natively (each from every server starting
//! at once until every server serves, seeds 1..=N, as `election-time` runs them), and
//! how many elections that is per wall-clock second.

use std::time::Instant;
use zooscope_core::experiment::election_time::{cold_start, Cell};
use zooscope_core::experiment::network::Network;

const USAGE: &str = "usage: zooscope bench-elections [--count N] [--servers N]";

/// Run the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut count = 1_000u64;
    let mut servers = 5u64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |range: std::ops::RangeInclusive<u64>| {
            it.next()
                .and_then(|v| v.parse().ok())
                .filter(|n| range.contains(n))
                .ok_or_else(|| format!("{a} takes {}..{}\n{USAGE}", range.start(), range.end()))
        };
        match a.as_str() {
            "--count" => count = value(1..=1_000_000)?,
            "--servers" => servers = value(2..=9)?,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown bench-elections option '{other}'\n{USAGE}")),
        }
    }
    let cell = Cell {
        servers,
        observers: 0,
        tick_ms: 2_000,
        finalize_ms: 200,
        network: Network::Lab,
    };
    let start = Instant::now();
    let mut unfinished = 0;
    for seed in 1..=count {
        if cold_start(&cell, seed).1.all.is_none() {
            unfinished += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "elections: {count} seeded {servers}-server cold starts natively in {:.0} ms ({:.0} elections/s){}",
        secs * 1000.0,
        count as f64 / secs.max(1e-9),
        if unfinished > 0 {
            format!(", {unfinished} did not finish")
        } else {
            String::new()
        }
    );
    Ok(())
}
