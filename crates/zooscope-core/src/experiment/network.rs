//! The network an experiment's ensemble runs on.
//!
//! `Lab` is the lab's default network (1 ms + Exp(2 ms) per message). `Loopback` stands
//! for real ZooKeeper servers on one machine: a message between two JVMs on 127.0.0.1
//! takes some 5–15 ms from the sender's log line to the receiver's (loopback plus the
//! sender's and receiver's worker threads), read off the server logs of the failovers
//! recorded in `tests/failover/` — modelled as 3 ms + Exp(6 ms). The failover comparison
//! with real ZooKeeper runs on it.

use crate::net::NetConfig;
use serde::{Deserialize, Serialize};

/// Which network.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Network {
    /// The lab's default.
    #[default]
    Lab,
    /// Real servers on loopback (JVM thread hops included).
    Loopback,
}

impl Network {
    /// The name on the command line and in CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Network::Lab => "lab",
            Network::Loopback => "loopback",
        }
    }

    /// The network called `s`.
    pub fn parse(s: &str) -> Option<Network> {
        [Network::Lab, Network::Loopback]
            .into_iter()
            .find(|n| n.as_str() == s)
    }

    /// Its kernel network parameters.
    pub fn config(self) -> NetConfig {
        match self {
            Network::Lab => NetConfig::default(),
            Network::Loopback => NetConfig {
                delay_us_min: 3_000,
                delay_us_mean: 6_000,
                ..NetConfig::default()
            },
        }
    }
}
