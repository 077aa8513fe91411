//! The comparison lab end to end: every preset's verdicts, determinism, the fuzzer's
//! findings per lane, and deliberately broken protocols that each invariant catches.

use super::fuzz::{run_seed, run_seed_on};
use super::lane::{Lane, LaneRun};
use super::presets::{preset, PRESETS};
use super::script::LaneKind;
use super::verdict::Verdict;
use super::{run_text, Report};
use crate::net::NetConfig;
use crate::protocols::commit::CommitNode;
use crate::protocols::commit::{CommitConfig, CommitFault};
use crate::world::World;

fn verdicts(report: &Report) -> Vec<(LaneKind, Verdict)> {
    report
        .verdicts
        .iter()
        .map(|v| (v.lane, v.verdict.clone()))
        .collect()
}

fn committed(v: &str) -> Verdict {
    Verdict::Committed(v.into())
}

fn run_preset(id: &str) -> Report {
    let p = preset(id).unwrap_or_else(|| panic!("no preset {id}"));
    run_text(p.script, 1).unwrap_or_else(|e| panic!("{id}: {e}"))
}

#[test]
fn every_preset_parses_and_runs_without_never_happened_lines() {
    for p in PRESETS {
        let r = run_text(p.script, 1).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert!(r.never.is_empty(), "{}: {:?}", p.id, r.never);
        assert!(r.lines.last().unwrap().starts_with("trace hash: "));
    }
}

#[test]
fn a_coordinator_crash_after_the_votes_blocks_2pc_only() {
    use LaneKind::*;
    let r = run_preset("2pc-coordinator-crash");
    assert_eq!(
        verdicts(&r),
        vec![
            (TwoPc, Verdict::Blocked),
            (ThreePc, Verdict::Aborted),
            (Paxos, committed("x=1")),
            (Zab, committed("x=1")),
        ]
    );
    assert!(r.lines.contains(&"  node 2: uncertain".to_string()));
    assert!(r.violations.is_empty(), "{:?}", r.violations);
}

#[test]
fn a_commit_reaching_one_participant_blocks_until_the_coordinator_recovers() {
    let r = run_preset("2pc-commit-reaches-one");
    let first = r.lines.iter().position(|l| l == "2pc: blocked");
    assert!(first.is_some(), "{:#?}", r.lines);
    assert_eq!(r.lines[first.unwrap() + 2], "  node 2: committed x=1");
    assert_eq!(r.lines[first.unwrap() + 3], "  node 3: uncertain");
    use LaneKind::*;
    assert_eq!(
        verdicts(&r),
        vec![
            (TwoPc, committed("x=1")),
            (ThreePc, Verdict::Inconsistent),
            (Paxos, committed("x=1")),
            (Zab, committed("x=1")),
        ]
    );
}

#[test]
fn a_partition_after_the_first_precommit_splits_3pc_and_nothing_else() {
    use LaneKind::*;
    let r = run_preset("3pc-partition");
    assert_eq!(
        verdicts(&r),
        vec![
            (TwoPc, committed("x=1")),
            (ThreePc, Verdict::Inconsistent),
            (Paxos, committed("x=1")),
            (Zab, committed("x=1")),
        ]
    );
    let broken: Vec<_> = r.violations.iter().map(|(l, n, _)| (*l, *n)).collect();
    assert_eq!(broken, vec![(ThreePc, "atomicity")]);
}

#[test]
fn dueling_proposers_choose_one_value() {
    let r = run_preset("paxos-dueling-proposers");
    for (lane, v) in verdicts(&r) {
        assert!(
            v == committed("x=1") || v == committed("y=2"),
            "{lane:?}: {v:?}"
        );
    }
    let paxos = &r.counters[0].1;
    assert!(
        paxos.round_trips > 2,
        "a duel takes more than one ballot: {paxos:?}"
    );
    assert!(r.violations.is_empty(), "{:?}", r.violations);
}

#[test]
fn a_zab_leader_crash_before_commit_keeps_the_acked_txn() {
    let r = run_preset("zab-leader-crash-before-commit");
    let zab = r.verdicts.iter().find(|v| v.lane == LaneKind::Zab).unwrap();
    assert_eq!(zab.verdict, committed("x=1"));
    assert_eq!(zab.nodes[0].to_string(), "down");
    assert!(r.violations.is_empty(), "{:?}", r.violations);
}

#[test]
fn a_no_vote_aborts_the_commit_protocols_and_is_ignored_by_consensus() {
    use LaneKind::*;
    let r = run_preset("a-no-vote");
    assert_eq!(
        verdicts(&r),
        vec![
            (TwoPc, Verdict::Aborted),
            (ThreePc, Verdict::Aborted),
            (Paxos, committed("x=1")),
            (Zab, committed("x=1")),
        ]
    );
    assert!(r
        .lines
        .contains(&"paxos: ignored (this lane has no votes)".to_string()));
}

#[test]
fn same_seed_same_hash_and_conditions_that_never_hold_are_reported() {
    let text = "nodes 3\npropose v\ncrash 2 when 3 has phase3\nwait 5s\nverdict\n";
    let a = run_text(text, 7).unwrap();
    let b = run_text(text, 7).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.trace_hash, run_text(text, 8).unwrap().trace_hash);
    // Only 3PC and Paxos have a phase 3.
    let never: Vec<_> = a
        .never
        .iter()
        .map(|(_, t, l)| (t.as_str(), l.clone()))
        .collect();
    assert_eq!(
        never,
        vec![(
            "crash 2 when 3 has phase3",
            vec![LaneKind::TwoPc, LaneKind::Zab]
        )]
    );
    assert!(a
        .lines
        .contains(&"never happened: crash 2 when 3 has phase3 (in 2pc, zab)".to_string()));
}

#[test]
fn bad_scripts_are_errors_not_panics() {
    assert_eq!(run_text("nodes 3\ncrash 5\n", 1).unwrap_err().line, 2);
    let r = run_text("nodes 3\ncrash 2\ncrash 2\nrestart 3\n", 1).unwrap();
    assert!(r
        .lines
        .contains(&"2pc: not applied: node 2 is already down".to_string()));
    assert!(r
        .lines
        .contains(&"zab: not applied: node 3 is running".to_string()));
}

fn fuzz_counts(lane: LaneKind, seeds: u64) -> (u64, u64) {
    let (mut violations, mut blocked) = (0, 0);
    for seed in 0..seeds {
        let run = run_seed(lane, seed).unwrap();
        violations += u64::from(!run.violations.is_empty());
        blocked += u64::from(run.verdict == Verdict::Blocked);
    }
    (violations, blocked)
}

#[test]
fn the_fuzzer_finds_3pc_splitting_and_2pc_blocking_but_never_breaking() {
    let (v2, b2) = fuzz_counts(LaneKind::TwoPc, 300);
    assert_eq!(v2, 0);
    assert!(b2 > 0, "2PC never blocked in 300 seeds");
    let (v3, _) = fuzz_counts(LaneKind::ThreePc, 300);
    assert!(v3 > 0, "3PC never split in 300 seeds");
}

#[test]
fn the_fuzzer_finds_nothing_wrong_with_paxos_and_zab() {
    assert_eq!(fuzz_counts(LaneKind::Paxos, 200).0, 0);
    assert_eq!(fuzz_counts(LaneKind::Zab, 40).0, 0);
    assert_eq!(fuzz_counts(LaneKind::MultiPaxos, 100).0, 0);
}

fn broken_lane(fault: CommitFault) -> impl Fn(LaneKind, u32, u64) -> Result<Box<dyn Lane>, String> {
    move |kind, nodes, seed| {
        let protocol = super::commit_lanes::protocol_of(kind).ok_or("not a commit lane")?;
        let config = CommitConfig {
            fault,
            ..CommitConfig::with_nodes(protocol, nodes)
        };
        let world = World::<CommitNode>::new(config, NetConfig::default(), seed);
        Ok(Box::new(LaneRun::from_parts(kind, world, (), nodes)))
    }
}

fn first_broken(
    lane: LaneKind,
    make: impl Fn(LaneKind, u32, u64) -> Result<Box<dyn Lane>, String>,
) -> Vec<&'static str> {
    (0..500)
        .map(|seed| run_seed_on(lane, seed, &make).unwrap())
        .find(|r| !r.violations.is_empty())
        .map(|r| r.violations.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default()
}

#[test]
fn each_invariant_catches_a_deliberately_broken_protocol() {
    let twopc = first_broken(LaneKind::TwoPc, broken_lane(CommitFault::IgnoreNoVotes));
    assert!(twopc.contains(&"atomicity"), "{twopc:?}");
    let agreement = first_broken(
        LaneKind::Paxos,
        broken_lane(CommitFault::IgnorePromisedValues),
    );
    assert!(agreement.contains(&"agreement"), "{agreement:?}");
    let validity = first_broken(LaneKind::Paxos, broken_lane(CommitFault::InventValue));
    assert!(validity.contains(&"validity"), "{validity:?}");
}

#[test]
fn broken_configs_cannot_be_shared() {
    use crate::process::Protocol;
    let bad = CommitConfig {
        fault: CommitFault::InventValue,
        ..CommitConfig::default()
    };
    assert!(CommitNode::check_shared_config(&bad).is_err());
    assert!(CommitNode::check_shared_config(&CommitConfig::default()).is_ok());
}

#[test]
fn the_golden_preset_hashes_as_pinned() {
    let r = run_preset(super::GOLDEN_PRESET);
    assert_eq!(
        r.trace_hash,
        super::GOLDEN_TRACE_HASH,
        "got {:#018x}",
        r.trace_hash
    );
}

#[test]
fn the_stepper_ends_every_preset_where_the_runner_does() {
    use super::stepper::Stepper;
    for p in super::presets::PRESETS {
        let report = run_text(p.script, 1).unwrap();
        let script = super::script::parse(p.script).unwrap();
        let mut s = Stepper::new(script, 1).unwrap();
        let taken = s.run_to(u64::MAX);
        assert!(s.finished() && taken == s.steps(), "{}", p.id);
        assert_eq!(s.trace_hash(), report.trace_hash, "{}", p.id);
        for (c, v) in s.lanes().iter().zip(&report.verdicts) {
            assert_eq!(c.lane().verdict(), v.verdict, "{}", p.id);
        }
        // Half way is a real intermediate state, and a replay to it is the same state.
        let mut a = Stepper::new(super::script::parse(p.script).unwrap(), 1).unwrap();
        a.run_to(taken / 2);
        let mut b = Stepper::new(super::script::parse(p.script).unwrap(), 1).unwrap();
        while b.steps() < taken / 2 {
            b.step();
        }
        assert_eq!(a.trace_hash(), b.trace_hash(), "{}", p.id);
        assert!(a.last_time() <= s.last_time());
    }
}
