//! What a lane's nodes decided, and the lane's verdict from it.
//!
//! A node's [`NodeOutcome`] is its protocol's [`Outcome`] when it runs and `down` when it
//! does not. The [`Verdict`] reads only the running nodes: two different decisions make
//! it `inconsistent`; every running node with the same decision makes it that decision;
//! otherwise a running node that is stuck uncertain (it voted yes and waits for a
//! failed coordinator) makes it `blocked`, and anything else is `undecided`. A lane
//! (`lane::LaneRun`) says `blocked` only while something has failed (a node is down or
//! the network is split): uncertain nodes of a whole, running lane are still waiting.

use crate::protocols::commit::Outcome;
use std::fmt;

/// One node's outcome as the verdict shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NodeOutcome {
    /// It runs and knows this.
    Up(Outcome),
    /// It does not run.
    Down,
}

/// A lane's verdict.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Every running node committed this value.
    Committed(String),
    /// Every running node aborted.
    Aborted,
    /// No disagreement, but a running node is stuck uncertain.
    Blocked,
    /// No decision yet, not blocked.
    Undecided,
    /// Two nodes decided differently.
    Inconsistent,
}

impl Verdict {
    /// Whether every running node has decided (the same or not).
    pub fn is_decided(&self) -> bool {
        matches!(
            self,
            Verdict::Committed(_) | Verdict::Aborted | Verdict::Inconsistent
        )
    }
}

/// The verdict over a lane's node outcomes.
pub fn verdict(outcomes: &[NodeOutcome]) -> Verdict {
    let up: Vec<&Outcome> = outcomes
        .iter()
        .filter_map(|o| match o {
            NodeOutcome::Up(o) => Some(o),
            NodeOutcome::Down => None,
        })
        .collect();
    let decided: Vec<&Outcome> = up
        .iter()
        .copied()
        .filter(|o| matches!(o, Outcome::Committed(_) | Outcome::Aborted))
        .collect();
    if decided.windows(2).any(|w| w[0] != w[1]) {
        return Verdict::Inconsistent;
    }
    if !up.is_empty() && decided.len() == up.len() {
        return match decided[0] {
            Outcome::Committed(v) => Verdict::Committed(v.clone()),
            _ => Verdict::Aborted,
        };
    }
    if up.iter().any(|o| **o == Outcome::Uncertain) {
        Verdict::Blocked
    } else {
        Verdict::Undecided
    }
}

impl fmt::Display for NodeOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeOutcome::Up(Outcome::Committed(v)) => write!(f, "committed {v}"),
            NodeOutcome::Up(Outcome::Aborted) => f.write_str("aborted"),
            NodeOutcome::Up(Outcome::Uncertain) => f.write_str("uncertain"),
            NodeOutcome::Up(Outcome::Undecided) => f.write_str("undecided"),
            NodeOutcome::Down => f.write_str("down"),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Committed(v) => write!(f, "committed {v}"),
            Verdict::Aborted => f.write_str("aborted"),
            Verdict::Blocked => f.write_str("blocked"),
            Verdict::Undecided => f.write_str("undecided"),
            Verdict::Inconsistent => f.write_str("inconsistent"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NodeOutcome::{Down, Up};

    fn c(v: &str) -> NodeOutcome {
        Up(Outcome::Committed(v.into()))
    }

    #[test]
    fn verdicts_follow_the_running_nodes() {
        assert_eq!(
            verdict(&[c("x"), Down, c("x")]),
            Verdict::Committed("x".into())
        );
        assert_eq!(verdict(&[Up(Outcome::Aborted), Down]), Verdict::Aborted);
        assert_eq!(
            verdict(&[c("x"), Up(Outcome::Aborted)]),
            Verdict::Inconsistent
        );
        assert_eq!(
            verdict(&[c("x"), c("y"), Up(Outcome::Uncertain)]),
            Verdict::Inconsistent
        );
        assert_eq!(
            verdict(&[Down, c("x"), Up(Outcome::Uncertain)]),
            Verdict::Blocked
        );
        assert_eq!(
            verdict(&[c("x"), Up(Outcome::Undecided)]),
            Verdict::Undecided
        );
        assert_eq!(verdict(&[Down, Down]), Verdict::Undecided);
        assert_eq!(c("x=1").to_string(), "committed x=1");
    }
}
