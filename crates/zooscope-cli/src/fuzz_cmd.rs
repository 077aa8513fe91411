//! `zooscope fuzz --seeds N [--from S] [--actions K] [--broken]`: seeded random fault
//! schedules on a simulated ensemble, every invariant checked after every step, then a
//! liveness check after healing everything.
//!
//! Each problem is printed with the command that reproduces it; the last line is
//! `fuzz: N seeds, V violations` (safety violations plus liveness failures), and the
//! command fails (exit status 2) when V is not 0, so `scripts/test.sh` stops. `--broken`
//! runs a deliberately wrong leader (it commits without a quorum) to show the checkers
//! catching it. `--locks mutex|naive` runs the lock workloads instead (Curator clients
//! contending for one lock under crashes, cuts and session expiry; `zooscope_core::scenario::lock_fuzz`)
//! and prints every violation of the lock properties; the herd lock (`naive`) fails them.

use zooscope_core::scenario::fuzz::{run_seed, FuzzOptions};

const USAGE: &str =
    "usage: zooscope fuzz --seeds N [--from S] [--actions K] [--broken] [--locks mutex|naive]";

fn number(it: &mut std::slice::Iter<'_, String>, flag: &str) -> Result<u64, String> {
    it.next()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs a number\n{USAGE}"))
}

/// The seeds `--from S --seeds N` names, or why they do not fit below `u64::MAX`.
fn seed_range(from: u64, seeds: u64) -> Result<std::ops::Range<u64>, String> {
    let end = from.checked_add(seeds).ok_or_else(|| {
        format!(
            "--from {from} --seeds {seeds} runs past the last seed {}\n{USAGE}",
            u64::MAX - 1
        )
    })?;
    Ok(from..end)
}

/// Run the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut seeds = 100u64;
    let mut from = 0u64;
    let mut opts = FuzzOptions::default();
    let mut broken = false;
    let mut locks: Option<String> = None;
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
            "--locks" => match it.next().map(String::as_str) {
                Some(k @ ("mutex" | "naive")) => locks = Some(k.to_string()),
                _ => return Err(format!("--locks takes mutex or naive\n{USAGE}")),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown fuzz option '{other}'\n{USAGE}")),
        }
    }
    let range = seed_range(from, seeds)?;
    if let Some(kind) = locks {
        return run_locks(&kind, range, seeds);
    }
    let mut violations = 0u64;
    let start = std::time::Instant::now();
    let mut steps = 0u64;
    for seed in range {
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
    if violations > 0 {
        return Err(format!(
            "{violations} violations (each printed above with its reproduce command)"
        ));
    }
    Ok(())
}

/// The lock workloads over `range`.
fn run_locks(kind: &str, range: std::ops::Range<u64>, seeds: u64) -> Result<(), String> {
    use zooscope_core::scenario::lock_fuzz::{run_seed, LockFuzzOptions};
    let opts = LockFuzzOptions {
        kind: kind.to_string(),
        ..LockFuzzOptions::default()
    };
    let mut violations = 0u64;
    let mut grants = 0usize;
    for seed in range {
        let o = run_seed(seed, &opts);
        grants += o.grants;
        for v in &o.violations {
            violations += 1;
            println!("seed {seed}: {v}");
            println!("  reproduce: zooscope fuzz --seeds 1 --from {seed} --locks {kind}");
        }
    }
    eprintln!("({grants} grants)");
    println!("fuzz: {seeds} seeds, {violations} violations");
    if violations > 0 {
        return Err(format!("the {kind} lock broke the lock properties"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_range_holds_exactly_the_seeds_reported() {
        assert_eq!(seed_range(5, 3), Ok(5..8));
        assert_eq!(seed_range(u64::MAX - 2, 2).map(|r| r.count()), Ok(2));
        assert!(seed_range(u64::MAX, 100).unwrap_err().contains("--from"));
        assert!(seed_range(u64::MAX - 1, 2).is_err());
    }
}
