//! The ballot box: one server's view of Fast Leader Election.
//!
//! For each server it lists the notifications it holds (sender, proposed leader, that
//! leader's zxid and epoch — `peerEpoch` —, the sender's round — `electionEpoch` — and
//! the sender's state), its own current vote, its round (`logicalclock`), and how many
//! of this round's votes equal its own against the quorum size (`QuorumMaj`: more than
//! half the voters). The rules are those of `FastLeaderElection.lookForLeader` and
//! `totalOrderPredicate` (reference §1.3–§1.5): votes compare by (peerEpoch, zxid,
//! myid), and a server adopts any vote that beats its own.
//!
//! Each change of a server's proposal comes with the typed reason the election recorded
//! ([`VoteChangeReason`]: the rule that decided and the votes compared, a round jump,
//! the finalize wait, a join); the UI puts it into words in its language.

use super::cards::{myid, Zxid};
use crate::protocols::zookeeper::replication::election::{Election, VoteChange, VoteChangeReason};
use crate::protocols::zookeeper::replication::vote::{ServerState, Vote};
use crate::time::SimTime;

/// Vote changes shown at most (the election keeps 32).
pub const CHANGES_SHOWN: usize = 32;
/// Ballot rows at most (one per server; ensembles have at most 15 servers).
pub const ROWS_MAX: usize = 32;

/// A vote, with the "nobody" of an observer as `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VoteView {
    /// Proposed leader (`None`: an observer's vote for nobody).
    pub leader: Option<u64>,
    /// The proposed leader's last zxid.
    pub zxid: Option<Zxid>,
    /// The proposed leader's epoch (`peerEpoch`).
    pub peer_epoch: Option<i64>,
    /// The round it was cast in (`electionEpoch`).
    pub election_epoch: i64,
    /// The state of the server that cast it.
    pub state: ServerState,
}

impl VoteView {
    /// From a core vote.
    pub fn of(v: &Vote) -> VoteView {
        VoteView {
            leader: candidate(v.leader),
            zxid: Zxid::of_vote(v.zxid),
            peer_epoch: (v.peer_epoch != i64::MIN).then_some(v.peer_epoch),
            election_epoch: v.election_epoch,
            state: v.state,
        }
    }
}

/// A proposed leader id: `None` for an observer's "nobody" (or anything negative).
pub fn candidate(id: i64) -> Option<u64> {
    u64::try_from(id).ok()
}

/// One notification in the box (the latest from its sender).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BallotRow {
    /// Sender `myid`.
    pub from: u64,
    /// The vote it carried.
    pub vote: VoteView,
    /// It belongs to the current round.
    pub this_round: bool,
    /// It is counted for this round (`recvset`) and equals our vote.
    pub agrees: bool,
    /// When it arrived (µs of simulated time).
    pub at_us: u64,
}

/// One change of a server's proposal.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChangeView {
    /// When (µs of simulated time).
    pub at_us: u64,
    /// The round it happened in.
    pub round: i64,
    /// Proposed leader before.
    pub from: Option<u64>,
    /// Proposed leader after.
    pub to: Option<u64>,
    /// Why.
    pub reason: VoteChangeReason,
}

/// One server's ballot box.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BallotBoxView {
    /// `myid`.
    pub myid: u32,
    /// Whether it takes part in votes (false: an observer).
    pub voter: bool,
    /// The server's own state.
    pub state: ServerState,
    /// It is LOOKING (the election runs).
    pub looking: bool,
    /// A quorum agrees and it waits `finalizeWait` for a better vote.
    pub finalizing: bool,
    /// Its round (`logicalclock`).
    pub round: i64,
    /// Its own vote: the proposal while looking, `currentVote` after.
    pub own: VoteView,
    /// Notifications, one per sender, by sender id.
    pub rows: Vec<BallotRow>,
    /// Senders whose vote of this round equals its proposal.
    pub agree: Vec<u64>,
    /// Votes needed (more than half of the voters).
    pub quorum: u32,
    /// Voting members.
    pub voters: u32,
    /// Changes of its proposal, oldest first.
    pub changes: Vec<ChangeView>,
    /// Notifications sent so far.
    pub sent: u64,
    /// Current "no notification" interval, ms.
    pub interval_ms: u64,
}

/// Build the ballot box of server `sid` from its election state.
#[allow(clippy::too_many_arguments)]
pub fn ballot_box(
    sid: u64,
    voter: bool,
    election: &Election,
    current_vote: &Vote,
    state: ServerState,
    voters: u32,
) -> BallotBoxView {
    let looking = state == ServerState::Looking && election.active;
    let proposal = election.proposal();
    let own = if looking || state == ServerState::Looking {
        VoteView::of(&proposal)
    } else {
        VoteView::of(current_vote)
    };
    let rows = election
        .ballots
        .values()
        .take(ROWS_MAX)
        .map(|b| {
            let counted = election.recvset.get(&b.from);
            BallotRow {
                from: b.from,
                vote: VoteView::of(&b.vote),
                this_round: b.vote.election_epoch == election.logicalclock,
                agrees: counted.is_some_and(|v| v.same_as(&proposal)),
                at_us: b.at.0,
            }
        })
        .collect();
    let skip = election.changes.len().saturating_sub(CHANGES_SHOWN);
    let changes = election
        .changes
        .iter()
        .skip(skip)
        .map(change_view)
        .collect();
    BallotBoxView {
        myid: myid(sid),
        voter,
        state,
        looking,
        finalizing: election.finalizing,
        round: election.logicalclock,
        own,
        rows,
        agree: election.supporters(),
        quorum: voters / 2 + 1,
        voters,
        changes,
        sent: election.sent,
        interval_ms: election.not_timeout_ms,
    }
}

/// A recorded change, for the UI.
pub fn change_view(c: &VoteChange) -> ChangeView {
    let SimTime(at) = c.at;
    ChangeView {
        at_us: at,
        round: c.round,
        from: candidate(c.from),
        to: candidate(c.to),
        reason: c.reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::replication::config::ZkConfig;
    use crate::protocols::zookeeper::replication::election::Choice;
    use crate::protocols::zookeeper::replication::election::FleAction;
    use crate::protocols::zookeeper::replication::vote::{Comparison, Notification, Rule, VoteKey};

    #[test]
    fn box_of_a_lone_election() {
        let cfg = ZkConfig::ensemble(3, &[]);
        let mut e = Election::new(1, true);
        let mut out: Vec<FleAction> = Vec::new();
        e.start(&cfg, SimTime::ZERO, 0, 0, &mut out);
        let me = e.proposal();
        let n = Notification {
            leader: 3,
            zxid: 0,
            election_epoch: 1,
            peer_epoch: 0,
            state: ServerState::Looking,
        };
        e.on_notification(&cfg, SimTime(5), 3, n, ServerState::Looking, &me, &mut out);
        let b = ballot_box(1, true, &e, &me, ServerState::Looking, 3);
        assert!(b.looking);
        assert_eq!(b.round, 1);
        assert_eq!(b.own.leader, Some(3));
        assert_eq!(b.rows.len(), 1);
        assert!(b.rows[0].agrees && b.rows[0].this_round);
        assert_eq!(b.agree, vec![3]);
        assert_eq!(b.quorum, 2);
        let last = b.changes.last().unwrap();
        let key = |leader| VoteKey {
            leader,
            zxid: 0,
            epoch: 0,
        };
        assert_eq!(
            last.reason,
            VoteChangeReason::VoteFrom {
                sender: 3,
                choice: Choice::Compared(Comparison {
                    rule: Rule::HigherId,
                    winner: key(3),
                    loser: key(1)
                })
            }
        );
        assert_eq!(last.at_us, 5);
        assert_eq!((last.from, last.to), (Some(1), Some(3)));
    }
}
