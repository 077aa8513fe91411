//! The WebSocket to `zooscope bridge` as a hook: [`use_bridge`] opens it, feeds every
//! [`BridgeMessage`] into a [`LiveState`] (latest snapshot, timeline, command replies),
//! tries again every [`RETRY_MS`] after the bridge goes away, and hands back a callback
//! that sends a zkCli command line.

use super::history::History;
use serde::Deserialize;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};
use yew::prelude::*;
use zooscope_core::live::{
    decode_message, BridgeMessage, BridgeRequest, CommandReply, LiveSnapshot,
};

/// Where the page looks for the bridge unless `?bridge=` says otherwise.
pub const DEFAULT_BRIDGE: &str = "127.0.0.1:7777";
/// Longest `?bridge=` accepted.
pub const BRIDGE_ADDR_MAX: usize = 100;
/// Wait before connecting again, ms.
pub const RETRY_MS: u32 = 2_000;
/// Most command replies kept.
pub const REPLIES_MAX: usize = 20;

/// The page's query: `?bridge=HOST:PORT`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct LiveQuery {
    /// The bridge's address.
    pub bridge: Option<String>,
}

impl LiveQuery {
    /// Reads the route's query string (with or without its `?`).
    pub fn parse(query: &str) -> Self {
        serde_urlencoded::from_str(query.strip_prefix('?').unwrap_or(query)).unwrap_or_default()
    }

    /// The bridge address: `?bridge=` when it is a plain `host:port`, else the default.
    pub fn bridge_addr(&self) -> String {
        self.bridge
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty() && a.len() <= BRIDGE_ADDR_MAX)
            .filter(|a| {
                a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '[' | ']'))
            })
            .unwrap_or(DEFAULT_BRIDGE)
            .to_string()
    }
}

/// The link's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LinkStatus {
    /// Opening the WebSocket.
    #[default]
    Connecting,
    /// Open.
    Open,
    /// Closed or refused; a new try is scheduled.
    Closed,
}

/// Everything the page draws from the bridge.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveState {
    /// The link.
    pub status: LinkStatus,
    /// The latest snapshot.
    pub snapshot: Option<Rc<LiveSnapshot>>,
    /// The timeline of every snapshot received.
    pub history: Rc<History>,
    /// Command replies, newest last.
    pub replies: Rc<VecDeque<CommandReply>>,
    /// The bridge's last refusal of a message.
    pub refusal: Option<String>,
}

/// What happens on the link.
pub enum LinkEvent {
    /// The link's state changed.
    Status(LinkStatus),
    /// A message arrived.
    Message(BridgeMessage),
}

impl Reducible for LiveState {
    type Action = LinkEvent;

    fn reduce(self: Rc<Self>, action: LinkEvent) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LinkEvent::Status(status) => next.status = status,
            LinkEvent::Message(BridgeMessage::Snapshot(s)) => {
                Rc::make_mut(&mut next.history).record(&s);
                next.snapshot = Some(Rc::new(s));
            }
            LinkEvent::Message(BridgeMessage::Reply(r)) => {
                let replies = Rc::make_mut(&mut next.replies);
                if replies.len() == REPLIES_MAX {
                    replies.pop_front();
                }
                replies.push_back(r);
            }
            LinkEvent::Message(BridgeMessage::Refused { reason }) => next.refusal = Some(reason),
        }
        Rc::new(next)
    }
}

/// The link to the bridge at `addr` (`host:port`).
pub struct BridgeLink {
    /// What arrived.
    pub state: UseReducerHandle<LiveState>,
    /// Sends one zkCli command line.
    pub run: Callback<String>,
}

/// The open WebSocket and the callbacks it holds (dropped together).
struct Open {
    socket: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Drop for Open {
    fn drop(&mut self) {
        self.socket.set_onopen(None);
        self.socket.set_onmessage(None);
        self.socket.set_onclose(None);
        let _ = self.socket.close();
    }
}

fn open(url: &str, state: &UseReducerHandle<LiveState>, retry: Callback<()>) -> Option<Open> {
    let socket = WebSocket::new(url).ok()?;
    socket.set_binary_type(BinaryType::Arraybuffer);
    let on_open = {
        let state = state.clone();
        Closure::<dyn FnMut()>::new(move || state.dispatch(LinkEvent::Status(LinkStatus::Open)))
    };
    let on_message = {
        let state = state.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let bytes = js_sys::Uint8Array::new(&e.data()).to_vec();
            // What is not a bridge message (an older or newer bridge) is left out.
            if let Some(message) = decode_message(&bytes) {
                state.dispatch(LinkEvent::Message(message));
            }
        })
    };
    let on_close = {
        let state = state.clone();
        Closure::<dyn FnMut(CloseEvent)>::new(move |_: CloseEvent| {
            state.dispatch(LinkEvent::Status(LinkStatus::Closed));
            retry.emit(());
        })
    };
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    Some(Open {
        socket,
        _on_open: on_open,
        _on_message: on_message,
        _on_close: on_close,
    })
}

/// Connects to the bridge at `addr` and keeps trying while it is away.
#[hook]
pub fn use_bridge(addr: String) -> BridgeLink {
    let state = use_reducer(LiveState::default);
    let attempt = use_state(|| 0u32);
    let current: Rc<RefCell<Option<Open>>> = use_mut_ref(|| None);
    let next_id = use_mut_ref(|| Cell::new(1u64));
    {
        let (state, current, attempt) = (state.clone(), current.clone(), attempt.clone());
        use_effect_with((addr, *attempt), move |(addr, n)| {
            let n = *n;
            let timer: Rc<RefCell<Option<gloo::timers::callback::Timeout>>> = Rc::default();
            let retry = {
                let timer = timer.clone();
                Callback::from(move |()| {
                    let attempt = attempt.clone();
                    let t = gloo::timers::callback::Timeout::new(RETRY_MS, move || {
                        attempt.set(n.wrapping_add(1))
                    });
                    *timer.borrow_mut() = Some(t);
                })
            };
            state.dispatch(LinkEvent::Status(LinkStatus::Connecting));
            let opened = open(&format!("ws://{addr}/ws"), &state, retry.clone());
            if opened.is_none() {
                state.dispatch(LinkEvent::Status(LinkStatus::Closed));
                retry.emit(());
            }
            *current.borrow_mut() = opened;
            move || {
                current.borrow_mut().take();
                timer.borrow_mut().take();
            }
        });
    }
    let run = Callback::from(move |line: String| {
        if let Some(open) = current.borrow().as_ref() {
            let id = next_id.borrow().get();
            next_id.borrow().set(id + 1);
            let request = BridgeRequest::Run { id, line };
            if let Ok(text) = serde_json::to_string(&request) {
                let _ = open.socket.send_with_str(&text);
            }
        }
    });
    BridgeLink { state, run }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bridge_address_is_a_plain_host_and_port() {
        let addr = |q: &str| LiveQuery::parse(q).bridge_addr();
        assert_eq!(addr(""), DEFAULT_BRIDGE);
        assert_eq!(addr("?bridge=127.0.0.1:23190"), "127.0.0.1:23190");
        assert_eq!(addr("bridge=localhost:7000"), "localhost:7000");
        assert_eq!(addr("?bridge=evil/ws?x"), DEFAULT_BRIDGE);
        assert_eq!(addr("?bridge=%20"), DEFAULT_BRIDGE);
        assert_eq!(
            addr(&format!("?bridge={}", "a".repeat(200))),
            DEFAULT_BRIDGE
        );
    }
}
