//! The lab's small UI state (the run itself lives in a `RefCell` next to it): playback,
//! speed, selection, filters, notices and the live-region lines; [`UiState::apply`] is
//! the UI part of the lab's reducer ([`super::run::LabState`]).
//!
//! Every action returns a new `Rc` (Yew 0.23 skips a render when the reducer hands back
//! the same one), and `Frame` / `Mutated` bump counters so the page re-reads the run.

use super::session::{LabError, LabReplayError};
use super::view::SPEED_EXP_DEFAULT;
use std::collections::VecDeque;
use std::rc::Rc;
use yew::prelude::*;

/// Live-region lines kept.
pub const LIVE_LINES_MAX: usize = 3;

/// What is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Selection {
    /// Nothing.
    #[default]
    None,
    /// A server, by `myid`.
    Server(u64),
    /// A client, by kernel id.
    Client(u32),
    /// An in-flight message, by kernel id.
    Message(u64),
}

/// Where an error came from (decides the heading and whether both languages show).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A shared link.
    Link,
    /// An imported file.
    File,
    /// A button or console command.
    Action,
}

/// A message box above the lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Something went wrong.
    Error(Origin, LabError),
    /// The link was copied.
    Copied,
    /// Copying failed.
    CopyFailed,
    /// A link was reproduced.
    Loaded {
        /// Events at the position.
        step: u64,
        /// Trace hash.
        hash: String,
    },
    /// A file was imported.
    Imported {
        /// Trace hash.
        hash: String,
    },
    /// Acting in the past forked the run.
    Forked,
    /// A new run started.
    NewRun {
        /// Its seed.
        seed: u64,
    },
    /// A scenario's prelude has run; the run waits for the learner.
    ScenarioReady(&'static str),
    /// The link asked for a scenario that does not exist (free play instead).
    UnknownScenario(String),
    /// The run stopped before a logged command it could not re-apply; playback is paused
    /// there and the rest of the log is kept.
    ReplayStopped(Box<LabReplayError>),
    /// A write was sent.
    WriteSent {
        /// The client's name.
        client: String,
    },
}

/// The UI state.
#[derive(Clone, Debug, PartialEq)]
pub struct UiState {
    /// Playback running.
    pub playing: bool,
    /// Speed slider value (log10 of simulated seconds per real second).
    pub speed_exp: f64,
    /// Jump over quiet stretches.
    pub skip_idle: bool,
    /// The selection.
    pub selected: Selection,
    /// Bumped on every animation frame.
    pub frame: u64,
    /// Bumped whenever the run changes other than by playing (commands, seeks, resets).
    pub revision: u64,
    /// The message box.
    pub notice: Option<Notice>,
    /// Newest live-region sentences.
    pub live: VecDeque<String>,
    /// Log filter: category (None = all).
    pub log_category: Option<&'static str>,
    /// Log filter: kernel node (None = all).
    pub log_node: Option<u32>,
    /// The clock is jumping over a quiet stretch.
    pub idle: bool,
    /// The client whose zkCli console the data panel shows (kernel id).
    pub console_client: Option<u32>,
}

impl Default for UiState {
    fn default() -> Self {
        UiState {
            playing: false,
            speed_exp: SPEED_EXP_DEFAULT,
            skip_idle: true,
            selected: Selection::None,
            frame: 0,
            revision: 0,
            notice: None,
            live: VecDeque::new(),
            log_category: None,
            log_node: None,
            idle: false,
            console_client: None,
        }
    }
}

/// What can happen to the UI state.
#[derive(Clone, Debug, PartialEq)]
pub enum UiAction {
    /// An animation frame advanced the run.
    Frame {
        /// The clock is in an idle jump.
        idle: bool,
    },
    /// The run changed (command, seek, reset).
    Mutated,
    /// Start or stop playback.
    SetPlaying(bool),
    /// Flip playback.
    TogglePlay,
    /// Set the speed.
    SetSpeed(f64),
    /// Set idle skipping.
    SetSkipIdle(bool),
    /// Select something.
    Select(Selection),
    /// Show (or clear) a notice.
    Notice(Option<Notice>),
    /// Announce sentences in the live region.
    Live(Vec<String>),
    /// Filter the log by category.
    LogCategory(Option<&'static str>),
    /// Filter the log by node.
    LogNode(Option<u32>),
    /// Show this client's console.
    ConsoleClient(u32),
}

impl UiState {
    /// Apply `action` in place (the lab's reducer, [`super::run::LabState`], calls this
    /// for the UI part of every event).
    pub fn apply(&mut self, action: UiAction) {
        let s = self;
        match action {
            UiAction::Frame { idle } => {
                s.frame = s.frame.wrapping_add(1);
                s.idle = idle;
            }
            UiAction::Mutated => {
                s.frame = s.frame.wrapping_add(1);
                s.revision = s.revision.wrapping_add(1);
                s.idle = false;
            }
            UiAction::SetPlaying(p) => {
                s.playing = p;
                s.idle = false;
            }
            UiAction::TogglePlay => {
                s.playing = !s.playing;
                s.idle = false;
            }
            UiAction::SetSpeed(x) => {
                if x.is_finite() {
                    s.speed_exp = x.clamp(super::view::SPEED_EXP_MIN, super::view::SPEED_EXP_MAX);
                }
            }
            UiAction::SetSkipIdle(b) => s.skip_idle = b,
            UiAction::Select(sel) => {
                if let Selection::Client(c) = sel {
                    s.console_client = Some(c);
                }
                s.selected = sel;
            }
            UiAction::ConsoleClient(c) => s.console_client = Some(c),
            UiAction::Notice(n) => s.notice = n,
            UiAction::Live(lines) => {
                for line in lines {
                    if s.live.len() >= LIVE_LINES_MAX {
                        s.live.pop_front();
                    }
                    s.live.push_back(line);
                }
            }
            UiAction::LogCategory(c) => s.log_category = c,
            UiAction::LogNode(n) => s.log_node = n,
        }
    }
}

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(action);
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_gives_a_new_state() {
        let s = Rc::new(UiState::default());
        let s2 = s.clone().reduce(UiAction::Frame { idle: false });
        assert!(!Rc::ptr_eq(&s, &s2));
        assert_eq!(s2.frame, 1);
        let s3 = s2.reduce(UiAction::Mutated);
        assert_eq!((s3.frame, s3.revision), (2, 1));
        let s4 = s3.reduce(UiAction::SetSpeed(f64::NAN));
        assert_eq!(s4.speed_exp, SPEED_EXP_DEFAULT);
        let s5 = s4.reduce(UiAction::SetSpeed(99.0));
        assert_eq!(s5.speed_exp, super::super::view::SPEED_EXP_MAX);
        let mut s6 = s5;
        for i in 0..10 {
            s6 = s6.reduce(UiAction::Live(vec![format!("line {i}")]));
        }
        assert_eq!(s6.live.len(), LIVE_LINES_MAX);
        assert_eq!(s6.live.back().map(String::as_str), Some("line 9"));
    }
}
