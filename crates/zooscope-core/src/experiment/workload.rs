//! A closed-loop client workload on a simulated ensemble: each client keeps exactly one
//! request outstanding — a `getData` with probability `reads_percent`, else a `setData`
//! on its own znode — and sends the next as soon as the reply arrives (after a failed
//! one, [`RETRY_DELAY`] later, as an application would back off while its session
//! reconnects). Clients are the real client processes of the ZooKeeper stack, spread over
//! the servers of the ensemble (client c lists server c first).

use crate::command::Command;
use crate::id::NodeId;
use crate::protocols::zookeeper::client::driver::{prev_xid, Driver, Waits};
use crate::protocols::zookeeper::client::library::ZkClientApi;
use crate::protocols::zookeeper::data::acl::open_acl_unsafe;
use crate::protocols::zookeeper::data::request::{CreateMode, ZkRequest};
use crate::protocols::zookeeper::node::{self, ZkInput, ZkNode};
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use crate::world::World;

/// Pause after a failed request before the next one.
pub const RETRY_DELAY: SimDuration = SimDuration::from_millis(100);
/// Session timeout the clients ask for, ms.
const SESSION_TIMEOUT_MS: i32 = 30_000;
/// Bytes per write.
const WRITE_SIZE: usize = 16;
/// Most kernel events one [`ClosedLoop::run_until`] may process.
const EVENTS_MAX: u64 = 50_000_000;
/// RNG stream of the workload's read/write choices (apart from every node's stream).
const RNG_STREAM: u64 = 0x776f_726b;

/// Read or write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpKind {
    /// `getData`.
    Read,
    /// `setData`.
    Write,
}

/// One answered request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completion {
    /// When the reply arrived.
    pub at: SimTime,
    /// What it was.
    pub kind: OpKind,
    /// Whether it succeeded.
    pub ok: bool,
    /// From submission to reply.
    pub latency: SimDuration,
}

struct LoopClient {
    node: NodeId,
    path: String,
    /// xid, sent at, kind.
    pending: Option<(i32, SimTime, OpKind)>,
    next_at: SimTime,
}

/// The workload.
pub struct ClosedLoop {
    clients: Vec<LoopClient>,
    reads_percent: u32,
    rng: SimRng,
}

impl ClosedLoop {
    /// Add `clients` clients to `w` (an ensemble of `servers` servers, ids 1..=servers),
    /// open their sessions and create their znodes.
    pub fn start(
        w: &mut World<ZkNode>,
        clients: u32,
        servers: u64,
        reads_percent: u32,
        seed: u64,
    ) -> Result<Self, String> {
        let mut list = Vec::new();
        for c in 0..clients {
            let mut order: Vec<u64> = (1..=servers).collect();
            order.rotate_left((u64::from(c) % servers) as usize);
            let name = format!("w{c}");
            let id = node::add_client(w, &name, &order, SESSION_TIMEOUT_MS)
                .map_err(|e| e.to_string())?;
            let mut seen = 0;
            let mut d = Driver {
                host: &mut *w,
                client: id,
                seen_events: &mut seen,
                waits: Waits::SCRIPT,
            };
            d.connect("");
            let path = format!("/{name}");
            d.call(ZkRequest::Create {
                path: path.clone(),
                data: None,
                acl: open_acl_unsafe(),
                mode: CreateMode::Persistent,
                ttl: -1,
            })
            .map_err(|e| format!("client {name} could not create {path}: {e:?}"))?;
            list.push(LoopClient {
                node: id,
                path,
                pending: None,
                next_at: w.now(),
            });
        }
        Ok(ClosedLoop {
            clients: list,
            reads_percent: reads_percent.min(100),
            rng: SimRng::fork(seed, RNG_STREAM),
        })
    }

    fn issue(&mut self, w: &mut World<ZkNode>, i: usize) {
        let kind = if self.rng.below(100) < u64::from(self.reads_percent) {
            OpKind::Read
        } else {
            OpKind::Write
        };
        let c = &mut self.clients[i];
        let path = c.path.clone();
        let req = match kind {
            OpKind::Read => ZkRequest::GetData { path, watch: false },
            OpKind::Write => ZkRequest::SetData {
                path,
                data: Some(vec![b'x'; WRITE_SIZE]),
                version: -1,
            },
        };
        let now = w.now();
        if w.apply(Command::Request(c.node, ZkInput::Submit(req)))
            .is_err()
        {
            c.next_at = SimTime(now.0 + RETRY_DELAY.0);
            return;
        }
        let Some(next) = w
            .node(c.node)
            .and_then(ZkNode::client)
            .map(|z| z.next_xid())
        else {
            c.next_at = SimTime(now.0 + RETRY_DELAY.0);
            return;
        };
        c.pending = Some((prev_xid(next), now, kind));
    }

    /// Replies that have arrived, handed to `sink`; the clients that got one go idle.
    fn collect(&mut self, w: &World<ZkNode>, sink: &mut impl FnMut(Completion)) {
        let now = w.now();
        for c in &mut self.clients {
            let Some((xid, sent, kind)) = c.pending else {
                continue;
            };
            let Some(result) = w
                .node(c.node)
                .and_then(ZkNode::client)
                .and_then(|z| z.results.get(&xid))
            else {
                continue;
            };
            let ok = result.is_ok();
            sink(Completion {
                at: now,
                kind,
                ok,
                latency: now.since(sent),
            });
            c.pending = None;
            c.next_at = if ok {
                now
            } else {
                SimTime(now.0 + RETRY_DELAY.0)
            };
        }
    }

    /// Run the workload and the world until `until`, handing every answered request to
    /// `sink`.
    pub fn run_until(
        &mut self,
        w: &mut World<ZkNode>,
        until: SimTime,
        mut sink: impl FnMut(Completion),
    ) {
        let mut events = 0u64;
        while events < EVENTS_MAX {
            let now = w.now();
            for i in 0..self.clients.len() {
                if self.clients[i].pending.is_none() && self.clients[i].next_at <= now {
                    self.issue(w, i);
                }
            }
            self.collect(w, &mut sink);
            if self
                .clients
                .iter()
                .any(|c| c.pending.is_none() && c.next_at <= now)
            {
                continue;
            }
            let wake = self
                .clients
                .iter()
                .filter(|c| c.pending.is_none())
                .map(|c| c.next_at)
                .min()
                .map_or(until, |t| t.min(until));
            match w.next_event_time() {
                Some(t) if t <= wake => {
                    w.step();
                    events += 1;
                    self.collect(w, &mut sink);
                }
                _ => {
                    w.run_until(wake, 0);
                    if wake >= until {
                        return;
                    }
                }
            }
        }
    }
}
