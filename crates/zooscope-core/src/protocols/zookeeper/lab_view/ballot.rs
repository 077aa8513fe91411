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
//! Each change of a server's proposal comes with a reason. The election records the
//! reason as an English sentence ([`crate::protocols::zookeeper::replication::election::VoteChange`]); this module
//! reads it back into [`ChangeReason`] — plain numbers and ids — so the UI can say it in
//! any language. [`ChangeReason::english`] writes the sentence again; a test checks the
//! round trip on real elections, so a change in the election's wording is caught here
//! rather than shown as raw English in the Chinese UI.

use super::cards::{myid, Zxid};
use crate::protocols::zookeeper::replication::election::{Election, VoteChange};
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

/// How one vote beat another (`totalOrderPredicate`, first differing field wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Criterion {
    /// Higher `peerEpoch`.
    Epoch {
        /// The winner's epoch.
        winner: i64,
        /// The loser's epoch.
        loser: i64,
    },
    /// Same epoch, higher zxid.
    Zxid {
        /// The winner's zxid.
        winner: Zxid,
        /// The loser's zxid.
        loser: Zxid,
    },
    /// Same epoch and zxid, higher `myid`.
    Myid,
}

/// Why a comparison came out as it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Why {
    /// `winner` beats `loser` by `by`.
    Beats {
        /// The better candidate.
        winner: Option<u64>,
        /// The other one.
        loser: Option<u64>,
        /// The deciding field.
        by: Criterion,
    },
    /// Both votes name the same candidate with the same history.
    Same {
        /// The candidate.
        id: Option<u64>,
    },
    /// An observer, proposing nobody, takes a voter's vote.
    ObserverTakes {
        /// Whose vote.
        sender: u64,
    },
}

/// Why a server's proposal changed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ChangeReason {
    /// A new round: it votes for itself with its own history.
    SelfVote {
        /// The round.
        round: i64,
        /// Its last logged zxid.
        zxid: Zxid,
        /// Its current epoch.
        epoch: i64,
    },
    /// A new round for an observer: it proposes nobody.
    ObserverStart {
        /// The round.
        round: i64,
    },
    /// A vote of the same round beat its proposal.
    Adopted {
        /// Who sent the vote.
        sender: u64,
        /// The comparison.
        why: Why,
    },
    /// A vote from a later round: it jumps to that round and re-votes for the better of
    /// that vote and its own initial vote.
    RoundJump {
        /// Its old round.
        from_round: i64,
        /// The new round.
        to_round: i64,
        /// Who is ahead.
        sender: u64,
        /// The comparison with its initial vote.
        why: Why,
    },
    /// A quorum agreed and the finalize wait passed: the election is over.
    Finalized {
        /// The elected leader.
        leader: Option<u64>,
        /// The wait, ms.
        wait_ms: u64,
        /// The role it takes.
        state: ServerState,
    },
    /// It joined an established leader: a quorum of FOLLOWING / LEADING answers agree
    /// and the leader itself says LEADING (`receivedFollowingNotification` /
    /// `checkLeader`; no vote is compared, so a newcomer never displaces the leader).
    /// The election records no sentence for this; the view adds it.
    Joined {
        /// The leader.
        leader: Option<u64>,
        /// The role it takes.
        state: ServerState,
    },
    /// A sentence this module does not know (shown as is).
    Other(String),
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
    pub reason: ChangeReason,
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
    let mut changes: Vec<ChangeView> = election
        .changes
        .iter()
        .skip(skip)
        .map(change_view)
        .collect();
    // Decided without a finalize wait: it joined an established ensemble.
    let finalized = changes
        .last()
        .is_some_and(|c| matches!(c.reason, ChangeReason::Finalized { .. }));
    if state != ServerState::Looking && !finalized {
        let leader = candidate(current_vote.leader);
        let at = election.ballots.values().map(|b| b.at.0).max().unwrap_or(0);
        if changes.len() >= CHANGES_SHOWN {
            changes.remove(0);
        }
        changes.push(ChangeView {
            at_us: at,
            round: election.logicalclock,
            from: changes.last().and_then(|c| c.to),
            to: leader,
            reason: ChangeReason::Joined { leader, state },
        });
    }
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

/// A recorded change, with its reason read back into data.
pub fn change_view(c: &VoteChange) -> ChangeView {
    let SimTime(at) = c.at;
    ChangeView {
        at_us: at,
        round: c.round,
        from: candidate(c.from),
        to: candidate(c.to),
        reason: parse_reason(&c.reason),
    }
}

fn cand_text(c: Option<u64>) -> String {
    c.map_or_else(|| "nobody".to_string(), |id| id.to_string())
}

fn parse_cand(s: &str) -> Option<Option<u64>> {
    if s == "nobody" {
        return Some(None);
    }
    let v: i64 = s.parse().ok()?;
    Some(candidate(v))
}

fn parse_hex(s: &str) -> Option<Zxid> {
    u64::from_str_radix(s.strip_prefix("0x")?, 16)
        .ok()
        .map(Zxid)
}

fn parse_state(s: &str) -> Option<ServerState> {
    Some(match s {
        "LOOKING" => ServerState::Looking,
        "FOLLOWING" => ServerState::Following,
        "LEADING" => ServerState::Leading,
        "OBSERVING" => ServerState::Observing,
        _ => return None,
    })
}

fn parse_why(s: &str) -> Option<Why> {
    if let Some(rest) = s.strip_prefix("an observer takes ") {
        let sender = rest.strip_suffix("'s vote")?.parse().ok()?;
        return Some(Why::ObserverTakes { sender });
    }
    if let Some(id) = s.strip_suffix(" is the same candidate") {
        return Some(Why::Same {
            id: parse_cand(id)?,
        });
    }
    let (winner, rest) = s.split_once(" beats ")?;
    let (loser, how) = rest.split_once(": ")?;
    let by = if let Some(r) = how.strip_prefix("higher epoch (") {
        let (a, b) = r.strip_suffix(')')?.split_once(" > ")?;
        Criterion::Epoch {
            winner: a.parse().ok()?,
            loser: b.parse().ok()?,
        }
    } else if let Some(r) = how.strip_prefix("same epoch, higher zxid (") {
        let (a, b) = r.strip_suffix(')')?.split_once(" > ")?;
        Criterion::Zxid {
            winner: parse_hex(a)?,
            loser: parse_hex(b)?,
        }
    } else if how == "same epoch, same zxid, higher myid" {
        Criterion::Myid
    } else {
        return None;
    };
    Some(Why::Beats {
        winner: parse_cand(winner)?,
        loser: parse_cand(loser)?,
        by,
    })
}

fn try_parse(s: &str) -> Option<ChangeReason> {
    if let Some(rest) = s.strip_prefix("round jump ") {
        let (a, rest) = rest.split_once(" -> ")?;
        let (b, rest) = rest.split_once(" (server ")?;
        let (sender, why) = rest.split_once(" is ahead); ")?;
        return Some(ChangeReason::RoundJump {
            from_round: a.parse().ok()?,
            to_round: b.parse().ok()?,
            sender: sender.parse().ok()?,
            why: parse_why(why)?,
        });
    }
    if let Some(rest) = s.strip_prefix("vote from ") {
        let (sender, why) = rest.split_once(": ")?;
        return Some(ChangeReason::Adopted {
            sender: sender.parse().ok()?,
            why: parse_why(why)?,
        });
    }
    if let Some(rest) = s.strip_prefix("joins the established leader ") {
        let (leader, rest) = rest.split_once(": a quorum of FOLLOWING/LEADING votes agree and ")?;
        let (again, state) = rest.split_once(" says LEADING: ")?;
        if again != leader {
            return None;
        }
        return Some(ChangeReason::Joined {
            leader: parse_cand(leader)?,
            state: parse_state(state)?,
        });
    }
    if let Some(rest) = s.strip_prefix("a quorum agrees on ") {
        let (leader, rest) = rest.split_once(" and nothing better came for ")?;
        let (ms, state) = rest.split_once(" ms: ")?;
        return Some(ChangeReason::Finalized {
            leader: parse_cand(leader)?,
            wait_ms: ms.parse().ok()?,
            state: parse_state(state)?,
        });
    }
    if let Some(rest) = s.strip_prefix("round ") {
        let (round, rest) = rest.split_once(": ")?;
        let round: i64 = round.parse().ok()?;
        if rest == "an observer proposes nobody and follows the voters" {
            return Some(ChangeReason::ObserverStart { round });
        }
        let r = rest.strip_prefix("votes for itself (zxid ")?;
        let (z, e) = r.split_once(", epoch ")?;
        return Some(ChangeReason::SelfVote {
            round,
            zxid: parse_hex(z)?,
            epoch: e.strip_suffix(')')?.parse().ok()?,
        });
    }
    None
}

/// Read a recorded reason sentence back into data (`Other` when it is not one of the
/// election's sentences).
pub fn parse_reason(s: &str) -> ChangeReason {
    try_parse(s).unwrap_or_else(|| ChangeReason::Other(s.to_string()))
}

impl Why {
    /// The English clause (as the election writes it).
    pub fn english(&self) -> String {
        match self {
            Why::ObserverTakes { sender } => format!("an observer takes {sender}'s vote"),
            Why::Same { id } => format!("{} is the same candidate", cand_text(*id)),
            Why::Beats { winner, loser, by } => {
                let how = match by {
                    Criterion::Epoch { winner, loser } => {
                        format!("higher epoch ({winner} > {loser})")
                    }
                    Criterion::Zxid { winner, loser } => {
                        format!("same epoch, higher zxid ({winner} > {loser})")
                    }
                    Criterion::Myid => "same epoch, same zxid, higher myid".to_string(),
                };
                format!("{} beats {}: {how}", cand_text(*winner), cand_text(*loser))
            }
        }
    }
}

impl ChangeReason {
    /// The English sentence (as the election writes it).
    pub fn english(&self) -> String {
        match self {
            ChangeReason::SelfVote { round, zxid, epoch } => {
                format!("round {round}: votes for itself (zxid {zxid}, epoch {epoch})")
            }
            ChangeReason::ObserverStart { round } => {
                format!("round {round}: an observer proposes nobody and follows the voters")
            }
            ChangeReason::Adopted { sender, why } => {
                format!("vote from {sender}: {}", why.english())
            }
            ChangeReason::RoundJump {
                from_round,
                to_round,
                sender,
                why,
            } => format!(
                "round jump {from_round} -> {to_round} (server {sender} is ahead); {}",
                why.english()
            ),
            ChangeReason::Finalized {
                leader,
                wait_ms,
                state,
            } => format!(
                "a quorum agrees on {} and nothing better came for {wait_ms} ms: {}",
                cand_text(*leader),
                state.name()
            ),
            ChangeReason::Joined { leader, state } => {
                let l = cand_text(*leader);
                format!(
                    "joins the established leader {l}: a quorum of FOLLOWING/LEADING votes agree and {l} says LEADING: {}",
                    state.name()
                )
            }
            ChangeReason::Other(s) => s.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::replication::config::ZkConfig;
    use crate::protocols::zookeeper::replication::election::FleAction;
    use crate::protocols::zookeeper::replication::vote::{explain_order, Notification};

    #[test]
    fn every_reason_sentence_reads_back() {
        let sentences = [
            "round 1: votes for itself (zxid 0x0, epoch 0)",
            "round 3: votes for itself (zxid 0x100000003, epoch 1)",
            "round 2: an observer proposes nobody and follows the voters",
            "vote from 2: 2 beats 1: same epoch, same zxid, higher myid",
            "vote from 3: 1 beats 3: same epoch, higher zxid (0x100000002 > 0x100000001)",
            "vote from 1: 3 beats 1: higher epoch (2 > 1)",
            "vote from 1: an observer takes 1's vote",
            "round jump 1 -> 4 (server 3 is ahead); 3 beats 2: same epoch, same zxid, higher myid",
            "round jump 1 -> 2 (server 1 is ahead); 2 is the same candidate",
            "a quorum agrees on 3 and nothing better came for 200 ms: LEADING",
            "a quorum agrees on 2 and nothing better came for 200 ms: OBSERVING",
            "joins the established leader 2: a quorum of FOLLOWING/LEADING votes agree and 2 says LEADING: FOLLOWING",
        ];
        for s in sentences {
            let r = parse_reason(s);
            assert!(!matches!(r, ChangeReason::Other(_)), "not understood: {s}");
            assert_eq!(r.english(), s);
        }
        assert_eq!(
            parse_reason("vote from 2: 2 beats 1: same epoch, same zxid, higher myid"),
            ChangeReason::Adopted {
                sender: 2,
                why: Why::Beats {
                    winner: Some(2),
                    loser: Some(1),
                    by: Criterion::Myid
                }
            }
        );
        // Garbage stays as it is, never panics.
        for s in [
            "",
            "round",
            "round x: y",
            "vote from : ",
            "round jump 1 -> ",
            "ü€",
        ] {
            assert_eq!(parse_reason(s), ChangeReason::Other(s.to_string()));
        }
    }

    #[test]
    fn explanations_of_the_vote_module_read_back() {
        for (new, cur) in [
            ((3, 5, 1), (2, 5, 1)),
            ((1, 0x1_0000_0002, 1), (3, 0x1_0000_0001, 1)),
            ((1, 0, 1), (3, 0, 2)),
            ((4, 4, 4), (4, 4, 4)),
        ] {
            let s = explain_order(new, cur);
            let w = parse_why(&s).unwrap_or_else(|| panic!("not understood: {s}"));
            assert_eq!(w.english(), s);
        }
    }

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
        assert_eq!(
            last.reason,
            ChangeReason::Adopted {
                sender: 3,
                why: Why::Beats {
                    winner: Some(3),
                    loser: Some(1),
                    by: Criterion::Myid
                }
            }
        );
        assert_eq!((last.from, last.to), (Some(1), Some(3)));
    }
}
