//! `DistributedQueue` with a string serializer
//! (curator-recipes `queue/DistributedQueue.java`, `ChildrenCache.java`,
//! `ItemSerializer.java`).
//!
//! `start()` creates the queue node (container parents; an existing one is fine). A
//! producer puts each item as `PATH/queue-N` (PERSISTENT_SEQUENTIAL, in the
//! background), serialized as `ItemSerializer` does: version `0x00010001`, then per item
//! the opcode 1, its length and bytes, then the opcode 2. A consumer keeps a children
//! cache of the queue (`getChildren` with a watch, again whenever the watch fires) and
//! processes the items in sequence order: read it (`getData`), delete it with the version
//! read, hand it to the consumer; then it waits for the next change of the cache.

use super::{Action, Input, Said};
use crate::protocols::zookeeper::client::curator::exception::CuratorError;
use crate::protocols::zookeeper::client::curator::framework::{
    Call, CallId, Outcome, Owner, Parents,
};
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::CreateMode;

/// `DistributedQueue.QUEUE_ITEM_NAME`.
pub const ITEM_NAME: &str = "queue-";
/// Most items one listing processes.
pub const BATCH_MAX: usize = 10_000;

/// `ItemSerializer.serialize` of one item.
pub fn serialize(item: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(item.len() + 10);
    out.extend_from_slice(&0x0001_0001u32.to_be_bytes());
    out.push(1);
    out.extend_from_slice(&(item.len() as u32).to_be_bytes());
    out.extend_from_slice(item);
    out.push(2);
    out
}

/// `ItemSerializer.deserialize`: the items in `bytes`.
pub fn deserialize(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut items = Vec::new();
    let mut i = 4;
    while i < bytes.len() && bytes[i] == 1 {
        let Some(len) = bytes.get(i + 1..i + 5) else {
            break;
        };
        let n = u32::from_be_bytes([len[0], len[1], len[2], len[3]]) as usize;
        let Some(b) = bytes.get(i + 5..i + 5 + n) else {
            break;
        };
        items.push(b.to_vec());
        i += 5 + n;
    }
    items
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Phase {
    Idle,
    Starting,
    Listing,
    Reading(Vec<String>, String),
    Deleting(Vec<String>, Vec<u8>),
    Waiting,
}

/// One client's queue (a consumer, or producer-only).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Queue {
    base: String,
    consumer: bool,
    started: bool,
    phase: Phase,
    /// The cache changed since the last listing.
    stale: bool,
    /// Puts waiting for `start()` to finish.
    queued: Vec<Vec<u8>>,
    /// The call in flight (the consumer's; puts are fire-and-forget).
    pub pending: Option<CallId>,
    putting: usize,
}

impl Queue {
    /// A queue on `base`; `consumer` false for a producer-only one.
    pub fn new(base: &str, consumer: bool) -> Self {
        Queue {
            base: base.to_string(),
            consumer,
            started: false,
            phase: Phase::Idle,
            stale: false,
            queued: Vec::new(),
            pending: None,
            putting: 0,
        }
    }

    /// `start()`.
    pub fn start(&mut self) -> Vec<Action> {
        if self.started {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                "already started".into(),
            )))];
        }
        self.started = true;
        self.phase = Phase::Starting;
        vec![Action::Call(Call::Create {
            path: self.base.clone(),
            data: None,
            mode: CreateMode::Persistent,
            parents: Parents::Containers,
            protected: false,
            acl: open_acl_unsafe(),
        })]
    }

    /// `put(item)`.
    pub fn put(&mut self, item: &str) -> Vec<Action> {
        self.putting += 1;
        vec![Action::Call(Call::Create {
            path: path::join(&self.base, ITEM_NAME),
            data: Some(serialize(item.as_bytes())),
            mode: CreateMode::PersistentSequential,
            parents: Parents::No,
            protected: false,
            acl: open_acl_unsafe(),
        })]
    }

    /// `put(item)`, starting a producer-only queue first if this one is not started.
    pub fn put_or_start(&mut self, item: &str) -> Vec<Action> {
        if self.started && self.phase != Phase::Starting {
            return self.put(item);
        }
        if self.queued.len() < BATCH_MAX {
            self.queued.push(item.as_bytes().to_vec());
        }
        if self.started {
            Vec::new()
        } else {
            self.start()
        }
    }

    /// The call just started: puts are fire-and-forget, the rest is the consumer's.
    pub fn started(&mut self, id: CallId) {
        if self.putting > 0 {
            self.putting -= 1;
        } else {
            self.pending = Some(id);
        }
    }

    fn list(&mut self) -> Vec<Action> {
        self.phase = Phase::Listing;
        self.stale = false;
        vec![Action::Call(Call::GetChildren {
            path: self.base.clone(),
            watch: Some(Owner::Internal),
        })]
    }

    fn next(&mut self, mut todo: Vec<String>) -> Vec<Action> {
        if todo.is_empty() {
            if self.stale {
                return self.list();
            }
            self.phase = Phase::Waiting;
            return Vec::new();
        }
        let item = todo.remove(0);
        let p = path::join(&self.base, &item);
        self.phase = Phase::Reading(todo, p.clone());
        vec![Action::Call(Call::GetData {
            path: p,
            watch: None,
        })]
    }

    /// Feed an input.
    pub fn on(&mut self, input: Input<'_>) -> Vec<Action> {
        match input {
            Input::Done(id, r) if self.pending == Some(id) => {
                self.pending = None;
                self.on_done(r)
            }
            Input::Fired(_) if self.consumer => {
                if self.phase == Phase::Waiting {
                    self.list()
                } else {
                    self.stale = true;
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }

    fn on_done(&mut self, r: &Result<Outcome, CuratorError>) -> Vec<Action> {
        match (self.phase.clone(), r) {
            (Phase::Starting, Ok(_)) | (Phase::Starting, Err(_))
                if r.as_ref()
                    .err()
                    .is_none_or(|e| e.code() == Some(ZkError::NodeExists)) =>
            {
                let mut out = Vec::new();
                for item in std::mem::take(&mut self.queued) {
                    out.extend(self.put(&String::from_utf8_lossy(&item)));
                }
                if self.consumer {
                    out.extend(self.list());
                } else {
                    self.phase = Phase::Idle;
                }
                out
            }
            (Phase::Listing, Ok(Outcome::Children { children, .. })) => {
                let mut items: Vec<String> = children
                    .iter()
                    .filter(|c| c.starts_with(ITEM_NAME))
                    .take(BATCH_MAX)
                    .cloned()
                    .collect();
                items.sort();
                self.next(items)
            }
            (Phase::Reading(todo, item), Ok(Outcome::Data { data, stat })) => {
                self.phase = Phase::Deleting(todo, data.clone());
                vec![Action::Call(Call::Delete {
                    path: item,
                    version: stat.version,
                    children: false,
                    guaranteed: false,
                })]
            }
            (Phase::Reading(todo, _), Err(_)) => self.next(todo),
            (Phase::Deleting(todo, data), Ok(_)) => {
                let mut out: Vec<Action> = deserialize(&data)
                    .into_iter()
                    .map(|i| Action::Say(Said::Consumed(String::from_utf8_lossy(&i).into_owned())))
                    .collect();
                out.extend(self.next(todo));
                out
            }
            (Phase::Deleting(todo, _), Err(_)) => self.next(todo),
            (_, Err(e)) => {
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Failed(e.clone()))]
            }
            _ => Vec::new(),
        }
    }

    /// Consuming or starting?
    pub fn acquiring(&self) -> bool {
        self.phase == Phase::Starting
    }
}
