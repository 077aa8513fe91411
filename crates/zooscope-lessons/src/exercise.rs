//! Exercises: the learner types commands into a fresh world, then the exercise's
//! `expect` lines judge the result (`docs/lessons-format.md` §6).
//!
//! The lesson page and the checker call the same [`attempt`]: the page with what the
//! learner typed, the checker with the `solution` lines (which must pass) and with nothing
//! (which must not).

use crate::live::LiveLab;
use crate::piece::{Console, Exercise, Expect};
use crate::{LessonError, Line};

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
        Console::Curator => Err(LessonError::at(
            line,
            "the Curator console is not simulated yet",
        )),
    }
}

/// Run `ex`'s setup, then the learner's `typed` lines, then its expects. A line the
/// simulation refuses is shown in the transcript and the attempt goes on.
pub fn attempt(ex: &Exercise, typed: &[Line]) -> Result<Attempt, LessonError> {
    let mut live = LiveLab::fresh(ex.servers, 1)?;
    for l in &ex.setup {
        live.play_line(&as_line(ex.console, l.line, &l.text)?)?;
    }
    let mut transcript = Vec::new();
    for l in typed
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take(ATTEMPT_LINES_MAX)
    {
        transcript.push(format!("> {}", l.text.trim()));
        match live.play_line(&as_line(ex.console, l.line, &l.text)?) {
            Ok(out) => transcript.extend(out),
            Err(e) => transcript.push(e.message),
        }
    }
    let mut passed = Vec::new();
    for (line, x) in &ex.expects {
        passed.push(match x {
            Expect::Command { command, text } => live
                .play_line(&as_line(ex.console, *line, command)?)?
                .iter()
                .any(|o| o.contains(text.as_str())),
            Expect::Output(text) => transcript.iter().any(|o| o.contains(text.as_str())),
        });
    }
    Ok(Attempt { transcript, passed })
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
