//! ZooKeeper 3.8, modelled for the simulator: the data layer and zkCli.
//!
//! The data layer is a deterministic re-implementation of what one ZooKeeper server
//! keeps and decides, following the 3.8.0 sources (`DataTree`, `PrepRequestProcessor`,
//! `FinalRequestProcessor`, `WatchManager`, `ContainerManager`) and checked against a
//! real 3.8.0 server through recorded zkCli sessions (`tests/zkcli/`). The replication
//! layer (election, ZAB) drives it through this API:
//!
//! * [`tree::DataTree`]: `prepare`/`prepare_with` (validate a write into a
//!   [`txn::Txn`], an error txn when invalid - it still takes a zxid; `_with` takes a
//!   [`tree::Caller`] carrying the connection's auth ids from
//!   [`acl::AuthInfo::ids`], the plain forms assume none), `apply`
//!   (returns [`tree::Applied`] with the reply and the [`watch::WatchTrigger`]s),
//!   `read`/`read_with`, `last_zxid`, `digest` (fingerprint for "servers that are up to
//!   date hold identical trees"), `is_write`, `nodes`/`get`/`stat` for the UI, and
//!   `reap_candidates` for the leader's container/TTL reaper. A leader with several
//!   proposals in flight prepares against a speculative clone that it applies each
//!   prepared txn to.
//! * [`request`]: [`request::ZkRequest`], [`request::ZkResponse`], [`request::Op`],
//!   `wire_len` against [`request::JUTE_MAX_BUFFER`].
//! * [`error::ZkError`]: codes and the texts clients print.
//! * [`watch::WatchManager`]: per-server watch tables; `register_for(session, req,
//!   resp)` after a read, `trigger(&WatchTrigger)` after an apply, returning
//!   `(session, WatchedEvent)` deliveries; `remove`, `remove_session`.
//! * [`session`]: session ids, timeout negotiation, tick-bucketed expiry.
//! * [`acl`]: schemes, `AuthInfo` (a connection's ids), checks. [`quota`]: quota
//!   bookkeeping (`/zookeeper/quota`).
//! * [`client`]: what the Java client library does on its side - path checks, its own
//!   watch registry (which events reach the default watcher, `removeWatches`' local
//!   checks) - and the [`client::ZkClientApi`] trait zkCli runs against.
//! * [`standalone::StandaloneServer`]: one in-memory standalone server plus zkCli's
//!   client connection, with a simulated clock; zxids as a real standalone server
//!   assigns them.
//! * [`zkcli::Shell`]: zkCli.sh's command line, option parsing and output: `start`
//!   (banner + connect), `execute`/`execute_lines` (one input line), `exited`;
//!   [`zkcli::sleep_directive`] recognises ZooScope's `#! sleep <ms>` lines.

pub mod acl;
pub mod client;
pub mod error;
pub mod javaorder;
pub mod path;
pub mod quota;
pub mod request;
pub mod session;
pub mod standalone;
pub mod stat;
pub mod tree;
pub mod txn;
pub mod watch;
pub mod zkcli;

// Replication layer (election, ZAB, servers, clients): see `node` for the protocol type.
pub mod client_node;
pub mod config;
pub mod db;
pub mod driver;
pub mod election;
pub mod fourlw;
pub mod lab_view;
pub mod links;
pub mod msg;
pub mod node;
pub mod server;
pub mod vote;
pub mod zab;
