//! The lab's message box: what just happened (a link reproduced, a run started, a copy
//! made) in the active language; a bad link or file in both languages, since whoever
//! opens a shared link may read either.

use super::event::{on_click, LabEvent};
use super::share::{error_text, is_input_error};
use super::state::{Notice, Origin};
use super::view::fill;
use crate::components::ids::use_id_scope;
use crate::i18n::Lang;
use crate::lang_ctx::use_lang;
use yew::prelude::*;

/// Props of [`NoticeBox`].
#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// The notice, if any.
    pub notice: Option<Notice>,
    /// Where Dismiss goes.
    pub on: Callback<LabEvent>,
}

/// The message box: info in the active language; a bad link or file in both languages
/// (the person who opens a shared link may read either).
#[component]
pub fn NoticeBox(p: &NoticeProps) -> Html {
    let lang = use_lang().lang;
    let ids = use_id_scope();
    let on = &p.on;
    let Some(n) = p.notice.as_ref() else {
        return html! {};
    };
    let l = lang.lab();
    let (class, title, body, other): (&str, Option<&str>, String, Option<String>) = match n {
        Notice::Error(origin, e) => {
            let title = match origin {
                Origin::Link => l.err_link,
                Origin::File => l.err_file,
                Origin::Action => l.err_action,
            };
            let mut body = error_text(e, lang);
            let other = if is_input_error(e) {
                let o = lang.other();
                let ol = o.lab();
                let title_o = match origin {
                    Origin::Link => ol.err_link,
                    Origin::File => ol.err_file,
                    Origin::Action => ol.err_action,
                };
                let gap = |x: Lang| if x == Lang::Zh { "" } else { " " };
                if *origin == Origin::Link {
                    body = format!("{body}{}{}", gap(lang), l.err_keep);
                }
                let colon = if o == Lang::Zh { "：" } else { ": " };
                let keep = if *origin == Origin::Link {
                    ol.err_keep
                } else {
                    ""
                };
                Some(format!(
                    "{title_o}{colon}{}{}{keep}",
                    error_text(e, o),
                    gap(o)
                ))
            } else {
                None
            };
            (
                "lab-notice notice-error",
                Some(title),
                body.trim().to_string(),
                other.map(|x| x.trim().to_string()),
            )
        }
        Notice::Copied => ("lab-notice notice-ok", None, l.copied.into(), None),
        Notice::CopyFailed => ("lab-notice notice-warn", None, l.copy_failed.into(), None),
        Notice::Loaded { step, hash } => (
            "lab-notice notice-ok",
            None,
            fill(
                l.loaded_link,
                &[("step", step.to_string()), ("hash", hash.clone())],
            ),
            None,
        ),
        Notice::Imported { hash } => (
            "lab-notice notice-ok",
            None,
            fill(l.imported, &[("hash", hash.clone())]),
            None,
        ),
        Notice::Forked => ("lab-notice notice-info", None, l.forked_note.into(), None),
        Notice::NewRun { seed } => (
            "lab-notice notice-info",
            None,
            fill(l.new_run, &[("seed", seed.to_string())]),
            None,
        ),
        Notice::ScenarioReady(id) => (
            "lab-notice notice-info",
            None,
            fill(lang.scenarios().started, &[("id", id.to_string())]),
            None,
        ),
        Notice::UnknownScenario(id) => (
            "lab-notice notice-warn",
            None,
            fill(lang.scenarios().unknown, &[("id", id.clone())]),
            None,
        ),
        Notice::ReplayStopped(e) => (
            "lab-notice notice-warn",
            None,
            crate::i18n::replay::replay_stopped(e.as_ref(), lang),
            None,
        ),
        Notice::WriteSent { client } => (
            "lab-notice notice-info",
            None,
            fill(l.write_sent, &[("client", client.clone())]),
            None,
        ),
    };
    let role = if class == "lab-notice notice-error" {
        "alert"
    } else {
        "status"
    };
    html! {
        <div id={ids.id("lab-notice")} {class} {role}>
            <div class="notice-text">
                if let Some(title) = title {
                    <strong class="notice-title">{ title }</strong>
                }
                <p class="notice-body">{ body }</p>
                if let Some(other) = other {
                    <p class="notice-other" lang={lang.other().html_tag()}>{ other }</p>
                }
            </div>
            <button type="button" class="btn btn-ghost btn-small notice-close" aria-label={l.dismiss}
                onclick={on_click(on, LabEvent::Dismiss)}>{ "×" }</button>
        </div>
    }
}
