//! The clients: the Java client library's own rules, the client process, and zkCli.
//!
//! [`library`] is what `ZooKeeper.java` decides on its side (path checks, its watch
//! registry) and the [`library::ZkClientApi`] a shell runs against; [`connection`] is the
//! simulated client process (`ClientCnxn`: connect, reconnect, ping, carry requests);
//! [`driver`] runs a world until a reply arrives, for scripts and consoles; [`zkcli`] is
//! zkCli.sh itself; [`curator`] is Apache Curator's recipes over the same client.

pub mod connection;
pub mod curator;
pub mod driver;
pub mod library;
pub mod zkcli;
