//! The lab page: a [`LabFrame`] whose stage is the cluster view, whose transport is the
//! time controls, whose aside is the inspector and whose detail panels are the ballot
//! box, ZAB, data tree and console, event log, sequence diagram, safety checks, network
//! and set-up, and sharing. State lives in one `use_reducer` ([`LabState`], fed
//! [`LabEvent`]s); the views of the run are derived per render ([`ViewCache`]).

use super::cluster::ClusterView;
use super::controls::Controls;
use super::derive::{Derived, ViewCache};
use super::event::LabEvent;
use super::history::{EventLog, SequenceDiagram};
use super::hooks::{prefers_reduced_motion, use_animation_frames, use_shortcuts};
use super::inspector::Inspector;
use super::notice::NoticeBox;
use super::panels::{BallotBox, DataView, InvariantPanel, PanelProps, ZabView};
use super::run::{scenario_id, LabState};
use super::scenario_card::ScenarioCard;
use super::share::ShareQuery;
use super::tools::{ClientsNetwork, SetupCard, ShareCard};
use crate::frame::{FramePanel, LabFrame};
use crate::lang_ctx::use_lang;
use crate::panic;
use std::collections::VecDeque;
use yew::prelude::*;
use yew_router::prelude::*;

/// The lab.
#[component]
pub fn LabApp() -> Html {
    let lang = use_lang().lang;
    let location = use_location();
    let query = location
        .as_ref()
        .map(|loc| ShareQuery::parse(loc.query_str()))
        .unwrap_or_default();
    let requested = scenario_id(&query);

    let lab = use_reducer(|| LabState::boot(&query));
    let reduced_motion = use_state(prefers_reduced_motion);
    let cache = use_mut_ref(ViewCache::default);
    lab.driver.borrow_mut().lang = lang;

    // The callbacks are made once (their handles are stable), so a child whose other
    // props did not change is not re-rendered just because a new callback was passed
    // down: that used to re-render every panel on every frame.
    let on = (*use_memo((), {
        let (dispatcher, relay) = (lab.dispatcher(), lab.relay.clone());
        move |_| {
            let on = Callback::from(move |ev: LabEvent| dispatcher.dispatch(ev));
            // Answers that come later (the clipboard's) come back through it.
            *relay.borrow_mut() = Some(on.clone());
            on
        }
    }))
    .clone();
    let (on_command, on_frame, on_key) = (*use_memo((), {
        let on = on.clone();
        move |_| {
            (
                on.reform(LabEvent::Command),
                on.reform(LabEvent::Frame),
                on.reform(LabEvent::Key),
            )
        }
    }))
    .clone();

    // Test hooks, panic overlay key.
    {
        let session = lab.session.clone();
        use_effect_with((), move |_| {
            super::debug::register(&session);
            panic::set_repro_key(Some(&session.borrow().key_text()));
            move || {
                super::debug::unregister();
                panic::set_repro_key(None);
            }
        });
    }
    // A different key or scenario in the address of this tab.
    {
        let on = on.clone();
        use_effect_with((query.key.clone(), requested.clone()), move |(key, id)| {
            on.emit(LabEvent::Address(key.clone(), id.clone()))
        });
    }
    use_animation_frames(lab.ui.playing, on_frame);
    use_shortcuts(on_key);

    let d = cache
        .borrow_mut()
        .derive(&lab.session.borrow(), &lab.ui, lang);
    let transport = {
        let s = lab.session.borrow();
        let ui = &lab.ui;
        html! {
            <Controls playing={ui.playing} speed_exp={ui.speed_exp} skip_idle={ui.skip_idle} idle={ui.idle && ui.playing}
                steps={d.steps} furthest={s.furthest()} time_us={s.now().0} in_flight={d.frame.in_flight}
                hash={s.trace_hash_hex()} seed={s.world().seed()} rewound={s.rewound()} violations={d.violations.clone()}
                on={on.clone()} />
        }
    };
    let stage = html! {
        <section class="card cluster-card" aria-labelledby="cluster-title">
            <h2 id="cluster-title" class="visually-hidden">{ lang.lab().cluster_title }</h2>
            <ClusterView frame={d.frame.clone()} selected={lab.ui.selected} playing={lab.ui.playing}
                reduced_motion={*reduced_motion} on_command={on_command.clone()} />
        </section>
    };
    let aside = html! {
        <Inspector selected={lab.ui.selected} data={d.inspector.clone()} on_command={on_command.clone()} />
    };
    let banner = html! {
        <>
            <ScenarioCard index={lab.scenario} on={on.clone()} />
            <NoticeBox notice={lab.ui.notice.clone()} on={on.clone()} />
        </>
    };
    let panels = detail_panels(&lab, &d, &on);
    html! {
        <LabFrame class="page-lab lab" head={html! { <LabHead requested={requested} /> }}
            {banner} {transport} {stage} {aside} {panels}>
            <LiveRegion lines={lab.ui.live.clone()} />
        </LabFrame>
    }
}

/// The election lab's detail panels, in number-key order.
fn detail_panels(lab: &LabState, d: &Derived, on: &Callback<LabEvent>) -> Vec<FramePanel> {
    let tabs = &lab.driver.borrow().lang.frame().tabs;
    let on_command = on.reform(LabEvent::Command);
    let on_ui = on.reform(LabEvent::Ui);
    let panel = || PanelProps {
        view: d.panels.clone(),
        selected: d.selected_sid,
        on_command: on_command.clone(),
    };
    let ui = &lab.ui;
    let setup = lab.driver.borrow().setup.clone();
    vec![
        FramePanel {
            id: "ballot",
            title: tabs.ballot,
            content: html! { <BallotBox ..panel() /> },
        },
        FramePanel {
            id: "zab",
            title: tabs.zab,
            content: html! { <ZabView ..panel() /> },
        },
        FramePanel {
            id: "data",
            title: tabs.data,
            content: html! { <DataView ..panel() /> },
        },
        FramePanel {
            id: "log",
            title: tabs.log,
            content: html! {
                <EventLog lines={d.log.clone()} nodes={d.nodes.clone()} category={ui.log_category} node={ui.log_node}
                    step={d.steps} on_ui={on_ui.clone()} on_command={on_command.clone()} />
            },
        },
        FramePanel {
            id: "seq",
            title: tabs.seq,
            content: html! { <SequenceDiagram data={d.seq.clone()} on_command={on_command.clone()} /> },
        },
        FramePanel {
            id: "safety",
            title: tabs.safety,
            content: html! { <InvariantPanel ..panel() /> },
        },
        FramePanel {
            id: "setup",
            title: tabs.setup,
            content: html! {
                <div class="panel-stack">
                    <ClientsNetwork servers={d.servers.clone()} clients={d.clients} on={on.clone()} />
                    <SetupCard {setup} on={on.clone()} />
                </div>
            },
        },
        FramePanel {
            id: "share",
            title: tabs.share,
            content: html! { <ShareCard link={lab.link.clone()} on={on.clone()} /> },
        },
    ]
}

/// Props of [`LabHead`].
#[derive(Properties, PartialEq)]
struct LabHeadProps {
    /// The scenario id the address asks for.
    requested: Option<String>,
}

/// The title row: "Election lab", the scenario in play (and its lesson's title).
#[component]
fn LabHead(p: &LabHeadProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts();
    let lesson_title = p.requested.as_deref().and_then(|id| {
        crate::catalogue::LESSONS
            .iter()
            .position(|x| x.scenario == id)
            .and_then(|i| t.lessons.get(i))
            .map(|x| x.title)
    });
    html! {
        <header class="page-head lab-head">
            <div class="title-row">
                <h1>{ t.lab_title }</h1>
                <p class="scenario-line" title={match p.requested.as_deref() {
                    Some(id) => format!("{} {id}", t.lab_scenario),
                    None => format!("{} {}", t.lab_scenario, t.lab_scenario_none),
                }}>
                    <span class="muted">{ t.lab_scenario }</span>
                    if let Some(id) = p.requested.clone() {
                        <code id="lab-scenario">{ id }</code>
                        if let Some(title) = lesson_title {
                            <span class="scenario-title">{ " — " }{ title }</span>
                        }
                    } else {
                        <span id="lab-scenario">{ t.lab_scenario_none }</span>
                    }
                </p>
            </div>
            <p class="page-lead" title={lang.lab().lead}>{ lang.lab().lead }</p>
        </header>
    }
}

/// Props of [`LiveRegion`].
#[derive(Properties, PartialEq)]
struct LiveProps {
    /// The newest sentences.
    lines: VecDeque<String>,
}

/// The polite live region that narrates what changed (role changes, violations).
#[component]
fn LiveRegion(p: &LiveProps) -> Html {
    html! {
        <div id="lab-live" class="visually-hidden" role="status" aria-live="polite" aria-atomic="false">
            { for p.lines.iter().map(|line| html! { <p>{ line.clone() }</p> }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::super::state::UiState;

    #[test]
    fn live_lines_are_bounded() {
        let mut ui = UiState::default();
        for i in 0..10 {
            ui.apply(super::super::state::UiAction::Live(vec![format!("{i}")]));
        }
        assert_eq!(ui.live.len(), super::super::state::LIVE_LINES_MAX);
    }
}
