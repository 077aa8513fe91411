//! Votes and notifications of Fast Leader Election, and the rules that compare them.
//!
//! Follows `FastLeaderElection.java` (`Notification`, `ToSend`, `totalOrderPredicate`,
//! `checkLeader`) and `Vote.java` (`equals`) of ZooKeeper 3.8. A vote names a leader
//! together with that leader's last zxid and current epoch (`peerEpoch`); a server's
//! election round is its `logicalclock`, carried as `electionEpoch`. Votes are ordered
//! lexicographically by (peerEpoch, zxid, server id). Vote equality has two modes: while
//! either side is LOOKING all four numbers must match, otherwise only the leader and its
//! epoch (ZOOKEEPER-1732), so a newcomer can join an ensemble whose members report
//! different rounds. Fields are `i64` like Java's `long`; an observer proposes
//! `i64::MIN` for everything so it can never be elected.

use serde::{Deserialize, Serialize};
use std::fmt;

/// `QuorumPeer.ServerState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ServerState {
    /// Looking for a leader (running FLE).
    Looking,
    /// Following a leader.
    Following,
    /// Leading the ensemble.
    Leading,
    /// Observing a leader (non-voting learner).
    Observing,
}

impl ServerState {
    /// The upper-case name ZooKeeper logs ("LOOKING").
    pub fn name(self) -> &'static str {
        match self {
            ServerState::Looking => "LOOKING",
            ServerState::Following => "FOLLOWING",
            ServerState::Leading => "LEADING",
            ServerState::Observing => "OBSERVING",
        }
    }
}

impl fmt::Display for ServerState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One vote: who should lead, with what history, seen in which round and state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Vote {
    /// Proposed leader (server id).
    pub leader: i64,
    /// The proposed leader's last logged zxid.
    pub zxid: i64,
    /// The election round (`logicalclock`) the vote belongs to.
    pub election_epoch: i64,
    /// The proposed leader's current epoch.
    pub peer_epoch: i64,
    /// The state of the server that cast it.
    pub state: ServerState,
}

impl Vote {
    /// A LOOKING vote.
    pub fn looking(leader: i64, zxid: i64, election_epoch: i64, peer_epoch: i64) -> Self {
        Vote {
            leader,
            zxid,
            election_epoch,
            peer_epoch,
            state: ServerState::Looking,
        }
    }

    /// `Vote.equals`: all numbers when either side is LOOKING, otherwise leader and
    /// peer epoch only.
    pub fn same_as(&self, other: &Vote) -> bool {
        if self.state == ServerState::Looking || other.state == ServerState::Looking {
            self.leader == other.leader
                && self.zxid == other.zxid
                && self.election_epoch == other.election_epoch
                && self.peer_epoch == other.peer_epoch
        } else {
            self.leader == other.leader && self.peer_epoch == other.peer_epoch
        }
    }

    /// `(leader, zxid, peerEpoch)` as a short label: `2 (0x100000003, epoch 1)`.
    pub fn label(&self) -> String {
        if self.leader == i64::MIN {
            return "nobody (observer)".into();
        }
        format!(
            "{} (zxid {}, epoch {})",
            self.leader,
            zxid_hex(self.zxid),
            self.peer_epoch
        )
    }
}

/// A zxid as ZooKeeper prints it: `0x` and lower-case hex without padding.
pub fn zxid_hex(zxid: i64) -> String {
    format!("0x{:x}", zxid as u64)
}

/// A notification on the wire (`FastLeaderElection.Notification` / `ToSend`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Notification {
    /// Proposed leader.
    pub leader: i64,
    /// Its zxid.
    pub zxid: i64,
    /// The sender's round (`logicalclock`), or its current vote's round when it is not
    /// looking.
    pub election_epoch: i64,
    /// The proposed leader's epoch.
    pub peer_epoch: i64,
    /// The sender's state.
    pub state: ServerState,
}

impl Notification {
    /// The vote this notification carries.
    pub fn vote(&self) -> Vote {
        Vote {
            leader: self.leader,
            zxid: self.zxid,
            election_epoch: self.election_epoch,
            peer_epoch: self.peer_epoch,
            state: self.state,
        }
    }
}

/// `totalOrderPredicate`: does the new vote (id, zxid, epoch) beat the current one?
/// Lexicographic on (peerEpoch, zxid, id). `new_is_voter` stands for `weight(newId) != 0`.
pub fn total_order_predicate(
    new: (i64, i64, i64),
    cur: (i64, i64, i64),
    new_is_voter: bool,
) -> bool {
    let (new_id, new_zxid, new_epoch) = new;
    let (cur_id, cur_zxid, cur_epoch) = cur;
    if !new_is_voter {
        return false;
    }
    new_epoch > cur_epoch
        || (new_epoch == cur_epoch
            && (new_zxid > cur_zxid || (new_zxid == cur_zxid && new_id > cur_id)))
}

/// Explain in one sentence why `new` beats (or does not beat) `cur`, for the ballot box.
pub fn explain_order(new: (i64, i64, i64), cur: (i64, i64, i64)) -> String {
    let (new_id, new_zxid, new_epoch) = new;
    let (cur_id, cur_zxid, cur_epoch) = cur;
    let (winner, loser, why) = if new_epoch != cur_epoch {
        let (w, l) = if new_epoch > cur_epoch {
            (new, cur)
        } else {
            (cur, new)
        };
        (w.0, l.0, format!("higher epoch ({} > {})", w.2, l.2))
    } else if new_zxid != cur_zxid {
        let (w, l) = if new_zxid > cur_zxid {
            (new, cur)
        } else {
            (cur, new)
        };
        (
            w.0,
            l.0,
            format!(
                "same epoch, higher zxid ({} > {})",
                zxid_hex(w.1),
                zxid_hex(l.1)
            ),
        )
    } else if new_id != cur_id {
        let (w, l) = if new_id > cur_id {
            (new, cur)
        } else {
            (cur, new)
        };
        (w.0, l.0, "same epoch, same zxid, higher myid".to_string())
    } else {
        return format!("{new_id} is the same candidate");
    };
    let _ = (new_zxid, cur_zxid, cur_id);
    format!("{} beats {}: {}", name(winner), name(loser), why)
}

fn name(id: i64) -> String {
    if id == i64::MIN {
        "nobody".into()
    } else {
        id.to_string()
    }
}

/// `checkLeader`: a vote for someone else only counts if that leader itself said it is
/// LEADING; a vote for us only if it is from our own round.
pub fn check_leader(
    votes: &crate::vecmap::VecMap<u64, Vote>,
    leader: i64,
    election_epoch: i64,
    myid: u64,
    logicalclock: i64,
) -> bool {
    if leader != myid as i64 {
        match votes.get(&(leader as u64)) {
            None => false,
            Some(v) => v.state == ServerState::Leading,
        }
    } else {
        logicalclock == election_epoch
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vecmap::VecMap;

    #[test]
    fn fle_predicate_vectors() {
        // FLEPredicateTest.testPredicate, arguments (newId, newZxid, newEpoch, cur...).
        let t = |a: (i64, i64, i64), b: (i64, i64, i64)| total_order_predicate(a, b, true);
        assert!(!t((4, 0, 0), (3, 0, 2)), "lower epoch");
        assert!(t((0, 0, 1), (1, 0, 0)), "higher epoch");
        assert!(t((0, 1, 0), (1, 0, 0)), "higher zxid");
        assert!(t((1, 1, 0), (0, 1, 0)), "higher id");
        assert!(
            !total_order_predicate((9, 9, 9), (1, 0, 0), false),
            "weight 0"
        );
    }

    #[test]
    fn explanations_name_the_deciding_field() {
        assert_eq!(
            explain_order((3, 5, 1), (2, 5, 1)),
            "3 beats 2: same epoch, same zxid, higher myid"
        );
        assert_eq!(
            explain_order((1, 0x100000002, 1), (3, 0x100000001, 1)),
            "1 beats 3: same epoch, higher zxid (0x100000002 > 0x100000001)"
        );
        assert_eq!(
            explain_order((1, 0, 1), (3, 0, 2)),
            "3 beats 1: higher epoch (2 > 1)"
        );
    }

    fn v(leader: i64, zxid: i64, ee: i64, pe: i64, state: ServerState) -> Vote {
        Vote {
            leader,
            zxid,
            election_epoch: ee,
            peer_epoch: pe,
            state,
        }
    }

    #[test]
    fn vote_equality_modes() {
        use ServerState::*;
        // testIgnoringZxidElectionEpoch: FOLLOWING/LEADING votes ignore zxid and round.
        assert!(v(1, 1, 1, 1, Following).same_as(&v(1, 2, 2, 1, Following)));
        // ...but not the peer epoch.
        assert!(!v(1, 1, 1, 1, Following).same_as(&v(1, 1, 1, 2, Following)));
        // LOOKING on either side compares everything (testLookingDiffRounds).
        assert!(!v(1, 1, 1, 1, Looking).same_as(&v(1, 1, 2, 1, Following)));
        assert!(v(1, 1, 1, 1, Looking).same_as(&v(1, 1, 1, 1, Following)));
    }

    #[test]
    fn check_leader_needs_the_leaders_own_word() {
        use ServerState::*;
        let mut votes = VecMap::new();
        votes.insert(1, v(5, 0, 0xa, 0x17, Following));
        assert!(!check_leader(&votes, 5, 0xa, 3, 1));
        votes.insert(5, v(5, 0, 0xa, 0x17, Leading));
        assert!(check_leader(&votes, 5, 0xa, 3, 1));
        // A vote for ourselves counts only in our own round.
        assert!(check_leader(&votes, 3, 7, 3, 7));
        assert!(!check_leader(&votes, 3, 6, 3, 7));
    }
}
