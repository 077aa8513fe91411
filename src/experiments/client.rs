//! The page's side of the worker: start `static/experiment-worker.js` as a module
//! worker, hand it the URLs of the page's own wasm-bindgen glue and wasm file (read
//! from the preload links Trunk writes into `index.html`), hold messages back until it
//! says [`FromWorker::Ready`], and deliver its answers to a callback.

use super::protocol::{decode, encode, FromWorker, ToWorker};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlLinkElement, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// The worker script, relative to the page's base URL.
pub const WORKER_SCRIPT: &str = "experiment-worker.js";

struct State {
    ready: bool,
    queue: Vec<String>,
}

/// A running worker.
pub struct WorkerLink {
    worker: Worker,
    state: Rc<RefCell<State>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

fn href(selector: &str) -> Option<String> {
    gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlLinkElement>().ok())
        .map(|l| l.href())
}

impl WorkerLink {
    /// Start the worker; its answers go to `on`. None when the browser cannot.
    pub fn start(on: Callback<FromWorker>) -> Option<Self> {
        let glue = href("link[rel=modulepreload][href$='.js']")?;
        let wasm = href("link[rel=preload][href$='.wasm']")?;
        let base = gloo::utils::document().base_uri().ok().flatten()?;
        let url = web_sys::Url::new_with_base(WORKER_SCRIPT, &base)
            .ok()?
            .href();
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&url, &opts).ok()?;
        let state = Rc::new(RefCell::new(State {
            ready: false,
            queue: Vec::new(),
        }));
        let on_message = {
            let state = state.clone();
            let worker = worker.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let Some(msg) = e.data().as_string().and_then(|t| decode::<FromWorker>(&t)) else {
                    return;
                };
                if msg == FromWorker::Ready {
                    let mut s = state.borrow_mut();
                    s.ready = true;
                    for m in s.queue.drain(..) {
                        let _ = worker.post_message(&JsValue::from_str(&m));
                    }
                    return;
                }
                on.emit(msg);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let urls = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&urls, &"glue".into(), &glue.into());
        let _ = js_sys::Reflect::set(&urls, &"wasm".into(), &wasm.into());
        worker.post_message(&urls).ok()?;
        Some(WorkerLink {
            worker,
            state,
            _on_message: on_message,
        })
    }

    /// Send a message (held back until the worker is ready).
    pub fn send(&self, msg: &ToWorker) {
        let text = encode(msg);
        let mut s = self.state.borrow_mut();
        if s.ready {
            let _ = self.worker.post_message(&JsValue::from_str(&text));
        } else {
            s.queue.push(text);
        }
    }
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
