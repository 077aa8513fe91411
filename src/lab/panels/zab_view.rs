//! ZAB after the election: the phases, where each learner stands and how it was synced,
//! the PROPOSAL → ACK → COMMIT pipeline per zxid, and every server's log.

use super::fmt::{phase, role_badge, zxid};
use super::{el, glyph, hidden, keyed, list, panel, row_head, txt, zk_table, PanelProps};
use crate::i18n::panels::fill;
use crate::i18n::PanelTexts;
use crate::lang_ctx::use_lang;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::cards::{Liveness, Role};
use zooscope_core::protocols::zookeeper::lab_view::replication::{
    LearnerRow, ProposalStatus, ServerLog, SyncInfo, SyncKind,
};
use zooscope_core::protocols::zookeeper::replication::zab::leader::HandlerPhase;
use zooscope_core::protocols::zookeeper::replication::zab::learner::LearnerPhase;
use zooscope_core::protocols::zookeeper::replication::zab::ZabState;

/// The ZAB panel.
#[component]
pub fn ZabView(props: &PanelProps) -> Html {
    let t = use_lang().lang.panels();
    let z = &props.view.zab;
    let head = match (z.leader, z.epoch) {
        (Some(l), e) => list([
            el(
                "p",
                "zab-leader",
                list([
                    hidden("role-glyph", txt("★ ")),
                    txt(fill(
                        t.zab_leader,
                        &[&l, &e.map_or("—".to_string(), |e| e.to_string())],
                    )),
                ]),
            ),
            el(
                "p",
                "zab-counters",
                txt(fill(
                    t.zab_counters,
                    &[
                        &z.last_proposed.hex(),
                        &z.last_committed.hex(),
                        &z.outstanding,
                    ],
                )),
            ),
        ]),
        _ => el("p", "panel-empty", txt(t.zab_no_leader)),
    };
    panel(
        "zk-panel zab-view",
        "zab-title",
        t.zab_title,
        el("p", "panel-lead", txt(t.zab_lead)),
        list([
            phase_strip(z.leader_state, t),
            head,
            learners(&z.learners, t),
            pipeline(props, t),
            el("h3", "panel-sub", txt(t.zab_logs)),
            el(
                "div",
                "log-grid",
                z.logs.iter().map(|l| log_table(l, t)).collect(),
            ),
        ]),
    )
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
                        { hidden("phase-mark", txt(if on { "▶" } else { "○" })) }
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

fn learners(rows: &[LearnerRow], t: &PanelTexts) -> Html {
    if rows.is_empty() {
        return el("p", "panel-empty", txt(t.zab_no_learners));
    }
    let body = rows.iter().map(|r| {
        let role = if r.observer {
            Role::Observing
        } else {
            Role::Following
        };
        let step = match (r.learner_phase, r.handler_phase) {
            (Some(p), _) => learner_step(p, t),
            (None, Some(h)) => handler_step(h, t),
            (None, None) => t.zab_not_connected,
        };
        let sync = match &r.sync {
            Some(s) => list([
                el("span", sync_class(s.kind), txt(sync_name(s.kind))),
                txt(" "),
                el("span", "sync-why", txt(sync_text(s, t))),
            ]),
            None => el("span", "muted", txt("—")),
        };
        let live = if r.paused {
            Liveness::Paused
        } else {
            Liveness::Up
        };
        let mut row = el(
            "tr",
            "",
            list([
                row_head("num", txt(r.myid.to_string())),
                el("td", "", role_badge(Some(role), live, t)),
                el("td", "", txt(r.state.map_or("—", |s| phase(s, t)))),
                el("td", "", txt(step)),
                el("td", "", sync),
                el("td", "", txt(if r.forwarding { t.yes } else { t.no })),
            ]),
        );
        keyed(&mut row, r.myid.into());
        row
    });
    el(
        "div",
        "table-wrap",
        zk_table(
            "zk-table learner-table",
            txt(t.zab_learners),
            &t.zab_learner_cols,
            body.collect(),
        ),
    )
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
fn status_tag(committed: bool, other: &'static str, t: &PanelTexts) -> Html {
    let (class, mark, word) = if committed {
        ("status-tag status-committed", "✔ ", t.zab_committed)
    } else {
        ("status-tag status-proposed", "⋯ ", other)
    };
    el("span", class, list([glyph(mark), txt(word)]))
}

fn pipeline(props: &PanelProps, t: &PanelTexts) -> Html {
    let z = &props.view.zab;
    if z.pipeline.is_empty() {
        return list([
            el("h3", "panel-sub", txt(t.zab_pipeline)),
            el("p", "panel-empty", txt(t.zab_pipeline_empty)),
        ]);
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
        let mut row = el(
            "tr",
            if committed {
                "is-committed"
            } else {
                "is-proposed"
            },
            list([
                row_head("", zxid(p.zxid, t)),
                el("td", "", el("code", "", txt(p.op.clone()))),
                el("td", "", status_tag(committed, t.zab_proposed, t)),
                el("td", "num", txt(acks)),
                el("td", "num", txt(count_of(&p.logged_on, servers))),
                el("td", "num", txt(count_of(&p.applied_on, servers))),
            ]),
        );
        keyed(&mut row, p.zxid.0.into());
        row
    });
    el(
        "div",
        "table-wrap",
        zk_table(
            "zk-table pipeline-table",
            txt(t.zab_pipeline),
            &t.zab_pipeline_cols,
            body.collect(),
        ),
    )
}

fn log_table(l: &ServerLog, t: &PanelTexts) -> Html {
    let empty = if l.rows.is_empty() {
        html! { <tr><td colspan="3" class="panel-empty">{ t.zab_log_empty }</td></tr> }
    } else {
        Html::default()
    };
    let rows = l.rows.iter().map(|r| {
        let mut row = el(
            "tr",
            if r.committed {
                "is-committed"
            } else {
                "is-uncommitted"
            },
            list([
                row_head("", zxid(r.zxid, t)),
                el("td", "", status_tag(r.committed, t.zab_uncommitted, t)),
                el("td", "log-op", el("code", "", txt(r.op.clone()))),
            ]),
        );
        keyed(&mut row, r.zxid.0.into());
        row
    });
    let hidden = if l.hidden > 0 {
        el(
            "p",
            "log-hidden muted",
            txt(fill(t.zab_log_hidden, &[&l.hidden])),
        )
    } else {
        Html::default()
    };
    let mut card = el(
        "div",
        "log-card",
        list([
            zk_table(
                "zk-table log-table",
                txt(fill(t.zab_log_caption, &[&l.myid])),
                &t.zab_log_cols,
                list([empty, rows.collect()]),
            ),
            hidden,
        ]),
    );
    keyed(&mut card, l.myid.into());
    card
}
