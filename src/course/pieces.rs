//! The live pieces of a lesson page: a lab opened on its inline script, a step that waits
//! for a protocol event, a predict-then-check quiz and a zkCli exercise.
//!
//! All pieces of a page share one [`LessonRun`] (`zooscope_lessons::live`), the very code
//! `zooscope lessons check` runs, so a quiz is answered here by the simulation exactly as
//! in the check. A lab shows the lab's own cluster view of its run (`crate::lab::cluster`)
//! and links the same run into the full lab by its reproduction key.

use crate::i18n::course::CourseTexts;
use crate::lab::cluster::ClusterView;
use crate::lab::session::LabSession;
use crate::lab::state::Selection;
use crate::lab::view::cluster_frame;
use crate::lang_ctx::use_lang;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use zooscope_core::scenario::Runner;
use zooscope_lessons::exercise::{self, Attempt};
use zooscope_lessons::live::{LessonRun, Outcome, QuizOutcome};
use zooscope_lessons::piece::{Body, Exercise, Lab, Piece, Quiz, Step};
use zooscope_lessons::Line;

/// Transcript lines a lab shows (the newest).
pub const TRANSCRIPT_SHOWN: usize = 40;
/// Longest line the learner may type into a lab or exercise.
pub const TYPED_LINE_MAX: usize = 300;

/// The page's shared run (compared by identity).
#[derive(Clone)]
pub struct RunHandle(pub Rc<RefCell<LessonRun>>);

impl PartialEq for RunHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
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
    let piece: Option<Piece> = props.run.0.borrow().pieces().get(props.index).cloned();
    let Some(piece) = piece else {
        return Html::default();
    };
    let c = use_lang().lang.course();
    let pending = piece.unchecked.is_some();
    let (class, label) = match &piece.body {
        Body::Lab(_) => ("piece piece-lab", c.lab_label),
        Body::Step(_) => ("piece piece-step", c.step_label),
        Body::Quiz(_) => ("piece piece-quiz", c.quiz_label),
        Body::Exercise(_) => ("piece piece-exercise", c.exercise_label),
    };
    let body = match (&piece.body, pending) {
        (Body::Lab(l), _) => html! { <LabPiece lab={Rc::new(l.clone())} pending={pending} props={props.clone()} /> },
        (Body::Step(s), false) => html! { <StepPiece step={Rc::new(s.clone())} props={props.clone()} /> },
        (Body::Quiz(q), false) => html! { <QuizPiece quiz={Rc::new(q.clone())} props={props.clone()} /> },
        (Body::Exercise(e), false) => html! { <ExercisePiece ex={Rc::new(e.clone())} props={props.clone()} /> },
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

/// `server N: STATE` of every server of a run.
fn statuses(run: &LessonRun, id: &str) -> Vec<(u64, String)> {
    run.lab(id)
        .and_then(|l| l.world())
        .map(|w| {
            w.config()
                .servers
                .iter()
                .map(|s| (s.sid, Runner::status_of(w, s.sid)))
                .collect()
        })
        .unwrap_or_default()
}

/// A lab: its script, a Run button, then the cluster, the servers' states, the output and
/// a console for scenario lines.
#[component]
fn LabPiece(p: &LabPieceProps) -> Html {
    let c = use_lang().lang.course();
    let props = &p.props;
    let id = p.lab.id.clone();
    let error = use_state(|| None::<String>);
    let (opened, key, transcript, states) = {
        let run = props.run.0.borrow();
        let live = run.lab(&id);
        (
            live.is_some(),
            live.and_then(|l| l.key_text()),
            live.map(|l| {
                let t = l.transcript();
                t[t.len().saturating_sub(TRANSCRIPT_SHOWN)..].join("\n")
            }),
            statuses(&run, &id),
        )
    };
    // The lab's own cluster view of the same run, rebuilt from its key.
    let frame = use_memo(key.clone(), |key| {
        key.as_deref()
            .and_then(|k| LabSession::from_key_text(k).ok())
            .map(|s| Rc::new(cluster_frame(&s)))
    });
    let act = {
        let run = props.run.clone();
        let on_change = props.on_change.clone();
        let error = error.clone();
        let index = props.index;
        Callback::from(move |_: MouseEvent| {
            let r = run.0.borrow_mut().act(index);
            error.set(r.err().map(|e| e.message));
            on_change.emit(());
        })
    };
    let reset = {
        let run = props.run.clone();
        let on_change = props.on_change.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            run.0.borrow_mut().reset(&id);
            on_change.emit(());
        })
    };
    let input_ref = use_node_ref();
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
            if text.is_empty() {
                return;
            }
            let mut r = run.0.borrow_mut();
            let result = r
                .live_mut(&id)
                .and_then(|l| l.play_line(&Line { line: 0, text }));
            drop(r);
            error.set(result.err().map(|e| e.message));
            input.set_value("");
            on_change.emit(());
        })
    };
    let script = p
        .lab
        .script
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let full_lab = key.as_ref().map(|k| format!("#/lab?key={k}"));
    html! { <>
        <details class="lab-script" open={!opened}>
            <summary>{ c.lab_script }{ " · " }<code>{ p.lab.kind.word() }</code>{ " " }<code>{ id.clone() }</code></summary>
            <pre><code>{ script }</code></pre>
        </details>
        if p.pending {
            <p class="muted">{ c.lab_pending }</p>
        } else {
            <div class="piece-actions">
                if !opened {
                    <button type="button" class="btn btn-primary lab-run" onclick={act}>{ c.lab_run }</button>
                } else {
                    <button type="button" class="btn btn-small lab-reset" onclick={reset}>{ c.lab_reset }</button>
                    if let Some(href) = full_lab.clone() {
                        <a class="btn btn-small btn-ghost lab-open" href={href}>{ c.lab_open }</a>
                    }
                }
            </div>
            if let Some(frame) = (*frame).clone() {
                <div class="piece-cluster">
                    <ClusterView frame={frame} selected={Selection::None} playing={false}
                        reduced_motion={true} on_command={Callback::noop()} />
                </div>
            }
            if opened {
                <ul class="lab-states">
                    { for states.iter().map(|(sid, st)| html! {
                        <li class={format!("state state-{}", st.replace(' ', "-"))}>
                            <code>{ format!("server {sid}: {st}") }</code>
                        </li>
                    }) }
                </ul>
                <details class="lab-output" open=true>
                    <summary>{ c.lab_output }</summary>
                    <pre class="transcript"><code>{ transcript.unwrap_or_default() }</code></pre>
                </details>
                <form class="lab-console" onsubmit={typed}>
                    <input ref={input_ref} name="line" type="text" class="field-input" autocomplete="off" spellcheck="false"
                        aria-label={c.lab_script} placeholder="c1> ls /    ·    crash 3    ·    wait until leader" />
                    <button type="submit" class="btn btn-small">{ "⏎" }</button>
                </form>
            }
            if let Some(e) = (*error).clone() {
                <p class="piece-error" role="alert">{ c.error }{ e }</p>
            }
        }
    </> }
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
    let state = use_state(|| if props.done { StepState::Done } else { StepState::Waiting });
    let run_with = |play: bool| {
        let run = props.run.clone();
        let state = state.clone();
        let on_done = props.on_done.clone();
        let on_change = props.on_change.clone();
        let index = props.index;
        Callback::from(move |_: MouseEvent| {
            let result = if play {
                run.0.borrow_mut().act(index).map(|o| o == Outcome::Step(true))
            } else {
                run.0.borrow_mut().check_step(index)
            };
            let next = match result {
                Ok(true) => StepState::Done,
                Ok(false) if play => StepState::TimedOut,
                Ok(false) => StepState::Waiting,
                Err(e) => StepState::Failed(e.message),
            };
            if next == StepState::Done {
                on_done.emit(index);
            }
            state.set(next);
            on_change.emit(());
        })
    };
    let lines = p.step.actions.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
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

fn step_status(state: &StepState, c: &CourseTexts) -> Html {
    match state {
        StepState::Waiting => Html::default(),
        StepState::Done => html! { <p class="piece-ok step-ok" role="status">{ c.step_done }</p> },
        StepState::TimedOut => html! { <p class="piece-error" role="status">{ c.step_timeout }</p> },
        StepState::Failed(e) => html! { <p class="piece-error" role="alert">{ c.error }{ e.clone() }</p> },
    }
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
        Callback::from(move |_: MouseEvent| {
            let r = run.0.borrow_mut().act(index);
            outcome.set(Some(match r {
                Ok(Outcome::Quiz(o)) => {
                    on_done.emit(index);
                    Ok(o)
                }
                Ok(_) => Err("not a quiz".into()),
                Err(e) => Err(e.message),
            }));
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
        Callback::from(move |_: MouseEvent| {
            let typed: Vec<Line> = text
                .lines()
                .enumerate()
                .map(|(i, l)| Line { line: i + 1, text: l.chars().take(TYPED_LINE_MAX).collect() })
                .collect();
            let r = exercise::attempt(&ex, &typed).map_err(|e| e.message);
            if r.as_ref().is_ok_and(Attempt::ok) {
                on_done.emit(index);
            }
            result.set(Some(r));
        })
    };
    let solution = p.ex.solution.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
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

fn expect_text(x: &zooscope_lessons::piece::Expect) -> String {
    match x {
        zooscope_lessons::piece::Expect::Command { command, text } => format!("{command} ⇒ {text}"),
        zooscope_lessons::piece::Expect::Output(t) => format!("… {t}"),
    }
}
