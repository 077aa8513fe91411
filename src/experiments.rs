//! The experiments page and its web worker.
//!
//! The worker runs the SAME wasm module as the page (no second copy of the core in the
//! bundle): [`client`] starts `static/experiment-worker.js`, which imports the page's own
//! wasm-bindgen glue and calls [`worker::zooscope_experiment_worker`]; the two talk in
//! [`protocol`]'s typed messages. The core computes in the worker; the chart is drawn on
//! the main thread ([`draw`], plotters cannot draw in a worker) in the page's language
//! ([`words`]); [`links`] opens the run behind a point in its lab; [`page`] is the page.

pub mod bench;
pub mod client;
pub mod draw;
pub mod links;
pub mod page;
pub mod protocol;
pub mod words;
pub mod worker;
