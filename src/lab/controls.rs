//! The transport bar (Play / Pause, Step, Next, speed, quiet-time skipping, seed and
//! Reset), the run's counters, and the timeline slider that rewinds anywhere in the run.

use super::command::LabCommand;
use super::event::{on_click, LabEvent};
use super::state::UiAction;
use super::view::{fill, format_time, speed_label, SPEED_EXP_MAX, SPEED_EXP_MIN};
use crate::components::ids::use_id_scope;
use crate::lang_ctx::use_lang;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Playing.
    pub playing: bool,
    /// Speed slider value.
    pub speed_exp: f64,
    /// Quiet-time skipping on.
    pub skip_idle: bool,
    /// The clock is jumping now.
    pub idle: bool,
    /// Events processed.
    pub steps: u64,
    /// Furthest event reached.
    pub furthest: u64,
    /// Displayed clock, µs.
    pub time_us: u64,
    /// Messages in flight.
    pub in_flight: usize,
    /// Trace hash (hex).
    pub hash: String,
    /// The run's seed.
    pub seed: u64,
    /// Looking at the past.
    pub rewound: bool,
    /// Steps with a safety violation (markers on the slider).
    pub violations: Rc<Vec<u64>>,
    /// UI state changes, run changes, Reset.
    pub on: Callback<LabEvent>,
}

const PLAY_ICON: &str = "M8 5.5v13l10.5-6.5z";
const PAUSE_ICON: &str = "M7 5h3.5v14H7zM13.5 5H17v14h-3.5z";
const STEP_ICON: &str = "M6 5.5v13l8.5-6.5zM16 5h2.5v14H16z";
const NEXT_ICON: &str = "M4 5.5v13l7-6.5zM12 5.5v13l7-6.5z";

fn icon(d: &'static str) -> Html {
    html! { <svg class="btn-icon" viewBox="0 0 24 24" aria-hidden="true"><path d={d} /></svg> }
}

/// A transport button: icon and label (`pressed` for the toggle's `aria-pressed`).
fn transport_button(
    id: AttrValue,
    class: &'static str,
    onclick: Callback<MouseEvent>,
    title: &'static str,
    pressed: Option<&'static str>,
    icon_path: &'static str,
    label: &'static str,
) -> Html {
    html! {
        <button {id} type="button" {class} {title} aria-pressed={pressed} {onclick}>
            { icon(icon_path) }{ label }
        </button>
    }
}

/// One counter of the stats row.
fn stat(label: &'static str, id: AttrValue, value: Html) -> Html {
    html! {
        <div class="stat"><dt>{ label }</dt><dd {id}>{ value }</dd></div>
    }
}

/// The transport bar and timeline.
#[component]
pub fn Controls(p: &ControlsProps) -> Html {
    let l = use_lang().lang.lab();
    let ids = use_id_scope();
    let seed_text = use_state(|| p.seed.to_string());
    {
        // A new run (reset, link, import) shows its own seed.
        let seed_text = seed_text.clone();
        use_effect_with(p.seed, move |seed| seed_text.set(seed.to_string()));
    }

    let on_play = on_click(&p.on, LabEvent::Ui(UiAction::TogglePlay));
    let on_step = on_click(&p.on, LabEvent::Command(LabCommand::Step));
    let on_next = on_click(&p.on, LabEvent::Command(LabCommand::Next));
    let on_speed = {
        let on = p.on.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            // The browser's own number (no f64 parser in the bundle for one slider).
            let v = input.value_as_number();
            if v.is_finite() {
                on.emit(LabEvent::Ui(UiAction::SetSpeed(v)));
            }
        })
    };
    let on_skip = {
        let on = p.on.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on.emit(LabEvent::Ui(UiAction::SetSkipIdle(input.checked())));
        })
    };
    let on_seek = {
        let on = p.on.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<u64>() {
                on.emit(LabEvent::Command(LabCommand::JumpToStep(v)));
            }
        })
    };
    let on_seed_input = {
        let seed_text = seed_text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            seed_text.set(input.value().chars().take(24).collect());
        })
    };
    let seed_value = seed_text.trim().parse::<u64>().ok();
    let reset = LabEvent::Reset(seed_value.unwrap_or(p.seed));
    let on_reset = on_click(&p.on, reset.clone());
    let on_seed_key = {
        let on = p.on.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                on.emit(reset.clone());
            }
        })
    };

    let max = p.furthest.max(p.steps).max(1);
    let position = fill(
        l.position,
        &[("step", p.steps.to_string()), ("total", max.to_string())],
    );
    let markers = p.violations.iter().take(32).map(|&s| {
        let pct = (s as f64 / max as f64 * 100.0).clamp(0.0, 100.0);
        html! { <span class="tl-violation" style={format!("left:{pct:.2}%")} aria-hidden="true" /> }
    });
    let play_label = if p.playing { l.pause } else { l.play };
    html! {
        <section class="lab-controls card" aria-label={l.timeline}>
            <div class="transport" role="toolbar" aria-label={l.play_title}>
                { transport_button(ids.id("lab-play"), "btn btn-primary", on_play, l.play_title,
                    Some(if p.playing { "true" } else { "false" }),
                    if p.playing { PAUSE_ICON } else { PLAY_ICON }, play_label) }
                { transport_button(ids.id("lab-step"), "btn", on_step, l.step_title, None, STEP_ICON, l.step) }
                { transport_button(ids.id("lab-next"), "btn", on_next, l.next_title, None, NEXT_ICON, l.next) }
                <div class="speed">
                    <label for={ids.id("lab-speed")}>{ l.speed }{ " " }<output id={ids.id("lab-speed-value")}>{ speed_label(p.speed_exp) }</output></label>
                    <input id={ids.id("lab-speed")} type="range" min={format!("{SPEED_EXP_MIN:.2}")} max={format!("{SPEED_EXP_MAX:.2}")}
                        step="0.05" value={format!("{:.2}", p.speed_exp)} oninput={on_speed}
                        aria-valuetext={speed_label(p.speed_exp)} />
                    <div class="speed-ends muted" aria-hidden="true">
                        <span>{ l.speed_slow }</span><span>{ l.speed_fast }</span>
                    </div>
                </div>
                <label class="check" title={l.skip_idle_title}>
                    <input id={ids.id("lab-skip-idle")} type="checkbox" checked={p.skip_idle} onchange={on_skip} />
                    { l.skip_idle }
                </label>
                <div class="seed">
                    <label for={ids.id("lab-seed")}>{ l.seed }</label>
                    <input id={ids.id("lab-seed")} type="text" inputmode="numeric" value={(*seed_text).clone()}
                        oninput={on_seed_input} onkeydown={on_seed_key}
                        aria-invalid={seed_value.is_none().to_string()} size="8" />
                    <button id={ids.id("lab-reset")} type="button" class="btn btn-ghost" title={l.reset_title}
                        onclick={on_reset}>{ l.reset }</button>
                </div>
            </div>
            <div class="timeline">
                <label for={ids.id("lab-timeline")} class="tl-label">{ l.timeline }</label>
                <div class="tl-track">
                    <input id={ids.id("lab-timeline")} type="range" min="0" max={max.to_string()} step="1"
                        value={p.steps.to_string()} oninput={on_seek} aria-valuetext={position.clone()} />
                    <div class="tl-markers">{ for markers }</div>
                </div>
                <span class="tl-pos" id={ids.id("lab-position")}>{ position }</span>
            </div>
            <dl class="lab-stats">
                { stat(l.stat_events, ids.id("lab-events"), p.steps.into()) }
                { stat(l.stat_time, ids.id("lab-time"), format_time(zooscope_core::time::SimTime(p.time_us)).into()) }
                { stat(l.stat_in_flight, ids.id("lab-in-flight"), p.in_flight.into()) }
                { stat(l.stat_hash, ids.id("lab-hash"), html! { <code>{ p.hash.clone() }</code> }) }
                if p.idle {
                    <div class="stat idle-note"><dd>{ "» " }{ l.idle_note }</dd></div>
                }
                <div class="stat keys-help"><dd class="muted">{ l.keys_help }</dd></div>
            </dl>
            if p.rewound {
                <p class="rewound-note" role="note">{ l.rewound_note }</p>
            }
        </section>
    }
}
