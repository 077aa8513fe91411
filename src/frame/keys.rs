//! The frame's keyboard: number keys 1–9 pick a detail panel, `?` opens the shortcut
//! sheet, `P` toggles projector mode, `D` the colour scheme, Escape closes the sheet.
//! Keys typed into a field, or pressed with Ctrl/Alt/Meta, are left alone.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A key the frame acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKey {
    /// `1`–`9`: the panel with this index (0-based).
    Panel(usize),
    /// `?`: the shortcut sheet.
    Help,
    /// `P`: projector mode.
    Projector,
    /// `D`: dark or light.
    Scheme,
    /// Escape.
    Escape,
}

impl FrameKey {
    /// The frame's reading of `key` (a `KeyboardEvent.key`), if any.
    pub fn parse(key: &str) -> Option<FrameKey> {
        match key {
            "?" => Some(FrameKey::Help),
            "p" | "P" => Some(FrameKey::Projector),
            "d" | "D" => Some(FrameKey::Scheme),
            "Escape" => Some(FrameKey::Escape),
            _ => {
                let mut chars = key.chars();
                match (chars.next(), chars.next()) {
                    (Some(c @ '1'..='9'), None) => Some(FrameKey::Panel(c as usize - '1' as usize)),
                    _ => None,
                }
            }
        }
    }
}

/// Is the keyboard focus somewhere typing happens (or on a control that uses `key`)?
/// Shared by every shortcut listener of the app.
pub fn typing_target(e: &web_sys::KeyboardEvent, key: &str) -> bool {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    if matches!(tag.as_str(), "input" | "textarea" | "select") {
        return true;
    }
    if el
        .closest("[contenteditable=''], [contenteditable='true']")
        .ok()
        .flatten()
        .is_some()
    {
        return true;
    }
    // Space on a button presses that button; leave it alone.
    key == " " && (tag == "button" || el.get_attribute("role").as_deref() == Some("button"))
}

/// Listen on the document for the frame's keys (see the module doc).
#[hook]
pub fn use_frame_keys(on_key: Callback<FrameKey>) {
    let cb = use_mut_ref(|| on_key.clone());
    *cb.borrow_mut() = on_key;
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        let options = EventListenerOptions::enable_prevent_default();
        let listener =
            EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if e.ctrl_key() || e.alt_key() || e.meta_key() || e.default_prevented() {
                    return;
                }
                let key = e.key();
                if typing_target(e, &key) {
                    return;
                }
                let Some(k) = FrameKey::parse(&key) else {
                    return;
                };
                if k != FrameKey::Escape {
                    e.prevent_default();
                }
                let callback = cb.borrow().clone();
                callback.emit(k);
            });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse() {
        assert_eq!(FrameKey::parse("1"), Some(FrameKey::Panel(0)));
        assert_eq!(FrameKey::parse("9"), Some(FrameKey::Panel(8)));
        assert_eq!(FrameKey::parse("0"), None);
        assert_eq!(FrameKey::parse("10"), None);
        assert_eq!(FrameKey::parse("?"), Some(FrameKey::Help));
        assert_eq!(FrameKey::parse("P"), Some(FrameKey::Projector));
        assert_eq!(FrameKey::parse("d"), Some(FrameKey::Scheme));
        assert_eq!(FrameKey::parse("n"), None);
    }
}
