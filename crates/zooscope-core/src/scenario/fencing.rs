//! The protected resource of the lock lab: a storage server that checks fencing tokens.
//!
//! A lock held through a ZooKeeper session is only a belief of the holder: a process
//! that stops for a while (a long GC pause) keeps believing it holds the lock after its
//! session has expired and the next client has been granted it. Kleppmann's remedy
//! ("How to do distributed locking", 2016) is a *fencing token*: a number that grows
//! with every grant, sent with every write, and checked by the resource, which refuses
//! a write whose token is older than one it has already accepted. ZooKeeper gives such a
//! number for free: the sequence number of the lock node (and its czxid) grows with
//! every new node under the lock directory. Here the token is the sequence number of the
//! node the writer's `InterProcessMutex` believes it holds.
//!
//! `NAME store PATH VALUE` writes VALUE with NAME's token for its lock on PATH and
//! prints the storage's verdict (docs/scenario-language.md, "Lock lab lines").

use super::{err, ScenarioError, Step};
use crate::protocols::zookeeper::client::curator::host::CuratorHost;
use std::fmt;

/// Most writes the storage remembers (older ones are dropped first).
pub const WRITES_MAX: usize = 1_000;

/// What the storage did with a write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Written: its token is at least the highest seen.
    Accepted,
    /// Refused: a write with a newer token was accepted already.
    Stale {
        /// The highest token accepted so far.
        seen: u64,
    },
    /// Refused: the writer holds no lock, so it has no token.
    NoToken,
}

/// One write offered to the storage.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StorageWrite {
    /// The writer.
    pub client: String,
    /// What it wrote.
    pub value: String,
    /// Its fencing token.
    pub token: Option<u64>,
    /// The storage's answer (set by [`FencedStorage::write`]).
    pub verdict: Verdict,
}

impl StorageWrite {
    /// A write not yet judged.
    pub fn new(client: &str, value: &str, token: Option<u64>) -> Self {
        StorageWrite {
            client: client.to_string(),
            value: value.to_string(),
            token,
            verdict: Verdict::NoToken,
        }
    }
}

impl fmt::Display for StorageWrite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (c, v) = (&self.client, &self.value);
        match (self.verdict, self.token) {
            (Verdict::Accepted, Some(t)) => {
                write!(f, "storage: accepted {v} from {c} (token {t})")
            }
            (Verdict::Stale { seen }, Some(t)) => write!(
                f,
                "storage: rejected {v} from {c} (token {t} is older than {seen})"
            ),
            _ => write!(f, "storage: rejected {v} from {c} (no token)"),
        }
    }
}

/// The storage server: the highest token accepted and the writes it was offered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FencedStorage {
    /// The highest token accepted.
    pub highest: Option<u64>,
    /// The value last accepted.
    pub value: Option<String>,
    /// Every write offered, oldest first (at most [`WRITES_MAX`]).
    pub writes: Vec<StorageWrite>,
}

impl FencedStorage {
    /// Judge and keep `w`; returns it with its verdict.
    pub fn write(&mut self, mut w: StorageWrite) -> &StorageWrite {
        w.verdict = match (w.token, self.highest) {
            (None, _) => Verdict::NoToken,
            (Some(t), Some(seen)) if t < seen => Verdict::Stale { seen },
            (Some(t), _) => {
                self.highest = Some(t);
                self.value = Some(w.value.clone());
                Verdict::Accepted
            }
        };
        if self.writes.len() >= WRITES_MAX {
            self.writes.remove(0);
        }
        self.writes.push(w);
        self.writes.last().expect("just pushed")
    }
}

/// The sequence number at the end of a sequential node's name (`…-lock-0000000003`).
pub fn sequence_of(node: &str) -> Option<u64> {
    let name = node.rsplit('/').next().unwrap_or(node);
    let digits = name.get(name.len().checked_sub(10)?..)?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())
        .flatten()
}

/// The token `client` would send for its lock on `path`: the sequence number of the
/// node its lock recipe believes it holds (None when it believes it holds nothing).
pub fn token_of(host: &CuratorHost, client: &str, path: &str) -> Option<u64> {
    let c = host.clients.get(client)?;
    c.recipes
        .values()
        .filter(|r| r.path == path)
        .find_map(|r| r.lock.holding())
        .and_then(sequence_of)
}

/// Parse `NAME store PATH VALUE`.
pub fn parse(line: usize, words: &[&str]) -> Result<Step, ScenarioError> {
    match words {
        [name, "store", path, value] if path.starts_with('/') => Ok(Step::Store {
            name: (*name).to_string(),
            path: (*path).to_string(),
            value: (*value).to_string(),
        }),
        _ => Err(err(
            line,
            "store takes a lock path and a value: c1 store /lock v1",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_token_is_refused_after_a_newer_one() {
        let mut s = FencedStorage::default();
        assert_eq!(
            s.write(StorageWrite::new("a", "x", Some(0))).verdict,
            Verdict::Accepted
        );
        assert_eq!(
            s.write(StorageWrite::new("b", "y", Some(1))).verdict,
            Verdict::Accepted
        );
        let stale = s.write(StorageWrite::new("a", "z", Some(0))).clone();
        assert_eq!(stale.verdict, Verdict::Stale { seen: 1 });
        assert_eq!(
            stale.to_string(),
            "storage: rejected z from a (token 0 is older than 1)"
        );
        assert_eq!(
            s.write(StorageWrite::new("c", "w", None)).verdict,
            Verdict::NoToken
        );
        assert_eq!(s.value.as_deref(), Some("y"));
    }

    #[test]
    fn sequence_numbers_are_read_from_node_names() {
        assert_eq!(sequence_of("/l/_c_ab-lock-0000000012"), Some(12));
        assert_eq!(sequence_of("lock"), None);
        assert_eq!(sequence_of("/l/x-12345678a9"), None);
    }

    #[test]
    fn a_paused_holder_is_fenced_off_after_its_session_expires() {
        let out = crate::scenario::run_text(
            "ensemble 1\nstart 1\nclient a 1\nclient b 1\na lock /l\nb lock /l\na store /l v1\npause a\nwait 70s\nb store /l v2\nresume a\na store /l v3\n",
            1,
        )
        .unwrap()
        .lines;
        let joined = out.join("\n");
        assert!(
            joined.contains("storage: accepted v1 from a (token 0)"),
            "{joined}"
        );
        assert!(joined.contains("b: acquired /l"), "{joined}");
        assert!(
            joined.contains("storage: accepted v2 from b (token 1)"),
            "{joined}"
        );
        assert!(
            joined.contains("storage: rejected v3 from a (token 0 is older than 1)"),
            "{joined}"
        );
    }
}
