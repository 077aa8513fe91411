//! `InterProcessSemaphoreV2` and `InterProcessSemaphoreMutex` (a semaphore of one lease)
//! (curator-recipes `locks/InterProcessSemaphoreV2.java`, `InterProcessSemaphoreMutex.java`).
//!
//! Acquirers are serialised by an `InterProcessMutex` on `PATH/locks` (see
//! [`super::mutex`]). The one inside creates its lease `PATH/leases/_c_<uuid>-lease-N`
//! (EPHEMERAL_SEQUENTIAL, container parents, protected), then lists `PATH/leases` with a
//! *child* watch: when there are at most as many leases as the semaphore allows, the
//! lease is its own; otherwise it waits for the child watch (a release anywhere deletes a
//! lease and fires it) and lists again. Either way it then removes its watchers and
//! releases the internal mutex, which lets the next acquirer in. A timed acquire whose
//! time runs out gives its lease back (deletes it). Releasing deletes the most recent
//! lease (`guaranteed()`); with none, `IllegalStateException: Not acquired`.

use super::mutex::Mutex;
use super::{Action, Input, Said};
use crate::protocols::zookeeper::client::curator::exception::CuratorError;
use crate::protocols::zookeeper::client::curator::framework::{
    Call, CallId, Outcome, Owner, Parents,
};
use crate::protocols::zookeeper::client::curator::retry::RetryPolicy;
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::CreateMode;
use crate::time::{SimDuration, SimTime};

/// `InterProcessSemaphoreV2.LEASE_BASE_NAME`.
pub const LEASE_NAME: &str = "lease-";

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Phase {
    Idle,
    /// The internal mutex is being acquired.
    Locking,
    Creating,
    Listing,
    Waiting,
    /// Giving the new lease back, then the mutex, then saying this.
    Returning(Said),
    /// Releasing the internal mutex, then saying this.
    Unlocking(Said),
    Releasing,
}

/// One client's semaphore on one path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Semaphore {
    /// The semaphore's path.
    pub base: String,
    max_leases: usize,
    mutex: Mutex,
    leases: Vec<String>,
    fresh: Option<String>,
    phase: Phase,
    deadline: Option<SimTime>,
    /// Own call in flight.
    pub pending: Option<CallId>,
    mutex_called: bool,
}

impl Semaphore {
    /// `new InterProcessSemaphoreV2(client, base, max_leases)`.
    pub fn new(base: &str, max_leases: usize, retry: RetryPolicy) -> Self {
        Semaphore {
            base: base.to_string(),
            max_leases: max_leases.max(1),
            mutex: Mutex::new(&path::join(base, "locks"), retry),
            leases: Vec::new(),
            fresh: None,
            phase: Phase::Idle,
            deadline: None,
            pending: None,
            mutex_called: false,
        }
    }

    fn leases_dir(&self) -> String {
        path::join(&self.base, "leases")
    }

    fn own(&mut self, call: Call) -> Vec<Action> {
        self.mutex_called = false;
        vec![Action::Call(call)]
    }

    fn list(&mut self) -> Vec<Action> {
        self.phase = Phase::Listing;
        let dir = self.leases_dir();
        self.own(Call::GetChildren {
            path: dir,
            watch: Some(Owner::Internal),
        })
    }

    /// Take what the internal mutex did.
    fn take_mutex(&mut self, now: SimTime, actions: Vec<Action>) -> Vec<Action> {
        let mut out = Vec::new();
        for a in actions {
            match a {
                Action::Call(c) => {
                    self.mutex_called = true;
                    out.push(Action::Call(c));
                }
                Action::RemoveWatchers | Action::Say(Said::Releasing) => {}
                Action::Say(Said::Woken(p)) => out.push(Action::Say(Said::Woken(p))),
                Action::Say(said) => out.extend(self.mutex_said(now, said)),
            }
        }
        out
    }

    fn mutex_said(&mut self, _now: SimTime, said: Said) -> Vec<Action> {
        match (self.phase.clone(), said) {
            (Phase::Locking, Said::Acquired(_)) => {
                self.phase = Phase::Creating;
                let p = path::join(&self.leases_dir(), LEASE_NAME);
                self.own(Call::Create {
                    path: p,
                    data: None,
                    mode: CreateMode::EphemeralSequential,
                    parents: Parents::Containers,
                    protected: true,
                    acl: open_acl_unsafe(),
                })
            }
            (Phase::Locking, other) => {
                self.phase = Phase::Idle;
                vec![Action::Say(other)]
            }
            (Phase::Unlocking(then), _) => {
                self.phase = Phase::Idle;
                self.deadline = None;
                vec![Action::Say(then)]
            }
            _ => Vec::new(),
        }
    }

    fn unlock_then(&mut self, now: SimTime, then: Said) -> Vec<Action> {
        self.phase = Phase::Unlocking(then);
        let mut out = vec![Action::RemoveWatchers];
        let acts = self.mutex.release();
        out.extend(self.take_mutex(now, acts));
        out
    }

    /// `acquire()` / `acquire(time, unit)` of one lease.
    pub fn acquire(&mut self, now: SimTime, timeout: Option<SimDuration>) -> Vec<Action> {
        if self.phase != Phase::Idle {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                format!("an acquire of {} is already under way", self.base),
            )))];
        }
        self.deadline = timeout.map(|t| now.after(t));
        self.phase = Phase::Locking;
        let acts = self.mutex.acquire(now, timeout);
        self.take_mutex(now, acts)
    }

    /// Return the most recent lease.
    pub fn release(&mut self) -> Vec<Action> {
        let Some(lease) = self.leases.pop() else {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                "Not acquired".into(),
            )))];
        };
        self.phase = Phase::Releasing;
        let mut out = vec![Action::Say(Said::Releasing)];
        out.extend(self.own(Call::Delete {
            path: lease,
            version: -1,
            children: false,
            guaranteed: true,
        }));
        out
    }

    /// The call just started.
    pub fn started(&mut self, id: CallId) {
        if self.mutex_called {
            self.mutex.pending = Some(id);
        } else {
            self.pending = Some(id);
        }
    }

    /// Feed an input.
    pub fn on(&mut self, now: SimTime, input: Input<'_>) -> Vec<Action> {
        if let Input::Done(id, r) = input {
            if self.mutex.pending == Some(id) {
                let acts = self.mutex.on(now, input);
                return self.take_mutex(now, acts);
            }
            if self.pending != Some(id) {
                return Vec::new();
            }
            self.pending = None;
            return self.on_done(now, r);
        }
        match (&self.phase, input) {
            (Phase::Locking, _) => {
                let acts = self.mutex.on(now, input);
                self.take_mutex(now, acts)
            }
            (Phase::Waiting, Input::Fired(ev))
                if ev.path.as_deref() == Some(&self.leases_dir()) =>
            {
                let mut out = vec![Action::Say(Said::Woken(self.leases_dir()))];
                out.extend(self.list());
                out
            }
            (Phase::Waiting, Input::State(_)) => self.list(),
            (Phase::Waiting, Input::Time(t)) if self.deadline.is_some_and(|d| t >= d) => {
                self.list()
            }
            _ => Vec::new(),
        }
    }

    fn on_done(&mut self, now: SimTime, r: &Result<Outcome, CuratorError>) -> Vec<Action> {
        match (self.phase.clone(), r) {
            (Phase::Creating, Ok(Outcome::Created { path: p, .. })) => {
                self.fresh = Some(p.clone());
                self.list()
            }
            (Phase::Listing, Ok(Outcome::Children { children, .. })) => {
                let fresh = self.fresh.clone().unwrap_or_default();
                let name = path::split_last(&fresh).map_or("", |(_, n)| n);
                if !children.iter().any(|c| c == name) {
                    self.fresh = None;
                    let e = CuratorError::keeper(
                        crate::protocols::zookeeper::data::error::ZkError::NoNode,
                        &format!("Sequential path not found: {fresh}"),
                    );
                    return self.unlock_then(now, Said::Failed(e));
                }
                if children.len() <= self.max_leases {
                    self.fresh = None;
                    self.leases.push(fresh.clone());
                    return self.unlock_then(now, Said::Acquired(fresh));
                }
                if self.deadline.is_some_and(|d| now >= d) {
                    self.phase = Phase::Returning(Said::GaveUp);
                    return self.own(Call::Delete {
                        path: fresh,
                        version: -1,
                        children: false,
                        guaranteed: true,
                    });
                }
                self.phase = Phase::Waiting;
                Vec::new()
            }
            (Phase::Returning(then), _) => {
                self.fresh = None;
                self.unlock_then(now, then)
            }
            (Phase::Releasing, _) => {
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Released)]
            }
            (Phase::Creating | Phase::Listing, Err(e)) => {
                let e = e.clone();
                match self.fresh.take() {
                    Some(p) => {
                        self.phase = Phase::Returning(Said::Failed(e));
                        self.own(Call::Delete {
                            path: p,
                            version: -1,
                            children: false,
                            guaranteed: true,
                        })
                    }
                    None => self.unlock_then(now, Said::Failed(e)),
                }
            }
            _ => Vec::new(),
        }
    }

    /// When it wants [`Input::Time`].
    pub fn deadline_if_waiting(&self) -> Option<SimTime> {
        match self.phase {
            Phase::Waiting => self.deadline,
            Phase::Locking => self.mutex.deadline_if_waiting(),
            _ => None,
        }
    }

    /// Is an acquire under way?
    pub fn acquiring(&self) -> bool {
        matches!(
            self.phase,
            Phase::Locking | Phase::Creating | Phase::Listing | Phase::Waiting
        ) || matches!(self.phase, Phase::Returning(_))
            || matches!(
                self.phase,
                Phase::Unlocking(Said::Acquired(_)) | Phase::Unlocking(Said::GaveUp)
            )
    }

    /// Blocked on a watch?
    pub fn blocked(&self) -> bool {
        self.phase == Phase::Waiting || (self.phase == Phase::Locking && self.mutex.blocked())
    }

    /// The most recent lease held.
    pub fn holding(&self) -> Option<&str> {
        self.leases.last().map(String::as_str)
    }
}
