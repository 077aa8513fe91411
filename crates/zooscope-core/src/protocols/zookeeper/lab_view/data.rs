//! The data view: the znode tree as one server sees it.
//!
//! Every server answers reads from its own copy of the tree (`FinalRequestProcessor`
//! reads the local `DataTree`; reference §4.5), so a follower that has not applied the
//! latest commits serves stale data — the reason `sync()` exists. This view walks one
//! server's tree depth first (children in zkCli's `ls` order), with each node's `Stat`
//! (§3.4), its kind and owner session (§3.1), the watches registered on it at this
//! server (§4.3), and whether the leader's copy differs. It also lists the replicated
//! session table with each session's ephemerals and, from the leader's tracker, when it
//! will expire (§4.1). Everything is bounded: a large tree is cut off, not walked.

use super::super::node::ZkNode;
use super::cards::{myid, Role, Zxid};
use crate::protocols::zookeeper::data::stat::{NodeKind, Stat};
use crate::protocols::zookeeper::data::tree::DataTree;
use crate::protocols::zookeeper::data::watch::WatcherMode;
use crate::protocols::zookeeper::replication::server::ZkServer;
use crate::vecmap::VecMap;
use crate::world::{NodeState, World};

/// Znodes shown at most.
pub const NODES_SHOWN: usize = 300;
/// Children listed per node at most.
pub const CHILDREN_SHOWN: usize = 100;
/// Deepest level walked.
pub const DEPTH_MAX: u32 = 32;
/// Bytes of data previewed.
pub const PREVIEW_BYTES: usize = 96;
/// Characters of data previewed.
pub const PREVIEW_CHARS: usize = 48;
/// Sessions shown at most.
pub const SESSIONS_SHOWN: usize = 50;
/// Watch registrations shown at most.
pub const WATCHES_SHOWN: usize = 100;

/// What kind of znode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ZnodeKind {
    /// Persistent.
    Persistent,
    /// Ephemeral (owned by a session).
    Ephemeral,
    /// Container.
    Container,
    /// TTL, in ms.
    Ttl(u64),
}

/// How a node compares with the leader's copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeaderCopy {
    /// Same stat on the leader.
    Same,
    /// The leader's copy is newer (or different).
    Differs,
    /// The leader no longer has it.
    Gone,
}

/// One znode.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ZnodeRow {
    /// Full path.
    pub path: String,
    /// Last path segment (`/` for the root).
    pub name: String,
    /// Depth (root 0).
    pub depth: u32,
    /// Data preview as text (`None`: null data).
    pub data: Option<String>,
    /// The preview is cut short.
    pub data_cut: bool,
    /// The client-visible stat.
    pub stat: Stat,
    /// Kind.
    pub kind: ZnodeKind,
    /// Owner session of an ephemeral.
    pub owner: Option<u64>,
    /// Name of the client holding that session, when known.
    pub owner_client: Option<String>,
    /// One-shot data watches (exists / getData) here.
    pub data_watches: u32,
    /// One-shot child watches (getChildren) here.
    pub child_watches: u32,
    /// Persistent (or recursive) watches here.
    pub persistent_watches: u32,
    /// Compared with the leader (`None`: this is the leader, or there is none).
    pub leader_copy: Option<LeaderCopy>,
    /// Children not listed (beyond the bounds).
    pub children_hidden: u32,
}

/// One session in the replicated session table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SessionRow {
    /// Session id.
    pub id: u64,
    /// Negotiated timeout, ms.
    pub timeout_ms: i32,
    /// The client holding it, when known.
    pub client: Option<String>,
    /// Its ephemeral nodes on this server's tree.
    pub ephemerals: u32,
    /// Time left before the leader expires it, ms (`None`: not tracked).
    pub expires_in_ms: Option<u64>,
    /// The leader has issued its closeSession.
    pub closing: bool,
}

/// Which watch table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WatchTable {
    /// Data watches.
    Data,
    /// Child watches.
    Child,
}

/// One watch registration at this server.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WatchRow {
    /// Session.
    pub session: u64,
    /// Client name, when known.
    pub client: Option<String>,
    /// Path.
    pub path: String,
    /// Table.
    pub table: WatchTable,
    /// Mode.
    pub mode: WatcherMode,
}

/// The tree of one server.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DataView {
    /// Whose tree.
    pub server: u32,
    /// Its role.
    pub role: Role,
    /// Its last processed zxid.
    pub last_zxid: Zxid,
    /// The leader's last processed zxid (`None`: no leader, or this is the leader).
    pub leader_zxid: Option<Zxid>,
    /// Txns the leader has committed that this server has not applied.
    pub behind: Option<u64>,
    /// Its tree differs from the leader's.
    pub stale: bool,
    /// Nodes, depth first.
    pub nodes: Vec<ZnodeRow>,
    /// Nodes in the tree.
    pub nodes_total: u32,
    /// Sessions.
    pub sessions: Vec<SessionRow>,
    /// Sessions in the table.
    pub sessions_total: u32,
    /// Watch registrations.
    pub watches: Vec<WatchRow>,
    /// Registrations in total.
    pub watches_total: u32,
}

fn preview(data: &Option<Vec<u8>>) -> (Option<String>, bool) {
    let Some(d) = data else {
        return (None, false);
    };
    let head = &d[..d.len().min(PREVIEW_BYTES)];
    let text = String::from_utf8_lossy(head);
    let mut out: String = text.chars().take(PREVIEW_CHARS).collect();
    let cut = d.len() > head.len() || text.chars().count() > PREVIEW_CHARS;
    // Control characters would break the table.
    out = out
        .chars()
        .map(|c| if c.is_control() { '·' } else { c })
        .collect();
    (Some(out), cut)
}

fn kind_of(k: NodeKind) -> (ZnodeKind, Option<u64>) {
    match k {
        NodeKind::Persistent => (ZnodeKind::Persistent, None),
        NodeKind::Ephemeral(s) => (ZnodeKind::Ephemeral, Some(s)),
        NodeKind::Container => (ZnodeKind::Container, None),
        NodeKind::Ttl(ms) => (ZnodeKind::Ttl(ms), None),
    }
}

fn child_path(parent: &str, name: &str) -> String {
    if parent == "/" {
        format!("/{name}")
    } else {
        format!("{parent}/{name}")
    }
}

/// Session id → client name, for every client node.
pub fn session_names(world: &World<ZkNode>) -> VecMap<u64, String> {
    let mut m = VecMap::new();
    for id in world.node_ids() {
        if let Some(c) = world.node(id).and_then(ZkNode::client) {
            if c.session != 0 {
                m.insert(c.session, c.name.clone());
            }
        }
    }
    m
}

#[derive(Default)]
struct Marks {
    data: u32,
    child: u32,
    persistent: u32,
}

fn walk(
    tree: &DataTree,
    leader: Option<&DataTree>,
    names: &VecMap<u64, String>,
    marks: &VecMap<String, Marks>,
) -> Vec<ZnodeRow> {
    let mut rows = Vec::new();
    // Depth-first with an explicit stack (children pushed in reverse).
    let mut stack: Vec<(String, u32)> = vec![("/".to_string(), 0)];
    while let Some((path, depth)) = stack.pop() {
        if rows.len() >= NODES_SHOWN {
            break;
        }
        let Some(node) = tree.get(&path) else {
            continue;
        };
        let children = node.children_sorted();
        let walkable = if depth < DEPTH_MAX {
            children.len().min(CHILDREN_SHOWN)
        } else {
            0
        };
        for name in children[..walkable].iter().rev() {
            stack.push((child_path(&path, name), depth + 1));
        }
        let stat = node.client_stat();
        let (kind, owner) = kind_of(node.kind());
        let (data, data_cut) = preview(&node.data);
        let m = marks.get(&path);
        let leader_copy = leader.map(|lt| match lt.get(&path) {
            None => LeaderCopy::Gone,
            Some(ln) if ln.client_stat() == stat => LeaderCopy::Same,
            Some(_) => LeaderCopy::Differs,
        });
        let name = if path == "/" {
            "/".to_string()
        } else {
            path.rsplit('/').next().unwrap_or("").to_string()
        };
        rows.push(ZnodeRow {
            name,
            depth,
            data,
            data_cut,
            stat,
            kind,
            owner,
            owner_client: owner.and_then(|s| names.get(&s).cloned()),
            data_watches: m.map_or(0, |m| m.data),
            child_watches: m.map_or(0, |m| m.child),
            persistent_watches: m.map_or(0, |m| m.persistent),
            leader_copy,
            children_hidden: (children.len() - walkable) as u32,
            path,
        });
    }
    rows
}

fn leader_of(world: &World<ZkNode>) -> Option<(u64, &ZkServer)> {
    world
        .config()
        .servers
        .iter()
        .filter_map(|e| {
            let node = world.config().node_of(e.sid)?;
            if world.node_state(node) == Some(NodeState::Down) {
                return None;
            }
            let s = world.node(node).and_then(ZkNode::server)?;
            (s.leader().is_some() || matches!(Role::of(s), Role::Standalone)).then_some((e.sid, s))
        })
        .max_by_key(|(sid, s)| (s.epoch(), std::cmp::Reverse(*sid)))
}

/// Which server's tree to show: `selected` if it runs, else the leader, else the first
/// running server.
pub fn data_server(world: &World<ZkNode>, selected: Option<u32>) -> Option<u64> {
    let cfg = world.config();
    let runs = |sid: u64| {
        cfg.node_of(sid).is_some_and(|n| {
            world.node_state(n) != Some(NodeState::Down)
                && world.node(n).and_then(ZkNode::server).is_some()
        })
    };
    if let Some(sel) = selected.map(u64::from) {
        if runs(sel) {
            return Some(sel);
        }
    }
    leader_of(world)
        .map(|(sid, _)| sid)
        .or_else(|| cfg.servers.iter().map(|e| e.sid).find(|s| runs(*s)))
}

/// The data view of server `sid` (`None` if it does not run).
pub fn data_view(world: &World<ZkNode>, sid: u64) -> Option<DataView> {
    let node = world.config().node_of(sid)?;
    if world.node_state(node) == Some(NodeState::Down) {
        return None;
    }
    let s = world.node(node).and_then(ZkNode::server)?;
    let leader = leader_of(world).filter(|(lsid, _)| *lsid != sid);
    let names = session_names(world);
    let all_watches = s.watches.list();
    let mut marks: VecMap<String, Marks> = VecMap::new();
    for (_, path, table, mode) in &all_watches {
        if !marks.contains_key(path) && marks.len() >= NODES_SHOWN * 4 {
            continue;
        }
        let m = marks.entry(path.clone()).or_default();
        match (mode, table) {
            (WatcherMode::Standard, 'd') => m.data += 1,
            (WatcherMode::Standard, _) => m.child += 1,
            // Persistent watches sit in both tables; count them once.
            (_, 'd') => m.persistent += 1,
            _ => {}
        }
    }
    let tree = &s.store.db.tree;
    let leader_tree = leader.map(|(_, l)| &l.store.db.tree);
    let nodes = walk(tree, leader_tree, &names, &marks);
    // Comparing whole trees would cost a walk of both; the last txn and the shown rows
    // tell the same story for the learner.
    let stale = leader.is_some_and(|(_, l)| l.store.db.last_txn != s.store.db.last_txn)
        || nodes
            .iter()
            .any(|r| r.leader_copy.is_some_and(|c| c != LeaderCopy::Same));
    let last = s.store.last_processed();
    let leader_zxid = leader.map(|(_, l)| Zxid(l.store.last_processed()));
    // Txns the leader has committed and this server has not applied (counted in the
    // leader's in-memory committed log, so at most `COMMITTED_LOG_MAX`).
    let mine = s.store.db.last_txn;
    let behind = leader.map(|(_, l)| {
        l.store
            .committed_log
            .iter()
            .rev()
            .take_while(|t| t.zxid > mine)
            .count() as u64
    });
    let tracker = leader_of(world).map(|(_, l)| &l.tracker);
    let now_ms = world.now().as_millis();
    let sessions = s
        .store
        .db
        .sessions
        .iter()
        .take(SESSIONS_SHOWN)
        .map(|(&id, &timeout)| {
            let info = tracker.and_then(|t| t.get(&id));
            SessionRow {
                id,
                timeout_ms: timeout,
                client: names.get(&id).cloned(),
                ephemerals: tree.ephemerals_of(id).len() as u32,
                expires_in_ms: info.map(|i| i.deadline_ms.saturating_sub(now_ms)),
                closing: info.is_some_and(|i| i.closing),
            }
        })
        .collect();
    let watches = all_watches
        .iter()
        .filter(|(_, _, table, mode)| *mode == WatcherMode::Standard || *table == 'd')
        .take(WATCHES_SHOWN)
        .map(|(session, path, table, mode)| WatchRow {
            session: *session,
            client: names.get(session).cloned(),
            path: path.clone(),
            table: if *table == 'd' {
                WatchTable::Data
            } else {
                WatchTable::Child
            },
            mode: *mode,
        })
        .collect();
    Some(DataView {
        server: myid(sid),
        role: Role::of(s),
        last_zxid: Zxid(last),
        leader_zxid,
        behind,
        stale,
        nodes,
        nodes_total: tree.len() as u32,
        sessions,
        sessions_total: s.store.db.sessions.len() as u32,
        watches,
        watches_total: all_watches.len() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_are_short_and_printable() {
        assert_eq!(preview(&None), (None, false));
        assert_eq!(
            preview(&Some(b"hello".to_vec())),
            (Some("hello".into()), false)
        );
        let long = vec![b'x'; 500];
        let (p, cut) = preview(&Some(long));
        assert_eq!(p.unwrap().chars().count(), PREVIEW_CHARS);
        assert!(cut);
        let (p, _) = preview(&Some(b"a\nb\x00".to_vec()));
        assert_eq!(p.unwrap(), "a·b·");
        // Invalid UTF-8 never panics.
        let (p, _) = preview(&Some(vec![0xff, 0xfe, b'a']));
        assert!(p.unwrap().ends_with('a'));
    }

    #[test]
    fn child_paths() {
        assert_eq!(child_path("/", "a"), "/a");
        assert_eq!(child_path("/a", "b"), "/a/b");
    }
}
