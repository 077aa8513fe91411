//! The table of in-flight messages, keyed by message id.
//!
//! Message ids are handed out in send order and most messages arrive roughly in that
//! order, so the table is a window of slots starting at the oldest message still in
//! flight: insert appends, lookup is an index, and removing the oldest slides the window.
//! Envelopes are boxed so the window itself stays small. It replaced a `BTreeMap`, whose
//! node rebalancing moved whole envelopes around on the kernel's hottest path.

use crate::id::MsgId;
use std::collections::VecDeque;
use std::hash::{Hash, Hasher};

/// Messages on the wire, in id (send) order.
#[derive(Clone, Debug)]
pub struct InFlight<E> {
    base: u64,
    slots: VecDeque<Option<Box<E>>>,
    len: usize,
}

impl<E> Default for InFlight<E> {
    fn default() -> Self {
        InFlight {
            base: 0,
            slots: VecDeque::new(),
            len: 0,
        }
    }
}

impl<E> InFlight<E> {
    fn slot(&self, id: MsgId) -> Option<usize> {
        let offset = id.0.checked_sub(self.base)?;
        let offset = usize::try_from(offset).ok()?;
        (offset < self.slots.len()).then_some(offset)
    }

    /// Add a message. Ids must not go backwards relative to any id still held.
    pub fn insert(&mut self, id: MsgId, env: E) {
        if self.slots.is_empty() {
            self.base = id.0;
        }
        assert!(id.0 >= self.base, "message ids go forward");
        let offset = (id.0 - self.base) as usize;
        while self.slots.len() <= offset {
            self.slots.push_back(None);
        }
        let slot = &mut self.slots[offset];
        assert!(slot.is_none(), "message id {id} reused");
        *slot = Some(Box::new(env));
        self.len += 1;
    }

    /// Remove and return a message.
    pub fn remove(&mut self, id: MsgId) -> Option<E> {
        let offset = self.slot(id)?;
        let env = self.slots[offset].take()?;
        self.len -= 1;
        while matches!(self.slots.front(), Some(None)) {
            self.slots.pop_front();
            self.base += 1;
        }
        Some(*env)
    }

    /// A message, if in flight.
    pub fn get(&self, id: MsgId) -> Option<&E> {
        self.slots[self.slot(id)?].as_deref()
    }

    /// A message, mutably.
    pub fn get_mut(&mut self, id: MsgId) -> Option<&mut E> {
        let offset = self.slot(id)?;
        self.slots[offset].as_deref_mut()
    }

    /// Whether a message is in flight.
    pub fn contains(&self, id: MsgId) -> bool {
        self.get(id).is_some()
    }

    /// Number of messages in flight.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing is in flight.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// All messages in id order.
    pub fn values(&self) -> impl Iterator<Item = &E> {
        self.slots.iter().flatten().map(|b| &**b)
    }

    /// Messages with ids after `id`, in id order, with their ids.
    pub fn after(&self, id: MsgId) -> impl Iterator<Item = (MsgId, &E)> {
        let start = id.0.saturating_add(1).max(self.base);
        let skip = (start - self.base) as usize;
        let base = self.base;
        self.slots
            .iter()
            .enumerate()
            .skip(skip)
            .filter_map(move |(i, s)| s.as_deref().map(|e| (MsgId(base + i as u64), e)))
    }
}

impl<E: Hash> Hash for InFlight<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.len.hash(state);
        for env in self.values() {
            env.hash(state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        /// Behaves exactly like an ordered map for any mix of inserts and removals.
        #[test]
        fn matches_a_btreemap(ops in proptest::collection::vec((any::<bool>(), 0u64..40), 0..300)) {
            let mut table = InFlight::default();
            let mut model = BTreeMap::new();
            let mut next = 0u64;
            for (insert, pick) in ops {
                if insert {
                    next += 1 + pick % 3; // ids skip, as drops consume ids
                    table.insert(MsgId(next), next);
                    model.insert(next, next);
                } else if let Some(&k) = model.keys().nth(pick as usize % model.len().max(1)) {
                    prop_assert_eq!(table.remove(MsgId(k)), model.remove(&k));
                }
                prop_assert_eq!(table.len(), model.len());
                let got: Vec<u64> = table.values().copied().collect();
                let want: Vec<u64> = model.values().copied().collect();
                prop_assert_eq!(got, want);
                if let Some(&k) = model.keys().next() {
                    let after: Vec<u64> = table.after(MsgId(k)).map(|(id, _)| id.0).collect();
                    let want: Vec<u64> = model.range(k + 1..).map(|(&k, _)| k).collect();
                    prop_assert_eq!(after, want);
                }
            }
            prop_assert!(table.get(MsgId(u64::MAX)).is_none());
        }
    }
}
