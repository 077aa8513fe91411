//! The lab's kernel demo: the core's ping-pong ring, driven from the UI and the benchmark.
//!
//! This is the only place the web app touches a `World` today. It keeps the trace ring
//! small (the UI shows a few lines) and bounds how much simulation one UI tick may run,
//! so a slow machine drops simulated speed instead of frames.

use zooscope_core::id::NodeId;
use zooscope_core::net::NetConfig;
use zooscope_core::process::Protocol;
use zooscope_core::protocols::pingpong::{self, PingPongConfig, PingPongNode};
use zooscope_core::repro::ReproKey;
use zooscope_core::time::SimTime;
use zooscope_core::world::World;

/// Seed of the demo run (fixed, so every visitor sees the same run).
pub const DEMO_SEED: u64 = 42;
/// Lines of the event log shown.
pub const LOG_LINES: usize = 12;
/// Simulated microseconds one UI tick advances.
pub const SIM_US_PER_TICK: u64 = 8_000;
/// Most events one UI tick may process.
pub const EVENTS_PER_TICK_MAX: u64 = 40;
/// Longest benchmark run accepted.
pub const BENCH_EVENTS_MAX: u64 = 50_000_000;

/// What the demo card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoView {
    /// Events processed so far.
    pub events: u64,
    /// Simulated time in microseconds.
    pub time_us: u64,
    /// Messages on the wire.
    pub in_flight: u64,
    /// Fingerprint of the whole trace so far.
    pub trace_hash: u64,
    /// The newest trace lines, oldest first, with their sequence numbers.
    pub log: Vec<(u64, String)>,
    /// The ring's nodes in id order.
    pub nodes: Vec<NodeView>,
    /// Balls on the wire (at most [`BALLS_SHOWN_MAX`]).
    pub balls: Vec<BallView>,
}

/// One node of the ring as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView {
    /// Node id.
    pub id: u32,
    /// The protocol's status label ("connected", "connecting").
    pub status: &'static str,
    /// Balls it received in this incarnation.
    pub received: u64,
}

/// One message in flight as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BallView {
    /// Message id (stable key for the drawing).
    pub id: u64,
    /// Sender.
    pub from: u32,
    /// Receiver.
    pub to: u32,
    /// How far along the wire it is, 0..=1000.
    pub progress_permille: u32,
}

/// Most in-flight messages drawn (the ring has few; a bound all the same).
pub const BALLS_SHOWN_MAX: usize = 32;

/// The demo run.
#[derive(Clone, Debug)]
pub struct RingDemo {
    world: World<PingPongNode>,
    net: NetConfig,
}

impl Default for RingDemo {
    fn default() -> Self {
        let net = NetConfig::default();
        // Not `with_trace_capacity`: it replaces the trace after `World::new` has already
        // recorded the start-up events, so the hash would no longer match a replay (the
        // `repro_key_replays_the_demo` test catches that).
        let world = pingpong::world(PingPongConfig::default(), net.clone(), DEMO_SEED);
        RingDemo { world, net }
    }
}

impl RingDemo {
    /// Process exactly one event; false when the run has nothing left to do.
    pub fn step(&mut self) -> bool {
        self.world.step()
    }

    /// One UI tick of playback: advance simulated time by [`SIM_US_PER_TICK`], doing
    /// at most [`EVENTS_PER_TICK_MAX`] events. Returns the events processed.
    pub fn tick(&mut self) -> u64 {
        let until = SimTime(self.world.now().as_micros().saturating_add(SIM_US_PER_TICK));
        self.world.run_until(until, EVENTS_PER_TICK_MAX).steps
    }

    /// The numbers and log lines the UI shows.
    pub fn view(&self) -> DemoView {
        DemoView {
            events: self.world.steps(),
            time_us: self.world.now().as_micros(),
            in_flight: self.world.in_flight().count() as u64,
            trace_hash: self.world.trace_hash(),
            log: self
                .world
                .trace()
                .tail(LOG_LINES)
                .map(|e| (e.seq, e.to_string()))
                .collect(),
            nodes: self.nodes(),
            balls: self.balls(),
        }
    }

    fn nodes(&self) -> Vec<NodeView> {
        self.world
            .node_ids()
            .into_iter()
            .map(|id: NodeId| {
                let node = self.world.node(id);
                NodeView {
                    id: id.0,
                    status: node.map_or("down", |n| n.status()),
                    received: node.map_or(0, |n| n.received),
                }
            })
            .collect()
    }

    fn balls(&self) -> Vec<BallView> {
        let now = self.world.now().as_micros();
        self.world
            .in_flight()
            .take(BALLS_SHOWN_MAX)
            .map(|e| BallView {
                id: e.id.0,
                from: e.from.0,
                to: e.to.0,
                progress_permille: progress_permille(
                    now,
                    e.sent_at.as_micros(),
                    e.deliver_at.as_micros(),
                ),
            })
            .collect()
    }

    /// The reproduction key of the run so far (what the panic overlay shows).
    pub fn repro_key(&self) -> String {
        ReproKey::of(&self.world, &self.net, Some(self.world.position())).encode()
    }
}

/// Run the core's benchmark workload ([`pingpong::bench_world`], the same one the native
/// benchmark runs) for `events` events (capped at [`BENCH_EVENTS_MAX`]) and return how
/// many ran and the trace hash. The workload of the in-browser benchmark.
pub fn run_events(events: u64) -> (u64, u64) {
    let events = events.min(BENCH_EVENTS_MAX);
    let mut world = pingpong::bench_world();
    let mut done = 0;
    while done < events && world.step() {
        done += 1;
    }
    (done, world.trace_hash())
}

/// Replay the core's golden key and return (expected, actual) trace hashes; the
/// cross-target determinism check (natively in the core's tests, in wasm in
/// `tests/web.rs`).
pub fn golden_check() -> Result<(u64, u64), String> {
    let (key, expected) = pingpong::golden();
    let world = ReproKey::<PingPongNode>::decode(&key)
        .and_then(|k| k.replay())
        .map_err(|e| e.to_string())?;
    Ok((expected, world.trace_hash()))
}

/// How far `now` is between `sent` and `due`, in thousandths (clamped to 0..=1000).
pub fn progress_permille(now: u64, sent: u64, due: u64) -> u32 {
    if due <= sent || now >= due {
        return 1_000;
    }
    let done = now.saturating_sub(sent);
    (done.saturating_mul(1_000) / (due - sent)).min(1_000) as u32
}

/// `12_345` µs as "12.3 ms" (integer arithmetic; no float formatting differences).
pub fn format_ms(us: u64) -> String {
    format!("{}.{} ms", us / 1_000, (us % 1_000) / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_advance_and_are_bounded() {
        let mut demo = RingDemo::default();
        let mut total = 0;
        for _ in 0..20 {
            let n = demo.tick();
            assert!(n <= EVENTS_PER_TICK_MAX);
            total += n;
        }
        let view = demo.view();
        assert!(total > 0, "the ring never moved");
        assert_eq!(view.events, total);
        assert_eq!(view.time_us, 20 * SIM_US_PER_TICK);
        assert!(view.log.len() <= LOG_LINES && !view.log.is_empty());
        assert!(view.log.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn same_seed_same_run() {
        let (a, ha) = run_events(2_000);
        let (b, hb) = run_events(2_000);
        assert_eq!((a, ha), (b, hb));
        assert_eq!(a, 2_000);
        let (c, hc) = run_events(2_001);
        assert_eq!(c, 2_001);
        assert_ne!(hc, ha);
        let mut one = RingDemo::default();
        let mut two = RingDemo::default();
        for _ in 0..500 {
            assert!(one.step() && two.step());
        }
        assert_eq!(one.view(), two.view());
    }

    #[test]
    fn repro_key_replays_the_demo() {
        let mut demo = RingDemo::default();
        for _ in 0..10 {
            demo.tick();
        }
        let key = ReproKey::<PingPongNode>::decode(&demo.repro_key()).unwrap();
        let replayed = key.replay().unwrap();
        assert_eq!(replayed.steps(), demo.view().events);
        assert_eq!(replayed.trace_hash(), demo.view().trace_hash);
    }

    #[test]
    fn view_shows_ring_and_balls() {
        let mut demo = RingDemo::default();
        for _ in 0..30 {
            demo.tick();
        }
        let view = demo.view();
        assert_eq!(view.nodes.len(), 3);
        assert!(
            view.nodes.iter().all(|n| n.status == "connected"),
            "{:?}",
            view.nodes
        );
        assert!(view.nodes.iter().map(|n| n.received).sum::<u64>() > 0);
        assert_eq!(view.balls.len() as u64, view.in_flight);
        for b in &view.balls {
            assert_eq!(b.to, (b.from + 1) % 3, "balls go around the ring");
            assert!(b.progress_permille <= 1_000);
        }
    }

    #[test]
    fn progress_is_clamped() {
        assert_eq!(progress_permille(5, 0, 10), 500);
        assert_eq!(progress_permille(0, 0, 10), 0);
        assert_eq!(progress_permille(20, 0, 10), 1_000);
        assert_eq!(progress_permille(3, 5, 10), 0);
        assert_eq!(progress_permille(7, 7, 7), 1_000);
    }

    #[test]
    fn formats_ms() {
        assert_eq!(format_ms(0), "0.0 ms");
        assert_eq!(format_ms(12_345), "12.3 ms");
        assert_eq!(format_ms(1_000_999), "1000.9 ms");
    }
}
