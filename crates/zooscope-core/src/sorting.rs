//! Sorting through a few shared code paths.
//!
//! `sort_by`/`sort_by_key` copy the whole sorting algorithm (a few kilobytes of
//! WebAssembly) for every element type *and* every distinct comparison closure. The
//! helpers here funnel the simulator's sorts into two copies: one for strings with a
//! plain-function comparator, and one that sorts `(u64, u64)` keys tagged with their
//! position and then moves the elements. Ties keep their original order, so every result
//! is exactly what a stable `sort_by_key` on the same key gives.

use std::cmp::Ordering;

/// Sort strings with `cmp`, stably.
#[inline(never)]
pub fn sort_strings_by(v: &mut [String], cmp: fn(&str, &str) -> Ordering) {
    v.sort_by(|a, b| cmp(a, b));
}

/// The positions of `keys` in ascending key order, equal keys in their original order.
#[inline(never)]
pub fn stable_order(keys: Vec<(u64, u64)>) -> Vec<usize> {
    let mut tagged: Vec<(u64, u64, usize)> = keys
        .into_iter()
        .enumerate()
        .map(|(i, (a, b))| (a, b, i))
        .collect();
    // The position makes every tuple distinct, so an unstable sort is stable here.
    tagged.sort_unstable();
    tagged.into_iter().map(|(_, _, i)| i).collect()
}

/// Sort `v` by `key` ascending, stably: same result as `v.sort_by_key(key)`.
pub fn sort_by_u64_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> (u64, u64)) {
    let order = stable_order(v.iter().map(key).collect());
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_stable_sort_by_key() {
        let items: Vec<(u64, u64, char)> = vec![
            (3, 1, 'a'),
            (1, 9, 'b'),
            (3, 1, 'c'),
            (0, 0, 'd'),
            (1, 2, 'e'),
            (3, 0, 'f'),
            (1, 9, 'g'),
        ];
        let mut expected = items.clone();
        expected.sort_by_key(|&(a, b, _)| (a, b));
        let mut got = items;
        sort_by_u64_key(&mut got, |&(a, b, _)| (a, b));
        assert_eq!(got, expected);
    }

    #[test]
    fn strings_sort_stably_with_the_given_order() {
        let mut v: Vec<String> = ["b", "A", "a", "B"].iter().map(|s| s.to_string()).collect();
        sort_strings_by(&mut v, |a, b| a.to_lowercase().cmp(&b.to_lowercase()));
        assert_eq!(v, ["A", "a", "b", "B"]);
    }
}
