//! The messages between the experiments page and its web worker, typed and carried as
//! JSON strings (serde_json, already in the bundle): the page sends [`ToWorker`], the
//! worker answers with [`FromWorker`]. Every answer carries the run's `id`, so the page
//! drops what a cancelled or replaced run still sends.

use serde::{Deserialize, Serialize};
use zooscope_core::experiment::{Name, Params, Progress, Rows};

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Run experiment `name` over `params` (replacing any run under way).
    Start {
        /// The run's id, chosen by the page.
        id: u32,
        /// The experiment.
        name: Name,
        /// Its parameters.
        params: Params,
    },
    /// Stop run `id` between two seeds.
    Cancel {
        /// The run.
        id: u32,
    },
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker has loaded the module and listens.
    Ready,
    /// Runs finished so far.
    Progress {
        /// The run.
        id: u32,
        /// Where it is.
        progress: Progress,
    },
    /// Every run finished: the rows.
    Done {
        /// The run.
        id: u32,
        /// The rows, as the CLI gathers them.
        rows: Rows,
    },
    /// The run stopped on an error (bad parameters, a failed run).
    Failed {
        /// The run.
        id: u32,
        /// The core's message.
        error: String,
    },
    /// The run was cancelled.
    Cancelled {
        /// The run.
        id: u32,
    },
}

/// The JSON text of a message.
pub fn encode<T: Serialize>(msg: &T) -> String {
    serde_json::to_string(msg).unwrap_or_default()
}

/// A message from its JSON text (None for anything else).
pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}
