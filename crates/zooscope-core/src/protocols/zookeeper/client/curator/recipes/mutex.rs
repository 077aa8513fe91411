//! `InterProcessMutex`: a re-entrant lock on a directory of sequential nodes
//! (curator-recipes `locks/InterProcessMutex.java`, `LockInternals.java`,
//! `StandardLockInternalsDriver.java`, Curator 5.4.0).
//!
//! To acquire, the client creates `PATH/_c_<uuid>-lock-` as EPHEMERAL_SEQUENTIAL with
//! `creatingParentContainersIfNeeded().withProtection()` (so the directory is a
//! container, made on the first acquire after a create that fails with NoNode) and
//! enters the lock loop: list the directory, sort by the sequence suffix, and if its node
//! is first it holds the lock. Otherwise it reads its immediate predecessor with
//! `getData().usingWatcher(...)` — one watch, on one node, so a release wakes exactly one
//! waiter — and waits; a NoNode answer means the predecessor is already gone, so it
//! looks again at once. Any event on that watcher (the deletion, or the connection
//! state) wakes it to look again. A timed acquire whose time is up when it would wait
//! gives up and deletes its node. If its node has vanished (its session expired),
//! sorting finds no index: "Sequential path not found", and the acquire starts over with
//! a new node while the retry policy allows. A re-entrant acquire only counts; `release`
//! counts down and at zero removes the recipe's watchers and deletes the node
//! (`guaranteed()`). Releasing a lock one does not hold throws
//! `IllegalMonitorStateException: You do not own the lock: PATH`.
//!
//! The same loop with other drivers serves the other locks: a read lock of
//! `InterProcessReadWriteLock` (nodes `__READ__N`) holds when no write node comes before
//! it (or when its client holds the write lock) and otherwise watches the first write
//! node; a write lock (`__WRIT__N`) is the standard driver over the shared directory
//! (`locks/InterProcessReadWriteLock.java`).

use super::{Action, Input, Said};
use crate::protocols::zookeeper::client::curator::exception::CuratorError;
use crate::protocols::zookeeper::client::curator::framework::{Call, CallId, Outcome, Parents};
use crate::protocols::zookeeper::client::curator::retry::RetryPolicy;
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::CreateMode;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};

/// The lock node's name (`InterProcessMutex.LOCK_NAME`).
pub const LOCK_NAME: &str = "lock-";

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Phase {
    Idle,
    Creating,
    Listing,
    /// `getData().usingWatcher` on the predecessor is out; `woken` if its watcher
    /// already fired meanwhile.
    Reading {
        woken: bool,
    },
    Waiting,
    /// Deleting our node; then report this.
    Deleting(Said),
    Releasing,
}

/// One client's `InterProcessMutex` on one path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mutex {
    /// The lock directory.
    pub base: String,
    lock_name: String,
    /// The names stripped before sorting (`fixForSorting`).
    sort_names: Vec<&'static str>,
    /// `readLockPredicate` instead of the standard one.
    read_predicate: bool,
    /// Set by the owner: its client holds the matching write lock.
    pub holds_write: bool,
    /// `getLockNodeBytes()` (None: the client's local address).
    pub node_data: Option<Vec<u8>>,
    our_path: Option<String>,
    count: u32,
    phase: Phase,
    deadline: Option<SimTime>,
    /// The call in flight.
    pub pending: Option<CallId>,
    /// The predecessor watched by the current attempt.
    watching: Option<String>,
    /// When the latest listing of the directory came back, and the predecessor it named
    /// (None: it held or found no node of ours) — for the lock checker.
    looked: Option<(SimTime, Option<String>)>,
    retries: u32,
    retry: RetryPolicy,
    /// A deliberate defect, for tests that show the lock checker catches it.
    pub fault: Option<LockFault>,
}

/// A deliberately broken lock loop, for tests that show the lock checker catches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LockFault {
    /// Off by one: a waiter watches its own node instead of its predecessor, so a
    /// release wakes nobody.
    WatchOwnNode,
    /// A deaf watcher: the waiter watches its predecessor but ignores the watch's node
    /// events (only a connection-state change or a timed acquire's deadline makes it look
    /// again), so a release wakes nobody.
    DeafWatcher,
}

/// `StandardLockInternalsDriver.standardFixForSorting`: the part after the lock name.
pub fn sort_key<'a>(name: &'a str, lock_name: &str) -> &'a str {
    match name.rfind(lock_name) {
        Some(i) => &name[i + lock_name.len()..],
        None => name,
    }
}

/// `InterProcessReadWriteLock`'s node names.
pub const READ_LOCK_NAME: &str = "__READ__";
/// The write lock's node name.
pub const WRITE_LOCK_NAME: &str = "__WRIT__";

impl Mutex {
    /// `new InterProcessMutex(client, base)`.
    pub fn new(base: &str, retry: RetryPolicy) -> Self {
        Self::with_driver(base, LOCK_NAME, false, retry)
    }

    /// The read (`read = true`) or write lock of `InterProcessReadWriteLock(client, base)`.
    pub fn read_write(base: &str, read: bool, retry: RetryPolicy) -> Self {
        let name = if read {
            READ_LOCK_NAME
        } else {
            WRITE_LOCK_NAME
        };
        let mut m = Self::with_driver(base, name, read, retry);
        m.sort_names = vec![READ_LOCK_NAME, WRITE_LOCK_NAME];
        m
    }

    fn with_driver(base: &str, lock_name: &str, read: bool, retry: RetryPolicy) -> Self {
        Mutex {
            base: base.to_string(),
            lock_name: lock_name.to_string(),
            sort_names: vec![LOCK_NAME],
            read_predicate: read,
            holds_write: false,
            node_data: None,
            our_path: None,
            count: 0,
            phase: Phase::Idle,
            deadline: None,
            pending: None,
            watching: None,
            looked: None,
            retries: 0,
            retry,
            fault: None,
        }
    }

    fn create(&self) -> Action {
        Action::Call(Call::Create {
            path: path::join(&self.base, &self.lock_name),
            data: self.node_data.clone(),
            mode: CreateMode::EphemeralSequential,
            parents: Parents::Containers,
            protected: true,
            acl: open_acl_unsafe(),
        })
    }

    fn list(&mut self) -> Vec<Action> {
        self.phase = Phase::Listing;
        self.watching = None;
        vec![Action::Call(Call::GetChildren {
            path: self.base.clone(),
            watch: None,
        })]
    }

    fn delete_ours(&mut self, then: Said) -> Vec<Action> {
        match self.our_path.clone() {
            Some(p) => {
                self.phase = Phase::Deleting(then);
                vec![Action::Call(Call::Delete {
                    path: p,
                    version: -1,
                    children: false,
                    guaranteed: true,
                })]
            }
            None => {
                self.phase = Phase::Idle;
                vec![Action::Say(then)]
            }
        }
    }

    /// `acquire()` / `acquire(time, unit)`.
    pub fn acquire(&mut self, now: SimTime, timeout: Option<SimDuration>) -> Vec<Action> {
        if self.count > 0 {
            self.count += 1;
            let p = self.our_path.clone().unwrap_or_default();
            return vec![Action::Say(Said::Acquired(p))];
        }
        if self.phase != Phase::Idle {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                format!("an acquire of {} is already under way", self.base),
            )))];
        }
        self.deadline = timeout.map(|t| now.after(t));
        self.retries = 0;
        self.phase = Phase::Creating;
        vec![self.create()]
    }

    /// `release()`.
    pub fn release(&mut self) -> Vec<Action> {
        if self.count == 0 {
            return vec![Action::Say(Said::Failed(
                CuratorError::IllegalMonitorState(format!(
                    "You do not own the lock: {}",
                    self.base
                )),
            ))];
        }
        self.count -= 1;
        if self.count > 0 {
            return vec![Action::Say(Said::Released)];
        }
        let mut out = vec![Action::RemoveWatchers, Action::Say(Said::Releasing)];
        out.extend(self.delete_ours(Said::Released));
        if matches!(self.phase, Phase::Deleting(_)) {
            self.phase = Phase::Releasing;
        }
        out
    }

    /// Start over with a new node after ours vanished (`attemptLock`'s NoNode retry).
    fn start_over(&mut self, err: CuratorError) -> Vec<Action> {
        let mut rng = SimRng::new(u64::from(self.retries));
        if self
            .retry
            .sleep_before_retry(self.retries, &mut rng)
            .is_some()
        {
            self.retries += 1;
            self.our_path = None;
            self.phase = Phase::Creating;
            vec![self.create()]
        } else {
            self.delete_ours(Said::Failed(err))
        }
    }

    fn on_children(&mut self, now: SimTime, children: &[String]) -> Vec<Action> {
        let Some(ours) = self.our_path.clone() else {
            return self.start_over(CuratorError::keeper(ZkError::NoNode, &self.base));
        };
        let name = path::split_last(&ours).map_or("", |(_, n)| n).to_string();
        let mut sorted: Vec<&String> = children.iter().collect();
        let names = self.sort_names.clone();
        let key = |s: &str| -> String {
            let mut k = s;
            for n in &names {
                k = sort_key(k, n);
            }
            k.to_string()
        };
        sorted.sort_by_key(|a| key(a));
        let ours_at = sorted.iter().position(|c| **c == name);
        let looked_at = now;
        // The node to watch instead of holding, or None to hold.
        let verdict: Option<Option<usize>> = match ours_at {
            None => None,
            Some(_) if self.read_predicate && self.holds_write => Some(None),
            Some(i) if self.read_predicate => {
                let first_write = sorted[..i].iter().position(|c| c.contains(WRITE_LOCK_NAME));
                Some(first_write)
            }
            Some(0) => Some(None),
            Some(i) if self.fault == Some(LockFault::WatchOwnNode) => Some(Some(i)),
            Some(i) => Some(Some(i - 1)),
        };
        self.looked = Some((
            looked_at,
            match verdict {
                Some(Some(w)) => Some(path::join(&self.base, sorted[w])),
                _ => None,
            },
        ));
        match verdict {
            None => {
                let e = CuratorError::keeper(
                    ZkError::NoNode,
                    &format!("Sequential path not found: {name}"),
                );
                self.start_over(e)
            }
            Some(None) => {
                self.phase = Phase::Idle;
                self.count = 1;
                self.deadline = None;
                vec![Action::Say(Said::Acquired(ours))]
            }
            Some(Some(w)) => {
                self.phase = Phase::Reading { woken: false };
                let pred = path::join(&self.base, sorted[w]);
                self.watching = Some(pred.clone());
                vec![Action::Call(Call::GetData {
                    path: pred,
                    watch: Some(
                        crate::protocols::zookeeper::client::curator::framework::Owner::Internal,
                    ),
                })]
            }
        }
    }

    /// Feed an input.
    pub fn on(&mut self, now: SimTime, input: Input<'_>) -> Vec<Action> {
        match input {
            Input::Done(id, result) => {
                if self.pending != Some(id) {
                    return Vec::new();
                }
                self.pending = None;
                self.on_done(now, result)
            }
            // The recipe's one watcher object is notified by any of its watches, also
            // a stale one left by an earlier, timed-out attempt; only a wake by the
            // predecessor watched now is reported.
            Input::Fired(_) if self.fault == Some(LockFault::DeafWatcher) => Vec::new(),
            Input::Fired(ev) => {
                let mut out = Vec::new();
                if ev.path.is_some() && ev.path == self.watching {
                    out.push(Action::Say(Said::Woken(
                        ev.path.clone().unwrap_or_default(),
                    )));
                }
                match self.phase {
                    Phase::Waiting => out.extend(self.list()),
                    Phase::Reading { .. } => self.phase = Phase::Reading { woken: true },
                    _ => out.clear(),
                }
                out
            }
            Input::State(_) => match self.phase {
                // The Java client tells every watcher of a state change.
                Phase::Waiting => self.list(),
                Phase::Reading { .. } => {
                    self.phase = Phase::Reading { woken: true };
                    Vec::new()
                }
                _ => Vec::new(),
            },
            Input::Time(t) => match (self.phase.clone(), self.deadline) {
                (Phase::Waiting, Some(d)) if t >= d => self.list(),
                _ => Vec::new(),
            },
        }
    }

    fn on_done(&mut self, now: SimTime, result: &Result<Outcome, CuratorError>) -> Vec<Action> {
        match (self.phase.clone(), result) {
            (Phase::Creating, Ok(Outcome::Created { path: p, .. })) => {
                self.our_path = Some(p.clone());
                self.list()
            }
            (Phase::Creating, Err(e)) => {
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Failed(e.clone()))]
            }
            (Phase::Listing, Ok(Outcome::Children { children, .. })) => {
                let c = children.clone();
                self.on_children(now, &c)
            }
            (Phase::Listing, Err(e)) if e.code() == Some(ZkError::NoNode) => {
                self.on_children(now, &[])
            }
            (Phase::Reading { woken }, Ok(_)) => {
                if woken {
                    return self.list();
                }
                match self.deadline {
                    Some(d) if now >= d => self.delete_ours(Said::GaveUp),
                    _ => {
                        self.phase = Phase::Waiting;
                        Vec::new()
                    }
                }
            }
            // The predecessor is already gone: look again.
            (Phase::Reading { .. }, Err(e)) if e.code() == Some(ZkError::NoNode) => self.list(),
            (Phase::Deleting(then), _) => {
                self.our_path = None;
                self.phase = Phase::Idle;
                self.deadline = None;
                vec![Action::Say(then)]
            }
            (Phase::Releasing, _) => {
                self.our_path = None;
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Released)]
            }
            (_, Err(e)) => {
                let e = e.clone();
                self.delete_ours(Said::Failed(e))
            }
            _ => Vec::new(),
        }
    }

    /// The deadline while a timed acquire waits.
    pub fn deadline_if_waiting(&self) -> Option<SimTime> {
        (self.phase == Phase::Waiting)
            .then_some(self.deadline)
            .flatten()
    }

    /// Is an acquire under way?
    pub fn acquiring(&self) -> bool {
        matches!(
            self.phase,
            Phase::Creating | Phase::Listing | Phase::Reading { .. } | Phase::Waiting
        ) || matches!(self.phase, Phase::Deleting(Said::GaveUp))
    }

    /// Blocked on the predecessor's watch?
    pub fn blocked(&self) -> bool {
        self.phase == Phase::Waiting
    }

    /// How often the lock is held (re-entrant acquires count up, releases down).
    pub fn hold_count(&self) -> u32 {
        self.count
    }

    /// The node held, if the lock is held.
    pub fn holding(&self) -> Option<&str> {
        (self.count > 0).then_some(()).and(self.our_path.as_deref())
    }

    /// The node of the current attempt (held or queued), once created.
    pub fn our_node(&self) -> Option<&str> {
        self.our_path.as_deref()
    }

    /// The node an acquire waits in the queue with: created, not yet held, not being
    /// given up.
    pub fn waiting_node(&self) -> Option<&str> {
        matches!(
            self.phase,
            Phase::Listing | Phase::Reading { .. } | Phase::Waiting
        )
        .then_some(())
        .and(self.our_path.as_deref())
    }

    /// When the latest listing of the lock directory came back, and the predecessor it
    /// named to watch (None: it held, or its node was missing).
    pub fn looked(&self) -> Option<(SimTime, Option<&str>)> {
        self.looked.as_ref().map(|(t, p)| (*t, p.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_suffix_sorts() {
        assert_eq!(sort_key("_c_x-lock-0000000003", LOCK_NAME), "0000000003");
        assert_eq!(sort_key("other", LOCK_NAME), "other");
    }

    #[test]
    fn releasing_an_unheld_lock_throws() {
        let mut m = Mutex::new("/lock", RetryPolicy::COURSE);
        let a = m.release();
        assert_eq!(
            a,
            vec![Action::Say(Said::Failed(
                CuratorError::IllegalMonitorState("You do not own the lock: /lock".into())
            ))]
        );
    }
}
