//! `DistributedBarrier` and `DistributedDoubleBarrier`
//! (curator-recipes `barriers/DistributedBarrier.java`, `DistributedDoubleBarrier.java`).
//!
//! A barrier is one node: `setBarrier` creates it (container parents), `removeBarrier`
//! deletes it, and `waitOnBarrier` loops on `checkExists().usingWatcher(...)` until the
//! node is gone — every waiter watches the same node, and its deletion wakes them all.
//!
//! A double barrier of N members: `enter` checks `PATH/ready` with a watch, creates its
//! EPHEMERAL member node `PATH/<uuid>`, and lists the members; the N-th creates `ready`,
//! whose creation lets the others in. `leave` lists the members (without `ready`, sorted
//! by name): the lowest watches the highest, every other member watches the lowest and
//! deletes its own node; when only its own node is left it deletes it, and everyone who
//! sees no members left goes; whoever leaves deletes `ready`.

use super::{Action, Input, Said};
use crate::protocols::zookeeper::client::curator::exception::CuratorError;
use crate::protocols::zookeeper::client::curator::framework::{
    Call, CallId, Outcome, Owner, Parents,
};
use crate::protocols::zookeeper::client::curator::protection::uuid;
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::CreateMode;
use crate::rng::SimRng;

fn delete(p: &str) -> Action {
    Action::Call(Call::Delete {
        path: p.to_string(),
        version: -1,
        children: false,
        guaranteed: false,
    })
}

fn exists_watched(p: &str) -> Action {
    Action::Call(Call::Exists {
        path: p.to_string(),
        watch: Some(Owner::Internal),
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum BPhase {
    Idle,
    Setting,
    Removing,
    Checking,
    Waiting,
}

/// One client's `DistributedBarrier`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Barrier {
    base: String,
    phase: BPhase,
    /// The call in flight.
    pub pending: Option<CallId>,
}

impl Barrier {
    /// `new DistributedBarrier(client, base)`.
    pub fn new(base: &str) -> Self {
        Barrier {
            base: base.to_string(),
            phase: BPhase::Idle,
            pending: None,
        }
    }

    /// `setBarrier()`.
    pub fn set(&mut self) -> Vec<Action> {
        self.phase = BPhase::Setting;
        vec![Action::Call(Call::Create {
            path: self.base.clone(),
            data: None,
            mode: CreateMode::Persistent,
            parents: Parents::Containers,
            protected: false,
            acl: open_acl_unsafe(),
        })]
    }

    /// `removeBarrier()`.
    pub fn remove(&mut self) -> Vec<Action> {
        self.phase = BPhase::Removing;
        vec![delete(&self.base)]
    }

    /// `waitOnBarrier()`.
    pub fn wait(&mut self) -> Vec<Action> {
        self.phase = BPhase::Checking;
        vec![exists_watched(&self.base)]
    }

    /// Feed an input.
    pub fn on(&mut self, input: Input<'_>) -> Vec<Action> {
        match input {
            Input::Done(id, r) if self.pending == Some(id) => {
                self.pending = None;
                match (&self.phase, r) {
                    (BPhase::Checking, Ok(Outcome::Stat(None))) => {
                        self.phase = BPhase::Idle;
                        vec![Action::Say(Said::Acquired(self.base.clone()))]
                    }
                    (BPhase::Checking, Ok(_)) => {
                        self.phase = BPhase::Waiting;
                        Vec::new()
                    }
                    (BPhase::Setting, Err(e)) if e.code() != Some(ZkError::NodeExists) => {
                        self.phase = BPhase::Idle;
                        vec![Action::Say(Said::Failed(e.clone()))]
                    }
                    (BPhase::Removing, Err(e)) if e.code() != Some(ZkError::NoNode) => {
                        self.phase = BPhase::Idle;
                        vec![Action::Say(Said::Failed(e.clone()))]
                    }
                    (BPhase::Checking, Err(e)) => {
                        self.phase = BPhase::Idle;
                        vec![Action::Say(Said::Failed(e.clone()))]
                    }
                    _ => {
                        self.phase = BPhase::Idle;
                        vec![Action::Say(Said::Result(None))]
                    }
                }
            }
            Input::Fired(_) | Input::State(_) if self.phase == BPhase::Waiting => self.wait(),
            _ => Vec::new(),
        }
    }

    /// Waiting?
    pub fn acquiring(&self) -> bool {
        matches!(self.phase, BPhase::Checking | BPhase::Waiting)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum DPhase {
    Idle,
    EnterCheck,
    Creating { ready: bool },
    Counting,
    MakingReady,
    EnterWait,
    Inside,
    LeaveList,
    Watching { delete_after: bool },
    DeletingOurs { then_watch: bool },
    LeaveWait,
    DeletingReady,
}

/// One member of a `DistributedDoubleBarrier`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DoubleBarrier {
    base: String,
    members: usize,
    our_name: String,
    our_node_should_exist: bool,
    phase: DPhase,
    notified: bool,
    /// The call in flight.
    pub pending: Option<CallId>,
}

impl DoubleBarrier {
    /// `new DistributedDoubleBarrier(client, base, members)`; the member id is a UUID.
    pub fn new(base: &str, members: usize, rng: &mut SimRng) -> Self {
        DoubleBarrier {
            base: base.to_string(),
            members,
            our_name: uuid(rng),
            our_node_should_exist: true,
            phase: DPhase::Idle,
            notified: false,
            pending: None,
        }
    }

    fn ready(&self) -> String {
        path::join(&self.base, "ready")
    }

    fn ours(&self) -> String {
        path::join(&self.base, &self.our_name)
    }

    fn list(&self) -> Action {
        Action::Call(Call::GetChildren {
            path: self.base.clone(),
            watch: None,
        })
    }

    /// `enter()`.
    pub fn enter(&mut self) -> Vec<Action> {
        if self.phase != DPhase::Idle {
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                "already entered or entering".into(),
            )))];
        }
        self.notified = false;
        self.phase = DPhase::EnterCheck;
        vec![exists_watched(&self.ready())]
    }

    /// `leave()`.
    pub fn leave(&mut self) -> Vec<Action> {
        self.our_node_should_exist = true;
        self.phase = DPhase::LeaveList;
        vec![self.list()]
    }

    fn leave_done(&mut self) -> Vec<Action> {
        self.phase = DPhase::DeletingReady;
        vec![delete(&self.ready())]
    }

    fn on_leave_children(&mut self, children: &[String]) -> Vec<Action> {
        let mut kids: Vec<&String> = children.iter().filter(|c| c.as_str() != "ready").collect();
        kids.sort();
        if kids.is_empty() {
            return self.leave_done();
        }
        let ours = kids.iter().position(|c| **c == self.our_name);
        if ours.is_none() && self.our_node_should_exist {
            self.phase = DPhase::Idle;
            return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                format!("Our path ({}) is missing", self.our_name),
            )))];
        }
        if kids.len() == 1 {
            if self.our_node_should_exist && *kids[0] != self.our_name {
                self.phase = DPhase::Idle;
                return vec![Action::Say(Said::Failed(CuratorError::IllegalState(
                    format!("Last path ({}) is not ours ({})", kids[0], self.our_name),
                )))];
            }
            if self.our_node_should_exist {
                self.phase = DPhase::DeletingOurs { then_watch: false };
                return vec![delete(&self.ours())];
            }
            return self.leave_done();
        }
        if ours == Some(0) {
            let highest = path::join(&self.base, kids[kids.len() - 1]);
            self.phase = DPhase::Watching {
                delete_after: false,
            };
            vec![exists_watched(&highest)]
        } else {
            let lowest = path::join(&self.base, kids[0]);
            self.phase = DPhase::Watching {
                delete_after: self.our_node_should_exist,
            };
            vec![exists_watched(&lowest)]
        }
    }

    /// Feed an input.
    pub fn on(&mut self, input: Input<'_>) -> Vec<Action> {
        match input {
            Input::Done(id, r) if self.pending == Some(id) => {
                self.pending = None;
                self.on_done(r)
            }
            Input::Fired(_) => {
                self.notified = true;
                match self.phase {
                    DPhase::EnterWait => {
                        self.phase = DPhase::Inside;
                        vec![Action::Say(Said::Acquired(self.base.clone()))]
                    }
                    DPhase::LeaveWait => {
                        self.phase = DPhase::LeaveList;
                        vec![self.list()]
                    }
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    fn on_done(&mut self, r: &Result<Outcome, CuratorError>) -> Vec<Action> {
        let fail = |s: &mut Self, e: &CuratorError| {
            s.phase = DPhase::Idle;
            vec![Action::Say(Said::Failed(e.clone()))]
        };
        match (self.phase.clone(), r) {
            (DPhase::EnterCheck, Ok(o)) => {
                let ready = matches!(o, Outcome::Stat(Some(_)));
                self.phase = DPhase::Creating { ready };
                vec![Action::Call(Call::Create {
                    path: self.ours(),
                    data: None,
                    mode: CreateMode::Ephemeral,
                    parents: Parents::Containers,
                    protected: false,
                    acl: open_acl_unsafe(),
                })]
            }
            (DPhase::Creating { ready: true }, Ok(_)) => {
                self.phase = DPhase::Inside;
                vec![Action::Say(Said::Acquired(self.base.clone()))]
            }
            (DPhase::Creating { ready: false }, Ok(_)) => {
                self.phase = DPhase::Counting;
                vec![self.list()]
            }
            (DPhase::Counting, Ok(Outcome::Children { children, .. })) => {
                if children.len() >= self.members {
                    self.phase = DPhase::MakingReady;
                    return vec![Action::Call(Call::Create {
                        path: self.ready(),
                        data: None,
                        mode: CreateMode::Persistent,
                        parents: Parents::No,
                        protected: false,
                        acl: open_acl_unsafe(),
                    })];
                }
                if self.notified {
                    self.phase = DPhase::Inside;
                    return vec![Action::Say(Said::Acquired(self.base.clone()))];
                }
                self.phase = DPhase::EnterWait;
                Vec::new()
            }
            (DPhase::MakingReady, Ok(_)) => {
                self.phase = DPhase::Inside;
                vec![Action::Say(Said::Acquired(self.base.clone()))]
            }
            (DPhase::MakingReady, Err(e)) if e.code() == Some(ZkError::NodeExists) => {
                self.phase = DPhase::Inside;
                vec![Action::Say(Said::Acquired(self.base.clone()))]
            }
            (DPhase::LeaveList, Ok(Outcome::Children { children, .. })) => {
                let c = children.clone();
                self.on_leave_children(&c)
            }
            (DPhase::LeaveList, Err(e)) if e.code() == Some(ZkError::NoNode) => {
                self.on_leave_children(&[])
            }
            (DPhase::Watching { delete_after }, Ok(o)) => {
                let exists = matches!(o, Outcome::Stat(Some(_)));
                if delete_after {
                    self.our_node_should_exist = false;
                    self.phase = DPhase::DeletingOurs { then_watch: exists };
                    return vec![delete(&self.ours())];
                }
                if exists {
                    self.phase = DPhase::LeaveWait;
                    Vec::new()
                } else {
                    self.phase = DPhase::LeaveList;
                    vec![self.list()]
                }
            }
            (DPhase::DeletingOurs { then_watch }, _) => {
                if then_watch {
                    self.phase = DPhase::LeaveWait;
                    Vec::new()
                } else if self.our_node_should_exist {
                    // The last member: its own node was the only one.
                    self.leave_done()
                } else {
                    self.phase = DPhase::LeaveList;
                    vec![self.list()]
                }
            }
            (DPhase::DeletingReady, _) => {
                self.phase = DPhase::Idle;
                vec![Action::Say(Said::Released)]
            }
            (_, Err(e)) => fail(self, e),
            _ => Vec::new(),
        }
    }

    /// Entering or leaving?
    pub fn acquiring(&self) -> bool {
        !matches!(self.phase, DPhase::Idle | DPhase::Inside)
    }
}
