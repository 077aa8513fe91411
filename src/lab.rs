//! The election lab (`#/lab`): a live ZooKeeper ensemble the learner can play, step,
//! rewind, break and share.
//!
//! * [`session`]: the run itself (a `Timeline<ZkNode>`) and every operation on it;
//! * [`setup`]: ensemble size, observers, clients, seed, zoo.cfg;
//! * [`view`]: what the cluster view draws (cards, messages, geometry, narration);
//! * [`share`]: links, run files, and the words for bad ones;
//! * [`state`]: the UI reducer; [`hooks`]: animation frames, keys, clipboard;
//! * [`app`]: the page body that ties them together, with its views
//!   ([`cluster`], [`controls`], [`inspector`], [`history`], [`tools`]);
//! * [`command`]: [`command::LabCommand`], what panels ask the page to do;
//! * [`event`]: [`event::LabEvent`], everything the page itself is asked to do;
//! * [`panels`]: the ZooKeeper panels (ballot box, ZAB, data, console, invariants);
//! * [`debug`]: read-only test hooks exported to JavaScript.

pub mod app;
pub mod cluster;
pub mod command;
pub mod controls;
pub mod debug;
pub mod event;
pub mod history;
pub mod hooks;
pub mod inspector;
pub mod message_canvas;
pub mod panels;
pub mod scenarios;
pub mod session;
pub mod setup;
pub mod share;
pub mod state;
pub mod tools;
pub mod view;
