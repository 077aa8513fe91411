//! The ballot box: the Fast Leader Election votes one server holds, its own vote, its
//! round, how close it is to a quorum, and why its vote changed.

use super::fmt::{candidate, reason_text, role_badge, state_role, time_s, zxid_opt};
use super::{focus_server, server_picker, PanelProps};
use crate::i18n::panels::fill;
use crate::lang_ctx::use_lang;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::ballot::{BallotBoxView, VoteView};
use zooscope_core::protocols::zookeeper::lab_view::cards::Liveness;

/// The ballot box of the selected server.
#[component]
pub fn BallotBox(props: &PanelProps) -> Html {
    let t = use_lang().lang.panels();
    let view = &props.view;
    let focus = focus_server(view, props.selected);
    let body = match focus.and_then(|id| view.ballot(id)) {
        Some(b) => ballot_body(b, t),
        None => html! {
            <p class="panel-empty">{ fill(t.ballot_not_running, &[&focus.unwrap_or(0)]) }</p>
        },
    };
    html! {
        <section class="zk-panel ballot-box" aria-labelledby="ballot-title">
            <header class="panel-head">
                <h2 id="ballot-title">{ t.ballot_title }</h2>
                <p class="panel-lead">{ t.ballot_lead }</p>
                { server_picker(view, focus, &props.on_command, t) }
            </header>
            { body }
        </section>
    }
}

fn vote_cells(v: &VoteView, t: &crate::i18n::PanelTexts) -> Html {
    html! {
        <>
            <td class="num">{ candidate(v.leader, t) }</td>
            <td>{ zxid_opt(v.zxid, t) }</td>
            <td class="num">{ v.peer_epoch.map_or("—".to_string(), |e| e.to_string()) }</td>
            <td class="num">{ v.election_epoch }</td>
        </>
    }
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
    let own_epoch = b.own.peer_epoch.map_or("—".to_string(), |e| e.to_string());
    let pct = (agree.min(b.voters) * 100)
        .checked_div(b.voters)
        .unwrap_or(0);
    let quorum_mark = (b.quorum * 100).checked_div(b.voters).unwrap_or(0).min(100);
    html! {
        <div class="ballot-body">
            <dl class="facts">
                <div><dt>{ t.ballot_round }</dt><dd class="num big">{ b.round }</dd></div>
                <div>
                    <dt>{ t.ballot_own }</dt>
                    <dd>
                        <span class="vote-leader" aria-hidden="true">{ candidate(b.own.leader, t) }</span>
                        { " " }
                        <span class="vote-detail">{ fill(t.ballot_own_value, &[&candidate(b.own.leader, t), &own_epoch]) }</span>
                        { " " }
                        { zxid_opt(b.own.zxid, t) }
                    </dd>
                </div>
                <div><dt>{ t.ballot_status }</dt><dd>{ status }</dd></div>
            </dl>
            <div class="quorum-meter" role="meter"
                aria-valuemin="0" aria-valuemax={b.voters.to_string()} aria-valuenow={agree.to_string()}
                aria-label={fill(t.ballot_progress, &[&agree, &b.voters, &b.quorum])}>
                <div class="qm-track">
                    <div class={classes!("qm-fill", reached.then_some("is-reached"))} style={format!("width:{pct}%")}></div>
                    <div class="qm-mark" style={format!("left:{quorum_mark}%")} aria-hidden="true"></div>
                </div>
                <p class="qm-text">
                    { fill(t.ballot_progress, &[&agree, &b.voters, &b.quorum]) }
                    if reached { <strong class="qm-ok">{ " ✓ " }{ t.ballot_quorum_reached }</strong> }
                </p>
            </div>
            if b.rows.is_empty() {
                <p class="panel-empty">{ t.ballot_empty }</p>
            } else {
                <div class="table-wrap">
                    <table class="zk-table ballot-table">
                        <caption>{ fill(t.ballot_caption, &[&b.myid]) }</caption>
                        <thead>
                            <tr>{ for t.ballot_cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr>
                        </thead>
                        <tbody>
                            { for b.rows.iter().map(|r| html! {
                                <tr key={r.from} class={classes!("ballot-row", r.agrees.then_some("agrees"), (!r.this_round).then_some("old-round"))}>
                                    <th scope="row" class="num">{ r.from }</th>
                                    { vote_cells(&r.vote, t) }
                                    <td>{ role_badge(Some(state_role(r.vote.state)), Liveness::Up, t) }</td>
                                    <td>{ yes_no(r.this_round, t) }</td>
                                    <td>{ yes_no(r.agrees, t) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <h3 class="panel-sub">{ t.ballot_changes }</h3>
            if b.changes.is_empty() {
                <p class="panel-empty">{ t.ballot_changes_empty }</p>
            } else {
                <ol class="change-list">
                    { for b.changes.iter().rev().map(|c| html! {
                        <li class="change">
                            <span class="change-time">{ time_s(c.at_us) }</span>
                            <span class="change-move" aria-hidden="true">
                                { candidate(c.from, t) }{ " → " }{ candidate(c.to, t) }
                            </span>
                            <span class="change-why">{ reason_text(&c.reason, t) }</span>
                        </li>
                    }) }
                </ol>
            }
        </div>
    }
}

fn yes_no(v: bool, t: &crate::i18n::PanelTexts) -> Html {
    if v {
        html! { <span class="yes"><span aria-hidden="true">{ "✓ " }</span>{ t.yes }</span> }
    } else {
        html! { <span class="no"><span aria-hidden="true">{ "· " }</span>{ t.no }</span> }
    }
}
