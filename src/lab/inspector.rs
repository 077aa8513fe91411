//! The inspector: what is selected and what can be done to it (crash / restart / pause /
//! resume a server, cut or heal its links; drop or delay a message), plus the list of
//! messages in flight, which is the keyboard route to selecting a message.

use super::command::LabCommand;
use super::state::Selection;
use super::view::{fill, format_time, zxid_parts, ClientCard, MsgDetail, Role, ServerCard};
use crate::lang_ctx::use_lang;
use std::rc::Rc;
use yew::prelude::*;

/// Most messages listed.
pub const LISTED_MESSAGES_MAX: usize = 24;

/// One row of the in-flight list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlightRow {
    /// Message id.
    pub id: u64,
    /// Kind.
    pub kind: &'static str,
    /// Sender label.
    pub from: String,
    /// Receiver label.
    pub to: String,
}

/// Everything the inspector shows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct InspectorData {
    /// The selected server.
    pub server: Option<ServerCard>,
    /// The other servers with whether the link to each is cut.
    pub peers: Vec<(u64, bool)>,
    /// The selected client.
    pub client: Option<ClientCard>,
    /// The selected message (None if it is gone).
    pub message: Option<MsgDetail>,
    /// Messages in flight (the oldest few).
    pub flights: Vec<FlightRow>,
}

/// Props of [`Inspector`].
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The selection.
    pub selected: Selection,
    /// What to show.
    pub data: Rc<InspectorData>,
    /// Where actions go.
    pub on_command: Callback<LabCommand>,
}

fn button(
    label: String,
    id: String,
    class: &'static str,
    cmd: LabCommand,
    on: &Callback<LabCommand>,
) -> Html {
    let on = on.clone();
    let onclick = Callback::from(move |_: MouseEvent| on.emit(cmd.clone()));
    html! { <button type="button" id={id} class={classes!("btn", class)} {onclick}>{ label }</button> }
}

/// The inspector card.
#[component]
pub fn Inspector(p: &InspectorProps) -> Html {
    let l = use_lang().lang.lab();
    let d = &p.data;
    let on = &p.on_command;
    let body = match p.selected {
        Selection::Server(_) => match &d.server {
            Some(s) => {
                let sid = s.sid as u32;
                let sv = s.sid.to_string();
                let (ep, ctr) = zxid_parts(s.zxid);
                let down = s.role == Role::Stopped;
                let links = d.peers.iter().map(|&(peer, cut)| {
                    let ab = [("a", sv.clone()), ("b", peer.to_string())];
                    if cut {
                        button(
                            fill(l.heal_link, &ab),
                            format!("lab-heal-{}-{peer}", s.sid),
                            "btn-ghost",
                            LabCommand::HealLink(sid, peer as u32),
                            on,
                        )
                    } else {
                        button(
                            fill(l.cut_link, &ab),
                            format!("lab-cut-{}-{peer}", s.sid),
                            "btn-ghost",
                            LabCommand::CutLink(sid, peer as u32),
                            on,
                        )
                    }
                });
                html! {
                    <>
                        <h3 class="insp-heading">{ fill(l.server_heading, &[("sid", sv.clone())]) }</h3>
                        <dl class="insp-fields">
                            <div><dt>{ l.f_role }</dt><dd>{ if down { l.stopped } else { s.role.label() } }{ if s.paused { format!(" ({})", l.paused) } else { String::new() } }</dd></div>
                            <div><dt>{ l.f_epoch }</dt><dd>{ s.epoch }</dd></div>
                            <div><dt>{ l.f_zxid }</dt><dd class="zxid"><span class="zx-epoch">{ ep }</span><span class="zx-sep">{ "│" }</span><span class="zx-ctr">{ ctr }</span></dd></div>
                            if let Some(leader) = s.leader {
                                <div><dt>{ l.f_leader }</dt><dd>{ format!("S{leader}") }</dd></div>
                            }
                            <div><dt>{ l.f_clients }</dt><dd>{ s.clients }</dd></div>
                        </dl>
                        <div class="insp-actions">
                            if down {
                                { button(fill(l.restart, &[("sid", sv.clone())]), "lab-restart".into(), "btn-primary", LabCommand::Restart(sid), on) }
                            } else {
                                { button(fill(l.crash, &[("sid", sv.clone())]), "lab-crash".into(), "lab-danger", LabCommand::Crash(sid), on) }
                                if s.paused {
                                    { button(fill(l.resume_server, &[("sid", sv.clone())]), "lab-resume".into(), "", LabCommand::Resume(sid), on) }
                                } else {
                                    { button(fill(l.pause_server, &[("sid", sv.clone())]), "lab-pause-server".into(), "", LabCommand::Pause(sid), on) }
                                }
                            }
                        </div>
                        <div class="insp-links">{ for links }</div>
                    </>
                }
            }
            None => html! { <p class="muted">{ l.inspector_empty }</p> },
        },
        Selection::Client(_) => match &d.client {
            Some(c) => html! {
                <>
                    <h3 class="insp-heading">{ fill(l.client_heading, &[("name", c.name.clone())]) }</h3>
                    <dl class="insp-fields">
                        <div><dt>{ l.f_role }</dt><dd>{ c.state }</dd></div>
                        if let Some(sid) = c.server {
                            <div><dt>{ l.f_to }</dt><dd>{ format!("S{sid}") }</dd></div>
                        }
                        <div><dt>{ l.f_session }</dt><dd><code>{ format!("0x{:x}", c.session) }</code></dd></div>
                    </dl>
                    <div class="insp-actions">
                        { button(l.send_write.to_string(), "lab-client-write".into(), "btn-primary", LabCommand::SendWrite(Some(c.node)), on) }
                    </div>
                </>
            },
            None => html! { <p class="muted">{ l.inspector_empty }</p> },
        },
        Selection::Message(id) => match &d.message {
            Some(m) => html! {
                <>
                    <h3 class="insp-heading">{ fill(l.msg_heading, &[("id", id.to_string())]) }</h3>
                    <dl class="insp-fields">
                        <div><dt>{ l.f_kind }</dt><dd><strong>{ m.kind }</strong></dd></div>
                        <div><dt>{ l.f_from }</dt><dd>{ m.from.clone() }</dd></div>
                        <div><dt>{ l.f_to }</dt><dd>{ m.to.clone() }</dd></div>
                        <div class="wide"><dt>{ l.f_content }</dt><dd>{ m.summary.clone() }</dd></div>
                        <div><dt>{ l.f_sent }</dt><dd>{ format_time(m.sent_at) }</dd></div>
                        <div><dt>{ l.f_arrives }</dt><dd>{ format_time(m.deliver_at) }</dd></div>
                        <div><dt>{ l.f_transport }</dt><dd>{ m.transport }</dd></div>
                    </dl>
                    <div class="insp-actions">
                        { button(l.drop_msg.to_string(), "lab-drop".into(), "lab-danger", LabCommand::DropMessage(id), on) }
                        { button(fill(l.delay_msg, &[("ms", "5".into())]), "lab-delay-5".into(), "", LabCommand::DelayMessage(id, 5), on) }
                        { button(fill(l.delay_msg, &[("ms", "200".into())]), "lab-delay-200".into(), "", LabCommand::DelayMessage(id, 200), on) }
                    </div>
                </>
            },
            None => html! { <p class="muted" id="lab-msg-gone">{ l.msg_gone }</p> },
        },
        Selection::None => html! { <p class="muted">{ l.inspector_empty }</p> },
    };
    let deselect = {
        let on = on.clone();
        Callback::from(move |_: MouseEvent| on.emit(LabCommand::Select(None)))
    };
    let flights = d.flights.iter().map(|f| {
        let on = on.clone();
        let id = f.id;
        let onclick = Callback::from(move |_: MouseEvent| on.emit(LabCommand::SelectMessage(Some(id))));
        let selected = p.selected == Selection::Message(f.id);
        html! {
            <li key={f.id}>
                <button type="button" class={classes!("flight", selected.then_some("selected"))} {onclick}
                    aria-pressed={selected.to_string()}>
                    <span class="flight-kind">{ f.kind }</span>
                    <span class="flight-ends">{ format!("{} → {}", f.from, f.to) }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class="card inspector" aria-labelledby="insp-title">
            <div class="card-head">
                <h2 id="insp-title">{ l.inspector_title }</h2>
                if p.selected != Selection::None {
                    <button type="button" class="btn btn-ghost btn-small" onclick={deselect}>{ l.deselect }</button>
                }
            </div>
            <div class="insp-body">{ body }</div>
            <h3 class="insp-sub">{ l.in_flight_list }</h3>
            if d.flights.is_empty() {
                <p class="muted">{ l.in_flight_none }</p>
            } else {
                <ul class="flight-list">{ for flights }</ul>
            }
        </section>
    }
}
