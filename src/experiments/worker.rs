//! The experiment runner inside the web worker. `static/experiment-worker.js` (a module
//! worker) imports the page's own wasm-bindgen glue, initialises the same wasm module as
//! the page (whose start function does nothing without a `window`) and calls
//! [`zooscope_experiment_worker`], which listens for [`ToWorker`] messages.
//!
//! A run goes through [`Runner::step`] in slices of about [`SLICE_MS`] of wall time;
//! after each slice it posts its progress and yields to the worker's event loop with a
//! zero timeout, so a `Cancel` is read between two slices.

use super::protocol::{decode, encode, FromWorker, ToWorker};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
use zooscope_core::experiment::Runner;

/// Wall time of one slice of steps, ms.
pub const SLICE_MS: f64 = 40.0;

struct Job {
    id: u32,
    runner: Runner,
}

thread_local! {
    static JOB: RefCell<Option<Job>> = const { RefCell::new(None) };
    static TICK: RefCell<Option<Closure<dyn FnMut()>>> = const { RefCell::new(None) };
}

fn scope() -> Option<DedicatedWorkerGlobalScope> {
    js_sys::global()
        .dyn_into::<DedicatedWorkerGlobalScope>()
        .ok()
}

fn post(msg: &FromWorker) {
    if let Some(s) = scope() {
        let _ = s.post_message(&JsValue::from_str(&encode(msg)));
    }
}

fn schedule() {
    let Some(s) = scope() else { return };
    TICK.with(|t| {
        if let Some(f) = t.borrow().as_ref() {
            let _ = s.set_timeout_with_callback_and_timeout_and_arguments_0(
                f.as_ref().unchecked_ref(),
                0,
            );
        }
    });
}

/// Run one slice of the current job; post what happened.
fn slice() {
    let started = js_sys::Date::now();
    let mut again = false;
    JOB.with(|j| {
        let mut slot = j.borrow_mut();
        let Some(job) = slot.as_mut() else { return };
        let mut last = None;
        while js_sys::Date::now() - started < SLICE_MS {
            match job.runner.step() {
                Some(Ok(p)) => last = Some(p),
                Some(Err(e)) => {
                    post(&FromWorker::Failed {
                        id: job.id,
                        error: e.to_string(),
                    });
                    *slot = None;
                    return;
                }
                None => break,
            }
        }
        if let Some(progress) = last {
            post(&FromWorker::Progress {
                id: job.id,
                progress,
            });
        }
        if job.runner.finished() {
            post(&FromWorker::Done {
                id: job.id,
                rows: job.runner.rows().clone(),
            });
            *slot = None;
        } else {
            again = true;
        }
    });
    if again {
        schedule();
    }
}

fn on_message(text: &str) {
    match decode::<ToWorker>(text) {
        Some(ToWorker::Start { id, name, params }) => match Runner::new(name, params) {
            Ok(runner) => {
                JOB.with(|j| *j.borrow_mut() = Some(Job { id, runner }));
                schedule();
            }
            Err(e) => post(&FromWorker::Failed {
                id,
                error: e.to_string(),
            }),
        },
        Some(ToWorker::Cancel { id }) => {
            let was = JOB.with(|j| {
                let mut slot = j.borrow_mut();
                let hit = slot.as_ref().is_some_and(|job| job.id == id);
                if hit {
                    *slot = None;
                }
                hit
            });
            if was {
                post(&FromWorker::Cancelled { id });
            }
        }
        None => {}
    }
}

/// The worker's entry: listen for the page's messages. Does nothing outside a worker.
#[wasm_bindgen]
pub fn zooscope_experiment_worker() {
    let Some(s) = scope() else { return };
    TICK.with(|t| *t.borrow_mut() = Some(Closure::new(slice)));
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        if let Some(text) = e.data().as_string() {
            on_message(&text);
        }
    });
    s.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&FromWorker::Ready);
}
