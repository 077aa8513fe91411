//! What the learner sees when the program has a bug.
//!
//! A Rust panic in wasm leaves the module unusable: Yew will never render again, and
//! with `panic = "abort"` the instance traps right after the hook returns. So the hook
//! builds a full-page overlay itself with plain DOM calls, in both languages, showing
//! the panic message, the reproduction key of the current lab run (the lab publishes it
//! in a window global as it goes) and a reload button whose handler is inline
//! JavaScript, because a Rust closure could not run any more.
//!
//! The hook also forwards to `console_error_panic_hook`, so the console gets the message
//! and a stack trace.

use crate::i18n::{Lang, Texts};
use std::panic::PanicHookInfo;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// Name of the window property holding the current reproduction key (a string), or
/// absent when no run is on screen.
pub const REPRO_GLOBAL: &str = "__ZOOSCOPE_REPRO_KEY__";
/// Id of the overlay element.
pub const OVERLAY_ID: &str = "zs-panic";
/// Longest panic message shown (a runaway message must not hang the page).
pub const MESSAGE_MAX_CHARS: usize = 4_000;

static SHOWN: AtomicBool = AtomicBool::new(false);

/// Install the hook. Must go through Yew, which otherwise replaces any hook set before
/// the first render with its own.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(hook));
}

fn hook(info: &PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    show_overlay(&info.to_string());
}

/// Publish (or clear) the reproduction key the overlay will show.
pub fn set_repro_key(key: Option<&str>) {
    let window = gloo::utils::window();
    let value = key.map_or(JsValue::UNDEFINED, JsValue::from_str);
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str(REPRO_GLOBAL), &value);
}

/// The published reproduction key, if a run is on screen.
pub fn repro_key() -> Option<String> {
    let window = gloo::utils::window();
    js_sys::Reflect::get(&window, &JsValue::from_str(REPRO_GLOBAL))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|s| !s.is_empty())
}

/// Show the overlay (once; later panics keep the first message). Never panics: every
/// DOM failure just means less is shown.
pub fn show_overlay(message: &str) {
    if SHOWN.swap(true, Ordering::SeqCst) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let _ = build(&document, message);
}

fn build(document: &Document, message: &str) -> Result<(), JsValue> {
    let current = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default();
    let (first, second) = (current.texts(), current.other().texts());
    let both = |pick: fn(&Texts) -> &'static str| format!("{} · {}", pick(first), pick(second));

    let root = el(document, "div", "zs-panic")?;
    root.set_id(OVERLAY_ID);
    root.set_attribute("role", "alertdialog")?;
    root.set_attribute("aria-modal", "true")?;
    root.set_attribute("aria-labelledby", "zs-panic-title")?;
    // Inline essentials, in case the stylesheet is what failed.
    root.set_attribute(
        "style",
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#f6f7f5;color:#17212b",
    )?;
    let card = el(document, "div", "zs-panic-card")?;

    let title = el(document, "h1", "zs-panic-title")?;
    title.set_id("zs-panic-title");
    title.set_text_content(Some(&both(|t| t.panic_title)));
    card.append_child(&title)?;
    for (lang, texts) in [(current, first), (current.other(), second)] {
        let p = el(document, "p", "zs-panic-lead")?;
        p.set_attribute("lang", lang.html_tag())?;
        p.set_text_content(Some(texts.panic_lead));
        card.append_child(&p)?;
    }

    let message: String = message.chars().take(MESSAGE_MAX_CHARS).collect();
    append_field(
        document,
        &card,
        &both(|t| t.panic_message),
        "pre",
        "zs-panic-message",
        &message,
    )?;
    let key = repro_key().unwrap_or_else(|| both(|t| t.panic_key_none));
    append_field(
        document,
        &card,
        &both(|t| t.panic_key),
        "textarea",
        "zs-panic-key",
        &key,
    )?;

    let button = el(document, "button", "zs-panic-reload")?;
    button.set_attribute("type", "button")?;
    button.set_attribute("onclick", "window.location.reload()")?;
    button.set_text_content(Some(&both(|t| t.panic_reload)));
    card.append_child(&button)?;

    root.append_child(&card)?;
    let parent: Element = match document.body() {
        Some(body) => body.into(),
        None => document
            .document_element()
            .ok_or_else(|| JsValue::from_str("no document element"))?,
    };
    parent.append_child(&root)?;
    Ok(())
}

fn el(document: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = document.create_element(tag)?;
    e.set_class_name(class);
    Ok(e)
}

/// A label followed by a read-only field holding `value`.
fn append_field(
    document: &Document,
    card: &Element,
    label: &str,
    tag: &str,
    class: &str,
    value: &str,
) -> Result<(), JsValue> {
    let id = format!("{class}-field");
    let l = el(document, "label", "zs-panic-label")?;
    l.set_attribute("for", &id)?;
    l.set_text_content(Some(label));
    card.append_child(&l)?;
    let field = el(document, tag, class)?;
    field.set_id(&id);
    if tag == "textarea" {
        field.set_attribute("readonly", "")?;
        field.set_attribute("rows", "3")?;
        field.set_attribute("spellcheck", "false")?;
        field.set_attribute("onfocus", "this.select()")?;
    }
    field.set_text_content(Some(value));
    card.append_child(&field)?;
    Ok(())
}
