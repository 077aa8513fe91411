//! The timeline of snapshots: one [`Point`] per snapshot (each server's mode, the
//! leader, the epoch, the highest zxid) and the [`Moment`]s something changed (a server
//! stopped answering or answers again, a new leader, no leader). Pure and bounded.

use std::collections::VecDeque;
use zooscope_core::live::{LiveSnapshot, Mode};

/// Most snapshots kept (ten minutes at one per second).
pub const POINTS_MAX: usize = 600;
/// Most moments kept.
pub const MOMENTS_MAX: usize = 200;
/// Snapshots the zxid rate is measured over.
pub const RATE_WINDOW: usize = 10;

/// One snapshot, as the timeline draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    /// The snapshot's number.
    pub seq: u64,
    /// When it was taken, ms since the Unix epoch.
    pub at_ms: u64,
    /// Each server's mode, in `--zk` order.
    pub modes: Vec<Mode>,
    /// The leader's `myid` (or 1-based position when its id is unknown).
    pub leader: Option<u64>,
    /// The leader's epoch.
    pub epoch: Option<u32>,
    /// The highest zxid any serving server reported.
    pub zxid: Option<u64>,
}

/// What changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The server (label) stopped answering.
    Down(u64),
    /// The server answers again.
    Back(u64),
    /// A server leads in an epoch.
    Leader(u64, u32),
    /// Nobody leads.
    NoLeader,
}

/// A change and the snapshot it was first seen in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moment {
    /// The snapshot's number.
    pub seq: u64,
    /// When, ms since the Unix epoch.
    pub at_ms: u64,
    /// What.
    pub change: Change,
}

/// The timeline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Snapshots, oldest first (at most [`POINTS_MAX`]).
    pub points: VecDeque<Point>,
    /// Changes, oldest first (at most [`MOMENTS_MAX`]).
    pub moments: VecDeque<Moment>,
    /// Each server's last measured zxid, in `--zk` order (kept while it is down).
    pub last_zxids: Vec<Option<u64>>,
}

/// The label of server `i` of `s`: its `myid`, or its 1-based position.
pub fn server_label(s: &LiveSnapshot, i: usize) -> u64 {
    s.servers.get(i).and_then(|v| v.id).unwrap_or(i as u64 + 1)
}

fn answers(mode: Mode) -> bool {
    !matches!(mode, Mode::Down | Mode::NotZooKeeper)
}

impl History {
    /// Adds a snapshot (one with a `seq` already seen is ignored).
    pub fn record(&mut self, s: &LiveSnapshot) {
        if self.points.back().is_some_and(|p| p.seq >= s.seq) {
            return;
        }
        let leader_index = s.servers.iter().position(|v| v.mode == Mode::Leader);
        let leader = s.leader().and(leader_index).map(|i| server_label(s, i));
        let epoch = s.leader().and_then(|l| l.epoch());
        let point = Point {
            seq: s.seq,
            at_ms: s.taken_at_ms,
            modes: s.servers.iter().map(|v| v.mode).collect(),
            leader,
            epoch,
            zxid: s
                .servers
                .iter()
                .filter(|v| v.serving)
                .filter_map(|v| v.zxid)
                .max(),
        };
        let mut changes = Vec::new();
        match self.points.back() {
            Some(prev) => {
                for (i, (was, now)) in prev.modes.iter().zip(&point.modes).enumerate() {
                    match (answers(*was), answers(*now)) {
                        (true, false) => changes.push(Change::Down(server_label(s, i))),
                        (false, true) => changes.push(Change::Back(server_label(s, i))),
                        _ => {}
                    }
                }
                if (prev.leader, prev.epoch) != (point.leader, point.epoch) {
                    changes.push(match (point.leader, point.epoch) {
                        (Some(l), Some(e)) => Change::Leader(l, e),
                        _ => Change::NoLeader,
                    });
                }
            }
            None => {
                if let (Some(l), Some(e)) = (point.leader, point.epoch) {
                    changes.push(Change::Leader(l, e));
                }
            }
        }
        for change in changes {
            if self.moments.len() == MOMENTS_MAX {
                self.moments.pop_front();
            }
            self.moments.push_back(Moment {
                seq: s.seq,
                at_ms: s.taken_at_ms,
                change,
            });
        }
        self.last_zxids.resize(s.servers.len(), None);
        for (last, v) in self.last_zxids.iter_mut().zip(&s.servers) {
            *last = v.zxid.or(*last);
        }
        if self.points.len() == POINTS_MAX {
            self.points.pop_front();
        }
        self.points.push_back(point);
    }

    /// Transactions per second over the last [`RATE_WINDOW`] snapshots: the growth of the
    /// zxid's counter within the newest epoch (a new epoch restarts the counter at 0).
    pub fn zxid_rate(&self) -> Option<f64> {
        let newest = self.points.back()?;
        let zxid = newest.zxid?;
        let epoch = zxid >> 32;
        let start = self
            .points
            .iter()
            .skip(self.points.len().saturating_sub(RATE_WINDOW))
            .find(|p| p.zxid.is_some_and(|z| z >> 32 == epoch))?;
        let (z0, t0) = (start.zxid?, start.at_ms);
        let ms = newest.at_ms.checked_sub(t0).filter(|&ms| ms > 0)?;
        Some((zxid - z0) as f64 * 1000.0 / ms as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_core::live::LiveServer;

    fn snap(seq: u64, modes: &[(Mode, u64)]) -> LiveSnapshot {
        LiveSnapshot {
            seq,
            taken_at_ms: seq * 1000,
            servers: modes
                .iter()
                .enumerate()
                .map(|(i, &(mode, zxid))| LiveServer {
                    id: Some(i as u64 + 1),
                    mode,
                    serving: zxid > 0,
                    zxid: (zxid > 0).then_some(zxid),
                    ..LiveServer::default()
                })
                .collect(),
            ..LiveSnapshot::default()
        }
    }

    use Mode::{Down, Follower, Leader, NotServing};

    #[test]
    fn a_failover_is_a_crash_then_a_new_leader_in_a_higher_epoch() {
        let mut h = History::default();
        h.record(&snap(
            1,
            &[
                (Follower, 0x1_0000_0005),
                (Follower, 0x1_0000_0005),
                (Leader, 0x1_0000_0005),
            ],
        ));
        h.record(&snap(2, &[(NotServing, 0), (NotServing, 0), (Down, 0)]));
        h.record(&snap(
            3,
            &[
                (Follower, 0x2_0000_0000),
                (Leader, 0x2_0000_0000),
                (Down, 0),
            ],
        ));
        h.record(&snap(3, &[(Leader, 1), (Leader, 1), (Leader, 1)]));
        let changes: Vec<_> = h
            .moments
            .iter()
            .map(|m| (m.seq, m.change.clone()))
            .collect();
        assert_eq!(
            changes,
            [
                (1, Change::Leader(3, 1)),
                (2, Change::Down(3)),
                (2, Change::NoLeader),
                (3, Change::Leader(2, 2)),
            ]
        );
        assert_eq!(h.points.len(), 3, "a repeated snapshot is ignored");
        h.record(&snap(
            4,
            &[
                (Follower, 0x2_0000_0000),
                (Leader, 0x2_0000_0000),
                (Follower, 0x2_0000_0000),
            ],
        ));
        assert_eq!(h.moments.back().unwrap().change, Change::Back(3));
        assert_eq!(h.last_zxids[2], Some(0x2_0000_0000));
        h.record(&snap(
            5,
            &[
                (Down, 0),
                (Leader, 0x2_0000_0001),
                (Follower, 0x2_0000_0001),
            ],
        ));
        assert_eq!(h.last_zxids[0], Some(0x2_0000_0000), "kept while down");
    }

    #[test]
    fn the_zxid_rate_counts_within_the_newest_epoch() {
        let mut h = History::default();
        assert_eq!(h.zxid_rate(), None);
        h.record(&snap(1, &[(Leader, 0x1_0000_0010)]));
        h.record(&snap(2, &[(Leader, 0x2_0000_0000)]));
        h.record(&snap(4, &[(Leader, 0x2_0000_0006)]));
        assert_eq!(h.zxid_rate(), Some(3.0));
    }

    #[test]
    fn the_timeline_is_bounded() {
        let mut h = History::default();
        for seq in 1..=(POINTS_MAX as u64 + 50) {
            let mode = if seq % 2 == 0 { Leader } else { Down };
            h.record(&snap(seq, &[(mode, seq)]));
        }
        assert_eq!(h.points.len(), POINTS_MAX);
        assert_eq!(h.moments.len(), MOMENTS_MAX);
    }
}
