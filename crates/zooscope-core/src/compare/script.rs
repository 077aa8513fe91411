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
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
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

fn err(line: usize, message: impl Into<String>) -> ScriptError {
    ScriptError {
        line,
        message: message.into(),
    }
}

fn parse_node(line: usize, word: &str) -> Result<u32, ScriptError> {
    let k: u32 = word
        .parse()
        .map_err(|_| err(line, format!("'{word}' is not a node number")))?;
    if k == 0 || k > NODES_MAX {
        return Err(err(line, format!("node {k} is outside 1..{NODES_MAX}")));
    }
    Ok(k)
}

fn parse_nodes(line: usize, words: &[&str]) -> Result<Vec<u32>, ScriptError> {
    let mut out = Vec::new();
    for w in words {
        for part in w.split(',').filter(|p| !p.is_empty()) {
            let k = parse_node(line, part)?;
            if out.contains(&k) {
                return Err(err(line, format!("node {k} is named twice")));
            }
            out.push(k);
        }
    }
    if out.is_empty() {
        return Err(err(line, "name at least one node"));
    }
    Ok(out)
}

fn parse_phase(line: usize, word: &str) -> Result<Phase, ScriptError> {
    Phase::ALL
        .into_iter()
        .find(|p| p.word() == word)
        .ok_or_else(|| {
            err(
                line,
                format!("'{word}' is not a phase (phase1, phase2, phase3)"),
            )
        })
}

fn parse_duration(line: usize, s: &str) -> Result<SimDuration, ScriptError> {
    let (num, unit) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1_000u64)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1_000_000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000_000)
    } else {
        return Err(err(line, format!("'{s}' needs a unit: 200ms, 5s or 2m")));
    };
    let v: u64 = num
        .parse()
        .map_err(|_| err(line, format!("'{s}' is not a duration")))?;
    let d = SimDuration(v.saturating_mul(unit));
    if d > WAIT_MAX {
        return Err(err(line, "a wait is limited to 10 minutes"));
    }
    Ok(d)
}

fn parse_cond(line: usize, words: &[&str]) -> Result<Cond, ScriptError> {
    match words {
        ["phase1-done"] => Ok(Cond::Phase1Done),
        [k, "has", phase] => Ok(Cond::Has(parse_node(line, k)?, parse_phase(line, phase)?)),
        _ => Err(err(
            line,
            "a condition is 'phase1-done' or 'K has phase1|phase2|phase3'",
        )),
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
                let ids = parse_nodes(line, &words).map_err(|_| {
                    err(
                        line,
                        "partition needs groups of nodes: partition 1 2 | 3 4 5",
                    )
                })?;
                if let Some(k) = ids.iter().find(|k| named.contains(k)) {
                    return Err(err(line, format!("node {k} is in two groups")));
                }
                named.extend(&ids);
                groups.push(ids);
            }
            if groups.len() < 2 {
                return Err(err(
                    line,
                    "partition needs groups separated by '|': partition 1 2 | 3 4 5",
                ));
            }
            Ok(Fault::Partition(groups))
        }
        ("crash", _) | ("restart", _) => Err(err(line, format!("{verb} takes one node: {verb} 2"))),
        _ => Err(err(line, "heal takes no argument")),
    }
}

fn parse_value(line: usize, word: &str) -> Result<String, ScriptError> {
    if word.len() > VALUE_MAX || !word.chars().all(|c| c.is_ascii_graphic()) {
        return Err(err(
            line,
            format!("a value is up to {VALUE_MAX} printable characters without spaces"),
        ));
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
            _ => return Err(err(line, "vote takes a node and yes or no: vote 3 no")),
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
            _ => {
                return Err(err(
                    line,
                    "propose takes a value and maybe a node: propose x=1 at 2",
                ))
            }
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
            _ => {
                return Err(err(
                    line,
                    "drop takes a phase and nodes: drop phase2 to 3 4 5",
                ))
            }
        },
        "wait" => match rest {
            [d] => Step::Wait(parse_duration(line, d)?),
            ["until", "decided"] => Step::WaitUntilDecided,
            _ => {
                return Err(err(
                    line,
                    "wait takes a duration (200ms, 5s, 2m) or 'until decided'",
                ))
            }
        },
        "verdict" if rest.is_empty() => Step::Verdict,
        "counters" if rest.is_empty() => Step::Counters,
        other => return Err(err(line, format!("unknown command '{other}'"))),
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
            return Err(err(
                line,
                format!("scripts are limited to {LINES_MAX} lines"),
            ));
        }
        let t = raw.split('#').next().unwrap_or("").trim();
        let words: Vec<&str> = t.split_whitespace().collect();
        match words.first() {
            Some(&"lanes") | Some(&"nodes")
                if script.steps.iter().any(|(_, _, s)| *s != Step::Setup) =>
            {
                return Err(err(
                    line,
                    format!("'{}' must come before the other commands", words[0]),
                ))
            }
            Some(&"lanes") => {
                if lanes_seen {
                    return Err(err(line, "lanes is given twice"));
                }
                lanes_seen = true;
                let mut lanes = Vec::new();
                for w in &words[1..] {
                    let lane = LaneKind::parse(w).ok_or_else(|| {
                        err(
                            line,
                            format!("'{w}' is not a lane (2pc, 3pc, paxos, zab, multipaxos)"),
                        )
                    })?;
                    if lanes.contains(&lane) {
                        return Err(err(line, format!("lane {w} is named twice")));
                    }
                    lanes.push(lane);
                }
                if lanes.is_empty() {
                    return Err(err(line, "name at least one lane: lanes 2pc paxos"));
                }
                script.lanes = lanes;
                script.steps.push((line, t.to_string(), Step::Setup));
            }
            Some(&"nodes") => {
                if nodes_seen {
                    return Err(err(line, "nodes is given twice"));
                }
                nodes_seen = true;
                script.nodes = match words[1..] {
                    [n] => n
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (NODES_MIN..=NODES_MAX).contains(n))
                        .ok_or_else(|| {
                            err(
                                line,
                                format!("nodes takes a number from {NODES_MIN} to {NODES_MAX}"),
                            )
                        })?,
                    _ => return Err(err(line, "nodes takes one number: nodes 5")),
                };
                script.steps.push((line, t.to_string(), Step::Setup));
            }
            _ => {
                if let Some(step) = parse_line(line, raw)? {
                    if matches!(step, Step::Propose { .. }) {
                        proposals += 1;
                        if proposals > PROPOSALS_MAX {
                            return Err(err(line, format!("at most {PROPOSALS_MAX} proposals")));
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
                format!("there is no node {k} (nodes {})", script.nodes),
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
            assert!(e.message.contains(word), "{text}: {e}");
        }
    }

    #[test]
    fn limits_hold() {
        let long = "verdict\n".repeat(LINES_MAX + 1);
        assert!(parse(&long).unwrap_err().message.contains("limited"));
        let many = "propose v\n".repeat(PROPOSALS_MAX + 1);
        assert!(parse(&many).unwrap_err().message.contains("proposals"));
        let big = format!("propose {}\n", "v".repeat(VALUE_MAX + 1));
        assert!(parse(&big).is_err());
    }
}
