//! The comparison lab's typed values in words: lane names, verdicts, outcomes, node
//! stances and ballots, and what a lane reported while the script ran.

use crate::i18n::CompareTexts;
use zooscope_core::compare::lane::{LaneNote, Refused};
use zooscope_core::compare::script::LaneKind;
use zooscope_core::compare::verdict::{NodeOutcome, Verdict};
use zooscope_core::protocols::commit::paxos::Ballot;
use zooscope_core::protocols::commit::view::{NodeView, Stance};
use zooscope_core::protocols::commit::Outcome;

/// A lane's name, the same in every language.
pub fn lane_name(lane: LaneKind) -> &'static str {
    match lane {
        LaneKind::TwoPc => "2PC",
        LaneKind::ThreePc => "3PC",
        LaneKind::Paxos => "Paxos",
        LaneKind::Zab => "ZAB",
        LaneKind::MultiPaxos => "Multi-Paxos",
    }
}

/// A verdict in words.
pub fn verdict_words(t: &CompareTexts, v: &Verdict) -> String {
    match v {
        Verdict::Committed(value) => t.verdicts[0].replace("{v}", value),
        Verdict::Aborted => t.verdicts[1].into(),
        Verdict::Blocked => t.verdicts[2].into(),
        Verdict::Undecided => t.verdicts[3].into(),
        Verdict::Inconsistent => t.verdicts[4].into(),
    }
}

/// The CSS class of a verdict.
pub fn verdict_class(v: &Verdict) -> &'static str {
    match v {
        Verdict::Committed(_) => "verdict verdict-committed",
        Verdict::Aborted => "verdict verdict-aborted",
        Verdict::Blocked => "verdict verdict-blocked",
        Verdict::Undecided => "verdict verdict-undecided",
        Verdict::Inconsistent => "verdict verdict-inconsistent",
    }
}

/// An outcome in words.
pub fn outcome_words(t: &CompareTexts, o: &NodeOutcome) -> String {
    match o {
        NodeOutcome::Up(Outcome::Committed(v)) => t.outcomes[0].replace("{v}", v),
        NodeOutcome::Up(Outcome::Aborted) => t.outcomes[1].into(),
        NodeOutcome::Up(Outcome::Uncertain) => t.outcomes[2].into(),
        NodeOutcome::Up(Outcome::Undecided) => t.outcomes[3].into(),
        NodeOutcome::Down => t.outcomes[4].into(),
    }
}

/// The CSS class of an outcome.
pub fn outcome_class(o: &NodeOutcome) -> &'static str {
    match o {
        NodeOutcome::Up(Outcome::Committed(_)) => "committed",
        NodeOutcome::Up(Outcome::Aborted) => "aborted",
        NodeOutcome::Up(Outcome::Uncertain) => "uncertain",
        NodeOutcome::Up(Outcome::Undecided) => "undecided",
        NodeOutcome::Down => "down",
    }
}

/// A stance in words.
pub fn stance_words(t: &CompareTexts, s: &Stance) -> String {
    let i = match s {
        Stance::Idle => 0,
        Stance::Collecting => 1,
        Stance::Prepared => 2,
        Stance::PreCommitted => 3,
        Stance::Preparing => 4,
        Stance::Accepting => 5,
        Stance::BackingOff => 6,
        Stance::Looking => 7,
        Stance::Leading => 8,
        Stance::Following => 9,
        Stance::Committed(v) => return t.stances[10].replace("{v}", v),
        Stance::Aborted => 11,
    };
    t.stances[i].to_string()
}

/// A ballot as the page writes it: (round, node).
pub fn ballot(b: &Ballot) -> String {
    format!("({}, {})", b.round, b.node + 1)
}

/// One node's line: its stance and what it promised and accepted (a down node: only
/// that). The coordinating node is marked on the ring and in the list, not in words.
pub fn node_line(t: &CompareTexts, o: &NodeOutcome, v: Option<&NodeView>) -> String {
    let Some(v) = v.filter(|_| *o != NodeOutcome::Down) else {
        return outcome_words(t, o);
    };
    let mut parts = vec![stance_words(t, &v.stance)];
    if let Some(b) = &v.promised {
        parts.push(t.promised.replace("{b}", &ballot(b)));
    }
    if let Some((b, value)) = &v.accepted {
        parts.push(t.accepted.replace("{b}", &ballot(b)).replace("{v}", value));
    }
    parts.join(" · ")
}

/// A lane's note in words.
pub fn note_words(t: &CompareTexts, n: &LaneNote) -> String {
    match n {
        LaneNote::Ignored(_) => t.ignored.to_string(),
        LaneNote::Fired { text, .. } => t.fired.replace("{text}", text),
        LaneNote::Refused(why) => {
            let (i, k) = match why {
                Refused::AlreadyDown(k) => (0, k),
                Refused::Running(k) => (1, k),
            };
            t.refused
                .replace("{why}", &t.refusals[i].replace("{k}", &k.to_string()))
        }
        LaneNote::Resubmitted { value, to, .. } => t
            .resubmitted
            .replace("{v}", value)
            .replace("{k}", &to.to_string()),
        LaneNote::NotDecided(v) => t
            .not_decided_after
            .replace("{verdict}", &verdict_words(t, v)),
        LaneNote::StepLimit => t.step_limit.to_string(),
    }
}
