//! The view against real runs of the kernel: a 3-server election, writes through the
//! console, a lagging follower, a crash, a broken invariant.

use super::ballot::{candidate, ChangeView};
use super::cards::{Liveness, Role, Zxid};
use super::console::{LabConsole, SimHost};
use super::data::{LeaderCopy, ZnodeKind};
use super::replication::{ProposalStatus, SyncKind};
use super::*;
use crate::command::Command;
use crate::invariant::Invariant;
use crate::protocols::zookeeper::node::{self, ZkInput, ZkNode};
use crate::protocols::zookeeper::replication::config::ZkConfig;
use crate::protocols::zookeeper::replication::election::{
    Choice, VoteChangeReason, FINALIZE_WAIT_MS,
};
use crate::protocols::zookeeper::replication::vote::{Comparison, Rule, ServerState, VoteKey};
use crate::protocols::zookeeper::replication::zab::ZabState;
use crate::protocols::zookeeper::violation::ViolationDetail;
use crate::timeline::Timeline;
use crate::{NetConfig, NodeId, SimDuration, SimTime};

fn run_for(w: &mut World<ZkNode>, d: SimDuration) {
    let until = SimTime(w.now().0 + d.0);
    w.run_until(until, 10_000_000);
}

/// Servers 1, 2, 3 started in that order, three seconds apart (server 2 wins).
fn elected() -> World<ZkNode> {
    let mut w = node::world(ZkConfig::ensemble(3, &[]), NetConfig::default(), 7);
    for i in 0..3 {
        w.apply(Command::Restart(NodeId(i))).unwrap();
        run_for(&mut w, SimDuration::from_secs(3));
    }
    w
}

#[test]
fn ballot_boxes_match_the_servers_election_state() {
    let w = elected();
    let v = ZkLabView::build(&w, Some(1));
    let roles: Vec<_> = v.servers.iter().map(|s| s.role).collect();
    assert_eq!(
        roles,
        [
            Some(Role::Following),
            Some(Role::Leading),
            Some(Role::Following)
        ]
    );
    assert_eq!(v.quorum, 2);
    assert_eq!(v.ballots.len(), 3);
    for b in &v.ballots {
        let s = w.node(NodeId(b.myid - 1)).and_then(ZkNode::server).unwrap();
        let e = &s.election;
        assert_eq!(b.round, e.logicalclock, "server {}", b.myid);
        assert!(!b.looking);
        assert_eq!(b.state, s.state);
        assert_eq!(b.own.leader, Some(2));
        assert_eq!(b.own.leader, u64::try_from(s.current_vote.leader).ok());
        let senders: Vec<u64> = b.rows.iter().map(|r| r.from).collect();
        let expected: Vec<u64> = e.ballots.keys().copied().collect();
        assert_eq!(senders, expected);
        for r in &b.rows {
            let ballot = &e.ballots[&r.from];
            assert_eq!(r.vote.leader, u64::try_from(ballot.vote.leader).ok());
            assert_eq!(r.vote.zxid, Zxid::of_vote(ballot.vote.zxid));
            assert_eq!(r.vote.election_epoch, ballot.vote.election_epoch);
            assert_eq!(r.vote.state, ballot.vote.state);
            assert_eq!(r.this_round, ballot.vote.election_epoch == e.logicalclock);
        }
        assert_eq!(b.agree, e.supporters());

        // Every recorded change is shown with the election's own reason.
        let recorded: Vec<ChangeView> = e
            .changes
            .iter()
            .map(|c| ChangeView {
                at_us: c.at.0,
                round: c.round,
                from: candidate(c.from),
                to: candidate(c.to),
                reason: c.reason,
            })
            .collect();
        assert_eq!(b.changes, recorded, "server {}", b.myid);
        assert_eq!(
            b.changes[0].reason,
            VoteChangeReason::OwnVote {
                round: 1,
                zxid: 0,
                epoch: 0
            }
        );
        let last = b.changes.last().unwrap();
        if b.myid == 3 {
            // Server 3 came last and joined the established leader.
            assert_eq!(
                last.reason,
                VoteChangeReason::Joined {
                    leader: 2,
                    state: ServerState::Following
                }
            );
            assert_eq!((last.from, last.to), (Some(3), Some(2)));
        } else {
            assert_eq!(
                last.reason,
                VoteChangeReason::Finalized {
                    leader: 2,
                    wait_ms: FINALIZE_WAIT_MS,
                    state: b.state
                }
            );
        }
    }
    // Server 1 voted for itself, then for 2 (same history, higher myid).
    let b1 = v.ballot(1).unwrap();
    let key = |leader| VoteKey {
        leader,
        zxid: 0,
        epoch: 0,
    };
    assert!(b1.changes.iter().any(|c| c.reason
        == VoteChangeReason::VoteFrom {
            sender: 2,
            choice: Choice::Compared(Comparison {
                rule: Rule::HigherId,
                winner: key(2),
                loser: key(1)
            })
        }));
    // Server 2 ended with a quorum agreeing with its own vote.
    let b2 = v.ballot(2).unwrap();
    assert!(b2.agree.len() as u32 >= b2.quorum);
    assert_eq!(
        v.server(2).unwrap().accessible_name,
        "Server 2, LEADING, epoch 1, zxid 0x100000000"
    );
}

#[test]
fn writes_show_in_the_pipeline_logs_and_tree() {
    let mut w = elected();
    let c = node::add_client(&mut w, "c1", &[2], 30_000).unwrap();
    run_for(&mut w, SimDuration::from_secs(2));
    let mut con = LabConsole::new();
    assert_eq!(
        con.run(&mut w, c.0, "create /a hello").unwrap(),
        "Created /a\n"
    );
    assert_eq!(
        con.run(&mut w, c.0, "create -e /b").unwrap(),
        "Created /b\n"
    );
    assert_eq!(con.run(&mut w, c.0, "ls /").unwrap(), "[a, b, zookeeper]\n");
    let out = con.run(&mut w, c.0, "get -w /a").unwrap();
    assert_eq!(out, "hello\n");
    run_for(&mut w, SimDuration::from_secs(1));
    let v = ZkLabView::build_with(
        &w,
        &ViewOptions {
            selected: Some(2),
            client: Some(c.0),
            console: Some(&con),
        },
    );
    assert_eq!(
        v.server(2).unwrap().accessible_name,
        "Server 2, LEADING, epoch 1, zxid 0x100000003"
    );
    // Client card.
    let cc = &v.clients[0];
    assert_eq!((cc.name.as_str(), cc.connected_to), ("c1", Some(2)));
    assert_ne!(cc.session, 0);
    // ZAB: every learner in broadcast after a DIFF; all three txns committed everywhere.
    assert_eq!(v.zab.leader, Some(2));
    assert_eq!(v.zab.leader_state, Some(ZabState::Broadcast));
    assert_eq!(v.zab.learners.len(), 2);
    for l in &v.zab.learners {
        assert_eq!(l.state, Some(ZabState::Broadcast));
        assert!(matches!(
            l.sync.map(|s| s.kind),
            Some(SyncKind::Diff | SyncKind::Snap)
        ));
    }
    let ops: Vec<(&str, ProposalStatus, usize)> = v
        .zab
        .pipeline
        .iter()
        .map(|p| (p.op.as_str(), p.status, p.applied_on.len()))
        .collect();
    assert_eq!(
        ops,
        [
            ("createSession", ProposalStatus::Committed, 3),
            ("create /a", ProposalStatus::Committed, 3),
            ("create /b", ProposalStatus::Committed, 3),
        ]
    );
    for log in &v.zab.logs {
        assert_eq!(log.uncommitted, 0);
        assert_eq!(log.rows.last().map(|r| r.zxid), Some(Zxid(0x1_0000_0003)));
    }
    // Data view of the leader.
    let d = v.data.as_ref().unwrap();
    assert_eq!(d.server, 2);
    assert!(!d.stale);
    let paths: Vec<&str> = d.nodes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/",
            "/a",
            "/b",
            "/zookeeper",
            "/zookeeper/config",
            "/zookeeper/quota"
        ]
    );
    let a = &d.nodes[1];
    assert_eq!(a.data.as_deref(), Some("hello"));
    assert_eq!(a.stat.czxid, 0x1_0000_0002);
    assert_eq!(a.data_watches, 1, "get -w left a data watch");
    let b = &d.nodes[2];
    assert_eq!(b.kind, ZnodeKind::Ephemeral);
    assert_eq!(b.owner, Some(cc.session));
    assert_eq!(b.owner_client.as_deref(), Some("c1"));
    assert_eq!(d.sessions.len(), 1);
    assert_eq!(d.sessions[0].ephemerals, 1);
    assert!(d.sessions[0].expires_in_ms.is_some());
    assert_eq!(d.watches.len(), 1);
    // Console transcript with prompts.
    let con_v = &v.console;
    assert_eq!(con_v.client_name.as_deref(), Some("c1"));
    assert!(con_v
        .prompt
        .starts_with("[zk: 127.0.0.1:2182(CONNECTED) 4]"));
    assert_eq!(
        con_v.history,
        ["create /a hello", "create -e /b", "ls /", "get -w /a"]
    );
    assert!(con_v.lines[0].text.contains("Welcome to ZooKeeper!"));
    assert_eq!(
        con_v.lines[1].prompt.as_deref(),
        Some("[zk: 127.0.0.1:2182(CONNECTED) 0] ")
    );
    assert!(v.invariants.ok);
    assert_eq!(v.paths().len(), 6);
}

#[test]
fn a_paused_follower_serves_stale_data() {
    let mut w = elected();
    let c = node::add_client(&mut w, "c1", &[2], 30_000).unwrap();
    run_for(&mut w, SimDuration::from_secs(2));
    w.apply(Command::Pause(NodeId(0))).unwrap();
    let mut con = LabConsole::new();
    assert_eq!(
        con.run(&mut w, c.0, "create /fresh x").unwrap(),
        "Created /fresh\n"
    );
    let v = ZkLabView::build(&w, Some(1));
    let s1 = v.server(1).unwrap();
    assert_eq!(s1.live, Liveness::Paused);
    assert!(v.zab.learners.iter().any(|l| l.myid == 1 && l.paused));
    assert!(s1.accessible_name.ends_with(", paused"));
    let d = v.data.as_ref().unwrap();
    assert_eq!(d.server, 1);
    assert!(d.stale);
    assert_eq!(d.behind, Some(2), "createSession and create /fresh");
    assert!(d.nodes.iter().all(|n| n.path != "/fresh"));
    // The root's child list differs on the leader.
    assert_eq!(d.nodes[0].leader_copy, Some(LeaderCopy::Differs));
    let leader_view = ZkLabView::build(&w, Some(2));
    let ld = leader_view.data.as_ref().unwrap();
    assert!(ld.nodes.iter().any(|n| n.path == "/fresh"));
    assert_eq!(ld.nodes[0].leader_copy, None);
    // Its log misses the txns the others committed.
    let log1 = v.zab.logs.iter().find(|l| l.myid == 1).unwrap();
    assert!(log1.rows.iter().all(|r| r.op != "create /fresh"));
}

#[test]
fn stopped_servers_and_a_new_election() {
    let mut w = elected();
    w.apply(Command::Crash(NodeId(1))).unwrap();
    let v = ZkLabView::build(&w, Some(2));
    let s2 = v.server(2).unwrap();
    assert_eq!(s2.accessible_name, "Server 2, stopped");
    assert_eq!(s2.live, Liveness::Down);
    assert_eq!(s2.current_epoch, 1, "read from its disk");
    assert!(v.ballot(2).is_none());
    // The data view falls back to a running server.
    assert_ne!(v.data.as_ref().map(|d| d.server), Some(2));
    run_for(&mut w, SimDuration::from_secs(30));
    let v = ZkLabView::build(&w, None);
    let leader = v
        .servers
        .iter()
        .find(|s| s.role == Some(Role::Leading))
        .unwrap();
    assert_eq!(
        leader.myid, 3,
        "3 has the longer history (see its ballot box below)"
    );
    assert_eq!(leader.epoch, 2);
    let b1 = v.ballot(1).unwrap();
    assert_eq!(b1.own.leader, Some(3));
    assert!(
        b1.rows.iter().all(|r| r.from != 2),
        "no ballot from the dead server"
    );
    // Learner 1 was synced again in the new epoch.
    let l1 = v.zab.learners.iter().find(|l| l.myid == 1).unwrap();
    assert!(l1.sync.is_some());
    // Its new round: its own vote, then 3's longer history, then the end.
    let round2: Vec<VoteChangeReason> = b1
        .changes
        .iter()
        .filter(|c| c.round == 2)
        .map(|c| c.reason)
        .collect();
    assert_eq!(
        round2,
        [
            VoteChangeReason::OwnVote {
                round: 2,
                zxid: 0,
                epoch: 1
            },
            VoteChangeReason::VoteFrom {
                sender: 3,
                choice: Choice::Compared(Comparison {
                    rule: Rule::HigherZxid,
                    winner: VoteKey {
                        leader: 3,
                        zxid: 0x1_0000_0000,
                        epoch: 1
                    },
                    loser: VoteKey {
                        leader: 1,
                        zxid: 0,
                        epoch: 1
                    }
                })
            },
            VoteChangeReason::Finalized {
                leader: 3,
                wait_ms: FINALIZE_WAIT_MS,
                state: ServerState::Following
            }
        ]
    );
}

#[test]
fn while_looking_the_box_counts_toward_a_quorum() {
    let mut w = node::world(ZkConfig::ensemble(3, &[]), NetConfig::default(), 3);
    w.apply(Command::Restart(NodeId(0))).unwrap();
    run_for(&mut w, SimDuration::from_secs(1));
    let v = ZkLabView::build(&w, Some(1));
    let b = v.ballot(1).unwrap();
    assert!(b.looking);
    assert_eq!(b.own.state, ServerState::Looking);
    assert_eq!(b.own.leader, Some(1));
    assert_eq!(b.agree, vec![1], "only its own vote so far");
    assert_eq!(b.quorum, 2);
    assert_eq!(
        v.servers[0].accessible_name,
        "Server 1, LOOKING, epoch 0, zxid 0x0"
    );
    assert_eq!(v.servers[1].accessible_name, "Server 2, stopped");
    assert!(v.zab.leader.is_none());
}

/// A checker that objects to any leader: it proves the panel turns red.
#[derive(Clone, Debug)]
struct NoLeaderAllowed;

impl Invariant<World<ZkNode>> for NoLeaderAllowed {
    fn name(&self) -> &'static str {
        "no-leader-allowed"
    }
    fn check(&mut self, world: &World<ZkNode>, problems: &mut Vec<ViolationDetail>) {
        for id in world.node_ids() {
            if let Some(s) = world
                .node(id)
                .and_then(ZkNode::server)
                .filter(|s| s.leader().is_some())
            {
                // Any leader counts as a second one next to an imaginary server 0.
                problems.push(ViolationDetail::TwoLeaders {
                    first: 0,
                    second: s.sid,
                    epoch: 0,
                });
            }
        }
    }
    fn clone_box(&self) -> Box<dyn Invariant<World<ZkNode>>> {
        Box::new(self.clone())
    }
}

#[test]
fn a_violation_turns_the_panel_red_with_a_step_to_jump_to() {
    let mut w = node::world(ZkConfig::ensemble(3, &[]), NetConfig::default(), 7);
    w.add_invariant(Box::new(NoLeaderAllowed));
    for i in 0..3 {
        w.apply(Command::Restart(NodeId(i))).unwrap();
    }
    run_for(&mut w, SimDuration::from_secs(5));
    let v = ZkLabView::build(&w, None);
    assert!(!v.invariants.ok);
    let first = &v.invariants.violations[0];
    assert_eq!(first.invariant, "no-leader-allowed");
    assert_eq!(v.invariants.counterexample_step(), Some(first.step));
    assert!(v.invariants.violations.len() <= invariants::VIOLATIONS_SHOWN);
    assert!(v.invariants.total as usize >= v.invariants.violations.len());
}

#[test]
fn the_console_forks_a_rewound_timeline() {
    let w = elected();
    let mut w = w;
    let c = node::add_client(&mut w, "c1", &[1, 2, 3], 30_000).unwrap();
    w.apply(Command::Request(c, ZkInput::Open)).unwrap();
    run_for(&mut w, SimDuration::from_secs(2));
    let mut t = Timeline::new(w);
    let later = SimTime(t.world().now().0 + SimDuration::from_secs(1).0);
    t.run_until(later, 100_000);
    let mut con = LabConsole::new();
    let before = t.world().steps();
    assert_eq!(con.run(&mut t, c.0, "create /x 1").unwrap(), "Created /x\n");
    assert!(t.world().steps() > before);
    // Rewind to the step the create was typed at (it is not re-applied yet) and type
    // another write: the run forks, /x never happened.
    t.seek(before).unwrap();
    assert!(!t.future().is_empty(), "the create is in the future now");
    assert_eq!(con.run(&mut t, c.0, "create /y 2").unwrap(), "Created /y\n");
    assert!(t.future().is_empty());
    let out = con.run(&mut t, c.0, "ls /").unwrap();
    assert_eq!(out, "[y, zookeeper]\n");
    // The console's transcript still shows everything typed.
    let v = con.view(t.sim(), Some(c.0));
    assert_eq!(v.history, ["create /x 1", "create /y 2", "ls /"]);
}

#[test]
fn console_errors_are_values() {
    let mut w = elected();
    let mut con = LabConsole::new();
    assert!(con.run(&mut w, 0, "ls /").is_err(), "node 0 is a server");
    assert!(con.run(&mut w, 99, "ls /").is_err());
    let c = node::add_client(&mut w, "c1", &[1], 30_000).unwrap();
    let long = "x".repeat(console::LINE_MAX + 1);
    assert!(con.run(&mut w, c.0, &long).is_err());
    // Unknown commands print zkCli's usage, never panic.
    let out = con.run(&mut w, c.0, "frobnicate").unwrap();
    assert!(out.contains("Command not found"));
}
