//! The comparison lab's run: a script and a seed, the core's [`Stepper`] at a step, and
//! what the page's controls do to it. Rewinding replays from step 0 (a run is a pure
//! function of script, seed and step, so step `k` is always the same state); the whole
//! run is played once when the script changes, for the timeline's length and the
//! conditions that never held.

use zooscope_core::compare::script::{self, LaneKind, Script, ScriptError};
use zooscope_core::compare::stepper::Stepper;
use zooscope_core::compare::verdict::NodeOutcome;
use zooscope_core::time::SimDuration;

/// Steps one animation frame may take.
pub const STEPS_PER_FRAME_MAX: u64 = 400;
/// Steps "Next" may take looking for a change.
pub const NEXT_STEPS_MAX: u64 = 20_000;

/// A conditional line that never held: (line, text, lanes).
pub type Never = (usize, String, Vec<LaneKind>);

/// A script that parsed, at a step.
pub struct Playing {
    /// The live lanes.
    pub stepper: Stepper,
    /// Steps of the whole run.
    pub total: u64,
    /// Conditional lines that never held in the whole run.
    pub never: Vec<Never>,
    /// The shown moment (lane time), between the last step's time and the next one's.
    pub shown: SimDuration,
}

/// The run the page shows.
pub struct CompareRun {
    /// The script's text.
    pub text: String,
    /// The seed.
    pub seed: u64,
    /// The run, or why the script cannot run.
    pub state: Result<Playing, ScriptError>,
}

fn parse_and_start(text: &str, seed: u64) -> Result<(Script, Stepper), ScriptError> {
    let script = script::parse(text)?;
    let stepper = Stepper::new(script.clone(), seed)?;
    Ok((script, stepper))
}

fn never_of(stepper: &Stepper) -> Vec<Never> {
    let mut never: Vec<Never> = Vec::new();
    for c in stepper.lanes() {
        for (line, text) in c.lane().unfired() {
            match never.iter_mut().find(|(n, _, _)| *n == line) {
                Some(e) => e.2.push(c.lane().kind()),
                None => never.push((line, text, vec![c.lane().kind()])),
            }
        }
    }
    never.sort_by_key(|(n, _, _)| *n);
    never
}

impl CompareRun {
    /// `text` with `seed`, at step `step` (clamped to the run's length).
    pub fn new(text: &str, seed: u64, step: u64) -> Self {
        let state = parse_and_start(text, seed).map(|(script, mut whole)| {
            whole.run_to(u64::MAX);
            let total = whole.steps();
            let never = never_of(&whole);
            let stepper = if step >= total {
                whole
            } else {
                let mut s = Stepper::new(script, seed).expect("it started once");
                s.run_to(step);
                s
            };
            Playing {
                shown: stepper.last_time(),
                stepper,
                total,
                never,
            }
        });
        CompareRun {
            text: text.to_string(),
            seed,
            state,
        }
    }

    /// The playing run, if the script parsed.
    pub fn playing(&self) -> Option<&Playing> {
        self.state.as_ref().ok()
    }

    /// Steps taken.
    pub fn steps(&self) -> u64 {
        self.playing().map_or(0, |p| p.stepper.steps())
    }

    /// Whether there is nothing left to play.
    pub fn finished(&self) -> bool {
        self.playing().is_none_or(|p| p.stepper.finished())
    }

    /// Go to step `k`: forward by stepping, back by replaying from the start.
    pub fn seek(&mut self, k: u64) {
        let Ok(p) = &mut self.state else { return };
        let k = k.min(p.total);
        if k < p.stepper.steps() {
            *self = CompareRun::new(&self.text, self.seed, k);
            return;
        }
        p.stepper.run_to(k);
        p.shown = p.stepper.last_time();
    }

    /// One step.
    pub fn step(&mut self) {
        let k = self.steps() + 1;
        self.seek(k);
    }

    /// Step until a node's outcome changes somewhere (at most [`NEXT_STEPS_MAX`]).
    pub fn next(&mut self) {
        let Ok(p) = &mut self.state else { return };
        let before = outcomes(&p.stepper);
        let mut n = 0;
        while n < NEXT_STEPS_MAX && p.stepper.step() {
            n += 1;
            if outcomes(&p.stepper) != before {
                break;
            }
        }
        p.shown = p.stepper.last_time();
    }

    /// An animation frame: let `dt_us` of lane time pass (bounded by
    /// [`STEPS_PER_FRAME_MAX`]); `skip_idle` jumps over quiet time to the next action.
    /// False when the run is over.
    pub fn frame(&mut self, dt_us: u64, skip_idle: bool) -> bool {
        let Ok(p) = &mut self.state else {
            return false;
        };
        let Some(next) = p.stepper.next_time() else {
            p.shown = p.stepper.last_time();
            return false;
        };
        let mut target = SimDuration(p.shown.0.saturating_add(dt_us.max(1)));
        if skip_idle && next > target && no_message_in_flight(&p.stepper) {
            target = next;
        }
        let taken = p.stepper.run_until(target, STEPS_PER_FRAME_MAX);
        p.shown = if taken == STEPS_PER_FRAME_MAX {
            p.stepper.last_time()
        } else {
            target.min(p.stepper.next_time().unwrap_or(target))
        };
        true
    }
}

fn outcomes(s: &Stepper) -> Vec<Vec<NodeOutcome>> {
    s.lanes().iter().map(|c| c.lane().outcomes()).collect()
}

fn no_message_in_flight(s: &Stepper) -> bool {
    s.lanes().iter().all(|c| c.lane().in_flight() == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_core::compare::presets::PRESETS;
    use zooscope_core::compare::run_text;

    #[test]
    fn a_run_at_its_end_is_the_cli_run_and_a_rewind_is_exact() {
        let preset = PRESETS.iter().find(|p| p.id == "3pc-partition").unwrap();
        let mut run = CompareRun::new(preset.script, 1, u64::MAX);
        let p = run.playing().unwrap();
        let report = run_text(preset.script, 1).unwrap();
        assert_eq!(p.stepper.trace_hash(), report.trace_hash);
        assert_eq!(run.steps(), p.total);
        let mid = p.total / 2;
        run.seek(mid);
        let hash_mid = run.playing().unwrap().stepper.trace_hash();
        run.seek(p_total(&run));
        run.seek(mid);
        assert_eq!(run.playing().unwrap().stepper.trace_hash(), hash_mid);
        let again = CompareRun::new(preset.script, 1, mid);
        assert_eq!(again.playing().unwrap().stepper.trace_hash(), hash_mid);
    }

    fn p_total(run: &CompareRun) -> u64 {
        run.playing().unwrap().total
    }

    #[test]
    fn a_bad_script_is_an_error_with_its_line() {
        let run = CompareRun::new("nodes 5\nfrobnicate 3\n", 1, 0);
        assert_eq!(run.state.as_ref().err().map(|e| e.line), Some(2));
    }
}
