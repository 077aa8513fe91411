//! One lane: one protocol's world run under the shared fault script.
//!
//! [`LaneProtocol`] is what a protocol tells the lab (how to build its world, which
//! kernel node a script node is, the phase of a message, how a client submits, what a
//! node decided). [`LaneRun`] is the one driver for every lane: it steps the world one
//! event at a time and, after every step, records which nodes received which phase,
//! counts messages and round trips, loses the messages a `drop` rule names, applies the
//! conditional faults whose condition now holds (before any further event, so messages
//! in flight to a crashed node or across a new partition are lost) and resubmits a
//! client request that timed out to the next node. [`Lane`] is the object-safe face the
//! script runner and the page hold.

use super::counters::Counters;
use super::script::{Cond, Fault, LaneKind};
use super::verdict::{verdict, NodeOutcome, Verdict};
use crate::command::Command;
use crate::id::{MsgId, NodeId};
use crate::invariant::{Invariant, Violation};
use crate::process::{MessageInfo, Protocol, Transport};
use crate::protocols::commit::view::NodeView;
use crate::protocols::commit::violation::CommitViolation;
use crate::protocols::commit::{Outcome, Phase};
use crate::protocols::zookeeper::violation::ViolationDetail;
use crate::time::{SimDuration, SimTime};
use crate::trace::TraceKind;
use crate::world::{NodeState, World};
use std::fmt;

/// Most events one lane may process in a run.
pub const STEPS_MAX: u64 = 2_000_000;
/// How long a client waits for its answer before it resubmits to the next node.
pub const CLIENT_TIMEOUT: SimDuration = SimDuration::from_secs(5);
/// How often one request is resubmitted at most.
pub const RESUBMITS_MAX: u32 = 16;
/// Trace events each lane keeps in memory (the hash covers all of them).
pub const LANE_TRACE_CAPACITY: usize = 20_000;

/// What a protocol tells the comparison lab.
pub trait LaneProtocol: Protocol {
    /// State the lab keeps beside the world (the ZAB lane's clients).
    type Side: Clone + std::fmt::Debug;

    /// A world of `nodes` nodes for lane `kind`, ready for the script's first line.
    fn build(kind: LaneKind, nodes: u32, seed: u64) -> Result<(World<Self>, Self::Side), String>;
    /// The kernel node of script node `k` (1-based).
    fn node(side: &Self::Side, k: u32) -> NodeId;
    /// The phase of a message, if it is one of the protocol's phases.
    fn phase(msg: &Self::Msg) -> Option<Phase>;
    /// Whether a message asks for replies.
    fn is_request(msg: &Self::Msg) -> bool;
    /// Record node `k`'s vote; false when the lane has no votes.
    fn vote(world: &mut World<Self>, side: &mut Self::Side, k: u32, yes: bool) -> bool;
    /// A client hands `value` to node `k`.
    fn submit(world: &mut World<Self>, side: &mut Self::Side, k: u32, value: &str);
    /// Whether the client that asked node `k` has its answer.
    fn answered(world: &World<Self>, side: &Self::Side, k: u32) -> bool;
    /// What running node `k` knows.
    fn outcome(world: &World<Self>, side: &Self::Side, k: u32) -> Outcome;
    /// Whether the coordinating node has every phase-1 reply it waits for.
    fn phase1_done(world: &World<Self>, side: &Self::Side) -> bool;
    /// Nodes outside the script's numbering (clients); they join a partition's first group.
    fn extra_nodes(side: &Self::Side) -> Vec<NodeId>;
    /// The safety checkers of lane `kind`.
    fn invariants(kind: LaneKind) -> Vec<Box<dyn Invariant<World<Self>>>>;
    /// An invariant's report as the lab holds it.
    fn detail(detail: &Self::ViolationDetail) -> LaneDetail;
    /// What running node `k` shows on the page.
    fn view(world: &World<Self>, side: &Self::Side, k: u32) -> NodeView;
}

/// What a lane's broken invariant reports: the commit checkers' or ZooKeeper's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LaneDetail {
    /// From `compare::invariants`.
    Commit(CommitViolation),
    /// From the ZooKeeper stack's `invariants`.
    Zab(ViolationDetail),
}

impl fmt::Display for LaneDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LaneDetail::Commit(d) => d.fmt(f),
            LaneDetail::Zab(d) => d.fmt(f),
        }
    }
}

/// Something a lane reports while the script runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LaneNote {
    /// The command does not apply to this lane.
    Ignored(Ignored),
    /// A conditional command's condition held and it was applied.
    Fired {
        /// Its script line.
        line: usize,
        /// Its text.
        text: String,
        /// When (lane time).
        at: SimDuration,
    },
    /// A fault could not apply.
    Refused(Refused),
    /// The client timed out and resubmitted to another node.
    Resubmitted {
        /// The value.
        value: String,
        /// The node now asked.
        to: u32,
        /// When (lane time).
        at: SimDuration,
    },
    /// `wait until decided` ran out of time.
    NotDecided(Verdict),
    /// The lane hit its event limit.
    StepLimit,
}

/// Why a command does not apply to a lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ignored {
    /// A vote in a lane without votes.
    NoVotes,
    /// A proposal to a node other than the 2PC/3PC coordinator.
    OnlyNode1,
}

/// Why a fault could not apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Crash a node that is down.
    AlreadyDown(u32),
    /// Restart a node that runs.
    Running(u32),
}

impl fmt::Display for Ignored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Ignored::NoVotes => "this lane has no votes",
            Ignored::OnlyNode1 => "only node 1 coordinates",
        })
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::AlreadyDown(k) => write!(f, "node {k} is already down"),
            Refused::Running(k) => write!(f, "node {k} is running"),
        }
    }
}

#[derive(Clone, Debug)]
struct Armed {
    line: usize,
    text: String,
    fault: Fault,
    cond: Cond,
}

#[derive(Clone, Debug)]
struct ClientCall {
    value: String,
    asked: u32,
    deadline: SimTime,
    tries: u32,
}

/// The driver of one lane.
#[derive(Clone, Debug)]
pub struct LaneRun<P: LaneProtocol> {
    kind: LaneKind,
    world: World<P>,
    side: P::Side,
    nodes: u32,
    origin: SimTime,
    armed: Vec<Armed>,
    drops: Vec<(Phase, Vec<NodeId>)>,
    scanned: u64,
    seen_events: u64,
    received: Vec<[bool; 3]>,
    calls: Vec<ClientCall>,
    counters: Counters,
    last_wave: Option<(u64, NodeId)>,
    steps: u64,
}

impl<P: LaneProtocol> LaneRun<P> {
    /// Lane `kind` of `nodes` nodes with `seed`.
    pub fn new(kind: LaneKind, nodes: u32, seed: u64) -> Result<Self, String> {
        let (world, side) = P::build(kind, nodes, seed)?;
        Ok(Self::from_parts(kind, world, side, nodes))
    }

    /// Lane `kind` over a world built elsewhere (tests build deliberately broken ones).
    pub fn from_parts(kind: LaneKind, world: World<P>, side: P::Side, nodes: u32) -> Self {
        let mut world = world.with_trace_capacity(LANE_TRACE_CAPACITY);
        let scanned = world.in_flight().map(|e| e.id.0 + 1).max().unwrap_or(0);
        for inv in P::invariants(kind) {
            world.add_invariant(inv);
        }
        LaneRun {
            kind,
            origin: world.now(),
            seen_events: world.trace().total(),
            world,
            side,
            nodes,
            armed: Vec::new(),
            drops: Vec::new(),
            scanned,
            received: vec![[false; 3]; nodes as usize],
            calls: Vec::new(),
            counters: Counters::default(),
            last_wave: None,
            steps: 0,
        }
    }

    /// The world.
    pub fn world(&self) -> &World<P> {
        &self.world
    }

    /// The lab's side state.
    pub fn side(&self) -> &P::Side {
        &self.side
    }

    fn lane_time(&self) -> SimDuration {
        self.world.now().since(self.origin)
    }

    fn is_down(&self, k: u32) -> bool {
        self.world.node_state(P::node(&self.side, k)) == Some(NodeState::Down)
    }

    fn holds(&self, cond: &Cond) -> bool {
        match cond {
            Cond::Phase1Done => P::phase1_done(&self.world, &self.side),
            Cond::Has(k, phase) => self
                .received
                .get(*k as usize - 1)
                .is_some_and(|r| r[phase.index()]),
        }
    }

    fn apply_fault(&mut self, fault: &Fault) -> Vec<LaneNote> {
        let mut notes = Vec::new();
        match fault {
            Fault::Crash(k) if self.is_down(*k) => {
                notes.push(LaneNote::Refused(Refused::AlreadyDown(*k)))
            }
            Fault::Crash(k) => {
                let id = P::node(&self.side, *k);
                let _ = self.world.apply(Command::Crash(id));
                // What the dead process had sent, and what was on its way to it, is lost
                // (streams break by themselves; datagrams are dropped here).
                let lost: Vec<MsgId> = self
                    .world
                    .in_flight()
                    .filter(|e| e.from == id || e.to == id)
                    .map(|e| e.id)
                    .collect();
                for m in lost {
                    let _ = self.world.apply(Command::DropMessage(m));
                }
            }
            Fault::Restart(k) if !self.is_down(*k) => {
                notes.push(LaneNote::Refused(Refused::Running(*k)))
            }
            Fault::Restart(k) => {
                let _ = self.world.apply(Command::Restart(P::node(&self.side, *k)));
            }
            Fault::RestartAll => {
                for k in 1..=self.nodes {
                    if self.is_down(k) {
                        let _ = self.world.apply(Command::Restart(P::node(&self.side, k)));
                    }
                }
            }
            Fault::Partition(groups) => {
                let mut ids: Vec<Vec<NodeId>> = groups
                    .iter()
                    .map(|g| g.iter().map(|&k| P::node(&self.side, k)).collect())
                    .collect();
                for k in 1..=self.nodes {
                    if !groups.iter().any(|g| g.contains(&k)) {
                        ids[0].push(P::node(&self.side, k));
                    }
                }
                ids[0].extend(P::extra_nodes(&self.side));
                let _ = self.world.apply(Command::Partition(ids));
            }
            Fault::Heal => {
                self.drops.clear();
                let _ = self.world.apply(Command::Heal);
            }
        }
        self.after_change();
        notes
    }

    /// Look at what the last event (or command) did: deliveries, new messages, drop
    /// rules. Conditions are checked by the caller.
    fn after_change(&mut self) {
        let total = self.world.trace().total();
        let new = (total - self.seen_events).min(self.world.trace().capacity() as u64) as usize;
        self.seen_events = total;
        let mut delivered: Vec<(NodeId, Phase)> = Vec::new();
        for ev in self.world.trace().tail(new) {
            if let TraceKind::Delivered { to, msg, .. } = &ev.kind {
                if let Some(p) = P::phase(msg) {
                    delivered.push((*to, p));
                }
            }
        }
        for (to, p) in delivered {
            if let Some(k) = (1..=self.nodes).find(|&k| P::node(&self.side, k) == to) {
                self.received[k as usize - 1][p.index()] = true;
            }
        }
        let step = self.world.steps();
        let mut doomed: Vec<(MsgId, NodeId, NodeId, Transport)> = Vec::new();
        let mut highest = self.scanned;
        for env in self.world.in_flight().filter(|e| e.id.0 >= self.scanned) {
            highest = highest.max(env.id.0 + 1);
            let Some(phase) = P::phase(&env.msg) else {
                continue;
            };
            self.counters.messages += 1;
            if P::is_request(&env.msg) && self.last_wave != Some((step, env.from)) {
                self.last_wave = Some((step, env.from));
                self.counters.round_trips += 1;
            }
            if self
                .drops
                .iter()
                .any(|(p, to)| *p == phase && to.contains(&env.to))
            {
                doomed.push((env.id, env.from, env.to, env.transport));
            }
        }
        self.scanned = highest;
        for (id, from, to, transport) in doomed {
            self.lose(id, from, to, transport);
        }
        self.seen_events = self.world.trace().total();
        if self.counters.decided_after.is_none() && self.verdict().is_decided() {
            if let Some(start) = self.counters.first_request {
                self.counters.decided_after =
                    Some(SimDuration(self.lane_time().0.saturating_sub(start.0)));
            }
        }
    }

    /// Lose one message. A datagram just vanishes; a stream cannot lose one message and
    /// go on (TCP would retransmit it), so losing it breaks the connection, as a path
    /// that loses everything for long enough does: the link is cut and mended at once.
    fn lose(&mut self, id: MsgId, from: NodeId, to: NodeId, transport: Transport) {
        if self.world.envelope(id).is_none() {
            return;
        }
        match transport {
            Transport::Datagram => {
                let _ = self.world.apply(Command::DropMessage(id));
            }
            Transport::Stream if self.world.net().reachable_both(from, to) => {
                let _ = self.world.apply(Command::CutLink {
                    from,
                    to,
                    one_way: false,
                });
                let _ = self.world.apply(Command::HealLink(from, to));
            }
            Transport::Stream => {}
        }
    }

    fn fire_armed(&mut self, notes: &mut Vec<LaneNote>) {
        let mut i = 0;
        while i < self.armed.len() {
            if self.holds(&self.armed[i].cond) {
                let a = self.armed.remove(i);
                notes.push(LaneNote::Fired {
                    line: a.line,
                    text: a.text.clone(),
                    at: self.lane_time(),
                });
                notes.extend(self.apply_fault(&a.fault));
            } else {
                i += 1;
            }
        }
    }

    fn client_deadlines(&mut self, notes: &mut Vec<LaneNote>) {
        let now = self.world.now();
        let mut i = 0;
        while i < self.calls.len() {
            if self.calls[i].deadline > now {
                i += 1;
                continue;
            }
            let asked = self.calls[i].asked;
            if P::answered(&self.world, &self.side, asked) || self.calls[i].tries >= RESUBMITS_MAX {
                self.calls.remove(i);
                continue;
            }
            let next = asked % self.nodes + 1;
            let call = &mut self.calls[i];
            call.asked = next;
            call.tries += 1;
            call.deadline = now.after(CLIENT_TIMEOUT);
            let value = call.value.clone();
            notes.push(LaneNote::Resubmitted {
                value: value.clone(),
                to: next,
                at: self.lane_time(),
            });
            P::submit(&mut self.world, &mut self.side, next, &value);
            self.after_change();
            i += 1;
        }
    }

    /// Run until lane time `until` or until `stop` holds; true if it stopped.
    fn advance(&mut self, until: SimDuration, stop: fn(&Self) -> bool) -> (bool, Vec<LaneNote>) {
        let mut notes = Vec::new();
        loop {
            if let Some(done) = self.advance_step(until, stop, &mut notes) {
                return (done, notes);
            }
        }
    }

    /// One turn of [`Self::advance`]: one event or client deadline, then the armed
    /// conditions. `Some(stopped)` when the run to `until` is over.
    fn advance_step(
        &mut self,
        until: SimDuration,
        stop: fn(&Self) -> bool,
        notes: &mut Vec<LaneNote>,
    ) -> Option<bool> {
        let until = self.origin.after(until);
        if stop(self) {
            return Some(true);
        }
        if self.steps >= STEPS_MAX {
            notes.push(LaneNote::StepLimit);
            return Some(false);
        }
        let next_event = self.world.next_event_time();
        let next_call = self.calls.iter().map(|c| c.deadline).min();
        let call_first = match (next_call, next_event) {
            (Some(c), Some(e)) => c <= e,
            (Some(_), None) => true,
            _ => false,
        };
        let t = if call_first { next_call } else { next_event };
        match t {
            Some(t) if t <= until => {}
            _ => {
                let _ = self.world.advance_clock_to(until.max(self.world.now()));
                return Some(false);
            }
        }
        if call_first {
            let _ = self.world.advance_clock_to(next_call.unwrap_or(until));
            self.client_deadlines(notes);
        } else {
            if !self.world.step() {
                return None;
            }
            self.steps += 1;
            self.after_change();
        }
        self.fire_armed(notes);
        None
    }

    /// Whether a script node is down or two of them cannot reach each other.
    fn something_failed(&self) -> bool {
        (1..=self.nodes).any(|k| self.is_down(k))
            || (1..=self.nodes).any(|a| {
                (a + 1..=self.nodes).any(|b| {
                    !self
                        .world
                        .net()
                        .reachable_both(P::node(&self.side, a), P::node(&self.side, b))
                })
            })
    }

    /// Script node of kernel node `id`, if it is one.
    fn script_node(&self, id: NodeId) -> Option<u32> {
        (1..=self.nodes).find(|&k| P::node(&self.side, k) == id)
    }
}

/// A message in flight as the page draws it (script nodes, progress at a moment).
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    /// Kernel message id.
    pub id: u64,
    /// Sending script node.
    pub from: u32,
    /// Receiving script node.
    pub to: u32,
    /// Kind label.
    pub kind: &'static str,
    /// Its phase.
    pub phase: Option<Phase>,
    /// Fraction of the way travelled, 0..=1.
    pub progress: f64,
}

/// A delivered or lost message, for the sequence diagram (script nodes, lane time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneArrow {
    /// Sending script node.
    pub from: u32,
    /// Receiving script node.
    pub to: u32,
    /// Sent at (lane time).
    pub sent: SimDuration,
    /// Delivered or lost at (lane time).
    pub end: SimDuration,
    /// Kind label.
    pub kind: &'static str,
    /// Lost.
    pub dropped: bool,
    /// Trace sequence number.
    pub seq: u64,
}

/// Messages in flight a lane draws at most.
pub const FLIGHTS_MAX: usize = 200;

/// The object-safe face of a lane.
pub trait Lane {
    /// Which lane.
    fn kind(&self) -> LaneKind;
    /// Node count.
    fn nodes(&self) -> u32;
    /// Participant `k` will vote `yes`.
    fn vote(&mut self, k: u32, yes: bool) -> Vec<LaneNote>;
    /// A client asks node `at` to commit `value`.
    fn propose(&mut self, value: &str, at: u32) -> Vec<LaneNote>;
    /// A fault now, or armed until `when` holds.
    fn fault(
        &mut self,
        line: usize,
        text: &str,
        fault: &Fault,
        when: Option<Cond>,
    ) -> Vec<LaneNote>;
    /// Lose `phase` messages to these nodes until `heal`.
    fn drop_phase(&mut self, phase: Phase, to: &[u32]);
    /// Let `d` pass.
    fn wait(&mut self, d: SimDuration) -> Vec<LaneNote>;
    /// Run until every running node has decided, at most `limit`.
    fn wait_decided(&mut self, limit: SimDuration) -> Vec<LaneNote>;
    /// Every node's outcome, node 1 first.
    fn outcomes(&self) -> Vec<NodeOutcome>;
    /// The verdict.
    fn verdict(&self) -> Verdict {
        verdict(&self.outcomes())
    }
    /// The counters.
    fn counters(&self) -> Counters;
    /// Broken invariants.
    fn violations(&self) -> Vec<Violation<LaneDetail>>;
    /// Conditional commands whose condition never held: (line, text).
    fn unfired(&self) -> Vec<(usize, String)>;
    /// The trace hash of the lane's world.
    fn trace_hash(&self) -> u64;
    /// Lane time (since the script started).
    fn now(&self) -> SimDuration;
    /// When (lane time) the next event or client deadline is due, if any.
    fn next_action(&self) -> Option<SimDuration>;
    /// One event or client deadline of a run to lane time `until` (stopping early when
    /// decided, if asked): `Some(stopped)` when that run is over. `wait` and
    /// `wait_decided` are these turns in a loop.
    fn advance_one(
        &mut self,
        until: SimDuration,
        until_decided: bool,
        notes: &mut Vec<LaneNote>,
    ) -> Option<bool>;
    /// Node `k`'s view, if it runs.
    fn node_view(&self, k: u32) -> Option<NodeView>;
    /// Messages in flight between script nodes, as they stand at lane time `at`.
    fn flights(&self, at: SimDuration) -> Vec<Flight>;
    /// Messages in flight (all of them).
    fn in_flight(&self) -> usize;
    /// The newest delivered or lost messages between script nodes, among the last
    /// `scan` trace events, oldest first.
    fn arrows(&self, scan: usize) -> Vec<LaneArrow>;
}

impl<P: LaneProtocol> Lane for LaneRun<P> {
    fn kind(&self) -> LaneKind {
        self.kind
    }

    fn nodes(&self) -> u32 {
        self.nodes
    }

    fn vote(&mut self, k: u32, yes: bool) -> Vec<LaneNote> {
        if P::vote(&mut self.world, &mut self.side, k, yes) {
            Vec::new()
        } else {
            vec![LaneNote::Ignored(Ignored::NoVotes)]
        }
    }

    fn propose(&mut self, value: &str, at: u32) -> Vec<LaneNote> {
        let mut notes = Vec::new();
        if self.counters.first_request.is_none() {
            self.counters.first_request = Some(self.lane_time());
        }
        let retries = self.kind.client_retries();
        if !retries && at != 1 {
            notes.push(LaneNote::Ignored(Ignored::OnlyNode1));
            return notes;
        }
        P::submit(&mut self.world, &mut self.side, at, value);
        if retries {
            self.calls.push(ClientCall {
                value: value.to_string(),
                asked: at,
                deadline: self.world.now().after(CLIENT_TIMEOUT),
                tries: 0,
            });
        }
        self.after_change();
        self.fire_armed(&mut notes);
        notes
    }

    fn fault(
        &mut self,
        line: usize,
        text: &str,
        fault: &Fault,
        when: Option<Cond>,
    ) -> Vec<LaneNote> {
        let mut notes = Vec::new();
        match when {
            None => notes.extend(self.apply_fault(fault)),
            Some(cond) => self.armed.push(Armed {
                line,
                text: text.to_string(),
                fault: fault.clone(),
                cond,
            }),
        }
        self.fire_armed(&mut notes);
        notes
    }

    fn drop_phase(&mut self, phase: Phase, to: &[u32]) {
        let ids = to.iter().map(|&k| P::node(&self.side, k)).collect();
        self.drops.push((phase, ids));
    }

    fn wait(&mut self, d: SimDuration) -> Vec<LaneNote> {
        let until = SimDuration(self.lane_time().0.saturating_add(d.0));
        self.advance(until, |_| false).1
    }

    fn wait_decided(&mut self, limit: SimDuration) -> Vec<LaneNote> {
        let until = SimDuration(self.lane_time().0.saturating_add(limit.0));
        let (done, mut notes) = self.advance(until, |lane| lane.verdict().is_decided());
        if !done {
            notes.push(LaneNote::NotDecided(self.verdict()));
        }
        notes
    }

    fn outcomes(&self) -> Vec<NodeOutcome> {
        (1..=self.nodes)
            .map(|k| {
                if self.is_down(k) {
                    NodeOutcome::Down
                } else {
                    NodeOutcome::Up(P::outcome(&self.world, &self.side, k))
                }
            })
            .collect()
    }

    fn verdict(&self) -> Verdict {
        // Uncertain nodes are blocked only while something has failed: a node is down or
        // the network is split. With everyone up and connected they are just waiting
        // (2PC participants mid-round, or asking the coordinator again).
        match verdict(&self.outcomes()) {
            Verdict::Blocked if !self.something_failed() => Verdict::Undecided,
            v => v,
        }
    }

    fn counters(&self) -> Counters {
        self.counters.clone()
    }

    fn violations(&self) -> Vec<Violation<LaneDetail>> {
        self.world
            .violations()
            .iter()
            .map(|v| Violation {
                invariant: v.invariant,
                details: P::detail(&v.details),
                step: v.step,
                time: v.time,
            })
            .collect()
    }

    fn unfired(&self) -> Vec<(usize, String)> {
        self.armed
            .iter()
            .map(|a| (a.line, a.text.clone()))
            .collect()
    }

    fn trace_hash(&self) -> u64 {
        self.world.trace_hash()
    }

    fn now(&self) -> SimDuration {
        self.lane_time()
    }

    fn next_action(&self) -> Option<SimDuration> {
        let next_call = self.calls.iter().map(|c| c.deadline).min();
        let t = match (self.world.next_event_time(), next_call) {
            (Some(e), Some(c)) => e.min(c),
            (e, c) => e.or(c)?,
        };
        Some(t.since(self.origin))
    }

    fn advance_one(
        &mut self,
        until: SimDuration,
        until_decided: bool,
        notes: &mut Vec<LaneNote>,
    ) -> Option<bool> {
        let stop: fn(&Self) -> bool = if until_decided {
            |lane| lane.verdict().is_decided()
        } else {
            |_| false
        };
        self.advance_step(until, stop, notes)
    }

    fn node_view(&self, k: u32) -> Option<NodeView> {
        if self.is_down(k) {
            return None;
        }
        Some(P::view(&self.world, &self.side, k))
    }

    fn flights(&self, at: SimDuration) -> Vec<Flight> {
        let at = self.origin.after(at);
        self.world
            .in_flight()
            .filter_map(|e| {
                let (from, to) = (self.script_node(e.from)?, self.script_node(e.to)?);
                let span = e.deliver_at.0.saturating_sub(e.sent_at.0);
                let done = at.0.saturating_sub(e.sent_at.0);
                let progress = if span == 0 {
                    1.0
                } else {
                    (done as f64 / span as f64).clamp(0.0, 1.0)
                };
                Some(Flight {
                    id: e.id.0,
                    from,
                    to,
                    kind: e.msg.kind(),
                    phase: P::phase(&e.msg),
                    progress,
                })
            })
            .take(FLIGHTS_MAX)
            .collect()
    }

    fn in_flight(&self) -> usize {
        self.world.in_flight().count()
    }

    fn arrows(&self, scan: usize) -> Vec<LaneArrow> {
        crate::view::arrows(&self.world, scan)
            .into_iter()
            .filter_map(|a| {
                Some(LaneArrow {
                    from: self.script_node(a.from)?,
                    to: self.script_node(a.to)?,
                    sent: a.sent_at.since(self.origin),
                    end: a.end_at.since(self.origin),
                    kind: a.kind,
                    dropped: a.dropped,
                    seq: a.seq,
                })
            })
            .collect()
    }
}
