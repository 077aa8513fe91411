//! The ZAB view: where each learner stands, the write pipeline, and every log.
//!
//! After an election the leader runs ZAB's three phases with each learner
//! (`Leader.lead` / `LearnerHandler.run` / `Learner.syncWithLeader` of ZooKeeper 3.8;
//! reference §2.3–§2.6): *discovery* (FOLLOWERINFO, LEADERINFO with the new epoch,
//! ACKEPOCH), *synchronization* (DIFF, TRUNC or SNAP chosen by `syncFollower`, then
//! NEWLEADER and its ACK, then UPTODATE) and *broadcast*. A write is a PROPOSAL that
//! each follower logs and ACKs; once a quorum of voters (the leader included) has
//! acked it, in zxid order, the leader sends COMMIT and every server applies it.
//! This module shows, per learner, its phase and how it was synced; per zxid, how many
//! servers acked, logged and applied it; and each server's log, committed part and
//! uncommitted tail apart.

use super::super::node::ZkNode;
use super::cards::{myid, Zxid};
use crate::protocols::zookeeper::data::txn::{Txn, TxnKind};
use crate::protocols::zookeeper::replication::server::ZkServer;
use crate::protocols::zookeeper::replication::zab::leader::HandlerPhase;
use crate::protocols::zookeeper::replication::zab::learner::LearnerPhase;
use crate::protocols::zookeeper::replication::zab::sync::{SyncReason, SyncStart};
use crate::protocols::zookeeper::replication::zab::ZabState;
use crate::world::World;

/// Proposals shown in the pipeline at most (outstanding ones first).
pub const PIPELINE_ROWS: usize = 12;
/// Log rows per server at most.
pub const LOG_ROWS: usize = 12;
/// Characters of an operation label at most.
pub const OP_CHARS: usize = 60;

/// How a learner was brought up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyncKind {
    /// The missing txns were sent.
    Diff,
    /// The learner cut its log back.
    Trunc,
    /// A whole snapshot was sent.
    Snap,
}

/// The sync a leader chose for a learner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SyncInfo {
    /// DIFF / TRUNC / SNAP.
    pub kind: SyncKind,
    /// The zxid in the packet: DIFF's last committed, TRUNC's cut point, SNAP's zxid.
    pub zxid: Zxid,
    /// The learner's last zxid when it asked (from ACKEPOCH).
    pub peer_last: Zxid,
    /// Why the leader chose this start (`LearnerHandler.syncFollower`'s case).
    pub reason: SyncReason,
}

/// One learner as the leader and the learner itself see it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LearnerRow {
    /// `myid`.
    pub myid: u32,
    /// An observer (its ACKs never count).
    pub observer: bool,
    /// Frozen (paused): it neither logs nor acks until it resumes.
    pub paused: bool,
    /// The learner's own ZAB phase (`None` when it is not following this leader).
    pub state: Option<ZabState>,
    /// The learner's own step.
    pub learner_phase: Option<LearnerPhase>,
    /// The leader's handler for it (`None`: not connected to the leader).
    pub handler_phase: Option<HandlerPhase>,
    /// How it was synced.
    pub sync: Option<SyncInfo>,
    /// It receives PROPOSALs (or INFORMs).
    pub forwarding: bool,
    /// Last heard by the leader, µs of simulated time.
    pub last_heard_us: Option<u64>,
}

/// Where a proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProposalStatus {
    /// Proposed; waiting for a quorum of ACKs.
    Proposed,
    /// Committed.
    Committed,
}

/// One zxid in the PROPOSAL → ACK → COMMIT pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProposalRow {
    /// Its zxid.
    pub zxid: Zxid,
    /// What it does (`create /a`, `setData /a`, `createSession`...).
    pub op: String,
    /// Status.
    pub status: ProposalStatus,
    /// Voters that acked it (known while it is outstanding).
    pub acks: Vec<u32>,
    /// ACKs needed.
    pub quorum: u32,
    /// Servers whose log holds it (logged or applied).
    pub logged_on: Vec<u32>,
    /// Servers that applied it.
    pub applied_on: Vec<u32>,
}

/// One txn in a server's log.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LogRow {
    /// Its zxid.
    pub zxid: Zxid,
    /// What it does.
    pub op: String,
    /// Applied (committed) on this server; false: logged only.
    pub committed: bool,
}

/// One server's log: the newest committed txns and every uncommitted one (bounded).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServerLog {
    /// `myid`.
    pub myid: u32,
    /// Rows, oldest first.
    pub rows: Vec<LogRow>,
    /// Logged txns not applied yet.
    pub uncommitted: u32,
    /// Older committed txns not shown.
    pub hidden: u32,
}

/// The whole ZAB view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ZabView {
    /// The leader (the one with the newest epoch if a stale one has not noticed yet).
    pub leader: Option<u32>,
    /// Its epoch.
    pub epoch: Option<u32>,
    /// Its ZAB phase.
    pub leader_state: Option<ZabState>,
    /// `lastProposed`.
    pub last_proposed: Zxid,
    /// `lastCommitted`.
    pub last_committed: Zxid,
    /// Proposals waiting for a quorum.
    pub outstanding: u32,
    /// Every other running server.
    pub learners: Vec<LearnerRow>,
    /// The newest proposals.
    pub pipeline: Vec<ProposalRow>,
    /// Every running server's log, by `myid`.
    pub logs: Vec<ServerLog>,
    /// Votes a commit needs.
    pub quorum: u32,
}

fn clip(mut s: String) -> String {
    if s.chars().count() > OP_CHARS {
        s = s.chars().take(OP_CHARS - 1).collect();
        s.push('…');
    }
    s
}

fn kind_label(k: &TxnKind) -> String {
    match k {
        TxnKind::Create { path, .. } => format!("create {path}"),
        TxnKind::Delete { path } => format!("delete {path}"),
        TxnKind::SetData { path, .. } => format!("setData {path}"),
        TxnKind::SetAcl { path, .. } => format!("setACL {path}"),
        TxnKind::Check { path, .. } => format!("check {path}"),
        TxnKind::CreateSession { .. } => "createSession".to_string(),
        TxnKind::CloseSession { .. } => "closeSession".to_string(),
        TxnKind::Error { err } => format!("error {}", err.code_message()),
        TxnKind::Multi { ops } => {
            let inner: Vec<String> = ops.iter().take(4).map(kind_label).collect();
            let more = if ops.len() > 4 { "; …" } else { "" };
            format!("multi [{}{more}]", inner.join("; "))
        }
    }
}

/// A short label of a txn: the API call and its path (`create /a`, `createSession`).
pub fn op_label(t: &Txn) -> String {
    clip(kind_label(&t.kind))
}

fn is_paused(world: &World<ZkNode>, sid: u64) -> bool {
    world
        .config()
        .node_of(sid)
        .is_some_and(|n| world.node_state(n) == Some(crate::world::NodeState::Paused))
}

fn running_servers(world: &World<ZkNode>) -> Vec<(u64, &ZkServer)> {
    world
        .config()
        .servers
        .iter()
        .filter_map(|e| {
            let node = world.config().node_of(e.sid)?;
            if world.node_state(node) == Some(crate::world::NodeState::Down) {
                return None;
            }
            world
                .node(node)
                .and_then(ZkNode::server)
                .map(|s| (e.sid, s))
        })
        .collect()
}

fn server_log(sid: u64, s: &ZkServer) -> ServerLog {
    let pending = s.store.pending();
    let take_pending = pending.len().min(LOG_ROWS);
    let take_committed = (LOG_ROWS - take_pending).min(s.store.committed_log.len());
    let skip = s.store.committed_log.len() - take_committed;
    let mut rows: Vec<LogRow> = s
        .store
        .committed_log
        .iter()
        .skip(skip)
        .map(|t| LogRow {
            zxid: Zxid(t.zxid),
            op: op_label(t),
            committed: true,
        })
        .collect();
    rows.extend(
        pending[pending.len() - take_pending..]
            .iter()
            .map(|t| LogRow {
                zxid: Zxid(t.zxid),
                op: op_label(t),
                committed: false,
            }),
    );
    ServerLog {
        myid: myid(sid),
        rows,
        uncommitted: pending.len() as u32,
        hidden: skip as u32,
    }
}

fn holds(s: &ZkServer, zxid: u64) -> (bool, bool) {
    let applied = s.store.last_processed() >= zxid
        && (s.store.committed_log.iter().any(|t| t.zxid == zxid)
            || s.store.committed_log.front().is_none_or(|t| t.zxid > zxid));
    let logged = applied || s.store.pending().iter().any(|t| t.zxid == zxid);
    (logged, applied)
}

fn sync_info(start: &SyncStart, reason: SyncReason, peer: u64) -> SyncInfo {
    let (kind, z) = match start {
        SyncStart::Diff(z) => (SyncKind::Diff, *z),
        SyncStart::Trunc(z) => (SyncKind::Trunc, *z),
        SyncStart::Snap(z) => (SyncKind::Snap, *z),
    };
    SyncInfo {
        kind,
        zxid: Zxid(z),
        peer_last: Zxid(peer),
        reason,
    }
}

/// Build the ZAB view.
pub fn zab_view(world: &World<ZkNode>) -> ZabView {
    let cfg = world.config();
    let quorum = (cfg.voters().len() / 2 + 1) as u32;
    let servers = running_servers(world);
    let leader = servers
        .iter()
        .filter(|(_, s)| s.leader().is_some())
        .max_by_key(|(sid, s)| (s.epoch(), std::cmp::Reverse(*sid)))
        .copied();
    let logs = servers.iter().map(|(sid, s)| server_log(*sid, s)).collect();
    let Some((lsid, ls)) = leader else {
        return ZabView {
            logs,
            quorum,
            ..ZabView::default()
        };
    };
    let Some(l) = ls.leader() else {
        return ZabView {
            logs,
            quorum,
            ..ZabView::default()
        };
    };
    let learners = servers
        .iter()
        .filter(|(sid, _)| *sid != lsid)
        .map(|(sid, s)| {
            let own = s.learner().filter(|x| x.leader == lsid);
            let h = l.handlers.get(sid);
            LearnerRow {
                myid: myid(*sid),
                observer: !cfg.is_voter(*sid),
                paused: is_paused(world, *sid),
                state: own.map(|x| x.zab_state),
                learner_phase: own.map(|x| x.phase),
                handler_phase: h.map(|h| h.phase),
                sync: h.and_then(|h| {
                    h.sync
                        .as_ref()
                        .map(|(st, reason)| sync_info(st, *reason, h.peer_last_zxid))
                }),
                forwarding: h.is_some_and(|h| h.forwarding),
                last_heard_us: h.map(|h| h.last_heard.0),
            }
        })
        .collect();
    // Outstanding proposals (newest last), then fill up with the newest committed ones.
    let out_n = l.outstanding.len();
    let show_out = out_n.min(PIPELINE_ROWS);
    let room = PIPELINE_ROWS - show_out;
    let committed = &ls.store.committed_log;
    let skip = committed.len().saturating_sub(room);
    let mut pipeline: Vec<ProposalRow> = Vec::new();
    let spread = |zxid: u64| {
        let mut logged = Vec::new();
        let mut applied = Vec::new();
        for (sid, s) in &servers {
            let (lg, ap) = holds(s, zxid);
            if lg {
                logged.push(myid(*sid));
            }
            if ap {
                applied.push(myid(*sid));
            }
        }
        (logged, applied)
    };
    for t in committed.iter().skip(skip) {
        let (logged_on, applied_on) = spread(t.zxid);
        pipeline.push(ProposalRow {
            zxid: Zxid(t.zxid),
            op: op_label(t),
            status: ProposalStatus::Committed,
            acks: Vec::new(),
            quorum,
            logged_on,
            applied_on,
        });
    }
    for p in l.outstanding.values().skip(out_n - show_out) {
        let (logged_on, applied_on) = spread(p.entry.zxid);
        pipeline.push(ProposalRow {
            zxid: Zxid(p.entry.zxid),
            op: op_label(&p.entry),
            status: ProposalStatus::Proposed,
            acks: p.acks.iter().map(|s| myid(*s)).collect(),
            quorum,
            logged_on,
            applied_on,
        });
    }
    ZabView {
        leader: Some(myid(lsid)),
        epoch: l.frozen_epoch(),
        leader_state: Some(l.zab_state),
        last_proposed: Zxid(l.last_proposed),
        last_committed: Zxid(l.last_committed),
        outstanding: out_n as u32,
        learners,
        pipeline,
        logs,
        quorum,
    }
}
