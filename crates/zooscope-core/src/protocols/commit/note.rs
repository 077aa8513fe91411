//! What the commit and consensus nodes explain in the trace, as data.
//!
//! One [`CommitNote`] variant per situation a 2PC, 3PC, Paxos or Multi-Paxos node
//! explains; the UI words them (`src/i18n/compare_notes.rs`). `Display` is the English
//! line the CLI's trace prints, and a note hashes as that text (`hash_as_text`), the
//! `String` it replaced, so the comparison runs' trace hashes did not move. Node numbers
//! are the script's (1-based).

use std::fmt;

/// Why a 3PC node aborts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreePcAbort {
    /// The coordinator restarted with a begin record only: it crashed in phase 1.
    CrashedInPhase1,
    /// A participant voted no.
    VotedNo(u32),
    /// A reply to CanCommit did not come within the timeout.
    ReplyMissing,
    /// The coordinator's own vote is no.
    OwnVoteNo,
}

/// One explained step of a commit or consensus node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommitNote {
    /// A second transaction asked of a busy coordinator.
    AlreadyCoordinating,
    /// A transaction asked of a participant.
    OnlyCoordinatorStarts,
    /// 2PC: every vote is yes; the commit decision is logged before phase 2.
    LogCommit(String),
    /// 2PC: abort, nothing forced (presumed abort).
    PresumedAbortSent,
    /// 2PC: the coordinator's own vote is no.
    OwnVoteNo,
    /// 2PC: a participant voted no.
    VotedNo(u32),
    /// 2PC: a query about a transaction with no logged decision.
    PresumedAbort,
    /// 2PC: a participant votes no and aborts alone.
    VoteNoAbort,
    /// 2PC: a participant forces its prepared record, then votes yes.
    ForcePrepared(String),
    /// 2PC: the restarted coordinator's log holds a decision.
    RecoverResend,
    /// 2PC: the restarted coordinator had begun but not decided.
    RecoverAbort,
    /// 2PC: a restarted participant was prepared but undecided.
    RecoverUncertain,
    /// 2PC: a vote did not come within the timeout.
    VoteMissing,
    /// 2PC: an uncertain participant asks again.
    StillUncertain,
    /// 3PC: a node aborts.
    ThreePcAbort(ThreePcAbort),
    /// 3PC: a pre-committed participant hears nothing more and commits by the rule.
    PreCommittedCommit,
    /// 3PC: a participant that voted yes got no PreCommit and aborts by the rule.
    NoPreCommitAbort,
    /// 3PC: a restarted participant is undecided.
    RecoverAsk,
    /// 3PC: the restarted coordinator had pre-committed.
    RecoverPreCommitted,
    /// 3PC: an acknowledgement of PreCommit is missing; the coordinator commits anyway.
    AckMissingCommit,
    /// Paxos: a proposer starts a round with this ballot (round, node).
    Propose(u32, u32),
    /// Paxos: rejected; back off this many ms.
    BackOff(u64),
    /// Paxos: a learner learned the chosen value.
    Learned(String),
    /// Paxos: a promise carries a value (the first), proposed instead of the own (second).
    AdoptValue(String, String),
    /// Paxos: a decided node answers a client with the chosen value.
    AlreadyDecided,
    /// Multi-Paxos: a higher ballot from this node; follow it.
    Follow(u32),
    /// Multi-Paxos: run for leader with this ballot (round, node).
    RunForLeader(u32, u32),
    /// Multi-Paxos: no free slot.
    LogFull,
    /// Multi-Paxos: a majority promised; lead.
    Lead,
    /// Multi-Paxos: preempted; step down.
    StepDown,
}

crate::hash_as_text!(CommitNote);

impl fmt::Display for ThreePcAbort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThreePcAbort::CrashedInPhase1 => f.write_str("recovery: crashed in phase 1"),
            ThreePcAbort::VotedNo(k) => write!(f, "node {k} votes no"),
            ThreePcAbort::ReplyMissing => {
                f.write_str("a reply to CanCommit is missing after the timeout")
            }
            ThreePcAbort::OwnVoteNo => f.write_str("the coordinator's own vote is no"),
        }
    }
}

impl fmt::Display for CommitNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CommitNote::*;
        match self {
            AlreadyCoordinating => {
                f.write_str("already coordinating a transaction; this request is ignored")
            }
            OnlyCoordinatorStarts => f.write_str("only the coordinator starts a transaction"),
            LogCommit(v) => write!(f, "every vote is yes: log COMMIT {v}, then tell everyone"),
            PresumedAbortSent => {
                f.write_str("abort: tell every participant (presumed abort: nothing to force)")
            }
            OwnVoteNo => f.write_str("the coordinator's own vote is no"),
            VotedNo(k) => write!(f, "node {k} votes no"),
            PresumedAbort => f.write_str("no record of a decision: presumed abort"),
            VoteNoAbort => f.write_str("vote no, and abort alone"),
            ForcePrepared(v) => write!(f, "force PREPARED {v} to disk, then vote yes"),
            RecoverResend => f.write_str("recovery: the log holds a decision; send it again"),
            RecoverAbort => {
                f.write_str("recovery: begun but undecided, so it crashed in phase 1: abort")
            }
            RecoverUncertain => {
                f.write_str("recovery: prepared but undecided: uncertain, ask the coordinator")
            }
            VoteMissing => f.write_str("a vote is missing after the timeout: abort"),
            StillUncertain => f.write_str("still uncertain: ask the coordinator again"),
            ThreePcAbort(why) => write!(f, "{why}: abort"),
            PreCommittedCommit => {
                f.write_str("pre-committed and the coordinator is silent: commit")
            }
            NoPreCommitAbort => f.write_str("voted yes but no PreCommit came: abort"),
            RecoverAsk => f.write_str(
                "recovery: undecided; ask the coordinator, decide by the rule if it is silent",
            ),
            RecoverPreCommitted => {
                f.write_str("recovery: pre-committed, so every vote was yes: commit")
            }
            AckMissingCommit => {
                f.write_str("an ACK is missing, but every vote was yes: commit anyway")
            }
            Propose(round, node) => write!(f, "propose with ballot ({round}, {node})"),
            BackOff(ms) => write!(f, "preempted by a higher ballot: back off {ms}ms"),
            Learned(v) => write!(f, "learned that {v} is chosen"),
            AdoptValue(v, own) => write!(f, "a promise carries {v}: propose it, not {own}"),
            AlreadyDecided => f.write_str("already decided; the client hears the chosen value"),
            Follow(k) => write!(f, "a higher ballot from node {k}: follow it"),
            RunForLeader(round, node) => {
                write!(f, "run for leader with ballot ({round}, {node})")
            }
            LogFull => f.write_str("the log is full"),
            Lead => f.write_str("a majority promised: lead, and re-propose what they accepted"),
            StepDown => f.write_str("preempted by a higher ballot: step down"),
        }
    }
}
