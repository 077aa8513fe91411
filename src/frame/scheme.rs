//! The colour scheme: light or dark, following `prefers-color-scheme` until the learner
//! picks one with the toggle (the choice is kept in `localStorage`). The scheme is the
//! `data-scheme` attribute of `<html>`; the stylesheets switch their colour variables
//! on it (static/frame.css) and the message canvas re-reads them when it changes.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the learner's choice is kept.
pub const STORAGE_KEY: &str = "zooscope.scheme";
/// The attribute of `<html>` that carries the scheme.
pub const ATTRIBUTE: &str = "data-scheme";

/// A colour scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Dark ink on light paper.
    Light,
    /// Light ink on dark paper.
    Dark,
}

impl Scheme {
    /// The attribute / storage value.
    pub fn code(self) -> &'static str {
        match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        }
    }

    /// Read a stored value.
    pub fn parse(text: &str) -> Option<Scheme> {
        match text.trim() {
            "light" => Some(Scheme::Light),
            "dark" => Some(Scheme::Dark),
            _ => None,
        }
    }

    /// The other scheme.
    pub fn other(self) -> Scheme {
        match self {
            Scheme::Light => Scheme::Dark,
            Scheme::Dark => Scheme::Light,
        }
    }
}

/// The learner's saved choice, if any.
pub fn saved() -> Option<Scheme> {
    let storage = gloo::utils::window().local_storage().ok().flatten()?;
    Scheme::parse(&storage.get_item(STORAGE_KEY).ok().flatten()?)
}

/// The `(prefers-color-scheme: dark)` media query list, if the browser has one.
fn dark_query() -> Option<web_sys::MediaQueryList> {
    gloo::utils::window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

/// What the system asks for.
pub fn system() -> Scheme {
    match dark_query().is_some_and(|q| q.matches()) {
        true => Scheme::Dark,
        false => Scheme::Light,
    }
}

/// The scheme in effect: the saved choice, else the system's.
pub fn effective() -> Scheme {
    saved().unwrap_or_else(system)
}

/// Put `s` on `<html>`.
pub fn apply(s: Scheme) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute(ATTRIBUTE, s.code());
    }
}

/// Apply the scheme in effect (called once at start-up, before the first render).
pub fn start() {
    apply(effective());
}

/// Save and apply the learner's choice.
pub fn choose(s: Scheme) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.set_item(STORAGE_KEY, s.code());
    }
    apply(s);
}

/// The scheme in effect as state: follows the system while nothing is saved, and
/// returns a callback that flips and saves it.
#[hook]
pub fn use_scheme() -> (Scheme, Callback<()>) {
    let scheme = use_state(effective);
    {
        let scheme = scheme.clone();
        use_effect_with((), move |_| {
            let listener = dark_query().map(|q| {
                let target: web_sys::EventTarget = q.unchecked_into();
                EventListener::new(&target, "change", move |_| {
                    if saved().is_none() {
                        let s = system();
                        apply(s);
                        scheme.set(s);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let flip = {
        let scheme = scheme.clone();
        Callback::from(move |()| {
            let next = current_attribute().unwrap_or(*scheme).other();
            choose(next);
            scheme.set(next);
        })
    };
    (*scheme, flip)
}

/// The scheme `<html>` carries now (another toggle may have changed it).
fn current_attribute() -> Option<Scheme> {
    let root = gloo::utils::document().document_element()?;
    Scheme::parse(&root.get_attribute(ATTRIBUTE)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in [Scheme::Light, Scheme::Dark] {
            assert_eq!(Scheme::parse(s.code()), Some(s));
            assert_eq!(s.other().other(), s);
        }
        assert_eq!(Scheme::parse("blue"), None);
    }
}
