//! The run's history as the learner sees it: a filterable event log whose entries jump
//! the timeline, and a live sequence (Lamport) diagram of delivered messages.
//!
//! Both read the newest part of the kernel's trace only ([`LOG_LINES_MAX`] lines,
//! [`ARROWS_MAX`] arrows), and are recomputed only when the run moved, not per frame.

use super::command::LabCommand;
use super::session::LabSession;
use super::state::UiAction;
use super::view::{fill, format_time, node_label, short_kind, Family};
use crate::components::ids::use_unique_id;
use crate::i18n::events::event_text;
use crate::i18n::Lang;
use crate::lang_ctx::use_lang;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use yew::virtual_dom::AttrValue;
use zooscope_core::id::NodeId;
use zooscope_core::process::MessageInfo;
use zooscope_core::time::SimTime;
use zooscope_core::trace::TraceKind;
use zooscope_core::vecmap::VecMap;
use zooscope_core::view::log;

/// Most log lines shown.
pub const LOG_LINES_MAX: usize = 150;
/// Most arrows drawn.
pub const ARROWS_MAX: usize = 60;
/// Trace events scanned for arrows.
const ARROW_SCAN_MAX: usize = 2_000;
/// Log categories in the filter, in the order of `LabTexts::log_categories`.
pub const CATEGORIES: [&str; 8] = [
    "message",
    "drop",
    "timer",
    "link",
    "command",
    "note",
    "state",
    "violation",
];

/// One line of the event log, worded in the UI language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// Trace sequence number.
    pub seq: u64,
    /// Kernel step (for "jump here").
    pub step: u64,
    /// When.
    pub time: SimTime,
    /// Filter category ("message", "state", ...).
    pub category: &'static str,
    /// The node concerned, if one.
    pub node: Option<NodeId>,
    /// What happened, from the event's typed fields.
    pub text: String,
}

/// The log lines passing the filters (newest last), in `lang`.
pub fn log_lines(
    s: &LabSession,
    category: Option<&str>,
    node: Option<u32>,
    lang: Lang,
) -> Vec<LogLine> {
    let name = |n: NodeId| node_label(s, n.0);
    log(s.world(), LOG_LINES_MAX, |e| {
        category.is_none_or(|c| e.category() == c)
            && node.is_none_or(|n| e.node() == Some(NodeId(n)))
    })
    .into_iter()
    .map(|e| LogLine {
        seq: e.seq,
        step: e.step,
        time: e.time,
        category: e.category(),
        node: e.node(),
        text: event_text(&e.kind, lang, &name),
    })
    .collect()
}

/// One arrow of the sequence diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeqArrow {
    /// Sender node.
    pub from: u32,
    /// Receiver node.
    pub to: u32,
    /// Sent at, µs.
    pub sent: u64,
    /// Delivered or dropped at, µs.
    pub end: u64,
    /// Kind.
    pub kind: &'static str,
    /// Lost.
    pub dropped: bool,
    /// The step of the delivery (for jumping).
    pub step: u64,
    /// Trace sequence number.
    pub seq: u64,
}

/// The diagram's data: lanes (kernel node, label) and arrows, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SeqData {
    /// Lanes left to right.
    pub lanes: Vec<(u32, String)>,
    /// Arrows oldest first.
    pub arrows: Vec<SeqArrow>,
}

/// The newest [`ARROWS_MAX`] delivered or dropped messages, with a lane for every
/// server and every client that appears.
pub fn seq_data(s: &LabSession) -> SeqData {
    let w = s.world();
    let mut arrows: Vec<SeqArrow> = w
        .trace()
        .tail(ARROW_SCAN_MAX)
        .filter_map(|e| match &e.kind {
            TraceKind::Delivered {
                from,
                to,
                sent_at,
                msg,
                ..
            } => Some(SeqArrow {
                from: from.0,
                to: to.0,
                sent: sent_at.0,
                end: e.time.0,
                kind: msg.kind(),
                dropped: false,
                step: e.step,
                seq: e.seq,
            }),
            TraceKind::Dropped { from, to, kind, .. } => Some(SeqArrow {
                from: from.0,
                to: to.0,
                sent: e.time.0,
                end: e.time.0,
                kind,
                dropped: true,
                step: e.step,
                seq: e.seq,
            }),
            _ => None,
        })
        .collect();
    let skip = arrows.len().saturating_sub(ARROWS_MAX);
    arrows.drain(..skip);
    let mut lanes: Vec<(u32, String)> = s
        .server_ids()
        .into_iter()
        .filter_map(|sid| w.config().node_of(sid))
        .map(|n| (n.0, node_label(s, n.0)))
        .collect();
    let mut clients: Vec<u32> = arrows
        .iter()
        .flat_map(|a| [a.from, a.to])
        .filter(|n| !lanes.iter().any(|(l, _)| l == n))
        .collect();
    zooscope_core::sorting::sort_by_u64_key(&mut clients, |&n| (u64::from(n), 0));
    clients.dedup();
    lanes.extend(clients.into_iter().map(|n| (n, node_label(s, n))));
    SeqData { lanes, arrows }
}

/// Props of [`EventLog`].
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// The lines.
    pub lines: Rc<Vec<LogLine>>,
    /// Node filter choices (kernel id, label).
    pub nodes: Rc<Vec<(u32, String)>>,
    /// Category filter.
    pub category: Option<&'static str>,
    /// Node filter.
    pub node: Option<u32>,
    /// The current step (its entry is highlighted).
    pub step: u64,
    /// Filters.
    pub on_ui: Callback<UiAction>,
    /// Jumps.
    pub on_command: Callback<LabCommand>,
}

/// The filterable event log.
#[component]
pub fn EventLog(p: &EventLogProps) -> Html {
    let l = use_lang().lang.lab();
    let list_ref = use_node_ref();
    {
        // Keep the newest entry in view while the run moves.
        let list_ref = list_ref.clone();
        use_effect_with(p.lines.clone(), move |_| {
            if let Some(el) = list_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let on_cat = {
        let on = p.on_ui.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            let v = sel.value();
            on.emit(UiAction::LogCategory(
                CATEGORIES.iter().copied().find(|c| *c == v),
            ));
        })
    };
    let on_node = {
        let on = p.on_ui.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            on.emit(UiAction::LogNode(sel.value().parse::<u32>().ok()));
        })
    };
    let names: VecMap<u32, &str> = p.nodes.iter().map(|(n, s)| (*n, s.as_str())).collect();
    let lines = p.lines.iter().map(|line| {
        let step = line.step;
        let onclick = jump(&p.on_command, step);
        let who = line
            .node
            .and_then(|n| names.get(&n.0).copied())
            .unwrap_or("");
        let mut class = String::from("log-line cat-");
        class.push_str(line.category);
        if line.step == p.step {
            class.push_str(" here");
        }
        html! {
            <li key={line.seq} {class}>
                <button type="button" class="log-entry" {onclick}
                    title={fill(l.log_jump, &[("step", step.to_string())])}>
                    <span class="log-time">{ format_time(line.time) }</span>
                    <span class="log-who">{ who }</span>
                    <span class="log-text">{ line.text.clone() }</span>
                </button>
            </li>
        }
    });
    let categories = CATEGORIES
        .iter()
        .zip(l.log_categories)
        .map(|(c, name)| option(AttrValue::Static(c), p.category == Some(*c), name));
    let node_options = p
        .nodes
        .iter()
        .map(|(n, name)| option(n.to_string().into(), p.node == Some(*n), name));
    html! {
        <section class="card event-log-card" aria-labelledby="log-title">
            <div class="card-head">
                <h2 id="log-title">{ l.log_title }</h2>
                <div class="log-filters">
                    <label>{ l.log_category }
                        <select id="lab-log-category" onchange={on_cat}>
                            { option(AttrValue::Static(""), p.category.is_none(), l.all) }
                            { for categories }
                        </select>
                    </label>
                    <label>{ l.log_node }
                        <select id="lab-log-node" onchange={on_node}>
                            { option(AttrValue::Static(""), p.node.is_none(), l.all) }
                            { for node_options }
                        </select>
                    </label>
                </div>
            </div>
            <ol class="lab-log" id="lab-log" ref={list_ref}>
                if p.lines.is_empty() {
                    <li class="log-empty muted">{ l.log_empty }</li>
                } else {
                    { for lines }
                }
            </ol>
        </section>
    }
}

/// `<option value="value" selected>label</option>`.
fn option(value: AttrValue, selected: bool, label: &str) -> Html {
    html! { <option {value} {selected}>{ label }</option> }
}

/// A click that jumps to `step`.
fn jump(on: &Callback<LabCommand>, step: u64) -> Callback<MouseEvent> {
    let on = on.clone();
    Callback::from(move |_: MouseEvent| on.emit(LabCommand::JumpToStep(step)))
}

/// `<line class x1 y1 x2 y2 …>`; `head` (the diagram's `url(#…)` of its arrow head) ends it.
fn seq_line(class: &'static str, p: (f64, f64), q: (f64, f64), head: Option<&str>) -> Html {
    html! {
        <line {class} x1={fx(p.0)} y1={fx(p.1)} x2={fx(q.0)} y2={fx(q.1)}
            marker-end={head.map(str::to_string)} />
    }
}

/// A coordinate to the tenth.
fn fx(v: f64) -> String {
    format!("{v:.1}")
}

/// Props of [`SequenceDiagram`].
#[derive(Properties, PartialEq)]
pub struct SeqProps {
    /// The data.
    pub data: Rc<SeqData>,
    /// Jumps.
    pub on_command: Callback<LabCommand>,
    /// The heading (the lab's "sequence diagram" when not given).
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// The heading's id (several diagrams on one page need their own).
    #[prop_or(AttrValue::Static("seq-title"))]
    pub title_id: AttrValue,
}

/// Lanes share this width (SVG units), each at least [`LANE_MIN`] wide.
const LANES_WIDTH: f64 = 560.0;
const LANE_MIN: f64 = 56.0;
const LANE_MAX: f64 = 140.0;
const ROW_H: f64 = 13.0;
const TOP: f64 = 12.0;

/// The live sequence diagram.
#[component]
pub fn SequenceDiagram(p: &SeqProps) -> Html {
    let l = use_lang().lang.lab();
    let box_ref = use_node_ref();
    // The comparison page draws one diagram per lane: each its own arrow head.
    let head_id = use_unique_id("seq-head");
    let head_url = format!("url(#{head_id})");
    {
        let box_ref = box_ref.clone();
        use_effect_with(p.data.clone(), move |_| {
            if let Some(el) = box_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let d = &p.data;
    // Rows are the distinct instants, in order: bursts stay readable and the long quiet
    // gaps between them do not stretch the picture.
    let mut instants: Vec<u64> = d.arrows.iter().flat_map(|a| [a.sent, a.end]).collect();
    instants.sort_unstable();
    instants.dedup();
    let row = |t: u64| -> f64 { TOP + instants.binary_search(&t).unwrap_or(0) as f64 * ROW_H };
    let lane_w = (LANES_WIDTH / d.lanes.len().max(1) as f64).clamp(LANE_MIN, LANE_MAX);
    let lane_x: VecMap<u32, f64> = d
        .lanes
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (*n, 40.0 + i as f64 * lane_w))
        .collect();
    let width = 80.0 + d.lanes.len().saturating_sub(1) as f64 * lane_w;
    let height = TOP + instants.len().max(1) as f64 * ROW_H + 16.0;
    let lanes = d.lanes.iter().map(|(n, _)| {
        let x = fx(lane_x[n]);
        html! {
            <g key={*n} class="seq-lane">
                <line x1={x.clone()} y1="2" x2={x} y2={fx(height - 6.0)} />
            </g>
        }
    });
    let names = d.lanes.iter().map(|(n, name)| {
        html! {
            <text key={*n} class="seq-lane-name" x={fx(lane_x[n])} y="17" text-anchor="middle">
                { name.clone() }
            </text>
        }
    });
    let lane_name = |n: u32| {
        d.lanes
            .iter()
            .find(|x| x.0 == n)
            .map_or("", |x| x.1.as_str())
    };
    let arrows = d.arrows.iter().filter_map(|a| {
        let (x1, x2) = (*lane_x.get(&a.from)?, *lane_x.get(&a.to)?);
        let (y1, y2) = (row(a.sent), row(a.end));
        let onclick = jump(&p.on_command, a.step);
        let mut class = String::from("seq-arrow fam-");
        class.push_str(Family::of(a.kind).class());
        if a.dropped {
            class.push_str(" dropped");
        }
        let title = format!(
            "{} {} → {} · {}",
            a.kind,
            lane_name(a.from),
            lane_name(a.to),
            fill(l.log_jump, &[("step", a.step.to_string())])
        );
        Some(html! {
            <g key={a.seq} {class} {onclick}>
                <title>{ title }</title>
                { seq_line("seq-hit", (x1, y1), (x2, y2), None) }
                { seq_line("seq-line", (x1, y1), (x2, y2), Some(&head_url)) }
                if a.from != a.to {
                    <text class="seq-label" x={fx((x1 + x2) / 2.0)} y={fx((y1 + y2) / 2.0 - 3.0)}
                        text-anchor="middle">{ short_kind(a.kind) }</text>
                }
            </g>
        })
    });
    html! {
        <section class="card seq-card" aria-labelledby={p.title_id.clone()}>
            <div class="card-head"><h2 id={p.title_id.clone()}>{ p.title.clone().unwrap_or(AttrValue::Static(l.seq_title)) }</h2></div>
            <div class="seq-box" ref={box_ref}>
                if d.arrows.is_empty() {
                    <p class="muted">{ l.seq_empty }</p>
                } else {
                    // Lane names stay in view while the diagram scrolls.
                    <div class="seq-head" aria-hidden="true">
                        <svg width={format!("{width:.0}")} height="24" viewBox={format!("0 0 {width:.0} 24")}>{ for names }</svg>
                    </div>
                    <svg class="seq" width={format!("{width:.0}")} height={format!("{height:.0}")}
                        viewBox={format!("0 0 {width:.0} {height:.0}")} role="img" aria-label={l.seq_aria}>
                        <defs>
                            <marker id={head_id.clone()} class="seq-arrow-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                                <path d="M0 0 L10 5 L0 10 z" />
                            </marker>
                        </defs>
                        { for lanes }
                        { for arrows }
                    </svg>
                }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::setup::LabSetup;

    #[test]
    fn log_lines_are_worded_from_typed_data_in_both_languages() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        for _ in 0..3_000 {
            s.advance(1_000, 10_000);
        }
        let zh = log_lines(&s, None, None, Lang::Zh);
        let en = log_lines(&s, None, None, Lang::En);
        assert_eq!(zh.len(), en.len());
        // Nodes are named as the lab names them, never as the kernel does (`n0`).
        let kernel_name = |t: &str| {
            t.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w.len() > 1 && w.starts_with('n') && w[1..].parse::<u32>().is_ok())
        };
        assert!(
            en.iter().chain(&zh).all(|l| !kernel_name(&l.text)),
            "{en:?}"
        );
        let delivered = en.iter().find(|l| l.category == "message").unwrap();
        assert!(
            delivered.text.contains(" → S") || delivered.text.contains(" → c"),
            "{delivered:?}"
        );
        // The election's end is a typed note, worded in each language.
        let notes_en: Vec<&str> = en
            .iter()
            .filter(|l| l.category == "note")
            .map(|l| l.text.as_str())
            .collect();
        let notes_zh: Vec<&str> = zh
            .iter()
            .filter(|l| l.category == "note")
            .map(|l| l.text.as_str())
            .collect();
        assert!(
            notes_en.iter().any(|t| t.starts_with("election round ")),
            "{notes_en:?}"
        );
        assert!(
            notes_zh.iter().any(|t| t.contains("轮选举结束：进入")),
            "{notes_zh:?}"
        );
        assert!(
            notes_zh.iter().all(|t| !t.contains("election")),
            "{notes_zh:?}"
        );
    }

    #[test]
    fn log_and_arrows_are_bounded_and_filtered() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        for _ in 0..3_000 {
            s.advance(1_000, 10_000);
        }
        let all = log_lines(&s, None, None, Lang::En);
        assert!(!all.is_empty() && all.len() <= LOG_LINES_MAX);
        let states = log_lines(&s, Some("state"), None, Lang::En);
        assert!(states.iter().all(|l| l.category == "state"));
        assert!(!states.is_empty());
        let n0 = log_lines(&s, None, Some(0), Lang::En);
        assert!(n0.iter().all(|l| l.node == Some(NodeId(0))));
        let d = seq_data(&s);
        assert!(!d.arrows.is_empty() && d.arrows.len() <= ARROWS_MAX);
        assert!(d.lanes.len() >= 3);
        assert!(d.arrows.windows(2).all(|w| w[0].seq < w[1].seq));
        assert!(d.arrows.iter().all(|a| a.sent <= a.end));
    }
}
