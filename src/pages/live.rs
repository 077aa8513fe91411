//! `#/live`: the election lab's views of a real ensemble, fed by `zooscope bridge`
//! ([`crate::live::link`]) instead of the simulation. Read-only except for zkCli
//! commands run through the bridge's session; it says what it measured and what
//! ZooKeeper does not show (the votes of an election).

use crate::components::panel::PanelFrame;
use crate::components::table::DataTable;
use crate::i18n::panels::fill;
use crate::i18n::LiveTexts;
use crate::lab::cluster::ClusterView;
use crate::lab::state::Selection;
use crate::lang_ctx::use_lang;
use crate::live::cards;
use crate::live::history::{server_label, Change, History};
use crate::live::link::{use_bridge, LinkStatus, LiveQuery};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;
use zooscope_core::live::{LiveServer, LiveSnapshot, Mode, WHITELIST_LINE};

/// Snapshots drawn in the timeline (the newest).
pub const TIMELINE_SHOWN: usize = 120;

/// The live page.
#[component]
pub fn LivePage() -> Html {
    let lang = use_lang().lang;
    let t = lang.live();
    let location = use_location();
    let addr = location
        .as_ref()
        .map(|l| LiveQuery::parse(l.query_str()).bridge_addr())
        .unwrap_or_else(|| LiveQuery::default().bridge_addr());
    let link = use_bridge(addr.clone());
    let st = &*link.state;
    let (status_class, status_text) = match st.status {
        LinkStatus::Connecting => ("link-connecting", t.link_connecting),
        LinkStatus::Open => ("link-open", t.link_open),
        LinkStatus::Closed => ("link-closed", t.link_closed),
    };
    html! {
        <div class="page page-live lab">
            <header class="page-head">
                <h1>{ t.title }</h1>
                <p class="page-lead">{ t.lead }</p>
                <p class={classes!("live-link", status_class)} role="status">{ fill(status_text, &[&addr]) }</p>
                if st.snapshot.is_none() {
                    <p class="live-howto">{ t.how_to }<br />
                        <code>{ format!("zooscope bridge --zk 127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183 --listen {addr}") }</code>
                    </p>
                }
            </header>
            <aside class="zk-panel live-seen" aria-label={t.seen_title}>
                <p><strong>{ t.seen_measured }</strong></p>
                <p>{ t.seen_hidden }</p>
            </aside>
            if let Some(s) = st.snapshot.clone() {
                <Measured snapshot={s} history={st.history.clone()} />
            }
            <Console run={link.run.clone()} replies={st.replies.clone()} refusal={st.refusal.clone()} />
        </div>
    }
}

/// Props of [`Measured`].
#[derive(Properties, PartialEq)]
struct MeasuredProps {
    snapshot: Rc<LiveSnapshot>,
    history: Rc<History>,
}

/// Everything drawn from a snapshot.
#[component]
fn Measured(p: &MeasuredProps) -> Html {
    let t = use_lang().lang.live();
    let s = &p.snapshot;
    let frame = use_memo((p.snapshot.clone(), p.history.clone()), |(s, h)| {
        Rc::new(cards::frame(s, h))
    });
    let time = clock(s.taken_at_ms);
    html! {
        <>
            <p class="live-stamp num">{ fill(t.snapshot_at, &[&s.seq, &time]) }</p>
            { for s.servers.iter().enumerate().filter_map(|(i, v)| note(t, server_label(s, i), v)) }
            <div class="live-main">
                <section class="live-ring" aria-label={t.cluster_aria}>
                    <ClusterView frame={(*frame).clone()} selected={Selection::None} playing={true}
                        reduced_motion={true} read_only={true} on_command={Callback::noop()} />
                </section>
                <Zab snapshot={p.snapshot.clone()} history={p.history.clone()} />
            </div>
            <Servers snapshot={p.snapshot.clone()} />
            <Timeline snapshot={p.snapshot.clone()} history={p.history.clone()} />
            <Tree snapshot={p.snapshot.clone()} />
            <Sessions snapshot={p.snapshot.clone()} />
        </>
    }
}

/// `HH:MM:SS` (UTC) of a Unix time in ms.
fn clock(ms: u64) -> String {
    let secs = ms / 1000;
    format!(
        "{:02}:{:02}:{:02} UTC",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

/// The note under a server that is not what the bridge needs.
fn note(t: &LiveTexts, label: u64, v: &LiveServer) -> Option<Html> {
    let name = format!("{label} ({})", v.address);
    if v.mode == Mode::NotZooKeeper {
        return Some(
            html! { <p class="panel-note live-note">{ fill(t.not_zk_note, &[&v.address]) }</p> },
        );
    }
    if v.refused_words.is_empty() {
        return None;
    }
    let words = v.refused_words.join(", ");
    Some(html! {
        <p class="panel-note live-note">{ fill(t.whitelist_note, &[&name, &words]) }
            <br /><code>{ WHITELIST_LINE }</code></p>
    })
}

/// A mode as the servers table shows it: `srvr`'s own word, or what we know instead.
fn mode_text(t: &LiveTexts, mode: Mode) -> &'static str {
    mode.srvr_word().unwrap_or(match mode {
        Mode::NotServing => t.mode_not_serving,
        Mode::Down => t.mode_down,
        Mode::NotZooKeeper => t.mode_not_zk,
        _ => t.mode_unknown,
    })
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "—".to_string(), |v| v.to_string())
}

fn hex(v: Option<u64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("0x{v:x}"))
}

/// Props of the panels that only need the snapshot.
#[derive(Properties, PartialEq)]
struct SnapProps {
    snapshot: Rc<LiveSnapshot>,
}

/// The servers table.
#[component]
fn Servers(p: &SnapProps) -> Html {
    let t = use_lang().lang.live();
    let s = &p.snapshot;
    let rows = s.servers.iter().enumerate().map(|(i, v)| {
        let class = classes!(
            "live-server",
            format!("mode-{}", cards::role(v.mode).class())
        );
        html! {
            <tr {class} data-mode={mode_text(t, v.mode)}>
                <th scope="row">{ server_label(s, i) }</th>
                <td><code>{ v.address.clone() }</code></td>
                <td class="live-mode">{ mode_text(t, v.mode) }</td>
                <td>{ if v.serving { t.yes } else { t.no } }</td>
                <td class="num live-epoch">{ opt(v.epoch()) }</td>
                <td class="num"><code>{ hex(v.zxid) }</code></td>
                <td class="num">{ opt(v.connections) }</td>
                <td class="num">{ opt(v.node_count) }</td>
            </tr>
        }
    });
    html! {
        <PanelFrame class="zk-panel live-servers" title_id="live-servers-title" title={t.servers_title}>
            <DataTable class="zk-table" caption={html! { t.servers_title }} caption_class={Some("sr-only")} cols={t.server_cols}>
                { for rows }
            </DataTable>
        </PanelFrame>
    }
}

/// Props of the panels that also need the timeline.
#[derive(Properties, PartialEq)]
struct HistProps {
    snapshot: Rc<LiveSnapshot>,
    history: Rc<History>,
}

/// Leader, epoch, zxid rate, followers in sync.
#[component]
fn Zab(p: &HistProps) -> Html {
    let t = use_lang().lang.live();
    let s = &p.snapshot;
    let leader = s
        .servers
        .iter()
        .position(|v| v.mode == Mode::Leader)
        .filter(|_| s.leader().is_some());
    let head = match leader {
        Some(i) => fill(
            t.zab_leader,
            &[&server_label(s, i), &opt(s.servers[i].epoch())],
        ),
        None => t.zab_no_leader.to_string(),
    };
    let rate = p
        .history
        .zxid_rate()
        .map(|r| fill(t.zab_rate, &[&format!("{r:.1}")]));
    let synced = leader.and_then(|i| {
        let c = &s.servers[i].counters;
        Some(fill(t.zab_synced, &[&c.synced_followers?, &c.learners?]))
    });
    let zxid = s
        .servers
        .iter()
        .filter(|v| v.serving)
        .filter_map(|v| v.zxid)
        .max();
    html! {
        <PanelFrame class="zk-panel live-zab" title_id="live-zab-title" title={t.zab_title}>
            <p class={classes!("zab-leader", leader.is_none().then_some("no-leader"))}>{ head }</p>
            <p class="zab-counters">{ format!("zxid {}", hex(zxid)) }</p>
            if let Some(rate) = rate { <p class="zab-counters">{ rate }</p> }
            if let Some(synced) = synced { <p class="zab-counters">{ synced }</p> }
            <p class="panel-note small">{ t.zab_epoch_note }</p>
        </PanelFrame>
    }
}

/// Each server's mode per snapshot, and the moments something changed.
#[component]
fn Timeline(p: &HistProps) -> Html {
    let t = use_lang().lang.live();
    let h = &p.history;
    let shown: Vec<_> = h
        .points
        .iter()
        .skip(h.points.len().saturating_sub(TIMELINE_SHOWN))
        .collect();
    let lanes = p.snapshot.servers.len();
    let (cell_w, lane_h) = (6.0, 18.0);
    let width = (TIMELINE_SHOWN as f64) * cell_w + 40.0;
    let height = lanes as f64 * lane_h + 4.0;
    let cells = shown.iter().enumerate().flat_map(|(x, point)| {
        point.modes.iter().enumerate().map(move |(lane, mode)| {
            let class = format!("tl-cell mode-{}", cards::role(*mode).class());
            html! { <rect {class} x={format!("{:.1}", 40.0 + x as f64 * cell_w)} y={format!("{:.1}", lane as f64 * lane_h + 2.0)}
                width={format!("{:.1}", cell_w - 1.0)} height={format!("{:.1}", lane_h - 4.0)} /> }
        })
    });
    let labels = (0..lanes).map(|i| {
        html! { <text class="tl-label" x="4" y={format!("{:.1}", i as f64 * lane_h + 14.0)}>{ format!("S{}", server_label(&p.snapshot, i)) }</text> }
    });
    let moment_text = |c: &Change| match c {
        Change::Down(id) => fill(t.moment_down, &[id]),
        Change::Back(id) => fill(t.moment_back, &[id]),
        Change::Leader(id, epoch) => fill(t.moment_leader, &[id, epoch]),
        Change::NoLeader => t.moment_no_leader.to_string(),
    };
    let moments = h.moments.iter().rev().map(|m| {
        let class = match m.change {
            Change::Down(_) | Change::NoLeader => "moment moment-bad",
            Change::Back(_) => "moment moment-ok",
            Change::Leader(..) => "moment moment-leader",
        };
        html! { <li {class}><span class="num">{ clock(m.at_ms) }</span>{ " " }{ moment_text(&m.change) }</li> }
    });
    html! {
        <PanelFrame class="zk-panel live-timeline" title_id="live-timeline-title" title={t.timeline_title}
            head={html! { <p class="panel-lead">{ t.timeline_lead }</p> }}>
            <svg class="tl" viewBox={format!("0 0 {width:.0} {height:.0}")} role="img" aria-label={t.timeline_title}>
                { for labels }
                { for cells }
            </svg>
            if h.moments.is_empty() {
                <p class="panel-empty">{ t.moments_none }</p>
            } else {
                <ol class="moments">{ for moments }</ol>
            }
        </PanelFrame>
    }
}

/// The tree with its Stats and ephemeral owners.
#[component]
fn Tree(p: &SnapProps) -> Html {
    let t = use_lang().lang.live();
    let tree = &p.snapshot.tree;
    let rows = tree.nodes.iter().map(|n| {
        let owner = match n.stat.ephemeral_owner {
            0 => t.persistent.to_string(),
            sid => format!("0x{sid:x}"),
        };
        html! {
            <tr key={n.path.clone()}>
                <th scope="row"><code>{ n.path.clone() }</code></th>
                <td><code>{ n.data.clone() }</code></td>
                <td class="num"><code>{ format!("0x{:x}", n.stat.czxid) }</code></td>
                <td class="num"><code>{ format!("0x{:x}", n.stat.mzxid) }</code></td>
                <td class="num">{ n.stat.version }</td>
                <td class="num">{ n.stat.num_children }</td>
                <td class={classes!((n.stat.ephemeral_owner != 0).then_some("ephemeral"))}><code>{ owner }</code></td>
            </tr>
        }
    });
    html! {
        <PanelFrame class="zk-panel live-tree" title_id="live-tree-title" title={t.tree_title}>
            if let Some(e) = &tree.error { <p class="panel-note">{ fill(t.tree_error, &[e]) }</p> }
            if tree.truncated { <p class="panel-note">{ t.tree_truncated }</p> }
            <DataTable class="zk-table tree-table" caption={html! { t.tree_title }} caption_class={Some("sr-only")} cols={t.tree_cols}>
                { for rows }
            </DataTable>
        </PanelFrame>
    }
}

/// Sessions and watches, per server.
#[component]
fn Sessions(p: &SnapProps) -> Html {
    let t = use_lang().lang.live();
    let s = &p.snapshot;
    let own = s.tree.session;
    let sessions: Vec<Html> = s
        .servers
        .iter()
        .enumerate()
        .flat_map(|(i, v)| {
            v.sessions.iter().map(move |c| {
                let sid = c.session.unwrap_or(0);
                let mine = (Some(sid) == own).then_some(t.bridge_session);
                html! {
                    <tr>
                        <th scope="row">{ server_label(s, i) }</th>
                        <td><code>{ c.remote.clone() }</code></td>
                        <td><code>{ format!("0x{sid:x}") }</code>{ " " }{ mine.unwrap_or_default() }</td>
                        <td class="num">{ c.received }</td>
                        <td class="num">{ c.sent }</td>
                        <td><code>{ c.last_op.clone().unwrap_or_default() }</code></td>
                        <td class="num">{ opt(c.timeout_ms) }</td>
                    </tr>
                }
            })
        })
        .collect();
    let watches: Vec<Html> = s
        .servers
        .iter()
        .enumerate()
        .flat_map(|(i, v)| {
            v.watches.iter().map(move |w| {
                let who: Vec<String> = w.sessions.iter().map(|x| format!("0x{x:x}")).collect();
                html! {
                    <tr>
                        <th scope="row">{ server_label(s, i) }</th>
                        <td><code>{ w.path.clone() }</code></td>
                        <td><code>{ who.join(" ") }</code></td>
                    </tr>
                }
            })
        })
        .collect();
    html! {
        <div class="live-pair">
            <PanelFrame class="zk-panel live-sessions" title_id="live-sessions-title" title={t.sessions_title}>
                if sessions.is_empty() {
                    <p class="panel-empty">{ t.sessions_none }</p>
                } else {
                    <DataTable class="zk-table" caption={html! { t.sessions_title }} caption_class={Some("sr-only")} cols={t.session_cols}>
                        { for sessions }
                    </DataTable>
                }
            </PanelFrame>
            <PanelFrame class="zk-panel live-watches" title_id="live-watches-title" title={t.watches_title}>
                if watches.is_empty() {
                    <p class="panel-empty">{ t.watches_none }</p>
                } else {
                    <DataTable class="zk-table" caption={html! { t.watches_title }} caption_class={Some("sr-only")} cols={t.watch_cols}>
                        { for watches }
                    </DataTable>
                }
            </PanelFrame>
        </div>
    }
}

/// Props of [`Console`].
#[derive(Properties, PartialEq)]
struct ConsoleProps {
    run: Callback<String>,
    replies: Rc<std::collections::VecDeque<zooscope_core::live::CommandReply>>,
    refusal: Option<String>,
}

/// A zkCli command line run through the bridge.
#[component]
fn Console(p: &ConsoleProps) -> Html {
    let t = use_lang().lang.live();
    let input = use_node_ref();
    let onsubmit = {
        let (input, run) = (input.clone(), p.run.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let line = el.value();
                if !line.trim().is_empty() {
                    run.emit(line);
                    el.set_value("");
                }
            }
        })
    };
    let out: String = p
        .replies
        .iter()
        .map(|r| format!("$ {}\n{}", r.line, r.output))
        .collect();
    html! {
        <PanelFrame class="zk-panel live-console" title_id="live-console-title" title={t.console_title}
            head={html! { <p class="panel-lead">{ t.console_lead }</p> }}>
            <form class="live-console-form" {onsubmit}>
                <label for="live-cmd">{ t.console_label }</label>
                <input id="live-cmd" ref={input} type="text" autocomplete="off" spellcheck="false" maxlength="4096" />
                <button type="submit" class="btn">{ t.console_run }</button>
            </form>
            if let Some(r) = &p.refusal { <p class="panel-note">{ fill(t.refused, &[r]) }</p> }
            if !out.is_empty() { <pre class="live-console-out" aria-live="polite">{ out }</pre> }
        </PanelFrame>
    }
}
