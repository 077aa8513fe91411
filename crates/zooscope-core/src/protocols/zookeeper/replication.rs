//! The servers: configuration, Fast Leader Election, ZAB and the server process.
//!
//! A server ([`server::ZkServer`], ZooKeeper's `QuorumPeer`) reads its `zoo.cfg`
//! ([`config`]), looks for a leader with Fast Leader Election ([`vote`], [`election`]),
//! then runs ZAB as leader, follower or observer ([`zab`]) over on-demand stream
//! connections to its peers ([`links`]), applying committed transactions to its database
//! ([`db`]) and answering the four-letter words ([`fourlw`]). [`standalone`] is the
//! single-server mode zkCli recordings are made against.

pub mod config;
pub mod db;
pub mod election;
pub mod fourlw;
pub mod links;
pub mod server;
pub mod standalone;
pub mod vote;
pub mod zab;
