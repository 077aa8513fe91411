//! Java collection iteration orders that leak into ZooKeeper's output.
//!
//! A few replies list set members in whatever order the server's `java.util.HashSet` or
//! `ConcurrentHashMap` iterates them: `getEphemerals` (a `HashSet` clone), the children a
//! server returns (a `HashSet` per `DataNode`, which decides the order `deleteall`
//! deletes in) and a connection's auth ids (a `ConcurrentHashMap` key set, seen by
//! `whoami` and by `auth` ACL expansion). These are pure functions of the members'
//! `String.hashCode`s, the table capacity and the insertion order, so we reproduce them:
//! members sort by bucket index (`spread(hash) & (capacity - 1)`), and within a bucket
//! by insertion order (buckets are linked lists that append at the tail and keep their
//! order when a resize splits them). Source: OpenJDK 17 `java/util/HashMap.java`
//! (`hash`, `tableSizeFor`, `resize`, `putMapEntries`) and `ConcurrentHashMap.spread`.
//! Not modelled: tree bins, which Java only builds for 8+ colliding keys in a table of
//! 64+ buckets.

/// `HashMap.hash`: fold the high half into the low half.
pub fn hashmap_spread(h: i32) -> u32 {
    let h = h as u32;
    h ^ (h >> 16)
}

/// `ConcurrentHashMap.spread`.
pub fn chm_spread(h: i32) -> u32 {
    hashmap_spread(h) & 0x7fff_ffff
}

/// `HashMap.tableSizeFor`: the smallest power of two `>= c` (at least 1).
pub fn table_size_for(c: u32) -> u32 {
    c.max(1)
        .checked_next_power_of_two()
        .unwrap_or(1 << 30)
        .min(1 << 30)
}

/// The table capacity of a `HashMap` built with `initial` capacity after it has held at
/// most `high_water` entries at once (it doubles whenever size exceeds 3/4 of capacity
/// and never shrinks).
pub fn grown_capacity(initial: u32, high_water: u32) -> u32 {
    let mut cap = table_size_for(initial);
    while u64::from(high_water) * 4 > u64::from(cap) * 3 && cap < (1 << 30) {
        cap *= 2;
    }
    cap
}

/// The capacity of `HashMap.clone()` / `putMapEntries` into an empty map of `size`
/// entries: `tableSizeFor(size / 0.75 + 1)`.
pub fn clone_capacity(size: u32) -> u32 {
    let ft = size as f32 / 0.75f32 + 1.0f32;
    table_size_for(ft as u32)
}

/// Order `items` (given with their spread hash and insertion sequence) the way a table
/// of `capacity` buckets iterates them.
pub fn iteration_order<T: Clone>(items: &[(T, u32, u64)], capacity: u32) -> Vec<T> {
    let mask = capacity.max(1) - 1;
    let keys = items
        .iter()
        .map(|(_, h, seq)| (u64::from(h & mask), *seq))
        .collect();
    crate::sorting::stable_order(keys)
        .into_iter()
        .map(|i| items[i].0.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::path::java_hash;

    #[test]
    fn capacities() {
        assert_eq!(table_size_for(5), 8);
        assert_eq!(table_size_for(16), 16);
        assert_eq!(grown_capacity(16, 12), 16);
        assert_eq!(grown_capacity(16, 13), 32);
        assert_eq!(grown_capacity(8, 6), 8);
        assert_eq!(grown_capacity(8, 7), 16);
        assert_eq!(clone_capacity(2), 4);
        assert_eq!(clone_capacity(3), 8);
        assert_eq!(clone_capacity(0), 1);
    }

    #[test]
    fn matches_a_real_getephemerals_reply() {
        // Recorded from ZooKeeper 3.8.0: ephemerals created as /e/one, /e/two, /solo
        // came back as [/e/two, /solo, /e/one].
        let items: Vec<(String, u32, u64)> = ["/e/one", "/e/two", "/solo"]
            .iter()
            .enumerate()
            .map(|(i, p)| (p.to_string(), hashmap_spread(java_hash(p)), i as u64))
            .collect();
        let source = iteration_order(&items, grown_capacity(16, 3));
        let reseq: Vec<(String, u32, u64)> = source
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), hashmap_spread(java_hash(p)), i as u64))
            .collect();
        assert_eq!(
            iteration_order(&reseq, clone_capacity(3)),
            vec!["/e/two".to_string(), "/solo".into(), "/e/one".into()]
        );
    }
}
