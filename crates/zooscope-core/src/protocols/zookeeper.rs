//! ZooKeeper 3.8, modelled for the simulator: the data layer, the replicated servers and
//! the clients.
//!
//! Every rule follows the 3.8.0 sources and is checked against a real 3.8.0 server
//! through recorded zkCli sessions (`tests/zkcli/`) and ensemble scenarios
//! (`tests/scenarios/`). The rooms, read bottom-up:
//!
//! * [`data`] — what one server keeps and decides, with no network in it:
//!   [`data::tree::DataTree`] validates a write into a [`data::txn::Txn`] in
//!   `PrepRequestProcessor` order (an invalid write becomes an error txn that still takes
//!   a zxid) and applies txns, returning the reply and the [`data::watch::WatchTrigger`]s;
//!   [`data::watch::WatchManager`] turns those into notifications; requests, replies and
//!   error texts, sessions, ACLs, quotas and the Java iteration orders that show in output.
//! * [`msg`] and [`timer`] — what servers and clients send each other, the timers they
//!   set, and [`timer::ZkProcess`], the kernel context both act through.
//! * [`replication`] — the servers: `zoo.cfg`, Fast Leader Election with its ballot box,
//!   ZAB (discovery, synchronization, broadcast), the server process, the four-letter
//!   words and the in-memory standalone server.
//! * [`client`] — the Java client library's own rules and [`client::library::ZkClientApi`],
//!   the client process (connect, reconnect, ping), the blocking [`client::driver`] that
//!   scripts and consoles use, and zkCli.
//! * [`note`] — [`note::ZkNote`], what servers and clients explain in the trace, as data.
//! * [`node`] — [`node::ZkNode`], the `Protocol` a world runs: a server or a client.
//! * [`violation`] — [`violation::ViolationDetail`], what the invariant checkers report.
//! * [`lab_view`] — the view models of the lab's ZooKeeper panels, computed from a world.

pub mod client;
pub mod data;
pub mod lab_view;
pub mod msg;
pub mod node;
pub mod note;
pub mod replication;
pub mod timer;
pub mod violation;
