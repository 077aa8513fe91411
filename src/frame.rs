//! The lab frame: the one-screen shell every lab of ZooScope sits in (the election lab,
//! and the other rooms that reuse it). The lab gives it a stage (its cluster view), a
//! transport bar (time controls), an aside (the inspector of what is selected) and a
//! list of detail panels; the frame lays them out so the stage, the transport and one
//! panel are on screen together, from a 360 px phone to a projector:
//!
//! - panels are tabs, switched by a click or the number keys 1–9 ([`keys`]); on a wide
//!   screen one panel can be pinned beside the chosen one;
//! - projector mode (a toggle, `P`, or `?present` in the address) enlarges type, lines
//!   and messages, raises contrast, shows the shortcuts on screen and rings whatever is
//!   under the pointer ([`FrameMode`] tells the stage);
//! - the colour scheme follows the system until the learner picks one ([`scheme`]);
//! - `?` opens the shortcut sheet.
//!
//! Only the chosen (and the pinned) panel is mounted; the others cost nothing. Layout
//! lives in static/frame.css, keyed on the classes and ids written here.

pub mod keys;
pub mod scheme;
pub mod state;

use crate::components::ids::use_id_scope;
use crate::i18n::frame::ShortcutRow;
use crate::lang_ctx::use_lang;
use keys::{use_frame_keys, FrameKey};
use scheme::{use_scheme, Scheme};
use state::{FrameAction, FrameState};
use yew::prelude::*;
use yew_router::prelude::*;

/// One detail panel of a lab: its id (tab `#tab-<id>`, panel `#panel-<id>`), its tab
/// title and its content. Its number key is its place in the list (1–9).
#[derive(Clone, PartialEq)]
pub struct FramePanel {
    /// Short id, unique within the lab.
    pub id: &'static str,
    /// Tab title.
    pub title: &'static str,
    /// The panel.
    pub content: Html,
}

/// How the frame is shown, for the stage to follow (read with `use_context`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FrameMode {
    /// Projector mode is on.
    pub projector: bool,
    /// The dark scheme is in effect.
    pub dark: bool,
    /// A narrow window (a phone): the stage draws only what reads at that size.
    pub compact: bool,
}

/// The width at and below which the frame is laid out for a phone (as in frame.css).
pub const COMPACT_QUERY: &str = "(max-width: 760px)";

/// Does the media query `query` match now? Re-renders when that changes.
#[hook]
fn use_media(query: &'static str) -> bool {
    let list = use_memo((), move |_| {
        gloo::utils::window().match_media(query).ok().flatten()
    });
    let matches = use_state(|| list.as_ref().as_ref().is_some_and(|q| q.matches()));
    {
        let matches = matches.clone();
        use_effect_with((), move |_| {
            let listener = list.as_ref().as_ref().map(|q| {
                let q2 = q.clone();
                let target: &web_sys::EventTarget = q.as_ref();
                gloo::events::EventListener::new(target, "change", move |_| {
                    matches.set(q2.matches())
                })
            });
            move || drop(listener)
        });
    }
    *matches
}

/// Props of [`LabFrame`].
#[derive(Properties, PartialEq)]
pub struct LabFrameProps {
    /// Extra classes of the frame's root.
    #[prop_or_default]
    pub class: Classes,
    /// The lab's title row.
    pub head: Html,
    /// One-line notes under the head (scenario line, notices).
    #[prop_or_default]
    pub banner: Html,
    /// The time controls.
    pub transport: Html,
    /// The stage: the lab's picture of the system.
    pub stage: Html,
    /// Beside the stage: the inspector of the selection.
    #[prop_or_default]
    pub aside: Html,
    /// The detail panels, in number-key order (at most 9 get a key).
    pub panels: Vec<FramePanel>,
    /// The panel shown first (by id; the first panel if absent or unknown).
    #[prop_or_default]
    pub initial: Option<&'static str>,
    /// After everything (a live region).
    #[prop_or_default]
    pub children: Html,
    /// Fill the browser window (a page); `false` for a frame embedded in a lesson.
    #[prop_or(true)]
    pub screen: bool,
    /// The shortcut sheet's rows (and the projector strip's first three) when the lab's
    /// keys are not the election lab's; absent: the election lab's rows.
    #[prop_or_default]
    pub shortcuts: Option<&'static [ShortcutRow]>,
}

/// Does the address ask for projector mode (`?present`, before or after the `#`)?
fn present_requested(route_query: &str) -> bool {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    [route_query, search.as_str()]
        .iter()
        .any(|q| has_flag(q, "present"))
}

/// Is `name` a key of the query string `query` (with or without a value)?
pub fn has_flag(query: &str, name: &str) -> bool {
    query
        .trim_start_matches('?')
        .split('&')
        .any(|kv| kv.split('=').next() == Some(name))
}

/// The frame (see the module doc).
#[component]
pub fn LabFrame(p: &LabFrameProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.frame();
    let ids = use_id_scope();
    let tablist = use_node_ref();
    let location = use_location();
    let route_query = location
        .as_ref()
        .map(|l| l.query_str().to_string())
        .unwrap_or_default();
    let count = p.panels.len();
    let state = use_reducer(|| FrameState {
        active: p
            .initial
            .and_then(|id| p.panels.iter().position(|x| x.id == id))
            .unwrap_or(0),
        projector: present_requested(&route_query),
        ..FrameState::default()
    });
    let (scheme, flip_scheme) = use_scheme();
    {
        let dispatch = state.dispatcher();
        let state_now = state.clone();
        let flip = flip_scheme.clone();
        use_frame_keys(Callback::from(move |k: FrameKey| match k {
            FrameKey::Panel(index) => dispatch.dispatch(FrameAction::Show { index, count }),
            FrameKey::Help => dispatch.dispatch(FrameAction::Help(!state_now.help)),
            FrameKey::Escape => dispatch.dispatch(FrameAction::Help(false)),
            FrameKey::Projector => dispatch.dispatch(FrameAction::Projector(!state_now.projector)),
            FrameKey::Scheme => flip.emit(()),
        }));
    }
    let compact = use_media(COMPACT_QUERY);
    let mode = FrameMode {
        projector: state.projector,
        dark: scheme == Scheme::Dark,
        compact,
    };
    let act = |a: FrameAction| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(a))
    };
    let on_tab_key = {
        let d = state.dispatcher();
        let active = state.active;
        let tablist = tablist.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (active + 1) % count.max(1),
                "ArrowLeft" | "ArrowUp" => (active + count.max(1) - 1) % count.max(1),
                "Home" => 0,
                "End" => count.saturating_sub(1),
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            d.dispatch(FrameAction::Show { index: next, count });
            focus_tab(&tablist, next);
        })
    };
    let tabs = p.panels.iter().enumerate().map(|(i, panel)| {
        let selected = i == state.active;
        let pinned = state.pinned == Some(i);
        html! {
            <button type="button" role="tab" id={ids.id(format!("tab-{}", panel.id))}
                class={classes!("frame-tab", selected.then_some("active"), pinned.then_some("pinned"))}
                aria-selected={selected.to_string()} aria-controls={ids.id(format!("panel-{}", panel.id))} title={panel.title}
                tabindex={if selected { "0" } else { "-1" }}
                onclick={act(FrameAction::Show { index: i, count })} onkeydown={on_tab_key.clone()}>
                if i < 9 {
                    <kbd class="tab-key" aria-hidden="true">{ i + 1 }</kbd>
                }
                <span class="tab-title">{ panel.title }</span>
            </button>
        }
    });
    let panel_box = |i: usize, pinned: bool| {
        let Some(panel) = p.panels.get(i) else {
            return html! {};
        };
        let (label, title, action, id) = if pinned {
            (t.unpin, t.unpin, FrameAction::Pin(false), "frame-unpin")
        } else {
            (t.pin, t.pin_title, FrameAction::Pin(true), "frame-pin")
        };
        html! {
            <section key={panel.id} id={ids.id(format!("panel-{}", panel.id))} role="tabpanel"
                aria-labelledby={ids.id(format!("tab-{}", panel.id))} data-panel={panel.id}
                class={classes!("frame-panel", if pinned { "pinned" } else { "active" })}>
                <div class="frame-panel-bar">
                    <button type="button" id={ids.id(id)} class="btn btn-ghost btn-small frame-pin-btn" {title}
                        aria-pressed={pinned.to_string()} onclick={act(action)}>{ label }</button>
                </div>
                <div class="frame-panel-body">{ panel.content.clone() }</div>
            </section>
        }
    };
    let pinned = state.pinned.filter(|&i| i != state.active && i < count);
    let rows: &[ShortcutRow] = p.shortcuts.unwrap_or(&t.shortcut_rows);
    let help_rows = rows.iter().map(|(k, d)| {
        html! { <div class="key-row"><dt><kbd>{ *k }</kbd></dt><dd>{ *d }</dd></div> }
    });
    let strip = rows.iter().take(3).map(|(k, d)| {
        html! { <span class="key-chip"><kbd>{ *k }</kbd>{ " " }{ *d }</span> }
    });
    let class = classes!(
        "lab-frame",
        p.class.clone(),
        p.screen.then_some("lab-frame-screen"),
        state.projector.then_some("projector"),
        pinned.map(|_| "has-pinned"),
    );
    let scheme_label = match scheme {
        Scheme::Light => t.to_dark,
        Scheme::Dark => t.to_light,
    };
    html! {
        <ContextProvider<FrameMode> context={mode}>
        <div {class}>
            <div class="frame-top">
                <div class="frame-head">{ p.head.clone() }</div>
                if state.projector {
                    <p class="frame-keys" aria-hidden="true">{ for strip }</p>
                }
                <div class="frame-tools" role="toolbar" aria-label={t.shortcuts_title}>
                    <button type="button" id={ids.id("frame-projector")} class="btn btn-ghost btn-small"
                        title={t.projector_title} aria-pressed={state.projector.to_string()}
                        onclick={act(FrameAction::Projector(!state.projector))}>{ t.projector }</button>
                    <button type="button" id={ids.id("frame-scheme")} class="btn btn-ghost btn-small"
                        title={t.scheme_title} aria-pressed={(scheme == Scheme::Dark).to_string()}
                        onclick={flip_scheme.reform(|_: MouseEvent| ())}>{ scheme_label }</button>
                    <button type="button" id={ids.id("frame-help")} class="btn btn-ghost btn-small"
                        aria-expanded={state.help.to_string()} aria-controls={ids.id("frame-help-sheet")} aria-label={t.shortcuts} title={t.shortcuts_title}
                        onclick={act(FrameAction::Help(!state.help))}>
                        <kbd aria-hidden="true">{ "?" }</kbd>
                        <span class="tool-label">{ t.shortcuts }</span>
                    </button>
                </div>
            </div>
            <div class="frame-banner">{ p.banner.clone() }</div>
            // Before the stage in the tab order (the grid places it; a bottom bar on phones).
            <div class="frame-transport">{ p.transport.clone() }</div>
            <div class="frame-stage">{ p.stage.clone() }</div>
            <div class="frame-aside">{ p.aside.clone() }</div>
            <div class="frame-dock">
                <div class="frame-tabs" role="tablist" aria-label={t.panels_label} ref={tablist}>{ for tabs }</div>
                <div class="frame-panels">
                    if let Some(i) = pinned {
                        { panel_box(i, true) }
                    }
                    { panel_box(state.active, false) }
                </div>
            </div>
            if state.help {
                <div id={ids.id("frame-help-sheet")} class="frame-help card" role="dialog" aria-labelledby={ids.id("frame-help-title")}>
                    <div class="card-head">
                        <h2 id={ids.id("frame-help-title")}>{ t.shortcuts_title }</h2>
                        <button type="button" id={ids.id("frame-help-close")} class="btn btn-ghost btn-small"
                            onclick={act(FrameAction::Help(false))}>{ t.close }</button>
                    </div>
                    <dl class="key-list">{ for help_rows }</dl>
                </div>
            }
            { p.children.clone() }
        </div>
        </ContextProvider<FrameMode>>
    }
}

/// Move the keyboard focus to tab `i` of this frame's tab list (arrow keys on it; a
/// lesson page may hold several frames).
fn focus_tab(tablist: &NodeRef, i: usize) {
    use wasm_bindgen::JsCast;
    let tabs = tablist
        .cast::<web_sys::Element>()
        .and_then(|list| list.query_selector_all(".frame-tab").ok());
    if let Some(el) = tabs
        .and_then(|list| list.get(i as u32))
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::has_flag;

    #[test]
    fn present_flag_with_or_without_value() {
        assert!(has_flag("?present", "present"));
        assert!(has_flag("scenario=recovery&present=1", "present"));
        assert!(!has_flag("?presentation=1", "present"));
        assert!(!has_flag("", "present"));
    }
}
