//! The inspector: what is selected and what can be done to it (crash / restart / pause /
//! resume a server, cut or heal its links; drop or delay a message), plus the list of
//! messages in flight, which is the keyboard route to selecting a message.

use super::command::LabCommand;
use super::panels::{el, field, keyed, list, txt};
use super::state::Selection;
use super::view::{fill, format_time, zxid_parts, ClientCard, MsgDetail, Role, ServerCard};
use crate::i18n::LabTexts;
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
    let class = if class.is_empty() {
        AttrValue::Static("btn")
    } else {
        format!("btn {class}").into()
    };
    plain_button(Some(id), class, None, txt(label), cmd, on)
}

/// `<button type="button" id class aria-pressed>label</button>` that emits `cmd`.
fn plain_button(
    id: Option<String>,
    class: AttrValue,
    pressed: Option<bool>,
    label: Html,
    cmd: LabCommand,
    on: &Callback<LabCommand>,
) -> Html {
    let on = on.clone();
    let onclick = Callback::from(move |_: MouseEvent| on.emit(cmd.clone()));
    let pressed = pressed.map(|p| if p { "true" } else { "false" });
    html! {
        <button type="button" {id} {class} {onclick} aria-pressed={pressed}>{ label }</button>
    }
}

/// The `<p class="muted">` said when nothing (or nothing known) is selected.
fn empty(text: &'static str) -> Html {
    el("p", "muted", txt(text))
}

/// A card heading.
fn heading(text: String) -> Html {
    el("h3", "insp-heading", txt(text))
}

/// The selected server's fields, actions and links.
fn server_body(s: &ServerCard, d: &InspectorData, l: &LabTexts, on: &Callback<LabCommand>) -> Html {
    let sid = s.sid as u32;
    let sv = s.sid.to_string();
    let with_sid = |template: &str| fill(template, &[("sid", sv.clone())]);
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
    let role = list([
        txt(if down { l.stopped } else { s.role.label() }),
        txt(if s.paused {
            format!(" ({})", l.paused)
        } else {
            String::new()
        }),
    ]);
    let zxid = list([
        el("span", "zx-epoch", txt(ep)),
        el("span", "zx-sep", txt("│")),
        el("span", "zx-ctr", txt(ctr)),
    ]);
    let leader = match s.leader {
        Some(leader) => field(l.f_leader, "", txt(format!("S{leader}"))),
        None => Html::default(),
    };
    let actions = if down {
        button(
            with_sid(l.restart),
            "lab-restart".into(),
            "btn-primary",
            LabCommand::Restart(sid),
            on,
        )
    } else {
        let pause = if s.paused {
            button(
                with_sid(l.resume_server),
                "lab-resume".into(),
                "",
                LabCommand::Resume(sid),
                on,
            )
        } else {
            button(
                with_sid(l.pause_server),
                "lab-pause-server".into(),
                "",
                LabCommand::Pause(sid),
                on,
            )
        };
        list([
            button(
                with_sid(l.crash),
                "lab-crash".into(),
                "lab-danger",
                LabCommand::Crash(sid),
                on,
            ),
            pause,
        ])
    };
    list([
        heading(with_sid(l.server_heading)),
        el(
            "dl",
            "insp-fields",
            list([
                field(l.f_role, "", role),
                field(l.f_epoch, "", txt(s.epoch.to_string())),
                field(l.f_zxid, "zxid", zxid),
                leader,
                field(l.f_clients, "", txt(s.clients.to_string())),
            ]),
        ),
        el("div", "insp-actions", actions),
        el("div", "insp-links", links.collect()),
    ])
}

/// The selected client's fields and its write button.
fn client_body(c: &ClientCard, l: &LabTexts, on: &Callback<LabCommand>) -> Html {
    let server = match c.server {
        Some(sid) => field(l.f_to, "", txt(format!("S{sid}"))),
        None => Html::default(),
    };
    list([
        heading(fill(l.client_heading, &[("name", c.name.clone())])),
        el(
            "dl",
            "insp-fields",
            list([
                field(l.f_role, "", txt(c.state)),
                server,
                field(
                    l.f_session,
                    "",
                    el("code", "", txt(format!("0x{:x}", c.session))),
                ),
            ]),
        ),
        el(
            "div",
            "insp-actions",
            button(
                l.send_write.to_string(),
                "lab-client-write".into(),
                "btn-primary",
                LabCommand::SendWrite(Some(c.node)),
                on,
            ),
        ),
    ])
}

/// The selected message's fields and what can be done to it.
fn message_body(id: u64, m: &MsgDetail, l: &LabTexts, on: &Callback<LabCommand>) -> Html {
    let delay = |ms: u32, id_attr: &str| {
        button(
            fill(l.delay_msg, &[("ms", ms.to_string())]),
            id_attr.into(),
            "",
            LabCommand::DelayMessage(id, ms.into()),
            on,
        )
    };
    list([
        heading(fill(l.msg_heading, &[("id", id.to_string())])),
        el(
            "dl",
            "insp-fields",
            list([
                field(l.f_kind, "", el("strong", "", txt(m.kind))),
                field(l.f_from, "", txt(m.from.clone())),
                field(l.f_to, "", txt(m.to.clone())),
                el(
                    "div",
                    "wide",
                    list([
                        el("dt", "", txt(l.f_content)),
                        el("dd", "", txt(m.summary.clone())),
                    ]),
                ),
                field(l.f_sent, "", txt(format_time(m.sent_at))),
                field(l.f_arrives, "", txt(format_time(m.deliver_at))),
                field(l.f_transport, "", txt(m.transport)),
            ]),
        ),
        el(
            "div",
            "insp-actions",
            list([
                button(
                    l.drop_msg.to_string(),
                    "lab-drop".into(),
                    "lab-danger",
                    LabCommand::DropMessage(id),
                    on,
                ),
                delay(5, "lab-delay-5"),
                delay(200, "lab-delay-200"),
            ]),
        ),
    ])
}

/// The inspector card.
#[component]
pub fn Inspector(p: &InspectorProps) -> Html {
    let l = use_lang().lang.lab();
    let d = &p.data;
    let on = &p.on_command;
    let body = match p.selected {
        Selection::Server(_) => match &d.server {
            Some(s) => server_body(s, d, l, on),
            None => empty(l.inspector_empty),
        },
        Selection::Client(_) => match &d.client {
            Some(c) => client_body(c, l, on),
            None => empty(l.inspector_empty),
        },
        Selection::Message(id) => match &d.message {
            Some(m) => message_body(id, m, l, on),
            None => html! { <p class="muted" id="lab-msg-gone">{ l.msg_gone }</p> },
        },
        Selection::None => empty(l.inspector_empty),
    };
    let flights = d.flights.iter().map(|f| {
        let selected = p.selected == Selection::Message(f.id);
        let mut li = el(
            "li",
            "",
            plain_button(
                None,
                AttrValue::Static(if selected {
                    "flight selected"
                } else {
                    "flight"
                }),
                Some(selected),
                list([
                    el("span", "flight-kind", txt(f.kind)),
                    el("span", "flight-ends", txt(format!("{} → {}", f.from, f.to))),
                ]),
                LabCommand::SelectMessage(Some(f.id)),
                on,
            ),
        );
        keyed(&mut li, f.id.into());
        li
    });
    let flight_list = if d.flights.is_empty() {
        empty(l.in_flight_none)
    } else {
        el("ul", "flight-list", flights.collect())
    };
    html! {
        <section class="card inspector" aria-labelledby="insp-title">
            <div class="card-head">
                <h2 id="insp-title">{ l.inspector_title }</h2>
                if p.selected != Selection::None {
                    { plain_button(None, AttrValue::Static("btn btn-ghost btn-small"), None, txt(l.deselect), LabCommand::Select(None), on) }
                }
            </div>
            { el("div", "insp-body", body) }
            { el("h3", "insp-sub", txt(l.in_flight_list)) }
            { flight_list }
        </section>
    }
}
