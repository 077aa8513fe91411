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

/// What `totalOrderPredicate` ranks of a vote: the candidate with its history.
/// Fields are the election's (`i64` like Java's `long`; an observer's "nobody" is
/// `i64::MIN` in all three).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VoteKey {
    /// The proposed leader (server id).
    pub leader: i64,
    /// Its last logged zxid.
    pub zxid: i64,
    /// Its current epoch (`peerEpoch`).
    pub epoch: i64,
}

impl VoteKey {
    /// From the `(id, zxid, epoch)` triple [`total_order_predicate`] takes.
    pub fn of((leader, zxid, epoch): (i64, i64, i64)) -> Self {
        VoteKey {
            leader,
            zxid,
            epoch,
        }
    }
}

/// The rule of `totalOrderPredicate` that decided between two votes: the first field
/// of (peerEpoch, zxid, id) in which they differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    /// The winner's epoch is higher.
    HigherEpoch,
    /// Same epoch; the winner's zxid is higher (its history is longer).
    HigherZxid,
    /// Same epoch and zxid; the winner's server id is higher.
    HigherId,
    /// Both votes name the same candidate with the same history.
    SameVote,
}

/// The outcome of comparing two votes: which one won, by which rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Comparison {
    /// The deciding rule.
    pub rule: Rule,
    /// The better vote (for [`Rule::SameVote`], the received one).
    pub winner: VoteKey,
    /// The other vote.
    pub loser: VoteKey,
}

/// Compare the received vote `new` with `cur` (both `(id, zxid, epoch)`) field by field,
/// as [`total_order_predicate`] orders them, and say which rule decided.
pub fn compare(new: (i64, i64, i64), cur: (i64, i64, i64)) -> Comparison {
    let (new_id, new_zxid, new_epoch) = new;
    let (cur_id, cur_zxid, cur_epoch) = cur;
    let (rule, new_wins) = if new_epoch != cur_epoch {
        (Rule::HigherEpoch, new_epoch > cur_epoch)
    } else if new_zxid != cur_zxid {
        (Rule::HigherZxid, new_zxid > cur_zxid)
    } else if new_id != cur_id {
        (Rule::HigherId, new_id > cur_id)
    } else {
        (Rule::SameVote, true)
    };
    let (winner, loser) = if new_wins { (new, cur) } else { (cur, new) };
    Comparison {
        rule,
        winner: VoteKey::of(winner),
        loser: VoteKey::of(loser),
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
    fn comparisons_name_the_deciding_rule_and_the_winner() {
        let key = |leader, zxid, epoch| VoteKey {
            leader,
            zxid,
            epoch,
        };
        assert_eq!(
            compare((3, 5, 1), (2, 5, 1)),
            Comparison {
                rule: Rule::HigherId,
                winner: key(3, 5, 1),
                loser: key(2, 5, 1)
            }
        );
        assert_eq!(
            compare((1, 0x100000002, 1), (3, 0x100000001, 1)),
            Comparison {
                rule: Rule::HigherZxid,
                winner: key(1, 0x100000002, 1),
                loser: key(3, 0x100000001, 1)
            }
        );
        // The current vote can win: an older epoch loses whatever its zxid and id.
        assert_eq!(
            compare((4, 9, 1), (3, 0, 2)),
            Comparison {
                rule: Rule::HigherEpoch,
                winner: key(3, 0, 2),
                loser: key(4, 9, 1)
            }
        );
        assert_eq!(
            compare((4, 4, 4), (4, 4, 4)),
            Comparison {
                rule: Rule::SameVote,
                winner: key(4, 4, 4),
                loser: key(4, 4, 4)
            }
        );
        // The winner is the vote the predicate prefers.
        for (new, cur) in [
            ((3, 5, 1), (2, 5, 1)),
            ((4, 9, 1), (3, 0, 2)),
            ((1, 2, 3), (1, 3, 3)),
        ] {
            let c = compare(new, cur);
            assert_eq!(
                c.winner == VoteKey::of(new),
                total_order_predicate(new, cur, true)
            );
        }
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
