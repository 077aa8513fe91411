//! `zooscope compare-fuzz --lane LANE --seeds N [--from S]`: seeded random fault scripts
//! against one lane of the comparison lab, its invariants checked after every step.
//!
//! Each violation is printed with the command that reproduces it and the script it
//! ran; the last line is `compare-fuzz LANE: N seeds, V violations, B blocked` (blocked:
//! runs whose final verdict is `blocked`).

use std::io::Write;
use zooscope_core::compare::fuzz::run_seed;
use zooscope_core::compare::script::LaneKind;

const USAGE: &str =
    "usage: zooscope compare-fuzz --lane 2pc|3pc|paxos|zab|multipaxos --seeds N [--from S] [--show]";

/// Violations printed per seed (the rest are counted in the seed's one violation).
const VIOLATIONS_SHOWN: usize = 3;

fn number(it: &mut std::slice::Iter<'_, String>, flag: &str) -> Result<u64, String> {
    it.next()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs a number\n{USAGE}"))
}

/// Run the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut lane: Option<LaneKind> = None;
    let mut seeds = 100u64;
    let mut from = 0u64;
    let mut show = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lane" => {
                let w = it
                    .next()
                    .ok_or_else(|| format!("--lane needs a lane\n{USAGE}"))?;
                lane = Some(LaneKind::parse(w).ok_or_else(|| {
                    format!("'{w}' is not a lane (2pc, 3pc, paxos, zab, multipaxos)")
                })?);
            }
            "--seeds" => seeds = number(&mut it, "--seeds")?,
            "--from" => from = number(&mut it, "--from")?,
            "--show" => show = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown compare-fuzz option '{other}'\n{USAGE}")),
        }
    }
    let lane = lane.ok_or_else(|| format!("name a lane with --lane\n{USAGE}"))?;
    let end = from
        .checked_add(seeds)
        .ok_or_else(|| format!("--from {from} --seeds {seeds} runs past the last seed"))?;
    let (mut violations, mut blocked) = (0u64, 0u64);
    let start = std::time::Instant::now();
    let mut out = std::io::stdout().lock();
    let mut say = |line: String| writeln!(out, "{line}").map_err(|e| format!("stdout: {e}"));
    for seed in from..end {
        let run = run_seed(lane, seed)?;
        if run.verdict == zooscope_core::compare::verdict::Verdict::Blocked {
            blocked += 1;
        }
        if show {
            say(format!("seed {seed}: {}", run.verdict))?;
        }
        if !run.violations.is_empty() {
            violations += 1;
            for (name, details) in run.violations.iter().take(VIOLATIONS_SHOWN) {
                say(format!("seed {seed}: {name}: {details}"))?;
            }
            say(format!(
                "  reproduce: zooscope compare-fuzz --lane {} --seeds 1 --from {seed} --show",
                lane.word()
            ))?;
            for l in run.script.lines() {
                say(format!("  | {l}"))?;
            }
        }
    }
    eprintln!("({:.1}s)", start.elapsed().as_secs_f64());
    say(format!(
        "compare-fuzz {}: {seeds} seeds, {violations} violations, {blocked} blocked",
        lane.word()
    ))
}
