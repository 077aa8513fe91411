//! The kernel: one simulated world of nodes, a network, a clock and an event queue.
//!
//! ```text
//!   apply(Command) ──► faults / requests ─┐
//!                                         ▼
//!   step() ──► pop (time, seq) ──► dispatch to node ──► effects ──► schedule sends,
//!                │                                                  timers, links
//!                └──► trace (+hash) ──► invariants ──► violations
//! ```
//!
//! `World` owns everything that changes during a run; nodes see only their `Ctx`. Given
//! the same config, seed and command log, `step()` produces the same trace on every
//! target. `World` is `Clone`, which is how time travel keeps checkpoints.

use crate::command::{Command, CommandError, CommandOf, Logged};
use crate::hash::StableHasher;
use crate::id::{MsgId, NodeId};
use crate::inflight::InFlight;
use crate::invariant::{Invariant, Subject, Violation};
use crate::net::{draw_delay, pair, NetConfig, NetState};
use crate::note::{KernelNote, TraceNote};
use crate::process::{Ctx, Effect, LinkEvent, MessageInfo, NodeInit, Protocol, Transport};
use crate::queue::EventQueue;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use crate::trace::{DropReason, Trace, TraceKind};
use crate::vecmap::VecMap;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};

/// Most nodes a world may have (servers plus clients).
pub const NODES_MAX: usize = 256;
/// Most commands one run may log.
pub const COMMANDS_MAX: usize = 100_000;

/// Whether a node's process runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeState {
    /// Running normally.
    Up,
    /// Frozen: its events wait.
    Paused,
    /// Not running (never started, stopped or crashed); its disk is kept.
    Down,
}

/// A message on the wire, visible to the UI while it travels.
#[derive(Clone, Debug, Hash)]
pub struct Envelope<M> {
    /// Its id.
    pub id: MsgId,
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Stream or datagram.
    pub transport: Transport,
    /// When it was sent.
    pub sent_at: SimTime,
    /// When it will arrive (meaningless while `held`).
    pub deliver_at: SimTime,
    /// The stream connection generation it was sent on.
    pub generation: u32,
    /// Held back by a clogged path.
    pub held: bool,
    /// The message.
    pub msg: M,
}

#[derive(Clone, Debug, Hash)]
enum Pending<T> {
    Deliver(MsgId),
    Timer {
        node: NodeId,
        timer: T,
        generation: u64,
    },
    Link {
        node: NodeId,
        peer: NodeId,
        event: LinkEvent,
        incarnation: u32,
    },
    /// A connection request reaching its target.
    Syn {
        from: NodeId,
        to: NodeId,
        incarnation: u32,
    },
}

#[derive(Clone, Debug)]
struct Slot<P: Protocol> {
    spec: P::Spec,
    state: NodeState,
    process: Option<P>,
    disk: P::Disk,
    rng: SimRng,
    timers: VecMap<P::Timer, u64>,
    timer_generation: u64,
    incarnation: u32,
    status: &'static str,
    deferred: Vec<Pending<P::Timer>>,
}

/// A point in a run: after `step` events, with the clock at `time` (the clock may have
/// moved past the last event while the run was playing). Reproduction keys and the
/// timeline's seek use it; [`World::position`] gives the world's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Position {
    /// Events processed.
    pub step: u64,
    /// The clock.
    pub time: SimTime,
}

/// What one call to [`World::run_until`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunOutcome {
    /// Events processed.
    pub steps: u64,
    /// True when the event limit stopped it before the target time.
    pub hit_limit: bool,
}

/// The whole simulated world.
#[derive(Clone, Debug)]
pub struct World<P: Protocol> {
    config: P::Config,
    net_config: NetConfig,
    seed: u64,
    now: SimTime,
    steps: u64,
    nodes: Vec<Slot<P>>,
    queue: EventQueue<Pending<P::Timer>>,
    in_flight: InFlight<Envelope<P::Msg>>,
    next_msg: u64,
    net: NetState,
    net_rng: SimRng,
    trace: Trace<P>,
    log: Vec<Logged<CommandOf<P>>>,
    effects: Vec<Effect<P>>,
    invariants: Vec<Box<dyn Invariant<World<P>>>>,
    violations: Vec<Violation<P::ViolationDetail>>,
}

/// The default number of trace events kept in memory.
pub const TRACE_CAPACITY_DEFAULT: usize = 50_000;

impl<P: Protocol> Subject for World<P> {
    type Detail = P::ViolationDetail;
}

impl<P: Protocol> World<P> {
    /// A new world at time zero with the config's initial nodes.
    pub fn new(config: P::Config, net_config: NetConfig, seed: u64) -> Self {
        let mut world = World {
            config,
            net_config,
            seed,
            now: SimTime::ZERO,
            steps: 0,
            nodes: Vec::new(),
            queue: EventQueue::new(),
            in_flight: InFlight::default(),
            next_msg: 0,
            net: NetState::default(),
            net_rng: SimRng::fork(seed, u64::MAX),
            trace: Trace::new(TRACE_CAPACITY_DEFAULT),
            log: Vec::new(),
            effects: Vec::new(),
            invariants: Vec::new(),
            violations: Vec::new(),
        };
        // Create every slot first, then start processes in id order, so a node that sends
        // from `on_start` always addresses nodes that exist.
        let inits = P::initial_nodes(&world.config);
        let running: Vec<bool> = inits.iter().map(|i| i.running).collect();
        for init in inits {
            world.add_node(NodeInit {
                spec: init.spec,
                running: false,
            });
        }
        for (i, run) in running.into_iter().enumerate() {
            if run {
                world.restart(NodeId(i as u32));
            }
        }
        world.purge_stale();
        world
    }

    /// Keep at most `capacity` trace events in memory (the hash still covers all).
    pub fn with_trace_capacity(mut self, capacity: usize) -> Self {
        self.trace.set_capacity(capacity);
        self
    }

    /// Install a safety checker that runs after every step.
    pub fn add_invariant(&mut self, invariant: Box<dyn Invariant<World<P>>>) {
        self.invariants.push(invariant);
    }

    // ----- read-only views ---------------------------------------------------------

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.now
    }
    /// Events processed so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }
    /// The run's seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// The protocol config.
    pub fn config(&self) -> &P::Config {
        &self.config
    }
    /// The network parameters in force.
    pub fn net_config(&self) -> &NetConfig {
        &self.net_config
    }
    /// The network's partitions and connections.
    pub fn net(&self) -> &NetState {
        &self.net
    }
    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }
    /// All node ids.
    pub fn node_ids(&self) -> Vec<NodeId> {
        (0..self.nodes.len() as u32).map(NodeId).collect()
    }
    /// A node's process, if it is running or paused.
    pub fn node(&self, id: NodeId) -> Option<&P> {
        self.nodes.get(id.index()).and_then(|s| s.process.as_ref())
    }
    /// A node's spec.
    pub fn spec(&self, id: NodeId) -> Option<&P::Spec> {
        self.nodes.get(id.index()).map(|s| &s.spec)
    }
    /// A node's disk as it would survive a crash now.
    pub fn disk(&self, id: NodeId) -> Option<P::Disk> {
        let slot = self.nodes.get(id.index())?;
        Some(match &slot.process {
            Some(p) => p.disk(),
            None => slot.disk.clone(),
        })
    }
    /// Whether a node runs.
    pub fn node_state(&self, id: NodeId) -> Option<NodeState> {
        self.nodes.get(id.index()).map(|s| s.state)
    }
    /// Messages on the wire, in send order.
    pub fn in_flight(&self) -> impl Iterator<Item = &Envelope<P::Msg>> {
        self.in_flight.values()
    }
    /// One in-flight message.
    pub fn envelope(&self, id: MsgId) -> Option<&Envelope<P::Msg>> {
        self.in_flight.get(id)
    }
    /// The trace.
    pub fn trace(&self) -> &Trace<P> {
        &self.trace
    }
    /// The fingerprint of the trace so far.
    pub fn trace_hash(&self) -> u64 {
        self.trace.hash()
    }
    /// Every command applied so far, in order.
    pub fn command_log(&self) -> &[Logged<CommandOf<P>>] {
        &self.log
    }
    /// Every safety violation found so far.
    pub fn violations(&self) -> &[Violation<P::ViolationDetail>] {
        &self.violations
    }
    /// Where the run stands now.
    pub fn position(&self) -> Position {
        Position {
            step: self.steps,
            time: self.now,
        }
    }
    /// When the next event is due, if any.
    pub fn next_event_time(&self) -> Option<SimTime> {
        self.queue.next_time()
    }
    /// Number of scheduled events (including stale ones that will be skipped).
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// A fingerprint of the complete state (nodes, disks, network, queue, rngs, clock).
    pub fn state_hash(&self) -> u64 {
        let mut h = StableHasher::new();
        self.now.hash(&mut h);
        self.steps.hash(&mut h);
        self.next_msg.hash(&mut h);
        for slot in &self.nodes {
            slot.state.hash(&mut h);
            slot.process.hash(&mut h);
            slot.timers.hash(&mut h);
            slot.timer_generation.hash(&mut h);
            slot.incarnation.hash(&mut h);
            slot.deferred.hash(&mut h);
            rng_fingerprint(&slot.rng).hash(&mut h);
        }
        for s in self.queue.sorted() {
            (s.at, s.seq).hash(&mut h);
            s.event.hash(&mut h);
        }
        self.queue.next_seq().hash(&mut h);
        self.in_flight.hash(&mut h);
        self.net.hash(&mut h);
        rng_fingerprint(&self.net_rng).hash(&mut h);
        self.trace.hash().hash(&mut h);
        h.finish()
    }

    /// A clone that shares the trace's numbering and hash but holds no trace events
    /// (checkpoints are taken often; the events themselves are re-adopted on restore).
    pub fn clone_without_trace_ring(&mut self) -> Self {
        let trace = std::mem::replace(&mut self.trace, Trace::new(1));
        let mut copy = self.clone();
        copy.trace = trace.without_events();
        self.trace = trace;
        copy
    }

    /// After restoring a checkpoint: take back the events that precede it from the trace
    /// of the world it replaces.
    pub fn adopt_trace_prefix(&mut self, other: &Trace<P>) {
        self.trace.adopt_prefix(other);
    }

    // ----- running -------------------------------------------------------------------

    /// Process exactly one event. Returns false when nothing is left to do.
    pub fn step(&mut self) -> bool {
        loop {
            let Some(item) = self.queue.pop() else {
                return false;
            };
            debug_assert!(item.at >= self.now, "time went backwards");
            if self.dispatch(item.at, item.event) {
                self.purge_stale();
                return true;
            }
        }
    }

    /// Process events due at or before `until`, at most `max_events` of them; when all
    /// due events are done, the clock moves to `until`.
    pub fn run_until(&mut self, until: SimTime, max_events: u64) -> RunOutcome {
        let mut steps = 0;
        while steps < max_events {
            match self.queue.next_time() {
                Some(t) if t <= until => {
                    if self.step() {
                        steps += 1;
                    }
                }
                _ => {
                    if until > self.now {
                        self.now = until;
                    }
                    return RunOutcome {
                        steps,
                        hit_limit: false,
                    };
                }
            }
        }
        let pending = matches!(self.queue.next_time(), Some(t) if t <= until);
        if !pending && until > self.now {
            self.now = until;
        }
        RunOutcome {
            steps,
            hit_limit: pending,
        }
    }

    /// Run `n` events (fewer if the queue empties).
    pub fn run_steps(&mut self, n: u64) -> u64 {
        let mut done = 0;
        while done < n && self.step() {
            done += 1;
        }
        done
    }

    /// Handle one popped event; false when it was stale and nothing happened.
    fn dispatch(&mut self, at: SimTime, event: Pending<P::Timer>) -> bool {
        match event {
            Pending::Deliver(id) => self.deliver(at, id),
            Pending::Syn {
                from,
                to,
                incarnation,
            } => self.syn_arrives(at, from, to, incarnation),
            Pending::Timer {
                node,
                timer,
                generation,
            } => {
                let slot = &mut self.nodes[node.index()];
                if slot.timers.get(&timer) != Some(&generation) {
                    return false;
                }
                if slot.state == NodeState::Paused {
                    slot.deferred.push(Pending::Timer {
                        node,
                        timer,
                        generation,
                    });
                    self.kernel_step(at, node, KernelNote::TimerWaits { timer });
                    return true;
                }
                slot.timers.remove(&timer);
                self.begin_step(at);
                self.record(TraceKind::Timer { node, timer });
                self.with_node(node, |p, ctx| p.on_timer(ctx, timer));
                self.end_step();
                true
            }
            Pending::Link {
                node,
                peer,
                event,
                incarnation,
            } => {
                let slot = &mut self.nodes[node.index()];
                if slot.incarnation != incarnation || slot.state == NodeState::Down {
                    return false;
                }
                if slot.state == NodeState::Paused {
                    slot.deferred.push(Pending::Link {
                        node,
                        peer,
                        event,
                        incarnation,
                    });
                    self.kernel_step(at, node, KernelNote::LinkWaits { peer });
                    return true;
                }
                self.begin_step(at);
                self.record(TraceKind::Link { node, peer, event });
                self.with_node(node, |p, ctx| p.on_link(ctx, peer, event));
                self.end_step();
                true
            }
        }
    }

    /// A connection request arrives: the target accepts (both ends learn `Connected`), or
    /// its host resets it (the initiator learns `ConnectFailed` a one-way delay later).
    fn syn_arrives(&mut self, at: SimTime, from: NodeId, to: NodeId, incarnation: u32) -> bool {
        if self.nodes[from.index()].incarnation != incarnation {
            return false; // the initiator died meanwhile
        }
        let back = draw_delay(&self.net_config, &mut self.net_rng);
        let reachable = self.net.reachable_both(from, to);
        match self.nodes[to.index()].state {
            NodeState::Paused if reachable => {
                self.nodes[to.index()].deferred.push(Pending::Syn {
                    from,
                    to,
                    incarnation,
                });
                self.kernel_step(at, to, KernelNote::ConnectionWaits { from });
                true
            }
            NodeState::Up if reachable => {
                if !self.net.connection(from, to).up {
                    self.net.open(from, to);
                }
                self.begin_step(at);
                let event = LinkEvent::Connected;
                self.record(TraceKind::Link {
                    node: to,
                    peer: from,
                    event,
                });
                self.with_node(to, |p, ctx| p.on_link(ctx, from, event));
                self.tell(from, to, event, back);
                self.end_step();
                true
            }
            _ => {
                let (after, note) = if reachable {
                    (back, KernelNote::ConnectionRefused { to })
                } else {
                    (
                        SimDuration(self.net_config.connect_timeout_us),
                        KernelNote::ConnectionUnanswered { to },
                    )
                };
                self.kernel_step(at, from, note);
                self.tell(from, to, LinkEvent::ConnectFailed, after);
                true
            }
        }
    }

    fn deliver(&mut self, at: SimTime, id: MsgId) -> bool {
        let Some(env) = self.in_flight.get(id) else {
            return false; // dropped by the user or by a broken connection
        };
        if env.deliver_at != at || env.held {
            return false; // rescheduled (delayed or clogged); a later entry delivers it
        }
        let (from, to, transport) = (env.from, env.to, env.transport);
        if self.net.clogged.contains(&(from, to)) {
            if let Some(env) = self.in_flight.get_mut(id) {
                env.held = true;
            }
            self.kernel_step(at, from, KernelNote::MessageHeld { id, to });
            return true;
        }
        match self.nodes[to.index()].state {
            NodeState::Paused => {
                self.nodes[to.index()].deferred.push(Pending::Deliver(id));
                self.kernel_step(at, to, KernelNote::MessageWaits { id, from });
                return true;
            }
            NodeState::Down => {
                self.begin_step(at);
                self.drop_in_flight(id, DropReason::ReceiverDown);
                self.end_step();
                return true;
            }
            NodeState::Up => {}
        }
        let lost = match transport {
            Transport::Stream => {
                let c = self.net.connection(from, to);
                (c.generation != env.generation).then_some(DropReason::ConnectionBroken)
            }
            Transport::Datagram => (!self.net.reachable(from, to)).then_some(DropReason::Partition),
        };
        self.begin_step(at);
        if let Some(reason) = lost {
            self.drop_in_flight(id, reason);
            self.end_step();
            return true;
        }
        let env = self.in_flight.remove(id).expect("checked above");
        self.record(TraceKind::Delivered {
            id,
            from,
            to,
            sent_at: env.sent_at,
            transport,
            msg: env.msg.clone(),
        });
        self.with_node(to, |p, ctx| p.on_message(ctx, from, env.msg));
        self.end_step();
        true
    }

    /// A step the kernel takes on a node's behalf without running it (a message held,
    /// an event deferred, a connection refused): counted and traced like any other, so
    /// every popped event with an effect is a step and replays land at the same place.
    fn kernel_step(&mut self, at: SimTime, node: NodeId, note: KernelNote<P::Timer>) {
        self.begin_step(at);
        let note = TraceNote::Kernel(note);
        self.record(TraceKind::Note { node, note });
        self.end_step();
    }

    /// Would popping this event do nothing at all?
    fn is_stale(&self, at: SimTime, event: &Pending<P::Timer>) -> bool {
        match event {
            Pending::Deliver(id) => match self.in_flight.get(*id) {
                None => true,
                Some(env) => env.deliver_at != at || env.held,
            },
            Pending::Timer {
                node,
                timer,
                generation,
            } => self.nodes[node.index()].timers.get(timer) != Some(generation),
            Pending::Link {
                node, incarnation, ..
            } => {
                let slot = &self.nodes[node.index()];
                slot.incarnation != *incarnation || slot.state == NodeState::Down
            }
            Pending::Syn {
                from, incarnation, ..
            } => self.nodes[from.index()].incarnation != *incarnation,
        }
    }

    /// Pop events that would do nothing (cancelled timers, dropped or rescheduled
    /// messages, events for a dead incarnation), so the head of the queue is always a
    /// real event. Called after every step and command, so `next_event_time` means the
    /// same thing in a run and in its replay.
    fn purge_stale(&mut self) {
        while let Some(head) = self.queue.peek() {
            if !self.is_stale(head.at, &head.event) {
                break;
            }
            self.queue.pop();
        }
    }

    fn begin_step(&mut self, at: SimTime) {
        self.now = at;
        self.steps += 1;
    }

    fn end_step(&mut self) {
        if self.invariants.is_empty() {
            return;
        }
        let mut invariants = std::mem::take(&mut self.invariants);
        let mut problems = Vec::new();
        for inv in invariants.iter_mut() {
            inv.check(self, &mut problems);
            for details in problems.drain(..) {
                self.report_violation(inv.name(), details);
            }
        }
        self.invariants = invariants;
    }

    fn report_violation(&mut self, invariant: &'static str, details: P::ViolationDetail) {
        self.violations.push(Violation {
            invariant,
            details: details.clone(),
            step: self.steps,
            time: self.now,
        });
        self.record(TraceKind::Violation { invariant, details });
    }

    fn record(&mut self, kind: TraceKind<P>) {
        self.trace.record(self.steps, self.now, kind);
    }

    /// Run a handler on a node's process and carry out its effects.
    fn with_node(&mut self, node: NodeId, f: impl FnOnce(&mut P, &mut Ctx<P>)) {
        let mut effects = std::mem::take(&mut self.effects);
        let now = self.now;
        let slot = &mut self.nodes[node.index()];
        let Some(process) = slot.process.as_mut() else {
            self.effects = effects;
            return;
        };
        {
            let mut ctx = Ctx::new(node, now, &mut slot.rng, &mut effects);
            f(process, &mut ctx);
        }
        let status = process.status();
        let old = slot.status;
        slot.status = status;
        for effect in effects.drain(..) {
            self.apply_effect(node, effect);
        }
        self.effects = effects;
        if old != status {
            self.record(TraceKind::Status {
                node,
                from: old,
                to: status,
            });
        }
    }

    fn apply_effect(&mut self, node: NodeId, effect: Effect<P>) {
        match effect {
            Effect::Send { to, msg, transport } => self.send(node, to, msg, transport),
            Effect::SetTimer { timer, after } => {
                let slot = &mut self.nodes[node.index()];
                slot.timer_generation += 1;
                let generation = slot.timer_generation;
                slot.timers.insert(timer, generation);
                self.queue.push(
                    self.now.after(after),
                    Pending::Timer {
                        node,
                        timer,
                        generation,
                    },
                );
            }
            Effect::CancelTimer(timer) => {
                self.nodes[node.index()].timers.remove(&timer);
            }
            Effect::Connect(peer) => self.connect(node, peer),
            Effect::Disconnect(peer) => self.disconnect(node, peer),
            Effect::Note(note) => {
                let note = TraceNote::Node(note);
                self.record(TraceKind::Note { node, note })
            }
        }
    }

    fn send(&mut self, from: NodeId, to: NodeId, msg: P::Msg, transport: Transport) {
        if to.index() >= self.nodes.len() {
            // A protocol addressing a node that does not exist is a protocol bug.
            panic!("{from} sent {} to unknown node {to}", msg.kind());
        }
        let id = MsgId(self.next_msg);
        self.next_msg += 1;
        let kind = msg.kind();
        if self.in_flight.len() >= self.net_config.in_flight_max as usize {
            self.record_drop(id, from, to, kind, DropReason::PathFull);
            return;
        }
        let natural = self
            .now
            .after(draw_delay(&self.net_config, &mut self.net_rng));
        match transport {
            Transport::Stream => {
                let c = self.net.connection(from, to);
                if !c.up && from != to {
                    self.record_drop(id, from, to, kind, DropReason::NotConnected);
                    return;
                }
                let deliver_at = self.net.fifo_deliver_at(from, to, natural);
                self.put_in_flight(Envelope {
                    id,
                    from,
                    to,
                    transport,
                    sent_at: self.now,
                    deliver_at,
                    generation: c.generation,
                    held: false,
                    msg,
                });
            }
            Transport::Datagram => {
                if !self.net.reachable(from, to) {
                    self.record_drop(id, from, to, kind, DropReason::Partition);
                    return;
                }
                if self.net_rng.chance_permille(self.net_config.loss_permille) {
                    self.record_drop(id, from, to, kind, DropReason::Loss);
                    return;
                }
                let mut duplicate = None;
                if self
                    .net_rng
                    .chance_permille(self.net_config.duplicate_permille)
                {
                    let again = self
                        .now
                        .after(draw_delay(&self.net_config, &mut self.net_rng));
                    let dup = MsgId(self.next_msg);
                    self.next_msg += 1;
                    duplicate = Some(Envelope {
                        id: dup,
                        from,
                        to,
                        transport,
                        sent_at: self.now,
                        deliver_at: again,
                        generation: 0,
                        held: false,
                        msg: msg.clone(),
                    });
                }
                // The original first: the in-flight table takes ids in increasing order.
                self.put_in_flight(Envelope {
                    id,
                    from,
                    to,
                    transport,
                    sent_at: self.now,
                    deliver_at: natural,
                    generation: 0,
                    held: false,
                    msg,
                });
                if let Some(dup) = duplicate {
                    self.put_in_flight(dup);
                }
            }
        }
    }

    fn put_in_flight(&mut self, env: Envelope<P::Msg>) {
        self.queue.push(env.deliver_at, Pending::Deliver(env.id));
        self.in_flight.insert(env.id, env);
    }

    fn record_drop(
        &mut self,
        id: MsgId,
        from: NodeId,
        to: NodeId,
        kind: &'static str,
        reason: DropReason,
    ) {
        self.record(TraceKind::Dropped {
            id,
            from,
            to,
            kind,
            reason,
        });
    }

    fn drop_in_flight(&mut self, id: MsgId, reason: DropReason) {
        if let Some(env) = self.in_flight.remove(id) {
            self.record_drop(id, env.from, env.to, env.msg.kind(), reason);
        }
    }

    fn tell(&mut self, node: NodeId, peer: NodeId, event: LinkEvent, after: SimDuration) {
        let incarnation = self.nodes[node.index()].incarnation;
        self.queue.push(
            self.now.after(after),
            Pending::Link {
                node,
                peer,
                event,
                incarnation,
            },
        );
    }

    fn connect(&mut self, from: NodeId, to: NodeId) {
        if from == to || to.index() >= self.nodes.len() {
            self.tell(from, to, LinkEvent::ConnectFailed, SimDuration::ZERO);
            return;
        }
        if self.net.connection(from, to).up {
            // One connection per pair, as ZooKeeper's QuorumCnxManager keeps.
            self.tell(from, to, LinkEvent::Connected, SimDuration::ZERO);
            return;
        }
        if !self.net.reachable_both(from, to) {
            let timeout = SimDuration(self.net_config.connect_timeout_us);
            self.tell(from, to, LinkEvent::ConnectFailed, timeout);
            return;
        }
        let one_way = draw_delay(&self.net_config, &mut self.net_rng);
        let incarnation = self.nodes[from.index()].incarnation;
        self.queue.push(
            self.now.after(one_way),
            Pending::Syn {
                from,
                to,
                incarnation,
            },
        );
    }

    fn disconnect(&mut self, from: NodeId, to: NodeId) {
        if self.net.close(from, to) && self.net.reachable(from, to) {
            let natural = self
                .now
                .after(draw_delay(&self.net_config, &mut self.net_rng));
            let at = self.net.fifo_deliver_at(from, to, natural);
            self.tell(to, from, LinkEvent::Disconnected, at.since(self.now));
        }
    }

    /// Break the stream between two nodes, losing its in-flight messages.
    fn break_stream(&mut self, a: NodeId, b: NodeId, reason: DropReason) -> bool {
        let was_up = self.net.break_connection(a, b);
        let key = pair(a, b);
        let lost: Vec<MsgId> = self
            .in_flight
            .values()
            .filter(|e| e.transport == Transport::Stream && pair(e.from, e.to) == key)
            .map(|e| e.id)
            .collect();
        for id in lost {
            self.drop_in_flight(id, reason);
        }
        was_up
    }

    // ----- commands ----------------------------------------------------------------

    /// Apply a user command now, log it, and trace it. On error nothing changes.
    pub fn apply(&mut self, command: CommandOf<P>) -> Result<(), CommandError> {
        self.validate(&command)?;
        if self.log.len() >= COMMANDS_MAX {
            return Err(CommandError::Invalid(format!(
                "a run holds at most {COMMANDS_MAX} commands"
            )));
        }
        self.log.push(Logged {
            at_step: self.steps,
            at_time: self.now,
            command: command.clone(),
        });
        self.record(TraceKind::Command(command.clone()));
        self.execute(command);
        self.end_step();
        self.purge_stale();
        Ok(())
    }

    fn check_node(&self, n: NodeId) -> Result<NodeState, CommandError> {
        self.node_state(n).ok_or(CommandError::NoSuchNode(n))
    }

    fn validate(&self, command: &CommandOf<P>) -> Result<(), CommandError> {
        let wrong = |node, expected| Err(CommandError::WrongState { node, expected });
        match command {
            Command::Crash(n) => match self.check_node(*n)? {
                NodeState::Down => wrong(*n, "running"),
                _ => Ok(()),
            },
            Command::Restart(n) => match self.check_node(*n)? {
                NodeState::Down => Ok(()),
                _ => wrong(*n, "stopped"),
            },
            Command::Pause(n) => match self.check_node(*n)? {
                NodeState::Up => Ok(()),
                _ => wrong(*n, "running"),
            },
            Command::Resume(n) => match self.check_node(*n)? {
                NodeState::Paused => Ok(()),
                _ => wrong(*n, "paused"),
            },
            Command::Partition(groups) => {
                for n in groups.iter().flatten() {
                    self.check_node(*n)?;
                }
                if groups.iter().flatten().count() > NODES_MAX {
                    return Err(CommandError::Invalid("partition too large".into()));
                }
                Ok(())
            }
            Command::CutLink { from, to, .. } | Command::HealLink(from, to) => {
                self.check_node(*from)?;
                self.check_node(*to)?;
                if from == to {
                    return Err(CommandError::Invalid(
                        "a link needs two different nodes".into(),
                    ));
                }
                Ok(())
            }
            Command::Clog(a, b) | Command::Unclog(a, b) => {
                self.check_node(*a)?;
                self.check_node(*b)?;
                Ok(())
            }
            Command::Heal => Ok(()),
            Command::SetNet(cfg) => cfg.validate().map_err(CommandError::Invalid),
            Command::DropMessage(m) => self
                .in_flight
                .contains(*m)
                .then_some(())
                .ok_or(CommandError::NoSuchMessage(*m)),
            Command::DelayMessage(m, d) => {
                if !self.in_flight.contains(*m) {
                    return Err(CommandError::NoSuchMessage(*m));
                }
                if d.0 > 3_600_000_000 {
                    return Err(CommandError::Invalid(
                        "delays over an hour are not supported".into(),
                    ));
                }
                Ok(())
            }
            Command::Request(n, _) => match self.check_node(*n)? {
                NodeState::Down => wrong(*n, "running"),
                _ => Ok(()),
            },
            Command::AddNode(_) => {
                if self.nodes.len() >= NODES_MAX {
                    Err(CommandError::Invalid(format!("at most {NODES_MAX} nodes")))
                } else {
                    Ok(())
                }
            }
        }
    }

    fn execute(&mut self, command: CommandOf<P>) {
        match command {
            Command::Crash(n) => self.crash(n),
            Command::Restart(n) => self.restart(n),
            Command::Pause(n) => self.nodes[n.index()].state = NodeState::Paused,
            Command::Resume(n) => {
                let slot = &mut self.nodes[n.index()];
                slot.state = NodeState::Up;
                let deferred = std::mem::take(&mut slot.deferred);
                for event in deferred {
                    if let Pending::Deliver(id) = &event {
                        if let Some(env) = self.in_flight.get_mut(*id) {
                            env.deliver_at = self.now;
                        }
                    }
                    self.queue.push(self.now, event);
                }
            }
            Command::Partition(groups) => {
                let all = self.node_ids();
                self.net.partition(&groups, &all);
                self.break_blocked_streams();
            }
            Command::CutLink { from, to, one_way } => {
                self.net.blocked.insert((from, to));
                if !one_way {
                    self.net.blocked.insert((to, from));
                }
                self.break_blocked_streams();
            }
            Command::HealLink(a, b) => {
                self.net.blocked.remove(&(a, b));
                self.net.blocked.remove(&(b, a));
            }
            Command::Heal => {
                self.net.blocked.clear();
                let clogged: Vec<(NodeId, NodeId)> = self.net.clogged.iter().copied().collect();
                for (a, b) in clogged {
                    self.unclog(a, b);
                }
            }
            Command::Clog(a, b) => {
                self.net.clogged.insert((a, b));
            }
            Command::Unclog(a, b) => self.unclog(a, b),
            Command::SetNet(cfg) => self.net_config = cfg,
            Command::DropMessage(m) => self.drop_in_flight(m, DropReason::ByUser),
            Command::DelayMessage(m, by) => self.delay_message(m, by),
            Command::Request(n, request) => {
                if self.nodes[n.index()].state == NodeState::Up {
                    self.with_node(n, |p, ctx| p.on_request(ctx, request));
                }
            }
            Command::AddNode(init) => self.add_node(init),
        }
    }

    fn add_node(&mut self, init: NodeInit<P::Spec>) {
        let id = NodeId(self.nodes.len() as u32);
        let disk = P::Disk::default();
        self.nodes.push(Slot {
            spec: init.spec,
            state: NodeState::Down,
            process: None,
            disk,
            rng: SimRng::fork(self.seed, u64::from(id.0)),
            timers: VecMap::new(),
            timer_generation: 0,
            incarnation: 0,
            status: "stopped",
            deferred: Vec::new(),
        });
        if init.running {
            self.restart(id);
        }
    }

    fn crash(&mut self, n: NodeId) {
        let slot = &mut self.nodes[n.index()];
        if let Some(p) = slot.process.take() {
            slot.disk = p.disk();
        }
        slot.state = NodeState::Down;
        slot.timers.clear();
        slot.deferred.clear();
        slot.incarnation += 1;
        let old = slot.status;
        slot.status = "stopped";
        if old != "stopped" {
            self.record(TraceKind::Status {
                node: n,
                from: old,
                to: "stopped",
            });
        }
        // The OS closes the dead process's sockets: peers that can hear it get a reset.
        let peers: Vec<NodeId> = self
            .net
            .connections
            .iter()
            .filter(|(&(a, b), c)| c.up && (a == n || b == n))
            .map(|(&(a, b), _)| if a == n { b } else { a })
            .collect();
        for peer in peers {
            self.break_stream(n, peer, DropReason::ConnectionBroken);
            if self.net.reachable(n, peer) && self.nodes[peer.index()].state != NodeState::Down {
                let delay = draw_delay(&self.net_config, &mut self.net_rng);
                self.tell(peer, n, LinkEvent::Disconnected, delay);
            }
        }
    }

    fn restart(&mut self, n: NodeId) {
        let slot = &mut self.nodes[n.index()];
        let disk = std::mem::take(&mut slot.disk);
        slot.process = Some(P::boot(n, &slot.spec, &self.config, disk));
        slot.state = NodeState::Up;
        slot.incarnation += 1;
        self.with_node(n, |p, ctx| p.on_start(ctx));
    }

    fn break_blocked_streams(&mut self) {
        for (a, b) in self.net.connections_now_blocked() {
            self.break_stream(a, b, DropReason::Partition);
        }
    }

    fn unclog(&mut self, from: NodeId, to: NodeId) {
        self.net.clogged.remove(&(from, to));
        let held: Vec<MsgId> = self
            .in_flight
            .values()
            .filter(|e| e.held && e.from == from && e.to == to)
            .map(|e| e.id)
            .collect();
        for id in held {
            let natural = self
                .now
                .after(draw_delay(&self.net_config, &mut self.net_rng));
            let at = match self.in_flight.get(id).expect("collected above").transport {
                Transport::Stream => self.net.fifo_deliver_at(from, to, natural),
                Transport::Datagram => natural,
            };
            let env = self.in_flight.get_mut(id).expect("collected above");
            env.held = false;
            env.deliver_at = at;
            self.queue.push(at, Pending::Deliver(id));
        }
    }

    fn delay_message(&mut self, id: MsgId, by: SimDuration) {
        let (from, to, transport, new_at) = {
            let env = self.in_flight.get_mut(id).expect("validated");
            env.deliver_at = env.deliver_at.after(by);
            (env.from, env.to, env.transport, env.deliver_at)
        };
        if !self.in_flight.get(id).expect("collected above").held {
            self.queue.push(new_at, Pending::Deliver(id));
        }
        if transport != Transport::Stream {
            return;
        }
        // FIFO: later messages on the same stream may not overtake the delayed one.
        let later: Vec<MsgId> = self
            .in_flight
            .after(id)
            .filter(|(_, e)| {
                e.from == from
                    && e.to == to
                    && e.transport == Transport::Stream
                    && e.deliver_at < new_at
            })
            .map(|(k, _)| k)
            .collect();
        for k in later {
            let env = self.in_flight.get_mut(k).expect("collected above");
            env.deliver_at = new_at;
            if !env.held {
                self.queue.push(new_at, Pending::Deliver(k));
            }
        }
        let tail = self.net.stream_tail.entry((from, to)).or_insert(new_at);
        *tail = (*tail).max(new_at);
    }

    /// Move the clock forward to `t` without processing events (used by replay, which
    /// puts a logged command back at its exact time). Fails if an event is due earlier.
    pub fn advance_clock_to(&mut self, t: SimTime) -> Result<(), String> {
        if t < self.now {
            return Err(format!("time {t} is before the current time {}", self.now));
        }
        if let Some(next) = self.queue.next_time() {
            if next < t {
                return Err(format!("time {t} skips an event due at {next}"));
            }
        }
        self.now = t;
        Ok(())
    }
}

fn rng_fingerprint(rng: &SimRng) -> u64 {
    let mut probe = rng.clone();
    probe.next_u64() ^ probe.next_u64().rotate_left(17)
}
