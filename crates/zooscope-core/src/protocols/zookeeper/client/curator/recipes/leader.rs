//! Leader election: `LeaderLatch` and `LeaderSelector`
//! (curator-recipes `leader/LeaderLatch.java`, `leader/LeaderSelector.java`).
//!
//! A latch participant creates `PATH/_c_<uuid>-latch-N` (EPHEMERAL_SEQUENTIAL, container
//! parents, protected, holding its id) in the background, lists the directory, and leads
//! if its node sorts first; otherwise it reads its predecessor with a watch and, when
//! that node is deleted, lists again (if the predecessor is already gone, it starts over
//! with a new node). SUSPENDED or LOST ends its leadership; RECONNECTED starts over.
//! `close()` deletes its node (guaranteed, in the background) and removes its watchers,
//! so the next participant leads.
//!
//! A selector is an `InterProcessMutex` on `PATH` whose lock nodes hold the id: the one
//! that acquires it runs `takeLeadership` until it resigns, then releases the mutex.

use super::mutex::{sort_key, Mutex};
use super::{Action, Input, Said};
use crate::protocols::zookeeper::client::curator::exception::CuratorError;
use crate::protocols::zookeeper::client::curator::framework::{
    Call, CallId, ConnectionState, Outcome, Owner, Parents,
};
use crate::protocols::zookeeper::client::curator::retry::RetryPolicy;
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::CreateMode;
use crate::protocols::zookeeper::data::watch::EventType;
use crate::time::SimTime;

/// `LeaderLatch.LOCK_NAME`.
pub const LATCH_NAME: &str = "latch-";

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Phase {
    Idle,
    Creating,
    Listing,
    Reading,
    Watching,
}

/// One participant of a `LeaderLatch`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LeaderLatch {
    /// The latch path.
    pub base: String,
    id: String,
    our_path: Option<String>,
    leader: bool,
    started: bool,
    phase: Phase,
    /// The call in flight.
    pub pending: Option<CallId>,
}

impl LeaderLatch {
    /// `new LeaderLatch(client, base, id)`.
    pub fn new(base: &str, id: &str) -> Self {
        LeaderLatch {
            base: base.to_string(),
            id: id.to_string(),
            our_path: None,
            leader: false,
            started: false,
            phase: Phase::Idle,
            pending: None,
        }
    }

    fn set_leadership(&mut self, leader: bool) -> Vec<Action> {
        let was = self.leader;
        self.leader = leader;
        match (was, leader) {
            (false, true) => vec![Action::Say(Said::Leader)],
            (true, false) => vec![Action::Say(Said::NotLeader)],
            _ => Vec::new(),
        }
    }

    /// `setNode(null)`: delete our node in the background.
    fn drop_node(&mut self) -> Vec<Action> {
        match self.our_path.take() {
            Some(p) => vec![Action::Call(Call::Delete {
                path: p,
                version: -1,
                children: false,
                guaranteed: true,
            })],
            None => Vec::new(),
        }
    }

    fn reset(&mut self) -> Vec<Action> {
        let mut out = self.set_leadership(false);
        out.extend(self.drop_node());
        self.phase = Phase::Creating;
        out.push(Action::Call(Call::Create {
            path: path::join(&self.base, LATCH_NAME),
            data: Some(self.id.clone().into_bytes()),
            mode: CreateMode::EphemeralSequential,
            parents: Parents::Containers,
            protected: true,
            acl: open_acl_unsafe(),
        }));
        out
    }

    fn list(&mut self) -> Vec<Action> {
        self.phase = Phase::Listing;
        vec![Action::Call(Call::GetChildren {
            path: self.base.clone(),
            watch: None,
        })]
    }

    /// `start()`.
    pub fn start(&mut self) -> Vec<Action> {
        if self.started {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                "Cannot be started more than once".into(),
            )))];
        }
        self.started = true;
        self.reset()
    }

    /// `close()`.
    pub fn close(&mut self) -> Vec<Action> {
        if !self.started {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                "Already closed or has not been started".into(),
            )))];
        }
        self.started = false;
        self.phase = Phase::Idle;
        self.leader = false;
        let mut out = self.drop_node();
        out.push(Action::RemoveWatchers);
        out.push(Action::Say(Said::Closed));
        out
    }

    /// Feed an input.
    pub fn on(&mut self, _now: SimTime, input: Input<'_>) -> Vec<Action> {
        match input {
            Input::Done(id, r) if self.pending == Some(id) => {
                self.pending = None;
                self.on_done(r)
            }
            Input::Fired(ev)
                if ev.event_type == EventType::NodeDeleted
                    && self.started
                    && self.our_path.is_some()
                    && self.phase == Phase::Watching =>
            {
                self.list()
            }
            Input::State(ConnectionState::Suspended | ConnectionState::Lost) => {
                self.set_leadership(false)
            }
            Input::State(ConnectionState::Reconnected) if self.started => self.reset(),
            _ => Vec::new(),
        }
    }

    fn on_done(&mut self, r: &Result<Outcome, CuratorError>) -> Vec<Action> {
        match (&self.phase, r) {
            (Phase::Creating, Ok(Outcome::Created { path: p, .. })) => {
                self.our_path = Some(p.clone());
                if !self.started {
                    return self.drop_node();
                }
                self.list()
            }
            (Phase::Listing, Ok(Outcome::Children { children, .. })) => {
                let ours = self.our_path.clone().unwrap_or_default();
                let name = path::split_last(&ours).map_or("", |(_, n)| n);
                let mut sorted: Vec<&String> = children.iter().collect();
                sorted.sort_by(|a, b| sort_key(a, LATCH_NAME).cmp(sort_key(b, LATCH_NAME)));
                match sorted.iter().position(|c| *c == name) {
                    None => self.reset(),
                    Some(0) => {
                        self.phase = Phase::Idle;
                        self.set_leadership(true)
                    }
                    Some(i) => {
                        self.phase = Phase::Reading;
                        vec![Action::Call(Call::GetData {
                            path: path::join(&self.base, sorted[i - 1]),
                            watch: Some(Owner::Internal),
                        })]
                    }
                }
            }
            (Phase::Reading, Err(e)) if e.code() == Some(ZkError::NoNode) => self.reset(),
            (Phase::Reading, _) => {
                self.phase = Phase::Watching;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Leading now?
    pub fn holding(&self) -> Option<&str> {
        self.leader.then_some(self.base.as_str())
    }
}

/// One participant of a `LeaderSelector` (no auto-requeue).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LeaderSelector {
    mutex: Mutex,
    leading: bool,
    queued: bool,
}

impl LeaderSelector {
    /// `new LeaderSelector(client, base, listener)` with `setId(id)`.
    pub fn new(base: &str, id: &str, retry: RetryPolicy) -> Self {
        let mut mutex = Mutex::new(base, retry);
        mutex.node_data = Some(id.as_bytes().to_vec());
        LeaderSelector {
            mutex,
            leading: false,
            queued: false,
        }
    }

    fn take(&mut self, actions: Vec<Action>) -> Vec<Action> {
        let mut out = Vec::new();
        for a in actions {
            match a {
                Action::Say(Said::Acquired(p)) => {
                    self.queued = false;
                    self.leading = true;
                    out.push(Action::Say(Said::Acquired(p)));
                }
                Action::Say(Said::Failed(e)) => {
                    self.queued = false;
                    out.push(Action::Say(Said::Failed(e)));
                }
                Action::Say(_) => {}
                other => out.push(other),
            }
        }
        out
    }

    /// `start()`: queue for leadership.
    pub fn start(&mut self, now: SimTime) -> Vec<Action> {
        if self.queued || self.leading {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                "Cannot be started more than once".into(),
            )))];
        }
        self.queued = true;
        let acts = self.mutex.acquire(now, None);
        self.take(acts)
    }

    /// `takeLeadership` returns: resign and release the mutex.
    pub fn resign(&mut self) -> Vec<Action> {
        if !self.leading {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                "not leading".into(),
            )))];
        }
        self.leading = false;
        let mut out = vec![Action::Say(Said::Released)];
        let acts = self.mutex.release();
        out.extend(self.take(acts));
        out
    }

    /// The call just started.
    pub fn started(&mut self, id: CallId) {
        self.mutex.pending = Some(id);
    }

    /// Feed an input.
    pub fn on(&mut self, now: SimTime, input: Input<'_>) -> Vec<Action> {
        let acts = self.mutex.on(now, input);
        self.take(acts)
    }

    /// Queued and not yet leading?
    pub fn acquiring(&self) -> bool {
        self.queued
    }

    /// Blocked on a watch?
    pub fn blocked(&self) -> bool {
        self.mutex.blocked()
    }

    /// Leading?
    pub fn holding(&self) -> Option<&str> {
        if self.leading {
            self.mutex.holding()
        } else {
            None
        }
    }
}
