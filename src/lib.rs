//! # zooscope-web
//!
//! The ZooScope web app: a Yew 0.23 single-page app over the pure simulation core
//! (`zooscope-core`). Everything the learner reads goes through [`i18n`]; the routes are
//! in [`route`]; [`panic`] turns a Rust panic into a readable, bilingual error page.
//!
//! The library holds the whole app so `tests/web.rs` (wasm-bindgen-test, in a real
//! browser) can mount its components; `main.rs` only starts it.

pub mod app;
pub mod catalogue;
pub mod compare_lab;
pub mod components;
pub mod course;
pub mod experiments;
pub mod frame;
pub mod i18n;
pub mod lab;
pub mod lang_ctx;
pub mod lang_pref;
pub mod live;
pub mod locks;
pub mod pages;
pub mod panic;
pub mod route;

/// Id of the element the app mounts into (falls back to `<body>`).
pub const MOUNT_ID: &str = "app";

/// Install the panic overlay and render the app. Does nothing without a `window` (the
/// experiments' web worker loads this same module, see [`experiments`]).
pub fn start() {
    if web_sys::window().is_none() {
        return;
    }
    panic::install();
    frame::scheme::start();
    let document = gloo::utils::document();
    match document.get_element_by_id(MOUNT_ID) {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}
