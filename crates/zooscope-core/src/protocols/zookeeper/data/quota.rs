//! Quotas: the `StatsTrack` text format and the server's bookkeeping.
//!
//! ZooKeeper 3.8 keeps a quota for path `P` as two nodes, `/zookeeper/quota/P/
//! zookeeper_limits` and `.../zookeeper_stats`, whose data is a `StatsTrack` string such
//! as `count=3,bytes=12` (extra keys follow sorted after `=;`: `count=-1,bytes=-1=;
//! byteHardLimit=-1;countHardLimit=10`). Creating a limits node registers `P` as a quota
//! root; creating the stats node recounts P's subtree into it; from then on every
//! create, delete and setData below `P` adjusts the stats node's data in place (no txn,
//! no version change). Hard limits are only enforced with `zookeeper.enforceQuota`,
//! which is off by default, so a quota never makes a write fail here. Sources:
//! `StatsTrack.java`, `Quotas.java`, `common/PathTrie.java`, `DataTree.java`
//! (`createNode`, `deleteNode`, `setData`, `updateQuotaStat`, `updateQuotaForPath`).

use crate::vecmap::VecMap;

/// `/zookeeper/quota`.
pub const QUOTA_ROOT: &str = "/zookeeper/quota";
/// Name of the limits node.
pub const LIMIT_NODE: &str = "zookeeper_limits";
/// Name of the stats node.
pub const STAT_NODE: &str = "zookeeper_stats";

/// `Quotas.quotaPath`.
pub fn quota_path(p: &str) -> String {
    format!("{QUOTA_ROOT}{p}")
}

/// `Quotas.limitPath`.
pub fn limit_path(p: &str) -> String {
    format!("{QUOTA_ROOT}{p}/{LIMIT_NODE}")
}

/// `Quotas.statPath`.
pub fn stat_path(p: &str) -> String {
    format!("{QUOTA_ROOT}{p}/{STAT_NODE}")
}

/// A `StatsTrack`: named counters, missing ones reading as -1.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatsTrack {
    stats: VecMap<String, i64>,
}

impl StatsTrack {
    /// Parse the stored text (pairs separated by `,`/`;`, each `key=value`; an empty
    /// value means -1).
    pub fn parse(text: &str) -> StatsTrack {
        let mut stats = VecMap::new();
        for pair in text.split([',', ';']).filter(|p| !p.is_empty()) {
            let mut kv = pair.split('=').filter(|s| !s.is_empty());
            let (Some(k), v) = (kv.next(), kv.next()) else {
                continue;
            };
            let v = v.and_then(|v| v.parse::<i64>().ok()).unwrap_or(-1);
            stats.insert(k.to_string(), v);
        }
        StatsTrack { stats }
    }

    /// A counter (-1 when absent).
    pub fn get(&self, key: &str) -> i64 {
        self.stats.get(key).copied().unwrap_or(-1)
    }

    /// Set a counter.
    pub fn set(&mut self, key: &str, v: i64) {
        self.stats.insert(key.to_string(), v);
    }
}

impl std::fmt::Display for StatsTrack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "count={},bytes={}", self.get("count"), self.get("bytes"))?;
        let extra: Vec<(&String, &i64)> = self
            .stats
            .iter()
            .filter(|(k, _)| k.as_str() != "count" && k.as_str() != "bytes")
            .collect();
        if !extra.is_empty() {
            write!(f, "=")?;
            for (k, v) in extra {
                write!(f, ";{k}={v}")?;
            }
        }
        Ok(())
    }
}

/// Split like `PathTrie.split`: non-blank components.
fn components(p: &str) -> impl Iterator<Item = &str> {
    p.split('/').filter(|c| !c.trim().is_empty())
}

/// Is `prefix` a component-wise prefix of `p`?
pub fn is_component_prefix(prefix: &str, p: &str) -> bool {
    let mut a = components(prefix);
    let mut b = components(p);
    loop {
        match (a.next(), b.next()) {
            (None, _) => return true,
            (Some(x), Some(y)) if x == y => continue,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_track_text() {
        let mut s = StatsTrack::default();
        s.set("count", 2);
        s.set("bytes", -1);
        assert_eq!(s.to_string(), "count=2,bytes=-1");
        s.set("countHardLimit", 5);
        s.set("byteHardLimit", -1);
        let text = s.to_string();
        assert_eq!(text, "count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=5");
        assert_eq!(StatsTrack::parse(&text), s);
        assert_eq!(StatsTrack::parse("").get("count"), -1);
    }

    #[test]
    fn prefixes() {
        assert!(is_component_prefix("/a", "/a/b"));
        assert!(is_component_prefix("/a", "/a"));
        assert!(!is_component_prefix("/a", "/ab"));
        assert_eq!(limit_path("/a"), "/zookeeper/quota/a/zookeeper_limits");
    }
}
