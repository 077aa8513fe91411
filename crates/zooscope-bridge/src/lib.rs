//! `zooscope bridge`: live mode's link to a real ZooKeeper ensemble.
//!
//! Every [`BridgeConfig::interval`] the bridge polls each server's four-letter words
//! over plain TCP ([`poll`]), reads the tree and its Stats through one client session
//! ([`tree`], [`session`]), and publishes the result as a typed
//! [`zooscope_core::live::LiveSnapshot`] on its listener ([`serve`]): `GET /snapshot` and
//! a WebSocket at `/ws` that the `#/live` page draws. Viewers may run zkCli commands
//! through the bridge's session ([`zkcli`]); nothing here can stop a server.
//!
//! Native only: the core and the wasm app share the snapshot types, not this crate.

pub mod fourlw;
pub mod poll;
pub mod serve;
pub mod session;
pub mod tree;
pub mod zkcli;

use serve::{router, Published, Shared};
use session::Session;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::watch;
use zooscope_core::live::{LiveSnapshot, SERVERS_MAX};

/// Default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:7777";

/// What `zooscope bridge` was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BridgeConfig {
    /// Client addresses of the servers, `HOST:PORT`.
    pub zk: Vec<String>,
    /// Where to serve.
    pub listen: SocketAddr,
    /// Serve on a non-loopback address, and to pages from other origins.
    pub allow_remote: bool,
    /// Time between polling rounds.
    pub interval: Duration,
    /// Stop after this many rounds (tests); `None` runs until killed.
    pub rounds: Option<u64>,
}

/// Checks a configuration before anything is opened.
pub fn check(cfg: &BridgeConfig) -> Result<(), String> {
    if cfg.zk.is_empty() {
        return Err("--zk needs at least one HOST:PORT".into());
    }
    if cfg.zk.len() > SERVERS_MAX {
        return Err(format!("--zk lists more than {SERVERS_MAX} servers"));
    }
    for address in &cfg.zk {
        let ok = address
            .rsplit_once(':')
            .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
        if !ok {
            return Err(format!("'{address}' is not HOST:PORT"));
        }
    }
    if !cfg.listen.ip().is_loopback() && !cfg.allow_remote {
        return Err(format!(
            "refusing to listen on {}: not a loopback address (add --allow-remote to let other machines in)",
            cfg.listen
        ));
    }
    Ok(())
}

/// Runs the bridge until killed (or for `cfg.rounds` rounds).
pub fn run(cfg: BridgeConfig) -> Result<(), String> {
    check(&cfg)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(serve_and_poll(cfg))
}

async fn serve_and_poll(cfg: BridgeConfig) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cfg.listen))?;
    let listen = listener.local_addr().map_err(|e| e.to_string())?;
    let cluster = cfg.zk.join(",");
    let session = Session::new(cluster.clone());
    let (publish, latest) = watch::channel(Arc::new(Published::default()));
    let shared = Shared {
        latest,
        session: session.clone(),
        cluster,
        allow_remote: cfg.allow_remote,
    };
    println!("zooscope bridge: polling {}", cfg.zk.join(" "));
    println!("zooscope bridge: serving http://{listen}/snapshot and ws://{listen}/ws");
    let server = axum::serve(listener, router(shared));
    tokio::select! {
        served = server => served.map_err(|e| format!("listener failed: {e}")),
        () = poll_loop(&cfg, &session, &publish) => Ok(()),
    }
}

async fn poll_loop(cfg: &BridgeConfig, session: &Session, publish: &watch::Sender<Arc<Published>>) {
    let mut known_ids: Vec<Option<u64>> = vec![None; cfg.zk.len()];
    let mut seq = 0u64;
    let mut ticker = tokio::time::interval(cfg.interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while cfg.rounds.is_none_or(|n| seq < n) {
        ticker.tick().await;
        seq += 1;
        let snapshot = round(seq, &cfg.zk, &mut known_ids, session).await;
        publish.send_replace(Arc::new(Published::new(&snapshot)));
    }
}

/// One polling round: every server at once, then the tree.
pub async fn round(
    seq: u64,
    zk: &[String],
    known_ids: &mut [Option<u64>],
    session: &Session,
) -> LiveSnapshot {
    let taken_at_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let polls: Vec<_> = zk
        .iter()
        .zip(known_ids.iter())
        .map(|(address, id)| tokio::spawn(poll::poll_server_owned(address.clone(), *id)))
        .collect();
    let mut servers = Vec::with_capacity(zk.len());
    for (i, handle) in polls.into_iter().enumerate() {
        let server = match handle.await {
            Ok(server) => server,
            Err(_) => poll::failed(&zk[i], known_ids[i], "the poll failed inside the bridge"),
        };
        known_ids[i] = server.id;
        servers.push(server);
    }
    let tree = tree::read_tree(session).await;
    LiveSnapshot {
        seq,
        taken_at_ms,
        servers,
        tree,
    }
}
