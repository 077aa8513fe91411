//! What the comparison lab's safety checkers (`compare::invariants`) report, as data.
//!
//! `Display` is the English line of the CLI (`LANE: invariant NAME broken at T: …`) and
//! a detail hashes as that text (`hash_as_text`), the `String` it replaced. The UI words
//! them in `src/i18n/compare_notes.rs`. Node numbers are the script's (1-based).

use super::Decision;
use std::fmt;

/// One broken safety property of a commit or consensus lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommitViolation {
    /// Atomicity: a node reversed its decision.
    Reversed {
        /// The node.
        node: u32,
        /// Its first decision.
        first: Decision,
        /// The later one.
        then: Decision,
    },
    /// Atomicity: two nodes decided differently.
    Split {
        /// One node and its decision.
        a: (u32, Decision),
        /// Another node and its different decision.
        b: (u32, Decision),
    },
    /// Agreement (or, with a slot, Multi-Paxos agreement per slot): two values chosen.
    BothChosen {
        /// The log slot (Multi-Paxos only).
        slot: Option<u32>,
        /// The value chosen first.
        first: String,
        /// The other.
        other: String,
    },
    /// Validity: a node decided a value nobody proposed.
    Unproposed {
        /// The node.
        node: u32,
        /// The value.
        value: String,
    },
}

crate::hash_as_text!(CommitViolation);

struct Did<'a>(&'a Decision);

impl fmt::Display for Did<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Decision::Commit(v) => write!(f, "committed {v}"),
            Decision::Abort => f.write_str("aborted"),
        }
    }
}

impl fmt::Display for CommitViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommitViolation::Reversed { node, first, then } => {
                write!(f, "node {node} {} and later {}", Did(first), Did(then))
            }
            CommitViolation::Split { a, b } => write!(
                f,
                "node {} {} while node {} {}",
                a.0,
                Did(&a.1),
                b.0,
                Did(&b.1)
            ),
            CommitViolation::BothChosen {
                slot: Some(slot),
                first,
                other,
            } => write!(f, "slot {slot}: both {first} and {other} were chosen"),
            CommitViolation::BothChosen {
                slot: None,
                first,
                other,
            } => write!(f, "both {first} and {other} were chosen"),
            CommitViolation::Unproposed { node, value } => {
                write!(f, "node {node} decided {value}, which nobody proposed")
            }
        }
    }
}
