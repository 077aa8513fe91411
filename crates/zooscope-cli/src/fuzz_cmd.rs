//! `zooscope fuzz --seeds N [--from S] [--actions K] [--broken]`: seeded random fault
//! schedules on a simulated ensemble, every invariant checked after every step, then a
//! liveness check after healing everything.
//!
//! Each problem is printed with the command that reproduces it; the last line is
//! `fuzz: N seeds, V violations` (safety violations plus liveness failures). `--broken`
//! runs a deliberately wrong leader (it commits without a quorum) to show the checkers
//! catching it.

use zooscope_core::scenario::fuzz::{run_seed, FuzzOptions};

const USAGE: &str = "usage: zooscope fuzz --seeds N [--from S] [--actions K] [--broken]";

fn number(it: &mut std::slice::Iter<'_, String>, flag: &str) -> Result<u64, String> {
    it.next()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs a number\n{USAGE}"))
}

/// Run the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut seeds = 100u64;
    let mut from = 0u64;
    let mut opts = FuzzOptions::default();
    let mut broken = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seeds" => seeds = number(&mut it, "--seeds")?,
            "--from" => from = number(&mut it, "--from")?,
            "--actions" => opts.actions = number(&mut it, "--actions")?.min(10_000) as u32,
            "--broken" => {
                broken = true;
                opts.commit_without_quorum = true;
                opts.liveness = false;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown fuzz option '{other}'\n{USAGE}")),
        }
    }
    let mut violations = 0u64;
    let start = std::time::Instant::now();
    let mut steps = 0u64;
    for seed in from..from.saturating_add(seeds) {
        let o = run_seed(seed, &opts);
        steps += o.steps;
        let repro = format!(
            "zooscope fuzz --seeds 1 --from {seed}{}{}",
            if opts.actions != FuzzOptions::default().actions {
                format!(" --actions {}", opts.actions)
            } else {
                String::new()
            },
            if broken { " --broken" } else { "" }
        );
        for (inv, details) in &o.violations {
            violations += 1;
            println!("seed {seed}: {inv}: {details}");
            println!("  reproduce: {repro}");
        }
        if let Some(l) = &o.liveness {
            violations += 1;
            println!("seed {seed}: liveness: {l}");
            println!("  reproduce: {repro}");
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "({steps} events in {secs:.1} s wall, {:.0} events/s)",
        steps as f64 / secs.max(1e-9)
    );
    println!("fuzz: {seeds} seeds, {violations} violations");
    Ok(())
}
