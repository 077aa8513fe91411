//! Kernel behaviour: determinism, time travel, reproduction keys, faults.

use proptest::prelude::*;
use zooscope_core::command::Command;
use zooscope_core::protocols::pingpong::{
    self, PingPongConfig, PingPongNode, PingPongRequest, GOLDEN_TRACE_HASH,
};
use zooscope_core::timeline::ReplayRefusal;
use zooscope_core::trace::{DropReason, TraceKind};
use zooscope_core::{
    CommandError, KeyError, NetConfig, NodeId, NodeState, ReproKey, SimTime, Timeline, Transport,
    World,
};

type PP = PingPongNode;

fn ring(nodes: u32, seed: u64) -> World<PP> {
    pingpong::world(
        PingPongConfig {
            nodes,
            balls: 2,
            ..PingPongConfig::default()
        },
        NetConfig::default(),
        seed,
    )
}

#[test]
fn golden_key_replays_to_the_pinned_hash() {
    let (text, expected) = pingpong::golden();
    let key = ReproKey::<PP>::decode(&text).expect("golden key decodes");
    let world = key.replay().expect("golden key replays");
    assert_eq!(world.steps(), 5_000);
    assert_eq!(
        world.trace_hash(),
        expected,
        "trace hash changed: {:#x}",
        world.trace_hash()
    );
    assert_eq!(expected, GOLDEN_TRACE_HASH);
}

#[test]
fn same_seed_same_trace_different_seed_different_trace() {
    let mut a = ring(3, 7);
    let mut b = ring(3, 7);
    let mut c = ring(3, 8);
    for w in [&mut a, &mut b, &mut c] {
        w.run_steps(3_000);
    }
    assert_eq!(a.trace_hash(), b.trace_hash());
    assert_eq!(a.state_hash(), b.state_hash());
    assert_ne!(a.trace_hash(), c.trace_hash());
}

#[test]
fn key_round_trip_reproduces_the_run() {
    let mut w = ring(4, 99);
    w.run_until(SimTime(1_000_000), 100_000);
    w.apply(Command::Crash(NodeId(1))).unwrap();
    w.run_until(SimTime(3_000_000), 100_000);
    w.apply(Command::Restart(NodeId(1))).unwrap();
    w.run_until(SimTime(5_000_000), 100_000);
    let key = ReproKey::of(&w, &NetConfig::default(), Some(w.position()));
    let text = key.encode();
    assert!(text.starts_with("zs1."));
    assert!(text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
    let again = ReproKey::<PP>::decode(&text).unwrap().replay().unwrap();
    assert_eq!(again.trace_hash(), w.trace_hash());
    assert_eq!(again.state_hash(), w.state_hash());
}

#[test]
fn malformed_keys_get_clear_errors() {
    let (good, _) = pingpong::golden();
    assert_eq!(ReproKey::<PP>::decode("").err(), Some(KeyError::Empty));
    assert_eq!(
        ReproKey::<PP>::decode("hello").err(),
        Some(KeyError::WrongPrefix)
    );
    assert_eq!(
        ReproKey::<PP>::decode("zs1.$$$").err(),
        Some(KeyError::NotBase64)
    );
    assert_eq!(
        ReproKey::<PP>::decode("zs1.AA").err(),
        Some(KeyError::Truncated)
    );
    // Flip one character in the middle: the checksum catches it.
    let mut chars: Vec<char> = good.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = if chars[mid] == 'A' { 'B' } else { 'A' };
    let tampered: String = chars.into_iter().collect();
    assert_eq!(
        ReproKey::<PP>::decode(&tampered).err(),
        Some(KeyError::Checksum)
    );
    // Cut short.
    assert!(ReproKey::<PP>::decode(&good[..good.len() - 3]).is_err());
    // Every error has a human message.
    for e in [KeyError::Empty, KeyError::Checksum, KeyError::NotBase64] {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn a_key_with_an_impossible_command_fails_replay_cleanly() {
    let mut key = pingpong::golden_key();
    key.log[0].command = Command::Restart(NodeId(0)); // node 0 is running: wrong state
    let text = key.encode();
    let err = ReproKey::<PP>::decode(&text).unwrap().replay().unwrap_err();
    assert!(matches!(err, KeyError::Replay(_)), "{err:?}");
    let mut key = pingpong::golden_key();
    key.log[0].command = Command::Crash(NodeId(77));
    let err = ReproKey::<PP>::decode(&key.encode())
        .unwrap()
        .replay()
        .unwrap_err();
    assert!(err.to_string().contains("no node 77"), "{err}");
    let mut key = pingpong::golden_key();
    key.position = Some(zooscope_core::Position {
        step: u64::MAX,
        time: SimTime(0),
    });
    assert!(key.replay().is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Arbitrary text never panics the decoder.
    #[test]
    fn decode_never_panics(s in ".{0,200}") {
        let _ = ReproKey::<PP>::decode(&s);
        let _ = ReproKey::<PP>::decode(&format!("zs1.{s}"));
    }

    /// Arbitrary bytes behind a valid checksum never panic the decoder or the replay.
    #[test]
    fn checksummed_garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        use base64::Engine;
        let mut h = zooscope_core::hash::StableHasher::new();
        std::hash::Hasher::write(&mut h, &bytes);
        let v = std::hash::Hasher::finish(&h);
        let mut all = bytes.clone();
        all.extend_from_slice(&((v >> 32) as u32 ^ v as u32).to_le_bytes());
        let text = format!("zs1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(all));
        if let Ok(key) = ReproKey::<PP>::decode(&text) {
            let mut key = key;
            key.position = key.position.map(|p| zooscope_core::Position { step: p.step.min(20_000), time: p.time });
            if key.log.iter().all(|l| l.at_step < 20_000) {
                let _ = key.replay();
            }
        }
    }

    /// Checkpoint + replay reaches the same state as a straight run, whatever the
    /// schedule of faults and where we rewind to.
    #[test]
    fn rewind_and_replay_matches_straight_run(
        seed in 0u64..1_000,
        faults in proptest::collection::vec((1u64..600, 0u8..8, 0u32..4), 0..8),
        rewind_to in 0u64..3_000,
    ) {
        let mut straight = Timeline::new(ring(4, seed));
        let mut checkpoints_at = Vec::new();
        for (gap, kind, node) in &faults {
            straight.run_until(SimTime(straight.world().now().0 + gap * 10_000), 100_000);
            let n = NodeId(*node);
            let cmd = match kind {
                0 => Command::Crash(n),
                1 => Command::Restart(n),
                2 => Command::Partition(vec![vec![NodeId(0), n]]),
                3 => Command::Heal,
                4 => Command::Pause(n),
                5 => Command::Resume(n),
                6 => Command::Clog(n, NodeId((node + 1) % 4)),
                _ => Command::Unclog(n, NodeId((node + 1) % 4)),
            };
            let _ = straight.apply(cmd); // wrong-state commands are refused, and that is fine
            checkpoints_at.push(straight.world().steps());
        }
        straight.run_until(SimTime(straight.world().now().0 + 2_000_000), 100_000);
        let end = straight.world().steps();
        let end_position = straight.world().position();
        let end_hash = straight.world().state_hash();
        let end_trace = straight.world().trace_hash();

        // Rewind somewhere, then play forward to the end again.
        let target = rewind_to.min(end);
        straight.seek(target).unwrap();
        prop_assert_eq!(straight.world().steps(), target);
        straight.seek_position(end_position).unwrap();
        prop_assert_eq!(straight.world().state_hash(), end_hash);
        prop_assert_eq!(straight.world().trace_hash(), end_trace);

        // And the key of the run reproduces it from scratch.
        let replayed = ReproKey::<PP>::decode(&straight.key().encode()).unwrap().replay().unwrap();
        prop_assert_eq!(replayed.state_hash(), end_hash);
        prop_assert_eq!(replayed.trace_hash(), end_trace);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// A world driven frame by frame (the clock moving between events, as the lab and the
    /// CLI drive it) replays from its key to the identical trace and state, whatever
    /// faults were applied at whatever times.
    #[test]
    fn frame_driven_runs_replay_exactly(
        seed in 0u64..1_000,
        frames in proptest::collection::vec((1u64..400, 0u8..10, 0u32..4), 1..12),
    ) {
        let mut w = ring(4, seed);
        for (frame_ms, kind, node) in frames {
            w.run_until(SimTime(w.now().0 + frame_ms * 1_000), 100_000);
            let n = NodeId(node);
            let next = NodeId((node + 1) % 4);
            let cmd = match kind {
                0 => Command::Crash(n),
                1 => Command::Restart(n),
                2 => Command::Pause(n),
                3 => Command::Resume(n),
                4 => Command::Clog(n, next),
                5 => Command::Unclog(n, next),
                6 => Command::CutLink { from: n, to: next, one_way: node % 2 == 0 },
                7 => Command::Heal,
                8 => Command::Request(n, PingPongRequest::Launch),
                _ => Command::Partition(vec![vec![n]]),
            };
            let _ = w.apply(cmd);
        }
        w.run_until(SimTime(w.now().0 + 500_000), 100_000);
        let key = ReproKey::of(&w, &NetConfig::default(), Some(w.position()));
        let replayed = ReproKey::<PP>::decode(&key.encode()).unwrap().replay().unwrap();
        prop_assert_eq!(replayed.trace_hash(), w.trace_hash());
        prop_assert_eq!(replayed.state_hash(), w.state_hash());
    }
}

#[test]
fn acting_in_the_past_forks_the_run() {
    let mut t = Timeline::new(ring(3, 5));
    t.run_until(SimTime(2_000_000), 1_000_000);
    t.apply(Command::Crash(NodeId(1))).unwrap();
    t.run_until(SimTime(4_000_000), 1_000_000);
    let end = t.world().steps();
    t.seek(end / 4).unwrap();
    assert_eq!(t.future().len(), 1, "the crash lies ahead");
    t.apply(Command::Crash(NodeId(2))).unwrap();
    assert!(t.future().is_empty(), "forking discards the old future");
    assert_eq!(t.furthest_step(), end / 4);
    let log = t.world().command_log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].command, Command::Crash(NodeId(2)));
}

/// A key whose later command cannot be re-applied (node 1 crashed twice), pointing at a
/// position before it, plus that position's step.
fn key_with_a_bad_later_command() -> (ReproKey<PP>, u64) {
    let mut t = Timeline::new(ring(3, 5));
    t.run_until(SimTime(500_000), 1_000_000);
    let early = t.world().position();
    t.run_until(SimTime(1_000_000), 1_000_000);
    t.apply(Command::Crash(NodeId(1))).unwrap();
    t.run_until(SimTime(2_000_000), 1_000_000);
    let mut key = t.key();
    let mut again = key.log[0].clone();
    again.at_step = t.world().steps();
    again.at_time = t.world().now();
    key.log.push(again);
    key.position = Some(early);
    (key, early.step)
}

#[test]
fn a_command_that_cannot_be_replayed_stops_the_run_and_is_kept() {
    let (key, early) = key_with_a_bad_later_command();
    let bad_step = key.log[1].at_step;
    let mut t = Timeline::from_key(&key).expect("the key's position lies before the bad command");
    assert_eq!(t.world().steps(), early);
    assert!(t.replay_error().is_none());
    t.run_until(SimTime(10_000_000), 1_000_000);
    let e = t
        .replay_error()
        .expect("the refused command is reported")
        .clone();
    assert_eq!(e.index, 1, "the second command of the log");
    assert_eq!(e.at_step, bad_step);
    assert_eq!(e.command, Command::Crash(NodeId(1)));
    assert_eq!(
        e.reason,
        ReplayRefusal::Command(CommandError::WrongState {
            node: NodeId(1),
            expected: "running",
        })
    );
    assert_eq!(t.world().steps(), bad_step, "the run stops right before it");
    assert!(!t.step(), "stepping waits at the refused command");
    assert_eq!(t.world().steps(), bad_step);
    assert_eq!(
        t.future().len(),
        1,
        "the refused command stays in the future"
    );
    assert_eq!(t.key().log, key.log, "nothing of the log is lost");
    // Rewinding and playing again meets the same command; seeking says so too.
    t.seek(early).unwrap();
    assert!(t.replay_error().is_none());
    t.seek(bad_step + 100).unwrap();
    assert_eq!(t.replay_error(), Some(&e));
    assert_eq!(t.world().steps(), bad_step);
    // Acting forks the run: the learner's new command replaces the stuck future.
    t.apply(Command::Restart(NodeId(1))).unwrap();
    assert!(t.replay_error().is_none());
    assert!(t.step());
}

#[test]
fn a_key_whose_log_cannot_be_replayed_is_refused() {
    let (mut key, _) = key_with_a_bad_later_command();
    key.position = None;
    match Timeline::from_key(&key) {
        Err(KeyError::Replay(why)) => assert!(why.contains("command 2"), "{why}"),
        other => panic!("expected a replay error, got {:?}", other.map(|_| ())),
    }
    assert!(matches!(key.replay(), Err(KeyError::Replay(_))));
}

#[test]
fn seeking_keeps_the_trace_log_consistent() {
    let mut t = Timeline::new(ring(3, 11));
    t.run_until(SimTime(3_000_000), 1_000_000);
    let end = t.world().steps();
    let before: Vec<String> = t.world().trace().events().map(|e| e.to_string()).collect();
    t.seek(end / 3).unwrap();
    t.seek(end).unwrap();
    let after: Vec<String> = t.world().trace().events().map(|e| e.to_string()).collect();
    assert_eq!(before, after);
}

#[test]
fn crash_breaks_streams_keeps_disk_and_restart_reconnects() {
    let mut w = ring(3, 3);
    w.run_until(SimTime(1_000_000), 100_000);
    let forwarded = w.disk(NodeId(1)).unwrap().forwarded;
    assert!(forwarded > 0);
    w.apply(Command::Crash(NodeId(1))).unwrap();
    assert_eq!(w.node_state(NodeId(1)), Some(NodeState::Down));
    assert!(w.node(NodeId(1)).is_none(), "volatile state is gone");
    assert_eq!(
        w.disk(NodeId(1)).unwrap().forwarded,
        forwarded,
        "disk survives"
    );
    assert!(!w.net().connection(NodeId(0), NodeId(1)).up);
    assert!(w
        .in_flight()
        .all(|e| e.from != NodeId(1) && e.to != NodeId(1)));
    w.run_until(SimTime(2_000_000), 100_000);
    w.apply(Command::Restart(NodeId(1))).unwrap();
    w.run_until(SimTime(3_000_000), 100_000);
    assert!(w.net().connection(NodeId(1), NodeId(2)).up);
    assert!(
        w.net().connection(NodeId(0), NodeId(1)).up,
        "node 0 retried on its tick"
    );
}

#[test]
fn partition_loses_in_flight_stream_messages_and_heal_recovers() {
    let mut w = ring(2, 4);
    w.run_until(SimTime(500_000), 100_000);
    assert!(w.in_flight().count() > 0);
    w.apply(Command::Partition(vec![vec![NodeId(0)], vec![NodeId(1)]]))
        .unwrap();
    assert_eq!(w.in_flight().count(), 0);
    let dropped = w
        .trace()
        .events()
        .filter(|e| {
            matches!(
                e.kind,
                TraceKind::Dropped {
                    reason: DropReason::Partition,
                    ..
                }
            )
        })
        .count();
    assert!(dropped > 0);
    w.apply(Command::Heal).unwrap();
    w.apply(Command::Request(NodeId(0), PingPongRequest::Launch))
        .unwrap();
    // Node 0 still believes it is connected; its send is lost with "no connection".
    let last = w.trace().events().last().unwrap().to_string();
    assert!(last.contains("no connection"), "{last}");
}

#[test]
fn pause_defers_events_until_resume() {
    let mut w = ring(2, 9);
    w.run_until(SimTime(300_000), 100_000);
    w.apply(Command::Pause(NodeId(1))).unwrap();
    let received = w.node(NodeId(1)).unwrap().received;
    w.run_until(SimTime(1_300_000), 100_000);
    assert_eq!(w.node(NodeId(1)).unwrap().received, received, "frozen");
    w.apply(Command::Resume(NodeId(1))).unwrap();
    w.run_until(SimTime(1_400_000), 100_000);
    assert!(w.node(NodeId(1)).unwrap().received > received);
}

#[test]
fn user_can_drop_and_delay_a_chosen_message() {
    let mut w = ring(2, 12);
    w.run_until(SimTime(200_000), 100_000);
    let first = w.in_flight().next().unwrap().id;
    let at = w.envelope(first).unwrap().deliver_at;
    w.apply(Command::DelayMessage(
        first,
        zooscope_core::SimDuration::from_millis(500),
    ))
    .unwrap();
    assert_eq!(
        w.envelope(first).unwrap().deliver_at.0,
        at.0 + 500_000,
        "delayed"
    );
    w.apply(Command::DropMessage(first)).unwrap();
    assert!(w.envelope(first).is_none());
    assert!(
        w.apply(Command::DropMessage(first)).is_err(),
        "already gone"
    );
}

#[test]
fn datagrams_can_be_lost_and_duplicated() {
    let net = NetConfig {
        loss_permille: 200,
        duplicate_permille: 200,
        ..NetConfig::default()
    };
    let mut w = pingpong::world(
        PingPongConfig {
            nodes: 3,
            balls: 20,
            transport: Transport::Datagram,
            tick_us: 100_000,
        },
        net,
        1,
    );
    w.run_until(SimTime(100_000), 100_000);
    let lost = w
        .trace()
        .events()
        .filter(|e| {
            matches!(
                e.kind,
                TraceKind::Dropped {
                    reason: DropReason::Loss,
                    ..
                }
            )
        })
        .count();
    assert!(lost > 0);
    let delivered = w
        .trace()
        .events()
        .filter(|e| matches!(e.kind, TraceKind::Delivered { .. }))
        .count();
    assert!(delivered > 0);
}

#[derive(Debug, Clone)]
struct NobodyReceivesThreeBalls;

impl zooscope_core::invariant::Invariant<World<PP>> for NobodyReceivesThreeBalls {
    fn name(&self) -> &'static str {
        "test-at-most-two-balls"
    }
    fn check(&mut self, world: &World<PP>, problems: &mut Vec<String>) {
        for id in world.node_ids() {
            if let Some(n) = world.node(id) {
                if n.received == 3 {
                    problems.push(format!("{id} received a third ball"));
                }
            }
        }
    }
    fn clone_box(&self) -> Box<dyn zooscope_core::invariant::Invariant<World<PP>>> {
        Box::new(self.clone())
    }
}

#[test]
fn invariant_violations_become_trace_events() {
    let mut w = ring(2, 1);
    w.add_invariant(Box::new(NobodyReceivesThreeBalls));
    w.run_until(SimTime(1_000_000), 100_000);
    assert!(!w.violations().is_empty());
    assert!(w
        .trace()
        .events()
        .any(|e| matches!(e.kind, TraceKind::Violation { .. })));
}

/// A crafted key cannot switch on a test-only fault or carry a config the lab cannot set.
#[test]
fn keys_with_test_faults_or_invalid_configs_are_refused() {
    use zooscope_core::protocols::zookeeper::node::ZkNode;
    use zooscope_core::protocols::zookeeper::replication::config::ZkConfig;
    use zooscope_core::repro::{KeyError, ReproKey};
    let key = |config: ZkConfig| ReproKey::<ZkNode> {
        protocol: "zookeeper".into(),
        config,
        net: zooscope_core::net::NetConfig::default(),
        seed: 3,
        log: Vec::new(),
        position: None,
    };
    let healthy = key(ZkConfig::ensemble(3, &[]));
    assert_eq!(
        ReproKey::<ZkNode>::decode(&healthy.encode())
            .unwrap()
            .config,
        healthy.config
    );
    // Encoding never writes a fault: the faulty config's key is the healthy key.
    let mut faulty = healthy.clone();
    faulty.config.faults.commit_without_quorum = true;
    assert_eq!(faulty.encode(), healthy.encode());
    // A crafted key that sets the fault byte anyway (the last byte of the config, just
    // before the net config) is refused, naming the fault.
    let body = |k: &ReproKey<ZkNode>| postcard::to_allocvec(k).unwrap();
    let plain = body(&healthy);
    let net = postcard::to_allocvec(&healthy.net).unwrap();
    let at = (0..plain.len())
        .rev()
        .find(|&i| plain[i + 1..].starts_with(&net))
        .expect("net config follows the config");
    assert_eq!(plain[at], 0, "the fault byte");
    let mut crafted = plain.clone();
    crafted[at] = 1;
    let text = with_checksum(crafted);
    match ReproKey::<ZkNode>::decode(&text) {
        Err(KeyError::Replay(why)) => assert!(why.contains("commit_without_quorum"), "{why}"),
        other => panic!("a faulty key was accepted: {other:?}"),
    }
    // Configs the lab's controls cannot make.
    let mut bad = Vec::new();
    let mut dup = healthy.clone();
    dup.config.servers[1].sid = 1;
    bad.push(("duplicate ids", dup));
    let mut zero = healthy.clone();
    zero.config.servers[0].sid = 0;
    bad.push(("id 0", zero));
    let mut big = healthy.clone();
    big.config.servers[2].sid = 256;
    bad.push(("id above 255", big));
    let mut watchers = healthy.clone();
    watchers.config = ZkConfig::ensemble(3, &[1, 2, 3]);
    bad.push(("observers only", watchers));
    let mut tick = healthy.clone();
    tick.config.tick_ms = u64::MAX;
    bad.push(("tickTime u64::MAX", tick));
    for (what, k) in bad {
        assert!(
            matches!(
                ReproKey::<ZkNode>::decode(&k.encode()),
                Err(KeyError::Replay(_))
            ),
            "{what} accepted"
        );
    }
}

/// The text form of key bytes: `zs1.` + base64url of the bytes and their checksum
/// (computed by encoding a key, the only public way; so re-derive it from `encode`).
fn with_checksum(payload: Vec<u8>) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let mut bytes = payload.clone();
    bytes.extend_from_slice(&zooscope_core::repro::checksum(&payload));
    format!("zs1.{}", URL_SAFE_NO_PAD.encode(bytes))
}
