//! Curator lines typed into a console attached to one client (the lab page's console, a
//! lesson's Curator exercise): the scenario's Curator lines with the client's name left
//! out, run by the very code the scenario runs ([`curator_lines::run_on`]), so a line
//! prints exactly what `NAME curator …` prints in a script.
//!
//! A Java statement (`client.create().forPath("/a")`, `Stat stat = new Stat()`) is the
//! scenario's `NAME curator STATEMENT`; a line starting with a recipe word (`lock /l`,
//! `cache node /a`) is `NAME lock /l`; `curator STATEMENT` is accepted too (for a bare
//! variable such as `curator stat`, which zkCli would take for its `stat`). The first
//! Curator line on a client starts Curator on it ([`curator_lines::adopt`]).
//!
//! The Curator clients live beside the run, like the zkCli shells: their requests go
//! through the host (the lab's timeline logs them, so rewinding, stepping and shared
//! keys replay them), and their state is kept after every line (at most
//! [`SNAPSHOTS_MAX`]), so a line typed after the run was rewound goes on from the
//! clients as they were after the last line before that moment.

use super::curator_lines::{self, CuratorState};
use super::Step;
use crate::id::NodeId;
use crate::protocols::zookeeper::client::curator::is_console_line;
use crate::protocols::zookeeper::client::curator::java::looks_like_java;
use crate::protocols::zookeeper::client::driver::SimHost;
use crate::time::SimDuration;
use std::collections::VecDeque;

/// Curator states kept for going back (one per line).
pub const SNAPSHOTS_MAX: usize = 64;

/// The Curator side of a console.
#[derive(Clone, Debug, Default)]
pub struct CuratorConsole {
    state: CuratorState,
    /// (the run's step after a line, the clients then), oldest first.
    snapshots: VecDeque<(u64, CuratorState)>,
}

/// The scenario line a console line of client `name` stands for: `NAME curator JAVA` for
/// a Java statement, `NAME LINE` for a recipe line (`lock /l`) or `curator …`.
pub fn scenario_line(name: &str, line: &str) -> String {
    let t = line.trim().trim_end_matches(';');
    if looks_like_java(t) {
        format!("{name} curator {t}")
    } else {
        format!("{name} {t}")
    }
}

/// Does `line` go to Curator (else to zkCli)?
pub fn is_curator(line: &str) -> bool {
    is_console_line(line)
}

impl CuratorConsole {
    /// A console with no Curator client yet.
    pub fn new() -> Self {
        CuratorConsole::default()
    }

    /// Are Curator clients running?
    pub fn active(&self) -> bool {
        self.state.active()
    }

    /// Go back to the clients as they were at `step` (after the last line that ended by
    /// then; none before the first).
    fn rewind_to(&mut self, step: u64) {
        let Some(&(last, _)) = self.snapshots.back() else {
            return;
        };
        if step >= last {
            return;
        }
        while self.snapshots.back().is_some_and(|(s, _)| *s > step) {
            self.snapshots.pop_back();
        }
        self.state = self
            .snapshots
            .back()
            .map(|(_, st)| st.clone())
            .unwrap_or_default();
    }

    fn keep(&mut self, step: u64) {
        if self.snapshots.len() >= SNAPSHOTS_MAX {
            self.snapshots.pop_front();
        }
        self.snapshots.push_back((step, self.state.clone()));
    }

    /// Run `line` on the client node `node` named `name`; the lines it printed (a refused
    /// line prints `error: …`).
    pub fn run(
        &mut self,
        host: &mut dyn SimHost,
        name: &str,
        node: NodeId,
        line: &str,
    ) -> Vec<String> {
        self.rewind_to(host.sim().steps());
        let mut out = Vec::new();
        if !self.state.knows(name) {
            out = curator_lines::adopt(host, &mut self.state, name, node);
        }
        let t = line.trim().trim_end_matches(';');
        let text = scenario_line(name, t);
        let words: Vec<&str> = text.split_whitespace().collect();
        match curator_lines::parse(0, &text, &words) {
            Ok(Some(Step::Curator(l))) => match curator_lines::run_on(host, &mut self.state, 0, &l)
            {
                Ok(lines) => out.extend(lines),
                Err(e) => out.push(format!("error: {}", e.message)),
            },
            Ok(_) => out.push(format!("error: '{t}' is not a Curator line")),
            Err(e) => out.push(format!("error: {}", e.message)),
        }
        self.keep(host.sim().steps());
        out
    }

    /// After a zkCli line: what the Curator clients printed meanwhile (listeners, caches,
    /// grants), once the world has settled, as the scenario runner prints it.
    pub fn after_other_line(&mut self, host: &mut dyn SimHost) -> Vec<String> {
        if !self.active() {
            return Vec::new();
        }
        self.rewind_to(host.sim().steps());
        let out = curator_lines::wait(host, &mut self.state, SimDuration::ZERO);
        self.keep(host.sim().steps());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::client::curator::java::complete::MODIFIERS;
    use crate::protocols::zookeeper::node::ZkNode;
    use crate::scenario::run_text;
    use crate::world::World;

    /// A started one-server ensemble with a plain client `c1`, connected.
    fn world() -> (World<ZkNode>, NodeId) {
        let script = crate::scenario::parse("ensemble 1\nstart 1\nclient c1 1\nwait 2s\n").unwrap();
        let mut r = crate::scenario::Runner::new(3);
        for (line, _, step) in &script.steps {
            r.run_step(*line, step).unwrap();
        }
        let w = r.world().unwrap().clone();
        let c = w
            .node_ids()
            .into_iter()
            .find(|n| w.node(*n).and_then(ZkNode::client).is_some())
            .unwrap();
        (w, c)
    }

    #[test]
    fn a_console_line_prints_what_the_scenario_line_prints() {
        let (mut w, c) = world();
        let mut con = CuratorConsole::new();
        let out = con.run(&mut w, "c1", c, "client.create().forPath(\"/app1\")");
        assert_eq!(out, ["c1: CONNECTED", "/app1"]);
        let out = con.run(&mut w, "c1", c, "client.create().forPath(\"/app1\");");
        assert_eq!(
            out,
            ["org.apache.zookeeper.KeeperException$NodeExistsException: KeeperErrorCode = NodeExists for /app1"]
        );
        con.run(&mut w, "c1", c, "Stat stat = new Stat()");
        con.run(
            &mut w,
            "c1",
            c,
            "client.getData().storingStatIn(stat).forPath(\"/app1\")",
        );
        let stat = con.run(&mut w, "c1", c, "curator stat");
        // Stat.toString() ends with a newline, as the recordings show.
        assert_eq!(stat.len(), 2);
        assert_eq!(stat[0].split(',').count(), 11, "{stat:?}");
        assert_eq!(stat[1], "");
        assert_eq!(con.run(&mut w, "c1", c, "lock /l"), ["c1: acquired /l"]);
        // The same lines in a script print the same.
        let script = "ensemble 1\nstart 1\nclient c1 1\nc1 curator client.create().forPath(\"/app1\")\nc1 lock /l\n";
        let lines = run_text(script, 3).unwrap().lines;
        assert!(lines.contains(&"c1: acquired /l".to_string()));
    }

    #[test]
    fn malformed_java_is_a_clear_error_never_a_panic() {
        let (mut w, c) = world();
        let mut con = CuratorConsole::new();
        for bad in [
            "client.create(.forPath(\"/a\")",
            "client.create().forPath(\"/a",
            "new String(",
            "Stat = ",
            "client.fly()",
            "lock",
            "cache hash /a",
            "curator",
            ")))(((",
            "System.out.println(\"\\u00\")",
        ] {
            let out = con.run(&mut w, "c1", c, bad);
            let last = out.last().unwrap_or_else(|| panic!("{bad}: nothing"));
            assert!(last.starts_with("error: "), "{bad}: {out:?}");
        }
    }

    #[test]
    fn every_completion_the_tables_offer_is_in_the_subset() {
        let args = |m: &str| match m {
            "withMode(" => "withMode(CreateMode.EPHEMERAL)".to_string(),
            "withACL(" => "withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE)".to_string(),
            "storingStatIn(" => "storingStatIn(stat)".to_string(),
            "inBackground(" => "inBackground(callback)".to_string(),
            "usingWatcher(" => "usingWatcher((CuratorWatcher) e -> System.out.println(e))".into(),
            "withVersion(" => "withVersion(-1)".to_string(),
            m => m.to_string(),
        };
        let mut script =
            "ensemble 1\nstart 1\nclient c1 1\nc1 curator Stat stat = new Stat()\n".to_string();
        for (i, (builder, mods)) in MODIFIERS.iter().enumerate() {
            for (j, m) in mods.iter().enumerate().filter(|(_, m)| **m != "forPath(") {
                let data = if matches!(*builder, "create" | "setData") {
                    ", \"x\".getBytes()"
                } else {
                    ""
                };
                script.push_str(&format!(
                    "c1 curator client.{builder}().{}.forPath(\"/t{i}{j}\"{data})\n",
                    args(m)
                ));
            }
        }
        let lines = run_text(&script, 1).unwrap().lines;
        let refused: Vec<&String> = lines
            .iter()
            .filter(|l| l.contains("not in the simulated Curator subset"))
            .collect();
        assert!(refused.is_empty(), "{refused:?}");
    }
}
