//! Read-only test hooks: the browser tests compare what the page shows with the core's
//! own state through these exports (`window.wasmBindings.zooscope_lab_*` under Trunk).
//!
//! The lab page registers its session here while mounted; the hooks only read it.

use super::session::LabSession;
use serde::Serialize;
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

// The hooks build typed records and print them with serde_json. Fields are declared in
// alphabetical order, so the text is what a `json!` object (a sorted map) prints.

/// `{"error": ...}` when no session can be read.
#[derive(Serialize)]
struct Problem {
    error: &'static str,
}

/// The compact JSON text of a hook's record.
fn to_json(record: &impl Serialize) -> String {
    serde_json::to_string(record).expect("the hooks' records always serialize")
}

fn with_session<T: Serialize>(f: impl FnOnce(&LabSession) -> T) -> String {
    let rc = CURRENT.with(|c| c.borrow().upgrade());
    match rc {
        Some(rc) => match rc.try_borrow() {
            Ok(s) => to_json(&f(&s)),
            Err(_) => to_json(&Problem { error: "busy" }),
        },
        None => to_json(&Problem {
            error: "no lab on this page",
        }),
    }
}

/// One vote; `from` is set for the entries of a ballot box.
#[derive(Serialize)]
pub struct VoteJson {
    epoch: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<u64>,
    leader: i64,
    round: i64,
    state: &'static str,
    zxid: String,
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
#[derive(Serialize)]
#[serde(untagged)]
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
    Stopped {
        ballots: [VoteJson; 0],
        recvset: [VoteJson; 0],
        sid: u64,
        state: &'static str,
    },
}

/// The election state of the whole cluster (see [`votes_json`]).
#[derive(Serialize)]
pub struct VotesJson {
    servers: Vec<ServerVotes>,
    step: u64,
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
                    ballots: [],
                    recvset: [],
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
#[derive(Serialize)]
pub struct CardJson {
    epoch: u32,
    leader: Option<u64>,
    paused: bool,
    sid: u64,
    state: &'static str,
    zxid: String,
}

/// A summary of the run (see [`state_json`]).
#[derive(Serialize)]
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

/// The work time of recent animation frames (simulation plus re-render), in ms, as a
/// JSON array; `reset` empties the record afterwards. For the frame-time benchmark.
#[wasm_bindgen]
pub fn zooscope_lab_frame_stats(reset: bool) -> String {
    FRAMES.with(|f| {
        let mut f = f.borrow_mut();
        let text = to_json(&*f);
        if reset {
            f.clear();
        }
        text
    })
}

/// One painted message (see [`zooscope_lab_drawn_messages`]).
#[derive(Serialize)]
struct DrawnJson {
    family: &'static str,
    id: u64,
    x: f64,
    y: f64,
}

/// The messages the cluster view painted in its last frame, as a JSON array of
/// `{id, family, x, y}` with the centre in viewport CSS pixels (a test clicks there).
#[wasm_bindgen]
pub fn zooscope_lab_drawn_messages() -> String {
    let list: Vec<DrawnJson> = super::message_canvas::drawn_messages()
        .into_iter()
        .map(|(id, family, x, y)| DrawnJson { family, id, x, y })
        .collect();
    to_json(&list)
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
    fn frame_stats_are_a_json_array_of_the_exact_times() {
        zooscope_lab_frame_stats(true);
        for ms in [16.700000000000003, 0.1, 2.0, 1e-7, f64::NAN] {
            record_frame(ms);
        }
        assert_eq!(
            zooscope_lab_frame_stats(false),
            "[16.700000000000003,0.1,2.0,1e-7,null]"
        );
        let back: Vec<Option<f64>> = serde_json::from_str(&zooscope_lab_frame_stats(true)).unwrap();
        assert_eq!(back[0], Some(16.700000000000003));
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
            to_json(&list),
            r#"[{"family":"election","id":7,"x":12.345,"y":-0.004}]"#
        );
        // No canvas outside the browser.
        assert_eq!(zooscope_lab_drawn_messages(), "[]");
    }
}
