//! The simulated network: latency, loss, duplication, partitions, clogging and
//! TCP-like stream connections.
//!
//! *Latency* of every message is `min + Exp(mean)` microseconds drawn from the network's
//! own random stream (TigerBeetle's packet simulator and turmoil use the same shape).
//! *Streams* are FIFO per direction: a message never overtakes an earlier one on the same
//! connection. A connection exists between two nodes only after one of them connected;
//! a crash of either end or a partition between them breaks it and loses what was in
//! flight, and only an explicit new connect makes a new one. *Datagrams* travel
//! independently and may be lost, duplicated and reordered. A *partition* blocks
//! directed pairs; a *clog* holds messages on a path until it is unclogged.

use crate::id::NodeId;
use crate::time::{SimDuration, SimTime};
use crate::vecmap::{VecMap, VecSet};
use serde::{Deserialize, Serialize};

/// Network parameters, part of every reproduction key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NetConfig {
    /// Minimum one-way delay, µs.
    pub delay_us_min: u64,
    /// Mean of the exponential part of the one-way delay, µs.
    pub delay_us_mean: u64,
    /// Datagram loss probability, per mille.
    pub loss_permille: u32,
    /// Datagram duplication probability, per mille.
    pub duplicate_permille: u32,
    /// How long a connect to an unreachable host takes to fail, µs.
    pub connect_timeout_us: u64,
    /// At most this many messages in flight at once; beyond it new sends are dropped
    /// ("the path is full", as in TigerBeetle's `path_maximum_capacity`).
    pub in_flight_max: u32,
}

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            delay_us_min: 1_000,
            delay_us_mean: 2_000,
            loss_permille: 0,
            duplicate_permille: 0,
            connect_timeout_us: 1_000_000,
            in_flight_max: 100_000,
        }
    }
}

impl NetConfig {
    /// Check the parameters are sane; an error names the bad field.
    pub fn validate(&self) -> Result<(), String> {
        if self.loss_permille > 1_000 {
            return Err(format!("loss {}‰ is over 1000‰", self.loss_permille));
        }
        if self.duplicate_permille > 1_000 {
            return Err(format!(
                "duplication {}‰ is over 1000‰",
                self.duplicate_permille
            ));
        }
        let ten_minutes = 600_000_000;
        if self.delay_us_min > ten_minutes || self.delay_us_mean > ten_minutes {
            return Err("delays over ten minutes are not supported".into());
        }
        if self.connect_timeout_us > ten_minutes {
            return Err("a connect timeout over ten minutes is not supported".into());
        }
        if self.in_flight_max == 0 || self.in_flight_max > 1_000_000 {
            return Err("in_flight_max must be between 1 and 1000000".into());
        }
        Ok(())
    }
}

/// One stream connection between an unordered pair of nodes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Connection {
    /// Whether the connection is established.
    pub up: bool,
    /// Bumped whenever the connection is (re)made or broken; in-flight messages carry the
    /// generation they were sent on and are lost if it has changed.
    pub generation: u32,
}

/// The mutable state of the network (what partitions and connections exist).
#[derive(Clone, Debug, Default, Hash)]
pub struct NetState {
    /// Directed pairs that cannot communicate.
    pub blocked: VecSet<(NodeId, NodeId)>,
    /// Directed paths whose messages are held.
    pub clogged: VecSet<(NodeId, NodeId)>,
    /// Stream connections by (lower id, higher id).
    pub connections: VecMap<(NodeId, NodeId), Connection>,
    /// The delivery time of the last stream message per direction (keeps FIFO order).
    pub stream_tail: VecMap<(NodeId, NodeId), SimTime>,
}

/// The key of the connection between `a` and `b`.
pub fn pair(a: NodeId, b: NodeId) -> (NodeId, NodeId) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

impl NetState {
    /// Can a message go from `from` to `to` right now?
    pub fn reachable(&self, from: NodeId, to: NodeId) -> bool {
        from == to || !self.blocked.contains(&(from, to))
    }

    /// Can the two talk both ways (what a TCP connection needs)?
    pub fn reachable_both(&self, a: NodeId, b: NodeId) -> bool {
        self.reachable(a, b) && self.reachable(b, a)
    }

    /// The connection between two nodes (a down default if never made).
    pub fn connection(&self, a: NodeId, b: NodeId) -> Connection {
        self.connections
            .get(&pair(a, b))
            .copied()
            .unwrap_or_default()
    }

    /// Mark the connection established with a fresh generation; returns the generation.
    pub fn open(&mut self, a: NodeId, b: NodeId) -> u32 {
        let c = self.connections.entry(pair(a, b)).or_default();
        c.generation = c.generation.wrapping_add(1);
        c.up = true;
        c.generation
    }

    /// Break the connection (losing what was in flight); returns whether it was up.
    pub fn break_connection(&mut self, a: NodeId, b: NodeId) -> bool {
        let c = self.connections.entry(pair(a, b)).or_default();
        let was_up = c.up;
        c.up = false;
        c.generation = c.generation.wrapping_add(1);
        was_up
    }

    /// Close the connection politely: no new sends, in-flight messages still arrive.
    pub fn close(&mut self, a: NodeId, b: NodeId) -> bool {
        match self.connections.get_mut(&pair(a, b)) {
            Some(c) if c.up => {
                c.up = false;
                true
            }
            _ => false,
        }
    }

    /// The earliest a new stream message from `from` to `to` may arrive, given it would
    /// otherwise arrive at `natural`; records it as the new tail.
    pub fn fifo_deliver_at(&mut self, from: NodeId, to: NodeId, natural: SimTime) -> SimTime {
        let tail = self.stream_tail.entry((from, to)).or_insert(SimTime::ZERO);
        let at = natural.max(*tail);
        *tail = at;
        at
    }

    /// Split the nodes into groups that cannot reach each other (symmetric partition).
    /// Nodes named in no group form a group of their own with each other.
    pub fn partition(&mut self, groups: &[Vec<NodeId>], all: &[NodeId]) {
        let mut group_of: VecMap<NodeId, usize> = VecMap::new();
        for (g, members) in groups.iter().enumerate() {
            for &n in members {
                group_of.insert(n, g);
            }
        }
        let rest = groups.len();
        for &a in all {
            for &b in all {
                let ga = group_of.get(&a).copied().unwrap_or(rest);
                let gb = group_of.get(&b).copied().unwrap_or(rest);
                if a != b && ga != gb {
                    self.blocked.insert((a, b));
                }
            }
        }
    }

    /// Connections that a new set of blocked pairs has broken.
    pub fn connections_now_blocked(&self) -> Vec<(NodeId, NodeId)> {
        self.connections
            .iter()
            .filter(|(&(a, b), c)| c.up && !self.reachable_both(a, b))
            .map(|(&k, _)| k)
            .collect()
    }
}

/// One-way delay drawn for a message.
pub fn draw_delay(cfg: &NetConfig, rng: &mut crate::rng::SimRng) -> SimDuration {
    SimDuration(cfg.delay_us_min + rng.exponential_us(cfg.delay_us_mean))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_blocks_across_groups_only() {
        let all: Vec<NodeId> = (0..4).map(NodeId).collect();
        let mut net = NetState::default();
        net.partition(&[vec![NodeId(0), NodeId(1)], vec![NodeId(2)]], &all);
        assert!(net.reachable_both(NodeId(0), NodeId(1)));
        assert!(!net.reachable(NodeId(0), NodeId(2)));
        assert!(
            !net.reachable(NodeId(2), NodeId(3)),
            "unnamed node 3 is its own group"
        );
        assert!(!net.reachable(NodeId(3), NodeId(1)));
    }

    #[test]
    fn fifo_never_reorders() {
        let mut net = NetState::default();
        let a = NodeId(0);
        let b = NodeId(1);
        assert_eq!(net.fifo_deliver_at(a, b, SimTime(50)), SimTime(50));
        assert_eq!(net.fifo_deliver_at(a, b, SimTime(20)), SimTime(50));
        assert_eq!(net.fifo_deliver_at(b, a, SimTime(20)), SimTime(20));
    }

    #[test]
    fn connections_have_generations() {
        let mut net = NetState::default();
        let g1 = net.open(NodeId(2), NodeId(1));
        assert!(net.connection(NodeId(1), NodeId(2)).up);
        assert!(net.break_connection(NodeId(1), NodeId(2)));
        let c = net.connection(NodeId(1), NodeId(2));
        assert!(!c.up);
        assert_ne!(c.generation, g1);
    }

    #[test]
    fn validate_rejects_nonsense() {
        let mut c = NetConfig::default();
        assert!(c.validate().is_ok());
        c.loss_permille = 1_001;
        assert!(c.validate().unwrap_err().contains("loss"));
    }
}
