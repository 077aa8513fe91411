//! A lab's live world: its script run on the core's scenario runner, then, in document
//! order, the `do` lines of its steps and the `run` lines of its quizzes
//! (`docs/lessons-format.md` §3).
//!
//! The checker and the lesson page drive the same [`LiveLab`], so the value a quiz reads in
//! the browser is the value `zooscope lessons check` read. Script errors and failed
//! `expect` lines are reported with the lesson file's line numbers.
//!
//! A `compare` lab runs its script on the core's comparison runner
//! ([`zooscope_core::compare::Runner`], what `zooscope compare` runs): its lines, then
//! the steps' and quizzes' lines, are one compare script played in order, and `verdict
//! of LANE` / `decided` read the lanes' verdicts.

use crate::piece::{Body, Lab, LabKind, Piece, Quiz, Step};
use crate::readable::{self, ReadError, Readable, Until};
use crate::{LessonError, Line};
use std::collections::BTreeMap;
use zooscope_core::compare::{self, script::Step as CompareStep};
use zooscope_core::net::NetConfig;
use zooscope_core::protocols::zookeeper::client::driver::run_until_cond;
use zooscope_core::protocols::zookeeper::node::ZkNode;
use zooscope_core::repro::ReproKey;
use zooscope_core::scenario::{self, Runner, WAIT_UNTIL_LIMIT};
use zooscope_core::world::World;

/// Most transcript lines kept (older ones are dropped first).
pub const TRANSCRIPT_MAX: usize = 2_000;

/// The lab kinds this build can run; the others are pending (see [`crate::check::PENDING`]).
pub fn runs(kind: LabKind) -> bool {
    !crate::check::PENDING_LABS.contains(&kind)
}

/// A running lab.
pub struct LiveLab {
    runner: Runner,
    compare: Option<CompareLive>,
    transcript: Vec<String>,
    expect_failures: usize,
}

/// A `compare` lab's lanes and the script lines played so far.
struct CompareLive {
    runner: compare::Runner,
    /// (lesson file line, text) of every line played, the lab's script first.
    lines: Vec<(usize, String)>,
    /// Commands of the script run so far.
    ran: usize,
}

impl CompareLive {
    /// Play `new` lines after those played: the whole text is parsed again (so a
    /// `lanes`/`nodes` line and bad lines are judged as `zooscope compare` judges them)
    /// and the commands not yet run are run. Returns the output.
    fn play(&mut self, new: &[Line]) -> Result<Vec<String>, LessonError> {
        let start = self.lines.len();
        self.lines
            .extend(new.iter().map(|l| (l.line, l.text.clone())));
        let at = |lines: &[(usize, String)], i: usize| {
            lines.get(i.saturating_sub(1)).map_or(0, |(l, _)| *l)
        };
        let text: Vec<&str> = self.lines.iter().map(|(_, t)| t.as_str()).collect();
        let script = match compare::script::parse(&text.join("\n")) {
            Ok(s) => s,
            Err(e) => {
                let line = at(&self.lines, e.line);
                self.lines.truncate(start);
                return Err(LessonError::at(line, e.problem.to_string()));
            }
        };
        let mut out = Vec::new();
        for (i, text, step) in script.steps.iter().skip(self.ran) {
            out.push(format!("> {text}"));
            out.extend(self.runner.run_step(at(&self.lines, *i), text, step));
        }
        self.ran = script.steps.len();
        Ok(out)
    }

    /// Lanes for `lab`'s script (its `lanes` and `nodes`), then the script played.
    fn open(lab: &Lab) -> Result<(Self, Vec<String>), LessonError> {
        let first = lab.script.first().map_or(0, |l| l.line);
        let text: Vec<&str> = lab.script.iter().map(|l| l.text.as_str()).collect();
        let at = |i: usize| {
            lab.script
                .get(i.saturating_sub(1))
                .map_or(first, |l| l.line)
        };
        let script = compare::script::parse(&text.join("\n"))
            .map_err(|e| LessonError::at(at(e.line), e.problem.to_string()))?;
        let runner = compare::Runner::new(&script, lab.seed)
            .map_err(|e| LessonError::at(first, e.problem.to_string()))?;
        let mut live = CompareLive {
            runner,
            lines: Vec::new(),
            ran: 0,
        };
        let out = live.play(&lab.script)?;
        Ok((live, out))
    }
}

/// What a quiz found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizOutcome {
    /// The value read after the run lines.
    pub value: String,
    /// Indices of the choices that match it (a sound quiz has exactly one).
    pub matching: Vec<usize>,
    /// The output of each run line.
    pub outputs: Vec<Vec<String>>,
}

impl LiveLab {
    /// Open `lab`: run its script to the end.
    pub fn open(lab: &Lab) -> Result<Self, LessonError> {
        if !runs(lab.kind) {
            return Err(LessonError::at(
                lab.script.first().map_or(0, |l| l.line),
                format!("{} labs are not simulated yet", lab.kind.word()),
            ));
        }
        let mut live = LiveLab {
            runner: Runner::new(lab.seed),
            compare: None,
            transcript: Vec::new(),
            expect_failures: 0,
        };
        if lab.kind == LabKind::Compare {
            let (lanes, out) = CompareLive::open(lab)?;
            live.compare = Some(lanes);
            live.record(&out);
        } else {
            live.play_script(&lab.script)?;
        }
        Ok(live)
    }

    /// Play a lab's script as one scenario (as `zooscope run` does), so a `client` line
    /// whose client the script later uses in Curator lines makes a Curator client.
    fn play_script(&mut self, lines: &[Line]) -> Result<(), LessonError> {
        let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        let at = |i: usize| lines.get(i.saturating_sub(1)).map_or(0, |l| l.line);
        let script = scenario::parse(&text.join("\n"))
            .map_err(|e| LessonError::at(at(e.line), e.message))?;
        for (i, text, step) in &script.steps {
            self.record(&[format!("> {text}")]);
            let out = self
                .runner
                .run_step(at(*i), step)
                .map_err(|e| LessonError::at(at(*i), e.message))?;
            self.record(&out);
            if self.runner.failures.len() > self.expect_failures {
                let (_, message) = self.runner.failures[self.expect_failures].clone();
                self.expect_failures = self.runner.failures.len();
                return Err(LessonError::at(at(*i), format!("EXPECT FAILED: {message}")));
            }
        }
        Ok(())
    }

    /// A fresh world of `servers` servers, started and stable, with a client `c1`
    /// connected to all of them (an exercise's world).
    pub fn fresh(servers: u64, seed: u64) -> Result<Self, LessonError> {
        let ids: Vec<String> = (1..=servers).map(|s| s.to_string()).collect();
        let script: Vec<Line> = [
            format!("ensemble {servers}"),
            format!("start {}", ids.join(" ")),
            "wait until stable".to_string(),
            format!("client c1 {}", ids.join(",")),
        ]
        .into_iter()
        .map(|text| Line { line: 0, text })
        .collect();
        let mut live = LiveLab {
            runner: Runner::new(seed),
            compare: None,
            transcript: Vec::new(),
            expect_failures: 0,
        };
        live.play(&script)?;
        Ok(live)
    }

    /// The world (a lab's script always creates one).
    pub fn world(&self) -> Option<&World<ZkNode>> {
        self.runner.world()
    }

    /// Everything printed so far (`> LINE` echoes and output).
    pub fn transcript(&self) -> &[String] {
        &self.transcript
    }

    /// The run as a reproduction key (`zs1.…`), which the full lab opens exactly; for a
    /// compare lab, the compare script played so far (its lines, then the steps' and
    /// quizzes'), which the compare lab and `zooscope compare` replay exactly with the
    /// lab's seed.
    pub fn key_text(&self) -> Option<String> {
        if let Some(lanes) = &self.compare {
            let lines: Vec<&str> = lanes.lines.iter().map(|(_, t)| t.as_str()).collect();
            return Some(lines.join("\n"));
        }
        self.world()
            .map(|w| ReproKey::of(w, &NetConfig::default(), Some(w.position())).encode())
    }

    fn record(&mut self, lines: &[String]) {
        self.transcript.extend_from_slice(lines);
        if self.transcript.len() > TRANSCRIPT_MAX {
            let cut = self.transcript.len() - TRANSCRIPT_MAX;
            self.transcript.drain(..cut);
        }
    }

    /// Play one scenario line; returns its output. A comment or blank line plays nothing.
    pub fn play_line(&mut self, line: &Line) -> Result<Vec<String>, LessonError> {
        if let Some(lanes) = &mut self.compare {
            let out = lanes.play(std::slice::from_ref(line))?;
            self.record(&out);
            // The outputs a quiz reads are the line's own, without its echo.
            return Ok(out.into_iter().filter(|l| !l.starts_with("> ")).collect());
        }
        let script =
            scenario::parse(&line.text).map_err(|e| LessonError::at(line.line, e.message))?;
        let mut out = Vec::new();
        for (_, text, step) in &script.steps {
            self.record(&[format!("> {text}")]);
            let lines = self
                .runner
                .run_step(line.line, step)
                .map_err(|e| LessonError::at(line.line, e.message))?;
            self.record(&lines);
            out.extend(lines);
        }
        if self.runner.failures.len() > self.expect_failures {
            let (_, message) = self.runner.failures[self.expect_failures].clone();
            self.expect_failures = self.runner.failures.len();
            return Err(LessonError::at(
                line.line,
                format!("EXPECT FAILED: {message}"),
            ));
        }
        Ok(out)
    }

    /// Play lines in order; returns each one's output.
    pub fn play(&mut self, lines: &[Line]) -> Result<Vec<Vec<String>>, LessonError> {
        lines.iter().map(|l| self.play_line(l)).collect()
    }

    /// Whether `until` holds now.
    pub fn holds(&mut self, until: &Until) -> Result<bool, LessonError> {
        self.wait_for(until, 0, false)
    }

    /// Run until `until` holds (at most [`WAIT_UNTIL_LIMIT`] of simulated time); false if
    /// it never did. `line` is the `until:` line for errors.
    pub fn wait_until(&mut self, until: &Until, line: usize) -> Result<bool, LessonError> {
        self.wait_for(until, line, true)
    }

    fn wait_for(&mut self, until: &Until, line: usize, wait: bool) -> Result<bool, LessonError> {
        let pending = || LessonError::at(line, "this condition needs a compare lab");
        if let Some(lanes) = &mut self.compare {
            let now = readable::lanes_hold(&lanes.runner.verdicts(), until).ok_or_else(|| {
                LessonError::at(line, "a compare lab can only wait until decided")
            })?;
            if now || !wait {
                return Ok(now);
            }
            let out =
                lanes
                    .runner
                    .run_step(line, "wait until decided", &CompareStep::WaitUntilDecided);
            let ok = readable::lanes_hold(&lanes.runner.verdicts(), until).unwrap_or(false);
            self.record(&out);
            return Ok(ok);
        }
        let Some(world) = self.runner.world_mut() else {
            return Ok(false);
        };
        let now = readable::holds(world, until).ok_or_else(pending)?;
        if now || !wait {
            return Ok(now);
        }
        Ok(run_until_cond(world, WAIT_UNTIL_LIMIT, |w| {
            readable::holds(w, until).unwrap_or(false)
        }))
    }

    /// Play a step: its `do` lines, then wait for its condition.
    pub fn do_step(&mut self, step: &Step) -> Result<bool, LessonError> {
        self.play(&step.actions)?;
        self.wait_until(&step.until, step.until_line)
    }

    /// Read a value now (for `output of line K`, `outputs` are the quiz's run outputs).
    pub fn read(&self, what: &Readable, outputs: &[Vec<String>]) -> Result<String, ReadError> {
        if let Some(lanes) = &self.compare {
            return readable::read_lanes(&lanes.runner.verdicts(), what, outputs);
        }
        match self.world() {
            Some(w) => readable::read(w, what, outputs),
            None => Err(ReadError::NoLeader),
        }
    }

    /// Answer a quiz: play its run lines, read its answer, find the matching choices.
    pub fn answer(&mut self, quiz: &Quiz) -> Result<QuizOutcome, LessonError> {
        let outputs = self.play(&quiz.run)?;
        let value = self
            .read(&quiz.answer, &outputs)
            .map_err(|e| LessonError::at(quiz.answer_line, e.to_string()))?;
        let matching = quiz
            .choices
            .iter()
            .enumerate()
            .filter(|(_, c)| quiz.answer.matches(&c.value, &value))
            .map(|(i, _)| i)
            .collect();
        Ok(QuizOutcome {
            value,
            matching,
            outputs,
        })
    }
}

/// What acting on a piece gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A lab opened (its script ran to the end).
    Opened,
    /// A step ran; whether its condition held in time.
    Step(bool),
    /// A quiz was answered by the run.
    Quiz(QuizOutcome),
}

/// The live labs of one lesson, played in document order.
///
/// Acting on a piece first plays every earlier piece of the same lab that has not been
/// played (a learner who answers the second quiz first still sees the world the lesson
/// describes), then the piece itself. The checker walks the pieces in order; the lesson
/// page acts on whichever piece the learner presses.
pub struct LessonRun {
    pieces: Vec<Piece>,
    labs: BTreeMap<String, (LiveLab, usize)>,
}

impl LessonRun {
    /// A run of a lesson's pieces (none played yet).
    pub fn new(pieces: Vec<Piece>) -> Self {
        LessonRun {
            pieces,
            labs: BTreeMap::new(),
        }
    }

    /// The pieces.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The live lab named `id`, if it has been opened.
    pub fn lab(&self, id: &str) -> Option<&LiveLab> {
        self.labs.get(id).map(|(l, _)| l)
    }

    /// Start lab `id` again from its script (its steps and quizzes are played again when
    /// next acted on).
    pub fn reset(&mut self, id: &str) {
        self.labs.remove(id);
    }

    /// The live lab named `id`, opened (its script run) if it was not yet.
    pub fn live_mut(&mut self, id: &str) -> Result<&mut LiveLab, LessonError> {
        if !self.labs.contains_key(id) {
            let (at, lab) = self
                .pieces
                .iter()
                .enumerate()
                .find_map(|(k, p)| match &p.body {
                    Body::Lab(l) if l.id == id => Some((k, l)),
                    _ => None,
                })
                .ok_or_else(|| LessonError::at(0, format!("no lab '{id}'")))?;
            let live = LiveLab::open(lab)?;
            self.labs.insert(id.to_string(), (live, at + 1));
        }
        match self.labs.get_mut(id) {
            Some((live, _)) => Ok(live),
            None => Err(LessonError::at(0, format!("no lab '{id}'"))),
        }
    }

    /// Whether step `i`'s condition holds now, without playing its `do` lines (the learner
    /// acted by hand). Earlier pieces of its lab are played first; a step that holds counts
    /// as played.
    pub fn check_step(&mut self, i: usize) -> Result<bool, LessonError> {
        let Some(Body::Step(step)) = self.pieces.get(i).map(|p| p.body.clone()) else {
            return Err(LessonError::at(0, format!("piece {i} is not a step")));
        };
        self.catch_up(&step.lab, i)?;
        let Some((live, next)) = self.labs.get_mut(&step.lab) else {
            return Err(LessonError::at(0, format!("no lab '{}'", step.lab)));
        };
        let ok = live.holds(&step.until)?;
        if ok {
            *next = (*next).max(i + 1);
        }
        Ok(ok)
    }

    fn catch_up(&mut self, id: &str, i: usize) -> Result<(), LessonError> {
        self.live_mut(id)?;
        let Some((live, next)) = self.labs.get_mut(id) else {
            return Ok(());
        };
        while *next < i {
            let p = &self.pieces[*next];
            *next += 1;
            if p.lab_id() == Some(id) && p.unchecked.is_none() {
                play_piece(live, p)?;
            }
        }
        Ok(())
    }

    /// Act on piece `i` (after catching up on the earlier pieces of its lab). Acting on a
    /// piece already played plays it again on the world as it is now.
    pub fn act(&mut self, i: usize) -> Result<Outcome, LessonError> {
        let piece = self
            .pieces
            .get(i)
            .ok_or_else(|| LessonError::at(0, format!("no piece {i}")))?;
        let id = piece
            .lab_id()
            .ok_or_else(|| {
                LessonError::at(
                    piece.line,
                    "an exercise has its own world: use exercise::attempt",
                )
            })?
            .to_string();
        if matches!(piece.body, Body::Lab(_)) {
            self.live_mut(&id)?;
            return Ok(Outcome::Opened);
        }
        let piece = piece.clone();
        self.catch_up(&id, i)?;
        let Some((live, next)) = self.labs.get_mut(&id) else {
            return Err(LessonError::at(piece.line, format!("no lab '{id}'")));
        };
        *next = (*next).max(i + 1);
        play_piece(live, &piece)
    }
}

fn play_piece(live: &mut LiveLab, p: &Piece) -> Result<Outcome, LessonError> {
    match &p.body {
        Body::Step(s) => live.do_step(s).map(Outcome::Step),
        Body::Quiz(q) => live.answer(q).map(Outcome::Quiz),
        Body::Lab(_) | Body::Exercise(_) => Ok(Outcome::Opened),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::piece::Choice;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                line: 100 + i,
                text: t.to_string(),
            })
            .collect()
    }

    fn lab(script: &str) -> Lab {
        Lab {
            kind: LabKind::Election,
            id: "l".into(),
            seed: 1,
            script: lines(script),
        }
    }

    #[test]
    fn a_quiz_is_answered_by_the_run() {
        let mut live = LiveLab::open(&lab("ensemble 3\nstart 1 2 3\n")).unwrap();
        let quiz = Quiz {
            lab: "l".into(),
            question: "q".into(),
            run: lines("wait until stable"),
            answer: Readable::Leader,
            answer_line: 7,
            choices: ["1", "2", "3"]
                .iter()
                .map(|v| Choice {
                    value: (*v).into(),
                    text: String::new(),
                    line: 1,
                })
                .collect(),
            explain: String::new(),
            checked: None,
        };
        let got = live.answer(&quiz).unwrap();
        assert_eq!(got.value, "3");
        assert_eq!(got.matching, [2]);
        assert!(live.holds(&Until::parse(1, "stable").unwrap()).unwrap());
        assert!(!live.holds(&Until::parse(1, "leader 1").unwrap()).unwrap());
        assert!(live.key_text().unwrap().starts_with("zs1."));
    }

    #[test]
    fn errors_and_failed_expects_carry_the_file_line() {
        let e = LiveLab::open(&lab("ensemble 3\nstart 1\nexpect leader 1\n"))
            .err()
            .unwrap();
        assert_eq!(e.line, 102);
        assert!(e.message.contains("EXPECT FAILED"));
        let e = LiveLab::open(&lab("ensemble 3\nfly\n")).err().unwrap();
        assert_eq!(e.line, 101);
    }

    #[test]
    fn tree_conditions_wait_and_time_out() {
        let mut live = LiveLab::fresh(1, 1).unwrap();
        assert!(!live.holds(&Until::Exists("/a".into())).unwrap());
        live.play(&lines("c1> create /a x\nc1> create /a/b"))
            .unwrap();
        assert!(live
            .wait_until(&Until::Children("/a".into(), 1), 1)
            .unwrap());
        assert!(!live.wait_until(&Until::Gone("/a".into()), 1).unwrap());
    }
}
