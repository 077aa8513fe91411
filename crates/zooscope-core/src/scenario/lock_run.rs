//! The lock lab's timeline: a starting script plus the learner's lines, replayable.
//!
//! The Curator clients of a run live beside its world (in the scenario [`Runner`]), not
//! in it, so the kernel's [`crate::timeline::Timeline`], which rebuilds worlds from
//! checkpoints, cannot rewind them. A lock run is instead what a scenario is — lines of
//! the scenario language on a seed — and moving back replays the lines up to the new
//! position from the start: every run is deterministic, so the replay is the run. The
//! log is what a share link and an exported `.scn` file carry; `zooscope run` replays the
//! export exactly.

use super::{parse, Runner, ScenarioError};

/// Most learner lines a run keeps.
pub const LOG_MAX: usize = 400;
/// Most transcript lines kept (older ones are dropped first).
pub const TRANSCRIPT_MAX: usize = 3_000;

/// A lock lab run.
pub struct LockRun {
    seed: u64,
    base: Vec<String>,
    log: Vec<String>,
    at: usize,
    runner: Runner,
    transcript: Vec<String>,
    /// The output of the last line played.
    pub last: Vec<String>,
}

impl LockRun {
    /// Run `base` (the preset's or lesson's script) on `seed`.
    pub fn new(base: &str, seed: u64) -> Result<Self, ScenarioError> {
        parse(base)?;
        let mut run = LockRun {
            seed,
            base: base.lines().map(str::to_string).collect(),
            log: Vec::new(),
            at: 0,
            runner: Runner::new(seed),
            transcript: Vec::new(),
            last: Vec::new(),
        };
        run.replay()?;
        Ok(run)
    }

    fn play(&mut self, text: &str) -> Result<Vec<String>, ScenarioError> {
        let script = parse(text)?;
        let mut out = Vec::new();
        for (line, text, step) in &script.steps {
            self.transcript.push(format!("> {text}"));
            let lines = self.runner.run_step(*line, step)?;
            self.transcript.extend(lines.iter().cloned());
            out.extend(lines);
        }
        if self.transcript.len() > TRANSCRIPT_MAX {
            let cut = self.transcript.len() - TRANSCRIPT_MAX;
            self.transcript.drain(..cut);
        }
        Ok(out)
    }

    fn replay(&mut self) -> Result<(), ScenarioError> {
        self.runner = Runner::new(self.seed);
        self.transcript.clear();
        self.last.clear();
        let base = self.base.join("\n");
        self.play(&base)?;
        for i in 0..self.at {
            let line = self.log[i].clone();
            self.last = self.play(&line)?;
        }
        Ok(())
    }

    /// Play `line` at the current position; the lines after it (a rewound future) are
    /// dropped. A refused line changes nothing.
    pub fn push(&mut self, line: &str) -> Result<Vec<String>, ScenarioError> {
        parse(line)?;
        if self.at >= LOG_MAX {
            return Err(ScenarioError {
                line: self.at + 1,
                message: format!("a lock run keeps at most {LOG_MAX} lines"),
            });
        }
        let saved = self.log.len();
        let keep = self.log.split_off(self.at);
        match self.play(line) {
            Ok(out) => {
                self.log.push(line.to_string());
                self.at += 1;
                self.last = out.clone();
                Ok(out)
            }
            Err(e) => {
                // The runner may be half-way through the line: rebuild it.
                self.log.extend(keep);
                debug_assert_eq!(self.log.len(), saved);
                let _ = self.replay();
                Err(e)
            }
        }
    }

    /// Move to position `at` (0: the preset's end; at most the log's length).
    pub fn seek(&mut self, at: usize) -> Result<(), ScenarioError> {
        let at = at.min(self.log.len());
        if at == self.at {
            return Ok(());
        }
        if at > self.at {
            for i in self.at..at {
                let line = self.log[i].clone();
                self.last = self.play(&line)?;
                self.at = i + 1;
            }
            return Ok(());
        }
        self.at = at;
        self.replay()
    }

    /// Replace the log (a share link's) and go to `at`.
    pub fn load(&mut self, log: Vec<String>, at: usize) -> Result<(), ScenarioError> {
        for l in &log {
            parse(l)?;
        }
        self.log = log.into_iter().take(LOG_MAX).collect();
        self.at = 0;
        self.replay()?;
        self.seek(at)
    }

    /// The learner's lines.
    pub fn log(&self) -> &[String] {
        &self.log
    }

    /// How many of them have been played.
    pub fn at(&self) -> usize {
        self.at
    }

    /// The runner at the current position.
    pub fn runner(&self) -> &Runner {
        &self.runner
    }

    /// Everything printed so far.
    pub fn transcript(&self) -> &[String] {
        &self.transcript
    }

    /// The run as one scenario file: the starting script, then the played lines.
    pub fn export(&self) -> String {
        let mut text = self.base.join("\n");
        for l in &self.log[..self.at] {
            text.push('\n');
            text.push_str(l);
        }
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "ensemble 1\nstart 1\nclient a 1\nclient b 1\na lock /l\nb lock /l";

    fn holder(r: &LockRun) -> Option<String> {
        crate::scenario::lock_view::view(r.runner(), "/l")
            .clients
            .into_iter()
            .find(|c| c.holds.is_some())
            .map(|c| c.name)
    }

    #[test]
    fn rewinding_and_stepping_replay_the_same_run() {
        let mut r = LockRun::new(BASE, 1).unwrap();
        assert_eq!(holder(&r).as_deref(), Some("a"));
        r.push("a unlock /l").unwrap();
        assert_eq!(holder(&r).as_deref(), Some("b"));
        let after = r.transcript().to_vec();
        r.seek(0).unwrap();
        assert_eq!(holder(&r).as_deref(), Some("a"));
        r.seek(1).unwrap();
        assert_eq!(r.transcript(), &after[..]);
        // Acting in the past drops the future.
        r.seek(0).unwrap();
        r.push("wait 1s").unwrap();
        assert_eq!(r.log(), ["wait 1s"]);
        assert!(r.export().ends_with("b lock /l\nwait 1s\n"));
    }

    #[test]
    fn a_refused_line_changes_nothing() {
        let mut r = LockRun::new(BASE, 1).unwrap();
        let before = r.transcript().to_vec();
        assert!(r.push("z unlock /l").is_err());
        assert!(r.push("fly").is_err());
        assert_eq!(r.log().len(), 0);
        assert_eq!(r.transcript(), &before[..]);
    }
}
