//! A lesson's embedded lab run, made of the lab's own parts: its reducer ([`LabState`],
//! around the lesson's run, so quizzes and steps read the very world the learner plays),
//! its transport bar ([`Controls`]: Play/Pause, Step, Next, speed and the timeline that
//! rewinds), its cluster view and inspector, and the lab's share link of the run's current
//! moment (Copy link, Open in the full lab).
//!
//! Left out on purpose: the lab's keyboard shortcuts and the frame's number keys (a lesson
//! page may hold several runs, and presenter mode owns ←/→/space), and the lab's set-up,
//! import and seed-changing Reset: Reset here re-opens the lesson's own script.

use crate::lab::cluster::ClusterView;
use crate::lab::controls::Controls;
use crate::lab::derive::ViewCache;
use crate::lab::event::{on_click, LabEvent};
use crate::lab::hooks::{prefers_reduced_motion, use_animation_frames};
use crate::lab::inspector::Inspector;
use crate::lab::notice::NoticeBox;
use crate::lab::run::LabState;
use crate::lab::session::LabSession;
use crate::lab::share;
use crate::lab::state::Selection;
use crate::lang_ctx::use_lang;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;
use zooscope_core::scenario::Runner;

/// Props of [`EmbeddedRun`].
#[derive(Properties, Clone)]
pub struct EmbedProps {
    /// The lesson's run of this lab (shared with the page's quizzes and steps).
    pub session: Rc<RefCell<LabSession>>,
    /// Bumped when the page changed the run (a line typed into the console).
    pub version: u64,
    /// Reset: re-open the lesson's script.
    pub on_reset: Callback<()>,
    /// The run moved and came to rest (paused, stepped, rewound).
    pub on_change: Callback<()>,
}

impl PartialEq for EmbedProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session) && self.version == other.version
    }
}

/// The embedded run.
#[component]
pub fn EmbeddedRun(p: &EmbedProps) -> Html {
    let lang = use_lang().lang;
    let c = lang.course();
    let lab = use_reducer({
        let session = p.session.clone();
        move || LabState::around(session)
    });
    let reduced_motion = use_state(prefers_reduced_motion);
    let cache = use_mut_ref(ViewCache::default);
    lab.driver.borrow_mut().lang = lang;
    // Made once, as the lab makes its own (stable handles keep children from re-rendering).
    let on = (*use_memo((), {
        let (dispatcher, relay) = (lab.dispatcher(), lab.relay.clone());
        let on_reset = p.on_reset.clone();
        move |_| {
            let on = Callback::from(move |ev: LabEvent| match ev {
                LabEvent::Reset(_) => on_reset.emit(()),
                ev => dispatcher.dispatch(ev),
            });
            *relay.borrow_mut() = Some(on.clone());
            on
        }
    }))
    .clone();
    let on_command = use_memo((), {
        let on = on.clone();
        move |_| on.reform(LabEvent::Command)
    });
    use_animation_frames(lab.ui.playing, on.reform(LabEvent::Frame));
    let d = cache
        .borrow_mut()
        .derive(&lab.session.borrow(), &lab.ui, lang);
    // Tell the page when the run comes to rest at a new place (its QR code, its steps).
    {
        let on_change = p.on_change.clone();
        let rest = (!lab.ui.playing).then_some(d.steps);
        use_effect_with(rest, move |rest| {
            if rest.is_some() {
                on_change.emit(());
            }
        });
    }
    let s = lab.session.borrow();
    let w = s.world();
    let states: Vec<(u64, String)> = w
        .config()
        .servers
        .iter()
        .map(|x| (x.sid, Runner::status_of(w, x.sid)))
        .collect();
    let ui = &lab.ui;
    let base = gloo::utils::window().location().href().unwrap_or_default();
    let link = share::link(&base, &s);
    let open_href = format!("#/lab?key={}", s.key_text());
    html! {
        // `lab`: the lab's palette and styles apply.
        // Its element ids are scoped by the lesson's lab piece (`components::ids`).
        <div class="embedded-run lab">
            <Controls playing={ui.playing} speed_exp={ui.speed_exp} skip_idle={ui.skip_idle} idle={ui.idle && ui.playing}
                steps={d.steps} furthest={s.furthest()} time_us={s.now().0} in_flight={d.frame.in_flight}
                hash={s.trace_hash_hex()} seed={w.seed()} rewound={s.rewound()} violations={d.violations.clone()}
                on={on.clone()} />
            <div class="piece-cluster">
                <ClusterView frame={d.frame.clone()} selected={ui.selected} playing={ui.playing}
                    reduced_motion={*reduced_motion} on_command={(*on_command).clone()} />
            </div>
            if ui.selected != Selection::None {
                <div class="embedded-inspector">
                    <Inspector selected={ui.selected} data={d.inspector.clone()} on_command={(*on_command).clone()} />
                </div>
            }
            <ul class="lab-states">
                { for states.iter().map(|(sid, st)| html! {
                    <li class={format!("state state-{}", st.replace(' ', "-"))}>
                        <code>{ format!("server {sid}: {st}") }</code>
                    </li>
                }) }
            </ul>
            <div class="piece-actions embedded-share" data-link={link}>
                <button type="button" class="btn btn-small lab-copy" onclick={on_click(&on, LabEvent::Copy)}>
                    { lang.lab().copy_link }
                </button>
                <a class="btn btn-small btn-ghost lab-open" href={open_href}>{ c.lab_open }</a>
            </div>
            <NoticeBox notice={ui.notice.clone()} on={on.clone()} />
        </div>
    }
}
