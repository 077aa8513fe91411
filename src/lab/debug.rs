//! Read-only test hooks: the browser tests compare what the page shows with the core's
//! own state through these exports (`window.wasmBindings.zooscope_lab_*` under Trunk).
//!
//! The lab page registers its session here while mounted; the hooks only read it.

use super::json::{self, Fixed, Object, ToJson};
use super::session::LabSession;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use zooscope_core::protocols::zookeeper::node::ZkNode;
use zooscope_core::protocols::zookeeper::replication::vote::Vote;

thread_local! {
    static CURRENT: RefCell<Weak<RefCell<LabSession>>> = const { RefCell::new(Weak::new()) };
    static FRAMES: RefCell<std::collections::VecDeque<f64>> = const { RefCell::new(std::collections::VecDeque::new()) };
}

/// Frame durations kept for [`zooscope_lab_frame_stats`].
pub const FRAMES_KEPT: usize = 2_000;

/// Remember how long one animation frame's work took (ms).
pub fn record_frame(ms: f64) {
    FRAMES.with(|f| {
        let mut f = f.borrow_mut();
        if f.len() >= FRAMES_KEPT {
            f.pop_front();
        }
        f.push_back(ms);
    });
}

/// Make `session` the one the hooks read (the lab page does this when it mounts).
pub fn register(session: &Rc<RefCell<LabSession>>) {
    CURRENT.with(|c| *c.borrow_mut() = Rc::downgrade(session));
}

/// Forget the session (the page unmounted).
pub fn unregister() {
    CURRENT.with(|c| *c.borrow_mut() = Weak::new());
}

// The hooks build typed records and write them with the small writer in `super::json`.
// Fields are written in alphabetical order: the output is byte-for-byte what a `json!`
// object (a sorted map) printed before.

fn with_session<T: ToJson>(f: impl FnOnce(&LabSession) -> T) -> String {
    let rc = CURRENT.with(|c| c.borrow().upgrade());
    let problem = |error: &str| {
        let mut out = String::new();
        Object::new(&mut out).field("error", error).end();
        out
    };
    match rc {
        Some(rc) => match rc.try_borrow() {
            Ok(s) => json::to_string(&f(&s)),
            Err(_) => problem("busy"),
        },
        None => problem("no lab on this page"),
    }
}

/// One vote; `from` is set for the entries of a ballot box.
pub struct VoteJson {
    epoch: i64,
    from: Option<u64>,
    leader: i64,
    round: i64,
    state: &'static str,
    zxid: String,
}

impl ToJson for VoteJson {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("epoch", &self.epoch);
        if let Some(from) = self.from {
            o.field("from", &from);
        }
        o.field("leader", &self.leader)
            .field("round", &self.round)
            .field("state", self.state)
            .field("zxid", &self.zxid);
        o.end();
    }
}

fn vote_json(v: &Vote, from: Option<u64>) -> VoteJson {
    VoteJson {
        epoch: v.peer_epoch,
        from,
        leader: v.leader,
        round: v.election_epoch,
        state: v.state.name(),
        zxid: format!("0x{:x}", v.zxid as u64),
    }
}

/// One server's election state (see [`votes_json`]).
// Built and printed at once, a handful per call: boxing the big variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum ServerVotes {
    /// A running server.
    Running {
        ballots: Vec<VoteJson>,
        proposal: VoteJson,
        recvset: Vec<VoteJson>,
        round: i64,
        sid: u64,
        state: &'static str,
        vote: VoteJson,
    },
    /// A stopped server: empty boxes.
    Stopped { sid: u64, state: &'static str },
}

impl ToJson for ServerVotes {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        match self {
            ServerVotes::Running {
                ballots,
                proposal,
                recvset,
                round,
                sid,
                state,
                vote,
            } => {
                o.field("ballots", ballots)
                    .field("proposal", proposal)
                    .field("recvset", recvset)
                    .field("round", round)
                    .field("sid", sid)
                    .field("state", *state)
                    .field("vote", vote);
            }
            ServerVotes::Stopped { sid, state } => {
                let none: [u64; 0] = [];
                o.field("ballots", &none[..])
                    .field("recvset", &none[..])
                    .field("sid", sid)
                    .field("state", *state);
            }
        }
        o.end();
    }
}

/// The election state of the whole cluster (see [`votes_json`]).
pub struct VotesJson {
    servers: Vec<ServerVotes>,
    step: u64,
}

impl ToJson for VotesJson {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("servers", &self.servers).field("step", &self.step);
        o.end();
    }
}

/// The election state of every server as JSON: its state, its current vote, its own
/// proposal, and its ballot box (the last vote received from each server).
pub fn votes_json(s: &LabSession) -> VotesJson {
    let w = s.world();
    let servers = s
        .server_ids()
        .into_iter()
        .map(|sid| {
            let node = w.config().node_of(sid);
            match node.and_then(|n| w.node(n)).and_then(ZkNode::server) {
                Some(srv) => ServerVotes::Running {
                    ballots: srv
                        .election
                        .ballots
                        .values()
                        .map(|b| vote_json(&b.vote, Some(b.from)))
                        .collect(),
                    proposal: vote_json(&srv.election.proposal(), None),
                    recvset: srv
                        .election
                        .recvset
                        .iter()
                        .map(|(from, vote)| vote_json(vote, Some(*from)))
                        .collect(),
                    round: srv.election.logicalclock,
                    sid,
                    state: srv.status(),
                    vote: vote_json(&srv.current_vote, None),
                },
                None => ServerVotes::Stopped {
                    sid,
                    state: "stopped",
                },
            }
        })
        .collect();
    VotesJson {
        servers,
        step: s.steps(),
    }
}

/// One server card (see [`state_json`]).
pub struct CardJson {
    epoch: u32,
    leader: Option<u64>,
    paused: bool,
    sid: u64,
    state: &'static str,
    zxid: String,
}

impl ToJson for CardJson {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("epoch", &self.epoch)
            .field("leader", &self.leader)
            .field("paused", &self.paused)
            .field("sid", &self.sid)
            .field("state", self.state)
            .field("zxid", &self.zxid);
        o.end();
    }
}

/// A summary of the run (see [`state_json`]).
pub struct StateJson {
    clients: usize,
    furthest: u64,
    in_flight: usize,
    servers: Vec<CardJson>,
    step: u64,
    time_us: u64,
    trace_hash: String,
    violations: usize,
}

impl ToJson for StateJson {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("clients", &self.clients)
            .field("furthest", &self.furthest)
            .field("in_flight", &self.in_flight)
            .field("servers", &self.servers)
            .field("step", &self.step)
            .field("time_us", &self.time_us)
            .field("trace_hash", &self.trace_hash)
            .field("violations", &self.violations);
        o.end();
    }
}

/// A summary of the run as JSON: position, hash, each server's card.
pub fn state_json(s: &LabSession) -> StateJson {
    let servers = super::view::server_cards(s)
        .into_iter()
        .map(|c| CardJson {
            epoch: c.epoch,
            leader: c.leader,
            paused: c.paused,
            sid: c.sid,
            state: c.role.label(),
            zxid: format!("0x{:x}", c.zxid),
        })
        .collect();
    StateJson {
        clients: s.client_ids().len(),
        furthest: s.furthest(),
        in_flight: s.in_flight(),
        servers,
        step: s.steps(),
        time_us: s.now().0,
        trace_hash: s.trace_hash_hex(),
        violations: s.world().violations().len(),
    }
}

/// JSON of the current lab's election state (see [`votes_json`]).
#[wasm_bindgen]
pub fn zooscope_lab_votes() -> String {
    with_session(votes_json)
}

/// JSON summary of the current lab run (see [`state_json`]).
#[wasm_bindgen]
pub fn zooscope_lab_state() -> String {
    with_session(state_json)
}

/// Decimals of the frame times [`zooscope_lab_frame_stats`] prints (ms, so to the µs;
/// `performance.now()` is coarser than that in browsers anyway).
pub const FRAME_DECIMALS: u32 = 3;

/// The work time of recent animation frames (simulation plus re-render), in ms, as a
/// JSON array; `reset` empties the record afterwards. For the frame-time benchmark.
#[wasm_bindgen]
pub fn zooscope_lab_frame_stats(reset: bool) -> String {
    FRAMES.with(|f| {
        let mut f = f.borrow_mut();
        let list: Vec<Fixed> = f.iter().map(|&ms| Fixed(ms, FRAME_DECIMALS)).collect();
        if reset {
            f.clear();
        }
        json::to_string(&list)
    })
}

/// One painted message (see [`zooscope_lab_drawn_messages`]).
struct DrawnJson {
    family: &'static str,
    id: u64,
    x: f64,
    y: f64,
}

/// Decimals of the message centres [`zooscope_lab_drawn_messages`] prints (CSS pixels).
pub const DRAWN_DECIMALS: u32 = 2;

impl ToJson for DrawnJson {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        o.field("family", self.family)
            .field("id", &self.id)
            .field("x", &Fixed(self.x, DRAWN_DECIMALS))
            .field("y", &Fixed(self.y, DRAWN_DECIMALS));
        o.end();
    }
}

/// The messages the cluster view painted in its last frame, as a JSON array of
/// `{id, family, x, y}` with the centre in viewport CSS pixels, to the hundredth (a
/// test clicks there).
#[wasm_bindgen]
pub fn zooscope_lab_drawn_messages() -> String {
    let list: Vec<DrawnJson> = super::message_canvas::drawn_messages()
        .into_iter()
        .map(|(id, family, x, y)| DrawnJson { family, id, x, y })
        .collect();
    json::to_string(&list)
}

/// Benchmark load: `writes` writes (at most 100), handed to the clients in turn, all
/// `setData` on one znode so the data tree stays small. Returns how many were sent.
/// Not used by the UI.
#[wasm_bindgen]
pub fn zooscope_lab_load(writes: u32) -> u32 {
    let Some(rc) = CURRENT.with(|c| c.borrow().upgrade()) else {
        return 0;
    };
    let Ok(mut s) = rc.try_borrow_mut() else {
        return 0;
    };
    let clients = s.client_ids();
    if clients.is_empty() {
        return 0;
    }
    let mut sent = 0;
    for i in 0..writes.min(100) {
        let c = clients[(s.steps() as usize + i as usize) % clients.len()];
        if s.send_bench_write(c).is_ok() {
            sent += 1;
        }
    }
    sent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::setup::LabSetup;
    use serde_json::Value;

    #[test]
    fn hooks_describe_the_registered_session() {
        assert!(zooscope_lab_state().contains("no lab"));
        let s = Rc::new(RefCell::new(LabSession::new(&LabSetup::default()).unwrap()));
        register(&s);
        for _ in 0..40 {
            s.borrow_mut().step();
        }
        let votes: Value = serde_json::from_str(&zooscope_lab_votes()).unwrap();
        assert_eq!(votes["servers"].as_array().unwrap().len(), 3);
        assert_eq!(votes["step"], 40);
        let any_ballot = votes["servers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| !s["ballots"].as_array().unwrap().is_empty());
        assert!(any_ballot, "{votes}");
        // Keys come out sorted, as the `json!` maps these records replaced printed them.
        let text = zooscope_lab_state();
        assert!(
            text.starts_with(r#"{"clients":2,"furthest":40,"in_flight":"#),
            "{text}"
        );
        let text = zooscope_lab_votes();
        assert!(text.contains(r#""ballots":[{"epoch":"#), "{text}");
        let state: Value = serde_json::from_str(&zooscope_lab_state()).unwrap();
        assert_eq!(state["trace_hash"], s.borrow().trace_hash_hex());
        assert_eq!(state["servers"][0]["leader"], Value::Null);

        // A stopped server has empty boxes and no `proposal`/`vote`.
        s.borrow_mut().crash(2).unwrap();
        let text = zooscope_lab_votes();
        assert!(
            text.contains(r#"{"ballots":[],"recvset":[],"sid":2,"state":"stopped"}"#),
            "{text}"
        );
        let votes: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(votes["servers"][0]["ballots"][0]["from"], 1);
        assert!(votes["servers"][0]["vote"].get("from").is_none());

        drop(s);
        assert!(zooscope_lab_votes().contains("no lab"));
        unregister();
    }

    #[test]
    fn frame_stats_are_a_json_array_in_fixed_point() {
        zooscope_lab_frame_stats(true);
        for ms in [16.700000000000003, 0.1, 2.0, 1e-7, f64::NAN] {
            record_frame(ms);
        }
        assert_eq!(
            zooscope_lab_frame_stats(false),
            "[16.700,0.100,2.000,0.000,null]"
        );
        let back: Vec<Option<f64>> = serde_json::from_str(&zooscope_lab_frame_stats(true)).unwrap();
        assert_eq!(back[0], Some(16.7));
        assert_eq!(zooscope_lab_frame_stats(true), "[]");
    }

    #[test]
    fn drawn_messages_are_objects_in_field_order() {
        let list = vec![DrawnJson {
            family: "election",
            id: 7,
            x: 12.345,
            y: -0.004,
        }];
        assert_eq!(
            json::to_string(&list),
            r#"[{"family":"election","id":7,"x":12.35,"y":-0.00}]"#
        );
        // No canvas outside the browser.
        assert_eq!(zooscope_lab_drawn_messages(), "[]");
    }
}
