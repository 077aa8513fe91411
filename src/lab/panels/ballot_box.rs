//! The ballot box: the Fast Leader Election votes one server holds, its own vote, its
//! round, how close it is to a quorum, and why its vote changed.

use super::fmt::{candidate, reason_text, role_badge, state_role, time_s, zxid_opt};
use super::{
    el, field, focus_server, glyph, hidden, keyed, list, panel, row_head, server_picker, tag, txt,
    zk_table, PanelProps,
};
use crate::i18n::panels::fill;
use crate::lang_ctx::use_lang;
use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty as Attr, Attributes};
use zooscope_core::protocols::zookeeper::lab_view::ballot::BallotBoxView;
use zooscope_core::protocols::zookeeper::lab_view::cards::Liveness;

/// The ballot box of the selected server.
#[component]
pub fn BallotBox(props: &PanelProps) -> Html {
    let t = use_lang().lang.panels();
    let view = &props.view;
    let focus = focus_server(view, props.selected);
    let body = match focus.and_then(|id| view.ballot(id)) {
        Some(b) => ballot_body(b, t),
        None => el(
            "p",
            "panel-empty",
            txt(fill(t.ballot_not_running, &[&focus.unwrap_or(0)])),
        ),
    };
    panel(
        "zk-panel ballot-box",
        "ballot-title",
        t.ballot_title,
        list([
            el("p", "panel-lead", txt(t.ballot_lead)),
            server_picker(view, focus, &props.on_command, t),
        ]),
        body,
    )
}

fn ballot_body(b: &BallotBoxView, t: &'static crate::i18n::PanelTexts) -> Html {
    let agree = b.agree.len() as u32;
    let reached = agree >= b.quorum;
    let status = if b.finalizing {
        t.ballot_finalizing.to_string()
    } else if b.looking {
        t.ballot_looking.to_string()
    } else {
        fill(t.ballot_decided, &[&b.state.name()])
    };
    let dash = |e: Option<i64>| e.map_or("—".to_string(), |e| e.to_string());
    let pct = (agree.min(b.voters) * 100)
        .checked_div(b.voters)
        .unwrap_or(0);
    let quorum_mark = (b.quorum * 100).checked_div(b.voters).unwrap_or(0).min(100);
    let own = list([
        hidden("vote-leader", txt(candidate(b.own.leader, t))),
        txt(" "),
        el(
            "span",
            "vote-detail",
            txt(fill(
                t.ballot_own_value,
                &[&candidate(b.own.leader, t), &dash(b.own.peer_epoch)],
            )),
        ),
        txt(" "),
        zxid_opt(b.own.zxid, t),
    ]);
    let progress = fill(t.ballot_progress, &[&agree, &b.voters, &b.quorum]);
    let table = if b.rows.is_empty() {
        el("p", "panel-empty", txt(t.ballot_empty))
    } else {
        let rows = b.rows.iter().map(|r| {
            let v = &r.vote;
            let mut row = el(
                "tr",
                match (r.agrees, r.this_round) {
                    (true, true) => "ballot-row agrees",
                    (true, false) => "ballot-row agrees old-round",
                    (false, true) => "ballot-row",
                    (false, false) => "ballot-row old-round",
                },
                list([
                    row_head("num", txt(r.from.to_string())),
                    el("td", "num", txt(candidate(v.leader, t))),
                    el("td", "", zxid_opt(v.zxid, t)),
                    el("td", "num", txt(dash(v.peer_epoch))),
                    el("td", "num", txt(v.election_epoch.to_string())),
                    el(
                        "td",
                        "",
                        role_badge(Some(state_role(v.state)), Liveness::Up, t),
                    ),
                    el("td", "", yes_no(r.this_round, t)),
                    el("td", "", yes_no(r.agrees, t)),
                ]),
            );
            keyed(&mut row, r.from.into());
            row
        });
        el(
            "div",
            "table-wrap",
            zk_table(
                "zk-table ballot-table",
                txt(fill(t.ballot_caption, &[&b.myid])),
                &t.ballot_cols,
                rows.collect(),
            ),
        )
    };
    let changes = if b.changes.is_empty() {
        el("p", "panel-empty", txt(t.ballot_changes_empty))
    } else {
        let items = b.changes.iter().rev().map(|c| {
            el(
                "li",
                "change",
                list([
                    el("span", "change-time", txt(time_s(c.at_us))),
                    hidden(
                        "change-move",
                        list([
                            txt(candidate(c.from, t)),
                            txt(" → "),
                            txt(candidate(c.to, t)),
                        ]),
                    ),
                    el("span", "change-why", txt(reason_text(&c.reason, t))),
                ]),
            )
        });
        el("ol", "change-list", items.collect())
    };
    let quorum_ok = if reached {
        el(
            "strong",
            "qm-ok",
            list([txt(" ✓ "), txt(t.ballot_quorum_reached)]),
        )
    } else {
        Html::default()
    };
    let meter = tag(
        "div",
        Attributes::Dynamic {
            keys: &[
                "class",
                "role",
                "aria-valuemin",
                "aria-valuemax",
                "aria-valuenow",
                "aria-label",
            ],
            values: Box::new([
                Some(Attr::Static("quorum-meter")),
                Some(Attr::Static("meter")),
                Some(Attr::Static("0")),
                Some(Attr::Attribute(b.voters.to_string().into())),
                Some(Attr::Attribute(agree.to_string().into())),
                Some(Attr::Attribute(progress.clone().into())),
            ]),
        },
        list([
            el(
                "div",
                "qm-track",
                list([
                    tag(
                        "div",
                        Attributes::Dynamic {
                            keys: &["class", "style"],
                            values: Box::new([
                                Some(Attr::Static(if reached {
                                    "qm-fill is-reached"
                                } else {
                                    "qm-fill"
                                })),
                                Some(Attr::Attribute(format!("width:{pct}%").into())),
                            ]),
                        },
                        Html::default(),
                    ),
                    tag(
                        "div",
                        Attributes::Dynamic {
                            keys: &["class", "style", "aria-hidden"],
                            values: Box::new([
                                Some(Attr::Static("qm-mark")),
                                Some(Attr::Attribute(format!("left:{quorum_mark}%").into())),
                                Some(Attr::Static("true")),
                            ]),
                        },
                        Html::default(),
                    ),
                ]),
            ),
            el("p", "qm-text", list([txt(progress), quorum_ok])),
        ]),
    );
    el(
        "div",
        "ballot-body",
        list([
            el(
                "dl",
                "facts",
                list([
                    field(t.ballot_round, "num big", txt(b.round.to_string())),
                    field(t.ballot_own, "", own),
                    field(t.ballot_status, "", txt(status)),
                ]),
            ),
            meter,
            table,
            el("h3", "panel-sub", txt(t.ballot_changes)),
            changes,
        ]),
    )
}

fn yes_no(v: bool, t: &crate::i18n::PanelTexts) -> Html {
    let (class, mark, word) = if v {
        ("yes", "✓ ", t.yes)
    } else {
        ("no", "· ", t.no)
    };
    el("span", class, list([glyph(mark), txt(word)]))
}
