//! The queue drawing: a lock directory's children left to right in sequence order, the
//! holder in green with its hold count, each waiter's watch as an arrow to the node it
//! watches (as the servers' watch tables record it), and for the herd lock the waiters
//! below the one lock node, every one of them with an arrow to it.

use crate::components::ids::use_unique_id;
use crate::frame::FrameMode;
use crate::i18n::LockTexts;
use std::rc::Rc;
use yew::prelude::*;
use zooscope_core::scenario::lock_view::{LockView, QueueNode};

/// A node's box.
const W: f64 = 190.0;
const H: f64 = 86.0;
const GAP_X: f64 = 46.0;
const GAP_Y: f64 = 64.0;
const PAD: f64 = 16.0;
/// A herd waiter's badge.
const BADGE_W: f64 = 110.0;
const BADGE_H: f64 = 40.0;

/// `_c_<uuid>-lock-0000000003` shortened to `_c_5b1a…-lock-0000000003`.
pub fn short_name(name: &str) -> String {
    match (name.strip_prefix("_c_"), name.get(39..)) {
        (Some(rest), Some(tail)) if rest.len() > 36 => {
            format!("_c_{}…{tail}", rest.get(..4).unwrap_or(""))
        }
        _ => name.rsplit('/').next().unwrap_or(name).to_string(),
    }
}

fn fill(t: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = t.to_string();
    for (k, v) in pairs {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

fn xy(i: usize, per_row: usize) -> (f64, f64) {
    let (col, row) = (i % per_row, i / per_row);
    (
        PAD + col as f64 * (W + GAP_X),
        PAD + 22.0 + row as f64 * (H + GAP_Y),
    )
}

/// Props of [`QueueView`].
#[derive(Properties, PartialEq)]
pub struct QueueProps {
    /// What to draw.
    pub view: Rc<LockView>,
    /// The words.
    pub texts: &'static LockTexts,
    /// A heading above the drawing (herd versus queue).
    #[prop_or_default]
    pub heading: Option<AttrValue>,
    /// Nodes per row.
    #[prop_or(4)]
    pub per_row: usize,
}

/// The queue.
#[component]
pub fn QueueView(p: &QueueProps) -> Html {
    let mode = use_context::<FrameMode>().unwrap_or_default();
    // Each queue drawing its own arrow head (a lesson page may show several).
    let head_id = use_unique_id("lq-arrow");
    let head_url = format!("url(#{head_id})");
    let t = p.texts;
    // Few nodes are drawn large: no more columns than nodes (at least two).
    let per_row = p.per_row.clamp(1, p.view.queue.nodes.len().max(2));
    let q = &p.view.queue;
    let nodes = &q.nodes;
    let owners: Vec<&str> = nodes.iter().filter_map(|n| n.owner.as_deref()).collect();
    // Waiters with no node of their own (the herd lock's) are drawn as badges below.
    let mut badges: Vec<(String, usize)> = Vec::new();
    for (k, n) in nodes.iter().enumerate() {
        for w in &n.watched_by {
            if !owners.contains(&w.as_str()) {
                badges.push((w.clone(), k));
            }
        }
    }
    let rows = nodes.len().div_ceil(per_row).max(1);
    let width = PAD * 2.0 + per_row as f64 * W + (per_row - 1) as f64 * GAP_X;
    let per = (((width - 2.0 * PAD + 14.0) / (BADGE_W + 14.0)) as usize).max(1);
    let badge_rows = badges.len().div_ceil(per);
    let badges_y = PAD + 22.0 + rows as f64 * (H + GAP_Y);
    let height = badges_y + badge_rows as f64 * (BADGE_H + 20.0) + PAD;
    let title = fill(t.queue_title, &[("path", &q.path)]);
    let holder_of = |n: &QueueNode| !n.held_by.is_empty();
    let client = |name: &str| p.view.clients.iter().find(|c| c.name == name);
    let node_html = |(i, n): (usize, &QueueNode)| {
        let (x, y) = xy(i, per_row);
        let owner = n.owner.clone().unwrap_or_default();
        let holds = holder_of(n);
        let count = n
            .held_by
            .first()
            .and_then(|c| client(c))
            .map_or(0, |c| c.hold_count);
        let state = if holds {
            if count > 1 {
                fill(t.holds_times, &[("n", &count.to_string())])
            } else {
                t.holds.to_string()
            }
        } else if n.owner.is_none() {
            t.orphan.to_string()
        } else {
            t.waiting.to_string()
        };
        let label = format!("{} · {owner} · {state}", short_name(&n.name));
        let class = classes!(
            "lq-node",
            holds.then_some("lq-holder"),
            n.owner.is_none().then_some("lq-orphan")
        );
        html! {
            <g class={class} data-seq={n.seq.map(|s| s.to_string())} data-owner={owner.clone()}
                data-holder={holds.to_string()} data-name={n.name.clone()} tabindex="0"
                role="img" aria-label={label}>
                <title>{ format!("{}/{}  czxid 0x{:x}", q.path.trim_end_matches('/'), n.name, n.czxid) }</title>
                <rect x={x.to_string()} y={y.to_string()} width={W.to_string()} height={H.to_string()} rx="10" />
                <text class="lq-name" x={(x + 10.0).to_string()} y={(y + 21.0).to_string()}>{ short_name(&n.name) }</text>
                <text class="lq-owner" x={(x + 10.0).to_string()} y={(y + 52.0).to_string()}>{ owner }</text>
                <text class="lq-state" x={(x + 10.0).to_string()} y={(y + 76.0).to_string()}>{ state }</text>
            </g>
        }
    };
    // Arrows: from the watcher's own node (or badge) to the node it watches.
    let mut arrows = Vec::new();
    for (k, n) in nodes.iter().enumerate() {
        for w in &n.watched_by {
            let (tx, ty) = xy(k, per_row);
            let d = if let Some(j) = nodes.iter().position(|m| m.owner.as_deref() == Some(w)) {
                let (fx, fy) = xy(j, per_row);
                if fy == ty && fx > tx {
                    format!(
                        "M{} {} L{} {}",
                        fx,
                        fy + H / 2.0,
                        tx + W + 4.0,
                        ty + H / 2.0
                    )
                } else {
                    let (sx, sy) = (fx + W / 2.0, fy);
                    let (ex, ey) = (tx + W / 2.0, ty + H + 4.0);
                    format!(
                        "M{sx} {sy} C{sx} {} {ex} {} {ex} {ey}",
                        sy - 30.0,
                        ey + 30.0
                    )
                }
            } else {
                let b = badges
                    .iter()
                    .position(|(c, kk)| c == w && *kk == k)
                    .unwrap_or(0);
                let bx = PAD + (b % per) as f64 * (BADGE_W + 14.0) + BADGE_W / 2.0;
                let by = badges_y + (b / per) as f64 * (BADGE_H + 20.0);
                format!("M{bx} {by} L{} {}", tx + W / 2.0, ty + H + 4.0)
            };
            let to = n.seq.map_or(n.name.clone(), |s| format!("{s:010}"));
            arrows.push(html! {
                <path class="lq-watch" d={d} data-from={w.clone()} data-to={n.name.clone()}
                    marker-end={head_url.clone()}>
                    <title>{ fill(t.watch_arrow, &[("from", w), ("to", &to)]) }</title>
                </path>
            });
        }
    }
    let badge_html = badges.iter().enumerate().map(|(b, (c, _))| {
        let bx = PAD + (b % per) as f64 * (BADGE_W + 14.0);
        let by = badges_y + (b / per) as f64 * (BADGE_H + 20.0);
        html! {
            <g class="lq-badge" data-client={c.clone()}>
                <rect x={bx.to_string()} y={by.to_string()} width={BADGE_W.to_string()} height={BADGE_H.to_string()} rx="17" />
                <text x={(bx + BADGE_W / 2.0).to_string()} y={(by + 27.0).to_string()} text-anchor="middle">{ c.clone() }</text>
            </g>
        }
    });
    // A paused or cut-off client that believes it holds a node no longer there.
    let stale: Vec<String> = p
        .view
        .clients
        .iter()
        .filter(|c| c.holds.is_some() && !nodes.iter().any(|n| n.held_by.contains(&c.name)))
        .map(|c| fill(t.stale_belief, &[("client", &c.name)]))
        .collect();
    html! {
        <figure class={classes!("lq", mode.projector.then_some("lq-projector"))}>
            if let Some(h) = &p.heading {
                <figcaption class="lq-heading">{ h.clone() }</figcaption>
            }
            <svg class="lq-svg" viewBox={format!("0 0 {width} {height}")} role="group" aria-label={title.clone()}>
                <defs>
                    <marker id={head_id.clone()} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0 L10 5 L0 10 z" class="lq-arrowhead" />
                    </marker>
                </defs>
                <text class="lq-title" x={PAD.to_string()} y={(PAD + 6.0).to_string()}>{ title }</text>
                { for nodes.iter().enumerate().map(node_html) }
                { for arrows }
                { for badge_html }
            </svg>
            if nodes.is_empty() {
                <p class="muted">{ t.queue_empty }</p>
            }
            { for stale.into_iter().map(|s| html! { <p class="lq-stale" role="status">{ s }</p> }) }
            <p class="lq-caption muted">{ t.queue_caption }</p>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::short_name;

    #[test]
    fn protected_names_are_shortened_but_keep_their_sequence() {
        let n = "_c_0f5d7a8e-1b2c-4d3e-8f90-123456789abc-lock-0000000003";
        assert_eq!(short_name(n), "_c_0f5d…-lock-0000000003");
        assert_eq!(short_name("/lock"), "lock");
        assert_eq!(short_name("n-0000000001"), "n-0000000001");
    }
}
