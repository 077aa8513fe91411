//! One polling round over one server: `srvr` first (is anything there, is it ZooKeeper,
//! is it serving, in which mode), then `mntr`, `cons`, `wchp` and `conf` at once. Every
//! outcome is a value in the [`LiveServer`]: down, not ZooKeeper, not serving, a word
//! refused by the whitelist. Nothing here panics on what a server sends.

use crate::fourlw::ask;
use zooscope_core::live::{
    parse_conf, parse_cons, parse_mntr, parse_srvr, parse_wchp, Answer, LiveServer, Mode,
};

/// Polls `address`. `known_id` is the `myid` an earlier round learnt (a server that is
/// not serving does not answer `conf`).
pub async fn poll_server(address: &str, known_id: Option<u64>) -> LiveServer {
    let mut server = LiveServer {
        address: address.to_string(),
        id: known_id,
        ..LiveServer::default()
    };
    let srvr = match ask(address, "srvr").await {
        Ok(text) => text,
        Err(error) => {
            server.mode = Mode::Down;
            server.error = Some(error);
            return server;
        }
    };
    match parse_srvr(&srvr) {
        Answer::Reply(s) => {
            server.mode = s.mode;
            server.serving = true;
            server.zxid = Some(s.zxid);
            server.connections = Some(s.connections);
            server.node_count = Some(s.node_count);
            server.version = Some(s.version);
        }
        Answer::NotServing => server.mode = Mode::NotServing,
        Answer::NotWhitelisted => server.refused_words.push("srvr".into()),
        Answer::Unrecognized => {
            server.mode = Mode::NotZooKeeper;
            return server;
        }
    }
    let (mntr, cons, wchp, conf) = tokio::join!(
        ask(address, "mntr"),
        ask(address, "cons"),
        ask(address, "wchp"),
        ask(address, "conf")
    );
    let mut refused = |word: &str| server.refused_words.push(word.to_string());
    let text = |r: Result<String, String>| r.unwrap_or_default();
    let mut counters = None;
    match parse_mntr(&text(mntr)) {
        Answer::Reply(c) => counters = Some(c),
        Answer::NotWhitelisted => refused("mntr"),
        _ => {}
    }
    let mut sessions = None;
    match parse_cons(&text(cons)) {
        Answer::Reply(c) => {
            sessions = Some(c.into_iter().filter(|c| c.session.is_some()).collect())
        }
        Answer::NotWhitelisted => refused("cons"),
        _ => {}
    }
    let mut watches = None;
    match parse_wchp(&text(wchp)) {
        Answer::Reply(w) => watches = Some(w),
        Answer::NotWhitelisted => refused("wchp"),
        _ => {}
    }
    let mut conf_reply = None;
    match parse_conf(&text(conf)) {
        Answer::Reply(c) => conf_reply = Some(c),
        Answer::NotWhitelisted => refused("conf"),
        _ => {}
    }
    server.counters = counters.unwrap_or_default();
    server.sessions = sessions.unwrap_or_default();
    server.watches = watches.unwrap_or_default();
    if let Some(conf) = conf_reply {
        server.id = Some(conf.server_id);
        server.members = conf.members;
    }
    server
}

/// [`poll_server`] with owned arguments (for `tokio::spawn`).
pub async fn poll_server_owned(address: String, known_id: Option<u64>) -> LiveServer {
    poll_server(&address, known_id).await
}

/// A server whose poll could not be completed.
pub fn failed(address: &str, known_id: Option<u64>, error: &str) -> LiveServer {
    LiveServer {
        address: address.to_string(),
        id: known_id,
        mode: Mode::Down,
        error: Some(error.to_string()),
        ..LiveServer::default()
    }
}
