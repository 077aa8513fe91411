//! Time travel: rewind a run to any earlier event, and fork it when the learner acts in
//! the past.
//!
//! Because a run is a pure function of (config, seed, command log), the past never has to
//! be stored event by event: the timeline keeps a checkpoint (a clone of the world, minus
//! its trace ring) every `interval` events and re-simulates from the nearest one. A
//! rewound timeline still remembers the commands that came later (`future`) and
//! re-applies them while playing forward, so rewinding and playing again gives the same
//! run. A new command while rewound discards that future: the run forks (as RaftScope
//! does). A logged command that cannot be re-applied (a crafted key, a log from an older
//! build) is never dropped: the timeline stops right before it, keeps it and every later
//! one in the future, and reports which command failed and why ([`ReplayError`]).
//! Checkpoints are bounded: when there are too many, every other one is dropped,
//! so memory stays fixed and the re-simulation distance grows only logarithmically.

use crate::command::{CommandError, CommandOf, Logged};
use crate::process::Protocol;
use crate::repro::{KeyError, ReproKey};
use crate::time::SimTime;
use crate::world::{Position, RunOutcome, World};
use std::fmt;

/// Events between checkpoints, at the start.
pub const CHECKPOINT_INTERVAL_DEFAULT: u64 = 2_000;
/// Most checkpoints kept.
pub const CHECKPOINTS_MAX: usize = 48;

/// A logged command that could not be re-applied while the timeline replayed or stepped
/// forward. The run stops right before it; it and every later command stay in the future.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplayError<C> {
    /// Its place in the run's whole command log (0 is the first command).
    pub index: usize,
    /// The step it was logged at.
    pub at_step: u64,
    /// The command itself.
    pub command: C,
    /// Why it could not be re-applied.
    pub reason: ReplayRefusal,
}

/// Why a logged command could not be re-applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplayRefusal {
    /// The world refused the command.
    Command(CommandError),
    /// The command's logged time cannot be reached: it lies before the clock, or past an
    /// event that is due first.
    Clock {
        /// The time logged with the command.
        at: SimTime,
        /// The clock when it was due.
        now: SimTime,
    },
}

impl<C: fmt::Display> fmt::Display for ReplayError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "command {} ({}, logged at step {}) cannot be re-applied: ",
            self.index + 1,
            self.command,
            self.at_step
        )?;
        match &self.reason {
            ReplayRefusal::Command(e) => write!(f, "{e}"),
            ReplayRefusal::Clock { at, now } => {
                write!(f, "its time {at} cannot be reached from {now}")
            }
        }
    }
}

impl<C: fmt::Debug + fmt::Display> std::error::Error for ReplayError<C> {}

/// A world plus the means to move it back and forth in its own history.
#[derive(Clone, Debug)]
pub struct Timeline<P: Protocol> {
    world: World<P>,
    initial_net: crate::net::NetConfig,
    checkpoints: Vec<World<P>>,
    interval: u64,
    future: Vec<Logged<CommandOf<P>>>,
    furthest_step: u64,
    /// The first future command that could not be re-applied (the run waits before it).
    blocked: Option<ReplayError<CommandOf<P>>>,
}

impl<P: Protocol> Timeline<P> {
    /// Wrap a fresh world (at step 0).
    pub fn new(world: World<P>) -> Self {
        let initial_net = world.net_config().clone();
        let mut t = Timeline {
            world,
            initial_net,
            checkpoints: Vec::new(),
            interval: CHECKPOINT_INTERVAL_DEFAULT,
            future: Vec::new(),
            furthest_step: 0,
            blocked: None,
        };
        let first = t.snapshot();
        t.checkpoints.push(first);
        t
    }

    /// Build the timeline of a reproduction key: replayed to the key's position (or just
    /// after its last command), with the rest of the log kept as the future. A command
    /// that cannot be re-applied on the way is an error: a link is refused, not half-shown.
    pub fn from_key(key: &ReproKey<P>) -> Result<Self, KeyError> {
        let mut t = Timeline::replay_key(key, |_| {})?;
        match t.blocked.take() {
            Some(e) => Err(KeyError::Replay(e.to_string())),
            None => Ok(t),
        }
    }

    /// Replay `key` like [`Timeline::from_key`] on the key's fresh world, which
    /// `prepare` sees first (to install invariants), but a logged command that cannot be
    /// re-applied is not an error here: the run stops right before it, keeps it and the
    /// rest of the log as the future and reports it as [`Timeline::replay_error`] (for a
    /// UI that shows the learner the run up to there).
    pub fn replay_key(
        key: &ReproKey<P>,
        prepare: impl FnOnce(&mut World<P>),
    ) -> Result<Self, KeyError> {
        let mut start = World::new(key.config.clone(), key.net.clone(), key.seed);
        prepare(&mut start);
        let mut t = Timeline::new(start);
        t.future = key.log.clone();
        match key.position {
            Some(p) => t.seek_position(p)?,
            None => {
                t.seek(key.log.last().map_or(0, |l| l.at_step))?;
                t.apply_due_future();
            }
        }
        Ok(t)
    }

    /// The world at the current position.
    pub fn world(&self) -> &World<P> {
        &self.world
    }

    /// Mutable access for installing invariants etc. before the run starts.
    pub fn world_mut(&mut self) -> &mut World<P> {
        &mut self.world
    }

    /// The furthest step this timeline has reached (the slider's right end).
    pub fn furthest_step(&self) -> u64 {
        self.furthest_step.max(self.world.steps())
    }

    /// Commands that lie ahead of the current (rewound) position.
    pub fn future(&self) -> &[Logged<CommandOf<P>>] {
        &self.future
    }

    /// The logged command the run is stopped before, if one could not be re-applied.
    /// Stepping forward does nothing until the learner rewinds or acts (which forks).
    pub fn replay_error(&self) -> Option<&ReplayError<CommandOf<P>>> {
        self.blocked.as_ref()
    }

    /// The key of the whole known run (past and future), pointing at the current position.
    pub fn key(&self) -> ReproKey<P> {
        let mut key = ReproKey::of(&self.world, &self.initial_net, Some(self.world.position()));
        key.log.extend(self.future.iter().cloned());
        key
    }

    fn snapshot(&mut self) -> World<P> {
        self.world.clone_without_trace_ring()
    }

    fn maybe_checkpoint(&mut self) {
        let last = self.checkpoints.last().map_or(0, |c| c.steps());
        if self.world.steps() >= last + self.interval {
            let cp = self.snapshot();
            self.checkpoints.push(cp);
            if self.checkpoints.len() > CHECKPOINTS_MAX {
                // Keep the first and every other one after it; double the spacing.
                let mut i = 0;
                self.checkpoints.retain(|_| {
                    i += 1;
                    i % 2 == 1
                });
                self.interval *= 2;
            }
        }
        self.furthest_step = self.furthest_step.max(self.world.steps());
    }

    /// Apply logged future commands that are due at the current step. A command that
    /// cannot be re-applied stays at the head of the future and is recorded as the
    /// timeline's [`ReplayError`]; false then (and for as long as it stays blocked).
    fn apply_due_future(&mut self) -> bool {
        if self.blocked.is_some() {
            return false;
        }
        while let Some(next) = self.future.first() {
            if next.at_step != self.world.steps() {
                break;
            }
            let now = self.world.now();
            let refused = match self.world.advance_clock_to(next.at_time) {
                Err(_) => Some(ReplayRefusal::Clock {
                    at: next.at_time,
                    now,
                }),
                Ok(()) => self
                    .world
                    .apply(next.command.clone())
                    .err()
                    .map(ReplayRefusal::Command),
            };
            if let Some(reason) = refused {
                self.blocked = Some(ReplayError {
                    index: self.world.command_log().len(),
                    at_step: next.at_step,
                    command: next.command.clone(),
                    reason,
                });
                return false;
            }
            self.future.remove(0);
        }
        true
    }

    /// Process exactly one event (re-applying any logged future command due first).
    /// False when nothing is left to do, or when a logged command due now cannot be
    /// re-applied (see [`Timeline::replay_error`]).
    pub fn step(&mut self) -> bool {
        if !self.apply_due_future() {
            return false;
        }
        let progressed = self.world.step();
        self.maybe_checkpoint();
        progressed
    }

    /// Step until some node's visible state changes (or `max_events` pass, or the run
    /// ends); returns the number of events processed. This is the lab's "Next" button.
    pub fn next_state_change(&mut self, max_events: u64) -> u64 {
        let mut done = 0;
        while done < max_events {
            let before = self.world.trace().total();
            if !self.step() {
                break;
            }
            done += 1;
            let changed = self
                .world
                .trace()
                .tail((self.world.trace().total() - before) as usize)
                .any(|e| matches!(e.kind, crate::trace::TraceKind::Status { .. }));
            if changed {
                break;
            }
        }
        done
    }

    /// Run until simulated time `until`, at most `max_events` events.
    pub fn run_until(&mut self, until: SimTime, max_events: u64) -> RunOutcome {
        let mut steps = 0;
        loop {
            if !self.future.is_empty() {
                // Step one by one so logged commands land at their exact steps.
                if self.blocked.is_some() {
                    return RunOutcome {
                        steps,
                        hit_limit: false,
                    };
                }
                match self.world.next_event_time() {
                    Some(t) if t <= until && steps < max_events => {
                        if self.step() {
                            steps += 1;
                        }
                        continue;
                    }
                    _ => {}
                }
                let due_now = self
                    .future
                    .first()
                    .is_some_and(|f| f.at_step == self.world.steps() && f.at_time <= until);
                if due_now && steps < max_events {
                    self.apply_due_future();
                    continue;
                }
                return self.world.run_until(until, 0).with_steps(steps, max_events);
            }
            let chunk = (max_events - steps).min(self.interval);
            let out = self.world.run_until(until, chunk);
            steps += out.steps;
            self.maybe_checkpoint();
            if !out.hit_limit || steps >= max_events {
                return RunOutcome {
                    steps,
                    hit_limit: out.hit_limit,
                };
            }
        }
    }

    /// Move to the state right after event `target` (clamped to what can be reached: a
    /// logged command that cannot be re-applied stops it there, see
    /// [`Timeline::replay_error`]).
    pub fn seek(&mut self, target: u64) -> Result<(), KeyError> {
        if target < self.world.steps() || !self.future.is_empty() {
            self.rewind_to_checkpoint(target);
        }
        while self.world.steps() < target {
            if !self.apply_due_future() || !self.world.step() {
                break;
            }
            self.maybe_checkpoint();
        }
        Ok(())
    }

    /// Move to an exact position: after `step` events with the clock at `time` (or as far
    /// as a logged command that cannot be re-applied lets it, see
    /// [`Timeline::replay_error`]).
    pub fn seek_position(&mut self, position: Position) -> Result<(), KeyError> {
        self.seek(position.step)?;
        if self.blocked.is_some() {
            return Ok(());
        }
        if self.world.steps() != position.step {
            return Err(KeyError::Replay(format!(
                "the run ends at step {} before step {}",
                self.world.steps(),
                position.step
            )));
        }
        if self
            .future
            .first()
            .is_some_and(|f| f.at_step == position.step && f.at_time <= position.time)
            && !self.apply_due_future()
        {
            return Ok(());
        }
        self.world
            .advance_clock_to(position.time)
            .map_err(KeyError::Replay)
    }

    fn rewind_to_checkpoint(&mut self, target: u64) {
        let idx = self
            .checkpoints
            .iter()
            .rposition(|c| c.steps() <= target)
            .unwrap_or(0);
        let mut restored = self.checkpoints[idx].clone();
        // Commands after the checkpoint become the future again.
        let mut full_log: Vec<Logged<CommandOf<P>>> = self.world.command_log().to_vec();
        full_log.append(&mut self.future);
        let kept = restored.command_log().len();
        self.future = full_log.split_off(kept.min(full_log.len()));
        restored.adopt_trace_prefix(self.world.trace());
        self.blocked = None;
        self.furthest_step = self.furthest_step.max(self.world.steps());
        self.world = restored;
    }

    /// Apply a command at the current position. If the timeline was rewound, the old
    /// future is discarded first (the run forks here).
    ///
    /// Logged commands due at this very step but not yet re-applied are part of the
    /// discarded future too: the learner acts on the state they see.
    pub fn apply(&mut self, command: CommandOf<P>) -> Result<(), CommandError> {
        if !self.future.is_empty() || self.world.steps() < self.furthest_step {
            self.future.clear();
            self.blocked = None;
            let here = self.world.steps();
            self.checkpoints.retain(|c| c.steps() <= here);
            self.furthest_step = here;
        }
        self.world.apply(command)
    }
}

impl RunOutcome {
    fn with_steps(self, steps: u64, max: u64) -> RunOutcome {
        RunOutcome {
            steps: steps + self.steps,
            hit_limit: self.hit_limit || steps >= max,
        }
    }
}
