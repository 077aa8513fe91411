//! The comparison lab's fault-script language, parsed (docs/compare-language.md).
//!
//! One command a line, `#` starts a comment. `lanes` and `nodes` set the run up and may
//! only come before the first other command; everything else happens in every lane:
//!
//! ```text
//! lanes 2pc 3pc paxos zab      nodes 5        vote 3 no       propose x=1 [at 2]
//! crash 1 [when COND]          restart 1|all [when COND]      heal [when COND]
//! partition 1 2 | 3 4 5 [when COND]           drop phase2 to 3 4 5
//! wait 60s | wait until decided               verdict         counters
//! COND: phase1-done | K has phase1|phase2|phase3
//! ```
//!
//! Parsing is pure, never panics, and the first bad line is the error, with its number.

use crate::protocols::commit::{Phase, NODES_MAX, NODES_MIN, VALUE_MAX};
use crate::time::SimDuration;
use std::fmt;
use ScriptProblem as P;

/// Longest script accepted, in lines.
pub const LINES_MAX: usize = 1_000;
/// Longest single `wait`.
pub const WAIT_MAX: SimDuration = SimDuration::from_secs(600);
/// Most `propose` lines in a script.
pub const PROPOSALS_MAX: usize = 16;

/// A lane: one protocol run under the script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LaneKind {
    /// Two-phase commit.
    TwoPc,
    /// Three-phase commit.
    ThreePc,
    /// Single-decree Paxos.
    Paxos,
    /// ZooKeeper's atomic broadcast.
    Zab,
    /// Multi-Paxos (not a default lane: name it in `lanes`).
    MultiPaxos,
}

impl LaneKind {
    /// The default lanes, in order.
    pub const ALL: [LaneKind; 4] = [
        LaneKind::TwoPc,
        LaneKind::ThreePc,
        LaneKind::Paxos,
        LaneKind::Zab,
    ];

    /// Every lane there is.
    pub const EVERY: [LaneKind; 5] = [
        LaneKind::TwoPc,
        LaneKind::ThreePc,
        LaneKind::Paxos,
        LaneKind::Zab,
        LaneKind::MultiPaxos,
    ];

    /// The script's and the CLI's word for the lane.
    pub fn word(self) -> &'static str {
        match self {
            LaneKind::TwoPc => "2pc",
            LaneKind::ThreePc => "3pc",
            LaneKind::Paxos => "paxos",
            LaneKind::Zab => "zab",
            LaneKind::MultiPaxos => "multipaxos",
        }
    }

    /// The lane named `word`.
    pub fn parse(word: &str) -> Option<LaneKind> {
        LaneKind::EVERY.into_iter().find(|l| l.word() == word)
    }

    /// Whether the lane has votes (2PC, 3PC).
    pub fn votes(self) -> bool {
        matches!(self, LaneKind::TwoPc | LaneKind::ThreePc)
    }

    /// Whether a client that times out resubmits to the next node: in the consensus
    /// lanes it does; a 2PC/3PC transaction belongs to its coordinator.
    pub fn client_retries(self) -> bool {
        !self.votes()
    }
}

/// A problem with a script line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    /// 1-based line number (0: the script as a whole, e.g. a lane that would not start).
    pub line: usize,
    /// What is wrong, as data: the UI words it (`src/i18n/compare_errors.rs`), the CLI
    /// prints its English [`fmt::Display`].
    pub problem: ScriptProblem,
}

/// What is wrong with a script line. Words the learner typed travel as they were typed
/// (a command word, a lane name); everything else is a typed field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptProblem {
    /// A node argument that is not a number.
    NotANode(String),
    /// A node number outside `1..=NODES_MAX`.
    NodeOutOfRange(u32),
    /// A node named twice in one list.
    NodeTwice(u32),
    /// An empty node list.
    NoNodes,
    /// A word where a phase (`phase1` … `phase3`) belongs.
    NotAPhase(String),
    /// A duration without a unit.
    NoUnit(String),
    /// A duration that is not a number.
    NotADuration(String),
    /// A `wait` longer than [`WAIT_MAX`].
    WaitTooLong,
    /// A `when` condition of neither form.
    BadCondition,
    /// A `partition` group that is not a node list.
    PartitionGroups,
    /// A node in two partition groups.
    NodeInTwoGroups(u32),
    /// A `partition` with fewer than two groups.
    PartitionNeedsTwo,
    /// `crash` or `restart` (the word) without exactly one node.
    TakesOneNode(String),
    /// `heal` with an argument.
    HealTakesNone,
    /// A proposed value that is too long or has spaces or unprintable characters.
    BadValue,
    /// `vote` not followed by a node and yes/no.
    VoteUsage,
    /// `propose` not followed by a value and maybe `at K`.
    ProposeUsage,
    /// `drop` not followed by a phase, `to` and nodes.
    DropUsage,
    /// `wait` not followed by a duration or `until decided`.
    WaitUsage,
    /// A command word the language does not have.
    UnknownCommand(String),
    /// More than [`LINES_MAX`] lines.
    TooManyLines,
    /// `lanes` or `nodes` (the word) after another command.
    SetupFirst(String),
    /// `lanes` twice.
    LanesTwice,
    /// A word that names no lane.
    NotALane(String),
    /// A lane named twice.
    LaneTwice(String),
    /// `lanes` with no lane.
    NoLanes,
    /// `nodes` twice.
    NodesTwice,
    /// `nodes` outside `NODES_MIN..=NODES_MAX`.
    NodesRange,
    /// `nodes` without exactly one argument.
    NodesUsage,
    /// More than [`PROPOSALS_MAX`] proposals.
    TooManyProposals,
    /// A node number above the script's `nodes`.
    NoSuchNode {
        /// The node named.
        node: u32,
        /// The script's node count.
        nodes: u32,
    },
    /// A lane whose simulated cluster did not come up (a bug, not a script mistake; the
    /// detail is the core's diagnostic).
    LaneDidNotStart {
        /// The lane.
        lane: LaneKind,
        /// What went wrong, for a bug report.
        detail: String,
    },
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

impl fmt::Display for ScriptProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            P::NotANode(w) => write!(f, "'{w}' is not a node number"),
            P::NodeOutOfRange(k) => write!(f, "node {k} is outside 1..{NODES_MAX}"),
            P::NodeTwice(k) => write!(f, "node {k} is named twice"),
            P::NoNodes => f.write_str("name at least one node"),
            P::NotAPhase(w) => write!(f, "'{w}' is not a phase (phase1, phase2, phase3)"),
            P::NoUnit(w) => write!(f, "'{w}' needs a unit: 200ms, 5s or 2m"),
            P::NotADuration(w) => write!(f, "'{w}' is not a duration"),
            P::WaitTooLong => f.write_str("a wait is limited to 10 minutes"),
            P::BadCondition => {
                f.write_str("a condition is 'phase1-done' or 'K has phase1|phase2|phase3'")
            }
            P::PartitionGroups => {
                f.write_str("partition needs groups of nodes: partition 1 2 | 3 4 5")
            }
            P::NodeInTwoGroups(k) => write!(f, "node {k} is in two groups"),
            P::PartitionNeedsTwo => {
                f.write_str("partition needs groups separated by '|': partition 1 2 | 3 4 5")
            }
            P::TakesOneNode(v) => write!(f, "{v} takes one node: {v} 2"),
            P::HealTakesNone => f.write_str("heal takes no argument"),
            P::BadValue => write!(
                f,
                "a value is up to {VALUE_MAX} printable characters without spaces"
            ),
            P::VoteUsage => f.write_str("vote takes a node and yes or no: vote 3 no"),
            P::ProposeUsage => {
                f.write_str("propose takes a value and maybe a node: propose x=1 at 2")
            }
            P::DropUsage => f.write_str("drop takes a phase and nodes: drop phase2 to 3 4 5"),
            P::WaitUsage => f.write_str("wait takes a duration (200ms, 5s, 2m) or 'until decided'"),
            P::UnknownCommand(w) => write!(f, "unknown command '{w}'"),
            P::TooManyLines => write!(f, "scripts are limited to {LINES_MAX} lines"),
            P::SetupFirst(w) => write!(f, "'{w}' must come before the other commands"),
            P::LanesTwice => f.write_str("lanes is given twice"),
            P::NotALane(w) => write!(f, "'{w}' is not a lane (2pc, 3pc, paxos, zab, multipaxos)"),
            P::LaneTwice(w) => write!(f, "lane {w} is named twice"),
            P::NoLanes => f.write_str("name at least one lane: lanes 2pc paxos"),
            P::NodesTwice => f.write_str("nodes is given twice"),
            P::NodesRange => write!(f, "nodes takes a number from {NODES_MIN} to {NODES_MAX}"),
            P::NodesUsage => f.write_str("nodes takes one number: nodes 5"),
            P::TooManyProposals => write!(f, "at most {PROPOSALS_MAX} proposals"),
            P::NoSuchNode { node, nodes } => write!(f, "there is no node {node} (nodes {nodes})"),
            P::LaneDidNotStart { detail, .. } => f.write_str(detail),
        }
    }
}

impl std::error::Error for ScriptError {}

/// When a conditional command applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cond {
    /// The coordinating node has every phase-1 reply it waits for.
    Phase1Done,
    /// Node K (1-based) has received a message of this phase.
    Has(u32, Phase),
}

/// A fault, applied now or when a condition holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Crash node K.
    Crash(u32),
    /// Restart node K.
    Restart(u32),
    /// Restart every crashed node.
    RestartAll,
    /// Split the nodes into groups (unnamed nodes join the first group).
    Partition(Vec<Vec<u32>>),
    /// Remove every partition and every `drop` rule.
    Heal,
}

/// One command.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// Participant K will vote yes or no.
    Vote {
        /// The node.
        node: u32,
        /// Its vote.
        yes: bool,
    },
    /// A client asks node `at` (default 1) to commit `value`.
    Propose {
        /// The value.
        value: String,
        /// The node asked.
        at: u32,
    },
    /// A fault, maybe conditional.
    Fault {
        /// What.
        fault: Fault,
        /// When, if not now.
        when: Option<Cond>,
    },
    /// Lose messages of a phase sent to these nodes, until `heal`.
    Drop {
        /// The phase.
        phase: Phase,
        /// Receivers.
        to: Vec<u32>,
    },
    /// Let time pass.
    Wait(SimDuration),
    /// Run until every lane has decided (or a limit).
    WaitUntilDecided,
    /// Print each lane's verdict.
    Verdict,
    /// Print each lane's counters.
    Counters,
    /// `lanes` or `nodes`: read when parsing, echoed when running.
    Setup,
}

/// A parsed script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    /// The lanes, in order.
    pub lanes: Vec<LaneKind>,
    /// Node count.
    pub nodes: u32,
    /// The commands with their line number and text.
    pub steps: Vec<(usize, String, Step)>,
}

/// The error of a lane that did not start (see [`ScriptProblem::LaneDidNotStart`]).
pub fn lane_did_not_start(lane: LaneKind, detail: String) -> ScriptError {
    err(0, P::LaneDidNotStart { lane, detail })
}

fn err(line: usize, problem: ScriptProblem) -> ScriptError {
    ScriptError { line, problem }
}

fn parse_node(line: usize, word: &str) -> Result<u32, ScriptError> {
    let k: u32 = word
        .parse()
        .map_err(|_| err(line, P::NotANode(word.to_string())))?;
    if k == 0 || k > NODES_MAX {
        return Err(err(line, P::NodeOutOfRange(k)));
    }
    Ok(k)
}

fn parse_nodes(line: usize, words: &[&str]) -> Result<Vec<u32>, ScriptError> {
    let mut out = Vec::new();
    for w in words {
        for part in w.split(',').filter(|p| !p.is_empty()) {
            let k = parse_node(line, part)?;
            if out.contains(&k) {
                return Err(err(line, P::NodeTwice(k)));
            }
            out.push(k);
        }
    }
    if out.is_empty() {
        return Err(err(line, P::NoNodes));
    }
    Ok(out)
}

fn parse_phase(line: usize, word: &str) -> Result<Phase, ScriptError> {
    Phase::ALL
        .into_iter()
        .find(|p| p.word() == word)
        .ok_or_else(|| err(line, P::NotAPhase(word.to_string())))
}

fn parse_duration(line: usize, s: &str) -> Result<SimDuration, ScriptError> {
    let (num, unit) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1_000u64)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1_000_000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000_000)
    } else {
        return Err(err(line, P::NoUnit(s.to_string())));
    };
    let v: u64 = num
        .parse()
        .map_err(|_| err(line, P::NotADuration(s.to_string())))?;
    let d = SimDuration(v.saturating_mul(unit));
    if d > WAIT_MAX {
        return Err(err(line, P::WaitTooLong));
    }
    Ok(d)
}

fn parse_cond(line: usize, words: &[&str]) -> Result<Cond, ScriptError> {
    match words {
        ["phase1-done"] => Ok(Cond::Phase1Done),
        [k, "has", phase] => Ok(Cond::Has(parse_node(line, k)?, parse_phase(line, phase)?)),
        _ => Err(err(line, P::BadCondition)),
    }
}

fn parse_fault(line: usize, verb: &str, rest: &[&str]) -> Result<Fault, ScriptError> {
    match (verb, rest) {
        ("crash", [k]) => Ok(Fault::Crash(parse_node(line, k)?)),
        ("restart", ["all"]) => Ok(Fault::RestartAll),
        ("restart", [k]) => Ok(Fault::Restart(parse_node(line, k)?)),
        ("heal", []) => Ok(Fault::Heal),
        ("partition", _) => {
            let joined = rest.join(" ");
            let mut groups = Vec::new();
            let mut named: Vec<u32> = Vec::new();
            for g in joined.split('|') {
                let words: Vec<&str> = g.split_whitespace().collect();
                let ids = parse_nodes(line, &words).map_err(|_| err(line, P::PartitionGroups))?;
                if let Some(k) = ids.iter().find(|k| named.contains(k)) {
                    return Err(err(line, P::NodeInTwoGroups(*k)));
                }
                named.extend(&ids);
                groups.push(ids);
            }
            if groups.len() < 2 {
                return Err(err(line, P::PartitionNeedsTwo));
            }
            Ok(Fault::Partition(groups))
        }
        ("crash", _) | ("restart", _) => Err(err(line, P::TakesOneNode(verb.to_string()))),
        _ => Err(err(line, P::HealTakesNone)),
    }
}

fn parse_value(line: usize, word: &str) -> Result<String, ScriptError> {
    if word.len() > VALUE_MAX || !word.chars().all(|c| c.is_ascii_graphic()) {
        return Err(err(line, P::BadValue));
    }
    Ok(word.to_string())
}

/// Parse one line: `None` for blank lines and comments.
fn parse_line(line: usize, text: &str) -> Result<Option<Step>, ScriptError> {
    let t = text.split('#').next().unwrap_or("").trim();
    if t.is_empty() {
        return Ok(None);
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let (verb, rest) = (words[0], &words[1..]);
    let step = match verb {
        "vote" => match rest {
            [k, v @ ("yes" | "no")] => Step::Vote {
                node: parse_node(line, k)?,
                yes: *v == "yes",
            },
            _ => return Err(err(line, P::VoteUsage)),
        },
        "propose" => match rest {
            [v] => Step::Propose {
                value: parse_value(line, v)?,
                at: 1,
            },
            [v, "at", k] => Step::Propose {
                value: parse_value(line, v)?,
                at: parse_node(line, k)?,
            },
            _ => return Err(err(line, P::ProposeUsage)),
        },
        "crash" | "restart" | "partition" | "heal" => {
            let (args, when) = match rest.iter().position(|w| *w == "when") {
                Some(i) => (&rest[..i], Some(parse_cond(line, &rest[i + 1..])?)),
                None => (rest, None),
            };
            Step::Fault {
                fault: parse_fault(line, verb, args)?,
                when,
            }
        }
        "drop" => match rest {
            [phase, "to", nodes @ ..] => Step::Drop {
                phase: parse_phase(line, phase)?,
                to: parse_nodes(line, nodes)?,
            },
            _ => return Err(err(line, P::DropUsage)),
        },
        "wait" => match rest {
            [d] => Step::Wait(parse_duration(line, d)?),
            ["until", "decided"] => Step::WaitUntilDecided,
            _ => return Err(err(line, P::WaitUsage)),
        },
        "verdict" if rest.is_empty() => Step::Verdict,
        "counters" if rest.is_empty() => Step::Counters,
        other => return Err(err(line, P::UnknownCommand(other.to_string()))),
    };
    Ok(Some(step))
}

/// Parse a whole script; the first bad line is the error.
pub fn parse(text: &str) -> Result<Script, ScriptError> {
    let mut script = Script {
        lanes: LaneKind::ALL.to_vec(),
        nodes: 5,
        steps: Vec::new(),
    };
    let mut lanes_seen = false;
    let mut nodes_seen = false;
    let mut proposals = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if i >= LINES_MAX {
            return Err(err(line, P::TooManyLines));
        }
        let t = raw.split('#').next().unwrap_or("").trim();
        let words: Vec<&str> = t.split_whitespace().collect();
        match words.first() {
            Some(&"lanes") | Some(&"nodes")
                if script.steps.iter().any(|(_, _, s)| *s != Step::Setup) =>
            {
                return Err(err(line, P::SetupFirst(words[0].to_string())))
            }
            Some(&"lanes") => {
                if lanes_seen {
                    return Err(err(line, P::LanesTwice));
                }
                lanes_seen = true;
                let mut lanes = Vec::new();
                for w in &words[1..] {
                    let lane =
                        LaneKind::parse(w).ok_or_else(|| err(line, P::NotALane(w.to_string())))?;
                    if lanes.contains(&lane) {
                        return Err(err(line, P::LaneTwice(w.to_string())));
                    }
                    lanes.push(lane);
                }
                if lanes.is_empty() {
                    return Err(err(line, P::NoLanes));
                }
                script.lanes = lanes;
                script.steps.push((line, t.to_string(), Step::Setup));
            }
            Some(&"nodes") => {
                if nodes_seen {
                    return Err(err(line, P::NodesTwice));
                }
                nodes_seen = true;
                script.nodes = match words[1..] {
                    [n] => n
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (NODES_MIN..=NODES_MAX).contains(n))
                        .ok_or_else(|| err(line, P::NodesRange))?,
                    _ => return Err(err(line, P::NodesUsage)),
                };
                script.steps.push((line, t.to_string(), Step::Setup));
            }
            _ => {
                if let Some(step) = parse_line(line, raw)? {
                    if matches!(step, Step::Propose { .. }) {
                        proposals += 1;
                        if proposals > PROPOSALS_MAX {
                            return Err(err(line, P::TooManyProposals));
                        }
                    }
                    script.steps.push((line, t.to_string(), step));
                }
            }
        }
    }
    for (line, _, step) in &script.steps {
        let named: Vec<u32> = match step {
            Step::Vote { node, .. } => vec![*node],
            Step::Propose { at, .. } => vec![*at],
            Step::Fault { fault, when } => {
                let mut v = match fault {
                    Fault::Crash(k) | Fault::Restart(k) => vec![*k],
                    Fault::Partition(groups) => groups.concat(),
                    Fault::RestartAll | Fault::Heal => vec![],
                };
                if let Some(Cond::Has(k, _)) = when {
                    v.push(*k);
                }
                v
            }
            Step::Drop { to, .. } => to.clone(),
            _ => vec![],
        };
        if let Some(k) = named.iter().find(|&&k| k > script.nodes) {
            return Err(err(
                *line,
                P::NoSuchNode {
                    node: *k,
                    nodes: script.nodes,
                },
            ));
        }
    }
    Ok(script)
}

impl fmt::Display for Cond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cond::Phase1Done => f.write_str("phase1-done"),
            Cond::Has(k, p) => write!(f, "{k} has {}", p.word()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_example_parses() {
        let s = parse(
            "lanes 2pc 3pc paxos zab  # all\nnodes 5\nvote 3 no\npropose x=1 at 2\n\
             crash 1 when phase1-done\npartition 1 2 | 3 4 5 when 2 has phase2\nheal\n\
             drop phase2 to 3 4 5\nwait 60s\nwait until decided\nverdict\n",
        )
        .unwrap();
        assert_eq!(s.lanes, LaneKind::ALL.to_vec());
        assert_eq!(s.nodes, 5);
        assert_eq!(s.steps.len(), 11);
        assert_eq!(
            s.steps[5].2,
            Step::Fault {
                fault: Fault::Partition(vec![vec![1, 2], vec![3, 4, 5]]),
                when: Some(Cond::Has(2, Phase::Two)),
            }
        );
        assert_eq!(s.steps[0].1, "lanes 2pc 3pc paxos zab");
        assert_eq!(s.steps[2].1, "vote 3 no");
    }

    #[test]
    fn bad_lines_name_their_line() {
        for (text, line, word) in [
            ("nodes 5\nfly away\n", 2, "unknown"),
            ("nodes 12\n", 1, "from 3 to 9"),
            ("lanes 2pc raft\n", 1, "not a lane"),
            ("propose x=1\nnodes 3\n", 2, "before"),
            ("nodes 3\ncrash 4\n", 2, "no node 4"),
            ("crash 1 when 2 has phase7\n", 1, "not a phase"),
            ("crash 1 when soon\n", 1, "condition"),
            ("partition 1 2\n", 1, "groups"),
            ("partition 1 2 | 2 3\n", 1, "two groups"),
            ("wait 5\n", 1, "unit"),
            ("wait 11m\n", 1, "10 minutes"),
            ("vote 2 maybe\n", 1, "yes or no"),
            ("drop phase2 3\n", 1, "drop takes"),
            ("\n\nheal now\n", 3, "no argument"),
        ] {
            let e = parse(text).expect_err(text);
            assert_eq!(e.line, line, "{text}: {e}");
            assert!(e.to_string().contains(word), "{text}: {e}");
        }
    }

    #[test]
    fn limits_hold() {
        let long = "verdict\n".repeat(LINES_MAX + 1);
        assert!(parse(&long).unwrap_err().to_string().contains("limited"));
        let many = "propose v\n".repeat(PROPOSALS_MAX + 1);
        assert!(parse(&many).unwrap_err().to_string().contains("proposals"));
        let big = format!("propose {}\n", "v".repeat(VALUE_MAX + 1));
        assert!(parse(&big).is_err());
    }
}
