//! Seeded random fault scripts against one lane, its invariants checked after every
//! step.
//!
//! Each seed makes a script in the comparison language (so a failing seed can be read,
//! edited and run as a file): 3 to 7 nodes, sometimes a no vote, one proposal and
//! sometimes a competing one at another node, then up to eight faults at random
//! moments — crashes, restarts, partitions, heals and lost phases, half of them tied
//! to a protocol condition (`when phase1-done`, `when K has phase2`) so they land
//! inside the short windows where protocols are fragile — and finally a heal, a
//! restart of every crashed node in most runs (the others keep their crashes, which
//! is where 2PC blocks), a minute of quiet and a verdict. The lane's world runs with
//! the seed too. A run counts as a violation when an invariant broke, and as blocked
//! when its final verdict is `blocked`.

use super::lane::{Lane, LaneDetail};
use super::script::{self, LaneKind};
use super::verdict::Verdict;
use super::Runner;
use crate::rng::SimRng;

/// Faults one script holds at most.
pub const FAULTS_MAX: u64 = 8;

/// The script for `seed` in `lane`.
pub fn script_for(lane: LaneKind, seed: u64) -> String {
    let mut rng = SimRng::fork(seed, 0xC0FFEE);
    let n = rng.between(3, 7) as u32;
    let node = |rng: &mut SimRng| rng.between(1, u64::from(n)) as u32;
    let mut s = format!("lanes {}\nnodes {n}\n", lane.word());
    if rng.chance_permille(150) {
        s.push_str(&format!("vote {} no\n", node(&mut rng)));
    }
    s.push_str("propose x=1\n");
    if rng.chance_permille(400) {
        s.push_str(&format!("propose y=2 at {}\n", node(&mut rng)));
    }
    for _ in 0..rng.between(1, FAULTS_MAX) {
        let wait = match rng.below(3) {
            0 => rng.between(0, 20),
            1 => rng.between(0, 200),
            _ => rng.between(0, 5_000),
        };
        if wait > 0 {
            s.push_str(&format!("wait {wait}ms\n"));
        }
        let fault = match rng.below(10) {
            0..=2 => format!("crash {}", node(&mut rng)),
            3 | 4 => format!("restart {}", node(&mut rng)),
            5..=7 => {
                let mut sides: [Vec<String>; 2] = [Vec::new(), Vec::new()];
                for k in 1..=n {
                    sides[rng.below(2) as usize].push(k.to_string());
                }
                if sides.iter().any(Vec::is_empty) {
                    "heal".to_string()
                } else {
                    format!("partition {} | {}", sides[0].join(" "), sides[1].join(" "))
                }
            }
            8 => "heal".to_string(),
            _ => {
                let to: Vec<String> = (1..=n)
                    .filter(|_| rng.chance_permille(400))
                    .map(|k| k.to_string())
                    .collect();
                if to.is_empty() {
                    "heal".to_string()
                } else {
                    s.push_str(&format!(
                        "drop phase{} to {}\n",
                        rng.between(1, 3),
                        to.join(" ")
                    ));
                    continue;
                }
            }
        };
        let when = match rng.below(4) {
            0 => " when phase1-done".to_string(),
            1 => format!(" when {} has phase{}", node(&mut rng), rng.between(1, 3)),
            _ => String::new(),
        };
        s.push_str(&format!("{fault}{when}\n"));
    }
    s.push_str("wait 10s\nheal\n");
    if rng.chance_permille(700) {
        s.push_str("restart all\n");
    }
    s.push_str("wait 60s\nverdict\n");
    s
}

/// One fuzzed run's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuzzRun {
    /// The seed.
    pub seed: u64,
    /// The script it ran.
    pub script: String,
    /// Broken invariants: (name, details).
    pub violations: Vec<(&'static str, LaneDetail)>,
    /// The final verdict.
    pub verdict: Verdict,
}

/// Run the script of `seed` in `lane`.
pub fn run_seed(lane: LaneKind, seed: u64) -> Result<FuzzRun, String> {
    run_seed_on(lane, seed, super::new_lane)
}

/// Run the script of `seed` in a lane `make` builds from (kind, nodes, seed).
pub fn run_seed_on(
    lane: LaneKind,
    seed: u64,
    make: impl Fn(LaneKind, u32, u64) -> Result<Box<dyn Lane>, String>,
) -> Result<FuzzRun, String> {
    let text = script_for(lane, seed);
    let script = script::parse(&text).map_err(|e| format!("fuzz script of seed {seed}: {e}"))?;
    let report = Runner::with_lanes(vec![make(lane, script.nodes, seed)?]).run(&script);
    let verdict = report
        .verdicts
        .first()
        .map_or(Verdict::Undecided, |v| v.verdict.clone());
    Ok(FuzzRun {
        seed,
        script: text,
        violations: report
            .violations
            .into_iter()
            .map(|(_, name, details)| (name, details))
            .collect(),
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzz_scripts_parse_and_repeat() {
        for seed in 0..200 {
            for lane in LaneKind::ALL {
                let text = script_for(lane, seed);
                assert_eq!(text, script_for(lane, seed));
                script::parse(&text).unwrap_or_else(|e| panic!("{seed}: {e}\n{text}"));
            }
        }
    }
}
