//! The replication layer end to end on the kernel: elections, ZAB, clients.

use zooscope_core::command::Command;
use zooscope_core::protocols::zookeeper::node::{self, ZkNode};
use zooscope_core::protocols::zookeeper::replication::config::ZkConfig;
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
