//! ZAB after the election: the phases, where each learner stands and how it was synced,
//! the PROPOSAL → ACK → COMMIT pipeline per zxid, and every server's log.

use super::fmt::{none, phase, role_badge, zxid};
use super::PanelProps;
use crate::components::panel::PanelFrame;
use crate::components::table::DataTable;
use crate::i18n::notes::sync_reason;
use crate::i18n::panels::fill;
use crate::i18n::Lang;
use crate::i18n::PanelTexts;
use crate::lang_ctx::use_lang;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::cards::{Liveness, Role};
use zooscope_core::protocols::zookeeper::lab_view::replication::{
    LearnerRow, ProposalStatus, ServerLog, SyncInfo, SyncKind,
};
use zooscope_core::protocols::zookeeper::replication::zab::leader::HandlerPhase;
use zooscope_core::protocols::zookeeper::replication::zab::ZabState;

/// The ZAB panel.
#[component]
pub fn ZabView(props: &PanelProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.panels();
    let z = &props.view.zab;
    let head = match z.leader {
        Some(l) => html! {
            <>
                <p class="zab-leader">
                    <span class="role-glyph" aria-hidden="true">{ "★ " }</span>
                    { fill(t.zab_leader, &[&l, &z.epoch.map_or("—".to_string(), |e| e.to_string())]) }
                </p>
                <p class="zab-counters">
                    { fill(t.zab_counters, &[&z.last_proposed.hex(), &z.last_committed.hex(), &z.outstanding]) }
                </p>
            </>
        },
        None => html! { <p class="panel-empty">{ t.zab_no_leader }</p> },
    };
    html! {
        <PanelFrame class="zk-panel zab-view" title_id="zab-title" title={t.zab_title}
            head={html! { <p class="panel-lead">{ t.zab_lead }</p> }}>
            { phase_strip(z.leader_state, t) }
            { head }
            { learners(&z.learners, lang) }
            { pipeline(props, t) }
            <h3 class="panel-sub">{ t.zab_logs }</h3>
            <div class="log-grid">
                { for z.logs.iter().map(|l| log_table(l, t)) }
            </div>
        </PanelFrame>
    }
}

/// The four phases in a row, the leader's current one marked (text and shape, not only
/// colour).
fn phase_strip(current: Option<ZabState>, t: &'static PanelTexts) -> Html {
    let all = [
        ZabState::Election,
        ZabState::Discovery,
        ZabState::Synchronization,
        ZabState::Broadcast,
    ];
    let now = current.unwrap_or(ZabState::Election);
    html! {
        <ol class="phase-strip">
            { for all.iter().map(|p| {
                let on = *p == now;
                html! {
                    <li class={classes!("phase", on.then_some("is-current"))}
                        aria-current={on.then_some("step")}>
                        <span class="phase-mark" aria-hidden="true">{ if on { "▶" } else { "○" } }</span>
                        { phase(*p, t) }
                    </li>
                }
            }) }
        </ol>
    }
}

fn handler_step(p: HandlerPhase, t: &'static PanelTexts) -> &'static str {
    match p {
        HandlerPhase::WaitingForEpoch => t.handler_steps[0],
        HandlerPhase::LeaderInfoSent => t.handler_steps[1],
        HandlerPhase::WaitingForEpochQuorum => t.handler_steps[2],
        HandlerPhase::NewLeaderSent => t.handler_steps[3],
        HandlerPhase::WaitingForStart => t.handler_steps[4],
        HandlerPhase::UpToDate => t.handler_steps[5],
    }
}

/// The sync a learner got, in words.
pub fn sync_text(s: &SyncInfo, t: &'static PanelTexts) -> String {
    match s.kind {
        SyncKind::Diff => fill(t.sync_diff, &[&s.peer_last.hex()]),
        SyncKind::Trunc => fill(t.sync_trunc, &[&s.zxid.hex()]),
        SyncKind::Snap => fill(t.sync_snap, &[&s.zxid.hex()]),
    }
}

fn sync_class(k: SyncKind) -> &'static str {
    match k {
        SyncKind::Diff => "sync-tag sync-diff",
        SyncKind::Trunc => "sync-tag sync-trunc",
        SyncKind::Snap => "sync-tag sync-snap",
    }
}

fn sync_name(k: SyncKind) -> &'static str {
    match k {
        SyncKind::Diff => "DIFF",
        SyncKind::Trunc => "TRUNC",
        SyncKind::Snap => "SNAP",
    }
}

fn learners(rows: &[LearnerRow], lang: Lang) -> Html {
    let t = lang.panels();
    if rows.is_empty() {
        return html! { <p class="panel-empty">{ t.zab_no_learners }</p> };
    }
    let body = rows.iter().map(|r| {
        let role = if r.observer {
            Role::Observing
        } else {
            Role::Following
        };
        let step = match (r.learner_phase, r.handler_phase) {
            (Some(p), _) => t.learner_step(p),
            (None, Some(h)) => handler_step(h, t),
            (None, None) => t.zab_not_connected,
        };
        let sync = match &r.sync {
            Some(s) => html! {
                <>
                    <span class={sync_class(s.kind)}>{ sync_name(s.kind) }</span>
                    { " " }
                    <span class="sync-why" title={sync_reason(&s.reason, lang)}>{ sync_text(s, t) }</span>
                </>
            },
            None => none(),
        };
        let live = if r.paused {
            Liveness::Paused
        } else {
            Liveness::Up
        };
        html! {
            <tr key={r.myid}>
                <th scope="row" class="num">{ r.myid }</th>
                <td>{ role_badge(Some(role), live, t) }</td>
                <td>{ r.state.map_or("—", |s| phase(s, t)) }</td>
                <td>{ step }</td>
                <td>{ sync }</td>
                <td>{ if r.forwarding { t.yes } else { t.no } }</td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap">
            <DataTable class="zk-table learner-table" caption={html! { t.zab_learners }}
                cols={&t.zab_learner_cols[..]}>
                { for body }
            </DataTable>
        </div>
    }
}

fn ids(v: &[u32]) -> String {
    if v.is_empty() {
        "—".to_string()
    } else {
        v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
    }
}

/// `n/of (ids)`.
fn count_of(v: &[u32], of: impl std::fmt::Display) -> String {
    format!("{}/{} ({})", v.len(), of, ids(v))
}

/// The committed / proposed tag.
fn status_tag(committed: bool, other: &'static str, t: &'static PanelTexts) -> Html {
    let (class, mark, word) = if committed {
        ("status-tag status-committed", "✔ ", t.zab_committed)
    } else {
        ("status-tag status-proposed", "⋯ ", other)
    };
    html! { <span {class}><span aria-hidden="true">{ mark }</span>{ word }</span> }
}

fn pipeline(props: &PanelProps, t: &'static PanelTexts) -> Html {
    let z = &props.view.zab;
    if z.pipeline.is_empty() {
        return html! {
            <>
                <h3 class="panel-sub">{ t.zab_pipeline }</h3>
                <p class="panel-empty">{ t.zab_pipeline_empty }</p>
            </>
        };
    }
    let servers = props
        .view
        .servers
        .iter()
        .filter(|s| s.role.is_some())
        .count();
    let body = z.pipeline.iter().map(|p| {
        let committed = p.status == ProposalStatus::Committed;
        let acks = if committed {
            "—".to_string()
        } else {
            count_of(&p.acks, p.quorum)
        };
        let class = if committed {
            "is-committed"
        } else {
            "is-proposed"
        };
        html! {
            <tr key={p.zxid.0} {class}>
                <th scope="row">{ zxid(p.zxid, t) }</th>
                <td><code>{ p.op.clone() }</code></td>
                <td>{ status_tag(committed, t.zab_proposed, t) }</td>
                <td class="num">{ acks }</td>
                <td class="num">{ count_of(&p.logged_on, servers) }</td>
                <td class="num">{ count_of(&p.applied_on, servers) }</td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap">
            <DataTable class="zk-table pipeline-table" caption={html! { t.zab_pipeline }}
                cols={&t.zab_pipeline_cols[..]}>
                { for body }
            </DataTable>
        </div>
    }
}

fn log_table(l: &ServerLog, t: &'static PanelTexts) -> Html {
    let rows = l.rows.iter().map(|r| {
        let class = if r.committed {
            "is-committed"
        } else {
            "is-uncommitted"
        };
        html! {
            <tr key={r.zxid.0} {class}>
                <th scope="row">{ zxid(r.zxid, t) }</th>
                <td>{ status_tag(r.committed, t.zab_uncommitted, t) }</td>
                <td class="log-op"><code>{ r.op.clone() }</code></td>
            </tr>
        }
    });
    html! {
        <div class="log-card" key={l.myid}>
            <DataTable class="zk-table log-table" caption={html! { fill(t.zab_log_caption, &[&l.myid]) }}
                cols={&t.zab_log_cols[..]}>
                if l.rows.is_empty() {
                    <tr><td colspan="3" class="panel-empty">{ t.zab_log_empty }</td></tr>
                }
                { for rows }
            </DataTable>
            if l.hidden > 0 {
                <p class="log-hidden muted">{ fill(t.zab_log_hidden, &[&l.hidden]) }</p>
            }
        </div>
    }
}
