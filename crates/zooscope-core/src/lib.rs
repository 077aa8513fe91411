//! # zooscope-core
//!
//! The pure, deterministic simulation core of ZooScope. It has no web, clock, I/O or OS
//! randomness dependencies: time is [`SimTime`] passed around by the kernel, randomness
//! is one seeded [`SimRng`] forked per node, and every collection whose order can leak
//! into a trace is ordered (`BTreeMap`, `Vec`). Same seed + config + command log ⇒
//! byte-identical trace, natively and in wasm.
//!
//! * [`world::World`] — the kernel: clock, event queue, network, faults, trace, checks.
//! * [`process::Protocol`] — the sans-IO interface every protocol implements.
//! * [`timeline::Timeline`] — checkpoints and replay for rewinding and forking a run.
//! * [`repro::ReproKey`] — a run as a compact URL-safe string.
//! * [`protocols`] — the protocols that run on the kernel.
#![deny(missing_docs)]
#![warn(unreachable_pub)]

pub mod command;
pub mod compare;
pub mod experiment;
pub mod hash;
pub mod id;
pub mod inflight;
pub mod invariant;
pub mod invariants;
pub mod live;
pub mod net;
pub mod note;
pub mod process;
pub mod protocols;
pub mod queue;
pub mod repro;
pub mod rng;
pub mod scenario;
pub mod sorting;
pub mod strset;
pub mod time;
pub mod timeline;
pub mod trace;
pub mod vecmap;
pub mod view;
pub mod world;

pub use command::{Command, CommandError, CommandOf, Logged};
pub use id::{MsgId, NodeId};
pub use net::NetConfig;
pub use process::{Ctx, LinkEvent, MessageInfo, NodeInit, Protocol, Transport};
pub use repro::{KeyError, ReproKey};
pub use rng::SimRng;
pub use time::{SimDuration, SimTime};
pub use timeline::{ReplayError, ReplayRefusal, Timeline};
pub use world::{NodeState, Position, World};
