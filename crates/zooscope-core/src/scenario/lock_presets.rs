//! The lock lab's presets: named starting scripts a lesson opens with
//! `#/locks?preset=NAME`, one per lock type of the course and per hazard.
//!
//! Each is an ordinary scenario script (docs/scenario-language.md) and a description of
//! what the lab draws: the lock path, the lock kinds its buttons take and its layout.
//! The words that explain a preset are the UI's (`src/i18n/locks.rs`).

/// How the lab lays a preset out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// One queue.
    Queue,
    /// The herd lock beside the recipe: the same lines, `as naive` on the left.
    HerdVsQueue,
    /// The queue and the fenced storage's writes.
    Fencing,
    /// The 12306 demo without and with the lock.
    Tickets,
}

/// A preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LockPreset {
    /// Its name in `?preset=`.
    pub name: &'static str,
    /// The lock path the lab draws.
    pub path: &'static str,
    /// What the lab's lock lines name (the paths of a multi lock).
    pub target: &'static str,
    /// The lock kinds the lab's buttons take (`mutex` first for the plain lock).
    pub kinds: &'static [&'static str],
    /// The layout.
    pub layout: Layout,
    /// The starting script.
    pub script: &'static str,
}

const CONTEND5: &str = "ensemble 3\nstart 1 2 3\nwait until stable\nclient c1 1,2,3\nclient c2 2,3,1\nclient c3 3,1,2\nclient c4 1,2,3\nclient c5 2,3,1\nc1 lock /lock\nc2 lock /lock\nc3 lock /lock\nc4 lock /lock\nc5 lock /lock";

const CONTEND3: &str = "ensemble 3\nstart 1 2 3\nwait until stable\nclient c1 1,2,3\nclient c2 2,3,1\nclient c3 3,1,2\nc1 lock /lock\nc2 lock /lock\nc3 lock /lock";

/// Every preset, in the lab's menu order.
pub const PRESETS: [LockPreset; 13] = [
    LockPreset { name: "queue", path: "/lock", target: "/lock", kinds: &["mutex"], layout: Layout::Queue, script: CONTEND5 },
    LockPreset { name: "herd", path: "/lock", target: "/lock", kinds: &["mutex"], layout: Layout::HerdVsQueue, script: CONTEND5 },
    LockPreset { name: "reentrant", path: "/lock", target: "/lock", kinds: &["mutex"], layout: Layout::Queue, script: "ensemble 3\nstart 1 2 3\nwait until stable\nclient c1 1,2,3\nclient c2 2,3,1\nc1 lock /lock\nc1 lock /lock\nc2 lock /lock" },
    LockPreset { name: "semaphore-mutex", path: "/lock", target: "/lock", kinds: &["semaphore-mutex"], layout: Layout::Queue, script: "ensemble 3\nstart 1 2 3\nwait until stable\nclient c1 1,2,3\nclient c2 2,3,1\nclient c3 3,1,2\nc1 lock /lock as semaphore-mutex\nc2 lock /lock as semaphore-mutex\nc3 lock /lock as semaphore-mutex" },
    LockPreset { name: "read-write", path: "/rw", target: "/rw", kinds: &["read", "write"], layout: Layout::Queue, script: "ensemble 3\nstart 1 2 3\nwait until stable\nclient r1 1,2,3\nclient r2 2,3,1\nclient w1 3,1,2\nclient r3 1,2,3\nr1 lock /rw as read\nr2 lock /rw as read\nw1 lock /rw as write\nr3 lock /rw as read" },
    LockPreset { name: "semaphore", path: "/leases", target: "/leases", kinds: &["semaphore 2"], layout: Layout::Queue, script: "ensemble 3\nstart 1 2 3\nwait until stable\nclient c1 1,2,3\nclient c2 2,3,1\nclient c3 3,1,2\nclient c4 1,2,3\nc1 lock /leases as semaphore 2\nc2 lock /leases as semaphore 2\nc3 lock /leases as semaphore 2\nc4 lock /leases as semaphore 2" },
    LockPreset { name: "multi", path: "/ma", target: "/ma,/mb", kinds: &["multi"], layout: Layout::Queue, script: "ensemble 3\nstart 1 2 3\nwait until stable\nclient c1 1,2,3\nclient c2 2,3,1\nc1 lock /ma,/mb as multi\nc2 lock /ma,/mb as multi" },
    LockPreset { name: "latch", path: "/leader", target: "/leader", kinds: &["latch"], layout: Layout::Queue, script: "ensemble 3\nstart 1 2 3\nwait until stable\nclient c1 1,2,3\nclient c2 2,3,1\nclient c3 3,1,2\nc1 latch start /leader\nc2 latch start /leader\nc3 latch start /leader" },
    LockPreset { name: "client-dies", path: "/lock", target: "/lock", kinds: &["mutex"], layout: Layout::Queue, script: CONTEND3 },
    LockPreset { name: "server-crash", path: "/lock", target: "/lock", kinds: &["mutex"], layout: Layout::Queue, script: CONTEND3 },
    LockPreset { name: "partition", path: "/lock", target: "/lock", kinds: &["mutex"], layout: Layout::Queue, script: CONTEND3 },
    LockPreset { name: "fencing", path: "/lock", target: "/lock", kinds: &["mutex"], layout: Layout::Fencing, script: "ensemble 3\nstart 1 2 3\nwait until stable\nclient c1 1,2,3\nclient c2 2,3,1\nc1 lock /lock\nc2 lock /lock\nc1 store /lock v1\npause c1\nwait 70s\nc2 store /lock v2\nresume c1\nc1 store /lock v3" },
    LockPreset { name: "tickets", path: "/lock", target: "/lock", kinds: &["mutex"], layout: Layout::Tickets, script: "" },
];

/// The preset called `name`.
pub fn preset(name: &str) -> Option<&'static LockPreset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// Sellers of the 12306 preset by default.
pub const TICKET_SELLERS_DEFAULT: usize = 4;

/// The 12306 script for `sellers` (2–10) with or without the lock.
pub fn tickets_script(sellers: usize, locked: bool) -> String {
    let n = sellers.clamp(2, super::tickets::SELLERS_MAX);
    let mut text = String::from("ensemble 3\nstart 1 2 3\nwait until stable\n");
    let names: Vec<String> = (1..=n).map(|i| format!("s{i}")).collect();
    for (i, name) in names.iter().enumerate() {
        let mut servers = [1, 2, 3];
        servers.rotate_left(i % 3);
        text.push_str(&format!(
            "client {name} {} curator\n",
            servers.map(|s| s.to_string()).join(",")
        ));
    }
    text.push_str(&format!("tickets {}", names.join(",")));
    if locked {
        text.push_str(" lock /lock");
    }
    text
}

/// `line` with its lock words turned into the herd lock's (`NAME lock PATH` and
/// `NAME unlock PATH` without a kind get `as naive`); other lines are unchanged.
pub fn as_herd(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [_, "lock" | "unlock", _] | [_, "lock", _, "timeout", _] => {
            let mut w = words.clone();
            w.insert(3, "as naive");
            w.join(" ")
        }
        _ => line.to_string(),
    }
}

/// The path and kind of the first lock line of `script` (a lesson's lab): what the lab
/// draws and what its buttons take. None when it has no lock line.
pub fn lock_of_script(script: &str) -> Option<(String, String)> {
    use crate::scenario::curator_lines::CuratorLine;
    use crate::scenario::Step;
    let parsed = crate::scenario::parse(script).ok()?;
    parsed.steps.into_iter().find_map(|(_, _, s)| match s {
        Step::Curator(CuratorLine::Lock { path, kind, .. }) => Some((path, kind)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::lock_run::LockRun;
    use crate::scenario::lock_view::view;

    #[test]
    fn every_preset_runs() {
        for p in PRESETS.iter().filter(|p| !p.script.is_empty()) {
            let r = LockRun::new(p.script, 1).unwrap_or_else(|e| panic!("{}: {e}", p.name));
            let v = view(r.runner(), p.path);
            assert!(!v.clients.is_empty(), "{}", p.name);
            assert!(
                v.clients.iter().any(|c| c.holds.is_some()),
                "{}: nobody holds",
                p.name
            );
        }
        assert!(LockRun::new(&tickets_script(3, true), 1).is_ok());
    }

    #[test]
    fn the_fencing_preset_rejects_the_stale_write() {
        let r = LockRun::new(preset("fencing").unwrap().script, 1).unwrap();
        let w = &r.runner().storage.writes;
        assert_eq!(w.len(), 3);
        assert_eq!(w[2].client, "c1");
        assert!(matches!(
            w[2].verdict,
            crate::scenario::fencing::Verdict::Stale { .. }
        ));
        let v = view(r.runner(), "/lock");
        let c1 = v.clients.iter().find(|c| c.name == "c1").unwrap();
        // It came back with a new session (SUSPENDED, LOST, RECONNECTED) and its
        // InterProcessMutex still reports the node it held, which is gone.
        let believed = c1
            .holds
            .clone()
            .expect("c1 still believes it holds the lock");
        assert!(!v.queue.nodes.iter().any(|n| n.name == believed));
        assert_eq!(v.queue.nodes[0].held_by, ["c2"]);
    }

    fn holder(r: &LockRun) -> Option<String> {
        view(r.runner(), "/lock")
            .queue
            .nodes
            .first()
            .and_then(|n| n.held_by.first().cloned())
    }

    #[test]
    fn the_hazard_presets_do_what_their_words_say() {
        // The holder's server crashes: the session moves and keeps the lock.
        let mut r = LockRun::new(preset("server-crash").unwrap().script, 1).unwrap();
        let server = view(r.runner(), "/lock").clients[0].server.unwrap();
        r.push(&format!("stop {server}")).unwrap();
        r.push("wait 10s").unwrap();
        let v = view(r.runner(), "/lock");
        assert_eq!(holder(&r).as_deref(), Some("c1"));
        assert!(v.clients[0].session_live && v.clients[0].server != Some(server));
        // A partition cuts the holder off: once its session expires, c2 holds.
        let mut r = LockRun::new(preset("partition").unwrap().script, 1).unwrap();
        r.push("partition 1 2 3 | c1").unwrap();
        r.push("wait 10s").unwrap();
        assert_eq!(holder(&r).as_deref(), Some("c1"));
        r.push("wait 60s").unwrap();
        assert_eq!(holder(&r).as_deref(), Some("c2"));
        // The holder's client dies: the lock passes only after the session timeout.
        let mut r = LockRun::new(preset("client-dies").unwrap().script, 1).unwrap();
        r.push("kill c1").unwrap();
        // Curator asks for 60 s; the servers cap it at maxSessionTimeout, 20 ticks = 40 s.
        r.push("wait 30s").unwrap();
        assert_eq!(
            view(r.runner(), "/lock").queue.nodes[0].owner.as_deref(),
            Some("c1")
        );
        r.push("wait 20s").unwrap();
        assert_eq!(holder(&r).as_deref(), Some("c2"));
    }

    #[test]
    fn herd_lines_get_the_naive_kind() {
        assert_eq!(as_herd("c1 lock /lock"), "c1 lock /lock as naive");
        assert_eq!(as_herd("c1 unlock /lock"), "c1 unlock /lock as naive");
        assert_eq!(
            as_herd("c1 lock /lock timeout 3s"),
            "c1 lock /lock as naive timeout 3s"
        );
        assert_eq!(as_herd("kill c1"), "kill c1");
    }
}
