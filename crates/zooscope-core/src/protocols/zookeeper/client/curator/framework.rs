//! `CuratorFramework` over one simulated client process, as a sans-IO state machine.
//!
//! Every builder call (`create()`, `getData()`, ... `forPath`) becomes a [`Call`], run as
//! the sequence of ZooKeeper requests Curator 5.4 sends for it
//! (curator-framework `imps/CreateBuilderImpl.java`, `DeleteBuilderImpl.java`,
//! `NamespaceImpl.java`, curator-client `utils/ZKPaths.java`):
//!
//! * In a namespace, the first call that needs it creates the namespace node
//!   (`ZKPaths.mkdirs(..., asContainers = true)`: an `exists`, then a CONTAINER create)
//!   before its own request; paths are prefixed on the way out and stripped on the way
//!   back.
//! * A create with `creatingParentsIfNeeded` / `creatingParentContainersIfNeeded` first
//!   sends the create; only on NoNode does it walk the parents (`exists`, then a create
//!   with empty data, PERSISTENT or CONTAINER) and send the create again — so the failed
//!   attempt costs a zxid, as on a real server. Without data, the node holds the
//!   client's local address.
//! * `withProtection` renames the node `_c_<uuid>-name`; a retried protected create
//!   first lists the parent for a node it may already have made.
//! * `delete().deletingChildrenIfNeeded()` sends the delete and, on NotEmpty, deletes
//!   the subtree depth-first (`ZKPaths.deleteChildren`).
//! * A failure the retry policy counts as retry-able starts the call over after the
//!   policy's sleep (`RetryLoop.callWithRetry`); a `guaranteed()` delete that still fails
//!   is retried after the next reconnection (`FailedDeleteManager`).
//!
//! The framework keeps Curator's watcher table (which watcher wants which path's
//! events, the way `ZKWatchManager` dispatches them to individual watchers) and the
//! connection state of `ConnectionStateManager`: CONNECTED on the first session,
//! SUSPENDED when the connection drops, RECONNECTED when it is back, LOST when the
//! session expires or has been suspended for a whole session timeout, after which
//! Curator opens a new session by itself. Every client also watches
//! `/zookeeper/config` (the EnsembleTracker, on by default in Curator 5).
//!
//! The owner ([`super::host`]) hands out requests ([`Effect`]), feeds replies, watch
//! events and time back in, and takes the [`Notice`]s.

use super::exception::CuratorError;
use super::mkdirs::{reply_error, Mkdirs};
use super::protection;
use super::retry::RetryPolicy;
use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::acl::{open_acl_unsafe, Acl};
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::data::request::{CreateMode, Op, OpResult, ZkRequest, ZkResponse};
use crate::protocols::zookeeper::data::stat::Stat;
use crate::protocols::zookeeper::data::watch::{EventType, KeeperState, WatchedEvent};
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use crate::vecmap::VecMap;

/// A call's number within its framework.
pub type CallId = u64;
/// A recipe's number within its host.
pub type RecipeId = u32;

/// Curator's default node data on the recording host:
/// `InetAddress.getLocalHost().getHostAddress()` (FINDINGS.md 1).
pub const LOCAL_ADDRESS: &[u8] = b"127.0.0.1";
/// The session timeout the course's client asks for, ms.
pub const SESSION_TIMEOUT_MS: i32 = 60_000;
/// `connectionTimeoutMs` of the course's client.
pub const CONNECTION_TIMEOUT: SimDuration = SimDuration::from_secs(15);
/// Most calls one framework runs at once.
pub const CALLS_MAX: usize = 10_000;
/// Most watchers one framework keeps.
pub const WATCHERS_MAX: usize = 10_000;
/// Most nesting a recursive delete follows.
pub const DELETE_DEPTH_MAX: usize = 1_000;

/// Who gets a call's outcome or a watcher's event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    /// The statement running on the client's thread (it waits for the outcome).
    Statement,
    /// The course's `BackgroundCallback` (`inBackground(callback)`).
    Callback,
    /// A `(CuratorWatcher) e -> System.out.println(e)` watcher.
    Lambda,
    /// `watched()`: the CuratorListeners (the course registers none).
    Listener,
    /// The EnsembleTracker's `getConfig` watch.
    Ensemble,
    /// Curator's own bookkeeping (guaranteed deletes).
    Internal,
    /// A recipe.
    Recipe(RecipeId),
    /// A cache (its index on the client).
    Cache(u32),
}

pub use super::watchers::WatchKind;
use super::watchers::Watchers;

/// How a `create` makes missing parents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Parents {
    /// Not at all: NoNode is the answer.
    No,
    /// `creatingParentsIfNeeded()`.
    Persistent,
    /// `creatingParentContainersIfNeeded()`.
    Containers,
}

/// One op of `transaction().forOperations(...)` (paths without the namespace).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TxnOp {
    /// `transactionOp().create()`.
    Create {
        /// Path.
        path: String,
        /// Data (None: the local address).
        data: Option<Vec<u8>>,
        /// Mode.
        mode: CreateMode,
    },
    /// `transactionOp().delete()`.
    Delete {
        /// Path.
        path: String,
        /// Version or -1.
        version: i32,
    },
    /// `transactionOp().setData()`.
    SetData {
        /// Path.
        path: String,
        /// Data (None: the local address).
        data: Option<Vec<u8>>,
        /// Version or -1.
        version: i32,
    },
    /// `transactionOp().check()`.
    Check {
        /// Path.
        path: String,
        /// Version.
        version: i32,
    },
}

/// A builder call, with paths as the caller wrote them (without the namespace).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Call {
    /// `create()...forPath(path[, data])`.
    Create {
        /// Path.
        path: String,
        /// Data (None: the local address).
        data: Option<Vec<u8>>,
        /// Mode.
        mode: CreateMode,
        /// Parent handling.
        parents: Parents,
        /// `withProtection()`.
        protected: bool,
        /// ACL.
        acl: Vec<Acl>,
    },
    /// `delete()...forPath(path)`.
    Delete {
        /// Path.
        path: String,
        /// `withVersion` or -1.
        version: i32,
        /// `deletingChildrenIfNeeded()`.
        children: bool,
        /// `guaranteed()`.
        guaranteed: bool,
    },
    /// `setData()...forPath(path[, data])`.
    SetData {
        /// Path.
        path: String,
        /// Data (None: the local address).
        data: Option<Vec<u8>>,
        /// `withVersion` or -1.
        version: i32,
    },
    /// `getData()...forPath(path)`.
    GetData {
        /// Path.
        path: String,
        /// Who the watch is for.
        watch: Option<Owner>,
    },
    /// `getChildren()...forPath(path)`.
    GetChildren {
        /// Path.
        path: String,
        /// Who the watch is for.
        watch: Option<Owner>,
    },
    /// `checkExists()...forPath(path)`.
    Exists {
        /// Path.
        path: String,
        /// Who the watch is for.
        watch: Option<Owner>,
    },
    /// `transaction().forOperations(...)`.
    Transaction(Vec<TxnOp>),
    /// `getConfig().usingWatcher(...)` (the EnsembleTracker).
    GetConfig {
        /// Who the watch is for.
        watch: Option<Owner>,
    },
    /// One ZooKeeper request as a recipe class sends it through the framework's
    /// builders (the caches): paths are namespaced, failures retried by the policy, and
    /// the reply comes back as [`Outcome::Reply`] (its watch is the caller's to track).
    Plain(ZkRequest),
}

impl Call {
    /// The path the call names, as written.
    pub fn path(&self) -> &str {
        match self {
            Call::Create { path, .. }
            | Call::Delete { path, .. }
            | Call::SetData { path, .. }
            | Call::GetData { path, .. }
            | Call::GetChildren { path, .. }
            | Call::Exists { path, .. } => path,
            Call::Transaction(_) => "/",
            Call::GetConfig { .. } => "/zookeeper/config",
            Call::Plain(req) => req.path().unwrap_or("/"),
        }
    }

    /// Does the call go through the namespace (and create it first)?
    fn namespaced(&self) -> bool {
        !matches!(self, Call::GetConfig { .. })
    }
}

/// What a call returns.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// `create`: the created path (without the namespace) and its stat.
    Created {
        /// Path.
        path: String,
        /// Stat.
        stat: Stat,
    },
    /// `setData` / `checkExists` (None: no such node).
    Stat(Option<Stat>),
    /// `getData`.
    Data {
        /// The bytes (null data reads as empty).
        data: Vec<u8>,
        /// Stat.
        stat: Stat,
    },
    /// `getChildren`.
    Children {
        /// Names in the server's order.
        children: Vec<String>,
        /// The parent's stat.
        stat: Stat,
    },
    /// `delete`.
    Void,
    /// A transaction: one result per op.
    Txn(usize),
    /// A [`Call::Plain`]'s reply as the server sent it (paths without the namespace).
    Reply(Result<ZkResponse, ClientError>),
}

/// Curator's `ConnectionState` (what the listener is told).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConnectionState {
    /// The first connection.
    Connected,
    /// The connection dropped.
    Suspended,
    /// Connected again after SUSPENDED or LOST.
    Reconnected,
    /// The session is gone.
    Lost,
}

impl ConnectionState {
    /// The Java constant's name.
    pub fn name(self) -> &'static str {
        match self {
            ConnectionState::Connected => "CONNECTED",
            ConnectionState::Suspended => "SUSPENDED",
            ConnectionState::Reconnected => "RECONNECTED",
            ConnectionState::Lost => "LOST",
        }
    }
}

/// What the framework tells its owner.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Notice {
    /// A call finished.
    Done {
        /// Which.
        call: CallId,
        /// Whose.
        owner: Owner,
        /// The call (for a background callback's event).
        what: Box<Call>,
        /// Its outcome.
        result: Result<Outcome, CuratorError>,
    },
    /// A watcher fired (path without the namespace of the call that set it).
    Fired {
        /// Whose watcher.
        owner: Owner,
        /// The event.
        event: WatchedEvent,
    },
    /// The connection state changed.
    State(ConnectionState),
}

/// What the framework asks its owner to do with the client node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Send this request for this call.
    Submit(CallId, ZkRequest),
    /// Open a new session (after LOST).
    Reopen,
}

/// `ZKPaths.deleteChildren(path, true)`: list, recurse, delete, depth first.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct DeleteTree {
    /// (path, children still to delete; None until listed).
    stack: Vec<(String, Option<Vec<String>>)>,
    /// Waiting for the delete of the top frame.
    deleting: bool,
}

impl DeleteTree {
    fn new(p: &str) -> Self {
        DeleteTree {
            stack: vec![(p.to_string(), None)],
            deleting: false,
        }
    }

    fn request(&mut self) -> Option<ZkRequest> {
        loop {
            let (p, kids) = self.stack.last_mut()?;
            match kids {
                None => {
                    return Some(ZkRequest::GetChildren {
                        path: p.clone(),
                        watch: false,
                        with_stat: false,
                    })
                }
                Some(k) if k.is_empty() => {
                    self.deleting = true;
                    return Some(ZkRequest::Delete {
                        path: p.clone(),
                        version: -1,
                    });
                }
                Some(k) => {
                    let child = path::join(p, &k.remove(0));
                    if self.stack.len() >= DELETE_DEPTH_MAX {
                        return None;
                    }
                    self.stack.push((child, None));
                }
            }
        }
    }

    /// Take a reply; Ok(true) when the tree is gone.
    fn reply(&mut self, r: &Result<ZkResponse, ClientError>) -> Result<bool, ZkError> {
        if self.deleting {
            self.deleting = false;
            match reply_error(r) {
                // Someone else deleted it meanwhile.
                None | Some(ZkError::NoNode) => {
                    self.stack.pop();
                }
                // A child appeared since we listed: list again.
                Some(ZkError::NotEmpty) => {
                    if let Some(top) = self.stack.last_mut() {
                        top.1 = None;
                    }
                }
                Some(e) => return Err(e),
            }
            return Ok(self.stack.is_empty());
        }
        match r {
            Ok(ZkResponse::Children { children, .. }) => {
                if let Some(top) = self.stack.last_mut() {
                    top.1 = Some(children.clone());
                }
                Ok(false)
            }
            other => Err(reply_error(other).unwrap_or(ZkError::SystemError)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Stage {
    /// Sleeping before a retry.
    Sleeping(SimTime),
    /// Creating the namespace node.
    Namespace(Mkdirs),
    /// A protected create's retry looks for its node first.
    FindProtected,
    /// The call's main request is out.
    Main,
    /// A create's parents.
    Parents(Mkdirs),
    /// A create sent again after its parents.
    CreateAgain,
    /// A recursive delete.
    Tree(DeleteTree),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Running {
    owner: Owner,
    call: Call,
    ns: Option<String>,
    stage: Stage,
    retries: u32,
    protected_id: Option<String>,
}

/// One `CuratorFramework`.
#[derive(Clone, Debug)]
pub struct Framework {
    /// The client's name.
    pub name: String,
    /// `namespace(...)` of the builder.
    pub namespace: Option<String>,
    /// The retry policy.
    pub retry: RetryPolicy,
    /// The connection state last told to listeners (None before the first session).
    pub state: Option<ConnectionState>,
    /// Is the session up now?
    pub connected: bool,
    /// The negotiated session timeout, ms.
    pub session_timeout_ms: i32,
    suspended_since: Option<SimTime>,
    /// The time of the latest input.
    now: SimTime,
    /// Namespaces whose node is known to exist.
    ns_ready: Vec<String>,
    rng: SimRng,
    /// Curator's watchers: (owner, the namespace of the call that set it, to strip
    /// from event paths), by server path.
    watchers: Watchers<(Owner, Option<String>)>,
    calls: VecMap<CallId, Running>,
    next_call: CallId,
    effects: Vec<Effect>,
    notices: Vec<Notice>,
    /// Guaranteed deletes to retry after the next reconnection (path with namespace).
    failed_deletes: Vec<String>,
}

/// `ZKPaths.fixForNamespace`.
pub fn fix(ns: Option<&str>, p: &str) -> String {
    match ns {
        None => p.to_string(),
        Some(ns) if p == "/" => format!("/{ns}"),
        Some(ns) => format!("/{ns}{p}"),
    }
}

/// `NamespaceImpl.unfixForNamespace`.
pub fn unfix(ns: Option<&str>, p: &str) -> String {
    let Some(ns) = ns else {
        return p.to_string();
    };
    let prefix = format!("/{ns}");
    match p.strip_prefix(&prefix) {
        Some("") => "/".to_string(),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => p.to_string(),
    }
}

/// `req` with its path in namespace `ns` (the requests a recipe sends on its own).
fn fix_request(ns: Option<&str>, req: &ZkRequest) -> ZkRequest {
    let mut r = req.clone();
    match &mut r {
        ZkRequest::Create { path: p, .. }
        | ZkRequest::Delete { path: p, .. }
        | ZkRequest::SetData { path: p, .. }
        | ZkRequest::Exists { path: p, .. }
        | ZkRequest::GetData { path: p, .. }
        | ZkRequest::GetChildren { path: p, .. }
        | ZkRequest::AddWatch { path: p, .. } => *p = fix(ns, p),
        _ => {}
    }
    r
}

fn data_or_default(d: &Option<Vec<u8>>) -> Vec<u8> {
    d.clone().unwrap_or_else(|| LOCAL_ADDRESS.to_vec())
}

impl Framework {
    /// A framework for client `name`; `seed` feeds its UUIDs and retry sleeps.
    pub fn new(name: &str, namespace: Option<String>, retry: RetryPolicy, seed: u64) -> Self {
        Framework {
            name: name.to_string(),
            namespace: namespace.filter(|n| !n.is_empty()),
            retry,
            state: None,
            connected: false,
            session_timeout_ms: SESSION_TIMEOUT_MS,
            suspended_since: None,
            now: SimTime::ZERO,
            ns_ready: Vec::new(),
            rng: SimRng::new(seed),
            watchers: Watchers::default(),
            calls: VecMap::new(),
            next_call: 1,
            effects: Vec::new(),
            notices: Vec::new(),
            failed_deletes: Vec::new(),
        }
    }

    /// The client's random generator (UUIDs of recipes, identity hashes).
    pub fn rng(&mut self) -> &mut SimRng {
        &mut self.rng
    }

    /// Requests and session actions to carry out, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// What happened, oldest first.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// Calls still running.
    pub fn busy(&self) -> bool {
        !self.calls.is_empty()
    }

    /// Calls still running for `owner`.
    pub fn busy_for(&self, owner: Owner) -> bool {
        self.calls.values().any(|r| r.owner == owner)
    }

    /// Watchers registered for `owner` (server paths).
    pub fn watched_by(&self, owner: Owner) -> Vec<String> {
        self.watchers.paths_of(|w| w.0 == owner)
    }

    /// Forget `owner`'s watchers (`WatcherRemovalManager.removeWatchers`, which removes
    /// them from the client; the server's one-shot watch stays until it fires).
    pub fn remove_watchers(&mut self, owner: Owner) {
        self.watchers.remove_where(|w| w.0 == owner);
    }

    /// Is a call of `owner` asleep in the retry loop (`RetryLoopImpl.takeException`'s
    /// sleep before the next attempt)?
    pub fn retrying(&self, owner: Owner) -> bool {
        self.calls
            .values()
            .any(|r| r.owner == owner && matches!(r.stage, Stage::Sleeping(_)))
    }

    /// The earliest time the framework wants to be woken.
    pub fn deadline(&self) -> Option<SimTime> {
        let sleeps = self.calls.values().filter_map(|r| match r.stage {
            Stage::Sleeping(t) => Some(t),
            _ => None,
        });
        let lost = self.suspended_since.map(|t| {
            t.after(SimDuration::from_millis(
                self.session_timeout_ms.max(1) as u64
            ))
        });
        sleeps.chain(lost).min()
    }

    /// Start `call` for `owner` in namespace `ns` (None: the root).
    pub fn start(&mut self, call: Call, owner: Owner, ns: Option<String>) -> CallId {
        let id = self.next_call;
        self.next_call += 1;
        if self.calls.len() >= CALLS_MAX {
            self.notices.push(Notice::Done {
                call: id,
                owner,
                what: Box::new(call),
                result: Err(CuratorError::IllegalState(format!(
                    "more than {CALLS_MAX} calls at once"
                ))),
            });
            return id;
        }
        let ns = ns.filter(|n| !n.is_empty());
        let protected_id = match &call {
            Call::Create {
                protected: true, ..
            } => Some(protection::uuid(&mut self.rng)),
            _ => None,
        };
        let run = Running {
            owner,
            call,
            ns,
            stage: Stage::Main,
            retries: 0,
            protected_id,
        };
        self.calls.insert(id, run);
        self.begin_attempt(id, true);
        id
    }

    fn begin_attempt(&mut self, id: CallId, first: bool) {
        let Some(run) = self.calls.get_mut(&id) else {
            return;
        };
        if let Some(ns) = run.ns.clone() {
            if run.call.namespaced() && !self.ns_ready.contains(&ns) {
                let m = Mkdirs::new(&format!("/{ns}"), true, true);
                run.stage = Stage::Namespace(m);
                self.send_stage(id);
                return;
            }
        }
        if !first && run.protected_id.is_some() {
            run.stage = Stage::FindProtected;
        } else {
            run.stage = Stage::Main;
        }
        self.send_stage(id);
    }

    fn main_request(run: &Running) -> ZkRequest {
        let ns = run.ns.as_deref();
        let full = |p: &str| fix(ns, p);
        match &run.call {
            Call::Create {
                path: p,
                data,
                mode,
                acl,
                ..
            } => {
                let mut target = full(p);
                if let Some(id) = &run.protected_id {
                    target = protection::protected_path(&target, id);
                }
                ZkRequest::Create {
                    path: target,
                    data: Some(data_or_default(data)),
                    acl: acl.clone(),
                    mode: *mode,
                    ttl: -1,
                }
            }
            Call::Delete {
                path: p, version, ..
            } => ZkRequest::Delete {
                path: full(p),
                version: *version,
            },
            Call::SetData {
                path: p,
                data,
                version,
            } => ZkRequest::SetData {
                path: full(p),
                data: Some(data_or_default(data)),
                version: *version,
            },
            Call::GetData { path: p, watch } => ZkRequest::GetData {
                path: full(p),
                watch: watch.is_some(),
            },
            Call::GetChildren { path: p, watch } => ZkRequest::GetChildren {
                path: full(p),
                watch: watch.is_some(),
                with_stat: true,
            },
            Call::Exists { path: p, watch } => ZkRequest::Exists {
                path: full(p),
                watch: watch.is_some(),
            },
            Call::GetConfig { watch } => ZkRequest::GetConfig {
                watch: watch.is_some(),
            },
            Call::Plain(req) => fix_request(ns, req),
            Call::Transaction(ops) => ZkRequest::Multi {
                ops: ops
                    .iter()
                    .map(|o| match o {
                        TxnOp::Create {
                            path: p,
                            data,
                            mode,
                        } => Op::Create {
                            path: full(p),
                            data: Some(data_or_default(data)),
                            acl: open_acl_unsafe(),
                            mode: *mode,
                            ttl: -1,
                        },
                        TxnOp::Delete { path: p, version } => Op::Delete {
                            path: full(p),
                            version: *version,
                        },
                        TxnOp::SetData {
                            path: p,
                            data,
                            version,
                        } => Op::SetData {
                            path: full(p),
                            data: Some(data_or_default(data)),
                            version: *version,
                        },
                        TxnOp::Check { path: p, version } => Op::Check {
                            path: full(p),
                            version: *version,
                        },
                    })
                    .collect(),
            },
        }
    }

    fn send_stage(&mut self, id: CallId) {
        let Some(run) = self.calls.get_mut(&id) else {
            return;
        };
        let req = match &mut run.stage {
            Stage::Sleeping(_) => return,
            Stage::Namespace(m) | Stage::Parents(m) => m.request(),
            Stage::FindProtected => {
                let target = fix(run.ns.as_deref(), run.call.path());
                let parent = path::split_last(&target)
                    .map(|(p, _)| path::node_key(p).to_string())
                    .unwrap_or_else(|| "/".into());
                Some(ZkRequest::GetChildren {
                    path: parent,
                    watch: false,
                    with_stat: false,
                })
            }
            Stage::Main | Stage::CreateAgain => Some(Self::main_request(run)),
            Stage::Tree(t) => t.request(),
        };
        match req {
            Some(r) => self.effects.push(Effect::Submit(id, r)),
            None => self.finish(
                id,
                Err(CuratorError::IllegalState("nothing to send".into())),
            ),
        }
    }

    fn finish(&mut self, id: CallId, result: Result<Outcome, CuratorError>) {
        let Some(run) = self.calls.remove(&id) else {
            return;
        };
        if let (
            Call::Delete {
                guaranteed: true,
                path: p,
                ..
            },
            Err(e),
        ) = (&run.call, &result)
        {
            if e.code().is_some_and(RetryPolicy::retryable) && self.failed_deletes.len() < CALLS_MAX
            {
                self.failed_deletes.push(fix(run.ns.as_deref(), p));
            }
        }
        self.notices.push(Notice::Done {
            call: id,
            owner: run.owner,
            what: Box::new(run.call),
            result,
        });
    }

    fn fail(&mut self, id: CallId, code: ZkError, with_path: bool) {
        let Some(run) = self.calls.get_mut(&id) else {
            return;
        };
        if RetryPolicy::retryable(code) {
            if let Some(sleep) = self.retry.sleep_before_retry(run.retries, &mut self.rng) {
                run.retries += 1;
                run.stage = Stage::Sleeping(self.now.after(SimDuration::from_millis(sleep)));
                return;
            }
        }
        let full = fix(run.ns.as_deref(), run.call.path());
        let err = CuratorError::Keeper {
            code,
            path: with_path.then_some(full),
        };
        self.finish(id, Err(err));
    }

    /// The reply to a request of call `id`.
    pub fn on_reply(&mut self, now: SimTime, id: CallId, r: Result<ZkResponse, ClientError>) {
        self.now = now;
        self.handle_reply(id, r);
    }

    fn register_watch(&mut self, run: &Running, r: &Result<ZkResponse, ClientError>) {
        let config_path = "/zookeeper/config".to_string();
        let (owner, kind, p) = match &run.call {
            Call::GetData {
                watch: Some(o),
                path: p,
            } => (*o, WatchKind::Data, p),
            Call::GetChildren {
                watch: Some(o),
                path: p,
            } => (*o, WatchKind::Child, p),
            Call::Exists {
                watch: Some(o),
                path: p,
            } => (
                *o,
                if reply_error(r) == Some(ZkError::NoNode) {
                    WatchKind::Exist
                } else {
                    WatchKind::Data
                },
                p,
            ),
            Call::GetConfig { watch: Some(o) } => (*o, WatchKind::Data, &config_path),
            _ => return,
        };
        let err = reply_error(r);
        let ok = err.is_none() || (kind == WatchKind::Exist && err == Some(ZkError::NoNode));
        if !ok || self.watchers.len() >= WATCHERS_MAX {
            return;
        }
        let ns = if matches!(run.call, Call::GetConfig { .. }) {
            None
        } else {
            run.ns.clone()
        };
        let server_path = if matches!(run.call, Call::GetConfig { .. }) {
            p.clone()
        } else {
            fix(ns.as_deref(), p)
        };
        self.watchers.add(kind, &server_path, (owner, ns));
    }

    fn handle_reply(&mut self, id: CallId, r: Result<ZkResponse, ClientError>) {
        let Some(run) = self.calls.get(&id).cloned() else {
            return;
        };
        let ns = run.ns.clone();
        let err = reply_error(&r);
        match run.stage {
            Stage::Sleeping(_) => {}
            Stage::Namespace(mut m) => match m.reply(&r) {
                Ok(true) => {
                    if let Some(n) = &ns {
                        if !self.ns_ready.contains(n) {
                            self.ns_ready.push(n.clone());
                        }
                    }
                    self.begin_attempt(id, run.retries == 0);
                }
                Ok(false) => {
                    self.set_stage(id, Stage::Namespace(m));
                    self.send_stage(id);
                }
                Err(e) => self.fail(id, e, true),
            },
            Stage::FindProtected => {
                if let Ok(ZkResponse::Children { children, .. }) = &r {
                    let pid = run.protected_id.clone().unwrap_or_default();
                    if let Some(found) = protection::find_node(children, &pid) {
                        let target = fix(ns.as_deref(), run.call.path());
                        let parent = path::split_last(&target).map_or("/", |(p, _)| p);
                        let full = path::join(path::node_key(parent), found);
                        let p = unfix(ns.as_deref(), &full);
                        self.finish(
                            id,
                            Ok(Outcome::Created {
                                path: p,
                                stat: Stat::default(),
                            }),
                        );
                        return;
                    }
                }
                match err {
                    Some(e) if RetryPolicy::retryable(e) => self.fail(id, e, true),
                    _ => {
                        self.set_stage(id, Stage::Main);
                        self.send_stage(id);
                    }
                }
            }
            Stage::Main if matches!(run.call, Call::Plain(_)) => match err {
                Some(e) if RetryPolicy::retryable(e) => self.fail(id, e, true),
                _ => {
                    let r = r.map(|resp| match resp {
                        ZkResponse::Created { path: p, stat } => ZkResponse::Created {
                            path: unfix(ns.as_deref(), &p),
                            stat,
                        },
                        other => other,
                    });
                    self.finish(id, Ok(Outcome::Reply(r)));
                }
            },
            Stage::Main | Stage::CreateAgain => {
                let again = matches!(run.stage, Stage::CreateAgain);
                self.register_watch(&run, &r);
                match (&run.call, err) {
                    (
                        Call::Create {
                            parents: Parents::Persistent | Parents::Containers,
                            ..
                        },
                        Some(ZkError::NoNode),
                    ) if !again => {
                        let target = match Self::main_request(&run) {
                            ZkRequest::Create { path: p, .. } => p,
                            _ => String::new(),
                        };
                        let containers = matches!(
                            run.call,
                            Call::Create {
                                parents: Parents::Containers,
                                ..
                            }
                        );
                        let m = Mkdirs::new(&target, false, containers);
                        if m.is_done() {
                            self.fail(id, ZkError::NoNode, true);
                        } else {
                            self.set_stage(id, Stage::Parents(m));
                            self.send_stage(id);
                        }
                    }
                    (
                        Call::Delete {
                            children: true,
                            version,
                            ..
                        },
                        Some(ZkError::NotEmpty),
                    ) => {
                        let _ = version;
                        let t = DeleteTree::new(&fix(ns.as_deref(), run.call.path()));
                        self.set_stage(id, Stage::Tree(t));
                        self.send_stage(id);
                    }
                    (Call::Exists { .. }, Some(ZkError::NoNode)) => {
                        self.finish(id, Ok(Outcome::Stat(None)))
                    }
                    (Call::Transaction(_), Some(e)) => self.fail(id, e, false),
                    (_, Some(e)) => self.fail(id, e, true),
                    (_, None) => {
                        let out = Self::outcome(&run, r);
                        self.finish(id, out);
                    }
                }
            }
            Stage::Parents(mut m) => match m.reply(&r) {
                Ok(true) => {
                    self.set_stage(id, Stage::CreateAgain);
                    self.send_stage(id);
                }
                Ok(false) => {
                    self.set_stage(id, Stage::Parents(m));
                    self.send_stage(id);
                }
                Err(e) => self.fail(id, e, true),
            },
            Stage::Tree(mut t) => match t.reply(&r) {
                Ok(true) => self.finish(id, Ok(Outcome::Void)),
                Ok(false) => {
                    self.set_stage(id, Stage::Tree(t));
                    self.send_stage(id);
                }
                Err(e) => self.fail(id, e, true),
            },
        }
    }

    fn set_stage(&mut self, id: CallId, stage: Stage) {
        if let Some(run) = self.calls.get_mut(&id) {
            run.stage = stage;
        }
    }

    fn outcome(run: &Running, r: Result<ZkResponse, ClientError>) -> Result<Outcome, CuratorError> {
        let ns = run.ns.as_deref();
        let resp = r.map_err(|_| CuratorError::keeper(ZkError::SystemError, run.call.path()))?;
        Ok(match resp {
            ZkResponse::Created { path: p, stat } => Outcome::Created {
                path: unfix(ns, &p),
                stat,
            },
            ZkResponse::Stat(s) => Outcome::Stat(Some(s)),
            ZkResponse::Data { data, stat } => Outcome::Data {
                data: data.unwrap_or_default(),
                stat,
            },
            ZkResponse::Children { children, stat } => Outcome::Children {
                children,
                stat: stat.unwrap_or_default(),
            },
            ZkResponse::Multi(results) => {
                if let Some(code) = results.iter().find_map(|o| match o {
                    OpResult::Error { code } if *code != 0 && *code != -2 => Some(*code),
                    _ => None,
                }) {
                    return Err(CuratorError::Keeper {
                        code: ZkError::from_code(code).unwrap_or(ZkError::SystemError),
                        path: None,
                    });
                }
                Outcome::Txn(results.len())
            }
            _ => Outcome::Void,
        })
    }

    /// A connection-state or node event reached the client's default watcher.
    pub fn on_event(&mut self, now: SimTime, ev: &WatchedEvent) {
        self.now = now;
        if ev.event_type == EventType::None {
            self.on_state(now, ev.state);
        } else if let Some(p) = &ev.path {
            let fired = self.watchers.materialize(ev);
            // One watcher object fires once per event, however many kinds it holds.
            let mut told: Vec<Owner> = Vec::new();
            for (owner, ns) in fired {
                if told.contains(&owner) {
                    continue;
                }
                told.push(owner);
                let mut e = ev.clone();
                e.path = Some(unfix(ns.as_deref(), p));
                self.notices.push(Notice::Fired { owner, event: e });
            }
        }
    }

    fn tell(&mut self, s: ConnectionState) {
        self.state = Some(s);
        self.notices.push(Notice::State(s));
    }

    fn on_state(&mut self, now: SimTime, state: KeeperState) {
        match state {
            KeeperState::SyncConnected | KeeperState::ConnectedReadOnly => {
                self.connected = true;
                self.suspended_since = None;
                match self.state {
                    None => self.tell(ConnectionState::Connected),
                    Some(ConnectionState::Suspended | ConnectionState::Lost) => {
                        self.tell(ConnectionState::Reconnected)
                    }
                    _ => {}
                }
                // EnsembleTracker.reset() on CONNECTED / RECONNECTED.
                self.start(
                    Call::GetConfig {
                        watch: Some(Owner::Ensemble),
                    },
                    Owner::Ensemble,
                    None,
                );
                let deletes = std::mem::take(&mut self.failed_deletes);
                for p in deletes {
                    self.start(
                        Call::Delete {
                            path: p,
                            version: -1,
                            children: false,
                            guaranteed: true,
                        },
                        Owner::Internal,
                        None,
                    );
                }
            }
            KeeperState::Disconnected => {
                self.connected = false;
                if matches!(
                    self.state,
                    Some(ConnectionState::Connected | ConnectionState::Reconnected)
                ) {
                    self.suspended_since = Some(now);
                    self.tell(ConnectionState::Suspended);
                }
            }
            KeeperState::Expired => self.lose(),
            _ => {}
        }
    }

    fn lose(&mut self) {
        self.connected = false;
        self.suspended_since = None;
        // Watchers die with the session (ZooKeeper's client drops them on expiry).
        self.watchers.clear();
        if self.state != Some(ConnectionState::Lost) {
            self.tell(ConnectionState::Lost);
        }
        self.effects.push(Effect::Reopen);
    }

    /// Time has moved to `now`: wake sleeping retries, and declare the session LOST if
    /// it has been suspended for a whole session timeout
    /// (`ConnectionStateManager.checkSessionExpiration`).
    pub fn on_time(&mut self, now: SimTime) {
        self.now = now;
        if let Some(since) = self.suspended_since {
            let limit = SimDuration::from_millis(self.session_timeout_ms.max(1) as u64);
            if now.0 >= since.0.saturating_add(limit.0) {
                self.lose();
            }
        }
        let due: Vec<CallId> = self
            .calls
            .iter()
            .filter(|(_, r)| matches!(r.stage, Stage::Sleeping(t) if t <= now))
            .map(|(id, _)| *id)
            .collect();
        for id in due {
            self.begin_attempt(id, false);
        }
    }

    /// A fresh identity hash (`Object.hashCode`), as Java prints it after `@`.
    pub fn identity_hash(&mut self) -> String {
        format!(
            "{:x}",
            (self.rng.next_u64() as u32 & 0x7fff_ffff) | 0x1000_0000
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_fix_and_unfix() {
        assert_eq!(fix(Some("ns"), "/"), "/ns");
        assert_eq!(fix(Some("ns"), "/a"), "/ns/a");
        assert_eq!(unfix(Some("ns"), "/ns"), "/");
        assert_eq!(unfix(Some("ns"), "/ns/a"), "/a");
        assert_eq!(unfix(Some("ns"), "/nsx"), "/nsx");
        assert_eq!(unfix(None, "/a"), "/a");
    }

    fn ok(resp: ZkResponse) -> Result<ZkResponse, ClientError> {
        Ok(resp)
    }

    fn sent(f: &mut Framework) -> Vec<ZkRequest> {
        f.take_effects()
            .into_iter()
            .filter_map(|e| match e {
                Effect::Submit(_, r) => Some(r),
                Effect::Reopen => None,
            })
            .collect()
    }

    #[test]
    fn a_create_with_missing_parents_fails_first_then_makes_them() {
        let mut f = Framework::new("c1", None, RetryPolicy::COURSE, 1);
        let id = f.start(
            Call::Create {
                path: "/a/b".into(),
                data: None,
                mode: CreateMode::Persistent,
                parents: Parents::Containers,
                protected: false,
                acl: open_acl_unsafe(),
            },
            Owner::Statement,
            None,
        );
        let r = sent(&mut f);
        assert!(matches!(&r[0], ZkRequest::Create { path, .. } if path == "/a/b"));
        f.on_reply(SimTime::ZERO, id, Err(ClientError::Keeper(ZkError::NoNode)));
        assert!(matches!(&sent(&mut f)[0], ZkRequest::Exists { path, .. } if path == "/a"));
        f.on_reply(SimTime::ZERO, id, Err(ClientError::Keeper(ZkError::NoNode)));
        assert!(
            matches!(&sent(&mut f)[0], ZkRequest::Create { path, mode: CreateMode::Container, .. } if path == "/a")
        );
        f.on_reply(
            SimTime::ZERO,
            id,
            ok(ZkResponse::Created {
                path: "/a".into(),
                stat: Stat::default(),
            }),
        );
        assert!(
            matches!(&sent(&mut f)[0], ZkRequest::Create { path, data: Some(d), .. } if path == "/a/b" && d == LOCAL_ADDRESS)
        );
        f.on_reply(
            SimTime::ZERO,
            id,
            ok(ZkResponse::Created {
                path: "/a/b".into(),
                stat: Stat::default(),
            }),
        );
        let n = f.take_notices();
        assert!(
            matches!(&n[0], Notice::Done { result: Ok(Outcome::Created { path, .. }), .. } if path == "/a/b")
        );
    }

    #[test]
    fn connection_loss_is_retried_after_a_sleep() {
        let mut f = Framework::new(
            "c1",
            None,
            RetryPolicy::NTimes {
                n: 1,
                sleep_ms: 500,
            },
            1,
        );
        let id = f.start(
            Call::GetData {
                path: "/x".into(),
                watch: None,
            },
            Owner::Statement,
            None,
        );
        sent(&mut f);
        f.on_reply(
            SimTime::ZERO,
            id,
            Err(ClientError::Keeper(ZkError::ConnectionLoss)),
        );
        assert!(sent(&mut f).is_empty());
        assert_eq!(f.deadline(), Some(SimTime(500_000)));
        f.on_time(SimTime(500_000));
        assert_eq!(sent(&mut f).len(), 1);
        f.on_reply(
            SimTime(501_000),
            id,
            Err(ClientError::Keeper(ZkError::ConnectionLoss)),
        );
        let n = f.take_notices();
        assert!(
            matches!(&n[0], Notice::Done { result: Err(e), .. } if e.code() == Some(ZkError::ConnectionLoss))
        );
    }

    #[test]
    fn connection_states_follow_curator() {
        let mut f = Framework::new("c1", None, RetryPolicy::COURSE, 1);
        f.session_timeout_ms = 1000;
        let t = SimTime::ZERO;
        f.on_event(t, &WatchedEvent::state(KeeperState::SyncConnected));
        f.on_event(t, &WatchedEvent::state(KeeperState::Disconnected));
        f.on_event(t, &WatchedEvent::state(KeeperState::SyncConnected));
        f.on_event(t, &WatchedEvent::state(KeeperState::Disconnected));
        f.on_time(SimTime(1_000_000));
        let states: Vec<&str> = f
            .take_notices()
            .iter()
            .filter_map(|n| match n {
                Notice::State(s) => Some(s.name()),
                _ => None,
            })
            .collect();
        assert_eq!(
            states,
            ["CONNECTED", "SUSPENDED", "RECONNECTED", "SUSPENDED", "LOST"]
        );
        assert!(f.take_effects().contains(&Effect::Reopen));
    }
}
