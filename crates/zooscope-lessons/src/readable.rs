//! What a quiz reads from the live world (`answer:`) and what a step waits for (`until:`),
//! `docs/lessons-format.md` §4–5.
//!
//! Values are read from the simulation's state, never by sending requests, so reading
//! changes nothing: a server's mode and last processed zxid, and the data tree of the
//! server that leads (or the standalone server). Every value is a plain string spelt the
//! way zkCli or `zkServer.sh status` prints it, so a choice's VALUE is compared as text.

use crate::LessonError;
use serde::{Deserialize, Serialize};
use zooscope_core::compare::verdict::Verdict;
use zooscope_core::compare::LaneVerdict;
use zooscope_core::protocols::zookeeper::data::tree::DataTree;
use zooscope_core::protocols::zookeeper::node::ZkNode;
use zooscope_core::scenario::lock_view::holder_in_tree;
use zooscope_core::scenario::{Condition, Runner, Step};
use zooscope_core::world::World;

/// A Stat field, spelt as zkCli prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatField {
    /// `cZxid`
    CZxid,
    /// `mZxid`
    MZxid,
    /// `pZxid`
    PZxid,
    /// `cversion`
    Cversion,
    /// `dataVersion`
    DataVersion,
    /// `aclVersion`
    AclVersion,
    /// `ephemeralOwner`
    EphemeralOwner,
    /// `dataLength`
    DataLength,
    /// `numChildren`
    NumChildren,
}

const FIELDS: [(&str, StatField); 9] = [
    ("cZxid", StatField::CZxid),
    ("mZxid", StatField::MZxid),
    ("pZxid", StatField::PZxid),
    ("cversion", StatField::Cversion),
    ("dataVersion", StatField::DataVersion),
    ("aclVersion", StatField::AclVersion),
    ("ephemeralOwner", StatField::EphemeralOwner),
    ("dataLength", StatField::DataLength),
    ("numChildren", StatField::NumChildren),
];

/// What a quiz reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Readable {
    /// The server that leads and serves: its id, `standalone` or `none`.
    Leader,
    /// A server's state word.
    StatusOf(u64),
    /// A server's last processed zxid.
    ZxidOf(u64),
    /// A Stat field of a path on the leader.
    Field(StatField, String),
    /// A path's data as `get` prints it.
    Data(String),
    /// A path's children as `ls` prints them.
    Children(String),
    /// Whether a path exists: `yes` / `no`.
    Exists(String),
    /// The output of the K-th `run` line (1-based).
    OutputOf(usize),
    /// The client holding a lock: the owner of the first node of its queue.
    Holder(String),
    /// A lane's verdict (needs the compare lab).
    Verdict(String),
}

/// What a step waits for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Until {
    /// The scenario language's `wait until` conditions (`leader`, `leader 2`, `stable`,
    /// `status 1 follower`), as the scenario parser reads them.
    Scenario(Condition),
    /// A path exists on the leader.
    Exists(String),
    /// A path is gone from the leader.
    Gone(String),
    /// A path has exactly N children on the leader.
    Children(String, u64),
    /// A client holds a lock: its node is the first of the queue.
    Holds(String, String),
    /// Every compare lane decided or is blocked (needs the compare lab).
    Decided,
}

impl std::fmt::Display for Until {
    /// The condition as a lesson writes it after `until:`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Until::Scenario(Condition::Leader(None)) => write!(f, "leader"),
            Until::Scenario(Condition::Leader(Some(n))) => write!(f, "leader {n}"),
            Until::Scenario(Condition::Stable) => write!(f, "stable"),
            Until::Scenario(Condition::Status(n, st)) => write!(f, "status {n} {st}"),
            Until::Exists(p) => write!(f, "{p} exists"),
            Until::Gone(p) => write!(f, "{p} gone"),
            Until::Children(p, n) => write!(f, "{p} has {n} children"),
            Until::Holds(name, p) => write!(f, "{name} holds {p}"),
            Until::Decided => write!(f, "decided"),
        }
    }
}

fn path_word(line: usize, w: &str) -> Result<String, LessonError> {
    if w.starts_with('/') && !w.contains(char::is_whitespace) {
        Ok(w.to_string())
    } else {
        Err(LessonError::at(line, format!("'{w}' is not a path")))
    }
}

fn number(line: usize, w: &str, what: &str) -> Result<u64, LessonError> {
    w.parse()
        .map_err(|_| LessonError::at(line, format!("'{w}' is not {what}")))
}

impl Readable {
    /// Parse an `answer:` value.
    pub fn parse(line: usize, text: &str) -> Result<Self, LessonError> {
        let w: Vec<&str> = text.split_whitespace().collect();
        Ok(match w.as_slice() {
            ["leader"] => Readable::Leader,
            ["status", "of", n] => Readable::StatusOf(number(line, n, "a server id")?),
            ["zxid", "of", "server", n] => Readable::ZxidOf(number(line, n, "a server id")?),
            ["data", "of", p] => Readable::Data(path_word(line, p)?),
            ["children", "of", p] => Readable::Children(path_word(line, p)?),
            ["exists", p] => Readable::Exists(path_word(line, p)?),
            ["output", "of", "line", k] => {
                let k = number(line, k, "a line number")?;
                if k == 0 {
                    return Err(LessonError::at(line, "run lines are counted from 1"));
                }
                Readable::OutputOf(k as usize)
            }
            ["holder", "of", p] => Readable::Holder(path_word(line, p)?),
            ["verdict", "of", lane] => Readable::Verdict((*lane).to_string()),
            [field, "of", p] => match FIELDS.iter().find(|(name, _)| name == field) {
                Some((_, f)) => Readable::Field(*f, path_word(line, p)?),
                None => {
                    return Err(LessonError::at(
                        line,
                        format!("'{field}' is not a Stat field"),
                    ))
                }
            },
            _ => {
                return Err(LessonError::at(
                    line,
                    format!(
                        "'{text}' is not something a quiz can read (see docs/lessons-format.md §5)"
                    ),
                ))
            }
        })
    }

    /// Whether a choice's VALUE matches the value read (`output of` matches by containing).
    pub fn matches(&self, value: &str, read: &str) -> bool {
        match self {
            Readable::OutputOf(_) => read.contains(value),
            _ => read == value,
        }
    }
}

impl Until {
    /// Parse an `until:` value.
    pub fn parse(line: usize, text: &str) -> Result<Self, LessonError> {
        let w: Vec<&str> = text.split_whitespace().collect();
        Ok(match w.as_slice() {
            ["leader"] | ["leader", _] | ["stable"] | ["status", _, ..] => {
                let as_line = format!("wait until {}", w.join(" "));
                let script = zooscope_core::scenario::parse(&as_line)
                    .map_err(|e| LessonError::at(line, e.message))?;
                match script.steps.into_iter().next() {
                    Some((_, _, Step::WaitUntil(c))) => Until::Scenario(c),
                    _ => return Err(LessonError::at(line, format!("'{text}' is not a condition"))),
                }
            }
            ["decided"] => Until::Decided,
            [p, "exists"] => Until::Exists(path_word(line, p)?),
            [p, "gone"] => Until::Gone(path_word(line, p)?),
            [p, "has", n, "children" | "child"] => {
                Until::Children(path_word(line, p)?, number(line, n, "a number")?)
            }
            [name, "holds", p] => Until::Holds((*name).to_string(), path_word(line, p)?),
            _ => {
                return Err(LessonError::at(
                    line,
                    format!("'{text}' is not a condition a step can wait for (see docs/lessons-format.md §4)"),
                ))
            }
        })
    }
}

/// The id of the server that leads and serves, `standalone`, or `none`.
pub fn leader_word(world: &World<ZkNode>) -> String {
    match Runner::leader(world) {
        Some(sid) if Runner::status_of(world, sid) == "standalone" => "standalone".into(),
        Some(sid) => sid.to_string(),
        None => "none".into(),
    }
}

/// The data tree of the server that leads (or the standalone server).
pub fn leader_tree(world: &World<ZkNode>) -> Option<&DataTree> {
    let node = world.config().node_of(Runner::leader(world)?)?;
    world
        .node(node)
        .and_then(ZkNode::server)
        .map(|srv| &srv.store.db.tree)
}

/// Why a value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The form reads the leader's tree and no server leads.
    NoLeader,
    /// The form needs another kind of lab (a verdict needs a compare lab; a tree or a
    /// leader needs an election or locks lab).
    Pending(&'static str),
    /// `verdict of LANE` names a lane the compare lab does not run.
    NoLane(String),
    /// `output of line K` names a line the quiz does not have.
    NoSuchLine(usize),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NoLeader => write!(f, "no server leads, so there is no tree to read"),
            ReadError::Pending(what) => write!(f, "reading this needs {what}"),
            ReadError::NoSuchLine(k) => write!(f, "the quiz has no run line {k}"),
            ReadError::NoLane(l) => write!(f, "this compare lab has no {l} lane"),
        }
    }
}

/// Read `what` from `world`; `outputs` are the outputs of the quiz's `run` lines.
pub fn read(
    world: &World<ZkNode>,
    what: &Readable,
    outputs: &[Vec<String>],
) -> Result<String, ReadError> {
    let tree = || leader_tree(world).ok_or(ReadError::NoLeader);
    Ok(match what {
        Readable::Leader => leader_word(world),
        Readable::StatusOf(n) => Runner::status_of(world, *n),
        Readable::ZxidOf(n) => {
            let z = world
                .config()
                .node_of(*n)
                .and_then(|id| world.node(id))
                .and_then(ZkNode::server)
                .map_or(0, |s| s.store.last_processed());
            format!("0x{z:x}")
        }
        Readable::Field(field, path) => match tree()?.get(path) {
            None => "missing".into(),
            Some(node) => {
                let s = node.client_stat();
                match field {
                    StatField::CZxid => format!("0x{:x}", s.czxid),
                    StatField::MZxid => format!("0x{:x}", s.mzxid),
                    StatField::PZxid => format!("0x{:x}", s.pzxid),
                    StatField::Cversion => s.cversion.to_string(),
                    StatField::DataVersion => s.version.to_string(),
                    StatField::AclVersion => s.aversion.to_string(),
                    StatField::EphemeralOwner => format!("0x{:x}", s.ephemeral_owner),
                    StatField::DataLength => s.data_length.to_string(),
                    StatField::NumChildren => s.num_children.to_string(),
                }
            }
        },
        Readable::Data(path) => match tree()?.get(path) {
            None => "missing".into(),
            Some(node) => node.data.as_ref().map_or_else(
                || "null".into(),
                |d| String::from_utf8_lossy(d).into_owned(),
            ),
        },
        Readable::Children(path) => match tree()?.get(path) {
            None => "missing".into(),
            Some(node) => format!("[{}]", node.children_sorted().join(", ")),
        },
        Readable::Exists(path) => if tree()?.get(path).is_some() {
            "yes"
        } else {
            "no"
        }
        .into(),
        Readable::OutputOf(k) => outputs
            .get(k - 1)
            .ok_or(ReadError::NoSuchLine(*k))?
            .join("\n"),
        // The holder as ZooKeeper records it: the owner of the first node of the queue.
        Readable::Holder(path) => holder_in_tree(world, path).unwrap_or_else(|| "none".into()),
        Readable::Verdict(_) => return Err(ReadError::Pending("a compare lab")),
    })
}

/// Read `what` from a compare lab's lanes (`verdict of LANE` gives the CLI's verdict
/// words: `committed VALUE`, `aborted`, `blocked`, `undecided`, `inconsistent`);
/// `outputs` are the outputs of the quiz's `run` lines.
pub fn read_lanes(
    lanes: &[LaneVerdict],
    what: &Readable,
    outputs: &[Vec<String>],
) -> Result<String, ReadError> {
    match what {
        Readable::Verdict(lane) => lanes
            .iter()
            .find(|v| v.lane.word() == lane)
            .map(|v| v.verdict.to_string())
            .ok_or_else(|| ReadError::NoLane(lane.clone())),
        Readable::OutputOf(k) => Ok(outputs
            .get(k - 1)
            .ok_or(ReadError::NoSuchLine(*k))?
            .join("\n")),
        _ => Err(ReadError::Pending("an election or locks lab")),
    }
}

/// Whether `until` holds on a compare lab's lanes (`None` for the forms that read a
/// ZooKeeper world). `decided`: every lane has decided or is blocked.
pub fn lanes_hold(lanes: &[LaneVerdict], until: &Until) -> Option<bool> {
    match until {
        Until::Decided => Some(
            lanes
                .iter()
                .all(|v| v.verdict.is_decided() || v.verdict == Verdict::Blocked),
        ),
        _ => None,
    }
}

/// Whether `until` holds in `world` now (`None` for the forms only pending labs give).
pub fn holds(world: &World<ZkNode>, until: &Until) -> Option<bool> {
    let tree = leader_tree(world);
    let get = |p: &str| tree.and_then(|t| t.get(p));
    Some(match until {
        Until::Scenario(c) => Runner::holds(world, c),
        Until::Exists(p) => get(p).is_some(),
        Until::Gone(p) => tree.is_some() && get(p).is_none(),
        Until::Children(p, n) => get(p).is_some_and(|node| node.num_children() as u64 == *n),
        Until::Holds(name, p) => holder_in_tree(world, p).as_deref() == Some(name.as_str()),
        Until::Decided => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_documented_form() {
        for (text, want) in [
            ("leader", Readable::Leader),
            ("status of 3", Readable::StatusOf(3)),
            ("zxid of server 1", Readable::ZxidOf(1)),
            (
                "cZxid of /b",
                Readable::Field(StatField::CZxid, "/b".into()),
            ),
            (
                "numChildren of /a",
                Readable::Field(StatField::NumChildren, "/a".into()),
            ),
            ("data of /a", Readable::Data("/a".into())),
            ("children of /lock", Readable::Children("/lock".into())),
            ("exists /w", Readable::Exists("/w".into())),
            ("output of line 2", Readable::OutputOf(2)),
            ("holder of /t", Readable::Holder("/t".into())),
            ("verdict of 2pc", Readable::Verdict("2pc".into())),
        ] {
            assert_eq!(Readable::parse(1, text).unwrap(), want, "{text}");
        }
        for bad in [
            "",
            "leaders",
            "foo of /a",
            "output of line 0",
            "data of a",
            "status of x",
        ] {
            assert!(Readable::parse(7, bad).is_err(), "{bad}");
        }
        assert_eq!(
            Until::parse(1, "/m gone").unwrap(),
            Until::Gone("/m".into())
        );
        assert_eq!(
            Until::parse(1, "/a has 2 children").unwrap(),
            Until::Children("/a".into(), 2)
        );
        assert_eq!(
            Until::parse(1, "status 2 follower").unwrap(),
            Until::Scenario(Condition::Status(2, "follower".into()))
        );
        assert_eq!(
            Until::parse(1, "status 2 not running").unwrap().to_string(),
            "status 2 not running"
        );
        assert!(Until::parse(1, "status 2 sleepy").is_err());
        assert!(Until::parse(1, "soon").is_err());
    }

    #[test]
    fn output_matches_by_containing() {
        let r = Readable::OutputOf(1);
        assert!(r.matches("Node not empty", "Node not empty: /a"));
        assert!(!Readable::Leader.matches("1", "10"));
    }
}
