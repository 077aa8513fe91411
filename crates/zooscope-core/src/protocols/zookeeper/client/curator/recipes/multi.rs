//! `InterProcessMultiLock`: several `InterProcessMutex`es taken as one
//! (curator-recipes `locks/InterProcessMultiLock.java`). Acquiring takes them in the
//! order given, each with the whole timeout; if one cannot be had, those already held
//! are released in reverse order and the acquire fails. Releasing releases them all in
//! reverse order.

use super::mutex::Mutex;
use super::{Action, Input, Said};
use crate::protocols::zookeeper::client::curator::exception::CuratorError;
use crate::protocols::zookeeper::client::curator::framework::CallId;
use crate::protocols::zookeeper::client::curator::retry::RetryPolicy;
use crate::time::{SimDuration, SimTime};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Phase {
    Idle,
    Acquiring(usize),
    /// Releasing what is held, then saying this.
    Unwinding(Said),
}

/// One client's multi lock over several paths.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MultiLock {
    locks: Vec<Mutex>,
    held: Vec<usize>,
    phase: Phase,
    timeout: Option<SimDuration>,
    active: usize,
    name: String,
}

impl MultiLock {
    /// `new InterProcessMultiLock(client, paths)`.
    pub fn new(paths: &[&str], retry: RetryPolicy) -> Self {
        MultiLock {
            locks: paths.iter().map(|p| Mutex::new(p, retry)).collect(),
            held: Vec::new(),
            phase: Phase::Idle,
            timeout: None,
            active: 0,
            name: paths.join(","),
        }
    }

    fn take_sub(&mut self, now: SimTime, i: usize, actions: Vec<Action>) -> Vec<Action> {
        let mut out = Vec::new();
        for a in actions {
            match a {
                Action::Call(c) => {
                    self.active = i;
                    out.push(Action::Call(c));
                }
                Action::Say(Said::Releasing) => {}
                Action::Say(
                    said @ (Said::Acquired(_) | Said::GaveUp | Said::Released | Said::Failed(_)),
                ) => out.extend(self.sub_said(now, i, said)),
                other => out.push(other),
            }
        }
        out
    }

    fn unwind(&mut self, now: SimTime) -> Vec<Action> {
        match self.held.pop() {
            Some(j) => {
                let acts = self.locks[j].release();
                self.take_sub(now, j, acts)
            }
            None => {
                let then = match std::mem::replace(&mut self.phase, Phase::Idle) {
                    Phase::Unwinding(s) => s,
                    _ => Said::Released,
                };
                vec![Action::Say(then)]
            }
        }
    }

    fn sub_said(&mut self, now: SimTime, i: usize, said: Said) -> Vec<Action> {
        match (self.phase.clone(), said) {
            (Phase::Acquiring(k), Said::Acquired(_)) if k == i => {
                self.held.push(i);
                if i + 1 == self.locks.len() {
                    self.phase = Phase::Idle;
                    return vec![Action::Say(Said::Acquired(self.name.clone()))];
                }
                self.phase = Phase::Acquiring(i + 1);
                let acts = self.locks[i + 1].acquire(now, self.timeout);
                self.take_sub(now, i + 1, acts)
            }
            (Phase::Acquiring(_), other) => {
                let then = if matches!(other, Said::Failed(_)) {
                    other
                } else {
                    Said::GaveUp
                };
                self.phase = Phase::Unwinding(then);
                self.unwind(now)
            }
            (Phase::Unwinding(_), _) => self.unwind(now),
            _ => Vec::new(),
        }
    }

    /// `acquire()` / `acquire(time, unit)`.
    pub fn acquire(&mut self, now: SimTime, timeout: Option<SimDuration>) -> Vec<Action> {
        if self.phase != Phase::Idle || self.locks.is_empty() {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                format!("an acquire of {} is already under way", self.name),
            )))];
        }
        self.timeout = timeout;
        self.phase = Phase::Acquiring(0);
        let acts = self.locks[0].acquire(now, timeout);
        self.take_sub(now, 0, acts)
    }

    /// `release()`.
    pub fn release(&mut self) -> Vec<Action> {
        if self.held.is_empty() {
            return vec![Action::Say(Said::Failed(
                CuratorError::IllegalMonitorState(format!(
                    "You do not own the lock: {}",
                    self.locks.first().map_or("", |l| l.base.as_str())
                )),
            ))];
        }
        self.phase = Phase::Unwinding(Said::Released);
        let mut out = vec![Action::Say(Said::Releasing)];
        out.extend(self.unwind(SimTime::ZERO));
        out
    }

    /// The call just started.
    pub fn started(&mut self, id: CallId) {
        if let Some(l) = self.locks.get_mut(self.active) {
            l.pending = Some(id);
        }
    }

    /// Feed an input.
    pub fn on(&mut self, now: SimTime, input: Input<'_>) -> Vec<Action> {
        let targets: Vec<usize> = match input {
            Input::Done(id, _) => self
                .locks
                .iter()
                .position(|l| l.pending == Some(id))
                .into_iter()
                .collect(),
            _ => (0..self.locks.len())
                .filter(|&i| self.locks[i].acquiring())
                .collect(),
        };
        let mut out = Vec::new();
        for i in targets {
            let acts = self.locks[i].on(now, input);
            out.extend(self.take_sub(now, i, acts));
        }
        out
    }

    /// When it wants [`Input::Time`].
    pub fn deadline_if_waiting(&self) -> Option<SimTime> {
        self.locks
            .iter()
            .filter_map(Mutex::deadline_if_waiting)
            .min()
    }

    /// Is an acquire under way?
    pub fn acquiring(&self) -> bool {
        matches!(self.phase, Phase::Acquiring(_)) || self.phase == Phase::Unwinding(Said::GaveUp)
    }

    /// Blocked on a watch?
    pub fn blocked(&self) -> bool {
        self.locks.iter().any(Mutex::blocked)
    }

    /// Held?
    pub fn holding(&self) -> Option<&str> {
        (self.phase == Phase::Idle && !self.held.is_empty()).then_some(self.name.as_str())
    }
}
