//! Browser plumbing of the lab: the requestAnimationFrame loop, keyboard shortcuts,
//! `prefers-reduced-motion`, the clipboard and file download.

use crate::frame::keys::typing_target;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Longest frame time fed to the simulation (a background tab must not cause a jump).
pub const DT_MAX_MS: f64 = 100.0;

type FrameSlot = Rc<RefCell<Option<AnimationFrame>>>;

fn schedule(slot: FrameSlot, cb: Rc<RefCell<Callback<f64>>>, last: Option<f64>) {
    let next_slot = slot.clone();
    let frame = request_animation_frame(move |ts| {
        let dt = last.map_or(1000.0 / 60.0, |l| (ts - l).clamp(0.0, DT_MAX_MS));
        let callback = cb.borrow().clone();
        callback.emit(dt);
        // Only keep going if nobody stopped the loop during the callback.
        if next_slot.borrow().is_some() {
            schedule(next_slot, cb, Some(ts));
        }
    });
    *slot.borrow_mut() = Some(frame);
}

/// While `active`, call `on_frame(dt_ms)` once per animation frame. Stopping (or
/// unmounting) cancels the pending frame, so a paused lab costs no CPU.
#[hook]
pub fn use_animation_frames(active: bool, on_frame: Callback<f64>) {
    let cb = use_mut_ref(|| on_frame.clone());
    *cb.borrow_mut() = on_frame;
    use_effect_with(active, move |active| {
        let slot: FrameSlot = Rc::new(RefCell::new(None));
        if *active {
            schedule(slot.clone(), cb, None);
        }
        move || {
            slot.borrow_mut().take();
        }
    });
}

/// The shortcuts of the lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Space.
    PlayPause,
    /// Right arrow.
    Step,
    /// N.
    Next,
}

/// Listen for Space / → / N on the document, ignoring keys typed into fields and keys
/// with modifiers.
#[hook]
pub fn use_shortcuts(on_key: Callback<Shortcut>) {
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
                let shortcut = match key.as_str() {
                    " " | "Spacebar" => Shortcut::PlayPause,
                    "ArrowRight" => Shortcut::Step,
                    "n" | "N" => Shortcut::Next,
                    _ => return,
                };
                e.prevent_default();
                let callback = cb.borrow().clone();
                callback.emit(shortcut);
            });
        move || drop(listener)
    });
}

/// Does the learner prefer reduced motion?
pub fn prefers_reduced_motion() -> bool {
    let window = gloo::utils::window();
    let Ok(match_media) = js_sys::Reflect::get(&window, &JsValue::from_str("matchMedia")) else {
        return false;
    };
    let Some(f) = match_media.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    f.call1(
        &window,
        &JsValue::from_str("(prefers-reduced-motion: reduce)"),
    )
    .ok()
    .and_then(|mql| js_sys::Reflect::get(&mql, &JsValue::from_str("matches")).ok())
    .and_then(|m| m.as_bool())
    .unwrap_or(false)
}

/// Copy `text` to the clipboard; `done(true)` on success, `done(false)` otherwise.
pub fn copy_to_clipboard(text: &str, done: Callback<bool>) {
    let window = gloo::utils::window();
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    let write = clipboard.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &JsValue::from_str("writeText"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    });
    let (Some(clipboard), Some(write)) = (clipboard, write) else {
        done.emit(false);
        return;
    };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else {
        done.emit(false);
        return;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        done.emit(false);
        return;
    };
    type Handler = wasm_bindgen::closure::Closure<dyn FnMut(JsValue)>;
    let ok = {
        let done = done.clone();
        Handler::once(move |_: JsValue| done.emit(true))
    };
    let fail = Handler::once(move |_: JsValue| done.emit(false));
    let _ = promise.then2(&ok, &fail);
    // Each runs at most once; the two small closures are left to the JS side.
    ok.forget();
    fail.forget();
}

/// Offer `text` as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let blob = gloo::file::Blob::new_with_options(text, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let Ok(a) = document.create_element("a") else {
        return;
    };
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    let _ = a.set_attribute("class", "visually-hidden");
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
        if let Ok(el) = a.clone().dyn_into::<web_sys::HtmlElement>() {
            el.click();
        }
        let _ = body.remove_child(&a);
    }
    // Give the browser a moment to start the download before the URL is revoked.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
}
