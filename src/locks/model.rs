//! The lock lab's runs: one [`LockRun`] per side of the layout, moved together.
//!
//! A queue or fencing preset has one run. Herd versus queue has two, fed the same lines
//! on the same seed, the left one with its lock lines turned into the herd lock's
//! ([`as_herd`]). The 12306 preset has two too: its demo without and with the lock.
//! Every learner action is a scenario line pushed to every run, so rewinding, stepping,
//! share links and export are the runs' own ([`LockRun::seek`], [`LockRun::export`]).

use zooscope_core::experiment::lock_wakeups::{self, Cell, Recipe};
use zooscope_core::scenario::lock_presets::{as_herd, preset, tickets_script, Layout, LockPreset};
use zooscope_core::scenario::lock_run::LockRun;

/// The seed every preset runs on (a share link carries no other).
pub const SEED: u64 = 1;
/// The chart's largest n.
pub const CHART_MAX: usize = 8;

/// One side of the layout.
pub struct Side {
    /// The run.
    pub run: LockRun,
    /// Its lock lines are the herd lock's.
    pub herd: bool,
}

/// All runs of the lab.
pub struct Model {
    /// The preset.
    pub preset: &'static LockPreset,
    /// The lock path drawn.
    pub path: String,
    /// The sides.
    pub sides: Vec<Side>,
    /// The last refusal (the core's message).
    pub error: Option<String>,
    /// Wake-ups per n: (n, herd, queue), once measured.
    pub chart: Option<Vec<(usize, u64, u64)>>,
}

impl Model {
    /// Open `name` (or a lesson's `script` in the queue layout) with the learner's `log`
    /// played up to `at`.
    pub fn open(
        name: &str,
        script: Option<&str>,
        path: Option<&str>,
        sellers: usize,
        log: &[String],
        at: Option<usize>,
    ) -> Self {
        let preset = preset(name).unwrap_or(&zooscope_core::scenario::lock_presets::PRESETS[0]);
        let mut error = None;
        let mut make = |text: &str, herd: bool| match LockRun::new(text, SEED) {
            Ok(run) => Some(Side { run, herd }),
            Err(e) => {
                error = Some(e.to_string());
                None
            }
        };
        let sides: Vec<Side> = match (script, preset.layout) {
            (Some(s), _) => make(s, false).into_iter().collect(),
            (None, Layout::HerdVsQueue) => {
                let herd: Vec<String> = preset.script.lines().map(as_herd).collect();
                [make(&herd.join("\n"), true), make(preset.script, false)]
                    .into_iter()
                    .flatten()
                    .collect()
            }
            (None, Layout::Tickets) => [
                make(&tickets_script(sellers, false), false),
                make(&tickets_script(sellers, true), false),
            ]
            .into_iter()
            .flatten()
            .collect(),
            (None, _) => make(preset.script, false).into_iter().collect(),
        };
        let mut m = Model {
            preset,
            path: path.unwrap_or(preset.path).to_string(),
            sides,
            error,
            chart: None,
        };
        if !log.is_empty() {
            for s in &mut m.sides {
                let lines: Vec<String> = log
                    .iter()
                    .map(|l| if s.herd { as_herd(l) } else { l.clone() })
                    .collect();
                if let Err(e) = s.run.load(lines, at.unwrap_or(log.len())) {
                    m.error = Some(e.to_string());
                }
            }
        }
        m
    }

    /// The layout drawn.
    pub fn layout(&self) -> Layout {
        self.preset.layout
    }

    /// Play a learner's line on every side (the herd side gets the herd lock's words).
    pub fn act(&mut self, line: &str) {
        self.error = None;
        for s in &mut self.sides {
            let l = if s.herd {
                as_herd(line)
            } else {
                line.to_string()
            };
            if let Err(e) = s.run.push(&l) {
                self.error = Some(e.to_string());
                return;
            }
        }
    }

    /// Move every side to `at`.
    pub fn seek(&mut self, at: usize) {
        self.error = None;
        for s in &mut self.sides {
            if let Err(e) = s.run.seek(at) {
                self.error = Some(e.to_string());
            }
        }
    }

    /// The main side (the recipe's).
    pub fn main(&self) -> Option<&LockRun> {
        self.sides.last().map(|s| &s.run)
    }

    /// (played, logged) learner lines.
    pub fn position(&self) -> (usize, usize) {
        self.main().map_or((0, 0), |r| (r.at(), r.log().len()))
    }

    /// The learner's lines as a share link carries them (the recipe side's words).
    pub fn log_text(&self) -> String {
        self.main().map(|r| r.log().join("\n")).unwrap_or_default()
    }

    /// Measure the herd-versus-queue chart (n = 2..=[`CHART_MAX`]): the notifications of
    /// each recipe, by the `lock-wakeups` experiment's own run (every client takes the
    /// lock once after all have queued).
    pub fn measure_chart(&mut self) {
        let mut points = Vec::new();
        for n in 2..=CHART_MAX {
            let notified = |recipe| {
                let cell = Cell {
                    clients: n as u32,
                    recipe,
                };
                lock_wakeups::run(&cell, SEED).map(|row| row.total.notifications)
            };
            match (notified(Recipe::Herd), notified(Recipe::Queue)) {
                (Ok(h), Ok(q)) => points.push((n, h, q)),
                (Err(e), _) | (_, Err(e)) => {
                    self.error = Some(e);
                    return;
                }
            }
        }
        self.chart = Some(points);
    }
}
