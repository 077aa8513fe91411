//! ZAB after the election: the phases, where each learner stands and how it was synced,
//! the PROPOSAL → ACK → COMMIT pipeline per zxid, and every server's log.

use super::fmt::{phase, role_badge, zxid};
use super::PanelProps;
use crate::i18n::panels::fill;
use crate::i18n::PanelTexts;
use crate::lang_ctx::use_lang;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::cards::{Liveness, Role};
use zooscope_core::protocols::zookeeper::lab_view::replication::{
    LearnerRow, ProposalStatus, ServerLog, SyncInfo, SyncKind,
};
use zooscope_core::protocols::zookeeper::zab::leader::HandlerPhase;
use zooscope_core::protocols::zookeeper::zab::learner::LearnerPhase;
use zooscope_core::protocols::zookeeper::zab::ZabState;

/// The ZAB panel.
#[component]
pub fn ZabView(props: &PanelProps) -> Html {
    let t = use_lang().lang.panels();
    let z = &props.view.zab;
    let head = match (z.leader, z.epoch) {
        (Some(l), e) => html! {
            <>
                <p class="zab-leader">
                    <span class="role-glyph" aria-hidden="true">{ "★ " }</span>
                    { fill(t.zab_leader, &[&l, &e.map_or("—".to_string(), |e| e.to_string())]) }
                </p>
                <p class="zab-counters">
                    { fill(t.zab_counters, &[&z.last_proposed.hex(), &z.last_committed.hex(), &z.outstanding]) }
                </p>
            </>
        },
        _ => html! { <p class="panel-empty">{ t.zab_no_leader }</p> },
    };
    html! {
        <section class="zk-panel zab-view" aria-labelledby="zab-title">
            <header class="panel-head">
                <h2 id="zab-title">{ t.zab_title }</h2>
                <p class="panel-lead">{ t.zab_lead }</p>
            </header>
            { phase_strip(z.leader_state, t) }
            { head }
            { learners(&z.learners, t) }
            { pipeline(props, t) }
            <h3 class="panel-sub">{ t.zab_logs }</h3>
            <div class="log-grid">
                { for z.logs.iter().map(|l| log_table(l, t)) }
            </div>
        </section>
    }
}

/// The four phases in a row, the leader's current one marked (text and shape, not only
/// colour).
fn phase_strip(current: Option<ZabState>, t: &PanelTexts) -> Html {
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

fn learner_step(p: LearnerPhase, t: &PanelTexts) -> &'static str {
    match p {
        LearnerPhase::Registering => t.learner_steps[0],
        LearnerPhase::AwaitingSync => t.learner_steps[1],
        LearnerPhase::Syncing => t.learner_steps[2],
        LearnerPhase::AwaitingUpToDate => t.learner_steps[3],
        LearnerPhase::Broadcast => t.learner_steps[4],
    }
}

fn handler_step(p: HandlerPhase, t: &PanelTexts) -> &'static str {
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
pub fn sync_text(s: &SyncInfo, t: &PanelTexts) -> String {
    match s.kind {
        SyncKind::Diff => fill(t.sync_diff, &[&s.peer_last.hex()]),
        SyncKind::Trunc => fill(t.sync_trunc, &[&s.zxid.hex()]),
        SyncKind::Snap => fill(t.sync_snap, &[&s.zxid.hex()]),
    }
}

fn sync_name(k: SyncKind) -> &'static str {
    match k {
        SyncKind::Diff => "DIFF",
        SyncKind::Trunc => "TRUNC",
        SyncKind::Snap => "SNAP",
    }
}

fn learners(rows: &[LearnerRow], t: &PanelTexts) -> Html {
    if rows.is_empty() {
        return html! { <p class="panel-empty">{ t.zab_no_learners }</p> };
    }
    html! {
        <div class="table-wrap">
            <table class="zk-table learner-table">
                <caption>{ t.zab_learners }</caption>
                <thead>
                    <tr>{ for t.zab_learner_cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|r| {
                        let role = if r.observer { Role::Observing } else { Role::Following };
                        let step = match (r.learner_phase, r.handler_phase) {
                            (Some(p), _) => learner_step(p, t).to_string(),
                            (None, Some(h)) => handler_step(h, t).to_string(),
                            (None, None) => t.zab_not_connected.to_string(),
                        };
                        html! {
                            <tr key={r.myid}>
                                <th scope="row" class="num">{ r.myid }</th>
                                <td>{ role_badge(Some(role), if r.paused { Liveness::Paused } else { Liveness::Up }, t) }</td>
                                <td>{ r.state.map_or("—", |s| phase(s, t)) }</td>
                                <td>{ step }</td>
                                <td>
                                    if let Some(s) = &r.sync {
                                        <span class={classes!("sync-tag", format!("sync-{}", sync_name(s.kind).to_ascii_lowercase()))}>{ sync_name(s.kind) }</span>
                                        { " " }
                                        <span class="sync-why">{ sync_text(s, t) }</span>
                                    } else {
                                        <span class="muted">{ "—" }</span>
                                    }
                                </td>
                                <td>{ if r.forwarding { t.yes } else { t.no } }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
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

fn pipeline(props: &PanelProps, t: &PanelTexts) -> Html {
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
    html! {
        <div class="table-wrap">
            <table class="zk-table pipeline-table">
                <caption>{ t.zab_pipeline }</caption>
                <thead>
                    <tr>{ for t.zab_pipeline_cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                </thead>
                <tbody>
                    { for z.pipeline.iter().map(|p| {
                        let committed = p.status == ProposalStatus::Committed;
                        let acks = if committed {
                            "—".to_string()
                        } else {
                            format!("{}/{} ({})", p.acks.len(), p.quorum, ids(&p.acks))
                        };
                        html! {
                            <tr key={p.zxid.0} class={classes!(if committed { "is-committed" } else { "is-proposed" })}>
                                <th scope="row">{ zxid(p.zxid, t) }</th>
                                <td><code>{ p.op.clone() }</code></td>
                                <td>
                                    <span class={classes!("status-tag", if committed { "status-committed" } else { "status-proposed" })}>
                                        <span aria-hidden="true">{ if committed { "✔ " } else { "⋯ " } }</span>
                                        { if committed { t.zab_committed } else { t.zab_proposed } }
                                    </span>
                                </td>
                                <td class="num">{ acks }</td>
                                <td class="num">{ format!("{}/{} ({})", p.logged_on.len(), servers, ids(&p.logged_on)) }</td>
                                <td class="num">{ format!("{}/{} ({})", p.applied_on.len(), servers, ids(&p.applied_on)) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn log_table(l: &ServerLog, t: &PanelTexts) -> Html {
    html! {
        <div class="log-card" key={l.myid}>
            <table class="zk-table log-table">
                <caption>{ fill(t.zab_log_caption, &[&l.myid]) }</caption>
                <thead>
                    <tr>{ for t.zab_log_cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                </thead>
                <tbody>
                    if l.rows.is_empty() {
                        <tr><td colspan="3" class="panel-empty">{ t.zab_log_empty }</td></tr>
                    }
                    { for l.rows.iter().map(|r| html! {
                        <tr key={r.zxid.0} class={classes!(if r.committed { "is-committed" } else { "is-uncommitted" })}>
                            <th scope="row">{ zxid(r.zxid, t) }</th>
                            <td>
                                if r.committed {
                                    <span class="status-tag status-committed"><span aria-hidden="true">{ "✔ " }</span>{ t.zab_committed }</span>
                                } else {
                                    <span class="status-tag status-proposed"><span aria-hidden="true">{ "⋯ " }</span>{ t.zab_uncommitted }</span>
                                }
                            </td>
                            <td class="log-op"><code>{ r.op.clone() }</code></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if l.hidden > 0 {
                <p class="log-hidden muted">{ fill(t.zab_log_hidden, &[&l.hidden]) }</p>
            }
        </div>
    }
}
