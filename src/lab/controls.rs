//! The transport bar (Play / Pause, Step, Next, speed, quiet-time skipping, seed and
//! Reset), the run's counters, and the timeline slider that rewinds anywhere in the run.

use super::app::{on_click, LabEvent};
use super::command::LabCommand;
use super::panels::{el, list, tag, txt};
use super::state::UiAction;
use super::view::{fill, format_time, speed_label, SPEED_EXP_MAX, SPEED_EXP_MIN};
use crate::decimal::fixed;
use crate::dom::button_with;
use crate::lang_ctx::use_lang;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty as A, Attributes};

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
    id: &'static str,
    class: &'static str,
    onclick: Callback<MouseEvent>,
    title: &'static str,
    pressed: Option<&'static str>,
    icon_path: &'static str,
    label: &'static str,
) -> Html {
    button_with(
        &["id", "type", "class", "title", "aria-pressed"],
        Box::new([
            Some(A::Static(id)),
            Some(A::Static("button")),
            Some(A::Static(class)),
            Some(A::Static(title)),
            pressed.map(A::Static),
        ]),
        onclick,
        list([icon(icon_path), txt(label)]),
    )
}

/// One counter of the stats row.
fn stat(label: &'static str, id: &'static str, value: Html) -> Html {
    el(
        "div",
        "stat",
        list([
            el("dt", "", txt(label)),
            tag(
                "dd",
                Attributes::Dynamic {
                    keys: &["id"],
                    values: Box::new([Some(A::Static(id))]),
                },
                value,
            ),
        ]),
    )
}

/// The transport bar and timeline.
#[component]
pub fn Controls(p: &ControlsProps) -> Html {
    let l = use_lang().lang.lab();
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
        tag(
            "span",
            Attributes::Dynamic {
                keys: &["class", "style", "aria-hidden"],
                values: Box::new([
                    Some(A::Static("tl-violation")),
                    Some(A::Attribute(format!("left:{}%", fixed(pct, 2)).into())),
                    Some(A::Static("true")),
                ]),
            },
            Html::default(),
        )
    });
    let play_label = if p.playing { l.pause } else { l.play };
    html! {
        <section class="lab-controls card" aria-label={l.timeline}>
            <div class="transport" role="toolbar" aria-label={l.play_title}>
                { transport_button("lab-play", "btn btn-primary", on_play, l.play_title,
                    Some(if p.playing { "true" } else { "false" }),
                    if p.playing { PAUSE_ICON } else { PLAY_ICON }, play_label) }
                { transport_button("lab-step", "btn", on_step, l.step_title, None, STEP_ICON, l.step) }
                { transport_button("lab-next", "btn", on_next, l.next_title, None, NEXT_ICON, l.next) }
                <div class="speed">
                    <label for="lab-speed">{ l.speed }{ " " }<output id="lab-speed-value">{ speed_label(p.speed_exp) }</output></label>
                    <input id="lab-speed" type="range" min={fixed(SPEED_EXP_MIN, 2)} max={fixed(SPEED_EXP_MAX, 2)}
                        step="0.05" value={fixed(p.speed_exp, 2)} oninput={on_speed}
                        aria-valuetext={speed_label(p.speed_exp)} />
                    { hidden_div("speed-ends muted", list([el("span", "", txt(l.speed_slow)), el("span", "", txt(l.speed_fast))])) }
                </div>
                <label class="check" title={l.skip_idle_title}>
                    <input id="lab-skip-idle" type="checkbox" checked={p.skip_idle} onchange={on_skip} />
                    { l.skip_idle }
                </label>
                <div class="seed">
                    { tag("label", Attributes::Static(SEED_LABEL), txt(l.seed)) }
                    <input id="lab-seed" type="text" inputmode="numeric" value={(*seed_text).clone()}
                        oninput={on_seed_input} onkeydown={on_seed_key}
                        aria-invalid={seed_value.is_none().to_string()} size="8" />
                    { button_with(
                        &["id", "type", "class", "title"],
                        Box::new([
                            Some(A::Static("lab-reset")),
                            Some(A::Static("button")),
                            Some(A::Static("btn btn-ghost")),
                            Some(A::Static(l.reset_title)),
                        ]),
                        on_reset,
                        txt(l.reset),
                    ) }
                </div>
            </div>
            <div class="timeline">
                { tag("label", Attributes::Static(TL_LABEL), txt(l.timeline)) }
                <div class="tl-track">
                    <input id="lab-timeline" type="range" min="0" max={max.to_string()} step="1"
                        value={p.steps.to_string()} oninput={on_seek} aria-valuetext={position.clone()} />
                    { el("div", "tl-markers", markers.collect()) }
                </div>
                { tag("span", Attributes::Static(POSITION), txt(position)) }
            </div>
            <dl class="lab-stats">
                { stat(l.stat_events, "lab-events", p.steps.into()) }
                { stat(l.stat_time, "lab-time", format_time(zooscope_core::time::SimTime(p.time_us)).into()) }
                { stat(l.stat_in_flight, "lab-in-flight", p.in_flight.into()) }
                { stat(l.stat_hash, "lab-hash", el("code", "", txt(p.hash.clone()))) }
                if p.idle {
                    { el("div", "stat idle-note", el("dd", "", list([txt("» "), txt(l.idle_note)]))) }
                }
                { el("div", "stat keys-help", el("dd", "muted", txt(l.keys_help))) }
            </dl>
            if p.rewound {
                { tag("p", Attributes::Static(REWOUND), txt(l.rewound_note)) }
            }
        </section>
    }
}

/// `<div class="class" aria-hidden="true">`.
fn hidden_div(class: &'static str, children: Html) -> Html {
    tag(
        "div",
        Attributes::Dynamic {
            keys: &["class", "aria-hidden"],
            values: Box::new([Some(A::Static(class)), Some(A::Static("true"))]),
        },
        children,
    )
}

/// The position readout.
const POSITION: &[(&str, A)] = &[
    ("class", A::Static("tl-pos")),
    ("id", A::Static("lab-position")),
];
/// The note shown while looking at the past.
const REWOUND: &[(&str, A)] = &[
    ("class", A::Static("rewound-note")),
    ("role", A::Static("note")),
];
/// The timeline's label.
const TL_LABEL: &[(&str, A)] = &[
    ("for", A::Static("lab-timeline")),
    ("class", A::Static("tl-label")),
];
/// The seed field's label.
const SEED_LABEL: &[(&str, A)] = &[("for", A::Static("lab-seed"))];
