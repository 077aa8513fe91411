//! The data view: one server's znode tree (stale on a lagging follower), the Stat of a
//! chosen node, sessions, watches, and the zkCli console.

use super::console::ZkConsole;
use super::fmt::{session, zxid};
use super::{server_picker, PanelProps};
use crate::i18n::panels::fill;
use crate::i18n::PanelTexts;
use crate::lang_ctx::use_lang;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::cards::Zxid;
use zooscope_core::protocols::zookeeper::lab_view::data::{
    DataView as Data, LeaderCopy, WatchTable, ZnodeKind, ZnodeRow,
};
use zooscope_core::protocols::zookeeper::stat::Stat;
use zooscope_core::protocols::zookeeper::watch::WatcherMode;
use zooscope_core::protocols::zookeeper::zkcli::format_java_date;

/// The data panel: tree, Stat, sessions, watches and the console.
#[component]
pub fn DataView(props: &PanelProps) -> Html {
    let t = use_lang().lang.panels();
    let chosen = use_state(|| Option::<String>::None);
    let view = &props.view;
    let current = view.data.as_ref().map(|d| d.server);
    let body = match &view.data {
        None => html! { <p class="panel-empty">{ t.data_none }</p> },
        Some(d) => {
            let pick = {
                let chosen = chosen.clone();
                Callback::from(move |p: String| chosen.set(Some(p)))
            };
            let stat_row = chosen
                .as_ref()
                .and_then(|p| d.nodes.iter().find(|n| &n.path == p));
            html! {
                <>
                    { freshness(d, t) }
                    <div class="data-grid">
                        { tree(d, chosen.as_deref(), pick, t) }
                        { stat_panel(stat_row, t) }
                    </div>
                    { sessions(d, t) }
                    { watches(d, t) }
                </>
            }
        }
    };
    html! {
        <section class="zk-panel data-view" aria-labelledby="data-title">
            <header class="panel-head">
                <h2 id="data-title">{ t.data_title }</h2>
                if let Some(d) = &view.data {
                    <p class="panel-lead">{ fill(t.data_lead, &[&d.server, &d.role.name()]) }</p>
                    if let Some(sel) = props.selected.filter(|s| *s != d.server) {
                        <p class="panel-note" id="data-selected-down">{ fill(t.data_selected_down, &[&sel, &d.server]) }</p>
                    }
                }
                { server_picker(view, current, &props.on_command, t) }
            </header>
            { body }
            <ZkConsole view={view.clone()} selected={props.selected} on_command={props.on_command.clone()} />
        </section>
    }
}

fn freshness(d: &Data, t: &PanelTexts) -> Html {
    let (class, glyph, text) = match (d.leader_zxid, d.stale, d.behind) {
        (None, _, _) => ("fresh-leader", "★", t.data_is_leader.to_string()),
        (Some(_), false, _) => ("fresh-ok", "✔", t.data_fresh.to_string()),
        (Some(_), true, Some(n)) if n > 0 => ("fresh-stale", "⚠", fill(t.data_behind, &[&n])),
        (Some(_), true, _) => ("fresh-stale", "⚠", t.data_stale.to_string()),
    };
    html! {
        <p class={classes!("freshness", class)} role="status">
            <span aria-hidden="true">{ glyph }{ " " }</span>
            { text }
            { " " }
            { zxid(d.last_zxid, t) }
            if let Some(lz) = d.leader_zxid {
                <span class="muted">{ " · leader " }</span>{ zxid(lz, t) }
            }
        </p>
    }
}

fn kind_text(k: ZnodeKind, t: &PanelTexts) -> String {
    match k {
        ZnodeKind::Persistent => t.data_kinds[0].to_string(),
        ZnodeKind::Ephemeral => t.data_kinds[1].to_string(),
        ZnodeKind::Container => t.data_kinds[2].to_string(),
        ZnodeKind::Ttl(ms) => format!("{} {}", t.data_kinds[3], super::fmt::ms(ms)),
    }
}

fn kind_class(k: ZnodeKind) -> &'static str {
    match k {
        ZnodeKind::Persistent => "kind-persistent",
        ZnodeKind::Ephemeral => "kind-ephemeral",
        ZnodeKind::Container => "kind-container",
        ZnodeKind::Ttl(_) => "kind-ttl",
    }
}

fn watch_chips(n: &ZnodeRow, t: &PanelTexts) -> Html {
    let chips = [
        (n.data_watches, t.data_watch_chips[0], "chip-data"),
        (n.child_watches, t.data_watch_chips[1], "chip-child"),
        (
            n.persistent_watches,
            t.data_watch_chips[2],
            "chip-persistent",
        ),
    ];
    html! {
        <>
            { for chips.iter().filter(|c| c.0 > 0).map(|(count, text, class)| html! {
                <span class={classes!("watch-chip", *class)}>
                    <span aria-hidden="true">{ "👁 " }</span>{ fill(text, &[count]) }
                </span>
            }) }
        </>
    }
}

fn tree(d: &Data, chosen: Option<&str>, pick: Callback<String>, t: &PanelTexts) -> Html {
    html! {
        <div class="table-wrap tree-wrap">
            <table class="zk-table tree-table">
                <caption>
                    { fill(t.data_tree_caption, &[&d.server]) }
                    if (d.nodes.len() as u32) < d.nodes_total {
                        <span class="muted">{ " · " }{ fill(t.data_truncated, &[&d.nodes.len(), &d.nodes_total]) }</span>
                    }
                </caption>
                <thead>
                    <tr>{ for t.data_cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                </thead>
                <tbody>
                    { for d.nodes.iter().map(|n| {
                        let path = n.path.clone();
                        let cb = pick.clone();
                        let onclick = Callback::from(move |_: MouseEvent| cb.emit(path.clone()));
                        let is_chosen = chosen == Some(n.path.as_str());
                        let indent = format!("--depth:{}", n.depth.min(16));
                        html! {
                            <tr key={n.path.clone()} class={classes!(
                                "znode-row",
                                matches!(n.kind, ZnodeKind::Ephemeral).then_some("row-ephemeral"),
                                is_chosen.then_some("is-chosen"),
                                matches!(n.leader_copy, Some(LeaderCopy::Differs | LeaderCopy::Gone)).then_some("is-stale"),
                            )}>
                                <th scope="row" class="znode-path" style={indent}>
                                    <button type="button" class="link-btn" aria-pressed={if is_chosen { "true" } else { "false" }}
                                        aria-label={fill(t.stat_show, &[&n.path])} {onclick}>
                                        { n.name.clone() }
                                    </button>
                                    if n.children_hidden > 0 {
                                        <span class="muted small">{ " " }{ fill(t.data_children_hidden, &[&n.children_hidden]) }</span>
                                    }
                                    if let Some(c) = n.leader_copy {
                                        if c == LeaderCopy::Differs {
                                            <span class="stale-tag"><span aria-hidden="true">{ "⚠ " }</span>{ t.data_leader_newer }</span>
                                        } else if c == LeaderCopy::Gone {
                                            <span class="stale-tag"><span aria-hidden="true">{ "⚠ " }</span>{ t.data_leader_gone }</span>
                                        }
                                    }
                                </th>
                                <td class="znode-data">
                                    if let Some(text) = &n.data {
                                        if text.is_empty() {
                                            <code class="muted">{ "\"\"" }</code>
                                        } else {
                                            <code>{ text.clone() }{ if n.data_cut { "…" } else { "" } }</code>
                                        }
                                    } else {
                                        <code class="muted">{ "null" }</code>
                                    }
                                </td>
                                <td>
                                    <span class={classes!("kind-tag", kind_class(n.kind))}>{ kind_text(n.kind, t) }</span>
                                    if let Some(owner) = n.owner {
                                        <span class="owner small">
                                            { " " }
                                            { fill(t.data_owner, &[&n.owner_client.clone().unwrap_or_else(|| session(owner))]) }
                                        </span>
                                    }
                                </td>
                                <td class="num">{ n.stat.version }</td>
                                <td class="num">{ n.stat.num_children }</td>
                                <td>{ watch_chips(n, t) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// zkCli's Stat block as a table: field, value (as zkCli prints it), meaning.
fn stat_panel(n: Option<&ZnodeRow>, t: &PanelTexts) -> Html {
    let Some(n) = n else {
        return html! { <aside class="stat-panel"><p class="panel-empty">{ t.stat_hint }</p></aside> };
    };
    let s: &Stat = &n.stat;
    let hex = |v: u64| format!("0x{v:x}");
    let zx = |v: u64| zxid(Zxid(v), t);
    let rows: [(&str, Html); 11] = [
        ("cZxid", zx(s.czxid)),
        ("ctime", html! { { format_java_date(s.ctime) } }),
        ("mZxid", zx(s.mzxid)),
        ("mtime", html! { { format_java_date(s.mtime) } }),
        ("pZxid", zx(s.pzxid)),
        ("cversion", html! { { s.cversion } }),
        ("dataVersion", html! { { s.version } }),
        ("aclVersion", html! { { s.aversion } }),
        ("ephemeralOwner", html! { { hex(s.ephemeral_owner) } }),
        ("dataLength", html! { { s.data_length } }),
        ("numChildren", html! { { s.num_children } }),
    ];
    html! {
        <aside class="stat-panel">
            <table class="zk-table stat-table">
                <caption>{ fill(t.stat_title, &[&n.path]) }</caption>
                <thead>
                    <tr>{ for t.stat_cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                </thead>
                <tbody>
                    { for rows.into_iter().zip(t.stat_meanings.iter()).map(|((name, value), meaning)| html! {
                        <tr>
                            <th scope="row"><code>{ name }</code></th>
                            <td class="num">{ value }</td>
                            <td class="muted small">{ *meaning }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </aside>
    }
}

fn sessions(d: &Data, t: &PanelTexts) -> Html {
    html! {
        <div class="table-wrap">
            <table class="zk-table session-table">
                <caption>{ t.sessions_caption }</caption>
                <thead>
                    <tr>{ for t.sessions_cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                </thead>
                <tbody>
                    if d.sessions.is_empty() {
                        <tr><td colspan="5" class="panel-empty">{ t.sessions_empty }</td></tr>
                    }
                    { for d.sessions.iter().map(|s| html! {
                        <tr key={s.id}>
                            <th scope="row"><code>{ session(s.id) }</code></th>
                            <td>{ s.client.clone().unwrap_or_else(|| "—".into()) }</td>
                            <td class="num">{ super::fmt::ms(s.timeout_ms.max(0) as u64) }</td>
                            <td class="num">{ s.ephemerals }</td>
                            <td class="num">
                                { s.expires_in_ms.map_or("—".to_string(), super::fmt::ms) }
                                if s.closing { { " · " }{ t.session_closing } }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn watches(d: &Data, t: &PanelTexts) -> Html {
    html! {
        <div class="table-wrap">
            <table class="zk-table watch-table">
                <caption>{ t.watches_caption }</caption>
                <thead>
                    <tr>{ for t.watches_cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                </thead>
                <tbody>
                    if d.watches.is_empty() {
                        <tr><td colspan="5" class="panel-empty">{ t.watches_empty }</td></tr>
                    }
                    { for d.watches.iter().map(|w| html! {
                        <tr>
                            <th scope="row"><code>{ session(w.session) }</code></th>
                            <td>{ w.client.clone().unwrap_or_else(|| "—".into()) }</td>
                            <td><code>{ w.path.clone() }</code></td>
                            <td>{ match w.table { WatchTable::Data => t.watch_tables[0], WatchTable::Child => t.watch_tables[1] } }</td>
                            <td>{ match w.mode {
                                WatcherMode::Standard => t.watch_modes[0],
                                WatcherMode::Persistent => t.watch_modes[1],
                                WatcherMode::PersistentRecursive => t.watch_modes[2],
                            } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
