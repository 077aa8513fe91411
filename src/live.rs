//! Live mode: the `#/live` page's link to `zooscope bridge` and what it keeps of the
//! snapshots it receives. The snapshot types are the core's
//! (`zooscope_core::live`); the page itself is [`crate::pages::live`].
//!
//! * [`link`] — the WebSocket to the bridge, as a hook.
//! * [`history`] — the timeline: leaders, epochs, zxid rate, servers going down and back.
//! * [`cards`] — a snapshot as the election lab's cluster view draws it.

pub mod cards;
pub mod history;
pub mod link;
