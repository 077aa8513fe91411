//! The lab's live kernel check: Play / Pause / Step / Reset over [`RingDemo`], with
//! counters and the newest trace lines.
//!
//! The world lives in a `use_mut_ref` (cloning it per frame would be wasteful) and a
//! force-update re-renders after each advance. Playback is a `gloo` interval held in an
//! effect: dropping it (pause, unmount) cancels it. Every advance also publishes the
//! run's reproduction key for the panic overlay.

use crate::decimal::fixed;
use crate::demo::{format_ms, DemoView, RingDemo};
use crate::i18n::Texts;
use crate::lang_ctx::use_texts;
use crate::panic;
use gloo::timers::callback::Interval;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds between playback ticks.
pub const TICK_MS: u32 = 120;

/// The demo card.
#[component]
pub fn RingDemoCard() -> Html {
    let t = use_texts();
    let demo = use_mut_ref(RingDemo::default);
    let playing = use_state(|| false);
    let redraw = use_force_update();

    {
        let demo = demo.clone();
        let redraw = redraw.clone();
        use_effect_with(*playing, move |playing| {
            let interval = playing.then(|| {
                Interval::new(TICK_MS, move || {
                    advance(&demo, |d| {
                        d.tick();
                    });
                    redraw.force_update();
                })
            });
            move || drop(interval)
        });
    }
    // Leaving the page: the key no longer describes anything on screen.
    use_effect_with((), |_| move || panic::set_repro_key(None));

    let on_play = {
        let playing = playing.clone();
        Callback::from(move |_: MouseEvent| playing.set(!*playing))
    };
    let on_step = {
        let (demo, playing, redraw) = (demo.clone(), playing.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            playing.set(false);
            advance(&demo, |d| {
                d.step();
            });
            redraw.force_update();
        })
    };
    let on_reset = {
        let (demo, playing, redraw) = (demo.clone(), playing.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            playing.set(false);
            *demo.borrow_mut() = RingDemo::default();
            panic::set_repro_key(None);
            redraw.force_update();
        })
    };

    let view = demo.borrow().view();
    let play_label = if *playing { t.demo_pause } else { t.demo_play };
    html! {
        <section class="card demo-card" aria-labelledby="demo-title">
            <div class="card-head">
                <h2 id="demo-title">{ t.demo_title }</h2>
                <span class={classes!("live-dot", playing.then_some("on"))} aria-hidden="true"></span>
            </div>
            <p class="muted">{ t.demo_lead }</p>
            <div class="demo-controls" role="group">
                <button id="demo-play" class="btn btn-primary" type="button" onclick={on_play}
                    aria-pressed={playing.to_string()}>
                    { icon(if *playing { PAUSE_ICON } else { PLAY_ICON }) }{ play_label }
                </button>
                <button id="demo-step" class="btn" type="button" onclick={on_step}>{ icon(STEP_ICON) }{ t.demo_step }</button>
                <button id="demo-reset" class="btn btn-ghost" type="button" onclick={on_reset}>{ icon(RESET_ICON) }{ t.demo_reset }</button>
            </div>
            <div class="demo-body">
                { ring_figure(&view, t) }
                <dl class="stats">
                    { stat(t.demo_events, "demo-events", view.events.to_string()) }
                    { stat(t.demo_time, "demo-time", format_ms(view.time_us)) }
                    { stat(t.demo_in_flight, "demo-in-flight", view.in_flight.to_string()) }
                    { stat(t.demo_hash, "demo-hash", format!("{:016x}", view.trace_hash)) }
                </dl>
            </div>
            <h3 class="log-title">{ t.demo_log }</h3>
            <ol class="event-log" id="demo-log" aria-live="off">
                if view.log.is_empty() {
                    <li class="log-empty">{ t.demo_log_empty }</li>
                } else {
                    { for view.log.iter().map(|(seq, line)| html! { <li key={*seq}>{ line }</li> }) }
                }
            </ol>
        </section>
    }
}

/// Apply `f` to the demo and publish the new reproduction key.
fn advance(demo: &Rc<RefCell<RingDemo>>, f: impl FnOnce(&mut RingDemo)) {
    let mut d = demo.borrow_mut();
    f(&mut d);
    panic::set_repro_key(Some(&d.repro_key()));
}

const PLAY_ICON: &str = "M8 5.5v13l10.5-6.5z";
const PAUSE_ICON: &str = "M7 5h3.5v14H7zM13.5 5H17v14h-3.5z";
const STEP_ICON: &str = "M6 5.5v13l8.5-6.5zM16 5h2.5v14H16z";
const RESET_ICON: &str = "M5 12a7 7 0 1 0 2.1-5M5 4.5V8h3.5";

/// A small button icon (solid for play/pause/step, stroked for reset).
fn icon(d: &'static str) -> Html {
    let class = if d == RESET_ICON {
        "btn-icon stroked"
    } else {
        "btn-icon"
    };
    html! { <svg class={class} viewBox="0 0 24 24" aria-hidden="true"><path d={d} /></svg> }
}

/// An SVG coordinate to the hundredth (see [`crate::decimal`]).
fn num(v: f32) -> String {
    fixed(f64::from(v), 2)
}

/// Ring geometry (SVG user units).
const RING_CX: f32 = 110.0;
const RING_CY: f32 = 97.0;
const RING_R: f32 = 70.0;

fn node_xy(index: u32, count: u32) -> (f32, f32) {
    // The angle in f64: the lab's drawings already link f64 sin/cos, so this spares the
    // bundle the f32 versions (the result is rounded to f32 as before).
    let count = f64::from(count.max(1));
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * f64::from(index) / count;
    (
        RING_CX + RING_R * angle.cos() as f32,
        RING_CY + RING_R * angle.sin() as f32,
    )
}

/// The ring: nodes on a circle, links between neighbours, balls where they are on the wire.
fn ring_figure(view: &DemoView, t: &'static Texts) -> Html {
    let n = view.nodes.len() as u32;
    let links = (0..n).map(|i| {
        let (x1, y1) = node_xy(i, n);
        let (x2, y2) = node_xy((i + 1) % n, n);
        html! { <line class="ring-link" x1={num(x1)} y1={num(y1)} x2={num(x2)} y2={num(y2)} /> }
    });
    let balls = view.balls.iter().map(|b| {
        let (x1, y1) = node_xy(b.from, n);
        let (x2, y2) = node_xy(b.to, n);
        let f = b.progress_permille as f32 / 1000.0;
        let (x, y) = (x1 + (x2 - x1) * f, y1 + (y2 - y1) * f);
        html! { <circle key={b.id} class="ring-ball" cx={num(x)} cy={num(y)} r="7" /> }
    });
    let nodes = view.nodes.iter().map(|node| {
        let (x, y) = node_xy(node.id, n);
        let class = classes!("ring-node", (node.status != "connected").then_some("waiting"));
        html! {
            <g key={node.id} class={class}>
                <circle cx={num(x)} cy={num(y)} r="22" />
                <text class="ring-id" x={num(x)} y={num(y - 2.0)} text-anchor="middle">{ format!("n{}", node.id) }</text>
                <text class="ring-count" x={num(x)} y={num(y + 11.0)} text-anchor="middle">{ node.received.to_string() }</text>
            </g>
        }
    });
    html! {
        <figure class="ring-figure">
            <svg class="ring" viewBox="0 0 220 164" role="img" aria-label={t.demo_ring_aria}>
                { for links }
                { for balls }
                { for nodes }
            </svg>
            <figcaption>{ t.demo_ring_caption }</figcaption>
        </figure>
    }
}

fn stat(label: &'static str, id: &'static str, value: String) -> Html {
    html! {
        <div class="stat">
            <dt>{ label }</dt>
            <dd id={id}>{ value }</dd>
        </div>
    }
}
