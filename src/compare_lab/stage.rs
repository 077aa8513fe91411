//! One lane on the stage: its nodes on a ring (the lab's message canvas paints the
//! messages moving between them, coloured by phase), its verdict as a status with an
//! accessible name, the invariant that broke, and every node's state in words.

use super::words::{node_line, outcome_class, verdict_class, verdict_words};
use crate::frame::FrameMode;
use crate::i18n::compare_notes::commit_violation;
use crate::i18n::notes::violation;
use crate::i18n::{CompareTexts, Lang};
use crate::lab::message_canvas::{MessageCanvas, PaintedMsg};
use crate::lab::view::Family;
use crate::lang_ctx::use_lang;
use std::rc::Rc;
use yew::prelude::*;
use zooscope_core::compare::lane::{Flight, Lane, LaneDetail};
use zooscope_core::compare::verdict::NodeOutcome;
use zooscope_core::protocols::commit::view::NodeView;
use zooscope_core::protocols::commit::Phase;
use zooscope_core::time::SimDuration;

/// The ring's drawing box.
const VIEW: (f64, f64, f64, f64) = (0.0, 0.0, 240.0, 200.0);
const CENTRE: (f64, f64) = (120.0, 100.0);
const RING: f64 = 72.0;
const NODE_R: f64 = 17.0;
/// Messages labelled with their kind when a lane has at most this many in flight.
const LABELS_MAX: usize = 10;

/// Where script node `k` (1-based) of `n` sits: node 1 on top, clockwise.
pub fn node_xy(k: u32, n: u32) -> (f64, f64) {
    let a = -std::f64::consts::FRAC_PI_2
        + (k.saturating_sub(1)) as f64 * std::f64::consts::TAU / n.max(1) as f64;
    (CENTRE.0 + RING * a.cos(), CENTRE.1 + RING * a.sin())
}

/// The family (colour and shape) of a phase.
pub fn phase_family(p: Option<Phase>) -> Family {
    match p {
        Some(Phase::One) => Family::Discovery,
        Some(Phase::Two) => Family::Broadcast,
        Some(Phase::Three) => Family::Sync,
        None => Family::Heartbeat,
    }
}

/// A lane's messages as the canvas paints them.
pub fn painted(flights: &[Flight], n: u32) -> Vec<PaintedMsg> {
    let label = flights.len() <= LABELS_MAX;
    flights
        .iter()
        .map(|f| {
            let (a, b) = (node_xy(f.from, n), node_xy(f.to, n));
            let t = f.progress.clamp(0.0, 1.0);
            PaintedMsg {
                id: f.id,
                x: a.0 + (b.0 - a.0) * t,
                y: a.1 + (b.1 - a.1) * t,
                family: phase_family(f.phase),
                held: false,
                selected: false,
                label: label.then_some(f.kind),
            }
        })
        .collect()
}

/// A broken invariant's report in words.
pub fn detail_words(detail: &LaneDetail, lang: Lang) -> String {
    match detail {
        LaneDetail::Commit(d) => commit_violation(d, lang),
        LaneDetail::Zab(d) => violation(d, lang),
    }
}

/// Props of [`LaneStage`].
#[derive(Properties, PartialEq)]
pub struct LaneStageProps {
    /// The lane's name.
    pub name: &'static str,
    /// The lane's word (`2pc`), for ids and classes.
    pub word: &'static str,
    /// The verdict's words (also its accessible name, with the lane's name).
    pub verdict: AttrValue,
    /// The verdict's CSS class.
    pub verdict_class: &'static str,
    /// Every node: its outcome and, when it runs, its view.
    pub nodes: Rc<Vec<(NodeOutcome, Option<NodeView>)>>,
    /// The messages in flight, painted.
    pub messages: Rc<Vec<PaintedMsg>>,
    /// Broken invariants: (name, details in words).
    pub broken: Rc<Vec<(&'static str, String)>>,
    /// Which script line the lane is on, in words.
    pub line: AttrValue,
}

/// One lane.
#[component]
pub fn LaneStage(p: &LaneStageProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.compare();
    let mode = use_context::<FrameMode>().unwrap_or_default();
    let n = p.nodes.len() as u32;
    let label = t
        .verdict_label
        .replace("{lane}", p.name)
        .replace("{verdict}", &p.verdict);
    let nodes = p.nodes.iter().enumerate().map(|(i, (o, v))| {
        let k = i as u32 + 1;
        let (x, y) = node_xy(k, n);
        let class = classes!("cmp-node", outcome_class(o), v.as_ref().and_then(|v| v.coordinator.then_some("coord")));
        html! {
            <g key={k} {class}>
                <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r={NODE_R.to_string()} />
                <text x={format!("{x:.1}")} y={format!("{:.1}", y + 5.0)} text-anchor="middle">{ k }</text>
            </g>
        }
    });
    let lines = p.nodes.iter().enumerate().map(|(i, (o, v))| {
        let k = i as u32 + 1;
        html! {
            <li key={k} class={classes!("compare-node", outcome_class(o), v.as_ref().and_then(|v| v.coordinator.then_some("coord")))}
                title={v.as_ref().filter(|v| v.coordinator).map(|_| t.coordinator)}>
                <span class="compare-node-id">{ k }</span>
                <span class="compare-node-outcome">{ node_line(t, o, v.as_ref()) }</span>
            </li>
        }
    });
    html! {
        <section class={classes!("card", "compare-lane", format!("lane-{}", p.word))} aria-label={p.name}>
            <div class="lane-head">
                <h3>{ p.name }</h3>
                <span class="muted lane-line">{ p.line.clone() }</span>
                <p class={p.verdict_class} role="status" aria-label={label}>{ p.verdict.clone() }</p>
            </div>
            <div class="cluster-stack lane-ring">
                <svg class="lane-svg" viewBox={format!("{} {} {} {}", VIEW.0, VIEW.1, VIEW.2, VIEW.3)} aria-hidden="true">
                    { for nodes }
                </svg>
                <MessageCanvas messages={p.messages.clone()} view_box={VIEW} on_command={Callback::noop()}
                    size={if mode.projector { 1.5 } else { 1.1 }} dark={mode.dark} />
            </div>
            <div class="compare-body">
                { for p.broken.iter().map(|(name, detail)| html! {
                    <p class="compare-broken" role="alert">
                        <strong>{ t.broken.replace("{name}", name) }</strong>{ " " }{ detail.clone() }
                    </p>
                }) }
                <ul class="compare-nodes">{ for lines }</ul>
            </div>
        </section>
    }
}

/// The props of one lane at the shown moment.
pub fn lane_props(
    t: &CompareTexts,
    lang: Lang,
    lane: &dyn Lane,
    shown: SimDuration,
    line: String,
) -> LaneStageProps {
    let verdict = lane.verdict();
    let nodes: Vec<(NodeOutcome, Option<NodeView>)> = lane
        .outcomes()
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let v = lane.node_view(i as u32 + 1);
            (o, v)
        })
        .collect();
    let broken = lane
        .violations()
        .iter()
        .map(|v| (v.invariant, detail_words(&v.details, lang)))
        .collect();
    let n = lane.nodes();
    LaneStageProps {
        name: super::words::lane_name(lane.kind()),
        word: lane.kind().word(),
        verdict: verdict_words(t, &verdict).into(),
        verdict_class: verdict_class(&verdict),
        nodes: Rc::new(nodes),
        messages: Rc::new(painted(&lane.flights(shown), n)),
        broken: Rc::new(broken),
        line: line.into(),
    }
}
