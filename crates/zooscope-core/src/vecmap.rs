//! Small ordered maps and sets kept as sorted vectors.
//!
//! `BTreeMap` is generic over key *and* value, and the compiler copies its node machinery
//! (search, insert with splits, remove with rebalancing, cloning, dropping, iteration)
//! for every `<K, V>` pair in use: several kilobytes of WebAssembly each, some forty
//! times over in the web bundle. The tables in the simulator are mostly tiny (one entry
//! per server, session or in-flight request), and for those a sorted vector is as fast
//! and much smaller. [`VecMap`] keeps keys and values in two parallel vectors, so the
//! search code is shared by every map with the same key type and the vector code by every
//! map with the same key or value type.
//!
//! Both types behave like their `BTreeMap`/`BTreeSet` counterparts wherever ZooScope
//! can see it: iteration is in ascending key order, `insert` replaces the value and
//! returns the old one, and `Hash`, `Debug` and serde's encoding are entry-for-entry the
//! same, so state fingerprints, traces and saved keys do not change. Inserting or
//! removing in the middle moves the tail, so they are meant for tables of at most a few
//! thousand entries; the big, unbounded ones (the data tree's nodes) stay `BTreeMap`s.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Bound, RangeBounds};

use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Binary search in sorted `keys`: `Ok(index)` when found, `Err(insertion point)`.
#[inline]
fn search<K: Borrow<Q>, Q: Ord + ?Sized>(keys: &[K], key: &Q) -> Result<usize, usize> {
    keys.binary_search_by(|k| k.borrow().cmp(key))
}

/// The index range of `keys` whose keys fall in `range`.
fn span<K: Borrow<Q>, Q: Ord + ?Sized, R: RangeBounds<Q>>(keys: &[K], range: &R) -> (usize, usize) {
    let start = match range.start_bound() {
        Bound::Included(q) => search(keys, q).unwrap_or_else(|i| i),
        Bound::Excluded(q) => search(keys, q).map_or_else(|i| i, |i| i + 1),
        Bound::Unbounded => 0,
    };
    let end = match range.end_bound() {
        Bound::Included(q) => search(keys, q).map_or_else(|i| i, |i| i + 1),
        Bound::Excluded(q) => search(keys, q).unwrap_or_else(|i| i),
        Bound::Unbounded => keys.len(),
    };
    (start, end.max(start))
}

/// An ordered map backed by two sorted, parallel vectors (see the module docs).
#[derive(Clone, PartialEq, Eq)]
pub struct VecMap<K, V> {
    keys: Vec<K>,
    vals: Vec<V>,
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap {
            keys: Vec::new(),
            vals: Vec::new(),
        }
    }
}

impl<K, V> VecMap<K, V> {
    /// An empty map.
    pub const fn new() -> Self {
        VecMap {
            keys: Vec::new(),
            vals: Vec::new(),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Remove every entry.
    pub fn clear(&mut self) {
        self.keys.clear();
        self.vals.clear();
    }

    /// Entries in ascending key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        self.keys.iter().zip(self.vals.iter())
    }

    /// Entries in ascending key order, values mutable.
    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        self.keys.iter().zip(self.vals.iter_mut())
    }

    /// Keys in ascending order.
    pub fn keys(&self) -> std::slice::Iter<'_, K> {
        self.keys.iter()
    }

    /// Values in key order.
    pub fn values(&self) -> std::slice::Iter<'_, V> {
        self.vals.iter()
    }

    /// Values in key order, mutable.
    pub fn values_mut(&mut self) -> std::slice::IterMut<'_, V> {
        self.vals.iter_mut()
    }

    /// Keys in ascending order, consuming the map.
    pub fn into_keys(self) -> std::vec::IntoIter<K> {
        self.keys.into_iter()
    }

    /// Values in key order, consuming the map.
    pub fn into_values(self) -> std::vec::IntoIter<V> {
        self.vals.into_iter()
    }

    /// The entry with the smallest key.
    pub fn first_key_value(&self) -> Option<(&K, &V)> {
        Some((self.keys.first()?, self.vals.first()?))
    }

    /// The entry with the largest key.
    pub fn last_key_value(&self) -> Option<(&K, &V)> {
        Some((self.keys.last()?, self.vals.last()?))
    }

    /// Remove and return the entry with the smallest key.
    pub fn pop_first(&mut self) -> Option<(K, V)> {
        if self.keys.is_empty() {
            return None;
        }
        Some((self.keys.remove(0), self.vals.remove(0)))
    }

    /// Remove and return the entry with the largest key.
    pub fn pop_last(&mut self) -> Option<(K, V)> {
        Some((self.keys.pop()?, self.vals.pop()?))
    }

    /// Keep only the entries for which `keep` returns true (in key order).
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        let mut write = 0;
        for read in 0..self.keys.len() {
            if keep(&self.keys[read], &mut self.vals[read]) {
                self.keys.swap(write, read);
                self.vals.swap(write, read);
                write += 1;
            }
        }
        self.keys.truncate(write);
        self.vals.truncate(write);
    }
}

impl<K: Ord, V> VecMap<K, V> {
    /// The value for `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        search(&self.keys, key).ok().map(|i| &self.vals[i])
    }

    /// The stored key and value for `key`.
    pub fn get_key_value<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
    {
        search(&self.keys, key)
            .ok()
            .map(|i| (&self.keys[i], &self.vals[i]))
    }

    /// The value for `key`, mutable.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        search(&self.keys, key).ok().map(|i| &mut self.vals[i])
    }

    /// True when `key` has an entry.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        search(&self.keys, key).is_ok()
    }

    /// Set `key` to `value`, returning the value it replaced.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match search(&self.keys, &key) {
            Ok(i) => Some(std::mem::replace(&mut self.vals[i], value)),
            Err(i) => {
                self.keys.insert(i, key);
                self.vals.insert(i, value);
                None
            }
        }
    }

    /// Remove `key`'s entry, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = search(&self.keys, key).ok()?;
        self.keys.remove(i);
        Some(self.vals.remove(i))
    }

    /// Remove `key`'s entry, returning the stored key and value.
    pub fn remove_entry<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
    {
        let i = search(&self.keys, key).ok()?;
        Some((self.keys.remove(i), self.vals.remove(i)))
    }

    /// Entries whose keys fall in `range`, in ascending key order.
    pub fn range<Q: Ord + ?Sized, R: RangeBounds<Q>>(&self, range: R) -> Iter<'_, K, V>
    where
        K: Borrow<Q>,
    {
        let (a, b) = span(&self.keys, &range);
        self.keys[a..b].iter().zip(self.vals[a..b].iter())
    }

    /// The slot for `key`, to read or fill in place.
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        let at = search(&self.keys, &key);
        Entry { map: self, key, at }
    }
}

/// Iterator over a [`VecMap`]'s entries.
pub type Iter<'a, K, V> = std::iter::Zip<std::slice::Iter<'a, K>, std::slice::Iter<'a, V>>;
/// Iterator over a [`VecMap`]'s entries with mutable values.
pub type IterMut<'a, K, V> = std::iter::Zip<std::slice::Iter<'a, K>, std::slice::IterMut<'a, V>>;

/// One key's slot in a [`VecMap`], from [`VecMap::entry`].
pub struct Entry<'a, K, V> {
    map: &'a mut VecMap<K, V>,
    key: K,
    at: Result<usize, usize>,
}

impl<'a, K, V> Entry<'a, K, V> {
    /// The value, inserting `make()` first if the key had none.
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'a mut V {
        let i = match self.at {
            Ok(i) => i,
            Err(i) => {
                self.map.keys.insert(i, self.key);
                self.map.vals.insert(i, make());
                i
            }
        };
        &mut self.map.vals[i]
    }

    /// The value, inserting `value` first if the key had none.
    pub fn or_insert(self, value: V) -> &'a mut V {
        self.or_insert_with(|| value)
    }

    /// The value, inserting `V::default()` first if the key had none.
    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }

    /// Change the existing value in place (nothing happens for a vacant key).
    pub fn and_modify(self, f: impl FnOnce(&mut V)) -> Self {
        if let Ok(i) = self.at {
            f(&mut self.map.vals[i]);
        }
        self
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = VecMap::new();
        m.extend(iter);
        m
    }
}

impl<K: Ord, V> Extend<(K, V)> for VecMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for VecMap<K, V> {
    fn from(items: [(K, V); N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a, K, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, K, V> IntoIterator for &'a mut VecMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::iter::Zip<std::vec::IntoIter<K>, std::vec::IntoIter<V>>;
    fn into_iter(self) -> Self::IntoIter {
        self.keys.into_iter().zip(self.vals)
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> std::ops::Index<&Q> for VecMap<K, V> {
    type Output = V;
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry found for key")
    }
}

/// Same as `BTreeMap`'s: the length, then each key and value in order.
impl<K: Hash, V: Hash> Hash for VecMap<K, V> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for (k, v) in self.iter() {
            k.hash(state);
            v.hash(state);
        }
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for VecMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Serialize, V: Serialize> Serialize for VecMap<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for VecMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = VecMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut m = VecMap::new();
                while let Some((k, v)) = a.next_entry()? {
                    m.insert(k, v);
                }
                Ok(m)
            }
        }
        d.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

/// An ordered set backed by a sorted vector (see the module docs).
#[derive(Clone, PartialEq, Eq)]
pub struct VecSet<T> {
    items: Vec<T>,
}

impl<T> Default for VecSet<T> {
    fn default() -> Self {
        VecSet { items: Vec::new() }
    }
}

impl<T> VecSet<T> {
    /// An empty set.
    pub const fn new() -> Self {
        VecSet { items: Vec::new() }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Remove every element.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// Elements in ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The smallest element.
    pub fn first(&self) -> Option<&T> {
        self.items.first()
    }

    /// The largest element.
    pub fn last(&self) -> Option<&T> {
        self.items.last()
    }

    /// Remove and return the smallest element.
    pub fn pop_first(&mut self) -> Option<T> {
        if self.items.is_empty() {
            None
        } else {
            Some(self.items.remove(0))
        }
    }

    /// Remove and return the largest element.
    pub fn pop_last(&mut self) -> Option<T> {
        self.items.pop()
    }

    /// Keep only the elements for which `keep` returns true.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.items.retain(keep);
    }

    /// The elements as a sorted slice.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }
}

impl<T: Ord> VecSet<T> {
    /// True when `value` is in the set.
    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        search(&self.items, value).is_ok()
    }

    /// Add `value`; false when it was already there (the set keeps the old one).
    pub fn insert(&mut self, value: T) -> bool {
        match search(&self.items, &value) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, value);
                true
            }
        }
    }

    /// Remove `value`; false when it was not there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match search(&self.items, value) {
            Ok(i) => {
                self.items.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    /// Remove and return the stored element equal to `value`.
    pub fn take<Q: Ord + ?Sized>(&mut self, value: &Q) -> Option<T>
    where
        T: Borrow<Q>,
    {
        let i = search(&self.items, value).ok()?;
        Some(self.items.remove(i))
    }

    /// Elements that fall in `range`, in ascending order.
    pub fn range<Q: Ord + ?Sized, R: RangeBounds<Q>>(&self, range: R) -> std::slice::Iter<'_, T>
    where
        T: Borrow<Q>,
    {
        let (a, b) = span(&self.items, &range);
        self.items[a..b].iter()
    }

    /// True when every element of `self` is in `other`.
    pub fn is_subset(&self, other: &VecSet<T>) -> bool {
        self.items.iter().all(|x| other.contains(x))
    }
}

impl<T: Ord> FromIterator<T> for VecSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut s = VecSet::new();
        s.extend(iter);
        s
    }
}

impl<T: Ord> Extend<T> for VecSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for x in iter {
            self.insert(x);
        }
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for VecSet<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a, T> IntoIterator for &'a VecSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T> IntoIterator for VecSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Same as `BTreeSet`'s: the length, then each element in order (element by element,
/// never as one byte slice, so a set of integers hashes like the `BTreeSet` did).
impl<T: Hash> Hash for VecSet<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for x in &self.items {
            x.hash(state);
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for VecSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.items.iter()).finish()
    }
}

impl<T: Serialize> Serialize for VecSet<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut q = s.serialize_seq(Some(self.len()))?;
        for x in &self.items {
            q.serialize_element(x)?;
        }
        q.end()
    }
}

impl<'de, T: Ord + Deserialize<'de>> Deserialize<'de> for VecSet<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SetVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Ord + Deserialize<'de>> Visitor<'de> for SetVisitor<T> {
            type Value = VecSet<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut s = VecSet::new();
                while let Some(x) = a.next_element()? {
                    s.insert(x);
                }
                Ok(s)
            }
        }
        d.deserialize_seq(SetVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::StableHasher;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn map_matches_btreemap_on_a_mixed_workload() {
        let mut v: VecMap<u64, String> = VecMap::new();
        let mut b: BTreeMap<u64, String> = BTreeMap::new();
        let mut x: u64 = 7;
        for step in 0..2000u64 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = (x >> 33) % 97;
            match step % 5 {
                0 | 1 => assert_eq!(v.insert(k, step.to_string()), b.insert(k, step.to_string())),
                2 => assert_eq!(v.remove(&k), b.remove(&k)),
                3 => {
                    *v.entry(k).or_default() += "x";
                    *b.entry(k).or_default() += "x";
                }
                _ => {
                    v.retain(|k, _| k % 3 != 0 || step % 2 == 0);
                    b.retain(|k, _| k % 3 != 0 || step % 2 == 0);
                }
            }
            assert_eq!(v.len(), b.len());
            assert_eq!(v.get(&k), b.get(&k));
        }
        assert!(v.iter().eq(b.iter()));
        assert!(v.range(10..40).eq(b.range(10..40)));
        assert!(v.range(10..=40).eq(b.range(10..=40)));
        assert!(v.range(..=3).eq(b.range(..=3)));
        assert_eq!(StableHasher::hash_of(&v), StableHasher::hash_of(&b));
        assert_eq!(format!("{v:?}"), format!("{b:?}"));
        assert_eq!(
            postcard::to_allocvec(&v).unwrap(),
            postcard::to_allocvec(&b).unwrap()
        );
        let back: VecMap<u64, String> =
            postcard::from_bytes(&postcard::to_allocvec(&b).unwrap()).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn set_matches_btreeset_and_hashes_like_it() {
        let items = [5u64, 1, 9, 1, 3, 12, 5, 0];
        let v: VecSet<u64> = items.into_iter().collect();
        let b: BTreeSet<u64> = items.into_iter().collect();
        assert!(v.iter().eq(b.iter()));
        assert_eq!(StableHasher::hash_of(&v), StableHasher::hash_of(&b));
        assert_eq!(format!("{v:?}"), format!("{b:?}"));
        assert!(v.range(2..10).eq(b.range(2..10)));
        let mut v2 = v.clone();
        assert!(v2.remove(&9) && !v2.remove(&9));
        assert!(!v2.contains(&9) && v2.contains(&12));
        let names: VecSet<String> = ["b".to_string(), "a".to_string()].into_iter().collect();
        let bn: BTreeSet<String> = ["b".to_string(), "a".to_string()].into_iter().collect();
        assert_eq!(StableHasher::hash_of(&names), StableHasher::hash_of(&bn));
        assert!(names.contains("a"));
        assert_eq!(
            postcard::to_allocvec(&v).unwrap(),
            postcard::to_allocvec(&b).unwrap()
        );
    }
}
