//! The election lab (`#/lab`): a live ZooKeeper ensemble the learner can play, step,
//! rewind, break and share.
//!
//! * [`session`]: the run itself (a `Timeline<ZkNode>`) and every operation on it;
//! * [`setup`]: ensemble size, observers, clients, seed, zoo.cfg;
//! * [`view`]: what the cluster view draws (cards, messages, geometry, narration);
//! * [`share`]: links, run files, and the words for bad ones;
//! * [`run`]: the lab's reducer ([`run::LabState`] takes every [`event::LabEvent`]);
//!   [`state`]: its UI part; [`derive`]: the views derived from the run, cached;
//! * [`hooks`]: animation frames, keys, clipboard;
//! * [`app`]: the page, a [`crate::frame::LabFrame`] filled with small components
//!   ([`cluster`], [`controls`], [`inspector`], [`history`], [`tools`],
//!   [`scenario_card`], [`notice`]);
//! * [`command`]: [`command::LabCommand`], what panels ask the page to do;
//! * [`event`]: [`event::LabEvent`], everything the page itself is asked to do;
//! * [`panels`]: the ZooKeeper panels (ballot box, ZAB, data, console, invariants);
//! * [`debug`]: read-only test hooks exported to JavaScript.

pub mod app;
pub mod cluster;
pub mod command;
pub mod controls;
pub mod debug;
pub mod derive;
pub mod event;
pub mod history;
pub mod hooks;
pub mod inspector;
pub mod layout;
pub mod message_canvas;
pub mod notice;
pub mod panels;
pub mod run;
pub mod scenario_card;
pub mod scenarios;
pub mod session;
pub mod setup;
pub mod share;
pub mod state;
pub mod tools;
pub mod view;
