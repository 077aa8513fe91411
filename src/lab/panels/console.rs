//! The lab's console: a terminal attached to one client of the run, taking zkCli lines and
//! Curator lines.
//!
//! The line typed is sent to the lab page as [`LabCommand::ZkCli`]; the page runs it
//! through zkCli's shell on that client — or, for a Java statement or a recipe line
//! (`zooscope_core::scenario::curator_console::is_curator`), through the client's Curator,
//! printing what the scenario's `curator` line prints — and the transcript comes back in
//! the view (`ZkLabView::console`). ↑/↓ walk the lines typed before; Tab completes
//! (the core's `complete`: zkCli command names and znode paths, or a Curator builder
//! chain) once something is typed — with an empty line Tab still moves the focus, so the
//! keyboard is never trapped.

use super::PanelProps;
use crate::lab::command::LabCommand;
use crate::lang_ctx::use_lang;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::complete::complete;

/// The console.
#[component]
pub fn ZkConsole(props: &PanelProps) -> Html {
    let t = use_lang().lang.panels();
    let c = &props.view.console;
    let input = use_state(String::new);
    let cursor = use_state(|| Option::<usize>::None);
    let matches = use_state(Vec::<String>::new);
    let screen = use_node_ref();
    {
        let screen = screen.clone();
        let key = (c.lines.len(), c.client, c.lines.last().map(|l| l.step));
        use_effect_with(key, move |_| {
            if let Some(el) = screen.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let Some(client) = c.client else {
        let cb = props.on_command.clone();
        let add = Callback::from(move |_: MouseEvent| cb.emit(LabCommand::AddClient));
        return html! {
            <div class="zk-console" aria-labelledby="console-title">
                <h3 id="console-title" class="panel-sub">{ t.console_title }</h3>
                <p class="panel-empty">{ t.console_no_client }</p>
                <button type="button" class="btn btn-ghost" onclick={add}>{ t.console_add_client }</button>
            </div>
        };
    };
    let oninput = {
        let input = input.clone();
        let cursor = cursor.clone();
        let matches = matches.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            input.set(el.value());
            cursor.set(None);
            matches.set(Vec::new());
        })
    };
    let onkeydown = {
        let input = input.clone();
        let cursor = cursor.clone();
        let matches = matches.clone();
        let history = c.history.clone();
        let paths = props.view.paths();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowUp" if !history.is_empty() => {
                e.prevent_default();
                // Clamped: the history may belong to another client than the cursor.
                let last = history.len() - 1;
                let i = cursor.map_or(last, |i| i.saturating_sub(1).min(last));
                cursor.set(Some(i));
                input.set(history.get(i).cloned().unwrap_or_default());
            }
            "ArrowDown" => {
                if let Some(i) = *cursor {
                    e.prevent_default();
                    if let Some(next) = history.get(i + 1) {
                        cursor.set(Some(i + 1));
                        input.set(next.clone());
                    } else {
                        cursor.set(None);
                        input.set(String::new());
                    }
                }
            }
            "Tab" if !input.is_empty() && !e.shift_key() => {
                e.prevent_default();
                let done = complete(&input, &paths);
                input.set(done.line);
                matches.set(done.candidates);
            }
            _ => {}
        })
    };
    let onsubmit = {
        let input = input.clone();
        let cursor = cursor.clone();
        let matches = matches.clone();
        let cb = props.on_command.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let line = (*input).clone();
            cb.emit(LabCommand::ZkCli { client, line });
            input.set(String::new());
            cursor.set(None);
            matches.set(Vec::new());
        })
    };
    let onchange = {
        let cb = props.on_command.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(id) = el.value().parse::<u32>() {
                cb.emit(LabCommand::SelectClient(Some(id)));
            }
        })
    };
    let input_id = "zkcli-input";
    html! {
        <div class="zk-console" aria-labelledby="console-title">
            <div class="console-head">
                <h3 id="console-title" class="panel-sub">{ t.console_title }</h3>
                <label class="console-client">
                    { t.console_client }{ " " }
                    <select {onchange}>
                        { for c.clients.iter().map(|(id, name)| html! {
                            <option key={*id} value={id.to_string()} selected={*id == client}>{ name.clone() }</option>
                        }) }
                    </select>
                </label>
            </div>
            <pre class="console-screen" ref={screen} role="log" aria-live="polite"
                aria-label={t.console_output} tabindex="0">
                if c.lines.is_empty() {
                    <span class="con-hint">{ t.console_empty }</span>
                }
                { for c.lines.iter().map(|l| match &l.prompt {
                    Some(p) => html! {
                        <span class="con-line">
                            <span class="con-prompt">{ p.clone() }</span>
                            <span class="con-cmd">{ l.text.clone() }</span>
                            { "\n" }
                        </span>
                    },
                    None => html! { <span class="con-out">{ l.text.clone() }</span> },
                }) }
            </pre>
            <form class="console-form" {onsubmit}>
                <label for={input_id} class="sr-only">{ t.console_input }</label>
                // Abbreviated with an ellipsis when long; the whole prompt is its tooltip.
                <span class="con-prompt" aria-hidden="true" title={c.prompt.clone()}>{ c.prompt.clone() }</span>
                <input id={input_id} class="console-input" type="text" autocomplete="off"
                    spellcheck="false" autocapitalize="off"
                    value={(*input).clone()} {oninput} {onkeydown} />
                <button type="submit" class="btn btn-primary">{ t.console_run }</button>
            </form>
            if !matches.is_empty() {
                <p class="console-matches" role="status">
                    { t.console_matches }{ " " }
                    { for matches.iter().map(|m| html! { <code>{ m.clone() }</code> }) }
                </p>
            }
            <p class="console-hint muted small">{ t.console_hint }</p>
        </div>
    }
}
