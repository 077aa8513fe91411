//! The data view: one server's znode tree (stale on a lagging follower), the Stat of a
//! chosen node, sessions, watches, and the zkCli console.

use super::console::ZkConsole;
use super::fmt::{session, zxid};
use super::{
    el, glyph, hidden, keyed, list, panel, row_head, server_picker, tag, txt, zk_table, PanelProps,
};
use crate::i18n::panels::fill;
use crate::i18n::PanelTexts;
use crate::lang_ctx::use_lang;
use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty as Attr, Attributes};
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
        None => el("p", "panel-empty", txt(t.data_none)),
        Some(d) => {
            let pick = {
                let chosen = chosen.clone();
                Callback::from(move |p: String| chosen.set(Some(p)))
            };
            let stat_row = chosen
                .as_ref()
                .and_then(|p| d.nodes.iter().find(|n| &n.path == p));
            list([
                freshness(d, t),
                el(
                    "div",
                    "data-grid",
                    list([tree(d, chosen.as_deref(), pick, t), stat_panel(stat_row, t)]),
                ),
                sessions(d, t),
                watches(d, t),
            ])
        }
    };
    let lead = match &view.data {
        Some(d) => list([
            el(
                "p",
                "panel-lead",
                txt(fill(t.data_lead, &[&d.server, &d.role.name()])),
            ),
            match props.selected.filter(|s| *s != d.server) {
                Some(sel) => tag(
                    "p",
                    Attributes::Static(SELECTED_DOWN),
                    txt(fill(t.data_selected_down, &[&sel, &d.server])),
                ),
                None => Html::default(),
            },
        ]),
        None => Html::default(),
    };
    panel(
        "zk-panel data-view",
        "data-title",
        t.data_title,
        list([lead, server_picker(view, current, &props.on_command, t)]),
        html! {
            <>
                { body }
                <ZkConsole view={view.clone()} selected={props.selected} on_command={props.on_command.clone()} />
            </>
        },
    )
}

const SELECTED_DOWN: &[(&str, Attr)] = &[
    ("class", Attr::Static("panel-note")),
    ("id", Attr::Static("data-selected-down")),
];

fn freshness(d: &Data, t: &PanelTexts) -> Html {
    let (class, mark, text) = match (d.leader_zxid, d.stale, d.behind) {
        (None, _, _) => ("freshness fresh-leader", "★", t.data_is_leader.to_string()),
        (Some(_), false, _) => ("freshness fresh-ok", "✔", t.data_fresh.to_string()),
        (Some(_), true, Some(n)) if n > 0 => {
            ("freshness fresh-stale", "⚠", fill(t.data_behind, &[&n]))
        }
        (Some(_), true, _) => ("freshness fresh-stale", "⚠", t.data_stale.to_string()),
    };
    let leader = match d.leader_zxid {
        Some(lz) => list([el("span", "muted", txt(" · leader ")), zxid(lz, t)]),
        None => Html::default(),
    };
    tag(
        "p",
        Attributes::Dynamic {
            keys: &["class", "role"],
            values: Box::new([Some(Attr::Static(class)), Some(Attr::Static("status"))]),
        },
        list([
            hidden("", list([txt(mark), txt(" ")])),
            txt(text),
            txt(" "),
            zxid(d.last_zxid, t),
            leader,
        ]),
    )
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
            el(
                "span",
                class,
                list([glyph("👁 "), txt(fill(text, &[count]))]),
            )
        })
        .collect()
}

fn tree(d: &Data, chosen: Option<&str>, pick: Callback<String>, t: &PanelTexts) -> Html {
    let truncated = if (d.nodes.len() as u32) < d.nodes_total {
        el(
            "span",
            "muted",
            list([
                txt(" · "),
                txt(fill(t.data_truncated, &[&d.nodes.len(), &d.nodes_total])),
            ]),
        )
    } else {
        Html::default()
    };
    let caption = list([txt(fill(t.data_tree_caption, &[&d.server])), truncated]);
    let rows = d
        .nodes
        .iter()
        .map(|n| tree_row(n, chosen, &pick, t))
        .collect::<Html>();
    el(
        "div",
        "table-wrap tree-wrap",
        zk_table("zk-table tree-table", caption, &t.data_cols, rows),
    )
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
    let hidden = if n.children_hidden > 0 {
        el(
            "span",
            "muted small",
            list([
                txt(" "),
                txt(fill(t.data_children_hidden, &[&n.children_hidden])),
            ]),
        )
    } else {
        Html::default()
    };
    let stale_tag = match stale {
        Some(s) => el("span", "stale-tag", list([glyph("⚠ "), txt(s)])),
        None => Html::default(),
    };
    let data = match &n.data {
        Some(text) if text.is_empty() => el("code", "muted", txt("\"\"")),
        Some(text) => el(
            "code",
            "",
            list([txt(text.clone()), txt(if n.data_cut { "…" } else { "" })]),
        ),
        None => el("code", "muted", txt("null")),
    };
    let owner = match n.owner {
        Some(owner) => el(
            "span",
            "owner small",
            list([
                txt(" "),
                txt(fill(
                    t.data_owner,
                    &[&n.owner_client.clone().unwrap_or_else(|| session(owner))],
                )),
            ]),
        ),
        None => Html::default(),
    };
    let kind = list([
        el("span", kind_class(n.kind), txt(kind_text(n.kind, t))),
        owner,
    ]);
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
    let button = html! {
        <button type="button" class="link-btn" aria-pressed={if is_chosen { "true" } else { "false" }}
            aria-label={fill(t.stat_show, &[&n.path])} {onclick}>
            { txt(n.name.clone()) }
        </button>
    };
    let head = tag(
        "th",
        Attributes::Dynamic {
            keys: &["scope", "class", "style"],
            values: Box::new([
                Some(Attr::Static("row")),
                Some(Attr::Static("znode-path")),
                Some(Attr::Attribute(indent.into())),
            ]),
        },
        list([button, hidden, stale_tag]),
    );
    let mut row = tag(
        "tr",
        Attributes::Dynamic {
            keys: &["class"],
            values: Box::new([Some(Attr::Attribute(class.into()))]),
        },
        list([
            head,
            el("td", "znode-data", data),
            el("td", "", kind),
            num(n.stat.version.to_string()),
            num(n.stat.num_children.to_string()),
            el("td", "", watch_chips(n, t)),
        ]),
    );
    keyed(&mut row, n.path.clone().into());
    row
}

/// `<td class="num">`.
fn num(v: String) -> Html {
    el("td", "num", txt(v))
}

/// zkCli's Stat block as a table: field, value (as zkCli prints it), meaning.
fn stat_panel(n: Option<&ZnodeRow>, t: &PanelTexts) -> Html {
    let Some(n) = n else {
        return el(
            "aside",
            "stat-panel",
            el("p", "panel-empty", txt(t.stat_hint)),
        );
    };
    let s: &Stat = &n.stat;
    let zx = |v: u64| zxid(Zxid(v), t);
    let rows: [(&str, Html); 11] = [
        ("cZxid", zx(s.czxid)),
        ("ctime", txt(format_java_date(s.ctime))),
        ("mZxid", zx(s.mzxid)),
        ("mtime", txt(format_java_date(s.mtime))),
        ("pZxid", zx(s.pzxid)),
        ("cversion", txt(s.cversion.to_string())),
        ("dataVersion", txt(s.version.to_string())),
        ("aclVersion", txt(s.aversion.to_string())),
        ("ephemeralOwner", txt(session(s.ephemeral_owner))),
        ("dataLength", txt(s.data_length.to_string())),
        ("numChildren", txt(s.num_children.to_string())),
    ];
    let body = rows
        .into_iter()
        .zip(t.stat_meanings.iter())
        .map(|((name, value), meaning)| {
            el(
                "tr",
                "",
                list([
                    row_head("", el("code", "", txt(name))),
                    el("td", "num", value),
                    el("td", "muted small", txt(*meaning)),
                ]),
            )
        })
        .collect::<Html>();
    el(
        "aside",
        "stat-panel",
        zk_table(
            "zk-table stat-table",
            txt(fill(t.stat_title, &[&n.path])),
            &t.stat_cols,
            body,
        ),
    )
}

/// A client's name, or `—`.
fn client_name(c: &Option<String>) -> Html {
    el("td", "", txt(c.clone().unwrap_or_else(|| "—".into())))
}

/// The row of an empty table.
fn empty_row(show: bool, text: &'static str) -> Html {
    if !show {
        return Html::default();
    }
    const CELL: &[(&str, Attr)] = &[
        ("colspan", Attr::Static("5")),
        ("class", Attr::Static("panel-empty")),
    ];
    el("tr", "", tag("td", Attributes::Static(CELL), txt(text)))
}

/// A session id in a row header.
fn session_head(id: u64) -> Html {
    row_head("", el("code", "", txt(session(id))))
}

fn sessions(d: &Data, t: &PanelTexts) -> Html {
    let rows = d.sessions.iter().map(|s| {
        let expires = list([
            txt(s.expires_in_ms.map_or("—".to_string(), super::fmt::ms)),
            if s.closing {
                list([txt(" · "), txt(t.session_closing)])
            } else {
                Html::default()
            },
        ]);
        let mut row = el(
            "tr",
            "",
            list([
                session_head(s.id),
                client_name(&s.client),
                num(super::fmt::ms(s.timeout_ms.max(0) as u64)),
                num(s.ephemerals.to_string()),
                el("td", "num", expires),
            ]),
        );
        keyed(&mut row, s.id.into());
        row
    });
    el(
        "div",
        "table-wrap",
        zk_table(
            "zk-table session-table",
            txt(t.sessions_caption),
            &t.sessions_cols,
            list([
                empty_row(d.sessions.is_empty(), t.sessions_empty),
                rows.collect(),
            ]),
        ),
    )
}

fn watches(d: &Data, t: &PanelTexts) -> Html {
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
        el(
            "tr",
            "",
            list([
                session_head(w.session),
                client_name(&w.client),
                el("td", "", el("code", "", txt(w.path.clone()))),
                el("td", "", txt(table)),
                el("td", "", txt(mode)),
            ]),
        )
    });
    el(
        "div",
        "table-wrap",
        zk_table(
            "zk-table watch-table",
            txt(t.watches_caption),
            &t.watches_cols,
            list([
                empty_row(d.watches.is_empty(), t.watches_empty),
                rows.collect(),
            ]),
        ),
    )
}
