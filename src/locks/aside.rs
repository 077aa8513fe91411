//! The lock lab's controls: every client with its server, session, state and buttons
//! (lock, lock with a timeout, unlock, pause/resume, cut off, kill, write through the
//! fenced storage), a new client on a chosen server, and the servers' crash/restart.
//! Every button sends one scenario line; the lab plays it on every run.

use crate::i18n::LockTexts;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use zooscope_core::scenario::lock_view::{LockClient, Process};

/// Most clients the lab adds (the scenario language's limit).
pub const CLIENTS_MAX: usize = zooscope_core::scenario::CLIENTS_MAX;

fn fill(t: &str, k: &str, v: &str) -> String {
    t.replace(&format!("{{{k}}}"), v)
}

/// What the controls act on.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// The path lock lines name.
    pub path: String,
    /// The lock kinds (`mutex`, `read`, `latch`, …).
    pub kinds: Vec<String>,
    /// Servers of the ensemble: (id, running).
    pub servers: Vec<(u64, bool)>,
    /// Show the storage's write button.
    pub storage: bool,
}

impl Target {
    /// `NAME lock PATH [as KIND] [timeout 3s]` (a latch: `NAME latch start PATH`).
    pub fn lock_line(&self, name: &str, kind: &str, timeout: bool) -> String {
        if kind == "latch" {
            return format!("{name} latch start {}", self.path);
        }
        let as_kind = if kind == "mutex" {
            String::new()
        } else {
            format!(" as {kind}")
        };
        let t = if timeout { " timeout 3s" } else { "" };
        format!("{name} lock {}{as_kind}{t}", self.path)
    }

    /// `NAME unlock PATH [as KIND]` (a latch: `NAME latch close PATH`).
    pub fn unlock_line(&self, name: &str, kind: &str) -> String {
        match kind {
            "latch" => format!("{name} latch close {}", self.path),
            "mutex" => format!("{name} unlock {}", self.path),
            k => format!("{name} unlock {} as {k}", self.path),
        }
    }

    /// The next free client name.
    pub fn next_name(clients: &[LockClient]) -> String {
        (1..)
            .map(|i| format!("c{i}"))
            .find(|n| !clients.iter().any(|c| &c.name == n))
            .unwrap_or_else(|| "c".into())
    }

    /// `client NAME S,… curator`: the chosen server first, then the others in order.
    pub fn client_line(&self, name: &str, server: u64) -> String {
        let mut ids: Vec<u64> = self.servers.iter().map(|(s, _)| *s).collect();
        if let Some(i) = ids.iter().position(|&s| s == server) {
            ids.rotate_left(i);
        }
        let list: Vec<String> = ids.iter().map(u64::to_string).collect();
        format!("client {name} {} curator", list.join(","))
    }
}

/// Props of [`ClientsPanel`].
#[derive(Properties, PartialEq)]
pub struct ClientsProps {
    /// The clients.
    pub clients: Rc<Vec<LockClient>>,
    /// What the buttons act on.
    pub target: Rc<Target>,
    /// Writes so far (the next value's number).
    pub writes: usize,
    /// Where lines go.
    pub on_line: Callback<String>,
    /// The words.
    pub texts: &'static LockTexts,
}

/// The clients and servers with their buttons.
#[component]
pub fn ClientsPanel(p: &ClientsProps) -> Html {
    let t = p.texts;
    let server_ref = use_node_ref();
    let send = |line: String| {
        let on = p.on_line.clone();
        Callback::from(move |_: MouseEvent| on.emit(line.clone()))
    };
    let add = {
        let (on, target, clients, r) = (
            p.on_line.clone(),
            p.target.clone(),
            p.clients.clone(),
            server_ref.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let sid = r
                .cast::<HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok())
                .unwrap_or(1);
            on.emit(target.client_line(&Target::next_name(&clients), sid));
        })
    };
    let row = |c: &LockClient| {
        let name = c.name.as_str();
        let running = c.process == Process::Running;
        let state = if let Some(_node) = &c.holds {
            if c.hold_count > 1 {
                fill(t.holds_times, "n", &c.hold_count.to_string())
            } else {
                t.holds.to_string()
            }
        } else if c.waiting {
            t.waiting.to_string()
        } else {
            t.idle.to_string()
        };
        let process = match c.process {
            Process::Running => t.process[0],
            Process::Paused => t.process[1],
            Process::Dead => t.process[2],
        };
        let kinds = &p.target.kinds;
        let several = kinds.len() > 1;
        html! {
            <tr class={classes!("lk-client", c.holds.is_some().then_some("lk-holder"))} data-client={name.to_string()}
                data-process={process} data-session-live={c.session_live.to_string()}>
                <th scope="row">{ name }</th>
                <td>{ c.server.map_or("–".into(), |s| format!("S{s}")) }</td>
                <td class={classes!(if c.session_live { "lk-live" } else { "lk-gone" })} title={format!("0x{:x}", c.session)}>
                    { if c.session_live { t.session_live } else { t.session_gone } }
                </td>
                <td><span class="lk-process">{ process }</span>{ " · " }<span class="lk-state">{ state }</span></td>
                <td class="lk-actions">
                    { for kinds.iter().map(|k| {
                        let label = if several { format!("{} {k}", t.lock) } else { t.lock.to_string() };
                        html! { <button type="button" class="btn btn-small lk-lock" disabled={!running}
                            onclick={send(p.target.lock_line(name, k, false))}>{ label }</button> }
                    }) }
                    if kinds.first().is_some_and(|k| k != "latch") && !several {
                        <button type="button" class="btn btn-small lk-lock-timeout" disabled={!running}
                            onclick={send(p.target.lock_line(name, &kinds[0], true))}>{ t.lock_timeout }</button>
                    }
                    { for kinds.iter().map(|k| {
                        let label = if several { format!("{} {k}", t.unlock) } else { t.unlock.to_string() };
                        html! { <button type="button" class="btn btn-small lk-unlock" disabled={!running}
                            onclick={send(p.target.unlock_line(name, k))}>{ label }</button> }
                    }) }
                    if c.process == Process::Paused {
                        <button type="button" class="btn btn-small lk-resume" onclick={send(format!("resume {name}"))}>{ t.resume }</button>
                    } else {
                        <button type="button" class="btn btn-small lk-pause" disabled={!running} onclick={send(format!("pause {name}"))}>{ t.pause }</button>
                    }
                    <button type="button" class="btn btn-small lk-cut" disabled={!running}
                        onclick={send(format!("partition {} | {name}", p.target.servers.iter().map(|(s, _)| s.to_string()).collect::<Vec<_>>().join(" ")))}>{ t.cut_off }</button>
                    <button type="button" class="btn btn-small btn-danger lk-kill" disabled={c.process == Process::Dead}
                        onclick={send(format!("kill {name}"))}>{ t.kill }</button>
                    if p.target.storage {
                        <button type="button" class="btn btn-small lk-store" disabled={!running}
                            onclick={send(format!("{name} store {} v{}", p.target.path, p.writes + 1))}>{ t.store }</button>
                    }
                </td>
            </tr>
        }
    };
    html! {
        <div class="lk-clients">
            <div class="lk-table-wrap">
                <table class="lk-table">
                    <caption class="visually-hidden">{ t.clients_title }</caption>
                    <thead><tr>{ for t.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                    <tbody>{ for p.clients.iter().map(row) }</tbody>
                </table>
            </div>
            <div class="lk-row">
                <button type="button" class="btn lk-add" onclick={add} disabled={p.clients.len() >= CLIENTS_MAX}>{ t.add_client }</button>
                <label>{ t.on_server }{ " " }
                    <select ref={server_ref} class="lk-server">
                        { for p.target.servers.iter().map(|(s, _)| html! { <option value={s.to_string()}>{ format!("S{s}") }</option> }) }
                    </select>
                </label>
                <button type="button" class="btn lk-heal" onclick={send("heal".into())}>{ t.heal }</button>
            </div>
            <div class="lk-row">
                { for p.target.servers.iter().map(|(s, up)| {
                    let sid = s.to_string();
                    if *up {
                        html! { <button type="button" class="btn btn-small lk-crash" data-server={sid.clone()}
                            onclick={send(format!("stop {s}"))}>{ fill(t.crash, "sid", &sid) }</button> }
                    } else {
                        html! { <button type="button" class="btn btn-small lk-restart" data-server={sid.clone()}
                            onclick={send(format!("start {s}"))}>{ fill(t.restart, "sid", &sid) }</button> }
                    }
                }) }
            </div>
        </div>
    }
}
