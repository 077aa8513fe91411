//! An ordered set of strings that reuses `BTreeMap<String, u64>`'s compiled code.
//!
//! The data tree keeps each node's children and each session's ephemerals in
//! `BTreeMap<String, u64>`s, and several unbounded path sets (containers, TTL nodes,
//! watch registrations) used `BTreeSet<String>`, which the compiler turns into a second,
//! separate copy of the B-tree code in the web bundle. [`StrSet`] stores its paths as the
//! keys of a `BTreeMap<String, u64>` (the value is always 0), so both share one copy and
//! the sets keep the B-tree's logarithmic cost however large they grow. It hashes,
//! prints and serializes exactly like the `BTreeSet<String>` it replaced.

use std::collections::btree_map::Keys;
use std::collections::BTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ordered set of strings (see the module docs).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct StrSet {
    map: BTreeMap<String, u64>,
}

impl StrSet {
    /// An empty set.
    pub const fn new() -> Self {
        StrSet {
            map: BTreeMap::new(),
        }
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// True when `s` is in the set.
    pub fn contains(&self, s: &str) -> bool {
        self.map.contains_key(s)
    }

    /// Add `s`; false when it was already there.
    pub fn insert(&mut self, s: String) -> bool {
        match self.map.entry(s) {
            std::collections::btree_map::Entry::Occupied(_) => false,
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(0);
                true
            }
        }
    }

    /// Remove `s`; false when it was not there.
    pub fn remove(&mut self, s: &str) -> bool {
        self.map.remove(s).is_some()
    }

    /// Keep only the strings for which `keep` returns true.
    pub fn retain(&mut self, mut keep: impl FnMut(&String) -> bool) {
        self.map.retain(|k, _| keep(k));
    }

    /// The strings in ascending order.
    pub fn iter(&self) -> Keys<'_, String, u64> {
        self.map.keys()
    }
}

impl<'a> IntoIterator for &'a StrSet {
    type Item = &'a String;
    type IntoIter = Keys<'a, String, u64>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.keys()
    }
}

impl IntoIterator for StrSet {
    type Item = String;
    type IntoIter = std::collections::btree_map::IntoKeys<String, u64>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.into_keys()
    }
}

impl FromIterator<String> for StrSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut s = StrSet::new();
        for x in iter {
            s.insert(x);
        }
        s
    }
}

/// Same as `BTreeSet<String>`'s: the length, then each string in order.
impl Hash for StrSet {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.len());
        for s in self.map.keys() {
            s.hash(state);
        }
    }
}

impl fmt::Debug for StrSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.map.keys()).finish()
    }
}

impl Serialize for StrSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut q = s.serialize_seq(Some(self.len()))?;
        for x in self.map.keys() {
            q.serialize_element(x)?;
        }
        q.end()
    }
}

impl<'de> Deserialize<'de> for StrSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SetVisitor;
        impl<'de> Visitor<'de> for SetVisitor {
            type Value = StrSet;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<StrSet, A::Error> {
                let mut s = StrSet::new();
                while let Some(x) = a.next_element::<String>()? {
                    s.insert(x);
                }
                Ok(s)
            }
        }
        d.deserialize_seq(SetVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::StableHasher;
    use std::collections::BTreeSet;

    #[test]
    fn behaves_hashes_and_encodes_like_a_btreeset() {
        let words = ["/b", "/a", "/c/d", "/a", "", "/é"];
        let s: StrSet = words.iter().map(|w| w.to_string()).collect();
        let b: BTreeSet<String> = words.iter().map(|w| w.to_string()).collect();
        assert!(s.iter().eq(b.iter()));
        assert_eq!(StableHasher::hash_of(&s), StableHasher::hash_of(&b));
        assert_eq!(format!("{s:?}"), format!("{b:?}"));
        let bytes = postcard::to_allocvec(&s).unwrap();
        assert_eq!(bytes, postcard::to_allocvec(&b).unwrap());
        assert_eq!(postcard::from_bytes::<StrSet>(&bytes).unwrap(), s);
        let mut s2 = s.clone();
        assert!(!s2.insert("/b".into()) && s2.insert("/z".into()));
        assert!(s2.remove("/z") && !s2.remove("/z"));
        s2.retain(|p| p.starts_with("/a"));
        assert_eq!(s2.into_iter().collect::<Vec<_>>(), ["/a"]);
    }
}
