//! The naive lock, for contrast with [`super::mutex`]: everyone tries to create one
//! EPHEMERAL node `PATH`; whoever fails sets an `exists` watch on that same node and
//! waits. A release (or the holder's session ending) deletes the node and so wakes
//! *every* waiter at once, all of which race to create it again and all but one go back
//! to waiting: the herd effect. Grants follow no order.

use super::{Action, Input, Said};
use crate::protocols::zookeeper::client::curator::exception::CuratorError;
use crate::protocols::zookeeper::client::curator::framework::{
    Call, CallId, Outcome, Owner, Parents,
};
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::request::CreateMode;
use crate::time::{SimDuration, SimTime};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Phase {
    Idle,
    Creating,
    Watching,
    Waiting,
    Deleting(Said),
}

/// One client's naive lock on one path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NaiveLock {
    /// The lock node.
    pub node: String,
    held: bool,
    phase: Phase,
    deadline: Option<SimTime>,
    /// The call in flight.
    pub pending: Option<CallId>,
}

impl NaiveLock {
    /// A naive lock on `node`.
    pub fn new(node: &str) -> Self {
        NaiveLock {
            node: node.to_string(),
            held: false,
            phase: Phase::Idle,
            deadline: None,
            pending: None,
        }
    }

    fn create(&mut self) -> Vec<Action> {
        self.phase = Phase::Creating;
        vec![Action::Call(Call::Create {
            path: self.node.clone(),
            data: None,
            mode: CreateMode::Ephemeral,
            parents: Parents::Containers,
            protected: false,
            acl: open_acl_unsafe(),
        })]
    }

    /// Try to take the lock.
    pub fn acquire(&mut self, now: SimTime, timeout: Option<SimDuration>) -> Vec<Action> {
        if self.held || self.phase != Phase::Idle {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                format!("the naive lock {} is not re-entrant", self.node),
            )))];
        }
        self.deadline = timeout.map(|t| now.after(t));
        self.create()
    }

    /// Delete the node.
    pub fn release(&mut self) -> Vec<Action> {
        if !self.held {
            return vec![Action::Say(Said::Failed(
                CuratorError::IllegalMonitorState(format!(
                    "You do not own the lock: {}",
                    self.node
                )),
            ))];
        }
        self.held = false;
        self.phase = Phase::Deleting(Said::Released);
        vec![
            Action::Say(Said::Releasing),
            Action::Call(Call::Delete {
                path: self.node.clone(),
                version: -1,
                children: false,
                guaranteed: true,
            }),
        ]
    }

    /// Feed an input.
    pub fn on(&mut self, now: SimTime, input: Input<'_>) -> Vec<Action> {
        match input {
            Input::Done(id, r) if self.pending == Some(id) => {
                self.pending = None;
                self.on_done(now, r)
            }
            Input::Fired(ev) if self.phase == Phase::Waiting => {
                let mut out = vec![Action::Say(Said::Woken(
                    ev.path.clone().unwrap_or_default(),
                ))];
                out.extend(self.create());
                out
            }
            Input::Time(t)
                if self.phase == Phase::Waiting && self.deadline.is_some_and(|d| t >= d) =>
            {
                self.phase = Phase::Idle;
                self.deadline = None;
                vec![Action::RemoveWatchers, Action::Say(Said::GaveUp)]
            }
            _ => Vec::new(),
        }
    }

    fn on_done(&mut self, now: SimTime, r: &Result<Outcome, CuratorError>) -> Vec<Action> {
        match (&self.phase, r) {
            (Phase::Creating, Ok(Outcome::Created { path, .. })) => {
                self.held = true;
                self.phase = Phase::Idle;
                self.deadline = None;
                vec![Action::Say(Said::Acquired(path.clone()))]
            }
            (Phase::Creating, Err(e)) if e.code() == Some(ZkError::NodeExists) => {
                if self.deadline.is_some_and(|d| now >= d) {
                    self.phase = Phase::Idle;
                    return vec![Action::Say(Said::GaveUp)];
                }
                self.phase = Phase::Watching;
                vec![Action::Call(Call::Exists {
                    path: self.node.clone(),
                    watch: Some(Owner::Internal),
                })]
            }
            (Phase::Watching, Ok(Outcome::Stat(Some(_)))) => {
                self.phase = Phase::Waiting;
                Vec::new()
            }
            (Phase::Watching, Ok(Outcome::Stat(None))) => self.create(),
            (Phase::Deleting(then), _) => {
                let then = then.clone();
                self.phase = Phase::Idle;
                vec![Action::Say(then)]
            }
            (_, Err(e)) => {
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Failed(e.clone()))]
            }
            _ => Vec::new(),
        }
    }

    /// The deadline while waiting.
    pub fn deadline_if_waiting(&self) -> Option<SimTime> {
        (self.phase == Phase::Waiting)
            .then_some(self.deadline)
            .flatten()
    }

    /// Is an acquire under way?
    pub fn acquiring(&self) -> bool {
        matches!(
            self.phase,
            Phase::Creating | Phase::Watching | Phase::Waiting
        )
    }

    /// Blocked on the watch?
    pub fn blocked(&self) -> bool {
        self.phase == Phase::Waiting
    }

    /// The node, if held.
    pub fn holding(&self) -> Option<&str> {
        self.held.then_some(self.node.as_str())
    }
}
