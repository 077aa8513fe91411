//! The comparison lab on `#/compare`: one fault script run by 2PC, 3PC, Paxos and ZAB
//! side by side, in the house's [`LabFrame`] with the election lab's time controls.
//!
//! The stage shows every lane ([`stage::LaneStage`]: its nodes on a ring with the lab's
//! message canvas painting the messages moving between them, its verdict as a status
//! with an accessible name, the invariant that broke, every node's state in words).
//! The run ([`run::CompareRun`]) is the core's `compare::stepper::Stepper` at a step:
//! Play lets lane time pass, Step takes one step, Next runs until a node's outcome
//! changes, the timeline rewinds anywhere (a replay from the start: the run is a pure
//! function of script, seed and step). Panels: the script with its presets (a bad line
//! is an error naming the line), the lanes' sequence diagrams, the counters (CSV) and
//! what the lanes reported. The share link holds script, seed and step ([`link`]).
//! Every word comes from `i18n::CompareTexts`.

pub mod link;
pub mod panels;
pub mod run;
pub mod stage;
pub mod words;

use crate::components::ids::use_id_scope;
use crate::frame::{FramePanel, LabFrame};
use crate::lab::command::LabCommand;
use crate::lab::controls::Controls;
use crate::lab::event::LabEvent;
use crate::lab::hooks::{
    copy_to_clipboard, download, use_animation_frames, use_shortcuts, Shortcut,
};
use crate::lab::state::UiAction;
use crate::lab::view::{sim_us_per_ms, SPEED_EXP_DEFAULT};
use crate::lang_ctx::use_lang;
use link::LinkQuery;
use run::CompareRun;
use stage::{lane_props, LaneStage};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::use_location;
use zooscope_core::compare::counters::to_csv;
use zooscope_core::compare::presets::PRESETS;

/// What the page's controls send.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareAction {
    /// Run this script (from the editor or a preset) with the current seed, from step 0.
    Load(String),
    /// Copy the share link.
    Share,
    /// Download the counters as CSV.
    ExportCsv,
    /// Download the script.
    ExportScript,
}

/// Props of [`CompareLab`].
#[derive(Properties, PartialEq)]
pub struct CompareLabProps {
    /// An extra panel after the lab's own (the page's summary table), if any.
    #[prop_or_default]
    pub summary: Option<Html>,
    /// The script to open when the address names none (a lesson's).
    #[prop_or_default]
    pub script: Option<AttrValue>,
    /// Fill the window (the page); false inside a lesson.
    #[prop_or(true)]
    pub screen: bool,
    /// The frame's head (the page's title); the lab's heading when not given.
    #[prop_or_default]
    pub head: Option<Html>,
}

/// The comparison lab.
#[component]
pub fn CompareLab(props: &CompareLabProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.compare();
    let ids = use_id_scope();
    let location = use_location();
    let mut query = LinkQuery::parse(location.as_ref().map_or("", |l| l.query_str()));
    if let (Some(text), None) = (&props.script, &query.s) {
        query.s = Some(text.to_string());
    }
    let run = {
        let q = query.clone();
        use_mut_ref(move || {
            let (text, seed, step) = q.start();
            CompareRun::new(&text, seed, step)
        })
    };
    let version = use_state(|| 0u64);
    let playing = use_state(|| false);
    let speed = use_state(|| SPEED_EXP_DEFAULT);
    let skip_idle = use_state(|| true);
    let notice = use_state(|| None::<&'static str>);
    let shared = use_state(|| None::<String>);
    let bump = {
        let version = version.clone();
        move || version.set(version.wrapping_add(1))
    };

    let on_event = {
        let (run, playing, speed, skip_idle, bump) = (
            run.clone(),
            playing.clone(),
            speed.clone(),
            skip_idle.clone(),
            bump.clone(),
        );
        Callback::from(move |e: LabEvent| {
            {
                let mut r = run.borrow_mut();
                match e {
                    LabEvent::Ui(UiAction::TogglePlay) | LabEvent::Key(Shortcut::PlayPause) => {
                        if !*playing && r.finished() {
                            r.seek(0);
                        }
                        playing.set(!*playing);
                    }
                    LabEvent::Ui(UiAction::SetSpeed(v)) => speed.set(v),
                    LabEvent::Ui(UiAction::SetSkipIdle(v)) => skip_idle.set(v),
                    LabEvent::Command(LabCommand::Step) | LabEvent::Key(Shortcut::Step) => {
                        playing.set(false);
                        r.step();
                    }
                    LabEvent::Command(LabCommand::Next) | LabEvent::Key(Shortcut::Next) => {
                        playing.set(false);
                        r.next();
                    }
                    LabEvent::Command(LabCommand::JumpToStep(k)) => {
                        playing.set(false);
                        r.seek(k);
                    }
                    LabEvent::Reset(seed) => {
                        playing.set(false);
                        *r = CompareRun::new(&r.text.clone(), seed, 0);
                    }
                    LabEvent::Frame(dt) => {
                        let us = (dt.clamp(0.0, 100.0) * sim_us_per_ms(*speed)) as u64;
                        if !r.frame(us, *skip_idle) {
                            playing.set(false);
                        }
                    }
                    _ => return,
                }
            }
            bump();
        })
    };
    let on_action = {
        let (run, playing, notice, shared, bump) = (
            run.clone(),
            playing.clone(),
            notice.clone(),
            shared.clone(),
            bump.clone(),
        );
        Callback::from(move |a: CompareAction| {
            match a {
                CompareAction::Load(text) => {
                    playing.set(false);
                    let seed = run.borrow().seed;
                    *run.borrow_mut() = CompareRun::new(&text, seed, 0);
                }
                CompareAction::Share => {
                    let base = gloo::utils::window().location().href().unwrap_or_default();
                    let r = run.borrow();
                    let url = link::link(&base, &r.text, r.seed, r.steps());
                    shared.set(Some(url.clone()));
                    let notice = notice.clone();
                    copy_to_clipboard(
                        &url,
                        Callback::from(move |ok: bool| {
                            notice.set(Some(if ok { "copied" } else { "failed" }))
                        }),
                    );
                }
                CompareAction::ExportCsv => {
                    let r = run.borrow();
                    if let Some(p) = r.playing() {
                        let rows: Vec<_> = p
                            .stepper
                            .lanes()
                            .iter()
                            .map(|c| (c.lane().kind(), c.lane().counters()))
                            .collect();
                        download("compare-counters.csv", "text/csv", &to_csv(&rows));
                    }
                }
                CompareAction::ExportScript => {
                    download("compare.cmp", "text/plain", &run.borrow().text);
                }
            }
            bump();
        })
    };
    use_animation_frames(*playing, on_event.reform(LabEvent::Frame));
    use_shortcuts(on_event.reform(LabEvent::Key));

    let r = run.borrow();
    let (steps, total, shown, in_flight, hash) = match r.playing() {
        Some(p) => (
            p.stepper.steps(),
            p.total,
            p.shown,
            p.stepper.lanes().iter().map(|c| c.lane().in_flight()).sum(),
            format!("{:016x}", p.stepper.trace_hash()),
        ),
        None => (0, 0, Default::default(), 0, String::new()),
    };
    let transport = html! {
        <Controls playing={*playing} speed_exp={*speed} skip_idle={*skip_idle} idle={false}
            steps={steps} furthest={total} time_us={shown.0} in_flight={in_flight}
            hash={hash} seed={r.seed} rewound={false} violations={Rc::new(Vec::new())}
            on={on_event.clone()} />
    };
    let stage = match r.playing() {
        Some(p) => {
            let lanes = p.stepper.lanes().iter().map(|c| {
                let line = match c.line(p.stepper.script()) {
                    Some(l) => t.at_line.replace("{line}", &l.to_string()),
                    None => t.done.to_string(),
                };
                let props = lane_props(t, lang, c.lane(), p.shown, line);
                html! {
                    <LaneStage key={props.word} name={props.name} word={props.word} verdict={props.verdict}
                        verdict_class={props.verdict_class} nodes={props.nodes} messages={props.messages}
                        broken={props.broken} line={props.line} />
                }
            });
            html! {
                <section class="compare-stage" aria-label={t.stage}
                    style={format!("--lanes:{}", p.stepper.lanes().len())}>
                    { for lanes }
                </section>
            }
        }
        None => html! {
            <section class="compare-stage" aria-label={t.stage}>
                <p class="compare-error" role="alert">{ panels::error_words(t, lang, &r.state) }</p>
            </section>
        },
    };
    let mut panel_list = vec![
        FramePanel {
            id: "script",
            title: t.panels[0],
            content: html! {
                <panels::ScriptPanel text={r.text.clone()} error={panels::error_words(t, lang, &r.state)}
                    presets={PRESETS.len()} notice={*notice} link={(*shared).clone()} on={on_action.clone()} />
            },
        },
        FramePanel {
            id: "seq",
            title: t.panels[1],
            content: panels::sequences(&r, &ids),
        },
        FramePanel {
            id: "counters",
            title: t.panels[2],
            content: panels::counters(t, &r, &on_action),
        },
        FramePanel {
            id: "notes",
            title: t.panels[3],
            content: panels::notes(t, &r),
        },
    ];
    if let Some(summary) = &props.summary {
        panel_list.push(FramePanel {
            id: "summary",
            title: t.panels[4],
            content: summary.clone(),
        });
    }
    let head = props.head.clone().unwrap_or_else(|| {
        html! {
            <div class="compare-head"><h2 id={ids.id("compare-lab-title")}>{ t.heading }</h2><p class="page-lead" title={t.lead}>{ t.lead }</p></div>
        }
    });
    html! {
        <LabFrame class="page-compare-lab" {head}
            {transport} {stage} panels={panel_list} screen={props.screen} />
    }
}
