//! The bridge's listener: `GET /snapshot` (the latest [`LiveSnapshot`] as JSON) and
//! `GET /ws` (a WebSocket: every new snapshot as a [`BridgeMessage::Snapshot`] in a
//! binary frame, and zkCli commands in as JSON text [`BridgeRequest::Run`], answered by
//! a [`BridgeMessage::Reply`]). A message that is not a request gets a
//! [`BridgeMessage::Refused`]; the connection stays.
//!
//! A page on some other web site could open a WebSocket to a loopback address too, so
//! unless `--allow-remote` is given the WebSocket is only opened for pages served from
//! loopback (or for clients that send no `Origin`, like command-line tools).

use crate::session::Session;
use crate::zkcli::run_line;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use tokio::sync::watch;
use zooscope_core::live::{
    encode_message, BridgeMessage, BridgeRequest, CommandReply, LiveSnapshot,
};

/// Largest WebSocket message accepted from a viewer.
pub const INBOUND_MAX: usize = 64 * 1024;

/// One round's snapshot, serialised once for every viewer.
#[derive(Default)]
pub struct Published {
    /// `GET /snapshot`'s body.
    pub snapshot_json: String,
    /// The WebSocket message ([`encode_message`]).
    pub message: Vec<u8>,
}

impl Published {
    /// Serialises `snapshot` (the snapshot types cannot fail to serialise).
    pub fn new(snapshot: &LiveSnapshot) -> Self {
        let message = BridgeMessage::Snapshot(snapshot.clone());
        Published {
            snapshot_json: serde_json::to_string(snapshot).unwrap_or_default(),
            message: encode_message(&message),
        }
    }
}

/// What every request handler shares.
#[derive(Clone)]
pub struct Shared {
    /// The latest snapshot.
    pub latest: watch::Receiver<Arc<Published>>,
    /// The session zkCli commands run on.
    pub session: Session,
    /// The `--zk` list (zkCli's "server").
    pub cluster: String,
    /// `--allow-remote` was given.
    pub allow_remote: bool,
}

/// The routes.
pub fn router(shared: Shared) -> Router {
    Router::new()
        .route("/snapshot", get(snapshot))
        .route("/ws", get(ws))
        .with_state(shared)
}

async fn snapshot(State(s): State<Shared>) -> Response {
    let body = s.latest.borrow().snapshot_json.clone();
    if body.is_empty() {
        return (StatusCode::SERVICE_UNAVAILABLE, "no snapshot yet\n").into_response();
    }
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Is `origin` (`http://127.0.0.1:8080`) a page served from this machine?
pub fn loopback_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = rest.rsplit_once(':').map_or(rest, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            rest
        }
    });
    host == "localhost"
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn ws(State(s): State<Shared>, headers: HeaderMap, upgrade: WebSocketUpgrade) -> Response {
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(origin) = origin {
        if !s.allow_remote && !loopback_origin(&origin) {
            let why = format!("pages from {origin} may not use this bridge (start it with --allow-remote to allow them)\n");
            return (StatusCode::FORBIDDEN, why).into_response();
        }
    }
    upgrade
        .max_message_size(INBOUND_MAX)
        .on_upgrade(move |socket| viewer(socket, s))
}

/// One viewer: snapshots out, commands in, until either side closes.
async fn viewer(mut socket: WebSocket, mut s: Shared) {
    let first = s.latest.borrow_and_update().message.clone();
    if !first.is_empty() && socket.send(Message::Binary(first.into())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            changed = s.latest.changed() => {
                if changed.is_err() {
                    return;
                }
                let bytes = s.latest.borrow_and_update().message.clone();
                if socket.send(Message::Binary(bytes.into())).await.is_err() {
                    return;
                }
            }
            incoming = socket.recv() => {
                let reply = match incoming {
                    None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
                    Some(Ok(Message::Text(text))) => answer(&s, text.as_str()).await,
                    Some(Ok(Message::Binary(_))) => refused("binary messages are not requests"),
                    Some(Ok(_)) => continue,
                };
                if socket.send(Message::Binary(encode_message(&reply).into())).await.is_err() {
                    return;
                }
            }
        }
    }
}

fn refused(reason: &str) -> BridgeMessage {
    BridgeMessage::Refused {
        reason: reason.to_string(),
    }
}

async fn answer(s: &Shared, text: &str) -> BridgeMessage {
    let request = match serde_json::from_str::<BridgeRequest>(text) {
        Ok(r) => r,
        Err(e) => return refused(&format!("not a request: {e}")),
    };
    let BridgeRequest::Run { id, line } = request;
    let (session, cluster, handle) = (
        s.session.clone(),
        s.cluster.clone(),
        tokio::runtime::Handle::current(),
    );
    let run = {
        let line = line.clone();
        tokio::task::spawn_blocking(move || run_line(handle, session, &cluster, &line))
    };
    match run.await {
        Ok(output) => BridgeMessage::Reply(CommandReply { id, line, output }),
        Err(_) => refused("the command failed inside the bridge"),
    }
}

#[cfg(test)]
mod tests {
    use super::loopback_origin;

    #[test]
    fn only_pages_from_this_machine_are_loopback_origins() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:3000",
            "http://localhost",
            "https://127.0.0.2",
            "http://[::1]:80",
        ] {
            assert!(loopback_origin(ok), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://127.0.0.1.example.com",
            "null",
            "file://",
            "http://10.0.0.1:80",
            "http://localhost.evil:80",
        ] {
            assert!(!loopback_origin(bad), "{bad}");
        }
    }
}
