//! Read-only test hooks: the browser tests compare what the page shows with the core's
//! own state through these exports (`window.wasmBindings.zooscope_lab_*` under Trunk).
//!
//! The lab page registers its session here while mounted; the hooks only read it.

use super::session::LabSession;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use zooscope_core::protocols::zookeeper::node::ZkNode;
use zooscope_core::protocols::zookeeper::vote::Vote;

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

fn with_session(f: impl FnOnce(&LabSession) -> Value) -> Value {
    let rc = CURRENT.with(|c| c.borrow().upgrade());
    match rc {
        Some(rc) => match rc.try_borrow() {
            Ok(s) => f(&s),
            Err(_) => json!({ "error": "busy" }),
        },
        None => json!({ "error": "no lab on this page" }),
    }
}

fn vote_json(v: &Vote) -> Value {
    json!({
        "leader": v.leader,
        "zxid": format!("0x{:x}", v.zxid as u64),
        "round": v.election_epoch,
        "epoch": v.peer_epoch,
        "state": v.state.name(),
    })
}

/// The election state of every server as JSON: its state, its current vote, its own
/// proposal, and its ballot box (the last vote received from each server).
pub fn votes_json(s: &LabSession) -> Value {
    let w = s.world();
    let servers: Vec<Value> = s
        .server_ids()
        .into_iter()
        .map(|sid| {
            let node = w.config().node_of(sid);
            match node.and_then(|n| w.node(n)).and_then(ZkNode::server) {
                Some(srv) => {
                    let ballots: Vec<Value> = srv
                        .election
                        .ballots
                        .values()
                        .map(|b| {
                            let mut v = vote_json(&b.vote);
                            v["from"] = json!(b.from);
                            v
                        })
                        .collect();
                    let recvset: Vec<Value> = srv
                        .election
                        .recvset
                        .iter()
                        .map(|(from, vote)| {
                            let mut v = vote_json(vote);
                            v["from"] = json!(from);
                            v
                        })
                        .collect();
                    json!({
                        "sid": sid,
                        "state": srv.status(),
                        "round": srv.election.logicalclock,
                        "vote": vote_json(&srv.current_vote),
                        "proposal": vote_json(&srv.election.proposal()),
                        "ballots": ballots,
                        "recvset": recvset,
                    })
                }
                None => json!({ "sid": sid, "state": "stopped", "ballots": [], "recvset": [] }),
            }
        })
        .collect();
    json!({ "step": s.steps(), "servers": servers })
}

/// A summary of the run as JSON: position, hash, each server's card.
pub fn state_json(s: &LabSession) -> Value {
    let servers: Vec<Value> = super::view::server_cards(s)
        .into_iter()
        .map(|c| {
            json!({
                "sid": c.sid,
                "state": c.role.label(),
                "paused": c.paused,
                "epoch": c.epoch,
                "zxid": format!("0x{:x}", c.zxid),
                "leader": c.leader,
            })
        })
        .collect();
    json!({
        "step": s.steps(),
        "furthest": s.furthest(),
        "time_us": s.now().0,
        "trace_hash": s.trace_hash_hex(),
        "in_flight": s.in_flight(),
        "violations": s.world().violations().len(),
        "servers": servers,
        "clients": s.client_ids().len(),
    })
}

/// JSON of the current lab's election state (see [`votes_json`]).
#[wasm_bindgen]
pub fn zooscope_lab_votes() -> String {
    with_session(votes_json).to_string()
}

/// JSON summary of the current lab run (see [`state_json`]).
#[wasm_bindgen]
pub fn zooscope_lab_state() -> String {
    with_session(state_json).to_string()
}

/// The work time of recent animation frames (simulation plus re-render), in ms, as a
/// JSON array; `reset` empties the record afterwards. For the frame-time benchmark.
#[wasm_bindgen]
pub fn zooscope_lab_frame_stats(reset: bool) -> String {
    FRAMES.with(|f| {
        let mut f = f.borrow_mut();
        let out =
            serde_json::to_string(&f.iter().copied().collect::<Vec<f64>>()).unwrap_or_default();
        if reset {
            f.clear();
        }
        out
    })
}

/// The messages the cluster view painted in its last frame, as a JSON array of
/// `{id, family, x, y}` with the centre in viewport CSS pixels (a test clicks there).
#[wasm_bindgen]
pub fn zooscope_lab_drawn_messages() -> String {
    let list: Vec<Value> = super::message_canvas::drawn_messages()
        .into_iter()
        .map(|(id, family, x, y)| json!({ "id": id, "family": family, "x": x, "y": y }))
        .collect();
    Value::Array(list).to_string()
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
        let state: Value = serde_json::from_str(&zooscope_lab_state()).unwrap();
        assert_eq!(state["trace_hash"], s.borrow().trace_hash_hex());
        drop(s);
        assert!(zooscope_lab_votes().contains("no lab"));
        unregister();
    }
}
