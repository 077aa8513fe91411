//! What the lab draws, computed from a [`LabSession`]: server and client cards, messages
//! on the wire with their positions, ring geometry, narration of state changes, the
//! speed scale. Pure data (floats only for geometry), unit-tested natively.

use super::session::LabSession;
use crate::i18n::LabTexts;
use std::rc::Rc;
use zooscope_core::id::NodeId;
use zooscope_core::process::MessageInfo;
use zooscope_core::protocols::zookeeper::msg::ZkMsg;
use zooscope_core::protocols::zookeeper::node::{ZkNode, ZkSpec};
use zooscope_core::protocols::zookeeper::replication::server::ZkServer;
use zooscope_core::protocols::zookeeper::replication::vote::ServerState;
use zooscope_core::time::SimTime;
use zooscope_core::world::NodeState;

/// Most messages drawn at once (the rest are counted, not drawn).
pub const MESSAGES_DRAWN_MAX: usize = 200;
/// Above this many messages on screen their text labels are left out (shapes remain).
pub const LABELLED_MESSAGES_MAX: usize = 48;

/// A server's role as drawn (colour, shape and text all follow it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Running leader election.
    Looking,
    /// Following a leader.
    Following,
    /// Leading.
    Leading,
    /// Observing a leader (not voting).
    Observing,
    /// A one-server ensemble.
    Standalone,
    /// The process is not running.
    Stopped,
}

impl Role {
    /// The label shown (ZooKeeper's own words, in both languages).
    pub fn label(self) -> &'static str {
        match self {
            Role::Looking => "LOOKING",
            Role::Following => "FOLLOWING",
            Role::Leading => "LEADING",
            Role::Observing => "OBSERVING",
            Role::Standalone => "STANDALONE",
            Role::Stopped => "stopped",
        }
    }

    /// The CSS class suffix.
    pub fn class(self) -> &'static str {
        match self {
            Role::Looking => "looking",
            Role::Following => "following",
            Role::Leading => "leading",
            Role::Observing => "observing",
            Role::Standalone => "leading",
            Role::Stopped => "stopped",
        }
    }
}

/// One server as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerCard {
    /// `myid`.
    pub sid: u64,
    /// Kernel node id.
    pub node: u32,
    /// Role.
    pub role: Role,
    /// Frozen by the learner.
    pub paused: bool,
    /// An observer in the config.
    pub observer: bool,
    /// Serving clients.
    pub serving: bool,
    /// The current epoch.
    pub epoch: u32,
    /// Last processed zxid.
    pub zxid: u64,
    /// While looking: the leader it currently proposes, and the round.
    pub proposal: Option<(i64, i64)>,
    /// The leader it follows (or itself).
    pub leader: Option<u64>,
    /// Client connections.
    pub clients: u32,
}

impl ServerCard {
    /// The accessible name, e.g. "Server 2, LEADING, epoch 1, zxid 0x100000003".
    pub fn accessible_name(&self, l: &LabTexts) -> String {
        let state = if self.paused {
            format!("{}, {}", self.role.label(), l.paused)
        } else if self.role == Role::Stopped {
            l.stopped.to_string()
        } else {
            self.role.label().to_string()
        };
        fill(
            l.server_name,
            &[
                ("sid", self.sid.to_string()),
                ("state", state),
                ("epoch", self.epoch.to_string()),
                ("zxid", format!("0x{:x}", self.zxid)),
            ],
        )
    }
}

/// One client as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientCard {
    /// Kernel node id.
    pub node: u32,
    /// Its name ("c1").
    pub name: String,
    /// zkCli state ("CONNECTED").
    pub state: &'static str,
    /// The server it is connected to.
    pub server: Option<u64>,
    /// Its session id (0 if none).
    pub session: u64,
}

/// Message families, each with its own colour and shape in the legend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// Leader-election notifications.
    Election,
    /// ZAB discovery: FOLLOWERINFO, LEADERINFO, ACKEPOCH.
    Discovery,
    /// ZAB synchronization: DIFF, TRUNC, SNAP, NEWLEADER, UPTODATE.
    Sync,
    /// ZAB broadcast: PROPOSAL, ACK, COMMIT, INFORM.
    Broadcast,
    /// Pings.
    Heartbeat,
    /// Client requests, replies, sessions and watches.
    Client,
}

impl Family {
    /// Every family, legend order.
    pub const ALL: [Family; 6] = [
        Family::Election,
        Family::Discovery,
        Family::Sync,
        Family::Broadcast,
        Family::Heartbeat,
        Family::Client,
    ];

    /// The family of a message kind label.
    pub fn of(kind: &str) -> Family {
        match kind {
            "vote" => Family::Election,
            "FOLLOWERINFO" | "OBSERVERINFO" | "LEADERINFO" | "ACKEPOCH" => Family::Discovery,
            "DIFF" | "TRUNC" | "SNAP" | "NEWLEADER" | "UPTODATE" => Family::Sync,
            "PROPOSAL" | "ACK" | "COMMIT" | "INFORM" => Family::Broadcast,
            "PING" | "ping" => Family::Heartbeat,
            _ => Family::Client,
        }
    }

    /// CSS class suffix.
    pub fn class(self) -> &'static str {
        match self {
            Family::Election => "election",
            Family::Discovery => "discovery",
            Family::Sync => "sync",
            Family::Broadcast => "broadcast",
            Family::Heartbeat => "heartbeat",
            Family::Client => "client",
        }
    }

    /// The legend's name.
    pub fn name(self, l: &LabTexts) -> &'static str {
        match self {
            Family::Election => l.fam_election,
            Family::Discovery => l.fam_discovery,
            Family::Sync => l.fam_sync,
            Family::Broadcast => l.fam_broadcast,
            Family::Heartbeat => l.fam_heartbeat,
            Family::Client => l.fam_client,
        }
    }

    /// Example kinds shown in the legend.
    pub fn examples(self) -> &'static str {
        match self {
            Family::Election => "vote",
            Family::Discovery => "FOLLOWERINFO · LEADERINFO · ACKEPOCH",
            Family::Sync => "DIFF · TRUNC · SNAP · NEWLEADER · UPTODATE",
            Family::Broadcast => "PROPOSAL · ACK · COMMIT",
            Family::Heartbeat => "PING",
            Family::Client => "connect · request · reply · watch",
        }
    }
}

/// The short label drawn on a message.
pub fn short_kind(kind: &str) -> &'static str {
    match kind {
        "vote" => "VOTE",
        "FOLLOWERINFO" => "FINFO",
        "OBSERVERINFO" => "OINFO",
        "LEADERINFO" => "LINFO",
        "ACKEPOCH" => "ACK-E",
        "DIFF" => "DIFF",
        "TRUNC" => "TRUNC",
        "SNAP" => "SNAP",
        "NEWLEADER" => "NEWLDR",
        "UPTODATE" => "UPTD",
        "PROPOSAL" => "PROP",
        "ACK" => "ACK",
        "COMMIT" => "COMMIT",
        "INFORM" => "INFORM",
        "PING" | "ping" => "PING",
        "REQUEST" => "FWD",
        "REVALIDATE" => "REVAL",
        "SYNC" => "SYNC",
        "connect" => "CONN",
        "connected" => "SESS",
        "request" => "REQ",
        "reply" => "REPLY",
        "watch" => "WATCH",
        _ => "MSG",
    }
}

/// One in-flight message as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct MsgDot {
    /// Kernel message id.
    pub id: u64,
    /// Sender node.
    pub from: u32,
    /// Receiver node.
    pub to: u32,
    /// Kind label ("PROPOSAL").
    pub kind: &'static str,
    /// Family.
    pub family: Family,
    /// Fraction travelled, 0..=1.
    pub progress: f64,
    /// Held on a clogged path.
    pub held: bool,
}

/// One in-flight message in full, for the inspector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MsgDetail {
    /// Kernel message id.
    pub id: u64,
    /// Sender's label ("server 2", "c1").
    pub from: String,
    /// Receiver's label.
    pub to: String,
    /// Kind label.
    pub kind: &'static str,
    /// The message (the inspector words its content).
    pub msg: ZkMsg,
    /// Sent at.
    pub sent_at: SimTime,
    /// Due at.
    pub deliver_at: SimTime,
    /// "stream" or "datagram".
    pub transport: &'static str,
}

/// Everything the cluster view needs for one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterFrame {
    /// Servers in ring order.
    pub servers: Rc<Vec<ServerCard>>,
    /// Clients in order.
    pub clients: Rc<Vec<ClientCard>>,
    /// Messages drawn (the oldest [`MESSAGES_DRAWN_MAX`]).
    pub messages: Vec<MsgDot>,
    /// Messages on the wire in total.
    pub in_flight: usize,
    /// Server pairs (sids, lower first) whose path is blocked.
    pub cut_links: Rc<Vec<(u64, u64)>>,
    /// Voters needed for a quorum.
    pub quorum: usize,
    /// Voting servers.
    pub voters: usize,
}

/// The card of server `sid`.
pub fn server_card(s: &LabSession, sid: u64) -> Option<ServerCard> {
    let w = s.world();
    let node = w.config().node_of(sid)?;
    let observer = w.config().server(sid).is_some_and(|e| e.observer);
    let state = w.node_state(node).unwrap_or(NodeState::Down);
    let clients = w
        .node(node)
        .and_then(ZkNode::server)
        .map_or(0, |srv| srv.conns.len() as u32);
    let card = match w.node(node).and_then(ZkNode::server) {
        Some(srv) => running_card(srv, node, observer, state == NodeState::Paused, clients),
        None => {
            let disk = w.disk(node).unwrap_or_default();
            let zxid = disk
                .log
                .last()
                .map_or(0, |e| e.zxid)
                .max(disk.snapshot().last_processed);
            ServerCard {
                sid,
                node: node.0,
                role: Role::Stopped,
                paused: false,
                observer,
                serving: false,
                epoch: disk.current_epoch,
                zxid,
                proposal: None,
                leader: None,
                clients: 0,
            }
        }
    };
    Some(card)
}

fn running_card(
    srv: &ZkServer,
    node: NodeId,
    observer: bool,
    paused: bool,
    clients: u32,
) -> ServerCard {
    let role = if srv.status() == "STANDALONE" {
        Role::Standalone
    } else {
        match srv.state {
            ServerState::Looking => Role::Looking,
            ServerState::Following => Role::Following,
            ServerState::Leading => Role::Leading,
            ServerState::Observing => Role::Observing,
        }
    };
    let proposal = (role == Role::Looking).then(|| {
        let v = srv.election.proposal();
        (v.leader, srv.election.logicalclock)
    });
    ServerCard {
        sid: srv.sid,
        node: node.0,
        role,
        paused,
        observer,
        serving: srv.serving(),
        epoch: srv.epoch(),
        zxid: srv.store.last_processed(),
        proposal,
        leader: srv.leader_id(),
        clients,
    }
}

/// Every server's card, in ring order.
pub fn server_cards(s: &LabSession) -> Vec<ServerCard> {
    s.server_ids()
        .into_iter()
        .filter_map(|sid| server_card(s, sid))
        .collect()
}

/// Every client's card.
pub fn client_cards(s: &LabSession) -> Vec<ClientCard> {
    let w = s.world();
    s.client_ids()
        .into_iter()
        .map(|c| {
            let n = NodeId(c);
            let name = match w.spec(n) {
                Some(ZkSpec::Client { name, .. }) => name.clone(),
                _ => format!("n{c}"),
            };
            match w.node(n).and_then(ZkNode::client) {
                Some(cl) => ClientCard {
                    node: c,
                    name,
                    state: cl.status(),
                    server: cl.connected_to().and_then(|srv| w.config().sid_of(srv)),
                    session: cl.session,
                },
                None => ClientCard {
                    node: c,
                    name,
                    state: "stopped",
                    server: None,
                    session: 0,
                },
            }
        })
        .collect()
}

/// The in-flight messages at the displayed clock (oldest first, at most `limit`).
pub fn message_dots(s: &LabSession, limit: usize) -> Vec<MsgDot> {
    let now = s.now().0;
    s.world()
        .in_flight()
        .take(limit)
        .map(|e| {
            let kind = e.msg.kind();
            let span = e.deliver_at.0.saturating_sub(e.sent_at.0);
            let progress = if e.held {
                0.5
            } else if span == 0 {
                1.0
            } else {
                (now.saturating_sub(e.sent_at.0) as f64 / span as f64).clamp(0.0, 1.0)
            };
            MsgDot {
                id: e.id.0,
                from: e.from.0,
                to: e.to.0,
                kind,
                family: Family::of(kind),
                progress,
                held: e.held,
            }
        })
        .collect()
}

/// The full description of in-flight message `id`, if it is still on the wire.
pub fn message_detail(s: &LabSession, id: u64) -> Option<MsgDetail> {
    let w = s.world();
    let e = w.envelope(zooscope_core::id::MsgId(id))?;
    Some(MsgDetail {
        id,
        from: node_label(s, e.from.0),
        to: node_label(s, e.to.0),
        kind: e.msg.kind(),
        msg: e.msg.clone(),
        sent_at: e.sent_at,
        deliver_at: e.deliver_at,
        transport: match e.transport {
            zooscope_core::process::Transport::Stream => "stream",
            zooscope_core::process::Transport::Datagram => "datagram",
        },
    })
}

/// "S2" for a server, the client's name for a client.
pub fn node_label(s: &LabSession, node: u32) -> String {
    let w = s.world();
    match w.spec(NodeId(node)) {
        Some(ZkSpec::Server { sid }) => format!("S{sid}"),
        Some(ZkSpec::Client { name, .. }) => name.clone(),
        None => format!("n{node}"),
    }
}

/// The whole frame of the cluster view.
pub fn cluster_frame(s: &LabSession) -> ClusterFrame {
    let servers = server_cards(s);
    let sids: Vec<u64> = servers.iter().map(|c| c.sid).collect();
    let mut cut_links = Vec::new();
    for (i, &a) in sids.iter().enumerate() {
        for &b in &sids[i + 1..] {
            if s.link_cut(a, b) {
                cut_links.push((a, b));
            }
        }
    }
    let voters = s.world().config().voters().len();
    ClusterFrame {
        clients: Rc::new(client_cards(s)),
        messages: message_dots(s, MESSAGES_DRAWN_MAX),
        in_flight: s.in_flight(),
        cut_links: Rc::new(cut_links),
        quorum: voters / 2 + 1,
        voters,
        servers: Rc::new(servers),
    }
}

// ----- geometry ------------------------------------------------------------------------

/// Centre of the server ring (SVG user units; the viewBox is fitted around what is
/// drawn, see `cluster::view_box` and [`super::layout`]).
pub const CENTER: (f64, f64) = (380.0, 292.0);

/// Radius of the server ring for `n` servers.
pub fn server_ring_radius(n: usize) -> f64 {
    match n {
        0 | 1 => 0.0,
        2 => 120.0,
        3..=5 => 150.0,
        _ => 175.0,
    }
}

/// Radius of a server's shape for `n` servers.
pub fn server_radius(n: usize) -> f64 {
    if n <= 5 {
        42.0
    } else {
        34.0
    }
}

/// Position of server `i` of `n` (the first at the top, clockwise).
pub fn server_xy(i: usize, n: usize) -> (f64, f64) {
    let r = server_ring_radius(n);
    let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n.max(1) as f64;
    (CENTER.0 + r * a.cos(), CENTER.1 + r * a.sin())
}

/// Where a message is drawn: along the line between its endpoints, shifted sideways
/// so the two directions of one link use separate lanes.
pub fn message_xy(from: (f64, f64), to: (f64, f64), progress: f64, lane: f64) -> (f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (nx, ny) = (-dy / len, dx / len);
    (
        from.0 + dx * progress + nx * lane,
        from.1 + dy * progress + ny * lane,
    )
}

// ----- words -----------------------------------------------------------------------

/// Replace `{name}` placeholders in `template`.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// A zxid split into its epoch and counter halves ("0x1", "00000003").
pub fn zxid_parts(zxid: u64) -> (String, String) {
    (
        format!("0x{:x}", zxid >> 32),
        format!("{:08x}", zxid & 0xffff_ffff),
    )
}

/// `1_234_567` µs as "1.234 s" (integer arithmetic).
pub fn format_time(t: SimTime) -> String {
    let us = t.0;
    format!("{}.{:03} s", us / 1_000_000, (us % 1_000_000) / 1_000)
}

/// Sentences for the live region: what changed between two frames' server cards.
pub fn narrate(before: &[ServerCard], after: &[ServerCard], l: &LabTexts) -> Vec<String> {
    let mut out = Vec::new();
    for card in after {
        let Some(old) = before.iter().find(|b| b.sid == card.sid) else {
            continue;
        };
        if old.role != card.role || old.paused != card.paused {
            let state = if card.paused {
                l.paused.to_string()
            } else if card.role == Role::Stopped {
                l.stopped.to_string()
            } else {
                card.role.label().to_string()
            };
            out.push(fill(
                l.live_became,
                &[
                    ("sid", card.sid.to_string()),
                    ("state", state),
                    ("epoch", card.epoch.to_string()),
                ],
            ));
        }
    }
    out
}

// ----- speed -----------------------------------------------------------------------

/// Slowest speed: 10^this simulated seconds per real second.
pub const SPEED_EXP_MIN: f64 = -3.5;
/// Fastest speed.
pub const SPEED_EXP_MAX: f64 = 1.0;
/// The speed a fresh lab starts with (1/100 of real time: a message takes about a
/// third of a second to cross).
pub const SPEED_EXP_DEFAULT: f64 = -2.0;

/// Simulated microseconds per real millisecond at slider value `exp`.
pub fn sim_us_per_ms(exp: f64) -> f64 {
    let exp = exp.clamp(SPEED_EXP_MIN, SPEED_EXP_MAX);
    1_000.0 * 10f64.powf(exp)
}

/// The speed as text: "1/300×", "1×", "10×".
pub fn speed_label(exp: f64) -> String {
    let f = 10f64.powf(exp.clamp(SPEED_EXP_MIN, SPEED_EXP_MAX));
    if f >= 0.95 {
        format!("{}×", f.round() as u64)
    } else {
        // Two significant digits: 1/300×, 1/3200×.
        let d = 1.0 / f;
        let scale = 10f64.powi((d.log10().floor() as i32 - 1).max(0));
        let d = (d / scale).round() * scale;
        format!("1/{}×", d as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::lab::setup::LabSetup;

    #[test]
    fn accessible_names_follow_the_contract() {
        let card = ServerCard {
            sid: 2,
            node: 1,
            role: Role::Leading,
            paused: false,
            observer: false,
            serving: true,
            epoch: 1,
            zxid: 0x1_0000_0003,
            proposal: None,
            leader: Some(2),
            clients: 0,
        };
        assert_eq!(
            card.accessible_name(Lang::En.lab()),
            "Server 2, LEADING, epoch 1, zxid 0x100000003"
        );
        let zh = card.accessible_name(Lang::Zh.lab());
        assert!(zh.contains("LEADING") && zh.contains("0x100000003"), "{zh}");
        let stopped = ServerCard {
            role: Role::Stopped,
            ..card
        };
        assert_eq!(
            stopped.accessible_name(Lang::En.lab()),
            "Server 2, stopped, epoch 1, zxid 0x100000003"
        );
    }

    #[test]
    fn frame_of_a_fresh_run() {
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        let f = cluster_frame(&s);
        assert_eq!(f.servers.len(), 3);
        assert_eq!(f.clients.len(), 2);
        assert_eq!(f.quorum, 2);
        assert!(f.servers.iter().all(|c| c.role == Role::Looking));
        for _ in 0..30 {
            s.step();
        }
        let f = cluster_frame(&s);
        assert!(f.messages.iter().all(|m| (0.0..=1.0).contains(&m.progress)));
        assert!(f.messages.iter().any(|m| m.family == Family::Election));
    }

    #[test]
    fn families_and_labels() {
        assert_eq!(Family::of("vote"), Family::Election);
        assert_eq!(Family::of("PROPOSAL"), Family::Broadcast);
        assert_eq!(Family::of("UPTODATE"), Family::Sync);
        assert_eq!(Family::of("ping"), Family::Heartbeat);
        assert_eq!(Family::of("reply"), Family::Client);
        assert_eq!(short_kind("FOLLOWERINFO"), "FINFO");
        assert_eq!(short_kind("???"), "MSG");
    }

    #[test]
    fn geometry_and_words() {
        let (x, y) = server_xy(0, 3);
        assert!((x - CENTER.0).abs() < 1e-9 && y < CENTER.1);
        let mid = message_xy((0.0, 0.0), (10.0, 0.0), 0.5, 2.0);
        assert!((mid.0 - 5.0).abs() < 1e-9 && (mid.1 - 2.0).abs() < 1e-9);
        assert_eq!(zxid_parts(0x1_0000_0003), ("0x1".into(), "00000003".into()));
        assert_eq!(format_time(SimTime(1_234_567)), "1.234 s");
        assert_eq!(fill("a {x} b {x}", &[("x", "1".into())]), "a 1 b 1");
        assert_eq!(speed_label(0.0), "1×");
        assert_eq!(speed_label(1.0), "10×");
        assert_eq!(speed_label(-3.0), "1/1000×");
        assert_eq!(speed_label(-3.5), "1/3200×");
        assert_eq!(speed_label(-2.5), "1/320×");
        assert_eq!(speed_label(-0.5), "1/3×");
        assert!((sim_us_per_ms(-3.0) - 1.0).abs() < 1e-9);
        assert!(sim_us_per_ms(99.0) <= sim_us_per_ms(SPEED_EXP_MAX));
    }

    #[test]
    fn narration_reports_role_changes() {
        let l = Lang::En.lab();
        let mut s = LabSession::new(&LabSetup::default()).unwrap();
        let before = server_cards(&s);
        for _ in 0..3_000 {
            s.advance(1_000, 10_000);
        }
        let after = server_cards(&s);
        let lines = narrate(&before, &after, l);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().any(|x| x.contains("LEADING")), "{lines:?}");
        assert!(narrate(&after, &after, l).is_empty());
    }
}
