//! Exercises: the learner types commands into a fresh world, then the exercise's
//! `expect` lines judge the result (`docs/lessons-format.md` §6).
//!
//! The lesson page and the checker call the same [`attempt`]: the page with what the
//! learner typed, the checker with the `solution` lines (which must pass) and with nothing
//! (which must not).

use crate::live::LiveLab;
use crate::piece::{Console, Exercise, Expect};
use crate::{LessonError, Line};
use zooscope_core::scenario::curator_console::scenario_line;

/// Most lines a learner may type into one attempt.
pub const ATTEMPT_LINES_MAX: usize = 200;

/// What one attempt gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// The learner's transcript: each line echoed as `> LINE`, then its output.
    pub transcript: Vec<String>,
    /// For each `expect`, in order: whether it passed.
    pub passed: Vec<bool>,
}

impl Attempt {
    /// Every expect passed.
    pub fn ok(&self) -> bool {
        self.passed.iter().all(|&p| p)
    }
}

fn as_line(console: Console, line: usize, command: &str) -> Result<Line, LessonError> {
    match console {
        Console::Zkcli => Ok(Line {
            line,
            text: format!("c1> {}", command.trim()),
        }),
        Console::Curator => Ok(Line {
            line,
            text: scenario_line("c1", command),
        }),
    }
}

/// Where an exercise's lines run: the checker's [`LiveLab`] or the lesson page's lab run.
pub trait ExerciseConsole {
    /// Run one console line (a zkCli command, or a Curator line on a Curator console);
    /// its output lines, or why it was refused.
    fn run(&mut self, line: usize, command: &str) -> Result<Vec<String>, String>;
}

/// The console of the native [`LiveLab`]: `c1`'s zkCli, or its Curator.
struct LiveConsole<'a> {
    live: &'a mut LiveLab,
    console: Console,
}

impl ExerciseConsole for LiveConsole<'_> {
    fn run(&mut self, line: usize, command: &str) -> Result<Vec<String>, String> {
        let l = as_line(self.console, line, command).map_err(|e| e.message)?;
        self.live.play_line(&l).map_err(|e| e.message)
    }
}

/// The exercise's fresh world with its `setup` lines played: where the learner starts.
pub fn prepared(ex: &Exercise) -> Result<LiveLab, LessonError> {
    let mut live = LiveLab::fresh(ex.servers, 1)?;
    for l in &ex.setup {
        live.play_line(&as_line(ex.console, l.line, &l.text)?)?;
    }
    Ok(live)
}

/// Run the learner's `typed` lines on `console`, then judge them by `ex`'s expects. A line
/// the simulation refuses is shown in the transcript and the attempt goes on.
pub fn judge(ex: &Exercise, console: &mut dyn ExerciseConsole, typed: &[Line]) -> Attempt {
    let mut transcript = Vec::new();
    for l in typed
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take(ATTEMPT_LINES_MAX)
    {
        transcript.push(format!("> {}", l.text.trim()));
        match console.run(l.line, l.text.trim()) {
            Ok(out) => transcript.extend(out),
            Err(e) => transcript.push(e),
        }
    }
    let passed = ex
        .expects
        .iter()
        .map(|(line, x)| match x {
            Expect::Command { command, text } => console
                .run(*line, command)
                .is_ok_and(|out| out.iter().any(|o| o.contains(text.as_str()))),
            Expect::Output(text) => transcript.iter().any(|o| o.contains(text.as_str())),
        })
        .collect();
    Attempt { transcript, passed }
}

/// Prepare `ex`'s world natively and judge `typed` on it.
pub fn attempt(ex: &Exercise, typed: &[Line]) -> Result<Attempt, LessonError> {
    let mut live = prepared(ex)?;
    Ok(judge(
        ex,
        &mut LiveConsole {
            live: &mut live,
            console: ex.console,
        },
        typed,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(text: &str) -> Line {
        Line {
            line: 1,
            text: text.into(),
        }
    }

    #[test]
    fn the_solution_passes_and_nothing_fails() {
        let ex = Exercise {
            console: Console::Zkcli,
            servers: 1,
            task: String::new(),
            hint: None,
            setup: vec![l("create /t")],
            solution: vec![l("create /t/a x")],
            expects: vec![(
                9,
                Expect::Command {
                    command: "ls /t".into(),
                    text: "[a]".into(),
                },
            )],
        };
        assert!(attempt(&ex, &ex.solution).unwrap().ok());
        assert!(!attempt(&ex, &[]).unwrap().ok());
        let wrong = attempt(&ex, &[l("create /t/b")]).unwrap();
        assert!(!wrong.ok());
        assert!(wrong.transcript[1].contains("Created /t/b"));
    }
}
