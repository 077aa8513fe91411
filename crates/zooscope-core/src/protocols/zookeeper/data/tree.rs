//! The data tree: znodes, validation of writes into txns, and applying txns.
//!
//! This is ZooKeeper 3.8's `DataTree` plus the validation half of
//! `PrepRequestProcessor`:
//!
//! * [`DataTree::prepare`] checks a write against the current tree in exactly the order
//!   `pRequest2Txn` does (so the *first* failing check decides the error) and returns a
//!   [`Txn`]: the real change, or an `Error` txn that still consumes the zxid. A leader
//!   that has several proposals in flight should prepare against a speculative clone to
//!   which it applies each prepared txn (that is what ZooKeeper's outstanding change
//!   records achieve).
//! * [`DataTree::apply`] applies a txn (`processTxn`): creating, deleting, updating
//!   nodes and their parents' `cversion`/`pzxid`, keeping ephemerals per session and the
//!   container/TTL sets, and reports which watches to fire.
//! * [`DataTree::read`] answers reads with the server's ACL checks
//!   (`FinalRequestProcessor`).
//! * A `multi` is validated op by op against the effects of the earlier ops; if one
//!   fails, it and all later ops become error sub-txns and nothing is applied
//!   (`ErrorResult(0)` before the failure, `-2` after it).
//! * Sequential names use the parent's persisted cversion (`%010d`), which counts child
//!   creations and never goes down.
//! * [`DataTree::reap_candidates`] is `ContainerManager.getCandidates`: empty containers
//!   that once had a child, and TTL nodes without children idle longer than their TTL.
//!
//! Children come back in the order a Java `HashSet` would list them (see `javaorder`),
//! because `deleteall` deletes in that order.

use super::acl::{self, Acl, Id};
use super::error::ZkError;
use super::javaorder::{clone_capacity, grown_capacity, hashmap_spread, iteration_order};
use super::path::{self, java_hash};
use super::quota;
use super::request::{OpResult, ZkRequest, ZkResponse};
use super::session::SessionId;
use super::stat::{NodeKind, Stat, StatPersisted, CONTAINER_OWNER, MAX_TTL_MS};
use super::txn::{Txn, TxnKind};
use super::watch::{EventType, WatchTrigger};
use crate::hash::StableHasher;
use crate::strset::StrSet;
use crate::vecmap::VecMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Server settings the tree's rules depend on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TreeConfig {
    /// `zookeeper.extendedTypesEnabled`: TTL nodes allowed (our oracle runs with it on).
    pub extended_types: bool,
    /// `znode.container.maxNeverUsedIntervalMs` (0 in 3.8: never-used containers stay).
    pub max_never_used_ms: i64,
}

impl Default for TreeConfig {
    fn default() -> Self {
        TreeConfig {
            extended_types: true,
            max_never_used_ms: 0,
        }
    }
}

/// Most nodes a tree holds; creates beyond it fail with `QuotaExceeded` (a simulator
/// bound, not a ZooKeeper rule).
pub const MAX_NODES: usize = 200_000;

/// One znode.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Node {
    /// Data (null is distinct from empty).
    pub data: Option<Vec<u8>>,
    /// ACL.
    pub acl: Vec<Acl>,
    /// Persisted stat.
    pub stat: StatPersisted,
    /// Child name -> insertion sequence (for Java iteration order).
    children: BTreeMap<String, u64>,
    /// Most children ever held at once (sizes the Java table).
    child_high_water: u32,
}

impl Node {
    fn new(data: Option<Vec<u8>>, acl: Vec<Acl>, stat: StatPersisted) -> Node {
        Node {
            data,
            acl,
            stat,
            children: BTreeMap::new(),
            child_high_water: 0,
        }
    }

    /// The client-visible stat.
    pub fn client_stat(&self) -> Stat {
        self.stat.to_stat(
            self.data.as_ref().map_or(0, |d| d.len() as u32),
            self.children.len() as u32,
        )
    }

    /// Number of children.
    pub fn num_children(&self) -> usize {
        self.children.len()
    }

    /// Child names, sorted the way zkCli's `ls` sorts them (Java `String` order).
    pub fn children_sorted(&self) -> Vec<String> {
        let mut v: Vec<String> = self.children.keys().cloned().collect();
        crate::sorting::sort_strings_by(&mut v, path::java_cmp);
        v
    }

    /// Child names in the order a 3.8 server returns them (its `HashSet` order).
    pub fn children_server_order(&self) -> Vec<String> {
        let items: Vec<(String, u32, u64)> = self
            .children
            .iter()
            .map(|(n, seq)| (n.clone(), hashmap_spread(java_hash(n)), *seq))
            .collect();
        iteration_order(&items, grown_capacity(8, self.child_high_water))
    }

    /// What kind of node this is.
    pub fn kind(&self) -> NodeKind {
        NodeKind::of_owner(self.stat.ephemeral_owner)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct EphSet {
    paths: BTreeMap<String, u64>,
    high_water: u32,
}

impl EphSet {
    /// `getEphemerals(session)`: a `HashSet.clone()` of the session's set.
    fn clone_order(&self) -> Vec<String> {
        let items: Vec<(String, u32, u64)> = self
            .paths
            .iter()
            .map(|(p, seq)| (p.clone(), hashmap_spread(java_hash(p)), *seq))
            .collect();
        let source = iteration_order(&items, grown_capacity(16, self.high_water));
        let reseq: Vec<(String, u32, u64)> = source
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let h = hashmap_spread(java_hash(&p));
                (p, h, i as u64)
            })
            .collect();
        iteration_order(&reseq, clone_capacity(self.paths.len() as u32))
    }
}

/// Who is asking: the session and the connection's authenticated ids.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Caller {
    /// The session.
    pub session: SessionId,
    /// Its auth ids, in the server's iteration order (see `acl::AuthInfo::ids`).
    pub auth: Vec<Id>,
}

impl Caller {
    /// A caller with only the given session and no ids.
    pub fn session(session: SessionId) -> Caller {
        Caller {
            session,
            auth: Vec::new(),
        }
    }
}

/// What applying a txn produced.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Applied {
    /// The reply for the client that sent the write.
    pub response: ZkResponse,
    /// Watches to fire, in order.
    pub triggers: Vec<WatchTrigger>,
}

/// The replicated state of a ZooKeeper server.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DataTree {
    nodes: BTreeMap<String, Node>,
    ephemerals: VecMap<SessionId, EphSet>,
    containers: StrSet,
    ttls: StrSet,
    /// Paths with a quota (`pTrie`).
    quotas: StrSet,
    last_zxid: u64,
    seq: u64,
    config: TreeConfig,
}

impl Default for DataTree {
    fn default() -> Self {
        DataTree::new(TreeConfig::default())
    }
}

const SPECIAL: [&str; 4] = ["/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"];

impl DataTree {
    /// The initial tree: `/`, `/zookeeper`, `/zookeeper/quota` and `/zookeeper/config`
    /// (read-only), all with zeroed stats and empty (not null) data.
    pub fn new(config: TreeConfig) -> DataTree {
        let mut t = DataTree {
            nodes: BTreeMap::new(),
            ephemerals: VecMap::new(),
            containers: StrSet::new(),
            ttls: StrSet::new(),
            quotas: StrSet::new(),
            last_zxid: 0,
            seq: 0,
            config,
        };
        let empty = || {
            Node::new(
                Some(Vec::new()),
                acl::open_acl_unsafe(),
                StatPersisted::default(),
            )
        };
        t.nodes.insert("/".into(), empty());
        t.nodes.insert("/zookeeper".into(), empty());
        t.nodes.insert("/zookeeper/quota".into(), empty());
        let mut config_node = empty();
        // `addConfigNode` sets the ACL with version -1, which becomes the aversion.
        config_node.acl = acl::read_acl_unsafe();
        config_node.stat.aversion = -1;
        t.nodes.insert("/zookeeper/config".into(), config_node);
        t.link_child("/", "zookeeper");
        t.link_child("/zookeeper", "quota");
        t.link_child("/zookeeper", "config");
        t
    }

    /// Settings.
    pub fn config(&self) -> TreeConfig {
        self.config
    }

    fn link_child(&mut self, parent: &str, name: &str) {
        self.seq += 1;
        let seq = self.seq;
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children.insert(name.to_string(), seq);
            p.child_high_water = p.child_high_water.max(p.children.len() as u32);
        }
    }

    /// The zxid of the last applied txn.
    pub fn last_zxid(&self) -> u64 {
        self.last_zxid
    }

    /// Is `req` a write (needs a txn)?
    pub fn is_write(req: &ZkRequest) -> bool {
        req.is_write()
    }

    /// A stable 64-bit fingerprint of the whole tree (nodes, data, ACLs, stats, session
    /// bookkeeping and last zxid). Servers that applied the same txns agree on it.
    pub fn digest(&self) -> u64 {
        StableHasher::hash_of(self)
    }

    /// The node at `path`.
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    /// The client-visible stat of `path`.
    pub fn stat(&self, path: &str) -> Option<Stat> {
        self.nodes.get(path).map(Node::client_stat)
    }

    /// Every node, by path in byte order (the root first).
    pub fn nodes(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.nodes.iter().map(|(p, n)| (p.as_str(), n))
    }

    /// Number of nodes, the root included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Never true: the root always exists.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Live ephemerals of `session`, in the order `getEphemerals` reports them.
    pub fn ephemerals_of(&self, session: SessionId) -> Vec<String> {
        self.ephemerals
            .get(&session)
            .map(EphSet::clone_order)
            .unwrap_or_default()
    }

    /// `ZKDatabase.initConfigInZKDatabase` (quorum mode): `/zookeeper/config` holds the
    /// membership, set outside any txn with data version -1 and mzxid 0 at `time_ms`.
    /// (Added by the replication layer.)
    pub fn set_config_data(&mut self, data: Vec<u8>, time_ms: i64) {
        if let Some(n) = self.nodes.get_mut("/zookeeper/config") {
            n.data = Some(data);
            n.stat.version = -1;
            n.stat.mzxid = 0;
            n.stat.mtime = time_ms;
        }
    }

    /// Sessions that own ephemerals.
    pub fn sessions_with_ephemerals(&self) -> Vec<SessionId> {
        self.ephemerals.keys().copied().collect()
    }

    fn record(&self, p: &str) -> Result<&Node, ZkError> {
        self.nodes.get(path::node_key(p)).ok_or(ZkError::NoNode)
    }

    fn check(&self, node: &Node, perm: i32, caller: &Caller) -> Result<(), ZkError> {
        if acl::check_acl(&node.acl, perm, &caller.auth) {
            Ok(())
        } else {
            Err(ZkError::NoAuth)
        }
    }

    fn server_validate(p: &str) -> Result<(), ZkError> {
        path::validate_path(p).map_err(|_| ZkError::BadArguments)
    }

    fn check_and_inc(current: i32, expected: i32) -> Result<i32, ZkError> {
        if expected != -1 && expected != current {
            return Err(ZkError::BadVersion);
        }
        Ok(current.wrapping_add(1))
    }

    fn parent_for_delete(p: &str) -> Result<&str, ZkError> {
        match path::split_last(p) {
            Some((parent, _)) if !p.contains('\0') && !SPECIAL.contains(&p) => Ok(parent),
            _ => Err(ZkError::BadArguments),
        }
    }

    /// Validate a write into a txn, with no auth ids but the caller's session. See
    /// [`DataTree::prepare_with`].
    pub fn prepare(&self, req: &ZkRequest, session: SessionId, zxid: u64, time_ms: u64) -> Txn {
        self.prepare_with(req, &Caller::session(session), zxid, time_ms)
    }

    /// Validate a write from `caller` into the txn numbered `zxid`, stamped `time_ms`
    /// (the leader's wall clock). Invalid writes give an `Error` txn; reads are a
    /// caller bug and give an `Error(ApiError)` txn. `cxid` is left 0 for the caller to
    /// fill in.
    pub fn prepare_with(&self, req: &ZkRequest, caller: &Caller, zxid: u64, time_ms: u64) -> Txn {
        let kind = match req {
            ZkRequest::Multi { ops } => {
                let mut scratch = self.clone();
                let mut out = Vec::with_capacity(ops.len());
                let mut failed = false;
                for op in ops {
                    if failed {
                        out.push(TxnKind::Error {
                            err: ZkError::RuntimeInconsistency,
                        });
                        continue;
                    }
                    match scratch.prep(&op.to_request(), caller) {
                        Ok(k) => {
                            let _ = scratch.apply_kind(&k, zxid, time_ms as i64, caller.session);
                            out.push(k);
                        }
                        Err(e) => {
                            failed = true;
                            out.push(TxnKind::Error { err: e });
                        }
                    }
                }
                TxnKind::Multi { ops: out }
            }
            _ => match self.prep(req, caller) {
                Ok(k) => k,
                Err(err) => TxnKind::Error { err },
            },
        };
        Txn {
            zxid,
            session: caller.session,
            cxid: 0,
            time_ms: time_ms as i64,
            kind,
        }
    }

    fn prep(&self, req: &ZkRequest, caller: &Caller) -> Result<TxnKind, ZkError> {
        match req {
            ZkRequest::Create {
                path: p,
                data,
                acl: want_acl,
                mode,
                ttl,
            } => {
                if mode.is_ttl() && !self.config.extended_types {
                    return Err(ZkError::Unimplemented);
                }
                let ttl_ok = if mode.is_ttl() {
                    *ttl > 0 && *ttl <= MAX_TTL_MS
                } else {
                    *ttl < 0
                };
                if !ttl_ok {
                    return Err(ZkError::BadArguments);
                }
                let Some((parent_path, _)) = path::split_last(p).filter(|_| !p.contains('\0'))
                else {
                    return Err(ZkError::BadArguments);
                };
                let fixed = acl::fixup_acl(want_acl, &caller.auth).ok_or(ZkError::InvalidAcl)?;
                let parent = self.record(parent_path)?;
                self.check(parent, acl::CREATE, caller)?;
                let mut full = p.clone();
                if mode.is_sequential() {
                    full.push_str(&format!("{:010}", parent.stat.cversion));
                }
                Self::server_validate(&full)?;
                if self.nodes.contains_key(&full) {
                    return Err(ZkError::NodeExists);
                }
                if matches!(parent.kind(), NodeKind::Ephemeral(_)) {
                    return Err(ZkError::NoChildrenForEphemerals);
                }
                if self.nodes.len() >= MAX_NODES {
                    return Err(ZkError::QuotaExceeded);
                }
                let owner = if mode.is_container() {
                    CONTAINER_OWNER
                } else if mode.is_ttl() {
                    NodeKind::ttl_owner(*ttl as u64)
                } else if mode.is_ephemeral() {
                    caller.session
                } else {
                    0
                };
                Ok(TxnKind::Create {
                    path: full,
                    data: data.clone(),
                    acl: fixed,
                    owner,
                    parent_cversion: parent.stat.cversion.wrapping_add(1),
                })
            }
            ZkRequest::Delete { path: p, version } => {
                let parent_path = Self::parent_for_delete(p)?;
                let parent = self.record(parent_path)?;
                self.check(parent, acl::DELETE, caller)?;
                let node = self.record(p)?;
                Self::check_and_inc(node.stat.version, *version)?;
                if !node.children.is_empty() {
                    return Err(ZkError::NotEmpty);
                }
                Ok(TxnKind::Delete { path: p.clone() })
            }
            ZkRequest::DeleteContainer { path: p } => {
                let parent_path = Self::parent_for_delete(p)?;
                let node = self.record(p)?;
                if !node.children.is_empty() {
                    return Err(ZkError::NotEmpty);
                }
                if matches!(node.kind(), NodeKind::Ephemeral(_)) {
                    return Err(ZkError::BadVersion);
                }
                self.record(parent_path)?;
                Ok(TxnKind::Delete { path: p.clone() })
            }
            ZkRequest::SetData {
                path: p,
                data,
                version,
            } => {
                Self::server_validate(p)?;
                let node = self.record(p)?;
                self.check(node, acl::WRITE, caller)?;
                let v = Self::check_and_inc(node.stat.version, *version)?;
                Ok(TxnKind::SetData {
                    path: p.clone(),
                    data: data.clone(),
                    version: v,
                })
            }
            ZkRequest::SetAcl {
                path: p,
                acl: want_acl,
                version,
            } => {
                Self::server_validate(p)?;
                let fixed = acl::fixup_acl(want_acl, &caller.auth).ok_or(ZkError::InvalidAcl)?;
                let node = self.record(p)?;
                self.check(node, acl::ADMIN, caller)?;
                let v = Self::check_and_inc(node.stat.aversion, *version)?;
                Ok(TxnKind::SetAcl {
                    path: p.clone(),
                    acl: fixed,
                    version: v,
                })
            }
            ZkRequest::Check { path: p, version } => {
                Self::server_validate(p)?;
                let node = self.record(p)?;
                self.check(node, acl::READ, caller)?;
                let v = Self::check_and_inc(node.stat.version, *version)?;
                Ok(TxnKind::Check {
                    path: p.clone(),
                    version: v,
                })
            }
            ZkRequest::CreateSession { timeout_ms } => Ok(TxnKind::CreateSession {
                timeout_ms: *timeout_ms,
            }),
            ZkRequest::CloseSession => Ok(TxnKind::CloseSession {
                paths: self.ephemerals_of(caller.session),
            }),
            ZkRequest::Reconfig { .. } => Err(ZkError::ReconfigDisabled),
            ZkRequest::Multi { .. } => Err(ZkError::ApiError),
            _ => Err(ZkError::ApiError),
        }
    }

    /// Apply a txn (`DataTree.processTxn`).
    pub fn apply(&mut self, txn: &Txn) -> Applied {
        let mut triggers = Vec::new();
        let response =
            self.apply_kind_into(&txn.kind, txn.zxid, txn.time_ms, txn.session, &mut triggers);
        if txn.zxid > self.last_zxid {
            self.last_zxid = txn.zxid;
        }
        Applied { response, triggers }
    }

    fn apply_kind(&mut self, k: &TxnKind, zxid: u64, time: i64, session: SessionId) -> ZkResponse {
        let mut t = Vec::new();
        self.apply_kind_into(k, zxid, time, session, &mut t)
    }

    fn apply_kind_into(
        &mut self,
        k: &TxnKind,
        zxid: u64,
        time: i64,
        session: SessionId,
        triggers: &mut Vec<WatchTrigger>,
    ) -> ZkResponse {
        let res = match k {
            TxnKind::Create {
                path: p,
                data,
                acl,
                owner,
                parent_cversion,
            } => self
                .create_node(
                    p,
                    data.clone(),
                    acl.clone(),
                    *owner,
                    *parent_cversion,
                    zxid,
                    time,
                    triggers,
                )
                .map(|stat| ZkResponse::Created {
                    path: p.clone(),
                    stat,
                }),
            TxnKind::Delete { path: p } => {
                self.delete_node(p, zxid, triggers).map(|_| ZkResponse::Ok)
            }
            TxnKind::SetData {
                path: p,
                data,
                version,
            } => self
                .set_data(p, data.clone(), *version, zxid, time, triggers)
                .map(ZkResponse::Stat),
            TxnKind::SetAcl {
                path: p,
                acl,
                version,
            } => match self.nodes.get_mut(p.as_str()) {
                Some(n) => {
                    n.acl = acl.clone();
                    n.stat.aversion = *version;
                    Ok(ZkResponse::Stat(n.client_stat()))
                }
                None => Err(ZkError::NoNode),
            },
            TxnKind::Check { .. } => Ok(ZkResponse::Ok),
            TxnKind::CreateSession { timeout_ms } => Ok(ZkResponse::SessionCreated {
                session,
                timeout_ms: *timeout_ms,
            }),
            TxnKind::CloseSession { paths } => {
                let rest = self.ephemerals.remove(&session);
                for p in paths {
                    let _ = self.delete_node(p, zxid, triggers);
                }
                if let Some(rest) = rest {
                    for p in rest.clone_order() {
                        if !paths.contains(&p) {
                            let _ = self.delete_node(&p, zxid, triggers);
                        }
                    }
                }
                Ok(ZkResponse::Ok)
            }
            TxnKind::Error { err } => Err(*err),
            TxnKind::Multi { ops } => {
                let failed = k.is_error();
                let mut results = Vec::with_capacity(ops.len());
                for op in ops {
                    let r = match op {
                        TxnKind::Error { err } => OpResult::Error { code: err.code() },
                        _ if failed => OpResult::Error { code: 0 },
                        _ => match self.apply_kind_into(op, zxid, time, session, triggers) {
                            ZkResponse::Created { path, stat } => OpResult::Create { path, stat },
                            ZkResponse::Stat(stat) => OpResult::SetData { stat },
                            ZkResponse::Error(e) => OpResult::Error { code: e.code() },
                            _ => match op {
                                TxnKind::Check { .. } => OpResult::Check,
                                _ => OpResult::Delete,
                            },
                        },
                    };
                    results.push(r);
                }
                Ok(ZkResponse::Multi(results))
            }
        };
        res.unwrap_or_else(ZkResponse::Error)
    }

    #[allow(clippy::too_many_arguments)]
    fn create_node(
        &mut self,
        p: &str,
        data: Option<Vec<u8>>,
        acl: Vec<Acl>,
        owner: u64,
        parent_cversion: i32,
        zxid: u64,
        time: i64,
        triggers: &mut Vec<WatchTrigger>,
    ) -> Result<Stat, ZkError> {
        let (parent_name, child) = path::split_last(p).ok_or(ZkError::NoNode)?;
        let parent_key = path::node_key(parent_name).to_string();
        let parent = self.nodes.get_mut(&parent_key).ok_or(ZkError::NoNode)?;
        if parent.children.contains_key(child) {
            return Err(ZkError::NodeExists);
        }
        let cv = if parent_cversion == -1 {
            parent.stat.cversion.wrapping_add(1)
        } else {
            parent_cversion
        };
        if cv > parent.stat.cversion {
            parent.stat.cversion = cv;
            parent.stat.pzxid = zxid;
        }
        let node = Node::new(data, acl, StatPersisted::new(zxid, time, owner));
        let stat = node.client_stat();
        self.nodes.insert(p.to_string(), node);
        self.link_child(&parent_key, child);
        match NodeKind::of_owner(owner) {
            NodeKind::Container => {
                self.containers.insert(p.to_string());
            }
            NodeKind::Ttl(_) => {
                self.ttls.insert(p.to_string());
            }
            NodeKind::Ephemeral(s) => {
                self.seq += 1;
                let e = self.ephemerals.entry(s).or_default();
                e.paths.insert(p.to_string(), self.seq);
                e.high_water = e.high_water.max(e.paths.len() as u32);
            }
            NodeKind::Persistent => {}
        }
        if let Some(trimmed) = parent_key.strip_prefix(quota::QUOTA_ROOT) {
            if !trimmed.is_empty() && child == quota::LIMIT_NODE {
                self.quotas.insert(trimmed.to_string());
            }
            if !trimmed.is_empty() && child == quota::STAT_NODE {
                self.recount_quota(trimmed);
            }
        }
        let len = self
            .nodes
            .get(p)
            .and_then(|n| n.data.as_ref())
            .map_or(0, Vec::len);
        self.update_quota_stat(p, len as i64, 1);
        triggers.push(WatchTrigger {
            path: p.to_string(),
            event_type: EventType::NodeCreated,
        });
        triggers.push(WatchTrigger {
            path: parent_key,
            event_type: EventType::NodeChildrenChanged,
        });
        Ok(stat)
    }

    fn delete_node(
        &mut self,
        p: &str,
        zxid: u64,
        triggers: &mut Vec<WatchTrigger>,
    ) -> Result<(), ZkError> {
        let (parent_name, child) = path::split_last(p).ok_or(ZkError::NoNode)?;
        let parent_key = path::node_key(parent_name).to_string();
        let parent = self.nodes.get_mut(&parent_key).ok_or(ZkError::NoNode)?;
        parent.children.remove(child);
        if zxid > parent.stat.pzxid {
            parent.stat.pzxid = zxid;
        }
        let node = self.nodes.remove(p).ok_or(ZkError::NoNode)?;
        if parent_key.starts_with("/zookeeper") && child == quota::LIMIT_NODE {
            if let Some(trimmed) = parent_key.strip_prefix(quota::QUOTA_ROOT) {
                // PathTrie.deletePath drops the node and everything below it.
                let below = format!("{trimmed}/");
                self.quotas
                    .retain(|q| q != trimmed && !q.starts_with(below.as_str()));
            }
        }
        let len = node.data.as_ref().map_or(0, Vec::len);
        self.update_quota_stat(p, -(len as i64), -1);
        match node.kind() {
            NodeKind::Container => {
                self.containers.remove(p);
            }
            NodeKind::Ttl(_) => {
                self.ttls.remove(p);
            }
            NodeKind::Ephemeral(s) => {
                if let Some(e) = self.ephemerals.get_mut(&s) {
                    e.paths.remove(p);
                }
            }
            NodeKind::Persistent => {}
        }
        triggers.push(WatchTrigger {
            path: p.to_string(),
            event_type: EventType::NodeDeleted,
        });
        triggers.push(WatchTrigger {
            path: parent_key,
            event_type: EventType::NodeChildrenChanged,
        });
        Ok(())
    }

    fn set_data(
        &mut self,
        p: &str,
        data: Option<Vec<u8>>,
        version: i32,
        zxid: u64,
        time: i64,
        triggers: &mut Vec<WatchTrigger>,
    ) -> Result<Stat, ZkError> {
        let n = self.nodes.get_mut(p).ok_or(ZkError::NoNode)?;
        let diff =
            data.as_ref().map_or(0, Vec::len) as i64 - n.data.as_ref().map_or(0, Vec::len) as i64;
        n.data = data;
        n.stat.mtime = time;
        n.stat.mzxid = zxid;
        n.stat.version = version;
        let stat = n.client_stat();
        self.update_quota_stat(p, diff, 0);
        triggers.push(WatchTrigger {
            path: p.to_string(),
            event_type: EventType::NodeDataChanged,
        });
        Ok(stat)
    }

    /// The deepest quota root above or at `p` (`getMaxPrefixWithQuota`), if any.
    pub fn quota_root_of(&self, p: &str) -> Option<&str> {
        self.quotas
            .iter()
            .filter(|q| quota::is_component_prefix(q, p))
            .max_by_key(|q| q.split('/').filter(|c| !c.trim().is_empty()).count())
            .map(String::as_str)
    }

    /// `updateQuotaStat`: adjust the stats node of the quota above `p` in place.
    fn update_quota_stat(&mut self, p: &str, bytes_diff: i64, count_diff: i64) {
        let Some(root) = self.quota_root_of(p).map(str::to_string) else {
            return;
        };
        if let Some(n) = self.nodes.get_mut(&quota::stat_path(&root)) {
            let text = n
                .data
                .as_deref()
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            let mut st = quota::StatsTrack::parse(&text);
            st.set("count", st.get("count") + count_diff);
            st.set("bytes", st.get("bytes") + bytes_diff);
            n.data = Some(st.to_string().into_bytes());
        }
    }

    /// `updateQuotaForPath`: count `root`'s subtree (nodes and data bytes) into its
    /// stats node.
    fn recount_quota(&mut self, root: &str) {
        let (mut count, mut bytes) = (0i64, 0i64);
        if self.nodes.contains_key(root) {
            let below = format!("{root}/");
            for (k, n) in self.nodes.range(root.to_string()..) {
                if k != root && !k.starts_with(below.as_str()) {
                    if k.as_str() > below.as_str() {
                        break;
                    }
                    continue;
                }
                count += 1;
                bytes += n.data.as_ref().map_or(0, Vec::len) as i64;
            }
        }
        if let Some(n) = self.nodes.get_mut(&quota::stat_path(root)) {
            let mut st = quota::StatsTrack::default();
            st.set("count", count);
            st.set("bytes", bytes);
            n.data = Some(st.to_string().into_bytes());
        }
    }

    /// Answer a read with no auth ids. See [`DataTree::read_with`].
    pub fn read(&self, req: &ZkRequest, session: SessionId) -> ZkResponse {
        self.read_with(req, &Caller::session(session))
    }

    /// Answer a read from `caller` (`FinalRequestProcessor`). Watches are not set here:
    /// hand the request and reply to `WatchManager::register_for`. `AddWatch`,
    /// `RemoveWatches` and `AddAuth` answer `Ok`; their state lives in the server's
    /// watch manager and connection. Writes are a caller bug and answer `ApiError`.
    pub fn read_with(&self, req: &ZkRequest, caller: &Caller) -> ZkResponse {
        let r = match req {
            ZkRequest::Exists { path: p, .. } => {
                if p.contains('\0') {
                    Err(ZkError::BadArguments)
                } else {
                    self.record(p).map(|n| ZkResponse::Stat(n.client_stat()))
                }
            }
            ZkRequest::GetData { path: p, .. } => self.get_data(p, caller),
            ZkRequest::GetConfig { .. } => self.get_data("/zookeeper/config", caller),
            ZkRequest::GetAcl { path: p } => self.record(p).and_then(|n| {
                self.check(n, acl::READ | acl::ADMIN, caller)?;
                let shown = if acl::check_acl(&n.acl, acl::ADMIN, &caller.auth) {
                    n.acl.clone()
                } else {
                    acl::mask_digests(&n.acl)
                };
                Ok(ZkResponse::Acl {
                    acl: shown,
                    stat: n.client_stat(),
                })
            }),
            ZkRequest::GetChildren {
                path: p, with_stat, ..
            } => self.record(p).and_then(|n| {
                self.check(n, acl::READ, caller)?;
                Ok(ZkResponse::Children {
                    children: n.children_server_order(),
                    stat: with_stat.then(|| n.client_stat()),
                })
            }),
            ZkRequest::GetAllChildrenNumber { path: p } => self.record(p).and_then(|n| {
                self.check(n, acl::READ, caller)?;
                let count = if p == "/" {
                    self.nodes.len() - 1
                } else {
                    let prefix = format!("{p}/");
                    self.nodes.keys().filter(|k| k.starts_with(&prefix)).count()
                };
                Ok(ZkResponse::Count(count as i32))
            }),
            ZkRequest::GetEphemerals { prefix } => {
                let all = self.ephemerals_of(caller.session);
                let t = prefix.trim();
                let v = if t.is_empty() || t == "/" {
                    all
                } else {
                    all.into_iter()
                        .filter(|p| p.starts_with(prefix.as_str()))
                        .collect()
                };
                Ok(ZkResponse::Paths(v))
            }
            ZkRequest::Sync { path: p } => Ok(ZkResponse::Synced { path: p.clone() }),
            ZkRequest::WhoAmI => Ok(ZkResponse::WhoAmI(
                caller
                    .auth
                    .iter()
                    .map(|i| {
                        let user = if i.scheme == "digest" {
                            i.id.split(':').next().unwrap_or("").to_string()
                        } else {
                            i.id.clone()
                        };
                        (i.scheme.clone(), user)
                    })
                    .collect(),
            )),
            ZkRequest::AddWatch { .. }
            | ZkRequest::RemoveWatches { .. }
            | ZkRequest::AddAuth { .. } => Ok(ZkResponse::Ok),
            _ => Err(ZkError::ApiError),
        };
        r.unwrap_or_else(ZkResponse::Error)
    }

    fn get_data(&self, p: &str, caller: &Caller) -> Result<ZkResponse, ZkError> {
        let n = self.record(p)?;
        self.check(n, acl::READ, caller)?;
        Ok(ZkResponse::Data {
            data: n.data.clone(),
            stat: n.client_stat(),
        })
    }

    /// Are there containers or TTL nodes at all (anything the reaper could ever delete)?
    pub fn has_reapable_kinds(&self) -> bool {
        !self.containers.is_empty() || !self.ttls.is_empty()
    }

    /// Containers and TTL nodes the container manager would delete at `now_ms` (wall
    /// clock), in the order it submits them (`ContainerManager.getCandidates`).
    pub fn reap_candidates(&self, now_ms: i64) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for p in &self.containers {
            if let Some(n) = self.nodes.get(p) {
                if n.children.is_empty()
                    && (n.stat.cversion > 0
                        || (self.config.max_never_used_ms != 0
                            && now_ms - n.stat.mtime > self.config.max_never_used_ms))
                {
                    found.push(p.clone());
                }
            }
        }
        for p in &self.ttls {
            if let Some(n) = self.nodes.get(p) {
                if let NodeKind::Ttl(ttl) = n.kind() {
                    if n.children.is_empty() && ttl != 0 && now_ms - n.stat.mtime > ttl as i64 {
                        found.push(p.clone());
                    }
                }
            }
        }
        let items: Vec<(String, u32, u64)> = found
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), hashmap_spread(java_hash(p)), i as u64))
            .collect();
        iteration_order(&items, grown_capacity(16, found.len() as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
    use crate::protocols::zookeeper::data::request::{CreateMode, Op};
    use proptest::prelude::*;

    fn req_strategy() -> impl Strategy<Value = ZkRequest> {
        let path = prop::sample::select(vec!["/a", "/b", "/a/x", "/a/y", "/b/x", "/a/x/z"]);
        let mode = prop::sample::select(vec![
            CreateMode::Persistent,
            CreateMode::Ephemeral,
            CreateMode::PersistentSequential,
            CreateMode::Container,
        ]);
        prop_oneof![
            (path.clone(), mode).prop_map(|(p, m)| ZkRequest::Create {
                path: p.to_string(),
                data: Some(p.as_bytes().to_vec()),
                acl: open_acl_unsafe(),
                mode: m,
                ttl: -1,
            }),
            (path.clone(), -1i32..2).prop_map(|(p, v)| ZkRequest::Delete {
                path: p.to_string(),
                version: v,
            }),
            (path.clone(), -1i32..2).prop_map(|(p, v)| ZkRequest::SetData {
                path: p.to_string(),
                data: None,
                version: v,
            }),
            (path.clone(), path).prop_map(|(p, q)| ZkRequest::Multi {
                ops: vec![
                    Op::Create {
                        path: p.to_string(),
                        data: None,
                        acl: open_acl_unsafe(),
                        mode: CreateMode::Persistent,
                        ttl: -1,
                    },
                    Op::Delete {
                        path: q.to_string(),
                        version: -1,
                    },
                ],
            }),
            Just(ZkRequest::CloseSession),
        ]
    }

    proptest! {
        #[test]
        fn prepared_txns_apply_cleanly_and_replay_identically(
            reqs in prop::collection::vec(req_strategy(), 1..40)
        ) {
            let mut tree = DataTree::default();
            let mut log = Vec::new();
            for (i, r) in reqs.iter().enumerate() {
                let zxid = i as u64 + 1;
                let session = 1 + (i as u64 % 2);
                let before = tree.clone();
                let txn = tree.prepare(r, session, zxid, 1_000 + zxid);
                let applied = tree.apply(&txn);
                // Only error txns fail; a failed multi changes nothing but the zxid.
                prop_assert_eq!(applied.response.error().is_some(), txn.kind.is_error());
                if txn.kind.is_error() {
                    prop_assert!(applied.triggers.is_empty());
                    prop_assert_eq!(&before.nodes, &tree.nodes);
                }
                prop_assert_eq!(tree.last_zxid(), zxid);
                log.push(txn);
            }
            // Structural invariants.
            for (p, n) in tree.nodes() {
                for c in n.children.keys() {
                    prop_assert!(tree.get(&path::join(p, c)).is_some());
                }
                if p != "/" {
                    let (parent, name) = path::split_last(p).unwrap();
                    let parent = tree.get(path::node_key(parent)).unwrap();
                    prop_assert!(parent.children.contains_key(name));
                    prop_assert!(!matches!(parent.kind(), NodeKind::Ephemeral(_)));
                }
                let st = n.client_stat();
                if p != "/" && p != "/zookeeper" {
                    // Creations plus deletions (the root and /zookeeper got children
                    // that were never created by a txn).
                    prop_assert!(st.cversion >= st.num_children);
                }
                prop_assert!(st.pzxid >= st.czxid);
            }
            // Another server applying the same log holds the same tree.
            let mut replica = DataTree::default();
            for t in &log {
                replica.apply(t);
            }
            prop_assert_eq!(replica.digest(), tree.digest());
        }
    }

    #[test]
    fn validation_order_decides_the_error() {
        let t = DataTree::default();
        let c = Caller::session(1);
        // Missing parent beats a bad ACL? No: fixupACL runs first.
        let r = ZkRequest::Create {
            path: "/no/child".into(),
            data: None,
            acl: vec![],
            mode: CreateMode::Persistent,
            ttl: -1,
        };
        assert_eq!(
            t.prepare_with(&r, &c, 1, 0).kind,
            TxnKind::Error {
                err: ZkError::InvalidAcl
            }
        );
        // Special nodes cannot be deleted; the root reports BadArguments.
        for p in ["/", "/zookeeper", "/zookeeper/config"] {
            let d = ZkRequest::Delete {
                path: p.into(),
                version: -1,
            };
            assert_eq!(
                t.prepare_with(&d, &c, 1, 0).kind,
                TxnKind::Error {
                    err: ZkError::BadArguments
                }
            );
        }
        // /zookeeper/config is read-only.
        let s = ZkRequest::SetData {
            path: "/zookeeper/config".into(),
            data: None,
            version: -1,
        };
        assert_eq!(
            t.prepare_with(&s, &c, 1, 0).kind,
            TxnKind::Error {
                err: ZkError::NoAuth
            }
        );
        // TTL bounds.
        let ttl = |v: i64| ZkRequest::Create {
            path: "/t".into(),
            data: None,
            acl: open_acl_unsafe(),
            mode: CreateMode::PersistentWithTtl,
            ttl: v,
        };
        assert!(t.prepare_with(&ttl(0), &c, 1, 0).kind.is_error());
        assert!(!t.prepare_with(&ttl(MAX_TTL_MS), &c, 1, 0).kind.is_error());
        let mut off = DataTree::new(TreeConfig {
            extended_types: false,
            ..TreeConfig::default()
        });
        let txn = off.prepare_with(&ttl(5), &c, 1, 0);
        assert_eq!(
            txn.kind,
            TxnKind::Error {
                err: ZkError::Unimplemented
            }
        );
        assert_eq!(
            off.apply(&txn).response,
            ZkResponse::Error(ZkError::Unimplemented)
        );
    }

    #[test]
    fn initial_tree_matches_a_fresh_server() {
        let t = DataTree::default();
        assert_eq!(
            t.stat("/").map(|s| (s.cversion, s.num_children)),
            Some((-1, 1))
        );
        assert_eq!(t.stat("/zookeeper").map(|s| s.cversion), Some(-2));
        assert_eq!(t.stat("/zookeeper/config").map(|s| s.aversion), Some(-1));
        assert_eq!(
            t.read(&ZkRequest::GetAllChildrenNumber { path: "/".into() }, 0),
            ZkResponse::Count(3)
        );
    }
}
