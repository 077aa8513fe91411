//! The data layer: what one ZooKeeper server keeps and decides, with no network in it.
//!
//! Paths, Stat, ACLs, error codes, requests and replies, transactions, the data tree,
//! watches, sessions and quotas, each as ZooKeeper 3.8.0's own classes define them
//! (`DataTree`, `PrepRequestProcessor`, `FinalRequestProcessor`, `WatchManager`,
//! `SessionTrackerImpl`, `Quotas`), plus the Java iteration orders that show in output.
//! Both the replicated servers ([`super::replication`]) and the in-memory standalone
//! server drive it.

pub mod acl;
pub mod error;
pub mod javaorder;
pub mod path;
pub mod quota;
pub mod request;
pub mod session;
pub mod stat;
pub mod tree;
pub mod txn;
pub mod watch;
