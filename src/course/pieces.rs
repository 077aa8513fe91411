//! The live pieces of a lesson page: a lab opened on its inline script, a step that waits
//! for a protocol event, a predict-then-check quiz and a zkCli exercise.
//!
//! The build step ran every piece on the core (`zooscope_lessons::compiled::record`, the
//! `LessonRun` the checker drives) and kept the run after it as a reproduction key. Here
//! each lab is the lab's own [`LabSession`] opened from those keys: a step or quiz moves its
//! lab to the run after it, and the page then reads the answer, or tests the condition,
//! from that simulated world with `zooscope_lessons::readable`, the code the checker reads
//! with. An opened lab is the lab's own parts around that run ([`EmbeddedRun`]: its time
//! controls, cluster view, inspector and share link), so the learner plays, steps and
//! rewinds the very world the quizzes read; zkCli lines typed into a lab or an exercise
//! run on the session like the lab's console; the full lab opens the same run.

use crate::compare_lab::CompareLab;
use crate::components::ids::{use_unique_id, IdScope};
use crate::course::embed::EmbeddedRun;
use crate::i18n::course::CourseTexts;
use crate::lab::session::LabSession;
use crate::lab::view::node_label;
use crate::lang_ctx::use_lang;
use crate::locks::LockLab;
use crate::route::Route;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::use_route;
use zooscope_lessons::compiled::Recorded;
use zooscope_lessons::exercise::{self, Attempt, ExerciseConsole};
use zooscope_lessons::live::LiveLab;
use zooscope_lessons::piece::{Body, Exercise, Expect, Lab, LabKind, Piece, Quiz, Step};
use zooscope_lessons::readable;
use zooscope_lessons::Line;

/// Transcript lines a lab shows (the newest).
pub const TRANSCRIPT_SHOWN: usize = 40;
/// Longest line the learner may type into a lab or exercise.
pub const TYPED_LINE_MAX: usize = 300;

/// One lab of the page as the learner sees it now.
pub struct LabNow {
    /// The run (shared with its [`EmbeddedRun`], which plays it).
    pub session: Rc<RefCell<LabSession>>,
    /// Which opening of the lab this is (a new one remounts its embedded run).
    pub opening: u64,
    /// What has been printed (recorded lines, then what the learner typed).
    pub transcript: Vec<String>,
}

/// A lesson's pieces with their recorded runs, and the labs opened so far.
pub struct PageRun {
    /// The pieces in order, each with the run the build step recorded after it.
    pub pieces: Vec<(Piece, Option<Recorded>)>,
    /// Opened labs by id.
    pub labs: BTreeMap<String, LabNow>,
    /// Opened `compare` labs by id: the compare script played so far (recorded by the
    /// build step), which the page replays with the lab's seed.
    pub compare: BTreeMap<String, String>,
    /// Labs opened so far (numbers each opening).
    openings: u64,
}

impl PageRun {
    /// A page with no lab opened.
    pub fn new(pieces: Vec<(Piece, Option<Recorded>)>) -> Self {
        PageRun {
            pieces,
            labs: BTreeMap::new(),
            compare: BTreeMap::new(),
            openings: 0,
        }
    }

    /// Move piece `i`'s lab to the run recorded after piece `i` (for a lab: its script).
    pub fn open_at(&mut self, i: usize) -> Result<(), String> {
        let (piece, recorded) = self.pieces.get(i).ok_or("no such piece")?;
        let id = piece.lab_id().ok_or("not a lab piece")?.to_string();
        let rec = recorded.as_ref().ok_or("this piece has no recorded run")?;
        if self.compare_lab(&id).is_some() {
            self.compare.insert(id, rec.key.clone());
            return Ok(());
        }
        let session = LabSession::from_key_text(&rec.key).map_err(|e| e.to_string())?;
        let transcript = rec.transcript.clone();
        self.openings += 1;
        self.labs.insert(
            id,
            LabNow {
                session: Rc::new(RefCell::new(session)),
                opening: self.openings,
                transcript,
            },
        );
        Ok(())
    }

    /// Lab `id` if it is a `compare` lab.
    fn compare_lab(&self, id: &str) -> Option<&Lab> {
        self.pieces.iter().find_map(|(p, _)| match &p.body {
            Body::Lab(l) if l.id == id && l.kind == LabKind::Compare => Some(l),
            _ => None,
        })
    }

    /// Compare lab `id`'s lanes as they are now (opened at its script first if it was
    /// not yet): its recorded script replayed on the checker's own [`LiveLab`], so the
    /// page reads the verdicts `zooscope lessons check` read. `None` if `id` is not a
    /// compare lab.
    pub fn compare_now(&mut self, id: &str) -> Option<Result<LiveLab, String>> {
        let lab = self.compare_lab(id)?.clone();
        if !self.compare.contains_key(id) {
            if let Err(e) = self
                .lab_index(id)
                .ok_or("no such lab".to_string())
                .and_then(|i| self.open_at(i))
            {
                return Some(Err(e));
            }
        }
        let script = self.compare.get(id)?;
        let played = Lab {
            script: script
                .lines()
                .map(|text| Line {
                    line: 0,
                    text: text.to_string(),
                })
                .collect(),
            ..lab
        };
        Some(LiveLab::open(&played).map_err(|e| e.message))
    }

    /// The lab piece's index of lab `id`.
    fn lab_index(&self, id: &str) -> Option<usize> {
        self.pieces
            .iter()
            .position(|(p, _)| matches!(&p.body, Body::Lab(l) if l.id == id))
    }

    /// Lab `id` as it is now, opened at its script first if it was not yet.
    pub fn lab_now(&mut self, id: &str) -> Result<&mut LabNow, String> {
        if !self.labs.contains_key(id) {
            let i = self.lab_index(id).ok_or("no such lab")?;
            self.open_at(i)?;
        }
        self.labs
            .get_mut(id)
            .ok_or_else(|| "no such lab".to_string())
    }
}

/// The page's shared run (compared by identity).
#[derive(Clone)]
pub struct RunHandle(pub Rc<RefCell<PageRun>>);

impl PartialEq for RunHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A zkCli line for client `name` on a lab run: its output lines.
fn zkcli(session: &mut LabSession, name: &str, command: &str) -> Result<Vec<String>, String> {
    let client = session
        .client_ids()
        .into_iter()
        .find(|&c| node_label(session, c) == name)
        .ok_or_else(|| format!("there is no client {name}"))?;
    session
        .zkcli(client, command)
        .map(|out| out.lines().map(str::to_string).collect())
        .map_err(|e| e.to_string())
}

/// An exercise's console: client `c1` of the prepared run.
struct SessionConsole(LabSession);

impl ExerciseConsole for SessionConsole {
    fn run(&mut self, _line: usize, command: &str) -> Result<Vec<String>, String> {
        zkcli(&mut self.0, "c1", command)
    }
}

/// Props of every piece.
#[derive(Properties, PartialEq, Clone)]
pub struct PieceProps {
    /// The page's run.
    pub run: RunHandle,
    /// Index of the piece in the lesson.
    pub index: usize,
    /// Bumped whenever any lab of the page changed (labs re-read their world).
    pub version: u64,
    /// Already completed (from the stored progress).
    pub done: bool,
    /// A piece was completed.
    pub on_done: Callback<usize>,
    /// Some lab's world changed.
    pub on_change: Callback<()>,
}

/// The piece at `props.index`, whatever its kind.
#[component]
pub fn LessonPiece(props: &PieceProps) -> Html {
    let c = use_lang().lang.course();
    let route = use_route::<Route>();
    let piece: Option<Piece> = props
        .run
        .0
        .borrow()
        .pieces
        .get(props.index)
        .map(|(p, _)| p.clone());
    let Some(piece) = piece else {
        return Html::default();
    };
    let pending = piece.unchecked.is_some();
    let (class, label) = match &piece.body {
        Body::Lab(_) => ("piece piece-lab", c.lab_label),
        Body::Step(_) => ("piece piece-step", c.step_label),
        Body::Quiz(_) => ("piece piece-quiz", c.quiz_label),
        Body::Exercise(_) => ("piece piece-exercise", c.exercise_label),
    };
    let body = match (&piece.body, pending) {
        (Body::Lab(l), _) => {
            html! { <LabPiece lab={Rc::new(l.clone())} pending={pending} props={props.clone()} /> }
        }
        (Body::Step(s), false) => {
            html! { <StepPiece step={Rc::new(s.clone())} props={props.clone()} /> }
        }
        (Body::Quiz(q), false) => {
            html! { <QuizPiece quiz={Rc::new(q.clone())} props={props.clone()} /> }
        }
        (Body::Exercise(e), false) => {
            html! { <ExercisePiece ex={Rc::new(e.clone())} props={props.clone()} /> }
        }
        (Body::Step(s), true) => html! { <p class="piece-text">{ s.text.clone() }</p> },
        (Body::Quiz(q), true) => html! { <>
            <p class="piece-text">{ q.question.clone() }</p>
            <ul class="quiz-choices">{ for q.choices.iter().map(|ch| html! { <li>{ ch.text.clone() }</li> }) }</ul>
        </> },
        (Body::Exercise(e), true) => html! { <p class="piece-text">{ e.task.clone() }</p> },
    };
    html! {
        <section class={classes!(class, pending.then_some("piece-pending"), props.done.then_some("piece-done"))}
            id={format!("piece-{}", props.index + 1)} data-piece={(props.index + 1).to_string()}>
            <header class="piece-head">
                <span class="piece-label">{ label }</span>
                if let Some(Route::Lesson { slug }) = route.clone() {
                    <a class="piece-link no-print" href={format!("#/lesson/{}?step={}", urlencoding::encode(&slug), props.index + 1)}
                        title={c.piece_link} aria-label={c.piece_link}>{ "#" }{ props.index + 1 }</a>
                }
                if props.done {
                    <span class="badge badge-ok piece-done-mark">{ c.done_mark }</span>
                }
            </header>
            if pending {
                <p class="piece-note muted">{ c.pending }</p>
            }
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LabPieceProps {
    lab: Rc<Lab>,
    pending: bool,
    props: PieceProps,
}

/// A lab: its script and a Run button, then the run embedded ([`EmbeddedRun`]), its
/// output and a zkCli console.
#[component]
fn LabPiece(p: &LabPieceProps) -> Html {
    // A page holds several labs: each names its elements `lab-N-…` (see `components::ids`).
    let ids = IdScope::new(use_unique_id("lab"));
    let c = use_lang().lang.course();
    let props = &p.props;
    let id = p.lab.id.clone();
    let error = use_state(|| None::<String>);
    let input_ref = use_node_ref();
    let view = {
        let run = props.run.0.borrow();
        run.labs.get(&id).map(|now| {
            let t = &now.transcript;
            (
                now.session.clone(),
                now.opening,
                t[t.len().saturating_sub(TRANSCRIPT_SHOWN)..].join("\n"),
            )
        })
    };
    let reopen = {
        let run = props.run.clone();
        let on_change = props.on_change.clone();
        let error = error.clone();
        let index = props.index;
        Callback::from(move |()| {
            error.set(run.0.borrow_mut().open_at(index).err());
            on_change.emit(());
        })
    };
    let typed = {
        let run = props.run.clone();
        let on_change = props.on_change.clone();
        let error = error.clone();
        let id = id.clone();
        let input_ref = input_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let text: String = input.value().trim().chars().take(TYPED_LINE_MAX).collect();
            let Some((name, command)) = text.split_once('>') else {
                error.set(Some(format!("{text}: NAME> COMMAND")));
                return;
            };
            let mut r = run.0.borrow_mut();
            let result = r.lab_now(&id).and_then(|now| {
                let out = zkcli(&mut now.session.borrow_mut(), name.trim(), command.trim())?;
                now.transcript.push(format!("> {text}"));
                now.transcript.extend(out);
                Ok(())
            });
            drop(r);
            error.set(result.err());
            input.set_value("");
            on_change.emit(());
        })
    };
    // What the lab has played: the transcript's `> LINE` echoes are its scenario lines.
    let played: Option<Vec<String>> = props.run.0.borrow().labs.get(&id).map(|now| {
        now.transcript
            .iter()
            .filter_map(|l| l.strip_prefix("> ").map(str::to_string))
            .collect()
    });
    // A compare lab's script played so far (its own, then its steps' and quizzes').
    let compared: Option<String> = props.run.0.borrow().compare.get(&id).cloned();
    let opened = view.is_some() || compared.is_some();
    let script = p
        .lab
        .script
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    html! { <ContextProvider<IdScope> context={ids}>
        <details class="lab-script" open={!opened}>
            <summary>{ c.lab_script }{ " · " }<code>{ p.lab.kind.word() }</code>{ " " }<code>{ id.clone() }</code></summary>
            <pre><code>{ script }</code></pre>
        </details>
        if !p.pending {
            <div class="piece-actions">
                if !opened {
                    <button type="button" class="btn btn-primary lab-run" onclick={reopen.reform(|_: MouseEvent| ())}>{ c.lab_run }</button>
                } else {
                    <button type="button" class="btn btn-small lab-reset" onclick={reopen.reform(|_: MouseEvent| ())}>{ c.lab_reset }</button>
                }
            </div>
            if let (Some(played), LabKind::Locks) = (&played, p.lab.kind) {
                // The lock lab on the lines this lab has played so far (its script, then
                // the steps' and quizzes' lines), re-opened whenever the page plays more.
                <div class="piece-locks">
                    <LockLab key={played.len()} preset="queue" script={AttrValue::from(played.join("\n"))} screen={false} />
                </div>
            }
            if let Some(played) = compared {
                // The comparison lab on the script this lab has played so far, re-opened
                // whenever the page plays more.
                <div class="piece-compare">
                    <CompareLab key={played.len()} script={AttrValue::from(played.clone())} screen={false} />
                </div>
            }
            if let Some((session, opening, transcript)) = view {
                <EmbeddedRun key={opening} {session} version={props.version}
                    on_reset={reopen.clone()} on_change={props.on_change.clone()} />
                <details class="lab-output" open=true>
                    <summary>{ c.lab_output }</summary>
                    <pre class="transcript"><code>{ transcript }</code></pre>
                </details>
                <form class="lab-console" onsubmit={typed}>
                    <input ref={input_ref} name="line" type="text" class="field-input" autocomplete="off" spellcheck="false"
                        aria-label={c.lab_console} placeholder="c1> ls /" />
                    <button type="submit" class="btn btn-small">{ "⏎" }</button>
                </form>
            }
            if let Some(e) = (*error).clone() {
                <p class="piece-error" role="alert">{ c.error }{ e }</p>
            }
        }
    </ContextProvider<IdScope>> }
}

#[derive(Properties, PartialEq)]
struct StepPieceProps {
    step: Rc<Step>,
    props: PieceProps,
}

/// What happened to a step.
#[derive(Clone, PartialEq)]
enum StepState {
    Waiting,
    Done,
    TimedOut,
    Failed(String),
}

/// A step: what to do, the lines the button plays, the condition it waits for.
#[component]
fn StepPiece(p: &StepPieceProps) -> Html {
    let c = use_lang().lang.course();
    let props = &p.props;
    let state = use_state(|| {
        if props.done {
            StepState::Done
        } else {
            StepState::Waiting
        }
    });
    let run_with = |play: bool| {
        let run = props.run.clone();
        let state = state.clone();
        let on_done = props.on_done.clone();
        let on_change = props.on_change.clone();
        let index = props.index;
        Callback::from(move |_: MouseEvent| {
            let result = step_holds(&mut run.0.borrow_mut(), index, play);
            let next = match result {
                Ok(true) => StepState::Done,
                Ok(false) if play => StepState::TimedOut,
                Ok(false) => StepState::Waiting,
                Err(e) => StepState::Failed(e),
            };
            if next == StepState::Done {
                on_done.emit(index);
            }
            state.set(next);
            on_change.emit(());
        })
    };
    let lines = p
        .step
        .actions
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    html! { <>
        <p class="piece-text">{ p.step.text.clone() }</p>
        if !lines.is_empty() {
            <pre class="step-do"><code>{ lines }</code></pre>
        }
        <p class="step-until">
            { c.step_waiting }<code>{ p.step.until.to_string() }</code>
        </p>
        <div class="piece-actions">
            <button type="button" class="btn btn-primary step-do-it" onclick={run_with(true)}>{ c.step_do }</button>
            <button type="button" class="btn btn-small step-check" onclick={run_with(false)}>{ c.step_check }</button>
        </div>
        { step_status(&state, c) }
    </> }
}

/// Whether step `index`'s condition holds: after moving its lab to the run recorded after
/// the step (`play`), or on the lab as the learner left it.
fn step_holds(run: &mut PageRun, index: usize, play: bool) -> Result<bool, String> {
    let Some((
        Piece {
            body: Body::Step(step),
            ..
        },
        _,
    )) = run.pieces.get(index).cloned()
    else {
        return Err("not a step".into());
    };
    if play {
        run.open_at(index)?;
    }
    if let Some(lanes) = run.compare_now(&step.lab) {
        return lanes?.holds(&step.until).map_err(|e| e.message);
    }
    let now = run.lab_now(&step.lab)?;
    readable::holds(now.session.borrow().world(), &step.until)
        .ok_or_else(|| "this condition needs a lab not built yet".into())
}

fn step_status(state: &StepState, c: &CourseTexts) -> Html {
    match state {
        StepState::Waiting => Html::default(),
        StepState::Done => html! { <p class="piece-ok step-ok" role="status">{ c.step_done }</p> },
        StepState::TimedOut => {
            html! { <p class="piece-error" role="status">{ c.step_timeout }</p> }
        }
        StepState::Failed(e) => {
            html! { <p class="piece-error" role="alert">{ c.error }{ e.clone() }</p> }
        }
    }
}

/// What the simulation answered a quiz: the value read and the choices it matches.
#[derive(Clone, Debug, PartialEq)]
struct QuizOutcome {
    value: String,
    matching: Vec<usize>,
}

/// Move the quiz's lab to the run recorded after it (its `run` lines played) and read the
/// quiz's answer from that world.
fn answer(run: &mut PageRun, index: usize, quiz: &Quiz) -> Result<QuizOutcome, String> {
    run.open_at(index)?;
    let outputs = run.pieces[index]
        .1
        .as_ref()
        .map(|r| r.outputs.clone())
        .unwrap_or_default();
    let value = match run.compare_now(&quiz.lab) {
        Some(lanes) => lanes?.read(&quiz.answer, &outputs),
        None => {
            let now = run.lab_now(&quiz.lab)?;
            let world = now.session.borrow();
            readable::read(world.world(), &quiz.answer, &outputs)
        }
    }
    .map_err(|e| e.to_string())?;
    let matching = quiz
        .choices
        .iter()
        .enumerate()
        .filter(|(_, ch)| quiz.answer.matches(&ch.value, &value))
        .map(|(k, _)| k)
        .collect();
    Ok(QuizOutcome { value, matching })
}

#[derive(Properties, PartialEq)]
struct QuizPieceProps {
    quiz: Rc<Quiz>,
    props: PieceProps,
}

/// A quiz: the learner picks, then the run answers.
#[component]
fn QuizPiece(p: &QuizPieceProps) -> Html {
    let c = use_lang().lang.course();
    let props = &p.props;
    let chosen = use_state(|| None::<usize>);
    let outcome = use_state(|| None::<Result<QuizOutcome, String>>);
    let check = {
        let run = props.run.clone();
        let outcome = outcome.clone();
        let on_done = props.on_done.clone();
        let on_change = props.on_change.clone();
        let index = props.index;
        let quiz = p.quiz.clone();
        Callback::from(move |_: MouseEvent| {
            let r = answer(&mut run.0.borrow_mut(), index, &quiz);
            if r.is_ok() {
                on_done.emit(index);
            }
            outcome.set(Some(r));
            on_change.emit(());
        })
    };
    let name = format!("quiz-{}", props.index + 1);
    let answered = outcome.as_ref().and_then(|o| o.as_ref().ok());
    html! { <>
        <p class="piece-text quiz-question">{ p.quiz.question.clone() }</p>
        <p class="muted">{ c.quiz_predict }</p>
        <fieldset class="quiz-choices" disabled={answered.is_some()}>
            <legend class="visually-hidden">{ p.quiz.question.clone() }</legend>
            { for p.quiz.choices.iter().enumerate().map(|(k, ch)| {
                let chosen = chosen.clone();
                let right = answered.map(|o| o.matching.contains(&k));
                html! {
                    <label class={classes!("quiz-choice", (right == Some(true)).then_some("quiz-choice-right"))}>
                        <input type="radio" name={name.clone()} value={ch.value.clone()}
                            checked={*chosen == Some(k)} onchange={Callback::from(move |_| chosen.set(Some(k)))} />
                        <span>{ ch.text.clone() }</span>
                    </label>
                }
            }) }
        </fieldset>
        <div class="piece-actions">
            <button type="button" class="btn btn-primary quiz-check" disabled={chosen.is_none() || answered.is_some()}
                onclick={check}>{ c.quiz_check }</button>
        </div>
        { match (&*outcome, *chosen) {
            (Some(Ok(o)), Some(k)) => {
                let right = o.matching.contains(&k);
                html! {
                    <div class={classes!("quiz-result", if right { "quiz-right" } else { "quiz-wrong" })} role="status">
                        <p><strong>{ if right { c.quiz_right } else { c.quiz_wrong } }</strong>
                            { " " }<span class="quiz-value">{ c.quiz_value.replace("{value}", &o.value) }</span></p>
                        <p>{ p.quiz.explain.replace("{answer}", &o.value) }</p>
                    </div>
                }
            }
            (Some(Err(e)), _) => html! { <p class="piece-error" role="alert">{ c.error }{ e.clone() }</p> },
            _ => Html::default(),
        } }
    </> }
}

#[derive(Properties, PartialEq)]
struct ExercisePieceProps {
    ex: Rc<Exercise>,
    props: PieceProps,
}

/// An exercise: a console of zkCli lines, checked by the exercise's expects.
#[component]
fn ExercisePiece(p: &ExercisePieceProps) -> Html {
    let c = use_lang().lang.course();
    let props = &p.props;
    let text = use_state(String::new);
    let result = use_state(|| None::<Result<Attempt, String>>);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                text.set(t.value());
            }
        })
    };
    let check = {
        let ex = p.ex.clone();
        let text = text.clone();
        let result = result.clone();
        let on_done = props.on_done.clone();
        let index = props.index;
        let run = props.run.clone();
        Callback::from(move |_: MouseEvent| {
            let key = run
                .0
                .borrow()
                .pieces
                .get(index)
                .and_then(|(_, r)| r.as_ref().map(|r| r.key.clone()));
            let typed: Vec<Line> = text
                .lines()
                .enumerate()
                .map(|(i, l)| Line {
                    line: i + 1,
                    text: l.chars().take(TYPED_LINE_MAX).collect(),
                })
                .collect();
            let r = key
                .ok_or_else(|| "this exercise has no recorded world".to_string())
                .and_then(|k| LabSession::from_key_text(&k).map_err(|e| e.to_string()))
                .map(|s| exercise::judge(&ex, &mut SessionConsole(s), &typed));
            if r.as_ref().is_ok_and(Attempt::ok) {
                on_done.emit(index);
            }
            result.set(Some(r));
        })
    };
    let solution =
        p.ex.solution
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
    html! { <>
        <p class="piece-text">{ p.ex.task.clone() }</p>
        <label class="exercise-input">
            <span class="field-label">{ c.exercise_input }</span>
            <textarea class="field-input exercise-text" rows="4" spellcheck="false" value={(*text).clone()} {oninput} />
        </label>
        <div class="piece-actions">
            <button type="button" class="btn btn-primary exercise-check" onclick={check}>{ c.exercise_check }</button>
        </div>
        if let Some(h) = p.ex.hint.clone() {
            <details class="exercise-hint"><summary>{ c.exercise_hint }</summary><p>{ h }</p></details>
        }
        <details class="exercise-solution"><summary>{ c.exercise_solution }</summary><pre><code>{ solution }</code></pre></details>
        { match &*result {
            Some(Ok(a)) => html! {
                <div class={classes!("exercise-result", if a.ok() { "piece-ok" } else { "piece-error" })} role="status">
                    <p><strong>{ if a.ok() { c.exercise_passed } else { c.exercise_failed } }</strong></p>
                    <ul class="exercise-expects">
                        { for p.ex.expects.iter().zip(&a.passed).map(|((_, x), ok)| html! {
                            <li class={if *ok { "expect-ok" } else { "expect-fail" }}>
                                { if *ok { "✓ " } else { "✗ " } }<code>{ expect_text(x) }</code>
                            </li>
                        }) }
                    </ul>
                    <pre class="transcript"><code>{ a.transcript.join("\n") }</code></pre>
                </div>
            },
            Some(Err(e)) => html! { <p class="piece-error" role="alert">{ c.error }{ e.clone() }</p> },
            None => Html::default(),
        } }
    </> }
}

fn expect_text(x: &Expect) -> String {
    match x {
        Expect::Command { command, text } => format!("{command} ⇒ {text}"),
        Expect::Output(t) => format!("… {t}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_lessons::compiled::record;
    use zooscope_lessons::doc;

    const LESSON: &str = "---\nslug: t\ntitle: T\nminutes: 5\nprerequisites: []\nsummary: S\n---\n\n```lab election id=s\nensemble 3\nstart 1 2 3\nwait until stable\nclient w1 1,2,3\nw1> create -e /w up\n```\n\n```quiz\nquestion: q\nrun: kill w1\nrun: wait 10s\nanswer: exists /w\n- yes: y\n- no: n\nexplain: e\n```\n\n```step\ntext: t\ndo: wait 30s\nuntil: /w gone\n```\n\n```exercise zkcli\ntask: t\nsolution: create /e\nexpect: ls / => [e, zookeeper]\n```\n";

    fn page() -> PageRun {
        let d = doc::parse("01-t.md", LESSON).unwrap();
        let pieces: Vec<Piece> = d.pieces().cloned().collect();
        let rec = record(&pieces);
        PageRun::new(pieces.into_iter().zip(rec).collect())
    }

    /// The page reads the same answers from the recorded runs as the checker reads live.
    #[test]
    fn quizzes_and_steps_are_read_from_the_recorded_runs() {
        let mut run = page();
        let Body::Quiz(q) = run.pieces[1].0.body.clone() else {
            panic!()
        };
        assert!(
            !step_holds(&mut run, 2, false).unwrap(),
            "/w is there before the step"
        );
        let out = answer(&mut run, 1, &q).unwrap();
        assert_eq!(out.value, "yes");
        assert_eq!(out.matching, [0]);
        assert!(step_holds(&mut run, 2, true).unwrap());
        let now = run.lab_now("s").unwrap();
        assert!(zkcli(&mut now.session.borrow_mut(), "w9", "ls /").is_err());
    }

    /// The full lab opens a lesson lab's run exactly: same step, same trace hash.
    #[test]
    fn a_lesson_lab_opens_in_the_full_lab_at_the_same_moment() {
        let d = doc::parse("01-t.md", LESSON).unwrap();
        let pieces: Vec<Piece> = d.pieces().cloned().collect();
        let mut live = zooscope_lessons::live::LessonRun::new(pieces);
        live.act(0).unwrap();
        let lab = live.lab("s").unwrap();
        let world = lab.world().unwrap();
        let session = LabSession::from_key_text(&lab.key_text().unwrap()).unwrap();
        assert_eq!(session.steps(), world.position().step);
        assert_eq!(session.world().trace_hash(), world.trace_hash());
        assert_eq!(crate::lab::view::cluster_frame(&session).servers.len(), 3);
    }

    /// A compare lab's quizzes and steps read the lanes' verdicts, replayed in the page
    /// from the recorded script.
    #[test]
    fn compare_quizzes_read_the_lanes_verdicts() {
        let text = "---\nslug: t\ntitle: T\nminutes: 5\nprerequisites: []\nsummary: S\n---\n\n```lab compare id=c\nlanes 2pc\nnodes 4\npropose x=1\ncrash 1 when phase1-done\n```\n\n```step lab=c\ntext: t\ndo: wait 30s\nuntil: decided\n```\n\n```quiz lab=c\nquestion: q\nrun: restart 1\nrun: wait 30s\nanswer: verdict of 2pc\n- committed x=1: c\n- aborted: a\n- blocked: b\nexplain: e\n```\n";
        let d = doc::parse("01-t.md", text).unwrap();
        let pieces: Vec<Piece> = d.pieces().cloned().collect();
        let rec = record(&pieces);
        let mut run = PageRun::new(pieces.into_iter().zip(rec).collect());
        let Body::Quiz(q) = run.pieces[2].0.body.clone() else {
            panic!()
        };
        assert!(
            !step_holds(&mut run, 1, false).unwrap(),
            "nothing decided yet"
        );
        assert!(
            step_holds(&mut run, 1, true).unwrap(),
            "blocked counts as decided"
        );
        let out = answer(&mut run, 2, &q).unwrap();
        assert!(
            out.value == "aborted" || out.value.starts_with("committed"),
            "{}",
            out.value
        );
        assert_eq!(out.matching.len(), 1);
        assert!(
            run.labs.is_empty(),
            "a compare lab opens no ZooKeeper session"
        );
        assert!(run.compare["c"].ends_with("wait 30s"));
    }

    #[test]
    fn an_exercise_is_judged_on_the_recorded_world() {
        let run = page();
        let Body::Exercise(ex) = run.pieces[3].0.body.clone() else {
            panic!()
        };
        let key = run.pieces[3].1.as_ref().unwrap().key.clone();
        let fresh = || SessionConsole(LabSession::from_key_text(&key).unwrap());
        assert!(exercise::judge(&ex, &mut fresh(), &ex.solution).ok());
        assert!(!exercise::judge(&ex, &mut fresh(), &[]).ok());
    }
}
