//! `SharedCount` over `SharedValue` (curator-recipes `shared/SharedCount.java`,
//! `SharedValue.java`): an int kept as 4 big-endian bytes in one node.
//!
//! `start()` creates the node with the seed (container parents; if it exists the seed
//! is ignored) and reads it with a data watch. Every watch event reads the value again
//! in the background (with a new watch) and tells the listener, so every participant,
//! the writer too, hears of every change. `setCount` writes unconditionally;
//! `trySetCount` writes with the version last read and answers false on BadVersion
//! (then reads the value again) or when its idea of the value is already out of date.

use super::{Action, Input, Said};
use crate::protocols::zookeeper::client::curator::exception::CuratorError;
use crate::protocols::zookeeper::client::curator::framework::{
    Call, CallId, Outcome, Owner, Parents,
};
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::request::CreateMode;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Phase {
    Idle,
    Creating,
    Reading,
    Setting,
    Trying,
    ReadingAfterTry,
}

/// One participant of a `SharedCount`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SharedCount {
    base: String,
    seed: i32,
    version: i32,
    value: i32,
    started: bool,
    phase: Phase,
    next: i32,
    /// The call in flight.
    pub pending: Option<CallId>,
    /// The background reads watches set off.
    pub background: Vec<CallId>,
    expect_background: bool,
}

fn to_int(b: &[u8]) -> i32 {
    match b {
        [a, b, c, d, ..] => i32::from_be_bytes([*a, *b, *c, *d]),
        _ => 0,
    }
}

impl SharedCount {
    /// `new SharedCount(client, base, seed)`.
    pub fn new(base: &str, seed: i32) -> Self {
        SharedCount {
            base: base.to_string(),
            seed,
            version: -1,
            value: seed,
            started: false,
            phase: Phase::Idle,
            next: 0,
            pending: None,
            background: Vec::new(),
            expect_background: false,
        }
    }

    fn read(&mut self, background: bool) -> Vec<Action> {
        self.expect_background = background;
        vec![Action::Call(Call::GetData {
            path: self.base.clone(),
            watch: Some(Owner::Internal),
        })]
    }

    fn update(&mut self, version: i32, value: i32) {
        if version > self.version {
            self.version = version;
            self.value = value;
        }
    }

    /// `start()`.
    pub fn start(&mut self) -> Vec<Action> {
        if self.started {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                "Cannot be started more than once".into(),
            )))];
        }
        self.started = true;
        self.phase = Phase::Creating;
        vec![Action::Call(Call::Create {
            path: self.base.clone(),
            data: Some(self.seed.to_be_bytes().to_vec()),
            mode: CreateMode::Persistent,
            parents: Parents::Containers,
            protected: false,
            acl: open_acl_unsafe(),
        })]
    }

    fn not_started(&self) -> Option<Vec<Action>> {
        (!self.started || self.phase != Phase::Idle).then(|| {
            vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                "not started".into(),
            )))]
        })
    }

    /// `getCount()`.
    pub fn get(&self) -> Vec<Action> {
        vec![Action::Say(Said::Result(Some(self.value.to_string())))]
    }

    /// `setCount(n)`.
    pub fn set(&mut self, n: i32) -> Vec<Action> {
        if let Some(e) = self.not_started() {
            return e;
        }
        self.phase = Phase::Setting;
        self.next = n;
        vec![Action::Call(Call::SetData {
            path: self.base.clone(),
            data: Some(n.to_be_bytes().to_vec()),
            version: -1,
        })]
    }

    /// `trySetCount(getVersionedValue(), n)`.
    pub fn try_set(&mut self, n: i32) -> Vec<Action> {
        if let Some(e) = self.not_started() {
            return e;
        }
        self.phase = Phase::Trying;
        self.next = n;
        vec![Action::Call(Call::SetData {
            path: self.base.clone(),
            data: Some(n.to_be_bytes().to_vec()),
            version: self.version,
        })]
    }

    /// The call just started.
    pub fn started(&mut self, id: CallId) {
        if self.expect_background {
            self.expect_background = false;
            if self.background.len() < 64 {
                self.background.push(id);
            }
        } else {
            self.pending = Some(id);
        }
    }

    /// Feed an input.
    pub fn on(&mut self, input: Input<'_>) -> Vec<Action> {
        match input {
            Input::Done(id, r) if self.background.contains(&id) => {
                self.background.retain(|b| *b != id);
                if let Ok(Outcome::Data { data, stat }) = r {
                    self.update(stat.version, to_int(data));
                    return vec![Action::Say(Said::Count(i64::from(self.value)))];
                }
                Vec::new()
            }
            Input::Done(id, r) if self.pending == Some(id) => {
                self.pending = None;
                self.on_done(r)
            }
            Input::Fired(_) if self.started => self.read(true),
            Input::State(s)
                if self.started
                    && matches!(
                        s,
                        crate::protocols::zookeeper::client::curator::framework::ConnectionState::Reconnected
                    ) =>
            {
                self.read(true)
            }
            _ => Vec::new(),
        }
    }

    fn on_done(&mut self, r: &Result<Outcome, CuratorError>) -> Vec<Action> {
        match (&self.phase, r) {
            (Phase::Creating, Ok(_)) => {
                self.phase = Phase::Reading;
                self.read(false)
            }
            (Phase::Creating, Err(e)) if e.code() == Some(ZkError::NodeExists) => {
                self.phase = Phase::Reading;
                self.read(false)
            }
            (Phase::Reading, Ok(Outcome::Data { data, stat })) => {
                self.update(stat.version, to_int(data));
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Result(None))]
            }
            (Phase::Setting, Ok(Outcome::Stat(Some(s)))) => {
                let n = self.next;
                self.update(s.version, n);
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Result(None))]
            }
            (Phase::Trying, Ok(Outcome::Stat(Some(s)))) => {
                let n = self.next;
                self.update(s.version, n);
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Result(Some("true".into())))]
            }
            (Phase::Trying, Err(e)) if e.code() == Some(ZkError::BadVersion) => {
                self.phase = Phase::ReadingAfterTry;
                self.read(false)
            }
            (Phase::ReadingAfterTry, Ok(Outcome::Data { data, stat })) => {
                self.update(stat.version, to_int(data));
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Result(Some("false".into())))]
            }
            (_, Err(e)) => {
                self.phase = Phase::Idle;
                vec![Action::Say(Said::Failed(e.clone()))]
            }
            _ => Vec::new(),
        }
    }

    /// Starting or writing?
    pub fn acquiring(&self) -> bool {
        self.phase != Phase::Idle
    }
}
