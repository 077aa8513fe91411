//! The election lab (`#/lab`): a live ZooKeeper ensemble the learner can play, step,
//! rewind, break and share.
//!
//! * [`command`]: [`command::LabCommand`], what panels ask the page to do.
//! * [`setup`]: ensemble size, observers, clients, seed, zoo.cfg.
//! * [`session`]: the run itself (a `Timeline<ZkNode>`) and every operation on it.
//! * [`panels`]: ZooKeeper-specific panels (ballot box, ZAB, data, invariants).

pub mod command;
pub mod panels;
pub mod session;
pub mod setup;
