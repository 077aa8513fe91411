//! The ballot box: the Fast Leader Election votes one server holds, its own vote, its
//! round, how close it is to a quorum, and why its vote changed.

use super::fmt::{candidate, role_badge, state_role, time_s, zxid_opt};
use super::{focus_server, server_picker, PanelProps};
use crate::components::panel::PanelFrame;
use crate::i18n::panels::fill;
use crate::i18n::reasons::vote_change;
use crate::i18n::{Lang, PanelTexts};
use crate::lang_ctx::use_lang;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::ballot::{BallotBoxView, BallotRow, ChangeView};
use zooscope_core::protocols::zookeeper::lab_view::cards::Liveness;

/// The ballot box of the selected server.
#[component]
pub fn BallotBox(props: &PanelProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.panels();
    let view = &props.view;
    let focus = focus_server(view, props.selected);
    let body = match focus.and_then(|id| view.ballot(id)) {
        Some(b) => ballot_body(b, lang),
        None => html! {
            <p class="panel-empty">{ fill(t.ballot_not_running, &[&focus.unwrap_or(0)]) }</p>
        },
    };
    let head = html! {
        <>
            <p class="panel-lead">{ t.ballot_lead }</p>
            { server_picker(view, focus, &props.on_command, t) }
        </>
    };
    html! {
        <PanelFrame class="zk-panel ballot-box" title_id="ballot-title" title={t.ballot_title} {head}>
            { body }
        </PanelFrame>
    }
}

/// An epoch or `—`.
fn dash(e: Option<i64>) -> String {
    e.map_or("—".to_string(), |e| e.to_string())
}

fn ballot_body(b: &BallotBoxView, lang: Lang) -> Html {
    let t = lang.panels();
    let status = if b.finalizing {
        t.ballot_finalizing.to_string()
    } else if b.looking {
        t.ballot_looking.to_string()
    } else {
        fill(t.ballot_decided, &[&b.state.name()])
    };
    let leader = candidate(b.own.leader, t);
    let detail = fill(t.ballot_own_value, &[&leader, &dash(b.own.peer_epoch)]);
    html! {
        <div class="ballot-body">
            <dl class="facts">
                <div><dt>{ t.ballot_round }</dt><dd class="num big">{ b.round }</dd></div>
                <div>
                    <dt>{ t.ballot_own }</dt>
                    <dd>
                        <span class="vote-leader" aria-hidden="true">{ leader }</span>
                        { " " }
                        <span class="vote-detail">{ detail }</span>
                        { " " }
                        { zxid_opt(b.own.zxid, t) }
                    </dd>
                </div>
                <div><dt>{ t.ballot_status }</dt><dd>{ status }</dd></div>
            </dl>
            { quorum_meter(b, t) }
            { ballot_table(b, t) }
            <h3 class="panel-sub">{ t.ballot_changes }</h3>
            { change_list(&b.changes, lang) }
        </div>
    }
}

/// How many of this round's votes agree with its own, against the quorum mark.
fn quorum_meter(b: &BallotBoxView, t: &PanelTexts) -> Html {
    let agree = b.agree.len() as u32;
    let reached = agree >= b.quorum;
    let pct = (agree.min(b.voters) * 100)
        .checked_div(b.voters)
        .unwrap_or(0);
    let mark = (b.quorum * 100).checked_div(b.voters).unwrap_or(0).min(100);
    let progress = fill(t.ballot_progress, &[&agree, &b.voters, &b.quorum]);
    html! {
        <div class="quorum-meter" role="meter" aria-valuemin="0"
            aria-valuemax={b.voters.to_string()} aria-valuenow={agree.to_string()}
            aria-label={progress.clone()}>
            <div class="qm-track">
                <div class={if reached { "qm-fill is-reached" } else { "qm-fill" }}
                    style={format!("width:{pct}%")}></div>
                <div class="qm-mark" style={format!("left:{mark}%")} aria-hidden="true"></div>
            </div>
            <p class="qm-text">
                { progress }
                if reached {
                    <strong class="qm-ok">{ " ✓ " }{ t.ballot_quorum_reached }</strong>
                }
            </p>
        </div>
    }
}

/// The notifications it holds, one row per sender.
fn ballot_table(b: &BallotBoxView, t: &PanelTexts) -> Html {
    if b.rows.is_empty() {
        return html! { <p class="panel-empty">{ t.ballot_empty }</p> };
    }
    html! {
        <div class="table-wrap">
            <table class="zk-table ballot-table">
                <caption>{ fill(t.ballot_caption, &[&b.myid]) }</caption>
                <thead>
                    <tr>{ for t.ballot_cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                </thead>
                <tbody>{ for b.rows.iter().map(|r| ballot_row(r, t)) }</tbody>
            </table>
        </div>
    }
}

fn ballot_row(r: &BallotRow, t: &PanelTexts) -> Html {
    let v = &r.vote;
    let class = classes!(
        "ballot-row",
        r.agrees.then_some("agrees"),
        (!r.this_round).then_some("old-round")
    );
    html! {
        <tr key={r.from} {class}>
            <th scope="row" class="num">{ r.from }</th>
            <td class="num">{ candidate(v.leader, t) }</td>
            <td>{ zxid_opt(v.zxid, t) }</td>
            <td class="num">{ dash(v.peer_epoch) }</td>
            <td class="num">{ v.election_epoch }</td>
            <td>{ role_badge(Some(state_role(v.state)), Liveness::Up, t) }</td>
            <td>{ yes_no(r.this_round, t) }</td>
            <td>{ yes_no(r.agrees, t) }</td>
        </tr>
    }
}

/// Why its vote changed, newest first.
fn change_list(changes: &[ChangeView], lang: Lang) -> Html {
    let t = lang.panels();
    if changes.is_empty() {
        return html! { <p class="panel-empty">{ t.ballot_changes_empty }</p> };
    }
    html! {
        <ol class="change-list">
            { for changes.iter().rev().map(|c| html! {
                <li class="change">
                    <span class="change-time">{ time_s(c.at_us) }</span>
                    <span class="change-move" aria-hidden="true">
                        { candidate(c.from, t) }{ " → " }{ candidate(c.to, t) }
                    </span>
                    <span class="change-why">{ vote_change(&c.reason, lang) }</span>
                </li>
            }) }
        </ol>
    }
}

fn yes_no(v: bool, t: &PanelTexts) -> Html {
    let (class, mark, word) = if v {
        ("yes", "✓ ", t.yes)
    } else {
        ("no", "· ", t.no)
    };
    html! { <span {class}><span aria-hidden="true">{ mark }</span>{ word }</span> }
}
