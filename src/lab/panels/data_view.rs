//! The data view: one server's znode tree (stale on a lagging follower), the Stat of a
//! chosen node, sessions, watches, and the zkCli console.

use super::console::ZkConsole;
use super::fmt::{ms, session, zxid};
use super::{server_picker, PanelProps};
use crate::components::panel::PanelFrame;
use crate::components::table::DataTable;
use crate::i18n::panels::fill;
use crate::i18n::PanelTexts;
use crate::lang_ctx::use_lang;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::client::zkcli::format_java_date;
use zooscope_core::protocols::zookeeper::data::stat::Stat;
use zooscope_core::protocols::zookeeper::data::watch::WatcherMode;
use zooscope_core::protocols::zookeeper::lab_view::cards::Zxid;
use zooscope_core::protocols::zookeeper::lab_view::data::{
    DataView as Data, LeaderCopy, WatchTable, ZnodeKind, ZnodeRow,
};

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
    let lead = match &view.data {
        Some(d) => html! {
            <>
                <p class="panel-lead">{ fill(t.data_lead, &[&d.server, &d.role.name()]) }</p>
                if let Some(sel) = props.selected.filter(|s| *s != d.server) {
                    <p class="panel-note" id="data-selected-down">
                        { fill(t.data_selected_down, &[&sel, &d.server]) }
                    </p>
                }
            </>
        },
        None => Html::default(),
    };
    let head = html! {
        <>
            { lead }
            { server_picker(view, current, &props.on_command, t) }
        </>
    };
    html! {
        <PanelFrame class="zk-panel data-view" title_id="data-title" title={t.data_title} {head}>
            { body }
            <ZkConsole view={view.clone()} selected={props.selected} on_command={props.on_command.clone()} />
        </PanelFrame>
    }
}

fn freshness(d: &Data, t: &'static PanelTexts) -> Html {
    let (class, mark, text) = match (d.leader_zxid, d.stale, d.behind) {
        (None, _, _) => ("freshness fresh-leader", "★", t.data_is_leader.to_string()),
        (Some(_), false, _) => ("freshness fresh-ok", "✔", t.data_fresh.to_string()),
        (Some(_), true, Some(n)) if n > 0 => {
            ("freshness fresh-stale", "⚠", fill(t.data_behind, &[&n]))
        }
        (Some(_), true, _) => ("freshness fresh-stale", "⚠", t.data_stale.to_string()),
    };
    html! {
        <p {class} role="status">
            <span aria-hidden="true">{ mark }{ " " }</span>
            { text }
            { " " }
            { zxid(d.last_zxid, t) }
            if let Some(lz) = d.leader_zxid {
                <span class="muted">{ t.data_leader_zxid }</span>
                { zxid(lz, t) }
            }
        </p>
    }
}

fn kind_text(k: ZnodeKind, t: &PanelTexts) -> String {
    match k {
        ZnodeKind::Persistent => t.data_kinds[0].to_string(),
        ZnodeKind::Ephemeral => t.data_kinds[1].to_string(),
        ZnodeKind::Container => t.data_kinds[2].to_string(),
        ZnodeKind::Ttl(ttl) => format!("{} {}", t.data_kinds[3], ms(ttl)),
    }
}

fn kind_class(k: ZnodeKind) -> &'static str {
    match k {
        ZnodeKind::Persistent => "kind-tag kind-persistent",
        ZnodeKind::Ephemeral => "kind-tag kind-ephemeral",
        ZnodeKind::Container => "kind-tag kind-container",
        ZnodeKind::Ttl(_) => "kind-tag kind-ttl",
    }
}

fn watch_chips(n: &ZnodeRow, t: &PanelTexts) -> Html {
    let chips = [
        (
            n.data_watches,
            t.data_watch_chips[0],
            "watch-chip chip-data",
        ),
        (
            n.child_watches,
            t.data_watch_chips[1],
            "watch-chip chip-child",
        ),
        (
            n.persistent_watches,
            t.data_watch_chips[2],
            "watch-chip chip-persistent",
        ),
    ];
    chips
        .iter()
        .filter(|c| c.0 > 0)
        .map(|(count, text, class)| {
            html! {
                <span class={*class}><span aria-hidden="true">{ "👁 " }</span>{ fill(text, &[count]) }</span>
            }
        })
        .collect()
}

fn tree(d: &Data, chosen: Option<&str>, pick: Callback<String>, t: &'static PanelTexts) -> Html {
    let caption = html! {
        <>
            { fill(t.data_tree_caption, &[&d.server]) }
            if (d.nodes.len() as u32) < d.nodes_total {
                <span class="muted">
                    { " · " }{ fill(t.data_truncated, &[&d.nodes.len(), &d.nodes_total]) }
                </span>
            }
        </>
    };
    html! {
        <div class="table-wrap tree-wrap">
            <DataTable class="zk-table tree-table" {caption} cols={&t.data_cols[..]}>
                { for d.nodes.iter().map(|n| tree_row(n, chosen, &pick, t)) }
            </DataTable>
        </div>
    }
}

fn tree_row(n: &ZnodeRow, chosen: Option<&str>, pick: &Callback<String>, t: &PanelTexts) -> Html {
    let path = n.path.clone();
    let cb = pick.clone();
    let onclick = Callback::from(move |_: MouseEvent| cb.emit(path.clone()));
    let is_chosen = chosen == Some(n.path.as_str());
    let indent = format!("--depth:{}", n.depth.min(16));
    let stale = match n.leader_copy {
        Some(LeaderCopy::Differs) => Some(t.data_leader_newer),
        Some(LeaderCopy::Gone) => Some(t.data_leader_gone),
        _ => None,
    };
    let data = match &n.data {
        Some(text) if text.is_empty() => html! { <code class="muted">{ "\"\"" }</code> },
        Some(text) => html! {
            <code>{ text.clone() }{ if n.data_cut { "…" } else { "" } }</code>
        },
        None => html! { <code class="muted">{ "null" }</code> },
    };
    let owner = n
        .owner
        .map(|owner| n.owner_client.clone().unwrap_or_else(|| session(owner)));
    let mut class = String::from("znode-row");
    for (on, word) in [
        (matches!(n.kind, ZnodeKind::Ephemeral), " row-ephemeral"),
        (is_chosen, " is-chosen"),
        (stale.is_some(), " is-stale"),
    ] {
        if on {
            class.push_str(word);
        }
    }
    html! {
        <tr key={n.path.clone()} {class}>
            <th scope="row" class="znode-path" style={indent}>
                <button type="button" class="link-btn" aria-pressed={if is_chosen { "true" } else { "false" }}
                    aria-label={fill(t.stat_show, &[&n.path])} {onclick}>
                    { n.name.clone() }
                </button>
                if n.children_hidden > 0 {
                    <span class="muted small">
                        { " " }{ fill(t.data_children_hidden, &[&n.children_hidden]) }
                    </span>
                }
                if let Some(s) = stale {
                    <span class="stale-tag"><span aria-hidden="true">{ "⚠ " }</span>{ s }</span>
                }
            </th>
            <td class="znode-data">{ data }</td>
            <td>
                <span class={kind_class(n.kind)}>{ kind_text(n.kind, t) }</span>
                if let Some(owner) = owner {
                    <span class="owner small">{ " " }{ fill(t.data_owner, &[&owner]) }</span>
                }
            </td>
            <td class="num">{ n.stat.version }</td>
            <td class="num">{ n.stat.num_children }</td>
            <td>{ watch_chips(n, t) }</td>
        </tr>
    }
}

/// zkCli's Stat block as a table: field, value (as zkCli prints it), meaning.
fn stat_panel(n: Option<&ZnodeRow>, t: &'static PanelTexts) -> Html {
    let Some(n) = n else {
        return html! {
            <aside class="stat-panel"><p class="panel-empty">{ t.stat_hint }</p></aside>
        };
    };
    let s: &Stat = &n.stat;
    let zx = |v: u64| zxid(Zxid(v), t);
    let text = |v: String| html! { { v } };
    let rows: [(&str, Html); 11] = [
        ("cZxid", zx(s.czxid)),
        ("ctime", text(format_java_date(s.ctime))),
        ("mZxid", zx(s.mzxid)),
        ("mtime", text(format_java_date(s.mtime))),
        ("pZxid", zx(s.pzxid)),
        ("cversion", text(s.cversion.to_string())),
        ("dataVersion", text(s.version.to_string())),
        ("aclVersion", text(s.aversion.to_string())),
        ("ephemeralOwner", text(session(s.ephemeral_owner))),
        ("dataLength", text(s.data_length.to_string())),
        ("numChildren", text(s.num_children.to_string())),
    ];
    let body = rows
        .into_iter()
        .zip(t.stat_meanings.iter())
        .map(|((name, value), meaning)| {
            html! {
                <tr>
                    <th scope="row"><code>{ name }</code></th>
                    <td class="num">{ value }</td>
                    <td class="muted small">{ *meaning }</td>
                </tr>
            }
        });
    html! {
        <aside class="stat-panel">
            <DataTable class="zk-table stat-table" caption={html! { fill(t.stat_title, &[&n.path]) }}
                cols={&t.stat_cols[..]}>
                { for body }
            </DataTable>
        </aside>
    }
}

/// A client's name, or `—`.
fn client_name(c: &Option<String>) -> Html {
    html! { <td>{ c.clone().unwrap_or_else(|| "—".into()) }</td> }
}

/// The row of an empty table.
fn empty_row(text: &'static str) -> Html {
    html! { <tr><td colspan="5" class="panel-empty">{ text }</td></tr> }
}

/// A session id in a row header.
fn session_head(id: u64) -> Html {
    html! { <th scope="row"><code>{ session(id) }</code></th> }
}

fn sessions(d: &Data, t: &'static PanelTexts) -> Html {
    let rows = d.sessions.iter().map(|s| {
        html! {
            <tr key={s.id}>
                { session_head(s.id) }
                { client_name(&s.client) }
                <td class="num">{ ms(s.timeout_ms.max(0) as u64) }</td>
                <td class="num">{ s.ephemerals }</td>
                <td class="num">
                    { s.expires_in_ms.map_or("—".to_string(), ms) }
                    if s.closing {
                        { " · " }{ t.session_closing }
                    }
                </td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap">
            <DataTable class="zk-table session-table" caption={html! { t.sessions_caption }}
                cols={&t.sessions_cols[..]}>
                if d.sessions.is_empty() {
                    { empty_row(t.sessions_empty) }
                }
                { for rows }
            </DataTable>
        </div>
    }
}

fn watches(d: &Data, t: &'static PanelTexts) -> Html {
    let rows = d.watches.iter().map(|w| {
        let table = match w.table {
            WatchTable::Data => t.watch_tables[0],
            WatchTable::Child => t.watch_tables[1],
        };
        let mode = match w.mode {
            WatcherMode::Standard => t.watch_modes[0],
            WatcherMode::Persistent => t.watch_modes[1],
            WatcherMode::PersistentRecursive => t.watch_modes[2],
        };
        html! {
            <tr>
                { session_head(w.session) }
                { client_name(&w.client) }
                <td><code>{ w.path.clone() }</code></td>
                <td>{ table }</td>
                <td>{ mode }</td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap">
            <DataTable class="zk-table watch-table" caption={html! { t.watches_caption }}
                cols={&t.watches_cols[..]}>
                if d.watches.is_empty() {
                    { empty_row(t.watches_empty) }
                }
                { for rows }
            </DataTable>
        </div>
    }
}
