//! The scenario line `NAME cache node|children|tree|curator PATH` (issue 10's contract).
//!
//! It starts the course's cache on client NAME — NodeCache `start(true)`,
//! PathChildrenCache (cacheData) `start()`, TreeCache `start()`, CuratorCache `start()`
//! ([`crate::protocols::zookeeper::client::curator::cache`]) — with the course's
//! listener, whose printouts are [`listener_lines`]:
//!
//! * NodeCache: `节点变化了~`, then `new String(getCurrentData().getData())` (on a
//!   deletion the current data is null, the listener throws after its first line and
//!   Curator swallows it, so only `节点变化了~` is printed);
//! * PathChildrenCache: `子节点变化了~`, the event's `toString()`, and on CHILD_UPDATED
//!   also `数据变了!!!` and the new data as a string;
//! * TreeCache: `节点变化了`, the event's `toString()`;
//! * CuratorCache: `TYPE OLD NEW` per event and `initialized` once.
//!
//! An optional last word is the start argument: `NAME cache node PATH false` is NodeCache
//! `start(false)` (default `true`); `NAME cache children PATH BUILD_INITIAL_CACHE` or
//! `POST_INITIALIZED_EVENT` is PathChildrenCache `start(mode)` (default `start()`,
//! `NORMAL`).
//!
//! Events print when they arrive, in the output of whichever line is running then.
//! While any cache runs, every line settles before its output is complete: the world
//! runs on until no request, reply, notification or replication message is in flight
//! (pings aside; at most [`SETTLE_LIMIT`] of simulated time), so the events a line set
//! off land in its own output, as in the recordings (`tests/curator/README.md`).

use super::{err, ScenarioError, Step};
use crate::id::NodeId;
use crate::protocols::zookeeper::client::curator::cache::host::{CacheOutput, CacheSet};
use crate::protocols::zookeeper::client::curator::cache::path_children::PathChildrenCacheEventType;
use crate::protocols::zookeeper::client::curator::cache::path_children::StartMode;
use crate::protocols::zookeeper::client::curator::cache::{
    Cache, CacheEvent, CacheKind, CacheStart,
};
use crate::protocols::zookeeper::client::driver::EVENTS_LIMIT;
use crate::protocols::zookeeper::data::path;
use crate::protocols::zookeeper::msg::ZkMsg;
use crate::protocols::zookeeper::node::ZkNode;
use crate::protocols::zookeeper::replication::zab::packet::ZabPacket;
use crate::time::{SimDuration, SimTime};
use crate::world::World;

/// Longest a line settles (simulated).
pub const SETTLE_LIMIT: SimDuration = SimDuration::from_secs(30);

/// Parse `NAME cache KIND PATH`; `None` when the line is not a cache line.
pub fn parse(line: usize, words: &[&str]) -> Option<Result<Step, ScenarioError>> {
    if words.get(1) != Some(&"cache") {
        return None;
    }
    Some(parse_cache(line, words))
}

fn parse_cache(line: usize, words: &[&str]) -> Result<Step, ScenarioError> {
    let usage = "cache lines are NAME cache node|children|tree|curator PATH \
                 (node PATH true|false, children PATH NORMAL|BUILD_INITIAL_CACHE|POST_INITIALIZED_EVENT)";
    let (name, kind, p, arg) = match words {
        [name, _, kind, p] => (name, kind, p, None),
        [name, _, kind, p, arg] => (name, kind, p, Some(*arg)),
        _ => return Err(err(line, usage)),
    };
    let kind = CacheKind::from_word(kind)
        .ok_or_else(|| err(line, format!("'{kind}' is not a cache ({usage})")))?;
    path::validate_path(p).map_err(|m| err(line, format!("bad cache path '{p}': {m}")))?;
    let start = match (kind, arg) {
        (_, None) => CacheStart::Course,
        (CacheKind::Node, Some("true")) => CacheStart::Node(true),
        (CacheKind::Node, Some("false")) => CacheStart::Node(false),
        (CacheKind::Children, Some("NORMAL")) => CacheStart::Children(StartMode::Normal),
        (CacheKind::Children, Some("BUILD_INITIAL_CACHE")) => {
            CacheStart::Children(StartMode::BuildInitialCache)
        }
        (CacheKind::Children, Some("POST_INITIALIZED_EVENT")) => {
            CacheStart::Children(StartMode::PostInitializedEvent)
        }
        (_, Some(a)) => {
            return Err(err(
                line,
                format!(
                    "'{a}' is not a start argument of a {} cache ({usage})",
                    kind.word()
                ),
            ))
        }
    };
    Ok(Step::Cache {
        name: name.to_string(),
        kind,
        path: p.to_string(),
        start,
    })
}

/// Start the course's cache of `kind` on `path` on client node `client` (named `name`).
pub fn start(
    world: &mut World<ZkNode>,
    caches: &mut CacheSet,
    client: NodeId,
    name: &str,
    kind: CacheKind,
    path: &str,
    start: CacheStart,
) -> Result<(), String> {
    caches.start(world, client, name, Cache::course(kind, path, start))
}

/// What the course's listener prints for one event (`System.out.println` of a string
/// with newlines is several lines).
pub fn listener_lines(o: &CacheOutput) -> Vec<String> {
    let mut text: Vec<String> = Vec::new();
    match &o.event {
        CacheEvent::NodeChanged(data) => {
            text.push("节点变化了~".into());
            if let Some(s) = data.as_ref().and_then(|d| d.data_string()) {
                text.push(s);
            }
        }
        CacheEvent::Children(e) => {
            text.push("子节点变化了~".into());
            text.push(e.to_string());
            if e.kind == PathChildrenCacheEventType::ChildUpdated {
                text.push("数据变了!!!".into());
                if let Some(s) = e.data.as_ref().and_then(|d| d.data_string()) {
                    text.push(s);
                }
            }
        }
        CacheEvent::Tree(e) => {
            text.push("节点变化了".into());
            text.push(e.to_string());
        }
        CacheEvent::Curator(e) => text.push(e.to_string()),
    }
    text.iter()
        .flat_map(|t| t.split('\n').map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Is anything but pings (and messages held by a partition) in flight?
fn quiet(world: &World<ZkNode>) -> bool {
    world.in_flight().all(|e| {
        e.held
            || match &e.msg {
                ZkMsg::Ping | ZkMsg::PingReply { .. } | ZkMsg::Vote(_) => true,
                ZkMsg::Quorum(p) => matches!(**p, ZabPacket::Ping { .. }),
                _ => false,
            }
    })
}

// merge: replace with driver::settle
/// Run the world, letting the caches react, until nothing but pings is in flight (at
/// most [`SETTLE_LIMIT`]); returns the listener lines printed meanwhile and before.
pub(super) fn settle_caches(world: &mut World<ZkNode>, caches: &mut CacheSet) -> Vec<String> {
    let deadline = SimTime(world.now().0.saturating_add(SETTLE_LIMIT.0));
    let mut budget = EVENTS_LIMIT;
    caches.pump(world);
    while !quiet(world) && budget > 0 {
        match world.next_event_time() {
            Some(t) if t <= deadline => {
                world.step();
                caches.pump(world);
                budget -= 1;
            }
            _ => break,
        }
    }
    caches
        .take_output()
        .iter()
        .flat_map(listener_lines)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_lines_parse_and_refuse() {
        let ok = parse(3, &["c1", "cache", "tree", "/app2"])
            .unwrap()
            .unwrap();
        assert_eq!(
            ok,
            Step::Cache {
                name: "c1".into(),
                kind: CacheKind::Tree,
                path: "/app2".into(),
                start: CacheStart::Course,
            }
        );
        let pie = parse(
            1,
            &["c1", "cache", "children", "/p", "POST_INITIALIZED_EVENT"],
        );
        assert!(matches!(
            pie,
            Some(Ok(Step::Cache {
                start: CacheStart::Children(StartMode::PostInitializedEvent),
                ..
            }))
        ));
        assert!(matches!(
            parse(1, &["c1", "cache", "node", "/p", "false"]),
            Some(Ok(Step::Cache {
                start: CacheStart::Node(false),
                ..
            }))
        ));
        let e = parse(1, &["c1", "cache", "tree", "/p", "false"])
            .unwrap()
            .unwrap_err();
        assert!(
            e.message.contains("not a start argument of a tree cache"),
            "{e}"
        );
        assert!(parse(1, &["c1", "curator", "x"]).is_none());
        let e = parse(4, &["c1", "cache", "hash", "/a"])
            .unwrap()
            .unwrap_err();
        assert!(e.message.contains("'hash' is not a cache"), "{e}");
        assert_eq!(e.line, 4);
        assert!(parse(1, &["c1", "cache", "node", "a"]).unwrap().is_err());
        assert!(parse(1, &["c1", "cache", "node"]).unwrap().is_err());
        assert!(parse(1, &["c1", "cache", "node", "/a", "x"])
            .unwrap()
            .is_err());
    }

    /// Position of the first line at or after `from` that contains `text`.
    fn find(lines: &[String], from: usize, text: &str) -> usize {
        lines[from..]
            .iter()
            .position(|l| l.contains(text))
            .map(|i| from + i)
            .unwrap_or_else(|| panic!("no '{text}' after line {from} in {lines:#?}"))
    }

    #[test]
    fn caches_ride_out_a_partition_and_catch_up() {
        let script = "ensemble 1\nstart 1\nclient c1 1\nclient w 1\nw> create /a one\n\
                      w> create /a/k kid\nc1 cache tree /a\nc1 cache children /a\n\
                      partition c1 | 1 w\nwait 25s\nw> set /a/k kid2\nw> create /a/n new\n\
                      heal\nwait 5s\n";
        let report = super::super::run_text(script, 3).unwrap();
        let l = &report.lines;
        let cut = find(l, 0, "> partition");
        let s1 = find(l, cut, "TreeCacheEvent{type=CONNECTION_SUSPENDED");
        let s2 = find(l, cut, "PathChildrenCacheEvent{type=CONNECTION_SUSPENDED");
        let healed = find(l, s1.max(s2), "> heal");
        // Nothing reaches the caches while they are cut off.
        assert!(l[s1..healed]
            .iter()
            .all(|x| !x.contains("107, 105, 100, 50")));
        let r = find(l, healed, "TreeCacheEvent{type=CONNECTION_RECONNECTED");
        find(
            l,
            healed,
            "PathChildrenCacheEvent{type=CONNECTION_RECONNECTED",
        );
        // The missed changes arrive once the session is back on a server.
        find(
            l,
            r,
            "TreeCacheEvent{type=NODE_UPDATED, data=ChildData{path='/a/k'",
        );
        find(
            l,
            r,
            "PathChildrenCacheEvent{type=CHILD_UPDATED, data=ChildData{path='/a/k'",
        );
        find(
            l,
            r,
            "TreeCacheEvent{type=NODE_ADDED, data=ChildData{path='/a/n'",
        );
        find(
            l,
            r,
            "PathChildrenCacheEvent{type=CHILD_ADDED, data=ChildData{path='/a/n'",
        );
    }

    #[test]
    fn a_cache_line_needs_its_client() {
        let e = super::super::run_text("ensemble 1\nstart 1\nc9 cache node /a\n", 1).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("no client c9"), "{e}");
    }
}
