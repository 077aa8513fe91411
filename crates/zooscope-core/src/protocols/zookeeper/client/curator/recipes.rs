//! The lock recipes, each a sans-IO state machine: it asks for Curator calls
//! ([`Action::Call`]), is fed their outcomes, its watchers' events, the connection state
//! and the time ([`Input`]), and says what a learner sees ([`Said`]). The host starts the
//! calls on the client's framework and tells the recipe their ids, so a lab can step a
//! recipe one event at a time.
//!
//! * [`mutex`] — `InterProcessMutex` (re-entrant; `LockInternals` with one lease).
//!   The same state machine with other drivers is each half of
//!   `InterProcessReadWriteLock`.
//! * [`semaphore`] — `InterProcessSemaphoreV2` and `InterProcessSemaphoreMutex`.
//! * [`multi`] — `InterProcessMultiLock`.
//! * [`leader`] — `LeaderLatch` and `LeaderSelector` (start = acquire, close / resign =
//!   release).
//! * [`barrier`] — `DistributedBarrier` and `DistributedDoubleBarrier`.
//! * [`queue`] — `DistributedQueue`.
//! * [`count`] — `SharedCount`.
//! * [`naive`] — the herd lock the course warns about, for contrast.

pub mod barrier;
pub mod count;
pub mod leader;
pub mod multi;
pub mod mutex;
pub mod naive;
pub mod queue;
pub mod semaphore;

use super::exception::CuratorError;
use super::framework::{Call, CallId, ConnectionState, Outcome};
use crate::protocols::zookeeper::data::watch::WatchedEvent;
use crate::time::SimTime;

/// What a recipe is told.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// A call it asked for finished.
    Done(CallId, &'a Result<Outcome, CuratorError>),
    /// One of its watchers fired.
    Fired(&'a WatchedEvent),
    /// The connection state changed.
    State(ConnectionState),
    /// Time has moved (to or past its deadline).
    Time(SimTime),
}

/// What a recipe reports.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Said {
    /// The lock is ours (`acquire` returned true), holding this node.
    Acquired(String),
    /// A timed acquire returned false.
    GaveUp,
    /// `release` began giving the lock up (its node is being deleted).
    Releasing,
    /// `release` returned.
    Released,
    /// A waiter's watch fired and it looks again (the lock lab counts these).
    Woken(String),
    /// The call threw.
    Failed(CuratorError),
    /// A latch participant became leader (`isLeader`).
    Leader,
    /// A latch participant stopped leading (`notLeader`).
    NotLeader,
    /// A latch was closed.
    Closed,
    /// The call returned this line to print (None: it returned nothing to print).
    Result(Option<String>),
    /// A queue consumer got an item.
    Consumed(String),
    /// A SharedCount listener heard the count.
    Count(i64),
}

/// What a recipe asks for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start this call (the host answers with [`Lock::started`]).
    Call(Call),
    /// Forget this recipe's registered watchers (`client.removeWatchers()`).
    RemoveWatchers,
    /// Report.
    Say(Said),
}

/// The lock kinds a client can hold.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Lock {
    /// `InterProcessMutex`.
    Mutex(mutex::Mutex),
    /// The herd lock.
    Naive(naive::NaiveLock),
    /// `InterProcessSemaphoreV2` / `InterProcessSemaphoreMutex`.
    Semaphore(semaphore::Semaphore),
    /// `InterProcessMultiLock`.
    Multi(multi::MultiLock),
    /// `LeaderLatch`.
    Latch(leader::LeaderLatch),
    /// `LeaderSelector`.
    Selector(leader::LeaderSelector),
    /// `DistributedBarrier`.
    Barrier(barrier::Barrier),
    /// `DistributedDoubleBarrier`.
    DoubleBarrier(barrier::DoubleBarrier),
    /// `DistributedQueue`.
    Queue(queue::Queue),
    /// `SharedCount`.
    Count(count::SharedCount),
}

/// What a line asks a recipe to do.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RecipeOp {
    /// `acquire` / `start` / `waitOnBarrier` / `enter` (with an optional timeout).
    Acquire(Option<crate::time::SimDuration>),
    /// `release` / `close` / `resign` / `leave`.
    Release,
    /// `setBarrier`.
    Set,
    /// `removeBarrier`.
    Remove,
    /// `put(item)`.
    Put(String),
    /// `setCount(n)`.
    SetCount(i32),
    /// `trySetCount(getVersionedValue(), n)`.
    TryCount(i32),
    /// `getCount()`.
    Get,
}

impl Lock {
    /// Carry out `op` at `now`.
    pub fn op(&mut self, now: SimTime, op: RecipeOp) -> Vec<Action> {
        match (self, op) {
            (Lock::Barrier(b), RecipeOp::Set) => b.set(),
            (Lock::Barrier(b), RecipeOp::Remove) => b.remove(),
            (Lock::Barrier(b), RecipeOp::Acquire(_)) => b.wait(),
            (Lock::DoubleBarrier(d), RecipeOp::Acquire(_)) => d.enter(),
            (Lock::DoubleBarrier(d), RecipeOp::Release) => d.leave(),
            (Lock::Queue(q), RecipeOp::Acquire(_)) => q.start(),
            (Lock::Queue(q), RecipeOp::Put(item)) => q.put_or_start(&item),
            (Lock::Count(c), RecipeOp::Acquire(_)) => c.start(),
            (Lock::Count(c), RecipeOp::SetCount(n)) => c.set(n),
            (Lock::Count(c), RecipeOp::TryCount(n)) => c.try_set(n),
            (Lock::Count(c), RecipeOp::Get) => c.get(),
            (
                Lock::Barrier(_) | Lock::DoubleBarrier(_) | Lock::Queue(_) | Lock::Count(_),
                other,
            ) => vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                format!("{other:?} does not apply to this recipe"),
            )))],
            (lock, RecipeOp::Acquire(t)) => lock.acquire(now, t),
            (lock, RecipeOp::Release) => lock.release(),
            (_, other) => vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                format!("{other:?} does not apply to a lock"),
            )))],
        }
    }

    /// `acquire()` (`timeout`: `acquire(time, unit)`), at `now`.
    pub fn acquire(
        &mut self,
        now: SimTime,
        timeout: Option<crate::time::SimDuration>,
    ) -> Vec<Action> {
        match self {
            Lock::Mutex(m) => m.acquire(now, timeout),
            Lock::Naive(n) => n.acquire(now, timeout),
            Lock::Semaphore(s) => s.acquire(now, timeout),
            Lock::Multi(m) => m.acquire(now, timeout),
            Lock::Latch(l) => l.start(),
            Lock::Selector(l) => l.start(now),
            other => other.op(now, RecipeOp::Acquire(timeout)),
        }
    }

    /// `release()`.
    pub fn release(&mut self) -> Vec<Action> {
        match self {
            Lock::Mutex(m) => m.release(),
            Lock::Naive(n) => n.release(),
            Lock::Semaphore(s) => s.release(),
            Lock::Multi(m) => m.release(),
            Lock::Latch(l) => l.close(),
            Lock::Selector(l) => l.resign(),
            Lock::DoubleBarrier(d) => d.leave(),
            Lock::Barrier(_) | Lock::Queue(_) | Lock::Count(_) => Vec::new(),
        }
    }

    /// Feed an input at `now`.
    pub fn on(&mut self, now: SimTime, input: Input<'_>) -> Vec<Action> {
        match self {
            Lock::Mutex(m) => m.on(now, input),
            Lock::Naive(n) => n.on(now, input),
            Lock::Semaphore(s) => s.on(now, input),
            Lock::Multi(m) => m.on(now, input),
            Lock::Latch(l) => l.on(now, input),
            Lock::Selector(l) => l.on(now, input),
            Lock::Barrier(b) => b.on(input),
            Lock::DoubleBarrier(d) => d.on(input),
            Lock::Queue(q) => q.on(input),
            Lock::Count(c) => c.on(input),
        }
    }

    /// The call just started for the latest [`Action::Call`].
    pub fn started(&mut self, id: CallId) {
        match self {
            Lock::Mutex(m) => m.pending = Some(id),
            Lock::Naive(n) => n.pending = Some(id),
            Lock::Semaphore(s) => s.started(id),
            Lock::Multi(m) => m.started(id),
            Lock::Latch(l) => l.pending = Some(id),
            Lock::Selector(l) => l.started(id),
            Lock::Barrier(b) => b.pending = Some(id),
            Lock::DoubleBarrier(d) => d.pending = Some(id),
            Lock::Queue(q) => q.started(id),
            Lock::Count(c) => c.started(id),
        }
    }

    /// When the recipe wants [`Input::Time`].
    pub fn deadline(&self) -> Option<SimTime> {
        match self {
            Lock::Mutex(m) => m.deadline_if_waiting(),
            Lock::Naive(n) => n.deadline_if_waiting(),
            Lock::Semaphore(s) => s.deadline_if_waiting(),
            Lock::Multi(m) => m.deadline_if_waiting(),
            _ => None,
        }
    }

    /// Is an acquire under way (not yet granted nor given up)?
    pub fn acquiring(&self) -> bool {
        match self {
            Lock::Mutex(m) => m.acquiring(),
            Lock::Naive(n) => n.acquiring(),
            Lock::Semaphore(s) => s.acquiring(),
            Lock::Multi(m) => m.acquiring(),
            Lock::Latch(_) => false,
            Lock::Selector(l) => l.acquiring(),
            Lock::Barrier(b) => b.acquiring(),
            Lock::DoubleBarrier(d) => d.acquiring(),
            Lock::Queue(q) => q.acquiring(),
            Lock::Count(c) => c.acquiring(),
        }
    }

    /// Is it blocked waiting for a watch?
    pub fn blocked(&self) -> bool {
        match self {
            Lock::Mutex(m) => m.blocked(),
            Lock::Naive(n) => n.blocked(),
            Lock::Semaphore(s) => s.blocked(),
            Lock::Multi(m) => m.blocked(),
            Lock::Latch(_) | Lock::Queue(_) | Lock::Count(_) => false,
            Lock::Selector(l) => l.blocked(),
            Lock::Barrier(b) => b.acquiring(),
            Lock::DoubleBarrier(d) => d.acquiring(),
        }
    }

    /// Tell a read lock whether its client holds the write lock of the same path.
    pub fn set_holds_write(&mut self, holds: bool) {
        if let Lock::Mutex(m) = self {
            m.holds_write = holds;
        }
    }

    /// The node an acquire of `InterProcessMutex` (and its read/write halves) queues
    /// with, once created; None for the other recipes.
    pub fn queued_node(&self) -> Option<&str> {
        match self {
            Lock::Mutex(m) => m.our_node(),
            _ => None,
        }
    }

    /// The node an `InterProcessMutex` acquire (or a read/write half) waits in the queue
    /// with: created, not held, not being given up; None for the other recipes.
    pub fn waiting_node(&self) -> Option<&str> {
        match self {
            Lock::Mutex(m) => m.waiting_node(),
            _ => None,
        }
    }

    /// When an `InterProcessMutex`'s latest listing came back and the predecessor it
    /// named (None: it held); None for the other recipes.
    pub fn looked(&self) -> Option<(SimTime, Option<&str>)> {
        match self {
            Lock::Mutex(m) => m.looked(),
            _ => None,
        }
    }

    /// The node it holds the lock with, if it holds it.
    pub fn holding(&self) -> Option<&str> {
        match self {
            Lock::Mutex(m) => m.holding(),
            Lock::Naive(n) => n.holding(),
            Lock::Semaphore(s) => s.holding(),
            Lock::Multi(m) => m.holding(),
            Lock::Latch(l) => l.holding(),
            Lock::Selector(l) => l.holding(),
            _ => None,
        }
    }
}
