//! The scenario line `NAME cache node|children|tree|curator PATH` (issue 10's contract).
//!
//! It starts the course's cache on client NAME — NodeCache `start(true)`,
//! PathChildrenCache (cacheData) `start()`, TreeCache `start()`, CuratorCache `start()`
//! ([`crate::protocols::zookeeper::client::curator::cache`]) — with the course's
//! listener, whose printouts are
//! [`crate::protocols::zookeeper::client::curator::cache::set::CacheOutput::lines`].
//!
//! An optional last word is the start argument: `NAME cache node PATH false` is NodeCache
//! `start(false)` (default `true`); `NAME cache children PATH BUILD_INITIAL_CACHE` or
//! `POST_INITIALIZED_EVENT` is PathChildrenCache `start(mode)` (default `start()`,
//! `NORMAL`).
//!
//! Events print when they arrive, in the output of whichever line is running then; a
//! `cache` line settles like every Curator line (`scenario/curator_lines.rs`). The
//! cache runs on the client's framework, so a client with a namespace caches paths
//! inside it.

use super::curator_lines::CuratorLine;
use super::{err, ScenarioError};
use crate::protocols::zookeeper::client::curator::cache::path_children::StartMode;
use crate::protocols::zookeeper::client::curator::cache::{CacheKind, CacheStart};
use crate::protocols::zookeeper::data::path;

/// Parse `NAME cache KIND PATH`; `None` when the line is not a cache line.
pub fn parse(line: usize, words: &[&str]) -> Option<Result<CuratorLine, ScenarioError>> {
    if words.get(1) != Some(&"cache") {
        return None;
    }
    Some(parse_cache(line, words))
}

fn parse_cache(line: usize, words: &[&str]) -> Result<CuratorLine, ScenarioError> {
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
    Ok(CuratorLine::Cache {
        name: name.to_string(),
        kind,
        path: p.to_string(),
        start,
    })
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
            CuratorLine::Cache {
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
            Some(Ok(CuratorLine::Cache {
                start: CacheStart::Children(StartMode::PostInitializedEvent),
                ..
            }))
        ));
        assert!(matches!(
            parse(1, &["c1", "cache", "node", "/p", "false"]),
            Some(Ok(CuratorLine::Cache {
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
    fn a_cache_on_a_namespaced_client_caches_inside_its_namespace() {
        let script = "ensemble 1\nstart 1\nclient c1 1 namespace app\nc1 cache tree /a\n\
                      c1 curator client.create().forPath(\"/a\", \"x\".getBytes())\n\
                      w> ls /app\n";
        let script = script.replace("w> ls /app", "client w 1\nw> ls /app");
        let report = super::super::run_text(&script, 3).unwrap();
        let l = &report.lines;
        // The framework made the namespace node before the cache's first request.
        let added = find(
            l,
            0,
            "TreeCacheEvent{type=NODE_ADDED, data=ChildData{path='/a'",
        );
        assert!(l[added + 1].contains("data=[120]"), "{}", l[added + 1]);
        assert!(l.iter().all(|x| !x.contains("path='/app")), "{l:#?}");
        let ls = find(l, 0, "> w> ls /app");
        assert_eq!(l[ls + 1], "[a]");
    }

    #[test]
    fn a_cache_line_needs_its_client() {
        let e = super::super::run_text("ensemble 1\nstart 1\nc9 cache node /a\n", 1).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("no Curator client c9"), "{e}");
    }
}
