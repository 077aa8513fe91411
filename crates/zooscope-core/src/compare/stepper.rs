//! A script run one step at a time across its lanes, for the page's Play, Step and
//! rewind.
//!
//! [`Runner`](super::Runner) runs a line in every lane before the next line, which is
//! what the CLI prints. The page instead shows every lane at the same moment, so the
//! [`Stepper`] merges the lanes by time: each [`Stepper::step`] does one unit of work
//! in the lane whose next action is earliest (ties go to the lane named first) — one
//! kernel event, one client deadline, or one script line. A lane's lines are the same
//! calls the runner makes, in the same order, and a wait is the runner's wait cut into
//! single events, so every lane ends exactly where `zooscope compare` leaves it (same
//! trace hash, same verdict); a lane only ever waits for its own conditions. Step `k`
//! of a script and seed is always the same state, which is what a share link restores.

use super::lane::{Lane, LaneNote};
use super::script::{self, LaneKind, Script, ScriptError, Step};
use super::{apply_step, DECIDE_LIMIT};
use crate::hash::StableHasher;
use crate::time::SimDuration;
use std::hash::Hasher;

/// Most steps a page run may take (each lane's own limit still holds).
pub const STEPPER_STEPS_MAX: u64 = 4_000_000;
/// Notes a lane keeps for the page (the oldest are dropped).
pub const LANE_NOTES_MAX: usize = 64;

/// A wait in progress: until this lane time, or until decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Waiting {
    until: SimDuration,
    decided: bool,
}

/// One lane with its place in the script.
pub struct LaneCursor {
    lane: Box<dyn Lane>,
    next: usize,
    waiting: Option<Waiting>,
    notes: Vec<(usize, LaneNote)>,
}

impl LaneCursor {
    /// The lane.
    pub fn lane(&self) -> &dyn Lane {
        self.lane.as_ref()
    }

    /// The script line this lane is on (being waited for, or next to run), if any.
    pub fn line(&self, script: &Script) -> Option<usize> {
        let i = if self.waiting.is_some() {
            self.next.checked_sub(1)?
        } else {
            self.next
        };
        script.steps.get(i).map(|(line, _, _)| *line)
    }

    /// What the lane reported, newest last: (script line, note).
    pub fn notes(&self) -> &[(usize, LaneNote)] {
        &self.notes
    }

    /// Whether the lane has run its whole script.
    pub fn finished(&self, script: &Script) -> bool {
        self.waiting.is_none() && self.next >= script.steps.len()
    }

    /// When (lane time) this lane acts next, if it has anything left.
    fn next_time(&self, script: &Script) -> Option<SimDuration> {
        match self.waiting {
            Some(w) => {
                if w.decided && self.lane.verdict().is_decided() {
                    return Some(self.lane.now());
                }
                Some(self.lane.next_action().map_or(w.until, |t| t.min(w.until)))
            }
            None if self.next < script.steps.len() => Some(self.lane.now()),
            None => None,
        }
    }

    fn keep(&mut self, line: usize, notes: Vec<LaneNote>) {
        self.notes.extend(notes.into_iter().map(|n| (line, n)));
        let extra = self.notes.len().saturating_sub(LANE_NOTES_MAX);
        self.notes.drain(..extra);
    }

    /// One unit of work.
    fn unit(&mut self, script: &Script) {
        let line_of = |i: usize| script.steps.get(i).map_or(0, |(l, _, _)| *l);
        if let Some(w) = self.waiting {
            let line = line_of(self.next.saturating_sub(1));
            let mut notes = Vec::new();
            if let Some(done) = self.lane.advance_one(w.until, w.decided, &mut notes) {
                self.waiting = None;
                if w.decided && !done {
                    notes.push(LaneNote::NotDecided(self.lane.verdict()));
                }
            }
            self.keep(line, notes);
            return;
        }
        let Some((line, text, step)) = script.steps.get(self.next) else {
            return;
        };
        self.next += 1;
        let now = self.lane.now();
        match step {
            Step::Wait(d) => {
                self.waiting = Some(Waiting {
                    until: SimDuration(now.0.saturating_add(d.0)),
                    decided: false,
                })
            }
            Step::WaitUntilDecided => {
                self.waiting = Some(Waiting {
                    until: SimDuration(now.0.saturating_add(DECIDE_LIMIT.0)),
                    decided: true,
                })
            }
            step => {
                let notes = apply_step(self.lane.as_mut(), *line, text, step);
                self.keep(*line, notes);
            }
        }
    }
}

/// A script's lanes, stepped together.
pub struct Stepper {
    script: Script,
    lanes: Vec<LaneCursor>,
    steps: u64,
    last: SimDuration,
}

impl Stepper {
    /// Fresh lanes for `script` with `seed`.
    pub fn new(script: Script, seed: u64) -> Result<Self, ScriptError> {
        let lanes = script
            .lanes
            .iter()
            .map(|&k| {
                Ok(LaneCursor {
                    lane: super::new_lane(k, script.nodes, seed)
                        .map_err(|e| script::lane_did_not_start(k, e))?,
                    next: 0,
                    waiting: None,
                    notes: Vec::new(),
                })
            })
            .collect::<Result<_, ScriptError>>()?;
        Ok(Stepper {
            script,
            lanes,
            steps: 0,
            last: SimDuration::ZERO,
        })
    }

    /// The script.
    pub fn script(&self) -> &Script {
        &self.script
    }

    /// The lanes, in the script's order.
    pub fn lanes(&self) -> &[LaneCursor] {
        &self.lanes
    }

    /// Steps taken.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The lane time of the last step taken (0 before the first).
    pub fn last_time(&self) -> SimDuration {
        self.last
    }

    /// The earliest lane time at which some lane acts next (None when all are done).
    pub fn next_time(&self) -> Option<SimDuration> {
        self.lanes
            .iter()
            .filter_map(|l| l.next_time(&self.script))
            .min()
    }

    /// The page's clock: the earliest lane time still to come, or the latest lane time
    /// when every lane is done.
    pub fn now(&self) -> SimDuration {
        self.next_time().unwrap_or_else(|| {
            self.lanes
                .iter()
                .map(|l| l.lane.now())
                .max()
                .unwrap_or_default()
        })
    }

    /// Whether every lane has run its whole script.
    pub fn finished(&self) -> bool {
        self.steps >= STEPPER_STEPS_MAX || self.lanes.iter().all(|l| l.finished(&self.script))
    }

    /// One unit of work in the lane that acts first; false when there is none.
    pub fn step(&mut self) -> bool {
        if self.steps >= STEPPER_STEPS_MAX {
            return false;
        }
        let script = &self.script;
        let Some((i, t)) = self
            .lanes
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.next_time(script).map(|t| (i, t)))
            .min_by_key(|&(i, t)| (t, i))
        else {
            return false;
        };
        self.lanes[i].unit(script);
        self.steps += 1;
        self.last = self.last.max(t);
        true
    }

    /// Step until `steps` steps are taken or nothing is left; the steps taken.
    pub fn run_to(&mut self, steps: u64) -> u64 {
        let start = self.steps;
        while self.steps < steps && self.step() {}
        self.steps - start
    }

    /// Step while the next action is at or before lane time `t` (at most `budget`
    /// steps); the steps taken.
    pub fn run_until(&mut self, t: SimDuration, budget: u64) -> u64 {
        let start = self.steps;
        while self.steps - start < budget && self.next_time().is_some_and(|n| n <= t) {
            if !self.step() {
                break;
            }
        }
        self.steps - start
    }

    /// The combined trace hash, as the runner computes it.
    pub fn trace_hash(&self) -> u64 {
        combined_hash(self.lanes.iter().map(|l| l.lane.as_ref()))
    }

    /// The lane of `kind`, if the script has it.
    pub fn lane(&self, kind: LaneKind) -> Option<&LaneCursor> {
        self.lanes.iter().find(|l| l.lane.kind() == kind)
    }
}

/// One hash over every lane's trace hash, in lane order.
pub fn combined_hash<'a>(lanes: impl Iterator<Item = &'a dyn Lane>) -> u64 {
    let mut h = StableHasher::new();
    for l in lanes {
        h.write(l.kind().word().as_bytes());
        h.write_u64(l.trace_hash());
    }
    h.finish()
}
