//! The lab's tool cards: clients (add one, send a write), network (heal, split into
//! groups), ensemble setup (size, observers, clients, zoo.cfg) and sharing (link,
//! export, import). Every control is an ordinary button, field or select.

use super::command::LabCommand;
use super::event::{on_click, LabEvent};
use super::setup::{LabSetup, SERVERS_MAX};
use crate::lang_ctx::use_lang;
use gloo::file::callbacks::FileReader;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Groups offered by the split tool.
const GROUPS: usize = 3;

/// Props of [`ClientsNetwork`].
#[derive(Properties, PartialEq)]
pub struct ClientsNetworkProps {
    /// Server ids.
    pub servers: Rc<Vec<u64>>,
    /// Number of clients.
    pub clients: usize,
    /// Actions (commands, the split).
    pub on: Callback<LabEvent>,
}

/// Clients and network tools.
#[component]
pub fn ClientsNetwork(p: &ClientsNetworkProps) -> Html {
    let l = use_lang().lang.lab();
    // Group (0-based) chosen for each server, by position in `servers`.
    let groups = use_state(Vec::<usize>::new);
    let current: Vec<usize> = (0..p.servers.len())
        .map(|i| {
            groups
                .get(i)
                .copied()
                .unwrap_or(if i < p.servers.len().div_ceil(2) {
                    0
                } else {
                    1
                })
        })
        .collect();
    let click = |cmd: LabCommand| on_click(&p.on, LabEvent::Command(cmd));
    let selects = p.servers.iter().enumerate().map(|(i, sid)| {
        let groups = groups.clone();
        let chosen = current[i];
        let current = current.clone();
        let onchange = Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(g) = sel.value().parse::<usize>() {
                let mut next = current.clone();
                if i < next.len() && g < GROUPS {
                    next[i] = g;
                    groups.set(next);
                }
            }
        });
        html! {
            <label class="split-row">
                <span>{ format!("S{sid}") }</span>
                <select id={format!("lab-group-{sid}")} {onchange}>
                    { for (0..GROUPS).map(|g| html! {
                        <option value={g.to_string()} selected={chosen == g}>
                            { super::view::fill(l.group, &[("g", ["A", "B", "C"][g].to_string())]) }
                        </option>
                    }) }
                </select>
            </label>
        }
    });
    let on_split = {
        let mut out = vec![Vec::new(); GROUPS];
        for (i, sid) in p.servers.iter().enumerate() {
            out[current[i].min(GROUPS - 1)].push(*sid);
        }
        on_click(
            &p.on,
            LabEvent::Split(out.into_iter().filter(|g| !g.is_empty()).collect()),
        )
    };
    let full = p.clients >= super::session::CLIENTS_MAX;
    html! {
        <ToolCard class="card tools-card" title_id="tools-title"
            title={html! { <>{ l.clients_title }{ " · " }{ l.network_title }</> }}>
            <div class="tool-row">
                <button type="button" id="lab-add-client" class="btn" disabled={full}
                    onclick={click(LabCommand::AddClient)}>{ l.add_client }</button>
                <button type="button" id="lab-send-write" class="btn btn-primary" title={l.send_write_title}
                    onclick={click(LabCommand::SendWrite(None))}>{ l.send_write }</button>
                <span class="muted">{ format!("{}: {}", l.clients, p.clients) }</span>
            </div>
            <div class="tool-row">
                <button type="button" id="lab-heal-all" class="btn"
                    onclick={click(LabCommand::HealAll)}>{ l.heal_all }</button>
            </div>
            <p class="muted small">{ l.split_lead }</p>
            <div class="split-grid">{ for selects }</div>
            <button type="button" id="lab-split" class="btn" onclick={on_split}>{ l.apply_split }</button>
        </ToolCard>
    }
}

/// Props of [`ToolCard`].
#[derive(Properties, PartialEq)]
struct ToolCardProps {
    /// The section's classes.
    class: &'static str,
    /// The title's id (the section is labelled by it).
    title_id: &'static str,
    /// The title.
    title: Html,
    /// The body.
    children: Html,
}

/// A tool card: `<section class aria-labelledby>` with its `<h2 id>` title, then the
/// body.
#[component]
fn ToolCard(p: &ToolCardProps) -> Html {
    html! {
        <section class={p.class} aria-labelledby={p.title_id}>
            <h2 id={p.title_id}>{ p.title.clone() }</h2>
            { p.children.clone() }
        </section>
    }
}

/// Props of [`SetupCard`].
#[derive(Properties, PartialEq)]
pub struct SetupProps {
    /// The setup of the running run.
    pub setup: LabSetup,
    /// Start a new run ([`LabEvent::NewRun`]).
    pub on: Callback<LabEvent>,
}

/// Ensemble size, observers, clients, zoo.cfg.
#[component]
pub fn SetupCard(p: &SetupProps) -> Html {
    let l = use_lang().lang.lab();
    let draft = use_state(|| p.setup.clone());
    let cfg_text = use_state(|| p.setup.zoo_cfg_text());
    {
        let (draft, cfg_text) = (draft.clone(), cfg_text.clone());
        use_effect_with(p.setup.clone(), move |s| {
            draft.set(s.clone());
            cfg_text.set(s.zoo_cfg_text());
        });
    }
    let number = |field: &'static str| {
        let draft = draft.clone();
        let cfg_text = cfg_text.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Ok(v) = input.value().trim().parse::<u32>() else {
                return;
            };
            let mut d = (*draft).clone();
            d.zoo_cfg = None;
            match field {
                "servers" => d.servers = (v as usize).clamp(1, SERVERS_MAX),
                "observers" => d.observers = v as usize,
                _ => d.clients = v.min(super::session::CLIENTS_MAX as u32),
            }
            d.observers = d.observers.min(d.servers.saturating_sub(1));
            cfg_text.set(d.zoo_cfg_text());
            draft.set(d);
        })
    };
    let on_apply = {
        let mut d = (*draft).clone();
        d.zoo_cfg = None;
        d.seed = p.setup.seed;
        on_click(&p.on, LabEvent::NewRun(d))
    };
    let on_cfg_input = {
        let cfg_text = cfg_text.clone();
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            cfg_text.set(ta.value());
        })
    };
    let on_cfg_apply = {
        let mut d = (*draft).clone();
        d.zoo_cfg = Some((*cfg_text).clone());
        d.seed = p.setup.seed;
        on_click(&p.on, LabEvent::NewRun(d))
    };
    let fields = html! {
        <div class="setup-fields">
            <label>{ l.servers }
                <input id="lab-servers" type="number" min="1" max={SERVERS_MAX.to_string()} value={draft.servers.to_string()} onchange={number("servers")} />
            </label>
            <label>{ l.observers }
                <input id="lab-observers" type="number" min="0" max={SERVERS_MAX.saturating_sub(1).to_string()} value={draft.observers.to_string()} onchange={number("observers")} />
            </label>
            <label>{ l.clients }
                <input id="lab-clients" type="number" min="0" max={super::session::CLIENTS_MAX.to_string()} value={draft.clients.to_string()} onchange={number("clients")} />
            </label>
        </div>
    };
    html! {
        <ToolCard class="card setup-card" title_id="setup-title" title={html! { l.setup_title }}>
            { fields }
            <button type="button" id="lab-apply-setup" class="btn btn-primary" onclick={on_apply}>
                { l.apply_setup }
            </button>
            <label class="zoo-label" for="lab-zoo-cfg">{ l.zoo_cfg }</label>
            <textarea id="lab-zoo-cfg" class="zoo-cfg" rows="9" spellcheck="false"
                value={(*cfg_text).clone()} oninput={on_cfg_input} />
            <p class="muted small">{ l.zoo_hint }</p>
            <button type="button" id="lab-zoo-apply" class="btn" onclick={on_cfg_apply}>{ l.zoo_apply }</button>
        </ToolCard>
    }
}

/// Props of [`ShareCard`].
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The last link made (shown for copying by hand).
    pub link: Option<String>,
    /// Copy a link, export, import a file's text.
    pub on: Callback<LabEvent>,
}

/// Copy link, export, import.
#[component]
pub fn ShareCard(p: &ShareProps) -> Html {
    let l = use_lang().lang.lab();
    let reader = use_mut_ref(|| None::<FileReader>);
    let on_copy = on_click(&p.on, LabEvent::Copy);
    let on_export = on_click(&p.on, LabEvent::Export);
    let on_file = {
        let on = p.on.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let file = gloo::file::File::from(file);
            if file.size() > super::share::RUN_FILE_MAX as u64 {
                on.emit(LabEvent::Import("x".repeat(super::share::RUN_FILE_MAX + 1)));
                return;
            }
            let on = on.clone();
            let task = gloo::file::callbacks::read_as_text(&file, move |res| {
                on.emit(LabEvent::Import(res.unwrap_or_default()));
            });
            *reader.borrow_mut() = Some(task);
            input.set_value("");
        })
    };
    let on_focus_select = Callback::from(|e: FocusEvent| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            input.select();
        }
    });
    let link = p.link.as_ref().map_or_else(Html::default, |link| {
        html! {
            <label class="link-field">
                <span class="muted small">{ l.link_label }</span>
                <input id="lab-link" type="text" readonly=true value={link.clone()} onfocus={on_focus_select} />
            </label>
        }
    });
    html! {
        <ToolCard class="card share-card" title_id="share-title" title={html! { l.share_title }}>
            <div class="tool-row">
                <button type="button" id="lab-copy-link" class="btn btn-primary" onclick={on_copy}>
                    { l.copy_link }
                </button>
                <button type="button" id="lab-export" class="btn" onclick={on_export}>{ l.export }</button>
                <label class="btn file-btn">
                    { l.import }
                    <input id="lab-import" type="file" accept=".json,application/json" class="visually-hidden" onchange={on_file} />
                </label>
            </div>
            { link }
        </ToolCard>
    }
}
