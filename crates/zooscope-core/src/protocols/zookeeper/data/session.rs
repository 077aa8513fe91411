//! Session ids, timeout negotiation and expiry, as pure functions of simulated time.
//!
//! ZooKeeper 3.8 (`SessionTrackerImpl.initializeNextSessionId`): the first id a server
//! hands out is `((elapsedMs << 24) >>> 8) | (serverId << 56)`, later ones count up by
//! one; a standalone server uses server id 1. `ZooKeeperServer.processConnectRequest`
//! clamps the requested timeout into `[minSessionTimeout, maxSessionTimeout]`, by
//! default `[2*tickTime, 20*tickTime]`. `ExpiryQueue` files sessions in `tickTime`
//! buckets: a touch at `now` moves the deadline to the next bucket boundary at or after
//! `now + timeout`, so a silent session dies between `timeout` and `timeout + tickTime`
//! after its last touch.

use serde::{Deserialize, Serialize};

/// A session id (a Java `long`, shown by zkCli in hex).
pub type SessionId = u64;

/// The server id standalone servers use for their session ids.
pub const STANDALONE_SERVER_ID: u64 = 1;

/// zkCli's requested session timeout (`-timeout` default).
pub const ZKCLI_SESSION_TIMEOUT_MS: i32 = 30_000;

/// The first session id of server `server_id` started `elapsed_ms` into the run.
pub fn initial_session_id(server_id: u64, elapsed_ms: u64) -> SessionId {
    let mut id = (elapsed_ms << 24) >> 8;
    id |= server_id << 56;
    if id == crate::protocols::zookeeper::data::stat::CONTAINER_OWNER {
        id += 1;
    }
    id
}

/// The negotiated timeout for a request of `requested_ms` (defaults 2..20 ticks).
pub fn negotiate_timeout(requested_ms: i32, tick_ms: i32) -> i32 {
    let min = tick_ms.saturating_mul(2);
    let max = tick_ms.saturating_mul(20);
    requested_ms.clamp(min, max)
}

/// The expiry deadline after a touch at `now_ms` (`ExpiryQueue.roundToNextInterval`).
pub fn expiry_deadline(now_ms: u64, timeout_ms: u64, tick_ms: u64) -> u64 {
    let t = now_ms.saturating_add(timeout_ms);
    let tick = tick_ms.max(1);
    (t / tick).saturating_add(1).saturating_mul(tick)
}

/// One session as a server's tracker sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Its id.
    pub id: SessionId,
    /// Negotiated timeout in ms.
    pub timeout_ms: i32,
    /// When it expires unless touched (ms of simulated time).
    pub deadline_ms: u64,
    /// A closeSession has been issued.
    pub closing: bool,
}

impl SessionInfo {
    /// A fresh session touched at `now_ms`.
    pub fn new(id: SessionId, timeout_ms: i32, now_ms: u64, tick_ms: u64) -> SessionInfo {
        SessionInfo {
            id,
            timeout_ms,
            deadline_ms: expiry_deadline(now_ms, timeout_ms.max(0) as u64, tick_ms),
            closing: false,
        }
    }

    /// A request or ping arrived.
    pub fn touch(&mut self, now_ms: u64, tick_ms: u64) {
        self.deadline_ms = expiry_deadline(now_ms, self.timeout_ms.max(0) as u64, tick_ms);
    }

    /// Has it expired at `now_ms`?
    pub fn expired(&self, now_ms: u64) -> bool {
        now_ms >= self.deadline_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_timeouts() {
        // 0x100000c77740000 was a real standalone session id: elapsed 0xc7774 ms.
        assert_eq!(initial_session_id(1, 0xc7774), 0x0100_000c_7774_0000);
        assert_eq!(negotiate_timeout(30_000, 2_000), 30_000);
        assert_eq!(negotiate_timeout(1_000, 2_000), 4_000);
        assert_eq!(negotiate_timeout(90_000, 2_000), 40_000);
    }

    #[test]
    fn expiry_rounds_up_to_a_tick() {
        assert_eq!(expiry_deadline(0, 4_000, 2_000), 6_000);
        assert_eq!(expiry_deadline(100, 4_000, 2_000), 6_000);
        let mut s = SessionInfo::new(1, 4_000, 0, 2_000);
        assert!(!s.expired(5_999));
        assert!(s.expired(6_000));
        s.touch(5_000, 2_000);
        assert!(!s.expired(6_000));
    }
}
