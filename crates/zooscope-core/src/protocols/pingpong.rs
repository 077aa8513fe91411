//! Ping-pong on a ring: the kernel's smallest real workload.
//!
//! `n` nodes form a ring; node `i` connects a FIFO stream to node `i+1 (mod n)` when it
//! starts. Once node 0's connection is up it launches `balls` balls; every node that
//! receives a ball passes it on to its successor after counting it. Each node also arms a
//! periodic `Tick` timer, so timers, connections, crashes (which break connections),
//! restarts (which reconnect) and partitions all show up in a few lines of protocol. It is
//! the workload of the kernel benchmarks and of the cross-target determinism test, and
//! the lab's first demo. It follows no paper; it exists to exercise the kernel.

use crate::command::Command;
use crate::id::NodeId;
use crate::net::NetConfig;
use crate::process::{Ctx, LinkEvent, MessageInfo, NodeInit, Protocol, Transport};
use crate::repro::ReproKey;
use crate::time::{SimDuration, SimTime};
use crate::world::World;
use serde::{Deserialize, Serialize};

/// Run parameters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PingPongConfig {
    /// Nodes on the ring (2..=64).
    pub nodes: u32,
    /// Balls node 0 launches.
    pub balls: u32,
    /// How balls travel.
    pub transport: Transport,
    /// Period of every node's tick timer.
    pub tick_us: u64,
}

impl Default for PingPongConfig {
    fn default() -> Self {
        PingPongConfig {
            nodes: 3,
            balls: 1,
            transport: Transport::Stream,
            tick_us: 100_000,
        }
    }
}

/// Durable state: how many balls this node has ever passed on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PingPongDisk {
    /// Balls forwarded across all incarnations.
    pub forwarded: u64,
}

/// Messages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PingPongMsg {
    /// A ball with its number and how many hops it has made.
    Ball {
        /// Which ball.
        ball: u32,
        /// Hops so far.
        hops: u64,
    },
}

impl MessageInfo for PingPongMsg {
    fn kind(&self) -> &'static str {
        "ball"
    }
    fn summary(&self) -> String {
        match self {
            PingPongMsg::Ball { ball, hops } => format!("ball #{ball} (hop {hops})"),
        }
    }
}

/// Timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PingPongTimer {
    /// Periodic tick; also retries a failed connection.
    Tick,
}

/// Requests a user can send to a node.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PingPongRequest {
    /// Launch one more ball from this node.
    Launch,
}

/// One node on the ring.
#[derive(Clone, Debug, Hash)]
pub struct PingPongNode {
    id: NodeId,
    next: NodeId,
    config: PingPongConfig,
    connected: bool,
    launched: bool,
    /// Balls received in this incarnation.
    pub received: u64,
    /// Ticks seen in this incarnation.
    pub ticks: u64,
    disk: PingPongDisk,
}

impl PingPongNode {
    fn pass(&mut self, ctx: &mut Ctx<Self>, ball: u32, hops: u64) {
        let msg = PingPongMsg::Ball { ball, hops };
        match self.config.transport {
            Transport::Stream => ctx.send(self.next, msg),
            Transport::Datagram => ctx.send_datagram(self.next, msg),
        }
        self.disk.forwarded += 1;
    }

    fn launch(&mut self, ctx: &mut Ctx<Self>) {
        for ball in 0..self.config.balls {
            self.pass(ctx, ball, 0);
        }
        self.launched = true;
    }
}

/// What a ping-pong node explains in the trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PingPongNote {
    /// The stream to the next node is up.
    Connected {
        /// The next node.
        peer: NodeId,
    },
    /// The stream to the next node failed or broke.
    Lost {
        /// The next node.
        peer: NodeId,
    },
}

impl std::fmt::Display for PingPongNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PingPongNote::Connected { peer } => write!(f, "connected to {peer}"),
            PingPongNote::Lost { peer } => {
                write!(
                    f,
                    "lost the connection to {peer}; will retry on the next tick"
                )
            }
        }
    }
}

crate::hash_as_text!(PingPongNote);

impl Protocol for PingPongNode {
    type Msg = PingPongMsg;
    type Timer = PingPongTimer;
    type Request = PingPongRequest;
    type Disk = PingPongDisk;
    type Spec = ();
    type Config = PingPongConfig;
    type Note = PingPongNote;
    /// The demo protocol has no lab panel: its test checkers report plain sentences.
    type ViolationDetail = String;
    const NAME: &'static str = "pingpong";

    fn initial_nodes(config: &PingPongConfig) -> Vec<NodeInit<()>> {
        let n = config.nodes.clamp(2, 64);
        (0..n)
            .map(|_| NodeInit {
                spec: (),
                running: true,
            })
            .collect()
    }

    fn boot(id: NodeId, _spec: &(), config: &PingPongConfig, disk: PingPongDisk) -> Self {
        let n = config.nodes.clamp(2, 64);
        PingPongNode {
            id,
            next: NodeId((id.0 + 1) % n),
            config: config.clone(),
            connected: false,
            launched: false,
            received: 0,
            ticks: 0,
            disk,
        }
    }

    fn disk(&self) -> PingPongDisk {
        self.disk.clone()
    }

    fn on_start(&mut self, ctx: &mut Ctx<Self>) {
        ctx.set_timer(PingPongTimer::Tick, SimDuration(self.config.tick_us));
        match self.config.transport {
            Transport::Stream => ctx.connect(self.next),
            Transport::Datagram => {
                self.connected = true;
                if self.id.0 == 0 {
                    self.launch(ctx);
                }
            }
        }
    }

    fn on_message(&mut self, ctx: &mut Ctx<Self>, _from: NodeId, msg: PingPongMsg) {
        let PingPongMsg::Ball { ball, hops } = msg;
        self.received += 1;
        self.pass(ctx, ball, hops + 1);
    }

    fn on_timer(&mut self, ctx: &mut Ctx<Self>, timer: PingPongTimer) {
        match timer {
            PingPongTimer::Tick => {
                self.ticks += 1;
                ctx.set_timer(PingPongTimer::Tick, SimDuration(self.config.tick_us));
                if !self.connected && self.config.transport == Transport::Stream {
                    ctx.connect(self.next);
                }
            }
        }
    }

    fn on_link(&mut self, ctx: &mut Ctx<Self>, peer: NodeId, event: LinkEvent) {
        if peer != self.next {
            return;
        }
        match event {
            LinkEvent::Connected => {
                self.connected = true;
                ctx.note(PingPongNote::Connected { peer });
                if self.id.0 == 0 && !self.launched {
                    self.launch(ctx);
                }
            }
            LinkEvent::ConnectFailed | LinkEvent::Disconnected => {
                self.connected = false;
                ctx.note(PingPongNote::Lost { peer });
            }
        }
    }

    fn on_request(&mut self, ctx: &mut Ctx<Self>, request: PingPongRequest) {
        match request {
            PingPongRequest::Launch => self.pass(ctx, u32::MAX, 0),
        }
    }

    fn status(&self) -> &'static str {
        if self.connected {
            "connected"
        } else {
            "connecting"
        }
    }
}

/// A fresh ping-pong world.
pub fn world(config: PingPongConfig, net: NetConfig, seed: u64) -> World<PingPongNode> {
    World::new(config, net, seed)
}

/// The key used by the cross-target determinism test: a 4-node ring with two balls, a
/// crash, a restart, a partition, a heal and an extra ball, replayed to step 5 000. It
/// is made by running the scenario, so its log is consistent by construction.
pub fn golden_key() -> ReproKey<PingPongNode> {
    let config = PingPongConfig {
        nodes: 4,
        balls: 2,
        transport: Transport::Stream,
        tick_us: 50_000,
    };
    let net = NetConfig::default();
    let mut w = world(config, net.clone(), 20_261_122);
    let script: [(u64, Command<PingPongRequest, ()>); 5] = [
        (200_000, Command::Crash(NodeId(2))),
        (450_000, Command::Restart(NodeId(2))),
        (
            700_000,
            Command::Partition(vec![vec![NodeId(0), NodeId(1)], vec![NodeId(2), NodeId(3)]]),
        ),
        (900_000, Command::Heal),
        (
            1_100_000,
            Command::Request(NodeId(1), PingPongRequest::Launch),
        ),
    ];
    for (at_us, command) in script {
        w.run_until(SimTime(at_us), u64::MAX);
        w.apply(command).expect("the golden script is valid");
    }
    crate::repro::run_to_step(&mut w, 5_000).expect("the golden run is long enough");
    ReproKey::of(&w, &net, Some(w.position()))
}

/// The golden key's text and the trace hash every target must produce when replaying it.
pub fn golden() -> (String, u64) {
    (golden_key().encode(), GOLDEN_TRACE_HASH)
}

/// Trace hash of [`golden_key`]'s replay, pinned natively; the browser test checks wasm
/// produces the same.
pub const GOLDEN_TRACE_HASH: u64 = 0x1aac_2d6a_a37a_7e04;

/// The benchmark workload: a 2-node ring with 8 balls on FIFO streams. Native and wasm
/// benchmarks both run exactly this.
pub fn bench_world() -> World<PingPongNode> {
    world(
        PingPongConfig {
            nodes: 2,
            balls: 8,
            transport: Transport::Stream,
            tick_us: 10_000,
        },
        NetConfig::default(),
        1,
    )
    .with_trace_capacity(10_000)
}
