//! The cluster view: servers on a ring, clients around it, links between servers, and
//! every in-flight message at its real position between send and delivery.
//!
//! Roles are told apart three ways at once (colour-blind safe): colour, shape (leader
//! hexagon, follower circle, looking dashed circle, observer diamond, stopped crossed
//! grey) and the state word under the shape. Servers and clients are focusable buttons
//! whose accessible names carry the state ("Server 2, LEADING, epoch 1, zxid 0x…");
//! messages are painted on a canvas above them ([`super::message_canvas`]) and picked
//! by clicking (their keyboard route is the inspector's list).

use super::command::LabCommand;
use super::layout::{layout, Layout, Rect, LABEL_LINES, LINE_H};
use super::message_canvas::{MessageCanvas, PaintedMsg, ViewBox};
use super::state::Selection;
use super::view::{
    fill, message_xy, short_kind, zxid_parts, ClientCard, ClusterFrame, Family, MsgDot, Role,
    ServerCard, LABELLED_MESSAGES_MAX,
};
use crate::frame::FrameMode;
use crate::i18n::LabTexts;
use crate::lang_ctx::use_lang;
use std::rc::Rc;
use yew::prelude::*;
use yew::virtual_dom::Key;
use zooscope_core::vecmap::VecMap;

/// Props of [`ClusterView`].
#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    /// The frame to draw.
    pub frame: Rc<ClusterFrame>,
    /// The selection.
    pub selected: Selection,
    /// Playback is running (draws a pause mark otherwise).
    pub playing: bool,
    /// Snap message positions to quarters (prefers-reduced-motion).
    pub reduced_motion: bool,
    /// Where actions go.
    pub on_command: Callback<LabCommand>,
    /// Nothing can be changed (live mode): links are drawn, not offered for cutting.
    #[prop_or_default]
    pub read_only: bool,
}

/// Label scale in projector mode (its type is this much larger).
pub const PROJECTOR_LABEL_SCALE: f64 = 1.3;

/// Kernel node → position on the drawing.
fn positions(
    servers: &[ServerCard],
    clients: &[ClientCard],
    at: &Layout,
) -> VecMap<u32, (f64, f64)> {
    let mut pos = VecMap::default();
    for (s, xy) in servers.iter().zip(&at.servers) {
        pos.insert(s.node, *xy);
    }
    for (c, xy) in clients.iter().zip(&at.clients) {
        pos.insert(c.node, *xy);
    }
    pos
}

/// The SVG cluster view with its legend. The nodes are a separate component that only
/// re-renders when a server or client changes; the messages are redrawn every frame.
#[component]
pub fn ClusterView(props: &ClusterProps) -> Html {
    let l = use_lang().lang.lab();
    let mode = use_context::<FrameMode>().unwrap_or_default();
    let f = &props.frame;
    let scale = if mode.projector {
        PROJECTOR_LABEL_SCALE
    } else {
        1.0
    };
    // The layout depends only on the counts (and the label scale), so it is made once
    // per ensemble shape, not per frame.
    let lines = if mode.compact { 0 } else { LABEL_LINES };
    let at = use_memo(
        (f.servers.len(), f.clients.len(), lines, mode.projector),
        move |&(n, c, lines, _)| layout(n, c, lines, scale),
    );
    let r = at.radius;
    let pos = positions(&f.servers, &f.clients, &at);
    let labelled = f.messages.len() <= LABELLED_MESSAGES_MAX;
    let painted: Rc<Vec<PaintedMsg>> = Rc::new(
        f.messages
            .iter()
            .filter_map(|m| {
                let (a, b) = (pos.get(&m.from)?, pos.get(&m.to)?);
                Some(placed(m, (*a, *b), r, labelled, props))
            })
            .collect(),
    );
    let (view_box, corner) = view_box(&at);
    let more = f.in_flight.saturating_sub(f.messages.len());
    let more_text = fill(l.more_messages, &[("n", more.to_string())]);
    html! {
        <figure class="cluster-figure">
            <div class="cluster-stack">
            <svg class="cluster" viewBox={view_box_attr(view_box)} role="group" aria-label={l.cluster_aria}>
                <Nodes servers={f.servers.clone()} clients={f.clients.clone()} cut_links={f.cut_links.clone()}
                    quorum={f.quorum} voters={f.voters} selected={props.selected} layout={at.clone()}
                    scale={scale} labels={lines > 0} on_command={props.on_command.clone()}
                    read_only={props.read_only} />
                if !props.playing {
                    <g class="pause-mark" aria-hidden="true" transform={translate((corner.0, corner.1))}>
                        <rect x="-9" y="-11" width="6" height="22" rx="1.5" />
                        <rect x="3" y="-11" width="6" height="22" rx="1.5" />
                    </g>
                }
                if more > 0 {
                    <text class="more-msgs" x={fx(corner.2)} y={fx(corner.3)}>{ more_text }</text>
                }
            </svg>
            // Messages move every frame: painted on a canvas above the nodes (see
            // message_canvas). Keyboard users reach messages through the inspector's list.
            <MessageCanvas messages={painted} view_box={view_box} size={scale}
                dark={mode.dark} on_command={props.on_command.clone()} />
            </div>
            <Legend />
        </figure>
    }
}

/// Props of [`Nodes`].
#[derive(Properties, PartialEq)]
struct NodesProps {
    servers: Rc<Vec<ServerCard>>,
    clients: Rc<Vec<ClientCard>>,
    cut_links: Rc<Vec<(u64, u64)>>,
    quorum: usize,
    voters: usize,
    selected: Selection,
    layout: Rc<Layout>,
    scale: f64,
    /// Draw the label blocks (not on a phone).
    labels: bool,
    on_command: Callback<LabCommand>,
    read_only: bool,
}

/// Links, servers, clients and the banner.
#[component]
fn Nodes(p: &NodesProps) -> Html {
    let l = use_lang().lang.lab();
    let at = &p.layout;
    let r = at.radius;
    let pos = positions(&p.servers, &p.clients, at);
    let links = link_lines(
        &p.servers,
        &at.servers,
        &p.cut_links,
        l,
        (!p.read_only).then_some(&p.on_command),
    );
    let client_lines = p.clients.iter().filter_map(|c| {
        let from = pos.get(&c.node)?;
        let sid = c.server?;
        let to = p
            .servers
            .iter()
            .find(|s| s.sid == sid)
            .and_then(|s| pos.get(&s.node))?;
        Some(html! {
            <line key={c.node} class="cl-link" x1={fx(from.0)} y1={fx(from.1)} x2={fx(to.0)} y2={fx(to.1)} />
        })
    });
    let servers = p
        .servers
        .iter()
        .zip(&at.servers)
        .map(|(s, &xy)| server(s, xy, r, p.selected, &p.on_command, l));
    let labels = p
        .servers
        .iter()
        .zip(&at.labels)
        .filter(|_| p.labels)
        .map(|(s, &label)| server_label(s, label, p.scale, l));
    let clients = p.clients.iter().zip(&at.clients).map(|(c, &xy)| {
        let selected = p.selected == Selection::Client(c.node);
        let on = match c.server {
            Some(sid) => format!(", {}", fill(l.client_on, &[("sid", sid.to_string())])),
            None => String::new(),
        };
        let name = fill(
            l.client_name,
            &[("name", c.name.clone()), ("state", c.state.to_string())],
        ) + &on;
        let mut class = String::from("cl cl-");
        class.push_str(&c.state.to_ascii_lowercase());
        if selected {
            class.push_str(" selected");
        }
        svg_button(
            c.node.into(),
            class,
            xy,
            name,
            selected,
            LabCommand::SelectClient(Some(c.node)),
            &p.on_command,
            html! {
                <>
                    <rect class="cl-box" x="-22" y="-13" width="44" height="26" rx="7" />
                    <text class="cl-name" y="4" text-anchor="middle">{ c.name.clone() }</text>
                </>
            },
        )
    });
    html! {
        <>
            <g class="layer-links">{ links }</g>
            <g class="layer-client-links" aria-hidden="true">{ for client_lines }</g>
            { center_text(&p.servers, p.quorum, p.voters, at.banner, l) }
            <g class="layer-servers">{ for servers }</g>
            <g class="layer-labels" aria-hidden="true">{ for labels }</g>
            <g class="layer-clients">{ for clients }</g>
        </>
    }
}

/// `<line class="class">` from `p` to `q`.
fn line(class: &'static str, p: (f64, f64), q: (f64, f64)) -> Html {
    html! { <line {class} x1={fx(p.0)} y1={fx(p.1)} x2={fx(q.0)} y2={fx(q.1)} /> }
}

/// `translate(x,y)`.
fn translate((x, y): (f64, f64)) -> String {
    format!("translate({},{})", fx(x), fx(y))
}

/// The callback of a click that emits `cmd`.
fn emit_on_click(on: &Callback<LabCommand>, cmd: LabCommand) -> Callback<MouseEvent> {
    let on = on.clone();
    Callback::from(move |_: MouseEvent| on.emit(cmd.clone()))
}

/// A focusable SVG button (a server or a client) at `at` that emits `cmd` on click,
/// Enter or Space.
#[allow(clippy::too_many_arguments)]
fn svg_button(
    key: Key,
    class: String,
    at: (f64, f64),
    name: String,
    selected: bool,
    cmd: LabCommand,
    on: &Callback<LabCommand>,
    children: Html,
) -> Html {
    let onclick = emit_on_click(on, cmd.clone());
    let onkeydown = activate(on.clone(), cmd);
    html! {
        <g {key} {class} transform={translate(at)}
            role="button" tabindex="0" aria-label={name} aria-pressed={selected.to_string()}
            {onclick} {onkeydown}>
            { children }
        </g>
    }
}

/// The drawing's viewBox: the bounding box of what is laid out, with a margin (room
/// above each server for a message circling it). Also returns where the pause mark
/// (top right) and the "more messages" note (bottom left) go.
fn view_box(at: &Layout) -> (ViewBox, (f64, f64, f64, f64)) {
    let reach = at.radius * 1.2 + 30.0;
    let mut b = at.banner;
    let mut grow = |r: Rect| {
        b.x0 = b.x0.min(r.x0);
        b.y0 = b.y0.min(r.y0);
        b.x1 = b.x1.max(r.x1);
        b.y1 = b.y1.max(r.y1);
    };
    for &c in &at.servers {
        grow(Rect::around(c, reach * 2.0, reach * 2.0));
    }
    for &r in &at.labels {
        grow(r);
    }
    for &c in &at.clients {
        grow(Rect::around(c, 60.0, 40.0));
    }
    let (x0, y0, x1, y1) = (b.x0 - 12.0, b.y0 - 8.0, b.x1 + 12.0, b.y1 + 24.0);
    (
        (x0, y0, x1 - x0, y1 - y0),
        (x1 - 24.0, y0 + 22.0, x0 + 12.0, y1 - 8.0),
    )
}

/// The SVG `viewBox` attribute of `vb`.
fn view_box_attr(vb: ViewBox) -> String {
    format!("{} {} {} {}", fx(vb.0), fx(vb.1), fx(vb.2), fx(vb.3))
}

/// A coordinate to the tenth.
fn fx(v: f64) -> String {
    format!("{v:.1}")
}

/// Enter or Space on a focused SVG button does what a click does.
fn activate(cb: Callback<LabCommand>, cmd: LabCommand) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            e.stop_propagation();
            cb.emit(cmd.clone());
        }
    })
}

fn link_lines(
    servers: &[ServerCard],
    at: &[(f64, f64)],
    cut_links: &[(u64, u64)],
    l: &LabTexts,
    on: Option<&Callback<LabCommand>>,
) -> Vec<Html> {
    let n = servers.len();
    let mut out = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&servers[i], &servers[j]);
            let (Some(&p), Some(&q)) = (at.get(i), at.get(j)) else {
                continue;
            };
            let cut = cut_links.contains(&(a.sid.min(b.sid), a.sid.max(b.sid)));
            let cmd = if cut {
                LabCommand::HealLink(a.sid as u32, b.sid as u32)
            } else {
                LabCommand::CutLink(a.sid as u32, b.sid as u32)
            };
            let onclick = on.map(|on| emit_on_click(on, cmd));
            let title = match (cut, on.is_some()) {
                (_, false) => "",
                (true, true) => l.link_cut_title,
                (false, true) => l.link_ok_title,
            };
            let mid = translate(((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0));
            out.push(html! {
                <g key={format!("{}-{}", a.sid, b.sid)} class={if cut { "link cut" } else { "link" }} {onclick}>
                    <title>{ format!("S{}–S{}", a.sid, b.sid) }{ if title.is_empty() { String::new() } else { format!(": {title}") } }</title>
                    { line("link-hit", p, q) }
                    { line("link-line", p, q) }
                    if cut {
                        <g class="cut-mark" transform={mid}>
                            <circle r="10" />
                            <path d="M-5 -5 L5 5 M5 -5 L-5 5" />
                        </g>
                    }
                </g>
            });
        }
    }
    out
}

/// The points of a hexagon of radius `r` with a flat top and bottom.
fn hexagon(r: f64) -> String {
    (0..6)
        .map(|k| {
            let a = std::f64::consts::FRAC_PI_3 * k as f64 + std::f64::consts::FRAC_PI_6;
            format!("{},{}", fx(r * a.cos()), fx(r * a.sin()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn server(
    s: &ServerCard,
    at: (f64, f64),
    r: f64,
    selection: Selection,
    on: &Callback<LabCommand>,
    l: &LabTexts,
) -> Html {
    let selected = selection == Selection::Server(s.sid);
    let name = s.accessible_name(l);
    let sid = s.sid as u32;
    let target = if selected { None } else { Some(sid) };
    let shape = match s.role {
        Role::Leading | Role::Standalone => {
            html! { <polygon class="srv-shape" points={hexagon(r * 1.12)} /> }
        }
        Role::Observing => html! {
            <polygon class="srv-shape"
                points={format!("0,{n} {p},0 0,{p} {n},0", n = fx(-r * 1.1), p = fx(r * 1.1))} />
        },
        _ => html! { <circle class="srv-shape" r={fx(r)} /> },
    };
    let mut class = String::from("srv srv-");
    class.push_str(s.role.class());
    for (on, word) in [
        (s.paused, " paused"),
        (selected, " selected"),
        (s.observer && s.role != Role::Observing, " observer"),
    ] {
        if on {
            class.push_str(word);
        }
    }
    let cross = format!(
        "M{a} {a} L{b} {b} M{b} {a} L{a} {b}",
        a = fx(-r * 0.5),
        b = fx(r * 0.5)
    );
    svg_button(
        s.sid.into(),
        class,
        at,
        name,
        selected,
        LabCommand::Select(target),
        on,
        html! {
            <>
                <circle class="srv-focus" r={fx(r + 8.0)} />
                { shape }
                if s.role == Role::Stopped {
                    <path class="srv-cross" d={cross} />
                }
                <text class="srv-id" y="7" text-anchor="middle">{ format!("S{}", s.sid) }</text>
                if s.paused {
                    <g class="srv-paused" transform={translate((r * 0.78, -r * 0.78))}>
                        <circle r="11" />
                        <rect x="-5" y="-5.5" width="3.5" height="11" />
                        <rect x="1.5" y="-5.5" width="3.5" height="11" />
                    </g>
                }
            </>
        },
    )
}

/// A server's label block: state word, epoch and zxid, its vote; lines centred in the
/// block [`super::layout`] gave it. Not part of the server's button (whose box stays
/// the shape, so a click on its centre reaches it); the words are in its name.
fn server_label(s: &ServerCard, label: Rect, scale: f64, l: &LabTexts) -> Html {
    // The counter without its leading zeros: the label stays short (the inspector and
    // the accessible name give the whole zxid).
    let (ep, ctr) = zxid_parts(s.zxid);
    let ctr = format!("{:x}", u64::from_str_radix(&ctr, 16).unwrap_or(0));
    let state_word = if s.role == Role::Stopped {
        l.stopped
    } else {
        s.role.label()
    };
    let x = fx((label.x0 + label.x1) / 2.0);
    let line_y = |k: f64| fx(label.y0 + LINE_H * (k + 0.8) * scale);
    let vote = s.proposal.map(|(leader, round)| {
        fill(
            l.proposes,
            &[
                ("leader", format!("S{leader}")),
                ("round", round.to_string()),
            ],
        )
    });
    html! {
        <g key={s.sid} class={format!("srv-label srv-{}", s.role.class())}>
            <text class="srv-state" x={x.clone()} y={line_y(0.0)} text-anchor="middle">{ state_word }</text>
            <text class="srv-meta" x={x.clone()} y={line_y(1.0)} text-anchor="middle">
                { format!("epoch {} · ", s.epoch) }
                <tspan class="zx-epoch">{ ep }</tspan>
                <tspan class="zx-sep">{ "│" }</tspan>
                <tspan class="zx-ctr">{ ctr }</tspan>
            </text>
            if let Some(vote) = vote {
                <text class="srv-vote" {x} y={line_y(2.0)} text-anchor="middle">{ vote }</text>
            }
        </g>
    }
}

/// Where and how message `m` is painted this frame.
fn placed(
    m: &MsgDot,
    (from, to): ((f64, f64), (f64, f64)),
    r: f64,
    labelled: bool,
    props: &ClusterProps,
) -> PaintedMsg {
    let progress = if props.reduced_motion {
        (m.progress * 4.0).round() / 4.0
    } else {
        m.progress
    };
    let (x, y) = if m.from == m.to {
        // A message to itself circles its node.
        let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * progress;
        (from.0 + (r + 12.0) * a.cos(), from.1 + (r + 12.0) * a.sin())
    } else {
        // Start and end at the shapes' rims, not their centres.
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let inset = (r / len).min(0.45);
        let a = (from.0 + dx * inset, from.1 + dy * inset);
        let b = (to.0 - dx * inset, to.1 - dy * inset);
        let lane = if m.from < m.to { 7.0 } else { -7.0 };
        message_xy(a, b, progress, lane)
    };
    let selected = props.selected == Selection::Message(m.id);
    PaintedMsg {
        id: m.id,
        x,
        y,
        family: m.family,
        held: m.held,
        selected,
        label: (labelled || selected).then(|| short_kind(m.kind)),
    }
}

fn center_text(
    servers: &[ServerCard],
    quorum: usize,
    voters: usize,
    banner: Rect,
    l: &LabTexts,
) -> Html {
    let leader = servers
        .iter()
        .find(|s| matches!(s.role, Role::Leading | Role::Standalone) && s.serving);
    let (x, y) = ((banner.x0 + banner.x1) / 2.0, banner.y0);
    // The banner's own scale (smaller on a phone), from its laid-out height.
    let k = (banner.y1 - banner.y0) / super::layout::BANNER_H;
    let headline = match leader {
        Some(s) => format!("★ S{} · epoch {}", s.sid, s.epoch),
        None => l.electing.to_string(),
    };
    let main_class = if leader.is_none() {
        "center-main electing"
    } else {
        "center-main"
    };
    let sub = fill(
        l.quorum,
        &[("q", quorum.to_string()), ("n", voters.to_string())],
    );
    html! {
        <g class="center banner" aria-hidden="true">
            <text class={main_class} x={fx(x)} y={fx(y + 20.0 * k)} text-anchor="middle">{ headline }</text>
            <text class="center-sub" x={fx(x)} y={fx(y + 37.0 * k)} text-anchor="middle">{ sub }</text>
        </g>
    }
}

/// The legend: roles (shape + colour + word) and message families.
#[component]
pub fn Legend() -> Html {
    let l = use_lang().lang.lab();
    let circle = || html! { <circle class="srv-shape" r="8" /> };
    let roles: [(&str, &str, Html); 5] = [
        (
            "legend-item srv srv-leading",
            l.role_leader,
            html! { <polygon class="srv-shape" points={hexagon(9.0)} /> },
        ),
        ("legend-item srv srv-following", l.role_follower, circle()),
        ("legend-item srv srv-looking", l.role_looking, circle()),
        (
            "legend-item srv srv-observing",
            l.role_observer,
            html! { <polygon class="srv-shape" points="0,-9 9,0 0,9 -9,0" /> },
        ),
        (
            "legend-item srv srv-stopped",
            l.role_stopped,
            html! {
                <>
                    { circle() }
                    <path class="srv-cross" d="M-4 -4 L4 4 M4 -4 L-4 4" />
                </>
            },
        ),
    ];
    let roles = roles.into_iter().map(|(class, text, shape)| {
        html! {
            <li {class}>
                <Swatch view_box="-11 -11 22 22">{ shape }</Swatch>
                <span>{ text }</span>
            </li>
        }
    });
    let families = Family::ALL.iter().map(|fam| {
        let shape = match fam {
            Family::Election => html! { <circle class="msg-shape" r="6" /> },
            Family::Discovery | Family::Sync => {
                html! { <polygon class="msg-shape" points="0,-7 7,0 0,7 -7,0" /> }
            }
            Family::Broadcast => {
                html! { <rect class="msg-shape" x="-5.5" y="-5.5" width="11" height="11" rx="2" /> }
            }
            Family::Heartbeat => html! { <circle class="msg-shape" r="4" /> },
            Family::Client => html! { <polygon class="msg-shape" points="0,-7 6.5,5 -6.5,5" /> },
        };
        html! {
            <li class={format!("legend-item fam-{}", fam.class())}>
                <Swatch view_box="-10 -10 20 20">{ shape }</Swatch>
                <span>
                    <strong>{ fam.name(l) }</strong>
                    { " " }
                    <span class="muted legend-kinds">{ fam.examples() }</span>
                </span>
            </li>
        }
    });
    html! {
        <figcaption class="legend">
            <div class="legend-group">
                <h3 class="legend-title">{ l.legend_roles }</h3>
                <ul class="legend-list">{ for roles }</ul>
            </div>
            <div class="legend-group">
                <h3 class="legend-title">{ l.legend_messages }</h3>
                <ul class="legend-list">{ for families }</ul>
            </div>
            <p class="legend-note muted">{ l.zxid_note }</p>
        </figcaption>
    }
}

/// Props of [`Swatch`].
#[derive(Properties, PartialEq)]
struct SwatchProps {
    /// The drawing's `viewBox`.
    view_box: &'static str,
    /// The shape.
    children: Html,
}

/// `<svg class="swatch" viewBox aria-hidden="true">shape</svg>`: a legend entry's shape.
#[component]
fn Swatch(p: &SwatchProps) -> Html {
    html! {
        <svg class="swatch" viewBox={p.view_box} aria-hidden="true">{ p.children.clone() }</svg>
    }
}
