//! The replication layer end to end on the kernel: elections, ZAB, clients.

use zooscope_core::command::Command;
use zooscope_core::protocols::zookeeper::node::{self, ZkNode};
use zooscope_core::protocols::zookeeper::replication::config::ZkConfig;
use zooscope_core::protocols::zookeeper::replication::server::ZkServer;
use zooscope_core::{NetConfig, NodeId, Protocol, SimDuration, SimTime, World};

fn statuses(w: &World<ZkNode>) -> Vec<String> {
    (0..3)
        .map(|i| match w.node(NodeId(i)) {
            Some(n) => n.status().to_string(),
            None => "stopped".into(),
        })
        .collect()
}

fn run_for(w: &mut World<ZkNode>, d: SimDuration) {
    let until = SimTime(w.now().0 + d.0);
    w.run_until(until, 10_000_000);
}

#[test]
fn three_servers_started_in_order_elect_server_two() {
    let mut w = node::world(ZkConfig::ensemble(3, &[]), NetConfig::default(), 1);
    w.apply(Command::Restart(NodeId(0))).unwrap();
    run_for(&mut w, SimDuration::from_secs(3));
    assert_eq!(statuses(&w), ["LOOKING", "stopped", "stopped"]);
    w.apply(Command::Restart(NodeId(1))).unwrap();
    run_for(&mut w, SimDuration::from_secs(3));
    w.apply(Command::Restart(NodeId(2))).unwrap();
    run_for(&mut w, SimDuration::from_secs(3));
    assert_eq!(statuses(&w), ["FOLLOWING", "LEADING", "FOLLOWING"]);
}

/// The output lines of the script step echoed as `> {step}` (up to the next echo).
fn output_of<'a>(lines: &'a [String], step: &str) -> Vec<&'a str> {
    let echo = format!("> {step}");
    lines
        .iter()
        .skip_while(|l| **l != echo)
        .skip(1)
        .take_while(|l| !l.starts_with("> ") && !l.starts_with("trace hash: "))
        .map(String::as_str)
        .collect()
}

/// Five servers, split {leader 5, follower 4} | {1, 2, 3}: a write sent to the old
/// leader gets no quorum (two acks of five) and is never committed anywhere; the three
/// elect server 3 in a higher epoch and go on writing; after the heal every server
/// holds the majority's tree. A leader that commits on two acks shows `/minority`.
#[test]
fn a_two_of_five_side_commits_nothing_and_the_three_go_on() {
    let script = "\
ensemble 5
start 1 2 3 4 5
wait until leader 5
srvr 5
client c1 5
c1> create /before x
partition 4 5 c1 | 1 2 3
c1> create /minority y
wait 10s
expect leader 3
expect status 4 looking
expect status 5 looking
srvr 3
client c2 1,2,3
c2> get /minority
c2> create /majority z
heal
wait 10s
expect leader 3
client c3 5
c3> ls /
c3> get /minority
c2> ls /
";
    let report = zooscope_core::scenario::run_text(script, 1).unwrap();
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    let lines = &report.lines;
    let minority = output_of(lines, "c1> create /minority y");
    assert!(
        minority.iter().any(|l| l.contains("ConnectionLoss"))
            && !minority.contains(&"Created /minority"),
        "{minority:?}"
    );
    let zxid = |srvr: Vec<&str>| -> u64 {
        let z = srvr
            .iter()
            .find_map(|l| l.strip_prefix("Zxid: 0x"))
            .unwrap();
        u64::from_str_radix(z, 16).unwrap()
    };
    let old_epoch = zxid(output_of(lines, "srvr 5")) >> 32;
    let new_epoch = zxid(output_of(lines, "srvr 3")) >> 32;
    assert!(new_epoch > old_epoch, "epoch {old_epoch} -> {new_epoch}");
    assert_eq!(
        output_of(lines, "c2> get /minority"),
        ["Node does not exist: /minority"]
    );
    assert_eq!(
        output_of(lines, "c2> create /majority z"),
        ["Created /majority"]
    );
    assert_eq!(
        output_of(lines, "c3> get /minority"),
        ["Node does not exist: /minority"]
    );
    let healed = ["[before, majority, zookeeper]"];
    assert_eq!(output_of(lines, "c3> ls /"), healed);
    assert_eq!(output_of(lines, "c2> ls /"), healed);
}

fn server(w: &World<ZkNode>, i: u32) -> Option<&ZkServer> {
    w.node(NodeId(i)).and_then(ZkNode::server)
}

/// The same split on the World: from the moment the old leader steps down, neither of
/// the two ever leads again, while the three elect a leader in a higher epoch; after
/// the heal all five agree on the tree.
#[test]
fn a_two_of_five_side_never_elects_a_leader() {
    let mut w = node::world(ZkConfig::ensemble(5, &[]), NetConfig::default(), 3);
    for i in 0..5 {
        w.apply(Command::Restart(NodeId(i))).unwrap();
    }
    run_for(&mut w, SimDuration::from_secs(10));
    let leading = |w: &World<ZkNode>, i: u32| server(w, i).is_some_and(|s| s.status() == "LEADING");
    assert!(leading(&w, 4), "server 5 leads the fresh ensemble");
    let old_epoch = server(&w, 4).unwrap().epoch();
    w.apply(Command::Partition(vec![
        vec![NodeId(3), NodeId(4)],
        vec![NodeId(0), NodeId(1), NodeId(2)],
    ]))
    .unwrap();
    let mut stepped_down = false;
    for _ in 0..300 {
        run_for(&mut w, SimDuration::from_millis(100));
        let minority_leads = leading(&w, 3) || leading(&w, 4);
        assert!(
            !(stepped_down && minority_leads),
            "the two elected a leader at {:?}",
            w.now()
        );
        stepped_down |= !minority_leads;
    }
    assert!(stepped_down, "the old leader never stepped down");
    let majority: Vec<u32> = (0..3).filter(|i| leading(&w, *i)).collect();
    assert_eq!(majority.len(), 1, "the three have one leader");
    assert!(server(&w, majority[0]).unwrap().epoch() > old_epoch);
    w.apply(Command::Heal).unwrap();
    run_for(&mut w, SimDuration::from_secs(10));
    let digests: Vec<u64> = (0..5)
        .map(|i| server(&w, i).unwrap().store.db.digest())
        .collect();
    assert!(digests.iter().all(|d| *d == digests[0]), "{digests:?}");
}

/// Many writes through a one-server and a three-server ensemble: 4,000 siblings and a
/// 1,000-deep chain (a script holds at most 10,000 lines), each committed and applied on
/// every server, in normal test time (a standalone server that copied its database per
/// write took minutes for 10,000 creates); all servers report the same zxid and node
/// count.
#[test]
fn thousands_of_siblings_and_a_deep_chain_through_an_ensemble() {
    const SIBLINGS: usize = 4_000;
    const DEPTH: usize = 1_000;
    for n in [1u32, 3] {
        let ids: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let mut script = format!(
            "ensemble {n}\nstart {}\nwait 5s\nclient c1 {}\n",
            ids.join(" "),
            ids.join(",")
        );
        for i in 0..SIBLINGS {
            script.push_str(&format!("c1> create /s{i}\n"));
        }
        let mut deep = String::new();
        for _ in 0..DEPTH {
            deep.push_str("/a");
            script.push_str(&format!("c1> create {deep}\n"));
        }
        script.push_str("wait 2s\nc1> stat /\n");
        for id in &ids {
            script.push_str(&format!("srvr {id}\n"));
        }
        let report = zooscope_core::scenario::run_text(&script, 1).unwrap();
        assert!(report.failures.is_empty(), "{:?}", report.failures);
        let created = report
            .lines
            .iter()
            .filter(|l| l.starts_with("Created /"))
            .count();
        assert_eq!(created, SIBLINGS + DEPTH, "ensemble {n}");
        let stat = output_of(&report.lines, "c1> stat /");
        assert!(
            stat.contains(&format!("numChildren = {}", SIBLINGS + 2).as_str()),
            "{stat:?}"
        );
        let summary = |sid: u32| -> Vec<String> {
            output_of(&report.lines, &format!("srvr {sid}"))
                .into_iter()
                .filter(|l| l.starts_with("Zxid: ") || l.starts_with("Node count: "))
                .map(str::to_string)
                .collect()
        };
        // The four initial nodes, the root counted twice as a real server does.
        let nodes = format!("Node count: {}", 4 + 1 + SIBLINGS + DEPTH);
        assert!(summary(1).contains(&nodes), "{:?}", summary(1));
        for sid in 2..=n {
            assert_eq!(summary(1), summary(sid));
        }
    }
}

/// Only servers 3, 4 and 5 of five start, and 3 crashes the moment 5 is elected, before
/// 5 has a quorum of followers in discovery: 4 and 5 are two of five, so no new epoch is
/// ever frozen or accepted and neither serves (ZooKeeper's `getEpochToPropose` and
/// `waitForEpochAck` wait for a quorum).
#[test]
fn two_of_five_in_discovery_never_freeze_an_epoch() {
    let mut w = node::world(ZkConfig::ensemble(5, &[]), NetConfig::default(), 1);
    for i in 2..5 {
        w.apply(Command::Restart(NodeId(i))).unwrap();
    }
    let mut elected = false;
    for _ in 0..20_000 {
        run_for(&mut w, SimDuration::from_millis(1));
        if server(&w, 4).is_some_and(|s| s.status() == "LEADING") {
            elected = true;
            break;
        }
    }
    assert!(elected, "3, 4 and 5 elect 5");
    let frozen = server(&w, 4)
        .and_then(|s| s.leader())
        .and_then(|l| l.frozen_epoch());
    assert_eq!(frozen, None, "5 is still gathering followers");
    w.apply(Command::Crash(NodeId(2))).unwrap();
    servers_4_and_5_stay_at_epoch_0(&mut w, |s| s.store.disk.accepted_epoch);
}

/// With 3 crashed, 4 and 5 (two of five) run on for 30 s: `epoch` (which of the disk's
/// epochs) stays 0 on both and neither serves, checked every 100 ms.
fn servers_4_and_5_stay_at_epoch_0(w: &mut World<ZkNode>, epoch: fn(&ZkServer) -> u32) {
    for _ in 0..300 {
        run_for(w, SimDuration::from_millis(100));
        for i in [3, 4] {
            let s = server(w, i).unwrap();
            assert_eq!(epoch(s), 0, "server {} at {:?}", i + 1, w.now());
            assert!(!s.serving(), "server {} serves at {:?}", i + 1, w.now());
        }
    }
}

/// As `two_of_five_in_discovery_never_freeze_an_epoch`, but 3 crashes right after 5 froze the new epoch (a quorum connected) and
/// before a quorum acked it: 4 and 5 never take the epoch as current and never serve
/// (`waitForEpochAck` needs a quorum too).
#[test]
fn two_of_five_never_complete_the_epoch_ack() {
    let mut w = node::world(ZkConfig::ensemble(5, &[]), NetConfig::default(), 1);
    for i in 2..5 {
        w.apply(Command::Restart(NodeId(i))).unwrap();
    }
    let frozen = |w: &World<ZkNode>| {
        server(w, 4)
            .and_then(|s| s.leader())
            .and_then(|l| l.frozen_epoch())
            .is_some()
    };
    let mut steps = 0;
    while !frozen(&w) && steps < 20_000 {
        run_for(&mut w, SimDuration::from_micros(100));
        steps += 1;
    }
    assert!(frozen(&w), "5 froze an epoch with 3, 4 and 5");
    assert_eq!(
        server(&w, 4).unwrap().store.disk.current_epoch,
        0,
        "no quorum acked yet"
    );
    w.apply(Command::Crash(NodeId(2))).unwrap();
    servers_4_and_5_stay_at_epoch_0(&mut w, |s| s.store.disk.current_epoch);
}

/// Server 4 restarts on the minority side while the old leader 5 still leads: hearing
/// "5 leads" from one server (and itself) is two of five, so 4 keeps looking instead
/// of following (`FastLeaderElection` needs a quorum in its out-of-election votes).
#[test]
fn a_restarted_server_does_not_follow_a_leader_two_of_five_vouch_for() {
    let mut w = node::world(ZkConfig::ensemble(5, &[]), NetConfig::default(), 3);
    for i in 0..5 {
        w.apply(Command::Restart(NodeId(i))).unwrap();
    }
    run_for(&mut w, SimDuration::from_secs(10));
    assert_eq!(server(&w, 4).map(|s| s.status()), Some("LEADING"));
    w.apply(Command::Partition(vec![
        vec![NodeId(3), NodeId(4)],
        vec![NodeId(0), NodeId(1), NodeId(2)],
    ]))
    .unwrap();
    w.apply(Command::Crash(NodeId(3))).unwrap();
    w.apply(Command::Restart(NodeId(3))).unwrap();
    let mut saw_old_leader = false;
    for _ in 0..300 {
        run_for(&mut w, SimDuration::from_millis(100));
        saw_old_leader |= server(&w, 4).is_some_and(|s| s.status() == "LEADING");
        let status = server(&w, 3).unwrap().status();
        assert_eq!(status, "LOOKING", "server 4 at {:?}", w.now());
    }
    assert!(saw_old_leader, "5 still led while 4 was looking");
}
