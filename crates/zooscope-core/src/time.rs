//! Virtual time. The kernel owns the clock; nothing in the core reads a wall clock.
//!
//! `SimTime` counts microseconds since the start of a run. It is a plain `u64`, so it
//! behaves identically on every target (wasm32 included) and can be hashed into traces.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A point in simulated time, in microseconds since the run began.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct SimTime(pub u64);

/// A span of simulated time, in microseconds.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct SimDuration(pub u64);

impl SimTime {
    /// The start of every run.
    pub const ZERO: SimTime = SimTime(0);

    /// Microseconds since the start.
    pub fn as_micros(self) -> u64 {
        self.0
    }

    /// Milliseconds since the start (truncated).
    pub fn as_millis(self) -> u64 {
        self.0 / 1_000
    }

    /// This time plus a duration, saturating at the end of time.
    pub fn after(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }

    /// The duration since an earlier time (zero if `earlier` is later).
    pub fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }
}

impl SimDuration {
    /// No time at all.
    pub const ZERO: SimDuration = SimDuration(0);

    /// A duration of `us` microseconds.
    pub const fn from_micros(us: u64) -> Self {
        SimDuration(us)
    }

    /// A duration of `ms` milliseconds.
    pub const fn from_millis(ms: u64) -> Self {
        SimDuration(ms * 1_000)
    }

    /// A duration of `s` seconds.
    pub const fn from_secs(s: u64) -> Self {
        SimDuration(s * 1_000_000)
    }

    /// Microseconds in this duration.
    pub fn as_micros(self) -> u64 {
        self.0
    }
}

impl fmt::Display for SimTime {
    /// `12.345678s`: seconds with microsecond precision, as the event log shows it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:06}s", self.0 / 1_000_000, self.0 % 1_000_000)
    }
}

impl fmt::Display for SimDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 % 1_000_000 == 0 {
            write!(f, "{}s", self.0 / 1_000_000)
        } else if self.0 % 1_000 == 0 {
            write!(f, "{}ms", self.0 / 1_000)
        } else {
            write!(f, "{}us", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_arithmetic() {
        let t = SimTime::ZERO.after(SimDuration::from_millis(1_500));
        assert_eq!(t.to_string(), "1.500000s");
        assert_eq!(t.since(SimTime(500_000)), SimDuration::from_secs(1));
        assert_eq!(SimTime(3).since(SimTime(9)), SimDuration::ZERO);
        assert_eq!(SimDuration::from_millis(200).to_string(), "200ms");
        assert_eq!(SimDuration::from_secs(5).to_string(), "5s");
        assert_eq!(SimDuration(7).to_string(), "7us");
    }
}
