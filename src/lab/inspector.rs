//! The inspector: what is selected and what can be done to it (crash / restart / pause /
//! resume a server, cut or heal its links; drop or delay a message), plus the list of
//! messages in flight, which is the keyboard route to selecting a message.

use super::command::LabCommand;
use super::state::Selection;
use super::view::{fill, format_time, zxid_parts, ClientCard, MsgDetail, Role, ServerCard};
use crate::components::field::Field;
use crate::components::ids::use_id_scope;
use crate::i18n::events::message;
use crate::i18n::LabTexts;
use crate::i18n::Lang;
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

/// Props of [`CommandButton`].
#[derive(Properties, PartialEq)]
struct CommandButtonProps {
    #[prop_or_default]
    id: Option<AttrValue>,
    class: Classes,
    /// `aria-pressed`, for a button that shows a choice.
    #[prop_or_default]
    pressed: Option<bool>,
    /// What a click asks for.
    cmd: LabCommand,
    on_command: Callback<LabCommand>,
    children: Html,
}

/// `<button type="button" id class aria-pressed>label</button>` that emits `cmd`.
#[component]
fn CommandButton(props: &CommandButtonProps) -> Html {
    let ids = use_id_scope();
    let onclick = {
        let (on, cmd) = (props.on_command.clone(), props.cmd.clone());
        Callback::from(move |_: MouseEvent| on.emit(cmd.clone()))
    };
    let pressed = props.pressed.map(|p| if p { "true" } else { "false" });
    html! {
        <button type="button" id={props.id.clone().map(|id| ids.id(id))} class={props.class.clone()} {onclick}
            aria-pressed={pressed}>
            { props.children.clone() }
        </button>
    }
}

/// An action on the selection: `<button id class="btn …">label</button>`.
fn action(
    label: String,
    id: String,
    class: &'static str,
    cmd: LabCommand,
    on: &Callback<LabCommand>,
) -> Html {
    html! {
        <CommandButton id={id} class={classes!("btn", (!class.is_empty()).then_some(class))}
            {cmd} on_command={on.clone()}>
            { label }
        </CommandButton>
    }
}

/// The `<p class="muted">` said when nothing (or nothing known) is selected.
fn empty(text: &'static str) -> Html {
    html! { <p class="muted">{ text }</p> }
}

/// A card heading.
fn heading(text: String) -> Html {
    html! { <h3 class="insp-heading">{ text }</h3> }
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
            action(
                fill(l.heal_link, &ab),
                format!("lab-heal-{}-{peer}", s.sid),
                "btn-ghost",
                LabCommand::HealLink(sid, peer as u32),
                on,
            )
        } else {
            action(
                fill(l.cut_link, &ab),
                format!("lab-cut-{}-{peer}", s.sid),
                "btn-ghost",
                LabCommand::CutLink(sid, peer as u32),
                on,
            )
        }
    });
    let actions = if down {
        action(
            with_sid(l.restart),
            "lab-restart".into(),
            "btn-primary",
            LabCommand::Restart(sid),
            on,
        )
    } else {
        let pause = if s.paused {
            action(
                with_sid(l.resume_server),
                "lab-resume".into(),
                "",
                LabCommand::Resume(sid),
                on,
            )
        } else {
            action(
                with_sid(l.pause_server),
                "lab-pause-server".into(),
                "",
                LabCommand::Pause(sid),
                on,
            )
        };
        html! {
            <>
                { action(with_sid(l.crash), "lab-crash".into(), "lab-danger", LabCommand::Crash(sid), on) }
                { pause }
            </>
        }
    };
    html! {
        <>
            { heading(with_sid(l.server_heading)) }
            <dl class="insp-fields">
                <Field label={l.f_role}>
                    { if down { l.stopped } else { s.role.label() } }
                    if s.paused {
                        { format!(" ({})", l.paused) }
                    }
                </Field>
                <Field label={l.f_epoch}>{ s.epoch }</Field>
                <Field label={l.f_zxid} class="zxid">
                    <span class="zx-epoch">{ ep }</span>
                    <span class="zx-sep">{ "│" }</span>
                    <span class="zx-ctr">{ ctr }</span>
                </Field>
                if let Some(leader) = s.leader {
                    <Field label={l.f_leader}>{ format!("S{leader}") }</Field>
                }
                <Field label={l.f_clients}>{ s.clients }</Field>
            </dl>
            <div class="insp-actions">{ actions }</div>
            <div class="insp-links">{ for links }</div>
        </>
    }
}

/// The selected client's fields and its write button.
fn client_body(c: &ClientCard, l: &LabTexts, on: &Callback<LabCommand>) -> Html {
    html! {
        <>
            { heading(fill(l.client_heading, &[("name", c.name.clone())])) }
            <dl class="insp-fields">
                <Field label={l.f_role}>{ c.state }</Field>
                if let Some(sid) = c.server {
                    <Field label={l.f_to}>{ format!("S{sid}") }</Field>
                }
                <Field label={l.f_session}><code>{ format!("0x{:x}", c.session) }</code></Field>
            </dl>
            <div class="insp-actions">
                { action(l.send_write.to_string(), "lab-client-write".into(), "btn-primary",
                    LabCommand::SendWrite(Some(c.node)), on) }
            </div>
        </>
    }
}

/// The selected message's fields and what can be done to it.
fn message_body(id: u64, m: &MsgDetail, lang: Lang, on: &Callback<LabCommand>) -> Html {
    let l = lang.lab();
    let delay = |ms: u32, id_attr: &str| {
        action(
            fill(l.delay_msg, &[("ms", ms.to_string())]),
            id_attr.into(),
            "",
            LabCommand::DelayMessage(id, ms.into()),
            on,
        )
    };
    html! {
        <>
            { heading(fill(l.msg_heading, &[("id", id.to_string())])) }
            <dl class="insp-fields">
                <Field label={l.f_kind}><strong>{ m.kind }</strong></Field>
                <Field label={l.f_from}>{ m.from.clone() }</Field>
                <Field label={l.f_to}>{ m.to.clone() }</Field>
                <div class="wide">
                    <dt>{ l.f_content }</dt>
                    <dd>{ message(&m.msg, lang) }</dd>
                </div>
                <Field label={l.f_sent}>{ format_time(m.sent_at) }</Field>
                <Field label={l.f_arrives}>{ format_time(m.deliver_at) }</Field>
                <Field label={l.f_transport}>{ m.transport }</Field>
            </dl>
            <div class="insp-actions">
                { action(l.drop_msg.to_string(), "lab-drop".into(), "lab-danger", LabCommand::DropMessage(id), on) }
                { delay(5, "lab-delay-5") }
                { delay(200, "lab-delay-200") }
            </div>
        </>
    }
}

/// The inspector card.
#[component]
pub fn Inspector(p: &InspectorProps) -> Html {
    let lang = use_lang().lang;
    let ids = use_id_scope();
    let l = lang.lab();
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
            Some(m) => message_body(id, m, lang, on),
            None => html! { <p class="muted" id={ids.id("lab-msg-gone")}>{ l.msg_gone }</p> },
        },
        Selection::None => empty(l.inspector_empty),
    };
    let flights = d.flights.iter().map(|f| {
        let selected = p.selected == Selection::Message(f.id);
        html! {
            <li key={f.id}>
                <CommandButton class={classes!("flight", selected.then_some("selected"))}
                    pressed={selected} cmd={LabCommand::SelectMessage(Some(f.id))}
                    on_command={on.clone()}>
                    <span class="flight-kind">{ f.kind }</span>
                    <span class="flight-ends">{ format!("{} → {}", f.from, f.to) }</span>
                </CommandButton>
            </li>
        }
    });
    html! {
        <section class="card inspector" aria-labelledby={ids.id("insp-title")}>
            <div class="card-head">
                <h2 id={ids.id("insp-title")}>{ l.inspector_title }</h2>
                if p.selected != Selection::None {
                    <CommandButton class="btn btn-ghost btn-small" cmd={LabCommand::Select(None)}
                        on_command={on.clone()}>
                        { l.deselect }
                    </CommandButton>
                }
            </div>
            <div class="insp-body">{ body }</div>
            <h3 class="insp-sub">{ l.in_flight_list }</h3>
            if d.flights.is_empty() {
                { empty(l.in_flight_none) }
            } else {
                <ul class="flight-list">{ for flights }</ul>
            }
        </section>
    }
}
