//! The comparison lab: one fault script run against 2PC, 3PC, Paxos and ZAB at once.
//!
//! A script ([`script`], documented in `docs/compare-language.md`) names the lanes, the
//! node count and a sequence of votes, proposals, faults and waits. Each lane is its
//! own world ([`lane::LaneRun`]) with the same seed, so the same faults hit every
//! protocol; conditional faults (`when COND`) are checked after every step in each lane
//! separately. [`Runner`] executes a script line by line into a [`Report`]: each line
//! echoed as `> LINE` and followed by its output (`LANE: ...` lines), the conditions
//! that never held (`never happened: LINE`), the broken invariants and, last, one trace
//! hash over every lane. [`presets`] are the textbook failures as scripts; [`fuzz`]
//! runs seeded random fault scripts against one lane with its invariants checked.

pub mod commit_lanes;
pub mod counters;
pub mod fuzz;
pub mod invariants;
pub mod lane;
pub mod presets;
pub mod script;
pub mod stepper;
#[cfg(test)]
mod tests;
pub mod verdict;
pub mod zab_lane;

use crate::protocols::commit::CommitNode;
use crate::protocols::zookeeper::node::ZkNode;
use crate::time::SimDuration;
use lane::{Lane, LaneDetail, LaneNote, LaneRun};
use script::{LaneKind, Script, ScriptError, Step};
use verdict::{NodeOutcome, Verdict};

/// How long `wait until decided` waits at most.
pub const DECIDE_LIMIT: SimDuration = SimDuration::from_secs(120);

/// A fresh lane of `kind`.
pub fn new_lane(kind: LaneKind, nodes: u32, seed: u64) -> Result<Box<dyn Lane>, String> {
    Ok(match kind {
        LaneKind::Zab => Box::new(LaneRun::<ZkNode>::new(kind, nodes, seed)?),
        _ => Box::new(LaneRun::<CommitNode>::new(kind, nodes, seed)?),
    })
}

/// Run one script line in one lane (the `verdict` and `counters` lines only print).
pub fn apply_step(lane: &mut dyn Lane, line: usize, text: &str, step: &Step) -> Vec<LaneNote> {
    match step {
        Step::Vote { node, yes } => lane.vote(*node, *yes),
        Step::Propose { value, at } => lane.propose(value, *at),
        Step::Fault { fault, when } => lane.fault(line, text, fault, *when),
        Step::Drop { phase, to } => {
            lane.drop_phase(*phase, to);
            Vec::new()
        }
        Step::Wait(d) => lane.wait(*d),
        Step::WaitUntilDecided => lane.wait_decided(DECIDE_LIMIT),
        Step::Verdict | Step::Counters | Step::Setup => Vec::new(),
    }
}

/// One lane's verdict with its nodes' outcomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneVerdict {
    /// The lane.
    pub lane: LaneKind,
    /// Its verdict.
    pub verdict: Verdict,
    /// Node 1 first.
    pub nodes: Vec<NodeOutcome>,
}

/// What a run printed and decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Output lines, the last one `trace hash: <hex>`.
    pub lines: Vec<String>,
    /// The last `verdict` line's verdicts (or the final state when there was none).
    pub verdicts: Vec<LaneVerdict>,
    /// Broken invariants: (lane, invariant, details).
    pub violations: Vec<(LaneKind, &'static str, LaneDetail)>,
    /// Conditional lines that never fired: (line, text, lanes).
    pub never: Vec<(usize, String, Vec<LaneKind>)>,
    /// Every lane's counters at the end.
    pub counters: Vec<(LaneKind, counters::Counters)>,
    /// The combined trace hash.
    pub trace_hash: u64,
}

/// Runs a script across its lanes.
pub struct Runner {
    lanes: Vec<Box<dyn Lane>>,
    verdicts: Vec<LaneVerdict>,
}

fn time(d: SimDuration) -> String {
    format!("{}.{:03}s", d.0 / 1_000_000, (d.0 / 1_000) % 1_000)
}

fn note_line(lane: LaneKind, note: &LaneNote) -> String {
    let l = lane.word();
    match note {
        LaneNote::Ignored(why) => format!("{l}: ignored ({why})"),
        LaneNote::Fired { text, at, .. } => format!("{l}: at {}: {text}", time(*at)),
        LaneNote::Refused(why) => format!("{l}: not applied: {why}"),
        LaneNote::Resubmitted { value, to, at } => {
            format!(
                "{l}: at {}: the client times out and resubmits {value} to node {to}",
                time(*at)
            )
        }
        LaneNote::NotDecided(v) => format!("{l}: still {v} after {}", time(DECIDE_LIMIT)),
        LaneNote::StepLimit => format!("{l}: stopped at the limit of {} events", lane::STEPS_MAX),
    }
}

impl Runner {
    /// Lanes for `script` with `seed`.
    pub fn new(script: &Script, seed: u64) -> Result<Self, ScriptError> {
        let lanes = script
            .lanes
            .iter()
            .map(|&k| new_lane(k, script.nodes, seed).map_err(|e| script::lane_did_not_start(k, e)))
            .collect::<Result<_, _>>()?;
        Ok(Runner {
            lanes,
            verdicts: Vec::new(),
        })
    }

    /// A runner over lanes made elsewhere.
    pub fn with_lanes(lanes: Vec<Box<dyn Lane>>) -> Self {
        Runner {
            lanes,
            verdicts: Vec::new(),
        }
    }

    /// The lanes.
    pub fn lanes(&self) -> &[Box<dyn Lane>] {
        &self.lanes
    }

    /// Every lane's verdict now.
    pub fn verdicts(&self) -> Vec<LaneVerdict> {
        self.lanes
            .iter()
            .map(|l| LaneVerdict {
                lane: l.kind(),
                verdict: l.verdict(),
                nodes: l.outcomes(),
            })
            .collect()
    }

    /// Run one command; its output lines.
    pub fn run_step(&mut self, line: usize, text: &str, step: &Step) -> Vec<String> {
        let mut out = Vec::new();
        if let Step::Verdict = step {
            self.verdicts = self.verdicts();
            for v in &self.verdicts {
                out.push(format!("{}: {}", v.lane.word(), v.verdict));
                for (i, o) in v.nodes.iter().enumerate() {
                    out.push(format!("  node {}: {o}", i + 1));
                }
            }
            return out;
        }
        if let Step::Counters = step {
            for l in &self.lanes {
                let c = l.counters();
                let t = c.decided_after.map_or("not decided".into(), time);
                out.push(format!(
                    "{}: {} messages, {} round trips, time to decision {t}",
                    l.kind().word(),
                    c.messages,
                    c.round_trips
                ));
            }
            return out;
        }
        for lane in &mut self.lanes {
            let notes = apply_step(lane.as_mut(), line, text, step);
            out.extend(notes.iter().map(|n| note_line(lane.kind(), n)));
        }
        out
    }

    /// Run a whole script.
    pub fn run(mut self, script: &Script) -> Report {
        let mut lines = Vec::new();
        for (line, text, step) in &script.steps {
            lines.push(format!("> {text}"));
            lines.extend(self.run_step(*line, text, step));
        }
        let mut never: Vec<(usize, String, Vec<LaneKind>)> = Vec::new();
        for l in &self.lanes {
            for (line, text) in l.unfired() {
                match never.iter_mut().find(|(n, _, _)| *n == line) {
                    Some(entry) => entry.2.push(l.kind()),
                    None => never.push((line, text, vec![l.kind()])),
                }
            }
        }
        never.sort_by_key(|(n, _, _)| *n);
        for (_, text, lanes) in &never {
            let names: Vec<&str> = lanes.iter().map(|l| l.word()).collect();
            lines.push(format!("never happened: {text} (in {})", names.join(", ")));
        }
        let mut violations = Vec::new();
        for l in &self.lanes {
            for v in l.violations() {
                lines.push(format!(
                    "{}: invariant {} broken at {}: {}",
                    l.kind().word(),
                    v.invariant,
                    v.time,
                    v.details
                ));
                violations.push((l.kind(), v.invariant, v.details.clone()));
            }
        }
        let trace_hash = stepper::combined_hash(self.lanes.iter().map(|l| l.as_ref()));
        lines.push(format!("trace hash: {trace_hash:016x}"));
        let verdicts = if self.verdicts.is_empty() {
            self.verdicts()
        } else {
            self.verdicts
        };
        let counters = self
            .lanes
            .iter()
            .map(|l| (l.kind(), l.counters()))
            .collect();
        Report {
            lines,
            verdicts,
            violations,
            never,
            counters,
            trace_hash,
        }
    }
}

/// The preset whose run every target must hash alike (seed 1): four lanes, a drop rule,
/// a conditional partition and timeouts.
pub const GOLDEN_PRESET: &str = "3pc-partition";

/// The trace hash of [`GOLDEN_PRESET`] with seed 1, pinned natively; the browser test in
/// `crates/zooscope-wasm-bench` checks wasm produces the same.
pub const GOLDEN_TRACE_HASH: u64 = 0x2b6f_80cd_467c_1ab2;

/// A failure before or while running: a bad line, or a lane that could not start.
pub type RunError = ScriptError;

/// Parse and run `text` with `seed`.
pub fn run_text(text: &str, seed: u64) -> Result<Report, RunError> {
    let script = script::parse(text)?;
    let runner = Runner::new(&script, seed)?;
    Ok(runner.run(&script))
}
