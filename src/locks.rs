//! The lock lab (`#/locks?preset=NAME`, and embedded in lessons): sequential-node locks
//! a learner can watch, break and fence.
//!
//! The runs are the core's ([`zooscope_core::scenario::lock_run::LockRun`]: the scenario
//! runner with the simulated Curator 5.4 recipes, moved along by scenario lines), held
//! in [`model::Model`]; what is drawn is the core's typed
//! [`zooscope_core::scenario::lock_view::LockView`]. Everything the learner does is a
//! scenario line played on every run, so back/forward, share links (`?log=…&at=…`) and
//! the exported `.scn` file (which `zooscope run` replays) are the same mechanism. The
//! lab sits in the house's [`LabFrame`], draws the ensemble with the election lab's
//! [`ClusterView`] and copies links with the lab's clipboard helper.
//!
//! * [`query`]: the address; [`model`]: the runs; [`queue`]: the queue drawing;
//!   [`aside`]: clients and servers with their buttons; [`panels`]: counters, the
//!   herd-versus-queue chart, the fenced storage, the 12306 sales and the console.

pub mod aside;
pub mod model;
pub mod panels;
pub mod query;
pub mod queue;

use crate::frame::keys::typing_target;
use crate::frame::{FramePanel, LabFrame};
use crate::lab::cluster::ClusterView;
use crate::lab::hooks::{copy_to_clipboard, download};
use crate::lab::session::LabSession;
use crate::lab::state::Selection;
use crate::lab::view::cluster_frame;
use crate::lang_ctx::use_lang;
use crate::route::Route;
use aside::{ClientsPanel, Target};
use model::Model;
use panels::{Console, CounterChips, CountersTable, StoragePanel, TicketsView, WakeupChart};
use query::LocksQuery;
use queue::QueueView;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;
use zooscope_core::scenario::lock_presets::{lock_of_script, Layout, PRESETS};
use zooscope_core::scenario::lock_view::{view, LockCounters, LockView};
use zooscope_core::world::NodeState;

/// Props of [`LockLab`].
#[derive(Properties, PartialEq)]
pub struct LockLabProps {
    /// The preset's name.
    pub preset: AttrValue,
    /// A lesson's script instead of the preset's.
    #[prop_or_default]
    pub script: Option<AttrValue>,
    /// The learner's lines to replay (a share link's).
    #[prop_or_default]
    pub log: Vec<String>,
    /// How many of them are played (None: all).
    #[prop_or_default]
    pub at: Option<usize>,
    /// Sellers of the 12306 preset.
    #[prop_or(4)]
    pub sellers: usize,
    /// Fill the window (the page); false embedded in a lesson.
    #[prop_or(true)]
    pub screen: bool,
}

fn fill(t: &str, pairs: &[(&str, String)]) -> String {
    let mut s = t.to_string();
    for (k, v) in pairs {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// The lock lab.
#[component]
pub fn LockLab(p: &LockLabProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.locks();
    let navigator = use_navigator();
    let lesson = p.script.as_ref().map(|s| lock_of_script(s));
    let model = use_mut_ref(|| {
        let target = lesson.clone().flatten();
        Model::open(
            &p.preset,
            p.script.as_deref(),
            target.as_ref().map(|(path, _)| path.as_str()),
            p.sellers,
            &p.log,
            p.at,
        )
    });
    let version = use_state(|| 0u64);
    let before = use_mut_ref(Vec::<LockCounters>::new);
    let notice = use_state(|| None::<&'static str>);
    let screen = p.screen;
    let sellers = p.sellers;

    // Keep the address the run's link, so reloading or sharing it gives this run.
    let sync_url = {
        let model = model.clone();
        move || {
            if !screen {
                return;
            }
            let m = model.borrow();
            let (at, n) = m.position();
            let q = LocksQuery {
                preset: Some(m.preset.name.to_string()),
                log: (n > 0).then(|| m.log_text()),
                at: (at < n).then_some(at),
                sellers: (m.layout() == Layout::Tickets).then_some(sellers),
            };
            let url = format!("#/locks?{}", q.to_query());
            if let Ok(h) = gloo::utils::window().history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
    };
    let counters_now = {
        let model = model.clone();
        move || -> Vec<LockCounters> {
            let m = model.borrow();
            m.sides
                .iter()
                .map(|s| view(s.run.runner(), &m.path).counters)
                .collect()
        }
    };
    let on_line = {
        let (model, version, before, notice) = (
            model.clone(),
            version.clone(),
            before.clone(),
            notice.clone(),
        );
        let (sync, now) = (sync_url.clone(), counters_now.clone());
        Callback::from(move |line: String| {
            *before.borrow_mut() = now();
            model.borrow_mut().act(&line);
            sync();
            notice.set(None);
            version.set(*version + 1);
        })
    };
    let on_seek = {
        let (model, version, before) = (model.clone(), version.clone(), before.clone());
        let (sync, now) = (sync_url.clone(), counters_now.clone());
        Callback::from(move |at: usize| {
            *before.borrow_mut() = now();
            model.borrow_mut().seek(at);
            sync();
            version.set(*version + 1);
        })
    };
    let on_measure = {
        let (model, version) = (model.clone(), version.clone());
        Callback::from(move |_| {
            model.borrow_mut().measure_chart();
            version.set(*version + 1);
        })
    };
    let on_sellers = {
        let navigator = navigator.clone();
        Callback::from(move |n: usize| {
            if let Some(nav) = &navigator {
                let q = LocksQuery {
                    preset: Some("tickets".into()),
                    sellers: Some(n),
                    ..LocksQuery::default()
                };
                let _ = nav.push_with_query(&Route::Locks, &q);
            }
        })
    };
    let on_preset = {
        let navigator = navigator.clone();
        Callback::from(move |e: Event| {
            let Some(name) = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
            else {
                return;
            };
            if let Some(nav) = &navigator {
                let q = LocksQuery {
                    preset: Some(name),
                    ..LocksQuery::default()
                };
                let _ = nav.push_with_query(&Route::Locks, &q);
            }
        })
    };
    let on_copy = {
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let href = gloo::utils::window().location().href().unwrap_or_default();
            let n = notice.clone();
            copy_to_clipboard(
                &href,
                Callback::from(move |ok: bool| n.set(Some(if ok { "copied" } else { "failed" }))),
            );
        })
    };
    let on_export = {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| {
            let m = model.borrow();
            if let Some(r) = m.main() {
                download(
                    &format!("locks-{}.scn", m.preset.name),
                    "text/plain",
                    &r.export(),
                );
            }
        })
    };
    let on_key = {
        let (model, on_seek) = (model.clone(), on_seek.clone());
        Callback::from(move |e: web_sys::KeyboardEvent| {
            if typing_target(&e, &e.key()) || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let (at, n) = model.borrow().position();
            let to = match e.key().as_str() {
                "ArrowLeft" | "," => at.checked_sub(1),
                "ArrowRight" | "." => (at < n).then_some(at + 1),
                "Home" => Some(0),
                "End" => Some(n),
                _ => None,
            };
            if let Some(to) = to {
                e.prevent_default();
                on_seek.emit(to);
            }
        })
    };

    // ←/→ (or , and .) step through the learner's lines, Home/End jump: on the document,
    // so they work wherever the focus is (not while typing).
    use_effect_with((), move |_| {
        use gloo::events::{EventListener, EventListenerOptions};
        let options = EventListenerOptions::enable_prevent_default();
        let document = gloo::utils::document();
        let listener = EventListener::new_with_options(&document, "keydown", options, move |e| {
            if let Some(e) = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(e) {
                on_key.emit(e.clone());
            }
        });
        move || drop(listener)
    });

    // ----- what is drawn -------------------------------------------------------------
    let m = model.borrow();
    let _ = *version;
    let views: Vec<Rc<LockView>> = m
        .sides
        .iter()
        .map(|s| Rc::new(view(s.run.runner(), &m.path)))
        .collect();
    let before_counters = before.borrow().clone();
    let main_view = views.last().cloned().unwrap_or_default();
    let main = m.main();
    let world = main.and_then(|r| r.runner().world());
    let servers: Vec<(u64, bool)> = world.map_or_else(Vec::new, |w| {
        w.config()
            .servers
            .iter()
            .map(|s| {
                let up = w
                    .config()
                    .node_of(s.sid)
                    .is_some_and(|n| w.node_state(n) != Some(NodeState::Down));
                (s.sid, up)
            })
            .collect()
    });
    let (target_path, kinds): (String, Vec<String>) = match lesson.clone().flatten() {
        Some((path, kind)) => (path, vec![kind]),
        None => (
            m.preset.target.to_string(),
            m.preset.kinds.iter().map(|k| k.to_string()).collect(),
        ),
    };
    let layout = if p.script.is_some() {
        Layout::Queue
    } else {
        m.layout()
    };
    let writes = Rc::new(
        main.map(|r| r.runner().storage.writes.clone())
            .unwrap_or_default(),
    );
    let target = Rc::new(Target {
        path: target_path,
        kinds,
        servers,
        storage: layout == Layout::Fencing,
    });
    let release_line = match target.kinds.first().map(String::as_str) {
        Some("latch") | None => None,
        Some("mutex") => Some(format!("holder unlock {}", target.path)),
        Some(k) => Some(format!("holder unlock {} as {k}", target.path)),
    };
    let (at, n) = m.position();
    let preset_index = PRESETS
        .iter()
        .position(|x| x.name == m.preset.name)
        .unwrap_or(0);
    let (preset_title, preset_hint) = t.presets[preset_index];

    let head = html! {
        <div class="lk-head">
            <h1 class="lk-title">{ t.title }</h1>
            if p.script.is_none() {
                <label class="lk-preset">{ t.preset_label }{ " " }
                    <select onchange={on_preset} aria-label={t.preset_label}>
                        { for PRESETS.iter().enumerate().map(|(i, x)| html! {
                            <option value={x.name} selected={x.name == m.preset.name}>{ t.presets[i].0 }</option>
                        }) }
                    </select>
                </label>
            } else {
                <a class="lk-open" href={format!("#/locks?preset={}", m.preset.name)}>{ t.open_full }</a>
            }
        </div>
    };
    let banner = html! { <>
        if p.script.is_none() {
            <p class="lk-hint"><strong>{ preset_title }</strong>{ " — " }{ preset_hint }</p>
        }
        if let Some(e) = &m.error {
            <p class="lk-error" role="alert">{ fill(t.refused, &[("message", e.clone())]) }</p>
        }
        if let Some(nt) = *notice {
            <p class="lk-notice" role="status">{ if nt == "copied" { t.copied } else { t.copy_failed } }</p>
        }
    </> };
    let seek = |to: usize| {
        let on = on_seek.clone();
        Callback::from(move |_: MouseEvent| on.emit(to))
    };
    let wait = |s: u64| {
        let on = on_line.clone();
        Callback::from(move |_: MouseEvent| on.emit(format!("wait {s}s")))
    };
    let transport = html! {
        <div class="lk-transport" role="toolbar" aria-label={t.title}>
            <button type="button" class="btn lk-to-start" disabled={at == 0} onclick={seek(0)}>{ t.to_start }</button>
            <button type="button" class="btn lk-back" disabled={at == 0} onclick={seek(at.saturating_sub(1))}>{ t.back }</button>
            <span class="lk-position" aria-live="polite">{ fill(t.position, &[("at", at.to_string()), ("n", n.to_string())]) }</span>
            <button type="button" class="btn lk-forward" disabled={at >= n} onclick={seek(at + 1)}>{ t.forward }</button>
            <button type="button" class="btn lk-to-end" disabled={at >= n} onclick={seek(n)}>{ t.to_end }</button>
            if let Some(line) = release_line.clone() {
                <button type="button" class="btn btn-primary lk-release-holder" onclick={
                    let on = on_line.clone();
                    Callback::from(move |_: MouseEvent| on.emit(line.clone()))
                }>{ t.release_holder }</button>
            }
            <span class="lk-sep"></span>
            { for [1u64, 10, 60].into_iter().map(|s| html! {
                <button type="button" class={classes!("btn", "lk-wait")} data-wait={s.to_string()} onclick={wait(s)}>
                    { fill(t.wait, &[("s", s.to_string())]) }</button>
            }) }
            <span class="lk-sep"></span>
            if screen {
                <button type="button" class="btn lk-copy" onclick={on_copy}>{ t.copy_link }</button>
            }
            <button type="button" class="btn lk-export" onclick={on_export}>{ t.export }</button>
        </div>
    };
    let side_heading = |i: usize| -> AttrValue {
        match layout {
            Layout::HerdVsQueue if i == 0 => t.herd_side.into(),
            Layout::HerdVsQueue => t.queue_side.into(),
            Layout::Tickets if i == 0 => t.without_lock.into(),
            Layout::Tickets => t.with_lock.into(),
            _ => AttrValue::default(),
        }
    };
    let counter_sides: Vec<(AttrValue, LockCounters, LockCounters)> = views
        .iter()
        .enumerate()
        .map(|(i, v)| {
            (
                side_heading(i),
                v.counters,
                before_counters.get(i).copied().unwrap_or(v.counters),
            )
        })
        .collect();
    let counters = html! { <CountersTable sides={counter_sides.clone()} texts={t} /> };
    let chart = html! {
        <WakeupChart points={m.chart.clone().map(Rc::new)} on_measure={on_measure} texts={t} />
    };
    let storage = html! { <StoragePanel writes={writes.clone()} texts={t} /> };
    let stage = match layout {
        Layout::HerdVsQueue => html! {
            <div class="lk-stage lk-compare">
                <div class="lk-sides">
                    { for views.iter().enumerate().map(|(i, v)| html! {
                        <div class="lk-side" data-side={if i == 0 { "herd" } else { "queue" }}>
                            <QueueView view={v.clone()} texts={t} heading={side_heading(i)} per_row={3} />
                            <CounterChips now={v.counters} side={i} texts={t}
                                before={before_counters.get(i).copied().unwrap_or(v.counters)} />
                        </div>
                    }) }
                </div>
            </div>
        },
        Layout::Tickets => {
            let runs = m
                .sides
                .iter()
                .enumerate()
                .map(|(i, s)| (side_heading(i), s.run.runner().tickets.clone().map(Rc::new)))
                .collect::<Vec<_>>();
            html! { <div class="lk-stage"><h2 class="lk-subtitle">{ t.tickets_title }</h2>
            <TicketsView runs={runs} sellers={p.sellers} on_sellers={on_sellers} texts={t} /></div> }
        }
        Layout::Fencing => html! {
            <div class="lk-stage lk-fencing">
                <QueueView view={main_view.clone()} texts={t} />
                <section class="lk-storage-box"><h2 class="lk-subtitle">{ t.storage_title }</h2>{ storage.clone() }</section>
            </div>
        },
        Layout::Queue => {
            html! { <div class="lk-stage"><QueueView view={main_view.clone()} texts={t} /></div> }
        }
    };
    let aside = match layout {
        Layout::HerdVsQueue => chart.clone(),
        Layout::Tickets => html! {},
        _ => html! { <CounterChips now={main_view.counters}
        before={before_counters.last().copied().unwrap_or(main_view.counters)} texts={t} /> },
    };
    let ensemble = world.map(|w| {
        let session = LabSession::of_world(w.clone());
        let frame = Rc::new(cluster_frame(&session));
        html! { <ClusterView frame={frame} selected={Selection::None} playing={false}
        reduced_motion={true} on_command={Callback::noop()} read_only={true} /> }
    });
    let transcript = Rc::new(main.map(|r| r.transcript().to_vec()).unwrap_or_default());
    let panels = vec![
        FramePanel {
            id: "clients",
            title: t.tabs[1],
            content: html! { <ClientsPanel clients={Rc::new(main_view.clients.clone())} target={target.clone()}
            writes={writes.len()} on_line={on_line.clone()} texts={t} /> },
        },
        FramePanel {
            id: "counters",
            title: t.tabs[2],
            content: html! { <>{ counters }{ chart }</> },
        },
        FramePanel {
            id: "ensemble",
            title: t.tabs[3],
            content: ensemble.unwrap_or_default(),
        },
        FramePanel {
            id: "storage",
            title: t.tabs[4],
            content: storage,
        },
        FramePanel {
            id: "console",
            title: t.tabs[5],
            content: html! { <Console transcript={transcript} on_line={on_line.clone()} texts={t} /> },
        },
    ];
    html! {
        <div class="lk-root" data-preset={m.preset.name} data-at={at.to_string()}>
            <LabFrame class="page-locks" head={head} banner={banner} transport={transport}
                stage={stage} aside={aside} panels={panels} initial={Some("clients")} screen={p.screen}
                shortcuts={Some(&t.shortcuts[..])} />
        </div>
    }
}
